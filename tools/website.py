"""Build the course website: every notebook as a static page, offline, in course order.

    ./course site                   # build into _site/ (open _site/index.html)
    python -m tools.website --out DIR  # the same, into DIR (or python tools/website.py)

From the executed notebooks (their stored outputs, which nbval holds to a fresh
run) it writes one page per notebook: the prose, the code, the printed results and
figures (each with its alt text from the notebook), the static fallback of each lab
(the figure at the lab's defaults sits in the cell above it; the page adds the lab's
controls and links to run it live), the exercises with their worked solutions
collapsed, navigation in course order and a Binder link that opens that notebook.
Plus an index (the course map), a glossary page for the seed's terms
(``coordlab.course.GLOSSARY``) and the instructor's kit (``docs/``).

Everything is made here, with no theme and nothing fetched: Markdown by mistune,
code colours by Pygments, formulas turned into MathML by latex2mathml at build time
(browsers render MathML natively, so the pages need no MathJax). The output is the
same on every build (no dates, no random ids). ``tests/test_site.py`` checks the build;
``tests/browser/test_site_in_browser.py`` loads every page in headless Chromium.
"""

from __future__ import annotations

import base64
import html
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import mistune
import nbformat
from latex2mathml.converter import convert as latex_to_mathml
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as ``python tools/website.py``: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coordlab import labs as _labs  # noqa: E402
from coordlab.course import GLOSSARY, NOTEBOOKS, TERMS  # noqa: E402
from tools import lecture  # noqa: E402

REPO = "https://github.com/coordlab/coordlab"
BINDER = "https://mybinder.org/v2/gh/coordlab/coordlab/HEAD"
WIDGET = "application/vnd.jupyter.widget-view+json"
LAB_CLASSES = {cls.__name__: cls for cls in _labs.ALL_LABS}


def binder_notebook(filename: str) -> str:
    """The Binder link that opens ``notebooks/<filename>`` in JupyterLab."""
    return f"{BINDER}?urlpath={quote(f'lab/tree/notebooks/{filename}', safe='')}"


def binder_lecture(filename: str) -> str:
    """The Binder link that opens the notebook's labs in lecture mode (Voila): tools/lecture.py's."""
    return lecture.binder_url(filename)


# --- pages and where their sources live -------------------------------------------------


@dataclass(frozen=True)
class Page:
    source: str  # repository path of the source ("" for generated pages)
    out: str  # file name in the site
    title: str


def notebook_page(nb) -> str:
    return nb.filename.replace(".ipynb", ".html")


def _doc_pages() -> list[Page]:
    pages = [Page("docs/instructor/README.md", "instructor.html", "The instructor's kit")]
    for nb in NOTEBOOKS:
        if nb.available:
            stem = nb.filename.removesuffix(".ipynb")
            pages.append(
                Page(f"docs/instructor/{stem}.md", f"instructor-{stem}.html", f"Session plan: {nb.number} · {nb.title}")
            )
    pages.append(Page("docs/classroom-tournament.md", "classroom-tournament.html", "The classroom tournament"))
    pages.append(Page("docs/jupyterhub.md", "jupyterhub.html", "A class larger than Binder: JupyterHub"))
    return pages


def _site_map() -> dict[str, str]:
    """Repository path -> page in the site, for rewriting links between sources."""
    out = {f"notebooks/{nb.filename}": notebook_page(nb) for nb in NOTEBOOKS if nb.available}
    out.update({p.source: p.out for p in _doc_pages()})
    out["README.md"] = "index.html"
    return out


def rewrite_links(fragment: str, source: str) -> str:
    """Point relative links of ``source`` at the site's pages, or at the repository on GitHub."""
    site = _site_map()
    base = posixpath.dirname(source)

    def fix(m):
        attr, url = m[1], html.unescape(m[2])
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|//)", url, re.I):
            return m[0]
        path, _, anchor = url.partition("#")
        target = posixpath.normpath(posixpath.join(base, path)) if path else source
        if target in site:
            new = site[target] + (f"#{anchor}" if anchor else "")
        else:
            kind = "tree" if not posixpath.splitext(target)[1] else "blob"
            new = f"{REPO}/{kind}/HEAD/{target}" + (f"#{anchor}" if anchor else "")
        return f'{attr}="{html.escape(new, quote=True)}"'

    return re.sub(r'\b(href)="([^"]*)"', fix, fragment)


# --- Markdown with formulas --------------------------------------------------------------

_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)
_DISPLAY = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)


def slug(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[^\w\s-]", "", html.unescape(text).lower())
    return re.sub(r"[\s_]+", "-", text).strip("-") or "section"


class _Renderer(mistune.HTMLRenderer):
    def __init__(self):
        super().__init__(escape=False)
        self.ids: dict[str, int] = {}

    def heading(self, text, level, **attrs):
        base = slug(text)
        n = self.ids.get(base, 0)
        self.ids[base] = n + 1
        ident = base if n == 0 else f"{base}-{n}"
        return f'<h{level} id="{ident}">{text}</h{level}>\n'


class Markdown:
    """Markdown to HTML for one page (heading ids stay unique across the page's cells)."""

    def __init__(self):
        self.renderer = _Renderer()
        self._md = mistune.create_markdown(renderer=self.renderer, plugins=["table", "strikethrough"])
        self.formulas = 0

    def __call__(self, src: str) -> str:
        math: list[str] = []

        def stash(tex: str, display: bool) -> str:
            mathml = latex_to_mathml(tex.strip(), display="block" if display else "inline")
            if display:  # a wide formula scrolls: a keyboard must reach it (WCAG 2.1.1), so it is focusable
                mathml = f'<span class="formula" tabindex="0" role="group" aria-label="Formula">{mathml}</span>'
            elif len(tex) > 40:  # a long inline formula may scroll on a phone too
                mathml = f'<span class="formula-inline" tabindex="0" role="group" aria-label="Formula">{mathml}</span>'
            math.append(mathml)
            return f"MATHTOKEN{len(math) - 1}X"

        parts = _CODE.split(src)
        for k in range(0, len(parts), 2):  # even parts are outside code spans
            parts[k] = _DISPLAY.sub(lambda m: stash(m[1], True), parts[k])
            parts[k] = _INLINE.sub(lambda m: stash(m[1], False), parts[k])
        out = self._md("".join(parts))
        out = re.sub(r"<thead>\s*<tr>\s*(?:<th>\s*</th>\s*)+</tr>\s*</thead>\s*", "", out)
        # tables and code blocks scroll sideways on a narrow screen: focusable, so a keyboard can scroll them
        out = out.replace("<table>", '<table tabindex="0">').replace("<pre>", '<pre tabindex="0">')
        self.formulas += len(math)
        return re.sub(r"MATHTOKEN(\d+)X", lambda m: math[int(m[1])], out)


def plain(markdown_text: str) -> str:
    """Markdown (with $formulas$) as plain text, for alt attributes."""
    text = re.sub(r"(?<!\\)\$+", "", markdown_text)
    text = text.replace("\\$", "$")
    text = re.sub(r"\\(?:mathrm|text|operatorname|mathbf)\{([^}]*)\}", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())


def alt_text(intro: str) -> str:
    """The alt text the notebook gives a figure: what follows "Alt text:" in the cell before it."""
    m = re.search(r"Alt text:\s*(.+?)(?:\n\s*\n|$)", intro, re.S)
    if not m:
        raise ValueError("a figure without alt text in the markdown cell before it")
    return plain(m[1])


# --- one notebook ---------------------------------------------------------------------------

_FORMATTER = HtmlFormatter(nowrap=True)


def _lab_fallback(cls_name: str, nb) -> str:
    cls = LAB_CLASSES[cls_name]
    rows = "".join(f"<li>{html.escape(c.label)}: {html.escape(c.describe())}</li>" for c in cls.controls)
    return (
        f'<aside class="lab" aria-label="Lab: {cls_name}">\n'
        f"<p><strong>Lab: {cls_name}.</strong> In JupyterLab this cell shows the lab live: move a control and "
        "the figure and its printed result follow. This static page cannot run it: the figure above shows "
        "the lab at one setting, and the result printed with it names the value of every control. Its "
        "controls and their ranges:</p>\n"
        f"<ul>{rows}</ul>\n"
        f'<p><a href="{html.escape(binder_notebook(nb.filename))}">Run this notebook on Binder</a> · '
        f'<a href="{html.escape(binder_lecture(nb.filename))}">the labs alone, in lecture mode</a></p>\n'
        "</aside>\n"
    )


def render_notebook(nb, out_dir: Path) -> tuple[str, dict]:
    """The main content of one notebook's page, and counts for the checks."""
    book = nbformat.read(ROOT / "notebooks" / nb.filename, as_version=4)
    md = Markdown()
    parts: list[str] = []
    counts = {"figures": 0, "labs": 0, "solutions": 0, "checks": 0}
    stem = nb.filename.removesuffix(".ipynb")
    for i, cell in enumerate(book.cells):
        if cell.cell_type == "markdown":
            counts["solutions"] += cell.source.lstrip().startswith("<details>")
            # "Alt text: ..." becomes the figure's alt attribute; shown here too, a screen reader reads it twice
            visible = re.sub(r"\s*Alt text:.+?(?=\n\s*\n|$)", "", cell.source, flags=re.S)
            parts.append(f'<section class="md">{md(visible)}</section>\n')
            continue
        if cell.cell_type != "code":
            continue
        code = highlight(cell.source, PythonLexer(), _FORMATTER)
        parts.append(
            f'<div class="cell"><pre class="code" tabindex="0"><code class="language-python">{code}</code></pre>\n'
        )
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error" or (kind == "stream" and out.get("name") == "stderr"):
                raise ValueError(f"{nb.filename} cell {i}: stored error output; run ./course execute first")
            if kind == "stream":
                parts.append(f'<pre class="out" tabindex="0">{html.escape(out["text"])}</pre>\n')
                continue
            data = out.get("data", {})
            if WIDGET in data:
                counts["labs"] += 1
                parts.append(_lab_fallback(lecture.lab_class(book, i), nb))
            elif "image/png" in data:
                counts["figures"] += 1
                intro = next(c.source for c in reversed(book.cells[:i]) if c.cell_type == "markdown")
                name = f"figures/{stem}-{counts['figures']}.png"
                (out_dir / name).write_bytes(base64.b64decode(data["image/png"]))
                parts.append(f'<figure><img src="{name}" alt="{html.escape(alt_text(intro), quote=True)}"></figure>\n')
            elif "text/plain" in data and data["text/plain"].lstrip("'\"").startswith("Not answered yet"):
                counts["checks"] += 1
                parts.append(
                    '<p class="note">In the notebook, this cell checks your answer and says whether it is '
                    f'right. <a href="{html.escape(binder_notebook(nb.filename))}">Open the notebook on '
                    "Binder</a> to answer it; the worked solution is below.</p>\n"
                )
            elif "text/plain" in data:
                parts.append(f'<pre class="out" tabindex="0">{html.escape(data["text/plain"])}</pre>\n')
        parts.append("</div>\n")
    counts["formulas"] = md.formulas
    body = rewrite_links("".join(parts), f"notebooks/{nb.filename}")
    return body, counts


# --- the frame around every page -------------------------------------------------------------


def _nav(current: str) -> str:
    items = []
    for nb in NOTEBOOKS:
        if not nb.available:
            continue
        page = notebook_page(nb)
        here = ' aria-current="page"' if page == current else ""
        items.append(
            f'<li><a href="{page}"{here}><span class="num">{nb.number}</span> {html.escape(nb.title)}</a></li>'
        )
    extra = [("index.html", "Course map"), ("glossary.html", "Glossary"), ("instructor.html", "Instructor's kit")]
    here = ' aria-current="page"'
    links = "".join(f'<li><a href="{href}"{here if href == current else ""}>{text}</a></li>' for href, text in extra)
    return (
        f'<nav class="toc" id="contents" aria-label="The course"><ul class="extra">{links}</ul>'
        '<p class="toc-head" id="toc-head">Notebooks, in order</p><ol '
        f'aria-labelledby="toc-head">{"".join(items)}</ol></nav>'
    )


def frame(title: str, current: str, main: str, launch: str = "", pager: str = "") -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · coordlab</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="top"><a class="brand" href="index.html">coordlab</a>
<span class="tagline">coordination failures in crypto and derivatives markets</span>
<a class="to-contents" href="#contents">Contents</a></header>
<div class="layout">
{_nav(current)}
<main id="main">
{launch}{main}{pager}
</main>
</div>
<footer class="bottom"><p>coordlab: code under the MIT licence, course text and figures under CC BY 4.0.
This page is generated from the repository by <code>./course site</code>; the notebooks run live on
<a href="{BINDER}">Binder</a>.</p></footer>
</body>
</html>
"""


def _pager(nb) -> str:
    order = [n for n in NOTEBOOKS if n.available]
    k = order.index(nb)
    links = []
    if k > 0:
        p = order[k - 1]
        links.append(f'<a rel="prev" href="{notebook_page(p)}">← {p.number} · {html.escape(p.title)}</a>')
    if k + 1 < len(order):
        n = order[k + 1]
        links.append(f'<a rel="next" href="{notebook_page(n)}">{n.number} · {html.escape(n.title)} →</a>')
    return f'<nav class="pager" aria-label="Previous and next notebook">{"".join(links)}</nav>\n'


def _index() -> str:
    rows = []
    for nb in NOTEBOOKS:
        if not nb.available:
            continue
        pre = ", ".join(nb.prerequisites) or "none"
        rows.append(
            f'<tr><td>{nb.number}</td><td><a href="{notebook_page(nb)}">{html.escape(nb.title)}</a></td>'
            f"<td>{html.escape(nb.teaches)}</td><td>{pre}</td></tr>"
        )
    return f"""<h1>coordlab: coordination failures in crypto and derivatives markets</h1>
<p>An interactive course on <strong>coordination failures</strong>: situations in which every participant acts
sensibly on their own and together they produce an outcome that is bad for all: bank runs and broken pegs,
liquidation cascades, keepers who do not show up, governance capture, sequencer outages. Each notebook opens with
a real incident, builds the model from it, lets you steer the model in a lab, and ends with exercises that check
your answers.</p>
<p>This site is the course to read: every notebook with its results and figures as they come out of a fresh run.
To move the labs' sliders and check your answers, open a notebook on Binder (the link at the top of each page) or
install the course (<a href="{REPO}#quick-start">quick start</a>). The course's central concepts are defined in the
<a href="glossary.html">glossary</a>;
instructors will find session plans and lecture mode in the <a href="instructor.html">instructor's kit</a>.</p>
<h2 id="the-course-map">The course map</h2>
<table tabindex="0">
<caption>The notebooks in course order, what each lets you do, and the notebooks it builds on.</caption>
<thead><tr><th scope="col">#</th><th scope="col">notebook</th><th scope="col">you will be able to</th>
<th scope="col">builds on</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
"""


def _glossary() -> str:
    by_number = {nb.number: nb for nb in NOTEBOOKS}

    def entries(terms) -> str:
        items = []
        for term in terms:
            nb = by_number[term.notebook]
            items.append(
                f'<dt id="{slug(term.term)}">{html.escape(term.term)}</dt>\n'
                f'<dd>{html.escape(term.meaning)} <a href="{notebook_page(nb)}">Notebook {nb.number} · '
                f"{html.escape(nb.title)}</a></dd>"
            )
        return "\n".join(items)

    return (
        "<h1>Glossary</h1>\n<p>First the thirteen concepts the course is built around, each with the notebook "
        "that teaches it; then the terms the notebooks use, each with the notebook that defines it.</p>\n"
        '<h2 id="concepts">The course\'s concepts</h2>\n'
        f'<dl class="glossary">\n{entries(GLOSSARY)}\n</dl>\n'
        '<h2 id="terms">Terms the notebooks use</h2>\n'
        f'<dl class="glossary">\n{entries(sorted(TERMS, key=lambda t: t.term.lower()))}\n</dl>\n'
    )


STYLE = """
:root { --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --accent: #0060a8; --bg-code: #f6f6f4; --bg-lab: #eef4fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); }
a { color: var(--accent); text-underline-offset: 2px; }
a:focus-visible, summary:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff;
  padding: .5rem; z-index: 2; }
.top { padding: .7rem 1.2rem; border-bottom: 1px solid var(--line); display: flex; gap: 1rem;
  align-items: baseline; flex-wrap: wrap; }
.brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; } .tagline { color: var(--muted); }
.layout { display: flex; align-items: flex-start; }
.note { border-left: 4px solid #e69f00; padding: .3rem .8rem; background: #fff8ec; margin: 0; }
.toc { flex: 0 0 17rem; padding: 1rem 1.2rem; position: sticky; top: 0; max-height: 100vh; overflow-y: auto;
  font-size: .92rem; border-right: 1px solid var(--line); }
.toc ol, .toc ul { list-style: none; padding: 0; margin: 0 0 1rem; } .toc li { margin: .25rem 0; }
.toc a[aria-current] { font-weight: 700; color: var(--ink); text-decoration: none;
  border-left: 4px solid var(--accent); padding-left: .4rem; }
.toc .num { font-variant-numeric: tabular-nums; color: var(--muted); }
.toc-head { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: 1rem 0 .4rem; }
main { flex: 1; min-width: 0; max-width: 62rem; padding: 1rem 2rem 3rem; }
h1, h2, h3 { line-height: 1.25; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line);
  padding-bottom: .2rem; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
caption { text-align: left; color: var(--muted); padding-bottom: .3rem; }
pre { overflow-x: auto; padding: .7rem .9rem; font: 14px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; }
pre.code { background: var(--bg-code); border-left: 4px solid var(--line); margin: .8rem 0 0; }
pre.out { margin: 0; border-left: 4px solid #009e73; background: #fff; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .92em; }
figure { margin: .6rem 0 1.2rem; } figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
details { border: 1px solid var(--line); border-radius: 4px; padding: .4rem .8rem; margin: .8rem 0;
  background: #fafafa; }
summary { cursor: pointer; }
aside.lab { background: var(--bg-lab); border-left: 4px solid var(--accent); padding: .2rem 1rem;
  margin: .6rem 0 1.2rem; }
.launch { display: flex; gap: 1rem; flex-wrap: wrap; margin: .4rem 0 0; }
.launch a { border: 1px solid var(--accent); border-radius: 4px; padding: .2rem .7rem; text-decoration: none; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem;
  border-top: 1px solid var(--line); padding-top: 1rem; }
.pager a[rel=next] { margin-left: auto; }
.glossary dt { font-weight: 700; margin-top: 1.2rem; } .glossary dd { margin-left: 0; }
math[display=block] { margin: .6rem 0; } .formula { display: block; overflow-x: auto; }
.to-contents { display: none; margin-left: auto; }
.formula-inline { display: inline-block; max-width: 100%; overflow-x: auto; vertical-align: middle; }
main p, main li, main td, main dd { overflow-wrap: anywhere; } pre code { overflow-wrap: normal; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.bottom { border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; padding: .5rem 1.2rem; }
/* a phone: one column, nothing wider than the screen (wide code, output, tables and formulas scroll inside
   themselves), the content first and the course's contents reachable from the top bar */
@media (max-width: 50rem) {
  .layout { flex-direction: column-reverse; align-items: stretch; }
  .toc { flex: none; position: static; max-height: none; border-right: 0; border-top: 1px solid var(--line); }
  main { padding: 1rem; max-width: 100%; } .to-contents { display: inline; } .tagline { display: none; }
  img, svg, video { max-width: 100%; height: auto; }
}
"""


def build(out: Path) -> dict:
    """Build the site into ``out`` (emptied first); return what was built, for the checks."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "figures").mkdir(parents=True)
    (out / "style.css").write_text(
        STYLE.lstrip() + "\n/* code colours (Pygments) */\n" + _FORMATTER.get_style_defs("pre.code") + "\n"
    )
    report = {"notebooks": {}, "pages": []}

    def write(name: str, text: str) -> None:
        (out / name).write_text(text)
        report["pages"].append(name)

    write("index.html", frame("The course", "index.html", _index()))
    write("glossary.html", frame("Glossary", "glossary.html", _glossary()))
    for nb in NOTEBOOKS:
        if not nb.available:
            continue
        body, counts = render_notebook(nb, out)
        launch = (
            f'<p class="launch"><a href="{html.escape(binder_notebook(nb.filename))}">Open this notebook on '
            f'Binder</a><a href="instructor-{nb.filename.removesuffix(".ipynb")}.html">Session plan</a></p>\n'
        )
        write(notebook_page(nb), frame(f"{nb.number} · {nb.title}", notebook_page(nb), body, launch, _pager(nb)))
        report["notebooks"][nb.filename] = counts
    by_plan = {f"instructor-{nb.filename.removesuffix('.ipynb')}.html": nb for nb in NOTEBOOKS if nb.available}
    for page in _doc_pages():
        md = Markdown()
        body = rewrite_links(md((ROOT / page.source).read_text()), page.source)
        launch = ""
        if page.out in by_plan:  # a session plan: its notebook, and its labs in lecture mode
            nb = by_plan[page.out]
            launch = (
                f'<p class="launch"><a href="{notebook_page(nb)}">The notebook: {nb.number} · '
                f'{html.escape(nb.title)}</a><a href="{html.escape(binder_lecture(nb.filename))}">Its labs in '
                "lecture mode, on Binder</a></p>\n"
            )
        # the instructor's pages sit under "Instructor's kit" in the navigation
        write(page.out, frame(page.title, "instructor.html", body, launch))
    return report


def main(argv: list[str]) -> int:
    out = ROOT / "_site"
    if argv[:1] == ["--out"] and len(argv) == 2:
        out = Path(argv[1]).resolve()
    elif argv:
        print("usage: python -m tools.website [--out DIR]")
        return 2
    report = build(out)
    figures = sum(c["figures"] for c in report["notebooks"].values())
    labs = sum(c["labs"] for c in report["notebooks"].values())
    print(
        f"built {len(report['pages'])} pages ({len(report['notebooks'])} notebooks, {figures} figures, "
        f"{labs} lab fallbacks) into {out}; open {out / 'index.html'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
