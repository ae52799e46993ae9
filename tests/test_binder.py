"""Binder's configuration, checked with repo2docker itself (no Docker needed: --no-build).

repo2docker prints the Dockerfile it would build: Python 3.11 (binder/runtime.txt), the lock's
course packages pip-installed into the image's one environment (binder/requirements.txt), then
binder/postBuild. The image starts from repo2docker's own base environment (JupyterLab, the
classic notebook, JupyterHub's single-user server...): every package of it that the course does
not pin must be in the tested lock at exactly the image's version, so the tests ran beside it.
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
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-3000:]
    assert "Building conda environment for python=3.11" in log, log[-3000:]
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in log  # one environment: the server's is the kernel's
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in log
    assert "RUN ./binder/postBuild" in log
    assert "Python version unspecified" not in log and "environment.yml" not in log.split("FROM", 1)[-1]


def _base_image() -> tuple[list[str], dict[str, str]]:
    """repo2docker's base environment for Python 3.11: its top-level packages and every locked version."""
    import re

    import repo2docker

    conda = Path(repo2docker.__file__).parent / "buildpacks" / "conda"
    deps = (conda / "environment.py-3.11.yml").read_text().split("dependencies:", 1)[1]
    top = [
        re.split(r"[=<> ]", line.strip()[2:])[0].lower()
        for line in deps.splitlines()
        if line.startswith("- ") and not line.startswith(("- python=", "- nodejs", "- pip"))
    ]
    locked = {}
    for m in re.finditer(
        r"/(?:noarch|linux-64)/([A-Za-z0-9_.\-]+?)-(\d[^-/]*)-[^-/]+\.conda",
        (conda / "environment.py-3.11-linux-64.lock").read_text(),
    ):
        locked[m[1].lower()] = m[2]
    return top, locked


def test_binder_pins_fit_the_image_repo2docker_starts_from():
    """Issue 15: JupyterLab 4.6 in an image whose notebook 7.4.7 requires JupyterLab < 4.5 is a broken build."""
    import re

    pytest.importorskip("repo2docker")
    top, locked = _base_image()
    assert {"jupyterlab", "notebook", "jupyter_server", "ipywidgets"} <= set(top)

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name.lower())

    def pins(path: Path) -> dict[str, str]:
        return {
            norm(l.split("==")[0]): l.split("==")[1].strip()
            for l in path.read_text().splitlines()
            if "==" in l and not l.startswith("#")
        }

    binder, lock = pins(ROOT / "binder" / "requirements.txt"), pins(ROOT / "requirements" / "lock.txt")
    pypi = {"jupyterhub-singleuser": "jupyterhub"}  # conda-forge splits JupyterHub; PyPI has one package
    for conda_name in top:
        name = norm(pypi.get(conda_name, conda_name))
        if name in binder:
            continue  # pip installs the course's version over the image's, and the tests ran with it
        version = locked[conda_name]
        assert lock.get(name) == version, (
            f"the image holds {conda_name} {version} and the course does not pin it: pin {name}=={version} in "
            f"requirements/test.txt so the tests run beside it (lock.txt has {lock.get(name)})"
        )
    assert binder["notebook"].split(".")[:2] == ["7", binder["jupyterlab"].split(".")[1]]  # notebook 7.N <-> lab 4.N
