"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.auctions
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "rmul": dict(x=RAY, y=RAY),
    "rpow": dict(x=RAY // 2, n=3, b=RAY),
    "linear_decrease": dict(top=1000 * RAY, dur=360, tau=3600),
    "stairstep_exponential_decrease": dict(top=1000 * RAY, dur=60, cut=RAY // 2, step=60),
    "exponential_decrease": dict(top=1000 * RAY, dur=60, cut=RAY // 2),
    "clip_status": dict(top=100 * RAY, price_ray=50 * RAY, dur=10, tail=3600, cusp_ray=RAY // 2),
    "auction_entry": dict(n_keepers=10, collateral_value=1.3, floor=0.7, entry_cost=0.4, precision=20.0),
    "dutch_take_price": dict(u=0.5, n_keepers=10, entry_probability=0.2, collateral_value=1.3, floor=0.7),
    "no_entry_by_n": dict(n_max=20, collateral_value=1.3, floor=0.7, entry_cost=0.4, precision=20.0),
    "crash_day": dict(n_keepers=5),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "rmul": {"x": [-1, 1.5, None, "1"], "y": [-1, 2.0**80, 2**256]},
    "rpow": {"x": [-1, 0.5, None], "n": [-1, 1.5], "b": [0, -1, 1.0]},
    "linear_decrease": {"top": [-1, 1.0, None], "dur": [-1, 1.5], "tau": [0, -3600, 3600.0]},
    "stairstep_exponential_decrease": {
        "top": [-1, None],
        "dur": [1.5],
        "cut": [RAY + 1, -1, 0.99],
        "step": [0, -1, 60.0],
    },
    "exponential_decrease": {"top": ["1"], "dur": [-5], "cut": [2 * RAY, 0.5]},
    "clip_status": {
        "top": [0, -1, None],
        "price_ray": [-1, 1.5],
        "dur": [-1],
        "tail": [-1, 1.5],
        "cusp_ray": [RAY + 1, -1],
    },
    "auction_entry": {
        "n_keepers": [1, 10.5, None, 5000],
        "collateral_value": [0.0, 20.0],
        "floor": [-0.1, 11.0],
        "entry_cost": [0.0, -1.0],
        "precision": [-1.0],
        "tab": [0.5, 3.0],
    },
    "dutch_take_price": {
        "u": [-0.1, 1.5],
        "entry_probability": [0.0, 1.5],
        "collateral_value": [0.0],
        "floor": [1.31, 5.0],
    },
    "no_entry_by_n": {"n_max": [1, 2000, 2.5], "collateral_value": [0.0], "entry_cost": [0.0], "precision": [-1.0]},
    "crash_day": {
        "n_keepers": [1, 2.5],
        "gas_spike": [0.5, 30.0],
        "precision": [-1.0],
        "entry_cost": [0.0, 0.9],
        "total_debt": [0.0, 1e5],
        "trigger": [0.9, 4.0],
        "oracle_lag": [-1, 5, 1.5],
        "buf": [0.9, 3.0],
        "cusp": [-0.1, 1.5],
        "chop": [0.9],
        "clip_cost_factor": [0.0, 1.5],
        "clip_takes": ["other", 1],
    },
}

EXEMPT = {
    "RAY": "a constant (MakerDAO's fixed-point base, 10**27)",
    "CHOP": "a constant (ETH-A's liquidation penalty factor on Black Thursday, 1.13)",
    "PRICE_KNOTS": "a constant (the stylised crash day's price knots)",
    "AuctionEntry": "a frozen result record built by auction_entry()",
    "CrashDay": "a frozen result record built by crash_day()",
}
