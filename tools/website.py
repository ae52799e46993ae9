"""Build the course website: every notebook as a static page, offline, in course order.

    ./course site                   # build into _site/, with its search index (Pagefind)
    ./course site --pdf             # and a PDF handout per notebook (_site/pdf/, Debian's Chromium)
    python -m tools.website --out DIR [--pdf] [--no-search]  # the same, into DIR (or python tools/website.py)
    python -m http.server -b 127.0.0.1 -d _site                # serve it: search needs http, not file://

From the executed notebooks (their stored outputs, which nbval holds to a fresh
run) it writes one page per notebook: the prose, the code, the printed results and
figures (each with its alt text from the notebook), the static fallback of each lab
(the figure at the lab's defaults sits in the cell above it; the page adds the lab's
controls and links to run it live), the exercises with their worked solutions
collapsed (an opened one no longer says "click to open"), navigation in course order, a
Binder link that opens that notebook, a contents list of the page's sections under its title,
a download of the notebook (and of its PDF handout, when built) with the file's name and size.
Plus an index (the course map), a glossary page for the seed's terms
(``coordlab.course.GLOSSARY``) and the instructor's kit (``docs/``).

Everything is made here, with no theme and nothing fetched: Markdown by mistune,
code colours by Pygments, formulas turned into MathML by latex2mathml at build time
(browsers render MathML natively, so the pages need no MathJax). The pages need no JavaScript
and fit a 390-px phone; the print stylesheet prints the content alone (no navigation, search or
download chrome, figures whole, outside links written out), which is what the PDF handouts are.

Search is Pagefind's (the ``pagefind`` package ships its binary): it indexes each page's ``<main>``
(``data-pagefind-body``; navigation, contents, launch links and pager are ``data-pagefind-ignore``)
into ``pagefind/`` with its own UI, nothing from a CDN. Every page has a search form (no script) that
opens ``search.html``, the one page with a script; the index is fetched, which browsers refuse to a
page opened from a file, so that page then says how to serve the site instead of failing silently.
It names the folder the site was built into (``serve_command``). A word found nowhere still gets hits:
Pagefind (since 1.0, by design, with no setting to turn it off in 1.5) searches the longest indexed prefix
of a word it cannot find ("qwvbnmzzk" finds the symbol "q" on 5 pages), ranked low; a query in double
quotes is an exact search and finds nothing then.
The output (PDFs aside: Chromium stamps a date) is the same on every build (no dates, no random
ids). ``tests/test_site.py`` checks the build;
``tests/browser/test_site_in_browser.py`` loads every page in headless Chromium.
"""

from __future__ import annotations

import base64
import html
import json
import os
import posixpath
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
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
from coordlab.course import GLOSSARY, NOTEBOOKS, TERMS, Notebook, Term  # noqa: E402
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


def notebook_page(nb: Notebook) -> str:
    """The site's page of a notebook: ``NN_slug.html``."""
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

    def fix(m: re.Match[str]) -> str:
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
    def __init__(self) -> None:
        super().__init__(escape=False)
        self.ids: dict[str, int] = {}
        self.headings: list[tuple[int, str, str]] = []  # (level, id, text as HTML) in page order

    def heading(self, text: str, level: int, **attrs: object) -> str:
        base = slug(re.sub(r"MATHTOKEN\d+X", "", text))  # a formula in a heading does not go into its id
        n = self.ids.get(base, 0)
        self.ids[base] = n + 1
        ident = base if n == 0 else f"{base}-{n}"
        self.headings.append((level, ident, text))
        return f'<h{level} id="{ident}">{text}</h{level}>\n'


class Markdown:
    """Markdown to HTML for one page (heading ids stay unique across the page's cells)."""

    def __init__(self) -> None:
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
        out = str(self._md("".join(parts)))
        out = re.sub(r"<thead>\s*<tr>\s*(?:<th>\s*</th>\s*)+</tr>\s*</thead>\s*", "", out)
        # tables and code blocks scroll sideways on a narrow screen: focusable, so a keyboard can scroll them
        out = out.replace("<table>", '<table tabindex="0">').replace("<pre>", '<pre tabindex="0">')
        # a worked solution's "(click to open)" is hidden once it is open (CSS: details[open] .when-closed)
        out = re.sub(r"(<summary>.*?)\((click to open)\)", r'\1<span class="when-closed">(\2)</span>', out)
        self.formulas += len(math)
        self.renderer.headings = [
            (level, ident, re.sub(r"MATHTOKEN(\d+)X", lambda m: math[int(m[1])], text))
            for level, ident, text in self.renderer.headings
        ]
        return re.sub(r"MATHTOKEN(\d+)X", lambda m: math[int(m[1])], out)

    @property
    def headings(self) -> list[tuple[int, str, str]]:
        """The headings rendered so far: (level, id, text as HTML), in page order."""
        return list(self.renderer.headings)


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


def _lab_fallback(cls_name: str, nb: Notebook) -> str:
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


def render_notebook(nb: Notebook, out_dir: Path) -> tuple[str, dict]:
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
    contents = on_page_contents(md.headings)
    counts["contents"] = contents.count("<a href=")
    # the contents list sits right under the title, so that a phone reaches it without scrolling
    head, sep, rest = body.partition("</h1>\n")
    body = head + sep + contents + rest if sep else contents + body
    return body, counts


def on_page_contents(headings: list[tuple[int, str, str]]) -> str:
    """The page's sections (its h2 headings, with the h3 under each), linked, as a navigation list."""
    items: list[str] = []
    subs: list[str] = []

    def close() -> None:
        if items and subs:
            items[-1] = items[-1].removesuffix("</li>") + f'<ol class="sub">{"".join(subs)}</ol></li>'
        subs.clear()

    for level, ident, text in headings:
        label = re.sub(r"</?a\b[^>]*>", "", text)  # a heading's own link would nest inside the contents link
        # a formula in a heading is written out as its symbols here (MathML once per formula on the page)
        label = re.sub(r"<math\b.*?</math>", lambda m: html.escape(html.unescape(re.sub(r"<[^>]+>", "", m[0]))), label)
        link = f'<li><a href="#{ident}">{label}</a></li>'
        if level == 2:
            close()
            items.append(link)
        elif level == 3 and items:
            subs.append(link)
    close()
    if not items:
        return ""
    return (
        '<nav class="on-page" aria-labelledby="on-page-head" data-pagefind-ignore>'
        '<p class="toc-head" id="on-page-head">On this page</p>'
        f"<ol>{''.join(items)}</ol></nav>\n"
    )


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


SEARCH_FORM = (
    '<form class="search" role="search" action="search.html" method="get" aria-label="Search the course">'
    '<label for="search-q">Search</label> <input type="search" id="search-q" name="q" '
    'placeholder="a word or a phrase"> <button type="submit">Search</button></form>'
)


def frame(
    title: str, current: str, main: str, launch: str = "", pager: str = "", head: str = "", indexed: bool = True
) -> str:
    """One page of the site: header (with the search box), the course's navigation, ``main``.

    ``indexed``: the search index takes the page's main content (``data-pagefind-body``; the navigation,
    header and footer never). ``head``: extra elements for ``<head>`` (the search page's script).
    """
    search = "" if current == "search.html" else SEARCH_FORM
    body_attr = " data-pagefind-body" if indexed else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · coordlab</title>
<link rel="stylesheet" href="style.css">
{head}</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="top"><a class="brand" href="index.html">coordlab</a>
<span class="tagline">coordination failures in crypto and derivatives markets</span>
<a class="to-contents" href="#contents">Contents</a>{search}</header>
<div class="layout">
{_nav(current)}
<main id="main"{body_attr}>
{launch}{main}{pager}
</main>
</div>
<footer class="bottom"><p>coordlab: code under the MIT licence, course text and figures under CC BY 4.0.
This page is generated from the repository by <code>./course site</code>; the notebooks run live on
<a href="{BINDER}">Binder</a>.</p></footer>
</body>
</html>
"""


def _pager(nb: Notebook) -> str:
    order = [n for n in NOTEBOOKS if n.available]
    k = order.index(nb)
    links = []
    if k > 0:
        p = order[k - 1]
        links.append(f'<a rel="prev" href="{notebook_page(p)}">← {p.number} · {html.escape(p.title)}</a>')
    if k + 1 < len(order):
        n = order[k + 1]
        links.append(f'<a rel="next" href="{notebook_page(n)}">{n.number} · {html.escape(n.title)} →</a>')
    return f'<nav class="pager" aria-label="Previous and next notebook" data-pagefind-ignore>{"".join(links)}</nav>\n'


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

    def entries(terms: list[Term] | tuple[Term, ...]) -> str:
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


SERVE = "python -m http.server -b 127.0.0.1 -d _site"


def serve_command(out: Path) -> str:
    """The command that serves a site built into ``out``, as typed from the course folder.

    >>> serve_command(ROOT / "_site")
    'python -m http.server -b 127.0.0.1 -d _site'
    >>> serve_command(ROOT / "build" / "site")
    'python -m http.server -b 127.0.0.1 -d build/site'
    >>> serve_command(Path("/srv/www/course site"))
    "python -m http.server -b 127.0.0.1 -d '/srv/www/course site'"
    """
    if not isinstance(out, Path):
        raise TypeError(f"out must be a pathlib.Path, not {out!r}")
    out = out.resolve()
    where = out.relative_to(ROOT).as_posix() if out.is_relative_to(ROOT) else str(out)
    return f"python -m http.server -b 127.0.0.1 -d {shlex.quote(where)}"


SEARCH_HEAD = '<link rel="stylesheet" href="pagefind/pagefind-ui.css">\n'

# Pagefind's UI loads its index with fetch(), which a browser refuses to a page opened from a file:
# the page says so (and how to serve the site) rather than showing a search box that never answers.
SEARCH_SCRIPT_TEMPLATE = """<script src="pagefind/pagefind-ui.js"></script>
<script>
(function () {
  var status = document.getElementById("search-status");
  var serve = "Serve the site and open this page again: from the course folder, run "
    + "SERVE_COMMAND and open http://127.0.0.1:8000/search.html";
  if (location.protocol === "file:") {
    status.textContent = "Search cannot run on a page opened from a file: browsers do not let such a page load "
      + "the search index. " + serve + ".";
    return;
  }
  if (typeof PagefindUI === "undefined") {
    status.textContent = "The search script did not load (pagefind/ is missing: build the site with ./course site). "
      + serve + ".";
    return;
  }
  import("./pagefind/pagefind.js").then(function () {
    var ui = new PagefindUI({
      element: "#search", showSubResults: true, showImages: false,
      baseUrl: new URL(".", location.href).pathname,
      translations: {placeholder: "Search the course"}
    });
    status.textContent = "";
    var q = new URLSearchParams(location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  }, function () {
    status.textContent = "The search index could not be loaded (pagefind/ is missing or was not served). "
      + serve + ".";
  });
})();
</script>
"""


def _search_page(serve: str = SERVE) -> str:
    """The search page; ``serve`` is the command that serves this build (``serve_command``)."""
    script = SEARCH_SCRIPT_TEMPLATE.replace("SERVE_COMMAND", json.dumps(serve)[1:-1])
    return f"""<h1>Search the course</h1>
<p id="search-status" role="status">Search runs in your browser, from an index built with the site (Pagefind):
it needs JavaScript and the site served over http, not opened from a file. <code>{html.escape(serve)}</code>
(from the course folder) serves it at http://127.0.0.1:8000/.</p>
<div id="search"></div>
{script}"""


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
.download-note { font-size: .9rem; color: var(--muted); margin: .3rem 0 0; }
.launch { display: flex; gap: 1rem; flex-wrap: wrap; margin: .4rem 0 0; }
.launch a { border: 1px solid var(--accent); border-radius: 4px; padding: .2rem .7rem; text-decoration: none; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem;
  border-top: 1px solid var(--line); padding-top: 1rem; }
.pager a[rel=next] { margin-left: auto; }
.glossary dt { font-weight: 700; margin-top: 1.2rem; } .glossary dd { margin-left: 0; }
math[display=block] { margin: .6rem 0; } .formula { display: block; overflow-x: auto; }
.to-contents { display: none; margin-left: auto; }
.formula-inline { display: inline-block; max-width: 100%; overflow-x: auto; vertical-align: middle; }
main p, main li, main dd { overflow-wrap: anywhere; } pre code { overflow-wrap: normal; }
main td, main th { overflow-wrap: break-word; } /* a table scrolls inside itself rather than split words */
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.bottom { border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; padding: .5rem 1.2rem; }
.search { display: flex; gap: .4rem; align-items: baseline; margin-left: auto; flex-wrap: wrap; }
.search input { font: inherit; padding: .2rem .4rem; border: 1px solid #767676; border-radius: 4px;
  width: 14rem; max-width: 100%; }
.search button { font: inherit; padding: .2rem .6rem; border: 1px solid var(--accent); border-radius: 4px;
  background: #fff; color: var(--accent); cursor: pointer; }
.on-page { border: 1px solid var(--line); border-radius: 4px; padding: .2rem 1rem .6rem; margin: 1rem 0;
  font-size: .95rem; }
.on-page .toc-head { margin-top: .5rem; }
.on-page ol { margin: 0; padding-left: 1.4rem; } .on-page li { margin: .15rem 0; }
.on-page ol.sub { list-style: none; padding: 0; margin: 0; }
.on-page ol.sub li { display: inline; margin-right: .8rem; }
details[open] .when-closed { display: none; }
#search-status:empty { display: none; }
/* a phone: one column, nothing wider than the screen (wide code, output, tables and formulas scroll inside
   themselves), the content first and the course's contents reachable from the top bar */
@media (max-width: 50rem) {
  .layout { flex-direction: column-reverse; align-items: stretch; }
  .toc { flex: none; position: static; max-height: none; border-right: 0; border-top: 1px solid var(--line); }
  main { padding: 1rem; max-width: 100%; } .to-contents { display: inline; } .tagline { display: none; }
  img, svg, video { max-width: 100%; height: auto; }
  .search { margin-left: 0; width: 100%; } .search input { flex: 1; width: auto; min-width: 0; }
  .launch { gap: .4rem; font-size: .9rem; } .launch a { padding: .1rem .5rem; }
}
/* print (and the PDF handouts): the content alone, figures whole, outside links written out */
@media print {
  body { font-size: 11pt; line-height: 1.45; }
  .top, .toc, .skip, .search, .launch, .download-note, .pager, .on-page, .to-contents,
  .when-closed { display: none !important; }
  .layout { display: block; } main { max-width: none; padding: 0; }
  a { color: inherit; }
  main .md a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; overflow-wrap: anywhere; }
  figure, img, aside.lab, pre.out, table, .formula, details { break-inside: avoid; }
  figure img { border: 0; max-height: 24cm; object-fit: contain; }
  h1, h2, h3, h4 { break-after: avoid; } h2 { border-bottom-color: #999; }
  h2#exercises, h2#references { break-before: page; }
  pre, .formula, table { overflow: visible; white-space: pre-wrap; overflow-wrap: anywhere; }
  table { display: table; }
  pre.code { background: #f6f6f4 !important; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .bottom { border-top: 1px solid #999; font-size: 9pt; }
  @page { size: A4; margin: 16mm 14mm; }
}
"""


def size_text(n_bytes: int) -> str:
    """A file size as a reader wants it: ``"412 kB"``, ``"1.3 MB"``."""
    if n_bytes < 1_000_000:
        return f"{max(1, round(n_bytes / 1000))} kB"
    return f"{n_bytes / 1_000_000:.1f} MB"


def _launch(nb: Notebook, pdf: bool) -> str:
    stem = nb.filename.removesuffix(".ipynb")
    size = size_text((ROOT / "notebooks" / nb.filename).stat().st_size)
    links = [
        f'<a href="{html.escape(binder_notebook(nb.filename))}">Open this notebook on Binder</a>',
        f'<a href="instructor-{stem}.html">Session plan</a>',
        f'<a class="download" href="notebooks/{nb.filename}" download>Download the notebook '
        f"({nb.filename}, {size})</a>",
    ]
    if pdf:  # its size is filled in once the PDF is printed (PDF_SIZE)
        links.append(f'<a class="download" href="pdf/{stem}.pdf">PDF handout ({stem}.pdf, PDF_SIZE)</a>')
    return f'<p class="launch" data-pagefind-ignore>{"".join(links)}</p>\n{DOWNLOAD_NOTE}'


# A downloaded notebook imports coordlab: it runs only where the package is installed.
DOWNLOAD_NOTE = (
    '<p class="download-note" data-pagefind-ignore>The downloaded notebook runs in Jupyter with the '
    "<code>coordlab</code> package installed: in a clone of the course repository, <code>./course lab</code> "
    "sets it up (the README's quick start), or open the notebook on Binder, which has everything.</p>\n"
)


# Debian's Chromium, headless, offline and with a fresh profile each run: the one list of flags (the browser
# tests' harness extends it)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(page: Path, pdf: Path, timeout: float = 120.0) -> float:
    """Print ``page`` (an HTML file of the site) to ``pdf`` with headless Chromium and its print
    stylesheet; return the seconds it took. Raises RuntimeError without Chromium or on failure."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("the PDF handouts need Debian's chromium (apt-get install chromium)")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coordlab-pdf-") as profile:
        result = subprocess.run(
            [
                exe,
                *CHROMIUM_FLAGS,
                "--no-pdf-header-footer",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "HOME": profile},
        )
    if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium could not print {page.name}: {result.stderr.strip()[-500:]}")
    return time.perf_counter() - start


def index_site(out: Path) -> float:
    """Build Pagefind's search index of the site into ``out/pagefind``; return the seconds it took."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(out), "--silent"], capture_output=True, text=True
    )
    if result.returncode != 0 or not (out / "pagefind" / "pagefind.js").is_file():
        raise RuntimeError(f"pagefind could not index {out}: {(result.stderr or result.stdout).strip()[-500:]}")
    return time.perf_counter() - start


def build(out: Path, search: bool = True, pdf: bool | list[str] = False) -> dict:
    """Build the site into ``out`` (emptied first); return what was built, for the checks.

    ``search``: index the pages with Pagefind (``out/pagefind/``). ``pdf``: also print a PDF handout of
    every notebook (``True``) or of the notebooks named (a list of file names) into ``out/pdf/`` with
    headless Chromium, and link each from its page.
    """
    if not isinstance(search, bool):
        raise TypeError(f"search must be True or False, not {search!r}")
    available = [nb for nb in NOTEBOOKS if nb.available]
    if isinstance(pdf, bool):
        printed = [nb.filename for nb in available] if pdf else []
    elif isinstance(pdf, list) and all(isinstance(name, str) for name in pdf):
        unknown = sorted(set(pdf) - {nb.filename for nb in available})
        if unknown:
            raise ValueError(f"pdf names notebooks that are not in the course: {unknown}")
        printed = list(pdf)
    else:
        raise TypeError(f"pdf must be True, False or a list of notebook file names, not {pdf!r}")
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "figures").mkdir(parents=True)
    (out / "notebooks").mkdir()
    (out / "style.css").write_text(
        STYLE.lstrip() + "\n/* code colours (Pygments) */\n" + _FORMATTER.get_style_defs("pre.code") + "\n"
    )
    report: dict = {"notebooks": {}, "pages": [], "pdf": {}, "seconds": {}}
    start = time.perf_counter()

    def write(name: str, text: str) -> None:
        if not search:  # no index, no search page: no search box pointing at it
            text = text.replace(SEARCH_FORM, "")
        (out / name).write_text(text)
        report["pages"].append(name)

    write("index.html", frame("The course", "index.html", _index()))
    write("glossary.html", frame("Glossary", "glossary.html", _glossary()))
    if search:
        write(
            "search.html",
            frame("Search", "search.html", _search_page(serve_command(out)), head=SEARCH_HEAD, indexed=False),
        )
    for nb in available:
        body, counts = render_notebook(nb, out)
        shutil.copyfile(ROOT / "notebooks" / nb.filename, out / "notebooks" / nb.filename)
        # under the title: Binder, the session plan, the downloads, then the page's contents list
        launch = _launch(nb, nb.filename in printed)
        head, sep, rest = body.partition("</h1>\n")
        body = head + sep + launch + rest if sep else launch + body
        write(notebook_page(nb), frame(f"{nb.number} · {nb.title}", notebook_page(nb), body, pager=_pager(nb)))
        report["notebooks"][nb.filename] = counts
    by_plan = {f"instructor-{nb.filename.removesuffix('.ipynb')}.html": nb for nb in available}
    for page in _doc_pages():
        md = Markdown()
        body = rewrite_links(md((ROOT / page.source).read_text()), page.source)
        launch = ""
        if page.out in by_plan:  # a session plan: its notebook, and its labs in lecture mode
            nb = by_plan[page.out]
            launch = (
                f'<p class="launch" data-pagefind-ignore><a href="{notebook_page(nb)}">The notebook: {nb.number} · '
                f'{html.escape(nb.title)}</a><a href="{html.escape(binder_lecture(nb.filename))}">Its labs in '
                "lecture mode, on Binder</a></p>\n"
            )
        # the instructor's pages sit under "Instructor's kit" in the navigation
        write(page.out, frame(page.title, "instructor.html", body, launch))
    report["seconds"]["pages"] = time.perf_counter() - start
    for filename in printed:
        stem = filename.removesuffix(".ipynb")
        page_file, pdf_file = out / f"{stem}.html", out / "pdf" / f"{stem}.pdf"
        seconds = print_pdf(page_file, pdf_file)
        size = pdf_file.stat().st_size
        page_file.write_text(page_file.read_text().replace("PDF_SIZE", size_text(size), 1))
        report["pdf"][filename] = {"seconds": seconds, "bytes": size}
    if search:
        report["seconds"]["index"] = index_site(out)
    return report


def main(argv: list[str]) -> int:
    usage = "usage: python -m tools.website [--out DIR] [--pdf] [--no-search]"
    out, pdf, search = ROOT / "_site", False, True
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--out" and args:
            out = Path(args.pop(0)).resolve()
        elif arg == "--pdf":
            pdf = True
        elif arg == "--no-search":
            search = False
        else:
            print(usage)
            return 2
    start = time.perf_counter()
    try:
        report = build(out, search=search, pdf=pdf)
    except RuntimeError as err:
        print(f"./course site: {err}", file=sys.stderr)
        return 1
    figures = sum(c["figures"] for c in report["notebooks"].values())
    labs = sum(c["labs"] for c in report["notebooks"].values())
    print(
        f"built {len(report['pages'])} pages ({len(report['notebooks'])} notebooks, {figures} figures, "
        f"{labs} lab fallbacks) into {out} in {time.perf_counter() - start:.1f} s"
    )
    if report["pdf"]:
        total = sum(p["bytes"] for p in report["pdf"].values())
        slowest = max(p["seconds"] for p in report["pdf"].values())
        print(
            f"printed {len(report['pdf'])} PDF handouts into {out / 'pdf'} "
            f"({size_text(total)}, slowest {slowest:.1f} s)"
        )
    if search:
        print(
            f"search index in {out / 'pagefind'} ({report['seconds']['index']:.1f} s); search needs the site "
            f"served over http: {serve_command(out)}, then open http://127.0.0.1:8000/"
        )
    else:
        print(f"open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
