"""The course website in a real (headless) browser: every page loads cleanly, every figure shows,
every internal link resolves.

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
import threading
import urllib.parse
from pathlib import Path

import pytest

from harness import ARTIFACTS, browser
from test_labs_in_browser import _require_browser

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output for failures
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    _require_browser()
    out = tmp_path_factory.mktemp("site")
    importlib.import_module("tools.website").build(out)
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with browser(server) as (page, log):
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
AXE_RUN = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations.map(
    v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""


def _axe_source() -> str:
    import axe_playwright_python

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
            for v in page.evaluate(AXE_RUN, AXE_RULES):
                problems.append(f"{name}: axe {v['id']} ({v['impact']}) at {v['nodes']}")
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
    assert problems == [], "\n".join(problems[:40])
    print(f"site at {width} px: {len(widest)} pages, widest {max(widest.values())} px, no axe violation")
