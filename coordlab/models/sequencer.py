"""Sequencer risk: uptime gates, forced inclusion, outages, a lending market through an outage, ordering power.

**The uptime gate.** A rollup's sequencer can stop; Chainlink publishes an L2
sequencer uptime feed (``answer`` 0 = up, 1 = down; ``startedAt`` = when the status
last changed). Chainlink's sample consumer reverts ``SequencerDown`` while it is
down and ``GracePeriodNotOver`` while ``block.timestamp - startedAt <= GRACE_PERIOD_TIME``
(3 600 s): prices are usable only from the first second *after* the grace period
(:func:`chainlink_gate`). Aave v3's ``PriceOracleSentinel`` allows liquidations only
if the sequencer is up and ``block.timestamp - lastUpdate > gracePeriod``: the same
strict inequality (:func:`aave_sentinel_allows`).

**Forced inclusion.** While the sequencer is down, users can still put a
transaction on L1 and force the rollup to include it, after a delay
(:data:`FORCE_INCLUSION`): on Arbitrum One the ``SequencerInbox`` lets a
transaction be force-included once it is ``delayBlocks = 5760`` L1 blocks (19.2 hours
of 12-second blocks) old and, in versions that also check time, ``delaySeconds = 86400``
(24 hours); on OP Mainnet the sequencing window is 3 600 L1 blocks (12 hours) in the
superchain registry, while the docs speak of 24 hours. Sources disagree, so the
delays are ranges.

**An outage, through a lending market** (:func:`outage_liquidations`). During an
outage nobody can act on L2 but prices move; at restart every position whose
health factor fell below 1 is liquidatable at once (the flood). A grace period
blocks liquidations for a while so that borrowers can repay or add collateral;
those who do are saved; the others are liquidated when it ends, at the price
then, and whatever their collateral does not cover is bad debt.

**Ordering power** (:func:`liquidation_race`). Who wins a liquidation is decided by
the sequencer's ordering rule: first come, first served rewards latency (the
fastest bot takes the bonus); priority ordering auctions the slot, and competition
passes the bonus to whoever sells the ordering.

Sources
-------
- smartcontractkit/documentation, ``public/samples/DataFeeds/DataConsumerWithSequencerCheck.sol``
  (``GRACE_PERIOD_TIME = 3600``; ``timeSinceUp <= GRACE_PERIOD_TIME`` reverts); Chainlink docs,
  "L2 Sequencer Uptime Feeds".
- aave/aave-v3-core, ``contracts/protocol/configuration/PriceOracleSentinel.sol``
  (``_isUpAndGracePeriodPassed``: ``answer == 0 && block.timestamp - lastUpdateTimestamp > _gracePeriod``).
- OffchainLabs/nitro-contracts, ``src/bridge/SequencerInbox.sol`` (``forceInclusion``,
  ``maxTimeVariation``: ``delayBlocks``, ``delaySeconds``); docs.arbitrum.io (force inclusion, ~24 h).
- ethereum-optimism/superchain-registry ``superchain/configs/mainnet/op.toml``
  (``seq_window_size = 3600``); ethereum-optimism docs, "Outages" (24 hours).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from coordlab import _validate as v

__all__ = ["GRACE_PERIOD_TIME", "chainlink_gate", "aave_sentinel_allows", "FORCE_INCLUSION", "force_inclusion_hours",
           "simulate_outages", "OutageOutcome", "outage_liquidations", "price_paths", "liquidation_race"]

GRACE_PERIOD_TIME = 3600          # seconds, Chainlink's sample consumer

# hours after which a transaction sent to L1 can be forced into the rollup: (low, high) where sources disagree
FORCE_INCLUSION = {
    "Arbitrum One": {"low_hours": 5760 * 12 / 3600, "high_hours": 24.0,
                     "source": "SequencerInbox delayBlocks = 5760 (19.2 h of 12 s L1 blocks); delaySeconds = 86400 "
                               "(24 h) in versions that also check time; docs.arbitrum.io: about 24 h"},
    "OP Mainnet": {"low_hours": 3600 * 12 / 3600, "high_hours": 24.0,
                   "source": "superchain-registry seq_window_size = 3600 L1 blocks (12 h); OP docs 'Outages': 24 h"},
}


def chainlink_gate(answer: int, started_at: int, now: int, grace: int = GRACE_PERIOD_TIME) -> str:
    """What Chainlink's sample consumer does: ``"SequencerDown"``, ``"GracePeriodNotOver"`` or ``"ok"``.

    >>> [chainlink_gate(0, 1_000, 1_000 + t) for t in (3599, 3600, 3601)]
    ['GracePeriodNotOver', 'GracePeriodNotOver', 'ok']
    >>> chainlink_gate(1, 1_000, 99_999)
    'SequencerDown'
    """
    answer = v.integer("answer", answer, low=0, high=1)
    started_at = v.integer("started_at", started_at, low=0)
    now = v.integer("now", now, low=started_at)
    grace = v.integer("grace", grace, low=0)
    if answer != 0:
        return "SequencerDown"
    if now - started_at <= grace:
        return "GracePeriodNotOver"
    return "ok"


def aave_sentinel_allows(answer: int, last_update: int, now: int, grace: int) -> bool:
    """Aave v3 ``PriceOracleSentinel.isLiquidationAllowed``: up, and strictly more than ``grace`` seconds since.

    >>> [aave_sentinel_allows(0, 0, t, 3600) for t in (3600, 3601)]
    [False, True]
    """
    answer = v.integer("answer", answer, low=0, high=1)
    last_update = v.integer("last_update", last_update, low=0)
    now = v.integer("now", now, low=last_update)
    grace = v.integer("grace", grace, low=0)
    return answer == 0 and now - last_update > grace


def force_inclusion_hours(chain: str) -> tuple[float, float]:
    """The (low, high) hours before a transaction sent to L1 can be forced in, where sources disagree.

    >>> force_inclusion_hours("Arbitrum One"), force_inclusion_hours("OP Mainnet")
    ((19.2, 24.0), (12.0, 24.0))
    """
    chain = v.choice("chain", chain, tuple(FORCE_INCLUSION))
    d = FORCE_INCLUSION[chain]
    return (d["low_hours"], d["high_hours"])


def simulate_outages(rate_per_year: float, median_hours: float, years: float, seed: int = 0,
                     spread: float = 1.0) -> np.ndarray:
    """Seeded outages: Poisson arrivals (``rate_per_year``), log-normal durations (median, log-sd ``spread``).

    Returns an array of shape (k, 2): start (years) and duration (hours) of each outage.

    >>> out = simulate_outages(4.0, 1.0, 50.0, seed=1)
    >>> out.shape[1], 150 < out.shape[0] < 250
    (2, True)
    """
    rate = v.real("rate_per_year", rate_per_year, low=0.0, high=1e4)
    median = v.real("median_hours", median_hours, low=0.0, low_open=True, high=1e4)
    years = v.real("years", years, low=0.0, low_open=True, high=1e4)
    spread = v.real("spread", spread, low=0.0, high=5.0)
    seed = v.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    k = rng.poisson(rate * years)
    starts = np.sort(rng.uniform(0.0, years, k))
    durations = median * np.exp(spread * rng.standard_normal(k))
    return np.column_stack([starts, durations])


@dataclass(frozen=True)
class OutageOutcome:
    """Result of :func:`outage_liquidations` (means over seeded price paths, per position book).

    Attributes
    ----------
    liquidatable_at_restart : float
        Positions with HF < 1 when the sequencer restarts (the flood).
    saved : float
        Of those, positions whose owners repaid or topped up during the grace period.
    liquidated : float
        Positions liquidated when liquidations are allowed.
    bad_debt : float
        Debt their collateral did not cover at that moment (USD).
    bad_debt_no_grace : float
        The same with no grace period (everyone liquidated at restart).
    total_debt : float
        All borrowers' debt (the unit of ``bad_debt``: collateral is priced 1 at the start).
    restart_price : ndarray
        The price at restart on each path (start = 1).
    """

    liquidatable_at_restart: float
    saved: float
    liquidated: float
    bad_debt: float
    bad_debt_no_grace: float
    total_debt: float
    restart_price: np.ndarray


def outage_liquidations(outage_hours: float, grace_hours: float, sigma: float, n: int = 2000, paths: int = 400,
                        topup: float = 0.5, threshold: float = 0.8, bonus: float = 1.05, override: bool = True,
                        seed: int = 0) -> OutageOutcome:
    """A lending market of ``n`` borrowers through an outage of ``outage_hours`` and a grace period.

    Borrowers hold 1 unit of collateral (price 1) each and owe ``threshold x usage``
    with usage uniform in (0.5, 0.97) (health factors 1.03 to 2). The price follows a
    driftless GBM (annual volatility ``sigma``), seeded, hourly. At restart, the
    positions with HF < 1 are liquidatable; during the grace period a share ``topup``
    of them (drawn per path) restore their health; when liquidations open, the
    others are liquidated at the price then: a liquidator repays debt worth at most
    collateral x price / bonus, and the rest of the debt is bad debt. With
    ``override`` (Aave v3's ``validateLiquidationCall``: the sentinel is bypassed when
    HF < 0.95), positions below 0.95 at restart are liquidated at once, grace or not.

    >>> o = outage_liquidations(6.0, 1.0, 1.0, seed=1)
    >>> o.liquidatable_at_restart >= o.liquidated, o.bad_debt <= o.bad_debt_no_grace + 1e-9
    (True, True)
    """
    T = v.real("outage_hours", outage_hours, low=0.0, high=24 * 30)
    G = v.real("grace_hours", grace_hours, low=0.0, high=24 * 7)
    sigma = v.real("sigma", sigma, low=0.0, high=10.0)
    n = v.integer("n", n, low=1, high=1_000_000)
    paths = v.integer("paths", paths, low=1, high=100_000)
    topup = v.probability("topup", topup)
    threshold = v.real("threshold", threshold, low=0.0, high=1.0, low_open=True, high_open=True)
    bonus = v.real("bonus", bonus, low=1.0, high=1.5)
    override = v.boolean("override", override)
    seed = v.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    debt = threshold * rng.uniform(0.5, 0.97, n)           # collateral 1 unit each
    hourly = sigma / math.sqrt(8760.0)

    def price_after(hours, base):
        if hours <= 0:
            return base
        return base * np.exp(hourly * math.sqrt(hours) * rng.standard_normal(base.shape) - 0.5 * hourly**2 * hours)

    p_restart = price_after(T, np.ones(paths))
    p_open = price_after(G, p_restart)
    under = debt[None, :] > threshold * p_restart[:, None]            # HF < 1 at restart (paths x borrowers)
    bad_now = (np.clip(debt[None, :] - p_restart[:, None] / bonus, 0.0, None) * under).sum(axis=1)
    # Aave's override: a position with HF < 0.95 may be liquidated even during the grace period
    deep = under & (debt[None, :] > threshold * p_restart[:, None] / 0.95) if override else np.zeros_like(under)
    rescued = under & ~deep & (rng.random((paths, n)) < topup)       # owners who repay or top up in the grace period
    hit = (debt[None, :] > threshold * p_open[:, None]) & ~rescued & ~deep   # liquidatable when the grace period ends
    flood = under.sum(axis=1).astype(float)
    saved = rescued.sum(axis=1).astype(float)
    liquidated = (hit | deep).sum(axis=1).astype(float)
    bad = ((np.clip(debt[None, :] - p_open[:, None] / bonus, 0.0, None) * hit).sum(axis=1)
           + (np.clip(debt[None, :] - p_restart[:, None] / bonus, 0.0, None) * deep).sum(axis=1))
    if G == 0.0:  # no grace period: everyone underwater at restart is liquidated at once, nobody is saved
        saved[:] = 0.0
        liquidated, bad = flood.copy(), bad_now.copy()
    return OutageOutcome(float(flood.mean()), float(saved.mean()), float(liquidated.mean()), float(bad.mean()),
                         float(bad_now.mean()), float(debt.sum()), p_restart)


def price_paths(hours: float, sigma: float, k: int = 20, steps_per_hour: int = 4, seed: int = 0):
    """``k`` seeded driftless GBM price paths (start 1) over ``hours``: (times in hours, paths of shape (k, steps + 1)).

    >>> t, p = price_paths(2.0, 1.0, k=3)
    >>> t.shape, p.shape, bool((p[:, 0] == 1.0).all())
    ((9,), (3, 9), True)
    """
    hours = v.real("hours", hours, low=0.0, low_open=True, high=24 * 60)
    sigma = v.real("sigma", sigma, low=0.0, high=10.0)
    k = v.integer("k", k, low=1, high=10_000)
    steps_per_hour = v.integer("steps_per_hour", steps_per_hour, low=1, high=3600)
    seed = v.integer("seed", seed, low=0)
    steps = max(1, int(math.ceil(hours * steps_per_hour)))
    dt = hours / steps / 8760.0
    rng = np.random.default_rng(seed)
    incr = sigma * math.sqrt(dt) * rng.standard_normal((k, steps)) - 0.5 * sigma**2 * dt
    paths = np.exp(np.concatenate([np.zeros((k, 1)), np.cumsum(incr, axis=1)], axis=1))
    return np.linspace(0.0, hours, steps + 1), paths


def liquidation_race(value: float, n_bots: int, ordering: str, cost_spread: float = 0.2, rounds: int = 1000,
                     seed: int = 0) -> dict:
    """Who keeps a liquidation's bonus under first-come-first-served or priority ordering.

    Each round, ``n_bots`` liquidators can take an opportunity worth ``value``; bot
    ``i`` has a private cost ``c_i`` (a share of ``value``, uniform on (0, ``cost_spread``)).
    FCFS: the bot with the lowest latency (random) wins and keeps ``value - c_i``.
    Priority ordering: bots bid for the slot; the lowest-cost bot wins and pays the
    second-lowest cost's surplus, ``value - c_(2)`` (a second-price outcome), which
    goes to whoever orders transactions.

    Returns mean shares of ``value``: ``to_liquidator``, ``to_orderer``, ``costs``.

    >>> fcfs = liquidation_race(1.0, 5, "fcfs", seed=1)
    >>> prio = liquidation_race(1.0, 5, "priority", seed=1)
    >>> fcfs["to_orderer"], round(prio["to_orderer"], 2) > 0.8
    (0.0, True)
    """
    value = v.real("value", value, low=0.0, low_open=True, high=1e12)
    n = v.integer("n_bots", n_bots, low=1, high=10_000)
    ordering = v.choice("ordering", ordering, ("fcfs", "priority"))
    spread = v.real("cost_spread", cost_spread, low=0.0, high=1.0)
    rounds = v.integer("rounds", rounds, low=1, high=1_000_000)
    seed = v.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    costs = rng.uniform(0.0, spread, (rounds, n)) * value
    if ordering == "fcfs":
        winner = rng.integers(0, n, rounds)
        c = costs[np.arange(rounds), winner]
        return {"to_liquidator": float(((value - c) / value).mean()), "to_orderer": 0.0, "costs": float((c / value).mean())}
    s = np.sort(costs, axis=1)
    c1 = s[:, 0]
    c2 = s[:, 1] if n > 1 else np.full(rounds, value)
    pay = value - c2
    return {"to_liquidator": float(((c2 - c1) / value).mean()), "to_orderer": float((pay / value).mean()),
            "costs": float((c1 / value).mean())}
