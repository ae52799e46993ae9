"""Liquidation protocols as explicit state machines: an Aave v3.0 loan and a Maker Clipper auction.

A state is a frozen record of integers; an event is a tuple; :func:`step` applies one
event to one state and returns the next state, or raises :class:`IllegalTransition`
naming the guard that refused it. Nothing else changes state, so a log of events
replays to the same state, and :func:`state_hash` of it, every time (:func:`replay`).

**The loan** (:class:`Loan`; Aave v3.0.x, aave-v3-core v1.19, one collateral in 18
decimals, one USD debt in 6 decimals, prices in 8 decimals as Aave's oracle reports).
Its status is derived: ``healthy`` (HF >= 1), ``liquidatable`` (HF < 1), ``bad_debt``
(no collateral, some debt: absorbing until governance covers it) or ``closed`` (no
debt, no collateral: absorbing). Events: ``("price", p)``, ``("deposit", x)``,
``("withdraw", x)``, ``("borrow", x)``, ``("repay", x)``,
``("liquidate", debt_to_cover, sentinel_allows)``. Guards as the protocol has them:
``withdraw`` and ``borrow`` need HF >= 1 after; ``liquidate`` needs HF < 1 and, as in
``ValidationLogic.validateLiquidationCall``, either the price-oracle sentinel allows
it or HF < 0.95 (``MINIMUM_HEALTH_FACTOR_LIQUIDATION_THRESHOLD``); the amounts are
:func:`coordlab.models.lending.aave_liquidation`'s (close factor 50% or 100%, bonus,
protocol fee on the bonus).

**When a liquidation makes things worse.** Repaying ``r`` and seizing ``r x bonus`` of
collateral value moves HF from ``C LT / D`` to ``(C - r bonus) LT / (D - r)``, which is
lower iff ``HF < LT x bonus`` (:func:`liquidation_lowers_hf`): below that line each
partial liquidation digs the position deeper, the region where a cascade of
partial liquidations ends in bad debt.

**The auction** (:class:`Auction`; makerdao/dss ``clip.sol``). Events: ``("kick", now)``,
``("take", amt, max_price, now)``, ``("redo", now)``, ``("yank",)``, ``("stop", level)``.
The price falls with ``LinearDecrease`` from ``top`` over ``tau`` seconds; the auction
needs a reset once ``now - tic > tail`` or ``price / top < cusp`` (``status``); ``take``
refuses a price above the bidder's ``max``, buys ``min(lot, amt)``, caps what is owed at
the ``tab``, and never leaves a remaining tab below ``chost`` (the dust rule adjusts the
purchase, or refuses it if the tab itself is that small); ``stopped`` blocks ``kick``
at level 1, ``redo`` at 2 and ``take`` at 3. Settled and yanked auctions are absorbing.

Sources
-------
- aave/aave-v3-core (v1.19): ``ValidationLogic.sol`` (``validateLiquidationCall``,
  ``HEALTH_FACTOR_LIQUIDATION_THRESHOLD = 1e18``, ``MINIMUM_HEALTH_FACTOR_LIQUIDATION_THRESHOLD = 0.95e18``),
  ``LiquidationLogic.sol``, ``GenericLogic.sol``. Aave v3.3 changed the close factor; this follows v3.0.
- makerdao/dss: ``src/clip.sol`` (``kick``, ``take``, ``redo``, ``yank``, ``status``, ``isStopped``,
  ``chost``), ``src/abaci.sol`` (``LinearDecrease``).
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass, replace

from coordlab import _validate as v
from coordlab.models import auctions, lending

__all__ = ["IllegalTransition", "Loan", "Auction", "step", "replay", "state_hash", "liquidation_lowers_hf",
           "hf_after_liquidation", "LOAN_STATUSES", "AUCTION_STATUSES"]

WAD, RAY = 10**18, 10**27
MIN_HF_OVERRIDE = 95 * 10**16
LOAN_STATUSES = ("healthy", "liquidatable", "bad_debt", "closed")
AUCTION_STATUSES = ("idle", "running", "needs_redo", "settled", "yanked")
_U = 2**256 - 1


class IllegalTransition(ValueError):
    """An event that the protocol's guards refuse in this state (the message names the guard)."""


@dataclass(frozen=True)
class Loan:
    """An Aave v3.0 position: one collateral (18 decimals), one USD debt (6 decimals), prices with 8 decimals.

    ``deposited``, ``withdrawn``, ``to_liquidators`` and ``to_treasury`` track where collateral
    went, so conservation can be checked: ``collateral + withdrawn + to_liquidators + to_treasury = deposited``.
    """

    collateral: int = 0
    debt: int = 0
    price: int = 2000 * 10**8
    lt_bps: int = 8250
    bonus_bps: int = 10500
    fee_bps: int = 1000
    deposited: int = 0
    withdrawn: int = 0
    to_liquidators: int = 0
    to_treasury: int = 0
    repaid_by_liquidators: int = 0

    def __post_init__(self):
        for name in ("collateral", "debt", "price", "deposited", "withdrawn", "to_liquidators", "to_treasury",
                     "repaid_by_liquidators"):
            v.integer(name, getattr(self, name), low=0, high=_U)
        v.integer("lt_bps", self.lt_bps, low=1, high=10_000)
        v.integer("bonus_bps", self.bonus_bps, low=10_000, high=20_000)
        v.integer("fee_bps", self.fee_bps, low=0, high=10_000)

    @property
    def hf(self) -> int:
        """Health factor in WAD (the maximum uint with no debt)."""
        if self.debt == 0:
            return _U
        return lending.health_factor([self.collateral * self.price // 10**18], [self.lt_bps], self.debt * 100)

    @property
    def status(self) -> str:
        if self.debt == 0:
            return "closed" if self.collateral == 0 and self.deposited > 0 else "healthy"
        if self.collateral == 0:
            return "bad_debt"
        return "healthy" if self.hf >= WAD else "liquidatable"


@dataclass(frozen=True)
class Auction:
    """A Maker Clipper sale (WAD lot, RAD tab, RAY prices), with its parameters and what it has sold so far."""

    tab: int = 0
    lot: int = 0
    top: int = 0
    tic: int = 0
    state: str = "idle"
    stopped: int = 0
    tau: int = 3600
    tail: int = 2400
    cusp: int = 4 * RAY // 10
    chost: int = 0
    buf: int = 12 * RAY // 10
    feed_price: int = 100 * RAY
    initial_lot: int = 0
    sold: int = 0
    raised: int = 0
    returned: int = 0

    def __post_init__(self):
        for name in ("tab", "lot", "top", "tic", "tau", "tail", "cusp", "chost", "buf", "feed_price", "initial_lot",
                     "sold", "raised", "returned"):
            v.integer(name, getattr(self, name), low=0, high=_U)
        v.choice("state", self.state, AUCTION_STATUSES[:2] + AUCTION_STATUSES[3:])
        v.integer("stopped", self.stopped, low=0, high=3)
        if self.tau == 0:
            raise ValueError("tau must be positive, got 0")

    def price(self, now: int) -> int:
        """The auction price at ``now`` (RAY per unit of collateral)."""
        return auctions.linear_decrease(self.top, max(now - self.tic, 0), self.tau)

    def needs_redo(self, now: int) -> bool:
        return self.state == "running" and auctions.clip_status(self.top, self.price(now), max(now - self.tic, 0),
                                                                self.tail, self.cusp)

    def status_at(self, now: int) -> str:
        return "needs_redo" if self.needs_redo(now) else self.state


_LOAN_EVENTS = {"price": 2, "deposit": 2, "withdraw": 2, "borrow": 2, "repay": 2, "liquidate": 3}
_AUCTION_EVENTS = {"kick": 2, "take": 4, "redo": 2, "yank": 1, "stop": 2}


def _loan_step(s: Loan, event) -> Loan:
    kind = event[0]
    if s.status in ("bad_debt", "closed") and kind != "price":
        raise IllegalTransition(f"{s.status} is absorbing: only a price update is allowed, got {kind!r}")
    if kind == "price":
        return replace(s, price=v.integer("price", event[1], low=1, high=_U))
    amount = v.integer("amount", event[1], low=1, high=_U)
    if kind == "deposit":
        return replace(s, collateral=s.collateral + amount, deposited=s.deposited + amount)
    if kind == "withdraw":
        if amount > s.collateral:
            raise IllegalTransition(f"withdraw: {amount} exceeds the collateral {s.collateral}")
        after = replace(s, collateral=s.collateral - amount, withdrawn=s.withdrawn + amount)
        if after.debt and after.hf < WAD:
            raise IllegalTransition("withdraw: the health factor would fall below 1 (HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD)")
        return after
    if kind == "borrow":
        after = replace(s, debt=s.debt + amount)
        if after.hf < WAD:
            raise IllegalTransition("borrow: the health factor would fall below 1")
        return after
    if kind == "repay":
        return replace(s, debt=s.debt - min(amount, s.debt))
    if kind == "liquidate":
        sentinel = v.boolean("sentinel_allows", event[2])
        hf = s.hf
        if hf >= WAD:
            raise IllegalTransition("liquidate: the health factor is not below 1 (HEALTH_FACTOR_NOT_BELOW_THRESHOLD)")
        if not (sentinel or hf < MIN_HF_OVERRIDE):
            raise IllegalTransition("liquidate: the price-oracle sentinel refuses and HF >= 0.95 "
                                    "(PRICE_ORACLE_SENTINEL_CHECK_FAILED)")
        deal = lending.aave_liquidation(amount, s.debt, s.collateral, hf, s.price, 10**8, 18, 6, s.bonus_bps, s.fee_bps)
        return replace(s, collateral=s.collateral - deal["collateral_seized"], debt=s.debt - deal["debt_repaid"],
                       to_liquidators=s.to_liquidators + deal["collateral_to_liquidator"],
                       to_treasury=s.to_treasury + deal["protocol_fee"],
                       repaid_by_liquidators=s.repaid_by_liquidators + deal["debt_repaid"])
    raise IllegalTransition(f"unknown loan event {kind!r}")


def _auction_step(a: Auction, event) -> Auction:
    kind = event[0]
    if a.state in ("settled", "yanked") and kind != "stop":
        raise IllegalTransition(f"the auction is {a.state} (absorbing): {kind!r} is not allowed")
    if kind == "stop":
        return replace(a, stopped=v.integer("level", event[1], low=0, high=3))
    if kind == "yank":
        if a.state != "running":
            raise IllegalTransition("Clipper/not-running-auction: nothing to yank")
        return replace(a, state="yanked", returned=a.returned + a.lot, lot=0, tab=0)
    now = v.integer("now", event[-1], low=0, high=_U)
    if kind == "kick":
        if a.stopped >= 1:
            raise IllegalTransition(f"Clipper/stopped-incorrect: kick needs stopped < 1, it is {a.stopped}")
        if a.state != "idle" or a.tab == 0 or a.lot == 0:
            raise IllegalTransition("Clipper/zero-tab or zero-lot, or already kicked")
        return replace(a, state="running", tic=now, top=a.feed_price * a.buf // RAY, initial_lot=a.lot)
    if a.state != "running":
        raise IllegalTransition("Clipper/not-running-auction")
    if now < a.tic:
        raise IllegalTransition(f"time runs forward: now={now} is before the auction's tic={a.tic}")
    if kind == "redo":
        if a.stopped >= 2:
            raise IllegalTransition(f"Clipper/stopped-incorrect: redo needs stopped < 2, it is {a.stopped}")
        if not a.needs_redo(now):
            raise IllegalTransition("Clipper/cannot-reset: the auction does not need a reset")
        return replace(a, tic=now, top=a.feed_price * a.buf // RAY)
    if kind == "take":
        if a.stopped >= 3:
            raise IllegalTransition(f"Clipper/stopped-incorrect: take needs stopped < 3, it is {a.stopped}")
        amt = v.integer("amt", event[1], low=1, high=_U)
        max_price = v.integer("max_price", event[2], low=0, high=_U)
        if a.needs_redo(now):
            raise IllegalTransition("Clipper/needs-reset")
        price = a.price(now)
        if max_price < price:
            raise IllegalTransition(f"Clipper/too-expensive: price {price} above the bidder's max {max_price}")
        if price == 0:
            raise IllegalTransition("Clipper/needs-reset: the price reached 0")
        lot, tab = a.lot, a.tab
        slice_ = min(lot, amt)
        owe = slice_ * price
        if owe > tab:
            owe = tab
            slice_ = owe // price
        elif owe < tab and slice_ < lot:
            if tab - owe < a.chost:
                if tab <= a.chost:
                    raise IllegalTransition("Clipper/no-partial-purchase: the tab is at or below chost")
                owe = tab - a.chost
                slice_ = owe // price
        tab, lot = tab - owe, lot - slice_
        sold, raised = a.sold + slice_, a.raised + owe
        if lot == 0:
            return replace(a, tab=tab, lot=0, sold=sold, raised=raised, state="settled")
        if tab == 0:
            return replace(a, tab=0, lot=0, sold=sold, raised=raised, returned=a.returned + lot, state="settled")
        return replace(a, tab=tab, lot=lot, sold=sold, raised=raised)
    raise IllegalTransition(f"unknown auction event {kind!r}")


def step(state, event):
    """Apply one event to a :class:`Loan` or an :class:`Auction`; return the next state or raise :class:`IllegalTransition`.

    >>> s = step(Loan(), ("deposit", 10**18))
    >>> s = step(s, ("borrow", 1000 * 10**6))
    >>> s.status, round(s.hf / 1e18, 4)
    ('healthy', 1.65)
    >>> step(s, ("liquidate", 10**6, True))
    Traceback (most recent call last):
    ...
    coordlab.models.statemachine.IllegalTransition: liquidate: the health factor is not below 1 (HEALTH_FACTOR_NOT_BELOW_THRESHOLD)
    """
    if not isinstance(event, tuple) or not event or not isinstance(event[0], str):
        raise TypeError(f"event must be a tuple starting with its name, got {event!r}")
    if isinstance(state, Loan):
        kinds, fn = _LOAN_EVENTS, _loan_step
    elif isinstance(state, Auction):
        kinds, fn = _AUCTION_EVENTS, _auction_step
    else:
        raise TypeError(f"state must be a Loan or an Auction, got {type(state).__name__}")
    if event[0] not in kinds or len(event) != kinds[event[0]]:
        raise ValueError(f"event {event!r} is not a {type(state).__name__} event; allowed: "
                         + ", ".join(f"{k} ({n - 1} argument{'s' if n != 2 else ''})" for k, n in kinds.items()))
    try:
        return fn(state, event)
    except IllegalTransition:
        raise
    except (TypeError, ValueError) as exc:      # a malformed argument, not a refused transition
        raise type(exc)(f"event {event!r}: {exc}") from None


def state_hash(state) -> str:
    """SHA-256 of a state's fields (hex): equal states hash equal, on any machine.

    >>> state_hash(Loan()) == state_hash(Loan())
    True
    """
    if not isinstance(state, (Loan, Auction)):
        raise TypeError(f"state must be a Loan or an Auction, got {type(state).__name__}")
    return hashlib.sha256(repr((type(state).__name__,) + astuple(state)).encode()).hexdigest()


def replay(initial, events) -> tuple:
    """Apply a log of events in order; return ``(final state, its hash, the states visited)``.

    An illegal event raises :class:`IllegalTransition` with its index in the log.
    """
    if not isinstance(initial, (Loan, Auction)):
        raise TypeError(f"initial must be a Loan or an Auction, got {type(initial).__name__}")
    if isinstance(events, (str, bytes)) or not hasattr(events, "__iter__"):
        raise TypeError(f"events must be a sequence of event tuples, got {events!r}")
    states = [initial]
    for i, e in enumerate(events):
        try:
            states.append(step(states[-1], e))
        except IllegalTransition as exc:
            raise IllegalTransition(f"event {i} {e!r}: {exc}") from None
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"events[{i}]: {exc}") from None
    return states[-1], state_hash(states[-1]), states


def liquidation_lowers_hf(hf: float, lt: float, bonus: float) -> bool:
    """Does a (partial) liquidation lower the health factor? Iff ``hf < lt x bonus``.

    >>> liquidation_lowers_hf(0.98, 0.825, 1.05), liquidation_lowers_hf(0.85, 0.825, 1.05)
    (False, True)
    """
    hf = v.real("hf", hf, low=0.0, low_open=True, high=1e6)
    lt = v.real("lt", lt, low=0.0, high=1.0, low_open=True)
    bonus = v.real("bonus", bonus, low=1.0, high=2.0)
    return hf < lt * bonus


def hf_after_liquidation(hf: float, lt: float, bonus: float, fraction: float) -> float:
    """Health factor after repaying ``fraction`` of the debt with ``bonus``: ``(HF/LT - f bonus) LT / (1 - f)``.

    Returns 0 if the collateral runs out first.

    >>> round(hf_after_liquidation(0.9, 0.825, 1.05, 0.5), 3)     # above LT x bonus = 0.866: it rises
    0.934
    """
    hf = v.real("hf", hf, low=0.0, low_open=True, high=1e6)
    lt = v.real("lt", lt, low=0.0, high=1.0, low_open=True)
    bonus = v.real("bonus", bonus, low=1.0, high=2.0)
    f = v.real("fraction", fraction, low=0.0, high=1.0, high_open=True)
    left = hf / lt - f * bonus                       # collateral value per unit of original debt, after seizure
    return max(left, 0.0) * lt / (1.0 - f)
