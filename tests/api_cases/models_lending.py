"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.lending
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "ray_mul": dict(a=RAY, b=RAY),
    "ray_div": dict(a=RAY, b=RAY),
    "percent_mul": dict(value=100, percentage=5000),
    "percent_div": dict(value=100, percentage=5000),
    "aave_rates": dict(
        available=10**18,
        debt=10**18,
        optimal=8 * RAY // 10,
        base=0,
        slope1=4 * RAY // 100,
        slope2=RAY,
        reserve_factor=1000,
    ),
    "compound_rates": dict(
        cash=10**18,
        borrows=10**18,
        reserves=0,
        base_per_year=0,
        multiplier_per_year=10**17,
        jump_per_year=10**18,
        kink=8 * 10**17,
        reserve_factor=10**17,
    ),
    "health_factor": dict(collateral_base=[10**8], thresholds_bps=[8000], debt_base=10**8),
    "aave_close_factor": dict(hf=10**18),
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
    "morpho_lif": dict(lltv=86 * 10**16),
    "maker_bark": dict(art=10**18, rate=RAY, chop=113 * 10**16, Hole=10**50, Dirt=0, hole=10**50, dirt=0, dust=0),
    "keeper_incentive": dict(tab=10**45, tip=0, chip=10**15),
    "cover_deficit": dict(deficit=1.0, insurance_fund=0.5, profits=[1.0], leverage=[2.0]),
    "shared_collateral_crash": dict(markets=_LENDING, pool=_MARKET, shock=1.0),
    "close_factor": dict(hf=0.96, collateral_usd=3000.0, debt_usd=2500.0, rules="v3.3"),
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
    "auto_deleverage": dict(
        quantity=100.0,
        bankruptcy_price=105.0,
        mark_price=100.0,
        insurance_fund=100.0,
        sizes=[50.0, 200.0],
        entry_prices=[110.0, 120.0],
        margins=[1100.0, 2400.0],
    ),
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
    "ray_mul": {"a": [-1, 1.5, None, "1"], "b": [-1, 2.0**300]},
    "ray_div": {"a": [-1, 0.5], "b": [0, -1, None]},
    "percent_mul": {"value": [-1, 1.0], "percentage": [-5, None]},
    "percent_div": {"value": [-1], "percentage": [0, 2.5]},
    "aave_rates": {
        "available": [-1, 1.0],
        "debt": [None, -5],
        "optimal": [0, RAY, 0.8],
        "base": [-1],
        "slope1": [1.5],
        "slope2": ["x"],
        "reserve_factor": [-1, 10001, 0.1],
    },
    "compound_rates": {
        "cash": [-1, 1.5],
        "borrows": [None],
        "reserves": [-1, 3 * 10**18],
        "base_per_year": [-1],
        "multiplier_per_year": [0.5],
        "jump_per_year": ["1"],
        "kink": [0, 2 * 10**18],
        "reserve_factor": [-1, 2 * 10**18],
    },
    "health_factor": {
        "collateral_base": [[], [-1], [1.5], "1", None],
        "thresholds_bps": [[20000], [8000, 8000], [0.8]],
        "debt_base": [-1, 1.0, None],
    },
    "aave_close_factor": {"hf": [-1, 0.5, None]},
    "aave_liquidation": {
        "debt_to_cover": [-1, 1.0],
        "user_debt": [None],
        "user_collateral": ["1"],
        "threshold_bps": [8000, 9 * 10**17, -1, 0.9],
        "collateral_price": [0],
        "debt_price": [0, 1.5],
        "collateral_decimals": [-1, 40],
        "debt_decimals": [37],
        "bonus_bps": [9999, 20001],
        "protocol_fee_bps": [-1, 10001],
    },
    "morpho_lif": {"lltv": [-1, 10**18, 0.86, None]},
    "maker_bark": {
        "art": [0, -1, 1.5],
        "rate": [0],
        "chop": [10**17],
        "Hole": [0],
        "Dirt": [10**51, -1],
        "hole": [0],
        "dirt": [10**51],
        "dust": [-1, None],
    },
    "keeper_incentive": {"tab": [-1], "tip": [1.5], "chip": [-1, 2 * 10**18]},
    "cover_deficit": {"deficit": [-1.0], "insurance_fund": [-1.0], "profits": [[1.0, 2.0]], "leverage": [[0.5]]},
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
    "aave_liquidation_v33": {
        "threshold_bps": [10000, 10001, -1, 0.9],
        "user_debt": [0],
        "user_collateral": [0],
        "bonus_bps": [9999],
        "debt_to_cover": [1.5],
        "total_debt_base": [1, -1],
        "total_collateral_base": [1],
    },
    "auto_deleverage": {
        "sizes": [[1.0, 2.0, 3.0]],
        "entry_prices": [[0.0, 1.0]],
        "margins": [[-1.0, 1.0]],
        "quantity": [-1.0],
        "mark_price": [0.0],
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
    "WAD": "a constant (1e18)",
    "RAY": "a constant (1e27)",
    "PERCENTAGE_FACTOR": "a constant (1e4)",
    "CrashOutcome": "a frozen result record built by shared_collateral_crash()",
    "AaveLiquidation": "a frozen result record built by aave_liquidation() and aave_liquidation_v33()",
    "Bark": "a frozen result record built by maker_bark()",
    "DeficitCover": "a frozen result record built by cover_deficit()",
    "Deleveraging": "a frozen result record built by auto_deleverage()",
}
