"""coordlab's vectorised round robin against the axelrod library, on the same tournament.

    ./course bench --only tournament       (or: python benchmarks/tournament_vs_axelrod.py)

The tournament: every deterministic strategy of ``coordlab.models.tournament``
against every other and itself, 200 turns, Axelrod's payoffs 5, 3, 1, 0. The
reference plays the same pairings with ``axelrod.Match`` (its ``Tournament``
class adds parallel machinery and result sets that would blur the comparison).
The two must give identical scores for every pairing; then both are timed
(best of several runs) and the speed-up reported. Budget: coordlab at least 20x.
"""

from __future__ import annotations

import statistics
import sys
import time

from coordlab.models import tournament as tn

TURNS = 200
# coordlab name -> axelrod class name (the spelling coordlab's functions also accept)
AXELROD_NAME = tn.AXELROD_CLASSES
BUDGET_RATIO = 20.0


def deterministic_players() -> list[str]:
    return [s.name for s in tn.STRATEGIES if not s.stochastic]


def axelrod_scores(axl, players):
    """Total score of each seat in each pairing (i <= j), played with axelrod.Match."""
    out = {}
    for i, a in enumerate(players):
        for j in range(i, len(players)):
            b = players[j]
            match = axl.Match((getattr(axl, AXELROD_NAME[a])(), getattr(axl, AXELROD_NAME[b])()), turns=TURNS)
            match.play()
            out[(a, b)] = tuple(float(x) for x in match.final_score())
    return out


def coordlab_scores(players):
    r = tn.round_robin(players, turns=TURNS, repetitions=1, self_play=True)
    n = len(players)
    return {
        (players[i], players[j]): (r.payoff_matrix[i, j] * TURNS, r.payoff_matrix[j, i] * TURNS)
        for i in range(n)
        for j in range(i, n)
    }, r


def _best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def run(quick: bool = False) -> dict:
    import axelrod as axl

    players = deterministic_players()
    missing = sorted(set(players) - set(AXELROD_NAME))
    if missing:
        raise SystemExit(f"no axelrod counterpart listed for {missing}")
    ref = axelrod_scores(axl, players)
    ours, _ = coordlab_scores(players)
    diff = {k: (ours[k], ref[k]) for k in ref if any(abs(x - y) > 1e-9 for x, y in zip(ours[k], ref[k]))}
    repeat = 3 if quick else 7
    t_axl, t_axl_med = _best(lambda: axelrod_scores(axl, players), repeat)
    t_ours, t_ours_med = _best(lambda: tn.round_robin(players, turns=TURNS, repetitions=1), repeat * 3)
    return {
        "players": players,
        "pairings": len(ref),
        "turns": TURNS,
        "axelrod_version": axl.__version__,
        "same_scores": not diff,
        "differences": {f"{a} v {b}": v for (a, b), v in diff.items()},
        "axelrod_best_s": t_axl,
        "axelrod_median_s": t_axl_med,
        "coordlab_best_s": t_ours,
        "coordlab_median_s": t_ours_med,
        "speedup_best": t_axl / t_ours,
        "budget_ratio": BUDGET_RATIO,
    }


def markdown(r: dict) -> str:
    verdict = "PASS" if r["same_scores"] and r["speedup_best"] >= r["budget_ratio"] else "OVER"
    return (
        f"| round robin ({len(r['players'])} deterministic strategies, {r['pairings']} pairings, "
        f"{r['turns']} turns) | axelrod {r['axelrod_version']} `Match` (s) | coordlab (s) | speed-up | "
        f"same scores | budget | |\n|---|---:|---:|---:|---|---:|---|\n"
        f"| best of runs | {r['axelrod_best_s']:.4f} | {r['coordlab_best_s']:.4f} | {r['speedup_best']:.0f}x | "
        f"{'yes' if r['same_scores'] else 'NO'} | {r['budget_ratio']:.0f}x | {verdict} |\n"
    )


if __name__ == "__main__":
    result = run(quick="--quick" in sys.argv)
    print(markdown(result))
    if not result["same_scores"]:
        print("scores differ:", result["differences"])
        sys.exit(1)
