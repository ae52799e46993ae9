"""Exercises of notebook 11 (consensus mechanism failures)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import consensus

exercise(Numeric(
    key="11.1",
    answer=lambda: consensus.double_spend_probability(0.1, 5),
    hint="lambda = z q / p; P = 1 - sum_k Poisson(k; lambda) (1 - (q/p)^(z-k)), k = 0..z.",
    traps=((lambda: (0.1 / 0.9) ** 5, "That is the catch-up probability from 5 behind, ignoring the attacker's progress while you waited."),),
    rel_tol=1e-3, close_tol=2e-2,
))

exercise(Numeric(
    key="11.2",
    answer=lambda: float(consensus.confirmations_needed(0.25, 0.001)),
    hint="Increase z until the double-spend probability falls below 0.001 (the whitepaper tabulates it).",
    traps=((lambda: 6.0, "Six confirmations is the folk rule; it is far from enough against 25%."),),
    rel_tol=1e-9, close_tol=1e-9,
))

exercise(Numeric(
    key="11.3",
    answer=lambda: consensus.selfish_threshold(0.5),
    hint="Selfish mining pays above alpha = (1 - gamma) / (3 - 2 gamma).",
    traps=((lambda: 1 / 3, "That is the threshold with gamma = 0."), (lambda: 0.5, "Selfish mining pays well below a majority.")),
))

exercise(Numeric(
    key="11.4",
    answer=lambda: (lambda leak: leak.days(leak.finality_epoch))(consensus.inactivity_leak(0.4)),
    hint="Run inactivity_leak(0.4) and convert its finality epoch to days (6.4 minutes an epoch).",
    traps=((lambda: 4 * 6.4 / 1440, "Four epochs is when the leak starts, not when finality returns."),),
    rel_tol=1e-2, close_tol=5e-2,
))
