"""Every lab of every notebook, in JupyterLab, in a real (headless) browser.

For each notebook with a lab: open it in JupyterLab, clear and run all cells,
check that nothing failed (no error output, no stderr, no "Error displaying
widget", no page error, no request off the machine), then move every slider of
every lab one step with the keyboard, as a student would, and check that the
figure (the PNG in the page) and the printed result both change. Screenshots
and the measured keypress-to-new-figure latencies go to
``tests/browser/artifacts/`` (not committed); latency is reported, not asserted
(the budgets are checked by ``benchmarks/``).

Needs Debian's ``chromium`` (``./course test`` installs it when it can). Without
it the test is skipped, except in CI (``CI`` set), where a skip would hide a
broken set-up, so it fails.
"""

from __future__ import annotations

import json
import os
import statistics

import pytest

from harness import (
    ARTIFACTS,
    bad_outputs,
    browser,
    chromium_path,
    close_notebooks,
    lab_server,
    move_every_control,
    open_and_run_all,
)
from notebook_tools import notebook_paths, read

pytestmark = pytest.mark.browser

LAB_NOTEBOOKS = [
    p for p in notebook_paths() if any(c.cell_type == "code" and ".widget()" in c.source for c in read(p).cells)
]


def _require_browser():
    missing = []
    if chromium_path() is None:
        missing.append("Debian's chromium (sudo apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -r requirements/test.txt)")
    if missing:
        message = "browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + "; in CI this is a set-up error, not a reason to skip")
        pytest.skip(message)


@pytest.fixture(scope="module")
def session():
    _require_browser()
    with lab_server(LAB_NOTEBOOKS) as server:
        with browser(server) as (page, log):
            yield server, page, log


def _widget_cells(path) -> int:
    return sum(1 for c in read(path).cells if c.cell_type == "code" and ".widget()" in c.source)


@pytest.mark.parametrize("path", LAB_NOTEBOOKS, ids=[p.stem for p in LAB_NOTEBOOKS])
def test_every_lab_responds_in_the_browser(session, path):
    server, page, log = session
    ARTIFACTS.mkdir(exist_ok=True)
    timings = open_and_run_all(page, server, path.name)

    assert bad_outputs(page) == [], "a cell failed when run in JupyterLab"
    boxes = page.locator(".coordlab-lab")
    expect_labs = _widget_cells(path)
    boxes.nth(expect_labs - 1).wait_for(state="visible", timeout=30_000)
    assert boxes.count() == expect_labs, "every .widget() cell should render one lab"
    assert page.locator(".jp-OutputArea-output", has_text="Error displaying widget").count() == 0

    latencies = move_every_control(page, boxes, expect_labs, ARTIFACTS / path.stem)

    page.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"), full_page=False)
    assert log["page_errors"] == []
    assert log["blocked"] == [], "the course must not fetch anything from outside the machine"
    assert log["console_errors"] == []
    record = {
        **timings,
        "steps": len(latencies),
        "keypress_to_new_figure_ms": {"median": 1000 * statistics.median(latencies), "max": 1000 * max(latencies)},
    }
    (ARTIFACTS / f"{path.stem}-timings.json").write_text(json.dumps(record, indent=2))
    print(path.stem, json.dumps(record))
    close_notebooks(page, server)  # kernels outlive the tab: without this, one per notebook piles up
