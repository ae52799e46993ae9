"""The CPU-independence probe finds what it claims to find (tests/cpu_probe.py), and stays silent otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

import cpu_probe
from notebook_tools import ROOT


@pytest.mark.parametrize(
    "x, step, near",
    [
        (0.97525, 1e-4, True),  # notebook 10's tie, whichever side its last bit falls
        (0.97526, 1e-4, False),
        (2.675, 1e-2, True),  # the classic: 2.67499999999999982236431605997495353221893310546875
        (0.125, 1e-2, True),
        (-0.125, 1e-2, True),
        (0.5, 1.0, True),
        (0.4, 1.0, False),
        (50.0, 1e-8, False),  # many digits of a round number: no tie within a thousandth of a step
        (0.0, 1e-3, False),
    ],
)
def test_near_boundary(x, step, near):
    assert cpu_probe.near_boundary(x, step) is near


def _run(code: str, tmp_path, monkeypatch) -> list[dict]:
    """Rewrite ``code`` as the probe does, run it, return what it found."""
    findings = tmp_path / "findings.jsonl"
    monkeypatch.setenv(cpu_probe.ENV, str(findings))
    tree = cpu_probe.rewrite_source(textwrap.dedent(code), "<probe test>", "snippet")
    exec(compile(tree, "<probe test>", "exec"), {"__name__": "probe_test"})
    if not findings.exists():
        return []
    return [json.loads(line) for line in findings.read_text().splitlines()]


@pytest.mark.parametrize(
    "code, kind",
    [
        ('x = 4.87625 / 5\ntext = f"{x:.4f}"', "format"),
        ("x = 0.125\ny = round(x, 2)", "round"),
        ('x = 0.125\ntext = format(x, ".2f")', "format"),
        ('x = 0.125\ntext = "{:.2f} and {}".format(x, 1)', "format"),
        ('x = 0.125\ntext = "%.2f" % x', "format"),
        ('x = 0.125\ntext = "%(v).2f" % {"v": x}', "format"),
        ("import numpy as np\ny = np.round(np.array([0.125, 0.3]), 2)", "round"),
        ("import numpy as np\ny = np.array([0.3, 0.125]).round(2)", "round"),
        ("print(0.1 + 0.2)", "repr"),
        ("xs = [0.1 + 0.2]\nprint(*xs)", "repr"),
        ('text = f"{0.1 + 0.2:.17f}"', "format"),
    ],
)
def test_the_probe_finds_each_way_of_printing_a_fragile_number(code, kind, tmp_path, monkeypatch, capsys):
    found = _run(code, tmp_path, monkeypatch)
    assert [f["kind"] for f in found] == [kind], found


@pytest.mark.parametrize(
    "code",
    [
        'x = 0.97526\ntext = f"{x:.4f} {x:.2%} {x:g}"',
        "y = round(0.13, 2) + round(3.7)",
        'text = "{:.3f}".format(0.1234) + "%.1f" % 0.26 + format(1.6, ".0f")',
        "import numpy as np\ny = np.round(np.array([0.124, 0.3]), 2)",
        "print(0.5, 1.25, 'text', 3)",
        'text = f"{0.5:.17f}"',
        "y = round(0.1 + 0.2, 12)",  # a clean-up to 12 decimals is not a printed result
    ],
)
def test_the_probe_says_nothing_of_stable_numbers(code, tmp_path, monkeypatch, capsys):
    assert _run(code, tmp_path, monkeypatch) == []


def test_the_probe_never_changes_what_the_code_computes(tmp_path, monkeypatch, capsys):
    code = """
    import numpy as np
    out = [f"{0.125:.2f}", round(2.675, 2), format(0.5, ".0f"), "{:.1f}".format(0.25), "%.2f" % 0.125,
           np.round(np.array([0.125]), 2).tolist(), np.array([0.125]).round(2).tolist()]
    """
    namespace: dict = {"__name__": "probe_test"}
    monkeypatch.setenv(cpu_probe.ENV, str(tmp_path / "f.jsonl"))
    exec(compile(cpu_probe.rewrite_source(textwrap.dedent(code), "<t>", "t"), "<t>", "exec"), namespace)
    plain: dict = {}
    exec(textwrap.dedent(code), plain)
    assert namespace["out"] == plain["out"]


def test_a_cell_shows_its_last_value_through_the_probe(tmp_path, monkeypatch):
    findings = tmp_path / "findings.jsonl"
    monkeypatch.setenv(cpu_probe.ENV, str(findings))
    import ast

    tree = cpu_probe.bind_probe(cpu_probe.Rewriter("cell", display_last=True).visit(ast.parse("x = 0.1 + 0.2\nx")))
    namespace: dict = {}
    exec(compile(tree, "<cell>", "exec"), namespace)
    assert json.loads(findings.read_text())["kind"] == "repr"


def test_the_import_hook_rewrites_a_package_as_it_is_imported(tmp_path):
    """The hook compiles a package's modules through the probe (in a fresh interpreter: no module cache)."""
    package = tmp_path / "probe_selftest_pkg"
    package.mkdir()
    (package / "__init__.py").write_text('def show(x):\n    return f"{x:.4f}"\n')
    findings = tmp_path / "findings.jsonl"
    paths = [str(ROOT / "tests"), str(tmp_path)]
    code = (
        f"import sys; sys.path[:0] = {paths!r}; import cpu_probe; cpu_probe.install_import_hook('probe_selftest_pkg');"
        "import probe_selftest_pkg as p; print(p.show(4.87625 / 5))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, cpu_probe.ENV: str(findings)},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() in ("0.9752", "0.9753")
    found = [json.loads(line) for line in findings.read_text().splitlines()]
    assert [f["kind"] for f in found] == ["format"] and "probe_selftest_pkg" in found[0]["where"]
