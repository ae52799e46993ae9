"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.sentiment
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "trust_matrix": dict(W=[[0.5, 0.5], [0.25, 0.75]]),
    "influence_weights": dict(W=[[0.5, 0.5], [0.25, 0.75]]),
    "degroot": dict(W=[[0.5, 0.5], [0.25, 0.75]], x0=[1.0, 0.0], steps=5),
    "hawkes_branching_ratio": dict(alpha=0.5, beta=1.0),
    "hawkes_mean_intensity": dict(mu=1.0, alpha=0.5, beta=1.0),
    "simulate_hawkes": dict(mu=1.0, alpha=0.5, beta=1.0, t_max=10.0, seed=0),
    "hawkes_intensity": dict(path=_HAWKES, t=[0.5, 1.5]),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "trust_matrix": {"W": [[[0.5, 0.5]], [[1.5, -0.5], [0.5, 0.5]], [[0.5, 0.6], [0.5, 0.5]]]},
    "influence_weights": {"W": [[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]]},
    "degroot": {"x0": [[1.0, 0.0, 2.0]], "steps": [-1, 2.5, None, 10**6]},
    "hawkes_branching_ratio": {"alpha": [-0.1, 2.0], "beta": [0.0, 0.25]},
    "hawkes_mean_intensity": {"mu": [0.0], "alpha": [1.0]},
    "simulate_hawkes": {"mu": [-1.0], "alpha": [1.5], "beta": [0.0], "t_max": [0.0, 1e6], "seed": [-1, 1.5, None]},
    "hawkes_intensity": {"path": [None, [1.0, 2.0], "path"], "t": [-1.0]},
}

EXEMPT = {
    "HawkesPath": "a frozen result record built by simulate_hawkes()",
}
