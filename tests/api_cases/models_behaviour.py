"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.behaviour
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "qre_path": dict(A=[[9, 0], [0, 1]], B=[[0, 1], [1, 0]], precisions=[0.0, 1.0]),
    "logit_qre": dict(A=[[9, 0], [0, 1]], B=[[0, 1], [1, 0]], precision=1.0),
    "level_k_guesses": dict(p=0.5, levels=3, anchor=50.0),
    "cognitive_hierarchy_guess": dict(tau=1.5, p=0.5, levels=10),
    "volunteer_dilemma": dict(n=4, benefit=1.0, cost=0.3),
    "volunteer_qre": dict(n=4, benefit=1.0, cost=0.3, precision=5.0),
    "entry_game": dict(n=4, gain=1.0, cost=0.3),
    "entry_qre": dict(n=4, gain=1.0, cost=0.3, precision=5.0),
    "entry_qre_array": dict(n=[2, 4], gain=1.0, cost=[0.3, 0.5], precision=5.0),
    "entry_cognitive_hierarchy": dict(n=4, gain=1.0, cost=0.3, tau=1.5, levels=10),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "qre_path": {"A": [[[1.0, 2.0]]], "B": [[[1.0, 2.0, 3.0]]], "precisions": [[1.0, 0.5], [-1.0], []]},
    "logit_qre": {"precision": [-1.0, 2e4]},
    "level_k_guesses": {"p": [0.0, 1.0], "levels": [-1, 2.5, None, 1000], "anchor": [150.0]},
    "cognitive_hierarchy_guess": {"tau": [0.0, 50.0], "p": [1.5], "levels": [0, 1.5, 500], "anchor": [-1.0]},
    "volunteer_dilemma": {"n": [1, 2.0, None, "4", 10**5], "benefit": [0.0], "cost": [0.0, 1.0, 2.0]},
    "volunteer_qre": {"n": [0, 3.5], "cost": [1.5], "precision": [-1.0, 1e5]},
    "entry_game": {"n": [1, 2.0, None, 10**5], "gain": [-1.0], "cost": [0.0, -0.3]},
    "entry_qre": {"n": [0, 3.5], "cost": [0.0], "precision": [-1.0, 1e5]},
    "entry_qre_array": {
        "n": [[2.5, 4.0], [2, 3, 4]],
        "gain": [[1.0, 1.0, 1.0]],
        "cost": [np.full(1_000_001, 0.3), -0.1],
    },
    "entry_cognitive_hierarchy": {"n": [1], "cost": [0.0], "tau": [0.0, 50.0], "levels": [0, 500, 2.5]},
}

EXEMPT = {
    "QREPoint": "a frozen result record built by qre_path()",
    "CognitiveHierarchyGuess": "a frozen result record built by cognitive_hierarchy_guess()",
    "VolunteerEquilibrium": "a frozen result record built by volunteer_dilemma()",
    "EntryEquilibrium": "a frozen result record built by entry_game()",
    "EntryHierarchy": "a frozen result record built by entry_cognitive_hierarchy()",
}
