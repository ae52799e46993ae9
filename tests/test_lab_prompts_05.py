"""The prompts above KeeperLab in notebook 05, each driven to the setting it names (see tests/test_lab_prompts.py)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import KeeperLab
from coordlab.models import auctions

DEFAULTS = dict(n_keepers=10, gas_cost=0.08, gas_spike=6.0, lam=20.0)


@pytest.fixture(scope="module")
def lab():
    return KeeperLab()


def _at(lab, **values):
    return lab.compute(**{**DEFAULTS, **values})


def _bad_debt(r):
    """The crash day's bad debt, million DAI: (flip, clip), as the summary prints them."""
    return float(r["day"].english_bad_debt[-1]), float(r["day"].dutch_bad_debt[-1])


def test_prompt_05_KeeperLab_1(lab):
    """(1) λ = 1000, N from 2 to 50: nobody bids 23% → 47% of the time, rising at every N, towards c/b = 0.48."""
    r = _at(lab, lam=1000.0)
    curve = r["qre"]                                                   # P(nobody bids) at peak gas, N = 2..50
    assert np.all(np.diff(curve) > 0)                                  # more keepers, more often nobody: every step
    assert curve[0] == pytest.approx(0.2305, abs=5e-4) and curve[-1] == pytest.approx(0.4687, abs=5e-4)
    peak = r["peak"]
    assert peak == pytest.approx(0.48) and curve[-1] < peak            # towards c/b = 0.48, from below
    # λ = 1000 is the rational limit: within 0.005 of the mixed Nash equilibrium (c/b)^(N/(N-1)) at every N
    assert np.max(np.abs(curve - r["nash"])) < 0.005
    # why: each keeper bids less and less (0.52 at N = 2, 0.015 at N = 50), fast enough that the group bids less
    two, fifty = _at(lab, n_keepers=2, lam=1000.0)["outcome"], _at(lab, n_keepers=50, lam=1000.0)["outcome"]
    assert two.participation == pytest.approx(0.52, abs=0.005) and fifty.participation == pytest.approx(0.015, abs=0.001)
    assert (1 - fifty.participation) ** 50 > (1 - two.participation) ** 2
    assert "nobody bids 23% of the time" in lab.update(**{**DEFAULTS, "n_keepers": 2, "lam": 1000.0})
    assert "nobody bids 47% of the time" in lab.update(**{**DEFAULTS, "n_keepers": 50, "lam": 1000.0})


def test_prompt_05_KeeperLab_2(lab):
    """(2) Spike 1: 8.0 M DAI with flip, 5.1 M with clip, not 0; clip's is above its 3.5 M at the 6× spike."""
    flip, clip = _bad_debt(_at(lab, gas_spike=1.0))
    flip6, clip6 = _bad_debt(_at(lab))
    assert (round(flip, 1), round(clip, 1)) == (8.0, 5.1)
    assert (round(flip6, 1), round(clip6, 1)) == (12.6, 3.5)
    assert flip < flip6 and clip > clip6                               # congestion off: flip loses less, clip books more
    assert "bad debt 8.0 M DAI with flip, 5.1 M DAI with clip" in lab.update(**{**DEFAULTS, "gas_spike": 1.0})
    # why not zero, for clip: collateral sold in the crash is worth less than the debt; selling every auction books
    # that whole shortfall, and with spike 1 nearly every auction sells
    day = auctions.replay(n_keepers=10, gas_spike=1.0, lam=20.0, base_gas_cost=0.08)
    shortfall = float(_bad_debt(_at(lab, n_keepers=50, lam=0.1, gas_spike=1.0))[1])   # every auction sells
    assert shortfall == pytest.approx(5.27, abs=0.005)
    assert clip <= shortfall and clip > 0.95 * shortfall
    assert day.p_no_bid.max() < 0.05                                   # at spike 1 hardly an auction goes unsold
    six = auctions.replay(n_keepers=10, gas_spike=6.0, lam=20.0, base_gas_cost=0.08)
    assert six.p_no_bid.max() > 0.3                                    # at 6x a third go unsold: reset, no loss booked
    # why not zero, for flip: lone bidders still win at 0 DAI (12% of auctions even at peak)
    assert _at(lab, gas_spike=1.0)["outcome"].p_single_bid == pytest.approx(0.12, abs=0.005)
    assert flip - clip > 2.5
    # not a knife-edge: half a step of spike (1.5) gives the same picture
    flip15, clip15 = _bad_debt(_at(lab, gas_spike=1.5))
    assert flip15 > clip15 > clip6 and flip15 < flip6


def test_prompt_05_KeeperLab_3(lab):
    """(3) λ = 1, N 2 → 50: nobody bids 25% → 0%; flip 16.3 → 5.3 M, clip 4.0 → 5.3 M: both end at the shortfall."""
    r = _at(lab, lam=1.0)
    assert np.all(np.diff(r["qre"]) < 0)                               # every extra keeper lowers P(nobody bids)
    two, fifty = _at(lab, n_keepers=2, lam=1.0), _at(lab, n_keepers=50, lam=1.0)
    assert two["outcome"].p_no_bid == pytest.approx(0.246, abs=0.001) and fifty["outcome"].p_no_bid < 1e-6
    assert [round(x, 1) for x in _bad_debt(two)] == [16.3, 4.0]
    assert [round(x, 1) for x in _bad_debt(fifty)] == [5.3, 5.3]
    assert _bad_debt(fifty)[0] == pytest.approx(_bad_debt(fifty)[1], abs=0.01)   # the designs meet
    flips = [_bad_debt(_at(lab, n_keepers=n, lam=1.0))[0] for n in (2, 3, 5, 10, 20, 50)]
    assert np.all(np.diff(flips) < 0)                                  # adding keepers helps flip at every step
    assert "nobody bids 0% of the time" in lab.update(**{**DEFAULTS, "n_keepers": 50, "lam": 1.0})
    # the contrast with (1): with rational keepers the chance of no bid rises with N instead
    assert _at(lab, n_keepers=50, lam=1000.0)["outcome"].p_no_bid > _at(lab, n_keepers=2, lam=1000.0)["outcome"].p_no_bid
    # "noisy" is not a knife-edge at 1: from λ = 0.5 to 2 the chance of no bid falls with N at every step
    for lam in (0.5, 0.79, 1.26, 2.0):
        assert np.all(np.diff(_at(lab, lam=lam)["qre"]) < 0), lam
