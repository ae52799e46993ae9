"""tools/hub.py: nbgitpuller links have the form nbgitpuller expects, for every available notebook."""

from __future__ import annotations

import importlib
import json
import re
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from packaging.requirements import Requirement

from coordlab.course import NOTEBOOKS

ROOT = Path(__file__).resolve().parent.parent


def _hub():
    return importlib.import_module("tools.hub")


def test_links_point_nbgitpuller_at_each_notebook():
    hub = _hub()
    made = hub.links("https://hub.example.edu/", "https://github.com/coordlab/coordlab")
    assert [name for name, _, _ in made] == [nb.filename for nb in NOTEBOOKS if nb.available]
    for name, link, lecture in made:
        parts = urlsplit(link)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
        q = parse_qs(parts.query)
        assert q == {
            "repo": ["https://github.com/coordlab/coordlab"],
            "branch": ["main"],
            "targetpath": ["coordlab"],
            "urlpath": [f"lab/tree/coordlab/notebooks/{name}"],
        }
        # the lecture page, in Voila on the student's own server (what works on a hub: voila/render/<folder>/...)
        assert parse_qs(urlsplit(lecture).query)["urlpath"] == [f"voila/render/coordlab/lecture/{name}"]


@pytest.mark.parametrize(
    "repo, url, folder",
    [
        ("https://github.com/coordlab/coordlab.git", "https://github.com/coordlab/coordlab.git", "coordlab"),
        ("https://git.example.edu/teaching/coordlab/", "https://git.example.edu/teaching/coordlab/", "coordlab"),
        ("git@github.com:coordlab/coordlab.git", "git@github.com:coordlab/coordlab.git", "coordlab"),
        ("ssh://git@host/srv/course.git", "ssh://git@host/srv/course.git", "course"),
        ("file:///srv/git/coordlab.git", "file:///srv/git/coordlab.git", "coordlab"),
    ],
)
def test_any_git_url_and_its_folder(repo, url, folder):
    hub = _hub()
    assert hub.repo_url(repo) == url and hub.folder(repo) == folder
    q = parse_qs(urlsplit(hub.nbgitpuller_link("https://h", repo, "03_x.ipynb")).query)
    assert q["targetpath"] == [folder] and q["urlpath"] == [f"lab/tree/{folder}/notebooks/03_x.ipynb"]


def test_a_path_becomes_a_file_url(tmp_path):
    hub = _hub()
    bare = tmp_path / "course.git"
    bare.mkdir()
    work = tmp_path / "coordlab"
    (work / ".git").mkdir(parents=True)
    assert hub.repo_url(str(bare)) == bare.resolve().as_uri() and hub.folder(str(bare)) == "course"
    assert hub.folder(str(work / ".git")) == "coordlab" and hub.folder(str(work)) == "coordlab"


def test_bad_arguments_are_refused():
    hub = _hub()
    with pytest.raises(ValueError, match="hub"):
        hub.nbgitpuller_link("hub.example.edu", "https://github.com/x/y", "00_start_here.ipynb")
    with pytest.raises(ValueError, match="notebook"):
        hub.nbgitpuller_link("https://h", "https://github.com/x/y", "../etc/passwd")
    with pytest.raises(ValueError, match="branch"):
        hub.nbgitpuller_link("https://h", "https://github.com/x/y", "00_start_here.ipynb", branch="a b")
    for repo in ("", "mailto:a@b", "https:///x", "/no/such/folder"):
        with pytest.raises(ValueError, match="repo"):
            hub.nbgitpuller_link("https://h", repo, "00_start_here.ipynb")


def test_the_command_line_refuses_with_a_message_not_a_traceback(capsys):
    with pytest.raises(SystemExit) as stop:
        _hub().main(["--hub", "https://h", "--repo", "/no/such/folder"])
    assert stop.value.code == 2 and "neither a URL nor an existing path" in capsys.readouterr().err


def test_resources_table_reads_the_benchmark_results():
    table = _hub().resources_table()
    assert "kernel peak memory" in table
    for nb in NOTEBOOKS:
        if nb.available:
            assert f"| {nb.filename} |" in table, f"the resources table has no row for {nb.filename}"


def _pins(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if "==" in line and not line.startswith("#")]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_hub_image_installs_the_course_jupyterhub_and_nbgitpuller_and_no_test_tools():
    """requirements/hub.txt: binder/requirements.txt's lines plus jupyterhub and nbgitpuller with everything they
    need (their requirements, followed through the installed distributions), at the lock's versions, in its order."""
    lock = _pins(ROOT / "requirements" / "lock.txt")
    binder = {_norm(p.split("==")[0]) for p in _pins(ROOT / "binder" / "requirements.txt")}
    needed, todo = set(), ["jupyterhub", "nbgitpuller"]
    while todo:
        name = todo.pop()
        if _norm(name) in needed:
            continue
        needed.add(_norm(name))
        for spec in metadata.distribution(name).requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    hub = _pins(ROOT / "requirements" / "hub.txt")
    assert hub == [p for p in lock if _norm(p.split("==")[0]) in binder | needed]
    names = {_norm(p.split("==")[0]) for p in hub}
    assert {"jupyterhub", "nbgitpuller", "voila", "jupyterlab"} <= names
    assert not names & {
        "playwright",
        "jupyter-repo2docker",
        "ruff",
        "mypy",
        "pytest-xdist",
        "pagefind",
        "import-linter",
    }


def test_the_news_pop_up_override_is_a_setting_of_the_pinned_jupyterlab():
    """The overrides file the guide installs names JupyterLab's notification plugin and values its schema allows
    (fetchNews "false" is "Never"; "none", the default, is what asks every student)."""
    overrides = json.loads((ROOT / "requirements" / "hub_setting_overrides.json").read_text())
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    schema = json.loads((schemas / "@jupyterlab" / "apputils-extension" / "notification.json").read_text())
    props = schema["properties"]
    assert overrides == {
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}
    }
    assert {"const": "false", "title": "Never"} in props["fetchNews"]["oneOf"] and props["fetchNews"][
        "default"
    ] == "none"
    assert props["checkForUpdates"]["type"] == "boolean"
    assert metadata.version("jupyterlab") in (ROOT / "requirements" / "hub.txt").read_text()


def test_the_guide_commands_and_culling_settings_are_real():
    guide = (ROOT / "docs" / "jupyterhub.md").read_text()
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    culling = dict(re.findall(r'"--MappingKernelManager\.(\w+)=(\w+)"', guide))
    assert set(culling) == {"cull_idle_timeout", "cull_interval", "cull_connected"}
    assert all(MappingKernelManager.class_traits()[name].metadata.get("config") for name in culling)
    assert int(culling["cull_idle_timeout"]) >= 600 and culling["cull_connected"] == "True"
    assert "cp requirements/hub_setting_overrides.json" in guide and "pip install -r requirements/hub.txt" in guide
    for stale in ("ps -o rss -C jupyter-lab", "pip install -r requirements/lock.txt", "/voila/render/lecture/"):
        assert stale not in guide, f"docs/jupyterhub.md still says {stale!r}"


def test_the_guide_speaks_one_memory_unit_and_says_what_the_image_holds():
    """docs/jupyterhub.md gives memory in MiB only (VmRSS/VmHWM are KiB; the bench's figures are KiB / 1024), says
    which tools hub.txt leaves out rather than "no test tools" (it holds the course's pytest, nbval...), and tells
    an admin that a --repo path must exist where the command runs."""
    guide = (ROOT / "docs" / "jupyterhub.md").read_text()
    assert not re.search(r"\bMB\b|\bGB\b", guide), "docs/jupyterhub.md mixes MB/GB with MiB"
    assert "memory (MiB)" in _hub().resources_table()
    hub = {_norm(p.split("==")[0]) for p in _pins(ROOT / "requirements" / "hub.txt")}
    if hub & {"pytest", "nbval", "hypothesis", "coverage"}:
        assert "No test tools" not in guide and "no Playwright, repo2docker, ruff or" in guide
    assert "file:///srv/git/coordlab.git" in guide and "neither a URL nor an existing path" in guide
    with pytest.raises(ValueError, match="neither a URL nor an existing path"):
        _hub().repo_url("/srv/git/no-such-coordlab.git")
    assert _hub().repo_url("file:///srv/git/no-such-coordlab.git") == "file:///srv/git/no-such-coordlab.git"
