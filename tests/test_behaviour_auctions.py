"""QRE, level-k, the volunteer's dilemma (coordlab.models.behaviour) and Maker's auctions (coordlab.models.auctions).

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

RAY = auctions.RAY
AMP_A, AMP_B = [[9, 0], [0, 1]], [[0, 1], [1, 0]]


def test_qre_starts_uniform_and_reaches_nash():
    pts = behaviour.qre_path(AMP_A, AMP_B, [0.0, 1000.0])
    assert pts[0].row == pytest.approx([0.5, 0.5]) and pts[0].col == pytest.approx([0.5, 0.5])
    (nash_row, nash_col), = list(nashpy.Game(np.array(AMP_A), np.array(AMP_B)).support_enumeration())
    assert pts[1].row == pytest.approx(nash_row, abs=5e-3) and pts[1].col == pytest.approx(nash_col, abs=5e-3)
    # McKelvey & Palfrey: the row player over-plays Top relative to Nash for every finite lambda
    assert all(p.row[0] > 0.5 for p in behaviour.qre_path(AMP_A, AMP_B, [0.5, 2.0, 10.0, 100.0]))


def test_qre_is_a_fixed_point():
    A = np.array([[3.0, 0.0, 2.0], [1.0, 2.0, 0.0]])
    B = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 3.0]])
    for q in behaviour.qre_path(A, B, [0.5, 3.0, 8.0]):
        ur, uc = A @ q.col, q.row @ B
        assert q.row == pytest.approx(np.exp(q.lam * ur) / np.exp(q.lam * ur).sum(), abs=1e-9)
        assert q.col == pytest.approx(np.exp(q.lam * uc) / np.exp(q.lam * uc).sum(), abs=1e-9)


def test_matching_pennies_qre_is_always_one_half():
    for lam in (0.0, 1.0, 10.0, 100.0):
        q = behaviour.logit_qre([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], lam)
        assert q.row == pytest.approx([0.5, 0.5], abs=1e-9) and q.col == pytest.approx([0.5, 0.5], abs=1e-9)


def test_level_k_and_cognitive_hierarchy_by_hand():
    assert behaviour.level_k_guesses(2 / 3, 2).tolist() == pytest.approx([50, 100 / 3, 200 / 9])
    g, avg = behaviour.cognitive_hierarchy_guess(tau=1.5, p=2 / 3, levels=30)
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
    assert auctions.stairstep_exponential_decrease(top, 119, cut, 60) == auctions.stairstep_exponential_decrease(top, 60, cut, 60)
    assert auctions.exponential_decrease(top, 10, cut) == auctions.rmul(top, auctions.rpow(cut, 10))


def test_clip_status_resets():
    top = 100 * RAY
    assert not auctions.clip_status(top, 60 * RAY, dur=100, tail=3600, cusp=40 * RAY // 100)
    assert auctions.clip_status(top, 60 * RAY, dur=3601, tail=3600, cusp=40 * RAY // 100)
    assert auctions.clip_status(top, 39 * RAY, dur=100, tail=3600, cusp=40 * RAY // 100)


def test_auction_outcome_accounting():
    o = auctions.auction_outcome(10, 0.48, 20.0)
    assert o.p_no_bid == pytest.approx((1 - o.participation) ** 10)
    assert o.p_single_bid == pytest.approx(10 * o.participation * (1 - o.participation) ** 9)
    assert o.english_bad_debt == pytest.approx(o.p_single_bid)  # collateral 1.3x debt: only lone bids lose
    assert o.dutch_bad_debt == 0.0 and o.dutch_discount == 0.03
    under = auctions.auction_outcome(10, 0.48, 20.0, collateral_ratio=0.8)
    assert under.dutch_bad_debt == pytest.approx((1 - under.p_no_bid) * (1 - 0.8 * 0.97))


def test_replay_is_deterministic_and_flip_loses_more():
    a, b = auctions.replay(), auctions.replay()
    assert np.array_equal(a.english_bad_debt, b.english_bad_debt)
    assert a.eth_price.max() == 194 and a.eth_price.min() == 97
    assert a.debt_liquidated.sum() == pytest.approx(30.0)
    assert np.all(np.diff(a.english_bad_debt) >= 0) and a.english_bad_debt[-1] > 3 * a.dutch_bad_debt[-1]
    calm = auctions.replay(gas_spike=1.0)
    assert calm.english_bad_debt[-1] < a.english_bad_debt[-1]


# --- Regressions: declared constraints and the cost of the largest call ----------------------------


def test_logit_qre_at_the_largest_lam_is_fast():
    import time

    start = time.perf_counter()
    q = behaviour.logit_qre(AMP_A, AMP_B, lam=1000.0)  # took 28 s at lam = 1e4 before the exact Jacobian
    assert time.perf_counter() - start < 10.0
    assert q.col[0] == pytest.approx(0.1, abs=1e-3)
    with pytest.raises(ValueError, match=r"lam must be in \[0, 1000\]"):
        behaviour.logit_qre(AMP_A, AMP_B, lam=1e4)
    with pytest.raises(ValueError, match="lams must be a 1-D array"):
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
