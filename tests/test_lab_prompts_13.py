"""The prompts above OutageLab in notebook 13, each driven to the setting it names (see tests/test_lab_prompts.py)."""

from __future__ import annotations

import pytest

from coordlab.labs import OutageLab
from coordlab.labs.sequencer import N, PATHS
from coordlab.models import sequencer

START = dict(outage=7.0, grace=1.0, sigma=150.0, topup=50.0)    # the lab's start: January 2022


@pytest.fixture(scope="module")
def lab():
    return OutageLab()


def _out(lab, **values):
    return lab.compute(**{**START, **values})["out"]


def _share(x: float) -> float:
    """A count of borrowers as a share of all of them."""
    return x / N


def test_prompt_13_OutageLab_1(lab):
    """(1) Grace 0 → 8 h: it saves 0.5% (no more than 1 h does), and 2.4% are liquidated when it ends, not 1.1%."""
    none, one, eight = (_out(lab, grace=g) for g in (0.0, 1.0, 8.0))
    assert none.saved == 0 and round(_share(none.liquidated), 3) == 0.011
    assert round(_share(eight.saved), 3) == 0.005 and round(_share(eight.liquidated), 3) == 0.024
    # what a longer grace period buys: nothing more than a short one; the same borrowers act in time
    assert eight.saved == one.saved == _out(lab, grace=0.25).saved
    # what it costs: the price keeps moving for 8 hours, and more positions fall below HF 1 before it ends
    assert eight.liquidated > 2 * none.liquidated
    # no bad debt either way at this setting: the cost is liquidations, not losses to lenders
    assert none.bad_debt == eight.bad_debt == 0.0
    text = lab.summary(lab.compute(**{**START, "grace": 8.0}))
    assert "a 8 h grace period saves 0.5%" in text and "Liquidated when it ends: 2.4%" in text
    assert "bad debt 0.00% of all debt, against 0.00% with no grace period" in text
    assert "Liquidated when it ends: 1.1%" in lab.summary(lab.compute(**{**START, "grace": 0.0}))
    # not a knife-edge: one slider step either way in outage, volatility or share acting, the same story
    for outage, sigma, topup in ((6.5, 140.0, 45.0), (6.5, 160.0, 55.0), (7.5, 140.0, 55.0), (7.5, 160.0, 45.0)):
        a, b, c = (_out(lab, outage=outage, sigma=sigma, topup=topup, grace=g) for g in (0.0, 1.0, 8.0))
        assert b.saved == c.saved > 0 and c.liquidated > 1.5 * a.liquidated and c.bad_debt == 0.0
    # nor a property of the lab's seed
    for seed in range(5):
        a, c = (sequencer.outage_liquidations(7.0, g, 1.5, n=N, paths=PATHS, topup=0.5, seed=seed) for g in (0.0, 8.0))
        assert c.liquidated > 1.4 * a.liquidated


def test_prompt_13_OutageLab_2(lab):
    """(2) Nobody acting: a 1 h grace period saves nobody and liquidates 1.4% of borrowers instead of 1.1% at once."""
    nobody = _out(lab, topup=0.0)
    assert nobody.saved == 0
    assert round(_share(nobody.liquidated), 3) == 0.014
    assert round(_share(_out(lab, topup=0.0, grace=0.0).liquidated), 3) == 0.011
    assert nobody.liquidated > _out(lab, topup=0.0, grace=0.0).liquidated
    assert round(_share(_out(lab, topup=0.0, grace=8.0).liquidated), 3) == 0.027
    # a grace period is for the borrowers who can act in it: the more of them, the more it saves
    saved = [_out(lab, topup=float(t)).saved for t in (0, 25, 50, 75, 100)]
    assert saved == sorted(saved) and saved[0] == 0 and saved[-1] > 0
    # with everybody acting, it saves the whole band between HF 0.95 and 1 (0.9%), not the deep ones
    everybody = _out(lab, topup=100.0)
    assert round(_share(everybody.saved), 3) == 0.009 < round(_share(everybody.liquidatable_at_restart), 3)
    text = lab.update(**{**START, "topup": 0.0})
    assert "a 1 h grace period saves 0.0%" in text and "Liquidated when it ends: 1.4% (0% of borrowers act in time)" in text
    # not the lab's seed: with nobody acting, a grace period never liquidates fewer
    for seed in range(5):
        a, b = (sequencer.outage_liquidations(7.0, g, 1.5, n=N, paths=PATHS, topup=0.0, seed=seed) for g in (0.0, 1.0))
        assert b.saved == 0 and b.liquidated > a.liquidated


def test_prompt_13_OutageLab_3(lab):
    """(3) 48 h: from 150% to 300% volatility the flood grows 2.4 times (5.5% → 12.8%), the bad debt 29 times (0.02% → 0.57%)."""
    calm, wild = (_out(lab, outage=48.0, sigma=s) for s in (150.0, 300.0))
    flood = [round(100 * _share(o.liquidatable_at_restart), 1) for o in (calm, wild)]
    bad = [round(100 * o.bad_debt / o.total_debt, 2) for o in (calm, wild)]
    assert flood == [5.5, 12.8] and bad == [0.02, 0.57]
    assert round(wild.liquidatable_at_restart / calm.liquidatable_at_restart, 1) == 2.4
    assert round(wild.bad_debt / calm.bad_debt) == 29
    # why so different: bad debt is the far tail of the price move (positions below HF 0.95 at restart,
    # liquidated at once, so the grace period changes none of it), and the tail grows much faster with volatility
    for o in (calm, wild):
        assert o.bad_debt == o.bad_debt_no_grace
    assert "bad debt 0.57% of all debt, against 0.57% with no grace period" in lab.summary(
        lab.compute(**{**START, "outage": 48.0, "sigma": 300.0}))
    assert "bad debt 0.02% of all debt, against 0.02% with no grace period" in lab.summary(
        lab.compute(**{**START, "outage": 48.0}))
    # not the lab's seed: in other seeds the flood grows 2-3 times and the bad debt more than 20 times
    for seed in range(4, 9):
        a, b = (sequencer.outage_liquidations(48.0, 1.0, s, n=N, paths=PATHS, topup=0.5, seed=seed) for s in (1.5, 3.0))
        assert 2 < b.liquidatable_at_restart / a.liquidatable_at_restart < 3
        assert b.bad_debt / a.bad_debt > 20
