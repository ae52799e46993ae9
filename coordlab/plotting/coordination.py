"""Figures for the coordination-failure notebooks (00 and 01).

Each class builds its figure once (axes, labels, fixed limits) and has an
``update`` that only moves data, so a lab can redraw in a few tens of
milliseconds. Inputs are model results; nothing here computes a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

if TYPE_CHECKING:
    from coordlab.course import Notebook

__all__ = ["BeliefFigure", "BasinFigure", "BankRunFigure", "GlobalGameFigure", "MAP_POSITIONS", "course_map"]


def _span(ax: Axes, color: str, hatch: str, label: str) -> Rectangle:
    """A vertical band in data x and full axes height, moved later with set_x/set_width."""
    patch = Rectangle(
        (0, 0),
        0,
        1,
        transform=ax.get_xaxis_transform(),
        facecolor=color,
        alpha=0.18,
        hatch=hatch,
        edgecolor=color,
        linewidth=0,
        label=label,
    )
    ax.add_patch(patch)
    return patch


def _set_span(patch: Rectangle, x0: float, x1: float) -> None:
    patch.set_x(x0)
    patch.set_width(max(0.0, x1 - x0))


class BeliefFigure(LiveFigure):
    """Expected payoff of each action of a 2x2 game against the belief about the other player."""

    def __init__(self, ymax: float = 10.0) -> None:
        self.fig, (ax,) = new_figure(7.0, 4.0)
        self.ax = ax
        self.hare_zone = _span(ax, PALETTE["vermillion"], "\\\\", "Hare is the best response")
        self.stag_zone = _span(ax, PALETTE["blue"], "//", "Stag is the best response")
        (self.stag_line,) = ax.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="payoff of hunting stag")
        (self.hare_line,) = ax.plot(
            [], [], color=PALETTE["vermillion"], ls=LINESTYLES[1], label="payoff of hunting hare"
        )
        self.threshold = ax.axvline(0.5, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.5, label="threshold belief p*")
        (self.now,) = ax.plot([], [], ls="none", marker=MARKERS[0], ms=8, color=PALETTE["black"], label="your belief")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, ymax)
        ax.set_xlabel("belief that the other hunts stag, p (probability)")
        ax.set_ylabel("expected payoff (utils)")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.hare_zone, self.stag_zone, self.stag_line, self.hare_line, self.threshold, self.now]
        self.freeze()

    def update(
        self,
        *,
        belief: ArrayLike,
        stag_payoff: ArrayLike,
        hare_payoff: ArrayLike,
        threshold_belief: float,
        my_belief: float,
        my_payoff: float,
    ) -> Figure:
        """Draw a game: the expected payoff (utils) of hunting stag and of hunting hare against the belief
        (probability) that the other hunts stag, the threshold belief splitting the best responses, and yours.
        """
        self.stag_line.set_data(belief, stag_payoff)
        self.hare_line.set_data(belief, hare_payoff)
        self.threshold.set_xdata([threshold_belief, threshold_belief])
        _set_span(self.hare_zone, 0.0, threshold_belief)
        _set_span(self.stag_zone, threshold_belief, 1.0)
        self.now.set_data([my_belief], [my_payoff])
        return self.fig


class BasinFigure:
    """Replicator dynamics of a symmetric 2x2 game on the share playing action 0."""

    def __init__(self) -> None:
        self.fig, (ax,) = new_figure(7.0, 3.2)
        self.ax = ax
        ax.axhline(0, color=PALETTE["black"], lw=1)
        self.hare_basin = _span(ax, PALETTE["vermillion"], "\\\\", "basin of all-Hare")
        self.stag_basin = _span(ax, PALETTE["blue"], "//", "basin of all-Stag")
        (self.line,) = ax.plot([], [], color=PALETTE["black"], label="growth rate of the Stag share")
        (self.rest,) = ax.plot(
            [], [], ls="none", marker=MARKERS[0], ms=8, mfc="white", color=PALETTE["black"], label="rest points"
        )
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the population hunting stag, x")
        ax.set_ylabel("dx/dt (share per unit time)")
        ax.legend(loc="lower left", fontsize=9)

    def update(self, *, stag_share: ArrayLike, velocity: ArrayLike, threshold_share: float) -> Figure:
        """Draw the dynamics: the growth rate of the stag share (dx/dt, share per unit time) against the share
        ``stag_share``, and the rest points 0, ``threshold_share`` and 1 with the two basins either side.
        """
        threshold = threshold_share
        velocity = np.asarray(velocity)
        self.line.set_data(stag_share, velocity)
        self.rest.set_data([0.0, threshold, 1.0], [0.0, 0.0, 0.0])
        _set_span(self.hare_basin, 0.0, threshold)
        _set_span(self.stag_basin, threshold, 1.0)
        pad = 0.15 * float(np.max(np.abs(velocity))) or 1.0
        self.ax.set_ylim(float(np.min(velocity)) - pad, float(np.max(velocity)) + pad)
        # Each label on the side of the axis the curve is not on.
        for frac, text, dy in (
            (threshold / 2, "\u2190 to all-Hare", 8),
            ((1 + threshold) / 2, "to all-Stag \u2192", -16),
        ):
            self.ax.annotate(text, (frac, 0), xytext=(0, dy), textcoords="offset points", ha="center", fontsize=9)
        return self.fig


class BankRunFigure(LiveFigure):
    """Diamond–Dybvig: what waiting pays against the share that withdraws early."""

    def __init__(self, ymax: float = 3.2) -> None:
        self.fig, (ax,) = new_figure(7.0, 4.0)
        self.ax = ax
        self.run_zone = _span(ax, PALETTE["vermillion"], "//", "run region: running pays more")
        (self.c2_line,) = ax.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="waiting pays c2(f)")
        (self.c1_line,) = ax.plot(
            [0, 1], [1, 1], color=PALETTE["vermillion"], ls=LINESTYLES[1], label="withdrawing pays c1"
        )
        self.lam_line = ax.axvline(
            0.25, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.5, label="impatient share \u03bb (no run)"
        )
        (self.now,) = ax.plot(
            [], [], ls="none", marker=MARKERS[0], ms=8, color=PALETTE["black"], label="current withdrawals f"
        )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, ymax)
        ax.set_xlabel("share of depositors withdrawing at t = 1, f")
        ax.set_ylabel("consumption per deposit (units)")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.run_zone, self.c2_line, self.c1_line, self.lam_line, self.now]
        self.freeze()

    def update(
        self,
        *,
        withdrawn_share: ArrayLike,
        waiting_payoff: ArrayLike,
        withdrawing_payoff: float,
        impatient_share: float,
        run_threshold: float,
        my_withdrawn_share: float,
        my_waiting_payoff: float,
    ) -> Figure:
        """Draw a contract: what waiting pays (c2, units per deposit) against the share of depositors who
        withdraw at t = 1, what withdrawing pays (c1), the impatient share, the run region (from
        ``run_threshold``) and the current withdrawals.
        """
        self.c2_line.set_data(withdrawn_share, waiting_payoff)
        self.c1_line.set_ydata([withdrawing_payoff, withdrawing_payoff])
        self.lam_line.set_xdata([impatient_share, impatient_share])
        _set_span(self.run_zone, min(run_threshold, 1.0), 1.0)
        self.now.set_data([my_withdrawn_share], [my_waiting_payoff])
        return self.fig


class GlobalGameFigure(LiveFigure):
    """Morris–Shin: the two sides of the threshold equation, crossing at each equilibrium."""

    def __init__(self, ylim: float = 6.0) -> None:
        self.fig, (ax,) = new_figure(7.0, 4.0)
        self.ax = ax
        (self.lhs,) = ax.plot(
            [],
            [],
            color=PALETTE["blue"],
            ls=LINESTYLES[0],
            label="(\u03b1/\u221a\u03b2)(\u03b8 \u2212 z) \u2212 \u03a6\u207b\u00b9(\u03b8)",
        )
        self.rhs = ax.axhline(
            0, color=PALETTE["vermillion"], ls=LINESTYLES[1], label="\u221a(1 + \u03b1/\u03b2) \u03a6\u207b\u00b9(c)"
        )
        self.limit = ax.axvline(
            0.5, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.5, label="vanishing-noise limit 1 \u2212 c"
        )
        (self.roots,) = ax.plot(
            [],
            [],
            ls="none",
            marker=MARKERS[0],
            ms=8,
            mfc="white",
            mew=2,
            color=PALETTE["black"],
            label="equilibrium thresholds \u03b8*",
        )
        ax.set_xlim(0, 1)
        ax.set_ylim(-ylim, ylim)
        ax.set_xlabel("regime strength \u03b8 (share of attackers it can withstand)")
        ax.set_ylabel("value of each side (standard units)")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.lhs, self.rhs, self.limit, self.roots]
        self.freeze()

    def update(
        self,
        *,
        regime_strength: ArrayLike,
        left_side: ArrayLike,
        right_side: float,
        thresholds: Sequence[float],
        vanishing_noise_limit: float,
    ) -> Figure:
        """Draw the threshold equation: its left side against the regime strength theta, its right side (a
        constant), the equilibrium thresholds theta* where they cross and the vanishing-noise limit 1 - c.
        """
        self.lhs.set_data(regime_strength, left_side)
        self.rhs.set_ydata([right_side, right_side])
        self.limit.set_xdata([vanishing_noise_limit, vanishing_noise_limit])
        self.roots.set_data(list(thresholds), [right_side] * len(thresholds))
        return self.fig


# Where each notebook sits on the course map (column = step in the sequence, row = track),
# chosen so that no arrow crosses a box.
MAP_POSITIONS = {
    "00": (0, 0.0),
    "01": (1, 0.0),
    "02": (2, 1.8),
    "06": (2, 0.6),
    "07": (2, -0.6),
    "11": (2, -2.0),
    "03": (3, 2.3),
    "05": (3, 1.2),
    "08": (3, 0.0),
    "04": (4, 2.3),
    "09": (4, 0.0),
    "10": (5, -0.1),
    "12": (5, -1.0),
    "13": (6, -1.4),
    "14": (7, 0.0),
}


@v.params(notebooks=v.Checked("a sequence of coordlab.course.Notebook, each with a place in MAP_POSITIONS"))
def course_map(notebooks: Sequence[Notebook]) -> Figure:
    """The notebooks as boxes, arrows from each prerequisite; planned ones dashed.

    Parameters
    ----------
    notebooks : sequence of coordlab.course.Notebook
        Each must have a place in ``MAP_POSITIONS``.
    """
    from coordlab.course import Notebook

    notebooks = v.items("notebooks", notebooks, "a sequence of coordlab.course.Notebook")
    for nb in notebooks:
        if not isinstance(nb, Notebook):
            raise TypeError(f"notebooks must hold coordlab.course.Notebook entries, got {type(nb).__name__}")
        if nb.number not in MAP_POSITIONS:
            raise ValueError(f"notebooks: notebook {nb.number!r} has no place in MAP_POSITIONS")
    if not notebooks:
        raise ValueError("notebooks must not be empty")
    pos = {nb.number: MAP_POSITIONS[nb.number] for nb in notebooks}
    fig, (ax,) = new_figure(11.0, 5.2)
    w, h = 0.84, 0.74
    for nb in notebooks:
        x, y = pos[nb.number]
        for p in nb.prerequisites:
            px, py = pos[p]
            ax.annotate(
                "",
                xy=(x - w / 2, y),
                xytext=(px + w / 2, py),
                arrowprops=dict(arrowstyle="->", color="#555555", lw=1, shrinkA=0, shrinkB=0),
            )
    for nb in notebooks:
        x, y = pos[nb.number]
        ready = nb.available
        box = FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle="round,pad=0.02",
            facecolor="#cfe3f2" if ready else "white",
            edgecolor=PALETTE["blue"] if ready else "#777777",
            linestyle="-" if ready else "--",
            linewidth=1.8 if ready else 1.2,
        )
        ax.add_patch(box)
        lines, line = [], ""
        for word in nb.title.split():
            if len(line) + len(word) > 13 and line:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        ax.text(
            x,
            y,
            f"{nb.number}\n" + "\n".join(lines[:3]),
            ha="center",
            va="center",
            fontsize=7.5,
            color="black" if ready else "#555555",
            fontweight="bold" if ready else "normal",
        )
    ax.plot([], [], color=PALETTE["blue"], lw=6, alpha=0.4, label="available now (solid box)")
    ax.plot([], [], color="#777777", ls="--", lw=1.2, label="planned (dashed box)")
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.9)
    ax.set_axis_off()
    ax.legend(loc="upper left", fontsize=9, ncols=2)
    return fig
