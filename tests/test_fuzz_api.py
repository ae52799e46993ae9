"""Every public callable, fuzzed from its declared constraints: a clear error or a finite result, never a crash.

Each public function, class and method declares its parameters with ``coordlab._validate.params``
(``__coordlab_params__``). For every parameter this test calls the callable with the valid example of
``tests/api_examples.py`` and that one argument replaced by each value of:

- what the constraint says it accepts (inside the interval, at closed ends, just inside open ones,
  a tiny positive where zero is allowed) and refuses (just outside each end, NaN, infinities, huge
  integers, strings, booleans, complex numbers, masked arrays);
- values every parameter must survive: ``None``, ``object()``, numpy scalars and 0-d arrays, an
  integer with 400 digits, the smallest positive double, a masked array, a list of 100,000 items.

Values listed in ``REFUSE`` (checks between parameters) are refused values too. A refused value must raise
``ValueError`` or ``TypeError`` naming the parameter; any other value must
give a finite result (no NaN anywhere in it) or such an error naming one of the callable's parameters;
no other exception, no warning, and no call may take more than ``LIMIT`` seconds (a hang detector:
the speed of the caps is measured in ``benchmarks/``). Messages are at most 500 characters.

``COORDLAB_FUZZ_STATS=path`` writes the counts (calls, clear errors, results) as JSON lines.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import math
import os
import re
import signal
import time
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from api_examples import CLASSES, EXEMPT, FUNCTIONS, METHODS, MODULES, REFUSE, public_callables  # noqa: E402

LIMIT = 20.0  # seconds: far above any cap's cost, so only a hang or an hours-long call trips it
MAX_MESSAGE = 500


class _Slow(Exception):
    pass


def _alarm(signum, frame):
    raise _Slow()


def _generic() -> list:
    return [
        None,
        object(),
        "x",
        10**400,
        -(10**400),
        5e-324,
        1e-300,
        np.float32(0.5),
        np.int64(3),
        np.array(0.5),
        np.array([0.5]),
        np.ma.masked_array([1.0, 2.0], mask=[1, 0]),
        list(range(100_000)),
        float("nan"),
        True,
    ]


def _bad_numbers(x, path="result") -> list[str]:
    """Where ``x`` holds a NaN (results may hold infinities only where the docstring says so)."""
    if isinstance(x, (bool, str, bytes)) or x is None:
        return []
    if isinstance(x, (float, np.floating)):
        return [path] if math.isnan(x) else []
    if isinstance(x, np.ndarray):
        return [path] if x.dtype.kind in "fc" and np.isnan(x).any() else []
    if isinstance(x, (list, tuple)):
        return [p for i, item in enumerate(x[:1000]) for p in _bad_numbers(item, f"{path}[{i}]")]
    if isinstance(x, dict):
        return [p for k, item in list(x.items())[:1000] for p in _bad_numbers(item, f"{path}[{k!r}]")]
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return [p for f in dataclasses.fields(x) for p in _bad_numbers(getattr(x, f.name, None), f"{path}.{f.name}")]
    return []


def _names_a_parameter(message: str, names) -> bool:
    """Whether the message names one of ``names`` as a word; ``a`` only as the subject of a sentence (``a must
    be ...``, ``a and b ...``), not the article, and a single letter never inside ``e.g.`` or ``i.e.``."""
    for n in names:
        word = rf"(?<![A-Za-z0-9_.]){re.escape(n)}(?![A-Za-z0-9_]|\.[A-Za-z])"
        if n == "a":
            word += r"(?=\s+(?:must|and|or|is|has)\b|\s*[=,)<>*'])"
        if re.search(word, message):
            return True
    return False


def _call(make, kwargs):
    """Call with a time limit and warnings as errors; return ("result", value) or ("error", exc)."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return "result", make(**kwargs)
    except (ValueError, TypeError) as exc:
        return "error", exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        plt.close("all")


def _stats(name, counts):
    path = os.environ.get("COORDLAB_FUZZ_STATS")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"callable": name, **counts}) + "\n")


CASES = [pytest.param(name, id=name.replace("coordlab.", "")) for name in sorted({**FUNCTIONS, **CLASSES, **METHODS})]


def test_every_public_callable_is_declared_and_has_an_example():
    found = public_callables()
    # a class declares its own constructor: a subclass does not inherit its parent's declaration
    undeclared = sorted(
        n for n, obj in found.items() if "__coordlab_params__" not in (vars(obj) if isinstance(obj, type) else dir(obj))
    )
    assert not undeclared, f"declare their parameters with coordlab._validate.params: {undeclared}"
    missing = sorted(set(found) - set(FUNCTIONS) - set(CLASSES) - set(METHODS))
    assert not missing, f"add a valid example for each to tests/api_examples.py: {missing}"
    stale = sorted((set(FUNCTIONS) | set(CLASSES) | set(METHODS)) - set(found))
    assert not stale, f"tests/api_examples.py names what is no longer public: {stale}"


@pytest.mark.parametrize("name", CASES)
def test_fuzz(name):
    target, make, valid = _resolve(name)
    constraints = getattr(target, "__coordlab_params__", {})
    signature_names = list(constraints) or [p for p in inspect.signature(target).parameters if p != "self"]
    kind, out = _call(make, dict(valid))
    assert kind == "result", f"the valid example of {name} fails: {out!r}"
    problems, counts = [], {"calls": 0, "errors": 0, "results": 0}
    for param in signature_names:
        c = constraints.get(param)
        refused = (c.refused() if c is not None else []) + list(REFUSE.get(name, {}).get(param, []))
        values = [(v, "refuse") for v in refused] + [(v, "any") for v in (c.accepted() if c else []) + _generic()]
        for value, expect in values:
            counts["calls"] += 1
            start = time.perf_counter()
            try:
                kind, out = _call(make, {**valid, param: value})
            except _Slow:
                problems.append(f"{param}={_show(value)}: still running after {LIMIT:.0f} s")
                continue
            except Exception as exc:  # noqa: BLE001 - any other exception is what the fuzz finds
                problems.append(f"{param}={_show(value)}: {type(exc).__name__}: {str(exc)[:200]}")
                continue
            took = time.perf_counter() - start
            if kind == "error":
                counts["errors"] += 1
                message = str(out)
                if expect == "refuse" and not _names_a_parameter(message, [param]):
                    problems.append(f"{param}={_show(value)}: the error does not name {param!r}: {message[:200]}")
                elif not _names_a_parameter(message, signature_names):
                    problems.append(f"{param}={_show(value)}: the error names no parameter: {message[:200]}")
                elif len(message) > MAX_MESSAGE:
                    problems.append(f"{param}={_show(value)}: a {len(message)}-character message")
            else:
                counts["results"] += 1
                if expect == "refuse":
                    what = c.describe() if c is not None else "tests/api_cases"
                    problems.append(f"{param}={_show(value)}: accepted a value that must be refused ({what})")
                bad = _bad_numbers(out)
                if bad:
                    problems.append(f"{param}={_show(value)}: NaN in {', '.join(bad[:3])}")
            counts.setdefault("slowest_s", 0.0)
            counts["slowest_s"] = max(counts["slowest_s"], round(took, 3))
    _stats(name, counts)
    assert not problems, f"{name}:\n  " + "\n  ".join(problems[:30])


def _show(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**20:
        return f"<int of {len(str(abs(value)))} digits>"
    if isinstance(value, list) and len(value) > 10:
        return f"<list of {len(value)}>"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _resolve(name):
    """(the object holding the declaration, a function to call with keyword arguments, the valid example)."""
    if name in FUNCTIONS:
        obj = _lookup(name)
        return obj, obj, FUNCTIONS[name]
    if name in CLASSES:
        obj = _lookup(name)
        return obj, obj, CLASSES[name]
    owner, _, method = name.rpartition(".")
    make_instance, valid = METHODS[name]
    bound = getattr(make_instance(), method)
    target = getattr(_lookup(owner), method)
    target = getattr(target, "__func__", target)
    return target, bound, valid


def _lookup(name):
    parts = name.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for p in parts[i:]:
            obj = getattr(obj, p)
        return obj
    raise LookupError(name)


def test_modules_listed():
    assert len(MODULES) == len(set(MODULES)) and all(m.startswith("coordlab") for m in MODULES)
    assert all(reason for reason in EXEMPT.values())
    unknown = sorted(set(REFUSE) - set(FUNCTIONS) - set(CLASSES) - set(METHODS) - {n for n in REFUSE if n in EXEMPT})
    assert not unknown, f"REFUSE rows for callables without an example: {unknown}"


def _number(value):
    """``value`` as a float if it is a real number (a numpy scalar or a 0-d array too), else None."""
    import numbers

    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def _lab_cases():
    from coordlab.labs import ALL_LABS

    return [pytest.param(cls, id=cls.__name__) for cls in ALL_LABS]


@pytest.mark.parametrize("lab_cls", _lab_cases())
def test_a_lab_refuses_what_its_sliders_cannot_reach(lab_cls):
    """``lab.update(name=value)`` outside a control's range, or not a number, is refused naming the control, and
    the lab is left as it was (its controls are its declaration: their ranges are what the lab promises)."""
    from coordlab._validate import Real
    from coordlab.labs import Toggle

    lab = lab_cls()
    before, summary = dict(lab.values), lab.summary(lab.result)
    problems = []
    for c in lab.controls:
        if isinstance(c, Toggle):
            tries = ["no such option", c.value.upper(), 0, 1.0] + _generic()
        else:
            tries = Real(c.min, c.max).refused() + _generic()
        for value in tries:
            if isinstance(c, Toggle) and isinstance(value, str) and value in c.options:
                continue
            x = None if isinstance(c, Toggle) else _number(value)
            if x is not None and c.min <= x <= c.max:
                continue  # a number (numpy's too) inside this control's range is fine to accept
            try:
                kind, out = _call(lambda **kw: lab.update(**kw), {c.name: value})
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{c.name}={_show(value)}: {type(exc).__name__}: {str(exc)[:150]}")
                continue
            if kind != "error":
                problems.append(f"{c.name}={_show(value)}: accepted")
            elif not _names_a_parameter(str(out), [c.name]):
                problems.append(f"{c.name}={_show(value)}: the error does not name {c.name!r}: {str(out)[:150]}")
            if lab.values != before:
                problems.append(f"{c.name}={_show(value)}: the lab's values changed to {lab.values}")
                lab.values = dict(before)
    kind, out = _call(lambda **kw: lab.update(**kw), {"no_such_control": 1.0})
    assert kind == "error" and isinstance(out, TypeError) and "no_such_control" in str(out)
    assert lab.summary(lab.result) == summary
    assert not problems, f"{lab_cls.__name__}:\n  " + "\n  ".join(problems[:30])
