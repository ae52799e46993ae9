"""The benchmark runner works (its numbers are not judged here: timings are not tests)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

from coordlab.labs import ALL_LABS  # noqa: E402
from notebook_tools import load_script  # noqa: E402


def _runner():
    return load_script("benchmarks/run.py")


def test_lab_benchmark_visits_every_control_and_reports_finite_times():
    run = _runner()
    lab_cls = ALL_LABS[0]
    points = run.lab_points(lab_cls, per_control=3, n_random=2)
    assert len(points) == 3 * len(lab_cls.controls) + 2
    swept = {name for p in points if len(p) == 1 for name in p}
    assert swept == {c.name for c in lab_cls.controls}
    r = run.bench_lab(lab_cls, per_control=2, n_random=2, warmup=1)
    assert r["updates"] == 2 * len(lab_cls.controls) + 2
    assert all(math.isfinite(r[k]) and r[k] > 0 for k in ("median_ms", "p95_ms", "max_ms"))
    assert r["median_ms"] <= r["p95_ms"] <= r["max_ms"]


def test_markdown_has_a_row_per_lab_and_flags_over_budget():
    run = _runner()
    labs = [
        {"lab": cls.__name__, "updates": 1, "median_ms": 1.0, "p95_ms": 2.0, "max_ms": 3.0, "budget_p95_ms": 60.0}
        for cls in ALL_LABS
    ]
    labs[0] = {**labs[0], "p95_ms": 75.0, "max_ms": 80.0}
    results = {"machine": run.machine(), "labs": labs}
    table = run.markdown(results)
    for cls in ALL_LABS:
        assert f"| {cls.__name__} |" in table
    assert table.count("| OVER |") == 1
    assert run.over_budget(results) == [ALL_LABS[0].__name__]


def test_percentile():
    run = _runner()
    assert run._percentile([1, 2, 3, 4, 5], 0.5) == 3
    assert run._percentile(list(range(101)), 0.95) == 95


def _engines():
    return load_script("benchmarks/engines.py")


def test_kelly_reference_is_the_same_algorithm():
    """The pure-Python reference the benchmark times against gives the engine's paths (same draws)."""
    import numpy as np

    from coordlab.models import sizing

    engines = _engines()
    lw, low = engines.kelly_reference(0.55, 1.0, 0.1, bets=120, paths=300, seed=4)
    r = sizing.simulate_bets(0.55, 1.0, 0.1, bets=120, paths=300, seed=4)
    assert np.allclose(r.final_log_wealth, lw, atol=1e-4) and np.allclose(r.min_log_wealth, low, atol=1e-4)
    row = engines.markdown(
        [
            {
                "engine": "e",
                "size": "s",
                "engine_s": 2.0,
                "budget_s": 1.0,
                "peak_mb": 3.0,
                "reference": "r",
                "reference_s": 1.0,
                "reference_full_size_s": 9.0,
                "ratio": 4.0,
            }
        ]
    )
    assert "| OVER |" in row and "| 4x |" in row


def test_cascade_reference_is_the_same_algorithm():
    from coordlab.models import cascade

    engines = _engines()
    market, book, shock = engines._cascade_case(3000)
    run = cascade.cascade(market, book, shock)
    k, price = engines.cascade_reference(
        market.x, market.y, market.fee, book.liquidation_prices().tolist(), book.size.tolist(), shock
    )
    assert k == run.n_liquidated > 50 and abs(price - run.final_price) < 1e-9 * run.final_price


def test_clearing_reference_is_the_same_algorithm():
    import numpy as np

    from coordlab.models import contagion

    engines = _engines()
    net = engines._clearing_case(40, seed=2)
    r = contagion.clear(net)
    assert r.defaulted.any()
    assert np.allclose(engines.clearing_reference(net.L.tolist(), net.e.tolist()), r.p, atol=1e-9)


def test_delivery_rows_are_tabulated_and_judged_against_their_budgets():
    run = _runner()
    rows = [
        {
            "what": "./course site (whole website, fresh interpreter)",
            "median_s": 2.5,
            "max_s": 2.7,
            "runs": 3,
            "budget_s": 30.0,
        },
        {
            "what": "lecture/03_stakeholder_incentives.ipynb (fresh kernel)",
            "median_s": 6.0,
            "max_s": 6.0,
            "runs": 1,
            "budget_s": 5.0,
        },
    ]
    results = {"machine": run.machine(), "delivery": rows}
    table = run.markdown(results)
    assert "| ./course site (whole website, fresh interpreter) | 3 | 2.50 | 2.70 | 30 | PASS |" in table
    assert "| lecture/03_stakeholder_incentives.ipynb (fresh kernel) | 1 | 6.00 | 6.00 | 5 | OVER |" in table
    assert run.over_budget(results) == ["lecture/03_stakeholder_incentives.ipynb (fresh kernel)"]


def test_browser_rows_are_tabulated_and_judged_against_the_150_ms_budget():
    run = _runner()
    rows = [
        {
            "notebook": "03_stakeholder_incentives",
            "where": "JupyterLab",
            "steps": 9,
            "median_ms": 120.0,
            "max_ms": 180.0,
            "budget_median_ms": 150.0,
        },
        {
            "notebook": "13_sequencer_risk",
            "where": "lecture mode (Voila)",
            "steps": 4,
            "median_ms": 151.0,
            "max_ms": 200.0,
            "budget_median_ms": 150.0,
        },
    ]
    results = {"machine": run.machine(), "browser": rows}
    table = run.markdown(results)
    assert "| 03_stakeholder_incentives | JupyterLab | 9 | 120 | 180 | 150 | PASS |" in table
    assert "| 13_sequencer_risk | lecture mode (Voila) | 4 | 151 | 200 | 150 | OVER |" in table
    assert run.over_budget(results) == ["13_sequencer_risk (lecture mode (Voila))"]


def test_classroom_benchmark_writes_seeded_submissions_and_reports_memory(tmp_path):
    run = _runner()
    run.write_submissions(tmp_path / "a", 9)
    run.write_submissions(tmp_path / "b", 9)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == [f"s{i:04d}.json" for i in range(9)]
    assert all((tmp_path / "a" / f).read_text() == (tmp_path / "b" / f).read_text() for f in files)  # seeded
    from coordlab import classroom

    loaded = classroom.load_submissions(tmp_path / "a")
    assert len(loaded.submissions) == 9 and loaded.messages == ()
    rows = [
        {"submissions": 80, "pairings": 3403, "wall_s": 0.5, "peak_mb": 90.0, "budget_s": 600.0, "budget_mb": 2048.0},
        {
            "submissions": 2000,
            "pairings": 2007006,
            "wall_s": 130.0,
            "peak_mb": 2500.0,
            "budget_s": 600.0,
            "budget_mb": 2048.0,
        },
    ]
    caps = [
        {"summary": {"calls": 10, "errors": 6, "results": 4, "callables": 2}, "passed": True},
        {"callable": "coordlab.models.x.f", "calls": 5, "slowest_s": 3.0, "budget_s": 2.0},
    ]
    table = run.markdown({"machine": run.machine(), "classroom": rows, "caps": caps})
    assert "| 80 submissions | 3,403 | 0.5 | 90 | 600 s, 2048 MB | PASS |" in table
    assert "| 2,000 submissions | 2,007,006 | 130.0 | 2500 | 600 s, 2048 MB | OVER |" in table
    assert "10 calls on 2 public callables, 6 clear errors, 4 finite results" in table
    assert run.over_budget({"classroom": rows, "caps": caps}) == ["classroom (2000)", "coordlab.models.x.f"]
