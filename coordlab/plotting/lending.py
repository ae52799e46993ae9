"""Figures for notebook 09 (capital coordination): rate curves, the Morpho incentive, and the parameter-sync
sandbox.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["rate_curves_figure", "SyncFigure", "sync_figure"]

_NOTE: dict[str, Any] = dict(
    ha="right", va="top", fontsize=9, bbox=dict(facecolor="white", edgecolor="#cccccc", boxstyle="round,pad=0.3")
)
CATEGORIES = ("A's lenders: bad debt", "A's borrowers: penalties", "B's lenders: bad debt", "B's borrowers: penalties")


CURVES_MAX, POINTS_MAX = 8, 100_000


def _curves(value: object, n: int) -> dict[str, np.ndarray]:
    """``curves``: a non-empty dict of at most 8 label -> rates, each rate in [0, 100] a year, ``n`` of them."""
    if not isinstance(value, dict) or not value:
        raise TypeError(
            f"curves must be a non-empty dict of label -> rates (fractions a year), got "
            f"{type(value).__name__}{' (empty)' if isinstance(value, dict) else ''}"
        )
    if len(value) > CURVES_MAX:
        raise ValueError(f"curves must have at most {CURVES_MAX} curves, got {len(value)}")
    rates = {}
    for k, r in value.items():
        label = str(k)
        arr = v.real_array(f"curves[{label[:40]!r}]", r, low=0.0, high=100.0)
        if arr.shape != (n,):
            raise ValueError(
                f"curves: every curve must have the shape of usage ({n},), got {arr.shape} for {label[:40]!r}"
            )
        rates[label] = arr
    return rates


@v.params(
    usage=v.RealArray(0.0, 1.0, ndim=1, max_size=POINTS_MAX),
    curves=v.Checked(f"a non-empty dict of at most {CURVES_MAX} label -> rates in [0, 100] a year, one per usage"),
    lltv=v.Optional(v.RealArray(0.0, 1.0, ndim=1, max_size=POINTS_MAX)),
    lif=v.Optional(v.RealArray(1.0, 2.0, ndim=1, max_size=POINTS_MAX)),
)
def rate_curves_figure(
    usage: ArrayLike,
    curves: dict[Any, ArrayLike],
    lltv: ArrayLike | None = None,
    lif: ArrayLike | None = None,
) -> Figure:
    """Borrow rates against utilisation for several models (left) and, optionally, Morpho's LIF against LLTV
    (right).

    ``usage`` is 1-D in [0, 1] (at most 100,000 points); ``curves`` maps at most 8 labels to
    borrow rates (fractions a year, in [0, 100]) of the shape of ``usage``; ``lltv`` (in [0, 1])
    and ``lif`` (factors in [1, 2]) are given together, 1-D of one length, or both left out.

    >>> fig = rate_curves_figure([0.0, 0.5, 1.0], {"a": [0.0, 0.1, 0.5]}, lltv=[0.5, 0.9], lif=[1.15, 1.03])
    >>> len(fig.axes)
    2
    """
    usage = np.asarray(usage)  # (arrays already: checked by v.params)
    rates = _curves(curves, usage.size)
    if (lltv is None) != (lif is None):
        raise ValueError("lltv and lif must be given together (or both left out)")
    lltvs, lifs = np.asarray(lltv if lltv is not None else ()), np.asarray(lif if lif is not None else ())
    with_lif = lltv is not None
    if with_lif and lltvs.shape != lifs.shape:
        raise ValueError(f"lltv and lif must be 1-D of one length, got {lltvs.shape} and {lifs.shape}")
    fig, axes = new_figure(10.0 if with_lif else 7.0, 3.8, ncols=2 if with_lif else 1)
    ax = axes[0]
    for i, (label, r) in enumerate(rates.items()):
        ax.plot(
            100 * usage,
            100 * r,
            color=PALETTE[("blue", "vermillion", "green", "orange")[i % 4]],
            ls=LINESTYLES[i % 4],
            label=label,
        )
    ax.set_xlim(0, 100)
    top = float(max(r.max() for r in rates.values()))
    ax.set_ylim(0, top * 105 if top > 0 else 1.0)
    ax.set_xlabel("utilisation (% of supplied funds borrowed)")
    ax.set_ylabel("borrow rate (% a year)")
    ax.legend(loc="upper left", fontsize=9)
    if with_lif:
        right = axes[1]
        right.plot(
            100 * lltvs,
            100 * (lifs - 1),
            color=PALETTE["purple"],
            ls=LINESTYLES[0],
            marker=MARKERS[0],
            ms=3,
            markevery=10,
            label="Morpho Blue incentive",
        )
        right.axhline(15, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.2, label="cap: 15%")
        lo, hi = float(100 * lltvs.min()), float(100 * lltvs.max())
        right.set_xlim(lo, hi if hi > lo else lo + 1.0)
        right.set_ylim(0, 16.5)
        right.set_xlabel("liquidation LTV of the market (LLTV, %)")
        right.set_ylabel("liquidation incentive (% bonus)")
        right.legend(loc="lower left", fontsize=9)
    return fig


class SyncFigure(LiveFigure):
    """Left: the price wave by wave, B as set against B synced with A. Right: who pays, in million USD."""

    def __init__(
        self, *, price: float = 2000.0, waves: int = 25, max_musd: float = 12.0, price_low: float = 0.0
    ) -> None:
        self.fig, (left, right) = new_figure(10.5, 4.4, ncols=2)
        (self.path,) = left.plot(
            [],
            [],
            color=PALETTE["vermillion"],
            ls=LINESTYLES[0],
            marker=MARKERS[0],
            ms=4,
            label="market B as you set it",
        )
        (self.synced,) = left.plot(
            [],
            [],
            color=PALETTE["blue"],
            ls=LINESTYLES[1],
            marker=MARKERS[1],
            ms=4,
            label="market B with A's parameters",
        )
        self.note = left.text(0.98, 0.97, "", transform=left.transAxes, **_NOTE)
        left.set_xlim(-0.5, waves)
        left.set_ylim(price_low, price * 1.02)
        left.set_xlabel("step (0 = after the shock, then liquidation waves); stylised borrowers")
        left.set_ylabel("collateral price (USD)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        y = np.arange(len(CATEGORIES))
        self.bars = right.barh(
            y + 0.2,
            np.zeros(len(y)),
            height=0.38,
            color=PALETTE["vermillion"],
            edgecolor="black",
            label="B as you set it",
        )
        self.base = right.barh(
            y - 0.2,
            np.zeros(len(y)),
            height=0.38,
            color="white",
            linewidth=1.5,
            edgecolor=PALETTE["blue"],
            label="B with A's parameters",
        )
        right.set_yticks(y, CATEGORIES, fontsize=9)
        right.invert_yaxis()
        right.set_xlim(0, max_musd)
        right.set_xlabel("million USD")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.max = max_musd
        self.dynamic = [self.path, self.synced, self.note, *self.bars.patches, *self.base.patches]
        self.freeze()

    def update(
        self,
        *,
        prices_usd: Sequence[float] | np.ndarray,
        synced_prices_usd: Sequence[float] | np.ndarray,
        costs_musd: Sequence[float] | np.ndarray,
        synced_costs_musd: Sequence[float] | np.ndarray,
        note: str = "",
    ) -> Figure:
        """Draw a crash: the price (USD) before and after each wave, with B as set and with B synced with A, and
        the four costs of ``CATEGORIES`` (million USD) for each.
        """
        self.path.set_data(np.arange(len(prices_usd)), prices_usd)
        self.synced.set_data(np.arange(len(synced_prices_usd)), synced_prices_usd)
        self.note.set_text(note)
        for bar, base, val, ref in zip(self.bars.patches, self.base.patches, costs_musd, synced_costs_musd):
            bar.set_width(min(val, self.max))  # the exact values are in the lab's summary
            base.set_width(min(ref, self.max))
        return self.fig


@v.params(
    prices=v.RealArray(0.0, 1e12, ndim=1, max_size=POINTS_MAX),
    synced_prices=v.RealArray(0.0, 1e12, ndim=1, max_size=POINTS_MAX),
    values_musd=v.RealArray(0.0, 1e9, ndim=1),
    synced_musd=v.RealArray(0.0, 1e9, ndim=1),
    note=v.Text(0, 500),
)
def sync_figure(
    prices: ArrayLike, synced_prices: ArrayLike, values_musd: ArrayLike, synced_musd: ArrayLike, note: str = ""
) -> Figure:
    """The sandbox's two panels with axes fitted to one result (the static figure before the lab).

    The lab keeps fixed axes wide enough for every slider setting (price 0 to 2,040, 25 waves,
    12 M USD), which squashes any one result; this figure fits them: the price axis from just
    below the lowest price to just above the highest, the waves shown, the bars' longest value.
    ``prices`` and ``synced_prices`` are the price paths (USD, 1-D, non-empty), ``values_musd`` and
    ``synced_musd`` the four costs in million USD (lenders' bad debt and borrowers' penalties in
    A, then in B).

    >>> fig = sync_figure([1800.0, 1700.0], [1800.0, 1750.0], [0.0, 0.5, 0.2, 1.2], [0.0, 0.3, 0.0, 0.4])
    >>> round(fig.axes[0].get_ylim()[0]), round(float(fig.axes[1].get_xlim()[1]), 2)
    (1690, 1.32)
    """
    prices, synced_prices = np.asarray(prices), np.asarray(synced_prices)  # (arrays already: checked by v.params)
    values_musd, synced_musd = np.asarray(values_musd), np.asarray(synced_musd)
    if prices.size == 0 or synced_prices.size == 0:
        raise ValueError("prices and synced_prices must be non-empty price paths")
    if values_musd.shape != (len(CATEGORIES),) or synced_musd.shape != (len(CATEGORIES),):
        raise ValueError(
            f"values_musd and synced_musd must hold {len(CATEGORIES)} costs each, got "
            f"{values_musd.shape} and {synced_musd.shape}"
        )
    lo = float(min(prices.min(), synced_prices.min()))
    hi = float(max(prices.max(), synced_prices.max()))
    pad = max(0.1 * (hi - lo), 0.005 * hi, 1e-9)
    top = float(max(values_musd.max(), synced_musd.max()))
    figure = SyncFigure(
        price=(hi + pad) / 1.02,
        waves=max(prices.size, synced_prices.size),
        max_musd=1.1 * top if top > 0 else 1.0,
        price_low=max(lo - pad, 0.0),
    )
    return figure.update(
        prices_usd=prices,
        synced_prices_usd=synced_prices,
        costs_musd=values_musd,
        synced_costs_musd=synced_musd,
        note=note,
    )
