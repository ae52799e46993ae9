"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.sequencer
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403
from coordlab.models import sequencer as _sequencer

_OUTCOME = _sequencer.outage_liquidations(7.0, 1.0, 1.5, n=50, paths=4, seed=1)

FUNCTIONS = {
    "chainlink_gate_allows": dict(sequencer_status=0, started_at=0, now=10),
    "aave_sentinel_allows": dict(sequencer_status=0, last_update=0, now=10, grace=5),
    "aave_sentinel_round_allows": dict(sequencer_status=0, started_at=0, updated_at=5, now=10, grace=3),
    "sentinel_blocked_share": dict(grace=3600),
    "force_inclusion_hours": dict(chain="OP Mainnet"),
    "simulate_outages": dict(rate_per_year=1.0, median_hours=1.0, years=1.0),
    "fit_outage_durations": dict(),
    "outage_rate_per_year": dict(chain="Arbitrum One"),
    "lognormal_exceedance": dict(hours=12.0, median_hours=1.5, spread=1.2),
    "outage_liquidations": dict(outage_hours=1.0, grace_hours=0.5, sigma=1.0, n=10, paths=3),
    "exact_share": dict(count=_OUTCOME.liquidatable_at_restart, outcome=_OUTCOME),
    "price_paths": dict(hours=1.0, sigma=1.0),
    "ordering_race": dict(opportunity_value=1.0, n_bots=3, ordering="fcfs_spam", rounds=5),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "chainlink_gate_allows": {
        "sequencer_status": [2, -1, 0.0, None],
        "started_at": [-1, 1.5, 11],
        "now": [-1, 1.5],
        "grace": [-1, None],
    },
    "aave_sentinel_allows": {"sequencer_status": [3], "last_update": [-5, 11], "now": [None], "grace": [0.5]},
    "aave_sentinel_round_allows": {
        "sequencer_status": [2],
        "started_at": [6, -1],
        "updated_at": [11, 1.5],
        "now": [4],
        "grace": [-1],
        "reads": ["lastUpdateTimestamp", None],
    },
    "sentinel_blocked_share": {"grace": [-1, 0.5], "refresh_seconds": [0], "reads": ["answer"]},
    "force_inclusion_hours": {"chain": ["Base", None, 3]},
    "simulate_outages": {
        "rate_per_year": [-1.0],
        "median_hours": [0.0],
        "years": [0.0],
        "seed": [-1, 0.5],
        "spread": [-0.1],
    },
    "fit_outage_durations": {"chain": ["Linea", "Nowhere", 3], "reading": ["median", None]},
    "outage_rate_per_year": {"chain": ["Starknet", None]},
    "lognormal_exceedance": {"hours": [-1.0], "median_hours": [0.0], "spread": [0.0]},
    "outage_liquidations": {
        "outage_hours": [-1.0, 1e4],
        "grace_hours": [-1.0],
        "sigma": [-0.5],
        "n": [0, 2.5, 2_000_000],
        "paths": [0, 2_000_000],
        "topup": [1.5],
        "threshold": [1.0],
        "bonus": [0.9],
        "override": [None, 1],
        "seed": [-1],
        "queued": [-0.1],
        "steps_per_hour": [0, 61],
        "max_usage": [0.5, 1.01],
    },
    "exact_share": {"count": [0.3, 1e-3], "outcome": [None, 1.0]},
    "price_paths": {"hours": [0.0], "sigma": [-1.0], "k": [0, 1.5], "steps_per_hour": [0], "seed": [-1]},
    "ordering_race": {
        "value": [0.0],
        "n_bots": [0],
        "ordering": ["timeboost", None],
        "cost_spread": [2.0],
        "protocol_share": [1.5],
        "rounds": [0],
        "seed": [-1],
    },
}

EXEMPT = {
    "PricePaths": "a frozen result record built by price_paths()",
    "GRACE_PERIOD_TIME": "a constant (Chainlink's sample consumer)",
    "FORCE_INCLUSION": "a constant (forced-inclusion delays and their sources)",
    "ForceInclusion": "a frozen record: the entries of FORCE_INCLUSION",
    "OutageOutcome": "a frozen result record built by outage_liquidations()",
    "OutageFit": "a frozen result record built by fit_outage_durations()",
    "RaceOutcome": "a frozen result record built by ordering_race()",
}
