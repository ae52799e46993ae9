"""Exercises of notebook 04 (community risk assessment)."""

import math
from typing import Any

import numpy as np
from scipy.special import ndtr

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import concentration, pricing, sentiment

# Each exercise's setting differs from the one worked in the notebook's text, so its answer is not on the page.
DAO = [32, 28, 18, 12, 10]
VALIDATORS = [11, 10, 10, 9, 9, 8, 8, 7, 7, 7, 5, 5, 4]
CALL: dict[str, Any] = dict(S=52.0, K=50.0, T=0.25, r=0.12, sigma=0.30)
HAWKES = dict(mu=1.6, alpha=0.8, beta=1.5)


def _call_without_discounting() -> float:
    """The call priced with the strike left undiscounted: S N(d1) - K N(d2)."""
    S, K, T, r, sigma = CALL["S"], CALL["K"], CALL["T"], CALL["r"], CALL["sigma"]
    d1 = (math.log(S / K) + (r + sigma**2 / 2) * T) / (sigma * math.sqrt(T))
    return S * ndtr(d1) - K * ndtr(d1 - sigma * math.sqrt(T))


exercise(
    Numeric(
        key="04.1",
        decimals=0,
        unit="HHI points",
        answer=lambda: concentration.hhi(DAO) * 10_000,
        hint="Revisit the definition of HHI in §2, and read again which units the question asks for.",
        traps=(
            (
                lambda: concentration.hhi(DAO),
                "That is the HHI on shares, between 0 and 1: reread the units the question asks for.",
            ),
            (lambda: 2500.0, "2 500 is the 2010 Guidelines' threshold, not this market's HHI."),
            (lambda: 1800.0, "1 800 is the 2023 Guidelines' threshold, not this market's HHI."),
        ),
    )
)

exercise(
    Numeric(
        key="04.2",
        decimals=0,
        unit="validators",
        answer=lambda: float(concentration.nakamoto_coefficient(VALIDATORS, 0.51)),
        hint="Revisit the Nakamoto coefficient in §2: which validators would a colluding group recruit first, "
        "and when does their stake give it control?",
        traps=(
            (
                lambda: float(concentration.nakamoto_coefficient(VALIDATORS, 1 / 3)),
                "That many could halt a BFT chain; the question asks how many control a majority.",
            ),
        ),
        close_tol=None,
    )
)

exercise(
    Numeric(
        key="04.3",
        decimals=2,
        unit="USD",
        answer=lambda: pricing.black_scholes(**CALL),
        hint="Revisit Black–Scholes in §4: check that T is in years and r and sigma are decimals, "
        "and compute d1 and d2 before the price.",
        traps=(
            (lambda: pricing.black_scholes(**CALL, kind="put"), "That is the put."),
            (lambda: CALL["S"] - CALL["K"], "That is only the intrinsic value; the option is worth more alive."),
            (_call_without_discounting, "The strike is paid at expiry: it must be discounted to today."),
        ),
    )
)


def _vary_hawkes(rng: np.random.Generator) -> dict[str, float]:
    """04.4's variants: a background rate of 1 to 2.5 a day, jumps of 0.3 to 0.9, decay 1.2 to 2.4 a day, with a
    branching ratio alpha / beta of at most 0.75 (a stationary process, far from explosive)."""
    while True:
        mu, alpha, beta = draw(rng, 1.0, 2.5, 0.1), draw(rng, 0.3, 0.9, 0.1), draw(rng, 1.2, 2.4, 0.1)
        if alpha / beta <= 0.75:
            return {"mu": mu, "alpha": alpha, "beta": beta}


exercise(
    Numeric(
        key="04.4",
        decimals=2,
        unit="events per day",
        answer=lambda mu=HAWKES["mu"], alpha=HAWKES["alpha"], beta=HAWKES["beta"]: sentiment.hawkes_mean_intensity(
            mu, alpha, beta
        ),
        hint="Each event begets others on average, and each of those begets more: revisit the branching ratio "
        "in §3 and sum the generations.",
        close_hint="Carry the branching ratio unrounded to the end, then round the rate (half up, not truncated).",
        traps=(
            (lambda mu=HAWKES["mu"]: mu, "That is only the background rate; self-excitation adds to it."),
            (
                lambda mu=HAWKES["mu"], alpha=HAWKES["alpha"], beta=HAWKES["beta"]: mu * (1 + alpha / beta),
                "You counted only the first generation of triggered events.",
            ),
            (
                lambda mu=HAWKES["mu"], alpha=HAWKES["alpha"]: mu / (1 - alpha),
                "The branching ratio depends on how fast an event's effect decays, not only on the jump it causes.",
            ),
        ),
        vary=_vary_hawkes,
    )
)


def _threshold_in_words(threshold: float) -> str:
    named = {1 / 3: "a third", 2 / 3: "two thirds"}
    return named.get(threshold, f"{threshold:.0%}")


def _nakamoto_case_in_words(stakes: list[float], threshold: float) -> str:
    amounts = ", ".join(f"{s:,.0f}" for s in stakes)
    return f"stakes of {amounts} tokens; control takes more than {_threshold_in_words(threshold)} of the total"


exercise(
    Function(
        key="04.5",
        signature="nakamoto(stakes, threshold)",
        reference=concentration.nakamoto_coefficient,
        # ordinary cases first (stakes in tokens, not percentages; a list not sorted by size, where adding up in list
        # order needs one holder too many); then the boundary of "exceeds": a holder with exactly half at 50%, three
        # equal holders at a third, exactly 51% at 51%, the two largest holding exactly half together at 50% (a third
        # is needed), three of four equal holders holding exactly 75% at 75% (all four are needed); holders with no
        # stake; token amounts in the billions at two thirds. Every boundary is exact in floating point, whether shares
        # are summed or stakes compared with threshold x total. None of them is printed in the notebook.
        cases=lambda: [
            ([3_500, 2_100, 1_400, 700, 300], 0.51),
            ([5, 10, 40, 15, 30], 0.5),
            ([50, 30, 20], 0.5),
            ([2_000_000, 2_000_000, 2_000_000], 1 / 3),
            ([51, 29, 20], 0.51),
            ([30, 20, 20, 15, 15], 0.5),
            ([25, 25, 25, 25], 0.75),
            ([0, 0, 700, 300, 0], 0.6),
            ([4.2e9, 3.1e9, 2.5e9, 1.2e9], 2 / 3),
        ],
        describe=_nakamoto_case_in_words,
        hint="Look again at section 2's Nakamoto coefficient: whom a colluding group recruits first, what their stakes "
        "are a share of, and whether holding exactly the threshold exceeds it.",
    )
)
