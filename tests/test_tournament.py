"""The repeated Prisoner's Dilemma engine (coordlab.models.tournament).

Transcripts are those the axelrod library plays for the same pairings (Knight et al. 2016;
checked with axelrod 4.13.1's ``Match``, and in ``benchmarks/tournament_vs_axelrod.py`` for
every pairing of 200 turns); scores against the payoff arithmetic by hand; seeded runs repeat.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from coordlab.models import tournament as tn
from shared_defaults import default, slider

TRANSCRIPTS = [
    ("Tit For Tat", "Alternator", "CCDCDCDC", "CDCDCDCD"),
    ("Grudger", "Alternator", "CCDDDDDD", "CDCDCDCD"),
    ("Win-Stay Lose-Shift", "Defector", "CDCDCDCD", "DDDDDDDD"),
    ("Tit For 2 Tats", "Alternator", "CCCCCCCC", "CDCDCDCD"),
    ("Suspicious Tit For Tat", "Tit For Tat", "DCDCDCDC", "CDCDCDCD"),
    ("Tit For 2 Tats", "Defector", "CCDDDDDD", "DDDDDDDD"),
    ("Win-Stay Lose-Shift", "Suspicious Tit For Tat", "CDDCDDCD", "DCDDCDDC"),
    ("Grudger", "Suspicious Tit For Tat", "CDDDDDDD", "DCDDDDDD"),
    ("Cooperator", "Defector", "CCCCCCCC", "DDDDDDDD"),
]
PAY = {("C", "C"): 3, ("C", "D"): 0, ("D", "C"): 5, ("D", "D"): 1}


@pytest.mark.parametrize("a, b, moves_a, moves_b", TRANSCRIPTS)
def test_versus_transcripts(a, b, moves_a, moves_b):
    m = tn.play_match(a, b, turns=8)
    assert m.moves == (moves_a, moves_b)
    assert m.scores == (
        sum(PAY[x, y] for x, y in zip(moves_a, moves_b)),
        sum(PAY[y, x] for x, y in zip(moves_a, moves_b)),
    )
    # the same match from the other seat is the mirror image
    assert tn.play_match(b, a, turns=8).moves == (moves_b, moves_a)


def test_library_describes_itself():
    names = [s.name for s in tn.STRATEGIES]
    for required in (
        "Cooperator",
        "Defector",
        "Tit For Tat",
        "Grudger",
        "Generous Tit For Tat",
        "Win-Stay Lose-Shift",
        "Alternator",
        "Random",
        "Tit For 2 Tats",
        "Suspicious Tit For Tat",
    ):
        assert required in names
    assert len(set(names)) == len(names)
    for s in tn.STRATEGIES:
        assert s.description and s.source
        assert not hasattr(s, "classifier")  # issue 17: no dict; memory_depth and stochastic are the fields
        table = s.table()
        assert table.shape == (tn.N_STATES,) and np.all((table >= 0) & (table <= 1))
        assert s.stochastic == bool(np.any((table > 0) & (table < 1)))
    assert tn.strategy("Grudger").memory_depth == math.inf
    assert tn.strategy("Tit For 2 Tats").memory_depth == 2


def test_generous_tit_for_tat_forgives_at_nowak_sigmund_rate():
    """Nowak & Sigmund (1992): forgive with probability min(1 - (T-R)/(R-S), (R-P)/(T-P)) = 1/3 at 5,3,1,0."""
    table = tn.strategy("Generous Tit For Tat").table()
    assert set(np.round(table, 12)) == {1.0, round(1 / 3, 12)}
    m = tn.play_match("Generous Tit For Tat", "Defector", turns=6000, seed=3)
    forgiving = m.moves[0][1:].count("C") / (len(m.moves[0]) - 1)
    assert forgiving == pytest.approx(1 / 3, abs=3 * math.sqrt(2 / 9 / 6000))


def test_noise_flips_moves_at_its_rate():
    m = tn.play_match("Cooperator", "Cooperator", turns=20000, noise=0.1, seed=7)
    flips = (m.moves[0] + m.moves[1]).count("D") / 40000
    assert flips == pytest.approx(0.1, abs=3 * math.sqrt(0.09 / 40000))


def test_seeded_runs_repeat_and_seeds_differ():
    a = tn.round_robin(noise=0.05, seed=11, turns=50, repetitions=3)
    b = tn.round_robin(noise=0.05, seed=11, turns=50, repetitions=3)
    c = tn.round_robin(noise=0.05, seed=12, turns=50, repetitions=3)
    assert np.array_equal(a.payoff_matrix, b.payoff_matrix)
    assert not np.array_equal(a.payoff_matrix, c.payoff_matrix)
    with pytest.raises(ValueError, match="seed must be an integer"):
        tn.round_robin(["Random", "Defector"], seed=None)


def test_round_robin_matches_its_matches():
    players = ["Tit For Tat", "Defector", "Win-Stay Lose-Shift", "Alternator"]
    r = tn.round_robin(players, turns=200, repetitions=1)
    for i, a in enumerate(players):
        for j, b in enumerate(players):
            m = tn.play_match(a, b, turns=200)
            assert r.payoff_matrix[i, j] == pytest.approx(m.mean_scores[0])
    assert r.scores == pytest.approx(r.payoff_matrix.mean(axis=1))
    assert list(r.ranking) == [players[i] for i in np.argsort(-r.scores, kind="stable")]
    no_self = tn.round_robin(players, self_play=False, turns=200)
    off = ~np.eye(4, dtype=bool)
    assert no_self.scores == pytest.approx(np.where(off, r.payoff_matrix, 0).sum(axis=1) / 3)


def test_axelrod_first_tournament_pairings_by_hand():
    """TFT v Defector over 200 turns: S then P for 199 turns (Axelrod 1980's game length)."""
    r = tn.round_robin(["Tit For Tat", "Defector"], turns=200)
    assert r.payoff_matrix[0, 1] == pytest.approx((0 + 199 * 1) / 200)
    assert r.payoff_matrix[1, 0] == pytest.approx((5 + 199 * 1) / 200)
    assert r.payoff_matrix[0, 0] == 3.0 and r.payoff_matrix[1, 1] == 1.0


def test_stochastic_tournament_averages_repetitions():
    r1 = tn.round_robin(["Random", "Tit For Tat"], repetitions=1, seed=5, turns=100)
    r50 = tn.round_robin(["Random", "Tit For Tat"], repetitions=50, seed=5, turns=100)
    # Random v Random earns (3 + 0 + 5 + 1)/4 = 2.25 per turn on average
    assert abs(r50.payoff_matrix[0, 0] - 2.25) < abs(r1.payoff_matrix[0, 0] - 2.25) + 0.1
    assert r50.payoff_matrix[0, 0] == pytest.approx(2.25, abs=3 * 1.79 / math.sqrt(5000))
    assert r50.cooperation[0] == pytest.approx(0.5, abs=0.02)


def test_discounted_scores_reproduce_the_closed_forms():
    w = np.array([0.3, 0.5, 2 / 3, 0.8, 0.9])
    T, R, P, S = 5, 3, 1, 0
    assert tn.discounted_scores("Tit For Tat", "Tit For Tat", w) == pytest.approx(R / (1 - w))
    assert tn.discounted_scores("Defector", "Tit For Tat", w) == pytest.approx(T + w * P / (1 - w))
    # Alternator: C first (R), then D, C, D, ... against TFT's echo: R + w (T + w S) / (1 - w^2)
    assert tn.discounted_scores("Alternator", "Tit For Tat", w) == pytest.approx(R + w * (T + w * S) / (1 - w**2))


def test_stochastic_strategies_are_refused_for_discounted_scores():
    with pytest.raises(ValueError, match="opponent must be a deterministic strategy"):
        tn.discounted_scores("Tit For Tat", "Random", 0.5)


def test_table_text():
    text = tn.round_robin(["Tit For Tat", "Defector", "Cooperator"], turns=200).table()
    lines = text.splitlines()
    assert lines[1].split()[:2] == ["1", "Defector"] and "2.340" in lines[1]
    assert "Cooperator" in lines[3] and "100%" in lines[3]


def test_names_from_numpy_arrays():
    """Regression: a numpy array where one name is expected is refused by name (not numpy's ambiguous truth value)."""
    with pytest.raises(ValueError, match="name must be one of"):
        tn.strategy(np.array(["Tit For Tat", "Defector"]))
    with pytest.raises(ValueError, match="player_a must be one of"):
        tn.play_match(np.array(["Tit For Tat"]), "Defector")
    with pytest.raises(TypeError, match="players must be a list of strategy names"):
        tn.round_robin(np.array(0.5))
    r = tn.round_robin(np.array(["Tit For Tat", "Defector"]), turns=20)  # an array of names is a list of names
    assert r.players == ("Tit For Tat", "Defector")


def test_work_caps():
    with pytest.raises(ValueError, match="repetitions times turns must be at most"):
        tn.round_robin(turns=20_000, repetitions=5, seed=0)
    with pytest.raises(ValueError, match="turns must be in"):
        tn.play_match("Tit For Tat", "Defector", turns=20_001)


def test_both_spellings_of_a_strategy_are_accepted():
    """Issue 17: the axelrod library's class names ("TitForTat") work wherever a display name does; results carry
    the display names."""
    for display, cls in tn.AXELROD_CLASSES.items():
        assert tn.strategy(cls) is tn.strategy(display)
    m = tn.play_match("TitForTat", "SuspiciousTitForTat", turns=8)
    assert m.players == ("Tit For Tat", "Suspicious Tit For Tat")
    assert m == tn.play_match("Tit For Tat", "Suspicious Tit For Tat", turns=8)
    r = tn.round_robin(["GTFT", "Defector", "WinStayLoseShift"], turns=20, seed=1)
    assert r.players == ("Generous Tit For Tat", "Defector", "Win-Stay Lose-Shift")
    assert tn.discounted_scores("TitForTat", "Defector", 0.5) == tn.discounted_scores("Tit For Tat", "Defector", 0.5)
    with pytest.raises(ValueError, match="players must not repeat a strategy"):
        tn.round_robin(["TitForTat", "Tit For Tat"])
    with pytest.raises(ValueError, match="player_a must be one of .*'TitForTat'"):
        tn.play_match("tit for tat", "Defector")
    assert set(tn.AXELROD_CLASSES) == {s.name for s in tn.STRATEGIES}


def test_match_scores_are_integers_in_an_integer_game():
    """Issue 17: Axelrod's 5, 3, 1, 0 make whole-number scores, returned as int; other payoffs as float."""
    m = tn.play_match("Tit For Tat", "Alternator", turns=8)
    assert m.scores == (18, 23) and all(type(x) is int for x in m.scores)
    assert m.mean_scores == (2.25, 2.875)
    f = tn.play_match("Tit For Tat", "Alternator", turns=8, T=5.5, S=0.25)
    assert all(type(x) is float for x in f.scores) and f.scores == (20.5, 25.75)  # R + 4S + 3T and R + 4T + 3S
    integral = tn.play_match("Random", "Defector", turns=50, seed=1, T=6, R=4, P=2, S=-1)
    assert all(type(x) is int for x in integral.scores)


def test_tournament_lab_shares_the_models_constants() -> None:
    """labs.dilemma's TournamentLab plays round_robin's Axelrod settings."""

    from coordlab.labs import dilemma as lab
    from coordlab.models import tournament as m

    payoffs = (m.AXELROD_T, m.AXELROD_R, m.AXELROD_P, m.AXELROD_S)
    assert payoffs == tuple(default(m.round_robin, p) for p in "TRPS") == (5.0, 3.0, 1.0, 0.0)
    assert (slider(lab.TournamentLab, "T"), lab._R, slider(lab.TournamentLab, "P"), lab._S) == payoffs
    assert (lab.TournamentLab.turns, lab.TournamentLab.repetitions) == (m.AXELROD_TURNS, m.AXELROD_REPETITIONS)
    assert (default(m.round_robin, "turns"), default(m.round_robin, "repetitions")) == (200, 5)
