"""Exercises of notebook 02 (the Prisoner's Dilemma in DeFi)."""

from coordlab.exercises.check import Choice, Numeric, exercise
from coordlab.models import dilemma

# A priority gas auction between two searchers racing for one arbitrage worth 10 (illustrative units):
# both bid low and each wins half the time for a small fee; the one who bids high wins it outright.
PGA = dict(both_low=10 / 2 - 0.5, high_vs_low=10 - 3.0, low_vs_high=-0.5, both_high=10 / 2 - 3.0)
EX1 = dict(T=4.5, R=3.0, P=1.0, S=0.0)
EX4 = dict(V=3.0, C=5.0)
_KIND = {"dominance 1": "Prisoner's Dilemma", "coordination": "Stag hunt", "anti-coordination": "Hawk-dove",
         "dominance 0": "No dilemma", "degenerate": "No dilemma"}


def pga_matrix():
    return [[PGA["both_low"], PGA["low_vs_high"]], [PGA["high_vs_low"], PGA["both_high"]]]


exercise(Numeric(
    key="02.1",
    answer=lambda: dilemma.cooperation_thresholds(**EX1).grim,
    hint="Grim Trigger loses R - P in every round after a defection and gains T - R once: compare the two.",
    traps=((lambda: dilemma.cooperation_thresholds(**EX1).against_alternation,
            "That is (T - R)/(R - S), the bound against alternating; Grim Trigger punishes for ever."),
           (lambda: 1 - dilemma.cooperation_thresholds(**EX1).grim,
            "You have the complement: the threshold is the smallest w at which cooperating pays.")),
))

exercise(Numeric(
    key="02.2",
    answer=lambda: dilemma.cooperation_thresholds(**EX1).tit_for_tat,
    hint="Tit for Tat must resist both always-defect and alternating D, C: take the larger of the two bounds.",
    traps=((lambda: dilemma.cooperation_thresholds(**EX1).grim,
            "That bound only stops always-defect; alternating D and C can still beat Tit for Tat there."),),
))

exercise(Choice(
    key="02.3",
    options=("Prisoner's Dilemma", "Stag hunt", "Hawk-dove", "No dilemma"),
    answer=lambda: _KIND[dilemma.game_class(pga_matrix())],
    hints={"Stag hunt": "In a stag hunt the cooperative outcome is itself an equilibrium. Is bidding low a best "
                        "response to a rival who bids low?",
           "Hawk-dove": "In hawk-dove each player wants to do the opposite of the other. Is bidding high still "
                        "better when the rival bids high?",
           "No dilemma": "Compare both bidding low with both bidding high: who is better off?"},
))

exercise(Numeric(
    key="02.4",
    answer=lambda: dilemma.interior_rest_point(dilemma.hawk_dove(**EX4)),
    hint="At the stable mix hawks and doves earn the same: set the two expected payoffs equal and solve.",
    traps=((lambda: 1 - dilemma.interior_rest_point(dilemma.hawk_dove(**EX4)),
            "That is the share of doves, not of hawks."),
           (lambda: EX4["V"] / (2 * EX4["C"]), "Check the hawk-against-hawk payoff: (V - C)/2 each.")),
))
