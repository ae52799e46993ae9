"""tools/hub.py: nbgitpuller links have the form nbgitpuller expects, for every available notebook."""

from __future__ import annotations

import importlib
from urllib.parse import parse_qs, urlsplit

import pytest

from coordlab.course import NOTEBOOKS


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
