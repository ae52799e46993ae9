"""Concentration metrics, DeGroot consensus and Hawkes processes (models of notebook 04)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import concentration as cc
from coordlab.models import sentiment as se
from shared_defaults import default, slider

amounts = st.lists(st.floats(0.0, 1e6), min_size=1, max_size=40).filter(lambda xs: sum(xs) > 1e-3)


def test_hhi_gini_nakamoto_by_hand():
    assert cc.hhi([40, 30, 20, 10]) == pytest.approx(0.16 + 0.09 + 0.04 + 0.01)
    assert cc.hhi([1] * 8) == pytest.approx(1 / 8)
    # Gini by the mean-absolute-difference definition: sum |xi - xj| / (2 n^2 mean)
    x = np.array([3.0, 1.0, 7.0, 2.0, 2.0])
    mad = np.abs(x[:, None] - x[None, :]).sum() / (2 * x.size**2 * x.mean())
    assert cc.gini(x) == pytest.approx(mad)
    assert cc.gini([0, 0, 0, 0, 5]) == pytest.approx(0.8)
    assert cc.nakamoto_coefficient([25, 25, 25, 25], 0.51) == 3
    assert cc.nakamoto_coefficient([50, 50], 0.5) == 2  # must exceed, not reach


@settings(max_examples=60, deadline=None)
@given(amounts)
def test_metric_ranges_and_lorenz_area(xs):
    n = len(xs)
    assert 1 / n - 1e-12 <= cc.hhi(xs) <= 1 + 1e-12
    g = cc.gini(xs)
    assert -1e-12 <= g <= 1 - 1 / n + 1e-12
    c = cc.lorenz_curve(xs)
    lx, ly = c.holders_share, c.holdings_share
    area = np.trapezoid(ly, lx)
    assert g == pytest.approx(1 - 2 * area, abs=1e-9)  # Gini = twice the area between diagonal and curve
    k = cc.nakamoto_coefficient(xs, 0.51)
    top = np.sort(cc.shares(xs))[::-1]
    assert top[:k].sum() > 0.51 - 1e-12 and (k == 1 or top[: k - 1].sum() <= 0.51 + 1e-12)


def test_degroot_consensus_is_the_influence_weighted_average():
    W = np.array([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])
    pi = se.influence_weights(W)
    assert pi @ W == pytest.approx(pi) and pi.sum() == pytest.approx(1.0)
    x0 = np.array([1.0, 0.0, -1.0])
    path = se.degroot(W, x0, steps=200)
    assert path[-1] == pytest.approx(np.full(3, pi @ x0), abs=1e-9)


def test_degroot_refuses_what_never_agrees():
    with pytest.raises(ValueError, match="row-stochastic"):
        se.trust_matrix([[0.5, 0.6], [0.5, 0.5]])
    with pytest.raises(ValueError, match="disconnected or its trust is periodic"):
        se.influence_weights([[1.0, 0.0], [0.0, 1.0]])  # two islands
    with pytest.raises(ValueError, match="disconnected or its trust is periodic"):
        se.influence_weights([[0.0, 1.0], [1.0, 0.0]])  # opinions swap for ever


def test_hawkes_stationarity_and_mean_rate():
    with pytest.raises(ValueError, match="stationary"):
        se.simulate_hawkes(1.0, 1.0, 1.0, 10.0)
    mu, alpha, beta = 0.8, 0.6, 1.2
    path = se.simulate_hawkes(mu, alpha, beta, t_max=20_000.0, seed=3)
    rate = path.times.size / path.t_max
    expected = mu / (1 - alpha / beta)
    # variance of the count of a stationary Hawkes process ~ T mu / (1 - n)^3
    sd = math.sqrt(path.t_max * mu / (1 - alpha / beta) ** 3) / path.t_max
    assert rate == pytest.approx(expected, abs=4 * sd)
    assert se.hawkes_mean_intensity(mu, alpha, beta) == pytest.approx(expected)


def test_hawkes_is_seeded_and_poisson_without_excitation():
    a = se.simulate_hawkes(1.0, 0.5, 1.0, 50.0, seed=9)
    b = se.simulate_hawkes(1.0, 0.5, 1.0, 50.0, seed=9)
    assert np.array_equal(a.times, b.times)
    p = se.simulate_hawkes(2.0, 0.0, 1.0, 5000.0, seed=4)
    gaps = np.diff(p.times)
    assert gaps.mean() == pytest.approx(0.5, rel=0.05)  # exponential gaps of mean 1/mu
    assert gaps.std() == pytest.approx(0.5, rel=0.08)


def test_intensity_jumps_after_each_event():
    p = se.HawkesPath(times=np.array([1.0, 2.0]), t_max=3.0, mu=0.5, alpha=1.0, beta=2.0)
    lam = se.hawkes_intensity(p, [1.0, 1.0 + 1e-9, 2.5])
    assert lam[0] == 0.5 and lam[1] == pytest.approx(1.5)
    assert lam[2] == pytest.approx(0.5 + math.exp(-2 * 1.5) + math.exp(-2 * 0.5))


# --- Regressions: inputs at the edges of the declared constraints ----------------------------------


def test_huge_and_tiny_holdings_do_not_overflow():
    # the sums overflowed: 20 holders of 1e307 had a Nakamoto coefficient of 21 and an HHI of 0
    assert cc.nakamoto_coefficient([1e307] * 20) == 11
    assert cc.hhi([1e307] * 20) == pytest.approx(0.05)
    assert cc.gini([1e307] * 20) == 0.0
    assert cc.concentration([1.7e308, 1.7e308, 1.0]).top_share == pytest.approx(0.5)
    assert cc.hhi([5e-324, 5e-324]) == 0.5  # subnormal amounts are rescaled too
    assert cc.hhi([4e300, 1e300, 1e300, 4e300]) == cc.hhi([4, 1, 1, 4])


def test_masked_holdings_are_refused_not_read_with_their_masked_values():
    with pytest.raises(TypeError, match="holdings must not have masked values"):
        cc.hhi(np.ma.masked_array([90, 5, 5], mask=[1, 0, 0]))
    assert cc.hhi(np.ma.masked_array([90, 5, 5], mask=[1, 0, 0]).compressed()) == 0.5


def test_nakamoto_coefficient_never_exceeds_the_number_of_holders():
    # ten equal shares sum to 0.9999999999999999 < threshold: searchsorted answered 11
    assert cc.nakamoto_coefficient([1.0] * 10, float(np.nextafter(1.0, 0.0))) == 10


def test_sentiment_sizes_are_capped():
    with pytest.raises(ValueError, match="W must have at most 300 members"):
        se.trust_matrix(np.full((301, 301), 1 / 301))
    with pytest.raises(ValueError, match="steps x members"):
        se.degroot(np.full((300, 300), 1 / 300), np.zeros(300), steps=100_000)
    with pytest.raises(ValueError, match="expected events"):
        se.simulate_hawkes(10.0, 0.5, 1.0, t_max=1e5)
    with pytest.raises(ValueError, match="mu must be in"):
        se.simulate_hawkes(5e-324, 0.5, 1.0, t_max=10.0)  # 1 / mu overflowed
    with pytest.raises(ValueError, match="W must have entries in"):
        se.trust_matrix([[1e308, 1e308], [0.5, 0.5]])  # the row sum overflowed


def test_concentration_lab_shares_the_models_constants() -> None:
    """labs.community's holders are synthetic_holders' defaults."""

    from coordlab.labs import community as lab
    from coordlab.models import concentration as m

    assert default(m.synthetic_holders, "n") == m.SYNTHETIC_HOLDERS == 200
    assert (
        slider(lab.CommunityRiskLab, "whale_share")
        == default(m.synthetic_holders, "whale_share")
        == m.SYNTHETIC_WHALE_SHARE
    )
    assert (
        slider(lab.CommunityRiskLab, "tail_alpha")
        == default(m.synthetic_holders, "tail_alpha")
        == m.SYNTHETIC_TAIL_ALPHA
    )
    assert (m.SYNTHETIC_WHALE_SHARE, m.SYNTHETIC_TAIL_ALPHA) == (0.2, 1.16)
    assert lab.CommunityRiskLab().update().startswith(f"{m.SYNTHETIC_HOLDERS + 1} holders")
