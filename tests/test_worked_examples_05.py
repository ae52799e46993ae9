"""Every number notebook 05's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import KeeperLab
from coordlab.labs.liquidations import N_GRID
from coordlab.models import auctions, behaviour
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB05 = markdown(read(NOTEBOOK_DIR / "05_behavioural_liquidations.ipynb"))
RAY = auctions.RAY
PEAK = 11  # the steepest hour of the stylised crash


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB05, f"the prose no longer says {phrase!r}"


def _peak_round():
    """§3's round at the height of the crash: value, clip's floor, and both designs' outcomes."""
    day = auctions.crash_day()
    value = float(day.value_at_kick[PEAK])
    floor = 0.40 * 1.20 * float(day.oracle_price[PEAK]) * value / float(day.eth_price[PEAK])
    flip = auctions.auction_entry(10, collateral_value=value, floor=0.0, entry_cost=0.48, precision=20.0)
    clip = auctions.auction_entry(10, collateral_value=value, floor=floor, entry_cost=0.48, precision=20.0)
    return day, value, floor, flip, clip


def test_incident_figures_and_ranges():
    """§1: ~50% fall, ~6x gas, $8.32 M at 0 DAI (White Rabbit ~$7.1 M), 4–6.65 M DAI short (figures differ by
    source).
    """
    stated(
        "about **50%**",
        "about **6×**",
        "**About \\$8.32 M of ETH was won with 0-DAI bids**",
        "62,890 ETH",
        "about \\$7.1 M",
        "**4–6.65 M DAI** short",
        "13% penalty",
        "500 k DAI surplus",
        "(Glassnode's mean gas price for the day, near 80 gwei)",
    )


def test_entry_game_formula_and_claims():
    """§2: (1-p)^(N-1) = c/G; P(nobody) = (c/G)^(N/(N-1)) rises with N toward c/G; the same as Diekmann's with b =
    G.
    """
    for gain in (1.0, 0.5):
        nobody = [behaviour.entry_game(n, gain, 0.3).nobody for n in (2, 5, 10, 50, 1000)]
        assert np.all(np.diff(nobody) > 0) and nobody[-1] < 0.3 / gain
        assert nobody[-1] == pytest.approx(0.3 / gain, abs=0.002)
    stated(
        "$G(1-p)^{N-1} = c$",
        "$$1 - p = (c/G)^{1/(N-1)}, \\qquad P(\\text{nobody enters}) = (c/G)^{N/(N-1)},$$",
        "which *rises* with $N$, toward $c/G$",
        "so $G = V$",
        "so $G = V - \\text{floor}$",
    )


def test_qre_claims():
    """§2: own-payoff effect: row > 1/2 at every finite lambda; column above 0.1, reaching it only in the limit."""
    pts = behaviour.qre_path([[9, 0], [0, 1]], [[0, 1], [1, 0]], [0.5, 2.0, 10.0, 100.0])
    assert all(p.row[0] > 0.5 for p in pts) and all(p.col[0] > 0.1 for p in pts)
    assert round(pts[-1].col[0], 2) == 0.1
    stated(
        "row plays Top with 1/2",
        "to Left with 0.1",
        "row leans toward Top for every finite $\\lambda > 0$",
        "column stays above 0.1",
        "Ochs's (1995)",
    )


def test_level_k_keepers():
    """§2: CH keepers at the peak (c = 0.48; prizes 1.32 and 0.63): alternation at N = 2, 3; all thinking levels out
    at N = 10, nobody enters 0.31 in both designs against Nash's 0.32 (flip) and 0.74 (clip)."""
    for n in (2, 3):
        h = behaviour.entry_cognitive_hierarchy(n, 1.32, 0.48, 1.5)
        assert h.enter[1] != h.enter[2] and abs(h.nobody - behaviour.entry_game(n, 1.32, 0.48).nobody) < 0.02
    assert behaviour.entry_cognitive_hierarchy(3, 1.32, 0.48, 1.5).enter[1] == 0.0  # level 1 stays out, 2 enters
    ten = [behaviour.entry_cognitive_hierarchy(10, g, 0.48, 1.5) for g in (1.32, 0.63)]
    assert all(np.all(h.enter[1:] == 0.0) for h in ten)
    assert round(ten[0].nobody, 2) == round(ten[1].nobody, 2) == 0.31
    assert round(behaviour.entry_game(10, 1.32, 0.48).nobody, 2) == 0.32
    assert round(behaviour.entry_game(10, 0.63, 0.48).nobody, 2) == 0.74
    _, value, floor, flip, clip = _peak_round()
    assert (round(flip.lone_gain, 2), round(clip.lone_gain, 2)) == (1.32, 0.63)
    # with two or three keepers: close to Nash for flip's prize, lower than Nash for clip's (level-0 bots enter anyway)
    got = {
        (n, g): (
            round(behaviour.entry_cognitive_hierarchy(n, g, 0.48, 1.5).nobody, 2),
            round(behaviour.entry_game(n, g, 0.48).nobody, 2),
        )
        for n in (2, 3)
        for g in (1.32, 0.63)
    }
    assert got == {(2, 1.32): (0.13, 0.13), (3, 1.32): (0.21, 0.22), (2, 0.63): (0.41, 0.58), (3, 0.63): (0.60, 0.67)}
    assert behaviour.entry_cognitive_hierarchy(2, 1.32, 0.48, 1.5).enter[1] == 1.0  # with two, level 1 enters
    stated(
        "with two, level 1 already enters",
        "(0.13 and 0.21 against 0.13 and 0.22)",
        "(0.41 and 0.60 against 0.58 and 0.67)",
    )
    stated(
        "(cost $c = 0.48$ per DAI of debt; prize 1.32 with the English auction's zero floor, 0.63 with the Dutch "
        "auction's floor)",
        "the chance that nobody enters (0.31) no longer depends on the design, while Nash "
        "predicts 0.32 for flip's prize and 0.74 for clip's smaller one",
    )


def test_maker_test_vector_and_floor():
    assert auctions.linear_decrease(1000 * RAY, 360, tau=3600) == 900 * RAY
    assert round(0.40 * 1.20, 2) == 0.48
    stated(
        "gives 900 after 6 minutes",
        "(0.40 × 1.20 = 0.48 in this notebook's setting)",
        "the smallest first bid is one unit of the contract's RAD precision, $10^{-45}$ DAI",
    )


def test_peak_round():
    """§3: V = 1.32, floor 0.70, tab 1.13; bad debt 0.11 vs 0.37; unsold 52% vs 25%; prize about halved."""
    _, value, floor, flip, clip = _peak_round()
    assert round(value, 2) == 1.32 and round(floor, 2) == 0.70 and auctions.CHOP == 1.13
    assert (round(clip.bad_debt, 2), round(flip.bad_debt, 2)) == (0.11, 0.37)
    assert (round(clip.p_none, 2), round(flip.p_none, 2)) == (0.52, 0.25)
    assert 0.45 < clip.lone_gain / flip.lone_gain < 0.5
    assert round(clip.dutch_mixed_bad_debt, 2) == 0.06
    # a lone entrant's shortfall; mixed takes raise more DAI than the floor accounting (English competitors stop at tab)
    assert round(1 - clip.lone_proceeds, 2) == 0.30
    n, p = 10, clip.entry
    q = 1 - p
    b_max = auctions.dutch_take_price(1.0, n, p, collateral_value=value, floor=floor)
    assert b_max < auctions.CHOP  # every Dutch take buys the whole lot below the cap
    mixed = (1 - q**n) * value - n * p * q ** (n - 1) * (value - floor)  # revenue equivalence, uncapped
    assert (round(mixed, 2), round(clip.proceeds, 2)) == (0.42, 0.39)
    # the same expected payment once English competitors' returned collateral (value - tab) is counted
    assert clip.proceeds + clip.p_many * (value - auctions.CHOP) == pytest.approx(mixed, rel=1e-9)
    stated(
        "(0.30 per DAI of debt instead of all of it)",
        "is 0.11 per DAI of debt against flip's 0.37",
        "0.42 per DAI of debt against 0.39",
        "McAfee and McMillan 1987",
        "counting as payment the collateral that English competitors hand back to the vault owner",
    )
    stated(
        "worth $V = 1.32$ per DAI of debt",
        "1.13 per DAI",
        "clip's floor is 0.70 per DAI of debt",
        "entering costs 0.48 per DAI of debt",
        "about half the time (52% against 25%)",
        "clip's bad debt in this round falls further, to 0.06",
    )


def test_crash_day_description_and_figure_1():
    day = auctions.crash_day()
    assert (day.eth_price.max(), day.eth_price.min(), day.eth_price[-1]) == (194.0, 97.0, 110.0)
    assert np.argmax(day.gas_multiple) == PEAK and round(day.gas_multiple.max()) == 6
    assert day.debt_kicked.sum() == pytest.approx(30.0)
    v = day.value_at_kick[day.debt_kicked > 0]
    assert (round(v.min(), 2), round(v.max(), 2)) == (1.25, 1.49)
    assert round(day.english_bad_debt[-1], 1) == 11.9 and round(day.dutch_bad_debt[-1], 1) == 5.3
    assert day.english_bad_debt[7] < 0.5 < day.english_bad_debt[8] and round(day.english_bad_debt[14], 1) == 11.3
    assert round(day.english_lone_share * 100) == 39 and round(day.dutch_lone_share * 100) == 51
    r = KeeperLab().result
    flip, clip = r["curves"]["flip"], r["curves"]["clip"]
    assert round(flip[0], 2) == 0.15 and N_GRID[np.argmax(flip)] == 10 and round(flip.max(), 2) == 0.25
    assert round(flip[-1], 2) == 0.22
    assert round(clip[0], 2) == 0.49 and N_GRID[np.argmax(clip)] == 5 and round(clip.max(), 2) == 0.53
    assert round(clip[-1], 2) == 0.43 and np.all(clip > flip)
    stated(
        "ETH 194 → 97 (−50%) between hours 6 and 14, 110 by hour 23",
        "30 M DAI kicked over the day",
        "which reaches 6× in the steepest hour",
        "about 1.25–1.49 per DAI of debt on this path",
        "rises from about 0.15 at 2 keepers to a peak of about 0.25 near 10 keepers and eases to about 0.22 at 50",
        "near 0.49 at 2 keepers, peaking at about 0.53 near 5 and easing to about 0.43 at 50",
        "climbs steeply to about 11.3 by hour 14 and ends at about 11.9",
        "ends at about 5.3",
        "flip leaves **11.9 M DAI** of bad debt and clip **5.3 M**",
        "lone entrants bought 39% of the debt sold in flip and 51% in clip",
        "with `cusp` set to 0 the two designs give exactly the same numbers",
    )
    same = auctions.crash_day(cusp=0.0)
    assert np.array_equal(same.dutch_bad_debt, same.english_bad_debt)


def _hl(**change):
    day = auctions.crash_day(**change)
    return float(day.english_bad_debt[-1]), float(day.dutch_bad_debt[-1])


def test_sweep_claims():
    """§4's reading of the sweep table."""
    rows = {
        "entry_cost": (0.04, 0.08, 0.12),
        "precision": (5.0, 20.0, 1000.0),
        "n_keepers": (3, 10, 30),
        "cusp": (0.2, 0.4, 0.6),
        "oracle_lag": (0, 1, 2),
        "trigger": (1.3, 1.5, 1.75),
        "gas_spike": (1.0, 6.0, 10.0),
        "clip_cost_factor": (1.0, 0.5),
        "clip_takes": ("floor", "mixed"),
    }
    ratios = {}
    for name, values in rows.items():
        for x in values:
            f, c = _hl(**{name: x})
            assert f > c
            ratios[(name, x)] = f / c
    others = [r for (name, _), r in ratios.items() if name != "cusp"]
    assert round(min(others), 1) == 1.8 and round(max(others), 1) == 3.6
    assert round(ratios[("cusp", 0.2)], 1) == 1.3 and round(ratios[("cusp", 0.6)]) == 7
    assert [round(_hl(cusp=x)[1], 1) for x in (0.2, 0.6)] == [9.1, 1.6]
    assert [round(_hl(entry_cost=x)[0], 1) for x in (0.04, 0.12)] == [7.0, 15.0]
    # the oracle lag matters less, and a longer lag lowers both
    lags = [_hl(oracle_lag=x) for x in (0, 1, 2)]
    assert lags[0][0] > lags[1][0] > lags[2][0] and lags[0][1] > lags[1][1] > lags[2][1]
    assert max(a[0] for a in lags) - min(a[0] for a in lags) < _hl(entry_cost=0.12)[0] - _hl(entry_cost=0.04)[0]
    # the gas twist: 10x leaves clip less than 6x, because more auctions wait out the crash
    assert round(_hl(gas_spike=10.0)[1], 1) == 4.2 and _hl(gas_spike=10.0)[1] < _hl()[1]
    # each hour of lag moves 4.1 M DAI of kicks past the steepest hours (gas follows the market's fall)
    late = [float(auctions.crash_day(oracle_lag=x).debt_kicked[15:].sum()) for x in (0, 1, 2)]
    assert [round(x, 1) for x in late] == [0.0, 4.1, 8.2]
    assert np.all(auctions.crash_day().gas_multiple[15:] == 1.0)
    six, ten = auctions.crash_day(), auctions.crash_day(gas_spike=10.0)
    assert ten.dutch_unsold[14] > six.dutch_unsold[14]
    assert round(_hl(clip_cost_factor=0.5)[1], 1) == 3.3 and round(_hl(clip_takes="mixed")[1], 1) == 3.3
    stated(
        "between about 1.8 and 3.6 in every row but the floor's",
        "it shrinks to 1.3 (11.9 against 9.1 M)",
        "it grows to 7 (11.9 against 1.6 M)",
        "moves flip from 7.0 to 15.0 M",
        "(from 9.1 M at `cusp` 0.2 to 1.6 M at 0.6)",
        "(4.2 against 5.3 M)",
        "cuts its bad debt from 5.3 to 3.3 M",
        "(4.1 M DAI of debt per hour of lag)",
        "which also lowers clip's bad debt to 3.3 M: the headline errs against clip",
    )


def test_exercise_solutions():
    eq = behaviour.entry_game(4, 1.0, 0.3)
    assert round(1 - eq.enter, 3) == 0.669 and round(eq.nobody, 3) == 0.201
    assert behaviour.entry_game(2, 1.0, 0.3).nobody == pytest.approx(0.09)
    assert behaviour.level_k_guesses(0.5, 2)[2] == 12.5
    assert auctions.linear_decrease(1000 * RAY, 900, 3600) == 750 * RAY
    stair = auctions.stairstep_exponential_decrease(1500 * RAY, 1000, 96 * RAY // 100, 80)
    assert 1000 // 80 == 12 and 13 * 80 == 1040 and round(0.96**12, 4) == 0.6127
    assert round(stair / RAY, 2) == 919.06 and abs(stair / RAY - 1500 * 0.96**12) < 1e-9
    assert round(1500 * 0.96 ** (1000 / 80), 2) == 900.50
    stated(
        "$1 - p = 0.3^{1/3} \\approx 0.669$",
        "$(1-p)^4 = 0.3^{4/3} \\approx 0.201$",
        "$0.3^2 = 0.09$",
        "$50 \\times 0.5^2 = 12.5$",
        "$1000 \\times (3600 - 900)/3600 = 750$ DAI",
        "$\\lfloor 1000/80 \\rfloor = 12$ (the thirteenth cut comes at 1040 s)",
        "$1500 \\times 0.96^{12} = 1500 \\times 0.6127 \\approx 919.06$ DAI",
        "gives 900.50",
    )


def test_summary_headline():
    stated("11.9 vs 5.3 M DAI of bad debt on the stylised day")


def test_version_box_and_limits_facts():
    """The version box's dated facts and the limits' time to the floor with the 2021 ETH curve."""
    # 1% every 90 s from top = 1.2 x price: the last price take accepts is after 91 steps (136.5 min), 0.4808 x price;
    # the next step falls below cusp x top and needs a reset (before tail = 8,400 s)
    top, cut, cusp = 120 * RAY, 99 * RAY // 100, 4 * RAY // 10
    last = auctions.stairstep_exponential_decrease(top, 91 * 90, cut=cut, step=90)
    nxt = auctions.stairstep_exponential_decrease(top, 92 * 90, cut=cut, step=90)
    assert not auctions.clip_status(top, last, 91 * 90, 8400, cusp) and auctions.clip_status(
        top, nxt, 92 * 90, 8400, cusp
    )
    assert 91 * 90 / 60 == 136.5 and 92 * 90 < 8400
    stated(
        "the price takes 136.5 minutes (91 steps) to fall from `top` to the floor",
        "dss commit f632302 (January 2020, the original MCD liquidations)",
        "(`box` in the `Cat`) and `claw`",
        '"was altered compared to the production version"',
        "the April 2021 poll that moved ETH-B to Liquidations 2.0 set a price falling 1% every 90 s, `buf` 1.3, `cusp` "
        "0.4, `tail` 8,400 s and an 8 M DAI `hole`",
        "a September 2021 poll cut ETH-A's `buf` from 1.3 to 1.2",
        "ETH-A's `buf` from September 2021 to October 2022 (1.3 before, 1.10 since)",
        "McAfee and J. McMillan (1987)",
        "a keeper could see a lone standing bid and enter late",
    )


def test_level_k_alternation_by_design():
    """§2: with flip's prize the levels alternate at two and three keepers; with clip's only at two."""
    enter = {
        (n, g): behaviour.entry_cognitive_hierarchy(n, gain=g, cost=0.48, tau=1.5).enter[1:4].astype(int).tolist()
        for n in (2, 3)
        for g in (1.32, 0.63)
    }
    assert enter[(2, 1.32)] == [1, 0, 1] and enter[(3, 1.32)] == [0, 1, 0] and enter[(2, 0.63)] == [0, 1, 0]
    assert enter[(3, 0.63)] == [0, 0, 0]
    stated(
        "With flip's prize and two or three keepers the levels alternate",
        "with clip's smaller prize they alternate only with two, and with three every thinking level up to 3 stays out",
    )


def test_current_eth_a_parameters():
    """Version box: since the 12 October 2022 executive ETH-A has buf 1.10, cusp 0.45, tail 7,200 s (liquidation
    ratio
    145% since 20 August 2021; sky-ecosystem/spells-mainnet src/test/config.sol, 2026). The day with them: 11.9 vs 5.0
    M,
    and with the 145% trigger 12.1 vs 5.4 M; the floor is reached after 79 steps of 90 s (118.5 min), inside tail."""
    assert round(0.45 * 1.10, 3) == 0.495
    assert [round(x, 1) for x in _hl(buf=1.1, cusp=0.45)] == [11.9, 5.0]
    assert [round(x, 1) for x in _hl(buf=1.1, cusp=0.45, trigger=1.45)] == [12.1, 5.4]
    top, cut, cusp = 110 * RAY, 99 * RAY // 100, 45 * RAY // 100
    last = auctions.stairstep_exponential_decrease(top, 79 * 90, cut=cut, step=90)
    nxt = auctions.stairstep_exponential_decrease(top, 80 * 90, cut=cut, step=90)
    assert not auctions.clip_status(top, last, 79 * 90, 7200, cusp) and auctions.clip_status(
        top, nxt, 80 * 90, 7200, cusp
    )
    assert 79 * 90 / 60 == 118.5 and 79 * 90 < 7200
    stated(
        "the executive of 12 October 2022 set ETH-A's `buf` to 1.10, `cusp` to 0.45, `tail` to 7,200 s",
        "ETH-A's liquidation ratio is 145% (since the executive of 20 August 2021)",
        "section 4's day gives 11.9 against 5.0 M DAI of bad debt, and with the 145% trigger as well 12.1 against 5.4 "
        "M",
        "ETH-A's liquidation ratio on Black Thursday (145% since August 2021: version box)",
        "`cusp` 0.4 as in Maker's 2021 ETH auctions (0.45 since October 2022: version box)",
        "118.5 minutes, 79 steps, just inside its 7,200 s `tail`",
    )
