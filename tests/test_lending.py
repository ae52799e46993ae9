"""Lending parameters in contract arithmetic (Aave v3.0, Compound v2, Morpho Blue, Maker dss) and the sandbox."""

from __future__ import annotations

import math
from dataclasses import astuple

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordlab.models import amm, backstop, lending, lending_contracts
from coordlab.models.lending_contracts import RAY, WAD
from shared_defaults import default

# Aave's test strategy (rateStrategyStableTwo) and strategyDAI's reserve factor, from aave-v3-core's test suite
STABLE_TWO = dict(optimal=8 * RAY // 10, base=0, slope1=4 * RAY // 100, slope2=75 * RAY // 100)
RF = 1000


def test_aave_rate_strategy_spec_vectors():
    """The exact equalities of aave-v3-core test-suites/rate-strategy.spec.ts (variable debt, no unbacked)."""
    # 0% usage, empty reserve: liquidity 0, variable = base
    assert lending_contracts.aave_rates_ray(0, 0, **STABLE_TWO, reserve_factor_bps=RF) == lending_contracts.AaveRates(
        0, 0
    )
    # 80% usage: variable = base + slope1; liquidity = variable.percentMul(8000).percentMul(1e4 - RF)
    liq, var = astuple(lending_contracts.aave_rates_ray(2 * 10**17, 8 * 10**17, **STABLE_TWO, reserve_factor_bps=RF))
    assert var == 4 * RAY // 100
    assert liq == lending_contracts.percent_mul(lending_contracts.percent_mul(var, 8000), 10_000 - RF)
    # 100% usage: variable = base + slope1 + slope2; liquidity = variable.percentMul(1e4 - RF)
    liq, var = astuple(lending_contracts.aave_rates_ray(0, 10**18, **STABLE_TWO, reserve_factor_bps=RF))
    assert var == 79 * RAY // 100 and liq == lending_contracts.percent_mul(var, 10_000 - RF)
    # 0.8% usage: variable = base + slope1.rayMul(usage.rayDiv(optimal)); liquidity = variable.percentMul(80)...
    liq, var = astuple(
        lending_contracts.aave_rates_ray(9920 * 10**18, 80 * 10**18, **STABLE_TWO, reserve_factor_bps=RF)
    )
    usage = lending_contracts.percent_mul(RAY, 80)
    assert var == lending_contracts.ray_mul(
        STABLE_TWO["slope1"], lending_contracts.ray_div(usage, STABLE_TWO["optimal"])
    )
    assert liq == lending_contracts.percent_mul(lending_contracts.percent_mul(var, 80), 10_000 - RF)


@given(debt=st.integers(0, 10**24), available=st.integers(0, 10**24))
def test_aave_rates_match_the_closed_form(debt, available):
    if debt + available == 0:
        return
    liq, var = astuple(lending_contracts.aave_rates_ray(available, debt, **STABLE_TWO, reserve_factor_bps=RF))
    u = debt / (debt + available)
    closed = 0.04 * u / 0.8 if u <= 0.8 else 0.04 + 0.75 * (u - 0.8) / 0.2
    assert var / RAY == pytest.approx(closed, abs=1e-12)
    assert liq / RAY == pytest.approx(closed * u * 0.9, abs=1e-12)


def test_compound_jump_rate_model():
    """BaseJumpRateModelV2: the multiplier per year is the rate at the kink; above it the jump applies."""
    kw = dict(
        base_per_year=2 * 10**16,
        multiplier_per_year=5 * 10**16,
        jump_per_year=109 * 10**16,
        kink=8 * 10**17,
        reserve_factor_mantissa=10**17,
    )
    per_year = lending_contracts.BLOCKS_PER_YEAR / WAD
    for borrows, expected in ((50, 0.02 + 0.05 * 0.5 / 0.8), (80, 0.07), (90, 0.07 + 1.09 * 0.1)):
        r = lending_contracts.compound_rates_mantissa(
            cash=(100 - borrows) * WAD, borrows=borrows * WAD, reserves=0, **kw
        )
        util, borrow, supply = r.utilization, r.borrow_rate_per_block, r.supply_rate_per_block
        assert util == borrows * 10**16
        assert borrow * per_year == pytest.approx(expected, rel=1e-6)
        assert supply == util * (borrow * (WAD - 10**17) // WAD) // WAD
    assert lending_contracts.compound_rates_mantissa(WAD, 0, 0, **kw).utilization == 0
    # reserves reduce the denominator: cash + borrows - reserves
    assert lending_contracts.compound_rates_mantissa(
        40 * WAD, 60 * WAD, 20 * WAD, **kw
    ).utilization == 60 * WAD * WAD // (80 * WAD)
    with pytest.raises(ValueError, match="reserves"):
        lending_contracts.compound_rates_mantissa(0, WAD, 2 * WAD, **kw)


def test_health_factor_and_close_factor():
    assert lending_contracts.health_factor_wad([1000 * 10**8], [8000], 800 * 10**8) == WAD
    # weighted threshold: (1000 x 80% + 500 x 50%) / 700 = 1.5
    assert lending_contracts.health_factor_wad([1000 * 10**8, 500 * 10**8], [8000, 5000], 700 * 10**8) == 15 * 10**17
    assert lending_contracts.health_factor_wad([10**8], [8000], 0) == 2**256 - 1
    assert (
        lending_contracts.aave_close_factor_bps(95 * 10**16 + 1) == 5000
        and lending_contracts.aave_close_factor_bps(95 * 10**16) == 10_000
    )


def test_aave_liquidation_branches():
    base = dict(collateral_price=1000 * 10**8, debt_price=10**8, collateral_decimals=18, debt_decimals=6)
    # HF 0.99: close factor 50% caps the repayment; collateral = 500 USD x 1.05 of ETH at 1000
    # HF 0.99 (2,000 USD of ETH x LT 49.5% / 1,000 USD): close factor 50% caps the repayment;
    # collateral = 500 USD x 1.05 of ETH at 1000
    r = lending_contracts.aave_liquidation(10**30, 1000 * 10**6, 2 * 10**18, 4950, bonus_bps=10500, **base)
    assert r.debt_repaid == 500 * 10**6 and r.collateral_seized == 525 * 10**15
    assert (
        r.health_factor_wad == 99 * 10**16
        and r.close_factor_bps == 5000
        and r.max_debt == 500 * 10**6
        and r.deficit == 0
    )
    # protocol fee 10% of the bonus part (0.025 ETH) = 0.0025 ETH
    f = lending_contracts.aave_liquidation(
        10**30, 1000 * 10**6, 2 * 10**18, 4950, bonus_bps=10500, protocol_fee_bps=1000, **base
    )
    assert f.protocol_fee == 25 * 10**14 and f.collateral_to_liquidator == 5225 * 10**14
    # HF 0.9, below 0.95: 100%; collateral short: all of it, debt repaid = value / bonus
    r = lending_contracts.aave_liquidation(10**30, 1000 * 10**6, 10**18, 9000, bonus_bps=10500, **base)
    assert (
        r.collateral_seized == 10**18 and r.debt_repaid == round(1000 * 10**6 / 1.05) and r.close_factor_bps == 10_000
    )
    # a healthy position (HF 1.6) reverts, naming the threshold and the health factor
    with pytest.raises(
        ValueError,
        match=r"^threshold_bps=8000 gives the position a health factor of 1\.6 .*"
        r"HEALTH_FACTOR_NOT_BELOW_THRESHOLD",
    ):
        lending_contracts.aave_liquidation(1, 1000 * 10**6, 2 * 10**18, 8000, bonus_bps=10500, **base)


def test_aave_liquidation_health_factor_comes_from_the_amounts():
    """Regression (issue 17): the health factor was an argument, never checked against the amounts, and the close
    factor applied was not returned. Now HF = collateral x LT / debt (GenericLogic) and the close factor is in the
    result; at HF exactly 0.95 it is 100% (LiquidationLogic: 50% only while HF > CLOSE_FACTOR_HF_THRESHOLD)."""
    base = dict(
        collateral_price=2000 * 10**8, debt_price=10**8, collateral_decimals=18, debt_decimals=6, bonus_bps=10500
    )
    for lt, hf, close in (
        (7938, 98 * 10**16, 5000),
        (7695, 95 * 10**16, 10_000),
        (7000, 864_197_530_864_197_531, 10_000),
    ):
        r = lending_contracts.aave_liquidation(10**30, 16_200 * 10**6, 10 * 10**18, lt, **base)
        assert r.health_factor_wad == hf == lending_contracts.health_factor_wad([20_000 * 10**8], [lt], 16_200 * 10**8)
        assert r.close_factor_bps == close == lending_contracts.aave_close_factor_bps(hf)
        assert r.max_debt == 16_200 * 10**6 * close // 10_000
    with pytest.raises(ValueError, match="HEALTH_FACTOR_NOT_BELOW_THRESHOLD"):
        lending_contracts.aave_liquidation(10**30, 16_200 * 10**6, 10 * 10**18, 8100, **base)  # HF exactly 1
    with pytest.raises(ValueError, match="threshold_bps"):
        lending_contracts.aave_liquidation(
            10**30, 16_200 * 10**6, 10 * 10**18, 9 * 10**17, **base
        )  # an HF passed as before


def test_morpho_lif():
    """ConstantsLib: cursor 0.3, cap 1.15; the cap binds below LLTV = 1 - (1 - 1/1.15)/0.3 (about 56.5%)."""
    for lltv in (0.5, 0.625, 0.77, 0.86, 0.915, 0.945, 0.98):
        assert lending_contracts.morpho_lif_wad(int(lltv * 10**18)) / 1e18 == pytest.approx(
            min(1.15, 1 / (1 - 0.3 * (1 - lltv))), abs=1e-15
        )
    edge = 1 - (1 - 1 / 1.15) / 0.3
    assert lending_contracts.morpho_lif_wad(int((edge - 0.001) * 1e18)) == 115 * 10**16
    assert lending_contracts.morpho_lif_wad(int((edge + 0.001) * 1e18)) < 115 * 10**16
    assert lending_contracts.morpho_lif_wad(86 * 10**16) == WAD * WAD // (WAD - 3 * 10**17 * 14 * 10**16 // WAD)


def test_maker_bark_throttles_and_dust():
    RAD = 10**45
    kw = dict(rate=RAY, chop_wad=113 * 10**16, Hole=10**9 * RAD, Dirt=0, dust=5 * RAD)
    whole = lending_contracts.maker_bark(art=10 * WAD, hole=10**6 * RAD, dirt=0, **kw)
    assert isinstance(whole, lending_contracts.Bark)
    assert whole.dart == 10 * WAD and not whole.partial and whole.tab == 10 * RAY * 113 * 10**16 // WAD * WAD
    part = lending_contracts.maker_bark(art=100 * WAD, hole=50 * RAD, dirt=0, **kw)
    assert part.partial and part.dart == 50 * RAD * WAD // RAY // (113 * 10**16)
    assert part.tab <= 50 * RAD  # the tab fits in the room
    dusty_leftover = lending_contracts.maker_bark(art=46 * WAD, hole=50 * RAD, dirt=0, **kw)  # 46 - 44.25 < 5 dust
    assert dusty_leftover.dart == 46 * WAD
    with pytest.raises(ValueError, match="liquidation-limit-hit"):
        lending_contracts.maker_bark(art=10 * WAD, hole=50 * RAD, dirt=50 * RAD, **kw)
    with pytest.raises(ValueError, match="dusty-auction"):
        lending_contracts.maker_bark(art=100 * WAD, hole=4 * RAD, dirt=0, **kw)
    assert lending_contracts.keeper_incentive(10**6 * RAD, 300 * RAD, 10**15) == 1300 * RAD


def test_cover_deficit_order_and_conservation():
    r = backstop.cover_deficit(5.0, 2.0, [4.0, 1.0, 2.0], [2.0, 20.0, 5.0])
    assert isinstance(r, backstop.DeficitCover)
    assert r.from_fund == 2.0 and r.adl.tolist() == [0.0, 1.0, 2.0] and r.uncovered == 0.0
    r = backstop.cover_deficit(10.0, 1.0, [4.0, -3.0, 2.0], [2.0, 50.0, 5.0])
    assert r.adl.tolist() == [4.0, 0.0, 2.0] and r.uncovered == 3.0  # losers are never deleveraged
    assert r.from_fund + r.adl_total + r.uncovered == 10.0
    assert backstop.cover_deficit(1.0, 5.0, [1.0], [1.0]).fund_left == 4.0


def test_market_validation():
    with pytest.raises(ValueError, match="collateral and debt"):
        lending.LendingMarket(np.ones(3), np.ones(2), 0.8, 1.05)
    with pytest.raises(ValueError, match="threshold"):
        lending.LendingMarket(np.ones(2), np.ones(2), 1.0, 1.05)
    with pytest.raises(TypeError, match="markets"):
        lending.shared_collateral_crash(["A"], amm.ConstantProductPool(1.0, 1.0), 0.0)
    a = lending.LendingMarket.synthetic(10, 0.8, 1.05, name="A")
    with pytest.raises(ValueError, match="distinct names"):
        lending.shared_collateral_crash([a, a], amm.ConstantProductPool(1.0, 1.0), 0.0)


def test_sandbox_accounting_and_spillover():
    pool = amm.ConstantProductPool.from_depth(2000.0, 600e6)
    a = lending.LendingMarket.synthetic(2000, 0.80, 1.05, seed=1, name="A")
    shock = float(pool.sale_to_reach(1800.0))
    synced = lending.shared_collateral_crash(
        [a, lending.LendingMarket.synthetic(2000, 0.80, 1.05, seed=2, name="B")], pool, shock
    )
    loose = lending.shared_collateral_crash(
        [a, lending.LendingMarket.synthetic(2000, 0.90, 1.08, seed=2, name="B")], pool, shock
    )
    # B's looser terms hurt A: more of A's borrowers liquidated, more penalties, a lower price
    assert loose.liquidated["A"] > synced.liquidated["A"] and loose.penalties["A"] > synced.penalties["A"]
    assert loose.final_price < synced.final_price
    # every seized unit was sold into the pool: without a fee, the path does not matter
    flat = amm.ConstantProductPool.from_depth(2000.0, 600e6, fee=0.0)
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
    pool = amm.ConstantProductPool.from_depth(2000.0, 300e6)
    m = lending.LendingMarket.synthetic(200, lt, bonus, seed=3, name="M")
    out = lending.shared_collateral_crash([m], pool, float(pool.sale_to_reach(2000.0 * (1 - drop))))
    assert out.repaid["M"] + out.bad_debt["M"] <= m.debt.sum() * (1 + 1e-12)
    assert out.seized["M"] <= m.collateral.sum() * (1 + 1e-12)
    assert np.all(np.diff(out.prices) <= 0) and math.isfinite(out.final_price)


def test_regression_errors_name_the_callers_parameters():
    """Internal helpers' names ("b must be ...", "value must be ...") and bare reverts named no parameter."""
    with pytest.raises(ValueError, match="available"):
        lending_contracts.aave_rates_ray(
            2**256 - 1, 2**256 - 1, **STABLE_TWO, reserve_factor_bps=RF
        )  # their sum overflows a uint256
    big = lending_contracts.aave_liquidation(
        debt_to_cover=10**30,
        user_debt=10**30,
        user_collateral=10**18,
        threshold_bps=9000,
        collateral_price=1,
        debt_price=2**256 - 1,
        collateral_decimals=0,
        debt_decimals=0,
        bonus_bps=10500,
    )
    assert big.collateral_seized == 10**18
    with pytest.raises(ValueError, match="Hole and hole"):
        lending_contracts.maker_bark(art=WAD, rate=RAY, chop_wad=WAD, Hole=3, Dirt=0, hole=3, dirt=0, dust=0)
    with pytest.raises(TypeError, match="collateral_base"):
        lending_contracts.health_factor_wad(np.array(0.5), [8000], 10**8)
    with pytest.raises(ValueError, match="collateral_base"):
        lending_contracts.health_factor_wad([], [], 10**8)
    assert lending_contracts.health_factor_wad(np.array([1000 * 10**8]), (8000,), 800 * 10**8) == WAD


def test_sandbox_pool_may_leave_the_bounds_a_caller_may_build():
    """The shock and the liquidators' sales may take the pool past 1e15 units: prices stay finite."""
    m = lending.LendingMarket.synthetic(10, 0.8, 1.05, name="A")
    out = lending.shared_collateral_crash(m, amm.ConstantProductPool.from_depth(2000.0, 1e6), shock=1e15)
    assert np.all(np.isfinite(out.prices)) and out.liquidated["A"] == 10
    with pytest.raises(ValueError, match="name"):
        lending.LendingMarket(np.ones(2), np.ones(2), 0.8, 1.05, name="x" * 101)


V33 = dict(collateral_price=2000 * 10**8, debt_price=10**8, collateral_decimals=18, debt_decimals=6, bonus_bps=10500)


def test_aave_v33_close_factor_by_size_and_health():
    """aave-v3-origin v3.3.0 LiquidationLogic: 50% only if HF > 0.95 and reserve collateral and debt >= 2,000 USD."""
    assert (
        lending_contracts.MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD == 2000 * 10**8
        and lending_contracts.MIN_LEFTOVER_BASE == 1000 * 10**8
    )
    big = dict(user_debt=16_200 * 10**6, user_collateral=10 * 10**18)
    r = lending_contracts.aave_liquidation_v33(10**30, threshold_bps=7938, **big, **V33)  # HF 0.98
    assert r.max_debt == 8100 * 10**6 and r.close_factor_bps == 5000 and r.health_factor_wad == 98 * 10**16
    # at HF exactly 0.95 the close factor is already 100% (the comparison is strict, as in v3.0)
    r = lending_contracts.aave_liquidation_v33(10**30, threshold_bps=7695, **big, **V33)
    assert r.health_factor_wad == 95 * 10**16 and r.max_debt == 16_200 * 10**6 and r.close_factor_bps == 10_000
    # debt of exactly 2,000 USD is not "small": 50%; one unit less is: 100%
    at = dict(user_debt=2000 * 10**6, user_collateral=2 * 10**18, threshold_bps=4950)  # HF 0.99
    assert lending_contracts.aave_liquidation_v33(10**30, **at, **V33).max_debt == 1000 * 10**6
    below = {**at, "user_debt": 2000 * 10**6 - 1}
    assert lending_contracts.aave_liquidation_v33(10**30, **below, **V33).max_debt == 2000 * 10**6 - 1
    # the 50% is of the whole position's debt: a reserve holding a third of a 9,000 USD debt can be repaid in full
    third = lending_contracts.aave_liquidation_v33(
        10**30,
        user_debt=3000 * 10**6,
        user_collateral=5 * 10**18,
        threshold_bps=8910,
        total_debt_base=9000 * 10**8,
        total_collateral_base=10_000 * 10**8,
        **V33,
    )
    assert third.max_debt == 3000 * 10**6 and third.deficit == 0 and third.health_factor_wad == 99 * 10**16
    with pytest.raises(ValueError, match="total_debt_base"):
        lending_contracts.aave_liquidation_v33(
            1, user_debt=3000 * 10**6, user_collateral=10**18, threshold_bps=8000, total_debt_base=10**8, **V33
        )
    with pytest.raises(ValueError, match="HEALTH_FACTOR_NOT_BELOW_THRESHOLD"):  # HF 1.0 exactly
        lending_contracts.aave_liquidation_v33(10**30, threshold_bps=8100, **big, **V33)


def test_aave_v33_dust_rule_and_deficit():
    coll, debt = 15 * 10**17, 2600 * 10**6  # 3,000 USD of ETH, HF 0.923: close factor 100%
    hf = 8000  # LT 80%: HF = 3,000 x 0.8 / 2,600
    with pytest.raises(ValueError, match="MUST_NOT_LEAVE_DUST"):
        lending_contracts.aave_liquidation_v33(2000 * 10**6, debt, coll, hf, **V33)  # leaves 600 USD of debt
    assert lending_contracts.aave_liquidation_v33(1600 * 10**6, debt, coll, hf, **V33).debt_repaid == 1600 * 10**6
    # leaving less than 1,000 USD of collateral reverts too, with 1,050 USD of debt left: 1,950 x 1.05 of 3,000
    hf3 = 8000
    with pytest.raises(ValueError, match="952.50 USD of collateral"):
        lending_contracts.aave_liquidation_v33(1950 * 10**6, 3000 * 10**6, coll, hf3, **V33)
    full = lending_contracts.aave_liquidation_v33(10**30, debt, coll, hf, **V33)
    assert full.debt_repaid == debt and full.deficit == 0 and full.collateral_seized == 1365 * 10**15
    # all the collateral taken, debt left: burned into the deficit; with a fee the liquidator's share shrinks
    under = lending_contracts.aave_liquidation_v33(
        10**30, 1000 * 10**6, 10**18, 8000, 1000 * 10**8, 10**8, 18, 6, 10500, protocol_fee_bps=1000
    )
    assert under.debt_repaid + under.deficit == 1000 * 10**6 and under.deficit == 47_619_048
    assert under.collateral_to_liquidator + under.protocol_fee == under.collateral_seized == 10**18
    # v3.0 and v3.3 agree on what a large, partly liquidated position repays and seizes
    old = lending_contracts.aave_liquidation(10**30, 16_200 * 10**6, 10 * 10**18, 7938, protocol_fee_bps=1000, **V33)
    new = lending_contracts.aave_liquidation_v33(
        10**30, 16_200 * 10**6, 10 * 10**18, 7938, protocol_fee_bps=1000, **V33
    )
    assert (old.debt_repaid, old.collateral_seized, old.protocol_fee, old.close_factor_bps, old.health_factor_wad) == (
        new.debt_repaid,
        new.collateral_seized,
        new.protocol_fee,
        new.close_factor_bps,
        new.health_factor_wad,
    )


@given(debt=st.integers(1, 10**12), coll=st.integers(1, 10**21), lt=st.integers(0, 10**4), cover=st.integers(0, 10**13))
def test_aave_v33_never_creates_or_loses_debt(debt, coll, lt, cover):
    try:
        r = lending_contracts.aave_liquidation_v33(cover, debt, coll, lt, **V33)
    except ValueError as e:
        assert "MUST_NOT_LEAVE_DUST" in str(e) or "HEALTH_FACTOR_NOT_BELOW_THRESHOLD" in str(e)
        return
    assert r.health_factor_wad < WAD and r.close_factor_bps in (5000, 10_000)
    assert 0 <= r.debt_repaid <= min(cover, r.max_debt) or r.collateral_seized == coll
    assert r.debt_repaid + r.deficit <= debt and r.collateral_seized <= coll
    assert r.deficit == 0 or r.collateral_seized == coll


def test_auto_deleverage_ranking_follows_bitmex():
    """Ranking = PnL% x effective leverage (PnL% / effective leverage for a loser); closed at the bankruptcy price."""
    sizes, entries, margins = [10.0, 10.0, 10.0], [120.0, 110.0, 90.0], [120.0, 550.0, 300.0]
    r = backstop.auto_deleverage(5.0, 104.0, 100.0, 0.0, sizes, entries, margins)
    mark_value = [s * 100.0 for s in sizes]
    equity = [m + s * (e - 100.0) for s, e, m in zip(sizes, entries, margins)]
    pnl = [(e - 100.0) / e for e in entries]
    lev = [mv / eq for mv, eq in zip(mark_value, equity)]
    want = [p * x if p > 0 else p / x for p, x in zip(pnl, lev)]
    assert r.ranking.tolist() == pytest.approx(want)
    assert r.closed.tolist() == [5.0, 0.0, 0.0] and r.forgone.tolist() == [20.0, 0.0, 0.0]
    assert r.realised.tolist() == [80.0, 0.0, 0.0]  # 5 units booked at 104 against an entry of 120
    # the fund absorbs the gap first; positions run out: the rest is uncovered
    big = backstop.auto_deleverage(100.0, 104.0, 100.0, 40.0, sizes, entries, margins)
    assert big.from_fund == 40.0 and big.closed.tolist() == [10.0, 10.0, 10.0]
    assert big.from_fund + big.adl_total + big.uncovered == pytest.approx(400.0)
    # a bankruptcy price at or below the mark leaves nothing to cover; a short with no equity is never chosen
    assert backstop.auto_deleverage(5.0, 99.0, 100.0, 0.0, sizes, entries, margins).adl_total == 0.0
    broke = backstop.auto_deleverage(5.0, 104.0, 100.0, 0.0, [10.0], [50.0], [10.0])
    assert broke.ranking[0] == -np.inf and broke.uncovered == pytest.approx(20.0)
    with pytest.raises(ValueError, match="one length"):
        backstop.auto_deleverage(1.0, 2.0, 1.0, 0.0, [1.0], [1.0, 2.0], [1.0])


@given(q=st.floats(0.0, 1e6), gap=st.floats(0.01, 100.0), fund=st.floats(0.0, 1e6))
def test_auto_deleverage_conserves_the_deficit(q, gap, fund):
    r = backstop.auto_deleverage(
        q, 100.0 + gap, 100.0, fund, [1e4, 5e3, 2e4], [120.0, 140.0, 105.0], [6e5, 3.5e4, 4.2e5]
    )
    assert r.from_fund + r.adl_total + r.uncovered == pytest.approx(q * gap, rel=1e-9, abs=1e-6)
    assert np.all(r.closed <= np.array([1e4, 5e3, 2e4]) + 1e-9)


def test_sync_figure_fits_its_axes():
    from coordlab.plotting.lending import sync_figure

    fig = sync_figure([1800.0, 1635.0], [1800.0, 1707.0], [0.0, 0.47, 0.22, 1.27], [0.0, 0.35, 0.0, 0.37])
    lo, hi = fig.axes[0].get_ylim()
    assert 1600 < lo < 1635 and 1800 < hi < 1830 and fig.axes[1].get_xlim()[1] == pytest.approx(1.397)
    with pytest.raises(ValueError, match="four|4 costs"):
        sync_figure([1.0], [1.0], [0.0, 1.0], [0.0, 1.0])


def test_sandbox_v33_rules():
    """rules="v3.3": small borrowers closed in full, partial calls leave 1,000 USD of collateral; the default is
    v3.0.
    """
    pool = amm.ConstantProductPool.from_depth(2000.0, 600e6)
    # one small borrower (1 ETH, 1,620 USD owed) and one large (20 ETH, 32,400 owed), both at HF 0.987 after the shock
    m = lending.LendingMarket(np.array([1.0, 20.0]), np.array([1620.0, 32_400.0]), 0.80, 1.05, name="M")
    shock = float(pool.sale_to_reach(1999.0))
    old = lending.shared_collateral_crash(m, pool, shock, max_waves=1)
    new = lending.shared_collateral_crash(m, pool, shock, max_waves=1, rules="v3.3")
    assert old.repaid["M"] == pytest.approx(0.5 * 1620.0 + 0.5 * 32_400.0)
    assert new.repaid["M"] == pytest.approx(1620.0 + 0.5 * 32_400.0)
    assert lending.shared_collateral_crash(m, pool, shock, max_waves=1, rules="v3.0").repaid == old.repaid
    # a partial call that would leave under 1,000 USD of collateral repays less: 2,100 USD of ETH, 2,050 owed at LT 0.95
    tight = lending.LendingMarket(np.array([1.05]), np.array([2000.0 * 1.05 * 0.95 / 0.96]), 0.95, 1.15, name="T")
    out = lending.shared_collateral_crash(tight, pool, shock, max_waves=1, rules="v3.3")
    price = out.prices[0]
    assert out.repaid["T"] == pytest.approx((1.05 * price - 1000.0) / 1.15)
    with pytest.raises(ValueError, match="rules"):
        lending.shared_collateral_crash(m, pool, shock, rules="v3.1")


@given(drop=st.floats(0.01, 0.5), lt=st.floats(0.5, 0.95), bonus=st.floats(1.0, 1.15))
def test_sandbox_v33_conserves_debt(drop, lt, bonus):
    pool = amm.ConstantProductPool.from_depth(2000.0, 300e6)
    m = lending.LendingMarket.synthetic(200, lt, bonus, seed=3, name="M")
    out = lending.shared_collateral_crash([m], pool, float(pool.sale_to_reach(2000.0 * (1 - drop))), rules="v3.3")
    assert out.repaid["M"] + out.bad_debt["M"] <= m.debt.sum() * (1 + 1e-12)
    assert out.seized["M"] <= m.collateral.sum() * (1 + 1e-12) and all(v >= -1e-6 for v in out.penalties.values())
    assert np.all(np.diff(out.prices) <= 0) and math.isfinite(out.final_price)


def test_sandbox_close_factor_boundary_at_095():
    """Regression: shared_collateral_crash closed half the debt at HF exactly 0.95 under v3.0 (it tested hf < 0.95)
    while LiquidationLogic (v3.0 and v3.3) gives 50% only while HF > 0.95: at 0.95 the whole debt may be repaid."""
    pool = amm.ConstantProductPool(1000.0, 2_000_000.0)  # the price is exactly 2,000; no shock
    at = 10.0 * 2000.0 * 0.5 / 0.95  # 10 ETH x 2,000 x LT 0.5 / debt = 0.95 exactly
    assert 10.0 * 2000.0 * 0.5 / at == 0.95
    above = float(np.nextafter(at, 0.0))  # one ulp less debt: HF just above 0.95
    for rules in ("v3.0", "v3.3"):  # 20,000 USD against 10,526: v3.3's size rule is met
        for debt, share in ((at, 1.0), (above, 0.5)):
            m = lending.LendingMarket(np.array([10.0]), np.array([debt]), 0.5, 1.0, name="M")
            out = lending.shared_collateral_crash(m, pool, 0.0, max_waves=1, rules=rules)
            assert out.repaid["M"] == share * debt, (rules, debt)
            hf = 10.0 * 2000.0 * 0.5 / debt
            assert lending.close_factor(hf, 20_000.0, debt, rules=rules) == share
    # the float rule agrees with the contract's integer one on either side of the line
    assert lending.close_factor(0.95) == lending_contracts.aave_close_factor_bps(95 * 10**16) / 10_000 == 1.0
    assert (
        lending.close_factor(0.9500001) == lending_contracts.aave_close_factor_bps(95 * 10**16 + 10**11) / 10_000 == 0.5
    )
    # v3.3: a side under 2,000 USD means 100% whatever the health factor; exactly 2,000 is not small
    assert lending.close_factor(0.99, 1999.99, 5000.0, rules="v3.3") == 1.0
    assert lending.close_factor(0.99, 2000.0, 2000.0, rules="v3.3") == 0.5
    assert lending.close_factor(0.99, 1000.0, 1000.0) == 0.5  # v3.0 ignores size


def test_lending_lab_shares_the_models_constants() -> None:
    """labs.lending's collateral price is LendingMarket.synthetic's default."""

    from coordlab.labs import lending as lab
    from coordlab.models import lending as m

    assert lab.PRICE is m.SYNTHETIC_PRICE == default(m.LendingMarket.synthetic, "price") == 2000.0
