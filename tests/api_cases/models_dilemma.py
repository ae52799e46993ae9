"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.dilemma
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "prisoners_dilemma": dict(T=5.0, R=3.0, P=1.0, S=0.0),
    "hawk_dove": dict(V=2.0, C=4.0),
    "cooperation_thresholds": dict(T=5.0, R=3.0, P=1.0, S=0.0),
    "deviation_payoffs": dict(w=0.5, T=5.0, R=3.0, P=1.0, S=0.0),
    "check_payoffs": dict(T=5.0, R=3.0, P=1.0, S=0.0),
    "game_class": dict(A=SH),
    "interior_rest_point": dict(A=SH),
    "replicator_path": dict(A=SH, x0=0.5, t_max=5.0, steps=50),
    "fixation_probability": dict(A=SH, population=20, selection=0.1),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "prisoners_dilemma": {"T": [2.0, 7.0, 1e7], "R": [0.5], "P": [4.0], "S": [2.0]},
    "hawk_dove": {"V": [0.0, -1.0, 5.0], "C": [0.0, 1.0]},
    "cooperation_thresholds": {"T": [3.0], "S": [1.5]},
    "deviation_payoffs": {"w": [1.0, -0.1, [0.5, 1.0]], "R": [5.0]},
    "check_payoffs": {"T": [2.0, 7.0, 1e7], "R": [0.5], "P": [4.0], "S": [2.0]},
    "game_class": {"A": [np.eye(3)]},
    "interior_rest_point": {"A": [np.eye(3)]},
    "replicator_path": {
        "A": [[[1e300, 0.0], [0.0, 0.0]], [[1.7e308, -1.7e308], [-1.7e308, 1.7e308]]],
        "x0": [1.5, [0.2, -0.1], np.full(10_001, 0.5)],
        "t_max": [0.0, 1e5],
        "steps": [0, 2.5, "10", None, True, 10**6, 20_001],
    },
    "fixation_probability": {
        "A": [[[-100.0, 0.0], [0.0, 0.0]], [[1e308, 0.0], [0.0, 0.0]]],
        "population": [1, 10**6],
        "selection": [1.5, -0.1],
    },
}

EXEMPT = {
    "Payoffs": "a frozen result record built by check_payoffs()",
    "CooperationThresholds": "a frozen result record built by cooperation_thresholds()",
    "DeviationPayoffs": "a frozen result record built by deviation_payoffs()",
    "ReplicatorPath": "a frozen result record built by replicator_path()",
}
