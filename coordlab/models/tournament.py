"""The repeated Prisoner's Dilemma: a strategy library, matches and round-robin tournaments.

Every strategy here decides from a short memory: the turn number's parity, its
own last move, the opponent's last two moves, and whether the opponent has ever
defected. That covers the classic strategies of Axelrod's tournaments, and it
lets one table describe a strategy: the probability of cooperating in each of
33 situations (the first move, and 32 combinations of that memory). A whole
tournament (every pairing, every repetition) is then played at once, a turn at
a time, by looking up every player's situation in its table: numpy does the
matches side by side instead of one after another.

Noise (Bendor, Kramer & Stephan 1991; Axelrod library's ``noise``): each move is
flipped with probability ``noise`` after it is chosen; both players see the
flipped move.

This module follows the API conventions of issue 17 (CONTRIBUTING.md): a strategy is named by its
display name or by its axelrod class name (``AXELROD_CLASSES``), match scores are integers when the
payoffs are whole numbers, and the payoff check is :func:`coordlab.models.dilemma.check_payoffs`.

Sources
-------
- R. Axelrod (1980), "Effective Choice in the Prisoner's Dilemma", *J. Conflict
  Resolution* 24(1): the first tournament (200 moves a game, 5 repetitions,
  round robin including each entry against itself), Tit for Tat (A. Rapoport),
  Random, Tit for Two Tats, Grim (J. Friedman's entry).
- M. A. Nowak and K. Sigmund (1992), "Tit for tat in heterogeneous populations",
  *Nature* 355: Generous Tit for Tat, forgiving with probability
  ``min(1 - (T - R)/(R - S), (R - P)/(T - P))``.
- M. A. Nowak and K. Sigmund (1993), "A strategy of win-stay, lose-shift that
  outperforms tit-for-tat", *Nature* 364: Win-Stay Lose-Shift (Pavlov).
- V. Knight et al. (2016), "An open framework for the reproducible study of the
  iterated Prisoner's Dilemma", *J. Open Research Software* 4(1) (the
  ``axelrod`` library): names, classifiers and the transcripts the tests replay.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.models.dilemma import PAYOFF, check_payoffs

__all__ = [
    "Strategy",
    "STRATEGIES",
    "AXELROD_CLASSES",
    "StrategyName",
    "strategy",
    "MatchResult",
    "play_match",
    "TournamentResult",
    "round_robin",
    "memory_one_table",
    "round_robin_tables",
    "fixed",
    "discounted_scores",
    "AXELROD_T",
    "AXELROD_R",
    "AXELROD_P",
    "AXELROD_S",
    "AXELROD_TURNS",
    "AXELROD_REPETITIONS",
]

C, D = 0, 1
N_STATES = 33  # state 0: the first move; states 1..32: the memory code + 1
#: The Prisoner's Dilemma's payoffs T, R, P, S of Axelrod's tournaments (points a turn; Axelrod 1980).
AXELROD_T, AXELROD_R, AXELROD_P, AXELROD_S = 5.0, 3.0, 1.0, 0.0
#: Rounds per match in Axelrod's first tournament (turns; Axelrod 1980: 200).
AXELROD_TURNS = 200
#: Times each pairing is played in Axelrod's first tournament (repetitions; Axelrod 1980: 5).
AXELROD_REPETITIONS = 5


def _code(
    me_last: np.ndarray,
    opp_last: np.ndarray,
    opp_last2: np.ndarray,
    opp_ever_defected: np.ndarray,
    turn_odd: np.ndarray,
) -> np.ndarray:
    return 1 + me_last + 2 * opp_last + 4 * opp_last2 + 8 * opp_ever_defected + 16 * turn_odd


_MEMORY = np.array([[(s >> b) & 1 for b in range(5)] for s in range(32)])  # columns as in _code
_ME, _OPP, _OPP2, _EVER, _ODD = (_MEMORY[:, i] for i in range(5))


def _table(first: float, rest: ArrayLike) -> np.ndarray:
    t = np.empty(N_STATES)
    t[0] = first
    t[1:] = rest
    return t


@dataclass(frozen=True)
class Strategy:
    """A strategy of the repeated Prisoner's Dilemma.

    Attributes
    ----------
    name : str
        Its display name, the axelrod library's ``name`` ("Tit For Tat"); every function here also accepts
        the library's class name ("TitForTat", see ``AXELROD_CLASSES``).
    description : str
        What it does, in a sentence.
    source : str
        Where it comes from.
    memory_depth : float
        How many of the opponent's past moves it uses (``inf`` for Grim Trigger,
        which remembers any defection): the axelrod library's classifier ``memory_depth``.
    stochastic : bool
        Whether it draws random numbers: the axelrod library's classifier ``stochastic``.
    """

    name: str
    description: str
    source: str
    memory_depth: float
    stochastic: bool
    _rule: Callable[[float, float, float, float], np.ndarray] | None = field(repr=False, compare=False, default=None)

    @v.params(T=PAYOFF, R=PAYOFF, P=PAYOFF, S=PAYOFF)
    def table(
        self, T: float = AXELROD_T, R: float = AXELROD_R, P: float = AXELROD_P, S: float = AXELROD_S
    ) -> np.ndarray:
        """Probability of cooperating in each of the 33 situations (index 0 is the first move).

        Parameters
        ----------
        T, R, P, S : float
            Temptation, reward, punishment and sucker's payoffs, each in [-1e6, 1e6], with ``T > R > P > S`` and
            ``2R > T + S`` (as in :func:`coordlab.models.dilemma.prisoners_dilemma`).
        """
        T, R, P, S = astuple(check_payoffs(T, R, P, S))
        if self._rule is None:
            raise ValueError(f"{self.name} has no cooperation table (only the strategies of STRATEGIES have one)")
        return self._rule(T, R, P, S)


def _gtft(T: float, R: float, P: float, S: float) -> np.ndarray:
    g = min(1 - (T - R) / (R - S), (R - P) / (T - P))
    return _table(1.0, np.where(_OPP == C, 1.0, g))


STRATEGIES: tuple[Strategy, ...] = (
    Strategy("Cooperator", "Always cooperates.", "Axelrod (1984)", 0, False, lambda *p: _table(1.0, np.ones(32))),
    Strategy("Defector", "Always defects.", "Axelrod (1984)", 0, False, lambda *p: _table(0.0, np.zeros(32))),
    Strategy(
        "Tit For Tat",
        "Cooperates first, then copies the opponent's last move.",
        "A. Rapoport's entry, winner of Axelrod (1980)",
        1,
        False,
        lambda *p: _table(1.0, (_OPP == C).astype(float)),
    ),
    Strategy(
        "Grudger",
        "Grim Trigger: cooperates until the opponent defects once, then defects for ever.",
        "J. Friedman's entry in Axelrod (1980); Friedman (1971)",
        float("inf"),
        False,
        lambda *p: _table(1.0, (_EVER == 0).astype(float)),
    ),
    Strategy(
        "Generous Tit For Tat",
        "Like Tit for Tat, but forgives a defection with probability min(1 - (T-R)/(R-S), (R-P)/(T-P)).",
        "Nowak & Sigmund (1992)",
        1,
        True,
        _gtft,
    ),
    Strategy(
        "Win-Stay Lose-Shift",
        "Cooperates first; repeats its move after R or T, switches after P or S.",
        "Nowak & Sigmund (1993), also called Pavlov",
        1,
        False,
        lambda *p: _table(1.0, (_ME == _OPP).astype(float)),
    ),
    Strategy(
        "Alternator",
        "Cooperates, then defects, then cooperates, ...",
        "axelrod library",
        1,
        False,
        lambda *p: _table(1.0, (_ODD == 0).astype(float)),
    ),
    Strategy(
        "Random",
        "Cooperates with probability 1/2 on every move.",
        "the RANDOM entry of Axelrod (1980)",
        0,
        True,
        lambda *p: _table(0.5, np.full(32, 0.5)),
    ),
    Strategy(
        "Tit For 2 Tats",
        "Defects only after two defections in a row by the opponent.",
        "J. Maynard Smith's entry in Axelrod (1980)",
        2,
        False,
        lambda *p: _table(1.0, 1.0 - ((_OPP == D) & (_OPP2 == D))),
    ),
    Strategy(
        "Suspicious Tit For Tat",
        "Defects first, then copies the opponent's last move.",
        "Beaufils, Delahaye & Mathieu (1997)",
        1,
        False,
        lambda *p: _table(0.0, (_OPP == C).astype(float)),
    ),
)
_NAMES = tuple(s.name for s in STRATEGIES)
# Each strategy's class in the axelrod library (Knight et al. 2016), the other spelling every function here accepts:
# ``axelrod.TitForTat()`` is the strategy this module calls "Tit For Tat".
AXELROD_CLASSES = {
    "Cooperator": "Cooperator",
    "Defector": "Defector",
    "Tit For Tat": "TitForTat",
    "Grudger": "Grudger",
    "Generous Tit For Tat": "GTFT",
    "Win-Stay Lose-Shift": "WinStayLoseShift",
    "Alternator": "Alternator",
    "Random": "Random",
    "Tit For 2 Tats": "TitFor2Tats",
    "Suspicious Tit For Tat": "SuspiciousTitForTat",
}
_DISPLAY = {**{n: n for n in _NAMES}, **{c: n for n, c in AXELROD_CLASSES.items()}}  # either spelling -> display


class StrategyName(v.Constraint):
    """A strategy of ``STRATEGIES`` by its display name ("Tit For Tat") or its axelrod class name ("TitForTat").

    ``check`` returns the display name, so results always carry the display spelling.
    """

    def check(self, name: str, value: Any) -> Any:
        value = str(value) if isinstance(value, str) else value  # numpy's str_ compares as str
        return _DISPLAY[v.choice(name, value, tuple(_DISPLAY))]

    def describe(self) -> str:
        return "a name from STRATEGIES or its axelrod library class name (AXELROD_CLASSES)"

    def accepted(self) -> list[Any]:
        return list(_DISPLAY)

    def refused(self) -> list[Any]:
        return [None, 3, "tit for tat", "TitForTat ", "", ["Tit For Tat"], object()]


# Constraints shared by the functions below. A turn costs a few tens of microseconds of Python
# however many matches it plays side by side, so MAX_TURNS turns take about a second; a round robin
# of the library may play at most MAX_MATCH_TURNS match-turns (about a second too).
MAX_TURNS = 20_000
MAX_MATCH_TURNS = 5_000_000
MAX_TABLES = 2_500  # strategies given as tables: the results are n x n x 4 integers (200 MB at 2,500)
MAX_TABLE_MATCH_TURNS = 10_000_000_000  # about 10 minutes, in batches: a class of 2,500 at Axelrod's settings
NAME = StrategyName()
TURNS = v.Integer(1, MAX_TURNS)
REPETITIONS = v.Integer(1, 1000)
NOISE = v.Probability()


@v.params(name=NAME)
def strategy(name: str) -> Strategy:
    """The strategy called ``name``: its display name in ``STRATEGIES`` or its axelrod class name
    (``AXELROD_CLASSES``).

    Examples
    --------
    >>> s = strategy("Tit For Tat")
    >>> s.memory_depth, s.stochastic
    (1, False)
    >>> strategy("TitForTat") is s
    True
    """
    return STRATEGIES[_NAMES.index(name)]


# The joint memory of a match, as one of 129 states: bit 0 A's last move, 1 B's last move,
# 2 A's move before that, 3 B's move before that, 4 A has defected, 5 B has defected,
# 6 parity of the coming turn; state 128 is the first move. How it moves on does not depend
# on the strategies (only the moves do), so one table serves every match.
FIRST = 128
_J = np.arange(128)
_A_LAST, _B_LAST, _A_LAST2, _B_LAST2, _A_EVER, _B_EVER, _PARITY = ((_J >> b) & 1 for b in range(7))
SEAT_STATE = np.stack(
    [  # each seat's own situation (0..32) in each joint state
        np.r_[_code(_A_LAST, _B_LAST, _B_LAST2, _B_EVER, _PARITY), 0],
        np.r_[_code(_B_LAST, _A_LAST, _A_LAST2, _A_EVER, _PARITY), 0],
    ]
)


def _next_state() -> np.ndarray:
    nxt = np.empty((129, 2, 2), dtype=np.intp)
    a_last, b_last = np.r_[_A_LAST, 0], np.r_[_B_LAST, 0]
    a_ever, b_ever, parity = np.r_[_A_EVER, 0], np.r_[_B_EVER, 0], np.r_[_PARITY, 0]
    for ma in (0, 1):
        for mb in (0, 1):
            nxt[:, ma, mb] = (
                ma | mb << 1 | a_last << 2 | b_last << 3 | (a_ever | ma) << 4 | (b_ever | mb) << 5 | (1 - parity) << 6
            )
    return nxt


NEXT_STATE = _next_state()
_NEXT_FLAT = NEXT_STATE.reshape(129, 4)


def _play(
    tables_a: np.ndarray, tables_b: np.ndarray, turns: int, noise: float, rng: np.random.Generator | None
) -> np.ndarray:
    """Play len(tables_a) matches side by side. Returns moves, shape (turns, n, 2), 0 = C, 1 = D.

    Each turn is one lookup per seat in the players' tables and one step of the
    shared joint-memory table, for every match at once. Without randomness the
    whole transition of each match is precomputed and a turn is a single gather.
    """
    n = tables_a.shape[0]
    rows = np.arange(n)
    coop_a = tables_a[:, SEAT_STATE[0]]  # (n, 129): P(A cooperates) in each joint state
    coop_b = tables_b[:, SEAT_STATE[1]]
    j = np.full(n, FIRST, dtype=np.intp)
    if rng is None:  # deterministic tables hold only 0 and 1
        move_a = (coop_a < 0.5).astype(np.intp)
        move_b = (coop_b < 0.5).astype(np.intp)
        step = _NEXT_FLAT[np.arange(129)[None, :], 2 * move_a + move_b]  # (n, 129)
        states = np.empty((turns, n), dtype=np.intp)
        for t in range(turns):
            states[t] = j
            j = step[rows, j]
        return np.stack([move_a[rows, states], move_b[rows, states]], axis=-1).astype(np.int8)
    moves = np.empty((turns, n, 2), dtype=np.int8)
    for t in range(turns):
        u = rng.random((2, n))
        ma = (u[0] >= coop_a[rows, j]).astype(np.intp)
        mb = (u[1] >= coop_b[rows, j]).astype(np.intp)
        if noise > 0:
            flip = rng.random((2, n)) < noise
            ma ^= flip[0]
            mb ^= flip[1]
        moves[t, :, 0] = ma
        moves[t, :, 1] = mb
        j = _NEXT_FLAT[j, 2 * ma + mb]
    return moves


def _payoff_matrix(T: float, R: float, P: float, S: float) -> np.ndarray:
    # PAYOFF[my move, their move] to me
    return np.array([[R, S], [T, P]])


@dataclass(frozen=True)
class MatchResult:
    """A match of the repeated Prisoner's Dilemma.

    Attributes
    ----------
    players : tuple of str
        The two strategies' display names (whichever spelling was passed).
    moves : tuple of str
        Each player's moves, one ``"C"`` or ``"D"`` a turn.
    scores : tuple of int, or tuple of float
        Each player's total payoff: integers when ``T, R, P, S`` are whole numbers (Axelrod's 5, 3, 1, 0),
        floats otherwise.
    """

    players: tuple[str, str]
    moves: tuple[str, str]
    scores: tuple[int, int] | tuple[float, float]

    @property
    def mean_scores(self) -> tuple[float, float]:
        """Each player's payoff per turn (a float)."""
        n = len(self.moves[0])
        return (self.scores[0] / n, self.scores[1] / n)


@v.params(
    player_a=NAME,
    player_b=NAME,
    turns=TURNS,
    noise=NOISE,
    seed=v.Optional(v.Seed()),
    T=PAYOFF,
    R=PAYOFF,
    P=PAYOFF,
    S=PAYOFF,
)
def play_match(
    player_a: str,
    player_b: str,
    turns: int = AXELROD_TURNS,
    noise: float = 0.0,
    seed: int | None = 0,
    T: float = AXELROD_T,
    R: float = AXELROD_R,
    P: float = AXELROD_P,
    S: float = AXELROD_S,
) -> MatchResult:
    """Play one match of the repeated Prisoner's Dilemma.

    Parameters
    ----------
    player_a, player_b : str
        Strategies: a display name from ``STRATEGIES`` ("Tit For Tat") or the axelrod library's class
        name (``AXELROD_CLASSES``: "TitForTat"). The result carries the display names.
    turns : int
        Number of rounds, in [1, 20000] (about a second at most).
    noise : float
        Probability that each move is flipped, in [0, 1].
    seed : int or None
        Seed of the random numbers (for stochastic strategies and noise); needed
        when either is used, so every run is reproducible.
    T, R, P, S : float
        The Prisoner's Dilemma payoffs, each in [-1e6, 1e6], with ``T > R > P > S`` and ``2R > T + S``.

    Examples
    --------
    >>> m = play_match("Tit For Tat", "Alternator", turns=6)
    >>> m.moves
    ('CCDCDC', 'CDCDCD')
    >>> m.scores                                     # whole-number payoffs: integer scores
    (13, 18)
    >>> play_match("TitForTat", "Alternator", turns=6) == m
    True
    >>> play_match("Tit For Tat", "Alternator", turns=6, T=5.5).scores
    (14.0, 19.5)
    """
    a, b = player_a, player_b
    T, R, P, S = astuple(check_payoffs(T, R, P, S))
    stochastic = noise > 0 or strategy(a).stochastic or strategy(b).stochastic
    if stochastic and seed is None:
        raise ValueError("seed must be an integer when a strategy is stochastic or noise > 0, got None")
    rng = np.random.default_rng(seed) if stochastic else None
    ta = strategy(a).table(T, R, P, S)[None, :]
    tb = strategy(b).table(T, R, P, S)[None, :]
    moves = _play(ta, tb, turns, noise, rng)[:, 0, :]
    pay = _payoff_matrix(T, R, P, S)
    kind = int if all(float(x).is_integer() for x in (T, R, P, S)) else float
    scores = (kind(pay[moves[:, 0], moves[:, 1]].sum()), kind(pay[moves[:, 1], moves[:, 0]].sum()))
    text = ("".join("CD"[m] for m in moves[:, 0]), "".join("CD"[m] for m in moves[:, 1]))
    return MatchResult(players=(a, b), moves=text, scores=scores)


@dataclass(frozen=True)
class TournamentResult:
    """A round robin's results.

    Attributes
    ----------
    players : tuple of str
        The strategies, in the order given.
    payoff_matrix : numpy.ndarray, shape (n, n)
        Mean payoff per turn to row player against column player (over repetitions).
    scores : numpy.ndarray, shape (n,)
        Each player's mean payoff per turn over all its opponents (itself included
        when ``self_play``).
    ranking : tuple of str
        Players from best to worst score (ties kept in the given order).
    cooperation : numpy.ndarray, shape (n,)
        Share of each player's moves that were C.
    outcomes : numpy.ndarray of int, shape (n, n, 4)
        How often row player and column player played CC, CD, DC, DD (row's move
        first), summed over repetitions: the exact record the floats above are
        computed from, each by one correctly rounded division, so they are the same
        on every machine.
    turns, repetitions : int
        Turns per match and matches per pairing.
    payoffs : tuple of float
        ``(T, R, P, S)``.
    """

    players: tuple[str, ...]
    payoff_matrix: np.ndarray
    scores: np.ndarray
    ranking: tuple[str, ...]
    cooperation: np.ndarray
    outcomes: np.ndarray = field(repr=False)
    turns: int = 0
    repetitions: int = 0
    payoffs: tuple[float, float, float, float] = (AXELROD_T, AXELROD_R, AXELROD_P, AXELROD_S)

    @v.params()
    def exact_scores(self) -> list[Fraction]:
        """Each player's score as an exact fraction (points over turns played against its opponents)."""

        T, R, P, S = (Fraction(x) for x in self.payoffs)
        by_outcome = self.outcomes.sum(axis=1)  # (n, 4): exact integer counts over all opponents
        opponents = (self.outcomes.sum(axis=2) > 0).sum(axis=1)
        return [
            (int(c[0]) * R + int(c[1]) * S + int(c[2]) * T + int(c[3]) * P) / (int(k) * self.turns * self.repetitions)
            for c, k in zip(by_outcome, opponents)
        ]

    @v.params()
    def exact_cooperation(self) -> list[Fraction]:
        """Each player's share of C moves as an exact fraction."""

        by_outcome = self.outcomes.sum(axis=1)
        return [Fraction(int(c[0] + c[1]), int(c.sum())) for c in by_outcome]

    @v.params(rows=v.Optional(v.Integer(0)))
    def table(self, rows: int | None = None) -> str:
        """The score table as text, best first (digits rounded from the exact scores, half up).

        Parameters
        ----------
        rows : int or None
            Rows of the table shown (the best ``rows`` strategies), at least 0 (``None`` or 0: every row).
        """
        exact, coop = self.exact_scores(), self.exact_cooperation()
        lines = [f"{'rank':>4}  {'strategy':<24}{'score/turn':>11}{'cooperation':>13}"]
        order = [self.players.index(name) for name in self.ranking]
        for rank, i in enumerate(order[:rows] if rows else order, 1):
            lines.append(f"{rank:>4}  {self.players[i]:<24}{fixed(exact[i], 3):>11}{fixed(100 * coop[i], 0) + '%':>12}")
        return "\n".join(lines)


@v.params(
    x=v.Checked("an exact number: a Fraction, an integer or a finite float, below 1e1000 in size"),
    digits=v.Integer(0, 30),
)
def fixed(x: numbers.Rational | float, digits: int) -> str:
    """An exact fraction (or integer) as a decimal with ``digits`` decimals, a tie rounded to the even digit.

    Printing a float at a precision where it lies on a tie (2.2595 at three decimals)
    lets its last bit choose the digit, and the last bit can differ between machines;
    an exact value rounds the same way everywhere.

    Parameters
    ----------
    x : Fraction, int or float
        The exact number to print (a finite float is taken at its exact binary value), below 1e1000 in size.
    digits : int
        Decimals printed, in [0, 30].

    >>> from fractions import Fraction
    >>> fixed(Fraction(22595, 10000), 3), fixed(Fraction(-1, 8), 2), fixed(7, 1)
    ('2.260', '-0.12', '7.0')
    """

    if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "iuf":
        x = x[()]
    if isinstance(x, np.floating):
        x = float(x)
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (numbers.Rational, float)):
        raise TypeError(f"x must be a Fraction, an integer or a float, got {type(x).__name__}")
    if isinstance(x, float) and not math.isfinite(x):
        raise ValueError(f"x must be finite, got {x!r}")
    x = Fraction(x)
    if abs(x) >= 10**1000:
        raise ValueError("x must be below 1e1000 in size (its digits are printed), got a larger number")
    scaled = abs(x) * 10**digits
    q, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest > scaled.denominator or (2 * rest == scaled.denominator and q % 2):
        q += 1  # a tie goes to the even digit, as Python formats a float that is exactly a tie
    sign = "-" if x < 0 and q else ""
    text = str(q).rjust(digits + 1, "0")
    return sign + (text[:-digits] + "." + text[-digits:] if digits else text)


@v.params(
    players=v.Optional(v.Distinct(NAME, "strategy", "a list of strategy names")),  # either spelling, as display names
    turns=TURNS,
    repetitions=REPETITIONS,
    noise=NOISE,
    seed=v.Optional(v.Seed()),
    self_play=v.Boolean(),
    T=PAYOFF,
    R=PAYOFF,
    P=PAYOFF,
    S=PAYOFF,
)
def round_robin(
    players: Sequence[str] | None = None,
    turns: int = AXELROD_TURNS,
    repetitions: int = AXELROD_REPETITIONS,
    noise: float = 0.0,
    seed: int | None = 0,
    self_play: bool = True,
    T: float = AXELROD_T,
    R: float = AXELROD_R,
    P: float = AXELROD_P,
    S: float = AXELROD_S,
) -> TournamentResult:
    """A round-robin tournament, every match of every repetition played at once.

    Parameters
    ----------
    players : list of str, optional
        Strategy names, either spelling as in :func:`play_match` (default: all of ``STRATEGIES``).
        A strategy may appear once; the result carries the display names.
    turns : int
        Rounds per match, in [1, 20000] (Axelrod 1980: 200).
    repetitions : int
        Times each pairing is played, in [1, 1000] (Axelrod 1980: 5). The pairings times
        the repetitions (1 when nothing is random) times the turns must be at most 5e6
        (about a second): the ten strategies' 55 pairings, 200 turns and up to 454 repetitions.
    noise : float
        Probability that each move is flipped, in [0, 1].
    seed : int or None
        Seed for stochastic strategies and noise (required when either is used).
    self_play : bool
        Whether each strategy also meets a copy of itself (Axelrod 1980 did).
    T, R, P, S : float
        The Prisoner's Dilemma payoffs, each in [-1e6, 1e6], with ``T > R > P > S`` and ``2R > T + S``.

    Examples
    --------
    >>> r = round_robin(["Tit For Tat", "Defector", "Cooperator"], turns=200, repetitions=1)
    >>> r.ranking
    ('Defector', 'Tit For Tat', 'Cooperator')
    >>> [round(float(s), 3) for s in r.scores]
    [2.332, 2.34, 2.0]
    """
    players = list(_NAMES) if players is None else list(players)
    T, R, P, S = astuple(check_payoffs(T, R, P, S))
    if len(players) < 2 and not self_play:
        raise ValueError("players must hold at least two strategies when self_play is False")
    strategies = [strategy(p) for p in players]
    stochastic = noise > 0 or any(s.stochastic for s in strategies)
    if stochastic and seed is None:
        raise ValueError("seed must be an integer when a strategy is stochastic or noise > 0, got None")
    n = len(players)
    work = (n * (n + 1) // 2 if self_play else n * (n - 1) // 2) * (repetitions if stochastic else 1) * turns
    if work > MAX_MATCH_TURNS:
        raise ValueError(
            f"players' pairings times repetitions times turns must be at most {MAX_MATCH_TURNS:,} "
            f"(about a second), got {work:,}: lower turns or repetitions"
        )
    tables = np.stack([s.table(T, R, P, S) for s in strategies])
    return _play_round_robin(
        tuple(players),
        tables,
        self_play,
        repetitions,
        turns,
        noise,
        np.random.default_rng(seed) if stochastic else None,
        (T, R, P, S),
    )


@v.params(first=v.Probability(), after=v.RealArray(0.0, 1.0, ndim=1))
def memory_one_table(first: float, after: ArrayLike) -> np.ndarray:
    """The cooperation table (33 situations) of a memory-one strategy.

    ``first`` is the probability of cooperating on the first move, ``after`` the
    probabilities after CC, CD, DC, DD (my last move, the opponent's): each in [0, 1].

    >>> np.array_equal(memory_one_table(1, [1, 0, 1, 0]), strategy("Tit For Tat").table())
    True
    """
    after = np.asarray(after)  # already an array (@v.params): for the type checker
    p = after
    if p.shape != (4,):
        raise ValueError(f"after must hold 4 probabilities (after CC, CD, DC, DD), got shape {p.shape}")
    return _table(first, p[2 * _ME + _OPP])


@v.params(
    names=v.Checked(f"a list of distinct names (non-empty strings), at most {MAX_TABLES:,}"),
    tables=v.RealMatrix(),
    turns=TURNS,
    repetitions=REPETITIONS,
    noise=NOISE,
    seed=v.Seed(),
    self_play=v.Boolean(),
    progress=v.Optional(v.Checked("a function progress(done, total)")),
)
def round_robin_tables(
    names: Sequence[str],
    tables: ArrayLike,
    turns: int = AXELROD_TURNS,
    repetitions: int = AXELROD_REPETITIONS,
    noise: float = 0.0,
    seed: int = 0,
    self_play: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> TournamentResult:
    """A round robin of strategies given as cooperation tables (see :func:`memory_one_table`), Axelrod's payoffs.

    Matches are played in batches of at most 16,384 side by side, so memory grows with
    the number of strategies (the ``n x n`` results), not with the number of matches;
    ``progress(done, total)`` is called after each batch. Deterministic tables without
    noise are played once per pairing (repetitions would repeat them exactly).

    ``names`` holds at most 2,500 strategies, ``tables`` one row of 33 probabilities for
    each; ``turns``, ``repetitions``, ``noise`` and ``seed`` as in :func:`round_robin`, except
    that pairings times repetitions times turns may reach 1e10: about 13 ns a match-turn on a
    2-core machine, so a class of 2,000 with 200 turns and 5 repetitions (2e9) takes about two
    minutes and the largest run about ten, reported through ``progress``.

    >>> r = round_robin_tables(["TFT", "AllD"], [memory_one_table(1, [1, 0, 1, 0]), memory_one_table(0, [0] * 4)])
    >>> r.ranking, [str(x) for x in r.exact_scores()]      # (3 + 199/200) / 2 and (204/200 + 1) / 2
    (('TFT', 'AllD'), ['799/400', '101/100'])
    """
    tables = np.asarray(tables)  # already an array (@v.params): for the type checker
    if isinstance(names, (str, bytes)) or not isinstance(names, (list, tuple)):
        raise TypeError(f"names must be a list of strings, got {type(names).__name__}")
    names = tuple(names)
    if len(names) > MAX_TABLES:
        raise ValueError(f"names must hold at most {MAX_TABLES:,} strategies, got {len(names):,}")
    if not all(isinstance(x, str) and x.strip() for x in names):
        raise ValueError("names must be non-empty strings")
    if len({x.lower() for x in names}) != len(names):
        raise ValueError("names must be distinct (ignoring case)")
    if tables.shape != (len(names), N_STATES):
        raise ValueError(
            f"tables must have shape ({len(names)}, {N_STATES}): one row of 33 probabilities for each "
            f"of names, got shape {tables.shape}"
        )
    if np.any(tables < 0) or np.any(tables > 1):
        raise ValueError("tables must hold probabilities in [0, 1]")
    if len(names) < (1 if self_play else 2):
        raise ValueError(f"a tournament needs at least {1 if self_play else 2} strategies, got {len(names)}")
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be callable or None, got {type(progress).__name__}")
    stochastic = noise > 0 or bool(np.any((tables > 0) & (tables < 1)))
    n = len(names)
    work = (n * (n + 1) // 2 if self_play else n * (n - 1) // 2) * (repetitions if stochastic else 1) * turns
    if work > MAX_TABLE_MATCH_TURNS:
        raise ValueError(
            f"the pairings of names times repetitions times turns must be at most "
            f"{MAX_TABLE_MATCH_TURNS:,}, got {work:,}: lower turns or repetitions"
        )
    return _play_round_robin(
        names,
        tables,
        self_play,
        repetitions,
        turns,
        noise,
        np.random.default_rng(seed) if stochastic else None,
        (5.0, 3.0, 1.0, 0.0),
        progress,
    )


_BATCH = 16_384  # matches played side by side at most
_BATCH_MOVES = 2**23  # and at most this many match-turns in a batch (long matches: smaller batches, bounded memory)


def _play_round_robin(
    players: tuple,
    tables: np.ndarray,
    self_play: bool,
    repetitions: int,
    turns: int,
    noise: float,
    rng: np.random.Generator | None,
    payoffs: tuple[float, float, float, float],
    progress: Callable[[int, int], None] | None = None,
) -> TournamentResult:
    """Play every pairing (``repetitions`` times when anything is random) from cooperation ``tables``.

    Outcomes are counted exactly (integers); payoffs per turn, scores and cooperation
    shares are each one division of exact numbers, so they do not depend on the order
    of floating-point sums (or on the CPU).
    """
    T, R, P, S = payoffs
    n = len(players)
    reps = repetitions if rng is not None else 1  # deterministic play repeats itself exactly
    pair_a, pair_b = np.triu_indices(n, 0 if self_play else 1)
    total = pair_a.size * reps
    batch = max(1, min(_BATCH, _BATCH_MOVES // turns))
    outcomes = np.zeros((n, n, 4), dtype=np.int64)
    for start in range(0, total, batch):
        k = np.arange(start, min(start + batch, total))
        ia, ib = pair_a[k // reps], pair_b[k // reps]
        moves = _play(tables[ia], tables[ib], turns, noise, rng)
        code = 2 * moves[:, :, 0] + moves[:, :, 1]  # 0 CC, 1 CD, 2 DC, 3 DD from seat A's side
        counts = np.stack([(code == c).sum(axis=0, dtype=np.int64) for c in range(4)], axis=1)
        np.add.at(outcomes, (ia, ib), counts)
        off = ia != ib  # a self-match counts once, from the first seat
        np.add.at(outcomes, (ib[off], ia[off]), counts[off][:, [0, 2, 1, 3]])
        if progress is not None:
            progress(int(k[-1]) + 1, total)
    played = outcomes.sum(axis=2)  # turns x reps where a pairing was played, else 0
    integral = all(float(x).is_integer() for x in payoffs)
    kind = np.int64 if integral else float
    points = (
        outcomes[..., 0] * kind(R)
        + outcomes[..., 1] * kind(S)
        + outcomes[..., 2] * kind(T)
        + outcomes[..., 3] * kind(P)
    )
    matrix = points / np.maximum(played, 1)
    opponents = (played > 0).sum(axis=1)
    scores = points.sum(axis=1) / (opponents * turns * reps)
    coop = outcomes[..., :2].sum(axis=(1, 2)) / played.sum(axis=1)
    result = TournamentResult(
        players=players,
        payoff_matrix=matrix,
        scores=scores,
        ranking=(),
        cooperation=coop,
        outcomes=outcomes,
        turns=turns,
        repetitions=reps,
        payoffs=(T, R, P, S),
    )
    exact = result.exact_scores()
    order = sorted(range(n), key=lambda i: -exact[i])  # stable: ties keep the given order
    object.__setattr__(result, "ranking", tuple(players[i] for i in order))
    return result


@v.params(
    player=NAME,
    opponent=NAME,
    w=v.RealArray(0.0, 0.995, max_size=100_000),
    turns=TURNS,
    T=PAYOFF,
    R=PAYOFF,
    P=PAYOFF,
    S=PAYOFF,
)
def discounted_scores(
    player: str,
    opponent: str,
    w: ArrayLike,
    turns: int = 2000,
    T: float = AXELROD_T,
    R: float = AXELROD_R,
    P: float = AXELROD_P,
    S: float = AXELROD_S,
) -> float | np.ndarray:
    """Discounted payoff ``sum_t w**t u_t`` of ``player`` against ``opponent``, by simulation.

    Plays one (noiseless) match of ``turns`` rounds and weights round ``t`` by
    ``w**t``: the payoff of the repeated game with continuation probability ``w``,
    truncated where ``w**turns`` is negligible. Only deterministic strategies.

    Parameters
    ----------
    player, opponent : str
        Deterministic strategies, either spelling as in :func:`play_match`.
    w : float or array_like
        Continuation probabilities, each in [0, 0.995].
    turns : int
        Rounds played, in [1, 20000], with ``turns * w.size <= 2e6`` (the weights).
    T, R, P, S : float
        The Prisoner's Dilemma payoffs, as in :func:`play_match`.

    Examples
    --------
    >>> round(float(discounted_scores("Tit For Tat", "Tit For Tat", 0.5)), 6)   # R / (1 - w)
    6.0
    >>> round(float(discounted_scores("Defector", "Tit For Tat", 0.5)), 6)      # T + w P / (1 - w)
    6.0
    """
    w = np.asarray(w)  # already an array (@v.params): for the type checker
    a, b = player, opponent
    for name, s in (("player", a), ("opponent", b)):
        if strategy(s).stochastic:
            raise ValueError(f"{name} must be a deterministic strategy, got {s!r}")
    if w.size * turns > 2_000_000:
        raise ValueError(
            f"w's size times turns must be at most 2e6 (the weights w**t), got {w.size} values and turns={turns}"
        )
    m = play_match(a, b, turns=turns, seed=None, T=T, R=R, P=P, S=S)
    pay = _payoff_matrix(*astuple(check_payoffs(T, R, P, S)))
    mine = np.array(["CD".index(c) for c in m.moves[0]])
    theirs = np.array(["CD".index(c) for c in m.moves[1]])
    u = pay[mine, theirs]
    weights = w[..., None] ** np.arange(turns)
    out = weights @ u
    return float(out) if np.ndim(out) == 0 else out
