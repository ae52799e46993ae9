"""The prompts above StateMachineLab in notebook 12, each driven to the setting it names (see
tests/test_lab_prompts.py).
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from coordlab.labs import StateMachineLab

LT = 0.825
HOURS = range(25)


@pytest.fixture(scope="module")
def lab():
    return StateMachineLab()


def _states(lab, depth, bonus, sentinel=0.0):
    """The loan after each hour 0-24 at the lab's settings (the lab caches the crash: moving the hour only looks it
    up).
    """
    return [lab.compute(hour=float(h), depth=depth, bonus=bonus, sentinel=sentinel)["state"] for h in HOURS]


def _hf(state) -> float:
    return state.hf / 1e18


def _liquidations(states):
    """``(hour, HF just before, HF after, state after)`` for each hour whose liquidation repaid debt.

    HF just before is the position's HF at that hour's new price, before the liquidator acts.
    """
    out = []
    for h, (prev, s) in enumerate(zip(states, states[1:]), start=1):
        if s.user_debt < prev.user_debt:
            before = _hf(dataclasses.replace(prev, collateral_price=s.collateral_price))
            out.append((h, before, _hf(s) if s.user_debt else float("inf"), s))
    return out


def test_prompt_12_StateMachineLab_1(lab):
    """(1) In the 45% crash (5% bonus, no sentinel), HF jumps up at hours 6, 9 and 15: a liquidation repays half the
    debt.
    """
    states = _states(lab, 45.0, 1.05)
    hf = [_hf(s) for s in states]
    up = [h for h in range(1, 25) if hf[h] > hf[h - 1]]
    assert up == [6, 9, 15], up
    assert [states[h].user_debt / 1e6 for h in (5, 6, 9, 15)] == [12_000.0, 6_000.0, 3_000.0, 1_500.0]
    # every other hour HF falls with the price, and the debt does not move
    assert all(
        hf[h] < hf[h - 1] and states[h].user_debt == states[h - 1].user_debt for h in range(1, 25) if h not in up
    )
    # why it jumps up: each liquidation comes between LT x bonus (0.866) and 1, where repaying half the debt
    # raises HF, to 2 HF - LT x bonus
    line = LT * 1.05
    liqs = _liquidations(states)
    assert [h for h, *_ in liqs] == up
    for _, before, after, s in liqs:
        assert line < before < 1.0 and s.status == "healthy"
        assert after == pytest.approx(2 * before - line, abs=1e-6)
    assert [round(before, 3) for _, before, _, _ in liqs] == [0.977, 0.985, 0.994]
    assert [round(after, 3) for _, _, after, _ in liqs] == [1.087, 1.104, 1.121]
    summary = lab.update(hour=24.0, depth=45.0, bonus=1.05, sentinel=0.0)
    assert "state healthy; HF 1.06" in summary and "(3 liquidations over the crash of 45%, bonus 5%" in summary


def test_prompt_12_StateMachineLab_2(lab):
    """(2) Same crash, a 15% bonus: each liquidation lifts HF by only HF - 0.949 (0.028, 0.019, 0.006); below 0.949
    one takes everything.
    """
    line = LT * 1.15
    assert round(line, 3) == 0.949 and line < 0.95
    liqs = _liquidations(_states(lab, 45.0, 1.15))
    assert [h for h, *_ in liqs] == [6, 7, 8, 9]
    lifts = [after - before for _, before, after, _ in liqs[:3]]
    assert [round(x, 3) for x in lifts] == [0.028, 0.019, 0.006]
    assert all(x == pytest.approx(before - line, abs=1e-6) for x, (_, before, _, _) in zip(lifts, liqs))
    # against 0.110 for the first liquidation with a 5% bonus
    first_at_5 = _liquidations(_states(lab, 45.0, 1.05))[0]
    assert round(first_at_5[2] - first_at_5[1], 3) == 0.110
    assert all(x < 0.03 for x in lifts)
    # the loan stays liquidatable, the price keeps falling, and at hour 9 HF (0.935) is below LT x bonus:
    # the 100% close factor applies, the collateral cannot cover debt x bonus, and all of it goes
    h, before, _, s = liqs[3]
    assert round(before, 3) == 0.935 and before < line
    assert s.status == "bad_debt" and s.user_collateral == 0 and round(s.user_debt / 1e6, 2) == 22.06
    summary = lab.update(hour=24.0, depth=45.0, bonus=1.15, sentinel=0.0)
    assert "state bad debt" in summary and "debt 22.06 USDC" in summary
    # not a property of this crash: at every depth and bonus the lab offers, a half liquidation lifts HF by
    # HF - LT x bonus, and a liquidation below both 0.95 and LT x bonus leaves bad debt
    halves = deep = 0
    for depth, b in itertools.product((20, 30, 40, 45, 50, 55, 60, 65, 70), range(16)):
        bonus = round(1 + b / 100, 2)
        for _, before, after, s in _liquidations(_states(lab, float(depth), bonus)):
            if before >= 0.95:
                assert after == pytest.approx(2 * before - LT * bonus, abs=1e-6)
                halves += 1
            elif before < LT * bonus:
                assert s.status == "bad_debt", (depth, bonus, before)
                deep += 1
    assert halves > 250 and deep > 10, (halves, deep)  # 277 and 13


def test_prompt_12_StateMachineLab_3(lab):
    """(3) 70% crash, 10% bonus: safe with a sentinel delay of 0-2 hours; 3 hours or more turn it into bad debt."""
    ends = [_states(lab, 70.0, 1.10, float(s))[-1] for s in range(13)]
    assert [e.status for e in ends[:3]] == ["healthy"] * 3 and all(e.user_debt == 0 for e in ends[:3])
    assert all(e.status == "bad_debt" for e in ends[3:])
    assert round(ends[3].user_debt / 1e6, 2) == 126.60
    assert "state repaid (no debt left)" in lab.update(hour=24.0, depth=70.0, bonus=1.10, sentinel=2.0)
    assert "state bad debt" in lab.update(hour=24.0, depth=70.0, bonus=1.10, sentinel=3.0)
    # why 3 hours: hour 3 is the first hour the loan is liquidatable, at HF 0.989 (above 0.95, so the sentinel
    # may refuse); by hour 4 HF is 0.898, below LT x bonus (0.9075), and the override's full liquidation takes it all
    states = _states(lab, 70.0, 1.10, 3.0)
    assert [states[h].status for h in (2, 3, 4)] == ["healthy", "liquidatable", "bad_debt"]
    assert round(_hf(states[3]), 3) == 0.989
    assert (
        round(_hf(dataclasses.replace(states[3], collateral_price=states[4].collateral_price)), 3) == 0.898 < LT * 1.10
    )
    # not a knife-edge: one step of depth or bonus either way, the delay that does it is still 3 hours
    for depth, bonus in ((69.0, 1.10), (71.0, 1.10), (70.0, 1.09), (71.0, 1.09)):
        bad = [_states(lab, depth, bonus, float(s))[-1].status == "bad_debt" for s in range(13)]
        assert bad == [False] * 3 + [True] * 10, (depth, bonus)
