"""Liquidation cascades on a pool, their exact tipping points, the stress map and the flash-crash simulator."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import amm, cascade, perps
from shared_defaults import default, slider

E18 = 10**18


def test_no_fee_price_is_domain_formula():
    """Constant product (Uniswap v2 whitepaper, §2): with no fee, selling S into x0 gives p = p0 (x0 / (x0 + S))^2."""
    m = amm.ConstantProductPool(1000.0, 2e6, fee=0.0)
    s = np.array([0.0, 1.0, 100.0, 5000.0])
    assert np.allclose(m.price_after_sale(s), 2000.0 * (1000.0 / (1000.0 + s)) ** 2)


def test_fee_pool_matches_uniswap_integer_swap():
    """The float pool with a 0.3% fee ends where its contract form, Uniswap v2's integer pair, leaves the reserves,
    and pays what the pair pays."""
    x, y = 1000 * E18, 2_000_000 * E18
    pair = amm.UniswapV2Pair(x, y)
    for sale in (10**17, 5 * E18, 300 * E18):
        swap = pair.sell_x(sale)
        exact = swap.pool.price
        m = amm.ConstantProductPool(1000.0, 2e6, fee=amm.UNISWAP_V2_FEE)
        assert m.price_after_sale(sale / E18) == pytest.approx(exact, rel=1e-12)
        after = m.sell(sale / E18)
        assert after.pool.price == pytest.approx(exact, rel=1e-12)
        assert after.amount_out == pytest.approx(swap.amount_out / E18, rel=1e-12)


def test_unchecked_fast_paths_equal_the_checked_methods():
    """The engines' unchecked forms compute exactly what the validated methods return (same arithmetic)."""
    m = amm.ConstantProductPool.from_depth(2000.0, 5e6)
    sales = np.array([0.0, 1.0, 250.0, 1e4])
    assert np.array_equal(m.price_after_sale_unchecked(sales), m.price_after_sale(sales))
    targets = np.array([2500.0, 1999.0, 1500.0, 10.0, 1e-21])
    assert np.array_equal(m.sale_to_reach_unchecked(targets), m.sale_to_reach(targets))
    assert m.sale_to_reach_unchecked(1500.0) == m.sale_to_reach(1500.0) > 0


@given(
    price=st.floats(100.0, 1e4),
    depth=st.floats(1e5, 1e9),
    fee=st.sampled_from([0.0, 0.003, 0.01]),
    fall=st.floats(0.001, 0.9),
)
def test_sale_to_reach_inverts_the_price(price, depth, fee, fall):
    m = amm.ConstantProductPool.from_depth(price, depth, fee)
    target = price * (1 - fall)
    s = float(m.sale_to_reach(target))
    assert m.price_after_sale(s) == pytest.approx(target, rel=1e-9)
    assert float(m.sale_to_reach(price * 1.1)) == 0.0


def _picard(market, book, shock):
    """The fixed point by brute force, in plain Python: re-scan every position each round."""
    liq = book.liquidation_prices()
    done = [False] * len(book)
    sold = shock
    while True:
        p = market.price_after_sale(sold)
        new = [i for i in range(len(book)) if book.side[i] == 1 and not done[i] and liq[i] >= p]
        if not new:
            return sum(done), p
        for i in new:
            done[i] = True
            sold += book.size[i]


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(1, 60),
    depth=st.floats(2e5, 5e7),
    shock=st.floats(0.0, 3000.0),
    fee=st.sampled_from([0.0, 0.003]),
)
def test_cascade_equals_brute_force_and_the_exact_map(seed, n, depth, shock, fee):
    book = perps.crowd_book(n, seed=seed)
    market = amm.ConstantProductPool.from_depth(2000.0, depth, fee)
    run = cascade.cascade(market, book, shock)
    count, price = _picard(market, book, shock)
    assert run.n_liquidated == count and run.final_price == pytest.approx(price, rel=1e-12)
    lc = cascade.LiquidationCascade(market, book)
    assert lc.liquidated(shock) == count
    assert lc.final_price(shock) == pytest.approx(price, rel=1e-12)
    assert int((run.wave > 0).sum()) == count and np.all(np.diff(run.liquidated) > 0)
    assert np.all(np.diff(run.prices[1:]) < 0) or len(run.prices) == 2


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 300), depth=st.floats(1e6, 2e8))
def test_tipping_points_are_exactly_where_the_count_jumps(seed, n, depth):
    book = perps.crowd_book(n, seed=seed)
    lc = cascade.LiquidationCascade(amm.ConstantProductPool.from_depth(2000.0, depth), book)
    points = lc.tipping_points()
    levels, jumps = points.shocks, points.jumps
    assert jumps.sum() == n and np.all(np.diff(levels) > 0)
    for level, jump in zip(levels, jumps):
        below = lc.liquidated(max(level * (1 - 1e-9) - 1e-9, 0.0)) if level > 0 else 0
        assert lc.liquidated(level) - below == jump
        # the wave-by-wave run agrees just past the jump (at the level itself, rounding may fall either side)
        past = float(level) * (1 + 1e-9) + 1e-9
        assert cascade.cascade(lc.pool, book, past).n_liquidated == lc.liquidated(past)


def test_toy_cascade_numbers():
    """Section 2 of notebook 08: three longs, all liquidated from 20.8356 ETH, none below."""
    book = perps.PositionBook.from_leverage("long", [100.0] * 3, 2000.0, [20.0, 10.0, 5.0], 0.01)
    market = amm.ConstantProductPool.from_depth(2000.0, 2e6, fee=0.0)
    lc = cascade.LiquidationCascade(market, book)
    points = lc.tipping_points()
    levels, jumps = points.shocks, points.jumps
    assert levels.tolist() == pytest.approx([1000 * (math.sqrt(2000 / (2000 * 0.95 / 0.99)) - 1)])
    assert jumps.tolist() == [3]
    assert cascade.cascade(market, book, 20.83).n_liquidated == 0
    assert cascade.cascade(market, book, 20.84).liquidated.tolist() == [0, 1, 3]


def test_tipping_shock_and_stress_test():
    crowd = perps.crowd_book(3000, seed=2, mean_leverage=5.0)
    depths = np.array([20.0, 60.0, 200.0])
    shocks = np.linspace(0.0, 3000.0, 61)
    out = cascade.stress_test(lambda d: (amm.ConstantProductPool.from_depth(2000.0, d * 1e6), crowd), depths, shocks)
    assert isinstance(out, cascade.StressTest)
    assert np.array_equal(out.param_values, depths) and np.array_equal(out.shocks, shocks)
    share = out.share_liquidated
    assert out.final_price.shape == share.shape
    assert share.shape == (3, 61) and np.all(np.diff(share, axis=1) >= 0) and np.all(share[:, 0] == 0)
    assert np.all(share[0] >= share[1] - 1e-12)  # a shallower pool liquidates at least as much at every shock
    for d, tip in zip(depths, out.tipping_shock):
        lc = cascade.LiquidationCascade(amm.ConstantProductPool.from_depth(2000.0, d * 1e6), crowd)
        assert tip == lc.tipping_shock(0.1)
        if math.isfinite(tip):
            notional = np.concatenate([[0.0], np.cumsum(lc.sizes * lc.rungs)])
            jump = notional[lc.liquidated(tip)] - notional[lc.liquidated(tip * (1 - 1e-9))]
            assert jump >= 0.1 * notional[-1]
    with pytest.raises(TypeError, match="system"):
        cascade.stress_test(lambda d: 3, [1.0], [0.0])


def test_flash_crash_mechanism():
    calm = cascade.flash_crash(hot_potato=0.0, mm_withdrawal=0.0, stop_density=0.0, minutes=600)
    base = cascade.flash_crash()  # the defaults (h = 8): a crash
    dip = cascade.flash_crash(hot_potato=6.0)
    assert calm.completed_minute == 246 and base.completed_minute == 16 and dip.completed_minute == 25
    assert base.seller_sold[-1] == pytest.approx(75_000.0) and np.all(np.diff(base.seller_sold) >= 0)
    faster = [cascade.flash_crash(hot_potato=h, minutes=600).completed_minute for h in (0.0, 2.0, 6.0, 10.0)]
    assert faster == sorted(faster, reverse=True) and faster[0] > 100
    gap = cascade.flash_crash(hot_potato=6.0, stop_density=3000.0)
    assert gap.depth.min() == pytest.approx(0.05) and gap.low < 0.5 < dip.low
    assert base.depth.min() == pytest.approx(0.05) and base.low < 0.5
    assert cascade.flash_crash(order=0.0).price.min() == 1.0
    again = cascade.flash_crash()
    assert np.array_equal(again.price, base.price)


def test_bad_objects_are_refused():
    book = perps.crowd_book(10)
    with pytest.raises(TypeError, match="pool must be ConstantProductPool"):
        cascade.cascade("pool", book, 1.0)
    with pytest.raises(TypeError, match="book"):
        cascade.LiquidationCascade(amm.ConstantProductPool(1.0, 1.0), "book")
    with pytest.raises(ValueError, match="x"):
        amm.ConstantProductPool(0.0, 1.0)
    with pytest.raises(ValueError, match="fee"):
        amm.ConstantProductPool(1.0, 1.0, fee=0.9)
    with pytest.raises(ValueError, match="shock"):
        cascade.LiquidationCascade(amm.ConstantProductPool(1.0, 1.0), book).liquidated(-1.0)


def test_regression_tiny_flash_crash_depth_is_refused_by_name():
    """depth=1e-160 made the book's constant product underflow to 0 and divided by zero."""
    with pytest.raises(ValueError, match="depth"):
        cascade.flash_crash(depth=1e-160)
    smallest = cascade.flash_crash(depth=1.0, price=1e-6, order=1e12, stop_density=1e12, value_buyers=0.0, minutes=500)
    assert np.all(np.isfinite(smallest.price)) and smallest.low > 0


def test_regression_from_depth_names_its_own_parameters():
    """from_depth(5e-324, 1e6) failed with "x must be ...", a field the caller never passed."""
    with pytest.raises(ValueError, match="price"):
        amm.ConstantProductPool.from_depth(5e-324, 1e6)
    with pytest.raises(ValueError, match=r"depth_usd / price"):  # each in range, their ratio (the reserve) is not
        amm.ConstantProductPool.from_depth(1e-6, 1e18)
    with pytest.raises(ValueError, match="amount"):
        amm.ConstantProductPool.from_depth(2000.0, 1e6).sell(1e15)  # past the pool's 1e15 units
    with pytest.raises(ValueError, match="fraction"):
        amm.ConstantProductPool.from_depth(2000.0, 1e6).withdraw(1.0 - 1e-12)


def test_sale_to_reach_far_below_any_price_stays_finite():
    """Rungs of a position book may be far below 1e-21 (liquidation prices are floored at 0 only)."""
    m = amm.ConstantProductPool.from_depth(2000.0, 1e6)
    targets = np.array([1e-15, 1e-30, 1e-100, 1e-300, 5e-324])
    s = m.sale_to_reach_unchecked(targets)
    assert np.all(np.isfinite(s)) and np.all(np.diff(s) > 0)
    for t, sale in zip(targets[:3], s[:3]):
        assert m.price_after_sale_unchecked(sale) == pytest.approx(t, rel=1e-9)
    book = perps.PositionBook.from_leverage("long", [1.0, 1.0], 2000.0, [1.0, 2.0], 0.01)
    lc = cascade.LiquidationCascade(m, book)  # the unlevered long's rung is 0: never reached
    assert book.liquidation_prices()[0] == 0.0 and lc.liquidated(1e15) == 1


def test_feedback_gain_is_the_echo_of_one_unit_sold():
    """p (1 + h): one extra unit sold in a minute adds p (1 + h) units to the seller's next sale."""
    assert cascade.feedback_gain(0.09, 8.0) == pytest.approx(0.81)
    # a calm market (no stops, no value buyers, market makers who stay): the seller's sale follows
    # q' = p (base + (1 + h) q), whose fixed point is p base / (1 - p (1 + h))
    run = cascade.flash_crash(hot_potato=6.0, stop_density=0.0, value_buyers=0.0, mm_withdrawal=0.0, minutes=200)
    per_minute = np.diff(run.seller_sold)[50:100]
    g = cascade.feedback_gain(0.09, 6.0)
    assert per_minute == pytest.approx(np.full(50, 0.09 * 2800.0 / (1.0 - g)), rel=1e-6)
    with pytest.raises(ValueError, match="participation"):
        cascade.feedback_gain(0.0, 1.0)
    with pytest.raises(ValueError, match="hot_potato"):
        cascade.feedback_gain(0.1, -1.0)


@pytest.mark.parametrize("lev", [2.0, 5.0, 10.0, 20.0, 30.0])
@pytest.mark.parametrize("spread", [0.0, 0.02, 0.1])
def test_survivor_crowd_keeps_only_open_longs(lev, spread):
    book = cascade.survivor_crowd(2_000, price=2000.0, seed=3, mean_leverage=lev, entry_spread=spread)
    assert len(book) == 2_000 and (book.side == 1).all() and (book.liquidation_prices() < 2000.0).all()
    assert (book.leverage <= 50.0 + 1e-9).all() and (book.leverage >= 1.5 - 1e-9).all()
    again = cascade.survivor_crowd(2_000, price=2000.0, seed=3, mean_leverage=lev, entry_spread=spread)
    assert np.array_equal(book.entry, again.entry)  # seeded
    if spread == 0.0:
        assert (book.entry == 2000.0).all()


def test_survivor_crowd_spreads_the_rungs_that_crowd_book_caps():
    """crowd_book caps every levered crowd's top rung at 0.995 x price; survivors' rungs reach the price."""
    old = perps.crowd_book(10_000, seed=0, mean_leverage=20.0)
    new = cascade.survivor_crowd(10_000, seed=0, mean_leverage=20.0)
    assert old.liquidation_prices().max() == pytest.approx(1990.0)
    assert new.liquidation_prices().max() > 1999.0
    # the first batch's survivors are crowd_book's draws where crowd_book did not cap them
    first = cascade.survivor_crowd(10_000, seed=0, mean_leverage=2.0)
    same = perps.crowd_book(10_000, seed=0, mean_leverage=2.0)
    kept = same.liquidation_prices() < 0.995 * 2000.0
    assert np.array_equal(first.entry[: int(kept.sum())][:100], same.entry[kept][:100])


def test_survivor_crowd_refuses_bad_inputs_by_name():
    with pytest.raises(ValueError, match="entry_spread"):
        cascade.survivor_crowd(10, entry_spread=-0.1)
    with pytest.raises(ValueError, match="mean_leverage"):
        cascade.survivor_crowd(10, mean_leverage=60.0, max_leverage=50.0)
    with pytest.raises(ValueError, match="mmr"):
        cascade.survivor_crowd(10, max_leverage=10.0, mmr=0.2)


def test_cascade_lab_shares_the_models_constants() -> None:
    """labs.cascade's crowd, tipping share and flash-crash seller are the model's."""

    from coordlab.labs import cascade as lab
    from coordlab.models import cascade as m

    assert lab.ORDER is m.FLASH_ORDER == default(m.flash_crash, "order") == 75_000.0
    assert lab.FlashCrashLab.minutes == default(m.flash_crash, "minutes") == m.FLASH_MINUTES == 120
    assert (
        slider(lab.FlashCrashLab, "participation") / 100
        == default(m.flash_crash, "participation")
        == m.FLASH_PARTICIPATION
    )
    assert slider(lab.FlashCrashLab, "hot_potato") == default(m.flash_crash, "hot_potato") == m.FLASH_HOT_POTATO == 8.0
    assert (
        slider(lab.FlashCrashLab, "stops") == default(m.flash_crash, "stop_density") == m.FLASH_STOP_DENSITY == 1000.0
    )
    assert (
        slider(lab.FlashCrashLab, "tolerance") / 100 == default(m.flash_crash, "mm_tolerance") == m.FLASH_MM_TOLERANCE
    )
    assert (
        (lab.CROWD, lab.PRICE, lab.ENTRY_SPREAD)
        == (m.CROWD_SIZE, m.CROWD_PRICE, m.CROWD_ENTRY_SPREAD)
        == (10_000, 2000.0, 0.02)
    )
    assert (default(m.survivor_crowd, "n"), default(m.survivor_crowd, "price")) == (m.CROWD_SIZE, m.CROWD_PRICE)
    assert default(m.survivor_crowd, "entry_spread") == m.CROWD_ENTRY_SPREAD
    assert slider(lab.CascadeLab, "leverage") == default(m.survivor_crowd, "mean_leverage") == m.CROWD_LEVERAGE == 5.0
    assert default(m.LiquidationCascade.tipping_shock, "share") == m.TIPPING_SHARE == 0.1
