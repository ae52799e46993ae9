"""Figures for notebook 06 (liquidity traps): the LP-withdrawal spiral and Terra's death spiral.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

import math

from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator
from numpy.typing import ArrayLike

from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["LiquidityTrapFigure", "TerraFigure"]

_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _decades(axis: Axis) -> None:
    """A log axis labelled at each power of ten as plain text ("10⁻⁴"), without minor ticks.

    Matplotlib's default log ticks (a mathtext label per decade and nine minor ticks per
    decade) cost about two seconds to lay out on these 8- and 5-decade axes; this costs a tenth.
    """
    axis.set_major_locator(LogLocator(base=10.0, numticks=12))
    axis.set_major_formatter(FuncFormatter(lambda y, _: "10" + str(round(math.log10(y))).translate(_SUPERSCRIPT)))
    axis.set_minor_locator(NullLocator())


class LiquidityTrapFigure(LiveFigure):
    """Left: pool depth over time against the critical depth. Right: depth as a price, the price a 1 M sale leaves."""

    def __init__(self, periods: int = 40, depth_max: float = 100.0) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        (self.depth,) = left.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="pool depth")
        self.critical = left.axhline(
            20,
            color=PALETTE["black"],
            ls=LINESTYLES[1],
            lw=1.5,
            label="critical depth L* (below it the loop runs away)",
        )
        left.axvline(5, color="#888888", ls=LINESTYLES[2], lw=1.0, label="the sell shock (day 5)")
        self.note = left.text(
            0.98,
            0.97,
            "",
            transform=left.transAxes,
            ha="right",
            va="top",
            fontsize=9,
            bbox=dict(facecolor="white", edgecolor="#cccccc", boxstyle="round,pad=0.3"),
        )
        left.set_xlim(0, periods)
        left.set_ylim(0, depth_max)
        left.set_xlabel("day")
        left.set_ylabel("pool depth (million USD)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        (self.peg,) = right.plot(
            [],
            [],
            color=PALETTE["vermillion"],
            ls=LINESTYLES[0],
            marker=MARKERS[1],
            ms=3,
            label="price after a 1 M USD sale",
        )
        right.axhline(
            1.0, color=PALETTE["black"], ls=LINESTYLES[1], lw=1.2, label="the pool's price before the sale, 1.00"
        )
        right.set_xlim(0, periods)
        right.set_ylim(0, 1.05)
        right.set_xlabel("day")
        right.set_ylabel("price after the sale (USD per token)")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        self.dynamic = [self.critical, self.depth, self.peg, self.note]
        self.freeze()

    def update(
        self,
        *,
        days: ArrayLike,
        depth_musd: ArrayLike,
        price_after_sale: ArrayLike,
        critical_depth_musd: float,
        note: str = "",
    ) -> Figure:
        """Draw a spiral: the pool's depth (million USD) by day against the critical depth, and the price a
        1 M USD sale would leave in the pool each day (start = 1).
        """
        self.note.set_text(note)
        self.depth.set_data(days, depth_musd)
        self.critical.set_ydata([critical_depth_musd, critical_depth_musd])
        self.peg.set_data(days, price_after_sale)
        return self.fig


class TerraFigure(LiveFigure):
    """LUNA's price and supply (log scales) over the days of a run on UST."""

    def __init__(self, hours: int = 120) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        (self.price,) = left.plot([], [], color=PALETTE["vermillion"], ls=LINESTYLES[0], label="LUNA price")
        left.set_yscale("log")
        _decades(left.yaxis)
        left.set_xlim(0, hours / 24)
        left.set_ylim(1e-5, 200)
        left.set_xlabel("days since the run began")
        left.set_ylabel("LUNA price (USD, log scale)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        (self.supply,) = right.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[1], label="LUNA supply")
        right.set_yscale("log")
        _decades(right.yaxis)
        right.set_xlim(0, hours / 24)
        right.set_ylim(1e8, 1e13)
        right.set_xlabel("days since the run began")
        right.set_ylabel("LUNA supply (tokens, log scale)")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        self.dynamic = [self.price, self.supply]
        self.freeze()

    def update(self, *, days: ArrayLike, luna_price_usd: ArrayLike, luna_supply: ArrayLike) -> Figure:
        """Draw a run: LUNA's price (USD) and supply (tokens) by day (log scales)."""
        self.price.set_data(days, luna_price_usd)
        self.supply.set_data(days, luna_supply)
        return self.fig
