"""The prompts above ConsensusLab in notebook 11, each driven to the setting it names (see
tests/test_lab_prompts.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import ConsensusLab
from coordlab.models import consensus

GAMMAS = [round(0.05 * k, 2) for k in range(21)]  # every value of the γ slider
SHARES = [round(0.01 * k, 2) for k in range(1, 50)]  # every value of the q slider


@pytest.fixture(scope="module")
def lab():
    return ConsensusLab()


def test_prompt_11_ConsensusLab_1(lab):
    """(1) A 20% attacker needs 13 confirmations to be held below a 10% attacker's chance at 6 (0.0243%)."""
    target = lab.compute(q=0.10, z=6.0, gamma=0.5)["prob"][6]
    assert target == pytest.approx(2.428e-4, rel=1e-3)
    prob = lab.compute(q=0.20, z=6.0, gamma=0.5)["prob"]
    enough = int(np.flatnonzero(prob < target)[0])
    assert enough == 13
    assert prob[12] > 1.2 * target and prob[13] < 0.7 * target  # clear on the summary's 4 decimals, not a tie
    assert enough > 2 * 6  # twice the share, more than twice the depth
    assert "6 blocks deep with probability 0.0243%" in lab.update(q=0.10, z=6.0)
    assert "12 blocks deep with probability 0.0294%" in lab.update(q=0.20, z=12.0)
    assert "13 blocks deep with probability 0.0155%" in lab.update(q=0.20, z=13.0)


def test_prompt_11_ConsensusLab_2(lab):
    """(2) At γ = 1 the threshold is 0: selfish mining pays at every share the slider reaches."""
    assert lab.compute(q=0.3, z=6.0, gamma=1.0)["threshold"] == 0.0
    for q in SHARES:
        r = lab.compute(q=q, z=6.0, gamma=1.0)
        assert r["my_gain"] > 0, q
    assert "profitable above \u03b1 = 0.000; at 1% it pays" in lab.update(q=0.01, gamma=1.0)
    # against γ = 0.5 (the default), where a pool needs more than a quarter
    assert lab.compute(q=0.3, z=6.0, gamma=0.5)["threshold"] == pytest.approx(0.25)
    assert "at 1% it does not pay" in lab.update(q=0.01, gamma=0.5)


def test_prompt_11_ConsensusLab_3(lab):
    """(3) Faster propagation means a higher γ: a lower threshold and a larger gain, so selfish mining pays smaller
    pools.
    """
    thresholds = [lab.compute(q=0.30, z=6.0, gamma=g)["threshold"] for g in GAMMAS]
    assert thresholds[0] == pytest.approx(1 / 3) and thresholds[-1] == 0.0
    assert all(a > b for a, b in zip(thresholds, thresholds[1:]))  # falls at every step of the slider
    gains = [lab.compute(q=0.30, z=6.0, gamma=g)["my_gain"] for g in GAMMAS]
    assert all(a < b for a, b in zip(gains, gains[1:]))  # a 30% pool gains more at every step
    assert gains[0] < 0 < gains[-1]
    # a 20% pool loses by withholding up to γ = 0.65 and gains from γ = 0.7 (the threshold crosses 0.2 at γ = 2/3)
    pays = [lab.compute(q=0.20, z=6.0, gamma=g)["my_gain"] > 0 for g in GAMMAS]
    assert pays.index(True) == GAMMAS.index(0.7) and all(pays[GAMMAS.index(0.7) :])
    assert consensus.selfish_threshold(0.65) > 0.2 > consensus.selfish_threshold(0.7)
