"""Figures for notebook 07 (position sizing): Kelly growth and paths, leverage and liquidation, the crowd's ladder.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["KellyFigure", "LeverageFigure", "ladder_figure", "coin_figure"]

MAX_POINTS = 1_000_000  # points of one curve
MAX_MARKS = 20  # marked falls (each a legend entry)
MAX_SAMPLE = 100  # single paths drawn
LOG_WEALTH = v.RealArray(-1e6, 1e6, ndim=1, max_size=MAX_POINTS)
GROWTH = v.Real(-1.0, 10.0, low_open=True)

_NOTE: dict[str, Any] = dict(
    ha="right", va="top", fontsize=9, bbox=dict(facecolor="white", edgecolor="#cccccc", boxstyle="round,pad=0.3")
)


class KellyFigure(LiveFigure):
    """Left: growth per bet against the staked fraction, Kelly's and yours marked. Right: wealth paths."""

    def __init__(self, bets: int = 500, paths: int = 20) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        (self.curve,) = left.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="growth G(f) per bet")
        left.axhline(0.0, color=PALETTE["black"], lw=1.0)
        (self.kelly,) = left.plot(
            [], [], ls="none", marker=MARKERS[2], ms=10, color=PALETTE["green"], label="Kelly f* (maximum)"
        )
        (self.mine,) = left.plot(
            [], [], ls="none", marker=MARKERS[1], ms=9, color=PALETTE["vermillion"], label="your stake c \u00d7 f*"
        )
        self.note = left.text(0.98, 0.03, "", transform=left.transAxes, **{**_NOTE, "va": "bottom"})
        left.set_xlim(0, 1)
        left.set_ylim(-2.0, 1.2)
        left.set_xlabel("fraction of wealth staked per bet, f")
        left.set_ylabel("growth per bet / Kelly's maximum")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        # all single paths in one artist: one draw call instead of one per path
        self.paths = LineCollection(
            [], colors="#999999", linewidths=0.7, linestyles=LINESTYLES[0], label="single paths (grey)"
        )
        right.add_collection(self.paths)
        (self.median,) = right.plot(
            [], [], color=PALETTE["vermillion"], ls=LINESTYLES[1], lw=2.5, label="typical path, t \u00d7 G(f)"
        )
        right.axhline(np.log10(0.5), color=PALETTE["black"], ls=LINESTYLES[2], lw=1.2, label="half the start")
        right.set_xlim(0, bets)
        right.set_ylim(-6, 6)
        right.set_xlabel("bets")
        right.set_ylabel("wealth (log\u2081\u2080, start = 0)")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.curve, self.kelly, self.mine, self.note, self.paths, self.median]
        self.freeze()

    def update(
        self,
        *,
        stake_fraction: ArrayLike,
        relative_growth: ArrayLike,
        kelly_fraction: float,
        kelly_relative_growth: float,
        my_stake_fraction: float,
        my_relative_growth: float,
        bets: ArrayLike,
        log10_wealth_paths: ArrayLike,
        typical_log10_wealth: ArrayLike,
        note: str = "",
    ) -> Figure:
        """Draw a result: growth per bet (relative to Kelly's maximum) against the staked fraction of wealth,
        Kelly's and your stake on it, and wealth paths (log10, start = 0) against the number of bets.

        ``log10_wealth_paths`` is one path or a 2-D array of paths (rows), each sampled at ``bets``;
        ``typical_log10_wealth`` is the typical path, also at ``bets``.
        """
        self.curve.set_data(stake_fraction, relative_growth)
        self.kelly.set_data([kelly_fraction], [kelly_relative_growth])
        self.mine.set_data([my_stake_fraction], [my_relative_growth])
        self.note.set_text(note)
        self.paths.set_segments([np.column_stack([bets, path]) for path in np.atleast_2d(log10_wealth_paths)])
        self.median.set_data(bets, typical_log10_wealth)
        return self.fig


class LeverageFigure(LiveFigure):
    """Left: how far the price may fall before liquidation, against leverage. Right: chance of liquidation by hour."""

    def __init__(self, max_leverage: float = 100.0, hours: float = 168.0) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        (self.curve,) = left.plot(
            [], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="fall to liquidation, at this maintenance margin"
        )
        (self.point,) = left.plot(
            [], [], ls="none", marker=MARKERS[1], ms=9, color=PALETTE["vermillion"], label="your position"
        )
        self.note = left.text(0.98, 0.97, "", transform=left.transAxes, **_NOTE)
        left.set_xscale("log")
        left.set_yscale("log")
        left.set_xlim(1, max_leverage)
        left.set_ylim(0.1, 100)
        plain = FuncFormatter(lambda x, _: f"{x:g}")  # "10", not mathtext "10^1": readable, and lays out 3x faster
        for axis in (left.xaxis, left.yaxis):
            axis.set_major_formatter(plain)
            axis.set_minor_formatter(NullFormatter())
        left.set_xlabel("leverage (notional / margin, log scale)")
        left.set_ylabel("price fall to liquidation (%, log scale)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        (self.prob,) = right.plot([], [], color=PALETTE["vermillion"], ls=LINESTYLES[1], label="P(liquidated by then)")
        self.when = right.axvline(24, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.2, label="your horizon")
        right.set_xlim(0, hours)
        right.set_ylim(0, 1.02)
        right.set_xlabel("hours after opening")
        right.set_ylabel("probability of liquidation")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.curve, self.point, self.note, self.prob, self.when]
        self.freeze()

    def update(
        self,
        *,
        leverage: ArrayLike,
        fall_pct: ArrayLike,
        my_leverage: float,
        my_fall_pct: float,
        hours: ArrayLike,
        liquidation_probability: ArrayLike,
        horizon_hours: float,
        note: str = "",
    ) -> Figure:
        """Draw a result: the price fall (%) that liquidates against leverage, your position on it, and the
        probability of liquidation by each hour, with your horizon marked.
        """
        self.curve.set_data(leverage, fall_pct)
        self.point.set_data([my_leverage], [my_fall_pct])
        self.note.set_text(note)
        self.prob.set_data(hours, liquidation_probability)
        self.when.set_xdata([horizon_hours, horizon_hours])
        return self.fig


@v.params(
    fall_pct=v.RealArray(0.0, 100.0, ndim=1, max_size=MAX_POINTS),
    cumulative_notional=v.RealArray(0.0, 1e15, ndim=1, max_size=MAX_POINTS),
    marks=v.RealArray(0.0, 100.0, max_size=MAX_MARKS),
    title=v.Text(0, 200),
)
def ladder_figure(
    fall_pct: ArrayLike,
    cumulative_notional: ArrayLike,
    marks: ArrayLike = (5.0, 10.0),
    title: str = "Stylised crowd: synthetic positions, not market data",
) -> Figure:
    """A crowd's liquidation ladder: notional liquidated (cumulative) against the price fall that reaches it.

    Parameters
    ----------
    fall_pct : array_like
        Price falls (%), ascending, each in [0, 100]: 2 to 1 000 000 of them.
    cumulative_notional : array_like
        Notional liquidated by each fall (million USD), in [0, 1e15], one per fall.
    marks : float or array_like
        Falls to mark (%), in [0, 100]: at most 20.
    title : str
        The figure's title, at most 200 characters; by default it says the crowd is synthetic (stylised), as
        every ladder in the course is ("" for none).
    """
    fall, cum = np.asarray(fall_pct), np.asarray(cumulative_notional)  # (arrays already: checked by v.params)
    if fall.shape != cum.shape or fall.size < 2:
        raise ValueError(
            f"fall_pct and cumulative_notional must be 1-D of one length (at least 2), got {fall.shape} and {cum.shape}"
        )
    fig, (ax,) = new_figure(7.0, 3.6)
    ax.step(fall, cum, where="post", color=PALETTE["blue"], ls=LINESTYLES[0], label="notional liquidated")
    for i, m in enumerate(np.atleast_1d(marks)):
        reached = float(cum[np.searchsorted(fall, m, side="right") - 1]) if m >= fall[0] else 0.0
        ax.plot(
            [m],
            [reached],
            ls="none",
            marker=MARKERS[i % len(MARKERS)],
            ms=8,
            color=PALETTE["vermillion"],
            label=f"a {m:g}% fall: {reached:,.0f} M",
        )
    ax.set_xlim(0, float(min(100.0, fall.max())) or 1.0)  # (a ladder of zeros still gets an axis)
    ax.set_ylim(0, float(cum.max()) * 1.05 or 1.0)
    ax.set_xlabel("price fall from today's price (%)")
    ax.set_ylabel("notional liquidated (million USD)")
    ax.legend(loc="lower right", fontsize=9)
    if title:
        ax.set_title(title, fontsize=10)
    return fig


@v.params(
    rounds=v.RealArray(0.0, 1e6, ndim=1, max_size=MAX_POINTS),
    ensemble_mean=LOG_WEALTH,
    median=LOG_WEALTH,
    sample=v.RealArray(-1e6, 1e6, max_size=MAX_POINTS),
    ensemble_growth=GROWTH,
    time_growth=GROWTH,
)
def coin_figure(
    rounds: ArrayLike,
    ensemble_mean: ArrayLike,
    median: ArrayLike,
    sample: ArrayLike,
    ensemble_growth: float,
    time_growth: float,
) -> Figure:
    """Peters' coin: expected wealth, the average of the simulated players, the median and single paths (log10).

    Parameters
    ----------
    rounds : array_like
        Round numbers, each in [0, 1e6] (at most 1 000 000).
    ensemble_mean, median : array_like
        log10 wealth after each round, in [-1e6, 1e6].
    sample : array_like
        One path or up to 100 paths (rows) of log10 wealth, in [-1e6, 1e6].
    ensemble_growth, time_growth : float
        Growth rates per round, each in (-1, 10].

    The fields of :func:`coordlab.models.sizing.ergodicity_coin`'s result, in that order.
    """
    rounds, median = np.asarray(rounds), np.asarray(median)  # (arrays already: checked by v.params)
    mean, paths, eg, tg = np.asarray(ensemble_mean), np.atleast_2d(sample), ensemble_growth, time_growth
    if paths.ndim != 2 or paths.shape[0] > MAX_SAMPLE:
        raise ValueError(
            f"sample must be one path or a 2-D array of at most {MAX_SAMPLE} paths, got shape {paths.shape}"
        )
    if not (rounds.shape == mean.shape == median.shape and paths.shape[1] == rounds.size):
        raise ValueError("rounds, ensemble_mean, median and each row of sample must have one length")
    fig, (ax,) = new_figure(7.0, 3.8)
    for i, path in enumerate(paths):
        ax.plot(
            rounds, path, color="#999999", lw=0.8, ls=LINESTYLES[0], label="single players (grey)" if i == 0 else None
        )
    ax.plot(
        rounds,
        rounds * np.log10(1.0 + eg),
        color=PALETTE["black"],
        ls=LINESTYLES[2],
        lw=1.5,
        label=f"expected wealth ({eg:+.0%} a round)",
    )
    ax.plot(rounds, mean, color=PALETTE["blue"], ls=LINESTYLES[1], lw=2.5, label="average of the simulated players")
    ax.plot(
        rounds,
        median,
        color=PALETTE["vermillion"],
        ls=LINESTYLES[3],
        lw=2.5,
        label=f"median player ({tg:+.1%} a round)",
    )
    ax.set_xlim(0, float(rounds[-1]) or 1.0)
    ax.set_xlabel("round")
    ax.set_ylabel("wealth (log\u2081\u2080, start = 0)")
    ax.legend(loc="lower left", fontsize=9)
    return fig
