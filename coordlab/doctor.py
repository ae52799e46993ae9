"""Environment check: can this Python run the course, and will its widgets render?

Run it from a shell with ``python -m coordlab doctor``, or from a notebook with
``print(coordlab.doctor.report())``. Each line says ``ok`` or ``FIX``; every
``FIX`` line says what to do. The exit status is 0 when nothing needs fixing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from coordlab import _validate as v

__all__ = ["Check", "checks", "report", "main"]

# The packages the notebooks import, in the order a learner would read them.
CORE_PACKAGES = ("numpy", "scipy", "matplotlib", "nashpy", "ipywidgets", "jupyterlab_widgets", "ipykernel", "jupyterlab")
SETUP_HINT = "run the set-up command from the README (./course lab), or on Binder restart the server"


@dataclass(frozen=True)
class Check:
    """One finding: what was checked, whether it is fine, and how to fix it if not."""

    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        head = f"{'ok ' if self.ok else 'FIX'}  {self.name}: {self.detail}"
        return head if self.ok else f"{head}\n     -> {self.fix}"


def _pins() -> dict[str, str]:
    """Pinned versions from requirements/course.txt, when coordlab runs from the repository."""
    path = Path(__file__).resolve().parent.parent / "requirements" / "course.txt"
    pins: dict[str, str] = {}
    if path.is_file():
        for raw in path.read_text().splitlines():
            line = raw.split("#", 1)[0].strip()
            if "==" in line:
                name, version = line.split("==", 1)
                pins[name.strip().lower().replace("-", "_")] = version.strip()
    return pins


def _widgets_extension() -> Path | None:
    """Where JupyterLab will find the ipywidgets front-end extension, if anywhere."""
    try:
        from jupyter_core.paths import jupyter_path
    except ImportError:
        return None
    for root in jupyter_path("labextensions"):
        candidate = Path(root) / "@jupyter-widgets" / "jupyterlab-manager" / "package.json"
        if candidate.is_file():
            return candidate
    return None


def checks() -> list[Check]:
    """Run every check and return the findings (nothing is printed)."""
    found: list[Check] = []
    py = sys.version_info
    found.append(
        Check("Python", py[:2] == (3, 11), f"{py.major}.{py.minor}.{py.micro}",
              "the course is pinned to Python 3.11: create the environment with python3.11")
    )
    pins = _pins()
    for name in CORE_PACKAGES:
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            found.append(Check(name, False, "not installed in this kernel's environment", SETUP_HINT))
            continue
        want = pins.get(name)
        if want and want != have:
            found.append(Check(name, False, f"{have}, but the course pins {want}", SETUP_HINT))
        else:
            found.append(Check(name, True, have))
    ext = _widgets_extension()
    found.append(
        Check("widgets extension", ext is not None,
              "JupyterLab will render widgets" if ext else "the JupyterLab widgets extension is not installed",
              "install jupyterlab_widgets into the environment that runs JupyterLab, then reload the page")
    )
    import coordlab

    origin = Path(coordlab.__file__).resolve().parent
    # In a checkout (the notebooks folder or the repository root), the kernel must import
    # this checkout's coordlab, not an older copy installed elsewhere.
    here = [p / "coordlab" for p in (Path.cwd(), Path.cwd().parent) if (p / "coordlab" / "__init__.py").is_file()]
    same = not here or origin == here[0].resolve()
    found.append(
        Check("coordlab", same,
              f"{coordlab.__version__} imports in this kernel" if same
              else f"this kernel imports coordlab from {origin}, not from {here[0]}",
              "install the course into this kernel's environment (./course lab sets it up), "
              "or choose the course's kernel (Kernel > Change Kernel)")
    )
    return found


def report(details: bool = True) -> str:
    """The findings as text, one line each, with a verdict at the end.

    Parameters
    ----------
    details : bool
        With ``False``, only the verdict and any problems (a short version for
        notebooks, whose stored outputs must not depend on the machine).

    Examples
    --------
    >>> print(report(details=False))    # doctest: +ELLIPSIS
    All ... checks passed: this environment can run the course.
    """
    v.boolean("details", details)
    found = checks()
    bad = [c for c in found if not c.ok]
    lines = [c.line() for c in (found if details else bad)]
    if bad:
        lines.append(f"{len(bad)} of {len(found)} checks need fixing (see FIX above).")
    else:
        lines.append(f"All {len(found)} checks passed: this environment can run the course.")
    return "\n".join(lines)


def main() -> int:
    """Print the full report; exit status 1 when something needs fixing."""
    print(report(details=True))
    print(f"(Python at {sys.executable}; coordlab at {Path(__import__('coordlab').__file__).parent})")
    return 0 if all(c.ok for c in checks()) else 1
