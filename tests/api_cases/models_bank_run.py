"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.bank_run
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "optimal_contract": dict(impatient_share=0.25, R=1.5, gamma=2.0),
    "crra_utility": dict(c=1.5, gamma=2.0),
    "expected_utility": dict(c1=1.1, impatient_share=0.25, R=1.5, gamma=2.0),
    "patient_payoff": dict(f=0.3, c1=1.2, R=1.5, fire_sale_value=0.9, liquid_share=0.1),
    "run_threshold": dict(c1=1.2, R=1.5, fire_sale_value=0.9, liquid_share=0.1),
    "suspension_payoff": dict(f=0.3, c1=1.2, R=1.5, gate_share=0.25),
    "withdrawal_path": dict(start_share=0.5, c1=1.2, R=1.5, impatient_share=0.25, rounds=4, gate_share=0.25),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "optimal_contract": {"impatient_share": [0.0, 1.0, -0.2], "R": [1.0, 0.5, 1e3], "gamma": [0.0, -1.0, 1e3]},
    "crra_utility": {"c": [0.0, -1.0, [1.0, 0.0]], "gamma": [0.0]},
    "expected_utility": {"c1": [0.0, 4.0, 10.0], "impatient_share": [1.0], "R": [0.9], "gamma": [-2.0]},
    "patient_payoff": {"f": [1.0, -0.1, [0.2, 1.0]], "c1": [0.0], "R": [1.0]},
    "run_threshold": {"c1": [0.0, -1.0], "R": [1.0], "fire_sale_value": [0.0, 1.1], "liquid_share": [-0.1, 1.1]},
    "suspension_payoff": {"f": [1.0, -0.1], "gate_share": [0.0, 1.0]},
    "withdrawal_path": {
        "start_share": [1.0, -0.1],
        "impatient_share": [0.0, 1.0],
        "rounds": [0, 1001],
        "gate_share": [1.0],
    },
}

EXEMPT = {
    "DepositContract": "a frozen result record built by optimal_contract()",
}
