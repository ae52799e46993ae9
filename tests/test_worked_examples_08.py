"""Every number notebook 08's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from coordlab.labs import CascadeLab, FlashCrashLab
from coordlab.models import cascade, perps
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB08 = markdown(read(NOTEBOOK_DIR / "08_algorithmic_feedback.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB08, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: DOMAIN.md §0's Flash Crash and October 2025 figures, with their sources."""
    stated("**75,000 E-mini S&P 500 contracts (about \\$4.1 bn)**",
           "**9% of the previous minute's volume \"without regard to price or time\"**", "**about 20 minutes**",
           "more than 5 hours", "**close to 1,000 points**", "over 27,000 contracts, about 49% of all volume",
           "about 200 contracts net", "The E-mini fell about 5% in minutes", "joint CFTC–SEC staff report, 30 September 2010",
           "**\\$19 bn liquidated in 24 hours across some 1.6 million accounts**", "about **\\$17 bn** of it longs",
           "**\\$104.8k from \\$122.6k**", "**43% to \\$123 bn**", "**57%** on Hyperliquid", "**\\$0.65 on Binance**",
           "**first auto-deleveraging in over two years**", "Coinglass", "CoinShares", "CoinDesk Research")


TOY_BOOK = perps.PositionBook.from_leverage("long", [100.0] * 3, 2000.0, [20.0, 10.0, 5.0], 0.01)
TOY_POOL = cascade.Market.from_depth(2000.0, 2e6, fee=0.0)


def test_toy_cascade():
    assert np.round(TOY_BOOK.liquidation_prices(), 2).tolist() == [1919.19, 1818.18, 1616.16]
    small, big = cascade.cascade(TOY_POOL, TOY_BOOK, 20.0), cascade.cascade(TOY_POOL, TOY_BOOK, 21.0)
    assert round(small.final_price, 1) == 1922.3 and small.n_liquidated == 0
    assert round(big.final_price) == 1146 and round(1 - big.final_price / 2000, 2) == 0.43
    assert big.sold == 321.0 and round(big.sold / small.sold) == 16
    levels, jumps = cascade.LiquidationCascade(TOY_POOL, TOY_BOOK).tipping_points()
    assert round(float(levels[0]), 4) == 20.8356 and jumps.tolist() == [3]
    stated("1 919.19, 1 818.18 and 1 616.16", "Twenty ETH move the price to 1 922.3", "the price ends at 1 146, 43% down",
           "sixteen times larger sale (321 ETH instead of 20)", "All three longs fall at once at 20.8356 ETH")


def test_figure_1_and_the_discontinuity():
    lab = CascadeLab()
    lab.update(shock=1000.0, depth=100.0, leverage=5.0)
    r = lab.result
    run = r["run"]
    assert round(r["tipping"]) == 951 and round(r["my_share"]) == 97 and len(run.prices) - 2 == 19
    assert r["share"][95] < 3 and round(r["share"][96]) == 97  # 950 and 960 ETH on the 10-ETH grid
    assert round(run.prices[12], -1) == 1770 and round(run.prices[16], -1) == 860 and round(run.final_price, -1) == 840
    stated("dashed vertical line at about 951 ETH", "then jumps to 97%", "a square marks the 1 000 ETH shock at 97%",
           "drift down to about 1 770 by step 12", "plunge to about 860 by step 16 and settle near 840", "19 waves")
    lab.update(shock=940.0)
    below = lab.result
    assert below["run"].n_liquidated == 246 and round(below["my_share"]) == 3 and round(below["run"].final_price) == 1880
    assert round(r["tipping"] - 940) == 11 and r["biggest"][1] == 9076
    stated("at 940 ETH, the same market liquidates 246 positions (3% of notional) and the price stops at 1 880",
           "About 11 ETH more liquidate 9 076 positions at once")


def test_figure_1_crowd_has_no_rung_within_half_a_percent():
    """Figure 1's caption: the crowd is still open at 2 000, its highest rung 0.5% below, whatever the leverage."""
    for lev in (2.0, 5.0, 10.0, 30.0):
        top = perps.crowd_book(10_000, price=2000.0, seed=0, mean_leverage=lev).liquidation_prices().max()
        assert top <= 0.995 * 2000.0 + 1e-9
        if lev >= 5.0:
            assert top == pytest.approx(0.995 * 2000.0)                       # levered enough, the cap binds
    stated("all still open at 2 000, so no rung is within 0.5% of the price, whatever the leverage")


def test_stress_map():
    crowd = perps.crowd_book(10_000, price=2000.0, seed=0, mean_leverage=5.0)
    tip = {d: cascade.LiquidationCascade(cascade.Market.from_depth(2000.0, d * 1e6), crowd).tipping_shock(0.1)
           for d in (25.0, 100.0, 200.0, 275.0, 300.0, 400.0, 500.0)}
    assert round(tip[25.0], -1) == 60 and round(tip[100.0]) == 951 and round(tip[200.0]) == 2865
    assert round(tip[200.0], -2) == 2900 and round(tip[275.0], -1) == 4650
    assert all(math.isinf(tip[d]) for d in (300.0, 400.0, 500.0)) and round(tip[200.0] / tip[100.0]) == 3
    stated("about 60 ETH at 25 M of depth", "about 2 900 ETH at 200 M", "about 4 650 ETH at 275 M",
           "from 300 M of depth up there is no single jump", "triples the shock the market can take (951 → 2 865 ETH)",
           "at 400 M no single jump liquidates 10% of the book")


def test_flash_crash_and_figure_3():
    calm = cascade.flash_crash(hot_potato=0.0, mm_withdrawal=0.0, stop_density=0.0, minutes=600)
    assert calm.completed_minute == 246 and round(calm.completed_minute / 60) == 4
    lab = FlashCrashLab()
    run = lab.result["run"]
    assert run.completed_minute == 25 and round(run.low, 2) == 0.92 and int(run.price.argmin()) == 24
    assert run.depth.min() == 1.0 and run.price[70] > 0.999 > run.price[60]
    stated("the 75 000-unit order takes four hours", "dips smoothly to about 0.92 at minute 24",
           "recovers to within 0.1% of 1 by about minute 70", "climbs from 0 to 100% by minute 25",
           "turns a four-hour sale into a 25-minute one")
    gap = cascade.flash_crash(stop_density=3000.0)
    assert gap.depth.min() == pytest.approx(0.05) and gap.low < 0.5


def test_exercise_solutions():
    assert round(TOY_POOL.price_after_sale(100.0), 2) == 1652.89 and round(1 - 1652.89 / 2000, 2) == 0.17
    assert round(float(TOY_POOL.sale_to_reach(1800.0)), 2) == 54.09
    assert round(1000 * (math.sqrt(2000 / 1919.19) - 1), 2) == 20.84
    received = TOY_POOL.y - TOY_POOL.sell(100.0).y                          # the USD the 100 ETH fetch
    assert round(received) == 181818 and round(received / 100, 2) == 1818.18 > 1652.9
    stated("= 1\\,652.89...$, so **1 652.9** USD per ETH", "a 17% fall", "**54.09 ETH**",
           "The sale itself gets 181,818 USD, an average of 1 818.18 per ETH")


def test_exercise_3_a_smaller_first_rung():
    book = perps.PositionBook.from_leverage("long", [20.0, 100.0, 100.0], 2000.0, [20.0, 10.0, 5.0], 0.01)
    s = [float(TOY_POOL.sale_to_reach(p)) for p in book.liquidation_prices()]
    assert [round(x, 2) for x in s] == [20.84, 48.81, 112.43]
    first = cascade.cascade(TOY_POOL, book, s[0] + 1e-9)
    assert first.n_liquidated == 1 and round(first.sold, 2) == 40.84 and round(first.final_price, 1) == 1846.1
    levels, jumps = cascade.LiquidationCascade(TOY_POOL, book).tipping_points()
    assert [round(float(x), 2) for x in levels] == [20.84, 28.81] and jumps.tolist() == [1, 2]
    assert round(s[1] - 20, 2) == 28.81 and round(float(levels[1]) + 120, 2) == 148.81 and s[1] - 20 + 120 > s[2]
    stated("(1 919.19, 1 818.18, 1 616.16)", "\\approx 20.84$ ETH liquidates the 20× long",
           "only to 40.84 ETH and the price to 1 846.1", "$s(1818.18) \\approx 48.81$ ETH", "$48.81 - 20 =$ **28.81 ETH**",
           "to 148.81 ETH, past $s(1616.16) \\approx 112.43$", "jumps by 1 at 20.84 and by 2 at 28.81")


def test_exercise_4_a_150_m_pool():
    crowd = perps.crowd_book(10_000, seed=0, mean_leverage=5.0)
    tip = {d: cascade.LiquidationCascade(cascade.Market.from_depth(2000.0, d * 1e6), crowd).tipping_shock(0.1)
           for d in (100.0, 150.0)}
    assert round(tip[150.0], 1) == 1803.6 and round(tip[100.0], 1) == 950.6 and 1.85 < tip[150.0] / tip[100.0] < 2
    lab = CascadeLab()
    assert "Tipping shock (exact): 1,803.6 ETH" in lab.update(depth=150.0, leverage=5.0)
    stated("About **1 803.6 ETH**", "almost twice the 100 M pool's 950.6, for 1.5 times the depth")


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
    book = perps.PositionBook(np.concatenate([crowd.side, [-1.0]]), np.append(crowd.size, 50.0),
                              np.append(crowd.entry, 2000.0), np.append(crowd.margin, 20_000.0), crowd.mmr)
    pool = cascade.Market.from_depth(2000.0, 20e6, fee=0.0)
    longs = book.side == 1
    for shock in (50.0, 150.0, 400.0):
        want = cascade.cascade(pool, book, shock)
        got = cascade_sale(pool.x, 2000.0, shock, book.liquidation_prices()[longs].tolist(), book.size[longs].tolist())
        assert got == pytest.approx(want.sold, rel=1e-9) and want.wave[-1] == 0
    with pytest.raises(ValueError, match="shock"):
        cascade.cascade(pool, book, -1.0)
    stated("`coordlab.models.cascade.cascade` runs the same waves", "section 3's `LiquidationCascade` is exact",
           "### Exercise 6 (open design)")
