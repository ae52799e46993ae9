"""Consensus: Nakamoto's tables, Eyal–Sirer's formula and state machine, BFT quorums, the inactivity leak."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordlab.models import consensus as c
from shared_defaults import default

# Nakamoto (2008), section 11: the two result tables, to the 7 decimals printed in the paper
TABLE_Q01 = [
    1.0000000,
    0.2045873,
    0.0509779,
    0.0131722,
    0.0034552,
    0.0009137,
    0.0002428,
    0.0000647,
    0.0000173,
    0.0000046,
    0.0000012,
]
TABLE_Q03 = {
    0: 1.0000000,
    5: 0.1773523,
    10: 0.0416605,
    15: 0.0101008,
    20: 0.0024804,
    25: 0.0006132,
    30: 0.0001522,
    35: 0.0000379,
    40: 0.0000095,
    45: 0.0000024,
    50: 0.0000006,
}
TABLE_Z = {0.10: 5, 0.15: 8, 0.20: 11, 0.25: 15, 0.30: 24, 0.35: 41, 0.40: 89, 0.45: 340}


def test_whitepaper_tables():
    assert [round(c.double_spend_probability(0.1, z), 7) for z in range(11)] == TABLE_Q01
    assert {z: round(c.double_spend_probability(0.3, z), 7) for z in TABLE_Q03} == TABLE_Q03
    assert {q: c.confirmations_needed(q) for q in TABLE_Z} == TABLE_Z


def _paper_c_code(q, z):
    """The whitepaper's C function, transcribed: exp(-lambda), poisson *= lambda / i, sum -= poisson * (1 - pow)."""
    p = 1.0 - q
    lam = z * (q / p)
    total = 1.0
    for k in range(z + 1):
        poisson = math.exp(-lam)
        for i in range(1, k + 1):
            poisson *= lam / i
        total -= poisson * (1 - math.pow(q / p, z - k))
    return total


@given(q=st.floats(0.01, 0.45), z=st.integers(0, 120))
def test_matches_the_papers_c_code_where_it_is_accurate(q, z):
    ref = _paper_c_code(q, z)
    ours = c.double_spend_probability(q, z)
    assert ours == pytest.approx(ref, rel=1e-9, abs=1e-12)


def test_stable_where_the_naive_form_fails():
    """At q = 0.45, z = 3000, lambda**k overflows and 1 - sum cancels; the log-space sum does not."""
    with pytest.raises(OverflowError):
        sum(0.45 / 0.55 * 3000**k / math.factorial(k) for k in range(3001))
    p = c.double_spend_probability(0.45, 3000)
    assert 0 < p < 1e-20
    # monotone in z and in q
    zs = [c.double_spend_probability(0.3, z) for z in range(0, 200, 10)]
    assert all(a > b for a, b in zip(zs, zs[1:]))
    assert c.double_spend_probability(0.5, 10) == 1.0 and c.double_spend_probability(0.0, 3) == 0.0


def test_selfish_mining_formula_threshold_and_simulation():
    """Eyal–Sirer: R = alpha exactly at the threshold; thresholds 1/3, 1/4, 0; the state machine agrees."""
    for g in (0.0, 0.25, 0.5, 0.75):
        t = c.selfish_threshold(g)
        assert c.selfish_revenue(t, g) == pytest.approx(t, abs=1e-12)
        assert (
            c.selfish_revenue(t + 0.01, g) > t + 0.01 and c.selfish_revenue(max(t - 0.01, 0.001), g) < t - 0.01 + 1e-12
        )
    assert [round(c.selfish_threshold(g), 4) for g in (0.0, 0.5, 1.0)] == [0.3333, 0.25, 0.0]
    for alpha, gamma in ((0.2, 0.0), (0.3, 0.5), (0.35, 0.0), (0.4, 1.0)):
        sim = c.simulate_selfish_mining(alpha, gamma, blocks=1000, chains=2000, seed=5)
        assert sim == pytest.approx(c.selfish_revenue(alpha, gamma), abs=0.006)
    assert c.simulate_selfish_mining(0.3, 0.5, seed=3) == c.simulate_selfish_mining(0.3, 0.5, seed=3)


@given(n=st.integers(1, 10_000))
def test_bft_quorums_intersect_in_an_honest_node(n):
    b = c.bft(n)
    assert isinstance(b, c.BftQuorum) and b.n == n
    assert n >= 3 * b.f + 1 and n < 3 * (b.f + 1) + 1
    assert b.overlap == 2 * b.quorum - n and b.honest_in_overlap >= 1
    assert b.quorum <= n - b.f  # liveness: the honest nodes alone can form a quorum


def test_inactivity_leak():
    short = c.inactivity_leak(0.6, max_epochs=9)
    # no penalty until finality is delayed by more than MIN_EPOCHS_TO_INACTIVITY_PENALTY = 4 epochs
    assert np.all(short.inactive_balance[:6] == 32.0) and short.inactive_balance[6] < 32.0
    # the first leak penalty: effective balance x score / (4 x 2**24), score = 4 x 6 after six epochs
    assert round((32.0 - short.inactive_balance[6]) * 1e9) == 32 * 10**9 * 24 // (4 * 2**24)
    assert 0 < 32.0 - short.inactive_balance[9] < 0.00015  # May 2023: under 0.00015 ETH a validator
    legs = {x: c.inactivity_leak(x) for x in (0.3, 0.34, 0.4, 0.5, 0.7)}
    assert legs[0.3].finality_epoch == 0
    assert [legs[x].finality_epoch for x in (0.34, 0.4, 0.5)] == [512, 2948, 4685]
    assert legs[0.7].ejected_epoch == legs[0.7].finality_epoch  # beyond 1/2 offline, ejection restores finality
    assert np.all(np.diff(legs[0.4].active_share) >= 0) and legs[0.4].active_share[-1] >= 2 / 3
    assert round(legs[0.5].days(legs[0.5].finality_epoch), 1) == 20.8


def test_finality_minutes_by_slot():
    """Slot 0 is its epoch's checkpoint: 64 slots; a later slot s waits for the next checkpoint: 96 - s slots."""
    minutes = [c.finality_minutes(slot) for slot in range(32)]
    assert minutes[0] == 12.8 and minutes[1] == 19.0 and minutes[31] == 13.0
    assert minutes[1:] == sorted(minutes[1:], reverse=True) and max(minutes) == c.finality_minutes() == 19.0
    assert sum(m <= 15 for m in minutes) == 12  # a 15-minute window: slot 0 and slots 21 to 31


def test_settlement_risk():
    assert c.settlement_risk(60, attacker_share=0.3, confirmations=6) == c.double_spend_probability(0.3, 6)
    assert c.settlement_risk(30, attacker_share=0.3, confirmations=6) == c.double_spend_probability(
        0.3, 3
    )  # window caps depth
    assert c.settlement_risk(12.8, offline=0.2, slot=0) == 0.0 and c.settlement_risk(12.7, offline=0.2, slot=0) == 1.0
    # a slot not known in advance: the worst case, slot 1, 95 slots = 19.0 minutes
    assert c.settlement_risk(19.0, offline=0.2) == 0.0 and c.settlement_risk(18.9, offline=0.2) == 1.0
    assert c.settlement_risk(18.9, offline=0.2, slot=1) == 1.0 and c.settlement_risk(13.0, offline=0.2, slot=31) == 0.0
    assert c.settlement_risk(14 * 1440, offline=0.4) == 0.0 and c.settlement_risk(13 * 1440, offline=0.4) == 1.0
    with pytest.raises(ValueError, match="slot"):
        c.settlement_risk(60, attacker_share=0.3, confirmations=6, slot=0)
    with pytest.raises(ValueError, match="either"):
        c.settlement_risk(10, attacker_share=0.1, confirmations=1, offline=0.1)
    with pytest.raises(ValueError, match="confirmations"):
        c.settlement_risk(10, attacker_share=0.1)


def _selfish_reference(alpha, gamma, blocks, chains, seed):
    """The simulation as first written (one np.where per transition), kept to check the transition table against."""
    rng = np.random.default_rng(seed)
    lead = np.zeros(chains, np.int64)
    tie = np.zeros(chains, bool)
    pool = np.zeros(chains)
    honest = np.zeros(chains)
    for _ in range(blocks):
        u = rng.random(chains)
        pool_found = u < alpha
        on_pool_branch = (~pool_found) & (u < alpha + gamma * (1 - alpha))
        t = tie
        pool += np.where(t & pool_found, 2, 0) + np.where(t & on_pool_branch, 1, 0)
        honest += np.where(t & on_pool_branch, 1, 0) + np.where(t & ~pool_found & ~on_pool_branch, 2, 0)
        n = ~t
        hf = n & ~pool_found
        honest += np.where(hf & (lead == 0), 1, 0)
        new_tie = hf & (lead == 1)
        pool += np.where(hf & (lead == 2), 2, 0) + np.where(hf & (lead > 2), 1, 0)
        lead = np.where(
            n & pool_found,
            lead + 1,
            np.where(hf & (lead == 2), 0, np.where(hf & (lead > 2), lead - 1, np.where(hf, 0, lead))),
        )
        lead = np.where(t, 0, lead)
        tie = new_tie
    if pool.sum() + honest.sum() == 0:
        return None  # no block decided: 0 / 0
    return float(pool.sum() / (pool.sum() + honest.sum()))


@given(
    alpha=st.floats(0.0, 0.5),
    gamma=st.floats(0.0, 1.0),
    blocks=st.integers(1, 200),
    chains=st.integers(1, 30),
    seed=st.integers(0, 1000),
)
def test_selfish_mining_table_matches_the_first_implementation(alpha, gamma, blocks, chains, seed):
    expected = _selfish_reference(alpha, gamma, blocks, chains, seed)
    if expected is None:
        with pytest.raises(ValueError, match="no block's fate was decided"):
            c.simulate_selfish_mining(alpha, gamma, blocks, chains, seed)
    else:
        assert c.simulate_selfish_mining(alpha, gamma, blocks, chains, seed) == expected


def test_selfish_mining_size_is_capped():
    """Regression: blocks=10**6 at the default 2,000 chains ran for 75 s; the caps now refuse it at once."""
    with pytest.raises(ValueError, match="blocks"):
        c.simulate_selfish_mining(0.3, 0.5, blocks=10**6)
    with pytest.raises(ValueError, match=r"blocks x chains"):
        c.simulate_selfish_mining(0.3, 0.5, blocks=10_000, chains=2000)
    assert c.SELFISH_BLOCKS_MAX * c.SELFISH_CHAINS_MAX > c.SELFISH_EVENTS_MAX == 10_000_000


def test_settlement_risk_tiny_block_time_and_tiny_attacker():
    """Regression: block_minutes=1e-308 raised OverflowError (int of an infinite block count)."""
    with pytest.raises(ValueError, match="block_minutes"):
        c.settlement_risk(60, attacker_share=0.3, confirmations=6, block_minutes=1e-308)
    assert c.settlement_risk(60, attacker_share=0.3, confirmations=6, block_minutes=1e-3) == c.double_spend_probability(
        0.3, 6
    )
    # a tiny attacker share: terms below the smallest double are 0, without a divide-by-zero warning
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert c.double_spend_probability(5e-324, 5) == 0.0
        assert c.confirmations_needed(5e-324) == 1


def _incomplete_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b) by the trapezoid rule on t = x s^(1/a) (smooth at 0), an independent route to the exact race."""
    s = np.linspace(0.0, 1.0, 400_001)
    t = x * s ** (1.0 / a)
    integrand = (1.0 - t) ** (b - 1.0) * x**a / a  # t^(a-1) dt = x^a / a ds
    beta = math.exp(math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    return float(np.trapezoid(integrand, s) / beta)


@pytest.mark.parametrize("q, z", [(0.1, 1), (0.1, 2), (0.1, 6), (0.3, 6), (0.3, 24), (0.45, 40)])
def test_exact_race_is_the_incomplete_beta_function(q, z):
    """Grunspan and Pérez-Marco (2017), Theorem 1: P = I_{4pq}(z, 1/2)."""
    assert math.isclose(c.double_spend_probability_exact(q, z), _incomplete_beta(4 * q * (1 - q), z, 0.5), rel_tol=1e-6)


def test_exact_race_against_the_papers_and_a_simulation():
    # Grunspan and Pérez-Marco (2017), the table of z for P < 0.1% (Nakamoto's 5, 8, 11, 15, 24, 41, 89, 340)
    assert [c.confirmations_needed(q, exact=True) for q in (0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45)] == [
        6,
        9,
        13,
        20,
        32,
        58,
        133,
        539,
    ]
    assert round(c.double_spend_probability_exact(0.1, 6), 5) == 0.00059  # Rosenfeld (2014): 0.059% at q 0.1, z 6
    assert c.double_spend_probability_exact(0.1, 1) == pytest.approx(
        0.2
    )  # one block deep the race is won with probability 2q
    # a seeded simulation of the race itself: honest miners find z blocks, the attacker m meanwhile, then it catches up
    rng = np.random.default_rng(7)
    q, z, n = 0.3, 6, 400_000
    m = rng.negative_binomial(z, 1 - q, n)  # attacker blocks before the honest z-th block
    catch_up = np.where(m >= z, 1.0, (q / (1 - q)) ** np.maximum(z - m, 0))
    sim = float(catch_up.mean())
    assert abs(sim - c.double_spend_probability_exact(q, z)) < 4 * catch_up.std() / math.sqrt(n)
    assert abs(sim - c.double_spend_probability(q, z)) > 0.01  # and the shortcut is visibly off
    for q, z in ((0.05, 3), (0.2, 10), (0.35, 50), (0.45, 340)):
        assert c.double_spend_probability_exact(q, z) > c.double_spend_probability(q, z)
    assert c.double_spend_probability_exact(0.5, 10) == 1.0 and c.double_spend_probability_exact(0.0, 3) == 0.0
    assert c.double_spend_probability_exact(0.2, 0) == 1.0


def test_settlement_with_random_block_arrivals():
    # both races over the window, checked against a seeded simulation of the blocks themselves
    rng = np.random.default_rng(3)
    n, q, depth, window = 40_000, 0.3, 6, 60.0
    hits = np.zeros(n)
    for i in range(n):
        t = h = k = 0
        while True:
            t += rng.exponential(10.0)
            if t > window:
                break
            if rng.random() < q:
                k += 1
            else:
                h += 1
                if h == depth:
                    break
        hits[i] = 1.0 if k >= h else (q / (1 - q)) ** (h - k)
    model = c.settlement_risk(window, attacker_share=q, confirmations=depth, random_blocks=True)
    assert abs(model - hits.mean()) < 4 * hits.std() / math.sqrt(n)
    assert model > c.settlement_risk(window, attacker_share=q, confirmations=depth)
    # an endless window is the exact race to the full depth; an empty one settles at depth 0; no attacker, no risk
    # unless the window holds no block at all
    assert math.isclose(
        c.settlement_risk(1e8, attacker_share=0.3, confirmations=6, random_blocks=True),
        c.double_spend_probability_exact(0.3, 6),
        rel_tol=1e-9,
    )
    assert c.settlement_risk(0, attacker_share=0.3, confirmations=6, random_blocks=True) == 1.0
    assert math.isclose(c.settlement_risk(60, attacker_share=0.0, confirmations=6, random_blocks=True), math.exp(-6.0))
    with pytest.raises(ValueError, match="confirmations=1001 with random_blocks=True"):
        c.settlement_risk(60, attacker_share=0.3, confirmations=1001, random_blocks=True)
    with pytest.raises(TypeError, match="random_blocks"):
        c.settlement_risk(60, attacker_share=0.3, confirmations=6, random_blocks="yes")


def test_consensus_lab_shares_the_models_constants() -> None:
    """labs.consensus asks confirmations_needed for its default risk, the 0.1% its summary prints."""

    from coordlab.labs import consensus as lab
    from coordlab.models import consensus as m

    assert default(m.confirmations_needed, "risk") == m.CONFIRMATION_RISK == 0.001
    need = m.confirmations_needed(0.1, m.CONFIRMATION_RISK)
    assert f"0.1% needs {need} confirmations" in lab.ConsensusLab().update(q=0.1, z=6.0, gamma=0.0)
