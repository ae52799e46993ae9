"""Drive the course in a real browser: JupyterLab on 127.0.0.1 and Debian's headless Chromium.

The recipe, tested on this kind of machine (Debian's chromium and chromium-driver,
no browser download):

- the server listens on 127.0.0.1 only, with a random token, its config, data,
  runtime, settings and workspace folders in a temporary directory, and a copy
  of the notebooks as its root (so JupyterLab's autosave never touches the
  repository's notebooks);
- Chromium runs headless from an empty profile with background networking off,
  and a route guard aborts (and records) every request that is not to the
  server, so the test proves the course works offline;
- the server is stopped by its PID at the end, after its sessions (kernels) are
  deleted.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tools.website import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [*CHROMIUM_FLAGS, "--disable-quic"]  # the site tool's flags, and no QUIC to the test servers


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """A JupyterLab server for one test session (use :func:`lab_server`)."""

    def __init__(self, workdir: Path, notebooks: list[Path], lecture: bool = False):
        self.workdir = workdir
        self.root = workdir / "course"
        (self.root / "notebooks").mkdir(parents=True)
        for nb in notebooks:
            shutil.copy2(nb, self.root / "notebooks" / nb.name)
        self.extra_env = {}
        if lecture:
            # As on Binder: lecture/ beside notebooks/, and Voila's template installed into an
            # environment prefix by the same function binder/postBuild calls.
            shutil.copytree(ROOT / "lecture", self.root / "lecture")
            prefix = workdir / "prefix"
            prefix.mkdir()
            _lecture_tool().install(prefix)
            self.extra_env = {
                "JUPYTER_PATH": str(prefix / "share" / "jupyter"),
                "JUPYTER_CONFIG_PATH": str(prefix / "etc" / "jupyter"),
            }
        self.port = _free_port()
        self.token = os.urandom(16).hex()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "jupyter.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> None:
        settings = self.workdir / "lab-user-settings"
        notif = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
        notif.parent.mkdir(parents=True)
        notif.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": str(self.workdir / "config"),
            "JUPYTER_DATA_DIR": str(self.workdir / "data"),
            "JUPYTER_RUNTIME_DIR": str(self.workdir / "runtime"),
            "IPYTHONDIR": str(self.workdir / "ipython"),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            **self.extra_env,
        }
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.allow_root=True",  # only matters when the tests run as root (CI here)
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, for the test only
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={self.workdir / 'workspaces'}",
        ]
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=self.root, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n{self.log_text()}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"jupyter lab did not answer within {timeout} s:\n{self.log_text()}")

    def api(self, method: str, path: str):
        req = urllib.request.Request(
            f"{self.base}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def delete_sessions(self) -> None:
        """Shut every kernel down: kernels outlive the browser and would keep stale state."""
        for s in self.api("GET", "/api/sessions") or []:
            self.api("DELETE", f"/api/sessions/{s['id']}")

    def delete_kernels(self) -> None:
        """Shut down every kernel, with or without a session (Voila's pages start kernels without one)."""
        self.delete_sessions()
        for k in self.api("GET", "/api/kernels") or []:
            self.api("DELETE", f"/api/kernels/{k['id']}")

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            if self.proc.poll() is None:
                try:
                    self.delete_sessions()
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                os.killpg(self.proc.pid, signal.SIGTERM)  # the server and the kernels it started
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait(timeout=10)
        finally:
            self.log.close()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text()[-4000:]
        except OSError:
            return ""

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/notebooks/{notebook}?token={self.token}&reset"

    def voila_url(self, lecture_page: str) -> str:
        """Where Voila, as a server extension (as on Binder), renders ``lecture/<lecture_page>``."""
        return f"{self.base}/voila/render/lecture/{lecture_page}?token={self.token}"


def _lecture_tool():
    return importlib.import_module("tools.lecture")


@contextmanager
def lab_server(notebooks: list[Path], lecture: bool = False):
    workdir = Path(tempfile.mkdtemp(prefix="coordlab-browser-"))
    server = LabServer(workdir, notebooks, lecture=lecture)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def browser(server: LabServer):
    """A headless Chromium page whose requests may only go to ``server``.

    Yields ``(page, log)`` where ``log`` collects console errors, page errors and
    blocked (non-loopback) requests.
    """
    from playwright.sync_api import sync_playwright

    log = {"console_errors": [], "page_errors": [], "blocked": []}
    profile = tempfile.mkdtemp(prefix="coordlab-chromium-")
    allowed = (server.base, "data:", "blob:")

    def guard(route):
        url = route.request.url
        if url.startswith(allowed):
            route.continue_()
        else:
            log["blocked"].append(url)
            route.abort()

    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                profile,
                executable_path=chromium_path(),
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1400, "height": 1000},
            )
            try:
                ctx.route("**/*", guard)
                page = ctx.pages[0] if ctx.pages else ctx.new_page()
                page.on("console", lambda m: m.type == "error" and log["console_errors"].append(m.text))
                page.on("pageerror", lambda e: log["page_errors"].append(str(e)))
                yield page, log
            finally:
                ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


KERNEL_IDLE = "() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'"
RUN_ALL = """async () => { const c = window.jupyterapp.commands;
    await c.execute('notebook:clear-all-cell-outputs');
    await c.execute('notebook:run-all-cells'); }"""
ALL_RAN = """() => { const w = window.jupyterapp.shell.currentWidget;
    return [...w.content.widgets].filter(c => c.model.type === 'code')
             .every(c => c.model.executionCount !== null)
           && w.sessionContext.session.kernel.status === 'idle'; }"""
# Every output of every code cell, as nbformat JSON (errors and stderr are what we look for).
OUTPUTS = """() => [...window.jupyterapp.shell.currentWidget.content.widgets]
    .filter(c => c.model.type === 'code')
    .map((c, i) => ({index: i, outputs: c.model.outputs.toJSON()}))"""


# Open a notebook in the JupyterLab already on the page, as a student does from the file browser (loading the
# whole app again for each notebook costs seconds of the suite's time).
OPEN_IN_APP = """async (path) => { const app = window.jupyterapp;
    await app.commands.execute('docmanager:open', {path, factory: 'Notebook'}); }"""
# Close what the last notebook left open without the "save your changes?" dialog (the run changed its outputs).
CLOSE_ALL = """() => { for (const w of [...window.jupyterapp.shell.widgets('main')]) {
    if (w.context) { w.context.model.dirty = false; } w.close(); } }"""


def open_and_run_all(page, server: LabServer, notebook: str) -> dict:
    """Open ``notebook`` (by its URL the first time, then from the running JupyterLab), clear and run every
    cell; return timings (s). Call :func:`close_notebooks` before the next one."""
    t0 = time.perf_counter()
    if page.url.startswith(server.base) and page.evaluate("() => window.jupyterapp !== undefined"):
        page.evaluate(OPEN_IN_APP, f"notebooks/{notebook}")
    else:
        page.goto(server.url(notebook))
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    t1 = time.perf_counter()
    page.evaluate(RUN_ALL)
    page.wait_for_function(ALL_RAN, timeout=120_000)
    t2 = time.perf_counter()
    return {"open_to_idle_s": t1 - t0, "run_all_s": t2 - t1}


def close_notebooks(page, server: LabServer) -> None:
    """Close every open notebook in the page's JupyterLab, then shut its kernels down (they outlive the tab)."""
    page.evaluate(CLOSE_ALL)
    page.wait_for_function(  # JupyterLab may open its launcher in the emptied area: no document is left
        "() => [...window.jupyterapp.shell.widgets('main')].every(w => !w.context)", timeout=15_000
    )
    server.delete_kernels()


def bad_outputs(page) -> list[str]:
    """Error outputs and stderr streams of the open notebook, one line each."""
    problems = []
    for cell in page.evaluate(OUTPUTS):
        for out in cell["outputs"]:
            if out.get("output_type") == "error":
                problems.append(f"code cell {cell['index']}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(f"code cell {cell['index']} wrote to stderr: {str(out.get('text'))[:300]}")
    return problems


# --- a lab, as the page shows it --------------------------------------------------------------
LAB_STATE = """box => ({
    src: box.querySelector('img').getAttribute('src'),
    width: box.querySelector('img').naturalWidth,
    summary: box.querySelector('pre.coordlab-summary').textContent,
    sliders: [...box.querySelectorAll('.widget-slider')].map(s => ({
        label: s.querySelector('.widget-label').textContent,
        readout: s.querySelector('.widget-readout').textContent,
        at_max: s.querySelector('.noUi-handle').getAttribute('aria-valuenow')
                === s.querySelector('.noUi-handle').getAttribute('aria-valuemax')})),
    toggles: [...box.querySelectorAll('.widget-toggle-buttons')].map(t => ({
        label: t.querySelector('.widget-label').textContent,
        value: [...t.querySelectorAll('button')].findIndex(b => b.classList.contains('mod-active')),
        count: t.querySelectorAll('button').length}))
})"""

# The lab's <img> shows a new PNG, fully loaded.
NEW_FIGURE = """([box, src]) => { const img = box.querySelector('img');
    return img.getAttribute('src') !== src && img.complete && img.naturalWidth > 0; }"""


def _press(page, box, control, key: str, latencies: list) -> dict:
    """Focus ``control``, press ``key``; wait for the new figure (timing it) and the new summary; the lab's state."""
    before = box.evaluate(LAB_STATE)
    control.focus()
    t0 = time.perf_counter()
    control.press(key)
    page.wait_for_function(NEW_FIGURE, arg=[box.element_handle(), before["src"]], polling="raf", timeout=15_000)
    latencies.append(time.perf_counter() - t0)
    page.wait_for_function(
        "([box, s]) => box.querySelector('pre.coordlab-summary').textContent !== s",
        arg=[box.element_handle(), before["summary"]],
        timeout=15_000,
    )
    return box.evaluate(LAB_STATE)


def move_every_control(page, boxes, count: int, shots: Path) -> list[float]:
    """Move every control of the ``count`` labs one step with the keyboard, as a student would.

    A slider moves with an arrow key on its handle; a categorical choice (toggle buttons)
    with Space on the next option's button. For each step: the figure (the PNG) and the
    printed summary must change, and the slider's readout (the chosen button) too. Saves a
    screenshot per lab to ``<shots>-labN.png``; returns the keypress-to-new-figure latencies (s).
    """
    latencies = []
    for i in range(count):
        box = boxes.nth(i)
        box.scroll_into_view_if_needed()
        state = box.evaluate(LAB_STATE)
        assert state["src"].startswith(("blob:", "data:image/png")), state["src"]
        assert state["width"] > 0, "the lab's figure did not load"
        assert state["sliders"], "a lab without sliders"
        for j, slider in enumerate(state["sliders"]):
            handle = box.locator(".noUi-handle").nth(j)
            after = _press(page, box, handle, "ArrowLeft" if slider["at_max"] else "ArrowRight", latencies)
            assert after["sliders"][j]["readout"] != state["sliders"][j]["readout"], slider["label"]
            assert "Cannot compute" not in after["summary"], (slider["label"], after["summary"])
            state = after
        for j, toggle in enumerate(state["toggles"]):
            chosen = state["toggles"][j]["value"]
            button = (
                box.locator(".widget-toggle-buttons")
                .nth(j)
                .locator("button")
                .nth(chosen + 1 if chosen + 1 < toggle["count"] else chosen - 1)
            )
            after = _press(page, box, button, "Space", latencies)
            assert after["toggles"][j]["value"] != chosen, toggle["label"]
            assert "Cannot compute" not in after["summary"], (toggle["label"], after["summary"])
            state = after
        box.screenshot(path=f"{shots}-lab{i + 1}.png")
    return latencies
