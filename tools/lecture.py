"""Lecture mode: each notebook's labs as an app, no code on screen (Voila).

    python tools/lecture.py            # (re)write lecture/NN_slug.ipynb from notebooks/
    python tools/lecture.py --check    # exit 1 if lecture/ is out of date (a test runs this)
    python tools/lecture.py --install PREFIX   # make the lecture template Voila's default in an
                                               # environment (Binder's postBuild runs this)
    ./course lecture 03                # open notebook 03's labs in the browser, as an app
    ./course lecture                   # the list of every notebook's lecture page

For every course notebook with a lab, ``lecture/`` holds a small notebook made
from it: the title, and for each lab the markdown cell that introduces it in
the course notebook (its "Try: (1) … (2) …" questions for the room) followed by
the lab's widget. Voila runs it and shows only the prose and the widgets, so an
instructor can project a lab and move its sliders without any code on screen.
The notebooks are generated, never edited by hand; the course notebook stays
the single source of the prompts.

Voila's own "lab" template links Font Awesome from a CDN; the ``coordlab``
template (``share/jupyter/voila/templates/coordlab``) is the same page without
those links, so lecture mode works with no network at all. ``./course lecture``
puts it on Jupyter's data path; on Binder, where Voila runs as a server
extension of JupyterLab, ``--install`` copies it into the environment and makes
it the default, and the same pages open at
``…?urlpath=voila/render/lecture/NN_slug.ipynb`` (see :func:`binder_url`).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LECTURE = ROOT / "lecture"
BINDER = "https://mybinder.org/v2/gh/coordlab/coordlab/HEAD"
TEMPLATE = ROOT / "share" / "jupyter" / "voila" / "templates" / "coordlab"

_LAB_CLASS = re.compile(r"\b([A-Z]\w*Lab)\(\)")


def _widget_cells(nb) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.rstrip().endswith(".widget()")]


def lab_class(nb, index: int) -> str:
    """The Lab class whose ``.widget()`` cell ``index`` shows.

    The cell is either ``SomeLab().widget()`` or ``name.widget()`` where an earlier
    cell did ``name = SomeLab()`` (labs are always constructed without arguments).
    """
    src = nb.cells[index].source.strip()
    m = _LAB_CLASS.search(src)
    if m:
        return m[1]
    name = src.removesuffix(".widget()").strip()
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "code":
            m = re.search(rf"^{re.escape(name)}\s*=\s*([A-Z]\w*Lab)\(\)\s*$", cell.source, re.M)
            if m:
                return m[1]
    raise ValueError(f"cannot tell which lab cell {index} shows: {src!r}")


def lab_code(nb, index: int) -> str:
    """The code that shows cell ``index``'s lab as the notebook opens it.

    ``SomeLab().widget()`` is copied; for ``name.widget()`` the lab is rebuilt with the
    ``name.update(...)`` calls the notebook made on it before (its prompts say "starting
    where Figure 1 left it", so the lecture page must start there too).
    """
    src = nb.cells[index].source.strip()
    cls = lab_class(nb, index)
    if _LAB_CLASS.search(src):
        return f"{cls}().widget()"
    name = src.removesuffix(".widget()").strip()
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


def _section(nb, index: int) -> str:
    """The heading of the notebook section that cell ``index`` is in ("§2 The fee switch")."""
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    return re.sub(r"^(\d+)\.\s+", r"§\1 ", line[3:].strip())  # "4. The run" -> "§4 The run"
    return nb.cells[0].source.splitlines()[0].lstrip("# ").strip()


def build(path: Path):
    """The lecture notebook for course notebook ``path`` (None if it has no lab)."""
    nb = nbformat.read(path, as_version=4)
    cells = _widget_cells(nb)
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
            f"# The labs of {title}\n\n"
            f"Lecture mode of `notebooks/{path.name}`: its labs without the code. Move a control with the "
            "mouse, or click it and use the arrow keys; the figure and the result beneath it follow. "
            "The questions above each lab are the notebook's own (figure numbers refer to the notebook)."
        )
    )
    imports = ", ".join(sorted(set(classes)))
    out.cells.append(nbformat.v4.new_code_cell(f"%matplotlib inline\nfrom coordlab.labs import {imports}"))
    for n, i in enumerate(cells, start=1):
        intro = nb.cells[i - 1]
        text = intro.source if intro.cell_type == "markdown" else ""
        out.cells.append(nbformat.v4.new_markdown_cell(f"## Lab {n} · {_section(nb, i)}\n\n{text}".rstrip()))
        out.cells.append(nbformat.v4.new_code_cell(lab_code(nb, i)))
    for k, cell in enumerate(out.cells):  # stable ids, so regenerating changes nothing
        cell.id = f"lecture-{k}"
    return out


def lecture_path(path: Path) -> Path:
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


def render(nb) -> str:
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
