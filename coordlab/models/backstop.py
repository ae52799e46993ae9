"""Perpetual venues' backstops: who pays when a liquidated position's margin does not cover its loss.

- :func:`auto_deleverage`: a perpetuals venue's backstop as BitMEX documents it: the
  insurance fund pays first; then auto-deleveraging (ADL) closes opposing positions, ranked
  by PnL percentage x effective leverage, at the bankrupt position's bankruptcy price.
  Returns a :class:`Deleveraging`.
- :func:`cover_deficit`: the course's earlier, stylised proxy (profit x leverage, taking profit
  itself), kept for comparison; it returns a :class:`DeficitCover`.

Amounts in USD, sizes in units of the contract's asset, prices in USD per unit (the course's units).

Sources
-------
- BitMEX, "What is Auto-Deleveraging?" (support.bitmex.com; ranking = PnL percentage x
  effective leverage, positions closed at the bankruptcy price of the liquidated order);
  Hyperliquid Docs, "Auto-deleveraging".

Split out of ``lending`` in 0.9 (issue 17: one job per module).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = ["DeficitCover", "cover_deficit", "Deleveraging", "auto_deleverage", "POSITIONS_MAX"]


@dataclass(frozen=True)
class DeficitCover:
    """Result of :func:`cover_deficit` (USD), the stylised proxy backstop.

    Attributes
    ----------
    from_fund : float
        USD the insurance fund pays.
    fund_left : float
        USD left in the fund.
    adl : ndarray
        USD of profit taken from each opposite position (input order).
    adl_total : float
        ``adl.sum()``.
    uncovered : float
        USD of deficit left when the profits run out.
    """

    from_fund: float
    fund_left: float
    adl: np.ndarray
    adl_total: float
    uncovered: float


@v.params(
    deficit=v.Real(0.0, 1e15),
    insurance_fund=v.Real(0.0, 1e15),
    profits=v.RealArray(-1e15, 1e15, ndim=1),
    leverage=v.RealArray(1.0, 1e4, ndim=1),
)
def cover_deficit(deficit: float, insurance_fund: float, profits: ArrayLike, leverage: ArrayLike) -> DeficitCover:
    """A stylised backstop (no venue's rule): the insurance fund first, then winners give up profit.

    Opposite-side positions with unrealised profit are ranked by profit in USD x leverage
    and give up profit itself in that order until the deficit is covered. Venues do
    neither: BitMEX ranks by PnL *percentage* x *effective* leverage and closes positions
    at the bankrupt order's bankruptcy price (see :func:`auto_deleverage`). Kept to show
    how far the proxy is from the rule.

    Parameters
    ----------
    deficit, insurance_fund : float
        USD, in [0, 1e15].
    profits, leverage : array_like
        Unrealised profit (USD, in [-1e15, 1e15]) and leverage (in [1, 1e4]) of each opposite position (1-D).

    Returns
    -------
    DeficitCover
        ``from_fund``, ``fund_left``, ``adl`` (USD taken from each position, in input order),
        ``adl_total`` and ``uncovered`` (deficit left when profits run out).

    >>> r = cover_deficit(100.0, 30.0, [50.0, 40.0, -5.0], [10.0, 2.0, 5.0])
    >>> r.from_fund, r.adl.tolist(), r.uncovered
    (30.0, [50.0, 20.0, 0.0], 0.0)
    """
    fund = insurance_fund
    profits, leverage = np.asarray(profits, dtype=float), np.asarray(leverage, dtype=float)  # (already arrays)
    if profits.shape != leverage.shape:
        raise ValueError(f"profits and leverage must be 1-D of one length, got {profits.shape} and {leverage.shape}")
    from_fund = min(deficit, fund)
    left = deficit - from_fund
    taken = np.zeros(profits.size)
    gain = np.maximum(profits, 0.0)
    for i in np.argsort(-(gain * leverage), kind="stable"):
        if left <= 0 or gain[i] <= 0:
            break
        taken[i] = min(gain[i], left)
        left -= taken[i]
    return DeficitCover(
        from_fund=from_fund,
        fund_left=fund - from_fund,
        adl=taken,
        adl_total=float(taken.sum()),
        uncovered=float(max(left, 0.0)),
    )


POSITIONS_MAX = 100_000


@dataclass(frozen=True)
class Deleveraging:
    """Result of :func:`auto_deleverage` (USD and units of the contract's asset).

    Attributes
    ----------
    ranking : ndarray
        Each opposing position's ADL score, PnL percentage x effective leverage (a loser's
        PnL percentage / effective leverage; ``-inf`` for a position with no equity or no size).
    from_fund : float
        USD the insurance fund pays (the price gap on the units it absorbs).
    fund_left : float
        USD left in the fund.
    closed : ndarray
        Units of each opposing position closed by ADL, at the bankruptcy price (input order).
    forgone : ndarray
        USD each gives up against closing at the mark: ``closed x (bankruptcy price - mark)``.
    realised : ndarray
        USD of profit each books on the units closed: ``closed x (entry - bankruptcy price)``.
    adl_total : float
        ``forgone.sum()``: the part of the deficit the winners carry.
    uncovered : float
        USD of deficit left when the opposing positions run out.
    """

    ranking: np.ndarray
    from_fund: float
    fund_left: float
    closed: np.ndarray
    forgone: np.ndarray
    realised: np.ndarray
    adl_total: float
    uncovered: float


@v.params(
    quantity=v.Real(0.0, 1e12),
    bankruptcy_price=v.Real(1e-6, 1e9),
    mark_price=v.Real(1e-6, 1e9),
    insurance_fund=v.Real(0.0, 1e15),
    sizes=v.RealArray(0.0, 1e12, ndim=1, max_size=POSITIONS_MAX),
    entry_prices=v.RealArray(1e-6, 1e9, ndim=1, max_size=POSITIONS_MAX),
    margins=v.RealArray(0.0, 1e15, ndim=1, max_size=POSITIONS_MAX),
)
def auto_deleverage(
    quantity: float,
    bankruptcy_price: float,
    mark_price: float,
    insurance_fund: float,
    sizes: ArrayLike,
    entry_prices: ArrayLike,
    margins: ArrayLike,
) -> Deleveraging:
    """Close a bankrupt long against the winning shorts, as BitMEX's auto-deleveraging (ADL) does.

    A liquidated long of ``quantity`` units could not be sold by the time the mark price fell
    to ``mark_price``, below its bankruptcy price (where its margin is exhausted): each unit
    sold at the mark loses ``bankruptcy_price - mark_price``. The insurance fund pays that gap
    on as many units as it can. The rest are closed against opposing shorts **at the
    bankruptcy price** of the liquidated order, in the order of BitMEX's ranking:

    ``PnL% x effective leverage`` (``PnL% / effective leverage`` for a loser), with
    ``PnL% = (entry - mark) / entry`` for a short and ``effective leverage = mark value /
    equity``, ``equity = margin + size x (entry - mark)``.

    A short closed this way buys back at the bankruptcy price instead of the mark: it gives up
    that gap on the units closed (and its position), not its profit, which it books at the
    bankruptcy price. ``sizes`` (units, in [0, 1e12]), ``entry_prices`` (USD, in [1e-6, 1e9])
    and ``margins`` (USD of collateral, in [0, 1e15]) describe the shorts, one entry each (at
    most 100,000). A bankruptcy price at or below the mark leaves nothing to cover.

    Simplifications: one contract, linear (USD-margined), isolated margin; the fund pays the
    gap per unit, where a venue's fund absorbs what its liquidation engine loses in the market.

    >>> r = auto_deleverage(100.0, 105.0, 100.0, 100.0, sizes=[50.0, 200.0], entry_prices=[110.0, 120.0],
    ...                     margins=[1100.0, 2400.0])
    >>> r.ranking.round(3).tolist()            # the second short ranks first: 1/6 x 3.125 against 1/11 x 3.125
    [0.284, 0.521]
    >>> r.from_fund, r.closed.tolist(), r.forgone.tolist()     # the fund covers 20 units; 80 are closed at 105
    (100.0, [0.0, 80.0], [0.0, 400.0])
    """
    sizes, entry_prices, margins = (np.asarray(a, dtype=float) for a in (sizes, entry_prices, margins))
    n = sizes.size
    if entry_prices.shape != (n,) or margins.shape != (n,):
        raise ValueError(
            f"sizes, entry_prices and margins must be 1-D of one length, got {sizes.shape}, "
            f"{entry_prices.shape} and {margins.shape}"
        )
    gap = max(bankruptcy_price - mark_price, 0.0)
    deficit = quantity * gap
    from_fund = min(deficit, insurance_fund)
    pnl = (entry_prices - mark_price) / entry_prices
    equity = margins + sizes * (entry_prices - mark_price)
    live = (equity > 0) & (sizes > 0)
    leverage = np.where(live, sizes * mark_price / np.where(live, equity, 1.0), 1.0)
    ranking = np.where(live, np.where(pnl > 0, pnl * leverage, pnl / leverage), -np.inf)
    closed = np.zeros(n)
    left = (deficit - from_fund) / gap if gap > 0 else 0.0
    for i in np.argsort(-ranking, kind="stable"):
        if left <= 0 or not live[i]:
            break
        closed[i] = min(sizes[i], left)
        left -= closed[i]
    forgone = closed * gap
    return Deleveraging(
        ranking=ranking,
        from_fund=float(from_fund),
        fund_left=float(insurance_fund - from_fund),
        closed=closed,
        forgone=forgone,
        realised=closed * (entry_prices - bankruptcy_price),
        adl_total=float(forgone.sum()),
        uncovered=float(max(left, 0.0) * gap),
    )
