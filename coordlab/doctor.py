"""Environment check: can this Python run the course, and will its widgets render?

Run it from a shell with ``python -m coordlab doctor``, or from a notebook with
``print(coordlab.doctor.report())``. Each line says ``ok`` or ``FIX``; every ``FIX``
line gives a command that fixes it. The exit status is 0 when nothing needs fixing.

It imports only the standard library until it has checked that numpy and the other
packages import, so it can diagnose an environment where they are missing or broken.

Versions come from the installed distributions' metadata (``importlib.metadata``), which
imports nothing. Whether a package also *imports* is checked by importing it for the
packages every notebook imports anyway (numpy, scipy, matplotlib, ipywidgets); for the
others (``LOCATED``: nashpy, which one notebook imports when it first needs it; ipykernel,
already running a kernel; jupyterlab, which runs the server, never the kernel) the quick
check only locates the module (``importlib.util.find_spec``) and says so, and the full
check (``python -m coordlab doctor``, or ``report(full=True)``) imports them too. Importing
the JupyterLab server package alone takes seconds, which a notebook's first cell should
not spend.
"""

from __future__ import annotations

import importlib
import importlib.util
import shlex
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["Check", "checks", "report", "main", "SUPPORTED_PYTHONS", "LOCATED"]

# The packages the notebooks import, in the order a learner would read them (distribution, module).
CORE_PACKAGES = (
    ("numpy", "numpy"),
    ("scipy", "scipy"),
    ("matplotlib", "matplotlib"),
    ("nashpy", "nashpy"),
    ("ipywidgets", "ipywidgets"),
    ("jupyterlab_widgets", "jupyterlab_widgets"),
    ("ipykernel", "ipykernel"),
    ("jupyterlab", "jupyterlab"),
)
#: Modules the quick check locates without importing them (see the module's docstring); the full check imports them.
LOCATED = frozenset({"nashpy", "ipykernel", "jupyterlab"})
SUPPORTED_PYTHONS = ((3, 11), (3, 12), (3, 13))  # pyproject.toml's requires-python; 3.11 is Binder's
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Check:
    """One finding: what was checked, whether it is fine, and the command that fixes it if not."""

    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:  # declared below, without numpy
        head = f"{'ok ' if self.ok else 'FIX'}  {self.name}: {self.detail}"
        return head if self.ok else f"{head}\n     -> {self.fix}"


def _pins() -> dict[str, str]:
    """Pinned versions from requirements/course.txt, when coordlab runs from the repository."""
    path = ROOT / "requirements" / "course.txt"
    pins: dict[str, str] = {}
    if path.is_file():
        for raw in path.read_text().splitlines():
            line = raw.split("#", 1)[0].strip()
            if "==" in line:
                name, version = line.split("==", 1)
                pins[name.strip().lower().replace("-", "_")] = version.strip()
    return pins


def _in_course_venv() -> bool:
    """Whether this Python is an environment ./course set up (it leaves a stamp file there)."""
    return (Path(sys.prefix) / ".coordlab-stamp").is_file()


def _install(dist: str, version: str | None, force: bool = False) -> str:
    """The command that installs ``dist`` into this very Python (or ./course's repair, in its own venv)."""
    if _in_course_venv():
        which = "" if Path(sys.prefix) == ROOT / ".venv" else f"COORDLAB_VENV={shlex.quote(sys.prefix)} "
        return (
            f"{which}{shlex.quote(str(ROOT / 'course'))} lab  "
            "(it checks the environment and reinstalls what is missing or broken)"
        )
    spec = f"{dist}=={version}" if version else dist
    force_flag = " --force-reinstall" if force else ""
    return f"{shlex.quote(sys.executable)} -m pip install{force_flag} {shlex.quote(spec)}"


def _widgets_extension() -> Path | None:
    """Where JupyterLab will find the ipywidgets front-end extension, if anywhere."""
    try:
        from jupyter_core.paths import jupyter_path
    except Exception:  # noqa: BLE001 - missing or broken: either way no extension can be found through it
        return None
    for root in jupyter_path("labextensions"):
        candidate = Path(root) / "@jupyter-widgets" / "jupyterlab-manager" / "package.json"
        if candidate.is_file():
            return candidate
    return None


def _locate(module: str) -> str | None:
    """Why ``module`` cannot be found without importing it, or None if its code is where its spec says."""
    try:
        spec = importlib.util.find_spec(module)
    except Exception as exc:  # noqa: BLE001 - a broken parent package or a bad sys.modules entry
        return (str(exc).splitlines() or [type(exc).__name__])[0][:100]
    if spec is None:
        return f"no module named {module!r} is found"
    if spec.origin not in (None, "built-in", "frozen") and not Path(spec.origin).is_file():
        return f"its code is missing ({spec.origin})"
    return None


def checks(full: bool = False) -> list[Check]:
    """Run every check and return the findings (nothing is printed).

    ``full=False`` locates the modules in ``LOCATED`` instead of importing them (unless they are
    imported already); ``full=True`` imports every package.
    """
    full = _TRUE_OR_FALSE.check("full", full)
    found: list[Check] = []
    py = sys.version_info
    supported = ", ".join(f"{a}.{b}" for a, b in SUPPORTED_PYTHONS)
    ok_python = py[:2] in SUPPORTED_PYTHONS
    found.append(
        Check(
            "Python",
            ok_python,
            f"{py.major}.{py.minor}.{py.micro}"
            + ("" if py[:2] == (3, 11) or not ok_python else " (supported; the course's reference, Binder's, is 3.11)"),
            f"install Python 3.11 (supported: {supported}), then: PYTHON=python3.11 ./course lab",
        )
    )
    pins = _pins()
    for dist, module in CORE_PACKAGES:
        want = pins.get(dist)
        try:
            have = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found.append(Check(dist, False, "not installed in this kernel's environment", _install(dist, want)))
            continue
        located = not full and module in LOCATED and sys.modules.get(module) is None
        if located:
            reason = _locate(module)
        else:
            try:
                importlib.import_module(module)
                reason = None
            except Exception as exc:  # noqa: BLE001 - a package that fails to import, whatever the reason
                reason = (str(exc).splitlines() or [type(exc).__name__])[0][:100]
        if reason is not None:
            found.append(
                Check(
                    dist,
                    False,
                    f"{have} is installed but does not {'resolve to its code' if located else 'import'} ({reason})",
                    _install(dist, want or have, force=True),
                )
            )
            continue
        if want and want != have:
            found.append(Check(dist, False, f"{have}, but the course pins {want}", _install(dist, want)))
        else:
            found.append(
                Check(
                    dist,
                    True,
                    have + (" (found, not imported: `python -m coordlab doctor` imports it)" if located else ""),
                )
            )
    ext = _widgets_extension()
    found.append(
        Check(
            "widgets extension",
            ext is not None,
            "JupyterLab will render widgets" if ext else "the JupyterLab widgets extension is not installed",
            _install("jupyterlab_widgets", pins.get("jupyterlab_widgets"), force=True)
            + "  (then reload the JupyterLab page)",
        )
    )
    import coordlab

    origin = Path(coordlab.__file__).resolve().parent
    # In a checkout (the notebooks folder or the repository root), the kernel must import
    # this checkout's coordlab, not an older copy installed elsewhere.
    here = [p / "coordlab" for p in (Path.cwd(), Path.cwd().parent) if (p / "coordlab" / "__init__.py").is_file()]
    same = not here or origin == here[0].resolve()
    checkout = here[0].parent if here else ROOT
    found.append(
        Check(
            "coordlab",
            same,
            f"{coordlab.__version__} imports in this kernel"
            if same
            else f"this kernel imports coordlab from {origin}, not from {here[0]}",
            f"{shlex.quote(sys.executable)} -m pip install --no-deps -e {shlex.quote(str(checkout))}",
        )
    )
    return found


def report(details: bool = True, full: bool = False) -> str:
    """The findings as text, one line each, with a verdict at the end.

    Parameters
    ----------
    details : bool
        With ``False``, only the verdict and any problems (a short version for
        notebooks, whose stored outputs must not depend on the machine).
    full : bool
        With ``True``, import every package rather than locate the modules in
        ``LOCATED`` (seconds more: the JupyterLab server package is large).

    Examples
    --------
    >>> print(report(details=False))    # doctest: +ELLIPSIS
    All ... checks passed: this environment can run the course.
    """
    details = _TRUE_OR_FALSE.check("details", details)
    found = checks(full=full)
    bad = [c for c in found if not c.ok]
    lines = [c.line() for c in (found if details else bad)]
    if bad:
        lines.append(f"{len(bad)} of {len(found)} checks need fixing (see FIX above).")
    else:
        lines.append(f"All {len(found)} checks passed: this environment can run the course.")
    return "\n".join(lines)


class _TrueOrFalse:
    """``details``'s constraint, as ``coordlab._validate.Boolean`` says it, without importing numpy (the doctor
    must run where numpy is missing); the fuzz test reads it like the others."""

    def check(self, name: str, value: Any) -> Any:
        if type(value) is not bool and type(value).__name__ != "bool_":  # numpy's bool_, by name
            raise TypeError(f"{name} must be True or False, got {type(value).__name__} {repr(value)[:57]}")
        return bool(value)

    def describe(self) -> str:
        return "True or False"

    def accepted(self) -> list[Any]:
        return [True, False]

    def refused(self) -> list[Any]:
        return [1, 0, "yes", None]


_TRUE_OR_FALSE = _TrueOrFalse()
# The declarations the fuzz test reads (coordlab._validate.declare would import numpy, which this module must not).
Check.line.__dict__["__coordlab_params__"] = {}
report.__dict__["__coordlab_params__"] = {"details": _TRUE_OR_FALSE, "full": _TRUE_OR_FALSE}
checks.__dict__["__coordlab_params__"] = {"full": _TRUE_OR_FALSE}


def main() -> int:
    """Print the full report; exit status 1 when something needs fixing."""
    text = report(details=True, full=True)
    print(text)
    print(f"(Python at {sys.executable}; coordlab at {Path(__file__).resolve().parent})")
    return 1 if "checks need fixing" in text else 0


main.__dict__["__coordlab_params__"] = {}
