"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.concentration
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "shares": dict(holdings=[2, 1, 1]),
    "hhi": dict(holdings=[2, 1, 1]),
    "gini": dict(holdings=[2, 1, 1]),
    "lorenz_curve": dict(holdings=[2, 1, 1]),
    "nakamoto_coefficient": dict(holdings=[2, 1, 1], control_share=0.51),
    "synthetic_holders": dict(n=10, whale_share=0.2, tail_alpha=1.16),
    "concentration": dict(holdings=[2, 1, 1]),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "shares": {"holdings": [[0, 0], [1, -1], [[1, 2]]]},
    "hhi": {"holdings": [[0, 0], [-1, 2]]},
    "gini": {"holdings": [[0.0], [-1, 2]]},
    "lorenz_curve": {"holdings": [[-3]]},
    "nakamoto_coefficient": {"holdings": [[0]], "control_share": [0.0, 1.0]},
    "synthetic_holders": {"n": [0, 2.5, None, 10**6], "whale_share": [1.0, -0.1], "tail_alpha": [0.1, 20.0]},
    "concentration": {"holdings": [[]]},
}

EXEMPT = {
    "LorenzCurve": "a frozen result record built by lorenz_curve()",
    "Concentration": "a frozen result record built by concentration()",
}
