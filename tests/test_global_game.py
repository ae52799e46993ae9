"""Morris–Shin global games: the threshold equation, its roots, and the uniqueness condition.

Source: S. Morris and H. S. Shin (2003), "Global Games: Theory and Applications", §2.
With prior theta ~ N(z, 1/alpha) and private signals x = theta + N(0, 1/beta), the
equilibrium failure thresholds theta* solve
    (alpha / sqrt(beta)) (theta - z) - Phi^-1(theta) = sqrt(1 + alpha/beta) Phi^-1(c),
which has a unique solution iff alpha / sqrt(beta) <= sqrt(2 pi); as beta -> inf,
theta* -> 1 - c (the uniform / Laplacian limit).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq
from scipy.stats import norm

from coordlab.models import global_game
from coordlab.models import global_game as gg


def _gap(theta, c, alpha, beta, z):
    return (alpha / math.sqrt(beta)) * (theta - z) - norm.ppf(theta) - math.sqrt(1 + alpha / beta) * norm.ppf(c)


def _roots_by_brentq(c, alpha, beta, z, n=20001):
    grid = np.linspace(1e-9, 1 - 1e-9, n)
    g = _gap(grid, c, alpha, beta, z)
    idx = np.flatnonzero(np.sign(g[:-1]) * np.sign(g[1:]) < 0)
    found = [brentq(_gap, grid[i], grid[i + 1], args=(c, alpha, beta, z), xtol=1e-14) for i in idx]
    return sorted(found + [float(t) for t in grid[g == 0]])


def test_uniform_limit():
    assert gg.threshold_uniform(0.3) == pytest.approx(0.7)
    r = gg.threshold_normal(c=0.3, alpha=1.0, beta=1e8, z=0.5)
    assert r.unique and r.theta_star[0] == pytest.approx(0.7, abs=1e-3)


def test_uniqueness_condition_boundary():
    s = math.sqrt(2 * math.pi)
    assert gg.uniqueness_holds(s, 1.0)
    assert not gg.uniqueness_holds(s * (1 + 1e-9), 1.0)
    assert gg.uniqueness_holds(2 * s, 4.0) and not gg.uniqueness_holds(2 * s + 1e-6, 4.0)


def test_three_equilibria_when_public_information_dominates():
    r = gg.threshold_normal(c=0.5, alpha=5.0, beta=1.0, z=0.5)
    assert not r.unique and len(r.theta_star) == 3
    assert r.theta_star == pytest.approx(_roots_by_brentq(0.5, 5.0, 1.0, 0.5), abs=1e-9)
    assert r.theta_star[1] == pytest.approx(0.5, abs=1e-12)  # symmetric case: z = 1/2, c = 1/2


def test_signal_threshold_makes_the_marginal_attacker_indifferent():
    """x* = theta* + Phi^-1(theta*)/sqrt(beta): at x*, the posterior chance the regime fails is c."""
    c, alpha, beta, z = 0.4, 1.0, 10.0, 0.3
    r = gg.threshold_normal(c, alpha, beta, z)
    t, x = r.theta_star[0], r.x_star[0]
    assert x == pytest.approx(t + norm.ppf(t) / math.sqrt(beta))
    post_mean = (alpha * z + beta * x) / (alpha + beta)
    post_sd = 1 / math.sqrt(alpha + beta)
    assert norm.cdf((t - post_mean) / post_sd) == pytest.approx(c, abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.1, 20.0), st.floats(0.5, 1000.0), st.floats(-0.5, 1.5))
def test_roots_match_an_independent_root_finder(c, alpha, beta, z):
    try:
        r = gg.threshold_normal(c, alpha, beta, z)
    except ValueError as err:
        assert "double precision" in str(err)
        # refused only when a sign change lies beyond the ends an independent finder can reach
        lo, hi = _gap(1e-12, c, alpha, beta, z), _gap(1 - 1e-12, c, alpha, beta, z)
        assert lo < 0 or hi > 0
        return
    expected = _roots_by_brentq(c, alpha, beta, z)
    if len(expected) == len(r.theta_star):
        assert r.theta_star == pytest.approx(expected, abs=1e-8)
    else:  # roots closer together than the brentq grid, or within 1e-9 of an end
        scale = 1 + alpha / math.sqrt(beta)
        for t in r.theta_star:
            if 1e-6 < t < 1 - 1e-6:
                sides = gg.threshold_sides(t, c, alpha, beta, z)
                lhs, rhs = sides.lhs, sides.rhs
                assert lhs == pytest.approx(rhs, abs=1e-6 * scale)
            else:
                assert min(t, 1 - t) < 1e-6
    assert r.unique == (alpha / math.sqrt(beta) <= math.sqrt(2 * math.pi))
    if r.unique:
        assert len(r.theta_star) == 1
    assert list(r.theta_star) == sorted(r.theta_star)
    assert all(0 <= t <= 1 for t in r.theta_star) and all(math.isfinite(x) for x in r.x_star)


def test_threshold_sides_matches_the_formula():
    th = np.array([0.1, 0.5, 0.9])
    sides = gg.threshold_sides(th, c=0.3, alpha=2.0, beta=5.0, z=0.2)
    lhs, rhs = sides.lhs, sides.rhs
    assert lhs == pytest.approx((2 / math.sqrt(5)) * (th - 0.2) - norm.ppf(th))
    assert rhs == pytest.approx(math.sqrt(1 + 2 / 5) * norm.ppf(0.3))


def test_roots_beyond_double_precision_are_refused_clearly():
    with pytest.raises(ValueError, match="closer to 0 or 1 than double precision"):
        gg.threshold_normal(c=0.5, alpha=1e4, beta=0.01, z=10.0)


def test_a_threshold_within_1e16_of_one_is_returned_not_refused():
    """Issue 15: GlobalGameLab showed "Cannot compute that" at c = 0.05, alpha = 2.2, beta = 0.5, z = -0.5."""
    r = gg.threshold_normal(c=0.05, alpha=2.2, beta=0.5, z=-0.5)
    assert r.theta_star == (1.0,) and math.isfinite(r.x_star[0]) and r.x_star[0] > 1.0


def test_every_setting_of_the_lab_has_an_answer():
    import itertools

    from coordlab.labs import GlobalGameLab

    controls = {c.name: c for c in GlobalGameLab.controls}
    grids = [controls[k].grid(7) for k in ("c", "alpha", "beta", "z")]
    for c, alpha, beta, z in itertools.product(*grids):
        r = gg.threshold_normal(c=float(c), alpha=float(alpha), beta=float(beta), z=float(z))
        assert r.theta_star and all(0.0 <= t <= 1.0 for t in r.theta_star), (c, alpha, beta, z)


# --- the failure probability and its price (issue 13) ---


def test_failure_risk_is_the_prior_mass_below_the_threshold():
    """P = Phi(sqrt(alpha)(theta* - z)), and price = P x loss, over a grid of unique settings."""
    from statistics import NormalDist

    for c in (0.1, 0.3, 0.7):
        for alpha, beta in ((1.0, 4.0), (4.0, 100.0), (2.0, 1.0)):
            for z in (0.0, 0.5, 1.25):
                risk = global_game.failure_risk(c=c, alpha=alpha, beta=beta, z=z, loss=0.12)
                theta = global_game.threshold_normal(c=c, alpha=alpha, beta=beta, z=z).theta_star[0]
                assert risk.theta_star == theta
                assert risk.probability == pytest.approx(NormalDist(z, alpha**-0.5).cdf(theta), abs=1e-12)
                assert risk.price == pytest.approx(0.12 * risk.probability)


def test_failure_risk_matches_a_simulated_global_game():
    """Draw theta from the prior and each of 2,000 agents' signals; agents attack below x*; the regime fails iff the
    attacking share reaches theta. The failure frequency over 4,000 seeded draws is P within sampling error."""
    c, alpha, beta, z = 0.25, 4.0, 100.0, 1.25
    risk = global_game.failure_risk(c=c, alpha=alpha, beta=beta, z=z)
    x_star = global_game.threshold_normal(c=c, alpha=alpha, beta=beta, z=z).x_star[0]
    rng = np.random.default_rng(20261126)
    thetas = rng.normal(z, alpha**-0.5, 4000)
    signals = thetas[:, None] + rng.normal(0.0, beta**-0.5, (4000, 2000))
    fails = (signals < x_star).mean(axis=1) >= thetas
    se = math.sqrt(risk.probability * (1 - risk.probability) / 4000)
    assert abs(fails.mean() - risk.probability) < 4 * se + 0.005


def test_failure_risk_refuses_several_equilibria():
    with pytest.raises(ValueError, match=r"alpha must leave one equilibrium threshold .* gives 3"):
        global_game.failure_risk(c=0.5, alpha=5.0, beta=1.0, z=0.5)
    # the uniqueness condition fails but only one threshold exists: the probability is still defined
    assert not global_game.uniqueness_holds(30.0, 100.0)
    assert len(global_game.threshold_normal(c=0.25, alpha=30.0, beta=100.0, z=1.25).theta_star) == 1
    assert 0 <= global_game.failure_risk(c=0.25, alpha=30.0, beta=100.0, z=1.25).probability < 1e-3
