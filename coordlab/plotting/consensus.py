"""Figures for notebook 11 (consensus failures): double-spend risk by depth, selfish-mining gain, the inactivity
leak.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.plotting.style import LINESTYLES, MARKERS, PALETTE, LiveFigure, new_figure

__all__ = ["ConsensusFigure", "leak_figure"]


class ConsensusFigure(LiveFigure):
    """Left: double-spend probability against confirmations (log scale). Right: selfish mining's extra revenue."""

    def __init__(self, max_z: int = 60) -> None:
        self.fig, (left, right) = new_figure(10.0, 4.2, ncols=2)
        (self.curve,) = left.plot(
            [], [], color=PALETTE["blue"], ls=LINESTYLES[0], label="attacker catches up (Nakamoto)"
        )
        (self.point,) = left.plot(
            [], [], ls="none", marker=MARKERS[1], ms=9, color=PALETTE["vermillion"], label="your confirmations"
        )
        left.axhline(1e-3, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.2, label="0.1% risk")
        left.set_yscale("log")
        left.set_xlim(0, max_z)
        left.set_ylim(1e-12, 2)
        left.set_xlabel("confirmations z (blocks)")
        left.set_ylabel("probability of a double spend (log scale)")
        left.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=2, borderaxespad=0)
        (self.gain,) = right.plot(
            [], [], color=PALETTE["green"], ls=LINESTYLES[1], label="selfish revenue \u2212 fair share"
        )
        right.axhline(0, color=PALETTE["black"], lw=1.0)
        self.threshold = right.axvline(0.25, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.2, label="threshold")
        (self.mine,) = right.plot(
            [], [], ls="none", marker=MARKERS[2], ms=10, color=PALETTE["vermillion"], label="attacker's share"
        )
        right.set_xlim(0, 0.5)
        right.set_ylim(-0.1, 0.3)
        right.set_xlabel("pool's share of the hash rate \u03b1")
        right.set_ylabel("revenue above fair share")
        right.legend(loc="lower left", bbox_to_anchor=(0, 1.01), fontsize=9, ncols=3, borderaxespad=0)
        self.dynamic = [self.curve, self.point, self.gain, self.threshold, self.mine]
        self.freeze()

    def update(
        self,
        *,
        confirmations: ArrayLike,
        double_spend_probability: ArrayLike,
        my_confirmations: int,
        my_double_spend_probability: float,
        hash_share: ArrayLike,
        selfish_gain: ArrayLike,
        selfish_threshold: float,
        my_hash_share: float,
        my_selfish_gain: float,
    ) -> Figure:
        """Draw a result: the probability of a double spend against the confirmations waited (blocks), and
        selfish mining's revenue above the fair share (share of all blocks) against the pool's share of the hash
        rate, with its profitability threshold; yours marked on each.
        """
        self.curve.set_data(confirmations, double_spend_probability)
        self.point.set_data([my_confirmations], [my_double_spend_probability])
        self.gain.set_data(hash_share, selfish_gain)
        self.threshold.set_xdata([selfish_threshold, selfish_threshold])
        self.mine.set_data([my_hash_share], [my_selfish_gain])
        return self.fig


MAX_LINES = 8  # lines a reader can tell apart (four colours and styles, eight markers)
MAX_DAYS = 1e5  # about 270 years: far beyond any leak (ejection ends one within about 21 days)


def _leak_lines(paths: object) -> list[tuple[Any, np.ndarray, np.ndarray]]:
    """``paths`` checked: (label, days, share) for each line."""
    what = "a non-empty dict of label -> (days, active_share)"
    if not isinstance(paths, dict):
        raise TypeError(f"paths must be {what}, got {type(paths).__name__}")
    if not 1 <= len(paths) <= MAX_LINES:
        raise ValueError(f"paths must be {what} with 1 to {MAX_LINES} lines, got {len(paths)}")
    lines = []
    for label, pair in paths.items():
        name = f"paths[{str(label)[:40]!r}]"
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"{name} must be a pair (days, active_share), got {type(pair).__name__}")
        days = v.real_array(f"{name} days", pair[0], low=0.0, high=MAX_DAYS)
        share = v.real_array(f"{name} active share", pair[1], low=0.0, high=1.0)
        if days.shape != share.shape or days.ndim != 1:
            raise ValueError(
                f"{name}: days and active share must be 1-D of one length, got shapes {days.shape} and {share.shape}"
            )
        lines.append((label, days, share))
    return lines


@v.params(paths=v.Checked("a non-empty dict of label -> (days, active_share), at most 8 lines"))
def leak_figure(paths: dict[Any, tuple[ArrayLike, ArrayLike]]) -> Figure:
    """The attesting validators' share of stake over the days of an inactivity leak, one line per offline share.

    Parameters
    ----------
    paths : dict
        Label -> (days since finality was lost, attesting share of stake), 1 to 8 lines:
        days in [0, 100,000], shares in [0, 1], two 1-D arrays of one length.

    Examples
    --------
    >>> fig = leak_figure({"40% offline": ([0.0, 10.0, 13.1], [0.6, 0.64, 0.667])})
    >>> fig.axes[0].get_xlabel()
    'days since finality was lost'
    """
    lines = _leak_lines(paths)
    fig, (ax,) = new_figure(7.0, 3.6)
    longest = 0.0
    for i, (label, days, share) in enumerate(lines):
        ax.plot(
            days,
            100 * share,
            color=PALETTE[("blue", "vermillion", "green", "orange")[i % 4]],
            ls=LINESTYLES[i % 4],
            lw=2,
            label=str(label),
        )
        ax.plot(
            days[-1:],
            100 * share[-1:],
            ls="none",
            marker=MARKERS[i % len(MARKERS)],
            ms=8,
            color=PALETTE[("blue", "vermillion", "green", "orange")[i % 4]],
        )
        longest = max(longest, float(days[-1]))
    ax.axhline(200 / 3, color=PALETTE["black"], ls=LINESTYLES[2], lw=1.2, label="2/3: finality returns")
    ax.set_xlim(0, longest * 1.05 if longest > 0 else 1.0)  # a path that ends at day 0 still gets an axis
    ax.set_ylim(30, 80)
    ax.set_xlabel("days since finality was lost")
    ax.set_ylabel("attesting share of stake (%)")
    ax.legend(loc="lower right", fontsize=9)
    return fig
