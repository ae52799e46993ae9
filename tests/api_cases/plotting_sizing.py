"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.sizing
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "ladder_figure": dict(fall_pct=[0.0, 5.0, 10.0], cumulative_notional=[0.0, 1.0, 3.0]),
    "coin_figure": dict(
        rounds=[0, 1, 2],
        ensemble_mean=[0, 0.1, 0.2],
        median=[0, -0.1, -0.2],
        sample=[[0, 0.2, 0.0]],
        ensemble_growth=0.05,
        time_growth=-0.05,
    ),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "ladder_figure": {
        "fall_pct": [[0.0, 5.0], [-1.0, 5.0, 10.0]],
        "cumulative_notional": [[0.0, -1.0, 2.0]],
        "marks": [[150.0], np.linspace(0.0, 100.0, 21)],
    },
    "coin_figure": {
        "rounds": [[0, 1]],
        "sample": [[[0, 1]], np.zeros((2, 2, 3)), np.zeros((101, 3))],
        "ensemble_growth": [-1.0],
        "time_growth": [20.0],
    },
}

EXEMPT = {
    "KellyFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "LeverageFigure": "draws model results passed by a lab (tests/test_labs.py)",
}
