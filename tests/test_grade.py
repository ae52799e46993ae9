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
    assert by["ed"].status == "not a notebook" and by["ed"].verdicts == {"00.1": "failed to run"}  # 00's exercise
    with (out / "grades.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["student"] for r in rows] == ["ada", "bob", "cy", "di", "ed"]
    assert rows[0]["00.1"] == "right" and rows[0]["01.1"] == "unanswered" and rows[0]["right"] == "1"
    summary = (out / "summary.md").read_text()
    assert "| 00.1 | 2 | 0 | 1 | 0 | 0 | 2 |" in summary  # right ada, di; wrong bob; failed cy, ed
    assert "di, di_1_00.ipynb: timed out (still running after 30 s)" in summary


def test_each_student_is_graded_against_their_own_variant(tmp_path):
    """--variants: ada's answer is right for ada and wrong for bob; a notebook that switches to another student's
    variant gets no verdict for it; the instructor's sheet lists each student's parameters and answers."""
    from coordlab.exercises.check import REGISTRY, load_all, rounded, variant_params

    load_all()
    ex = REGISTRY["07.1"]
    ada = ex.expected(variant_params("07.1", "ada", 11))
    bob = ex.expected(variant_params("07.1", "bob", 11))
    assert rounded(ada, 3) != rounded(bob, 3)
    subs = tmp_path / "returned"
    # answers as a student types them, at the precision asked (never a float's every digit: the CPU probe)
    ada_typed, default_typed = rounded(ada, ex.decimals), rounded(ex.expected(), ex.decimals)
    _write(subs / "ada_1_07.ipynb", f'check("07.1", {ada_typed})', 'check("00.1", 0.6)')
    _write(subs / "bob_1_07.ipynb", f'check("07.1", {ada_typed})', 'check("00.1", 0.6)')
    _write(subs / "Cy Young_9_assignsubmission_file_" / "07.ipynb", f'check("07.1", {default_typed})')
    _write(
        subs / "dan_1_07.ipynb",
        f'import os\nos.environ["COORDLAB_STUDENT"] = "ada"\ncheck("07.1", {ada_typed})',  # borrowing ada's variant
    )
    out = tmp_path / "grades"
    results = grade.grade(subs, out, timeout=60, memory_mb=2048, log=lambda *a: None, variants=11, jobs=2)
    by = {r.submission.student: r for r in results}
    rest = {k: "not reached" for k in ("07.2", "07.3", "07.4", "07.5")}  # notebook 07's other exercises, unchecked
    assert by["ada"].verdicts == {"07.1": "right", **rest, "00.1": "right"} and by["ada"].variant == "ada"
    assert by["bob"].verdicts == {"07.1": "wrong", **rest, "00.1": "right"}  # ada's answer is not bob's
    cy = by["Cy Young_9_assignsubmission_file_"]
    cy_right = rounded(ex.expected(variant_params("07.1", "cy young", 11)), 3) == rounded(ex.expected(), 3)
    assert cy.variant == "cy young" and cy.verdicts == {"07.1": "right" if cy_right else "wrong", **rest}
    assert by["dan"].verdicts == {"07.1": "not reached", **rest}  # checked against another student's variant
    assert "checked against each student's own (course seed 11)" in (out / "summary.md").read_text()
    assert "; 2 at a time." in (out / "summary.md").read_text()
    with (out / "variants.csv").open(newline="", encoding="utf-8") as fh:
        sheet = [r for r in csv.DictReader(fh) if r["exercise"] == "07.1"]
    assert [r["variant"] for r in sheet] == ["cy young", "ada", "bob", "dan"]
    assert sheet[1]["expected"] == str(rounded(ada, 3)) and sheet[2]["expected"] == str(rounded(bob, 3))
    p = variant_params("07.1", "ada", 11)
    assert sheet[1]["parameters"] == f"p = {p['p']!r}, b = {grade._number(p['b'])}"


def test_variant_ids_and_options_are_checked(tmp_path):
    assert grade.variant_student("Ada Lovelace_123_assignsubmission_file_") == "ada lovelace"
    assert grade.variant_student("turingalan") == "turingalan"
    _write(tmp_path / "a_1.ipynb")
    with pytest.raises(ValueError, match="jobs must be a whole number from 1 to 256"):
        grade.grade(tmp_path, tmp_path / "out", jobs=0)
    with pytest.raises(ValueError, match="variants must be a course seed"):
        grade.grade(tmp_path, tmp_path / "out", variants=-1)
    assert grade.default_jobs() >= 1


def test_the_sheet_is_printed_without_grading(tmp_path, capsys):
    _write(tmp_path / "ada_1_07.ipynb")
    assert grade.main([str(tmp_path), "--variants", "11", "--sheet"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| student | exercise | parameters | expected | unit |"
    assert sum(line.startswith("| ada | ") for line in lines) == 14  # one exercise with variants per notebook 01-14
    assert not (tmp_path.parent / (tmp_path.name + "-grades")).exists()
    with pytest.raises(SystemExit):
        grade.main([str(tmp_path), "--sheet"])  # --sheet needs --variants


def test_which_course_notebook_a_returned_file_copies():
    from pathlib import Path

    assert grade.notebook_number(Path("Eve Stone_105_assignsubmission_file_/07_position_sizing.ipynb")) == "07"
    assert grade.notebook_number(Path("stoneeve_105_2077_14_capstone_stress_test-1.ipynb")) == "14"
    assert grade.notebook_number(Path("stoneeve_105_2077_09.ipynb")) == "09"  # 2077 is not a course notebook
    assert grade.notebook_number(Path("stoneeve_55_77.ipynb"), ["12.1", "03.2", "12.4"]) == "12"  # from its checks
    assert grade.notebook_number(Path("Untitled.ipynb")) == ""
    assert grade.course_exercises("14") == ["14.1", "14.2", "14.3", "14.4"]
    assert grade.course_exercises("01")[:2] == ["01.1", "01.2"] and len(grade.course_exercises("01")) == 6


def test_a_deleted_check_a_raising_cell_and_a_flood_of_output_are_all_recorded(tmp_path):
    """A returned notebook 07 whose 07.1 check cell was replaced by ``1/0`` still poses 07.1 (``not reached``), the
    error is named in the note and the summary, the student is the variant id and the file what Moodle wrote; a
    notebook that prints far more than the cap is noted as capped."""
    from pathlib import Path

    course = json.loads((Path(grade.ROOT) / "notebooks" / "07_position_sizing.ipynb").read_text(encoding="utf-8"))
    replaced = 0
    for cell in course["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
            if 'check("07.1"' in "".join(cell["source"]):
                cell["source"], replaced = "1/0", replaced + 1
    assert replaced == 1
    subs = tmp_path / "returned"
    folder = subs / "Eve Stone_105_assignsubmission_file_"
    folder.mkdir(parents=True)
    (folder / "07_position_sizing.ipynb").write_text(json.dumps(course), encoding="utf-8")
    lines = 40_000  # about 229 000 characters: more than twice the cap
    _write(subs / "loudlou_1_2_00_start_here.ipynb", f"for i in range({lines}):\n    print(i)", 'check("00.1", 0.6)')
    out = tmp_path / "grades"
    results = grade.grade(subs, out, timeout=120, memory_mb=2048, log=lambda *a: None, jobs=2)
    by = {r.student: r for r in results}
    eve, lou = by["eve stone"], by["loudlou"]
    assert eve.status == "ran" and eve.notebook == "07"
    assert eve.verdicts == {k: "unanswered" for k in ("07.2", "07.3", "07.4")} | {
        "07.1": "not reached",
        "07.5": "unanswered",
    }
    assert eve.cell_errors == 1 and eve.errors[0].endswith(": ZeroDivisionError: division by zero")
    printed = sum(len(f"{i}\n") for i in range(lines))
    assert lou.status == "ran" and lou.verdicts == {"00.1": "right"}
    assert lou.capped == printed - grade.OUTPUT_CAP  # every character past the first 100 000 of the cell
    with (out / "grades.csv").open(newline="", encoding="utf-8") as fh:
        rows = {r["student"]: r for r in csv.DictReader(fh)}
    assert rows["eve stone"]["file"] == "Eve Stone_105_assignsubmission_file_/07_position_sizing.ipynb"
    assert rows["eve stone"]["posed"] == "5" and rows["eve stone"]["07.1"] == "not reached"
    assert "ZeroDivisionError: division by zero" in rows["eve stone"]["note"]
    assert rows["loudlou"]["note"].startswith(f"output capped at {grade.OUTPUT_CAP} characters a cell (")
    assert rows["loudlou"]["file"] == "loudlou_1_2_00_start_here.ipynb" and rows["loudlou"]["notebook"] == "00"
    summary = (out / "summary.md").read_text()
    assert "| 07.1 | 0 | 0 | 0 | 0 | 1 | 0 |" in summary  # not reached, not left out
    assert "Notebooks whose printed output was capped at 100000 characters a cell: 1." in summary
    assert f"- loudlou, loudlou_1_2_00_start_here.ipynb: {lou.capped} more characters printed" in summary
    assert "- eve stone, Eve Stone_105_assignsubmission_file_/07_position_sizing.ipynb: cell " in summary
    assert summary.count("ZeroDivisionError: division by zero") == 1


def test_the_guide_states_how_many_variants_80_students_get():
    """The instructor's guide gives the distinct variants per exercise over 80 students (seed 2026): recomputed."""
    import re
    from pathlib import Path

    from coordlab.exercises.check import REGISTRY, Numeric, load_all, variant_params

    load_all()
    guide = (Path(grade.ROOT) / "docs" / "instructor" / "README.md").read_text(encoding="utf-8")
    grading = guide.split("## Grading", 1)[1].split("\n## ", 1)[0]
    sentence = grading.split("the distinct variants per exercise are ", 1)[1].split(". ", 1)[0]
    stated = dict(re.findall(r"(\d\d\.\d+): (\d+)", sentence))
    varied = [k for k, e in REGISTRY.items() if isinstance(e, Numeric) and e.vary is not None]
    counts = {
        k: str(len({tuple(variant_params(k, f"student{i:03d}", 2026).items()) for i in range(80)})) for k in varied
    }
    assert {k: stated.get(k) for k in counts} == counts
    assert int(counts["08.1"]) > 27 and int(counts["14.1"]) == 9  # 08.1 widened; 14.1 is every throttle it can take
