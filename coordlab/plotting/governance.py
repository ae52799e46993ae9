"""Figures for notebook 03 (stakeholder incentive divergence): voting power and the fee switch.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from numpy.typing import ArrayLike

from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["PowerFigure", "FeeSwitchFigure"]

_SERIES = (
    ("token share", PALETTE["sky"], None),
    ("Banzhaf power", PALETTE["blue"], "//"),
    ("Shapley\u2013Shubik power", PALETTE["vermillion"], ".."),
)


class PowerFigure(LiveFigure):
    """Each voter's token share next to their Banzhaf and Shapley–Shubik power (hatches tell the series apart)."""

    def __init__(self, names: Sequence[str]) -> None:
        names = list(names)
        if not names:
            raise ValueError("names must not be empty")
        self.fig, (ax,) = new_figure(7.0, 4.2)
        self.ax = ax
        n, h = len(names), 0.26
        self.bars = []
        for k, (label, color, hatch) in enumerate(_SERIES):
            row = []
            for i in range(n):
                y = n - 1 - i + (1 - k) * h
                bar = Rectangle(
                    (0, y - h / 2),
                    0,
                    h * 0.95,
                    facecolor=color,
                    hatch=hatch,
                    edgecolor="white" if hatch else color,
                    linewidth=0,
                    label=label if i == 0 else None,
                )
                ax.add_patch(bar)
                row.append(bar)
            self.bars.append(row)
        self.quota = ax.axvline(0.5, color=PALETTE["black"], ls=LINESTYLES[1], lw=1.2, label="quota (share of tokens)")
        ax.set_yticks(range(n), names[::-1])
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.6, n - 0.4)
        ax.set_xlabel("share (of tokens, or of voting power)")
        ax.grid(False, axis="y")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.quota, *[b for row in self.bars for b in row]]
        self.freeze()

    def update(
        self,
        *,
        token_shares: Sequence[float] | np.ndarray,
        banzhaf: Sequence[float] | np.ndarray,
        shapley_shubik: Sequence[float] | np.ndarray,
        quota_share: float,
    ) -> Figure:
        """Draw a game: each voter's share of the tokens, Banzhaf power and Shapley–Shubik power (fractions, in
        the constructor's order) and the quota as a share of all tokens.
        """
        for row, values in zip(self.bars, (token_shares, banzhaf, shapley_shubik)):
            for bar, x in zip(row, values):
                bar.set_width(float(x))
        self.quota.set_xdata([quota_share, quota_share])
        return self.fig


class FeeSwitchFigure(LiveFigure):
    """Token-holder revenue, LP income and liquidity against the fee-switch share; the Pareto-dominated range
    hatched.
    """

    def __init__(self) -> None:
        self.fig, (ax,) = new_figure(7.0, 4.2)
        self.ax = ax
        self.dominated = Rectangle(
            (0.75, 0),
            0.25,
            1,
            transform=ax.get_xaxis_transform(),
            facecolor="#bbbbbb",
            alpha=0.3,
            hatch="xx",
            edgecolor="#888888",
            linewidth=0,
            label="Pareto-dominated: both groups lose",
        )
        ax.add_patch(self.dominated)
        (self.revenue,) = ax.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="token holders' revenue")
        (self.lp,) = ax.plot([], [], color=PALETTE["vermillion"], ls=LINESTYLES[1], label="LPs' fee income")
        (self.tvl,) = ax.plot([], [], color=PALETTE["green"], ls=LINESTYLES[2], label="liquidity (TVL)")
        self.now = ax.axvline(0.2, color=PALETTE["black"], ls=LINESTYLES[3], lw=1.2, label="current fee switch \u03c6")
        (self.vote,) = ax.plot(
            [], [], ls="none", marker=MARKERS[2], ms=10, color=PALETTE["black"], label="what the token vote picks"
        )
        self.note = ax.text(
            0.99,
            0.97,
            "",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=9,
            bbox=dict(facecolor="white", edgecolor="#cccccc", boxstyle="round,pad=0.3"),
        )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.05)
        ax.set_xlabel("fee switch \u03c6 (share of trading fees sent to the protocol)")
        ax.set_ylabel("relative to no fee switch (\u03c6 = 0)")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        self.dynamic = [self.dominated, self.revenue, self.lp, self.tvl, self.now, self.vote, self.note]
        self.freeze()

    def update(
        self,
        *,
        fee_share: ArrayLike,
        token_revenue: ArrayLike,
        lp_income: ArrayLike,
        tvl: ArrayLike,
        token_optimum: float,
        my_fee_share: float,
        voted_fee_share: float,
        note: str = "",
    ) -> Figure:
        """Draw a fee switch: token holders' revenue, LPs' income and liquidity (each relative to no fee switch)
        against the fee share phi, the Pareto-dominated range above the token holders' optimum, the current fee
        share and the one the token vote picks.
        """
        self.revenue.set_data(fee_share, token_revenue)
        self.lp.set_data(fee_share, lp_income)
        self.tvl.set_data(fee_share, tvl)
        self.dominated.set_x(token_optimum)
        self.dominated.set_width(max(0.0, 1.0 - token_optimum))
        self.now.set_xdata([my_fee_share, my_fee_share])
        self.vote.set_data([voted_fee_share], [0.03])
        self.note.set_text(note)
        return self.fig
