"""The simulation engines' budgets, each beside a pure-Python reference implementation of the same algorithm.

Each engine runs at the size its issue budgets; its reference runs the same
algorithm in plain Python loops on a smaller input (the full size would take
minutes) and the ratio is taken per unit of work (path-steps, positions, ...).
``tests/test_benchmarks_smoke.py`` checks that each reference gives the engine's
answer on small inputs, so the comparison is like for like.
"""

from __future__ import annotations

import math
import time
import tracemalloc

import numpy as np

from coordlab.models import cascade, perps, sizing


# --- notebook 07: Kelly Monte Carlo ----------------------------------------------------------------

def kelly_reference(p, b, fraction, bets, paths, seed=0):
    """simulate_bets in plain Python: the same draws (same generator calls), loops over paths and bets."""
    rng = np.random.default_rng(seed)
    up, down = math.log1p(b * fraction), math.log1p(-fraction)
    threshold = min(round(p * 2**32), 2**32 - 1)
    lw, low = [0.0] * paths, [0.0] * paths
    chunk = max(1, min(bets, 5_000_000 // paths))
    done = 0
    while done < bets:
        n = min(chunk, bets - done)
        draws = rng.integers(0, 2**32, size=(n, paths), dtype=np.uint32).tolist()
        for row in draws:
            for j in range(paths):
                lw[j] += up if row[j] < threshold else down
                if lw[j] < low[j]:
                    low[j] = lw[j]
        done += n
    return lw, low


def _timed(fn, repeat):
    best = math.inf
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_kelly(quick: bool) -> dict:
    paths, bets = 100_000, 1_000
    args = (0.55, 1.0, 0.1)
    engine_s = _timed(lambda: sizing.simulate_bets(*args, bets=bets, paths=paths, seed=0), 1 if quick else 3)
    tracemalloc.start()
    sizing.simulate_bets(*args, bets=bets if not quick else 50, paths=paths, seed=0)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    ref_paths, ref_bets = (100, 100) if quick else (1_000, 1_000)
    ref_s = _timed(lambda: kelly_reference(*args, bets=ref_bets, paths=ref_paths, seed=0), 1)
    per_engine = engine_s / (paths * bets)
    per_ref = ref_s / (ref_paths * ref_bets)
    return {"engine": "07 Kelly Monte Carlo (simulate_bets)", "size": f"{paths:,} paths x {bets:,} bets",
            "engine_s": engine_s, "budget_s": 1.0, "peak_mb": peak / 1e6,
            "reference": f"pure Python, {ref_paths:,} x {ref_bets:,}", "reference_s": ref_s,
            "reference_full_size_s": per_ref * paths * bets, "ratio": per_ref / per_engine}


# --- notebook 08: liquidation cascade -----------------------------------------------------------

def cascade_reference(x, y, fee, liquidation_prices, sizes, shock):
    """cascade() in plain Python: sort the rungs, then wave by wave with bisect (longs only)."""
    import bisect

    order = sorted(range(len(sizes)), key=lambda i: -liquidation_prices[i])
    neg_rungs = [-liquidation_prices[i] for i in order]
    cum = [0.0]
    for i in order:
        cum.append(cum[-1] + sizes[i])
    g = 1.0 - fee
    k = 0
    while True:
        sold = shock + cum[k]
        price = x * y / ((x + g * sold) * (x + sold))
        reached = bisect.bisect_right(neg_rungs, -price)
        if reached == k:
            return k, price
        k = reached


def _cascade_case(n):
    book = perps.crowd_book(n, seed=0, mean_leverage=5.0)
    market = cascade.Market.from_depth(2000.0, 1e9 * n / 100_000)
    return market, book, 9000.0 * n / 100_000


def bench_cascade(quick: bool) -> dict:
    n = 100_000
    market, book, shock = _cascade_case(n)
    engine_s = _timed(lambda: cascade.cascade(market, book, shock), 3 if quick else 20)
    run = cascade.cascade(market, book, shock)
    tracemalloc.start()
    cascade.cascade(market, book, shock)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    liq, sizes = book.liquidation_prices().tolist(), book.size.tolist()
    ref_s = _timed(lambda: cascade_reference(market.x, market.y, market.fee, liq, sizes, shock), 1 if quick else 3)
    return {"engine": "08 liquidation cascade (cascade, sorted ladder)",
            "size": f"{n:,} positions, {len(run.prices) - 2} waves, {run.n_liquidated:,} liquidated",
            "engine_s": engine_s, "budget_s": 0.05, "peak_mb": peak / 1e6,
            "reference": f"pure Python (sorted + bisect), {n:,}", "reference_s": ref_s,
            "reference_full_size_s": ref_s, "ratio": ref_s / engine_s}


ENGINES = (bench_kelly, bench_cascade)


def run(quick: bool) -> list[dict]:
    return [bench(quick) for bench in ENGINES]


def markdown(rows: list[dict]) -> str:
    lines = ["| engine | size | time (s) | budget (s) | peak memory (MB) | pure-Python reference | reference (s) | "
             "reference at full size (s, extrapolated) | speed-up | |",
             "|---|---|---:|---:|---:|---|---:|---:|---:|---|"]
    for r in rows:
        verdict = "PASS" if r["engine_s"] < r["budget_s"] else "OVER"
        lines.append(f"| {r['engine']} | {r['size']} | {r['engine_s']:.3f} | {r['budget_s']:g} | {r['peak_mb']:.0f} | "
                     f"{r['reference']} | {r['reference_s']:.3g} | {r['reference_full_size_s']:.3g} | "
                     f"{r['ratio']:.0f}x | {verdict} |")
    return "\n".join(lines) + "\n"
