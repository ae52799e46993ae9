"""Every number notebook 08's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coordlab.labs import CascadeLab, FlashCrashLab
from coordlab.models import amm, cascade, perps
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB08 = markdown(read(NOTEBOOK_DIR / "08_algorithmic_feedback.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB08, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: the Flash Crash (CFTC–SEC staff report; CME's rebuttal; the Sarao case) and October 2025 figures, with
    sources.
    """
    stated(
        "**75,000 E-mini S&P 500 contracts (about \\$4.1 bn)**",
        '**9% of the previous minute\'s volume "without regard to price or time"**',
        "**about 20 minutes**",
        "more than 5 hours",
        "**close to 1,000 points**",
        "over 27,000 contracts, about 49% of all volume",
        "about 200 contracts net",
        "The E-mini fell about 5% in minutes",
        "joint CFTC–SEC staff report, 30 September 2010",
        "**\\$19 bn liquidated in 24 hours across some 1.6 million accounts**",
        "about **\\$17 bn** of it longs",
        "**\\$104.8k from \\$122.6k**",
        "**43% to \\$123 bn**",
        "**57%** on Hyperliquid",
        "**\\$0.65 on Binance**",
        "**first cross-margin auto-deleveraging in over two years**",
        "Coinglass",
        "CoinShares",
        "CoinDesk Research",
        "CoinDesk's reference rate puts the low at \\$106,560",
    )
    # CME's statement of 1 October 2010 and the Sarao case, each with its source in the references
    assert round(75_000 / 5.7e6 * 100, 1) == 1.3
    stated(
        "statement of 1 October 2010",
        "**1.3% of the day's 5.7 million**",
        "**under 5% of the sales**",
        "13:45:28 Chicago time",
        "did not trigger the crash",
        "**April 2015**",
        "**Navinder Singh Sarao**",
        "over 20% of the E-mini sell orders visible in the book",
        "**November 2016**",
        "consent order of 17 November 2016",
        "CME Group (1 October 2010), press statement",
        "guilty plea of 9 November 2016 (spoofing and wire fraud)",
        # the published paper's finding, and the working paper's words for the rest
        "did not change how they traded as prices fell",
        "their working paper (2011) concluded",
        # the Justice Department's complaint: layered orders from 11:17 to 13:40 CT, the low at 13:45:28
        "filed under seal on 11 February, the CFTC's on 17 April; both were made public on 21 April",
        "from 11:17 until he cancelled them at 13:40 Chicago time, five minutes before the low",
        "sentenced in January 2020 to a year of home detention",
    )
    # the hot-potato ratio §5 quotes: 27,000 contracts traded for about 200 added
    assert 27_000 / 200 == 135
    stated("about 135 contracts for each contract of net position they added")
    # the ADL claim is the co-founder's statement, not the co-founder's own account being deleveraged (review)
    stated("in the words of its co-founder Jeff Yan's post on X after the event")
    assert "(its founder's account)" not in NB08


def test_version_box_for_the_pool():
    """§2 carries a version box for the Uniswap v2 pool it models, linked to a commit."""
    stated(
        "> **Version box · Uniswap v2 constant-product pool**",
        "https://github.com/Uniswap/v2-core/blob/aacf3a7caf5b136f1936527f407deb8043749443/contracts/UniswapV2Pair.sol",
        "Uniswap v3 (May 2021)",
        "Uniswap v4 (January 2025)",
        "> - **Does it change the lesson?** No:",
    )


TOY_BOOK = perps.PositionBook.from_leverage("long", [100.0] * 3, 2000.0, [20.0, 10.0, 5.0], 0.01)
TOY_POOL = amm.ConstantProductPool.from_depth(2000.0, 2e6, fee=0.0)


def test_toy_cascade():
    assert np.round(TOY_BOOK.liquidation_prices(), 2).tolist() == [1919.19, 1818.18, 1616.16]
    small, big = cascade.cascade(TOY_POOL, TOY_BOOK, 20.0), cascade.cascade(TOY_POOL, TOY_BOOK, 21.0)
    assert round(small.final_price, 1) == 1922.3 and small.n_liquidated == 0
    assert round(big.final_price) == 1146 and round(1 - big.final_price / 2000, 2) == 0.43
    assert big.sold == 321.0 and round(big.sold / small.sold) == 16
    points = cascade.LiquidationCascade(TOY_POOL, TOY_BOOK).tipping_points()
    levels, jumps = points.shocks, points.jumps
    assert round(float(levels[0]), 4) == 20.8356 and jumps.tolist() == [3]
    stated(
        "1 919.19, 1 818.18 and 1 616.16",
        "Twenty ETH move the price to 1 922.3",
        "the price ends at 1 146, 43% down",
        "sixteen times larger sale (321 ETH instead of 20)",
        "All three longs fall at once at 20.8356 ETH",
    )


CROWD = dict(seed=0, mean_leverage=5.0, entry_spread=0.02)  # Figure 1's crowd (the cascade lab's)


def test_figure_1_and_the_discontinuity():
    lab = CascadeLab()
    lab.update(shock=1000.0, depth=100.0, leverage=5.0)
    r = lab.result
    run = r["run"]
    assert round(r["tipping"]) == 957 and round(r["my_share"]) == 97 and len(run.prices) - 2 == 20
    assert r["share"][95] < 3 and round(r["share"][96]) == 97  # 950 and 960 ETH on the 10-ETH grid
    assert 99.9 < r["share"][-1] < 100.0
    assert round(run.prices[12], -1) == 1820 and round(run.prices[16], -1) == 1020 and round(run.final_price, -1) == 840
    stated(
        "dashed vertical line at about 957 ETH",
        "then jumps to 97% and creeps towards 100%",
        "a square marks the 1 000 ETH shock at 97%",
        "drift down to about 1 820 by step 12",
        "plunge to about 1 020 by step 16 and settle near 840",
        'a box says 20 waves and "synthetic crowd (seeded)"',
    )
    lab.update(shock=940.0)
    below = lab.result
    assert (
        below["run"].n_liquidated == 229 and round(below["my_share"]) == 3 and round(below["run"].final_price) == 1883
    )
    assert round(r["tipping"] - 940) == 17 and r["biggest"][1] == 9082
    stated(
        "at 940 ETH, the same market liquidates 229 positions (3% of notional) and the price stops at 1 883",
        "About 17 ETH more liquidate 9 082 positions at once",
    )


def test_figure_1_crowd_is_the_survivors():
    """Figure 1's caption: every long of the crowd is still open at 2 000, with rungs spread down from the price."""
    for lev in (2.0, 5.0, 10.0, 30.0):
        book = cascade.survivor_crowd(10_000, price=2000.0, seed=0, mean_leverage=lev)
        assert len(book) == 10_000 and (book.liquidation_prices() < 2000.0).all()
    top = cascade.survivor_crowd(10_000, mean_leverage=20.0).liquidation_prices().max()
    assert top > 0.999 * 2000.0  # no 0.5% gap: rungs reach the price
    stated(
        "`cascade.survivor_crowd`, seeded: entries spread log-normally by 2% around 2 000",
        "a long whose liquidation price is at or above 2 000 was liquidated on the way there and is left out",
    )


def _tip(depth_m: float = 100.0, **crowd) -> float:
    book = cascade.survivor_crowd(10_000, **{**CROWD, **crowd})
    return cascade.LiquidationCascade(amm.ConstantProductPool.from_depth(2000.0, depth_m * 1e6), book).tipping_shock(
        0.1
    )


def test_what_sets_the_cliff():
    """§3's sweep: entry spread and leverage, the seeds, and the two densities (pool vs ladder) near the price."""
    at = {(sp, lev): _tip(entry_spread=sp, mean_leverage=lev) for sp in (0.0, 0.04) for lev in (5.0,)}
    assert round(at[0.0, 5.0], -1) == 1040 and round(at[0.04, 5.0], -2) == 700
    assert (
        round(_tip(mean_leverage=7.0)) == 368 and round(_tip(mean_leverage=10.0)) == 55 and _tip(mean_leverage=20.0) < 1
    )
    seeds = [_tip(seed=s) for s in range(20)]
    assert (round(min(seeds)), round(max(seeds))) == (833, 1042)
    pool = amm.ConstantProductPool.from_depth(2000.0, 100e6, fee=0.0)
    assert pool.x == 50_000 and round(float(pool.sale_to_reach(0.99 * 2000.0)), -1) == 250 == pool.x / 200
    near = {}
    for lev in (5.0, 20.0):
        book = cascade.survivor_crowd(10_000, **{**CROWD, "mean_leverage": lev})
        near[lev] = float(book.size[book.liquidation_prices() >= 0.99 * 2000.0].sum())
    assert (round(near[5.0]), round(near[20.0])) == (19, 1713) and near[5.0] < 250 < near[20.0]
    # the old crowd_book cap: every crowd from 10x up tips at the sale that reaches 1 990
    capped = amm.ConstantProductPool.from_depth(2000.0, 100e6)
    first_rung = float(capped.sale_to_reach(0.995 * 2000.0))
    assert round(first_rung, 1) == 125.7
    for lev in (10.0, 20.0, 30.0):
        old = perps.crowd_book(10_000, price=2000.0, seed=0, mean_leverage=lev)
        assert cascade.LiquidationCascade(capped, old).tipping_shock(0.1) == pytest.approx(first_rung)
    stated(
        "(2%: positions opened over the last few days of trading) and the typical leverage (5×)",
        "from about 1 040 ETH with every entry at 2 000 to about 700 with a 4% spread",
        "across 20 seeds at 2% it runs from 833 to 1 042 ETH",
        "368 ETH at 7×, 55 at 10×, and a fraction of one ETH at 20×",
        "about 250 ETH in this 50 000-ETH pool",
        "The 5× crowd has 19 ETH of longs with rungs within 1% below 2 000; the 20× crowd has 1 713",
        "piles the highest rungs of every levered crowd on 1 990",
        "the 125.7 ETH that reach 1 990",
    )


def test_stress_map():
    crowd = cascade.survivor_crowd(10_000, price=2000.0, **CROWD)
    tip = {
        d: cascade.LiquidationCascade(amm.ConstantProductPool.from_depth(2000.0, d * 1e6), crowd).tipping_shock(0.1)
        for d in (25.0, 100.0, 200.0, 275.0, 300.0, 400.0, 500.0)
    }
    assert round(tip[25.0], -1) == 70 and round(tip[100.0]) == 957 and round(tip[200.0]) == 2871
    assert round(tip[200.0], -1) == 2870 and round(tip[275.0], -1) == 4660
    assert all(math.isinf(tip[d]) for d in (300.0, 400.0, 500.0)) and round(tip[200.0] / tip[100.0]) == 3
    stated(
        "about 70 ETH at 25 M of depth",
        "about 2 870 ETH at 200 M",
        "about 4 660 ETH at 275 M",
        "from 300 M of depth up there is no single jump",
        "triples the shock the market can take (957 → 2 871 ETH)",
        "at 400 M no single jump liquidates 10% of the book",
    )


def test_flash_crash_gain_and_runs():
    """§5: the feedback gain, the runs with one rule at a time, and the claims about them."""
    assert round(cascade.feedback_gain(0.09, 8.0), 2) == 0.81
    assert round(1 / 0.09 - 1, 1) == 10.1 and cascade.feedback_gain(0.09, 1 / 0.09 - 1) == pytest.approx(1.0)
    assert cascade.feedback_gain(0.09, 10.2) > 1.0 > cascade.feedback_gain(0.09, 10.1)
    calm = cascade.flash_crash(hot_potato=0.0, mm_withdrawal=0.0, stop_density=0.0, minutes=600)
    assert calm.completed_minute == 246 and round(calm.completed_minute / 60) == 4
    volume_only = cascade.flash_crash(mm_withdrawal=0.0, stop_density=0.0, minutes=600)
    assert volume_only.completed_minute == 19 and volume_only.depth.min() == 1.0
    assert cascade.flash_crash(hot_potato=6.0, mm_withdrawal=0.0, stop_density=0.0).completed_minute == 30
    assert (
        cascade.flash_crash(mm_withdrawal=0.0, stop_density=0.0, value_buyers=0.0, minutes=600).completed_minute == 61
    )
    stops_only, mm_only, both = (
        cascade.flash_crash(mm_withdrawal=0.0),
        cascade.flash_crash(stop_density=0.0),
        cascade.flash_crash(),
    )
    assert (round(stops_only.low, 3), round(mm_only.low, 3), round(both.low, 3)) == (0.901, 0.876, 0.417)
    assert stops_only.depth.min() == 1.0 and mm_only.stops_triggered[-1] == 0.0 and both.completed_minute == 16
    stated(
        "Each run covers the same 600 minutes, book and order; only the rules named differ",
        "is 0.81 at the lab's defaults, $p$ = 9% (the report's figure) and $h$ = 8",
        "($h \\ge 1/p - 1 \\approx 10.1$ at 9%)",
        "the 75 000-unit order takes four hours",
        "turns the four-hour sale into a 19-minute one",
        "(30 minutes at $h$ = 6,",
        "without value buyers the same sale takes 61 minutes",
        "with stops and market makers who stay, the price falls to 0.901",
        "with market makers who step back and no stops, to 0.876",
        "Together they crash it to 0.417",
    )


def test_flash_crash_cliff_and_the_e_mini():
    low = {(h, s): cascade.flash_crash(hot_potato=h, stop_density=s).low for h in (6.5, 7.0) for s in (1000.0,)}
    assert round(low[6.5, 1000.0], 3) == 0.913 and round(low[7.0, 1000.0], 3) == 0.581
    assert round(cascade.feedback_gain(0.09, 6.5), 3) == 0.675 and round(cascade.feedback_gain(0.09, 7.0), 2) == 0.72
    # the cliff: where the largest one-minute fall first exceeds the 1% tolerance (with market makers who stay)
    for h in (6.5, 7.0):
        stay = cascade.flash_crash(hot_potato=h, mm_withdrawal=0.0)
        worst = float(np.max(-np.diff(stay.price) / stay.price[:-1]))
        run = cascade.flash_crash(hot_potato=h)
        assert (worst > 0.01) == (run.depth.min() < 1.0)
    stated("from 0.913 at $h$ = 6.5 (gain 0.675) to 0.581 at $h$ = 7 (gain 0.72)")

    # ... but a breach alone is not the cliff: what is still to sell when it comes decides
    def first_breach(run):
        falls = -np.diff(run.price) / run.price[:-1]
        t = int(np.argmax(falls > 0.01)) + 1  # the minute that fell more than 1%
        return t, float(falls[t - 1]), float(run.seller_sold[t] / 75_000)

    dip, crash = cascade.flash_crash(hot_potato=6.5), cascade.flash_crash(hot_potato=7.0)
    t, fall, sold = first_breach(dip)
    assert (
        round(100 * fall, 2) == 1.02
        and round(100 * sold) == 99
        and dip.depth.min() == 0.5
        and round(dip.low, 3) == 0.913
    )
    t, fall, sold = first_breach(crash)
    assert round(100 * sold) == 75 and crash.stops_triggered[t] < 0.25 * crash.stops_triggered[-1]
    assert crash.depth.min() == pytest.approx(0.05)
    no_stops = cascade.flash_crash(stop_density=0.0)
    t, fall, sold = first_breach(no_stops)
    assert round(100 * sold) == 77 and no_stops.depth.min() == pytest.approx(0.05) and round(no_stops.low, 3) == 0.876
    stated(
        "At $h$ = 6.5 one minute falls 1.02%, with 99% of the order sold",
        "comes with 75% of the order sold",
        "with 77% of the order done and nothing else to sell the price stops at 0.876",
    )
    # against the E-mini: the sale's duration, the dips' size, the crash's depth
    lows = [cascade.flash_crash(**kw).low for kw in (dict(mm_withdrawal=0.0), dict(stop_density=0.0))]
    assert 0.08 < 1 - max(lows) and 1 - min(lows) < 0.13
    assert cascade.flash_crash().low < 0.5
    stated(
        "The model's sale is done in 16 minutes (the report: about 20)",
        "Its dips (8% to 12% here)",
        "the model's price falls by more than half",
    )


def test_figure_3():
    lab = FlashCrashLab()
    run = lab.result["run"]
    assert run.completed_minute == 16 and round(run.low, 2) == 0.42 and int(run.price.argmin()) == 16
    assert round(run.price[12], 2) == 0.95 and run.price[63] < 0.99 <= run.price[64]
    assert run.depth[13] == 0.5 and run.depth[12] == 1.0 and run.depth[17] == pytest.approx(0.05)
    assert run.depth[42] == pytest.approx(0.05) and run.depth[43] > 0.05
    moves = np.abs(np.diff(run.price) / run.price[:-1])
    assert (moves[16:41] > 0.01).all()  # the rebound keeps them away
    assert round(100 * run.seller_sold[16] / 75_000) == 100 and run.seller_sold[15] < 75_000
    stated(
        "hot-potato volume 8× the directional volume (gain 0.81)",
        "slides to 0.95 by minute 12",
        "then gaps down to 0.42 at minute 16",
        "within 1% of 1 by about minute 64",
        "climbs from 0 to 100% by minute 16",
        "halves at minute 13",
        "the 5% of stub quotes by minute 17",
        "returns from minute 43",
        '"stylised, not the E-mini"',
        "the sale is done in 16 minutes and the price bottoms at 0.417",
    )
    assert "price bottoms at 0.417 in minute 16" in lab.summary(lab.result)
    assert "Feedback gain p(1+h) = 0.81" in lab.summary(lab.result)


def test_exercise_solutions():
    assert round(TOY_POOL.price_after_sale(100.0), 2) == 1652.89 and round(1 - 1652.89 / 2000, 2) == 0.17
    assert round(float(TOY_POOL.sale_to_reach(1800.0)), 2) == 54.09
    assert round(1000 * (math.sqrt(2000 / 1919.19) - 1), 2) == 20.84
    received = TOY_POOL.sell(100.0).amount_out  # the USD the 100 ETH fetch
    assert round(received) == 181818 and round(received / 100, 2) == 1818.18 > 1652.9
    stated(
        "= 1\\,652.89...$, so **1 652.9** USD per ETH",
        "a 17% fall",
        "**54.09 ETH**",
        "The sale itself gets 181,818 USD, an average of 1 818.18 per ETH",
    )


def test_exercise_3_a_smaller_first_rung():
    book = perps.PositionBook.from_leverage("long", [20.0, 100.0, 100.0], 2000.0, [20.0, 10.0, 5.0], 0.01)
    s = [float(TOY_POOL.sale_to_reach(p)) for p in book.liquidation_prices()]
    assert [round(x, 2) for x in s] == [20.84, 48.81, 112.43]
    first = cascade.cascade(TOY_POOL, book, s[0] + 1e-9)
    assert first.n_liquidated == 1 and round(first.sold, 2) == 40.84 and round(first.final_price, 1) == 1846.1
    points = cascade.LiquidationCascade(TOY_POOL, book).tipping_points()
    levels, jumps = points.shocks, points.jumps
    assert [round(float(x), 2) for x in levels] == [20.84, 28.81] and jumps.tolist() == [1, 2]
    assert round(s[1] - 20, 2) == 28.81 and round(float(levels[1]) + 120, 2) == 148.81 and s[1] - 20 + 120 > s[2]
    stated(
        "(1 919.19, 1 818.18, 1 616.16)",
        "\\approx 20.84$ ETH liquidates the 20× long",
        "only to 40.84 ETH and the price to 1 846.1",
        "$s(1818.18) \\approx 48.81$ ETH",
        "$48.81 - 20 =$ **28.81 ETH**",
        "to 148.81 ETH, past $s(1616.16) \\approx 112.43$",
        "jumps by 1 at 20.84 and by 2 at 28.81",
    )


def test_exercise_4_a_150_m_pool():
    crowd = cascade.survivor_crowd(10_000, **CROWD)
    tip = {
        d: cascade.LiquidationCascade(amm.ConstantProductPool.from_depth(2000.0, d * 1e6), crowd).tipping_shock(0.1)
        for d in (100.0, 150.0)
    }
    assert (
        round(tip[150.0], 1) == 1809.6 and round(tip[100.0], 1) == 956.7 and round(tip[150.0] / tip[100.0], 2) == 1.89
    )
    lab = CascadeLab()
    assert "Tipping shock (exact): 1,809.6 ETH" in lab.update(depth=150.0, leverage=5.0)
    # the argument: thresholds scale as k s - C = k (s - C) + (k - 1) C, so every one grows more than k-fold
    lc100 = cascade.LiquidationCascade(amm.ConstantProductPool.from_depth(2000.0, 100e6, fee=0.0), crowd)
    lc150 = cascade.LiquidationCascade(amm.ConstantProductPool.from_depth(2000.0, 150e6, fee=0.0), crowd)
    need100 = lc100.pool.sale_to_reach(lc100.rungs)
    need150 = lc150.pool.sale_to_reach(lc150.rungs)
    assert np.allclose(need150, 1.5 * need100, rtol=1e-9)  # s(L) is linear in depth
    k, c = 1.5, lc100.cum[:-1]
    assert np.allclose(need150 - c, k * (need100 - c) + (k - 1) * c, rtol=1e-9, atol=1e-6)
    stated(
        "About **1 809.6 ETH**",
        "1.89 times the 100 M pool's 956.7, for 1.5 times the depth",
        "grows linearly with the depth $x_0$, while the liquidations' sizes $C_i$ stay fixed in ETH",
        "The tipping shock therefore grows more than $k$-fold",
    )


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "08_algorithmic_feedback.ipynb"), heading)


def test_exercise_5_worked_solution_runs_the_cascade_of_section_2():
    cascade_sale = _worked_solution("### Exercise 5 (write it yourself)")["cascade_sale"]
    rungs = TOY_BOOK.liquidation_prices().tolist()
    for shock in (0.0, 20.0, 21.0, 25.0, 500.0):
        want = cascade.cascade(TOY_POOL, TOY_BOOK, shock).sold
        assert cascade_sale(1000.0, 2000.0, shock, rungs, [100.0] * 3) == pytest.approx(want, rel=1e-12)
    assert cascade_sale(1000.0, 2000.0, 21.0, rungs[::-1], [100.0] * 3) == pytest.approx(321.0)  # in any order
    # a crowd of longs and shorts: coordlab computes the rungs from the positions and leaves the shorts out
    crowd = perps.crowd_book(2_000, seed=0, mean_leverage=5.0)
    book = perps.PositionBook(
        np.concatenate([crowd.side, [-1.0]]),
        np.append(crowd.size, 50.0),
        np.append(crowd.entry, 2000.0),
        np.append(crowd.margin, 20_000.0),
        crowd.mmr,
    )
    pool = amm.ConstantProductPool.from_depth(2000.0, 20e6, fee=0.0)
    longs = book.side == 1
    for shock in (50.0, 150.0, 400.0):
        want = cascade.cascade(pool, book, shock)
        got = cascade_sale(pool.x, 2000.0, shock, book.liquidation_prices()[longs].tolist(), book.size[longs].tolist())
        assert got == pytest.approx(want.sold, rel=1e-9) and want.wave[-1] == 0
    with pytest.raises(ValueError, match="shock"):
        cascade.cascade(pool, book, -1.0)
    stated(
        "`coordlab.models.cascade.cascade` runs the same waves",
        "section 3's `LiquidationCascade` is exact",
        "### Exercise 6 (open design)",
    )


def test_what_the_report_says_about_h():
    """§5: the report's 14 seconds bound h from below (HFTs 49% of volume), the base volume's 5-hour sale, h = 1."""
    share = 0.49  # HFTs' share of the 14 seconds' volume
    assert round(share / (1 - share), 2) == 0.96  # h >= HFT volume / everyone else's
    assert round(75_000 / (0.09 * 2_800)) == 298 and round(75_000 / (0.09 * 2_800) / 60) == 5
    low_h = cascade.flash_crash(hot_potato=1.0, mm_withdrawal=0.0, stop_density=0.0, minutes=600)
    assert low_h.completed_minute == 194 and round(cascade.feedback_gain(0.09, 1.0), 2) == 0.18
    assert round(1.6e6 / 60) > 9 * 2_800  # the hour's volume, ten times the base
    stated(
        "so even if all the rest had been one-way selling and buying, $h$ was about 1 there",
        "measures their churn, not $h$",
        "$75\\,000/(0.09 \\times 2\\,800) \\approx 298$ minutes",
        "1.6 million E-mini contracts traded between 13:00 and 14:00 Chicago time",
        "and 194 minutes at $h$ = 1, the least the report's 14 seconds allow",
    )


def test_hyperliquid_eth_margin_rule():
    """§3 and the limits: the crowd's stylised 1% / 50x rule against Hyperliquid's ETH tier (25x, 2% maintenance)."""
    assert perps.hyperliquid_mmr(50.0) == pytest.approx(0.01)  # the crowd's rule: half of 1/50
    assert 0.5 / 25.0 == 0.02  # ETH: half the 4% initial margin at 25x
    pool = amm.ConstantProductPool.from_depth(2000.0, 100e6)

    def tip(lev):
        book = cascade.survivor_crowd(10_000, seed=0, mean_leverage=lev, max_leverage=25.0, mmr=0.02)
        return cascade.LiquidationCascade(pool, book).tipping_shock(0.1)

    assert round(tip(5.0)) == 714 and tip(10.0) < 1
    stated(
        "log-normal leverages capped at 50×, a 1% maintenance margin",
        "Hyperliquid's ETH market caps leverage at 25× and charges a 2% maintenance margin",
        "the same crowds tip at 714 ETH at 5× and at under 1 ETH at 10×",
        "(20% of a position over 100 000 USDC first; for 30 seconds after that, liquidation orders for the whole "
        "position)",
        "below two thirds of its maintenance margin to a backstop liquidator vault",
        "the median of three prices of which only one is its own book's",
    )
    assert "20% at a time" not in NB08  # the docs: after a partial liquidation, 30 s of whole-position orders


def test_definitions_the_figures_use():
    """Figure 1's notional (size x liquidation price, as the lab and tipping_shock compute it); §5's stop ladder to
    -30%.
    """
    book = cascade.survivor_crowd(10_000, seed=0, mean_leverage=5.0)
    lc = cascade.LiquidationCascade(amm.ConstantProductPool.from_depth(2000.0, 100e6), book)
    notional = lc.sizes * lc.rungs
    levels = lc.tipping_points().shocks
    tip = lc.tipping_shock(0.1)
    k0, k1 = (int(np.searchsorted(lc.threshold, tip, side=s)) for s in ("left", "right"))
    assert notional[k0:k1].sum() >= 0.1 * notional.sum() and tip in levels
    run = cascade.flash_crash()
    assert run.stops_triggered[-1] == pytest.approx(1000.0 * 30)  # 1 000 per 1%, down to -30%
    assert cascade.STOP_FLOOR == 0.30 and round(1000.0 * 100 * cascade.STOP_FLOOR / 75_000, 2) == 0.4  # two fifths
    stated(
        "Notional, here and in the lab, is each long's size times its liquidation price",
        "stop-loss orders spread evenly below the starting price, down to a floor 30% below it "
        "(`stop_floor = 0.30`, an assumption",
        "30% is already six times the E-mini's fall",
        "that is 30 000 units, two fifths of the order",
        "Brunnermeier and Pedersen (2009) call a loss spiral",
        "at an assumed $h$ of 6 to 8 (§5: the report bounds it only from below, at about 1)",
        "Limit Up–Limit Down price bands (approved May 2012, in force from April 2013)",
    )


def test_stress_map_across_seeds():
    """§4: doubling the depth from 100 M to 200 M multiplies the tipping shock by 2.7 to 3.4 over 20 crowds; at 400
    M,
    15 of them have no single jump of 10%."""
    ratios, none = [], 0
    for seed in range(20):
        book = cascade.survivor_crowd(10_000, seed=seed)
        tip = [
            cascade.LiquidationCascade(amm.ConstantProductPool.from_depth(2000.0, d * 1e6), book).tipping_shock(0.1)
            for d in (100.0, 200.0, 400.0)
        ]
        ratios.append(tip[1] / tip[0])
        none += math.isinf(tip[2])
    assert (round(min(ratios), 1), round(max(ratios), 1)) == (2.7, 3.4) and none == 15
    stated(
        "doubling the depth multiplies the tipping shock by 2.7 to 3.4, and at 400 M 15 of the 20 crowds have no such "
        "jump"
    )


def test_the_hidden_constants_move_the_cliff():
    """§5: the book's depth, the market makers' withdrawal and the value buyers' keenness, each turning the default
    crash.
    """
    assert round(cascade.flash_crash().low, 3) == 0.417
    assert round(cascade.flash_crash(depth=1.5e6).low, 3) == 0.931
    assert round(cascade.flash_crash(mm_withdrawal=0.2).low, 3) == 0.839
    assert round(cascade.flash_crash(value_buyers=0.2).low, 3) == 0.918
    stated(
        "a book 1.5 M units deep instead of 1 M gives a dip (0.931)",
        "instead of half give 0.839",
        "(spending 0.2 instead of 0.05 of the book's dollars per unit of discount) give 0.918",
    )


def test_stop_floor_sets_how_deep_not_whether():
    """§5 (review of issue 13): the -30% floor of the stop ladder is a named parameter (`stop_floor`); on the crash
    side (h = 8) every stop is used and the low follows the floor (0.597 at 10% ... 0.289 at 50%), on the dip side
    (h = 6.5) the floor changes nothing (0.913)."""
    floors = (0.1, 0.2, 0.3, 0.4, 0.5)
    crash = [cascade.flash_crash(hot_potato=8.0, stop_floor=f) for f in floors]
    dip = [cascade.flash_crash(hot_potato=6.5, stop_floor=f) for f in floors]
    assert [round(r.low, 3) for r in crash] == [0.597, 0.511, 0.417, 0.357, 0.289]
    assert all(r.stops_triggered[-1] == pytest.approx(1000.0 * 100 * f) for r, f in zip(crash, floors))
    assert {round(r.low, 3) for r in dip} == {0.913}
    assert crash[2].low == cascade.flash_crash().low  # the default floor is 0.30
    stated(
        "how far a crash goes is set by the floor, an input: from 0.597 with stops down to 10% to 0.289 with "
        "stops down to 50%",
        "The dip at $h$ = 6.5 is 0.913 at every floor",
        "So the model's \"falls by more than half\" is the floor's doing, not a finding",
        "its crashes far deeper (how deep is set by an assumed floor of the stop ladder, §5)",
    )
    # the floor sets how many stops there are, not a bound on the price: the low falls well past the floor
    assert all(r.low < 1.0 - f for r, f in zip(crash, floors))
    stated(
        "the floor below which nobody placed a stop sets how many stops there are (1 000 units for each 1% down to "
        "it), how much they sell, and so how far the price falls (well past the floor itself"
    )
    assert "bounds how far the price falls" not in NB08


def test_flash_crash_docstring_cliff_is_the_model_s():
    """The docstring's cliff (a dip to 6.75, a crash from 7, at the other defaults) is what the model does: the low
    falls by more between 6.75 and 7 than over all of 6 to 6.75, and the jump is the largest of a 0.25 grid."""
    hs = np.arange(6.0, 8.01, 0.25)
    lows = np.array([cascade.flash_crash(hot_potato=float(h)).low for h in hs])
    assert [round(x, 3) for x in lows[:5]] == [0.922, 0.919, 0.913, 0.890, 0.581]
    drops = -np.diff(lows)
    assert int(np.argmax(drops)) == 3 and drops[3] > lows[0] - lows[3]
    doc = cascade.flash_crash.__doc__
    assert "0.922 at a hot potato of 6, 0.913 at" in doc and "then 0.581 at 7" in doc
