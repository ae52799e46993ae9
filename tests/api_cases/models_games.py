"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.games
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "stag_hunt": dict(stag=4.0, sucker=0.0, hare_vs_stag=3.0, hare=3.0),
    "coordination_game": dict(a=2.0, b=0.0, c=0.0, d=1.0),
    "equilibria": dict(A=SH, B=None),
    "expected_payoffs": dict(A=SH, p=0.5),
    "belief_threshold": dict(A=SH),
    "risk_dominant": dict(A=SH, B=None),
    "payoff_dominant": dict(A=SH, B=None),
    "replicator_velocity": dict(A=SH, x=0.5),
}

CLASSES: dict = {}

METHODS = {
    "Equilibrium.describe": (lambda: __import__("coordlab.models.games", fromlist=["x"]).equilibria(SH)[0], dict()),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "stag_hunt": {"stag": [2.0], "sucker": [3.5], "hare_vs_stag": [5.0]},
    "coordination_game": {"a": [-1.0], "b": [2.0], "c": [3.0]},
    "equilibria": {"A": [[1.0, 2.0], np.eye(7)], "B": [[[1.0, 2.0, 3.0]]]},
    "expected_payoffs": {"A": [np.eye(3)], "p": [-0.1, 1.1, [0.2, 1.2]]},
    "belief_threshold": {"A": [np.eye(3)]},
    "risk_dominant": {"A": [np.eye(3)], "B": [np.eye(3)]},
    "payoff_dominant": {"A": [np.eye(3)], "B": [np.eye(3)]},
    "replicator_velocity": {"A": [np.eye(3)], "x": [-0.1, 1.5]},
}

EXEMPT = {
    "ExpectedPayoffs": "a frozen result record built by expected_payoffs()",
    "Equilibrium": "a frozen result record built by equilibria()",
}
