"""Figures for notebook 05 (behaviour in liquidations): who enters, and what each auction design loses.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["KeeperFigure"]


class KeeperFigure(LiveFigure):
    """Left: chance that no keeper enters against the number of keepers, flip vs clip. Right: bad debt over the day."""

    def __init__(self, n_max: int = 50, debt_max: float = 30.0) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        (self.flip_n,) = left.plot(
            [], [], color=PALETTE["vermillion"], ls=LINESTYLES[0], label="English (flip): a lone keeper pays 0"
        )
        (self.clip_n,) = left.plot(
            [], [], color=PALETTE["green"], ls=LINESTYLES[1], label="Dutch (clip): a lone keeper pays the floor"
        )
        (self.now,) = left.plot(
            [], [], ls="none", marker=MARKERS[0], ms=8, color=PALETTE["black"], label="this many keepers"
        )
        left.set_xlim(2, n_max)
        left.set_ylim(0, 1)
        left.set_xlabel("number of keepers watching, N")
        left.set_ylabel("probability that no keeper enters (peak hour)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        (self.english,) = right.plot(
            [], [], color=PALETTE["vermillion"], ls=LINESTYLES[0], label="English auction (flip): unopposed bids win"
        )
        (self.dutch,) = right.plot(
            [],
            [],
            color=PALETTE["green"],
            ls=LINESTYLES[1],
            marker=MARKERS[1],
            ms=4,
            label="Dutch auction (clip): falling price, floor, resets",
        )
        right.set_xlim(0, 23)
        right.set_ylim(0, debt_max)
        right.set_xlabel("hour of the crash day (stylised)")
        right.set_ylabel("cumulative bad debt (million DAI)")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, borderaxespad=0)
        self.dynamic = [self.flip_n, self.clip_n, self.now, self.english, self.dutch]
        self.freeze()

    def update(
        self,
        *,
        keepers: ArrayLike,
        no_entry_flip: ArrayLike,
        no_entry_clip: ArrayLike,
        my_keepers: int,
        my_no_entry_flip: float,
        my_no_entry_clip: float,
        hours: ArrayLike,
        bad_debt_english_mdai: ArrayLike,
        bad_debt_dutch_mdai: ArrayLike,
    ) -> Figure:
        """Draw a crash day: the probability that no keeper enters against the number of keepers, for flip and
        clip, yours marked, and the bad debt (million DAI) of each auction design by hour.
        """
        self.flip_n.set_data(keepers, no_entry_flip)
        self.clip_n.set_data(keepers, no_entry_clip)
        self.now.set_data([my_keepers, my_keepers], [my_no_entry_flip, my_no_entry_clip])
        self.english.set_data(hours, bad_debt_english_mdai)
        self.dutch.set_data(hours, bad_debt_dutch_mdai)
        return self.fig
