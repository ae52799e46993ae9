"""Pricing governance risk into options: Black–Scholes, Merton's jump-diffusion, and a governance jump intensity.

**Black–Scholes (1973)** prices a European option when the log price diffuses with
volatility ``sigma``. **Merton (1976)** adds jumps arriving at rate ``lam``: the
price is a Poisson mixture of Black–Scholes prices. In Haug's (1998)
parameterisation, with total volatility ``v`` and a share ``gamma`` of the
variance coming from jumps,

    delta**2 = gamma v**2 / lam,   z**2 = v**2 - lam delta**2,
    C = sum_i exp(-lam T) (lam T)**i / i!  BS(S, K, T, r, sigma_i),  sigma_i = sqrt(z**2 + delta**2 i / T).

For the same total variance, jumps fatten the tails: out-of-the-money options cost
more than under Black–Scholes.

**Governance risk as a jump intensity.** A community's state (how concentrated
its holders are, how excited its event stream is) sets how often a governance
shock hits the token: here ``lam = base_rate * exp(sensitivity * (hhi - hhi_ref))``
— a modelling choice, stated as such, that makes the jump rate grow with
concentration (a Cox process when the state moves). The governance premium of an
option is its Merton price minus its Black–Scholes price at the same diffusion
volatility.

Sources
-------
- F. Black and M. Scholes (1973), "The Pricing of Options and Corporate
  Liabilities", *J. Political Economy* 81(3); J. C. Hull, *Options, Futures, and
  Other Derivatives* (e.g. 8th ed., Example 15.6: S = 42, K = 40, r = 10%,
  sigma = 20%, T = 0.5 gives a call of 4.76 and a put of 0.81).
- R. C. Merton (1976), "Option pricing when underlying stock returns are
  discontinuous", *J. Financial Economics* 3, 125–144; E. G. Haug (1998), *The
  Complete Guide to Option Pricing Formulas*, McGraw-Hill, p. 9 (the table
  reproduced in QuantLib's ``test-suite/jumpdiffusion.cpp``).
"""

from __future__ import annotations

import math

import numpy as np

from coordlab import _validate as v

__all__ = ["black_scholes", "merton_jump_diffusion", "governance_jump_intensity", "governance_premium"]

# Constraints shared by the functions below. Prices below 1e-6, times below 1e-6 years (30 s) and
# volatilities below 1e-6 a year would send log(S / K) or d1 = log(S / K) / (sigma sqrt(T)) to
# infinity at the smallest doubles; a million strikes is far more than any smile needs.
PRICE_MIN, PRICE_MAX = 1e-6, 1e12
VOL_MIN, VOL_MAX = 1e-6, 10.0
STRIKES_MAX = 1_000_000
S_ = v.Real(PRICE_MIN, PRICE_MAX)
K_ = v.RealArray(PRICE_MIN, PRICE_MAX, max_size=STRIKES_MAX)
T_ = v.Real(1e-6, 100.0)
R_ = v.Real(-0.5, 1.0)
VOL = v.Real(VOL_MIN, VOL_MAX)
KIND = v.Choice("call", "put")
LAM = v.Real(0.0, 1000.0)
LAM_MIN = 1e-6
# The Poisson series of the Merton price has about lam T + 10 sqrt(lam T) + 10 terms, each a
# Black-Scholes price at every strike: lam T is capped at 10,000 expected jumps and
# (terms x strikes) at 5e6, about a second.
JUMPS_MAX = 10_000.0
WORK_MAX = 5e6


def _ncdf(x):
    from scipy.special import ndtr

    return ndtr(x)


def _bs(S, K, T, r, sigma, kind):
    # vectorised over K and sigma; inputs already validated
    sqrt_t = math.sqrt(T)
    d1 = (np.log(S / K) + (r + 0.5 * sigma**2) * T) / (sigma * sqrt_t)
    d2 = d1 - sigma * sqrt_t
    disc = math.exp(-r * T)
    if kind == "call":
        return S * _ncdf(d1) - K * disc * _ncdf(d2)
    return K * disc * _ncdf(-d2) - S * _ncdf(-d1)


def _check_jumps(K, T, lam):
    """Refuse a jump rate in (0, 1e-6) and a Poisson series too long to sum in about a second."""
    if 0.0 < lam < LAM_MIN:
        raise ValueError(f"lam must be 0 or at least 1e-6 jumps per year (rarer jumps carrying the variance share "
                         f"gamma would need infinite size), got {lam!r}")
    mean = lam * T
    if mean > JUMPS_MAX:
        raise ValueError(f"lam x T (expected jumps before expiry) must be at most {JUMPS_MAX:,.0f}, got "
                         f"lam={lam:g}, T={T:g}")
    terms = mean + 10.0 * math.sqrt(mean) + 10.0 if lam > 0.0 else 1.0  # lam = 0: one Black-Scholes price
    if K.size * terms > WORK_MAX:
        raise ValueError(f"K has {K.size:,} strikes and lam x T = {mean:g} needs about {terms:,.0f} terms for each; "
                         f"keep (strikes x terms) at most {WORK_MAX:.0e}: fewer strikes, or a smaller lam or T")


@v.params(S=S_, K=K_, T=T_, r=R_, sigma=VOL, kind=KIND)
def black_scholes(S: float, K, T: float, r: float, sigma: float, kind: str = "call"):
    """Black–Scholes price of a European call or put (no dividends).

    Parameters
    ----------
    S : float
        Spot price, in [1e-6, 1e12].
    K : float or array_like
        Strike(s), each in [1e-6, 1e12]; at most 1,000,000 of them.
    T : float
        Time to expiry in years, in [1e-6, 100].
    r : float
        Continuously compounded risk-free rate, in [-0.5, 1].
    sigma : float
        Volatility per year, in [1e-6, 10].
    kind : {"call", "put"}

    Examples
    --------
    >>> round(black_scholes(42, 40, 0.5, 0.10, 0.20), 2), round(black_scholes(42, 40, 0.5, 0.10, 0.20, "put"), 2)
    (4.76, 0.81)
    """
    out = _bs(S, K, T, r, sigma, kind)
    return float(out) if np.ndim(out) == 0 else out


@v.params(S=S_, K=K_, T=T_, r=R_, v_total=VOL, lam=LAM, gamma=v.Real(0.0, 0.999999), kind=KIND,
          tol=v.Real(1e-15, 1e-3))
def merton_jump_diffusion(S: float, K, T: float, r: float, v_total: float, lam: float, gamma: float,
                          kind: str = "call", tol: float = 1e-12):
    """Merton (1976) jump-diffusion price in Haug's parameterisation (total volatility and jump share).

    Parameters
    ----------
    S, K, T, r, kind
        As in :func:`black_scholes`.
    v_total : float
        Total volatility per year (diffusion and jumps together), in [1e-6, 10].
    lam : float
        Expected number of jumps per year: 0 (Black–Scholes exactly) or in [1e-6, 1000], with
        ``lam T`` (expected jumps before expiry) at most 10,000 and the number of strikes times
        the series' ``lam T + 10 sqrt(lam T) + 10`` terms at most 5e6 (about a second).
    gamma : float
        Share of the total variance that comes from jumps, in [0, 0.999999] (the diffusion
        keeps at least a millionth of it: the first term of the series is a Black–Scholes
        price at volatility ``v_total sqrt(1 - gamma)``).
    tol : float
        The Poisson series is summed until the remaining probability mass is below
        ``tol``, in [1e-15, 1e-3].

    Examples
    --------
    >>> round(merton_jump_diffusion(100, 100, 0.10, 0.08, 0.25, lam=1.0, gamma=0.25), 2)   # Haug (1998): 3.42
    3.42
    >>> merton_jump_diffusion(100, 100, 0.5, 0.08, 0.25, lam=0.0, gamma=0.5) == black_scholes(100, 100, 0.5, 0.08, 0.25)
    True
    """
    _check_jumps(K, T, lam)
    return _merton(S, K, T, r, v_total, lam, gamma, kind, tol)


def _merton(S, K, T, r, v_total, lam, gamma, kind, tol=1e-12):
    # inputs already validated, lam T and the number of strikes capped by _check_jumps
    if lam == 0.0 or gamma == 0.0:
        out = _bs(S, K, T, r, v_total, kind)
        return float(out) if np.ndim(out) == 0 else out
    delta2 = gamma * v_total**2 / lam
    z2 = v_total**2 - lam * delta2
    mean = lam * T
    total = np.zeros_like(K)
    weight_sum = 0.0
    i = 0
    log_w = -mean
    while True:
        w = math.exp(log_w)
        total = total + w * _bs(S, K, T, r, math.sqrt(z2 + delta2 * i / T), kind)
        weight_sum += w
        i += 1
        # past the mean, once the weights underflow to 0 every further term adds exactly nothing
        if (1.0 - weight_sum < tol and i > mean) or (w == 0.0 and i > mean) or i > 100_000:
            break
        log_w += math.log(mean) - math.log(i)
    return float(total) if np.ndim(total) == 0 else total


@v.params(hhi=v.Probability(low_open=True), base_rate=v.Real(0.0, 100.0), sensitivity=v.Real(0.0, 50.0),
          hhi_ref=v.Probability(low_open=True))
def governance_jump_intensity(hhi: float, base_rate: float = 0.5, sensitivity: float = 10.0,
                              hhi_ref: float = 0.05) -> float:
    """Governance-shock rate implied by holder concentration: ``base_rate * exp(sensitivity * (hhi - hhi_ref))``.

    A modelling choice (see the module docstring): at the reference concentration
    ``hhi_ref`` shocks arrive at ``base_rate`` per year, and each 0.1 of HHI above it
    multiplies the rate by ``exp(0.1 * sensitivity)``.

    Parameters
    ----------
    hhi : float
        Herfindahl–Hirschman index of the holders, in (0, 1].
    base_rate : float
        Jumps per year at ``hhi_ref``, in [0, 100].
    sensitivity : float
        Growth of the log rate per unit of HHI, in [0, 50].
    hhi_ref : float
        Reference concentration, in (0, 1].

    Examples
    --------
    >>> governance_jump_intensity(0.05), round(governance_jump_intensity(0.15), 4)
    (0.5, 1.3591)
    """
    return min(1000.0, base_rate * math.exp(sensitivity * (hhi - hhi_ref)))


@v.params(S=S_, K=K_, T=T_, r=R_, sigma=VOL, lam=LAM, jump_vol=v.Real(0.0, 5.0), kind=KIND)
def governance_premium(S: float, K, T: float, r: float, sigma: float, lam: float, jump_vol: float,
                       kind: str = "call"):
    """Extra value of an option when governance jumps are added on top of a diffusion of volatility ``sigma``.

    The jumps add variance ``lam * jump_vol**2`` per year; the Merton price with
    total volatility ``sqrt(sigma**2 + lam jump_vol**2)`` and jump share
    ``lam jump_vol**2 / (sigma**2 + lam jump_vol**2)`` minus the Black–Scholes price
    at ``sigma``.

    Parameters
    ----------
    S, K, T, r, kind
        As in :func:`black_scholes`.
    sigma : float
        Diffusion volatility per year, in [1e-6, 10].
    lam : float
        Governance jumps per year: 0 or in [1e-6, 1000], with the caps of
        :func:`merton_jump_diffusion` on ``lam T`` and the number of strikes.
    jump_vol : float
        Standard deviation of the log jump, in [0, 5]; ``sigma**2 + lam jump_vol**2`` at most 100
        (a total volatility of at most 10).

    Examples
    --------
    >>> governance_premium(100, 100, 0.25, 0.0, 0.6, lam=0.0, jump_vol=0.2)
    0.0
    >>> round(governance_premium(100, 100, 0.25, 0.0, 0.6, lam=2.0, jump_vol=0.2), 3)
    1.149
    """
    _check_jumps(K, T, lam)
    base = _bs(S, K, T, r, sigma, kind)
    jump_var = lam * jump_vol**2
    if jump_var == 0.0:
        out = np.zeros_like(base)
        return float(out) if np.ndim(out) == 0 else out
    total = math.sqrt(sigma**2 + jump_var)
    if total > 10.0:
        raise ValueError(f"sigma, lam and jump_vol give a total volatility of {total:.3g} per year; keep it at most 10")
    # the jump share can exceed merton_jump_diffusion's 0.999999 here (sigma >= 1e-6 keeps the diffusion
    # term's volatility at sigma, so the series stays finite): call the unchecked series
    out = _merton(S, K, T, r, total, lam, jump_var / total**2, kind) - base
    return float(out) if np.ndim(out) == 0 else out
