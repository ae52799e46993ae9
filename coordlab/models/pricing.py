"""Pricing governance risk into options: Black–Scholes, Merton's jump-diffusion, and a governance jump intensity.

**Black–Scholes (1973)** prices a European option when the log price diffuses with
volatility ``sigma``. **Merton (1976)** adds jumps arriving at rate ``lambda`` a year
(the parameter ``jump_rate``): the price is a Poisson mixture of Black–Scholes prices.
In Haug's (1998) parameterisation, with total volatility ``v`` and a share ``gamma`` of the
variance coming from jumps,

    delta**2 = gamma v**2 / lambda,   z**2 = v**2 - lambda delta**2,
    C = sum_i exp(-lambda T) (lambda T)**i / i!  BS(S, K, T, r, sigma_i),  sigma_i = sqrt(z**2 + delta**2 i / T).

For the same total variance, jumps fatten the tails: far out-of-the-money options cost
more than under Black–Scholes, options near the money a little less. Calls and puts
move together: both models price the same forward, so by put–call parity
``C - P = S - K e^{-rT}`` in each, and a call's jump premium at a strike equals the
put's. What jumps change is the *shape* across strikes, read as Black–Scholes implied
volatility by strike: symmetric jumps give a smile, downward jumps a skew (higher
implied volatility at low strikes). :func:`merton_price` takes the jump's mean log
size, :func:`governance_smile` compares it with Black–Scholes at the same total
variance and returns the implied volatilities.

**Governance risk as a jump intensity.** A community's state (how concentrated
its holders are, how excited its event stream is) sets how often a governance
shock hits the token: here ``jump_rate = base_rate * exp(sensitivity * (hhi - hhi_ref))``
— a modelling choice, stated as such, that makes the jump rate grow with
concentration. If the state moved on its own (exogenously, at random), the jumps
would form a Cox (doubly stochastic Poisson) process; a Hawkes process, whose rate
rises after its *own* events, is self-exciting, not doubly stochastic (see
``coordlab.models.sentiment``). :func:`governance_premium` is the Merton price
minus the Black–Scholes price at the same *diffusion* volatility: the jumps' extra
variance and their shape together, mostly variance. :func:`governance_smile`
separates the two by comparing at the same *total* variance.

This module follows the API conventions of issue 17 (CONTRIBUTING.md): the jump intensity is
``jump_rate`` (jumps a year) in every function, never ``lam``; results are numbers, arrays or a
frozen dataclass (:class:`GovernanceSmile`).

Sources
-------
- F. Black and M. Scholes (1973), "The Pricing of Options and Corporate
  Liabilities", *J. Political Economy* 81(3); J. C. Hull, *Options, Futures, and
  Other Derivatives* (e.g. 8th ed., Example 15.6: S = 42, K = 40, r = 10%,
  sigma = 20%, T = 0.5 gives a call of 4.76 and a put of 0.81).
- R. C. Merton (1976), "Option pricing when underlying stock returns are
  discontinuous", *J. Financial Economics* 3, 125–144 (the mixture formula with
  log-normal jumps of any mean); D. S. Bates (2000), "Post-'87 crash fears in the S&P 500
  futures option market", *J. Econometrics* 94(1–2), 181–238 (negative-mean jumps, with stochastic
  volatility, as the source of the index options' skew after 1987, and jumps implied by option prices
  larger than those in returns); D. S. Bates (1996), "Jumps and stochastic volatility: exchange rate
  processes implicit in Deutsche mark options", *Review of Financial Studies* 9(1), 69–107 (the
  jump-diffusion with stochastic volatility, fitted to currency options, whose implied skewness
  changed sign over time: not a source for a negative-mean skew); E. G. Haug (1998), *The
  Complete Guide to Option Pricing Formulas*, McGraw-Hill, p. 9 (the table
  reproduced in QuantLib's ``test-suite/jumpdiffusion.cpp``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "black_scholes",
    "merton_jump_diffusion",
    "governance_jump_intensity",
    "governance_premium",
    "merton_price",
    "total_volatility",
    "implied_volatility",
    "GovernanceSmile",
    "governance_smile",
    "GOVERNANCE_BASE_RATE",
    "GOVERNANCE_SENSITIVITY",
    "GOVERNANCE_HHI_REF",
]

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
JUMP_RATE = v.Real(0.0, 1000.0)
JUMP_RATE_MIN = 1e-6
# The Poisson series of the Merton price has about jump_rate T + 10 sqrt(jump_rate T) + 10 terms, each a
# Black-Scholes price at every strike: jump_rate T is capped at 10,000 expected jumps and
# (terms x strikes) at 5e6, about a second.
JUMPS_MAX = 10_000.0
WORK_MAX = 5e6
#: Governance jumps a year at the reference concentration (jumps per year; a modelling choice, notebook 04).
GOVERNANCE_BASE_RATE = 0.5
#: Growth of the log jump rate per unit of HHI (per unit of HHI; a modelling choice).
GOVERNANCE_SENSITIVITY = 10.0
#: The reference concentration at which jumps arrive at the base rate (HHI, a fraction; a modelling choice).
GOVERNANCE_HHI_REF = 0.05


def _ncdf(x: ArrayLike) -> np.ndarray:
    from scipy.special import ndtr

    return ndtr(x)


def _bs(S: float, K: np.ndarray, T: float, r: float, sigma: float | np.ndarray, kind: str) -> np.ndarray:
    # vectorised over K and sigma; inputs already validated
    sqrt_t = math.sqrt(T)
    d1 = (np.log(S / K) + (r + 0.5 * sigma**2) * T) / (sigma * sqrt_t)
    d2 = d1 - sigma * sqrt_t
    disc = math.exp(-r * T)
    if kind == "call":
        return S * _ncdf(d1) - K * disc * _ncdf(d2)
    return K * disc * _ncdf(-d2) - S * _ncdf(-d1)


def _check_jumps(K: np.ndarray, T: float, jump_rate: float) -> None:
    """Refuse a jump rate in (0, 1e-6) and a Poisson series too long to sum in about a second."""
    if 0.0 < jump_rate < JUMP_RATE_MIN:
        raise ValueError(
            f"jump_rate must be 0 or at least 1e-6 jumps per year (rarer jumps carrying the variance "
            f"share gamma would need infinite size), got {jump_rate!r}"
        )
    mean = jump_rate * T
    if mean > JUMPS_MAX:
        raise ValueError(
            f"jump_rate x T (expected jumps before expiry) must be at most {JUMPS_MAX:,.0f}, got "
            f"jump_rate={jump_rate:g}, T={T:g}"
        )
    terms = mean + 10.0 * math.sqrt(mean) + 10.0 if jump_rate > 0.0 else 1.0  # jump_rate = 0: one Black-Scholes price
    if K.size * terms > WORK_MAX:
        raise ValueError(
            f"K has {K.size:,} strikes and jump_rate x T = {mean:g} needs about {terms:,.0f} terms "
            f"for each; keep (strikes x terms) at most {WORK_MAX:.0e}: fewer strikes, or a smaller "
            f"jump_rate or T"
        )


@v.params(S=S_, K=K_, T=T_, r=R_, sigma=VOL, kind=KIND)
def black_scholes(S: float, K: ArrayLike, T: float, r: float, sigma: float, kind: str = "call") -> float | np.ndarray:
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
    K = np.asarray(K)  # already an array (@v.params): for the type checker
    out = _bs(S, K, T, r, sigma, kind)
    return float(out) if np.ndim(out) == 0 else out


@v.params(
    S=S_,
    K=K_,
    T=T_,
    r=R_,
    v_total=VOL,
    jump_rate=JUMP_RATE,
    gamma=v.Real(0.0, 0.999999),
    kind=KIND,
    tol=v.Real(1e-15, 1e-3),
)
def merton_jump_diffusion(
    S: float,
    K: ArrayLike,
    T: float,
    r: float,
    v_total: float,
    jump_rate: float,
    gamma: float,
    kind: str = "call",
    tol: float = 1e-12,
) -> float | np.ndarray:
    """Merton (1976) jump-diffusion price in Haug's parameterisation (total volatility and jump share).

    Parameters
    ----------
    S, K, T, r, kind
        As in :func:`black_scholes`.
    v_total : float
        Total volatility per year (diffusion and jumps together), in [1e-6, 10].
    jump_rate : float
        Expected number of jumps per year: 0 (Black–Scholes exactly) or in [1e-6, 1000], with
        ``jump_rate T`` (expected jumps before expiry) at most 10,000 and the number of strikes times
        the series' ``jump_rate T + 10 sqrt(jump_rate T) + 10`` terms at most 5e6 (about a second).
    gamma : float
        Share of the total variance that comes from jumps, in [0, 0.999999] (the diffusion
        keeps at least a millionth of it: the first term of the series is a Black–Scholes
        price at volatility ``v_total sqrt(1 - gamma)``).
    tol : float
        The Poisson series is summed until the remaining probability mass is below
        ``tol``, in [1e-15, 1e-3].

    Examples
    --------
    >>> round(merton_jump_diffusion(100, 100, 0.10, 0.08, 0.25, jump_rate=1.0, gamma=0.25), 2)   # Haug (1998): 3.42
    3.42
    >>> bs = black_scholes(100, 100, 0.5, 0.08, 0.25)
    >>> merton_jump_diffusion(100, 100, 0.5, 0.08, 0.25, jump_rate=0.0, gamma=0.5) == bs
    True
    """
    K = np.asarray(K)  # already an array (@v.params): for the type checker
    _check_jumps(K, T, jump_rate)
    return _merton(S, K, T, r, v_total, jump_rate, gamma, kind, tol)


def _merton(
    S: float,
    K: np.ndarray,
    T: float,
    r: float,
    v_total: float,
    jump_rate: float,
    gamma: float,
    kind: str,
    tol: float = 1e-12,
) -> float | np.ndarray:
    # inputs already validated, jump_rate T and the number of strikes capped by _check_jumps
    if jump_rate == 0.0 or gamma == 0.0:
        out = _bs(S, K, T, r, v_total, kind)
        return float(out) if np.ndim(out) == 0 else out
    delta2 = gamma * v_total**2 / jump_rate
    z2 = v_total**2 - jump_rate * delta2
    mean = jump_rate * T
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


@v.params(
    hhi=v.Probability(low_open=True),
    base_rate=v.Real(0.0, 100.0),
    sensitivity=v.Real(0.0, 50.0),
    hhi_ref=v.Probability(low_open=True),
)
def governance_jump_intensity(
    hhi: float,
    base_rate: float = GOVERNANCE_BASE_RATE,
    sensitivity: float = GOVERNANCE_SENSITIVITY,
    hhi_ref: float = GOVERNANCE_HHI_REF,
) -> float:
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


@v.params(S=S_, K=K_, T=T_, r=R_, sigma=VOL, jump_rate=JUMP_RATE, jump_vol=v.Real(0.0, 5.0), kind=KIND)
def governance_premium(
    S: float, K: ArrayLike, T: float, r: float, sigma: float, jump_rate: float, jump_vol: float, kind: str = "call"
) -> float | np.ndarray:
    """Extra value of an option when governance jumps are added on top of a diffusion of volatility ``sigma``.

    The jumps add variance of about ``jump_rate * jump_vol**2`` per year (Haug's jumps have a
    log mean of ``-jump_vol**2 / 2``, which adds ``jump_rate * jump_vol**4 / 4`` more: negligible
    at the course's sizes, and left out here); the Merton price with
    total volatility ``sqrt(sigma**2 + jump_rate jump_vol**2)`` and jump share
    ``jump_rate jump_vol**2 / (sigma**2 + jump_rate jump_vol**2)`` minus the Black–Scholes price
    at ``sigma``.

    Parameters
    ----------
    S, K, T, r, kind
        As in :func:`black_scholes`.
    sigma : float
        Diffusion volatility per year, in [1e-6, 10].
    jump_rate : float
        Governance jumps per year: 0 or in [1e-6, 1000], with the caps of
        :func:`merton_jump_diffusion` on ``jump_rate T`` and the number of strikes.
    jump_vol : float
        Standard deviation of the log jump, in [0, 5]; ``sigma**2 + jump_rate jump_vol**2`` at most 100
        (a total volatility of at most 10).

    Examples
    --------
    >>> governance_premium(100, 100, 0.25, 0.0, 0.6, jump_rate=0.0, jump_vol=0.2)
    0.0
    >>> round(governance_premium(100, 100, 0.25, 0.0, 0.6, jump_rate=2.0, jump_vol=0.2), 3)
    1.149
    """
    K = np.asarray(K)  # already an array (@v.params): for the type checker
    _check_jumps(K, T, jump_rate)
    base = _bs(S, K, T, r, sigma, kind)
    jump_var = jump_rate * jump_vol**2
    if jump_var == 0.0:
        out = np.zeros_like(base)
        return float(out) if np.ndim(out) == 0 else out
    total = math.sqrt(sigma**2 + jump_var)
    if total > 10.0:
        raise ValueError(
            f"sigma, jump_rate and jump_vol give a total volatility of {total:.3g} per year; keep it at most 10"
        )
    # the jump share can exceed merton_jump_diffusion's 0.999999 here (sigma >= 1e-6 keeps the diffusion
    # term's volatility at sigma, so the series stays finite): call the unchecked series
    out = _merton(S, K, T, r, total, jump_rate, jump_var / total**2, kind) - base
    return float(out) if np.ndim(out) == 0 else out


# --- Jumps with a mean: Merton (1976) in its own parameterisation, implied volatility, the skew ----------------
#
# Haug's parameterisation above fixes the mean log jump at -delta**2 / 2 (jumps that leave the price's mean
# unchanged, up and down alike). Governance shocks are mostly down: the functions below take the jump's mean
# log size as an input, compare Merton with Black-Scholes at the *same total variance*, and read the
# difference as implied volatility by strike (the skew). They follow issue 17's conventions: jump_rate,
# jump_mean and jump_vol are named for what they are, fractions per year or per jump.

JUMP_MEAN = v.Real(-1.0, 1.0)
JUMP_VOL = v.Real(0.0, 1.0)
LOG_FORWARD_MAX = 600.0  # the forward given n jumps stays within e^600 of the strike (no overflow)


def _merton_terms(
    S: float, K: np.ndarray, T: float, r: float, sigma: float, jump_rate: float, jump_mean: float, jump_vol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Poisson weights, forwards and volatilities of the mixture; refuses settings the series cannot sum."""
    mean = jump_rate * T
    if 0.0 < jump_rate < JUMP_RATE_MIN:
        raise ValueError(f"jump_rate must be 0 or at least 1e-6 jumps per year, got {jump_rate!r}")
    if mean > 1000.0:
        raise ValueError(
            f"jump_rate x T (expected jumps before expiry) must be at most 1,000, got jump_rate={jump_rate:g}, T={T:g}"
        )
    n_max = int(math.ceil(mean + 10.0 * math.sqrt(mean) + 10.0)) if mean > 0.0 else 0
    if K.size * (n_max + 1) > WORK_MAX:
        raise ValueError(
            f"K has {K.size:,} strikes and jump_rate x T = {mean:g} needs {n_max + 1:,} terms for each; "
            f"keep (strikes x terms) at most {WORK_MAX:.0e}"
        )
    kappa = math.expm1(jump_mean + 0.5 * jump_vol**2)  # E[J] - 1: mean relative jump
    n = np.arange(n_max + 1, dtype=float)
    log_w = -mean + n * math.log(mean) - np.array([math.lgamma(k + 1.0) for k in n]) if mean > 0.0 else np.zeros(1)
    # compensated drift: the jumps' expected effect is taken out, so the forward is S e^{rT} whatever the jumps
    log_f = math.log(S) + r * T - jump_rate * kappa * T + n * (jump_mean + 0.5 * jump_vol**2)
    lk = np.log(K).reshape(-1)
    if np.any(np.abs(log_f[:, None] - lk[None, :]) > LOG_FORWARD_MAX):
        raise ValueError(
            f"jump_rate, jump_mean, jump_vol and T move the forward price given n jumps beyond e^600 of "
            f"the strike (jump_rate={jump_rate:g}, jump_mean={jump_mean:g}, jump_vol={jump_vol:g}, "
            f"T={T:g}): choose smaller or rarer jumps"
        )
    var = sigma**2 * T + n * jump_vol**2  # variance of log S_T given n jumps
    return np.exp(log_w), log_f, var


def _black(log_f: np.ndarray, K: np.ndarray, var: np.ndarray, T: float, r: float, kind: str) -> np.ndarray:
    """Discounted Black (1976) price on a forward e^{log_f}, for total variance var (broadcast)."""
    sd = np.sqrt(var)
    d1 = (log_f - np.log(K) + 0.5 * var) / sd
    d2 = d1 - sd
    disc = math.exp(-r * T)
    f = np.exp(log_f)
    if kind == "call":
        return disc * (f * _ncdf(d1) - K * _ncdf(d2))
    return disc * (K * _ncdf(-d2) - f * _ncdf(-d1))


@v.params(S=S_, K=K_, T=T_, r=R_, sigma=VOL, jump_rate=JUMP_RATE, jump_mean=JUMP_MEAN, jump_vol=JUMP_VOL, kind=KIND)
def merton_price(
    S: float,
    K: ArrayLike,
    T: float,
    r: float,
    sigma: float,
    jump_rate: float,
    jump_mean: float,
    jump_vol: float,
    kind: str = "call",
) -> float | np.ndarray:
    """Merton (1976) jump-diffusion price with jumps of any mean: log jump ~ N(``jump_mean``, ``jump_vol**2``).

    The price is a Poisson mixture over the number ``n`` of jumps before expiry of
    Black–Scholes prices with variance ``sigma**2 T + n jump_vol**2`` and a forward
    shifted by ``n`` jumps and by the drift that compensates them (Merton 1976,
    eq. 16; Hull, *Options, Futures, and Other Derivatives*, section on jump-diffusion).
    With ``jump_mean = -jump_vol**2 / 2`` it is :func:`merton_jump_diffusion` (Haug's
    parameterisation, whose jumps leave the mean price unchanged).

    Parameters
    ----------
    S, K, T, r, kind
        As in :func:`black_scholes`.
    sigma : float
        Diffusion volatility per year, in [1e-6, 10].
    jump_rate : float
        Expected jumps per year: 0 (Black–Scholes) or in [1e-6, 1000], with ``jump_rate T`` at most 1,000.
    jump_mean : float
        Mean log size of a jump, in [-1, 1] (-0.1: a typical jump takes about 9.5% off the price).
    jump_vol : float
        Standard deviation of the log jump, in [0, 1].

    Examples
    --------
    >>> haug = merton_jump_diffusion(100, 100, 0.1, 0.08, 0.25, jump_rate=1.0, gamma=0.25)
    >>> delta = (0.25 * 0.25**2 / 1.0) ** 0.5; sigma = (0.25**2 - delta**2) ** 0.5
    >>> abs(merton_price(100, 100, 0.1, 0.08, sigma, 1.0, -delta**2 / 2, delta) - haug) < 1e-9
    True
    >>> no_jumps = merton_price(100, 100, 0.25, 0.0, 0.6, 0.0, -0.1, 0.1)  # a jump rate of 0
    >>> round(no_jumps, 4) == round(black_scholes(100, 100, 0.25, 0.0, 0.6), 4)
    True
    """
    K = np.asarray(K)  # already an array (@v.params): for the type checker
    return _merton_price(S, K, T, r, sigma, jump_rate, jump_mean, jump_vol, kind)


def _merton_price(
    S: float,
    K: np.ndarray,
    T: float,
    r: float,
    sigma: float,
    jump_rate: float,
    jump_mean: float,
    jump_vol: float,
    kind: str,
) -> float | np.ndarray:
    w, log_f, var = _merton_terms(S, K, T, r, sigma, jump_rate, jump_mean, jump_vol)
    out = (w[:, None] * _black(log_f[:, None], K.reshape(1, -1), var[:, None], T, r, kind)).sum(axis=0)
    out = out.reshape(K.shape)
    return float(out) if np.ndim(out) == 0 else out


@v.params(sigma=VOL, jump_rate=JUMP_RATE, jump_mean=JUMP_MEAN, jump_vol=JUMP_VOL)
def total_volatility(sigma: float, jump_rate: float, jump_mean: float, jump_vol: float) -> float:
    """Annualised standard deviation of the log return with jumps: ``sqrt(sigma**2 + jump_rate (jump_mean**2 +
    jump_vol**2))``.

    Each jump adds ``jump_mean**2 + jump_vol**2`` of variance (its second moment), so the log return over ``T``
    years has variance ``T`` times the square of this number: the volatility a Black–Scholes price must use to
    compare with Merton's at the same total variance.

    Parameters
    ----------
    sigma : float
        Diffusion volatility per year, in [1e-6, 10].
    jump_rate : float
        Expected jumps per year, in [0, 1000].
    jump_mean : float
        Mean log size of a jump, in [-1, 1].
    jump_vol : float
        Standard deviation of the log jump, in [0, 1].

    Examples
    --------
    >>> round(total_volatility(0.6, 0.62, -0.2, 0.1), 4)
    0.6253
    """
    return math.sqrt(sigma**2 + jump_rate * (jump_mean**2 + jump_vol**2))


@v.params(price=v.RealArray(0.0, PRICE_MAX), S=S_, K=K_, T=T_, r=R_, kind=KIND)
def implied_volatility(
    price: ArrayLike, S: float, K: ArrayLike, T: float, r: float, kind: str = "call"
) -> float | np.ndarray:
    """The Black–Scholes volatility that reproduces an option price, strike by strike (bisection).

    The price is first turned into the out-of-the-money option by put–call parity (a put below the forward
    ``S e^{rT}``, a call above it), whose price depends most on the volatility; 60 bisection steps on the log of the
    volatility over [1e-6, 10] then pin it to a relative 1e-15.

    Parameters
    ----------
    price : float or array_like
        Option price(s), one per strike (or one for all), each in [0, 1e12], strictly between the
        no-arbitrage bounds (``max(0, S - K e^{-rT})`` and ``S`` for a call).
    S, K, T, r, kind
        As in :func:`black_scholes`.

    Examples
    --------
    >>> round(float(implied_volatility(black_scholes(42, 40, 0.5, 0.1, 0.2), 42, 40, 0.5, 0.1)), 6)
    0.2
    """
    price, K = np.asarray(price), np.asarray(K)  # arrays already (@v.params)
    if price.size != 1 and price.shape != K.shape:
        raise ValueError(f"price must be one number or one per strike (K's shape {K.shape}), got shape {price.shape}")
    return _implied_vol(price, S, K, T, r, kind)


def _implied_vol(price: np.ndarray, S: float, K: np.ndarray, T: float, r: float, kind: str) -> float | np.ndarray:
    price = np.broadcast_to(price.reshape(K.shape) if price.size == K.size else price.reshape(()), K.shape).astype(
        float
    )
    disc = math.exp(-r * T)
    fwd = S / disc
    call = price if kind == "call" else price + S - K * disc  # put-call parity
    lower, upper = np.maximum(0.0, S - K * disc), np.full(K.shape, float(S))
    slack = 1e-12 * S
    if np.any(call < lower - slack) or np.any(call > upper + slack):
        raise ValueError(
            f"price must lie between the no-arbitrage bounds of a {kind} at each strike "
            f"(max(0, S - K e^(-rT)) and S for a call), got "
            f"{price.tolist() if price.size <= 8 else 'an array outside them'}"
        )
    otm_call = K >= fwd
    target = np.where(otm_call, call, call - S + K * disc)  # the out-of-the-money option's price
    sign = np.where(otm_call, 1.0, -1.0)  # +1: call, -1: put
    log_k = np.log(S / K)
    sqrt_t = math.sqrt(T)
    # bisection on log volatility over [1e-6, 10]: 60 halvings pin it to a relative 1e-15
    lo, hi = np.full(K.shape, math.log(VOL_MIN)), np.full(K.shape, math.log(VOL_MAX))
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        sig = np.exp(mid)
        d1 = (log_k + (r + 0.5 * sig**2) * T) / (sig * sqrt_t)
        d2 = d1 - sig * sqrt_t
        p = sign * (S * _ncdf(sign * d1) - K * disc * _ncdf(sign * d2))
        above = p > target
        hi = np.where(above, mid, hi)
        lo = np.where(above, lo, mid)
    out = np.exp(0.5 * (lo + hi))
    return float(out) if np.ndim(out) == 0 else out


@dataclass(frozen=True)
class GovernanceSmile:
    """Merton's prices with governance jumps against Black–Scholes, by strike (see :func:`governance_smile`).

    Attributes
    ----------
    strikes : numpy.ndarray
        The strikes (same units as the spot).
    merton : numpy.ndarray
        Call prices with jumps (:func:`merton_price`).
    black_scholes_same_variance : numpy.ndarray
        Black–Scholes call prices at ``total_vol``: the same total variance as Merton's.
    black_scholes_same_diffusion : numpy.ndarray
        Black–Scholes call prices at the diffusion volatility alone (what the jumps were *added* to).
    implied_vol : numpy.ndarray
        Black–Scholes implied volatility of Merton's prices at each strike, a fraction per year: flat at
        ``total_vol`` would mean no effect of the jumps' shape; a skew (higher at low strikes) is the mark of
        downward jumps.
    total_vol : float
        ``sqrt(sigma**2 + jump_rate (jump_mean**2 + jump_vol**2))``, per year.
    sigma, jump_rate, jump_mean, jump_vol : float
        The inputs.
    """

    strikes: np.ndarray
    merton: np.ndarray
    black_scholes_same_variance: np.ndarray
    black_scholes_same_diffusion: np.ndarray
    implied_vol: np.ndarray
    total_vol: float
    sigma: float
    jump_rate: float
    jump_mean: float
    jump_vol: float

    @property
    def premium_same_variance(self) -> np.ndarray:
        """Merton minus Black–Scholes at the same total variance: what the jumps' *shape* is worth, by strike."""
        return self.merton - self.black_scholes_same_variance

    @property
    def premium_same_diffusion(self) -> np.ndarray:
        """Merton minus Black–Scholes at the diffusion volatility: extra variance and shape together."""
        return self.merton - self.black_scholes_same_diffusion


@v.params(
    S=S_,
    K=v.RealArray(PRICE_MIN, PRICE_MAX, ndim=1, max_size=10_000),
    T=T_,
    r=R_,
    sigma=VOL,
    jump_rate=JUMP_RATE,
    jump_mean=JUMP_MEAN,
    jump_vol=JUMP_VOL,
)
def governance_smile(
    S: float, K: ArrayLike, T: float, r: float, sigma: float, jump_rate: float, jump_mean: float, jump_vol: float
) -> GovernanceSmile:
    """Calls with governance jumps against Black–Scholes at the same total variance, and the implied-volatility
    skew.

    Parameters
    ----------
    S, T, r
        As in :func:`black_scholes`.
    K : array_like
        Strikes, a 1-D array of at most 10,000, each in [1e-6, 1e12].
    sigma, jump_rate, jump_mean, jump_vol
        As in :func:`merton_price`; the total volatility must stay at most 10 a year.

    Examples
    --------
    >>> s = governance_smile(100, [80, 100, 120], 0.25, 0.0, 0.6, 0.62, -0.15, 0.15)
    >>> bool(s.implied_vol[0] > s.implied_vol[1] > s.implied_vol[2])    # downward jumps: a skew
    True
    """
    K = np.asarray(K)  # already an array (@v.params): for the type checker
    total = math.sqrt(sigma**2 + jump_rate * (jump_mean**2 + jump_vol**2))  # total_volatility, checked once
    if total > VOL_MAX:
        raise ValueError(
            f"sigma, jump_rate, jump_mean and jump_vol give a total volatility of {total:.3g} a year; "
            f"keep it at most 10"
        )
    mj = _merton_price(S, K, T, r, sigma, jump_rate, jump_mean, jump_vol, "call")
    same_var = _bs(S, K, T, r, total, "call")
    same_diff = _bs(S, K, T, r, sigma, "call")
    iv = _implied_vol(np.clip(mj, np.maximum(0.0, S - K * math.exp(-r * T)), S), S, K, T, r, "call")
    return GovernanceSmile(
        strikes=K.copy(),
        merton=np.asarray(mj, dtype=float),
        black_scholes_same_variance=same_var,
        black_scholes_same_diffusion=same_diff,
        implied_vol=np.asarray(iv, dtype=float),
        total_vol=total,
        sigma=sigma,
        jump_rate=jump_rate,
        jump_mean=jump_mean,
        jump_vol=jump_vol,
    )
