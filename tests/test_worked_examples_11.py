"""Every number notebook 11's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import math
import re

from coordlab.labs import ConsensusLab
from coordlab.models import consensus as c
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB11 = markdown(read(NOTEBOOK_DIR / "11_consensus_failures.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB11, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: DOMAIN.md §6's May 2023 and September 2021 figures, with their sources."""
    stated("**4 epochs** (about 47 missed blocks)", "**9 epochs** (about 149 missed blocks)", "**30.7%** (Blockworks)",
           "about **28 ETH**", "at least **55 ETH**", "under 0.00015 ETH per validator",
           "about **400,000 transactions per second**", "about **17 hours**", "**80%** of the stake")


def test_double_spend_numbers():
    assert round(c.double_spend_probability(0.1, 6), 6) == 0.000243 and round(c.double_spend_probability(0.3, 6), 2) == 0.13
    assert c.confirmations_needed(0.45) == 340
    stated("Six confirmations (an hour on Bitcoin) give a 10% attacker a 0.024% chance, but a 30% attacker 13%",
           "against 45% the paper asks for 340 blocks", "6 blocks give a 30% attacker 13%",
           "5, 8, 11, 15, 24, 41, 89, 340 for q = 0.10 … 0.45")


def test_figure_1():
    lab = ConsensusLab()
    lab.update(q=0.30, z=6.0, gamma=0.5)
    r = lab.result
    assert round(r["prob"][6], 2) == 0.13 and r["need"] == 24 and r["threshold"] == 0.25
    assert round(r["my_gain"], 3) == 0.027 and round(r["prob"][60] * 1e8) == 4
    stated("a square marks 6 confirmations at about 0.13", "which the curve crosses at 24", "about 4 × 10⁻⁸ at 60",
           "a dotted vertical line at α = 0.25", "a triangle marks α = 0.30 at about +0.027")


def test_selfish_and_bft():
    assert [round(c.selfish_threshold(g), 4) for g in (0.0, 0.5, 1.0)] == [0.3333, 0.25, 0.0]
    stated("a third of the hash rate if nobody helps ($\\gamma = 0$), a quarter if half the honest miners do")
    assert c.bft(100)["quorum"] == 67 and c.bft(100)["overlap"] == 34
    # the bound with signatures and delayed messages is Dwork, Lynch and Stockmeyer's; Lamport, Shostak and Pease's
    # is for unsigned messages (with signatures and synchrony, any number of faults can be tolerated)
    stated("when messages can be delayed unless $n \\ge 3f + 1$, even with signed messages (Dwork, Lynch and Stockmeyer 1988",
           "Consensus in the Presence of Partial Synchrony")


def test_leak_and_settlement():
    days = {x: round(c.inactivity_leak(x).days(c.inactivity_leak(x).finality_epoch), 1) for x in (0.34, 0.4, 0.5)}
    assert days == {0.34: 2.3, 0.4: 13.1, 0.5: 20.8}
    stated("after about 2.3 days (34% offline), 13.1 days (40%) and 20.8 days (50%)",
           "restores it in 2.3, 13.1 or 20.8 days at 34%, 40% or 50% offline")
    lost = 32.0 - c.inactivity_leak(0.6, max_epochs=9).inactive_balance[9]
    assert round(lost, 5) == 0.00006
    stated("about 0.00006 ETH", "**4 epochs** (`MIN_EPOCHS_TO_INACTIVITY_PENALTY`)")
    assert c.settlement_risk(7 * 1440, offline=0.4) == 1.0
    leak = c.inactivity_leak(0.4)
    assert leak.finality_epoch == 2948 and round(leak.inactive_balance[-1], 2) == 24.75


def test_exercise_solutions():
    assert round(c.double_spend_probability(0.2, 5), 5) == 0.02742 and round(c.double_spend_probability(0.2, 5), 4) == 0.0274
    assert round(1 - c.double_spend_probability(0.2, 5), 5) == 0.97258
    assert round(1 / c.double_spend_probability(0.2, 5)) == 36
    assert round(c.double_spend_probability(0.2, 5) / c.double_spend_probability(0.1, 5)) == 30
    assert round(c.double_spend_probability(0.1, 5), 7) == 0.0009137
    stated("$\\lambda = 5 \\times 0.2/0.8 = 1.25$", "$P = 1 - 0.97258 = 0.02742$, **0.0274** to 4 decimal places",
           "about a 1-in-36 chance, thirty times a 10% attacker's (0.0009137")
    # not the setting the lab prompt passes through (q = 0.20 at z = 6, then z raised to 13)
    from coordlab.exercises import nb11
    assert (nb11.Q1, nb11.Z1) == (0.2, 5) and nb11.Z1 < 6
    assert c.confirmations_needed(0.25, 0.0001) == 21 and c.confirmations_needed(0.25, 0.001) == 15
    assert round(c.double_spend_probability(0.25, 20), 6) == 0.000106
    assert round(c.double_spend_probability(0.25, 21), 7) == 0.0000686
    stated("**21**: the risk is 0.000106 after 20 confirmations and 0.0000686 after 21", "costs six blocks more")
    assert round(c.selfish_threshold(0.38), 3) == 0.277 and (round(1 - 0.38, 2), round(3 - 2 * 0.38, 2)) == (0.62, 2.24)
    stated("$(1 - 0.38)/(3 - 2 \\times 0.38) = 0.62/2.24 \\approx$ **0.277**")
    leak = c.inactivity_leak(0.45)
    assert leak.finality_epoch == 4044 and round(leak.days(leak.finality_epoch), 2) == 17.97
    assert 19.745 < leak.inactive_balance[-1] < 19.75 and 19.75 <= leak.inactive_balance[-2]
    assert leak.active_share[-1] >= 2 / 3 > leak.active_share[-2]
    assert round(0.55 * 32 / (2 * 0.45), 2) == 19.56
    stated("About **18.0 days** (4 044 epochs)", "at most 19.56 ETH: 19 ETH", "falls below 19.75 ETH",
           "$4044 \\times 6.4 / 1440 = 17.97$ days")


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "11_consensus_failures.ipynb"), heading)


def test_exercise_5_worked_solution_and_where_the_loop_fails():
    attacker_success = _worked_solution("### Exercise 5 (write it yourself)")["attacker_success"]
    for q, z in ((0.1, 6), (0.3, 24), (0.45, 340), (0.5, 3), (0.7, 3), (0.2, 0)):
        assert math.isclose(attacker_success(q, z), c.double_spend_probability(q, z), rel_tol=1e-9)
    # 30 blocks against 10%: the subtraction from 1 cancels below zero; the risk is about 5e-18
    assert attacker_success(0.1, 30) < 0 and round(c.double_spend_probability(0.1, 30) * 1e18) == 5
    # 1,000 blocks against 45%: lambda = 818 > 745, exp(-lambda) underflows, the loop returns 1; the risk is ~4e-9
    assert 1000 * 0.45 / 0.55 > 745 and math.exp(-746) == 0.0 < math.exp(-745)
    assert attacker_success(0.45, 1000) == 1.0 and round(c.double_spend_probability(0.45, 1000) * 1e9) == 4
    stated("30 blocks deep against a 10% attacker it returns a tiny negative number",
           "the risk is about 5 × 10⁻¹⁸", "1,000 blocks deep against 45% it returns 1",
           "once $\\lambda$ is above about 745 (the risk is about 4 × 10⁻⁹)",
           "$z$ a whole number of blocks up to a million", "### Exercise 6 (open design)")
    assert c.Z_MAX == 10**6
