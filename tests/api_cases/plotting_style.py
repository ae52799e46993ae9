"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.plotting.style
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _figure():
    from coordlab.plotting.style import new_figure

    fig, (ax,) = new_figure(3.0, 2.0)
    (line,) = ax.plot([0.0, 1.0], [0.0, 1.0])
    return fig, line


def _live():
    from coordlab.plotting.style import LiveFigure

    fig, line = _figure()
    return LiveFigure(fig, [line])


_FIG, _LINE = _figure()
_OTHER_FIG, _OTHER_LINE = _figure()

FUNCTIONS = {
    "new_figure": dict(width=4.0, height=3.0, ncols=2),
    "to_png": dict(fig=_FIG),
    "freeze_layout": dict(fig=_FIG),
}

CLASSES = {
    "LiveFigure": dict(fig=_FIG, dynamic=[_LINE]),
}

METHODS = {
    "LiveFigure.freeze": (_live, {}),
    "LiveFigure.png": (_live, {}),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "new_figure": {"width": [0.5, 100.0], "height": [0.0], "ncols": [0, 7, 2.0, "2", None, True]},
    "to_png": {"fig": [None, "fig", 1.0]},
    "freeze_layout": {"fig": [None, "fig", 1.0]},
    "LiveFigure": {"fig": [None, "fig"], "dynamic": [None, "line", [object()], [1], [_OTHER_LINE], (_LINE, None)]},
}

EXEMPT = {
    "PALETTE": "a constant",
    "LINESTYLES": "a constant",
    "MARKERS": "a constant",
    "RC": "a constant",
}
