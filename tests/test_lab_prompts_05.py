"""The prompts above KeeperLab in notebook 05, each driven to the setting it names (see tests/test_lab_prompts.py)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import KeeperLab
from coordlab.models import behaviour

DEFAULTS = dict(n_keepers=10, gas_cost=0.08, gas_spike=6.0, precision=20.0, cusp=0.4)


@pytest.fixture(scope="module")
def lab():
    return KeeperLab()


def _at(lab, **values):
    return lab.compute(**{**DEFAULTS, **values})


def _bad_debt(r):
    """The crash day's bad debt, million DAI: (flip, clip), as the summary prints them."""
    return float(r["day"].english_bad_debt[-1]), float(r["day"].dutch_bad_debt[-1])


def test_prompt_05_KeeperLab_1(lab):
    """(1) λ = 1000, N from 2 to 50: the chance that no keeper enters rises at every N, for both designs; clip's is
    higher (0.58 → 0.75 against flip's 0.13 → 0.35) because its lone keeper's prize is smaller."""
    r = _at(lab, precision=1000.0)
    flip, clip = r["curves"]["flip"], r["curves"]["clip"]
    assert np.all(np.diff(flip) > 0) and np.all(np.diff(clip) > 0)
    assert np.all(clip > flip)
    assert (round(flip[0], 2), round(flip[-1], 2), round(clip[0], 2), round(clip[-1], 2)) == (0.13, 0.35, 0.58, 0.75)
    assert r["clip"].lone_gain < r["flip"].lone_gain
    # why: each keeper enters less and less, fast enough that the group enters less (the entry game's indifference)
    two, fifty = _at(lab, n_keepers=2, precision=1000.0)["flip"], _at(lab, n_keepers=50, precision=1000.0)["flip"]
    assert fifty.entry < two.entry / 10 and fifty.p_none > two.p_none
    # close to Nash: within 0.01 of the mixed equilibrium's (c/G)^(N/(N-1)) at every N
    nash = np.array([behaviour.entry_game(int(n), r["flip"].lone_gain, r["peak"]).nobody for n in range(2, 51)])
    assert np.max(np.abs(flip - nash)) < 0.01
    text = lab.update(**{**DEFAULTS, "n_keepers": 50, "precision": 1000.0})
    assert "nobody enters 35% and 75% of the time" in text


def test_prompt_05_KeeperLab_2(lab):
    """(2) Spike 1: 3.1 M DAI with flip, 1.4 M with clip, both below their 6x values; not zero because lone entrants
    still occur, and a lone entrant pays 0 in flip and the floor (0.70 per DAI, below the debt) in clip."""
    calm = _at(lab, gas_spike=1.0)
    flip, clip = _bad_debt(calm)
    flip6, clip6 = _bad_debt(_at(lab))
    assert (round(flip, 1), round(clip, 1)) == (3.1, 1.4)
    assert flip < flip6 and clip < clip6  # congestion off: both lose less
    assert "bad debt 3.1 M DAI with flip, 1.4 M DAI with clip" in lab.update(**{**DEFAULTS, "gas_spike": 1.0})
    assert calm["flip"].p_one > 0.05 and calm["clip"].p_one > 0.05  # lone entrants at the peak hour
    assert calm["flip"].lone_proceeds == 0.0 and round(calm["clip"].lone_proceeds, 2) == 0.70
    # even a low floor (cusp 0.1) leaves clip below flip
    assert _bad_debt(_at(lab, gas_spike=1.0, cusp=0.1))[1] < flip
    # not a knife-edge: half a step of spike (1.5) gives the same ordering
    f15, c15 = _bad_debt(_at(lab, gas_spike=1.5))
    assert flip < f15 < flip6 and clip < c15 < clip6 and c15 < f15


def test_prompt_05_KeeperLab_3(lab):
    """(3) λ = 1, N 2 → 50: the chance that no keeper enters falls at every N, to 0; both designs' bad debt falls
    toward 0 (flip 18.5 → 0.0 M, clip 6.6 → 0.0 M): enough noisy keepers always compete."""
    r = _at(lab, precision=1.0)
    for curve in r["curves"].values():
        assert np.all(np.diff(curve) < 0) and curve[-1] < 1e-6
    two, fifty = _at(lab, n_keepers=2, precision=1.0), _at(lab, n_keepers=50, precision=1.0)
    assert [round(x, 1) for x in _bad_debt(two)] == [18.5, 6.6]
    assert [round(x, 1) for x in _bad_debt(fifty)] == [0.0, 0.0]
    flips = [_bad_debt(_at(lab, n_keepers=n, precision=1.0))[0] for n in (2, 3, 5, 10, 20, 50)]
    assert np.all(np.diff(flips) < 0)
    assert "nobody enters 0% and 0% of the time" in lab.update(**{**DEFAULTS, "n_keepers": 50, "precision": 1.0})
    # the contrast with (1): with rational keepers the chance that nobody enters rises with N instead
    assert (
        _at(lab, n_keepers=50, precision=1000.0)["flip"].p_none > _at(lab, n_keepers=2, precision=1000.0)["flip"].p_none
    )
    # "noisy" is not a knife-edge at 1
    for lam in (0.5, 0.79, 1.26, 2.0):
        assert np.all(np.diff(_at(lab, precision=lam)["curves"]["flip"]) < 0), lam


def test_prompt_05_KeeperLab_4(lab):
    """(4) cusp 0.1 → 0.6: the lone keeper's price rises (0.17 → 1.05 per DAI), its prize falls (1.15 → 0.28), and
    clip's bad debt falls at every step, 10.5 → 1.6 M; past 0.6 it rises again (few keepers enter, auctions wait)."""
    steps = np.round(np.arange(0.1, 0.6001, 0.05), 2)
    rs = [_at(lab, cusp=float(c)) for c in steps]
    paid = [r["clip"].lone_proceeds for r in rs]
    prize = [r["clip"].lone_gain for r in rs]
    clip = [_bad_debt(r)[1] for r in rs]
    assert np.all(np.diff(paid) > 0) and np.all(np.diff(prize) < 0) and np.all(np.diff(clip) < 0)
    assert (round(paid[0], 2), round(paid[-1], 2), round(prize[0], 2), round(prize[-1], 2)) == (0.17, 1.05, 1.15, 0.28)
    assert (round(clip[0], 1), round(clip[-1], 1)) == (10.5, 1.6)
    assert _bad_debt(_at(lab, cusp=0.7))[1] > clip[-1]
    assert _at(lab, cusp=0.7)["clip"].entry < 0.001
    assert all(_bad_debt(r)[0] == pytest.approx(_bad_debt(rs[0])[0]) for r in rs)  # flip does not move
