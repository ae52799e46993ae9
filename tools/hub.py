"""nbgitpuller links and per-notebook resources for running the course on a JupyterHub.

    python tools/hub.py --hub https://hub.example.edu --repo https://github.com/coordlab/coordlab
    python tools/hub.py --resources          # the per-notebook table from benchmarks/results/latest.json

An nbgitpuller link clones (or updates) the course into the student's home on first
click and opens one notebook in JupyterLab; see docs/jupyterhub.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as ``python tools/hub.py``: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coordlab.course import NOTEBOOKS  # noqa: E402


def nbgitpuller_link(hub: str, repo: str, notebook: str, branch: str = "main") -> str:
    """The nbgitpuller URL that pulls ``repo`` into the hub and opens ``notebooks/<notebook>`` in JupyterLab."""
    for name, url in (("hub", hub), ("repo", repo)):
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise ValueError(f"{name} must be an http(s) URL, got {url!r}")
    if not notebook.endswith(".ipynb") or "/" in notebook:
        raise ValueError(f"notebook must be a file name like 00_start_here.ipynb, got {notebook!r}")
    if not branch or any(c in branch for c in " ?&#"):
        raise ValueError(f"branch must be a git branch name, got {branch!r}")
    folder = urlsplit(repo).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    query = urlencode({"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/notebooks/{notebook}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def links(hub: str, repo: str, branch: str = "main") -> list[tuple[str, str]]:
    """(notebook file, link) for every available notebook, in course order."""
    return [(nb.filename, nbgitpuller_link(hub, repo, nb.filename, branch)) for nb in NOTEBOOKS if nb.available]


def resources_table(results: Path = ROOT / "benchmarks" / "results" / "latest.json") -> str:
    """The per-notebook kernel memory and CPU time measured by ``./course bench``, as a markdown table."""
    data = json.loads(results.read_text())
    rows = ["| notebook | kernel peak memory (MB) | kernel CPU (s) | wall time, cold (s) |", "|---|---:|---:|---:|"]
    for r in data["notebooks"]:
        mem = "–" if r.get("peak_rss_mb") is None else f"{r['peak_rss_mb']:.0f}"
        cpu = "–" if r.get("kernel_cpu_s") is None else f"{r['kernel_cpu_s']:.1f}"
        rows.append(f"| {r['notebook']} | {mem} | {cpu} | {r['total_s']:.1f} |")
    return "\n".join(rows) + f"\n\nMeasured {data['machine']['date']}, {data['machine']['cpus']} CPUs.\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub", help="the hub's base URL, e.g. https://hub.example.edu")
    parser.add_argument("--repo", default="https://github.com/coordlab/coordlab", help="the course repository's URL")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--resources", action="store_true", help="print the per-notebook resources table")
    args = parser.parse_args(argv)
    if args.resources:
        print(resources_table())
        return 0
    if not args.hub:
        parser.error("--hub is needed to make links (or use --resources)")
    for name, link in links(args.hub, args.repo, args.branch):
        print(f"{name}: {link}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
