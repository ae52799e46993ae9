"""Argument checks shared by every public function in ``coordlab``.

Each public function checks its arguments once, at the boundary, with these
helpers. They raise ``TypeError`` for a value of the wrong kind and
``ValueError`` for a value out of range, and the message always names the
parameter, shows the value given and says what is allowed::

    >>> real("gamma", float("nan"), low=0, low_open=True)
    Traceback (most recent call last):
    ...
    ValueError: gamma must be a finite number, got nan
    >>> probability("lam", 1.5)
    Traceback (most recent call last):
    ...
    ValueError: lam must be in [0, 1], got 1.5
    >>> real("R", "2")
    Traceback (most recent call last):
    ...
    TypeError: R must be a real number, got str '2'

Inside a function, after these checks, the code trusts its data.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import math
import numbers
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np

__all__ = [
    "describe",
    "items",
    "real",
    "probability",
    "integer",
    "choice",
    "real_matrix",
    "real_array",
    "boolean",
    "params",
    "declare",
    "Constraint",
    "Real",
    "Probability",
    "Integer",
    "Seed",
    "Boolean",
    "Choice",
    "Distinct",
    "RealArray",
    "WholeMultiple",
    "RealMatrix",
    "Optional",
    "Instance",
    "Text",
    "Checked",
]


def _describe(value: Any) -> str:
    """``type value`` for a message, short whatever the value (a 5,000-digit integer, a million-item list)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value).bit_length() > 200:
        return f"int of {int(abs(value).bit_length() * 0.30103) + 1} digits"
    try:
        text = _SHORT.repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails still gets a message
        text = "<unprintable>"
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _value(value: Any) -> str:
    """The value alone (no type), as short as ``_describe`` makes it: ``'deer'``, ``an integer of 401 digits``."""
    text = _describe(value)
    return "an integer of" + text[len("int of") :] if text.startswith("int of ") else text.split(" ", 1)[1]


def describe(value: Any) -> str:
    """How a value appears in an error message: its type and a repr of at most 60 characters.

    >>> describe(10**400), describe(list(range(10**6)))
    ('int of 401 digits', 'list [0, 1, 2, 3, 4, 5, 6, 7, ...]')
    """
    return _describe(value)


def _short_repr() -> reprlib.Repr:
    r = reprlib.Repr()
    r.maxlist = r.maxtuple = r.maxdict = r.maxset = 8
    r.maxstring = r.maxother = 50
    r.maxlevel = 3
    return r


_SHORT = _short_repr()


def _interval(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    left = "(" if low_open or low is None else "["  # an infinite end is never included
    right = ")" if high_open or high is None else "]"

    def text(x: float) -> str:  # integers exactly (a contract's 10**27 - 1 is not 1e+27)
        return str(x) if isinstance(x, int) and not isinstance(x, bool) else f"{x:g}"

    lo = "-inf" if low is None else text(low)
    hi = "inf" if high is None else text(high)
    return f"{left}{lo}, {hi}{right}"


def _scalar(value: Any) -> Any:
    """A 0-d numeric array (``np.array(0.5)``) stands for the number it holds."""
    if (
        isinstance(value, np.ndarray)
        and value.ndim == 0
        and value.dtype.kind in "iuf"
        and not np.ma.isMaskedArray(value)
    ):
        return value[()]
    return value


def _not_masked(name: str, value: Any) -> None:
    if np.ma.isMaskedArray(value) and np.ma.getmaskarray(value).any():
        raise TypeError(
            f"{name} must not have masked values (a masked array would be read with them); "
            f"pass value.compressed() or value.filled(...), got a masked array of shape {np.shape(value)}"
        )


def real(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a finite ``float`` inside the given interval.

    Parameters
    ----------
    name : str
        The parameter's name, as the caller's signature spells it.
    value : object
        What the caller passed. ``bool`` is refused (``True`` is not a number
        a learner means); numpy scalars are accepted.
    low, high : float or None
        Bounds of the allowed interval; ``None`` means unbounded.
    low_open, high_open : bool
        Whether the bound itself is excluded.

    Examples
    --------
    >>> real("c", 0.25, low=0, high=1, low_open=True, high_open=True)
    0.25
    >>> real("c", 1, low=0, high=1, low_open=True, high_open=True)
    Traceback (most recent call last):
    ...
    ValueError: c must be in (0, 1), got 1
    """
    if type(value) is float:  # the common case, without the ABC checks
        x = value
    else:
        value = _scalar(value)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a real number, got {_describe(value)}")
        try:
            x = float(value)
        except OverflowError:  # an integer beyond the largest float
            raise ValueError(f"{name} must be a finite number, got {_describe(value)}") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    too_low = low is not None and (x < low or (low_open and x == low))
    too_high = high is not None and (x > high or (high_open and x == high))
    if too_low or too_high:
        raise ValueError(f"{name} must be in {_interval(low, high, low_open, high_open)}, got {value!r}")
    return x


def probability(name: str, value: Any, *, low_open: bool = False, high_open: bool = False) -> float:
    """Return ``value`` as a float in [0, 1] (ends optionally excluded).

    Examples
    --------
    >>> probability("f", 0.3)
    0.3
    """
    return real(name, value, low=0.0, high=1.0, low_open=low_open, high_open=high_open)


def integer(name: str, value: Any, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an ``int`` in ``[low, high]``.

    Examples
    --------
    >>> integer("n", 3, low=1)
    3
    >>> integer("n", 2.0, low=1)
    Traceback (most recent call last):
    ...
    TypeError: n must be an integer, got float 2.0
    """
    if type(value) is int:  # the common case, without the ABC checks (bool is its own type)
        n = value
    else:
        value = _scalar(value)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be an integer, got {_describe(value)}")
        n = int(value)
    if (low is not None and n < low) or (high is not None and n > high):
        raise ValueError(f"{name} must be in {_interval(low, high, False, False)}, got {_value(n)}")
    return n


def items(name: str, value: Any, what: str) -> list[Any]:
    """``value`` (any iterable but a string) as a list; ``what`` says what it must be, for the message.

    >>> items("players", ("a", "b"), "a list of names")
    ['a', 'b']
    >>> items("players", 3, "a list of names")
    Traceback (most recent call last):
    ...
    TypeError: players must be a list of names, got int
    """
    bad = TypeError(f"{name} must be {what}, got {type(value).__name__}")
    if isinstance(value, (str, bytes)):
        raise bad
    try:
        return list(value)
    except TypeError:  # not iterable (a number, a 0-d array)
        raise bad from None


def boolean(name: str, value: Any) -> bool:
    """Return ``value`` if it is a ``bool``.

    Examples
    --------
    >>> boolean("details", 1)
    Traceback (most recent call last):
    ...
    TypeError: details must be True or False, got int 1
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {_describe(value)}")
    return bool(value)


def choice(name: str, value: Any, allowed: tuple[Any, ...]) -> Any:
    """Return ``value`` if it is one of ``allowed``.

    Examples
    --------
    >>> choice("action", "stag", ("stag", "hare"))
    'stag'
    >>> choice("action", "deer", ("stag", "hare"))
    Traceback (most recent call last):
    ...
    ValueError: action must be one of 'stag', 'hare'; got 'deer'
    """
    try:
        ok = any(type(value) is type(a) and bool(value == a) for a in allowed)
    except Exception:  # noqa: BLE001 - arrays, objects whose == raises: not one of the choices
        ok = False
    if not ok:
        listed = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {listed}; got {_value(value)}")
    return value


def real_matrix(name: str, value: Any, *, shape: tuple[int, int] | None = None) -> np.ndarray:
    """Return ``value`` as a finite 2-D float array (of ``shape`` if given).

    Examples
    --------
    >>> real_matrix("A", [[4, 0], [3, 3]], shape=(2, 2))
    array([[4., 0.],
           [3., 3.]])
    >>> real_matrix("A", [[4, 0], [3, float("inf")]])
    Traceback (most recent call last):
    ...
    ValueError: A must contain only finite numbers, got [[4.0, 0.0], [3.0, inf]]
    """
    if isinstance(value, (str, bytes)) or isinstance(value, numbers.Number):
        raise TypeError(f"{name} must be a 2-D array of real numbers, got {_describe(value)}")
    _not_masked(name, value)
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged nested lists and the like
        raise TypeError(f"{name} must be a 2-D array of real numbers, got {_describe(value)}") from exc
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(f"{name} must be a 2-D array of real numbers, got {_describe(value)}")
    arr = arr.astype(float)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array, got shape {arr.shape}")
    if shape is not None and arr.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers, got {arr.tolist()}")
    return arr


def real_array(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> np.ndarray:
    """Return ``value`` (a number or an array_like of them) as a finite float array in an interval.

    The result keeps ``value``'s shape (0-d for a scalar), so a model can work
    on a number and on a grid of numbers alike.

    Examples
    --------
    >>> real_array("f", [0.0, 0.5], low=0, high=1, high_open=True)
    array([0. , 0.5])
    >>> real_array("f", [0.5, 1.0], low=0, high=1, high_open=True)
    Traceback (most recent call last):
    ...
    ValueError: f must lie in [0, 1), got [0.5, 1.0]
    >>> real_array("f", ["a"])
    Traceback (most recent call last):
    ...
    TypeError: f must be a real number or an array of real numbers, got list ['a']
    """

    def bad_type() -> TypeError:  # built only when raised: describing a large array costs milliseconds
        return TypeError(f"{name} must be a real number or an array of real numbers, got {_describe(value)}")

    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None:
        raise bad_type()
    _not_masked(name, value)
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged nested lists and the like
        raise bad_type() from exc
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise bad_type()
    arr = arr.astype(float)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got {_describe(value)}")

    def shown() -> object:  # only built for an error message
        return arr.tolist() if arr.size <= 8 else f"an array with values from {np.nanmin(arr):g} to {np.nanmax(arr):g}"

    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers, got {shown()}")
    too_low = low is not None and bool(np.any(arr < low) or (low_open and np.any(arr == low)))
    too_high = high is not None and bool(np.any(arr > high) or (high_open and np.any(arr == high)))
    if too_low or too_high:
        raise ValueError(f"{name} must lie in {_interval(low, high, low_open, high_open)}, got {shown()}")
    return arr


# --- Declared constraints -------------------------------------------------------------------------
#
# A public function declares each parameter's allowed values once, with ``@params``; the decorator
# checks and converts every argument at the boundary (with the helpers above), and the declaration
# stays on the function (``__coordlab_params__``) so the tests derive their bad inputs from it
# (tests/test_fuzz_api.py), as scikit-learn's ``validate_params`` does. Constraints between
# parameters (``stag > hare``) are checked in the body, after the declared ones.

_TINY = 5e-324  # the smallest positive double


class Constraint:
    """What one parameter accepts. ``check(name, value)`` returns the value converted, or raises."""

    def check(self, name: str, value: Any) -> Any:  # pragma: no cover - every constraint overrides it
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def accepted(self) -> list[Any]:
        """Values the constraint must accept (for the tests)."""
        return []

    def refused(self) -> list[Any]:
        """Values it must refuse with ``ValueError`` or ``TypeError`` (for the tests)."""
        return ["x", None, object(), [object()]]

    def __repr__(self) -> str:
        return f"<{self.describe()}>"


def _inside(low: float | None, high: float | None, low_open: bool, high_open: bool) -> list[float]:
    lo = -1e6 if low is None else low
    hi = 1e6 if high is None else high
    out = [lo + (hi - lo) / 2]
    if low is not None:
        out.append(low if not low_open else float(np.nextafter(low, np.inf)))
        if low == 0 and (high is None or high > 1e-300):
            out.append(1e-300)  # a tiny positive: 1/x and x**2 underflow here
    if high is not None:
        out.append(high if not high_open else float(np.nextafter(high, -np.inf)))
    return out


def _outside(low: float | None, high: float | None, low_open: bool, high_open: bool) -> list[Any]:
    out: list = [math.nan, math.inf, -math.inf, "0.5", True, 1 + 2j, 10**400, -(10**400)]
    if low is not None:
        out.append(low if low_open else float(np.nextafter(low, -np.inf)))
    if high is not None:
        out.append(high if high_open else float(np.nextafter(high, np.inf)))
    return out


@dataclasses.dataclass(frozen=True, repr=False)
class Real(Constraint):
    """A finite real number in an interval (ends included unless ``low_open``/``high_open``)."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    def check(self, name: str, value: Any) -> Any:
        return real(name, value, low=self.low, high=self.high, low_open=self.low_open, high_open=self.high_open)

    def describe(self) -> str:
        return f"a real number in {_interval(self.low, self.high, self.low_open, self.high_open)}"

    def accepted(self) -> list[Any]:
        return _inside(self.low, self.high, self.low_open, self.high_open) + [np.float32(self.example())]

    def refused(self) -> list[Any]:
        return _outside(self.low, self.high, self.low_open, self.high_open) + [None, [self.example()]]

    def example(self) -> float:
        return _inside(self.low, self.high, self.low_open, self.high_open)[0]


def Probability(*, low_open: bool = False, high_open: bool = False) -> Real:  # noqa: N802 - reads as a type
    """A probability (or share, or rate as a fraction): a real number in [0, 1]."""
    return Real(0.0, 1.0, low_open, high_open)


@dataclasses.dataclass(frozen=True, repr=False)
class Integer(Constraint):
    """An integer in ``[low, high]`` (``bool`` refused; numpy integers accepted)."""

    low: int | None = None
    high: int | None = None

    def check(self, name: str, value: Any) -> Any:
        return integer(name, value, low=self.low, high=self.high)

    def describe(self) -> str:
        return f"an integer in {_interval(self.low, self.high, False, False)}"

    def accepted(self) -> list[Any]:
        out = [x for x in (self.low, self.high) if x is not None] or [0]
        return out + [np.int64(out[0])]

    def refused(self) -> list[Any]:
        out: list = [2.5, "3", True, None, math.nan, np.float64(1.0)]
        if self.low is not None:
            out += [self.low - 1, -(10**400)]
        if self.high is not None:
            out += [self.high + 1, 10**400]
        return out

    def example(self) -> int:
        return self.low if self.low is not None else 0


def Seed() -> Integer:  # noqa: N802
    """The seed of numpy's random generator: a non-negative integer."""
    return Integer(0, 2**63 - 1)


@dataclasses.dataclass(frozen=True, repr=False)
class IntegerList(Constraint):
    """A list, tuple or 1-D array of ``min_size`` to ``max_size`` integers, each checked by ``each``; returned as a
    list of ints.

    >>> IntegerList(Integer(0, 10_000)).check("thresholds_bps", (8000, np.int64(5000)))
    [8000, 5000]
    >>> IntegerList(Integer(1, 100), min_size=2, max_size=8).check("xp", [5])
    Traceback (most recent call last):
    ...
    ValueError: xp must have 2 to 8 values, got 1
    """

    each: Integer
    max_size: int = 10_000
    min_size: int = 1

    def _sizes(self) -> str:
        return "a non-empty list of" if self.min_size == 1 else f"a list of {self.min_size} to {self.max_size}"

    def check(self, name: str, value: Any) -> Any:
        if not (isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.ndim == 1)):
            raise TypeError(f"{name} must be {self._sizes()} integers, got {_describe(value)}")
        if len(value) == 0 and self.min_size == 1:
            raise ValueError(f"{name} must be a non-empty list of integers, got an empty {type(value).__name__}")
        if len(value) < self.min_size:
            raise ValueError(f"{name} must have {self.min_size} to {self.max_size:,} values, got {len(value):,}")
        if len(value) > self.max_size:
            raise ValueError(
                f"{name} must have {'at most ' if self.min_size == 1 else f'{self.min_size} to '}"
                f"{self.max_size:,} values, got {len(value):,}"
            )
        return [self.each.check(name, x) for x in value]

    def describe(self) -> str:
        return f"{self._sizes()} {self.each.describe().replace('an integer', 'integers', 1)}"

    def accepted(self) -> list[Any]:
        return [[x] * self.min_size for x in self.each.accepted()]

    def refused(self) -> list[Any]:
        size = [[self.each.example()] * (self.min_size - 1), [self.each.example()] * (self.max_size + 1)]
        return [None, "1", 3, [], np.array(0), [[self.each.example()]] * self.min_size, *size] + [
            [x] * self.min_size for x in self.each.refused()
        ]

    def example(self) -> list[int]:
        return [self.each.example()] * self.min_size


@dataclasses.dataclass(frozen=True, repr=False)
class Distinct(Constraint):
    """A non-empty list (any iterable but a string) of values ``each`` accepts, none repeated; returned as a list.

    ``noun`` names one item in the messages ("strategy"), ``what`` the whole ("a list of strategy names").
    Equal items are repeats after ``each`` has converted them (two spellings of one strategy are one strategy).

    >>> Distinct(Choice("a", "b"), "letter").check("letters", ("b", "a"))
    ['b', 'a']
    >>> Distinct(Choice("a", "b"), "letter").check("letters", ["a", "a"])
    Traceback (most recent call last):
    ...
    ValueError: letters must not repeat a letter, got 'a' twice
    """

    each: Constraint
    noun: str = "value"
    what: str = "a list of values"
    max_size: int = 10_000

    def check(self, name: str, value: Any) -> list[Any]:
        values = items(name, value, self.what)
        if not values:
            raise ValueError(f"{name} must name at least one {self.noun}, got []")
        if len(values) > self.max_size:
            raise ValueError(f"{name} must have at most {self.max_size:,} values, got {len(values):,}")
        checked = [self.each.check(name, x) for x in values]
        seen: list[Any] = []
        for x in checked:
            if x in seen:
                raise ValueError(f"{name} must not repeat a {self.noun}, got {_value(x)} twice")
            seen.append(x)
        return checked

    def describe(self) -> str:
        return f"a non-empty list of distinct values, each {self.each.describe()}"

    def accepted(self) -> list[Any]:
        return [[x] for x in self.each.accepted()[:3]]

    def refused(self) -> list[Any]:
        good = self.each.accepted()
        repeated = [[good[0], good[0]]] if good else []
        return [None, 3, "x", []] + repeated + [[x] for x in self.each.refused() if x is not None][:6]


@dataclasses.dataclass(frozen=True, repr=False)
class Boolean(Constraint):
    def check(self, name: str, value: Any) -> Any:
        return boolean(name, value)

    def describe(self) -> str:
        return "True or False"

    def accepted(self) -> list[Any]:
        return [True, False, np.bool_(True)]

    def refused(self) -> list[Any]:
        return [1, 0, "yes", None, np.array([True, False])]


class Choice(Constraint):
    """One of the listed values."""

    def __init__(self, *allowed: Any) -> None:
        self.allowed = tuple(allowed)

    def check(self, name: str, value: Any) -> Any:
        return choice(name, value, self.allowed)

    def describe(self) -> str:
        return "one of " + ", ".join(repr(a) for a in self.allowed)

    def accepted(self) -> list[Any]:
        return list(self.allowed)

    def refused(self) -> list[Any]:
        first = self.allowed[0]
        out: list = [None, 3, np.array(self.allowed), [first], object()]
        if isinstance(first, str):
            out += [first.upper() + "!", first + " ", ""]
        return out


@dataclasses.dataclass(frozen=True, repr=False)
class RealArray(Constraint):
    """A number or an array of numbers, each finite and in an interval; ``ndim``/``size`` pin the shape."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    ndim: int | None = None
    max_size: int = 10_000_000

    def check(self, name: str, value: Any) -> Any:
        arr = real_array(name, value, low=self.low, high=self.high, low_open=self.low_open, high_open=self.high_open)
        if self.ndim is not None and arr.ndim != self.ndim:
            raise ValueError(
                f"{name} must be {'a number' if self.ndim == 0 else f'a {self.ndim}-D array'}, got shape {arr.shape}"
            )
        if arr.size > self.max_size:
            raise ValueError(f"{name} must have at most {self.max_size:,} values, got {arr.size:,}")
        return arr

    def describe(self) -> str:
        what = "numbers" if self.ndim is None else ("a number" if self.ndim == 0 else f"a {self.ndim}-D array")
        return f"{what} in {_interval(self.low, self.high, self.low_open, self.high_open)}"

    def _shaped(self, x: float) -> float | np.ndarray:
        return x if self.ndim == 0 else (np.array([x, x]) if self.ndim in (None, 1) else np.full((2,) * self.ndim, x))

    def accepted(self) -> list[Any]:
        return [self._shaped(x) for x in _inside(self.low, self.high, self.low_open, self.high_open)]

    def refused(self) -> list[Any]:
        bad = [
            x
            for x in _outside(self.low, self.high, self.low_open, self.high_open)
            if isinstance(x, float) or x in (True,)
        ]
        inside = _inside(self.low, self.high, self.low_open, self.high_open)[0]
        shaped: list[Any] = [self._shaped(x) for x in bad]
        return shaped + [
            None,
            "0.5",
            ["a"],
            np.array([]),
            np.ma.masked_array([inside, inside], mask=[True, False]),
        ]

    def example(self) -> Any:
        return self._shaped(_inside(self.low, self.high, self.low_open, self.high_open)[0])


@dataclasses.dataclass(frozen=True, repr=False)
class WholeMultiple(Constraint):
    """What ``inner`` accepts, each value a whole number of 1/``scale`` units (cents: 100; basis points: 10,000),
    to a relative 1e-6 (a float's rounding of the decimal a user typed); returned as ``inner`` returns it.

    >>> WholeMultiple(Real(0.0, 1.0), 10_000).check("threshold", 0.825)
    0.825
    >>> WholeMultiple(Real(0.0, 1.0), 10_000).check("threshold", 0.82501)
    Traceback (most recent call last):
    ...
    ValueError: threshold must be whole multiples of 1/10,000, got 0.82501
    """

    inner: Real | RealArray
    scale: int

    def _off(self, value: Any) -> Any:  # the first value that is not a whole number of units, or None
        values = np.atleast_1d(np.asarray(value, dtype=float)).ravel()
        scaled = values * self.scale
        bad = np.flatnonzero(np.abs(scaled - np.rint(scaled)) > 1e-6 * np.maximum(1.0, np.abs(scaled)))
        return None if bad.size == 0 else values[bad[0]].item()

    def check(self, name: str, value: Any) -> Any:
        checked = self.inner.check(name, value)
        off = self._off(checked)
        if off is not None:
            raise ValueError(f"{name} must be whole multiples of 1/{self.scale:,}, got {off!r}")
        return checked

    def describe(self) -> str:
        return f"{self.inner.describe()}, each a whole multiple of 1/{self.scale:,}"

    def accepted(self) -> list[Any]:
        return [x for x in self.inner.accepted() if self._off(x) is None]

    def refused(self) -> list[Any]:
        half = 0.5 / self.scale  # half a unit: in the range, but not a whole number of units
        shaped = half if isinstance(self.inner, Real) else self.inner._shaped(half)  # noqa: SLF001 - same module
        return [*self.inner.refused(), shaped]

    def example(self) -> Any:
        return next(x for x in self.inner.accepted() if self._off(x) is None)


@dataclasses.dataclass(frozen=True, repr=False)
class RealMatrix(Constraint):
    """A finite 2-D array of real numbers (of ``shape`` if given)."""

    shape: tuple[int, int] | None = None

    def check(self, name: str, value: Any) -> Any:
        return real_matrix(name, value, shape=self.shape)

    def describe(self) -> str:
        return "a 2-D array of real numbers" + (f" of shape {self.shape}" if self.shape else "")

    def accepted(self) -> list[Any]:
        return []  # a matrix that means something is the function's own example

    def refused(self) -> list[Any]:
        return [
            "A",
            3.0,
            None,
            [[1.0, math.nan], [0.0, 1.0]],
            [[1.0, 2.0], [3.0]],
            [[True, False], [False, True]],
            np.zeros((0, 0)),
            np.ma.masked_array([[1.0, 2.0], [3.0, 4.0]], mask=[[True, False], [False, False]]),
        ]


@dataclasses.dataclass(frozen=True, repr=False)
class Optional(Constraint):
    """``None`` (which means what the docstring says), or a value ``inner`` accepts."""

    inner: Constraint

    def check(self, name: str, value: Any) -> Any:
        return None if value is None else self.inner.check(name, value)

    def describe(self) -> str:
        return f"None or {self.inner.describe()}"

    def accepted(self) -> list[Any]:
        return [None] + self.inner.accepted()

    def refused(self) -> list[Any]:
        return [x for x in self.inner.refused() if x is not None]


class Instance(Constraint):
    """An instance of the given class(es): the function's own records (a network, a pool, a loan)."""

    def __init__(self, *types: type, what: str = "") -> None:
        self.types = types
        self.what = what or " or ".join(t.__name__ for t in types)

    def check(self, name: str, value: Any) -> Any:
        if not isinstance(value, self.types):
            raise TypeError(f"{name} must be {self.what}, got {_describe(value)}")
        return value

    def describe(self) -> str:
        return self.what

    def refused(self) -> list[Any]:
        return [x for x in super().refused() if not isinstance(x, self.types)]


@dataclasses.dataclass(frozen=True, repr=False)
class Text(Constraint):
    """A string of ``min_len`` to ``max_len`` characters (a name, a label)."""

    min_len: int = 1
    max_len: int = 200

    def check(self, name: str, value: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, got {_describe(value)}")
        if not self.min_len <= len(value) <= self.max_len or (self.min_len and not value.strip()):
            blank = " and not blank" if self.min_len else ""
            raise ValueError(
                f"{name} must be {self.min_len} to {self.max_len} characters{blank}, got {_describe(value)}"
            )
        return value

    def describe(self) -> str:
        return f"a string of {self.min_len} to {self.max_len} characters"

    def accepted(self) -> list[Any]:
        return ["x" * self.min_len, "y" * self.max_len]

    def refused(self) -> list[Any]:
        return [None, 3, b"bytes", ["x"], "x" * (self.max_len + 1)] + ([" " * self.min_len, ""] if self.min_len else [])


class Checked(Constraint):
    """Checked in the function's body, because it depends on other arguments or on the data (say what).

    ``refused`` lists values the body must refuse (the fuzz test tries them).
    """

    def __init__(self, what: str, refused: tuple[Any, ...] = ()) -> None:
        self.what = what
        self._refused = list(refused)

    def check(self, name: str, value: Any) -> Any:
        return value

    def describe(self) -> str:
        return self.what

    def refused(self) -> list[Any]:
        return list(self._refused)


_F = TypeVar("_F", bound=Callable[..., Any])
_DECLARED = "__coordlab_params__"  # where the declaration stays for the tests


def declare(obj: _F, constraints: dict[str, Constraint]) -> _F:
    """Attach a declaration to a callable that checks its arguments itself (no wrapper); returns ``obj``.

    For the few callables that take no argument or check theirs by hand (``coordlab.doctor``):
    the fuzz test then reads their declaration as it reads one made with ``@params``.

    >>> def g() -> int:
    ...     return 1
    >>> declare(g, {}).__coordlab_params__
    {}
    """
    setattr(obj, _DECLARED, dict(constraints))
    return obj


def params(**constraints: Constraint) -> Callable[[_F], _F]:
    """Declare every parameter's constraint; check and convert the arguments before each call.

    Works on functions, methods (``self`` and a classmethod's ``cls`` are not declared; put
    ``@classmethod`` above ``@params``) and classes (their ``__init__``: put ``@params`` above
    ``@dataclass``, and keep only checks between fields in ``__post_init__``).

    >>> @params(c=Probability(low_open=True, high_open=True), n=Integer(1, 10))
    ... def f(c, n=3):
    ...     return c * n
    >>> f(0.5), f(c=0.25, n=np.int64(2))
    (1.5, 0.5)
    >>> f(1.5)
    Traceback (most recent call last):
    ...
    ValueError: c must be in (0, 1), got 1.5
    """
    for key, c in constraints.items():
        if not isinstance(c, Constraint):
            raise TypeError(f"params: {key} must be declared with a Constraint, got {_describe(c)}")

    def decorate(obj: _F) -> _F:
        # a class's own __init__ (getattr_static: the plain function, as the class dict holds it)
        target: Callable[..., Any] = inspect.getattr_static(obj, "__init__") if isinstance(obj, type) else obj
        sig = inspect.signature(target)
        names = [
            n
            for i, (n, p) in enumerate(sig.parameters.items())
            if not (i == 0 and n in ("self", "cls")) and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        if set(names) != set(constraints):
            raise TypeError(
                f"params on {obj.__qualname__}: declare exactly its parameters {names}; "
                f"missing {sorted(set(names) - set(constraints))}, "
                f"unknown {sorted(set(constraints) - set(names))}"
            )

        # The common call (no *args/**kwargs in the signature, each argument given once) is checked without
        # inspect's binding, which costs more than most checks: a model's step or a record's constructor runs it
        # thousands of times in a simulation. Anything else goes through Signature.bind, which names the mistake.
        kinds = {p.kind for p in sig.parameters.values()}
        plain = kinds <= {inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY}
        positional = [n for n, p in sig.parameters.items() if p.kind == inspect.Parameter.POSITIONAL_OR_KEYWORD]
        order = [(n, constraints.get(n)) for n in positional]
        known = set(sig.parameters)

        @functools.wraps(target)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if plain and len(args) <= len(order) and known.issuperset(kwargs):
                taken = positional[: len(args)]
                if not any(n in kwargs for n in taken):
                    given = [c.check(n, a) if c is not None else a for (n, c), a in zip(order, args)]
                    for key, value in kwargs.items():
                        c = constraints.get(key)
                        if c is not None:
                            kwargs[key] = c.check(key, value)
                    return target(*given, **kwargs)
            bound = sig.bind(*args, **kwargs)
            arguments = bound.arguments
            for key, value in arguments.items():
                c = constraints.get(key)
                if c is not None:
                    arguments[key] = c.check(key, value)
            return target(*bound.args, **bound.kwargs)

        declare(checked, constraints)
        if isinstance(obj, type):
            setattr(obj, "__init__", checked)  # noqa: B010 - mypy refuses the assignment to a class's __init__
            return declare(obj, constraints)
        return cast(_F, checked)  # the same signature as obj: the wrapper only checks and converts

    return decorate
