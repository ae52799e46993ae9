"""Liquidation auctions: Maker's English auction (flip) against its Dutch auction (clip), and a Black Thursday replay.

**Dutch auctions (Liquidations 2.0, ``clip.sol``).** The price starts at ``top =
feed price x buf`` and falls with time by one of the *abacus* functions of
``abaci.sol``, in RAY fixed point (``RAY = 10**27``, ``rmul(x, y) = x * y // RAY``):

- ``LinearDecrease``: ``rmul(top, (tau - dur) * RAY // tau)``, 0 from ``tau`` on;
- ``StairstepExponentialDecrease``: ``rmul(top, rpow(cut, dur // step, RAY))``;
- ``ExponentialDecrease``: ``rmul(top, rpow(cut, dur, RAY))``;

with ``rpow`` the contract's exponentiation by squaring, rounding half up at each
step. ``clip.status`` says an auction needs a reset (``redo``) once more than
``tail`` seconds have passed or the price has fallen below ``cusp x top``; a reset
restarts it from the current feed price. A keeper takes collateral as soon as the
price is below what it is worth to them, so one keeper is enough for a fair sale.

**English auctions (Liquidations 1.2, ``flip.sol``).** Keepers raise DAI bids by at
least ``beg``; when a bid stands unopposed for ``ttl`` seconds it wins — *whatever
its size*. With two or more bidders, competition pushes the price to about the
collateral's value; with one, a bid of 0 DAI wins.

**Who shows up.** Keepers decide whether to bid as in the volunteer's dilemma
(:mod:`coordlab.models.behaviour`): each participates with the logit-QRE
probability ``p(N, b, c, lam)`` for gas cost ``c``, so the number of bidders is
Binomial(``N``, ``p``). :func:`auction_outcome` gives the expected proceeds and
bad debt of each design from that distribution; :func:`replay` runs a
Black-Thursday-like day (stylised price, gas and liquidation paths) through both.

Sources
-------
- MakerDAO ``dss``: ``src/abaci.sol`` (``LinearDecrease.price``,
  ``StairstepExponentialDecrease.price``, ``ExponentialDecrease.price``, ``rpow``),
  ``src/clip.sol`` (``status``, ``redo``, ``buf``, ``tail``, ``cusp``),
  ``src/flip.sol`` (``tend``/``dent``, ``beg``, ``ttl``, ``tau``).
- Black Thursday (12–13 March 2020): Maker forum post-mortems, Dragonfly Research
  and White Rabbit analyses (figures in the notebook, with their ranges).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from coordlab import _validate as v
from coordlab.models.behaviour import volunteer_qre

__all__ = ["RAY", "rmul", "rpow", "linear_decrease", "stairstep_exponential_decrease", "exponential_decrease",
           "clip_status", "AuctionOutcome", "auction_outcome", "BlackThursday", "replay"]

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

    ``x`` and ``y`` are uint256 integers, in [0, 2**256 - 1].

    Examples
    --------
    >>> rmul(3 * RAY, RAY // 2) == 3 * RAY // 2
    True
    """
    return _rmul(x, y, "x * y")


@v.params(x=UINT, n=UINT, b=POSITIVE_UINT)
def rpow(x: int, n: int, b: int = RAY) -> int:
    """``x**n`` in fixed point with base ``b``, as ``abaci.sol``'s ``rpow`` computes it (half-up rounding).

    ``x`` and ``n`` are uint256 integers; ``b`` (the fixed-point base) is in [1, 2**256 - 1].

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

    ``top`` (a RAY price) and ``dur`` (seconds elapsed) are uint256 integers; ``tau`` is in
    [1, 2**256 - 1] seconds.

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


@v.params(top=POSITIVE_UINT, price=UINT, dur=UINT, tail=UINT, cusp=RAY_FRACTION)
def clip_status(top: int, price: int, dur: int, tail: int, cusp: int) -> bool:
    """``clip.sol``'s ``status``: does the auction need a reset (``redo``)?

    ``dur > tail or rdiv(price, top) < cusp`` with ``rdiv(x, y) = x * RAY // y``. ``top`` is in
    [1, 2**256 - 1], ``price``, ``dur`` and ``tail`` are uint256 integers, ``cusp`` is in [0, RAY].

    Examples
    --------
    >>> clip_status(100 * RAY, 39 * RAY, dur=100, tail=3600, cusp=40 * RAY // 100)
    True
    """
    return dur > tail or price * RAY // top < cusp


@dataclass(frozen=True)
class AuctionOutcome:
    """Expected results of one liquidation auction under each design.

    Attributes
    ----------
    participation : float
        Each keeper's probability of bidding (logit QRE of the volunteer's dilemma).
    p_no_bid : float
        Probability that no keeper bids.
    p_single_bid : float
        Probability that exactly one keeper bids (the English auction's weak spot).
    english_proceeds, dutch_proceeds : float
        Expected DAI raised (per unit of debt) by flip and by clip.
    english_bad_debt, dutch_bad_debt : float
        Expected shortfall (per unit of debt) locked in by each design.
    english_discount, dutch_discount : float
        Expected discount to the collateral's market value at which it sells, when it sells
        (the keeper's margin; 100% for a lone flip bidder's 0-DAI bid).
    """

    participation: float
    p_no_bid: float
    p_single_bid: float
    english_proceeds: float
    dutch_proceeds: float
    english_bad_debt: float
    dutch_bad_debt: float
    english_discount: float
    dutch_discount: float


@v.params(n_keepers=v.Integer(2, 1000), gas_cost=v.Real(0.0, 1e6, low_open=True), lam=v.Real(0.0, 1e4),
          collateral_ratio=v.Real(0.0, 10.0, low_open=True), keeper_margin=v.Real(0.0, 0.5),
          benefit=v.Real(0.0, 1e6, low_open=True))
def auction_outcome(n_keepers: int, gas_cost: float, lam: float, collateral_ratio: float = 1.3,
                    keeper_margin: float = 0.03, benefit: float = 1.0) -> AuctionOutcome:
    """Expected outcome of one auction of collateral worth ``collateral_ratio`` times the debt.

    Each of ``n_keepers`` bids with probability ``p = volunteer_qre(n, benefit, gas_cost, lam)``.

    - English (flip): no bidder, no sale (the auction restarts: nothing raised yet);
      one bidder wins with a 0-DAI bid (the whole debt is lost); two or more bid the
      collateral up to its value less their margin, capped at the debt.
    - Dutch (clip): no bidder, no sale (a reset); one or more, the first takes as the
      price crosses its valuation, value less margin, capped at the debt.

    Parameters
    ----------
    n_keepers : int
        Keepers watching, in [2, 1000].
    gas_cost : float
        Cost of bidding, in units of ``benefit``, in (0, benefit).
    lam : float
        Keepers' rationality (logit precision), in [0, 1e4].
    collateral_ratio : float
        Market value of the collateral over the debt, in (0, 10].
    keeper_margin : float
        Discount keepers require to the market value, in [0, 0.5].
    benefit : float
        What a keeper gains if the auction clears, in (0, 1e6].

    Examples
    --------
    >>> o = auction_outcome(n_keepers=5, gas_cost=0.6, lam=20.0)
    >>> round(o.p_no_bid, 3), round(o.english_bad_debt, 3), o.dutch_bad_debt
    (0.436, 0.394, 0.0)
    """
    if not gas_cost < benefit:
        raise ValueError(f"gas_cost must be below benefit (otherwise no keeper ever bids), got gas_cost={gas_cost:g}, "
                         f"benefit={benefit:g}")
    n, ratio, margin = n_keepers, collateral_ratio, keeper_margin
    p = volunteer_qre(n, benefit, gas_cost, lam)
    p0 = (1.0 - p) ** n
    p1 = n * p * (1.0 - p) ** (n - 1)
    p_many = max(0.0, 1.0 - p0 - p1)
    fair = min(1.0, ratio * (1.0 - margin))  # per unit of debt
    english = p_many * fair
    dutch = (p1 + p_many) * fair
    english_bad = p1 * 1.0 + p_many * (1.0 - fair)
    dutch_bad = (p1 + p_many) * (1.0 - fair)
    sold_e, sold_d = p1 + p_many, p1 + p_many
    # a sale gives the keeper collateral worth what it paid plus its margin (the rest goes back to the
    # vault owner); a lone flip bidder pays nothing at all
    disc_e = (p1 * 1.0 + p_many * margin) / sold_e if sold_e > 0 else 0.0
    disc_d = margin if sold_d > 0 else 0.0
    return AuctionOutcome(participation=p, p_no_bid=p0, p_single_bid=p1, english_proceeds=english,
                          dutch_proceeds=dutch, english_bad_debt=english_bad, dutch_bad_debt=dutch_bad,
                          english_discount=disc_e, dutch_discount=disc_d)


@dataclass(frozen=True)
class BlackThursday:
    """A stylised Black-Thursday-like day, hour by hour, and what each auction design leaves behind.

    Attributes
    ----------
    hours : numpy.ndarray
        0..23.
    eth_price : numpy.ndarray
        Stylised ETH price (USD).
    gas_multiple : numpy.ndarray
        Gas cost relative to a normal day.
    debt_liquidated : numpy.ndarray
        Debt sent to auction in each hour (million DAI).
    participation, p_no_bid : numpy.ndarray
        Keepers' bidding probability and the chance of no bid, each hour.
    english_bad_debt, dutch_bad_debt : numpy.ndarray
        Cumulative expected bad debt (million DAI) under flip and under clip.
    """

    hours: np.ndarray
    eth_price: np.ndarray
    gas_multiple: np.ndarray
    debt_liquidated: np.ndarray
    participation: np.ndarray
    p_no_bid: np.ndarray
    english_bad_debt: np.ndarray
    dutch_bad_debt: np.ndarray


@v.params(n_keepers=v.Integer(2, 1000), gas_spike=v.Real(1.0, 20.0), lam=v.Real(0.0, 1e4),
          base_gas_cost=v.Real(0.0, 0.5, low_open=True), total_debt=v.Real(0.0, 1e4, low_open=True))
def replay(n_keepers: int = 10, gas_spike: float = 6.0, lam: float = 20.0, base_gas_cost: float = 0.08,
           total_debt: float = 30.0) -> BlackThursday:
    """Run a stylised Black-Thursday-like day through both auction designs.

    The ETH price falls from 194 to a low of 97 (about −50%) between hours 6 and 14
    and recovers to about 110; gas rises to ``gas_spike`` times normal while the
    price falls; ``total_debt`` million DAI is liquidated in proportion to each
    hour's fall. Keepers' gas cost is ``base_gas_cost x gas multiple`` in units of
    the benefit of clearing an auction (capped just below it). Deterministic: the
    outcome is the expectation over keepers' participation, not one draw.

    Parameters
    ----------
    n_keepers : int
        Keepers watching, in [2, 1000].
    gas_spike : float
        Peak gas cost as a multiple of normal, in [1, 20] (about 6 on 12 March 2020).
    lam : float
        Keepers' rationality, in [0, 1e4].
    base_gas_cost : float
        Normal gas cost relative to the benefit of clearing, in (0, 0.5].
    total_debt : float
        Debt liquidated over the day, million DAI, in (0, 1e4].

    Examples
    --------
    >>> day = replay()
    >>> round(float(day.english_bad_debt[-1]), 2) > round(float(day.dutch_bad_debt[-1]), 2)
    True
    """
    n, base = n_keepers, base_gas_cost
    hours = np.arange(24)
    knots_h = [0, 6, 10, 14, 18, 23]
    knots_p = [194.0, 190.0, 150.0, 97.0, 105.0, 110.0]
    price = np.interp(hours, knots_h, knots_p)
    fall = np.maximum(0.0, -np.diff(price, prepend=price[0])) + 0.0
    debt = total_debt * fall / fall.sum()
    stress = fall / fall.max()
    gas = 1.0 + (gas_spike - 1.0) * stress
    cost = np.minimum(base * gas, 0.999)
    # collateral left per unit of debt shrinks as the price falls faster than oracles update
    ratio = 1.5 * price / np.maximum.accumulate(price) - 0.2 * stress
    part, nobid, eng, dut = (np.zeros(24) for _ in range(4))
    for h in hours:
        o = auction_outcome(n, float(cost[h]), lam, collateral_ratio=float(max(ratio[h], 0.05)))
        part[h], nobid[h] = o.participation, o.p_no_bid
        eng[h], dut[h] = o.english_bad_debt * debt[h], o.dutch_bad_debt * debt[h]
    return BlackThursday(hours=hours, eth_price=price, gas_multiple=gas, debt_liquidated=debt, participation=part,
                         p_no_bid=nobid, english_bad_debt=np.cumsum(eng) + 0.0, dutch_bad_debt=np.cumsum(dut) + 0.0)
