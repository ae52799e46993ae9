"""Notebook 08's lab prompts are claims: each item above CascadeLab and FlashCrashLab, driven to its setting.

See tests/test_lab_prompts.py. Both labs are deterministic (the cascade's crowd is seeded, seed 0; the flash
crash has no randomness).
"""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import CascadeLab, FlashCrashLab
from coordlab.labs.cascade import MAX_SHOCK, PRICE
from coordlab.models import amm, cascade

SHOCKS = np.arange(0.0, MAX_SHOCK + 1e-9, 50.0)  # CascadeLab's shock slider
LEVERAGES = np.arange(2.0, 30.0 + 1e-9, 0.5)  # CascadeLab's leverage slider
TOLERANCES = np.round(np.arange(0.2, 5.0 + 1e-9, 0.1), 1)  # FlashCrashLab's tolerance slider (%)
STOPS = np.arange(0.0, 5000.0 + 1e-9, 500.0)  # every 5th step of FlashCrashLab's stops slider
FIGURE_1 = dict(shock=1000.0, depth=100.0, leverage=5.0)
FLASH = dict(participation=9.0, hot_potato=8.0, stops=1000.0, tolerance=1.0)  # the lab's defaults (Figure 3)


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
    """The waves peak just past the tipping shock (20 at 1 000 ETH) and fall on either side (13 at 950, 8 at 2 000)."""
    tip = cascade_lab.compute(**FIGURE_1)["tipping"]
    assert 950.0 < tip < 1000.0  # 956.7: the dashed line
    waves = {s: _waves(cascade_lab.compute(**{**FIGURE_1, "shock": float(s)})) for s in SHOCKS[SHOCKS <= 2000.0]}
    assert (waves[950.0], waves[1000.0], waves[2000.0]) == (13, 20, 8)
    assert max(waves, key=waves.get) == 1000.0 and list(waves.values()).count(20) == 1
    assert max(w for s, w in waves.items() if s < tip) == 13  # below the line: at most 13
    assert max(w for s, w in waves.items() if s > 1500.0) <= 10  # far beyond it, a big shock skips rungs
    # the most waves of the whole slider are the ones just past the line
    beyond = SHOCKS[SHOCKS > 2000.0][::4]
    assert all(_waves(cascade_lab.compute(**{**FIGURE_1, "shock": float(s)})) < 20 for s in beyond)


def test_prompt_08_CascadeLab_2(cascade_lab):
    """Doubling the pool's depth (100 → 200 M) triples the tipping shock (956.7 → 2,871.4 ETH)."""
    at100 = cascade_lab.compute(**FIGURE_1)["tipping"]
    at200 = cascade_lab.compute(**{**FIGURE_1, "depth": 200.0})["tipping"]
    assert (at100, at200) == (pytest.approx(956.7, abs=0.05), pytest.approx(2871.4, abs=0.05))
    assert 2.9 < at200 / at100 < 3.1


def test_prompt_08_CascadeLab_3(cascade_lab):
    """From 11.5x on, under 10 ETH tips the book: the ladder then holds more ETH within 1% of the price than the
    pool needs to move its price 1% (about 250 ETH)."""
    from coordlab.labs.cascade import _crowd

    tips = {float(lev): cascade_lab.compute(**{**FIGURE_1, "leverage": float(lev)})["tipping"] for lev in LEVERAGES}
    assert tips[5.0] == pytest.approx(956.7, abs=0.05)
    # falling fast: every half step up to 11.5x lowers it
    upto = [tips[lev] for lev in LEVERAGES if lev <= 11.5]
    assert all(b < a for a, b in zip(upto, upto[1:]))
    first = min(lev for lev, t in tips.items() if t < 10.0)
    assert first == 11.5 and all(t < 10.0 for lev, t in tips.items() if lev >= 11.5)
    pool_per_pct = float(amm.ConstantProductPool.from_depth(PRICE, 100e6).sale_to_reach(0.99 * PRICE))
    assert 250 < pool_per_pct < 255
    for lev in LEVERAGES:
        book = _crowd(float(lev))
        near = float(book.size[book.liquidation_prices() >= 0.99 * PRICE].sum())
        if lev >= 11.5:
            assert near > pool_per_pct, lev  # 359 ETH at 11.5x
        if lev <= 10.0:
            assert near < pool_per_pct and tips[float(lev)] > 50.0, lev
    assert cascade_lab.compute(**{**FIGURE_1, "leverage": 11.5})["biggest"][1] > 9000  # one jump takes most of the book


# --- FlashCrashLab: "(1) lower the hot potato (2) at 8, raise the tolerance (3) hot potato to 0" ---


def _run(lab, **values):
    return lab.compute(**{**FLASH, **values})["run"]


def test_flash_crash_lab_defaults_crash(flash):
    """At its defaults the lab crashes (Figure 3): done in 16 minutes, low 0.417, market makers at stub quotes."""
    run = _run(flash)
    assert run.completed_minute == 16 and round(run.low, 3) == 0.417 and run.depth.min() == pytest.approx(0.05)


def test_prompt_08_FlashCrashLab_1(flash):
    """Lowering the hot potato, the crash becomes a dip at 6.5 (gain 0.675, low 0.913); at 7 it still crashes
    (0.581).
    """
    hot = np.arange(0.0, 12.0 + 1e-9, 0.5)
    lows = {float(h): _run(flash, hot_potato=float(h)).low for h in hot}
    assert all(low > 0.9 for h, low in lows.items() if h <= 6.5)
    assert all(low < 0.6 for h, low in lows.items() if 7.0 <= h <= 8.0)
    assert round(lows[6.5], 3) == 0.913 and round(lows[7.0], 3) == 0.581
    assert round(cascade.feedback_gain(0.09, 6.5), 3) == 0.675
    assert "Feedback gain p(1+h) = 0.675" in flash.update(**{**FLASH, "hot_potato": 6.5})


def test_prompt_08_FlashCrashLab_2(flash):
    """At h = 8, a dip from a 1.7% tolerance (low 0.889); market makers keep all their depth from 2.0% (low 0.901)."""
    lows = {tol: _run(flash, tolerance=float(tol)).low for tol in TOLERANCES}
    crash = [tol for tol, low in lows.items() if low < 0.6]
    dip = [tol for tol, low in lows.items() if low > 0.85]
    assert sorted(crash + dip) == list(TOLERANCES)  # nothing in between: a cliff
    assert max(crash) == 1.6 and min(dip) == 1.7
    assert round(lows[1.7], 3) == 0.889 and round(lows[2.0], 3) == 0.901
    full = [tol for tol in TOLERANCES if _run(flash, tolerance=float(tol)).depth.min() == 1.0]
    assert min(full) == 2.0 and full == [tol for tol in TOLERANCES if tol >= 2.0]
    # why 2%: with market makers who stay, the largest one-minute fall is 1.94%, between 1.9% and 2.0%
    stay = cascade.flash_crash(mm_withdrawal=0.0)
    worst = float(np.max(-np.diff(stay.price) / stay.price[:-1]))
    assert 0.019 < worst < 0.020


def test_prompt_08_FlashCrashLab_3(flash):
    """Without hot-potato volume only about half the order is sold in the lab's two hours, and nothing crashes."""
    for stops in STOPS:
        for tol in TOLERANCES[::4]:
            run = _run(flash, hot_potato=0.0, stops=float(stops), tolerance=float(tol))
            assert run.completed_minute is None
            assert 0.48 < run.seller_sold[-1] / 75_000 < 0.51, (stops, tol)
            assert run.low > 0.985 and run.depth.min() == 1.0, (stops, tol)
    text = flash.update(**{**FLASH, "hot_potato": 0.0})
    assert text.startswith("After 120 minutes the seller has sold 36,628 of 75,000 units")
