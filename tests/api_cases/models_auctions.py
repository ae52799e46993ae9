"""Valid calls (and values to refuse beyond the declared constraints) for coordlab.models.auctions; see tests/api_examples.py."""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "rmul": dict(x=RAY, y=RAY),
    "rpow": dict(x=RAY // 2, n=3, b=RAY),
    "linear_decrease": dict(top=1000 * RAY, dur=360, tau=3600),
    "stairstep_exponential_decrease": dict(top=1000 * RAY, dur=60, cut=RAY // 2, step=60),
    "exponential_decrease": dict(top=1000 * RAY, dur=60, cut=RAY // 2),
    "clip_status": dict(top=100 * RAY, price=50 * RAY, dur=10, tail=3600, cusp=RAY // 2),
    "auction_outcome": dict(n_keepers=10, gas_cost=0.4, lam=20.0),
    "replay": dict(n_keepers=5),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "rmul": {'x': [-1, 1.5, None, "1"], 'y': [-1, 2.0**80, 2**256]},
    "rpow": {'x': [-1, 0.5, None], 'n': [-1, 1.5], 'b': [0, -1, 1.0]},
    "linear_decrease": {'top': [-1, 1.0, None], 'dur': [-1, 1.5], 'tau': [0, -3600, 3600.0]},
    "stairstep_exponential_decrease": {'top': [-1, None], 'dur': [1.5], 'cut': [RAY + 1, -1, 0.99], 'step': [0, -1, 60.0]},
    "exponential_decrease": {'top': ["1"], 'dur': [-5], 'cut': [2 * RAY, 0.5]},
    "clip_status": {'top': [0, -1, None], 'price': [-1, 1.5], 'dur': [-1], 'tail': [-1, 1.5], 'cusp': [RAY + 1, -1]},
    "auction_outcome": {'n_keepers': [1, 10.5, None, 5000], 'gas_cost': [0.0, 1.0, 2.0], 'lam': [-1.0], 'collateral_ratio': [0.0, 20.0], 'keeper_margin': [0.6, -0.1], 'benefit': [0.0]},
    "replay": {'n_keepers': [1, 2.5], 'gas_spike': [0.5, 30.0], 'lam': [-1.0], 'base_gas_cost': [0.0, 0.9], 'total_debt': [0.0, 1e5]},
}

EXEMPT = {
    "RAY": "a constant (MakerDAO's fixed-point base, 10**27)",
    "AuctionOutcome": "a frozen result record built by auction_outcome()",
    "BlackThursday": "a frozen result record built by replay()",
}
