"""The package's layers: models are pure, plotting draws what it is given, import stays light."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "coordlab"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (top level or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def _fresh(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("path", sorted((PKG / "models").glob("*.py")), ids=lambda p: p.name)
def test_models_never_import_plotting_or_widgets(path):
    bad = {
        m
        for m in _imports(path)
        if m.split(".")[0] in {"matplotlib", "ipywidgets", "IPython"}
        or m.startswith(("coordlab.plotting", "coordlab.labs"))
    }
    assert not bad, f"{path.name} imports {sorted(bad)}: models must stay pure"


@pytest.mark.parametrize("path", sorted((PKG / "plotting").glob("*.py")), ids=lambda p: p.name)
def test_plotting_never_computes_a_model_or_makes_widgets(path):
    bad = {
        m
        for m in _imports(path)
        if m.startswith(("coordlab.models", "coordlab.labs")) or m.split(".")[0] in {"ipywidgets", "nashpy", "scipy"}
    }
    assert not bad, f"{path.name} imports {sorted(bad)}: plotting draws results it is given"


def test_import_coordlab_is_light():
    loaded = _fresh(
        "import sys, json, time; t = time.perf_counter(); import coordlab; t = time.perf_counter() - t;"
        "print(json.dumps({'heavy': [m for m in ('matplotlib', 'ipywidgets', 'nashpy', 'scipy') if m in sys.modules],"
        " 'seconds': t}))"
    )
    assert loaded["heavy"] == []
    assert loaded["seconds"] < 1.0  # loose: the 0.3 s budget is measured in benchmarks/


def test_models_load_without_matplotlib_or_widgets():
    loaded = _fresh(
        "import sys, json; from coordlab.models import games, bank_run, global_game;"
        "games.equilibria(games.stag_hunt()); bank_run.optimal_contract(); global_game.threshold_normal();"
        "print(json.dumps([m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]))"
    )
    assert loaded == []
