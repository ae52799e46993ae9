"""Exercises of notebook 11 (consensus mechanism failures)."""

import math

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import consensus


def _finality_epoch(offline: float) -> int:
    """The epoch at which finality returns when ``offline`` of the stake is offline (it does return: the leak ends)."""
    epoch = consensus.inactivity_leak(offline).finality_epoch
    if epoch is None:
        raise ValueError(f"finality does not return with {offline:.0%} of the stake offline")
    return epoch


def _finality_days(offline: float) -> float:
    return float(consensus.inactivity_leak(offline).days(_finality_epoch(offline)))


# Exercise 1: a 20% attacker against 5 confirmations. (Not 6: the lab prompt and the session plan set q = 0.20 at
# z = 6 before raising z, and the lab prints that probability to four decimals of a percent.)
Q1, Z1 = 0.2, 5

exercise(
    Numeric(
        key="11.1",
        decimals=4,
        unit="probability",
        answer=lambda q=Q1, z=Z1: consensus.double_spend_probability(q, int(z)),
        hint="Use section 2's model: the attacker's expected progress while the merchant waits, then, for each "
        "number of blocks it has mined, its chance of ever catching up from there, weighted by the Poisson "
        "probabilities.",
        traps=(
            (
                lambda q=Q1, z=Z1: (q / (1 - q)) ** z,
                "That is the catch-up probability from z blocks behind, ignoring the attacker's progress while you "
                "waited.",
            ),
            (
                lambda q=Q1, z=Z1: (
                    1
                    - sum(
                        math.exp(-z * q) * (z * q) ** k / math.factorial(k) * (1 - (q / (1 - q)) ** (z - k))
                        for k in range(int(z) + 1)
                    )
                ),
                "Check the attacker's expected progress λ against section 2's definition: how many blocks does it "
                "mine, "
                "on average, while the honest miners mine the merchant's z?",
            ),
            (
                lambda z=Z1: consensus.double_spend_probability(0.1, int(z)),
                "That is the whitepaper's table for a 10% attacker; this one has a larger share.",
            ),
        ),
        close_tol=2e-2,
        # variants: an attacker with 15-30% of the hash power against 3 to 8 confirmations
        vary=lambda rng: {"q": draw(rng, 0.15, 0.3, 0.01), "z": draw(rng, 3.0, 8.0, 1.0)},
    )
)

exercise(
    Numeric(
        key="11.2",
        decimals=0,
        unit="blocks",
        answer=lambda: float(consensus.confirmations_needed(0.25, 0.0001)),
        hint="Section 2 shows how the whitepaper's table of confirmations is read off its Poisson model (not the exact "
        "race beside it). Build that table's entry for a 25% attacker, at this question's risk level rather than "
        "the table's.",
        traps=(
            (
                lambda: float(consensus.confirmations_needed(0.25, 0.001)),
                "That is the depth for a 0.1% risk (the whitepaper's table); the question asks for a risk ten times "
                "smaller.",
            ),
            (
                lambda: float(consensus.confirmations_needed(0.25, 0.0001) - 1),
                "At that depth the whitepaper's risk is still above one in ten thousand: the merchant needs a depth at "
                "which it is below.",
            ),
            (
                lambda: float(consensus.confirmations_needed(0.25, 0.0001, exact=True)),
                "That is the exact race's depth (section 2's second column); the question asks for the whitepaper's "
                "model.",
            ),
            (lambda: 6.0, "Six confirmations is the folk rule; it is far from enough against 25%."),
        ),
        close_tol=None,
    )
)

exercise(
    Numeric(
        key="11.3",
        decimals=3,
        unit="fraction",
        answer=lambda: consensus.selfish_threshold(0.38),  # off the lab's 0.05 grid: the lab cannot print it
        hint="Section 3 states when selfish mining beats honest mining: the threshold share depends only on γ. "
        "Use this network's γ.",
        traps=(
            (lambda: consensus.selfish_threshold(0.0), "That is the threshold with gamma = 0."),
            (
                lambda: consensus.selfish_threshold(0.5),
                "That is the threshold with gamma = 0.5, when half the honest miners help.",
            ),
            (
                lambda: consensus.selfish_threshold(0.4),
                "That is the threshold at gamma = 0.4, the lab's nearest setting; this network's gamma is 0.38.",
            ),
            (lambda: 0.5, "Selfish mining pays well below a majority."),
        ),
    )
)

exercise(
    Numeric(
        key="11.4",
        decimals=1,
        unit="days",
        answer=lambda: _finality_days(0.45),
        hint="Follow section 5's leak until the attesting validators hold 2/3 of the effective stake again, "
        "then turn that epoch into days (an epoch is 32 slots of 12 seconds).",
        traps=(
            (lambda: 4 * 6.4 / 1440, "Four epochs is when the leak starts, not when finality returns."),
            (
                lambda: float(_finality_epoch(0.45)),
                "That is a number of epochs; the question asks for days.",
            ),
            (lambda: 24 * _finality_days(0.45), "That is in hours; the question asks for days."),
            (
                lambda: _finality_days(0.4),
                "That is section 5's case of 40% offline; with 45% offline the leak must drain "
                "the offline validators further.",
            ),
        ),
        close_tol=5e-2,
    )
)

exercise(
    Function(
        key="11.5",
        signature="attacker_success(q, z)",
        reference=consensus.double_spend_probability,
        # ordinary attackers first; then a payment not yet buried, the tie q = p, a majority, no attacker at all and a
        # payment 200 blocks deep (where powers and factorials overflow a float); none of them is printed in the
        # notebook
        cases=lambda: [
            (0.15, 4),
            (0.25, 10),
            (0.35, 3),
            (0.05, 2),
            (0.4, 0),
            (0.5, 7),
            (0.6, 5),
            (0.0, 3),
            (0.42, 200),
        ],
        describe=lambda q, z: f"attacker with {q:.0%} of the hash rate, payment {z} block{'' if z == 1 else 's'} deep",
        hint="Look again at section 2: the attacker's expected progress while the merchant waits, its chance of "
        "catching "
        "up from each deficit (and with half the hash rate or more), and each Poisson term built from the one before.",
    )
)
