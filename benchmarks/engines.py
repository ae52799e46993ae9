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

from coordlab.models import amm, capstone, cascade, contagion, perps, sizing, voting

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
    return {
        "engine": "07 Kelly Monte Carlo (simulate_bets)",
        "size": f"{paths:,} paths x {bets:,} bets",
        "engine_s": engine_s,
        "budget_s": 1.0,
        "peak_mb": peak / 1e6,
        "reference": f"pure Python, {ref_paths:,} x {ref_bets:,}",
        "reference_s": ref_s,
        "reference_full_size_s": per_ref * paths * bets,
        "ratio": per_ref / per_engine,
    }


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
    market = amm.ConstantProductPool.from_depth(2000.0, 1e9 * n / 100_000)
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
    return {
        "engine": "08 liquidation cascade (cascade, sorted ladder)",
        "size": f"{n:,} positions, {len(run.prices) - 2} waves, {run.n_liquidated:,} liquidated",
        "engine_s": engine_s,
        "budget_s": 0.05,
        "peak_mb": peak / 1e6,
        "reference": f"pure Python (sorted + bisect), {n:,}",
        "reference_s": ref_s,
        "reference_full_size_s": ref_s,
        "ratio": ref_s / engine_s,
    }


# --- notebook 10: Eisenberg–Noe clearing -----------------------------------------------------------


def clearing_reference(L, e):
    """clear() in plain Python (alpha = beta = 1): fictitious default with Gaussian elimination in lists."""
    n = len(e)
    pbar = [sum(row) for row in L]
    pi_t = [[(L[j][i] / pbar[j] if pbar[j] > 0 else 0.0) for j in range(n)] for i in range(n)]  # pi_t[i][j] = Pi[j][i]
    p = pbar[:]
    default = [False] * n
    while True:
        assets = [e[i] + sum(pi_t[i][j] * p[j] for j in range(n)) for i in range(n)]
        new = [i for i in range(n) if not default[i] and assets[i] < pbar[i] - 1e-12 * max(max(pbar), 1.0)]
        if not new:
            return p
        for i in new:
            default[i] = True
        d = [i for i in range(n) if default[i]]
        s = [i for i in range(n) if not default[i]]
        # (I - Pi_dd^T) x = e_d + Pi_sd^T pbar_s, by Gaussian elimination with partial pivoting
        m = len(d)
        a = [
            [(1.0 if r == c else 0.0) - pi_t[d[r]][d[c]] for c in range(m)]
            + [e[d[r]] + sum(pi_t[d[r]][j] * pbar[j] for j in s)]
            for r in range(m)
        ]
        for col in range(m):
            piv = max(range(col, m), key=lambda r: abs(a[r][col]))
            a[col], a[piv] = a[piv], a[col]
            for r in range(col + 1, m):
                f = a[r][col] / a[col][col]
                if f:
                    row, top = a[r], a[col]
                    for c in range(col, m + 1):
                        row[c] -= f * top[c]
        x = [0.0] * m
        for r in range(m - 1, -1, -1):
            x[r] = (a[r][m] - sum(a[r][c] * x[c] for c in range(r + 1, m))) / a[r][r]
        p = pbar[:]
        for k, i in enumerate(d):
            p[i] = min(max(x[k], 0.0), pbar[i])


def _clearing_case(n, seed=0):
    net = contagion.random_network(n, 0.05 if n >= 500 else 0.2, seed=seed)
    shock = np.exp(0.5 * np.random.default_rng(seed + 1).standard_normal(n) - 0.125)
    return net.with_external(net.e * shock)


def bench_clearing(quick: bool) -> dict:
    big = _clearing_case(1000)
    engine_s = _timed(lambda: contagion.clear(big), 1 if quick else 5)
    r = contagion.clear(big)
    tracemalloc.start()
    contagion.clear(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    small = _clearing_case(60) if quick else big  # the reference runs the same 1,000 nodes in a full run
    L, e = small.L.tolist(), small.e.tolist()
    ref_s = _timed(lambda: clearing_reference(L, e), 1)
    engine_same = _timed(lambda: contagion.clear(small), 5)
    return {
        "engine": "10 Eisenberg–Noe clearing (clear, fictitious default)",
        "size": f"1,000 nodes, {r.rounds} rounds, {int(r.defaulted.sum())} defaults",
        "engine_s": engine_s,
        "budget_s": 1.0,
        "peak_mb": peak / 1e6,
        "reference": f"pure Python (same algorithm), {small.n:,} nodes",
        "reference_s": ref_s,
        "reference_full_size_s": ref_s if small is big else float("nan"),
        "ratio": ref_s / engine_same,
    }


# --- notebook 14: the capstone ----------------------------------------------------------------------


def bench_capstone(quick: bool) -> dict:
    scenarios = list(capstone.SCENARIOS.values())
    engine_s = _timed(lambda: [capstone.run(sc, capstone.Parameters()) for sc in scenarios], 2 if quick else 10) / 3
    tracemalloc.start()
    capstone.run(scenarios[0], capstone.Parameters())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "engine": "14 capstone stress test (capstone.run)",
        "size": "one 24-hour scenario, 2,000 borrowers (mean of 3)",
        "engine_s": engine_s,
        "budget_s": 1.0,
        "peak_mb": peak / 1e6,
        "reference": None,
        "reference_s": None,
        "reference_full_size_s": None,
        "ratio": None,
    }


# --- notebook 03: exact power indices at DAO scale -------------------------------------------------


def dao_game(n: int = 300, seed: int = 2024, unit: float = 0.01):
    """Notebook 03's synthetic DAO: whales with 25%, 15% and 10%, ``n - 3`` Pareto-tailed holders sharing
    the other 50%; holdings in whole units of ``unit`` percent (weights) and the simple-majority quota."""
    rng = np.random.default_rng(seed)
    tail = rng.pareto(1.16, n - 3) + 1.0
    holders = np.concatenate([[25.0, 15.0, 10.0], 50.0 * tail / tail.sum()])
    weights = np.round(holders / unit)
    return weights, math.floor(weights.sum() / 2) + 1


def bench_power_indices(quick: bool) -> dict:
    """Banzhaf and Shapley–Shubik by generating functions for 300 holders, beside enumeration (2^n)."""
    weights, quota = dao_game()
    engine_s = _timed(
        lambda: (
            voting.banzhaf(quota, weights, method="generating"),
            voting.shapley_shubik(quota, weights, method="generating"),
        ),
        1 if quick else 3,
    )
    tracemalloc.start()
    voting.banzhaf(quota, weights, method="generating")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    small_n = 16 if quick else 20
    small_w, small_q = dao_game(small_n, unit=0.01)
    ref_s = _timed(
        lambda: (
            voting.banzhaf(small_q, small_w, method="exact"),
            voting.shapley_shubik(small_q, small_w, method="exact"),
        ),
        1,
    )
    same_size_s = _timed(
        lambda: (
            voting.banzhaf(small_q, small_w, method="generating"),
            voting.shapley_shubik(small_q, small_w, method="generating"),
        ),
        1,
    )
    # enumeration does 2^n coalitions x n voters of work: extrapolated to 300 holders it is astronomical
    full = ref_s / (2**small_n * small_n) * (2.0**weights.size * weights.size)
    return {
        "engine": "03 exact power indices (generating functions, both indices)",
        "size": f"{weights.size} holders, quota {int(quota):,} units of 0.01%",
        "engine_s": engine_s,
        "budget_s": 1.0,
        "peak_mb": peak / 1e6,
        "reference": f"enumeration (2^n), {small_n} holders",
        "reference_s": ref_s,
        "reference_full_size_s": full,
        "ratio": ref_s / same_size_s,
    }


ENGINES = (bench_kelly, bench_cascade, bench_clearing, bench_capstone, bench_power_indices)


def run(quick: bool) -> list[dict]:
    return [bench(quick) for bench in ENGINES]


def markdown(rows: list[dict]) -> str:
    lines = [
        "| engine | size | time (s) | budget (s) | peak memory (MB) | pure-Python reference | reference (s) | "
        "reference at full size (s, extrapolated) | speed-up (same size) | |",
        "|---|---|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for r in rows:
        verdict = "PASS" if r["engine_s"] < r["budget_s"] else "OVER"
        if r["reference"] is None:
            ref = "– | – | – | –"
        else:
            ref = f"{r['reference']} | {r['reference_s']:.3g} | {r['reference_full_size_s']:.3g} | {r['ratio']:.0f}x"
        lines.append(
            f"| {r['engine']} | {r['size']} | {r['engine_s']:.3f} | {r['budget_s']:g} | {r['peak_mb']:.0f} | "
            f"{ref} | {verdict} |"
        )
    return "\n".join(lines) + "\n"
