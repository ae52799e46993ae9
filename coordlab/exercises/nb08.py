"""Exercises of notebook 08 (algorithmic feedback loops)."""

import numpy as np

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import amm, cascade, perps

POOL = dict(price=2000.0, depth_usd=2e6, fee=0.0)  # 1 000 ETH against 2 M USD, no fee
SMALL_FIRST = [20.0, 100.0, 100.0]  # 08.3: section 2's book with a 20 ETH 20x long
DEPTH = 150e6  # 08.4: a pool 1.5 times Figure 1's


def _pool() -> amm.ConstantProductPool:
    return amm.ConstantProductPool.from_depth(**POOL)


def _book() -> perps.PositionBook:
    return perps.PositionBook.from_leverage("long", SMALL_FIRST, 2000.0, [20.0, 10.0, 5.0], 0.01)


def _rung_sale(i: int) -> float:
    """The shock that alone brings the pool's price to the i-th liquidation price (no cascade)."""
    return float(_pool().sale_to_reach(_book().liquidation_prices()[i]))


def _all_three() -> float:
    points = cascade.LiquidationCascade(_pool(), _book()).tipping_points()
    levels, jumps = points.shocks, points.jumps
    assert int(jumps.sum()) == len(SMALL_FIRST)
    return float(levels[-1])


def _tipping(depth_usd: float) -> float:
    """The cascade lab's exact tipping shock (its crowd: 10 000 survivors at 5x, entries spread 2%, seed 0)."""
    return cascade.LiquidationCascade(
        amm.ConstantProductPool.from_depth(2000.0, depth_usd), cascade.survivor_crowd(10_000, seed=0, mean_leverage=5.0)
    ).tipping_shock(0.1)


exercise(
    Numeric(
        key="08.1",
        decimals=1,
        unit="USD per ETH",
        answer=lambda sold=100.0: _pool().price_after_sale(sold),
        hint="Revisit §2: a sale moves both reserves of a constant-product pool, and the price is their ratio.",
        traps=(
            (
                lambda sold=100.0: 2000.0 * 1000 / (1000 + sold),
                "That is the average price the sale gets (or the price with only the ETH "
                "reserve moved): the question asks for the pool's price after the sale, "
                "when the USD reserve has fallen too.",
            ),
        ),
        close_tol=5e-3,
        vary=lambda rng: {"sold": draw(rng, 20.0, 400.0, 5.0)},  # ETH sold into the 1 000 ETH pool: 2% to 40% of it
    )
)

exercise(
    Numeric(
        key="08.2",
        decimals=2,
        unit="ETH",
        answer=lambda: float(_pool().sale_to_reach(1800.0)),
        hint="Invert the price after a sale from §2 for the sale (§3 calls it s(L)).",
        traps=(
            (
                lambda: 1000 * (2000 / 1800 - 1),
                "The price depends on the square of the reserve ratio, "
                "so the sale is not proportional to the price ratio.",
            ),
        ),
        close_tol=1e-2,
    )
)

exercise(
    Numeric(
        key="08.3",
        decimals=2,
        unit="ETH",
        answer=_all_three,
        hint="Revisit §3: a long falls when the shock plus the sales of the longs before it reach its rung; "
        "check every rung in turn, not only the first.",
        traps=(
            (lambda: _rung_sale(0), "That liquidates the 20x long, but follow its sale: does it reach the next rung?"),
            (
                lambda: _rung_sale(1),
                "That reaches the second rung with the shock alone; the 20x long falls first and its sale counts too.",
            ),
            (lambda: _rung_sale(2), "That reaches the lowest rung directly; the cascade does the rest for you."),
        ),
        close_tol=2e-2,
    )
)

exercise(
    Numeric(
        key="08.4",
        decimals=1,
        unit="ETH",
        answer=lambda: _tipping(DEPTH),
        hint="Read it from the lab's summary, which states the exact tipping shock for the settings you choose "
        "(the depth slider is in M USD per side); Figure 2's grid is too coarse.",
        traps=(
            (lambda: _tipping(100e6), "That is the tipping shock of the 100 M pool: set the depth the question gives."),
            (
                lambda: _tipping(100e6) * DEPTH / 100e6,
                "The tipping shock does not grow in proportion to depth: read it from the lab.",
            ),
            (lambda: _tipping(200e6), "That is the tipping shock of the 200 M pool: set the depth the question gives."),
        ),
        close_tol=2e-2,
    )
)


def _longs_at(p0: float, rungs: list[float], sizes: list[float]) -> perps.PositionBook:
    """Longs opened at ``p0`` whose liquidation prices are exactly ``rungs`` (no maintenance margin: the margin is
    what the price may fall before the rung)."""
    at, size = np.asarray(rungs, dtype=float), np.asarray(sizes, dtype=float)
    book = perps.PositionBook(
        side=np.ones(len(at)), size=size, entry=np.full(len(at), float(p0)), margin=(p0 - at) * size, mmr=0.0
    )
    if not np.array_equal(book.liquidation_prices(), at):  # the cases' whole numbers and binary fractions are exact
        raise ValueError(f"the book's liquidation prices {book.liquidation_prices()} are not the rungs {at}")
    return book


def _cascade_sale(x0: float, p0: float, shock: float, rungs: list[float], sizes: list[float]) -> float:
    """Units sold at the cascade's fixed point: coordlab's wave-by-wave cascade on a no-fee pool."""
    pool = amm.ConstantProductPool(float(x0), float(x0) * p0, fee=0.0)
    return cascade.cascade(pool, _longs_at(p0, rungs, sizes), float(shock)).sold


def _describe_cascade(x0: float, p0: float, shock: float, rungs: list[float], sizes: list[float]) -> str:
    return (
        f"pool {x0:,} ETH at {p0:,} USD, shock {shock:g} ETH, rungs {', '.join(f'{r:g}' for r in rungs)} USD "
        f"of {', '.join(f'{s:g}' for s in sizes)} ETH"
    )


exercise(
    Function(
        key="08.5",
        signature="cascade_sale(x0, p0, shock, rungs, sizes)",
        reference=_cascade_sale,
        # a cascade of four waves; one that stops at a gap in the ladder; a shock that reaches no rung; a book not
        # sorted by rung; a rung the price reaches exactly after a wave, and one it reaches exactly with the shock
        # alone (prices a quarter and a sixteenth of p0, exact in any float arithmetic: a long falls AT its rung);
        # no shock at all; a shock that passes two rungs at once. None of them is in the notebook.
        cases=lambda: [
            (800, 2500, 20, [2400, 2250, 2100, 1800], [30, 50, 80, 120]),
            (1000, 2000, 70, [1900, 1700, 1200], [20, 40, 300]),
            (1000, 2000, 25, [1900, 1700, 1200], [20, 40, 300]),
            (500, 3000, 13, [2200, 2900, 2600, 2750], [90, 10, 40, 25]),
            (1000, 2000, 600, [1400, 500], [400, 30]),
            (400, 3200, 1200, [200, 150], [8, 4]),
            (2000, 1500, 0, [1450, 1400], [50, 60]),
            (600, 1000, 300, [950, 700, 400, 300], [5, 10, 20, 40]),
        ],
        describe=_describe_cascade,
        hint="Look again at section 2: the price follows all that is sold, the shock included; a long falls at or "
        "below its rung, wherever the list puts it; stop when a wave adds no one.",
    )
)
