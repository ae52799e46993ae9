"""Eisenberg–Noe clearing, Rogers–Veraart default costs (their published examples), shocks and opacity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import contagion as C


def test_rogers_veraart_example_3_3():
    """RV (2013) Example 3.3: p* = (2, 2.2); with K_1 = 2.2, p* = (2.2, 2.2)."""
    assert C.clear(C.Network([[0, 2], [2.2, 0]], [1, 1]), 0.5, 0.5).p.tolist() == [2.0, 2.2]
    assert C.clear(C.Network([[0, 2.2], [2.2, 0]], [1, 1]), 0.5, 0.5).p.tolist() == [2.2, 2.2]


def test_rogers_veraart_circular_network_section_5_1():
    """RV §5.1: all six banks insolvent, the closed-form greatest clearing vector, even banks fail first."""
    gamma, eps, a, alpha, beta = 0.4, 1.0, 2.0, 0.5, 0.5
    L = np.zeros((6, 6))
    L[0, 1] = L[2, 3] = L[4, 5] = a
    L[1, 2] = L[3, 4] = L[5, 0] = a + eps
    r = C.clear(C.Network(L, [gamma * (1 - eps), gamma * (1 + eps)] * 3), alpha, beta)
    odd = alpha * gamma / (1 - beta**2) * ((1 - eps) + beta * (1 + eps))
    even = alpha * gamma / (1 - beta**2) * (beta * (1 - eps) + (1 + eps))
    assert r.p == pytest.approx([odd, even] * 3, abs=1e-12)
    assert r.wave.tolist() == [2, 1, 2, 1, 2, 1] and r.defaulted.all()


def _is_clearing(net, p, alpha=1.0, beta=1.0):
    assets = net.e + net.Pi.T @ p
    solvent = assets >= net.pbar - 1e-9
    expected = np.where(solvent, net.pbar, alpha * net.e + beta * (net.Pi.T @ p))
    return np.allclose(p, np.minimum(expected, net.pbar), atol=1e-8)


def _picard(net, iterations=5000):
    """The greatest fixed point by iterating the clearing map from pbar (Eisenberg–Noe, Theorem 2)."""
    p = net.pbar.copy()
    for _ in range(iterations):
        p = np.minimum(net.pbar, net.e + net.Pi.T @ p)
    return p


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 25), p_link=st.floats(0.05, 0.8), seed=st.integers(0, 10_000), shock=st.floats(0.0, 0.9))
def test_eisenberg_noe_properties(n, p_link, seed, shock):
    net = C.random_network(n, p_link, buffer=0.05, seed=seed)
    rng = np.random.default_rng(seed)
    shocked = net.with_external(net.e * (1 - shock * rng.random(n)))
    r = C.clear(shocked)
    assert _is_clearing(shocked, r.p)
    assert r.p == pytest.approx(_picard(shocked), abs=1e-7)                  # the greatest clearing vector
    assert r.equity.sum() == pytest.approx(shocked.e.sum(), rel=1e-9, abs=1e-9)   # conservation without default costs
    assert r.rounds <= n and np.all((r.wave > 0) == (r.p < shocked.pbar - 1e-9))
    if r.defaulted.any():
        assert set(np.unique(r.wave[r.defaulted])) == set(range(1, r.waves + 1))  # waves are consecutive


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 20), seed=st.integers(0, 10_000), ab=st.floats(0.1, 1.0))
def test_default_costs_only_lower_payments(n, seed, ab):
    net = C.random_network(n, 0.3, buffer=0.02, seed=seed)
    shocked = net.with_external(net.e * np.random.default_rng(seed).uniform(0.2, 1.0, n))
    en, rv = C.clear(shocked), C.clear(shocked, ab, ab)
    assert _is_clearing(shocked, rv.p, ab, ab)
    assert np.all(rv.p <= en.p + 1e-9) and rv.defaulted.sum() >= en.defaulted.sum()
    assert rv.equity.sum() <= shocked.e.sum() + 1e-9                         # default costs destroy value


def test_chain_and_cefi_network():
    chain = C.Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [1.0, 0.5, 0.0])
    assert C.clear(chain).p.tolist() == [1.0, 1.5, 0.0] and C.clear(chain, 0.5, 0.5).p.tolist() == [0.5, 0.5, 0.0]
    net = C.cefi_network()
    assert not C.clear(net).defaulted.any() and np.all(C.clear(net).equity[:-1] > 0)
    e = net.e.copy()
    e[C.CEFI_FUND] *= 0.7
    assert C.clear(net.with_external(e)).wave.tolist() == [1, 2, 0, 0, 0, 0, 3, 0]


def test_shock_scenarios_correlation_fattens_the_tail():
    net = C.random_network(30, 0.15, buffer=0.05, seed=3)
    calm = C.shock_scenarios(net, 0.25, 0.0, scenarios=300, seed=1)
    joint = C.shock_scenarios(net, 0.25, 0.8, scenarios=300, seed=1)
    assert abs(calm.defaults.mean() - joint.defaults.mean()) < 1.5
    assert (joint.defaults == 0).mean() > 0.2 > (calm.defaults == 0).mean()
    assert joint.defaults.max() > calm.defaults.max() + 5
    assert np.array_equal(C.shock_scenarios(net, 0.25, 0.8, scenarios=300, seed=1).defaults, joint.defaults)
    assert calm.default_probability.shape == (30,) and calm.default_probability.sum() == pytest.approx(calm.defaults.mean())
    assert C.shock_scenarios(net, 0.0, 0.5, scenarios=5).defaults.sum() == 0


def test_opacity_gap():
    net = C.cefi_network()
    e = net.e.copy()
    e[C.CEFI_FUND] *= 0.7
    gap = C.opacity_gap(net, 6, e)
    assert gap["seen_loss"] == 0.0 and gap["true_loss"] > 0.05 and gap["gap"] == gap["true_loss"]
    lender = C.opacity_gap(net, 2, e)   # Lender V lends to the fund directly: it sees its loss
    assert lender["gap"] == 0.0 and lender["seen_loss"] > 0
    with pytest.raises(ValueError, match="node"):
        C.opacity_gap(net, 8, e)


def test_usdc_dai_network():
    r = C.clear(C.usdc_dai_network(0.0))
    assert r.p[1] / 40 == pytest.approx(1 - 3.3 / 40) and r.p[2] / 5 == pytest.approx((2 + 3 * (1 - 3.3 / 40)) / 5)
    assert not C.clear(C.usdc_dai_network(1.0)).defaulted.any()


def test_network_validation():
    with pytest.raises(ValueError, match="zero diagonal"):
        C.Network([[1, 0], [0, 0]], [1, 1])
    with pytest.raises(ValueError, match="non-negative"):
        C.Network([[0, -1], [0, 0]], [1, 1])
    with pytest.raises(ValueError, match="square"):
        C.Network([[0, 1, 2], [0, 0, 1]], [1, 1])
    with pytest.raises(ValueError, match="e must have"):
        C.Network([[0, 1], [0, 0]], [1, 1, 1])
    with pytest.raises(ValueError, match="names"):
        C.Network([[0, 1], [0, 0]], [1, 1], ("a",))
    with pytest.raises(TypeError, match="network"):
        C.clear([[0, 1], [0, 0]])
