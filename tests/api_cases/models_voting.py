"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.voting
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "banzhaf": dict(weights=[4, 4, 4, 2, 2, 1], quota=12, normalized=True, method="auto", samples=1000, seed=0),
    "shapley_shubik": dict(weights=[4, 4, 4, 2, 2, 1], quota=12, method="auto", samples=1000, seed=0),
    "ve_lock_end": dict(now=0, unlock_time=10 * 604800),
    "ve_voting_power": dict(locked_wei=10**18, end=100, now=0),
    "flash_loan_attack": dict(treasury=1e6, circulating_votes=1e6, token_price=1.0),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "banzhaf": {
        "weights": [[1, -2], [[1, 2], [3, 4]], [0, 0], [1e16, 1.0], np.full(10_001, 0.5)],
        "quota": [0.0, 18.0],
        "normalized": [None, 1, "yes"],
        "method": [None, "fast", 1],
        "samples": [10, 1.5, None],
        "seed": [-1, 0.5, None],
    },
    "shapley_shubik": {"weights": [[1, -2]], "quota": [-1.0, 100.0], "method": ["exact!", None], "samples": [0, 2.0]},
    "ve_lock_end": {"now": [-1, 1.5, None, "0", 2**256], "unlock_time": [-5, 2.5, None, 3, 2**256]},
    "ve_voting_power": {"locked_wei": [-1, 1.0, None, "1", 2**127], "end": [-1, 1.5, 2**256], "now": [-2, None]},
    "flash_loan_attack": {
        "treasury": [-1.0],
        "circulating_votes": [0.0],
        "token_price": [0.0],
        "pass_share": [0.0, 1.0],
        "fee_rate": [-0.1, 0.5],
        "attacker_votes": [-1.0, 2e6],
        "snapshot": [None, 1, "no"],
        "timelock_blocks": [-1, 1.5, None],
        "proposal_age_seconds": [-1, 0.5, None],
    },
}

EXEMPT = {
    "PowerIndex": "a frozen result record built by banzhaf() and shapley_shubik()",
    "WEEK": "a constant (Curve's VotingEscrow.vy)",
    "MAXTIME": "a constant (Curve's VotingEscrow.vy)",
    "FlashLoanAttack": "a frozen result record built by flash_loan_attack()",
}
