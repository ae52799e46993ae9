"""Every number notebook 07's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from coordlab.labs import KellyLab, LeverageLab
from coordlab.models import perps, sizing
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB07 = markdown(read(NOTEBOOK_DIR / "07_position_sizing.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB07, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: the Hyperliquid and Compound figures, with ranges and sources."""
    stated(
        "**15.23 M USDC**",
        "about **\\$4.3 M**",
        "**50× long of roughly 113 000–175 000 ETH (about \\$200–340 M)**",
        "about **\\$1,915**",
        "about **\\$4 M**",
        "about **\\$1.8 M**",
        "**40× for BTC and 25× for ETH**",
        "**\\$1.30**",
        "about **\\$46 M**",
        "about **\\$89 M**",
        "LoanScan",
        "DAI Liquidation Event",
        "not an official post-mortem",
    )


def test_kelly_numbers():
    assert round(sizing.kelly_fraction(0.6, 1.0), 2) == 0.2
    assert abs(sizing.growth_rate(0.4, 0.6, 1.0)) < 0.003  # "2x Kelly gives back all the growth" (for small edges)
    stated("$f^* = p - q/b$", "Staking twice the Kelly fraction (40%) gives back all the growth")


def test_figure_1_kelly_lab_at_twice_kelly():
    lab = KellyLab()
    lab.update(p=0.55, b=1.0, c=2.0)
    r = lab.result
    assert round(r["kelly"], 2) == 0.10 and round(r["stake"], 2) == 0.20 and abs(r["stake_growth"]) < 2e-4
    ends = r["sample"][:, -1] / math.log(10)
    assert round(ends.min(), 1) == -4.6 and round(ends.max(), 1) == 2.8
    stated("peak of 1 at f = 0.10", "falls back to zero at f = 0.20", "between about −4.6 and +2.8 decades")
    full, half = KellyLab(), KellyLab()
    half.update(c=0.5)
    assert round(full.result["halved"], 2) == 0.48 and round(half.result["halved"], 2) == 0.11
    stated("(48% at full Kelly, 11% at half Kelly)")


def test_thorp_and_drawdown():
    k = sizing.continuous_kelly(0.10, 0.20)
    assert round(k.fraction, 1) == 2.5 and sizing.fractional_growth(0.1, 0.2, c=0.5) / k.growth == pytest.approx(0.75)
    assert sizing.fractional_growth(0.1, 0.2, c=2.0) == pytest.approx(0.0)
    assert sizing.drawdown_probability(0.5, 1.0) == 0.5 and sizing.drawdown_probability(0.5, 0.5) == 0.125
    stated(
        "**half Kelly keeps 75% of the growth; 2× Kelly keeps none.**",
        'Kelly\'s "optimal" leverage here is 2.5×',
        "$0.5^3 = 1/8$",
        "to within two standard errors",
    )
    for c in (1.0, 0.5):
        closed = sizing.drawdown_probability(0.5, c, horizon=20.0, sharpe=1.0)
        mc = sizing.simulate_gbm_drawdown(0.5, c, sharpe=1.0, horizon=20.0, steps=100, paths=10_000, seed=1)
        assert abs(mc.probability - closed) < 2 * mc.standard_error


def test_figure_2_coin():
    coin = sizing.ergodicity_coin(up=0.5, down=0.4, rounds=100, paths=10_000, seed=0, keep=5)
    assert round(coin.time_growth, 4) == -0.0513 and round(100 * math.log10(1.05), 1) == 2.1
    assert round(coin.ensemble_mean[-1], 1) == 1.7 and round(coin.median[-1], 1) == -2.3
    assert round(coin.sample[:, -1].min(), 1) == -4.7 and round(coin.sample[:, -1].max(), 1) == 0.9
    stated(
        "$\\sqrt{1.5 \\times 0.6} - 1 = -5.13\\%$",
        "rises to about +2.1 decades",
        "more slowly to about +1.7",
        "falls steadily to about −2.3 decades",
        "ending between about −4.7 and +0.9",
    )


def test_liquidation_prices_and_figure_3():
    assert round(1 - perps.liquidation_price(1.0, 50, perps.hyperliquid_mmr(50)), 4) == 0.0101
    assert round(1 - perps.liquidation_price(1.0, 25, perps.hyperliquid_mmr(25)), 4) == 0.0204
    lab = LeverageLab()
    lab.update(leverage=50.0, mmr=1.0, sigma=80.0, horizon=24.0)
    assert round(lab.result["p_h"], 1) == 0.8 and round(lab.result["probs"][-1], 2) == 0.93
    stated(
        "which for ETH in March 2025 was 50×: a maintenance margin of **1%**",
        "could fall 1.01% before liquidation",
        "a 25× long can fall 2.04%",
        "jumps to about 0.8 within the first day",
        "reaches about 0.93 by the end of the week",
    )


def test_figure_4_ladder():
    crowd = perps.crowd_book(10_000, price=2000.0, seed=0)
    ladder = crowd.ladder("long")
    fall, cum = 100 * (1 - ladder.prices / 2000.0), ladder.cumulative_size * 2000.0 / 1e6
    at = lambda m: cum[np.searchsorted(fall, m, side="right") - 1]  # noqa: E731
    assert round(at(5.0), 1) == 8.1 and round(at(10.0), 1) == 24.5 and at(1.0) < 1.0
    assert round(cum[-1] * 1.05) == 59 and round(fall[-1]) == 68
    stated(
        "about 8.1 M at a 5% fall",
        "about 24.5 M at a 10% fall",
        "about 8 M of sales, a 10% fall about 24 M",
        "0 to about 59 million USD",
        "(0% to about 68%)",
        "stays under 1 M for the first 1%",
    )


def test_compound_loop_and_exercises():
    loop = sizing.recursive_loop(0.72, 10)
    assert round(loop.leverage, 2) == 3.48 and round(loop.liquidation_price - 1, 3) == 0.053
    stated(
        "With USDC collateral, a 5.3% oracle move ends a position in two stablecoins",
        "The model's assumption: the collateral is **USDC**, priced at \\$1, and the debt is **DAI**",
    )
    assert round(sizing.kelly_fraction(0.35, 3.0), 3) == 0.133 and sizing.kelly_fraction(0.35, 3.0) == pytest.approx(
        2 / 15
    )
    assert round(0.65 / 3, 4) == 0.2167 and round(0.35 - 0.65, 2) == -0.3
    k = sizing.continuous_kelly(0.11, 0.25)
    f, g = k.fraction, k.growth
    assert f == pytest.approx(1.76) and g == pytest.approx(0.0968) and 0.5 * f == pytest.approx(0.88)
    assert sizing.fractional_growth(0.11, 0.25, c=0.5) == pytest.approx(0.0726)
    assert sizing.drawdown_probability(0.25, 0.5) == pytest.approx(0.015625)
    mmr = perps.hyperliquid_mmr(40.0)
    p_liq = perps.liquidation_price(84_000.0, 20.0, mmr)
    assert mmr == pytest.approx(0.0125) and round(p_liq, 2) == 80810.13 and round(p_liq) == 80810
    assert round(100 * (1 - p_liq / 84_000.0), 2) == 3.80
    assert round(perps.liquidation_price(84_000.0, 20.0, perps.hyperliquid_mmr(20.0))) == 81846
    stated(
        "$f^* = p - q/b = 0.35 - 0.65/3 = 0.35 - 0.2167 \\approx$ **0.133**",
        "exactly 2/15",
        "$p - q = -0.3$",
        "$f^* = 0.11/0.25^2 = 1.76$",
        "= 0.0121/0.125 = 0.0968$",
        "$g = 0.75 \\times 0.0968 =$ **0.0726**",
        "7.26% a year",
        "(0.88× instead of 1.76×)",
        "$x^{2/c - 1} = 0.25^{3} = 0.015625$",
        "$1/(2 \\times 40) = 1.25\\%$",
        "= 80\\,810.13$",
        "about **\\$80,810**, a 3.80% fall",
        "would give \\$81,846",
    )


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "07_position_sizing.ipynb"), heading)


def test_exercise_5_worked_solution_and_what_kelly_fraction_adds():
    kelly_stake = _worked_solution("### Exercise 5 (write it yourself)")["kelly_stake"]
    for p, b in ((0.6, 1.0), (0.35, 3.0), (0.55, 0.8), (0.4, 1.5), (0.5, 1.0), (0.25, 3.0)):
        assert kelly_stake(p, b) == max(sizing.kelly_fraction(p, b), 0.0)
    lab = KellyLab()
    lab.update(p=0.55, b=0.8, c=1.0)
    assert lab.result["kelly"] < 0 and lab.result["stake"] == 0.0  # the lab turns a negative f* into no stake
    stakes = np.linspace(0.01, 0.99, 99)  # without an edge every stake loses
    assert (sizing.growth_rate(stakes, 0.25, 3.0) < 0).all() and (sizing.growth_rate(stakes, 0.55, 0.8) < 0).all()
    with pytest.raises(ZeroDivisionError):
        kelly_stake(0.5, 0)
    with pytest.raises(ValueError, match=re.escape("b must be in [1e-06, 1e+06], got 0")):
        sizing.kelly_fraction(0.5, 0)
    assert kelly_stake(1.2, 1.0) == pytest.approx(1.4)
    with pytest.raises(ValueError, match="p must be in"):
        sizing.kelly_fraction(1.2, 1.0)
    assert sizing.kelly_fraction(0.45, 1.0) < 0
    stated(
        "`coordlab.models.sizing.kelly_fraction` computes the same $f^*$",
        "`kelly_fraction(0.5, 0)` says `b must be in [1e-06, 1e+06], got 0`",
        "would stake 140% of wealth",
        "### Exercise 6 (open design)",
    )


def test_kelly_is_log_utility_and_the_coin_stake():
    """§2 and §5: Kelly maximises expected log wealth; on Peters' coin f* = 0.25 grows +0.62% a round while
    staking everything loses 5.13% a round; Peters' wider claim is described as contested, with sources."""
    k = sizing.kelly_gain_loss(0.5, win_return=0.5, loss=0.4)
    assert k.fraction == 0.25 and round(math.expm1(k.growth), 4) == 0.0062
    assert round(math.expm1(k.all_in_growth), 4) == -0.0513
    f = np.linspace(0.0, 1.0, 100_001)
    g = 0.5 * np.log1p(0.5 * f) + 0.5 * np.log1p(-0.4 * f)
    assert f[np.argmax(g)] == pytest.approx(0.25, abs=1e-4) and g.max() == pytest.approx(k.growth, abs=1e-12)
    # with a loss of the whole stake the rule is section 2's p - q/b
    assert sizing.kelly_gain_loss(0.6, win_return=1.0, loss=1.0).fraction == pytest.approx(
        sizing.kelly_fraction(0.6, 1.0)
    )
    stated(
        "maximising it is maximising expected log utility (Bernoulli 1738)",
        "(Breiman 1961)",
        "(Samuelson 1979)",
        "maximised at $f^* = p/0.4 - q/0.5 = 0.25$",
        "by about 0.62% a round",
        "That claim is contested",
        "(Doctor, Wakker and Wang 2020)",
    )


def test_current_hyperliquid_tiers():
    """§6: ETH's tiers (25x to 100 M, 15x above); the whale's 200-340 M would need a fall of about 4%."""
    eth = perps.HYPERLIQUID_TIERS["ETH"]
    falls = [perps.tiered_liquidation_price(2000.0, q, None, eth) for q in (25_000, 100_000, 170_000)]
    assert [r.max_leverage for r in falls] == [25.0, 15.0, 15.0]
    assert round(falls[0].fall, 4) == 0.0204 and 0.038 < falls[2].fall < falls[1].fall < 0.042
    # at the continuity point the tiered maintenance margin is the same from both sides
    assert perps.tiered_maintenance_margin(100e6, eth) == pytest.approx(100e6 / 50)
    assert perps.tiered_maintenance_margin(300e6, eth) == pytest.approx(300e6 / 30 - 100e6 * (1 / 30 - 1 / 50))
    stated(
        "could not be opened above 15×, and it would need a fall of about 4% to be liquidated, not 1.01%",
        "BTC 40× up to \\$150 M of notional and 20× above, ETH 25× up to \\$100 M and 15× above",
        "a position well under the \\$150 M of notional where BTC's second margin tier starts",
    )


def test_mixed_collateral_loop():
    """§8: a DAI share s of the collateral raises the DAI price that liquidates; 1.30 liquidates s below 78%."""
    prices = [
        sizing.loop_liquidation(0.72, 10, 0.75, debt_collateral_share=s).liquidation_price
        for s in (0.0, 0.25, 0.5, 0.75)
    ]
    assert [round(p, 3) for p in prices] == [1.053, 1.072, 1.112, 1.252]
    loop = sizing.recursive_loop(0.72, 10)
    s_star = (1.3 * loop.debt - 0.75 * loop.collateral) / (0.3 * 0.75 * loop.collateral)
    assert round(s_star, 2) == 0.78
    assert sizing.loop_liquidation(0.72, 10, 0.75, debt_collateral_share=s_star).liquidation_price == pytest.approx(1.3)
    stated("with half the collateral in DAI it takes 11.2%", "less than about 78% of its collateral in DAI")


def test_review_hyperliquid_transfer_rule_and_compound_figures():
    """§1, §6, Exercise 6: the 20% transfer margin ratio of 15 March 2025 (the rule that stops the whale's
    withdrawal) is stated and said not to be modelled; the Compound day's totals are a sourced range; the
    partial liquidation is 20% first, then, for the 30 seconds after it, whole-position liquidation orders (Hyperliquid
    Docs, "Liquidations": "During this cooldown period, all market liquidation orders for that user will be for the
    entire position"; not "20% at a time", nor "waits 30 seconds before going for the rest")."""
    stated(
        "required a **20% margin ratio** to remain after any transfer of margin out of an open position",
        "a **20% margin ratio** must remain after any transfer of margin out of an open position (network upgrade of "
        "15 March 2025)",
        "this notebook does not model it",
        "is described, not modelled",
        "**85.2 M DAI**",
        "The Block's on-chain count \\$88.4 M",
        "\\$103 M (LoanScan's later 24-hour count)",
        "Nansen's Alex Svanevik",
        "124 addresses were affected",
        "sends only 20% of a liquidatable position above 100 k USDC to the book; for the 30 seconds after such a "
        "partial liquidation, any further liquidation order for that account is for the whole position",
        "the API's `meta` response of 27 September 2026",
    )
    assert "liquidates 20% of large positions at a time" not in NB07
    assert "then waits 30 seconds" not in NB07 and "before going for the rest" not in NB07
    assert "raised the maintenance margin for large positions" not in NB07


def test_review_loop_buffer_is_set_by_rho_and_an_all_dai_loop_is_immune():
    """§8: the USDC-collateral trigger cf C / D falls toward cf / rho as loops are added; the 5.3% moves with
    the loop parameters (13.6% at 5 loops and rho 0.70, 1.4% at 20 loops and rho 0.74); a loop wholly in DAI
    (s = 1) is never liquidated by DAI's price, and the threshold share is where cf C s = D."""
    assert round(0.75 / 0.72, 3) == 1.042
    assert sizing.recursive_loop(0.72, 1000).liquidation_price == pytest.approx(0.75 / 0.72)
    assert 0.75 / 0.72 < sizing.recursive_loop(0.72, 10).liquidation_price
    assert round(sizing.recursive_loop(0.70, 5).liquidation_price - 1, 3) == 0.136
    assert round(sizing.recursive_loop(0.74, 20).liquidation_price - 1, 3) == 0.014
    assert sizing.loop_liquidation(0.72, 10, 0.75, debt_collateral_share=1.0).liquidation_price == math.inf
    loop = sizing.recursive_loop(0.72, 10)
    edge = loop.debt / (0.75 * loop.collateral)  # cf C s = D
    assert (
        sizing.loop_liquidation(0.72, 10, 0.75, debt_collateral_share=min(edge + 1e-9, 1.0)).liquidation_price
        == math.inf
    )
    assert sizing.loop_liquidation(0.72, 10, 0.75, debt_collateral_share=edge - 1e-3).liquidation_price > 10
    stated(
        "$\\mathrm{cf}/\\rho = 0.75/0.72 \\approx 1.042$",
        "Five loops at $\\rho = 0.70$ leave 13.6%; twenty at $\\rho = 0.74$ leave 1.4%",
        "a loop held entirely in DAI ($s = 1$) cannot be liquidated by DAI's price at all",
        "priced USDC (and USDT) as `FIXED_USD` at exactly 1",
    )


def test_review_peters_claim_and_its_critique_are_both_stated():
    """§2 and §5: Breiman's result stated with its conditions; Peters' positive claim in his own terms, the
    economists' reply, and the experimental evidence for it, all cited."""
    stated(
        "any essentially different strategy's, almost surely",
        "reaches it in the least expected time (Breiman 1961)",
        'the "utility function" follows from the dynamics',
        "(Doctor, Wakker and Wang 2020)",
        "(Meder et al. 2021)",
        "*PLoS Computational Biology* 17(9), e1009217",
    )


def test_review_almost_every_player_is_the_long_run():
    """§5: the share of players ahead on Peters' coin, counted exactly from the binomial number of heads:
    after 100 rounds 69% at Kelly's quarter against 14% all in; after 1,000 rounds 96% against 0.01%."""

    def ahead(f, n):
        up, down = math.log1p(0.5 * f), math.log1p(-0.4 * f)
        return sum(math.comb(n, k) for k in range(n + 1) if k * up + (n - k) * down > 0) / 2**n

    assert (round(ahead(0.25, 100), 2), round(ahead(1.0, 100), 2)) == (0.69, 0.14)
    assert (round(ahead(0.25, 1000), 2), round(100 * ahead(1.0, 1000), 2)) == (0.96, 0.01)
    stated(
        "after the figure's 100 rounds 69% of players staking a quarter are ahead, against 14% of those who stake "
        "everything; after 1,000 rounds, 96% against 0.01%",
        "$f^* = p/\\ell - q/g$",
    )


def test_figure_4_is_labelled_stylised_in_prose_figure_and_alt_text():
    """Figure 4's crowd is synthetic: the prose, the alt text and the figure's own title say so."""
    import matplotlib

    matplotlib.use("Agg")
    from coordlab.plotting.sizing import ladder_figure

    stated(
        "A seeded synthetic (stylised) crowd of 10 000 ETH longs, not market data",
        "**Figure 4.** The liquidation ladder of the synthetic crowd (stylised data, seed 0)",
        'titled "Stylised crowd: synthetic positions, not market data"',
    )
    fig = ladder_figure([0.0, 5.0, 10.0], [0.0, 1.0, 3.0])
    assert fig.axes[0].get_title() == "Stylised crowd: synthetic positions, not market data"
    assert ladder_figure([0.0, 5.0], [0.0, 1.0], title="").axes[0].get_title() == ""


def test_hyperliquid_margin_tier_dates_as_verified():
    """The version box gives what could be verified of the tiers' start: most assets from 2 June 2025 (the page as
    reposted on 30 May 2025, BTC/ETH/SOL/XRP/HYPE/FARTCOIN 'enabled on a later update'), BTC and ETH listed as
    enabled in the dated mirror of 27 January 2026: a range, June 2025 to January 2026; and the docs' 1.25%-16.7%."""
    stated(
        'announces mainnet tiers "starting from June 2nd" [2025] for most assets',
        '"except BTC, ETH, SOL, XRP, HYPE, and FARTCOIN which will be enabled on a later update"',
        "dzmbs/hyperliquid-docs, `docs/trading/margin-tiers.md`",
        "of 27 January 2026 (commit 9547e33)",
        "those for BTC and ETH from between June 2025 and January 2026 (a date inside that range not verified)",
        "1.25% (40× maximum leverage) to 16.7% (3×)",
    )
    assert perps.hyperliquid_mmr(40.0) == 0.0125 and round(perps.hyperliquid_mmr(3.0), 3) == 0.167
    assert "between March 2025 and November 2026 is not verified here" not in NB07
