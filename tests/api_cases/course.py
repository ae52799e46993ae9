"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.course (tests/api_examples.py)."""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "notebook": dict(number="01"),
}

CLASSES: dict = {}

METHODS: dict = {}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "notebook": {"number": [1, None, "1", "99", "01 "]},
}

EXEMPT = {
    "Notebook": "a frozen registry record",
    "NOTEBOOKS": "a constant (the registry)",
    "Term": "a frozen glossary record",
    "GLOSSARY": "a constant (the glossary; tests/test_site.py checks it against the course map)",
    "TERMS": "a constant (the notebooks' terms; tests/test_site.py checks each is in its notebook)",
}
