"""pip, conda and Binder users get the same packages at the same versions.

``requirements/course.txt`` (pip) and ``environment.yml`` (conda) state the same pins;
``requirements/lock.txt`` (what ``./course`` installs and the tests run against) contains every
pin of course.txt and test.txt; ``binder/requirements.txt`` is the part of the lock the course
needs (no test tools), so Binder's image is what the tests ran against; Binder and conda are
pinned to Python 3.11, the course's reference, and the package admits 3.11 to 3.13.
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


def _lock_lines(path: Path) -> dict[str, str]:
    """name -> the exact line (``name==version``), as the lock and binder/requirements.txt spell it."""
    out = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out[re.sub(r"[-_.]+", "-", line.split("==")[0].lower())] = line
    return out


def test_binder_installs_the_tested_lock_without_the_test_tools():
    binder, lock = _lock_lines(ROOT / "binder" / "requirements.txt"), _lock_lines(ROOT / "requirements" / "lock.txt")
    assert {n: l for n, l in binder.items() if lock.get(n) != l} == {}, (
        "binder/requirements.txt must copy lock.txt's lines"
    )
    course = _pip_pins(ROOT / "requirements" / "course.txt")
    assert set(course) <= set(binder), f"course.txt pins missing from Binder: {sorted(set(course) - set(binder))}"
    test_only = set(_pip_pins(ROOT / "requirements" / "test.txt")) - set(course)
    assert not (test_only & set(binder)), f"test tools in Binder's image: {sorted(test_only & set(binder))}"
    assert "setuptools" not in binder and "pip" not in binder
    # repo2docker's Python buildpack reads runtime.txt and requirements.txt; an environment.yml,
    # Dockerfile or .binder/ would take precedence over them
    assert (ROOT / "binder" / "runtime.txt").read_text() == "python-3.11\n"
    assert not (ROOT / ".binder").exists()
    assert not any((ROOT / "binder" / f).exists() for f in ("environment.yml", "Dockerfile", "Pipfile"))


def test_lock_contains_every_pin():
    lock = _pip_pins(ROOT / "requirements" / "lock.txt")
    for name in ("course.txt", "test.txt"):
        for pkg, version in _pip_pins(ROOT / "requirements" / name).items():
            assert lock.get(pkg) == version, f"{name} pins {pkg}=={version}, lock.txt has {lock.get(pkg)}"


def test_python_version_agrees():
    """3.11 is the reference (Binder, conda, the lock); 3.12 and 3.13 are supported and tested by ./course test."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.14"
    course = (ROOT / "course").read_text()
    assert "REFERENCE=3.11 " in course and 'OTHERS="3.12 3.13"' in course
    from coordlab.doctor import SUPPORTED_PYTHONS

    assert SUPPORTED_PYTHONS == ((3, 11), (3, 12), (3, 13))
    assert "Python 3.11, 3.12 or 3.13" in (ROOT / "README.md").read_text()


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
