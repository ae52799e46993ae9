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
:func:`coordlab.models.lending_contracts.aave_liquidation`'s (close factor 50% or 100%, bonus,
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
  ``LiquidationLogic.sol``, ``GenericLogic.sol``; ``Loan(rules="v3.3")`` follows aave-dao/aave-v3-origin
  v3.3.0 ``LiquidationLogic.sol`` (commit 5431379, February 2025) instead.
- makerdao/dss: ``src/clip.sol`` (``kick``, ``take``, ``redo``, ``yank``, ``status``, ``isStopped``,
  ``chost``), ``src/abaci.sol`` (``LinearDecrease``).
"""

from __future__ import annotations

import hashlib
import reprlib
from collections.abc import Iterable
from dataclasses import astuple, dataclass, replace
from typing import Any, Generic, TypeVar, final

import numpy as np

from coordlab import _validate as v
from coordlab.models import auctions, lending_contracts

__all__ = [
    "IllegalTransition",
    "Loan",
    "Auction",
    "step",
    "replay",
    "Replay",
    "state_hash",
    "liquidation_lowers_hf",
    "hf_after_liquidation",
    "LOAN_STATUSES",
    "AUCTION_STATUSES",
    "AAVE_WETH_LT_BPS",
    "AAVE_WETH_BONUS_BPS",
    "AAVE_WETH_FEE_BPS",
    "LOAN_PRICE",
]

WAD, RAY = 10**18, 10**27
MIN_HF_OVERRIDE = 95 * 10**16
LOAN_STATUSES = ("healthy", "liquidatable", "bad_debt", "closed")
AUCTION_STATUSES = ("idle", "running", "needs_redo", "settled", "yanked")
_U = 2**256 - 1
#: Aave v3 WETH's liquidation threshold (basis points: 8,250 = 82.5%; as in Loan's docstring).
AAVE_WETH_LT_BPS = 8250
#: Aave v3 WETH's liquidation bonus (basis points: 10,500 = a 5% bonus).
AAVE_WETH_BONUS_BPS = 10500
#: Aave v3 WETH's liquidation protocol fee (basis points of the bonus: 1,000 = 10%).
AAVE_WETH_FEE_BPS = 1000
#: A new loan's oracle price of its collateral (USD, Chainlink's 8 decimals: 2000 * 10**8 is $2,000).
LOAN_PRICE = 2000 * 10**8

# Shared constraints: on-chain amounts are uint256; basis points; health factors and ratios as floats.
UINT = v.Integer(0, _U)
HF = v.Real(0.0, 1e6, low_open=True)  # a health factor (1 = the liquidation line); a tiny one is harmless
LT = v.Real(0.01, 1.0)  # a liquidation threshold, at least 1%
BONUS = v.Real(1.0, 2.0)  # a liquidation bonus factor


def _short(x: object) -> str:
    """A repr short enough for a message, whatever the value (a huge integer, a long list)."""
    r = reprlib.Repr()
    r.maxlist = r.maxtuple = 8
    r.maxstring = r.maxother = r.maxlong = 60
    r.maxlevel = 3
    return r.repr(x)


class IllegalTransition(ValueError):
    """An event that the protocol's guards refuse in this state (the message names the guard)."""


@v.params(
    user_collateral=UINT,
    user_debt=UINT,
    collateral_price=UINT,
    lt_bps=v.Integer(1, 10_000),
    bonus_bps=v.Integer(10_000, 20_000),
    fee_bps=v.Integer(0, 10_000),
    deposited=UINT,
    withdrawn=UINT,
    to_liquidators=UINT,
    to_treasury=UINT,
    repaid_by_liquidators=UINT,
    rules=v.Choice("v3.0", "v3.3"),
    reserve_deficit=UINT,
)
@final  # no subclass: a state is a Loan or an Auction, never both (step's narrowing relies on it)
@dataclass(frozen=True)
class Loan:
    """An Aave v3 position: one collateral (18 decimals), one USD debt (6 decimals), prices with 8 decimals.

    ``deposited``, ``withdrawn``, ``to_liquidators`` and ``to_treasury`` track where collateral
    went, so conservation can be checked:
    ``user_collateral + withdrawn + to_liquidators + to_treasury = deposited``.
    Amounts and the price are integers in [0, 2**256 - 1] (uint256); ``lt_bps`` in
    [1, 10,000], ``bonus_bps`` in [10,000, 20,000], ``fee_bps`` in [0, 10,000]. The names are
    :func:`lending_contracts.aave_liquidation`'s, in the same integer units.

    ``rules`` picks the liquidation logic: ``"v3.0"`` (aave-v3-core v1.19, :func:`lending_contracts.aave_liquidation`:
    50% close factor above HF 0.95; debt left without collateral stays on the account, status
    ``"bad_debt"``) or ``"v3.3"`` (aave-v3-origin v3.3.0, :func:`lending_contracts.aave_liquidation_v33`: the
    50% close factor only for positions of at least $2,000 on both sides, no dust left below $1,000,
    and debt left without collateral burned into the reserve's ``deficit``: the account is emptied,
    and its status is ``"bad_debt"`` while ``reserve_deficit`` holds the loss).

    Attributes
    ----------
    user_collateral : int
        The collateral balance, in the token's integer units (18 decimals: 10**18 is one ETH).
    user_debt : int
        The debt balance, in the debt token's integer units (6 decimals: 10**6 is one USDC).
    collateral_price : int
        The oracle's price of the collateral in USD, 8 decimals (2000 * 10**8 is $2,000), as Aave's oracle reports.
    lt_bps, bonus_bps, fee_bps : int
        Liquidation threshold, liquidation bonus (10,500 = 5%) and protocol fee on the bonus, in basis points.
    deposited, withdrawn, to_liquidators, to_treasury : int
        Collateral deposited so far, withdrawn by the owner, paid to liquidators and to the treasury (integer units).
    repaid_by_liquidators : int
        Debt liquidators repaid (integer units of the debt token).
    rules : {"v3.0", "v3.3"}
        Which Aave version's liquidation logic applies.
    reserve_deficit : int
        Debt burned into the reserve's deficit (v3.3 only), in the debt token's integer units.

    >>> Loan(user_collateral=10**18, user_debt=1000 * 10**6).status
    'healthy'
    """

    user_collateral: int = 0
    user_debt: int = 0
    collateral_price: int = LOAN_PRICE
    lt_bps: int = AAVE_WETH_LT_BPS
    bonus_bps: int = AAVE_WETH_BONUS_BPS
    fee_bps: int = AAVE_WETH_FEE_BPS
    deposited: int = 0
    withdrawn: int = 0
    to_liquidators: int = 0
    to_treasury: int = 0
    repaid_by_liquidators: int = 0
    rules: str = "v3.0"
    reserve_deficit: int = 0

    @property
    def hf(self) -> int:
        """Health factor in WAD (the maximum uint with no debt)."""
        if self.user_debt == 0:
            return _U
        return lending_contracts.health_factor_wad(
            [self.user_collateral * self.collateral_price // 10**18], [self.lt_bps], self.user_debt * 100
        )

    @property
    def status(self) -> str:
        if self.user_debt == 0:
            if self.reserve_deficit > 0:
                return "bad_debt"  # v3.3: the debt was burned into the reserve's deficit, the loss is the same
            return "closed" if self.user_collateral == 0 and self.deposited > 0 else "healthy"
        if self.user_collateral == 0:
            return "bad_debt"
        return "healthy" if self.hf >= WAD else "liquidatable"


@v.params(
    tab_rad=UINT,
    lot=UINT,
    top=v.Integer(0, _U // RAY),
    tic=UINT,
    status=v.Choice(*AUCTION_STATUSES[:2], *AUCTION_STATUSES[3:]),
    stopped=v.Integer(0, 3),
    tau=v.Integer(1, _U),
    tail=UINT,
    cusp_ray=v.Integer(0, RAY),
    chost=UINT,
    buf_ray=UINT,
    feed_price=UINT,
    initial_lot=UINT,
    sold=UINT,
    raised=UINT,
    returned=UINT,
)
@final  # no subclass: a state is a Loan or an Auction, never both (step's narrowing relies on it)
@dataclass(frozen=True)
class Auction:
    """A Maker Clipper sale (WAD lot, RAD tab, RAY prices), with its parameters and what it has sold so far.

    Amounts, times and prices are integers in [0, 2**256 - 1] (uint256), except ``top``
    (at most ``(2**256 - 1) // RAY``, so that ``top x RAY`` fits a uint256 as ``clip.sol``
    needs), ``cusp_ray`` (a RAY ratio, at most ``RAY``), ``tau`` (at least 1 second) and
    ``stopped`` (0 to 3). ``status`` is ``"idle"``, ``"running"``, ``"settled"`` or
    ``"yanked"`` (``"needs_redo"`` is derived: :meth:`status_at`); a running auction
    needs ``top > 0``. ``clip.sol``'s ``tab``, ``buf`` and ``cusp`` carry their fixed-point unit in their names
    here (``tab_rad``, ``buf_ray``, ``cusp_ray``): :func:`coordlab.models.auctions.crash_day` takes ``buf`` and
    ``cusp`` as floats, and ``tab`` is a float multiple of the debt in :func:`coordlab.models.auctions.auction_entry`.

    Attributes
    ----------
    tab_rad : int
        DAI the auction must still raise (RAD: 10**45 is one DAI), uint256.
    lot : int
        Collateral left to sell (WAD: 10**18 is one unit), uint256.
    top : int
        The starting price of the current run (RAY per unit of collateral), in [0, (2**256 - 1) // RAY].
    tic : int
        Unix time at which the current run started (seconds), uint256.
    status : {"idle", "running", "settled", "yanked"}
        The stored status.
    stopped : int
        The breaker level, 0 to 3: ``kick`` needs it below 1, ``redo`` below 2, ``take`` below 3.
    tau : int
        Seconds for ``LinearDecrease`` to take the price from ``top`` to 0 (``abaci.sol``'s ``tau``), in
        [1, 2**256 - 1]; default 3,600.
    tail : int
        Seconds after which a run needs a reset, uint256.
    cusp_ray : int
        Share of ``top`` below which a run needs a reset (RAY: ``RAY`` is 100%), in [0, RAY].
    chost : int
        Smallest tab a partial purchase may leave (``dust x chop``, RAD), uint256.
    buf_ray : int
        Starting-price factor (RAY): ``top = feed_price x buf_ray / RAY``, uint256.
    feed_price : int
        The oracle's price (RAY per unit of collateral) a kick or a reset starts from, uint256.
    initial_lot, sold, raised, returned : int
        Collateral the auction started with, collateral sold (WAD), DAI raised (RAD) and collateral returned to
        the vault's owner (WAD).

    >>> a = Auction(tab_rad=100 * 10**45, lot=10 * 10**18, feed_price=10 * RAY, buf_ray=RAY)
    >>> a = step(a, ("kick", 0))
    >>> a.price(360) == 9 * RAY, a.status_at(3000)
    (True, 'needs_redo')
    """

    tab_rad: int = 0
    lot: int = 0
    top: int = 0
    tic: int = 0
    status: str = "idle"
    stopped: int = 0
    tau: int = 3600
    tail: int = 2400
    cusp_ray: int = 4 * RAY // 10
    chost: int = 0
    buf_ray: int = 12 * RAY // 10
    feed_price: int = 100 * RAY
    initial_lot: int = 0
    sold: int = 0
    raised: int = 0
    returned: int = 0

    def __post_init__(self) -> None:
        if self.status == "running" and self.top == 0:
            raise ValueError("top must be positive in a running auction (status='running'), got top=0")

    @v.params(now=UINT)
    def price(self, now: int) -> int:
        """The auction price at ``now`` (seconds, uint256; RAY per unit of collateral).

        Before ``tic`` the price is ``top``; from ``tic + tau`` on it is 0.
        """
        dur = min(max(now - self.tic, 0), self.tau)  # LinearDecrease is 0 from tau on: the same price
        return auctions.linear_decrease(self.top, dur, self.tau)

    @v.params(now=UINT)
    def needs_redo(self, now: int) -> bool:
        """``clip.sol``'s ``status`` at ``now`` (seconds): is the running auction past ``tail`` or below
        ``cusp_ray``?"""
        return self.status == "running" and auctions.clip_status(
            self.top, self.price(now), max(now - self.tic, 0), self.tail, self.cusp_ray
        )

    @v.params(now=UINT)
    def status_at(self, now: int) -> str:
        """The state at ``now`` (seconds), with ``"needs_redo"`` for a running auction that needs a reset."""
        return "needs_redo" if self.needs_redo(now) else self.status


_LOAN_EVENTS = {"price": 2, "deposit": 2, "withdraw": 2, "borrow": 2, "repay": 2, "liquidate": 3}
_AUCTION_EVENTS = {"kick": 2, "take": 4, "redo": 2, "yank": 1, "stop": 2}


def _loan_step(s: Loan, event: tuple[Any, ...]) -> Loan:
    kind = event[0]
    if s.status in ("bad_debt", "closed") and kind != "price":
        raise IllegalTransition(f"{s.status} is absorbing: only a price update is allowed, got {kind!r}")
    if kind == "price":
        return replace(s, collateral_price=v.integer("price", event[1], low=1, high=_U))
    amount = v.integer("amount", event[1], low=1, high=_U)
    if kind == "deposit":
        return replace(s, user_collateral=s.user_collateral + amount, deposited=s.deposited + amount)
    if kind == "withdraw":
        if amount > s.user_collateral:
            raise IllegalTransition(f"withdraw: {amount} exceeds the collateral {s.user_collateral}")
        after = replace(s, user_collateral=s.user_collateral - amount, withdrawn=s.withdrawn + amount)
        if after.user_debt and after.hf < WAD:
            raise IllegalTransition(
                "withdraw: the health factor would fall below 1 (HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD)"
            )
        return after
    if kind == "borrow":
        after = replace(s, user_debt=s.user_debt + amount)
        if after.hf < WAD:
            raise IllegalTransition("borrow: the health factor would fall below 1")
        return after
    if kind == "repay":
        return replace(s, user_debt=s.user_debt - min(amount, s.user_debt))
    if kind == "liquidate":
        sentinel = v.boolean("sentinel_allows", event[2])
        hf = s.hf
        # the order of ValidationLogic.validateLiquidationCall (v1.19): the sentinel's require, then HF < 1
        if not (sentinel or hf < MIN_HF_OVERRIDE):
            raise IllegalTransition(
                "liquidate: the price-oracle sentinel refuses and HF >= 0.95 (PRICE_ORACLE_SENTINEL_CHECK_FAILED)"
            )
        if hf >= WAD:
            raise IllegalTransition("liquidate: the health factor is not below 1 (HEALTH_FACTOR_NOT_BELOW_THRESHOLD)")
        if s.rules == "v3.3":
            try:
                d = lending_contracts.aave_liquidation_v33(
                    amount,
                    s.user_debt,
                    s.user_collateral,
                    s.lt_bps,
                    s.collateral_price,
                    10**8,
                    18,
                    6,
                    s.bonus_bps,
                    s.fee_bps,
                )
            except ValueError as dust:  # the contract's MUST_NOT_LEAVE_DUST revert
                raise IllegalTransition(f"liquidate: {dust}") from None
            return replace(
                s,
                user_collateral=s.user_collateral - d.collateral_seized,
                user_debt=s.user_debt - d.debt_repaid - d.deficit,
                to_liquidators=s.to_liquidators + d.collateral_to_liquidator,
                to_treasury=s.to_treasury + d.protocol_fee,
                reserve_deficit=s.reserve_deficit + d.deficit,
                repaid_by_liquidators=s.repaid_by_liquidators + d.debt_repaid,
            )
        d = lending_contracts.aave_liquidation(
            amount, s.user_debt, s.user_collateral, s.lt_bps, s.collateral_price, 10**8, 18, 6, s.bonus_bps, s.fee_bps
        )
        return replace(
            s,
            user_collateral=s.user_collateral - d.collateral_seized,
            user_debt=s.user_debt - d.debt_repaid,
            to_liquidators=s.to_liquidators + d.collateral_to_liquidator,
            to_treasury=s.to_treasury + d.protocol_fee,
            repaid_by_liquidators=s.repaid_by_liquidators + d.debt_repaid,
        )
    raise IllegalTransition(f"unknown loan event {kind!r}")


def _top(a: Auction) -> int:
    """The starting price of a kick or redo, ``rmul(feed_price, buf_ray)``, with ``clip.sol``'s guard."""
    top = a.feed_price * a.buf_ray // RAY
    if top == 0:
        raise IllegalTransition("Clipper/zero-top-price: feed_price x buf_ray rounds to 0")
    if top > _U // RAY:
        raise IllegalTransition("Clipper: the top price feed_price x buf_ray overflows (top x RAY exceeds uint256)")
    return top


def _auction_step(a: Auction, event: tuple[Any, ...]) -> Auction:
    kind = event[0]
    if a.status in ("settled", "yanked") and kind != "stop":
        raise IllegalTransition(f"the auction is {a.status} (absorbing): {kind!r} is not allowed")
    if kind == "stop":
        return replace(a, stopped=v.integer("level", event[1], low=0, high=3))
    if kind == "yank":
        if a.status != "running":
            raise IllegalTransition("Clipper/not-running-auction: nothing to yank")
        return replace(a, status="yanked", returned=a.returned + a.lot, lot=0, tab_rad=0)
    now = v.integer("now", event[-1], low=0, high=_U)
    if kind == "kick":
        if a.stopped >= 1:
            raise IllegalTransition(f"Clipper/stopped-incorrect: kick needs stopped < 1, it is {a.stopped}")
        if a.status != "idle" or a.tab_rad == 0 or a.lot == 0:
            raise IllegalTransition("Clipper/zero-tab or zero-lot, or already kicked")
        return replace(a, status="running", tic=now, top=_top(a), initial_lot=a.lot)
    if a.status != "running":
        raise IllegalTransition("Clipper/not-running-auction")
    if now < a.tic:
        raise IllegalTransition(f"time runs forward: now={now} is before the auction's tic={a.tic}")
    if kind == "redo":
        if a.stopped >= 2:
            raise IllegalTransition(f"Clipper/stopped-incorrect: redo needs stopped < 2, it is {a.stopped}")
        if not a.needs_redo(now):
            raise IllegalTransition("Clipper/cannot-reset: the auction does not need a reset")
        return replace(a, tic=now, top=_top(a))
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
        lot, tab = a.lot, a.tab_rad
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
            return replace(a, tab_rad=tab, lot=0, sold=sold, raised=raised, status="settled")
        if tab == 0:
            return replace(a, tab_rad=0, lot=0, sold=sold, raised=raised, returned=a.returned + lot, status="settled")
        return replace(a, tab_rad=tab, lot=lot, sold=sold, raised=raised)
    raise IllegalTransition(f"unknown auction event {kind!r}")


_EVENT = v.Checked("an event tuple: its name, then its arguments (see the module docstring)")
_STATE = v.Instance(Loan, Auction, what="a Loan or an Auction")


def _check_event(event: object, kinds: dict[str, int], state_name: str) -> None:
    if not isinstance(event, tuple) or not event or not isinstance(event[0], str):
        raise TypeError(f"event must be a tuple starting with its name, got {type(event).__name__} {_short(event)}")
    if event[0] not in kinds or len(event) != kinds[event[0]]:
        raise ValueError(
            f"event {_short(event)} is not a {state_name} event; allowed: "
            + ", ".join(f"{k} ({n - 1} argument{'s' if n != 2 else ''})" for k, n in kinds.items())
        )


_State = TypeVar("_State", Loan, Auction)  # a step or a replay returns the kind of state it was given


@v.params(state=_STATE, event=_EVENT)
def step(state: _State, event: tuple[Any, ...]) -> _State:
    """Apply one event to a :class:`Loan` or an :class:`Auction`; return the next state or raise
    :class:`IllegalTransition`.

    ``event`` is a tuple: its name, then its arguments (the module docstring lists them);
    a malformed event raises ``TypeError`` or ``ValueError`` naming it.

    >>> s = step(Loan(), ("deposit", 10**18))
    >>> s = step(s, ("borrow", 1000 * 10**6))
    >>> s.status, round(s.hf / 1e18, 4)
    ('healthy', 1.65)
    >>> step(s, ("liquidate", 10**6, True))
    Traceback (most recent call last):
    ...
    coordlab.models.statemachine.IllegalTransition: liquidate: the health factor is not below 1
    (HEALTH_FACTOR_NOT_BELOW_THRESHOLD)
    """
    _check_event(event, _LOAN_EVENTS if isinstance(state, Loan) else _AUCTION_EVENTS, type(state).__name__)
    try:
        return _loan_step(state, event) if isinstance(state, Loan) else _auction_step(state, event)
    except IllegalTransition:
        raise
    except (TypeError, ValueError) as exc:  # a malformed argument, not a refused transition
        raise type(exc)(f"event {_short(event)}: {exc}") from None


@v.params(state=_STATE)
def state_hash(state: Loan | Auction) -> str:
    """SHA-256 of a state's fields (hex): equal states hash equal, on any machine.

    >>> state_hash(Loan()) == state_hash(Loan())
    True
    """
    return hashlib.sha256(repr((type(state).__name__,) + astuple(state)).encode()).hexdigest()


@dataclass(frozen=True)
class Replay(Generic[_State]):
    """Result of :func:`replay`.

    Attributes
    ----------
    final : Loan or Auction
        The state after the last event.
    digest : str
        Its hash (:func:`state_hash`): the same log gives the same digest on any machine.
    states : list
        Every state visited, the initial one first.
    """

    final: _State
    digest: str
    states: list[_State]


@v.params(initial=_STATE, events=v.Checked("a list or tuple of event tuples"))
def replay(initial: _State, events: Iterable[tuple[Any, ...]]) -> Replay[_State]:
    """Apply a log of events in order: the :class:`Replay` (final state, its hash, the states visited).

    ``events`` is a list (or tuple, or other iterable but not a string or an array) of
    event tuples. An illegal event raises :class:`IllegalTransition` with its index in the log.

    >>> r = replay(Loan(), [("deposit", 10**18), ("borrow", 1000 * 10**6)])
    >>> r.final.status, len(r.states), r.digest == state_hash(r.final)
    ('healthy', 3, True)
    """
    if isinstance(events, (str, bytes, dict)) or isinstance(events, np.ndarray) or not hasattr(events, "__iter__"):
        raise TypeError(f"events must be a list or tuple of event tuples, got {type(events).__name__} {_short(events)}")
    states: list[_State] = [initial]
    for i, e in enumerate(events):
        try:
            states.append(step(states[-1], e))
        except IllegalTransition as exc:
            raise IllegalTransition(f"event {i} {_short(e)}: {exc}") from None
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"events[{i}]: {exc}") from None
    return Replay(states[-1], state_hash(states[-1]), states)


@v.params(hf=HF, lt=LT, bonus=BONUS)
def liquidation_lowers_hf(hf: float, lt: float, bonus: float) -> bool:
    """Does a (partial) liquidation lower the health factor? Iff ``hf < lt x bonus``.

    ``hf`` in (0, 1e6], ``lt`` in [0.01, 1], ``bonus`` in [1, 2].

    >>> liquidation_lowers_hf(0.98, 0.825, 1.05), liquidation_lowers_hf(0.85, 0.825, 1.05)
    (False, True)
    """
    return hf < lt * bonus


@v.params(hf=HF, lt=LT, bonus=BONUS, fraction=v.Probability(high_open=True))
def hf_after_liquidation(hf: float, lt: float, bonus: float, fraction: float) -> float:
    """Health factor after repaying ``fraction`` of the debt with ``bonus``: ``(HF/LT - f bonus) LT / (1 - f)``.

    Returns 0 if the collateral runs out first. ``hf`` in (0, 1e6], ``lt`` in
    [0.01, 1], ``bonus`` in [1, 2], ``fraction`` in [0, 1).

    >>> round(hf_after_liquidation(0.9, 0.825, 1.05, 0.5), 3)     # above LT x bonus = 0.866: it rises
    0.934
    """
    f = fraction
    left = hf / lt - f * bonus  # collateral value per unit of original debt, after seizure
    return max(left, 0.0) * lt / (1.0 - f)
