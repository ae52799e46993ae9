"""Exercise checks: right, close or wrong, with a hint, and never the answer itself."""

from __future__ import annotations

import math
import re

import pytest

from coordlab.exercises import check
from coordlab.exercises.check import REGISTRY, Choice, Numeric, _load, exercise
from notebook_tools import notebook_paths, read

_load()
NUMERIC = sorted(k for k, e in REGISTRY.items() if isinstance(e, Numeric))
CHOICE = sorted(k for k, e in REGISTRY.items() if isinstance(e, Choice))


def _spellings(x: float) -> set[str]:
    """Ways a message could give the answer away."""
    out = {repr(x), str(x)}
    for digits in (2, 3, 4, 5):
        out.add(f"{x:.{digits}g}")
        out.add(f"{x:.{digits}f}")
    if 0 < abs(x) <= 1:
        out |= {f"{100 * x:.0f}%", f"{100 * x:.1f}%", f"{100 * x:.1f}"}
    return {s for s in out if len(s.strip("0.-")) >= 2}  # "0", "1.0" would match anything


def _messages(key: str) -> list[str]:
    ex = REGISTRY[key]
    want = float(ex.answer())
    tries = [want * (1 + ex.close_tol / 2), want * (1 - ex.close_tol / 2), want * 3 + 1, -want - 7, 0.0, 1e9,
             None, "abc", math.nan, math.inf, True]
    tries += [float(trap()) for trap, _ in ex.traps]
    return [check(key, t).message for t in tries]


@pytest.mark.parametrize("key", NUMERIC)
def test_numeric_verdicts(key):
    ex = REGISTRY[key]
    want = float(ex.answer())
    assert math.isfinite(want)
    assert check(key, want).verdict == "right"
    assert check(key, round(want, 4)).verdict == "right" or abs(want) < 1e-2
    near_value = want * (1 + (ex.rel_tol + ex.close_tol) / 2)  # between the right and the close tolerance
    exact_answer = ex.close_tol <= ex.rel_tol  # whole-number answers: no "close"
    if not exact_answer and not any(math.isclose(float(t()), near_value, rel_tol=2 * ex.rel_tol) for t, _ in ex.traps):
        near = check(key, near_value)
        assert near.verdict == "close" and ex.close_hint in near.message, near.message
    assert check(key, want * 3 + 1).verdict == "wrong"
    for trap, hint in ex.traps:
        fb = check(key, float(trap()))
        assert fb.verdict == "wrong" and hint in fb.message, (key, fb.message)
    assert check(key, None).verdict == "missing"
    for bad in ("abc", math.nan, math.inf, True, [1.0]):
        fb = check(key, bad)
        assert fb.verdict == "wrong" and ("number" in fb.message), fb.message


@pytest.mark.parametrize("key", NUMERIC)
def test_no_message_gives_the_answer_away(key):
    want = float(REGISTRY[key].answer())
    leaks = [(s, m) for m in _messages(key) for s in _spellings(want) if s in m]
    assert not leaks, leaks


@pytest.mark.parametrize("key", CHOICE)
def test_choice_verdicts(key):
    ex = REGISTRY[key]
    right = ex.answer()
    assert right in ex.options
    assert check(key, right).verdict == "right"
    assert check(key, f"  {right.upper()} ").verdict == "right"  # case and spaces do not matter
    for wrong in (o for o in ex.options if o != right):
        fb = check(key, wrong)
        assert fb.verdict == "wrong" and fb.message != "Right.", fb.message
        if wrong in ex.hints:
            assert ex.hints[wrong] in fb.message
    fb = check(key, "neither")
    assert fb.verdict == "wrong" and all(repr(o) in fb.message for o in ex.options)
    assert check(key, None).verdict == "missing"


def test_unknown_key_lists_the_known_ones():
    with pytest.raises(ValueError) as err:
        check("99.1", 1.0)
    first, last = min(REGISTRY), max(REGISTRY)
    assert f"{first!r}, ..., {last!r}" in str(err.value)
    with pytest.raises(ValueError) as err:          # a typo in a notebook's exercise: that notebook's ids
        check("03.9", 1.0)
    assert all(repr(k) in str(err.value) for k in REGISTRY if k.startswith("03."))
    assert not any(repr(k) in str(err.value) for k in REGISTRY if not k.startswith("03."))


def test_registering_twice_under_one_key_is_refused():
    ex = REGISTRY[NUMERIC[0]]
    assert exercise(ex) is ex  # the same object again: harmless (module re-import)
    clone = Numeric(key=ex.key, answer=ex.answer, hint=ex.hint)
    with pytest.raises(ValueError, match="already registered"):
        exercise(clone)


def _keys_used_in_notebooks() -> set[str]:
    keys = set()
    for path in notebook_paths():
        for cell in read(path).cells:
            if cell.cell_type == "code":
                keys |= set(re.findall(r"check\(\s*[\"'](\d\d\.\d+)[\"']", cell.source))
    return keys


def test_registry_and_notebooks_agree():
    used = _keys_used_in_notebooks()
    assert used, "the notebooks call no check()"
    assert used <= set(REGISTRY), f"checked in a notebook but not registered: {sorted(used - set(REGISTRY))}"
    assert set(REGISTRY) <= used, f"registered but used in no notebook: {sorted(set(REGISTRY) - used)}"
