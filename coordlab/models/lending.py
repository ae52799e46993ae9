"""Lending-market parameters as coordination devices: rate curves, health factor, liquidation terms, throttles,
backstops.

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
  ``GenericLogic`` and ``LiquidationLogic`` (close factor 50% while HF > 0.95, 100% at or
  below 0.95; collateral seized = debt x bonus, a protocol fee taken from the bonus), as in
  aave-v3-core v1.19.0 (July 2023). :func:`aave_liquidation` computes the health factor
  from the amounts and the liquidation threshold, as ``GenericLogic`` does, and returns an
  :class:`AaveLiquidation` with the close factor it applied.
- :func:`aave_liquidation_v33`: the same call under Aave v3.3's rules (aave-dao/aave-v3-origin,
  tag v3.3.0, February 2025): the 50% close factor only while HF > 0.95 *and* the position's
  collateral and debt in the reserves liquidated are both worth at least $2,000
  (``MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD``), and then on half the whole position's debt; a
  partial liquidation must leave at least $1,000 of both (``MIN_LEFTOVER_BASE``, or it
  reverts with ``MUST_NOT_LEAVE_DUST``); debt left on an account with no collateral is
  burned into the reserve's ``deficit``. Returns an :class:`AaveLiquidation`.
- :func:`morpho_lif`: Morpho Blue's liquidation incentive, tied to the market's LLTV:
  ``min(1.15, 1 / (1 - 0.3 (1 - LLTV)))`` (``ConstantsLib``, ``Morpho.liquidate``).
- :func:`maker_bark`: Maker's Liquidations 2.0 throttle (``dog.sol`` ``bark``): the
  debt sent to auction is capped by the room left under the global ``Hole`` and the
  collateral type's ``hole``, with the dust rule; and the keeper's reward
  ``tip + tab x chip`` (``clip.sol`` ``kick``). Returns a :class:`Bark`.
- :func:`auto_deleverage`: a perpetuals venue's backstop as BitMEX documents it: the
  insurance fund pays first; then auto-deleveraging (ADL) closes opposing positions, ranked
  by PnL percentage x effective leverage, at the bankrupt position's bankruptcy price.
  Returns a :class:`Deleveraging`. (:func:`cover_deficit` is the course's earlier,
  stylised proxy: profit x leverage, taking profit itself; kept for comparison; it returns a
  :class:`DeficitCover`.)
- :func:`shared_collateral_crash`: the course's sandbox. Two lending markets share a
  collateral asset and one pool; one changes its liquidation threshold or bonus; a
  price shock runs liquidations wave by wave in both (Aave v3.0's close factor, or v3.3's with
  ``rules="v3.3"``; :func:`close_factor` is the float rule it applies), every seized unit is
  sold into the shared pool, and the output says who ends up with the bad debt.

Sources
-------
- aave/aave-v3-core (v1.19.0, commit 110cf9d, 4 July 2023):
  ``contracts/protocol/pool/DefaultReserveInterestRateStrategy.sol``,
  ``contracts/protocol/libraries/logic/{GenericLogic,LiquidationLogic}.sol``,
  ``contracts/protocol/libraries/math/{WadRayMath,PercentageMath}.sol``; the rate
  checks of ``test-suites/rate-strategy.spec.ts``.
- compound-finance/compound-protocol: ``contracts/BaseJumpRateModelV2.sol``.
- morpho-org/morpho-blue: ``src/libraries/ConstantsLib.sol`` (``LIQUIDATION_CURSOR = 0.3e18``,
  ``MAX_LIQUIDATION_INCENTIVE_FACTOR = 1.15e18``), ``src/Morpho.sol``.
- makerdao/dss: ``src/dog.sol`` (``bark``), ``src/clip.sol`` (``kick``); MIP45.
- aave-dao/aave-v3-origin, tag v3.3.0 (commit 5431379, 24 February 2025):
  ``src/contracts/protocol/libraries/logic/LiquidationLogic.sol`` (``executeLiquidationCall``,
  ``_burnDebtTokens``, ``_calculateAvailableCollateralToLiquidate``) and
  ``docs/3.3/Aave-v3.3-features.md``.
- BitMEX, "What is Auto-Deleveraging?" (support.bitmex.com; ranking = PnL percentage x
  effective leverage, positions closed at the bankruptcy price of the liquidated order);
  Hyperliquid Docs, "Auto-deleveraging".

This module follows the API conventions of issue 17 for its results: every public function
returns a number, an array or a frozen dataclass (:class:`AaveLiquidation`, :class:`Bark`,
:class:`DeficitCover`, :class:`Deleveraging`, :class:`CrashOutcome`), never a dict. The
contract functions keep the contracts' integer units (WAD, RAY, RAD, basis points), named in
their parameters (``*_bps``); :func:`close_factor` is the float form of the close factor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coordlab import _validate as v
from coordlab.models.cascade import SHOCK, Market

__all__ = [
    "WAD",
    "RAY",
    "PERCENTAGE_FACTOR",
    "ray_mul",
    "ray_div",
    "percent_mul",
    "percent_div",
    "aave_rates",
    "compound_rates",
    "health_factor",
    "aave_close_factor",
    "aave_liquidation",
    "morpho_lif",
    "maker_bark",
    "keeper_incentive",
    "cover_deficit",
    "LendingMarket",
    "CrashOutcome",
    "shared_collateral_crash",
    "AaveLiquidation",
    "aave_liquidation_v33",
    "Deleveraging",
    "auto_deleverage",
    "Bark",
    "DeficitCover",
    "close_factor",
]

WAD, RAY, PERCENTAGE_FACTOR = 10**18, 10**27, 10**4
_UINT = 2**256 - 1
BLOCKS_PER_YEAR = 2_102_400  # Compound v2, BaseJumpRateModelV2
CLOSE_FACTOR_HF_THRESHOLD = 95 * 10**16  # Aave v3.0.x LiquidationLogic (0.95e18)
DEFAULT_LIQUIDATION_CLOSE_FACTOR = 5000  # 50%
MAX_LIQUIDATION_CLOSE_FACTOR = 10_000  # 100%
MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2000 * 10**8  # Aave v3.3 LiquidationLogic: $2,000 in the base currency
MIN_LEFTOVER_BASE = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD // 2  # $1,000
LIQUIDATION_CURSOR = 3 * 10**17  # Morpho Blue ConstantsLib
MAX_LIQUIDATION_INCENTIVE_FACTOR = 115 * 10**16


# The contracts' integers: every amount, rate and price is an unsigned 256-bit integer (a ``uint256``,
# ``UINT``), some of them non-zero (``UINT_POS``); percentages are basis points of 1e4 (``BPS``).
UINT = v.Integer(0, _UINT)
UINT_POS = v.Integer(1, _UINT)
BPS = v.Integer(0, PERCENTAGE_FACTOR)
DECIMALS = v.Integer(0, 36)


@v.params(a=UINT, b=UINT)
def ray_mul(a: int, b: int) -> int:
    """``WadRayMath.rayMul``: ``(a b + RAY/2) // RAY``; ``a``, ``b`` are uint256 (0 to 2**256 - 1).

    >>> ray_mul(3 * RAY // 2, 2 * RAY) == 3 * RAY
    True
    """
    return _ray_mul(a, b)


def _ray_mul(a: int, b: int) -> int:
    return (a * b + RAY // 2) // RAY


@v.params(a=UINT, b=UINT_POS)
def ray_div(a: int, b: int) -> int:
    """``WadRayMath.rayDiv``: ``(a RAY + b/2) // b``; ``a`` a uint256, ``b`` a non-zero one.

    >>> ray_div(1, 3) == (RAY + 1) // 3
    True
    """
    return _ray_div(a, b)


def _ray_div(a: int, b: int) -> int:
    return (a * RAY + b // 2) // b


@v.params(value=UINT, percentage=UINT)
def percent_mul(value: int, percentage: int) -> int:
    """``PercentageMath.percentMul``: ``(value pct + 0.5e4) // 1e4`` (percentages in bps of 1e4; both uint256).

    >>> percent_mul(1000, 8000)
    800
    """
    return _percent_mul(value, percentage)


def _percent_mul(value: int, percentage: int) -> int:
    return (value * percentage + PERCENTAGE_FACTOR // 2) // PERCENTAGE_FACTOR


@v.params(value=UINT, percentage=UINT_POS)
def percent_div(value: int, percentage: int) -> int:
    """``PercentageMath.percentDiv``: ``(value 1e4 + pct/2) // pct`` (``value`` a uint256, ``percentage`` a non-zero
    one).

    >>> percent_div(1050, 10500)
    1000
    """
    return _percent_div(value, percentage)


def _percent_div(value: int, percentage: int) -> int:
    return (value * PERCENTAGE_FACTOR + percentage // 2) // percentage


@v.params(
    available=UINT, debt=UINT, optimal=v.Integer(1, RAY - 1), base=UINT, slope1=UINT, slope2=UINT, reserve_factor=BPS
)
def aave_rates(
    available: int, debt: int, optimal: int, base: int, slope1: int, slope2: int, reserve_factor: int
) -> tuple[int, int]:
    """Aave v3 liquidity (supply) rate and variable borrow rate, in RAY, exactly as the strategy computes them.

    Parameters
    ----------
    available, debt : int
        Liquidity available in the aToken and total variable debt (token units, uint256).
    optimal : int
        ``OPTIMAL_USAGE_RATIO`` in RAY, in (0, RAY).
    base, slope1, slope2 : int
        ``baseVariableBorrowRate``, ``variableRateSlope1``, ``variableRateSlope2`` in RAY (uint256).
    reserve_factor : int
        In basis points of 1e4 (1000 = 10%), in [0, 1e4].

    >>> liquidity, borrow = aave_rates(2 * 10**17, 8 * 10**17, 8 * RAY // 10, 0, 4 * RAY // 100, 75 * RAY // 100, 1000)
    >>> borrow == 4 * RAY // 100          # at U = U*: base + slope1
    True
    """
    if available + debt > _UINT:
        raise ValueError(f"available + debt must fit in a uint256 (at most 2**256 - 1), got {available + debt}")
    borrow = base
    usage = 0
    if debt != 0:
        usage = _ray_div(debt, available + debt)  # borrowUsageRatio = supplyUsageRatio (no unbacked)
    if usage > optimal:
        excess = _ray_div(usage - optimal, RAY - optimal)  # MAX_EXCESS_USAGE_RATIO = RAY - OPTIMAL
        borrow += slope1 + _ray_mul(slope2, excess)
    else:
        borrow += _ray_div(_ray_mul(slope1, usage), optimal)
    overall = 0
    if debt != 0:  # _getOverallBorrowRate with no stable debt
        overall = _ray_div(_ray_mul(debt * 10**9, borrow), debt * 10**9)
    liquidity = _percent_mul(_ray_mul(overall, usage), PERCENTAGE_FACTOR - reserve_factor)
    return liquidity, borrow


@v.params(
    cash=UINT,
    borrows=UINT,
    reserves=UINT,
    base_per_year=UINT,
    multiplier_per_year=UINT,
    jump_per_year=UINT,
    kink=v.Integer(1, WAD),
    reserve_factor=v.Integer(0, WAD),
)
def compound_rates(
    cash: int,
    borrows: int,
    reserves: int,
    base_per_year: int,
    multiplier_per_year: int,
    jump_per_year: int,
    kink: int,
    reserve_factor: int,
) -> tuple[int, int, int]:
    """Compound v2 JumpRateModelV2: ``(utilization, borrowRatePerBlock, supplyRatePerBlock)``, mantissas of 1e18.

    ``reserve_factor`` and ``kink`` are mantissas of 1e18 (kink in (0, 1e18], reserve_factor in
    [0, 1e18]); the others are uint256.

    >>> u, b, s = compound_rates(cash=20 * WAD, borrows=80 * WAD, reserves=0, base_per_year=0,
    ...                          multiplier_per_year=4 * 10**16, jump_per_year=109 * 10**16, kink=8 * 10**17,
    ...                          reserve_factor=10**17)
    >>> u == 8 * 10**17, round(b * BLOCKS_PER_YEAR / WAD, 4)      # at the kink: the multiplier per year
    (True, 0.04)
    """
    if borrows and cash + borrows <= reserves:
        raise ValueError(
            f"reserves must be below cash + borrows, got reserves={reserves}, cash + borrows={cash + borrows}"
        )
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


@v.params(collateral_base=v.IntegerList(UINT), thresholds_bps=v.IntegerList(BPS), debt_base=UINT)
def health_factor(collateral_base, thresholds_bps, debt_base) -> int:
    """Aave v3 health factor in WAD: ``totalCollateral.percentMul(avgLT).wadDiv(totalDebt)``.

    Parameters
    ----------
    collateral_base : list of int
        Each collateral's value in the base currency (8 decimals, as the oracle reports), uint256;
        a non-empty list, tuple or 1-D array.
    thresholds_bps : list of int
        Each collateral's liquidation threshold in bps (8250 = 82.5%), in [0, 1e4]; one per collateral.
    debt_base : int
        Total debt in the base currency (uint256); 0 gives the maximum uint (no debt, never liquidatable).

    >>> health_factor([1000 * 10**8], [8000], 800 * 10**8) == WAD      # 1000 x 80% / 800
    True
    """
    coll, lts = collateral_base, thresholds_bps
    if len(coll) != len(lts):
        raise ValueError(f"collateral_base and thresholds_bps must have one length, got {len(coll)} and {len(lts)}")
    debt = debt_base
    return _health_factor(coll, lts, debt)


def _health_factor(coll: list, lts: list, debt: int) -> int:
    """``GenericLogic``'s health factor on checked integers (the maximum uint with no debt)."""
    if debt == 0:
        return _UINT
    total = sum(coll)
    avg_lt = sum(c * t for c, t in zip(coll, lts)) // total if total else 0
    adjusted = _percent_mul(total, avg_lt)
    return (adjusted * WAD + debt // 2) // debt  # WadRayMath.wadDiv


@v.params(hf=UINT)
def aave_close_factor(hf: int) -> int:
    """Aave v3.0.x close factor in bps: 5000 (half the debt) while HF > 0.95, 10 000 at or below (v3.3 changed this
    rule).

    ``hf`` is the health factor in WAD (a uint256).

    >>> aave_close_factor(99 * 10**16), aave_close_factor(94 * 10**16)
    (5000, 10000)
    """
    return DEFAULT_LIQUIDATION_CLOSE_FACTOR if hf > CLOSE_FACTOR_HF_THRESHOLD else MAX_LIQUIDATION_CLOSE_FACTOR


@dataclass(frozen=True)
class AaveLiquidation:
    """Result of :func:`aave_liquidation` (v3.0) and :func:`aave_liquidation_v33`: one ``liquidationCall``
    (integers).

    Attributes
    ----------
    debt_repaid : int
        Debt the liquidator repays (debt token units): ``actualDebtToLiquidate``.
    collateral_to_liquidator : int
        Collateral the liquidator receives, the protocol fee taken out (collateral token units).
    protocol_fee : int
        Collateral sent to the treasury: ``liquidationProtocolFee`` x the bonus part of the seizure.
    collateral_seized : int
        All collateral taken from the borrower: ``collateral_to_liquidator + protocol_fee``.
    deficit : int
        Debt burned into the reserve's ``deficit`` because the account has no collateral left
        (debt token units; 0 when collateral remains or the debt is cleared; always 0 under
        v3.0, which leaves that debt on the account).
    max_debt : int
        The most this call could repay (debt token units): the close factor applied to the debt
        (v3.3: the whole reserve debt, or half the position's debt in this reserve's units).
    close_factor_bps : int
        The close factor the call applied, in basis points: 5000 (half) or 10000 (all).
    health_factor : int
        The position's health factor before the call, in WAD (1e18 = 1), from the amounts.
    """

    debt_repaid: int
    collateral_to_liquidator: int
    protocol_fee: int
    collateral_seized: int
    deficit: int
    max_debt: int
    close_factor_bps: int
    health_factor: int


@v.params(
    debt_to_cover=UINT,
    user_debt=UINT_POS,
    user_collateral=UINT,
    threshold_bps=BPS,
    collateral_price=UINT_POS,
    debt_price=UINT_POS,
    collateral_decimals=DECIMALS,
    debt_decimals=DECIMALS,
    bonus_bps=v.Integer(PERCENTAGE_FACTOR, 2 * PERCENTAGE_FACTOR),
    protocol_fee_bps=BPS,
)
def aave_liquidation(
    debt_to_cover: int,
    user_debt: int,
    user_collateral: int,
    threshold_bps: int,
    collateral_price: int,
    debt_price: int,
    collateral_decimals: int,
    debt_decimals: int,
    bonus_bps: int,
    protocol_fee_bps: int = 0,
) -> AaveLiquidation:
    """One Aave v3.0.x ``liquidationCall``: debt repaid, collateral to the liquidator, the protocol's fee.

    A position with one collateral and one debt reserve. Follows ``LiquidationLogic``:

    - the health factor is computed from the amounts, as ``GenericLogic`` does:
      ``HF = (collateral value x threshold) / debt value`` in the oracle's base currency
      (:func:`health_factor`); at or above 1 the call reverts (``HEALTH_FACTOR_NOT_BELOW_THRESHOLD``),
      raised here as ``ValueError``;
    - the close factor caps the repayment (``userDebt.percentMul(closeFactor)``): 50% while
      HF > 0.95, 100% at or below it (:func:`aave_close_factor`);
    - ``baseCollateral = debtPrice x debt x collUnit / (collPrice x debtUnit)``, times the bonus
      (e.g. 10500 = 105%); if that exceeds the user's collateral, all of it is taken and the
      debt repaid is scaled back (``percentDiv(bonus)``); the protocol fee is a share of the
      bonus part.

    Amounts and prices are uint256 (``user_debt`` and the prices non-zero), ``threshold_bps``
    (the collateral's liquidation threshold) in [0, 1e4], decimals in [0, 36], ``bonus_bps`` in
    [1e4, 2e4] and ``protocol_fee_bps`` in [0, 1e4]. Under v3.0 debt left on an account with no
    collateral stays there: the result's ``deficit`` is always 0.

    >>> r = aave_liquidation(debt_to_cover=10**30, user_debt=1000 * 10**6, user_collateral=10**18, threshold_bps=8000,
    ...                      collateral_price=1000 * 10**8, debt_price=10**8, collateral_decimals=18, debt_decimals=6,
    ...                      bonus_bps=10500)
    >>> r.health_factor == 8 * 10**17, r.close_factor_bps, r.collateral_seized == 10**18, r.debt_repaid
    (True, 10000, True, 952380952)
    """
    cdec, ddec, bonus, fee_bps = collateral_decimals, debt_decimals, bonus_bps, protocol_fee_bps
    cunit, dunit = 10**cdec, 10**ddec
    hf = _health_factor([user_collateral * collateral_price // cunit], [threshold_bps], user_debt * debt_price // dunit)
    if hf >= WAD:
        raise ValueError(
            f"threshold_bps={threshold_bps} gives the position a health factor of {hf / WAD:.6g} "
            f"(collateral worth {user_collateral * collateral_price // cunit / 1e8:,.2f} USD against "
            f"{user_debt * debt_price // dunit / 1e8:,.2f} USD of debt): it must be below 1 to liquidate "
            f"(HEALTH_FACTOR_NOT_BELOW_THRESHOLD)"
        )
    close = DEFAULT_LIQUIDATION_CLOSE_FACTOR if hf > CLOSE_FACTOR_HF_THRESHOLD else MAX_LIQUIDATION_CLOSE_FACTOR
    max_debt = _percent_mul(user_debt, close)
    actual = min(debt_to_cover, max_debt)
    base_collateral = debt_price * actual * cunit // (collateral_price * dunit)
    max_collateral = _percent_mul(base_collateral, bonus)
    if max_collateral > user_collateral:
        collateral = user_collateral
        needed = _percent_div(collateral_price * collateral * dunit // (debt_price * cunit), bonus)
    else:
        collateral, needed = max_collateral, actual
    fee = 0
    if fee_bps:
        bonus_collateral = collateral - _percent_div(collateral, bonus)
        fee = _percent_mul(bonus_collateral, fee_bps)
    return AaveLiquidation(
        debt_repaid=needed,
        collateral_to_liquidator=collateral - fee,
        protocol_fee=fee,
        collateral_seized=collateral,
        deficit=0,
        max_debt=max_debt,
        close_factor_bps=close,
        health_factor=hf,
    )


@v.params(
    debt_to_cover=UINT,
    user_debt=UINT_POS,
    user_collateral=UINT_POS,
    threshold_bps=BPS,
    collateral_price=UINT_POS,
    debt_price=UINT_POS,
    collateral_decimals=DECIMALS,
    debt_decimals=DECIMALS,
    bonus_bps=v.Integer(PERCENTAGE_FACTOR, 2 * PERCENTAGE_FACTOR),
    protocol_fee_bps=BPS,
    total_collateral_base=v.Optional(UINT),
    total_debt_base=v.Optional(UINT),
)
def aave_liquidation_v33(
    debt_to_cover: int,
    user_debt: int,
    user_collateral: int,
    threshold_bps: int,
    collateral_price: int,
    debt_price: int,
    collateral_decimals: int,
    debt_decimals: int,
    bonus_bps: int,
    protocol_fee_bps: int = 0,
    *,
    total_collateral_base: int | None = None,
    total_debt_base: int | None = None,
) -> AaveLiquidation:
    """One Aave v3.3 ``liquidationCall``, in the contract's integers (aave-v3-origin v3.3.0 ``LiquidationLogic``).

    The same arguments as :func:`aave_liquidation` (v3.0), plus the whole position's collateral
    and debt in the base currency (8 decimals, USD), which default to this reserve's (a position
    with one collateral and one debt). What v3.3 changed:

    - **Close factor**: the whole reserve debt may be repaid, unless the reserve's collateral and
      debt are both worth at least ``MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD`` ($2,000) *and* HF > 0.95;
      then at most half the *position's* total debt (``totalDebtInBaseCurrency.percentMul(0.5e4)``,
      converted to this reserve's units), and only if this reserve's debt exceeds that half.
    - **No dust**: a call that clears neither the reserve debt nor the collateral must leave at
      least ``MIN_LEFTOVER_BASE`` ($1,000) of each, or it reverts (``MUST_NOT_LEAVE_DUST``): raised
      here as ``ValueError`` naming ``debt_to_cover``.
    - **Deficit**: when the seizure takes all the position's collateral, the debt that remains is
      burned and added to the reserve's ``deficit`` (``DeficitCreated``), to be covered by the
      Umbrella contract (``eliminateReserveDeficit``), instead of staying on the account.

    The health factor is computed from the amounts, as ``GenericLogic`` does:
    ``total collateral x threshold / total debt`` in the base currency, where ``threshold_bps``
    is the position's liquidation threshold (for several collaterals, their value-weighted
    average, ``avgLiquidationThreshold``); at or above 1 the call reverts
    (``HEALTH_FACTOR_NOT_BELOW_THRESHOLD``), raised as ``ValueError``.

    Prices are the oracle's (8 decimals), amounts in token units, ``threshold_bps`` in [0, 1e4],
    ``bonus_bps`` in [1e4, 2e4], ``protocol_fee_bps`` in [0, 1e4] (a share of the bonus part).
    Not modelled: the oracle sentinel, eMode bonuses, other debt reserves burned with the deficit.

    >>> r = aave_liquidation_v33(debt_to_cover=10**30, user_debt=1000 * 10**6, user_collateral=10**18,
    ...                          threshold_bps=8000, collateral_price=1000 * 10**8, debt_price=10**8,
    ...                          collateral_decimals=18, debt_decimals=6, bonus_bps=10500)
    >>> r.debt_repaid, r.deficit, r.close_factor_bps   # 1000 USD of ETH / 1.05 repaid, the rest burned into the deficit
    (952380952, 47619048, 10000)
    """
    cunit, dunit = 10**collateral_decimals, 10**debt_decimals
    debt_base = user_debt * debt_price // dunit
    coll_base = user_collateral * collateral_price // cunit
    total_debt = debt_base if total_debt_base is None else total_debt_base
    total_coll = coll_base if total_collateral_base is None else total_collateral_base
    if total_debt < debt_base or total_coll < coll_base:
        raise ValueError(
            f"total_debt_base and total_collateral_base must include this reserve's debt ({debt_base}) "
            f"and collateral ({coll_base}) in the base currency, got {total_debt} and {total_coll}"
        )
    hf = _health_factor([total_coll], [threshold_bps], total_debt)
    if hf >= WAD:
        raise ValueError(
            f"threshold_bps={threshold_bps} gives the position a health factor of {hf / WAD:.6g} "
            f"(collateral worth {total_coll / 1e8:,.2f} USD against {total_debt / 1e8:,.2f} USD of debt): "
            f"it must be below 1 to liquidate (HEALTH_FACTOR_NOT_BELOW_THRESHOLD)"
        )
    max_debt = user_debt
    close = MAX_LIQUIDATION_CLOSE_FACTOR
    if (
        coll_base >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD
        and debt_base >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD
        and hf > CLOSE_FACTOR_HF_THRESHOLD
    ):
        close = DEFAULT_LIQUIDATION_CLOSE_FACTOR
        half = _percent_mul(total_debt, DEFAULT_LIQUIDATION_CLOSE_FACTOR)
        if debt_base > half:
            max_debt = half * dunit // debt_price
    actual = min(debt_to_cover, max_debt)
    base_collateral = debt_price * actual * cunit // (collateral_price * dunit)
    max_collateral = _percent_mul(base_collateral, bonus_bps)
    if max_collateral > user_collateral:
        collateral = user_collateral
        actual = _percent_div(collateral_price * collateral * dunit // (debt_price * cunit), bonus_bps)
    else:
        collateral = max_collateral
    seized_base = collateral * collateral_price // cunit
    fee = 0
    if protocol_fee_bps:
        fee = _percent_mul(collateral - _percent_div(collateral, bonus_bps), protocol_fee_bps)
    if actual < user_debt and collateral < user_collateral:
        debt_left = (user_debt - actual) * debt_price // dunit
        coll_left = (user_collateral - collateral) * collateral_price // cunit
        if debt_left < MIN_LEFTOVER_BASE or coll_left < MIN_LEFTOVER_BASE:
            raise ValueError(
                f"debt_to_cover={debt_to_cover} would leave {debt_left / 1e8:,.2f} USD of debt and "
                f"{coll_left / 1e8:,.2f} USD of collateral: Aave v3.3 reverts (MUST_NOT_LEAVE_DUST) unless "
                f"both stay at least 1,000 USD or one of them is cleared"
            )
    no_collateral_left = total_coll == seized_base
    deficit = user_debt - actual if no_collateral_left else 0
    return AaveLiquidation(
        debt_repaid=actual,
        collateral_to_liquidator=collateral - fee,
        protocol_fee=fee,
        collateral_seized=collateral,
        deficit=deficit,
        max_debt=max_debt,
        close_factor_bps=close,
        health_factor=hf,
    )


@v.params(lltv=v.Integer(0, WAD - 1))
def morpho_lif(lltv: int) -> int:
    """Morpho Blue's liquidation incentive factor (WAD) for a market's LLTV (WAD).

    ``min(MAX_LIQUIDATION_INCENTIVE_FACTOR, WAD.wDivDown(WAD - LIQUIDATION_CURSOR.wMulDown(WAD - lltv)))``,
    with ``lltv`` in [0, 1e18).

    >>> morpho_lif(86 * 10**16)          # LLTV 86%: 1 / (1 - 0.3 x 0.14) = 1.0438...
    1043841336116910229
    """
    return min(MAX_LIQUIDATION_INCENTIVE_FACTOR, WAD * WAD // (WAD - LIQUIDATION_CURSOR * (WAD - lltv) // WAD))


@dataclass(frozen=True)
class Bark:
    """Result of :func:`maker_bark`: what ``Dog.bark`` sends to auction (dss units, integers).

    Attributes
    ----------
    dart : int
        Normalised debt taken from the vault [wad] (``art`` units; times ``rate`` it is DAI [rad]).
    tab : int
        DAI the auction must raise, debt plus penalty: ``dart x rate x chop`` [rad].
    partial : bool
        Whether the vault keeps some debt (``dart < art``).
    """

    dart: int
    tab: int
    partial: bool


@dataclass(frozen=True)
class DeficitCover:
    """Result of :func:`cover_deficit` (USD), the stylised proxy backstop.

    Attributes
    ----------
    from_fund : float
        USD the insurance fund pays.
    fund_left : float
        USD left in the fund.
    adl : ndarray
        USD of profit taken from each opposite position (input order).
    adl_total : float
        ``adl.sum()``.
    uncovered : float
        USD of deficit left when the profits run out.
    """

    from_fund: float
    fund_left: float
    adl: np.ndarray
    adl_total: float
    uncovered: float


@v.params(
    art=UINT_POS, rate=UINT_POS, chop=v.Integer(WAD, _UINT), Hole=UINT, Dirt=UINT, hole=UINT, dirt=UINT, dust=UINT
)
def maker_bark(art: int, rate: int, chop: int, Hole: int, Dirt: int, hole: int, dirt: int, dust: int) -> Bark:
    """How much of a vault's debt Maker's ``Dog.bark`` sends to auction, given the throttles.

    Units as in dss: ``art`` [wad] normalised debt, ``rate`` [ray], ``chop`` [wad]
    penalty (1.13e18 = 13%), ``Hole``/``Dirt``/``hole``/``dirt``/``dust`` [rad]; all uint256,
    ``art`` and ``rate`` non-zero, ``chop`` at least 1e18.
    Raises ``ValueError`` where ``bark`` reverts ("liquidation-limit-hit", "dusty auction").

    Returns a :class:`Bark`: ``dart`` (normalised debt taken), ``tab`` (DAI to raise, debt
    plus penalty, [rad]) and ``partial`` (whether the vault keeps some debt).

    >>> RAD = 10**45
    >>> r = maker_bark(art=100 * WAD, rate=RAY, chop=113 * 10**16, Hole=10**6 * RAD, Dirt=0, hole=50 * RAD,
    ...                dirt=0, dust=5 * RAD)
    >>> r.dart == 50 * WAD * 100 // 113, r.partial      # the ilk's 50 DAI of room caps it
    (True, True)
    """
    if not (Hole > Dirt and hole > dirt):
        raise ValueError(
            "Dog/liquidation-limit-hit: no room left under Hole or the ilk's hole (Dirt >= Hole or dirt >= hole)"
        )
    room = min(Hole - Dirt, hole - dirt)
    dart = min(art, room * WAD // rate // chop)
    if art > dart:
        if (art - dart) * rate < dust:
            dart = art  # a dusty leftover: liquidate the whole vault
        elif dart * rate < dust:
            raise ValueError(
                "Dog/dusty-auction-from-partial-liquidation: the room under Hole and hole allows only "
                "an auction below dust"
            )
    if dart == 0:
        raise ValueError(
            f"Dog/null-auction: nothing to liquidate: the room under Hole and hole ({room} rad) buys "
            f"no debt at this rate and chop"
        )
    tab = dart * rate * chop // WAD
    return Bark(dart=dart, tab=tab, partial=dart < art)


@v.params(tab=UINT, tip=UINT, chip=v.Integer(0, WAD))
def keeper_incentive(tab: int, tip: int, chip: int) -> int:
    """Clipper ``kick`` reward to the keeper: ``tip + wmul(tab, chip)`` [rad] (``tab``, ``tip`` uint256, ``chip`` in
    [0,
    1e18]).

    >>> keeper_incentive(tab=10**6 * 10**45, tip=300 * 10**45, chip=10**15) == 1300 * 10**45   # 300 + 0.1% of 1 M
    True
    """
    return tip + (tab * chip + WAD // 2) // WAD  # DSMath wmul rounds half up


@v.params(
    deficit=v.Real(0.0, 1e15),
    insurance_fund=v.Real(0.0, 1e15),
    profits=v.RealArray(-1e15, 1e15, ndim=1),
    leverage=v.RealArray(1.0, 1e4, ndim=1),
)
def cover_deficit(deficit: float, insurance_fund: float, profits, leverage) -> DeficitCover:
    """A stylised backstop (no venue's rule): the insurance fund first, then winners give up profit.

    Opposite-side positions with unrealised profit are ranked by profit in USD x leverage
    and give up profit itself in that order until the deficit is covered. Venues do
    neither: BitMEX ranks by PnL *percentage* x *effective* leverage and closes positions
    at the bankrupt order's bankruptcy price (see :func:`auto_deleverage`). Kept to show
    how far the proxy is from the rule.

    Parameters
    ----------
    deficit, insurance_fund : float
        USD, in [0, 1e15].
    profits, leverage : array_like
        Unrealised profit (USD, in [-1e15, 1e15]) and leverage (in [1, 1e4]) of each opposite position (1-D).

    Returns
    -------
    DeficitCover
        ``from_fund``, ``fund_left``, ``adl`` (USD taken from each position, in input order),
        ``adl_total`` and ``uncovered`` (deficit left when profits run out).

    >>> r = cover_deficit(100.0, 30.0, [50.0, 40.0, -5.0], [10.0, 2.0, 5.0])
    >>> r.from_fund, r.adl.tolist(), r.uncovered
    (30.0, [50.0, 20.0, 0.0], 0.0)
    """
    fund = insurance_fund
    if profits.shape != leverage.shape:
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
    return DeficitCover(
        from_fund=from_fund,
        fund_left=fund - from_fund,
        adl=taken,
        adl_total=float(taken.sum()),
        uncovered=float(max(left, 0.0)),
    )


POSITIONS_MAX = 100_000


@dataclass(frozen=True)
class Deleveraging:
    """Result of :func:`auto_deleverage` (USD and units of the contract's asset).

    Attributes
    ----------
    ranking : ndarray
        Each opposing position's ADL score, PnL percentage x effective leverage (a loser's
        PnL percentage / effective leverage; ``-inf`` for a position with no equity or no size).
    from_fund : float
        USD the insurance fund pays (the price gap on the units it absorbs).
    fund_left : float
        USD left in the fund.
    closed : ndarray
        Units of each opposing position closed by ADL, at the bankruptcy price (input order).
    forgone : ndarray
        USD each gives up against closing at the mark: ``closed x (bankruptcy price - mark)``.
    realised : ndarray
        USD of profit each books on the units closed: ``closed x (entry - bankruptcy price)``.
    adl_total : float
        ``forgone.sum()``: the part of the deficit the winners carry.
    uncovered : float
        USD of deficit left when the opposing positions run out.
    """

    ranking: np.ndarray
    from_fund: float
    fund_left: float
    closed: np.ndarray
    forgone: np.ndarray
    realised: np.ndarray
    adl_total: float
    uncovered: float


@v.params(
    quantity=v.Real(0.0, 1e12),
    bankruptcy_price=v.Real(1e-6, 1e9),
    mark_price=v.Real(1e-6, 1e9),
    insurance_fund=v.Real(0.0, 1e15),
    sizes=v.RealArray(0.0, 1e12, ndim=1, max_size=POSITIONS_MAX),
    entry_prices=v.RealArray(1e-6, 1e9, ndim=1, max_size=POSITIONS_MAX),
    margins=v.RealArray(0.0, 1e15, ndim=1, max_size=POSITIONS_MAX),
)
def auto_deleverage(
    quantity: float, bankruptcy_price: float, mark_price: float, insurance_fund: float, sizes, entry_prices, margins
) -> Deleveraging:
    """Close a bankrupt long against the winning shorts, as BitMEX's auto-deleveraging (ADL) does.

    A liquidated long of ``quantity`` units could not be sold by the time the mark price fell
    to ``mark_price``, below its bankruptcy price (where its margin is exhausted): each unit
    sold at the mark loses ``bankruptcy_price - mark_price``. The insurance fund pays that gap
    on as many units as it can. The rest are closed against opposing shorts **at the
    bankruptcy price** of the liquidated order, in the order of BitMEX's ranking:

    ``PnL% x effective leverage`` (``PnL% / effective leverage`` for a loser), with
    ``PnL% = (entry - mark) / entry`` for a short and ``effective leverage = mark value /
    equity``, ``equity = margin + size x (entry - mark)``.

    A short closed this way buys back at the bankruptcy price instead of the mark: it gives up
    that gap on the units closed (and its position), not its profit, which it books at the
    bankruptcy price. ``sizes`` (units, in [0, 1e12]), ``entry_prices`` (USD, in [1e-6, 1e9])
    and ``margins`` (USD of collateral, in [0, 1e15]) describe the shorts, one entry each (at
    most 100,000). A bankruptcy price at or below the mark leaves nothing to cover.

    Simplifications: one contract, linear (USD-margined), isolated margin; the fund pays the
    gap per unit, where a venue's fund absorbs what its liquidation engine loses in the market.

    >>> r = auto_deleverage(100.0, 105.0, 100.0, 100.0, sizes=[50.0, 200.0], entry_prices=[110.0, 120.0],
    ...                     margins=[1100.0, 2400.0])
    >>> r.ranking.round(3).tolist()            # the second short ranks first: 1/6 x 3.125 against 1/11 x 3.125
    [0.284, 0.521]
    >>> r.from_fund, r.closed.tolist(), r.forgone.tolist()     # the fund covers 20 units; 80 are closed at 105
    (100.0, [0.0, 80.0], [0.0, 400.0])
    """
    n = sizes.size
    if entry_prices.shape != (n,) or margins.shape != (n,):
        raise ValueError(
            f"sizes, entry_prices and margins must be 1-D of one length, got {sizes.shape}, "
            f"{entry_prices.shape} and {margins.shape}"
        )
    gap = max(bankruptcy_price - mark_price, 0.0)
    deficit = quantity * gap
    from_fund = min(deficit, insurance_fund)
    pnl = (entry_prices - mark_price) / entry_prices
    equity = margins + sizes * (entry_prices - mark_price)
    live = (equity > 0) & (sizes > 0)
    leverage = np.where(live, sizes * mark_price / np.where(live, equity, 1.0), 1.0)
    ranking = np.where(live, np.where(pnl > 0, pnl * leverage, pnl / leverage), -np.inf)
    closed = np.zeros(n)
    left = (deficit - from_fund) / gap if gap > 0 else 0.0
    for i in np.argsort(-ranking, kind="stable"):
        if left <= 0 or not live[i]:
            break
        closed[i] = min(sizes[i], left)
        left -= closed[i]
    forgone = closed * gap
    return Deleveraging(
        ranking=ranking,
        from_fund=float(from_fund),
        fund_left=float(insurance_fund - from_fund),
        closed=closed,
        forgone=forgone,
        realised=closed * (entry_prices - bankruptcy_price),
        adl_total=float(forgone.sum()),
        uncovered=float(max(left, 0.0) * gap),
    )


# A market has at most a million borrowers (shared_collateral_crash runs about a second on a million in
# all); each posts at most 1e12 units and owes at most 1e15 USD.
BORROWERS_MAX = 1_000_000
THRESHOLD = v.Probability(low_open=True, high_open=True)
NAME_MAX = 100


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

    def __post_init__(self):
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
        price: float = 2000.0,
        seed: int = 0,
        name: str = "market",
        usage: tuple[float, float] = (0.5, 0.97),
    ) -> LendingMarket:
        """``n`` borrowers who each use a share of their borrowing power, drawn uniformly from ``usage``.

        Debt = collateral x price x threshold x usage, so a market with a higher threshold
        lends more against the same collateral (borrowers keep the same health factors,
        1/usage). Collateral sizes are log-normal around 10 units. Seeded; synthetic.

        ``n`` is in [1, 1 000 000], ``threshold`` in (0, 1), ``bonus`` in [1, 1.5], ``price`` in
        [1e-6, 1e9] USD (so every debt stays below the market's 1e15 USD) and ``usage`` a pair
        ``(low, high)`` with ``0 < low < high < 1``.

        >>> m = LendingMarket.synthetic(1000, 0.8, 1.05, seed=1)
        >>> hf = m.collateral * 2000.0 * m.threshold / m.debt      # 1 / usage
        >>> bool(hf.min() >= 1 / 0.97), bool(hf.max() <= 1 / 0.5)
        (True, True)
        """
        usage = np.asarray(usage, dtype=float)  # the default is a tuple
        if usage.shape != (2,) or not usage[0] < usage[1]:
            raise ValueError(f"usage must be (low, high) with low < high, got {usage.tolist()}")
        lo, hi = float(usage[0]), float(usage[1])
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


CLOSE_FACTOR_HF = 0.95  # CLOSE_FACTOR_HF_THRESHOLD as a float: 50% only above it
MIN_CLOSE_FACTOR_USD = 2000.0  # MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD in USD (v3.3)
MIN_LEFTOVER_USD = 1000.0  # MIN_LEFTOVER_BASE in USD (v3.3)


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
    pool=v.Instance(Market),
    shock=SHOCK,
    max_waves=v.Integer(1, 100_000),
    rules=v.Choice("v3.0", "v3.3"),
)
def shared_collateral_crash(
    markets, pool: Market, shock: float, max_waves: int = 200, rules: str = "v3.0"
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
    seen: set = set()
    for m in markets:
        if m.name in seen:
            raise ValueError(f"markets must have distinct names, got {m.name!r} more than once")
        seen.add(m.name)
    if sum(m.collateral.size for m in markets) > BORROWERS_MAX:
        raise ValueError(
            f"markets must hold at most {BORROWERS_MAX:,} borrowers in all, "
            f"got {sum(m.collateral.size for m in markets):,}"
        )
    coll = {m.name: m.collateral.copy() for m in markets}
    debt = {m.name: m.debt.copy() for m in markets}
    ever = {m.name: np.zeros(m.collateral.size, bool) for m in markets}
    repaid = {m.name: 0.0 for m in markets}
    seized = {m.name: 0.0 for m in markets}
    bad = {m.name: 0.0 for m in markets}
    penalty = {m.name: 0.0 for m in markets}
    # the pool's reserves after each sale (Market.sell's arithmetic, without its bounds: the liquidators'
    # sales may take it past the reserves a caller may build, and every price stays finite)
    g = 1.0 - pool.fee
    x, y = pool.x + shock, pool.x * pool.y / (pool.x + g * shock)
    prices = [y / x]
    waves = 0
    for _ in range(max_waves):
        p = y / x
        sold = 0.0
        for m in markets:
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
