"""Binder's configuration, checked with repo2docker itself (no Docker needed: --no-build).

repo2docker prints the Dockerfile it would build; it must use binder/environment.yml with
Python 3.11 and run binder/postBuild (TOOLING.md §1).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_repo2docker_reads_our_binder_config(tmp_path):
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    if not exe.exists():
        exe = shutil.which("jupyter-repo2docker")
        if exe is None:
            pytest.skip("jupyter-repo2docker is not installed (pip install -r requirements/test.txt)")
    # a clean copy of what git tracks, so local clutter (.venv, caches) cannot change the result
    src = tmp_path / "repo"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for rel in filter(None, files.decode().split("\0")):
        target = src / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        source = ROOT / rel
        if source.is_symlink():
            target.symlink_to(source.readlink())
        elif source.exists():
            shutil.copy2(source, target)
    out = subprocess.run(
        [str(exe), "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan", str(src)],
        capture_output=True, text=True, timeout=120,
    )
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-3000:]
    assert "Building conda environment for python=3.11" in log, log[-3000:]
    assert '--file "binder/environment.yml"' in log
    assert "RUN ./binder/postBuild" in log
    assert "Python version unspecified" not in log
