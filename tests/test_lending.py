"""Lending parameters in contract arithmetic (Aave v3.0, Compound v2, Morpho Blue, Maker dss) and the sandbox."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordlab.models import cascade, lending
from coordlab.models.lending import RAY, WAD

# Aave's test strategy (rateStrategyStableTwo) and strategyDAI's reserve factor, from aave-v3-core's test suite
STABLE_TWO = dict(optimal=8 * RAY // 10, base=0, slope1=4 * RAY // 100, slope2=75 * RAY // 100)
RF = 1000


def test_aave_rate_strategy_spec_vectors():
    """The exact equalities of aave-v3-core test-suites/rate-strategy.spec.ts (variable debt, no unbacked)."""
    # 0% usage, empty reserve: liquidity 0, variable = base
    assert lending.aave_rates(0, 0, **STABLE_TWO, reserve_factor=RF) == (0, 0)
    # 80% usage: variable = base + slope1; liquidity = variable.percentMul(8000).percentMul(1e4 - RF)
    liq, var = lending.aave_rates(2 * 10**17, 8 * 10**17, **STABLE_TWO, reserve_factor=RF)
    assert var == 4 * RAY // 100
    assert liq == lending.percent_mul(lending.percent_mul(var, 8000), 10_000 - RF)
    # 100% usage: variable = base + slope1 + slope2; liquidity = variable.percentMul(1e4 - RF)
    liq, var = lending.aave_rates(0, 10**18, **STABLE_TWO, reserve_factor=RF)
    assert var == 79 * RAY // 100 and liq == lending.percent_mul(var, 10_000 - RF)
    # 0.8% usage: variable = base + slope1.rayMul(usage.rayDiv(optimal)); liquidity = variable.percentMul(80)...
    liq, var = lending.aave_rates(9920 * 10**18, 80 * 10**18, **STABLE_TWO, reserve_factor=RF)
    usage = lending.percent_mul(RAY, 80)
    assert var == lending.ray_mul(STABLE_TWO["slope1"], lending.ray_div(usage, STABLE_TWO["optimal"]))
    assert liq == lending.percent_mul(lending.percent_mul(var, 80), 10_000 - RF)


@given(debt=st.integers(0, 10**24), available=st.integers(0, 10**24))
def test_aave_rates_match_the_closed_form(debt, available):
    if debt + available == 0:
        return
    liq, var = lending.aave_rates(available, debt, **STABLE_TWO, reserve_factor=RF)
    u = debt / (debt + available)
    closed = 0.04 * u / 0.8 if u <= 0.8 else 0.04 + 0.75 * (u - 0.8) / 0.2
    assert var / RAY == pytest.approx(closed, abs=1e-12)
    assert liq / RAY == pytest.approx(closed * u * 0.9, abs=1e-12)


def test_compound_jump_rate_model():
    """BaseJumpRateModelV2: the multiplier per year is the rate at the kink; above it the jump applies."""
    kw = dict(base_per_year=2 * 10**16, multiplier_per_year=5 * 10**16, jump_per_year=109 * 10**16, kink=8 * 10**17,
              reserve_factor=10**17)
    per_year = lending.BLOCKS_PER_YEAR / WAD
    for borrows, expected in ((50, 0.02 + 0.05 * 0.5 / 0.8), (80, 0.07), (90, 0.07 + 1.09 * 0.1)):
        util, borrow, supply = lending.compound_rates(cash=(100 - borrows) * WAD, borrows=borrows * WAD, reserves=0, **kw)
        assert util == borrows * 10**16
        assert borrow * per_year == pytest.approx(expected, rel=1e-6)
        assert supply == util * (borrow * (WAD - 10**17) // WAD) // WAD
    assert lending.compound_rates(WAD, 0, 0, **kw)[0] == 0
    # reserves reduce the denominator: cash + borrows - reserves
    assert lending.compound_rates(40 * WAD, 60 * WAD, 20 * WAD, **kw)[0] == 60 * WAD * WAD // (80 * WAD)
    with pytest.raises(ValueError, match="reserves"):
        lending.compound_rates(0, WAD, 2 * WAD, **kw)


def test_health_factor_and_close_factor():
    assert lending.health_factor([1000 * 10**8], [8000], 800 * 10**8) == WAD
    # weighted threshold: (1000 x 80% + 500 x 50%) / 700 = 1.5
    assert lending.health_factor([1000 * 10**8, 500 * 10**8], [8000, 5000], 700 * 10**8) == 15 * 10**17
    assert lending.health_factor([10**8], [8000], 0) == 2**256 - 1
    assert lending.aave_close_factor(95 * 10**16 + 1) == 5000 and lending.aave_close_factor(95 * 10**16) == 10_000


def test_aave_liquidation_branches():
    base = dict(collateral_price=1000 * 10**8, debt_price=10**8, collateral_decimals=18, debt_decimals=6)
    # HF 0.99: close factor 50% caps the repayment; collateral = 500 USD x 1.05 of ETH at 1000
    r = lending.aave_liquidation(10**30, 1000 * 10**6, 2 * 10**18, 99 * 10**16, bonus_bps=10500, **base)
    assert r["debt_repaid"] == 500 * 10**6 and r["collateral_seized"] == 525 * 10**15
    # protocol fee 10% of the bonus part (0.025 ETH) = 0.0025 ETH
    f = lending.aave_liquidation(10**30, 1000 * 10**6, 2 * 10**18, 99 * 10**16, bonus_bps=10500, protocol_fee_bps=1000,
                                 **base)
    assert f["protocol_fee"] == 25 * 10**14 and f["collateral_to_liquidator"] == 5225 * 10**14
    # HF below 0.95: 100%; collateral short: all of it, debt repaid = value / bonus
    r = lending.aave_liquidation(10**30, 1000 * 10**6, 10**18, 9 * 10**17, bonus_bps=10500, **base)
    assert r["collateral_seized"] == 10**18 and r["debt_repaid"] == round(1000 * 10**6 / 1.05)
    with pytest.raises(ValueError, match="hf"):
        lending.aave_liquidation(1, 1, 1, WAD, bonus_bps=10500, **base)


def test_morpho_lif():
    """ConstantsLib: cursor 0.3, cap 1.15; the cap binds below LLTV = 1 - (1 - 1/1.15)/0.3 (about 56.5%)."""
    for lltv in (0.5, 0.625, 0.77, 0.86, 0.915, 0.945, 0.98):
        assert lending.morpho_lif(int(lltv * 10**18)) / 1e18 == pytest.approx(min(1.15, 1 / (1 - 0.3 * (1 - lltv))),
                                                                              abs=1e-15)
    edge = 1 - (1 - 1 / 1.15) / 0.3
    assert lending.morpho_lif(int((edge - 0.001) * 1e18)) == 115 * 10**16
    assert lending.morpho_lif(int((edge + 0.001) * 1e18)) < 115 * 10**16
    assert lending.morpho_lif(86 * 10**16) == WAD * WAD // (WAD - 3 * 10**17 * 14 * 10**16 // WAD)


def test_maker_bark_throttles_and_dust():
    RAD = 10**45
    kw = dict(rate=RAY, chop=113 * 10**16, Hole=10**9 * RAD, Dirt=0, dust=5 * RAD)
    whole = lending.maker_bark(art=10 * WAD, hole=10**6 * RAD, dirt=0, **kw)
    assert whole["dart"] == 10 * WAD and not whole["partial"] and whole["tab"] == 10 * RAY * 113 * 10**16 // WAD * WAD
    part = lending.maker_bark(art=100 * WAD, hole=50 * RAD, dirt=0, **kw)
    assert part["partial"] and part["dart"] == 50 * RAD * WAD // RAY // (113 * 10**16)
    assert part["tab"] <= 50 * RAD                                  # the tab fits in the room
    dusty_leftover = lending.maker_bark(art=46 * WAD, hole=50 * RAD, dirt=0, **kw)   # 46 - 44.25 < 5 dust
    assert dusty_leftover["dart"] == 46 * WAD
    with pytest.raises(ValueError, match="liquidation-limit-hit"):
        lending.maker_bark(art=10 * WAD, hole=50 * RAD, dirt=50 * RAD, **kw)
    with pytest.raises(ValueError, match="dusty-auction"):
        lending.maker_bark(art=100 * WAD, hole=4 * RAD, dirt=0, **kw)
    assert lending.keeper_incentive(10**6 * RAD, 300 * RAD, 10**15) == 1300 * RAD


def test_cover_deficit_order_and_conservation():
    r = lending.cover_deficit(5.0, 2.0, [4.0, 1.0, 2.0], [2.0, 20.0, 5.0])
    assert r["from_fund"] == 2.0 and r["adl"].tolist() == [0.0, 1.0, 2.0] and r["uncovered"] == 0.0
    r = lending.cover_deficit(10.0, 1.0, [4.0, -3.0, 2.0], [2.0, 50.0, 5.0])
    assert r["adl"].tolist() == [4.0, 0.0, 2.0] and r["uncovered"] == 3.0       # losers are never deleveraged
    assert r["from_fund"] + r["adl_total"] + r["uncovered"] == 10.0
    assert lending.cover_deficit(1.0, 5.0, [1.0], [1.0])["fund_left"] == 4.0


def test_market_validation():
    with pytest.raises(ValueError, match="collateral and debt"):
        lending.LendingMarket(np.ones(3), np.ones(2), 0.8, 1.05)
    with pytest.raises(ValueError, match="threshold"):
        lending.LendingMarket(np.ones(2), np.ones(2), 1.0, 1.05)
    with pytest.raises(TypeError, match="markets"):
        lending.shared_collateral_crash(["A"], cascade.Market(1.0, 1.0), 0.0)
    a = lending.LendingMarket.synthetic(10, 0.8, 1.05, name="A")
    with pytest.raises(ValueError, match="distinct names"):
        lending.shared_collateral_crash([a, a], cascade.Market(1.0, 1.0), 0.0)


def test_sandbox_accounting_and_spillover():
    pool = cascade.Market.from_depth(2000.0, 600e6)
    a = lending.LendingMarket.synthetic(2000, 0.80, 1.05, seed=1, name="A")
    shock = float(pool.sale_to_reach(1800.0))
    synced = lending.shared_collateral_crash([a, lending.LendingMarket.synthetic(2000, 0.80, 1.05, seed=2, name="B")],
                                             pool, shock)
    loose = lending.shared_collateral_crash([a, lending.LendingMarket.synthetic(2000, 0.90, 1.08, seed=2, name="B")],
                                            pool, shock)
    # B's looser terms hurt A: more of A's borrowers liquidated, more penalties, a lower price
    assert loose.liquidated["A"] > synced.liquidated["A"] and loose.penalties["A"] > synced.penalties["A"]
    assert loose.final_price < synced.final_price
    # every seized unit was sold into the pool: without a fee, the path does not matter
    flat = cascade.Market.from_depth(2000.0, 600e6, fee=0.0)
    out = lending.shared_collateral_crash([a], flat, shock)
    assert flat.price_after_sale(shock + out.seized["A"]) == pytest.approx(out.final_price, rel=1e-9)
    # penalties are the bonus: seized value minus repaid debt, never negative
    assert all(p >= 0 for p in loose.penalties.values())
    # a market whose LT x bonus < 1 and no price gap never has bad debt in a tiny shock
    tiny = lending.shared_collateral_crash([a], pool, float(pool.sale_to_reach(1990.0)))
    assert tiny.bad_debt["A"] == 0.0


@given(drop=st.floats(0.01, 0.5), lt=st.floats(0.5, 0.95), bonus=st.floats(1.0, 1.15))
def test_sandbox_conserves_debt(drop, lt, bonus):
    """Debt is only repaid, written off as bad debt, or still owed: nothing appears or vanishes."""
    pool = cascade.Market.from_depth(2000.0, 300e6)
    m = lending.LendingMarket.synthetic(200, lt, bonus, seed=3, name="M")
    out = lending.shared_collateral_crash([m], pool, float(pool.sale_to_reach(2000.0 * (1 - drop))))
    assert out.repaid["M"] + out.bad_debt["M"] <= m.debt.sum() * (1 + 1e-12)
    assert out.seized["M"] <= m.collateral.sum() * (1 + 1e-12)
    assert np.all(np.diff(out.prices) <= 0) and math.isfinite(out.final_price)


def test_regression_errors_name_the_callers_parameters():
    """Internal helpers' names ("b must be ...", "value must be ...") and bare reverts named no parameter."""
    with pytest.raises(ValueError, match="available"):
        lending.aave_rates(2**256 - 1, 2**256 - 1, **STABLE_TWO, reserve_factor=RF)   # their sum overflows a uint256
    big = lending.aave_liquidation(debt_to_cover=10**30, user_debt=10**30, user_collateral=10**18, hf=9 * 10**17,
                                   collateral_price=1, debt_price=2**256 - 1, collateral_decimals=0, debt_decimals=0,
                                   bonus_bps=10500)
    assert big["collateral_seized"] == 10**18
    with pytest.raises(ValueError, match="Hole and hole"):
        lending.maker_bark(art=WAD, rate=RAY, chop=WAD, Hole=3, Dirt=0, hole=3, dirt=0, dust=0)
    with pytest.raises(TypeError, match="collateral_base"):
        lending.health_factor(np.array(0.5), [8000], 10**8)
    with pytest.raises(ValueError, match="collateral_base"):
        lending.health_factor([], [], 10**8)
    assert lending.health_factor(np.array([1000 * 10**8]), (8000,), 800 * 10**8) == WAD


def test_sandbox_pool_may_leave_the_bounds_a_caller_may_build():
    """The shock and the liquidators' sales may take the pool past 1e15 units: prices stay finite."""
    m = lending.LendingMarket.synthetic(10, 0.8, 1.05, name="A")
    out = lending.shared_collateral_crash(m, cascade.Market.from_depth(2000.0, 1e6), shock=1e15)
    assert np.all(np.isfinite(out.prices)) and out.liquidated["A"] == 10
    with pytest.raises(ValueError, match="name"):
        lending.LendingMarket(np.ones(2), np.ones(2), 0.8, 1.05, name="x" * 101)
