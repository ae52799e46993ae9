"""Pools: Uniswap v2's constant product and Curve's StableSwap, with the protocols' own integer arithmetic.

**Constant product** (Uniswap v2). A pool holding reserves ``x`` and ``y`` trades so
that ``x * y`` does not fall; a 0.3% fee is taken from the input. In integers, as
``UniswapV2Library`` computes them:

    getAmountOut: out = (in * 997 * R_out) // (R_in * 1000 + in * 997)
    getAmountIn:  in  = (R_in * out * 1000) // ((R_out - out) * 997) + 1

Liquidity providers who withdraw scale both reserves down, so the same trade
moves the price more: the *liquidity withdrawal → volatility* channel.

**StableSwap** (Curve; Egorov 2019). Between constant sum (no slippage) and
constant product: ``A n^n sum x + D = A D n^n + D^(n+1) / (n^n prod x)``. The
contracts solve ``D`` and the balance after a trade by Newton's method in
integers (``get_D``, ``get_y`` of Curve's 3pool). Near balance a StableSwap pool
prices coins almost 1:1; once it is imbalanced it behaves like a constant-product
pool, and the price of the abundant coin falls fast: why a depeg accelerates.

Sources
-------
- Uniswap, ``v2-periphery/contracts/libraries/UniswapV2Library.sol``
  (``getAmountOut``, ``getAmountIn``).
- M. Egorov (2019), "StableSwap — efficient mechanism for Stablecoin liquidity";
  Curve, ``curve-contract/contracts/pools/3pool/StableSwap3Pool.vy`` (``get_D``,
  ``get_y``, ``exchange``; ``Ann = A * N_COINS``, fee denominator ``10**10``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from coordlab import _validate as v

__all__ = ["get_amount_out", "get_amount_in", "ConstantProductPool", "sell_price_impact", "stableswap_D",
           "stableswap_y", "StableSwapPool"]

FEE_DENOMINATOR = 10**10
_MAX = 2**256 - 1


def _pos(name, x):
    return v.integer(name, x, low=1, high=_MAX)


def get_amount_out(amount_in: int, reserve_in: int, reserve_out: int) -> int:
    """Uniswap v2 ``getAmountOut`` (0.3% fee), exact integer arithmetic.

    Examples
    --------
    >>> get_amount_out(10**18, 100 * 10**18, 100 * 10**18)     # 1 in a 100/100 pool
    987158034397061298
    """
    amount_in = _pos("amount_in", amount_in)
    reserve_in = _pos("reserve_in", reserve_in)
    reserve_out = _pos("reserve_out", reserve_out)
    amount_in_with_fee = amount_in * 997
    return amount_in_with_fee * reserve_out // (reserve_in * 1000 + amount_in_with_fee)


def get_amount_in(amount_out: int, reserve_in: int, reserve_out: int) -> int:
    """Uniswap v2 ``getAmountIn``: the input needed for ``amount_out`` (rounded up by one unit).

    Examples
    --------
    >>> a = get_amount_in(10**18, 100 * 10**18, 100 * 10**18)
    >>> get_amount_out(a, 100 * 10**18, 100 * 10**18) >= 10**18
    True
    """
    amount_out = _pos("amount_out", amount_out)
    reserve_in = _pos("reserve_in", reserve_in)
    reserve_out = _pos("reserve_out", reserve_out)
    if amount_out >= reserve_out:
        raise ValueError(f"amount_out must be below reserve_out ({reserve_out}), got {amount_out} "
                         "(UniswapV2Library: INSUFFICIENT_LIQUIDITY)")
    return reserve_in * amount_out * 1000 // ((reserve_out - amount_out) * 997) + 1


@dataclass(frozen=True)
class ConstantProductPool:
    """A Uniswap v2 pool: integer reserves of two tokens (smallest units) and LP shares.

    Methods return new pools; a pool never changes in place.

    Examples
    --------
    >>> p = ConstantProductPool(1_000 * 10**18, 2_000_000 * 10**18)   # 1 000 ETH, 2 M USDC: price 2 000
    >>> p.price
    2000.0
    >>> out, after = p.sell_x(10 * 10**18)
    >>> round(out / 10**18, 2), round(after.price, 1)
    (19743.16, 1960.7)
    """

    reserve_x: int
    reserve_y: int
    shares: int = 0

    def __post_init__(self):
        _pos("reserve_x", self.reserve_x)
        _pos("reserve_y", self.reserve_y)
        v.integer("shares", self.shares, low=0)

    @property
    def price(self) -> float:
        """Marginal price of x in units of y (before fees)."""
        return self.reserve_y / self.reserve_x

    def sell_x(self, amount_in: int) -> tuple[int, "ConstantProductPool"]:
        """Sell ``amount_in`` of x for y: the output and the pool after the trade."""
        out = get_amount_out(amount_in, self.reserve_x, self.reserve_y)
        if out >= self.reserve_y:  # pragma: no cover - get_amount_out never returns the whole reserve
            raise ValueError("the trade would drain the pool")
        return out, replace(self, reserve_x=self.reserve_x + amount_in, reserve_y=self.reserve_y - out)

    def sell_y(self, amount_in: int) -> tuple[int, "ConstantProductPool"]:
        """Sell ``amount_in`` of y for x: the output and the pool after the trade."""
        out = get_amount_out(amount_in, self.reserve_y, self.reserve_x)
        return out, replace(self, reserve_y=self.reserve_y + amount_in, reserve_x=self.reserve_x - out)

    def withdraw(self, fraction: float) -> "ConstantProductPool":
        """The pool after LPs remove ``fraction`` of the liquidity (both reserves scale down; the price is kept).

        Examples
        --------
        >>> ConstantProductPool(1000, 4000).withdraw(0.75)
        ConstantProductPool(reserve_x=250, reserve_y=1000, shares=0)
        """
        f = v.real("fraction", fraction, low=0.0, high=1.0, high_open=True)
        keep = 1.0 - f
        return replace(self, reserve_x=max(1, int(self.reserve_x * keep)), reserve_y=max(1, int(self.reserve_y * keep)),
                       shares=int(self.shares * keep))

    def deposit(self, amount_x: int) -> "ConstantProductPool":
        """The pool after an LP adds ``amount_x`` of x and the matching y at the current price."""
        amount_x = _pos("amount_x", amount_x)
        amount_y = amount_x * self.reserve_y // self.reserve_x
        minted = amount_x * self.shares // self.reserve_x if self.shares else 0
        return replace(self, reserve_x=self.reserve_x + amount_x, reserve_y=self.reserve_y + amount_y,
                       shares=self.shares + minted)


def sell_price_impact(amount, depth):
    """Float view: fall of the marginal price when ``amount`` of x is sold into a pool with ``depth`` of x.

    With fee-free constant product the marginal price after the sale is
    ``(depth / (depth + amount))**2`` of the price before, so the fall is
    ``1 - (depth / (depth + amount))**2``. Vectorised over both arguments.

    Examples
    --------
    >>> [round(float(x), 4) for x in sell_price_impact(10.0, [1000.0, 100.0])]   # a tenth of the depth: -17%
    [0.0197, 0.1736]
    """
    a = v.real_array("amount", amount, low=0.0)
    d = v.real_array("depth", depth, low=0.0, low_open=True)
    out = 1.0 - (d / (d + a)) ** 2
    return float(out) if np.ndim(out) == 0 else out


def stableswap_D(xp, amp: int) -> int:
    """Curve's invariant ``D`` for balances ``xp`` (same decimals), solved as ``get_D`` does.

    Parameters
    ----------
    xp : sequence of int
        Pool balances, 2 to 8 coins, each positive.
    amp : int
        The contract's amplification ``A`` (``Ann = A * n``), in [1, 10**6].

    Examples
    --------
    >>> stableswap_D([10**24, 10**24, 10**24], 2000) == 3 * 10**24      # balanced: D = sum
    True
    """
    xp = _balances(xp)
    amp = v.integer("amp", amp, low=1, high=10**6)
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
    raise ValueError("D did not converge in 255 iterations (the contract would revert)")  # pragma: no cover


def _balances(xp):
    if isinstance(xp, (str, bytes)) or not hasattr(xp, "__iter__"):
        raise TypeError(f"xp must be a list of positive integer balances, got {type(xp).__name__}")
    xs = [v.integer("xp", x, low=1, high=_MAX) for x in xp]
    if not 2 <= len(xs) <= 8:
        raise ValueError(f"xp must hold 2 to 8 balances, got {len(xs)}")
    return xs


def stableswap_y(i: int, j: int, x: int, xp, amp: int) -> int:
    """New balance of coin ``j`` when coin ``i``'s balance becomes ``x``, keeping ``D`` (Curve's ``get_y``).

    Examples
    --------
    >>> xp = [10**24] * 3
    >>> y = stableswap_y(0, 1, xp[0] + 10**21, xp, 2000)
    >>> 0 < xp[1] - y < 10**21
    True
    """
    xp = _balances(xp)
    n = len(xp)
    i = v.integer("i", i, low=0, high=n - 1)
    j = v.integer("j", j, low=0, high=n - 1)
    if i == j:
        raise ValueError(f"i and j must differ (two different coins), got {i} and {j}")
    x = _pos("x", x)
    amp = v.integer("amp", amp, low=1, high=10**6)
    d = stableswap_D(xp, amp)
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
    raise ValueError("y did not converge in 255 iterations (the contract would revert)")  # pragma: no cover


@dataclass(frozen=True)
class StableSwapPool:
    """A Curve StableSwap pool (coins with equal decimals): balances, ``A`` and the fee (in 1e-10).

    Examples
    --------
    >>> pool = StableSwapPool((10**24, 10**24, 10**24), amp=2000, fee=4 * 10**6)   # 3pool-like, 0.04% fee
    >>> dy, after = pool.exchange(0, 1, 10**21)                                    # swap 1 000 of coin 0
    >>> 999 * 10**18 < dy < 10**21
    True
    """

    balances: tuple
    amp: int
    fee: int = 4 * 10**6

    def __post_init__(self):
        _balances(self.balances)
        v.integer("amp", self.amp, low=1, high=10**6)
        v.integer("fee", self.fee, low=0, high=FEE_DENOMINATOR // 2)

    def exchange(self, i: int, j: int, dx: int) -> tuple[int, "StableSwapPool"]:
        """Swap ``dx`` of coin ``i`` for coin ``j`` as ``exchange`` does; returns (dy after fee, new pool)."""
        dx = _pos("dx", dx)
        xp = list(self.balances)
        x = xp[i] + dx
        y = stableswap_y(i, j, x, xp, self.amp)
        dy = xp[j] - y - 1
        dy_fee = dy * self.fee // FEE_DENOMINATOR
        dy -= dy_fee
        new = list(xp)
        new[i] = x
        new[j] = xp[j] - dy  # the fee stays in the pool
        return dy, replace(self, balances=tuple(new))

    def price(self, i: int, j: int, probe: int | None = None) -> float:
        """Units of coin ``j`` a small sale of coin ``i`` gets per unit (fee excluded): the pool's price of ``i``."""
        probe = probe or max(1, self.balances[i] // 10**6)
        y = stableswap_y(i, j, self.balances[i] + probe, list(self.balances), self.amp)
        return (self.balances[j] - y) / probe
