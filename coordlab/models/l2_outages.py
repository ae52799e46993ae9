"""A public, dated list of layer-2 sequencer outages (block production halted), each with its source.

Compiled on 26 November 2026 for notebook 13 from the chains' own post-mortems and
status pages where they are public, and otherwise from the press reports that quote
them (each record names its source and the time stamps it gives). Facts are not
copyrightable; each is cited. The list is what was reported, not a census: short
stalls that nobody wrote about are missing, so a rate fitted to it is a lower bound. Only
halts of block production count: Arbitrum One's batch-poster stall of 7 June 2023, when
the sequencer kept ordering transactions and only their posting to L1 paused ("a
temporary pause to finalise transactions", Arbitrum developers), is not one.

``hours`` is the length of the halt as the source states it (or from the start and end
times it gives): the chain's own incident report where it gives one, otherwise the
shorter of the press figures. Where sources disagree, ``range_hours`` gives the shortest
and the longest figure and ``note`` says who gives which, so that a fit can be redone on
either end (:func:`coordlab.models.sequencer.fit_outage_durations`, ``reading=``).

Used by :func:`coordlab.models.sequencer.fit_outage_durations`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Outage", "OUTAGES", "COMPILED", "LAUNCHED"]

#: when the list was compiled (the end of its observation window)
COMPILED = "2026-11-26"


@dataclass(frozen=True)
class Outage:
    """One reported sequencer outage.

    Attributes
    ----------
    chain : str
        The rollup (its mainnet).
    date : str
        Day the halt began, ISO format (UTC).
    hours : float
        Length of the halt in hours, as the source states it.
    source : str
        URL of the post-mortem, status page or report the figure comes from.
    note : str
        What happened and, where sources disagree, the range.
    range_hours : tuple of float, or None
        (shortest, longest) length in hours where sources disagree; ``None`` where they agree
        (or only one gives a figure).
    """

    chain: str
    date: str
    hours: float
    source: str
    note: str
    range_hours: tuple[float, float] | None = None


OUTAGES: tuple[Outage, ...] = (
    Outage(
        "Arbitrum One",
        "2021-09-14",
        0.75,
        "https://medium.com/offchainlabs/arbitrum-one-outage-report-d365b24d49c",
        "Offchain Labs outage report: sequencer offline from 10:14 ET for about 45 minutes (back 10:59); "
        "a bug under a large burst of transactions.",
    ),
    Outage(
        "Arbitrum One",
        "2022-01-09",
        7.0,
        "https://cointelegraph.com/news/arbitrum-network-suffers-minor-outage-due-to-hardware-failure",
        "Hardware failure of the main sequencer; backups failed during a software update; 284 transactions "
        "accepted but not yet posted to L1 were posted first at the partial restart, none lost (Offchain Labs' "
        "post-mortem on its Medium blog, 9 January 2022). Cointelegraph: about 7 hours; "
        "The Defiant (https://thedefiant.io/news/defi/arbitrum-outage-2): about 10 hours.",
        (7.0, 10.0),
    ),
    Outage(
        "Base",
        "2023-09-05",
        43 / 60,
        "https://cryptopotato.com/coinbase-layer-2-base-suffers-first-major-outage-since-launch/",
        "Base status page: block production stalled from 21:36 UTC; 43 minutes without blocks (internal "
        "infrastructure 'requiring a refresh').",
    ),
    Outage(
        "Arbitrum One",
        "2023-12-15",
        78 / 60,
        "https://cointelegraph.com/news/arbitrum-network-goes-offline-december-15",
        "Arbitrum status page: sequencer stalled at 10:29 ET, that is 15:29 UTC (Cointelegraph's '13:29 UTC' "
        "mis-converts it; Dedaub's root-cause analysis also gives 10:29 ET), during a surge of inscriptions; "
        "about 78 minutes by Arbitrum's Discord (The Block: about an hour and a half; Dedaub, "
        "https://dedaub.com/blog/arbitrum-sequencer-outage: almost three hours).",
        (78 / 60, 3.0),
    ),
    Outage(
        "zkSync Era",
        "2023-12-25",
        5.0,
        "https://forklog.com/en/zksync-era-team-explains-cause-of-network-outage",
        "zkSync developers: an automated safety procedure halted the chain at 05:50 UTC after a state-update "
        "bug; fully operational again by 10:52 UTC, about 5 hours.",
    ),
    Outage(
        "Polygon zkEVM",
        "2024-03-23",
        10.0,
        "https://unchainedcrypto.com/polygon-zkevm-chain-goes-down-for-10-hours/",
        "Sequencer failed after an L1 reorg; the block explorer shows about 10 hours between consecutive "
        "blocks; L1 settlement resumed after an emergency upgrade on 25 March.",
    ),
    Outage(
        "Linea",
        "2024-06-02",
        1.0,
        "https://thedefiant.io/news/defi/linea-halts-network-after-velocore-exploit",
        "Deliberate: Linea paused its sequencer between blocks 5081800 and 5081801 (about an hour, by "
        "press accounts) after the Velocore exploit, and censored the attacker's addresses.",
    ),
    Outage(
        "Starknet",
        "2025-07-18",
        13 / 60,
        "https://coinalertnews.com/news/2025/09/02/2bb6cd7e65679ebc1cc87d6aa19eaa6d",
        "A 13-minute stall (slow block creation, gateway delays), as reported with the September outage.",
    ),
    Outage(
        "Base",
        "2025-08-05",
        33 / 60,
        "https://defi-planet.com/2025/08/base-blockchain-suffers-33-minute-outage-due-to-sequencer-misconfiguration",
        "Base post-mortem: the active sequencer lagged at 06:07 UTC, Conductor failed over to a sequencer that "
        "was not provisioned; blocks resumed 06:40 UTC, 33 minutes.",
    ),
    Outage(
        "Starknet",
        "2025-09-02",
        11 + 20 / 60,
        "https://www.starknet.io/blog/starknet-incident-report-september-2-2025/",
        "After the v0.14.0 (Grinta) upgrade, Starknet's incident report: block production halted and Starknet "
        "'intermittently unavailable' between 02:20 and 13:40 UTC (11 h 20 min; the incident ended at 13:41), "
        "with two reorgs (about an hour and about 20 minutes of transactions reverted). The press, from "
        "Starknet's first status posts: no blocks from 02:23 to 04:36 UTC, 2 h 13 min (CoinCentral, "
        "https://coincentral.com/ethereum-layer-2-starknet-faces-second-major-outage-and-recovery-in-a-day).",
        (133 / 60, 11 + 20 / 60),
    ),
)

#: when each chain opened to all users (the start of its observation window), with a source
LAUNCHED: dict[str, tuple[str, str]] = {
    "Arbitrum One": (
        "2021-08-31",
        "https://www.optimisus.com/post/ethereum-layer-2-platform-arbitrum-goes-down-for-45-minutes",
    ),
    "Base": ("2023-08-09", "https://cryptopotato.com/coinbase-layer-2-base-suffers-first-major-outage-since-launch/"),
}
