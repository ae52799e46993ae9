"""Reading the course's notebooks in tests (shared by the structure and worked-example tests), and loading scripts."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NAME = re.compile(r"^(\d\d)_([a-z0-9_]+)\.ipynb$")


def notebook_paths() -> list[Path]:
    return sorted(p for p in NOTEBOOK_DIR.glob("*.ipynb"))


def read(path: Path):
    return nbformat.read(path, as_version=4)


def markdown(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def tags(cell) -> list[str]:
    return list(cell.metadata.get("tags", []))


def load_script(relative: str):
    """Import a script of the repository that is not a package module (``benchmarks/run.py``, ``tools/hub.py``)."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location("coordlab_script_" + path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses (and pickling) look their module up here
    spec.loader.exec_module(module)
    return module


def worked_solution(nb, heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    start = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith(heading))
    details = next(c.source for c in nb.cells[start:] if c.cell_type == "markdown" and "<details>" in c.source)
    namespace: dict = {}
    exec(re.search(r"```python\n(.*?)```", details, re.S)[1], namespace)  # noqa: S102 - the notebook's own code
    return namespace
