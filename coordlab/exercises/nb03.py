"""Exercises of notebook 03 (stakeholder incentive divergence)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import voting

DAO = dict(weights=[40, 30, 20, 10], quota=67)
EX3 = dict(treasury=50e6, circulating_votes=90e6, token_price=1.0, threshold=2 / 3)
ONE = 10**18

exercise(Numeric(
    key="03.1",
    answer=lambda: float(voting.shapley_shubik(**DAO).values[0]),
    hint="List the 24 orders in which the four holders could vote yes, and count those where the 40% holder "
         "brings the running total to 67 or more.",
    traps=((lambda: 0.4, "That is the token share. Power is about being pivotal, not about size."),
           (lambda: float(voting.banzhaf(**DAO).values[0]), "That is the (normalised) Banzhaf index; "
                                                            "Shapley–Shubik counts orderings, not coalitions.")),
))

exercise(Numeric(
    key="03.2",
    answer=lambda: float(voting.banzhaf(**DAO).values[2]),
    hint="Count the winning coalitions that the 20% holder turns into losing ones by leaving, then divide by "
         "all voters' swings together.",
    traps=((lambda: 0.2, "That is the token share."),
           (lambda: float(voting.shapley_shubik(**DAO).values[2]), "That is the Shapley–Shubik index.")),
))

exercise(Numeric(
    key="03.3",
    answer=lambda: voting.flash_loan_attack(**EX3).tokens_needed / 1e6,
    hint="The borrowed tokens vote too, so they count in the total: solve x / (90 + x) = 2/3 for x (millions).",
    traps=((lambda: 2 / 3 * 90, "Borrowed tokens add to the votes cast: two thirds of 90 M is not enough once "
                                "they are counted."),
           (lambda: 90.0, "That gives exactly half of the votes after borrowing, not two thirds.")),
))

exercise(Numeric(
    key="03.4",
    answer=lambda: voting.ve_voting_power(1000 * ONE, end=voting.MAXTIME // 2, now=0) / ONE,
    hint="Voting power is amount x (time left) / MAXTIME, with MAXTIME = 4 years.",
    traps=((lambda: 1000.0, "Power is not the amount locked: it scales with the time left on the lock."),
           (lambda: 2000.0, "The 4-year maximum gives 1 vote per token; shorter locks give less.")),
))
