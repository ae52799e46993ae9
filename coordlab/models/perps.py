"""Leveraged perpetual positions: liquidation prices, a book of positions and its liquidation ladder.

**Isolated-margin linear perpetual** (derived from the venue's margin rule). A long of ``Q`` contracts opened
at ``P0`` with margin ``M = Q P0 / L`` has equity ``M + Q (P - P0)`` at price ``P``; it
is liquidated when equity falls to the maintenance margin ``mmr Q P``, at

    ``P_liq = P0 (1 - 1/L) / (1 - mmr)``      (a short: ``P0 (1 + 1/L) / (1 + mmr)``).

This is Hyperliquid's documented formula ``liq_price = price - side x margin_available
/ position_size / (1 - l x side)`` with ``margin_available = margin - mmr x notional``
and ``l = mmr`` (:meth:`PositionBook.liquidation_prices` computes it that way and the
tests check the two agree). On Hyperliquid the maintenance margin is half the initial
margin at the asset's maximum leverage (:func:`hyperliquid_mmr`): 1% for a 50x asset, the
rule for ETH until March 2025; since maximum leverage was capped at 40x (BTC) the docs give
1.25% (40x) to 16.7% (3x).

**Margin tiers** (the current rule). Hyperliquid now caps leverage by position size and
computes ``maintenance_margin = notional x mmr(tier) - deduction(tier)``, with ``mmr(tier)``
half the initial margin at the tier's maximum leverage and the deduction chosen so that the
maintenance margin is continuous in size (:data:`HYPERLIQUID_TIERS`,
:func:`tiered_maintenance_margin`, :func:`tiered_liquidation_price`).

**The crowd's ladder.** Every position in a book has its own liquidation price; sorted,
they form a ladder of forced sales waiting below (longs) or above (shorts) the market.
Sizes chosen one by one, each "safe" on its own, can stack many rungs close together:
the crowding that turns a dip into a cascade (notebook 08 runs the cascade).

**The probability of liquidation** within a horizon, with the price following driftless
geometric Brownian motion (volatility ``sigma`` a year), is the first-passage
probability of log price (drift ``-sigma**2 / 2``) to ``ln(P_liq / P0)``
(:func:`liquidation_probability`).

Sources
-------
- Hyperliquid Docs, "Liquidations" (maintenance margin = half of the initial margin at
  max leverage, "which varies from 3-40x", so "between 1.25% (for 40x max leverage assets)
  and 16.7% (for 3x max leverage assets)"; the liquidation-price formula; backstop
  liquidation below 2/3 of the maintenance margin), hyperliquid.gitbook.io, read November
  2026; the same text in the page's dated mirror dzmbs/hyperliquid-docs,
  ``docs/trading/liquidations.md``, from 27 January 2026 (commit 9547e33) to 22 August 2026.
- Hyperliquid Docs, "Margin tiers" (hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers,
  read November 2026; the page is not dated): mainnet BTC 40x up to 150 M USDC of notional and
  20x above; ETH 25x up to 100 M and 15x above; the maintenance-margin formula with its deduction.
  In force on mainnet from 2 June 2025 for most assets but not yet for BTC, ETH, SOL, XRP, HYPE
  and FARTCOIN ("enabled on a later update", the page as reposted on 30 May 2025); listed as
  enabled for BTC and ETH in the mirror dzmbs/hyperliquid-docs ``docs/trading/margin-tiers.md``
  of 27 January 2026 (commit 9547e33): a start date for BTC and ETH between June 2025 and
  January 2026.
- Hyperliquid's statements of 12-13 March 2025, as reported by the press (The Block, CoinDesk):
  maximum leverage cut to 40x for BTC and 25x for ETH after the 50x ETH whale.
"""

from __future__ import annotations

import math
import reprlib
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "liquidation_price",
    "hyperliquid_mmr",
    "liquidation_probability",
    "Ladder",
    "PositionBook",
    "crowd_book",
    "HYPERLIQUID_TIERS",
    "tiered_maintenance_margin",
    "TieredLiquidation",
    "tiered_liquidation_price",
]

SIDES = ("long", "short")
MAX_POSITIONS = 1_000_000  # a book's size (crowd_book of a million positions: about a second)

# Shared constraints. Sizes and entry prices below 1e-9 and margins below 1e-12 are refused: a size of
# 5e-324 sent margin / size to infinity. A volatility below 1e-6 a year (1e-200 gave NaN) and a horizon
# below 0.001 hour (5e-324 hours divided by zero) are refused too.
SIDE = v.Choice(*SIDES)
ENTRY = v.RealArray(1e-9, 1e12)
SIZE = v.RealArray(1e-9, 1e12)
MARGIN_MIN = 1e-12
LEVERAGE = v.RealArray(1.0, 1000.0)
MMR = v.Real(0.0, 0.5)
PRICE = v.Real(0.0, 1e12, low_open=True)


def _broadcast(names: str, *arrays: ArrayLike) -> tuple[int, ...]:
    """The broadcast shape of ``arrays`` (named ``names`` in the message), at most MAX_POSITIONS values."""
    try:
        shape = np.broadcast_shapes(*(np.shape(a) for a in arrays))
    except ValueError:
        raise ValueError(
            f"{names} must have broadcastable shapes, got " + ", ".join(str(np.shape(a)) for a in arrays)
        ) from None
    if math.prod(shape) > MAX_POSITIONS:
        raise ValueError(f"{names} broadcast to {math.prod(shape):,} values; at most {MAX_POSITIONS:,}")
    return shape


def _normal_cdf(z: ArrayLike) -> np.ndarray:
    """Standard normal CDF, elementwise (math.erfc; no scipy)."""
    return 0.5 * np.asarray(_ERFC(-np.asarray(z, dtype=float) / math.sqrt(2.0)), dtype=float)


_ERFC = np.frompyfunc(math.erfc, 1, 1)


@v.params(entry=ENTRY, leverage=LEVERAGE, mmr=MMR, side=SIDE)
def liquidation_price(entry: ArrayLike, leverage: ArrayLike, mmr: float, side: str = "long") -> float | np.ndarray:
    """Liquidation price of an isolated-margin perpetual: ``P0 (1 - 1/L)/(1 - mmr)`` (long).

    ``entry`` and ``leverage`` may be arrays (broadcast together, at most 1 000 000 values).

    Parameters
    ----------
    entry : float or array
        Entry price ``P0``, in [1e-9, 1e12].
    leverage : float or array
        ``L`` = notional / margin, in [1, 1000]; a long at ``L = 1`` cannot be liquidated
        (its liquidation price is 0).
    mmr : float
        Maintenance margin rate in [0, 0.5], and below ``1/L`` (else the position
        would be liquidated at once).
    side : {"long", "short"}

    >>> round(liquidation_price(2000.0, 50, 0.01), 2)     # a 50x ETH long on Hyperliquid
    1979.8
    >>> round(liquidation_price(2000.0, 10, 0.01, side="short"), 2)
    2178.22
    """
    entry, leverage = np.asarray(entry), np.asarray(leverage)  # arrays already (@v.params)
    _broadcast("entry and leverage", entry, leverage)
    if np.any(mmr >= 1.0 / leverage):
        raise ValueError(
            f"mmr must be below the initial margin 1/leverage (else the position is liquidated at "
            f"once), got mmr={mmr:g} with leverage up to {float(np.max(leverage)):g}"
        )
    if side == "long":
        out = entry * (1.0 - 1.0 / leverage) / (1.0 - mmr)
    else:
        out = entry * (1.0 + 1.0 / leverage) / (1.0 + mmr)
    return float(out) if out.ndim == 0 else out


@v.params(max_leverage=v.Real(1.0, 1000.0))
def hyperliquid_mmr(max_leverage: float) -> float:
    """Hyperliquid's maintenance margin rate: half the initial margin at the asset's max leverage (in [1, 1000]).

    >>> hyperliquid_mmr(50), hyperliquid_mmr(25), round(hyperliquid_mmr(3), 4)
    (0.01, 0.02, 0.1667)
    """
    return 0.5 / max_leverage


@v.params(
    distance=v.RealArray(0.0, 1.0, low_open=True, high_open=True),
    sigma=v.Real(1e-6, 20.0),
    hours=v.RealArray(1e-3, 1e6),
)
def liquidation_probability(distance: ArrayLike, sigma: float, hours: ArrayLike) -> float | np.ndarray:
    """Chance that a driftless GBM price falls by ``distance`` (a fraction) within ``hours``.

    Parameters
    ----------
    distance : float or array
        The fall that liquidates, as a fraction of the current price, each in (0, 1).
    sigma : float
        The price's volatility per year (a year = 8 760 hours), in [1e-6, 20].
    hours : float or array
        The time window in hours, each in [0.001, 1e6]; ``distance`` and ``hours`` broadcast together to at
        most 1 000 000 values.

    >>> round(liquidation_probability(0.0101, sigma=0.8, hours=24), 3)   # 50x long, one day
    0.813
    """
    distance, hours = np.asarray(distance), np.asarray(hours)  # arrays already (@v.params)
    _broadcast("distance and hours", distance, hours)
    d, h = distance, hours
    T = h / 8760.0
    a = np.log1p(-d)
    m = -0.5 * sigma**2
    root = sigma * np.sqrt(T)
    Phi = _normal_cdf
    out = Phi((a - m * T) / root) + np.exp(2.0 * m * a / sigma**2) * Phi((a + m * T) / root)
    out = np.clip(out, 0.0, 1.0)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class Ladder:
    """Result of :meth:`PositionBook.ladder`: one side's liquidation ladder, in the order a move reaches it.

    Attributes
    ----------
    prices : ndarray
        Liquidation prices, longs from the highest down (a falling price reaches them in that order),
        shorts from the lowest up.
    cumulative_size : ndarray
        The size (contracts) liquidated once the price has reached each of ``prices``: a running sum,
        the same length as ``prices`` (both empty for a side with no position).
    """

    prices: np.ndarray
    cumulative_size: np.ndarray


@v.params(
    side=v.RealArray(-1.0, 1.0, ndim=1, max_size=MAX_POSITIONS),
    size=SIZE,
    entry=ENTRY,
    margin=v.RealArray(MARGIN_MIN, 1e15),
    mmr=MMR,
)
@dataclass(frozen=True, eq=False)
class PositionBook:
    """A set of isolated-margin perpetual positions (the crowd), held as arrays.

    Attributes
    ----------
    side : ndarray of int
        +1 long, -1 short: a 1-D array of at most 1 000 000 positions.
    size : ndarray
        Contracts (units of the asset), each in [1e-9, 1e12].
    entry : ndarray
        Entry prices, each in [1e-9, 1e12].
    margin : ndarray
        Isolated margin (USD), each in [1e-12, 1e15] and above the maintenance margin
        ``mmr x size x entry``.
    mmr : float
        Maintenance margin rate of the venue, in [0, 0.5].

    Build one with :meth:`from_leverage` (or :func:`crowd_book`); the constructor
    validates every array.
    """

    side: np.ndarray
    size: np.ndarray
    entry: np.ndarray
    margin: np.ndarray
    mmr: float

    def __post_init__(self) -> None:
        side, size, entry, margin, mmr = self.side, self.size, self.entry, self.margin, self.mmr
        if not np.isin(side, (-1, 1)).all():
            raise ValueError("side must be a non-empty 1-D array of +1 (long) and -1 (short)")
        n = side.size
        for name, arr in (("size", size), ("entry", entry), ("margin", margin)):
            if arr.shape != (n,):
                raise ValueError(f"{name} must have the shape of side, ({n},); got {arr.shape}")
        if np.any(margin <= mmr * size * entry):
            raise ValueError(
                "every margin must exceed the maintenance margin mmr x size x entry "
                "(a position below it is liquidated at once)"
            )
        for name, arr in (("side", side.astype(np.int8)), ("size", size), ("entry", entry), ("margin", margin)):
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)

    @classmethod
    @v.params(
        side=v.Checked("'long', 'short', 1 or -1, or an array of them"),
        size=SIZE,
        entry=ENTRY,
        leverage=LEVERAGE,
        mmr=MMR,
    )
    def from_leverage(
        cls, side: str | int | ArrayLike, size: ArrayLike, entry: ArrayLike, leverage: ArrayLike, mmr: float
    ) -> PositionBook:
        """Positions opened at ``leverage`` (margin = notional / leverage); arrays broadcast.

        ``side`` is "long", "short", +1 or -1 (or an array of them); ``size`` and ``entry`` are in
        [1e-9, 1e12], ``leverage`` in [1, 1000] and ``mmr`` in [0, 0.5], and they broadcast to at
        most 1 000 000 positions, each with a margin ``size x entry / leverage`` of at least 1e-12.
        """
        raw = np.atleast_1d(np.asarray(side, dtype=object))
        try:
            s = np.array([{"long": 1, "short": -1, 1: 1, -1: -1}[x] for x in raw], dtype=np.int8)
        except (KeyError, TypeError):
            raise ValueError(
                f"side must be 'long', 'short', 1 or -1 (or an array of them), got {reprlib.repr(side)}"
            ) from None
        _broadcast("side, size, entry and leverage", s, size, entry, leverage)
        s, size, entry, leverage = np.broadcast_arrays(s, size, entry, leverage)
        s, size, entry, leverage = (np.ravel(a) for a in (s, size, entry, leverage))
        margin = size * entry / leverage
        if np.any(margin < MARGIN_MIN):
            raise ValueError(
                f"size x entry / leverage (the margin) must be at least {MARGIN_MIN:g} USD, got {float(margin.min()):g}"
            )
        return cls(s.copy(), size.copy(), entry.copy(), margin, mmr)

    def __len__(self) -> int:
        return int(self.side.size)

    @property
    def notional(self) -> np.ndarray:
        """Size x entry price of each position (USD)."""
        return self.size * self.entry

    @property
    def leverage(self) -> np.ndarray:
        """Notional / margin of each position."""
        return self.notional / self.margin

    @v.params(price=PRICE)
    def equity(self, price: float) -> np.ndarray:
        """Each position's equity at ``price`` (in (0, 1e12]): ``margin + side x size x (price - entry)``."""
        return self.margin + self.side * self.size * (price - self.entry)

    @v.params()
    def liquidation_prices(self) -> np.ndarray:
        """Hyperliquid's formula, ``entry - side x margin_available / size / (1 - mmr x side)``, floored at 0."""
        available = self.margin - self.mmr * self.notional
        return np.maximum(self.entry - self.side * available / self.size / (1.0 - self.mmr * self.side), 0.0)

    @v.params(price=PRICE)
    def liquidated(self, price: float) -> np.ndarray:
        """Mask of positions liquidatable at ``price``, in (0, 1e12] (equity at or below the maintenance margin)."""
        return self.equity(price) <= self.mmr * self.size * price

    @v.params(side=SIDE)
    def ladder(self, side: str = "long") -> Ladder:
        """The liquidation ladder of one side (``side`` "long" or "short"), as a :class:`Ladder`.

        Longs are returned from the highest liquidation price down (a falling price
        reaches them in that order), shorts from the lowest up, each with the cumulative size.

        >>> book = PositionBook.from_leverage(["long", "long", "short"], [1.0, 2.0, 3.0], 100.0, [10.0, 5.0, 4.0], 0.0)
        >>> book.ladder("long").prices.tolist(), book.ladder("long").cumulative_size.tolist()
        ([90.0, 80.0], [1.0, 3.0])
        """
        mask = self.side == (1 if side == "long" else -1)
        prices = self.liquidation_prices()[mask]
        order = np.argsort(-prices if side == "long" else prices, kind="stable")
        return Ladder(prices=prices[order], cumulative_size=np.cumsum(self.size[mask][order]))


@v.params(
    n=v.Integer(1, MAX_POSITIONS),
    price=v.Real(1e-6, 1e9),
    seed=v.Seed(),
    max_leverage=v.Real(2.0, 200.0),
    mean_leverage=v.Real(1.5, 200.0),
    mmr=v.Optional(MMR),
)
def crowd_book(
    n: int = 10_000,
    price: float = 2000.0,
    seed: int = 0,
    max_leverage: float = 50.0,
    mean_leverage: float = 10.0,
    mmr: float | None = None,
) -> PositionBook:
    """A synthetic crowd of longs opened over recent days, for labs and benchmarks.

    Entries are spread log-normally around ``price`` (2% dispersion), sizes are
    Pareto-distributed (a few whales, many small traders; tail index 1.5, 1 to 10 000
    units), leverages log-normal around ``mean_leverage`` capped to ``[1.5, max_leverage]``
    and, for entries above ``price``, to what keeps the position open at ``price`` (its
    liquidation price at least 0.5% below): the crowd that survived the move to ``price``.
    Synthetic data, seeded; not a snapshot of any venue.

    Parameters
    ----------
    n : int
        Number of long positions, in [1, 1 000 000] (a million positions take about a second).
    price : float
        The current price (USD), in [1e-6, 1e9].
    seed : int
        Seed of ``numpy.random.default_rng``.
    max_leverage : float
        The venue's highest leverage, in [2, 200].
    mean_leverage : float
        Centre of the log-normal leverage, in [1.5, max_leverage].
    mmr : float or None
        Maintenance margin ratio, in [0, 0.5] and below ``1 / max_leverage`` (``None``: Hyperliquid's,
        :func:`hyperliquid_mmr`).

    >>> book = crowd_book(1000, seed=1)
    >>> len(book), bool((book.leverage <= 50).all()), bool((book.liquidation_prices() < 2000).all())
    (1000, True, True)
    """
    if mean_leverage > max_leverage:
        raise ValueError(
            f"mean_leverage must be at most max_leverage, got mean_leverage={mean_leverage:g}, "
            f"max_leverage={max_leverage:g}"
        )
    mmr = hyperliquid_mmr(max_leverage) if mmr is None else mmr
    if mmr >= 1.0 / max_leverage:
        raise ValueError(f"mmr must be below 1/max_leverage = {1.0 / max_leverage:g}, got {mmr:g}")
    rng = np.random.default_rng(seed)
    entry = price * np.exp(0.02 * rng.standard_normal(n))
    size = np.minimum((1.0 - rng.random(n)) ** (-1.0 / 1.5), 10_000.0)
    lev = np.clip(mean_leverage * np.exp(0.6 * rng.standard_normal(n) - 0.18), 1.5, max_leverage)
    # positions still open at ``price``: cap leverage so each liquidation price is at most 0.5% below it
    room = 1.0 - 0.995 * price * (1.0 - mmr) / entry
    lev = np.where(room > 0, np.minimum(lev, 1.0 / np.maximum(room, 1e-12)), lev)
    return PositionBook.from_leverage(1, size, entry, lev, mmr)


#: Hyperliquid's mainnet margin tiers (Docs, "Margin tiers", read November 2026): for each asset, rows of
#: (lower bound of the position's notional in USDC, maximum leverage from there on).
HYPERLIQUID_TIERS: dict[str, tuple[tuple[float, float], ...]] = {
    "BTC": ((0.0, 40.0), (150e6, 20.0)),
    "ETH": ((0.0, 25.0), (100e6, 15.0)),
    "SOL": ((0.0, 20.0), (70e6, 10.0)),
    "XRP": ((0.0, 20.0), (40e6, 10.0)),
}

_TIERS = v.RealMatrix()


def _tier_table(tiers: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lower bounds, maintenance rates, deductions) of a tier table, checked."""
    t = np.asarray(tiers, dtype=float)
    if (
        t.shape[1] != 2
        or t.shape[0] > 100
        or t[0, 0] != 0.0
        or np.any(t > 1e15)
        or np.any(np.diff(t[:, 0]) <= 0)
        or np.any(t[:, 1] < 1.0)
    ):
        raise ValueError(
            "tiers must be at most 100 rows (lower bound of notional, max leverage) with the first "
            f"bound 0, bounds increasing up to 1e15 and max leverage at least 1, got {v.describe(tiers)}"
        )
    lower, rate = t[:, 0], 0.5 / t[:, 1]
    deduction = np.concatenate([[0.0], np.cumsum(lower[1:] * np.diff(rate))])
    return lower, rate, deduction


@v.params(notional=v.Real(0.0, 1e15), tiers=_TIERS)
def tiered_maintenance_margin(notional: float, tiers: ArrayLike) -> float:
    """Hyperliquid's maintenance margin (USDC) of a position of ``notional`` USDC under margin ``tiers``.

    ``notional x mmr(n) - deduction(n)`` in the position's tier ``n``, with ``mmr(n) = 1 / (2 x max
    leverage(n))`` and ``deduction(n) = deduction(n-1) + lower(n) x (mmr(n) - mmr(n-1))``: continuous in
    ``notional`` (in [0, 1e15]). ``tiers`` is a table of rows (lower bound, max leverage), the first
    bound 0, such as ``HYPERLIQUID_TIERS["ETH"]``.

    >>> round(tiered_maintenance_margin(50e6, HYPERLIQUID_TIERS["ETH"]))     # 2% of 50 M
    1000000
    >>> round(tiered_maintenance_margin(300e6, HYPERLIQUID_TIERS["ETH"]))   # 300 M / 30 - 100 M x (1/30 - 1/50)
    8666667
    """
    lower, rate, deduction = _tier_table(tiers)
    n = int(np.searchsorted(lower, notional, side="right")) - 1
    return float(notional * rate[n] - deduction[n])


@dataclass(frozen=True)
class TieredLiquidation:
    """An isolated long under margin tiers.

    Attributes
    ----------
    max_leverage : float
        The most leverage the tier of the opening notional allows.
    maintenance_rate : float
        ``mmr`` of the tier the position is liquidated in.
    liquidation_price : float
        Price at which equity ``margin + size x (P - entry)`` meets the tiered maintenance margin.
    fall : float
        ``1 - liquidation_price / entry``, the fall that liquidates.
    """

    max_leverage: float
    maintenance_rate: float
    liquidation_price: float
    fall: float


@v.params(entry=v.Real(1e-9, 1e12), size=v.Real(1e-9, 1e12), leverage=v.Optional(v.Real(1.0, 1000.0)), tiers=_TIERS)
def tiered_liquidation_price(entry: float, size: float, leverage: float | None, tiers: ArrayLike) -> TieredLiquidation:
    """Liquidation price of an isolated long of ``size`` units opened at ``entry`` with ``leverage``, under tiers.

    The margin is ``size x entry / leverage`` (``leverage`` in [1, 1000], or ``None`` for the most the
    opening notional's tier allows), refused (``ValueError``) above the leverage that tier allows. Liquidation is where
    ``margin + size (P - entry) = size P mmr(n) -
    deduction(n)``, i.e. ``P = (entry - (margin + deduction(n)) / size) / (1 - mmr(n))`` for the tier ``n``
    that the notional ``size x P`` falls in.

    >>> r = tiered_liquidation_price(2000.0, 25_000.0, 25.0, HYPERLIQUID_TIERS["ETH"])   # 50 M, tier 1
    >>> r.max_leverage, round(r.liquidation_price, 2), round(r.fall, 4)
    (25.0, 1959.18, 0.0204)
    """
    lower, rate, deduction = _tier_table(tiers)
    notional = size * entry
    allowed = float(0.5 / rate[int(np.searchsorted(lower, notional, side="right")) - 1])
    if leverage is None:
        leverage = allowed
    if leverage > allowed:
        raise ValueError(
            f"leverage must be at most {allowed:g}, the maximum of the tier of a {notional:,.0f} "
            f"notional position, got {leverage:g}"
        )
    margin = notional / leverage
    for n in range(lower.size - 1, -1, -1):
        price = (entry - (margin + deduction[n]) / size) / (1.0 - rate[n])
        if size * price >= lower[n] or n == 0:
            price = max(price, 0.0)
            return TieredLiquidation(
                max_leverage=allowed,
                maintenance_rate=float(rate[n]),
                liquidation_price=float(price),
                fall=float(1.0 - price / entry),
            )
    raise AssertionError("unreachable: tier 0 starts at 0")
