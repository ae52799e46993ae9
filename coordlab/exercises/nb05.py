"""Exercises of notebook 05 (behavioral game theory in liquidations)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import auctions, behaviour

VD = dict(benefit=1.0, cost=0.3)
RAY = auctions.RAY

exercise(Numeric(
    key="05.1",
    answer=lambda: behaviour.volunteer_dilemma(n=4, **VD).nobody,
    hint="Each keeper abstains with q = (c/b)^(1/(N-1)); nobody acts with probability q^N.",
    traps=((lambda: behaviour.volunteer_dilemma(n=4, **VD).abstain,
            "That is one keeper's probability of abstaining; all N must abstain."),
           (lambda: VD["cost"] / VD["benefit"], "c/b is the limit as N grows; with 4 keepers it is lower.")),
))

exercise(Numeric(
    key="05.2",
    answer=lambda: float(behaviour.level_k_guesses(p=0.5, levels=2)[2]),
    hint="Level 0 guesses 50 on average; each level multiplies the level below by p.",
    traps=((lambda: 50 * 0.5, "That is level 1."), (lambda: 0.0, "0 is the Nash equilibrium, reached only "
                                                                  "after infinitely many steps of reasoning.")),
))

exercise(Numeric(
    key="05.3",
    answer=lambda: auctions.linear_decrease(1000 * RAY, 900, tau=3600) / RAY,
    hint="LinearDecrease: price = top x (tau - dur) / tau.",
    traps=((lambda: 1000 * 900 / 3600, "That is how far the price has fallen, not where it is."),),
))

exercise(Numeric(
    key="05.4",
    answer=lambda: auctions.stairstep_exponential_decrease(1000 * RAY, 630, cut=99 * RAY // 100, step=60) / RAY,
    hint="StairstepExponentialDecrease: price = top x cut^(floor(dur / step)); count whole steps only.",
    traps=((lambda: 1000 * 0.99 ** (630 / 60), "Only whole steps count: floor(630 / 60) = 10."),
           (lambda: 1000 * (1 - 0.01 * 630 / 60), "The cut multiplies; it does not subtract a fixed amount.")),
))
