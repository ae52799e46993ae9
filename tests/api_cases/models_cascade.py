"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.cascade
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _lc():
    from coordlab.models.cascade import LiquidationCascade

    return LiquidationCascade(_MARKET, _BOOK)


FUNCTIONS = {
    "cascade": dict(pool=_MARKET, book=_BOOK, shock=1.0),
    "stress_test": dict(system=lambda d: (_MARKET, _BOOK), param_values=[1.0], shocks=[0.0, 1.0]),
    "flash_crash": dict(minutes=5),
    "survivor_crowd": dict(n=10, price=2000.0, seed=0, mean_leverage=5.0, entry_spread=0.02),
    "feedback_gain": dict(participation=0.09, hot_potato=8.0),
}

CLASSES = {
    "LiquidationCascade": dict(pool=_MARKET, book=_BOOK),
}

METHODS = {
    "LiquidationCascade.liquidated": (_lc, dict(shock=10.0)),
    "LiquidationCascade.sold": (_lc, dict(shock=10.0)),
    "LiquidationCascade.final_price": (_lc, dict(shock=10.0)),
    "LiquidationCascade.tipping_points": (_lc, dict()),
    "LiquidationCascade.tipping_shock": (_lc, dict(share=0.1)),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "cascade": {"shock": [-1.0], "pool": [None, "pool"], "book": [None, 3.0]},
    "stress_test": {
        "system": [None, 3.0, lambda d: 3, lambda d: (_BOOK, _MARKET)],
        "param_values": [[[1.0, 2.0]], list(range(1001))],
        "shocks": [[-1.0], [[0.0]], [0.0] * 100_001],
    },
    "flash_crash": {
        "order": [-1.0],
        "participation": [0.0, 1.5],
        "base_volume": [0.0],
        "depth": [0.0, 1e-160, 0.5],
        "hot_potato": [-1.0, 200.0],
        "mm_tolerance": [0.0],
        "mm_withdrawal": [1.0, -0.1],
        "stop_density": [-5.0],
        "value_buyers": [-1.0],
        "minutes": [0, 1.5, None, 100_001],
        "price": [0.0, 5e-324],
    },
    "survivor_crowd": {
        "n": [0, 2.5, None, 2_000_000],
        "price": [0.0, 1e-7],
        "seed": [-1],
        "entry_spread": [-0.1, 0.6],
        "mean_leverage": [1.0, 60.0],
        "max_leverage": [1.0, 500.0],
        "mmr": [-0.1, 0.6, 0.03],
    },
    "feedback_gain": {"participation": [0.0, 1.5], "hot_potato": [-1.0, 200.0]},
    "LiquidationCascade": {"pool": [None, "pool"], "book": [None, "book"]},
    "LiquidationCascade.liquidated": {"shock": [-1.0, [0.0, -1.0]]},
    "LiquidationCascade.tipping_shock": {"share": [0.0, 1.5]},
}

EXEMPT = {
    "TippingPoints": "a frozen result record built by LiquidationCascade.tipping_points()",
    "LiquidationCascade.sold_unchecked": "the engines' documented fast path; its checked form is sold",
    "CascadeResult": "a frozen result record built by cascade()",
    "FlashCrash": "a frozen result record built by flash_crash()",
    "StressTest": "a frozen result record built by stress_test()",
}
