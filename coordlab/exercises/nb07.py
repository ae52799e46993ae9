"""Exercises of notebook 07 (position sizing failures)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import perps, sizing

exercise(Numeric(
    key="07.1",
    answer=lambda: sizing.kelly_fraction(0.6, 2.0),
    hint="f* = p - q/b: the edge divided by the odds.",
    traps=((lambda: 0.6 - 0.4, "That is the even-odds formula p - q; here a win pays 2 per 1 staked."),
           (lambda: 0.6, "Staking p is far too much: Kelly stakes the edge over the odds.")),
))

exercise(Numeric(
    key="07.2",
    answer=lambda: sizing.fractional_growth(0.5, mu=0.08, sigma=0.20),
    hint="g(c) = c(2 - c) (mu - r)^2 / (2 sigma^2) with r = 0.",
    traps=((lambda: 0.5 * sizing.continuous_kelly(0.08, 0.20)[1], "Growth is not linear in the stake: half Kelly keeps more than half the growth."),
           (lambda: sizing.continuous_kelly(0.08, 0.20)[1], "That is full Kelly's growth.")),
))

exercise(Numeric(
    key="07.3",
    answer=lambda: sizing.drawdown_probability(0.25, 0.5),
    hint="P(ever falling to x) = x^(2/c - 1).",
    traps=((lambda: sizing.drawdown_probability(0.25, 1.0), "That is full Kelly (c = 1): the exponent is 2/c - 1."),
           (lambda: 0.25 ** 2, "The exponent is 2/c - 1, not 2c.")),
))

exercise(Numeric(
    key="07.4",
    answer=lambda: perps.liquidation_price(2000.0, 25.0, perps.hyperliquid_mmr(25.0)),
    hint="P_liq = P0 (1 - 1/L) / (1 - mmr), with mmr half the initial margin at max leverage.",
    traps=((lambda: 2000.0 * (1 - 1 / 25), "That ignores the maintenance margin: liquidation comes before the margin is gone."),
           (lambda: perps.liquidation_price(2000.0, 25.0, 0.01), "Hyperliquid's maintenance margin at 25x max leverage is 1/(2 x 25) = 2%.")),
    rel_tol=1e-4, close_tol=5e-3,
))
