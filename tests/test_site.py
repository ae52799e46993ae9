"""tools/website.py: the course website builds offline, from the notebooks, complete and the same every time.

What a browser must confirm (pages load without errors, figures show, links resolve) is in
``tests/browser/test_site_in_browser.py``; here, what the files themselves must say.
"""

from __future__ import annotations

import base64
import importlib
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from coordlab.course import GLOSSARY, NOTEBOOKS, TERMS
from notebook_tools import ROOT, read

AVAILABLE = [nb for nb in NOTEBOOKS if nb.available]


@pytest.fixture(scope="module")
def site():
    return importlib.import_module("tools.website")


@pytest.fixture(scope="module")
def built(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    report = site.build(out)
    return out, report


def _found(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    m = re.search(pattern, text, flags)
    assert m is not None, f"{pattern!r} not found"
    return m


def _pages(out: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in out.glob("*.html")}


def test_every_page_is_there(built, site):
    out, report = built
    names = set(_pages(out))
    want = {"index.html", "glossary.html", "instructor.html", "classroom-tournament.html", "jupyterhub.html"}
    want.add("search.html")
    for nb in AVAILABLE:
        stem = nb.filename.removesuffix(".ipynb")
        want |= {f"{stem}.html", f"instructor-{stem}.html"}
    assert names == want
    assert sorted(report["pages"]) == sorted(want)


def test_nothing_is_fetched_from_outside(built):
    out, _ = built
    for name, text in _pages(out).items():
        if name == "search.html":  # the one page with a script: Pagefind's UI, from the site itself
            assert re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", text) == ["pagefind/pagefind-ui.js"]
        else:
            assert "<script" not in text, f"{name}: the site needs no JavaScript"
        assert not re.search(r'<(?:img|link|source|iframe|script)\b[^>]*\b(?:src|href)="(?:https?:)?//', text), name
    css = (out / "style.css").read_text()
    assert "@import" not in css and "url(" not in css


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_a_notebook_page_has_all_its_figures_labs_and_solutions(built, site, nb):
    out, report = built
    page = (out / nb.filename.replace(".ipynb", ".html")).read_text()
    cells = read(ROOT / "notebooks" / nb.filename).cells
    pngs = [
        o["data"]["image/png"]
        for c in cells
        if c.cell_type == "code"
        for o in c.outputs
        if "image/png" in o.get("data", {})
    ]
    widgets = sum(1 for c in cells if c.cell_type == "code" for o in c.outputs if site.WIDGET in o.get("data", {}))
    solutions = sum(1 for c in cells if c.cell_type == "markdown" and c.source.lstrip().startswith("<details>"))
    imgs = re.findall(r'<img src="([^"]+)" alt="([^"]*)">', page)
    assert len(imgs) == len(pngs) == report["notebooks"][nb.filename]["figures"]
    for (src, alt), png in zip(imgs, pngs):
        assert (out / src).read_bytes() == base64.b64decode(png), "the figure is the notebook's stored output"
        assert len(alt) > 40, f"{src}: alt text too short to describe a figure: {alt!r}"
    assert page.count('<aside class="lab"') == widgets
    assert page.count("<details>") == solutions >= 3, "every exercise's worked solution, collapsed"
    assert page.count("<summary>") == solutions
    # the exercise checks cannot run on a static page: each says so and links Binder, none asks to "run the cell"
    checks = sum(1 for c in cells if c.cell_type == "code" and "check(" in c.source and "answer = None" in c.source)
    assert page.count('<p class="note">') == report["notebooks"][nb.filename]["checks"] == checks
    assert "Not answered yet" not in page
    # each figure's alt text is its alt attribute, not repeated in the visible text
    assert "Alt text:" not in re.sub(r'alt="[^"]*"', "", page)


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_formulas_are_mathml_and_no_tex_is_left(built, nb):
    out, report = built
    page = (out / nb.filename.replace(".ipynb", ".html")).read_text()
    assert page.count("<math ") == report["notebooks"][nb.filename]["formulas"]
    prose = re.sub(r"<(pre|code|math)\b.*?</\1>", "", page, flags=re.S)
    leftover = re.findall(r"\\(?:frac|varphi|alpha|beta|gamma|lambda|sigma|mathrm|text|le|ge|times|cdot|sum)\b", prose)
    assert leftover == [], f"TeX left unconverted: {leftover[:5]}"


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_each_page_links_binder_to_its_notebook_and_its_neighbours(built, site, nb):
    out, _ = built
    page = (out / nb.filename.replace(".ipynb", ".html")).read_text()
    launch = _found(r'<p class="launch"[^>]*><a href="([^"]+)">Open this notebook on Binder</a>', page)[1]
    parts = urlsplit(launch.replace("&amp;", "&"))
    assert (parts.netloc, parts.path) == ("mybinder.org", "/v2/gh/coordlab/coordlab/HEAD")
    assert parse_qs(parts.query) == {"urlpath": [f"lab/tree/notebooks/{nb.filename}"]}
    k = AVAILABLE.index(nb)
    prev = re.search(r'<a rel="prev" href="([^"]+)"', page)
    nxt = re.search(r'<a rel="next" href="([^"]+)"', page)
    assert (prev[1] if prev else None) == (AVAILABLE[k - 1].filename.replace(".ipynb", ".html") if k else None)
    assert (nxt[1] if nxt else None) == (
        AVAILABLE[k + 1].filename.replace(".ipynb", ".html") if k + 1 < len(AVAILABLE) else None
    )
    toc = re.findall(r'<li><a href="(\d\d_[^"]+)"', page)
    assert toc == [n.filename.replace(".ipynb", ".html") for n in AVAILABLE], "navigation in course order"


def test_glossary_page_has_every_term_with_its_notebook(built):
    out, _ = built
    page = (out / "glossary.html").read_text()
    concepts, terms = page.split('<h2 id="terms">')
    found = [
        re.findall(r'<dt id="[^"]+">(.+?)</dt>\s*<dd>.*?<a href="([^"]+)">', part, re.S) for part in (concepts, terms)
    ]

    def pages(entries):
        return [
            (t.term, next(nb.filename for nb in NOTEBOOKS if nb.number == t.notebook).replace(".ipynb", ".html"))
            for t in entries
        ]

    assert [(t.replace("&#x27;", "'"), href) for t, href in found[0]] == pages(GLOSSARY)
    assert [(t.replace("&#x27;", "'"), href) for t, href in found[1]] == pages(
        sorted(TERMS, key=lambda t: t.term.lower())
    )
    ids = re.findall(r'<dt id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "each entry has its own anchor"


@pytest.mark.parametrize("term", TERMS, ids=[t.term for t in TERMS])
def test_each_term_is_used_by_the_notebook_it_points_to(term):
    nb = next(n for n in NOTEBOOKS if n.number == term.notebook)
    prose = "\n".join(c.source for c in read(ROOT / "notebooks" / nb.filename).cells if c.cell_type == "markdown")
    assert term.term.lower() in prose.lower(), f"{term.term!r} does not appear in {nb.filename}"


def test_glossary_covers_the_course_maps_concepts():
    course_map = ROOT.parent / "shared" / "docs" / "COURSE.md"
    if not course_map.exists():
        pytest.skip("../shared/docs/COURSE.md is not beside the repository")
    table = course_map.read_text().split("## The glossary, in its own order", 1)[1].split("\n## ", 1)[0]
    concepts = [
        row.split("|")[1].strip()
        for row in table.splitlines()
        if row.startswith("| ") and not row.startswith("| concept")
    ]
    ours = [g.term for g in GLOSSARY]
    assert len(ours) == len(concepts) == 13
    for theirs, mine in zip(concepts, ours):
        if theirs == "…its algorithm":
            assert mine == "Coordination failure (its algorithmic form)"
        elif theirs == "…its risk":
            assert mine == "Coordination failure (its risk)"
        else:
            assert mine.lower() == theirs.lower()


def test_the_build_is_the_same_every_time(built, site, tmp_path):
    out, _ = built
    again = tmp_path / "again"
    site.build(again)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # the search page names the folder it was built into (the command that serves it): the one difference
    second = {
        p.relative_to(again): p.read_bytes().replace(str(again).encode(), str(out).encode())
        for p in again.rglob("*")
        if p.is_file()
    }
    assert first == second


def test_a_notebook_with_an_error_output_is_refused(site, tmp_path, monkeypatch):
    import nbformat

    nb = NOTEBOOKS[0]
    broken = nbformat.read(ROOT / "notebooks" / nb.filename, as_version=4)
    code = next(c for c in broken.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="x", traceback=[])]
    (tmp_path / "notebooks").mkdir()
    nbformat.write(broken, tmp_path / "notebooks" / nb.filename)
    monkeypatch.setattr(site, "ROOT", tmp_path)
    (tmp_path / "figures").mkdir()
    with pytest.raises(ValueError, match="stored error output"):
        site.render_notebook(nb, tmp_path)


def test_the_numbers_in_the_glossary_are_the_models():
    """The close factor's and the grace period's numbers, as coordlab.models.lending_contracts implements Aave v3.0."""
    from coordlab.models import lending_contracts

    terms = {t.term: t.meaning for t in TERMS}
    threshold = f"{lending_contracts.CLOSE_FACTOR_HF_THRESHOLD / 10**18:g}"
    words = {5000: "half", 10_000: "all of it"}
    assert (
        f"in Aave v3.0, {words[lending_contracts.DEFAULT_LIQUIDATION_CLOSE_FACTOR]}, or "
        f"{words[lending_contracts.MAX_LIQUIDATION_CLOSE_FACTOR]} once the health factor is below {threshold}"
        in terms["Close factor"]
    )
    assert f"below a health factor of {threshold}" in terms["Grace period"]


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_each_notebook_page_links_a_download_of_its_notebook(built, nb):
    """The link names the file and its size, and the file in the site is the repository's notebook."""
    out, _ = built
    page = (out / nb.filename.replace(".ipynb", ".html")).read_text()
    links = re.findall(
        r'<a class="download" href="([^"]+)" download>Download the notebook \(([^,]+), ([^)]+)\)</a>', page
    )
    assert len(links) == 1, links
    href, name, size = links[0]
    assert href == f"notebooks/{nb.filename}" and name == nb.filename
    copied = out / href
    assert copied.read_bytes() == (ROOT / "notebooks" / nb.filename).read_bytes()
    assert size == f"{round(copied.stat().st_size / 1000)} kB"  # every notebook is under 1 MB


@pytest.mark.parametrize("nb", AVAILABLE, ids=[nb.number for nb in AVAILABLE])
def test_the_contents_list_links_every_section_of_the_page(built, nb):
    """Under the title, one entry per h2 (and the h3 under it, the exercises), each to an id on the page."""
    out, report = built
    page = (out / nb.filename.replace(".ipynb", ".html")).read_text()
    navs = re.findall(r'<nav class="on-page"[^>]*>(.*?)</nav>', page, re.S)
    assert len(navs) == 1
    targets = re.findall(r'<a href="#([^"]+)"', navs[0])
    headings = re.findall(r'<h([23]) id="([^"]+)"', page)
    assert targets == [ident for _, ident in headings], "every section and subsection, in page order"
    assert len(targets) == report["notebooks"][nb.filename]["contents"]
    assert {"exercises", "summary", "references"} <= set(targets)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids are unique, so each link has one target"
    assert not [i for i in ids if "mathtoken" in i], "a formula's placeholder never reaches an id"
    # right under the title, before the first section
    assert page.index("</h1>") < page.index('<nav class="on-page"') < page.index("<h2 ")


def test_on_page_contents_nests_subsections_and_keeps_inline_markup(site):
    got = site.on_page_contents([(2, "a", "A <code>x</code>"), (3, "b", "B"), (3, "c", "C"), (2, "d", "D")])
    assert re.findall(r'<a href="#(\w)">', got) == ["a", "b", "c", "d"]
    assert '<li><a href="#a">A <code>x</code></a><ol class="sub"><li><a href="#b">B</a></li>' in got
    md = site.Markdown()
    assert md("## Quorums: $n \\ge 3f+1$").startswith('<h2 id="quorums">'), "no formula in the heading's id"
    listed = site.on_page_contents(md.headings)
    assert "<math" not in listed and '<a href="#quorums">Quorums: n≥3f+1</a>' in listed
    assert site.on_page_contents([]) == ""
    assert site.on_page_contents([(1, "t", "Title")]) == ""


def test_an_opened_solution_does_not_say_click_to_open(built):
    out, _ = built
    css = (out / "style.css").read_text()
    assert "details[open] .when-closed { display: none; }" in css
    for nb in AVAILABLE:
        page = (out / nb.filename.replace(".ipynb", ".html")).read_text()
        summaries = re.findall(r"<summary>(.*?)</summary>", page, re.S)
        assert summaries and all(
            "(click to open)" not in re.sub(r'<span class="when-closed">.*?</span>', "", s) for s in summaries
        ), nb.filename


def test_the_print_stylesheet_prints_the_content_alone(built):
    out, _ = built
    css = (out / "style.css").read_text()
    rules = css.split("@media print {", 1)[1]
    hidden = _found(r"([^{}]+)\{ display: none !important; \}", rules)[1]
    for chrome in (".top", ".toc", ".search", ".launch", ".pager", ".on-page", ".skip"):
        assert chrome in [s.strip() for s in hidden.split(",")], chrome
    assert re.search(r"figure, img[^{]*\{ break-inside: avoid; \}", rules)
    assert 'a[href^="http"]::after { content: " (" attr(href) ")"' in rules
    assert "h2#exercises" in rules and "break-before: page" in rules


def test_the_phone_layout_changes_no_colour(built):
    """The narrow-screen rules (a phone) lay the page out again but change no colour, so the browser test checks
    colour contrast at 1280 px only (axe's costliest rule); a colour set for phones would need it at 390 px too."""
    out, _ = built
    css = (out / "style.css").read_text()
    narrow = [m.end() for m in re.finditer(r"@media \(max-width: [^)]*\) \{", css)]
    assert narrow, "the stylesheet has a narrow-screen block"
    for start in narrow:
        depth, end = 1, start
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        block = css[start:end]
        colours = re.findall(
            r"(?:^|[;{\s])((?:background|color|border[\w-]*color|opacity|filter|outline-color)[\w-]*)\s*:", block
        )
        assert colours == [], f"the phone layout sets {colours}: run axe's color-contrast at 390 px too"


def test_the_search_index_covers_every_page_but_the_search_page(built):
    """Pagefind indexed the main content of every page (the data-pagefind-body element), no navigation."""
    out, report = built
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["version"] == "1.5.2"
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(report["pages"]) - 1
    for asset in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css"):
        assert (out / "pagefind" / asset).stat().st_size > 1000, asset
    for name, text in _pages(out).items():
        bodies = re.findall(r"<(\w+)[^>]*\bdata-pagefind-body\b", text)
        assert bodies == ([] if name == "search.html" else ["main"]), name
        nav = _found(r'<nav class="toc".*?</nav>', text, re.S)[0]
        assert "data-pagefind-body" not in nav
    assert report["seconds"]["index"] > 0


def test_the_search_page_explains_when_it_cannot_run(built, site):
    page = (out := built[0]) / "search.html"
    text = page.read_text()
    assert 'role="status"' in text and f"python -m http.server -b 127.0.0.1 -d {out}</code>" in text
    assert f'"python -m http.server -b 127.0.0.1 -d {out} and open http://127.0.0.1:8000/search.html"' in text
    assert "-d _site" not in text  # issue 16: built with --out DIR, the page named _site
    assert 'location.protocol === "file:"' in text  # opened from a file, it says so (browser test: the text)
    assert (out / "pagefind" / "pagefind-ui.css").is_file()


def test_build_refuses_bad_arguments(site, tmp_path):
    with pytest.raises(ValueError, match="pdf names notebooks that are not in the course"):
        site.build(tmp_path / "x", pdf=["99_nothing.ipynb"])
    with pytest.raises(TypeError, match="pdf must be"):
        site.build(tmp_path / "x", pdf="yes")
    with pytest.raises(TypeError, match="search must be"):
        site.build(tmp_path / "x", search=1)
    assert not (tmp_path / "x").exists(), "nothing is built or deleted before the arguments are checked"


def test_without_search_there_is_no_search_box_or_index(site, tmp_path):
    report = site.build(tmp_path / "plain", search=False)
    assert "search.html" not in report["pages"] and not (tmp_path / "plain" / "pagefind").exists()
    assert not [p.name for p in (tmp_path / "plain").glob("*.html") if 'role="search"' in p.read_text()]


def test_size_text():
    from tools.website import size_text

    assert [size_text(n) for n in (1, 999, 1499, 386_000, 999_499, 1_000_000, 9_240_000)] == [
        "1 kB",
        "1 kB",
        "1 kB",
        "386 kB",
        "999 kB",
        "1.0 MB",
        "9.2 MB",
    ]


def test_the_serve_hint_names_the_folder_the_site_was_built_into(site, tmp_path, capsys):
    """Issue 16: with --out DIR, the search page and the command's last line said ``-d _site``."""
    out = tmp_path / "my site"
    assert site.main(["--out", str(out)]) == 0
    serve = f"python -m http.server -b 127.0.0.1 -d '{out}'"
    assert site.serve_command(out) == serve
    assert f"search needs the site served over http: {serve}, then open" in capsys.readouterr().out
    page = (out / "search.html").read_text()
    assert f"-d &#x27;{out}&#x27;</code>" in page and f"-d '{out}' and open" in page and "_site" not in page
    assert site.serve_command(ROOT / "_site") == "python -m http.server -b 127.0.0.1 -d _site"
    assert site.serve_command(ROOT / "a" / ".." / "b") == "python -m http.server -b 127.0.0.1 -d b"
    with pytest.raises(TypeError, match="out must be a pathlib.Path"):
        site.serve_command(str(out))


def test_the_download_link_says_what_the_notebook_needs(built):
    """A bare .ipynb imports coordlab: the note under the download says how to run it."""
    out, _ = built
    for nb in AVAILABLE:
        page = (out / nb.filename.replace(".ipynb", ".html")).read_text()
        launch = _found(r'<p class="launch".*?</p>\n<p class="download-note"[^>]*>(.*?)</p>', page, re.S)[1]
        assert "<code>coordlab</code> package installed" in launch and "<code>./course lab</code>" in launch
        assert "Binder" in launch
