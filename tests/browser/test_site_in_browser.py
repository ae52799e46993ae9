"""The course website in a real (headless) browser: every page loads cleanly, every figure shows,
every internal link resolves; the search finds a course word and says why when it cannot run; each
notebook's contents list is at the top; the print stylesheet leaves the content alone; a PDF handout
printed by Chromium has its pages and its figures.

The site is built by ``tools/website.py`` into a temporary folder and served from 127.0.0.1 by
Python's own HTTP server; Chromium opens every page with a route guard that aborts (and
records) any request off the machine. For each page: no console error and no page error,
every ``<img>`` loaded with a real size, formulas laid out (MathML with a width), and every
link to a page of the site, with its ``#fragment``, pointing at a page that exists and an
element with that id.
"""

from __future__ import annotations

import functools
import http.server
import importlib
import re
import struct
import subprocess
import tempfile
import threading
import urllib.parse
from pathlib import Path

import pytest

from harness import ARTIFACTS, CHROMIUM_ARGS, browser, chromium_path
from test_labs_in_browser import _require_browser

pytestmark = pytest.mark.browser


class _SiteServer(http.server.ThreadingHTTPServer):
    base = ""  # http://127.0.0.1:PORT, what harness.browser lets the page fetch


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output for failures
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    _require_browser()
    out = tmp_path_factory.mktemp("site")
    importlib.import_module("tools.website").build(out)
    handler = functools.partial(_Quiet, directory=str(out))
    server = _SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with browser(server) as (page, log):  # type: ignore[arg-type]  # it needs only server.base
            yield out, server, page, log
    finally:
        server.shutdown()
        server.server_close()


PAGE_STATE = """() => ({
    images: [...document.images].map(i => ({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0,
                                           alt: i.alt})),
    maths: [...document.querySelectorAll('math')].map(m => m.getBoundingClientRect().width),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    title: document.title,
    h1: document.querySelectorAll('h1').length,
})"""


def _ids(out: Path, name: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', (out / name).read_text()))


def test_every_page_loads_shows_its_figures_and_links_resolve(served):
    out, server, page, log = served
    ARTIFACTS.mkdir(exist_ok=True)
    pages = sorted(p.name for p in out.glob("*.html"))
    assert len(pages) >= 30
    problems, checked_links, figures = [], set(), 0
    for name in pages:
        before = (len(log["console_errors"]), len(log["page_errors"]))
        response = page.goto(f"{server.base}/{name}", wait_until="load")
        assert response is not None and response.ok, name
        state = page.evaluate(PAGE_STATE)
        if (len(log["console_errors"]), len(log["page_errors"])) != before:
            problems.append(
                f"{name}: console or page error {log['console_errors'][before[0] :]}{log['page_errors'][before[1] :]}"
            )
        if state["h1"] < 1:
            problems.append(f"{name}: no h1")
        for img in state["images"]:
            figures += 1
            if not img["ok"]:
                problems.append(f"{name}: figure {img['src']} did not load")
            if not img["alt"].strip():
                problems.append(f"{name}: figure {img['src']} has no alt text")
        if any(w <= 0 for w in state["maths"]):
            problems.append(f"{name}: a formula has no width (MathML not laid out)")
        for href in state["links"]:
            if not href.startswith(server.base + "/"):
                continue  # Binder, GitHub, sources: outside links are not followed offline
            path, _, fragment = href[len(server.base) + 1 :].partition("#")
            path = urllib.parse.unquote(path) or "index.html"
            if (path, fragment) in checked_links:
                continue
            checked_links.add((path, fragment))
            if not (out / path).is_file():
                problems.append(f"{name}: link to missing page {path}")
            elif fragment and urllib.parse.unquote(fragment) not in _ids(out, path):
                problems.append(f"{name}: link to {path}#{fragment}, which has no such id")
        if name in ("index.html", "03_stakeholder_incentives.html", "glossary.html"):
            page.screenshot(path=str(ARTIFACTS / f"site-{name.removesuffix('.html')}.png"))
    assert problems == []
    assert figures >= 31 and len(checked_links) >= 60
    assert log["blocked"] == [], "the site must not fetch anything from outside the machine"
    print(f"site: {len(pages)} pages, {figures} figures, {len(checked_links)} internal links checked")


# axe-core, the accessibility engine (bundled by the axe-playwright-python package, pinned in requirements/test.txt)
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Only violations are collected (resultTypes: axe then skips building selectors for every passing node).
AXE_RUN = """async ([tags, off]) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
    rules: Object.fromEntries(off.map(r => [r, {enabled: false}])), resultTypes: ['violations']})).violations.map(
    v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
# Colour contrast, three quarters of axe's time, is checked at 1280 px only: the phone's stylesheet changes no
# colour (tests/test_site.py::test_the_phone_layout_changes_no_colour), so its contrast is the laptop's.
AXE_OFF = {1280: [], 390: ["color-contrast"]}


def _axe_source() -> str:
    import axe_playwright_python  # type: ignore[import-untyped]

    return (Path(axe_playwright_python.__file__).with_name("axe.min.js")).read_text()


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_every_page_fits_the_screen_and_passes_axe(served, width):
    """At a laptop's 1280 px and a phone's 390 px: no page is wider than the screen (wide code, output,
    tables and formulas scroll inside themselves, and a keyboard can reach them), the course's contents are
    reachable from the top of the page, and axe-core finds no WCAG 2.1 A or AA violation."""
    out, server, page, log = served
    axe = _axe_source()
    page.set_viewport_size({"width": width, "height": 900})
    problems, widest = [], {}
    try:
        for name in sorted(p.name for p in out.glob("*.html")):
            if name == "search.html":  # the search UI with results on screen, as a reader sees it
                _search(page, server, "liquidation")
            else:
                page.goto(f"{server.base}/{name}", wait_until="load")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            widest[name] = scroll
            if scroll > width:
                problems.append(f"{name}: {scroll} px wide on a {width} px screen")
            top = page.evaluate("""() => { const a = [...document.querySelectorAll('a[href="#contents"], nav.toc')]
                .filter(e => e.getBoundingClientRect().height > 0); return a.length ?
                Math.min(...a.map(e => e.getBoundingClientRect().top + window.scrollY)) : null; }""")
            if top is None or top > 200:
                problems.append(f"{name}: the course's contents are not reachable from the top of the page ({top})")
            page.add_script_tag(content=axe)
            for v in page.evaluate(AXE_RUN, [AXE_RULES, AXE_OFF[width]]):
                problems.append(f"{name}: axe {v['id']} ({v['impact']}) at {v['nodes']}")
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
    assert problems == [], "\n".join(problems[:40])
    print(f"site at {width} px: {len(widest)} pages, widest {max(widest.values())} px, no axe violation")


RESULTS = ".pagefind-ui__result-link"


def _search(page, server, words: str) -> list[str]:
    """Open the search page for ``words``; the result links (page URLs), best first."""
    page.goto(f"{server.base}/search.html?q={urllib.parse.quote(words)}", wait_until="load")
    page.wait_for_selector(RESULTS, timeout=15_000)
    return page.eval_on_selector_all(RESULTS, "els => els.map(a => a.href)")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_search_from_any_page_finds_the_notebook_that_teaches_a_word(served, width):
    """Type into the search box at the top of a page (here notebook 03's), press Enter: the results list
    links the notebook that teaches the word, among the first three, with sections whose anchors exist."""
    out, server, page, log = served
    page.set_viewport_size({"width": width, "height": 900})
    try:
        for words, want in [("selfish mining", "11_consensus_failures.html"), ("Kelly", "07_position_sizing.html")]:
            page.goto(f"{server.base}/03_stakeholder_incentives.html", wait_until="load")
            box = page.locator("#search-q")
            assert box.bounding_box()["y"] < 200, "the search box is at the top of the page"
            box.fill(words)
            box.press("Enter")
            page.wait_for_url(re.compile(r"/search\.html\?q="))
            page.wait_for_selector(RESULTS, timeout=15_000)
            links = page.eval_on_selector_all(RESULTS, "els => els.map(a => a.href)")
            pages = [urllib.parse.urlsplit(h).path.rsplit("/", 1)[-1] for h in links]
            assert want in pages[:3], f"{words!r}: {pages}"
            subs = page.eval_on_selector_all(".pagefind-ui__result-nested a", "els => els.map(a => a.href)")
            for href in subs:
                parts = urllib.parse.urlsplit(href)
                path, fragment = parts.path.rsplit("/", 1)[-1], parts.fragment
                if fragment:
                    assert fragment in _ids(out, path), f"a result links {path}#{fragment}, which has no such id"
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if want.startswith("11"):
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"site-search-{width}px.png"))
            page.click(f'{RESULTS}[href$="{want}"]')
            page.wait_for_url(f"**/{want}")
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
    assert log["blocked"] == []


def test_search_explains_itself_when_it_cannot_run(served):
    """Opened from a file (browsers refuse fetch() there) or without its index, the search page says why
    and how to serve the site, rather than showing a box that never answers."""
    out, server, page, log = served
    before = len(log["console_errors"])
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    try:
        page.goto(f"{server.base}/search.html?q=liquidation", wait_until="load")
        page.wait_for_function("document.getElementById('search-status').textContent.includes('could not')")
        status = page.inner_text("#search-status")
    finally:
        page.unroute("**/pagefind/pagefind.js")
    assert importlib.import_module("tools.website").serve_command(out) in status  # the folder it was built into
    del log["console_errors"][before:]  # the aborted request, on purpose
    exe = chromium_path()
    assert exe is not None
    with tempfile.TemporaryDirectory(prefix="coordlab-chromium-") as profile:
        dom = subprocess.run(
            [
                exe,
                *CHROMIUM_ARGS,
                f"--user-data-dir={profile}",
                "--dump-dom",
                (out / "search.html").as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    found = re.search(r'<p id="search-status"[^>]*>(.*?)</p>', dom, re.S)
    assert found is not None, dom[-2000:]
    status = found[1]
    assert status.startswith("Search cannot run on a page opened from a file"), status
    assert importlib.import_module("tools.website").serve_command(out) in status  # the folder it was built into


def test_each_notebook_page_has_its_contents_at_the_top_and_a_solution_reads_right_open(served):
    """On a phone, the page's own contents list sits right under the title (its links jump to the
    sections); an opened worked solution no longer says "(click to open)"."""
    out, server, page, log = served
    page.set_viewport_size({"width": 390, "height": 800})
    try:
        for name in sorted(p.name for p in out.glob("[0-9][0-9]_*.html")):
            page.goto(f"{server.base}/{name}", wait_until="load")
            nav = page.locator("nav.on-page")
            top = nav.bounding_box()["y"]
            h1 = page.locator("h1").first.bounding_box()["y"]
            assert top < h1 + 600, f"{name}: the contents list starts {top - h1:.0f} px below the title"
            targets = nav.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
            assert "#exercises" in targets and "#summary" in targets, name
            nav.locator('a[href="#exercises"]').click()
            page.wait_for_function("location.hash === '#exercises'")
            assert abs(page.locator("#exercises").bounding_box()["y"]) < 5, f"{name}: the link did not jump"
            summary = page.locator("details summary").first
            assert "(click to open)" in summary.inner_text()
            summary.click()
            assert "(click to open)" not in summary.inner_text(), f"{name}: an open solution says click to open"
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


def test_print_stylesheet_keeps_the_content_alone(served):
    """In print, no navigation, search, download or contents chrome; figures are never split."""
    out, server, page, log = served
    page.goto(f"{server.base}/07_position_sizing.html", wait_until="load")
    page.emulate_media(media="print")
    try:
        shown = page.evaluate("""() => ['header.top', 'nav.toc', 'form.search', 'p.launch', 'nav.pager',
            'nav.on-page'].filter(s => { const e = document.querySelector(s);
                return e && getComputedStyle(e).display !== 'none'; })""")
        assert shown == []
        breaks = page.evaluate("[...document.querySelectorAll('figure')].map(f => getComputedStyle(f).breakInside)")
        assert breaks and set(breaks) == {"avoid"}
        assert page.evaluate("getComputedStyle(document.getElementById('exercises')).breakBefore") == "page"
        page.screenshot(path=str(ARTIFACTS / "site-print-07_position_sizing.png"), full_page=False)
    finally:
        page.emulate_media(media="screen")


def _pdf_pages_and_images(data: bytes) -> tuple[int, int, list[tuple[int, int]]]:
    """Pages (``/Type /Page`` objects), the page tree's ``/Count``, and each image XObject's size
    (Chromium's PDFs keep these dictionaries uncompressed; an alpha mask is an image of the same size)."""
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    count = max(int(c) for c in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data) or [b"0"])
    images = []
    for obj in data.split(b"endobj"):  # one object at a time: its dictionary comes before its stream
        head = obj.split(b"stream", 1)[0]
        if re.search(rb"/Subtype\s*/Image\b", head):
            w, h = re.search(rb"/Width\s+(\d+)", head), re.search(rb"/Height\s+(\d+)", head)
            assert w is not None and h is not None, head[:200]
            images.append((int(w[1]), int(h[1])))
    return pages, count, images


def _png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_a_pdf_handout_has_its_pages_and_every_figure(served, tmp_path):
    """Chromium prints notebook 07's page (four figures) with the print stylesheet: a handout of a sensible
    number of A4 pages, every figure embedded as an image at its own size."""
    out, server, page, log = served
    site = importlib.import_module("tools.website")
    name = "07_position_sizing"
    pdf = tmp_path / f"{name}.pdf"
    seconds = site.print_pdf(out / f"{name}.html", pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages, count, images = _pdf_pages_and_images(data)
    assert pages == count, "every page object is in the page tree"
    assert 5 <= pages <= 40, f"{pages} pages"
    figures = [_png_size(out / src) for src in re.findall(r'<img src="([^"]+)"', (out / f"{name}.html").read_text())]
    assert len(figures) == 4
    for size in figures:
        assert size in images, f"figure {size} is not in the PDF (images: {images})"
        images.remove(size)
    print(f"PDF handout {name}: {pages} pages, {len(figures)} figures, {len(data) / 1e6:.2f} MB in {seconds:.1f} s")
