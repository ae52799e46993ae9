"""Exercises of notebook 01 (Coordination failures)."""

from coordlab.exercises.check import Choice, Numeric, exercise
from coordlab.models import bank_run, games, global_game

EX1_GAME = dict(stag=5.0, sucker=0.0, hare_vs_stag=4.0, hare=2.0)
EX2_ECONOMY = dict(lam=0.3, R=2.0, gamma=3.0)
EX4_GAME = dict(c=0.2, alpha=1.0, beta=4.0, z=0.5)

exercise(Choice(
    key="01.1",
    options=("Stag", "Hare"),
    answer=lambda: games.ACTIONS[games.risk_dominant(games.stag_hunt(**EX1_GAME))],
    hints={"Stag": "(Stag, Stag) is the payoff-dominant equilibrium here. Risk dominance compares the "
                   "losses from deviating: (a - c) at (Stag, Stag) against (d - b) at (Hare, Hare)."},
))

exercise(Numeric(
    key="01.2",
    answer=lambda: bank_run.optimal_contract(**EX2_ECONOMY).c1,
    hint="Use c1* = 1 / (lam + (1 - lam) R^((1 - gamma)/gamma)) with lam = 0.3, R = 2, gamma = 3.",
    traps=((lambda: bank_run.optimal_contract(**EX2_ECONOMY).c2, "That is c2*, the payment at t = 2."),
           (lambda: 1.0, "c1 = 1 is the log-utility (gamma = 1) contract; here gamma = 3.")),
))

exercise(Numeric(
    key="01.3",
    answer=lambda: bank_run.optimal_contract(**EX2_ECONOMY).run_threshold,
    hint="Set c2(f) = R (1 - f c1) / (1 - f) equal to c1 and solve for f, using your c1 from exercise 2.",
    traps=((lambda: 100 * bank_run.optimal_contract(**EX2_ECONOMY).run_threshold,
            "Give the share as a fraction between 0 and 1, not a percentage."),
           (lambda: 1 / bank_run.optimal_contract(**EX2_ECONOMY).c1,
            "1/c1 is where the bank has paid out everything at t = 1; waiting stops paying earlier than that.")),
))

exercise(Numeric(
    key="01.4",
    answer=lambda: global_game.threshold_normal(**EX4_GAME).theta_star[0],
    hint="Solve the normal-normal threshold equation (coordlab.models.global_game.threshold_normal does it); "
         "check first that alpha / sqrt(beta) <= sqrt(2 pi), so there is one answer.",
    traps=((lambda: global_game.threshold_uniform(EX4_GAME["c"]),
            "That is the vanishing-noise limit 1 - c. With beta = 4 private signals are noisy and the public "
            "signal z matters: solve the full equation."),),
))
