"""Sequencer risk: uptime gates, forced inclusion, outages, a lending market through an outage, ordering power.

**The uptime gate.** A rollup's sequencer can stop; Chainlink publishes an L2
sequencer uptime feed (``answer`` 0 = up, 1 = down; ``startedAt`` = when the status
last changed; ``updatedAt`` = when the round was last written, refreshed about daily
even when the status has not changed). Chainlink's sample consumer reverts
``SequencerDown`` while it is down and ``GracePeriodNotOver`` while
``block.timestamp - startedAt <= GRACE_PERIOD_TIME`` (3 600 s): prices are usable only
from the first second *after* the grace period (:func:`chainlink_gate_allows`). Aave v3's
``PriceOracleSentinel`` allows borrowing and liquidations only if the sequencer is up
and ``block.timestamp - t > gracePeriod``, the same strict inequality
(:func:`aave_sentinel_allows`); but Aave v3.0 read ``t`` from the feed's
``updatedAt`` (its ``lastUpdateTimestamp``), not ``startedAt``, so each daily refresh
of the round closed borrowing and liquidations for an hour while the sequencer was up
(aave/aave-v3-core issue #926, 14 November 2023); later sentinels read ``startedAt``
(:func:`aave_sentinel_round_allows`, :func:`sentinel_blocked_share`).

**Forced inclusion.** While the sequencer is down, users can still put a
transaction on L1 and force the rollup to include it, after a delay
(:data:`FORCE_INCLUSION`, :func:`force_inclusion_hours`). On Arbitrum One the
``SequencerInbox`` lets a delayed message be force-included once it is more than
``delayBlocks`` L1 blocks old: 24 hours before and after the BoLD upgrade (12 February
2025). Before it ``delayBlocks = 5760`` (24 h of the 15-second blocks it was set for, 19.2 h
of post-Merge 12-second blocks) and ``delaySeconds = 86400`` were both checked, so 24 hours
bound; BoLD dropped the seconds check and raised ``delayBlocks`` to 7200 (24 h of 12 s
blocks), with a delay buffer that repeated censorship drains down to its threshold (150
blocks, 30 minutes). On OP Stack chains L1 deposits are derived into L2 automatically and
must be included within the chain's sequencing window: ``seq_window_size = 3600`` L1 blocks
(12 hours) on OP Mainnet, while the docs speak of a 24-hour default that differs by
chain. Either way, messages queued on L1 during an outage are processed as the
sequencer resumes, before liquidators' L2 transactions can land (the ``queued`` share
of :func:`outage_liquidations`).

**Outages** (:func:`simulate_outages`, :func:`fit_outage_durations`). Poisson arrivals
and log-normal durations, calibrated to the public, dated list in
:mod:`coordlab.models.l2_outages`.

**An outage, through a lending market** (:func:`outage_liquidations`). During an
outage nobody can act on L2 but prices move; at restart every position whose
health factor fell below 1 is liquidatable at once (the flood). A grace period
blocks liquidations for a while (except below HF 0.95) so that borrowers can repay or
add collateral. The two policies are compared on the same horizon, the end of the
grace window: with no grace period, liquidations run from the restart on.

**Ordering power** (:func:`ordering_race`). Who wins a
liquidation is decided by the sequencer's ordering rule: first come, first served
rewards latency and invites spam (a Tullock contest that dissipates the rent);
priority ordering and auctions (Arbitrum's Timeboost, priority-fee ordering on OP
Stack chains) pass the bonus to whoever sells the ordering; oracle-extractable-value
recapture (Chainlink SVR) returns a share of it to the protocol.

Sources
-------
- smartcontractkit/documentation, ``public/samples/DataFeeds/DataConsumerWithSequencerCheck.sol``
  (``GRACE_PERIOD_TIME = 3600``; ``timeSinceUp <= GRACE_PERIOD_TIME`` reverts); Chainlink docs,
  "L2 Sequencer Uptime Feeds".
- aave/aave-v3-core, ``contracts/protocol/configuration/PriceOracleSentinel.sol`` at commit 6070e82
  (v3.0: ``_isUpAndGracePeriodPassed`` reads ``lastUpdateTimestamp``, the round's ``updatedAt``);
  issue #926 (14 November 2023); aave-dao/aave-v3-origin ``src/contracts/misc/PriceOracleSentinel.sol``
  (reads ``startedAt``).
- OffchainLabs/nitro-contracts, ``src/bridge/SequencerInbox.sol`` (``forceInclusion``: reverts
  ``ForceIncludeBlockTooSoon`` while ``l1Block + delayBlocks >= block.number``; ``delayBufferableBlocks``),
  ``src/bridge/DelayBuffer.sol`` (``deplete`` saturates at the threshold), ``src/rollup/BOLDUpgradeAction.sol``
  (``delayBlocks`` 7200) and ``scripts/files/configs/arb1.ts`` (Arbitrum One's buffer); docs.arbitrum.io
  (force inclusion, ~24 h).
- ethereum-optimism/superchain-registry ``superchain/configs/mainnet/op.toml`` (``seq_window_size = 3600``);
  ethereum-optimism docs, "Outages" (24 hours by default, differs by chain).
- G. Tullock (1980), "Efficient rent seeking", in *Toward a Theory of the Rent-Seeking Society*;
  W. Vickrey (1961), "Counterspeculation, auctions, and competitive sealed tenders", *J. Finance* 16(1).
- Offchain Labs, Timeboost (docs.arbitrum.io, "A gentle introduction to Timeboost"; live on Arbitrum One
  17 April 2025); Chainlink, Smart Value Recapture (activated on Aave v3 Ethereum on 29 March 2025,
  governance.aave.com "ARFC Aave <> Chainlink SVR v1 Phase 1 activation").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from coordlab import _validate as v
from coordlab.models.l2_outages import COMPILED, LAUNCHED, OUTAGES, Outage

__all__ = [
    "GRACE_PERIOD_TIME",
    "chainlink_gate_allows",
    "aave_sentinel_allows",
    "aave_sentinel_round_allows",
    "sentinel_blocked_share",
    "ForceInclusion",
    "FORCE_INCLUSION",
    "force_inclusion_hours",
    "simulate_outages",
    "OutageFit",
    "fit_outage_durations",
    "outage_rate_per_year",
    "lognormal_exceedance",
    "OutageOutcome",
    "exact_share",
    "outage_liquidations",
    "price_paths",
    "PricePaths",
    "RaceOutcome",
    "ordering_race",
    "OUTAGE_BORROWERS",
    "OUTAGE_TOPUP",
]

GRACE_PERIOD_TIME = 3600  # seconds, Chainlink's sample consumer
UINT256_MAX = 2**256 - 1  # timestamps and grace periods are uint256 on chain

# Size caps that keep the largest call near a second (and a few hundred MB).
OUTAGES_MAX = 1_000_000  # expected outages rate_per_year x years in simulate_outages
CELLS_MAX = 4_000_000  # borrowers x paths in outage_liquidations
PATH_POINTS_MAX = 10_000_000  # paths x steps in price_paths
RACE_BIDS_MAX = 10_000_000  # rounds x bots in ordering_race
#: outage_liquidations' number of borrowers (borrowers; synthetic).
OUTAGE_BORROWERS = 2000
#: outage_liquidations' share of borrowers who top up in the window after the restart (fraction; stylised).
OUTAGE_TOPUP = 0.5

# Shared constraints.
ANSWER = v.Integer(0, 1)  # the uptime feed's answer: 0 up, 1 down
TIMESTAMP = v.Integer(0, UINT256_MAX)  # seconds (block.timestamp, startedAt)
SIGMA = v.Real(0.0, 10.0)  # annual volatility, at most 1,000%
SEED = v.Seed()


@dataclass(frozen=True)
class ForceInclusion:
    """How long a transaction sent to L1 waits before the rollup must include it (:data:`FORCE_INCLUSION`).

    Attributes
    ----------
    hours : float
        The delay that binds today, in hours: ``delay_blocks x block_seconds / 3600``.
    delay_blocks : int
        The delay in L1 blocks, as the contract or the chain's configuration sets it.
    block_seconds : float
        Seconds per L1 block the hours assume (12 since the Merge, September 2022).
    min_hours : float
        The shortest the delay can become, in hours: where a delay buffer is enabled
        (Arbitrum One since BoLD), repeated censorship drains the buffer and the delay falls
        toward the buffer's threshold; elsewhere ``hours``.
    source : str
        The contract or configuration the figures come from, and what changed.
    """

    hours: float
    delay_blocks: int
    block_seconds: float
    min_hours: float
    source: str


#: the forced-inclusion delay per chain (see :class:`ForceInclusion`), as of November 2026
FORCE_INCLUSION: dict[str, ForceInclusion] = {
    "Arbitrum One": ForceInclusion(
        hours=7200 * 12 / 3600,
        delay_blocks=7200,
        block_seconds=12.0,
        min_hours=150 * 12 / 3600,
        source="nitro-contracts SequencerInbox: since BoLD (12 February 2025) delayBlocks = 7200 L1 blocks "
        "(24 h of 12 s blocks) and a delay buffer (max 14400 blocks, threshold 150 = 30 min, replenished "
        "at 5%; DelayBuffer.deplete saturates at the threshold); before BoLD delayBlocks = 5760 and "
        "delaySeconds = 86400, both checked, so 24 h bound then too (5760 blocks alone: 19.2 h of 12 s "
        "blocks)",
    ),
    "OP Mainnet": ForceInclusion(
        hours=3600 * 12 / 3600,
        delay_blocks=3600,
        block_seconds=12.0,
        min_hours=3600 * 12 / 3600,
        source="superchain-registry op.toml seq_window_size = 3600 L1 blocks (12 h); deposits are derived "
        "into L2 automatically; the OP docs' 24 h is a default that differs by chain",
    ),
}

#: Chainlink refreshes the uptime feed's round (its updatedAt) about once a day (aave-v3-core issue #926)
FEED_REFRESH_SECONDS = 86_400


def _time_runs_forward(now: int, since: int, since_name: str, now_name: str = "now") -> None:
    if now < since:
        raise ValueError(f"{now_name} must not be before {since_name}: got {now_name}={now} < {since_name}={since}")


@v.params(sequencer_status=ANSWER, started_at=TIMESTAMP, now=TIMESTAMP, grace=TIMESTAMP)
def chainlink_gate_allows(sequencer_status: int, started_at: int, now: int, grace: int = GRACE_PERIOD_TIME) -> bool:
    """Chainlink's sample consumer: ``True`` if it returns the price, ``False`` if it reverts.

    It reverts ``SequencerDown`` when ``sequencer_status`` is 1 and ``GracePeriodNotOver`` while
    ``now - started_at <= grace``; so a ``False`` with ``sequencer_status`` 0 is the grace period.
    Speaks like :func:`aave_sentinel_allows` (a bool: allowed or not).

    ``sequencer_status`` is 0 (up) or 1 (down); ``started_at``, ``now`` and ``grace`` are seconds
    (uint256, as on chain), with ``now >= started_at``.

    >>> [chainlink_gate_allows(0, 1_000, 1_000 + t) for t in (3599, 3600, 3601)]
    [False, False, True]
    >>> chainlink_gate_allows(1, 1_000, 99_999)
    False
    """
    _time_runs_forward(now, started_at, "started_at")
    return sequencer_status == 0 and now - started_at > grace


@v.params(sequencer_status=ANSWER, last_update=TIMESTAMP, now=TIMESTAMP, grace=TIMESTAMP)
def aave_sentinel_allows(sequencer_status: int, last_update: int, now: int, grace: int) -> bool:
    """Aave v3 ``PriceOracleSentinel.isLiquidationAllowed``: up, and strictly more than ``grace`` seconds since.

    ``sequencer_status`` is 0 (up) or 1 (down); ``last_update``, ``now`` and ``grace`` are seconds
    (uint256), with ``now >= last_update``.

    >>> [aave_sentinel_allows(0, 0, t, 3600) for t in (3600, 3601)]
    [False, True]
    """
    _time_runs_forward(now, last_update, "last_update")
    return sequencer_status == 0 and now - last_update > grace


@v.params(
    sequencer_status=ANSWER,
    started_at=TIMESTAMP,
    updated_at=TIMESTAMP,
    now=TIMESTAMP,
    grace=TIMESTAMP,
    reads=v.Choice("updatedAt", "startedAt"),
)
def aave_sentinel_round_allows(
    sequencer_status: int, started_at: int, updated_at: int, now: int, grace: int, reads: str = "startedAt"
) -> bool:
    """Aave's sentinel given the uptime feed's whole round: which timestamp it reads decides the answer.

    The feed's ``latestRoundData`` returns ``startedAt`` (when the status last changed)
    and ``updatedAt`` (when the round was last written; Chainlink refreshes it about
    daily even when the status has not changed). Aave v3.0's ``PriceOracleSentinel``
    read ``updatedAt`` (``reads="updatedAt"``, its ``lastUpdateTimestamp``), so every
    refresh restarted the grace period (aave/aave-v3-core issue #926, November 2023);
    the fixed sentinels (aave-v3-origin) read ``startedAt`` (``reads="startedAt"``).

    Seconds are uint256, with ``started_at <= updated_at <= now``.

    >>> restart, refresh = 0, 5 * 86_400        # up since second 0; the round refreshed on day 5
    >>> now = refresh + 60
    >>> [aave_sentinel_round_allows(0, restart, refresh, now, 3600, reads=r) for r in ("updatedAt", "startedAt")]
    [False, True]
    """
    _time_runs_forward(updated_at, started_at, "started_at", "updated_at")
    _time_runs_forward(now, updated_at, "updated_at")
    return sequencer_status == 0 and now - (updated_at if reads == "updatedAt" else started_at) > grace


@v.params(grace=v.Integer(0, 10**9), refresh_seconds=v.Integer(1, 10**9), reads=v.Choice("updatedAt", "startedAt"))
def sentinel_blocked_share(grace: int, refresh_seconds: int = FEED_REFRESH_SECONDS, reads: str = "updatedAt") -> float:
    """Share of the time a sentinel refuses borrowing and liquidations while the sequencer has long been up.

    The feed's round is refreshed every ``refresh_seconds`` (``updatedAt``), its
    status unchanged (``startedAt`` long past). A sentinel reading ``updatedAt`` refuses
    for the seconds ``t`` after each refresh with ``t <= grace``, that is ``grace + 1``
    seconds of each ``refresh_seconds`` (all of them if the refresh comes sooner); one
    reading ``startedAt`` never refuses. The rule of :func:`aave_sentinel_round_allows`,
    counted second by second, in closed form.

    >>> sentinel_blocked_share(3600) == 3601 / 86_400, sentinel_blocked_share(3600, reads="startedAt")
    (True, 0.0)
    """
    if reads == "startedAt":
        return 0.0
    return min(grace + 1, refresh_seconds) / refresh_seconds


@v.params(chain=v.Choice(*FORCE_INCLUSION))
def force_inclusion_hours(chain: str) -> float:
    """Hours before a transaction sent to L1 must be included by ``chain``'s rollup: the delay that binds today.

    ``FORCE_INCLUSION[chain]`` gives the blocks, the block time and the shortest the delay
    can become (a drained delay buffer).

    >>> force_inclusion_hours("Arbitrum One"), force_inclusion_hours("OP Mainnet")
    (24.0, 12.0)
    """
    return FORCE_INCLUSION[chain].hours


@v.params(
    rate_per_year=v.Real(0.0, 1e4),
    median_hours=v.Real(1e-6, 1e4),
    years=v.Real(1e-6, 1e4),
    seed=SEED,
    spread=v.Real(0.0, 5.0),
)
def simulate_outages(
    rate_per_year: float, median_hours: float, years: float, seed: int = 0, spread: float = 1.0
) -> np.ndarray:
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
        raise ValueError(
            f"rate_per_year x years must be at most {OUTAGES_MAX:,} expected outages, "
            f"got {rate:g} x {years:g} = {rate * years:,.0f}"
        )
    rng = np.random.default_rng(seed)
    k = rng.poisson(rate * years)
    starts = np.sort(rng.uniform(0.0, years, k))
    durations = median * np.exp(spread * rng.standard_normal(k))
    return np.column_stack([starts, durations])


@dataclass(frozen=True)
class OutageFit:
    """Result of :func:`fit_outage_durations`: a log-normal law fitted to reported outage lengths.

    Attributes
    ----------
    n : int
        Number of outages the fit uses.
    median_hours : float
        exp(mean of the log durations): the fitted median, in hours.
    spread : float
        Sample standard deviation of the log durations (the log-normal's sigma, ``spread`` of
        :func:`simulate_outages`).
    longest_hours : float
        The longest reported outage, in hours.
    spread_low, spread_high : float
        A 90% confidence interval for the spread: ``spread x sqrt((n - 1) / q)`` at the chi-square
        (n - 1 degrees of freedom) quantiles ``q`` 0.95 and 0.05, the textbook interval for a normal
        standard deviation (applied to the log durations).
    """

    n: int
    median_hours: float
    spread: float
    longest_hours: float
    spread_low: float
    spread_high: float


# chains with at least two reported outages (a spread needs two)
_FITTABLE = tuple(sorted({o.chain for o in OUTAGES if sum(p.chain == o.chain for p in OUTAGES) >= 2}))


@v.params(chain=v.Optional(v.Choice(*_FITTABLE)), reading=v.Choice("stated", "shortest", "longest"))
def fit_outage_durations(chain: str | None = None, *, reading: str = "stated") -> OutageFit:
    """Fit a log-normal to the outage lengths in :data:`coordlab.models.l2_outages.OUTAGES` (one chain, or all).

    The maximum-likelihood log-normal has the mean of the log durations as its log-median;
    the spread is the sample standard deviation of the logs (n - 1), the usual small-sample
    choice. Pooling chains assumes they share one law of durations; with ten records,
    the fit is rough: the notebook shows how the conclusions move with the spread.

    ``reading`` picks each record's length: ``"stated"`` (its ``hours``: the chain's own
    report where there is one), or the ``"shortest"`` or ``"longest"`` figure the sources
    give where they disagree (``range_hours``), to show how much the fit rests on that choice.

    >>> fit = fit_outage_durations()
    >>> fit.n, round(fit.median_hours, 2), round(fit.spread, 2), round(fit.longest_hours, 2)
    (10, 1.79, 1.38, 11.33)
    >>> round(fit.spread_low, 2), round(fit.spread_high, 2)
    (1.01, 2.27)
    """

    def length(o: Outage) -> float:
        if reading == "stated" or o.range_hours is None:
            return o.hours
        return o.range_hours[0] if reading == "shortest" else o.range_hours[1]

    hours = np.array([length(o) for o in OUTAGES if chain is None or o.chain == chain], dtype=float)
    logs = np.log(hours)
    sd, dof = float(logs.std(ddof=1)), hours.size - 1
    return OutageFit(
        int(hours.size),
        float(math.exp(logs.mean())),
        sd,
        float(hours.max()),
        sd * math.sqrt(dof / _chi2_quantile(0.95, dof)),
        sd * math.sqrt(dof / _chi2_quantile(0.05, dof)),
    )


def _chi2_quantile(p: float, dof: int) -> float:
    """The chi-square quantile by bisection on its CDF, the regularised gamma P(dof/2, x/2) summed as a series.

    Pure Python (importing scipy.stats costs a notebook about a second); exact to 1e-12 for the few
    degrees of freedom a list of outages has (tests/test_sequencer.py checks it against scipy).
    """
    a = dof / 2

    def cdf(x: float) -> float:
        y = x / 2
        term = total = 1.0 / a
        k = 0
        while term > 1e-17 * total:
            k += 1
            term *= y / (a + k)
            total += term
        return math.exp(a * math.log(y) - y - math.lgamma(a)) * total if y > 0 else 0.0

    lo, hi = 0.0, dof + 20.0 * math.sqrt(2.0 * dof) + 50.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
        if hi - lo < 1e-12 * max(1.0, hi):
            break
    return (lo + hi) / 2


@v.params(chain=v.Choice(*LAUNCHED))
def outage_rate_per_year(chain: str) -> float:
    """Reported outages of ``chain`` per year, from its opening to all users to the list's compilation date.

    A lower bound: short stalls nobody wrote about are not in the list.

    >>> round(outage_rate_per_year("Arbitrum One"), 2), round(outage_rate_per_year("Base"), 2)
    (0.57, 0.61)
    """
    from datetime import date

    years = (date.fromisoformat(COMPILED) - date.fromisoformat(LAUNCHED[chain][0])).days / 365.25
    return sum(o.chain == chain for o in OUTAGES) / years


@v.params(hours=v.Real(0.0, 1e6), median_hours=v.Real(1e-6, 1e4), spread=v.Real(0.0, 5.0, low_open=True))
def lognormal_exceedance(hours: float, median_hours: float, spread: float) -> float:
    """P(an outage lasts longer than ``hours``) under a log-normal law of durations (median, log-sd ``spread``).

    ``1 - Phi(ln(hours / median) / spread)``, exact (``math.erfc``).

    >>> lognormal_exceedance(1.0, 1.0, 1.0), round(lognormal_exceedance(19.2, 1.0, 1.0), 4)
    (0.5, 0.0016)
    """
    if hours == 0.0:
        return 1.0
    return 0.5 * math.erfc(math.log(hours / median_hours) / (spread * math.sqrt(2.0)))


@dataclass(frozen=True)
class OutageOutcome:
    """Result of :func:`outage_liquidations` (means over seeded price paths, in positions of the book).

    Both policies are measured on the same horizon: from the restart to the end of the
    grace window (``grace_hours`` after the restart). With no grace period,
    liquidations run over that same window from the restart on.

    Attributes
    ----------
    liquidatable_at_restart : float
        Positions with HF < 1 when the sequencer restarts, after top-ups queued on L1 during the
        outage are processed (the flood).
    saved : float
        Positions liquidated by the window's end with no grace period but not with one:
        ``liquidated_no_grace - liquidated`` (their owners acted in the window, or the price came
        back before liquidations opened).
    liquidated : float
        Positions liquidated by the window's end with the grace period (HF < 0.95 at once, under
        Aave's override; the rest when the grace period ends, if still below HF 1 and their owners
        did not act).
    liquidated_no_grace : float
        Positions liquidated by the window's end with no grace period: every position below HF 1 at
        restart at once, and those that fall below it later in the window unless their owners act.
    bad_debt : float
        Debt the liquidated positions' collateral did not cover, with the grace period (USD).
    bad_debt_no_grace : float
        The same with no grace period.
    total_debt : float
        All borrowers' debt (the unit of ``bad_debt``: collateral is priced 1 at the start).
    restart_price : ndarray
        The price at restart on each path (start = 1).
    n : int
        Borrowers in the book.
    paths : int
        Price paths the counts are averaged over (each count is a whole number divided by ``paths``).
    """

    liquidatable_at_restart: float
    saved: float
    liquidated: float
    liquidated_no_grace: float
    bad_debt: float
    bad_debt_no_grace: float
    total_debt: float
    restart_price: np.ndarray
    n: int = 1
    paths: int = 1


@v.params(count=v.Real(-1e7, 1e7), outcome=v.Instance(OutageOutcome))
def exact_share(count: float, outcome: OutageOutcome) -> Decimal:
    """One of ``outcome``'s mean counts as an exact share of all positions (a ``Decimal``, to print without float
    ties).

    Each count is a whole number of positions summed over the paths, divided by
    ``outcome.paths``; the share is that whole number over ``n x paths``, computed in
    decimal arithmetic, so that a share exactly halfway between two printed digits rounds
    the same way on every CPU (half to even).

    >>> o = outage_liquidations(24.0, 1.0, 1.5, n=2000, paths=200, seed=3)
    >>> f"{exact_share(o.liquidatable_at_restart, o):.2%}"
    '3.30%'
    """
    whole = round(count * outcome.paths)
    if abs(whole - count * outcome.paths) > 1e-6 * max(1.0, abs(whole)):
        raise ValueError(
            f"count must be a mean count of outcome (a whole number over paths={outcome.paths}), got {count!r}"
        )
    return Decimal(whole) / Decimal(outcome.n * outcome.paths)


def _crossing_prices(run_min: np.ndarray, window: np.ndarray, rows: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """For each (path, level) pair, the price at the first step of the window below the level (it must cross)."""
    out = np.empty(rows.size)
    order = np.argsort(rows, kind="stable")
    bounds = np.searchsorted(rows[order], np.arange(run_min.shape[0] + 1))
    for row in range(run_min.shape[0]):
        cells = order[bounds[row] : bounds[row + 1]]
        if cells.size:
            steps = np.searchsorted(-run_min[row], -levels[cells], side="right")
            out[cells] = window[row, np.minimum(steps, window.shape[1] - 1)]
    return out


@v.params(
    outage_hours=v.Real(0.0, 24 * 30),
    grace_hours=v.Real(0.0, 24 * 7),
    sigma=SIGMA,
    n=v.Integer(1, CELLS_MAX),
    paths=v.Integer(1, CELLS_MAX),
    topup=v.Probability(),
    threshold=v.Real(0.01, 1.0, high_open=True),
    bonus=v.Real(1.0, 1.5),
    override=v.Boolean(),
    seed=SEED,
    queued=v.Probability(),
    steps_per_hour=v.Integer(1, 60),
    max_usage=v.Real(0.5, 1.0, low_open=True),
)
def outage_liquidations(
    outage_hours: float,
    grace_hours: float,
    sigma: float,
    n: int = OUTAGE_BORROWERS,
    paths: int = 400,
    topup: float = OUTAGE_TOPUP,
    threshold: float = 0.8,
    bonus: float = 1.05,
    override: bool = True,
    seed: int = 0,
    queued: float = 0.0,
    steps_per_hour: int = 4,
    max_usage: float = 0.97,
) -> OutageOutcome:
    """A lending market of ``n`` borrowers through an outage of ``outage_hours`` and the window after it.

    Borrowers hold 1 unit of collateral (price 1) each and owe ``threshold x usage``
    with usage uniform in (0.5, ``max_usage``) (with the default 0.97, health factors 1.03
    to 2: a stylised book, not a real market's). The price follows a
    driftless GBM (annual volatility ``sigma``), seeded, observed at the restart and
    ``steps_per_hour`` times an hour in the window of ``grace_hours`` after it.

    * A share ``queued`` of borrowers topped up through L1 during the outage (an OP Stack
      deposit, an Arbitrum delayed-inbox message); their top-ups are processed as the
      sequencer resumes, before liquidations, and keep them safe. Drawn per path.
    * A share ``topup`` of borrowers act in the window once the sequencer is back (repay or
      add collateral before a liquidation can reach them), drawn per borrower and path, the
      same draw under both policies.
    * **No grace period:** every position with HF < 1 at restart is liquidated at once (bots are
      faster than owners); a position that falls below HF 1 later in the window is liquidated
      then, unless its owner acts.
    * **Grace period** of ``grace_hours``: with ``override`` (Aave v3's ``validateLiquidationCall``
      bypasses the sentinel when HF < 0.95), positions below 0.95 are liquidated at once, at
      restart or when they fall below it in the window, unless their owner acts; the rest wait,
      and when the grace period ends the positions still below HF 1 whose owners did not act
      are liquidated.

    A liquidation at price ``p`` repays debt worth at most ``p / bonus``; the rest of the
    debt is bad debt. Both policies are counted at the same horizon, the window's end.

    Parameters
    ----------
    outage_hours : float
        How long the sequencer is down, in hours, in [0, 720] (30 days).
    grace_hours : float
        The grace period after the restart, and the window observed after it, in hours, in [0, 168].
    sigma : float
        Annual volatility of the collateral's price (the GBM's sigma, 1.0 = 100% a year), in [0, 10].
    n : int
        Borrowers in the market, in [1, 4,000,000]; ``n x paths`` is at most 4,000,000 (the largest call takes
        about a second).
    paths : int
        Simulated price paths, in [1, 4,000,000].
    topup : float
        Share of borrowers who act in the window once the sequencer is back, in [0, 1].
    threshold : float
        Liquidation threshold LT, in [0.01, 1).
    bonus : float
        Liquidation bonus factor, in [1, 1.5].
    override : bool
        Whether Aave's HF < 0.95 override of the sentinel applies during the grace period.
    seed : int
        Seed of numpy's random generator.
    queued : float
        Share of borrowers whose top-up, queued through L1 during the outage, lands at the restart, in [0, 1].
    steps_per_hour : int
        Price observations per hour in the window, in [1, 60].
    max_usage : float
        Highest share of borrowing power a borrower uses, in (0.5, 1].

    >>> o = outage_liquidations(6.0, 1.0, 1.0, seed=1)
    >>> o.liquidatable_at_restart >= 0, o.liquidated <= o.liquidated_no_grace, o.saved >= 0
    (True, True, True)
    """
    T, G = outage_hours, grace_hours
    if n * paths > CELLS_MAX:
        raise ValueError(f"n x paths must be at most {CELLS_MAX:,}, got n={n:,} x paths={paths:,} = {n * paths:,}")
    rng = np.random.default_rng(seed)
    debt = threshold * rng.uniform(0.5, max_usage, n)  # collateral 1 unit each
    level = debt / threshold  # HF < 1 iff price < level
    hourly = sigma / math.sqrt(8760.0)
    p_restart = (
        np.exp(hourly * math.sqrt(T) * rng.standard_normal(paths) - 0.5 * hourly**2 * T) if T > 0 else np.ones(paths)
    )
    k = int(math.ceil(G * steps_per_hour)) if G > 0 else 0
    if k:
        dt = G / k
        incr = hourly * math.sqrt(dt) * rng.standard_normal((paths, k)) - 0.5 * hourly**2 * dt
        window = p_restart[:, None] * np.exp(np.cumsum(incr, axis=1))  # the price at each step of the window
    else:
        window = p_restart[:, None]
    acts = rng.random((paths, n)) < topup if k else np.zeros((paths, n), dtype=bool)
    safe = rng.random((paths, n)) < queued if queued > 0 else np.zeros((paths, n), dtype=bool)

    # only positions that are below HF 1 at some point (restart or window) can be liquidated: work on those
    run_min = np.minimum.accumulate(window, axis=1)
    low = run_min[:, -1] if k else p_restart
    r, c = np.nonzero(np.minimum(p_restart, low)[:, None] < level[None, :])
    lv, owed, acted, topped = level[c], debt[c], acts[r, c], safe[r, c]

    def count(
        mask: np.ndarray,
    ) -> np.ndarray:  # positions in ``mask`` per path (whole numbers, as floats; weighting beats indexing by a third)
        return np.bincount(r, weights=mask, minlength=paths)

    def bad(
        mask: np.ndarray, price: np.ndarray
    ) -> np.ndarray:  # bad debt per path of liquidating the positions in ``mask`` at ``price`` (one per position)
        return np.bincount(r[mask], np.clip(owed[mask] - price / bonus, 0.0, None), minlength=paths)

    under = (p_restart[r] < lv) & ~topped  # HF < 1 at restart: the flood
    flood = count(under)
    if not k:  # no window: both policies liquidate the flood at the restart price
        b = bad(under, p_restart[r][under])
        return OutageOutcome(
            float(flood.mean()),
            0.0,
            float(flood.mean()),
            float(flood.mean()),
            float(b.mean()),
            float(b.mean()),
            float(debt.sum()),
            p_restart,
            n,
            paths,
        )
    end = window[:, -1]

    def first_below(
        mask: np.ndarray, fraction: float
    ) -> np.ndarray:  # the price at the first step of the window below ``fraction`` x level
        return _crossing_prices(run_min, window, r[mask], fraction * lv[mask])

    # no grace period: the flood at restart; later, the first fall below HF 1 unless the owner acts
    later = ~under & ~topped & ~acted & (low[r] < lv)
    bad_ng = bad(under, p_restart[r][under]) + bad(later, first_below(later, 1.0))
    n_ng = count(under) + count(later)

    # grace period: below 0.95 liquidated at once (override), the rest at the window's end if still below HF 1
    none = np.zeros_like(under)
    deep = (p_restart[r] < 0.95 * lv) & ~topped if override else none
    dips = ~deep & ~topped & ~acted & (low[r] < 0.95 * lv) if override else none
    at_end = ~deep & ~dips & ~topped & ~acted & (end[r] < lv)
    bad_g = bad(deep, p_restart[r][deep]) + bad(dips, first_below(dips, 0.95)) + bad(at_end, end[r][at_end])
    n_g = count(deep) + count(dips) + count(at_end)
    return OutageOutcome(
        float(flood.mean()),
        float((n_ng - n_g).mean()),
        float(n_g.mean()),
        float(n_ng.mean()),
        float(bad_g.mean()),
        float(bad_ng.mean()),
        float(debt.sum()),
        p_restart,
        n,
        paths,
    )


@dataclass(frozen=True)
class PricePaths:
    """Result of :func:`price_paths`.

    Attributes
    ----------
    hours : numpy.ndarray
        The times, in hours from 0 (``steps + 1`` of them).
    paths : numpy.ndarray
        Prices, shape (k, steps + 1), each path starting at 1.
    """

    hours: np.ndarray
    paths: np.ndarray


@v.params(
    hours=v.Real(1e-3, 24 * 60), sigma=SIGMA, k=v.Integer(1, 10_000), steps_per_hour=v.Integer(1, 3600), seed=SEED
)
def price_paths(hours: float, sigma: float, k: int = 20, steps_per_hour: int = 4, seed: int = 0) -> PricePaths:
    """``k`` seeded driftless GBM price paths (start 1) over ``hours``: a :class:`PricePaths` (times in hours, paths
    of shape (k, steps + 1)).

    Parameters
    ----------
    hours : float
        The span of the paths, in hours, in [0.001, 1,440] (60 days).
    sigma : float
        Annual volatility of the price (the GBM's sigma, 1.0 = 100% a year), in [0, 10].
    k : int
        Number of paths, in [1, 10,000]; at most 10,000,000 points in all (``k x (steps + 1)``, about half a
        second).
    steps_per_hour : int
        Price observations per hour, in [1, 3,600]; ``steps`` is ``ceil(hours x steps_per_hour)``.
    seed : int
        Seed of numpy's random generator.

    >>> r = price_paths(2.0, 1.0, k=3)
    >>> r.hours.shape, r.paths.shape, bool((r.paths[:, 0] == 1.0).all())
    ((9,), (3, 9), True)
    """
    steps = max(1, int(math.ceil(hours * steps_per_hour)))
    if k * (steps + 1) > PATH_POINTS_MAX:
        raise ValueError(
            f"k x (hours x steps_per_hour + 1) must be at most {PATH_POINTS_MAX:,} points, got "
            f"k={k:,} x {steps + 1:,} = {k * (steps + 1):,}"
        )
    dt = hours / steps / 8760.0
    rng = np.random.default_rng(seed)
    incr = sigma * math.sqrt(dt) * rng.standard_normal((k, steps)) - 0.5 * sigma**2 * dt
    paths = np.exp(np.concatenate([np.zeros((k, 1)), np.cumsum(incr, axis=1)], axis=1))
    return PricePaths(np.linspace(0.0, hours, steps + 1), paths)


@dataclass(frozen=True)
class RaceOutcome:
    """Result of :func:`ordering_race`: where a liquidation's value goes, as mean shares of it (they sum to 1).

    Attributes
    ----------
    to_liquidators : float
        What the liquidators keep, as a group: the winner's value less its cost, less every bot's spend
        on the race.
    to_orderer : float
        What whoever sells the ordering receives (sequencer, chain owner, block builder, oracle network).
    to_protocol : float
        What an oracle-extractable-value auction returns to the lending protocol.
    costs : float
        The winning bot's own cost of the liquidation (gas, capital, inventory risk).
    spam : float
        What the bots burn competing on latency under first come, first served (duplicate
        transactions, infrastructure): dissipated rent.
    """

    to_liquidators: float
    to_orderer: float
    to_protocol: float
    costs: float
    spam: float


@v.params(
    opportunity_value=v.Real(1e-6, 1e12),
    n_bots=v.Integer(1, 10_000),
    ordering=v.Choice("fcfs", "fcfs_spam", "priority", "oev_auction"),
    cost_spread=v.Probability(),
    protocol_share=v.Probability(),
    rounds=v.Integer(1, 1_000_000),
    seed=SEED,
)
def ordering_race(
    opportunity_value: float,
    n_bots: int,
    ordering: str,
    cost_spread: float = 0.2,
    protocol_share: float = 0.6,
    rounds: int = 1000,
    seed: int = 0,
) -> RaceOutcome:
    """Where a liquidation's value goes under four ordering rules.

    Each round ``n_bots`` liquidators, with private costs ``c_i`` uniform on
    (0, ``cost_spread``) x ``opportunity_value``, compete for one opportunity worth ``opportunity_value``.

    * ``"fcfs"``: first come, first served with latency given (a random bot is first);
      the winner keeps ``opportunity_value - c``; nothing is spent on the race.
    * ``"fcfs_spam"``: first come, first served when bots can buy their chance of being
      first (more transactions, lower latency): a Tullock (1980) contest for the expected
      prize ``V = opportunity_value x (1 - cost_spread / 2)``; in its symmetric equilibrium each bot
      spends ``V (n - 1) / n**2``, so the group spends ``V (n - 1) / n``: the rent is
      dissipated, fully as ``n`` grows. The orderer receives none of it as a bid (the gas of
      the spam goes to the chain as fees, and is counted here as spam).
    * ``"priority"``: the slot is sold (priority-fee ordering on OP Stack chains, an
      auction); the lowest-cost bot wins and pays the second-lowest cost's surplus,
      ``opportunity_value - c_(2)`` (a second-price outcome; by revenue equivalence a first-price
      auction raises the same on average, Vickrey 1961).
    * ``"oev_auction"``: the same auction, run by the oracle (Chainlink SVR): a share
      ``protocol_share`` of the proceeds returns to the lending protocol (60% is SVR's
      standard split; Aave's first six months, 65%), the rest to the oracle network.

    Arbitrum's Timeboost (April 2025) sells, by a sealed-bid second-price auction each
    60-second round, a 200 ms head start: within the round the express-lane holder wins the
    race, so the round's liquidations go to it, and the auction passes their expected
    surplus to the chain: ``"priority"``, traded once a round.

    ``opportunity_value`` in [1e-6, 1e12] USD; ``cost_spread`` and ``protocol_share`` in [0, 1];
    ``n_bots x rounds`` at most 10,000,000.

    >>> spam = ordering_race(1.0, 5, "fcfs_spam", seed=1)
    >>> round(spam.spam, 2), round(spam.to_liquidators, 2)
    (0.72, 0.18)
    >>> oev = ordering_race(1.0, 5, "oev_auction", seed=1)
    >>> round(oev.to_protocol, 2), round(oev.to_orderer, 2)
    (0.56, 0.37)
    """
    n, spread = n_bots, cost_spread
    rng, costs = _race_costs(n_bots, rounds, cost_spread, opportunity_value, seed)
    if ordering in ("fcfs", "fcfs_spam"):
        c = costs[np.arange(rounds), rng.integers(0, n, rounds)] / opportunity_value
        spent = (1.0 - spread / 2) * (n - 1) / n if ordering == "fcfs_spam" else 0.0
        keep = float((1.0 - c).mean()) - spent
        return RaceOutcome(keep, 0.0, 0.0, float(c.mean()), spent)
    s = np.sort(costs, axis=1) / opportunity_value
    c1 = s[:, 0]
    c2 = s[:, 1] if n > 1 else np.ones(rounds)
    pay = float((1.0 - c2).mean())
    share = protocol_share if ordering == "oev_auction" else 0.0
    return RaceOutcome(float((c2 - c1).mean()), pay * (1 - share), pay * share, float(c1.mean()), 0.0)


def _race_costs(
    n_bots: int, rounds: int, cost_spread: float, value: float, seed: int
) -> tuple[np.random.Generator, np.ndarray]:
    """The seeded generator and each bot's cost in each round (a share of ``value`` up to ``cost_spread``)."""
    if n_bots * rounds > RACE_BIDS_MAX:
        raise ValueError(
            f"n_bots x rounds must be at most {RACE_BIDS_MAX:,}, got n_bots={n_bots:,} x "
            f"rounds={rounds:,} = {n_bots * rounds:,}"
        )
    rng = np.random.default_rng(seed)
    return rng, rng.uniform(0.0, cost_spread, (rounds, n_bots)) * value
