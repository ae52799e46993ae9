"""The Morris–Shin global game: a unique run threshold from private information.

A regime (a currency peg, a stablecoin's redemption, a bank) has strength
``theta`` and fails iff the mass of agents who attack (sell, redeem, withdraw)
is at least ``theta``. Attacking costs ``c`` and pays 1 if the regime fails, so
an agent attacks iff the probability of failure is above ``c``.

With common knowledge of ``theta`` the game has two equilibria for
``0 < theta < 1`` (all attack, nobody attacks) — the Diamond–Dybvig
multiplicity again. Morris and Shin show that a little private noise about
``theta`` picks one: every agent attacks iff their signal is below a threshold,
and the regime fails iff ``theta`` is below ``theta*``.

Two versions are computed here.

- **Vanishing noise** (uniform limit). The marginal agent's belief about the
  share of attackers is uniform on [0, 1] (the Laplacian belief), so
  ``theta* = 1 - c``.
- **Normal prior, normal signals.** ``theta ~ N(z, 1/alpha)`` and each agent
  sees ``x = theta + eps`` with ``eps ~ N(0, 1/beta)`` (precisions alpha and
  beta). The failure threshold solves::

      (alpha / sqrt(beta)) (theta* - z) - Phi^-1(theta*) = sqrt(1 + alpha/beta) Phi^-1(c)

  and agents attack iff ``x < x* = theta* + Phi^-1(theta*) / sqrt(beta)``.
  The left side is decreasing everywhere (one solution, a unique equilibrium)
  iff ``alpha / sqrt(beta) <= sqrt(2 pi)``: private information must be precise
  relative to public information. With very precise private signals
  (``beta -> inf``) ``theta* -> 1 - c``, the uniform limit.

**From a threshold to a probability and a price.** Before anyone sees a
signal, ``theta ~ N(z, 1/alpha)``, so the regime fails with probability
``P = Phi(sqrt(alpha) (theta* - z))`` (:func:`failure_risk`). Read as a
stablecoin: the probability of a depeg, and ``P x loss given failure`` the fair
premium of cover against it (risk-neutral, undiscounted). Disclosure is a
*public* signal: it moves ``z`` and raises ``alpha`` (Morris & Shin 2002).

Sources
-------
- H. Carlsson and E. van Damme (1993), "Global Games and Equilibrium
  Selection", *Econometrica* 61(5), 989–1018 (noisy signals select the
  risk-dominant equilibrium of a 2x2 game).
- I. Goldstein and A. Pauzner (2005), "Demand–Deposit Contracts and the
  Probability of Bank Runs", *Journal of Finance* 60(3), 1293–1327.
- S. Morris and H. S. Shin (2002), "Social Value of Public Information",
  *American Economic Review* 92(5), 1521–1534.
- S. Morris and H. S. Shin (1998), "Unique Equilibrium in a Model of
  Self-Fulfilling Currency Attacks", *American Economic Review* 88(3), 587–597.
- S. Morris and H. S. Shin (2003), "Global Games: Theory and Applications",
  in *Advances in Economics and Econometrics* (8th World Congress), Cambridge
  University Press, §2 (the normal–normal example and its uniqueness condition).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "GlobalGameThreshold",
    "FailureRisk",
    "threshold_uniform",
    "threshold_normal",
    "threshold_sides",
    "ThresholdSides",
    "uniqueness_holds",
    "failure_probability",
    "failure_risk",
]

SQRT_2PI = math.sqrt(2.0 * math.pi)

# Bounds that keep every root representable in double precision. Precisions below 1e-6 (a standard
# deviation above 1,000 on a regime strength in (0, 1)) mean "no information" and are refused.
ALPHA_MIN, ALPHA_MAX = 1e-6, 1e4
BETA_MIN, BETA_MAX = 1e-6, 1e8
Z_MAX = 10.0


@dataclass(frozen=True)
class GlobalGameThreshold:
    """The equilibria of the normal–normal global game.

    Attributes
    ----------
    theta_star : tuple of float
        Every solution of the threshold equation, ascending. One when the
        equilibrium is unique; three (two stable, one unstable) when not.
    x_star : tuple of float
        The signal threshold that goes with each ``theta_star``.
    unique : bool
        Whether the uniqueness condition ``alpha / sqrt(beta) <= sqrt(2 pi)``
        holds.
    """

    theta_star: tuple[float, ...]
    x_star: tuple[float, ...]
    unique: bool


# Every function of this module takes these parameters with these constraints.
C = v.Probability(low_open=True, high_open=True)
ALPHA = v.Real(ALPHA_MIN, ALPHA_MAX)
BETA = v.Real(BETA_MIN, BETA_MAX)
Z = v.Real(-Z_MAX, Z_MAX)


@v.params(c=C)
def threshold_uniform(c: float) -> float:
    """Failure threshold with vanishing private noise: ``theta* = 1 - c``.

    Parameters
    ----------
    c : float
        Cost of attacking, in (0, 1).

    Examples
    --------
    >>> threshold_uniform(0.25)
    0.75
    """
    return 1.0 - c


@v.params(alpha=ALPHA, beta=BETA)
def uniqueness_holds(alpha: float, beta: float) -> bool:
    """Morris–Shin (2003) uniqueness condition: ``alpha / sqrt(beta) <= sqrt(2 pi)``.

    Parameters
    ----------
    alpha : float
        Precision of the public prior ``theta ~ N(z, 1/alpha)``, in [1e-6, 1e4].
    beta : float
        Precision of each private signal ``x = theta + N(0, 1/beta)``, in [1e-6, 1e8].

    Examples
    --------
    >>> uniqueness_holds(1.0, 1.0), uniqueness_holds(10.0, 1.0)
    (True, False)
    """
    return alpha / math.sqrt(beta) <= SQRT_2PI


def _ndtri_of_expit(u: np.ndarray) -> np.ndarray:
    # Phi^-1(1 / (1 + exp(-u))) without losing the tail near theta = 1.
    from scipy.special import expit, ndtri

    return np.where(u < 0, ndtri(expit(u)), -ndtri(expit(-u)))


def _gap_logit(u: np.ndarray, c: float, alpha: float, beta: float, z: float) -> np.ndarray:
    from scipy.special import expit, ndtri

    return (
        (alpha / math.sqrt(beta)) * (expit(u) - z) - _ndtri_of_expit(u) - math.sqrt(1 + alpha / beta) * float(ndtri(c))
    )


@dataclass(frozen=True)
class ThresholdSides:
    """Result of :func:`threshold_sides`: both sides of the threshold equation.

    Attributes
    ----------
    lhs : float or numpy.ndarray
        ``(alpha / sqrt(beta)) (theta - z) - Phi^-1(theta)`` at each theta.
    rhs : float
        ``sqrt(1 + alpha/beta) Phi^-1(c)``.
    """

    lhs: float | np.ndarray
    rhs: float


@v.params(theta=v.RealArray(0.0, 1.0, low_open=True, high_open=True), c=C, alpha=ALPHA, beta=BETA, z=Z)
def threshold_sides(
    theta: ArrayLike, c: float = 0.5, alpha: float = 1.0, beta: float = 10.0, z: float = 0.5
) -> ThresholdSides:
    """Both sides of the threshold equation (:class:`ThresholdSides`): ``lhs`` at each theta and ``rhs``.

    ``lhs(theta) = (alpha / sqrt(beta)) (theta - z) - Phi^-1(theta)`` and
    ``rhs = sqrt(1 + alpha/beta) Phi^-1(c)``; the equilibrium thresholds are
    where they meet. Plotting both shows why there are one or three.

    Parameters
    ----------
    theta : float or array_like
        Regime strengths, each in (0, 1).
    c, alpha, beta, z : float
        As in :func:`threshold_normal`.

    Examples
    --------
    >>> sides = threshold_sides([0.25, 0.5], c=0.5, alpha=1.0, beta=10.0, z=0.5)
    >>> [round(float(x), 4) for x in sides.lhs], sides.rhs
    ([0.5954, 0.0], 0.0)
    """
    theta = np.asarray(theta)  # already an array (@v.params): for the type checker
    from scipy.special import ndtri

    lhs = (alpha / math.sqrt(beta)) * (theta - z) - ndtri(theta)
    rhs = math.sqrt(1 + alpha / beta) * float(ndtri(c)) + 0.0
    return ThresholdSides((float(lhs) if lhs.ndim == 0 else lhs), rhs)


# Search grid in logit(theta): dense in the middle, reaching the double-precision tails
# (expit(-708) ~ 3e-308 is still a normal double, so Phi^-1 of it is finite).
_U_GRID = np.concatenate(
    [np.linspace(-708.0, -40.0, 60)[:-1], np.linspace(-40.0, 40.0, 4001), np.linspace(40.0, 708.0, 60)[1:]]
)


@v.params(c=C, alpha=ALPHA, beta=BETA, z=Z)
def threshold_normal(c: float = 0.5, alpha: float = 1.0, beta: float = 10.0, z: float = 0.5) -> GlobalGameThreshold:
    """Equilibrium thresholds of the normal–normal global game (Morris & Shin 2003, §2).

    Parameters
    ----------
    c : float
        Cost of attacking, in (0, 1).
    alpha : float
        Precision of the public prior ``theta ~ N(z, 1/alpha)``, in [1e-6, 1e4].
    beta : float
        Precision of each private signal ``x = theta + N(0, 1/beta)``, in [1e-6, 1e8].
    z : float
        Prior mean of ``theta`` (the public signal), in [-10, 10].

    Returns
    -------
    GlobalGameThreshold
        All solutions ``theta*`` (each to about 1e-12; one that lies within about 1e-16
        of 0 or 1 is given as 0.0 or 1.0), their ``x*``, and whether the uniqueness
        condition holds.

    Examples
    --------
    >>> r = threshold_normal(c=0.25, alpha=1.0, beta=1e6, z=0.5)
    >>> r.unique, round(r.theta_star[0], 3)          # close to the uniform limit 1 - c
    (True, 0.75)
    >>> r = threshold_normal(c=0.5, alpha=5.0, beta=1.0, z=0.5)      # public information dominates
    >>> r.unique, [round(t, 4) for t in r.theta_star]
    (False, [0.0068, 0.5, 0.9932])
    """
    beyond = ValueError(
        f"with c={c:g}, alpha={alpha:g}, beta={beta:g}, z={z:g} an equilibrium threshold lies "
        "closer to 0 or 1 than double precision can hold; use a smaller alpha / sqrt(beta) "
        "or a z nearer to [0, 1]"
    )
    g = _gap_logit(_U_GRID, c, alpha, beta, z)
    if not (np.all(np.isfinite(g)) and g[0] > 0 and g[-1] < 0):
        # Mathematically g -> +inf as theta -> 0 and -inf as theta -> 1; if the grid's ends,
        # at theta = 3e-308 and 1 - 3e-308, do not show that, a root lies beyond double precision.
        raise beyond
    sign = np.sign(g)
    roots = [float(_U_GRID[i]) for i in np.flatnonzero(sign == 0)]
    for i in np.flatnonzero(sign[:-1] * sign[1:] < 0):
        lo, hi = float(_U_GRID[i]), float(_U_GRID[i + 1])
        g_lo = float(g[i])
        for _ in range(200):  # bisection in logit space: bounded, no hang
            mid = 0.5 * (lo + hi)
            if mid in (lo, hi):
                break
            g_mid = float(_gap_logit(np.array(mid), c, alpha, beta, z))
            if g_mid == 0.0:
                lo = hi = mid
                break
            if (g_mid > 0) == (g_lo > 0):
                lo, g_lo = mid, g_mid
            else:
                hi = mid
        roots.append(0.5 * (lo + hi))
    from scipy.special import expit

    # A root can lie within 1e-16 of 0 or 1 (public information strong and far from the
    # regime's range): it is found in logit space, and its theta* rounds to 0.0 or 1.0.
    thetas = sorted(float(expit(u)) for u in roots)
    xs = tuple(t + float(_ndtri_of_expit(np.array(u))) / math.sqrt(beta) for t, u in zip(thetas, sorted(roots)))
    if not all(math.isfinite(x) for x in xs):
        raise beyond
    return GlobalGameThreshold(theta_star=tuple(thetas), x_star=xs, unique=uniqueness_holds(alpha, beta))


@dataclass(frozen=True)
class FailureRisk:
    """The probability that the regime fails, and a price of cover against it.

    Attributes
    ----------
    theta_star : float
        The unique failure threshold (regime strength below which it fails).
    probability : float
        ``Phi(sqrt(alpha) (theta* - z))``: the prior probability that ``theta < theta*``,
        a fraction in [0, 1].
    loss : float
        Loss per unit of value if the regime fails (a fraction of par).
    price : float
        ``probability * loss``: the fair premium, per unit of cover, of protection paying
        the loss if the regime fails (risk-neutral, undiscounted).
    """

    theta_star: float
    probability: float
    loss: float
    price: float


@v.params(c=C, alpha=ALPHA, beta=BETA, z=Z, loss=v.Probability())
def failure_risk(
    c: float = 0.5, alpha: float = 1.0, beta: float = 10.0, z: float = 0.5, loss: float = 0.1
) -> FailureRisk:
    """Probability of failure ``P = Phi(sqrt(alpha) (theta* - z))`` and the price ``P x loss``.

    Before the private signals arrive, the regime's strength is ``theta ~ N(z, 1/alpha)``;
    it fails iff ``theta < theta*``, the unique threshold of :func:`threshold_normal`.
    Defined only where the threshold equation has one solution (always so when
    ``alpha / sqrt(beta) <= sqrt(2 pi)``): with several the model does not say which is played.

    Parameters
    ----------
    c, alpha, beta, z : float
        As in :func:`threshold_normal`.
    loss : float
        Loss per unit of value if the regime fails, in [0, 1] (for a stablecoin, par
        minus the price it falls to).

    Returns
    -------
    FailureRisk

    Examples
    --------
    >>> risk = failure_risk(c=0.5, alpha=1.0, beta=10.0, z=0.5, loss=0.1)
    >>> round(risk.theta_star, 3), round(risk.probability, 3), round(risk.price, 4)
    (0.5, 0.5, 0.05)
    """
    eq = threshold_normal(c=c, alpha=alpha, beta=beta, z=z)
    if len(eq.theta_star) != 1:
        raise ValueError(
            f"alpha must leave one equilibrium threshold (alpha / sqrt(beta) <= sqrt(2 pi) = {SQRT_2PI:.4f} "
            f"always does); alpha={alpha:g} with beta={beta:g}, c={c:g}, z={z:g} gives "
            f"{len(eq.theta_star)}: the failure probability is not pinned down"
        )
    theta = eq.theta_star[0]
    p = failure_probability(theta, alpha=alpha, z=z)
    return FailureRisk(theta_star=theta, probability=p, loss=loss, price=p * loss)


@v.params(theta_star=v.Probability(), alpha=ALPHA, z=Z)
def failure_probability(theta_star: float, alpha: float = 1.0, z: float = 0.5) -> float:
    """Prior probability that the regime's strength is below ``theta_star``: ``Phi(sqrt(alpha) (theta_star - z))``.

    Parameters
    ----------
    theta_star : float
        A failure threshold, in [0, 1] (from :func:`threshold_normal`).
    alpha, z : float
        Precision and mean of the public prior ``theta ~ N(z, 1/alpha)``, as in :func:`threshold_normal`.

    Examples
    --------
    >>> failure_probability(0.5, alpha=4.0, z=0.5)
    0.5
    """
    from scipy.special import ndtr

    return float(ndtr(math.sqrt(alpha) * (theta_star - z)))
