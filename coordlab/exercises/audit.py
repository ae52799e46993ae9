"""Is an exercise's answer already on the page? The audit behind the course's structure test.

For a checked numeric exercise, every number written above it (in the
markdown, alt text included, in the stored outputs, in the collapsed worked
solutions of earlier exercises) and in every message its check can return is
read in the forms a learner could copy: as written, as a percentage of a
fraction or the reverse, with or without thousands separators, with a
``k``/``M``/``bn`` suffix. It is a leak when the check would accept it as the
answer.

    >>> [text for text, _, _ in numbers_in("The rate is 41.5% a year, about 2,865.3 ETH.")]
    ['41.5%', '2,865.3']
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from typing import Any

from coordlab import _validate as v
from coordlab.exercises.check import REGISTRY, Numeric, load_all, rounded, unit_kind

__all__ = ["Leak", "answers_on_page", "numbers_in", "check_cell", "exercise_start", "page_text"]

_NUMBER = re.compile(
    r"(?<![\w.])(?P<sign>[-\u2212]\s?)?"
    r"(?P<digits>\d{1,3}(?:(?:,|\u2009|\u202f| |\\,|\{,\})\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suffix>\s?(?:%|\\%|percent\b|bps?\b|basis points?\b|k\b|M\b|m\b|million\b|bn\b|billion\b))?"
)
_POWER = {
    "%": -2,
    "\\%": -2,
    "percent": -2,
    "k": 3,
    "M": 6,
    "m": 6,
    "million": 6,
    "bn": 9,
    "billion": 9,
    "bp": -4,
    "bps": -4,
    "basis point": -4,
    "basis points": -4,
}


@dataclass(frozen=True)
class Leak:
    """A number on the page that the check of exercise ``key`` accepts as its answer."""

    key: str
    cell: int | None  # the cell it is in (None: a message of the check)
    where: str  # "markdown", "output" or "message"
    text: str  # the number as written

    def __str__(self) -> str:
        place = "a message of its check" if self.cell is None else f"cell {self.cell} ({self.where})"
        return f"{self.key}: {self.text!r} in {place}"


@v.params(text=v.Text(min_len=0, max_len=10**7))
def numbers_in(text: str) -> list[tuple[str, decimal.Decimal, int]]:
    """Each number written in ``text``: as written, its exact value and the power of ten its suffix means.

    >>> [(t, str(x), p) for t, x, p in numbers_in("about 2,865.3 ETH, or 41.5%, 2 M")]
    [('2,865.3', '2865.3', 0), ('41.5%', '41.5', -2), ('2 M', '2', 6)]
    """
    out = []
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\\,|\{,\}|[,\u2009\u202f ]", "", m.group("digits"))
        try:
            x = decimal.Decimal(digits)
        except decimal.InvalidOperation:
            continue
        if m.group("sign"):
            x = -x
        suffix = (m.group("suffix") or "").strip()
        out.append((m.group(0).strip(), x, _POWER.get(suffix, 0)))
    return out


_NB = v.Checked(
    "a notebook: a mapping with a list of 'cells' (nbformat's or the .ipynb's JSON)",
    refused=(None, [], {"cells": 3}, {"cells": [3]}),
)
_KEY = v.Checked("an exercise id, like '01.2'", refused=(None, 1.2, "1.2"))
_CELL = v.Checked("a notebook cell: a mapping with 'cell_type' and 'source'", refused=(None, 3, {"source": ""}))


def _checked_notebook(nb: Any) -> Any:
    from collections.abc import Mapping

    if not isinstance(nb, Mapping) or not isinstance(nb.get("cells"), list):
        raise TypeError(f"nb must be a notebook (a mapping with a list of 'cells'), got {v.describe(nb)}")
    for i, cell in enumerate(nb["cells"]):
        _checked_cell(cell, f"nb['cells'][{i}]")
    return nb


def _checked_cell(cell: Any, name: str = "cell") -> Any:
    from collections.abc import Mapping

    if not isinstance(cell, Mapping) or "cell_type" not in cell or "source" not in cell:
        raise TypeError(
            f"{name} must be a notebook cell (a mapping with 'cell_type' and 'source'), got {v.describe(cell)}"
        )
    return cell


def _checked_key(key: Any) -> str:
    if not isinstance(key, str) or not re.fullmatch(r"\d\d\.\d+", key):
        raise ValueError(f"key must be an exercise id like '01.2', got {v.describe(key)}")
    return key


@v.params(nb=_NB, key=_KEY)
def check_cell(nb: Any, key: str) -> int:
    """The index of the code cell that calls ``check(key, ...)``."""
    nb, key = _checked_notebook(nb), _checked_key(key)
    pattern = re.compile(r"check\(\s*[\"']" + re.escape(key) + r"[\"']")
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code" and pattern.search(_source(cell)):
            return i
    raise ValueError(f"key: no cell of this notebook calls check({key!r}, ...)")


@v.params(nb=_NB, key=_KEY)
def exercise_start(nb: Any, key: str) -> int:
    """The index of the exercise's heading (the markdown cell that starts it)."""
    i = check_cell(nb, key)
    for j in range(i - 1, -1, -1):
        cell = nb["cells"][j]
        if cell["cell_type"] == "markdown" and re.search(r"^#+\s*Exercise\b", _source(cell), re.M):
            return j
    return i


@v.params(cell=_CELL)
def page_text(cell: Any) -> list[tuple[str, str]]:
    """The text a learner reads in a cell: ``("markdown", source)`` or ``("output", text)`` pieces."""
    _checked_cell(cell)
    if cell["cell_type"] == "markdown":
        return [("markdown", _source(cell))]
    pieces = []
    for out in cell.get("outputs", []):
        if "text" in out:
            pieces.append(("output", _joined(out["text"])))
        for mime in ("text/plain", "text/markdown", "text/html", "text/latex"):
            if mime in out.get("data", {}):
                pieces.append(("output", _joined(out["data"][mime])))
    return pieces


@v.params(nb=_NB, key=_KEY)
def answers_on_page(nb: Any, key: str) -> list[Leak]:
    """Every number above exercise ``key`` of notebook ``nb``, or in its check's messages, that the check accepts.

    Numbers listed in the exercise's ``coincidences`` (with why they do not give it away)
    are not counted in the notebook's cells; in the check's own messages every number counts.
    """
    nb, key = _checked_notebook(nb), _checked_key(key)
    load_all()
    ex = REGISTRY.get(key)
    if not isinstance(ex, Numeric):
        raise ValueError(f"key must be the id of a numeric exercise, got {key!r}")
    leaks = []
    want = float(ex.answer())  # once: some answers search a model
    allowed = {text for text, _ in ex.coincidences}
    start = exercise_start(nb, key)
    for i, cell in enumerate(nb["cells"][:start]):
        for where, text in page_text(cell):
            leaks += [
                Leak(key, i, where, t) for t, x, p in numbers_in(text) if _gives(ex, want, x, p) and t not in allowed
            ]
    for text in _messages(ex):
        leaks += [Leak(key, None, "message", t) for t, x, p in numbers_in(text) if _gives(ex, want, x, p)]
    return leaks


def _gives(ex: Numeric, answer: float, x: decimal.Decimal, power: int) -> bool:
    """Does a number written ``x`` (its suffix meaning 10**power) give ``ex``'s answer away?

    It does when a reading of it is the answer rounded to that reading's own decimals and
    the check accepts it: 3.3 is not the answer 3, but 3 and 3.0 are. The readings: the
    number as written, as its suffix scales it and, for a fraction or a percentage, the
    one read as the other.
    """
    powers = {0, power}
    if unit_kind(ex.unit) in ("fraction", "percent", "bps"):
        powers |= {2, -2}
    want = decimal.Decimal(repr(answer))
    right = rounded(answer, ex.decimals)
    for p in powers:
        reading = x.scaleb(p)
        exponent = reading.as_tuple().exponent
        places = max(-exponent, 0) if isinstance(exponent, int) else 0
        with decimal.localcontext() as ctx:
            ctx.prec = 800
            same = want.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP) == reading
        if same and rounded(float(reading), ex.decimals) == right:  # what Numeric.check accepts as right
            return True
    return False


def _messages(ex: Numeric) -> list[str]:
    return [ex.hint, ex.close_hint] + [hint for _, hint in ex.traps]


def _source(cell: Any) -> str:
    return _joined(cell["source"])


def _joined(text: Any) -> str:
    return "".join(text) if isinstance(text, list) else str(text)
