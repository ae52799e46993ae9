"""Lab of notebook 13: a sequencer outage, its grace period, and a lending market's liquidations and bad debt."""

from __future__ import annotations

from coordlab.labs.base import Lab, Slider
from coordlab.models import sequencer
from coordlab.plotting.sequencer import OutageFigure

__all__ = ["OutageLab"]

N, PATHS = 2000, 200


class OutageLab(Lab):
    """Outage length, grace period, volatility and how many borrowers act in time → the flood at restart and bad debt.

    >>> lab = OutageLab()
    >>> print(lab.update(outage=12.0, grace=1.0, sigma=150.0, topup=50.0).splitlines()[0])
    After a 12 h outage at 150% volatility, 1.8% of borrowers are liquidatable at restart; a 1 h grace period saves 0.7%.
    """

    controls = (
        Slider("outage", "outage length (hours)", 0.5, 48.0, 0.5, 7.0),
        Slider("grace", "grace period after restart (hours)", 0.0, 8.0, 0.25, 1.0),
        Slider("sigma", "collateral volatility (% a year)", 20.0, 300.0, 10.0, 150.0),
        Slider("topup", "borrowers who act in the grace period (%)", 0.0, 100.0, 5.0, 50.0),
    )

    def make_figure(self):
        return OutageFigure(max_hours=56.0, max_pct=40.0)

    def compute(self, outage, grace, sigma, topup):
        out = sequencer.outage_liquidations(outage, grace, sigma / 100, n=N, paths=PATHS, topup=topup / 100, seed=3)
        t, paths = sequencer.price_paths(outage + grace, sigma / 100, k=15, seed=4)
        return dict(out=out, t=t, paths=paths, outage=outage, grace=grace, sigma=sigma, topup=topup)

    def draw(self, r):
        o = r["out"]
        pct = [100 * x / N for x in (o.liquidatable_at_restart, o.saved, o.liquidated, o.liquidatable_at_restart)]
        note = f"down {r['outage']:g} h, grace {r['grace']:g} h\nvolatility {r['sigma']:g}%, {r['topup']:g}% act"
        self.figure_object.update(r["outage"], r["grace"], r["t"], r["paths"], pct, note)

    def summary(self, r):
        o = r["out"]
        first = (f"After a {r['outage']:g} h outage at {r['sigma']:g}% volatility, {o.liquidatable_at_restart / N:.1%} of "
                 f"borrowers are liquidatable at restart; a {r['grace']:g} h grace period saves {o.saved / N:.1%}.")
        return first + (f"\nLiquidated when it ends: {o.liquidated / N:.1%} ({r['topup']:g}% of borrowers act in time); "
                        f"bad debt {o.bad_debt / o.total_debt:.2%} of all debt, against "
                        f"{o.bad_debt_no_grace / o.total_debt:.2%} with no grace period.")
