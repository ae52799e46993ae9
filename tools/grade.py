"""The gradebook: run every student's returned notebook and record what ``check()`` said about each exercise.

    ./course grade FOLDER                  # writes FOLDER-grades/grades.csv and FOLDER-grades/summary.md
    python -m tools.grade FOLDER --out DIR --timeout 120 --memory 2048 --jobs 2
    ./course grade FOLDER --variants 2026  # each student graded against their own variant (course seed 2026)
    ./course grade FOLDER --variants 2026 --sheet   # print the instructor's sheet only: student, parameters, answers

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
last verdict for an exercise is the one recorded. The exercises a notebook poses are the course's own: those
of the repository's ``notebooks/NN_*.ipynb``, NN read from the returned file's name (the course notebook's
name in it, or a two-digit number that is a course notebook's), else from the notebook most of its checks
belong to; any other exercise it checks is added. A student who deletes or rewrites a check cell therefore
still has that exercise in their row. Each cell of ``grades.csv`` is one of: ``right``, ``close``, ``wrong``,
``unanswered`` (the cell still says ``None``), ``not reached`` (``check`` never ran for it: an earlier
error, or the cell was deleted or rewritten), or ``failed to run`` (the notebook timed out, ran out of
memory, crashed its kernel or is not a notebook). A notebook that hangs, crashes or prints a million lines
is recorded as such (a status, or the note ``output capped at N characters``) and the run goes on; a cell
that raised is named in the note and in ``summary.md`` (exception type and the first line of its message).
``--jobs`` notebooks run at once (default: the machine's cores).

``grades.csv``'s ``student`` is the student's id as the variant mode derives it (``eve stone``) and ``file``
is where the LMS put the notebook, relative to ``FOLDER`` (``Eve Stone_105_assignsubmission_file_/07.ipynb``).

**Variants.** With ``--variants SEED`` each notebook runs with ``COORDLAB_STUDENT`` (the student's id: the
name before the first underscore of the sub-folder or file, as the LMS wrote it) and ``COORDLAB_VARIANT_SEED``
set, so ``check()`` marks each exercise that has variants against that student's own parameters
(:func:`coordlab.exercises.check.variant_params`); ``variants.csv`` beside the grades is the instructor's sheet
(student, exercise, parameters, expected answer at the precision asked). A student sees their parameters with
``variant("07.1")`` in the notebook after ``use_variant("<their id>", SEED)``, or on a hub that sets the two
variables.

**Trust.** Grading runs each student's code on the grading machine, as nbgrader does. The limits above
contain accidents (an endless loop, a runaway array), not an attacker: run the grader as an unprivileged
user with nothing else to lose, or inside a container (``docker run --network none ...``).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python tools/grade.py``: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = {"right": "right", "close": "close", "wrong": "wrong", "missing": "unanswered"}
STATES = ("right", "close", "wrong", "unanswered", "not reached", "failed to run")
OUTPUT_CAP = 100_000  # characters of printed text kept per cell while grading
ERROR_CHARS = 120  # characters of an exception's first line kept in the note and the summary
MAX_ERRORS = 5  # errors named per notebook
_CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d\d\.\d+)["']""")
_NUMBER = re.compile(r"(?<![0-9])([0-9]{2})(?![0-9])")


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
    variant: str = ""  # the student id the variants were drawn for ("" without --variants)
    notebook: str = ""  # the course notebook it is a copy of ("07"), "" when none could be told
    errors: tuple[str, ...] = ()  # the cells that raised: "cell 3: ZeroDivisionError: division by zero"
    capped: int = 0  # characters printed beyond the cap (0: nothing was cut)
    folder: Path | None = None  # the folder graded (file names are shown relative to it)

    @property
    def student(self) -> str:
        """The student's id as the variant mode derives it (``eve stone``)."""
        return variant_student(self.submission.student)

    @property
    def file(self) -> str:
        """Where the LMS put the notebook, relative to the folder graded."""
        path = self.submission.path
        if self.folder is not None and path.is_relative_to(self.folder):
            return path.relative_to(self.folder).as_posix()
        return path.name

    @property
    def note(self) -> str:
        """What the instructor should know beyond the verdicts: output cut, the cells that raised."""
        parts = [f"output capped at {OUTPUT_CAP} characters a cell ({self.capped} more printed)"] if self.capped else []
        parts += list(self.errors)
        return "; ".join(parts)


def variant_student(student: str) -> str:
    """The id a student's variants are drawn for: the LMS's name up to its first underscore, normalised.

    >>> variant_student("Ada Lovelace_123_assignsubmission_file_"), variant_student("turingalan")
    ('ada lovelace', 'turingalan')
    """
    from coordlab.exercises.check import student_key

    return student_key(student.split("_", 1)[0] or student)


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


def course_notebooks() -> dict[str, Path]:
    """The course's own notebooks by number: ``{"07": notebooks/07_position_sizing.ipynb, ...}``."""
    return {p.name[:2]: p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))}


def course_exercises(number: str) -> list[str]:
    """The exercises the course's notebook ``number`` poses, in its order (its checks, then any other exercise
    registered for it).

    >>> course_exercises("07")
    ['07.1', '07.2', '07.3', '07.4', '07.5']
    >>> course_exercises("99")
    []
    """
    return list(_course_exercises(number))


@functools.lru_cache(maxsize=64)
def _course_exercises(number: str) -> tuple[str, ...]:
    from coordlab.exercises.check import REGISTRY, load_all

    load_all()
    path = course_notebooks().get(number)
    keys = posed(path) if path is not None else []
    registered = sorted((k for k in REGISTRY if k.startswith(number + ".")), key=lambda k: int(k.split(".")[1]))
    return tuple(keys + [k for k in registered if k not in keys])


def notebook_number(path: Path, checked: list[str] | None = None) -> str:
    """Which course notebook a returned file is a copy of: the course notebook's name in the file's name, else the
    last two-digit number in it that is a course notebook's, else the notebook most of ``checked`` belong to.

    >>> notebook_number(Path("turingalan_77_5_00_start_here.ipynb")), notebook_number(Path("bob_12_07.ipynb"))
    ('00', '07')
    >>> notebook_number(Path("x/Untitled.ipynb"), ["08.1", "08.2", "01.1"]), notebook_number(Path("a_77.ipynb"))
    ('08', '')
    """
    known = course_notebooks()
    stem = path.stem.casefold()
    for number, course in known.items():
        if course.stem.casefold() in stem:
            return number
    numbers = [n for n in _NUMBER.findall(stem) if n in known]
    if numbers:
        return numbers[-1]
    counts: dict[str, int] = {}
    for key in checked or []:
        counts[key[:2]] = counts.get(key[:2], 0) + 1
    best = max(counts.items(), key=lambda kv: (kv[1], -int(kv[0])), default=("", 0))[0]
    return best if best in known else ""


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


def _limits(memory_mb: int) -> Callable[[], None]:
    def apply() -> None:
        import resource

        os.setsid()  # its own process group: killed whole (runner and kernel) when time is up
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def grade_one(
    sub: Submission, timeout: float, memory_mb: int, isolate: list[str], variants: int | None = None
) -> Result:
    """Run one submission in a temporary copy of its folder and read back the verdicts (against the student's own
    variants when ``variants``, the course's seed, is given)."""
    checked = posed(sub.path)
    number = notebook_number(sub.path, checked)
    keys = course_exercises(number) if number else []
    keys += [k for k in checked if k not in keys]
    who = variant_student(sub.student) if variants is not None else ""
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
        env.pop("COORDLAB_STUDENT", None)
        env.pop("COORDLAB_VARIANT_SEED", None)
        if variants is not None:
            env["COORDLAB_STUDENT"], env["COORDLAB_VARIANT_SEED"] = who, str(variants)
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
    finished, errors, capped = None, 0, 0
    named: tuple[str, ...] = ()
    for line in lines:
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if "key" in item and item.get("verdict") in VERDICTS:
            if "variant" in item and item["variant"] != who:
                continue  # checked against someone else's variant (the notebook changed its environment): ignored
            verdicts[item["key"]] = VERDICTS[item["verdict"]]
            if item["key"] not in keys:
                keys.append(item["key"])
        elif "finished" in item:
            finished, errors = item["finished"], int(item.get("cell_errors", 0))
            named = tuple(str(e)[: ERROR_CHARS + 20] for e in item.get("errors", [])[:MAX_ERRORS])
            capped = int(item.get("capped", 0))
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
    return Result(sub, status, state, errors, seconds, detail, who, number, named, capped)


def run_one(notebook: Path, record: Path) -> int:
    """Inside the limits: execute ``notebook`` in a fresh kernel, every cell, and append how it finished."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    def finish(how: str, errors: int = 0, named: list[str] | None = None, capped: int = 0) -> None:
        item = {"finished": how, "cell_errors": errors, "errors": named or [], "capped": capped}
        with record.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(item) + "\n")

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # noqa: BLE001 - whatever the file is, it is not a notebook we can run
        finish("not a notebook")
        return 0

    class Capped(NotebookClient):
        """Keeps the first ``OUTPUT_CAP`` characters of printed text per cell: a million lines cost nothing."""

        def output(self, outs: list, msg: dict, display_id: str | None, cell_index: int) -> Any:
            if msg["msg_type"] == "stream":
                text = msg["content"].get("text", "")
                seen = printed.get(cell_index, 0)
                printed[cell_index] = seen + len(text)
                if seen >= OUTPUT_CAP:
                    return None
                if seen + len(text) > OUTPUT_CAP:  # keep exactly the cap: the note says how much was cut
                    msg = {**msg, "content": {**msg["content"], "text": text[: OUTPUT_CAP - seen]}}
            return super().output(outs, msg, display_id, cell_index)

    printed: dict[int, int] = {}  # characters printed per cell (the first OUTPUT_CAP of them kept)
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
    raised = [
        (i, o)
        for i, c in enumerate(nb.cells, 1)
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    named = [f"cell {i}: {error_line(o.get('ename', ''), o.get('evalue', ''))}" for i, o in raised[:MAX_ERRORS]]
    capped = sum(max(0, n - OUTPUT_CAP) for n in printed.values())
    finish("ok", len(raised), named, capped)
    return 0


def error_line(ename: object, evalue: object) -> str:
    """An exception as the note names it: its type and the first line of its message, at most ``ERROR_CHARS``.

    >>> error_line("ZeroDivisionError", "division by zero")
    'ZeroDivisionError: division by zero'
    >>> error_line("ValueError", "x" * 200 + "\\nmore")[-12:], error_line("KeyboardInterrupt", "")
    ('xxxxxxxxx...', 'KeyboardInterrupt')
    """
    first = str(evalue).strip().split("\n", 1)[0].strip() if evalue else ""
    text = f"{ename}: {first}" if first else str(ename or "an error")
    return text if len(text) <= ERROR_CHARS else text[: ERROR_CHARS - 3] + "..."


def default_jobs() -> int:
    """Notebooks graded at once by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def grade(
    folder: Path,
    out: Path,
    timeout: float = 120.0,
    memory_mb: int = 2048,
    log: Callable[[str], object] = print,
    variants: int | None = None,
    jobs: int | None = None,
) -> list[Result]:
    """Grade every submission in ``folder``, ``jobs`` at a time; write ``grades.csv`` and ``summary.md`` (and, with
    ``variants``, the course's seed, the instructor's sheet ``variants.csv``) into ``out``."""
    jobs = default_jobs() if jobs is None else jobs
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= 256:
        raise ValueError(f"jobs must be a whole number from 1 to 256, got {jobs!r}")
    if variants is not None and (isinstance(variants, bool) or not isinstance(variants, int) or variants < 0):
        raise ValueError(f"variants must be a course seed, a whole number >= 0, got {variants!r}")
    subs = submissions(folder)
    if not subs:
        raise ValueError(f"folder {str(folder)!r} holds no .ipynb files")
    isolate = network_isolation()
    results: list[Result | None] = [None] * len(subs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:  # each notebook is its own process
        futures = {pool.submit(grade_one, sub, timeout, memory_mb, isolate, variants): i for i, sub in enumerate(subs)}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            r = replace(future.result(), folder=Path(folder))
            results[futures[future]] = r
            name = f"{r.submission.student}: {r.submission.path.name}"
            log(f"[{done}/{len(subs)}] {name}: {r.status} in {r.seconds:.1f} s")
    graded = [r for r in results if r is not None]
    out.mkdir(parents=True, exist_ok=True)
    write_csv(graded, out / "grades.csv")
    text = summary(graded, timeout, memory_mb, bool(isolate), variants, jobs)
    (out / "summary.md").write_text(text, encoding="utf-8")
    if variants is not None:
        write_sheet(sheet(sorted({s.student for s in subs}), variants), out / "variants.csv")
    return graded


def sheet(students: list[str], variants: int) -> list[dict[str, str]]:
    """The instructor's sheet: for each student and each exercise with variants, the parameters and the expected
    answer at the precision the question asks."""
    from coordlab.exercises.check import REGISTRY, Numeric, load_all, rounded, variant_params

    load_all()
    varied = sorted(
        (k for k, e in REGISTRY.items() if isinstance(e, Numeric) and e.vary is not None),
        key=lambda k: tuple(int(x) for x in k.split(".")),
    )
    rows = []
    for student in students:
        who = variant_student(student)
        for key in varied:
            ex = REGISTRY[key]
            assert isinstance(ex, Numeric)
            params = variant_params(key, who, variants)
            rows.append(
                {
                    "student": student,
                    "variant": who,
                    "exercise": key,
                    "parameters": ", ".join(f"{k} = {_number(x)}" for k, x in params.items()),
                    "expected": str(rounded(ex.expected(params), ex.decimals)),
                    "unit": ex.unit,
                }
            )
    return rows


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


def write_sheet(rows: list[dict[str, str]], path: Path) -> None:
    """The instructor's sheet as CSV: student, variant (the id drawn for), exercise, parameters, expected, unit."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["student", "variant", "exercise", "parameters", "expected", "unit"])
        w.writeheader()
        w.writerows(rows)


def _keys(results: list[Result]) -> list[str]:
    return sorted({k for r in results for k in r.verdicts}, key=lambda k: tuple(int(x) for x in k.split(".")))


COLUMNS = ("student", "file", "notebook", "status", "right", "posed", "cell errors", "seconds", "note")


def write_csv(results: list[Result], path: Path) -> None:
    """One row per returned notebook: the student's id, the file as the LMS wrote it (relative to the folder), the
    course notebook, status, counts, seconds, a note (output capped, the cells that raised), then one column per
    exercise."""
    keys = _keys(results)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([*COLUMNS, *keys])
        for r in results:
            right = sum(v == "right" for v in r.verdicts.values())
            w.writerow(
                [
                    r.student,
                    r.file,
                    r.notebook,
                    r.status,
                    right,
                    len(r.verdicts),
                    r.cell_errors,
                    f"{r.seconds:.1f}",
                    r.note,
                    *(r.verdicts.get(k, "") for k in keys),
                ]
            )


def summary(
    results: list[Result],
    timeout: float,
    memory_mb: int,
    isolated: bool,
    variants: int | None = None,
    jobs: int = 1,
) -> str:
    """A page an instructor can read: per exercise, how many were right, close, wrong...; what failed."""
    keys = _keys(results)
    students = sorted({r.submission.student for r in results})
    lines = [
        f"# Gradebook: {len(results)} notebooks from {len(students)} students",
        "",
        f"Each notebook ran in a fresh kernel with {timeout:g} s and {memory_mb} MB, "
        + ("without network" if isolated else "**with the network available** (no isolation on this machine)")
        + f"; {jobs} at a time.",
        "",
    ]
    if variants is not None:
        lines += [
            f"Exercises with variants were checked against each student's own (course seed {variants}); "
            "`variants.csv` lists each student's parameters and expected answers.",
            "",
        ]
    lines += [
        "| exercise | " + " | ".join(STATES) + " |",
        "|---|" + "---:|" * len(STATES),
    ]
    for k in keys:
        counts = [sum(r.verdicts.get(k) == s for r in results) for s in STATES]
        lines.append(f"| {k} | " + " | ".join(str(c) for c in counts) + " |")
    bad = [r for r in results if r.status != "ran"]
    lines += ["", f"Notebooks that did not run to the end: {len(bad)}."]
    lines += [f"- {r.student}, {r.file}: {r.status} ({r.detail})" for r in bad]
    capped = [r for r in results if r.capped]
    lines += ["", f"Notebooks whose printed output was capped at {OUTPUT_CAP} characters a cell: {len(capped)}."]
    lines += [f"- {r.student}, {r.file}: {r.capped} more characters printed and not kept" for r in capped]
    raised = [r for r in results if r.cell_errors]
    lines += ["", f"Notebooks with cells that raised an error: {len(raised)}."]
    for r in raised:
        more = f" (and {r.cell_errors - len(r.errors)} more)" if r.cell_errors > len(r.errors) else ""
        lines.append(f"- {r.student}, {r.file}: " + "; ".join(r.errors) + more)
    unknown = [r for r in results if not r.notebook and r.status != "not a notebook"]
    if unknown:
        lines += ["", "Not matched to a course notebook (only the exercises they check are listed):"]
        lines += [f"- {r.student}, {r.file}" for r in unknown]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """``./course grade``'s command line (and ``--run-one``, the runner each notebook's limits wrap)."""
    if argv[:1] == ["--run-one"] and len(argv) == 3:
        return run_one(Path(argv[1]), Path(argv[2]))
    parser = argparse.ArgumentParser(prog="./course grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the returned notebooks (one sub-folder per student, or files)")
    parser.add_argument("--out", type=Path, help="where to write grades.csv and summary.md (FOLDER-grades)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per notebook (120)")
    parser.add_argument("--memory", type=int, default=2048, help="MB of address space per notebook (2048)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: the cores)")
    parser.add_argument(
        "--variants", type=int, metavar="SEED", help="grade each student against their own variant (course seed)"
    )
    parser.add_argument(
        "--sheet", action="store_true", help="with --variants: print the instructor's sheet for FOLDER's students"
    )
    args = parser.parse_args(argv)
    if args.timeout <= 0 or args.memory < 256:
        parser.error("--timeout must be positive and --memory at least 256 MB")
    if args.jobs is not None and not 1 <= args.jobs <= 256:
        parser.error(f"--jobs must be from 1 to 256, got {args.jobs}")
    if args.variants is not None and args.variants < 0:
        parser.error(f"--variants must be a seed >= 0, got {args.variants}")
    if args.sheet:
        if args.variants is None:
            parser.error("--sheet needs --variants SEED")
        try:
            rows = sheet(sorted({s.student for s in submissions(args.folder)}), args.variants)
        except ValueError as exc:
            parser.error(str(exc))
        print("| student | exercise | parameters | expected | unit |\n|---|---|---|---:|---|")
        for row in rows:
            print(f"| {row['student']} | {row['exercise']} | {row['parameters']} | {row['expected']} | {row['unit']} |")
        return 0
    out = args.out or args.folder.with_name(args.folder.name + "-grades")
    try:
        results = grade(args.folder, out, args.timeout, args.memory, variants=args.variants, jobs=args.jobs)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"graded {len(results)} notebooks: {out / 'grades.csv'}, {out / 'summary.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
