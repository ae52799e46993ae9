"""The two kinds of exercise check and the registry that holds them."""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass, field
from typing import Callable

from coordlab import _validate as v

__all__ = ["Feedback", "Numeric", "Choice", "check", "exercise", "REGISTRY"]


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``"right"``, ``"close"``, ``"wrong"`` or ``"missing"``."""

    verdict: str
    message: str

    @property
    def correct(self) -> bool:
        return self.verdict == "right"

    def __repr__(self) -> str:  # what a notebook cell shows
        return self.message


@dataclass(frozen=True)
class Numeric:
    """An exercise whose answer is a number.

    Attributes
    ----------
    key : str
        Its id, ``"NN.k"``.
    answer : callable
        Computes the expected value from the models (called at check time).
    hint : str
        Shown for a wrong answer: where to look, not what the number is.
    rel_tol : float
        Relative error accepted as right (answers are usually rounded).
    close_tol : float
        Relative error counted as close.
    close_hint : str
        Shown for a close answer.
    traps : tuple of (callable, str)
        Known wrong answers (computed, like ``answer``) and the hint each earns:
        the mistake a learner most likely made.
    """

    key: str
    answer: Callable[[], float]
    hint: str
    rel_tol: float = 5e-3
    close_tol: float = 5e-2
    close_hint: str = "Check your rounding and carry more decimals through the calculation."
    traps: tuple = field(default=())

    @v.params(value=v.Checked("any answer: every value gets a verdict"))
    def check(self, value) -> Feedback:
        if value is None:
            return _missing()
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return Feedback("wrong", f"Expected a number, got {_shown(value)}.")
        try:
            x = float(value)
        except (OverflowError, ValueError, TypeError, ArithmeticError):  # 10**400, or a __float__ that fails
            return Feedback("wrong", f"Expected a finite number, got {_shown(value)}.")
        if not math.isfinite(x):
            return Feedback("wrong", f"Expected a finite number, got {_shown(value)}.")
        want = float(self.answer())
        err = abs(x - want) / max(abs(want), 1e-12)
        if err <= self.rel_tol:
            return Feedback("right", "Right.")
        for trap, trap_hint in self.traps:
            t = float(trap())
            if abs(x - t) <= self.rel_tol * max(abs(t), 1e-12):
                return Feedback("wrong", f"Not yet. {trap_hint}")
        if err <= self.close_tol:
            return Feedback("close", f"Close (within {100 * self.close_tol:.0f}%). {self.close_hint}")
        return Feedback("wrong", f"Not yet. {self.hint}")


@dataclass(frozen=True)
class Choice:
    """An exercise whose answer is one of a few options (compared case-insensitively).

    ``answer`` computes the right option; ``hints`` maps each wrong option to
    its hint.
    """

    key: str
    options: tuple[str, ...]
    answer: Callable[[], str]
    hints: dict

    @v.params(value=v.Checked("any answer: every value gets a verdict"))
    def check(self, value) -> Feedback:
        if value is None:
            return _missing()
        listed = ", ".join(repr(o) for o in self.options)
        if not isinstance(value, str) or value.strip().lower() not in [o.lower() for o in self.options]:
            return Feedback("wrong", f"Answer with one of {listed}; got {_shown(value)}.")
        chosen = next(o for o in self.options if o.lower() == value.strip().lower())
        if chosen == self.answer():
            return Feedback("right", "Right.")
        return Feedback("wrong", f"Not yet. {self.hints.get(chosen, 'Look again at the definition.')}")


def _shown(value) -> str:
    """A learner's answer, shown in a message at most 60 characters long whatever it is."""
    return v.describe(value)


def _missing() -> Feedback:
    return Feedback("missing", "Not answered yet: replace None with your answer and run the cell again.")


REGISTRY: dict[str, Numeric | Choice] = {}


@v.params(item=v.Instance(Numeric, Choice, what="a Numeric or a Choice exercise"))
def exercise(item):
    """Register an exercise (used by the per-notebook modules)."""
    if not re.fullmatch(r"\d\d\.\d+", item.key):
        raise ValueError(f"item.key must look like '01.2' (notebook.exercise), got {item.key!r}")
    if item.key in REGISTRY and REGISTRY[item.key] is not item:
        raise ValueError(f"item.key {item.key!r} is already registered by another exercise")
    REGISTRY[item.key] = item
    return item


@v.params(key=v.Checked("an exercise id, like '01.2'"), answer=v.Checked("any answer: every value gets a verdict"))
def check(key: str, answer) -> Feedback:
    """Check ``answer`` to exercise ``key`` (like ``"01.2"``) and return the feedback.

    Raises
    ------
    ValueError
        If no exercise has that id.

    Examples
    --------
    >>> check("00.1", 0.6)
    Right.
    >>> check("00.1", 0.4).verdict
    'wrong'
    >>> check("99.9", 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: key must be one of the exercise ids '00.1', ...; got str '99.9'
    """
    _load()
    if not isinstance(key, str) or key not in REGISTRY:
        known = sorted(REGISTRY)
        same = [k for k in known if isinstance(key, str) and k[:3] == key[:3]]  # that notebook's exercises
        listed = ", ".join(repr(k) for k in same) if same else f"{known[0]!r}, ..., {known[-1]!r}"
        raise ValueError(f"key must be one of the exercise ids {listed}; got {_shown(key)}")
    return REGISTRY[key].check(answer)


def _load() -> None:
    """Import every ``coordlab.exercises.nbNN`` module (each registers its exercises)."""
    import importlib
    import pkgutil

    import coordlab.exercises as package

    for info in pkgutil.iter_modules(package.__path__):
        if re.fullmatch(r"nb\d\d", info.name):
            importlib.import_module(f"coordlab.exercises.{info.name}")
