"""The fee-switch model (coordlab.models.stakeholders), against its closed forms and brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import stakeholders as sh
from shared_defaults import default, slider

PHI = np.linspace(0, 1, 20001)


def test_equilibrium_solves_the_three_equations():
    """TVL ∝ y^eta, Vol ∝ TVL^kappa, y = (1 - phi) f Vol / TVL hold at every phi (normalised at phi = 0)."""
    eta, kappa = 1.3, 0.7
    r = sh.fee_switch(PHI[:-1], eta, kappa)
    y = (1 - r.phi) * r.volume / r.tvl
    assert r.tvl == pytest.approx(y**eta, rel=1e-9)
    assert r.volume == pytest.approx(r.tvl**kappa, rel=1e-9)
    assert r.lp_yield == pytest.approx(y)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.0, 3.0), st.floats(0.05, 1.5))
def test_token_optimum_and_frontier(eta, kappa):
    if 1 - eta * (kappa - 1) <= 0.05:
        return
    r = sh.fee_switch(PHI, eta, kappa)
    assert r.token_optimum == pytest.approx(PHI[np.argmax(r.token_revenue)], abs=1e-4)
    assert np.argmax(r.lp_income) == 0  # LPs want no fee switch
    # above phi*, both groups lose as phi rises: Pareto-dominated
    above = r.phi > r.token_optimum + 1e-3
    assert np.all(np.diff(r.token_revenue[above]) <= 1e-12) and np.all(np.diff(r.lp_income[above]) <= 1e-12)
    assert np.array_equal(r.pareto_efficient, r.phi <= r.token_optimum + 1e-12)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.2, 3.0), st.floats(0.05, 1.5))
def test_ideal_point_maximises_the_mixed_stake(a, eta, kappa):
    if 1 - eta * (kappa - 1) <= 0.05:
        return
    r = sh.fee_switch(PHI, eta, kappa)
    u = a * r.token_revenue + (1 - a) * r.lp_income
    ideal = sh.ideal_fee_share(a, eta, kappa)
    assert u[np.searchsorted(PHI, ideal)] >= u.max() - 1e-6


def test_vote_is_the_weighted_median():
    assert sh.token_vote([1.0, 0.5, 0.9], [30, 30, 40]) == pytest.approx(sh.ideal_fee_share(0.9))
    assert sh.token_vote([1.0, 0.0], [50.0001, 49.9999]) == pytest.approx(0.75)
    assert sh.token_vote([1.0, 0.0], [49.9, 50.1]) == 0.0


def test_unstable_liquidity_is_refused():
    with pytest.raises(ValueError, match="stable liquidity equilibrium"):
        sh.fee_switch(0.5, eta=3.0, kappa=1.4)


def test_stakeholders_lab_shares_the_models_constants() -> None:
    """labs.governance's FeeSwitchLab starts at the fee-switch model's elasticities."""

    from coordlab.labs import governance as lab
    from coordlab.models import stakeholders as m

    for f in (m.fee_switch, m.ideal_fee_share, m.token_vote):
        assert (default(f, "eta"), default(f, "kappa")) == (m.LP_ELASTICITY, m.VOLUME_ELASTICITY) == (1.0, 0.5)
    assert (slider(lab.FeeSwitchLab, "eta"), slider(lab.FeeSwitchLab, "kappa")) == (
        m.LP_ELASTICITY,
        m.VOLUME_ELASTICITY,
    )
