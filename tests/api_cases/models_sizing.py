"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.sizing
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "kelly_fraction": dict(p=0.6, b=1.0),
    "growth_rate": dict(f=0.2, p=0.6, b=1.0),
    "max_growth_bits": dict(p=0.6),
    "continuous_kelly": dict(mu=0.1, sigma=0.2),
    "fractional_growth": dict(mu=0.1, sigma=0.2, c=0.5),
    "drawdown_probability": dict(x=0.5, c=1.0, horizon=1.0),
    "simulate_bets": dict(p=0.6, b=1.0, fraction=0.2, bets=200, paths=10),
    "simulate_gbm_drawdown": dict(x=0.5, c=1.0, steps=50, paths=10),
    "ergodicity_coin": dict(rounds=50, paths=10),
    "recursive_loop": dict(borrow_ratio=0.7, loops=5),
    "kelly_gain_loss": dict(p=0.5, win_return=0.5, loss=0.4),
    "loop_liquidation": dict(borrow_ratio=0.72, loops=10, collateral_factor=0.75, debt_collateral_share=0.5),
}

CLASSES: dict = {}


def _bets():
    from coordlab.models import sizing

    return sizing.simulate_bets(0.6, 1.0, 0.2, bets=10, paths=10)


METHODS = {
    "BetPaths.drawdown_frequency": (_bets, dict(x=0.5)),
    "BetPaths.median_growth": (_bets, dict()),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "kelly_fraction": {"p": [0.0, 1.0, 1.5], "b": [0.0, -1.0, 1e-7]},
    "growth_rate": {"f": [1.0, -0.1, [0.2, 1.2]], "p": [0.0], "b": [0.0]},
    "max_growth_bits": {"p": [0.0, 1.0]},
    "continuous_kelly": {"mu": [50.0], "sigma": [0.0, -0.2, 1e-200], "r": [2.0]},
    "fractional_growth": {"c": [-0.5, 11.0], "sigma": [0.0, 1e-9]},
    "drawdown_probability": {
        "x": [0.0, 1.0],
        "c": [0.0, 11.0, 1e-4],
        "horizon": [0.0, -1.0, 1e-7],
        "sharpe": [0.0, 1e-4],
    },
    "simulate_bets": {
        "p": [1.0],
        "b": [0.0],
        "fraction": [1.0, -0.1],
        "bets": [0, 2.5, None, 10**6],
        "paths": [0, 10**7, 10**6, 1.0],
        "seed": [-1, 1.5, None],
        "keep": [-1, 11, 0.5],
    },
    "simulate_gbm_drawdown": {
        "x": [1.0],
        "c": [0.0],
        "sharpe": [0.0],
        "horizon": [0.0],
        "steps": [0, 1.5, 20_000],
        "paths": [1, None, 10**6, 500_000],
        "seed": [-3],
    },
    "ergodicity_coin": {
        "up": [0.0],
        "down": [1.0, 0.0],
        "rounds": [0, 2.0, 20_000],
        "paths": [0, 10**6, 300_000],
        "seed": [-1],
        "keep": [11, -1],
    },
    "recursive_loop": {
        "borrow_ratio": [0.0, 1e-17, 0.75, 0.9],
        "loops": [0, 2.5, None],
        "collateral_factor": [0.0, 1.0],
    },
    "kelly_gain_loss": {"p": [0.0, 1.0], "win_return": [0.0, -0.5], "loss": [0.0, 1.5]},
    "loop_liquidation": {
        "borrow_ratio": [0.0, 0.75, 0.9],
        "loops": [0, 2.5],
        "collateral_factor": [0.0, 1.0],
        "debt_collateral_share": [-0.1, 1.5, None],
    },
}

EXEMPT = {
    "BetPaths": "a frozen result record built by simulate_bets()",
    "ContinuousKelly": "a frozen result record built by continuous_kelly()",
    "CoinRun": "a frozen result record built by ergodicity_coin()",
    "DrawdownEstimate": "a frozen result record built by simulate_gbm_drawdown()",
    "KellyStake": "a frozen result record built by kelly_gain_loss()",
    "LoopLiquidation": "a frozen result record built by loop_liquidation()",
}
