"""Exercises of notebook 04 (community risk assessment)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import concentration, pricing, sentiment

DAO = [40, 30, 20, 10]
VALIDATORS = [22, 18, 15, 12, 10, 8, 6, 5, 4]
HULL = dict(S=42.0, K=40.0, T=0.5, r=0.10, sigma=0.20)
HAWKES = dict(mu=2.0, alpha=0.6, beta=1.0)

exercise(Numeric(
    key="04.1",
    answer=lambda: concentration.hhi(DAO) * 10_000,
    hint="Square each holder's share (as a percentage), and add the squares up.",
    traps=((lambda: concentration.hhi(DAO), "That is the HHI on shares; antitrust units multiply it by 10 000."),
           (lambda: 2500.0, "2 500 is the 2010 Guidelines' threshold, not this market's HHI.")),
))

exercise(Numeric(
    key="04.2",
    answer=lambda: float(concentration.nakamoto_coefficient(VALIDATORS, 0.51)),
    hint="Sort the stakes from the largest and add them up until the total exceeds 51%.",
    traps=((lambda: float(concentration.nakamoto_coefficient(VALIDATORS, 1 / 3)),
            "That is the coefficient at 1/3 (enough to halt a BFT chain); the question asks for a majority."),),
    rel_tol=1e-9, close_tol=1e-9,
))

exercise(Numeric(
    key="04.3",
    answer=lambda: pricing.black_scholes(**HULL),
    hint="d1 = (ln(S/K) + (r + sigma^2/2) T) / (sigma sqrt(T)), d2 = d1 - sigma sqrt(T), "
         "C = S N(d1) - K exp(-rT) N(d2).",
    traps=((lambda: pricing.black_scholes(**HULL, kind="put"), "That is the put."),
           (lambda: HULL["S"] - HULL["K"], "That is only the intrinsic value; the option is worth more alive.")),
))

exercise(Numeric(
    key="04.4",
    answer=lambda: sentiment.hawkes_mean_intensity(**HAWKES),
    hint="Each event begets alpha/beta others on average, each of those as many again: sum the generations.",
    traps=((lambda: HAWKES["mu"], "That is only the background rate; self-excitation adds to it."),
           (lambda: HAWKES["mu"] * (1 + HAWKES["alpha"] / HAWKES["beta"]),
            "You counted only the first generation of triggered events.")),
))
