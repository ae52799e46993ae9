"""The prompts above CommunityRiskLab in notebook 04, each driven to the setting it names (see
tests/test_lab_prompts.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import CommunityRiskLab
from coordlab.labs.community import JUMP_VOL, SIGMA, STRIKES, R, T
from coordlab.models import concentration, pricing

DEFAULTS = dict(whale_share=0.2, tail_alpha=1.16, sensitivity=10.0, jump_mean=-0.2)
JUMP_MEANS = [round(-0.3 + 0.05 * k, 2) for k in range(7)]  # every value of the jump-mean slider
WHALES = [round(0.01 * k, 2) for k in range(20, 61)]  # the whale slider from its default, 0.2, up to 0.6
ALPHAS = [round(0.8 + 0.05 * k, 2) for k in range(45)]  # every value of the tail-exponent slider


@pytest.fixture(scope="module")
def lab():
    return CommunityRiskLab()


def _at(lab, **values):
    return lab.compute(**{**DEFAULTS, **values})


def _skew(r):
    """Implied volatility at strike 70 minus at 130, in points (what the summary prints, as a difference)."""
    s = r["smile"]
    lo, hi = int(np.argmin(np.abs(STRIKES - 70.0))), int(np.argmin(np.abs(STRIKES - 130.0)))
    return 100 * float(s.implied_vol[lo] - s.implied_vol[hi])


def _model(whale_share, tail_alpha=1.16, sensitivity=10.0, jump_mean=-0.2):
    """What the lab computes at these settings, at strikes 70 and 130 only: concentration, jump rate, skew."""
    c = concentration.concentration(concentration.synthetic_holders(200, whale_share, tail_alpha))
    lam = pricing.governance_jump_intensity(c.hhi, base_rate=0.5, sensitivity=sensitivity, hhi_ref=0.05)
    s = pricing.governance_smile(100.0, [70.0, 130.0], T, R, SIGMA, lam, jump_mean, JUMP_VOL)
    return c, lam, 100 * float(s.implied_vol[0] - s.implied_vol[1])


def test_prompt_04_CommunityRiskLab_1(lab):
    """(1) Raising the whale from 20% to 60%: HHI 720 → 3 680, Nakamoto 7 → 1, jumps 0.62 → 12.02 a year, total
    volatility 62.5% → 98.0%, and the skew (70 against 130) 4.2 → 21.5 points, rising at every step."""
    runs = [_model(w) for w in WHALES]
    hhi = np.array([c.hhi for c, _, _ in runs])
    majority = [c.nakamoto_majority for c, _, _ in runs]
    bft = [c.nakamoto_bft for c, _, _ in runs]
    lam = np.array([x for _, x, _ in runs])
    skew = np.array([x for _, _, x in runs])
    for k in (0, -1):  # the model is the lab's, at the lab's settings
        r = _at(lab, whale_share=WHALES[k])
        assert r["c"].hhi == hhi[k] and _skew(r) == pytest.approx(skew[k], rel=1e-9)
    assert np.all(np.diff(hhi) > 0) and np.all(np.diff(lam) > 0)  # HHI and the jump rate rise at every step
    assert np.all(np.diff(majority) <= 0) and np.all(np.diff(bft) <= 0)  # fewer holders needed, never more
    assert np.all(np.diff(skew) > 0)  # and the skew steepens at every step
    assert round(hhi[0] * 1e4) == 720 and round(hhi[-1] * 1e4) == 3680
    assert (majority[0], majority[-1]) == (7, 1) and (bft[0], bft[-1]) == (2, 1)
    assert (round(lam[0], 2), round(lam[-1], 2)) == (0.62, 12.02)
    assert (round(skew[0], 1), round(skew[-1], 1)) == (4.2, 21.5)
    text = lab.update(**{**DEFAULTS, "whale_share": 0.6})
    assert "HHI 0.368 (3680 in antitrust units)" in text and "Nakamoto coefficient 1 at 51%, 1 at 1/3" in text
    assert "12.02 jumps a year" in text and "total volatility 98.0%" in text
    assert "105.0% at strike 70, 92.7% at 100, 83.5% at 130" in text


def test_prompt_04_CommunityRiskLab_2(lab):
    """(2) Mean jump 0: the skew is gone (under 0.1 point between 70 and 130; a faint smile, both wings a little
    above
    the money), and the at-the-money call is Black-Scholes's at the same variance to the cent (6.96 against 6.96);
    at the default -0.2 the skew is 4.2 points and the call 0.08 cheaper than Black-Scholes (7.12 against
    7.19 as the lab prints them, rounded)."""
    r = _at(lab, jump_mean=0.0)
    s, i = r["smile"], r["i_atm"]
    assert abs(_skew(r)) < 0.1
    assert s.implied_vol[0] > s.implied_vol[i] < s.implied_vol[-1]  # a smile, not a skew
    assert round(s.merton[i], 2) == round(s.black_scholes_same_variance[i], 2) == 6.96
    d = _at(lab)
    assert round(_skew(d), 1) == 4.2 and round(d["smile"].premium_same_variance[i], 2) == -0.08
    # the skew grows with the jump's downward mean at every step of the slider, at every whale tried
    for w in (0.2, 0.4, 0.6):
        skews = [_model(w, jump_mean=m)[2] for m in JUMP_MEANS]
        assert np.all(np.diff(skews) < 0)  # -0.3 (steepest) → 0 (flat)
    text = lab.update(**{**DEFAULTS, "jump_mean": 0.0})
    assert "mean log size +0.00" in text and "60.6% at strike 70, 60.5% at 100, 60.6% at 130" in text
    assert "at-the-money call 6.96 against 6.96" in text


def test_prompt_04_CommunityRiskLab_3(lab):
    """(3) Whale fixed at 20%, tail exponent 1.16 → 1.0: HHI 720 → 998, Nakamoto 7 → 4; the whale's 0.04 is 40% of
    HHI,
    the rest is the tail's, whose top holder now holds 22%, more than the whale (the slider's "largest holder")."""
    before, after = _at(lab, tail_alpha=1.16)["c"], _at(lab, tail_alpha=1.0)["c"]
    assert (round(before.hhi * 1e4), round(after.hhi * 1e4)) == (720, 998)
    assert (before.nakamoto_majority, after.nakamoto_majority) == (7, 4)
    whale = 0.2**2
    assert whale / before.hhi == pytest.approx(0.556, abs=0.001)  # more than half of HHI was the whale's
    assert whale / after.hhi == pytest.approx(0.401, abs=0.001)  # now 40%: the tail makes up the rest
    # the rest: the tail's top holders grew; the largest other holder now holds more than the whale
    holders = concentration.synthetic_holders(200, 0.2, 1.0)
    assert holders[0] == 0.2 and holders[1:].max() == pytest.approx(0.220, abs=0.0005)
    assert concentration.synthetic_holders(200, 0.2, 1.16)[1:].max() < 0.2
    top = np.sort(holders[1:])[::-1]
    assert top[0] ** 2 > whale and top[0] ** 2 / after.hhi == pytest.approx(
        0.486, abs=0.001
    )  # the top tail holder alone
    assert (whale + top[0] ** 2 + top[1] ** 2) / after.hhi > 0.94  # whale and two others: 94%+
    # not a knife-edge: one slider step either side, the whale's part is still below half and HHI still up by 40%+
    for a in (0.95, 1.05):
        c = _at(lab, tail_alpha=a)["c"]
        assert whale / c.hhi < 0.46 and c.hhi > 1.2 * before.hhi and c.nakamoto_majority < 7
    # the direction holds across the slider: a more unequal tail never lowers HHI with the whale fixed
    hhi = [_model(0.2, a)[0].hhi for a in ALPHAS]
    assert np.all(np.diff(hhi) < 0)
    text = lab.update(**{**DEFAULTS, "tail_alpha": 1.0})
    assert text.startswith("201 holders: HHI 0.100 (998 in antitrust units), Gini 0.77, Nakamoto coefficient 4 at 51%")
