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
    assert round(default.bad_debt / 1e6, 3) == 0.050 and round(throttled.bad_debt / 1e6, 3) == 0.575
    assert round(throttled.open_shortfall / 1e6, 3) == 0.006 and default.open_shortfall == 0
    assert throttled.insurance_used == 0.2e6 and round(throttled.lender_loss / 1e6, 3) == 0.375 and throttled.fund_defaults
    assert throttled.lp_depth_lost == 0.0 and throttled.price[-1] > default.price[-1]
    assert conservative.bad_debt == 0 and round(conservative.borrower_penalties / 1e6, 3) == 0.369
    assert round(default.borrower_penalties / 1e6, 3) == 0.251
    assert (round(conservative.loans / 1e6, 2), round(default.loans / 1e6, 2)) == (4.61, 5.07)
    assert (round(conservative.lp_depth_lost, 2), round(default.lp_depth_lost, 2)) == (0.73, 0.48)
    assert c.run(FLUSH, c.Parameters(close_factor=1.0)).borrowers_liquidated == 1761
    assert c.run(FLUSH, c.Parameters()).borrowers_liquidated == 1418
    stated("bad debt rises from 0.050 to 0.575 M (0.006 M of it in positions still open and underwater at the end of the day)",
           "lenders lose 0.375 M", "(0.369 M against 0.251 M)", "the same borrowers take 4.61 M instead of 5.07 M",
           "LPs withdraw 73% of its depth against 48%",
           "liquidates 1,761 borrowers instead of 1,418", "(0.050 → 0.575 M in *Black Thursday* at 0.5 M/h; higher at 18 of 20 seeds)",
           "(1,418 → 1,761 in *Leverage flush*)")


def test_lessons_across_seeds():
    """§2 "Beyond the class's seed": each comparison replayed at 20 seeds, the same crisis for both arms."""
    base, slow = c.across_seeds(BT, c.Parameters()), c.across_seeds(BT, c.Parameters(throttle=0.5e6))
    safe = c.across_seeds(BT, c.Parameters(threshold=0.75, bonus=1.08))
    flush, full = c.across_seeds(FLUSH, c.Parameters()), c.across_seeds(FLUSH, c.Parameters(close_factor=1.0))
    assert base[0].bad_debt == c.run(BT, c.Parameters()).bad_debt              # the class's seed comes first
    assert sum(y.bad_debt > x.bad_debt for x, y in zip(base, slow)) == 18
    assert sum(y.bad_debt <= x.bad_debt for x, y in zip(base, safe)) == 20
    assert sum(y.borrower_penalties / y.loans > x.borrower_penalties / x.loans for x, y in zip(base, safe)) == 20
    assert sum(y.lp_depth_lost > x.lp_depth_lost for x, y in zip(base, safe)) == 1
    assert sum(y.lp_depth_lost < x.lp_depth_lost for x, y in zip(base, safe)) == 10
    assert sum(y.borrowers_liquidated > x.borrowers_liquidated for x, y in zip(flush, full)) == 19
    stated("over the 20 seeds it pushes LPs out further only once, and less far than the default in half of them")


def test_open_positions_count_as_bad_debt():
    """Bad debt includes what open, underwater positions owe beyond their collateral at hour 24."""
    card = c.run(BT, c.Parameters(throttle=0.5e6))
    assert 0 < card.open_shortfall < card.bad_debt
    never = c.run(BT, c.Parameters(throttle=1.0))                 # liquidations throttled to 1 USD an hour
    assert never.open_shortfall > 0.9 * never.bad_debt and never.bad_debt > card.bad_debt


def test_figure_1_and_exercises():
    lab = CapstoneLab()
    card = lab.result["card"]
    assert round(card.price[-1]) == 635 and round(card.borrower_penalties / 1e6, 2) == 0.25
    assert round(card.insurance_used / 1e6, 2) == 0.05 and card.lender_loss == 0 and card.creditor_loss == 0
    stated("falls from 2,000 to about 635", "borrowers (about 0.25), the insurance fund (about 0.05), lenders (0)")
    one = c.run(BT, c.Parameters(throttle=1e6))
    assert round(one.bad_debt / 1e6, 3) == 0.215 and one.insurance_used == 0.2e6 and round(one.lender_loss / 1e6, 3) == 0.015
    stated("About **0.215 M**, between the 0.05 M of the default 2 M throttle and the 0.575 M at 0.5 M an hour",
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


def test_v33_close_factor_in_the_capstone():
    """The version box's claim: v3.3's close factor by size deepens Leverage flush's cascade, at the class's seed and beyond."""
    import numpy as np

    v30, v33 = (c.run(FLUSH, c.Parameters(rules=r)) for r in ("v3.0", "v3.3"))
    assert (v30.borrowers_liquidated, v33.borrowers_liquidated) == (1418, 2000)
    assert (round(v30.price[-1]), round(v33.price[-1])) == (1262, 612)
    rng = np.random.default_rng(FLUSH.seed)                      # the scenario's own borrowers, as run() draws them
    coll = 1.5 * np.exp(0.8 * rng.standard_normal(FLUSH.borrowers))
    debt = coll * 2000.0 * 0.825 * rng.uniform(0.5, 0.97, FLUSH.borrowers)
    assert 0.5 < (debt < 2000).mean() < 0.6
    base, newer = c.across_seeds(FLUSH, c.Parameters()), c.across_seeds(FLUSH, c.Parameters(rules="v3.3"))
    assert sum(y.borrowers_liquidated > x.borrowers_liquidated for x, y in zip(base, newer)) == 19
    assert sum(y.price[-1] < x.price[-1] for x, y in zip(base, newer)) == 20
    stated("more than half of its borrowers owe under \\$2,000",
           "liquidates every one of its 2,000 borrowers instead of 1,418 and the price ends near 612 instead of 1,262; "
           "over 20 seeds it liquidates more borrowers at 19 and ends lower at all 20")


def test_v33_deepening_is_a_cliff_set_by_the_lps():
    """The review's finding: v3.3's deeper Leverage flush comes from tripping the LPs' 6% tolerance, not from selling more."""
    from dataclasses import replace

    base, newer = c.across_seeds(FLUSH, c.Parameters()), c.across_seeds(FLUSH, c.Parameters(rules="v3.3"))
    full = c.across_seeds(FLUSH, c.Parameters(close_factor=1.0))
    tipped = [y.lp_depth_lost > 0.5 for y in newer]
    assert sum(tipped) == 8
    assert max(1 - y.price[-1] / x.price[-1] for x, y, t in zip(base, newer, tipped) if not t) < 0.11
    assert sum(f.price[-1] < 25 for f in full) == 7
    assert round(full[0].price[-1]) == 1106 and full[0].lp_depth_lost == 0.0
    prices = {tol: [round(c.run(replace(FLUSH, lp_tolerance=tol), c.Parameters(rules=r)).price[-1]) for r in ("v3.0", "v3.3")]
              for tol in (0.05, 0.07)}
    assert prices[0.07][1] == 1149 and prices[0.05][0] == 602
    stated("at 8 of the 20 its sales set off the LPs", "at most 11% below v3.0's", "leave v3.3 at 1,149 instead of 612",
           "at 5% v3.0 collapses too (602)", "empties the pool (price under 25) at 7 of the 20 seeds",
           "who withdraw after an hourly move of more than 6%")
    assert FLUSH.lp_tolerance == 0.06


def test_scenarios_state_their_lps_and_the_top_up_rule():
    """The LPs' rule sets how deep a cascade goes, so each scenario states it; top-ups happen only with a grace period."""
    out = c.SCENARIOS["Outage in a crash"]
    assert (BT.lp_exit, BT.lp_tolerance) == (0.15, 0.08) == (out.lp_exit, out.lp_tolerance)
    assert (FLUSH.lp_exit, FLUSH.lp_tolerance) == (0.25, 0.06) and out.keeper_presence == 0.9 and out.depth == 80e6
    stated("withdraw 15% of its depth after any hourly move of more than 8%", "keepers present 90% of the hours, an 80 M USD pool",
           "(25% of its depth after any hourly move of more than 6%)",
           "(only when there is a grace period: with none, this model lets nobody top up)",
           "(its dust rule and its deficit accounting are left out)")
    # grace 0 vs 1 in the outage: the top-ups differ, yet the scorecard barely moves (the override does the work)
    cards = [c.run(out, c.Parameters(grace_hours=g)) for g in (0, 1, 8)]
    assert [k.borrowers_liquidated for k in cards] == [1077, 1076, 1097]


def test_scorecard_terms_are_defined_as_computed():
    """§2 defines each scorecard quantity as run() computes it."""
    stated("*liquidated*, the borrowers liquidated at least once", "less the debt it repaid (the bonus, what borrowers pay)",
           "*lenders lose*, the bad debt the insurance fund could not pay")
    card = c.run(BT, c.Parameters())
    assert card.lender_loss == max(card.bad_debt - c.Parameters().insurance, 0.0)
    assert 0.0 <= card.lp_depth_lost < 1.0


def test_throttle_cost_survives_the_hidden_constants():
    from dataclasses import replace

    for tol in (0.04, 0.12):
        for presence in (0.4, 0.8):
            s = replace(BT, lp_tolerance=tol, keeper_presence=presence)
            a, b = c.across_seeds(s, c.Parameters(), seeds=10), c.across_seeds(s, c.Parameters(throttle=0.5e6), seeds=10)
            assert sum(y.bad_debt > x.bad_debt for x, y in zip(a, b)) >= 8, (tol, presence)
    stated("with the LPs' tolerance anywhere from 4% to 12% and keepers present 40% to 80% of the hours, the 0.5 M throttle "
           "raises *Black Thursday*'s bad debt at 8 or more of 10 seeds in every combination")
