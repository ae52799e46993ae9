"""Lab of notebook 14: the capstone stress test, a protocol designer with a scorecard."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider, Toggle
from coordlab.models import capstone
from coordlab.plotting.capstone import CapstoneFigure

__all__ = ["CapstoneLab"]

NAMES = tuple(capstone.SCENARIOS)
# The "arbitrage" toggle: notebook 14 §2's arbitraged replay, 1 M USD an hour to an outside market four times the
# pool's depth (stylised); "none" is the named scenarios as they are.
ARBITRAGE = ("none", "1 M USD an hour")
ARBITRAGE_PER_HOUR = 1e6
OUTSIDE_DEPTHS = 4.0
FUND_SHARE = capstone.FUND_SHARE  # the fund's share of the deposits (capstone.run's fund_share)
DEFAULTS = capstone.Parameters()  # the sliders start at the model's default parameters


class CapstoneLab(Lab):
    """A named, seeded crisis and the protocol's parameters → the crisis hour by hour and a scorecard.

    >>> lab = CapstoneLab()
    >>> print(lab.update(scenario="Black Thursday").splitlines()[0])
    Scenario 'Black Thursday': 2,000 borrowers liquidated; penalties 0.251 M; bad debt 0.037 M (insurance pays 0.037 M,
    lenders 0.000 M).
    """

    controls = (
        Toggle("scenario", "scenario", NAMES, NAMES[0]),
        Slider("threshold", "liquidation threshold LT", 0.60, 0.90, 0.01, DEFAULTS.threshold),
        Slider("bonus", "liquidation bonus (factor)", 1.00, 1.15, 0.01, DEFAULTS.bonus),
        Slider("close_factor", "close factor (above HF 0.95)", 0.10, 1.00, 0.05, DEFAULTS.close_factor),
        Slider("grace", "grace period after an outage (hours)", 0.0, 8.0, 1.0, float(DEFAULTS.grace_hours)),
        # from 0.5 M an hour: below it, Black Thursday's liquidations are still queued at hour 24 and the
        # scorecard (bad debt = collateral gone, debt left) would not yet count the debt they leave uncovered
        Slider("throttle", "throttle: max debt liquidated an hour (M USD)", 0.1, 10.0, 0.1, DEFAULTS.throttle / 1e6),
        Slider("insurance", "insurance fund (M USD)", 0.0, 2.0, 0.05, DEFAULTS.insurance / 1e6),
        Toggle("arbitrage", "arbitrage to an outside market 4x the pool", ARBITRAGE, ARBITRAGE[0]),
    )

    def make_figure(self) -> CapstoneFigure:
        return CapstoneFigure(hours=capstone.HOURS, max_musd=1.0)

    def compute(
        self,
        *,
        scenario: str,
        threshold: float,
        bonus: float,
        close_factor: float,
        grace: float,
        throttle: float,
        insurance: float,
        arbitrage: str = ARBITRAGE[0],
    ) -> dict[str, Any]:
        sc = capstone.SCENARIOS[scenario]
        if arbitrage != ARBITRAGE[0]:
            sc = replace(sc, arbitrage=ARBITRAGE_PER_HOUR, outside_depth=OUTSIDE_DEPTHS * sc.depth)
        params = capstone.Parameters(
            threshold=threshold,
            bonus=bonus,
            close_factor=close_factor,
            grace_hours=int(round(grace)),
            throttle=throttle * 1e6,
            insurance=insurance * 1e6,
        )
        return dict(sc=sc, params=params, card=capstone.run(sc, params, fund_share=FUND_SHARE))

    def draw(self, r: dict[str, Any]) -> None:
        card, sc, p = r["card"], r["sc"], r["params"]
        hours = np.arange(capstone.HOURS + 1)
        lost = card.losses()
        losses = [x / 1e6 for x in (lost.borrowers, lost.insurance_fund, lost.lenders, lost.fund_creditors)]
        arb = f", arbitrage {sc.arbitrage / 1e6:g} M/h" if sc.arbitrage > 0 else ""
        note = (
            f"{sc.name}{arb}\nLT {p.threshold:.3g}, bonus {p.bonus - 1:.0%}, close {p.close_factor:.0%}\n"
            f"grace {p.grace_hours} h, throttle {p.throttle / 1e6:g} M, fund {p.insurance / 1e6:g} M"
        )
        self.figure_object.update(
            hours=hours,
            price_usd=card.price,
            liquidation_hours=np.flatnonzero(card.liquidated_debt > 0),
            losses_musd=losses,
            outage_start_hour=sc.outage_start,
            outage_hours=sc.outage_hours,
            note=note,
        )

    def summary(self, r: dict[str, Any]) -> str:
        card, sc, p = r["card"], r["sc"], r["params"]
        first = (
            f"Scenario '{sc.name}': {card.borrowers_liquidated:,} borrowers liquidated; penalties "
            f"{card.borrower_penalties / 1e6:.3f} M; bad debt {card.bad_debt / 1e6:.3f} M (insurance pays "
            f"{card.insurance_used / 1e6:.3f} M, lenders {card.lender_loss / 1e6:.3f} M)."
        )
        second = (
            f"The fund that supplied {FUND_SHARE:.0%} of deposits "
            f"{'defaults' if card.fund_defaults else 'survives'}; its "
            f"creditors lose {card.creditor_loss / 1e6:.3f} M. LPs withdrew {card.lp_depth_lost:.0%} of the pool; "
            f"the price ends at {card.price[-1]:,.0f}."
        )
        third = (
            f"Parameters: LT {p.threshold:.3g}, bonus {p.bonus - 1:.0%}, close factor {p.close_factor:.0%}, grace "
            f"{p.grace_hours} h, throttle {p.throttle / 1e6:g} M an hour, insurance {p.insurance / 1e6:g} M; "
            + (
                f"arbitrage {sc.arbitrage / 1e6:g} M an hour to an outside market {OUTSIDE_DEPTHS:g}x the pool."
                if sc.arbitrage > 0
                else "no arbitrage."
            )
        )
        return "\n".join((first, second, third))
