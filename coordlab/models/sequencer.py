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
UINT256_MAX = 2**256 - 1          # timestamps and grace periods are uint256 on chain

# Size caps that keep the largest call near a second (and a few hundred MB).
OUTAGES_MAX = 1_000_000           # expected outages rate_per_year x years in simulate_outages
CELLS_MAX = 4_000_000             # borrowers x paths in outage_liquidations
PATH_POINTS_MAX = 10_000_000      # paths x steps in price_paths
RACE_BIDS_MAX = 10_000_000        # rounds x bots in liquidation_race

# Shared constraints.
ANSWER = v.Integer(0, 1)                       # the uptime feed's answer: 0 up, 1 down
TIMESTAMP = v.Integer(0, UINT256_MAX)          # seconds (block.timestamp, startedAt)
SIGMA = v.Real(0.0, 10.0)                      # annual volatility, at most 1,000%
SEED = v.Seed()

# hours after which a transaction sent to L1 can be forced into the rollup: (low, high) where sources disagree
FORCE_INCLUSION = {
    "Arbitrum One": {"low_hours": 5760 * 12 / 3600, "high_hours": 24.0,
                     "source": "SequencerInbox delayBlocks = 5760 (19.2 h of 12 s L1 blocks); delaySeconds = 86400 "
                               "(24 h) in versions that also check time; docs.arbitrum.io: about 24 h"},
    "OP Mainnet": {"low_hours": 3600 * 12 / 3600, "high_hours": 24.0,
                   "source": "superchain-registry seq_window_size = 3600 L1 blocks (12 h); OP docs 'Outages': 24 h"},
}


def _time_runs_forward(now: int, since: int, since_name: str) -> None:
    if now < since:
        raise ValueError(f"now must not be before {since_name}: got now={now} < {since_name}={since}")


@v.params(answer=ANSWER, started_at=TIMESTAMP, now=TIMESTAMP, grace=TIMESTAMP)
def chainlink_gate(answer: int, started_at: int, now: int, grace: int = GRACE_PERIOD_TIME) -> str:
    """What Chainlink's sample consumer does: ``"SequencerDown"``, ``"GracePeriodNotOver"`` or ``"ok"``.

    ``answer`` is 0 (up) or 1 (down); ``started_at``, ``now`` and ``grace`` are seconds
    (uint256, as on chain), with ``now >= started_at``.

    >>> [chainlink_gate(0, 1_000, 1_000 + t) for t in (3599, 3600, 3601)]
    ['GracePeriodNotOver', 'GracePeriodNotOver', 'ok']
    >>> chainlink_gate(1, 1_000, 99_999)
    'SequencerDown'
    """
    _time_runs_forward(now, started_at, "started_at")
    if answer != 0:
        return "SequencerDown"
    if now - started_at <= grace:
        return "GracePeriodNotOver"
    return "ok"


@v.params(answer=ANSWER, last_update=TIMESTAMP, now=TIMESTAMP, grace=TIMESTAMP)
def aave_sentinel_allows(answer: int, last_update: int, now: int, grace: int) -> bool:
    """Aave v3 ``PriceOracleSentinel.isLiquidationAllowed``: up, and strictly more than ``grace`` seconds since.

    ``answer`` is 0 (up) or 1 (down); ``last_update``, ``now`` and ``grace`` are seconds
    (uint256), with ``now >= last_update``.

    >>> [aave_sentinel_allows(0, 0, t, 3600) for t in (3600, 3601)]
    [False, True]
    """
    _time_runs_forward(now, last_update, "last_update")
    return answer == 0 and now - last_update > grace


@v.params(chain=v.Choice(*FORCE_INCLUSION))
def force_inclusion_hours(chain: str) -> tuple[float, float]:
    """The (low, high) hours before a transaction sent to L1 can be forced in, where sources disagree.

    >>> force_inclusion_hours("Arbitrum One"), force_inclusion_hours("OP Mainnet")
    ((19.2, 24.0), (12.0, 24.0))
    """
    d = FORCE_INCLUSION[chain]
    return (d["low_hours"], d["high_hours"])


@v.params(rate_per_year=v.Real(0.0, 1e4), median_hours=v.Real(1e-6, 1e4), years=v.Real(1e-6, 1e4), seed=SEED,
          spread=v.Real(0.0, 5.0))
def simulate_outages(rate_per_year: float, median_hours: float, years: float, seed: int = 0,
                     spread: float = 1.0) -> np.ndarray:
    """Seeded outages: Poisson arrivals (``rate_per_year``), log-normal durations (median, log-sd ``spread``).

    Returns an array of shape (k, 2): start (years) and duration (hours) of each outage.

    ``rate_per_year`` in [0, 10,000]; ``median_hours`` and ``years`` in [1e-6, 10,000];
    ``spread`` in [0, 5]. At most 1,000,000 outages expected (``rate_per_year x years``):
    the largest call takes about 0.1 s.

    >>> out = simulate_outages(4.0, 1.0, 50.0, seed=1)
    >>> out.shape[1], 150 < out.shape[0] < 250
    (2, True)
    """
    rate, median = rate_per_year, median_hours
    if rate * years > OUTAGES_MAX:
        raise ValueError(f"rate_per_year x years must be at most {OUTAGES_MAX:,} expected outages, "
                         f"got {rate:g} x {years:g} = {rate * years:,.0f}")
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


@v.params(outage_hours=v.Real(0.0, 24 * 30), grace_hours=v.Real(0.0, 24 * 7), sigma=SIGMA,
          n=v.Integer(1, CELLS_MAX), paths=v.Integer(1, CELLS_MAX), topup=v.Probability(),
          threshold=v.Real(0.01, 1.0, high_open=True), bonus=v.Real(1.0, 1.5), override=v.Boolean(), seed=SEED)
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

    ``outage_hours`` in [0, 720] (30 days); ``grace_hours`` in [0, 168]; ``sigma`` in
    [0, 10]; ``topup`` in [0, 1]; ``threshold`` in [0.01, 1); ``bonus`` in [1, 1.5].
    ``n x paths`` is at most 4,000,000 (a borrower on a path is one cell of several
    arrays): the largest call takes about half a second.

    >>> o = outage_liquidations(6.0, 1.0, 1.0, seed=1)
    >>> o.liquidatable_at_restart >= o.liquidated, o.bad_debt <= o.bad_debt_no_grace + 1e-9
    (True, True)
    """
    T, G = outage_hours, grace_hours
    if n * paths > CELLS_MAX:
        raise ValueError(f"n x paths must be at most {CELLS_MAX:,}, got n={n:,} x paths={paths:,} = {n * paths:,}")
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


@v.params(hours=v.Real(1e-3, 24 * 60), sigma=SIGMA, k=v.Integer(1, 10_000), steps_per_hour=v.Integer(1, 3600),
          seed=SEED)
def price_paths(hours: float, sigma: float, k: int = 20, steps_per_hour: int = 4, seed: int = 0):
    """``k`` seeded driftless GBM price paths (start 1) over ``hours``: (times in hours, paths of shape (k, steps + 1)).

    ``hours`` in [0.001, 1,440] (60 days); ``sigma`` (annual) in [0, 10]; ``k`` in
    [1, 10,000]; ``steps_per_hour`` in [1, 3,600]; at most 10,000,000 points
    (``k x (steps + 1)``, about half a second).

    >>> t, p = price_paths(2.0, 1.0, k=3)
    >>> t.shape, p.shape, bool((p[:, 0] == 1.0).all())
    ((9,), (3, 9), True)
    """
    steps = max(1, int(math.ceil(hours * steps_per_hour)))
    if k * (steps + 1) > PATH_POINTS_MAX:
        raise ValueError(f"k x (hours x steps_per_hour + 1) must be at most {PATH_POINTS_MAX:,} points, got "
                         f"k={k:,} x {steps + 1:,} = {k * (steps + 1):,}")
    dt = hours / steps / 8760.0
    rng = np.random.default_rng(seed)
    incr = sigma * math.sqrt(dt) * rng.standard_normal((k, steps)) - 0.5 * sigma**2 * dt
    paths = np.exp(np.concatenate([np.zeros((k, 1)), np.cumsum(incr, axis=1)], axis=1))
    return np.linspace(0.0, hours, steps + 1), paths


@v.params(value=v.Real(1e-6, 1e12), n_bots=v.Integer(1, 10_000), ordering=v.Choice("fcfs", "priority"),
          cost_spread=v.Probability(), rounds=v.Integer(1, 1_000_000), seed=SEED)
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

    ``value`` in [1e-6, 1e12] USD; ``cost_spread`` in [0, 1]; ``n_bots x rounds`` at most
    10,000,000 (about half a second).

    >>> fcfs = liquidation_race(1.0, 5, "fcfs", seed=1)
    >>> prio = liquidation_race(1.0, 5, "priority", seed=1)
    >>> fcfs["to_orderer"], round(prio["to_orderer"], 2) > 0.8
    (0.0, True)
    """
    n, spread = n_bots, cost_spread
    if n * rounds > RACE_BIDS_MAX:
        raise ValueError(f"n_bots x rounds must be at most {RACE_BIDS_MAX:,}, got n_bots={n:,} x rounds={rounds:,} "
                         f"= {n * rounds:,}")
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
