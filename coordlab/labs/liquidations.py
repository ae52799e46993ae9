"""Lab of notebook 05: keepers' entry game at the height of a crash → who enters, what a lone keeper pays, bad debt."""

from __future__ import annotations

from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import auctions
from coordlab.plotting.liquidations import KeeperFigure

__all__ = ["KeeperLab"]

N_MAX = 50
N_GRID = np.arange(2, N_MAX + 1)
BUF = auctions.CLIPPER_BUF  # Maker's Clipper buf: clip's starting price over the oracle price


class KeeperLab(Lab):
    """Flip and clip on the same crash day, the same vaults and the same keepers: entry, lone sales, bad debt.

    >>> lab = KeeperLab()
    >>> print(lab.update(n_keepers=10, gas_cost=0.06, gas_spike=6.0, precision=20.0, cusp=0.4).splitlines()[0])
    At peak gas (entry cost 0.36 per DAI of debt), a vault's collateral is worth 1.32 per DAI of debt.
    """

    controls = (
        Slider("n_keepers", "keepers watching N", 2.0, 50.0, 1.0, float(auctions.CRASH_KEEPERS)),
        Slider("gas_cost", "normal entry cost (per DAI of debt)", 0.01, 0.09, 0.005, auctions.CRASH_ENTRY_COST),
        Slider("gas_spike", "gas spike (multiple of normal)", 1.0, 10.0, 0.5, auctions.CRASH_GAS_SPIKE),
        Slider("precision", "keepers' rationality \u03bb", 0.1, 1000.0, 0.05, auctions.CRASH_PRECISION, log=True),
        Slider("cusp", "clip's reset threshold cusp", 0.1, 0.7, 0.05, auctions.CLIPPER_CUSP),
    )

    def make_figure(self) -> KeeperFigure:
        return KeeperFigure(n_max=N_MAX, debt_max=auctions.CRASH_TOTAL_DEBT)

    def compute(
        self,
        *,
        n_keepers: float,
        gas_cost: float,
        gas_spike: float,
        precision: float,
        cusp: float = auctions.CLIPPER_CUSP,
    ) -> dict[str, Any]:
        n = int(round(n_keepers))
        day = auctions.crash_day(
            n_keepers=n, gas_spike=gas_spike, precision=precision, entry_cost=gas_cost, cusp=cusp, buf=BUF
        )
        h = int(np.argmax(-np.diff(day.eth_price, prepend=day.eth_price[0])))  # the steepest hour: peak gas
        value = float(day.value_at_kick[h])
        floor = cusp * BUF * float(day.oracle_price[h]) * value / float(day.eth_price[h])
        peak = gas_cost * gas_spike
        flip = auctions.auction_entry(n, value, 0.0, peak, precision)
        clip = auctions.auction_entry(n, value, floor, peak, precision)
        curves = {
            name: auctions.no_entry_by_n(N_MAX, value, f, peak, precision)
            for name, f in (("flip", 0.0), ("clip", floor))
        }
        return dict(
            n=n,
            peak=peak,
            hour=h,
            value=value,
            floor=floor,
            flip=flip,
            clip=clip,
            curves=curves,
            day=day,
            precision=precision,
            gas_cost=gas_cost,
            gas_spike=gas_spike,
            cusp=cusp,
        )

    def draw(self, r: dict[str, Any]) -> None:
        d, c = r["day"], r["curves"]
        i = r["n"] - 2
        self.figure_object.update(
            keepers=N_GRID,
            no_entry_flip=c["flip"],
            no_entry_clip=c["clip"],
            my_keepers=r["n"],
            my_no_entry_flip=c["flip"][i],
            my_no_entry_clip=c["clip"][i],
            hours=d.hours,
            bad_debt_english_mdai=d.english_bad_debt,
            bad_debt_dutch_mdai=d.dutch_bad_debt,
        )

    def summary(self, r: dict[str, Any]) -> str:
        f, c, d = r["flip"], r["clip"], r["day"]
        return (
            f"At peak gas (entry cost {r['peak']:.2f} per DAI of debt), a vault's collateral is worth "
            f"{r['value']:.2f} per DAI of debt.\n"
            f"A lone keeper pays 0 in flip (prize {f.lone_gain:.2f}) and {c.lone_proceeds:.2f} in clip "
            f"(prize {c.lone_gain:.2f}); each keeper enters with {f.entry:.2f} (flip) and {c.entry:.2f} (clip); "
            f"nobody enters {f.p_none:.0%} and {c.p_none:.0%} of the time (unsold auctions are re-run).\n"
            f"Over the crash day: bad debt {d.english_bad_debt[-1]:.1f} M DAI with flip, "
            f"{d.dutch_bad_debt[-1]:.1f} M DAI with clip (N = {r['n']} keepers, normal entry cost "
            f"{r['gas_cost']:.3f}, spike x{r['gas_spike']:g}, \u03bb = {r['precision']:.3g}, cusp {r['cusp']:.2f})."
        )
