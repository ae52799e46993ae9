"""Every number notebook 14's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import re

import pytest

from coordlab.exercises import nb14
from coordlab.labs import CapstoneLab
from coordlab.models import capstone as c
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

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
    one = c.run(BT, c.Parameters(throttle=1e6))
    assert round(one.bad_debt / 1e6, 3) == 0.215 and one.insurance_used == 0.2e6 and round(one.lender_loss / 1e6, 3) == 0.015
    stated("About **0.215 M**, between the 0.05 M of the default 2 M throttle and the 0.57 M at 0.5 M an hour",
           "pays the first 0.2 M of it; lenders lose the remaining 0.015 M")
    short, enough = (c.run(BT, c.Parameters(throttle=0.8e6, insurance=f)) for f in (0.30e6, 0.35e6))
    assert round(short.bad_debt / 1e6, 3) == round(enough.bad_debt / 1e6, 3) == 0.326
    assert round(short.lender_loss / 1e6, 3) == 0.026 and enough.lender_loss == 0
    assert short.borrowers_liquidated == enough.borrowers_liquidated and list(short.price) == list(enough.price)
    stated("the bad debt is 0.326 M", "0.30 M leaves lenders 0.026 M to pay, and **0.35 M** is the smallest setting")
    flush = c.run(FLUSH, c.Parameters(close_factor=0.85))
    assert flush.borrowers_liquidated == 1510 and round(flush.price[-1]) == 1225
    assert round(c.run(FLUSH, c.Parameters()).price[-1]) == 1262
    stated("**1,510**, against 1,418 at the default 50% and 1,761 at 100%", "about 1,225 instead of 1,262")


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "14_capstone_stress_test.ipynb"), heading)


PARAMS = (c.Parameters(), c.Parameters(throttle=0.5e6), c.Parameters(throttle=0.8e6, insurance=0.1e6),
          c.Parameters(throttle=0.6e6, insurance=0.0), c.Parameters(threshold=0.9, bonus=1.12, insurance=0.0))
RUNS = [(name, params, share, equity) for name in c.SCENARIOS for params in PARAMS
        for share, equity in ((0.3, 0.1e6), (0.6, 0.02e6), (1.0, 0.0))]


@pytest.mark.parametrize("name, params, share, equity", RUNS)
def test_exercise_4_reference_is_the_scorecards_split(name, params, share, equity):
    """14.4's reference (step 6 written out, step 7 cleared by contagion.clear) agrees with capstone.run's scorecard."""
    card = c.run(c.SCENARIOS[name], params, fund_share=share, fund_equity=equity)
    paid, lenders, creditors = nb14._loss_split(card.bad_debt, params.insurance, share, equity)
    assert paid == card.insurance_used and lenders == card.lender_loss
    assert creditors == pytest.approx(card.creditor_loss, rel=1e-12, abs=1e-6)   # deposits differ: round-off only
    assert (creditors > 1e-6) == card.fund_defaults


def test_exercise_4_runs_cover_every_part_of_the_split():
    cards = [(c.run(c.SCENARIOS[n], p, fund_share=s, fund_equity=e), p) for n, p, s, e in RUNS]
    assert any(card.bad_debt == 0 for card, _ in cards) and any(0 < card.bad_debt < p.insurance for card, p in cards)
    assert any(card.lender_loss > 0 and not card.fund_defaults for card, _ in cards)
    assert any(card.fund_defaults for card, _ in cards)


def test_exercise_4_worked_solution_and_what_coordlab_adds():
    loss_split = _worked_solution("### Exercise 4 (write it yourself)")["loss_split"]
    for args in ((0.0, 0.2e6, 0.3, 0.1e6), (0.15e6, 0.2e6, 0.3, 0.1e6), (0.2e6, 0.2e6, 0.5, 0.0),
                 (0.7e6, 0.2e6, 0.3, 0.15e6), (0.7e6, 0.2e6, 0.3, 0.1e6), (3e6, 0.0, 0.8, 0.4e6)):
        assert loss_split(*args) == pytest.approx(nb14._loss_split(*args), abs=1e-6)
    card = c.run(BT, c.Parameters(throttle=0.5e6))
    assert loss_split(card.bad_debt, 0.2e6, 0.3, 0.1e6) == pytest.approx(
        [card.insurance_used, card.lender_loss, card.creditor_loss], abs=1e-6)
    with pytest.raises(ValueError, match="insurance must be in"):
        c.Parameters(insurance=-1.0)
    assert loss_split(0.1e6, -1.0, 0.3, 0.0)[0] == -1.0                  # the student's: a negative payment
    stated("`insurance_used`, `lender_loss`, `creditor_loss`, and `fund_defaults`", "coordlab.models.contagion.clear",
           "`capstone.Parameters` refuses a negative insurance fund")


def test_exercise_1_names_what_the_fund_pays():
    """14.1: the lab prints "insurance pays 0.200 M" beside the bad debt; that number earns its own hint."""
    from coordlab.exercises import check
    one = c.run(BT, c.Parameters(throttle=1e6))
    assert one.insurance_used == 0.2e6
    assert "what the insurance fund pays" in check("14.1", 0.2).message and not check("14.1", 0.2).correct
