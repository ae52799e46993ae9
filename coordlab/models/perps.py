"""Leveraged perpetual positions: liquidation prices, a book of positions and its liquidation ladder.

**Isolated-margin linear perpetual** (DOMAIN.md §5). A long of ``Q`` contracts opened
at ``P0`` with margin ``M = Q P0 / L`` has equity ``M + Q (P - P0)`` at price ``P``; it
is liquidated when equity falls to the maintenance margin ``mmr Q P``, at

    ``P_liq = P0 (1 - 1/L) / (1 - mmr)``      (a short: ``P0 (1 + 1/L) / (1 + mmr)``).

This is Hyperliquid's documented formula ``liq_price = price - side x margin_available
/ position_size / (1 - l x side)`` with ``margin_available = margin - mmr x notional``
and ``l = mmr`` (:meth:`PositionBook.liquidation_prices` computes it that way and the
tests check the two agree). On Hyperliquid the maintenance margin is half the initial
margin at the asset's maximum leverage: 1% for a 50x asset (:func:`hyperliquid_mmr`).

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
  max leverage, 1% to 16.7%; the liquidation-price formula; backstop liquidation below
  2/3 of the maintenance margin), hyperliquid.gitbook.io, read November 2026.
- DOMAIN.md §5 (the derived liquidation price).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from coordlab import _validate as v

__all__ = ["liquidation_price", "hyperliquid_mmr", "liquidation_probability", "PositionBook", "crowd_book"]

SIDES = ("long", "short")


def _normal_cdf(z):
    """Standard normal CDF, elementwise (math.erfc; no scipy)."""
    return 0.5 * np.asarray(_ERFC(-np.asarray(z, dtype=float) / math.sqrt(2.0)), dtype=float)


_ERFC = np.frompyfunc(math.erfc, 1, 1)


def liquidation_price(entry, leverage, mmr: float, side: str = "long"):
    """Liquidation price of an isolated-margin perpetual: ``P0 (1 - 1/L)/(1 - mmr)`` (long).

    ``entry`` and ``leverage`` may be arrays (broadcast together).

    Parameters
    ----------
    entry : float or array
        Entry price ``P0`` > 0.
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
    side = v.choice("side", side, SIDES)
    entry = v.real_array("entry", entry, low=0.0, low_open=True, high=1e12)
    leverage = v.real_array("leverage", leverage, low=1.0, high=1000.0)
    mmr = v.real("mmr", mmr, low=0.0, high=0.5)
    if np.any(mmr >= 1.0 / leverage):
        raise ValueError(f"mmr must be below the initial margin 1/leverage (else the position is liquidated at "
                         f"once), got mmr={mmr:g} with leverage up to {float(np.max(leverage)):g}")
    if side == "long":
        out = entry * (1.0 - 1.0 / leverage) / (1.0 - mmr)
    else:
        out = entry * (1.0 + 1.0 / leverage) / (1.0 + mmr)
    return float(out) if out.ndim == 0 else out


def hyperliquid_mmr(max_leverage: float) -> float:
    """Hyperliquid's maintenance margin rate: half the initial margin at the asset's max leverage.

    >>> hyperliquid_mmr(50), hyperliquid_mmr(25), round(hyperliquid_mmr(3), 4)
    (0.01, 0.02, 0.1667)
    """
    max_leverage = v.real("max_leverage", max_leverage, low=1.0, high=1000.0)
    return 0.5 / max_leverage


def liquidation_probability(distance, sigma: float, hours) -> np.ndarray | float:
    """Chance that a driftless GBM price falls by ``distance`` (a fraction) within ``hours``.

    ``distance`` and ``hours`` may be arrays (broadcast). ``sigma`` is annual volatility
    (a year = 8 760 hours).

    >>> round(liquidation_probability(0.0101, sigma=0.8, hours=24), 3)   # 50x long, one day
    0.813
    """
    d = v.real_array("distance", distance, low=0.0, low_open=True, high=1.0, high_open=True)
    sigma = v.real("sigma", sigma, low=0.0, low_open=True, high=20.0)
    h = v.real_array("hours", hours, low=0.0, low_open=True, high=1e6)
    T = h / 8760.0
    a = np.log1p(-d)
    m = -0.5 * sigma**2
    root = sigma * np.sqrt(T)
    Phi = _normal_cdf
    out = Phi((a - m * T) / root) + np.exp(2.0 * m * a / sigma**2) * Phi((a + m * T) / root)
    out = np.clip(out, 0.0, 1.0)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True, eq=False)
class PositionBook:
    """A set of isolated-margin perpetual positions (the crowd), held as arrays.

    Attributes
    ----------
    side : ndarray of int
        +1 long, -1 short.
    size : ndarray
        Contracts (units of the asset), > 0.
    entry : ndarray
        Entry prices, > 0.
    margin : ndarray
        Isolated margin (USD), > 0.
    mmr : float
        Maintenance margin rate of the venue.

    Build one with :meth:`from_leverage` (or :func:`crowd_book`); the constructor
    validates every array.
    """

    side: np.ndarray
    size: np.ndarray
    entry: np.ndarray
    margin: np.ndarray
    mmr: float

    def __post_init__(self):
        side = np.asarray(self.side)
        if side.ndim != 1 or side.size == 0 or not np.isin(side, (-1, 1)).all():
            raise ValueError("side must be a non-empty 1-D array of +1 (long) and -1 (short)")
        n = side.size
        size = v.real_array("size", self.size, low=0.0, low_open=True, high=1e12)
        entry = v.real_array("entry", self.entry, low=0.0, low_open=True, high=1e12)
        margin = v.real_array("margin", self.margin, low=0.0, low_open=True, high=1e15)
        for name, arr in (("size", size), ("entry", entry), ("margin", margin)):
            if arr.shape != (n,):
                raise ValueError(f"{name} must have the shape of side, ({n},); got {arr.shape}")
        mmr = v.real("mmr", self.mmr, low=0.0, high=0.5)
        if np.any(margin <= mmr * size * entry):
            raise ValueError("every margin must exceed the maintenance margin mmr x size x entry "
                             "(a position below it is liquidated at once)")
        for name, arr in (("side", side.astype(np.int8)), ("size", size), ("entry", entry), ("margin", margin)):
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        object.__setattr__(self, "mmr", mmr)

    @classmethod
    def from_leverage(cls, side, size, entry, leverage, mmr: float) -> "PositionBook":
        """Positions opened at ``leverage`` (margin = notional / leverage); arrays broadcast.

        ``side`` is "long", "short", +1 or -1 (or an array of them).
        """
        raw = np.atleast_1d(np.asarray(side, dtype=object))
        try:
            s = np.array([{"long": 1, "short": -1, 1: 1, -1: -1}[x] for x in raw], dtype=np.int8)
        except (KeyError, TypeError):
            raise ValueError(f"side must be 'long', 'short', 1 or -1 (or an array of them), got {side!r}") from None
        size = v.real_array("size", size, low=0.0, low_open=True, high=1e12)
        entry = v.real_array("entry", entry, low=0.0, low_open=True, high=1e12)
        leverage = v.real_array("leverage", leverage, low=1.0, high=1000.0)
        try:
            s, size, entry, leverage = np.broadcast_arrays(s, size, entry, leverage)
        except ValueError:
            raise ValueError("side, size, entry and leverage must have broadcastable shapes") from None
        s, size, entry, leverage = (np.ravel(a) for a in (s, size, entry, leverage))
        return cls(s.copy(), size.copy(), entry.copy(), size * entry / leverage, mmr)

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

    def equity(self, price: float) -> np.ndarray:
        """Each position's equity at ``price``: ``margin + side x size x (price - entry)``."""
        price = v.real("price", price, low=0.0, low_open=True, high=1e12)
        return self.margin + self.side * self.size * (price - self.entry)

    def liquidation_prices(self) -> np.ndarray:
        """Hyperliquid's formula, ``entry - side x margin_available / size / (1 - mmr x side)``, floored at 0."""
        available = self.margin - self.mmr * self.notional
        return np.maximum(self.entry - self.side * available / self.size / (1.0 - self.mmr * self.side), 0.0)

    def liquidated(self, price: float) -> np.ndarray:
        """Mask of positions liquidatable at ``price`` (equity at or below the maintenance margin)."""
        price = v.real("price", price, low=0.0, low_open=True, high=1e12)
        return self.equity(price) <= self.mmr * self.size * price

    def ladder(self, side: str = "long") -> tuple[np.ndarray, np.ndarray]:
        """The liquidation ladder of one side: liquidation prices in the order a move reaches them, and cumulative size.

        Longs are returned from the highest liquidation price down (a falling price
        reaches them in that order), shorts from the lowest up.
        """
        side = v.choice("side", side, SIDES)
        mask = self.side == (1 if side == "long" else -1)
        prices = self.liquidation_prices()[mask]
        order = np.argsort(-prices if side == "long" else prices, kind="stable")
        return prices[order], np.cumsum(self.size[mask][order])


def crowd_book(n: int = 10_000, price: float = 2000.0, seed: int = 0, max_leverage: float = 50.0,
               mean_leverage: float = 10.0, mmr: float | None = None) -> PositionBook:
    """A synthetic crowd of longs opened over recent days, for labs and benchmarks.

    Entries are spread log-normally around ``price`` (2% dispersion), sizes are
    Pareto-distributed (a few whales, many small traders; tail index 1.5, 1 to 10 000
    units), leverages log-normal around ``mean_leverage`` capped to ``[1.5, max_leverage]``
    and, for entries above ``price``, to what keeps the position open at ``price`` (its
    liquidation price at least 0.5% below): the crowd that survived the move to ``price``.
    Synthetic data, seeded; not a snapshot of any venue.

    >>> book = crowd_book(1000, seed=1)
    >>> len(book), bool((book.leverage <= 50).all()), bool((book.liquidation_prices() < 2000).all())
    (1000, True, True)
    """
    n = v.integer("n", n, low=1, high=10_000_000)
    price = v.real("price", price, low=0.0, low_open=True, high=1e9)
    seed = v.integer("seed", seed, low=0)
    max_leverage = v.real("max_leverage", max_leverage, low=2.0, high=200.0)
    mean_leverage = v.real("mean_leverage", mean_leverage, low=1.5, high=max_leverage)
    mmr = hyperliquid_mmr(max_leverage) if mmr is None else v.real("mmr", mmr, low=0.0, high=0.5)
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
