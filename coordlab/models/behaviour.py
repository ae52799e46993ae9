"""Bounded rationality in games: logit quantal response, level-k and cognitive hierarchy, the volunteer's dilemma.

**Logit quantal response equilibrium** (McKelvey & Palfrey 1995). Players make
mistakes, costly ones less often: each plays action ``j`` with probability
``exp(λ U_j) / sum_k exp(λ U_k)`` given the others' mixed strategies, and in
equilibrium the beliefs are right. The *precision* λ (McKelvey and Palfrey's λ, the
parameter ``precision`` of every function here and in :mod:`coordlab.models.auctions`)
measures rationality: ``precision = 0`` is uniform play; as it grows
the QRE traces a path to a Nash equilibrium. :func:`qre_path` follows it from
``precision = 0`` by continuation (each solution starts the next solve).

**Level-k and cognitive hierarchy.** In Nagel's (1995) p-beauty contest (guess
``p`` times the average), level 0 guesses 50 on average and level ``k`` best
responds to level ``k - 1``: ``50 p**k``. In the cognitive hierarchy (Camerer, Ho &
Chong 2004) levels are Poisson(``tau``) and level ``k`` best responds to the mix of
levels below it, normalised.

**Volunteer's dilemma** (Diekmann 1985). ``N`` players each gain ``b`` if anyone
volunteers (a public good; Diekmann's ``U``); volunteering costs ``c < b`` (his ``K``). In the
symmetric mixed equilibrium each abstains with ``q = (c/b)**(1/(N-1))``, and the chance that
*nobody* acts, ``(c/b)**(N/(N-1))``, **rises** with ``N`` toward ``c/b``: only the cost ratio
``c/b`` (Diekmann's ``K/U``) matters, not the scale of the payoffs. With logit noise the
participation probability solves ``p = 1 / (1 + exp(-λ (b (1-p)**(N-1) - c)))``.

**Keepers play an entry game, not a volunteer's dilemma.** A keeper's profit is
private: entering an auction costs ``c`` (gas, capital, price risk) and pays a
surplus ``G`` only to the entrant who finds no rival (with two or more entrants,
competition bids the price up to the collateral's value and the winner's surplus is
0). ``G`` is set by the auction design (what a lone keeper pays). A keeper who stays
out gets 0 whoever enters, so nobody gains from another's entry: there is no public
good. The symmetric mixed equilibrium makes entry indifferent, ``G (1-p)**(N-1) = c``,
the *same* indifference condition as Diekmann's with ``b`` replaced by ``G``, so the
chance that nobody enters, ``(c/G)**(N/(N-1))``, again rises with ``N``
(:func:`entry_game`, :func:`entry_qre`; market entry games with mixed entry:
Dixit and Shapiro 1986; experiments: Rapoport et al. 1998, Camerer and Lovallo 1999).
:func:`entry_cognitive_hierarchy` applies the cognitive hierarchy to this game, as
Camerer, Ho and Chong (2004, section on market entry) do: level 0 enters with
probability 1/2, level ``k`` enters if entry pays against its beliefs about the
levels below it.

This module follows the API conventions of issue 17 (CONTRIBUTING.md): the logit precision λ is
``precision`` in every function (``precisions`` for a path), and the vectorised solver
:mod:`coordlab.models.auctions` needs is the public :func:`entry_qre_array`.

Sources
-------
- R. D. McKelvey and T. R. Palfrey (1995), "Quantal Response Equilibria for Normal
  Form Games", *Games and Economic Behavior* 10, 6–38 (the asymmetric matching
  pennies game with payoff 9).
- R. Nagel (1995), "Unraveling in Guessing Games: An Experimental Study", *American
  Economic Review* 85(5), 1313–1326.
- C. F. Camerer, T.-H. Ho and J.-K. Chong (2004), "A Cognitive Hierarchy Model of
  Games", *Quarterly Journal of Economics* 119(3), 861–898.
- A. Diekmann (1985), "Volunteer's Dilemma", *J. Conflict Resolution* 29(4), 605–610.
- A. Dixit and C. Shapiro (1986), "Entry Dynamics with Mixed Strategies", in L. G. Thomas
  (ed.), *The Economics of Strategic Planning*, Lexington Books, 63–79.
- C. Camerer and D. Lovallo (1999), "Overconfidence and Excess Entry: An Experimental
  Approach", *American Economic Review* 89(1), 306–318.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "QREPoint",
    "logit_qre",
    "qre_path",
    "level_k_guesses",
    "CognitiveHierarchyGuess",
    "cognitive_hierarchy_guess",
    "VolunteerEquilibrium",
    "volunteer_dilemma",
    "volunteer_qre",
    "EntryEquilibrium",
    "entry_game",
    "entry_qre",
    "entry_qre_array",
    "EntryHierarchy",
    "entry_cognitive_hierarchy",
]


# The logit QRE is traced from precision = 0 in continuation steps of at most 0.5, each a Newton solve (with
# the exact Jacobian, a fraction of a millisecond). precision up to 1,000 and at most 500 precisions in a
# path make at most 2,501 steps, about a second. Payoffs are at most 1e6 in size, so precision x payoff
# never overflows the softmax.
QRE_PRECISION_MAX = 1000.0
QRE_STEP = 0.5
PRECISIONS_MAX = 500
ACTIONS_MAX = 20
PAYOFF_MAX = 1e6
QRE_PRECISION = v.Real(0.0, QRE_PRECISION_MAX)
PAYOFFS = v.RealMatrix()
P_ = v.Probability(low_open=True, high_open=True)
ANCHOR = v.Real(0.0, 100.0)
N_ = v.Integer(2, 10_000)
AMOUNT = v.Real(0.0, 1e9, low_open=True)


@dataclass(frozen=True)
class QREPoint:
    """A logit QRE.

    Attributes
    ----------
    precision : float
        The precision λ at which it was solved.
    row, col : numpy.ndarray
        The row and column players' mixed strategies (probabilities of each action).
    """

    precision: float
    row: np.ndarray
    col: np.ndarray


def _softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max()
    e = np.exp(z)
    return e / e.sum()


def _solve(
    A: np.ndarray,
    B: np.ndarray,
    precision: float,
    row: np.ndarray,
    col: np.ndarray,
    name: str,
    iters: int = 100,
    tol: float = 1e-13,
) -> tuple[np.ndarray, np.ndarray]:
    """Newton's method on ``x - logit_response(x) = 0`` from (row, col), the previous point of the path.

    The Jacobian is exact: the derivative of ``softmax(precision u)`` in ``u`` is ``precision (diag(s) - s s')``.
    """
    m = A.shape[0]

    def responses(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _softmax(precision * (A @ x[m:])), _softmax(precision * (x[:m] @ B))

    x = np.concatenate([row, col])
    jac = np.eye(x.size)
    for _ in range(iters):
        s, t = responses(x)
        f = x - np.concatenate([s, t])
        if np.abs(f).max() < tol:
            return x[:m], x[m:]
        jac[:m, m:] = -precision * s[:, None] * (A - s @ A)
        jac[m:, :m] = -precision * t[:, None] * (B.T - t @ B.T)
        try:
            step = np.linalg.solve(jac, -f)
        except np.linalg.LinAlgError:  # a singular Jacobian: the least-squares step
            step = np.linalg.lstsq(jac, -f, rcond=None)[0]
        x = x + step
        x[:m] = np.clip(x[:m], 1e-300, None)
        x[m:] = np.clip(x[m:], 1e-300, None)
        x[:m] /= x[:m].sum()
        x[m:] /= x[m:].sum()
    if np.abs(x - np.concatenate(responses(x))).max() < 1e-10:
        return x[:m], x[m:]
    raise ValueError(
        f"the logit QRE at {name}={precision:g} did not converge; trace it with qre_path from "
        f"precision = 0 "
        "in smaller steps"
    )


def _bimatrix(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not (2 <= A.shape[0] <= ACTIONS_MAX and 2 <= A.shape[1] <= ACTIONS_MAX):
        raise ValueError(f"A must be a game with 2 to {ACTIONS_MAX} actions per player, got shape {A.shape}")
    if B.shape != A.shape:
        raise ValueError(f"B must have the shape of A, {A.shape}, got shape {B.shape}")
    for name, M in (("A", A), ("B", B)):
        if np.abs(M).max() > PAYOFF_MAX:
            raise ValueError(f"{name} must have payoffs in [-1e6, 1e6], got one of size {np.abs(M).max():g}")
    return A, B


def _continuation(precisions: np.ndarray) -> list[np.ndarray]:
    """The precisions solved on the way to each of ``precisions`` (steps of at most 0.5 from the previous one)."""
    out, prev = [], 0.0
    for precision in precisions:
        subs = np.linspace(prev, precision, max(2, int(math.ceil((precision - prev) / QRE_STEP)) + 1))[1:]
        out.append(np.append(subs, 0.0) if precision == 0.0 else subs)
        prev = float(precision)
    return out


def _path(A: np.ndarray, B: np.ndarray, precisions: np.ndarray, name: str) -> list[QREPoint]:
    A, B = _bimatrix(A, B)
    steps = _continuation(precisions)
    row = np.full(A.shape[0], 1.0 / A.shape[0])
    col = np.full(A.shape[1], 1.0 / A.shape[1])
    out = []
    for precision, subs in zip(precisions, steps):
        for sub in subs:
            row, col = _solve(A, B, float(sub), row, col, name)
        out.append(QREPoint(precision=float(precision), row=row.copy(), col=col.copy()))
    return out


@v.params(A=PAYOFFS, B=PAYOFFS, precisions=v.RealArray(0.0, QRE_PRECISION_MAX, ndim=1, max_size=PRECISIONS_MAX))
def qre_path(A: ArrayLike, B: ArrayLike, precisions: ArrayLike) -> list[QREPoint]:
    """Trace the logit QRE from ``precision = 0`` through the increasing ``precisions``.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Row and column players' payoffs: 2 to 20 actions each, payoffs in [-1e6, 1e6].
    precisions : array_like
        Increasing precisions, each in [0, 1000], at most 500 of them. The path is traced in
        steps of at most 0.5 (one more for each precision listed), each a Newton solve: the
        largest path takes about a second.

    Examples
    --------
    >>> A, B = [[9, 0], [0, 1]], [[0, 1], [1, 0]]       # McKelvey & Palfrey's asymmetric matching pennies
    >>> pts = qre_path(A, B, [0.0, 1.0, 50.0])   # row leans to its big payoff; column heads to Nash's 0.1
    >>> [round(float(p.row[0]), 3) for p in pts], [round(float(p.col[0]), 3) for p in pts]
    ([0.5, 0.894, 0.522], [0.5, 0.313, 0.1])
    """
    A, B, precisions = np.asarray(A), np.asarray(B), np.asarray(precisions)  # arrays already (@v.params)
    if np.any(np.diff(precisions) < 0):
        raise ValueError(f"precisions must be increasing, got {precisions.tolist()[:8]}")
    return _path(A, B, precisions, "precisions")


@v.params(A=PAYOFFS, B=PAYOFFS, precision=QRE_PRECISION)
def logit_qre(A: ArrayLike, B: ArrayLike, precision: float) -> QREPoint:
    """The logit QRE at ``precision`` (λ) on the principal branch (traced from ``precision = 0``).

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Row and column players' payoffs: 2 to 20 actions each, payoffs in [-1e6, 1e6] (as in :func:`qre_path`).
    precision : float
        The logit precision λ, in [0, 1000] (at 1000, about a second: the path is traced from 0 in 2,000 steps).

    Examples
    --------
    >>> q = logit_qre([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], precision=5.0)   # matching pennies: always 1/2
    >>> [round(float(x), 6) for x in q.row]
    [0.5, 0.5]
    """
    A, B = np.asarray(A), np.asarray(B)  # arrays already (@v.params)
    return _path(A, B, np.array([precision]), "precision")[-1]


@v.params(p=P_, levels=v.Integer(0, 100), anchor=ANCHOR)
def level_k_guesses(p: float = 2 / 3, levels: int = 4, anchor: float = 50.0) -> np.ndarray:
    """Guesses of levels 0..``levels`` in the p-beauty contest: ``anchor * p**k`` (Nagel 1995).

    Parameters
    ----------
    p : float
        The contest's multiplier: the target is ``p`` times the average guess, in (0, 1).
    levels : int
        Highest level ``k`` computed, in [0, 100].
    anchor : float
        Level 0's guess, in [0, 100].

    Examples
    --------
    >>> [round(float(g), 2) for g in level_k_guesses(2 / 3, 3)]
    [50.0, 33.33, 22.22, 14.81]
    """
    return anchor * p ** np.arange(levels + 1)


@dataclass(frozen=True)
class CognitiveHierarchyGuess:
    """Result of :func:`cognitive_hierarchy_guess`.

    Attributes
    ----------
    guesses : numpy.ndarray
        Each level's guess, levels 0..``levels``.
    average : float
        The population's average guess (Poisson weights, truncated at ``levels`` and renormalised).
    """

    guesses: np.ndarray
    average: float


@v.params(tau=v.Real(0.0, 20.0, low_open=True), p=P_, levels=v.Integer(1, 200), anchor=ANCHOR)
def cognitive_hierarchy_guess(
    tau: float = 1.5, p: float = 2 / 3, levels: int = 30, anchor: float = 50.0
) -> CognitiveHierarchyGuess:
    """Cognitive-hierarchy guesses in the p-beauty contest (Camerer, Ho & Chong 2004).

    Level ``k`` believes the others are levels ``0..k-1`` in proportion to the
    Poisson(``tau``) frequencies, and guesses ``p`` times their average guess.

    Parameters
    ----------
    tau : float
        The mean thinking level of the population (the Poisson mean), in (0, 20]; Camerer, Ho & Chong
        estimate about 1.5.
    p : float
        The contest's multiplier: the target is ``p`` times the average guess, in (0, 1).
    levels : int
        Highest level computed, in [1, 200].
    anchor : float
        Level 0's guess, in [0, 100].

    Returns
    -------
    CognitiveHierarchyGuess
        ``guesses`` (each level's) and ``average`` (the population's).

    Examples
    --------
    >>> ch = cognitive_hierarchy_guess(tau=1.5, p=2 / 3)
    >>> [round(float(x), 2) for x in ch.guesses[:3]], round(ch.average, 2)
    ([50.0, 33.33, 26.67], 33.5)
    """
    k = np.arange(levels + 1)
    f = np.exp(-tau + k * math.log(tau) - np.array([math.lgamma(i + 1) for i in k]))
    guesses = np.empty(levels + 1)
    guesses[0] = anchor
    for i in range(1, levels + 1):
        w = f[:i] / f[:i].sum()
        guesses[i] = p * float(w @ guesses[:i])
    average = float((f / f.sum()) @ guesses)
    return CognitiveHierarchyGuess(guesses=guesses, average=average)


@dataclass(frozen=True)
class VolunteerEquilibrium:
    """The symmetric mixed equilibrium of the volunteer's dilemma.

    Attributes
    ----------
    n : int
        Number of players (keepers).
    cost_ratio : float
        ``c/b``, Diekmann's ``K/U``: the one number the equilibrium depends on.
    abstain : float
        Each keeper's probability of not acting, ``(c/b)**(1/(N-1))``.
    nobody : float
        Probability that nobody acts, ``(c/b)**(N/(N-1))``.
    """

    n: int
    cost_ratio: float
    abstain: float
    nobody: float


def _cost_below_benefit(benefit: float, cost: float) -> None:
    if not cost < benefit:
        raise ValueError(
            f"cost must be below benefit (otherwise nobody ever acts), got cost={cost:g}, benefit={benefit:g}"
        )


@v.params(n=N_, benefit=AMOUNT, cost=AMOUNT)
def volunteer_dilemma(n: int, benefit: float, cost: float) -> VolunteerEquilibrium:
    """Diekmann's (1985) volunteer's dilemma: who liquidates when anyone's action helps everyone?

    Only the ratio ``cost / benefit`` (Diekmann's ``K/U``) enters the equilibrium: scaling both by
    the same factor changes nothing (the result's ``cost_ratio``). Both are taken, in the same
    units, because :func:`volunteer_qre` needs their scale (its precision multiplies payoffs).

    Parameters
    ----------
    n : int
        Number of keepers, in [2, 10000].
    benefit : float
        What each gains if anyone acts, in (0, 1e9].
    cost : float
        What acting costs (gas), in (0, benefit).

    Examples
    --------
    >>> [round(volunteer_dilemma(n, 1.0, 0.2).nobody, 4) for n in (2, 5, 50)]   # rises toward c/b = 0.2
    [0.04, 0.1337, 0.1935]
    """
    _cost_below_benefit(benefit, cost)
    r = cost / benefit
    return VolunteerEquilibrium(n=n, cost_ratio=r, abstain=r ** (1.0 / (n - 1)), nobody=r ** (n / (n - 1)))


@v.params(n=N_, benefit=AMOUNT, cost=AMOUNT, precision=v.Real(0.0, 1e4))
def volunteer_qre(n: int, benefit: float, cost: float, precision: float) -> float:
    """Each keeper's probability of acting in the symmetric logit QRE of the volunteer's dilemma.

    Solves ``p = 1 / (1 + exp(-precision (benefit (1-p)**(n-1) - cost)))`` (the right side
    falls as ``p`` rises, so the solution is unique) by bisection. ``precision = 0`` gives
    1/2; large ``precision`` approaches the mixed Nash equilibrium ``1 - abstain``.

    Parameters
    ----------
    n, benefit, cost
        As in :func:`volunteer_dilemma`.
    precision : float
        Precision (rationality) of the logit response, in [0, 1e4].

    Examples
    --------
    >>> volunteer_qre(5, 1.0, 0.2, precision=0.0)
    0.5
    >>> round(volunteer_qre(5, 1.0, 0.2, precision=1e4), 3), round(1 - volunteer_dilemma(5, 1.0, 0.2).abstain, 3)
    (0.331, 0.331)
    """
    _cost_below_benefit(benefit, cost)
    if precision == 0.0:
        return 0.5

    def gap(p: float) -> float:
        x = -precision * (benefit * (1.0 - p) ** (n - 1) - cost)
        return (1.0 / (1.0 + math.exp(min(700.0, x)))) - p

    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if gap(mid) > 0:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-15:
            break
    return 0.5 * (lo + hi)


@dataclass(frozen=True)
class EntryEquilibrium:
    """The symmetric mixed equilibrium of the keepers' entry game.

    Attributes
    ----------
    n : int
        Number of potential entrants (keepers watching).
    enter : float
        Each keeper's probability of entering, ``1 - (c/G)**(1/(N-1))`` (0 if ``c >= G``).
    nobody : float
        Probability that nobody enters, ``(1 - enter)**N``.
    """

    n: int
    enter: float
    nobody: float


@v.params(n=N_, gain=v.Real(0.0, 1e9), cost=AMOUNT)
def entry_game(n: int, gain: float, cost: float) -> EntryEquilibrium:
    """Symmetric mixed equilibrium of an entry game with a lone entrant's prize ``gain``.

    Each of ``n`` keepers pays ``cost`` to enter; an entrant earns ``gain`` if no other
    keeper enters and 0 otherwise (competition takes the surplus). Entry is indifferent
    when ``gain (1-p)**(n-1) = cost``. If ``cost >= gain`` nobody enters (``p = 0``).

    Parameters
    ----------
    n : int
        Keepers watching, in [2, 10000].
    gain : float
        A lone entrant's surplus, in [0, 1e9] (the same units as ``cost``).
    cost : float
        Cost of entering, in (0, 1e9].

    Examples
    --------
    >>> e = entry_game(4, gain=1.0, cost=0.3)       # the same numbers as the volunteer's dilemma
    >>> round(e.nobody, 3), round(1 - e.enter, 3)
    (0.201, 0.669)
    >>> entry_game(4, gain=0.2, cost=0.3).nobody
    1.0
    """
    if cost >= gain:
        return EntryEquilibrium(n=n, enter=0.0, nobody=1.0)
    q = (cost / gain) ** (1.0 / (n - 1))
    return EntryEquilibrium(n=n, enter=1.0 - q, nobody=q**n)


@v.params(
    n=v.RealArray(2.0, 10_000.0, max_size=1_000_000),
    gain=v.RealArray(0.0, 1e9, max_size=1_000_000),
    cost=v.RealArray(0.0, 1e9, max_size=1_000_000),
    precision=v.Real(0.0, 1e4),
)
def entry_qre_array(n: ArrayLike, gain: ArrayLike, cost: ArrayLike, precision: float) -> np.ndarray:
    """:func:`entry_qre` for arrays: each keeper's entry probability, with ``n``, ``gain`` and ``cost`` broadcast.

    The right side of ``p = 1 / (1 + exp(-precision (gain (1-p)**(n-1) - cost)))`` falls as ``p`` rises, so
    the root in [0, 1] is unique; 45 halvings of every element at once bracket it within 2**-45 < 3e-14.
    :mod:`coordlab.models.auctions` solves a whole crash day's auctions with it.

    Parameters
    ----------
    n : int or array
        Number of keepers (potential entrants), each a whole number in [2, 10000].
    gain, cost : float or array
        A lone entrant's surplus and the cost of entering (same units), each in [0, 1e9] (a cost of 0 is
        allowed here); ``n``, ``gain`` and ``cost`` broadcast together to at most 1,000,000 values.
    precision : float
        The logit precision λ (0: entry at random, large: best responses), in [0, 1e4].

    >>> p = entry_qre_array([2, 4], 1.0, 0.3, precision=20.0)
    >>> [round(float(x), 4) for x in p], round(entry_qre(4, 1.0, 0.3, precision=20.0), 4)
    ([0.6656, 0.3538], 0.3538)
    """
    n, gain, cost = np.asarray(n), np.asarray(gain), np.asarray(cost)  # arrays already (@v.params)
    if np.any(n != np.floor(n)):  # whole numbers: floor, not round (a .5 is not a tie to settle)
        flat = n.ravel()
        raise ValueError(f"n must hold whole numbers of keepers, got {flat[flat != np.floor(flat)][0]:g}")
    try:
        gain, cost, n = np.broadcast_arrays(gain, cost, n)
    except ValueError:
        raise ValueError(
            f"n, gain and cost must broadcast together, got shapes {n.shape}, {gain.shape}, {cost.shape}"
        ) from None
    if gain.size > 1_000_000:
        raise ValueError(f"n, gain and cost must broadcast to at most 1,000,000 values, got {gain.size:,}")
    if precision == 0.0:
        return np.full(gain.shape, 0.5)
    lo, hi = np.zeros(gain.shape), np.ones(gain.shape)
    for _ in range(45):
        mid = 0.5 * (lo + hi)
        x = np.minimum(700.0, -precision * (gain * (1.0 - mid) ** (n - 1) - cost))
        up = 1.0 / (1.0 + np.exp(x)) > mid
        lo, hi = np.where(up, mid, lo), np.where(up, hi, mid)
    return 0.5 * (lo + hi)


@v.params(n=N_, gain=v.Real(0.0, 1e9), cost=AMOUNT, precision=v.Real(0.0, 1e4))
def entry_qre(n: int, gain: float, cost: float, precision: float) -> float:
    """Each keeper's probability of entering in the symmetric logit QRE of the entry game.

    Solves ``p = 1 / (1 + exp(-precision (gain (1-p)**(n-1) - cost)))`` (the right side falls
    as ``p`` rises, so the solution is unique) by bisection. ``precision = 0`` gives 1/2; large
    ``precision`` approaches :func:`entry_game`'s mixed equilibrium. Unlike
    :func:`volunteer_qre`, ``cost`` may exceed ``gain``: noisy keepers still enter
    sometimes.

    Parameters
    ----------
    n, gain, cost
        As in :func:`entry_game`.
    precision : float
        Precision (rationality) of the logit response, in [0, 1e4].

    Examples
    --------
    >>> round(entry_qre(4, 1.0, 0.3, precision=1e4), 3), round(entry_game(4, 1.0, 0.3).enter, 3)
    (0.331, 0.331)
    >>> entry_qre(4, 1.0, 0.3, precision=0.0)
    0.5
    """
    return float(entry_qre_array(n, gain, cost, precision))


@dataclass(frozen=True)
class EntryHierarchy:
    """Cognitive-hierarchy play of the entry game.

    Attributes
    ----------
    enter : numpy.ndarray
        Entry probability of each level 0..``levels`` (level 0 enters with 1/2; a level
        indifferent between entering and not also mixes 1/2).
    frequency : numpy.ndarray
        Poisson(``tau``) share of each level (truncated and renormalised).
    population_enter : float
        Average entry probability of a keeper drawn from the population.
    nobody : float
        Probability that none of the ``n`` keepers enters (each drawn independently).
    """

    enter: np.ndarray
    frequency: np.ndarray
    population_enter: float
    nobody: float


@v.params(n=N_, gain=v.Real(0.0, 1e9), cost=AMOUNT, tau=v.Real(0.0, 20.0, low_open=True), levels=v.Integer(1, 200))
def entry_cognitive_hierarchy(n: int, gain: float, cost: float, tau: float = 1.5, levels: int = 10) -> EntryHierarchy:
    """Cognitive hierarchy (Camerer, Ho & Chong 2004) in the keepers' entry game.

    Level 0 enters with probability 1/2. Level ``k`` believes each rival is of a level
    ``j < k`` in proportion to the Poisson(``tau``) frequencies, so that a rival enters
    with probability ``r_k``; it enters if ``gain (1 - r_k)**(n-1) > cost``, stays out if
    it is less, and mixes 1/2 at equality.

    Parameters
    ----------
    n, gain, cost
        As in :func:`entry_game`.
    tau : float
        Mean level of reasoning, in (0, 20] (Camerer, Ho & Chong estimate about 1.5).
    levels : int
        Highest level computed, in [1, 200].

    Examples
    --------
    >>> [float(x) for x in entry_cognitive_hierarchy(3, gain=1.32, cost=0.48).enter[:4]]   # levels alternate
    [0.5, 0.0, 1.0, 0.0]
    >>> [float(x) for x in entry_cognitive_hierarchy(10, gain=1.32, cost=0.48).enter[:4]]  # all expect a crowd
    [0.5, 0.0, 0.0, 0.0]
    """
    k = np.arange(levels + 1)
    f = np.exp(-tau + k * math.log(tau) - np.array([math.lgamma(i + 1) for i in k]))
    enter = np.empty(levels + 1)
    enter[0] = 0.5
    for i in range(1, levels + 1):
        w = f[:i] / f[:i].sum()
        rival = float(w @ enter[:i])
        payoff = gain * (1.0 - rival) ** (n - 1) - cost
        enter[i] = 1.0 if payoff > 0 else (0.0 if payoff < 0 else 0.5)
    freq = f / f.sum()
    pop = float(freq @ enter)
    return EntryHierarchy(enter=enter, frequency=freq, population_enter=pop, nobody=(1.0 - pop) ** n)
