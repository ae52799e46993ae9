"""Invariants of the capstone under both rule sets (Aave v3.0 and v3.3's close factor), over random scenarios.

Each property is an accounting identity or a bound that ``capstone.run`` must keep whatever the crisis, the
parameters, the top-ups and the arbitrage: debt and collateral are conserved, bad debt is never negative and
never more than was lent, no liquidation repays more than a position owes or seizes more than its bonus allows,
the throttle holds every hour and the backstop pays in order. Scenarios are small (at most 300 borrowers) so
hypothesis can try many.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import capstone as c

HOURS = st.integers(0, c.HOURS)
scenarios = st.builds(
    c.Scenario,
    name=st.just("random crisis"),
    drop=st.floats(0.0, 0.9),
    hourly_vol=st.floats(0.0, 0.2),
    outage_start=HOURS,
    outage_hours=HOURS,
    keeper_presence=st.floats(0.0, 1.0),
    gas_hours=st.lists(st.integers(0, c.HOURS - 1), max_size=6).map(tuple),
    depth=st.floats(1e5, 1e9),
    lp_tolerance=st.floats(0.005, 0.5),
    lp_exit=st.floats(0.0, 0.5),
    borrowers=st.integers(1, 300),
    seed=st.integers(0, 2**32 - 1),
    topup_share=st.floats(0.0, 1.0),
    arbitrage=st.one_of(st.just(0.0), st.floats(0.0, 1e7)),
    outside_depth=st.one_of(st.just(0.0), st.floats(1e5, 1e9)),
)
parameters = st.builds(
    c.Parameters,
    threshold=st.floats(0.05, 0.95),
    bonus=st.floats(1.0, 1.5),
    close_factor=st.floats(0.01, 1.0),
    grace_hours=HOURS,
    throttle=st.floats(1e3, 1e8),
    insurance=st.floats(0.0, 1e7),
    rules=st.sampled_from(("v3.0", "v3.3")),
)


def _collateral_at_start(s: c.Scenario) -> float:
    """Units of collateral the borrowers hold at hour 0, drawn as ``run`` draws them (log-normal, the scenario's
    seed).
    """
    rng = np.random.default_rng(s.seed)
    return float((1.5 * np.exp(0.8 * rng.standard_normal(s.borrowers))).sum())


@settings(max_examples=150, deadline=None)
@given(s=scenarios, p=parameters, share=st.floats(0.0, 1.0), equity=st.floats(0.0, 1e7))
def test_accounting_is_conserved(s, p, share, equity):
    card = c.run(s, p, fund_share=share, fund_equity=equity)
    repaid, written_off = float(card.liquidated_debt.sum()), card.bad_debt - card.open_shortfall
    # debt: every dollar lent is repaid by a liquidator, written off when collateral ran out, or still owed at hour 24
    assert repaid + written_off + card.debt_open == pytest.approx(card.loans, rel=1e-9, abs=1e-6)
    # collateral: what borrowers held plus what they topped up was sold by liquidators or is still theirs
    assert _collateral_at_start(s) + card.collateral_topped_up == pytest.approx(
        card.collateral_sold + card.collateral_left, rel=1e-9, abs=1e-9
    )
    assert card.collateral_topped_up >= 0 and card.collateral_sold >= 0 and card.collateral_left >= -1e-9
    assert card.collateral_topped_up == 0 or s.outage_hours > 0  # top-ups only at a restart


@settings(max_examples=150, deadline=None)
@given(s=scenarios, p=parameters)
def test_bounds_hold_under_both_rule_sets(s, p):
    card = c.run(s, p)
    # bad debt is never negative, nor more than was lent; the open shortfall is part of it and of the open debt
    assert 0.0 <= card.open_shortfall <= card.bad_debt <= card.loans * (1 + 1e-9) + 1e-6
    assert card.open_shortfall <= card.debt_open * (1 + 1e-9) + 1e-9
    # no liquidation repays more than 100% of what is owed: repayments never exceed the loans, hour by hour
    assert np.all(card.liquidated_debt >= 0) and np.cumsum(card.liquidated_debt)[-1] <= card.loans * (1 + 1e-9) + 1e-6
    assert np.all(card.liquidated_debt <= p.throttle * (1 + 1e-9))  # the throttle holds every hour
    # the seized collateral is worth at most the debt repaid times the bonus: penalties <= (bonus - 1) x repaid
    assert card.borrower_penalties <= (p.bonus - 1) * card.liquidated_debt.sum() * (1 + 1e-9) + 1e-6
    assert card.borrowers_liquidated <= s.borrowers and (card.borrowers_liquidated > 0) == (
        card.liquidated_debt.sum() > 0
    )
    # the backstop pays in order and nobody's loss is negative
    assert card.insurance_used == min(card.bad_debt, p.insurance) and card.lender_loss >= 0
    assert 0.0 <= card.creditor_loss <= 0.3 * card.lender_loss * (1 + 1e-9) + 1e-6
    assert np.all(np.isfinite(card.price)) and np.all(card.price > 0) and 0.0 <= card.lp_depth_lost < 1.0


@settings(max_examples=60, deadline=None)
@given(s=scenarios, p=parameters)
def test_what_only_moves_losses_or_does_nothing(s, p):
    from dataclasses import replace

    card = c.run(s, p)
    # arbitrage with no outside market to sell into does nothing
    assert (
        c.run(replace(s, outside_depth=0.0), p).bad_debt
        == c.run(replace(s, arbitrage=0.0, outside_depth=0.0), p).bad_debt
    )
    # a larger insurance fund moves who pays, nothing else
    rich = c.run(s, replace(p, insurance=p.insurance + 1e6))
    assert rich.bad_debt == card.bad_debt and np.array_equal(rich.price, card.price)
    assert rich.lender_loss <= card.lender_loss
    # without an outage, neither top-ups nor the grace period can act
    calm = replace(s, outage_hours=0)
    a, b = c.run(calm, p), c.run(replace(calm, topup_share=1.0 - calm.topup_share), replace(p, grace_hours=0))
    assert np.array_equal(a.price, b.price) and a.bad_debt == b.bad_debt and a.collateral_topped_up == 0


@settings(max_examples=80, deadline=None)
@given(s=scenarios, p=parameters)
def test_v33_only_adds_full_liquidations(s, p):
    """v3.3 changes only which positions are closed in full: with a full close factor it is v3.0 exactly, and
    in the first hour with liquidations (the same state under both) it never repays less than v3.0."""
    from dataclasses import replace

    full30, full33 = (c.run(s, replace(p, close_factor=1.0, rules=r)) for r in ("v3.0", "v3.3"))
    assert np.array_equal(full30.price, full33.price) and np.array_equal(full30.liquidated_debt, full33.liquidated_debt)
    assert full30.bad_debt == full33.bad_debt
    a, b = (c.run(s, replace(p, rules=r)) for r in ("v3.0", "v3.3"))
    busy = np.flatnonzero((a.liquidated_debt > 0) | (b.liquidated_debt > 0))
    if busy.size:
        assert np.array_equal(a.price[: busy[0] + 1], b.price[: busy[0] + 1])
        assert b.liquidated_debt[busy[0]] >= a.liquidated_debt[busy[0]] * (1 - 1e-12)


def test_the_invariants_can_fail():
    """The conservation checks are not vacuous: a scorecard with a dollar of debt missing fails them."""
    from dataclasses import replace

    s, p = c.SCENARIOS["Black Thursday"], c.Parameters(rules="v3.3")
    card = c.run(s, p)
    assert card.liquidated_debt.sum() > 0 and card.bad_debt > 0 and card.collateral_sold > 0
    broken = replace(card, debt_open=card.debt_open + 1.0)
    assert broken.liquidated_debt.sum() + broken.bad_debt - broken.open_shortfall + broken.debt_open != pytest.approx(
        broken.loans, rel=1e-12, abs=1e-6
    )
