"""Lecture mode: each notebook's labs as an app, no code on screen (Voila).

    python tools/lecture.py            # (re)write lecture/NN_slug.ipynb from notebooks/
    python tools/lecture.py --check    # exit 1 if lecture/ is out of date (a test runs this)
    python tools/lecture.py --install PREFIX   # make the lecture template Voila's default in an
                                               # environment (Binder's postBuild runs this)
    ./course lecture 03                # open notebook 03's labs in the browser, as an app
    ./course lecture                   # the list of every notebook's lecture page

For every course notebook with a lab, ``lecture/`` holds a small notebook made
from it, enough to project a whole session: the notebook's section headings,
its figures (the stored PNGs, each embedded once as an inline ``<img>``, with the
notebook's caption and alt text; not a lab's static fallback, which the lab shows live), each lab
with the course notebook's prompt for it from its "Try: (1) … (2) …" on (the results the notebook
reports before it would answer the room's questions) followed by the lab's widget, and each
question of the session plan (``docs/instructor/NN_*.md``) at the end of the section the plan
asks it in ("2. (§3) With NetworkLab projected …"). Voila runs it and shows only the prose, the
figures and the widgets, so an instructor can project a lab and move its
sliders without any code on screen. The lab cells are found from their cell
metadata (``"coordlab": {"lab": "NetworkLab", "prompt": true}``, see
:data:`META`), not from their code. The notebooks are generated, never edited
by hand; the course notebook and the session plan stay the single sources.

Voila's own "lab" template links Font Awesome from a CDN; the ``coordlab``
template (``share/jupyter/voila/templates/coordlab``) is the same page without
those links, so lecture mode works with no network at all. ``./course lecture``
puts it on Jupyter's data path; on Binder, where Voila runs as a server
extension of JupyterLab, ``--install`` copies it into the environment and makes
it the default, and the same pages open at
``…?urlpath=voila/render/lecture/NN_slug.ipynb`` (see :func:`binder_url`).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LECTURE = ROOT / "lecture"
BINDER = "https://mybinder.org/v2/gh/coordlab/coordlab/HEAD"
TEMPLATE = ROOT / "share" / "jupyter" / "voila" / "templates" / "coordlab"

# Cell metadata of a lab widget cell in a course notebook (written once by a script, kept by nbformat):
#     "coordlab": {"lab": "NetworkLab", "prompt": true}
# "lab" names the class of coordlab.labs the cell shows; "prompt" says whether the markdown cell just above it
# is its "Try: (1) ..." prompt for the room. tests/test_lecture.py checks that every cell ending in .widget()
# carries it, that no other cell does, and that the class named is the one the cell's code builds.
META = "coordlab"
# The lecture pages render each lab's figure at this multiple of its resolution (coordlab.labs.Lab.png_scale):
# a device pixel per CSS pixel at 150% zoom, sharp on a projector, at about twice the cost of an update at 1.
LECTURE_PNG_SCALE = 1.5


def lab_meta(cell: NotebookNode) -> dict | None:
    """The ``coordlab`` lab metadata of a cell (``{"lab": ..., "prompt": ...}``), or None if it shows no lab."""
    meta = cell.get("metadata", {}).get(META)
    if cell.get("cell_type") != "code" or not isinstance(meta, dict) or "lab" not in meta:
        return None
    return meta


def lab_cells(nb: NotebookNode) -> list[int]:
    """The indices of the cells that show a lab (those whose metadata names one)."""
    return [i for i, c in enumerate(nb.cells) if lab_meta(c) is not None]


_widget_cells = lab_cells  # the name other tests used before the metadata


def lab_class(nb: NotebookNode, index: int) -> str:
    """The Lab class whose widget cell ``index`` shows, as its cell metadata names it.

    >>> cell = nbformat.v4.new_code_cell("kelly.widget()", metadata={"coordlab": {"lab": "KellyLab"}})
    >>> lab_class(nbformat.v4.new_notebook(cells=[cell]), 0)
    'KellyLab'
    """
    if not 0 <= index < len(nb.cells):
        raise ValueError(f"index must be a cell of the notebook (0 to {len(nb.cells) - 1}), got {index}")
    meta = lab_meta(nb.cells[index])
    if meta is None or not isinstance(meta["lab"], str) or not re.fullmatch(r"[A-Z]\w*Lab", meta["lab"]):
        raise ValueError(
            f"cell {index} has no lab metadata ({{'{META}': {{'lab': 'SomeLab', 'prompt': true}}}}): "
            f"{nb.cells[index].get('source', '')[:60]!r}"
        )
    return str(meta["lab"])


def lab_code(nb: NotebookNode, index: int) -> str:
    """The code that shows cell ``index``'s lab as the notebook opens it.

    A ``SomeLab().widget()`` cell becomes ``SomeLab().widget()``; for ``name.widget()`` the lab is
    rebuilt with the ``name.update(...)`` calls the notebook made on it since ``name = SomeLab()``
    (its prompts say "starting where Figure 1 left it", so the lecture page must start there too).
    The class comes from the cell's metadata; only the replay of the updates reads code.
    """
    cls = lab_class(nb, index)
    src = nb.cells[index].source.strip()
    name = src.removesuffix(".widget()").strip()
    if not name.isidentifier():  # SomeLab().widget(), or any expression: a fresh lab
        return f"{cls}().widget()"
    lines = [f"{name} = {cls}()"]
    for cell in nb.cells[:index]:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            if re.fullmatch(rf"{re.escape(name)}\s*=\s*{cls}\(\)", line.strip()):
                lines = [f"{name} = {cls}()"]  # a new lab: earlier updates no longer apply
            text = line.strip()
            if text.startswith("print(") and text.endswith(")"):
                text = text[len("print(") : -1]
            m = re.fullmatch(rf"{re.escape(name)}\.update\((.*)\)", text)
            if m and m[1].strip():
                lines.append(f"{name}.update({m[1]})")
    if len(lines) == 1:  # never changed from its defaults
        return f"{cls}().widget()"
    return "\n".join([*lines, f"{name}.widget()"])


def _heading(line: str) -> str:
    return re.sub(r"^(\d+)\.\s+", r"§\1 ", line[3:].strip())  # "4. The run" -> "§4 The run"


def _section(nb: NotebookNode, index: int) -> str:
    """The heading of the notebook section that cell ``index`` is in ("§2 The fee switch")."""
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    return _heading(line)
    return str(nb.cells[0].source.splitlines()[0].lstrip("# ").strip())


_FIGURE = re.compile(r"\*\*Figure (\d+)\.\*\*(.*?)Alt text:\s*(.*?)\s*(?:\n\s*\n|$)", re.S)


def figures(nb: NotebookNode) -> list[tuple[int, int, str, str, str]]:
    """The notebook's numbered figures: (index of the code cell, figure number, caption, alt text, PNG base64).

    A figure is a code cell with a stored PNG output after a markdown cell holding "**Figure N.** caption
    Alt text: ..." (the skeleton ``tests/test_course_structure.py`` checks).
    """
    found = []
    for i, cell in enumerate(nb.cells[:-1]):
        if cell.cell_type != "markdown":
            continue
        m = _FIGURE.search(cell.source)
        after = nb.cells[i + 1]
        if m is None or after.cell_type != "code":
            continue
        pngs = [o["data"]["image/png"] for o in after.get("outputs", []) if "image/png" in o.get("data", {})]
        if pngs:
            caption = " ".join(m[2].split())
            found.append((i + 1, int(m[1]), caption, " ".join(m[3].split()), str(pngs[-1]).replace("\n", "")))
    return found


_TAG = re.compile(r"^\(§\s*([^)]+?)\)\s+")


def session_questions(path: Path) -> list[tuple[str, str]]:
    """The questions of a notebook's session plan (``docs/instructor/NN_*.md``), without their good answers:
    (section tag, question). The tag is the notebook section the plan asks it in, written after the number:
    "2. (§3) With NetworkLab projected ..." (§ and a section's number, or the first words of an unnumbered
    heading: "(§ Your first lab)"; "(§5 start)" asks it as the section opens, before its figures, for a
    prediction); "" where the plan names none."""
    plans = sorted((ROOT / "docs" / "instructor").glob(f"{path.name[:2]}_*.md"))
    if not plans:
        return []
    text = plans[0].read_text()
    m = re.search(r"^## Questions to put to the room\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    if m is None:
        return []
    found = []
    for item in re.findall(r"^\d+\.\s+(.*)$", m[1], re.M):
        question = item.split("*A good answer:*")[0].strip()
        tag = _TAG.match(question)
        found.append((tag[1] if tag else "", question[tag.end() :] if tag else question))
    return found


def _in_section(tag: str, heading: str) -> bool:
    """Does a question's section tag ("3", "3 start", "Your first lab") name this notebook heading ("§3 The run")?"""
    tag = tag.removesuffix(" start")
    return heading.startswith(f"§{tag} ") if tag.isdigit() else heading.startswith(tag)


_PROMPT = re.compile(r"The lab\. Try:|In the lab, try:|Try:")


# Sections a lecture page leaves out unless the plan asks a question in them: the notebook's exercises, recap,
# references and pointer onwards have nothing to project (their heading would stand alone)
UNSHOWN = ("Exercises", "Summary", "References", "What's next")


def lab_prompt(text: str) -> str:
    """What a lecture page shows above a lab: the notebook's prompt for the room from its "Try:" on (a notebook
    often reports what the lab shows before it asks, which would answer the room's questions on screen)."""
    m = _PROMPT.search(text)
    return text[m.start() :] if m else text


def _builds(cell: NotebookNode, cls: str) -> bool:
    """Does this code cell build a ``cls`` lab (``lab = KeeperLab()``)?"""
    return re.search(rf"\b{cls}\(", cell.source) is not None


def static_figures(nb: NotebookNode) -> set[int]:
    """The code cells of the static figures that a lab below shows live: for each lab, the last figure before it
    in its section, if that figure's cell builds a lab of the same class (the lab's static fallback)."""
    found = set()
    shown = [j for j, *_ in figures(nb)]
    for i in lab_cells(nb):
        before = [j for j in shown if j < i]
        if not before:
            continue
        j = before[-1]
        heading_between = any(
            c.cell_type == "markdown" and any(line.startswith("## ") for line in c.source.splitlines())
            for c in nb.cells[j + 1 : i]
        )
        if not heading_between and _builds(nb.cells[j], lab_class(nb, i)):
            found.add(j)
    return found


def build(path: Path) -> NotebookNode | None:
    """The lecture notebook for course notebook ``path`` (None if it has no lab).

    In the notebook's order: its section headings, its figures (the stored PNG once, inline, with the
    notebook's caption and alt text) except a lab's static fallback figure (:func:`static_figures`: the lab
    shows it live), each lab with the notebook's prompt above it (:func:`lab_prompt`), and each question of the
    session plan at the end of the section the plan asks it in (a question naming no section, at the end of the
    page). So a whole session can be projected from the page, with no code on screen.
    """
    nb = nbformat.read(path, as_version=4)
    cells = lab_cells(nb)
    if not cells:
        return None
    title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
    classes = [lab_class(nb, i) for i in cells]
    out = nbformat.v4.new_notebook()
    out.metadata = {
        "kernelspec": nb.metadata["kernelspec"],
        "language_info": {"name": "python"},
        "coordlab": {"generated_from": f"notebooks/{path.name}", "by": "tools/lecture.py"},
    }
    out.cells.append(
        nbformat.v4.new_markdown_cell(
            f"# {title}: the session\n\n"
            f"Lecture mode of `notebooks/{path.name}`: its sections, its figures and its labs without the code, "
            "and the session plan's questions for the room at the end of their sections. Move a control with the "
            "mouse, or click it and use the "
            "arrow keys; the figure and the result beneath it follow. The questions above each lab are the "
            "notebook's own (figure numbers refer to the notebook)."
        )
    )
    imports = ", ".join(sorted(set(classes)))
    out.cells.append(
        nbformat.v4.new_code_cell(
            f"%matplotlib inline\nfrom coordlab.labs import Lab, {imports}\nLab.png_scale = {LECTURE_PNG_SCALE}"
        )
    )
    prompts = {i - 1 for i in cells if lab_meta(nb.cells[i]).get("prompt")}  # type: ignore[union-attr]
    lab_figures = static_figures(nb)  # a lab's static fallback figure: the lab shows it live
    shown = {j: (n, caption, alt, png) for j, n, caption, alt, png in figures(nb) if j not in lab_figures}
    lab_number = {i: n for n, i in enumerate(cells, start=1)}
    questions = list(enumerate(session_questions(path), start=1))
    current = ""  # the section the cells belong to, its heading as shown

    def ask(section: str, start: bool = False) -> None:  # the plan's questions for a section, as it ends (opens)
        here = [(n, t, q) for n, (t, q) in questions if t and t.endswith(" start") == start and _in_section(t, section)]
        for n, tag, question in here:
            out.cells.append(nbformat.v4.new_markdown_cell(f"> **Question {n} for the room.** {question}"))
            questions.remove((n, (tag, question)))

    for k, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and k not in prompts:
            heads = [_heading(line) for line in cell.source.splitlines() if line.startswith("## ")]
            for head in heads:
                ask(current)
                current = head
                if head not in UNSHOWN or any(_in_section(t, head) for _, (t, _) in questions if t):
                    out.cells.append(nbformat.v4.new_markdown_cell(f"## {head}"))
                ask(head, start=True)
        if k in shown:
            n, caption, alt, png = shown[k]
            # An <img> with the PNG inline, not a markdown image or a cell attachment: Voila served as a server
            # extension (Binder's route) fails on any markdown image (voila 0.5's renderer awaits nothing from
            # the async contents manager), while inline HTML passes through untouched.
            img = f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" class="coordlab-figure-{n}">'
            out.cells.append(nbformat.v4.new_markdown_cell(f"**Figure {n}.** {caption}\n\n{img}"))
        if k in lab_number:
            intro = lab_prompt(nb.cells[k - 1].source) if k - 1 in prompts else ""
            head = f"### Lab {lab_number[k]} · {_section(nb, k)}"
            out.cells.append(nbformat.v4.new_markdown_cell(f"{head}\n\n{intro}".rstrip()))
            out.cells.append(nbformat.v4.new_code_cell(lab_code(nb, k)))
    ask(current)
    if questions:  # those the plan asks in no section of the notebook
        listed = "\n".join(f"{n}. {q}" for n, (_, q) in questions)
        out.cells.append(nbformat.v4.new_markdown_cell(f"## Questions for the room\n\n{listed}"))
    for k, cell in enumerate(out.cells):  # stable ids, so regenerating changes nothing
        cell.id = f"lecture-{k}"
    return out


def lecture_path(path: Path) -> Path:
    """Where the lecture page of course notebook ``path`` is written."""
    return LECTURE / path.name


def binder_url(name: str) -> str:
    """The Binder link that opens ``lecture/<name>`` in Voila."""
    return f"{BINDER}?urlpath={quote(f'voila/render/lecture/{name}', safe='')}"


# JupyterLab front-end extensions of Binder's image that a Voila page must not load
# (VoilaConfiguration.extension_denylist): they expect JupyterLab and fail there with console errors.
NOT_IN_LECTURE = ("@jupyter-server/resource-usage", "jupyter-offlinenotebook", "@jupyter-notebook/lab-extension")


def install(prefix: Path) -> list[Path]:
    """Make the ``coordlab`` Voila template the default in the environment at ``prefix``.

    Copies the template to ``prefix/share/jupyter/voila/templates/coordlab`` and sets
    ``VoilaConfiguration.template`` in ``prefix/etc/jupyter/jupyter_server_config.json``
    (merged into the file if it exists), which is where Voila as a server extension
    (how Binder serves ``/voila/render/...``) reads it (Jupyter reads ``*.d/`` folders
    only to enable extensions, not for settings like this one), with the server's
    ``mathjax_url`` set empty so the page typesets with Voila's bundled MathJax instead
    of fetching one from a CDN, and ``VoilaConfiguration.extension_denylist`` set to
    :data:`NOT_IN_LECTURE`. Returns the paths written.
    """
    prefix = Path(prefix)
    if not prefix.is_dir():
        raise ValueError(f"prefix {str(prefix)!r} is not a directory (give the environment's sys.prefix)")
    target = prefix / "share" / "jupyter" / "voila" / "templates" / "coordlab"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(TEMPLATE, target)
    config = prefix / "etc" / "jupyter" / "jupyter_server_config.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    settings = json.loads(config.read_text()) if config.exists() else {}
    voila = settings.setdefault("VoilaConfiguration", {})
    voila["template"] = "coordlab"
    voila["extension_denylist"] = list(NOT_IN_LECTURE)
    # Only the front-end extensions a lab needs: Binder's image also holds JupyterLab extensions (its
    # resource-usage meter, the offline-notebook button) that fail in a Voila page with console errors.
    # Served as a server extension, Voila's page typesets with its MathJax 2 plugin, loaded from
    # cdnjs, unless the server's ``mathjax_url`` setting is present and empty: then it uses the
    # MathJax 3 it bundles, as standalone Voila does (voila/utils.py, get_page_config).
    tornado = settings.setdefault("ServerApp", {}).setdefault("tornado_settings", {})
    tornado["mathjax_url"] = tornado["mathjax_config"] = None
    config.write_text(json.dumps(settings, indent=2) + "\n")
    return [target, config]


def render(nb: NotebookNode) -> str:
    """The notebook as the text written to ``lecture/`` (nbformat's, with a final newline)."""
    return nbformat.writes(nb) + "\n"


def main(argv: list[str]) -> int:
    if argv[:1] == ["--install"]:
        if len(argv) != 2:
            print("usage: python tools/lecture.py --install PREFIX")
            return 2
        for path in install(Path(argv[1])):
            print(f"wrote {path}")
        return 0
    check = "--check" in argv
    stale = []
    LECTURE.mkdir(exist_ok=True)
    wanted = set()
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = build(path)
        if nb is None:
            continue
        target = lecture_path(path)
        wanted.add(target.name)
        text = render(nb)
        if not target.exists() or target.read_text() != text:
            stale.append(target.name)
            if not check:
                target.write_text(text)
    extra = sorted(p.name for p in LECTURE.glob("*.ipynb") if p.name not in wanted)
    if check:
        if stale or extra:
            print(
                "lecture/ is out of date; run python tools/lecture.py. "
                f"Stale or missing: {stale}; not from any notebook: {extra}"
            )
            return 1
        print(f"lecture/: {len(wanted)} notebooks, up to date")
        return 0
    for name in extra:
        (LECTURE / name).unlink()
    print(f"lecture/: wrote {len(stale)} of {len(wanted)} notebooks; removed {len(extra)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
