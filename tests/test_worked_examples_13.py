"""Every number notebook 13's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import numpy as np

from coordlab.labs import OutageLab
from coordlab.models import sequencer as s
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB13 = markdown(read(NOTEBOOK_DIR / "13_sequencer_risk.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB13, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: DOMAIN.md §10's Arbitrum One figures, with their sources."""
    stated("about **7 hours**", "**284** transactions", "**13:29 UTC**", "about **78 minutes**", "about **90%**",
           "26 April 2023", "Offchain Labs post-mortem, via Cointelegraph")


def test_gates_and_clocks():
    assert s.chainlink_gate(0, 0, 3600) == "GracePeriodNotOver" and s.chainlink_gate(0, 0, 3601) == "ok"
    stated("Prices become usable at second 3 601, not 3 600", "**below 0.95**")
    assert s.force_inclusion_hours("Arbitrum One") == (19.2, 24.0) and s.force_inclusion_hours("OP Mainnet") == (12.0, 24.0)
    stated("gives 19.2 hours", "3 600 L1 blocks, 12 hours, while the docs say 24", "Arbitrum One 19.2–24 h, OP Mainnet 12–24 h")


def test_outage_process():
    d = s.simulate_outages(2.0, 1.0, 100.0, seed=7)[:, 1]
    assert len(d) == 205 and round(float(np.median(d)), 2) == 0.95 and round(float(np.mean(d > 7)), 3) == 0.020
    assert round(float(d.max()), 1) == 9.6 and int(np.sum(d > 19.2)) == 0


def test_figure_1_and_the_flood():
    lab = OutageLab()
    lab.update(outage=48.0, grace=1.0, sigma=300.0, topup=50.0)
    o = lab.result["out"]
    pct = lambda x: round(100 * x / 2000, 1)  # noqa: E731
    assert (pct(o.liquidatable_at_restart), pct(o.saved), pct(o.liquidated)) == (12.8, 1.6, 12.2)
    assert round(100 * o.bad_debt / o.total_debt, 2) == round(100 * o.bad_debt_no_grace / o.total_debt, 2) == 0.57
    stated("liquidatable at restart about 12.8, saved in the grace period about 1.6, liquidated with grace about 12.2",
           "leave 12.8% of borrowers liquidatable at restart, and 0.57% of all debt as bad debt")
    default = OutageLab()
    assert pct(default.result["out"].liquidatable_at_restart) == 1.1
    stated("the flood is 1.1% of borrowers")


def test_race_and_exercises():
    prio = s.liquidation_race(1.0, 5, "priority", seed=1)
    fcfs = s.liquidation_race(1.0, 5, "fcfs", seed=1)
    assert round(prio["to_orderer"], 2) == 0.93 and round(fcfs["to_liquidator"], 2) == 0.90
    stated("93% here", "(93% with five bots)", "About **0.93**")
    o = s.outage_liquidations(24.0, 1.0, 1.5, n=2000, paths=200, topup=0.5, seed=3)
    assert round(100 * o.liquidatable_at_restart / 2000, 1) == 3.3
    stated("About **3.3%**", "**3 601**", "**19.2 hours**")
