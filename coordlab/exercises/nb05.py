"""Exercises of notebook 05 (behavioral game theory in liquidations)."""

from decimal import Decimal
from typing import Any

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import auctions, behaviour

ENTRY = dict(gain=1.0, cost=0.3)
RAY = auctions.RAY
# 05.4: a stairstep auction unlike the 1%-a-minute one tabulated in §3.
STAIR: dict[str, Any] = dict(top=1500, cut=0.96, step=80, dur=1000)


def _stairstep(dur: int) -> float:
    """The stairstep price of STAIR after ``dur`` seconds, in DAI, with the contract's arithmetic."""
    cut = round(STAIR["cut"] * 100) * RAY // 100
    return auctions.stairstep_exponential_decrease(STAIR["top"] * RAY, dur, cut=cut, step=STAIR["step"]) / RAY


exercise(
    Numeric(
        key="05.1",
        decimals=3,
        unit="probability",
        answer=lambda: behaviour.entry_game(n=4, **ENTRY).nobody,
        hint="Revisit the entry game in §2: first find how likely one keeper is to stay out in the mixed "
        "equilibrium (entering must be worth exactly its cost), then what it takes for nobody to enter.",
        close_hint="Keep more digits of one keeper's probability of staying out before raising it to a power; round "
        "only the final probability.",
        traps=(
            (
                lambda: 1 - behaviour.entry_game(n=4, **ENTRY).enter,
                "That is about a single keeper; the question asks about the whole group of keepers.",
            ),
            (lambda: ENTRY["cost"] / ENTRY["gain"], "c/G is the limit as N grows; with 4 keepers it is lower."),
        ),
    )
)

exercise(
    Numeric(
        key="05.2",
        decimals=1,
        unit="",
        answer=lambda: float(behaviour.level_k_guesses(p=0.5, levels=2)[2]),
        hint="Revisit the level-k model in §2: what does level 0 guess, and how does each level respond to the "
        "level just below it?",
        traps=(
            (lambda: float(behaviour.level_k_guesses(p=0.5, levels=1)[1]), "That is level 1."),
            (lambda: 0.0, "0 is the Nash equilibrium, reached only after infinitely many steps of reasoning."),
        ),
    )
)

exercise(
    Numeric(
        key="05.3",
        decimals=0,
        unit="DAI",
        answer=lambda elapsed=900: auctions.linear_decrease(1000 * RAY, int(elapsed), tau=3600) / RAY,
        hint="Revisit the LinearDecrease abacus in §3: what share of its duration has passed, and when does the "
        "price reach zero?",
        traps=(
            (lambda elapsed=900: 1000 * elapsed / 3600, "That is how far the price has fallen, not where it is."),
            (
                lambda elapsed=900: auctions.linear_decrease(1000 * RAY, int(elapsed) // 60, tau=3600) / RAY,
                "The abacus counts time in seconds.",
            ),
        ),
        # variants: 5 to 50 minutes into the hour-long auction, in whole minutes (the question gives seconds)
        vary=lambda rng: {"elapsed": draw(rng, 300.0, 3000.0, 60.0)},
    )
)

exercise(
    Numeric(
        key="05.4",
        decimals=2,
        unit="DAI",
        answer=lambda: _stairstep(STAIR["dur"]),
        hint="Revisit the StairstepExponentialDecrease abacus in §3: how does the price move between two steps, "
        "and how many steps have been completed?",
        traps=(
            (
                lambda: STAIR["top"] * STAIR["cut"] ** (STAIR["dur"] / STAIR["step"]),
                "The price falls in stairs, not continuously: between two steps it does not move.",
            ),
            (
                lambda: _stairstep(STAIR["dur"] + STAIR["step"]),
                "A step that has started but not finished has not cut the price yet.",
            ),
            (
                lambda: STAIR["top"] * (1 - (1 - STAIR["cut"]) * STAIR["dur"] / STAIR["step"]),
                "The cut multiplies the price at each step; it does not subtract a fixed amount.",
            ),
            (
                lambda: STAIR["top"] * (1 - (1 - STAIR["cut"]) * (STAIR["dur"] // STAIR["step"])),
                "The cut multiplies the price at each step; it does not subtract a fixed amount.",
            ),
        ),
    )
)


def _ray(x: float) -> int:
    """A decimal number as written (2412.5, 0.985) in RAY, exactly: no binary rounding of the float."""
    return int(Decimal(repr(x)) * RAY)


def _stairstep_price(top: float, dur: int, cut: float, step: int) -> float:
    """coordlab's StairstepExponentialDecrease, from DAI and a cut as a fraction to RAY and back."""
    return auctions.stairstep_exponential_decrease(_ray(top), dur, cut=_ray(cut), step=step) / RAY


exercise(
    Function(
        key="05.5",
        signature="stairstep_price(top, dur, cut, step)",
        reference=_stairstep_price,
        # ordinary auctions first (mid-step, well into the auction); then the boundary: exactly at the end of a step
        # (that cut has happened) and one second before it (it has not), the start (dur = 0), a first step not yet
        # complete but more than half over (a rounded step count cuts once too often), a cut of 1 (the price never
        # falls), halvings (exact in any arithmetic) and a day of one-minute steps (1 440 cuts). None of them is
        # printed in the notebook (§3 tabulates 1% a minute from 1 000 DAI; Exercise 4 asks 1 500 DAI, 0.96, 80 s).
        cases=lambda: [
            (2000, 500, 0.99, 90),
            (1250, 1000, 0.97, 120),
            (1250, 960, 0.97, 120),
            (1250, 959, 0.97, 120),
            (3000, 0, 0.995, 30),
            (2412.5, 100, 0.98, 120),
            (800, 7200, 1.0, 60),
            (2000, 3600, 0.5, 600),
            (1850, 86_400, 0.99, 60),
        ],
        describe=lambda top, dur, cut, step: (
            f"top {top:,g} DAI, {dur:,} s after the start, each {step} s step multiplies the price by {cut:g}"
        ),
        hint="Look again at the StairstepExponentialDecrease abacus in section 3: how many steps have been completed "
        "after dur seconds (a step ends exactly at a multiple of step), and what each completed step does.",
    )
)
