"""Power indices, vote escrow and flash-loan attack economics (coordlab.models.voting).

Published numbers: the EEC Council of Ministers 1958 [12; 4,4,4,2,2,1] (Shapley–Shubik 14/60,
9/60, 0; Banzhaf 5/21, 3/21, 0 — Luxembourg powerless), the UN Security Council
[39; 7x5, 1x10] (Shapley–Shubik 0.1963 and 0.00186; normalised Banzhaf 0.1669 and 0.0165),
e.g. Straffin (1993) ch. 9–10, Brams (1975). Curve's VotingEscrow.vy constants and integer math.
Generating functions (Brams & Affuso 1976; Bilbao et al. 2000; Owen 1972 for Shapley–Shubik) against
enumeration, against Penrose's (1946) closed form for a large game of equal voters, and against sampling
for notebook 03's 300-holder DAO and the U.S. Electoral College.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.models import voting as vt

EEC = (12, [4, 4, 4, 2, 2, 1])  # [q; w], quota first as the functions take it
UNSC = (39, [7] * 5 + [1] * 10)


def test_eec_1958():
    s = vt.shapley_shubik(*EEC).values
    assert s == pytest.approx([14 / 60] * 3 + [9 / 60] * 2 + [0.0])
    b = vt.banzhaf(*EEC).values
    assert b == pytest.approx([5 / 21] * 3 + [3 / 21] * 2 + [0.0])
    raw = vt.banzhaf(*EEC, normalized=False).values
    assert raw == pytest.approx([10 / 32] * 3 + [6 / 32] * 2 + [0.0])


def test_un_security_council():
    s = vt.shapley_shubik(*UNSC).values
    assert round(s[0], 4) == 0.1963 and round(s[5], 5) == 0.00186
    assert s.sum() == pytest.approx(1.0)
    b = vt.banzhaf(*UNSC).values
    assert round(b[0], 4) == 0.1669 and round(b[5], 4) == 0.0165


def test_token_share_is_not_power():
    """[51; 49, 49, 2]: the 2% holder has exactly the power of each 49% holder."""
    for index in (vt.banzhaf, vt.shapley_shubik):
        assert index(51, [49, 49, 2]).values == pytest.approx([1 / 3] * 3)
    # a 51% holder is a dictator
    assert vt.banzhaf(51, [51, 30, 19]).values == pytest.approx([1, 0, 0])


def _brute_shapley(w, q):
    n = len(w)
    hits = np.zeros(n)
    for order in itertools.permutations(range(n)):
        total = 0
        for i in order:
            total += w[i]
            if total >= q:
                hits[i] += 1
                break
    return hits / math.factorial(n)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 20), min_size=2, max_size=6), st.floats(0.3, 1.0))
def test_exact_indices_match_brute_force(weights, share):
    q = max(1, math.ceil(share * sum(weights)))
    assert vt.shapley_shubik(q, weights).values == pytest.approx(_brute_shapley(weights, q))
    n = len(weights)
    swings = np.zeros(n)
    for coalition in itertools.product((0, 1), repeat=n):
        total = sum(w for w, c in zip(weights, coalition) if c)
        for i in range(n):
            if coalition[i] and total >= q and total - weights[i] < q:
                swings[i] += 1
    raw = vt.banzhaf(q, weights, normalized=False).values
    assert raw == pytest.approx(swings / 2 ** (n - 1))


def test_sampling_agrees_with_exact_within_its_error():
    q, w = UNSC
    exact_b = vt.banzhaf(q, w, normalized=False).values
    sampled = vt.banzhaf(q, w, normalized=False, method="sample", samples=40_000, seed=1)
    assert sampled.method == "sample" and np.all(sampled.standard_error > 0)
    assert np.all(np.abs(sampled.values - exact_b) <= 4 * sampled.standard_error + 1e-12)
    exact_s = vt.shapley_shubik(q, w).values
    ss = vt.shapley_shubik(q, w, method="sample", samples=40_000, seed=2)
    assert np.all(np.abs(ss.values - exact_s) <= 4 * ss.standard_error + 2e-4)
    assert ss.values.sum() == pytest.approx(1.0)  # every ordering has exactly one pivot


def test_large_holder_list_is_sampled_and_seeded():
    rng = np.random.default_rng(0)
    holders = rng.pareto(1.2, 300) + 0.01
    a = vt.shapley_shubik(0.5 * holders.sum(), holders, samples=2000, seed=5)
    b = vt.shapley_shubik(0.5 * holders.sum(), holders, samples=2000, seed=5)
    assert a.method == "sample" and np.array_equal(a.values, b.values)
    with pytest.raises(ValueError, match="at most 20 voters"):
        vt.banzhaf(10.0, holders, method="exact")


def test_vote_escrow_integer_math_as_curve():
    one = 10**18
    amount = 1000 * one
    slope = amount // vt.MAXTIME
    assert vt.MAXTIME == 126_144_000 and vt.WEEK == 604_800
    assert vt.ve_voting_power(amount, end=vt.MAXTIME, now=0) == slope * vt.MAXTIME
    # linear decay: half the remaining time, half the power
    assert vt.ve_voting_power(amount, end=vt.MAXTIME, now=vt.MAXTIME // 2) == slope * (vt.MAXTIME // 2)
    assert vt.ve_voting_power(amount, end=100, now=100) == 0
    assert vt.ve_lock_end(now=1_000, unlock_time=3 * vt.WEEK + 5) == 3 * vt.WEEK
    with pytest.raises(ValueError, match="4 years"):
        vt.ve_lock_end(now=0, unlock_time=vt.MAXTIME + 2 * vt.WEEK)
    with pytest.raises(ValueError, match="after now"):
        vt.ve_lock_end(now=vt.WEEK + 10, unlock_time=vt.WEEK + 20)


def test_flash_loan_attack_economics():
    """Beanstalk-like: two thirds of votes needed, same-transaction execution."""
    a = vt.flash_loan_attack(
        treasury=182e6, circulating_votes=100e6, token_price=2.0, pass_share=2 / 3, fee_rate=0.0009
    )
    x = (2 / 3 * 100e6) / (1 / 3)
    assert a.tokens_needed == pytest.approx(x)
    assert (a.tokens_needed) / (100e6 + a.tokens_needed) == pytest.approx(2 / 3)
    assert a.cost == pytest.approx(0.0009 * x * 2.0) and a.profit == pytest.approx(182e6 - a.cost)
    assert a.feasible
    with_votes = vt.flash_loan_attack(182e6, 100e6, 2.0, attacker_votes=50e6)
    assert with_votes.tokens_needed < a.tokens_needed
    for kw in (dict(snapshot=True), dict(timelock_blocks=1)):
        b = vt.flash_loan_attack(182e6, 100e6, 2.0, **kw)
        assert not b.feasible and b.profit == -b.cost
    tiny = vt.flash_loan_attack(treasury=1e3, circulating_votes=100e6, token_price=2.0)
    assert not tiny.feasible  # the fee exceeds what can be drained


def test_choices_and_caps():
    """Regression: method given as a numpy array is refused by name (not numpy's ambiguous truth value)."""
    with pytest.raises(ValueError, match="method must be one of"):
        vt.banzhaf(4, [1, 2, 3], method=np.array(["exact", "sample"]))
    with pytest.raises(ValueError, match="samples times the number of weights"):
        vt.shapley_shubik(250, np.full(1000, 0.5), samples=20_000)  # not whole numbers: sampled
    with pytest.raises(ValueError, match="quota must be at most the total weight"):
        vt.banzhaf(7, [1, 2, 3])


ELECTORAL_COLLEGE_2024 = [
    54,
    40,
    30,
    28,
    19,
    19,
    17,
    16,
    16,
    15,
    14,
    13,
    12,
    11,
    11,
    11,
    11,
    10,
    10,
    10,
    10,
    10,
    9,
    9,
    8,
    8,
    8,
    7,
    7,
    6,
    6,
    6,
    6,
    6,
    6,
    5,
    5,
    4,
    4,
    4,
    4,
    4,
    4,
    4,
    3,
    3,
    3,
    3,
    3,
    3,
    3,
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=12), st.floats(0.05, 1.0))
def test_generating_functions_match_enumeration(weights, share):
    """Both indices by generating functions equal the enumeration (to rounding), zero weights and ties included."""
    if sum(weights) == 0:
        return
    q = max(1e-9, share * sum(weights))
    for index in (vt.banzhaf, vt.shapley_shubik):
        exact = index(q, weights, method="exact")
        fast = index(q, weights, method="generating")
        assert fast.method == "generating" and np.all(fast.standard_error == 0)
        assert np.abs(fast.values - exact.values).max() < 1e-12
    raw = vt.banzhaf(q, weights, normalized=False, method="generating").values
    assert np.abs(raw - vt.banzhaf(q, weights, normalized=False, method="exact").values).max() < 1e-12


def test_generating_functions_at_scale_against_closed_forms():
    """Penrose (1946): with n equal voters (n odd) and a simple majority, each is decisive with probability
    C(n-1, (n-1)/2) / 2^(n-1); Shapley–Shubik gives each 1/n. 301 voters: far beyond enumeration."""
    n = 301
    raw = vt.banzhaf((n + 1) / 2, [1] * n, normalized=False)
    assert raw.method == "generating"
    assert raw.values == pytest.approx(math.comb(n - 1, (n - 1) // 2) / 2 ** (n - 1), rel=1e-12)
    assert vt.shapley_shubik((n + 1) / 2, [1] * n).values == pytest.approx(1 / n, rel=1e-10)
    # the UN Security Council by generating functions: 421/2145 and 4/2145 (Straffin 1993)
    s = vt.shapley_shubik(*UNSC, method="generating").values
    assert s[0] == pytest.approx(421 / 2145, rel=1e-12) and s[5] == pytest.approx(4 / 2145, rel=1e-12)


def test_generating_functions_agree_with_sampling_on_large_games():
    """The U.S. Electoral College (2024 apportionment, 538 votes, 270 to win) and notebook 03's DAO of 300
    holders: each exact value lies within 4 standard errors of a 20,000-draw sample."""
    weights, quota = ELECTORAL_COLLEGE_2024, 270
    assert len(weights) == 51 and sum(weights) == 538
    exact = vt.banzhaf(quota, weights, normalized=False)
    assert exact.method == "generating"
    sample = vt.banzhaf(quota, np.array(weights, float), normalized=False, method="sample", samples=20_000, seed=3)
    assert np.all(np.abs(sample.values - exact.values) <= 4 * sample.standard_error + 1e-3)
    ss = vt.shapley_shubik(quota, weights)
    assert ss.method == "generating" and ss.values.sum() == pytest.approx(1.0, abs=1e-12)
    # power is monotone in weight (a weighted game), and California has more than its 54/538 share of it
    order = np.argsort(weights, kind="stable")
    assert np.all(np.diff(ss.values[order]) >= -1e-12) and ss.values[0] > 54 / 538
    rng = np.random.default_rng(2024)
    tail = rng.pareto(1.16, 297) + 1.0
    units = np.round(np.concatenate([[25.0, 15.0, 10.0], 50.0 * tail / tail.sum()]) * 100)
    exact = vt.shapley_shubik(5000, units)
    sampled = vt.shapley_shubik(5000, units, method="sample", samples=20_000, seed=1)
    assert exact.method == "generating" and exact.values.sum() == pytest.approx(1.0, abs=1e-9)
    assert np.all(np.abs(sampled.values - exact.values) <= 4 * sampled.standard_error + 2e-4)


def test_method_choice_and_generating_limits():
    assert vt.banzhaf(40, [3] * 25).method == "generating"  # whole numbers beyond enumeration
    assert vt.banzhaf(40, [3.5] * 25).method == "sample"  # fractional weights are sampled
    assert vt.banzhaf(8, [3] * 5).method == "exact"  # small games are enumerated
    assert vt.banzhaf(5, [2.0, 3.0, 4.0], method="generating").method == "generating"  # 2.0 is a whole number
    with pytest.raises(ValueError, match="whole-number weights"):
        vt.shapley_shubik(3, [1.5, 2, 3], method="generating")
    with pytest.raises(ValueError, match="cells of work"):
        vt.shapley_shubik(10**10, [10**9] * 30, method="generating")


def test_a_wait_before_the_vote_does_not_stop_a_flash_loan():
    """Beanstalk: emergencyCommit needed the proposal to be a day old, but counted Stalk at the commit."""
    a = vt.flash_loan_attack(182e6, 100e6, 1.0, proposal_age_seconds=86_400)
    assert a.feasible and a.profit == vt.flash_loan_attack(182e6, 100e6, 1.0).profit
    assert "counted in the transaction that executes it" in a.reason and "propose first" in a.reason
    assert not vt.flash_loan_attack(182e6, 100e6, 1.0, proposal_age_seconds=86_400, snapshot=True).feasible


def test_flash_loan_paths_follow_when_the_votes_are_counted():
    """GovernanceFacet.sol (Beanstalk, ee4720c): emergencyCommit counts live votes (bipVotePercent) after a one-day
    minimum age; the ordinary commit uses the tally frozen when voting ended (endedBipVotePercent), which the
    timelock path models; Compound's Governor counts at a snapshot. Reasons name when the count is taken, and none
    says that borrowed tokens are Stalk or that a snapshot precedes the proposal."""
    live = vt.flash_loan_attack(182e6, 100e6, 1.0)
    aged = vt.flash_loan_attack(182e6, 100e6, 1.0, proposal_age_seconds=86_400)
    frozen = vt.flash_loan_attack(182e6, 100e6, 1.0, proposal_age_seconds=86_400, timelock_blocks=1)
    snap = vt.flash_loan_attack(182e6, 100e6, 1.0, snapshot=True, timelock_blocks=5)
    assert live.feasible and aged.feasible and not frozen.feasible and not snap.feasible
    assert "one transaction" in live.reason
    assert "tally is fixed when voting ends" in frozen.reason and "1 block:" in frozen.reason
    assert "past block" in snap.reason
    for r in (live, aged, frozen, snap):
        assert "before the proposal" not in r.reason and "Stalk" not in r.reason
    # Beanstalk's numbers: two thirds of the Roots after the deposit needs twice the Roots there were before
    assert live.tokens_needed / (100e6 + live.tokens_needed) == pytest.approx(2 / 3)


def _shapley_by_counts(weights, quota):
    """Shapley–Shubik by an independent route: count the others' coalitions by size and weight (a plain DP)."""
    w = [int(x) for x in weights]
    n, total = len(w), sum(w)
    fact = [math.factorial(k) for k in range(n + 1)]
    out = []
    for i in range(n):
        counts = np.zeros((n, total + 1))  # counts[k, s]: coalitions of k others weighing s
        counts[0, 0] = 1.0
        for j in range(n):
            if j != i and w[j] > 0:
                counts[1:, w[j] :] += counts[:-1, : total + 1 - w[j]].copy()
            elif j != i:
                counts[1:] += counts[:-1].copy()
        lo, hi = max(quota - w[i], 0), quota  # the others weigh s in [q - w_i, q - 1]
        pivotal = counts[:, lo:hi].sum(axis=1) if w[i] > 0 else np.zeros(n)
        out.append(sum(pivotal[k] * fact[k] * fact[n - k - 1] for k in range(n)) / fact[n])
    return np.array(out)


def test_shapley_generating_matches_an_independent_count_on_a_60_voter_game():
    """The quadrature engine (mirrored nodes, closed-form division) equals a size-by-weight count, to 1e-12."""
    rng = np.random.default_rng(7)
    weights = np.concatenate([[40, 25], rng.integers(0, 12, 58)])
    for share in (0.5, 0.67, 0.9):
        q = int(math.ceil(share * weights.sum()))
        fast = vt.shapley_shubik(q, weights, method="generating").values
        assert np.abs(fast - _shapley_by_counts(weights, q)).max() < 1e-12
        assert fast.sum() == pytest.approx(1.0, abs=1e-12)


def test_shapley_generating_is_well_under_a_second_for_300_holders():
    """Notebook 03's 300-holder DAO (weights in 0.01% units, quota 50%): about 0.2 s of CPU (it took about 1 s
    before the engine was vectorised); CPU time, so that a busy machine does not fail it."""
    import time

    rng = np.random.default_rng(2024)
    tail = rng.pareto(1.16, 297) + 1.0
    units = np.round(np.concatenate([[25.0, 15.0, 10.0], 50.0 * tail / tail.sum()]) * 100)
    vt.shapley_shubik(5000, units[:30])  # warm up numpy
    start = time.process_time()
    ss = vt.shapley_shubik(5000, units)
    spent = time.process_time() - start
    assert ss.method == "generating" and spent < 0.6, spent
    assert [round(float(x), 3) for x in ss.values[:3]] == [0.309, 0.150, 0.099]


def test_power_index_benchmark_runs_notebook_03s_game():
    """benchmarks/engines.py times the generating functions on notebook 03's DAO (same seed, units and quota) and
    reports enumeration beside it; its small reference game gives the same values by either method."""
    from notebook_tools import load_script

    engines = load_script("benchmarks/engines.py")
    weights, quota = engines.dao_game()
    rng = np.random.default_rng(2024)
    tail = rng.pareto(1.16, 297) + 1.0
    units = np.round(np.concatenate([[25.0, 15.0, 10.0], 50.0 * tail / tail.sum()]) * 100)
    assert np.array_equal(weights, units) and quota == 5000
    small_w, small_q = engines.dao_game(12)
    for index in (vt.banzhaf, vt.shapley_shubik):
        assert (
            np.abs(
                index(small_q, small_w, method="generating").values - index(small_q, small_w, method="exact").values
            ).max()
            < 1e-12
        )
    assert engines.bench_power_indices in engines.ENGINES
