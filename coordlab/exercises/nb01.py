"""Exercises of notebook 01 (Coordination failures)."""

from coordlab.exercises.check import Choice, Function, Numeric, draw, exercise
from coordlab.models import bank_run, games, global_game

EX1_GAME: dict[str, float] = dict(stag=5.0, sucker=0.0, hare_vs_stag=4.0, hare=2.0)
EX2_ECONOMY = dict(impatient_share=0.3, R=2.0, gamma=3.0)
EX4_GAME = dict(c=0.25, alpha=1.0, beta=4.0, z=0.4)


def _risk_dominant(game: dict[str, float]) -> int:
    """The index of the risk-dominant action of the stag hunt ``game`` (it has one: stag and hare differ)."""
    index = games.risk_dominant(games.stag_hunt(**game))
    if index is None:
        raise ValueError(f"the stag hunt {game} has no risk-dominant equilibrium")
    return index


exercise(
    Choice(
        key="01.1",
        options=("Stag", "Hare"),
        answer=lambda: games.ACTIONS[_risk_dominant(EX1_GAME)],
        hints={
            "Stag": "(Stag, Stag) is the payoff-dominant equilibrium here. Risk dominance compares what a player "
            "loses by deviating alone: at (Stag, Stag), the both-stag payoff minus the hare-against-stag "
            "payoff; at (Hare, Hare), the both-hare payoff minus the stag-alone payoff. The equilibrium "
            "with the larger loss is risk-dominant (section 3)."
        },
    )
)

exercise(
    Numeric(
        key="01.2",
        decimals=3,
        unit="units of consumption per unit deposited",
        answer=lambda: bank_run.optimal_contract(**EX2_ECONOMY).c1,
        hint="Section 4 gives the optimal contract in closed form: put this economy's λ (the impatient share), R and "
        "gamma into it "
        "(the power of R is the step to do carefully).",
        traps=(
            (lambda: bank_run.optimal_contract(**EX2_ECONOMY).c2, "That is c2*, the payment at t = 2."),
            (lambda: 1.0, "c1 = 1 is the log-utility (gamma = 1) contract; here gamma = 3."),
        ),
    )
)

exercise(
    Numeric(
        key="01.3",
        decimals=3,
        unit="fraction",
        answer=lambda: bank_run.optimal_contract(**EX2_ECONOMY).run_threshold,
        hint="The run threshold is the share withdrawing at which waiting pays a patient depositor exactly what "
        "withdrawing does (section 4, 'The run'). Use your c1 from exercise 2, with all its digits.",
        # c1 rounded to the 3 decimals exercise 2 asks for gives 0.48148..., 0.481: the method is right, the rounding
        # early
        close_hint="Carry c1 from exercise 2 into this step with all its digits (or at least four decimals), and round "
        "only the threshold.",
        traps=(
            (
                lambda: 100 * bank_run.optimal_contract(**EX2_ECONOMY).run_threshold,
                "Give the share as a fraction between 0 and 1, not a percentage.",
            ),
            (
                lambda: 1 / bank_run.optimal_contract(**EX2_ECONOMY).c1,
                "1/c1 is where the bank has paid out everything at t = 1; waiting stops paying earlier than that.",
            ),
            (
                lambda: (
                    (bank_run.optimal_contract(**EX2_ECONOMY).run_threshold - EX2_ECONOMY["impatient_share"])
                    / (1 - EX2_ECONOMY["impatient_share"])
                ),
                "That is the share of the patient depositors who must panic. The question asks for the share of all "
                "depositors withdrawing at t = 1, the impatient ones included.",
            ),
        ),
    )
)

exercise(
    Numeric(
        key="01.4",
        decimals=3,
        unit="regime strength",
        answer=lambda: global_game.threshold_normal(**EX4_GAME).theta_star[0],
        hint="Check first that alpha / sqrt(beta) <= sqrt(2 pi), so there is one answer; then solve the "
        "normal-normal threshold equation of section 5 for theta numerically (its left side falls as theta rises).",
        traps=(
            (
                lambda: global_game.threshold_uniform(EX4_GAME["c"]),
                "That is the vanishing-noise limit 1 - c. With beta = 4 private signals are noisy and the public "
                "signal z matters: solve the full equation.",
            ),
            (
                lambda: global_game.threshold_normal(**EX4_GAME).x_star[0],
                "That is the signal threshold x*, below which agents attack. The question asks for the regime "
                "strength theta* below which the regime fails.",
            ),
        ),
    )
)

exercise(
    Function(
        key="01.5",
        signature="waiting_payoff(f, c1, R)",
        reference=bank_run.patient_payoff,
        # ordinary economies first (only the impatient withdraw; nobody does; a run under way); then the boundary where
        # the bank has paid out exactly everything (f c1 = 1), one past it (where the formula goes negative: the bank
        # pays nothing), one just before it, one exactly at the run threshold (waiting pays c1), and two contracts with
        # c1 < 1 (no run is possible); none of them is printed in the notebook
        cases=lambda: [
            (0.2, 1.1, 1.8),
            (0.0, 1.3, 1.6),
            (0.6, 1.25, 1.4),
            (0.5, 2.0, 3.0),
            (0.9, 1.2, 1.5),
            (0.7, 1.4, 2.5),
            (0.6, 1.25, 2.0),
            (0.4, 0.9, 1.3),
            (0.95, 0.8, 1.5),
        ],
        describe=lambda f, c1, R: f"{f:.0%} withdraw at t = 1, c1 = {c1:g}, R = {R:g}, per unit deposited",
        hint="Look again at section 4, 'The run': what the bank has left after paying those who withdraw at t = 1, "
        "what that grows to by t = 2, how many share it, and what waiting pays once nothing is left.",
    )
)

EX6_COIN = dict(c1=1.0, R=1.03, fire_sale_value=0.96)

exercise(
    Numeric(
        key="01.6",
        decimals=3,
        unit="fraction",
        answer=lambda R=EX6_COIN["R"], fire_sale_value=EX6_COIN["fire_sale_value"]: bank_run.run_threshold(
            EX6_COIN["c1"], R, fire_sale_value
        ),
        hint="Section 4, 'From banks to stablecoins': with a fire-sale value r, paying f c1 early means selling f c1 / "
        "r "
        "of the reserves. Set what is left for those who wait equal to c1 and solve for f.",
        traps=(
            (
                lambda: 1.0,
                "That is the threshold without a fire sale (r = 1): (R - 1)/(R - 1). Here the reserves "
                "fetch less than par if sold early.",
            ),
            (
                lambda R=EX6_COIN["R"], fire_sale_value=EX6_COIN["fire_sale_value"]: (R - 1.0) / (R - fire_sale_value),
                "Close in form, but the fire-sale value divides R: the denominator is c1 (R / r - 1).",
            ),
        ),
        vary=lambda rng: {"R": draw(rng, 1.01, 1.08, 0.005), "fire_sale_value": draw(rng, 0.9, 0.98, 0.01)},
    )
)
