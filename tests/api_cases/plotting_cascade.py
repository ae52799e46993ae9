"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.cascade
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "stress_figure": dict(
        param_values=[1.0, 2.0], shocks=[0.0, 1.0, 2.0], share=[[0, 0.5, 1], [0, 0, 1]], tipping=[0.5, float("inf")]
    ),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "stress_figure": {
        "param_values": [[1.0]],
        "shocks": [[-1.0, 0.0, 1.0]],
        "share": [[[0, 2, 1], [0, 0, 1]], [0.0, 0.5, 1.0]],
        "tipping": [
            None,
            "x",
            [0.5, NAN],
            [1.0],
            [0.5, -1.0],
            [0.5, -INF],
            [0.5, 2e15],
            10**400,
            [True, False],
            np.ma.masked_array([1.0, 2.0], mask=[1, 0]),
        ],
        "param_label": [None, 3],
        "title": [None, 3, "x" * 201],
    },
}

EXEMPT = {
    "CascadeFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "FlashCrashFigure": "draws model results passed by a lab (tests/test_labs.py)",
}
