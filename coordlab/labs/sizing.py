"""Labs of notebook 07: the Kelly explorer and the leverage → liquidation lab."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import perps, sizing
from coordlab.plotting.sizing import KellyFigure, LeverageFigure

__all__ = ["KellyLab", "LeverageLab"]

BETS, PATHS, SHOWN = 500, 2000, 20
_F = np.linspace(0.0, 0.99, 199)
_LEV = np.geomspace(1.0, 100.0, 200)
_HOURS = np.linspace(0.0, 168.0, 169)


class KellyLab(Lab):
    """Win probability, odds and a multiple of the Kelly stake → growth, simulated paths and drawdown risk.

    >>> lab = KellyLab()
    >>> print(lab.update(p=0.55, b=1.0, c=1.0).splitlines()[0])
    Kelly stakes f* = 10.0% of wealth (p = 0.55, odds 1.0:1). You stake 1.00 x f* = 10.0%: growth +0.50% a bet (Kelly's
    maximum +0.50%).
    """

    controls = (
        Slider("p", "win probability p", 0.35, 0.9, 0.01, 0.55),
        Slider("b", "net odds b (win b per 1 staked)", 0.5, 4.0, 0.1, 1.0),
        Slider("c", "your stake, as a multiple c of Kelly", 0.1, 3.0, 0.05, 1.0),
    )

    def make_figure(self) -> KellyFigure:
        return KellyFigure(bets=BETS, paths=SHOWN)

    def compute(self, *, p: float, b: float, c: float) -> dict[str, Any]:
        kelly = sizing.kelly_fraction(p, b)
        stake = min(c * kelly, 0.99) if kelly > 0 else 0.0
        growth = sizing.growth_rate(_F, p, b)
        run = sizing.simulate_bets(p, b, stake, bets=BETS, paths=PATHS, seed=7, keep=SHOWN)
        return dict(
            p=p,
            b=b,
            c=c,
            kelly=kelly,
            stake=stake,
            growth=growth,
            kelly_growth=sizing.growth_rate(max(kelly, 0.0), p, b),
            stake_growth=sizing.growth_rate(stake, p, b),
            halved=run.drawdown_frequency(0.5),
            final=run.final_log_wealth,
            sample=run.sample,
            ever=sizing.drawdown_probability(0.5, c) if kelly > 0 else 0.0,
        )

    def draw(self, r: dict[str, Any]) -> None:
        bets = np.arange(BETS + 1)
        ln10 = math.log(10.0)
        if r["kelly"] > 0:
            scale = r["kelly_growth"]
            note = f"p = {r['p']:.2f}, odds {r['b']:.1f}:1; Kelly's maximum = {scale:+.2%} a bet"
        else:  # no edge: every stake loses; show the curve in units of the loss at f = 0.1
            scale = abs(float(sizing.growth_rate(0.1, r["p"], r["b"])))
            note = f"p = {r['p']:.2f}, odds {r['b']:.1f}:1: no edge; unit = the loss at f = 0.1"
        every = slice(None, None, 5)  # every 5th bet is enough for the eye and draws 5x faster
        self.figure_object.update(
            stake_fraction=_F,
            relative_growth=r["growth"] / scale,
            kelly_fraction=max(r["kelly"], 0.0),
            kelly_relative_growth=r["kelly_growth"] / scale,
            my_stake_fraction=r["stake"],
            my_relative_growth=r["stake_growth"] / scale,
            bets=bets[every],
            log10_wealth_paths=r["sample"][:, every] / ln10,
            typical_log10_wealth=bets[every] * r["stake_growth"] / ln10,
            note=note,
        )

    def summary(self, r: dict[str, Any]) -> str:
        if r["kelly"] <= 0:
            return (
                f"Kelly stakes nothing: with p = {r['p']:.2f} at odds {r['b']:.1f}:1 the bet has no edge "
                f"(f* = {r['kelly']:.2%}). Every positive stake loses money on the typical path."
            )
        first = (
            f"Kelly stakes f* = {r['kelly']:.1%} of wealth (p = {r['p']:.2f}, odds {r['b']:.1f}:1). You stake "
            f"{r['c']:.2f} x f* = {r['stake']:.1%}: growth {r['stake_growth']:+.2%} a bet "
            f"(Kelly's maximum {r['kelly_growth']:+.2%})."
        )
        return first + (
            f"\nIn {PATHS:,} simulated runs of {BETS} bets, {r['halved']:.0%} fell to half their starting wealth "
            f"at some point (the continuous-time formula, for ever: {r['ever']:.1%}); median final wealth "
            f"x{math.exp(float(np.median(r['final']))):.3g}."
        )


class LeverageLab(Lab):
    """Leverage, maintenance margin, volatility and a horizon → the fall that liquidates, and its chance.

    >>> lab = LeverageLab()
    >>> print(lab.update(leverage=50.0, mmr=1.0, sigma=80.0, horizon=24.0).splitlines()[0])
    A 50x long with a 1% maintenance margin is liquidated by a 1.01% fall (at 1979.80 for an entry at 2000).
    """

    controls = (
        Slider("leverage", "leverage (notional / margin)", 1.0, 100.0, 0.5, 10.0),
        Slider("mmr", "maintenance margin (% of notional)", 0.5, 10.0, 0.5, 1.0),
        Slider("sigma", "volatility (% a year)", 20.0, 200.0, 5.0, 80.0),
        Slider("horizon", "holding horizon (hours)", 1.0, 168.0, 1.0, 24.0),
    )
    entry = 2000.0

    def make_figure(self) -> LeverageFigure:
        return LeverageFigure(max_leverage=100.0, hours=168.0)

    def compute(self, *, leverage: float, mmr: float, sigma: float, horizon: float) -> dict[str, Any]:
        m, s = mmr / 100.0, sigma / 100.0
        levs = _LEV[_LEV < 1.0 / m]  # leverages a position can be opened at (margin above maintenance)
        curve = 100.0 * (1.0 - perps.liquidation_price(1.0, levs, m))
        at_once = m >= 1.0 / leverage
        # equal when leverage x maintenance margin (in %) is exactly 100: the sliders' steps are exact in binary
        equal = at_once and abs(leverage * mmr - 100.0) <= 1e-9
        if at_once:
            fall, price, probs = 0.0, self.entry, np.ones(_HOURS.shape)
        else:
            price = float(perps.liquidation_price(self.entry, leverage, m))
            fall = 1.0 - price / self.entry
            probs = np.zeros(_HOURS.shape)
            if fall < 0.999:
                probs[1:] = perps.liquidation_probability(fall, s, _HOURS[1:])
        p_h = 1.0 if at_once else (0.0 if fall >= 0.999 else float(perps.liquidation_probability(fall, s, horizon)))
        return dict(
            leverage=leverage,
            mmr=m,
            sigma=s,
            horizon=horizon,
            levs=levs,
            curve=curve,
            at_once=at_once,
            equal=equal,
            fall=fall,
            price=price,
            probs=probs,
            p_h=p_h,
        )

    def draw(self, r: dict[str, Any]) -> None:
        if r["at_once"]:
            sign = "=" if r["equal"] else "<"
            note = (
                f"{r['leverage']:g}x: margin {1 / r['leverage']:.1%} {sign} maintenance {100 * r['mmr']:.3g}%, "
                f"liquidated at once (volatility {r['sigma']:.0%})"
            )
        else:
            note = f"maintenance {100 * r['mmr']:.3g}%, volatility {r['sigma']:.0%} a year"
        self.figure_object.update(
            leverage=r["levs"],
            fall_pct=r["curve"],
            my_leverage=r["leverage"],
            my_fall_pct=max(100.0 * r["fall"], 1e-3),
            hours=_HOURS,
            liquidation_probability=r["probs"],
            horizon_hours=r["horizon"],
            note=note,
        )

    def summary(self, r: dict[str, Any]) -> str:
        if r["at_once"]:
            if r["equal"]:
                verdict = (
                    f"exactly the {r['mmr']:.1%} maintenance margin: it opens with no buffer, and the first "
                    "tick against it liquidates it. Lower the leverage."
                )
            else:
                verdict = (
                    f"less than the {r['mmr']:.1%} maintenance margin: it would be liquidated the moment it "
                    "opened. Lower the leverage."
                )
            return (
                f"A {r['leverage']:g}x long puts up {1 / r['leverage']:.2%} of notional, {verdict}"
                f"\nVolatility ({r['sigma']:.0%} a year) and horizon ({r['horizon']:g} hours) do not matter: "
                f"it never survives its first tick."
            )
        if r["fall"] >= 0.999:
            first = f"A {r['leverage']:g}x long cannot be liquidated: the price would have to reach zero."
        else:
            first = (
                f"A {r['leverage']:g}x long with a {100 * r['mmr']:.3g}% maintenance margin is liquidated by a "
                f"{r['fall']:.2%} fall (at {r['price']:.2f} for an entry at {self.entry:.0f})."
            )
        return first + (
            f"\nAt {r['sigma']:.0%} annual volatility the chance of liquidation within {r['horizon']:g} hours "
            f"is {r['p_h']:.1%} (driftless GBM, continuous monitoring)."
        )
