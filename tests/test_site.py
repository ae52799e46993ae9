"""tools/website.py: the course website builds offline, from the notebooks, complete and the same every time.

What a browser must confirm (pages load without errors, figures show, links resolve) is in
``tests/browser/test_site_in_browser.py``; here, what the files themselves must say.
"""

from __future__ import annotations

import base64
import importlib
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


def _pages(out: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in out.glob("*.html")}


def test_every_page_is_there(built, site):
    out, report = built
    names = set(_pages(out))
    want = {"index.html", "glossary.html", "instructor.html", "classroom-tournament.html", "jupyterhub.html"}
    for nb in AVAILABLE:
        stem = nb.filename.removesuffix(".ipynb")
        want |= {f"{stem}.html", f"instructor-{stem}.html"}
    assert names == want
    assert sorted(report["pages"]) == sorted(want)


def test_nothing_is_fetched_from_outside(built):
    out, _ = built
    for name, text in _pages(out).items():
        assert "<script" not in text, f"{name}: the site needs no JavaScript"
        assert not re.search(r'<(?:img|link|source|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//', text), name
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
    launch = re.search(r'<p class="launch"><a href="([^"]+)">Open this notebook on Binder</a>', page)[1]
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
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
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
    """The close factor's and the grace period's numbers, as coordlab.models.lending implements Aave v3.0."""
    from coordlab.models import lending

    terms = {t.term: t.meaning for t in TERMS}
    threshold = f"{lending.CLOSE_FACTOR_HF_THRESHOLD / 10**18:g}"
    words = {5000: "half", 10_000: "all of it"}
    assert (
        f"in Aave v3.0, {words[lending.DEFAULT_LIQUIDATION_CLOSE_FACTOR]}, or "
        f"{words[lending.MAX_LIQUIDATION_CLOSE_FACTOR]} once the health factor is below {threshold}"
        in terms["Close factor"]
    )
    assert f"below a health factor of {threshold}" in terms["Grace period"]
