"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.community
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "hawkes_figure": dict(t=[0.0, 1.0], intensity=[0.5, 0.6], event_times=[0.5], mean_intensity=1.0),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "hawkes_figure": {
        "t": [[0.0, 1.0, 2.0], [-1.0, 1.0], [1.0, 1.0], [1.0, 0.5]],
        "intensity": [[-1.0, 0.5]],
        "event_times": ["x", [NAN]],
        "mean_intensity": [-1.0],
    },
}

EXEMPT = {
    "CommunityRiskFigure": "draws model results passed by a lab (tests/test_labs.py)",
}
