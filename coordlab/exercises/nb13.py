"""Exercises of notebook 13 (sequencer risk)."""

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import sequencer

# 13.1: a consumer with a shorter grace period than the sample's 3,600 s worked in §2.
GRACE = 1800
# 13.2: the block clock at a slower block time than the 12-second blocks worked in §3, with the delayBlocks that
# Arbitrum One's SequencerInbox used until BoLD (February 2025).
BLOCK_SECONDS = 13.2
OLD_DELAY_BLOCKS = 5760
# 13.4: fewer bots than §6's five.
BOTS = 2


def _first_price(grace: int) -> float:
    """The first second after a restart at 0 at which the sample consumer returns a price.

    The gate stays shut while the grace period runs and opens for good after it (§2), so the scan starts a minute
    before the grace period ends, where the gate is still shut (checked).
    """
    start = max(0, grace - 60)
    if sequencer.chainlink_gate_allows(0, 0, start, grace=grace):
        raise RuntimeError(f"the gate is open {start} s after a restart with a {grace} s grace period")
    return float(next(t for t in range(start, grace + 7200) if sequencer.chainlink_gate_allows(0, 0, t, grace=grace)))


def _block_clock(block_seconds: float) -> float:
    """Arbitrum One's pre-BoLD forced-inclusion delay by the block clock alone, in hours, at ``block_seconds`` a
    block.
    """
    return OLD_DELAY_BLOCKS * block_seconds / 3600


exercise(
    Numeric(
        key="13.1",
        decimals=0,
        unit="seconds",
        answer=lambda grace=GRACE: _first_price(int(grace)),
        hint="Revisit §2: it says when the sample consumer reverts; apply that with this consumer's grace period.",
        traps=(
            (
                lambda grace=GRACE: float(grace),
                "Not that second: reread the comparison the sample consumer makes (§2) and check "
                "which side of it the boundary second falls on.",
            ),
            (lambda: _first_price(3600), "That is for the sample's one-hour grace period; this consumer's is shorter."),
            (lambda grace=GRACE: grace / 60, "That looks like minutes: the question asks for a second."),
        ),
        close_tol=None,
        vary=lambda rng: {"grace": draw(rng, 600.0, 3000.0, 60.0)},  # whole minutes, shorter than the sample's hour
    )
)

exercise(
    Numeric(
        key="13.2",
        decimals=1,
        unit="hours",
        answer=lambda: _block_clock(BLOCK_SECONDS),
        hint="Revisit §3: the block clock counts L1 blocks, so its delay in hours depends on how long each block "
        "takes.",
        traps=(
            (lambda: _block_clock(12.0), "That is with 12-second blocks; this question's blocks are slower."),
            (
                lambda: sequencer.force_inclusion_hours("Arbitrum One"),
                "24 h is the delay that bound (delaySeconds "
                "before BoLD, 7 200 blocks since), not the 5 760-block clock the question asks about.",
            ),
            (
                lambda: sequencer.FORCE_INCLUSION["Arbitrum One"].delay_blocks * BLOCK_SECONDS / 3600,
                "That is today's 7 200 blocks; the question asks about the 5 760 used until February 2025.",
            ),
            (
                lambda: _block_clock(12.0) * 12 / BLOCK_SECONDS,
                "Slower blocks make the block clock take longer, not shorter.",
            ),
            (lambda: 60 * _block_clock(BLOCK_SECONDS), "That looks like minutes: the question asks in hours."),
        ),
        close_tol=1e-2,
    )
)


def _flood(hours: float, sigma: float) -> float:
    """Percent of the lab's borrowers liquidatable at restart (the lab's book, paths and seed)."""
    return (
        100
        * sequencer.outage_liquidations(hours, 1.0, sigma, n=2000, paths=200, topup=0.5, seed=3).liquidatable_at_restart
        / 2000
    )


# 13.3: a longer outage at a higher volatility than any setting §5's table or Figure 1 prints.
HOURS, SIGMA = 36.0, 2.0

exercise(
    Numeric(
        key="13.3",
        decimals=1,
        unit="percent",
        answer=lambda: _flood(HOURS, SIGMA),
        hint="In the outage lab, set the outage to 36 h and the volatility to 200%; read the share liquidatable at "
        "restart.",
        traps=(
            (
                lambda: _flood(7.0, SIGMA),
                "That is the 7-hour outage's flood at this volatility: lengthen the outage to "
                "36 hours and read the share liquidatable at restart.",
            ),
            (
                lambda: (
                    100
                    * sequencer.outage_liquidations(
                        HOURS, 1.0, SIGMA, n=2000, paths=200, topup=0.5, seed=3
                    ).liquidated_no_grace
                    / 2000
                ),
                "That is the share liquidated by the end of the window with no grace period: "
                "the question asks for the share liquidatable at restart.",
            ),
        ),
        close_tol=1e-1,
    )
)

exercise(
    Numeric(
        key="13.4",
        decimals=2,
        unit="fraction",
        answer=lambda: sequencer.ordering_race(1.0, BOTS, "priority", seed=1).to_orderer,
        hint="Revisit §6: under priority ordering the bots bid for the slot. Run the race with this question's number "
        "of "
        "bots and read what the orderer receives.",
        traps=(
            (lambda: 0.0, "That is first come, first served: the orderer sells nothing."),
            (
                lambda: sequencer.ordering_race(1.0, 5, "priority", seed=1).to_orderer,
                "That is what the orderer gets in §6's race of five bots. With two, what must the cheaper bot bid to "
                "be "
                "sure of the slot, and what does that leave the orderer?",
            ),
            (
                lambda: sequencer.ordering_race(1.0, BOTS, "priority", seed=1).to_liquidators,
                "That is what the winning bot keeps, not what the orderer receives.",
            ),
        ),
        close_tol=5e-2,
    )
)


def _spaced(n: int) -> str:
    """A whole number as the notebook writes it: 1 650 000 900."""
    return f"{n:,}".replace(",", " ")


exercise(
    Function(
        key="13.5",
        signature="price_usable(answer, started_at, now, grace)",
        reference=lambda answer, started_at, now, grace: sequencer.chainlink_gate_allows(
            answer, started_at, now, grace
        ),
        # ordinary reads first (well after a restart; inside the grace period); then the boundary, exactly grace seconds
        # after the restart (still refused) and one second later (usable); a sequencer that is down, long after its
        # status changed and within what would be the grace period; a grace period of 0 read in the restart's own second
        # (refused: 0 is not more than 0) and one second later; a day's grace to the second. The notebook prints a
        # restart
        # at second 1 700 000 000 read at 3 599, 3 600 and 3 601 s with a 3 600 s grace, and Exercise 1's 1 800 s grace
        # from second 0: none of these.
        cases=lambda: [
            (0, 1_650_000_000, 1_650_005_000, 900),
            (0, 1_650_000_000, 1_650_000_600, 900),
            (0, 1_650_000_000, 1_650_000_900, 900),
            (0, 1_650_000_000, 1_650_000_901, 900),
            (1, 1_650_000_000, 1_650_090_000, 900),
            (1, 1_690_000_000, 1_690_000_300, 7_200),
            (0, 1_720_000_000, 1_720_000_000, 0),
            (0, 1_720_000_000, 1_720_000_001, 0),
            (0, 1_660_000_000, 1_660_086_400, 86_400),
        ],
        describe=lambda answer, started_at, now, grace: (
            f"answer {answer} (sequencer {'down' if answer else 'up'}) since second {_spaced(started_at)}, now second "
            f"{_spaced(now)}, {_spaced(now - started_at)} s later; grace period {_spaced(grace)} s"
        ),
        hint="Look again at section 2: what the sample consumer does when the answer is 1, and how it compares the "
        "time "
        "since the status changed with the grace period, at the boundary second above all.",
    )
)
