"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.contagion
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "defaults_figure": dict(defaults_by_label={"a": [0, 1, 2]}, n=5),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "defaults_figure": {
        "defaults_by_label": [None, {}, {"a": [0, 9]}, {"a": ["x"]}, {"a": [0, -1]}, {str(i): [0] for i in range(9)}],
        "n": [0, 1.5, None, 100_001],
    },
}

EXEMPT = {
    "NetworkFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "WAVE_STYLES": "a constant",
}
