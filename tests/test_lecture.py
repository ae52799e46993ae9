"""tools/lecture.py: the lecture pages (Voila) are up to date, complete, and correctly installed.

The pages are driven in a real browser by ``tests/browser/test_lecture_mode.py``; here, what
can be checked without one.
"""

from __future__ import annotations

import ast
import html
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


def _built_class(nb, index: int) -> str:
    """The class a widget cell's code really builds, read from its syntax tree (not from its metadata):
    ``SomeLab().widget()``, or ``name.widget()`` after the last ``name = SomeLab()`` above it."""
    obj = ast.parse(nb.cells[index].source).body[-1].value.func.value
    if isinstance(obj, ast.Call):
        return obj.func.id
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type != "code":
            continue
        code = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        assigned = [
            node.value.func.id
            for node in ast.walk(ast.parse(code))
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == obj.id for t in node.targets)
            and isinstance(node.value, ast.Call)
        ]
        if assigned:
            return assigned[-1]
    raise AssertionError(f"cell {index}: {obj.id} is never assigned a lab")


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[nb.filename[:2] for nb in NOTEBOOKS])
def test_every_lab_widget_cell_names_in_its_metadata_the_lab_it_builds(lecture, nb):
    course = read(ROOT / "notebooks" / nb.filename)
    widget_cells = [
        i for i, c in enumerate(course.cells) if c.cell_type == "code" and c.source.rstrip().endswith(".widget()")
    ]
    assert lecture.lab_cells(course) == widget_cells, "every lab widget cell, and no other, carries the lab metadata"
    names = set(labs.__all__) - {"Lab", "Slider", "Toggle", "ALL_LABS"}  # without importing every lab
    for i in widget_cells:
        meta = course.cells[i].metadata["coordlab"]
        assert set(meta) == {"lab", "prompt"}, meta
        assert meta["lab"] in names and meta["lab"] == _built_class(course, i), (nb.filename, i, meta)
        above = course.cells[i - 1]
        assert meta["prompt"] is (above.cell_type == "markdown"), (nb.filename, i)
        if meta["prompt"]:
            assert "?" in above.source, (nb.filename, i, "a prompt puts questions to the room")


def test_lab_class_comes_from_the_metadata_not_the_code(lecture):
    import nbformat

    def lab(source, cls):
        return nbformat.v4.new_code_cell(source, metadata={"coordlab": {"lab": cls, "prompt": False}})

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("kelly = KellyLab()\nprint(kelly.update(p=0.6))"),
        lab("kelly.widget()", "KellyLab"),
        lab("TerraLab().widget()", "TerraLab"),
        nbformat.v4.new_code_cell("mystery.widget()"),
        nbformat.v4.new_code_cell("kelly = KellyLab()\nkelly.update()"),
        lab("kelly.widget()", "KellyLab"),
        lab("show(lab)", "SyncLab"),  # what the cell says does not matter: the metadata names the lab
    ]
    assert lecture.lab_cells(nb) == [1, 2, 5, 6]
    assert lecture.lab_class(nb, 1) == "KellyLab"
    assert lecture.lab_code(nb, 1) == "kelly = KellyLab()\nkelly.update(p=0.6)\nkelly.widget()"
    assert lecture.lab_code(nb, 2) == "TerraLab().widget()"
    assert lecture.lab_code(nb, 5) == "KellyLab().widget()"  # rebuilt, never moved: the plain form
    assert lecture.lab_class(nb, 6) == "SyncLab"
    with pytest.raises(ValueError, match="cell 3 has no lab metadata.*mystery"):
        lecture.lab_class(nb, 3)
    with pytest.raises(ValueError, match="index must be a cell"):
        lecture.lab_class(nb, 7)
    nb.cells[1].metadata["coordlab"]["lab"] = "os.system"
    with pytest.raises(ValueError, match="no lab metadata"):
        lecture.lab_class(nb, 1)


def test_every_notebook_with_a_lab_has_a_page_with_all_its_labs(lecture):
    for nb in NOTEBOOKS:
        course = read(ROOT / "notebooks" / nb.filename)
        widget_cells = lecture.lab_cells(course)
        page = ROOT / "lecture" / nb.filename
        assert page.exists() == bool(widget_cells), nb.filename
        if not widget_cells:
            continue
        cells = read(page).cells
        code = [c.source for c in cells if c.cell_type == "code"]
        assert all(s.endswith(".widget()") for s in code[1:])
        shown = [re.search(r"\b(\w+Lab)\(\)", s)[1] for s in code[1:]]
        assert shown == [course.cells[i].metadata["coordlab"]["lab"] for i in widget_cells], nb.filename
        # the imports cover exactly the labs shown, and the page shows no other code
        imports = ", ".join(["Lab", *sorted(set(shown))])
        assert code[0] == f"%matplotlib inline\nfrom coordlab.labs import {imports}\nLab.png_scale = 1.5"
        # each lab is introduced by the course notebook's own prompt for it, from its "Try:" on: what the notebook
        # reports before it (the lab's results) would answer the room's questions on the projector
        page_prompts = [c.source for c in cells if c.cell_type == "markdown" and c.source.startswith("### Lab ")]
        assert len(page_prompts) == len(widget_cells)
        for prompt, i in zip(page_prompts, widget_cells):
            above = course.cells[i - 1].source.rstrip()
            tries = [above.find(t) for t in ("The lab. Try:", "In the lab, try:", "Try:") if t in above]
            asked = above[min(tries) :] if tries else above
            assert prompt.endswith("\n\n" + asked), (nb.filename, i)
            assert above[: min(tries)].strip() not in prompt if tries and min(tries) else True, (nb.filename, i)


def plan_questions(page) -> str:
    """The "Questions to put to the room" section of the session plan for lecture page ``page``."""
    plan = next((ROOT / "docs" / "instructor").glob(f"{page.name[:2]}_*.md")).read_text()
    return plan.split("## Questions to put to the room", 1)[1].split("\n## ", 1)[0]


def test_each_page_carries_the_session_headings_figures_and_questions(lecture):
    """The session can be projected from the page: every section heading of the notebook (but its exercises,
    summary, references and what's next, unless the plan asks a question there), every stored figure once with the
    notebook's own alt text (except a lab's static fallback, which the lab shows live), and each of the session
    plan's questions, without its answer, at the end of the section the plan names for it (or as it opens)."""
    checked_figures = 0
    for page in sorted((ROOT / "lecture").glob("*.ipynb")):
        course = read(ROOT / "notebooks" / page.name)
        cells = read(page).cells
        text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
        heads = [line for c in course.cells if c.cell_type == "markdown" for line in c.source.splitlines()]
        heads = [h[3:].strip() for h in heads if h.startswith("## ")]
        for head in heads:
            shown = re.sub(r"^(\d+)\.\s+", r"§\1 ", head)
            asked_here = re.search(rf"^\d+\.\s+\(§\s*{re.escape(head.split('.')[0])}\b", plan_questions(page), re.M)
            expected = head not in ("Exercises", "Summary", "References", "What's next") or asked_here is not None
            assert (f"## {shown}" in text) == expected, (page.name, head)
        lab_cells = lecture.lab_cells(course)
        pngs = re.findall(r'<img src="data:image/png;base64,([^"]+)"', text)
        assert len(pngs) == len(set(pngs)), "each figure is embedded once"
        for j, cell in enumerate(course.cells[:-1]):
            m = re.search(r"\*\*Figure (\d+)\.\*\*.*?Alt text:\s*(.*?)\s*(?:\n\s*\n|$)", cell.source, re.S)
            if cell.cell_type != "markdown" or m is None:
                continue
            stored = [
                o["data"]["image/png"]
                for o in course.cells[j + 1].get("outputs", [])
                if "image/png" in o.get("data", {})
            ]
            # a lab's static fallback, which the lab shows live: the figure's cell builds the lab's class and no
            # other figure or section heading comes between it and that lab
            code = course.cells[j + 1].source
            later = [k for k in lab_cells if k > j + 1]
            if later:
                between = course.cells[j + 2 : later[0]]
                fallback = re.search(
                    rf"\b{course.cells[later[0]].metadata['coordlab']['lab']}\(", code
                ) is not None and not any("**Figure " in c.source or "\n## " in "\n" + c.source for c in between)
                if fallback:
                    assert stored[-1].replace("\n", "") not in pngs, (page.name, m[1])
                    continue
            assert stored[-1].replace("\n", "") in pngs, (page.name, m[1])
            alt = html.escape(" ".join(m[2].split()))
            assert f'{stored[-1].replace(chr(10), "")}" alt="{alt}" class="coordlab-figure-{m[1]}">' in text, m[1]
            checked_figures += 1
        plan = next((ROOT / "docs" / "instructor").glob(f"{page.name[:2]}_*.md")).read_text()
        section = plan.split("## Questions to put to the room", 1)[1].split("\n## ", 1)[0]
        asked = re.findall(r"^(\d+)\.\s+\(§\s*([^)]+?)\)\s+(.*?)\s*\*A good answer:\*", section, re.M)
        numbered = re.findall(r"^\d+\.\s", section, re.M)
        assert asked and len(asked) == len(numbered), (page.name, "every question names its section: 2. (§3) ...")
        shown_heads = [(k, c.source[3:]) for k, c in enumerate(cells) if c.source.startswith("## ")]
        for n, tag, question in asked:
            where = [k for k, c in enumerate(cells) if c.source == f"> **Question {n} for the room.** {question}"]
            assert len(where) == 1, (page.name, n, "each question shown once, without its answer")
            section = tag.removesuffix(" start")
            heads = [(k, h) for k, h in shown_heads if h.startswith(f"§{section} " if section.isdigit() else section)]
            assert len(heads) == 1, (page.name, n, tag, "the tag names one section of the notebook")
            start = heads[0][0]
            end = min([k for k, _ in shown_heads if k > start] + [len(cells)])
            assert start < where[0] < end, (page.name, n, "asked in its section")
            if tag.endswith(" start"):  # asked for a prediction, as the section opens
                assert all(cells[k].source.startswith("> **Question") for k in range(start + 1, where[0])), (
                    page.name,
                    n,
                    "asked before the section's figures and labs",
                )
                continue
            assert all(not cells[k].source.startswith(("### Lab", "**Figure")) for k in range(where[0], end)), (
                page.name,
                n,
                "asked as its section ends, after its labs and figures",
            )
        assert not any(c.source.startswith("## Questions for the room") for c in cells), page.name
    assert checked_figures >= 10


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


def test_the_instructor_guide_says_what_zoom_and_slides_really_do():
    """Issue 16: zoom enlarges the HTML text (the template's 18 px), not the figure, which fills the page's width
    already; nbconvert's slides load require.js, jQuery and MathJax from CDNs whatever reveal_url_prefix says."""
    import re

    guide = (ROOT / "docs" / "instructor" / "README.md").read_text()
    projector = guide.split("- **On the projector**:", 1)[1].split("\n", 1)[0]
    template = (ROOT / "share" / "jupyter" / "voila" / "templates" / "coordlab" / "index.html.j2").read_text()
    css = template.split('<style id="coordlab-projector">', 1)[1].split("</style>", 1)[0]
    sizes = set(re.findall(r"font-size: (\d+)px", css))
    assert len(sizes) == 1 and f"HTML text at {sizes.pop()} px" in projector
    assert "does not grow with zoom" in projector and "lower the resolution" in projector
    assert "until the labels read from the back" not in guide
    slides = guide.split("## Slides", 1)[1].split("\n## ", 1)[0]
    assert "It needs the network" in slides and "require.js, jQuery and MathJax from CDNs" in slides
    assert "offline, pass" not in slides and "lecture mode" in slides


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


# --- projector-ready (issue 16 item 1): what can be measured without a browser --------------------------------


def _corners(lab_cls):
    import itertools

    sliders = [c for c in lab_cls.controls if hasattr(c, "step")]
    for ends in itertools.product(*[(c.min, c.max) for c in sliders]):
        yield {c.name: c.checked(x) for c, x in zip(sliders, ends)}


def test_network_labels_are_never_covered_by_a_marker_an_arrow_or_another_label():
    """Measured on the drawn figure (display coordinates, the renderer's text boxes) at the lab's defaults,
    at its 16 slider corners, at the PNG's resolution and at the figure's own."""
    import matplotlib.pyplot as plt

    from coordlab.labs import NetworkLab

    lab = NetworkLab()
    lab.png_scale = 1.5  # as on a lecture page
    figure = lab.figure_object
    assert figure.overlaps() == []  # at the figure's own resolution, before the first PNG
    lab.png()
    assert lab.figure.dpi == 1.5 * lab.natural_dpi
    points = [dict(lab.values), *_corners(NetworkLab)]
    assert len(points) == 17
    waves = set()
    for point in points:
        lab.update(**point)
        waves.add(tuple(lab.result["r"].wave))
        assert figure.overlaps() == [], point
    assert len(waves) >= 3, "the corners should show several patterns of default"
    # the check can fail: a label put back on its node is caught, by the marker and by the arrows at it
    label = figure.labels[0]
    label.set_position((0, 0))
    label.set_horizontalalignment("center")
    label.set_verticalalignment("center")
    found = figure.overlaps()
    assert any("'Hedge fund' overlaps a" in f for f in found) and "an arrow crosses label 'Hedge fund'" in found
    plt.close(lab.figure)


def test_the_live_figure_is_sharp_and_scales_with_the_window():
    """The PNG has 1.5 times the figure's pixels each way (a device pixel per screen pixel at 150% zoom); the
    widget shows it at 100% of the width up to its natural size."""
    import io

    from PIL import Image

    from coordlab.labs import NetworkLab

    lab = NetworkLab()
    lab.png_scale = 1.5  # as on a lecture page
    natural = lab.natural_width
    assert natural == 1100  # 11 inches at 100 dpi
    box = lab.widget()
    image = next(child for child in box.children if "coordlab-figure" in child._dom_classes)
    assert Image.open(io.BytesIO(image.value)).size[0] == 1.5 * natural
    assert (image.layout.width, image.layout.max_width, image.layout.height) == ("100%", "1100px", "auto")
    summary = box.children[-1].value
    for rule in ("overflow-wrap:normal", "word-break:normal", "hyphens:manual"):
        assert rule in summary


def test_slider_readouts_show_the_steps_decimals_and_integers_as_integers():
    from coordlab.labs import KellyLab, NetworkLab, Slider

    assert [Slider("x", "x", 0.0, 1.0, s, 0.5).decimals for s in (0.05, 0.025, 0.5, 0.001)] == [2, 3, 1, 3]
    widgets = {c.name: c.make_widget() for c in NetworkLab.controls}
    assert type(widgets["fund_loss"]).__name__ == "IntSlider"  # 0 to 80 by 1: whole numbers
    assert widgets["alpha"].readout_format == ",.2f"  # steps of 0.05: "0.50", never "0.5" then "0.55"
    for c in KellyLab.controls:
        w = c.make_widget()
        if type(w).__name__ == "FloatSlider":
            assert w.readout_format == f",.{c.decimals}f" and "e" not in w.readout_format
