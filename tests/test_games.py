"""Coordination and stag-hunt games: equilibria, dominance, basins (coordlab.models.games).

Sources checked: Skyrms (2004) ch. 1, the stag hunt 4, 0 / 3, 3 (mixed equilibrium at
3/4 Stag, Hare risk-dominant, Stag payoff-dominant); Harsanyi & Selten (1988) risk
dominance as the larger Nash product of deviation losses; equilibria against nashpy's own
support enumeration and against the indifference condition.
"""

from __future__ import annotations

import itertools

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import games
from shared_defaults import default, slider

payoff = st.integers(-5000, 5000).map(lambda k: k / 100)  # payoffs in cents


@st.composite
def coordination_payoffs(draw):
    """a > c and d > b, with gaps large enough to stay clear of degeneracy."""
    c = draw(payoff)
    b = draw(payoff)
    a = c + draw(st.integers(10, 2000).map(lambda k: k / 100))
    d = b + draw(st.integers(10, 2000).map(lambda k: k / 100))
    return a, b, c, d


def test_skyrms_stag_hunt_published_numbers():
    A = games.stag_hunt()
    assert A.tolist() == [[4.0, 0.0], [3.0, 3.0]]
    eqs = games.equilibria(A)
    assert [(e.row, e.col, e.payoffs) for e in eqs] == [
        ((1.0, 0.0), (1.0, 0.0), (4.0, 4.0)),
        ((0.0, 1.0), (0.0, 1.0), (3.0, 3.0)),
        ((0.75, 0.25), (0.75, 0.25), (3.0, 3.0)),
    ]
    assert games.belief_threshold(A) == 0.75
    assert games.ACTIONS[games.payoff_dominant(A)] == "Stag"
    assert games.ACTIONS[games.risk_dominant(A)] == "Hare"


def test_expected_payoffs_by_hand():
    A = [[4, 0], [3, 3]]
    assert games.expected_payoffs(A, 0.0) == games.ExpectedPayoffs(0.0, 3.0)
    assert games.expected_payoffs(A, 1.0) == games.ExpectedPayoffs(4.0, 3.0)
    e = games.expected_payoffs(A, [0.25, 0.75])
    u0, u1 = e.action0, e.action1
    assert u0.tolist() == [1.0, 3.0] and u1.tolist() == [3.0, 3.0]


def test_equilibria_of_an_asymmetric_game_match_nashpy():
    A = np.array([[3.0, 0.0], [1.0, 2.0]])
    B = np.array([[2.0, 0.0], [1.0, 3.0]])
    ours = {(e.row, e.col) for e in games.equilibria(A, B)}
    theirs = {
        (tuple(np.round(r, 12) + 0.0), tuple(np.round(c, 12) + 0.0)) for r, c in nashpy.Game(A, B).support_enumeration()
    }
    assert ours == theirs and len(ours) == 3


def test_battle_of_the_sexes_payoff_dominance_undefined():
    A = [[3.0, 0.0], [0.0, 2.0]]
    B = [[2.0, 0.0], [0.0, 3.0]]
    assert games.payoff_dominant(A, B) is None
    assert games.risk_dominant(A, B) is None  # (3)(2) == (2)(3): a tie


def test_degenerate_game_is_refused_not_silently_wrong():
    with pytest.raises(ValueError, match="degenerate"):
        games.equilibria([[1.0, 1.0], [1.0, 1.0]])


def test_non_square_symmetric_game_is_refused():
    with pytest.raises(ValueError, match="A must be square"):
        games.equilibria([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])


def test_coordination_game_requires_strict_diagonal_equilibria():
    with pytest.raises(ValueError, match="a must exceed c"):
        games.coordination_game(1, 0, 1, 1)
    with pytest.raises(ValueError, match="d must exceed b"):
        games.coordination_game(2, 1, 0, 1)
    with pytest.raises(ValueError, match="coordination game"):
        games.risk_dominant([[0, 1], [1, 0]])  # anti-coordination (hawk-dove-like)


def test_replicator_velocity_zeros_and_signs():
    A = games.stag_hunt()
    assert games.replicator_velocity(A, [0.0, 0.75, 1.0]).tolist() == [0.0, 0.0, 0.0]
    assert games.replicator_velocity(A, 0.5) == pytest.approx(0.5 * 0.5 * (2.0 - 3.0))
    assert games.replicator_velocity(A, 0.9) > 0 > games.replicator_velocity(A, 0.6)


@settings(max_examples=60, deadline=None)
@given(coordination_payoffs())
def test_mixed_equilibrium_is_the_belief_threshold(abcd):
    a, b, c, d = abcd
    A = games.coordination_game(a, b, c, d)
    p = games.belief_threshold(A)
    assert 0 < p < 1
    e = games.expected_payoffs(A, p)
    u0, u1 = e.action0, e.action1
    assert u0 == pytest.approx(u1, abs=1e-9)  # indifferent at p*
    eqs = games.equilibria(A)
    assert len(eqs) == 3 and [e.is_pure for e in eqs] == [True, True, False]
    assert eqs[2].row[0] == pytest.approx(p, abs=1e-9)
    assert eqs[2].row == eqs[2].col  # symmetric game, symmetric mixed equilibrium


@settings(max_examples=60, deadline=None)
@given(coordination_payoffs())
def test_risk_dominant_equilibrium_has_the_larger_basin(abcd):
    a, b, c, d = abcd
    A = games.coordination_game(a, b, c, d)
    p = games.belief_threshold(A)
    rd = games.risk_dominant(A)
    # Basin of (Stag, Stag) under the replicator dynamics is (p*, 1]: size 1 - p*.
    if rd == 0:
        assert 1 - p > 0.5
    elif rd == 1:
        assert p > 0.5
    else:
        assert p == pytest.approx(0.5)
    # and the sign of the velocity says where each basin lies
    xs = np.array([p / 2, (1 + p) / 2])
    vel = games.replicator_velocity(A, xs)
    assert vel[0] < 0 < vel[1]


@settings(max_examples=40, deadline=None)
@given(st.lists(payoff, min_size=8, max_size=8))
def test_pure_equilibria_are_mutual_best_responses(values):
    A = np.array(values[:4]).reshape(2, 2)
    B = np.array(values[4:]).reshape(2, 2)
    try:
        eqs = games.equilibria(A, B)
    except ValueError:
        return  # degenerate: refused, which is what the docstring promises
    pure = {(e.row.index(1.0), e.col.index(1.0)) for e in eqs if e.is_pure}
    brute = {
        (i, j) for i, j in itertools.product(range(2), range(2)) if A[i, j] >= A[1 - i, j] and B[i, j] >= B[i, 1 - j]
    }
    assert pure == brute
    assert len(eqs) % 2 == 1  # non-degenerate games have an odd number of equilibria


def test_huge_payoffs_give_the_same_answers_as_scaled_ones():
    """Regression: belief_threshold([[1e308, -1e308], [-1e308, 1e308]]) returned NaN (the differences overflowed)."""
    big = np.array([[1e308, -1e308], [-1e308, 1e308]])
    assert games.belief_threshold(big) == 0.5
    top = np.finfo(float).max
    A = np.array([[top, 0.0], [0.75 * top, 0.75 * top]])  # the stag hunt 4, 0 / 3, 3 scaled to the largest double
    assert games.belief_threshold(A) == 0.75
    assert games.risk_dominant(A) == 1 and games.payoff_dominant(A) == 0
    assert [e.row for e in games.equilibria(A)] == [(1.0, 0.0), (0.0, 1.0), (0.75, 0.25)]
    assert games.replicator_velocity(A, 0.75) == 0.0
    assert np.isfinite(games.replicator_velocity(A, [0.0, 0.5, 1.0])).all()
    e = games.expected_payoffs(big, np.linspace(0, 1, 11))
    assert np.isfinite(e.action0).all() and np.isfinite(e.action1).all()


def test_support_enumeration_is_capped():
    with pytest.raises(ValueError, match="A must have at most 12 rows and columns"):
        games.equilibria(np.eye(7))


def test_games_lab_shares_the_models_constants() -> None:
    """labs.coordination's StagHuntLab starts at stag_hunt's default stag payoff."""

    from coordlab.labs import coordination as lab
    from coordlab.models import games as m

    assert slider(lab.StagHuntLab, "stag") == default(m.stag_hunt, "stag") == m.STAG_HUNT_STAG == 4.0
