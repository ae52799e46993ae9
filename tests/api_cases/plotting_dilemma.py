"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.dilemma
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "threshold_figure": dict(w=[0.1, 0.5], gain_defect=[1.0, 0.0], gain_alternate=[0.5, 0.1], grim=0.5, tft=0.667),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "threshold_figure": {
        "w": [[0.1, 1.5], [0.5], [0.5, 0.5]],
        "gain_defect": [[1.0, 2.0, 3.0], [1e8, 0.0]],
        "grim": [1.5],
        "tft": [-0.1],
    },
}

EXEMPT = {
    "TournamentFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "ReplicatorFigure": "draws model results passed by a lab (tests/test_labs.py)",
}
