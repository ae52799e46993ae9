"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.exercises.check
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _numeric():
    from coordlab.exercises.check import REGISTRY, Numeric, check

    check("00.1", None)  # loads the registry
    return next(e for e in REGISTRY.values() if isinstance(e, Numeric))


FUNCTIONS = {
    "check": dict(key="01.1", answer="Stag"),
    "exercise": dict(item=_numeric()),
    "normalise": dict(
        text="Prisoner\u2019s Dilemma"
    ),  # registering an exercise that is already registered changes nothing
    "load_all": dict(),
    "rounded": dict(x=0.125, decimals=2),
    "unit_kind": dict(unit="fraction"),
}

CLASSES: dict = {}


def _choice():
    from coordlab.exercises.check import REGISTRY, Choice, check

    check("00.1", None)  # loads the registry
    return next(e for e in REGISTRY.values() if isinstance(e, Choice))


def _function():
    from coordlab.exercises.check import Function

    return Function(
        key="98.1",
        signature="double(x)",
        reference=lambda x: 2 * x,
        cases=lambda: [(1.0,), (2.0,)],
        describe=lambda x: f"x = {x}",
        hint="Twice x.",
    )


METHODS = {
    "Function.check": (_function, dict(value=lambda x: x + x)),
    "Numeric.check": (_numeric, dict(value=0.5)),
    "Choice.check": (_choice, dict(value="Stag")),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "check": {"key": [None, 1.1, "1.1", "99.9"]},
    "exercise": {"item": [None, "01.1", 3.0]},
}

EXEMPT = {
    "Feedback": "a frozen result record built by the checks",
    "Numeric": "an exercise record; its check() turns every answer into feedback",
    "Choice": "an exercise record; its check() turns every answer into feedback",
    "Function": "an exercise record; its check() turns every answer (any callable) into feedback",
    "REGISTRY": "a constant (the exercise registry)",
}
