"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.pegs
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "critical_depth": dict(flow=10.0),
    "lp_spiral": dict(depth0=25.0, flow=10.0, periods=5),
    "terra_spread": dict(offer=1e6, base_pool=50e6, delta=0.0),
    "terra_spiral": dict(days=1, blocks_per_hour=10),
    "ampleforth_rebase": dict(price=0.5),
    "terra_luna_price": dict(net_redeemed=0.5e9),
    "terra_halt_hours": dict(redemptions_per_day=0.5e9),
    "ampleforth_rebase_two_curve": dict(price=0.8),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "critical_depth": {"flow": [-1.0], "sigma0": [2.0, 1.0], "beta": [0.0], "sigma_max": [0.2, 0.5, 0.5 + 1e-12]},
    "lp_spiral": {
        "depth0": [0.0, [1.0, -1.0], np.full(400_000, 25.0)],
        "sigma_max": [0.5],
        "eta": [0.0, 20.0],
        "periods": [0, 1.5, None],
        "shock": [-1.0],
        "shock_period": [-1, 6, 2.5],
    },
    "terra_spread": {"offer": [-1.0], "base_pool": [0.0, 0.5], "delta": [-1.0], "min_spread": [1.0]},
    "terra_spiral": {
        "redemptions_per_day": [0.0],
        "days": [0, 31, 1.5],
        "base_pool": [0.0],
        "recovery_blocks": [0, 2.5],
        "luna_price0": [0.0, 1e-10],
        "market_depth": [0.0, 0.5],
        "blocks_per_hour": [0, 5000],
        "min_spread": [1.0],
        "halt_price": [0.0, 1e-13, 2.0],
        "redemptions_growth_per_day": [-1.0, 11.0],
    },
    "ampleforth_rebase": {
        "price": [-0.5],
        "target": [0.0, 1e-7],
        "lower": [0.0, -1e-9, -2.0],
        "upper": [0.0],
        "growth": [0.0],
        "deviation_threshold": [2.0],
    },
    "terra_luna_price": {"net_redeemed": [-1.0], "market_depth": [0.0, 0.5], "luna_price0": [0.0]},
    "terra_halt_hours": {
        "redemptions_per_day": [0.0],
        "market_depth": [0.0],
        "halt_price": [0.0, 2.0],
        "mean_spread": [1.0, -0.1],
    },
    "ampleforth_rebase_two_curve": {
        "price": [-0.5],
        "negative_limit": [0.0, 0.05],
        "positive_limit": [0.0, -0.05],
        "negative_growth": [-1.0],
        "positive_growth": [-1.0],
        "deviation_threshold": [2.0],
    },
}

EXEMPT = {
    "TerraPath": "a frozen result record built by terra_spiral()",
    "LPSpiral": "a frozen result record built by lp_spiral()",
}
