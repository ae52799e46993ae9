"""Lab prompts are claims: every "Try: (1) … (2) …" item above a lab has a test that drives the lab there.

The tests themselves live in ``tests/test_lab_prompts_NN.py``, one file per notebook, one
function per item, named ``test_prompt_NN_<LabClass>_<k>`` (item k of the prompt above that
lab's widget; a lab shown twice in a notebook counts its second prompt's items on from the
first's). Each drives the lab (or its model, at the lab's settings) to the setting the item
names and asserts what the item leads a student to find, within the sliders' ranges.
"""

from __future__ import annotations

import importlib
import re

import pytest

from notebook_tools import ROOT, notebook_paths, read

lecture = importlib.import_module("tools.lecture")


def prompt_items(nb) -> list[tuple[str, int, str]]:
    """``(LabClass, k, text)`` for each numbered item of the prompt above each lab widget."""
    items, seen = [], {}
    for i in lecture._widget_cells(nb):
        cls = lecture.lab_class(nb, i)
        intro = nb.cells[i - 1].source if nb.cells[i - 1].cell_type == "markdown" else ""
        m = re.search(r"\btry\b:?(.*)$", intro, re.I | re.S)
        numbered = re.findall(r"\((\d)\)\s*(.+?)(?=\(\d\)|$)", m[1], re.S) if m else []
        if not numbered and m:  # a single challenge ("Try to find ...")
            numbered = [("1", m[1])]
        offset = seen.get(cls, 0)
        for k, text in numbered:
            items.append((cls, offset + int(k), " ".join(text.split())))
        seen[cls] = offset + len(numbered)
    return items


CASES = [(path.name[:2], cls, k, text) for path in notebook_paths() for cls, k, text in prompt_items(read(path))]


def _tests_of(number: str) -> set[str]:
    path = ROOT / "tests" / f"test_lab_prompts_{number}.py"
    return set(re.findall(r"^def (test_prompt_\w+)\(", path.read_text(), re.M)) if path.exists() else set()


def test_the_prompts_are_found():
    assert len(CASES) >= 50, len(CASES)
    assert all(len(text) > 15 for *_, text in CASES)


@pytest.mark.parametrize("number,cls,k,text", CASES, ids=[f"{n}-{c}-{k}" for n, c, k, _ in CASES])
def test_every_prompt_item_has_a_test(number, cls, k, text):
    name = f"test_prompt_{number}_{cls}_{k}"
    assert name in _tests_of(number), (
        f"notebook {number}, {cls} item ({k}) has no {name} in tests/test_lab_prompts_{number}.py: {text[:120]}"
    )


def test_no_prompt_test_is_left_over():
    wanted = {f"test_prompt_{n}_{c}_{k}" for n, c, k, _ in CASES}
    for path in sorted((ROOT / "tests").glob("test_lab_prompts_*.py")):
        extra = _tests_of(path.stem[-2:]) - wanted
        assert not extra, f"{path.name}: tests of prompts no notebook has: {sorted(extra)}"
