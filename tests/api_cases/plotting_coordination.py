"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.coordination
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _notebooks():
    from coordlab.course import NOTEBOOKS

    return NOTEBOOKS


FUNCTIONS = {
    "course_map": dict(notebooks=_notebooks()),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "course_map": {"notebooks": [[None], ["01"], [], 3.0]},
}

EXEMPT = {
    "MAP_POSITIONS": "a constant",
    "BeliefFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "BasinFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "BankRunFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "GlobalGameFigure": "draws model results passed by a lab (tests/test_labs.py)",
}
