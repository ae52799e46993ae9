"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.exercises.audit
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

_NB = {
    "cells": [
        {"cell_type": "markdown", "source": "A rate of 41.5% a year."},
        {"cell_type": "markdown", "source": "### Exercise 1\nWhat is the rate?"},
        {"cell_type": "code", "source": 'check("09.1", None)', "outputs": []},
    ]
}

FUNCTIONS = {
    "numbers_in": dict(text="2,865.3 ETH, 41.5%, 2 M"),
    "answers_on_page": dict(nb=_NB, key="09.1"),
    "check_cell": dict(nb=_NB, key="09.1"),
    "exercise_start": dict(nb=_NB, key="09.1"),
    "page_text": dict(cell=_NB["cells"][0]),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "answers_on_page": {"key": ["01.1", "99.9", "01.2 "]},
    "check_cell": {"key": ["01.2", "99.9"]},
}

EXEMPT = {
    "Leak": "a frozen result record (a number on the page that gives an answer away)",
}
