"""Figures for notebook 08 (algorithmic feedback loops): the cascade's step function and waves, a flash crash, a
stress
map.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["CascadeFigure", "FlashCrashFigure", "stress_figure"]

_NOTE: dict[str, Any] = dict(
    ha="right", va="top", fontsize=9, bbox=dict(facecolor="white", edgecolor="#cccccc", boxstyle="round,pad=0.3")
)


class CascadeFigure(LiveFigure):
    """Left: share of long notional liquidated against the shock (a step function). Right: the price wave by wave."""

    def __init__(self, *, max_shock: float = 10_000.0, price: float = 2000.0, waves: int = 25) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        (self.curve,) = left.plot(
            [],
            [],
            color=PALETTE["blue"],
            ls=LINESTYLES[0],
            drawstyle="steps-post",
            label="liquidated, % of long notional",
        )
        self.tip = left.axvline(0, color=PALETTE["black"], ls=LINESTYLES[1], lw=1.5, label="tipping shock (exact)")
        (self.point,) = left.plot(
            [], [], ls="none", marker=MARKERS[1], ms=9, color=PALETTE["vermillion"], label="your shock"
        )
        left.set_xlim(0, max_shock)
        left.set_ylim(0, 102)
        left.set_xlabel("shock: asset sold into the pool (ETH)")
        left.set_ylabel("positions liquidated (% of notional)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        (self.path,) = right.plot(
            [],
            [],
            color=PALETTE["vermillion"],
            ls=LINESTYLES[1],
            marker=MARKERS[0],
            ms=5,
            label="price after the shock, then each wave",
        )
        right.axhline(price, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.2, label="price before")
        self.note = right.text(0.98, 0.03, "", transform=right.transAxes, **{**_NOTE, "va": "bottom"})
        right.set_xlim(-0.5, waves)
        right.set_ylim(0, price * 1.05)
        right.set_xlabel("step (0 = before, 1 = the shock, then liquidation waves)")
        right.set_ylabel("price (USD per ETH)")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.curve, self.tip, self.point, self.path, self.note]
        self.freeze()

    def update(
        self,
        *,
        shocks_eth: ArrayLike,
        liquidated_pct: ArrayLike,
        tipping_shock_eth: float,
        my_shock_eth: float,
        my_liquidated_pct: float,
        prices_usd: ArrayLike,
        note: str = "",
    ) -> Figure:
        """Draw a result: the share of long notional liquidated (%) against the shock (ETH sold into the pool),
        the tipping shock and yours marked, and the price (USD per ETH) before, after the shock and after each
        wave.
        """
        self.curve.set_data(shocks_eth, liquidated_pct)
        self.tip.set_xdata([tipping_shock_eth, tipping_shock_eth])
        self.point.set_data([my_shock_eth], [my_liquidated_pct])
        prices = np.asarray(prices_usd)
        self.path.set_data(np.arange(len(prices)), prices)
        self.note.set_text(note)
        return self.fig


class FlashCrashFigure(LiveFigure):
    """Left: price by minute. Right: the seller's progress and the market makers' depth, in % of their full size."""

    def __init__(self, minutes: int = 120) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        (self.price,) = left.plot([], [], color=PALETTE["vermillion"], ls=LINESTYLES[0], label="price")
        (self.done,) = left.plot(
            [], [], ls="none", marker=MARKERS[2], ms=10, color=PALETTE["black"], label="the sale is complete"
        )
        left.axhline(1.0, color="#888888", ls=LINESTYLES[2], lw=1.0)
        left.set_xlim(0, minutes)
        left.set_ylim(0, 1.05)
        left.set_xlabel("minute")
        left.set_ylabel("price (start = 1)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        (self.sold,) = right.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[1], label="seller's order done")
        (self.depth,) = right.plot([], [], color=PALETTE["green"], ls=LINESTYLES[3], label="market makers' depth")
        self.note = right.text(0.98, 0.5, "", transform=right.transAxes, **_NOTE)
        right.set_xlim(0, minutes)
        right.set_ylim(0, 105)
        right.set_xlabel("minute")
        right.set_ylabel("% of the order / of normal depth")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.price, self.done, self.sold, self.depth, self.note]
        self.freeze()

    def update(
        self,
        *,
        minutes: ArrayLike,
        price: ArrayLike,
        completed_minute: int | None,
        sold_pct: ArrayLike,
        depth_pct: ArrayLike,
        note: str = "",
    ) -> Figure:
        """Draw a crash: the price (start = 1) by minute, the minute the sale completed (``None``: not within
        the run), the seller's order done and the market makers' depth, each in % of its full size.
        """
        prices = np.asarray(price)
        self.price.set_data(minutes, prices)
        if completed_minute is None:
            self.done.set_data([], [])
        else:
            self.done.set_data([completed_minute], [prices[completed_minute]])
        self.sold.set_data(minutes, sold_pct)
        self.depth.set_data(minutes, depth_pct)
        self.note.set_text(note)
        return self.fig


# the sizes of cascade.stress_test's grid (at most 1,000 params, 100,000 shocks, 2 million cells)
PARAMS_MAX, SHOCKS_MAX, CELLS_MAX, SHOCK_MAX = 1000, 100_000, 2_000_000, 1e15


def _tipping(value: object, n: int) -> np.ndarray:
    """``tipping``: one shock per param, each in [0, 1e15] or ``inf``."""
    bad = TypeError(f"tipping must be an array of shocks (inf where a param never tips), got {type(value).__name__}")
    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None:
        raise bad
    if np.ma.isMaskedArray(value) and np.ma.getmaskarray(value).any():
        raise TypeError("tipping must not have masked values")
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged nested lists and the like
        raise bad from exc
    if arr.dtype.kind not in "iuf":
        raise bad
    arr = arr.astype(float)
    if arr.shape != (n,):
        raise ValueError(f"tipping must have one value per entry of param_values, shape ({n},); got {arr.shape}")
    if np.isnan(arr).any():
        raise ValueError("tipping must not contain NaN (use inf where a parameter never tips)")
    if np.any(arr < 0) or np.any((arr > SHOCK_MAX) & np.isfinite(arr)):
        raise ValueError(
            f"tipping must hold shocks in [0, {SHOCK_MAX:g}] or inf, got values from {arr.min():g} to {arr.max():g}"
        )
    return arr


@v.params(
    param_values=v.RealArray(-1e15, 1e15, ndim=1, max_size=PARAMS_MAX),
    shocks=v.RealArray(0.0, SHOCK_MAX, ndim=1, max_size=SHOCKS_MAX),
    share=v.RealArray(0.0, 1.0, max_size=CELLS_MAX),
    tipping=v.Checked("one shock per param, each in [0, 1e15] or inf where it never tips"),
    param_label=v.Text(0, 200),
    title=v.Text(0, 200),
)
def stress_figure(
    param_values: ArrayLike,
    shocks: ArrayLike,
    share: ArrayLike,
    tipping: ArrayLike,
    param_label: str = "pool depth (million USD per side)",
    title: str = "",
) -> Figure:
    """A stress map: share of long notional liquidated over (shock, parameter), with the exact tipping shocks
    marked.

    Takes :func:`coordlab.models.cascade.stress_test`'s grid: ``param_values`` (1-D, at most 1,000
    values in [-1e15, 1e15]), ``shocks`` (1-D, at most 100,000 values in [0, 1e15]), ``share`` of
    shape ``(len(param_values), len(shocks))`` with values in [0, 1], ``tipping`` one shock per param
    (``inf`` where it never tips), an axis label and an optional title (say, "synthetic crowd"), each of at
    most 200 characters.

    >>> fig = stress_figure([1.0, 2.0], [0.0, 1.0, 2.0], [[0, 0.5, 1], [0, 0, 1]], [0.5, float("inf")])
    >>> [float(x) for x in fig.axes[0].get_xlim()]
    [0.0, 2.0]
    """
    param_values, shocks = np.asarray(param_values), np.asarray(shocks)  # (arrays already: checked by v.params)
    tips = _tipping(tipping, param_values.size)
    share = np.atleast_2d(share)
    if share.shape != (param_values.size, shocks.size):
        raise ValueError(
            f"share must have shape (len(param_values), len(shocks)) = {(param_values.size, shocks.size)}, "
            f"got {share.shape}"
        )
    fig, (ax,) = new_figure(7.0, 4.0)
    mesh = ax.pcolormesh(shocks, param_values, 100 * share, cmap="viridis", vmin=0, vmax=100, shading="nearest")
    fig.colorbar(mesh, ax=ax, label="liquidated (% of long notional)")
    ok = np.isfinite(tips) & (tips <= shocks.max())
    ax.plot(
        tips[ok],
        param_values[ok],
        ls=LINESTYLES[1],
        color="white",
        lw=1.5,
        marker=MARKERS[3],
        ms=5,
        markeredgecolor=PALETTE["black"],
        label="tipping shock (exact)",
    )
    lo, hi = float(shocks.min()), float(shocks.max())
    ax.set_xlim(lo, hi if hi > lo else lo + 1.0)
    ax.set_xlabel("shock: asset sold into the pool (ETH)")
    ax.set_ylabel(param_label)
    ax.legend(loc="upper right", fontsize=9)
    if title:
        ax.set_title(title, fontsize=10)
    return fig
