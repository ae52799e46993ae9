"""Exercises of notebook 09 (capital coordination mechanics)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import lending

RAY = lending.RAY
DAI_TEST = dict(optimal=8 * RAY // 10, base=0, slope1=4 * RAY // 100, slope2=75 * RAY // 100, reserve_factor=1000)

exercise(Numeric(
    key="09.1",
    answer=lambda: lending.aave_rates(10**17, 9 * 10**17, **DAI_TEST)[1] / RAY,
    hint="Above the optimal usage: base + slope1 + slope2 x (U - U*) / (1 - U*).",
    traps=((lambda: 0.04 * 0.9 / 0.8, "Above U* the second, steep slope applies to the excess usage."),
           (lambda: 0.75 * 0.9, "The steep slope applies only to the excess (U - U*)/(1 - U*), on top of base + slope1.")),
))

exercise(Numeric(
    key="09.2",
    answer=lambda: lending.morpho_lif(915 * 10**15) / 10**18,
    hint="LIF = min(1.15, 1 / (1 - 0.3 (1 - LLTV))).",
    traps=((lambda: 1.15, "The 15% cap binds only for LLTVs below about 56.5%."),
           (lambda: 1 + 0.3 * (1 - 0.915), "Close, but the formula divides: 1 / (1 - 0.3 (1 - LLTV)).")),
    rel_tol=1e-4, close_tol=2e-3,
))

exercise(Numeric(
    key="09.3",
    answer=lambda: 15_000 / (10 * 0.825),
    hint="Liquidatable when collateral x price x LT < debt: solve for the price.",
    traps=((lambda: 15_000 / 10, "That ignores the liquidation threshold: liquidation comes while collateral still exceeds debt."),),
    rel_tol=1e-4, close_tol=1e-2,
))

exercise(Numeric(
    key="09.4",
    answer=lambda: float(lending.cover_deficit(5.0, 2.0, [4.0, 1.0, 2.0], [2.0, 20.0, 5.0])["adl"][2]),
    hint="The fund pays first; ADL then takes profit in order of profit x leverage, largest first.",
    traps=((lambda: 3.0, "That is the whole ADL amount; the 20x position is ranked first and gives up its 1 M."),
           (lambda: 0.0, "The 4 M position ranks last (4 x 2 = 8); the 5x position ranks second (2 x 5 = 10).")),
))
