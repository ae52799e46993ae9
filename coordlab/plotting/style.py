"""The course's figure style: the Okabe–Ito palette, line styles and markers, sizes.

Colour is never the only code: every series also has its own line style or
marker, and regions are hatched as well as shaded.

Source of the palette: M. Okabe and K. Ito (2008), "Color Universal Design
(CUD): How to make figures and presentations that are friendly to colorblind
people", https://jfly.uni-koeln.de/color/ (the eight colours below).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType

from coordlab import _validate as v

__all__ = ["PALETTE", "LINESTYLES", "MARKERS", "RC", "new_figure", "freeze_layout", "to_png", "LiveFigure"]

# Okabe–Ito, in the order series use them (black last, for reference lines).
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
SERIES = ("blue", "vermillion", "green", "orange", "purple", "sky")
LINESTYLES = ("-", "--", ":", "-.")
MARKERS = ("o", "s", "^", "D", "v", "P")

RC: dict[RcKeyType, Any] = {
    "font.size": 11,
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}


FIGURE = v.Instance(Figure, what="a matplotlib Figure")


@v.params(width=v.Real(1.0, 30.0), height=v.Real(1.0, 30.0), ncols=v.Integer(1, 6))
def new_figure(width: float = 7.0, height: float = 3.6, ncols: int = 1) -> tuple[Figure, list[Axes]]:
    """A new figure in the course style (not registered with pyplot).

    The figure is not shown automatically; display it, or hand it to a lab.

    Parameters
    ----------
    width, height : float
        Size in inches, each in [1, 30].
    ncols : int
        Number of side-by-side axes, in [1, 6].

    Examples
    --------
    >>> fig, axes = new_figure(4.0, 3.0, ncols=2)
    >>> len(axes), fig.get_size_inches().tolist()
    (2, [4.0, 3.0])
    """
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(1, ncols, squeeze=False)[0]
        for ax in axes:
            ax.grid(True, color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)
    return fig, list(axes)


@v.params(fig=FIGURE)
def freeze_layout(fig: Figure) -> None:
    """Lay the figure out once, then keep that layout on every redraw (faster updates).

    Call after the axes limits and labels are final.

    Examples
    --------
    >>> fig, _ = new_figure()
    >>> freeze_layout(fig)
    >>> type(fig.get_layout_engine()).__name__     # constrained layout done once, then held
    'PlaceHolderLayoutEngine'
    """
    fig.draw_without_rendering()
    fig.set_layout_engine("none")


@v.params(fig=FIGURE)
def to_png(fig: Figure) -> bytes:
    """The figure as PNG bytes, as a lab shows it (no tight bounding box: one draw).

    Examples
    --------
    >>> to_png(new_figure(2.0, 1.0)[0])[:4]
    b'\\x89PNG'
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    return buf.getvalue()


@v.params(fig=FIGURE, dynamic=v.Checked("a list of artists drawn on axes of fig"))
class LiveFigure:
    """A figure whose axes, labels and legend are drawn once and whose data artists are redrawn.

    Subclasses build ``self.fig`` with fixed limits, list the artists their
    ``update`` changes in ``self.dynamic``, then call ``self.freeze()`` (their own
    ``__init__`` replaces this one). ``png()`` restores the cached background and
    draws only those artists (blitting), which skips the text layout that dominates
    a full draw. A normal display of ``self.fig`` (the static figure in a notebook)
    still draws everything.

    ``LiveFigure(fig, dynamic)`` wraps a finished figure directly: ``dynamic`` lists
    the artists (on axes of ``fig``) that change between frames; the figure is frozen.

    Examples
    --------
    >>> fig, (ax,) = new_figure(3.0, 2.0)
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> live = LiveFigure(fig, [line])
    >>> live.png()[:4]
    b'\\x89PNG'
    """

    fig: Figure
    dynamic: list[Artist]
    _canvas: FigureCanvasAgg
    _background: Any

    def __init__(self, fig: Figure, dynamic: Sequence[Artist] = ()) -> None:
        if isinstance(dynamic, (str, bytes, dict)) or not isinstance(dynamic, (list, tuple)):
            raise TypeError(f"dynamic must be a list of artists drawn on axes of fig, got {type(dynamic).__name__}")
        for i, artist in enumerate(dynamic):
            if not isinstance(artist, Artist) or artist.axes is None or artist.axes not in fig.axes:
                raise ValueError(f"dynamic[{i}] must be an artist drawn on axes of fig, got {type(artist).__name__}")
        self.fig = fig
        self.dynamic = list(dynamic)
        self.freeze()

    @v.params()
    def freeze(self) -> None:
        """Freeze the layout and attach an Agg canvas; the next :meth:`png` caches the background."""
        freeze_layout(self.fig)
        self._canvas = FigureCanvasAgg(self.fig)
        self._background = None

    @v.params()
    def png(self) -> bytes:
        """The figure as PNG bytes, fast: background from cache, data artists drawn anew."""
        from PIL import Image

        canvas = self._canvas
        if self._background is None:
            for artist in self.dynamic:
                artist.set_visible(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            for artist in self.dynamic:
                artist.set_visible(True)
        canvas.restore_region(self._background)
        for artist in self.dynamic:
            if artist.axes is not None:  # (always: __init__ and the subclasses draw every dynamic artist on axes)
                artist.axes.draw_artist(artist)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        if to_rgba(self.fig.get_facecolor())[3] == 1.0:  # opaque (always, with the course style): drop the alpha
            image = image.convert("RGB")  # channel: 1-3 ms less to encode, about 10% fewer bytes to send
        buf = io.BytesIO()
        image.save(buf, format="png", compress_level=1)
        return buf.getvalue()
