"""Labs of notebook 06: the LP-withdrawal spiral and Terra's mint/burn death spiral."""

from __future__ import annotations

from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import amm, pegs
from coordlab.plotting.pegs import LiquidityTrapFigure, TerraFigure

__all__ = ["LiquidityTrapLab", "TerraLab"]

PERIODS = 40
SIGMA0, BETA = pegs.LP_SIGMA0, pegs.LP_BETA  # the model's calm-market volatility and its sensitivity to flow
HALT_PRICE = pegs.TERRA_HALT_PRICE  # LUNA price (USD) at which the model's chain halts (terra_spiral's halt_price)
SIGMA_SHOWN = 1000.0  # the largest volatility the summary prints as a number


class LiquidityTrapLab(Lab):
    """Depth, a sell shock and LPs' sensitivity → does the pool's depth hold, or spiral to zero?

    The right panel measures depth, not the peg: the price a standard 1 M USD sale would leave in
    what is left of the pool (its price impact). Withdrawals keep the pool's marginal price at
    1.00; what they remove is the pool's ability to absorb the next sale.

    >>> lab = LiquidityTrapLab()
    >>> print(lab.update(depth=40.0, flow=10.0, shock=20.0, tolerance=1.0, eta=0.5).splitlines()[0])
    Critical depth L* = 20.0 M. The day-5 shock leaves the pool at 35.0 M, above L*: LPs return to calm; a 1 M sale
    still moves the pool's price to 0.95.
    """

    controls = (
        Slider("depth", "starting pool depth (M USD)", 5.0, 100.0, 1.0, 40.0),
        Slider("flow", "steady sell pressure (M USD a day)", 1.0, 30.0, 0.5, 10.0),
        Slider("shock", "extra selling on day 5 (M USD)", 0.0, 100.0, 1.0, 20.0),
        Slider("tolerance", "LPs' volatility tolerance \u03c3_max", 0.6, 2.0, 0.05, pegs.LP_SIGMA_MAX),
        Slider("eta", "LPs' withdrawal speed \u03b7", 0.1, 2.0, 0.05, pegs.LP_ETA),
    )

    def make_figure(self) -> LiquidityTrapFigure:
        return LiquidityTrapFigure(periods=PERIODS, depth_max=100.0)

    def compute(self, *, depth: float, flow: float, shock: float, tolerance: float, eta: float) -> dict[str, Any]:
        lstar = pegs.critical_depth(flow, SIGMA0, BETA, tolerance)
        spiral = pegs.lp_spiral(
            depth, flow, SIGMA0, BETA, tolerance, eta, periods=PERIODS, shock=shock, shock_period=pegs.LP_SHOCK_PERIOD
        )
        d, s = spiral.depth, spiral.sigma
        # depth, measured as a price: what a standard 1 M USD sale does to the price in what is left of the pool
        after_sale = np.where(d > 0, 1.0 - amm.sell_price_impact(1.0, np.maximum(d, 1e-12)), 0.0)
        return dict(
            depth=d,
            sigma=s,
            after_sale=after_sale,
            lstar=lstar,
            depth0=depth,
            tolerance=tolerance,
            eta=eta,
            flow=flow,
            shock=shock,
        )

    def draw(self, r: dict[str, Any]) -> None:
        note = f"LPs leave at \u03b7 = {r['eta']:.2f} \u00d7 (\u03c3 \u2212 {r['tolerance']:.2f}) a day"
        self.figure_object.update(
            days=np.arange(PERIODS + 1),
            depth_musd=r["depth"],
            price_after_sale=r["after_sale"],
            critical_depth_musd=r["lstar"],
            note=note,
        )

    def summary(self, r: dict[str, Any]) -> str:
        d, after_sale = r["depth"], r["after_sale"]
        after = d[6]
        if after >= r["lstar"]:
            where = "above L*" if after > r["lstar"] else "exactly at L*"  # at L*, sigma = sigma_max: LPs stop leaving
            first = (
                f"Critical depth L* = {r['lstar']:.1f} M. The day-5 shock leaves the pool at {after:.1f} M, {where}: "
                f"LPs return to calm; a 1 M sale still moves the pool's price to {after_sale[-1]:.2f}."
            )
        else:
            empty = np.flatnonzero(d == 0.0)
            when = f"empties on day {int(empty[0])}" if empty.size else f"is down to {d[-1]:.2f} M on day {PERIODS}"
            first = (
                f"Critical depth L* = {r['lstar']:.1f} M. The pool is at {after:.1f} M after day 5, below L*: "
                f"the withdrawal loop runs away and the pool {when}: it can no longer absorb a sale."
            )
        peak = r["sigma"].max()
        # an empty pool's volatility is infinite (lp_spiral caps it at 1e6): past SIGMA_SHOWN, say so, not a number
        vol = (
            f"volatility peaks at {peak:.2f}"
            if peak <= SIGMA_SHOWN
            else f"volatility rises beyond {SIGMA_SHOWN:,.0f}, beyond the range this summary shows: an empty pool's "
            f"is infinite"
        )
        return first + (
            f"\nLowest price after a 1 M sale: {after_sale.min():.2f}; {vol}.\nLPs' tolerance "
            f"{r['tolerance']:.2f}, speed {r['eta']:.2f}; start {r['depth0']:g} M, selling {r['flow']:g} M "
            f"a day, shock {r['shock']:g} M."
        )


class TerraLab(Lab):
    """UST redemptions through Terra's market module → LUNA minted, sold, and its price (five days, hourly).

    Assumed, not derived: redemptions flow at the slider's rate whatever the spread (a holder
    would sell UST in the market instead once the spread is wide; UST's market price is not
    modelled), and the chain halts when LUNA falls below $0.0001. The halt then comes after about
    the LUNA market's depth divided by the net redemptions (``pegs.terra_halt_hours``).

    >>> lab = TerraLab()
    >>> print(lab.update(redemptions=0.5, base_pool=50.0, recovery=36.0, depth=2.0).splitlines()[0])
    Redeeming 0.50 bn UST a day: LUNA falls below $0.0001 (the model's halt) and the chain halts after 101 hours.
    """

    controls = (
        Slider("redemptions", "UST redeemed per day (bn USD)", 0.05, 3.0, 0.05, 0.5),
        Slider("base_pool", "market-module BasePool (M SDR)", 10.0, 200.0, 5.0, pegs.TERRA_BASE_POOL / 1e6),
        Slider(
            "recovery", "PoolRecoveryPeriod (blocks)", 6.0, 14400.0, 0.05, float(pegs.TERRA_RECOVERY_BLOCKS), log=True
        ),
        Slider("depth", "USD depth of the LUNA market (bn)", 0.2, 5.0, 0.1, 2.0),
    )
    days = pegs.TERRA_DAYS

    def make_figure(self) -> TerraFigure:
        return TerraFigure(hours=24 * self.days)

    def compute(self, *, redemptions: float, base_pool: float, recovery: float, depth: float) -> dict[str, Any]:
        path = pegs.terra_spiral(
            redemptions_per_day=redemptions * 1e9,
            days=self.days,
            base_pool=base_pool * 1e6,
            recovery_blocks=int(round(recovery)),
            market_depth=depth * 1e9,
            halt_price=HALT_PRICE,
        )
        return dict(path=path, redemptions=redemptions, base_pool=base_pool, recovery=int(round(recovery)), depth=depth)

    def draw(self, r: dict[str, Any]) -> None:
        p = r["path"]
        self.figure_object.update(
            days=p.hours / 24, luna_price_usd=np.maximum(p.luna_price, 1e-5), luna_supply=np.maximum(p.luna_supply, 1e8)
        )

    def summary(self, r: dict[str, Any]) -> str:
        p = r["path"]
        halted = np.flatnonzero(p.luna_price < HALT_PRICE)
        if halted.size:
            first = (
                f"Redeeming {r['redemptions']:.2f} bn UST a day: LUNA falls below ${HALT_PRICE:.4f} (the model's "
                f"halt) and the chain halts after {int(halted[0])} hours."
            )
        else:
            first = (
                f"Redeeming {r['redemptions']:.2f} bn UST a day: after {self.days} days LUNA trades at "
                f"${p.luna_price[-1]:.4g}."
            )
        flowing = p.ust_redeemed[1:] > 0
        spread = p.spread[1:][flowing].mean() if flowing.any() else 0.0
        return (
            first + f"\nLUNA supply: {p.luna_supply[0] / 1e6:.0f} M → {p.luna_supply[-1] / 1e6:,.0f} M tokens; "
            f"mean spread {spread:.1%}: 1 UST redeems for ${1 - spread:.2f} of LUNA, the floor the module "
            f"puts under UST (UST's market price is not modelled)."
            f"\nBasePool {r['base_pool']:g} M SDR, recovery {r['recovery']:g} blocks, "
            f"LUNA market {r['depth']:.1f} bn deep."
        )
