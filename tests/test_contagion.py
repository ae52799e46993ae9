"""Eisenberg–Noe clearing, Rogers–Veraart default costs (their published examples), shocks and opacity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import contagion as C
from shared_defaults import default, slider


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
    assert r.p == pytest.approx(_picard(shocked), abs=1e-7)  # the greatest clearing vector
    assert r.equity.sum() == pytest.approx(shocked.e.sum(), rel=1e-9, abs=1e-9)  # conservation without default costs
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
    assert rv.equity.sum() <= shocked.e.sum() + 1e-9  # default costs destroy value


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
    assert calm.default_probability.shape == (30,) and calm.default_probability.sum() == pytest.approx(
        calm.defaults.mean()
    )
    assert C.shock_scenarios(net, 0.0, 0.5, scenarios=5).defaults.sum() == 0


def test_opacity_gap():
    net = C.cefi_network()
    e = net.e.copy()
    e[C.CEFI_FUND] *= 0.7
    gap = C.opacity_gap(net, 6, e)
    assert gap.seen_loss == 0.0 and gap.true_loss > 0.05 and gap.gap == gap.true_loss
    lender = C.opacity_gap(net, 2, e)  # Lender V lends to the fund directly: it sees its loss
    assert lender.gap == 0.0 and lender.seen_loss > 0
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


def test_exact_clearing_matches_fraction_elimination():
    """_clear_exact solves for the shares paid with integer (Bareiss) elimination: the same rationals as
    Gauss-Jordan in fractions on the payments, checked here against that textbook version."""
    from fractions import Fraction

    def textbook(L, e, alpha, beta):
        n, L_float = len(e), np.asarray(L, dtype=float)
        q = lambda x: Fraction(repr(float(x)))  # noqa: E731
        L = [[q(x) for x in row] for row in L]
        e, a, b = [q(x) for x in e], q(alpha), q(beta)
        pbar = [sum(row, Fraction(0)) for row in L]
        Pi = [[L[i][j] / pbar[i] if pbar[i] else Fraction(0) for j in range(n)] for i in range(n)]
        slack = Fraction(1, 10**12) * max(max(pbar), Fraction(1))
        p, default = pbar[:], [False] * n
        while True:
            assets = [e[i] + sum(Pi[j][i] * p[j] for j in range(n)) for i in range(n)]
            new = [not default[i] and assets[i] < pbar[i] - slack for i in range(n)]
            if not any(new):  # a solvent node pays the network's (float) pbar
                return [float(x) if default[i] else float(np.sum(L_float[i])) for i, x in enumerate(p)]
            default = [d or nw for d, nw in zip(default, new)]
            d = [i for i in range(n) if default[i]]
            M = [
                [(1 if i == k else 0) - b * Pi[k][i] for k in d]
                + [a * e[i] + b * sum(Pi[k][i] * pbar[k] for k in range(n) if not default[k])]
                for i in d
            ]
            m = len(d)
            for col in range(m):
                piv = next(r for r in range(col, m) if M[r][col] != 0)
                M[col], M[piv] = M[piv], M[col]
                for r in range(m):
                    if r != col and M[r][col] != 0:
                        f = M[r][col] / M[col][col]
                        M[r] = [x - f * y for x, y in zip(M[r], M[col])]
            p = pbar[:]
            for k, i in enumerate(d):
                p[i] = min(max(M[k][m] / M[k][k], Fraction(0)), pbar[i])

    rng = np.random.default_rng(7)
    for _ in range(60):
        n = int(rng.integers(2, 9))
        L = np.where(rng.random((n, n)) < 0.6, rng.random((n, n)) * 10 ** rng.uniform(-3, 3), 0.0)
        np.fill_diagonal(L, 0.0)
        e = rng.random(n) * L.sum(axis=1) * rng.uniform(0.0, 1.5)
        alpha, beta = float(rng.choice([1.0, 0.5, 0.0])), float(rng.choice([1.0, 0.5, 0.3]))
        assert C.clear(C.Network(L, e), alpha, beta).p.tolist() == textbook(L, e, alpha, beta)


def test_caps_keep_every_call_about_a_second():
    with pytest.raises(ValueError, match="scenarios"):
        C.shock_scenarios(C.cefi_network(), 0.3, 0.5, scenarios=1000)  # 8 nodes, cleared exactly: 270 at most
    assert C.shock_scenarios(C.cefi_network(), 0.3, 0.5, scenarios=270).defaults.size == 270
    with pytest.raises(ValueError, match=r"n must be in \[2, 1000\]"):
        C.random_network(1001)
    with pytest.raises(ValueError, match="names"):
        C.Network([[0, 1], [0, 0]], [1, 1], tuple(str(i) for i in range(100_000)))
    msg = ""
    try:
        C.Network([[0, 1], [0, 0]], [1, 1], tuple(str(i) for i in range(100_000)))
    except ValueError as exc:
        msg = str(exc)
    assert len(msg) < 200


def test_a_node_that_pays_in_full_pays_exactly_its_liabilities():
    """Exact clearing reads 0.1 + 0.2 as 0.3; a solvent node still pays ``pbar`` as the network sums it."""
    net = C.Network([[0, 0.1, 0.2], [0, 0, 0.3], [0, 0, 0]], [1.0, 1.0, 0.0])
    r = C.clear(net)
    assert not r.defaulted.any() and (r.p == net.pbar).all()


def test_opacity_gap_is_a_frozen_record():
    """Issue 17: a frozen dataclass with documented fields, not a dict."""
    import dataclasses

    chain = C.Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [2, 0.5, 0])
    g = C.opacity_gap(chain, 2, [1.0, 0.5, 0.0])
    assert g == C.OpacityGap(seen_loss=0.0, true_loss=0.5, gap=0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.gap = 0.0


def test_contagion_lab_shares_the_models_constants() -> None:
    """labs.contagion's NetworkLab starts at clear's recovery rates (no default costs)."""

    from coordlab.labs import contagion as lab
    from coordlab.models import contagion as m

    for f in (m.clear, m.shock_scenarios, m.opacity_gap):
        assert (default(f, "alpha"), default(f, "beta")) == (m.EXTERNAL_RECOVERY, m.INTERBANK_RECOVERY) == (1.0, 1.0)
    assert slider(lab.NetworkLab, "alpha") == m.EXTERNAL_RECOVERY
    assert slider(lab.NetworkLab, "beta") == m.INTERBANK_RECOVERY
