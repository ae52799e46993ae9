"""The shared argument checks: what they accept, what they refuse, and what they say."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coordlab import _validate as v


@pytest.mark.parametrize("value, expected", [(0.25, 0.25), (1, 1.0), (np.float32(0.5), 0.5), (np.int64(3), 3.0)])
def test_real_accepts_numbers_and_numpy_scalars(value, expected):
    out = v.real("x", value)
    assert out == expected and type(out) is float


@pytest.mark.parametrize("value", ["1", None, True, np.bool_(False), [1.0], 1 + 2j])
def test_real_refuses_what_is_not_a_real_number(value):
    with pytest.raises(TypeError, match=r"^gamma must be a real number, got "):
        v.real("gamma", value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, np.float64("nan")])
def test_real_refuses_non_finite(value):
    with pytest.raises(ValueError, match=r"^R must be a finite number, got "):
        v.real("R", value)


@pytest.mark.parametrize(
    "value, kw, allowed",
    [
        (0.0, dict(low=0, low_open=True), r"\(0, inf\)"),
        (-1e-9, dict(low=0), r"\[0, inf\)"),
        (2.0, dict(high=2, high_open=True), r"\(-inf, 2\)"),
        (1.5, dict(low=0, high=1), r"\[0, 1\]"),
    ],
)
def test_real_interval_message_names_the_interval_and_the_value(value, kw, allowed):
    with pytest.raises(ValueError, match=rf"^c must be in {allowed}, got {value!r}"):
        v.real("c", value, **kw)


def test_real_bounds_are_inclusive_unless_open():
    assert v.real("c", 0.0, low=0.0) == 0.0
    assert v.real("c", 1.0, high=1.0) == 1.0


def test_probability_ends():
    assert v.probability("p", 0) == 0.0 and v.probability("p", 1) == 1.0
    with pytest.raises(ValueError, match=r"p must be in \(0, 1\], got 0"):
        v.probability("p", 0, low_open=True)
    with pytest.raises(ValueError, match=r"p must be in \[0, 1\), got 1"):
        v.probability("p", 1, high_open=True)


def test_integer():
    assert v.integer("n", np.int32(4), low=1) == 4
    for bad in (2.0, "2", True, None, np.float64(2)):
        with pytest.raises(TypeError, match="^n must be an integer"):
            v.integer("n", bad)
    with pytest.raises(ValueError, match=r"^n must be in \[1, 10\], got 11$"):
        v.integer("n", 11, low=1, high=10)


def test_boolean():
    assert v.boolean("flag", np.bool_(True)) is True
    for bad in (0, 1, "yes", None):
        with pytest.raises(TypeError, match="^flag must be True or False"):
            v.boolean("flag", bad)


def test_choice():
    assert v.choice("game", "pd", ("pd", "stag")) == "pd"
    with pytest.raises(ValueError, match=r"^game must be one of 'pd', 'stag'; got 'x'$"):
        v.choice("game", "x", ("pd", "stag"))
    with pytest.raises(ValueError, match="^game must be one of"):
        v.choice("game", ["unhashable"], ("pd",))


def test_real_matrix():
    out = v.real_matrix("A", [[1, 2], [3, 4]], shape=(2, 2))
    assert out.dtype == float and out.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    with pytest.raises(TypeError, match="^A must be a 2-D array of real numbers"):
        v.real_matrix("A", "[[1]]")
    with pytest.raises(TypeError, match="^A must be a 2-D array of real numbers"):
        v.real_matrix("A", [[1, 2], [3]])
    with pytest.raises(TypeError, match="^A must be a 2-D array of real numbers"):
        v.real_matrix("A", [[True, False], [False, True]])
    with pytest.raises(ValueError, match=r"^A must be a non-empty 2-D array, got shape \(2,\)"):
        v.real_matrix("A", [1, 2])
    with pytest.raises(ValueError, match=r"^A must have shape \(2, 2\), got shape \(3, 3\)"):
        v.real_matrix("A", np.eye(3), shape=(2, 2))
    with pytest.raises(ValueError, match="^A must contain only finite numbers"):
        v.real_matrix("A", [[1, np.nan], [0, 1]])


def test_real_array_keeps_shape_and_checks_every_element():
    assert v.real_array("x", 0.5).shape == ()
    assert v.real_array("x", [[0, 1], [1, 0]]).tolist() == [[0.0, 1.0], [1.0, 0.0]]
    with pytest.raises(ValueError, match=r"^x must lie in \[0, 1\], got \[0.5, 1.5\]"):
        v.real_array("x", [0.5, 1.5], low=0, high=1)
    with pytest.raises(ValueError, match=r"^x must lie in \(0, inf\)"):
        v.real_array("x", np.zeros(100), low=0, low_open=True)
    with pytest.raises(ValueError, match="^x must contain only finite numbers"):
        v.real_array("x", [0.1, np.inf])
    with pytest.raises(ValueError, match="^x must not be empty"):
        v.real_array("x", [])
    for bad in (None, "0.5", True, ["a"], [[1, 2], [3]]):
        with pytest.raises(TypeError, match="^x must be a real number or an array of real numbers"):
            v.real_array("x", bad)


def test_long_values_are_abbreviated_in_messages():
    with pytest.raises(TypeError) as err:
        v.real("x", "y" * 500)
    assert len(str(err.value)) < 120 and "..." in str(err.value)


def test_huge_integers_get_a_clear_error_not_an_overflow():
    """Issue 15: real() raised OverflowError on 10**400 (behind 587 API errors and every lab's update)."""
    with pytest.raises(ValueError, match=r"^x must be a finite number, got int of 401 digits$"):
        v.real("x", 10**400)
    with pytest.raises(ValueError, match=r"^n must be in \[0, 5\], got an integer of 401 digits$"):
        v.integer("n", 10**400, low=0, high=5)


def test_a_numpy_array_is_not_a_choice():
    """Issue 15: string choices given an array failed with numpy's 'truth value ... is ambiguous'."""
    with pytest.raises(ValueError, match=r"^kind must be one of 'call', 'put'; got array\(\['call', 'put'\]"):
        v.choice("kind", np.array(["call", "put"]), ("call", "put"))


def test_masked_arrays_with_masked_values_are_refused():
    """Issue 15: hhi(masked_array([90, 5, 5], mask=[1, 0, 0])) counted the masked 90."""
    with pytest.raises(TypeError, match=r"^holdings must not have masked values"):
        v.real_array("holdings", np.ma.masked_array([90.0, 5.0, 5.0], mask=[1, 0, 0]))
    assert v.real_array("h", np.ma.masked_array([1.0, 2.0], mask=[0, 0])).tolist() == [1.0, 2.0]


def test_zero_dimensional_arrays_stand_for_their_number():
    assert v.real("x", np.array(0.5)) == 0.5 and v.integer("n", np.array(3)) == 3


def test_messages_stay_short_whatever_the_value():
    with pytest.raises(TypeError) as err:
        v.real("x", list(range(10**6)))
    assert len(str(err.value)) < 120


def test_params_declares_every_parameter_and_checks_at_the_boundary():
    @v.params(c=v.Probability(low_open=True), n=v.Integer(1, 3), name=v.Text(1, 5))
    def f(c, n=1, name="a"):
        return c, n, name

    assert f(np.float32(0.5), n=np.int64(2)) == (0.5, 2, "a")
    assert f.__coordlab_params__["n"].describe() == "an integer in [1, 3]"
    with pytest.raises(ValueError, match=r"^c must be in \(0, 1\], got 0"):
        f(0)
    with pytest.raises(ValueError, match=r"^name must be 1 to 5 characters and not blank"):
        f(0.5, name="   ")
    with pytest.raises(TypeError, match="declare exactly its parameters"):
        v.params(c=v.Real())(lambda c, d: None)


def test_params_keeps_the_signature_and_declares_classes():
    """The wrapper keeps the function's name, docstring and signature (mypy reads it through the TypeVar bound to
    the callable); on a class the declaration replaces ``__init__`` and stays on the class."""
    import dataclasses
    import inspect

    @v.params(x=v.Real(0.0, 1.0))
    def g(x: float) -> float:
        """Doc."""
        return 2 * x

    assert g.__name__ == "g" and g.__doc__ == "Doc." and str(inspect.signature(g)) == "(x: 'float') -> 'float'"

    @v.params(x=v.Real(0.0, 1.0))
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: float

    assert Point(np.float32(0.5)).x == 0.5 and Point.__coordlab_params__["x"].describe() == "a real number in [0, 1]"
    with pytest.raises(ValueError, match=r"^x must be in \[0, 1\], got 2"):
        Point(2)


def test_declare_attaches_a_declaration_without_a_wrapper():
    def h() -> int:
        return 1

    assert v.declare(h, {"n": v.Integer(0, 2)}) is h and h.__coordlab_params__["n"].describe() == "an integer in [0, 2]"


def test_distinct_checks_each_item_and_refuses_repeats_after_conversion():
    names = v.Distinct(v.Choice("a", "b", "c"), "letter", "a list of letters")
    assert names.check("xs", ("c", "a")) == ["c", "a"] and names.check("xs", iter(["b"])) == [
        "b"
    ]  # any iterable but a string
    with pytest.raises(ValueError, match=r"^xs must not repeat a letter, got 'a' twice$"):
        names.check("xs", ["a", "b", "a"])
    with pytest.raises(ValueError, match=r"^xs must name at least one letter, got \[\]$"):
        names.check("xs", [])
    with pytest.raises(TypeError, match=r"^xs must be a list of letters, got str$"):
        names.check("xs", "ab")
    with pytest.raises(ValueError, match=r"^xs must be one of 'a', 'b', 'c'; got 'd'$"):
        names.check("xs", ["a", "d"])
    with pytest.raises(ValueError, match=r"^xs must have at most 2 values, got 3$"):
        v.Distinct(v.Integer(0, 9), max_size=2).check("xs", [1, 2, 3])
    # two spellings of one value are one value once converted: 1 and 1.0 are not both accepted as integers,
    # but np.int64(1) and 1 are, and repeat
    with pytest.raises(ValueError, match="must not repeat a value, got 1 twice"):
        v.Distinct(v.Integer(0, 9)).check("xs", [np.int64(1), 1])
    for bad in names.refused():
        with pytest.raises((TypeError, ValueError)):
            names.check("xs", bad)
    assert all(names.check("xs", ok) == ok for ok in names.accepted())


def test_integer_lists_hold_their_number_of_values():
    """A pool's balances: 2 to 8 integers (Curve's pools), each checked; lengths outside refused by name."""
    balances = v.IntegerList(v.Integer(1, 2**256 - 1), min_size=2, max_size=8)
    assert balances.check("xp", (np.int64(5), 7)) == [5, 7]
    with pytest.raises(ValueError, match=r"^xp must have 2 to 8 values, got 1$"):
        balances.check("xp", [5])
    with pytest.raises(ValueError, match=r"^xp must have 2 to 8 values, got 9$"):
        balances.check("xp", [5] * 9)
    with pytest.raises(TypeError, match=r"^xp must be a list of 2 to 8 integers, got str 'x'$"):
        balances.check("xp", "x")
    with pytest.raises(ValueError, match=r"^xp must have at most 3 values, got 4$"):
        v.IntegerList(v.Integer(0, 9), max_size=3).check("xp", [1, 2, 3, 4])
    for bad in balances.refused():
        with pytest.raises((TypeError, ValueError)):
            balances.check("xp", bad)
    assert all(balances.check("xp", ok) == ok for ok in balances.accepted())


def test_whole_multiples_refuse_a_fraction_of_a_unit():
    """Cents and basis points: a value typed in decimals passes (0.825 is not exactly 8,250 / 10,000 in binary),
    a fraction of a unit does not."""
    cents = v.WholeMultiple(v.RealArray(0.0, 1e15, ndim=1), 100)
    assert cents.check("usd", [1000.1, 0.07, 1e15]).tolist() == [1000.1, 0.07, 1e15]
    with pytest.raises(ValueError, match=r"^usd must be whole multiples of 1/100, got 1000.005$"):
        cents.check("usd", [1.0, 1000.005])
    with pytest.raises(ValueError, match=r"^usd must lie in \[0, 1e\+15\], got \[-1.0\]$"):
        cents.check("usd", [-1.0])
    bps = v.WholeMultiple(v.Real(0.0, 1.0), 10_000)
    assert bps.check("lt", 0.825) == 0.825
    with pytest.raises(ValueError, match=r"^lt must be whole multiples of 1/10,000, got 0.82505$"):
        bps.check("lt", 0.82505)
    for c in (cents, bps):
        for bad in c.refused():
            with pytest.raises((TypeError, ValueError)):
                c.check("x", bad)
        assert c.accepted() and all(c.check("x", ok) is not None for ok in c.accepted())


def test_every_declaration_helper_spells_one_idea_one_way():
    """Issue 17: one keyword for one idea across the helpers and the constraints (``low_open``, never ``open_low``)."""
    import inspect

    spellings: dict[frozenset[str], set[str]] = {}
    for name in v.__all__:
        obj = getattr(v, name)
        target = obj.__init__ if isinstance(obj, type) else obj
        if not callable(target):
            continue
        for p in inspect.signature(target).parameters:
            spellings.setdefault(frozenset(p.split("_")), set()).add(p)
    assert all(len(s) == 1 for s in spellings.values()), [s for s in spellings.values() if len(s) > 1]
    open_words = {p for s in spellings.values() for p in s if "open" in p}
    assert open_words == {"low_open", "high_open"}


def test_params_keeps_the_signature_for_the_type_checker(tmp_path):
    """A call through ``@params`` is type-checked against the wrapped function's own signature (issue 17)."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    if mypy is None:
        pytest.skip("mypy is not installed in this environment")
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from coordlab import _validate as v\n\n\n"
        "@v.params(x=v.Real(0.0, 1.0))\n"
        "def f(x: float, *, n: int = 1) -> float:\n"
        "    return x * n\n\n\n"
        "f('a')\n"
        "reveal_type(f)\n"
    )
    root = Path(v.__file__).resolve().parent.parent
    done = subprocess.run(
        [mypy, "--cache-dir", str(tmp_path / "cache"), "--follow-imports=silent", str(probe)],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert 'Argument 1 to "f" has incompatible type "str"; expected "float"' in done.stdout, done.stdout
    assert 'Revealed type is "def (x: float, *, n: int =) -> float"' in done.stdout
