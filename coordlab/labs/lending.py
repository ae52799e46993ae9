"""Lab of notebook 09: the parameter-sync sandbox (two lending markets, one shared collateral, one pool)."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from matplotlib.figure import Figure

from coordlab import _validate as v
from coordlab.labs.base import Lab, Slider
from coordlab.models import amm, lending
from coordlab.plotting.lending import SyncFigure, sync_figure

__all__ = ["SyncLab"]

PRICE, BORROWERS, WAVES_SHOWN = lending.SYNTHETIC_PRICE, 2000, 25
A_THRESHOLD, A_BONUS = 0.80, 1.05


class SyncLab(Lab):
    """A price drop, market B's liquidation threshold and bonus, and the pool's depth → liquidations, bad debt, who
    pays.

    Market A keeps LT 80% and a 5% bonus; B starts synced with it, then you move B.

    >>> lab = SyncLab()
    >>> print(lab.update(drop=10.0, threshold=0.93, bonus=1.10, depth=600.0).splitlines()[0])
    A 10% drop, B at LT 93% / bonus 10% (A: 80% / 5%), a 600 M pool: the price ends at 1615 (1707 if B matched A), after
    17 waves.
    """

    controls = (
        Slider("drop", "initial price drop (%)", 2.0, 40.0, 1.0, 10.0),
        Slider("threshold", "market B's liquidation threshold", 0.60, 0.95, 0.01, 0.90),
        Slider("bonus", "market B's liquidation bonus (factor)", 1.00, 1.15, 0.01, 1.08),
        Slider("depth", "pool depth (M USD per side)", 100.0, 2000.0, 50.0, 600.0),
    )

    def make_figure(self) -> SyncFigure:
        return SyncFigure(price=PRICE, waves=WAVES_SHOWN, max_musd=12.0)

    _A = lending.LendingMarket.synthetic(BORROWERS, A_THRESHOLD, A_BONUS, price=PRICE, seed=1, name="A")

    def _run(self, drop: float, threshold: float, bonus: float, depth: float) -> lending.CrashOutcome:
        pool = amm.ConstantProductPool.from_depth(PRICE, depth * 1e6)
        b = lending.LendingMarket.synthetic(BORROWERS, threshold, bonus, price=PRICE, seed=2, name="B")
        shock = float(pool.sale_to_reach(PRICE * (1 - drop / 100)))
        return lending.shared_collateral_crash([self._A, b], pool, shock)

    def compute(self, *, drop: float, threshold: float, bonus: float, depth: float) -> dict[str, Any]:
        out = self._run(drop, threshold, bonus, depth)
        # the synced baseline depends only on the drop and the depth: computed once per pair
        cache = self.__dict__.setdefault("_baseline", {})
        if (drop, depth) not in cache:
            cache.clear()
            cache[(drop, depth)] = self._run(drop, A_THRESHOLD, A_BONUS, depth)
        ref = cache[(drop, depth)]
        return dict(drop=drop, threshold=threshold, bonus=bonus, depth=depth, out=out, ref=ref)

    @v.params()
    def static_figure(self) -> Figure:
        """The current result with axes fitted to it (the lab's own figure keeps axes wide enough for every
        setting).
        """
        if self.result is None:
            self.update()
        r = cast("dict[str, Any]", self.result)  # (set by update)
        return sync_figure(
            r["out"].prices, r["ref"].prices, self._costs(r["out"]), self._costs(r["ref"]), self._note(r)
        )

    @staticmethod
    def _note(r: dict[str, Any]) -> str:
        return (
            f"B: LT {r['threshold']:.0%}, bonus {r['bonus'] - 1:.0%}; LT x bonus = {r['threshold'] * r['bonus']:.2f}"
            f"\nA: LT {A_THRESHOLD:.0%}, bonus {A_BONUS - 1:.0%}; pool {r['depth']:.0f} M"
        )

    @staticmethod
    def _costs(o: lending.CrashOutcome) -> np.ndarray:
        return np.array([o.bad_debt["A"], o.penalties["A"], o.bad_debt["B"], o.penalties["B"]]) / 1e6

    def draw(self, r: dict[str, Any]) -> None:
        self.figure_object.update(
            prices_usd=r["out"].prices[: WAVES_SHOWN + 1],
            synced_prices_usd=r["ref"].prices[: WAVES_SHOWN + 1],
            costs_musd=self._costs(r["out"]),
            synced_costs_musd=self._costs(r["ref"]),
            note=self._note(r),
        )

    def summary(self, r: dict[str, Any]) -> str:
        o, ref = r["out"], r["ref"]
        first = (
            f"A {r['drop']:g}% drop, B at LT {r['threshold']:.0%} / bonus {r['bonus'] - 1:.0%} "
            f"(A: {A_THRESHOLD:.0%} / {A_BONUS - 1:.0%}), "
            f"a {r['depth']:,.0f} M pool: the price ends at {o.final_price:.0f} ({ref.final_price:.0f} if B matched "
            "A), "
            f"after {o.waves} waves."
        )
        extra_a = o.liquidated["A"] - ref.liquidated["A"]
        second = (
            f"A's borrowers liquidated: {o.liquidated['A']:,} ({extra_a:+,} because of B's choice), paying "
            f"{o.penalties['A'] / 1e6:.2f} M in penalties; bad debt: A {o.bad_debt['A'] / 1e6:.2f} M, "
            f"B {o.bad_debt['B'] / 1e6:.2f} M (synced: {ref.bad_debt['A'] / 1e6:.2f} M and "
            f"{ref.bad_debt['B'] / 1e6:.2f} M)."
        )
        warn = (
            "\nLT x bonus > 1: a position liquidated in full at the threshold owes more than its collateral can pay "
            "with the bonus, so B's liquidations leave bad debt (Aave's configurator refuses such settings)."
            if r["threshold"] * r["bonus"] > 1
            else ""
        )
        return first + "\n" + second + warn
