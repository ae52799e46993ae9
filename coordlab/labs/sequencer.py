"""Lab of notebook 13: a sequencer outage, its grace period, and a lending market's liquidations and bad debt."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coordlab.labs.base import Lab, Slider
from coordlab.models import sequencer
from coordlab.plotting.sequencer import OutageFigure

__all__ = ["OutageLab"]

N, PATHS = sequencer.OUTAGE_BORROWERS, 200


class OutageLab(Lab):
    """Outage length, grace period, volatility and how many borrowers act in time → liquidations and bad debt.

    Both policies (the grace period, and none) are counted at the same horizon: the end of
    the grace window after the restart.

    >>> lab = OutageLab()
    >>> print(lab.update(outage=12.0, grace=1.0, sigma=150.0, topup=50.0).splitlines()[0])
    After a 12 h outage at 150% volatility, 1.84% of borrowers are liquidatable at restart.
    """

    controls = (
        Slider("outage", "outage length (hours)", 0.5, 48.0, 0.5, 7.0),
        Slider("grace", "grace period after restart (hours)", 0.0, 8.0, 0.25, sequencer.GRACE_PERIOD_TIME / 3600),
        Slider("sigma", "collateral volatility (% a year)", 20.0, 300.0, 10.0, 100.0),
        Slider("topup", "borrowers who act in the window (%)", 0.0, 100.0, 5.0, 100 * sequencer.OUTAGE_TOPUP),
    )

    def make_figure(self) -> OutageFigure:
        return OutageFigure(max_hours=56.0, max_pct=20.0)

    def compute(self, *, outage: float, grace: float, sigma: float, topup: float) -> dict[str, Any]:
        out = sequencer.outage_liquidations(outage, grace, sigma / 100, n=N, paths=PATHS, topup=topup / 100, seed=3)
        # 2 a hour: drawn, not counted
        sim = sequencer.price_paths(outage + grace, sigma / 100, k=15, steps_per_hour=2, seed=4)
        return dict(out=out, t=sim.hours, paths=sim.paths, outage=outage, grace=grace, sigma=sigma, topup=topup)

    def draw(self, r: dict[str, Any]) -> None:
        o = r["out"]
        # exact shares (Decimal), so that a bar's printed value never sits on a float's rounding tie
        pct = [
            100 * sequencer.exact_share(x, o)
            for x in (o.liquidatable_at_restart, o.saved, o.liquidated, o.liquidated_no_grace)
        ]
        self.figure_object.update(
            outage_hours=r["outage"], grace_hours=r["grace"], hours=r["t"], price_paths=r["paths"], borrowers_pct=pct
        )

    def summary(self, r: dict[str, Any]) -> str:
        o = r["out"]

        def share(
            count: float,
        ) -> Decimal:  # exact, so that a share halfway between two printed digits prints the same everywhere
            return sequencer.exact_share(count, o)

        first = (
            f"After a {r['outage']:g} h outage at {r['sigma']:g}% volatility, "
            f"{share(o.liquidatable_at_restart):.2%} of borrowers are liquidatable at restart."
        )
        if r["grace"] == 0:
            return first + (
                f"\nWith no grace period they are liquidated at once; bad debt "
                f"{o.bad_debt_no_grace / o.total_debt:.2%} of all debt."
            )
        return first + (
            f"\nBy the end of the {r['grace']:g} h window: {share(o.liquidated):.2%} liquidated with a grace "
            f"period, {share(o.liquidated_no_grace):.2%} with none (it saves {share(o.saved):.2%}; "
            f"{r['topup']:g}% of borrowers act in time); bad debt {o.bad_debt / o.total_debt:.2%} of all "
            f"debt, against {o.bad_debt_no_grace / o.total_debt:.2%} with none."
        )
