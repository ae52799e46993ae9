"""Labs of notebook 02: a strategy tournament and the replicator dynamics of 2x2 games."""

from __future__ import annotations

from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import dilemma, tournament
from coordlab.plotting.dilemma import ReplicatorFigure, TournamentFigure

__all__ = ["TournamentLab", "ReplicatorLab"]

_R, _S = tournament.AXELROD_R, tournament.AXELROD_S  # the lab varies T and P; R and S stay at Axelrod's values


class TournamentLab(Lab):
    """Axelrod's round robin (200 turns, 5 repetitions, self-play) with your payoffs and noise.

    R = 3 and S = 0 stay fixed; the sliders keep T > R > P > S and 2R > T + S.

    >>> lab = TournamentLab()
    >>> print(lab.update(T=5.0, P=1.0, noise=0.0).splitlines()[0])
    T = 5.0, R = 3, P = 1.0, S = 0, noise 0%: Tit For Tat wins with 2.63 points per turn.
    """

    controls = (
        Slider("T", "temptation T (defect on a cooperator)", 3.5, 5.9, 0.1, tournament.AXELROD_T),
        Slider("P", "punishment P (both defect)", 0.2, 2.8, 0.1, tournament.AXELROD_P),
        Slider("noise", "noise (chance a move is flipped)", 0.0, 0.2, 0.01, 0.0),
    )
    turns, repetitions, seed = tournament.AXELROD_TURNS, tournament.AXELROD_REPETITIONS, 0

    def make_figure(self) -> TournamentFigure:
        return TournamentFigure([s.name for s in tournament.STRATEGIES], [s.stochastic for s in tournament.STRATEGIES])

    def compute(self, *, T: float, P: float, noise: float) -> dict[str, Any]:
        r = tournament.round_robin(
            turns=self.turns, repetitions=self.repetitions, noise=noise, seed=self.seed, T=T, R=_R, P=P, S=_S
        )
        ranks = np.empty(len(r.players), dtype=int)
        ranks[[r.players.index(n) for n in r.ranking]] = np.arange(1, len(r.players) + 1)
        return dict(r=r, ranks=ranks, T=T, P=P, noise=noise)

    def draw(self, res: dict[str, Any]) -> None:
        self.figure_object.update(scores=res["r"].scores, ranks=res["ranks"], reward=_R)

    def summary(self, res: dict[str, Any]) -> str:
        r = res["r"]
        best = r.ranking[0]
        i_best = r.players.index(best)
        nice = {"Cooperator", "Tit For Tat", "Grudger", "Generous Tit For Tat", "Win-Stay Lose-Shift", "Tit For 2 Tats"}
        top_nice = sum(1 for name in r.ranking[:3] if name in nice)
        d = r.players.index("Defector")
        return (
            f"T = {res['T']:.1f}, R = {_R:g}, P = {res['P']:.1f}, S = {_S:g}, noise {res['noise']:.0%}: "
            f"{best} wins with {r.scores[i_best]:.2f} points per turn.\n"
            f"{top_nice} of the top 3 are 'nice' (never the first to defect); "
            f"Defector ranks {res['ranks'][d]} of {len(r.players)} with {r.scores[d]:.2f}."
        )


class ReplicatorLab(Lab):
    """Replicator dynamics of any symmetric 2x2 game, set by its two payoff gaps.

    For ``A = [[a, b], [c, d]]`` (actions A and B) the dynamics depend only on
    ``a - c`` and ``b - d``; the signs place the game among the four kinds.

    >>> lab = ReplicatorLab()
    >>> print(lab.update(gap_all_a=1.0, gap_all_b=-3.0, x0=0.8).splitlines()[0])
    Coordination (stag hunt): an unstable rest point at x* = 0.750 splits two basins.
    """

    controls = (
        Slider("gap_all_a", "a \u2212 c: A's advantage when all play A", -3.0, 3.0, 0.25, 1.0),
        Slider("gap_all_b", "b \u2212 d: A's advantage when all play B", -3.0, 3.0, 0.25, -3.0),
        Slider("x0", "starting share playing A, x\u2080", 0.0, 1.0, 0.01, 0.8),
    )
    t_max = dilemma.REPLICATOR_T_MAX

    def make_figure(self) -> ReplicatorFigure:
        return ReplicatorFigure(gap_limit=3.0, t_max=self.t_max)

    def compute(self, *, gap_all_a: float, gap_all_b: float, x0: float) -> dict[str, Any]:
        A = np.array([[gap_all_a, gap_all_b], [0.0, 0.0]])  # same dynamics as any game with these gaps
        path = dilemma.replicator_path(A, x0, t_max=self.t_max, steps=dilemma.REPLICATOR_STEPS)
        t, x = path.t, path.x
        return dict(
            kind=dilemma.game_class(A),
            rest=dilemma.interior_rest_point(A),
            t=t,
            x=x,
            gap_all_a=gap_all_a,
            gap_all_b=gap_all_b,
            x0=x0,
        )

    def draw(self, r: dict[str, Any]) -> None:
        self.figure_object.update(
            gap_all_a=r["gap_all_a"], gap_all_b=r["gap_all_b"], times=r["t"], share_a=r["x"], rest_point=r["rest"]
        )

    def summary(self, r: dict[str, Any]) -> str:
        kind, rest = r["kind"], r["rest"]
        first = {
            "dominance 1": "B dominates: every population drifts to all-B (a Prisoner's Dilemma only if also a > d, "
            "which the two gaps do not show).",
            "dominance 0": "A dominates: every population with some A drifts to all-A.",
            "coordination": f"Coordination (stag hunt): an unstable rest point at x* = {rest:.3f} splits two basins."
            if rest is not None
            else "Coordination game.",
            "anti-coordination": f"Anti-coordination (hawk\u2013dove): the mixed population x* = {rest:.3f} is stable."
            if rest is not None
            else "Anti-coordination game.",
            "degenerate": "A payoff gap is zero: one action is neutral where that gap vanishes, so "
            "the dynamics slow to a stop there.",
        }[kind]
        return (
            f"{first}\nFrom x\u2080 = {r['x0']:.2f}, the share playing A is {float(r['x'][-1]):.3f} "
            f"at t = {self.t_max:g} (a \u2212 c = {r['gap_all_a']:g}, b \u2212 d = {r['gap_all_b']:g})."
        )
