"""The prompts above OutageLab in notebook 13, each driven to the setting it names (see tests/test_lab_prompts.py)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import pytest

from coordlab.labs import OutageLab
from coordlab.labs.sequencer import PATHS, N
from coordlab.models import sequencer

START = dict(outage=7.0, grace=1.0, sigma=100.0, topup=50.0)  # the lab's start: January 2022's 7 hours


@pytest.fixture(scope="module")
def lab():
    return OutageLab()


def _out(lab, **values):
    return lab.compute(**{**START, **values})["out"]


def _pct(x: float) -> float:
    """A count of borrowers as a percentage of all of them, to 2 decimals (exactly, as the lab prints it)."""
    exact = Decimal(round(x * PATHS)) * 100 / (N * PATHS)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def test_prompt_13_OutageLab_1(lab):
    """(1) Grace 0 → 8 h, both counted at the window's end: 8 h saves 0.51% (1 h: 0.28%), at no bad debt here."""
    none, one, eight = (_out(lab, grace=g) for g in (0.0, 1.0, 8.0))
    assert none.saved == 0 and none.liquidated == none.liquidated_no_grace == none.liquidatable_at_restart
    assert (_pct(eight.liquidated), _pct(eight.liquidated_no_grace), _pct(eight.saved)) == (0.44, 0.95, 0.51)
    assert _pct(one.saved) == 0.28 and eight.saved > one.saved
    # same horizon: with a grace period, never more liquidated than with none over the same window
    for g in (0.25, 1.0, 2.0, 4.0, 8.0):
        o = _out(lab, grace=g)
        assert o.liquidated <= o.liquidated_no_grace
    # and no bad debt either way at this setting: the cost is risk, not losses, here
    assert none.bad_debt == eight.bad_debt == eight.bad_debt_no_grace == 0.0
    text = lab.summary(lab.compute(**{**START, "grace": 8.0}))
    assert "By the end of the 8 h window: 0.44% liquidated with a grace period, 0.95% with none (it saves 0.51%" in text
    assert "bad debt 0.00% of all debt, against 0.00% with none" in text
    assert "With no grace period they are liquidated at once" in lab.summary(lab.compute(**{**START, "grace": 0.0}))
    # not a knife-edge: one slider step either way in outage, volatility or share acting, the same story
    for outage, sigma, topup in ((6.5, 90.0, 45.0), (6.5, 110.0, 55.0), (7.5, 90.0, 55.0), (7.5, 110.0, 45.0)):
        a, b, c = (_out(lab, outage=outage, sigma=sigma, topup=topup, grace=g) for g in (0.0, 1.0, 8.0))
        assert a.saved == 0 and c.saved > b.saved > 0 and c.bad_debt == c.bad_debt_no_grace == 0.0
    # nor a property of the lab's seed
    for seed in range(5):
        b, c = (sequencer.outage_liquidations(7.0, g, 1.0, n=N, paths=PATHS, topup=0.5, seed=seed) for g in (1.0, 8.0))
        assert c.saved > b.saved > 0 and c.liquidated < c.liquidated_no_grace


def _recovered(seed: int, outage: float, grace: float, sigma: float, steps_per_hour: int = 4) -> float:
    """Mean count of positions below HF 1 at some point that end the window at HF >= 1 without touching 0.95.

    Recomputed outside the model from the same draws (debt, restart price, window path), in the model's order.
    """
    rng = np.random.default_rng(seed)
    debt = 0.8 * rng.uniform(0.5, 0.97, N)
    level = debt / 0.8
    hourly = sigma / math.sqrt(8760.0)
    p0 = np.exp(hourly * math.sqrt(outage) * rng.standard_normal(PATHS) - 0.5 * hourly**2 * outage)
    k = int(math.ceil(grace * steps_per_hour))
    dt = grace / k
    incr = hourly * math.sqrt(dt) * rng.standard_normal((PATHS, k)) - 0.5 * hourly**2 * dt
    window = p0[:, None] * np.exp(np.cumsum(incr, axis=1))
    low = np.minimum(p0, window.min(axis=1))[:, None]
    below_one = low < level[None, :]
    never_deep = low >= 0.95 * level[None, :]
    back = window[:, -1][:, None] >= level[None, :]
    return float((below_one & never_deep & back).sum(axis=1).mean())


def test_prompt_13_OutageLab_2(lab):
    """(2) Nobody acting: a 1 h grace period still saves 0.17%, the positions whose price comes back before it ends."""
    nobody = _out(lab, topup=0.0)
    assert _pct(nobody.saved) == 0.17 and nobody.saved > 0
    # which ones: below HF 1 at some point, never below 0.95 (the override), back above HF 1 when it ends
    assert nobody.saved == pytest.approx(_recovered(3, 7.0, 1.0, 1.0))
    # a grace period is for the borrowers who can act in it: the more of them, the more it saves
    saved = [_pct(_out(lab, topup=float(t)).saved) for t in (0, 25, 50, 75, 100)]
    assert saved == [0.17, 0.22, 0.28, 0.33, 0.39]
    assert "it saves 0.17%; 0% of borrowers act in time" in lab.update(**{**START, "topup": 0.0})
    lab.update(**START)
    # not the lab's seed: with nobody acting, the grace period still saves some, and exactly the recovered ones
    for seed in range(5):
        o = sequencer.outage_liquidations(7.0, 1.0, 1.0, n=N, paths=PATHS, topup=0.0, seed=seed)
        assert o.saved > 0 and o.saved == pytest.approx(_recovered(seed, 7.0, 1.0, 1.0))


def test_prompt_13_OutageLab_3(lab):
    """(3) 48 h: from 100% to 300% volatility the flood grows 4.3 times (3.01% → 12.83%); bad debt 0 → 0.57%, the
    same
    with a grace period and without, since it sits in positions below HF 0.95 at restart, liquidated at once by both."""
    calm, wild = (_out(lab, outage=48.0, sigma=s) for s in (100.0, 300.0))
    assert (_pct(calm.liquidatable_at_restart), _pct(wild.liquidatable_at_restart)) == (3.01, 12.83)
    assert round(wild.liquidatable_at_restart / calm.liquidatable_at_restart, 1) == 4.3
    assert calm.bad_debt == 0.0 and round(100 * wild.bad_debt / wild.total_debt, 2) == 0.57
    assert wild.bad_debt == wild.bad_debt_no_grace
    # why: take away the override and the two policies' bad debt differs
    no_override = sequencer.outage_liquidations(48.0, 1.0, 3.0, n=N, paths=PATHS, topup=0.5, seed=3, override=False)
    assert no_override.bad_debt != no_override.bad_debt_no_grace
    assert "bad debt 0.57% of all debt, against 0.57% with none" in lab.summary(
        lab.compute(**{**START, "outage": 48.0, "sigma": 300.0})
    )
    # not the lab's seed: the flood grows 3.5 to 5 times, bad debt appears and is the same under both policies
    for seed in range(4, 9):
        a, b = (sequencer.outage_liquidations(48.0, 1.0, s, n=N, paths=PATHS, topup=0.5, seed=seed) for s in (1.0, 3.0))
        assert 3.5 < b.liquidatable_at_restart / a.liquidatable_at_restart < 5
        assert b.bad_debt > 10 * a.bad_debt and b.bad_debt == b.bad_debt_no_grace
