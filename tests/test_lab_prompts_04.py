"""The prompts above CommunityRiskLab in notebook 04, each driven to the setting it names (see tests/test_lab_prompts.py)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import CommunityRiskLab
from coordlab.labs.community import JUMP_VOL, R, SIGMA, T
from coordlab.models import concentration, pricing

DEFAULTS = dict(whale_share=0.2, tail_alpha=1.16, sensitivity=10.0)
WHALES = [round(0.01 * k, 2) for k in range(20, 61)]        # the whale slider from its default, 0.2, up to 0.6
ALPHAS = [round(0.8 + 0.05 * k, 2) for k in range(45)]     # every value of the tail-exponent slider


@pytest.fixture(scope="module")
def lab():
    return CommunityRiskLab()


def _at(lab, **values):
    return lab.compute(**{**DEFAULTS, **values})


def _premium(r):
    """The at-the-money governance premium, USD per token (what the summary prints after "+")."""
    i = r["i_atm"]
    return float(r["mj"][i] - r["bs"][i])


def _model(whale_share, tail_alpha=1.16, sensitivity=10.0):
    """What the lab computes at these settings, at the money only (the lab prices 41 strikes): HHI's concentration,
    the jump rate and the at-the-money premium."""
    c = concentration.concentration(concentration.synthetic_holders(200, whale_share, tail_alpha))
    lam = pricing.governance_jump_intensity(c.hhi, base_rate=0.5, sensitivity=sensitivity, hhi_ref=0.05)
    return c, lam, pricing.governance_premium(100.0, 100.0, T, R, SIGMA, lam, JUMP_VOL)


def test_prompt_04_CommunityRiskLab_1(lab):
    """(1) Raising the whale from 20% to 60%: HHI 720 → 3 680, Nakamoto 7 → 1, the premium 0.22 → 3.69, ever faster."""
    runs = [_model(w) for w in WHALES]
    hhi = np.array([c.hhi for c, _, _ in runs])
    majority = [c.nakamoto_majority for c, _, _ in runs]
    bft = [c.nakamoto_bft for c, _, _ in runs]
    premium = np.array([p for _, _, p in runs])
    for k in (0, -1):                                                 # the model is the lab's, at the lab's settings
        r = _at(lab, whale_share=WHALES[k])
        assert r["c"].hhi == hhi[k] and _premium(r) == pytest.approx(premium[k], rel=1e-9)
    assert np.all(np.diff(hhi) > 0)                                   # HHI rises at every step
    assert np.all(np.diff(majority) <= 0) and np.all(np.diff(bft) <= 0)   # fewer holders needed, never more
    assert np.all(np.diff(premium) > 0)                               # and the premium rises at every step
    assert round(hhi[0] * 1e4) == 720 and round(hhi[-1] * 1e4) == 3680
    assert (majority[0], majority[-1]) == (7, 1) and (bft[0], bft[-1]) == (2, 1)
    assert premium[0] == pytest.approx(0.22, abs=0.005) and premium[-1] == pytest.approx(3.69, abs=0.005)
    # the premium grows faster than HHI: the jump rate is exponential in HHI (0.62 → 12.02 a year)
    assert premium[-1] / premium[0] > 3 * hhi[-1] / hhi[0]
    assert np.all(np.diff(premium, 2) > 0)                            # convex: each step adds more than the last
    assert (runs[0][1], runs[-1][1]) == (pytest.approx(0.62, abs=0.005), pytest.approx(12.02, abs=0.005))
    text = lab.update(**{**DEFAULTS, "whale_share": 0.6})
    assert "HHI 0.368 (3680 in antitrust units)" in text and "Nakamoto coefficient 1 at 51%, 1 at 1/3" in text
    assert "(+3.69)" in text


def test_prompt_04_CommunityRiskLab_2(lab):
    """(2) Sensitivity 0: jumps at the base rate, 0.5 a year, whatever the holders; a premium of 0.17 is left."""
    base = pricing.governance_premium(100.0, 100.0, T, R, SIGMA, 0.5, JUMP_VOL)
    assert base == pytest.approx(0.17, abs=0.005)
    for w in (0.01, 0.2, 0.4, 0.6):
        for a in (0.8, 1.16, 3.0):
            r = _at(lab, whale_share=w, tail_alpha=a, sensitivity=0.0)
            assert r["lam"] == 0.5                                    # e^0: no concentration term at all
            assert _premium(r) == pytest.approx(base, rel=1e-9)       # the same premium for every community
    assert "Governance jumps: 0.50 a year" in lab.update(whale_share=0.6, tail_alpha=1.16, sensitivity=0.0)
    assert "(+0.17)" in lab.update(whale_share=0.6, tail_alpha=1.16, sensitivity=0.0)
    # not zero: the jumps themselves still add to the price; only with no jumps at all would it vanish
    assert pricing.governance_premium(100.0, 100.0, T, R, SIGMA, 0.0, JUMP_VOL) == pytest.approx(0.0, abs=1e-12)
    assert _premium(_at(lab, sensitivity=10.0)) > base                # with sensitivity, concentration adds on top


def test_prompt_04_CommunityRiskLab_3(lab):
    """(3) Whale fixed at 20%, tail exponent 1.16 → 1.0: HHI 720 → 998, Nakamoto 7 → 4; the whale's 0.04 is 40% of HHI,
    the rest is the tail's, whose top holder now holds 22%, more than the whale (the slider's "largest holder")."""
    before, after = _at(lab, tail_alpha=1.16)["c"], _at(lab, tail_alpha=1.0)["c"]
    assert (round(before.hhi * 1e4), round(after.hhi * 1e4)) == (720, 998)
    assert (before.nakamoto_majority, after.nakamoto_majority) == (7, 4)
    whale = 0.2 ** 2
    assert whale / before.hhi == pytest.approx(0.556, abs=0.001)      # more than half of HHI was the whale's
    assert whale / after.hhi == pytest.approx(0.401, abs=0.001)       # now 40%: the tail makes up the rest
    # the rest: the tail's top holders grew; the largest other holder now holds more than the whale
    holders = concentration.synthetic_holders(200, 0.2, 1.0)
    assert holders[0] == 0.2 and holders[1:].max() == pytest.approx(0.220, abs=0.0005)
    assert concentration.synthetic_holders(200, 0.2, 1.16)[1:].max() < 0.2
    top = np.sort(holders[1:])[::-1]
    assert top[0] ** 2 > whale and top[0] ** 2 / after.hhi == pytest.approx(0.486, abs=0.001)  # the top tail holder alone
    assert (whale + top[0] ** 2 + top[1] ** 2) / after.hhi > 0.94                              # whale and two others: 94%+
    # not a knife-edge: one slider step either side, the whale's part is still below half and HHI still up by 40%+
    for a in (0.95, 1.05):
        c = _at(lab, tail_alpha=a)["c"]
        assert whale / c.hhi < 0.46 and c.hhi > 1.2 * before.hhi and c.nakamoto_majority < 7
    # the direction holds across the slider: a more unequal tail never lowers HHI with the whale fixed
    hhi = [_model(0.2, a)[0].hhi for a in ALPHAS]
    assert np.all(np.diff(hhi) < 0)
    text = lab.update(**{**DEFAULTS, "tail_alpha": 1.0})
    assert text.startswith("201 holders: HHI 0.100 (998 in antitrust units), Gini 0.77, Nakamoto coefficient 4 at 51%")
