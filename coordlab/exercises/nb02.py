"""Exercises of notebook 02 (the Prisoner's Dilemma in DeFi)."""

from coordlab.exercises.check import Choice, Function, Numeric, draw, exercise
from coordlab.models import dilemma

# A priority gas auction between two searchers racing for one arbitrage worth 10 (illustrative units):
# both bid low and each wins half the time for a small fee; the one who bids high wins it outright. Section 2's
# table has this race with a high bid of 3, a Prisoner's Dilemma; here a high bid of 6 costs 5.5 more than a low one,
# more than half the prize, so bidding low dominates: no dilemma (T > R fails). The student must compute, not recall.
PRIZE, LOW_FEE, HIGH_FEE = 10.0, 0.5, 6.0
PGA = dict(
    both_low=PRIZE / 2 - LOW_FEE, high_vs_low=PRIZE - HIGH_FEE, low_vs_high=-LOW_FEE, both_high=PRIZE / 2 - HIGH_FEE
)
EX1 = dict(T=4.4, R=3.0, P=1.0, S=0.0)
EX4 = dict(V=4.0, C=7.0)
_KIND = {
    "dominance 1": "Prisoner's Dilemma",
    "coordination": "Stag hunt",
    "anti-coordination": "Hawk-dove",
    "dominance 0": "No dilemma",
    "degenerate": "No dilemma",
}


def pga_matrix() -> list[list[float]]:
    return [[PGA["both_low"], PGA["low_vs_high"]], [PGA["high_vs_low"], PGA["both_high"]]]


exercise(
    Numeric(
        key="02.1",
        decimals=3,
        unit="probability",
        answer=lambda: dilemma.cooperation_thresholds(**EX1).grim,
        hint="Compare what defecting gains once, now, with what Grim Trigger's punishment costs in every later "
        "round, each weighted by w (a geometric series): section 4.",
        traps=(
            (
                lambda: dilemma.cooperation_thresholds(**EX1).against_alternation,
                "That is the bound against a player who alternates D and C. Grim Trigger punishes for ever, so the "
                "deviation that matters against it is always defecting.",
            ),
            (
                lambda: 1 - dilemma.cooperation_thresholds(**EX1).grim,
                "Check which way the inequality runs: a larger w makes the future weigh more, so cooperation holds "
                "for every w above the threshold, and the threshold is where the gain from defecting is exactly zero.",
            ),
        ),
    )
)

exercise(
    Numeric(
        key="02.2",
        decimals=3,
        unit="probability",
        answer=lambda: dilemma.cooperation_thresholds(**EX1).tit_for_tat,
        hint="Tit for Tat forgives at once, so always defecting is not the only deviation it must resist: check "
        "each deviation section 4 lists and ask which bound binds.",
        traps=(
            (
                lambda: dilemma.cooperation_thresholds(**EX1).grim,
                "That bound only stops always-defect; alternating D and C can still beat Tit for Tat there.",
            ),
        ),
    )
)

exercise(
    Choice(
        key="02.3",
        options=("Prisoner's Dilemma", "Stag hunt", "Hawk-dove", "No dilemma"),
        answer=lambda: _KIND[dilemma.game_class(pga_matrix())],
        hints={
            "Prisoner's Dilemma": "Not every race for an arbitrage is a dilemma: write down this race's four "
            "payoffs and check each condition of section 2 in turn.",
            "Stag hunt": "In a stag hunt each bid is the best reply to the same bid. Against a rival who bids high, "
            "which bid pays more here?",
            "Hawk-dove": "In hawk-dove each player wants to do the opposite of the other. Against a rival who bids "
            "low, which bid pays more here?",
        },
    )
)


def _rest_point(V: float, C: float) -> float:  # noqa: N803 - the payoffs as the literature writes them
    """The hawks' share at the hawk-dove game's interior rest point (there is one when C > V)."""
    x = dilemma.interior_rest_point(dilemma.hawk_dove(V=V, C=C))
    if x is None:
        raise ValueError(f"the hawk-dove game with V={V}, C={C} has no interior rest point")
    return x


exercise(
    Numeric(
        key="02.4",
        decimals=3,
        unit="fraction",
        answer=lambda V=EX4["V"], C=EX4["C"]: _rest_point(V, C),
        hint="At the stable mix hawks and doves earn the same: set the two expected payoffs equal and solve.",
        traps=(
            (
                lambda V=EX4["V"], C=EX4["C"]: 1 - _rest_point(V, C),
                "Check which strategy your share counts: write each action's expected payoff against a population "
                "in which a share x plays Hawk, and solve for that x.",
            ),
            (lambda V=EX4["V"], C=EX4["C"]: V / (2 * C), "Check the hawk-against-hawk payoff: (V - C)/2 each."),
        ),
        # variants: a prize V of 2 to 6 against a fight's cost C of 7 to 12 (always C > V: a mixed rest point)
        vary=lambda rng: {"V": draw(rng, 2.0, 6.0, 0.5), "C": draw(rng, 7.0, 12.0, 0.5)},
    )
)

exercise(
    Function(
        key="02.5",
        signature="grim_threshold(T, R, P, S)",
        reference=lambda T, R, P, S: dilemma.cooperation_thresholds(T=T, R=R, P=P, S=S).grim,
        # ordinary dilemmas first, chosen so that the alternation bound (T-R)/(R-S), the complement 1 - w* and the odds
        # (T-R)/(R-P) all differ from the answer; then all-negative payoffs (fees), a temptation barely above the
        # reward (w* near 0), a punishment barely below it (w* near 1), the tie of Grim Trigger's and alternation's
        # bounds, and payoffs in the hundreds of thousands. Every case is a Prisoner's Dilemma: coordlab refuses the
        # others (ValueError), so there is no expected number for them. None of them is printed in the notebook.
        cases=lambda: [
            (6, 5, 2, 0),
            (10, 7, 3, 1),
            (2, 1, -1, -3),
            (-1, -2.5, -4, -6),
            (3.1, 3, 1, 0),
            (5, 3, 2.9, 0),
            (9, 5, 2, -2),
            (4e5, 3e5, 0.5e5, -1e5),
        ],
        describe=lambda T, R, P, S: f"payoffs per round T = {T:,g}, R = {R:,g}, P = {P:,g}, S = {S:,g}",
        hint="Look again at section 4: against Grim Trigger, compare always defecting (the temptation once, then the "
        "punishment in every later round) with cooperating for ever, each round weighted by w: where are they equal?",
    )
)
