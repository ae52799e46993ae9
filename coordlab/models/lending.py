"""A lending market's crash, simulated: two markets sharing one collateral and one pool (the course's sandbox).

:func:`shared_collateral_crash`: two lending markets share a collateral asset and one pool; one changes
its liquidation threshold or bonus; a price shock runs liquidations wave by wave in both (Aave v3.0's
close factor, or v3.3's with ``rules="v3.3"``; :func:`close_factor` is the float rule it applies), every
seized unit is sold into the shared pool (:class:`~coordlab.models.amm.ConstantProductPool`), and the
output (:class:`CrashOutcome`) says who ends up with the bad debt. Floats in the course's units:
thresholds and bonuses as fractions, amounts in USD and units of the collateral.

The contracts' own integer arithmetic for the same rules is :mod:`coordlab.models.lending_contracts`
(the close factor's constants below are read from it); the perpetual venues' backstops are
:mod:`coordlab.models.backstop`. (Before 0.9 the three lived here, in one module: issue 17.)

Sources
-------
- aave/aave-v3-core (v1.19.0, commit 110cf9d, 4 July 2023): ``LiquidationLogic.sol`` (close factor,
  bonus); aave-dao/aave-v3-origin, tag v3.3.0 (commit 5431379, 24 February 2025): ``LiquidationLogic.sol``
  (the $2,000 and $1,000 rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coordlab import _validate as v
from coordlab.models.amm import SALE, ConstantProductPool
from coordlab.models.lending_contracts import (
    BASE_UNIT,
    CLOSE_FACTOR_HF_THRESHOLD,
    MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD,
    MIN_LEFTOVER_BASE,
    WAD,
)

__all__ = ["LendingMarket", "CrashOutcome", "close_factor", "shared_collateral_crash", "SYNTHETIC_PRICE"]


# A market has at most a million borrowers (shared_collateral_crash runs about a second on a million in
# all); each posts at most 1e12 units and owes at most 1e15 USD.
BORROWERS_MAX = 1_000_000
THRESHOLD = v.Probability(low_open=True, high_open=True)
NAME_MAX = 100
#: LendingMarket.synthetic's collateral price (USD; notebook 09's ETH at 2,000, stylised).
SYNTHETIC_PRICE = 2000.0


NAME = v.Text(0, NAME_MAX)


@v.params(
    collateral=v.RealArray(0.0, 1e12, low_open=True, ndim=1, max_size=BORROWERS_MAX),
    debt=v.RealArray(0.0, 1e15, ndim=1, max_size=BORROWERS_MAX),
    threshold=THRESHOLD,
    bonus=v.Real(1.0, 1.5),
    name=NAME,
)
@dataclass(frozen=True)
class LendingMarket:
    """A lending market's borrowers against one collateral asset, and its liquidation terms.

    Attributes
    ----------
    collateral : ndarray
        Units of the collateral asset each borrower posted, in (0, 1e12] (1-D, at most a million borrowers).
    debt : ndarray
        USD each borrower owes, in [0, 1e15] (one per borrower).
    threshold : float
        Liquidation threshold LT in (0, 1): liquidatable when collateral x price x LT < debt.
    bonus : float
        Liquidation bonus as a factor in [1, 1.5] (1.05 = 5%).
    name : str
        At most 100 characters.
    """

    collateral: np.ndarray
    debt: np.ndarray
    threshold: float
    bonus: float
    name: str = "market"

    def __post_init__(self) -> None:
        if self.collateral.shape != self.debt.shape:
            raise ValueError(
                f"collateral and debt must be 1-D of one length, got {self.collateral.shape} and {self.debt.shape}"
            )

    @classmethod
    @v.params(
        n=v.Integer(1, BORROWERS_MAX),
        threshold=THRESHOLD,
        bonus=v.Real(1.0, 1.5),
        price=v.Real(1e-6, 1e9),
        seed=v.Seed(),
        name=NAME,
        usage=v.RealArray(0.0, 1.0, low_open=True, high_open=True, ndim=1),
    )
    def synthetic(
        cls,
        n: int,
        threshold: float,
        bonus: float,
        price: float = SYNTHETIC_PRICE,
        seed: int = 0,
        name: str = "market",
        usage: tuple[float, float] = (0.5, 0.97),
    ) -> LendingMarket:
        """``n`` borrowers who each use a share of their borrowing power, drawn uniformly from ``usage``.

        Debt = collateral x price x threshold x usage, so a market with a higher threshold
        lends more against the same collateral (borrowers keep the same health factors,
        1/usage). Collateral sizes are log-normal around 10 units. Seeded; synthetic.

        Parameters
        ----------
        n : int
            Number of borrowers, in [1, 1 000 000].
        threshold : float
            The market's liquidation threshold (the share of collateral value counted against debt), in (0, 1).
        bonus : float
            The liquidation bonus factor (1.05: liquidators get 5% extra collateral), in [1, 1.5].
        price : float
            The collateral's price in USD, in [1e-6, 1e9] (so every debt stays below the market's 1e15 USD).
        seed : int
            Seed of ``numpy.random.default_rng``.
        name : str
            The market's name, at most 100 characters.
        usage : pair of float
            ``(low, high)`` with ``0 < low < high < 1``: the range of the share of borrowing power each
            borrower uses.

        >>> m = LendingMarket.synthetic(1000, 0.8, 1.05, seed=1)
        >>> hf = m.collateral * 2000.0 * m.threshold / m.debt      # 1 / usage
        >>> bool(hf.min() >= 1 / 0.97), bool(hf.max() <= 1 / 0.5)
        (True, True)
        """
        bounds = np.asarray(usage, dtype=float)  # the default is a tuple
        if bounds.shape != (2,) or not bounds[0] < bounds[1]:
            raise ValueError(f"usage must be (low, high) with low < high, got {bounds.tolist()}")
        lo, hi = float(bounds[0]), float(bounds[1])
        rng = np.random.default_rng(seed)
        coll = 10.0 * np.exp(rng.standard_normal(n))
        use = rng.uniform(lo, hi, n)
        return cls(coll, coll * price * threshold * use, threshold, bonus, name)


@dataclass(frozen=True)
class CrashOutcome:
    """Result of :func:`shared_collateral_crash`.

    Attributes
    ----------
    prices : ndarray
        Price after the shock, then after each wave of liquidations.
    repaid, seized, bad_debt, penalties : dict of str -> float
        Per market: debt repaid by liquidators (USD), collateral seized (units), bad
        debt left to its lenders (USD) at the end, and the liquidation penalties its
        borrowers paid (value of collateral seized minus debt repaid, at each wave's price).
    liquidated : dict of str -> int
        Borrowers liquidated at least once.
    waves : int
    """

    prices: np.ndarray
    repaid: dict
    seized: dict
    bad_debt: dict
    penalties: dict
    liquidated: dict
    waves: int

    @property
    def final_price(self) -> float:
        return float(self.prices[-1])


CLOSE_FACTOR_HF = CLOSE_FACTOR_HF_THRESHOLD / WAD  # 0.95: 50% only above it
MIN_CLOSE_FACTOR_USD = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / BASE_UNIT  # 2,000 USD (v3.3)
MIN_LEFTOVER_USD = MIN_LEFTOVER_BASE / BASE_UNIT  # 1,000 USD (v3.3)


def _half_close(hf: np.ndarray, collateral_usd: np.ndarray, debt_usd: np.ndarray, rules: str) -> np.ndarray:
    """Where the 50% close factor applies (else 100%): HF > 0.95, and under v3.3 both sides worth at least $2,000."""
    half = hf > CLOSE_FACTOR_HF
    if rules == "v3.3":
        half = half & (collateral_usd >= MIN_CLOSE_FACTOR_USD) & (debt_usd >= MIN_CLOSE_FACTOR_USD)
    return half


@v.params(
    hf=v.Real(0.0, 1e6), collateral_usd=v.Real(0.0, 1e15), debt_usd=v.Real(0.0, 1e15), rules=v.Choice("v3.0", "v3.3")
)
def close_factor(hf: float, collateral_usd: float = 0.0, debt_usd: float = 0.0, rules: str = "v3.0") -> float:
    """Aave's close factor as a fraction of the debt: the share one liquidation may repay.

    The float form of the contracts' rule (``LiquidationLogic``), which :func:`shared_collateral_crash`
    applies to every borrower it liquidates:

    - ``rules="v3.0"`` (aave-v3-core v1.19): 0.5 while ``hf > 0.95``, 1.0 at or below 0.95
      (``CLOSE_FACTOR_HF_THRESHOLD``; :func:`aave_close_factor` is the same rule on a WAD integer);
    - ``rules="v3.3"`` (aave-v3-origin v3.3.0): 0.5 only while ``hf > 0.95`` *and* the position's
      collateral and debt in the reserves liquidated are both worth at least 2,000 USD
      (``MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD``); 1.0 otherwise.

    ``hf`` is the health factor (1 = the liquidation line) in [0, 1e6]; ``collateral_usd`` and
    ``debt_usd`` are USD in [0, 1e15] (used by v3.3 only). The contracts apply it only below HF 1.

    >>> close_factor(0.96), close_factor(0.95), close_factor(0.96, 1900.0, 1500.0, rules="v3.3")
    (0.5, 1.0, 1.0)
    """
    half = _half_close(np.array([hf]), np.array([collateral_usd]), np.array([debt_usd]), rules)
    return 0.5 if bool(half[0]) else 1.0


@v.params(
    markets=v.Checked("a LendingMarket or a non-empty list of them with distinct names"),
    pool=v.Instance(ConstantProductPool),
    shock=SALE,
    max_waves=v.Integer(1, 100_000),
    rules=v.Choice("v3.0", "v3.3"),
)
def shared_collateral_crash(
    markets: LendingMarket | Sequence[LendingMarket],
    pool: ConstantProductPool,
    shock: float,
    max_waves: int = 200,
    rules: str = "v3.0",
) -> CrashOutcome:
    """A price shock on a collateral shared by several lending markets that sell into one pool.

    The shock sells ``shock`` units into ``pool``. Then, wave by wave: in every market,
    each borrower with ``collateral x price x LT < debt`` is liquidated under Aave
    v3.0.x terms (close factor 50% while HF > 0.95, 100% at or below 0.95, as
    ``LiquidationLogic`` has it and :func:`close_factor` computes; the liquidator repays that
    debt and seizes repaid x bonus / price of collateral, or all of it if that is
    less, repaying only collateral x price / bonus); liquidators sell every seized
    unit into the pool at once. A borrower left with no collateral and some debt
    leaves that debt to the market's lenders (bad debt). Stops when a wave
    liquidates nobody (or after ``max_waves``, in [1, 100 000]). ``shock`` is in [0, 1e15] units;
    the markets hold at most a million borrowers in all (about a second).

    ``rules="v3.3"`` applies Aave v3.3's close factor instead (100% also when the borrower's
    collateral or debt is worth under 2,000 USD) and its dust rule: a partial liquidation that
    would leave under 1,000 USD of collateral repays less, so that 1,000 USD is left (the
    contract reverts the larger call; a liquidator sends the largest that passes). Debt left
    with no collateral is the same bad debt (v3.3 books it as the reserve's deficit).

    >>> pool = ConstantProductPool.from_depth(2000.0, 50e6)
    >>> a = LendingMarket.synthetic(500, 0.80, 1.05, seed=1, name="A")
    >>> out = shared_collateral_crash([a], pool, shock=1500.0)
    >>> out.liquidated["A"] > 0, out.final_price < 2000
    (True, True)
    """
    given = [markets] if isinstance(markets, LendingMarket) else markets
    if not isinstance(given, (list, tuple)) or not given or not all(isinstance(m, LendingMarket) for m in given):
        raise TypeError("markets must be a LendingMarket or a non-empty list of them")
    book: list[LendingMarket] = list(given)
    seen: set[str] = set()
    for m in book:
        if m.name in seen:
            raise ValueError(f"markets must have distinct names, got {m.name!r} more than once")
        seen.add(m.name)
    if sum(m.collateral.size for m in book) > BORROWERS_MAX:
        raise ValueError(
            f"markets must hold at most {BORROWERS_MAX:,} borrowers in all, "
            f"got {sum(m.collateral.size for m in book):,}"
        )
    coll = {m.name: m.collateral.copy() for m in book}
    debt = {m.name: m.debt.copy() for m in book}
    ever = {m.name: np.zeros(m.collateral.size, bool) for m in book}
    repaid = {m.name: 0.0 for m in book}
    seized = {m.name: 0.0 for m in book}
    bad = {m.name: 0.0 for m in book}
    penalty = {m.name: 0.0 for m in book}
    # the pool's reserves after each sale (ConstantProductPool.sell's arithmetic, without its bounds: the liquidators'
    # sales may take it past the reserves a caller may build, and every price stays finite)
    g = 1.0 - pool.fee
    x, y = pool.x + shock, pool.x * pool.y / (pool.x + g * shock)
    prices = [y / x]
    waves = 0
    for _ in range(max_waves):
        p = y / x
        sold = 0.0
        for m in book:
            c, d = coll[m.name], debt[m.name]
            live = d > 0
            with np.errstate(over="ignore"):  # a debt tiny next to its collateral: hf = inf, never liquidated
                hf = np.where(live, c * p * m.threshold / np.where(live, d, 1.0), np.inf)
            hit = hf < 1.0
            if not hit.any():
                continue
            value, owed = c[hit] * p, d[hit]
            full_close = ~_half_close(hf[hit], value, owed, rules)
            cover = np.where(full_close, 1.0, 0.5) * owed
            if rules == "v3.3":  # a partial call must leave 1,000 USD of collateral (its debt left is >= 1,000)
                partial = cover * m.bonus < value
                short = partial & (value - cover * m.bonus < MIN_LEFTOVER_USD) & ~full_close
                cover = np.where(short, np.maximum(value - MIN_LEFTOVER_USD, 0.0) / m.bonus, cover)
            take = cover * m.bonus / p
            full = take >= c[hit]
            take = np.where(full, c[hit], take)
            pay = np.where(full, c[hit] * p / m.bonus, cover)
            c[hit] -= take
            d[hit] -= pay
            empty = hit.copy()
            empty[hit] = full
            bad[m.name] += float(d[empty].sum())
            d[empty] = 0.0
            ever[m.name] |= hit
            repaid[m.name] += float(pay.sum())
            seized[m.name] += float(take.sum())
            penalty[m.name] += float((take * p - pay).sum())
            sold += float(take.sum())
        if sold == 0.0:
            break
        waves += 1
        x, y = x + sold, x * y / (x + g * sold)
        prices.append(y / x)
    return CrashOutcome(
        np.array(prices), repaid, seized, bad, penalty, {k: int(e.sum()) for k, e in ever.items()}, waves
    )
