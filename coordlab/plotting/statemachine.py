"""Figure for notebook 12 (state machines): the loan's state diagram and its balances, step by step.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results. The current state is marked by a large marker
and its label, not by colour alone.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["StateFigure", "STATE_POSITIONS"]

STATE_POSITIONS = {"healthy": (0.0, 1.0), "liquidatable": (1.0, 1.0), "bad_debt": (1.0, 0.0), "closed": (0.0, 0.0)}
_EDGES = (
    ("healthy", "liquidatable", "price falls"),
    ("liquidatable", "healthy", "liquidation, top-up"),
    ("liquidatable", "bad_debt", "collateral gone"),
    ("healthy", "closed", "repay, withdraw"),
    ("liquidatable", "liquidatable", ""),
)
_NOTE: dict[str, Any] = dict(
    ha="left", va="top", fontsize=9, bbox=dict(facecolor="white", edgecolor="#cccccc", boxstyle="round,pad=0.3")
)


class StateFigure(LiveFigure):
    """Left: the four states and their transitions, the current one marked. Right: collateral value and debt by
    hour.
    """

    def __init__(self, hours: int = 24, max_usd: float = 25_000.0) -> None:
        self.fig, (left, right) = new_figure(10.5, 4.4, ncols=2)
        for a, b, label in _EDGES[:4]:
            (x0, y0), (x1, y1) = STATE_POSITIONS[a], STATE_POSITIONS[b]
            left.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                arrowprops=dict(
                    arrowstyle="-|>", color="#999999", lw=1.2, shrinkA=28, shrinkB=28, connectionstyle="arc3,rad=0.15"
                ),
            )
            dx = 0.0 if x0 != x1 else (-0.2 if x0 == 0 else 0.2)
            dy = 0.0 if y0 != y1 else (-0.2 if x1 > x0 else 0.2)
            left.text(
                (x0 + x1) / 2 + dx, (y0 + y1) / 2 + dy, label, fontsize=8, ha="center", va="center", color="#555555"
            )
        for name, (x, y) in STATE_POSITIONS.items():
            left.plot([x], [y], ls="none", marker="o", ms=40, markerfacecolor="white", markeredgecolor="#555555")
            left.text(x, y - 0.22, name.replace("_", " "), ha="center", va="top", fontsize=10)
        (self.here,) = left.plot(
            [],
            [],
            ls="none",
            marker=MARKERS[3],
            ms=22,
            color=PALETTE["vermillion"],
            markeredgecolor="black",
            label="current state",
        )
        self.note = left.text(-0.38, 1.62, "", **_NOTE)
        left.set_xlim(-0.4, 1.4)
        left.set_ylim(-0.5, 1.65)
        left.set_axis_off()
        left.legend(loc="lower center", fontsize=9, markerscale=0.5)
        (self.value,) = right.plot(
            [], [], color=PALETTE["blue"], ls=LINESTYLES[0], marker=MARKERS[0], ms=3, label="collateral value (USD)"
        )
        (self.debt,) = right.plot(
            [], [], color=PALETTE["vermillion"], ls=LINESTYLES[1], marker=MARKERS[1], ms=3, label="debt (USD)"
        )
        self.now = right.axvline(0, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.2, label="this step")
        right.set_xlim(0, hours)
        right.set_ylim(0, max_usd)
        right.set_xlabel("hour")
        right.set_ylabel("USD")
        right.legend(loc="upper right", fontsize=9)
        self.dynamic = [self.here, self.note, self.value, self.debt, self.now]
        self.freeze()

    def update(
        self,
        *,
        state: str,
        hours: ArrayLike,
        collateral_usd: ArrayLike,
        debt_usd: ArrayLike,
        my_hour: float,
        note: str = "",
    ) -> Figure:
        """Draw a step: the current state (a key of ``STATE_POSITIONS``) on the diagram, the collateral's value
        and the debt (USD) at each of ``hours``, and the current hour.
        """
        x, y = STATE_POSITIONS[state]
        self.here.set_data([x], [y])
        self.value.set_data(hours, collateral_usd)
        self.debt.set_data(hours, debt_usd)
        self.now.set_xdata([my_hour, my_hour])
        self.note.set_text(note)
        return self.fig
