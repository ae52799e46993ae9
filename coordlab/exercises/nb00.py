"""Exercises of notebook 00 (Start here)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import games

exercise(Numeric(
    key="00.1",
    answer=lambda: games.belief_threshold(games.stag_hunt(stag=5.0)),
    hint="Set the stag payoff slider to 5 and read the threshold belief p* under the figure.",
    traps=((lambda: 1 - games.belief_threshold(games.stag_hunt(stag=5.0)),
            "That is 1 - p*, the range of beliefs where Stag is the best response. p* is where the lines cross."),),
))
