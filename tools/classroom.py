"""Run notebook 02's classroom tournament over a folder of student submissions (JSON files).

    python tools/classroom.py submissions/            # table, rejections, evolution
    python tools/classroom.py submissions/ --noise 0.05 --seed 7
    python -m tools.classroom submissions/            # the same, as a module of the tools package

See docs/classroom-tournament.md for the submission format.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coordlab import classroom  # noqa: E402


def _progress(stream):
    """A progress line for long runs (a class of hundreds): matches played, and the time left."""
    start = time.monotonic()
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 2.0:
            return
        last[0] = now
        rate = done / max(now - start, 1e-9)
        left = (total - done) / rate if rate else 0.0
        stream.write(f"\r  played {done:,} of {total:,} matches; about {left:,.0f} s left   ")
        if done == total:
            stream.write("\n")
        stream.flush()

    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--noise", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--generations", type=int, default=100)
    parser.add_argument("--top", type=int, default=0, help="show only the best N rows (default: all)")
    args = parser.parse_args(argv)
    for flag, value, low in (
        ("--turns", args.turns, 1),
        ("--repetitions", args.repetitions, 1),
        ("--generations", args.generations, 1),
        ("--top", args.top, 0),
    ):
        if value < low:
            print(f"error: {flag} must be at least {low}, got {value}", file=sys.stderr)
            return 2
    try:
        subs, messages = classroom.load_submissions(args.folder)
    except (TypeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for message in messages:
        print(message)
    if not subs:
        print("no valid submission")
        return 1
    n = len(subs) + len(classroom.CLASSICS)
    print(f"\n{len(subs)} submissions and {len(classroom.CLASSICS)} classics: {n * (n + 1) // 2:,} pairings")
    try:
        r = classroom.classroom_tournament(
            subs,
            turns=args.turns,
            repetitions=args.repetitions,
            noise=args.noise,
            seed=args.seed,
            progress=_progress(sys.stderr) if n > 150 else None,
        )
    except (TypeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print()
    print(r.table(top=args.top or None))
    try:
        shares = classroom.evolve(r.payoff_matrix, args.generations)
    except (TypeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"\nafter {args.generations} generations of replicator dynamics (shares above 0.05%):")
    for i in np.argsort(-shares[-1], kind="stable"):
        if shares[-1][i] < 0.0005:
            break
        print(f"  {r.players[i]:<40} {shares[-1][i]:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
