"""Position sizing: the Kelly criterion, fractional Kelly, drawdown risk and the ergodicity coin.

**Binary bet** (Kelly 1956). A bet at net odds ``b`` (win ``b`` per unit staked)
won with probability ``p``: staking a fraction ``f`` of wealth each time grows
wealth at the rate ``G(f) = p ln(1 + b f) + q ln(1 - f)`` per bet, maximised by
``f* = p - q / b``. At even odds the maximum, in bits, is ``1 + p log2 p + q log2 q``
(Kelly's "information rate").

**Continuous time** (Thorp 2006, §7). A fraction ``f`` in an asset following
geometric Brownian motion with drift ``mu`` and volatility ``sigma``, the rest at
the riskless rate ``r``, grows at ``g(f) = r + f (mu - r) - f**2 sigma**2 / 2``: the
Kelly fraction is ``f* = (mu - r) / sigma**2`` and ``g* = r + (mu - r)**2 / (2 sigma**2)``.
A fraction ``c`` of Kelly grows at ``r + c (2 - c) (mu - r)**2 / (2 sigma**2)``:
half-Kelly keeps 75% of the growth, and 2x Kelly has none left.

**Drawdown** (derived from the hitting probability of Brownian motion with drift,
e.g. Karatzas & Shreve 1991, §3.5.C). With ``r = 0``, log wealth under fraction ``c`` of Kelly is a Brownian
motion with drift ``m = (c - c**2 / 2) (mu / sigma)**2`` and volatility
``s = c mu / sigma``, so the probability that wealth *ever* falls to a fraction ``x``
of its start is ``exp(2 m ln x / s**2) = x**(2 / c - 1)``: for full Kelly, the
chance of ever halving is 1/2. Within a finite horizon ``T`` it is the first-passage
probability ``Phi((a - m T) / (s sqrt T)) + x**(2/c - 1) Phi((a + m T) / (s sqrt T))``,
``a = ln x`` (:func:`drawdown_probability`).

**Kelly is log utility.** Maximising the growth rate ``E[ln(W_1 / W_0)]`` is
maximising expected logarithmic utility (Bernoulli 1738); Kelly's case for it is
asymptotic: almost-sure long-run growth, and the shortest expected time to a
target (Breiman 1961). For other risk preferences it is not optimal, however long
the horizon (Samuelson 1979).

**Ergodicity** (Peters 2019, *Nature Physics* 15). A fair coin multiplies wealth by
1.5 or 0.6: the ensemble average grows 5% a round, while almost every single
path shrinks at the time-average rate ``sqrt(1.5 x 0.6) - 1 = -5.13%`` a round.
Staking a fraction ``f`` of wealth on each flip (:func:`kelly_gain_loss`) grows at
``0.5 ln(1 + 0.5 f) + 0.5 ln(1 - 0.4 f)``, maximised at ``f* = 0.25`` (+0.62% a
round). Peters' claim that time averages should replace expected utility is
contested (Doctor, Wakker & Wang 2020): for multiplicative bets its prescription
is log utility, one case of expected utility.

**Leverage on a loop** (:func:`loop_liquidation`). A Compound v2 loop's collateral
priced at $1 and its debt at the oracle's DAI price (USDC collateral against DAI
debt), or a mix with a share of DAI collateral, whose value rises with the debt.

The Monte Carlo engines are vectorised over paths and keep only the state
(current and minimum log wealth, a few sampled paths), never a paths x steps
matrix: :func:`simulate_bets` runs 100 000 paths x 1 000 bets in a fraction of a
second with about 50 MB at its peak (``benchmarks/``).

This module follows the API conventions of issue 17 (CONTRIBUTING.md) for its results and
names: :func:`continuous_kelly` returns a :class:`ContinuousKelly`, :func:`recursive_loop` a
:class:`LoopLiquidation` and :func:`simulate_gbm_drawdown` a :class:`DrawdownEstimate` (never a dict or
a tuple); :func:`continuous_kelly` and :func:`fractional_growth` take ``mu, sigma, r`` in that order, the
fraction of Kelly ``c`` by keyword.

Sources
-------
- J. L. Kelly Jr. (1956), "A New Interpretation of Information Rate", *Bell System
  Technical Journal* 35(4), 917-926.
- E. O. Thorp (2006), "The Kelly criterion in blackjack, sports betting and the stock
  market", *Handbook of Asset and Liability Management* vol. 1, ch. 9.
- O. Peters (2019), "The ergodicity problem in economics", *Nature Physics* 15, 1216-1221.
- D. Bernoulli (1738/1954), "Exposition of a new theory on the measurement of risk",
  *Econometrica* 22(1), 23-36; L. Breiman (1961), "Optimal gambling systems for favorable
  games", *Proc. Fourth Berkeley Symposium* 1, 65-78; P. A. Samuelson (1979), "Why we
  should not make mean log of wealth big though years to act are long", *Journal of
  Banking and Finance* 3, 305-307; J. N. Doctor, P. P. Wakker and T. V. Wang (2020),
  "Economists' views on the ergodicity problem", *Nature Physics* 16, 1168.
- I. Karatzas and S. E. Shreve (1991), *Brownian Motion and Stochastic Calculus*, 2nd ed.,
  Springer (first passage of Brownian motion with drift).
- Compound v2 ``Comptroller.sol`` (``getHypotheticalAccountLiquidityInternal``: the sum of
  collateral x collateral factor x oracle price against the sum of borrows x oracle price),
  compound-finance/compound-protocol.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "kelly_fraction",
    "growth_rate",
    "max_growth_bits",
    "ContinuousKelly",
    "continuous_kelly",
    "fractional_growth",
    "drawdown_probability",
    "BetPaths",
    "simulate_bets",
    "DrawdownEstimate",
    "simulate_gbm_drawdown",
    "CoinRun",
    "ergodicity_coin",
    "recursive_loop",
    "KellyStake",
    "kelly_gain_loss",
    "LoopLiquidation",
    "loop_liquidation",
]

# Caps of the Monte Carlo engines: each call takes about a second at most (benchmarks/engines.py).
_MAX_PATHS = 1_000_000
MAX_BETS = 100_000  # simulate_bets: bets per path (one Python step each)
MAX_BET_DRAWS = 100_000_000  # simulate_bets: paths x bets (the benchmarked 100 000 x 1 000: 0.3 s)
MAX_GBM_STEPS = 10_000  # simulate_gbm_drawdown: steps per path
MAX_GBM_DRAWS = 20_000_000  # simulate_gbm_drawdown: paths x steps
MAX_COIN_ROUNDS = 10_000  # ergodicity_coin: rounds
MAX_COIN_DRAWS = 10_000_000  # ergodicity_coin: paths x rounds
MAX_KEEP = 100  # whole paths returned

# Shared constraints. Net odds below 1e-6 (b = 5e-324 gave a Kelly stake of -inf), volatilities below
# 1e-6 (sigma = 1e-200 divided by zero), Kelly multiples and Sharpe ratios below 1e-3 and horizons
# below 1e-6 (each divided by zero at 1e-300) are refused.
P = v.Probability(low_open=True, high_open=True)
B = v.Real(1e-6, 1e6)
MU = v.Real(-10.0, 10.0)
SIGMA = v.Real(1e-6, 10.0)
R = v.Real(-1.0, 1.0)
X = v.Probability(low_open=True, high_open=True)
C = v.Real(1e-3, 10.0)
SHARPE = v.Real(1e-3, 20.0)
HORIZON = v.Real(1e-6, 1e4)
FRACTION = v.Probability(high_open=True)


def _at_most(cap: int, what: str, **sizes: int) -> None:
    """Refuse a Monte Carlo whose sizes multiply beyond ``cap`` (it would run for minutes)."""
    total = math.prod(sizes.values())
    if total > cap:
        names = " x ".join(sizes)
        raise ValueError(
            f"{names} must be at most {cap:,} ({what}), got "
            + " x ".join(f"{n:,}" for n in sizes.values())
            + f" = {total:,}"
        )


def _keep(keep: int, paths: int) -> None:
    if keep > paths:
        raise ValueError(f"keep must be at most paths, got keep={keep}, paths={paths}")


@v.params(p=P, b=B)
def kelly_fraction(p: float, b: float) -> float:
    """Kelly's stake for a bet won with probability ``p`` at net odds ``b``: ``f* = p - (1 - p) / b``.

    A negative value means the bet has negative edge: do not bet (or take the other side).

    Parameters
    ----------
    p : float
        Probability of winning the bet, in (0, 1).
    b : float
        Net odds: the gain per unit staked on a win (the stake is lost otherwise), in [1e-6, 1e6].

    >>> round(kelly_fraction(0.6, 1.0), 4)
    0.2
    >>> round(kelly_fraction(0.4, 2.0), 4)
    0.1
    """
    return p - (1.0 - p) / b


@v.params(f=v.RealArray(0.0, 1.0, high_open=True), p=P, b=B)
def growth_rate(f: ArrayLike, p: float, b: float) -> float | np.ndarray:
    """Expected log growth per bet ``G(f) = p ln(1 + b f) + (1 - p) ln(1 - f)`` (natural log).

    Parameters
    ----------
    f : float or array
        The fraction of wealth staked on each bet, in [0, 1); an array gives a result of its shape.
    p, b : float
        Probability of winning, in (0, 1), and net odds, in [1e-6, 1e6], as in :func:`kelly_fraction`.

    >>> round(float(growth_rate(0.2, 0.6, 1.0)), 5)
    0.02014
    """
    f = np.asarray(f)  # already an array (@v.params): for the type checker
    out = p * np.log1p(b * f) + (1.0 - p) * np.log1p(-f)
    return float(out) if out.ndim == 0 else out


@v.params(p=P)
def max_growth_bits(p: float) -> float:
    """Kelly's maximum growth at even odds, in bits per bet: ``1 + p log2 p + q log2 q``.

    It equals ``G(f*)`` (at ``b = 1``) divided by ``ln 2``: the capacity of a binary
    channel that is right with probability ``p``.

    Parameters
    ----------
    p : float
        Probability of winning an even-odds bet, in (0, 1).

    >>> round(max_growth_bits(0.6), 5)
    0.02905
    """
    q = 1.0 - p
    return 1.0 + p * math.log2(p) + q * math.log2(q)


@dataclass(frozen=True)
class ContinuousKelly:
    """Kelly's stake in an asset following geometric Brownian motion (see :func:`continuous_kelly`).

    Attributes
    ----------
    fraction : float
        ``f* = (mu - r) / sigma**2``: the share of wealth in the asset (above 1: leverage).
    growth : float
        ``g* = r + (mu - r)**2 / (2 sigma**2)``: the log growth rate at ``f*``, per unit of time.
    """

    fraction: float
    growth: float


@v.params(mu=MU, sigma=SIGMA, r=R)
def continuous_kelly(mu: float, sigma: float, r: float = 0.0) -> ContinuousKelly:
    """Kelly fraction ``(mu - r) / sigma**2`` and growth rate ``r + (mu - r)**2 / (2 sigma**2)`` under GBM.

    Parameters
    ----------
    mu : float
        The asset's drift (expected return) per unit of time (per year for annual rates), in [-10, 10].
    sigma : float
        Its volatility per unit of time (the standard deviation of log returns), in [1e-6, 10].
    r : float
        The riskless rate over the same unit of time, in [-1, 1].

    >>> k = continuous_kelly(mu=0.10, sigma=0.20, r=0.0)
    >>> round(k.fraction, 6), round(k.growth, 6)
    (2.5, 0.125)
    """
    return ContinuousKelly(fraction=(mu - r) / sigma**2, growth=r + (mu - r) ** 2 / (2.0 * sigma**2))


@v.params(mu=MU, sigma=SIGMA, r=R, c=v.RealArray(0.0, 10.0))
def fractional_growth(mu: float, sigma: float, r: float = 0.0, *, c: ArrayLike) -> float | np.ndarray:
    """Growth rate at a fraction ``c`` of the Kelly stake: ``r + c (2 - c) (mu - r)**2 / (2 sigma**2)``.

    Parameters
    ----------
    mu, sigma, r : float
        Drift in [-10, 10], volatility in [1e-6, 10] and riskless rate in [-1, 1], as in
        :func:`continuous_kelly` (in the same order).
    c : float or array
        Keyword-only: the stake as a multiple of the Kelly stake, each in [0, 10] (``c = 1`` is full
        Kelly, 0.5 half-Kelly); an array gives a result of its shape.

    >>> fractional_growth(0.10, 0.20, c=[0.5, 1.0, 2.0])
    array([0.09375, 0.125  , 0.     ])
    """
    c = np.asarray(c)  # already an array (@v.params): for the type checker
    out = r + c * (2.0 - c) * (mu - r) ** 2 / (2.0 * sigma**2)
    return float(out) if out.ndim == 0 else out


@v.params(x=X, c=C, horizon=v.Optional(HORIZON), sharpe=SHARPE)
def drawdown_probability(x: float, c: float, horizon: float | None = None, sharpe: float = 1.0) -> float:
    """Probability that wealth ever falls to a fraction ``x`` of its start, staking ``c`` times Kelly.

    Parameters
    ----------
    x : float
        The drawdown level, in (0, 1): 0.5 means "wealth halves".
    c : float
        Fraction of the Kelly stake, in [0.001, 10]. For ``c >= 2`` log wealth has no
        positive drift and the drawdown is certain (eventually).
    horizon : float or None
        ``None`` for "ever" (the closed form ``x**(2/c - 1)``); otherwise a time in
        the units of ``sharpe`` (years for an annual Sharpe ratio), in [1e-6, 1e4].
    sharpe : float
        The asset's Sharpe ratio ``mu / sigma`` (with ``r = 0``); only the finite
        horizon depends on it. In [0.001, 20].

    >>> drawdown_probability(0.5, 1.0)
    0.5
    >>> round(drawdown_probability(0.5, 0.5), 4)
    0.125
    >>> round(drawdown_probability(0.5, 1.0, horizon=1.0, sharpe=1.0), 4)
    0.3281
    """
    ever = 1.0 if c >= 2.0 else x ** (2.0 / c - 1.0)
    if horizon is None:
        return ever
    T = horizon
    m = (c - c * c / 2.0) * sharpe**2  # drift of log wealth
    s = c * sharpe  # its volatility
    a = math.log(x)
    Phi = lambda z: 0.5 * math.erfc(-z / math.sqrt(2.0))  # noqa: E731
    root = s * math.sqrt(T)
    return Phi((a - m * T) / root) + math.exp(2.0 * m * a / s**2) * Phi((a + m * T) / root)


@dataclass(frozen=True)
class BetPaths:
    """Result of :func:`simulate_bets`: per-path summaries and a few whole paths.

    Attributes
    ----------
    final_log_wealth : ndarray, shape (paths,)
        Natural log of final wealth (start = 1).
    min_log_wealth : ndarray, shape (paths,)
        The lowest log wealth each path reached (0 if it never fell below its start).
    sample : ndarray, shape (keep, bets + 1)
        The log wealth of the first ``keep`` paths after each bet (for plots).
    fraction : float
        The staked fraction.
    """

    final_log_wealth: np.ndarray
    min_log_wealth: np.ndarray
    sample: np.ndarray
    fraction: float

    @v.params(x=X)
    def drawdown_frequency(self, x: float) -> float:
        """Share of paths whose wealth fell to ``x`` times its start (or lower) at some point.

        Parameters
        ----------
        x : float
            The drawdown level as a fraction of the starting wealth, in (0, 1): 0.5 means "wealth halved".
        """
        return float(np.mean(self.min_log_wealth <= math.log(x)))

    @v.params()
    def median_growth(self) -> float:
        """Median log growth per bet across paths (the typical path's rate)."""
        return float(np.median(self.final_log_wealth)) / (self.sample.shape[1] - 1)


@v.params(
    p=P,
    b=B,
    fraction=FRACTION,
    bets=v.Integer(1, MAX_BETS),
    paths=v.Integer(1, _MAX_PATHS),
    seed=v.Seed(),
    keep=v.Integer(0, MAX_KEEP),
)
def simulate_bets(
    p: float, b: float, fraction: float, bets: int = 1000, paths: int = 100_000, seed: int = 0, keep: int = 0
) -> BetPaths:
    """Monte Carlo of repeated binary bets staking a fixed ``fraction`` of wealth each time.

    Vectorised over paths, looping over bets; only each path's current and minimum
    log wealth are kept (plus ``keep`` whole paths), so memory stays at about
    ``(paths x 100)`` 32-bit draws at a time (~50 MB for 100 000 paths) whatever
    the number of bets. A win is a uniform 32-bit integer below ``p x 2**32``.
    Log wealth accumulates in float32 (relative error ~1e-6 over 1 000 bets).

    Parameters
    ----------
    p, b : float
        Win probability in (0, 1) and net odds in [1e-6, 1e6].
    fraction : float
        Staked fraction of wealth, in [0, 1).
    bets : int
        Bets per path, in [1, 100 000].
    paths : int
        In [1, 1 000 000]; ``paths x bets`` is at most 100 000 000 (about 0.3 s).
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed gives the same paths.
    keep : int
        Whole paths to return, in [0, min(paths, 100)].

    >>> r = simulate_bets(0.6, 1.0, 0.2, bets=1000, paths=2000, seed=1)
    >>> round(r.median_growth(), 3)      # Kelly growth G(f*) = 0.0201
    0.02
    """
    _at_most(MAX_BET_DRAWS, "the Monte Carlo's budget", paths=paths, bets=bets)
    _keep(keep, paths)
    f = fraction
    rng = np.random.default_rng(seed)
    up = np.float32(math.log1p(b * f))
    down = np.float32(math.log1p(-f))
    diff = np.float32(up - down)
    threshold = np.uint32(min(round(p * 2**32), 2**32 - 1))
    lw = np.zeros(paths, np.float32)
    low = np.zeros(paths, np.float32)
    step = np.empty(paths, np.float32)
    sample = np.zeros((keep, bets + 1), np.float64)
    chunk = max(1, min(bets, 5_000_000 // paths))
    done = 0
    while done < bets:
        n = min(chunk, bets - done)
        wins = rng.integers(0, 2**32, size=(n, paths), dtype=np.uint32) < threshold
        for i in range(n):
            np.multiply(wins[i], diff, out=step)
            step += down
            lw += step
            np.minimum(low, lw, out=low)
            if keep:
                sample[:, done + i + 1] = lw[:keep]
        done += n
    return BetPaths(lw.astype(np.float64), low.astype(np.float64), sample, f)


@dataclass(frozen=True)
class DrawdownEstimate:
    """Result of :func:`simulate_gbm_drawdown`: a Monte Carlo probability and its standard error.

    Attributes
    ----------
    probability : float
        The estimated chance that wealth falls to the fraction ``x`` of its start within the horizon.
    standard_error : float
        The standard error of that estimate (the sample standard deviation over ``sqrt(paths)``):
        the closed form :func:`drawdown_probability` lies within three of them about 99.7% of the time.
    """

    probability: float
    standard_error: float


@v.params(
    x=X,
    c=C,
    sharpe=SHARPE,
    horizon=HORIZON,
    steps=v.Integer(1, MAX_GBM_STEPS),
    paths=v.Integer(2, _MAX_PATHS),
    seed=v.Seed(),
)
def simulate_gbm_drawdown(
    x: float,
    c: float,
    sharpe: float = 1.0,
    horizon: float = 20.0,
    steps: int = 1000,
    paths: int = 10_000,
    seed: int = 0,
) -> DrawdownEstimate:
    """Monte Carlo estimate (and its standard error) of :func:`drawdown_probability` within ``horizon``.

    Simulates log wealth (drift ``m``, volatility ``s`` as in the module docstring)
    in ``steps`` exact Gaussian steps and, between steps, counts the chance that the
    Brownian bridge dipped below ``ln x`` unseen, ``exp(-2 (y0 - a)(y1 - a) / (s**2 dt))``,
    so the estimate has no discretisation bias: it converges to the closed form.

    Returns a :class:`DrawdownEstimate`.

    Parameters
    ----------
    x : float
        The drawdown level as a fraction of the starting wealth, in (0, 1).
    c : float
        The stake as a multiple of the Kelly stake, in [0.001, 10].
    sharpe, horizon : float
        The asset's Sharpe ratio, in [0.001, 20], and the horizon in its time unit, in [1e-6, 1e4], as in
        :func:`drawdown_probability`.
    steps, paths : int
        Time steps, in [1, 10 000], and paths, in [2, 1 000 000], with ``paths x steps`` at most
        20 000 000 (about a second).
    seed : int
        Seed of ``numpy.random.default_rng``.

    >>> mc = simulate_gbm_drawdown(0.5, 1.0, horizon=1.0, paths=20_000, seed=3)
    >>> abs(mc.probability - drawdown_probability(0.5, 1.0, horizon=1.0)) < 3 * mc.standard_error
    True
    """
    _at_most(MAX_GBM_DRAWS, "the Monte Carlo's budget", paths=paths, steps=steps)
    T = horizon
    rng = np.random.default_rng(seed)
    m, s, a, dt = (c - c * c / 2.0) * sharpe**2, c * sharpe, math.log(x), T / steps
    y = np.zeros(paths)
    log_survive = np.zeros(paths)
    k = -2.0 / (s * s * dt)
    for _ in range(steps):
        y1 = y + m * dt + s * math.sqrt(dt) * rng.standard_normal(paths)
        d0, d1 = y - a, y1 - a
        alive = (d0 > 0) & (d1 > 0)
        cross = np.exp(k * np.where(alive, d0 * d1, 0.0))
        log_survive += np.where(alive, np.log1p(-np.minimum(cross, 1.0 - 1e-16)), -np.inf)
        y = y1
    hit = 1.0 - np.exp(log_survive)
    return DrawdownEstimate(probability=float(hit.mean()), standard_error=float(hit.std(ddof=1) / math.sqrt(paths)))


@dataclass(frozen=True)
class CoinRun:
    """Result of :func:`ergodicity_coin` (log10 wealth, start = 1).

    Attributes
    ----------
    rounds : ndarray, shape (rounds + 1,)
    ensemble_mean : ndarray
        log10 of the average wealth across paths after each round.
    median : ndarray
        log10 of the median path's wealth after each round.
    sample : ndarray, shape (keep, rounds + 1)
        log10 wealth of a few single paths.
    ensemble_growth, time_growth : float
        The two growth rates per round in closed form: ``(u + d)/2 - 1`` and ``sqrt(u d) - 1``.
    """

    rounds: np.ndarray
    ensemble_mean: np.ndarray
    median: np.ndarray
    sample: np.ndarray
    ensemble_growth: float
    time_growth: float


@v.params(
    up=v.Real(0.0, 10.0, low_open=True),
    down=v.Probability(low_open=True, high_open=True),
    rounds=v.Integer(1, MAX_COIN_ROUNDS),
    paths=v.Integer(1, _MAX_PATHS),
    seed=v.Seed(),
    keep=v.Integer(0, MAX_KEEP),
)
def ergodicity_coin(
    up: float = 0.5, down: float = 0.4, rounds: int = 100, paths: int = 10_000, seed: int = 0, keep: int = 5
) -> CoinRun:
    """Peters' coin: each round wealth is multiplied by ``1 + up`` or ``1 - down`` with equal chance.

    ``up`` in (0, 10], ``down`` in (0, 1); ``rounds`` in [1, 10 000] and ``paths`` in
    [1, 1 000 000] with ``paths x rounds`` at most 10 000 000 (about a second); ``keep`` single
    paths returned, in [0, min(paths, 100)]; ``seed`` for ``numpy.random.default_rng``.

    >>> run = ergodicity_coin()
    >>> round(run.ensemble_growth, 4), round(run.time_growth, 4)
    (0.05, -0.0513)
    """
    _at_most(MAX_COIN_DRAWS, "the Monte Carlo's budget", paths=paths, rounds=rounds)
    _keep(keep, paths)
    rng = np.random.default_rng(seed)
    lu, ld = math.log10(1.0 + up), math.log10(1.0 - down)
    heads = np.zeros(paths, np.int64)
    mean, med = np.zeros(rounds + 1), np.zeros(rounds + 1)
    sample = np.zeros((keep, rounds + 1))
    for t in range(1, rounds + 1):
        heads += rng.random(paths) < 0.5
        logw = heads * lu + (t - heads) * ld
        top = logw.max()
        mean[t] = top + math.log10(np.mean(10.0 ** (logw - top)))
        med[t] = np.median(logw)
        sample[:, t] = logw[:keep]
    return CoinRun(
        np.arange(rounds + 1), mean, med, sample, (up - down) / 2.0, math.sqrt((1.0 + up) * (1.0 - down)) - 1.0
    )


@v.params(
    borrow_ratio=v.Real(1e-6, 1.0, high_open=True),
    loops=v.Integer(1, 1000),
    collateral_factor=v.Probability(low_open=True, high_open=True),
)
def recursive_loop(borrow_ratio: float, loops: int, collateral_factor: float = 0.75) -> LoopLiquidation:
    """A recursive lending loop: deposit 1, borrow ``borrow_ratio`` of it, redeposit, ``loops`` times.

    The "COMP farming" position of November 2020: collateral and debt both near $1
    (USDC and DAI), levered by looping, so a small move in the debt asset's oracle
    price liquidates it. Compound v2 liquidates when ``debt x price_debt >
    collateral x collateral_factor`` (``Comptroller.getHypotheticalAccountLiquidity``).

    Parameters
    ----------
    borrow_ratio : float
        Debt / collateral kept at each loop, in [1e-6, collateral_factor) (below 1e-6 the
        debt is lost in rounding: 1e-17 gave a debt of 0 and a division by zero).
    loops : int
        Borrow-and-redeposit rounds, in [1, 1000].
    collateral_factor : float
        In (0, 1); DAI's and USDC's were 0.75 on Compound v2 in November 2020.

    Returns
    -------
    LoopLiquidation
        ``collateral``, ``debt`` (per unit deposited), ``leverage`` (collateral / deposit),
        ``debt_collateral_share`` (0 here: all the collateral is in the other asset) and
        ``liquidation_price``: the price of the debt asset (in units of the collateral's) at which
        the loop becomes liquidatable, ``collateral_factor x collateral / debt``.

    >>> r = recursive_loop(0.72, 10)
    >>> round(r.leverage, 2), round(r.liquidation_price, 4)
    (3.48, 1.053)
    """
    cf, rho = collateral_factor, borrow_ratio
    if not rho < cf:
        raise ValueError(
            f"borrow_ratio must be below collateral_factor (else the first loop is liquidatable), "
            f"got borrow_ratio={rho:g}, collateral_factor={cf:g}"
        )
    collateral = (1.0 - rho ** (loops + 1)) / (1.0 - rho)  # 1 + rho + ... + rho**loops
    debt = collateral - 1.0
    return LoopLiquidation(
        collateral=collateral,
        debt=debt,
        leverage=collateral,
        debt_collateral_share=0.0,
        liquidation_price=cf * collateral / debt,
    )


@dataclass(frozen=True)
class KellyStake:
    """Kelly's stake for a bet that gains or loses a fraction of the amount staked.

    Attributes
    ----------
    fraction : float
        ``f* = p / loss - (1 - p) / gain``, the share of wealth to stake; negative when the
        bet is against you (stake nothing).
    growth : float
        Log growth per bet at ``max(f*, 0)``, ``p ln(1 + gain f) + (1 - p) ln(1 - loss f)``
        (natural log; 0 when nothing is staked).
    all_in_growth : float
        Log growth per bet when all wealth is staked every time (``f = 1``); ``-inf`` when a
        loss takes all of it (``loss = 1``).
    """

    fraction: float
    growth: float
    all_in_growth: float


@v.params(p=P, win_return=v.Real(1e-6, 1e6), loss=v.Real(1e-6, 1.0))
def kelly_gain_loss(p: float, win_return: float, loss: float) -> KellyStake:
    """Kelly's stake when a bet multiplies the stake by ``1 + win_return`` (probability ``p``) or ``1 - loss``.

    Staking a fraction ``f`` of wealth grows it at
    ``G(f) = p ln(1 + win_return f) + (1 - p) ln(1 - loss f)`` a bet, maximised at
    ``f* = p / loss - (1 - p) / win_return`` (with ``loss = 1`` this is :func:`kelly_fraction` at odds
    ``b = win_return``).

    Parameters
    ----------
    p : float
        Probability of the win, in (0, 1).
    win_return : float
        Net return on a win, per unit staked (0.5: +50%), in [1e-6, 1e6].
    loss : float
        Loss on a losing bet, per unit staked (0.4: -40%), in [1e-6, 1].

    Examples
    --------
    >>> k = kelly_gain_loss(0.5, win_return=0.5, loss=0.4)      # Peters' coin: +50% or -40%
    >>> round(k.fraction, 4), round(k.growth, 5), round(k.all_in_growth, 5)
    (0.25, 0.00621, -0.05268)
    """
    q = 1.0 - p
    f = p / loss - q / win_return
    stake = min(max(f, 0.0), 1.0)
    growth = p * math.log1p(win_return * stake) + q * math.log1p(-loss * stake) if stake < 1.0 / loss else -math.inf
    all_in = -math.inf if loss >= 1.0 else p * math.log1p(win_return) + q * math.log1p(-loss)
    return KellyStake(fraction=f, growth=growth, all_in_growth=all_in)


@dataclass(frozen=True)
class LoopLiquidation:
    """A recursive lending loop and the debt asset's price that makes it liquidatable.

    Attributes
    ----------
    collateral : float
        Collateral per unit first deposited, ``1 + rho + ... + rho**loops`` (at a debt price of 1).
    debt : float
        Debt per unit first deposited, ``collateral - 1``.
    leverage : float
        Collateral / first deposit.
    debt_collateral_share : float
        Share of the collateral held in the debt asset (its value moves with the debt's price).
    liquidation_price : float
        Price of the debt asset, in units of the other collateral, at which
        ``debt x price > collateral_factor x (other collateral + debt-asset collateral x price)``;
        ``inf`` when no price liquidates it (the debt-asset collateral covers the debt).
    """

    collateral: float
    debt: float
    leverage: float
    debt_collateral_share: float
    liquidation_price: float


@v.params(
    borrow_ratio=v.Real(1e-6, 1.0, high_open=True),
    loops=v.Integer(1, 1000),
    collateral_factor=v.Probability(low_open=True, high_open=True),
    debt_collateral_share=v.Probability(),
)
def loop_liquidation(
    borrow_ratio: float, loops: int, collateral_factor: float = 0.75, debt_collateral_share: float = 0.0
) -> LoopLiquidation:
    """The loop of :func:`recursive_loop` with a share of its collateral in the debt asset itself.

    With ``debt_collateral_share = 0`` (USDC collateral against DAI debt, priced at $1 while the
    oracle prices the DAI) this is :func:`recursive_loop`. A farmer who redeposits the borrowed DAI
    holds DAI collateral too; its value rises with the debt, so the price that liquidates is
    ``cf C (1 - s) / (D - cf C s)``, higher, and infinite once ``cf C s >= D``.

    Parameters
    ----------
    borrow_ratio, loops, collateral_factor
        As in :func:`recursive_loop`.
    debt_collateral_share : float
        Share ``s`` of the collateral held in the debt asset, in [0, 1].

    Examples
    --------
    >>> [round(loop_liquidation(0.72, 10, debt_collateral_share=s).liquidation_price, 3) for s in (0.0, 0.5)]
    [1.053, 1.112]
    >>> loop_liquidation(0.72, 10, debt_collateral_share=1.0).liquidation_price
    inf
    """
    base = recursive_loop(borrow_ratio, loops, collateral_factor)
    c, d, cf, s = base.collateral, base.debt, collateral_factor, debt_collateral_share
    room = d - cf * c * s
    price = math.inf if room <= 0.0 else cf * c * (1.0 - s) / room
    return LoopLiquidation(
        collateral=c, debt=d, leverage=base.leverage, debt_collateral_share=s, liquidation_price=price
    )
