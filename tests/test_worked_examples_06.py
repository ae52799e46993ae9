"""Every number notebook 06's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import LiquidityTrapLab, TerraLab
from coordlab.models import amm, pegs
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB06 = markdown(read(NOTEBOOK_DIR / "06_liquidity_traps.ipynb"))
E18 = 10**18


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB06, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: the Terra and Iron Finance figures, with their sources."""
    stated(
        "**\\$18.6 bn**",
        "\\$86, below its \\$119 high",
        "**80,394 BTC**",
        "**340–345 M to 1.5 bn on 11 May, 176 bn on 12 May and over 6.5 trillion**",
        "**\\$0.13**",
        "**\\$64 to about 0**",
        "about **\\$0.69**",
        "**\\$2 bn to \\$256 M**",
        "YaaS Analytics",
        "The Block",
        "Decrypt",
    )
    # LFG's own statement is the primary source of its reserves; UST did not bottom at $0.13; Iron Finance's sources
    # are named, and its run began with an LP withdrawal (the post-mortem's words)
    stated(
        "LFG's own accounting, published 16 May 2022",
        "never regained its peg",
        "(FXStreet, 17 June 2021)",
        '"whales began to remove liquidity from IRON/USDC"',
        "Iron Finance, 17 June 2021",
    )
    assert "UST bottomed" not in NB06 and "press and post-mortems" not in NB06
    stated("in macroeconomics a *liquidity trap* is something else")


def test_uniswap_v2_version_box_and_why_lps_mind_volatility():
    """§2–3: the v2 box pins the library file; sigma_max is grounded in loss-versus-rebalancing (sigma^2/8)."""
    stated(
        "> **Version box · Uniswap v2 constant product**",
        "UniswapV2Library.sol at 0335e8f",
        "v4 (January 2025)",
        "a rate of $\\sigma^2/8$ of the pool's value (*loss-versus-rebalancing*, Milionis, Moallemi, Roughgarden and "
        "Zhang 2022)",
    )


def test_uniswap_vector_in_the_prose():
    assert amm.get_amount_out(1 * E18, 5 * E18, 10 * E18) == 1662497915624478906
    stated("1 662 497 915 624 478 906", "*liquidity providers* (LPs)", "the pool's *depth*")  # defined before first use


def test_critical_depth_and_figure_1():
    assert pegs.critical_depth(10.0, 0.5, 1.0, 1.0) == pytest.approx(20.0)
    lab = LiquidityTrapLab()
    lab.update(shock=60.0)
    r = lab.result
    assert r["depth"][5] == 40.0 and round(r["depth"][6], 1) == 15.0
    assert np.flatnonzero(r["depth"] == 0.0)[0] == 13 and round(r["after_sale"][0], 2) == 0.95
    stated(
        "drops at day 5, marked by a dotted vertical line, to 15",
        "decays to zero by day 13",
        "squares at 0.95 until day 5",
        "a dashed horizontal line at 20, the critical depth",
        "day-5 sell shock of 60 M",
        "**depth, not the peg**",
        "a dashed line at 1.00, the pool's price before the sale",
    )
    assert "the peg, 1.00" not in NB06 and "the peg breaks" not in lab.summary(r)
    # the right panel is (L / (L + 1))^2 of the price before the sale, L the depth in M USD, as the prose defines it
    d = r["depth"]
    assert np.allclose(r["after_sale"][d > 0], (d[d > 0] / (d[d > 0] + 1.0)) ** 2) and np.all(
        r["after_sale"][d == 0] == 0
    )
    stated(
        "$\\left(L/(L+1)\\right)^2$ of the price before the sale",
        "the lab's summary then says it rose beyond 1 000, the largest value it prints as a number",
    )
    # an empty pool: the summary says the volatility is past what it prints, never a capped number as a peak
    assert r["sigma"].max() > 1e3
    assert (
        "volatility rises beyond 1,000, beyond the range this summary shows: an empty pool's is infinite"
        in lab.summary(r)
    )
    assert "peaks at 1000" not in lab.summary(r) and "peaks at 1,000" not in lab.summary(r)
    stated("starting where Figure 1 left it (a 60 M shock, which empties the pool)", "starting where Figure 2 left it")


def test_trap_summary_at_the_slider_corners():
    """The volatility the summary prints: a number while the pool holds, 'beyond 1,000' once it empties (every
    corner).
    """
    import itertools

    lab = LiquidityTrapLab()
    for values in itertools.product((5.0, 100.0), (1.0, 30.0), (0.0, 100.0), (0.6, 2.0), (0.1, 2.0)):
        r = lab.compute(**dict(zip(("depth", "flow", "shock", "tolerance", "eta"), values)))
        text = lab.summary(r)
        if r["sigma"].max() > 1e3:
            assert "beyond 1,000" in text and "peaks at" not in text
        else:
            assert f"volatility peaks at {r['sigma'].max():.2f}." in text and "beyond" not in text
    # the shallowest pool under the heaviest selling empties at once: the corner the summary used to print as 1000.00
    r = lab.compute(depth=5.0, flow=30.0, shock=100.0, tolerance=0.6, eta=2.0)
    assert r["depth"][-1] == 0.0 and "beyond 1,000" in lab.summary(r)


def test_lp_spiral_assumptions_move_the_headline():
    """§3 names the stylised parameters and how L* moves with the LPs' margin sigma_max - sigma0."""
    assert pegs.critical_depth(10.0, 0.5, 1.0, 0.75) == pytest.approx(40.0)  # margin 0.25: doubles
    assert pegs.critical_depth(10.0, 0.5, 1.0, 1.5) == pytest.approx(10.0)  # margin 1: halves
    stated(
        "$\\sigma_0 = 0.5$, sensitivity $\\beta = 1$, LPs' tolerance $\\sigma_{\\max} = 1$, withdrawal speed $\\eta = "
        "0.5$",
        "to 0.25 and $L^*$ doubles to 40 M; double it to 1 and $L^*$ halves to 10 M",
    )


def test_stableswap_amplification_conventions_and_3pool():
    """§4: the contract's A is the whitepaper's A times n^(n-1); the 3pool's March 2023 figures are sourced."""
    assert round(2000 / 3**2) == 222
    xp = [10**24, 5 * 10**23, 2 * 10**24]
    d = amm.stableswap_D(xp, 2000)
    a, n, s_, prod = 2000 / 9, 3, sum(xp), float(xp[0]) * xp[1] * xp[2]
    assert a * n**n * s_ + d - a * d * n**n - d ** (n + 1) / (n**n * prod) == pytest.approx(0.0, abs=1e-6 * s_)
    stated(
        "`amp=2000` is a whitepaper $A$ of about 222",
        "**less than 7%**",
        "**\\$510 M**",
        "**over 46%**",
        "CoinDesk, 11 March 2023",
        "Badly imbalanced, not emptied",
    )
    assert "emptied of USDT" not in NB06
    # the 3pool constructor's comment says n(n - 1) (6 for three coins); get_D's arithmetic gives n^(n-1) = 9
    assert 3 * (3 - 1) == 6 and 3 ** (3 - 1) == 9 and 2 * (2 - 1) == 2 ** (2 - 1)
    stated('"multiplied by n * (n - 1)", 6 for three coins', "USDC was back at par on 13 March")
    assert round(amm.concentrated_depth_multiplier(1.05), 1) == 41.5


def test_terra_halt_is_depth_over_net_redemptions():
    """§5: the derivation after Figure 2 (101 hours; 23 bn LUNA at the model's halt against 6.5 trillion)."""
    p = TerraLab().result["path"]
    spread = p.spread[1:][p.ust_redeemed[1:] > 0].mean()
    assert round(spread, 3) == 0.047
    assert round(pegs.terra_halt_hours(0.5e9, market_depth=2e9, mean_spread=spread)) == 101
    assert pegs.terra_luna_price(2e9, market_depth=2e9) == 0.0
    stated(
        "$$P = P_0 \\left(1 - \\frac{R}{D}\\right)^2 ,$$",
        "a mean spread of 4.7%, that is 101 hours",
        "the model's 23 bn LUNA",
        "historical 6.5 trillion",
        "36 to 18 blocks",
        "\\$293 M to about \\$1.2 bn",
        "doubled BasePool to 100 M SDR",
    )
    # in the lab 1164 acts only through the spread: the halt comes after 98 hours instead of 101
    lab = TerraLab()
    halts = []
    for values in (dict(), dict(base_pool=100.0, recovery=18.0)):
        q = lab.compute(**{**dict(redemptions=0.5, base_pool=50.0, recovery=36.0, depth=2.0), **values})["path"]
        halts.append(int(np.flatnonzero(q.luna_price < 1e-4)[0]))
    assert halts == [101, 98]
    stated(
        "the halt comes after 98 hours instead of 101",
        "mints at the LUNA market's own price",
        "the specification puts about a minute behind the market",
        "the specification's defaults are far smaller and slower, 250 000 SDR and 14 400 blocks, a day",
    )


def test_ampleforth_both_rules_in_the_prose():
    """§6: the 2022 rule and the two-curve rule deployed in August 2025 side by side, as the prose states them."""
    old, new = pegs.ampleforth_rebase, pegs.ampleforth_rebase_two_curve

    def g42(price):
        return new(price, negative_growth=42.0, positive_growth=42.0)

    assert f"{-old(0.8):.2%}" == "2.05%" and f"{-new(0.8):.2%}" == "7.67%" and f"{-g42(0.8):.2%}" == "7.65%"
    assert old(0.96) == 0.0 and f"{-new(0.96):.2%}" == "4.26%" and new(0.96, deviation_threshold=0.05) == 0.0
    assert f"{-g42(0.96):.2%}" == "4.04%"
    assert f"{new(2.0):.2%}" == "5.00%" and f"{old(2.0):.2%}" == "7.78%"
    assert abs(new(0.9)) > 0.9 * 0.077 and abs(g42(0.9)) > 0.89 * 0.077  # saturated within about 10%
    stated(
        "took **2.05%** of supply a day; the two-curve rule takes **7.67%**",
        "contracts supply by **4.26%**",
        "at 2.00 it adds **5.00%**, not 7.78%",
        "−4.26% with a 2.5% band and 0% with 5%",
        "**5%** threshold",
        "a **2.5%** threshold",
        "limits $\\pm 7.7\\%$",
        "limits $\\pm 5\\%$",
        "(7.65% with growth 42,",
        "(4.04% with growth 42,",
        "**deployed on mainnet on 1 August 2025**",
        "its maintainers read 42 on chain in March 2025",
        "mainnet.json at c22675c",
        "(the rule from September 2024 until the upgrade)",
        "The repository records neither the proxy's switch to it",
    )
    # proposal 32's one curve (September 2024 until the upgrade) beside the two curves
    one = dict(lower=-0.077, upper=0.05, growth=45.0, deviation_threshold=0.025)
    assert f"{-old(0.8, **one):.2%}" == "7.66%" and f"{-old(0.96, **one):.2%}" == "3.81%"
    assert (
        f"{old(1.04, **one):.2%}" == "3.00%" and f"{new(1.04):.2%}" == "2.77%" and f"{old(2.0, **one):.2%}" == "5.00%"
    )
    post_2024 = (new, g42, lambda x: old(x, **one), lambda x: old(x, **{**one, "growth": 42.0}))
    grid = np.linspace(0.5, 2.0, 301)
    assert max(abs(a(p) - b(p)) for p in grid for a in post_2024 for b in post_2024) < 0.01  # under a point apart
    stated(
        "**7.67%** (7.65% with growth 42, 7.66% on proposal 32's one curve)",
        "**4.26%** (4.04% with growth 42, 3.81% on one curve)",
        "at 1.04 it adds 2.77%, or 3.00% on one curve",
        "The growth (42 or 45) and the split into two curves move these by less than one point of supply",
        "the 2022 rule is about four to six points away from all of them at 0.80 and 0.96",
    )
    gaps = [abs(old(p) - rule(p)) for p in (0.8, 0.96) for rule in post_2024]
    assert 0.035 < min(gaps) and max(gaps) < 0.06
    assert "forum proposal" not in NB06 and "ampleforth_rebase_current" not in NB06
    assert "records no mainnet deployment of that version" not in NB06


def test_terra_assumptions_move_the_halt():
    """§5: the two assumptions under the 101 hours, each moved alone over seven days (a 2 bn LUNA market)."""

    def run(**change):
        path = pegs.terra_spiral(redemptions_per_day=0.5e9, market_depth=2e9, days=7, **change)
        halt = np.flatnonzero(path.luna_price < 1e-4)
        return (int(halt[0]) if halt.size else None), path

    assert run()[0] == 101 and run(base_pool=67.5e6)[0] == 100  # SDR at $1.35: about an hour
    # the spread is scale-free: counting B, delta and a in SDR at $1.35 is a 67.5 M USD BasePool
    assert pegs.terra_spread(1e6 / 1.35, 50e6, 3e6 / 1.35) == pytest.approx(
        pegs.terra_spread(1e6, 67.5e6, 3e6), rel=1e-12
    )
    stated(
        "so SDR at \\$1.35 is a BasePool of 67.5 M USD",
        "about a third too wide (after Figure 2: it moves the halt by about an hour)",
    )
    assert run(redemptions_growth_per_day=0.25)[0] == 73 and run(redemptions_growth_per_day=0.5)[0] == 61
    halt, fading = run(redemptions_growth_per_day=-0.25)
    assert (
        halt is None and f"{fading.ust_redeemed.sum() / 1e9:.2f}" == "1.52" and f"{fading.luna_price[-1]:.2f}" == "5.54"
    )
    assert round(0.5 / np.log(4 / 3), 2) == 1.74 < 2.0  # the fading run's total, with no end
    # the spreads with SDR = USD are about a third wider than with SDR at $1.35
    wide, narrow = (run(base_pool=b)[1] for b in (50e6, 67.5e6))
    ratio = wide.spread[1:101].mean() / narrow.spread[1:100].mean()
    assert 1.25 < ratio < 1.45
    # the price depends on the net value redeemed so far, not on its timing: every run halts near R = D
    for g in (0.0, 0.25, 0.5):
        h, p = run(redemptions_growth_per_day=g)
        net = float(np.sum(p.ust_redeemed[1:h] * (1 - p.spread[1:h])))
        assert 0.95 * 2e9 < net < 1.0 * 2e9
    stated(
        "**Redemptions are exogenous**: 0.5 bn UST every day",
        "**SDR is treated as USD**",
        "worth about \\$1.35",
        "spreads about a third too wide",
        "moves the halt by about an hour",
        "A run that grows 25% a day halts the chain after 73 hours",
        "50% a day after 61",
        "1.52 bn in the week and leaves LUNA at \\$5.54",
        "0.5/ln(4/3) = 1.74 bn",
        "The growth rates here are what-ifs, not estimates",
    )


def test_terra_spread_and_figure_2():
    assert round(pegs.terra_spread(1e6, 50e6, 0.0), 2) == 0.02
    lab = TerraLab()
    p = lab.result["path"]
    halt = int(np.flatnonzero(p.luna_price < 1e-4)[0])
    assert halt == 101 and 4 * 24 <= halt < 5 * 24  # on the fifth day
    assert round(p.luna_supply[-1] / 1e9) == 23 and p.luna_supply[0] == 345e6
    # the module counts in SDR (about $1.35 in May 2022): 1 M UST is about 0.74 M SDR and pays about 1.5%
    assert (
        all(abs(pegs.terra_spread(1e6 / r, 50e6, 0.0) - 0.015) < 0.001 for r in (1.33, 1.35, 1.37))
        and round(1 / 1.35, 2) == 0.74
    )
    stated(
        "1 M UST is about 0.74 M SDR and pays about 1.5%",
        "at the average of the two coins' balances before and after the swap",
    )
    stated(
        "**50 M SDR**",
        "**36 blocks**",
        "A 1 M swap into a fresh pool pays about 2%",
        "0.5 bn UST redeemed a day",
        "shoots up to about 23 billion at the halt",
        "starts at 345 million",
        "stops at about 0.0001",
    )


def test_exercise_solutions():
    assert amm.get_amount_out(E18, 100 * E18, 200_000 * 10**6) == 1_974_316_068
    assert pegs.critical_depth(8.0, 0.4, 1.2, 0.75) == pytest.approx(9.6 / 0.35)
    assert round(pegs.critical_depth(8.0, 0.4, 1.2, 0.75), 1) == 27.4
    assert round(pegs.terra_spread(2e6, 50e6, 3e6), 3) == 0.142
    assert round(1 + 2**0.42, 3) == 2.338
    assert pegs.ampleforth_rebase(0.86) == pytest.approx(0.2 / (1 + 2**0.42) - 0.1)
    assert round(pegs.ampleforth_rebase(0.86), 4) == -0.0145
    stated(
        "Under the 2022 rule (the first column of §6's table: limits ±10%, growth 3, a 5% band)",
        "as a signed fraction of supply (negative for a contraction)",
        "**1 974.316068 USDC**",
        "$L^* = \\beta q / (\\sigma_{\\max} - \\sigma_0) = 1.2 \\times 8 / (0.75 - 0.4) = 9.6 / 0.35 \\approx 27.4$ M",
        "1 - 2500/2915 \\approx 0.142",
        "$\\delta = 0.86 - 1 = -0.14$",
        "0.2/2.338 - 0.1 \\approx -0.0145$",
        "shrinks by about 1.45%",
    )


def test_second_read_precisions():
    """Fresh-eyes read: the NG fee at the contract's averaged balances, the 1164 estimate's source, what an upgrade
    inherits.
    """
    # §4: the cell evaluates the NG fee at the last row's balances (1.95 M against 0.054 M); the contract averages the
    # balances before and after the swap, and the next 0.05 M sale there pays about 0.039%
    pool = amm.StableSwapPool((10**24, 10**24, 10**24), amp=2000, fee_1e10=0)
    for _ in range(19):
        pool = pool.exchange(0, 1, 5 * 10**22).pool
    assert round(pool.balances[0] / 1e24, 2) == 1.95 and round(pool.balances[1] / 1e24, 3) == 0.054
    after = pool.exchange(0, 1, 5 * 10**22).pool
    x, y = ((b0 + b1) / 2e24 for b0, b1 in zip(pool.balances[:2], after.balances[:2]))
    assert f"{amm.stableswap_ng_dynamic_fee(0.0001, 5.0, x, y):.3%}" == "0.039%"
    assert amm.stableswap_ng_dynamic_fee(0.0001, 5.0, x, y) > amm.stableswap_ng_dynamic_fee(0.0001, 5.0, 1.95, 0.054)
    stated("which slightly understates it", "that sale pays about 0.039%")
    # §5: the $293 M -> $1.2 bn estimate is the community-pool burn proposal's, not 1164's proposers'
    assert "its proposers' estimate" not in NB06
    stated("the estimate of a post on Terra's forum written while 1164 was live")
    # §6: the two-curve implementation's negative growth is a new storage slot (0 after the upgrade): no contraction
    assert pegs.ampleforth_rebase_two_curve(0.8, negative_growth=0.0) == 0.0
    assert pegs.ampleforth_rebase_two_curve(0.5, negative_growth=0.0) == 0.0
    assert pegs.ampleforth_rebase_two_curve(1.2, positive_growth=42.0) > 0.049  # the positive side keeps its growth
    stated(
        "**negative growth is a new storage slot that reads 0 until governance sets it**",
        "`pegs.ampleforth_rebase_two_curve(0.8, negative_growth=0.0)` is 0",
        "once governance has set its new negative growth",
        "on two curves in the implementation deployed in August 2025",
    )
    assert "on two curves since August 2025" not in NB06
