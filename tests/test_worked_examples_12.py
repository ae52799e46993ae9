"""Every number notebook 12's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from coordlab.exercises import check, nb12
from coordlab.exercises.check import REGISTRY
from coordlab.labs import StateMachineLab
from coordlab.labs.statemachine import crash_log
from coordlab.models import auctions, lending_contracts
from coordlab.models import statemachine as sm
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB12 = markdown(read(NOTEBOOK_DIR / "12_state_machines.ipynb"))
E18, E6, E8, WAD, RAY, RAD = 10**18, 10**6, 10**8, 10**18, 10**27, 10**45


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB12, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: the Black Thursday figures (MakerDAO's post-mortem and the press), the range where sources differ."""
    stated(
        "**12–13 March 2020**",
        "about **50%**",
        "about **6×** (around 80 gwei on average)",
        '"10x more loans in 24 hours than in its entire lifetime" (Dragonfly)',
        "**about \\$8.32 M of ETH was won with bids of 0 DAI**",
        "**62,890 ETH (about \\$7.1 M)**",
        "**13%** penalty",
        "**4–6.65 M DAI** (sources differ",
    )


def test_loan_walkthrough():
    loan = sm.step(sm.step(sm.Loan(), ("deposit", 10 * E18)), ("borrow", 12_000 * E6))
    assert round(loan.hf / E18, 3) == 1.375
    hit = sm.step(loan, ("price", 1438 * E8))
    assert hit.status == "liquidatable" and round(hit.hf / E18, 3) == 0.989
    stated("HF 0.989", "the price falls to \\$1,438")


def test_lt_times_bonus_line():
    assert round(0.825 * 1.05, 3) == 0.866 and round(0.825 * 1.15, 3) == 0.949
    stated("the line is at 0.866", "with a 15% bonus it is at 0.949")
    assert sm.liquidation_lowers_hf(0.90, 0.825, 1.15) and not sm.liquidation_lowers_hf(0.90, 0.825, 1.05)


def test_figure_1_and_the_lab_start():
    states, events, prices = crash_log(0.70, 1.15, 8)
    assert states[3].status == "liquidatable" and round(states[3].hf / E18, 3) == 0.989
    assert (
        states[4].status == "bad_debt"
        and round(prices[4]) == 1306
        and round(prices[4] * 10 * 0.825 / 12_000, 3) == 0.898
    )
    assert round(states[4].user_debt / E6, 2) == 642.83 and states[4].to_liquidators + states[4].to_treasury == 10 * E18
    assert round(states[3].user_collateral / E18 * states[3].collateral_price / E8, -2) == 14_400
    stated(
        "at hour 4 the price is \\$1,306 and HF 0.898",
        "**642.83 USDC** is left as bad debt",
        "to about 14,400 at hour 3 and to 0 at hour 4",
        "to about 640",
    )
    start, events45, _ = crash_log(0.45, 1.05, 0)
    assert sum(1 for e in events45 if e[0] == "liquidate") == 3 and start[-1].status == "healthy"
    lab = StateMachineLab()
    assert lab.values == {"hour": 24.0, "depth": 45.0, "bonus": 1.05, "sentinel": 0.0}
    stated("is liquidated three times, half the debt each time, and stays healthy")


def test_replay_and_auction():
    log = [
        ("deposit", 10 * E18),
        ("borrow", 12_000 * E6),
        ("price", 1438 * E8),
        ("price", 1306 * E8),
        ("liquidate", 10**15, False),
    ]
    run = sm.replay(sm.Loan(bonus_bps=11_500), log)
    assert run.final.status == "bad_debt" and run.digest == sm.replay(sm.Loan(bonus_bps=11_500), log).digest
    a = sm.step(
        sm.Auction(tab_rad=100 * RAD, lot=10 * WAD, feed_price=10 * RAY, buf_ray=RAY, chost=30 * RAD), ("kick", 0)
    )
    part = sm.step(a, ("take", 8 * WAD, 10 * RAY, 0))
    assert part.sold == 7 * WAD and part.tab_rad == 30 * RAD
    assert auctions.linear_decrease(120 * RAY, 360, 3600) == 108 * RAY
    stated("**108 DAI**", "**1.65**")


def test_exercises_2_and_4():
    """The worked solutions of Exercises 2 and 4 (another market and another sale than the text's)."""
    assert round(0.78 * 1.065, 3) == 0.831 and round(0.78 * 1.065, 4) == 0.8307
    up, down = sm.hf_after_liquidation(0.832, 0.78, 1.065, 0.5), sm.hf_after_liquidation(0.830, 0.78, 1.065, 0.5)
    assert round(up, 3) == 0.833 and round(down, 3) == 0.829
    assert not sm.liquidation_lowers_hf(0.832, 0.78, 1.065) and sm.liquidation_lowers_hf(0.830, 0.78, 1.065)
    stated("= 0.78 \\times 1.065 =$ **0.831** (0.8307)", "takes HF 0.832 up to 0.833, but HF 0.830 down to 0.829")
    sale = sm.step(
        sm.Auction(tab_rad=250 * RAD, lot=20 * WAD, feed_price=12 * RAY, buf_ray=RAY, chost=40 * RAD), ("kick", 0)
    )
    cut = sm.step(sale, ("take", 18 * WAD, 12 * RAY, 0))
    assert 18 * 12 == 216 and 250 - 18 * 12 == 34 < 40
    assert 2 * cut.sold == 35 * WAD and cut.tab_rad == 40 * RAD and cut.raised == 210 * RAD
    stated("would cost 216 DAI and leave a 34 DAI tab", "owes 250 − 40 = 210 DAI and gets 210 / 12 = **17.5** units")


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "12_state_machines.ipynb"), heading)


def _loan_at(hf: float) -> sm.Loan:
    """1 ETH against 1,000 USDC at LT 50%, priced so that its health factor is exactly ``hf`` (in WAD)."""
    price = round(2000 * hf * E8)
    loan = sm.Loan(user_collateral=E18, user_debt=1000 * E6, collateral_price=price, lt_bps=5000, deposited=E18)
    assert loan.hf == int(Decimal(str(hf)) * WAD)
    return loan


@pytest.mark.parametrize("hf", [1.2, 1.0, 0.9999, 0.99, 0.9500001, 0.95, 0.9499, 0.9, 0.6])
@pytest.mark.parametrize("sentinel", [True, False])
def test_exercise_5_reference_is_the_state_machines_guard(hf, sentinel):
    """12.5's reference (the guards written out, the close factor from lending) agrees with sm.step's liquidate."""
    loan = _loan_at(hf)
    share = nb12._repayable_share(hf, sentinel)
    try:
        after = sm.step(loan, ("liquidate", 10**30, sentinel))
    except sm.IllegalTransition:
        assert share == 0.0
        return
    assert share > 0 and (loan.user_debt - after.user_debt) == round(share * loan.user_debt)


def test_exercise_5_worked_solution_and_what_coordlab_adds():
    repayable_share = _worked_solution("### Exercise 5 (write it yourself)")["repayable_share"]
    for hf in (1.1, 1.0, 0.999, 0.96, 0.95000001, 0.95, 0.94999, 0.7):
        for sentinel in (True, False):
            assert repayable_share(hf, sentinel) == nb12._repayable_share(hf, sentinel)
    assert (repayable_share(0.95, True), repayable_share(0.95, False)) == (1.0, 0.0)  # the two rules part at 0.95
    assert (
        lending_contracts.aave_close_factor_bps(95 * 10**16) == 10_000
        and lending_contracts.aave_close_factor_bps(95 * 10**16 + 1) == 5000
    )
    with pytest.raises(TypeError, match="hf must be an integer"):
        lending_contracts.aave_close_factor_bps(0.95)
    with pytest.raises(ValueError, match="hf must be in"):
        lending_contracts.aave_close_factor_bps(-1)
    for hf, sentinel, guard in (
        (1.0, True, "HEALTH_FACTOR_NOT_BELOW_THRESHOLD"),
        (0.95, False, "PRICE_ORACLE_SENTINEL_CHECK_FAILED"),
    ):
        with pytest.raises(sm.IllegalTransition, match=guard):  # sm.step names the guard that refused
            sm.step(_loan_at(hf), ("liquidate", 10**30, sentinel))
    stated(
        "coordlab.models.lending_contracts.aave_close_factor_bps",
        "raises `IllegalTransition` naming the guard that refused",
        "coordlab.models.lending_contracts.aave_liquidation",
        "at exactly HF 0.95 the close factor is already 100%",
    )


def test_exercise_5_worked_solution_follows_the_protocols_order():
    """aave-v3-core v1.19, ValidationLogic.validateLiquidationCall: the sentinel's require (lines 515-520) comes
    before HF < 1 (lines 522-525); the worked solution's code and prose follow it, and the hint claims no order."""
    stated("in the order of Aave's `ValidationLogic.validateLiquidationCall` (the sentinel, then HF < 1")
    cells = read(NOTEBOOK_DIR / "12_state_machines.ipynb").cells
    start = next(i for i, c in enumerate(cells) if c.source.startswith("### Exercise 5 (write it yourself)"))
    code = re.search(r"```python\n(.*?)```", next(c.source for c in cells[start:] if "<details>" in c.source), re.S)[1]
    assert code.index("if not sentinel_allows") < code.index("if hf >= 1")
    assert "order" not in REGISTRY["12.5"].hint


def test_exercise_4_names_the_dai_slip():
    """12.4: the DAI the keeper pays (250 - 40) is recognised as an amount of DAI, not a count of units."""
    assert "amount of DAI" in check("12.4", 210).message and not check("12.4", 210).correct


def test_v33_beside_v30():
    """§3's version box and comparison: the same crashes under v3.0 and v3.3 (same loss, booked differently)."""
    from coordlab.labs.statemachine import crash_log

    v30, v33 = (crash_log(0.70, 1.15, 8, rules=r)[0][-1] for r in ("v3.0", "v3.3"))
    assert (
        round(v30.user_debt / 1e6, 2) == 642.83
        and v30.reserve_deficit == 0
        and v33.user_debt == 0
        and v33.reserve_deficit == v30.user_debt
    )
    assert v30.status == v33.status == "bad_debt"
    same = fewer = total = 0
    for depth in range(10, 71):
        for bonus in range(100, 116):
            for delay in range(0, 13):
                a, b = (crash_log(depth / 100, bonus / 100, delay, rules=r) for r in ("v3.0", "v3.3"))
                end_a, end_b = a[0][-1], b[0][-1]
                loss_a = end_a.user_debt if end_a.user_collateral == 0 else 0
                same += end_a.status == end_b.status and loss_a == end_b.reserve_deficit
                takes = [sum(e[0] == "liquidate" for e in log[1]) for log in (a, b)]
                fewer += takes[1] < takes[0]
                assert takes[1] <= takes[0]
                total += 1
    assert (total, same, fewer) == (12_688, 12_688, 551)
    stated(
        "Over every setting of the lab's sliders (12,688 combinations of crash depth, bonus and sentinel delay) the "
        "two "
        "versions end in the same status with the same loss; in 551 of them v3.3 needs fewer liquidations",
        "under v3.3 the account is emptied and the reserve records a deficit of the same size",
    )


def test_borrow_guard_is_hf_only_and_says_so():
    """The model's only borrow guard is HF >= 1 after the borrow (Aave's LTV check is stricter): the prose says so."""
    from coordlab.models import statemachine as sm

    loan = sm.step(sm.Loan(), ("deposit", 10 * 10**18))
    at_line = sm.step(loan, ("borrow", 16_500 * 10**6))  # 10 ETH x 2,000 x 82.5%: HF exactly 1
    assert at_line.hf == 10**18 and at_line.status == "healthy"
    with pytest.raises(sm.IllegalTransition):
        sm.step(loan, ("borrow", 16_501 * 10**6))
    stated(
        "the model's only borrow guard (Aave's own is stricter: `ValidationLogic.validateBorrow`",
        "no interest accrual, loan-to-value limit on borrowing (a loan may borrow up to HF 1)",
    )


def test_v33_property_tests_described_as_they_are():
    """§4's paragraph on the v3.3 machine: its invariants are the ones tests/test_statemachine.py checks, and the
    two
    mutations it names are caught there (test_v33_machine_catches_*)."""
    import inspect

    import test_statemachine as t

    stated(
        "borrowed = repaid by the borrower + repaid by liquidators + burned into the deficit + still owed",
        "a deficit appears only on an account left with no collateral and no debt",
        "no liquidation leaves less than \\$1,000 of debt or collateral unless it clears one of them",
        "a liquidation of 95% of the debt after a price drop leaves 600 USDC of debt",
        "a \\$1,500 loan can no longer be cleared in one call",
    )
    code = inspect.getsource(t.LoanMachineV33)
    for needle in (
        "every_unit_of_debt_is_accounted_for",
        "deficit_only_when_the_collateral_is_gone",
        "left_coll >= 1000 * E8 and left_debt >= 1000 * E8",
        "was.user_debt // 2 + 1 if half",
    ):
        assert needle in code
    assert hasattr(t, "test_v33_machine_catches_a_model_without_the_dust_rule")
    assert hasattr(t, "test_v33_machine_catches_a_model_that_halves_small_positions")
    # 12,000 USDC x 5% left = 600 USDC; 10 ETH at 1,340 gives HF 0.921, at or below 0.95: the 100% close factor
    assert 12_000 * 5 // 100 == 600 and round(10 * 1340 * 0.825 / 12_000, 3) == 0.921


def test_version_box_v37_and_v4_as_verified():
    """The box's v3.7 and v4 facts as read in aave-v3-origin (commit 4fbd744, docs/3.7) and
    aave-dao/aave-proposals-reports
    (v3-462 Aave V4 activation, 29 March 2026; v3-473 and v3-489 v3.7 upgrades, May 2026; v3-501 Monad, July 2026)."""
    stated(
        "merged into main on 1 June 2026, commit 4fbd744",
        "two upgrade proposals, 473",
        'and 489 ("Part 2"',
        "proposal 501",
        "take v3.7 as deployed on the v3 markets from between late May and July 2026",
        "`setPriceOracleSentinel(address(0))`",
        "in late March or early April 2026",
        "proposal 462",
        "there a liquidation is refused only at HF ≥ 1",
    )
    assert "no deployment we could verify" not in NB12 and "since March 2026" not in NB12


def test_version_box_v4_split_condition_and_v37_grace_period():
    """aave/aave-v4 docs/features/LiquidationEngine.md ("Preventing Liquidation Splits"): a partial liquidation
    lowers HF
    when lb x cf > HF, §3's line; the Governor must keep maxLB x cf <= healthFactorForMaxBonus. aave-v3-origin 4fbd744
    (v3.7) ValidationLogic still checks liquidationGracePeriodUntil (v3.1, MAX_GRACE_PERIOD = 4 hours)."""
    stated(
        "states §3's condition (a partial liquidation lowers HF when bonus × collateral factor > HF)",
        "keep every collateral's maximum bonus × collateral factor at or below the health factor where the bonus peaks",
        "or while governance holds a reserve in v3.1's liquidation grace period, which v3.7 keeps",
        "a partial liquidation raises the health factor of a position that starts above LT × bonus and lowers it below",
    )
    # v4's Example 1 numbers (maxLB 105%, factor 80%, max bonus at HF 0.85): at HF 0.95 the bonus is 1.0433; with a
    # collateral factor of 0.80, lb x cf = 0.835 < 0.85 = hfForMaxBonus, so a liquidation at 0.95 raises HF, as §3 says
    lb = 1.04 + 0.01 * (1.0 - 0.95) / (1.0 - 0.85)
    assert round(lb, 4) == 1.0433 and 1.05 * 0.80 <= 0.85
    assert not sm.liquidation_lowers_hf(0.95, 0.80, lb) and sm.hf_after_liquidation(0.95, 0.80, lb, 0.3) > 0.95
    assert "rises above LT × bonus and falls below it" not in NB12


def test_health_factor_defined_in_section_2():
    """Exercise 1's hint sends the student to §2 for the health factor: §2 must define it, as the loan computes it."""
    stated(
        "Its health factor is notebook 09's, $HF = \\text{collateral} \\times \\text{price} \\times LT / \\text{debt}$"
    )
    loan = sm.step(sm.step(sm.Loan(), ("deposit", 10 * 10**18)), ("borrow", 12_000 * 10**6))
    assert loan.hf == lending_contracts.health_factor_wad(
        [20_000 * 10**8], [8250], 12_000 * 10**8
    )  # 20,000 x 82.5% / 12,000
    assert round(loan.hf / 1e18, 3) == 1.375
