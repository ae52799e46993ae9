"""Figures for notebook 10 (systemic risk and contagion): the network by default wave, and the spread of defaults.

As everywhere in ``coordlab.plotting``: built once with fixed limits, updated in
place; inputs are model results. Default waves are shown by marker shape and a
legend as well as colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox

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
_NOTE: dict[str, Any] = dict(
    ha="left", va="bottom", fontsize=9, bbox=dict(facecolor="white", edgecolor="#cccccc", boxstyle="round,pad=0.3")
)


NODE_SIZE = 16.0  # marker size of a node (points)
LABEL_FONTSIZE = 10.0
# A label's anchor sits this far from its node's centre (points): the marker's radius, its edge, and a gap.
LABEL_OFFSET = NODE_SIZE / 2 + 1.0 + 4.0
ARROW_SHRINK = NODE_SIZE / 2 + 5.0  # arrows stop this far from a node's centre (points): clear of the marker


def _clearance(u: tuple[float, float], edge_angles: np.ndarray) -> float:
    """The smallest angle (radians, rounded so ties are exact) between direction ``u`` and any of the arrows."""
    if edge_angles.size == 0:
        return round(float(np.pi), 6)
    a = np.arctan2(u[1], u[0])
    return round(float(np.min(np.abs((a - edge_angles + np.pi) % (2 * np.pi) - np.pi))), 6)


def _label_directions(positions: np.ndarray, L: np.ndarray) -> list[tuple[float, float]]:
    """For each node, the compass direction (a unit vector) in which its label goes.

    Of the eight compass directions, the one farthest in angle from every arrow at the node (in or out),
    so the label sits in the widest gap between its arrows; among equally clear ones, the most outward
    (away from the network's centre), so labels do not crowd the middle.

    >>> _label_directions(np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([[0.0, 1.0], [0.0, 0.0]]))[0]
    (-1.0, 0.0)
    """
    pos = np.asarray(positions, dtype=float)
    centre = pos.mean(axis=0)
    compass = [(float(np.cos(a)), float(np.sin(a))) for a in np.arange(8) * np.pi / 4]
    out = []
    for i, p in enumerate(pos):
        others = [j for j in range(len(pos)) if j != i and (L[i, j] > 0 or L[j, i] > 0)]
        edge_angles = np.array([np.arctan2(*(pos[j] - p)[::-1]) for j in others])
        away = p - centre
        away = away / np.linalg.norm(away) if np.linalg.norm(away) > 0 else np.zeros(2)
        best = max(compass, key=lambda u: (_clearance(u, edge_angles), float(np.dot(u, away))))  # noqa: B023
        out.append((round(best[0], 12) + 0.0, round(best[1], 12) + 0.0))
    return out


class NetworkFigure(LiveFigure):
    """Left: the network, edges by liability size, nodes by default wave. Right: share of liabilities each node
    pays.

    Each node's name sits outside its marker, in the widest gap between its arrows
    (:func:`_label_directions`), and arrows stop short of the markers, so no label is covered by a marker or
    an arrow (:meth:`overlaps` measures it on the drawn figure; ``tests/test_lecture.py`` checks it).
    """

    def __init__(self, L: np.ndarray, positions: np.ndarray, names: Sequence[str], debtors: Sequence[int]) -> None:
        L = np.asarray(L, dtype=float)
        pos = np.asarray(positions, dtype=float)
        self.pos, self.debtors = pos, list(debtors)
        self.fig, (left, right) = new_figure(11.0, 5.2, ncols=2)
        top = L.max()
        self.arrows = []
        for i, j in zip(*np.nonzero(L)):
            (x0, y0), (x1, y1) = pos[i], pos[j]
            self.arrows.append(
                left.annotate(
                    "",
                    xy=(x1, y1),
                    xytext=(x0, y0),
                    arrowprops=dict(
                        arrowstyle="-|>",
                        color="#999999",
                        lw=0.8 + 4.0 * L[i, j] / top,
                        shrinkA=ARROW_SHRINK,
                        shrinkB=ARROW_SHRINK,
                        connectionstyle="arc3,rad=0.08",
                    ),
                )
            )
        self.labels = []
        for (x, y), name, (ux, uy) in zip(pos, names, _label_directions(pos, L)):
            self.labels.append(
                left.annotate(
                    name,
                    xy=(x, y),
                    xytext=(LABEL_OFFSET * ux, LABEL_OFFSET * uy),
                    textcoords="offset points",
                    ha="left" if ux > 0.3 else "right" if ux < -0.3 else "center",
                    va="bottom" if uy > 0.3 else "top" if uy < -0.3 else "center",
                    fontsize=LABEL_FONTSIZE,
                )
            )
        self.nodes = [
            left.plot([], [], ls="none", marker=m, ms=NODE_SIZE, color=c, markeredgecolor="black", label=lab)[0]
            for lab, c, m in WAVE_STYLES
        ]
        self.note = left.text(0.0, 1.0, "", transform=left.transAxes, **{**_NOTE, "va": "top"})
        left.set_xlim(pos[:, 0].min() - 1.1, pos[:, 0].max() + 1.1)
        left.set_ylim(pos[:, 1].min() - 0.6, pos[:, 1].max() + 0.45)
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

    def update(self, wave: np.ndarray, paid_pct: np.ndarray, note: str = "") -> Figure:
        """Show each node's default wave (marker) and the share of its debts each debtor pays (bars)."""
        wave = np.asarray(wave)
        cls = np.minimum(wave, 3)
        for k, line in enumerate(self.nodes):
            sel = cls == k
            line.set_data(self.pos[sel, 0], self.pos[sel, 1])
        for bar, val in zip(self.bars.patches, paid_pct):
            bar.set_width(val)
        self.note.set_text(note)
        return self.fig

    def overlaps(self) -> list[str]:
        """What covers a node's label on the figure as drawn: another label, a marker, or an arrow (empty: none).

        Measured in display coordinates with the renderer: each label's text box against the box of every
        node's marker (its centre, padded by half the marker size and its edge), every other label, and the
        outline of every arrow (shaft and head, widened by half its line width).
        """
        canvas = FigureCanvasAgg(self.fig) if not isinstance(self.fig.canvas, FigureCanvasAgg) else self.fig.canvas
        canvas.draw()
        renderer = canvas.get_renderer()
        px = self.fig.dpi / 72.0
        boxes = [label.get_window_extent(renderer) for label in self.labels]
        found = []
        half = (NODE_SIZE / 2 + 1.0) * px
        for line in self.nodes:
            xy = np.asarray(line.get_xydata(), dtype=float).reshape(-1, 2)
            xy = line.get_transform().transform(xy) if len(xy) else xy
            for cx, cy in xy:
                marker = Bbox([[cx - half, cy - half], [cx + half, cy + half]])
                found += [
                    f"label {label.get_text()!r} overlaps a {line.get_label()!r} marker at ({cx:.0f}, {cy:.0f}) px"
                    for label, box in zip(self.labels, boxes)
                    if box.overlaps(marker)
                ]
        for a in range(len(boxes)):
            for b in range(a + 1, len(boxes)):
                if boxes[a].overlaps(boxes[b]):
                    found.append(f"labels {self.labels[a].get_text()!r} and {self.labels[b].get_text()!r} overlap")
        for arrow in self.arrows:
            patch = arrow.arrow_patch
            if patch is None:  # never: every arrow annotation is made with arrowprops
                continue
            path = patch.get_transform().transform_path(patch.get_path())
            # as polylines (curves flattened, the head's polygon closed by its own vertices, not by CLOSEPOLY's
            # placeholder vertex), widened by half the line width
            lines = [MplPath(xy) for xy in path.to_polygons(closed_only=False)]
            pad = patch.get_linewidth() * px / 2
            for label, box in zip(self.labels, boxes):
                if any(line.intersects_bbox(box.padded(pad), filled=False) for line in lines):
                    found.append(f"an arrow crosses label {label.get_text()!r}")
        return found


LABELS_MAX, SCENARIOS_MAX, NODES_MAX = 8, 1_000_000, 100_000


@v.params(
    defaults_by_label=v.Checked(
        f"a non-empty dict of at most {LABELS_MAX} label -> defaults per scenario, each in [0, n]"
    ),
    n=v.Integer(1, NODES_MAX),
)
def defaults_figure(defaults_by_label: dict, n: int) -> Figure:
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
