"""Notebook 09's lab prompts are claims: each item above SyncLab, driven to its setting.

See tests/test_lab_prompts.py. The lab compares two arms that differ only in market B's threshold and bonus:
B as set (``out``) and B synced with A (``ref``), with the same drop, pool and borrowers (seeded, seeds 1 and 2).
"""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import SyncLab

DEPTHS = np.arange(100.0, 2000.0 + 1e-9, 50.0)  # SyncLab's depth slider
FIGURE_2 = dict(drop=10.0, threshold=0.90, bonus=1.08, depth=600.0)
PUSHED = dict(threshold=0.93, bonus=1.10)  # B after item (1)


@pytest.fixture(scope="module")
def lab():
    return SyncLab()


def _extra_a(r):
    return r["out"].liquidated["A"] - r["ref"].liquidated["A"]


def test_prompt_09_SyncLab_1(lab):
    """At LT 93% / bonus 10% (LT x bonus = 1.023) B's bad debt rises nearly fivefold, 0.22 → 1.06 M; synced, none."""
    before = lab.compute(**FIGURE_2)
    text = lab.update(**{**FIGURE_2, **PUSHED})
    after = lab.result
    assert 0.93 * 1.10 > 1 > 0.90 * 1.08
    assert before["out"].bad_debt["B"] / 1e6 == pytest.approx(0.223, abs=5e-4)
    assert after["out"].bad_debt["B"] / 1e6 == pytest.approx(1.057, abs=5e-4)
    assert after["ref"].bad_debt["B"] == 0.0 and after["out"].bad_debt["A"] == 0.0  # B's lenders pay, not A's
    assert "LT x bonus > 1" in text and "B 1.06 M" in text


@pytest.mark.parametrize("b_params", [dict(threshold=0.90, bonus=1.08), PUSHED], ids=["as-in-figure-2", "pushed"])
def test_prompt_09_SyncLab_2(lab, b_params):
    """Deepening the pool shrinks the harm to A but never ends it (17 extra at 2,000 M); 0 extra at 200 M is a
    crash.
    """
    extra = {d: _extra_a(lab.compute(**{**FIGURE_2, **b_params, "depth": float(d)})) for d in DEPTHS}
    assert all(extra[d] > 0 for d in DEPTHS if d >= 300.0), "somewhere B's choice stopped costing A's borrowers"
    assert extra[2000.0] < extra[600.0] / 5
    if b_params["threshold"] == 0.90:
        assert (extra[600.0], extra[2000.0]) == (150, 17)
    # in a shallow pool the count is 0 only because all of A's 2,000 borrowers fall in both arms, at a price under 800
    shallow = lab.compute(**{**FIGURE_2, **b_params, "depth": 200.0})
    assert extra[200.0] == 0
    assert shallow["out"].liquidated["A"] == shallow["ref"].liquidated["A"] == 2000
    assert max(shallow["out"].final_price, shallow["ref"].final_price) < 800


@pytest.mark.parametrize("depth", [300.0, 600.0, 1000.0, 2000.0])
def test_prompt_09_SyncLab_3(lab, depth):
    """At a 30% drop syncing B barely protects A: most of A is liquidated and A's bad debt is the same in both arms."""
    for b_params in (dict(threshold=0.90, bonus=1.08), PUSHED):
        r = lab.compute(**{**FIGURE_2, **b_params, "drop": 30.0, "depth": depth})
        out, ref = r["out"], r["ref"]
        assert ref.liquidated["A"] > 1250  # synced, most of A's borrowers still fall
        assert 0 <= _extra_a(r) <= 60  # B's choice adds a few dozen at most
        assert ref.bad_debt["A"] > 1e6 and out.bad_debt["A"] >= ref.bad_debt["A"]
        assert (out.bad_debt["A"] - ref.bad_debt["A"]) < 0.05 * ref.bad_debt["A"]
    if depth == 600.0:  # against 150 extra at a 10% drop
        at600 = lab.compute(**{**FIGURE_2, "drop": 30.0})
        assert (at600["ref"].liquidated["A"], _extra_a(at600)) == (1855, 55)
        assert at600["ref"].bad_debt["A"] / 1e6 == pytest.approx(1.025, abs=5e-4)
