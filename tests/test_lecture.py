"""tools/lecture.py: the lecture pages (Voila) are up to date, complete, and correctly installed.

The pages are driven in a real browser by ``tests/browser/test_lecture_mode.py``; here, what
can be checked without one.
"""

from __future__ import annotations

import importlib
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from coordlab import labs
from coordlab.course import NOTEBOOKS
from notebook_tools import ROOT, read


@pytest.fixture(scope="module")
def lecture():
    return importlib.import_module("tools.lecture")


def test_lecture_pages_are_up_to_date(lecture, capsys):
    assert lecture.main(["--check"]) == 0, capsys.readouterr().out


def test_every_notebook_with_a_lab_has_a_page_with_all_its_labs(lecture):
    for nb in NOTEBOOKS:
        course = read(ROOT / "notebooks" / nb.filename)
        widget_cells = [c for c in course.cells if c.cell_type == "code" and c.source.rstrip().endswith(".widget()")]
        page = ROOT / "lecture" / nb.filename
        assert page.exists() == bool(widget_cells), nb.filename
        if not widget_cells:
            continue
        cells = read(page).cells
        code = [c.source for c in cells if c.cell_type == "code"]
        assert all(s.endswith(".widget()") for s in code[1:])
        shown = [re.search(r"\b(\w+Lab)\(\)", s)[1] for s in code[1:]]
        assert len(shown) == len(widget_cells), nb.filename
        assert set(shown) <= {cls.__name__ for cls in labs.ALL_LABS}, shown
        # the imports cover exactly the labs shown, and the page shows no other code
        assert code[0] == "%matplotlib inline\nfrom coordlab.labs import " + ", ".join(sorted(set(shown)))
        # each lab is introduced by the course notebook's own prompt for it
        course_prompts = [
            course.cells[i - 1].source
            for i, c in enumerate(course.cells)
            if c.cell_type == "code" and c.source.rstrip().endswith(".widget()")
        ]
        page_prompts = [c.source for c in cells if c.cell_type == "markdown" and c.source.startswith("## Lab ")]
        assert len(page_prompts) == len(course_prompts)
        for prompt, text in zip(page_prompts, course_prompts):
            assert prompt.endswith(text.rstrip())


def test_a_lab_the_notebook_moved_starts_there_on_the_lecture_page(lecture):
    """For ``name.widget()`` cells the lecture page rebuilds the lab with the notebook's updates:
    its summary (which names every control's value) is the one the notebook printed for it."""
    import matplotlib.pyplot as plt

    from coordlab import labs as lab_module

    checked = 0
    for page in sorted((ROOT / "lecture").glob("*.ipynb")):
        printed = {
            o["text"].rstrip("\n")
            for c in read(ROOT / "notebooks" / page.name).cells
            for o in c.get("outputs", [])
            if o.get("output_type") == "stream"
        }
        for cell in read(page).cells:
            if cell.cell_type != "code" or "\n" not in cell.source or "import" in cell.source:
                continue
            *build, last = cell.source.splitlines()
            scope = {name: getattr(lab_module, name) for name in lab_module.__all__}  # labs load lazily
            exec("\n".join(build), scope)  # noqa: S102 - generated, checked-in lab code
            lab = scope[last.removesuffix(".widget()")]
            assert lab.summary(lab.result) in printed, (page.name, cell.source)
            plt.close(lab.figure)
            checked += 1
    assert checked == 8  # 06 (the trap), 07 (both labs), 08 (the cascade), 09, 10, 11 and 14 move their lab first


def test_lab_class_is_found_from_either_cell_form(lecture):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("kelly = KellyLab()\nprint(kelly.update(p=0.6))"),
        nbformat.v4.new_code_cell("kelly.widget()"),
        nbformat.v4.new_code_cell("TerraLab().widget()"),
        nbformat.v4.new_code_cell("mystery.widget()"),
        nbformat.v4.new_code_cell("kelly = KellyLab()\nkelly.update()"),
        nbformat.v4.new_code_cell("kelly.widget()"),
    ]
    assert lecture.lab_class(nb, 1) == "KellyLab"
    assert lecture.lab_code(nb, 1) == "kelly = KellyLab()\nkelly.update(p=0.6)\nkelly.widget()"
    assert lecture.lab_code(nb, 2) == "TerraLab().widget()"
    assert lecture.lab_code(nb, 5) == "KellyLab().widget()"  # rebuilt, never moved: the plain form
    assert lecture.lab_class(nb, 2) == "TerraLab"
    with pytest.raises(ValueError, match="mystery"):
        lecture.lab_class(nb, 3)


def test_install_sets_the_template_and_keeps_other_settings(lecture, tmp_path):
    config = tmp_path / "etc" / "jupyter" / "jupyter_server_config.json"
    config.parent.mkdir(parents=True)
    config.write_text(
        json.dumps(
            {"ServerApp": {"tornado_settings": {"headers": {"X-Test": "1"}}}, "VoilaConfiguration": {"theme": "dark"}}
        )
    )
    written = lecture.install(tmp_path)
    template = tmp_path / "share" / "jupyter" / "voila" / "templates" / "coordlab"
    assert written == [template, config]
    assert (template / "index.html.j2").read_text() == (lecture.TEMPLATE / "index.html.j2").read_text()
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    assert json.loads(config.read_text()) == {
        "ServerApp": {"tornado_settings": {"headers": {"X-Test": "1"}, "mathjax_url": None, "mathjax_config": None}},
        "VoilaConfiguration": {
            "theme": "dark",
            "template": "coordlab",
            "extension_denylist": list(lecture.NOT_IN_LECTURE),
        },
    }
    lecture.install(tmp_path)  # again: idempotent
    assert json.loads(config.read_text())["VoilaConfiguration"]["template"] == "coordlab"
    assert len(json.loads(config.read_text())["VoilaConfiguration"]) == 3


def test_install_refuses_a_missing_prefix(lecture, tmp_path):
    with pytest.raises(ValueError, match="not a directory"):
        lecture.install(tmp_path / "nowhere")


def test_the_template_links_nothing_off_the_machine():
    text = (ROOT / "share" / "jupyter" / "voila" / "templates" / "coordlab" / "index.html.j2").read_text()
    assert not re.search(r"https?://", text.split("-#}", 1)[1]), "the lecture template must not link off the machine"


def test_binder_links_open_each_page_in_voila(lecture):
    for page in sorted((ROOT / "lecture").glob("*.ipynb")):
        parts = urlsplit(lecture.binder_url(page.name))
        assert (parts.scheme, parts.netloc) == ("https", "mybinder.org")
        assert parts.path == "/v2/gh/coordlab/coordlab/HEAD"
        assert parse_qs(parts.query) == {"urlpath": [f"voila/render/lecture/{page.name}"]}


def test_binder_installs_the_lecture_template():
    post = (ROOT / "binder" / "postBuild").read_text()
    assert "python tools/lecture.py --install" in post
    assert "set -euo pipefail" in post


def test_the_instructor_guide_links_every_lecture_page(lecture):
    guide = (ROOT / "docs" / "instructor" / "README.md").read_text()
    for page in sorted((ROOT / "lecture").glob("*.ipynb")):
        assert lecture.binder_url(page.name) in guide, page.name
        assert f"./course lecture {page.name[:2]}" in guide, page.name


def _course(*args):
    import os
    import subprocess
    import sys
    from pathlib import Path

    if not (Path(sys.prefix) / ".coordlab-stamp").exists():
        pytest.skip("runs ./course, which needs the environment ./course set up (run ./course test)")
    return subprocess.run(
        ["bash", str(ROOT / "course"), "lecture", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COORDLAB_VENV": sys.prefix},
        cwd=ROOT,
        timeout=120,
    )


def test_course_lecture_without_a_number_lists_the_pages():
    out = _course()
    assert out.returncode == 0, out.stderr
    listed = re.findall(r"^  (\d\d)  ", out.stdout, re.M)
    assert listed == [p.name[:2] for p in sorted((ROOT / "lecture").glob("*.ipynb"))]


def test_course_lecture_refuses_an_unknown_number_and_says_which_exist():
    out = _course("99")
    assert out.returncode == 2
    assert "no lecture page for notebook '99'" in out.stdout and "00 01 02" in out.stdout


def test_the_command_loads_the_same_extensions_as_binder(lecture):
    course = (ROOT / "course").read_text()
    listed = ", ".join(f"'{e}'" for e in lecture.NOT_IN_LECTURE)
    assert f'--VoilaConfiguration.extension_denylist="[{listed}]"' in course
