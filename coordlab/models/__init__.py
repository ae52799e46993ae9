"""Pure models, one idea per module, each citing its source.

Nothing here imports matplotlib or ipywidgets (``tests/test_layers.py`` checks).
Submodules load when first used.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_SUBMODULES = (
    "games",
    "bank_run",
    "global_game",
    "dilemma",
    "tournament",
    "voting",
    "stakeholders",
    "concentration",
    "sentiment",
    "pricing",
    "behaviour",
    "auctions",
    "amm",
    "pegs",
    "sizing",
    "perps",
    "cascade",
    "lending",
    "contagion",
    "consensus",
    "sequencer",
    "statemachine",
    "capstone",
    "stale_blocks",
    "l2_outages",
)
__all__ = list(_SUBMODULES)


def __getattr__(name: str) -> ModuleType:
    if name in _SUBMODULES:
        module = importlib.import_module(f"coordlab.models.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'coordlab.models' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
