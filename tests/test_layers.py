"""The package's layers: models are pure, plotting draws what it is given, import stays light.

The import rules are import-linter contracts in ``pyproject.toml`` (``[tool.importlinter]``), run here with
``lint-imports`` (``.venv/bin/lint-imports``): models import no figure, widget or notebook display and nothing
above them; plotting imports no model, lab, exercise, widget, nashpy or scipy; labs and exercises sit on top and
do not import each other; ``coordlab`` does not import ``tools``. What a static graph cannot see stays here:
what ``import coordlab`` and the models actually load.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "coordlab"


def _fresh(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.fail("import-linter is not installed in this environment: it is pinned in requirements/test.txt")
    return subprocess.run([str(exe), "--no-cache", "--no-logo"], cwd=root, capture_output=True, text=True, timeout=300)


def _contracts() -> dict[str, str]:
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {c["id"]: c["name"] for c in conf["contracts"]}


def test_the_layers_hold():
    """``lint-imports`` with ``pyproject.toml``'s contracts: every import, at the top or inside a function."""
    out = _lint_imports(ROOT)
    assert out.returncode == 0, (
        f"an import crosses a layer (run: .venv/bin/lint-imports):\n{out.stdout[-5000:]}{out.stderr[-2000:]}"
    )
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in out.stdout


def test_the_contracts_are_the_projects():
    """The layers CONTRIBUTING names: pure models, plotting that draws, labs and exercises on top, no tools."""
    assert set(_contracts()) == {"layers", "models-pure", "plotting-draws", "package-without-tools"}


# one violating import per contract, deferred inside a function (import-linter sees those too)
VIOLATIONS = {
    "models-pure": ("models/games.py", "import matplotlib.pyplot"),
    "plotting-draws": ("plotting/style.py", "from coordlab.models import games"),
    "layers": ("labs/base.py", "from coordlab.exercises import check"),
    "package-without-tools": ("course.py", "from tools import slides"),
}


def test_each_contract_can_fail(tmp_path):
    """In a copy of the package and the tools, one bad import per contract breaks that contract (and so the test)."""
    shutil.copytree(PKG, tmp_path / "coordlab", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for path, line in VIOLATIONS.values():
        with (tmp_path / "coordlab" / path).open("a") as fh:
            fh.write(f"\n\ndef _violation() -> None:\n    {line}\n")
    out = _lint_imports(tmp_path)
    assert out.returncode != 0
    names = _contracts()
    for contract in VIOLATIONS:
        assert f"{names[contract]} BROKEN" in " ".join(out.stdout.split()), f"{contract} was not broken:\n{out.stdout}"


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
