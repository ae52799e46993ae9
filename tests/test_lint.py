"""Lint and format: ruff (``pyproject.toml``'s ``[tool.ruff]``) over the package, the tools, the benchmarks, the tests.

``ruff format --check`` fails on any file the formatter would change; ``ruff check`` on pycodestyle and pyflakes
errors, unsorted imports, bugbear's likely bugs, pre-3.11 idioms, and private members reached from outside their
module (SLF001). Fix with ``ruff format . && ruff check --fix .`` (from the venv: ``.venv/bin/ruff``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from notebook_tools import ROOT

PATHS = ["coordlab", "tools", "benchmarks", "tests", "conftest.py"]


def _ruff() -> list[str]:
    exe = Path(sys.executable).with_name("ruff")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("ruff")
    if found is None:
        pytest.fail("ruff is not installed in this environment: it is pinned in requirements/test.txt")
    return [found]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*_ruff(), *args, *PATHS], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_ruff_check():
    out = _run("check", "--no-cache", "--output-format", "concise")
    assert out.returncode == 0, (
        f"ruff check found problems (fix: ruff check --fix .):\n{out.stdout[-4000:]}{out.stderr[-2000:]}"
    )


def test_ruff_format():
    out = _run("format", "--check", "--no-cache")
    assert out.returncode == 0, (
        f"ruff format would change these files (run: ruff format .):\n{out.stdout[-4000:]}{out.stderr[-2000:]}"
    )


def test_the_lint_configuration_is_the_projects():
    """The settings the checks run with: 120 columns, Python 3.11, the rules CONTRIBUTING names."""
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]
    assert conf["line-length"] == 120 and conf["target-version"] == "py311"
    assert {"E", "F", "W", "I", "B", "UP", "SLF"} <= set(conf["lint"]["select"])
