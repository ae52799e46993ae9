"""Every number notebook 10's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import NetworkLab
from coordlab.models import contagion as C
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB10 = markdown(read(NOTEBOOK_DIR / "10_systemic_contagion.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB10, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    stated("**15,250 BTC and \\$350 M USDC** (Voyager, June 2022)", "**\\$1.2 bn** hole", "over **\\$1 bn**",
           "about **\\$355 M** frozen on FTX and a **\\$671 M** loan to Alameda Research", "about **\\$175 M**",
           "about **\\$900 M** to the 340,000 users", "**\\$3.3 bn** of USDC's roughly \\$40 bn",
           "about **\\$0.87–0.88**", "about **\\$0.89–0.90**", "are approximate")


def test_chain_and_published_examples():
    chain = C.Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [1.0, 0.5, 0.0])
    r = C.clear(chain)
    assert r.p.tolist() == [1.0, 1.5, 0.0] and r.wave.tolist() == [1, 2, 0] and r.equity.sum() == 1.5
    stated("pays 1.5 of its 2 and defaults in wave 2", "($p^* = (2, 2.2)$)")
    assert C.clear(C.Network([[0, 2], [2.2, 0]], [1, 1]), 0.5, 0.5).p.tolist() == [2.0, 2.2]


def test_figure_1_and_default_costs():
    lab = NetworkLab()
    lab.update(fund_loss=20.0, exchange_loss=0.0, alpha=0.5, beta=0.5)
    r = lab.result
    assert r["r"].wave.tolist() == [1, 2, 2, 0, 0, 0, 3, 0]
    paid = dict(zip(lab.debtors, np.round(r["paid"])))
    assert paid[0] == 45 and paid[1] == 30 and paid[2] == 43 and paid[6] == 18 and paid[3] == paid[4] == paid[5] == 100
    assert round(r["outside_loss"], 2) == 2.52
    stated("the hedge fund about 45%, the prime broker about 30%, Lender V about 43%, the earn programme about 18%",
           "outside creditors lose 2.52 bn", "the fund pays 45%, three more institutions fail in two further waves")
    lab.update(alpha=1.0, beta=1.0)
    en = lab.result
    assert en["r"].wave.tolist() == [1, 0, 0, 0, 0, 0, 0, 0] and round(en["paid"][0]) == 90 and en["outside_loss"] < 1e-9
    stated("sinks only the fund, which still pays 90% of its debts, and outside creditors lose nothing")


def test_correlated_shocks():
    net = C.random_network(30, 0.15, buffer=0.05, seed=3)
    calm = C.shock_scenarios(net, 0.25, 0.0, scenarios=500, seed=1)
    joint = C.shock_scenarios(net, 0.25, 0.8, scenarios=500, seed=1)
    assert round(calm.defaults.mean()) == 5 and calm.defaults.max() == 12 and (calm.defaults == 0).mean() < 0.01
    assert round((joint.defaults == 0).mean(), 2) == 0.32 and joint.defaults.max() == 21
    stated("a narrow hump around 5 defaults", "more than 12", "about a third of scenarios have no default at all",
           "beyond 20 defaults", "(none in a third of scenarios, over 20 in some)")


def test_opacity_and_usdc_dai():
    net = C.cefi_network()
    e = net.e.copy()
    e[C.CEFI_FUND] *= 0.7
    en, rv = C.opacity_gap(net, 6, e), C.opacity_gap(net, 6, e, 0.5, 0.5)
    assert en["seen_loss"] == rv["seen_loss"] == 0.0
    assert round(en["true_loss"], 2) == 0.05 and round(rv["true_loss"], 2) == 0.65 and round(rv["true_loss"] / 0.9, 2) == 0.72
    stated("0.05 bn without default costs and 0.65 bn, 72% of its loan, with them", "(0 expected, 0.65 bn lost)")
    r = C.clear(C.usdc_dai_network(0.0))
    assert round(r.p[1] / 40, 4) == 0.9175 and round(r.p[2] / 5, 4) == 0.9505
    stated("USDC backed at 0.9175 and DAI at 0.9505 per dollar")


def test_exercise_solutions():
    chain = C.Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [1.0, 0.5, 0.0])
    assert C.clear(chain, 0.5, 0.5).p[1] == 0.5
    r = C.clear(C.usdc_dai_network(0.5))
    assert r.p[1] / 40 == pytest.approx(0.95875, rel=1e-12) and r.p[2] / 5 == pytest.approx(0.97525, rel=1e-12)
    stated("pays **1.5**", "**0.5**: a third of what it paid", "Wave **3**", "=$ **0.97525**")
