"""Figures for notebook 04 (community risk): a Hawkes event stream, and the skew that governance jumps leave.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["CommunityRiskFigure", "hawkes_figure"]


class CommunityRiskFigure(LiveFigure):
    """Left: the Lorenz curve of the holders. Right: the implied-volatility skew that governance jumps leave.

    The right panel shows, by strike, the Black–Scholes implied volatility of Merton's price divided by the
    total volatility (Black–Scholes at the same total variance is the flat line at 1).
    """

    def __init__(
        self, strike_range: tuple[float, float] = (60.0, 160.0), ratio_range: tuple[float, float] = (0.7, 1.3)
    ) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        left.plot([0, 1], [0, 1], color=PALETTE["black"], ls=LINESTYLES[2], lw=1.2, label="perfect equality")
        (self.lorenz,) = left.plot(
            [], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="Lorenz curve of holdings (stylised)"
        )
        left.set_xlim(0, 1)
        left.set_ylim(0, 1)
        left.set_xlabel("share of holders, smallest first")
        left.set_ylabel("share of tokens they hold")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        right.axhline(
            1.0, color=PALETTE["black"], ls=LINESTYLES[1], lw=1.2, label="Black\u2013Scholes, same total variance"
        )
        (self.skew,) = right.plot(
            [], [], color=PALETTE["vermillion"], ls=LINESTYLES[0], label="Merton, governance jumps"
        )
        (self.atm,) = right.plot(
            [], [], ls="none", marker=MARKERS[0], ms=7, color=PALETTE["vermillion"], label="at the money"
        )
        right.set_xlim(*strike_range)
        right.set_ylim(*ratio_range)
        right.set_xlabel("strike of a 1-month option (spot = 100)")
        right.set_ylabel("implied volatility \u00f7 total volatility")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.lorenz, self.skew, self.atm]
        self.freeze()

    def update(
        self,
        *,
        holder_share: ArrayLike,
        token_share: ArrayLike,
        strikes: ArrayLike,
        vol_ratio: ArrayLike,
        atm_strike: float,
        atm_vol_ratio: float,
    ) -> Figure:
        """Draw a result: the Lorenz curve (cumulative share of tokens held by the smallest ``holder_share`` of
        holders) and, by strike (spot = 100), implied volatility divided by total volatility, the at-the-money
        point marked.
        """
        self.lorenz.set_data(holder_share, token_share)
        self.skew.set_data(strikes, vol_ratio)
        self.atm.set_data([atm_strike], [atm_vol_ratio])
        return self.fig


# Times and rates on the figure's axes: finite, non-negative, at most 1e12 (so that 1.1 times the
# largest stays a finite axis limit).
AXIS_MAX = 1e12


@v.params(
    t=v.RealArray(0.0, AXIS_MAX, ndim=1),
    intensity=v.RealArray(0.0, AXIS_MAX, ndim=1),
    event_times=v.Checked("a 1-D array of event times in [0, 1e12], possibly empty"),
    mean_intensity=v.Real(0.0, AXIS_MAX),
)
def hawkes_figure(t: ArrayLike, intensity: ArrayLike, event_times: ArrayLike, mean_intensity: float) -> Figure:
    """A Hawkes path: its intensity over time, the events as ticks, and the long-run mean rate.

    ``t`` (increasing from ``t[0]`` to ``t[-1] > t[0]``, each in [0, 1e12]) and ``intensity`` (each
    in [0, 1e12]) are 1-D of one length, at least 2; ``event_times`` is a 1-D array of times in
    [0, 1e12], possibly empty; ``mean_intensity`` is in [0, 1e12]. The rate axis reaches 1.1 times
    the largest of the intensities and the mean, and at least 1e-9.
    """
    empty = (isinstance(event_times, np.ndarray) and event_times.size == 0) or (
        isinstance(event_times, (list, tuple)) and len(event_times) == 0
    )
    events = np.zeros(0) if empty else v.real_array("event_times", event_times, low=0.0, high=AXIS_MAX).ravel()
    t, intensity = np.asarray(t), np.asarray(intensity)  # (arrays already: checked by v.params)
    if t.shape != intensity.shape or t.size < 2:
        raise ValueError(f"t and intensity must be 1-D of one length (at least 2), got {t.shape} and {intensity.shape}")
    if not t[-1] - t[0] >= 1e-9 * max(1.0, t[-1]):
        raise ValueError(
            f"t must run forward (t[-1] above t[0], by at least 1e-9 of it), got t[0]={t[0]:g}, t[-1]={t[-1]:g}"
        )
    fig, (ax,) = new_figure(7.0, 3.6)
    ax.plot(t, intensity, color=PALETTE["blue"], ls=LINESTYLES[0], lw=1.5, label="intensity \u03bb(t)")
    ax.axhline(
        mean_intensity,
        color=PALETTE["black"],
        ls=LINESTYLES[1],
        lw=1.2,
        label="long-run mean \u03bc/(1 \u2212 \u03b1/\u03b2)",
    )
    top = max(float(max(intensity.max(), mean_intensity)) * 1.1, 1e-9)
    ax.plot(
        events,
        np.full(events.shape, 0.03 * top),
        ls="none",
        marker="|",
        ms=10,
        color=PALETTE["vermillion"],
        label="events",
    )
    ax.set_xlim(float(t[0]), float(t[-1]))
    ax.set_ylim(0, top)
    ax.set_xlabel("time (days)")
    ax.set_ylabel("event rate (events per day)")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=3, borderaxespad=0)
    return fig
