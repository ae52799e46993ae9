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
import functools
import hashlib
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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

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
    "Variant",
    "variant",
    "variant_params",
    "variant_seed",
    "student_key",
    "use_variant",
    "active_variant",
    "draw",
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


def _as_number(value: Any) -> tuple[float | None, str | None]:
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
    """``x`` as it is written (its shortest repr), rounded half up to ``decimals`` places.

    Parameters
    ----------
    x : float
        The number to round: a learner's answer or an exercise's expected value.
    decimals : int
        Decimal places to keep (0: a whole number; -1: the nearest ten).

    >>> rounded(0.125, 2), rounded(1234.5, -1)
    (Decimal('0.13'), Decimal('1.23E+3'))
    """
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
    vary : callable or None
        The instructor's variant mode: ``vary(rng)`` draws new values for some of the
        exercise's parameters (a dict) from a numpy ``Generator``, within a range where
        the question still makes sense. The parameters are the keyword arguments of
        ``answer`` with their defaults (``params``): the values the notebook's question
        states, so ``answer()`` is today's exercise exactly. ``answer`` and each trap are
        called with the parameters they name. A draw whose answer sits near a rounding
        tie, or where a trap or a unit slip would not be told apart from the answer, is
        drawn again (:meth:`fits`).
    """

    key: str
    answer: Callable[..., Any]
    hint: str
    decimals: int = 2
    unit: str = ""
    close_tol: float | None = 5e-2
    close_hint: str = "One step is slightly off: go through the calculation again."
    traps: tuple = field(default=())
    coincidences: tuple = field(default=())
    vary: Callable[[np.random.Generator], dict[str, float]] | None = None

    def __post_init__(self) -> None:
        v.integer("decimals", self.decimals, low=-9, high=12)
        if self.close_tol is not None:
            v.real("close_tol", self.close_tol, low=1e-4, high=0.5)
        if not isinstance(self.unit, str) or not isinstance(self.hint, str) or not isinstance(self.close_hint, str):
            raise TypeError(f"unit, hint and close_hint of exercise {self.key!r} must be strings")
        if self.vary is not None and not self.params:
            raise ValueError(f"exercise {self.key!r} has vary but its answer takes no parameters with defaults")

    @property
    def params(self) -> dict[str, float]:
        """The exercise's parameters with the values the notebook's question states (``answer``'s defaults)."""
        return _defaults(self.answer)

    def _params(self, variant_params: Mapping[str, float] | None) -> dict[str, float]:
        """``variant_params`` over the defaults, refused when it names a parameter the exercise does not have."""
        defaults = self.params
        if variant_params is None:
            return defaults
        if not isinstance(variant_params, Mapping):
            raise TypeError(
                f"variant_params must be a dict of the exercise's parameters or None, got {_shown(variant_params)}"
            )
        unknown = sorted(str(k) for k in variant_params if k not in defaults)
        if unknown:
            raise ValueError(
                f"variant_params of exercise {self.key!r} may only set {sorted(defaults)}; got unknown {unknown}"
            )
        out = dict(defaults)
        for name, value in variant_params.items():
            out[name] = v.real(f"variant_params[{name!r}]", value)
        return out

    @v.params(
        variant_params=v.Checked(
            "None or a dict of the exercise's parameters (a variant)", refused=(3.0, "p", {"?": 1.0})
        )
    )
    def expected(self, variant_params: Mapping[str, float] | None = None) -> float:
        """The right answer for a variant's parameters (``variant_params``; None: the question's own)."""
        return float(_call(self.answer, self._params(variant_params)))

    @v.params(
        variant_params=v.Checked(
            "None or a dict of the exercise's parameters (a variant)", refused=(3.0, "p", {"?": 1.0})
        )
    )
    def trap_values(self, variant_params: Mapping[str, float] | None = None) -> list[float]:
        """Each trap's value for a variant's parameters (``variant_params``; None: the question's own), in order."""
        p = self._params(variant_params)
        return [float(_call(trap, p)) for trap, _ in self.traps]

    @v.params(
        variant_params=v.Checked(
            "None or a dict of the exercise's parameters (a variant)", refused=(3.0, "p", {"?": 1.0})
        )
    )
    def fits(self, variant_params: Mapping[str, float] | None) -> bool:
        """Whether a variant is fair: its answer finite and off a rounding tie (a thousandth of the last place),
        each trap finite and told apart (it earns its own hint, never "right"), and every unit slip named."""
        p = self._params(variant_params)
        return _fits(self, tuple(sorted(p.items())))

    def _fair(self, params: dict[str, float]) -> bool:
        try:
            want = float(_call(self.answer, params))
            traps = [float(_call(trap, params)) for trap, _ in self.traps]
        except (ArithmeticError, ValueError):
            return False
        if not math.isfinite(want) or not all(math.isfinite(t) for t in traps):
            return False
        scaled = abs(want) * 10.0**self.decimals
        if abs(scaled - math.floor(scaled) - 0.5) < 1e-3:
            return False
        if self._judge(want, want, traps).verdict != "right":
            return False
        for t, (_, trap_hint) in zip(traps, self.traps):
            fb = self._judge(t, want, traps)
            if fb.verdict != "wrong" or trap_hint not in fb.message:
                return False
        for factor in [f for f, _ in SLIPS] + [-1.0]:
            if want != 0 and self._judge(factor * want, want, traps).verdict != "wrong":
                return False
        return True

    @property
    def asks(self) -> str:
        """How precise the answer must be, as the question says it: ``"to 3 decimal places"``."""
        return _precision_phrase(self.decimals)

    @v.params(
        value=v.Checked("any answer: every value gets a verdict"),
        variant_params=v.Checked(
            "None or a dict of the exercise's parameters (a variant)", refused=(3.0, "p", {"?": 1.0})
        ),
    )
    def check(self, value: Any, variant_params: Mapping[str, float] | None = None) -> Feedback:
        """The verdict on ``value`` for the question's parameters, or for a variant's (``variant_params``, as
        :func:`variant_params` draws them)."""
        p = self._params(variant_params)
        if value is None:
            return _missing()
        x, problem = _as_number(value)
        if problem is not None or x is None:
            return Feedback("wrong", problem or f"Expected a number, got {_shown(value)}.")
        want = float(_call(self.answer, p))
        return self._judge(x, want, lambda: [float(_call(trap, p)) for trap, _ in self.traps])

    def _judge(self, x: float, want: float, traps: list[float] | Callable[[], list[float]]) -> Feedback:
        """The verdict on the number ``x`` when the answer is ``want`` and the traps' values are ``traps`` (a list,
        or a callable computing it only when needed)."""
        if rounded(x, self.decimals) == rounded(want, self.decimals):
            return Feedback("right", "Right.")
        values = traps() if callable(traps) else traps
        for t, (_, trap_hint) in zip(values, self.traps):
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


@functools.lru_cache(maxsize=4096)
def _fits(ex: Numeric, items: tuple[tuple[str, float], ...]) -> bool:
    """:meth:`Numeric.fits`, remembered: a class's variants come from a small grid, and some answers search a model."""
    return ex._fair(dict(items))  # noqa: SLF001 - the method's own cache


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

    def __post_init__(self) -> None:
        forms = [normalise(o) for o in self.options]
        if len(set(forms)) != len(forms):
            raise ValueError(f"options of exercise {self.key!r} must differ once normalised, got {forms}")

    @v.params(value=v.Checked("any answer: every value gets a verdict"))
    def check(self, value: Any) -> Feedback:
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
    def check(self, value: Any) -> Feedback:
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

    def _compare(self, got: Any, want: Any) -> str | None:
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
        if problem is not None or x is None:
            return f"expected a number ({_fmt(want)}), your function returned {_shown(got)}"
        if math.isclose(x, float(want), rel_tol=self.rel_tol, abs_tol=self.abs_tol):
            return None
        return f"expected {_fmt(want)}, your function returned {_fmt(x)}"


def _fmt(x: float) -> str:
    """A number for a message: up to 10 significant digits, so every CPU prints it alike."""
    return f"{float(x):.10g}"


def _short(error: BaseException) -> str:
    text = str(error)
    return text if len(text) <= 120 else text[:117] + "..."


def _wrong_arity(function: Callable[..., Any], n: int) -> bool:
    try:
        inspect.signature(function).bind(*range(n))
    except TypeError:
        return True
    except ValueError:  # a builtin without a signature
        return False
    return False


def _call_with_limit(function: Callable[..., Any], args: tuple | list, seconds: float) -> Any:
    """``function(*args)``, interrupted after ``seconds`` where the platform allows (a kernel's main thread)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        return function(*args)

    def time_up(signum: int, frame: object) -> None:
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


def _shown(value: Any) -> str:
    """A learner's answer, shown in a message at most 60 characters long whatever it is."""
    return v.describe(value)


def _missing() -> Feedback:
    return Feedback("missing", "Not answered yet: replace None with your answer and run the cell again.")


def _defaults(function: Callable[..., Any]) -> dict[str, float]:
    """The keyword parameters of ``function`` that have defaults, with them (an exercise's parameters)."""
    try:
        sig = inspect.signature(function)
    except (TypeError, ValueError):
        return {}
    return {n: p.default for n, p in sig.parameters.items() if p.default is not inspect.Parameter.empty}


def _call(function: Callable[..., Any], params: Mapping[str, float]) -> Any:
    """``function`` called with the parameters it names (a trap may use only some of them, or none)."""
    names = _defaults(function)
    return function(**{n: params[n] for n in names if n in params})


# ---------------------------------------------------------------------------------------------------------------
# The instructor's variant mode: the same exercise with seeded parameters per student.
# ---------------------------------------------------------------------------------------------------------------

_VARIANT: list[tuple[str, int] | None] = [None]  # set by use_variant() in a learner's kernel
MAX_DRAWS = 200  # draws of a variant before giving up (a vary() whose range holds no fair variant)


@v.params(student=v.Text(min_len=1, max_len=200))
def student_key(student: str) -> str:
    """A student's id as variants use it: Unicode-normalised, case-folded, inner spaces collapsed.

    >>> student_key("  Ada   LOVELACE ")
    'ada lovelace'
    """
    return " ".join(unicodedata.normalize("NFKC", student).casefold().split())


@v.params(course_seed=v.Seed(), student=v.Text(min_len=1, max_len=200), key=v.Text(min_len=1, max_len=20))
def variant_seed(course_seed: int, student: str, key: str) -> int:
    """The seed of one student's variant of one exercise: a stable hash (SHA-256) of the course's seed, the
    student's id (:func:`student_key`) and the exercise id, the same on every machine and every Python.

    >>> variant_seed(2026, "Ada Lovelace", "07.1") == variant_seed(2026, " ada lovelace", "07.1")
    True
    >>> variant_seed(2026, "ada", "07.1") != variant_seed(2027, "ada", "07.1")
    True
    """
    text = f"{course_seed}\x1f{student_key(student)}\x1f{key}".encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big")


@v.params(
    rng=v.Instance(np.random.Generator),
    low=v.Real(-1e12, 1e12),
    high=v.Real(-1e12, 1e12),
    spacing=v.Real(1e-6, 1e12),
)
def draw(rng: np.random.Generator, low: float, high: float, spacing: float) -> float:
    """A value from ``low`` to ``high`` on a grid of ``spacing``, uniformly: short to print and to type.

    Parameters
    ----------
    rng : numpy.random.Generator
        The generator to draw with.
    low, high : float
        The range, both ends included, in [-1e12, 1e12], with ``low <= high``.
    spacing : float
        Spacing of the grid of values drawn (``low``, ``low + spacing``, ...), in [1e-6, 1e12].

    Examples
    --------
    >>> draw(np.random.default_rng(1), 0.25, 0.5, 0.01)
    0.37
    """
    if high < low:
        raise ValueError(f"high must be at least low, got low={low!r}, high={high!r}")
    n = int(math.floor((high - low) / spacing + 1e-9))
    value = low + spacing * int(rng.integers(0, n + 1))
    return float(round(value, max(0, -math.floor(math.log10(spacing)) + 2)))


@v.params(key=v.Text(min_len=1, max_len=20), student=v.Text(min_len=1, max_len=200), course_seed=v.Seed())
def variant_params(key: str, student: str, course_seed: int) -> dict[str, float]:
    """The parameters of ``student``'s variant of exercise ``key`` (the question's own if it has no variants).

    The draws come from a generator seeded by :func:`variant_seed`; a draw that :meth:`Numeric.fits` refuses
    (an answer on a rounding tie, a trap not told apart) is drawn again, so the result is still determined by
    the seed, the student and the exercise alone.

    >>> variant_params("07.1", "ada", 2026) == variant_params("07.1", "Ada", 2026)
    True
    >>> variant_params("00.1", "ada", 2026)
    {}
    """
    ex = _exercise(key)
    if not isinstance(ex, Numeric) or ex.vary is None:
        return ex.params if isinstance(ex, Numeric) else {}
    rng = np.random.default_rng(variant_seed(course_seed, student, key))
    for _ in range(MAX_DRAWS):
        params = {**ex.params, **ex.vary(rng)}
        if ex.fits(params):
            return params
    raise RuntimeError(f"exercise {key!r}: no fair variant in {MAX_DRAWS} draws; widen its vary() range")


@v.params(
    student=v.Checked("None, or a student's id: a string of 1 to 200 characters", refused=(3, b"ada", "", " ")),
    course_seed=v.Optional(v.Seed()),
)
def use_variant(student: str | None, course_seed: int | None = None) -> None:
    """Check this kernel's answers against ``student``'s variants (the course's seed from the instructor);
    ``use_variant(None)`` goes back to the questions as written.

    When the gradebook runs a notebook it sets the student and the seed itself
    (``COORDLAB_STUDENT``, ``COORDLAB_VARIANT_SEED``), and those win over a call here.
    """
    if student is None:
        _VARIANT[0] = None
        return
    student = v.Text(min_len=1, max_len=200).check("student", student)
    if course_seed is None:
        raise ValueError("course_seed must be given with a student (the seed your instructor gave), got None")
    _VARIANT[0] = (student, course_seed)


@v.params()
def active_variant() -> tuple[str, int] | None:
    """The (student, course seed) the checks use now, or None for the questions as written.

    The gradebook's environment (``COORDLAB_GRADEBOOK`` with ``COORDLAB_STUDENT`` and ``COORDLAB_VARIANT_SEED``)
    comes first, then :func:`use_variant`, then those two variables alone (a hub may set them per student).
    """
    student = os.environ.get("COORDLAB_STUDENT", "").strip()
    seed = os.environ.get("COORDLAB_VARIANT_SEED", "").strip()
    from_env = None
    if student and seed:
        try:
            from_env = (student, int(seed))
        except ValueError:
            raise ValueError(f"COORDLAB_VARIANT_SEED must be a whole number, got {seed!r}") from None
    if from_env is not None and os.environ.get("COORDLAB_GRADEBOOK"):
        return from_env
    return _VARIANT[0] if _VARIANT[0] is not None else from_env


def _format_param(x: float) -> str:
    if isinstance(x, (int, np.integer)) or (isinstance(x, float) and x.is_integer() and abs(x) < 1e15):
        return str(int(x))
    return repr(float(x))


@dataclass(frozen=True)
class Variant:
    """One student's variant of one exercise: what a notebook cell shows them (``variant("07.1")``)."""

    key: str
    student: str | None
    params: dict[str, float]
    defaults: dict[str, float]

    @property
    def changed(self) -> dict[str, float]:
        """The parameters that differ from the question's."""
        return {k: x for k, x in self.params.items() if self.defaults.get(k) != x}

    def __repr__(self) -> str:
        shown = ", ".join(f"{k} = {_format_param(x)}" for k, x in self.params.items())
        if self.student is None:
            return f"Exercise {self.key}: no variant set; use the values the question states ({shown})."
        if not self.defaults:
            return f"Exercise {self.key} has no variants: answer the question as written."
        return (
            f"Exercise {self.key}, the variant of student {self.student!r}: {shown}. "
            "Use these values in place of the question's; the check expects your variant's answer."
        )


@v.params(key=v.Checked("an exercise id, like '07.1'"))
def variant(key: str) -> Variant:
    """The parameters this kernel's checks use for exercise ``key``: a student's variant, or the question's.

    >>> use_variant(None); variant("07.1")
    Exercise 07.1: no variant set; use the values the question states (p = 0.35, b = 3).
    """
    ex = _exercise(key)
    defaults = ex.params if isinstance(ex, Numeric) and ex.vary is not None else {}
    active = active_variant()
    if active is None:
        return Variant(key, None, dict(defaults), dict(defaults))
    return Variant(key, active[0], variant_params(key, *active) if defaults else {}, dict(defaults))


def _exercise(key: object) -> Numeric | Choice | Function:
    load_all()
    if not isinstance(key, str) or key not in REGISTRY:
        known = sorted(REGISTRY)
        same = [k for k in known if isinstance(key, str) and k[:3] == key[:3]]  # that notebook's exercises
        listed = ", ".join(repr(k) for k in same) if same else f"{known[0]!r}, ..., {known[-1]!r}"
        raise ValueError(f"key must be one of the exercise ids {listed}; got {_shown(key)}")
    return REGISTRY[key]


REGISTRY: dict[str, Numeric | Choice | Function] = {}


@v.params(item=v.Instance(Numeric, Choice, Function, what="a Numeric, Choice or Function exercise"))
def exercise(item: Numeric | Choice | Function) -> Numeric | Choice | Function:
    """Register an exercise (used by the per-notebook modules)."""
    if not re.fullmatch(r"\d\d\.\d+", item.key):
        raise ValueError(f"item.key must look like '01.2' (notebook.exercise), got {item.key!r}")
    if item.key in REGISTRY and REGISTRY[item.key] is not item:
        raise ValueError(f"item.key {item.key!r} is already registered by another exercise")
    REGISTRY[item.key] = item
    return item


@v.params(key=v.Checked("an exercise id, like '01.2'"), answer=v.Checked("any answer: every value gets a verdict"))
def check(key: str, answer: Any) -> Feedback:
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
    ex = _exercise(key)
    active = active_variant()
    if isinstance(ex, Numeric) and ex.vary is not None and active is not None:
        feedback = ex.check(answer, variant_params(key, *active))
    else:
        active = None
        feedback = ex.check(answer)
    if len(feedback.message) > MAX_MESSAGE:  # a hint is authored text: never more than a short paragraph
        feedback = Feedback(feedback.verdict, feedback.message[: MAX_MESSAGE - 3] + "...")
    _record(key, feedback, active)
    return feedback


def _record(key: str, feedback: Feedback, active: tuple[str, int] | None = None) -> None:
    """When a grader runs the notebook (``tools/grade.py`` sets ``COORDLAB_GRADEBOOK`` to a file), note the verdict
    (and, for a variant, whose it was)."""
    path = os.environ.get("COORDLAB_GRADEBOOK")
    if path:
        item: dict[str, Any] = {"key": key, "verdict": feedback.verdict}
        if active is not None:
            item["variant"] = student_key(active[0])
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(item) + "\n")


@v.params()
def load_all() -> None:
    """Import every ``coordlab.exercises.nbNN`` module (each registers its exercises)."""
    import importlib
    import pkgutil

    import coordlab.exercises as package

    for info in pkgutil.iter_modules(package.__path__):
        if re.fullmatch(r"nb\d\d", info.name):
            importlib.import_module(f"coordlab.exercises.{info.name}")
