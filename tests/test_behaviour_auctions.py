"""QRE, level-k, the volunteer's dilemma and the keepers' entry game (coordlab.models.behaviour) and Maker's
auctions.

Published numbers: McKelvey & Palfrey (1995) asymmetric matching pennies (Nash: column plays Left
with 1/10, row mixes 1/2; the QRE converges to it); Diekmann (1985) closed forms; MakerDAO dss
src/test/abaci.t.sol (LinearDecrease with tau = 3600 and top = 1000: 900, 800, ..., 0 every 6 min).
"""

from __future__ import annotations

import math

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import auctions, behaviour
from shared_defaults import default, slider

RAY = auctions.RAY
AMP_A, AMP_B = [[9, 0], [0, 1]], [[0, 1], [1, 0]]


def test_qre_starts_uniform_and_reaches_nash():
    pts = behaviour.qre_path(AMP_A, AMP_B, [0.0, 1000.0])
    assert pts[0].row == pytest.approx([0.5, 0.5]) and pts[0].col == pytest.approx([0.5, 0.5])
    ((nash_row, nash_col),) = list(nashpy.Game(np.array(AMP_A), np.array(AMP_B)).support_enumeration())
    assert pts[1].row == pytest.approx(nash_row, abs=5e-3) and pts[1].col == pytest.approx(nash_col, abs=5e-3)
    # McKelvey & Palfrey: the row player over-plays Top relative to Nash for every finite precision
    assert all(p.row[0] > 0.5 for p in behaviour.qre_path(AMP_A, AMP_B, [0.5, 2.0, 10.0, 100.0]))


def test_qre_is_a_fixed_point():
    A = np.array([[3.0, 0.0, 2.0], [1.0, 2.0, 0.0]])
    B = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 3.0]])
    for q in behaviour.qre_path(A, B, [0.5, 3.0, 8.0]):
        ur, uc = A @ q.col, q.row @ B
        assert q.row == pytest.approx(np.exp(q.precision * ur) / np.exp(q.precision * ur).sum(), abs=1e-9)
        assert q.col == pytest.approx(np.exp(q.precision * uc) / np.exp(q.precision * uc).sum(), abs=1e-9)


def test_matching_pennies_qre_is_always_one_half():
    for precision in (0.0, 1.0, 10.0, 100.0):
        q = behaviour.logit_qre([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], precision)
        assert q.row == pytest.approx([0.5, 0.5], abs=1e-9) and q.col == pytest.approx([0.5, 0.5], abs=1e-9)


def test_level_k_and_cognitive_hierarchy_by_hand():
    assert behaviour.level_k_guesses(2 / 3, 2).tolist() == pytest.approx([50, 100 / 3, 200 / 9])
    ch = behaviour.cognitive_hierarchy_guess(tau=1.5, p=2 / 3, levels=30)
    g, avg = ch.guesses, ch.average
    f = np.array([math.exp(-1.5) * 1.5**k / math.factorial(k) for k in range(3)])
    assert g[2] == pytest.approx(2 / 3 * (f[0] * 50 + f[1] * g[1]) / (f[0] + f[1]))
    assert 0 < avg < 50


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 200), st.floats(0.01, 0.99))
def test_volunteer_dilemma_closed_form(n, r):
    eq = behaviour.volunteer_dilemma(n, 1.0, r)
    # abstaining is a best response: (1 - q^(n-1)) * b == b - c
    assert 1.0 - eq.abstain ** (n - 1) == pytest.approx(1.0 - r)
    assert eq.nobody == pytest.approx(eq.abstain**n)
    if n < 200:
        assert behaviour.volunteer_dilemma(n + 1, 1.0, r).nobody >= eq.nobody - 1e-15  # rises with N
    assert eq.nobody < r + 1e-12


def test_volunteer_dilemma_by_simulation():
    n, r = 5, 0.3
    eq = behaviour.volunteer_dilemma(n, 1.0, r)
    rng = np.random.default_rng(7)
    nobody = (rng.random((200_000, n)) < eq.abstain).all(axis=1).mean()
    assert nobody == pytest.approx(eq.nobody, abs=4 * math.sqrt(eq.nobody * (1 - eq.nobody) / 200_000))


def test_volunteer_qre_limits():
    assert behaviour.volunteer_qre(7, 1.0, 0.4, 0.0) == 0.5
    p = behaviour.volunteer_qre(7, 1.0, 0.4, 1e4)
    assert 1 - p == pytest.approx(behaviour.volunteer_dilemma(7, 1.0, 0.4).abstain, abs=1e-3)
    p = behaviour.volunteer_qre(7, 1.0, 0.4, 3.0)
    assert p == pytest.approx(1 / (1 + math.exp(-3.0 * ((1 - p) ** 6 - 0.4))), abs=1e-12)


def test_maker_linear_decrease_vectors():
    """dss src/test/abaci.t.sol test_linear_decrease."""
    for k in range(11):
        assert auctions.linear_decrease(1000 * RAY, 360 * k, tau=3600) == (1000 - 100 * k) * RAY
    assert auctions.linear_decrease(1000 * RAY, 4000, tau=3600) == 0


def test_rpow_matches_the_contract_rounding():
    # half-up rounding at each squaring, as in abaci.sol's assembly rpow
    x = 99 * RAY // 100
    z, base, n = RAY, x, 10
    while n:
        if n % 2:
            z = (z * base + RAY // 2) // RAY
        base = (base * base + RAY // 2) // RAY
        n //= 2
    assert auctions.rpow(x, 10) == z
    assert abs(auctions.rpow(x, 10) / RAY - 0.99**10) < 1e-15
    assert auctions.rpow(RAY, 10**6) == RAY


def test_stairstep_counts_whole_steps_and_never_rises():
    top, cut = 1000 * RAY, 99 * RAY // 100
    prices = [auctions.stairstep_exponential_decrease(top, t, cut, 60) for t in range(0, 3600, 7)]
    assert all(b <= a for a, b in zip(prices, prices[1:]))
    assert auctions.stairstep_exponential_decrease(top, 119, cut, 60) == auctions.stairstep_exponential_decrease(
        top, 60, cut, 60
    )
    assert auctions.exponential_decrease(top, 10, cut) == auctions.rmul(top, auctions.rpow(cut, 10))


def test_clip_status_resets():
    top = 100 * RAY
    assert not auctions.clip_status(top, 60 * RAY, dur=100, tail=3600, cusp_ray=40 * RAY // 100)
    assert auctions.clip_status(top, 60 * RAY, dur=3601, tail=3600, cusp_ray=40 * RAY // 100)
    assert auctions.clip_status(top, 39 * RAY, dur=100, tail=3600, cusp_ray=40 * RAY // 100)


# --- The keepers' entry game (behaviour) --------------------------------------------------------------


@pytest.mark.parametrize("n, gain, cost", [(2, 1.0, 0.3), (4, 1.0, 0.3), (10, 1.32, 0.48), (50, 0.63, 0.08)])
def test_entry_game_makes_entry_indifferent(n, gain, cost):
    """Mixed equilibrium: the expected prize of entering, G (1-p)^(N-1), equals the cost; nobody = (c/G)^(N/(N-1))."""
    e = behaviour.entry_game(n, gain, cost)
    assert gain * (1 - e.enter) ** (n - 1) == pytest.approx(cost, rel=1e-12)
    assert e.nobody == pytest.approx((cost / gain) ** (n / (n - 1)), rel=1e-12)
    # the same indifference condition as Diekmann's volunteer's dilemma with b = G
    assert e.nobody == pytest.approx(behaviour.volunteer_dilemma(n, gain, cost).nobody, rel=1e-12)
    assert behaviour.entry_game(n + 1, gain, cost).nobody > e.nobody  # rises with N


def test_entry_game_by_simulation():
    """Against the equilibrium mix, entering and staying out earn the same (0) on average, by simulation."""
    n, gain, cost = 5, 1.0, 0.3
    p = behaviour.entry_game(n, gain, cost).enter
    rng = np.random.default_rng(7)
    rivals = rng.random((400_000, n - 1)) < p
    alone = ~rivals.any(axis=1)
    assert np.mean(gain * alone - cost) == pytest.approx(0.0, abs=0.004)


def test_entry_game_with_a_prize_below_the_cost():
    assert behaviour.entry_game(5, 0.2, 0.3) == behaviour.EntryEquilibrium(n=5, enter=0.0, nobody=1.0)
    assert 0.0 < behaviour.entry_qre(5, 0.2, 0.3, 20.0) < 0.5  # noisy keepers still enter


def test_entry_qre_limits_and_fixed_point():
    assert behaviour.entry_qre(7, 1.0, 0.4, 0.0) == 0.5
    assert behaviour.entry_qre(7, 1.0, 0.4, 1e4) == pytest.approx(behaviour.entry_game(7, 1.0, 0.4).enter, abs=1e-3)
    p = behaviour.entry_qre(7, 1.0, 0.4, 3.0)
    assert p == pytest.approx(1 / (1 + math.exp(-3.0 * ((1 - p) ** 6 - 0.4))), abs=1e-12)
    assert behaviour.entry_qre(7, 1.0, 0.4, 3.0) == pytest.approx(behaviour.volunteer_qre(7, 1.0, 0.4, 3.0), abs=1e-12)


def test_entry_cognitive_hierarchy_by_hand():
    """Level 1 faces N-1 level-0 rivals entering with 1/2: enters iff G / 2^(N-1) > c; level 2 sees levels 0 and 1."""
    h = behaviour.entry_cognitive_hierarchy(2, gain=1.32, cost=0.48, tau=1.5)
    assert h.enter[1] == 1.0  # 1.32 x 1/2 = 0.66 > 0.48
    w0, w1 = 1 / 2.5, 1.5 / 2.5  # Poisson(1.5) weights of levels 0 and 1, normalised
    rival = w0 * 0.5 + w1 * 1.0
    assert h.enter[2] == (1.0 if 1.32 * (1 - rival) > 0.48 else 0.0) == 0.0
    big = behaviour.entry_cognitive_hierarchy(10, gain=1.32, cost=0.48, tau=1.5)
    assert np.all(big.enter[1:] == 0.0)  # every thinking level expects a crowd
    assert big.population_enter == pytest.approx(0.5 * big.frequency[0], rel=1e-12)
    assert big.nobody == pytest.approx((1 - big.population_enter) ** 10, rel=1e-12)


# --- One auction round and the crash day (auctions) ---------------------------------------------------


def test_auction_entry_accounting():
    """Outcomes sum to one; proceeds and bad debt are the outcome-weighted lone and competitive sales."""
    for floor in (0.0, 0.7):
        o = auctions.auction_entry(10, collateral_value=1.32, floor=floor, entry_cost=0.48, precision=20.0)
        assert o.p_none + o.p_one + o.p_many == pytest.approx(1.0)
        assert o.p_none == pytest.approx((1 - o.entry) ** 10) and o.p_one == pytest.approx(
            10 * o.entry * (1 - o.entry) ** 9
        )
        assert o.lone_proceeds == floor and o.competitive_proceeds == pytest.approx(1.13)
        assert o.lone_gain == pytest.approx(1.32 - floor)
        assert o.proceeds == pytest.approx(o.p_one * floor + o.p_many * 1.13)
        assert o.bad_debt == pytest.approx(o.p_one * (1 - floor))
        assert o.entry == pytest.approx(behaviour.entry_qre(10, 1.32 - floor, 0.48, 20.0), abs=1e-12)


def test_auction_entry_floor_above_the_tab_buys_part_of_the_lot():
    """A floor of 2 per DAI of debt with a tab of 1.13: the lone keeper buys 1.13/2 of the lot and pays the tab."""
    o = auctions.auction_entry(5, collateral_value=2.5, floor=2.0, entry_cost=0.1, precision=20.0)
    assert o.lone_proceeds == pytest.approx(1.13) and o.lone_gain == pytest.approx(2.5 * 1.13 / 2.0 - 1.13)
    assert o.bad_debt == 0.0
    none = auctions.auction_entry(
        5, collateral_value=0.9, floor=1.0, entry_cost=0.1, precision=20.0
    )  # floor above the value
    assert none.p_none == 1.0 and none.proceeds == 0.0 and none.lone_gain == 0.0


def test_dutch_auction_revenue_equivalence_by_simulation():
    """Entrants unsure of their rivals mix take prices by dutch_take_price; the first (highest) taker wins.

    Average proceeds equal the English auction's with the same floor (Myerson 1981; Riley & Samuelson 1981), and an
    entrant's expected gain is the same at every take price it mixes over.
    """
    n, p, value, floor = 6, 0.3, 1.2, 0.7
    rng = np.random.default_rng(11)
    draws = 400_000
    enter = rng.random((draws, n)) < p
    u = rng.random((draws, n))
    prices = np.vectorize(lambda x: auctions.dutch_take_price(x, n, p, value, floor))(np.linspace(0, 1, 2001))
    bids = np.where(enter, np.interp(u, np.linspace(0, 1, 2001), prices), -np.inf)
    top = bids.max(axis=1)
    proceeds = np.where(np.isfinite(top), top, 0.0)
    k = enter.sum(axis=1)
    english = np.where(k == 1, floor, np.where(k >= 2, value, 0.0))
    assert proceeds.mean() == pytest.approx(english.mean(), abs=0.003)
    # indifference: every price in the support earns (value - floor)(1 - p)^(n-1) against the others' mix
    for q in (0.0, 0.3, 0.9):
        b = auctions.dutch_take_price(q, n, p, value, floor)
        win = (1 - p + p * q) ** (n - 1)
        assert (value - b) * win == pytest.approx((value - floor) * (1 - p) ** (n - 1), rel=1e-12)


@pytest.mark.parametrize("n, value, floor, cost", [(10, 1.32, 0.70, 0.48), (4, 1.1, 0.5, 0.2), (6, 0.95, 0.3, 0.1)])
def test_dutch_mixed_bad_debt_by_simulation(n, value, floor, cost):
    """dutch_mixed_bad_debt = E[max(0, 1 - highest take price); sold] with take prices from dutch_take_price."""
    o = auctions.auction_entry(n, collateral_value=value, floor=floor, entry_cost=cost, precision=20.0)
    p = o.entry
    rng = np.random.default_rng(5)
    draws = 400_000
    enter = rng.random((draws, n)) < p
    u = rng.random((draws, n))
    take = value - (value - floor) * ((1 - p) / (1 - p + p * u)) ** (n - 1)  # dutch_take_price, vectorised
    assert auctions.dutch_take_price(0.3, n, p, value, floor) == pytest.approx(
        value - (value - floor) * ((1 - p) / (1 - p + p * 0.3)) ** (n - 1)
    )
    top = np.where(enter, take, -np.inf).max(axis=1)
    sold = np.isfinite(top)
    mc = np.mean(np.where(sold, np.maximum(0.0, 1.0 - top), 0.0))
    assert o.dutch_mixed_bad_debt == pytest.approx(mc, abs=0.002)
    # the same expected payment as the floor accounting (revenue equivalence), a different expected shortfall
    assert np.mean(np.where(sold, top, 0.0)) == pytest.approx(o.p_one * floor + o.p_many * value, abs=0.003)


def test_crash_day_mixed_takes_only_change_clip():
    floor, mixed = auctions.crash_day(), auctions.crash_day(clip_takes="mixed")
    assert np.array_equal(floor.english_bad_debt, mixed.english_bad_debt)
    assert mixed.dutch_bad_debt[-1] < floor.dutch_bad_debt[-1]


def test_no_entry_by_n_matches_auction_entry():
    curve = auctions.no_entry_by_n(50, collateral_value=1.32, floor=0.7, entry_cost=0.48, precision=20.0)
    for n in (2, 7, 50):
        assert curve[n - 2] == pytest.approx(auctions.auction_entry(n, 1.32, 0.7, 0.48, 20.0).p_none, abs=1e-12)


def test_crash_day_is_like_for_like_and_deterministic():
    a, b = auctions.crash_day(), auctions.crash_day()
    assert np.array_equal(a.english_bad_debt, b.english_bad_debt) and np.array_equal(a.dutch_bad_debt, b.dutch_bad_debt)
    assert a.eth_price.max() == 194 and a.eth_price.min() == 97
    assert np.array_equal(a.oracle_price[1:], a.eth_price[:-1])  # the OSM's one-hour delay
    assert a.debt_kicked.sum() == pytest.approx(30.0)
    assert np.all(np.diff(a.english_bad_debt) >= 0) and np.all(np.diff(a.dutch_bad_debt) >= 0)
    # kicked at 150% of the oracle price: at market the collateral is worth less than 1.5x the debt, more than 1x
    v = a.value_at_kick[a.debt_kicked > 0]
    assert np.all(a.value_at_kick[a.debt_kicked == 0] == 0.0)
    assert np.all(v <= 1.5) and np.all(v > 1.2)
    # with a zero floor clip *is* flip: the designs differ only in the floor
    same = auctions.crash_day(cusp=0.0)
    assert same.dutch_bad_debt[-1] == pytest.approx(same.english_bad_debt[-1], rel=1e-12)
    # nothing is left unsold at the end of the day (so nothing escapes the accounting)
    assert a.english_unsold[-1] < 1e-9 and a.dutch_unsold[-1] < 1e-9


def test_crash_day_conserves_debt():
    """Kicked debt = debt sold + debt still unsold; bad debt never exceeds the debt sold."""
    day = auctions.crash_day(gas_spike=10.0, precision=1000.0)
    for bad, unsold in ((day.english_bad_debt, day.english_unsold), (day.dutch_bad_debt, day.dutch_unsold)):
        sold = np.cumsum(day.debt_kicked) - unsold
        assert np.all(sold >= -1e-12) and np.all(bad <= sold + 1e-9)


def test_crash_day_unsold_auctions_are_re_run_not_free():
    """An auction nobody enters carries over: at 10x gas more debt is in auction at hour 14 than at 6x."""
    six, ten = auctions.crash_day(gas_spike=6.0), auctions.crash_day(gas_spike=10.0)
    assert ten.dutch_unsold[14] > six.dutch_unsold[14] > 1.0


# --- Regressions: declared constraints and the cost of the largest call ----------------------------


def test_logit_qre_at_the_largest_precision_is_fast():
    import time

    start = time.perf_counter()
    q = behaviour.logit_qre(AMP_A, AMP_B, precision=1000.0)  # took 28 s at precision = 1e4 before the exact Jacobian
    assert time.perf_counter() - start < 10.0
    assert q.col[0] == pytest.approx(0.1, abs=1e-3)
    with pytest.raises(ValueError, match=r"precision must be in \[0, 1000\]"):
        behaviour.logit_qre(AMP_A, AMP_B, precision=1e4)
    with pytest.raises(ValueError, match="precisions must be a 1-D array"):
        behaviour.qre_path(AMP_A, AMP_B, 1.0)  # was "'float' object is not subscriptable"
    with pytest.raises(ValueError, match="2 to 20 actions per player"):
        behaviour.qre_path(np.ones((2, 200)), np.ones((2, 200)), [1.0])


def test_auction_integers_are_declared_uint256():
    assert not hasattr(auctions, "_uint")
    assert auctions.rmul.__coordlab_params__["x"] == auctions.UINT
    assert auctions.UINT.high == 2**256 - 1 and auctions.RAY_FRACTION.high == RAY
    with pytest.raises(ValueError, match=r"top times the price factor overflows uint256"):
        auctions.linear_decrease(2**256 - 1, 0, 3600)
    with pytest.raises(ValueError, match=r"tau must be in \[1, "):
        auctions.linear_decrease(RAY, 0, 0)
    with pytest.raises(ValueError, match=r"cut must be in \[0, "):
        auctions.exponential_decrease(RAY, 1, RAY + 1)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 200), st.floats(0.01, 0.99), st.floats(1e-3, 1e3))
def test_volunteer_dilemma_depends_only_on_the_cost_ratio(n, ratio, scale):
    """Issue 17: only cost / benefit (Diekmann's K/U) matters; scaling both leaves the equilibrium unchanged."""
    one = behaviour.volunteer_dilemma(n, 1.0, ratio)
    scaled = behaviour.volunteer_dilemma(n, scale, ratio * scale)
    assert scaled.cost_ratio == pytest.approx(ratio, rel=1e-12) and one.cost_ratio == ratio
    assert scaled.abstain == pytest.approx(one.abstain, rel=1e-9)
    assert scaled.nobody == pytest.approx(one.nobody, rel=1e-9)
    exact = behaviour.volunteer_dilemma(n, 4.0, 4.0 * ratio)  # a power of two: the same floats exactly
    assert (exact.abstain, exact.nobody) == (one.abstain, one.nobody)


def test_entry_qre_array_is_entry_qre_elementwise():
    """Issue 17: the vectorised solver auctions uses is public (it was behaviour._entry_qre_array)."""
    n, gain, cost = np.array([2, 5, 10, 50]), np.array([1.0, 1.32, 0.2, 0.63]), np.array([0.3, 0.48, 0.3, 0.48])
    p = behaviour.entry_qre_array(n, gain, cost, precision=20.0)
    assert p.tolist() == pytest.approx(
        [behaviour.entry_qre(int(k), g, c, precision=20.0) for k, g, c in zip(n, gain, cost)], abs=1e-13
    )
    assert behaviour.entry_qre_array(n, gain, cost, 0.0).tolist() == [0.5] * 4
    with pytest.raises(ValueError, match="n must hold whole numbers"):
        behaviour.entry_qre_array([2.5], 1.0, 0.3, 1.0)
    with pytest.raises(ValueError, match="broadcast"):
        behaviour.entry_qre_array([2, 3], [1.0, 1.0, 1.0], 0.3, 1.0)


def test_auctions_lab_shares_the_models_constants() -> None:
    """labs.liquidations (KeeperLab) starts at crash_day's defaults and uses Clipper's buf from the model."""
    import inspect

    from coordlab.labs import liquidations as lab
    from coordlab.models import auctions as m

    assert lab.BUF is m.CLIPPER_BUF == default(m.crash_day, "buf") == 1.2
    assert slider(lab.KeeperLab, "cusp") == default(lab.KeeperLab.compute, "cusp") == m.CLIPPER_CUSP
    assert default(m.crash_day, "cusp") == m.CLIPPER_CUSP == 0.4
    assert slider(lab.KeeperLab, "n_keepers") == default(m.crash_day, "n_keepers") == m.CRASH_KEEPERS == 10
    assert slider(lab.KeeperLab, "gas_cost") == default(m.crash_day, "entry_cost") == m.CRASH_ENTRY_COST == 0.08
    assert slider(lab.KeeperLab, "gas_spike") == default(m.crash_day, "gas_spike") == m.CRASH_GAS_SPIKE == 6.0
    assert slider(lab.KeeperLab, "precision") == default(m.crash_day, "precision") == m.CRASH_PRECISION == 20.0
    assert default(m.crash_day, "total_debt") == m.CRASH_TOTAL_DEBT == 30.0
    assert "debt_max=auctions.CRASH_TOTAL_DEBT" in inspect.getsource(lab.KeeperLab.make_figure)  # the bad-debt axis
