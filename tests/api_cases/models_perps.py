"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.perps
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _toy_book():
    from coordlab.models.perps import PositionBook

    return PositionBook.from_leverage(["long", "short", "long"], [100.0, 50.0, 100.0], 2000.0, [20.0, 10.0, 5.0], 0.01)


FUNCTIONS = {
    "liquidation_price": dict(entry=2000.0, leverage=10.0, mmr=0.01),
    "hyperliquid_mmr": dict(max_leverage=50.0),
    "liquidation_probability": dict(distance=0.01, sigma=0.8, hours=24.0),
    "crowd_book": dict(n=10),
    "tiered_maintenance_margin": dict(notional=50e6, tiers=[[0.0, 25.0], [100e6, 15.0]]),
    "tiered_liquidation_price": dict(entry=2000.0, size=25_000.0, leverage=20.0, tiers=[[0.0, 25.0], [100e6, 15.0]]),
}

CLASSES: dict = {
    "PositionBook": dict(
        side=np.array([1, -1]), size=[1.0, 2.0], entry=[2000.0, 2100.0], margin=[100.0, 400.0], mmr=0.01
    ),
}

METHODS: dict = {
    "PositionBook.from_leverage": (
        _toy_book,
        dict(side="long", size=[100.0, 100.0], entry=2000.0, leverage=[20.0, 10.0], mmr=0.01),
    ),
    "PositionBook.equity": (_toy_book, dict(price=1900.0)),
    "PositionBook.liquidation_prices": (_toy_book, dict()),
    "PositionBook.liquidated": (_toy_book, dict(price=1900.0)),
    "PositionBook.ladder": (_toy_book, dict(side="short")),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "liquidation_price": {
        "entry": [0.0, -1.0, 1e-10],
        "leverage": [0.5, 2000.0, 100.0],
        "mmr": [-0.1, 0.6, 0.2],
        "side": ["up", None, 1],
    },
    "hyperliquid_mmr": {"max_leverage": [0.5, 5000.0]},
    "liquidation_probability": {"distance": [0.0, 1.0, -0.1], "sigma": [0.0, 1e-200], "hours": [0.0, -1.0, 1e-4]},
    "crowd_book": {
        "n": [0, 2.5, None, 2_000_000],
        "price": [0.0, 1e-7],
        "seed": [-1],
        "max_leverage": [1.0, 500.0],
        "mean_leverage": [1.0, 60.0],
        "mmr": [0.03],
    },
    "PositionBook": {
        "side": [[1, 0], [1.0], [[1, -1]], [1, -1, 1]],
        "size": [[1.0], [1.0, 0.0], [1e-10, 1.0]],
        "entry": [[2000.0, 2000.0, 1.0], [2000.0, 1e-10]],
        "margin": [[100.0, 0.0], [100.0, 1.0], [1.0]],
        "mmr": [0.3],
    },
    "PositionBook.from_leverage": {
        "side": ["up", ["long", "up"], None, 2, ["long"] * 3],
        "size": [[1.0, 2.0, 3.0]],
        "entry": [[1.0] * 3],
        "leverage": [[1.0] * 3, 0.5],
        "mmr": [0.06],
    },
    "PositionBook.equity": {"price": [0.0, -1.0]},
    "PositionBook.liquidated": {"price": [0.0]},
    "PositionBook.ladder": {"side": ["up", 1]},
    "tiered_maintenance_margin": {
        "notional": [-1.0, 2e15],
        "tiers": [[[1.0, 25.0]], [[0.0, 25.0], [0.0, 15.0]], [[0.0, 0.5]], [[0.0, 25.0, 1.0]]],
    },
    "tiered_liquidation_price": {
        "entry": [0.0],
        "size": [0.0],
        "leverage": [0.5, 30.0],
        "tiers": [[[5.0, 25.0]], [[0.0, 25.0], [1e20, 15.0]]],
    },
}

EXEMPT: dict = {
    "HYPERLIQUID_TIERS": "a constant: Hyperliquid's margin tiers as its docs state them",
    "TieredLiquidation": "a frozen result record built by tiered_liquidation_price()",
    "Ladder": "a frozen result record built by PositionBook.ladder()",
}
