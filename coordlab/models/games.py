"""Two-player coordination games: equilibria, payoff dominance, risk dominance, basins.

A *coordination game* has two strict Nash equilibria on the diagonal: both
players want to do what the other does. In a *stag hunt* one of them (both hunt
stag) pays more, the other (both hunt hare) is safer. Which one a group reaches
is a matter of beliefs, and that is the core of a coordination failure: the
good equilibrium exists, and the group still lands in the bad one.

Rows and columns are indexed by action: 0 is the ambitious action (Stag, keep
liquidity in the pool, don't withdraw), 1 is the safe one (Hare, pull out).
``A[i, j]`` is the row player's payoff when the row plays ``i`` and the column
plays ``j``; in a symmetric game the column player's matrix is ``A.T``.

Sources
-------
- J. C. Harsanyi and R. Selten (1988), *A General Theory of Equilibrium
  Selection in Games*, MIT Press: payoff dominance and risk dominance (the
  Nash product of deviation losses, for 2x2 games).
- B. Skyrms (2004), *The Stag Hunt and the Evolution of Social Structure*,
  Cambridge University Press: the stag hunt with payoffs 4, 0 / 3, 3 used as the
  default here, and its basins of attraction under the replicator dynamics.
- Equilibria are enumerated with nashpy (V. Knight and J. Campbell, "Nashpy: A
  Python library for the computation of Nash equilibria", *JOSS* 3(30), 2018).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "Equilibrium",
    "stag_hunt",
    "coordination_game",
    "equilibria",
    "expected_payoffs",
    "ExpectedPayoffs",
    "belief_threshold",
    "risk_dominant",
    "payoff_dominant",
    "replicator_velocity",
    "STAG_HUNT_STAG",
]

ACTIONS = ("Stag", "Hare")

# Constraints shared by the functions below. Payoffs are any finite numbers; a matrix whose payoffs
# reach HUGE (about 3e150) is scaled by a power of two before differences and products are taken
# (exact: every answer is the same as with the payoffs themselves), so 1e308 cannot overflow.
PAYOFF = v.Real()
MATRIX = v.RealMatrix()
MATRIX_2X2 = v.RealMatrix(shape=(2, 2))
MAX_ACTIONS = 12  # rows + columns for support enumeration: it solves (2^rows - 1)(2^cols - 1) systems
HUGE = 2.0**500
#: The stag hunt's payoff when both hunt stag (points; Skyrms 2004's 4, 0 / 3, 3).
STAG_HUNT_STAG = 4.0


def _tame(M: np.ndarray) -> tuple[np.ndarray, int]:
    """``(M * 2**-k, k)``: M scaled by a power of two (exactly) when its payoffs reach HUGE, else ``(M, 0)``."""
    top = float(np.max(np.abs(M)))
    if top < HUGE:
        return M, 0
    k = int(np.frexp(top)[1])
    return np.ldexp(M, -k), k


@dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium of a two-player game.

    Attributes
    ----------
    row, col : tuple of float
        Each player's mixed strategy (probabilities of each action).
    payoffs : tuple of float
        Expected payoffs (row player, column player).
    """

    row: tuple[float, ...]
    col: tuple[float, ...]
    payoffs: tuple[float, float]

    @property
    def is_pure(self) -> bool:
        """True when both players put probability 1 on one action."""
        return all(max(s) == 1.0 for s in (self.row, self.col))

    @v.params(actions=v.Checked("a sequence of action names, one for each action of both players"))
    def describe(self, actions: tuple[str, str] = ACTIONS) -> str:
        """A one-line reading such as ``(Stag, Stag), payoffs (4, 4)``."""
        if not isinstance(actions, (list, tuple)) or not all(isinstance(a, str) for a in actions):
            raise TypeError(f"actions must be a list or tuple of action names (str), got {type(actions).__name__}")
        n = max(len(self.row), len(self.col))
        if len(actions) < n:
            raise ValueError(f"actions must name each of the {n} actions, got {len(actions)} names")

        def name(sigma: tuple[float, ...]) -> str:
            if max(sigma) == 1.0:
                return actions[sigma.index(1.0)]
            return "mix " + "/".join(f"{p:.3g} {a}" for p, a in zip(sigma, actions))

        pay = ", ".join(f"{p:.3g}" for p in self.payoffs)
        return f"({name(self.row)}, {name(self.col)}), payoffs ({pay})"


@v.params(a=PAYOFF, b=PAYOFF, c=PAYOFF, d=PAYOFF)
def coordination_game(a: float, b: float, c: float, d: float) -> np.ndarray:
    """Row player's payoff matrix of a symmetric 2x2 coordination game.

    Parameters
    ----------
    a : float
        Payoff when both take action 0 (Stag); each payoff is any finite number.
    b : float
        Payoff for action 0 when the other takes action 1 (the "sucker" payoff).
    c : float
        Payoff for action 1 when the other takes action 0.
    d : float
        Payoff when both take action 1 (Hare).

    Returns
    -------
    numpy.ndarray
        ``[[a, b], [c, d]]``. It is a coordination game iff ``a > c`` and
        ``d > b``: both diagonal outcomes are then strict Nash equilibria.

    Raises
    ------
    ValueError
        If ``a <= c`` or ``d <= b``.

    Examples
    --------
    >>> coordination_game(2, 0, 0, 1)
    array([[2., 0.],
           [0., 1.]])
    """
    if not a > c:
        raise ValueError(f"a must exceed c for (0, 0) to be a strict equilibrium, got a={a:g}, c={c:g}")
    if not d > b:
        raise ValueError(f"d must exceed b for (1, 1) to be a strict equilibrium, got d={d:g}, b={b:g}")
    return np.array([[a, b], [c, d]])


@v.params(stag=PAYOFF, sucker=PAYOFF, hare_vs_stag=PAYOFF, hare=PAYOFF)
def stag_hunt(
    stag: float = STAG_HUNT_STAG, sucker: float = 0.0, hare_vs_stag: float = 3.0, hare: float = 3.0
) -> np.ndarray:
    """Row player's payoff matrix of a stag hunt (Skyrms 2004's 4, 0 / 3, 3 by default).

    Parameters
    ----------
    stag : float
        Payoff when both hunt stag.
    sucker : float
        Payoff for hunting stag alone.
    hare_vs_stag : float
        Payoff for hunting hare while the other hunts stag.
    hare : float
        Payoff when both hunt hare.

    Returns
    -------
    numpy.ndarray
        A coordination game (see :func:`coordination_game`) in which
        (Stag, Stag) pays more than (Hare, Hare): ``stag > hare``.

    Examples
    --------
    >>> stag_hunt()
    array([[4., 0.],
           [3., 3.]])
    >>> stag_hunt(stag=2)
    Traceback (most recent call last):
    ...
    ValueError: stag must exceed hare_vs_stag for (Stag, Stag) to be an equilibrium, got stag=2, hare_vs_stag=3
    """
    if not stag > hare_vs_stag:
        raise ValueError(
            "stag must exceed hare_vs_stag for (Stag, Stag) to be an equilibrium, "
            f"got stag={stag:g}, hare_vs_stag={hare_vs_stag:g}"
        )
    if not hare > sucker:
        raise ValueError(
            f"hare must exceed sucker for (Hare, Hare) to be an equilibrium, got hare={hare:g}, sucker={sucker:g}"
        )
    if not stag > hare:
        raise ValueError(f"stag must exceed hare (the stag is the better hunt), got stag={stag:g}, hare={hare:g}")
    return np.array([[stag, sucker], [hare_vs_stag, hare]])


def _clean(x: np.ndarray) -> tuple[float, ...]:
    # Round away the 1e-17 dust of the linear solves, and turn -0.0 into 0.0.
    return tuple(float(y) + 0.0 for y in np.round(np.asarray(x, dtype=float), 12))


@v.params(A=MATRIX, B=v.Optional(MATRIX))
def equilibria(A: ArrayLike, B: ArrayLike | None = None) -> list[Equilibrium]:
    """All Nash equilibria of a non-degenerate bimatrix game, by support enumeration.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Row player's payoffs (finite numbers), with ``m + n <= 12``: support
        enumeration solves ``(2^m - 1)(2^n - 1)`` linear systems (6 x 6 takes
        about a second).
    B : array_like, shape (m, n), optional
        Column player's payoffs; ``A.T`` (a symmetric game) when omitted.

    Returns
    -------
    list of Equilibrium
        Pure equilibria first (in the order of the actions), then mixed ones.

    Raises
    ------
    ValueError
        If the game is degenerate (nashpy then warns that support enumeration
        may miss equilibria): results would not be reliable.

    Notes
    -----
    Uses ``nashpy.Game.support_enumeration`` (Knight & Campbell 2018).

    Examples
    --------
    >>> for eq in equilibria(stag_hunt()):
    ...     print(eq.describe())
    (Stag, Stag), payoffs (4, 4)
    (Hare, Hare), payoffs (3, 3)
    (mix 0.75 Stag/0.25 Hare, mix 0.75 Stag/0.25 Hare), payoffs (3, 3)
    """
    A = np.asarray(A)  # already an array (@v.params): for the type checker
    B = None if B is None else np.asarray(B)  # an array already (@v.params)
    if B is None:
        if A.shape[0] != A.shape[1]:
            raise ValueError(f"A must be square when B is omitted (symmetric game), got shape {A.shape}")
        B = A.T
    elif B.shape != A.shape:
        raise ValueError(f"B must have shape {A.shape} (that of A), got shape {B.shape}")
    if sum(A.shape) > MAX_ACTIONS:
        raise ValueError(
            f"A must have at most {MAX_ACTIONS} rows and columns in all (support enumeration "
            f"tries every pair of supports), got shape {A.shape}"
        )
    import nashpy  # deferred: keeps `import coordlab` light

    (As, ka), (Bs, kb) = _tame(A), _tame(B)  # equilibria do not change when a player's payoffs are scaled
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = list(nashpy.Game(As, Bs).support_enumeration())
    if any("degenerate" in str(w.message) for w in caught):
        raise ValueError(
            "the game given by A and B is degenerate (a best response is not unique where it "
            "should be): support enumeration may miss equilibria; perturb a payoff slightly"
        )
    out = [
        Equilibrium(
            _clean(r), _clean(c), (float(np.ldexp(r @ As @ c, ka)) + 0.0, float(np.ldexp(r @ Bs @ c, kb)) + 0.0)
        )
        for r, c in found
    ]
    out.sort(key=lambda e: (not e.is_pure, tuple(-p for p in e.row)))
    return out


@dataclass(frozen=True)
class ExpectedPayoffs:
    """Result of :func:`expected_payoffs`: each action's expected payoff (floats, or arrays of the belief's shape).

    Attributes
    ----------
    action0 : float or numpy.ndarray
        Expected payoff of action 0 (row 0: Stag in a Stag Hunt).
    action1 : float or numpy.ndarray
        Expected payoff of action 1 (row 1: Hare).
    """

    action0: float | np.ndarray
    action1: float | np.ndarray


@v.params(A=MATRIX_2X2, p=v.RealArray(0.0, 1.0))
def expected_payoffs(A: ArrayLike, p: ArrayLike) -> ExpectedPayoffs:
    """Expected payoff of each action when the other plays action 0 with probability ``p``.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        Row player's payoffs.
    p : float or array_like
        Belief that the other player takes action 0 (Stag), in [0, 1].

    Returns
    -------
    ExpectedPayoffs
        ``action0`` and ``action1``, each of ``p``'s shape.

    Examples
    --------
    >>> expected_payoffs(stag_hunt(), 0.5)
    ExpectedPayoffs(action0=2.0, action1=3.0)
    """
    A, p = np.asarray(A), np.asarray(p)  # arrays already (@v.params)
    A, k = _tame(A)
    u0 = np.ldexp(p * A[0, 0] + (1 - p) * A[0, 1], k)
    u1 = np.ldexp(p * A[1, 0] + (1 - p) * A[1, 1], k)
    if p.ndim == 0:
        return ExpectedPayoffs(float(u0), float(u1))
    return ExpectedPayoffs(u0, u1)


@v.params(A=MATRIX_2X2)
def belief_threshold(A: ArrayLike) -> float:
    """Belief p* at which a player is indifferent between the two actions.

    For ``A = [[a, b], [c, d]]``, ``p* = (d - b) / ((a - c) + (d - b))``.
    Action 0 (Stag) is the best response iff the other is believed to play it
    with probability above p*. In a population playing the game, p* is also the
    edge between the basins of attraction of the two equilibria under the
    replicator dynamics (Skyrms 2004, ch. 1): start above it and everyone ends
    on Stag, below it and everyone ends on Hare. It is the weight of the mixed
    equilibrium on action 0.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        The row player's payoffs ``[[a, b], [c, d]]`` of a symmetric coordination game (``a > c`` and
        ``d > b``, as :func:`coordination_game` checks).

    Examples
    --------
    >>> belief_threshold(stag_hunt())
    0.75
    """
    A = np.asarray(A)  # already an array (@v.params): for the type checker
    a, b, c, d = (float(x) for x in A.ravel())
    coordination_game(a, b, c, d)  # raises unless both diagonal equilibria are strict
    a, b, c, d = (float(x) for x in _tame(A)[0].ravel())  # p* does not change when payoffs are scaled
    return (d - b) / ((a - c) + (d - b))


def _pure_diagonal(A: np.ndarray, B: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    B = A.T if B is None else B
    if not (A[0, 0] > A[1, 0] and A[1, 1] > A[0, 1] and B[0, 0] > B[0, 1] and B[1, 1] > B[1, 0]):
        raise ValueError(
            "A and B must form a 2x2 coordination game: (0, 0) and (1, 1) strict equilibria, "
            f"got A={A.tolist()}, B={B.tolist()}"
        )
    return A, B


@v.params(A=MATRIX_2X2, B=v.Optional(MATRIX_2X2))
def risk_dominant(A: ArrayLike, B: ArrayLike | None = None) -> int | None:
    """The risk-dominant equilibrium of a 2x2 coordination game (Harsanyi & Selten 1988).

    Equilibrium (0, 0) risk-dominates (1, 1) when the product of the players'
    losses from deviating unilaterally is larger there:
    ``(A00 - A10)(B00 - B01) > (A11 - A01)(B11 - B10)``.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        The row player's payoffs; (0, 0) and (1, 1) must be strict equilibria.
    B : array_like, shape (2, 2), or None
        The column player's payoffs, ``B[i, j]`` when the row plays ``i`` and the column ``j``; ``None`` for a
        symmetric game (``B = A.T``).

    Returns
    -------
    int or None
        0 or 1, the action of the risk-dominant equilibrium; ``None`` on a tie.

    Examples
    --------
    >>> ACTIONS[risk_dominant(stag_hunt())]
    'Hare'
    """
    A = np.asarray(A)  # already an array (@v.params): for the type checker
    B = None if B is None else np.asarray(B)  # an array already (@v.params)
    A, B = _pure_diagonal(A, B)
    A, B = _tame(A)[0], _tame(B)[0]  # scaling a player's payoffs scales both products alike
    n0 = (A[0, 0] - A[1, 0]) * (B[0, 0] - B[0, 1])
    n1 = (A[1, 1] - A[0, 1]) * (B[1, 1] - B[1, 0])
    if math.isclose(n0, n1, rel_tol=1e-12, abs_tol=1e-12):  # a tie, up to rounding of the payoffs
        return None
    return 0 if n0 > n1 else 1


@v.params(A=MATRIX_2X2, B=v.Optional(MATRIX_2X2))
def payoff_dominant(A: ArrayLike, B: ArrayLike | None = None) -> int | None:
    """The payoff-dominant (Pareto-better) equilibrium of a 2x2 coordination game.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        The row player's payoffs; (0, 0) and (1, 1) must be strict equilibria.
    B : array_like, shape (2, 2), or None
        The column player's payoffs, ``B[i, j]`` when the row plays ``i`` and the column ``j``; ``None`` for a
        symmetric game (``B = A.T``).

    Returns
    -------
    int or None
        0 or 1 when that equilibrium pays both players at least as much and one
        strictly more; ``None`` when neither does (the players disagree).

    Examples
    --------
    >>> ACTIONS[payoff_dominant(stag_hunt())]
    'Stag'
    """
    A = np.asarray(A)  # already an array (@v.params): for the type checker
    B = None if B is None else np.asarray(B)  # an array already (@v.params)
    A, B = _pure_diagonal(A, B)
    u0 = np.array([A[0, 0], B[0, 0]])
    u1 = np.array([A[1, 1], B[1, 1]])
    if np.all(u0 >= u1) and np.any(u0 > u1):
        return 0
    if np.all(u1 >= u0) and np.any(u1 > u0):
        return 1
    return None


@v.params(A=MATRIX_2X2, x=v.RealArray(0.0, 1.0))
def replicator_velocity(A: ArrayLike, x: ArrayLike) -> float | np.ndarray:
    """Replicator dynamics of a symmetric 2x2 game: dx/dt at a share ``x`` playing action 0.

    ``dx/dt = x (1 - x) (u0(x) - u1(x))`` where ``u0``, ``u1`` are the expected
    payoffs of each action against the population (Taylor & Jonker 1978; Skyrms
    2004). Its zeros are 0, 1 and the mixed equilibrium p*.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        The row player's payoffs of a symmetric game, ``A[i, j]`` for action ``i`` against action ``j``.
    x : float or array
        Share of the population playing action 0, each in [0, 1]; an array gives a result of its shape.

    Examples
    --------
    >>> [round(float(s), 4) for s in replicator_velocity(stag_hunt(), [0.5, 0.75, 0.9])]
    [-0.25, 0.0, 0.054]
    """
    A, x = np.asarray(A), np.asarray(x)  # arrays already (@v.params)
    As, k = _tame(A)
    both = expected_payoffs(As, x)
    u0, u1 = both.action0, both.action1
    out = np.ldexp(x * (1 - x) * (np.asarray(u0) - np.asarray(u1)), k)
    return float(out) if out.ndim == 0 else out
