"""Every public function refuses bad input with a clear error that names the parameter.

The table below has a row for each public callable of the package's validated modules.
``test_every_public_name_has_a_row`` fails when a module's ``__all__`` gains a name that is
neither in the table nor in ``EXEMPT`` (with its reason), so a new function cannot ship
without its bad-input checks (CONTRIBUTING.md, "Adding a model").
"""

from __future__ import annotations

import importlib
import math

import numpy as np
import pytest

MODULES = [
    "coordlab.models.games",
    "coordlab.models.bank_run",
    "coordlab.models.global_game",
    "coordlab.models.dilemma",
    "coordlab.models.tournament",
    "coordlab.models.voting",
    "coordlab.models.stakeholders",
    "coordlab.models.concentration",
    "coordlab.models.sentiment",
    "coordlab.models.pricing",
    "coordlab.models.behaviour",
    "coordlab.models.auctions",
    "coordlab.models.amm",
    "coordlab.models.pegs",
    "coordlab.models.sizing",
    "coordlab.models.perps",
    "coordlab.models.cascade",
    "coordlab.models.lending",
    "coordlab.models.contagion",
    "coordlab.models.consensus",
    "coordlab.models.sequencer",
    "coordlab.models.statemachine",
    "coordlab.models.capstone",
    "coordlab.course",
    "coordlab.classroom",
    "coordlab.exercises.check",
    "coordlab.doctor",
    "coordlab.plotting.style",
    "coordlab.plotting.coordination",
    "coordlab.plotting.dilemma",
    "coordlab.plotting.governance",
    "coordlab.plotting.community",
    "coordlab.plotting.liquidations",
    "coordlab.plotting.pegs",
    "coordlab.plotting.sizing",
    "coordlab.plotting.cascade",
    "coordlab.plotting.lending",
    "coordlab.plotting.contagion",
    "coordlab.plotting.consensus",
    "coordlab.plotting.sequencer",
    "coordlab.plotting.statemachine",
    "coordlab.plotting.capstone",
]

NAN, INF = math.nan, math.inf
# Bad values every real-number parameter must refuse: wrong types, and non-finite numbers.
NOT_REAL = ["0.5", None, True, [0.5], NAN, INF, -INF]
NOT_REAL_OR_NONE = [x for x in NOT_REAL if x is not None]  # for parameters where None means "the default rule"
NOT_MATRIX = ["A", 3.0, None, [[1.0, NAN], [0.0, 1.0]], [[1.0, 2.0], [3.0]], [[True, False], [False, True]]]
NOT_ARRAY = ["0.5", None, True, ["a"], [0.5, NAN], [INF]]
SH = [[4.0, 0.0], [3.0, 3.0]]
RAY = 10**27
NOT_B = ["B", 3.0, [[1.0, NAN], [0.0, 1.0]]]  # B=None is valid: the symmetric game


def _hawkes_path():
    from coordlab.models.sentiment import HawkesPath

    return HawkesPath(times=np.array([1.0]), t_max=3.0, mu=0.5, alpha=1.0, beta=2.0)


_HAWKES = _hawkes_path()


def _cascade_inputs():
    from coordlab.models import cascade, perps

    return cascade.Market.from_depth(2000.0, 1e6), perps.crowd_book(20, seed=1)


_MARKET, _BOOK = _cascade_inputs()


def _lending_inputs():
    from coordlab.models import lending

    return lending.LendingMarket.synthetic(10, 0.8, 1.05, name="A")


_LENDING = _lending_inputs()


def _network_inputs():
    from coordlab.models import contagion

    return contagion.Network([[0, 1], [0.5, 0]], [1.0, 1.0])


_NETWORK = _network_inputs()


def _loan():
    from coordlab.models import statemachine

    return statemachine.Loan()


_LOAN = _loan()


def _capstone_inputs():
    from coordlab.models import capstone

    return capstone.SCENARIOS["Leverage flush"], capstone.Parameters()


_SCENARIO, _PARAMS = _capstone_inputs()


def _submission():
    from coordlab.classroom import Submission

    return Submission("Mine", 1.0, (1.0, 0.0, 1.0, 0.0))


_SUBMISSION = _submission()


def _call(name):
    mod, _, fn = name.rpartition(".")
    return getattr(importlib.import_module(mod), fn)


# name -> (valid keyword arguments, {parameter: [bad values]})
TABLE = {
    "coordlab.models.games.stag_hunt": (
        dict(stag=4.0, sucker=0.0, hare_vs_stag=3.0, hare=3.0),
        {"stag": NOT_REAL + [2.0], "sucker": NOT_REAL + [3.5], "hare_vs_stag": NOT_REAL + [5.0], "hare": NOT_REAL},
    ),
    "coordlab.models.games.coordination_game": (
        dict(a=2.0, b=0.0, c=0.0, d=1.0),
        {"a": NOT_REAL + [-1.0], "b": NOT_REAL + [2.0], "c": NOT_REAL + [3.0], "d": NOT_REAL},
    ),
    "coordlab.models.games.equilibria": (
        dict(A=SH, B=None),
        {"A": NOT_MATRIX + [[1.0, 2.0]], "B": NOT_B + [[[1.0, 2.0, 3.0]]]},
    ),
    "coordlab.models.games.expected_payoffs": (
        dict(A=SH, p=0.5),
        {"A": NOT_MATRIX + [np.eye(3)], "p": NOT_ARRAY + [-0.1, 1.1, [0.2, 1.2]]},
    ),
    "coordlab.models.games.belief_threshold": (dict(A=SH), {"A": NOT_MATRIX + [np.eye(3)]}),
    "coordlab.models.games.risk_dominant": (
        dict(A=SH, B=None), {"A": NOT_MATRIX + [np.eye(3)], "B": NOT_B + [np.eye(3)]},
    ),
    "coordlab.models.games.payoff_dominant": (
        dict(A=SH, B=None), {"A": NOT_MATRIX + [np.eye(3)], "B": NOT_B + [np.eye(3)]},
    ),
    "coordlab.models.games.replicator_velocity": (
        dict(A=SH, x=0.5), {"A": NOT_MATRIX + [np.eye(3)], "x": NOT_ARRAY + [-0.1, 1.5]},
    ),
    "coordlab.models.bank_run.optimal_contract": (
        dict(lam=0.25, R=1.5, gamma=2.0),
        {"lam": NOT_REAL + [0.0, 1.0, -0.2], "R": NOT_REAL + [1.0, 0.5, 1e3], "gamma": NOT_REAL + [0.0, -1.0, 1e3]},
    ),
    "coordlab.models.bank_run.crra_utility": (
        dict(c=1.5, gamma=2.0), {"c": NOT_ARRAY + [0.0, -1.0, [1.0, 0.0]], "gamma": NOT_REAL + [0.0]},
    ),
    "coordlab.models.bank_run.expected_utility": (
        dict(c1=1.1, lam=0.25, R=1.5, gamma=2.0),
        {"c1": NOT_REAL + [0.0, 4.0, 10.0], "lam": NOT_REAL + [1.0], "R": NOT_REAL + [0.9], "gamma": NOT_REAL + [-2.0]},
    ),
    "coordlab.models.bank_run.patient_payoff": (
        dict(f=0.3, c1=1.2, R=1.5), {"f": NOT_ARRAY + [1.0, -0.1, [0.2, 1.0]], "c1": NOT_REAL + [0.0], "R": NOT_REAL + [1.0]},
    ),
    "coordlab.models.bank_run.run_threshold": (
        dict(c1=1.2, R=1.5), {"c1": NOT_REAL + [0.0, -1.0], "R": NOT_REAL + [1.0]},
    ),
    "coordlab.models.global_game.threshold_uniform": (dict(c=0.3), {"c": NOT_REAL + [0.0, 1.0, 2.0]}),
    "coordlab.models.global_game.uniqueness_holds": (
        dict(alpha=1.0, beta=1.0), {"alpha": NOT_REAL + [0.0, 1e5], "beta": NOT_REAL + [0.0, 1e9]},
    ),
    "coordlab.models.global_game.threshold_sides": (
        dict(theta=[0.2, 0.5], c=0.5, alpha=1.0, beta=10.0, z=0.5),
        {"theta": NOT_ARRAY + [0.0, 1.0, [0.5, 1.5]], "c": NOT_REAL + [1.0], "alpha": NOT_REAL + [0.0],
         "beta": NOT_REAL + [-1.0], "z": NOT_REAL + [11.0]},
    ),
    "coordlab.models.global_game.threshold_normal": (
        dict(c=0.5, alpha=1.0, beta=10.0, z=0.5),
        {"c": NOT_REAL + [0.0], "alpha": NOT_REAL + [-1.0, 2e4], "beta": NOT_REAL + [0.0, 2e8], "z": NOT_REAL + [-11.0]},
    ),
    "coordlab.models.dilemma.prisoners_dilemma": (
        dict(T=5.0, R=3.0, P=1.0, S=0.0),
        {"T": NOT_REAL + [2.0, 7.0, 1e7], "R": NOT_REAL + [0.5], "P": NOT_REAL + [4.0], "S": NOT_REAL + [2.0]},
    ),
    "coordlab.models.dilemma.hawk_dove": (
        dict(V=2.0, C=4.0), {"V": NOT_REAL + [0.0, -1.0, 5.0], "C": NOT_REAL + [0.0, 1.0]},
    ),
    "coordlab.models.dilemma.cooperation_thresholds": (
        dict(T=5.0, R=3.0, P=1.0, S=0.0), {"T": NOT_REAL + [3.0], "S": NOT_REAL + [1.5]},
    ),
    "coordlab.models.dilemma.deviation_payoffs": (
        dict(w=0.5, T=5.0, R=3.0, P=1.0, S=0.0),
        {"w": NOT_ARRAY + [1.0, -0.1, [0.5, 1.0]], "R": NOT_REAL + [5.0]},
    ),
    "coordlab.models.dilemma.game_class": (dict(A=SH), {"A": NOT_MATRIX + [np.eye(3)]}),
    "coordlab.models.dilemma.interior_rest_point": (dict(A=SH), {"A": NOT_MATRIX + [np.eye(3)]}),
    "coordlab.models.dilemma.replicator_path": (
        dict(A=SH, x0=0.5, t_max=5.0, steps=50),
        {"A": NOT_MATRIX, "x0": NOT_ARRAY + [1.5, [0.2, -0.1]], "t_max": NOT_REAL + [0.0, 1e5],
         "steps": [0, 2.5, "10", None, True, 10**6]},
    ),
    "coordlab.models.tournament.strategy": (dict(name="Tit For Tat"), {"name": [None, 1, "TFT", "tit for tat"]}),
    "coordlab.models.tournament.play_match": (
        dict(player_a="Tit For Tat", player_b="Random", turns=10, noise=0.0, seed=0),
        {"player_a": [None, "TFT", 3], "player_b": [None, "x"], "turns": [0, 2.0, None, "5", 10**6],
         "noise": NOT_REAL + [-0.1, 1.5], "seed": [-1, 1.5, "0"], "T": NOT_REAL + [2.0]},
    ),
    "coordlab.models.tournament.round_robin": (
        dict(players=["Tit For Tat", "Defector"], turns=10, repetitions=2, noise=0.0, seed=0),
        {"players": ["Tit For Tat", [], ["TFT"], ["Defector", "Defector"], 3],
         "turns": [0, 1.5, None], "repetitions": [0, 2.5, 5000, None], "noise": NOT_REAL + [2.0],
         "seed": [-3, 0.5], "self_play": [None, 1, "no"], "P": NOT_REAL + [3.5]},
    ),
    "coordlab.models.tournament.discounted_scores": (
        dict(player="Tit For Tat", opponent="Defector", w=0.5, turns=100),
        {"player": [None, "TFT", "Random"], "opponent": ["Generous Tit For Tat", 1], "w": NOT_ARRAY + [0.999, -0.5],
         "turns": [0, 1.5, None]},
    ),
    "coordlab.models.voting.banzhaf": (
        dict(weights=[4, 4, 4, 2, 2, 1], quota=12, normalized=True, method="auto", samples=1000, seed=0),
        {"weights": NOT_ARRAY + [[1, -2], [[1, 2], [3, 4]], [0, 0]], "quota": NOT_REAL + [0.0, 18.0],
         "normalized": [None, 1, "yes"], "method": [None, "fast", 1], "samples": [10, 1.5, None],
         "seed": [-1, 0.5, None]},
    ),
    "coordlab.models.voting.shapley_shubik": (
        dict(weights=[4, 4, 4, 2, 2, 1], quota=12, method="auto", samples=1000, seed=0),
        {"weights": NOT_ARRAY + [[1, -2]], "quota": NOT_REAL + [-1.0, 100.0], "method": ["exact!", None],
         "samples": [0, 2.0]},
    ),
    "coordlab.models.voting.ve_lock_end": (
        dict(now=0, unlock_time=10 * 604800), {"now": [-1, 1.5, None, "0"], "unlock_time": [-5, 2.5, None, 3]},
    ),
    "coordlab.models.voting.ve_voting_power": (
        dict(amount=10**18, end=100, now=0), {"amount": [-1, 1.0, None, "1"], "end": [-1, 1.5], "now": [-2, None]},
    ),
    "coordlab.models.voting.flash_loan_attack": (
        dict(treasury=1e6, circulating_votes=1e6, token_price=1.0),
        {"treasury": NOT_REAL + [-1.0], "circulating_votes": NOT_REAL + [0.0], "token_price": NOT_REAL + [0.0],
         "threshold": NOT_REAL + [0.0, 1.0], "fee_rate": NOT_REAL + [-0.1, 0.5],
         "attacker_votes": NOT_REAL + [-1.0, 2e6], "snapshot": [None, 1, "no"], "timelock_blocks": [-1, 1.5, None]},
    ),
    "coordlab.models.stakeholders.fee_switch": (
        dict(phi=[0.0, 0.5], eta=1.0, kappa=0.5),
        {"phi": NOT_ARRAY + [1.5, [-0.1, 0.5]], "eta": NOT_REAL + [-1.0, 6.0], "kappa": NOT_REAL + [0.0, 3.0]},
    ),
    "coordlab.models.stakeholders.ideal_fee_share": (
        dict(token_weight=0.8, eta=1.0, kappa=0.5),
        {"token_weight": NOT_ARRAY + [1.5], "eta": NOT_REAL + [6.0], "kappa": NOT_REAL + [2.5]},
    ),
    "coordlab.models.stakeholders.token_vote": (
        dict(token_weights=[1.0, 0.5], stakes=[60, 40]),
        {"token_weights": NOT_ARRAY + [[1.0], [1.5, 0.5]], "stakes": NOT_ARRAY + [[-1, 2], [0, 0], [1, 2, 3]],
         "eta": NOT_REAL, "kappa": NOT_REAL},
    ),
    "coordlab.models.concentration.shares": (dict(holdings=[2, 1, 1]), {"holdings": NOT_ARRAY + [[0, 0], [1, -1], [[1, 2]]]}),
    "coordlab.models.concentration.hhi": (dict(holdings=[2, 1, 1]), {"holdings": NOT_ARRAY + [[0, 0], [-1, 2]]}),
    "coordlab.models.concentration.gini": (dict(holdings=[2, 1, 1]), {"holdings": NOT_ARRAY + [[0.0], [-1, 2]]}),
    "coordlab.models.concentration.lorenz_curve": (dict(holdings=[2, 1, 1]), {"holdings": NOT_ARRAY + [[-3]]}),
    "coordlab.models.concentration.nakamoto_coefficient": (
        dict(holdings=[2, 1, 1], threshold=0.51), {"holdings": NOT_ARRAY + [[0]], "threshold": NOT_REAL + [0.0, 1.0]},
    ),
    "coordlab.models.concentration.synthetic_holders": (
        dict(n=10, whale_share=0.2, tail_alpha=1.16),
        {"n": [0, 2.5, None, 10**6], "whale_share": NOT_REAL + [1.0, -0.1], "tail_alpha": NOT_REAL + [0.1, 20.0]},
    ),
    "coordlab.plotting.community.hawkes_figure": (
        dict(t=[0.0, 1.0], intensity=[0.5, 0.6], event_times=[0.5], mean_intensity=1.0),
        {"t": NOT_ARRAY + [[0.0, 1.0, 2.0], [-1.0, 1.0]], "intensity": NOT_ARRAY + [[-1.0, 0.5]],
         "event_times": ["x", [NAN]], "mean_intensity": NOT_REAL + [-1.0]},
    ),
    "coordlab.models.concentration.concentration": (dict(holdings=[2, 1, 1]), {"holdings": NOT_ARRAY + [[]]}),
    "coordlab.models.sentiment.trust_matrix": (
        dict(W=[[0.5, 0.5], [0.25, 0.75]]), {"W": NOT_MATRIX + [[[0.5, 0.5]], [[1.5, -0.5], [0.5, 0.5]], [[0.5, 0.6], [0.5, 0.5]]]},
    ),
    "coordlab.models.sentiment.influence_weights": (
        dict(W=[[0.5, 0.5], [0.25, 0.75]]), {"W": NOT_MATRIX + [[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]]},
    ),
    "coordlab.models.sentiment.degroot": (
        dict(W=[[0.5, 0.5], [0.25, 0.75]], x0=[1.0, 0.0], steps=5),
        {"W": NOT_MATRIX, "x0": NOT_ARRAY + [[1.0, 0.0, 2.0]], "steps": [-1, 2.5, None, 10**6]},
    ),
    "coordlab.models.sentiment.hawkes_branching_ratio": (
        dict(alpha=0.5, beta=1.0), {"alpha": NOT_REAL + [-0.1, 2.0], "beta": NOT_REAL + [0.0, 0.25]},
    ),
    "coordlab.models.sentiment.hawkes_mean_intensity": (
        dict(mu=1.0, alpha=0.5, beta=1.0), {"mu": NOT_REAL + [0.0], "alpha": NOT_REAL + [1.0], "beta": NOT_REAL},
    ),
    "coordlab.models.sentiment.simulate_hawkes": (
        dict(mu=1.0, alpha=0.5, beta=1.0, t_max=10.0, seed=0),
        {"mu": NOT_REAL + [-1.0], "alpha": NOT_REAL + [1.5], "beta": NOT_REAL + [0.0], "t_max": NOT_REAL + [0.0, 1e6],
         "seed": [-1, 1.5, None]},
    ),
    "coordlab.models.sentiment.hawkes_intensity": (
        dict(path=_HAWKES, t=[0.5, 1.5]), {"path": [None, [1.0, 2.0], "path"], "t": NOT_ARRAY + [-1.0]},
    ),
    "coordlab.models.pricing.black_scholes": (
        dict(S=42.0, K=40.0, T=0.5, r=0.1, sigma=0.2, kind="call"),
        {"S": NOT_REAL + [0.0], "K": NOT_ARRAY + [0.0, [40.0, -1.0]], "T": NOT_REAL + [0.0, 200.0],
         "r": NOT_REAL + [2.0], "sigma": NOT_REAL + [0.0, 11.0], "kind": ["Call", None, 1]},
    ),
    "coordlab.models.pricing.merton_jump_diffusion": (
        dict(S=100.0, K=100.0, T=0.5, r=0.08, v_total=0.25, lam=1.0, gamma=0.25),
        {"S": NOT_REAL, "K": NOT_ARRAY, "v_total": NOT_REAL + [0.0], "lam": NOT_REAL + [-1.0, 1e-9, 2000.0],
         "gamma": NOT_REAL + [1.0, -0.1], "tol": NOT_REAL + [0.1, 0.0], "kind": ["straddle"]},
    ),
    "coordlab.models.pricing.governance_jump_intensity": (
        dict(hhi=0.1), {"hhi": NOT_REAL + [0.0, 1.5], "base_rate": NOT_REAL + [-1.0], "sensitivity": NOT_REAL + [60.0],
                        "hhi_ref": NOT_REAL + [0.0]},
    ),
    "coordlab.models.pricing.governance_premium": (
        dict(S=100.0, K=110.0, T=0.25, r=0.0, sigma=0.6, lam=2.0, jump_vol=0.2),
        {"sigma": NOT_REAL + [0.0], "lam": NOT_REAL + [-2.0, 1e-9], "jump_vol": NOT_REAL + [-0.1, 6.0],
         "T": NOT_REAL, "kind": [None]},
    ),
    "coordlab.models.behaviour.qre_path": (
        dict(A=[[9, 0], [0, 1]], B=[[0, 1], [1, 0]], lams=[0.0, 1.0]),
        {"A": NOT_MATRIX + [[[1.0, 2.0]]], "B": NOT_B + [[[1.0, 2.0, 3.0]]], "lams": NOT_ARRAY + [[1.0, 0.5], [-1.0], []]},
    ),
    "coordlab.models.behaviour.logit_qre": (
        dict(A=[[9, 0], [0, 1]], B=[[0, 1], [1, 0]], lam=1.0), {"A": NOT_MATRIX, "lam": NOT_REAL + [-1.0, 2e4]},
    ),
    "coordlab.models.behaviour.level_k_guesses": (
        dict(p=0.5, levels=3, anchor=50.0), {"p": NOT_REAL + [0.0, 1.0], "levels": [-1, 2.5, None, 1000], "anchor": NOT_REAL + [150.0]},
    ),
    "coordlab.models.behaviour.cognitive_hierarchy_guess": (
        dict(tau=1.5, p=0.5, levels=10), {"tau": NOT_REAL + [0.0, 50.0], "p": NOT_REAL + [1.5], "levels": [0, 1.5, 500],
                                           "anchor": NOT_REAL + [-1.0]},
    ),
    "coordlab.models.behaviour.volunteer_dilemma": (
        dict(n=4, benefit=1.0, cost=0.3), {"n": [1, 2.0, None, "4", 10**5], "benefit": NOT_REAL + [0.0], "cost": NOT_REAL + [0.0, 1.0, 2.0]},
    ),
    "coordlab.models.behaviour.volunteer_qre": (
        dict(n=4, benefit=1.0, cost=0.3, lam=5.0), {"n": [0, 3.5], "cost": NOT_REAL + [1.5], "lam": NOT_REAL + [-1.0, 1e5]},
    ),
    "coordlab.models.auctions.rmul": (dict(x=RAY, y=RAY), {"x": [-1, 1.5, None, "1"], "y": [-1, 2.0**80, 2**256]}),
    "coordlab.models.auctions.rpow": (dict(x=RAY // 2, n=3, b=RAY), {"x": [-1, 0.5, None], "n": [-1, 1.5], "b": [0, -1, 1.0]}),
    "coordlab.models.auctions.linear_decrease": (
        dict(top=1000 * RAY, dur=360, tau=3600), {"top": [-1, 1.0, None], "dur": [-1, 1.5], "tau": [0, -3600, 3600.0]},
    ),
    "coordlab.models.auctions.stairstep_exponential_decrease": (
        dict(top=1000 * RAY, dur=60, cut=RAY // 2, step=60),
        {"top": [-1, None], "dur": [1.5], "cut": [RAY + 1, -1, 0.99], "step": [0, -1, 60.0]},
    ),
    "coordlab.models.auctions.exponential_decrease": (
        dict(top=1000 * RAY, dur=60, cut=RAY // 2), {"top": ["1"], "dur": [-5], "cut": [2 * RAY, 0.5]},
    ),
    "coordlab.models.auctions.clip_status": (
        dict(top=100 * RAY, price=50 * RAY, dur=10, tail=3600, cusp=RAY // 2),
        {"top": [0, -1, None], "price": [-1, 1.5], "dur": [-1], "tail": [-1, 1.5], "cusp": [RAY + 1, -1]},
    ),
    "coordlab.models.auctions.auction_outcome": (
        dict(n_keepers=10, gas_cost=0.4, lam=20.0),
        {"n_keepers": [1, 10.5, None, 5000], "gas_cost": NOT_REAL + [0.0, 1.0, 2.0], "lam": NOT_REAL + [-1.0],
         "collateral_ratio": NOT_REAL + [0.0, 20.0], "keeper_margin": NOT_REAL + [0.6, -0.1], "benefit": NOT_REAL + [0.0]},
    ),
    "coordlab.models.auctions.replay": (
        dict(n_keepers=5), {"n_keepers": [1, 2.5], "gas_spike": NOT_REAL + [0.5, 30.0], "lam": NOT_REAL + [-1.0],
                            "base_gas_cost": NOT_REAL + [0.0, 0.9], "total_debt": NOT_REAL + [0.0, 1e5]},
    ),
    "coordlab.models.amm.get_amount_out": (
        dict(amount_in=10**18, reserve_in=10**20, reserve_out=10**20),
        {"amount_in": [0, -1, 1.5, None, "1"], "reserve_in": [0, 2.0**70], "reserve_out": [-5, None]},
    ),
    "coordlab.models.amm.get_amount_in": (
        dict(amount_out=10**18, reserve_in=10**20, reserve_out=10**20),
        {"amount_out": [0, 10**20, 10**21, 1.0], "reserve_in": [0, "x"], "reserve_out": [0]},
    ),
    "coordlab.models.amm.sell_price_impact": (
        dict(amount=10.0, depth=100.0), {"amount": NOT_ARRAY + [-1.0], "depth": NOT_ARRAY + [0.0]},
    ),
    "coordlab.models.amm.stableswap_D": (
        dict(xp=[10**20, 10**20], amp=100), {"xp": [None, "xp", [10**20], [0, 10**20], [1.5, 2.0], list(range(1, 11))],
                                             "amp": [0, 1.5, 10**7, None]},
    ),
    "coordlab.models.amm.stableswap_y": (
        dict(i=0, j=1, x=2 * 10**20, xp=[10**20, 10**20], amp=100),
        {"i": [-1, 2, 0.5], "j": [0, 5], "x": [0, -1, 1.5], "xp": [[10**20]], "amp": [0]},
    ),
    "coordlab.models.pegs.critical_depth": (
        dict(flow=10.0), {"flow": NOT_REAL + [-1.0], "sigma0": NOT_REAL + [2.0], "beta": NOT_REAL + [0.0],
                          "sigma_max": NOT_REAL + [0.2]},
    ),
    "coordlab.models.pegs.lp_spiral": (
        dict(depth0=25.0, flow=10.0, periods=5),
        {"depth0": NOT_ARRAY + [0.0, [1.0, -1.0]], "flow": NOT_REAL, "eta": NOT_REAL + [0.0, 20.0], "periods": [0, 1.5, None],
         "shock": NOT_REAL + [-1.0], "shock_period": [-1, 6, 2.5]},
    ),
    "coordlab.models.pegs.terra_spread": (
        dict(offer=1e6, base_pool=50e6, delta=0.0),
        {"offer": NOT_REAL + [-1.0], "base_pool": NOT_REAL + [0.0], "delta": NOT_REAL + [-1.0], "min_spread": NOT_REAL + [1.0]},
    ),
    "coordlab.models.pegs.terra_spiral": (
        dict(days=1, blocks_per_hour=10),
        {"redemptions_per_day": NOT_REAL + [0.0], "days": [0, 31, 1.5], "base_pool": NOT_REAL + [0.0],
         "recovery_blocks": [0, 2.5], "luna_price0": NOT_REAL + [0.0], "luna_supply0": NOT_REAL, "market_depth": NOT_REAL + [0.0],
         "blocks_per_hour": [0, 5000], "min_spread": NOT_REAL + [1.0], "halt_price": NOT_REAL + [0.0, 2.0]},
    ),
    "coordlab.models.pegs.ampleforth_rebase": (
        dict(price=0.5), {"price": NOT_ARRAY + [-0.5], "target": NOT_REAL + [0.0], "lower": NOT_REAL + [0.0, -2.0],
                          "upper": NOT_REAL + [0.0], "growth": NOT_REAL + [0.0], "threshold": NOT_REAL + [2.0]},
    ),
    "coordlab.models.sizing.kelly_fraction": (
        dict(p=0.6, b=1.0), {"p": NOT_REAL + [0.0, 1.0, 1.5], "b": NOT_REAL + [0.0, -1.0]},
    ),
    "coordlab.models.sizing.growth_rate": (
        dict(f=0.2, p=0.6, b=1.0), {"f": NOT_ARRAY + [1.0, -0.1, [0.2, 1.2]], "p": NOT_REAL + [0.0], "b": NOT_REAL + [0.0]},
    ),
    "coordlab.models.sizing.max_growth_bits": (dict(p=0.6), {"p": NOT_REAL + [0.0, 1.0]}),
    "coordlab.models.sizing.continuous_kelly": (
        dict(mu=0.1, sigma=0.2), {"mu": NOT_REAL + [50.0], "sigma": NOT_REAL + [0.0, -0.2], "r": NOT_REAL + [2.0]},
    ),
    "coordlab.models.sizing.fractional_growth": (
        dict(c=0.5, mu=0.1, sigma=0.2), {"c": NOT_ARRAY + [-0.5, 11.0], "mu": NOT_REAL, "sigma": NOT_REAL + [0.0], "r": NOT_REAL},
    ),
    "coordlab.models.sizing.drawdown_probability": (
        dict(x=0.5, c=1.0, horizon=1.0), {"x": NOT_REAL + [0.0, 1.0], "c": NOT_REAL + [0.0, 11.0],
                                          "horizon": NOT_REAL_OR_NONE + [0.0, -1.0], "sharpe": NOT_REAL + [0.0]},
    ),
    "coordlab.models.sizing.simulate_bets": (
        dict(p=0.6, b=1.0, fraction=0.2, bets=10, paths=10),
        {"p": NOT_REAL + [1.0], "b": NOT_REAL + [0.0], "fraction": NOT_REAL + [1.0, -0.1], "bets": [0, 2.5, None, 10**6],
         "paths": [0, 10**7, 1.0], "seed": [-1, 1.5, None], "keep": [-1, 11, 0.5]},
    ),
    "coordlab.models.sizing.simulate_gbm_drawdown": (
        dict(x=0.5, c=1.0, steps=5, paths=10),
        {"x": NOT_REAL + [1.0], "c": NOT_REAL + [0.0], "sharpe": NOT_REAL + [0.0], "horizon": NOT_REAL + [0.0],
         "steps": [0, 1.5], "paths": [1, None], "seed": [-3]},
    ),
    "coordlab.models.sizing.ergodicity_coin": (
        dict(rounds=5, paths=10),
        {"up": NOT_REAL + [0.0], "down": NOT_REAL + [1.0, 0.0], "rounds": [0, 2.0], "paths": [0], "seed": [-1],
         "keep": [11, -1]},
    ),
    "coordlab.models.sizing.recursive_loop": (
        dict(borrow_ratio=0.7, loops=5),
        {"borrow_ratio": NOT_REAL + [0.0, 0.75, 0.9], "loops": [0, 2.5, None], "collateral_factor": NOT_REAL + [0.0, 1.0]},
    ),
    "coordlab.models.perps.liquidation_price": (
        dict(entry=2000.0, leverage=10.0, mmr=0.01),
        {"entry": NOT_ARRAY + [0.0, -1.0], "leverage": NOT_ARRAY + [0.5, 2000.0, 100.0], "mmr": NOT_REAL + [-0.1, 0.6, 0.2],
         "side": ["up", None, 1]},
    ),
    "coordlab.models.perps.hyperliquid_mmr": (dict(max_leverage=50.0), {"max_leverage": NOT_REAL + [0.5, 5000.0]}),
    "coordlab.models.perps.liquidation_probability": (
        dict(distance=0.01, sigma=0.8, hours=24.0),
        {"distance": NOT_ARRAY + [0.0, 1.0, -0.1], "sigma": NOT_REAL + [0.0], "hours": NOT_ARRAY + [0.0, -1.0]},
    ),
    "coordlab.models.perps.crowd_book": (
        dict(n=10),
        {"n": [0, 2.5, None], "price": NOT_REAL + [0.0], "seed": [-1], "max_leverage": NOT_REAL + [1.0, 500.0],
         "mean_leverage": NOT_REAL + [1.0, 60.0], "mmr": NOT_REAL_OR_NONE + [0.03]},
    ),
    "coordlab.plotting.sizing.ladder_figure": (
        dict(fall_pct=[0.0, 5.0, 10.0], cumulative_notional=[0.0, 1.0, 3.0]),
        {"fall_pct": NOT_ARRAY + [[0.0, 5.0], [-1.0, 5.0, 10.0]], "cumulative_notional": NOT_ARRAY + [[0.0, -1.0, 2.0]],
         "marks": NOT_ARRAY + [[150.0]]},
    ),
    "coordlab.plotting.sizing.coin_figure": (
        dict(rounds=[0, 1, 2], ensemble_mean=[0, 0.1, 0.2], median=[0, -0.1, -0.2], sample=[[0, 0.2, 0.0]],
             ensemble_growth=0.05, time_growth=-0.05),
        {"rounds": NOT_ARRAY + [[0, 1]], "ensemble_mean": NOT_ARRAY, "median": NOT_ARRAY, "sample": NOT_ARRAY + [[[0, 1]]],
         "ensemble_growth": NOT_REAL + [-1.0], "time_growth": NOT_REAL + [20.0]},
    ),
    "coordlab.models.cascade.cascade": (
        dict(market=_MARKET, book=_BOOK, shock=1.0), {"shock": NOT_REAL + [-1.0], "market": [None, "pool"], "book": [None, 3.0]},
    ),
    "coordlab.models.cascade.stress_test": (
        dict(system=lambda d: (_MARKET, _BOOK), params=[1.0], shocks=[0.0, 1.0]), {"system": [None, 3.0], "params": NOT_ARRAY + [[[1.0, 2.0]]], "shocks": NOT_ARRAY + [[-1.0], [[0.0]]]},
    ),
    "coordlab.models.cascade.flash_crash": (
        dict(minutes=5),
        {"order": NOT_REAL + [-1.0], "participation": NOT_REAL + [0.0, 1.5], "base_volume": NOT_REAL + [0.0],
         "depth": NOT_REAL + [0.0], "hot_potato": NOT_REAL + [-1.0, 200.0], "mm_tolerance": NOT_REAL + [0.0],
         "mm_withdrawal": NOT_REAL + [1.0, -0.1], "stop_density": NOT_REAL + [-5.0], "value_buyers": NOT_REAL + [-1.0],
         "minutes": [0, 1.5, None], "price": NOT_REAL + [0.0]},
    ),
    "coordlab.plotting.cascade.stress_figure": (
        dict(params=[1.0, 2.0], shocks=[0.0, 1.0, 2.0], share=[[0, 0.5, 1], [0, 0, 1]], tipping=[0.5, float("inf")]),
        {"params": NOT_ARRAY + [[1.0]], "shocks": NOT_ARRAY + [[-1.0, 0.0, 1.0]], "share": NOT_ARRAY + [[[0, 2, 1], [0, 0, 1]]],
         "tipping": [None, "x", [0.5, NAN], [1.0]], "param_label": [None, 3]},
    ),
    "coordlab.models.lending.ray_mul": (dict(a=RAY, b=RAY), {"a": [-1, 1.5, None, "1"], "b": [-1, 2.0**300]}),
    "coordlab.models.lending.ray_div": (dict(a=RAY, b=RAY), {"a": [-1, 0.5], "b": [0, -1, None]}),
    "coordlab.models.lending.percent_mul": (dict(value=100, percentage=5000), {"value": [-1, 1.0], "percentage": [-5, None]}),
    "coordlab.models.lending.percent_div": (dict(value=100, percentage=5000), {"value": [-1], "percentage": [0, 2.5]}),
    "coordlab.models.lending.aave_rates": (
        dict(available=10**18, debt=10**18, optimal=8 * RAY // 10, base=0, slope1=4 * RAY // 100, slope2=RAY, reserve_factor=1000),
        {"available": [-1, 1.0], "debt": [None, -5], "optimal": [0, RAY, 0.8], "base": [-1], "slope1": [1.5],
         "slope2": ["x"], "reserve_factor": [-1, 10001, 0.1]},
    ),
    "coordlab.models.lending.compound_rates": (
        dict(cash=10**18, borrows=10**18, reserves=0, base_per_year=0, multiplier_per_year=10**17, jump_per_year=10**18,
             kink=8 * 10**17, reserve_factor=10**17),
        {"cash": [-1, 1.5], "borrows": [None], "reserves": [-1, 3 * 10**18], "base_per_year": [-1],
         "multiplier_per_year": [0.5], "jump_per_year": ["1"], "kink": [0, 2 * 10**18], "reserve_factor": [-1, 2 * 10**18]},
    ),
    "coordlab.models.lending.health_factor": (
        dict(collateral_base=[10**8], thresholds_bps=[8000], debt_base=10**8),
        {"collateral_base": [[], [-1], [1.5], "1", None], "thresholds_bps": [[20000], [8000, 8000], [0.8]],
         "debt_base": [-1, 1.0, None]},
    ),
    "coordlab.models.lending.aave_close_factor": (dict(hf=10**18), {"hf": [-1, 0.5, None]}),
    "coordlab.models.lending.aave_liquidation": (
        dict(debt_to_cover=10**6, user_debt=10**6, user_collateral=10**18, hf=9 * 10**17, collateral_price=10**11,
             debt_price=10**8, collateral_decimals=18, debt_decimals=6, bonus_bps=10500),
        {"debt_to_cover": [-1, 1.0], "user_debt": [None], "user_collateral": ["1"], "hf": [10**18, -1],
         "collateral_price": [0], "debt_price": [0, 1.5], "collateral_decimals": [-1, 40], "debt_decimals": [37],
         "bonus_bps": [9999, 20001], "protocol_fee_bps": [-1, 10001]},
    ),
    "coordlab.models.lending.morpho_lif": (dict(lltv=86 * 10**16), {"lltv": [-1, 10**18, 0.86, None]}),
    "coordlab.models.lending.maker_bark": (
        dict(art=10**18, rate=RAY, chop=113 * 10**16, Hole=10**50, Dirt=0, hole=10**50, dirt=0, dust=0),
        {"art": [0, -1, 1.5], "rate": [0], "chop": [10**17], "Hole": [0], "Dirt": [10**51, -1], "hole": [0],
         "dirt": [10**51], "dust": [-1, None]},
    ),
    "coordlab.models.lending.keeper_incentive": (dict(tab=10**45, tip=0, chip=10**15),
                                                 {"tab": [-1], "tip": [1.5], "chip": [-1, 2 * 10**18]}),
    "coordlab.models.lending.cover_deficit": (
        dict(deficit=1.0, insurance_fund=0.5, profits=[1.0], leverage=[2.0]),
        {"deficit": NOT_REAL + [-1.0], "insurance_fund": NOT_REAL + [-1.0], "profits": NOT_ARRAY + [[1.0, 2.0]],
         "leverage": NOT_ARRAY + [[0.5]]},
    ),
    "coordlab.models.lending.shared_collateral_crash": (
        dict(markets=_LENDING, pool=_MARKET, shock=1.0),
        {"markets": [None, [], ["A"], 3.0], "pool": [None, "pool"], "shock": NOT_REAL + [-1.0], "max_waves": [0, 1.5]},
    ),
    "coordlab.plotting.lending.rate_curves_figure": (
        dict(usage=[0.0, 0.5, 1.0], curves={"a": [0.0, 0.1, 0.5]}, lltv=[0.5, 0.9], lif=[1.15, 1.03]),
        {"usage": NOT_ARRAY + [[0.0, 2.0, 1.0]], "curves": [None, {}, {"a": [0.0, 0.1]}, {"a": [0.0, NAN, 0.1]}],
         "lltv": [x for x in NOT_ARRAY if x is not None] + [[2.0, 0.5]], "lif": [[0.5, 1.1], [1.1]]},
    ),
    "coordlab.models.contagion.clear": (
        dict(network=_NETWORK), {"network": [None, [[0, 1], [0, 0]]], "alpha": NOT_REAL + [1.5, -0.1], "beta": NOT_REAL + [2.0]},
    ),
    "coordlab.models.contagion.random_network": (
        dict(n=5), {"n": [1, 2.5, None, 20000], "p_link": NOT_REAL + [1.5], "scale": NOT_REAL + [0.0], "buffer": NOT_REAL + [-1.0],
                    "seed": [-1, 0.5], "names": [("a",), 3]},
    ),
    "coordlab.models.contagion.shock_scenarios": (
        dict(network=_NETWORK, sigma=0.1, rho=0.5, scenarios=3),
        {"network": [None], "sigma": NOT_REAL + [-0.1, 6.0], "rho": NOT_REAL + [1.5], "scenarios": [0, 2.5],
         "seed": [-1], "alpha": NOT_REAL + [1.1], "beta": NOT_REAL},
    ),
    "coordlab.models.contagion.opacity_gap": (
        dict(network=_NETWORK, node=1, e_shocked=[1.0, 1.0]),
        {"network": [None], "node": [-1, 2, 0.5, None], "e_shocked": NOT_ARRAY + [[1.0], [-1.0, 1.0]],
         "alpha": NOT_REAL + [2.0], "beta": NOT_REAL + [-1.0]},
    ),
    "coordlab.models.contagion.usdc_dai_network": (
        dict(svb_recovery=0.5), {"svb_recovery": NOT_REAL + [1.5, -0.1], "dai_supply": NOT_REAL + [0.0],
                                 "dai_usdc": NOT_REAL + [-1.0, 6.0]},
    ),
    "coordlab.plotting.contagion.defaults_figure": (
        dict(defaults_by_label={"a": [0, 1, 2]}, n=5),
        {"defaults_by_label": [None, {}, {"a": [0, 9]}, {"a": ["x"]}], "n": [0, 1.5, None]},
    ),
    "coordlab.models.consensus.double_spend_probability": (dict(q=0.1, z=5), {"q": NOT_REAL + [-0.1, 1.5], "z": [-1, 2.5, None, "5"]}),
    "coordlab.models.consensus.confirmations_needed": (
        dict(q=0.1), {"q": NOT_REAL + [0.5, -0.1], "risk": NOT_REAL + [0.0, 1.0], "max_z": [0, 1.5]},
    ),
    "coordlab.models.consensus.selfish_revenue": (dict(alpha=0.3, gamma=0.5), {"alpha": NOT_ARRAY + [0.6, -0.1], "gamma": NOT_ARRAY + [1.5]}),
    "coordlab.models.consensus.selfish_threshold": (dict(gamma=0.5), {"gamma": NOT_ARRAY + [-0.5, 2.0]}),
    "coordlab.models.consensus.simulate_selfish_mining": (
        dict(alpha=0.3, gamma=0.5, blocks=10, chains=5),
        {"alpha": NOT_REAL + [0.6], "gamma": NOT_REAL + [1.1], "blocks": [0, 2.5], "chains": [0, 10**5], "seed": [-1, None]},
    ),
    "coordlab.models.consensus.bft": (dict(n=4), {"n": [0, -3, 4.0, None, "4"]}),
    "coordlab.models.consensus.inactivity_leak": (dict(offline=0.4, max_epochs=10), {"offline": NOT_REAL + [1.0, -0.1], "max_epochs": [0, 1.5]}),
    "coordlab.models.consensus.settlement_risk": (
        dict(window_minutes=60.0, attacker_share=0.3, depth=6),
        {"window_minutes": NOT_REAL + [-1.0], "attacker_share": ["0.3", True, NAN, 1.5], "depth": [-1, 2.5],
         "block_minutes": NOT_REAL + [0.0]},
    ),
    "coordlab.plotting.consensus.leak_figure": (
        dict(paths={"a": ([0.0, 1.0], [0.5, 0.6])}),
        {"paths": [None, {}, {"a": ([0.0, 1.0], [0.5])}, {"a": ([0.0, 1.0], [0.5, 2.0])}]},
    ),
    "coordlab.models.sequencer.chainlink_gate": (
        dict(answer=0, started_at=0, now=10), {"answer": [2, -1, 0.0, None], "started_at": [-1, 1.5], "now": [-1, 1.5],
                                              "grace": [-1, None]},
    ),
    "coordlab.models.sequencer.aave_sentinel_allows": (
        dict(answer=0, last_update=0, now=10, grace=5), {"answer": [3], "last_update": [-5], "now": [None], "grace": [0.5]},
    ),
    "coordlab.models.sequencer.force_inclusion_hours": (dict(chain="OP Mainnet"), {"chain": ["Base", None, 3]}),
    "coordlab.models.sequencer.simulate_outages": (
        dict(rate_per_year=1.0, median_hours=1.0, years=1.0),
        {"rate_per_year": NOT_REAL + [-1.0], "median_hours": NOT_REAL + [0.0], "years": NOT_REAL + [0.0],
         "seed": [-1, 0.5], "spread": NOT_REAL + [-0.1]},
    ),
    "coordlab.models.sequencer.outage_liquidations": (
        dict(outage_hours=1.0, grace_hours=0.5, sigma=1.0, n=10, paths=3),
        {"outage_hours": NOT_REAL + [-1.0, 1e4], "grace_hours": NOT_REAL + [-1.0], "sigma": NOT_REAL + [-0.5],
         "n": [0, 2.5], "paths": [0], "topup": NOT_REAL + [1.5], "threshold": NOT_REAL + [1.0], "bonus": NOT_REAL + [0.9],
         "override": [None, 1], "seed": [-1]},
    ),
    "coordlab.models.sequencer.price_paths": (
        dict(hours=1.0, sigma=1.0), {"hours": NOT_REAL + [0.0], "sigma": NOT_REAL + [-1.0], "k": [0, 1.5],
                                     "steps_per_hour": [0], "seed": [-1]},
    ),
    "coordlab.models.sequencer.liquidation_race": (
        dict(value=1.0, n_bots=3, ordering="fcfs", rounds=5),
        {"value": NOT_REAL + [0.0], "n_bots": [0, 2.5], "ordering": ["fifo", None], "cost_spread": NOT_REAL + [2.0],
         "rounds": [0], "seed": [-1]},
    ),
    "coordlab.models.statemachine.step": (
        dict(state=_LOAN, event=("price", 100)), {"state": [None, 3], "event": [None, "price", (), (3,), ("fly", 1),
                                                                                 ("price", -1), ("deposit", 1.5)]},
    ),
    "coordlab.models.statemachine.state_hash": (dict(state=_LOAN), {"state": [None, "loan"]}),
    "coordlab.models.statemachine.replay": (
        dict(initial=_LOAN, events=[("price", 100)]), {"initial": [None], "events": [None, "events", 3, [("price", 1.5)]]},
    ),
    "coordlab.models.statemachine.liquidation_lowers_hf": (
        dict(hf=0.9, lt=0.8, bonus=1.05), {"hf": NOT_REAL + [0.0], "lt": NOT_REAL + [0.0, 1.5], "bonus": NOT_REAL + [0.9]},
    ),
    "coordlab.models.statemachine.hf_after_liquidation": (
        dict(hf=0.9, lt=0.8, bonus=1.05, fraction=0.5),
        {"hf": NOT_REAL + [0.0], "lt": NOT_REAL + [1.5], "bonus": NOT_REAL + [3.0], "fraction": NOT_REAL + [1.0, -0.1]},
    ),
    "coordlab.models.capstone.run": (
        dict(scenario=_SCENARIO, params=_PARAMS),
        {"scenario": [None, "Black Thursday"], "params": [None, {}], "fund_share": NOT_REAL + [1.5],
         "fund_equity": NOT_REAL + [-1.0]},
    ),
    "coordlab.classroom.load_submissions": (None, {"folder": [None, 3, "/nonexistent/coordlab-submissions"]}),
    "coordlab.classroom.classroom_tournament": (
        dict(submissions=[_SUBMISSION]), {"submissions": [None, "a.json", ["a.json"]], "turns": [0, 1.5],
                                          "repetitions": [0], "noise": NOT_REAL + [1.5], "include": [("Nobody",)]},
    ),
    "coordlab.classroom.evolve": (
        dict(payoff_matrix=[[3.0, 0.0], [5.0, 1.0]]), {"payoff_matrix": NOT_MATRIX + [[[1.0, 2.0]], [[-1.0, 0.0], [0.0, 1.0]]],
                                                       "generations": [0, 1.5, None]},
    ),
    "coordlab.course.notebook": (dict(number="01"), {"number": [1, None, "1", "99", "01 "]}),
    "coordlab.exercises.check.check": (dict(key="01.1", answer="Stag"), {"key": [None, 1.1, "1.1", "99.9"]}),
    "coordlab.exercises.check.exercise": (
        None,  # registering a valid exercise changes global state: only the refusals are tested
        {"item": [None, "01.1", 3.0]},
    ),
    "coordlab.doctor.report": (dict(details=False), {"details": [None, 1, "yes"]}),
    "coordlab.plotting.style.new_figure": (
        dict(width=4.0, height=3.0, ncols=2),
        {"width": NOT_REAL + [0.5, 100.0], "height": NOT_REAL + [0.0], "ncols": [0, 7, 2.0, "2", None, True]},
    ),
    "coordlab.plotting.style.to_png": (None, {"fig": [None, "fig", 1.0]}),
    "coordlab.plotting.style.freeze_layout": (None, {"fig": [None, "fig", 1.0]}),
    "coordlab.plotting.dilemma.threshold_figure": (
        dict(w=[0.1, 0.5], gain_defect=[1.0, 0.0], gain_alternate=[0.5, 0.1], grim=0.5, tft=0.667),
        {"w": NOT_ARRAY + [[0.1, 1.5], [0.5]], "gain_defect": NOT_ARRAY + [[1.0, 2.0, 3.0]],
         "gain_alternate": NOT_ARRAY, "grim": NOT_REAL + [1.5], "tft": NOT_REAL + [-0.1]},
    ),
    "coordlab.plotting.coordination.course_map": (None, {"notebooks": [[None], ["01"], [], 3.0]}),
}

# Public names that take no arguments to validate, with the reason.
EXEMPT = {
    "coordlab.models.games.Equilibrium": "a frozen result record built by equilibria()",
    "coordlab.models.bank_run.DepositContract": "a frozen result record built by optimal_contract()",
    "coordlab.models.global_game.GlobalGameThreshold": "a frozen result record built by threshold_normal()",
    "coordlab.models.dilemma.CooperationThresholds": "a frozen result record built by cooperation_thresholds()",
    "coordlab.models.tournament.Strategy": "a strategy record; STRATEGIES holds the library",
    "coordlab.models.tournament.STRATEGIES": "a constant (the strategy library)",
    "coordlab.models.tournament.MatchResult": "a frozen result record built by play_match()",
    "coordlab.models.tournament.TournamentResult": "a frozen result record built by round_robin()",
    "coordlab.models.voting.PowerIndex": "a frozen result record built by banzhaf() and shapley_shubik()",
    "coordlab.models.voting.WEEK": "a constant (Curve's VotingEscrow.vy)",
    "coordlab.models.voting.MAXTIME": "a constant (Curve's VotingEscrow.vy)",
    "coordlab.models.voting.FlashLoanAttack": "a frozen result record built by flash_loan_attack()",
    "coordlab.models.stakeholders.FeeSwitch": "a frozen result record built by fee_switch()",
    "coordlab.models.concentration.Concentration": "a frozen result record built by concentration()",
    "coordlab.models.sentiment.HawkesPath": "a frozen result record built by simulate_hawkes()",
    "coordlab.models.behaviour.QREPoint": "a frozen result record built by qre_path()",
    "coordlab.models.behaviour.VolunteerEquilibrium": "a frozen result record built by volunteer_dilemma()",
    "coordlab.models.auctions.RAY": "a constant (MakerDAO's fixed-point base, 10**27)",
    "coordlab.models.auctions.AuctionOutcome": "a frozen result record built by auction_outcome()",
    "coordlab.models.auctions.BlackThursday": "a frozen result record built by replay()",
    "coordlab.plotting.pegs.LiquidityTrapFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.pegs.TerraFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.liquidations.KeeperFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.models.amm.ConstantProductPool": "a frozen pool; validates its reserves on construction (tests/test_amm_pegs.py)",
    "coordlab.models.amm.StableSwapPool": "a frozen pool; validates balances, amp and fee on construction",
    "coordlab.models.pegs.TerraPath": "a frozen result record built by terra_spiral()",
    "coordlab.models.sizing.BetPaths": "a frozen result record built by simulate_bets()",
    "coordlab.models.sizing.CoinRun": "a frozen result record built by ergodicity_coin()",
    "coordlab.models.perps.PositionBook": "validates every array on construction (tests/test_sizing_perps.py)",
    "coordlab.plotting.sizing.KellyFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.sizing.LeverageFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.models.cascade.Market": "validates its reserves and fee on construction (tests/test_cascade.py)",
    "coordlab.models.cascade.CascadeResult": "a frozen result record built by cascade()",
    "coordlab.models.cascade.LiquidationCascade": "checks its market and book types on construction (tests/test_cascade.py)",
    "coordlab.models.cascade.FlashCrash": "a frozen result record built by flash_crash()",
    "coordlab.plotting.cascade.CascadeFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.cascade.FlashCrashFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.models.lending.WAD": "a constant (1e18)",
    "coordlab.models.lending.RAY": "a constant (1e27)",
    "coordlab.models.lending.PERCENTAGE_FACTOR": "a constant (1e4)",
    "coordlab.models.lending.LendingMarket": "validates its arrays and terms on construction (tests/test_lending.py)",
    "coordlab.models.lending.CrashOutcome": "a frozen result record built by shared_collateral_crash()",
    "coordlab.plotting.lending.SyncFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.models.contagion.Network": "validates L, e and names on construction (tests/test_contagion.py)",
    "coordlab.models.contagion.Clearing": "a frozen result record built by clear()",
    "coordlab.models.contagion.ShockScenarios": "a frozen result record built by shock_scenarios()",
    "coordlab.models.contagion.cefi_network": "takes no arguments",
    "coordlab.models.contagion.CEFI_FUND": "a constant (a node index)",
    "coordlab.models.contagion.CEFI_EXCHANGE": "a constant (a node index)",
    "coordlab.plotting.contagion.NetworkFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.contagion.WAVE_STYLES": "a constant",
    "coordlab.models.consensus.LeakPath": "a frozen result record built by inactivity_leak()",
    "coordlab.models.consensus.SECONDS_PER_SLOT": "a constant (consensus-specs mainnet config)",
    "coordlab.models.consensus.SLOTS_PER_EPOCH": "a constant (consensus-specs mainnet preset)",
    "coordlab.models.consensus.MIN_EPOCHS_TO_INACTIVITY_PENALTY": "a constant (consensus-specs mainnet preset)",
    "coordlab.plotting.consensus.ConsensusFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.models.sequencer.GRACE_PERIOD_TIME": "a constant (Chainlink's sample consumer)",
    "coordlab.models.sequencer.FORCE_INCLUSION": "a constant (forced-inclusion delays and their sources)",
    "coordlab.models.sequencer.OutageOutcome": "a frozen result record built by outage_liquidations()",
    "coordlab.plotting.sequencer.OutageFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.models.statemachine.IllegalTransition": "an exception class",
    "coordlab.models.statemachine.Loan": "validates its integer fields on construction (tests/test_statemachine.py)",
    "coordlab.models.statemachine.Auction": "validates its integer fields on construction (tests/test_statemachine.py)",
    "coordlab.models.statemachine.LOAN_STATUSES": "a constant",
    "coordlab.models.statemachine.AUCTION_STATUSES": "a constant",
    "coordlab.plotting.statemachine.StateFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.statemachine.STATE_POSITIONS": "a constant",
    "coordlab.models.capstone.Scenario": "validates its fields on construction (tests/test_capstone.py)",
    "coordlab.models.capstone.SCENARIOS": "a constant (the named scenarios)",
    "coordlab.models.capstone.Parameters": "validates its fields on construction (tests/test_capstone.py)",
    "coordlab.models.capstone.Scorecard": "a frozen result record built by run()",
    "coordlab.plotting.capstone.CapstoneFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.capstone.STAKEHOLDERS": "a constant",
    "coordlab.classroom.Submission": "a frozen record built by load_submissions() from validated files",
    "coordlab.classroom.MAX_BYTES": "a constant (the largest submission file)",
    "coordlab.course.Notebook": "a frozen registry record",
    "coordlab.course.NOTEBOOKS": "a constant (the registry)",
    "coordlab.course.Term": "a frozen glossary record",
    "coordlab.course.GLOSSARY": "a constant (the glossary; tests/test_site.py checks it against the course map)",
    "coordlab.course.TERMS": "a constant (the notebooks' terms; tests/test_site.py checks each is in its notebook)",
    "coordlab.exercises.check.Feedback": "a frozen result record built by the checks",
    "coordlab.exercises.check.Numeric": "an exercise record; its check() turns every answer into feedback",
    "coordlab.exercises.check.Choice": "an exercise record; its check() turns every answer into feedback",
    "coordlab.exercises.check.REGISTRY": "a constant (the exercise registry)",
    "coordlab.doctor.Check": "a frozen result record built by checks()",
    "coordlab.doctor.checks": "takes no arguments",
    "coordlab.doctor.main": "takes no arguments",
    "coordlab.plotting.style.PALETTE": "a constant",
    "coordlab.plotting.style.LINESTYLES": "a constant",
    "coordlab.plotting.style.MARKERS": "a constant",
    "coordlab.plotting.style.RC": "a constant",
    "coordlab.plotting.style.LiveFigure": "a base class; subclasses draw model results, never user input",
    "coordlab.plotting.coordination.MAP_POSITIONS": "a constant",
    "coordlab.plotting.community.CommunityRiskFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.governance.PowerFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.governance.FeeSwitchFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.dilemma.TournamentFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.dilemma.ReplicatorFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.coordination.BeliefFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.coordination.BasinFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.coordination.BankRunFigure": "draws model results passed by a lab (tests/test_labs.py)",
    "coordlab.plotting.coordination.GlobalGameFigure": "draws model results passed by a lab (tests/test_labs.py)",
}

CASES = [
    pytest.param(name, param, bad, id=f"{name.rsplit('.', 1)[1]}-{param}-{bad!r}"[:90])
    for name, (_, bads) in TABLE.items()
    for param, values in bads.items()
    for bad in values
]


def test_every_public_name_has_a_row():
    public = {f"{m}.{n}" for m in MODULES for n in importlib.import_module(m).__all__}
    missing = sorted(public - set(TABLE) - set(EXEMPT))
    assert not missing, f"add these to TABLE (or EXEMPT, with the reason) in {__file__}: {missing}"
    stale = sorted((set(TABLE) | set(EXEMPT)) - public)
    assert not stale, f"these rows name nothing public any more: {stale}"


@pytest.mark.parametrize("name", [n for n, (ok, _) in TABLE.items() if ok is not None])
def test_valid_row_is_accepted(name):
    valid, _ = TABLE[name]
    _call(name)(**valid)


@pytest.mark.parametrize("name, param, bad", CASES)
def test_bad_value_is_refused_with_a_message_naming_the_parameter(name, param, bad):
    valid, _ = TABLE[name]
    kwargs = {**(valid or {}), param: bad}
    with pytest.raises((ValueError, TypeError)) as err:
        _call(name)(**kwargs)
    assert type(err.value) in (ValueError, TypeError), f"{type(err.value).__name__}: {err.value}"
    assert param in str(err.value), f"the message should name {param!r}: {err.value}"
