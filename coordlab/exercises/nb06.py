"""Exercises of notebook 06 (liquidity trap dynamics)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import amm, pegs

E18, E6 = 10**18, 10**6
POOL = dict(reserve_in=100 * E18, reserve_out=200_000 * E6)   # 100 ETH, 200 000 USDC (6 decimals)
LP = dict(flow=6.0, sigma0=0.5, beta=1.0, sigma_max=0.8)
TERRA = dict(offer=2e6, base_pool=50e6, delta=3e6)

exercise(Numeric(
    key="06.1",
    answer=lambda: amm.get_amount_out(E18, **POOL) / E6,
    hint="getAmountOut: amountIn x 997 x reserveOut / (reserveIn x 1000 + amountIn x 997).",
    traps=((lambda: 200_000 * 1 / 101, "That is the constant-product output without the 0.3% fee."),
           (lambda: 2000.0, "That is the spot price; a trade moves the price against you.")),
    rel_tol=1e-6, close_tol=2e-3,
))

exercise(Numeric(
    key="06.2",
    answer=lambda: pegs.critical_depth(**LP),
    hint="At the critical depth the volatility sigma0 + beta x flow / L equals what LPs tolerate.",
    traps=((lambda: LP["flow"] / LP["sigma_max"], "Subtract the calm-market volatility sigma0 first."),),
))

exercise(Numeric(
    key="06.3",
    answer=lambda: pegs.terra_spread(**TERRA),
    hint="spread = 1 - B^2 / ((B + delta)(B + delta + offer)), and at least the minimum spread.",
    traps=((lambda: pegs.terra_spread(TERRA["offer"], TERRA["base_pool"], 0.0),
            "You left out the pool delta: recent swaps have already pushed the pool."),
           (lambda: 0.005, "That is only the minimum spread.")),
))

exercise(Numeric(
    key="06.4",
    answer=lambda: pegs.ampleforth_rebase(0.8),
    hint="delta = price/target - 1; change = (U - L) / (1 - (U/L) / 2^(G delta)) + L with L = -0.1, U = 0.1, G = 3.",
    traps=((lambda: -0.2, "The supply change is not proportional to the deviation: the sigmoid caps it at ±10%."),
           (lambda: 0.0, "The 5% band applies only when the price is within 5% of target.")),
))
