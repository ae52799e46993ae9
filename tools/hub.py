"""nbgitpuller links and per-notebook resources for running the course on a JupyterHub.

    python -m tools.hub --hub https://hub.example.edu --repo https://github.com/coordlab/coordlab
    python -m tools.hub --hub http://127.0.0.1:8000 --repo /srv/git/coordlab.git   # any git URL or path
    python tools/hub.py --resources          # the per-notebook table from benchmarks/results/latest.json

An nbgitpuller link clones (or updates) the course into the student's home on first
click and opens one notebook in JupyterLab, or its labs in lecture mode (Voila, as a server
extension of the student's server); see docs/jupyterhub.md.
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

_URL_SCHEMES = ("https", "http", "git", "ssh", "file")


def repo_url(repo: str) -> str:
    """``repo`` as git (and nbgitpuller) take it: an http(s), git, ssh or file URL, ``user@host:path``, or a
    local path (a folder or a bare repository on the hub's machine), which becomes a ``file://`` URL."""
    if not isinstance(repo, str) or not repo.strip():
        raise ValueError(f"repo must be a git URL or a path, got {repo!r}")
    parts = urlsplit(repo)
    if parts.scheme in _URL_SCHEMES:
        if parts.scheme != "file" and not parts.netloc:
            raise ValueError(f"repo must name a host after {parts.scheme}://, got {repo!r}")
        return repo
    if parts.scheme and len(parts.scheme) > 1:  # c:\... is a path, mailto:... is not a repository
        raise ValueError(f"repo must be an {', '.join(_URL_SCHEMES)} URL, user@host:path or a path; got {repo!r}")
    if "@" in repo and ":" in repo.split("@", 1)[1]:  # scp-like: git@github.com:coordlab/coordlab.git
        return repo
    path = Path(repo).expanduser()
    if not path.exists():
        raise ValueError(f"repo {repo!r} is neither a URL nor an existing path")
    return path.resolve().as_uri()


def folder(repo: str) -> str:
    """The folder the course lands in on the hub: the repository's last name, without ``.git`` (and for a
    working copy's ``…/coordlab/.git``, ``coordlab``); passed to nbgitpuller as ``targetpath``, so a URL ending
    in ``.git`` or ``/`` lands in the folder the links open (nbgitpuller's default would be ``coordlab.git``)."""
    url = repo_url(repo)
    path = (urlsplit(url).path if "://" in url else url.split(":", 1)[-1]).rstrip("/").removesuffix("/.git")
    tail = path.rsplit("/", 1)[-1]
    name = tail.removesuffix(".git")
    if not name or name in (".", ".."):
        raise ValueError(f"repo {repo!r} has no folder name to clone into")
    return name


def nbgitpuller_link(hub: str, repo: str, notebook: str, branch: str = "main", lecture: bool = False) -> str:
    """The nbgitpuller URL that pulls ``repo`` into the hub and opens ``notebooks/<notebook>`` in JupyterLab,
    or with ``lecture=True`` the notebook's lecture page (``lecture/<notebook>``) in Voila."""
    parts = urlsplit(hub) if isinstance(hub, str) else None
    if parts is None or parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError(f"hub must be an http(s) URL, got {hub!r}")
    if not isinstance(notebook, str) or not notebook.endswith(".ipynb") or "/" in notebook:
        raise ValueError(f"notebook must be a file name like 00_start_here.ipynb, got {notebook!r}")
    if not isinstance(branch, str) or not branch or any(c in branch for c in " ?&#"):
        raise ValueError(f"branch must be a git branch name, got {branch!r}")
    target = folder(repo)
    path = f"voila/render/{target}/lecture/{notebook}" if lecture else f"lab/tree/{target}/notebooks/{notebook}"
    query = urlencode({"repo": repo_url(repo), "branch": branch, "targetpath": target, "urlpath": path})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def links(hub: str, repo: str, branch: str = "main") -> list[tuple[str, str, str | None]]:
    """(notebook file, notebook link, lecture-page link or None) for every available notebook, in course order."""
    out = []
    for nb in NOTEBOOKS:
        if nb.available:
            lecture = (ROOT / "lecture" / nb.filename).exists()
            out.append(
                (
                    nb.filename,
                    nbgitpuller_link(hub, repo, nb.filename, branch),
                    nbgitpuller_link(hub, repo, nb.filename, branch, lecture=True) if lecture else None,
                )
            )
    return out


def resources_table(results: Path = ROOT / "benchmarks" / "results" / "latest.json") -> str:
    """The per-notebook kernel memory and CPU time measured by ``./course bench``, as a markdown table."""
    data = json.loads(results.read_text())
    rows = ["| notebook | kernel peak memory (MiB) | kernel CPU (s) | wall time, cold (s) |", "|---|---:|---:|---:|"]
    for r in data["notebooks"]:
        mem = "–" if r.get("peak_rss_mb") is None else f"{r['peak_rss_mb']:.0f}"
        cpu = "–" if r.get("kernel_cpu_s") is None else f"{r['kernel_cpu_s']:.1f}"
        rows.append(f"| {r['notebook']} | {mem} | {cpu} | {r['total_s']:.1f} |")
    return "\n".join(rows) + f"\n\nMeasured {data['machine']['date']}, {data['machine']['cpus']} CPUs.\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub", help="the hub's base URL, e.g. https://hub.example.edu")
    parser.add_argument(
        "--repo",
        default="https://github.com/coordlab/coordlab",
        help="the course repository: any git URL, user@host:path, or a path on the hub's machine",
    )
    parser.add_argument("--branch", default="main")
    parser.add_argument("--resources", action="store_true", help="print the per-notebook resources table")
    args = parser.parse_args(argv)
    if args.resources:
        print(resources_table())
        return 0
    if not args.hub:
        parser.error("--hub is needed to make links (or use --resources)")
    try:
        made = links(args.hub, args.repo, args.branch)
    except ValueError as exc:
        parser.error(str(exc))
    for name, link, lecture in made:
        print(f"{name}: {link}")
        if lecture:
            print(f"{name} (lecture mode): {lecture}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
