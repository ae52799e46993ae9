"""Exercise checks: say right, close or wrong, with a hint, without giving the answer away.

Each exercise in a notebook has an id (``"01.2"``: notebook 01, exercise 2).
A learner writes their answer in a cell and calls ``check("01.2", answer)``.
Expected values are computed from the models at check time, never stored as
literals, so they cannot drift from the code.

    >>> check("00.1", None)
    Not answered yet: replace None with your answer and run the cell again.
"""

from coordlab.exercises.check import Choice, Feedback, Function, Numeric, check, exercise

__all__ = ["check", "exercise", "Feedback", "Numeric", "Choice", "Function"]
