"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.lending
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "shared_collateral_crash": dict(markets=_LENDING, pool=_MARKET, shock=1.0),
    "close_factor": dict(hf=0.96, collateral_usd=3000.0, debt_usd=2500.0, rules="v3.3"),
}

CLASSES = {
    "LendingMarket": dict(collateral=[10.0, 20.0], debt=[8000.0, 30000.0], threshold=0.8, bonus=1.05, name="A"),
}

METHODS = {
    "LendingMarket.synthetic": (
        lambda: _LENDING,
        dict(n=10, threshold=0.8, bonus=1.05, price=2000.0, seed=0, name="A", usage=(0.5, 0.97)),
    ),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "shared_collateral_crash": {
        "markets": [None, [], ["A"], 3.0, [_LENDING, _LENDING]],
        "pool": [None, "pool"],
        "shock": [-1.0],
        "max_waves": [0, 1.5],
        "rules": ["v3.1", None],
    },
    "close_factor": {
        "hf": [-0.1, float("nan"), None],
        "collateral_usd": [-1.0],
        "debt_usd": [2e15],
        "rules": ["v3.1", None],
    },
    "LendingMarket": {
        "collateral": [[0.0, 1.0], [1.0], [[1.0, 2.0]]],
        "debt": [[-1.0, 0.0], [1.0]],
        "threshold": [1.0, 0.0],
        "bonus": [0.99, 1.6],
        "name": [None, 3],
    },
    "LendingMarket.synthetic": {
        "n": [0, 1_000_001],
        "threshold": [1.0],
        "price": [0.0, 1e12],
        "usage": [(0.9, 0.5), (0.5,), (0.0, 0.5), (0.5, 1.0)],
        "name": [3],
    },
}

EXEMPT = {
    "CrashOutcome": "a frozen result record built by shared_collateral_crash()",
}
