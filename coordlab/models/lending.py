"""Lending-market parameters as coordination devices: rate curves, health factor, liquidation terms, throttles, backstops.

Each protocol function follows the contract it names, in its integer fixed-point
arithmetic (WAD = 1e18, RAY = 1e27, percentages in basis points of 1e4, Aave's
``WadRayMath`` / ``PercentageMath`` rounding half up), so its outputs match the
chain's to the last unit:

- :func:`aave_rates`: Aave v3's ``DefaultReserveInterestRateStrategy.calculateInterestRates``
  (aave-v3-core v1.19, variable debt only: no stable debt, no unbacked aTokens). Below
  the optimal usage ratio ``U*`` the borrow rate rises with slope 1, above it with
  the steep slope 2: the kink that pulls liquidity back when a market is drained.
- :func:`compound_rates`: Compound v2's ``BaseJumpRateModelV2`` (``blocksPerYear = 2102400``;
  ``multiplierPerBlock = multiplierPerYear * 1e18 / (blocksPerYear * kink)``, so the
  "multiplier" is the annual rate *at* the kink).
- :func:`health_factor`, :func:`aave_close_factor`, :func:`aave_liquidation`: Aave v3.0.x
  ``GenericLogic`` and ``LiquidationLogic`` (close factor 50%, or 100% once HF <
  0.95; collateral seized = debt x bonus, a protocol fee taken from the bonus). Aave
  v3.3 changed the close-factor rule; this module pins v3.0.x.
- :func:`morpho_lif`: Morpho Blue's liquidation incentive, tied to the market's LLTV:
  ``min(1.15, 1 / (1 - 0.3 (1 - LLTV)))`` (``ConstantsLib``, ``Morpho.liquidate``).
- :func:`maker_bark`: Maker's Liquidations 2.0 throttle (``dog.sol`` ``bark``): the
  debt sent to auction is capped by the room left under the global ``Hole`` and the
  collateral type's ``hole``, with the dust rule; and the keeper's reward
  ``tip + tab x chip`` (``clip.sol`` ``kick``).
- :func:`cover_deficit`: a perpetuals venue's backstop: the insurance fund pays first,
  then auto-deleveraging takes the rest from the most profitable, most levered
  positions on the other side.
- :func:`shared_collateral_crash`: the course's sandbox. Two lending markets share a
  collateral asset and one pool; one changes its liquidation threshold or bonus; a
  price shock runs liquidations wave by wave in both, every seized unit is sold into
  the shared pool, and the output says who ends up with the bad debt.

Sources
-------
- aave/aave-v3-core (v1.19): ``contracts/protocol/pool/DefaultReserveInterestRateStrategy.sol``,
  ``contracts/protocol/libraries/logic/{GenericLogic,LiquidationLogic}.sol``,
  ``contracts/protocol/libraries/math/{WadRayMath,PercentageMath}.sol``; the rate
  checks of ``test-suites/rate-strategy.spec.ts``.
- compound-finance/compound-protocol: ``contracts/BaseJumpRateModelV2.sol``.
- morpho-org/morpho-blue: ``src/libraries/ConstantsLib.sol`` (``LIQUIDATION_CURSOR = 0.3e18``,
  ``MAX_LIQUIDATION_INCENTIVE_FACTOR = 1.15e18``), ``src/Morpho.sol``.
- makerdao/dss: ``src/dog.sol`` (``bark``), ``src/clip.sol`` (``kick``); MIP45.
- Hyperliquid Docs, "Auto-deleveraging"; BitMEX, "Auto-Deleveraging" (the ranking by
  profit and leverage).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coordlab import _validate as v
from coordlab.models.cascade import Market

__all__ = ["WAD", "RAY", "PERCENTAGE_FACTOR", "ray_mul", "ray_div", "percent_mul", "percent_div", "aave_rates",
           "compound_rates", "health_factor", "aave_close_factor", "aave_liquidation", "morpho_lif", "maker_bark",
           "keeper_incentive", "cover_deficit", "LendingMarket", "CrashOutcome", "shared_collateral_crash"]

WAD, RAY, PERCENTAGE_FACTOR = 10**18, 10**27, 10**4
_UINT = 2**256 - 1
BLOCKS_PER_YEAR = 2_102_400                     # Compound v2, BaseJumpRateModelV2
CLOSE_FACTOR_HF_THRESHOLD = 95 * 10**16         # Aave v3.0.x LiquidationLogic (0.95e18)
DEFAULT_LIQUIDATION_CLOSE_FACTOR = 5000         # 50%
MAX_LIQUIDATION_CLOSE_FACTOR = 10_000           # 100%
LIQUIDATION_CURSOR = 3 * 10**17                 # Morpho Blue ConstantsLib
MAX_LIQUIDATION_INCENTIVE_FACTOR = 115 * 10**16


def _u(name, x, low=0):
    return v.integer(name, x, low=low, high=_UINT)


def ray_mul(a: int, b: int) -> int:
    """``WadRayMath.rayMul``: ``(a b + RAY/2) // RAY``.

    >>> ray_mul(3 * RAY // 2, 2 * RAY) == 3 * RAY
    True
    """
    return (_u("a", a) * _u("b", b) + RAY // 2) // RAY


def ray_div(a: int, b: int) -> int:
    """``WadRayMath.rayDiv``: ``(a RAY + b/2) // b``.

    >>> ray_div(1, 3) == (RAY + 1) // 3
    True
    """
    b = _u("b", b, low=1)
    return (_u("a", a) * RAY + b // 2) // b


def percent_mul(value: int, percentage: int) -> int:
    """``PercentageMath.percentMul``: ``(value pct + 0.5e4) // 1e4`` (percentages in bps of 1e4).

    >>> percent_mul(1000, 8000)
    800
    """
    return (_u("value", value) * _u("percentage", percentage) + PERCENTAGE_FACTOR // 2) // PERCENTAGE_FACTOR


def percent_div(value: int, percentage: int) -> int:
    """``PercentageMath.percentDiv``: ``(value 1e4 + pct/2) // pct``.

    >>> percent_div(1050, 10500)
    1000
    """
    percentage = _u("percentage", percentage, low=1)
    return (_u("value", value) * PERCENTAGE_FACTOR + percentage // 2) // percentage


def aave_rates(available: int, debt: int, optimal: int, base: int, slope1: int, slope2: int,
               reserve_factor: int) -> tuple[int, int]:
    """Aave v3 liquidity (supply) rate and variable borrow rate, in RAY, exactly as the strategy computes them.

    Parameters
    ----------
    available, debt : int
        Liquidity available in the aToken and total variable debt (token units).
    optimal : int
        ``OPTIMAL_USAGE_RATIO`` in RAY, in (0, RAY).
    base, slope1, slope2 : int
        ``baseVariableBorrowRate``, ``variableRateSlope1``, ``variableRateSlope2`` in RAY.
    reserve_factor : int
        In basis points of 1e4 (1000 = 10%).

    >>> liquidity, borrow = aave_rates(2 * 10**17, 8 * 10**17, 8 * RAY // 10, 0, 4 * RAY // 100, 75 * RAY // 100, 1000)
    >>> borrow == 4 * RAY // 100          # at U = U*: base + slope1
    True
    """
    available, debt = _u("available", available), _u("debt", debt)
    optimal = v.integer("optimal", optimal, low=1, high=RAY - 1)
    base, slope1, slope2 = _u("base", base), _u("slope1", slope1), _u("slope2", slope2)
    reserve_factor = v.integer("reserve_factor", reserve_factor, low=0, high=PERCENTAGE_FACTOR)
    borrow = base
    usage = 0
    if debt != 0:
        usage = ray_div(debt, available + debt)          # borrowUsageRatio = supplyUsageRatio (no unbacked)
    if usage > optimal:
        excess = ray_div(usage - optimal, RAY - optimal)  # MAX_EXCESS_USAGE_RATIO = RAY - OPTIMAL
        borrow += slope1 + ray_mul(slope2, excess)
    else:
        borrow += ray_div(ray_mul(slope1, usage), optimal)
    overall = 0
    if debt != 0:  # _getOverallBorrowRate with no stable debt
        overall = ray_div(ray_mul(debt * 10**9, borrow), debt * 10**9)
    liquidity = percent_mul(ray_mul(overall, usage), PERCENTAGE_FACTOR - reserve_factor)
    return liquidity, borrow


def compound_rates(cash: int, borrows: int, reserves: int, base_per_year: int, multiplier_per_year: int,
                   jump_per_year: int, kink: int, reserve_factor: int) -> tuple[int, int, int]:
    """Compound v2 JumpRateModelV2: ``(utilization, borrowRatePerBlock, supplyRatePerBlock)``, mantissas of 1e18.

    ``reserve_factor`` and ``kink`` are mantissas of 1e18 (kink in (0, 1e18]).

    >>> u, b, s = compound_rates(cash=20 * WAD, borrows=80 * WAD, reserves=0, base_per_year=0,
    ...                          multiplier_per_year=4 * 10**16, jump_per_year=109 * 10**16, kink=8 * 10**17,
    ...                          reserve_factor=10**17)
    >>> u == 8 * 10**17, round(b * BLOCKS_PER_YEAR / WAD, 4)      # at the kink: the multiplier per year
    (True, 0.04)
    """
    cash, borrows, reserves = _u("cash", cash), _u("borrows", borrows), _u("reserves", reserves)
    base_per_year = _u("base_per_year", base_per_year)
    multiplier_per_year, jump_per_year = _u("multiplier_per_year", multiplier_per_year), _u("jump_per_year", jump_per_year)
    kink = v.integer("kink", kink, low=1, high=WAD)
    reserve_factor = v.integer("reserve_factor", reserve_factor, low=0, high=WAD)
    if borrows and cash + borrows <= reserves:
        raise ValueError(f"reserves must be below cash + borrows, got reserves={reserves}, cash + borrows={cash + borrows}")
    base = base_per_year // BLOCKS_PER_YEAR
    multiplier = multiplier_per_year * WAD // (BLOCKS_PER_YEAR * kink)
    jump = jump_per_year // BLOCKS_PER_YEAR
    util = 0 if borrows == 0 else borrows * WAD // (cash + borrows - reserves)
    if util <= kink:
        borrow = util * multiplier // WAD + base
    else:
        borrow = (util - kink) * jump // WAD + (kink * multiplier // WAD + base)
    supply = util * (borrow * (WAD - reserve_factor) // WAD) // WAD
    return util, borrow, supply


def health_factor(collateral_base, thresholds_bps, debt_base) -> int:
    """Aave v3 health factor in WAD: ``totalCollateral.percentMul(avgLT).wadDiv(totalDebt)``.

    Parameters
    ----------
    collateral_base : sequence of int
        Each collateral's value in the base currency (8 decimals, as the oracle reports).
    thresholds_bps : sequence of int
        Each collateral's liquidation threshold in bps (8250 = 82.5%), in [0, 1e4].
    debt_base : int
        Total debt in the base currency; 0 gives the maximum uint (no debt, never liquidatable).

    >>> health_factor([1000 * 10**8], [8000], 800 * 10**8) == WAD      # 1000 x 80% / 800
    True
    """
    coll = [_u("collateral_base", c) for c in _seq("collateral_base", collateral_base)]
    lts = [v.integer("thresholds_bps", t, low=0, high=PERCENTAGE_FACTOR) for t in _seq("thresholds_bps", thresholds_bps)]
    if len(coll) != len(lts):
        raise ValueError(f"collateral_base and thresholds_bps must have one length, got {len(coll)} and {len(lts)}")
    debt = _u("debt_base", debt_base)
    if debt == 0:
        return _UINT
    total = sum(coll)
    avg_lt = sum(c * t for c, t in zip(coll, lts)) // total if total else 0
    adjusted = percent_mul(total, avg_lt)
    return (adjusted * WAD + debt // 2) // debt                  # WadRayMath.wadDiv


def _seq(name, x):
    if isinstance(x, (str, bytes)) or not hasattr(x, "__len__") or len(x) == 0:
        raise TypeError(f"{name} must be a non-empty sequence of integers, got {x!r}")
    return list(x)


def aave_close_factor(hf: int) -> int:
    """Aave v3.0.x close factor in bps: 5000 (half the debt) while HF > 0.95, 10 000 below (v3.3 changed this rule).

    >>> aave_close_factor(99 * 10**16), aave_close_factor(94 * 10**16)
    (5000, 10000)
    """
    hf = _u("hf", hf)
    return DEFAULT_LIQUIDATION_CLOSE_FACTOR if hf > CLOSE_FACTOR_HF_THRESHOLD else MAX_LIQUIDATION_CLOSE_FACTOR


def aave_liquidation(debt_to_cover: int, user_debt: int, user_collateral: int, hf: int, collateral_price: int,
                     debt_price: int, collateral_decimals: int, debt_decimals: int, bonus_bps: int,
                     protocol_fee_bps: int = 0) -> dict:
    """One Aave v3.0.x ``liquidationCall``: debt repaid, collateral to the liquidator, the protocol's fee.

    Follows ``LiquidationLogic``: the close factor caps the repayment
    (``userDebt.percentMul(closeFactor)``); ``baseCollateral = debtPrice x debt x
    collUnit / (collPrice x debtUnit)``, times the bonus (e.g. 10500 = 105%); if that
    exceeds the user's collateral, all of it is taken and the debt repaid is scaled
    back (``percentDiv(bonus)``); the protocol fee is a share of the bonus part.

    Returns a dict with ``debt_repaid``, ``collateral_to_liquidator``, ``protocol_fee``
    and ``collateral_seized`` (their sum), all in token units.

    >>> r = aave_liquidation(debt_to_cover=10**30, user_debt=1000 * 10**6, user_collateral=10**18, hf=9 * 10**17,
    ...                      collateral_price=1000 * 10**8, debt_price=10**8, collateral_decimals=18, debt_decimals=6,
    ...                      bonus_bps=10500)
    >>> r["collateral_seized"] == 10**18, r["debt_repaid"]       # all collateral; 1000 USD of it / 1.05
    (True, 952380952)
    """
    debt_to_cover, user_debt, user_collateral = _u("debt_to_cover", debt_to_cover), _u("user_debt", user_debt), \
        _u("user_collateral", user_collateral)
    hf = _u("hf", hf)
    if hf >= WAD:
        raise ValueError(f"hf must be below 1e18 (HEALTH_FACTOR_LIQUIDATION_THRESHOLD) to liquidate, got {hf}")
    collateral_price, debt_price = _u("collateral_price", collateral_price, 1), _u("debt_price", debt_price, 1)
    cdec = v.integer("collateral_decimals", collateral_decimals, low=0, high=36)
    ddec = v.integer("debt_decimals", debt_decimals, low=0, high=36)
    bonus = v.integer("bonus_bps", bonus_bps, low=PERCENTAGE_FACTOR, high=2 * PERCENTAGE_FACTOR)
    fee_bps = v.integer("protocol_fee_bps", protocol_fee_bps, low=0, high=PERCENTAGE_FACTOR)
    max_debt = percent_mul(user_debt, aave_close_factor(hf))
    actual = min(debt_to_cover, max_debt)
    cunit, dunit = 10**cdec, 10**ddec
    base_collateral = debt_price * actual * cunit // (collateral_price * dunit)
    max_collateral = percent_mul(base_collateral, bonus)
    if max_collateral > user_collateral:
        collateral = user_collateral
        needed = percent_div(collateral_price * collateral * dunit // (debt_price * cunit), bonus)
    else:
        collateral, needed = max_collateral, actual
    fee = 0
    if fee_bps:
        bonus_collateral = collateral - percent_div(collateral, bonus)
        fee = percent_mul(bonus_collateral, fee_bps)
    return dict(debt_repaid=needed, collateral_to_liquidator=collateral - fee, protocol_fee=fee,
                collateral_seized=collateral)


def morpho_lif(lltv: int) -> int:
    """Morpho Blue's liquidation incentive factor (WAD) for a market's LLTV (WAD).

    ``min(MAX_LIQUIDATION_INCENTIVE_FACTOR, WAD.wDivDown(WAD - LIQUIDATION_CURSOR.wMulDown(WAD - lltv)))``.

    >>> morpho_lif(86 * 10**16)          # LLTV 86%: 1 / (1 - 0.3 x 0.14) = 1.0438...
    1043841336116910229
    """
    lltv = v.integer("lltv", lltv, low=0, high=WAD - 1)
    return min(MAX_LIQUIDATION_INCENTIVE_FACTOR, WAD * WAD // (WAD - LIQUIDATION_CURSOR * (WAD - lltv) // WAD))


def maker_bark(art: int, rate: int, chop: int, Hole: int, Dirt: int, hole: int, dirt: int, dust: int) -> dict:
    """How much of a vault's debt Maker's ``Dog.bark`` sends to auction, given the throttles.

    Units as in dss: ``art`` [wad] normalised debt, ``rate`` [ray], ``chop`` [wad]
    penalty (1.13e18 = 13%), ``Hole``/``Dirt``/``hole``/``dirt``/``dust`` [rad].
    Raises ``ValueError`` where ``bark`` reverts ("liquidation-limit-hit", "dusty auction").

    Returns a dict with ``dart`` (normalised debt taken), ``tab`` (DAI to raise, debt
    plus penalty, [rad]) and ``partial`` (whether the vault keeps some debt).

    >>> RAD = 10**45
    >>> r = maker_bark(art=100 * WAD, rate=RAY, chop=113 * 10**16, Hole=10**6 * RAD, Dirt=0, hole=50 * RAD,
    ...                dirt=0, dust=5 * RAD)
    >>> r["dart"] == 50 * WAD * 100 // 113, r["partial"]      # the ilk's 50 DAI of room caps it
    (True, True)
    """
    art, rate, chop = _u("art", art, 1), _u("rate", rate, 1), _u("chop", chop, WAD)
    Hole, Dirt, hole, dirt, dust = (_u(n, x) for n, x in (("Hole", Hole), ("Dirt", Dirt), ("hole", hole),
                                                          ("dirt", dirt), ("dust", dust)))
    if not (Hole > Dirt and hole > dirt):
        raise ValueError("Dog/liquidation-limit-hit: no room left under Hole or the ilk's hole (Dirt >= Hole or dirt >= hole)")
    room = min(Hole - Dirt, hole - dirt)
    dart = min(art, room * WAD // rate // chop)
    if art > dart:
        if (art - dart) * rate < dust:
            dart = art                     # a dusty leftover: liquidate the whole vault
        elif dart * rate < dust:
            raise ValueError("Dog/dusty-auction-from-partial-liquidation: the room allows only a dusty auction")
    if dart == 0:
        raise ValueError("Dog/null-auction: nothing to liquidate")
    tab = dart * rate * chop // WAD
    return dict(dart=dart, tab=tab, partial=dart < art)


def keeper_incentive(tab: int, tip: int, chip: int) -> int:
    """Clipper ``kick`` reward to the keeper: ``tip + wmul(tab, chip)`` [rad].

    >>> keeper_incentive(tab=10**6 * 10**45, tip=300 * 10**45, chip=10**15) == 1300 * 10**45   # 300 + 0.1% of 1 M
    True
    """
    tab, tip = _u("tab", tab), _u("tip", tip)
    chip = v.integer("chip", chip, low=0, high=WAD)
    return tip + (tab * chip + WAD // 2) // WAD       # DSMath wmul rounds half up


def cover_deficit(deficit: float, insurance_fund: float, profits, leverage) -> dict:
    """Cover a bankrupt position's deficit: the insurance fund first, then auto-deleveraging (ADL).

    Opposite-side positions with unrealised profit are ranked by profit x leverage
    (the most profitable, most levered first) and give up profit in that order
    until the deficit is covered.

    Parameters
    ----------
    deficit, insurance_fund : float
        USD, >= 0.
    profits, leverage : array_like
        Unrealised profit (USD, may be negative) and leverage (>= 1) of each opposite position.

    Returns
    -------
    dict with ``from_fund``, ``fund_left``, ``adl`` (USD taken from each position, in
    input order), ``adl_total`` and ``uncovered`` (deficit left when profits run out).

    >>> r = cover_deficit(100.0, 30.0, [50.0, 40.0, -5.0], [10.0, 2.0, 5.0])
    >>> r["from_fund"], r["adl"].tolist(), r["uncovered"]
    (30.0, [50.0, 20.0, 0.0], 0.0)
    """
    deficit = v.real("deficit", deficit, low=0.0, high=1e15)
    fund = v.real("insurance_fund", insurance_fund, low=0.0, high=1e15)
    profits = v.real_array("profits", profits, low=-1e15, high=1e15)
    leverage = v.real_array("leverage", leverage, low=1.0, high=1e4)
    if profits.ndim != 1 or profits.shape != leverage.shape:
        raise ValueError(f"profits and leverage must be 1-D of one length, got {profits.shape} and {leverage.shape}")
    from_fund = min(deficit, fund)
    left = deficit - from_fund
    taken = np.zeros(profits.size)
    gain = np.maximum(profits, 0.0)
    for i in np.argsort(-(gain * leverage), kind="stable"):
        if left <= 0 or gain[i] <= 0:
            break
        taken[i] = min(gain[i], left)
        left -= taken[i]
    return dict(from_fund=from_fund, fund_left=fund - from_fund, adl=taken, adl_total=float(taken.sum()),
                uncovered=float(max(left, 0.0)))


@dataclass(frozen=True)
class LendingMarket:
    """A lending market's borrowers against one collateral asset, and its liquidation terms.

    Attributes
    ----------
    collateral : ndarray
        Units of the collateral asset each borrower posted (> 0).
    debt : ndarray
        USD each borrower owes (>= 0).
    threshold : float
        Liquidation threshold LT in (0, 1): liquidatable when collateral x price x LT < debt.
    bonus : float
        Liquidation bonus as a factor in [1, 1.5] (1.05 = 5%).
    name : str
    """

    collateral: np.ndarray
    debt: np.ndarray
    threshold: float
    bonus: float
    name: str = "market"

    def __post_init__(self):
        coll = v.real_array("collateral", self.collateral, low=0.0, low_open=True, high=1e12)
        debt = v.real_array("debt", self.debt, low=0.0, high=1e15)
        if coll.ndim != 1 or coll.shape != debt.shape:
            raise ValueError(f"collateral and debt must be 1-D of one length, got {coll.shape} and {debt.shape}")
        object.__setattr__(self, "collateral", coll)
        object.__setattr__(self, "debt", debt)
        object.__setattr__(self, "threshold", v.real("threshold", self.threshold, low=0.0, high=1.0,
                                                     low_open=True, high_open=True))
        object.__setattr__(self, "bonus", v.real("bonus", self.bonus, low=1.0, high=1.5))
        if not isinstance(self.name, str):
            raise TypeError(f"name must be a string, got {type(self.name).__name__}")

    @classmethod
    def synthetic(cls, n: int, threshold: float, bonus: float, price: float = 2000.0, seed: int = 0,
                  name: str = "market", usage: tuple[float, float] = (0.5, 0.97)) -> "LendingMarket":
        """``n`` borrowers who each use a share of their borrowing power, drawn uniformly from ``usage``.

        Debt = collateral x price x threshold x usage, so a market with a higher threshold
        lends more against the same collateral (borrowers keep the same health factors,
        1/usage). Collateral sizes are log-normal around 10 units. Seeded; synthetic.
        """
        n = v.integer("n", n, low=1, high=1_000_000)
        price = v.real("price", price, low=0.0, low_open=True, high=1e12)
        seed = v.integer("seed", seed, low=0)
        lo, hi = (v.real("usage", u, low=0.0, high=1.0, low_open=True, high_open=True) for u in usage)
        if not lo < hi:
            raise ValueError(f"usage must be (low, high) with low < high, got {usage!r}")
        threshold = v.real("threshold", threshold, low=0.0, high=1.0, low_open=True, high_open=True)
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


def shared_collateral_crash(markets, pool: Market, shock: float, max_waves: int = 200) -> CrashOutcome:
    """A price shock on a collateral shared by several lending markets that sell into one pool.

    The shock sells ``shock`` units into ``pool``. Then, wave by wave: in every market,
    each borrower with ``collateral x price x LT < debt`` is liquidated under Aave
    v3.0.x terms (close factor 50%, or 100% when HF < 0.95; the liquidator repays that
    debt and seizes repaid x bonus / price of collateral, or all of it if that is
    less, repaying only collateral x price / bonus); liquidators sell every seized
    unit into the pool at once. A borrower left with no collateral and some debt
    leaves that debt to the market's lenders (bad debt). Stops when a wave
    liquidates nobody (or after ``max_waves``).

    >>> pool = Market.from_depth(2000.0, 50e6)
    >>> a = LendingMarket.synthetic(500, 0.80, 1.05, seed=1, name="A")
    >>> out = shared_collateral_crash([a], pool, shock=1500.0)
    >>> out.liquidated["A"] > 0, out.final_price < 2000
    (True, True)
    """
    if isinstance(markets, LendingMarket):
        markets = [markets]
    markets = list(markets) if isinstance(markets, (list, tuple)) else None
    if not markets or not all(isinstance(m, LendingMarket) for m in markets):
        raise TypeError("markets must be a LendingMarket or a non-empty list of them")
    names = [m.name for m in markets]
    if len(set(names)) != len(names):
        raise ValueError(f"markets must have distinct names, got {names}")
    if not isinstance(pool, Market):
        raise TypeError(f"pool must be a Market, got {type(pool).__name__}")
    shock = v.real("shock", shock, low=0.0, high=1e15)
    max_waves = v.integer("max_waves", max_waves, low=1, high=100_000)
    coll = {m.name: m.collateral.copy() for m in markets}
    debt = {m.name: m.debt.copy() for m in markets}
    ever = {m.name: np.zeros(m.collateral.size, bool) for m in markets}
    repaid = {m.name: 0.0 for m in markets}
    seized = {m.name: 0.0 for m in markets}
    bad = {m.name: 0.0 for m in markets}
    penalty = {m.name: 0.0 for m in markets}
    pool = pool.sell(shock)
    prices = [pool.price]
    waves = 0
    for _ in range(max_waves):
        p = pool.price
        sold = 0.0
        for m in markets:
            c, d = coll[m.name], debt[m.name]
            live = d > 0
            hf = np.where(live, c * p * m.threshold / np.where(live, d, 1.0), np.inf)
            hit = hf < 1.0
            if not hit.any():
                continue
            close = np.where(hf[hit] < 0.95, 1.0, 0.5)
            cover = close * d[hit]
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
        pool = pool.sell(sold)
        prices.append(pool.price)
    return CrashOutcome(np.array(prices), repaid, seized, bad, penalty, {k: int(e.sum()) for k, e in ever.items()}, waves)
