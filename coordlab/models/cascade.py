"""Algorithmic feedback loops: liquidation cascades on a pool, their tipping points, and a flash-crash simulator.

**The pool** (:class:`~coordlab.models.amm.ConstantProductPool`, the course's one pool). A
constant-product pool with reserves ``x`` of the asset and ``y`` of USD and Uniswap v2's fee ``phi``
on the input: selling ``S`` units leaves reserves ``(x + S, x y / (x + (1 - phi) S))``, so the price
falls to ``p(S) = x y / ((x + (1 - phi) S)(x + S))``. With no fee this is ``p0 (x0 / (x0 + S))**2``.

**The cascade** (a loss spiral in the sense of Brunnermeier and Pedersen 2009). Every long in a
:class:`~coordlab.models.perps.PositionBook`
is liquidated when the price reaches its liquidation price ``L_i`` and its ``size``
is sold into the pool. A shock ``S0`` starts it; each wave of liquidations sells
more, which may reach more rungs. The outcome is the *least fixed point* of
``S = S0 + sum{size_i : L_i >= p(S)}``, reached by iterating from ``S = S0``
(:func:`cascade`, wave by wave).

**Tipping points, exactly.** Sort the longs by liquidation price, highest first, and
let ``C_j`` be the size of the first ``j``. The ``(j+1)``-th is reached iff the
sales so far push the price to its rung: ``S0 + C_j >= s(L_(j+1))``, where ``s(L)``
is the sale that moves the price to ``L`` (a quadratic's root). So the ``(j+1)``-th
falls iff ``S0 >= M_j = max_{i <= j} (s(L_(i+1)) - C_i)``; the number liquidated by
a shock is the number of ``M_j <= S0`` (a binary search), and the shocks where it
jumps, with the size of each jump, are the distinct values of ``M``: no scanning
(:class:`LiquidationCascade`). The brunt of a cascade arrives at one of them.

**A flash-crash simulator** (:func:`flash_crash`): minute by minute, a seller
targeting a share of the previous minute's volume "without regard to price or
time" (the CFTC–SEC report's description of 6 May 2010), intermediaries whose
"hot potato" trading adds volume but no depth (Kirilenko et al. 2017), market
makers who withdraw depth when a minute's move exceeds their tolerance, a ladder
of stop-loss orders, and value buyers who step in below the fundamental price.
Every unit sold or bought becomes ``1 + h`` units of volume, and the seller sells
``p`` of it the next minute: the loop's gain is ``p (1 + h)`` (:func:`feedback_gain`).
Stylised parameters, not a calibration: it reproduces the mechanism (the sale
completes far faster than without feedback and, past a cliff, the price gaps down),
not the E-mini's numbers (the E-mini fell about 5%; the simulator's crash, with
market makers at stub quotes and no trading pause, goes much deeper).

This module follows the API conventions of issue 17 (CONTRIBUTING.md) for its results:
:func:`stress_test` returns a :class:`StressTest`, never a dict; the stop ladder's floor is a
named parameter (``stop_floor``, :data:`STOP_FLOOR`); the pool is ``amm.ConstantProductPool``, passed as
``pool`` (``cascade.Market`` before 0.9).

Sources
-------
- CFTC and SEC staff (30 September 2010), "Findings regarding the market events of
  May 6, 2010" (75,000 E-mini contracts, about $4.1 bn, sold by an algorithm
  targeting 9% of the previous minute's volume; about 20 minutes).
- A. Kirilenko, A. S. Kyle, M. Samadi and T. Tuzun (2017), "The Flash Crash:
  High-frequency trading in an electronic market", *Journal of Finance* 72(3).
- M. K. Brunnermeier and L. H. Pedersen (2009), "Market liquidity and funding
  liquidity", *Review of Financial Studies* 22(6) (loss and margin spirals).
- CME Group (1 October 2010), statement on the joint CFTC–SEC report (the 75,000 contracts were 1.3% of
  the day's E-mini volume and under 5% of sales in the 3.5 minutes before the low).
- Uniswap v2 core, ``UniswapV2Pair.sol`` and ``UniswapV2Library.getAmountOut`` (the constant-product
  pool and its 0.3% fee on the input).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.models import perps
from coordlab.models.amm import SALE, SALE_MAX, SALES, ConstantProductPool
from coordlab.models.perps import PositionBook

__all__ = [
    "CascadeResult",
    "TippingPoints",
    "cascade",
    "LiquidationCascade",
    "StressTest",
    "stress_test",
    "survivor_crowd",
    "FlashCrash",
    "STOP_FLOOR",
    "flash_crash",
    "feedback_gain",
    "TIPPING_SHARE",
    "CROWD_SIZE",
    "CROWD_PRICE",
    "CROWD_LEVERAGE",
    "CROWD_ENTRY_SPREAD",
    "FLASH_ORDER",
    "FLASH_PARTICIPATION",
    "FLASH_HOT_POTATO",
    "FLASH_MM_TOLERANCE",
    "FLASH_STOP_DENSITY",
    "FLASH_MINUTES",
]


SHOCK_MAX = SALE_MAX
SHOCK = SALE
SHOCKS = SALES

#: LiquidationCascade.tipping_shock's big jump: the share of the book's long notional it liquidates (fraction).
TIPPING_SHARE = 0.1
#: survivor_crowd's number of surviving longs (positions; notebook 08's synthetic crowd).
CROWD_SIZE = 10_000
#: survivor_crowd's current price, every survivor's liquidation price below it (USD; notebook 08's ETH).
CROWD_PRICE = 2000.0
#: survivor_crowd's typical leverage (notional / margin; synthetic).
CROWD_LEVERAGE = 5.0
#: survivor_crowd's entry dispersion (log-normal sigma, a fraction of the price: entries within about 2%).
CROWD_ENTRY_SPREAD = 0.02


@dataclass(frozen=True)
class CascadeResult:
    """Outcome of :func:`cascade`.

    Attributes
    ----------
    shock : float
        Units sold exogenously first.
    prices : ndarray
        Price before the shock, after the shock, then after each wave (the last is the fixed point).
    liquidated : ndarray of int
        Positions liquidated (cumulative) at each price from ``prices[1]`` on: 0 after the shock alone.
    sold : float
        Total units sold (shock plus liquidations).
    wave : ndarray of int
        For each position of the book, the wave in which it was liquidated (0 = never).
    """

    shock: float
    prices: np.ndarray
    liquidated: np.ndarray
    sold: float
    wave: np.ndarray

    @property
    def final_price(self) -> float:
        return float(self.prices[-1])

    @property
    def n_liquidated(self) -> int:
        return int(self.liquidated[-1])


@v.params(pool=v.Instance(ConstantProductPool), book=v.Instance(PositionBook), shock=SHOCK)
def cascade(pool: ConstantProductPool, book: PositionBook, shock: float) -> CascadeResult:
    """Run a liquidation cascade wave by wave to its fixed point (the longs of ``book``).

    Wave ``k`` liquidates every long whose liquidation price the price after wave
    ``k - 1`` has reached; the iteration from ``S = shock`` (units sold, in [0, 1e15]) is
    monotone and stops at the least fixed point (at most one wave per position).

    >>> from coordlab.models.perps import PositionBook
    >>> book = PositionBook.from_leverage("long", [100.0, 100.0, 100.0], 2000.0, [20.0, 10.0, 5.0], 0.01)
    >>> r = cascade(ConstantProductPool.from_depth(2000.0, 2e6, fee=0.0), book, shock=25.0)
    >>> [round(p) for p in r.prices], r.liquidated.tolist()      # a 25-unit sale ends 43% lower
    ([2000, 1904, 1580, 1139], [0, 1, 3])
    """
    longs = np.flatnonzero(book.side == 1)
    liq = book.liquidation_prices()[longs]
    order = np.argsort(-liq, kind="stable")
    rungs, sizes = liq[order], book.size[longs][order]
    cum = np.concatenate([[0.0], np.cumsum(sizes)])
    prices, counts = [pool.price], []
    wave = np.zeros(len(book), dtype=np.int64)
    k, price = 0, float(pool.price_after_sale_unchecked(shock))
    while True:  # k strictly increases until the fixed point: at most one wave per position
        prices.append(price)
        counts.append(k)
        # rungs are sorted descending: those at or above the price are the first `reached`
        reached = int(np.searchsorted(-rungs, -price, side="right"))
        if reached == k:
            break
        wave[longs[order[k:reached]]] = len(counts)
        k = reached
        price = float(pool.price_after_sale_unchecked(shock + float(cum[k])))
    return CascadeResult(shock, np.array(prices), np.array(counts), shock + float(cum[k]), wave)


@dataclass(frozen=True)
class TippingPoints:
    """Where a :class:`LiquidationCascade`'s count jumps.

    Attributes
    ----------
    shocks : numpy.ndarray
        Every shock (units sold) at which the number of longs liquidated jumps, ascending.
    jumps : numpy.ndarray
        How many positions each jump liquidates at once (integers).
    """

    shocks: np.ndarray
    jumps: np.ndarray


@v.params(pool=v.Instance(ConstantProductPool), book=v.Instance(PositionBook))
class LiquidationCascade:
    """A pool and a book of longs, prepared so that any shock's outcome is a binary search.

    Build once (sorting the ladder, O(n log n)); then :meth:`liquidated`,
    :meth:`final_price` and :meth:`sold` take arrays of shocks, and
    :meth:`tipping_points` lists every shock at which the count jumps, exactly.

    >>> from coordlab.models.perps import PositionBook
    >>> book = PositionBook.from_leverage("long", [100.0, 100.0, 100.0], 2000.0, [20.0, 10.0, 5.0], 0.01)
    >>> lc = LiquidationCascade(ConstantProductPool.from_depth(2000.0, 2e6, fee=0.0), book)
    >>> tp = lc.tipping_points()
    >>> [round(float(s), 2) for s in tp.shocks], tp.jumps.tolist()   # below 20.84 units nothing; from it, all three
    ([20.84], [3])
    """

    def __init__(self, pool: ConstantProductPool, book: PositionBook) -> None:
        self.pool, self.book = pool, book
        longs = book.side == 1
        liq = book.liquidation_prices()[longs]
        order = np.argsort(-liq, kind="stable")
        self.rungs = liq[order]
        self.sizes = book.size[longs][order]
        self.cum = np.concatenate([[0.0], np.cumsum(self.sizes)])
        need = np.full(self.rungs.shape, np.inf)  # a rung at 0 is never reached
        reachable = self.rungs > 0
        need[reachable] = pool.sale_to_reach_unchecked(self.rungs[reachable])
        # M_j: the smallest shock that liquidates positions 0..j (a running maximum)
        self.threshold = np.maximum.accumulate(need - self.cum[:-1])

    def __len__(self) -> int:
        return int(self.rungs.size)

    @v.params(shock=SHOCKS)
    def liquidated(self, shock: ArrayLike) -> int | np.ndarray:
        """Number of longs liquidated by each shock (units sold, in [0, 1e15]; an int, or an int array for an
        array).
        """
        k = np.searchsorted(self.threshold, shock, side="right")
        return int(k) if np.ndim(k) == 0 else k

    @v.params(shock=SHOCKS)
    def sold(self, shock: ArrayLike) -> float | np.ndarray:
        """Total units sold at the fixed point: shock (in [0, 1e15]) plus liquidated sizes."""
        return self.sold_unchecked(np.asarray(shock, dtype=float))

    def sold_unchecked(self, shock: np.ndarray) -> float | np.ndarray:
        """:meth:`sold` without the validation, for engines that built ``shock`` (a float array) themselves."""
        out = shock + self.cum[np.searchsorted(self.threshold, shock, side="right")]
        return float(out) if out.ndim == 0 else out

    @v.params(shock=SHOCKS)
    def final_price(self, shock: ArrayLike) -> float | np.ndarray:
        """Price at the fixed point after each shock (in [0, 1e15])."""
        return self.pool.price_after_sale_unchecked(self.sold_unchecked(np.asarray(shock, dtype=float)))

    @v.params()
    def tipping_points(self) -> TippingPoints:
        """Every shock at which the number liquidated jumps, and by how many positions (:class:`TippingPoints`)."""
        finite = np.isfinite(self.threshold)
        levels, counts = np.unique(self.threshold[finite], return_counts=True)
        keep = levels >= 0.0
        return TippingPoints(levels[keep], counts[keep])

    @v.params(share=v.Probability(low_open=True))
    def tipping_shock(self, share: float = TIPPING_SHARE) -> float:
        """The smallest shock at which a single jump liquidates at least ``share`` (in (0, 1]) of the book's long
        notional.

        Returns ``inf`` if no single jump is that large.
        """
        levels = self.tipping_points().shocks
        if levels.size == 0:
            return math.inf
        notional = self.sizes * self.rungs
        total = float(notional.sum())
        cum_notional = np.concatenate([[0.0], np.cumsum(notional)])
        before = cum_notional[np.searchsorted(self.threshold, levels, side="left")]
        after = cum_notional[np.searchsorted(self.threshold, levels, side="right")]
        big = np.flatnonzero(after - before >= share * total)
        return float(levels[big[0]]) if big.size else math.inf


@v.params(
    n=v.Integer(1, perps.MAX_POSITIONS),
    price=v.Real(1e-6, 1e9),
    seed=v.Seed(),
    mean_leverage=v.Real(1.5, 200.0),
    entry_spread=v.Real(0.0, 0.5),
    max_leverage=v.Real(2.0, 200.0),
    mmr=v.Optional(v.Real(0.0, 0.5)),
)
def survivor_crowd(
    n: int = CROWD_SIZE,
    price: float = CROWD_PRICE,
    seed: int = 0,
    mean_leverage: float = CROWD_LEVERAGE,
    entry_spread: float = CROWD_ENTRY_SPREAD,
    max_leverage: float = 50.0,
    mmr: float | None = None,
) -> PositionBook:
    """A synthetic crowd of ``n`` longs still open at ``price``: the ladder of notebook 08's cascade.

    Each long is drawn as in :func:`coordlab.models.perps.crowd_book`: an entry log-normal around
    ``price`` with dispersion ``entry_spread`` (0.02: entries within about 2% of the price, opened
    over the last days), a Pareto size (tail index 1.5, 1 to 10 000 units) and a log-normal
    leverage around ``mean_leverage`` clipped to ``[1.5, max_leverage]``. A long whose liquidation
    price is at or above ``price`` was liquidated on the way down to it, so it is dropped and drawn
    again (in batches of ``n``, from the same seeded stream): only survivors remain. Unlike
    ``crowd_book``, which caps the leverage of such longs so that each liquidation price sits
    exactly 0.5% below the price (piling the highest rungs of any levered crowd onto one price),
    the rungs here spread down from the price by entry and leverage, so the ladder near the price,
    and with it the tipping shock, depends on both.

    Synthetic data, seeded; not a snapshot of any venue.

    Parameters
    ----------
    n : int
        Number of surviving longs, in [1, 1 000 000].
    price : float
        The current price (USD), in [1e-6, 1e9]; every long's liquidation price lies below it.
    seed : int
        Seed of ``numpy.random.default_rng``.
    mean_leverage : float
        Centre of the log-normal leverage, in [1.5, 200] and at most ``max_leverage``.
    entry_spread : float
        Dispersion of the entries' log prices around ``price``, in [0, 0.5].
    max_leverage : float
        The venue's highest leverage, in [2, 200].
    mmr : float or None
        Maintenance margin ratio, in [0, 0.5] and below ``1 / max_leverage`` (``None``: Hyperliquid's, half
        the initial margin at ``max_leverage``).

    >>> book = survivor_crowd(1000, seed=1, mean_leverage=20.0)
    >>> len(book), bool((book.liquidation_prices() < 2000.0).all())
    (1000, True)
    """
    if mean_leverage > max_leverage:
        raise ValueError(
            f"mean_leverage must be at most max_leverage, got mean_leverage={mean_leverage:g}, "
            f"max_leverage={max_leverage:g}"
        )
    mmr = perps.hyperliquid_mmr(max_leverage) if mmr is None else mmr
    if mmr >= 1.0 / max_leverage:
        raise ValueError(f"mmr must be below 1/max_leverage = {1.0 / max_leverage:g}, got {mmr:g}")
    rng = np.random.default_rng(seed)
    parts, have = [], 0
    while have < n:  # a long entered at or below the price always survives: at least about half of each batch
        entry = price * np.exp(entry_spread * rng.standard_normal(n))
        size = np.minimum((1.0 - rng.random(n)) ** (-1.0 / 1.5), 10_000.0)
        lev = np.clip(mean_leverage * np.exp(0.6 * rng.standard_normal(n) - 0.18), 1.5, max_leverage)
        # each long's liquidation price, in PositionBook.liquidation_prices' arithmetic (bit for bit)
        margin = size * entry / lev
        rung = np.maximum(entry - (margin - mmr * size * entry) / size / (1.0 - mmr), 0.0)
        keep = rung < price
        parts.append((size[keep], entry[keep], lev[keep]))
        have += int(keep.sum())
    size, entry, lev = (np.concatenate([p[i] for p in parts])[:n] for i in range(3))
    # the same arithmetic as the book's liquidation_prices, so every rung of the result is below ``price``
    return PositionBook.from_leverage(1, size, entry, lev, mmr)


# stress_test's sizes: a grid of at most 2 million cells (two 16 MB result arrays, about a second)
STRESS_PARAMS_MAX, STRESS_SHOCKS_MAX, STRESS_CELLS_MAX = 1000, 100_000, 2_000_000


@dataclass(frozen=True)
class StressTest:
    """A parameter-by-shock stress map (see :func:`stress_test`).

    Attributes
    ----------
    param_values : numpy.ndarray
        The parameter's values (1-D, one row of the map each).
    shocks : numpy.ndarray
        The shocks, units of the asset sold (1-D, one column each).
    share_liquidated : numpy.ndarray
        ``len(param_values) x len(shocks)``: the share of the book's long notional (size x liquidation price)
        liquidated when the cascade started by each shock stops, in [0, 1].
    final_price : numpy.ndarray
        ``len(param_values) x len(shocks)``: the pool's price when the cascade stops.
    tipping_shock : numpy.ndarray
        Per parameter value, the exact smallest shock whose single jump liquidates at least 10% of the
        long notional (:meth:`LiquidationCascade.tipping_shock`); ``inf`` where no single jump does.
    """

    param_values: np.ndarray
    shocks: np.ndarray
    share_liquidated: np.ndarray
    final_price: np.ndarray
    tipping_shock: np.ndarray


@v.params(
    system=v.Checked("a callable param -> (ConstantProductPool, PositionBook)"),
    param_values=v.RealArray(ndim=1, max_size=STRESS_PARAMS_MAX),
    shocks=v.RealArray(0.0, SHOCK_MAX, ndim=1, max_size=STRESS_SHOCKS_MAX),
)
def stress_test(
    system: Callable[[float], tuple[ConstantProductPool, PositionBook]], param_values: ArrayLike, shocks: ArrayLike
) -> StressTest:
    """Sweep a parameter and a shock: where does the system tip?

    Parameters
    ----------
    system : callable
        ``system(param) -> (ConstantProductPool, PositionBook)``: builds the pool for one value
        of the parameter (pool depth, leverage cap, maintenance margin, ...).
    param_values : array_like
        Values of the parameter (1-D, at most 1 000).
    shocks : array_like
        Shocks (units sold), each in [0, 1e15], 1-D, at most 100 000; ``len(param_values) x len(shocks)``
        at most 2 000 000.

    Returns
    -------
    StressTest
        ``share_liquidated`` (param_values x shocks, share of long notional liquidated), ``final_price``
        (param_values x shocks) and ``tipping_shock`` (per param, the exact smallest shock whose single
        jump liquidates >= 10% of long notional), with the ``param_values`` and ``shocks`` swept.

    >>> from coordlab.models.perps import crowd_book
    >>> book = crowd_book(2000, seed=1)
    >>> out = stress_test(lambda d: (ConstantProductPool.from_depth(2000.0, d), book), [5e6, 2e7], [0.0, 500.0, 2000.0])
    >>> out.share_liquidated.shape
    (2, 3)
    """
    if not callable(system):
        raise TypeError(
            f"system must be callable (param -> (ConstantProductPool, PositionBook)), got {type(system).__name__}"
        )
    param_values, shocks = np.asarray(param_values, dtype=float), np.asarray(shocks, dtype=float)  # (already arrays)
    if param_values.size * shocks.size > STRESS_CELLS_MAX:
        raise ValueError(
            f"len(param_values) x len(shocks) must be at most {STRESS_CELLS_MAX:,}, "
            f"got {param_values.size:,} x {shocks.size:,}"
        )
    share = np.zeros((param_values.size, shocks.size))
    final = np.zeros((param_values.size, shocks.size))
    tipping = np.zeros(param_values.size)
    for i, p in enumerate(param_values):
        built = system(float(p))
        if not (
            isinstance(built, tuple)
            and len(built) == 2
            and isinstance(built[0], ConstantProductPool)
            and isinstance(built[1], PositionBook)
        ):
            raise TypeError(
                f"system(param) must return a (ConstantProductPool, PositionBook) pair, got {type(built).__name__}"
            )
        lc = LiquidationCascade(*built)
        notional = np.concatenate([[0.0], np.cumsum(lc.sizes * lc.rungs)])
        k = np.searchsorted(lc.threshold, shocks, side="right")
        share[i] = notional[k] / max(notional[-1], 1e-300)
        final[i] = lc.pool.price_after_sale_unchecked(lc.sold_unchecked(shocks))
        tipping[i] = lc.tipping_shock(TIPPING_SHARE)
    return StressTest(
        param_values=param_values.copy(),
        shocks=shocks.copy(),
        share_liquidated=share,
        final_price=final,
        tipping_shock=tipping,
    )


_STUB = 0.05  # market makers never quote less than 5% of their normal depth (the "stub quotes" of 6 May 2010)

#: The deepest fall at which :func:`flash_crash` places stop-loss orders, as a fraction of the starting price.
#: An assumption, not a calibration: stops are spread evenly over the first 30% below the price (30,000 units
#: at 1,000 per 1%, two fifths of the seller's order), because a protective stop sits within the range its
#: owner expects the price to visit, and 30% is already six times the E-mini's fall of 6 May 2010. A crash
#: uses all of them, so this floor bounds how deep it goes (notebook 08 shows the low across floors).
STOP_FLOOR = 0.30
#: flash_crash's seller's order (units): the E-mini sale of 6 May 2010, 75,000 contracts (CFTC-SEC, Sources).
FLASH_ORDER = 75_000.0
#: flash_crash's seller's target share of the last minute's volume (fraction; 9% on 6 May 2010, Sources).
FLASH_PARTICIPATION = 0.09
#: flash_crash's hot-potato volume (a multiple of the minute's directional volume; stylised).
FLASH_HOT_POTATO = 8.0
#: flash_crash's market makers' tolerance (a fraction of the price a minute; stylised).
FLASH_MM_TOLERANCE = 0.01
#: flash_crash's stop-loss orders (units per 1% of price, down to STOP_FLOOR; stylised).
FLASH_STOP_DENSITY = 1000.0
#: flash_crash's length (minutes).
FLASH_MINUTES = 120


@dataclass(frozen=True)
class FlashCrash:
    """Minute-by-minute result of :func:`flash_crash` (arrays of length ``minutes + 1``, index 0 = start).

    Attributes
    ----------
    price : price at the end of each minute.
    volume : units traded in each minute (all agents, hot-potato trading included).
    seller_sold : the volume-targeting seller's cumulative sale.
    stops_triggered : cumulative units sold by stop-loss orders.
    depth : market makers' depth, as a share of its starting level.
    completed_minute : the minute in which the seller finished (``None`` if not within the run).
    """

    price: np.ndarray
    volume: np.ndarray
    seller_sold: np.ndarray
    stops_triggered: np.ndarray
    depth: np.ndarray
    completed_minute: int | None

    @property
    def low(self) -> float:
        """The lowest price of the run."""
        return float(self.price.min())


# flash_crash's book holds at least one unit at a price of at least 1e-6: its constant product
# (depth^2 x price x the market makers' share, >= 0.05^2) then stays far from underflow, so no price
# reaches 0 (depth=1e-160 made x y underflow to 0 and divided by zero). At most 100 000 minutes (about
# a second).
FLASH_DEPTH_MIN, FLASH_PRICE_MIN, FLASH_MINUTES_MAX = 1.0, 1e-6, 100_000


@v.params(
    order=v.Real(0.0, 1e12),
    participation=v.Real(0.0, 1.0, low_open=True),
    base_volume=v.Real(0.0, 1e12, low_open=True),
    depth=v.Real(FLASH_DEPTH_MIN, 1e15),
    hot_potato=v.Real(0.0, 100.0),
    mm_tolerance=v.Real(0.0, 1.0, low_open=True),
    mm_withdrawal=v.Probability(high_open=True),
    stop_density=v.Real(0.0, 1e12),
    value_buyers=v.Real(0.0, 10.0),
    minutes=v.Integer(1, FLASH_MINUTES_MAX),
    price=v.Real(FLASH_PRICE_MIN, 1e12),
    stop_floor=v.Probability(low_open=True),
)
def flash_crash(
    order: float = FLASH_ORDER,
    participation: float = FLASH_PARTICIPATION,
    base_volume: float = 2_800.0,
    depth: float = 1_000_000.0,
    hot_potato: float = FLASH_HOT_POTATO,
    mm_tolerance: float = FLASH_MM_TOLERANCE,
    mm_withdrawal: float = 0.5,
    stop_density: float = FLASH_STOP_DENSITY,
    value_buyers: float = 0.05,
    minutes: int = FLASH_MINUTES,
    price: float = 1.0,
    stop_floor: float = STOP_FLOOR,
) -> FlashCrash:
    """Simulate a volume-targeting sale into a market whose other participants follow simple rules.

    Each minute: (1) the seller sells ``participation`` x the previous minute's
    volume (until ``order`` is done); (2) stop-loss orders, ``stop_density`` units per
    1% of price spread evenly below the start down to a fall of ``stop_floor`` (30% by default:
    an assumption, see :data:`STOP_FLOOR`), sell when reached;
    (3) market makers whose last minute moved more than ``mm_tolerance`` withdraw
    ``mm_withdrawal`` of their depth (they return 10% of the gap a minute when calm);
    (4) value buyers spend ``value_buyers`` x the current depth x the discount to the
    starting price; (5) intermediaries trade ``hot_potato`` times the minute's
    directional volume among themselves, which counts as volume but moves nothing;
    plus ``base_volume`` of balanced trading. Prices move through a constant-product
    book of ``depth`` units at the start (no fee). Deterministic.

    The seller's next sale is ``participation x (base_volume + (1 + hot_potato) x directional)``,
    and its own sale is part of ``directional``: each unit it sells returns ``participation x
    (1 + hot_potato)`` units of sale a minute later (:func:`feedback_gain`; 0.81 at the defaults,
    9% and 8). Below 1 the echoes die out, but the stops' and value buyers' volume feeds the same
    loop; at 1 or more the sale grows geometrically on its own. Whether the run is a dip or a crash
    is a cliff, not a slope: at the other defaults the low is 0.922 at a hot potato of 6, 0.913 at
    6.5 and 0.890 at 6.75, then 0.581 at 7 (tests/test_cascade.py checks it). A crash needs a minute
    whose fall exceeds the market makers' tolerance while much of the order and of the stops is
    still to be sold: their withdrawal makes the next minute fall further. How deep a crash goes is
    then set by the stops: ``stop_floor`` sets how many there are (their density times the range
    down to the floor), so how much they sell; the price can fall well past the floor itself
    (0.597 with stops only down to −10%).

    Bounds: ``order`` in [0, 1e12] units, ``participation`` in (0, 1], ``base_volume`` in
    (0, 1e12], ``depth`` in [1, 1e15] units, ``hot_potato`` in [0, 100], ``mm_tolerance`` in
    (0, 1], ``mm_withdrawal`` in [0, 1), ``stop_density`` in [0, 1e12], ``value_buyers`` in
    [0, 10], ``minutes`` in [1, 100 000], the starting ``price`` in [1e-6, 1e12] and ``stop_floor``
    (a fall, as a fraction of the starting price) in (0, 1].

    Returns a :class:`FlashCrash`.

    >>> calm = flash_crash(hot_potato=0.0, mm_withdrawal=0.0, stop_density=0.0, minutes=600)
    >>> crash, dip = flash_crash(), flash_crash(hot_potato=6.0)
    >>> calm.completed_minute, crash.completed_minute, round(calm.low, 3), round(crash.low, 3), round(dip.low, 3)
    (246, 16, 0.994, 0.417, 0.922)
    """

    x, y = depth, depth * price  # the book: x units against y USD
    share = 1.0  # market makers' depth as a share of the start
    p0, last_ret, last_volume = price, 0.0, base_volume
    stops_done = 0.0
    n = minutes + 1
    prices, volumes = np.full(n, price), np.zeros(n)
    sold, stops, shares = np.zeros(n), np.zeros(n), np.ones(n)
    volumes[0] = base_volume
    remaining, completed = order, None
    for t in range(1, n):
        # market makers: withdraw on a large move, drift back when calm (at the current price)
        target = share * (1.0 - mm_withdrawal) if abs(last_ret) > mm_tolerance else share + 0.1 * (1.0 - share)
        target = max(target, _STUB)
        scale = target / share
        x, y, share = x * scale, y * scale, target
        p_start = y / x
        q = min(remaining, participation * last_volume)
        remaining -= q
        if remaining <= 1e-9 and completed is None and order > 0:
            completed = t
        # stops between the start and the current price (down to the stop floor), as a cumulative quantity
        fall = min(max(1.0 - p_start / p0, 0.0), stop_floor)
        stop_q = max(stop_density * 100.0 * fall - stops_done, 0.0)
        stops_done += stop_q
        sell = q + stop_q
        x, y = x + sell, x * y / (x + sell)
        # value buyers spend USD in proportion to the discount
        discount = max(1.0 - (y / x) / p0, 0.0)
        spend = value_buyers * y * discount
        bought = x - x * y / (y + spend)
        x, y = x - bought, y + spend
        directional = sell + bought
        volume = base_volume + directional * (1.0 + hot_potato)
        p = y / x
        last_ret, last_volume = p / prices[t - 1] - 1.0, volume
        prices[t], volumes[t], sold[t], stops[t], shares[t] = p, volume, order - remaining, stops_done, share
    return FlashCrash(prices, volumes, sold, stops, shares, completed)


@v.params(participation=v.Real(0.0, 1.0, low_open=True), hot_potato=v.Real(0.0, 100.0))
def feedback_gain(participation: float, hot_potato: float) -> float:
    """The volume loop's gain in :func:`flash_crash`: ``participation x (1 + hot_potato)``.

    Each unit the seller sells is counted ``1 + hot_potato`` times in the minute's volume, and it
    sells ``participation`` (in (0, 1]) of that volume the next minute. ``hot_potato`` is in [0, 100].

    >>> round(feedback_gain(0.09, 8.0), 2), round(feedback_gain(0.09, 6.0), 2)
    (0.81, 0.63)
    """
    return participation * (1.0 + hot_potato)
