"""The API conventions of CONTRIBUTING.md ("API conventions", issue 17) that a machine can hold.

- **Results**: no public callable of a model module returns a dict (nor a tuple or list holding one) or a
  tuple (``prices, size = book.ladder()`` reads positions a reader must remember; a record names them):
  a record is a frozen dataclass with documented fields. Checked on each callable's valid example
  (``tests/api_examples.py``), so a new function is held to it as soon as it has its example.
- **Privacy**: no private name (``_x``) of one module is used by another, in ``coordlab/``, ``tools/`` or
  ``benchmarks/``: neither imported (``from coordlab.models.dilemma import _pd_payoffs``) nor reached through
  a module or an object imported from one (``tournament._table``). A private *module* of the package
  (``coordlab._validate``) is the package's own and may be imported by its modules. Tests may reach a module's private
  helpers (white-box tests of its
  arithmetic); the package and the tools may not.
- **Lint and format**: ``tests/test_lint.py``.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from api_examples import CLASSES, FUNCTIONS, METHODS
from notebook_tools import ROOT
from test_fuzz_api import _call, _resolve

MODEL_CASES = sorted(n for n in {**FUNCTIONS, **CLASSES, **METHODS} if n.startswith("coordlab.models."))

# Known remaining tuple results, each with the reason it is still here; remove a line when its record lands
# (the test below fails on a stale line). Each has callers outside the models (a lab, a notebook, a worked
# example) that move with it in one change.
TUPLE_RESULTS: set[str] = set()


def _dicts_in(value, depth: int = 0) -> list[str]:
    """Where a dict sits in ``value`` (itself, or an item of a tuple or list), as short paths."""
    if isinstance(value, dict):
        return ["the result"]
    if depth < 2 and isinstance(value, (tuple, list)) and len(value) <= 50:
        return [f"item {i}" for i, item in enumerate(value) if _dicts_in(item, depth + 1)]
    return []


def _shape_problem(name: str, out: object) -> str | None:
    """Why ``out`` is not a result the conventions allow (None when it is)."""
    where = _dicts_in(out)
    if where:
        return f"{name} returns a dict ({', '.join(where)}): return a frozen dataclass with documented fields"
    if isinstance(out, tuple) and name not in TUPLE_RESULTS and not _records_of_one_kind(out):
        return f"{name} returns a tuple of {len(out)}: return a frozen dataclass with documented fields"
    return None


def _records_of_one_kind(value: tuple) -> bool:
    """A tuple of records of one dataclass (one per seed, say) is a collection, not positional fields."""
    kinds = {type(x) for x in value}
    return len(kinds) == 1 and all(dataclasses.is_dataclass(k) for k in kinds)


def test_the_result_check_finds_a_dict_and_a_tuple():
    """The check itself: a dict (alone or in a tuple) and a tuple are refused; numbers, arrays and records are not."""
    assert _shape_problem("f", {"a": 1}) == (
        "f returns a dict (the result): return a frozen dataclass with documented fields"
    )
    assert _shape_problem("f", (1.0, {"a": 1})).startswith("f returns a dict (item 1)")
    assert _shape_problem("f", (1.0, 2.0)) == "f returns a tuple of 2: return a frozen dataclass with documented fields"
    assert _shape_problem("coordlab.models.statemachine.replay", (1.0, "h", ())) is not None  # nothing is exempt
    assert [_shape_problem("f", x) for x in (1.0, np.zeros(3), [1.0, 2.0])] == [None, None, None]

    @dataclasses.dataclass(frozen=True)
    class A:
        x: float

    @dataclasses.dataclass(frozen=True)
    class B:
        y: float

    assert _shape_problem("f", (A(1.0), A(2.0))) is None  # one record per seed: a collection
    assert _shape_problem("f", (A(1.0), B(2.0))) == (
        "f returns a tuple of 2: return a frozen dataclass with documented fields"
    )


def test_known_tuple_results_are_public_callables_with_examples():
    """A stale entry of TUPLE_RESULTS (a renamed method, a record landed) is removed, not kept."""
    assert TUPLE_RESULTS <= set(MODEL_CASES)


@pytest.mark.parametrize("name", MODEL_CASES, ids=[n.removeprefix("coordlab.") for n in MODEL_CASES])
def test_model_results_are_never_dicts_or_tuples(name):
    _, make, valid = _resolve(name)
    kind, out = _call(make, dict(valid))
    assert kind == "result", f"the valid example of {name} fails: {out!r}"
    problem = _shape_problem(name, out)
    assert problem is None, problem
    if name in TUPLE_RESULTS:
        assert isinstance(out, tuple), f"{name} no longer returns a tuple: remove it from TUPLE_RESULTS"
    if dataclasses.is_dataclass(out) and not isinstance(out, type):
        assert type(out).__dataclass_params__.frozen, f"{name} returns a dataclass that is not frozen"


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _crossings(path: Path, source: str | None = None) -> list[str]:
    """Private names of another module that ``path`` imports or reaches through a name it imported."""
    tree = ast.parse(path.read_text() if source is None else source, filename=str(path))
    own = _module_name(path)
    modules = set()  # local names bound to imported modules of the repository
    found = []
    ours = ("coordlab", "tools", "benchmarks")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ours:
                    modules.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ours:
            for alias in node.names:
                if _is_module(f"{node.module}.{alias.name}"):  # coordlab._validate: the package's own helpers
                    modules.add(alias.asname or alias.name)
                elif alias.name.startswith("_") and not alias.name.startswith("__") and node.module != own:
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
                elif not alias.name.startswith("_"):
                    modules.add(alias.asname or alias.name)  # may be a module (from coordlab.models import cascade)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return found


def _sources() -> list[Path]:
    return sorted(p for d in ("coordlab", "tools", "benchmarks") for p in (ROOT / d).rglob("*.py"))


def test_the_privacy_check_finds_a_crossing():
    """The check itself: another module's private name imported, or reached through a module or an object
    imported from one, is found; the module's own names and dunders are not."""
    probe = ROOT / "coordlab" / "models" / "dilemma.py"
    source = (
        "from coordlab.models.tournament import PAYOFF, _hidden\nfrom coordlab.models import tournament\n"
        "from coordlab.models.dilemma import _mine\nx = tournament._table\ny = PAYOFF._row\n"
        "z = tournament.__name__\nw = _mine._x\n"
    )
    assert _crossings(probe, source) == [
        "line 1: from coordlab.models.tournament import _hidden",
        "line 4: tournament._table",
        "line 5: PAYOFF._row",
    ]


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_crosses_a_module(path):
    found = _crossings(path)
    assert not found, (
        f"{path.relative_to(ROOT)} uses another module's private names (make them public and "
        f"documented, or keep the use inside their module): {found}"
    )
