"""The capstone composition: accounting identities, monotone responses, determinism, speed-independent checks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import capstone as c

SCEN = list(c.SCENARIOS.values())


@settings(max_examples=40, deadline=None)
@given(i=st.integers(0, 2), lt=st.floats(0.6, 0.9), bonus=st.floats(1.0, 1.15), close=st.floats(0.1, 1.0),
       grace=st.integers(0, 8), throttle=st.floats(0.1e6, 10e6), insurance=st.floats(0.0, 2e6))
def test_scorecard_accounting(i, lt, bonus, close, grace, throttle, insurance):
    card = c.run(SCEN[i], c.Parameters(lt, bonus, close, grace, throttle, insurance))
    # the backstop order: the insurance fund pays first, lenders the rest
    assert card.insurance_used == pytest.approx(min(card.bad_debt, insurance))
    assert card.lender_loss == pytest.approx(card.bad_debt - card.insurance_used)
    assert card.borrower_penalties >= 0 and 0 <= card.lp_depth_lost < 1
    assert np.all(card.liquidated_debt <= throttle * (1 + 1e-9))           # the throttle holds every hour
    assert card.fund_defaults == (card.creditor_loss > 0)
    assert np.all(np.isfinite(card.price)) and card.price[0] == c.PRICE0
    losses = card.losses()
    assert set(losses) == {"borrowers", "insurance fund", "lenders", "creditors of the fund"}


def test_the_outage_freezes_liquidations():
    sc = c.SCENARIOS["Outage in a crash"]
    card = c.run(sc, c.Parameters(grace_hours=0))
    down = range(sc.outage_start, sc.outage_start + sc.outage_hours)
    assert all(card.liquidated_debt[h] == 0 for h in down)
    assert card.liquidated_debt[sc.outage_start + sc.outage_hours:].sum() > 0


def test_insurance_moves_losses_not_liquidations():
    sc = c.SCENARIOS["Black Thursday"]
    small, big = c.run(sc, c.Parameters(throttle=0.5e6)), c.run(sc, c.Parameters(throttle=0.5e6, insurance=1e6))
    assert small.bad_debt == big.bad_debt and small.borrowers_liquidated == big.borrowers_liquidated
    assert big.lender_loss == 0 and small.lender_loss > 0 and small.fund_defaults and not big.fund_defaults


def test_determinism_and_validation():
    a = c.run(SCEN[0], c.Parameters())
    b = c.run(SCEN[0], c.Parameters())
    assert np.array_equal(a.price, b.price) and a.bad_debt == b.bad_debt
    with pytest.raises(TypeError, match="scenario"):
        c.run("Black Thursday", c.Parameters())
    with pytest.raises(TypeError, match="params"):
        c.run(SCEN[0], {"threshold": 0.8})
    with pytest.raises(ValueError, match="threshold"):
        c.Parameters(threshold=1.2)
    with pytest.raises(ValueError, match="gas_hours"):
        c.Scenario("x", 0.1, 0.0, 0, 0, 0.5, (30,), 1e6, 0.05, 0.1)


def test_declared_bounds():
    """A bool is not an hour; numpy hours are stored as ints; a pool too small to survive its first sales is refused."""
    args = ("x", 0.1, 0.0, 0, 0, 0.5)
    with pytest.raises(ValueError, match="gas_hours"):
        c.Scenario(*args, (True,), 1e6, 0.05, 0.1)
    assert c.Scenario(*args, [np.int64(3)], 1e6, 0.05, 0.1).gas_hours == (3,)
    with pytest.raises(ValueError, match="depth"):
        c.Scenario(*args, (), 1e-300, 0.05, 0.1)
    with pytest.raises(ValueError, match="lp_exit"):
        c.Scenario(*args, (), 1e6, 0.05, 0.99)
    with pytest.raises(ValueError, match="borrowers"):
        c.Scenario(*args, (), 1e6, 0.05, 0.1, borrowers=10**6)
