"""Exercises of notebook 00 (Start here)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import games

exercise(
    Numeric(
        key="00.1",
        decimals=2,
        unit="probability",
        answer=lambda: games.belief_threshold(games.stag_hunt(stag=5.0)),
        hint="Set the stag payoff slider to 5 and read the threshold belief p* under the figure.",
        traps=(
            (
                lambda: 1 - games.belief_threshold(games.stag_hunt(stag=5.0)),
                "Check which end of the range you found: p* is the belief at which the stag and hare lines cross, "
                "the smallest belief at which hunting stag pays at least as much as hunting hare.",
            ),
        ),
    )
)
