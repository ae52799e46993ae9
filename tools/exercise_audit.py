"""The exercise registry's audit: what each notebook's exercises check, and whether their answers are on the page.

    .venv/bin/python tools/exercise_audit.py          # a table, then totals (exit 1 if an answer is on the page)

For each notebook: its checked exercises by kind (numeric, choice, write-it-yourself
function), the answers found on the page above their exercise (coordlab.exercises.audit,
the same finder as the structure test), and, for each numeric exercise, how many of the
seven unit slips (x100, /100, x10^4, /10^4, x10^6, /10^6, sign) its check names.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat

from coordlab.exercises.audit import answers_on_page
from coordlab.exercises.check import REGISTRY, SLIPS, Choice, Function, Numeric, check, load_all

ROOT = Path(__file__).resolve().parent.parent


def slips_named(key: str) -> int:
    """How many of the seven unit slips exercise ``key``'s check names (or catches with a trap)."""
    ex = REGISTRY[key]
    if not isinstance(ex, Numeric):
        raise TypeError(
            f"key must name a numeric exercise (only those have unit slips), got {key!r}: {type(ex).__name__}"
        )
    want = float(ex.answer())
    hints = [h for _, h in ex.traps]
    named = 0
    for factor in [f for f, _ in SLIPS] + [-1.0]:
        message = check(key, factor * want).message
        named += (
            any(h in message for h in hints)
            or "looks like" in message
            or "wrong sign" in message
            or "check the units" in message
        )
    return named


def audit() -> list[dict[str, Any]]:
    load_all()
    rows = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        keys = sorted(k for k in REGISTRY if k[:2] == path.name[:2])
        numeric = [k for k in keys if isinstance(REGISTRY[k], Numeric)]
        rows.append(
            dict(
                notebook=path.name[:2],
                numeric=len(numeric),
                choice=sum(isinstance(REGISTRY[k], Choice) for k in keys),
                function=sum(isinstance(REGISTRY[k], Function) for k in keys),
                on_page=[str(leak) for k in numeric for leak in answers_on_page(nb, k)],
                slips={k: slips_named(k) for k in numeric},
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    rows = audit()
    print("notebook  numeric  choice  write-it-yourself  answers on the page  unit slips named (of 7) per exercise")
    for r in rows:
        slips = " ".join(f"{k}:{n}" for k, n in r["slips"].items())
        print(
            f"{r['notebook']:>8}  {r['numeric']:>7}  {r['choice']:>6}  {r['function']:>17}  {len(r['on_page']):>19}  "
            f"{slips}"
        )
    total = {k: sum(r[k] for r in rows) for k in ("numeric", "choice", "function")}
    leaks = [leak for r in rows for leak in r["on_page"]]
    all_slips = [n for r in rows for n in r["slips"].values()]
    print(
        f"\n{sum(total.values())} exercises checked ({total['numeric']} numeric, {total['choice']} choice, "
        f"{total['function']} write-it-yourself); answers on the page: {len(leaks)}; numeric checks naming all "
        f"7 unit slips: {sum(n == 7 for n in all_slips)} of {len(all_slips)}; notebooks 01-14 with a "
        f"write-it-yourself exercise: {sum(r['function'] > 0 for r in rows if r['notebook'] != '00')} of 14"
    )
    for leak in leaks:
        print("  on the page:", leak)
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
