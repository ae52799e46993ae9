"""Liquidation auctions: Maker's English auction (flip) against its Dutch auction (clip), and a Black Thursday
replay.

**Dutch auctions (Liquidations 2.0, ``clip.sol``).** The price starts at ``top =
feed price x buf`` and falls with time by one of the *abacus* functions of
``abaci.sol``, in RAY fixed point (``RAY = 10**27``, ``rmul(x, y) = x * y // RAY``):

- ``LinearDecrease``: ``rmul(top, (tau - dur) * RAY // tau)``, 0 from ``tau`` on;
- ``StairstepExponentialDecrease``: ``rmul(top, rpow(cut, dur // step, RAY))``;
- ``ExponentialDecrease``: ``rmul(top, rpow(cut, dur, RAY))``;

with ``rpow`` the contract's exponentiation by squaring, rounding half up at each
step. ``clip.status`` says an auction needs a reset (``redo``) once more than
``tail`` seconds have passed or the price has fallen below ``cusp x top``; ``take``
reverts until the reset, which restarts the auction from the current feed price. So
the lowest price a keeper can pay is about ``cusp x buf x`` the oracle price: the
auction's *floor*. A keeper that knows it is alone waits toward it.

**English auctions (Liquidations 1.2, ``flip.sol``).** Keepers raise DAI bids by at
least ``beg``; when a bid stands unopposed for ``ttl`` seconds it wins — *whatever
its size*: the floor is 0. With two or more bidders, competition pushes the price to
about the collateral's value; with one, a bid of 0 DAI wins.

**Who enters, and what it costs** (:func:`auction_entry`). Keepers play an entry game
(:func:`coordlab.models.behaviour.entry_qre`): entering costs ``c``; a lone entrant
pays the floor and keeps the rest of the collateral's value (its prize), two or more
compete the price up to the value. The prize, and so the entry rate, depends on the
design. In the Dutch auction an entrant unsure of its rivals randomises its take price
(:func:`dutch_take_price`); by revenue equivalence (Myerson 1981; Riley and Samuelson
1981) the expected proceeds equal an English auction's with the same floor.

**A crash day, like for like** (:func:`crash_day`). One stylised Black-Thursday-like
day through both designs: the same vaults (kicked at a 150% ratio at an oracle price
that lags the market by an hour, as Maker's OSM does), the same price path and the
same keepers; the designs differ only in the floor. An auction nobody enters is run
again the next hour at that hour's prices (flip ``tick``, clip ``redo``).

This module follows the API conventions of issue 17 (CONTRIBUTING.md): the logit precision λ is
``precision`` in :func:`auction_entry`, :func:`no_entry_by_n` and :func:`crash_day`.

Sources
-------
- MakerDAO ``dss``: ``src/abaci.sol`` (``LinearDecrease.price``,
  ``StairstepExponentialDecrease.price``, ``ExponentialDecrease.price``, ``rpow``),
  ``src/clip.sol`` (``status``, ``redo``, ``buf``, ``tail``, ``cusp``),
  ``src/flip.sol`` (``tend``/``dent``, ``beg``, ``ttl``, ``tau``).
- MakerDAO ``dss`` at commit fa4f6630afb0624d04a003e920b0d71a00331d98 (May 2022);
  MIP45, "Liquidations 2.0 (LIQ-2.0) — Liquidation System Redesign" (MakerDAO forum,
  February 2021).
- R. B. Myerson (1981), "Optimal Auction Design", *Mathematics of Operations Research*
  6(1), 58–73; J. G. Riley and W. F. Samuelson (1981), "Optimal Auctions", *American
  Economic Review* 71(3), 381–392.
- Black Thursday (12–13 March 2020): Maker forum post-mortems, Dragonfly Research
  and White Rabbit analyses (figures in the notebook, with their ranges).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.models.behaviour import entry_qre_array

__all__ = [
    "RAY",
    "rmul",
    "rpow",
    "linear_decrease",
    "stairstep_exponential_decrease",
    "exponential_decrease",
    "clip_status",
    "CHOP",
    "AuctionEntry",
    "auction_entry",
    "dutch_take_price",
    "no_entry_by_n",
    "PRICE_KNOTS",
    "CrashDay",
    "crash_day",
    "CRASH_KEEPERS",
    "CRASH_GAS_SPIKE",
    "CRASH_PRECISION",
    "CRASH_ENTRY_COST",
    "CRASH_TOTAL_DEBT",
    "CLIPPER_BUF",
    "CLIPPER_CUSP",
]

RAY = 10**27
UINT_MAX = 2**256 - 1

# Every integer argument is a Solidity uint256; a price factor (cut, cusp) is a RAY fraction in
# [0, RAY]; a divisor (a fixed-point base, a duration tau, a step) is positive. rpow's loop runs once
# per bit of n (at most 256 times), so every call is instant.
UINT = v.Integer(0, UINT_MAX)
POSITIVE_UINT = v.Integer(1, UINT_MAX)
RAY_FRACTION = v.Integer(0, RAY)


def _rmul(x: int, y: int, what: str) -> int:
    """``x * y // RAY``, raising like the contract's revert with a message that names ``what`` overflowed."""
    z = x * y
    if z > UINT_MAX:
        raise ValueError(f"{what} overflows uint256 (the contract would revert)")
    return z // RAY


@v.params(x=UINT, y=UINT)
def rmul(x: int, y: int) -> int:
    """``x * y // RAY`` (reverts, here raises, on uint256 overflow as the contract does).

    Parameters
    ----------
    x, y : int
        The two factors, RAY fixed-point numbers (``RAY`` = 1.0), uint256 integers in [0, 2**256 - 1].

    Examples
    --------
    >>> rmul(3 * RAY, RAY // 2) == 3 * RAY // 2
    True
    """
    return _rmul(x, y, "x * y")


@v.params(x=UINT, n=UINT, b=POSITIVE_UINT)
def rpow(x: int, n: int, b: int = RAY) -> int:
    """``x**n`` in fixed point with base ``b``, as ``abaci.sol``'s ``rpow`` computes it (half-up rounding).

    Parameters
    ----------
    x : int
        The base of the power in fixed point (``b`` = 1.0), a uint256 integer in [0, 2**256 - 1]; a value of
        ``x`` that exceeds 2**128 during the squarings raises, as the contract reverts.
    n : int
        The exponent, a plain integer (a count of seconds or of steps), in [0, 2**256 - 1].
    b : int
        The fixed-point base (``RAY`` for ``abaci.sol``), in [1, 2**256 - 1].

    Examples
    --------
    >>> rpow(RAY // 2, 3) == RAY // 8
    True
    >>> rpow(0, 0), rpow(0, 5)
    (1000000000000000000000000000, 0)
    """
    if n == 0:
        return b
    if x == 0:
        return 0
    z = b if n % 2 == 0 else x
    half = b // 2
    n //= 2
    while n:
        if x >> 128:
            raise ValueError("x exceeds 2**128 during rpow (the contract would revert)")
        x = (x * x + half) // b
        if n % 2:
            z = (z * x + half) // b
        n //= 2
    return z


@v.params(top=UINT, dur=UINT, tau=POSITIVE_UINT)
def linear_decrease(top: int, dur: int, tau: int) -> int:
    """``LinearDecrease.price``: falls linearly from ``top`` to 0 at ``tau`` seconds.

    Parameters
    ----------
    top : int
        The starting price, RAY per unit of collateral, a uint256 integer.
    dur : int
        Seconds elapsed since the auction started, a uint256 integer.
    tau : int
        Seconds for the price to reach 0 (``abaci.sol``'s ``tau``), in [1, 2**256 - 1].

    Examples
    --------
    >>> linear_decrease(1000 * RAY, 360, tau=3600) == 900 * RAY      # dss test_linear_decrease
    True
    """
    if dur >= tau:
        return 0
    return _rmul(top, (tau - dur) * RAY // tau, "top times the price factor")


@v.params(top=UINT, dur=UINT, cut=RAY_FRACTION, step=POSITIVE_UINT)
def stairstep_exponential_decrease(top: int, dur: int, cut: int, step: int) -> int:
    """``StairstepExponentialDecrease.price``: multiplied by ``cut`` (a RAY, at most RAY) every ``step`` seconds.

    ``top`` and ``dur`` are uint256 integers, ``cut`` is in [0, RAY], ``step`` in [1, 2**256 - 1] seconds.

    Examples
    --------
    >>> p = stairstep_exponential_decrease(100 * RAY, 125, cut=99 * RAY // 100, step=60)   # two steps of 1%
    >>> p == rmul(100 * RAY, rpow(99 * RAY // 100, 2))
    True
    """
    return _rmul(top, rpow(cut, dur // step, RAY), "top times the price factor")


@v.params(top=UINT, dur=UINT, cut=RAY_FRACTION)
def exponential_decrease(top: int, dur: int, cut: int) -> int:
    """``ExponentialDecrease.price``: multiplied by ``cut`` (a RAY, at most RAY) every second.

    ``top`` and ``dur`` are uint256 integers, ``cut`` is in [0, RAY].

    Examples
    --------
    >>> exponential_decrease(100 * RAY, 0, cut=RAY) == 100 * RAY
    True
    """
    return _rmul(top, rpow(cut, dur, RAY), "top times the price factor")


@v.params(top=POSITIVE_UINT, price_ray=UINT, dur=UINT, tail=UINT, cusp_ray=RAY_FRACTION)
def clip_status(top: int, price_ray: int, dur: int, tail: int, cusp_ray: int) -> bool:
    """``clip.sol``'s ``status``: does the auction need a reset (``redo``)?

    ``dur > tail or rdiv(price, top) < cusp`` with ``rdiv(x, y) = x * RAY // y``: the contract's ``price`` and
    ``cusp`` are RAY integers here, hence ``price_ray`` and ``cusp_ray`` (:func:`crash_day`'s ``cusp`` is the
    float share).

    Parameters
    ----------
    top : int
        The auction's starting price (RAY), in [1, 2**256 - 1].
    price_ray : int
        Its current price (RAY), a uint256 integer.
    dur : int
        Seconds since the auction started (or was last reset), a uint256 integer.
    tail : int
        Seconds after which it needs a reset, a uint256 integer.
    cusp_ray : int
        The reset threshold as a share of ``top`` (RAY: ``RAY`` is 100%), in [0, RAY].

    Examples
    --------
    >>> clip_status(100 * RAY, 39 * RAY, dur=100, tail=3600, cusp_ray=40 * RAY // 100)
    True
    """
    return dur > tail or price_ray * RAY // top < cusp_ray


#: Liquidation penalty on Black Thursday for ETH-A (``chop`` = 1.13, a 13% penalty): an auction's ``tab``
#: is the debt times ``chop``; proceeds above the debt are the protocol's penalty income.
CHOP = 1.13


@dataclass(frozen=True)
class AuctionEntry:
    """One auction round: which keepers enter, what a sale raises and what it leaves as bad debt.

    All amounts are per DAI of the vault's debt.

    Attributes
    ----------
    entry : float
        Each keeper's probability of entering (logit QRE of the entry game).
    p_none, p_one, p_many : float
        Probabilities that no keeper, exactly one, or two or more enter. With none the
        auction is unsold this round (in :func:`crash_day` it is run again an hour later).
    lone_gain : float
        The prize of a lone entrant: the value of the collateral it buys less what it
        pays (``collateral_value`` if the floor is 0).
    lone_proceeds : float
        What a lone entrant pays: ``min(floor, tab)`` (0 in an English auction).
    competitive_proceeds : float
        What two or more entrants pay: ``min(collateral_value, tab)`` (competition takes the surplus).
    proceeds : float
        Expected DAI raised this round, ``p_one x lone_proceeds + p_many x competitive_proceeds``.
    bad_debt : float
        Expected debt left uncovered by this round's sales, ``p_one x max(0, 1 - lone_proceeds)
        + p_many x max(0, 1 - competitive_proceeds)``.
    keeper_profit : float
        Keepers' expected profit net of entry costs, summed over the ``n`` keepers.
    dutch_mixed_bad_debt : float
        Expected bad debt if, as in a Dutch auction with uncertain entry, each entrant takes at a
        price drawn from :func:`dutch_take_price` and the highest wins: the same expected payment,
        spread (a lone entrant pays more than the floor, competing ones less than the value), so a
        different expected shortfall. Computed for sales below ``tab``.
    """

    entry: float
    p_none: float
    p_one: float
    p_many: float
    lone_gain: float
    lone_proceeds: float
    competitive_proceeds: float
    proceeds: float
    bad_debt: float
    keeper_profit: float
    dutch_mixed_bad_debt: float


def _dutch_bad(n: ArrayLike, p: ArrayLike, value: ArrayLike, floor: ArrayLike) -> np.ndarray:
    """Expected bad debt per DAI of debt when entrants mix their take prices (:func:`dutch_take_price`).

    The winning price ``B`` (the highest take price) has ``P(sold, B <= b) = (1 - p + p F(b))**n - (1 - p)**n``,
    and ``(1 - p + p F(b))**(n-1) = (1 - p)**(n-1) (value - floor) / (value - b)``, so
    ``E[max(0, 1 - B); sold] = integral from floor to 1 of P(sold, B <= b) db`` has a closed form. Whole-lot sales
    (take prices below ``tab``: the formula holds for every b <= tab, and only b < 1 adds bad debt); 0 where the
    floor covers the debt or nobody enters.
    """
    n = np.asarray(n, float)
    value, floor, p = np.broadcast_arrays(np.asarray(value, float), np.asarray(floor, float), np.asarray(p, float))
    q = 1.0 - p
    live = (floor < 1.0) & (p > 0.0) & (value > floor)
    v, r = np.where(live, value, 2.0), np.where(live, floor, 0.0)
    a = q ** (n - 1) * (v - r)  # a lone entrant's expected gain, (value - floor)(1-p)**(n-1)
    bmax = v - a
    top = np.minimum(1.0, bmax)
    pos = a > 0
    # c (v - b)**(-1/(n-1)) with c = a**(n/(n-1)), in logs (a may be tiny; v - top >= a > 0 wherever a > 0)
    la, lgap, lr = (np.log(np.where(pos, x, 1.0)) for x in (a, np.maximum(v - top, a), v - r))
    k = n / (n - 1)
    inner = (n - 1) * (np.exp(k * la - lgap / (n - 1)) - np.exp(k * la - lr / (n - 1))) - q**n * (top - r)
    out = np.where(pos, inner, 0.0) + (1.0 - q**n) * np.maximum(0.0, 1.0 - bmax)
    return np.where(live, np.maximum(out, 0.0), 0.0)


def _round(
    n: ArrayLike, value: ArrayLike, floor: ArrayLike, cost: ArrayLike, precision: float, tab: float
) -> dict[str, np.ndarray]:
    """Vectorised body of :func:`auction_entry` (numpy arrays broadcast together)."""
    value, floor, cost = np.broadcast_arrays(*(np.asarray(x, float) for x in (value, floor, cost)))
    sells = value > floor
    lone_paid = np.minimum(floor, tab)
    bought = tab / np.maximum(floor, tab)  # share of the lot a lone keeper buys: all of it unless floor > tab
    gain = np.where(sells, np.maximum(0.0, value * bought - lone_paid), 0.0)
    p = entry_qre_array(n, gain, cost, precision)
    nn = np.asarray(n, float)
    p_none = (1.0 - p) ** nn
    p_one = nn * p * (1.0 - p) ** (nn - 1)
    p_many = np.maximum(0.0, 1.0 - p_none - p_one)
    # an entrant who finds the price above the collateral's value does not buy: the round goes unsold
    p_none = np.where(sells, p_none, 1.0)
    p_one, p_many = np.where(sells, p_one, 0.0), np.where(sells, p_many, 0.0)
    comp = np.minimum(value, tab)
    proceeds = p_one * lone_paid + p_many * comp
    bad = p_one * np.maximum(0.0, 1.0 - lone_paid) + p_many * np.maximum(0.0, 1.0 - comp)
    profit = p_one * gain - nn * p * cost
    mixed = np.where(sells, _dutch_bad(nn, p, value, floor), 0.0)
    return dict(
        entry=p,
        p_none=p_none,
        p_one=p_one,
        p_many=p_many,
        lone_gain=gain,
        lone_proceeds=lone_paid,
        competitive_proceeds=comp,
        proceeds=proceeds,
        bad_debt=bad,
        keeper_profit=profit,
        dutch_mixed_bad_debt=mixed,
    )


@v.params(
    n_keepers=v.Integer(2, 1000),
    collateral_value=v.Real(0.0, 10.0, low_open=True),
    floor=v.Real(0.0, 10.0),
    entry_cost=v.Real(0.0, 10.0, low_open=True),
    precision=v.Real(0.0, 1e4),
    tab=v.Real(1.0, 2.0),
)
def auction_entry(
    n_keepers: int, collateral_value: float, floor: float, entry_cost: float, precision: float, tab: float = CHOP
) -> AuctionEntry:
    """One round of a liquidation auction as an entry game among ``n_keepers`` keepers.

    The collateral is worth ``collateral_value`` per DAI of debt; the auction sells at most ``tab``
    DAI (debt plus penalty; collateral left over goes back to the vault owner). The
    *floor* is the lowest price the auction accepts, for the whole lot, per DAI of debt:
    0 for Maker's English auction (``flip.sol``: an unopposed bid of any size wins),
    ``cusp x buf x`` oracle price ``x`` collateral for its Dutch auction (``clip.sol``: below
    ``cusp x top`` the auction must be reset). Then:

    - two or more entrants compete the price up to the value (Bertrand): proceeds
      ``min(collateral_value, tab)``, no surplus;
    - a lone entrant pays the floor and keeps the difference, its *prize*;
    - keepers enter by the logit QRE of the entry game with that prize and cost
      ``entry_cost`` (:func:`coordlab.models.behaviour.entry_qre`), each not knowing
      whether others entered.

    In the Dutch auction an entrant does not know how many rivals it has, so it
    randomises the price at which it takes (:func:`dutch_take_price`); by revenue
    equivalence (Myerson 1981; Riley and Samuelson 1981) the expected proceeds and each
    keeper's expected gain equal those of an English auction with the same floor, the
    numbers computed here. What differs between the two designs is the floor.

    Parameters
    ----------
    n_keepers : int
        Keepers watching, in [2, 1000].
    collateral_value : float
        Market value of the collateral per DAI of debt, in (0, 10].
    floor : float
        Lowest price the auction accepts for the whole lot, per DAI of debt, in [0, 10].
    entry_cost : float
        A keeper's cost of entering (gas, capital, price risk) per DAI of debt, in (0, 10].
    precision : float
        Keepers' rationality (logit precision), in [0, 1e4].
    tab : float
        Most the auction raises per DAI of debt (``chop``), in [1, 2].

    Examples
    --------
    >>> flip = auction_entry(10, collateral_value=1.3, floor=0.0, entry_cost=0.3, precision=20.0)
    >>> clip = auction_entry(10, collateral_value=1.3, floor=0.72, entry_cost=0.3, precision=20.0)
    >>> round(flip.lone_gain, 2), round(clip.lone_gain, 2)           # the prize depends on the design
    (1.3, 0.58)
    >>> round(flip.bad_debt, 3), round(clip.bad_debt, 3)
    (0.305, 0.108)
    """
    r = _round(n_keepers, collateral_value, floor, entry_cost, precision, tab)
    return AuctionEntry(**{k: float(x) for k, x in r.items()})


@v.params(
    u=v.Probability(),
    n_keepers=v.Integer(2, 1000),
    entry_probability=v.Probability(low_open=True),
    collateral_value=v.Real(0.0, 10.0, low_open=True),
    floor=v.Real(0.0, 10.0),
)
def dutch_take_price(
    u: float, n_keepers: int, entry_probability: float, collateral_value: float, floor: float
) -> float:
    """The price at which an entrant takes in the Dutch auction's symmetric equilibrium (its ``u``-quantile).

    An entrant who does not know how many of the other ``n - 1`` keepers entered (each
    did with probability ``p = entry_probability``) mixes its take price over ``[floor, b_max]`` so that
    every price in that range earns it the same expected gain as taking at the floor,
    ``(v - floor)(1 - p)**(n-1)``, with ``v = collateral_value``. The quantile function is

    ``b(u) = v - (v - floor) ((1 - p) / (1 - p + p u))**(n-1)``.

    The price falls with time, so the entrant with the highest ``b`` takes first. Whole-lot
    sale (``collateral_value <= tab``); per DAI of debt.

    Parameters
    ----------
    u : float
        Quantile, in [0, 1].
    n_keepers : int
        Keepers watching, in [2, 1000].
    entry_probability : float
        Each keeper's entry probability, in (0, 1].
    collateral_value : float
        The collateral's value per DAI of debt, in (0, 10].
    floor : float
        The auction's floor per DAI of debt, in [0, collateral_value].

    Examples
    --------
    >>> dutch_take_price(0.0, 10, 0.2, collateral_value=1.3, floor=0.72)   # the lowest taker waits to the floor
    0.72
    >>> round(dutch_take_price(1.0, 10, 0.2, collateral_value=1.3, floor=0.72), 4)
    1.2222
    """
    if floor > collateral_value:
        raise ValueError(
            "floor must be at most collateral_value (else nobody takes), "
            f"got floor={floor:g}, collateral_value={collateral_value:g}"
        )
    q = 1.0 - entry_probability
    return collateral_value - (collateral_value - floor) * (q / (q + entry_probability * u)) ** (n_keepers - 1)


@v.params(
    n_max=v.Integer(2, 1000),
    collateral_value=v.Real(0.0, 10.0, low_open=True),
    floor=v.Real(0.0, 10.0),
    entry_cost=v.Real(0.0, 10.0, low_open=True),
    precision=v.Real(0.0, 1e4),
    tab=v.Real(1.0, 2.0),
)
def no_entry_by_n(
    n_max: int, collateral_value: float, floor: float, entry_cost: float, precision: float, tab: float = CHOP
) -> np.ndarray:
    """:func:`auction_entry`'s ``p_none`` for ``n_keepers`` = 2, 3, ..., ``n_max`` (one array, computed at once).

    Parameters as in :func:`auction_entry`; ``n_max`` is in [2, 1000].

    Examples
    --------
    >>> curve = no_entry_by_n(10, collateral_value=1.3, floor=0.0, entry_cost=0.3, precision=20.0)
    >>> len(curve), round(float(curve[-1]), 4) == round(auction_entry(10, 1.3, 0.0, 0.3, 20.0).p_none, 4)
    (9, True)
    """
    n = np.arange(2, n_max + 1)
    return _round(n, np.full(n.shape, collateral_value), floor, entry_cost, precision, tab)["p_none"] + 0.0


@dataclass(frozen=True)
class CrashDay:
    """A stylised Black-Thursday-like day through both designs: the same vaults, prices and keepers.

    Hourly arrays have 24 entries (hours 0..23); amounts are million DAI.

    Attributes
    ----------
    hours : numpy.ndarray
        0..23.
    eth_price : numpy.ndarray
        Stylised market price of ETH (USD).
    oracle_price : numpy.ndarray
        The price the protocol sees: the market price ``oracle_lag`` hours earlier (Maker's OSM).
    gas_multiple : numpy.ndarray
        Gas cost relative to a normal day.
    debt_kicked : numpy.ndarray
        Debt sent to auction each hour (vaults crossing the trigger at the oracle price).
    value_at_kick : numpy.ndarray
        Market value of a kicked vault's collateral per DAI of debt, each hour (0 where none is kicked).
    english_bad_debt, dutch_bad_debt : numpy.ndarray
        Cumulative expected bad debt under flip and under clip.
    english_unsold, dutch_unsold : numpy.ndarray
        Debt still in auction at the end of each hour (unsold rounds carry over and are re-run).
    english_lone_share, dutch_lone_share : float
        Share of the day's sold debt that went to a lone entrant.
    """

    hours: np.ndarray
    eth_price: np.ndarray
    oracle_price: np.ndarray
    gas_multiple: np.ndarray
    debt_kicked: np.ndarray
    value_at_kick: np.ndarray
    english_bad_debt: np.ndarray
    dutch_bad_debt: np.ndarray
    english_unsold: np.ndarray
    dutch_unsold: np.ndarray
    english_lone_share: float
    dutch_lone_share: float


#: The stylised crash: ETH from 194 to 97 (−50%) between hours 6 and 14, then a partial recovery.
PRICE_KNOTS = ((0, 194.0), (6, 190.0), (10, 150.0), (14, 97.0), (18, 105.0), (23, 110.0))

#: Keepers watching on crash_day's stylised crash day (keepers).
CRASH_KEEPERS = 10
#: Peak gas cost on the crash day (a multiple of normal; about 6 on 12 March 2020).
CRASH_GAS_SPIKE = 6.0
#: Keepers' rationality on the crash day: auction_entry's logit precision lambda (per DAI of debt; stylised).
CRASH_PRECISION = 20.0
#: A keeper's normal cost of entering an auction on the crash day (per DAI of the auction's debt; stylised).
CRASH_ENTRY_COST = 0.08
#: Debt kicked over the crash day (million DAI; stylised).
CRASH_TOTAL_DEBT = 30.0
#: Clipper's buf: clip's starting price over the oracle price (factor, top = buf x price; Maker ETH-A).
CLIPPER_BUF = 1.2
#: Clipper's cusp: clip resets once its price falls below this share of top (fraction; Maker ETH-A).
CLIPPER_CUSP = 0.4


def _path(gas_spike: float, oracle_lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    hours = np.arange(24)
    price = np.interp(hours, [h for h, _ in PRICE_KNOTS], [p for _, p in PRICE_KNOTS])
    fall = np.maximum(0.0, -np.diff(price, prepend=price[0])) + 0.0
    gas = 1.0 + (gas_spike - 1.0) * fall / fall.max()
    oracle = price[np.maximum(hours - oracle_lag, 0)]
    return hours, price, oracle, gas


@v.params(
    n_keepers=v.Integer(2, 1000),
    gas_spike=v.Real(1.0, 20.0),
    precision=v.Real(0.0, 1e4),
    entry_cost=v.Real(0.0, 0.5, low_open=True),
    total_debt=v.Real(0.0, 1e4, low_open=True),
    trigger=v.Real(1.0, 3.0),
    oracle_lag=v.Integer(0, 4),
    buf=v.Real(1.0, 2.0),
    cusp=v.Real(0.0, 1.0),
    chop=v.Real(1.0, 2.0),
    clip_cost_factor=v.Real(0.0, 1.0, low_open=True),
    clip_takes=v.Choice("floor", "mixed"),
)
def crash_day(
    n_keepers: int = CRASH_KEEPERS,
    gas_spike: float = CRASH_GAS_SPIKE,
    precision: float = CRASH_PRECISION,
    entry_cost: float = CRASH_ENTRY_COST,
    total_debt: float = CRASH_TOTAL_DEBT,
    trigger: float = 1.5,
    oracle_lag: int = 1,
    buf: float = CLIPPER_BUF,
    cusp: float = CLIPPER_CUSP,
    chop: float = CHOP,
    clip_cost_factor: float = 1.0,
    clip_takes: str = "floor",
) -> CrashDay:
    """Run one stylised crash day through flip and clip, like for like.

    Both designs face the same vault book, the same price path and the same keepers;
    they differ only in the auction's floor (0 for flip; ``cusp x buf x`` oracle price for
    clip) and, if ``clip_cost_factor < 1``, in clip's lower entry cost.

    - **Prices.** ETH falls from 194 to 97 between hours 6 and 14 and recovers to 110
      (stylised, shaped like 12 March 2020). The protocol sees the price ``oracle_lag``
      hours late (Maker's Oracle Security Module delays prices by one hour).
    - **Vaults.** Liquidation prices are spread evenly over the oracle's range; a vault is
      kicked in the hour its collateral, at the *oracle* price, falls below ``trigger``
      (1.5, ETH-A's 150%) times its debt. Its collateral then holds ``trigger / L`` ETH
      per DAI of debt (``L`` its liquidation price; each hour's vaults are averaged
      exactly over ``L``), worth ``trigger x`` market price / ``L`` at market.
      ``total_debt`` million DAI is kicked over the day.
    - **Keepers.** ``n_keepers`` keepers play :func:`auction_entry`'s entry game each hour
      for each open auction, at a cost ``entry_cost x`` gas multiple per DAI of debt; gas
      rises to ``gas_spike`` times normal in the steepest hour.
    - **Unsold auctions** are run again the next hour with the collateral at that hour's
      price (flip restarts with ``tick``; clip resets with ``redo``, its ``top`` from the
      current oracle price). What is still unsold at hour 23 is reported, not booked.

    Deterministic: each hour's outcome is the expectation over keepers' entry.

    Parameters
    ----------
    n_keepers : int
        Keepers watching, in [2, 1000].
    gas_spike : float
        Peak gas cost as a multiple of normal, in [1, 20] (about 6 on 12 March 2020).
    precision : float
        Keepers' rationality: the logit precision λ, as in :func:`auction_entry`, in [0, 1e4].
    entry_cost : float
        A keeper's normal cost of entering an auction per DAI of its debt, in (0, 0.5].
    total_debt : float
        Debt kicked over the day, million DAI, in (0, 1e4].
    trigger : float
        Liquidation ratio (collateral value at the oracle price over debt), in [1, 3].
    oracle_lag : int
        Hours by which the oracle price lags the market, in [0, 4].
    buf : float
        Clip's starting-price factor (``top = buf x`` oracle price), in [1, 2].
    cusp : float
        Clip's reset threshold as a share of ``top``, in [0, 1].
    chop : float
        Liquidation penalty factor (``tab = chop x`` debt), in [1, 2].
    clip_cost_factor : float
        Clip's entry cost as a share of flip's, in (0, 1] (1 = like for like; below 1
        models MIP45's one-block settlement with borrowed liquidity).
    clip_takes : {"floor", "mixed"}
        How clip's sales are priced: ``"floor"`` (a lone entrant pays the floor, two or more the
        value: the revenue-equivalent accounting of :func:`auction_entry`) or ``"mixed"`` (entrants
        unsure of their rivals take at prices drawn from :func:`dutch_take_price`; the expected
        bad debt is :attr:`AuctionEntry.dutch_mixed_bad_debt`).

    Examples
    --------
    >>> day = crash_day()
    >>> round(float(day.english_bad_debt[-1]), 1), round(float(day.dutch_bad_debt[-1]), 1)
    (11.9, 5.3)
    """
    hours, price, oracle, gas = _path(gas_spike, oracle_lag)
    hi, lo = oracle[:-1], oracle[1:]
    drop = np.concatenate([[0.0], np.maximum(0.0, hi - lo)])
    debt = total_debt * drop / drop.sum()
    # collateral (ETH) per DAI of debt, averaged over liquidation prices L spread evenly in (lo, hi]
    q = np.where(drop > 0, trigger * np.log(np.concatenate([[1.0], hi / lo])) / np.where(drop > 0, drop, 1.0), 0.0)
    cost = entry_cost * gas
    # every (kick hour k, hour h >= k) round at once: keepers' entry depends on the collateral and the hour, not on
    # how much is still unsold, so only the carrying-over of unsold debt is sequential (a cumulative product)
    kicked = np.nonzero(drop > 0)[0]
    qk = q[kicked][:, None]
    live = hours[None, :] >= kicked[:, None]
    # both designs at once: axis 0 is (flip, clip); they differ only in the floor and the entry-cost factor
    ff = np.array([0.0, cusp * buf])[:, None, None]
    cf = np.array([1.0, clip_cost_factor])[:, None, None]
    r = _round(
        n_keepers, qk * price[None, :], ff * oracle[None, None, :] * qk, cost[None, None, :] * cf, precision, chop
    )
    p_none = np.where(live, r["p_none"], 1.0)
    left = np.cumprod(p_none, axis=2)  # share unsold after each hour
    before = np.concatenate([np.ones(left.shape[:2] + (1,)), left[:, :, :-1]], axis=2)
    mass = np.where(live, debt[kicked][:, None] * before, 0.0)  # debt in auction during each hour
    loss = r["bad_debt"]
    if clip_takes == "mixed":
        loss = np.concatenate([loss[:1], r["dutch_mixed_bad_debt"][1:]], axis=0)
    bad = (mass * loss).sum(axis=1)
    sold = (mass * (1.0 - p_none)).sum(axis=(1, 2))
    lone = (mass * np.where(live, r["p_one"], 0.0)).sum(axis=(1, 2))
    unsold = (debt[kicked][:, None] * left * live).sum(axis=1) + 0.0
    share = np.where(sold > 0, lone / np.where(sold > 0, sold, 1.0), 0.0)
    out = {name: (np.cumsum(bad[i]) + 0.0, unsold[i], float(share[i])) for i, name in enumerate(("english", "dutch"))}
    value = q * price + 0.0
    return CrashDay(
        hours=hours,
        eth_price=price,
        oracle_price=oracle,
        gas_multiple=gas,
        debt_kicked=debt,
        value_at_kick=value,
        english_bad_debt=out["english"][0],
        dutch_bad_debt=out["dutch"][0],
        english_unsold=out["english"][1],
        dutch_unsold=out["dutch"][1],
        english_lone_share=out["english"][2],
        dutch_lone_share=out["dutch"][2],
    )
