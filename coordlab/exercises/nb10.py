"""Exercises of notebook 10 (systemic risk and contagion)."""

import numpy as np

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import contagion

# The exercises' chain: section 2's chain (0 owes 1 two units, 1 owes 2 two units) with other external assets.
CHAIN = contagion.Network(np.array([[0, 2, 0], [0, 0, 2], [0, 0, 0]], dtype=float), np.array([1.3, 0.45, 0.0]))
ALPHA, BETA = 0.6, 0.8  # Exercise 2's default costs: recovery on external assets, on interbank claims
SECTION_CHAIN = contagion.Network(
    np.array([[0, 2, 0], [0, 0, 2], [0, 0, 0]], dtype=float), np.array([1.0, 0.5, 0.0])
)  # the chain section 2 clears


def _cefi(fund_loss: float, exchange_loss: float) -> contagion.Network:
    """The lab's network after the fund and the exchange lose the given percentages of their assets."""
    net = contagion.cefi_network()
    e = net.e.copy()
    e[contagion.CEFI_FUND] *= 1 - fund_loss / 100
    e[contagion.CEFI_EXCHANGE] *= 1 - exchange_loss / 100
    return net.with_external(e)


def _defaults(alpha: float, beta: float, only_wave: int | None = None) -> float:
    """How many institutions default (in wave ``only_wave`` only, if given): fund −20%, exchange −40%."""
    r = contagion.clear(_cefi(20.0, 40.0), alpha, beta)
    return float(r.defaulted.sum() if only_wave is None else (r.wave == only_wave).sum())


def _usdc_dai(svb_recovery: float, dai_usdc: float) -> float:
    net = contagion.usdc_dai_network(svb_recovery, dai_usdc=dai_usdc)
    return float(contagion.clear(net).p[2] / net.pbar[2])


exercise(
    Numeric(
        key="10.1",
        decimals=2,
        unit="units",
        answer=lambda: float(contagion.clear(CHAIN).p[1]),
        hint="Work along the chain from node 0: what can node 0 pay, and is what node 1 then holds enough for its "
        "debt?",
        traps=(
            (lambda: float(CHAIN.pbar[1]), "Node 1 cannot pay in full: its claim on node 0 is only partly paid."),
            (lambda: float(CHAIN.e[1]), "Node 1 also receives what node 0 pays it."),
            (
                lambda: float(contagion.clear(SECTION_CHAIN).p[1]),
                "That is section 2's chain, with its external assets; this one's nodes hold other amounts.",
            ),
        ),
    )
)

exercise(
    Numeric(
        key="10.2",
        decimals=3,
        unit="units",
        answer=lambda alpha=ALPHA, beta=BETA: float(contagion.clear(CHAIN, alpha, beta).p[1]),
        hint="Both nodes default. Go back to the default-cost rule in section 2: which recovery applies to a node's "
        "own "
        "assets, which to what other nodes pay it, and what node 0 now pays.",
        traps=(
            (lambda: float(contagion.clear(CHAIN).p[1]), "That is Eisenberg–Noe without default costs."),
            (
                lambda alpha=ALPHA, beta=BETA: float(contagion.clear(CHAIN, beta, alpha).p[1]),
                "α and β are swapped: α applies to a defaulter's external assets, β to its interbank claims.",
            ),
            (
                lambda alpha=ALPHA, beta=BETA: alpha * CHAIN.e[1] + beta * float(contagion.clear(CHAIN).p[0]),
                "Node 0 defaults too, so it also pays only what it recovers, not all it has.",
            ),
            (
                lambda alpha=ALPHA, beta=BETA: CHAIN.e[1] + float(contagion.clear(CHAIN, alpha, beta).p[0]),
                "That is all node 1 has; it defaults too, so it pays only what it recovers of it.",
            ),
            (
                lambda alpha=ALPHA, beta=BETA: alpha * (CHAIN.e[1] + float(contagion.clear(CHAIN, alpha, beta).p[0])),
                "α applies to a defaulter's own (external) assets only; what other nodes pay it is recovered at β.",
            ),
        ),
        # variants: recoveries of 40-90% on external assets and 50-95% on interbank claims
        vary=lambda rng: {"alpha": draw(rng, 0.4, 0.9, 0.05), "beta": draw(rng, 0.5, 0.95, 0.05)},
    )
)

exercise(
    Numeric(
        key="10.3",
        decimals=0,
        unit="institutions",
        answer=lambda: _defaults(1.0, 1.0),
        hint="In the network lab, set both losses and both recoveries as the question says, then count every "
        "institution the summary lists, in every wave.",
        traps=(
            (
                lambda: _defaults(1.0, 1.0, only_wave=1),
                "Those are the institutions that fail on their own losses: count the later waves too.",
            ),
            (
                lambda: _defaults(0.5, 0.5),
                "That is with default costs: the widget starts at Figure 1's α = β = 0.5; set both recoveries to 1.",
            ),
        ),
        close_tol=None,
        coincidences=(
            ("4", "the number of section 4's heading (correlated shocks), not a count of institutions that default"),
        ),
    )
)

# Exercise 4: SVB repays 30% of Circle's deposits and Maker holds 4 of DAI's 5 bn in USDC. (Not 20% with 4 bn:
# there USDC's backing equals DAI's after a total SVB loss, 0.934, and a learner who forgot the recovery was told
# "that is USDC's backing".)
SVB_RECOVERY, DAI_USDC = 0.3, 4.0

exercise(
    Numeric(
        key="10.4",
        decimals=4,
        unit="USD per DAI",
        answer=lambda: _usdc_dai(SVB_RECOVERY, DAI_USDC),
        hint="Clear SVB → Circle → Maker → holders: Circle's shortfall passes pro rata to everyone holding USDC, "
        "DAI's reserve included.",
        traps=(
            (
                lambda: float(contagion.clear(contagion.usdc_dai_network(SVB_RECOVERY, dai_usdc=DAI_USDC)).p[1] / 40.0),
                "That is USDC's backing; DAI holds USDC for only part of its 5 bn.",
            ),
            (
                lambda: _usdc_dai(0.0, DAI_USDC),
                "That is as if SVB paid nothing; here it repays part of Circle's deposits.",
            ),
            (
                lambda: _usdc_dai(SVB_RECOVERY, 3.0),
                "That is with section 6's reserve of 3 bn of USDC; this DAI holds more of it.",
            ),
            (
                lambda: _usdc_dai(0.0, 3.0),
                "That is section 6's total SVB loss with its 3 bn reserve: use this question's recovery and reserve.",
            ),
        ),
        close_tol=5e-3,
    )
)


# Exercise 5 (write it yourself): one round of fictitious default. coordlab has no function for one round:
# contagion.clear runs every round. The reference clears the network with the unmarked nodes made unable to
# default (their debts added to their external assets, which changes nothing they pay): clear then marks, round
# by round, the same nodes as the original network until exactly the given ones are marked, and its greatest
# clearing vector is the round's payments. That holds for every set of defaulters the algorithm reaches (the
# only sets the cases use, taken from clear's own default waves); tests/test_worked_examples_10.py checks it
# and that running the reference round after round reproduces clear's payments and waves.


def _round_payments(L: list[list[float]], e: list[float], defaulters: list[bool]) -> list[float]:
    """What each node pays in the round of fictitious default in which exactly ``defaulters`` default."""
    net = contagion.Network(np.asarray(L, dtype=float), np.asarray(e, dtype=float))
    marked = np.asarray(defaulters, dtype=bool)
    return contagion.clear(net.with_external(np.where(marked, net.e, net.e + net.pbar))).p.tolist()


def _marked_in_rounds(L: list[list[float]], e: list[float]) -> list[list[bool]]:
    """The default sets of the fictitious default algorithm on (L, e), round 0 (nobody) first."""
    wave = contagion.clear(contagion.Network(np.asarray(L, dtype=float), np.asarray(e, dtype=float))).wave
    return [[bool(0 < w <= k) for w in wave] for k in range(int(wave.max()) + 1)]


# The cases' networks: section 2's chain with less of their own; two nodes that lend to each other (a cycle of
# defaulters, whose payments must be solved together); a chain fed by a solvent debtor (node 2 owes node 0 and pays in
# full); the lab's network after the fund and the exchange both lose 30% (three rounds). Each has a node owing nothing.
ROUND_CHAIN = ([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [0.8, 0.3, 0.0])
ROUND_RING = ([[0, 2, 1], [2, 0, 1], [0, 0, 0]], [0.5, 0.5, 0.0])
ROUND_FED = ([[0, 2, 0, 0], [0, 0, 0, 2], [1, 0, 0, 0], [0, 0, 0, 0]], [0.25, 0.5, 3.0, 0.0])
ROUND_CEFI = (
    contagion.cefi_network().L.tolist(),
    [
        round(x * (0.7 if i in (contagion.CEFI_FUND, contagion.CEFI_EXCHANGE) else 1.0), 6)
        for i, x in enumerate(contagion.cefi_network().e)
    ],
)


def _round_cases() -> list[tuple]:
    """The ordinary case first, then a chain of defaulters, the first round (nobody marked yet, though some
    cannot pay), a defaulter paid by a solvent debtor, a cycle of defaulters, the lab's network in rounds 2 and 3."""
    chain, ring, fed, cefi = (_marked_in_rounds(*net) for net in (ROUND_CHAIN, ROUND_RING, ROUND_FED, ROUND_CEFI))
    return [
        (*ROUND_CHAIN, chain[1]),
        (*ROUND_CHAIN, chain[2]),
        (*ROUND_RING, ring[0]),
        (*ROUND_FED, fed[2]),
        (*ROUND_RING, ring[1]),
        (*ROUND_CEFI, cefi[2]),
        (*ROUND_CEFI, cefi[3]),
    ]


def _describe_round(L: list[list[float]], e: list[float], defaulters: list[bool]) -> str:
    marked = [str(i) for i, d in enumerate(defaulters) if d]
    who = (
        "nobody yet"
        if not marked
        else f"node {marked[0]}"
        if len(marked) == 1
        else "nodes " + ", ".join(marked[:-1]) + " and " + marked[-1]
    )
    if list(e) == ROUND_CEFI[1]:
        net = "the lab's network (USD bn), fund and exchange −30%"
    else:
        debts = ", ".join(f"{i}→{j} {x:g}" for i, row in enumerate(L) for j, x in enumerate(row) if x)
        net = f"debts {debts}; external assets " + ", ".join(f"{x:g}" for x in e) + " (units)"
    return f"{net}; marked as defaulting: {who}"


exercise(
    Function(
        key="10.5",
        signature="fictitious_round(L, e, defaulters)",
        reference=_round_payments,
        cases=_round_cases,
        describe=_describe_round,
        hint="Look again at section 2: who pays in full in a round, what a marked node pays with, why the marked "
        "nodes' "
        "payments are solved together, and the node that owes nothing.",
        rel_tol=1e-7,
        abs_tol=1e-9,  # a learner may iterate to the fixed point instead of solving the system
    )
)
