"""tools/execute_notebooks.py (./course execute): stores a fresh kernel's outputs, normalised so a re-run changes
nothing.
"""

from __future__ import annotations

import importlib

import nbformat

execute_notebooks = importlib.import_module("tools.execute_notebooks")


def _notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("x = 6 * 7\nprint(x)"),
        nbformat.v4.new_markdown_cell("text"),
        nbformat.v4.new_code_cell("x + 1"),
    ]
    nb.metadata["kernelspec"] = {"name": "some-other-kernel", "display_name": "Other", "language": "python"}
    nbformat.write(nb, path)


def test_execute_stores_outputs_and_normalises_metadata(tmp_path):
    path = tmp_path / "99_tiny.ipynb"
    _notebook(path)
    assert execute_notebooks.main([str(path)]) == 0
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"] == execute_notebooks.KERNELSPEC
    assert nb.cells[0].outputs[0]["text"] == "42\n"
    assert nb.cells[2].outputs[0]["data"]["text/plain"] == "43"
    assert not any("execution" in c.metadata for c in nb.cells if c.cell_type == "code")
    assert "widgets" not in nb.metadata
    first = path.read_bytes()
    execute_notebooks.execute(path)
    assert path.read_bytes() == first  # a re-run that changes nothing leaves the file unchanged


def test_the_exercise_audit_counts_what_the_registry_holds(capsys):
    from coordlab.exercises.check import REGISTRY, load_all

    audit = importlib.import_module("tools.exercise_audit")
    load_all()
    rows = audit.audit()
    assert [r["notebook"] for r in rows] == [f"{n:02d}" for n in range(15)]
    assert sum(r["numeric"] + r["choice"] + r["function"] for r in rows) == len(REGISTRY)
    assert all(n == 7 for r in rows for n in r["slips"].values()), "every numeric check names the seven slips"
    code = audit.main([])
    out = capsys.readouterr().out
    assert f"{len(REGISTRY)} exercises checked" in out and "answers on the page: 0" in out and code == 0
