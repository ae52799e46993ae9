"""The lab pattern: controls, a model call, a figure updated in place, a summary.

A subclass declares its ``controls`` (``Slider`` specs for quantities, shown as
integers when every value is whole; ``Toggle`` specs for a categorical choice
such as a scenario) and implements

- ``compute(**values)``: call the model, return its result (no drawing);
- ``draw(result)``: move the figure's artists to show the result;
- ``summary(result)``: the result in words (what the figure shows, for
  readers who cannot see it, and for tests).

``update(**values)`` does all three and returns the summary. The widget shows
the figure as a PNG image and the summary as text beneath it; a slider change
calls ``update`` and swaps the image, so nothing is re-created.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np

from coordlab import _validate as v

if TYPE_CHECKING:
    from matplotlib.figure import Figure


__all__ = ["Slider", "Toggle", "Lab"]


@v.params(
    name=v.Text(1, 100),
    label=v.Text(1, 200),
    min=v.Real(-1e15, 1e15),
    max=v.Real(-1e15, 1e15),
    step=v.Real(0.0, 1e15, low_open=True),
    value=v.Real(-1e15, 1e15),
    log=v.Boolean(),
)
@dataclass(frozen=True)
class Slider:
    """A numeric control: its name (the keyword ``update`` takes), label and range.

    With ``log=True`` the slider moves in powers of ten between ``min`` and ``max``
    and ``step`` is the step of the exponent.
    """

    name: str
    label: str
    min: float
    max: float
    step: float
    value: float
    log: bool = False

    def __post_init__(self) -> None:
        if not (self.min < self.max and self.min <= self.value <= self.max and self.step > 0):
            raise ValueError(f"slider {self.name!r}: need min < max, min <= value <= max, step > 0")
        if self.log and self.min <= 0:
            raise ValueError(f"slider {self.name!r}: a log slider needs min > 0")

    @property
    def integer(self) -> bool:
        """A count or a whole number of units: every value the slider reaches is whole (shown as ``10``, not
        ``10.0``).
        """
        return not self.log and all(float(x).is_integer() for x in (self.min, self.max, self.step, self.value))

    @v.params(n=v.Integer(2, 100_000))
    def grid(self, n: int = 7) -> list:
        """``n`` values from min to max (evenly in log space for a log slider; whole numbers for an integer one)."""
        if self.log:
            return [float(x) for x in np.logspace(math.log10(self.min), math.log10(self.max), n)]
        if self.integer:
            return [int(round(x)) for x in np.linspace(self.min, self.max, n)]
        return [float(x) for x in np.linspace(self.min, self.max, n)]

    @v.params(value=v.Checked("any value: the slider says whether it can reach it"))
    def checked(self, value: Any) -> float | int:
        """``value`` if the slider can reach it (an ``int`` for an integer slider), else a clear error."""
        x = v.real(f"value of {self.name}", value, low=self.min, high=self.max)
        if self.integer:
            if not x.is_integer():
                raise ValueError(
                    f"value of {self.name} must be a whole number from {self.min:g} to {self.max:g}, got {x:g}"
                )
            return int(x)
        return x

    @v.params()
    def describe(self) -> str:
        """The control's range in words (the static fallback of a lab lists it)."""
        kind = " (log scale)" if self.log else " (whole numbers)" if self.integer else ""
        return f"from {self.min:g} to {self.max:g}{kind}"

    @property
    def decimals(self) -> int:
        """The decimals the readout shows: those of the step (``0.05`` -> 2), at most 6; 0 for a whole step."""
        exponent = Decimal(repr(float(self.step))).normalize().as_tuple().exponent
        return min(6, max(0, -int(exponent)))

    @v.params()
    def make_widget(self) -> Any:
        """The ipywidgets slider: an ``IntSlider`` for whole numbers, else a float slider whose readout shows the
        step's decimals (every step changes it; never an exponent such as ``1.5e+03`` on a linear slider)."""
        import ipywidgets as w

        common = dict(
            description=self.label,
            continuous_update=True,
            readout=True,
            style={"description_width": "initial"},
            layout=w.Layout(width="460px"),
        )
        if self.integer:
            return w.IntSlider(
                value=int(self.value), min=int(self.min), max=int(self.max), step=int(self.step), **common
            )
        if self.log:
            return w.FloatLogSlider(
                value=self.value,
                base=10,
                min=math.log10(self.min),
                max=math.log10(self.max),
                step=self.step,
                readout_format=".3g",
                **common,
            )
        return w.FloatSlider(
            value=self.value,
            min=self.min,
            max=self.max,
            step=self.step,
            readout_format=f",.{self.decimals}f",
            **common,
        )


@v.params(
    name=v.Text(1, 100),
    label=v.Text(1, 200),
    options=v.Checked("a tuple of 2 to 20 distinct option names (strings)"),
    value=v.Text(1, 200),
)
@dataclass(frozen=True)
class Toggle:
    """A categorical control (a scenario, a strategy, an ordering rule): one of a few named options.

    Shown as a row of toggle buttons, all options in view (a projector shows the choices) and
    usable from the keyboard (Tab to a button, Space or Enter). Not a dropdown: in JupyterLab's
    command mode the arrow keys of a focused dropdown move between cells instead of options.
    """

    name: str
    label: str
    options: tuple
    value: str

    def __post_init__(self) -> None:
        if not (
            isinstance(self.options, tuple)
            and 2 <= len(self.options) <= 20
            and all(isinstance(o, str) and o for o in self.options)
            and len(set(self.options)) == len(self.options)
        ):
            raise ValueError(
                f"options must be a tuple of 2 to 20 distinct option names, got {v.describe(self.options)}"
            )
        if self.value not in self.options:
            raise ValueError(f"value must be one of the options {self.options}, got {self.value!r}")

    @v.params(n=v.Integer(2, 100_000))
    def grid(self, n: int = 7) -> list:
        """``n`` options, in order and cycling (what a sweep of the control visits)."""
        return [self.options[i % len(self.options)] for i in range(n)]

    @v.params(value=v.Checked("any value: the toggle says whether it is one of its options"))
    def checked(self, value: Any) -> str:
        """``value`` if it is one of the options, else a clear error."""
        return v.choice(f"value of {self.name}", value, self.options)

    @v.params()
    def describe(self) -> str:
        """The options in words (the static fallback of a lab lists them)."""
        return "one of " + ", ".join(self.options)

    @v.params()
    def make_widget(self) -> Any:
        """The ipywidgets toggle buttons, one per option."""
        import ipywidgets as w

        return w.ToggleButtons(
            options=list(self.options),
            value=self.value,
            description=self.label,
            style={"description_width": "initial", "button_width": "auto"},
        )


class Lab:
    """Base class of every lab (see the module docstring)."""

    controls: tuple[Slider | Toggle, ...] = ()
    #: The live figure (:meth:`png`, the widget) is rendered at this multiple of the figure's own resolution and
    #: shown at most at its natural size in CSS pixels. 1 in a notebook; the lecture pages (``tools/lecture.py``)
    #: set ``Lab.png_scale = 1.5``: a device pixel per CSS pixel at 150% zoom or on a 1.5x screen, sharp on a
    #: projector. Encoding the PNG dominates an update and grows with the pixels: 1.5 costs about twice 1, and 2
    #: about 2.5 times (measured in the closing note of issue 16). The static figure (``lab.figure`` displayed
    #: in a notebook) keeps the figure's resolution as long as it is shown before the first :meth:`png`.
    png_scale: float = 1.0

    def __init__(self) -> None:
        self.values = {c.name: c.value for c in self.controls}
        self.figure_object = self.make_figure()
        self.natural_dpi = float(self.figure_object.fig.dpi)
        self.result = None
        self.update()

    # --- to implement -------------------------------------------------------
    def make_figure(self) -> Any:  # pragma: no cover - abstract (a LiveFigure with its own update)
        raise NotImplementedError

    def compute(self, *args: Any, **values: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def draw(self, result: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def summary(self, result: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    # --- the pattern ----------------------------------------------------------
    @property
    def figure(self) -> Figure:
        """The lab's matplotlib figure at the current values (display it for a static view)."""
        return self.figure_object.fig

    @v.params()  # each value is checked against its control below (tests/test_fuzz_api.py fuzzes them)
    def update(self, **values: Any) -> str:
        """Set some controls' values, run the model, redraw; return the summary text.

        Unknown names raise ``TypeError``; a value outside its slider's range (or not
        whole, for an integer slider) or not among a toggle's options raises
        ``ValueError`` naming the control (the lab only promises what its controls reach).
        """
        unknown = set(values) - set(self.values)
        if unknown:
            raise TypeError(f"unknown control(s) {sorted(unknown)}; this lab has {sorted(self.values)}")
        spec = {c.name: c for c in self.controls}
        checked = {name: spec[name].checked(x) for name, x in values.items()}
        merged = {**self.values, **checked}
        result = self.compute(**merged)  # raises before anything changes if a value is bad
        self.values, self.result = merged, result
        self.draw(result)
        return self.summary(result)

    @property
    def natural_width(self) -> int:
        """The figure's width in CSS pixels at its own resolution: the most the widget shows it at."""
        return round(float(self.figure_object.fig.get_size_inches()[0]) * self.natural_dpi)

    @v.params()
    def png(self) -> bytes:
        """The current figure as PNG bytes (what the widget shows), at ``png_scale`` times its resolution.

        The first call moves the figure to that resolution (its frozen layout scales with it, so the
        picture is the same, sharper); later calls redraw only its data artists.
        """
        fig = self.figure_object.fig
        dpi = self.natural_dpi * self.png_scale
        if fig.dpi != dpi:
            fig.set_dpi(dpi)
            self.figure_object.freeze()  # a new canvas at the new size; the background is cached again
        return self.figure_object.png()

    @v.params()
    def widget(self) -> Any:
        """The interactive lab: its sliders, the figure, and the summary beneath it.

        The figure fills the width it is given up to its natural size (``natural_width`` CSS pixels; the
        PNG has ``png_scale`` times as many each way), keeping its aspect ratio.
        """
        import ipywidgets as w

        sliders = {c.name: c.make_widget() for c in self.controls}
        for name, s in sliders.items():
            s.value = self.values[name]
        layout = w.Layout(width="100%", max_width=f"{self.natural_width}px", height="auto")
        image = w.Image(value=self.png(), format="png", layout=layout)
        image.add_class("coordlab-figure")
        text = w.HTML(self._html(self.summary(self.result)))

        def on_change(change: dict) -> None:
            try:
                message = self.update(**{names[id(change["owner"])]: change["new"]})
            except ValueError as exc:  # a clear message beats a traceback in a lab
                text.value = self._html(f"Cannot compute that: {exc}")
                return
            image.value = self.png()
            text.value = self._html(message)

        names = {id(s): name for name, s in sliders.items()}  # the control that changed -> its parameter
        for s in sliders.values():
            s.observe(on_change, names="value")
        box = w.VBox([*sliders.values(), image, text])
        box.add_class("coordlab-lab")
        return box

    @staticmethod
    def _html(message: str) -> str:
        import html

        # Wrapped at spaces only: JupyterLab's output styles break words anywhere ("disc/ount" at 150% zoom).
        style = "white-space:pre-wrap;overflow-wrap:normal;word-break:normal;hyphens:manual"
        return f"<pre class='coordlab-summary' style='{style}'>{html.escape(message)}</pre>"
