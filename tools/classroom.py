"""Run notebook 02's classroom tournament over a folder of student submissions (JSON files).

    python tools/classroom.py submissions/            # table, rejections, evolution
    python tools/classroom.py submissions/ --noise 0.05 --seed 7

See docs/classroom-tournament.md for the submission format.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coordlab import classroom  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--noise", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--generations", type=int, default=100)
    args = parser.parse_args(argv)
    subs, rejected = classroom.load_submissions(args.folder)
    for message in rejected:
        print(f"rejected: {message}")
    if not subs:
        print("no valid submission")
        return 1
    r = classroom.classroom_tournament(subs, turns=args.turns, repetitions=args.repetitions, noise=args.noise,
                                       seed=args.seed)
    print("\nrank | strategy | points per turn | cooperation")
    for rank, name in enumerate(r.ranking, 1):
        i = r.players.index(name)
        print(f"{rank:4d} | {name} | {r.scores[i]:.3f} | {r.cooperation[i]:.0%}")
    shares = classroom.evolve(r.payoff_matrix, args.generations)
    print(f"\nafter {args.generations} generations of replicator dynamics:")
    for i in np.argsort(-shares[-1]):
        print(f"  {r.players[i]}: {shares[-1][i]:.1%}")
    return 0


if __name__ == "__main__":
    import numpy as np

    sys.exit(main())
