"""Diamond–Dybvig (1983): the optimal deposit contract and the run it makes possible."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from coordlab.models import bank_run
from shared_defaults import default, slider

lams = st.floats(0.05, 0.9)
Rs = st.floats(1.05, 4.0)
gammas = st.floats(0.3, 8.0)


def _numerical_optimum(lam, R, gamma):
    """Maximise lam u(c1) + (1-lam) u(c2) subject to lam c1 + (1-lam) c2 / R = 1, numerically."""

    def u(c):
        return math.log(c) if gamma == 1 else c ** (1 - gamma) / (1 - gamma)

    def minus_eu(c1):
        c2 = R * (1 - lam * c1) / (1 - lam)
        return -(lam * u(c1) + (1 - lam) * u(c2))

    res = minimize_scalar(minus_eu, bounds=(1e-6, (1 - 1e-9) / lam), method="bounded", options={"xatol": 1e-12})
    return res.x


def test_textbook_example_lam_quarter_R_1_5_gamma_2():
    """c1* = 1/(lam + (1-lam) R^((1-gamma)/gamma)) = 1/(0.25 + 0.75/sqrt(1.5)); c2* = sqrt(1.5) c1*."""
    k = bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=2)
    c1 = 1 / (0.25 + 0.75 / math.sqrt(1.5))
    assert k.c1 == pytest.approx(c1, rel=1e-15)
    assert k.c2 == pytest.approx(math.sqrt(1.5) * c1, rel=1e-15)
    assert (round(k.c1, 4), round(k.c2, 4)) == (1.1596, 1.4202)
    assert k.run_equilibrium and k.run_threshold == pytest.approx((1.5 - c1) / (c1 * 0.5))


def test_log_utility_gives_no_insurance_and_no_run():
    k = bank_run.optimal_contract(impatient_share=0.4, R=2.0, gamma=1.0)
    assert k.c1 == 1.0 and k.c2 == 2.0
    assert not k.run_equilibrium and k.run_threshold == math.inf


def test_crra_utility_by_hand():
    assert bank_run.crra_utility(2.0, 2.0) == -0.5
    assert bank_run.crra_utility(4.0, 0.5) == pytest.approx(2 * 4.0**0.5)
    assert bank_run.crra_utility(math.e, 1.0) == pytest.approx(1.0)
    assert bank_run.crra_utility([1.0, 2.0], 3.0).tolist() == pytest.approx([-0.5, -0.125])


def test_patient_payoff_and_run_threshold_meet():
    k = bank_run.optimal_contract(impatient_share=0.3, R=1.8, gamma=3)
    f = k.run_threshold
    assert bank_run.patient_payoff(f, k.c1, k.R) == pytest.approx(k.c1)
    assert bank_run.patient_payoff(f - 0.01, k.c1, k.R) > k.c1 > bank_run.patient_payoff(f + 0.01, k.c1, k.R)
    # once f c1 >= 1 the bank has liquidated everything and waiters get nothing
    assert bank_run.patient_payoff(min(0.999, 1 / k.c1 + 0.01), k.c1, k.R) == 0.0
    assert bank_run.patient_payoff(0.0, k.c1, k.R) == pytest.approx(k.R)


@settings(max_examples=60, deadline=None)
@given(lams, Rs, gammas)
def test_closed_form_matches_numerical_optimisation(lam, R, gamma):
    k = bank_run.optimal_contract(lam, R, gamma)
    assert k.c1 == pytest.approx(_numerical_optimum(lam, R, gamma), rel=1e-6)
    # the budget binds exactly
    assert lam * k.c1 + (1 - lam) * k.c2 / R == pytest.approx(1.0, abs=1e-12)
    # first-order condition u'(c1) = R u'(c2)
    assert k.c1**-gamma == pytest.approx(R * k.c2**-gamma, rel=1e-9)
    # expected_utility is maximised there
    eu = bank_run.expected_utility(k.c1, lam, R, gamma)
    for dc in (-1e-3, 1e-3):
        assert bank_run.expected_utility(k.c1 + dc, lam, R, gamma) < eu


@settings(max_examples=60, deadline=None)
@given(lams, Rs, gammas)
def test_insurance_result_risk_aversion_above_one(lam, R, gamma):
    """Diamond & Dybvig's point: with relative risk aversion > 1, 1 < c1* < c2* < R."""
    k = bank_run.optimal_contract(lam, R, gamma)
    assert k.c1 <= k.c2
    if gamma > 1.0 + 1e-9:
        assert 1.0 < k.c1 < k.c2 < R
        assert k.run_equilibrium and 0 <= k.run_threshold < 1
        assert k.run_threshold >= lam - 1e-12  # impatient withdrawals alone never trigger a run
    elif gamma < 1.0 - 1e-9:
        assert k.c1 < 1.0 and not k.run_equilibrium


def test_run_threshold_formula_and_edges():
    assert bank_run.run_threshold(1.2, 1.5) == pytest.approx(0.5)
    assert bank_run.run_threshold(1.0, 1.5) == math.inf
    assert bank_run.run_threshold(1.6, 1.5) == 0.0  # promise above R: waiting never pays


def test_tiny_risk_aversion_is_refused_before_it_overflows():
    """Issue 15: optimal_contract(gamma=1e-4) raised OverflowError (R ** ((1 - gamma) / gamma))."""
    from coordlab.models import bank_run

    with pytest.raises(ValueError, match=r"^gamma must be in \[0.01, 100\], got 0.0001"):
        bank_run.optimal_contract(gamma=1e-4)
    k = bank_run.optimal_contract(impatient_share=0.25, R=100.0, gamma=0.01)  # the corner: finite
    assert 0 < k.c1 < 1e-190 and math.isfinite(k.c2)


# --- fire-sale value, suspension of convertibility, bots (issue 13) ---


def test_fire_sale_defaults_are_diamond_dybvig():
    """r = 1 and no cash give exactly the original payoff and threshold."""
    fs = np.linspace(0.0, 0.99, 100)
    for c1 in (0.8, 1.0, 1.16, 1.6):
        for R in (1.01, 1.5, 3.0):
            assert np.array_equal(bank_run.patient_payoff(fs, c1, R), bank_run.patient_payoff(fs, c1, R, 1.0, 0.0))
            assert bank_run.run_threshold(c1, R) == bank_run.run_threshold(c1, R, fire_sale_value=1.0, liquid_share=0.0)


@pytest.mark.parametrize("r", [0.5, 0.8, 0.95, 0.99, 1.0])
@pytest.mark.parametrize("cash", [0.0, 0.1, 0.29, 0.6])
def test_fire_sale_threshold_matches_a_search(r, cash):
    """The closed-form threshold is where waiting first pays less than c1, found by a fine search of patient_payoff;
    inf exactly when c1 <= cash + r (1 - cash)."""
    fs = np.linspace(0.0, 0.999999, 400_001)
    for c1 in (1.0, 1.1, 1.3):
        for R in (1.02, 1.5):
            f_run = bank_run.run_threshold(c1, R, fire_sale_value=r, liquid_share=cash)
            below = fs[bank_run.patient_payoff(fs, c1, R, fire_sale_value=r, liquid_share=cash) < c1]
            if c1 <= cash + r * (1 - cash):
                assert f_run == math.inf and below.size == 0, (c1, R)
            else:
                assert below.size and below[0] == pytest.approx(f_run, abs=5e-6), (c1, R)
                at = bank_run.patient_payoff(f_run, c1, R, fire_sale_value=r, liquid_share=cash)
                assert at == pytest.approx(c1) if f_run > 0 else at <= c1


def test_fire_sale_par_coin():
    """A par coin (c1 = 1) is never run at r = 1, and is at any r < 1: f_run = (R - 1) / (R / r - 1)."""
    assert bank_run.run_threshold(1.0, 1.02) == math.inf
    for r in (0.999, 0.97, 0.9, 0.5):
        assert bank_run.run_threshold(1.0, 1.02, fire_sale_value=r) == pytest.approx(0.02 / (1.02 / r - 1))


def test_fire_sale_cash_covers_the_impatient():
    """With cash lam c1, waiting pays c2* when only the impatient withdraw, whatever the fire-sale value."""
    k = bank_run.optimal_contract()
    for r in (0.3, 0.8, 1.0):
        assert bank_run.patient_payoff(
            k.impatient_share, k.c1, k.R, fire_sale_value=r, liquid_share=k.impatient_share * k.c1
        ) == pytest.approx(k.c2)


def test_suspension_known_lambda_removes_the_run():
    """A gate at lam: waiting pays c2* >= c1 at every attempted share, for optimal contracts over a grid."""
    fs = np.linspace(0.0, 0.99, 100)
    for lam in (0.1, 0.25, 0.5):
        for R in (1.2, 1.5, 3.0):
            for gamma in (1.5, 2.0, 4.0):
                k = bank_run.optimal_contract(impatient_share=lam, R=R, gamma=gamma)
                paid = bank_run.suspension_payoff(fs[fs >= lam], k.c1, k.R, gate_share=lam)
                assert np.allclose(paid, k.c2) and np.all(paid >= k.c1)
                assert bank_run.withdrawal_path(0.99, k.c1, k.R, lam, rounds=2, gate_share=lam)[-1] == lam


def test_withdrawal_path_fixed_points_are_the_equilibria():
    """Bots settle at lam below the run threshold and at 1 above it."""
    k = bank_run.optimal_contract()
    for start in np.linspace(0.25, 0.99, 38):
        path = bank_run.withdrawal_path(float(start), k.c1, k.R, k.impatient_share, rounds=4)
        assert path[-1] == (1.0 if start > k.run_threshold else k.impatient_share), start
        assert path[-1] == path[-2]


def test_bank_run_lab_shares_the_models_constants() -> None:
    """labs.coordination's BankRunLab starts at optimal_contract's defaults."""

    from coordlab.labs import coordination as lab
    from coordlab.models import bank_run as m

    for name, value in (("impatient_share", m.IMPATIENT_SHARE), ("R", m.LONG_RETURN), ("gamma", m.RISK_AVERSION)):
        assert slider(lab.BankRunLab, name) == default(m.optimal_contract, name) == value
        assert default(m.expected_utility, name) == value
    assert (m.IMPATIENT_SHARE, m.LONG_RETURN, m.RISK_AVERSION) == (0.25, 1.5, 2.0)
