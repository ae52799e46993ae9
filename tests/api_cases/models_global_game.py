"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.global_game
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "threshold_uniform": dict(c=0.3),
    "uniqueness_holds": dict(alpha=1.0, beta=1.0),
    "threshold_sides": dict(theta=[0.2, 0.5], c=0.5, alpha=1.0, beta=10.0, z=0.5),
    "threshold_normal": dict(c=0.5, alpha=1.0, beta=10.0, z=0.5),
    "failure_probability": dict(theta_star=0.6, alpha=4.0, z=1.0),
    "failure_risk": dict(c=0.5, alpha=2.0, beta=4.0, z=0.5, loss=0.12),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "threshold_uniform": {"c": [0.0, 1.0, 2.0]},
    "uniqueness_holds": {"alpha": [0.0, 1e5], "beta": [0.0, 1e9]},
    "threshold_sides": {"theta": [0.0, 1.0, [0.5, 1.5]], "c": [1.0], "alpha": [0.0], "beta": [-1.0], "z": [11.0]},
    "threshold_normal": {"c": [0.0], "alpha": [-1.0, 2e4], "beta": [0.0, 2e8], "z": [-11.0]},
    "failure_probability": {"theta_star": [-0.1, 1.1]},
    "failure_risk": {"alpha": [6.0, 20.0], "loss": [-0.1, 1.5]},
}

EXEMPT = {
    "ThresholdSides": "a frozen result record built by threshold_sides()",
    "GlobalGameThreshold": "a frozen result record built by threshold_normal()",
    "FailureRisk": "a frozen result record built by failure_risk()",
}
