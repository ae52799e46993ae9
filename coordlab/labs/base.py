"""The lab pattern: controls, a model call, a figure updated in place, a summary.

A subclass declares its ``controls`` (``Slider`` specs) and implements

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

__all__ = ["Slider", "Lab"]


@v.params(name=v.Text(1, 100), label=v.Text(1, 200), min=v.Real(-1e15, 1e15), max=v.Real(-1e15, 1e15),
          step=v.Real(0.0, 1e15, low_open=True), value=v.Real(-1e15, 1e15), log=v.Boolean())
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

    @v.params(n=v.Integer(2, 100_000))
    def grid(self, n: int = 7) -> np.ndarray:
        """``n`` values from min to max (evenly in log space for a log slider)."""
        if self.log:
            return np.logspace(math.log10(self.min), math.log10(self.max), n)
        return np.linspace(self.min, self.max, n)

    @v.params()
    def make_widget(self):
        import ipywidgets as w

        common = dict(description=self.label, continuous_update=True, readout=True,
                      style={"description_width": "initial"}, layout=w.Layout(width="460px"))
        if self.log:
            return w.FloatLogSlider(value=self.value, base=10, min=math.log10(self.min),
                                    max=math.log10(self.max), step=self.step, readout_format=".3g", **common)
        return w.FloatSlider(value=self.value, min=self.min, max=self.max, step=self.step,
                             readout_format=".3g", **common)


class Lab:
    """Base class of every lab (see the module docstring)."""

    controls: tuple[Slider, ...] = ()

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

        Unknown names raise ``TypeError``; a value outside its slider's range raises
        ``ValueError`` naming the control (the lab only promises what its sliders reach).
        """
        unknown = set(values) - set(self.values)
        if unknown:
            raise TypeError(f"unknown control(s) {sorted(unknown)}; this lab has {sorted(self.values)}")
        spec = {c.name: c for c in self.controls}
        checked = {name: v.real(name, x, low=spec[name].min, high=spec[name].max) for name, x in values.items()}
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
                message = self.update(**{change["owner"]._coordlab_name: float(change["new"])})
            except ValueError as exc:  # a clear message beats a traceback in a lab
                text.value = self._html(f"Cannot compute that: {exc}")
                return
            image.value = self.png()
            text.value = self._html(message)

        for name, s in sliders.items():
            s._coordlab_name = name
            s.observe(on_change, names="value")
        box = w.VBox([*sliders.values(), image, text])
        box.add_class("coordlab-lab")
        return box

    @staticmethod
    def _html(message: str) -> str:
        import html

        return f"<pre class='coordlab-summary' style='white-space:pre-wrap'>{html.escape(message)}</pre>"
