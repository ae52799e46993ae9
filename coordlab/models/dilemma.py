"""The Prisoner's Dilemma, its repeated-game thresholds, and the replicator dynamics of 2x2 games.

In a Prisoner's Dilemma each player does better by defecting whatever the other
does, and both do worse when both defect than when both cooperate. With the row
player's payoffs T (temptation: defect on a cooperator), R (reward: mutual
cooperation), P (punishment: mutual defection) and S (sucker: cooperate against a
defector), that is ``T > R > P > S``; ``2R > T + S`` makes mutual cooperation
better than taking turns at exploiting each other. Action 0 is Cooperate, 1 is
Defect, and ``A = [[R, S], [T, P]]``.

Repetition changes the game. If the game is played again with probability
``w`` (or payoffs are discounted by ``w``), mutual cooperation can be sustained:

- by Grim Trigger (cooperate until the other defects once, then defect for ever)
  iff ``w >= (T - R) / (T - P)``: one defection gains ``T - R`` now and loses
  ``R - P`` in every later round;
- by Tit for Tat, which is *collectively stable* (no strategy invading a
  population of it does better than it does) iff
  ``w >= max((T - R) / (T - P), (T - R) / (R - S))`` (Axelrod 1981,
  Proposition 2): the first bound stops always-defect, the second stops
  alternating defection and cooperation.

In a population, the replicator dynamics ``dx/dt = x ((A x)_0 - x' A x)`` let
the better-paid action spread. For a symmetric 2x2 game only two numbers matter:
the payoff advantage of action 0 when everybody plays action 1,
``b - d``, and when everybody plays action 0, ``a - c``. Their signs give the
four kinds of game: dominance of 0 or of 1 (the PD), coordination (the stag
hunt: a rest point between two basins) and anti-coordination (hawk–dove: a
stable mixed population).

This module follows the API conventions of issue 17 (CONTRIBUTING.md): :func:`deviation_payoffs`
returns a :class:`DeviationPayoffs`, never a dict, and the payoff check other modules need is the
public :func:`check_payoffs`.

Sources
-------
- R. Axelrod (1980), "Effective Choice in the Prisoner's Dilemma", *J. Conflict
  Resolution* 24(1), 3–25: T, R, P, S = 5, 3, 1, 0.
- R. Axelrod (1981), "The Emergence of Cooperation among Egoists", *American
  Political Science Review* 75(2), 306–318, Proposition 2; R. Axelrod (1984),
  *The Evolution of Cooperation*, ch. 3.
- J. Maynard Smith (1982), *Evolution and the Theory of Games*: hawk–dove, ESS
  share of hawks ``V / C``.
- P. D. Taylor and L. B. Jonker (1978), "Evolutionarily stable strategies and
  game dynamics", *Mathematical Biosciences* 40: the replicator equation.
- M. A. Nowak, A. Sasaki, C. Taylor and D. Fudenberg (2004), "Emergence of
  cooperation and evolutionary stability in finite populations", *Nature* 428,
  646–650: the Moran process's fixation probability and the 1/3 rule
  (:func:`fixation_probability`).
"""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "prisoners_dilemma",
    "hawk_dove",
    "CooperationThresholds",
    "cooperation_thresholds",
    "DeviationPayoffs",
    "deviation_payoffs",
    "check_payoffs",
    "Payoffs",
    "game_class",
    "interior_rest_point",
    "ReplicatorPath",
    "replicator_path",
    "fixation_probability",
    "REPLICATOR_T_MAX",
    "REPLICATOR_STEPS",
]

ACTIONS = ("Cooperate", "Defect")

# Constraints shared by the functions below (and by coordlab.models.tournament).
PAYOFF = v.Real(-1e6, 1e6)  # T, R, P, S: their order is checked in the body (check_payoffs)
PRIZE = v.Real(1e-6, 1e6)  # V and C of hawk-dove: a meaningful minimum (at V = 5e-324, V / 2 rounds to 0)
MATRIX_2X2 = v.RealMatrix(shape=(2, 2))
# A Runge-Kutta step times the largest payoff gap above this makes the stages grow like (h g)**13;
# 1e6 keeps them below 1e210 (finite), far beyond where the scheme is accurate (h g below about 2.8).
MAX_STEP_GAP = 1e6
HUGE_GAP = 2.0**300  # larger gaps are rescaled (by a power of two) before the scheme runs
HUGE = 2.0**500  # payoffs this large are scaled down (exactly, by a power of two) before their gaps are taken
#: replicator_path's time horizon (the dynamics' time units; notebook 02).
REPLICATOR_T_MAX = 10.0
#: replicator_path's steps over that horizon (steps).
REPLICATOR_STEPS = 200


def _scaled(A: np.ndarray) -> tuple[np.ndarray, int]:
    """``(A * 2**-k, k)``: A scaled by a power of two (exactly) when its payoffs reach HUGE, else ``(A, 0)``."""
    top = float(np.max(np.abs(A)))
    if top < HUGE:
        return A, 0
    k = int(np.frexp(top)[1])
    return np.ldexp(A, -k), k


@dataclass(frozen=True)
class Payoffs:
    """A Prisoner's Dilemma's four payoffs, checked by :func:`check_payoffs` (floats).

    Attributes
    ----------
    T, R, P, S : float
        Temptation, reward, punishment and sucker's payoff: ``T > R > P > S`` and ``2R > T + S``.
    """

    T: float
    R: float
    P: float
    S: float


@v.params(T=PAYOFF, R=PAYOFF, P=PAYOFF, S=PAYOFF)
def check_payoffs(T: float = 5.0, R: float = 3.0, P: float = 1.0, S: float = 0.0) -> Payoffs:
    """The four payoffs as a :class:`Payoffs` of floats, once checked to make a Prisoner's Dilemma; else a
    ValueError naming the condition.

    Every function of the course that takes the four payoffs (here and in
    :mod:`coordlab.models.tournament`) checks them with this: ``T > R > P > S`` (defecting
    pays whatever the other does, and mutual defection is worse than mutual cooperation) and
    ``2R > T + S`` (mutual cooperation beats taking turns at exploiting each other).

    Parameters
    ----------
    T, R, P, S : float
        Temptation, reward, punishment and sucker's payoffs, each in [-1e6, 1e6]; Axelrod's (1980) 5, 3, 1, 0
        by default.

    >>> check_payoffs(5, 3, 1, 0)
    Payoffs(T=5.0, R=3.0, P=1.0, S=0.0)
    >>> check_payoffs(T=3, R=5)
    Traceback (most recent call last):
    ...
    ValueError: T, R, P, S must satisfy T > R > P > S for a Prisoner's Dilemma, got T=3, R=5, P=1, S=0
    """
    if not T > R > P > S:
        raise ValueError(
            f"T, R, P, S must satisfy T > R > P > S for a Prisoner's Dilemma, got T={T:g}, R={R:g}, P={P:g}, S={S:g}"
        )
    if not 2 * R > T + S:
        raise ValueError(
            f"T, R, P, S must satisfy 2R > T + S (mutual cooperation beats taking turns), "
            f"got 2R = {2 * R:g} and T + S = {T + S:g}"
        )
    return Payoffs(T, R, P, S)


@v.params(T=PAYOFF, R=PAYOFF, P=PAYOFF, S=PAYOFF)
def prisoners_dilemma(T: float = 5.0, R: float = 3.0, P: float = 1.0, S: float = 0.0) -> np.ndarray:
    """Row player's payoff matrix ``[[R, S], [T, P]]`` of a Prisoner's Dilemma.

    Parameters
    ----------
    T, R, P, S : float
        Temptation, reward, punishment and sucker's payoffs, each in [-1e6, 1e6],
        with ``T > R > P > S`` and ``2R > T + S``. Axelrod's (1980) 5, 3, 1, 0 by default.

    Raises
    ------
    ValueError
        If the payoffs do not make a Prisoner's Dilemma (the message names the
        condition that fails).

    Examples
    --------
    >>> prisoners_dilemma()
    array([[3., 0.],
           [5., 1.]])
    >>> prisoners_dilemma(T=7)
    Traceback (most recent call last):
    ...
    ValueError: T, R, P, S must satisfy 2R > T + S (mutual cooperation beats taking turns), got 2R = 6 and T + S = 7
    """
    T, R, P, S = astuple(check_payoffs(T, R, P, S))
    return np.array([[R, S], [T, P]])


@v.params(V=PRIZE, C=PRIZE)
def hawk_dove(V: float = 2.0, C: float = 4.0) -> np.ndarray:
    """Row payoffs of hawk–dove (Maynard Smith 1982): action 0 is Hawk, 1 is Dove.

    ``[[(V - C)/2, V], [0, V/2]]``: two hawks fight over a prize ``V`` at a cost ``C``
    to the loser; a hawk takes the prize from a dove; two doves share it.

    Parameters
    ----------
    V : float
        Value of the prize, in [1e-6, 1e6].
    C : float
        Cost of losing a fight, greater than ``V`` (so that no pure strategy is stable), up to 1e6.

    Examples
    --------
    >>> hawk_dove(2, 4)
    array([[-1.,  2.],
           [ 0.,  1.]])
    """
    if not C > V:
        raise ValueError(f"C must exceed V for a mixed hawk-dove population, got V={V:g}, C={C:g}")
    return np.array([[(V - C) / 2, V], [0.0, V / 2]])


@dataclass(frozen=True)
class CooperationThresholds:
    """Smallest continuation probabilities ``w`` at which cooperation is sustained.

    Attributes
    ----------
    grim : float
        Grim Trigger is a best response to itself iff ``w >= grim = (T - R) / (T - P)``.
    against_alternation : float
        ``(T - R) / (R - S)``: below it, alternating D and C beats Tit for Tat against Tit for Tat.
    tit_for_tat : float
        Tit for Tat is collectively stable iff ``w >= max(grim, against_alternation)`` (Axelrod 1981).
    """

    grim: float
    against_alternation: float
    tit_for_tat: float


@v.params(T=PAYOFF, R=PAYOFF, P=PAYOFF, S=PAYOFF)
def cooperation_thresholds(T: float = 5.0, R: float = 3.0, P: float = 1.0, S: float = 0.0) -> CooperationThresholds:
    """The discount-factor thresholds of the repeated Prisoner's Dilemma (Axelrod 1981).

    Parameters
    ----------
    T, R, P, S : float
        Temptation, reward, punishment and sucker's payoffs, each in [-1e6, 1e6], with ``T > R > P > S`` and
        ``2R > T + S`` (as in :func:`prisoners_dilemma`).

    Examples
    --------
    >>> th = cooperation_thresholds()           # Axelrod's 5, 3, 1, 0
    >>> th.grim, round(th.against_alternation, 4), round(th.tit_for_tat, 4)
    (0.5, 0.6667, 0.6667)
    """
    T, R, P, S = astuple(check_payoffs(T, R, P, S))
    grim = (T - R) / (T - P)
    alt = (T - R) / (R - S)
    return CooperationThresholds(grim=grim, against_alternation=alt, tit_for_tat=max(grim, alt))


@dataclass(frozen=True)
class DeviationPayoffs:
    """Discounted payoffs against Tit for Tat (Axelrod 1984, ch. 3), each a float or an array shaped like ``w``.

    Attributes
    ----------
    cooperate : float or numpy.ndarray
        Staying with Tit for Tat (cooperating for ever): ``R / (1 - w)``.
    always_defect : float or numpy.ndarray
        Defecting for ever: ``T + w P / (1 - w)``.
    alternate : float or numpy.ndarray
        Alternating D, C, D, C, ...: ``(T + w S) / (1 - w**2)``.
    """

    cooperate: float | np.ndarray
    always_defect: float | np.ndarray
    alternate: float | np.ndarray


@v.params(w=v.RealArray(0.0, 1.0, high_open=True), T=PAYOFF, R=PAYOFF, P=PAYOFF, S=PAYOFF)
def deviation_payoffs(w: ArrayLike, T: float = 5.0, R: float = 3.0, P: float = 1.0, S: float = 0.0) -> DeviationPayoffs:
    """Discounted payoffs against Tit for Tat of staying with it and of the two deviations.

    With continuation probability ``w``: cooperating for ever earns
    ``R / (1 - w)``; always defecting earns ``T + w P / (1 - w)``; alternating
    D, C, D, C ... earns ``(T + w S) / (1 - w**2)`` (Axelrod 1984, ch. 3).

    Parameters
    ----------
    w : float or array_like
        Continuation probability, each in [0, 1).
    T, R, P, S : float
        As in :func:`prisoners_dilemma`.

    Returns
    -------
    DeviationPayoffs
        ``cooperate``, ``always_defect`` and ``alternate``: floats for a number ``w``, arrays for an array.

    Examples
    --------
    >>> d = deviation_payoffs(0.5)
    >>> d.cooperate, d.always_defect, round(d.alternate, 4)
    (6.0, 6.0, 6.6667)
    """
    w = np.asarray(w)  # already an array (@v.params): for the type checker
    T, R, P, S = astuple(check_payoffs(T, R, P, S))
    out = (R / (1 - w), T + w * P / (1 - w), (T + w * S) / (1 - w**2))
    return DeviationPayoffs(*(float(x) if np.ndim(x) == 0 else x for x in out))


def _gaps(A: np.ndarray) -> tuple[float, float, int]:
    """``(g0, g1, k)``: the payoff gaps of :func:`game_class` times ``2**-k`` (exact; k > 0 only for payoffs
    beyond 3e150, whose differences could overflow)."""
    A, k = _scaled(A)
    return float(A[0, 1] - A[1, 1]), float(A[0, 0] - A[1, 0]), k


@v.params(A=MATRIX_2X2)
def game_class(A: ArrayLike) -> str:
    """Which of the four kinds of symmetric 2x2 game ``A`` is, for the replicator dynamics.

    With ``g0 = b - d`` (advantage of action 0 when all play 1) and ``g1 = a - c``
    (when all play 0), for ``A = [[a, b], [c, d]]``:

    - ``"dominance 1"``: both < 0, action 1 always pays more (the Prisoner's Dilemma);
    - ``"dominance 0"``: both > 0;
    - ``"coordination"``: g0 < 0 < g1, two basins split at the rest point (stag hunt);
    - ``"anti-coordination"``: g1 < 0 < g0, a stable mixed population (hawk–dove);
    - ``"degenerate"``: a zero gap (a continuum of rest points or a neutral action).

    Parameters
    ----------
    A : array_like, shape (2, 2)
        The row player's payoffs of a symmetric game, ``A[i, j]`` for action ``i`` against action ``j``.

    Examples
    --------
    >>> game_class(prisoners_dilemma()), game_class(hawk_dove()), game_class([[4, 0], [3, 3]])
    ('dominance 1', 'anti-coordination', 'coordination')
    """
    A = np.asarray(A)  # already an array (@v.params): for the type checker
    g0, g1, _ = _gaps(A)
    if g0 == 0 or g1 == 0:
        return "degenerate"
    if g0 < 0 and g1 < 0:
        return "dominance 1"
    if g0 > 0 and g1 > 0:
        return "dominance 0"
    return "coordination" if g0 < 0 else "anti-coordination"


@v.params(A=MATRIX_2X2)
def interior_rest_point(A: ArrayLike) -> float | None:
    """Share ``x*`` in (0, 1) playing action 0 at which both actions pay the same, if any.

    ``x* = g0 / (g0 - g1)`` with the gaps of :func:`game_class`. It is stable in
    hawk–dove (the ESS, ``V / C`` hawks) and unstable in a coordination game (the
    edge between the basins, the belief threshold of notebook 01). ``None`` when
    one action dominates.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        The row player's payoffs of a symmetric game, ``A[i, j]`` for action ``i`` against action ``j``.

    Examples
    --------
    >>> interior_rest_point(hawk_dove(V=2, C=4))
    0.5
    >>> interior_rest_point([[4, 0], [3, 3]])
    0.75
    >>> interior_rest_point(prisoners_dilemma()) is None
    True
    """
    A = np.asarray(A)  # already an array (@v.params): for the type checker
    g0, g1, _ = _gaps(A)  # x* does not change when the gaps are scaled
    if g0 == g1 or (g0 > 0) == (g1 > 0) or g0 == 0 or g1 == 0:
        return None
    return g0 / (g0 - g1)


@dataclass(frozen=True)
class ReplicatorPath:
    """Result of :func:`replicator_path`.

    Attributes
    ----------
    t : numpy.ndarray, shape (steps + 1,)
        The times of the grid, from 0 to ``t_max``.
    x : numpy.ndarray, shape (steps + 1,) + shape of x0
        The share playing action 0 at each time, for each starting share.
    """

    t: np.ndarray
    x: np.ndarray


@v.params(
    A=MATRIX_2X2,
    x0=v.RealArray(0.0, 1.0, max_size=10_000),
    t_max=v.Real(0.0, 1e4, low_open=True),
    steps=v.Integer(1, 20_000),
)
def replicator_path(
    A: ArrayLike, x0: ArrayLike, t_max: float = REPLICATOR_T_MAX, steps: int = REPLICATOR_STEPS
) -> ReplicatorPath:
    """Solve the replicator dynamics of a symmetric 2x2 game from initial shares ``x0``.

    ``dx/dt = x (1 - x) (g0 + (g1 - g0) x)``, the share ``x`` playing action 0,
    integrated with the classical fourth-order Runge–Kutta scheme on a fixed
    grid (vectorised over several starting shares at once).

    Parameters
    ----------
    A : array_like, shape (2, 2)
        Row payoffs of the symmetric game.
    x0 : float or array_like
        Initial share(s) playing action 0, each in [0, 1]; at most 10,000 of them.
    t_max : float
        End time, in (0, 1e4].
    steps : int
        Number of RK4 steps, in [1, 20000], with ``steps * x0.size <= 2e6`` (either
        bound takes about a second). The step ``t_max / steps`` times the largest
        payoff gap must be at most 1e6 (beyond that the scheme's stages overflow; it
        is accurate only below about 2.8).

    Returns
    -------
    ReplicatorPath
        ``t``, shape (steps + 1,), and ``x``, shape (steps + 1,) + shape of ``x0``.

    Examples
    --------
    >>> path = replicator_path(prisoners_dilemma(), 0.9, t_max=20)
    >>> float(path.t[-1]), round(float(path.x[-1]), 4)         # defection takes over
    (20.0, 0.0)
    >>> x = replicator_path(hawk_dove(2, 4), [0.1, 0.9], t_max=20).x
    >>> [round(float(s), 4) for s in x[-1]]     # both reach the ESS V/C
    [0.5, 0.5]
    """
    A, x0 = np.asarray(A), np.asarray(x0)  # arrays already (@v.params)
    x = x0
    if steps * x.size > 2_000_000:
        raise ValueError(
            f"steps times the number of starting shares x0 must be at most 2e6 (about a second), "
            f"got steps={steps} and {x.size} shares"
        )
    g0, g1, k_a = _gaps(A)  # the gaps times 2**-k_a
    h = t_max / steps
    big = max(abs(g0), abs(g1), abs(g1 - g0))
    if not h * big <= math.ldexp(MAX_STEP_GAP, -k_a):
        gap = math.log10(big) + k_a * math.log10(2.0)
        raise ValueError(
            f"t_max / steps times A's largest payoff gap must be at most {MAX_STEP_GAP:g} (a longer "
            f"Runge-Kutta step overflows): got t_max={t_max:g}, steps={steps} and a gap of "
            f"about 1e{gap:.0f}; raise steps"
        )
    if k_a > 0 or big > HUGE_GAP:
        # Work in units where the largest gap is about 1, and the step in matching units: h * gap is
        # unchanged, and every product of the scheme is the same number scaled by a power of two.
        unit = math.frexp(big)[1]
        g0, g1, h = math.ldexp(g0, -unit), math.ldexp(g1, -unit), math.ldexp(h, k_a + unit)

    def f(y: np.ndarray) -> np.ndarray:
        return y * (1 - y) * (g0 + (g1 - g0) * y)

    out = np.empty((steps + 1,) + x.shape)
    out[0] = x
    for k in range(steps):
        k1 = f(x)
        k2 = f(x + 0.5 * h * k1)
        k3 = f(x + 0.5 * h * k2)
        k4 = f(x + h * k3)
        x = np.clip(x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4), 0.0, 1.0)
        out[k + 1] = x
    return ReplicatorPath(t=np.linspace(0.0, t_max, steps + 1), x=out)


@v.params(A=MATRIX_2X2, population=v.Integer(2, 100_000), selection=v.Real(0.0, 1.0))
def fixation_probability(A: ArrayLike, population: int, selection: float = 0.01) -> float:
    """Chance that one player of action 0 takes over a finite population of action 1 (Moran process).

    In the frequency-dependent Moran process of Nowak, Sasaki, Taylor and Fudenberg
    (2004, "Emergence of cooperation and evolutionary stability in finite populations",
    *Nature* 428, 646–650), a population of ``N = population`` players meets at random
    (no self-play). With ``i`` players of action 0, they earn on average
    ``f_i = (a (i - 1) + b (N - i)) / (N - 1)`` and the others ``g_i = (c i + d (N - i - 1)) / (N - 1)``
    for ``A = [[a, b], [c, d]]``; fitness is ``1 - s + s * payoff`` with ``s = selection``. Each
    step one player reproduces in proportion to fitness and replaces a random player. A single
    mutant of action 0 fixes with probability

        rho = 1 / (1 + sum_{k=1}^{N-1} prod_{i=1}^{k} G_i / F_i).

    ``rho > 1 / N`` means selection favours the invasion (neutral drift gives exactly ``1/N``);
    for weak selection and large ``N`` that holds iff the rest point ``x*`` of the replicator
    dynamics is below 1/3 (the "1/3 rule" of that paper).

    Parameters
    ----------
    A : array_like, shape (2, 2)
        Payoffs ``[[a, b], [c, d]]`` to the row action (0 is the invader, 1 the resident), each
        finite and at most 1e100 in size.
    population : int
        Population size, in [2, 100000].
    selection : float
        Intensity of selection, in [0, 1] (0: neutral drift); every fitness ``1 - s + s * payoff``
        must be positive.

    Examples
    --------
    >>> fixation_probability([[1.0, 1.0], [1.0, 1.0]], 10)     # neutral: 1/N
    0.1
    >>> fixation_probability(prisoners_dilemma(), 10, 0.1) < 1 / 10     # one cooperator among defectors
    True
    """
    a, b, c, d = (float(x) for x in np.asarray(A, dtype=float).ravel())
    if max(abs(a), abs(b), abs(c), abs(d)) > 1e100:
        raise ValueError(
            f"A's payoffs must be at most 1e100 in size (fitness is 1 - s + s * payoff), got "
            f"{max(abs(a), abs(b), abs(c), abs(d)):g}"
        )
    N, s = population, selection
    i = np.arange(1, N, dtype=float)  # 1 .. N-1 invaders
    f = (a * (i - 1) + b * (N - i)) / (N - 1)
    g = (c * i + d * (N - i - 1)) / (N - 1)
    F, G = 1 - s + s * f, 1 - s + s * g
    if np.any(F <= 0) or np.any(G <= 0) or not (np.all(np.isfinite(F)) and np.all(np.isfinite(G))):
        raise ValueError(
            f"selection and A must keep every fitness 1 - s + s * payoff positive and finite, got "
            f"selection={s:g} with payoffs from {min(a, b, c, d):g} to {max(a, b, c, d):g}"
        )
    log_terms = np.cumsum(np.log(G) - np.log(F))  # log prod_{i<=k} G_i / F_i, k = 1 .. N-1
    top = float(log_terms.max())
    if top < 700.0:  # the sum cannot overflow: add it directly
        return float(1.0 / (1.0 + float(np.exp(log_terms).sum())))
    log_denominator = top + math.log(math.exp(-top) + float(np.exp(log_terms - top).sum()))
    return float(math.exp(-log_denominator))
