"""Labs of notebook 08: the liquidation-cascade lab and the flash-crash lab."""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import amm, cascade
from coordlab.plotting.cascade import CascadeFigure, FlashCrashFigure

__all__ = ["CascadeLab", "FlashCrashLab"]

PRICE, CROWD, MAX_SHOCK = cascade.CROWD_PRICE, cascade.CROWD_SIZE, 10_000.0
_SHOCKS = np.linspace(0.0, MAX_SHOCK, 1001)
WAVES_SHOWN = 25
ORDER = cascade.FLASH_ORDER  # the flash-crash seller's order (units): the E-mini sale of 6 May 2010
# the crowd's entries: log-normal around the price, 2% dispersion (notebook 08 sweeps it)
ENTRY_SPREAD = cascade.CROWD_ENTRY_SPREAD


@lru_cache(maxsize=16)
def _crowd(leverage: float) -> cascade.PositionBook:
    """The lab's crowd at one leverage (it depends on nothing else: built once per slider value)."""
    return cascade.survivor_crowd(CROWD, price=PRICE, seed=0, mean_leverage=leverage, entry_spread=ENTRY_SPREAD)


class CascadeLab(Lab):
    """Sell shock, pool depth and the crowd's leverage → liquidations, price path and the exact tipping shock.

    The crowd is :func:`coordlab.models.cascade.survivor_crowd` (10 000 longs still open at 2 000, seed 0,
    entries spread 2% around the price).

    >>> lab = CascadeLab()
    >>> print(lab.update(shock=1000.0, depth=100.0, leverage=5.0).splitlines()[0])
    Selling 1,000 ETH into a 100 M pool (crowd at ~5x): 9,328 of 10,000 longs liquidated (97% of notional) in 20 waves;
    the price goes 2000 → 837.
    """

    controls = (
        Slider("shock", "sell shock (ETH)", 0.0, MAX_SHOCK, 50.0, 500.0),
        Slider("depth", "pool depth (M USD per side)", 25.0, 500.0, 5.0, 100.0),
        Slider("leverage", "the crowd's typical leverage", 2.0, 30.0, 0.5, cascade.CROWD_LEVERAGE),
    )

    def make_figure(self) -> CascadeFigure:
        return CascadeFigure(max_shock=MAX_SHOCK, price=PRICE, waves=WAVES_SHOWN)

    def compute(self, *, shock: float, depth: float, leverage: float) -> dict[str, Any]:
        book = _crowd(float(leverage))
        market = amm.ConstantProductPool.from_depth(PRICE, depth * 1e6)
        lc = cascade.LiquidationCascade(market, book)
        notional = np.concatenate([[0.0], np.cumsum(lc.sizes * lc.rungs)])
        share = 100.0 * notional[lc.liquidated(_SHOCKS)] / notional[-1]
        run = cascade.cascade(market, book, shock)
        points = lc.tipping_points()
        levels, jumps = points.shocks, points.jumps
        big = int(jumps.argmax()) if jumps.size else None
        return dict(
            shock=shock,
            depth=depth,
            leverage=leverage,
            share=share,
            run=run,
            tipping=lc.tipping_shock(cascade.TIPPING_SHARE),
            my_share=100.0 * notional[run.n_liquidated] / notional[-1],
            biggest=(float(levels[big]), int(jumps[big])) if big is not None else None,
        )

    def draw(self, r: dict[str, Any]) -> None:
        run = r["run"]
        tip = r["tipping"] if math.isfinite(r["tipping"]) else MAX_SHOCK * 2
        waves = len(run.prices) - 2
        note = f"{waves} waves" + (f" (first {WAVES_SHOWN} shown)" if waves > WAVES_SHOWN - 1 else "")
        self.figure_object.update(
            shocks_eth=_SHOCKS,
            liquidated_pct=r["share"],
            tipping_shock_eth=tip,
            my_shock_eth=r["shock"],
            my_liquidated_pct=r["my_share"],
            prices_usd=run.prices[: WAVES_SHOWN + 1],
            note=note + f"; depth {r['depth']:.0f} M, leverage ~{r['leverage']:g}x\nsynthetic crowd (seeded)",
        )

    def summary(self, r: dict[str, Any]) -> str:
        run = r["run"]
        first = (
            f"Selling {r['shock']:,.0f} ETH into a {r['depth']:.0f} M pool (crowd at ~{r['leverage']:g}x): "
            f"{run.n_liquidated:,} of {CROWD:,} longs "
            f"liquidated ({r['my_share']:.0f}% of notional) in {len(run.prices) - 2} waves; the price goes "
            f"{PRICE:.0f} → {run.final_price:.0f}."
        )
        if math.isfinite(r["tipping"]):
            second = (
                f"Tipping shock (exact): {r['tipping']:,.1f} ETH, where one jump liquidates at least 10% of the "
                f"book's notional."
            )
        else:
            second = "No single jump liquidates 10% of the book: this pool absorbs the ladder rung by rung."
        if r["biggest"] is not None:
            second += f" The largest jump: {r['biggest'][1]:,} positions at once, at {r['biggest'][0]:,.1f} ETH."
        return first + "\n" + second


class FlashCrashLab(Lab):
    """A volume-targeting sale, hot-potato volume, stop-losses and market makers' tolerance → the crash and the
    sale's
    speed.

    >>> lab = FlashCrashLab()
    >>> print(lab.update().splitlines()[0])
    The seller's 75,000-unit order is done in 16 minutes (targeting 9% of volume); the price bottoms at 0.417 in minute
    16.
    """

    controls = (
        Slider(
            "participation",
            "seller's target, % of last minute's volume",
            1.0,
            30.0,
            0.5,
            100 * cascade.FLASH_PARTICIPATION,
        ),
        Slider("hot_potato", "hot-potato volume, x the directional volume", 0.0, 12.0, 0.5, cascade.FLASH_HOT_POTATO),
        Slider("stops", "stop-loss orders (units per 1% of price)", 0.0, 5000.0, 100.0, cascade.FLASH_STOP_DENSITY),
        Slider(
            "tolerance", "market makers' tolerance (% move a minute)", 0.2, 5.0, 0.1, 100 * cascade.FLASH_MM_TOLERANCE
        ),
    )
    minutes = cascade.FLASH_MINUTES

    def make_figure(self) -> FlashCrashFigure:
        return FlashCrashFigure(minutes=self.minutes)

    def compute(self, *, participation: float, hot_potato: float, stops: float, tolerance: float) -> dict[str, Any]:
        run = cascade.flash_crash(
            order=ORDER,
            participation=participation / 100.0,
            hot_potato=hot_potato,
            stop_density=stops,
            mm_tolerance=tolerance / 100.0,
            minutes=self.minutes,
        )
        return dict(run=run, participation=participation, hot_potato=hot_potato, stops=stops, tolerance=tolerance)

    def draw(self, r: dict[str, Any]) -> None:
        run = r["run"]
        t = np.arange(self.minutes + 1)
        note = (
            f"target {r['participation']:g}% of volume\nhot potato x{r['hot_potato']:g}\n"
            f"stops {r['stops']:,.0f} per 1%\nMM tolerance {r['tolerance']:g}%\nstylised, not the E-mini"
        )
        self.figure_object.update(
            minutes=t,
            price=run.price,
            completed_minute=run.completed_minute,
            sold_pct=100 * run.seller_sold / ORDER,
            depth_pct=100 * run.depth,
            note=note,
        )

    def summary(self, r: dict[str, Any]) -> str:
        run = r["run"]
        low_at = int(run.price.argmin())
        if run.completed_minute is None:
            first = (
                f"After {self.minutes} minutes the seller has sold {run.seller_sold[-1]:,.0f} of {ORDER:,.0f} units "
                f"(targeting {r['participation']:g}% of volume); the price bottoms at {run.low:.3f} in minute {low_at}."
            )
        else:
            first = (
                f"The seller's {ORDER:,.0f}-unit order is done in {run.completed_minute} minutes (targeting "
                f"{r['participation']:g}% of volume); the price bottoms at {run.low:.3f} in minute {low_at}."
            )
        depth = (
            "Market makers keep their full depth"
            if run.depth.min() >= 1.0
            else f"Market makers' depth falls to {run.depth.min():.0%} of normal"
        )
        # the loop's gain p (1 + h), exactly from the sliders' decimal values (no binary rounding to print)
        gain = (Decimal(f"{r['participation']:g}") * (1 + Decimal(f"{r['hot_potato']:g}")) / 100).normalize()
        return first + (
            f"\n{depth}; stop-losses sell "
            f"{run.stops_triggered[-1]:,.0f} units; peak volume {run.volume.max():,.0f} a minute "
            f"(hot potato x{r['hot_potato']:g}, stops {r['stops']:,.0f} per 1%, tolerance {r['tolerance']:g}%)."
            f"\nFeedback gain p(1+h) = {gain:f}: each unit the seller sells comes back as {gain:f} units "
            f"of its sale a minute later" + (" (1 or more: the sale grows on its own)." if gain >= 1 else ".")
        )
