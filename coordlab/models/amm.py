"""Pools: the constant product (Uniswap v2) and Curve's StableSwap; the course's one pool model.

**Constant product** (Uniswap v2). A pool holding reserves ``x`` and ``y`` trades so
that ``x * y`` does not fall; a fee ``phi`` (0.3% on Uniswap v2) is taken from the input.
The course's pool is :class:`ConstantProductPool`, in floats (units of the asset, USD):
selling ``S`` units leaves reserves ``(x + S, x y / (x + (1 - phi) S))``, so the price falls to
``p(S) = x y / ((x + (1 - phi) S)(x + S))``; with no fee ``p0 (x0 / (x0 + S))**2``. Every
engine that sells into a pool uses it (the cascades of ``cascade``, the lending sandbox of
``lending``, the capstone). Its contract form is :class:`UniswapV2Pair`, in integers as
``UniswapV2Library`` computes them (a test checks the two agree):

    getAmountOut: out = (in * 997 * R_out) // (R_in * 1000 + in * 997)
    getAmountIn:  in  = (R_in * out * 1000) // ((R_out - out) * 997) + 1

Both pools' ``sell`` methods return a :class:`Swap`: the amount received and the pool after.

Liquidity providers who withdraw scale both reserves down, so the same trade
moves the price more: the *liquidity withdrawal → volatility* channel.

**StableSwap** (Curve; Egorov 2019). Between constant sum (no slippage) and
constant product: ``A n^n sum x + D = A D n^n + D^(n+1) / (n^n prod x)``. The
contracts solve ``D`` and the balance after a trade by Newton's method in
integers (``get_D``, ``get_y`` of Curve's 3pool), with ``Ann = A * n`` in the place of the
whitepaper's ``A n^n``: the ``A`` a contract stores (and ``amp`` here) is the whitepaper's
``A`` times ``n^(n-1)`` (9 times for three coins). StableSwap-NG (2023) adds a fee that rises
with imbalance (:func:`stableswap_ng_dynamic_fee`).

**Concentrated liquidity** (Uniswap v3, 2021; v4, 2025, keeps the same curve). An LP who
places capital on a price range ``[p / k, p k]`` around the price provides the depth of
``1 / (1 - k**-0.5)`` times as much capital spread over all prices
(:func:`concentrated_depth_multiplier`), so each dollar withdrawn takes that much more depth
with it, and the depth vanishes when the price leaves the range. Near balance a StableSwap pool
prices coins almost 1:1; once it is imbalanced it behaves like a constant-product
pool, and the price of the abundant coin falls fast: why a depeg accelerates.

Sources
-------
- Uniswap, ``v2-periphery/contracts/libraries/UniswapV2Library.sol``
  (``getAmountOut``, ``getAmountIn``).
- M. Egorov (2019), "StableSwap — efficient mechanism for Stablecoin liquidity";
  Curve, ``curve-contract/contracts/pools/3pool/StableSwap3Pool.vy`` (``get_D``,
  ``get_y``, ``exchange``; ``Ann = A * N_COINS``, fee denominator ``10**10``).
- Curve, ``curvefi/stableswap-ng``, ``contracts/main/CurveStableSwapNG.vy`` (``_dynamic_fee``,
  ``offpeg_fee_multiplier``), commit ``ec972b33`` (2023).
- H. Adams, N. Zinsmeister, M. Salem, R. Keefer, D. Robinson (2021), "Uniswap v3 Core"
  (whitepaper, §2: capital efficiency ``1 / (1 - (p_a / p_b)**(1/4))``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "get_amount_out",
    "get_amount_in",
    "Swap",
    "ConstantProductPool",
    "UniswapV2Pair",
    "sell_price_impact",
    "stableswap_D",
    "stableswap_y",
    "StableSwapPool",
    "stableswap_ng_dynamic_fee",
    "concentrated_depth_multiplier",
]

FEE_DENOMINATOR = 10**10
_MAX = 2**256 - 1  # a uint256: the largest balance a contract can hold
MAX_COINS = 8  # Curve's pools hold 2 to 8 coins

# Amounts and reserves are integers in smallest units (wei), from 1 to 2**256 - 1; numpy integers are
# converted to Python ints at the boundary, so the exact integer arithmetic never overflows int64.
AMOUNT = v.Integer(1, _MAX)
COIN = v.Integer(0, MAX_COINS - 1)  # a coin's index; checked against the pool's size in the body
AMP = v.Integer(1, 10**6)
FLOAT_MAX = 1e30  # the float view's amounts and depths
MAX_VALUES = 10_000_000  # values in a broadcast result
BALANCES = v.IntegerList(AMOUNT, min_size=2, max_size=MAX_COINS)  # a pool's 2 to 8 balances


def _fits(name: str, **after: int) -> None:
    """Refuse a trade or deposit that would take a balance beyond a uint256 (the contract would revert)."""
    for field, value in after.items():
        if value > _MAX:
            raise ValueError(
                f"{name} is too large: {field} would exceed 2**256 - 1 after it (the contract would revert on overflow)"
            )


@v.params(amount_in=AMOUNT, reserve_in=AMOUNT, reserve_out=AMOUNT)
def get_amount_out(amount_in: int, reserve_in: int, reserve_out: int) -> int:
    """Uniswap v2 ``getAmountOut`` (0.3% fee), exact integer arithmetic.

    Every argument is an integer amount in smallest units, in [1, 2**256 - 1].

    Examples
    --------
    >>> get_amount_out(10**18, 100 * 10**18, 100 * 10**18)     # 1 in a 100/100 pool
    987158034397061298
    """
    amount_in_with_fee = amount_in * 997
    return amount_in_with_fee * reserve_out // (reserve_in * 1000 + amount_in_with_fee)


@v.params(amount_out=AMOUNT, reserve_in=AMOUNT, reserve_out=AMOUNT)
def get_amount_in(amount_out: int, reserve_in: int, reserve_out: int) -> int:
    """Uniswap v2 ``getAmountIn``: the input needed for ``amount_out`` (rounded up by one unit).

    Every argument is an integer amount in smallest units, in [1, 2**256 - 1], and ``amount_out``
    is below ``reserve_out``.

    Examples
    --------
    >>> a = get_amount_in(10**18, 100 * 10**18, 100 * 10**18)
    >>> get_amount_out(a, 100 * 10**18, 100 * 10**18) >= 10**18
    True
    """
    if amount_out >= reserve_out:
        raise ValueError(
            f"amount_out must be below reserve_out ({reserve_out}), got {amount_out} "
            "(UniswapV2Library: INSUFFICIENT_LIQUIDITY)"
        )
    return reserve_in * amount_out * 1000 // ((reserve_out - amount_out) * 997) + 1


@dataclass(frozen=True)
class Swap:
    """The result of a sale into a pool (every pool's ``sell``, ``sell_x``, ``sell_y`` and ``exchange``).

    Attributes
    ----------
    amount_out : int or float
        What the seller receives, after the fee: an integer in smallest units from the contract forms
        (:class:`UniswapV2Pair`, :class:`StableSwapPool`), a float (USD) from :class:`ConstantProductPool`.
    pool : ConstantProductPool, UniswapV2Pair or StableSwapPool
        The pool after the trade (a new object: pools never change in place).
    """

    amount_out: int | float
    pool: ConstantProductPool | UniswapV2Pair | StableSwapPool


# The float pool's bounds. A pool holds at least a millionth of a unit and of a dollar (a tiny positive
# reserve would make ``y / x`` overflow or ``x y`` underflow to 0), at most 1e15 units and 1e18 USD; a sale
# is at most 1e15 units. Within them every product and square root below stays far inside double precision
# (``x y <= 1e33``).
X_MIN, X_MAX = 1e-6, 1e15
Y_MIN, Y_MAX = 1e-6, 1e18
PRICE_MIN, PRICE_MAX = 1e-6, 1e12  # a pool's starting price in from_depth (USD per unit)
SALE_MAX = 1e15
FEE = v.Real(0.0, 0.5)
SALE = v.Real(0.0, SALE_MAX)
SALES = v.RealArray(0.0, SALE_MAX)
# any pool's price lies in [Y_MIN / X_MAX, Y_MAX / X_MIN]
POOL_PRICES = v.RealArray(1e-21, 1e24)
UNISWAP_V2_FEE = 0.003  # UniswapV2Library.getAmountOut: 997 / 1000 of the input trades


@v.params(x=v.Real(X_MIN, X_MAX), y=v.Real(Y_MIN, Y_MAX), fee=FEE)
@dataclass(frozen=True)
class ConstantProductPool:
    """The course's constant-product pool: ``x`` units of the asset against ``y`` USD, fee ``fee`` on the input.

    :class:`UniswapV2Pair` is the same pool in the contract's integers.

    Parameters
    ----------
    x : float
        The asset reserve, in units of the asset, in [1e-6, 1e15].
    y : float
        The USD reserve, in [1e-6, 1e18]; the pool's price is ``y / x`` USD per unit.
    fee : float
        Fee on the input, as a fraction, in [0, 0.5]; Uniswap v2's is 0.003.

    >>> m = ConstantProductPool(x=10_000.0, y=20_000_000.0, fee=0.0)
    >>> m.price, round(float(m.price_after_sale(1_000.0)), 2)     # p0 (x0 / (x0 + S))**2
    (2000.0, 1652.89)
    >>> swap = m.sell(1_000.0)
    >>> round(swap.amount_out), round(swap.pool.price, 2)         # USD received, the price after
    (1818182, 1652.89)
    """

    x: float
    y: float
    fee: float = UNISWAP_V2_FEE

    @classmethod
    @v.params(price=v.Real(PRICE_MIN, PRICE_MAX), depth_usd=v.Real(Y_MIN, Y_MAX), fee=FEE)
    def from_depth(cls, price: float, depth_usd: float, fee: float = UNISWAP_V2_FEE) -> ConstantProductPool:
        """A pool at ``price`` holding ``depth_usd`` of USD (and as much value in the asset).

        ``price`` is in [1e-6, 1e12] USD per unit and ``depth_usd`` in [1e-6, 1e18], with
        ``depth_usd / price`` (the asset reserve) in [1e-6, 1e15] units.

        >>> ConstantProductPool.from_depth(2000.0, 1e6).x
        500.0
        """
        x = depth_usd / price
        if not X_MIN <= x <= X_MAX:
            raise ValueError(
                f"depth_usd / price (the pool's asset reserve) must be in [{X_MIN:g}, {X_MAX:g}] units, "
                f"got depth_usd={depth_usd:g} / price={price:g} = {x:g}"
            )
        return cls(x, depth_usd, fee)

    @property
    def price(self) -> float:
        """Spot price ``y / x`` (USD per unit)."""
        return self.y / self.x

    @v.params(amount=SALES)
    def price_after_sale(self, amount: ArrayLike) -> float | np.ndarray:
        """Spot price after selling ``amount`` units (an array is fine; each from this same state), each in [0,
        1e15].
        """
        return self.price_after_sale_unchecked(np.asarray(amount, dtype=float))

    def price_after_sale_unchecked(self, amount: float | np.ndarray) -> float | np.ndarray:
        """:meth:`price_after_sale` without the validation, for engines that built ``amount`` themselves.

        The engines (``cascade``, ``lending``, ``capstone``) call it in their inner loops, where checking each
        call would cost a third of a run; ``amount`` must be a float or a float array, each in [0, 1e15].
        """
        out = self.x * self.y / ((self.x + (1.0 - self.fee) * amount) * (self.x + amount))
        return float(out) if np.ndim(out) == 0 else out

    @v.params(price=POOL_PRICES)
    def sale_to_reach(self, price: ArrayLike) -> float | np.ndarray:
        """Units that must be sold to bring the price down to ``price`` (0 if it is already there or lower).

        ``price`` (a number or an array) is in [1e-21, 1e24], the range any pool's price can take.
        """
        return self.sale_to_reach_unchecked(np.asarray(price, dtype=float))

    def sale_to_reach_unchecked(self, price: float | np.ndarray) -> float | np.ndarray:
        """:meth:`sale_to_reach` without the validation, for engines that built ``price`` themselves.

        ``price`` is a float or a float array of positive prices; prices below 1e-21 (a rung of a position book,
        not a price a caller asks for) are handled without overflow.
        """
        g, x = 1.0 - self.fee, self.x
        target = np.asarray(price, dtype=float)
        # (x + g s)(x + s) = x y / target  <=>  g s^2 + x (1 + g) s + x^2 - x y / target = 0
        # Below 1e-21, x y / target could overflow: the same root is taken with the discriminant scaled by target.
        small = target < 1e-21
        if not small.any():
            c = x * x - x * self.y / target
            root = np.maximum((-x * (1.0 + g) + np.sqrt(x * x * (1.0 + g) ** 2 - 4.0 * g * c)) / (2.0 * g), 0.0)
            return float(root) if root.ndim == 0 else root
        out = np.zeros(target.shape)
        big = ~small
        t = target[big]
        c = x * x - x * self.y / t
        out[big] = np.maximum((-x * (1.0 + g) + np.sqrt(x * x * (1.0 + g) ** 2 - 4.0 * g * c)) / (2.0 * g), 0.0)
        t = target[small]
        disc = np.sqrt(x * x * (1.0 - g) ** 2 * t + 4.0 * g * x * self.y) / np.sqrt(t)
        out[small] = np.maximum((-x * (1.0 + g) + disc) / (2.0 * g), 0.0)
        return float(out[()]) if out.ndim == 0 else out

    @v.params(amount=SALE)
    def sell(self, amount: float) -> Swap:
        """Sell ``amount`` units into the pool (in [0, 1e15]): the :class:`Swap` (USD received, pool after).

        The pool after the sale must stay within its bounds (at most 1e15 units, at least 1e-6 USD).
        """
        x, y = self.x + amount, self.x * self.y / (self.x + (1.0 - self.fee) * amount)
        if x > X_MAX or y < Y_MIN:
            raise ValueError(
                f"amount={amount:g} would leave the pool beyond its bounds (at most {X_MAX:g} units, "
                f"at least {Y_MIN:g} USD): x={x:g}, y={y:g}"
            )
        return Swap(self.y - y, ConstantProductPool(x, y, self.fee))

    @v.params(fraction=v.Probability(high_open=True))
    def withdraw(self, fraction: float) -> ConstantProductPool:
        """The pool after LPs withdraw ``fraction`` (in [0, 1)) of both reserves (same price, less depth).

        Each reserve must keep at least 1e-6 (units, USD).
        """
        x, y = self.x * (1.0 - fraction), self.y * (1.0 - fraction)
        if x < X_MIN or y < Y_MIN:
            raise ValueError(
                f"fraction={fraction:g} would leave the pool less than its minimum reserves "
                f"({X_MIN:g} units, {Y_MIN:g} USD): x={x:g}, y={y:g}"
            )
        return ConstantProductPool(x, y, self.fee)


@v.params(reserve_x=AMOUNT, reserve_y=AMOUNT, shares=v.Integer(0, _MAX))
@dataclass(frozen=True)
class UniswapV2Pair:
    """A Uniswap v2 pair, the contract form of :class:`ConstantProductPool`: integer reserves and LP shares.

    The reserves of two tokens are in their smallest units.

    Reserves are integers in [1, 2**256 - 1], shares in [0, 2**256 - 1] (numpy integers are
    stored as Python ints). Methods return new pools; a pool never changes in place, and a
    trade or deposit that would take a reserve beyond 2**256 - 1 is refused.

    Examples
    --------
    >>> p = UniswapV2Pair(1_000 * 10**18, 2_000_000 * 10**18)   # 1 000 ETH, 2 M USDC: price 2 000
    >>> p.price
    2000.0
    >>> swap = p.sell_x(10 * 10**18)
    >>> round(swap.amount_out / 10**18, 2), round(swap.pool.price, 1)
    (19743.16, 1960.7)
    """

    reserve_x: int
    reserve_y: int
    shares: int = 0

    @property
    def price(self) -> float:
        """Marginal price of x in units of y (before fees)."""
        return self.reserve_y / self.reserve_x

    @v.params(amount_in=AMOUNT)
    def sell_x(self, amount_in: int) -> Swap:
        """Sell ``amount_in`` of x (an integer in [1, 2**256 - 1]) for y: the :class:`Swap` (y out, pair after)."""
        _fits("amount_in", reserve_x=self.reserve_x + amount_in)
        out = get_amount_out(amount_in, self.reserve_x, self.reserve_y)
        if out >= self.reserve_y:  # pragma: no cover - get_amount_out never returns the whole reserve
            raise ValueError("the trade would drain the pool")
        return Swap(out, replace(self, reserve_x=self.reserve_x + amount_in, reserve_y=self.reserve_y - out))

    @v.params(amount_in=AMOUNT)
    def sell_y(self, amount_in: int) -> Swap:
        """Sell ``amount_in`` of y (an integer in [1, 2**256 - 1]) for x: the :class:`Swap` (x out, pair after)."""
        _fits("amount_in", reserve_y=self.reserve_y + amount_in)
        out = get_amount_out(amount_in, self.reserve_y, self.reserve_x)
        return Swap(out, replace(self, reserve_y=self.reserve_y + amount_in, reserve_x=self.reserve_x - out))

    @v.params(fraction=v.Probability(high_open=True))
    def withdraw(self, fraction: float) -> UniswapV2Pair:
        """The pool after LPs remove ``fraction`` of the liquidity, in [0, 1).

        Both reserves scale down; the price is kept.

        Examples
        --------
        >>> UniswapV2Pair(1000, 4000).withdraw(0.75)
        UniswapV2Pair(reserve_x=250, reserve_y=1000, shares=0)
        """
        keep = 1.0 - fraction
        return replace(
            self,
            reserve_x=max(1, int(self.reserve_x * keep)),
            reserve_y=max(1, int(self.reserve_y * keep)),
            shares=int(self.shares * keep),
        )

    @v.params(amount_x=AMOUNT)
    def deposit(self, amount_x: int) -> UniswapV2Pair:
        """The pool after an LP adds ``amount_x`` of x and the matching y at the current price.

        ``amount_x`` is an integer in [1, 2**256 - 1]; the reserves must stay below 2**256.
        """
        amount_y = amount_x * self.reserve_y // self.reserve_x
        minted = amount_x * self.shares // self.reserve_x if self.shares else 0
        _fits(
            "amount_x",
            reserve_x=self.reserve_x + amount_x,
            reserve_y=self.reserve_y + amount_y,
            shares=self.shares + minted,
        )
        return replace(
            self, reserve_x=self.reserve_x + amount_x, reserve_y=self.reserve_y + amount_y, shares=self.shares + minted
        )


@v.params(amount=v.RealArray(0.0, FLOAT_MAX), depth=v.RealArray(0.0, FLOAT_MAX, low_open=True))
def sell_price_impact(amount: ArrayLike, depth: ArrayLike) -> float | np.ndarray:
    """Float view: fall of the marginal price when ``amount`` of x is sold into a pool with ``depth`` of x.

    With fee-free constant product the marginal price after the sale is
    ``(depth / (depth + amount))**2`` of the price before, so the fall is
    ``1 - (depth / (depth + amount))**2``. Vectorised over both arguments (they broadcast
    together): ``amount`` in [0, 1e30], ``depth`` in (0, 1e30].

    Examples
    --------
    >>> [round(float(x), 4) for x in sell_price_impact(10.0, [1000.0, 100.0])]   # a tenth of the depth: -17%
    [0.0197, 0.1736]
    """
    a, d = np.asarray(amount, dtype=float), np.asarray(depth, dtype=float)  # (already arrays)
    _broadcast(a, d)
    out = 1.0 - (d / (d + a)) ** 2
    return float(out) if np.ndim(out) == 0 else out


def _broadcast(amount: ArrayLike, depth: ArrayLike) -> None:
    try:
        shape = np.broadcast_shapes(np.shape(amount), np.shape(depth))
    except ValueError:
        raise ValueError(
            f"amount and depth must broadcast together, got shapes {np.shape(amount)} and {np.shape(depth)}"
        ) from None
    if math.prod(shape) > MAX_VALUES:
        raise ValueError(f"amount and depth broadcast to {math.prod(shape):,} values; at most {MAX_VALUES:,}")


def _coins(i: int, j: int, n: int) -> None:
    for name, k in (("i", i), ("j", j)):
        if k >= n:
            raise ValueError(f"{name} must be the index of one of the pool's {n} coins, in [0, {n - 1}], got {k}")
    if i == j:
        raise ValueError(f"i and j must differ (two different coins), got {i} and {j}")


def _get_D(xp: list[int], amp: int, whose: str = "balances xp and amp") -> int:
    n = len(xp)
    s = sum(xp)
    d_prev, d, ann = 0, s, amp * n
    for _ in range(255):
        d_p = d
        for x in xp:
            d_p = d_p * d // (x * n)
        d_prev = d
        d = (ann * s + d_p * n) * d // ((ann - 1) * d + (n + 1) * d_p)
        if abs(d - d_prev) <= 1:
            return d
    raise ValueError(f"D did not converge in 255 iterations for these {whose} (the contract would revert)")


def _get_y(i: int, j: int, x: int, xp: list[int], amp: int, whose: str = "balances xp, x and amp") -> int:
    n = len(xp)
    d = _get_D(xp, amp, whose)
    ann = amp * n
    c, s_ = d, 0
    for k in range(n):
        if k == i:
            xk = x
        elif k != j:
            xk = xp[k]
        else:
            continue
        s_ += xk
        c = c * d // (xk * n)
    c = c * d // (ann * n)
    b = s_ + d // ann
    y_prev, y = 0, d
    for _ in range(255):
        y_prev = y
        y = (y * y + c) // (2 * y + b - d)
        if abs(y - y_prev) <= 1:
            return y
    raise ValueError(f"y did not converge in 255 iterations for these {whose} (the contract would revert)")


@v.params(xp=BALANCES, amp=AMP)
def stableswap_D(xp: Sequence[int], amp: int) -> int:
    """Curve's invariant ``D`` for balances ``xp`` (same decimals), solved as ``get_D`` does.

    Parameters
    ----------
    xp : sequence of int
        Pool balances, 2 to 8 coins, each an integer in [1, 2**256 - 1].
    amp : int
        The contract's amplification ``A`` (``Ann = A * n``), in [1, 10**6].

    Examples
    --------
    >>> stableswap_D([10**24, 10**24, 10**24], 2000) == 3 * 10**24      # balanced: D = sum
    True
    """
    return _get_D(list(xp), amp)


@v.params(i=COIN, j=COIN, x=AMOUNT, xp=BALANCES, amp=AMP)
def stableswap_y(i: int, j: int, x: int, xp: Sequence[int], amp: int) -> int:
    """New balance of coin ``j`` when coin ``i``'s balance becomes ``x``, keeping ``D`` (Curve's ``get_y``).

    Parameters
    ----------
    i, j : int
        Two different coins, indices of ``xp`` (in [0, len(xp) - 1]).
    x : int
        Coin ``i``'s new balance, in [1, 2**256 - 1].
    xp, amp
        As in :func:`stableswap_D`.

    Examples
    --------
    >>> xp = [10**24] * 3
    >>> y = stableswap_y(0, 1, xp[0] + 10**21, xp, 2000)
    >>> 0 < xp[1] - y < 10**21
    True
    """
    _coins(i, j, len(xp))
    return _get_y(i, j, x, list(xp), amp)


@v.params(balances=BALANCES, amp=AMP, fee_1e10=v.Integer(0, FEE_DENOMINATOR // 2))
@dataclass(frozen=True)
class StableSwapPool:
    """A Curve StableSwap pool (coins with equal decimals): balances, ``A`` and the fee (in 1e-10).

    Parameters
    ----------
    balances : sequence of int
        The coins' balances, 2 to 8 integers in [1, 2**256 - 1] (stored as a tuple of Python ints).
    amp : int
        The contract's amplification ``A``, in [1, 10**6].
    fee_1e10 : int
        The contract's ``fee``, in units of 1e-10 (``10**10`` is 100%), in [0, 5 * 10**9] (at most 50%);
        3pool's 0.04% is ``4 * 10**6``.

    Examples
    --------
    >>> pool = StableSwapPool((10**24, 10**24, 10**24), amp=2000, fee_1e10=4 * 10**6)   # 3pool-like, 0.04% fee
    >>> swap = pool.exchange(0, 1, 10**21)                                    # swap 1 000 of coin 0
    >>> 999 * 10**18 < swap.amount_out < 10**21
    True
    """

    balances: tuple
    amp: int
    fee_1e10: int = 4 * 10**6

    def __post_init__(self) -> None:
        object.__setattr__(self, "balances", tuple(self.balances))  # checked and converted by @v.params

    @v.params(i=COIN, j=COIN, dx=AMOUNT)
    def exchange(self, i: int, j: int, dx: int) -> Swap:
        """Swap ``dx`` of coin ``i`` for coin ``j`` as ``exchange`` does: the :class:`Swap` (dy after fee, pool after).

        Parameters
        ----------
        i, j : int
            The coin sold and the coin bought: two different indices of the pool's coins, in [0, n - 1].
        dx : int
            Amount of coin ``i`` sold, in its integer units, in [1, 2**256 - 1], keeping coin ``i``'s balance
            below 2**256.
        """
        xp = list(self.balances)
        _coins(i, j, len(xp))
        x = xp[i] + dx
        _fits("dx", **{f"coin {i}'s balance": x})
        y = _get_y(i, j, x, xp, self.amp, "balances and amp of the pool, with dx added to coin i")
        dy = xp[j] - y - 1
        dy_fee = dy * self.fee_1e10 // FEE_DENOMINATOR
        dy -= dy_fee
        new = list(xp)
        new[i] = x
        new[j] = xp[j] - dy  # the fee stays in the pool
        _fits("dx", **{f"coin {j}'s balance": new[j]})  # (a rounding artefact of extreme imbalance)
        return Swap(dy, replace(self, balances=tuple(new)))

    @v.params(i=COIN, j=COIN, probe=v.Optional(AMOUNT))
    def price(self, i: int, j: int, probe: int | None = None) -> float:
        """Units of coin ``j`` a small sale of coin ``i`` gets per unit (fee excluded): the pool's price of ``i``.

        Parameters
        ----------
        i, j : int
            The coin priced and the coin it is priced in: two different indices of the pool's coins, in
            [0, n - 1].
        probe : int or None
            Size of the small sale, in coin ``i``'s integer units, in [1, 2**256 - 1] (``None``: a millionth of
            coin ``i``'s balance).
        """
        _coins(i, j, len(self.balances))
        probe = probe or max(1, self.balances[i] // 10**6)
        _fits("probe", **{f"coin {i}'s balance": self.balances[i] + probe})
        y = _get_y(
            i,
            j,
            self.balances[i] + probe,
            list(self.balances),
            self.amp,
            "balances and amp of the pool, with the probe added to coin i",
        )
        return (self.balances[j] - y) / probe


@v.params(
    fee=v.Real(0.0, 0.5),
    offpeg_fee_multiplier=v.Real(0.0, 1000.0),
    balance_i=v.Real(0.0, FLOAT_MAX, low_open=True),
    balance_j=v.Real(0.0, FLOAT_MAX, low_open=True),
)
def stableswap_ng_dynamic_fee(fee: float, offpeg_fee_multiplier: float, balance_i: float, balance_j: float) -> float:
    """StableSwap-NG's fee (a fraction) for a swap between coins holding ``balance_i`` and ``balance_j``.

    ``m fee / ((m - 1) 4 x_i x_j / (x_i + x_j)**2 + 1)`` with ``m = offpeg_fee_multiplier``
    (the contract stores it times 1e10; ``m <= 1`` means a flat fee). Balanced coins pay
    ``fee``; as one coin runs out the fee rises toward ``m fee``: the pool charges most
    exactly when a run drains it (``_dynamic_fee`` of ``CurveStableSwapNG.vy``).

    Parameters
    ----------
    fee : float
        The pool's base fee, in [0, 0.5].
    offpeg_fee_multiplier : float
        ``m``, in [0, 1000].
    balance_i, balance_j : float
        The two coins' balances (same units), each in (0, 1e30].

    Examples
    --------
    >>> stableswap_ng_dynamic_fee(0.0001, 5.0, 1.0, 1.0)          # balanced: the base fee
    0.0001
    >>> round(stableswap_ng_dynamic_fee(0.0001, 5.0, 1.95, 0.05), 6)   # one coin nearly gone
    0.00036
    """
    if offpeg_fee_multiplier <= 1.0:
        return fee
    balance = 4.0 * balance_i * balance_j / (balance_i + balance_j) ** 2
    return offpeg_fee_multiplier * fee / ((offpeg_fee_multiplier - 1.0) * balance + 1.0)


@v.params(range_ratio=v.Real(1.0, 1e6, low_open=True))
def concentrated_depth_multiplier(range_ratio: float) -> float:
    """Depth of Uniswap v3/v4 liquidity on ``[p / k, p k]``, per unit of capital, relative to a full-range position.

    ``1 / (1 - k**-0.5)`` with ``k = range_ratio`` (the v3 whitepaper's
    ``1 / (1 - (p_a / p_b)**(1/4))`` with ``p_a / p_b = 1 / k**2``): inside its range, the same
    capital quotes the depth of that many times as much in a Uniswap v2 pool, and withdrawing it
    removes that much depth.

    Parameters
    ----------
    range_ratio : float
        ``k``, in (1, 1e6].

    Examples
    --------
    >>> round(concentrated_depth_multiplier(1.05), 1)     # a range of ±5% around the price
    41.5
    """
    return 1.0 / (1.0 - range_ratio**-0.5)
