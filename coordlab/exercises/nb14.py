"""Exercises of notebook 14 (the capstone stress test)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import capstone

BT = capstone.SCENARIOS["Black Thursday"]

exercise(Numeric(
    key="14.1",
    answer=lambda: capstone.run(BT, capstone.Parameters(throttle=0.5e6)).bad_debt / 1e6,
    hint="In the capstone lab, scenario 0, set the throttle to 0.5 M an hour and read the bad debt.",
    traps=((lambda: capstone.run(BT, capstone.Parameters()).bad_debt / 1e6, "That is the default 2 M throttle."),),
    rel_tol=5e-3, close_tol=5e-2,
))

exercise(Numeric(
    key="14.2",
    answer=lambda: capstone.run(BT, capstone.Parameters(throttle=0.5e6)).bad_debt / 1e6,
    hint="The lenders lose nothing when the insurance fund covers all the bad debt.",
    traps=((lambda: 0.2, "That is the default fund, which covers only part of it."),),
    rel_tol=5e-3, close_tol=5e-2,
))

exercise(Numeric(
    key="14.3",
    answer=lambda: float(capstone.run(capstone.SCENARIOS["Leverage flush"], capstone.Parameters(close_factor=1.0))
                         .borrowers_liquidated),
    hint="Scenario 2 in the lab, close factor 100%: read the number of borrowers liquidated.",
    traps=((lambda: 1418.0, "That is the default 50% close factor."),),
    rel_tol=1e-9, close_tol=1e-9,
))
