"""The gradebook: run every student's returned notebook and record what ``check()`` said about each exercise.

    ./course grade FOLDER                  # writes FOLDER-grades/grades.csv and FOLDER-grades/summary.md
    python -m tools.grade FOLDER --out DIR --timeout 120 --memory 2048

``FOLDER`` is what a learning-management system exports: either one sub-folder per student (Moodle's
``Full Name_12345_assignsubmission_file_/``; the sub-folder's name is the student), or the notebooks side
by side, named ``<student>_...ipynb`` (Canvas's ``lastfirst_12345_67890_original.ipynb``; the student is the
name up to the first underscore). A student may return several notebooks.

Each notebook runs in a fresh kernel, in a temporary copy of its folder, as a separate process with:

- a time limit for the whole notebook (``--timeout`` seconds; the process group is killed when it is up),
- a memory limit (``--memory`` MB of address space for the runner and its kernel, ``RLIMIT_AS``),
- no network where the machine allows it (a new network namespace, ``unshare -rn``; kernel and runner then
  talk over Unix sockets), which ``summary.md`` reports either way,
- every cell run even after an error (a broken cell costs that cell, not the rest of the notebook).

While it runs, ``coordlab.exercises.check`` appends each verdict to a file (``COORDLAB_GRADEBOOK``); the
last verdict for an exercise is the one recorded. The exercises a notebook poses are read from its code
(``check("NN.k", ...)`` calls), so each cell of ``grades.csv`` is one of: ``right``, ``close``, ``wrong``,
``unanswered`` (the cell still says ``None``), ``not reached`` (``check`` never ran for it: an earlier
error, or the cell was deleted), or ``failed to run`` (the notebook timed out, ran out of memory, crashed
its kernel or is not a notebook). A notebook that hangs, crashes or prints a million lines is recorded as
such and the run goes on.

**Trust.** Grading runs each student's code on the grading machine, as nbgrader does. The limits above
contain accidents (an endless loop, a runaway array), not an attacker: run the grader as an unprivileged
user with nothing else to lose, or inside a container (``docker run --network none ...``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as ``python tools/grade.py``: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = {"right": "right", "close": "close", "wrong": "wrong", "missing": "unanswered"}
STATES = ("right", "close", "wrong", "unanswered", "not reached", "failed to run")
OUTPUT_CAP = 100_000  # characters of printed text kept per cell while grading
_CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d\d\.\d+)["']""")


@dataclass(frozen=True)
class Submission:
    """One returned notebook: whose it is and where it lies."""

    student: str
    path: Path


@dataclass(frozen=True)
class Result:
    """What running one submission gave: its status, the verdict per exercise it poses, and timings."""

    submission: Submission
    status: str  # "ran", "timed out", "out of memory", "crashed", "not a notebook"
    verdicts: dict = field(default_factory=dict)  # exercise id -> one of STATES
    cell_errors: int = 0
    seconds: float = 0.0
    detail: str = ""


def submissions(folder: Path) -> list[Submission]:
    """Every ``.ipynb`` under ``folder`` with its student (the sub-folder's name, or the file name's prefix)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"folder must be a directory of returned notebooks; got {str(folder)!r}")
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        rel = path.relative_to(folder)
        student = rel.parts[0] if len(rel.parts) > 1 else path.stem.split("_", 1)[0]
        found.append(Submission(student, path))
    return found


def posed(path: Path) -> list[str]:
    """The exercise ids a notebook's code cells check (``check("01.2", answer)``), in order."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    if not isinstance(cells, list):
        return []
    keys: list[str] = []
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else str(src)
            keys += [k for k in _CHECK_CALL.findall(src) if k not in keys]
    return keys


def network_isolation() -> list[str]:
    """The command prefix that runs a process without network here (``unshare -rn``), or [] if none works."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    try:
        ok = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return [unshare, "-rn"] if ok else []


def _limits(memory_mb: int):
    def apply():
        import resource

        os.setsid()  # its own process group: killed whole (runner and kernel) when time is up
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def grade_one(sub: Submission, timeout: float, memory_mb: int, isolate: list[str]) -> Result:
    """Run one submission in a temporary copy of its folder and read back the verdicts."""
    keys = posed(sub.path)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="coordlab-grade-") as tmp:
        work = Path(tmp) / "work"
        shutil.copytree(sub.path.parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        notebook = work / sub.path.name
        record = Path(tmp) / "verdicts.jsonl"
        env = {
            **os.environ,
            "COORDLAB_GRADEBOOK": str(record),
            "MPLBACKEND": "Agg",
            "OPENBLAS_NUM_THREADS": "1",
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        }
        cmd = [*isolate, sys.executable, "-m", "tools.grade", "--run-one", str(notebook), str(record)]
        proc = subprocess.Popen(
            cmd, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_limits(memory_mb)
        )
        try:
            _, err = proc.communicate(timeout=timeout)
            status, detail = "ran", ""
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
            status, detail = "timed out", f"still running after {timeout:g} s"
        lines = record.read_text(encoding="utf-8").splitlines() if record.exists() else []
    seconds = time.monotonic() - start
    verdicts: dict[str, str] = {}
    finished, errors = None, 0
    for line in lines:
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if "key" in item and item.get("verdict") in VERDICTS:
            verdicts[item["key"]] = VERDICTS[item["verdict"]]
            if item["key"] not in keys:
                keys.append(item["key"])
        elif "finished" in item:
            finished, errors = item["finished"], int(item.get("cell_errors", 0))
    text = err.decode("utf-8", "replace") if err else ""
    if status == "ran" and finished != "ok":
        if finished == "not a notebook":
            status, detail = "not a notebook", "the file is not a readable Jupyter notebook"
        elif "MemoryError" in text or "Cannot allocate memory" in text or proc.returncode in (-9, 137):
            status, detail = "out of memory", f"over the {memory_mb} MB limit"
        else:
            status, detail = "crashed", (text.strip().splitlines() or ["the kernel died"])[-1][:200]
    state = {}
    for key in keys:
        if key in verdicts:
            state[key] = verdicts[key]
        else:
            state[key] = "not reached" if status == "ran" else "failed to run"
    return Result(sub, status, state, errors, seconds, detail)


def run_one(notebook: Path, record: Path) -> int:
    """Inside the limits: execute ``notebook`` in a fresh kernel, every cell, and append how it finished."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    def finish(how: str, errors: int = 0) -> None:
        with record.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"finished": how, "cell_errors": errors}) + "\n")

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # noqa: BLE001 - whatever the file is, it is not a notebook we can run
        finish("not a notebook")
        return 0

    class Capped(NotebookClient):
        """Keeps at most ``OUTPUT_CAP`` characters of printed text per cell: a million lines cost nothing."""

        def output(self, outs, msg, display_id, cell_index):
            if msg["msg_type"] == "stream":
                seen = printed.get(cell_index, 0)
                printed[cell_index] = seen + len(msg["content"].get("text", ""))
                if seen > OUTPUT_CAP:
                    return None
            return super().output(outs, msg, display_id, cell_index)

    printed: dict[int, int] = {}
    client = Capped(
        nb,
        timeout=None,
        allow_errors=True,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    client.km = client.create_kernel_manager()
    client.km.transport = "ipc"  # Unix sockets: works without a network (and with one)
    client.km.ip = str(notebook.parent / "kernel")
    try:
        client.execute()
    except DeadKernelError:
        finish("kernel died")
        return 1
    errors = sum(
        1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"
    )
    finish("ok", errors)
    return 0


def grade(folder: Path, out: Path, timeout: float = 120.0, memory_mb: int = 2048, log=print) -> list[Result]:
    """Grade every submission in ``folder``; write ``grades.csv`` and ``summary.md`` into ``out``."""
    subs = submissions(folder)
    if not subs:
        raise ValueError(f"folder {str(folder)!r} holds no .ipynb files")
    isolate = network_isolation()
    results = []
    for i, sub in enumerate(subs, 1):
        r = grade_one(sub, timeout, memory_mb, isolate)
        log(f"[{i}/{len(subs)}] {sub.student}: {sub.path.name}: {r.status} in {r.seconds:.1f} s")
        results.append(r)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(results, out / "grades.csv")
    (out / "summary.md").write_text(summary(results, timeout, memory_mb, bool(isolate)), encoding="utf-8")
    return results


def _keys(results: list[Result]) -> list[str]:
    return sorted({k for r in results for k in r.verdicts}, key=lambda k: tuple(int(x) for x in k.split(".")))


def write_csv(results: list[Result], path: Path) -> None:
    """One row per returned notebook: student, file, status, then one column per exercise."""
    keys = _keys(results)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "file", "status", "right", "posed", "cell errors", "seconds", *keys])
        for r in results:
            right = sum(v == "right" for v in r.verdicts.values())
            w.writerow(
                [
                    r.submission.student,
                    r.submission.path.name,
                    r.status,
                    right,
                    len(r.verdicts),
                    r.cell_errors,
                    f"{r.seconds:.1f}",
                    *(r.verdicts.get(k, "") for k in keys),
                ]
            )


def summary(results: list[Result], timeout: float, memory_mb: int, isolated: bool) -> str:
    """A page an instructor can read: per exercise, how many were right, close, wrong...; what failed."""
    keys = _keys(results)
    students = sorted({r.submission.student for r in results})
    lines = [
        f"# Gradebook: {len(results)} notebooks from {len(students)} students",
        "",
        f"Each notebook ran in a fresh kernel with {timeout:g} s and {memory_mb} MB, "
        + ("without network." if isolated else "**with the network available** (no isolation on this machine)."),
        "",
        "| exercise | " + " | ".join(STATES) + " |",
        "|---|" + "---:|" * len(STATES),
    ]
    for k in keys:
        counts = [sum(r.verdicts.get(k) == s for r in results) for s in STATES]
        lines.append(f"| {k} | " + " | ".join(str(c) for c in counts) + " |")
    bad = [r for r in results if r.status != "ran"]
    lines += ["", f"Notebooks that did not run to the end: {len(bad)}."]
    lines += [f"- {r.submission.student}, {r.submission.path.name}: {r.status} ({r.detail})" for r in bad]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if argv[:1] == ["--run-one"] and len(argv) == 3:
        return run_one(Path(argv[1]), Path(argv[2]))
    parser = argparse.ArgumentParser(prog="./course grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the returned notebooks (one sub-folder per student, or files)")
    parser.add_argument("--out", type=Path, help="where to write grades.csv and summary.md (FOLDER-grades)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per notebook (120)")
    parser.add_argument("--memory", type=int, default=2048, help="MB of address space per notebook (2048)")
    args = parser.parse_args(argv)
    if args.timeout <= 0 or args.memory < 256:
        parser.error("--timeout must be positive and --memory at least 256 MB")
    out = args.out or args.folder.with_name(args.folder.name + "-grades")
    try:
        results = grade(args.folder, out, args.timeout, args.memory)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"graded {len(results)} notebooks: {out / 'grades.csv'}, {out / 'summary.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
