"""Pools and pegs (coordlab.models.amm, coordlab.models.pegs).

Published numbers: Uniswap v2-core's swap test cases (test/UniswapV2Pair.spec.ts, `swapTestCases`:
swap amount, reserve in, reserve out → expected output, all × 1e18); Curve's StableSwap invariant
from the whitepaper (Egorov 2019) solved independently; Terra's spread closed form
(terra-money/docs spec-market.md); Ampleforth's AIP-5 parameters from UFragmentsPolicy.initialize() and the
vectors of its unit tests (ampleforth-contracts test/unit/UFragmentsPolicy.ts).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from coordlab.models import amm, pegs

E18 = 10**18
UNISWAP_SWAP_CASES = [
    (1, 5, 10, 1662497915624478906),
    (1, 10, 5, 453305446940074565),
    (2, 5, 10, 2851015155847869602),
    (2, 10, 5, 831248957812239453),
    (1, 10, 10, 906610893880149131),
    (1, 100, 100, 987158034397061298),
    (1, 1000, 1000, 996006981039903216),
]


@pytest.mark.parametrize("swap, r_in, r_out, expected", UNISWAP_SWAP_CASES)
def test_uniswap_v2_published_swap_cases(swap, r_in, r_out, expected):
    assert amm.get_amount_out(swap * E18, r_in * E18, r_out * E18) == expected


@settings(max_examples=60, deadline=None)
@given(st.integers(10**3, 10**24), st.integers(10**6, 10**27), st.integers(10**6, 10**27))
def test_get_amount_in_is_the_least_sufficient_input(amount_out, r_in, r_out):
    if amount_out >= r_out:
        with pytest.raises(ValueError, match="INSUFFICIENT_LIQUIDITY"):
            amm.get_amount_in(amount_out, r_in, r_out)
        return
    a = amm.get_amount_in(amount_out, r_in, r_out)
    assert amm.get_amount_out(a, r_in, r_out) >= amount_out
    # k never falls (fees stay in the pool)
    out = amm.get_amount_out(a, r_in, r_out)
    assert (r_in + a) * (r_out - out) >= r_in * r_out


def test_withdrawal_makes_the_same_trade_move_the_price_more():
    pool = amm.UniswapV2Pair(1_000 * E18, 2_000_000 * E18)
    after_full = pool.sell_x(10 * E18).pool
    after_thin = pool.withdraw(0.8).sell_x(10 * E18).pool
    assert pool.withdraw(0.8).price == pytest.approx(pool.price)
    assert 1 - after_thin.price / pool.price > 4 * (1 - after_full.price / pool.price)
    assert amm.sell_price_impact(10.0, 1000.0) == pytest.approx(1 - (1000 / 1010) ** 2)


def _whitepaper_D(xp, amp):
    """Solve A n^n sum x + D = A D n^n + D^(n+1) / (n^n prod x) with A = amp / n^(n-1) (the contract's A)."""
    n = len(xp)
    a = amp / n ** (n - 1)
    s, prod = sum(xp), math.prod(xp)

    def f(d):
        return a * n**n * s + d - a * d * n**n - d ** (n + 1) / (n**n * prod)

    return brentq(f, 1e-9 * s, s * 1.0000001, xtol=1e-12 * s)


@settings(max_examples=40, deadline=None)
@given(st.integers(10**20, 10**24), st.lists(st.floats(0.05, 20.0), min_size=2, max_size=4), st.integers(10, 5000))
def test_stableswap_D_solves_the_whitepaper_invariant(base, ratios, amp):
    xp = [int(base * r) for r in ratios]  # imbalance up to 400:1, A from 10 (pools in practice)
    d = amm.stableswap_D(xp, amp)
    assert d == pytest.approx(_whitepaper_D([float(x) for x in xp], amp), rel=1e-9)
    assert d <= sum(xp)  # D is at most the sum, equal when balanced
    y = amm.stableswap_y(0, 1, xp[0] + 10**18, xp, amp)
    assert amm.stableswap_D([xp[0] + 10**18, y] + xp[2:], amp) == pytest.approx(d, rel=1e-12)


def test_depeg_accelerates_when_the_pool_is_imbalanced():
    """Selling coin 0 for coin 1 in equal steps: the price of coin 0 barely moves, then collapses."""
    pool = amm.StableSwapPool((10**24, 10**24, 10**24), amp=2000, fee_1e10=0)
    prices = []
    for _ in range(19):
        prices.append(pool.price(0, 1))
        pool = pool.exchange(0, 1, 5 * 10**22).pool
    drops = -np.diff(prices)
    assert prices[0] == pytest.approx(1.0, abs=1e-6) and prices[9] > 0.999  # half of coin 1 gone: still ~1
    assert np.all(drops > 0) and np.all(np.diff(drops) > 0)  # each equal step costs more than the last
    assert drops[-1] > 100 * drops[0]
    # a constant-product pool of the same size has lost far more after the first steps
    cp = amm.UniswapV2Pair(10**24, 10**24)
    cp = cp.sell_x(5 * 10**23).pool
    assert cp.price < prices[10] - 0.5


def test_stableswap_exchange_charges_the_fee():
    pool = amm.StableSwapPool((10**24, 10**24, 10**24), amp=2000, fee_1e10=4 * 10**6)
    free = amm.StableSwapPool((10**24, 10**24, 10**24), amp=2000, fee_1e10=0)
    dy = pool.exchange(0, 2, 10**21).amount_out
    dy0 = free.exchange(0, 2, 10**21).amount_out
    assert dy == dy0 - dy0 * 4 * 10**6 // 10**10


def test_lp_spiral_threshold_is_exact():
    lstar = pegs.critical_depth(10.0, sigma0=0.5, beta=1.0, sigma_max=1.0)
    spiral = pegs.lp_spiral([lstar * 1.001, lstar * 0.999], 10.0, periods=400)
    depth = spiral.depth
    assert depth[-1, 0] == pytest.approx(lstar * 1.001) and depth[-1, 1] == 0.0
    assert np.all(np.diff(depth[:, 1]) <= 0)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.0, 0.9), st.floats(0.1, 5.0), st.floats(0.1, 2.0), st.floats(1.0, 100.0), st.floats(0.2, 3.0))
def test_lp_spiral_stable_iff_above_critical_depth(sigma0, beta, gap, flow, eta):
    lstar = pegs.critical_depth(flow, sigma0, beta, sigma0 + gap)
    depth = pegs.lp_spiral([lstar * 1.05, lstar * 0.95], flow, sigma0, beta, sigma0 + gap, eta, periods=3000).depth
    assert depth[-1, 0] == pytest.approx(lstar * 1.05)
    assert depth[-1, 1] < 0.01 * lstar


def test_terra_spread_closed_form_and_minimum():
    b, d, a = 50e6, 5e6, 2e6
    assert pegs.terra_spread(a, b, d) == pytest.approx(1 - b**2 / ((b + d) * (b + d + a)))
    assert pegs.terra_spread(1.0, b, 0.0) == 0.005


def test_terra_spiral_hyperinflates_and_halts():
    path = pegs.terra_spiral(days=3)
    assert path.luna_supply[0] == 345e6 and path.luna_price[0] == 80.0
    assert np.all(np.diff(path.luna_supply) >= 0) and np.all(np.diff(path.luna_price) <= 1e-12)
    assert path.luna_supply[-1] > 30 * path.luna_supply[0]
    assert path.luna_price[-1] < 1e-4  # the chain halted
    slower = pegs.terra_spiral(days=3, redemptions_per_day=0.3e9)
    assert slower.luna_supply[24] < path.luna_supply[24]


def test_ampleforth_sigmoid():
    r = pegs.ampleforth_rebase(np.array([0.96, 1.04, 1.05, 10.0, 0.0]))
    assert r[0] == 0.0 and r[1] == 0.0  # inside the 5% band
    assert r[2] == pytest.approx(0.2 / (1 + 2 ** (-3 * 0.05)) - 0.1)
    assert r[3] == pytest.approx(0.1, abs=1e-6) and r[4] == pytest.approx(0.2 / (1 + 2**3) - 0.1)
    assert pegs.ampleforth_rebase(0.5) < 0  # a price below target shrinks supply


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(reserve_x=0, reserve_y=5), "reserve_x"),
        (dict(reserve_x=5, reserve_y=1.5), "reserve_y"),
        (dict(reserve_x=5, reserve_y=5, shares=-1), "shares"),
    ],
)
def test_pool_construction_is_validated(kwargs, name):
    with pytest.raises((ValueError, TypeError), match=name):
        amm.UniswapV2Pair(**kwargs)


def test_stableswap_pool_construction_is_validated():
    with pytest.raises(ValueError, match="amp"):
        amm.StableSwapPool((10**20, 10**20), amp=0)
    with pytest.raises(ValueError, match="fee"):
        amm.StableSwapPool((10**20, 10**20), amp=10, fee_1e10=10**10)


# --- regressions: declared parameters -------------------------------------------------------------


def test_stableswap_pool_refuses_a_coin_it_does_not_hold():
    """A coin index beyond the pool's size was an IndexError; now a ValueError naming i or j."""
    pool = amm.StableSwapPool((10**20, 10**20), amp=100)
    with pytest.raises(ValueError, match=r"^i must be the index of one of the pool's 2 coins"):
        pool.exchange(2, 0, 10**18)
    with pytest.raises(ValueError, match=r"^i must be"):
        pool.price(2, 0)
    with pytest.raises(ValueError, match=r"^j must be"):
        pool.exchange(0, 2, 10**18)
    with pytest.raises(ValueError, match="i and j must differ"):
        pool.exchange(1, 1, 10**18)


def test_numpy_integers_become_python_ints_at_the_boundary():
    """np.int64 amounts used to overflow (C long) or wrap to -2**63 inside the exact integer arithmetic."""
    pool = amm.UniswapV2Pair(10**21, 10**21)
    swap = pool.sell_x(np.int64(10**18))
    assert swap == pool.sell_x(10**18)
    assert type(swap.amount_out) is int and type(swap.pool.reserve_x) is int
    big = amm.UniswapV2Pair(np.int64(2**62), np.int64(2**62))
    assert type(big.reserve_x) is int
    assert big.deposit(np.int64(2**62)).reserve_x == 2**63
    ss = amm.StableSwapPool(np.array([10**18, 10**18], dtype=np.int64), amp=np.int64(100))
    assert ss.balances == (10**18, 10**18) and all(type(b) is int for b in ss.balances)
    swap = ss.exchange(np.int64(0), np.int64(1), np.int64(10**17))
    assert swap == amm.StableSwapPool((10**18, 10**18), amp=100).exchange(0, 1, 10**17)
    assert type(swap.amount_out) is int and all(type(b) is int for b in swap.pool.balances)


def test_trades_beyond_a_uint256_are_refused():
    pool = amm.UniswapV2Pair(10**21, 10**21)
    with pytest.raises(ValueError, match="amount_in is too large"):
        pool.sell_x(2**256 - 10)
    with pytest.raises(ValueError, match="dx is too large"):
        amm.StableSwapPool((10**24, 10**24), amp=100).exchange(0, 1, 2**256 - 10)


def test_pegs_bounds_keep_results_finite():
    with pytest.raises(ValueError, match="sigma_max must exceed sigma0"):
        pegs.critical_depth(1e12, sigma0=0.5, sigma_max=0.5 + 1e-12)
    # an empty pool's infinite volatility raised an overflow warning before
    spiral = pegs.lp_spiral([5e-324, 1.0], flow=1e12, beta=100.0, periods=3, shock_period=1)
    depth, sigma = spiral.depth, spiral.sigma
    assert np.isfinite(depth).all() and np.isfinite(sigma).all() and sigma.max() == 1e6
    with pytest.raises(ValueError, match="target"):
        pegs.ampleforth_rebase(1.0, target=5e-324)
    with pytest.raises(ValueError, match="market_depth"):
        pegs.terra_spiral(market_depth=5e-324)


def test_ampleforth_current_rule_matches_the_contract_tests():
    """UFragmentsPolicy's unit tests (test/unit/UFragmentsPolicy.ts at 701eee2): supply 1 000, Solidity truncation."""
    assert int(1000 * pegs.ampleforth_rebase_two_curve(0.7)) == -76  # 'negative rate'
    assert int(1000 * pegs.ampleforth_rebase_two_curve(0.7, negative_growth=30.0)) == -76  # growth 30
    assert int(1000 * pegs.ampleforth_rebase_two_curve(0.0, negative_growth=75.0)) == -77  # max negative rebase
    assert int(1000 * pegs.ampleforth_rebase_two_curve(0.0, negative_growth=150.0)) == -77  # exponent capped at -100
    assert int(1000 * pegs.ampleforth_rebase_two_curve(2.0, positive_growth=100.0)) == 50  # max positive rebase
    assert int(1000 * pegs.ampleforth_rebase_two_curve(1.3, positive_growth=25.0, positive_limit=0.10)) == 98
    # the band: 2.5% either side (at its edge the float 1.025 is a hair below 1.025, so test beyond it)
    r = pegs.ampleforth_rebase_two_curve(np.array([0.976, 1.0, 1.024, 0.975, 1.026]))
    assert list(r[:3]) == [0.0, 0.0, 0.0] and r[3] < 0 < r[4]


def test_ampleforth_current_rule_against_the_2022_rule():
    """The issue's figures: at 0.80 about −7.7% (not −2.05%), and at 0.96 a rebase now happens."""
    assert round(pegs.ampleforth_rebase(0.8), 4) == -0.0205
    assert pegs.ampleforth_rebase_two_curve(0.8) == pytest.approx(-0.077, abs=5e-4)
    assert pegs.ampleforth_rebase(0.96) == 0.0 and round(pegs.ampleforth_rebase_two_curve(0.96), 4) == -0.0426
    # the two curves are each odd about the target: the negative curve is the positive one scaled 0.077/0.05
    for d in (0.03, 0.1, 0.3):
        up, down = pegs.ampleforth_rebase_two_curve(1 + d), pegs.ampleforth_rebase_two_curve(1 - d)
        assert down == pytest.approx(-up * 0.077 / 0.05)
    # September 2024's single curve (L -0.077, U 0.05, G 45) is the old function with those arguments
    sept = pegs.ampleforth_rebase(0.8, lower=-0.077, upper=0.05, growth=45.0, deviation_threshold=0.025)
    assert sept == pytest.approx(-0.077, abs=1e-3)


def test_terra_closed_form_matches_the_simulation():
    """P = P0 (1 - R/D)^2, and the halt time is depth over net redemptions."""
    path = pegs.terra_spiral(redemptions_per_day=0.5e9, market_depth=2e9, days=5)
    net = np.cumsum(path.ust_redeemed * (1 - path.spread))
    closed = pegs.terra_luna_price(net, market_depth=2e9)
    early, late = path.luna_price > 1.0, path.luna_price > 1e-3  # hour by hour, blocks add second-order terms
    assert np.allclose(path.luna_price[early], closed[early], rtol=2e-3)
    assert np.allclose(path.luna_price[late], closed[late], rtol=0.03)
    halt = int(np.flatnonzero(path.luna_price < 1e-4)[0])
    mean_spread = path.spread[1:][path.ust_redeemed[1:] > 0].mean()
    estimate = pegs.terra_halt_hours(0.5e9, market_depth=2e9, mean_spread=mean_spread)
    assert halt == 101 and abs(estimate - halt) < 1.0
    # the halt price hardly moves the time but sets the supply at the halt (~ 1/sqrt(h))
    runs = {
        h: pegs.terra_spiral(redemptions_per_day=0.5e9, market_depth=2e9, halt_price=h, days=6) for h in (1e-3, 1e-5)
    }
    hours = {h: int(np.flatnonzero(p.luna_price < h)[0]) for h, p in runs.items()}
    assert hours == {1e-3: 101, 1e-5: 101}
    assert runs[1e-5].luna_supply[-1] / runs[1e-3].luna_supply[-1] == pytest.approx(10.0, rel=0.05)


def test_stableswap_ng_dynamic_fee_rises_with_imbalance():
    """CurveStableSwapNG._dynamic_fee: the base fee at balance, toward m x fee as one coin runs out."""
    assert amm.stableswap_ng_dynamic_fee(0.0004, 5.0, 1.0, 1.0) == pytest.approx(0.0004)
    assert amm.stableswap_ng_dynamic_fee(0.0004, 1.0, 1.0, 0.01) == 0.0004  # m <= 1: a flat fee
    fees = [amm.stableswap_ng_dynamic_fee(0.0004, 5.0, 2.0 - y, y) for y in (1.0, 0.5, 0.2, 0.05, 1e-6)]
    assert all(a < b for a, b in zip(fees, fees[1:])) and fees[-1] == pytest.approx(5 * 0.0004, rel=1e-5)
    # integer form of the contract (fee and multiplier times 1e10) agrees
    xi, xj, fee, m = 195 * 10**22, 5 * 10**22, 10**6, 5 * 10**10
    exact = m * fee // ((m - 10**10) * 4 * xi * xj // (xi + xj) ** 2 + 10**10)
    assert amm.stableswap_ng_dynamic_fee(1e-4, 5.0, 1.95, 0.05) == pytest.approx(exact / 1e10, rel=1e-6)


def test_concentrated_depth_multiplier_matches_v3_reserves():
    """Uniswap v3 whitepaper: real reserves of liquidity L on [pa, pb] against a v2 position of the same L."""
    p, k, liq = 2000.0, 1.05, 1e6
    pa, pb = p / k, p * k
    real = liq * (1 / math.sqrt(p) - 1 / math.sqrt(pb)) * p + liq * (math.sqrt(p) - math.sqrt(pa))
    full = 2 * liq * math.sqrt(p)
    assert amm.concentrated_depth_multiplier(k) == pytest.approx(full / real)
    assert amm.concentrated_depth_multiplier(k) == pytest.approx(1 / (1 - (pa / pb) ** 0.25))
    assert round(amm.concentrated_depth_multiplier(1.05), 1) == 41.5
