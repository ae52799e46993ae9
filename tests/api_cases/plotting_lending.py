"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.lending
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "rate_curves_figure": dict(usage=[0.0, 0.5, 1.0], curves={"a": [0.0, 0.1, 0.5]}, lltv=[0.5, 0.9], lif=[1.15, 1.03]),
    "sync_figure": dict(
        prices=[1800.0, 1700.0],
        synced_prices=[1800.0, 1750.0],
        values_musd=[0.0, 0.5, 0.2, 1.2],
        synced_musd=[0.0, 0.3, 0.0, 0.4],
        note="x",
    ),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "rate_curves_figure": {
        "usage": [[0.0, 2.0, 1.0], [0.0, 0.5]],
        "curves": [
            None,
            {},
            {"a": [0.0, 0.1]},
            {"a": [0.0, NAN, 0.1]},
            {str(i): [0.0, 0.1, 0.2] for i in range(9)},
            {"a": [0.0, 0.1, 200.0]},
        ],
        "lltv": [[2.0, 0.5], [0.5]],
        "lif": [[0.5, 1.1], [1.1]],
    },
    "sync_figure": {"prices": [[], [-1.0]], "values_musd": [[0.0, 1.0], [-1.0, 0.0, 0.0, 0.0]], "synced_musd": [[1.0]]},
}

EXEMPT = {
    "SyncFigure": "draws model results passed by a lab (tests/test_labs.py)",
}
