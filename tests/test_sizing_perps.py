"""Position sizing (Kelly, Thorp, drawdown, ergodicity) and perpetual positions (liquidation prices, ladders)."""

from __future__ import annotations

import dataclasses
import math
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import perps, sizing

probs = st.floats(0.02, 0.98)
odds = st.floats(0.1, 20.0)


@given(p=probs, b=odds)
def test_kelly_fraction_maximises_growth(p, b):
    """Kelly (1956): f* = p - q/b is the argmax of G over [0, 1) when positive."""
    f_star = sizing.kelly_fraction(p, b)
    grid = np.linspace(0.0, 0.999, 4001)
    g = sizing.growth_rate(grid, p, b)
    if f_star <= 0:
        assert g.argmax() == 0  # no edge: stake nothing
    else:
        assert abs(grid[g.argmax()] - f_star) <= 0.001
        assert sizing.growth_rate(f_star, p, b) >= g.max() - 1e-12


@given(p=probs)
def test_even_money_bits_is_kelly_growth_over_ln2(p):
    """Kelly's information rate 1 + p log2 p + q log2 q equals G(f*) / ln 2 at even odds."""
    f_star = sizing.kelly_fraction(p, 1.0)
    expected = sizing.growth_rate(f_star, p, 1.0) / math.log(2) if f_star > 0 else None
    if expected is not None:
        assert sizing.max_growth_bits(p) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_thorp_fractions():
    """Thorp (2006): half Kelly keeps 75% of the growth, 2x Kelly none; f* and g* from mu, sigma, r."""
    k = sizing.continuous_kelly(0.10, 0.20, r=0.02)
    f, g = k.fraction, k.growth
    assert f == pytest.approx(0.08 / 0.04) and g == pytest.approx(0.02 + 0.08**2 / 0.08)
    grid = np.linspace(0, 5, 50001)
    growth = 0.02 + grid * 0.08 - grid**2 * 0.04 / 2
    assert grid[growth.argmax()] == pytest.approx(f, abs=1e-4) and growth.max() == pytest.approx(g, rel=1e-8)
    share = (sizing.fractional_growth(0.10, 0.20, c=[0.5, 1.0, 2.0]) - 0.0) / sizing.continuous_kelly(0.10, 0.20).growth
    assert share == pytest.approx([0.75, 1.0, 0.0])


@pytest.mark.parametrize("x, c", [(0.5, 1.0), (0.5, 0.5), (0.25, 0.5), (0.8, 1.5)])
def test_drawdown_closed_form_matches_monte_carlo(x, c):
    """x^(2/c - 1), here within a finite horizon, against the bias-free (bridge-corrected) simulation."""
    closed = sizing.drawdown_probability(x, c, horizon=5.0, sharpe=1.0)
    mc = sizing.simulate_gbm_drawdown(x, c, sharpe=1.0, horizon=5.0, steps=100, paths=20_000, seed=11)
    assert abs(mc.probability - closed) < 3.5 * mc.standard_error + 1e-4
    assert 0 < mc.standard_error < 0.01  # about sqrt(p (1 - p) / paths): 20,000 paths


def test_drawdown_horizon_tends_to_the_ever_formula_and_is_monotone():
    ever = sizing.drawdown_probability(0.5, 1.0)
    finite = [sizing.drawdown_probability(0.5, 1.0, horizon=T) for T in (0.5, 2.0, 10.0, 1000.0)]
    assert np.all(np.diff(finite) > 0) and finite[-1] == pytest.approx(ever, abs=1e-9)
    assert sizing.drawdown_probability(0.5, 2.0) == 1.0 and sizing.drawdown_probability(0.5, 0.5) == pytest.approx(
        0.125
    )
    assert sizing.drawdown_probability(0.5, 3.0, horizon=1e4) == pytest.approx(1.0, abs=1e-6)


def test_simulate_bets_is_exact_in_law_and_deterministic():
    """Final log wealth is wins*ln(1+bf) + losses*ln(1-f): its mean is n G(f) and wins are Binomial(n, p)."""
    p, b, f, n = 0.55, 1.0, 0.1, 400
    r = sizing.simulate_bets(p, b, f, bets=n, paths=20_000, seed=5, keep=3)
    up, down = math.log1p(b * f), math.log1p(-f)
    wins = (r.final_log_wealth - n * down) / (up - down)
    assert np.allclose(wins, np.round(wins), atol=2e-3)  # float32 accumulation
    assert wins.mean() == pytest.approx(n * p, abs=4 * math.sqrt(n * p * (1 - p) / 20_000))
    assert wins.var() == pytest.approx(n * p * (1 - p), rel=0.05)
    assert np.allclose(r.sample[:, -1], r.final_log_wealth[:3]) and r.sample[0, 0] == 0.0
    assert np.all(r.min_log_wealth <= 0) and np.allclose(r.min_log_wealth[:3], r.sample.min(axis=1))
    again = sizing.simulate_bets(p, b, f, bets=n, paths=20_000, seed=5, keep=3)
    assert np.array_equal(again.final_log_wealth, r.final_log_wealth)


def test_bigger_stakes_halve_more_often():
    freq = [
        sizing.simulate_bets(0.55, 1.0, f, bets=300, paths=5000, seed=2).drawdown_frequency(0.5)
        for f in (0.02, 0.05, 0.1, 0.2)
    ]
    assert np.all(np.diff(freq) > 0) and freq[0] < 0.01 and freq[-1] > 0.7


def test_simulate_bets_memory_is_bounded():
    """The state, not a paths x bets matrix: 100 000 paths x 300 bets peaks far below 100 000 x 300 x 4 bytes."""
    tracemalloc.start()
    sizing.simulate_bets(0.55, 1.0, 0.1, bets=300, paths=100_000, seed=0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 40e6 < 100_000 * 300 * 4


def test_ergodicity_coin():
    """Peters (2019): +5% ensemble, sqrt(0.9) - 1 = -5.13% time average; the median path follows the latter."""
    run = sizing.ergodicity_coin(rounds=200, paths=20_000, seed=1)
    assert run.ensemble_growth == pytest.approx(0.05) and run.time_growth == pytest.approx(math.sqrt(0.9) - 1)
    assert round(run.time_growth, 4) == -0.0513
    slope = run.median[-1] / 200
    assert slope == pytest.approx(math.log10(1 + run.time_growth), abs=0.003)
    assert run.ensemble_mean[10] == pytest.approx(10 * math.log10(1.05), abs=0.01)  # early on, the sample mean is right


def test_recursive_loop():
    r = sizing.recursive_loop(0.7, 3, collateral_factor=0.75)
    assert isinstance(r, sizing.LoopLiquidation) and r.debt_collateral_share == 0.0  # issue 17: no dict
    assert r.collateral == pytest.approx(1 + 0.7 + 0.49 + 0.343) and r.debt == pytest.approx(0.7 + 0.49 + 0.343)
    assert r.liquidation_price * r.debt == pytest.approx(0.75 * r.collateral)
    assert sizing.recursive_loop(0.7, 1000).leverage == pytest.approx(1 / 0.3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.debt = 0.0


def test_fractional_growth_takes_mu_sigma_r_first_and_c_by_keyword():
    """issue 17: continuous_kelly(mu, sigma, r) and fractional_growth(mu, sigma, r, *, c) share one order."""
    full = sizing.continuous_kelly(0.10, 0.20, 0.02).growth
    assert sizing.fractional_growth(0.10, 0.20, 0.02, c=1.0) == pytest.approx(full)
    with pytest.raises(TypeError):
        sizing.fractional_growth(0.5, 0.10, 0.20, 0.0)  # the old order, c first: c is keyword-only now


# --- perpetuals ------------------------------------------------------------------------------


@settings(max_examples=200)
@given(
    entry=st.floats(1.0, 1e5),
    lev=st.floats(1.0, 200.0),
    mmr=st.floats(0.0, 0.5),
    side=st.sampled_from(["long", "short"]),
)
def test_domain_formula_equals_hyperliquid_formula_and_equity_identity(entry, lev, mmr, side):
    """P0(1-1/L)/(1-mmr) = Hyperliquid's liq_price formula; at it, equity = mmr x notional."""
    if mmr >= 1.0 / lev * 0.999:
        return
    closed = perps.liquidation_price(entry, lev, mmr, side=side)
    book = perps.PositionBook.from_leverage(side, 1.5, entry, lev, mmr)
    assert book.liquidation_prices()[0] == pytest.approx(closed, rel=1e-9, abs=1e-9)
    if closed > 0:
        assert book.equity(closed)[0] == pytest.approx(mmr * 1.5 * closed, rel=1e-7, abs=1e-7 * entry)


def test_hyperliquid_constants_and_whale():
    """Hyperliquid docs: maintenance = half the initial margin at max leverage: 1.25% at 40x (today's highest) to
    16.7% at 3x, and 1% at ETH's 50x before March 2025; the module docstring quotes the docs' 1.25% (not 1%)."""
    assert perps.hyperliquid_mmr(40) == 0.0125 and round(perps.hyperliquid_mmr(3), 3) == 0.167
    assert perps.hyperliquid_mmr(50) == 0.01
    assert '"between 1.25% (for 40x max leverage assets)' in perps.__doc__ and "1% to 16.7%" not in perps.__doc__
    assert round(perps.liquidation_price(2000.0, 50, 0.01), 2) == 1979.80
    assert round(1 - perps.liquidation_price(1.0, 25, 0.02), 4) == 0.0204


def test_liquidated_mask_matches_liquidation_prices():
    book = perps.crowd_book(2000, seed=3)
    liq = book.liquidation_prices()
    assert np.sum(np.isclose(liq, 1990.0)) > 0  # the crowd's capped positions sit exactly 0.5% below 2000
    for price in (1985.0, 1900.0, 1700.0):  # away from that rung, equity and liquidation price agree exactly
        assert np.array_equal(book.liquidated(price), liq >= price)
    shorts = perps.PositionBook.from_leverage("short", [1.0, 2.0], [100.0, 100.0], [10.0, 5.0], 0.01)
    assert shorts.liquidated(108.92).tolist() == [True, False] and shorts.liquidated(100.0).tolist() == [False, False]


def test_ladder_orders_and_accumulates():
    book = perps.PositionBook.from_leverage(
        ["long", "long", "short", "long"], [1.0, 2.0, 3.0, 4.0], 100.0, [10.0, 20.0, 5.0, 5.0], 0.01
    )
    longs = book.ladder("long")
    assert np.all(np.diff(longs.prices) <= 0) and longs.cumulative_size.tolist() == [2.0, 3.0, 7.0]
    shorts = book.ladder("short")
    assert shorts.cumulative_size.tolist() == [3.0] and shorts.prices[0] == pytest.approx(100 * 1.2 / 1.01)


def test_crowd_book_is_seeded_and_open_at_price():
    a, b = perps.crowd_book(5000, seed=9), perps.crowd_book(5000, seed=9)
    assert np.array_equal(a.entry, b.entry) and np.array_equal(a.margin, b.margin)
    assert np.all(a.liquidation_prices() <= 2000 * 0.995 + 1e-9) and np.all(a.leverage <= 50 + 1e-9)
    assert not a.liquidated(2000.0).any()


def test_liquidation_probability_matches_simulation():
    """First passage of driftless GBM, against a seeded bridge-corrected simulation of log price."""
    d, sigma, hours = 0.02, 0.8, 24.0
    closed = perps.liquidation_probability(d, sigma, hours)
    rng = np.random.default_rng(4)
    T, steps, n = hours / 8760, 50, 40_000
    dt, a, m = T / steps, math.log(1 - d), -(sigma**2) / 2
    y, survive = np.zeros(n), np.ones(n)
    for _ in range(steps):
        y1 = y + m * dt + sigma * math.sqrt(dt) * rng.standard_normal(n)
        alive = (y > a) & (y1 > a)
        survive *= np.where(alive, 1 - np.exp(-2 * (y - a) * (y1 - a) / (sigma**2 * dt)), 0.0)
        y = y1
    hit = 1 - survive
    assert abs(hit.mean() - closed) < 4 * hit.std() / math.sqrt(n)


def test_position_book_refuses_bad_arrays():
    with pytest.raises(ValueError, match="side"):
        perps.PositionBook(np.array([1, 0]), [1.0, 1.0], [1.0, 1.0], [1.0, 1.0], 0.01)
    with pytest.raises(ValueError, match="shape"):
        perps.PositionBook(np.array([1, -1]), [1.0], [1.0, 1.0], [1.0, 1.0], 0.01)
    with pytest.raises(ValueError, match="maintenance"):
        perps.PositionBook(np.array([1]), [1.0], [100.0], [0.5], 0.01)
    with pytest.raises(ValueError, match="side must be"):
        perps.PositionBook.from_leverage("up", 1.0, 100.0, 10.0, 0.01)
    with pytest.raises(ValueError, match="broadcastable"):
        perps.PositionBook.from_leverage("long", [1.0, 2.0], [100.0, 1.0, 3.0], 10.0, 0.01)
    with pytest.raises(TypeError, match="price"):
        perps.crowd_book(10).equity("1")


# --- regressions: declared parameters -------------------------------------------------------------


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: sizing.continuous_kelly(0.1, 1e-200), "sigma"),  # ZeroDivisionError before
        (lambda: sizing.recursive_loop(1e-17, 5), "borrow_ratio"),  # a zero debt, ZeroDivisionError before
        (lambda: perps.liquidation_probability(0.1, 1e-200, 24), "sigma"),  # NaN before
        (lambda: sizing.drawdown_probability(0.5, 1e-300, horizon=1.0), "c"),
        (lambda: sizing.kelly_fraction(0.5, 5e-324), "b"),
        (lambda: perps.liquidation_probability(0.1, 0.8, 5e-324), "hours"),
    ],
)
def test_tiny_positives_are_refused_not_divided_by(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must (be|lie) in"):
        call()


def test_the_smallest_accepted_values_give_finite_results():
    k = sizing.continuous_kelly(0.1, 1e-6)
    assert math.isfinite(k.fraction) and math.isfinite(k.growth)
    loop = sizing.recursive_loop(1e-6, 5)
    assert all(map(math.isfinite, dataclasses.astuple(loop))) and loop.debt > 0
    assert 0.0 <= perps.liquidation_probability(0.1, 1e-6, 24) <= 1.0


def test_monte_carlo_budgets_are_capped():
    with pytest.raises(ValueError, match="paths x bets must be at most"):
        sizing.simulate_bets(0.55, 1.0, 0.1, bets=1000, paths=1_000_000)
    with pytest.raises(ValueError, match="paths x steps must be at most"):
        sizing.simulate_gbm_drawdown(0.5, 1.0, steps=10_000, paths=10_000)
    with pytest.raises(ValueError, match="paths x rounds must be at most"):
        sizing.ergodicity_coin(rounds=10_000, paths=10_000)
    with pytest.raises(ValueError, match="keep must be at most paths"):
        sizing.simulate_bets(0.55, 1.0, 0.1, bets=10, paths=5, keep=6)
    with pytest.raises(ValueError, match="n must be in"):
        perps.crowd_book(2_000_000)


def test_position_book_broadcasts_within_its_cap():
    with pytest.raises(ValueError, match="entry and leverage"):
        perps.liquidation_price(np.ones((2000, 1)), np.full(2000, 10.0), 0.01)
    with pytest.raises(ValueError, match="margin"):
        perps.PositionBook.from_leverage("long", 1e-9, 1e-9, 10.0, 0.01)
    book = perps.PositionBook(np.array([1.0, -1.0]), [1.0, 2.0], [2000.0, 2100.0], [100.0, 400.0], 0.01)
    assert book.side.dtype == np.int8 and book.ladder("short").cumulative_size.tolist() == [2.0]


def test_kelly_gain_loss_generalises_kelly_fraction():
    """f* = p/loss - q/gain maximises p ln(1 + gain f) + q ln(1 - loss f); loss = 1 is section 2's rule."""
    for p, gain, loss in ((0.5, 0.5, 0.4), (0.55, 1.0, 1.0), (0.3, 2.0, 0.25), (0.6, 0.1, 0.05)):
        k = sizing.kelly_gain_loss(p, gain, loss)
        f = np.linspace(0.0, min(1.0, 0.999 / loss), 200_001)
        g = p * np.log1p(gain * f) + (1 - p) * np.log1p(-loss * f)
        best = f[np.argmax(g)]
        if 0.0 < k.fraction < 1.0:
            assert best == pytest.approx(k.fraction, abs=1e-4) and g.max() == pytest.approx(k.growth, abs=1e-12)
    assert sizing.kelly_gain_loss(0.55, 1.0, 1.0).fraction == pytest.approx(sizing.kelly_fraction(0.55, 1.0))
    against = sizing.kelly_gain_loss(0.4, 1.0, 1.0)
    assert against.fraction < 0 and against.growth == 0.0 and against.all_in_growth == -math.inf


def test_loop_liquidation_with_mixed_collateral():
    """s = 0 is recursive_loop; the trigger rises with the DAI share and is infinite once cf C s >= D; at the
    trigger, debt x price = cf x (other collateral + DAI collateral x price) (Comptroller's shortfall = 0)."""
    base = sizing.recursive_loop(0.72, 10, 0.75)
    assert sizing.loop_liquidation(0.72, 10, 0.75).liquidation_price == pytest.approx(base.liquidation_price)
    prices = [
        sizing.loop_liquidation(0.72, 10, 0.75, debt_collateral_share=s).liquidation_price
        for s in np.linspace(0.0, 0.9, 10)
    ]
    assert np.all(np.diff(prices) > 0)
    for s in (0.1, 0.5, 0.8):
        r = sizing.loop_liquidation(0.72, 10, 0.75, debt_collateral_share=s)
        p = r.liquidation_price
        assert r.debt * p == pytest.approx(0.75 * (r.collateral * (1 - s) + r.collateral * s * p))
    assert sizing.loop_liquidation(0.72, 10, 0.75, debt_collateral_share=0.96).liquidation_price == math.inf


def test_tiered_margins_are_continuous_and_reduce_to_the_flat_rule():
    """Hyperliquid's deduction makes the maintenance margin continuous in notional; with one tier the tiered
    liquidation price is liquidation_price(entry, L, 1/(2 max leverage))."""
    eth = perps.HYPERLIQUID_TIERS["ETH"]
    for bound in (100e6,):
        below, above = perps.tiered_maintenance_margin(bound - 1e-3, eth), perps.tiered_maintenance_margin(bound, eth)
        assert above == pytest.approx(below, abs=1e-4)
    flat = [[0.0, 50.0]]
    r = perps.tiered_liquidation_price(2000.0, 10.0, 50.0, flat)
    assert r.liquidation_price == pytest.approx(perps.liquidation_price(2000.0, 50.0, 0.01))
    # at the liquidation price, equity equals the tiered maintenance margin, in the tier it lands in
    for size, lev in ((25_000.0, 25.0), (100_000.0, 15.0), (170_000.0, 10.0), (60_000.0, 15.0)):
        r = perps.tiered_liquidation_price(2000.0, size, lev, eth)
        equity = size * 2000.0 / lev + size * (r.liquidation_price - 2000.0)
        assert equity == pytest.approx(perps.tiered_maintenance_margin(size * r.liquidation_price, eth), rel=1e-9)
    with pytest.raises(ValueError, match="at most 15"):
        perps.tiered_liquidation_price(2000.0, 100_000.0, 25.0, eth)
    with pytest.raises(ValueError, match="first bound 0"):
        perps.tiered_maintenance_margin(1.0, [[5.0, 25.0]])
    assert perps.HYPERLIQUID_TIERS["BTC"] == ((0.0, 40.0), (150e6, 20.0))
