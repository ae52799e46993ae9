"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.stakeholders
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "fee_switch": dict(phi=[0.0, 0.5], eta=1.0, kappa=0.5),
    "ideal_fee_share": dict(token_weight=0.8, eta=1.0, kappa=0.5),
    "token_vote": dict(token_weights=[1.0, 0.5], stakes=[60, 40]),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "fee_switch": {"phi": [1.5, [-0.1, 0.5]], "eta": [-1.0, 6.0], "kappa": [0.0, 3.0]},
    "ideal_fee_share": {"token_weight": [1.5], "eta": [6.0], "kappa": [2.5]},
    "token_vote": {"token_weights": [[1.0], [1.5, 0.5]], "stakes": [[-1, 2], [0, 0], [1, 2, 3], [1e16, 1.0]]},
}

EXEMPT = {
    "FeeSwitch": "a frozen result record built by fee_switch()",
}
