"""Exercise checks: say right, close or wrong, with a hint, without giving the answer away.

Each exercise in a notebook has an id (``"01.2"``: notebook 01, exercise 2).
A learner writes their answer in a cell and calls ``check("01.2", answer)``.
Expected values are computed from the models at check time, never stored as
literals, so they cannot drift from the code.

    >>> check("00.1", None)
    Not answered yet: replace None with your answer and run the cell again.

An instructor may give each student their own variant of the numeric exercises that have one (the same
question with seeded parameters): ``use_variant("<student id>", <course seed>)`` once, then
``variant("07.1")`` shows the parameters to use, and ``check`` expects that variant's answer. The gradebook
(``./course grade FOLDER --variants SEED``) grades each student against their own.
"""

from coordlab.exercises.check import (
    Choice,
    Feedback,
    Function,
    Numeric,
    check,
    exercise,
    use_variant,
    variant,
)

__all__ = ["check", "exercise", "Feedback", "Numeric", "Choice", "Function", "variant", "use_variant"]
