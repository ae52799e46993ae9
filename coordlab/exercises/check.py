"""The two kinds of exercise check and the registry that holds them.

A numeric exercise states the precision it wants (``decimals``) and the unit of
its answer (``unit``). The check accepts exactly the answers that round to the
expected value at that precision, and it recognises, for every exercise without
code of its own, the slips learners make most: a percentage for a fraction
(x100), basis points (x10^4), units for millions (x10^6), each of those the
other way round, and the wrong sign. Each earns a message that names the slip
and never the number.
"""

from __future__ import annotations

import copy
import decimal
import inspect
import json
import math
import numbers
import os
import re
import signal
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from coordlab import _validate as v

__all__ = [
    "Feedback",
    "Numeric",
    "Choice",
    "Function",
    "check",
    "exercise",
    "REGISTRY",
    "normalise",
    "SLIPS",
    "load_all",
    "rounded",
    "unit_kind",
]

MAX_MESSAGE = 400  # characters: a verdict, a hint and the value shown


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


# The slips every numeric check recognises: the factor between the answer given and the
# right one, and what it most likely means for an answer in each kind of unit.
SLIPS: tuple[tuple[float, str], ...] = (
    (100.0, "x100"),
    (0.01, "/100"),
    (1e4, "x10^4"),
    (1e-4, "/10^4"),
    (1e6, "x10^6"),
    (1e-6, "/10^6"),
)


@v.params(unit=v.Text(min_len=0, max_len=200))
def unit_kind(unit: str) -> str:
    """The kind of an exercise's unit: ``"fraction"``, ``"percent"``, ``"bps"``... (the slips it can diagnose)."""
    u = unit.lower()
    if u in ("fraction", "share", "probability") or u.startswith("fraction"):
        return "fraction"
    if u.startswith("percent") or u == "%":
        return "percent"
    if u.startswith("bps") or u.startswith("basis point"):
        return "bps"
    if "million" in u:
        return "millions"
    return "other"


def _slip_message(factor: float, kind: str, unit: str) -> str:
    """What a learner most likely did when their answer is ``factor`` times the right one."""
    asked = "a fraction" if unit.lower().startswith("fraction") else f"a {unit.lower()} as a fraction"
    specific = {
        (100.0, "fraction"): f"That looks like a percentage: the question asks for {asked} (0.05 for 5%).",
        (1e4, "fraction"): f"That looks like basis points: the question asks for {asked} (0.0001 for 1 bp).",
        (0.01, "percent"): "That looks like a fraction: the question asks for a percentage (5 for 5%).",
        (100.0, "bps"): "That looks like hundredths of a basis point: the question asks in basis points (100 for 1%).",
        (0.01, "bps"): "That looks like a percentage: the question asks in basis points (100 for 1%).",
        (1e-4, "bps"): "That looks like a fraction: the question asks in basis points (100 for 0.01).",
        (1e6, "millions"): "That looks like a count of units: the question asks in millions (2.5 for 2,500,000).",
        (1e-6, "other"): "That looks like millions: the question asks in units, not millions (2,500,000, not 2.5).",
        (1e-4, "other"): "That looks like a fraction where basis points or a percentage were meant, or the reverse.",
    }
    if (factor, kind) in specific:
        return specific[(factor, kind)]
    power = {
        100.0: "100 times",
        0.01: "a hundredth of",
        1e4: "10,000 times",
        1e-4: "a ten-thousandth of",
        1e6: "a million times",
        1e-6: "a millionth of",
    }[factor]
    units = f" (the question asks for {unit})" if unit else ""
    return f"That is {power} the answer: check the units{units}, a percentage, basis points or millions."


def _precision_phrase(decimals: int) -> str:
    if decimals > 1:
        return f"to {decimals} decimal places"
    if decimals == 1:
        return "to 1 decimal place"
    if decimals == 0:
        return "to the nearest whole number"
    return f"to the nearest {10**-decimals:,}"


def _as_number(value) -> tuple[float | None, str | None]:
    """The learner's answer as a float, or why it is not one (a message)."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            return None, f"Expected a finite number, got {_shown(value)}."
        x = float(value)  # a Decimal beyond a float's range becomes inf here, without raising
        if not math.isfinite(x):
            return None, f"Expected a finite number, got {_shown(value)}."
        return x, None
    if isinstance(value, str):
        try:
            float(value.replace(",", "").replace("%", "").strip())
        except ValueError:
            return None, f"Expected a number, got {_shown(value)}."
        return None, f"Expected a number, got the text {_shown(value)}: write the number without quotes."
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None, f"Expected a number, got {_shown(value)}."
    try:
        x = float(value)
    except Exception:  # noqa: BLE001 - 10**400, or a __float__ that fails or returns something odd
        return None, f"Expected a finite number, got {_shown(value)}."
    if not isinstance(x, float) or not math.isfinite(x):
        return None, f"Expected a finite number, got {_shown(value)}."
    return x, None


@v.params(x=v.Real(), decimals=v.Integer(-9, 15))
def rounded(x: float, decimals: int) -> decimal.Decimal:
    """``x`` as it is written (its shortest repr), rounded half up to ``decimals`` places."""
    with decimal.localcontext() as ctx:
        ctx.prec = 800
        return decimal.Decimal(repr(x)).quantize(decimal.Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP)


def _significant(x: float) -> int:
    digits = decimal.Decimal(repr(x)).normalize().as_tuple().digits
    return len(digits)


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
    decimals : int
        The precision the question asks for, in decimal places (0: a whole
        number; -1: the nearest ten). An answer is right exactly when it rounds
        (half up) to the expected value rounded to that many places. The
        question's text states it (``asks``).
    unit : str
        What the answer is measured in, as the question says it: ``"fraction"``,
        ``"percent"``, ``"bps"``, ``"million USD"``, ``"USD per ETH"``,
        ``"seconds"``... Unit slips are diagnosed from it.
    close_tol : float or None
        Relative error counted as close (None: no "close" verdict, for a count
        or an exact boundary, where a near miss is simply wrong).
    close_hint : str
        Shown for a close answer that is not a coarser rounding of the right one.
    traps : tuple of (callable, str)
        Known wrong answers (computed, like ``answer``) and the hint each earns:
        the mistake a learner most likely made.
    coincidences : tuple of (str, str)
        Numbers written above the exercise that equal its answer by coincidence (a
        notebook's number, a count of players) and why each does not give it away;
        the structure test accepts only these (see :mod:`coordlab.exercises.audit`).
    """

    key: str
    answer: Callable[[], float]
    hint: str
    decimals: int = 2
    unit: str = ""
    close_tol: float | None = 5e-2
    close_hint: str = "One step is slightly off: go through the calculation again."
    traps: tuple = field(default=())
    coincidences: tuple = field(default=())

    def __post_init__(self):
        v.integer("decimals", self.decimals, low=-9, high=12)
        if self.close_tol is not None:
            v.real("close_tol", self.close_tol, low=1e-4, high=0.5)
        if not isinstance(self.unit, str) or not isinstance(self.hint, str) or not isinstance(self.close_hint, str):
            raise TypeError(f"unit, hint and close_hint of exercise {self.key!r} must be strings")

    @property
    def asks(self) -> str:
        """How precise the answer must be, as the question says it: ``"to 3 decimal places"``."""
        return _precision_phrase(self.decimals)

    @v.params(value=v.Checked("any answer: every value gets a verdict"))
    def check(self, value) -> Feedback:
        if value is None:
            return _missing()
        x, problem = _as_number(value)
        if problem is not None:
            return Feedback("wrong", problem)
        want = float(self.answer())
        if rounded(x, self.decimals) == rounded(want, self.decimals):
            return Feedback("right", "Right.")
        for trap, trap_hint in self.traps:
            t = float(trap())
            if self._matches(x, t):
                return Feedback("wrong", f"Not yet. {trap_hint}")
        slip = self._slip(x, want)
        if slip:
            return Feedback("wrong", f"Not yet. {slip}")
        if self.close_tol is not None and (
            abs(x - want) <= self.close_tol * abs(want) or (want == 0 and abs(x) <= 10.0**-self.decimals)
        ):
            if (
                any(x == float(rounded(want, d)) for d in range(self.decimals - 3, self.decimals))
                and _significant(x) >= 2
            ):
                return Feedback("close", f"Close: you rounded too early. Give the answer {self.asks}.")
            return Feedback(
                "close",
                f"Close (within {_percent(self.close_tol)} of the answer) but it does not round "
                f"to it {self.asks}. {self.close_hint}",
            )
        return Feedback("wrong", f"Not yet. {self.hint}")

    def _matches(self, x: float, target: float) -> bool:
        """``x`` is ``target`` at the precision asked (or within a tenth of the close tolerance of it)."""
        if rounded(x, self.decimals) == rounded(target, self.decimals):
            return True
        return abs(x - target) <= 0.1 * self._slack() * abs(target)

    def _slack(self) -> float:
        """The relative distance within which a trap or a slip is recognised."""
        return 0.05 if self.close_tol is None else self.close_tol

    def _slip(self, x: float, want: float) -> str | None:
        if want == 0:
            return None
        kind = unit_kind(self.unit)
        if self._matches(x, -want):
            return "Right size, wrong sign: think about which way it moves."
        for factor, _ in SLIPS:
            for sign in (1.0, -1.0):
                target = sign * factor * want
                if abs(x - target) <= self._slack() * abs(target):
                    message = _slip_message(factor, kind, self.unit)
                    return message if sign > 0 else message + " The sign is wrong too."
        return None


def _percent(tol: float) -> str:
    """A relative tolerance with its meaningful digits: 0.05 -> '5%', 0.002 -> '0.2%'."""
    return f"{100 * tol:.2g}%"


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})


@v.params(text=v.Text(min_len=0, max_len=10**6))
def normalise(text: str) -> str:
    """A text answer compared without case, spacing, punctuation or a plural ``s``.

    >>> normalise("  Prisoners’ dilemma! "), normalise("prisoner's-Dilemma")
    ('prisoner dilemma', 'prisoner dilemma')
    """
    t = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    t = t.replace("'", "")
    t = re.sub(r"[^\w\s]|_", " ", t)
    words = [w[:-1] if len(w) >= 4 and w.endswith("s") and not w.endswith("ss") else w for w in t.split()]
    return " ".join(words)


@dataclass(frozen=True)
class Choice:
    """An exercise whose answer is one of a few options.

    ``answer`` computes the right option; ``hints`` maps each wrong option to
    its hint. Answers are compared by :func:`normalise` (case, spaces,
    punctuation, straight or curly apostrophes and a plural ``s`` do not matter).
    """

    key: str
    options: tuple[str, ...]
    answer: Callable[[], str]
    hints: dict

    def __post_init__(self):
        forms = [normalise(o) for o in self.options]
        if len(set(forms)) != len(forms):
            raise ValueError(f"options of exercise {self.key!r} must differ once normalised, got {forms}")

    @v.params(value=v.Checked("any answer: every value gets a verdict"))
    def check(self, value) -> Feedback:
        if value is None:
            return _missing()
        listed = ", ".join(repr(o) for o in self.options)
        given = normalise(value) if isinstance(value, str) and len(value) <= 200 else None
        chosen = next((o for o in self.options if normalise(o) == given), None)
        if chosen is None:
            return Feedback("wrong", f"Answer with one of {listed}; got {_shown(value)}.")
        if chosen == self.answer():
            return Feedback("right", "Right.")
        return Feedback("wrong", f"Not yet. {self.hints.get(chosen, 'Look again at the definition.')}")


class _TimeUp(Exception):
    """Raised inside a learner's function when it runs past its time limit."""


@dataclass(frozen=True)
class Function:
    """A write-it-yourself exercise: the learner writes a function for a model's core step.

    ``check`` calls the learner's function, in their own kernel, on ``cases`` they do not
    see, each with a time limit, catching whatever it raises, and compares each result
    with ``reference`` (coordlab's version, never shown). The feedback names the first
    case that fails, its inputs and what was expected for it, and how many passed.

    Attributes
    ----------
    key : str
        Its id, ``"NN.k"``.
    signature : str
        The function the question asks for, as the learner writes its first line:
        ``"gate(updated_at, now, grace)"``.
    reference : callable
        The expected result for a case (called with the case's arguments).
    cases : callable
        Returns the cases, a list of tuples of arguments (positional, in the
        signature's order).
    describe : callable
        Names a case in words for the feedback: ``describe(*args) -> str``.
    hint : str
        Shown with the first failing case: what to look at again, never the code.
    rel_tol, abs_tol : float
        How near a numeric result must be to the expected one.
    time_limit : float
        Seconds allowed for each call.
    """

    key: str
    signature: str
    reference: Callable
    cases: Callable[[], list]
    describe: Callable[..., str]
    hint: str
    rel_tol: float = 1e-9
    abs_tol: float = 1e-12
    time_limit: float = 2.0

    @v.params(value=v.Checked("any answer: every value gets a verdict"))
    def check(self, value) -> Feedback:
        if value is None:
            return _missing()
        if not callable(value) or isinstance(value, type):
            return Feedback(
                "wrong",
                f"Expected a function, {self.signature}; got {_shown(value)}. "
                "Pass the function itself, without calling it (no brackets).",
            )
        cases = list(self.cases())
        for n, args in enumerate(cases, start=1):
            want = self.reference(*args)
            where = f"Case {n} of {len(cases)} ({self.describe(*args)})"
            try:
                got = _call_with_limit(value, copy.deepcopy(args), self.time_limit)
            except _TimeUp:
                return Feedback(
                    "wrong", f"{where}: your function took longer than {self.time_limit:g} s (a loop that never ends?)."
                )
            except TypeError as error:
                if _wrong_arity(value, len(args)):
                    return Feedback("wrong", f"Your function must take {len(args)} arguments: {self.signature}.")
                return Feedback("wrong", f"{where}: your function raised TypeError: {_short(error)}. {self.hint}")
            except (Exception, SystemExit) as error:  # noqa: BLE001 - whatever the learner's code raises
                return Feedback(
                    "wrong", f"{where}: your function raised {type(error).__name__}: {_short(error)}. {self.hint}"
                )
            if got is None and n == 1:  # the cell's skeleton: a body of `...`
                return Feedback(
                    "missing",
                    "Not written yet: write the body of your function (it returns None) and run the cell again.",
                )
            problem = self._compare(got, want)
            if problem:
                return Feedback("wrong", f"{where}: {problem}. {n - 1} of {len(cases)} cases passed. {self.hint}")
        return Feedback("right", f"Right: all {len(cases)} cases pass.")

    def _compare(self, got, want) -> str | None:
        if isinstance(want, (list, tuple, np.ndarray)):
            wants = list(np.asarray(want, dtype=float))
            if not isinstance(got, (list, tuple, np.ndarray)) or np.ndim(got) != 1:
                return f"expected a list of {len(wants)} numbers, your function returned {_shown(got)}"
            gots = list(got)
            if len(gots) != len(wants):
                return f"expected a list of {len(wants)} numbers, your function returned {len(gots)}"
            for i, (g, w) in enumerate(zip(gots, wants)):
                problem = self._compare(g, w)
                if problem:
                    return f"item {i + 1} of {len(wants)}: {problem}"
            return None
        if isinstance(want, (bool, np.bool_)):
            if not isinstance(got, (bool, np.bool_)):
                return f"expected True or False, your function returned {_shown(got)}"
            return None if bool(got) == bool(want) else f"expected {bool(want)}, your function returned {bool(got)}"
        x, problem = _as_number(got)
        if problem is not None:
            return f"expected a number ({_fmt(want)}), your function returned {_shown(got)}"
        if math.isclose(x, float(want), rel_tol=self.rel_tol, abs_tol=self.abs_tol):
            return None
        return f"expected {_fmt(want)}, your function returned {_fmt(x)}"


def _fmt(x) -> str:
    """A number for a message: up to 10 significant digits, so every CPU prints it alike."""
    return f"{float(x):.10g}"


def _short(error: BaseException) -> str:
    text = str(error)
    return text if len(text) <= 120 else text[:117] + "..."


def _wrong_arity(function, n: int) -> bool:
    try:
        inspect.signature(function).bind(*range(n))
    except TypeError:
        return True
    except ValueError:  # a builtin without a signature
        return False
    return False


def _call_with_limit(function, args, seconds: float):
    """``function(*args)``, interrupted after ``seconds`` where the platform allows (a kernel's main thread)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        return function(*args)

    def time_up(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    start = time.monotonic()
    try:
        return function(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's timer was running: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - start), 1e-3))


def _shown(value) -> str:
    """A learner's answer, shown in a message at most 60 characters long whatever it is."""
    return v.describe(value)


def _missing() -> Feedback:
    return Feedback("missing", "Not answered yet: replace None with your answer and run the cell again.")


REGISTRY: dict[str, Numeric | Choice | Function] = {}


@v.params(item=v.Instance(Numeric, Choice, Function, what="a Numeric, Choice or Function exercise"))
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
    >>> check("00.1", 60)
    Not yet. That looks like a percentage: the question asks for a probability as a fraction (0.05 for 5%).
    >>> check("99.9", 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: key must be one of the exercise ids '00.1', ...; got str '99.9'
    """
    load_all()
    if not isinstance(key, str) or key not in REGISTRY:
        known = sorted(REGISTRY)
        same = [k for k in known if isinstance(key, str) and k[:3] == key[:3]]  # that notebook's exercises
        listed = ", ".join(repr(k) for k in same) if same else f"{known[0]!r}, ..., {known[-1]!r}"
        raise ValueError(f"key must be one of the exercise ids {listed}; got {_shown(key)}")
    feedback = REGISTRY[key].check(answer)
    if len(feedback.message) > MAX_MESSAGE:  # a hint is authored text: never more than a short paragraph
        feedback = Feedback(feedback.verdict, feedback.message[: MAX_MESSAGE - 3] + "...")
    _record(key, feedback)
    return feedback


def _record(key: str, feedback: Feedback) -> None:
    """When a grader runs the notebook (``tools/grade.py`` sets ``COORDLAB_GRADEBOOK`` to a file), note the verdict."""
    path = os.environ.get("COORDLAB_GRADEBOOK")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"key": key, "verdict": feedback.verdict}) + "\n")


@v.params()
def load_all() -> None:
    """Import every ``coordlab.exercises.nbNN`` module (each registers its exercises)."""
    import importlib
    import pkgutil

    import coordlab.exercises as package

    for info in pkgutil.iter_modules(package.__path__):
        if re.fullmatch(r"nb\d\d", info.name):
            importlib.import_module(f"coordlab.exercises.{info.name}")
