"""One name, one meaning, one unit (issue 17): every public parameter name against the registry in ``tests/units.py``.

The walk covers every public function, class constructor and public method of the model modules, the exercise
checks' public API (``coordlab.exercises.check``) and the labs' constructors, as ``tests/api_examples.py`` lists
them (its ``MODULES``, minus its ``EXEMPT`` records). Each parameter name must be registered (with its unit and
meaning) or be a paper's symbol in ``LOCAL`` that the callable's docstring defines; each declaration
(``@v.params``) must agree with the registered unit (a fraction declared within [0, 1], a count an integer, a
``*_bps`` an integer in basis points...); a second meaning fails unless it is a listed known conflict.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from typing import Any, NamedTuple

import pytest

from coordlab import _validate as v
from units import CONFLICTS, LOCAL, REGISTRY, UNITS, Conflict


class Use(NamedTuple):
    callable: str  # without "coordlab."
    name: str
    constraint: Any  # the declared Constraint, or None
    obj: Any


def _in_scope(full: str, obj: object) -> bool:
    if full.startswith(("coordlab.models.", "coordlab.exercises.check.")):
        return True
    from coordlab.labs.base import Lab

    return full.startswith("coordlab.labs.") and inspect.isclass(obj) and issubclass(obj, Lab)


def _declared(obj: Any) -> dict[str, Any]:
    if isinstance(obj, type):  # a class declares its own constructor (vars: not its parent's)
        return dict(vars(obj).get("__coordlab_params__", {}))
    return dict(getattr(obj, "__coordlab_params__", {}))


def _walk() -> list[Use]:
    from api_examples import public_callables

    uses = []
    for full, obj in sorted(public_callables().items()):
        if not _in_scope(full, obj):
            continue
        declared = _declared(obj)
        sig = inspect.signature(obj.__init__ if isinstance(obj, type) else obj)
        for i, (name, p) in enumerate(sig.parameters.items()):
            if (i == 0 and name in ("self", "cls")) or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            uses.append(Use(full.removeprefix("coordlab."), name, declared.get(name), obj))
    return uses


@pytest.fixture(scope="module")
def uses() -> list[Use]:
    return _walk()


def violation(unit: str, constraint: Any) -> str | None:
    """Why ``constraint`` contradicts ``unit`` (None when it agrees, or when only the body can check the value)."""
    _, kind, low, high = UNITS[unit]
    c = constraint
    while isinstance(c, (v.Optional, v.WholeMultiple)):
        c = c.inner
    if isinstance(c, v.IntegerList):
        c = c.each
    known = (v.Real, v.RealArray, v.Integer, v.Boolean, v.Choice, v.RealMatrix, v.Instance, v.Text)
    if c is None or not isinstance(c, known):
        return None  # undeclared (tests/test_fuzz_api.py fails on that), v.Checked or a module's own constraint
    reals, numbers = (v.Real, v.RealArray), (v.Real, v.RealArray, v.Integer, v.Boolean, v.RealMatrix)
    wanted = {
        "real": reals,
        "integer": (v.Integer,),
        "time": (*reals, v.Integer),
        "seed": (v.Integer,),
        "flag": (v.Boolean,),
        "choice": (v.Choice,),
        "matrix": (v.RealMatrix,),
        "direction": (v.Choice, *reals),
    }.get(kind)
    if kind == "any":
        return f"declared {c.describe()}, but a {unit} is not a number" if isinstance(c, numbers) else None
    assert wanted is not None, f"tests/units.py: unknown kind {kind!r} of unit {unit!r}"
    if not isinstance(c, wanted):
        return f"declared {c.describe()}, but a {unit} is {UNITS[unit][0]}"
    if kind == "direction" and isinstance(c, v.Choice):
        return None
    if kind == "direction":
        low, high = -1, 1
    lo, hi = getattr(c, "low", None), getattr(c, "high", None)
    if kind == "seed" and (lo, hi) != (low, high):
        return f"declared {c.describe()}, but a seed is v.Seed(), an integer in [0, 2**63 - 1]"
    if low is not None and (lo is None or lo < low):
        return f"declared {c.describe()}, but a {unit} is at least {low}"
    if high is not None and (hi is None or hi > high):
        return f"declared {c.describe()}, but a {unit} is at most {high}"
    return None


def documented(obj: Any) -> set[str]:
    """The names a numpy-style docstring's Parameters (or Other Parameters, or a record's Attributes) section lists."""
    lines = (inspect.getdoc(obj) or "").splitlines()
    names: set[str] = set()
    section = ""
    for i, line in enumerate(lines):
        underline = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line.strip() and underline and set(underline) == {"-"} and len(underline) >= len(line.strip()) - 1:
            section = line.strip()
            continue
        if set(line.strip()) == {"-"}:
            continue
        if section in ("Parameters", "Other Parameters", "Attributes") and line[:1].strip():
            head = line.split(" : ", 1)[0] if " : " in line else line
            names |= {n.strip().lstrip("*") for n in head.split(",")}
    return names


# A function whose name carries a contract's unit (``health_factor_wad``, ``aave_rates_ray``, ``morpho_lif_wad``)
# mirrors the contract's fixed-point arithmetic: there a registered name may take its integer form (CONTRIBUTING).
CONTRACT_FORMS = ("_wad", "_ray", "_rad", "_bps", "_mantissa")


def _contract_form(use: Use) -> bool:
    c = use.constraint
    while isinstance(c, (v.Optional, v.WholeMultiple)):
        c = c.inner
    if isinstance(c, v.IntegerList):
        c = c.each
    named = any(part.endswith(CONTRACT_FORMS) for part in use.callable.split(".")[2:])
    return named and isinstance(c, v.Integer) and c.low is not None and c.low >= 0


def _conflict(use: Use) -> Conflict | None:
    return next((c for c in CONFLICTS.get(use.name, ()) if use.callable in c.uses), None)


def _listing(items: dict[str, list[str]], limit: int = 60) -> str:
    rows = [f"  {k}: {', '.join(sorted(set(vs))[:4])}{' ...' if len(set(vs)) > 4 else ''}" for k, vs in items.items()]
    return "\n".join(rows[:limit]) + (f"\n  ... and {len(rows) - limit} more" if len(rows) > limit else "")


def test_the_registry_is_well_formed():
    assert not set(REGISTRY) & LOCAL, f"registered and local at once: {sorted(set(REGISTRY) & LOCAL)}"
    bad_units = {n: u for n, (u, _) in REGISTRY.items() if u not in UNITS}
    assert not bad_units, f"units not in UNITS: {bad_units}"
    assert all(meaning.strip() for _, meaning in REGISTRY.values()), "every registered name says what it means"
    for name, conflicts in CONFLICTS.items():
        assert name in REGISTRY, f"a known conflict of an unregistered name: {name}"
        for c in conflicts:
            assert c.unit in UNITS and c.meaning.strip() and c.rename.strip(), (name, c)


def test_every_public_parameter_name_is_registered(uses):
    missing: dict[str, list[str]] = defaultdict(list)
    for u in uses:
        if u.name not in REGISTRY and u.name not in LOCAL:
            missing[u.name].append(u.callable)
    assert not missing, (
        "parameter names missing from tests/units.py (add each to REGISTRY with its unit and meaning, or, for a "
        f"paper's symbol defined in the docstring, to LOCAL):\n{_listing(missing)}"
    )


def test_every_registered_name_is_used(uses):
    """A registry entry no callable uses any more is stale (a rename landed): delete it."""
    stale = sorted(set(REGISTRY) - {u.name for u in uses})
    assert not stale, f"tests/units.py registers names no public callable takes: {stale}"


def test_each_declaration_agrees_with_its_unit(uses):
    wrong: dict[str, list[str]] = defaultdict(list)
    for u in uses:
        if u.name not in REGISTRY:
            continue
        conflict = _conflict(u)
        unit = conflict.unit if conflict else REGISTRY[u.name][0]
        why = None if _contract_form(u) else violation(unit, u.constraint)
        if why:
            wrong[f"{u.name} ({unit})"].append(f"{u.callable}: {why}")
    assert not wrong, (
        "a declaration contradicts the name's registered unit: a second meaning of the name (rename it, or list it "
        f"in CONFLICTS) or a wrong bound:\n{_listing(wrong)}"
    )


def test_known_conflicts_still_occur(uses):
    """A conflict the lead has fixed (the callable renamed its parameter) is deleted from CONFLICTS."""
    taken = {(u.callable, u.name) for u in uses}
    stale = [
        f"{name} in {c}" for name, cs in CONFLICTS.items() for conf in cs for c in conf.uses if (c, name) not in taken
    ]
    assert not stale, f"tests/units.py lists conflicts that no longer occur (delete them): {stale}"


def test_local_symbols_are_defined_by_the_docstring(uses):
    undefined: dict[str, list[str]] = defaultdict(list)
    for u in uses:
        if u.name in LOCAL and u.name not in documented(u.obj):
            undefined[u.name].append(u.callable)
    assert not undefined, (
        "a paper's symbol (LOCAL in tests/units.py) means what the callable's docstring says: name it in the "
        f"docstring's Parameters section (or register a descriptive name):\n{_listing(undefined)}"
    )


def test_no_name_has_two_meanings():
    listed = {name: [f"{c.rename} in {', '.join(c.uses)}" for c in cs] for name, cs in CONFLICTS.items()}
    assert not CONFLICTS, f"names with a second meaning (proposed renames):\n{_listing(listed)}"


@pytest.mark.parametrize(
    ("unit", "constraint", "wrong"),
    [
        ("fraction", v.Probability(), False),
        ("fraction", v.Real(0, 1, low_open=True), False),
        ("fraction", v.Real(0, 100), True),  # a percentage
        ("fraction", v.Integer(0, 10_000), True),  # basis points
        ("fraction", v.Optional(v.RealArray(0, 0.5)), False),
        ("bps", v.Integer(0, 10_000), False),
        ("bps", v.Real(0, 1), True),
        ("bps", v.Integer(0, None), True),
        ("wad", v.Integer(0, 2**256 - 1), False),
        ("wad", v.Real(0, 1e30), True),
        ("count", v.Integer(1, 1000), False),
        ("count", v.Real(1, 1000), True),
        ("seed", v.Seed(), False),
        ("seed", v.Integer(0, 100), True),
        ("price", v.Real(1e-6, 1e9), False),
        ("price", v.Real(-1, 1e9), True),
        ("hours", v.Integer(0, 24), False),
        ("hours", v.Real(0, 720), False),
        ("flag", v.Boolean(), False),
        ("flag", v.Integer(0, 1), True),
        ("direction", v.Choice("long", "short"), False),
        ("direction", v.RealArray(-1, 1), False),
        ("direction", v.RealArray(-2, 2), True),
        ("record", v.Real(0, 1), True),
        ("fraction", v.Checked("checked in the body"), False),
        ("fraction", None, False),
    ],
)
def test_the_unit_rules_can_fail(unit, constraint, wrong):
    assert (violation(unit, constraint) is not None) is wrong


def test_the_docstring_reader_finds_parameters():
    def f(a, b, theta):
        """Sum.

        Parameters
        ----------
        a, b : float
            Two numbers.
        theta : float
            A third.

        Returns
        -------
        x : float
        """

    assert documented(f) == {"a", "b", "theta"}
