"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.statemachine
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "step": dict(state=_LOAN, event=("price", 100)),
    "state_hash": dict(state=_LOAN),
    "replay": dict(initial=_LOAN, events=[("price", 100)]),
    "liquidation_lowers_hf": dict(hf=0.9, lt=0.8, bonus=1.05),
    "hf_after_liquidation": dict(hf=0.9, lt=0.8, bonus=1.05, fraction=0.5),
}

WAD, RAD = 10**18, 10**45


def _running_auction():
    from coordlab.models import statemachine

    return statemachine.step(
        statemachine.Auction(tab_rad=100 * RAD, lot=10 * WAD, feed_price=10 * RAY, buf_ray=RAY, chost=30 * RAD),
        ("kick", 0),
    )


CLASSES = {
    "Loan": dict(user_collateral=10**18, user_debt=1000 * 10**6, deposited=10**18, rules="v3.3"),
    "Auction": dict(
        tab_rad=100 * RAD, lot=10 * WAD, top=12 * RAY, status="running", feed_price=10 * RAY, initial_lot=10 * WAD
    ),
}

METHODS = {
    "Auction.price": (_running_auction, dict(now=360)),
    "Auction.needs_redo": (_running_auction, dict(now=360)),
    "Auction.status_at": (_running_auction, dict(now=3000)),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "step": {"state": [None, 3], "event": [None, "price", (), (3,), ("fly", 1), ("price", -1), ("deposit", 1.5)]},
    "state_hash": {"state": [None, "loan"]},
    "replay": {"initial": [None], "events": [None, "events", 3, [("price", 1.5)]]},
    "liquidation_lowers_hf": {"hf": [0.0], "lt": [0.0, 1.5], "bonus": [0.9]},
    "hf_after_liquidation": {"hf": [0.0], "lt": [1.5], "bonus": [3.0], "fraction": [1.0, -0.1]},
    "Loan": {
        "lt_bps": [0],
        "bonus_bps": [9_999],
        "collateral_price": [-1, 1.5],
        "rules": ["v3.4", None],
        "reserve_deficit": [-1],
    },
    "Auction": {"top": [0], "status": ["needs_redo"], "tau": [0], "cusp_ray": [RAY + 1]},
    "Auction.price": {"now": [None, True, -1, 1.5]},
    "Auction.needs_redo": {"now": [None, True]},
    "Auction.status_at": {"now": [None, True]},
}

EXEMPT = {
    "Replay": "a frozen result record built by replay()",
    "IllegalTransition": "an exception class",
    "LOAN_STATUSES": "a constant",
    "AUCTION_STATUSES": "a constant",
}
