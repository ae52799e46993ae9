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

import numpy as np

from coordlab import _validate as v

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

    def __post_init__(self):
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
    def checked(self, value):
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

    @v.params()
    def make_widget(self):
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
            value=self.value, min=self.min, max=self.max, step=self.step, readout_format=".3g", **common
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

    def __post_init__(self):
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
    def checked(self, value):
        """``value`` if it is one of the options, else a clear error."""
        return v.choice(f"value of {self.name}", value, self.options)

    @v.params()
    def describe(self) -> str:
        """The options in words (the static fallback of a lab lists them)."""
        return "one of " + ", ".join(self.options)

    @v.params()
    def make_widget(self):
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

    def __init__(self):
        self.values = {c.name: c.value for c in self.controls}
        self.figure_object = self.make_figure()
        self.result = None
        self.update()

    # --- to implement -------------------------------------------------------
    def make_figure(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def compute(self, **values):  # pragma: no cover - abstract
        raise NotImplementedError

    def draw(self, result) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def summary(self, result) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    # --- the pattern ----------------------------------------------------------
    @property
    def figure(self):
        """The lab's matplotlib figure at the current values (display it for a static view)."""
        return self.figure_object.fig

    @v.params()  # each value is checked against its control below (tests/test_fuzz_api.py fuzzes them)
    def update(self, **values) -> str:
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

    @v.params()
    def png(self) -> bytes:
        """The current figure as PNG bytes (what the widget shows)."""
        return self.figure_object.png()

    @v.params()
    def widget(self):
        """The interactive lab: its sliders, the figure, and the summary beneath it."""
        import ipywidgets as w

        sliders = {c.name: c.make_widget() for c in self.controls}
        for name, s in sliders.items():
            s.value = self.values[name]
        image = w.Image(value=self.png(), format="png", layout=w.Layout(width="700px"))
        text = w.HTML(self._html(self.summary(self.result)))

        def on_change(change):
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

        return f"<pre class='coordlab-summary' style='white-space:pre-wrap'>{html.escape(message)}</pre>"
