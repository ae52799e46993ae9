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
    assert games.expected_payoffs(A, 0.5) == games.ExpectedPayoffs(2.0, 3.0)
    stated(NB00, "$p^* = 3/4$", "threshold line at p* = 0.75")


def test_00_exercises():
    """00, exercises 1 and 2: p* = 3/5 at a stag payoff of 5; a stag of 10 beats hare at more than a 30% chance,
    and at exactly 30% the lab says indifferent."""
    assert games.belief_threshold(games.stag_hunt(stag=5)) == pytest.approx(0.6)
    A10 = games.stag_hunt(stag=10)
    assert games.belief_threshold(A10) == pytest.approx(0.3)
    from coordlab.labs import StagHuntLab

    assert StagHuntLab().update(stag=10.0, belief=0.3).endswith("you are indifferent.")
    assert StagHuntLab().update(stag=10.0, belief=0.35).endswith("the best response is Stag.")
    stated(NB00, "$p^* = 3/5 = 0.6$", "10 × 0.3 = 3", "*more than* a 30% chance", "you are indifferent")
    assert "even if you give the other hunter only a 30% chance" not in NB00


def test_00_course_map_paths():
    """00, Figure 1: what leads to 14 and what does not, computed from course.NOTEBOOKS."""
    from coordlab.course import NOTEBOOKS

    prereq = {n.number: set(n.prerequisites) for n in NOTEBOOKS}
    ancestors, todo = set(), ["14"]
    while todo:
        for p in prereq[todo.pop()]:
            if p not in ancestors:
                ancestors.add(p)
                todo.append(p)
    off_path = sorted(set(prereq) - ancestors - {"14"})
    leaves = sorted(n for n in prereq if not any(n in ps for ps in prereq.values()))
    assert (
        sorted(prereq["14"]) == ["05", "10", "13"] and off_path == ["03", "04", "12"] and leaves == ["04", "12", "14"]
    )
    assert sorted(n for n in prereq if "01" in prereq[n]) == ["02", "06", "07", "11"]
    assert prereq["04"] == {"03"} and prereq["12"] == {"05", "09"}
    stated(
        NB00,
        "builds on 05, 10 and 13, and through them on every notebook except 03, 04 and 12",
        "03 leads to 04; 12 builds on 05 and 09",
        "04 and 12 are end points",
        "leads to 02, 06, 07 and 11",
    )
    assert "all paths end in 14" not in NB00


def test_00_prerequisites_agree_with_the_readme():
    """00's prerequisites row and the README say the same thing: first-year probability."""
    from notebook_tools import ROOT

    readme = (ROOT / "README.md").read_text()
    assert "first-year probability" in readme and "first-year probability" in NB00
    assert "high-school" not in NB00 and "high-school" not in readme


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
    assert games.expected_payoffs(A, 0.5) == games.ExpectedPayoffs(2.0, 3.0)
    stated(NB01, "$4 - 3 = 1$", "$3 - 0 = 3$", "$1 \\times 1 = 1$ and $3 \\times 3 = 9$", "probability 3/4")


def test_01_basins():
    """01, §3: the hare basin [0, 0.75) is three times as wide as the stag basin (0.75, 1]."""
    p = games.belief_threshold(games.stag_hunt())
    assert p / (1 - p) == pytest.approx(3.0)
    stated(NB01, "three times as wide")


def test_01_diamond_dybvig():
    """01, §4 and Figure 2: c1* = 1.160, run threshold 0.587, about 45% of the patient can panic first;
    c2 starts at R = 1.5 and reaches 0 at f = 1/c1 = 0.86."""
    k = bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=2)
    assert round(k.c1, 2) == 1.16 and round(k.run_threshold, 3) == 0.587
    assert round((k.run_threshold - k.impatient_share) / (1 - k.impatient_share), 3) == 0.449
    assert bank_run.patient_payoff(0.0, k.c1, k.R) == 1.5 and round(1 / k.c1, 2) == 0.86
    assert bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=1).c1 == pytest.approx(1.0)
    stated(
        NB01,
        "the threshold is 0.587",
        "about 45% of the patient",
        "$0.25 + 0.75 \\times 0.449 \\approx 0.587$",
        "at 1.16 (what withdrawing pays) at about 0.59",
        "reaches 0 at about 0.86",
    )


def test_01_global_game():
    """01, §5 and Figure 3: limit 1 - c = 0.7; beta -> 1000 gives about 0.70; three thresholds at alpha 5, beta 1;
    the default lab (c 0.3, alpha 2, beta 4, z 1) has one crossing at 0.593, left of the limit 0.7, rhs -0.64."""
    assert global_game.threshold_uniform(0.3) == pytest.approx(0.7)
    assert global_game.threshold_normal(c=0.3, alpha=1, beta=1000, z=0.5).theta_star[0] == pytest.approx(0.7, abs=0.005)
    assert len(global_game.threshold_normal(c=0.5, alpha=5, beta=1, z=0.5).theta_star) == 3
    assert math.sqrt(2 * math.pi) == pytest.approx(2.51, abs=0.005)
    from coordlab.labs import GlobalGameLab

    defaults = {c.name: c.value for c in GlobalGameLab.controls}
    assert defaults == dict(c=0.3, alpha=2.0, beta=4.0, z=1.0)
    eq = global_game.threshold_normal(**defaults)
    assert len(eq.theta_star) == 1 and round(eq.theta_star[0], 3) == 0.593 and eq.theta_star[0] < 1 - 0.3
    rhs = global_game.threshold_sides(0.5, **defaults).rhs
    assert round(rhs, 2) == -0.64
    stated(
        NB01,
        "vanishing-noise limit 0.7",
        "once, at θ* = 0.593",
        "line at −0.64",
        "limit 1 − c = 0.7, to the right of θ*",
        "($c = 0.3$, $\\alpha = 2$, $\\beta = 4$, $z = 1$",
    )


def test_01_global_game_derived_from_the_posterior():
    """01, §5: at the lab's defaults the two conditions of the derivation hold: the share attacking at theta* is
    theta*, and the posterior failure probability of the agent who sees x* is c; the slope bound is sqrt(2 pi)."""
    c, alpha, beta, z = 0.3, 2.0, 4.0, 1.0
    eq = global_game.threshold_normal(c=c, alpha=alpha, beta=beta, z=z)
    theta, x = eq.theta_star[0], eq.x_star[0]
    N = NormalDist()
    assert N.cdf(math.sqrt(beta) * (x - theta)) == pytest.approx(theta, abs=1e-10)
    mean = (alpha * z + beta * x) / (alpha + beta)
    assert N.cdf(math.sqrt(alpha + beta) * (theta - mean)) == pytest.approx(c, abs=1e-10)
    assert (round(theta, 3), round(x, 3)) == (0.593, 0.711)
    assert 1 / N.pdf(0.0) == pytest.approx(math.sqrt(2 * math.pi))  # the minimum of 1/phi
    stated(NB01, "$1/\\varphi \\ge \\sqrt{2\\pi}$", "\\theta \\mid x \\sim N")


def test_01_selection_carlsson_van_damme():
    """01, §3: the selection result names (Hare, Hare), the risk-dominant equilibrium of the stag hunt: with the
    Laplacian belief (1/2 on the other hunting stag) hare pays 3 > stag's 2."""
    A = games.stag_hunt()
    assert games.ACTIONS[games.risk_dominant(A)] == "Hare" and games.ACTIONS[games.payoff_dominant(A)] == "Stag"
    assert games.expected_payoffs(A, 0.5) == games.ExpectedPayoffs(2.0, 3.0)
    stated(
        NB01,
        "Carlsson and van Damme (1993) gave risk dominance a foundation",
        "Here that is (Hare, Hare)",
        "Goldstein and Pauzner (2005)",
    )


def test_01_three_lenses_and_dilemma_kept_apart():
    """01, §2: three lenses taught here (§3-§7), and the Prisoner's Dilemma classified as a social dilemma: one
    equilibrium, in dominant strategies (checked on a PD payoff matrix)."""
    pd = np.array([[3.0, 0.0], [5.0, 1.0]])  # R=3, S=0, T=5, P=1 (row player)
    assert np.all(pd[1] > pd[0])  # defect dominates
    eqs = games.equilibria(pd)
    assert len(eqs) == 1 and eqs[0].row == (0.0, 1.0)
    stated(
        NB01,
        "the bad outcome is the game's *only* equilibrium",
        "**A failure** of equilibrium selection",
        "**A mechanism, or algorithm,** problem",
        "**A risk**",
        "## 6. The mechanism lens",
        "## 7. The risk lens",
        "a social dilemma, the other classic failure",
    )
    assert "the cure is backtesting" not in NB01


def test_01_fire_sale_bridge():
    """01, §4 "From banks to stablecoins": at r = 1 a par coin has no run (f_run = 1 by the old formula); with
    R = 1.02 the threshold is 66.0%, 38.8%, 27.1%, 15.0% at r = 0.99 ... 0.90; 41.7% with a fifth in cash; the
    section 4 bank with cash lam c1 = 0.290 and r = 0.8 is run at 0.443 instead of 0.587."""
    assert (1.02 - 1) / (1 * (1.02 - 1)) == 1.0
    assert bank_run.run_threshold(1.0, 1.02, fire_sale_value=1.0) == math.inf
    got = {r: bank_run.run_threshold(1.0, 1.02, fire_sale_value=r) for r in (0.99, 0.97, 0.95, 0.90)}
    assert [f"{got[r]:.1%}" for r in (0.99, 0.97, 0.95, 0.90)] == ["66.0%", "38.8%", "27.1%", "15.0%"]
    for r, f in got.items():  # the closed form the prose shows
        assert f == pytest.approx((1.02 - 1.0) / (1.0 * (1.02 / r - 1)))
        assert bank_run.patient_payoff(f, 1.0, 1.02, fire_sale_value=r) == pytest.approx(1.0)
    cash = bank_run.run_threshold(1.0, 1.02, fire_sale_value=0.95, liquid_share=0.2)
    assert f"{cash:.1%}" == "41.7%"
    k = bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=2)
    dd = bank_run.run_threshold(k.c1, k.R, fire_sale_value=0.8, liquid_share=k.impatient_share * k.c1)
    assert round(k.impatient_share * k.c1, 3) == 0.290 and round(dd, 3) == 0.443 and round(k.run_threshold, 3) == 0.587
    stated(
        NB01,
        "$f_\\text{run} = (R - 1)/(1 \\times (R - 1)) = 1$",
        "$R = 1.02$",
        "27.1% of holders redeem, with 10% once 15.0%",
        "41.7% with a fifth",
        "44.3% withdraw instead of 58.7%",
        "stylised",
    )


def test_01_suspension():
    """01, §4: a gate at a known lam pays those who wait c2* = 1.420 whatever share tries; with lam random in
    {0.2, 0.3} the best c1 is 1.172 or 1.147 against one 1.160, and a gate at 0.2 refuses a third of the impatient."""
    k = bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=2)
    paid = bank_run.suspension_payoff([0.25, 0.60, 0.99], k.c1, k.R, gate_share=0.25)
    assert np.allclose(paid, k.c2) and round(k.c2, 3) == 1.420 and min(paid) > k.c1
    best = [bank_run.optimal_contract(impatient_share=lam, R=1.5, gamma=2).c1 for lam in (0.2, 0.3)]
    assert [round(b, 3) for b in best] == [1.172, 1.147] and round(k.c1, 3) == 1.160
    assert (0.3 - 0.2) / 0.3 == pytest.approx(1 / 3)
    stated(
        NB01,
        "1.172 if $\\lambda = 0.2$, 1.147 if $\\lambda = 0.3$, against one $c_1 = 1.160$",
        "a gate at 0.2 refuses a third of the impatient",
        "suspension can no longer give the optimal risk sharing",
    )


def test_01_bots():
    """01, §6: bots that first see 50% withdrawing settle at lam = 25%; at 60% (above 0.587) all withdraw in one
    round; a gate at 25% brings both back to 25%."""
    k = bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=2)
    assert bank_run.withdrawal_path(0.5, k.c1, k.R, k.impatient_share, rounds=3).tolist() == [0.5, 0.25, 0.25, 0.25]
    assert bank_run.withdrawal_path(0.6, k.c1, k.R, k.impatient_share, rounds=3).tolist() == [0.6, 1.0, 1.0, 1.0]
    assert bank_run.withdrawal_path(0.6, k.c1, k.R, k.impatient_share, rounds=3, gate_share=0.25).tolist() == [
        0.6,
        0.25,
        0.25,
        0.25,
    ]
    stated(NB01, "Below the run threshold of 0.587")


def test_01_risk_lens():
    """01, §7: headline P = 12.6%, premium 1.51 cents; z and alpha table; beta and c sensitivities; disclosure."""
    base = dict(c=0.25, alpha=4.0, beta=100.0, z=1.25)
    risk = global_game.failure_risk(**base, loss=0.12)
    assert risk.probability == pytest.approx(NormalDist().cdf(2.0 * (risk.theta_star - 1.25)))
    assert f"{risk.probability:.1%}" == "12.6%" and f"{100 * risk.price:.2f}" == "1.51"
    P = lambda **kw: f"{global_game.failure_risk(**(base | kw)).probability:.1%}"  # noqa: E731
    assert [P(z=z) for z in (0.5, 1.0, 1.25, 1.5)] == ["71.8%", "28.6%", "12.6%", "4.2%"]
    assert [P(alpha=10.0, z=z) for z in (0.5, 1.0, 1.25, 1.5)] == ["87.0%", "12.3%", "0.7%", "0.0%"]
    assert (P(beta=25.0), P(beta=1000.0), P(c=0.15), P(c=0.35)) == ("8.8%", "14.9%", "19.0%", "7.9%")
    assert f"{100 * global_game.failure_risk(**(base | dict(alpha=10.0)), loss=0.12).price:.2f}" == "0.08"
    assert round(math.sqrt(2 * math.pi) * math.sqrt(100.0)) == 25
    assert len(global_game.threshold_normal(c=0.25, alpha=30.0, beta=100.0, z=0.75).theta_star) == 3
    with pytest.raises(ValueError, match="alpha must leave one equilibrium"):
        global_game.failure_risk(c=0.25, alpha=30.0, beta=100.0, z=0.75)
    stated(
        NB01,
        "depeg probability is 12.6% and cover costs 1.51 cents",
        "(28.6% at $z = 1$, 4.2% at $z = 1.5$)",
        "from 12.6% to 0.7% at $z = 1.25$",
        "(71.8% to 87.0% at $z = 0.5$)",
        "once $\\alpha$ passes about 25",
        "at $\\alpha = 30$ and news near the threshold ($z = 0.75$) there are three equilibria",
        "$c = 0.25$",
        "$z = 1.25$",
        "$\\alpha = 4$",
        "$\\beta = 100$",
        "$L = 0.12$",
        "*stylised*",
    )


def test_01_fire_sale_exercise_solution():
    """01, exercise 6: f_run = 0.03 / (1.03/0.96 - 1) = 0.03 / 0.0729... = 0.411; 1 without the fire sale."""
    f = bank_run.run_threshold(c1=1.0, R=1.03, fire_sale_value=0.96)
    assert round(1.03 / 0.96 - 1, 4) == 0.0729 and round(f, 3) == 0.411 and round(100 * f) == 41
    assert f == pytest.approx(0.03 / (1.03 / 0.96 - 1))
    assert (1.03 - 1) / (1.03 - 1) == 1.0 and bank_run.run_threshold(1.0, 1.03) == math.inf
    stated(NB01, "\\frac{0.03}{0.0729\\ldots} \\approx 0.411", "about 41% of holders redeem")


def test_01_open_design_solution():
    """01, exercise 7: the liquidation lever is the fire-sale value r, disclosure is a public signal (alpha)."""
    sol = NB01[NB01.index("### Exercise 7 (open design)") : NB01.index("## Summary")]
    assert "fire-sale value $r$" in sol and "*public* signal" in sol and "raise $\\alpha$" in sol
    assert "private precision relative" not in sol
    assert bank_run.run_threshold(1.0, 1.02, fire_sale_value=1.0) == math.inf  # "at r = 1 it is not"


def test_01_exercise_solutions():
    """01, worked solutions 1–4."""
    A = games.stag_hunt(stag=5, sucker=0, hare_vs_stag=4, hare=2)
    assert games.ACTIONS[games.risk_dominant(A)] == "Hare" and games.belief_threshold(A) == pytest.approx(2 / 3)
    k = bank_run.optimal_contract(impatient_share=0.3, R=2, gamma=3)
    assert round(2 ** (-2 / 3), 3) == 0.630 and round(k.c1, 3) == 1.350
    assert round(k.run_threshold, 3) == 0.482 and round((k.run_threshold - 0.3) / 0.7, 2) == 0.26
    assert round(k.c1, 4) == 1.3496 and round((2 - 1.3496) / 1.3496, 3) == 0.482  # the solution's route ...
    early = bank_run.run_threshold(1.350, 2.0)  # ... and c1 rounded first
    assert f"{early:.5f}" == "0.48148" and round(early, 3) == 0.481
    r = global_game.threshold_normal(c=0.25, alpha=1, beta=4, z=0.4)
    assert r.unique and round(r.theta_star[0], 3) == 0.834 and r.theta_star[0] > 0.75
    rhs = math.sqrt(1 + 1 / 4) * NormalDist().inv_cdf(0.25)
    assert (round(math.sqrt(1.25), 3), round(rhs, 3)) == (1.118, -0.754)
    assert round(NormalDist().inv_cdf(r.theta_star[0]), 3) == 0.971 and round((r.theta_star[0] - 0.4) / 2, 3) == 0.217
    assert round(r.x_star[0], 3) == 1.320
    stated(
        NB01,
        "$1^2 = 1$ and $2^2 = 4$",
        "\\approx 1.350",
        "(2 - 1.3496)/(1.3496 \\times 1) \\approx 0.482",
        "it gives 0.48148…, which rounds to 0.481",
        "\\approx 0.26",
        "\\theta^* \\approx 0.834",
        "\\approx -0.754",
        "\\approx 0.971",
        "$1 - c = 0.75$",
        "\\approx 1.320",
    )


def test_01_write_it_yourself_solution():
    """01, exercise 5: the worked solution pays what bank_run.patient_payoff pays on a grid of economies (0 once
    f c1 >= 1), and coordlab's version does what the solution says it adds (named range checks, arrays of f)."""
    waiting_payoff = worked_solution(
        read(NOTEBOOK_DIR / "01_coordination_failures.ipynb"), "### Exercise 5 (write it yourself)"
    )["waiting_payoff"]
    fs = np.linspace(0.0, 0.99, 100)
    for c1 in (0.5, 0.9, 1.0, 1.16, 1.6, 2.5):
        for R in (1.01, 1.5, 3.0):
            want = bank_run.patient_payoff(fs, c1, R)
            got = [waiting_payoff(float(f), c1, R) for f in fs]
            assert got == pytest.approx(want, rel=1e-12, abs=1e-12)
            assert min(got) >= 0
    for args, message in (
        ((1.0, 1.2, 1.5), "f must lie in [0, 1)"),
        ((0.5, 0.0, 1.5), "c1 must be in (0, 100]"),
        ((0.5, 1.2, 1.0), "R must be in (1, 100]"),
    ):
        with pytest.raises(ValueError, match=re.escape(message)):
            bank_run.patient_payoff(*args)
    stated(
        NB01,
        "`coordlab.models.bank_run.patient_payoff(f, c1, R)`",
        "$f$ in $[0, 1)$, $c_1$ in $(0, 100]$, $R$ in $(1, 100]$",
    )


def test_00_course_map_alt_text_lists_the_available_notebooks():
    """00, Figure 1: the alt text names the notebooks drawn as available (solid boxes)."""
    from coordlab.course import NOTEBOOKS

    available = [n.number for n in NOTEBOOKS if n.available]
    listed = ", ".join(available[:-1]) + " and " + available[-1]  # "00, 01, 02 and 03"
    stated(NB00, f"available now ({listed}) are solid")


def test_01_theory_caveats():
    """01, §3-§7 (a theorist's read): selection needs dominance regions; Diamond-Dybvig's sequential service; the
    uniqueness bound is sufficient for every z, and multiplicity returns only for news near the middle (3 thresholds
    at c = z = 0.5, alpha 5, beta 1, one at z = 1.5; the headline's z = 1.25 stays unique even at alpha = 30); the
    risk lens's comparisons are for given news; sources for multiplicity under public information."""
    assert len(global_game.threshold_normal(c=0.5, alpha=5, beta=1, z=0.5).theta_star) == 3
    assert len(global_game.threshold_normal(c=0.5, alpha=5, beta=1, z=1.5).theta_star) == 1
    assert len(global_game.threshold_normal(c=0.25, alpha=30, beta=100, z=1.25).theta_star) == 1
    assert not global_game.uniqueness_holds(alpha=30, beta=100)
    for a, b in ((2.0, 4.0), (4.0, 100.0), (1.0, 4.0)):  # below the bound: one, for any news
        assert global_game.uniqueness_holds(alpha=a, beta=b)
        assert all(
            len(global_game.threshold_normal(c=c, alpha=a, beta=b, z=z).theta_star) == 1
            for c in (0.1, 0.5, 0.9)
            for z in (-0.5, 0.5, 1.5)
        )
    stated(
        NB01,
        "(*dominance regions*)",
        "*sequential service constraint*",
        "multiple equilibria can return",
        "not merely the only one in threshold strategies",
        "special assessment on banks",
        "for USDC's holders it restored the reserves",
        "These are comparisons *for given news*",
        "Hellwig 2002",
        "C. Hellwig (2002)",
        "Cooper and John 1988",
        "R. Cooper and A. John (1988)",
        "since runs come in bad times",
        "of the two, only deposit insurance",
        "holding is a best response only weakly",
        "$0.2 + 0.8 \\times 1.02 = 1.016$ per coin",
    )
    assert round(0.2 + 0.8 * 1.02, 3) == 1.016
    cushion = [f"{bank_run.run_threshold(1.0, R, fire_sale_value=0.95):.1%}" for R in (1.01, 1.05)]
    assert cushion == ["15.8%", "47.5%"]
    stated(NB01, "15.8% with $R = 1.01$ and 47.5% with $R = 1.05$")
    assert "Morris and Shin 2002 study this social value" not in NB01
