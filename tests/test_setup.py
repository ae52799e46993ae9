"""Set-up that repairs itself: ./course checks the environment (not only its stamp), doctor diagnoses without numpy.

Issue 15: a ``.venv`` with a package uninstalled was never repaired (``./course`` compared only
its stamp file) and ``python -m coordlab doctor`` died importing numpy before it could say so;
``PYTHON=/nonexistent ./course`` silently used ``python3``.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from notebook_tools import ROOT

check_venv = importlib.import_module("tools.check_venv")


def test_check_venv_finds_missing_changed_and_broken_packages(tmp_path):
    lock = tmp_path / "lock.txt"
    lock.write_text("# a comment\nnumpy==0.0.1\nno-such-package-coordlab==1.0\n")
    found = check_venv.problems(lock)
    assert any(f.startswith("version numpy==0.0.1 (have ") for f in found)
    assert "missing no-such-package-coordlab==1.0" in found
    lock.write_text("")  # nothing pinned: only the imports are checked, and this environment has them all
    assert check_venv.problems(lock) == []


def test_check_venv_finds_a_package_with_files_gone(tmp_path, monkeypatch):
    """A half-deleted package (its metadata says installed) is found without importing it."""
    from importlib import metadata

    real = metadata.distributions
    dist = next(d for d in real() if d.metadata["Name"] == "jupyterlab_widgets")
    lock = tmp_path / "lock.txt"
    lock.write_text(f"jupyterlab_widgets=={dist.version}\n")
    gone = str(next(f for f in dist.files if f.suffix == ".py"))  # RECORD spells paths with "/" as PackagePath does
    original = type(dist).locate_file
    monkeypatch.setattr(
        type(dist), "locate_file", lambda self, f: tmp_path / "nowhere" if str(f) == gone else original(self, f)
    )
    found = check_venv.problems(lock)
    assert found == [f"files jupyterlab_widgets=={dist.version} (1 of its files are gone, e.g. {gone})"]


def test_check_venv_passes_on_this_environment():
    assert check_venv.problems(ROOT / "requirements" / "lock.txt") == []


def _blocking_sitecustomize(folder: Path, module: str) -> Path:
    """A sitecustomize that makes ``import module`` fail, as a half-deleted package does."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(f"import sys\nsys.modules[{module!r}] = None\n")
    return folder


def test_doctor_diagnoses_a_missing_numpy_and_gives_a_command(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(_blocking_sitecustomize(tmp_path, "numpy"))}
    out = subprocess.run(
        [sys.executable, "-m", "coordlab", "doctor"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    assert "FIX  numpy:" in out.stdout and "does not import" in out.stdout
    fix = out.stdout.split("FIX  numpy:", 1)[1].splitlines()[1]
    assert "-m pip install --force-reinstall numpy==" in fix or "/course lab" in fix, fix
    assert "checks need fixing" in out.stdout


def test_doctor_advice_is_a_command_for_this_python(monkeypatch):
    from coordlab import doctor

    monkeypatch.setattr(doctor, "_in_course_venv", lambda: False)
    assert doctor._install("numpy", "2.4.6") == f"{sys.executable} -m pip install numpy==2.4.6"
    monkeypatch.setattr(doctor, "_in_course_venv", lambda: True)
    monkeypatch.setattr(doctor.sys, "prefix", str(doctor.ROOT / ".venv"))
    assert doctor._install("numpy", "2.4.6").startswith(f"{doctor.ROOT / 'course'} lab")  # works from notebooks/ too
    monkeypatch.setattr(doctor.sys, "prefix", "/somewhere/.venv-3.12")
    assert doctor._install("numpy", "2.4.6").startswith(
        f"COORDLAB_VENV=/somewhere/.venv-3.12 {doctor.ROOT / 'course'} lab"
    )


def test_doctor_accepts_every_supported_python():
    from coordlab import doctor

    assert doctor.SUPPORTED_PYTHONS == ((3, 11), (3, 12), (3, 13))
    python = next(c for c in doctor.checks() if c.name == "Python")
    assert python.ok == (sys.version_info[:2] in doctor.SUPPORTED_PYTHONS)
    with pytest.raises(TypeError, match="details must be True or False, got int 1"):
        doctor.report(details=1)


def _fake_venv(tmp_path: Path, broken: str) -> tuple[Path, Path]:
    """A venv whose python is this one, with ``broken`` failing to import until pip is run; pip calls are logged."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    site = _blocking_sitecustomize(tmp_path / "site", broken)
    log = tmp_path / "pip.log"
    marker = tmp_path / "broken"
    marker.touch()
    (venv / "bin" / "python").write_text(
        textwrap.dedent(f"""\
        #!/usr/bin/env bash
        if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "$*" >> {log}; rm -f {marker}; exit 0; fi
        if [ -e {marker} ]; then export PYTHONPATH={site}; fi
        exec {sys.executable} "$@"
        """)
    )
    (venv / "bin" / "python").chmod(0o755)
    want = hashlib.sha256(
        (ROOT / "requirements" / "lock.txt").read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    ).hexdigest()
    (venv / ".coordlab-stamp").write_text(want + "\n")  # the stamp says all is well
    return venv, log


@pytest.mark.skipif(
    not (Path(sys.prefix) / ".coordlab-stamp").exists(),
    reason="needs the environment ./course set up (run ./course test)",
)
def test_course_repairs_an_environment_whose_stamp_is_current(tmp_path):
    venv, log = _fake_venv(tmp_path, "ipywidgets")
    out = subprocess.run(
        ["bash", str(ROOT / "course"), "lecture"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COORDLAB_VENV": str(venv)},
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "repairing" in out.stdout and "broken ipywidgets" in out.stdout
    assert "install -q --disable-pip-version-check -r requirements/lock.txt" in log.read_text()
    assert "the lecture pages" in out.stdout  # and then it did what it was asked


def test_course_refuses_a_python_that_does_not_exist(tmp_path):
    out = subprocess.run(
        ["bash", str(ROOT / "course"), "lecture"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHON": "/nonexistent/python3.11", "COORDLAB_VENV": str(tmp_path / "new-venv")},
        timeout=60,
    )
    assert out.returncode == 1
    assert "PYTHON=/nonexistent/python3.11: no such command" in out.stderr
    assert not (tmp_path / "new-venv").exists()
