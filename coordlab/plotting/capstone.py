"""Figure for notebook 14 (the capstone): the crisis hour by hour, and who lost what.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["CapstoneFigure", "STAKEHOLDERS"]

STAKEHOLDERS = ("borrowers", "insurance fund", "lenders", "creditors of the fund")
_NOTE: dict[str, Any] = dict(
    ha="right", va="top", fontsize=9, bbox=dict(facecolor="white", edgecolor="#cccccc", boxstyle="round,pad=0.3")
)


class CapstoneFigure(LiveFigure):
    """Left: the pool's price by hour, hours with liquidations marked. Right: losses by stakeholder (million USD)."""

    def __init__(self, hours: int = 24, max_musd: float = 1.0) -> None:
        self.fig, (left, right) = new_figure(10.5, 4.3, ncols=2)
        self.outage = left.axvspan(0, 0, color="#dddddd", label="sequencer down")
        (self.price,) = left.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="pool price")
        (self.liq,) = left.plot(
            [], [], ls="none", marker=MARKERS[1], ms=6, color=PALETTE["vermillion"], label="hours with liquidations"
        )
        self.note = left.text(0.02, 0.03, "", transform=left.transAxes, **{**_NOTE, "ha": "left", "va": "bottom"})
        left.set_xlim(0, hours)
        left.set_ylim(0, 2100)
        left.set_xlabel("hour of the crisis")
        left.set_ylabel("collateral price in the pool (USD)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=3, borderaxespad=0)
        y = np.arange(len(STAKEHOLDERS))
        self.bars = right.barh(y, np.zeros(len(y)), height=0.6, color=PALETTE["orange"], edgecolor="black")
        right.set_yticks(y, STAKEHOLDERS, fontsize=9)
        right.invert_yaxis()
        right.set_xlim(0, max_musd)
        right.set_xlabel("loss (million USD; bars stop at the edge)")
        self.max = max_musd
        self.dynamic = [self.outage, self.price, self.liq, self.note, *self.bars.patches]
        self.freeze()

    def update(
        self,
        *,
        hours: ArrayLike,
        price_usd: ArrayLike,
        liquidation_hours: ArrayLike,
        losses_musd: Sequence[float] | np.ndarray,
        outage_start_hour: float = 0.0,
        outage_hours: float = 0.0,
        note: str = "",
    ) -> Figure:
        """Draw a crisis: the pool's price (USD) at each of ``hours``, the hours with liquidations (whole hours,
        indices into ``price_usd``), the sequencer outage (its first hour and length) and the losses of the
        four ``STAKEHOLDERS`` in million USD.
        """
        self.outage.set_x(outage_start_hour)
        self.outage.set_width(outage_hours)
        price = np.asarray(price_usd)
        self.price.set_data(hours, price)
        self.liq.set_data(liquidation_hours, price[np.asarray(liquidation_hours, dtype=int)])
        for bar, val in zip(self.bars.patches, losses_musd):
            bar.set_width(min(val, self.max))
        self.note.set_text(note)
        return self.fig
