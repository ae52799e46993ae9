"""Every number notebook 11's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

from coordlab.labs import ConsensusLab
from coordlab.models import consensus as c
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB11 = markdown(read(NOTEBOOK_DIR / "11_consensus_failures.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB11, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: DOMAIN.md §6's May 2023 and September 2021 figures, with their sources."""
    stated("**4 epochs** (about 47 missed blocks)", "**9 epochs** (about 149 missed blocks)", "**30.7%** (Blockworks)",
           "about **28 ETH**", "at least **55 ETH**", "under 0.00015 ETH per validator",
           "about **400,000 transactions per second**", "about **17 hours**", "**80%** of the stake")


def test_double_spend_numbers():
    assert round(c.double_spend_probability(0.1, 6), 6) == 0.000243 and round(c.double_spend_probability(0.3, 6), 2) == 0.13
    assert c.confirmations_needed(0.45) == 340
    stated("Six confirmations (an hour on Bitcoin) give a 10% attacker a 0.024% chance, but a 30% attacker 13%",
           "against 45% the paper asks for 340 blocks", "6 blocks give a 30% attacker 13%",
           "5, 8, 11, 15, 24, 41, 89, 340 for q = 0.10 … 0.45")


def test_figure_1():
    lab = ConsensusLab()
    lab.update(q=0.30, z=6.0, gamma=0.5)
    r = lab.result
    assert round(r["prob"][6], 2) == 0.13 and r["need"] == 24 and r["threshold"] == 0.25
    assert round(r["my_gain"], 3) == 0.027 and round(r["prob"][60] * 1e8) == 4
    stated("a square marks 6 confirmations at about 0.13", "which the curve crosses at 24", "about 4 × 10⁻⁸ at 60",
           "a dotted vertical line at α = 0.25", "a triangle marks α = 0.30 at about +0.027")


def test_selfish_and_bft():
    assert [round(c.selfish_threshold(g), 4) for g in (0.0, 0.5, 1.0)] == [0.3333, 0.25, 0.0]
    stated("a third of the hash rate if nobody helps ($\\gamma = 0$), a quarter if half the honest miners do")
    assert c.bft(100)["quorum"] == 67 and c.bft(100)["overlap"] == 34


def test_leak_and_settlement():
    days = {x: round(c.inactivity_leak(x).days(c.inactivity_leak(x).finality_epoch), 1) for x in (0.34, 0.4, 0.5)}
    assert days == {0.34: 2.3, 0.4: 13.1, 0.5: 20.8}
    stated("after about 2.3 days (34% offline), 13.1 days (40%) and 20.8 days (50%)",
           "restores it in 2.3, 13.1 or 20.8 days at 34%, 40% or 50% offline")
    lost = 32.0 - c.inactivity_leak(0.6, max_epochs=9).inactive_balance[9]
    assert round(lost, 5) == 0.00006
    stated("about 0.00006 ETH", "**4 epochs** (`MIN_EPOCHS_TO_INACTIVITY_PENALTY`)")
    assert c.settlement_risk(7 * 1440, offline=0.4) == 1.0
    leak = c.inactivity_leak(0.4)
    assert leak.finality_epoch == 2948 and round(leak.inactive_balance[-1], 2) == 24.75
    stated("About **13.1 days** (2 948 epochs)", "about 24.75 ETH", "**0.0009137**", "**15**", "**0.25**")
