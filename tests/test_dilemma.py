"""The Prisoner's Dilemma, Axelrod's thresholds, and replicator dynamics (coordlab.models.dilemma).

Sources: Axelrod (1980) payoffs 5, 3, 1, 0; Axelrod (1981) Proposition 2 (TFT collectively
stable iff w >= max((T-R)/(T-P), (T-R)/(R-S))); Maynard Smith (1982) hawk-dove ESS V/C;
nashpy's replicator_dynamics (Knight & Campbell 2018) as the independent integrator.
"""

from __future__ import annotations

import math

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import dilemma, games
from shared_defaults import default


@st.composite
def pd_payoffs(draw):
    S = draw(st.floats(-5, 5))
    P = S + draw(st.floats(0.1, 5))
    R = P + draw(st.floats(0.1, 5))
    T = R + draw(st.floats(0.1, 0.99)) * (R - S)  # T < 2R - S
    return T, R, P, S


def test_axelrod_payoffs_and_unique_equilibrium():
    A = dilemma.prisoners_dilemma()
    assert A.tolist() == [[3.0, 0.0], [5.0, 1.0]]
    eqs = games.equilibria(A)
    assert [(e.row, e.col, e.payoffs) for e in eqs] == [((0.0, 1.0), (0.0, 1.0), (1.0, 1.0))]


@pytest.mark.parametrize(
    "T, R, P, S, condition",
    [
        (3, 3, 1, 0, "T > R > P > S"),
        (5, 3, 3, 0, "T > R > P > S"),
        (5, 3, 1, 1, "T > R > P > S"),
        (7, 3, 1, 0, "2R > T \\+ S"),
        (6, 3, 1, 0, "2R > T \\+ S"),
    ],
)
def test_not_a_dilemma_is_refused_naming_the_condition(T, R, P, S, condition):
    with pytest.raises(ValueError, match=condition):
        dilemma.prisoners_dilemma(T, R, P, S)


def test_axelrod_thresholds():
    th = dilemma.cooperation_thresholds(5, 3, 1, 0)
    assert th.grim == pytest.approx(2 / 4)
    assert th.against_alternation == pytest.approx(2 / 3)
    assert th.tit_for_tat == pytest.approx(2 / 3)
    # with a mild temptation the always-defect bound binds instead
    th = dilemma.cooperation_thresholds(T=4, R=3, P=2, S=0)
    assert th.grim == pytest.approx(1 / 2) and th.against_alternation == pytest.approx(1 / 3)
    assert th.tit_for_tat == th.grim


@settings(max_examples=60, deadline=None)
@given(pd_payoffs())
def test_thresholds_are_where_deviations_stop_paying(tps):
    T, R, P, S = tps
    th = dilemma.cooperation_thresholds(T, R, P, S)
    assert 0 < th.grim < 1 and 0 < th.against_alternation < 1
    for w_star, key in ((th.grim, "always_defect"), (th.against_alternation, "alternate")):
        at = dilemma.deviation_payoffs(w_star, T, R, P, S)
        assert at.cooperate == pytest.approx(getattr(at, key), rel=1e-9, abs=1e-9)
        below = dilemma.deviation_payoffs(w_star * 0.9, T, R, P, S)
        assert getattr(below, key) > below.cooperate
        above = dilemma.deviation_payoffs(w_star + 0.5 * (1 - w_star), T, R, P, S)
        assert getattr(above, key) < above.cooperate


def test_hawk_dove_ess_is_v_over_c():
    for V, C in ((2, 4), (1, 3), (3, 10)):
        A = dilemma.hawk_dove(V, C)
        assert dilemma.interior_rest_point(A) == pytest.approx(V / C)
        assert dilemma.game_class(A) == "anti-coordination"
        mixed = [e for e in games.equilibria(A) if not e.is_pure]
        assert mixed[0].row[0] == pytest.approx(V / C)


def test_game_classes():
    assert dilemma.game_class(dilemma.prisoners_dilemma()) == "dominance 1"
    assert dilemma.game_class([[3, 2], [1, 0]]) == "dominance 0"
    assert dilemma.game_class(games.stag_hunt()) == "coordination"
    assert dilemma.game_class([[1, 1], [1, 0]]) == "degenerate"
    assert dilemma.interior_rest_point(games.stag_hunt()) == games.belief_threshold(games.stag_hunt())


@pytest.mark.parametrize(
    "A, x0",
    [
        (dilemma.prisoners_dilemma(), 0.9),
        (dilemma.hawk_dove(2, 4), 0.1),
        (games.stag_hunt(), 0.8),
        (games.stag_hunt(), 0.7),
    ],
)
def test_replicator_path_matches_nashpy(A, x0):
    path = dilemma.replicator_path(A, x0, t_max=8.0, steps=400)
    t, x = path.t, path.x
    ref = nashpy.Game(A, A.T).replicator_dynamics(y0=np.array([x0, 1 - x0]), timepoints=t)
    assert x == pytest.approx(ref[:, 0], abs=1e-5)


def test_replicator_endpoints():
    x = dilemma.replicator_path(games.stag_hunt(), [0.7, 0.8], t_max=60, steps=600).x
    assert x[-1].tolist() == pytest.approx([0.0, 1.0], abs=1e-6)  # either side of p* = 0.75
    x = dilemma.replicator_path(dilemma.prisoners_dilemma(), [0.0, 1.0, 0.999], t_max=60, steps=600).x
    assert x[-1].tolist() == pytest.approx([0.0, 1.0, 0.0], abs=1e-6)  # pure states rest; defection invades
    assert math.isclose(x[0, 2], 0.999)


def test_replicator_step_that_would_overflow_is_refused():
    with pytest.raises(ValueError, match="t_max / steps times A's largest payoff gap"):
        dilemma.replicator_path([[1e300, 0.0], [0.0, 0.0]], 0.5, t_max=1.0, steps=1)
    top = np.finfo(float).max  # gaps beyond the largest double still integrate, at a step small enough
    x = dilemma.replicator_path([[top, -top], [-top, top]], [0.25, 0.75], t_max=1e-305, steps=10).x
    assert np.isfinite(x).all()
    assert dilemma.game_class([[top, -top], [-top, top]]) == "coordination"
    assert dilemma.interior_rest_point([[top, -top], [-top, top]]) == 0.5


def test_fixation_probability_closed_forms():
    """Moran process (Nowak et al. 2004): neutral drift 1/N; constant fitness r gives (1 - 1/r) / (1 - 1/r**N)."""
    for N in (2, 5, 50, 1000):
        assert dilemma.fixation_probability([[1.0, 1.0], [1.0, 1.0]], N, 0.3) == pytest.approx(1 / N, rel=1e-12)
        assert dilemma.fixation_probability([[2.0, 2.0], [1.0, 1.0]], N, 1.0) == pytest.approx(
            (1 - 1 / 2) / (1 - 2.0**-N), rel=1e-12
        )
    assert dilemma.fixation_probability([[5.0, 5.0], [1.0, 1.0]], 5, 0.0) == pytest.approx(1 / 5)  # no selection
    # huge populations under strong selection: no overflow, a finite tiny number
    tiny = dilemma.fixation_probability([[0.0, 0.0], [1.0, 1.0]], 100_000, 0.5)
    assert 0.0 <= tiny < 1e-300
    with pytest.raises(ValueError, match="fitness"):
        dilemma.fixation_probability([[-5.0, 0.0], [0.0, 0.0]], 10, 0.5)


def test_fixation_probability_one_third_rule():
    """Weak selection, large N: rho_A > 1/N iff the rest point x* is below 1/3 (Nowak et al. 2004)."""
    N, s = 2000, 1e-4
    for x_star in (0.2, 0.3, 0.36, 0.45):
        # coordination game with a - c = 1 - x*, b - d = -x* : rest point x*
        A = np.array([[1.0 + (1 - x_star), 1.0 - x_star], [1.0, 1.0]])
        assert dilemma.interior_rest_point(A) == pytest.approx(x_star)
        assert (N * dilemma.fixation_probability(A, N, s) > 1) == (x_star < 1 / 3), x_star


def test_deviation_payoffs_is_a_frozen_record_of_floats_or_arrays():
    """Issue 17: a frozen dataclass with documented fields (not a dict), floats for a number w, arrays for an array."""
    import dataclasses

    d = dilemma.deviation_payoffs(0.5)
    assert isinstance(d, dilemma.DeviationPayoffs) and (d.cooperate, d.always_defect) == (6.0, 6.0)
    assert all(type(x) is float for x in dataclasses.astuple(d))
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.cooperate = 0.0
    arr = dilemma.deviation_payoffs(np.array([0.25, 0.5]))
    assert arr.cooperate.shape == (2,) and arr.cooperate[1] == 6.0


def test_check_payoffs_is_the_one_check_of_a_prisoners_dilemma():
    """Issue 17: the payoff check tournament uses is public and documented (it was dilemma._pd_payoffs)."""
    assert dilemma.check_payoffs(5, 3, 1, 0) == dilemma.Payoffs(5.0, 3.0, 1.0, 0.0)
    with pytest.raises(ValueError, match="T > R > P > S"):
        dilemma.check_payoffs(3, 5, 1, 0)
    with pytest.raises(ValueError, match="2R > T \\+ S"):
        dilemma.check_payoffs(7, 3, 1, 0)


def test_issue_17_conventions_in_notebook_02_05_10_modules():
    """No private name of another module is imported (dilemma used games._tame, tournament dilemma._pd_payoffs,
    auctions behaviour._entry_qre_array); the logit precision is ``precision`` everywhere,
    kept while the keeper lab passes it by that name."""
    import ast
    import importlib
    import inspect
    from pathlib import Path

    names = ("dilemma", "behaviour", "tournament", "auctions", "contagion")
    for name in names:
        tree = ast.parse(Path(f"coordlab/models/{name}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coordlab.models"):
                assert not any(a.name.startswith("_") for a in node.names), (name, ast.dump(node))
    lam = []
    for name in ("behaviour", "auctions"):
        mod = importlib.import_module(f"coordlab.models.{name}")
        for attr in mod.__all__:
            obj = getattr(mod, attr)
            if callable(obj) and not inspect.isclass(obj):
                params = inspect.signature(obj).parameters
                lam += [f"{name}.{attr}" for p in params if p in ("lam", "lams")]
    assert lam == []


def test_dilemma_lab_shares_the_models_constants() -> None:
    """labs.dilemma's ReplicatorLab integrates over replicator_path's default horizon and steps."""

    from coordlab.labs import dilemma as lab
    from coordlab.models import dilemma as m

    assert lab.ReplicatorLab.t_max == default(m.replicator_path, "t_max") == m.REPLICATOR_T_MAX == 10.0
    assert default(m.replicator_path, "steps") == m.REPLICATOR_STEPS == 200
