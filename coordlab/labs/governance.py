"""Labs of notebook 03: a power-index and quota editor, and the fee-switch trade-off."""

from __future__ import annotations

from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import stakeholders, voting
from coordlab.plotting.governance import FeeSwitchFigure, PowerFigure

__all__ = ["PowerIndexLab", "FeeSwitchLab"]

_NAMES = ("delegate A", "delegate B", "delegate C", "delegate D", "delegate E (fixed)")
_E = 5.0


class PowerIndexLab(Lab):
    """Five delegates' tokens and the quota → token share against Banzhaf and Shapley–Shubik power (exact).

    >>> lab = PowerIndexLab()
    >>> print(lab.update(a=35, b=30, c=20, d=10, quota=51).splitlines()[0])
    Quota 51% of 100 tokens. Delegate A: 35% of the tokens, 36% of the Banzhaf power, 37% of the Shapley–Shubik power.
    """

    controls = (
        Slider("a", "tokens of delegate A", 1.0, 60.0, 1.0, 35.0),
        Slider("b", "tokens of delegate B", 1.0, 60.0, 1.0, 30.0),
        Slider("c", "tokens of delegate C", 1.0, 60.0, 1.0, 20.0),
        Slider("d", "tokens of delegate D", 1.0, 60.0, 1.0, 10.0),
        Slider("quota", "quota (% of all tokens)", 50.0, 95.0, 1.0, 51.0),
    )

    def make_figure(self) -> PowerFigure:
        return PowerFigure(_NAMES)

    def compute(self, *, a: float, b: float, c: float, d: float, quota: float) -> dict[str, Any]:
        w = np.array([a, b, c, d, _E])
        q = quota / 100 * w.sum()
        return dict(
            w=w,
            share=w / w.sum(),
            q=q,
            quota=quota,
            bz=voting.banzhaf(q, w).values,
            ss=voting.shapley_shubik(q, w).values,
        )

    def draw(self, r: dict[str, Any]) -> None:
        self.figure_object.update(
            token_shares=r["share"], banzhaf=r["bz"], shapley_shubik=r["ss"], quota_share=r["quota"] / 100
        )

    def summary(self, r: dict[str, Any]) -> str:
        first = (
            f"Quota {r['quota']:.0f}% of {r['w'].sum():.0f} tokens. Delegate A: {r['share'][0]:.0%} of the "
            f"tokens, {r['bz'][0]:.0%} of the Banzhaf power, {r['ss'][0]:.0%} of the Shapley\u2013Shubik power."
        )
        powerless = [_NAMES[i].split(" (")[0] for i in range(5) if r["bz"][i] == 0]
        if powerless:
            second = f"Powerless (never decisive) despite holding tokens: {', '.join(powerless)}."
        else:
            gap = int(np.argmax(np.abs(r["bz"] - r["share"])))
            second = (
                f"Largest gap between tokens and power: {_NAMES[gap].split(' (')[0]}, "
                f"{r['share'][gap]:.0%} of tokens against {r['bz'][gap]:.0%} of Banzhaf power."
            )
        return first + "\n" + second


class FeeSwitchLab(Lab):
    """The fee switch: token holders' revenue, LPs' income and liquidity as the protocol's fee share moves.

    >>> lab = FeeSwitchLab()
    >>> print(lab.update(phi=0.2, eta=1.0, kappa=0.5, token_bloc=0.6).splitlines()[0])
    Token holders' revenue peaks at phi* = 0.75; LPs (and traders, who want depth) want phi = 0.
    """

    controls = (
        Slider("phi", "fee switch \u03c6", 0.0, 1.0, 0.01, 0.2),
        Slider("eta", "LP response to yield \u03b7", 0.0, 3.0, 0.1, stakeholders.LP_ELASTICITY),
        Slider("kappa", "volume response to depth \u03ba", 0.05, 1.0, 0.05, stakeholders.VOLUME_ELASTICITY),
        Slider("token_bloc", "votes held by pure token holders", 0.0, 1.0, 0.01, 0.4),
    )
    grid = np.linspace(0.0, 1.0, 201)

    def make_figure(self) -> FeeSwitchFigure:
        return FeeSwitchFigure()

    def compute(self, *, phi: float, eta: float, kappa: float, token_bloc: float) -> dict[str, Any]:
        curve = stakeholders.fee_switch(self.grid, eta, kappa)
        now = stakeholders.fee_switch(phi, eta, kappa)
        # two blocs: pure token holders, and LPs who hold half their stake in tokens
        vote = (
            stakeholders.token_vote([1.0, 0.5], [token_bloc, 1.0 - token_bloc], eta, kappa)
            if 0 < token_bloc < 1
            else (curve.token_optimum if token_bloc == 1 else stakeholders.ideal_fee_share(0.5, eta, kappa))
        )
        return dict(curve=curve, now=now, vote=float(vote), phi=phi, token_bloc=token_bloc, eta=eta, kappa=kappa)

    def draw(self, r: dict[str, Any]) -> None:
        c = r["curve"]
        note = (
            f"\u03b7 = {r['eta']:.1f}, \u03ba = {r['kappa']:.2f}; {r['token_bloc']:.0%} of votes with pure token "
            "holders"
            f"\nthe vote picks \u03c6 = {r['vote']:.2f}"
        )
        self.figure_object.update(
            fee_share=c.phi,
            token_revenue=c.token_revenue,
            lp_income=c.lp_income,
            tvl=c.tvl,
            token_optimum=c.token_optimum,
            my_fee_share=r["phi"],
            voted_fee_share=r["vote"],
            note=note,
        )

    def summary(self, r: dict[str, Any]) -> str:
        c, now = r["curve"], r["now"]
        efficient = (
            "on the Pareto frontier"
            if r["phi"] <= c.token_optimum + 1e-12
            else "Pareto-dominated (lowering it would help both groups)"
        )
        return (
            f"Token holders' revenue peaks at phi* = {c.token_optimum:.3g}; LPs (and traders, who want depth) "
            f"want phi = 0.\n"
            f"At phi = {r['phi']:.2f}: token revenue {float(now.token_revenue):.2f}, LP income "
            f"{float(now.lp_income):.2f}, liquidity {float(now.tvl):.2f} of its no-switch level; {efficient}.\n"
            f"With {r['token_bloc']:.0%} of the votes held by pure token holders, the vote picks "
            f"phi = {r['vote']:.2f}."
        )
