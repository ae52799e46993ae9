"""Lab of notebook 10: a shock to a stylised 2022 crypto-lending network, cleared with and without default costs."""

from __future__ import annotations

from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import contagion
from coordlab.plotting.contagion import NetworkFigure

__all__ = ["NetworkLab"]

_POS = np.array([[0.0, 2.2], [2.0, 3.2], [1.0, 1.1], [-1.3, 1.1], [3.3, 1.1], [4.3, 2.4], [3.4, 3.9], [1.5, -0.4]])


class NetworkLab(Lab):
    """Losses at the hedge fund and the exchange, and default costs → who defaults, in which wave, and who is paid.

    >>> lab = NetworkLab()
    >>> print(lab.update(fund_loss=20.0, exchange_loss=0.0, alpha=0.5, beta=0.5).splitlines()[0])
    Defaults by wave: 1: Hedge fund; 2: Prime broker, Lender V; 3: Earn programme.
    """

    controls = (
        Slider("fund_loss", "hedge fund's asset loss (%)", 0.0, 80.0, 1.0, 20.0),
        Slider("exchange_loss", "exchange's asset loss (%)", 0.0, 80.0, 1.0, 0.0),
        Slider("alpha", "recovery on external assets in default (\u03b1)", 0.1, 1.0, 0.05, contagion.EXTERNAL_RECOVERY),
        Slider(
            "beta", "recovery on interbank claims in default (\u03b2)", 0.1, 1.0, 0.05, contagion.INTERBANK_RECOVERY
        ),
    )
    network = contagion.cefi_network()
    debtors = tuple(int(i) for i in np.flatnonzero(network.pbar > 0))

    def make_figure(self) -> NetworkFigure:
        return NetworkFigure(self.network.L, _POS, self.network.names, self.debtors)

    def compute(self, fund_loss: float, exchange_loss: float, alpha: float, beta: float) -> dict[str, Any]:
        e = self.network.e.copy()
        e[contagion.CEFI_FUND] *= 1 - fund_loss / 100
        e[contagion.CEFI_EXCHANGE] *= 1 - exchange_loss / 100
        shocked = self.network.with_external(e)
        r = contagion.clear(shocked, alpha, beta)
        paid = 100 * r.p[list(self.debtors)] / self.network.pbar[list(self.debtors)]
        outside = (
            self.network.L[:, -1].sum()
            - (r.p / np.where(self.network.pbar > 0, self.network.pbar, 1) * self.network.L[:, -1]).sum()
        )
        return dict(
            r=r,
            paid=paid,
            outside_loss=outside,
            fund_loss=fund_loss,
            exchange_loss=exchange_loss,
            alpha=alpha,
            beta=beta,
        )

    def draw(self, r: dict[str, Any]) -> None:
        note = (
            f"fund \u2212{r['fund_loss']:g}%, exchange \u2212{r['exchange_loss']:g}%; "
            f"\u03b1 = {r['alpha']:.2f}, \u03b2 = {r['beta']:.2f}"
        )
        self.figure_object.update(r["r"].wave, r["paid"], note)

    def summary(self, r: dict[str, Any]) -> str:
        res, names = r["r"], self.network.names
        if not res.defaulted.any():
            first = "Nobody defaults: every institution pays its debts in full."
        else:
            parts = [
                f"{w}: " + ", ".join(names[i] for i in np.flatnonzero(res.wave == w)) for w in range(1, res.waves + 1)
            ]
            first = "Defaults by wave: " + "; ".join(parts) + "."
        return first + (
            f"\nOutside creditors (depositors, customers) lose {r['outside_loss']:.2f} bn of "
            f"{self.network.L[:, -1].sum():.2f} bn owed to them (fund \u2212{r['fund_loss']:g}%, "
            f"exchange \u2212{r['exchange_loss']:g}%, \u03b1 = {r['alpha']:.2f}, "
            f"\u03b2 = {r['beta']:.2f})."
        )
