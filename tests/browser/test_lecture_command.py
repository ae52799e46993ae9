"""Lecture mode from the documented command: ``./course lecture 03``, run as is (Voila standalone).

The same checks as ``test_lecture_mode.py`` (which covers every page, served the way
Binder serves them), on the page the command opens. In a module of its own because
Playwright's sync API cannot run inside another module's still-open browser session.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from harness import ARTIFACTS, ROOT, _free_port, browser
from test_labs_in_browser import _require_browser
from test_lecture_mode import PAGES, _check_page, _has_math, _labs

pytestmark = pytest.mark.browser


class _Standalone:
    base: str


@contextmanager
def _course_lecture(*args: str):
    """Run ``./course lecture *args`` on a free port of 127.0.0.1; yield (server, token); stop it by PID."""
    _require_browser()
    if not (Path(sys.prefix) / ".coordlab-stamp").exists():
        pytest.skip("runs ./course, which needs the environment ./course set up (run ./course test)")
    port, token = _free_port(), os.urandom(16).hex()
    work = Path(tempfile.mkdtemp(prefix="coordlab-voila-"))
    env = {
        **os.environ,
        "COORDLAB_VENV": sys.prefix,
        "JUPYTER_CONFIG_DIR": str(work / "config"),
        "JUPYTER_DATA_DIR": str(work / "data"),
        "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
        "IPYTHONDIR": str(work / "ipython"),
    }
    log_path = work / "voila.log"
    with open(log_path, "w") as out:
        proc = subprocess.Popen(
            ["bash", str(ROOT / "course"), "lecture", *args, "--no-browser", f"--port={port}", f"--token={token}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = _Standalone()
    server.base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, "voila did not answer:\n" + log_path.read_text()[-3000:]
            try:  # listening? (a GET of the page itself would start a kernel)
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        yield server, token
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # voila and its kernels
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def test_the_documented_command_opens_a_notebooks_labs():
    """``./course lecture 03``, exactly as the instructor's guide documents it, plus flags for a test."""
    with _course_lecture("03") as (server, token), browser(server) as (page, log):
        page.goto(f"{server.base}/?token={token}")
        page_path = next(p for p in PAGES if p.name.startswith("03_"))
        _check_page(page, log, _labs(page_path), ARTIFACTS / "lecture-command-03", _has_math(page_path))
