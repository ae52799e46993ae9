"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.doctor (tests/api_examples.py)."""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "report": dict(details=False),
    "checks": dict(full=False),
    "main": dict(),
}

CLASSES: dict = {}

METHODS = {
    "Check.line": (
        lambda: __import__("coordlab.doctor", fromlist=["x"]).Check("Python", False, "2.7", "install 3.11"),
        dict(),
    ),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "report": {"details": [None, 1, "yes"], "full": [None, 1, "yes"]},
    "checks": {"full": [None, 0, "no"]},
}

EXEMPT = {
    "Check": "a frozen result record built by checks()",
    "SUPPORTED_PYTHONS": "a constant (the Pythons the course supports)",
    "LOCATED": "a constant (the modules the quick check locates rather than imports)",
}
