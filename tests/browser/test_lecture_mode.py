"""Lecture mode in a real (headless) browser: every notebook's labs as a Voila app, no code.

Two routes, both as an instructor would use them:

- Binder's: JupyterLab with Voila as its server extension and the lecture template
  installed by ``tools/lecture.py --install`` (what ``binder/postBuild`` runs); every
  page ``/voila/render/lecture/NN_slug.ipynb`` is opened, and every control of every
  lab is moved with the keyboard; figure and printed result must change;
- the documented command, ``./course lecture 03``, run as is (Voila standalone).

Either way: no code on the page, no error or stderr output, no console or page
error, and no request off the machine (a route guard aborts and records them; Voila's
stock template would fetch Font Awesome from a CDN, the course's does not).
"""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

import pytest

from harness import ARTIFACTS, ROOT, browser, lab_server, move_every_control
from notebook_tools import read
from test_labs_in_browser import _require_browser

pytestmark = pytest.mark.browser

PAGES = sorted((ROOT / "lecture").glob("*.ipynb"))


def _labs(path: Path) -> int:
    return sum(1 for c in read(path).cells if c.cell_type == "code" and c.source.endswith(".widget()"))


def _has_math(path: Path) -> bool:
    """Whether the page's prose has a formula ($...$; an escaped \\$ is a dollar sign)."""
    prose = "\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")
    return re.search(r"(?<!\\)\$[^$]+(?<!\\)\$", prose) is not None


@pytest.fixture(scope="module")
def session():
    _require_browser()
    with lab_server([], lecture=True) as server:
        with browser(server) as (page, log):
            yield server, page, log


def _check_page(page, log, expect_labs: int, shots: Path, math: bool) -> list[float]:
    boxes = page.locator(".coordlab-lab")
    boxes.nth(expect_labs - 1).wait_for(state="visible", timeout=90_000)
    assert boxes.count() == expect_labs, "every lab of the notebook should be on its lecture page"
    text = page.locator("body").inner_text()
    assert "from coordlab" not in text and ".widget()" not in text, "lecture mode shows no code"
    for bad in ("Traceback", "Error displaying widget", "Cannot compute"):
        assert bad not in text, bad
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    if math:
        assert page.locator("mjx-container").count() > 0, "the prompts' formulas should be typeset (bundled MathJax)"
    latencies = move_every_control(page, boxes, expect_labs, shots)
    page.screenshot(path=f"{shots}.png", full_page=False)
    assert log["page_errors"] == []
    assert log["blocked"] == [], "lecture mode must not fetch anything from outside the machine"
    assert log["console_errors"] == []
    return latencies


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_every_lecture_page_works_as_on_binder(session, path):
    server, page, log = session
    ARTIFACTS.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    page.goto(server.voila_url(path.name))
    expect = _labs(path)
    page.locator(".coordlab-lab").nth(expect - 1).wait_for(state="visible", timeout=90_000)
    render_s = time.perf_counter() - t0
    latencies = _check_page(page, log, expect, ARTIFACTS / f"lecture-{path.stem}", _has_math(path))
    record = {
        "render_s": render_s,
        "steps": len(latencies),
        "keypress_to_new_figure_ms": {"median": 1000 * statistics.median(latencies), "max": 1000 * max(latencies)},
    }
    (ARTIFACTS / f"lecture-{path.stem}-timings.json").write_text(json.dumps(record, indent=2))
    print("lecture", path.stem, json.dumps(record))
    page.goto("about:blank")
    server.delete_kernels()  # Voila keeps a page's kernel after the page is left: 15 would pile up
    assert server.api("GET", "/api/kernels") == []
