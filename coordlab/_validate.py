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

import math
import numbers
from typing import Any

import numpy as np

__all__ = ["real", "probability", "integer", "choice", "real_matrix", "real_array", "boolean"]


def _describe(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _interval(low, high, low_open, high_open) -> str:
    left = "(" if low_open or low is None else "["  # an infinite end is never included
    right = ")" if high_open or high is None else "]"
    lo = "-inf" if low is None else f"{low:g}"
    hi = "inf" if high is None else f"{high:g}"
    return f"{left}{lo}, {hi}{right}"


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
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    too_low = low is not None and (x < low or (low_open and x == low))
    too_high = high is not None and (x > high or (high_open and x == high))
    if too_low or too_high:
        raise ValueError(
            f"{name} must be in {_interval(low, high, low_open, high_open)}, got {value!r}"
        )
    return x


def probability(name: str, value: Any, *, open_low: bool = False, open_high: bool = False) -> float:
    """Return ``value`` as a float in [0, 1] (ends optionally excluded).

    Examples
    --------
    >>> probability("f", 0.3)
    0.3
    """
    return real(name, value, low=0.0, high=1.0, low_open=open_low, high_open=open_high)


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
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {_describe(value)}")
    n = int(value)
    if (low is not None and n < low) or (high is not None and n > high):
        raise ValueError(f"{name} must be in {_interval(low, high, False, False)}, got {n}")
    return n


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


def choice(name: str, value: Any, allowed: tuple) -> Any:
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
        ok = value in allowed
    except TypeError:  # unhashable or incomparable values
        ok = False
    if not ok:
        listed = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
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
    bad_type = TypeError(f"{name} must be a real number or an array of real numbers, got {_describe(value)}")
    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None:
        raise bad_type
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged nested lists and the like
        raise bad_type from exc
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise bad_type
    arr = arr.astype(float)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got {_describe(value)}")
    shown = arr.tolist() if arr.size <= 8 else f"an array with values from {np.nanmin(arr):g} to {np.nanmax(arr):g}"
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers, got {shown}")
    too_low = low is not None and bool(np.any(arr < low) or (low_open and np.any(arr == low)))
    too_high = high is not None and bool(np.any(arr > high) or (high_open and np.any(arr == high)))
    if too_low or too_high:
        raise ValueError(f"{name} must lie in {_interval(low, high, low_open, high_open)}, got {shown}")
    return arr
