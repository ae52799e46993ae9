"""Every number notebook 02's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from coordlab.exercises.nb02 import PGA, pga_matrix
from coordlab.labs import TournamentLab
from coordlab.models import dilemma, games, tournament
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB02 = markdown(read(NOTEBOOK_DIR / "02_prisoners_dilemma_defi.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB02, f"the prose no longer says {phrase!r}"


def test_anchor_outflow():
    """§1: deposits fell from ~14 bn to 11.7 bn UST, about $2.3 bn, while ~72% of UST sat in Anchor."""
    assert round(14.0 - 11.7, 1) == 2.3
    stated("about **72%**", "about **14 bn UST to 11.7 bn**", "roughly **\\$2.3 bn**", "**over \\$6 million**")


def test_one_shot_game_and_defi_situations():
    """§2: unique equilibrium (D, D) paying P = 1; the three DeFi situations are dilemmas; PGA payoffs 7, 4.5, 2, -0.5."""
    eqs = games.equilibria(dilemma.prisoners_dilemma())
    assert len(eqs) == 1 and eqs[0].row == (0.0, 1.0) and eqs[0].payoffs == (1.0, 1.0)
    for T, R, P, S in ((7, 4.5, 2, -0.5), (6, 4, 1, 0), (1, 0.9, 0.5, 0.2)):
        assert dilemma.game_class(dilemma.prisoners_dilemma(T=T, R=R, P=P, S=S)) == "dominance 1"
    assert dilemma.game_class([[4.5, -0.5], [7.0, 2.0]]) == "dominance 1"           # the table's auction, as a matrix
    stated("| 7, 4.5, 2, −0.5 |", "| 6, 4, 1, 0 |", "| 1, 0.9, 0.5, 0.2 |", "each earning $P = 1$ where cooperation would pay $R = 3$")


def test_tournament_claims():
    """§3: Axelrod's format; TFT wins with 2.63, the top five are nice, Defector 9th; with 5% noise TFT loses the lead."""
    r = tournament.round_robin(turns=200, repetitions=5, seed=0)
    assert r.ranking[0] == "Tit For Tat" and f"{r.scores[r.players.index('Tit For Tat')]:.2f}" == "2.63"
    nice = {"Tit For Tat", "Grudger", "Generous Tit For Tat", "Tit For 2 Tats", "Win-Stay Lose-Shift", "Cooperator"}
    assert set(r.ranking[:5]) <= nice
    assert r.ranking.index("Defector") == 8  # second to last of ten
    assert r.ranking[-1] == "Suspicious Tit For Tat" and f"{r.scores[-1]:.2f}" == "2.13"
    noisy = tournament.round_robin(turns=200, repetitions=5, noise=0.05, seed=0)
    assert noisy.ranking[0] != "Tit For Tat" and noisy.ranking[-1] == "Cooperator"
    spread = np.sort(noisy.scores)[::-1]
    assert round(spread[0] - spread[-2], 1) == 0.1 < spread[0] - spread[-1]  # bunched, except Cooperator
    assert round(r.scores.max() - r.scores.min(), 1) == 0.5
    stated("with 2.63 points per turn", "the top five are all **nice**", "comes second to last", "within about 0.1 point per turn of each other, against 0.5 without noise",
           "Tit For Tat has the longest bar, 2.63, rank 1", "the shortest, 2.13, rank 10", "**200 moves per game, 5 repetitions**")


def test_lab_default_summary_matches_figure_1():
    text = TournamentLab().update()
    assert "Tit For Tat wins with 2.63" in text and "Defector ranks 9 of 10" in text


def test_engine_speedup_claim_is_the_benchmarked_one():
    """§3's 'about 60 times faster' is the figure ./course bench measured (benchmarks/results/latest.json)."""
    import json

    results = json.loads((NOTEBOOK_DIR.parent / "benchmarks" / "results" / "latest.json").read_text())
    (t,) = results["tournament"]
    assert t["same_scores"] and 50 <= t["speedup_best"] <= 75
    stated("about 60 times faster")


def test_thresholds_and_figure_2():
    """§4: thresholds 1/2 and 2/3 at 5, 3, 1, 0; simulated gains cross zero there; figure 2's stated values."""
    th = dilemma.cooperation_thresholds(5, 3, 1, 0)
    assert (th.grim, round(th.against_alternation, 3), round(th.tit_for_tat, 3)) == (0.5, 0.667, 0.667)
    w = np.linspace(0.05, 0.95, 91)
    coop = tournament.discounted_scores("Tit For Tat", "Tit For Tat", w)
    d = (1 - w) * (tournament.discounted_scores("Defector", "Tit For Tat", w) - coop)
    a = (1 - w) * (tournament.discounted_scores("Alternator", "Tit For Tat", w) - coop)
    assert w[np.argmax(d <= 1e-9)] == pytest.approx(0.5) and w[np.argmax(a <= 1e-9)] == pytest.approx(0.67)
    assert (round(d[0], 1), round(d[-1], 1)) == (1.8, -1.8)
    assert round(a[0], 2) == 0.09 and round(a.max(), 2) == 0.25 and round(w[a.argmax()], 1) == 0.3
    assert round(a[-1], 2) == -0.41
    stated("the two bounds are 1/2 and 2/3", "falls from 1.8 to −1.8", "starts near 0.09, peaks at about 0.25 near w = 0.3",
           "crosses zero at w = 0.667", "ends near −0.41")


def test_replicator_section():
    """§5: stag hunt rest point 0.75, hawk-dove V/C = 0.5; figure 3's gaps 1 and -3 from 0.8 end at 1."""
    assert dilemma.interior_rest_point(games.stag_hunt()) == 0.75
    assert dilemma.interior_rest_point(dilemma.hawk_dove(2, 4)) == 0.5
    A = games.stag_hunt()
    assert (A[0, 0] - A[1, 0], A[0, 1] - A[1, 1]) == (1.0, -3.0)
    _, x = dilemma.replicator_path(A, 0.8, t_max=10)
    assert round(float(x[-1]), 3) == 1.0
    stated("$x^* = 0.75$", "$V/C = 0.5$ hawks", "($a - c = 1$, $b - d = -3$)", "$x_0 = 0.8$")


def test_exercise_solutions():
    """Exercises: 1.4/3.4 = 0.412, 1.4/3 = 0.467; the auction with a high bid of 6 is no dilemma; V/C = 4/7 = 0.571."""
    th = dilemma.cooperation_thresholds(4.4, 3, 1, 0)
    assert round(th.grim, 3) == 0.412 and round(th.against_alternation, 3) == 0.467
    assert th.tit_for_tat == th.against_alternation > th.grim
    assert dilemma.game_class(dilemma.prisoners_dilemma(T=4.4, R=3, P=1, S=0)) == "dominance 1"
    assert dilemma.interior_rest_point(dilemma.hawk_dove(4, 7)) == pytest.approx(4 / 7)
    assert round(4 / 7, 3) == 0.571
    stated("$w \\ge (T-R)/(T-P) = 1.4/3.4 \\approx 0.412$", "$(T-R)/(R-S) = 1.4/3 \\approx 0.467$",
           "$w \\ge \\max(0.412, 0.467) \\approx 0.467$", "$x^* = V/C = 4/7 \\approx 0.571$",
           "$10/2 - 0.5 = 4.5$", "$10 - 6 = 4$", "$10/2 - 6 = -1$", "**No dilemma**", "$3 - 0.5 = 2.5$",
           "$6 - 0.5 = 5.5$", "$T = 7 > R = 4.5$")
    # exercise 3: the same race as section 2's table but with a high bid of 6: bidding low dominates (T < R, S > P)
    assert (PGA["both_low"], PGA["high_vs_low"], PGA["low_vs_high"], PGA["both_high"]) == (4.5, 4.0, -0.5, -1.0)
    assert dilemma.game_class(pga_matrix()) == "dominance 0"
    from coordlab.exercises import check
    assert check("02.3", "No dilemma").correct and not check("02.3", "Prisoner's Dilemma").correct
    # the rule the solution states: with prize V, low fee f and high fee h, outbidding pays (T > R, and P > S) iff
    # h - f < V/2, which is a Prisoner's Dilemma; above it bidding low dominates
    for h, kind in ((3.0, "dominance 1"), (5.4, "dominance 1"), (5.6, "dominance 0"), (6.0, "dominance 0")):
        assert dilemma.game_class([[10 / 2 - 0.5, -0.5], [10 - h, 10 / 2 - h]]) == kind, h




def test_write_it_yourself_solution():
    """Exercise 5: the worked solution is cooperation_thresholds(...).grim for random dilemmas (S never enters), and
    coordlab refuses what is not a dilemma, naming the condition, as the solution says."""
    grim_threshold = worked_solution(read(NOTEBOOK_DIR / "02_prisoners_dilemma_defi.ipynb"),
                                      "### Exercise 5 (write it yourself)")["grim_threshold"]
    rng = np.random.default_rng(2)
    tried = 0
    while tried < 200:
        P, S = rng.uniform(-100, 100), rng.uniform(-100, 100)
        T, R = sorted(rng.uniform(-100, 100, 2), reverse=True)
        if not (T > R > P > S and 2 * R > T + S):
            continue
        tried += 1
        w = dilemma.cooperation_thresholds(T=T, R=R, P=P, S=S).grim
        assert grim_threshold(T, R, P, S) == pytest.approx(w, rel=1e-9) and 0 < w < 1
        assert grim_threshold(T, R, P, S - 1) == grim_threshold(T, R, P, S)
    with pytest.raises(ValueError, match="T > R > P > S"):
        dilemma.cooperation_thresholds(T=6, R=3, P=4, S=0)
    assert not 0 <= grim_threshold(6, 3, 4, 0) <= 1  # what the function returns there means nothing
    stated("That is $(T-R)/(T-P)$", "`coordlab.models.dilemma.cooperation_thresholds(T, R, P, S).grim`")
