"""The API conventions of CONTRIBUTING.md ("API conventions", issue 17) that a machine can hold.

- **Results**: no public callable of a model module returns a dict (nor a tuple or list holding one);
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

import pytest

from api_examples import CLASSES, FUNCTIONS, METHODS
from notebook_tools import ROOT
from test_fuzz_api import _call, _resolve

MODEL_CASES = sorted(n for n in {**FUNCTIONS, **CLASSES, **METHODS} if n.startswith("coordlab.models."))


def _dicts_in(value, depth: int = 0) -> list[str]:
    """Where a dict sits in ``value`` (itself, or an item of a tuple or list), as short paths."""
    if isinstance(value, dict):
        return ["the result"]
    if depth < 2 and isinstance(value, (tuple, list)) and len(value) <= 50:
        return [f"item {i}" for i, item in enumerate(value) if _dicts_in(item, depth + 1)]
    return []


@pytest.mark.parametrize("name", MODEL_CASES, ids=[n.removeprefix("coordlab.") for n in MODEL_CASES])
def test_model_results_are_never_dicts(name):
    _, make, valid = _resolve(name)
    kind, out = _call(make, dict(valid))
    assert kind == "result", f"the valid example of {name} fails: {out!r}"
    where = _dicts_in(out)
    assert not where, f"{name} returns a dict ({', '.join(where)}): return a frozen dataclass with documented fields"
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
