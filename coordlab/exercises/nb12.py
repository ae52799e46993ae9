"""Exercises of notebook 12 (state machine coordination)."""

from decimal import Decimal

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import auctions, lending_contracts
from coordlab.models import statemachine as sm

RAY, WAD, RAD = 10**27, 10**18, 10**45

# 12.2: another market than the 82.5% / 5% (and 15%) worked in §3.
LINE = dict(lt=0.78, bonus=1.065)
# 12.4: another Clipper sale than §5's (tab 100, 10 units at 10 DAI, chost 30, a keeper asking for 8).
SALE = dict(tab=250, lot=20, price=12, chost=40, ask=18)


def _hf_line(lt: float, bonus: float) -> float:
    """The health factor at which a partial liquidation leaves HF unchanged (found on the model's own transition)."""
    lo, hi = 0.5, 1.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if sm.hf_after_liquidation(mid, lt, bonus, 0.5) < mid:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _sold(ask: float) -> float:
    """Units a keeper gets from SALE when it asks for ``ask`` units at the price right after the kick."""
    s = SALE
    auction = sm.step(
        sm.Auction(
            tab_rad=s["tab"] * RAD, lot=s["lot"] * WAD, feed_price=s["price"] * RAY, buf_ray=RAY, chost=s["chost"] * RAD
        ),
        ("kick", 0),
    )
    taken = sm.step(auction, ("take", int(ask * WAD), s["price"] * RAY, 0))
    if not isinstance(taken, sm.Auction):
        raise TypeError(f"a take on an auction gave {type(taken).__name__}")
    return taken.sold / WAD


def _loan_hf() -> float:
    """12.1: the health factor after depositing 1 ETH and borrowing 1,000 USDC (6 decimals) on §2's loan."""
    loan = sm.step(sm.step(sm.Loan(), ("deposit", 10**18)), ("borrow", 1000 * 10**6))
    if not isinstance(loan, sm.Loan):
        raise TypeError(f"a borrow on a loan gave {type(loan).__name__}")
    return loan.hf / 1e18


exercise(
    Numeric(
        key="12.1",
        decimals=2,
        unit="",
        answer=lambda: _loan_hf(),
        hint="Revisit the health factor in §2: which part of the collateral's value counts against the debt?",
        traps=(
            (lambda: 2.0, "That is collateral / debt: the health factor does not count the whole collateral (§2)."),
        ),
        close_tol=5e-2,
    )
)

exercise(
    Numeric(
        key="12.2",
        decimals=3,
        unit="",
        answer=lambda lt=LINE["lt"], bonus=LINE["bonus"]: _hf_line(lt, bonus),
        hint="Revisit §3: compare the health factor before and after a partial liquidation, and find where they are "
        "equal.",
        traps=(
            (
                lambda: lending_contracts.CLOSE_FACTOR_HF_THRESHOLD / lending_contracts.WAD,
                "0.95 is the close-factor and sentinel threshold, not the line where liquidations start to hurt.",
            ),
            (lambda: _hf_line(0.825, 1.05), "That is the line for §3's market: use this market's threshold and bonus."),
            (lambda lt=LINE["lt"]: lt, "That is the liquidation threshold alone: the bonus moves the line too."),
            (
                lambda lt=LINE["lt"], bonus=LINE["bonus"]: lt / bonus,
                "The bonus makes the liquidator seize more collateral, not less: revisit how it enters the health "
                "factor "
                "after a liquidation (§3).",
            ),
        ),
        close_tol=1e-2,
        # variants: a liquidation threshold of 70-86% and a bonus of 4-10%
        vary=lambda rng: {"lt": draw(rng, 0.7, 0.86, 0.01), "bonus": draw(rng, 1.04, 1.1, 0.005)},
    )
)

exercise(
    Numeric(
        key="12.3",
        decimals=0,
        unit="DAI",
        answer=lambda: auctions.linear_decrease(120 * RAY, 360, 3600) / RAY,
        hint="Revisit §5: LinearDecrease lowers the price at a constant rate from top, reaching 0 after tau seconds.",
        traps=((lambda: 120 * 0.1, "That is how much the price has fallen, not what it is."),),
        close_tol=1e-3,
    )
)

exercise(
    Numeric(
        key="12.4",
        decimals=1,
        unit="units",
        answer=lambda: _sold(SALE["ask"]),
        hint="Revisit §5's dust rule: what may a partial purchase leave behind, and what does the keeper then owe?",
        traps=(
            (
                lambda: float(SALE["ask"]),
                "Buying everything it asked for would leave a tab below chost: the dust rule changes the purchase.",
            ),
            (
                lambda: float(int(_sold(SALE["ask"]))),
                "Collateral is sold in fractions of a unit (WAD): the purchase need not be a whole number.",
            ),
            (
                lambda: SALE["tab"] / SALE["price"],
                "That is what the whole tab would buy: the rule keeps part of the tab in the auction.",
            ),
            (
                lambda: float(SALE["tab"] - SALE["chost"]),
                "That is an amount of DAI, what the keeper pays: the question "
                "asks how many units of collateral it gets.",
            ),
        ),
        close_tol=None,
    )
)


def _repayable_share(hf: float, sentinel_allows: bool) -> float:
    """The share of the debt one ``liquidate`` may repay (0 when the guards refuse it), from coordlab's model.

    The close factor is coordlab's (``lending_contracts.aave_close_factor_bps``, on the health factor in WAD as the
    contract has it). The two guards before it live inside ``sm.step``'s ``liquidate`` transition, which has no
    function of its own: they are written here with the model's constants, and tests/test_worked_examples_12.py
    checks this function against ``sm.step`` on loans built to each health factor.
    """
    wad = int(Decimal(str(hf)) * sm.WAD)  # the float as written (0.95 is exactly 0.95e18)
    if wad >= sm.WAD or not (sentinel_allows or wad < sm.MIN_HF_OVERRIDE):
        return 0.0
    return lending_contracts.aave_close_factor_bps(wad) / lending_contracts.MAX_LIQUIDATION_CLOSE_FACTOR


exercise(
    Function(
        key="12.5",
        signature="repayable_share(hf, sentinel_allows)",
        reference=_repayable_share,
        # ordinary loans first (in the 50% band, in the 100% band, in the 50% band with the sentinel refusing); then the
        # boundaries: HF exactly 1 (not liquidatable), exactly 0.95 with the sentinel allowing (the close factor is
        # already 100%) and refusing (the bypass needs HF strictly below 0.95: refused), a hair above 0.95 (50%), a deep
        # position the sentinel refuses (the bypass lets it through) and a healthy one. The notebook shows the share
        # for none of them (section 2's loan is refused at HF 0.989; the lab liquidates at 0.898).
        cases=lambda: [
            (0.97, True),
            (0.91, True),
            (0.98, False),
            (1.0, True),
            (0.95, True),
            (0.95, False),
            (0.9500001, True),
            (0.62, False),
            (1.35, True),
        ],
        describe=lambda hf, sentinel_allows: (
            f"health factor {hf:.10g}, the price-oracle sentinel "
            f"{'allows' if sentinel_allows else 'refuses'} liquidations"
        ),
        hint="Look again at the guards of section 2: when a position can be liquidated at all, when the sentinel's "
        "refusal is bypassed, and on which side of 0.95 each rule puts 0.95 itself.",
    )
)
