"""The capstone: one crisis composed from the course's engines, scored for the protocol parameters a learner sets.

A lending market on an L2 lends USD against a volatile collateral that trades in one
constant-product pool. A :class:`Scenario` (seeded, named, shared by a class) drives
24 hours of crisis; :class:`Parameters` are the protocol's choices; :func:`run` plays the
hours and returns a :class:`Scorecard`. Each hour:

1. **The market moves**: the outside price follows the scenario's drop plus seeded
   noise; the pool's price is that times the impact of everything liquidators have
   sold into the pool so far and is still in it (``amm.ConstantProductPool``, notebook 08).
2. **LPs leave** when the pool's last hourly move exceeded their tolerance: a share of
   depth is withdrawn (the LP-withdrawal loop of notebook 06), so later sales move the
   price more. A withdrawal alone leaves the price where it is: LPs take their share of
   every reserve, the units already sold into the pool included.
3. **The sequencer may be down** (notebook 13): during the outage nobody acts on the L2,
   neither liquidators nor LPs (a withdrawal is an L2 transaction) nor arbitrageurs (a
   halted pool cannot be traded), while the outside price keeps moving; after it,
   the grace period holds back liquidations except below HF 0.95 (Aave's override).
   Top-ups sent during the outage were queued on L1 and are processed first at the
   restart, grace period or not (notebook 13: forced inclusion's delayed inbox): a share
   ``topup_share`` of the borrowers then below HF 1 whose collateral still covers their
   debt restore HF 1.1.
4. **Keepers may not show up** (notebook 05): each hour liquidators are present with the
   scenario's probability, lower when gas spikes.
5. **Liquidations** follow Aave v3.0's terms with the learner's close factor, threshold
   and bonus (notebook 09), throttled to at most ``throttle`` USD of debt an hour
   (Maker's ``hole``); seized collateral is sold into the pool (the cascade of notebook 08).
   **Arbitrage** re-anchors the pool: each hour the sequencer is up, before the market moves, arbitrageurs
   buy back up to ``arbitrage`` USD of the collateral the liquidators sold into the pool
   and sell it on an outside market of depth ``outside_depth`` (a second constant-product
   stand-in, whose price then bears that impact), until both carry the same relative
   impact. It is a capacity-limited, one-hour-late version of the arbitrage against a
   reference market in Milionis, Moallemi, Roughgarden and Zhang, "Automated Market Making
   and Loss-Versus-Rebalancing" (arXiv:2208.06046, 2022), reduced to its effect on prices.
   The named scenarios set ``arbitrage=0``: the pool is the only market the day's sales
   reach (the pessimistic bound: a market arbitrageurs cannot reach within the hour);
   notebook 14 shows how the lessons move with it.
6. **Bad debt** is debt no collateral covers: what remains when a borrower's collateral is
   gone, plus, at the end of the day, the shortfall of positions still open whose
   collateral (at the final pool price) is worth less than their debt (marked to market:
   a liquidation that never came does not make the loss disappear). It is paid by the
   **insurance fund** first, then by the lenders (notebook 09's backstop order).
7. **Contagion** (notebook 10): a fund that supplied a share of the market's deposits
   absorbs that share of the lenders' loss; if it exceeds the fund's equity it defaults
   on its own creditors, cleared with Eisenberg–Noe.

Borrowers use a seeded share (50-97%) of their borrowing power at the *learner's*
threshold: the threshold is a design choice made before anyone borrows, so a lower one
means a smaller loan book (``Scorecard.loans``), not the same book nearer liquidation.
Compare losses per dollar lent when thresholds differ.

Everything is deterministic given the scenario's seed; one evaluation takes a few
milliseconds, so the lab answers at once. The composition is the course's own
teaching model: its numbers compare parameter choices with each other within a
scenario, not with any real protocol's history.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, replace

import numpy as np

from coordlab import _validate as v
from coordlab.models import contagion
from coordlab.models.amm import ConstantProductPool

__all__ = ["Scenario", "SCENARIOS", "Parameters", "Losses", "Scorecard", "run", "across_seeds", "FUND_SHARE"]

HOURS = 24
PRICE0 = 2000.0
BORROWERS_MAX = 200_000  # a run with the most borrowers takes about a second (2,000: a few milliseconds)
USD_MAX = 1e13  # sizes in USD: deposits, depth, throttle, funds
SEED_RUNS_MAX = 400_000  # across_seeds: seeds x borrowers, about a second of work
#: The one fund's share of the market's deposits in run() (fraction; stylised, notebook 14).
FUND_SHARE = 0.3


@v.params(
    name=v.Text(1, 100),
    drop=v.Real(0.0, 0.9),
    hourly_vol=v.Real(0.0, 0.2),
    outage_start=v.Integer(0, HOURS),
    outage_hours=v.Integer(0, HOURS),
    keeper_presence=v.Probability(),
    gas_hours=v.Checked(f"a tuple of hours, each an integer in [0, {HOURS})"),
    depth=v.Real(1e5, USD_MAX),
    lp_tolerance=v.Probability(low_open=True, high_open=True),
    lp_exit=v.Real(0.0, 0.5),
    borrowers=v.Integer(1, BORROWERS_MAX),
    seed=v.Seed(),
    topup_share=v.Probability(),
    arbitrage=v.Real(0.0, USD_MAX),
    outside_depth=v.Real(0.0, USD_MAX),
)
@dataclass(frozen=True)
class Scenario:
    """A seeded crisis. Sizes in USD; ``drop`` is the outside price's fall over the day.

    Attributes
    ----------
    name : str
        1 to 100 characters.
    drop : float
        Fall of the outside price by hour 24, in [0, 0.9].
    hourly_vol : float
        Hourly volatility of the outside price around its path (the standard deviation of its hourly log
        moves: the seeded noise), in [0, 0.2].
    outage_start, outage_hours : int
        When the sequencer stops and for how long (hours; 0 = no outage).
    keeper_presence : float
        Chance that liquidators show up in an hour in calm conditions, in [0, 1].
    gas_hours : tuple of int
        Hours when gas spikes and keeper presence halves, each in [0, 24) (a list is
        stored as a tuple).
    depth : float
        The pool's USD depth at the start, in [1e5, 1e13] (a smaller pool is drained to
        nothing by the first liquidations).
    lp_tolerance : float
        Hourly price move above which LPs withdraw, in (0, 1).
    lp_exit : float
        Share of depth LPs withdraw in such an hour, in [0, 0.5] (more, hour after hour,
        empties the pool).
    borrowers : int
        In [1, 200,000]: the most borrowers take about a second.
    seed : int
    topup_share : float
        Share of the borrowers below HF 1 at a restart, whose collateral still covers their debt, whose top-up
        (queued on L1 during the outage) lands first and restores HF 1.1, in [0, 1]; default 0.5 (a seeded coin
        flip each: an assumption, not a measurement).
    arbitrage : float
        USD of collateral arbitrageurs can move each hour from the pool to the outside market, in [0, 1e13];
        default 0 (no arbitrage during the day). None moves while the sequencer is down.
    outside_depth : float
        USD depth of the outside market arbitrageurs sell into, in [0, 1e13]; 0 (the default) means there is
        none, and ``arbitrage`` does nothing.

    Examples
    --------
    >>> Scenario("Calm", drop=0.05, hourly_vol=0.01, outage_start=0, outage_hours=0, keeper_presence=1.0,
    ...          gas_hours=(), depth=50e6, lp_tolerance=0.1, lp_exit=0.1).borrowers
    2000
    """

    name: str
    drop: float
    hourly_vol: float
    outage_start: int
    outage_hours: int
    keeper_presence: float
    gas_hours: tuple
    depth: float
    lp_tolerance: float
    lp_exit: float
    borrowers: int = 2000
    seed: int = 0
    topup_share: float = 0.5
    arbitrage: float = 0.0
    outside_depth: float = 0.0

    def __post_init__(self) -> None:
        hours = self.gas_hours
        if not isinstance(hours, (tuple, list)):
            raise TypeError(f"gas_hours must be a tuple of hours in [0, {HOURS}), got {type(hours).__name__}")
        bad = [
            h for h in hours if isinstance(h, bool) or not isinstance(h, numbers.Integral) or not 0 <= int(h) < HOURS
        ]
        if bad:
            shown = ", ".join(repr(h)[:20] for h in bad[:3])
            raise ValueError(
                f"gas_hours must be a tuple of hours in [0, {HOURS}), got {len(bad)} other value(s): {shown}"
            )
        object.__setattr__(self, "gas_hours", tuple(int(h) for h in hours))


SCENARIOS = {
    "Black Thursday": Scenario(
        "Black Thursday",
        drop=0.45,
        hourly_vol=0.015,
        outage_start=0,
        outage_hours=0,
        keeper_presence=0.6,
        gas_hours=tuple(range(4, 12)),
        depth=60e6,
        lp_tolerance=0.08,
        lp_exit=0.15,
        seed=12,
    ),
    "Outage in a crash": Scenario(
        "Outage in a crash",
        drop=0.30,
        hourly_vol=0.015,
        outage_start=3,
        outage_hours=7,
        keeper_presence=0.9,
        gas_hours=(10, 11),
        depth=80e6,
        lp_tolerance=0.08,
        lp_exit=0.15,
        seed=22,
    ),
    "Leverage flush": Scenario(
        "Leverage flush",
        drop=0.20,
        hourly_vol=0.01,
        outage_start=0,
        outage_hours=0,
        keeper_presence=0.95,
        gas_hours=(),
        depth=30e6,
        lp_tolerance=0.06,
        lp_exit=0.25,
        seed=1010,
    ),
}


@v.params(
    threshold=v.Real(0.01, 1.0, high_open=True),
    bonus=v.Real(1.0, 1.5),
    close_factor=v.Real(0.01, 1.0),
    grace_hours=v.Integer(0, HOURS),
    throttle=v.Real(1.0, USD_MAX),
    insurance=v.Real(0.0, USD_MAX),
    rules=v.Choice("v3.0", "v3.3"),
)
@dataclass(frozen=True)
class Parameters:
    """The protocol's choices: what the learner sets.

    Attributes
    ----------
    threshold : float
        Liquidation threshold LT in [0.01, 1).
    bonus : float
        Liquidation bonus factor in [1, 1.5].
    close_factor : float
        Share of a position's debt one liquidation may repay (above HF 0.95), in [0.01, 1].
    grace_hours : int
        Hours after a restart before liquidations resume (HF < 0.95 excepted), in [0, 24].
    throttle : float
        At most this much debt (USD) liquidated an hour (Maker-like ``hole``), in [1, 1e13].
    insurance : float
        The insurance fund (USD), in [0, 1e13].
    rules : str
        Whose close factor applies: ``"v3.0"`` (``close_factor`` above HF 0.95, all of the debt at or below
        it) or ``"v3.3"`` (also all of it when the position's collateral or debt is worth under $2,000,
        Aave v3.3's ``MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD``; its dust rule is left out).

    Examples
    --------
    >>> Parameters(threshold=0.75, bonus=1.08).close_factor
    0.5
    """

    threshold: float = 0.825
    bonus: float = 1.05
    close_factor: float = 0.5
    grace_hours: int = 1
    throttle: float = 2e6
    insurance: float = 0.2e6
    rules: str = "v3.0"


@dataclass(frozen=True)
class Losses:
    """Losses by stakeholder (USD), in the order of ``coordlab.plotting.capstone.STAKEHOLDERS``.

    Attributes
    ----------
    borrowers : float
        Penalties paid by liquidated borrowers (``Scorecard.borrower_penalties``).
    insurance_fund : float
        Bad debt the insurance fund paid (``Scorecard.insurance_used``).
    lenders : float
        Bad debt left after the insurance fund (``Scorecard.lender_loss``).
    fund_creditors : float
        What the creditors of the fund that supplied deposits lost (``Scorecard.creditor_loss``).
    """

    borrowers: float
    insurance_fund: float
    lenders: float
    fund_creditors: float


@dataclass(frozen=True)
class Scorecard:
    """What a parameter set did in a scenario (USD unless stated).

    Attributes
    ----------
    price : ndarray
        The pool's price each hour (hour 0 = before the crisis).
    liquidated_debt : ndarray
        Debt repaid by liquidators each hour.
    borrowers_liquidated : int
        Borrowers liquidated at least once.
    borrower_penalties : float
        Bonus paid by liquidated borrowers (collateral value seized minus debt repaid).
    bad_debt : float
        Debt no collateral covers: left when collateral ran out, plus ``open_shortfall``.
    insurance_used : float
    lender_loss : float
        Bad debt left after the insurance fund.
    fund_defaults : bool
        Whether the fund that supplied deposits defaulted on its creditors.
    creditor_loss : float
        What the fund's creditors lost (contagion).
    lp_depth_lost : float
        Share of the pool's depth LPs withdrew.
    loans : float
        What lenders supplied: the borrowers' debt at the start (the market is fully lent out).
    open_shortfall : float
        Part of ``bad_debt``: at hour 24, the debt of open positions beyond their collateral's value at the
        final pool price (positions the liquidations did not reach in time).
    debt_open : float
        Debt still owed by open positions at hour 24 (``open_shortfall`` is the part of it their collateral does
        not cover). Debt is conserved: ``loans`` = ``liquidated_debt.sum()`` + the debt written off when
        collateral ran out (``bad_debt - open_shortfall``) + ``debt_open``.
    collateral_sold : float
        Units of collateral liquidators seized and sold into the pool over the day.
    collateral_topped_up : float
        Units of collateral borrowers added at a restart.
    collateral_left : float
        Units of collateral borrowers hold at hour 24. Collateral is conserved: the units at the start plus
        ``collateral_topped_up`` equal ``collateral_sold`` + ``collateral_left``.
    """

    price: np.ndarray
    liquidated_debt: np.ndarray
    borrowers_liquidated: int
    borrower_penalties: float
    bad_debt: float
    insurance_used: float
    lender_loss: float
    fund_defaults: bool
    creditor_loss: float
    lp_depth_lost: float
    loans: float
    open_shortfall: float
    debt_open: float
    collateral_sold: float
    collateral_topped_up: float
    collateral_left: float

    @v.params()
    def losses(self) -> Losses:
        """Losses by stakeholder (:class:`Losses`): borrowers (penalties), the insurance fund, lenders, the fund's
        creditors.
        """
        return Losses(self.borrower_penalties, self.insurance_used, self.lender_loss, self.creditor_loss)


@v.params(
    scenario=v.Instance(Scenario),
    params=v.Instance(Parameters),
    fund_share=v.Probability(),
    fund_equity=v.Real(0.0, USD_MAX),
)
def run(
    scenario: Scenario, params: Parameters, fund_share: float = FUND_SHARE, fund_equity: float = 0.1e6
) -> Scorecard:
    """Play ``scenario`` for 24 hours under ``params``; return the :class:`Scorecard`.

    ``fund_share`` (in [0, 1]) of the market's deposits came from one fund with
    ``fund_equity`` (USD, in [0, 1e13]) of its own, which owes the rest to its creditors.

    >>> card = run(SCENARIOS["Black Thursday"], Parameters())
    >>> card.borrowers_liquidated > 0, card.bad_debt >= card.insurance_used
    (True, True)
    """
    s, p = scenario, params
    rng = np.random.default_rng(s.seed)
    n = s.borrowers
    # borrowers: log-normal collateral (units), using 50-97% of their borrowing power at the start
    coll = 1.5 * np.exp(0.8 * rng.standard_normal(n))
    debt = coll * PRICE0 * p.threshold * rng.uniform(0.5, 0.97, n)
    debt0 = float(debt.sum())  # what lenders supplied (the market is fully lent out)
    outside = (
        PRICE0
        * (1 - s.drop * np.linspace(0, 1, HOURS + 1) ** 0.7)
        * np.exp(np.concatenate([[0.0], np.cumsum(s.hourly_vol * rng.standard_normal(HOURS))]))
    )
    keepers_here = rng.random(HOURS + 1)
    topups = rng.random(n)
    added = 0.0
    pool = ConstantProductPool.from_depth(PRICE0, s.depth, fee=0.003)
    venue = ConstantProductPool.from_depth(PRICE0, s.outside_depth, fee=0.0) if s.outside_depth > 0 else None
    away = 0.0  # units arbitrageurs moved from the pool to the outside market
    depth0 = pool.y
    sold = sold_total = 0.0  # net units in the pool (after arbitrage); all units sold
    price = np.zeros(HOURS + 1)
    price[0] = PRICE0
    liquidated = np.zeros(HOURS + 1)
    ever = np.zeros(n, bool)
    penalties = bad = 0.0
    last = PRICE0
    restart = s.outage_start + s.outage_hours
    for h in range(1, HOURS + 1):
        down = s.outage_hours > 0 and s.outage_start <= h < restart  # the sequencer is down: no L2 transaction
        # 0. arbitrage (one hour's latency): move collateral sold into the pool to the outside market, up to the
        #    hour's capacity, until both carry the same relative impact (constant product: in proportion to depth);
        #    not while the sequencer is down (a halted L2 pool cannot be traded)
        if not down and venue is not None and s.arbitrage > 0 and sold > 0:
            target = (sold + away) * pool.x / (pool.x + venue.x)
            move = min(max(sold - target, 0.0), s.arbitrage / price[h - 1])
            sold -= move
            away += move
        # 1. the market: the outside price (times the impact arbitrage carried there) times the pool's own impact
        impact = pool.price_after_sale_unchecked(sold) / pool.price if sold > 0 else 1.0
        carried = venue.price_after_sale_unchecked(away) / venue.price if venue is not None and away > 0 else 1.0
        px = outside[h] * carried * impact
        # 2. LPs: withdraw after a large hourly move (the pool keeps its price, loses depth): they take their share
        #    of every reserve, the units liquidators sold into it included, so ``sold`` shrinks with the reserves and
        #    the impact x^2 / ((x + (1 - fee) sold) (x + sold)) is unchanged; ``away`` (the outside market's units)
        #    is untouched, and sold / pool.x, which arbitrage equalises with away / venue.x, is unchanged too.
        #    Not while the sequencer is down: a withdrawal is an L2 transaction.
        if not down and abs(px / last - 1) > s.lp_tolerance:
            pool = pool.withdraw(s.lp_exit)
            sold *= 1.0 - s.lp_exit
        last = px
        price[h] = px
        if down:
            continue
        in_grace = s.outage_hours > 0 and restart <= h < restart + p.grace_hours
        hf = np.where(debt > 0, coll * px * p.threshold / np.where(debt > 0, debt, 1.0), np.inf)
        if s.outage_hours > 0 and h == restart:  # 3. top-ups queued on L1 during the outage land first
            save = (hf < 1) & (coll * px > debt) & (topups < s.topup_share)
            new = debt[save] / (px * p.threshold) * 1.1
            added += float((new - coll[save]).sum())
            coll[save] = new
            hf[save] = 1.1
        presence = s.keeper_presence * (0.5 if (h - 1) in s.gas_hours else 1.0)
        if keepers_here[h] > presence:  # 4. no keeper this hour
            continue
        hit = hf < 1
        if in_grace:
            hit &= hf < 0.95  # Aave's override during the grace period
        if not hit.any():
            continue
        # 5. liquidation under the learner's terms, throttled
        full = hf <= 0.95  # Aave: all of the debt at or below HF 0.95
        if p.rules == "v3.3":  # ... and, since v3.3, for positions under $2,000 on either side
            full |= (coll * px < 2000.0) | (debt < 2000.0)
        close = np.where(full, 1.0, p.close_factor)
        cover = close * debt * hit
        total = cover.sum()
        if total > p.throttle:
            cover *= p.throttle / total
        take = np.minimum(cover * p.bonus / px, coll)
        pay = np.where(take >= coll - 1e-12, np.minimum(coll * px / p.bonus, cover), cover)
        coll -= take
        debt -= pay
        ever |= pay > 0
        penalties += float((take * px - pay).clip(min=0).sum())
        empty = (coll <= 1e-12) & (debt > 0)
        bad += float(debt[empty].sum())  # 6. bad debt: collateral gone, debt left
        debt[empty] = 0.0
        liquidated[h] = float(pay.sum())
        sold += float(take.sum())
        sold_total += float(take.sum())
    # 6b. what the liquidations did not reach: open positions whose collateral no longer covers their debt
    shortfall = float(np.clip(debt - coll * price[-1], 0.0, None).sum())
    bad += shortfall
    used = min(bad, p.insurance)
    lenders = bad - used
    # 7. contagion: the fund absorbs its share of the lenders' loss; its creditors are cleared with Eisenberg–Noe
    fund_loss = fund_share * lenders
    deposits = fund_share * debt0
    net = contagion.Network(
        np.array([[0.0, deposits], [0.0, 0.0]]),
        np.array([max(deposits + fund_equity - fund_loss, 0.0), 0.0]),
        ("fund", "fund's creditors"),
    )
    cleared = contagion.clear(net)
    creditor_loss = float(deposits - cleared.p[0])
    return Scorecard(
        price,
        liquidated,
        int(ever.sum()),
        penalties,
        bad,
        used,
        lenders,
        bool(cleared.defaulted[0]),
        creditor_loss,
        1.0 - pool.y / depth0,
        debt0,
        shortfall,
        float(debt.sum()),
        sold_total,
        added,
        float(coll.sum()),
    )


@v.params(scenario=v.Instance(Scenario), params=v.Instance(Parameters), seeds=v.Integer(1, 200))
def across_seeds(scenario: Scenario, params: Parameters, seeds: int = 20) -> tuple:
    """The scenario replayed with ``seeds`` seeds (its own first, then the next ones): one Scorecard each.

    A scorecard's lesson should hold beyond the one seed a class shares: compare two parameter
    sets seed by seed (the same crisis for both at each seed). ``seeds`` in [1, 200], and at most
    400,000 borrower-runs in all (``seeds`` x ``scenario.borrowers``: about a second of work).

    >>> cards = across_seeds(SCENARIOS["Leverage flush"], Parameters(), seeds=3)
    >>> len(cards), cards[0].borrowers_liquidated == run(SCENARIOS["Leverage flush"], Parameters()).borrowers_liquidated
    (3, True)
    """
    if seeds * scenario.borrowers > SEED_RUNS_MAX:
        raise ValueError(
            f"seeds={seeds} with {scenario.borrowers:,} borrowers is {seeds * scenario.borrowers:,} "
            f"borrower-runs; at most {SEED_RUNS_MAX:,} (fewer seeds or a smaller scenario)"
        )
    return tuple(run(replace(scenario, seed=scenario.seed + k), params) for k in range(seeds))
