"""Figures for notebook 02 (the Prisoner's Dilemma): tournament scores, thresholds, replicator paths.

As everywhere in ``coordlab.plotting``: each class builds its figure once with
fixed limits and an ``update`` that only moves data; inputs are model results.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["TournamentFigure", "ReplicatorFigure", "threshold_figure"]


class TournamentFigure(LiveFigure):
    """Mean payoff per turn of each strategy in a round robin, one bar each, in a fixed order.

    Deterministic strategies have plain bars, stochastic ones hatched bars (so the
    distinction never rests on colour); the rank is written at the end of each bar.
    """

    def __init__(self, names: Sequence[str], stochastic: Sequence[bool], xmax: float = 6.0) -> None:
        names, stochastic = list(names), list(stochastic)
        if len(names) != len(stochastic) or not names:
            raise ValueError("names and stochastic must be non-empty and of the same length")
        self.fig, (ax,) = new_figure(7.0, 4.6)
        self.ax = ax
        n = len(names)
        self.bars = []
        for i, st in enumerate(stochastic):
            bar = Rectangle(
                (0, n - 1 - i - 0.35),
                0,
                0.7,
                facecolor=PALETTE["orange"] if st else PALETTE["blue"],
                hatch="///" if st else None,
                edgecolor="white" if st else PALETTE["blue"],
                linewidth=0,
            )
            ax.add_patch(bar)
            self.bars.append(bar)
        self.labels = [ax.text(0, n - 1 - i, "", va="center", ha="left", fontsize=9) for i in range(n)]
        self.reference = ax.axvline(3.0, color=PALETTE["black"], ls=LINESTYLES[1], lw=1.2)
        ax.set_yticks(range(n), names[::-1])
        ax.set_xlim(0, xmax)
        ax.set_ylim(-0.6, n - 0.4)
        ax.set_xlabel("mean payoff per turn (points)")
        ax.grid(False, axis="y")
        ax.legend(
            handles=[
                Rectangle((0, 0), 1, 1, facecolor=PALETTE["blue"], label="deterministic strategy"),
                Rectangle(
                    (0, 0),
                    1,
                    1,
                    facecolor=PALETTE["orange"],
                    hatch="///",
                    edgecolor="white",
                    label="stochastic strategy",
                ),
                ax.plot(
                    [],
                    [],
                    color=PALETTE["black"],
                    ls=LINESTYLES[1],
                    lw=1.2,
                    label="R, the payoff of mutual cooperation",
                )[0],
            ],
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            fontsize=9,
            ncols=2,
            borderaxespad=0,
        )
        self.dynamic = [self.reference, *self.bars, *self.labels]
        self.freeze()

    def update(
        self, *, scores: Sequence[float] | np.ndarray, ranks: Sequence[int] | np.ndarray, reward: float
    ) -> Figure:
        """Draw a tournament: each strategy's mean payoff per turn (points) and rank, in the constructor's
        order, and the reward R of mutual cooperation as a reference line.
        """
        for bar, label, score, rank in zip(self.bars, self.labels, scores, ranks):
            bar.set_width(float(score))
            label.set_x(float(score) + 0.05)
            label.set_text(f"{float(score):.2f}  (#{int(rank)})")
        self.reference.set_xdata([reward, reward])
        return self.fig


class ReplicatorFigure(LiveFigure):
    """Left: the four kinds of symmetric 2x2 game, and where this one sits. Right: the population's path."""

    def __init__(self, gap_limit: float = 3.0, t_max: float = 10.0) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        self.left, self.right = left, right
        g = gap_limit
        pd_text = "B dominates\n(a Prisoner's Dilemma\nonly if also a > d)"
        quadrants = [
            ((-g, -g), pd_text, PALETTE["vermillion"], "\\\\"),
            ((0, 0), "A dominates", PALETTE["blue"], "//"),
            ((0, -g), "coordination\n(stag hunt)", PALETTE["green"], ".."),
            ((-g, 0), "anti-coordination\n(hawk\u2013dove)", PALETTE["orange"], "xx"),
        ]
        for (x, y), text, color, hatch in quadrants:
            left.add_patch(Rectangle((x, y), g, g, facecolor=color, alpha=0.15, hatch=hatch, edgecolor=color, lw=0))
            left.text(x + g / 2, y + g / 2, text, ha="center", va="center", fontsize=9)
        left.axhline(0, color="#555555", lw=0.8)
        left.axvline(0, color="#555555", lw=0.8)
        (self.point,) = left.plot(
            [], [], ls="none", marker=MARKERS[0], ms=10, color=PALETTE["black"], label="this game"
        )
        left.set_xlim(-g, g)
        left.set_ylim(-g, g)
        left.set_xlabel("advantage of A when all play A: a \u2212 c (points)")
        left.set_ylabel("advantage of A when all play B: b \u2212 d (points)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        (self.path,) = right.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="share playing A, x(t)")
        self.rest = right.axhline(-1, color=PALETTE["black"], ls=LINESTYLES[1], lw=1.5, label="interior rest point x*")
        (self.start,) = right.plot(
            [], [], ls="none", marker=MARKERS[1], ms=8, color=PALETTE["blue"], label="starting share x\u2080"
        )
        right.set_xlim(0, t_max)
        right.set_ylim(-0.02, 1.02)
        right.set_xlabel("time (generations, arbitrary units)")
        right.set_ylabel("share of the population playing A")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.point, self.path, self.rest, self.start]
        self.freeze()

    def update(
        self,
        *,
        gap_all_a: float,
        gap_all_b: float,
        times: ArrayLike,
        share_a: ArrayLike,
        rest_point: float | None,
    ) -> Figure:
        """Draw a game: its payoff gaps a - c and b - d (points) among the four kinds, the share playing A at
        each of ``times`` (generations) and the interior rest point x* (``None``: there is none).
        """
        t, x = np.asarray(times), np.asarray(share_a)
        self.point.set_data([gap_all_a], [gap_all_b])
        self.path.set_data(t, x)
        self.start.set_data([t[0]], [x[0]])
        self.rest.set_visible(rest_point is not None)
        self.rest.set_ydata([rest_point, rest_point] if rest_point is not None else [-1, -1])
        return self.fig


# Gains are payoff differences per round of Prisoner's Dilemma payoffs in [-1e6, 1e6].
GAIN = v.RealArray(-1e7, 1e7, ndim=1, max_size=100_000)


@v.params(
    w=v.RealArray(0.0, 1.0, ndim=1, max_size=100_000),
    gain_defect=GAIN,
    gain_alternate=GAIN,
    grim=v.Probability(),
    tft=v.Probability(),
)
def threshold_figure(
    w: ArrayLike, gain_defect: ArrayLike, gain_alternate: ArrayLike, grim: float, tft: float
) -> Figure:
    """Gain from deviating against Tit for Tat (simulated, discounted) against the continuation probability.

    Parameters
    ----------
    w : array_like
        Continuation probabilities, each in [0, 1], not all equal (at most 100,000).
    gain_defect, gain_alternate : array_like
        Payoff of always defecting / alternating against Tit for Tat minus that of
        cooperating with it, at each ``w`` (discounted; the notebook shows the
        discounted average per round), each in [-1e7, 1e7].
    grim, tft : float
        The thresholds (T-R)/(T-P) and max((T-R)/(T-P), (T-R)/(R-S)), each in [0, 1].
    """
    w, gain_defect, gain_alternate = np.asarray(w), np.asarray(gain_defect), np.asarray(gain_alternate)  # (checked)
    if not (w.size >= 2 and gain_defect.shape == w.shape == gain_alternate.shape):
        raise ValueError(
            f"w, gain_defect and gain_alternate must be 1-D arrays of one length (at least 2), got "
            f"shapes {w.shape}, {gain_defect.shape}, {gain_alternate.shape}"
        )
    if not np.min(w) < np.max(w):
        raise ValueError(f"w must not hold one value only (it spans the x axis), got {float(w[0]):g} throughout")
    fig, (ax,) = new_figure(7.0, 4.0)
    ax.axhline(0, color="#555555", lw=0.8)
    ax.plot(w, gain_defect, color=PALETTE["vermillion"], ls=LINESTYLES[0], label="always defect")
    ax.plot(w, gain_alternate, color=PALETTE["blue"], ls=LINESTYLES[1], label="alternate D, C, D, C, ...")
    ax.axvline(grim, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.5, label="(T\u2212R)/(T\u2212P)")
    ax.axvline(tft, color=PALETTE["black"], ls=LINESTYLES[3], lw=1.5, label="Tit for Tat is stable from here")
    ax.set_xlim(float(np.min(w)), float(np.max(w)))
    lo = float(min(np.min(gain_defect), np.min(gain_alternate)))
    hi = float(max(np.max(gain_defect), np.max(gain_alternate)))
    pad = 0.1 * (hi - lo) or 1.0  # flat gains: a unit either side
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_xlabel("continuation probability w (chance of another round)")
    ax.set_ylabel("gain from deviating (points per round)")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
    return fig
