"""Give every notebook slide metadata, so it presents as slides (JupyterLab/RISE/nbconvert slide types).

    python tools/slides.py            # rewrite notebooks/*.ipynb in place (metadata only; outputs untouched)
    python -m tools.slides            # the same

The rule: the title cell and every "## " section start a slide; every "### " heading
(an exercise, a subsection) starts a sub-slide; a worked solution (<details>) and a lab
widget (a cell whose ``coordlab`` metadata names its lab, see ``tools/lecture.py``) are
fragments, revealed on the next key press; everything else continues the current slide.
``tests/test_course_structure.py`` checks that every notebook follows it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat import NotebookNode

if not __package__:  # run as a script (python tools/slides.py): make the tools package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.lecture import lab_meta  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def slide_type(cell: NotebookNode) -> str:
    """The slide type the rule gives a cell."""
    src = cell.source.lstrip()
    if cell.cell_type == "markdown":
        if src.startswith("# ") or src.startswith("## "):
            return "slide"
        if src.startswith("### "):
            return "subslide"
        if src.startswith("<details>"):
            return "fragment"
        return "-"
    if lab_meta(cell) is not None:  # a lab widget cell, as its metadata says (tools/lecture.py)
        return "fragment"
    return "-"


def apply(path: Path) -> bool:
    """Set the slide types of one notebook; return whether anything changed."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        want = slide_type(cell)
        if cell.metadata.get("slideshow", {}).get("slide_type") != want:
            cell.metadata["slideshow"] = {"slide_type": want}
            changed = True
    if changed:
        nbformat.write(nb, path)
    return changed


def main() -> int:
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        print(f"{path.name}: {'updated' if apply(path) else 'already set'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
