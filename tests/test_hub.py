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
    assert [name for name, _ in made] == [nb.filename for nb in NOTEBOOKS if nb.available]
    for name, link in made:
        parts = urlsplit(link)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
        q = parse_qs(parts.query)
        assert q == {"repo": ["https://github.com/coordlab/coordlab"], "branch": ["main"],
                     "urlpath": [f"lab/tree/coordlab/notebooks/{name}"]}


def test_bad_arguments_are_refused():
    hub = _hub()
    with pytest.raises(ValueError, match="hub"):
        hub.nbgitpuller_link("hub.example.edu", "https://github.com/x/y", "00_start_here.ipynb")
    with pytest.raises(ValueError, match="notebook"):
        hub.nbgitpuller_link("https://h", "https://github.com/x/y", "../etc/passwd")
    with pytest.raises(ValueError, match="branch"):
        hub.nbgitpuller_link("https://h", "https://github.com/x/y", "00_start_here.ipynb", branch="a b")


def test_resources_table_reads_the_benchmark_results():
    table = _hub().resources_table()
    assert "kernel peak memory" in table
    for nb in NOTEBOOKS:
        if nb.available:
            assert f"| {nb.filename} |" in table, f"the resources table has no row for {nb.filename}"
