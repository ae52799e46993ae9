"""Exercises of notebook 13 (sequencer risk)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import sequencer

exercise(Numeric(
    key="13.1",
    answer=lambda: float(next(t for t in range(3590, 3700) if sequencer.chainlink_gate(0, 0, t) == "ok")),
    hint="The sample consumer reverts while block.timestamp - startedAt <= GRACE_PERIOD_TIME (3600).",
    traps=((lambda: 3600.0, "At exactly 3600 seconds the check timeSinceUp <= 3600 still reverts."),),
    rel_tol=1e-9, close_tol=1e-9,
))

exercise(Numeric(
    key="13.2",
    answer=lambda: sequencer.force_inclusion_hours("Arbitrum One")[0],
    hint="delayBlocks = 5760 L1 blocks of 12 seconds.",
    traps=((lambda: 24.0, "24 h is delaySeconds, which only older versions of SequencerInbox also check; the block clock gives less."),),
    rel_tol=1e-6, close_tol=1e-2,
))

exercise(Numeric(
    key="13.3",
    answer=lambda: 100 * sequencer.outage_liquidations(24.0, 1.0, 1.5, n=2000, paths=200, topup=0.5, seed=3)
    .liquidatable_at_restart / 2000,
    hint="In the outage lab, set the outage to 24 h and the volatility to 150%; read the share liquidatable at restart.",
    traps=((lambda: 1.1, "That is the 7-hour outage."),),
    rel_tol=2e-2, close_tol=1e-1,
))

exercise(Numeric(
    key="13.4",
    answer=lambda: sequencer.liquidation_race(1.0, 5, "priority", seed=1)["to_orderer"],
    hint="Under priority ordering the winning bot pays the second-best bot's surplus to whoever orders transactions.",
    traps=((lambda: 0.0, "That is first come, first served: the orderer sells nothing."),),
    rel_tol=1e-2, close_tol=5e-2,
))
