"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.capstone
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "run": dict(scenario=_SCENARIO, params=_PARAMS),
    "across_seeds": dict(scenario=_SCENARIO, params=_PARAMS, seeds=2),
}

CLASSES = {
    "Scenario": dict(
        name="Test crash",
        drop=0.2,
        hourly_vol=0.01,
        outage_start=2,
        outage_hours=3,
        keeper_presence=0.9,
        gas_hours=(4, 5),
        depth=30e6,
        lp_tolerance=0.06,
        lp_exit=0.25,
        topup_share=0.5,
        arbitrage=1e6,
        outside_depth=120e6,
    ),
    "Parameters": dict(
        threshold=0.8, bonus=1.05, close_factor=0.5, grace_hours=1, throttle=2e6, insurance=0.2e6, rules="v3.3"
    ),
}

METHODS = {
    "Scorecard.losses": (
        lambda: __import__("coordlab.models.capstone", fromlist=["x"]).run(_SCENARIO, _PARAMS),
        dict(),
    ),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "run": {"scenario": [None, "Black Thursday"], "params": [None, {}], "fund_share": [1.5], "fund_equity": [-1.0]},
    "across_seeds": {"scenario": [None], "params": [None], "seeds": [0, 201, 2.5, None]},
    "Scenario": {
        "name": [None, 3],
        "gas_hours": [(30,), (True,), (1.5,), (-1,), "1", None, 3],
        "depth": [1.0],
        "lp_exit": [0.9],
        "borrowers": [10**6],
        "topup_share": [-0.1, 1.5],
        "arbitrage": [-1.0],
        "outside_depth": [-1.0],
    },
    "Parameters": {"threshold": [0.0, 1.0], "close_factor": [0.0], "throttle": [0.0, 1e-300], "rules": ["v3.1", None]},
}

EXEMPT = {
    "SCENARIOS": "a constant (the named scenarios)",
    "Scorecard": "a frozen result record built by run()",
    "Losses": "a frozen result record built by Scorecard.losses()",
}
