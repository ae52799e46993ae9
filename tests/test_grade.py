"""tools/grade.py (./course grade): every returned notebook run with limits, check()'s verdicts in a CSV.

The students here are synthetic: each notebook poses exercise 00.1 (and 01.1 where said) through the
course's own ``check``, as the course notebooks do, and does one of the things a class's notebooks do.
"""

from __future__ import annotations

import csv
import importlib
import json

import nbformat
import pytest

grade = importlib.import_module("tools.grade")

HEAD = "from coordlab.exercises import check"


def _write(path, *cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in (HEAD, *cells)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def test_students_from_folders_or_file_names(tmp_path):
    _write(tmp_path / "Ada Lovelace_123_assignsubmission_file_" / "01_coordination_failures.ipynb")
    _write(tmp_path / "turingalan_77_5_00_start_here.ipynb")
    (tmp_path / "Ada Lovelace_123_assignsubmission_file_" / ".ipynb_checkpoints").mkdir()
    _write(tmp_path / "Ada Lovelace_123_assignsubmission_file_" / ".ipynb_checkpoints" / "x.ipynb")
    found = [(s.student, s.path.name) for s in grade.submissions(tmp_path)]
    assert found == [
        ("Ada Lovelace_123_assignsubmission_file_", "01_coordination_failures.ipynb"),
        ("turingalan", "turingalan_77_5_00_start_here.ipynb"),
    ]


def test_the_exercises_a_notebook_poses_are_read_from_its_checks(tmp_path):
    _write(tmp_path / "a.ipynb", 'answer = None\ncheck("01.2", answer)', "check( '01.10', f)", 'check("01.2", 3)')
    assert grade.posed(tmp_path / "a.ipynb") == ["01.2", "01.10"]
    (tmp_path / "b.ipynb").write_text("not a notebook")
    assert grade.posed(tmp_path / "b.ipynb") == []


def test_refuses_what_is_not_a_folder_of_notebooks(tmp_path):
    with pytest.raises(ValueError, match="folder must be a directory"):
        grade.submissions(tmp_path / "missing")
    with pytest.raises(ValueError, match="holds no .ipynb"):
        grade.grade(tmp_path, tmp_path / "out")


def test_check_records_its_verdict_for_the_grader(tmp_path, monkeypatch):
    from coordlab.exercises.check import check

    record = tmp_path / "v.jsonl"
    monkeypatch.setenv("COORDLAB_GRADEBOOK", str(record))
    check("00.1", None)
    check("00.1", 60)
    lines = [json.loads(x) for x in record.read_text().splitlines()]
    assert lines == [{"key": "00.1", "verdict": "missing"}, {"key": "00.1", "verdict": "wrong"}]


def test_a_class_of_notebooks_right_unanswered_broken_hung_and_crashed(tmp_path):
    """One run over five students: each outcome lands in its column, and none stops the others."""
    subs = tmp_path / "returned"
    _write(subs / "ada" / "00_start_here.ipynb", 'check("00.1", 0.6)', 'answer = None\ncheck("01.1", answer)')
    _write(subs / "bob_1_00.ipynb", "1 / 0", 'check("00.1", 60)', "undefined_name", 'check("01.1", "Hare")')
    _write(subs / "cy_1_00.ipynb", "import os\nos._exit(1)", 'check("00.1", 0.6)')
    _write(
        subs / "di_1_00.ipynb",
        'check("00.1", 0.6)',
        "import time\nwhile True:\n    time.sleep(0.05)",
        'check("01.1", "Hare")',
    )
    (subs / "ed_1_00.ipynb").write_text('{"cells": 3}')
    out = tmp_path / "grades"
    results = grade.grade(subs, out, timeout=30, memory_mb=2048, log=lambda *a: None)
    by = {r.submission.student: r for r in results}
    assert by["ada"].status == "ran" and by["ada"].verdicts == {"00.1": "right", "01.1": "unanswered"}
    assert by["bob"].status == "ran" and by["bob"].cell_errors == 2
    assert by["bob"].verdicts == {"00.1": "wrong", "01.1": "right"}  # an error costs its cell, not the rest
    assert by["cy"].status == "crashed" and by["cy"].verdicts == {"00.1": "failed to run"}
    assert by["di"].status == "timed out" and by["di"].verdicts == {"00.1": "right", "01.1": "failed to run"}
    assert by["ed"].status == "not a notebook" and by["ed"].verdicts == {}
    with (out / "grades.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["student"] for r in rows] == ["ada", "bob", "cy", "di", "ed"]
    assert rows[0]["00.1"] == "right" and rows[0]["01.1"] == "unanswered" and rows[0]["right"] == "1"
    summary = (out / "summary.md").read_text()
    assert "| 00.1 | 2 | 0 | 1 | 0 | 0 | 1 |" in summary  # right ada, di; wrong bob; failed cy
    assert "di, di_1_00.ipynb: timed out (still running after 30 s)" in summary
