"""Exercises of notebook 06 (liquidity trap dynamics)."""

import inspect

import numpy as np

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import amm, pegs

E18, E6 = 10**18, 10**6
POOL = dict(reserve_in=100 * E18, reserve_out=200_000 * E6)  # 100 ETH, 200 000 USDC (6 decimals)
LP = dict(flow=8.0, sigma0=0.4, beta=1.2, sigma_max=0.75)  # not the pool worked in §3
TERRA = dict(offer=2e6, base_pool=50e6, delta=3e6)
AMPL_PRICE = 0.86  # of target: not one of the prices tabulated in §6

exercise(
    Numeric(
        key="06.1",
        decimals=6,
        unit="USDC",
        answer=lambda: amm.get_amount_out(E18, **POOL) / E6,
        hint="Revisit the contract's integer formula in §2: where the fee is taken, and the units of each reserve.",
        traps=(
            (lambda: 200_000 * 1 / 101, "That is the constant-product output without the 0.3% fee."),
            (
                lambda: (POOL["reserve_out"] / E6) / (POOL["reserve_in"] / E18),
                "That is the spot price; a trade moves the price against you.",
            ),
        ),
        close_tol=2e-3,
        # a float calculation rounded to 6 places ends one unit too high: the contract's // rounds down
        close_hint="The contract counts whole units of each token (a USDC has 6 decimals) and divides with //: "
        "look at what that does to the last digit.",
    )
)


def _vary_lp(rng: np.random.Generator) -> dict[str, float]:
    """06.2's variants: a flow of 5 to 12 M USD, a calm volatility of 30-50% and a tolerance 20-45 points above it."""
    flow, sigma0, gap = draw(rng, 5.0, 12.0, 0.5), draw(rng, 0.3, 0.5, 0.05), draw(rng, 0.2, 0.45, 0.05)
    return {"flow": flow, "sigma0": sigma0, "sigma_max": round(sigma0 + gap, 2)}


exercise(
    Numeric(
        key="06.2",
        decimals=1,
        unit="million USD",
        answer=lambda flow=LP["flow"], sigma0=LP["sigma0"], sigma_max=LP["sigma_max"]: pegs.critical_depth(
            flow=flow, sigma0=sigma0, beta=LP["beta"], sigma_max=sigma_max
        ),
        hint="Revisit §3: at the critical depth the pool's volatility just reaches what LPs tolerate; "
        "write that condition and solve it for the depth.",
        traps=(
            (
                lambda flow=LP["flow"], sigma_max=LP["sigma_max"]: LP["beta"] * flow / sigma_max,
                "The flow only has to push volatility from its calm-market level up to the tolerance, not from 0.",
            ),
            (
                lambda flow=LP["flow"], sigma0=LP["sigma0"], sigma_max=LP["sigma_max"]: flow / (sigma_max - sigma0),
                "beta is not 1 here: it scales how much a unit of flow over depth adds to volatility.",
            ),
        ),
        # variants: a flow of 5 to 12 M USD, a calm volatility of 30-50% and a tolerance 20-45 points above it
        vary=_vary_lp,
    )
)

exercise(
    Numeric(
        key="06.3",
        decimals=3,
        unit="fraction",
        answer=lambda: pegs.terra_spread(**TERRA),
        hint="Revisit the market module's spread in §5: the virtual pool has already been pushed by recent swaps "
        "before this one arrives.",
        traps=(
            (
                lambda: pegs.terra_spread(TERRA["offer"], TERRA["base_pool"], 0.0),
                "You left out the pool delta: recent swaps have already pushed the pool.",
            ),
            (lambda: 0.005, "That is only the minimum spread."),
        ),
    )
)

exercise(
    Numeric(
        key="06.4",
        decimals=4,
        unit="fraction",
        answer=lambda: pegs.ampleforth_rebase(AMPL_PRICE),
        hint="Use the 2022 parameters of §6 (limits -0.10 and +0.10, growth 3, a 5% band), not the current ones: take "
        "the deviation as a signed fraction (a price 10% below target is -0.10, not -10), put it in the AIP-5 "
        "sigmoid, and give the supply change itself as a signed fraction (-0.01 for a 1% contraction), not the "
        "new supply as a multiple of the old.",
        traps=(
            (
                lambda: AMPL_PRICE - 1.0,
                "The supply change is not proportional to the deviation: it follows the capped sigmoid of §6.",
            ),
            (
                lambda: inspect.signature(pegs.ampleforth_rebase).parameters["lower"].default,
                "That is the sigmoid's floor, reached only for a huge deviation: write the deviation as a fraction, "
                "not in percent.",
            ),
            (lambda: 0.0, "The no-rebase band applies only when the price is close to target."),
            (
                lambda: pegs.ampleforth_rebase_two_curve(AMPL_PRICE),
                "That is the current two-curve rule; the exercise asks for the 2022 one (limits ±10%, growth 3).",
            ),
            (
                lambda: 1.0 + pegs.ampleforth_rebase(AMPL_PRICE),
                "That is the new supply as a multiple of the old: give the change, negative for a contraction.",
            ),
        ),
    )
)


def _next_depth(depth: float, flow: float, sigma0: float, beta: float, sigma_max: float, eta: float) -> float:
    """One day of coordlab's LP-withdrawal loop: the depth lp_spiral reaches after one period."""
    spiral = pegs.lp_spiral(
        depth, flow, sigma0=sigma0, beta=beta, sigma_max=sigma_max, eta=eta, periods=1, shock=0.0, shock_period=0
    )  # no one-off shock: the steady flow alone
    return float(spiral.depth[1])


exercise(
    Function(
        key="06.5",
        signature="next_depth(depth, flow, sigma0, beta, sigma_max, eta)",
        reference=_next_depth,
        # pools other than §3's and the lab's: one above its tolerance (LPs leave), one calm pool (volatility below the
        # tolerance: nobody leaves, and nobody comes back either), one exactly at L* (volatility exactly at the
        # tolerance, exact in floating point: nobody leaves), one just below L*, one so shallow that the share LPs
        # would withdraw passes 100% (the pool empties; it cannot go negative), one where it is exactly 100%, no
        # selling at all, a deep pool in the billions and the fastest withdrawal speed the model allows. None of
        # them is printed in the notebook.
        cases=lambda: [
            (30, 12, 0.4, 1.5, 0.8, 0.5),
            (50, 12, 0.4, 1.5, 0.8, 0.5),
            (45, 12, 0.4, 1.5, 0.8, 0.5),
            (44, 12, 0.4, 1.5, 0.8, 0.5),
            (5, 12, 0.4, 1.5, 0.8, 0.5),
            (2, 3, 0.5, 1.0, 1.0, 1.0),
            (20, 0, 0.3, 1.0, 0.6, 0.5),
            (1200, 150, 0.25, 2.0, 0.35, 0.8),
            (60, 20, 0.5, 1.0, 0.8, 10.0),
        ],
        describe=lambda depth, flow, sigma0, beta, sigma_max, eta: (
            f"depth {depth:,g} M USD, selling {flow:g} M a day, sigma0 {sigma0:g}, beta {beta:g}, "
            f"LPs' tolerance sigma_max {sigma_max:g}, withdrawal speed eta {eta:g}"
        ),
        hint="Look again at section 3: the volatility the flow causes at this depth, what LPs do when it is at or "
        "below their tolerance, and the most they can take out of a pool.",
    )
)
