"""Every number notebook 13's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from coordlab.labs import OutageLab
from coordlab.models import sequencer as s
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB13 = markdown(read(NOTEBOOK_DIR / "13_sequencer_risk.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB13, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: DOMAIN.md §10's Arbitrum One figures, with their sources."""
    stated("about **7 hours**", "**284** transactions", "**13:29 UTC**", "about **78 minutes**", "about **90%**",
           "26 April 2023", "Offchain Labs post-mortem, via Cointelegraph")


def test_gates_and_clocks():
    assert s.chainlink_gate(0, 0, 3600) == "GracePeriodNotOver" and s.chainlink_gate(0, 0, 3601) == "ok"
    stated("Prices become usable at second 3 601, not 3 600", "**below 0.95**")
    assert s.force_inclusion_hours("Arbitrum One") == (19.2, 24.0) and s.force_inclusion_hours("OP Mainnet") == (12.0, 24.0)
    stated("gives 19.2 hours", "3 600 L1 blocks, 12 hours, while the docs say 24", "Arbitrum One 19.2–24 h, OP Mainnet 12–24 h")


def test_outage_process():
    d = s.simulate_outages(2.0, 1.0, 100.0, seed=7)[:, 1]
    assert len(d) == 205 and round(float(np.median(d)), 2) == 0.95 and round(float(np.mean(d > 7)), 3) == 0.020
    assert round(float(d.max()), 1) == 9.6 and int(np.sum(d > 19.2)) == 0


def test_figure_1_and_the_flood():
    lab = OutageLab()
    lab.update(outage=48.0, grace=1.0, sigma=300.0, topup=50.0)
    o = lab.result["out"]
    pct = lambda x: round(100 * x / 2000, 1)  # noqa: E731
    assert (pct(o.liquidatable_at_restart), pct(o.saved), pct(o.liquidated)) == (12.8, 1.6, 12.2)
    assert round(100 * o.bad_debt / o.total_debt, 2) == round(100 * o.bad_debt_no_grace / o.total_debt, 2) == 0.57
    stated("liquidatable at restart about 12.8, saved in the grace period about 1.6, liquidated with grace about 12.2",
           "leave 12.8% of borrowers liquidatable at restart, and 0.57% of all debt as bad debt")
    default = OutageLab()
    assert pct(default.result["out"].liquidatable_at_restart) == 1.1
    stated("the flood is 1.1% of borrowers")


def test_race_and_exercises():
    prio = s.liquidation_race(1.0, 5, "priority", seed=1)
    fcfs = s.liquidation_race(1.0, 5, "fcfs", seed=1)
    assert round(prio["to_orderer"], 2) == 0.93 and round(fcfs["to_liquidator"], 2) == 0.90
    stated("93% here", "(93% with five bots)")
    o = s.outage_liquidations(24.0, 1.0, 1.5, n=2000, paths=200, topup=0.5, seed=3)
    assert round(100 * o.liquidatable_at_restart / 2000, 1) == 3.3
    stated("About **3.3%**")


def test_exercises_1_2_and_4():
    """The worked solutions of Exercises 1, 2 and 4 (another grace period, block time and number of bots)."""
    assert s.chainlink_gate(0, 0, 1800, grace=1800) == "GracePeriodNotOver" and s.chainlink_gate(0, 0, 1801, grace=1800) == "ok"
    stated("up to and including second 1 800; the first second that passes is **1 801**")
    hours = s.force_inclusion_hours("Arbitrum One")[0] * 13.2 / 12
    assert 5760 * 13.2 == 76_032 and round(hours, 2) == 21.12 and round(hours, 1) == 21.1
    stated("5 760 blocks of 13.2 s is 76 032 s", "**21.1 hours** (21.12), against 19.2 hours")
    two, five = s.liquidation_race(1.0, 2, "priority", seed=1), s.liquidation_race(1.0, 5, "priority", seed=1)
    assert round(two["to_orderer"], 2) == 0.87 and round(five["to_orderer"], 2) == 0.93 and round(0.2 * 2 / 3, 2) == 0.13
    assert round(two["to_liquidator"], 2) == 0.07 and round(five["to_liquidator"], 2) == 0.03
    stated("About **0.87**", "against 0.93 with five bots", "(about 0.07 of the bonus instead of 0.03)",
           "$0.2 \\times 2/3 \\approx 0.13$")


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "13_sequencer_risk.ipynb"), heading)


def test_exercise_5_worked_solution_and_what_chainlink_gate_adds():
    price_usable = _worked_solution("### Exercise 5 (write it yourself)")["price_usable"]
    t0 = 1_600_000_000
    for answer in (0, 1):
        for grace in (0, 1, 600, 3600):
            for now in {t0, t0 + 1, t0 + grace, t0 + grace + 1, t0 + 10 * grace + 5} | {t0 + grace - 1} - {t0 - 1}:
                assert price_usable(answer, t0, now, grace) == (s.chainlink_gate(answer, t0, now, grace) == "ok")
    # coordlab names the revert, and refuses what the contract's types cannot hold
    assert (s.chainlink_gate(1, 0, 10), s.chainlink_gate(0, 0, 10, grace=10), s.chainlink_gate(0, 0, 11, grace=10)) == \
        ("SequencerDown", "GracePeriodNotOver", "ok")
    with pytest.raises(ValueError, match="answer must be in"):
        s.chainlink_gate(2, 0, 10)
    with pytest.raises(TypeError, match="now must be an integer"):
        s.chainlink_gate(0, 0, 3600.5)
    with pytest.raises(ValueError, match="now must not be before started_at"):
        s.chainlink_gate(0, 100, 50)
    assert price_usable(0, 100, 50, 10) is False                       # the student's: a negative time, "not usable"
    assert s.aave_sentinel_allows(0, 0, 3600, 3600) is False and s.aave_sentinel_allows(0, 0, 3601, 3600) is True
    stated("coordlab.models.sequencer.chainlink_gate", "quietly say \"not usable\"", "sequencer.aave_sentinel_allows")


def test_exercise_4_five_bot_trap_also_meets_the_lowest_cost_slip():
    """13.4: 0.93 is both §6's five-bot figure and 1 - E[lowest of two costs] = 1 - 0.2/3; the hint serves both."""
    from coordlab.exercises import check
    assert round(1 - 0.2 / 3, 2) == round(s.liquidation_race(1.0, 5, "priority", seed=1)["to_orderer"], 2) == 0.93
    message = check("13.4", 0.93).message
    assert "five bots" in message and "what must the cheaper bot bid" in message
