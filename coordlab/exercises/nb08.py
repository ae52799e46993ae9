"""Exercises of notebook 08 (algorithmic feedback loops)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import cascade, perps

POOL = dict(price=2000.0, depth_usd=2e6, fee=0.0)          # 1 000 ETH against 2 M USD, no fee


def _toy():
    book = perps.PositionBook.from_leverage("long", [100.0, 100.0, 100.0], 2000.0, [20.0, 10.0, 5.0], 0.01)
    return cascade.LiquidationCascade(cascade.Market.from_depth(**POOL), book)


exercise(Numeric(
    key="08.1",
    answer=lambda: cascade.Market.from_depth(**POOL).price_after_sale(100.0),
    hint="With no fee, p = p0 (x0 / (x0 + S))^2, where x0 = 1 000 ETH.",
    traps=((lambda: 2000.0 * 1000 / 1100, "The price falls with the square of x0/(x0 + S): both reserves move."),),
))

exercise(Numeric(
    key="08.2",
    answer=lambda: float(cascade.Market.from_depth(**POOL).sale_to_reach(1800.0)),
    hint="Invert p0 (x0 / (x0 + S))^2 = L: S = x0 (sqrt(p0 / L) - 1).",
    traps=((lambda: 1000 * (2000 / 1800 - 1), "Take the square root of p0/L: the price depends on the square of the reserve ratio."),),
))

exercise(Numeric(
    key="08.3",
    answer=lambda: float(_toy().tipping_points()[0][0]),
    hint="Only the first rung matters: once the 20x long is liquidated, its 100 ETH reach the other two. "
         "Find the sale that brings the price to the first liquidation price.",
    traps=((lambda: 112.43, "That reaches the lowest rung directly; the cascade does the rest for you."),
           (lambda: 48.81, "That reaches the second rung directly; the first rung falls earlier and drags it down.")),
    rel_tol=2e-3, close_tol=2e-2,
))

exercise(Numeric(
    key="08.4",
    answer=lambda: cascade.LiquidationCascade(cascade.Market.from_depth(2000.0, 200e6),
                                              perps.crowd_book(10_000, seed=0, mean_leverage=5.0)).tipping_shock(0.1),
    hint="In the cascade lab, set depth to 200 and leverage to 5: the summary gives the exact tipping shock.",
    traps=((lambda: 950.6, "That is the tipping shock of the 100 M pool: doubling depth moves it."),),
    rel_tol=2e-3, close_tol=2e-2,
))
