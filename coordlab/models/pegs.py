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

Between halts the spiral has a closed form: each block's minted LUNA is sold into a
constant-product LUNA/USD market of USD depth ``D`` at the price it was minted at, so
``1 / luna`` falls linearly in the net value redeemed ``R`` (UST after the spread) and the
price is ``P = P0 (1 - R / D)**2`` (:func:`terra_luna_price`): LUNA reaches zero, and its
supply infinity, when ``R`` reaches ``D``. A chain that halts at price ``h`` therefore halts
after about ``D (1 - sqrt(h / P0)) / (q (1 - spread))`` days of redemptions ``q`` a day
(:func:`terra_halt_hours`): depth divided by net redemptions; the halt price only sets the
supply at the halt (``∝ 1 / sqrt(h)``).

**Ampleforth** adjusts supply instead of price: when the price is more than a threshold
from target, supply changes by the AIP-5 sigmoid
``(U - L) / (1 - (U / L) / 2**(G delta)) + L`` of the deviation ``delta``. With the
parameters ``initialize()`` set from 2022 to 2024 (``L = -0.10``, ``U = 0.10``, ``G = 3``,
threshold 5%; :func:`ampleforth_rebase`) a negative adjustment is gentle. Governance
(Tally proposal 32, executed September 2024) steepened the one curve to ``L = -0.077``,
``U = 0.05`` and a 2.5% threshold, with a growth the repository gives as 45 and its
maintainers read on chain as 42 (March 2025). The contract since April 2025 (PR #297) uses two
curves, ``±0.077`` below target and ``±0.05`` above, each with its own growth (45 in
``initialize()``), and its implementation was deployed on mainnet on 1 August 2025:
:func:`ampleforth_rebase_two_curve`.

This module follows the API conventions of issue 17 (CONTRIBUTING.md): shares, spreads and rebases
are fractions, amounts plain USD (or SDR) numbers, time is named in the parameter (``days``,
``recovery_blocks``, ``blocks_per_hour``, ``redemptions_per_day``), and results are numbers, arrays
or frozen dataclasses (:class:`LPSpiral`, :class:`TerraPath`); no private name crosses the module.

Sources
-------
- terra-money/docs, ``docs/develop/module-specifications/spec-market.md``
  (virtual pools, spread, ``PoolRecoveryPeriod``, ``MinStabilitySpread``; commit ``c388c1d``);
  mainnet parameters before the May 2022 run (BasePool 50 M SDR, recovery 36 blocks): the
  proposal 1164 discussion below and the CoinGecko live blog of 11–13 May 2022.
- Terra Classic Agora, "Burn the remaining UST in the community pool" (May 2022), describing
  proposal 1164: BasePool 50 M → 100 M SDR and PoolRecoveryPeriod 36 → 18 blocks.
- ampleforth/ampleforth-contracts, ``contracts/UFragmentsPolicy.sol``: AIP-5
  ``computeRebasePercentage`` and ``initialize`` at commit ``3cca866`` (11 March 2022: threshold
  0.05e18, limits ±0.10, growth 3); at commit ``1d13ed3`` (1 April 2025, PR #297 "double curve":
  threshold 0.025e18, negative limit −0.077, positive limit 0.05, both growths 45), unchanged at
  ``701eee2`` (September 2025). Its unit tests (``test/unit/UFragmentsPolicy.ts``) give the
  vectors checked in ``tests/test_amm_pegs.py``. The same repository's OpenZeppelin manifest
  ``.openzeppelin/mainnet.json`` on branch ``policy-deployment``, commit ``c22675c`` (1 August
  2025, "deployed new policy implementation"), records a new implementation (at
  ``0x75864415daD8e40575b741A018e024E68A81dC07``) with the two-curve storage layout; on
  ``master`` the manifest's last entry is the one-curve implementation of 18 October 2024.
- Ampleforth governance, Tally proposal 32 "Increase growth rate of rebase curve and adjust
  deviation threshold" (proposed 29 August 2024, executed); the maintainers' review of
  ampleforth-contracts PR #296 (25 March 2025) reads the deployed growth as 42 on Etherscan.
- The LP-withdrawal loop is the course's own minimal, stylised model of the
  "liquidity withdrawal → volatility" channel (its parameters are not estimates).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "critical_depth",
    "LPSpiral",
    "lp_spiral",
    "terra_spread",
    "TerraPath",
    "terra_spiral",
    "terra_luna_price",
    "terra_halt_hours",
    "ampleforth_rebase",
    "ampleforth_rebase_two_curve",
    "LP_SIGMA0",
    "LP_BETA",
    "LP_SIGMA_MAX",
    "LP_ETA",
    "LP_SHOCK_PERIOD",
    "TERRA_DAYS",
    "TERRA_BASE_POOL",
    "TERRA_RECOVERY_BLOCKS",
    "TERRA_HALT_PRICE",
]


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

#: The LP loop's calm-market volatility sigma0 (per period; a stylised choice of notebook 06).
LP_SIGMA0 = 0.5
#: The LP loop's volatility per unit of sell flow over depth, beta (volatility x depth / flow; stylised).
LP_BETA = 1.0
#: LPs' volatility tolerance sigma_max (per period, as sigma0; stylised).
LP_SIGMA_MAX = 1.0
#: LPs' withdrawal speed eta (share of depth a period per unit of volatility above sigma_max; stylised).
LP_ETA = 0.5
#: The period in which lp_spiral's one-off extra sale lands (periods after the start; stylised).
LP_SHOCK_PERIOD = 5
#: Days of redemptions terra_spiral runs by default (days, hourly steps; stylised).
TERRA_DAYS = 5
#: The market module's BasePool before the May 2022 run (SDR, about USD; mainnet parameter, see Sources).
TERRA_BASE_POOL = 50e6
#: The market module's PoolRecoveryPeriod before the May 2022 run (blocks; mainnet parameter, see Sources).
TERRA_RECOVERY_BLOCKS = 36
#: LUNA price below which the model's chain halts (USD; a stylised floor: Terra halted on 12-13 May 2022).
TERRA_HALT_PRICE = 1e-4


def _gap(sigma0: float, sigma_max: float) -> None:
    if not sigma_max - sigma0 >= GAP_MIN:
        raise ValueError(
            f"sigma_max must exceed sigma0 by at least {GAP_MIN:g} (LPs must tolerate the calm-market "
            f"volatility), got sigma_max={sigma_max:g}, sigma0={sigma0:g}"
        )


@v.params(flow=FLOW, sigma0=SIGMA0, beta=BETA, sigma_max=SIGMA_MAX)
def critical_depth(
    flow: float, sigma0: float = LP_SIGMA0, beta: float = LP_BETA, sigma_max: float = LP_SIGMA_MAX
) -> float:
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


@dataclass(frozen=True)
class LPSpiral:
    """Paths of the LP-withdrawal loop, one column per starting depth.

    Attributes
    ----------
    depth : numpy.ndarray
        Pool depth at the start of each period (the units of ``depth0``), shape ``(periods + 1,)``
        plus the shape of ``depth0``; 0 once the pool is empty (below 1e-9).
    sigma : numpy.ndarray
        The volatility the period's flow causes at that depth, ``sigma0 + beta flow_t / depth``,
        same shape; an empty pool's is infinite and is stored capped at 1e6.
    """

    depth: np.ndarray
    sigma: np.ndarray


@v.params(
    depth0=v.RealArray(0.0, 1e12, low_open=True, max_size=MAX_VALUES // 2),
    flow=FLOW,
    sigma0=SIGMA0,
    beta=BETA,
    sigma_max=SIGMA_MAX,
    eta=v.Real(0.0, 10.0, low_open=True),
    periods=v.Integer(1, 10_000),
    shock=v.Real(0.0, 1e12),
    shock_period=v.Integer(0, 10_000),
)
def lp_spiral(
    depth0: ArrayLike,
    flow: float,
    sigma0: float = LP_SIGMA0,
    beta: float = LP_BETA,
    sigma_max: float = LP_SIGMA_MAX,
    eta: float = LP_ETA,
    periods: int = 50,
    shock: float = 0.0,
    shock_period: int = LP_SHOCK_PERIOD,
) -> LPSpiral:
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
    LPSpiral
        ``depth`` and ``sigma``, each of shape ``(periods + 1,)`` plus the shape of ``depth0``.

    Examples
    --------
    >>> spiral = lp_spiral([25.0, 19.0], flow=10.0, periods=40)     # L* = 20
    >>> [round(float(d), 2) for d in spiral.depth[-1]]
    [25.0, 0.0]
    """
    depth0 = np.asarray(depth0)  # already an array (@v.params): for the type checker
    _gap(sigma0, sigma_max)
    if shock_period > periods:
        raise ValueError(f"shock_period must be in [0, periods], got shock_period={shock_period}, periods={periods}")
    depth = depth0
    if (periods + 1) * depth.size > MAX_VALUES:
        raise ValueError(
            f"(periods + 1) x the number of depth0 values must be at most {MAX_VALUES:,}, "
            f"got {periods + 1:,} x {depth.size:,}"
        )
    ds = np.empty((periods + 1,) + depth.shape)
    ss = np.empty_like(ds)
    for t in range(periods + 1):
        flow_t = flow + (shock if t == shock_period else 0.0)
        with np.errstate(over="ignore"):  # an empty pool: sigma is infinite, shown capped at 1e6
            sigma = sigma0 + beta * flow_t / np.maximum(depth, 1e-300)
        ds[t], ss[t] = depth, np.minimum(sigma, 1e6)
        cut = np.minimum(1.0, eta * np.maximum(0.0, sigma - sigma_max))
        depth = np.where(depth * (1.0 - cut) < 1e-9, 0.0, depth * (1.0 - cut))
    return LPSpiral(depth=ds + 0.0, sigma=ss)


@v.params(offer=USD, base_pool=POOL, delta=USD, min_spread=MIN_SPREAD)
def terra_spread(offer: float, base_pool: float, delta: float, min_spread: float = 0.005) -> float:
    """Spread of a UST→LUNA swap of ``offer`` (in SDR) in Terra's market module.

    ``max(1 - B**2 / ((B + delta)(B + delta + offer)), min_spread)``.

    Parameters
    ----------
    offer : float
        UST offered for LUNA, in SDR, in [0, 1e13].
    base_pool : float
        The module's BasePool ``B`` (SDR), in [1, 1e13].
    delta : float
        The pool delta: how far earlier swaps have moved the pool from ``B`` (SDR, not yet replenished), in
        [0, 1e13].
    min_spread : float
        The module's minimum spread, in [0, 1).

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


@v.params(
    redemptions_per_day=v.Real(0.0, 1e12, low_open=True),
    days=v.Integer(1, 30),
    base_pool=v.Real(1.0, 1e12),
    recovery_blocks=v.Integer(1, 1_000_000),
    luna_price0=v.Real(1e-9, 1e6),
    luna_supply0=v.Real(0.0, 1e15, low_open=True),
    market_depth=v.Real(1.0, 1e13),
    blocks_per_hour=v.Integer(1, 3600),
    min_spread=MIN_SPREAD,
    halt_price=v.Real(1e-12, 1.0),
    redemptions_growth_per_day=v.Real(-0.99, 10.0),
)
def terra_spiral(
    redemptions_per_day: float = 1.5e9,
    days: int = TERRA_DAYS,
    base_pool: float = TERRA_BASE_POOL,
    recovery_blocks: int = TERRA_RECOVERY_BLOCKS,
    luna_price0: float = 80.0,
    luna_supply0: float = 345e6,
    market_depth: float = 1.0e9,
    blocks_per_hour: int = 600,
    min_spread: float = 0.005,
    halt_price: float = TERRA_HALT_PRICE,
    redemptions_growth_per_day: float = 0.0,
) -> TerraPath:
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
    redemptions_growth_per_day : float
        How fast the redemption rate grows, in [-0.99, 10]: the rate in hour ``t`` (from 0) is
        ``redemptions_per_day (1 + g)**(t / 24)``. The default 0 is the constant rate; a
        positive ``g`` is a run that feeds on itself (more holders redeem as the run goes on).

    ``recovery_blocks`` and ``base_pool`` set the spread; the spread a redeemer pays is how
    far below $1 UST must trade before buying it and redeeming pays, so the module puts a floor
    of about ``1 - spread`` under UST's price. UST's own market price is not modelled:
    redemptions flow at ``redemptions_per_day`` whatever the spread (see
    :func:`terra_halt_hours` for when the halt comes).

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
    b2, decay = b * b, 1.0 - 1.0 / rec
    growth = (1.0 + redemptions_growth_per_day) ** (1.0 / 24.0)
    halted = False
    for hour in hours[1:]:
        q_hour = q / 24.0 * growth ** (hour - 1) if redemptions_growth_per_day else q / 24.0
        per_block = q_hour / bph
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
        redeemed.append(q_hour)  # (a halting hour still counts its full flow: a small overstatement)
    return TerraPath(
        hours=hours,
        luna_price=np.array(prices),
        luna_supply=np.array(supplies),
        spread=np.array(spreads),
        ust_redeemed=np.array(redeemed),
    )


@v.params(
    price=v.RealArray(0.0, 1e6),
    target=v.Real(1e-6, 1e6),
    lower=v.Real(-1.0, -1e-6),
    upper=v.Real(0.0, 10.0, low_open=True),
    growth=v.Real(0.0, 100.0, low_open=True),
    deviation_threshold=v.Probability(),
)
def ampleforth_rebase(
    price: ArrayLike,
    target: float = 1.0,
    lower: float = -0.10,
    upper: float = 0.10,
    growth: float = 3.0,
    deviation_threshold: float = 0.05,
) -> float | np.ndarray:
    """Ampleforth's supply change (a fraction) for a market ``price`` against ``target`` (AIP-5).

    Zero while ``|price/target - 1| < deviation_threshold``; otherwise
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
    deviation_threshold : float
        The band around the target within which no rebase happens (UFragmentsPolicy's ``deviationThreshold``),
        as a fraction of the target, in [0, 1].

    Examples
    --------
    >>> [round(float(r), 4) for r in ampleforth_rebase([0.5, 0.97, 1.0, 1.2, 3.0])]
    [-0.0478, 0.0, 0.0, 0.0205, 0.0969]
    """
    price = np.asarray(price)  # already an array (@v.params): for the type checker
    delta = price / target - 1.0
    with np.errstate(over="ignore"):
        change = (upper - lower) / (1.0 - (upper / lower) / np.power(2.0, growth * delta)) + lower
    out = np.where(np.abs(delta) < deviation_threshold, 0.0, change) + 0.0
    return float(out) if out.ndim == 0 else out


def _curve(delta: np.ndarray, limit: float, growth: float) -> np.ndarray:
    """The contract's sigmoid with ``lower = -limit``, ``upper = limit`` (so ``U / L = -1``), exponent capped at
    ±100.
    """
    exponent = np.clip(growth * delta, -100.0, 100.0)
    return 2.0 * limit / (1.0 + 1.0 / np.power(2.0, exponent)) - limit


@v.params(
    price=v.RealArray(0.0, 1e6),
    target=v.Real(1e-6, 1e6),
    negative_limit=v.Real(-1.0, -1e-6),
    positive_limit=v.Real(1e-6, 10.0),
    negative_growth=v.Real(0.0, 1000.0),
    positive_growth=v.Real(0.0, 1000.0),
    deviation_threshold=v.Probability(),
)
def ampleforth_rebase_two_curve(
    price: ArrayLike,
    target: float = 1.0,
    negative_limit: float = -0.077,
    positive_limit: float = 0.05,
    negative_growth: float = 45.0,
    positive_growth: float = 45.0,
    deviation_threshold: float = 0.025,
) -> float | np.ndarray:
    """Ampleforth's supply change (a fraction) under the two-curve rule of ``UFragmentsPolicy`` (April 2025).

    Zero while ``|price/target - 1| < deviation_threshold``. At or above target, the AIP-5 sigmoid with
    ``L = -positive_limit``, ``U = positive_limit``, ``G = positive_growth``; below target, with
    ``L = negative_limit``, ``U = -negative_limit``, ``G = negative_growth``; the exponent
    ``G delta`` is capped at ±100 as the contract caps it (``computeSupplyDelta`` and
    ``computeRebasePercentage`` at commit 1d13ed3, PR #297, 1 April 2025; the implementation
    deployed on mainnet on 1 August 2025 by the repository's manifest). The defaults are that
    commit's ``initialize()``: a 2.5% threshold, limits −7.7% and +5%, growth 45 on both sides.
    A proxy upgrade does not run ``initialize()``: the live values are whatever governance set.
    The upgrade carries the old slots over, renamed: the one-curve limits and growth become the
    new rule's limits and ``positive_growth`` (the growth read on chain in March 2025 was 42, so
    ``positive_growth=42.0``), while ``negative_growth`` is a new storage slot that reads 0 until
    governance sets it: at ``negative_growth=0`` nothing contracts below target. The defaults (45
    on both sides) are the commit's ``initialize()``, the rule as designed.
    The September 2024 rule, one curve with ``L = -0.077``, ``U = 0.05``, is
    :func:`ampleforth_rebase` with those arguments.

    Parameters
    ----------
    price : float or array_like
        Market prices, each in [0, 1e6].
    target : float
        In [1e-6, 1e6].
    negative_limit : float
        The largest contraction, in [-1, -1e-6].
    positive_limit : float
        The largest expansion, in [1e-6, 10].
    negative_growth, positive_growth : float
        Each curve's steepness, in [0, 1000].
    deviation_threshold : float
        The band around the target within which no rebase happens (UFragmentsPolicy's ``deviationThreshold``),
        as a fraction of the target, in [0, 1].

    Examples
    --------
    >>> [round(float(r), 4) for r in ampleforth_rebase_two_curve([0.5, 0.8, 0.96, 0.98, 1.2, 3.0])]
    [-0.077, -0.0767, -0.0426, 0.0, 0.0498, 0.05]

    The contract's own unit test: at 70% of target, a supply of 1 000 contracts by 76 (Solidity
    truncates toward zero):

    >>> int(1000 * ampleforth_rebase_two_curve(0.7))
    -76
    """
    price = np.asarray(price)  # already an array (@v.params): for the type checker
    delta = price / target - 1.0
    change = np.where(
        delta >= 0.0, _curve(delta, positive_limit, positive_growth), _curve(delta, -negative_limit, negative_growth)
    )
    out = np.where(np.abs(delta) < deviation_threshold, 0.0, change) + 0.0
    return float(out) if out.ndim == 0 else out


@v.params(net_redeemed=v.RealArray(0.0, 1e13), market_depth=v.Real(1.0, 1e13), luna_price0=v.Real(1e-9, 1e6))
def terra_luna_price(
    net_redeemed: ArrayLike, market_depth: float = 1.0e9, luna_price0: float = 80.0
) -> float | np.ndarray:
    """LUNA's price after ``net_redeemed`` USD of UST (after the spread) was minted into LUNA and sold.

    In :func:`terra_spiral`'s constant-product LUNA/USD market of USD depth ``D`` and starting
    price ``P0``, LUNA minted at the current price ``P = k / luna**2`` and sold adds
    ``R / P`` tokens for ``R`` USD, exactly enough that ``1 / luna`` falls by ``dR / k``; hence
    ``P = P0 (1 - R / D)**2`` for ``R < D`` and 0 from ``R = D`` on (in continuous time; the
    block-by-block simulation is within a fraction of a percent of it).

    Parameters
    ----------
    net_redeemed : float or array_like
        Cumulative UST redeemed times ``1 - spread`` (USD), each in [0, 1e13].
    market_depth : float
        USD side of the LUNA market, in [1, 1e13].
    luna_price0 : float
        Starting LUNA price (USD), in [1e-9, 1e6].

    Examples
    --------
    >>> [round(float(p), 2) for p in terra_luna_price([0.0, 0.5e9, 0.9e9, 1e9, 2e9], market_depth=1e9)]
    [80.0, 20.0, 0.8, 0.0, 0.0]
    """
    net_redeemed = np.asarray(net_redeemed)  # already an array (@v.params): for the type checker
    x = np.maximum(0.0, 1.0 - net_redeemed / market_depth)
    out = luna_price0 * x * x + 0.0
    return float(out) if out.ndim == 0 else out


@v.params(
    redemptions_per_day=v.Real(0.0, 1e12, low_open=True),
    market_depth=v.Real(1.0, 1e13),
    luna_price0=v.Real(1e-9, 1e6),
    halt_price=v.Real(1e-12, 1.0),
    mean_spread=v.Real(0.0, 0.999),
)
def terra_halt_hours(
    redemptions_per_day: float,
    market_depth: float = 1.0e9,
    luna_price0: float = 80.0,
    halt_price: float = TERRA_HALT_PRICE,
    mean_spread: float = 0.0,
) -> float:
    """Hours until LUNA falls to ``halt_price``: ``24 D (1 - sqrt(h / P0)) / (q (1 - spread))``.

    From :func:`terra_luna_price`: the price reaches ``h`` when the net value redeemed reaches
    ``D (1 - sqrt(h / P0))``. At ``h / P0 = 1e-4 / 80`` the square root is 0.0011, so the halt
    comes after almost exactly the market's depth divided by the net redemptions per hour: the
    halt price hardly moves the time, only the supply at the halt.

    Parameters
    ----------
    redemptions_per_day : float
        UST redeemed per day (USD), in (0, 1e12].
    market_depth, luna_price0 : float
        As in :func:`terra_luna_price`.
    halt_price : float
        The price (USD) at which the chain halts, in [1e-12, 1]; 0 hours if LUNA starts below it.
    mean_spread : float
        The average spread the redemptions pay, in [0, 0.999].

    Examples
    --------
    >>> round(terra_halt_hours(0.5e9, market_depth=2e9, mean_spread=0.047), 1)   # the lab's default run: 101 h
    100.6
    """
    share = 1.0 - min(1.0, float(np.sqrt(halt_price / luna_price0)))
    return 24.0 * market_depth * share / (redemptions_per_day * (1.0 - mean_spread))
