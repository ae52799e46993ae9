"""Exercises of notebook 10 (systemic risk and contagion)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import contagion

CHAIN = contagion.Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [1.0, 0.5, 0.0])


def _usdc_dai(svb_recovery):
    net = contagion.usdc_dai_network(svb_recovery)
    return float(contagion.clear(net).p[2] / net.pbar[2])


exercise(Numeric(
    key="10.1",
    answer=lambda: float(contagion.clear(CHAIN).p[1]),
    hint="Node 0 pays all it has (1); node 1 then has 0.5 + 1 and owes 2.",
    traps=((lambda: 2.0, "Node 1 cannot pay in full: its claim on node 0 is only partly paid."),
           (lambda: 0.5, "Node 1 also receives what node 0 pays it.")),
))

exercise(Numeric(
    key="10.2",
    answer=lambda: float(contagion.clear(CHAIN, 0.5, 0.5).p[1]),
    hint="A defaulter pays alpha x external + beta x interbank receipts: node 0 pays 0.5 x 1; node 1 pays 0.5 x 0.5 + 0.5 x (what it receives).",
    traps=((lambda: float(contagion.clear(CHAIN).p[1]), "That is Eisenberg–Noe without default costs."),),
))

exercise(Numeric(
    key="10.3",
    answer=lambda: float(contagion.clear(_cefi(30.0)).wave[6]),
    hint="In the network lab, set the fund's loss to 30% with alpha = beta = 1 and read the summary.",
    traps=((lambda: 2.0, "The Earn programme lends only to the prime broker, which defaults in wave 2; it follows one wave later."),),
    rel_tol=1e-9, close_tol=1e-9,
))

exercise(Numeric(
    key="10.4",
    answer=lambda: _usdc_dai(0.5),
    hint="Clear SVB → Circle → Maker → holders: Circle's shortfall passes pro rata to everyone holding USDC, DAI's reserve included.",
    traps=((lambda: 1 - 1.65 / 40, "That is USDC's backing; DAI holds USDC for only 3 of its 5 bn."),),
    rel_tol=1e-4, close_tol=5e-3,
))


def _cefi(fund_loss):
    net = contagion.cefi_network()
    e = net.e.copy()
    e[contagion.CEFI_FUND] *= 1 - fund_loss / 100
    return net.with_external(e)
