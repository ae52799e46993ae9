"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.exercises.check
(tests/api_examples.py).
"""

from __future__ import annotations

import numpy as np

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
    "student_key": dict(student="Ada Lovelace"),
    "variant_seed": dict(course_seed=2026, student="ada", key="07.1"),
    "variant_params": dict(key="07.1", student="ada", course_seed=2026),
    "draw": dict(rng=np.random.default_rng(0), low=0.25, high=0.5, spacing=0.01),
    "use_variant": dict(student=None),  # going back to the questions as written: the fuzz must not leave a variant set
    "active_variant": dict(),
    "variant": dict(key="07.1"),
}

CLASSES: dict = {}


def _varied():
    from coordlab.exercises.check import REGISTRY, check

    check("00.1", None)  # loads the registry
    return REGISTRY["07.1"]


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
    "Numeric.expected": (_varied, dict(variant_params={"p": 0.4, "b": 2.5})),
    "Numeric.trap_values": (_varied, dict(variant_params=None)),
    "Numeric.fits": (_varied, dict(variant_params={"p": 0.4})),
    "Choice.check": (_choice, dict(value="Stag")),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "check": {"key": [None, 1.1, "1.1", "99.9"]},
    "exercise": {"item": [None, "01.1", 3.0]},
    "variant_params": {"key": ["99.9"]},
    "variant": {"key": [None, "99.9", 7.1]},
    "draw": {"high": [-1.0]},  # below low
}

EXEMPT = {
    "Feedback": "a frozen result record built by the checks",
    "Numeric": "an exercise record; its check() turns every answer into feedback",
    "Choice": "an exercise record; its check() turns every answer into feedback",
    "Function": "an exercise record; its check() turns every answer (any callable) into feedback",
    "REGISTRY": "a constant (the exercise registry)",
    "Variant": "a frozen record of one student's parameters, made by variant()",
}
