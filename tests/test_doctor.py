"""The doctor's quick check (a notebook's first cell) reads versions without importing heavy packages, and stays
honest.

Issue 13's budget: notebook 00 spent seconds importing the JupyterLab server package only to print its version.
"""

from __future__ import annotations

import json
import subprocess
import sys

from coordlab import doctor


def _fresh(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_quick_check_does_not_import_the_server_or_nashpy():
    got = _fresh(
        "import json, sys; from coordlab import doctor; r = doctor.report(details=False);"
        "print(json.dumps({'r': r, 'mods': [m for m in ('jupyterlab', 'nashpy') if m in sys.modules]}))"
    )
    assert got["mods"] == []
    assert got["r"].startswith("All ") and "checks passed" in got["r"]


def test_full_check_imports_everything():
    got = _fresh(
        "import json, sys; from coordlab import doctor; doctor.checks(full=True);"
        "print(json.dumps([m for m in ('jupyterlab', 'nashpy', 'ipykernel') if m not in sys.modules]))"
    )
    assert got == []


def test_quick_check_says_what_it_did_not_import():
    found = {c.name: c for c in doctor.checks()}
    for dist in ("jupyterlab",):
        assert found[dist].ok
        if "jupyterlab" not in sys.modules:
            assert "not imported" in found[dist].detail
    assert doctor.LOCATED == {"nashpy", "ipykernel", "jupyterlab"}


def test_a_module_that_cannot_be_found_is_reported(monkeypatch):
    monkeypatch.setitem(sys.modules, "jupyterlab", None)  # as a half-deleted package looks to the import system
    bad = next(c for c in doctor.checks() if c.name == "jupyterlab")
    assert not bad.ok and "does not" in bad.detail and ("--force-reinstall" in bad.fix or "course" in bad.fix)


def test_locate_reports_missing_code(monkeypatch, tmp_path):
    assert doctor._locate("json") is None
    assert "no module named" in doctor._locate("coordlab_no_such_module")


def test_notebook_00_says_what_the_quick_check_imports():
    """Notebook 00's prose names the packages the quick check only locates, as LOCATED lists them."""
    from notebook_tools import NOTEBOOK_DIR, markdown, read

    text = markdown(read(NOTEBOOK_DIR / "00_start_here.ipynb"))
    assert "nashpy, the kernel package and the JupyterLab server package are only located, not imported" in text
    assert doctor.LOCATED == {"nashpy", "ipykernel", "jupyterlab"}
    assert "`python -m coordlab doctor` prints the full check and imports every package" in text
