"""The capstone composition: accounting identities, monotone responses, determinism, speed-independent checks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import capstone as c
from shared_defaults import default

SCEN = list(c.SCENARIOS.values())


@settings(max_examples=40, deadline=None)
@given(
    i=st.integers(0, 2),
    lt=st.floats(0.6, 0.9),
    bonus=st.floats(1.0, 1.15),
    close=st.floats(0.1, 1.0),
    grace=st.integers(0, 8),
    throttle=st.floats(0.1e6, 10e6),
    insurance=st.floats(0.0, 2e6),
)
def test_scorecard_accounting(i, lt, bonus, close, grace, throttle, insurance):
    card = c.run(SCEN[i], c.Parameters(lt, bonus, close, grace, throttle, insurance))
    # the backstop order: the insurance fund pays first, lenders the rest
    assert card.insurance_used == pytest.approx(min(card.bad_debt, insurance))
    assert card.lender_loss == pytest.approx(card.bad_debt - card.insurance_used)
    assert card.borrower_penalties >= 0 and 0 <= card.lp_depth_lost < 1
    assert np.all(card.liquidated_debt <= throttle * (1 + 1e-9))  # the throttle holds every hour
    assert card.fund_defaults == (card.creditor_loss > 0)
    assert np.all(np.isfinite(card.price)) and card.price[0] == c.PRICE0
    losses = card.losses()
    assert isinstance(losses, c.Losses) and (
        losses.borrowers,
        losses.insurance_fund,
        losses.lenders,
        losses.fund_creditors,
    ) == (card.borrower_penalties, card.insurance_used, card.lender_loss, card.creditor_loss)


def test_the_outage_freezes_liquidations():
    sc = c.SCENARIOS["Outage in a crash"]
    card = c.run(sc, c.Parameters(grace_hours=0))
    down = range(sc.outage_start, sc.outage_start + sc.outage_hours)
    assert all(card.liquidated_debt[h] == 0 for h in down)
    assert card.liquidated_debt[sc.outage_start + sc.outage_hours :].sum() > 0


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
    """A bool is not an hour; numpy hours are stored as ints; a pool too small to survive its first sales is
    refused.
    """
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


def _outside(s):
    """The outside price path ``run`` draws for ``s`` (its rng after the borrowers, in the same order)."""
    rng = np.random.default_rng(s.seed)
    rng.standard_normal(s.borrowers)
    rng.uniform(0.5, 0.97, s.borrowers)
    return (
        c.PRICE0
        * (1 - s.drop * np.linspace(0, 1, c.HOURS + 1) ** 0.7)
        * np.exp(np.concatenate([[0.0], np.cumsum(s.hourly_vol * rng.standard_normal(c.HOURS))]))
    )


def test_a_withdrawal_alone_never_moves_the_price():
    """LPs take their share of every reserve, the units sold into the pool included: an hour with a withdrawal and
    no
    sale leaves the pool's price where the outside price takes it (its ratio to the outside price is unchanged). The
    review's case: Leverage flush, full close factor, seed 1012 has no liquidation after hour 15; before the fix its
    price kept falling (669 -> 12) as each withdrawal set off the next."""
    from dataclasses import replace

    checked = 0
    for s, params in (
        (replace(c.SCENARIOS["Leverage flush"], seed=1012), c.Parameters(close_factor=1.0)),
        (c.SCENARIOS["Black Thursday"], c.Parameters()),
        (c.SCENARIOS["Leverage flush"], c.Parameters(rules="v3.3")),
        (replace(c.SCENARIOS["Black Thursday"], keeper_presence=0.3, lp_tolerance=0.02, lp_exit=0.5), c.Parameters()),
    ):
        card, out = c.run(s, params), _outside(s)
        ratio = card.price / out  # the pool's own impact, hour by hour
        assert ratio[0] == 1.0 and ratio[1] == pytest.approx(1.0, abs=1e-12)
        for h in range(1, c.HOURS):
            withdrew = abs(card.price[h] / card.price[h - 1] - 1) > s.lp_tolerance
            if withdrew and card.liquidated_debt[h] == 0:  # LPs left at hour h and nothing was sold
                assert ratio[h + 1] == pytest.approx(ratio[h], rel=1e-12), (s.name, s.seed, h)
                checked += 1
    assert checked >= 5
    flush = c.run(replace(c.SCENARIOS["Leverage flush"], seed=1012), c.Parameters(close_factor=1.0))
    assert (
        flush.liquidated_debt[16:].sum() == 0
        and flush.price[-1] > 0.45 * _outside(replace(c.SCENARIOS["Leverage flush"], seed=1012))[-1]
    )


def test_nothing_on_the_l2_moves_during_the_outage():
    """While the sequencer is down neither LPs (a withdrawal is an L2 transaction) nor arbitrageurs (a halted pool
    cannot be traded) act: the pool's impact stays as it was, whatever the outside price does."""
    from dataclasses import replace

    s = replace(
        c.SCENARIOS["Outage in a crash"],
        drop=0.45,
        hourly_vol=0.05,
        lp_tolerance=0.01,
        outage_start=10,
        outage_hours=6,
        arbitrage=0.05e6,
        outside_depth=320e6,
    )
    down = range(s.outage_start, s.outage_start + s.outage_hours)
    for scenario in (s, replace(s, outside_depth=0.0)):  # with and without an outside market
        card, out = c.run(scenario, c.Parameters()), _outside(scenario)
        assert card.liquidated_debt[1 : s.outage_start].sum() > 0  # sold into the pool before the outage
        ratio = card.price / out  # the impact the pool (and the outside market) carry
        assert ratio[s.outage_start] < 0.999
        assert all(ratio[h + 1] == pytest.approx(ratio[h], rel=1e-12) for h in down[:-1])
    moved = c.run(replace(s, outage_hours=0), c.Parameters())
    assert not np.allclose(moved.price[down.start : down.stop] / _outside(s)[down.start : down.stop], ratio[down.start])
    never = replace(s, outage_start=1, outage_hours=c.HOURS)  # down all day: the LPs never get to leave
    assert c.run(never, c.Parameters()).lp_depth_lost == 0.0
    assert c.run(replace(never, outage_hours=0), c.Parameters()).lp_depth_lost > 0


def test_capstone_lab_shares_the_models_constants() -> None:
    """labs.capstone's fund share is capstone.run's default."""

    from coordlab.labs import capstone as lab
    from coordlab.models import capstone as m

    assert lab.FUND_SHARE is m.FUND_SHARE == default(m.run, "fund_share") == 0.3
