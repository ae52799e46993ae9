"""Exercises of notebook 03 (stakeholder incentive divergence)."""

from typing import Any

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import voting

DAO: dict[str, Any] = dict(weights=[40, 30, 20, 10], quota=67)
EX2_DAO: dict[str, Any] = dict(DAO, quota=75)
# Section 5's two-thirds threshold needs twice the circulating votes, as the page says; this one does not.
EX3: dict[str, Any] = dict(treasury=50e6, circulating_votes=90e6, token_price=1.0, pass_share=0.6)
ONE = 10**18

exercise(
    Numeric(
        key="03.1",
        decimals=3,
        unit="fraction",
        answer=lambda: float(voting.shapley_shubik(**DAO).values[0]),
        hint="List the 24 orders in which the four holders could vote yes, and count those where the 40% holder "
        "brings the running total to 67 or more.",
        traps=(
            (
                lambda: DAO["weights"][0] / sum(DAO["weights"]),
                "That is the token share. Power is about being pivotal, not about size.",
            ),
            (
                lambda: float(voting.banzhaf(**DAO).values[0]),
                "That is the (normalised) Banzhaf index; Shapley–Shubik counts orderings, not coalitions.",
            ),
        ),
    )
)

exercise(
    Numeric(
        key="03.2",
        decimals=3,
        unit="fraction",
        answer=lambda: float(voting.banzhaf(**EX2_DAO).values[2]),
        hint="List the coalitions that reach the new quota, count those that the 20-token holder turns into losing "
        "ones by leaving, then divide by all voters' swings together.",
        traps=(
            (lambda: EX2_DAO["weights"][2] / sum(EX2_DAO["weights"]), "That is the token share."),
            (
                lambda: float(voting.banzhaf(**DAO).values[2]),
                "That is its power at the old quota of 67: with the higher quota, fewer coalitions win.",
            ),
            (lambda: float(voting.shapley_shubik(**EX2_DAO).values[2]), "That is the Shapley–Shubik index."),
        ),
    )
)

exercise(
    Numeric(
        key="03.3",
        decimals=0,
        unit="million tokens",
        answer=lambda: voting.flash_loan_attack(**EX3).tokens_needed / 1e6,
        hint="The borrowed tokens vote too, so they swell the total of votes counted: set up the attacker's share "
        "of that larger total, as section 5 does.",
        traps=(
            (
                lambda: EX3["pass_share"] * EX3["circulating_votes"] / 1e6,
                "Borrowed tokens add to the votes counted: 60% of the 90 M votes in circulation is not enough once "
                "they are counted too.",
            ),
            (
                lambda: 2 * EX3["circulating_votes"] / 1e6,
                "Twice the circulating votes is what section 5's two-thirds threshold needs. Set up the attacker's "
                "share for this threshold.",
            ),
            (lambda: EX3["circulating_votes"] / 1e6, "That gives exactly half of the votes after borrowing."),
        ),
    )
)

EX4_START = 1_700_000_000  # section 4's start: 14 November 2023
EX4_UNLOCK = EX4_START + 2 * 365 * 86400  # exactly two years later, before the contract rounds it


exercise(
    Numeric(
        key="03.4",
        decimals=1,
        unit="veCRV",
        answer=lambda amount=1000: (
            voting.ve_voting_power(int(amount) * ONE, voting.ve_lock_end(EX4_START, EX4_UNLOCK), EX4_START) / ONE
        ),
        hint="Section 4 gives veCRV power: it depends on the amount locked and on the time left, measured against "
        "the longest lock Curve allows, and the contract first rounds the unlock time down to a whole week.",
        traps=(
            (
                lambda amount=1000: float(amount),
                "Power is not the amount locked: it scales with the time left on the lock.",
            ),
            (lambda amount=1000: 2.0 * amount, "The 4-year maximum gives 1 vote per token; shorter locks give less."),
        ),
        # 500 (no week rounding) is within the check's "close" band: the close hint names the rounding
        close_hint="Check the time left: compute the lock end the contract records (unlock_time rounded down "
        "to a whole week, as ve_lock_end does) before you compute the power, and give 1 decimal place.",
        vary=lambda rng: {"amount": draw(rng, 400.0, 3000.0, 50.0)},  # CRV locked, a whole number of tokens
    )
)


def _swings(weights: list[float], quota: float) -> list[int]:
    """Each voter's number of swings: the Penrose-Banzhaf probability of being decisive times 2^(n-1)."""
    raw = voting.banzhaf(quota, weights, normalized=False, method="exact").values
    return [int(round(float(x) * 2 ** (len(weights) - 1))) for x in raw]


def _tokens(x: float) -> str:
    return f"{x / 1e6:g} million" if x >= 1e6 else f"{x:g}"


def _game_in_words(weights: list[float], quota: float) -> str:
    listed = ", ".join(_tokens(w) for w in weights[:-1]) + " and " + _tokens(weights[-1])
    return f"voters with {listed} tokens, quota {_tokens(quota)} tokens"


exercise(
    Function(
        key="03.5",
        signature="swings(weights, quota)",
        reference=_swings,
        # ordinary games first (three voters; four, not sorted by size); then a dictator, a dummy whose partners reach
        # the quota exactly, a game where coalitions reach the quota exactly with and without a voter, unanimity
        # (quota = all tokens), a 1-token holder as decisive as the 3-token ones, token amounts in the millions with
        # ties at the quota, and a holder with no tokens; none of them is printed in the notebook
        cases=lambda: [
            ([50, 30, 20], 51),
            ([10, 45, 25, 20], 50),
            ([60, 25, 15], 51),
            ([30, 30, 30, 10], 60),
            ([40, 30, 30], 60),
            ([20, 30, 50], 100),
            ([3, 3, 3, 1], 7),
            ([2.5e6, 1.5e6, 1e6], 2.5e6),
            ([50, 50, 0], 50),
        ],
        describe=_game_in_words,
        hint="Look again at section 3: go through every coalition, keep those that reach the quota (reaching it "
        "exactly is enough), and for each member ask whether the others alone still reach it.",
    )
)
