"""Every number notebook 14's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

from coordlab.labs import CapstoneLab
from coordlab.models import capstone as c
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB14 = markdown(read(NOTEBOOK_DIR / "14_capstone_stress_test.ipynb"))
BT, FLUSH = c.SCENARIOS["Black Thursday"], c.SCENARIOS["Leverage flush"]


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB14, f"the prose no longer says {phrase!r}"


def test_incident_figures_and_scenarios():
    stated("**4–6.65 M DAI**", "about **\\$19 bn**", "about **7 hours**")
    assert BT.drop == 0.45 and BT.keeper_presence == 0.6 and BT.gas_hours == tuple(range(4, 12)) and BT.depth == 60e6
    out = c.SCENARIOS["Outage in a crash"]
    assert out.drop == 0.30 and (out.outage_start, out.outage_start + out.outage_hours) == (3, 10)
    assert FLUSH.drop == 0.20 and FLUSH.depth == 30e6
    stated("a 45% fall over a day, keepers present only 60% of the hours and half that while gas spikes (hours 4–11), a 60 M USD pool",
           "a 30% fall with the sequencer down from hour 3 to hour 10", "a 20% fall into a thin 30 M USD pool")


def test_trade_offs():
    default, throttled = c.run(BT, c.Parameters()), c.run(BT, c.Parameters(throttle=0.5e6))
    conservative = c.run(BT, c.Parameters(threshold=0.75, bonus=1.08))
    assert round(default.bad_debt / 1e6, 2) == 0.05 and round(throttled.bad_debt / 1e6, 2) == 0.57
    assert throttled.insurance_used == 0.2e6 and round(throttled.lender_loss / 1e6, 2) == 0.37 and throttled.fund_defaults
    assert throttled.lp_depth_lost == 0.0 and throttled.price[-1] > default.price[-1]
    assert conservative.bad_debt == 0 and round(conservative.borrower_penalties / 1e6, 2) == 0.37
    assert round(conservative.lp_depth_lost, 2) == 0.73
    assert c.run(FLUSH, c.Parameters(close_factor=1.0)).borrowers_liquidated == 1761
    assert c.run(FLUSH, c.Parameters()).borrowers_liquidated == 1418
    stated("bad debt rises from 0.05 to 0.57 M", "lenders lose 0.37 M", "(0.37 M)", "(73% of depth)",
           "liquidates 1,761 borrowers instead of 1,418", "(0.05 → 0.57 M in *Black Thursday* at 0.5 M/h)",
           "(1,418 → 1,761 in *Leverage flush*)")


def test_figure_1_and_exercises():
    lab = CapstoneLab()
    card = lab.result["card"]
    assert round(card.price[-1]) == 635 and round(card.borrower_penalties / 1e6, 2) == 0.25
    assert round(card.insurance_used / 1e6, 2) == 0.05 and card.lender_loss == 0 and card.creditor_loss == 0
    stated("falls from 2,000 to about 635", "borrowers (about 0.25), the insurance fund (about 0.05), lenders (0)")
    ok = c.run(BT, c.Parameters(throttle=0.5e6, insurance=0.57e6))
    assert ok.lender_loss == 0 and not ok.fund_defaults
    stated("About **0.568 M**", "about **0.568 M**", "**1,761**")
