"""The prompts above LiquidityTrapLab and TerraLab in notebook 06, each driven to the setting it names (see
tests/test_lab_prompts.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import LiquidityTrapLab, TerraLab

TRAP = dict(depth=40, flow=10.0, shock=20, tolerance=1.0, eta=0.5)
TOLERANCES = [round(0.6 + 0.05 * k, 2) for k in range(29)]  # every value of the tolerance slider
SPEEDS = [round(0.1 + 0.05 * k, 2) for k in range(39)]  # every value of the withdrawal-speed slider
TERRA = dict(redemptions=0.5, base_pool=50.0, recovery=36.0, depth=2.0)


@pytest.fixture(scope="module")
def trap():
    return LiquidityTrapLab()


@pytest.fixture(scope="module")
def terra():
    return TerraLab()


def _pool(trap, **values):
    """(L*, depth after the shock day, depth on day 40) at the lab's settings ``values``."""
    r = trap.compute(**{**TRAP, **values})
    return r["lstar"], float(r["depth"][6]), float(r["depth"][-1])


def _saved(trap, **values):
    lstar, after, end = _pool(trap, **values)
    return after >= lstar and end == after  # above (or at) L*: no LP leaves after day 5


def _halt(terra, **values):
    """The hour the chain halts (LUNA below $0.0001), or None if it lasts the five days; and the path."""
    p = terra.compute(**{**TERRA, **values})["path"]
    halted = np.flatnonzero(p.luna_price < 1e-4)
    return (int(halted[0]) if halted.size else None), p


def test_prompt_06_LiquidityTrapLab_1(trap):
    """(1) The smallest shock that breaks the pool is 51 M: 50 M leaves it exactly at L* = 20 M, where it holds."""
    survives = [s for s in range(0, 101) if _saved(trap, shock=s)]
    assert survives == list(range(0, 51))  # every shock up to 50 M, none above
    assert _pool(trap, shock=50) == (20.0, 20.0, 20.0)  # on L* exactly: sigma = sigma_max, no withdrawal
    lstar, after, end = _pool(trap, shock=51)
    assert (after, end) == (19.5, 0.0)  # half a million below L*, then to zero
    assert "exactly at L*" in trap.update(**{**TRAP, "shock": 50})
    assert "below L*: the withdrawal loop runs away and the pool empties on day 23" in trap.update(
        **{**TRAP, "shock": 51}
    )
    # the threshold from the rule: the shock day's withdrawal 0.5 x ((10 + S)/40 - 0.5) takes 40 M to 20 M at S = 50
    assert 40 * (1 - 0.5 * ((10 + 50) / 40 + 0.5 - 1.0)) == 20.0


def test_prompt_06_LiquidityTrapLab_2(trap):
    """(2) A 70 M shock: tolerance 1.25 saves the pool (L* 20 → 13.3 M), and so does speed 0.3 (L* stays 20 M)."""
    assert _pool(trap, shock=70) == (20.0, 10.0, 0.0)
    assert "empties on day 10" in trap.update(**{**TRAP, "shock": 70})
    # each lever alone, the other at its default: both save the pool
    tol = [t for t in TOLERANCES if _saved(trap, shock=70, tolerance=t)]
    speed = [e for e in SPEEDS if _saved(trap, shock=70, eta=e)]
    assert tol == [t for t in TOLERANCES if t >= 1.25]  # tolerance must rise to 1.25 (five steps)...
    assert speed == [e for e in SPEEDS if e <= 0.3]  # ...or speed fall to 0.3 (four steps)
    lstar, after, _ = _pool(trap, shock=70, tolerance=1.25)
    assert lstar == pytest.approx(13.33, abs=0.005) and after == pytest.approx(15.0)  # L* falls below the pool
    lstar, after, _ = _pool(trap, shock=70, eta=0.3)
    assert lstar == 20.0 and after == pytest.approx(22.0)  # L* unchanged: the shock day pulls less depth
    # only the tolerance moves L*: the speed leaves it at 20 M everywhere on its slider
    assert {round(_pool(trap, shock=70, eta=e)[0], 9) for e in SPEEDS} == {20.0}
    assert len({_pool(trap, shock=70, tolerance=t)[0] for t in TOLERANCES}) == len(TOLERANCES)
    # not a knife-edge: one step short, each lever fails by a visible margin
    lstar, after, _ = _pool(trap, shock=70, tolerance=1.2)
    assert after == pytest.approx(14.0) and lstar == pytest.approx(14.29, abs=0.005)
    lstar, after, _ = _pool(trap, shock=70, eta=0.35)
    assert after == pytest.approx(19.0) and lstar == 20.0


def test_prompt_06_LiquidityTrapLab_3(trap):
    """(3) Halving the steady selling halves L*: 20 M → 10 M (L* = βq/(σ_max − σ0) is proportional to q)."""
    assert _pool(trap, flow=10.0)[0] == 20.0 and _pool(trap, flow=5.0)[0] == 10.0
    assert trap.update(**{**TRAP, "flow": 5.0}).startswith("Critical depth L* = 10.0 M.")
    for t in (0.6, 1.0, 1.25, 2.0):  # whatever tolerance (2) left on the slider
        assert _pool(trap, flow=5.0, tolerance=t)[0] == pytest.approx(_pool(trap, flow=10.0, tolerance=t)[0] / 2)


def test_prompt_06_TerraLab_1(terra):
    """(1) Recovery 14 400 blocks: no halt in five days, LUNA still $74.36, but the spread averages 97%: ~3 cents a
    UST.
    """
    hours36, _ = _halt(terra)
    assert hours36 == 101
    hours, p = _halt(terra, recovery=14400.0)
    assert hours is None and p.luna_price[-1] == pytest.approx(74.36, abs=0.005)
    assert p.luna_supply[-1] / 1e6 == pytest.approx(346, abs=0.5)  # 345 M → 346 M: hardly any LUNA minted
    spread = p.spread[1:][p.ust_redeemed[1:] > 0].mean()
    assert spread == pytest.approx(0.971, abs=0.0005)
    assert 1 - spread < 0.035  # a redeemer gets about 3 cents of LUNA per UST
    text = terra.update(**{**TERRA, "recovery": 14400.0})
    assert "after 5 days LUNA trades at $74.36" in text and "mean spread 97.1%" in text
    # what a redeemer gets: 3 cents of LUNA per UST, the floor the module puts under UST; at 36 blocks, 95 cents
    assert "1 UST redeems for $0.03 of LUNA" in text and "1 UST redeems for $0.95 of LUNA" in terra.update(**TERRA)
    # the survival rests on the assumed flow: the model keeps redeeming 0.5 bn a day at that spread
    assert np.all(p.ust_redeemed[1:] == 0.5e9 / 24)
    # not a knife-edge: the spiral is already stopped from 360 blocks (an hour) on, and still runs at 100
    assert _halt(terra, recovery=360.0)[0] is None and _halt(terra, recovery=100.0)[0] == 110


def test_prompt_06_TerraLab_2(terra):
    """(2) Proposal 1164 (BasePool 50 → 100 M SDR and recovery 36 → 18 blocks) brings the halt from 101 to 98 hours.

    Each change alone costs two hours (99); both halve the spread, so each UST mints more LUNA.
    """
    before, a = _halt(terra)
    after, b = _halt(terra, base_pool=100.0, recovery=18.0)
    assert (before, after) == (101, 98)
    assert _halt(terra, base_pool=100.0)[0] == 99 and _halt(terra, recovery=18.0)[0] == 99
    assert np.all(b.luna_price[:after] <= a.luna_price[:after])  # lower at every hour until it halts
    spread = [p.spread[1:][p.ust_redeemed[1:] > 0].mean() for p in (a, b, _halt(terra, base_pool=100.0)[1])]
    assert [round(s, 3) for s in spread] == [0.047, 0.012, 0.024]  # a quarter of the spread with both changes
    assert "halts after 98 hours" in terra.update(**{**TERRA, "base_pool": 100.0, "recovery": 18.0})
    # the widget's log slider steps nearest 18 (16.9 and 19.0 blocks) give the same hour
    assert _halt(terra, base_pool=100.0, recovery=17.0)[0] == _halt(terra, base_pool=100.0, recovery=19.0)[0] == 98
    # not a knife-edge: one step of any other slider either way, 1164 still brings the halt forward, and each part too
    for values in (dict(depth=1.9), dict(depth=2.1), dict(redemptions=0.45), dict(redemptions=0.55)):
        base = _halt(terra, **values)[0]
        both = _halt(terra, base_pool=100.0, recovery=18.0, **values)[0]
        alone = [_halt(terra, base_pool=100.0, **values)[0], _halt(terra, recovery=18.0, **values)[0]]
        assert both < min(alone) and max(alone) < base, values


def test_prompt_06_TerraLab_3(terra):
    """(3) The chain lasts the five days from a 2.4 bn LUNA market (2.3 bn halts at hour 116), but LUNA ends at
    $0.005.
    """
    depths = [round(0.2 + 0.1 * k, 1) for k in range(49)]  # every value of the depth slider
    lasting = [d for d in depths if _halt(terra, depth=d)[0] is None]
    assert lasting == [d for d in depths if d >= 2.4]
    assert _halt(terra, depth=2.3)[0] == 116
    hours, p = _halt(terra, depth=2.4)
    assert p.luna_price[-1] == pytest.approx(0.004989, abs=5e-7)  # from $80: down 99.99%
    assert p.luna_price[-1] / p.luna_price[0] < 1e-4
    assert "after 5 days LUNA trades at $0.004989" in terra.update(**{**TERRA, "depth": 2.4})
