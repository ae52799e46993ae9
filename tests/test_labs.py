"""Lab fuzzing: every lab, at every slider's ends and at random points, draws something sane.

For each lab in ``coordlab.labs.ALL_LABS`` (new labs are covered automatically): each
control at its minimum and maximum, all controls at their minima and at their maxima, and
seeded random points of the whole control space. Each update must raise nothing, warn
nothing, draw only finite data, say something, and give a PNG of a fixed size. Then the
widget: moving a slider in Python must change the image and the text under it.
"""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import Collection  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from PIL import Image  # noqa: E402

from coordlab.labs import ALL_LABS, Slider, Toggle  # noqa: E402

LABS = [pytest.param(cls, id=cls.__name__) for cls in ALL_LABS]


def _ends(c):
    """A control's two ends: a slider's min and max, a toggle's first and last option."""
    return (c.options[0], c.options[-1]) if isinstance(c, Toggle) else (c.checked(c.min), c.checked(c.max))


def _points(lab_cls, n_random=20, seed=0):
    controls = lab_cls.controls
    lows = {c.name: _ends(c)[0] for c in controls}
    highs = {c.name: _ends(c)[1] for c in controls}
    points = [lows, highs]
    for c in controls:
        points += [{c.name: _ends(c)[0]}, {c.name: _ends(c)[1]}]
        if isinstance(c, Toggle):
            points += [{c.name: o} for o in c.options]
    rng = np.random.default_rng(seed)
    for _ in range(n_random):
        points.append({c.name: c.grid(1001)[rng.integers(1001)] for c in controls})
    return points


def _one_step(c, here):
    """Where one arrow key takes a control from ``here`` (the browser test's keypress)."""
    if isinstance(c, Toggle):
        i = c.options.index(here)
        return c.options[i + 1] if i + 1 < len(c.options) else c.options[i - 1]
    if c.log:
        import math

        return 10 ** (math.log10(here) + (c.step if here * 10**c.step <= c.max else -c.step))
    step = here + c.step if here + c.step <= c.max else here - c.step
    return c.checked(step)


def _non_finite(fig):
    """Descriptions of drawn artists whose data are not finite."""
    bad = []
    for ax in fig.axes:
        for artist in ax.get_children():
            if not artist.get_visible():
                continue
            if isinstance(artist, Line2D):
                data = artist.get_xydata()
            elif isinstance(artist, Collection):
                data = np.concatenate(
                    [np.asarray(artist.get_offsets(), dtype=float).reshape(-1, 2)]
                    + [p.vertices for p in artist.get_paths()]
                    or [np.zeros((0, 2))]
                )
            elif isinstance(artist, Patch):
                data = artist.get_path().vertices
            elif isinstance(artist, Text):
                data = np.asarray(artist.get_position(), dtype=float)
            else:
                continue
            if not np.all(np.isfinite(np.asarray(data, dtype=float))):
                bad.append(f"{type(artist).__name__} {artist.get_label()!r}")
    return bad


@pytest.mark.parametrize("lab_cls", LABS)
def test_fuzz_every_corner_and_random_points(lab_cls):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lab = lab_cls()
        size = Image.open(io.BytesIO(lab.png())).size
        for point in _points(lab_cls):
            summary = lab.update(**point)
            assert isinstance(summary, str) and len(summary) > 20, (point, summary)
            assert "nan" not in summary.lower().split() and "inf" not in summary.split(), (point, summary)
            assert _non_finite(lab.figure) == [], point
            png = lab.png()
            assert png[:8] == b"\x89PNG\r\n\x1a\n"
            assert Image.open(io.BytesIO(png)).size == size, "the layout must stay fixed"


@pytest.mark.parametrize("lab_cls", LABS)
def test_every_control_changes_what_the_learner_sees(lab_cls):
    lab = lab_cls()
    for c in lab_cls.controls:
        lab = lab_cls()
        before_text, before_png = lab.update(), lab.png()
        low, high = _ends(c)
        other = high if c.value != high else low
        after_text = lab.update(**{c.name: other})
        assert after_text != before_text, f"moving {c.name} should change the summary"
        assert lab.png() != before_png, f"moving {c.name} should change the figure"


@pytest.mark.parametrize("lab_cls", LABS)
def test_one_slider_step_changes_the_summary(lab_cls):
    """What the browser test does with one arrow key: a single step of any slider changes the printed result.

    From the defaults and from seeded random points (a lab in a notebook often starts where a figure left it).
    """
    rng = np.random.default_rng(7)
    starts = [{}] + [{c.name: c.grid(9)[rng.integers(9)] for c in lab_cls.controls} for _ in range(2)]
    for start in starts:
        for c in lab_cls.controls:
            lab = lab_cls()
            before = lab.update(**start)
            step = _one_step(c, lab.values[c.name])
            assert lab.update(**{c.name: step}) != before, f"one step of {c.name} from {start or 'the defaults'}"


@pytest.mark.parametrize("lab_cls", LABS)
def test_out_of_range_and_unknown_controls_are_refused(lab_cls):
    lab = lab_cls()
    before = lab.update()
    for c in lab_cls.controls:
        if isinstance(c, Toggle):
            bads = ("no such option", 0.0, 1, None, c.value.upper())
        else:
            bads = (c.max + 10 * c.step, c.min - 10 * c.step, float("nan"), "1") + ((c.min + 0.5,) if c.integer else ())
        for bad in bads:
            with pytest.raises((ValueError, TypeError), match=c.name):
                lab.update(**{c.name: bad})
    with pytest.raises(TypeError, match="unknown control"):
        lab.update(no_such_control=1.0)
    assert lab.update() == before, "a refused update must leave the lab as it was"


@pytest.mark.parametrize("lab_cls", LABS)
def test_widget_slider_moves_image_and_text(lab_cls):
    import ipywidgets as w

    lab = lab_cls()
    box = lab.widget()
    sliders = [
        c for c in box.children if isinstance(c, (w.FloatSlider, w.FloatLogSlider, w.IntSlider, w.ToggleButtons))
    ]
    image = next(c for c in box.children if isinstance(c, w.Image))
    text = next(c for c in box.children if isinstance(c, w.HTML))
    assert len(sliders) == len(lab_cls.controls)
    assert "coordlab-lab" in box._dom_classes and "coordlab-summary" in text.value
    for slider, spec in zip(sliders, lab_cls.controls):
        kind = (
            w.ToggleButtons
            if isinstance(spec, Toggle)
            else w.IntSlider
            if spec.integer
            else w.FloatLogSlider
            if spec.log
            else w.FloatSlider
        )
        assert type(slider) is kind, (spec.name, type(slider).__name__)
        before_img, before_text = image.value, text.value
        low, high = _ends(spec)
        slider.value = high if slider.value != high else low
        assert image.value != before_img, spec.name
        assert text.value != before_text, spec.name
        assert "Cannot compute" not in text.value, text.value


def test_controls_fit_their_meaning():
    """A categorical choice is a row of toggle buttons; a slider whose every value is whole is an integer slider."""
    from coordlab.labs import CapstoneLab

    scenario = next(c for c in CapstoneLab.controls if c.name == "scenario")
    assert isinstance(scenario, Toggle) and "Black Thursday" in scenario.options
    for lab_cls in ALL_LABS:
        for c in lab_cls.controls:
            if isinstance(c, Slider):
                whole = not c.log and all(float(x).is_integer() for x in (c.min, c.max, c.step, c.value))
                assert c.integer == whole, c.name
                assert all(type(x) is (int if c.integer else float) for x in c.grid(5)), c.name
                assert "scenario" not in c.name and "strategy" not in c.name, f"{c.name}: a choice, not a number"
    counts = Slider("n", "keepers watching N", 2.0, 50.0, 1.0, 10.0)
    assert counts.integer and counts.checked(12.0) == 12 and type(counts.checked(12.0)) is int
    with pytest.raises(ValueError, match="value of n must be a whole number"):
        counts.checked(12.5)
    assert (
        "whole numbers" in counts.describe() and "log scale" in Slider("b", "b", 0.5, 1e3, 0.05, 10.0, True).describe()
    )
    choice = Toggle("scenario", "scenario", ("a", "b"), "a")
    assert choice.grid(5) == ["a", "b", "a", "b", "a"] and choice.describe() == "one of a, b"
    for bad in (
        dict(options=("a",), value="a"),
        dict(options=("a", "a"), value="a"),
        dict(options=("a", "b"), value="c"),
        dict(options=["a", "b"], value="a"),
    ):
        with pytest.raises(ValueError):
            Toggle("x", "x", **bad)


# Figures whose module another change owns, still taking positional data: listed until converted (the test fails
# once one is converted and still listed, so the list only shrinks).
POSITIONAL_FOR_NOW = {"NetworkFigure": "coordlab/plotting/contagion.py (reworked for the projector)"}


def test_figure_updates_take_named_data_and_are_annotated():
    """Issue 17: every figure's ``update`` (and ``compute`` of every lab) takes its data by name only, each
    parameter and the return annotated, so a lab cannot pass a price where a share belongs.
    """
    import importlib
    import inspect
    import pkgutil

    import coordlab.plotting

    def named_only(function: object) -> bool:
        params = list(inspect.signature(function).parameters.values())[1:]  # (self)
        return bool(params) and all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params)

    def annotated(function: object) -> bool:
        sig = inspect.signature(function)
        params = list(sig.parameters.values())[1:]
        return sig.return_annotation is not sig.empty and all(p.annotation is not p.empty for p in params)

    figures = {}
    for info in pkgutil.iter_modules(coordlab.plotting.__path__):
        module = importlib.import_module(f"coordlab.plotting.{info.name}")
        for name, cls in vars(module).items():
            if isinstance(cls, type) and cls.__module__ == module.__name__ and "update" in vars(cls):
                figures[name] = cls.update
    assert len(figures) >= 20 and {"KellyFigure", "CapstoneFigure", "BasinFigure"} <= set(figures)
    for name, update in figures.items():
        assert annotated(update), name
        assert named_only(update) != (name in POSITIONAL_FOR_NOW), name
    for lab_cls in ALL_LABS:
        if lab_cls.__module__ != "coordlab.labs.contagion":  # (the same other change)
            assert named_only(lab_cls.compute) and annotated(lab_cls.compute), lab_cls.__name__
    with pytest.raises(TypeError):  # positional data is refused
        figures["TerraFigure"](object(), [0.0, 1.0], [1.0, 0.5], [1e8, 2e8])
