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

from dataclasses import dataclass, field

import numpy as np

from coordlab import _validate as v
from coordlab.models.dilemma import _pd_payoffs

__all__ = ["Strategy", "STRATEGIES", "strategy", "MatchResult", "play_match", "TournamentResult", "round_robin",
           "discounted_scores"]

C, D = 0, 1
N_STATES = 33  # state 0: the first move; states 1..32: the memory code + 1


def _code(me_last, opp_last, opp_last2, opp_ever_defected, turn_odd):
    return 1 + me_last + 2 * opp_last + 4 * opp_last2 + 8 * opp_ever_defected + 16 * turn_odd


_MEMORY = np.array([[(s >> b) & 1 for b in range(5)] for s in range(32)])  # columns as in _code
_ME, _OPP, _OPP2, _EVER, _ODD = (_MEMORY[:, i] for i in range(5))


def _table(first: float, rest) -> np.ndarray:
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
        Its usual name (as in the axelrod library).
    description : str
        What it does, in a sentence.
    source : str
        Where it comes from.
    memory_depth : float
        How many of the opponent's past moves it uses (``inf`` for Grim Trigger,
        which remembers any defection).
    stochastic : bool
        Whether it draws random numbers.
    """

    name: str
    description: str
    source: str
    memory_depth: float
    stochastic: bool
    _rule: object = field(repr=False, compare=False, default=None)

    @property
    def classifier(self) -> dict:
        """The strategy's classifier, as the axelrod library spells it."""
        return {"memory_depth": self.memory_depth, "stochastic": self.stochastic}

    def table(self, T: float = 5.0, R: float = 3.0, P: float = 1.0, S: float = 0.0) -> np.ndarray:
        """Probability of cooperating in each of the 33 situations (index 0 is the first move)."""
        T, R, P, S = _pd_payoffs(T, R, P, S)
        return self._rule(T, R, P, S)


def _gtft(T, R, P, S):
    g = min(1 - (T - R) / (R - S), (R - P) / (T - P))
    return _table(1.0, np.where(_OPP == C, 1.0, g))


STRATEGIES: tuple[Strategy, ...] = (
    Strategy("Cooperator", "Always cooperates.", "Axelrod (1984)", 0, False,
             lambda *p: _table(1.0, np.ones(32))),
    Strategy("Defector", "Always defects.", "Axelrod (1984)", 0, False,
             lambda *p: _table(0.0, np.zeros(32))),
    Strategy("Tit For Tat", "Cooperates first, then copies the opponent's last move.",
             "A. Rapoport's entry, winner of Axelrod (1980)", 1, False,
             lambda *p: _table(1.0, (_OPP == C).astype(float))),
    Strategy("Grudger", "Grim Trigger: cooperates until the opponent defects once, then defects for ever.",
             "J. Friedman's entry in Axelrod (1980); Friedman (1971)", float("inf"), False,
             lambda *p: _table(1.0, (_EVER == 0).astype(float))),
    Strategy("Generous Tit For Tat",
             "Like Tit for Tat, but forgives a defection with probability min(1 - (T-R)/(R-S), (R-P)/(T-P)).",
             "Nowak & Sigmund (1992)", 1, True, _gtft),
    Strategy("Win-Stay Lose-Shift", "Cooperates first; repeats its move after R or T, switches after P or S.",
             "Nowak & Sigmund (1993), also called Pavlov", 1, False,
             lambda *p: _table(1.0, (_ME == _OPP).astype(float))),
    Strategy("Alternator", "Cooperates, then defects, then cooperates, ...", "axelrod library", 1, False,
             lambda *p: _table(1.0, (_ODD == 0).astype(float))),
    Strategy("Random", "Cooperates with probability 1/2 on every move.", "the RANDOM entry of Axelrod (1980)",
             0, True, lambda *p: _table(0.5, np.full(32, 0.5))),
    Strategy("Tit For 2 Tats", "Defects only after two defections in a row by the opponent.",
             "J. Maynard Smith's entry in Axelrod (1980)", 2, False,
             lambda *p: _table(1.0, 1.0 - ((_OPP == D) & (_OPP2 == D)))),
    Strategy("Suspicious Tit For Tat", "Defects first, then copies the opponent's last move.",
             "Beaufils, Delahaye & Mathieu (1997)", 1, False,
             lambda *p: _table(0.0, (_OPP == C).astype(float))),
)
_NAMES = tuple(s.name for s in STRATEGIES)


def strategy(name: str) -> Strategy:
    """The strategy called ``name`` (see ``STRATEGIES``).

    Examples
    --------
    >>> s = strategy("Tit For Tat")
    >>> s.classifier
    {'memory_depth': 1, 'stochastic': False}
    """
    v.choice("name", name, _NAMES)
    return STRATEGIES[_NAMES.index(name)]


def _names(players, param="players"):
    if isinstance(players, (str, bytes)) or not hasattr(players, "__iter__"):
        raise TypeError(f"{param} must be a list of strategy names, got {type(players).__name__} {players!r}")
    players = list(players)
    if not players:
        raise ValueError(f"{param} must name at least one strategy, got []")
    for p in players:
        if not isinstance(p, str) or p not in _NAMES:
            raise ValueError(f"{param} must hold names from {', '.join(_NAMES)}; got {p!r}")
    return players


# The joint memory of a match, as one of 129 states: bit 0 A's last move, 1 B's last move,
# 2 A's move before that, 3 B's move before that, 4 A has defected, 5 B has defected,
# 6 parity of the coming turn; state 128 is the first move. How it moves on does not depend
# on the strategies (only the moves do), so one table serves every match.
FIRST = 128
_J = np.arange(128)
_A_LAST, _B_LAST, _A_LAST2, _B_LAST2, _A_EVER, _B_EVER, _PARITY = ((_J >> b) & 1 for b in range(7))
SEAT_STATE = np.stack([  # each seat's own situation (0..32) in each joint state
    np.r_[_code(_A_LAST, _B_LAST, _B_LAST2, _B_EVER, _PARITY), 0],
    np.r_[_code(_B_LAST, _A_LAST, _A_LAST2, _A_EVER, _PARITY), 0],
])


def _next_state() -> np.ndarray:
    nxt = np.empty((129, 2, 2), dtype=np.intp)
    a_last, b_last = np.r_[_A_LAST, 0], np.r_[_B_LAST, 0]
    a_ever, b_ever, parity = np.r_[_A_EVER, 0], np.r_[_B_EVER, 0], np.r_[_PARITY, 0]
    for ma in (0, 1):
        for mb in (0, 1):
            nxt[:, ma, mb] = (ma | mb << 1 | a_last << 2 | b_last << 3 | (a_ever | ma) << 4
                              | (b_ever | mb) << 5 | (1 - parity) << 6)
    return nxt


NEXT_STATE = _next_state()
_NEXT_FLAT = NEXT_STATE.reshape(129, 4)


def _play(tables_a, tables_b, turns, noise, rng):
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


def _payoff_matrix(T, R, P, S):
    # PAYOFF[my move, their move] to me
    return np.array([[R, S], [T, P]])


@dataclass(frozen=True)
class MatchResult:
    """A match: the moves (``"C"``/``"D"`` strings per player) and the total scores."""

    players: tuple[str, str]
    moves: tuple[str, str]
    scores: tuple[float, float]

    @property
    def mean_scores(self) -> tuple[float, float]:
        n = len(self.moves[0])
        return (self.scores[0] / n, self.scores[1] / n)


def _check_game(turns, noise, T, R, P, S, seed):
    T, R, P, S = _pd_payoffs(T, R, P, S)
    turns = v.integer("turns", turns, low=1, high=100_000)
    noise = v.probability("noise", noise)
    if seed is not None:
        seed = v.integer("seed", seed, low=0)
    return turns, noise, (T, R, P, S), seed


def play_match(player_a: str, player_b: str, turns: int = 200, noise: float = 0.0, seed: int | None = 0,
               T: float = 5.0, R: float = 3.0, P: float = 1.0, S: float = 0.0) -> MatchResult:
    """Play one match of the repeated Prisoner's Dilemma.

    Parameters
    ----------
    player_a, player_b : str
        Names from ``STRATEGIES``.
    turns : int
        Number of rounds, in [1, 100000].
    noise : float
        Probability that each move is flipped, in [0, 1].
    seed : int or None
        Seed of the random numbers (for stochastic strategies and noise); needed
        when either is used, so every run is reproducible.
    T, R, P, S : float
        The Prisoner's Dilemma payoffs.

    Examples
    --------
    >>> m = play_match("Tit For Tat", "Alternator", turns=6)
    >>> m.moves
    ('CCDCDC', 'CDCDCD')
    >>> m.scores
    (13.0, 18.0)
    """
    a = _names([player_a], "player_a")[0]
    b = _names([player_b], "player_b")[0]
    turns, noise, (T, R, P, S), seed = _check_game(turns, noise, T, R, P, S, seed)
    stochastic = noise > 0 or strategy(a).stochastic or strategy(b).stochastic
    if stochastic and seed is None:
        raise ValueError("seed must be an integer when a strategy is stochastic or noise > 0, got None")
    rng = np.random.default_rng(seed) if stochastic else None
    ta = strategy(a).table(T, R, P, S)[None, :]
    tb = strategy(b).table(T, R, P, S)[None, :]
    moves = _play(ta, tb, turns, noise, rng)[:, 0, :]
    pay = _payoff_matrix(T, R, P, S)
    scores = (float(pay[moves[:, 0], moves[:, 1]].sum()), float(pay[moves[:, 1], moves[:, 0]].sum()))
    text = tuple("".join("CD"[m] for m in moves[:, i]) for i in (0, 1))
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
    """

    players: tuple[str, ...]
    payoff_matrix: np.ndarray
    scores: np.ndarray
    ranking: tuple[str, ...]
    cooperation: np.ndarray

    def table(self) -> str:
        """The score table as text, best first."""
        lines = [f"{'rank':>4}  {'strategy':<24}{'score/turn':>11}{'cooperation':>13}"]
        order = np.argsort(-self.scores, kind="stable")
        for rank, i in enumerate(order, 1):
            lines.append(f"{rank:>4}  {self.players[i]:<24}{self.scores[i]:>11.3f}{self.cooperation[i]:>12.0%}")
        return "\n".join(lines)


def round_robin(players=None, turns: int = 200, repetitions: int = 5, noise: float = 0.0, seed: int | None = 0,
                self_play: bool = True, T: float = 5.0, R: float = 3.0, P: float = 1.0,
                S: float = 0.0) -> TournamentResult:
    """A round-robin tournament, every match of every repetition played at once.

    Parameters
    ----------
    players : list of str, optional
        Strategy names (default: all of ``STRATEGIES``). A name may appear once.
    turns : int
        Rounds per match, in [1, 100000] (Axelrod 1980: 200).
    repetitions : int
        Times each pairing is played, in [1, 1000] (Axelrod 1980: 5).
    noise : float
        Probability that each move is flipped, in [0, 1].
    seed : int or None
        Seed for stochastic strategies and noise (required when either is used).
    self_play : bool
        Whether each strategy also meets a copy of itself (Axelrod 1980 did).
    T, R, P, S : float
        The Prisoner's Dilemma payoffs.

    Examples
    --------
    >>> r = round_robin(["Tit For Tat", "Defector", "Cooperator"], turns=200, repetitions=1)
    >>> r.ranking
    ('Defector', 'Tit For Tat', 'Cooperator')
    >>> [round(float(s), 3) for s in r.scores]
    [2.332, 2.34, 2.0]
    """
    players = list(_NAMES) if players is None else _names(players)
    if len(set(players)) != len(players):
        raise ValueError(f"players must not repeat a strategy, got {players}")
    turns, noise, (T, R, P, S), seed = _check_game(turns, noise, T, R, P, S, seed)
    repetitions = v.integer("repetitions", repetitions, low=1, high=1000)
    self_play = v.boolean("self_play", self_play)
    n = len(players)
    pairs = [(i, j) for i in range(n) for j in range(i if self_play else i + 1, n)]
    if not pairs:
        raise ValueError("players must hold at least two strategies when self_play is False")
    strategies = [strategy(p) for p in players]
    stochastic = noise > 0 or any(s.stochastic for s in strategies)
    if stochastic and seed is None:
        raise ValueError("seed must be an integer when a strategy is stochastic or noise > 0, got None")
    rng = np.random.default_rng(seed) if stochastic else None
    reps = repetitions if stochastic else 1  # deterministic play repeats itself exactly
    tables = np.stack([s.table(T, R, P, S) for s in strategies])
    return _play_round_robin(tuple(players), tables, pairs, reps, turns, noise, rng, (T, R, P, S))


def _play_round_robin(players: tuple, tables: np.ndarray, pairs: list, reps: int, turns: int, noise: float, rng,
                      payoffs: tuple) -> TournamentResult:
    """Play every pairing ``reps`` times at once from cooperation ``tables`` and aggregate (shared by round_robin
    and :mod:`coordlab.classroom`, whose strategies come as tables rather than names)."""
    T, R, P, S = payoffs
    n = len(players)
    ia = np.repeat([i for i, _ in pairs], reps)
    ib = np.repeat([j for _, j in pairs], reps)
    moves = _play(tables[ia], tables[ib], turns, noise, rng)
    pay = _payoff_matrix(T, R, P, S)
    per_turn_a = pay[moves[:, :, 0], moves[:, :, 1]].mean(axis=0)
    per_turn_b = pay[moves[:, :, 1], moves[:, :, 0]].mean(axis=0)
    coop_a = 1.0 - moves[:, :, 0].mean(axis=0)
    coop_b = 1.0 - moves[:, :, 1].mean(axis=0)
    total = np.zeros((n, n))
    count = np.zeros((n, n))
    coop_sum = np.zeros(n)
    coop_n = np.zeros(n)
    np.add.at(total, (ia, ib), per_turn_a)
    np.add.at(count, (ia, ib), 1)
    off = ia != ib  # a self-match counts once, from the first seat
    np.add.at(total, (ib[off], ia[off]), per_turn_b[off])
    np.add.at(count, (ib[off], ia[off]), 1)
    np.add.at(coop_sum, ia, coop_a)
    np.add.at(coop_n, ia, 1)
    np.add.at(coop_sum, ib[off], coop_b[off])
    np.add.at(coop_n, ib[off], 1)
    matrix = total / np.maximum(count, 1)
    mask = count > 0
    scores = np.where(mask, matrix, 0.0).sum(axis=1) / mask.sum(axis=1)
    order = np.argsort(-np.round(scores, 12), kind="stable")
    return TournamentResult(players=players, payoff_matrix=matrix, scores=scores,
                            ranking=tuple(players[i] for i in order), cooperation=coop_sum / coop_n)


def discounted_scores(player: str, opponent: str, w, turns: int = 2000, T: float = 5.0, R: float = 3.0,
                      P: float = 1.0, S: float = 0.0) -> np.ndarray:
    """Discounted payoff ``sum_t w**t u_t`` of ``player`` against ``opponent``, by simulation.

    Plays one (noiseless) match of ``turns`` rounds and weights round ``t`` by
    ``w**t``: the payoff of the repeated game with continuation probability ``w``,
    truncated where ``w**turns`` is negligible. Only deterministic strategies.

    Parameters
    ----------
    w : float or array_like
        Continuation probabilities, each in [0, 0.995].

    Examples
    --------
    >>> round(float(discounted_scores("Tit For Tat", "Tit For Tat", 0.5)), 6)   # R / (1 - w)
    6.0
    >>> round(float(discounted_scores("Defector", "Tit For Tat", 0.5)), 6)      # T + w P / (1 - w)
    6.0
    """
    a = _names([player], "player")[0]
    b = _names([opponent], "opponent")[0]
    for name, s in (("player", a), ("opponent", b)):
        if strategy(s).stochastic:
            raise ValueError(f"{name} must be a deterministic strategy, got {s!r}")
    w = v.real_array("w", w, low=0.0, high=0.995)
    turns = v.integer("turns", turns, low=1, high=100_000)
    m = play_match(a, b, turns=turns, seed=None, T=T, R=R, P=P, S=S)
    pay = _payoff_matrix(*_pd_payoffs(T, R, P, S))
    mine = np.array(["CD".index(c) for c in m.moves[0]])
    theirs = np.array(["CD".index(c) for c in m.moves[1]])
    u = pay[mine, theirs]
    weights = w[..., None] ** np.arange(turns)
    out = weights @ u
    return float(out) if np.ndim(out) == 0 else out
