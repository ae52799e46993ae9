"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.consensus
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "double_spend_probability": dict(q=0.1, z=5),
    "double_spend_probability_exact": dict(q=0.1, z=5),
    "confirmations_needed": dict(q=0.1),
    "selfish_revenue": dict(alpha=0.3, gamma=0.5),
    "selfish_threshold": dict(gamma=0.5),
    "simulate_selfish_mining": dict(alpha=0.3, gamma=0.5, blocks=10, chains=5),
    "bft": dict(n=4),
    "finality_minutes": dict(slot=0),
    "inactivity_leak": dict(offline=0.4, max_epochs=10),
    "settlement_risk": dict(window_minutes=60.0, attacker_share=0.3, confirmations=6),
}

CLASSES: dict = {}

METHODS = {
    "LeakPath.days": (
        lambda: __import__("coordlab.models.consensus", fromlist=["x"]).inactivity_leak(0.4, 100),
        dict(epoch=10),
    ),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "double_spend_probability": {"q": [-0.1, 1.5], "z": [-1, 2.5, None, "5"]},
    "double_spend_probability_exact": {"q": [-0.1, 1.5, NAN], "z": [-1, 2.5, None, "5"]},
    "confirmations_needed": {"q": [0.5, -0.1, 0.4999], "risk": [0.0, 1.0], "max_z": [0, 1.5, 10**7]},
    "selfish_revenue": {"alpha": [0.6, -0.1], "gamma": [1.5]},
    "selfish_threshold": {"gamma": [-0.5, 2.0]},
    "simulate_selfish_mining": {
        "alpha": [0.6],
        "gamma": [1.1],
        "blocks": [0, 2.5, 10**6],
        "chains": [0, 10**5],
        "seed": [-1, None],
    },
    "bft": {"n": [0, -3, 4.0, None, "4"]},
    "finality_minutes": {"slot": [-1, 32, 1.5, "0"]},
    "inactivity_leak": {"offline": [1.0, -0.1], "max_epochs": [0, 1.5]},
    "settlement_risk": {
        "window_minutes": [-1.0],
        "attacker_share": ["0.3", True, NAN, 1.5],
        "confirmations": [-1, 2.5, None],
        "block_minutes": [0.0, 1e-308, 5e-324],
        "offline": [0.2],
        "random_blocks": ["yes", 1, None],
        "slot": [0, 32, -1],
    },
}

EXEMPT = {
    "LeakPath": "a frozen result record built by inactivity_leak()",
    "BftQuorum": "a frozen result record built by bft()",
    "SECONDS_PER_SLOT": "a constant (consensus-specs mainnet config)",
    "SLOTS_PER_EPOCH": "a constant (consensus-specs mainnet preset)",
    "MIN_EPOCHS_TO_INACTIVITY_PENALTY": "a constant (consensus-specs mainnet preset)",
}
