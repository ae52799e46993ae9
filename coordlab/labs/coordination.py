"""Labs of notebooks 00 and 01: the stag hunt, the bank run, the global game."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import bank_run, games, global_game
from coordlab.plotting.coordination import BankRunFigure, BeliefFigure, GlobalGameFigure

__all__ = ["StagHuntLab", "BankRunLab", "GlobalGameLab"]

_P = np.linspace(0.0, 1.0, 101)


class StagHuntLab(Lab):
    """Stag hunt: how the payoff of the stag moves the belief you need to hunt it.

    Hare against stag and hare against hare both pay 3, stag alone pays 0
    (Skyrms 2004); the slider sets what a successful stag hunt pays.

    >>> lab = StagHuntLab()
    >>> print(lab.update(stag=6.0, belief=0.5))
    Threshold belief p* = 0.500: hunt stag only if you believe the other does with at least this probability.
    At your belief p = 0.50, stag pays 3.00 and hare pays 3.00: you are indifferent.
    """

    controls = (
        Slider("stag", "payoff if both hunt stag", 3.5, 10.0, 0.5, games.STAG_HUNT_STAG),
        Slider("belief", "belief p that the other hunts stag", 0.0, 1.0, 0.05, 0.5),
    )

    def make_figure(self) -> BeliefFigure:
        return BeliefFigure(ymax=10.0)

    def compute(self, *, stag: float, belief: float) -> dict[str, Any]:
        A = games.stag_hunt(stag=stag)
        curves = games.expected_payoffs(A, _P)
        u_stag, u_hare = curves.action0, curves.action1
        both = games.expected_payoffs(A, belief)
        now = (float(both.action0), float(both.action1))
        return dict(A=A, u_stag=u_stag, u_hare=u_hare, threshold=games.belief_threshold(A), belief=belief, now=now)

    def draw(self, r: dict[str, Any]) -> None:
        self.figure_object.update(
            belief=_P,
            stag_payoff=r["u_stag"],
            hare_payoff=r["u_hare"],
            threshold_belief=r["threshold"],
            my_belief=r["belief"],
            my_payoff=max(r["now"]),
        )

    def summary(self, r: dict[str, Any]) -> str:
        s, h = r["now"]
        if math.isclose(s, h, abs_tol=1e-12):
            verdict = "you are indifferent"
        else:
            verdict = f"the best response is {'Stag' if s > h else 'Hare'}"
        return (
            f"Threshold belief p* = {r['threshold']:.3f}: hunt stag only if you believe the other does "
            f"with at least this probability.\n"
            f"At your belief p = {r['belief']:.2f}, stag pays {s:.2f} and hare pays {h:.2f}: {verdict}."
        )


class BankRunLab(Lab):
    """Diamond–Dybvig: the optimal deposit contract and the run it makes possible.

    >>> lab = BankRunLab()
    >>> print(lab.update(run_share=0.5))    # half the patient depositors run
    Optimal contract: c1 = 1.160 now, c2 = 1.420 later (impatient share 0.25, R = 1.50, gamma = 2.0).
    c1 > 1, so a run is an equilibrium: waiting stops paying once more than 58.7% withdraw.
    Now 62.5% withdraw (every impatient depositor and 50% of the patient ones): waiting pays 1.101 < c1 = 1.160, so the
    patient should run too.
    """

    controls = (
        Slider("impatient_share", "impatient share \u03bb", 0.05, 0.9, 0.05, bank_run.IMPATIENT_SHARE),
        Slider("R", "long-asset return R", 1.1, 3.0, 0.05, bank_run.LONG_RETURN),
        Slider("gamma", "risk aversion \u03b3", 0.5, 5.0, 0.1, bank_run.RISK_AVERSION),
        Slider("run_share", "share of patient depositors who run", 0.0, 0.98, 0.02, 0.0),
    )
    _F = np.linspace(0.0, 0.999, 500)

    def make_figure(self) -> BankRunFigure:
        return BankRunFigure(ymax=3.2)

    def compute(self, *, impatient_share: float, R: float, gamma: float, run_share: float) -> dict[str, Any]:
        k = bank_run.optimal_contract(impatient_share=impatient_share, R=R, gamma=gamma)
        f_now = impatient_share + (1.0 - impatient_share) * run_share
        return dict(
            contract=k,
            c2=bank_run.patient_payoff(self._F, k.c1, k.R),
            f_now=f_now,
            c2_now=bank_run.patient_payoff(f_now, k.c1, k.R),
            run_share=run_share,
        )

    def draw(self, r: dict[str, Any]) -> None:
        k = r["contract"]
        self.figure_object.update(
            withdrawn_share=self._F,
            waiting_payoff=r["c2"],
            withdrawing_payoff=k.c1,
            impatient_share=k.impatient_share,
            run_threshold=k.run_threshold,
            my_withdrawn_share=r["f_now"],
            my_waiting_payoff=r["c2_now"],
        )

    def summary(self, r: dict[str, Any]) -> str:
        k = r["contract"]
        head = (
            f"Optimal contract: c1 = {k.c1:.3f} now, c2 = {k.c2:.3f} later "
            f"(impatient share {k.impatient_share:.2f}, R = {k.R:.2f}, gamma = {k.gamma:.1f}).\n"
        )
        if k.run_equilibrium:
            head += (
                f"c1 > 1, so a run is an equilibrium: waiting stops paying once more than "
                f"{100 * k.run_threshold:.1f}% withdraw.\n"
            )
        else:
            head += "c1 <= 1: waiting always pays at least R > c1, so there is no run equilibrium.\n"
        c2 = r["c2_now"]
        if c2 < k.c1:
            verdict = f"waiting pays {c2:.3f} < c1 = {k.c1:.3f}, so the patient should run too"
        else:
            verdict = f"waiting pays {c2:.3f} >= c1 = {k.c1:.3f}, so the patient should wait"
        return head + (
            f"Now {100 * r['f_now']:.1f}% withdraw (every impatient depositor and "
            f"{100 * r['run_share']:.0f}% of the patient ones): {verdict}."
        )


class GlobalGameLab(Lab):
    """Morris–Shin: costs and information precision pick the run threshold, and its probability.

    Defaults c = 0.3, alpha = 2, beta = 4, z = 1 keep theta* away from the vanishing-noise
    limit 1 - c, so the prior's pull shows. Where the equilibrium is unique, the summary adds
    the prior probability of failure, ``Phi(sqrt(alpha) (theta* - z))``.

    >>> lab = GlobalGameLab()
    >>> print(lab.update(c=0.5, alpha=5.0, beta=1.0, z=0.5))
    alpha/sqrt(beta) = 5.00 > sqrt(2 pi) = 2.51: public information dominates, and there are 3 equilibria: theta* =
    0.007, 0.500, 0.993.
    With vanishing noise the threshold would be 1 - c = 0.500.
    With several equilibria the failure probability is not pinned down.
    """

    controls = (
        Slider("c", "cost of attacking c", 0.05, 0.95, 0.05, 0.3),
        Slider("alpha", "public precision \u03b1", 0.1, 5.0, 0.1, 2.0),
        Slider("beta", "private precision \u03b2", 0.5, 1000.0, 0.05, 4.0, log=True),
        Slider("z", "public signal z (prior mean of \u03b8)", -0.5, 1.5, 0.05, 1.0),
    )
    _THETA = np.linspace(0.0005, 0.9995, 400)

    def make_figure(self) -> GlobalGameFigure:
        return GlobalGameFigure(ylim=6.0)

    def compute(self, *, c: float, alpha: float, beta: float, z: float) -> dict[str, Any]:
        sides = global_game.threshold_sides(self._THETA, c=c, alpha=alpha, beta=beta, z=z)
        lhs, rhs = sides.lhs, sides.rhs
        eq = global_game.threshold_normal(c=c, alpha=alpha, beta=beta, z=z)
        one = len(eq.theta_star) == 1
        risk = global_game.failure_probability(eq.theta_star[0], alpha=alpha, z=z) if one else None
        return dict(lhs=lhs, rhs=rhs, eq=eq, limit=global_game.threshold_uniform(c), alpha=alpha, beta=beta, risk=risk)

    def draw(self, r: dict[str, Any]) -> None:
        self.figure_object.update(
            regime_strength=self._THETA,
            left_side=r["lhs"],
            right_side=r["rhs"],
            thresholds=r["eq"].theta_star,
            vanishing_noise_limit=r["limit"],
        )

    def summary(self, r: dict[str, Any]) -> str:
        eq, ratio = r["eq"], r["alpha"] / math.sqrt(r["beta"])
        if len(eq.theta_star) == 1:
            text = (
                f"alpha/sqrt(beta) = {ratio:.2f} {'<=' if eq.unique else '>'} sqrt(2 pi) = 2.51: "
                f"one equilibrium. The regime fails iff theta < theta* = {eq.theta_star[0]:.3f}; "
                f"agents attack iff their signal x < x* = {eq.x_star[0]:.3f}."
            )
        else:
            listed = ", ".join(f"{t:.3f}" for t in eq.theta_star)
            text = (
                f"alpha/sqrt(beta) = {ratio:.2f} > sqrt(2 pi) = 2.51: public information dominates, "
                f"and there are {len(eq.theta_star)} equilibria: theta* = {listed}."
            )
        text += f"\nWith vanishing noise the threshold would be 1 - c = {r['limit']:.3f}."
        if r["risk"] is not None:
            text += (
                f"\nBefore the signals, the regime fails with probability "
                f"Phi(sqrt(alpha)(theta* - z)) = {100 * r['risk']:.1f}%."
            )
        else:
            text += "\nWith several equilibria the failure probability is not pinned down."
        return text
