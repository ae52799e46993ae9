"""Every number notebook 09's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import pytest

from coordlab.labs import SyncLab
from coordlab.models import amm, backstop, lending, lending_contracts
from coordlab.models.lending_contracts import RAY, WAD
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB09 = markdown(read(NOTEBOOK_DIR / "09_capital_coordination.ipynb"))
STRATEGY = dict(optimal=8 * RAY // 10, base=0, slope1=4 * RAY // 100, slope2=75 * RAY // 100, reserve_factor_bps=1000)


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB09, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: the Compound (forum, LoanScan) and Black Thursday (Maker post-mortems, White Rabbit) figures, ranges
    where sources differ.
    """
    stated(
        "**\\$1.30**",
        "about 8%",
        "within 20% of a Uniswap time-weighted price",
        "About **\\$89 M**",
        "**\\$46 M**",
        '"85.2 million in DAI being liquidated"',
        "**8%** liquidation penalty",
        "**6.8 M DAI**",
        "**680k against 212k**",
        "**5% to 15%**",
        "(June 2021)",
        "**13%** penalty",
        "**\\$7.1–8.32 M**",
        "62,890 ETH, about \\$7.1 M",
        "**4–6.65 M DAI** (sources differ)",
        "**debt auctions**",
    )
    assert round(85.2 * 0.08, 1) == 6.8


def test_rates():
    rates = {
        d: lending_contracts.aave_rates_ray((10 - d) * 10**17, d * 10**17, **STRATEGY).borrow_rate / RAY
        for d in (8, 9, 10)
    }
    assert rates == {8: 0.04, 9: 0.415, 10: 0.79}
    stated("At 80% utilisation borrowers pay 4%; at 90%, 41.5%; at 100%, 79%", "(4% → 41.5% from 80% to 90% usage)")
    top = (
        lending_contracts.compound_rates_mantissa(
            0, WAD, 0, 0, 4 * 10**16, 109 * 10**16, 8 * 10**17, 10**17
        ).borrow_rate_per_block
        * 2_102_400
        / 1e18
    )
    assert round(top * 100) == 26
    stated(
        "reaches only about 26% at 100%",
        "rising gently to 4% at 80% utilisation and then steeply to 79% at 100%",
        "borrow rate (% a year, 0 to about 83)",
    )
    assert round(79 * 1.05) == 83


def test_figure_1_conversion_between_compound_and_aave():
    """j = s2 / (1 - U*): Aave's 75% over the room above 80% is Compound's 375% per unit; 109% is 21.8% of room."""
    assert 0.75 / (1 - 0.8) == pytest.approx(3.75) and round(1.09 * (1 - 0.8), 3) == 0.218
    stated("a Compound jump of **375%**", "an Aave $s_2$ of only **21.8%**", "$j = s_2/(1 - U^*)$")
    for pct in range(0, 101, 5):  # the two curves agree to the per-block truncation
        aave = lending_contracts.aave_rates_ray((100 - pct) * 10**16, pct * 10**16, **STRATEGY).borrow_rate / RAY
        comp = (
            lending_contracts.compound_rates_mantissa(
                (100 - pct) * 10**16, pct * 10**16, 0, 0, 4 * 10**16, 375 * 10**16, 8 * 10**17, 10**17
            ).borrow_rate_per_block
            * 2_102_400
            / 1e18
        )
        assert comp == pytest.approx(aave, abs=1e-8)


def test_primer_units():
    stated(
        "1 USDC is $10^6$ units",
        "**8 decimals**",
        "**WAD** $= 10^{18}$",
        "**RAY** $= 10^{27}$",
        "**RAD** $= 10^{45}$ is WAD × RAY",
        "8000 is 80%, 10500 is a 5% bonus",
    )
    assert 10**18 * 10**27 == 10**45
    assert lending_contracts.percent_mul(1, 5000) == 1 and 1 * 5000 // 10_000 == 0


def test_v33_liquidations():
    """§3: v3.3 beside v3.0 on the same position and on three positions, the contract's integers."""
    one = lending_contracts.aave_liquidation_v33(
        10**30, 1000 * 10**6, 10**18, 8000, 1000 * 10**8, 10**8, 18, 6, 10500, protocol_fee_bps=1000
    )
    assert (one.debt_repaid, one.deficit) == (952_380_952, 47_619_048)
    assert one.protocol_fee == 4_761_904_761_904_762 and one.collateral_seized == 10**18
    stated(
        "recorded against the reserve instead of sitting on a dead account",
        "10% here: 0.004762 ETH of the 1 ETH",
        "The deficit is the same 47.62 USDC",
        "**\\$2,000** (`MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD`)",
        "**\\$1,000** of each (`MIN_LEFTOVER_BASE`)",
    )

    def pos(milli_eth, usdc):
        return (
            milli_eth * 10**15,
            usdc * 10**6,
            lending_contracts.health_factor_wad([milli_eth * 2000 * 10**5], [8000], usdc * 10**8),
        )

    def both(milli_eth, usdc, cover):
        coll, debt, hf = pos(milli_eth, usdc)
        terms = dict(
            debt_to_cover=cover,
            user_debt=debt,
            user_collateral=coll,
            threshold_bps=8000,
            collateral_price=2000 * 10**8,
            debt_price=10**8,
            collateral_decimals=18,
            debt_decimals=6,
            bonus_bps=10500,
        )
        deal = lending_contracts.aave_liquidation(**terms)
        assert deal.health_factor_wad == hf  # computed from the amounts, as GenericLogic does
        old = deal.debt_repaid
        try:
            new = lending_contracts.aave_liquidation_v33(**terms).debt_repaid
        except ValueError as e:
            assert "MUST_NOT_LEAVE_DUST" in str(e) and "debt_to_cover" in str(e)
            new = None
        return hf, old, new

    hf, old, new = both(950, 1560, 10**30)
    assert round(hf / WAD, 3) == 0.974 and (old, new) == (780 * 10**6, 1560 * 10**6)
    hf, old, new = both(10_000, 16_200, 10**30)
    assert old == new == 8100 * 10**6
    hf, old, new = both(1500, 2600, 2000 * 10**6)
    assert round(hf / WAD, 3) == 0.923 and old == 2000 * 10**6 and new is None
    # repaying everything, or leaving at least 1,000 USD of both, goes through
    coll, debt, hf = pos(1500, 2600)
    args = (coll, 8000, 2000 * 10**8, 10**8, 18, 6, 10500)
    assert lending_contracts.aave_liquidation_v33(10**30, debt, *args).debt_repaid == debt
    assert lending_contracts.aave_liquidation_v33(1600 * 10**6, debt, *args).debt_repaid == 1600 * 10**6
    stated(
        "(0.95 ETH, \\$1,900, against 1,560 USDC)",
        "v3.0 allowed half and left a 780 USDC loan",
        "offers 2,000 of the 2,600 USDC owed would leave 600 USDC of debt",
    )


def test_morpho_figure_and_values():
    lif = lambda x: lending_contracts.morpho_lif_wad(int(x * 10**18)) / 1e18 - 1  # noqa: E731
    assert round(lif(0.86) * 100, 1) == 4.4 and round(lif(0.98) * 100, 1) == 0.6
    assert round((1 - (1 - 1 / 1.15) / 0.3) * 100, 1) == 56.5 and lif(0.56) == pytest.approx(0.15)
    stated("up to an LLTV of about 56.5%", "falls to about 4.4% at 86% and 0.6% at 98%")
    assert round(lending_contracts.morpho_lif_wad(915 * 10**15) / 1e18, 4) == 1.0262
    stated("\\approx$ **1.0262**")


def test_liquidation_example():
    assert lending_contracts.health_factor_wad([1000 * 10**8], [8000], 1000 * 10**8) == 8 * 10**17
    deal = lending_contracts.aave_liquidation(10**30, 1000 * 10**6, 10**18, 8000, 1000 * 10**8, 10**8, 18, 6, 10500)
    assert deal.debt_repaid == 952_380_952 and deal.collateral_seized == 10**18
    assert deal.health_factor_wad == 8 * 10**17 and deal.close_factor_bps == 10_000  # "HF = 0.80, ... 100%"
    assert round(1000 - deal.debt_repaid / 1e6, 2) == 47.62
    stated(
        "A 1 ETH position at \\$1,000 (liquidation threshold 80%) with 1,000 USDC of debt and a 5% bonus",
        "computes the health factor from these amounts, as `GenericLogic` does, and reports the close factor it "
        "applied",
    )
    stated(
        "takes all of it for 952.38 USDC, and **47.62 USDC of debt is left on an account with no collateral**",
        "**50%** of the debt while HF > 0.95 and **100%** at or below it",
        "(100% at or below HF 0.95)",
    )
    # LiquidationLogic (v1.19.0, v3.3.0): `healthFactor > CLOSE_FACTOR_HF_THRESHOLD` keeps 50%, so HF = 0.95 exactly is
    # 100%
    assert (
        lending_contracts.aave_close_factor_bps(95 * 10**16) == 10_000
        and lending_contracts.aave_close_factor_bps(95 * 10**16 + 1) == 5000
    )
    big = dict(
        debt_to_cover=10**30,
        user_debt=16_200 * 10**6,
        user_collateral=10 * 10**18,
        collateral_price=2000 * 10**8,
        debt_price=10**8,
        collateral_decimals=18,
        debt_decimals=6,
        bonus_bps=10500,
    )
    at = lending_contracts.aave_liquidation_v33(threshold_bps=7695, **big)  # 20,000 x 76.95% / 16,200 = 0.95 exactly
    assert at.health_factor_wad == 95 * 10**16 and at.max_debt == 16_200 * 10**6
    above = lending_contracts.aave_liquidation_v33(threshold_bps=7696, **big)
    assert above.health_factor_wad > 95 * 10**16 and above.max_debt == 8100 * 10**6
    # the sandbox's float rule draws the line at the same place (it used to close half at exactly 0.95)
    assert lending.close_factor(0.95) == 1.0 and lending.close_factor(0.95 + 1e-12) == 0.5


def test_backstop_example():
    """§4: BitMEX's ADL on three shorts; every unit closed costs the 50 gap; the 20x short keeps most of its profit."""
    import numpy as np

    sizes, entries = np.array([40_000.0, 5_000.0, 20_000.0]), np.array([2200.0, 2400.0, 2100.0])
    r = backstop.auto_deleverage(
        100_000.0, 2050.0, 2000.0, 2e6, sizes, entries, sizes * entries / np.array([2.0, 20.0, 5.0])
    )
    assert r.from_fund == 2e6 and r.closed.tolist() == [35_000.0, 5_000.0, 20_000.0]
    assert (r.forgone / 1e6).tolist() == [1.75, 0.25, 1.0] and r.adl_total == 3e6
    assert [round(x, 3) for x in r.ranking] == [0.140, 0.641, 0.183]
    assert round(400 / 2400, 3) == 0.167 and round(2000 * 5000 / (0.6e6 + 5000 * 400), 2) == 3.85
    assert (sizes * (entries - 2000.0) / 1e6).tolist() == [8.0, 2.0, 2.0]
    stated(
        "so 5 M is missing; the fund holds 2 M",
        "The 20× short ranks first (0.641: a 16.7% gain at an effective leverage of 3.85",
        "then the 5× short (0.183), then the 2× short (0.140)",
        "the same 50, the gap between the bankruptcy price and the mark",
        "the 20× short gives up 0.25 M and keeps the rest of its 2 M profit, booked at 2,050",
        "**PnL percentage × effective leverage**",
        "**at the bankruptcy price of the liquidated order**",
    )
    assert "its whole 1 M profit" not in NB09


def test_exercise_4_backstop_worked_solution():
    import numpy as np

    from coordlab.exercises import nb09

    sizes, entries, lev = map(np.array, (nb09.SIZES, nb09.ENTRIES, nb09.LEVERAGE))
    equity = sizes * entries / lev + sizes * (entries - 3000.0)
    pnl = (entries - 3000.0) / entries
    score = pnl * sizes * 3000.0 / equity
    assert [round(x, 3) for x in score] == [0.140, 0.665, 0.379, 0.263]
    assert [round(x, 2) for x in sizes * 3000.0 / equity] == [1.54, 5.10, 2.27, 5.52]
    assert round(nb09._adl(), 3) == 2.076 and round(nb09._adl_ranked_by(nb09.LEVERAGE), 2) == 0.88
    assert round(17_300 * 480 / 1e6, 1) == 8.3 and (7.2e6 - 4.404e6) / 120 == 23_300
    stated(
        "which leaves 2.796 M, or 23,300 units, for ADL",
        "**2.076 M**, about 2.08 M",
        "the 5× short would give up only 0.88 M; ranked by profit alone, it would carry all 2.8 M",
    )


def test_cover_deficit_proxy_is_kept_for_comparison():
    """The course's earlier proxy (profit in USD x leverage, profit itself taken) still computes what it did."""
    r = backstop.cover_deficit(5.48, 2.35, [3.4, 0.9, 2.6, 1.5], [2.0, 25.0, 5.0, 8.0])
    assert [round(x, 2) for x in r.adl] == [0.0, 0.9, 2.23, 0.0]
    stated("The course's earlier `cover_deficit`, which ranked by profit in USD × leverage and took profit itself")


def test_figure_2_sandbox():
    lab = SyncLab()
    lab.update(drop=10.0, threshold=0.90, bonus=1.08, depth=600.0)
    out, ref = lab.result["out"], lab.result["ref"]
    assert round(out.final_price) == 1635 and out.waves == 14 and round(ref.final_price) == 1707 and ref.waves == 5
    assert round(out.penalties["A"] / 1e6, 2) == 0.47 and round(ref.penalties["A"] / 1e6, 2) == 0.35
    assert round(out.penalties["B"] / 1e6, 2) == 1.27 and round(ref.penalties["B"] / 1e6, 2) == 0.37
    assert round(out.bad_debt["B"] / 1e6, 2) == 0.22 and ref.bad_debt["B"] == 0.0
    assert out.liquidated["A"] - ref.liquidated["A"] == 150
    assert (loose_lo := 1635 - max(0.1 * (1800 - 1635), 0.005 * 1800)) == pytest.approx(1618.5)
    assert round(1.1 * round(out.penalties["B"] / 1e6, 2), 1) == 1.4
    stated("price (USD, about 1,620 to 1,820)", "(0 to about 1.4)", "Its axes are fitted to this result")
    fig = lab.static_figure()
    assert fig.axes[0].get_ylim()[0] == pytest.approx(loose_lo, abs=1.0) and fig.axes[1].get_xlim()[1] < 1.5
    stated(
        "falls from 1,800 to about 1,635 over 14 waves",
        "stops at about 1,707 after 5 waves",
        "A's borrowers pay about 0.47 M instead of 0.35 M",
        "B's borrowers about 1.27 M instead of 0.37 M",
        "B's lenders carry 0.22 M of bad debt",
        "150 more of A's borrowers are liquidated",
        "(1,635 instead of 1,707)",
    )


def test_exercise_solutions():
    assert round(15_000 / 8.25, 2) == 1818.18
    assert lending_contracts.health_factor_wad([20_000 * 10**8], [8250], 15_000 * 10**8) == 11 * 10**17
    rate = lending_contracts.aave_rates_ray(13 * 10**16, 87 * 10**16, **STRATEGY).borrow_rate
    assert rate == 3025 * RAY // 10_000 and round(0.3025 / 0.04, 2) == 7.56
    stated(
        "**\\$1,818.18** (HF = 1.1 at \\$2,000)",
        "$0 + 0.04 + 0.75 \\times (0.87 - 0.8)/(1 - 0.8) = 0.04 + 0.75 \\times 0.35 = 0.04 + 0.2625 =$ **0.3025**",
        "30.25% a year, more than seven times the rate at the kink for 7 more points of utilisation",
    )


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "09_capital_coordination.ipynb"), heading)


def test_exercise_5_worked_solution_against_the_contract():
    borrow_rate = _worked_solution("### Exercise 5 (write it yourself)")["borrow_rate"]
    for debt in range(0, 101, 5):  # per cent of the pool borrowed, section 2's test strategy
        want = lending_contracts.aave_rates_ray((100 - debt) * 10**16, debt * 10**16, **STRATEGY).borrow_rate / RAY
        assert borrow_rate(debt / 100, 0.8, 0.0, 0.04, 0.75) == pytest.approx(want, rel=1e-12, abs=1e-15)
    assert borrow_rate(0.8, 0.8, 0.02, 0.04, 0.75) == pytest.approx(0.06)  # no jump at the kink
    assert lending_contracts.aave_rates_ray(0, 0, **STRATEGY) == lending_contracts.AaveRates(
        0, 0
    )  # nothing borrowed: utilisation 0
    with pytest.raises(ValueError, match="optimal must be in"):
        lending_contracts.aave_rates_ray(1, 1, **{**STRATEGY, "optimal": RAY})
    with pytest.raises(ValueError, match="reserve_factor"):
        lending_contracts.aave_rates_ray(1, 1, **{**STRATEGY, "reserve_factor_bps": 10_001})
    stated(
        "`coordlab.models.lending_contracts.aave_rates_ray` is the contract's own computation",
        "### Exercise 6 (open design)",
    )


def test_limits_and_version_boxes():
    """The limits' shares of small synthetic borrowers (v3.3 would close them in full) and the boxes' key facts."""

    a = lending.LendingMarket.synthetic(2000, 0.80, 1.05, price=2000.0, seed=1, name="A")
    b = lending.LendingMarket.synthetic(2000, 0.90, 1.08, price=2000.0, seed=2, name="B")
    for m, count in ((a, 93), (b, 78)):
        small = (m.debt < 2000.0) | (m.collateral * 2000.0 < 2000.0)
        assert int(small.sum()) == int((m.debt < 2000.0).sum()) == count  # small collateral implies small debt
    assert (93 * 10_000 // 2000, 78 * 1000 // 2000) == (465, 39)  # 4.65% and 3.9%, exactly
    stated(
        "the 93 of A's and 78 of B's 2,000 synthetic borrowers (4.65% and 3.9%) who owe less than \\$2,000",
        "across ten draws of B's borrowers the extra liquidations in A range from 109 to 162",
    )
    assert (
        lending_contracts.MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD == 2000 * 10**8
        and lending_contracts.MIN_LEFTOVER_BASE == 1000 * 10**8
    )
    assert lending_contracts.CLOSE_FACTOR_HF_THRESHOLD == 95 * 10**16
    stated(
        "> **Version box · Aave v3 liquidations**",
        "> **Version box · Aave v3 interest-rate strategy**",
        "> **Version box · Perpetuals auto-deleveraging**",
        "aave-v3-origin v3.3.0",
        "commit 5431379, 24 February 2025",
        "aave-v3-core v1.19.0",
        "The constants (HF 0.95, \\$2,000, \\$1,000) and the deficit are unchanged through it",
    )


def test_version_box_facts_checked_against_the_sources():
    """The boxes' dated claims, each as read in its primary source (aave-v3-origin tags and docs, aave-v4,
    umbrella).
    """
    stated(
        "v3.4 (July 2025) made GHO a standard reserve and forbade "
        "self-liquidation",  # docs/3.4: [BREAKING] self-liquidation
        "v3.2, October 2024, removed stable-rate borrowing",  # docs/3.2: deprecation of stable debt
        "merged into main on 1 June 2026, commit 4fbd744, with no "
        "release tag by then",  # "feat : v3.7.0 (#183)"; tags end at v3.6.0
        # aave-dao/aave-proposals-reports: reports/v3-473-...-v3.7-Part-1.md, v3-489-...-v37-Part-2.md,
        # v3-501-Aave-V37-Monad-Activation.md
        "two upgrade proposals, 473",
        'and 489 ("Part 2"',
        "a new v3.7 market on Monad followed in July 2026 (proposal 501",
        "take v3.7 as deployed on the v3 markets from between late May and July 2026",
        # reports/v3-462-aave-v3-Aave-V4-Activation-Ethereum.md (committed 29 March 2026); Aave Labs' post
        "in late March or early April 2026",
        "proposal 462",
        "https://aave.com/blog/aave-v4-live-ethereum",
        "Only the pool's registered Umbrella contract may cover it",  # Pool.eliminateReserveDeficit onlyUmbrella
        "stakers' deposits are slashed to the DAO's collector",  # Umbrella.slash -> SLASHED_FUNDS_RECIPIENT
        "Until it is covered the suppliers are still short",
        "its first cross-margin ADL in over two years",
        "the supply rate's usage ratio also counts a reserve's deficit as "
        "unbacked",  # V2 strategy: supplyUsageRatio only
        "the deficit term lowers the supply rate, not the borrow rate",
    )
    assert "stakers' aTokens are burned" not in NB09 and "covered by Umbrella's stakers where" not in NB09
    assert "is not checked here" not in NB09 and "launched on Ethereum mainnet in March 2026" not in NB09
    # aave/aave-v4 docs/features/LiquidationEngine.md: maxLiquidationBonus.percentMulUp(collateralFactor) < 100_00
    stated(
        "requires every collateral's `maxLiquidationBonus` × collateral factor to stay below 1",
        "notebook 12's state machine runs both, v3.0 by default",
        "notebook 12's state machine runs v3.0's rules by default and v3.3's beside them",
    )
    assert "keeps v3.0's" not in NB09 and "the version notebook 12's state machine uses" not in NB09


def test_compound_version_box_block_time():
    """Compound v2's blocksPerYear = 2,102,400 is a 15 s block; Ethereum's 12 s slots since the Merge make
    2,628,000.
    """
    year = 365 * 24 * 3600
    assert year // 15 == lending_contracts.BLOCKS_PER_YEAR == 2_102_400 and year // 12 == 2_628_000
    assert 2_628_000 / 2_102_400 == 1.25
    stated(
        "> **Version box · Compound v2 interest-rate model**",
        "about 2,628,000 a year",
        "charges 25% more a year than its nominal parameters",
        "`blocksPerYear = 2102400` (one block every 15 seconds)",
    )


def test_sandbox_seeds_line():
    """§5: across seeds 2-11 of B's borrowers, B's choice liquidates 109 to 162 extra borrowers of A."""

    extra = []
    a = lending.LendingMarket.synthetic(2000, 0.80, 1.05, seed=1, name="A")
    for seed in range(2, 12):
        pool = amm.ConstantProductPool.from_depth(2000.0, 600e6)
        shock = float(pool.sale_to_reach(1800.0))
        arms = [
            lending.shared_collateral_crash(
                [a, lending.LendingMarket.synthetic(2000, lt, bo, seed=seed, name="B")], pool, shock
            )
            for lt, bo in ((0.90, 1.08), (0.80, 1.05))
        ]
        extra.append(arms[0].liquidated["A"] - arms[1].liquidated["A"])
    assert (min(extra), max(extra)) == (109, 162) and extra[0] == 150
    pool = amm.ConstantProductPool.from_depth(2000.0, 600e6)
    v33 = [
        lending.shared_collateral_crash(
            [a, lending.LendingMarket.synthetic(2000, lt, bo, seed=2, name="B")],
            pool,
            float(pool.sale_to_reach(1800.0)),
            rules="v3.3",
        )
        for lt, bo in ((0.90, 1.08), (0.80, 1.05))
    ]
    assert (round(v33[0].final_price), round(v33[1].final_price)) == (1635, 1707)
    assert v33[0].liquidated["A"] - v33[1].liquidated["A"] == 150 and round(v33[0].bad_debt["B"] / 1e6, 2) == 0.22
    stated("the price still ends at 1,635 against 1,707 synced, with the same 150 extra")
    stated("over ten draws of B's borrowers (seeds 2 to 11) B's choice liquidates 109 to 162 extra borrowers of A")
