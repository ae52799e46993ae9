"""The course's structure: every notebook has the course's skeleton (CONTRIBUTING.md, "Adding a notebook").

Checked for each notebook in notebooks/: numbered, in the registry's order and
registered in coordlab.course, every prerequisite of an available notebook
available (a planned notebook may leave a gap in the numbers); header (objectives, prerequisites, time); an incident
(from 01
on); a static figure before each lab; at least three exercises, each with a
collapsible worked solution; summary, limits, references and what's next; a
python3 kernelspec; stored outputs of a clean top-to-bottom run with no error or
stderr; only widget cells exempt from nbval's output comparison; alt text for
every figure; and a README that lists every notebook.
"""

from __future__ import annotations

import importlib
import re

import pytest

from coordlab.course import NOTEBOOKS
from coordlab.exercises.check import REGISTRY, load_all
from notebook_tools import NAME, ROOT, markdown, notebook_paths, read, tags

PATHS = notebook_paths()
IDS = [p.name for p in PATHS]


def test_notebooks_are_numbered_in_sequence_and_registered():
    numbers = [NAME.match(p.name).group(1) for p in PATHS if NAME.match(p.name)]
    assert len(numbers) == len(PATHS), f"badly named notebooks: {[p.name for p in PATHS if not NAME.match(p.name)]}"
    assert numbers == sorted(numbers) and numbers[0] == "00", f"not in order from 00: {numbers}"
    available = [nb.filename for nb in NOTEBOOKS if nb.available]
    assert [p.name for p in PATHS] == available, "coordlab.course.NOTEBOOKS disagrees with notebooks/ on what exists"
    have = {nb.number for nb in NOTEBOOKS if nb.available}
    for nb in NOTEBOOKS:
        if nb.available:
            missing = set(nb.prerequisites) - have
            assert not missing, f"{nb.filename} builds on {sorted(missing)}, which is not available yet"


def test_readme_lists_every_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for nb in NOTEBOOKS:
        if nb.available:
            assert f"notebooks/{nb.filename}" in readme, f"README does not link {nb.filename}"
        else:
            assert f"{nb.number} · {nb.title}" in readme, f"README does not list the planned notebook {nb.number}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_header(path):
    nb = read(path)
    first = nb.cells[0]
    number = path.name[:2]
    title = next(n.title for n in NOTEBOOKS if n.number == number)
    assert first.cell_type == "markdown" and first.source.startswith(f"# {number} · {title}\n")
    for field in ("**You will be able to**", "**Prerequisites**", "**Time**"):
        assert field in first.source, f"{path.name}: the header lacks {field}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_sections(path):
    text = markdown(read(path))
    required = ["## Exercises", "## Summary", "**Limits of the model", "## References", "## What's next"]
    if path.name[:2] != "00":
        required.append("incident")
    for part in required:
        assert part in text, f"{path.name}: no {part!r}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_exercises_have_solutions_and_registered_checks(path):
    nb = read(path)
    text = markdown(nb)
    body = text.split("## Exercises", 1)[1].split("## Summary", 1)[0]
    parts = re.split(r"^### Exercise \d+", body, flags=re.M)[1:]
    assert len(parts) >= 3, f"{path.name}: {len(parts)} exercises, want at least 3"
    for i, part in enumerate(parts, 1):
        assert "<details>" in part and "</details>" in part and "<summary>" in part, (
            f"{path.name}: exercise {i} has no collapsible worked solution"
        )
    load_all()
    number = path.name[:2]
    calls = re.findall(r'check\("(\d\d\.\d+)"', "\n".join(c.source for c in nb.cells if c.cell_type == "code"))
    for key in calls:
        assert key in REGISTRY and key.startswith(number + "."), f"{path.name}: check({key!r}) is not an exercise of it"
    assert sorted(calls) == sorted(k for k in REGISTRY if k.startswith(number + ".")), (
        f"{path.name}: registered exercises and check() calls differ"
    )


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_lab_with_static_figure_first(path):
    cells = read(path).cells
    labs = [i for i, c in enumerate(cells) if c.cell_type == "code" and ".widget()" in c.source]
    assert labs, f"{path.name}: no lab"
    for i in labs:
        before = [c for c in cells[:i] if c.cell_type == "code"]
        assert any("image/png" in o.get("data", {}) for c in before for o in c.outputs), (
            f"{path.name}: the lab in cell {i} has no static figure before it"
        )


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_only_widget_cells_skip_output_comparison(path):
    for i, cell in enumerate(read(path).cells):
        exempt = {"nbval-ignore-output", "nbval-skip", "raises-exception"} & set(tags(cell))
        if exempt:
            assert cell.source.strip().endswith(".widget()") and exempt == {"nbval-ignore-output"}, (
                f"{path.name} cell {i}: {exempt} on a cell that is not a lab widget"
            )
        if cell.cell_type == "code" and ".widget()" in cell.source:
            assert "nbval-ignore-output" in tags(cell), f"{path.name} cell {i}: widget cell not tagged"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_stored_outputs_are_a_clean_run(path):
    nb = read(path)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: not one top-to-bottom run: {counts}"
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{path.name} cell {i}: stored error"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"{path.name} cell {i}: stored stderr"
        if cell.cell_type == "code":
            assert not cell.source.rstrip().endswith(";"), f"{path.name} cell {i}: nbval ignores a trailing ';'"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_every_figure_has_alt_text(path):
    cells = read(path).cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and any("image/png" in o.get("data", {}) for o in cell.outputs):
            intro = next(c for c in reversed(cells[:i]) if c.cell_type == "markdown")
            assert re.search(r"\*\*Figure \d+\.\*\*", intro.source) and "Alt text:" in intro.source, (
                f"{path.name} cell {i}: the markdown before this figure has no '**Figure N.**' with 'Alt text:'"
            )


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_slide_metadata(path):
    """Every cell has the slide type tools/slides.py gives it, so the notebook presents as slides."""
    slides = importlib.import_module("tools.slides")
    cells = read(path).cells
    for i, cell in enumerate(cells):
        got = cell.metadata.get("slideshow", {}).get("slide_type")
        assert got == slides.slide_type(cell), f"{path.name} cell {i}: slide type {got!r} (run python tools/slides.py)"
    assert cells[0].metadata["slideshow"]["slide_type"] == "slide"
    assert sum(c.metadata["slideshow"]["slide_type"] == "slide" for c in cells) >= 5
