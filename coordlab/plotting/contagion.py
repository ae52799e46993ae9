"""Figures for notebook 10 (systemic risk and contagion): the network by default wave, and the spread of defaults.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results. Default waves are shown by marker shape and a
legend as well as colour.
"""

from __future__ import annotations

import numpy as np

from coordlab import _validate as v
from coordlab.plotting.style import LINESTYLES, PALETTE, LiveFigure, new_figure

__all__ = ["NetworkFigure", "defaults_figure", "WAVE_STYLES"]

# (label, colour, marker) per wave class: solvent, wave 1, wave 2, wave 3 or later
WAVE_STYLES = (
    ("pays in full", PALETTE["blue"], "o"),
    ("defaults, wave 1", PALETTE["vermillion"], "s"),
    ("defaults, wave 2", PALETTE["orange"], "^"),
    ("defaults, wave 3+", PALETTE["purple"], "D"),
)
_NOTE = dict(
    ha="left", va="bottom", fontsize=9, bbox=dict(facecolor="white", edgecolor="#cccccc", boxstyle="round,pad=0.3")
)


class NetworkFigure(LiveFigure):
    """Left: the network, edges by liability size, nodes by default wave. Right: share of liabilities each node
    pays.
    """

    def __init__(self, L, positions, names, debtors):
        L = np.asarray(L, dtype=float)
        pos = np.asarray(positions, dtype=float)
        self.pos, self.debtors = pos, list(debtors)
        self.fig, (left, right) = new_figure(11.0, 5.2, ncols=2)
        top = L.max()
        for i, j in zip(*np.nonzero(L)):
            (x0, y0), (x1, y1) = pos[i], pos[j]
            left.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                arrowprops=dict(
                    arrowstyle="-|>",
                    color="#999999",
                    lw=0.8 + 4.0 * L[i, j] / top,
                    shrinkA=14,
                    shrinkB=14,
                    connectionstyle="arc3,rad=0.08",
                ),
            )
        for (x, y), name in zip(pos, names):
            left.text(x, y - 0.17, name, ha="center", va="top", fontsize=9)
        self.nodes = [
            left.plot([], [], ls="none", marker=m, ms=16, color=c, markeredgecolor="black", label=lab)[0]
            for lab, c, m in WAVE_STYLES
        ]
        self.note = left.text(0.0, 1.0, "", transform=left.transAxes, **{**_NOTE, "va": "top"})
        left.set_xlim(pos[:, 0].min() - 0.8, pos[:, 0].max() + 0.8)
        left.set_ylim(pos[:, 1].min() - 0.5, pos[:, 1].max() + 0.35)
        left.set_axis_off()
        left.set_title("stylised network · arrows: debtor → creditor, width ∝ amount owed", fontsize=10)
        left.legend(loc="upper left", bbox_to_anchor=(0, 0.0), fontsize=9, ncols=2, borderaxespad=0)
        y = np.arange(len(self.debtors))
        self.bars = right.barh(y, np.zeros(len(y)), height=0.6, color=PALETTE["sky"], edgecolor="black")
        right.axvline(100, color=PALETTE["black"], ls=LINESTYLES[1], lw=1.2)
        right.set_yticks(y, [names[i] for i in self.debtors], fontsize=9)
        right.invert_yaxis()
        right.set_xlim(0, 105)
        right.set_xlabel("share of its debts it pays (%)")
        self.dynamic = [*self.nodes, self.note, *self.bars.patches]
        self.freeze()

    def update(self, wave, paid_pct, note=""):
        wave = np.asarray(wave)
        cls = np.minimum(wave, 3)
        for k, line in enumerate(self.nodes):
            sel = cls == k
            line.set_data(self.pos[sel, 0], self.pos[sel, 1])
        for bar, val in zip(self.bars.patches, paid_pct):
            bar.set_width(val)
        self.note.set_text(note)
        return self.fig


LABELS_MAX, SCENARIOS_MAX, NODES_MAX = 8, 1_000_000, 100_000


@v.params(
    defaults_by_label=v.Checked(
        f"a non-empty dict of at most {LABELS_MAX} label -> defaults per scenario, each in [0, n]"
    ),
    n=v.Integer(1, NODES_MAX),
)
def defaults_figure(defaults_by_label: dict, n: int):
    """Histograms (as step lines) of the number of defaults per scenario, one per label (e.g. per correlation).

    ``defaults_by_label`` maps at most 8 labels to defaults per scenario (each a count in [0, n], at
    most a million scenarios a label); ``n`` is the number of institutions, in [1, 100,000].

    >>> fig = defaults_figure({"a": [0, 1, 1, 2]}, 3)
    >>> [float(x) for x in fig.axes[0].get_xlim()]
    [-0.5, 3.5]
    """
    if not isinstance(defaults_by_label, dict) or not defaults_by_label:
        raise TypeError("defaults_by_label must be a non-empty dict of label -> defaults per scenario")
    if len(defaults_by_label) > LABELS_MAX:
        raise ValueError(f"defaults_by_label must have at most {LABELS_MAX} labels, got {len(defaults_by_label)}")
    counts = {}
    for label, d in defaults_by_label.items():
        name = f"defaults_by_label[{str(label)[:40]!r}]"
        d = v.real_array(name, d, low=0.0, high=n)
        if d.size > SCENARIOS_MAX:
            raise ValueError(f"{name} must have at most {SCENARIOS_MAX:,} scenarios, got {d.size:,}")
        counts[label] = d
    fig, (ax,) = new_figure(7.0, 3.6)
    bins = np.arange(n + 2) - 0.5
    for i, (label, d) in enumerate(counts.items()):
        share, _ = np.histogram(d, bins=bins)
        colour = PALETTE[("blue", "vermillion", "green")[i % 3]]
        ax.step(
            np.arange(n + 1),
            100 * share / d.size,
            where="mid",
            color=colour,
            ls=LINESTYLES[i % 4],
            lw=2,
            label=str(label),
        )
    ax.set_xlim(-0.5, n + 0.5)
    ax.set_xlabel("institutions defaulting in a scenario")
    ax.set_ylabel("share of scenarios (%)")
    ax.legend(loc="upper right", fontsize=9)
    return fig
