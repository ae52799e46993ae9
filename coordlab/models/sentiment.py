"""Sentiment and event dynamics: DeGroot consensus and the Hawkes self-exciting process.

**DeGroot (1974).** Each member of a community updates their opinion to a weighted
average of the opinions they listen to: ``x(t+1) = W x(t)`` with a row-stochastic
trust matrix ``W``. If ``W`` is irreducible and aperiodic (e.g. strongly
connected with some self-trust), opinions converge to a consensus
``pi . x(0)``, where ``pi`` is the stationary left eigenvector (``pi W = pi``,
``sum pi = 1``): each member's **influence weight**.

**Hawkes (1971).** Events (governance alarms, social-media storms, liquidations)
excite more events: intensity ``lambda(t) = mu + sum_{t_i < t} alpha exp(-beta (t - t_i))``.
Each event begets on average ``n = alpha / beta`` others (the branching ratio);
the process is stationary iff ``n < 1``, with mean intensity ``mu / (1 - n)``.
Simulated by Ogata's (1981) thinning algorithm with a seeded generator. A Hawkes
process is *self-exciting*: its intensity is built from its own past events. It is
not a Cox (doubly stochastic Poisson) process, whose intensity is an outside random
process that the events do not feed back into (Cox 1955); both have a random
intensity, and they are told apart by that feedback.

Sources
-------
- M. H. DeGroot (1974), "Reaching a consensus", *J. American Statistical
  Association* 69(345), 118–121.
- A. G. Hawkes (1971), "Spectra of some self-exciting and mutually exciting point
  processes", *Biometrika* 58(1), 83–90.
- Y. Ogata (1981), "On Lewis' simulation method for point processes", *IEEE
  Trans. Information Theory* 27(1), 23–31.
- D. R. Cox (1955), "Some statistical methods connected with series of events",
  *J. Royal Statistical Society B* 17(2), 129–164 (the doubly stochastic process).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "trust_matrix",
    "influence_weights",
    "degroot",
    "hawkes_branching_ratio",
    "hawkes_mean_intensity",
    "HawkesPath",
    "simulate_hawkes",
    "hawkes_intensity",
]

# Sizes that keep every call to about a second: the eigenvectors of a 300-member trust matrix, a
# DeGroot path of steps x members**2 <= 1e9 multiplications, a Hawkes path of about 100,000 events,
# an intensity at (times asked) x (events) <= 1e7 pairs.
MEMBERS_MAX = 300
DEGROOT_WORK_MAX = 10**9
EVENTS_MAX = 100_000
DRAWS_MAX = 4 * EVENTS_MAX
INTENSITY_PAIRS_MAX = 10_000_000

W_ = v.RealMatrix()
# Rates: below 1e-6 per unit of time a background rate or a decay means "never" in any window
# simulate_hawkes allows (t_max <= 1e5), and 1 / mu would overflow at the smallest doubles.
MU = v.Real(1e-6, 1e4)
ALPHA = v.Real(0.0, 1e4)
BETA = v.Real(1e-6, 1e4)


@v.params(W=W_)
def trust_matrix(W: ArrayLike) -> np.ndarray:
    """Validate a DeGroot trust matrix: square, non-negative, rows summing to 1 (within 1e-9).

    Parameters
    ----------
    W : array_like, shape (n, n)
        The trust matrix: ``W[i, j]`` is the weight member ``i`` puts on member ``j``'s opinion, each in
        [0, 1], rows summing to 1 (within 1e-9); one row and column per member, at most 300 members.

    Examples
    --------
    >>> trust_matrix([[0.5, 0.5], [0.25, 0.75]]).shape
    (2, 2)
    """
    W = np.asarray(W)  # already an array (@v.params): for the type checker
    if W.shape[0] != W.shape[1]:
        raise ValueError(f"W must be square (one row and column per member), got shape {W.shape}")
    if W.shape[0] > MEMBERS_MAX:
        raise ValueError(f"W must have at most {MEMBERS_MAX} members, got {W.shape[0]}")
    if np.any(W < 0) or np.any(W > 1):
        raise ValueError("W must have entries in [0, 1] (trust weights)")
    rows = W.sum(axis=1)
    if not np.allclose(rows, 1.0, atol=1e-9):
        raise ValueError(f"W must be row-stochastic (each row sums to 1), got row sums {np.round(rows, 6).tolist()}")
    return W


@v.params(W=W_)
def influence_weights(W: ArrayLike) -> np.ndarray:
    """The stationary left eigenvector ``pi`` of ``W`` (``pi W = pi``, sums to 1): each member's influence.

    Raises ``ValueError`` when ``W`` does not lead to a single consensus (the
    eigenvalue 1 is repeated, or another eigenvalue has modulus 1: disconnected or
    periodic trust).

    Parameters
    ----------
    W : array_like, shape (n, n)
        The trust matrix: ``W[i, j]`` is the weight member ``i`` puts on member ``j``'s opinion, non-negative,
        rows summing to 1, at most 300 members.

    Examples
    --------
    >>> [round(float(p), 4) for p in influence_weights([[0.5, 0.5], [0.25, 0.75]])]
    [0.3333, 0.6667]
    """
    W = trust_matrix(W)
    values, vectors = np.linalg.eig(W.T)
    order = np.argsort(-np.abs(values))
    if W.shape[0] > 1 and np.abs(values[order[1]]) > 1 - 1e-9:
        raise ValueError(
            "W does not converge to one consensus: the community is disconnected or its trust is "
            "periodic (give members some self-trust and connect the groups)"
        )
    pi = np.real(vectors[:, order[0]])
    pi = pi / pi.sum()
    return np.clip(pi, 0.0, 1.0)


@v.params(W=W_, x0=v.RealArray(-1e12, 1e12, ndim=1), steps=v.Integer(0, 100_000))
def degroot(W: ArrayLike, x0: ArrayLike, steps: int = 30) -> np.ndarray:
    """Opinions over ``steps`` rounds of DeGroot averaging: shape ``(steps + 1, n)``, row 0 is ``x0``.

    Parameters
    ----------
    W : array_like, shape (n, n)
        The trust matrix: ``W[i, j]`` is the weight member ``i`` puts on member ``j``'s opinion, non-negative,
        rows summing to 1, at most 300 members (:func:`trust_matrix`).
    x0 : array_like, shape (n,)
        The initial opinions, one per member, each in [-1e12, 1e12].
    steps : int
        Rounds of averaging, in [0, 100000], with ``steps x members**2`` at most 1e9 (about a second).

    Examples
    --------
    >>> x = degroot([[0.5, 0.5], [0.25, 0.75]], [1.0, 0.0], steps=50)
    >>> [round(float(a), 4) for a in x[-1]]     # consensus pi . x0 = 1/3
    [0.3333, 0.3333]
    """
    W, x0 = np.asarray(W), np.asarray(x0)  # arrays already (@v.params)
    W = trust_matrix(W)
    x = x0
    if x.shape != (W.shape[0],):
        raise ValueError(f"x0 must hold one opinion per member ({W.shape[0]}), got shape {x.shape}")
    if steps * W.shape[0] ** 2 > DEGROOT_WORK_MAX:
        raise ValueError(
            f"steps x members**2 must be at most {DEGROOT_WORK_MAX:.0e} (about a second), got "
            f"steps={steps} with {W.shape[0]} members in W"
        )
    out = np.empty((steps + 1, x.size))
    out[0] = x
    for t in range(steps):
        x = W @ x
        out[t + 1] = x
    return out


def _stationary(alpha: float, beta: float) -> None:
    if alpha / beta >= 1.0:
        raise ValueError(
            f"alpha / beta must be below 1 for a stationary Hawkes process (each event begets fewer "
            f"than one other on average), got alpha={alpha:g}, beta={beta:g}, ratio {alpha / beta:g}"
        )


@v.params(alpha=ALPHA, beta=BETA)
def hawkes_branching_ratio(alpha: float, beta: float) -> float:
    """``alpha / beta``: events triggered, on average, by each event.

    Parameters
    ----------
    alpha : float
        Jump of the intensity at each event, in [0, 1e4].
    beta : float
        Decay rate of the excitation, in [1e-6, 1e4]; ``alpha / beta < 1`` required (a stationary process).

    Examples
    --------
    >>> hawkes_branching_ratio(0.5, 1.0)
    0.5
    """
    _stationary(alpha, beta)
    return alpha / beta


@v.params(mu=MU, alpha=ALPHA, beta=BETA)
def hawkes_mean_intensity(mu: float, alpha: float, beta: float) -> float:
    """Long-run mean event rate ``mu / (1 - alpha / beta)`` of a stationary Hawkes process.

    Parameters
    ----------
    mu : float
        Background rate (events per unit of time), in [1e-6, 1e4].
    alpha : float
        Jump of the intensity at each event, in [0, 1e4].
    beta : float
        Decay rate of the excitation, in [1e-6, 1e4]; ``alpha / beta < 1`` required.

    Examples
    --------
    >>> hawkes_mean_intensity(1.0, 0.5, 1.0)
    2.0
    """
    _stationary(alpha, beta)
    return mu / (1.0 - alpha / beta)


@dataclass(frozen=True)
class HawkesPath:
    """A simulated Hawkes path: event times in ``[0, t_max)`` and the parameters."""

    times: np.ndarray
    t_max: float
    mu: float
    alpha: float
    beta: float


@v.params(mu=MU, alpha=ALPHA, beta=BETA, t_max=v.Real(0.0, 1e5, low_open=True), seed=v.Seed())
def simulate_hawkes(mu: float, alpha: float, beta: float, t_max: float, seed: int = 0) -> HawkesPath:
    """Simulate a Hawkes process with exponential kernel on ``[0, t_max)`` by Ogata's thinning.

    Parameters
    ----------
    mu : float
        Background rate, in [1e-6, 1e4].
    alpha : float
        Jump of the intensity at each event, in [0, 1e4].
    beta : float
        Decay rate of the excitation, in [1e-6, 1e4]; ``alpha / beta < 1`` required.
    t_max : float
        Length of the window, in (0, 1e5]; at most 100,000 expected events
        (``t_max mu / (1 - alpha / beta)``), and a path that bursts past 400,000 draws of
        the thinning is refused (about a second).
    seed : int
        Seed of the generator, a non-negative integer.

    Examples
    --------
    >>> p = simulate_hawkes(mu=0.5, alpha=0.8, beta=1.0, t_max=100.0, seed=1)
    >>> p.times.size > 0 and bool(np.all(np.diff(p.times) > 0)) and float(p.times.max()) < 100.0
    True
    """
    _stationary(alpha, beta)
    expected = mu / (1 - alpha / beta) * t_max
    if expected > EVENTS_MAX:
        raise ValueError(
            f"t_max={t_max:g} with mu={mu:g} gives about {expected:.3g} expected events; "
            f"keep t_max mu / (1 - alpha / beta) at most {EVENTS_MAX:,}"
        )
    rng = np.random.default_rng(seed)
    times = []
    t, excitation = 0.0, 0.0  # excitation = sum alpha exp(-beta (t - t_i)) at time t
    for _ in range(DRAWS_MAX):
        bound = mu + excitation  # intensity only decays until the next event: a valid upper bound
        w = rng.exponential(1.0 / bound)
        t_new = t + w
        if t_new >= t_max:
            break
        excitation *= np.exp(-beta * w)
        t = t_new
        if rng.random() * bound <= mu + excitation:
            times.append(t)
            excitation += alpha
    else:
        raise ValueError(
            f"this path burst past {DRAWS_MAX:,} draws before t_max={t_max:g} (a cascade of "
            f"self-excitation near alpha / beta = 1); lower t_max, mu or alpha / beta"
        )
    return HawkesPath(times=np.array(times), t_max=t_max, mu=mu, alpha=alpha, beta=beta)


@v.params(path=v.Instance(HawkesPath, what="a HawkesPath (from simulate_hawkes)"), t=v.RealArray(0.0))
def hawkes_intensity(path: HawkesPath, t: ArrayLike) -> np.ndarray:
    """The intensity ``lambda(t)`` of a simulated path at times ``t`` (events strictly before ``t`` count).

    Parameters
    ----------
    path : HawkesPath
        A simulated path (:func:`simulate_hawkes`).
    t : float or array
        A time or an array of times, in the path's time unit, each >= 0; (times asked) x (events of the path)
        is at most 1e7 (about a second).

    Examples
    --------
    >>> p = HawkesPath(times=np.array([1.0]), t_max=3.0, mu=0.5, alpha=1.0, beta=2.0)
    >>> [round(float(x), 4) for x in hawkes_intensity(p, [0.5, 1.0, 1.5])]
    [0.5, 0.5, 0.8679]
    """
    t = np.asarray(t)  # already an array (@v.params): for the type checker
    ts = t
    try:  # a path built by hand may hold a list
        times = np.asarray(path.times, dtype=float).ravel()
    except (TypeError, ValueError):
        raise TypeError("path.times must be an array of event times (build path with simulate_hawkes)") from None
    if ts.size * times.size > INTENSITY_PAIRS_MAX:
        raise ValueError(
            f"t has {ts.size:,} times and path {times.size:,} events; keep their product at most "
            f"{INTENSITY_PAIRS_MAX:.0e}"
        )
    dt = ts[..., None] - times[None, :] if ts.ndim else ts - times
    excite = np.where(dt > 0, path.alpha * np.exp(-path.beta * np.where(dt > 0, dt, 0.0)), 0.0).sum(axis=-1)
    return path.mu + excite
