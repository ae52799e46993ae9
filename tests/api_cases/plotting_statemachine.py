"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.statemachine
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {}

EXEMPT = {
    "StateFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "STATE_POSITIONS": "a constant",
}
