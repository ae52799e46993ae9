"""Lab of notebook 04: holder distribution → concentration → governance jump rate → the implied-volatility skew."""

from __future__ import annotations

from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import concentration, pricing
from coordlab.plotting.community import CommunityRiskFigure

__all__ = ["CommunityRiskLab"]

# A 1-month option on a token at 100, diffusion volatility 60% a year, no interest; each governance jump has a
# log size drawn from N(jump_mean, JUMP_VOL**2). The jump rate is the notebook's stated mapping from HHI.
S, T, R, SIGMA, JUMP_VOL = 100.0, 1.0 / 12.0, 0.0, 0.6, 0.10
BASE_RATE, HHI_REF = pricing.GOVERNANCE_BASE_RATE, pricing.GOVERNANCE_HHI_REF
STRIKES = np.linspace(60.0, 160.0, 41)
_STRIKES = STRIKES.tolist()
LOW_STRIKE, HIGH_STRIKE = 70.0, 130.0


class CommunityRiskLab(Lab):
    """Concentration priced into a 1-month option: jump rate from HHI, then Merton against Black–Scholes at equal
    variance.

    >>> lab = CommunityRiskLab()
    >>> print(lab.update(whale_share=0.2, tail_alpha=1.16, sensitivity=10.0, jump_mean=-0.2).splitlines()[0])
    201 holders: HHI 0.072 (720 in antitrust units), Gini 0.69, Nakamoto coefficient 7 at 51%, 2 at 1/3.
    """

    controls = (
        Slider("whale_share", "the whale's share", 0.01, 0.6, 0.01, concentration.SYNTHETIC_WHALE_SHARE),
        Slider("tail_alpha", "tail exponent of the other holders", 0.8, 3.0, 0.05, concentration.SYNTHETIC_TAIL_ALPHA),
        Slider("sensitivity", "jump rate's sensitivity to HHI", 0.0, 15.0, 0.5, pricing.GOVERNANCE_SENSITIVITY),
        Slider("jump_mean", "mean log size of a governance jump", -0.3, 0.0, 0.05, -0.2),
    )

    def make_figure(self) -> CommunityRiskFigure:
        return CommunityRiskFigure(strike_range=(60.0, 160.0), ratio_range=(0.7, 1.3))

    def compute(self, *, whale_share: float, tail_alpha: float, sensitivity: float, jump_mean: float) -> dict[str, Any]:
        # plain lists to the models: coordlab._validate builds a repr of an ndarray argument on every call
        # (about 15 ms for 200 holders on a loaded machine), of a list only its first items
        holders = concentration.synthetic_holders(concentration.SYNTHETIC_HOLDERS, whale_share, tail_alpha).tolist()
        c = concentration.concentration(holders)
        jump_rate = pricing.governance_jump_intensity(
            c.hhi, base_rate=BASE_RATE, sensitivity=sensitivity, hhi_ref=HHI_REF
        )
        smile = pricing.governance_smile(S, _STRIKES, T, R, SIGMA, jump_rate, jump_mean, JUMP_VOL)
        lorenz = concentration.lorenz_curve(holders)
        lx, ly = lorenz.holders_share, lorenz.holdings_share
        i_atm = int(np.argmin(np.abs(STRIKES - S)))
        return dict(
            c=c,
            jump_rate=jump_rate,
            smile=smile,
            lx=lx,
            ly=ly,
            i_atm=i_atm,
            whale_share=whale_share,
            tail_alpha=tail_alpha,
            sensitivity=sensitivity,
            jump_mean=jump_mean,
        )

    def draw(self, r: dict[str, Any]) -> None:
        s, i = r["smile"], r["i_atm"]
        ratio = s.implied_vol / s.total_vol
        self.figure_object.update(
            holder_share=r["lx"],
            token_share=r["ly"],
            strikes=STRIKES,
            vol_ratio=ratio,
            atm_strike=STRIKES[i],
            atm_vol_ratio=ratio[i],
        )

    def summary(self, r: dict[str, Any]) -> str:
        c, s, i = r["c"], r["smile"], r["i_atm"]
        lo = int(np.argmin(np.abs(STRIKES - LOW_STRIKE)))
        hi = int(np.argmin(np.abs(STRIKES - HIGH_STRIKE)))
        iv = s.implied_vol
        return (
            f"{c.holders} holders: HHI {c.hhi:.3f} ({c.hhi * 1e4:.0f} in antitrust units), Gini {c.gini:.2f}, "
            f"Nakamoto coefficient {c.nakamoto_majority} at 51%, {c.nakamoto_bft} at 1/3.\n"
            f"Whale {r['whale_share']:.0%}, tail exponent {r['tail_alpha']:.2f}, sensitivity {r['sensitivity']:g}: "
            f"{r['jump_rate']:.2f} jumps a year of mean log size {r['jump_mean']:+.2f}; total volatility "
            f"{s.total_vol:.1%} (diffusion 60%).\n"
            f"1-month implied volatility: {iv[lo]:.1%} at strike 70, {iv[i]:.1%} at 100, {iv[hi]:.1%} at 130 "
            f"(Black\u2013Scholes at the same variance: {s.total_vol:.1%} at every strike); "
            f"at-the-money call {s.merton[i]:.2f} against {s.black_scholes_same_variance[i]:.2f}."
        )
