"""Every number the notebooks' prose states, recomputed from coordlab (as gtb's test_worked_examples does).

Each test names the notebook and section it guards, recomputes the numbers
there, and checks that the prose still states them, so neither the model nor
the text can drift alone.
"""

from __future__ import annotations

import math
import re
from statistics import NormalDist

import numpy as np
import pytest

from coordlab.models import bank_run, games, global_game
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB00 = markdown(read(NOTEBOOK_DIR / "00_start_here.ipynb"))
NB01 = markdown(read(NOTEBOOK_DIR / "01_coordination_failures.ipynb"))


def stated(text: str, *phrases: str) -> None:
    for phrase in phrases:
        assert phrase in text, f"the prose no longer says {phrase!r}"


def test_00_first_lab_stag_hunt():
    """00, "Your first lab": payoffs 4p vs 3 cross at p* = 3/4; the dot at p = 0.5 sits on the hare line at 3."""
    A = games.stag_hunt()
    assert games.belief_threshold(A) == pytest.approx(0.75)
    assert games.expected_payoffs(A, 0.5) == (2.0, 3.0)
    stated(NB00, "$p^* = 3/4$", "threshold line at p* = 0.75")


def test_00_exercises():
    """00, exercises 1 and 2: p* = 3/5 at a stag payoff of 5; a stag of 10 beats hare at a 30% chance."""
    assert games.belief_threshold(games.stag_hunt(stag=5)) == pytest.approx(0.6)
    A10 = games.stag_hunt(stag=10)
    assert games.belief_threshold(A10) == pytest.approx(0.3)
    stated(NB00, "$p^* = 3/5 = 0.6$", "10 × 0.3 = 3")


def test_01_incident_worst_case_cover():
    """01, §1: with $3.3 bn of ~$40 bn lost, the rest covers about 92% of USDC, above the $0.87–0.88 low."""
    cover = (40 - 3.3) / 40
    assert round(cover, 2) == 0.92 and cover > 0.88
    stated(NB01, "$(40 - 3.3)/40 \\approx 0.92$", "about **92%**", "**\\$0.87–0.88**")


def test_01_stag_hunt_equilibria_and_dominance():
    """01, §3: three equilibria (mixed at 3/4); deviation losses 1 and 3, products 1 and 9; 50:50 gives 3 vs 2."""
    A = games.stag_hunt()
    eqs = games.equilibria(A)
    assert len(eqs) == 3 and eqs[2].row == (0.75, 0.25)
    loss_stag, loss_hare = A[0, 0] - A[1, 0], A[1, 1] - A[0, 1]
    assert (loss_stag, loss_hare) == (1.0, 3.0) and (loss_stag**2, loss_hare**2) == (1.0, 9.0)
    assert games.expected_payoffs(A, 0.5) == (2.0, 3.0)
    stated(NB01, "$4 - 3 = 1$", "$3 - 0 = 3$", "$1 \\times 1 = 1$ and $3 \\times 3 = 9$", "probability 3/4")


def test_01_basins():
    """01, §3: the hare basin [0, 0.75) is three times as wide as the stag basin (0.75, 1]."""
    p = games.belief_threshold(games.stag_hunt())
    assert p / (1 - p) == pytest.approx(3.0)
    stated(NB01, "three times as wide")


def test_01_diamond_dybvig():
    """01, §4 and Figure 2: c1* = 1.160, run threshold 0.587, about 45% of the patient can panic first;
    c2 starts at R = 1.5 and reaches 0 at f = 1/c1 = 0.86."""
    k = bank_run.optimal_contract(lam=0.25, R=1.5, gamma=2)
    assert round(k.c1, 2) == 1.16 and round(k.run_threshold, 3) == 0.587
    assert round((k.run_threshold - k.lam) / (1 - k.lam), 3) == 0.449
    assert bank_run.patient_payoff(0.0, k.c1, k.R) == 1.5 and round(1 / k.c1, 2) == 0.86
    assert bank_run.optimal_contract(lam=0.25, R=1.5, gamma=1).c1 == pytest.approx(1.0)
    stated(NB01, "the threshold is 0.587", "about 45% of the patient", "$0.25 + 0.75 \\times 0.449 \\approx 0.587$",
           "at 1.16 (what withdrawing pays) at about 0.59", "reaches 0 at about 0.86")


def test_01_global_game():
    """01, §5 and Figure 3: limit 1 - c = 0.7; beta -> 1000 gives about 0.70; three thresholds at alpha 5, beta 1;
    the default lab has one crossing at 0.5."""
    assert global_game.threshold_uniform(0.3) == pytest.approx(0.7)
    assert global_game.threshold_normal(c=0.3, alpha=1, beta=1000, z=0.5).theta_star[0] == pytest.approx(0.7, abs=0.005)
    assert len(global_game.threshold_normal(c=0.5, alpha=5, beta=1, z=0.5).theta_star) == 3
    assert global_game.threshold_normal(c=0.5, alpha=1, beta=10, z=0.5).theta_star == pytest.approx((0.5,))
    assert math.sqrt(2 * math.pi) == pytest.approx(2.51, abs=0.005)
    stated(NB01, "vanishing-noise limit 0.7", "once, at θ* = 0.5")


def test_01_exercise_solutions():
    """01, worked solutions 1–4."""
    A = games.stag_hunt(stag=5, sucker=0, hare_vs_stag=4, hare=2)
    assert games.ACTIONS[games.risk_dominant(A)] == "Hare" and games.belief_threshold(A) == pytest.approx(2 / 3)
    k = bank_run.optimal_contract(lam=0.3, R=2, gamma=3)
    assert round(2 ** (-2 / 3), 3) == 0.630 and round(k.c1, 3) == 1.350
    assert round(k.run_threshold, 3) == 0.482 and round((k.run_threshold - 0.3) / 0.7, 2) == 0.26
    assert round(k.c1, 4) == 1.3496 and round((2 - 1.3496) / 1.3496, 3) == 0.482   # the solution's route ...
    early = bank_run.run_threshold(1.350, 2.0)                                       # ... and c1 rounded first
    assert f"{early:.5f}" == "0.48148" and round(early, 3) == 0.481
    r = global_game.threshold_normal(c=0.25, alpha=1, beta=4, z=0.4)
    assert r.unique and round(r.theta_star[0], 3) == 0.834 and r.theta_star[0] > 0.75
    rhs = math.sqrt(1 + 1 / 4) * NormalDist().inv_cdf(0.25)
    assert (round(math.sqrt(1.25), 3), round(rhs, 3)) == (1.118, -0.754)
    assert round(NormalDist().inv_cdf(r.theta_star[0]), 3) == 0.971 and round((r.theta_star[0] - 0.4) / 2, 3) == 0.217
    assert round(r.x_star[0], 3) == 1.320
    stated(NB01, "$1^2 = 1$ and $2^2 = 4$", "\\approx 1.350", "(2 - 1.3496)/(1.3496 \\times 1) \\approx 0.482",
           "it gives 0.48148…, which rounds to 0.481", "\\approx 0.26", "\\theta^* \\approx 0.834",
           "\\approx -0.754", "\\approx 0.971", "$1 - c = 0.75$", "\\approx 1.320")




def test_01_write_it_yourself_solution():
    """01, exercise 5: the worked solution pays what bank_run.patient_payoff pays on a grid of economies (0 once
    f c1 >= 1), and coordlab's version does what the solution says it adds (named range checks, arrays of f)."""
    waiting_payoff = worked_solution(read(NOTEBOOK_DIR / "01_coordination_failures.ipynb"),
                                      "### Exercise 5 (write it yourself)")["waiting_payoff"]
    fs = np.linspace(0.0, 0.99, 100)
    for c1 in (0.5, 0.9, 1.0, 1.16, 1.6, 2.5):
        for R in (1.01, 1.5, 3.0):
            want = bank_run.patient_payoff(fs, c1, R)
            got = [waiting_payoff(float(f), c1, R) for f in fs]
            assert got == pytest.approx(want, rel=1e-12, abs=1e-12)
            assert min(got) >= 0
    for args, message in (((1.0, 1.2, 1.5), "f must lie in [0, 1)"), ((0.5, 0.0, 1.5), "c1 must be in (0, 100]"),
                          ((0.5, 1.2, 1.0), "R must be in (1, 100]")):
        with pytest.raises(ValueError, match=re.escape(message)):
            bank_run.patient_payoff(*args)
    stated(NB01, "`coordlab.models.bank_run.patient_payoff(f, c1, R)`", "$f$ in $[0, 1)$, $c_1$ in $(0, 100]$, $R$ in $(1, 100]$")


def test_00_course_map_alt_text_lists_the_available_notebooks():
    """00, Figure 1: the alt text names the notebooks drawn as available (solid boxes)."""
    from coordlab.course import NOTEBOOKS

    available = [n.number for n in NOTEBOOKS if n.available]
    listed = ", ".join(available[:-1]) + " and " + available[-1]  # "00, 01, 02 and 03"
    stated(NB00, f"available now ({listed}) are solid")
