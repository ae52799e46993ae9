"""Broken pegs: the LP-withdrawal spiral, Terra's mint/burn death spiral, and Ampleforth's negative rebase.

**LP withdrawal feedback.** A pool of depth ``L`` absorbs a steady sell flow ``q``;
its volatility is ``sigma0 + beta q / L``. LPs tolerate volatility up to
``sigma_max`` and withdraw a share ``eta (sigma - sigma_max)`` of the depth each
period when it is higher. Depth then falls, volatility rises, and more LPs leave.
The loop is stable iff ``L >= L* = beta q / (sigma_max - sigma0)``: below that
critical depth it runs away to an empty pool (:func:`lp_spiral`).

**Terra's market module** swapped UST for LUNA against a virtual constant-product
pool: with base pool ``B`` and pool delta ``delta`` (how far recent swaps have
pushed it), a UST→LUNA swap of ``a`` pays the spread
``1 - B**2 / ((B + delta) (B + delta + a))`` (at least the minimum spread), each
swap adds ``a`` to ``delta``, and every block ``delta`` recovers by
``delta / PoolRecoveryPeriod``. Redeeming ``Q`` UST at a LUNA price ``P`` mints
``Q (1 - spread) / P`` LUNA; selling it lowers ``P``, so the next redemption mints
more: the death spiral (:func:`terra_spiral`).

**Ampleforth** adjusts supply instead of price: when the price is more than 5%
from target, supply changes by the AIP-5 sigmoid
``(U - L) / (1 - (U / L) / 2**(G delta)) + L`` of the deviation ``delta``, with
``L = -0.10``, ``U = 0.10``, ``G = 3`` as ``initialize()`` sets them: a negative
supply adjustment when the price is below target.

Sources
-------
- terra-money/docs, ``docs/develop/module-specifications/spec-market.md``
  (virtual pools, spread, ``PoolRecoveryPeriod``, ``MinStabilitySpread``); mainnet
  parameters in May 2022 as in DOMAIN.md §4 (BasePool 50 M SDR, recovery 36 blocks).
- ampleforth/ampleforth-contracts, ``contracts/UFragmentsPolicy.sol`` (AIP-5
  ``computeRebasePercentage``, ``deviationThreshold = 0.05e18``, ``initialize``).
- The LP-withdrawal loop is the course's own minimal model of DOMAIN.md §4's
  "liquidity withdrawal → volatility" channel.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coordlab import _validate as v

__all__ = ["critical_depth", "lp_spiral", "terra_spread", "TerraPath", "terra_spiral", "ampleforth_rebase"]


# The LP-withdrawal loop's parameters, shared by critical_depth and lp_spiral.
SIGMA0 = v.Real(0.0, 10.0)
BETA = v.Real(0.0, 100.0, low_open=True)
SIGMA_MAX = v.Real(0.0, 10.0)
FLOW = v.Real(0.0, 1e12)
GAP_MIN = 1e-9  # sigma_max - sigma0: LPs' margin over the calm-market volatility, so L* stays finite
MAX_VALUES = 2_000_000  # (periods + 1) x the number of starting depths lp_spiral returns
# Terra's market module and the LUNA market: amounts in USD (or SDR); a pool of less than 1 is no pool
# (a BasePool or a market depth of 5e-324 divided zero by zero).
USD = v.Real(0.0, 1e13)
POOL = v.Real(1.0, 1e13)
MIN_SPREAD = v.Probability(high_open=True)


def _gap(sigma0: float, sigma_max: float) -> None:
    if not sigma_max - sigma0 >= GAP_MIN:
        raise ValueError(f"sigma_max must exceed sigma0 by at least {GAP_MIN:g} (LPs must tolerate the calm-market "
                         f"volatility), got sigma_max={sigma_max:g}, sigma0={sigma0:g}")


@v.params(flow=FLOW, sigma0=SIGMA0, beta=BETA, sigma_max=SIGMA_MAX)
def critical_depth(flow: float, sigma0: float = 0.5, beta: float = 1.0, sigma_max: float = 1.0) -> float:
    """Depth below which the LP-withdrawal loop runs away: ``L* = beta flow / (sigma_max - sigma0)``.

    Parameters
    ----------
    flow : float
        Steady sell flow, in [0, 1e12].
    sigma0 : float
        Calm-market volatility, in [0, 10].
    beta : float
        Volatility per unit of flow over depth, in (0, 100].
    sigma_max : float
        LPs' volatility tolerance, in [0, 10], at least ``sigma0 + 1e-9``.

    Examples
    --------
    >>> critical_depth(flow=10.0, sigma0=0.5, beta=1.0, sigma_max=1.0)
    20.0
    """
    _gap(sigma0, sigma_max)
    return beta * flow / (sigma_max - sigma0)


@v.params(depth0=v.RealArray(0.0, 1e12, low_open=True, max_size=MAX_VALUES // 2), flow=FLOW, sigma0=SIGMA0, beta=BETA,
          sigma_max=SIGMA_MAX, eta=v.Real(0.0, 10.0, low_open=True), periods=v.Integer(1, 10_000),
          shock=v.Real(0.0, 1e12), shock_period=v.Integer(0, 10_000))
def lp_spiral(depth0, flow: float, sigma0: float = 0.5, beta: float = 1.0, sigma_max: float = 1.0,
              eta: float = 0.5, periods: int = 50, shock: float = 0.0,
              shock_period: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Depth and volatility over ``periods`` of the LP-withdrawal loop, from each starting depth.

    ``sigma_t = sigma0 + beta flow_t / L_t``; ``L_{t+1} = L_t (1 - min(1, eta max(0, sigma_t - sigma_max)))``,
    with ``flow_t = flow + shock`` in period ``shock_period`` and ``flow`` otherwise. A shock
    that pushes the depth below ``L*`` tips a stable pool into the runaway.

    Parameters
    ----------
    depth0 : float or array_like
        Starting depth(s), each in (0, 1e12].
    flow, sigma0, beta, sigma_max : float
        As in :func:`critical_depth`.
    eta : float
        LPs' withdrawal response, in (0, 10].
    periods : int
        In [1, 10000]; ``(periods + 1) x`` the number of starting depths is at most 2 000 000
        (the size of each returned array).
    shock : float
        Extra selling in one period, in [0, 1e12].
    shock_period : int
        When it comes, in [0, periods].

    Returns
    -------
    depth, sigma : numpy.ndarray, shape (periods + 1,) + shape of depth0

    Examples
    --------
    >>> depth, sigma = lp_spiral([25.0, 19.0], flow=10.0, periods=40)     # L* = 20
    >>> [round(float(d), 2) for d in depth[-1]]
    [25.0, 0.0]
    """
    _gap(sigma0, sigma_max)
    if shock_period > periods:
        raise ValueError(f"shock_period must be in [0, periods], got shock_period={shock_period}, periods={periods}")
    depth = depth0
    if (periods + 1) * depth.size > MAX_VALUES:
        raise ValueError(f"(periods + 1) x the number of depth0 values must be at most {MAX_VALUES:,}, "
                         f"got {periods + 1:,} x {depth.size:,}")
    ds = np.empty((periods + 1,) + depth.shape)
    ss = np.empty_like(ds)
    for t in range(periods + 1):
        flow_t = flow + (shock if t == shock_period else 0.0)
        with np.errstate(over="ignore"):  # an empty pool: sigma is infinite, shown capped at 1e6
            sigma = sigma0 + beta * flow_t / np.maximum(depth, 1e-300)
        ds[t], ss[t] = depth, np.minimum(sigma, 1e6)
        cut = np.minimum(1.0, eta * np.maximum(0.0, sigma - sigma_max))
        depth = np.where(depth * (1.0 - cut) < 1e-9, 0.0, depth * (1.0 - cut))
    return ds + 0.0, ss


@v.params(offer=USD, base_pool=POOL, delta=USD, min_spread=MIN_SPREAD)
def terra_spread(offer: float, base_pool: float, delta: float, min_spread: float = 0.005) -> float:
    """Spread of a UST→LUNA swap of ``offer`` (in SDR) in Terra's market module.

    ``max(1 - B**2 / ((B + delta)(B + delta + offer)), min_spread)``. ``offer`` and the pool
    delta are in [0, 1e13], the BasePool ``B`` in [1, 1e13], ``min_spread`` in [0, 1).

    Examples
    --------
    >>> round(terra_spread(1e6, base_pool=50e6, delta=0.0), 4)     # 1 M into a fresh 50 M pool
    0.0196
    >>> terra_spread(1e3, base_pool=50e6, delta=0.0)               # small swaps pay the minimum
    0.005
    """
    b = base_pool
    return max(1.0 - b * b / ((b + delta) * (b + delta + offer)), min_spread)


@dataclass(frozen=True)
class TerraPath:
    """A simulated death spiral, hour by hour.

    Attributes
    ----------
    hours : numpy.ndarray
    luna_price : numpy.ndarray
        LUNA price in USD.
    luna_supply : numpy.ndarray
        LUNA supply (tokens).
    spread : numpy.ndarray
        The market module's spread on each hour's redemption.
    ust_redeemed : numpy.ndarray
        UST redeemed through the module each hour (USD).
    """

    hours: np.ndarray
    luna_price: np.ndarray
    luna_supply: np.ndarray
    spread: np.ndarray
    ust_redeemed: np.ndarray


@v.params(redemptions_per_day=v.Real(0.0, 1e12, low_open=True), days=v.Integer(1, 30), base_pool=v.Real(1.0, 1e12),
          recovery_blocks=v.Integer(1, 1_000_000), luna_price0=v.Real(1e-9, 1e6),
          luna_supply0=v.Real(0.0, 1e15, low_open=True),
          market_depth=v.Real(1.0, 1e13), blocks_per_hour=v.Integer(1, 3600), min_spread=MIN_SPREAD,
          halt_price=v.Real(1e-12, 1.0))
def terra_spiral(redemptions_per_day: float = 1.5e9, days: int = 5, base_pool: float = 50e6,
                 recovery_blocks: int = 36, luna_price0: float = 80.0, luna_supply0: float = 345e6,
                 market_depth: float = 1.0e9, blocks_per_hour: int = 600, min_spread: float = 0.005,
                 halt_price: float = 1e-4) -> TerraPath:
    """Redeem UST for LUNA through Terra's market module and sell the LUNA into a market of fixed depth.

    Each hour ``redemptions_per_day / 24`` of UST is offered (in equal swaps, one
    per block), pays the module's spread, and mints LUNA at the current price; the
    minted LUNA is sold into a constant-product LUNA/USD market holding
    ``market_depth`` USD, which sets the next price. Between swaps the pool delta
    recovers by ``delta / recovery_blocks`` per block.

    Parameters
    ----------
    redemptions_per_day : float
        UST redeemed per day (USD), in (0, 1e12].
    days : int
        In [1, 30].
    base_pool : float
        The module's BasePool (SDR ≈ USD here), in [1, 1e12].
    recovery_blocks : int
        PoolRecoveryPeriod in blocks, in [1, 1e6].
    luna_price0, luna_supply0, market_depth : float
        Starting LUNA price (USD, in [1e-9, 1e6]), supply (tokens, in (0, 1e15]), and USD side
        of the LUNA market (in [1, 1e13]).
    blocks_per_hour : int
        In [1, 3600] (about 600 on Terra: 6-second blocks).
    min_spread : float
        MinStabilitySpread, in [0, 1).
    halt_price : float
        The chain halts (no more swaps; the path stays flat) once LUNA falls below this
        price in USD, in [1e-12, 1]: Terra's validators halted the chain twice on 12–13 May 2022.
        (The floor keeps the minted supply finite: with no halt it grows without bound.)

    Examples
    --------
    >>> path = terra_spiral(days=3)
    >>> bool(path.luna_supply[-1] > 10 * path.luna_supply[0] and path.luna_price[-1] < 0.01 * path.luna_price[0])
    True
    """
    q, b, rec, p, supply = redemptions_per_day, base_pool, recovery_blocks, luna_price0, luna_supply0
    depth, bph = market_depth, blocks_per_hour
    hours = np.arange(days * 24 + 1)
    prices, supplies, spreads, redeemed = [p], [supply], [0.0], [0.0]
    # constant-product LUNA/USD market: k = luna_reserve * usd_reserve, price = usd / luna
    usd = depth
    luna = depth / p
    k = usd * luna
    delta = 0.0
    per_block = q / 24.0 / bph
    b2, decay = b * b, 1.0 - 1.0 / rec
    halted = False
    for _ in hours[1:]:
        minted_hour, spread_sum = 0.0, 0.0
        if halted or usd / luna < halt_price:
            halted = True
            prices.append(prices[-1])
            supplies.append(supply)
            spreads.append(0.0)
            redeemed.append(0.0)
            continue
        for _ in range(bph):  # the same arithmetic as written out, with the constants hoisted (the lab's hot loop)
            price = usd / luna
            if price < halt_price:  # the chain halts mid-hour
                halted = True
                break
            bd = b + delta
            spread = 1.0 - b2 / (bd * (bd + per_block))
            if spread < min_spread:
                spread = min_spread
            minted = per_block * (1.0 - spread) / price
            minted_hour += minted
            spread_sum += spread
            delta = (delta + per_block) * decay
            luna += minted  # sell this block's LUNA into the market
            usd = k / luna
        supply += minted_hour
        prices.append(usd / luna)
        supplies.append(supply)
        spreads.append(spread_sum / bph)
        redeemed.append(q / 24.0)  # (a halting hour still counts its full flow: a small overstatement)
    return TerraPath(hours=hours, luna_price=np.array(prices), luna_supply=np.array(supplies),
                     spread=np.array(spreads), ust_redeemed=np.array(redeemed))


@v.params(price=v.RealArray(0.0, 1e6), target=v.Real(1e-6, 1e6), lower=v.Real(-1.0, -1e-6),
          upper=v.Real(0.0, 10.0, low_open=True), growth=v.Real(0.0, 100.0, low_open=True), threshold=v.Probability())
def ampleforth_rebase(price, target: float = 1.0, lower: float = -0.10, upper: float = 0.10, growth: float = 3.0,
                      threshold: float = 0.05):
    """Ampleforth's supply change (a fraction) for a market ``price`` against ``target`` (AIP-5).

    Zero while ``|price/target - 1| < threshold``; otherwise
    ``(upper - lower) / (1 - (upper / lower) / 2**(growth delta)) + lower``.

    Parameters
    ----------
    price : float or array_like
        Market prices, each in [0, 1e6].
    target : float
        In [1e-6, 1e6].
    lower, upper : float
        The sigmoid's limits: ``lower`` in [-1, -1e-6], ``upper`` in (0, 10].
    growth : float
        Its steepness ``G``, in (0, 100].
    threshold : float
        The deviation threshold, in [0, 1].

    Examples
    --------
    >>> [round(float(r), 4) for r in ampleforth_rebase([0.5, 0.97, 1.0, 1.2, 3.0])]
    [-0.0478, 0.0, 0.0, 0.0205, 0.0969]
    """
    delta = price / target - 1.0
    with np.errstate(over="ignore"):
        change = (upper - lower) / (1.0 - (upper / lower) / np.power(2.0, growth * delta)) + lower
    out = np.where(np.abs(delta) < threshold, 0.0, change) + 0.0
    return float(out) if out.ndim == 0 else out
