"""Is this environment what ``requirements/lock.txt`` pins, and do its packages import?

    python tools/check_venv.py requirements/lock.txt

Run by ``./course`` with the virtual environment's own Python before every command, so a
damaged environment (a package uninstalled, a version changed, a file deleted) is found
and repaired, not only an outdated stamp. Standard library only. Prints one line per
problem: ``missing NAME==VERSION``, ``version NAME==VERSION (have X)``, ``files NAME==VERSION
(N of its files are gone, e.g. PATH)``, ``broken MODULE (error)``; exit status 0 when there
is none. Every pinned package's installed files (its ``RECORD``) are checked to exist, which
finds a half-deleted JupyterLab or widgets extension without importing them.
"""

from __future__ import annotations

import importlib
import re
import sys
from importlib import metadata
from pathlib import Path

# What the course's models and tests import; an import error in any of them is a broken install. (JupyterLab,
# Voila and the kernel take seconds to import: their files are checked through the version check only.)
IMPORTS = ("numpy", "scipy.special", "matplotlib.pyplot", "nashpy", "ipywidgets", "pytest", "hypothesis", "coordlab")


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def problems(lock: Path) -> list[str]:
    want = {}
    for raw in lock.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if "==" in line:
            name, version = (x.strip() for x in line.split("==", 1))
            want[_key(name)] = (name, version)
    have = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            have[_key(name)] = dist.version
    found = []
    dists = {_key(d.metadata["Name"]): d for d in metadata.distributions() if d.metadata["Name"]}
    for key, (name, version) in sorted(want.items()):
        if key not in have:
            found.append(f"missing {name}=={version}")
        elif have[key] != version:
            found.append(f"version {name}=={version} (have {have[key]})")
        else:
            gone = [f for f in (dists[key].files or []) if f.suffix != ".pyc" and not Path(dists[key].locate_file(f)).exists()]
            if gone:
                found.append(f"files {name}=={version} ({len(gone)} of its files are gone, e.g. {gone[0]})")
    if "coordlab" not in have:
        found.append("missing coordlab (the course's own package, installed with pip install -e .)")
    for module in IMPORTS:
        try:
            importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 - any failure to import is what this looks for
            found.append(f"broken {module} ({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''})")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/check_venv.py requirements/lock.txt", file=sys.stderr)
        return 2
    found = problems(Path(argv[0]))
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
