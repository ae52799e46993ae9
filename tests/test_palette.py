"""Accessibility of the figures: the palette survives colour-vision deficiency, and colour is never the only code.

Colour-vision deficiency is simulated with the matrices of Machado, Oliveira and
Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision
Deficiency", IEEE TVCG 15(6), severity 1.0 (full dichromacy), applied in linear RGB;
distances are CIE76 ΔE in CIELAB (D65).
"""

from __future__ import annotations

import itertools

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from matplotlib.lines import Line2D  # noqa: E402

from coordlab.labs import ALL_LABS  # noqa: E402
from coordlab.plotting.style import PALETTE, SERIES  # noqa: E402

MACHADO = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
MIN_DELTA_E = 15.0  # every pair of series colours stays clearly apart (ΔE of about 10 is "obvious at a glance")


def _linear(rgb):
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb):
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear_rgb
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _rgb(hex_colour):
    return np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def test_conversion_sanity():
    assert np.allclose(_lab(_linear([1.0, 1.0, 1.0])), [100, 0, 0], atol=0.1)
    assert np.allclose(_lab(_linear([0.0, 0.0, 0.0])), [0, 0, 0], atol=1e-9)
    # a dichromat cannot tell red from green: the simulation must collapse them (else it simulates nothing)
    red, green = _linear([0.8, 0.2, 0.2]), _linear([0.45, 0.45, 0.2])
    normal = np.linalg.norm(_lab(red) - _lab(green))
    deut = np.linalg.norm(
        _lab(np.clip(np.array(MACHADO["deuteranopia"]) @ red, 0, 1))
        - _lab(np.clip(np.array(MACHADO["deuteranopia"]) @ green, 0, 1))
    )
    assert deut < normal / 2


@pytest.mark.parametrize("kind", ["normal", *MACHADO])
def test_series_colours_stay_apart(kind):
    matrix = np.eye(3) if kind == "normal" else np.array(MACHADO[kind])
    names = [*SERIES, "black"]
    labs = {n: _lab(np.clip(matrix @ _linear(_rgb(PALETTE[n])), 0, 1)) for n in names}
    for a, b in itertools.combinations(names, 2):
        assert np.linalg.norm(labs[a] - labs[b]) >= MIN_DELTA_E, (kind, a, b)


def _style(line: Line2D):
    marker = line.get_marker()
    return (line.get_linestyle(), None if marker in (None, "None", "", " ") else marker)


@pytest.mark.parametrize("lab_cls", ALL_LABS, ids=[c.__name__ for c in ALL_LABS])
def test_labelled_lines_differ_by_more_than_colour(lab_cls):
    """In every lab figure, two labelled lines of different colours also differ in line style or marker."""
    fig = lab_cls().figure
    for ax in fig.axes:
        lines = [ln for ln in ax.get_lines() if not ln.get_label().startswith("_")]
        for a, b in itertools.combinations(lines, 2):
            if matplotlib.colors.to_hex(a.get_color()) != matplotlib.colors.to_hex(b.get_color()):
                assert _style(a) != _style(b), (lab_cls.__name__, a.get_label(), b.get_label())
