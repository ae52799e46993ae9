"""Exercises of notebook 09 (capital coordination mechanics)."""

from decimal import Decimal

from coordlab.exercises.check import Function, Numeric, draw, exercise
from coordlab.models import backstop, lending_contracts

RAY = lending_contracts.RAY
DAI_TEST = dict(optimal=8 * RAY // 10, base=0, slope1=4 * RAY // 100, slope2=75 * RAY // 100, reserve_factor_bps=1000)
USAGE = 87  # 09.1: % of the pool borrowed, between §2's printed rows
# 09.4: a bankrupt long closed against four winning shorts under BitMEX's auto-deleveraging rule. The 5x short
# (index 2) ranks second by PnL% x effective leverage but third by leverage at entry, and first by PnL% or by profit,
# so each wrong ranking gives another answer (2.08 M against 0.88 and 2.80 M)
QUANTITY, BANKRUPTCY, MARK, FUND = 60_000.0, 3120.0, 3000.0, 4.404e6
SIZES, ENTRIES, LEVERAGE = (
    [30_000.0, 6_000.0, 25_000.0, 10_000.0],
    [3300.0, 3450.0, 3600.0, 3150.0],
    [2.0, 25.0, 5.0, 8.0],
)
ASKED = 2  # the index of the 5x short


def _rates(usage: int = USAGE) -> tuple[float, float]:
    rates = lending_contracts.aave_rates_ray((100 - usage) * 10**16, usage * 10**16, **DAI_TEST)
    supply, borrow = rates.liquidity_rate, rates.borrow_rate
    return supply / RAY, borrow / RAY


def _margins() -> list[float]:
    return [size * entry / lev for size, entry, lev in zip(SIZES, ENTRIES, LEVERAGE)]


def _adl() -> float:
    out = backstop.auto_deleverage(QUANTITY, BANKRUPTCY, MARK, FUND, SIZES, ENTRIES, _margins())
    return float(out.forgone[ASKED]) / 1e6


def _adl_ranked_by(key: list[float]) -> float:
    """The 5x short's loss (M USD) if the shorts were closed in the order of ``key`` (largest first)."""
    left = (QUANTITY * (BANKRUPTCY - MARK) - FUND) / (BANKRUPTCY - MARK)
    closed = [0.0] * len(SIZES)
    for i in sorted(range(len(SIZES)), key=lambda j: -key[j]):
        closed[i] = min(SIZES[i], max(left, 0.0))
        left -= closed[i]
    return closed[ASKED] * (BANKRUPTCY - MARK) / 1e6


def _lif() -> float:
    return lending_contracts.morpho_lif_wad(915 * 10**15) / 10**18


exercise(
    Numeric(
        key="09.1",
        decimals=4,
        unit="fraction",
        answer=lambda usage=USAGE: _rates(int(usage))[1],
        hint="Use the second case of §2's rate formula: the utilisation is above the optimal usage U*.",
        traps=(
            (
                lambda usage=USAGE: 0.04 * usage / 100 / 0.8,
                "Above U* the second, steep slope applies to the excess usage.",
            ),
            (
                lambda usage=USAGE: 0.75 * usage / 100,
                "The steep slope applies only to the part of utilisation above the kink, "
                "and on top of what the first slope already charges.",
            ),
            (
                lambda usage=USAGE: 0.04 + 0.75 * (usage / 100 - 0.8),
                "The excess usage is measured as a share of the room left above the kink, not of the whole pool.",
            ),
            (
                lambda usage=USAGE: _rates(int(usage))[0],
                "That is what suppliers earn: the question asks what borrowers pay.",
            ),
        ),
        vary=lambda rng: {"usage": draw(rng, 81.0, 99.0, 1.0)},  # % borrowed, always above the 80% kink
    )
)

exercise(
    Numeric(
        key="09.2",
        decimals=4,
        unit="",
        answer=_lif,
        hint="Revisit Morpho Blue in §4: the incentive factor follows from the LLTV alone, through the liquidation "
        "cursor, and is capped.",
        traps=(
            (
                lambda: lending_contracts.MAX_LIQUIDATION_INCENTIVE_FACTOR / lending_contracts.WAD,
                "The 15% cap binds only for LLTVs below about 56.5%.",
            ),
            (
                lambda: 1 + 0.3 * (1 - 0.915),
                "That adds the cursor's share to 1; Morpho's formula divides instead: reread it in §4.",
            ),
            (
                lambda: _lif() - 1,
                "That is the bonus, the part of the factor above 1: the question asks for the factor "
                "itself (1.05 for a 5% bonus).",
            ),
            (
                lambda: 100 * (_lif() - 1),
                "That is the bonus as a percentage: the question asks for the factor itself (1.05 for a 5% bonus).",
            ),
            (
                lambda: round(100 * (_lif() - 1), 2),
                "That is the bonus as a percentage: the question asks for the factor itself (1.05 for a 5% bonus).",
            ),
        ),
        close_tol=2e-3,
    )
)

exercise(
    Numeric(
        key="09.3",
        decimals=0,
        unit="USD per ETH",
        answer=lambda: 15_000 / (10 * 0.825),
        hint="Revisit §3: a position can be liquidated once its health factor falls below 1; "
        "find the price at which it equals 1.",
        traps=(
            (
                lambda: 15_000 / 10,
                "That ignores the liquidation threshold: liquidation comes while collateral still exceeds debt.",
            ),
            (
                lambda: 15_000 * 0.825 / 10,
                "The threshold discounts the collateral, not the debt: liquidation comes at a higher price than that.",
            ),
        ),
        close_tol=1e-2,
    )
)

exercise(
    Numeric(
        key="09.4",
        decimals=2,
        unit="million USD",
        answer=_adl,
        hint="Revisit §4's backstop: the fund pays first; ADL then closes the opposing positions in its ranking order, "
        "each at the bankruptcy price, until the units left are covered.",
        traps=(
            (
                lambda: (QUANTITY * (BANKRUPTCY - MARK) - FUND) / 1e6,
                "That is all that ADL must cover, which is also what the 5x short would carry if it were ranked first: "
                "reread in §4 what BitMEX's ranking multiplies (and which short it puts first).",
            ),
            (
                lambda: _adl_ranked_by(LEVERAGE),
                "That ranks the shorts by their leverage at entry: BitMEX ranks by PnL "
                "percentage x effective leverage, which profit changes.",
            ),
            (
                lambda: SIZES[ASKED] * (ENTRIES[ASKED] - MARK) / 1e6,
                "That is the 5x short's whole profit at the mark: ADL closes it at the bankruptcy price, so it gives "
                "up "
                "the gap to the mark on the units closed, not its profit.",
            ),
            (
                lambda: (
                    float(
                        backstop.auto_deleverage(QUANTITY, BANKRUPTCY, MARK, FUND, SIZES, ENTRIES, _margins()).realised[
                            ASKED
                        ]
                    )
                    / 1e6
                ),
                "That is the profit the 5x short books on the units closed; the question asks what it gives up against "
                "closing them at the mark.",
            ),
            (
                lambda: SIZES[ASKED] * (BANKRUPTCY - MARK) / 1e6,
                "Not all of the 5x short's units are needed: count what the fund and the short ranked before it cover.",
            ),
        ),
    )
)


def _units(fraction: float, one: int) -> int:
    """A fraction as the contract's integer (``one`` = 1.0: WAD or RAY), exactly as written in decimal."""
    scaled = Decimal(repr(fraction)) * one
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{fraction!r} is not a whole number of 1/{one} units")
    return int(scaled)


def _borrow_rate(utilisation: float, kink: float, base: float, slope1: float, slope2: float) -> float:
    """Aave v3's variable borrow rate as a fraction: coordlab's RAY computation on a pool of 1 token (18 decimals)."""
    debt = _units(utilisation, lending_contracts.WAD)
    return (
        lending_contracts.aave_rates_ray(
            lending_contracts.WAD - debt,
            debt,
            optimal=_units(kink, RAY),
            base=_units(base, RAY),
            slope1=_units(slope1, RAY),
            slope2=_units(slope2, RAY),
            reserve_factor_bps=0,
        ).borrow_rate
        / RAY
    )


def _pct(x: float) -> str:
    return f"{100 * x:.4g}%"


exercise(
    Function(
        key="09.5",
        signature="borrow_rate(utilisation, kink, base, slope1, slope2)",
        reference=_borrow_rate,
        # two curves other than section 2's: below the kink, at it, above it, at 0% and at 100% utilisation, with and
        # without a base rate; none of these points is printed in the notebook (nor 09.1's 87%)
        cases=lambda: [
            (0.6, 0.9, 0.0, 0.035, 0.6),
            (0.9, 0.9, 0.0, 0.035, 0.6),
            (0.95, 0.9, 0.0, 0.035, 0.6),
            (0.3, 0.45, 0.01, 0.07, 3.0),
            (0.72, 0.45, 0.01, 0.07, 3.0),
            (0.45, 0.45, 0.01, 0.07, 3.0),
            (0.0, 0.45, 0.01, 0.07, 3.0),
            (1.0, 0.45, 0.01, 0.07, 3.0),
            (0.0, 0.9, 0.0, 0.035, 0.6),
            (1.0, 0.9, 0.0, 0.035, 0.6),
        ],
        describe=lambda u, kink, base, s1, s2: (
            f"utilisation {_pct(u)}, kink at {_pct(kink)}, base {_pct(base)}, slopes {_pct(s1)} and {_pct(s2)}"
        ),
        hint="Look again at section 2's rate formula: the base applies everywhere, the first slope is reached at the "
        "kink "
        "(not at 100%), and above the kink the excess is a share of the room left above it.",
    )
)
