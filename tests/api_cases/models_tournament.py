"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.tournament
(tests/api_examples.py).
"""

from __future__ import annotations

from fractions import Fraction

from api_cases._fixtures import *  # noqa: F403


def _tables():
    from coordlab.models.tournament import memory_one_table

    return np.stack([memory_one_table(1.0, [1, 0, 1, 0]), memory_one_table(0.0, [0, 0, 0, 0])])


FUNCTIONS = {
    "strategy": dict(name="Tit For Tat"),
    "play_match": dict(player_a="TitForTat", player_b="Random", turns=10, noise=0.0, seed=0),
    "round_robin": dict(players=["Tit For Tat", "Defector"], turns=10, repetitions=2, noise=0.0, seed=0),
    "memory_one_table": dict(first=1.0, after=[1.0, 0.0, 1.0, 0.0]),
    "round_robin_tables": dict(names=["TFT", "AllD"], tables=_tables(), turns=10, repetitions=2, noise=0.0, seed=0),
    "fixed": dict(x=Fraction(22595, 10000), digits=3),
    "discounted_scores": dict(player="Tit For Tat", opponent="Defector", w=0.5, turns=100),
}

CLASSES: dict = {}


def _result():
    from coordlab.models import tournament

    return tournament.round_robin(["Tit For Tat", "Defector", "Random"], turns=10, repetitions=2, noise=0.1)


METHODS = {
    "Strategy.table": (
        lambda: __import__("coordlab.models.tournament", fromlist=["x"]).strategy("Tit For Tat"),
        dict(),
    ),
    "TournamentResult.table": (_result, dict(rows=2)),
    "TournamentResult.exact_scores": (_result, dict()),
    "TournamentResult.exact_cooperation": (_result, dict()),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "strategy": {"name": [None, 1, "TFT", "tit for tat", np.array(["Tit For Tat"])]},
    "play_match": {
        "player_a": [None, "TFT", "titfortat", 3],
        "player_b": [None, "x"],
        "turns": [0, 2.0, None, "5", 10**6],
        "noise": [-0.1, 1.5],
        "seed": [-1, 1.5, "0"],
        "T": [2.0],
    },
    "round_robin": {
        "players": ["Tit For Tat", [], ["TFT"], ["Defector", "Defector"], 3],
        "turns": [0, 1.5, None],
        "repetitions": [0, 2.5, 5000, None],
        "noise": [2.0],
        "seed": [-3, 0.5],
        "self_play": [None, 1, "no"],
        "P": [3.5],
    },
    "discounted_scores": {
        "player": [None, "TFT", "Random"],
        "opponent": ["Generous Tit For Tat", 1],
        "w": [0.999, -0.5, np.full(100_001, 0.5)],
        "turns": [0, 1.5, None],
    },
    "memory_one_table": {"first": [1.5, -0.1], "after": [[1, 0, 1], [0.5] * 5, [[1, 0], [1, 0]], [1.5, 0, 0, 0]]},
    "round_robin_tables": {
        "names": ["TFT", ["TFT"], ["TFT", "tft"], ["TFT", ""], [1, 2], ("x",) * 2501, None],
        "tables": [np.full((2, 33), 1.5), np.zeros((3, 33)), np.zeros((2, 32))],
        "turns": [0, 20_001],
        "repetitions": [0, 1001],
        "noise": [1.5],
        "seed": [None, -1],
        "self_play": [None, 1],
        "progress": [3, "print"],
    },
    "fixed": {"x": ["1/3", True, float("nan"), float("inf"), 10**1000, np.array([0.5])], "digits": [-1, 31, 2.0]},
}

EXEMPT = {
    "Strategy": "a strategy record; STRATEGIES holds the library",
    "STRATEGIES": "a constant (the strategy library)",
    "AXELROD_CLASSES": "a constant (each strategy's axelrod library class name)",
    "StrategyName": "a parameter constraint (a coordlab._validate.Constraint) of the functions' declarations",
    **{
        f"StrategyName.{m}": "the constraint protocol coordlab._validate's declarations call (tests/test_validate.py)"
        for m in ("accepted", "check", "describe", "refused")
    },
    "MatchResult": "a frozen result record built by play_match()",
    "TournamentResult": "a frozen result record built by round_robin()",
}
