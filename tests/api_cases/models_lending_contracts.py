"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.lending_contracts
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "ray_mul": dict(a=RAY, b=RAY),
    "ray_div": dict(a=RAY, b=RAY),
    "percent_mul": dict(value_wei=100, percentage=5000),
    "percent_div": dict(value_wei=100, percentage=5000),
    "aave_rates_ray": dict(
        available=10**18,
        debt=10**18,
        optimal=8 * RAY // 10,
        base=0,
        slope1=4 * RAY // 100,
        slope2=RAY,
        reserve_factor_bps=1000,
    ),
    "compound_rates_mantissa": dict(
        cash=10**18,
        borrows=10**18,
        reserves=0,
        base_per_year=0,
        multiplier_per_year=10**17,
        jump_per_year=10**18,
        kink=8 * 10**17,
        reserve_factor_mantissa=10**17,
    ),
    "health_factor_wad": dict(collateral_base=[10**8], thresholds_bps=[8000], debt_base=10**8),
    "aave_close_factor_bps": dict(hf=10**18),
    "aave_liquidation": dict(
        debt_to_cover=10**6,
        user_debt=10**6,
        user_collateral=10**18,
        threshold_bps=9,
        collateral_price=10**11,
        debt_price=10**8,
        collateral_decimals=18,
        debt_decimals=6,
        bonus_bps=10500,
    ),
    "morpho_lif_wad": dict(lltv=86 * 10**16),
    "maker_bark": dict(art=10**18, rate=RAY, chop_wad=113 * 10**16, Hole=10**50, Dirt=0, hole=10**50, dirt=0, dust=0),
    "keeper_incentive": dict(tab_rad=10**45, tip=0, chip=10**15),
    "aave_liquidation_v33": dict(
        debt_to_cover=10**30,
        user_debt=1000 * 10**6,
        user_collateral=10**18,
        threshold_bps=8000,
        collateral_price=1000 * 10**8,
        debt_price=10**8,
        collateral_decimals=18,
        debt_decimals=6,
        bonus_bps=10500,
        protocol_fee_bps=1000,
    ),
    "health_factor": dict(collateral_usd=[1000.0, 500.0], thresholds=[0.8, 0.7], debt_usd=900.0),
    "morpho_lif": dict(lltv=0.86),
}

CLASSES = {}

METHODS = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "ray_mul": {"a": [-1, 1.5, None, "1"], "b": [-1, 2.0**300]},
    "ray_div": {"a": [-1, 0.5], "b": [0, -1, None]},
    "percent_mul": {"value_wei": [-1, 1.0], "percentage": [-5, None]},
    "percent_div": {"value_wei": [-1], "percentage": [0, 2.5]},
    "aave_rates_ray": {
        "available": [-1, 1.0],
        "debt": [None, -5],
        "optimal": [0, RAY, 0.8],
        "base": [-1],
        "slope1": [1.5],
        "slope2": ["x"],
        "reserve_factor_bps": [-1, 10001, 0.1],
    },
    "compound_rates_mantissa": {
        "cash": [-1, 1.5],
        "borrows": [None],
        "reserves": [-1, 3 * 10**18],
        "base_per_year": [-1],
        "multiplier_per_year": [0.5],
        "jump_per_year": ["1"],
        "kink": [0, 2 * 10**18],
        "reserve_factor_mantissa": [-1, 2 * 10**18],
    },
    "health_factor_wad": {
        "collateral_base": [[], [-1], [1.5], "1", None],
        "thresholds_bps": [[20000], [8000, 8000], [0.8]],
        "debt_base": [-1, 1.0, None],
    },
    "aave_close_factor_bps": {"hf": [-1, 0.5, None]},
    "aave_liquidation": {
        "debt_to_cover": [-1, 1.0],
        "user_debt": [None],
        "user_collateral": ["1", 0],
        "threshold_bps": [8000, 9 * 10**17, -1, 0.9],
        "collateral_price": [0],
        "debt_price": [0, 1.5],
        "collateral_decimals": [-1, 40],
        "debt_decimals": [37],
        "bonus_bps": [9999, 20001],
        "protocol_fee_bps": [-1, 10001],
    },
    "morpho_lif_wad": {"lltv": [-1, 10**18, 0.86, None]},
    "maker_bark": {
        "art": [0, -1, 1.5],
        "rate": [0],
        "chop_wad": [10**17],
        "Hole": [0],
        "Dirt": [10**51, -1],
        "hole": [0],
        "dirt": [10**51],
        "dust": [-1, None],
    },
    "keeper_incentive": {"tab_rad": [-1], "tip": [1.5], "chip": [-1, 2 * 10**18]},
    "aave_liquidation_v33": {
        "threshold_bps": [10000, 10001, -1, 0.9],
        "user_debt": [0],
        "user_collateral": [0],
        "bonus_bps": [9999],
        "debt_to_cover": [1.5],
        "total_debt_base": [1, -1],
        "total_collateral_base": [1],
    },
    "health_factor": {
        "collateral_usd": [[], [1.0], [1.0, 2.0, 3.0], [0.001, 1.0]],
        "thresholds": [[0.80001], [1.5]],
        "debt_usd": [-1.0, 0.001],
    },
    "morpho_lif": {"lltv": [1.0, -0.1, None]},
}

EXEMPT = {
    "AaveRates": "a frozen result record built by aave_rates_ray()",
    "CompoundRates": "a frozen result record built by compound_rates_mantissa()",
    "WAD": "a constant (1e18)",
    "RAY": "a constant (1e27)",
    "PERCENTAGE_FACTOR": "a constant (1e4)",
    "AaveLiquidation": "a frozen result record built by aave_liquidation() and aave_liquidation_v33()",
    "Bark": "a frozen result record built by maker_bark()",
}
