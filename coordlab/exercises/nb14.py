"""Exercises of notebook 14 (the capstone stress test)."""

import numpy as np

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import capstone, contagion

BT = capstone.SCENARIOS["Black Thursday"]
FLUSH = capstone.SCENARIOS["Leverage flush"]

# Settings unlike §2's table (throttle 0.5 M an hour; close factor 100%).
THROTTLE_1 = 1.0e6  # 14.1: USD of debt an hour
THROTTLE_2 = 0.8e6  # 14.2
CLOSE_FACTOR = 0.85  # 14.3
FUND_STEP = 0.05e6  # the lab's insurance slider moves in steps of 0.05 M USD


def _bad_debt(throttle: float) -> float:
    """Black Thursday's bad debt (M USD) at ``throttle`` USD an hour, other parameters at their defaults."""
    return capstone.run(BT, capstone.Parameters(throttle=throttle)).bad_debt / 1e6


def _smallest_fund(throttle: float) -> float:
    """The smallest insurance fund the lab can set (M USD) with which Black Thursday's lenders lose nothing."""
    k = 0
    while capstone.run(BT, capstone.Parameters(throttle=throttle, insurance=k * FUND_STEP)).lender_loss > 0:
        k += 1
    return k * FUND_STEP / 1e6


exercise(
    Numeric(
        key="14.1",
        decimals=3,
        unit="million USD",
        answer=lambda throttle=THROTTLE_1: _bad_debt(throttle),
        hint="In the capstone lab, choose the Black Thursday scenario, set the throttle the question gives and read "
        "the bad debt.",
        traps=(
            (lambda: _bad_debt(capstone.Parameters().throttle), "That is the default 2 M throttle."),
            (lambda: _bad_debt(0.5e6), "That is the 0.5 M throttle of the table in §2."),
            (
                lambda throttle=THROTTLE_1: capstone.run(BT, capstone.Parameters(throttle=throttle)).lender_loss / 1e6,
                "That is what lenders lose after the insurance fund has paid; the question asks for all the bad debt.",
            ),
            (
                lambda throttle=THROTTLE_1: (
                    capstone.run(BT, capstone.Parameters(throttle=throttle)).insurance_used / 1e6
                ),
                "That is what the insurance fund pays, all of the default fund: the bad debt is larger than the fund.",
            ),
        ),
        close_tol=5e-2,
        # variants: a throttle the lab's slider can set (steps of 0.1 M, from its minimum 0.1 M) up to 1 M an hour,
        # where the bad debt still exceeds the default fund (so the last trap's hint holds); the table's 0.5 M is
        # drawn again. That leaves 9 variants: a throttle off the slider's steps could not be read in the lab.
        vary=lambda rng: {"throttle": draw(rng, 0.1e6, 1.0e6, 0.1e6)},
    )
)

exercise(
    Numeric(
        key="14.2",
        decimals=2,
        unit="million USD",
        answer=lambda: _smallest_fund(THROTTLE_2),
        hint="In the capstone lab, choose the Black Thursday scenario and this throttle, then raise the insurance fund "
        "step by step until the lenders' loss is zero.",
        traps=(
            (
                lambda: _bad_debt(THROTTLE_2),
                "That is the bad debt itself, and the lab's insurance slider cannot be set to it: find the smallest "
                "setting it offers with which lenders lose nothing.",
            ),
            (
                lambda: _smallest_fund(THROTTLE_2) - FUND_STEP / 1e6,
                "With that fund the lenders still pay part of the bad debt: read the lenders' loss in the lab.",
            ),
            (
                lambda: _smallest_fund(THROTTLE_2) + FUND_STEP / 1e6,
                "That fund keeps lenders whole, but so does a smaller one: the question asks for the smallest.",
            ),
            (lambda: capstone.Parameters().insurance / 1e6, "That is the default fund, which covers only part of it."),
            (
                lambda: _smallest_fund(THROTTLE_1),
                "That is the fund Exercise 1's 1 M throttle needs; this question throttles harder.",
            ),
        ),
        close_tol=None,
    )
)

exercise(
    Numeric(
        key="14.3",
        decimals=0,
        unit="borrowers",
        answer=lambda: float(capstone.run(FLUSH, capstone.Parameters(close_factor=CLOSE_FACTOR)).borrowers_liquidated),
        hint="In the capstone lab, choose the Leverage flush scenario and set the close factor to 85%: read the number "
        "of borrowers liquidated.",
        traps=(
            (
                lambda: float(capstone.run(FLUSH, capstone.Parameters()).borrowers_liquidated),
                "That is the default 50% close factor.",
            ),
            (
                lambda: float(capstone.run(FLUSH, capstone.Parameters(close_factor=1.0)).borrowers_liquidated),
                "That is the full 100% close factor of the table in §2.",
            ),
        ),
        close_tol=None,
    )
)


def _loss_split(bad_debt: float, insurance: float, fund_share: float, fund_equity: float) -> list:
    """Who pays ``bad_debt`` (USD): [the insurance fund, the lenders, the fund's creditors], as ``capstone.run``
    does.

    Steps 6 and 7 of ``capstone.run`` are written inside it, with the bad debt it has just computed, and coordlab has
    no function for them alone: the first two lines are step 6 as written there, and the creditors' loss is cleared
    with coordlab's Eisenberg–Noe (``contagion.clear``) on the same two-node network step 7 builds. The network needs
    the fund's deposits; any amount at least its loss gives the same clearing, so its share of the bad debt stands in
    for its share of the market's deposits. tests/test_worked_examples_14.py checks this function against
    ``capstone.run``'s scorecards.
    """
    used = min(bad_debt, insurance)
    lenders = bad_debt - used
    fund_loss = fund_share * lenders
    deposits = fund_share * bad_debt
    net = contagion.Network(
        np.array([[0.0, deposits], [0.0, 0.0]]),
        np.array([max(deposits + fund_equity - fund_loss, 0.0), 0.0]),
        ("fund", "fund's creditors"),
    )
    return [used, lenders, float(deposits - contagion.clear(net).p[0])]


def _usd(x: float) -> str:
    """An amount as the feedback writes it: 400 000 USD."""
    return f"{x:,.0f} USD".replace(",", " ")


exercise(
    Function(
        key="14.4",
        signature="loss_split(bad_debt, insurance, fund_share, fund_equity)",
        reference=_loss_split,
        # an ordinary split first (the fund exhausted, lenders and the fund's creditors lose), with the fund's share of
        # the lenders' loss different from its share of the bad debt; then bad debt smaller than the insurance fund
        # (lenders lose nothing, not a negative amount), exactly equal to it, the fund's loss exactly equal to its
        # equity
        # (its creditors lose nothing), no insurance fund, no fund among the lenders, no bad debt, a fund that supplied
        # every deposit, and a share that is not a round number. Amounts are whole dollars (exact in floats). The
        # notebook
        # prints Black Thursday's scorecards (bad debt 0.037 M and 0.575 M with a 0.2 M fund, 0.215 M, 0.308 M with
        # 0.30 M and 0.35 M): none of these.
        cases=lambda: [
            (400_000.0, 250_000.0, 0.3, 20_000.0),
            (120_000.0, 200_000.0, 0.3, 100_000.0),
            (300_000.0, 300_000.0, 0.25, 0.0),
            (900_000.0, 500_000.0, 0.25, 100_000.0),
            (1_000_000.0, 0.0, 0.4, 50_000.0),
            (750_000.0, 200_000.0, 0.0, 0.0),
            (0.0, 200_000.0, 0.3, 100_000.0),
            (2_500_000.0, 1_000_000.0, 1.0, 300_000.0),
            (640_000.0, 150_000.0, 0.35, 60_000.0),
        ],
        describe=lambda bad_debt, insurance, fund_share, fund_equity: (
            f"bad debt {_usd(bad_debt)}, insurance fund {_usd(insurance)}; the fund supplied {fund_share:.0%} of the "
            f"deposits, with {_usd(fund_equity)} of equity"
        ),
        hint="Look again at section 2's last two steps: who pays first and up to how much, whose loss the fund shares, "
        "and what its own equity absorbs before its creditors lose.",
        abs_tol=1e-6,  # dollars: a millionth of a cent, whichever order the learner subtracts in
    )
)
