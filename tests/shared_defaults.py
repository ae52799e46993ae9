"""Reading a model's default and a lab's starting value, for the tests that hold them to one named constant."""

from __future__ import annotations

import inspect
from typing import Any


def default(f: Any, name: str) -> Any:
    """The default of parameter ``name`` in the signature of ``f``."""
    return inspect.signature(f).parameters[name].default


def slider(cls: Any, name: str) -> Any:
    """The starting value of the control ``name`` of lab class ``cls``."""
    return {c.name: c.value for c in cls.controls}[name]
