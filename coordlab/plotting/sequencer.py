"""Figure for notebook 13 (sequencer risk): an outage and its grace period, and what happens to a lending market.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from coordlab.plotting.style import LINESTYLES, PALETTE, LiveFigure, new_figure

__all__ = ["OutageFigure"]

BARS = (
    "liquidatable at restart",
    "saved by the grace period",
    "liquidated by window end,\nwith grace",
    "liquidated by window end,\nno grace",
)


class OutageFigure(LiveFigure):
    """Left: sample prices through the outage (grey) and the window after it (blue, dashed edge). Right: borrowers,
    in
    %.

    Each bar carries its value as text (the bars of a realistic outage are short) and its name as
    its tick label, so no bar is told apart by colour alone. The settings are the lab's sliders and
    its summary, not text on the figure: every glyph drawn costs time on each redraw.
    """

    def __init__(self, max_hours: float = 56.0, max_pct: float = 40.0) -> None:
        from matplotlib.collections import LineCollection

        self.fig, (left, right) = new_figure(10.5, 4.2, ncols=2)
        self.outage = left.axvspan(0, 1, color="#dddddd", label="sequencer down")
        self.grace = left.axvspan(
            1,
            2,
            facecolor=PALETTE["sky"],
            alpha=0.35,
            edgecolor=PALETTE["black"],
            linestyle=LINESTYLES[1],
            linewidth=1.0,
            label="grace window (dashed edge)",
        )
        self.paths = LineCollection(
            [], colors=PALETTE["blue"], linewidths=0.8, linestyles=LINESTYLES[0], label="sample price paths"
        )
        left.add_collection(self.paths)
        left.axhline(1.0, color=PALETTE["black"], lw=1.0, ls=LINESTYLES[2])
        left.set_xlim(0, max_hours)
        left.set_ylim(0.5, 1.5)
        left.set_xlabel("hours since the sequencer stopped")
        left.set_ylabel("collateral price (start = 1)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        y = np.arange(len(BARS))
        self.bars = right.barh(
            y,
            np.zeros(len(y)),
            height=0.6,
            color=[PALETTE["orange"], PALETTE["green"], PALETTE["vermillion"], PALETTE["purple"]],
            edgecolor="black",
        )
        self.values = [right.text(0.2, float(yy), "", va="center", ha="left", fontsize=9) for yy in y]
        right.set_yticks(y, BARS, fontsize=9)
        right.invert_yaxis()
        right.set_xlim(0, max_pct)
        right.set_xlabel("borrowers, % of a stylised book (mean over paths)")
        self.max = max_pct
        self.dynamic = [self.outage, self.grace, self.paths, *self.bars.patches, *self.values]
        self.freeze()

    def update(
        self,
        *,
        outage_hours: float,
        grace_hours: float,
        hours: ArrayLike,
        price_paths: ArrayLike,
        borrowers_pct: Sequence[float | Decimal],
    ) -> Figure:
        """Draw an outage: its length and the grace window after it (hours), sample price paths (start = 1, one
        path or a 2-D array of paths, each at ``hours``) and the four ``BARS`` in % of borrowers (a ``Decimal``
        is printed exactly).
        """
        self.outage.set_x(0)
        self.outage.set_width(outage_hours)
        self.grace.set_x(outage_hours)
        self.grace.set_width(grace_hours)
        self.paths.set_segments([np.column_stack([hours, p]) for p in np.atleast_2d(price_paths)])
        for bar, text, val in zip(self.bars.patches, self.values, borrowers_pct):
            width = min(float(val), self.max)
            bar.set_width(width)
            text.set_x(width + 0.2)
            text.set_text(f"{val:.2f}%")  # val may be a Decimal: printed exactly
        return self.fig
