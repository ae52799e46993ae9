"""The instructor's kit: a session plan per notebook (docs/instructor/NN_slug.md), in one format.

Each plan has a header (length, labs, prerequisites), timings that tile the session,
questions for the room with what a good answer says (at least one asked with a lab on
the screen, naming a control the lab really has), where each lab fits, misconceptions,
and what to set afterwards. Every number a plan states must be one its notebook states
(prose, code or printed output), so a plan cannot drift from the notebook it serves.
"""

from __future__ import annotations

import importlib
import re

import pytest

from coordlab import labs
from coordlab.course import NOTEBOOKS, notebook
from notebook_tools import ROOT, read

PLANS = ROOT / "docs" / "instructor"
SECTIONS = [
    "Timings",
    "Questions to put to the room",
    "Where the lab fits",
    "Common misconceptions",
    "After the session",
]
AVAILABLE = [nb for nb in NOTEBOOKS if nb.available]
LAB_CLASSES = {cls.__name__: cls for cls in labs.ALL_LABS}


def _plan(nb) -> str:
    path = PLANS / nb.filename.replace(".ipynb", ".md")
    assert path.exists(), f"no session plan for {nb.filename} (expected {path.relative_to(ROOT)})"
    return path.read_text()


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


LECTURE = importlib.import_module("tools.lecture")


def _labs_of(nb) -> list[str]:
    course = read(ROOT / "notebooks" / nb.filename)
    return [LECTURE.lab_class(course, i) for i in LECTURE._widget_cells(course)]


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_plan_header_matches_the_notebook(nb):
    text = _plan(nb)
    heading = read(ROOT / "notebooks" / nb.filename).cells[0].source.splitlines()[0].lstrip("# ").strip()
    assert text.splitlines()[0] == f"# Session plan: {heading}"
    m = re.search(r"^\*\*Length:\*\* (\d+) minutes · \*\*Labs:\*\* (.+?) · \*\*Builds on:\*\* (.+)$", text, re.M)
    assert m, "header line: **Length:** N minutes · **Labs:** … · **Builds on:** …"
    listed = [] if m[2] == "none" else [s.strip() for s in m[2].split(",")]
    assert listed == list(dict.fromkeys(_labs_of(nb)))
    builds_on = [] if m[3] == "nothing" else re.findall(r"\b\d\d\b", m[3])
    row = next(
        line
        for line in read(ROOT / "notebooks" / nb.filename).cells[0].source.splitlines()
        if line.startswith("| **Prerequisites** |")
    )
    assert set(notebook(nb.number).prerequisites) <= set(builds_on)
    assert sorted(builds_on) == sorted(set(re.findall(r"\b\d\d\b", row))), "as the notebook's prerequisites row says"


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_plan_has_every_section_in_order(nb):
    assert list(_sections(_plan(nb))) == SECTIONS


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_timings_tile_the_session(nb):
    text = _plan(nb)
    length = int(re.search(r"\*\*Length:\*\* (\d+) minutes", text)[1])
    rows = re.findall(r"^\| (\d+)–(\d+) \| (.+) \|$", _sections(text)["Timings"], re.M)
    assert 5 <= len(rows) <= 12
    edges = [(int(a), int(b)) for a, b, _ in rows]
    assert edges[0][0] == 0 and edges[-1][1] == length
    assert all(a < b for a, b in edges)
    assert all(edges[k][1] == edges[k + 1][0] for k in range(len(edges) - 1)), "gaps or overlaps in the timings"


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_questions_come_with_good_answers_and_one_uses_a_lab(nb):
    block = _sections(_plan(nb))["Questions to put to the room"]
    questions = re.findall(r"^\d+\. (.+)$", block, re.M)
    assert len(questions) >= 4
    assert all("*A good answer:*" in q for q in questions)
    controls = {(name, c.label) for name in _labs_of(nb) for c in LAB_CLASSES[name].controls}
    with_lab = [q for q in questions if any(name in q and label in q for name, label in controls)]
    assert with_lab, "at least one question is asked with a lab projected and names a control it has"


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_every_lab_has_its_place_and_misconceptions_are_listed(nb):
    sections = _sections(_plan(nb))
    for name in _labs_of(nb):
        assert name in sections["Where the lab fits"], name
    assert "fallback" in sections["Where the lab fits"].lower()
    assert len(re.findall(r"^- \*\*.+?\*\* \S", sections["Common misconceptions"], re.M)) >= 3
    assert re.search(r"Exercise", sections["After the session"])


def _numbers(text: str) -> set[str]:
    """Numbers as written (1.155, 12.8, 75), without thousands separators or a trailing zero."""
    out = set()
    for raw in re.findall(r"(?<![\w.])\d+(?:[,  ]\d{3}(?!\d))*(?:\.\d+)?", text):
        n = re.sub(r"[,  ]", "", raw.strip())
        if "." in n:
            n = n.rstrip("0").rstrip(".")
        out.add(n)
    return out


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_every_number_in_a_plan_is_one_its_notebook_states(nb):
    text = _plan(nb)
    sections = _sections(text)
    # what is the plan's own: its timings, section and exercise numbers, notebook numbers
    stated = "\n".join(sections[s] for s in SECTIONS[1:])
    stated = re.sub(r"§\d+|Exercises? [\d, and]+|\b\d\d ·|Figure \d+|\(\d\)|^\d+\. |^- ", " ", stated, flags=re.M)
    course = read(ROOT / "notebooks" / nb.filename)
    source = []
    for cell in course.cells:
        source.append(cell.source)
        for out in cell.get("outputs", []):
            source.append(str(out.get("text", "")))
            source.append(str(out.get("data", {}).get("text/plain", "")))
    known = _numbers("\n".join(source))
    unknown = sorted(_numbers(stated) - known - {nb.number.lstrip("0") or "0"})
    assert unknown == [], f"numbers in the plan that its notebook does not state: {unknown}"
