"""Figures for notebook 05 (behaviour in liquidations): who shows up, and what each auction design loses.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["KeeperFigure"]


class KeeperFigure(LiveFigure):
    """Left: chance that no keeper bids against the number of keepers. Right: bad debt over a crash day, flip vs clip."""

    def __init__(self, n_max: int = 50, debt_max: float = 30.0):
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        (self.qre,) = left.plot([], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="keepers with noise (logit QRE)")
        (self.nash,) = left.plot([], [], color=PALETTE["black"], ls=LINESTYLES[1], label="fully rational (Nash)")
        (self.now,) = left.plot([], [], ls="none", marker=MARKERS[0], ms=8, color=PALETTE["blue"],
                                label="this many keepers")
        left.set_xlim(2, n_max)
        left.set_ylim(0, 1)
        left.set_xlabel("number of keepers watching, N")
        left.set_ylabel("probability that nobody bids")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        (self.english,) = right.plot([], [], color=PALETTE["vermillion"], ls=LINESTYLES[0],
                                     label="English auction (flip): unopposed bids win")
        (self.dutch,) = right.plot([], [], color=PALETTE["green"], ls=LINESTYLES[1], marker=MARKERS[1], ms=4,
                                   label="Dutch auction (clip): falling price")
        right.set_xlim(0, 23)
        right.set_ylim(0, debt_max)
        right.set_xlabel("hour of the crash day")
        right.set_ylabel("cumulative bad debt (million DAI)")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        self.dynamic = [self.qre, self.nash, self.now, self.english, self.dutch]
        self.freeze()

    def update(self, n_grid, p_no_bid_qre, p_no_bid_nash, n_now, p_now, hours, english, dutch):
        self.qre.set_data(n_grid, p_no_bid_qre)
        self.nash.set_data(n_grid, p_no_bid_nash)
        self.now.set_data([n_now], [p_now])
        self.english.set_data(hours, english)
        self.dutch.set_data(hours, dutch)
        return self.fig
