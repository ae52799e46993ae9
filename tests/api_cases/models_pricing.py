"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.pricing
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "black_scholes": dict(S=42.0, K=40.0, T=0.5, r=0.1, sigma=0.2, kind="call"),
    "merton_jump_diffusion": dict(S=100.0, K=100.0, T=0.5, r=0.08, v_total=0.25, jump_rate=1.0, gamma=0.25),
    "governance_jump_intensity": dict(hhi=0.1),
    "governance_premium": dict(S=100.0, K=110.0, T=0.25, r=0.0, sigma=0.6, jump_rate=2.0, jump_vol=0.2),
    "merton_price": dict(
        S=100.0, K=[80.0, 100.0, 120.0], T=1 / 12, r=0.0, sigma=0.6, jump_rate=0.62, jump_mean=-0.2, jump_vol=0.1
    ),
    "total_volatility": dict(sigma=0.6, jump_rate=0.62, jump_mean=-0.2, jump_vol=0.1),
    "implied_volatility": dict(price=4.76, S=42.0, K=40.0, T=0.5, r=0.1),
    "governance_smile": dict(
        S=100.0, K=[80.0, 100.0, 120.0], T=1 / 12, r=0.0, sigma=0.6, jump_rate=0.62, jump_mean=-0.2, jump_vol=0.1
    ),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "black_scholes": {
        "S": [0.0],
        "K": [0.0, [40.0, -1.0]],
        "T": [0.0, 200.0],
        "r": [2.0],
        "sigma": [0.0, 11.0],
        "kind": ["Call", None, 1],
    },
    "merton_jump_diffusion": {
        "v_total": [0.0],
        "jump_rate": [-1.0, 1e-9, 2000.0],
        "gamma": [1.0, -0.1],
        "tol": [0.1, 0.0],
        "kind": ["straddle"],
    },
    "governance_jump_intensity": {"hhi": [0.0, 1.5], "base_rate": [-1.0], "sensitivity": [60.0], "hhi_ref": [0.0]},
    "governance_premium": {"sigma": [0.0], "jump_rate": [-2.0, 1e-9], "jump_vol": [-0.1, 6.0], "kind": [None]},
    "merton_price": {"jump_rate": [1e-9, 1e6], "T": [0.0]},
    "implied_volatility": {"price": [50.0, 0.5, [4.0, 5.0]]},
    "governance_smile": {"sigma": [10.5], "K": [[[80.0, 100.0]]]},
}

EXEMPT = {
    "GovernanceSmile": "a frozen result record built by governance_smile()",
}
