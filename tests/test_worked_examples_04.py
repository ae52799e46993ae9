"""Every number notebook 04's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import ndtr

from coordlab.labs import CommunityRiskLab
from coordlab.labs.community import STRIKES
from coordlab.models import concentration, pricing, sentiment
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB04 = markdown(read(NOTEBOOK_DIR / "04_community_risk.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB04, f"the prose no longer says {phrase!r}"


def test_incident_and_thresholds():
    stated("about **−6.7%**", "CoinDesk and The Defiant coverage, late July 2024", "above **1 800**", "used **2 500**")


def test_concentration_section():
    """§2: the synthetic community scores 720, with Nakamoto 7 at 51% and 2 at 1/3."""
    c = concentration.concentration(concentration.synthetic_holders(200, 0.2, 1.16))
    assert round(c.hhi * 1e4) == 720 and c.nakamoto_majority == 7 and c.nakamoto_bft == 2
    assert c.hhi * 1e4 < 1800
    stated("\"unconcentrated\" by antitrust standards at 720, yet seven holders control a majority and two can block")


def test_degroot_whale_carries_over_half_the_influence():
    W = np.array([[0.6, 0.2, 0.2, 0.0], [0.1, 0.8, 0.1, 0.0], [0.3, 0.3, 0.2, 0.2], [0.2, 0.3, 0.1, 0.4]])
    pi = sentiment.influence_weights(W)
    assert pi[1] > 0.5 and pi[1] == pi.max()
    stated("carries more than half of the influence", "sentiments from +0.9 to −0.8")


def test_hawkes_figure_1():
    assert sentiment.hawkes_mean_intensity(0.3, 0.7, 1.0) == pytest.approx(1.0)
    stated("$\\mu = 0.3$ a day, $\\alpha = 0.7$, $\\beta = 1$ per day; seed 289", "A dashed horizontal line at 1.0",
           "jumps up by 0.7 at each event")


def test_pricing_claims():
    assert round(pricing.black_scholes(42, 40, 0.5, 0.10, 0.20), 2) == 4.76
    assert round(pricing.black_scholes(42, 40, 0.5, 0.10, 0.20, "put"), 2) == 0.81
    assert round(pricing.merton_jump_diffusion(100, 100, 0.10, 0.08, 0.25, 1.0, 0.25), 2) == 3.42
    assert pricing.governance_jump_intensity(0.05) == 0.5
    stated("a call of 4.76 and a put of 0.81", "for instance 3.42 for an at-the-money call", "$\\lambda = 0.5\\,e^{k(\\mathrm{HHI} - 0.05)}$",
           "log-size standard deviation of 15%", "a diffusion with 60% volatility")


def test_black_scholes_formula_as_stated():
    """§4 states the call and put formulas: they give coordlab's prices (Hull's example and Exercise 3's call)."""
    for S, K, T, r, sigma in ((42, 40, 0.5, 0.10, 0.20), (52, 50, 0.25, 0.12, 0.30), (100, 130, 0.25, 0.0, 0.6)):
        d1 = (np.log(S / K) + (r + sigma**2 / 2) * T) / (sigma * np.sqrt(T))
        d2 = (np.log(S / K) + (r - sigma**2 / 2) * T) / (sigma * np.sqrt(T))
        call = S * ndtr(d1) - K * np.exp(-r * T) * ndtr(d2)
        put = K * np.exp(-r * T) * ndtr(-d2) - S * ndtr(-d1)
        assert call == pytest.approx(pricing.black_scholes(S, K, T, r, sigma), rel=1e-12)
        assert put == pytest.approx(pricing.black_scholes(S, K, T, r, sigma, "put"), rel=1e-12)
    stated("$C = S\\,N(d_1) - K e^{-rT} N(d_2)$", "$P = K e^{-rT} N(-d_2) - S\\,N(-d_1)$",
           "$d_{1,2} = \\frac{\\ln(S/K) + (r \\pm \\sigma^2/2)\\,T}{\\sigma\\sqrt{T}}$")


def test_the_whale_is_the_largest_holder_only_from_16_percent():
    """§4: the tail's top holder has 18% beside a 5% whale, 15% beside a 20% one; the whale is the largest from 16% up."""
    def tail_top(whale, alpha=1.16):
        return float(concentration.synthetic_holders(200, whale, alpha)[1:].max())
    assert round(tail_top(0.05), 2) == 0.18 and round(tail_top(0.2), 2) == 0.15
    largest = [w / 100 for w in range(1, 61) if w / 100 > tail_top(w / 100)]     # the lab's slider, in steps of 1%
    assert largest == [w / 100 for w in range(16, 61)]
    stated("its top holder has 18% beside a 5% whale (15% beside a 20% one)",
           "the lab's slider \"the whale's share\" sets the largest holder's share only from 16% up (at the default tail exponent)")


def test_figure_2_lab_defaults():
    lab = CommunityRiskLab()
    r = lab.result
    premium = r["mj"] - r["bs"]
    assert round(premium[0], 2) == 0.05 and round(premium.max(), 2) == 0.22 and round(premium[-1], 1) == 0.1
    assert 95 <= STRIKES[np.argmax(premium)] <= 110
    stated("rises from about 0.05 at strike 60 to a peak of about 0.22 near the money", "falls to about 0.1 at strike 160")


def test_exercise_solutions():
    assert concentration.hhi([32, 28, 18, 12, 10]) * 1e4 == pytest.approx(2376)
    assert 1800 < 2376 < 2500  # highly concentrated by the 2023 threshold, not by the 2010 one
    stakes = [11, 10, 10, 9, 9, 8, 8, 7, 7, 7, 5, 5, 4]
    assert sum(stakes) == 100 and list(np.cumsum(stakes[:6])) == [11, 21, 31, 40, 49, 57]
    assert concentration.nakamoto_coefficient(stakes, 0.51) == 6
    assert concentration.nakamoto_coefficient(stakes, 1 / 3) == 4
    assert round(pricing.black_scholes(52, 50, 0.25, 0.12, 0.30), 2) == 5.06
    d1 = (np.log(52 / 50) + (0.12 + 0.045) * 0.25) / 0.15
    assert round(d1, 4) == 0.5365 and round(d1 - 0.15, 4) == 0.3865
    assert round(50 * np.exp(-0.03), 2) == 48.52
    assert (round(ndtr(d1), 4), round(ndtr(d1 - 0.15), 4)) == (0.7042, 0.6504)
    assert round(52 * ndtr(d1) - 50 * ndtr(d1 - 0.15), 2) == 4.10  # the strike left undiscounted
    assert sentiment.hawkes_mean_intensity(1.6, 0.8, 1.5) == pytest.approx(24 / 7)
    stated("= 1024 + 784 + 324 + 144 + 100 = 2376$", "$11, 21, 31, 40, 49, 57\\%$", "six hold $49 + 8 = 57\\% > 51\\%$",
           "\\approx 5.06$", "Forgetting to discount the strike gives 4.10", "$\\mu/(1 - n) = 1.6/(7/15) = 24/7 \\approx 3.43$ a day")
