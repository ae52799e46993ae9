"""Lending contracts' own arithmetic, to the last unit: Aave v3, Compound v2, Morpho Blue, Maker.

Each function follows the contract it names, in its integer fixed-point arithmetic (WAD = 1e18,
RAY = 1e27, RAD = 1e45, percentages in basis points of 1e4, Aave's ``WadRayMath`` /
``PercentageMath`` rounding half up), so its outputs match the chain's to the last unit; the unit of
each integer is in its name (``*_wad``, ``*_ray``, ``*_bps``, ``*_mantissa``). Where the course
computes with the same rule in its own units, a float form sits beside the contract form and calls it
(:func:`health_factor`, :func:`morpho_lif`); the float simulation that applies these rules to a book
of borrowers is :mod:`coordlab.models.lending`.

- :func:`aave_rates_ray`: Aave v3's ``DefaultReserveInterestRateStrategy.calculateInterestRates``
  (aave-v3-core v1.19, variable debt only: no stable debt, no unbacked aTokens). Below
  the optimal usage ratio ``U*`` the borrow rate rises with slope 1, above it with
  the steep slope 2: the kink that pulls liquidity back when a market is drained. Returns
  :class:`AaveRates`.
- :func:`compound_rates_mantissa`: Compound v2's ``BaseJumpRateModelV2`` (``blocksPerYear = 2102400``;
  ``multiplierPerBlock = multiplierPerYear * 1e18 / (blocksPerYear * kink)``, so the
  "multiplier" is the annual rate *at* the kink). Returns :class:`CompoundRates`.
- :func:`health_factor_wad`, :func:`aave_close_factor_bps`, :func:`aave_liquidation`: Aave v3.0.x
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
- :func:`morpho_lif_wad`: Morpho Blue's liquidation incentive, tied to the market's LLTV:
  ``min(1.15, 1 / (1 - 0.3 (1 - LLTV)))`` (``ConstantsLib``, ``Morpho.liquidate``).
- :func:`maker_bark`: Maker's Liquidations 2.0 throttle (``dog.sol`` ``bark``): the
  debt sent to auction is capped by the room left under the global ``Hole`` and the
  collateral type's ``hole``, with the dust rule; and the keeper's reward
  ``tip + tab x chip`` (``clip.sol`` ``kick``). Returns a :class:`Bark`.

Sources
-------
- aave/aave-v3-core (v1.19.0, commit 110cf9d, 4 July 2023):
  ``contracts/protocol/pool/DefaultReserveInterestRateStrategy.sol``,
  ``contracts/protocol/libraries/logic/{GenericLogic,LiquidationLogic,ValidationLogic}.sol``,
  ``contracts/protocol/libraries/math/{WadRayMath,PercentageMath}.sol``; the rate
  checks of ``test-suites/rate-strategy.spec.ts``.
- compound-finance/compound-protocol: ``contracts/BaseJumpRateModelV2.sol``, ``contracts/CToken.sol``
  (``reserveFactorMantissa``).
- morpho-org/morpho-blue: ``src/libraries/ConstantsLib.sol`` (``LIQUIDATION_CURSOR = 0.3e18``,
  ``MAX_LIQUIDATION_INCENTIVE_FACTOR = 1.15e18``), ``src/Morpho.sol``.
- makerdao/dss: ``src/dog.sol`` (``bark``), ``src/clip.sol`` (``kick``); MIP45.
- aave-dao/aave-v3-origin, tag v3.3.0 (commit 5431379, 24 February 2025):
  ``src/contracts/protocol/libraries/logic/LiquidationLogic.sol`` (``executeLiquidationCall``,
  ``_burnDebtTokens``, ``_calculateAvailableCollateralToLiquidate``) and
  ``docs/3.3/Aave-v3.3-features.md``.

Split out of ``lending`` in 0.9 (issue 17: one job per module); every result is a frozen dataclass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coordlab import _validate as v

__all__ = [
    "WAD",
    "RAY",
    "PERCENTAGE_FACTOR",
    "ray_mul",
    "ray_div",
    "percent_mul",
    "percent_div",
    "AaveRates",
    "aave_rates_ray",
    "CompoundRates",
    "compound_rates_mantissa",
    "health_factor_wad",
    "health_factor",
    "aave_close_factor_bps",
    "AaveLiquidation",
    "aave_liquidation",
    "aave_liquidation_v33",
    "morpho_lif_wad",
    "morpho_lif",
    "Bark",
    "maker_bark",
    "keeper_incentive",
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


@dataclass(frozen=True)
class AaveRates:
    """Result of :func:`aave_rates_ray`: Aave v3's two rates, per year, in RAY (1e27 = 100%).

    Attributes
    ----------
    liquidity_rate : int
        What suppliers earn (``currentLiquidityRate``).
    borrow_rate : int
        What variable-rate borrowers pay (``currentVariableBorrowRate``).
    """

    liquidity_rate: int
    borrow_rate: int


@dataclass(frozen=True)
class CompoundRates:
    """Result of :func:`compound_rates_mantissa`: mantissas of 1e18 (1e18 = 100%).

    Attributes
    ----------
    utilization : int
        ``borrows / (cash + borrows - reserves)``.
    borrow_rate_per_block : int
        ``getBorrowRate`` (times ``BLOCKS_PER_YEAR``: the annual rate).
    supply_rate_per_block : int
        ``getSupplyRate``.
    """

    utilization: int
    borrow_rate_per_block: int
    supply_rate_per_block: int


@v.params(a=UINT, b=UINT)
def ray_mul(a: int, b: int) -> int:
    """``WadRayMath.rayMul``: ``(a b + RAY/2) // RAY``.

    Parameters
    ----------
    a, b : int
        Two RAY fixed-point numbers (1e27 is 1.0), each a uint256 in [0, 2**256 - 1].

    >>> ray_mul(3 * RAY // 2, 2 * RAY) == 3 * RAY
    True
    """
    return _ray_mul(a, b)


def _ray_mul(a: int, b: int) -> int:
    return (a * b + RAY // 2) // RAY


@v.params(a=UINT, b=UINT_POS)
def ray_div(a: int, b: int) -> int:
    """``WadRayMath.rayDiv``: ``(a RAY + b/2) // b``.

    Parameters
    ----------
    a : int
        The RAY numerator (1e27 is 1.0), a uint256 in [0, 2**256 - 1].
    b : int
        The RAY denominator, a non-zero uint256 in [1, 2**256 - 1].

    >>> ray_div(1, 3) == (RAY + 1) // 3
    True
    """
    return _ray_div(a, b)


def _ray_div(a: int, b: int) -> int:
    return (a * RAY + b // 2) // b


@v.params(value_wei=UINT, percentage=UINT)
def percent_mul(value_wei: int, percentage: int) -> int:
    """``PercentageMath.percentMul``: ``(value pct + 0.5e4) // 1e4``, the contract's ``value`` scaled by a percentage.

    Parameters
    ----------
    value_wei : int
        The contract's ``value``: an amount in a token's integer units, a uint256 in [0, 2**256 - 1].
    percentage : int
        The percentage in basis points of 1e4 (8000 = 80%), a uint256.

    >>> percent_mul(1000, 8000)
    800
    """
    return _percent_mul(value_wei, percentage)


def _percent_mul(value: int, percentage: int) -> int:
    return (value * percentage + PERCENTAGE_FACTOR // 2) // PERCENTAGE_FACTOR


@v.params(value_wei=UINT, percentage=UINT_POS)
def percent_div(value_wei: int, percentage: int) -> int:
    """``PercentageMath.percentDiv``: ``(value 1e4 + pct/2) // pct``, the contract's ``value`` divided by a percentage.

    Parameters
    ----------
    value_wei : int
        The contract's ``value``: an amount in a token's integer units, a uint256 in [0, 2**256 - 1].
    percentage : int
        The percentage in basis points of 1e4 (10500 = 105%), a non-zero uint256.

    >>> percent_div(1050, 10500)
    1000
    """
    return _percent_div(value_wei, percentage)


def _percent_div(value: int, percentage: int) -> int:
    return (value * PERCENTAGE_FACTOR + percentage // 2) // percentage


@v.params(
    available=UINT,
    debt=UINT,
    optimal=v.Integer(1, RAY - 1),
    base=UINT,
    slope1=UINT,
    slope2=UINT,
    reserve_factor_bps=BPS,
)
def aave_rates_ray(
    available: int, debt: int, optimal: int, base: int, slope1: int, slope2: int, reserve_factor_bps: int
) -> AaveRates:
    """Aave v3 liquidity (supply) rate and variable borrow rate, in RAY, exactly as the strategy computes them.

    Parameters
    ----------
    available, debt : int
        Liquidity available in the aToken and total variable debt (token units, uint256).
    optimal : int
        ``OPTIMAL_USAGE_RATIO`` in RAY, in (0, RAY).
    base, slope1, slope2 : int
        ``baseVariableBorrowRate``, ``variableRateSlope1``, ``variableRateSlope2`` in RAY (uint256).
    reserve_factor_bps : int
        In basis points of 1e4 (1000 = 10%), in [0, 1e4].

    Returns an :class:`AaveRates` (both rates per year, in RAY).

    >>> r = aave_rates_ray(2 * 10**17, 8 * 10**17, 8 * RAY // 10, 0, 4 * RAY // 100, 75 * RAY // 100, 1000)
    >>> r.borrow_rate == 4 * RAY // 100          # at U = U*: base + slope1
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
    liquidity = _percent_mul(_ray_mul(overall, usage), PERCENTAGE_FACTOR - reserve_factor_bps)
    return AaveRates(liquidity, borrow)


@v.params(
    cash=UINT,
    borrows=UINT,
    reserves=UINT,
    base_per_year=UINT,
    multiplier_per_year=UINT,
    jump_per_year=UINT,
    kink=v.Integer(1, WAD),
    reserve_factor_mantissa=v.Integer(0, WAD),
)
def compound_rates_mantissa(
    cash: int,
    borrows: int,
    reserves: int,
    base_per_year: int,
    multiplier_per_year: int,
    jump_per_year: int,
    kink: int,
    reserve_factor_mantissa: int,
) -> CompoundRates:
    """Compound v2 JumpRateModelV2: utilization, borrow and supply rate per block, mantissas of 1e18.

    ``reserve_factor_mantissa`` and ``kink`` are mantissas of 1e18 (kink in (0, 1e18], the reserve
    factor in [0, 1e18]: 1e17 = 10%, as ``CToken.reserveFactorMantissa`` stores it); the others are
    uint256. Returns a :class:`CompoundRates`.

    >>> r = compound_rates_mantissa(cash=20 * WAD, borrows=80 * WAD, reserves=0, base_per_year=0,
    ...                             multiplier_per_year=4 * 10**16, jump_per_year=109 * 10**16, kink=8 * 10**17,
    ...                             reserve_factor_mantissa=10**17)
    >>> r.utilization == 8 * 10**17, round(r.borrow_rate_per_block * BLOCKS_PER_YEAR / WAD, 4)  # the kink's rate
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
    supply = util * (borrow * (WAD - reserve_factor_mantissa) // WAD) // WAD
    return CompoundRates(util, borrow, supply)


@v.params(collateral_base=v.IntegerList(UINT), thresholds_bps=v.IntegerList(BPS), debt_base=UINT)
def health_factor_wad(collateral_base: list[int], thresholds_bps: list[int], debt_base: int) -> int:
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

    >>> health_factor_wad([1000 * 10**8], [8000], 800 * 10**8) == WAD      # 1000 x 80% / 800
    True
    """
    coll, lts = collateral_base, thresholds_bps
    if len(coll) != len(lts):
        raise ValueError(f"collateral_base and thresholds_bps must have one length, got {len(coll)} and {len(lts)}")
    debt = debt_base
    return _health_factor(coll, lts, debt)


def _health_factor(coll: list[int], lts: list[int], debt: int) -> int:
    """``GenericLogic``'s health factor on checked integers (the maximum uint with no debt)."""
    if debt == 0:
        return _UINT
    total = sum(coll)
    avg_lt = sum(c * t for c, t in zip(coll, lts)) // total if total else 0
    adjusted = _percent_mul(total, avg_lt)
    return (adjusted * WAD + debt // 2) // debt  # WadRayMath.wadDiv


@v.params(hf=UINT)
def aave_close_factor_bps(hf: int) -> int:
    """Aave v3.0.x close factor in bps: 5000 (half the debt) while HF > 0.95, 10 000 at or below (v3.3 changed this
    rule).

    ``hf`` is the health factor in WAD (a uint256).

    >>> aave_close_factor_bps(99 * 10**16), aave_close_factor_bps(94 * 10**16)
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
    health_factor_wad : int
        The position's health factor before the call, in WAD (1e18 = 1), from the amounts.
    """

    debt_repaid: int
    collateral_to_liquidator: int
    protocol_fee: int
    collateral_seized: int
    deficit: int
    max_debt: int
    close_factor_bps: int
    health_factor_wad: int


# One liquidationCall's parameters, declared once for both versions. A position with no collateral cannot
# be liquidated under either (v3.0's ValidationLogic.validateLiquidationCall: the collateral must be in use,
# and a zero balance clears that flag; v3.3 reverts the same way), so user_collateral is positive.
LIQUIDATION_CALL = dict(
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
)


@v.params(**LIQUIDATION_CALL)
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
      (:func:`health_factor_wad`); at or above 1 the call reverts (``HEALTH_FACTOR_NOT_BELOW_THRESHOLD``),
      raised here as ``ValueError``;
    - the close factor caps the repayment (``userDebt.percentMul(closeFactor)``): 50% while
      HF > 0.95, 100% at or below it (:func:`aave_close_factor_bps`);
    - ``baseCollateral = debtPrice x debt x collUnit / (collPrice x debtUnit)``, times the bonus
      (e.g. 10500 = 105%); if that exceeds the user's collateral, all of it is taken and the
      debt repaid is scaled back (``percentDiv(bonus)``); the protocol fee is a share of the
      bonus part.

    Amounts and prices are uint256 (``user_debt``, ``user_collateral`` and the prices non-zero), ``threshold_bps``
    (the collateral's liquidation threshold) in [0, 1e4], decimals in [0, 36], ``bonus_bps`` in
    [1e4, 2e4] and ``protocol_fee_bps`` in [0, 1e4]. Under v3.0 debt left on an account with no
    collateral stays there: the result's ``deficit`` is always 0.

    >>> r = aave_liquidation(debt_to_cover=10**30, user_debt=1000 * 10**6, user_collateral=10**18, threshold_bps=8000,
    ...                      collateral_price=1000 * 10**8, debt_price=10**8, collateral_decimals=18, debt_decimals=6,
    ...                      bonus_bps=10500)
    >>> r.health_factor_wad == 8 * 10**17, r.close_factor_bps, r.collateral_seized == 10**18, r.debt_repaid
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
        health_factor_wad=hf,
    )


@v.params(**LIQUIDATION_CALL, total_collateral_base=v.Optional(UINT), total_debt_base=v.Optional(UINT))
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
        health_factor_wad=hf,
    )


@v.params(lltv=v.Integer(0, WAD - 1))
def morpho_lif_wad(lltv: int) -> int:
    """Morpho Blue's liquidation incentive factor (WAD) for a market's LLTV (WAD).

    ``min(MAX_LIQUIDATION_INCENTIVE_FACTOR, WAD.wDivDown(WAD - LIQUIDATION_CURSOR.wMulDown(WAD - lltv)))``,
    with ``lltv`` in [0, 1e18).

    >>> morpho_lif_wad(86 * 10**16)          # LLTV 86%: 1 / (1 - 0.3 x 0.14) = 1.0438...
    1043841336116910229
    """
    return min(MAX_LIQUIDATION_INCENTIVE_FACTOR, WAD * WAD // (WAD - LIQUIDATION_CURSOR * (WAD - lltv) // WAD))


BASE_UNIT = 10**8  # the Aave oracle's base currency: USD with 8 decimals


def _units(values: Sequence[float], scale: int) -> list[int]:
    """``values`` (whole multiples of 1/``scale``, as ``v.WholeMultiple`` checked them) in integer units."""
    return [round(x * scale) for x in values]


@v.params(
    collateral_usd=v.WholeMultiple(v.RealArray(0.0, 1e15, ndim=1, max_size=1000), 100),
    thresholds=v.WholeMultiple(v.RealArray(0.0, 1.0, ndim=1, max_size=1000), PERCENTAGE_FACTOR),
    debt_usd=v.WholeMultiple(v.Real(0.0, 1e15), 100),
)
def health_factor(collateral_usd: Sequence[float], thresholds: Sequence[float], debt_usd: float) -> float:
    """Aave v3's health factor in the course's units: :func:`health_factor_wad` on the amounts in cents.

    ``collateral_usd`` (each in [0, 1e15] USD) and ``thresholds`` (fractions in [0, 1], whole basis points, one
    per collateral) describe the collaterals; ``debt_usd`` in [0, 1e15]. Amounts are taken in cents
    (the oracle's 8 decimals hold them exactly); no debt gives ``inf`` (never liquidatable).

    >>> health_factor([1000.0], [0.8], 800.0)
    1.0
    >>> round(health_factor([600.0, 400.0], [0.825, 0.7], 900.0), 6)   # the value-weighted threshold, 77.5%
    0.861111
    """
    coll, lts = list(collateral_usd), list(thresholds)
    if len(coll) != len(lts) or not coll:
        raise ValueError(
            f"collateral_usd and thresholds must be non-empty and of one length, got {len(coll)} and {len(lts)}"
        )
    if debt_usd == 0:
        return float("inf")
    cents = BASE_UNIT // 100
    base = [c * cents for c in _units(coll, 100)]
    (debt,) = [d * cents for d in _units([debt_usd], 100)]
    return _health_factor(base, _units(lts, PERCENTAGE_FACTOR), debt) / WAD


@v.params(lltv=v.Probability(high_open=True))
def morpho_lif(lltv: float) -> float:
    """Morpho Blue's liquidation incentive factor for an LLTV given as a fraction: :func:`morpho_lif_wad`.

    ``lltv`` in [0, 1), taken to the nearest WAD unit (1e-18) as the market stores it.

    >>> round(morpho_lif(0.86), 6)        # 1 / (1 - 0.3 x 0.14)
    1.043841
    >>> morpho_lif(0.0)                   # capped at 1.15
    1.15
    """
    return morpho_lif_wad(round(lltv * WAD)) / WAD


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


@v.params(
    art=UINT_POS, rate=UINT_POS, chop_wad=v.Integer(WAD, _UINT), Hole=UINT, Dirt=UINT, hole=UINT, dirt=UINT, dust=UINT
)
def maker_bark(art: int, rate: int, chop_wad: int, Hole: int, Dirt: int, hole: int, dirt: int, dust: int) -> Bark:
    """How much of a vault's debt Maker's ``Dog.bark`` sends to auction, given the throttles.

    Units as in dss: ``art`` [wad] normalised debt, ``rate`` [ray], ``chop_wad`` [wad]
    penalty (dss's ``chop``: 1.13e18 = 13%), ``Hole``/``Dirt``/``hole``/``dirt``/``dust`` [rad]; all uint256,
    ``art`` and ``rate`` non-zero, ``chop_wad`` at least 1e18.
    Raises ``ValueError`` where ``bark`` reverts ("liquidation-limit-hit", "dusty auction").

    Returns a :class:`Bark`: ``dart`` (normalised debt taken), ``tab`` (DAI to raise, debt
    plus penalty, [rad]) and ``partial`` (whether the vault keeps some debt).

    >>> RAD = 10**45
    >>> r = maker_bark(art=100 * WAD, rate=RAY, chop_wad=113 * 10**16, Hole=10**6 * RAD, Dirt=0, hole=50 * RAD,
    ...                dirt=0, dust=5 * RAD)
    >>> r.dart == 50 * WAD * 100 // 113, r.partial      # the ilk's 50 DAI of room caps it
    (True, True)
    """
    if not (Hole > Dirt and hole > dirt):
        raise ValueError(
            "Dog/liquidation-limit-hit: no room left under Hole or the ilk's hole (Dirt >= Hole or dirt >= hole)"
        )
    room = min(Hole - Dirt, hole - dirt)
    dart = min(art, room * WAD // rate // chop_wad)
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
            f"no debt at this rate and chop_wad"
        )
    tab = dart * rate * chop_wad // WAD
    return Bark(dart=dart, tab=tab, partial=dart < art)


@v.params(tab_rad=UINT, tip=UINT, chip=v.Integer(0, WAD))
def keeper_incentive(tab_rad: int, tip: int, chip: int) -> int:
    """Clipper ``kick`` reward to the keeper: ``tip + wmul(tab, chip)`` [rad].

    Parameters
    ----------
    tab_rad : int
        The Clipper's ``tab``: the debt the auction must raise, in RAD (1e45 is one DAI), a uint256.
    tip : int
        The flat reward, in RAD, a uint256.
    chip : int
        The proportional reward as a WAD share of ``tab`` (1e15 = 0.1%), in [0, 1e18].

    >>> keeper_incentive(tab_rad=10**6 * 10**45, tip=300 * 10**45, chip=10**15) == 1300 * 10**45   # 300 + 0.1% of 1 M
    True
    """
    return tip + (tab_rad * chip + WAD // 2) // WAD  # DSMath wmul rounds half up
