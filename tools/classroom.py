"""Run notebook 02's classroom tournament over a folder of student submissions (JSON files).

    ./course tournament submissions/                      # with and without noise, side by side
    python -m tools.classroom submissions/ --noise 0.05 --seed 7 --top 10 --out results/

It plays the round robin twice, without noise and with ``--noise`` (5% by default: each move flipped
with that probability), prints the two rankings side by side (the top ``--top`` rows, aligned for a
projector) and the replicator dynamics of each, and writes into ``--out`` (default ``FOLDER-tournament/``):

- ``pairings.csv``: every pairing of both runs (noise, row, its file, column, its file, each one's score per
  turn, and the counts of CC, CD, DC and DD moves),
- ``scores.csv``: each strategy's rank, file, score per turn and cooperation in both runs (the file is the
  submission's path under FOLDER, so a result traces back to a student; empty for the classics),
- ``tournament.png``: the top strategies' scores in both runs, and the evolutionary run of each.

See docs/classroom-tournament.md for the submission format.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import numpy as np

if __package__ in (None, ""):  # run as ``python tools/classroom.py``: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coordlab import classroom  # noqa: E402
from coordlab.models.tournament import TournamentResult  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _progress(stream: TextIO) -> Callable[[int, int], None]:
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


def side_by_side(runs: Sequence[tuple[str, TournamentResult]], top: int) -> str:
    """The rankings of the runs next to each other, aligned: rank, then each run's strategy and score."""
    width = max(24, min(40, max(len(name) for _, r in runs for name in r.players)))
    header = f"{'rank':>4}" + "".join(f"  {label:<{width}} {'score':>6}" for label, _ in runs)
    lines = [header, "-" * len(header)]
    for k in range(min(top, len(runs[0][1].players))):
        row = f"{k + 1:>4}"
        for _, r in runs:
            name = r.ranking[k]
            score = r.exact_scores()[r.players.index(name)]
            row += f"  {name[:width]:<{width}} {float(score):>6.3f}"
        lines.append(row)
    return "\n".join(lines)


def write_csv(
    runs: Sequence[tuple[float, TournamentResult]], out: Path, files: Mapping[str, str] | None = None
) -> None:
    """``pairings.csv`` (every pairing of every run) and ``scores.csv`` (every strategy of every run).

    ``files`` maps a strategy's name to the file it was submitted in (``Submission.file``: its path under the
    folder); a name it does not hold (a classic) gets an empty ``file``.
    """
    if files is None:
        files = {}
    if not isinstance(files, Mapping):
        raise TypeError(f"files must be a mapping of strategy name to file, not {type(files).__name__}")
    with (out / "pairings.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "noise",
                "row",
                "row file",
                "column",
                "column file",
                "row score per turn",
                "column score per turn",
                "CC",
                "CD",
                "DC",
                "DD",
            ]
        )
        for noise, r in runs:
            n = len(r.players)
            for i in range(n):
                for j in range(i, n):
                    cc, cd, dc, dd = (int(x) for x in r.outcomes[i, j])
                    w.writerow(
                        [
                            noise,
                            r.players[i],
                            files.get(r.players[i], ""),
                            r.players[j],
                            files.get(r.players[j], ""),
                            f"{r.payoff_matrix[i, j]:.6f}",
                            f"{r.payoff_matrix[j, i]:.6f}",
                            cc,
                            cd,
                            dc,
                            dd,
                        ]
                    )
    with (out / "scores.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["noise", "rank", "strategy", "file", "score per turn", "cooperation"])
        for noise, r in runs:
            exact, coop = r.exact_scores(), r.exact_cooperation()
            for k, name in enumerate(r.ranking, 1):
                i = r.players.index(name)
                w.writerow([noise, k, name, files.get(name, ""), f"{float(exact[i]):.6f}", f"{float(coop[i]):.6f}"])


LEGEND_PT = 12  # the chart's legend text, in points (at dpi 100: about 17 px)


def chart(runs: Sequence[tuple[str, TournamentResult]], shares: Sequence[np.ndarray], top: int, path: Path) -> Figure:
    """``tournament.png``: the top strategies' scores in each run (bars, hatched apart) and each run's
    evolutionary run (the three largest shares of each, line styles apart): colour is never the only cue.
    The legends sit outside the plots (below the bars, right of the curves), so none covers a curve, in
    12-point text (about 17 px at the chart's 100 dpi). Returns the figure (saved to ``path``)."""
    import matplotlib

    matplotlib.use("Agg")
    from coordlab.plotting.style import LINESTYLES, PALETTE, new_figure

    fig, (left, right) = new_figure(13.0, 5.2, ncols=2)
    first = runs[0][1]
    names = list(first.ranking[: min(top, 12)])
    y = np.arange(len(names))
    colours, hatches = (PALETTE["blue"], PALETTE["orange"]), ("", "//")
    for k, (label, r) in enumerate(runs):
        exact = r.exact_scores()
        values = [float(exact[r.players.index(n)]) for n in names]
        left.barh(
            y + (k - 0.5) * 0.4, values, height=0.4, color=colours[k], hatch=hatches[k], edgecolor="black", label=label
        )
    left.set_yticks(y, names)
    left.invert_yaxis()
    left.set_xlabel("score per turn (points)")
    left.set_title(f"Top {len(names)} (ranked without noise)")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=2, fontsize=LEGEND_PT)
    for k, (label, r) in enumerate(runs):
        path_k = shares[k]
        for m, i in enumerate(np.argsort(-path_k[-1], kind="stable")[:3]):
            right.plot(
                np.arange(len(path_k)),
                100 * path_k[:, i],
                color=colours[k],
                ls=LINESTYLES[m],
                label=f"{r.players[i]} ({label})",
            )
    right.set_xlabel("generation")
    right.set_ylabel("share of the population (%)")
    right.set_title("Replicator dynamics from equal shares")
    right.legend(fontsize=LEGEND_PT, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    fig.savefig(path, dpi=100, bbox_inches="tight")
    return fig


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./course tournament", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--noise", type=float, default=0.05, help="the noisy run's noise (0 plays one run only)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--generations", type=int, default=100)
    parser.add_argument("--top", type=int, default=10, help="rows of the table and bars of the chart (10)")
    parser.add_argument("--out", type=Path, help="where to write the CSVs and the chart (FOLDER-tournament)")
    args = parser.parse_args(argv)
    for flag, value, low in (
        ("--turns", args.turns, 1),
        ("--repetitions", args.repetitions, 1),
        ("--generations", args.generations, 1),
        ("--top", args.top, 1),
    ):
        if value < low:
            print(f"error: {flag} must be at least {low}, got {value}", file=sys.stderr)
            return 2
    if not 0.0 <= args.noise <= 0.5:
        print(f"error: --noise must be in [0, 0.5], got {args.noise}", file=sys.stderr)
        return 2
    try:
        loaded = classroom.load_submissions(args.folder)
    except (TypeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    subs, messages = loaded.submissions, loaded.messages
    for message in messages:
        print(message)
    if not subs:
        print("no valid submission")
        return 1
    n = len(subs) + len(classroom.CLASSICS)
    noises = [0.0] + ([args.noise] if args.noise > 0 else [])
    print(f"\n{len(subs)} submissions and {len(classroom.CLASSICS)} classics: {n * (n + 1) // 2:,} pairings a run")
    runs: list[tuple[str, TournamentResult]] = []
    shares: list[np.ndarray] = []
    try:
        for noise in noises:
            r = classroom.classroom_tournament(
                subs,
                turns=args.turns,
                repetitions=args.repetitions,
                noise=noise,
                seed=args.seed,
                progress=_progress(sys.stderr) if n > 150 else None,
            )
            runs.append((f"with {noise:.0%} noise" if noise else "without noise", r))
            shares.append(classroom.evolve(r.payoff_matrix, args.generations))
    except (TypeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print()
    print(side_by_side(runs, args.top))
    for (label, r), path in zip(runs, shares):
        print(f"\n{label}, after {args.generations} generations of replicator dynamics (shares of 0.1% or more):")
        for i in np.argsort(-path[-1], kind="stable"):
            if path[-1][i] < 0.001:
                break
            print(f"  {r.players[i]:<40} {path[-1][i]:6.1%}")
    out = args.out or args.folder.with_name(args.folder.resolve().name + "-tournament")
    out.mkdir(parents=True, exist_ok=True)
    write_csv([(noise, r) for noise, (_, r) in zip(noises, runs)], out, {s.name: s.file for s in subs})
    chart(runs, shares, args.top, out / "tournament.png")
    print(f"\nwrote {out / 'pairings.csv'}, {out / 'scores.csv'} and {out / 'tournament.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
