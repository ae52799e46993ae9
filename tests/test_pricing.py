"""Black–Scholes and Merton jump-diffusion against published tables (coordlab.models.pricing).

- Hull, *Options, Futures, and Other Derivatives*, Example 15.6: S=42, K=40, r=10%, sigma=20%,
  T=0.5: call 4.76, put 0.81.
- Haug (1998), *The Complete Guide to Option Pricing Formulas*, p. 9, Merton (1976) table, as
  corrected to converged values in QuantLib's test-suite/jumpdiffusion.cpp (S=100, r=8%, q=0,
  v=25%; tolerance 1e-2).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import pricing
from shared_defaults import default, slider

# (K, T, jump_rate, gamma, published call) — QuantLib's converged Haug values
HAUG = [
    (80, 0.10, 1.0, 0.25, 20.67),
    (80, 0.50, 1.0, 0.25, 23.63),
    (90, 0.25, 5.0, 0.25, 12.75),
    (100, 0.10, 1.0, 0.25, 3.42),
    (100, 0.25, 1.0, 0.25, 5.88),
    (100, 0.50, 1.0, 0.25, 8.95),
    (100, 0.10, 5.0, 0.25, 3.51),
    (100, 0.50, 10.0, 0.25, 9.03),
    (110, 0.25, 5.0, 0.25, 2.16),
    (120, 0.50, 10.0, 0.25, 2.25),
    (100, 0.10, 1.0, 0.50, 3.14),
    (100, 0.50, 10.0, 0.50, 9.00),
    (110, 0.25, 1.0, 0.50, 1.93),
    (120, 0.10, 1.0, 0.50, 0.19),
    (90, 0.50, 1.0, 0.50, 15.34),
    (80, 0.25, 1.0, 0.75, 21.96),
    (90, 0.10, 1.0, 0.75, 11.11),
]


def test_hull_example():
    assert round(pricing.black_scholes(42, 40, 0.5, 0.10, 0.20, "call"), 2) == 4.76
    assert round(pricing.black_scholes(42, 40, 0.5, 0.10, 0.20, "put"), 2) == 0.81


@pytest.mark.parametrize("K, T, jump_rate, gamma, expected", HAUG)
def test_haug_merton_table(K, T, jump_rate, gamma, expected):
    assert pricing.merton_jump_diffusion(100, K, T, 0.08, 0.25, jump_rate, gamma) == pytest.approx(expected, abs=1e-2)


@settings(max_examples=50, deadline=None)
@given(
    st.floats(50, 150),
    st.floats(0.05, 2.0),
    st.floats(-0.02, 0.1),
    st.floats(0.05, 1.5),
    st.one_of(st.just(0.0), st.floats(1e-3, 20.0)),
    st.floats(0.0, 0.9),
)
def test_put_call_parity_and_bounds(K, T, r, vol, jump_rate, gamma):
    S = 100.0
    c = pricing.merton_jump_diffusion(S, K, T, r, vol, jump_rate, gamma, "call")
    p = pricing.merton_jump_diffusion(S, K, T, r, vol, jump_rate, gamma, "put")
    assert c - p == pytest.approx(S - K * math.exp(-r * T), abs=1e-8)
    assert max(0.0, S - K * math.exp(-r * T)) - 1e-9 <= c <= S


def test_no_jumps_is_black_scholes_and_jumps_fatten_tails():
    K = np.array([60.0, 100.0, 150.0])
    bs = pricing.black_scholes(100, K, 0.5, 0.05, 0.4)
    assert np.array_equal(pricing.merton_jump_diffusion(100, K, 0.5, 0.05, 0.4, jump_rate=0.0, gamma=0.3), bs)
    mj = pricing.merton_jump_diffusion(100, K, 0.5, 0.05, 0.4, jump_rate=1.0, gamma=0.5)
    assert mj[2] > bs[2]  # far out-of-the-money call: the fat right tail costs more


def test_merton_matches_monte_carlo():
    """Independent check: simulate log S_T = log S + (r - z^2/2) T + z W_T + sum of N ~ Poisson(jump_rate T) jumps."""
    S, K, T, r, v, jump_rate, gamma = 100.0, 110.0, 0.5, 0.03, 0.5, 3.0, 0.6
    delta2 = gamma * v**2 / jump_rate
    z2 = v**2 - jump_rate * delta2
    rng = np.random.default_rng(0)
    n = 400_000
    N = rng.poisson(jump_rate * T, n)
    # Haug's mixture: given N = i, log-return variance is z^2 T + delta^2 i, drift r - var/(2T) per year
    var = z2 * T + delta2 * N
    logret = r * T - 0.5 * var + np.sqrt(var) * rng.standard_normal(n)
    payoff = np.maximum(S * np.exp(logret) - K, 0.0)
    mc = math.exp(-r * T) * payoff.mean()
    se = math.exp(-r * T) * payoff.std() / math.sqrt(n)
    assert pricing.merton_jump_diffusion(S, K, T, r, v, jump_rate, gamma) == pytest.approx(mc, abs=4 * se)


def test_governance_intensity_and_premium():
    assert pricing.governance_jump_intensity(0.05) == 0.5
    assert pricing.governance_jump_intensity(0.15) == pytest.approx(0.5 * math.exp(1.0))
    assert pricing.governance_jump_intensity(1.0, base_rate=100.0, sensitivity=50.0) == 1000.0  # capped
    prem = [pricing.governance_premium(100, 130, 0.25, 0.0, 0.6, jump_rate, 0.2) for jump_rate in (0.5, 1.0, 2.0, 4.0)]
    assert prem[0] > 0 and all(b > a for a, b in zip(prem, prem[1:]))


# --- Regressions: inputs at the edges of the declared constraints ----------------------------------


@pytest.mark.parametrize("name", ["S", "K", "T", "sigma"])
def test_tiny_prices_times_and_volatilities_are_refused(name):
    # S = K = 5e-324 took log(0); sigma = 5e-324 divided by zero (RuntimeWarnings)
    args = dict(S=42.0, K=40.0, T=0.5, r=0.1, sigma=0.2)
    with pytest.raises(ValueError, match=rf"{name} must (be in|lie in) \[1e-06"):
        pricing.black_scholes(**{**args, name: 5e-324})


def test_merton_series_is_capped_and_stops_once_its_weights_vanish():
    with pytest.raises(ValueError, match="jump_rate x T"):
        pricing.merton_jump_diffusion(100, 100, 100.0, 0.05, 0.5, jump_rate=1000.0, gamma=0.5)
    with pytest.raises(ValueError, match="strikes"):
        pricing.merton_jump_diffusion(100, np.linspace(50, 150, 10_000), 100.0, 0.05, 0.5, jump_rate=100.0, gamma=0.5)
    with pytest.raises(ValueError, match="gamma must be in"):
        pricing.merton_jump_diffusion(100, 100, 0.5, 0.05, 1e-6, jump_rate=1.0, gamma=float(np.nextafter(1.0, 0.0)))
    a = pricing.merton_jump_diffusion(100, 100, 100.0, 0.05, 0.5, jump_rate=100.0, gamma=0.5, tol=1e-15)
    b = pricing.merton_jump_diffusion(100, 100, 100.0, 0.05, 0.5, jump_rate=100.0, gamma=0.5)
    assert math.isfinite(a) and a == pytest.approx(b, rel=1e-9)


# --- Jumps with a mean, equal total variance, implied volatility (issue 13, notebook 04) -------------------------


def test_merton_price_is_haug_when_jumps_leave_the_mean_unchanged():
    """With jump_mean = -jump_vol**2/2 Merton's general form is Haug's parameterisation: the published table again."""
    for K, T, jump_rate, gamma, expected in HAUG:
        delta = math.sqrt(gamma * 0.25**2 / jump_rate)
        sigma = math.sqrt(0.25**2 - jump_rate * delta**2)
        price = pricing.merton_price(100, K, T, 0.08, sigma, jump_rate, -(delta**2) / 2, delta)
        assert price == pytest.approx(pricing.merton_jump_diffusion(100, K, T, 0.08, 0.25, jump_rate, gamma), rel=1e-10)
        assert price == pytest.approx(expected, abs=1e-2)


def test_merton_price_with_negative_mean_jumps_matches_monte_carlo_and_parity():
    S, K, T, r, sigma, jump_rate, mu, dv = 100.0, np.array([70.0, 100.0, 130.0]), 0.5, 0.02, 0.4, 2.0, -0.2, 0.1
    kappa = math.exp(mu + dv**2 / 2) - 1
    rng = np.random.default_rng(13)
    n = 400_000
    N = rng.poisson(jump_rate * T, n)
    logret = (
        (r - jump_rate * kappa - sigma**2 / 2) * T
        + sigma * math.sqrt(T) * rng.standard_normal(n)
        + mu * N
        + dv * np.sqrt(N) * rng.standard_normal(n)
    )
    ST = S * np.exp(logret)
    for k, price in zip(K, pricing.merton_price(S, K, T, r, sigma, jump_rate, mu, dv)):
        pay = math.exp(-r * T) * np.maximum(ST - k, 0.0)
        assert price == pytest.approx(pay.mean(), abs=4 * pay.std() / math.sqrt(n))
    calls = pricing.merton_price(S, K, T, r, sigma, jump_rate, mu, dv)
    puts = pricing.merton_price(S, K, T, r, sigma, jump_rate, mu, dv, kind="put")
    assert np.allclose(calls - puts, S - K * math.exp(-r * T), atol=1e-9)  # the same forward as Black-Scholes


def test_total_volatility_is_the_log_return_variance():
    assert pricing.total_volatility(0.6, 0.0, -0.3, 0.2) == 0.6
    assert pricing.total_volatility(0.6, 2.0, -0.2, 0.1) == pytest.approx(math.sqrt(0.36 + 2 * (0.04 + 0.01)))


def test_implied_volatility_inverts_black_scholes_for_calls_and_puts():
    for sigma, K in (
        (0.05, np.array([92.0, 97.0, 100.0, 103.0, 108.0])),
        (0.3, np.array([60.0, 80.0, 100.0, 125.0, 160.0])),
        (1.5, np.array([30.0, 60.0, 100.0, 150.0, 300.0])),
    ):
        for kind in ("call", "put"):
            price = pricing.black_scholes(100, K, 0.25, 0.03, sigma, kind)
            assert np.allclose(pricing.implied_volatility(price, 100, K, 0.25, 0.03, kind), sigma, rtol=1e-8)
    with pytest.raises(ValueError, match="no-arbitrage bounds"):
        pricing.implied_volatility(101.0, 100, 100, 0.25, 0.0)


def test_governance_smile_equal_variance_and_skew():
    """Issue 13: at the same total variance jumps barely move the at-the-money price; downward jumps make a skew;
    symmetric jumps (mean 0) a smile; the old premium over Black-Scholes at the diffusion volatility is mostly
    variance."""
    K = np.linspace(60.0, 160.0, 41)
    down = pricing.governance_smile(100, K, 1 / 12, 0.0, 0.6, 0.62, -0.2, 0.1)
    iv = down.implied_vol
    assert iv[0] > iv[16] > iv[-1]  # skew: higher at low strikes
    # against Black-Scholes at the diffusion volatility the jumps add value (extra variance); at the same total
    # variance the at-the-money call is worth a little *less* with jumps: the whole "premium" was variance
    assert down.premium_same_diffusion[16] > 0 > down.premium_same_variance[16]
    assert (
        down.black_scholes_same_variance[16] - down.black_scholes_same_diffusion[16] > down.premium_same_diffusion[16]
    )
    sym = pricing.governance_smile(100, K, 1 / 12, 0.0, 0.6, 0.62, 0.0, 0.1)
    assert sym.implied_vol[0] > sym.implied_vol[16] < sym.implied_vol[-1]  # smile: both wings above the middle
    none = pricing.governance_smile(100, K, 1 / 12, 0.0, 0.6, 0.0, -0.2, 0.1)
    assert np.allclose(none.implied_vol, 0.6, rtol=1e-9) and none.total_vol == 0.6
    # the issue's own check: Haug-style jumps (mean -delta^2/2) at the old lab's setting, Black-Scholes at the matched
    # total volatility prices the at-the-money 3-month call within 0.02 of Merton (12.15 against 12.14)
    jump_rate, dv = 0.62, 0.15
    matched = pricing.black_scholes(100, 100, 0.25, 0.0, math.sqrt(0.36 + jump_rate * dv**2))
    merton = pricing.merton_price(100, 100, 0.25, 0.0, 0.6, jump_rate, -(dv**2) / 2, dv)
    assert (round(matched, 2), round(merton, 2)) == (12.15, 12.14)
    with pytest.raises(ValueError, match="total volatility"):
        pricing.governance_smile(100, K, 1 / 12, 0.0, 9.0, 1000.0, -1.0, 1.0)


def test_jump_rate_is_the_one_name_for_the_jump_intensity():
    """issue 17: the jump intensity is `jump_rate` in every pricing function (no `lam`, which meant three things)."""
    import inspect

    for fn in (
        pricing.merton_jump_diffusion,
        pricing.governance_premium,
        pricing.merton_price,
        pricing.total_volatility,
        pricing.governance_smile,
    ):
        names = inspect.signature(fn).parameters
        assert "jump_rate" in names and "lam" not in names, fn.__name__
    with pytest.raises(TypeError):
        pricing.merton_jump_diffusion(100, 100, 0.1, 0.08, 0.25, lam=1.0, gamma=0.25)


def test_notebook_04_names_the_argument():
    from notebook_tools import NOTEBOOK_DIR, markdown, read

    nb04 = markdown(read(NOTEBOOK_DIR / "04_community_risk.ipynb"))
    assert "(the argument `jump_rate` in `coordlab.models.pricing`)" in nb04
    assert "lam=" not in "".join(c.source for c in read(NOTEBOOK_DIR / "04_community_risk.ipynb").cells)


def test_bates_citations_support_their_claims():
    """The negative-mean-jump skew of index options is Bates (2000, S&P 500 futures options after 1987); Bates
    (1996) fitted Deutsche mark options (a jump-diffusion with stochastic volatility) and is not cited for it."""
    doc = pricing.__doc__
    assert "Post-'87 crash fears in the S&P 500" in doc and "*J. Econometrics* 94(1–2), 181–238" in doc
    i96 = doc.index("D. S. Bates (1996)")
    assert "not a source for a negative-mean skew" in doc[i96 : i96 + 500]
    assert "69–107 (negative-mean jumps as the source of the skew)" not in doc


def test_pricing_lab_shares_the_models_constants() -> None:
    """labs.community's jump-rate mapping is governance_jump_intensity's default."""

    from coordlab.labs import community as lab
    from coordlab.models import pricing as m

    f = m.governance_jump_intensity
    assert lab.BASE_RATE is m.GOVERNANCE_BASE_RATE == default(f, "base_rate") == 0.5
    assert lab.HHI_REF is m.GOVERNANCE_HHI_REF == default(f, "hhi_ref") == 0.05
    assert slider(lab.CommunityRiskLab, "sensitivity") == default(f, "sensitivity") == m.GOVERNANCE_SENSITIVITY == 10.0
