"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.backstop
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "cover_deficit": dict(deficit=1.0, insurance_fund=0.5, profits=[1.0], leverage=[2.0]),
    "auto_deleverage": dict(
        quantity=100.0,
        bankruptcy_price=105.0,
        mark_price=100.0,
        insurance_fund=100.0,
        sizes=[50.0, 200.0],
        entry_prices=[110.0, 120.0],
        margins=[1100.0, 2400.0],
    ),
}

CLASSES = {}

METHODS = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "cover_deficit": {"deficit": [-1.0], "insurance_fund": [-1.0], "profits": [[1.0, 2.0]], "leverage": [[0.5]]},
    "auto_deleverage": {
        "sizes": [[1.0, 2.0, 3.0]],
        "entry_prices": [[0.0, 1.0]],
        "margins": [[-1.0, 1.0]],
        "quantity": [-1.0],
        "mark_price": [0.0],
    },
}

EXEMPT = {
    "DeficitCover": "a frozen result record built by cover_deficit()",
    "Deleveraging": "a frozen result record built by auto_deleverage()",
}
