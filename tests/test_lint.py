"""Lint, format and types: ruff and mypy, with the settings of ``pyproject.toml`` (issue 17).

``ruff format --check`` fails on any file the formatter would change; ``ruff check`` on pycodestyle and pyflakes
errors, unsorted imports, bugbear's likely bugs, pre-3.11 idioms, private members reached from outside their
module (SLF001), and, in ``coordlab/`` and ``tools/``, a function without annotations (ANN). Fix with
``ruff format . && ruff check --fix .`` (from the venv: ``.venv/bin/ruff``). ``mypy`` (``.venv/bin/mypy``, no
argument: ``[tool.mypy]`` names the files) type-checks the package and the tools, every function annotated.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from notebook_tools import ROOT

PATHS = ["coordlab", "tools", "benchmarks", "tests", "conftest.py"]


def _tool(name: str) -> list[str]:
    """The venv's own copy of a checker (the pinned version), else the one on the PATH."""
    exe = Path(sys.executable).with_name(name)
    if exe.exists():
        return [str(exe)]
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed in this environment: it is pinned in requirements/test.txt")
    return [found]


def _ruff() -> list[str]:
    return _tool("ruff")


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


def test_the_annotation_rules_hold_the_package_and_the_tools():
    """ANN001/201/202/204/206 for coordlab/ and tools/; tests and benchmarks are not an API."""
    import tomllib

    lint = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert {"ANN001", "ANN201", "ANN202", "ANN204", "ANN206"} <= set(lint["select"])
    ignored = lint["per-file-ignores"]
    assert "ANN" in ignored["tests/**"] and "ANN" in ignored["benchmarks/**"]
    assert not any("ANN" in rules for glob, rules in ignored.items() if glob.startswith(("coordlab", "tools")))


def test_mypy():
    """mypy over ``[tool.mypy]``'s files (coordlab/, tools/): no error, every function fully annotated."""
    out = subprocess.run(
        [*_tool("mypy"), "--no-error-summary", "--show-error-codes"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = out.stdout.splitlines()
    per_file: dict[str, int] = {}
    for line in lines:
        if ": error:" in line:
            per_file[line.split(":", 1)[0]] = per_file.get(line.split(":", 1)[0], 0) + 1
    summary = "".join(f"  {n:4d}  {f}\n" for f, n in sorted(per_file.items(), key=lambda kv: -kv[1]))
    assert out.returncode == 0, (
        f"mypy found {sum(per_file.values())} errors in {len(per_file)} files (run: .venv/bin/mypy):\n{summary}\n"
        + "\n".join(lines[:80])
        + out.stderr[-2000:]
    )


def test_the_mypy_configuration_is_the_projects():
    """The settings mypy runs with: Python 3.11, the package and the tools, every function annotated."""
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert conf["python_version"] == "3.11" and conf["files"] == ["coordlab", "tools"]
    assert conf["check_untyped_defs"] and conf["warn_unused_ignores"]
    strict = next(o for o in conf["overrides"] if "coordlab.*" in o["module"])
    assert "tools.*" in strict["module"] and strict["disallow_untyped_defs"] and strict["disallow_incomplete_defs"]
    # only packages without type information may be skipped: each listed one ships no py.typed
    import importlib.util

    skipped = [o for o in conf["overrides"] if o.get("ignore_missing_imports")]
    for module in (m.removesuffix(".*") for o in skipped for m in o["module"]):
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin is not None, f"{module} is not installed"
        assert not (Path(spec.origin).parent / "py.typed").exists(), f"{module} ships types: do not ignore it"
