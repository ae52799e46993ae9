"""pip, conda and Binder users get the same packages at the same versions.

``requirements/course.txt`` (pip), ``environment.yml`` (conda) and ``binder/environment.yml``
(Binder) must state the same pins; ``requirements/lock.txt`` (what ``./course`` installs)
must contain every pin of course.txt and test.txt; Python is 3.11 everywhere.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# conda-forge name of each pip package whose name differs (none today; add here, don't guess)
CONDA_NAME = {}


def _pip_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        assert m, f"{path.name}: every requirement must be pinned with ==, got {line!r}"
        pins[re.sub(r"[-_.]+", "-", m[1].lower())] = m[2]
    return pins


def _conda_deps(path: Path) -> dict[str, str | None]:
    deps, inside = {}, False
    for line in path.read_text().splitlines():
        if line.startswith("dependencies:"):
            inside = True
            continue
        if inside:
            m = re.fullmatch(r"\s+-\s+([A-Za-z0-9_.\-]+)(?:=([^\s#]+))?\s*(?:#.*)?", line)
            if m:
                deps[m[1].lower()] = m[2]
            elif line.strip() and not line.startswith(" "):
                inside = False
    return deps


def test_conda_and_pip_pins_agree():
    pip = _pip_pins(ROOT / "requirements" / "course.txt")
    conda = _conda_deps(ROOT / "environment.yml")
    assert conda.pop("python") == "3.11"
    assert conda.pop("pip") is None
    as_conda = {CONDA_NAME.get(name, name): version for name, version in pip.items()}
    assert conda == as_conda


def test_binder_uses_the_same_environment_file():
    binder = ROOT / "binder" / "environment.yml"
    assert binder.exists()
    if binder.is_symlink():
        assert os.readlink(binder) == "../environment.yml"
    assert binder.read_text() == (ROOT / "environment.yml").read_text()
    # a top-level binder/ hides every other config file from repo2docker (TOOLING.md §1)
    assert not (ROOT / ".binder").exists()
    assert not any((ROOT / "binder" / f).exists() for f in ("requirements.txt", "runtime.txt", "Dockerfile"))


def test_lock_contains_every_pin():
    lock = _pip_pins(ROOT / "requirements" / "lock.txt")
    for name in ("course.txt", "test.txt"):
        for pkg, version in _pip_pins(ROOT / "requirements" / name).items():
            assert lock.get(pkg) == version, f"{name} pins {pkg}=={version}, lock.txt has {lock.get(pkg)}"


def test_python_version_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.12"
    assert 'sys.version_info[:2] == (3, 11)' in (ROOT / "course").read_text()


def test_postbuild_installs_the_package_and_stops_on_error():
    post = ROOT / "binder" / "postBuild"
    assert os.access(post, os.X_OK), "binder/postBuild must be executable"
    text = post.read_text()
    assert text.startswith("#!")
    assert "set -euo pipefail" in text  # without it repo2docker ignores a failed install
    commands = [l.strip() for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    install = [c for c in commands if "pip install" in c]
    assert install == ["python -m pip install --no-deps -e ."]
    assert "--no-build-isolation" not in text  # conda-forge Python may lack setuptools


def test_citation_and_changelog_match_the_package_version():
    """CITATION.cff and CHANGELOG.md name the version pyproject.toml declares."""
    import re
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    version = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^cff-version: 1\.2\.0$", cff, re.M) and re.search(rf"^version: {re.escape(version)}$", cff, re.M)
    assert re.search(r"^title: .+", cff, re.M) and "authors:" in cff
    assert f"## [{version}]" in (root / "CHANGELOG.md").read_text(encoding="utf-8")
