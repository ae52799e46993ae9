"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.consensus
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "leak_figure": dict(paths={"a": ([0.0, 1.0], [0.5, 0.6])}),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "leak_figure": {"paths": [None, {}, {"a": ([0.0, 1.0], [0.5])}, {"a": ([0.0, 1.0], [0.5, 2.0])}]},
}

EXEMPT = {
    "ConsensusFigure": "draws model results passed by a lab (tests/test_labs.py)",
}
