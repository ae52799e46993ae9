"""Exercises of notebook 07 (position sizing failures)."""

import numpy as np

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import perps, sizing

P, B = 0.35, 3.0  # 07.1: a long shot that pays 3 to 1
MU, SIGMA = 0.11, 0.25  # 07.2: an asset other than §3's
BTC, LEV, BTC_MAX = 84_000.0, 20.0, 40.0  # 07.4: a 20x BTC long on Hyperliquid (BTC's maximum 40x)


def _vary_bet(rng: np.random.Generator) -> dict[str, float]:
    """07.1's variants: a long shot won 25-45% of the time, paying 2 to 5 to 1, always with an edge (p b > 1 - p)."""
    while True:
        p, b = draw(rng, 0.25, 0.45, 0.01), draw(rng, 2.0, 5.0, 0.25)
        if p * b - (1 - p) >= 0.05:
            return {"p": p, "b": b}


exercise(
    Numeric(
        key="07.1",
        decimals=3,
        unit="fraction",
        answer=lambda p=P, b=B: sizing.kelly_fraction(p, b),
        hint="Revisit §2: the Kelly stake uses both the win probability and the net odds b, and here b is not 1.",
        traps=(
            (
                lambda p=P: p - (1 - p),
                "That is the even-odds stake (and a negative one): here a win pays more than the stake.",
            ),
            (lambda p=P: p, "Staking the win probability is far too much: Kelly stakes the edge, scaled by the odds."),
            (
                lambda p=P, b=B: p * b - (1 - p),
                "That is the expected gain per unit staked (the edge), not the stake: "
                "see how §2's Kelly stake brings in the odds.",
            ),
        ),
        vary=_vary_bet,
    )
)

exercise(
    Numeric(
        key="07.2",
        decimals=4,
        unit="fraction",
        answer=lambda: sizing.fractional_growth(MU, SIGMA, c=0.5),
        hint="Revisit §3: first find full Kelly's growth for this asset, then the share of it that a fraction c of "
        "Kelly keeps.",
        traps=(
            (
                lambda: 0.5 * sizing.continuous_kelly(MU, SIGMA).growth,
                "Growth is not linear in the stake: half Kelly keeps more than half the growth.",
            ),
            (lambda: sizing.continuous_kelly(MU, SIGMA).growth, "That is full Kelly's growth."),
            (
                lambda: 0.5 * MU - 0.5**2 * SIGMA**2 / 2,
                "That stakes half of wealth: half Kelly means half of Kelly's fraction f*, which is not 1 here.",
            ),
        ),
    )
)

exercise(
    Numeric(
        key="07.3",
        decimals=4,
        unit="probability",
        answer=lambda: sizing.drawdown_probability(0.25, 0.5),
        hint="Revisit §4: the chance of ever reaching a fraction x of wealth is a power of x whose exponent depends on "
        "c.",
        traps=(
            (
                lambda: sizing.drawdown_probability(0.25, 1.0),
                "That is the chance at full Kelly: at half Kelly the exponent changes.",
            ),
            (lambda: 0.25**2, "Check the exponent in §4's formula: at half Kelly it is not 1/c."),
        ),
    )
)

exercise(
    Numeric(
        key="07.4",
        decimals=0,
        unit="USD",
        answer=lambda: perps.liquidation_price(BTC, LEV, perps.hyperliquid_mmr(BTC_MAX)),
        hint="Revisit §6: the liquidation price depends on the leverage and on the maintenance margin, "
        "and Hyperliquid sets the maintenance margin from the asset's maximum leverage.",
        traps=(
            (
                lambda: BTC * (1 - 1 / LEV),
                "That ignores the maintenance margin: liquidation comes before the margin is gone.",
            ),
            (
                lambda: perps.liquidation_price(BTC, LEV, perps.hyperliquid_mmr(LEV)),
                "That uses a 2.5% maintenance margin: reread how §6 sets Hyperliquid's maintenance margin, from which "
                "leverage and as what share of the initial margin there.",
            ),
        ),
        close_tol=5e-3,
    )
)


def _kelly_stake(p: float, b: float) -> float:
    """The stake Kelly makes: f* from coordlab, and nothing when the bet has no edge (as KellyLab.compute stakes)."""
    return max(sizing.kelly_fraction(p, b), 0.0)


exercise(
    Function(
        key="07.5",
        signature="kelly_stake(p, b)",
        reference=_kelly_stake,
        # bets with an edge first (one won less than half the time, even odds, odds below 1, a long shot); then the tie
        # of no edge at all (f* = 0 exactly); then three bets against you, where f* < 0 and Kelly stakes nothing (a coin
        # at even odds, a favourite at odds too short, a bet at 2 to 1 won 30% of the time); last, one more with an
        # edge.
        # None of them is printed in the notebook.
        cases=lambda: [
            (0.45, 2.0),
            (0.62, 1.0),
            (0.8, 0.5),
            (0.2, 5.0),
            (0.25, 3.0),
            (0.45, 1.0),
            (0.9, 0.1),
            (0.3, 2.0),
            (0.6, 1.5),
        ],
        describe=lambda p, b: f"win probability {p:.0%}, net odds {b:g}: a win pays {b:g} per 1 staked",
        hint="Look again at section 2: the Kelly stake uses the odds as well as the win probability, and a bet "
        "without an edge is one Kelly does not make (the Kelly lab's summary says what it stakes then).",
    )
)
