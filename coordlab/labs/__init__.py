"""Interactive labs: widgets bound to a pure model and a figure that updates in place.

Every lab is a :class:`~coordlab.labs.base.Lab`. Its ``update(**values)`` runs
the model and redraws, and returns the result's summary text, so tests and
benchmarks drive a lab without a browser; ``widget()`` builds the controls.
"""

from __future__ import annotations

import importlib
from typing import Any

from coordlab.labs.base import Lab, Slider, Toggle

# Each lab's module, imported when the lab is first asked for (PEP 562): a notebook that uses one lab
# does not pay for importing the other twenty (about 0.6 s on every notebook's first cell).
_MODULE_OF = {
    "StagHuntLab": "coordination",
    "BankRunLab": "coordination",
    "GlobalGameLab": "coordination",
    "TournamentLab": "dilemma",
    "ReplicatorLab": "dilemma",
    "PowerIndexLab": "governance",
    "FeeSwitchLab": "governance",
    "CommunityRiskLab": "community",
    "KeeperLab": "liquidations",
    "LiquidityTrapLab": "pegs",
    "TerraLab": "pegs",
    "KellyLab": "sizing",
    "LeverageLab": "sizing",
    "CascadeLab": "cascade",
    "FlashCrashLab": "cascade",
    "SyncLab": "lending",
    "NetworkLab": "contagion",
    "ConsensusLab": "consensus",
    "OutageLab": "sequencer",
    "StateMachineLab": "statemachine",
    "CapstoneLab": "capstone",
}

__all__ = ["Lab", "Slider", "Toggle", *_MODULE_OF, "ALL_LABS"]


def __getattr__(name: str) -> Any:
    if name in _MODULE_OF:
        value = getattr(importlib.import_module(f"coordlab.labs.{_MODULE_OF[name]}"), name)
    elif name == "ALL_LABS":  # every lab, in course order
        value = tuple(__getattr__(n) for n in _MODULE_OF)
    else:
        raise AttributeError(f"module 'coordlab.labs' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
