"""The hub path, for real (issue 16, item 3): JupyterHub with configurable-http-proxy, two students, nbgitpuller.

Starts, on 127.0.0.1 with free ports: a git server (tests/hub_git_server.py: ``git http-backend`` over HTTP) holding a
bare clone of this repository's HEAD; configurable-http-proxy from npm (installed once into a cache outside the
repository); JupyterHub from the venv with the dummy authenticator and the simple local spawner (each student's home
in a temporary folder), whose single-user servers run from the same venv with the image set-up of
docs/jupyterhub.md (its commands run into a temporary prefix: the lecture template, the JupyterLab setting
overrides, the kernel culling arguments). Then two students log in through the hub's form, open the nbgitpuller
links that ``python -m tools.hub`` prints for that repository, run the pulled notebook through their server's
sessions API and a kernel websocket, open the lecture link in Voila, and the idle kernels are culled. Everything is
stopped by PID and the temporary folders are removed. The memory the guide's table states is measured here
(/proc/<pid>/status, VmRSS) and checked against the guide.

Marked ``hub``: ``./course test``'s first stage runs it; ``-m 'not hub'`` skips it. It took 95 s (20 s of CPU) on
this machine's 2 cores, shared with other work at a load average of 9.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

requests = pytest.importorskip("requests")
websocket = pytest.importorskip("websocket")

pytestmark = pytest.mark.hub

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "jupyterhub.md"
BIN = Path(sys.executable).parent
CHP_VERSION = "5.3.0"
CHP_CACHE = Path(os.environ.get("COORDLAB_CHP_CACHE", Path.home() / ".cache" / "coordlab" / "chp"))
NOTEBOOK = "10_systemic_contagion.ipynb"
STUDENTS = ("ada", "grace")
PASSWORD = "class-of-2026"
CULL = {"cull_idle_timeout": 8, "cull_interval": 2}  # the guide's values, shortened for the test


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chp_binary() -> Path:
    """configurable-http-proxy at CHP_VERSION, installed from npm into CHP_CACHE on first use."""
    binary = CHP_CACHE / "node_modules" / ".bin" / "configurable-http-proxy"
    package = CHP_CACHE / "node_modules" / "configurable-http-proxy" / "package.json"
    if not (binary.exists() and json.loads(package.read_text())["version"] == CHP_VERSION):
        if shutil.which("npm") is None or shutil.which("node") is None:
            pytest.skip("npm (Node.js) is absent: configurable-http-proxy, JupyterHub's proxy, comes from npm")
        CHP_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(CHP_CACHE), "--no-audit", "--no-fund", "--loglevel=error"]
            + [f"configurable-http-proxy@{CHP_VERSION}"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return binary


def guide_block(language: str, marker: str) -> str:
    """The guide's fenced ``language`` block that contains ``marker``."""
    blocks = re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(), flags=re.S)
    found = [b for b in blocks if marker in b]
    assert len(found) == 1, f"docs/jupyterhub.md should have one ```{language} block with {marker!r}"
    return found[0]


def guide_cull_args() -> dict[str, str]:
    """The kernel culling arguments of the guide's ``c.Spawner.args`` (name -> value)."""
    block = guide_block("python", "c.Spawner.args")
    return dict(re.findall(r'"--MappingKernelManager\.(\w+)=(\w+)"', block))


def guide_memory() -> dict[str, float]:
    """The guide's measured memory table: row label -> MiB."""
    rows = re.findall(r"^\| ([^|]+?) \| ([\d.]+) \|", GUIDE.read_text().split("### Measured on a hub", 1)[1], re.M)
    return {label: float(mib) for label, mib in rows}


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) for every process we can read."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            out[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), cmd)
    return out


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and of its reaped children (/proc/<pid>/stat, fields 14-17)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def children(pid: int, table: dict[int, tuple[int, str]]) -> list[int]:
    return [p for p, (parent, _) in table.items() if parent == pid]


def alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def stop(pids: list[int], grace: float = 10.0) -> None:
    """SIGTERM to each process (ones we started, or our hub started), then SIGKILL to any left after ``grace`` s."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    end = time.monotonic() + grace
    left = list(pids)
    while left and time.monotonic() < end:
        for pid in list(left):
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    left.remove(pid)
                    continue
            except ChildProcessError:  # not our child: its parent reaps it
                pass
            if not alive(pid):
                left.remove(pid)
        time.sleep(0.1)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def wait_for(what: str, check, timeout: float, logs: Path | None = None):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = check()
        if result:
            return result
        time.sleep(0.25)
    tail = "".join(f"\n--- {p.name}\n" + p.read_text()[-3000:] for p in sorted(logs.glob("*.log"))) if logs else ""
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}{tail}")


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class Hub:
    """The processes of one hub run, and what the test learns about them."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.logs = tmp / "logs"
        self.logs.mkdir()
        self.started: list[subprocess.Popen] = []
        self.seen: set[int] = set()  # single-user servers and kernels found under the hub: stopped too
        self.files: list = []
        self.cpu_s = 0.0  # CPU time of the hub's processes, summed when they are stopped

    def start(self, name: str, cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None):
        log = (self.logs / f"{name}.log").open("w")
        self.files.append(log)
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)
        self.started.append(proc)
        return proc

    def stop_all(self) -> None:
        table = processes()
        for proc in self.started:  # everything under our processes, found now (the hub's servers, their kernels)
            stack = [proc.pid]
            while stack:
                for child in children(stack.pop(), table):
                    self.seen.add(child)
                    stack.append(child)
        self.cpu_s = sum(cpu_seconds(pid) for pid in self.seen | {proc.pid for proc in self.started})
        # all at once (the hub would stop its servers one after the other): the servers' kernels, the servers,
        # the hub, the proxy and the git server, each by its PID
        stop([pid for pid in sorted(self.seen) if alive(pid)] + [proc.pid for proc in self.started], grace=15)
        for proc in self.started:
            proc.poll()  # reaped by stop(): Popen records it (its returncode), so it does not warn it is running
        for log in self.files:
            log.close()


@contextmanager
def running_hub() -> Iterator[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="coordlab-hub-"))
    hub = Hub(tmp)
    try:
        yield _start(hub, tmp)
    finally:
        hub.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)
        assert not [p.pid for p in hub.started if alive(p.pid)], "a process of the hub test outlived it"


def _start(hub: Hub, tmp: Path) -> dict:
    chp = chp_binary()
    prefix = tmp / "prefix"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}

    cull = guide_cull_args()
    assert set(CULL) <= set(cull), f"the guide's c.Spawner.args should set {sorted(CULL)}, has {sorted(cull)}"
    args = [f"--MappingKernelManager.{k}={CULL.get(k, v)}" for k, v in cull.items()]
    if os.geteuid() == 0:
        args.append("--allow-root")  # this machine runs the test as root; a hub's users are not

    proxy_port, api_port, hub_port = free_port(), free_port(), free_port()
    token = secrets.token_hex(32)
    homes = tmp / "home"
    config = tmp / "jupyterhub_config.py"
    config.write_text(
        f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {proxy_port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{tmp}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{tmp}/jupyterhub_cookie_secret"
c.JupyterHub.cleanup_servers = False  # the test stops the servers itself, by PID, all at once
c.ConfigurableHTTPProxy.should_start = False
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.auth_token = "{token}"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "{PASSWORD}"
c.Authenticator.allowed_users = {set(STUDENTS)!r}
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.cmd = ["{BIN / "jupyterhub-singleuser"}"]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.environment = {{
    "JUPYTER_PATH": "{prefix}/share/jupyter",
    "JUPYTER_CONFIG_PATH": "{prefix}/etc/jupyter",
    "OPENBLAS_NUM_THREADS": "1",
    "MPLBACKEND": "Agg",
}}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
"""
    )
    proxy = hub.start(
        "proxy",
        [str(chp), "--ip", "127.0.0.1", "--port", str(proxy_port), "--api-ip", "127.0.0.1"]
        + ["--api-port", str(api_port), "--default-target", f"http://127.0.0.1:{hub_port}"]
        + ["--error-target", f"http://127.0.0.1:{hub_port}/hub/error"],
        env={**os.environ, "CONFIGPROXY_AUTH_TOKEN": token},
    )
    hub_proc = hub.start("jupyterhub", [str(BIN / "jupyterhub"), "-f", str(config)], env=env, cwd=tmp)
    # while the hub starts (its first spawn needs both):
    # the course over HTTP, as a git host serves it: a bare clone of HEAD, git's smart protocol
    git_root = tmp / "git"
    git_root.mkdir()
    subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(git_root / "coordlab.git")], check=True)
    bare = git_root / "coordlab.git"
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], check=True, capture_output=True, text=True)
    head_sha, branch = head.stdout.strip(), "main"  # the working tree's HEAD as main, even on a detached checkout (CI)
    subprocess.run(["git", "-C", str(bare), "update-ref", f"refs/heads/{branch}", head_sha], check=True)
    subprocess.run(["git", "-C", str(bare), "symbolic-ref", "HEAD", f"refs/heads/{branch}"], check=True)
    git_port = free_port()
    hub.start("git", [sys.executable, str(ROOT / "tests" / "hub_git_server.py"), str(git_root), str(git_port)])

    # the image, as the guide sets it up (its commands, into a temporary prefix instead of the image's sys.prefix)
    prefix.mkdir()
    script = "\n".join(
        f'PREFIX="{prefix}"' if line.startswith("PREFIX=") else line
        for line in guide_block("bash", "tools/lecture.py --install").splitlines()
        if not line.startswith("pip install")
    )
    subprocess.run(["bash", "-euo", "pipefail", "-c", script], check=True, cwd=ROOT, env=env, capture_output=True)

    base = f"http://127.0.0.1:{proxy_port}"
    wait_for("the hub behind the proxy", lambda: listening(proxy_port) and _ok(f"{base}/hub/api/"), 120, hub.logs)
    return {
        "hub": hub,
        "base": base,
        "repo": f"http://127.0.0.1:{git_port}/coordlab.git",
        "head": head_sha,
        "branch": branch,
        "homes": homes,
        "prefix": prefix,
        "hub_pid": hub_proc.pid,
        "proxy_pid": proxy.pid,
    }


def _ok(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False


def login(base: str, name: str):
    s = requests.Session()
    s.get(f"{base}/hub/login", timeout=30).raise_for_status()
    r = s.post(
        f"{base}/hub/login",
        data={"username": name, "password": PASSWORD, "_xsrf": s.cookies.get("_xsrf", path="/hub/")},
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 302, f"{name}'s login was refused: {r.status_code} {r.text[:300]}"
    wrong = requests.post(
        f"{base}/hub/login", data={"username": name, "password": "guess"}, allow_redirects=False, timeout=30
    )
    assert wrong.status_code != 302, "the hub let a wrong password in"
    return s


def open_link(s, link: str, name: str, logs: Path):
    """Follow an nbgitpuller link as a browser would, through the hub's spawn-pending page, to the student's
    server; returns the final response (nbgitpuller's status page)."""

    def arrived():
        r = s.get(link, timeout=60)
        return r if f"/user/{name}/git-pull" in r.url else None

    return wait_for(f"{name}'s server to start and take the link", arrived, 120, logs)


def pull(s, base: str, name: str, link: str) -> list[str]:
    """What nbgitpuller's status page does in the browser: its event stream runs the clone or the pull."""
    q = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    params = {k: q[k] for k in ("repo", "branch", "targetpath")}
    r = s.get(f"{base}/user/{name}/git-pull/api", params=params, stream=True, timeout=120)
    assert r.status_code == 200, r.text[:500]
    events = [json.loads(line[6:]) for line in r.iter_lines(decode_unicode=True) if line.startswith("data: ")]
    assert events and events[-1]["phase"] == "finished", f"nbgitpuller did not finish: {events[-3:]}"
    return [e.get("output", "") for e in events]


def xsrf_headers(s, name: str) -> dict[str, str]:
    token = s.cookies.get("_xsrf", path=f"/user/{name}/")
    return {"X-XSRFToken": token} if token else {}


def cookie_header(s, url: str) -> str:
    prepared = requests.Request("GET", url).prepare()
    prepared.prepare_cookies(s.cookies)
    return prepared.headers.get("Cookie", "")


def run_notebook(s, base: str, name: str, path: str, logs: Path) -> tuple[str, list[str]]:
    """Start a session for ``path`` on the student's server (as JupyterLab does on opening it) and execute every
    code cell through the kernel's websocket; returns the kernel id and each cell's text output."""
    r = s.post(
        f"{base}/user/{name}/api/sessions",
        json={"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}},
        headers=xsrf_headers(s, name),
        timeout=60,
    )
    assert r.status_code == 201, f"{name}'s session: {r.status_code} {r.text[:300]}"
    kernel = r.json()["kernel"]["id"]
    contents = s.get(f"{base}/user/{name}/api/contents/{path}", timeout=60).json()["content"]
    cells = [c["source"] for c in contents["cells"] if c["cell_type"] == "code"]
    cells.append("import os, sys, coordlab\nprint(sys.executable, os.getcwd(), sep='\\n')")
    ws_url = f"ws{base[4:]}/user/{name}/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}"
    ws = websocket.create_connection(ws_url, header=[f"Cookie: {cookie_header(s, ws_url.replace('ws', 'http', 1))}"])
    outputs = []
    try:
        ws.settimeout(120)
        session = uuid.uuid4().hex
        for number, source in enumerate(cells):
            msg_id = uuid.uuid4().hex
            header = {"msg_id": msg_id, "msg_type": "execute_request", "session": session, "username": name}
            header |= {"version": "5.3", "date": datetime.now(UTC).isoformat()}
            content = {"code": source, "silent": False, "store_history": True, "allow_stdin": False}
            content |= {"user_expressions": {}, "stop_on_error": True}
            message = {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"}
            ws.send(json.dumps(message | {"buffers": []}))
            text, reply, idle = [], None, False
            while reply is None or not idle:  # the reply (shell) and the end of the outputs (iopub's idle)
                opcode, data = ws.recv_data()
                if opcode != websocket.ABNF.OPCODE_TEXT:  # a message with binary buffers (a widget's comm): skip
                    continue
                msg = json.loads(data)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                if kind == "stream":
                    text.append(msg["content"]["text"])
                elif kind == "error":
                    raise AssertionError(f"{path}, code cell {number}: {msg['content']['ename']}")
                elif kind == "execute_reply":
                    reply = msg["content"]
                elif kind == "status":
                    idle = msg["content"]["execution_state"] == "idle"
            assert reply["status"] == "ok", f"{path}, code cell {number}: {reply}"
            outputs.append("".join(text))
    finally:
        ws.close()
    return kernel, outputs


def server_pid(hub_pid: int, name: str) -> int:
    table = processes()
    stack, found = [hub_pid], []
    while stack:
        for child in children(stack.pop(), table):
            stack.append(child)
            if "jupyterhub-singleuser" in table[child][1]:
                env = Path(f"/proc/{child}/environ").read_bytes().split(b"\0")
                if f"JUPYTERHUB_USER={name}".encode() in env:
                    found.append(child)
    assert len(found) == 1, f"expected one jupyterhub-singleuser for {name} under the hub, found {found}"
    return found[0]


def kernel_pid(server: int, kernel: str) -> int | None:
    table = processes()
    found = [p for p in children(server, table) if f"kernel-{kernel}.json" in table[p][1]]
    return found[0] if found else None


def test_two_students_pull_run_and_lecture_on_a_real_hub():
    begin = time.monotonic()

    def mark(what: str) -> None:
        print(f"[hub test {time.monotonic() - begin:5.1f} s] {what}", flush=True)

    measured: dict[str, list[float]] = {"server": [], "notebook kernel": [], "voila kernel": []}
    with running_hub() as run:
        hub, base, logs = run["hub"], run["base"], run["hub"].logs
        mark("hub up")
        # the guide's command makes the links
        made = subprocess.run(
            [sys.executable, "-m", "tools.hub", "--hub", base, "--repo", run["repo"], "--branch", run["branch"]],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        links = dict(re.findall(r"^(\S+?\.ipynb(?: \(lecture mode\))?): (\S+)$", made, re.M))
        link, lecture = links[NOTEBOOK], links[f"{NOTEBOOK} (lecture mode)"]

        sessions = {name: login(base, name) for name in STUDENTS}
        mark("logged in")
        voila_kernels: dict[str, tuple[str, int]] = {}
        notebook_kernels: dict[str, int] = {}

        def student(name: str) -> None:
            s = sessions[name]

            page = open_link(s, link, name, logs)
            assert page.status_code == 200 and "nbgitpuller" in page.text.lower(), page.text[:300]
            pull(s, base, name, link)
            mark(f"{name} pulled")
            clone = run["homes"] / name / "coordlab"
            assert (clone / "notebooks" / NOTEBOOK).is_file(), f"nbgitpuller put no {NOTEBOOK} in {name}'s home"
            got = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True)
            assert got.stdout.strip() == run["head"], f"{name}'s clone is not the served HEAD"

            # the news pop-up is off: JupyterLab's settings API serves the guide's override as the default
            r = s.get(f"{base}/user/{name}/lab/api/settings/@jupyterlab/apputils-extension:notification", timeout=30)
            assert r.status_code == 200, r.text[:300]
            assert r.json()["schema"]["properties"]["fetchNews"]["default"] == "false"

            kernel, outputs = run_notebook(s, base, name, f"coordlab/notebooks/{NOTEBOOK}", logs)
            executable, cwd = outputs[-1].split()
            assert Path(executable).parent == BIN and Path(cwd) == clone / "notebooks", outputs[-1]
            server = server_pid(run["hub_pid"], name)
            hub.seen.add(server)
            kpid = kernel_pid(server, kernel)
            assert kpid, f"no process for {name}'s notebook kernel"
            hub.seen.add(kpid)
            notebook_kernels[name] = kpid
            measured["notebook kernel"].append(rss_mib(kpid))
            mark(f"{name} ran the notebook")

            # the lecture link: nbgitpuller again (an update, the student's clone kept), then Voila renders the labs
            before = {k["id"] for k in s.get(f"{base}/user/{name}/api/kernels", timeout=30).json()}
            page = open_link(s, lecture, name, logs)
            pull(s, base, name, lecture)
            urlpath = parse_qs(urlsplit(lecture).query)["urlpath"][0]
            r = s.get(f"{base}/user/{name}/{urlpath}", timeout=120)
            assert r.status_code == 200, f"{name}'s lecture page: {r.status_code} {r.text[:300]}"
            assert "application/vnd.jupyter.widget-view+json" in r.text, "the lecture page rendered no lab widget"
            assert "cdn.jsdelivr.net" not in r.text, "the lecture page is not on the course's offline template"
            new = [k for k in s.get(f"{base}/user/{name}/api/kernels", timeout=30).json() if k["id"] not in before]
            assert len(new) == 1, f"expected Voila's kernel for {name}, the server lists {new}"
            vpid = kernel_pid(server, new[0]["id"])
            assert vpid, f"no process for {name}'s Voila kernel"
            hub.seen.add(vpid)
            voila_kernels[name] = (new[0]["id"], vpid)
            measured["voila kernel"].append(rss_mib(vpid))
            measured["server"].append(rss_mib(server))
            mark(f"{name} opened the lecture page")

        with ThreadPoolExecutor(len(STUDENTS)) as pool:  # the two students at once, as in a class
            for done in [pool.submit(student, name) for name in STUDENTS]:
                done.result()
        mark("both students done")

        # the guide's memory command finds the single-user servers
        ps = subprocess.run(
            ["bash", "-c", guide_block("bash", "pgrep").strip()], capture_output=True, text=True, check=False
        ).stdout
        for name in STUDENTS:
            assert re.search(rf"^\s*{server_pid(run['hub_pid'], name)}\s", ps, re.M), f"the guide's ps misses {name}"

        # idle kernels (the notebooks' and the lecture pages') are culled
        timeout = CULL["cull_idle_timeout"] + 3 * CULL["cull_interval"] + 20
        for name, (kernel, vpid) in voila_kernels.items():
            s = sessions[name]
            wait_for(
                f"{name}'s idle Voila kernel to be culled",
                lambda s=s, name=name, kernel=kernel, vpid=vpid: (
                    kernel not in {k["id"] for k in s.get(f"{base}/user/{name}/api/kernels", timeout=30).json()}
                    and not alive(vpid)
                ),
                timeout,
                logs,
            )
            assert s.get(f"{base}/user/{name}/api/kernels", timeout=30).json() == [], "an idle kernel outlived culling"
            assert not alive(notebook_kernels[name]), f"{name}'s culled notebook kernel is still running"
            # and it was the culler (the servers' log, in the hub's), not something else, that stopped them
            assert re.search(rf"Culling 'idle' kernel 'python3' \({kernel}\)", (logs / "jupyterhub.log").read_text())
        mark("kernels culled")
    elapsed = time.monotonic() - begin

    guide = guide_memory()
    parts = [v for k, v in guide.items() if not k.startswith("an active student")]
    assert guide["an active student: server, one notebook and one lecture page"] == sum(parts), "the guide's total"
    report = {k: max(v) for k, v in measured.items()}
    print(
        f"\nhub test: {elapsed:.0f} s, {run['hub'].cpu_s:.0f} s of CPU in its processes; resident memory, MiB: "
        + json.dumps({k: round(v) for k, v in report.items()})
    )
    for label, key in (
        ("single-user server (`jupyterhub-singleuser`)", "server"),
        ("notebook kernel (notebook 10, run to the end)", "notebook kernel"),
        ("Voila kernel (lecture page of notebook 10)", "voila kernel"),
    ):
        assert label in guide, f"the guide's table has no row {label!r}"
        assert 0.7 * guide[label] <= report[key] <= 1.4 * guide[label], (
            f"{label}: measured {report[key]:.0f} MiB, the guide says {guide[label]:.0f}: update docs/jupyterhub.md"
        )
