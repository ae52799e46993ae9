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

# Imported as well, because a compiled part can be broken with every file in place (numpy), and because
# importing matplotlib.pyplot builds its font cache once, here, so no notebook prints "building the font
# cache". The other packages' files are checked against their RECORD, which costs far less than importing.
IMPORTS = ("numpy", "matplotlib.pyplot", "ipywidgets", "coordlab")


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _missing_files(dist: metadata.Distribution) -> list[str]:
    """Files the distribution's RECORD lists that are not on disk (read from RECORD itself: from Python 3.12
    on, ``Distribution.files`` silently leaves out the files that are gone)."""
    import csv
    import io

    record = dist.read_text("RECORD") or ""
    gone = []
    for row in csv.reader(io.StringIO(record)):
        if not row or row[0].endswith(".pyc") or "__pycache__" in row[0]:
            continue
        if not Path(str(dist.locate_file(row[0]))).exists():
            gone.append(row[0])
    return gone


def problems(lock: Path) -> list[str]:
    want: dict[str, tuple[str, str]] = {}
    for raw in lock.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if "==" in line:
            name, version = (x.strip() for x in line.split("==", 1))
            want[_key(name)] = (name, version)
    have: dict[str, str] = {}
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
            gone = _missing_files(dists[key])
            if gone:
                found.append(f"files {name}=={version} ({len(gone)} of its files are gone, e.g. {gone[0]})")
    if "coordlab" not in have:
        found.append("missing coordlab (the course's own package, installed with pip install -e .)")
    for module in IMPORTS:
        try:
            importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 - any failure to import is what this looks for
            found.append(
                f"broken {module} ({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''})"
            )
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
