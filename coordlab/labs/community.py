"""Lab of notebook 04: holder distribution → concentration → governance jump rate → option price."""

from __future__ import annotations

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import concentration, pricing
from coordlab.plotting.community import CommunityRiskFigure

__all__ = ["CommunityRiskLab"]

S, T, R, SIGMA, JUMP_VOL = 100.0, 0.25, 0.0, 0.6, 0.15
STRIKES = np.linspace(60.0, 160.0, 41)


class CommunityRiskLab(Lab):
    """Concentration priced into a 3-month call (spot 100, diffusion volatility 60%, jump size 15%).

    >>> lab = CommunityRiskLab()
    >>> print(lab.update(whale_share=0.2, tail_alpha=1.16, sensitivity=10.0).splitlines()[0])
    201 holders: HHI 0.072 (720 in antitrust units), Gini 0.69, Nakamoto coefficient 7 at 51%, 2 at 1/3.
    """

    controls = (
        Slider("whale_share", "the whale's share", 0.01, 0.6, 0.01, 0.2),
        Slider("tail_alpha", "tail exponent of the other holders", 0.8, 3.0, 0.05, 1.16),
        Slider("sensitivity", "jump rate's sensitivity to HHI", 0.0, 30.0, 0.5, 10.0),
    )

    def make_figure(self):
        return CommunityRiskFigure(strike_range=(60.0, 160.0), premium_range=(0.01, 100.0))

    def compute(self, whale_share, tail_alpha, sensitivity):
        holders = concentration.synthetic_holders(200, whale_share, tail_alpha)
        c = concentration.concentration(holders)
        lam = pricing.governance_jump_intensity(c.hhi, base_rate=0.5, sensitivity=sensitivity, hhi_ref=0.05)
        bs = pricing.black_scholes(S, STRIKES, T, R, SIGMA)
        premium = pricing.governance_premium(S, STRIKES, T, R, SIGMA, lam, JUMP_VOL)
        lx, ly = concentration.lorenz_curve(holders)
        i_atm = int(np.argmin(np.abs(STRIKES - S)))
        return dict(c=c, lam=lam, bs=bs, mj=bs + premium, lx=lx, ly=ly, i_atm=i_atm)

    def draw(self, r):
        i = r["i_atm"]
        premium = np.maximum(r["mj"] - r["bs"], 1e-6)  # log axis: a vanishing premium sits below the axis
        self.figure_object.update(r["lx"], r["ly"], STRIKES, premium, STRIKES[i], premium[i])

    def summary(self, r):
        c, i = r["c"], r["i_atm"]
        otm = int(np.argmin(np.abs(STRIKES - 130.0)))
        return (f"{c.holders} holders: HHI {c.hhi:.3f} ({c.hhi * 1e4:.0f} in antitrust units), Gini {c.gini:.2f}, "
                f"Nakamoto coefficient {c.nakamoto_majority} at 51%, {c.nakamoto_bft} at 1/3.\n"
                f"Governance jumps: {r['lam']:.2f} a year. At-the-money call: {r['mj'][i]:.2f} against "
                f"{r['bs'][i]:.2f} without jumps (+{r['mj'][i] - r['bs'][i]:.2f}); "
                f"strike 130: {r['mj'][otm]:.2f} against {r['bs'][otm]:.2f}.")
