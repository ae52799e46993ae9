"""The gradebook at class size: ``tools/grade.py`` over 80 returned copies of notebook 07, in variant mode.

    python benchmarks/grading.py [--quick] [--jobs N]     # or ./course bench --only grading

The class is synthetic and seeded, built from the course's own notebook as a student returns it (the answer
cells filled in, nothing else changed):

- **right**: every exercise answered right, 07.1 with the answer of the student's own variant, 07.5 with a
  correct function;
- **wrong**: 07.1 answered with another student's variant's answer (right for them, wrong here), 07.2 with a
  trap (half Kelly's growth taken as half of full Kelly's), the others left unanswered;
- **untouched**: returned as handed out (every answer ``None``);
- one that **hangs** (an endless loop after the first answer), one that **crashes** its kernel (``os._exit``)
  and one that **prints a million lines**.

The run must grade every notebook as built (each right one 5 of 5 right, each wrong one 07.1 and 07.2 wrong,
the hung one ``timed out``, the crashed one ``crashed``, the chatty one ``ran`` with its output noted as
capped): a benchmark that graded wrongly would fail rather than report a time. Reported: the wall time, the
time per notebook (wall time over notebooks), the CPU time per notebook (the grader, its runners and their
kernels: on a machine of its own, the wall time is about this times the notebooks over the workers), the
workers (``--jobs``, default the cores) and the machine's load before the run.
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "07_position_sizing.ipynb"
SEED = 2026  # the course's variant seed for the synthetic class
CLASS_SIZE = 80
TIMEOUT_S = 120.0  # per notebook (tools/grade.py's default): the hung one costs this much of one worker
BUDGET_S = 600.0  # 80 notebooks: minutes, not an evening

KELLY = 'def kelly_stake(p, b):\n    return max((p * b - (1 - p)) / b, 0.0)\n\ncheck("07.5", kelly_stake)'


def _answers(student: str) -> dict[str, float]:
    """The right answers of ``student``'s notebook 07 (07.1 from their variant), at full precision."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from coordlab.exercises.check import REGISTRY, load_all, variant_params

    load_all()
    return {
        key: REGISTRY[key].expected(variant_params(key, student, SEED))  # type: ignore[union-attr]
        for key in ("07.1", "07.2", "07.3", "07.4")
    }


def _fill(nb: dict, answers: Mapping[str, object], extra: dict[str, str] | None = None) -> dict:
    """A copy of ``nb`` with the answer cells of ``answers`` filled in (``answer = <value>``), and the code cells of
    ``extra`` (exercise id -> the cell's new source)."""
    out = copy.deepcopy(nb)
    for cell in out["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        for key, value in answers.items():
            if f'check("{key}", answer)' in src:
                cell["source"] = f'answer = {value!r}\ncheck("{key}", answer)'
        for key, text in (extra or {}).items():
            if f'check("{key}",' in src:
                cell["source"] = text
        cell["outputs"], cell["execution_count"] = [], None
    return out


def _insert_after_first_check(nb: dict, source: str) -> dict:
    out = copy.deepcopy(nb)
    i = next(
        i for i, c in enumerate(out["cells"]) if c["cell_type"] == "code" and 'check("07.1"' in "".join(c["source"])
    )
    out["cells"].insert(
        i + 1, {"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}
    )
    return out


def build_class(folder: Path, n: int = CLASS_SIZE) -> dict[str, str]:
    """Write ``n`` returned notebooks into ``folder`` (Canvas's file names) and return each student's role."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    roles: dict[str, str] = {}
    special = {"hang": "import time\nwhile True:\n    time.sleep(0.05)", "crash": "import os\nos._exit(1)"}
    special["chatty"] = "for i in range(1_000_000):\n    print(i)"
    names = [f"student{i:03d}" for i in range(n)]
    for i, name in enumerate(names):
        role = (
            "hang"
            if i == 3
            else "crash"
            if i == 5
            else "chatty"
            if i == 7
            else ("right" if i % 8 < 4 else "wrong" if i % 8 < 7 else "untouched")
        )
        right = _answers(name)
        if role == "untouched":
            returned = _fill(nb, {})
        elif role == "wrong":
            other = _answers(names[(i + 1) % n])["07.1"]
            if round(other, 3) == round(right["07.1"], 3):
                other = _answers(names[(i + 2) % n])["07.1"]
            from coordlab.models import sizing

            half = 0.5 * sizing.continuous_kelly(0.11, 0.25).growth  # 07.2's first trap
            returned = _fill(nb, {"07.1": other, "07.2": half})
        else:
            returned = _fill(nb, right, {"07.5": KELLY})
            if role in special:
                returned = _insert_after_first_check(returned, special[role])
        roles[name] = role
        (folder / f"{name}_{1000 + i}_{5000 + i}_07_position_sizing.ipynb").write_text(json.dumps(returned))
    return roles


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def bench_grading(quick: bool = False, jobs: int | None = None) -> list[dict]:
    """Grade the synthetic class with ``tools/grade.py`` in a fresh process; check every grade; time it."""
    n = 8 if quick else CLASS_SIZE
    with tempfile.TemporaryDirectory(prefix="coordlab-bench-grade-") as tmp:
        returned, out = Path(tmp) / "returned", Path(tmp) / "grades"
        returned.mkdir()
        roles = build_class(returned, n)
        cmd = [sys.executable, "tools/grade.py", str(returned), "--out", str(out), "--variants", str(SEED)]
        cmd += ["--timeout", f"{TIMEOUT_S:g}"] + (["--jobs", str(jobs)] if jobs else [])
        load = _load()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the grader, its runners and their kernels
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if run.returncode != 0:
            raise RuntimeError(f"tools/grade.py failed:\n{run.stderr[-3000:]}")
        with (out / "grades.csv").open(newline="", encoding="utf-8") as fh:
            rows = {r["student"]: r for r in csv.DictReader(fh)}
        summary = (out / "summary.md").read_text(encoding="utf-8")
    wrongly = [
        f"{s} ({role}): {rows[s]['status']}, {rows[s]['right']} right"
        for s, role in roles.items()
        if not _as_built(role, rows[s])
    ]
    if wrongly:
        raise RuntimeError("the gradebook graded these notebooks wrongly:\n" + "\n".join(wrongly))
    used = next((line for line in summary.splitlines() if "at a time" in line), "")
    workers = int(used.rsplit(";", 1)[1].split()[0]) if ";" in used else 0
    return [
        {
            "notebooks": n,
            "workers": workers,
            "wall_s": wall,
            "per_notebook_s": wall / n,
            "cpu_s": cpu,
            "cpu_per_notebook_s": cpu / n,
            "kernel_seconds_median": sorted(float(r["seconds"]) for r in rows.values())[n // 2],
            "roles": {role: sum(r == role for r in roles.values()) for role in sorted(set(roles.values()))},
            "load_1min_before": load,
            "timeout_s": TIMEOUT_S,
            "budget_s": BUDGET_S,
        }
    ]


def _as_built(role: str, row: dict[str, str]) -> bool:
    """Whether the gradebook's row for a notebook says what the notebook was built to be."""
    if role == "chatty":  # ran to the end, its million lines cut at the cap and said so
        return row["status"] == "ran" and row["right"] == "5" and row["note"].startswith("output capped at")
    if role == "right":
        return row["status"] == "ran" and row["right"] == "5" and row["note"] == ""
    if role == "wrong":
        return row["status"] == "ran" and row["07.1"] == "wrong" and row["07.2"] == "wrong" and row["right"] == "0"
    if role == "untouched":
        return row["status"] == "ran" and row["right"] == "0" and row["07.1"] == "unanswered"
    if role == "hang":
        return row["status"] == "timed out" and row["07.1"] == "right"
    return row["status"] == "crashed" and row["07.1"] == "right"  # the crash comes after 07.1's check


def markdown(rows: list[dict]) -> str:
    lines = [
        "| gradebook (tools/grade.py --variants) | notebooks | workers | wall (s) | per notebook (s) | "
        "one notebook's run, median (s) | CPU per notebook (s) | load before | budget (s) | |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        ok = "PASS" if r["wall_s"] < r["budget_s"] else "OVER"
        roles = ", ".join(f"{v} {k}" for k, v in r["roles"].items())
        lines.append(
            f"| notebook 07 as returned ({roles}) | {r['notebooks']} | {r['workers']} | {r['wall_s']:.0f} | "
            f"{r['per_notebook_s']:.1f} | {r['kernel_seconds_median']:.1f} | {r['cpu_per_notebook_s']:.1f} | "
            f"{r['load_1min_before']:.1f} | {r['budget_s']:.0f} | {ok} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="8 notebooks instead of 80")
    parser.add_argument("--jobs", type=int, default=None, help="workers (default: tools/grade.py's, the cores)")
    args = parser.parse_args(argv)
    rows = bench_grading(args.quick, args.jobs)
    print(markdown(rows))
    print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
