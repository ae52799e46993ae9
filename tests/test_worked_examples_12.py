"""Every number notebook 12's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

from coordlab.labs import StateMachineLab
from coordlab.labs.statemachine import crash_log
from coordlab.models import auctions
from coordlab.models import statemachine as sm
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB12 = markdown(read(NOTEBOOK_DIR / "12_state_machines.ipynb"))
E18, E6, E8, WAD, RAY, RAD = 10**18, 10**6, 10**8, 10**18, 10**27, 10**45


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB12, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: DOMAIN.md §8–9's Black Thursday figures, the range where sources differ."""
    stated("**12–13 March 2020**", "about **50%**", "about **6×** (around 80 gwei on average)",
           "\"10x more loans in 24 hours than in its entire lifetime\" (Dragonfly)", "**about \\$8.32 M of ETH was won with bids of 0 DAI**",
           "**62,890 ETH (about \\$7.1 M)**", "**13%** penalty", "**4–6.65 M DAI** (sources differ")


def test_loan_walkthrough():
    loan = sm.step(sm.step(sm.Loan(), ("deposit", 10 * E18)), ("borrow", 12_000 * E6))
    assert round(loan.hf / E18, 3) == 1.375
    hit = sm.step(loan, ("price", 1438 * E8))
    assert hit.status == "liquidatable" and round(hit.hf / E18, 3) == 0.989
    stated("HF 0.989", "the price falls to \\$1,438")


def test_lt_times_bonus_line():
    assert round(0.825 * 1.05, 3) == 0.866 and round(0.825 * 1.15, 3) == 0.949
    stated("the line is at 0.866", "with a 15% bonus it is at 0.949")
    assert sm.liquidation_lowers_hf(0.90, 0.825, 1.15) and not sm.liquidation_lowers_hf(0.90, 0.825, 1.05)


def test_figure_1_and_the_lab_start():
    states, events, prices = crash_log(0.70, 1.15, 8)
    assert states[3].status == "liquidatable" and round(states[3].hf / E18, 3) == 0.989
    assert states[4].status == "bad_debt" and round(prices[4]) == 1306 and round(prices[4] * 10 * 0.825 / 12_000, 3) == 0.898
    assert round(states[4].debt / E6, 2) == 642.83 and states[4].to_liquidators + states[4].to_treasury == 10 * E18
    assert round(states[3].collateral / E18 * states[3].price / E8, -2) == 14_400
    stated("at hour 4 the price is \\$1,306 and HF 0.898", "**642.83 USDC** is left as bad debt",
           "to about 14,400 at hour 3 and to 0 at hour 4", "to about 640")
    start, events45, _ = crash_log(0.45, 1.05, 0)
    assert sum(1 for e in events45 if e[0] == "liquidate") == 3 and start[-1].status == "healthy"
    lab = StateMachineLab()
    assert lab.values == {"hour": 24.0, "depth": 45.0, "bonus": 1.05, "sentinel": 0.0}
    stated("is liquidated three times, half the debt each time, and stays healthy")


def test_replay_and_auction():
    log = [("deposit", 10 * E18), ("borrow", 12_000 * E6), ("price", 1438 * E8), ("price", 1306 * E8),
           ("liquidate", 10**15, False)]
    final, digest, _ = sm.replay(sm.Loan(bonus_bps=11_500), log)
    assert final.status == "bad_debt"
    a = sm.step(sm.Auction(tab=100 * RAD, lot=10 * WAD, feed_price=10 * RAY, buf=RAY, chost=30 * RAD), ("kick", 0))
    part = sm.step(a, ("take", 8 * WAD, 10 * RAY, 0))
    assert part.sold == 7 * WAD and part.tab == 30 * RAD
    stated("it owes 70 DAI and gets **7** units")
    assert auctions.linear_decrease(120 * RAY, 360, 3600) == 108 * RAY
    stated("**108 DAI**", "**1.65**", "**0.866**")
