"""coordlab: the models, figures and labs of an interactive course on coordination failures.

The package has three layers, one folder each, and each layer only imports the
ones before it:

- ``coordlab.models``: pure models (numpy in, numbers, arrays or dataclasses
  out). They never import matplotlib or ipywidgets.
- ``coordlab.plotting``: figures of model results, in one colour-blind-safe
  style. It never computes a model.
- ``coordlab.labs``: interactive labs (ipywidgets bound to a model and a
  figure), and ``coordlab.exercises``: the checks behind the exercises.

``import coordlab`` is light: subpackages load when first used, so
``coordlab.models.bank_run`` pulls in neither matplotlib nor ipywidgets.

    >>> import coordlab
    >>> round(coordlab.models.bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=2).c1, 4)
    1.1596
"""

from __future__ import annotations

import importlib
from types import ModuleType

__version__ = "0.1.0"

_SUBMODULES = ("models", "plotting", "labs", "exercises", "course", "doctor")
__all__ = ["__version__", *_SUBMODULES]


def __getattr__(name: str) -> ModuleType:
    if name in _SUBMODULES:
        module = importlib.import_module(f"coordlab.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'coordlab' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
