"""Notebook 08's lab prompts are claims: each item above CascadeLab and FlashCrashLab, driven to its setting.

See tests/test_lab_prompts.py. Both labs are deterministic (the cascade's crowd is seeded, seed 0; the flash
crash has no randomness).
"""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import CascadeLab, FlashCrashLab
from coordlab.labs.cascade import MAX_SHOCK, PRICE
from coordlab.models import cascade

SHOCKS = np.arange(0.0, MAX_SHOCK + 1e-9, 50.0)                # CascadeLab's shock slider
LEVERAGES = np.arange(2.0, 30.0 + 1e-9, 0.5)                   # CascadeLab's leverage slider
TOLERANCES = np.round(np.arange(0.2, 5.0 + 1e-9, 0.1), 1)      # FlashCrashLab's tolerance slider (%)
STOPS = np.arange(0.0, 5000.0 + 1e-9, 500.0)                   # every 5th step of FlashCrashLab's stops slider
FIGURE_1 = dict(shock=1000.0, depth=100.0, leverage=5.0)
FLASH = dict(participation=9.0, hot_potato=6.0, stops=1000.0, tolerance=1.0)   # the lab's defaults (Figure 3)


@pytest.fixture(scope="module")
def cascade_lab():
    return CascadeLab()


@pytest.fixture(scope="module")
def flash():
    return FlashCrashLab()


def _waves(r):
    return len(r["run"].prices) - 2


# --- CascadeLab: "(1) across the dashed line and on to 2 000 ETH (2) double the depth (3) raise the leverage" ---

def test_prompt_08_CascadeLab_1(cascade_lab):
    """The waves peak just past the tipping shock (19 at 1 000 ETH) and fall on either side (12 at 950, 8 at 2 000)."""
    tip = cascade_lab.compute(**FIGURE_1)["tipping"]
    assert 950.0 < tip < 1000.0                                               # 950.6: the dashed line
    waves = {s: _waves(cascade_lab.compute(**{**FIGURE_1, "shock": float(s)})) for s in SHOCKS[SHOCKS <= 2000.0]}
    assert (waves[950.0], waves[1000.0], waves[2000.0]) == (12, 19, 8)
    assert max(waves, key=waves.get) == 1000.0 and list(waves.values()).count(19) == 1
    assert max(w for s, w in waves.items() if s < tip) == 12                  # below the line: at most 12
    assert max(w for s, w in waves.items() if s > 1500.0) <= 10               # far beyond it, a big shock skips rungs
    # the most waves of the whole slider are the ones just past the line
    beyond = SHOCKS[SHOCKS > 2000.0][::4]
    assert all(_waves(cascade_lab.compute(**{**FIGURE_1, "shock": float(s)})) < 19 for s in beyond)


def test_prompt_08_CascadeLab_2(cascade_lab):
    """Doubling the pool's depth (100 → 200 M) triples the tipping shock (950.6 → 2,865.3 ETH)."""
    at100 = cascade_lab.compute(**FIGURE_1)["tipping"]
    at200 = cascade_lab.compute(**{**FIGURE_1, "depth": 200.0})["tipping"]
    assert (at100, at200) == (pytest.approx(950.6, abs=0.05), pytest.approx(2865.3, abs=0.05))
    assert 2.9 < at200 / at100 < 3.1


def test_prompt_08_CascadeLab_3(cascade_lab):
    """More leverage lowers the tipping shock (951 ETH at 5x) until it is the sale that reaches the first rung."""
    tips = [cascade_lab.compute(**{**FIGURE_1, "leverage": float(lev)})["tipping"] for lev in LEVERAGES]
    assert all(b <= a for a, b in zip(tips, tips[1:])), "the tipping shock never rises with leverage"
    at = dict(zip(LEVERAGES, tips))
    assert at[5.0] == pytest.approx(950.6, abs=0.05) and at[3.0] > 2 * at[5.0] and at[7.0] < at[5.0] / 2
    # why it stops falling: the crowd's highest rung sits 0.5% below the price whatever the leverage (only longs
    # still open at 2 000), and once the crowd is levered enough, reaching that rung brings the whole book down
    r = cascade_lab.compute(**{**FIGURE_1, "leverage": 10.0})
    first_rung = float(cascade.Market.from_depth(PRICE, 100e6).sale_to_reach(0.995 * PRICE))
    assert first_rung == pytest.approx(125.66, abs=0.01)
    assert all(t == pytest.approx(first_rung) for lev, t in at.items() if lev >= 10.0)
    assert r["biggest"][1] > 9000                                             # one jump takes most of the 10 000 longs


# --- FlashCrashLab: "(1) stops to 3 000 (2) raise the tolerance a step at a time (3) hot potato to 0" ---

def _run(lab, **values):
    return lab.compute(**{**FLASH, **values})["run"]


def test_prompt_08_FlashCrashLab_1(flash):
    """At 3 000 stops per 1%: a minute moves over 1%, market makers step back to stub quotes, the price gaps down."""
    dip, crash = _run(flash), _run(flash, stops=3000.0)
    assert dip.depth.min() == 1.0 and dip.low > 0.9                          # the default: a dip to 0.922
    moves = np.diff(crash.price) / crash.price[:-1]
    first = int(np.argmax(crash.depth < 1.0))                                 # the first minute with less depth
    assert moves[first - 2] < -0.01                                           # after a minute that fell more than 1%
    assert crash.depth.min() == pytest.approx(0.05)                           # stub quotes (5% of normal depth)
    assert crash.low < 0.2                                                    # 0.177: the price gaps down
    assert crash.stops_triggered[-1] > 10 * dip.stops_triggered[-1]


def test_prompt_08_FlashCrashLab_2(flash):
    """With those stops the crash becomes a dip from a 2.2% tolerance (low 0.855), not at 2% (low 0.414)."""
    lows = {tol: _run(flash, stops=3000.0, tolerance=float(tol)).low for tol in TOLERANCES}
    crash = [tol for tol, low in lows.items() if low < 0.5]
    dip = [tol for tol, low in lows.items() if low > 0.85]
    assert sorted(crash + dip) == list(TOLERANCES)                            # nothing in between: a cliff
    assert max(crash) == 2.1 and min(dip) == 2.2                              # so 2% still crashes
    assert lows[2.0] == pytest.approx(0.414, abs=5e-4) and lows[2.2] == pytest.approx(0.855, abs=5e-4)
    assert _run(flash, stops=3000.0, tolerance=2.2).depth.min() == 0.5       # they step back once, not to stubs
    assert _run(flash, stops=3000.0, tolerance=2.5).depth.min() == 1.0       # from 2.5% they stay: low 0.870
    # the cliff sits where the largest one-minute move before the sale ends crosses the tolerance: 2.13% in minute 14
    calm = _run(flash, stops=3000.0, tolerance=5.0)
    minute_14 = -np.diff(calm.price)[13] / calm.price[13]
    assert minute_14 == pytest.approx(0.02135, abs=5e-5)


def test_prompt_08_FlashCrashLab_3(flash):
    """Without hot-potato volume only about half the order is sold in the lab's two hours, and nothing crashes."""
    for stops in STOPS:
        for tol in TOLERANCES[::4]:
            run = _run(flash, hot_potato=0.0, stops=float(stops), tolerance=float(tol))
            assert run.completed_minute is None
            assert 0.48 < run.seller_sold[-1] / 75_000 < 0.51, (stops, tol)
            assert run.low > 0.985 and run.depth.min() == 1.0, (stops, tol)
    text = flash.update(**{**FLASH, "stops": 3000.0, "tolerance": 2.2, "hot_potato": 0.0})
    assert text.startswith("After 120 minutes the seller has sold 36,881 of 75,000 units")
    assert _run(flash, stops=3000.0, tolerance=2.2).completed_minute == 16   # with the hot potato: done in 16 minutes
