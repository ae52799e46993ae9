"""Every number notebook 09's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import re

import pytest

from coordlab.labs import SyncLab
from coordlab.models import lending
from coordlab.models.lending import RAY, WAD
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB09 = markdown(read(NOTEBOOK_DIR / "09_capital_coordination.ipynb"))
STRATEGY = dict(optimal=8 * RAY // 10, base=0, slope1=4 * RAY // 100, slope2=75 * RAY // 100, reserve_factor=1000)


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB09, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: DOMAIN.md §7–8's Compound and Black Thursday figures, ranges where sources differ."""
    stated("**\\$1.30**", "about 8%", "within 20% of a Uniswap time-weighted price", "About **\\$89 M**", "**\\$46 M**",
           "\"85.2 million in DAI being liquidated\"", "**8%** liquidation penalty", "**6.8 M DAI**",
           "**680k against 212k**", "**5% to 15%**", "(June 2021)", "**13%** penalty", "**\\$7.1–8.32 M**",
           "62,890 ETH, about \\$7.1 M", "**4–6.65 M DAI** (sources differ)", "**debt auctions**")
    assert round(85.2 * 0.08, 1) == 6.8


def test_rates():
    rates = {d: lending.aave_rates((10 - d) * 10**17, d * 10**17, **STRATEGY)[1] / RAY for d in (8, 9, 10)}
    assert rates == {8: 0.04, 9: 0.415, 10: 0.79}
    stated("At 80% utilisation borrowers pay 4%; at 90%, 41.5%; at 100%, 79%", "(4% → 41.5% from 80% to 90% usage)")
    top = lending.compound_rates(0, WAD, 0, 0, 4 * 10**16, 109 * 10**16, 8 * 10**17, 10**17)[1] * 2_102_400 / 1e18
    assert round(top * 100) == 26
    stated("Aave's to 79% and Compound's to about 26% at 100%")


def test_morpho_figure_and_values():
    lif = lambda x: lending.morpho_lif(int(x * 10**18)) / 1e18 - 1  # noqa: E731
    assert round(lif(0.86) * 100, 1) == 4.4 and round(lif(0.98) * 100, 1) == 0.6
    assert round((1 - (1 - 1 / 1.15) / 0.3) * 100, 1) == 56.5 and lif(0.56) == pytest.approx(0.15)
    stated("up to an LLTV of about 56.5%", "falls to about 4.4% at 86% and 0.6% at 98%")
    assert round(lending.morpho_lif(915 * 10**15) / 1e18, 4) == 1.0262
    stated("\\approx$ **1.0262**")


def test_liquidation_example():
    assert lending.health_factor([1000 * 10**8], [8000], 1000 * 10**8) == 8 * 10**17
    deal = lending.aave_liquidation(10**30, 1000 * 10**6, 10**18, 8 * 10**17, 1000 * 10**8, 10**8, 18, 6, 10500)
    assert deal["debt_repaid"] == 952_380_952 and deal["collateral_seized"] == 10**18
    assert round(1000 - deal["debt_repaid"] / 1e6, 2) == 47.62
    stated("takes all of it for 952.38 USDC and **47.62 USDC of bad debt**", "**50%** of the debt while HF > 0.95 and **100%** below")


def test_backstop_example():
    r = lending.cover_deficit(5.0, 2.0, [4.0, 1.0, 2.0], [2.0, 20.0, 5.0])
    assert r["adl"].tolist() == [0.0, 1.0, 2.0]
    stated("The 20× short loses its whole 1 M profit, then the 5× short 2 M; the biggest winner (4 M at 2×) keeps everything")


def test_exercise_4_backstop():
    profits, leverage = [3.4, 0.9, 2.6, 1.5], [2.0, 25.0, 5.0, 8.0]
    r = lending.cover_deficit(5.48, 2.35, profits, leverage)
    assert r["from_fund"] == 2.35 and round(r["adl_total"], 2) == 3.13
    assert [round(x, 2) for x in r["adl"]] == [0.0, 0.9, 2.23, 0.0]
    assert [round(p * x, 1) for p, x in zip(profits, leverage)] == [6.8, 22.5, 13.0, 12.0]
    assert round(3.13 - 0.9, 2) == 2.23
    # the three rankings give three answers: by leverage alone the 8x short pays before the 5x short ...
    by_leverage = lending.cover_deficit(5.48, 2.35, profits, [10 * x / p for p, x in zip(profits, leverage)])["adl"]
    assert [round(x, 2) for x in by_leverage] == [0.0, 0.9, 0.73, 1.5]
    by_profit = lending.cover_deficit(5.48, 2.35, profits, [1.0] * 4)["adl"]
    assert [round(x, 2) for x in by_profit] == [3.13, 0.0, 0.0, 0.0]  # ... and by profit alone the 2x short pays it all
    stated("The fund pays 2.35 M, leaving 3.13 M for ADL",
           "0.9 × 25 = 22.5, then 2.6 × 5 = 13, then 1.5 × 8 = 12, then 3.4 × 2 = 6.8",
           "(2.23 M left)", "the 5× short gives up **2.23 M** of its 2.6 M", "which would then lose only 0.73 M",
           "ranked by profit alone, the 2× short, the biggest winner, would have paid it all")
    # §4 says how the model's key differs from the venues' (documented ranking formulas)
    stated("BitMEX by the profit as a percentage of the entry value × effective leverage",
           "`cover_deficit` keeps that order of priority with a simpler key, the profit in USD × leverage")


def test_figure_2_sandbox():
    lab = SyncLab()
    lab.update(drop=10.0, threshold=0.90, bonus=1.08, depth=600.0)
    out, ref = lab.result["out"], lab.result["ref"]
    assert round(out.final_price) == 1635 and out.waves == 14 and round(ref.final_price) == 1707 and ref.waves == 5
    assert round(out.penalties["A"] / 1e6, 2) == 0.47 and round(ref.penalties["A"] / 1e6, 2) == 0.35
    assert round(out.penalties["B"] / 1e6, 2) == 1.27 and round(ref.penalties["B"] / 1e6, 2) == 0.37
    assert round(out.bad_debt["B"] / 1e6, 2) == 0.22 and ref.bad_debt["B"] == 0.0
    assert out.liquidated["A"] - ref.liquidated["A"] == 150
    stated("falls from 1,800 to about 1,635 over 14 waves", "stops at about 1,707 after 5 waves",
           "A's borrowers pay about 0.47 M instead of 0.35 M", "B's borrowers about 1.27 M instead of 0.37 M",
           "B's lenders carry 0.22 M of bad debt", "150 more of A's borrowers are liquidated", "(1,635 instead of 1,707)")


def test_exercise_solutions():
    assert round(15_000 / 8.25, 2) == 1818.18
    assert lending.health_factor([20_000 * 10**8], [8250], 15_000 * 10**8) == 11 * 10**17
    rate = lending.aave_rates(13 * 10**16, 87 * 10**16, **STRATEGY)[1]
    assert rate == 3025 * RAY // 10_000 and round(0.3025 / 0.04, 2) == 7.56
    stated("**\\$1,818.18** (HF = 1.1 at \\$2,000)",
           "$0 + 0.04 + 0.75 \\times (0.87 - 0.8)/(1 - 0.8) = 0.04 + 0.75 \\times 0.35 = 0.04 + 0.2625 =$ **0.3025**",
           "30.25% a year, more than seven times the rate at the kink for 7 more points of utilisation")


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "09_capital_coordination.ipynb"), heading)


def test_exercise_5_worked_solution_against_the_contract():
    borrow_rate = _worked_solution("### Exercise 5 (write it yourself)")["borrow_rate"]
    for debt in range(0, 101, 5):                      # per cent of the pool borrowed, section 2's test strategy
        want = lending.aave_rates((100 - debt) * 10**16, debt * 10**16, **STRATEGY)[1] / RAY
        assert borrow_rate(debt / 100, 0.8, 0.0, 0.04, 0.75) == pytest.approx(want, rel=1e-12, abs=1e-15)
    assert borrow_rate(0.8, 0.8, 0.02, 0.04, 0.75) == pytest.approx(0.06)     # no jump at the kink
    assert lending.aave_rates(0, 0, **STRATEGY) == (0, 0)                      # nothing borrowed: utilisation 0
    with pytest.raises(ValueError, match="optimal must be in"):
        lending.aave_rates(1, 1, **{**STRATEGY, "optimal": RAY})
    with pytest.raises(ValueError, match="reserve_factor"):
        lending.aave_rates(1, 1, **{**STRATEGY, "reserve_factor": 10_001})
    stated("`coordlab.models.lending.aave_rates` is the contract's own computation", "### Exercise 6 (open design)")
