"""Sequencer risk: the uptime gates' exact boundaries, forced-inclusion ranges, outages, the flood, ordering."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordlab.models import sequencer as s
from shared_defaults import default, slider


@given(started=st.integers(0, 2**40), grace=st.integers(0, 10**6), elapsed=st.integers(0, 2 * 10**6))
def test_chainlink_and_aave_gates_share_the_boundary(started, grace, elapsed):
    """Chainlink's sample reverts while elapsed <= grace; Aave's sentinel allows when elapsed > grace: the same
    second.
    """
    now = started + elapsed
    ok = s.chainlink_gate_allows(0, started, now, grace)
    assert ok is (elapsed > grace) is s.aave_sentinel_allows(0, started, now, grace)
    assert s.chainlink_gate_allows(1, started, now, grace) is False
    assert s.aave_sentinel_allows(1, started, now, grace) is False


def test_exact_boundary_of_the_sample():
    assert [s.chainlink_gate_allows(0, 0, t) for t in (3600, 3601)] == [False, True]
    assert s.GRACE_PERIOD_TIME == 3600


def test_forced_inclusion_delays():
    """Arbitrum One: 24 h binds before BoLD (delaySeconds 86400 beside 5760 blocks) and after it (7200 x 12 s);
    a drained delay buffer bottoms out at its threshold, 150 blocks (30 min). OP Mainnet: 3600 blocks = 12 h."""
    arb, op = s.FORCE_INCLUSION["Arbitrum One"], s.FORCE_INCLUSION["OP Mainnet"]
    assert s.force_inclusion_hours("Arbitrum One") == 24.0 == max(5760 * 12, 86_400) / 3600 == 7200 * 12 / 3600
    assert (arb.delay_blocks, arb.block_seconds, arb.min_hours) == (7200, 12.0, 0.5)
    assert s.force_inclusion_hours("OP Mainnet") == 12.0 == op.min_hours and op.delay_blocks == 3600
    for fi in (arb, op):
        assert fi.hours == fi.delay_blocks * fi.block_seconds / 3600 and fi.min_hours <= fi.hours
    with pytest.raises(dataclasses.FrozenInstanceError):
        arb.hours = 19.2  # frozen
    with pytest.raises(ValueError, match="chain"):
        s.force_inclusion_hours("Base")


def test_simulated_outages_match_their_law():
    out = s.simulate_outages(3.0, 2.0, 2000.0, seed=11)
    assert out.shape[0] == pytest.approx(6000, rel=0.05)
    assert np.median(out[:, 1]) == pytest.approx(2.0, rel=0.05)
    assert np.all(np.diff(out[:, 0]) >= 0) and out[:, 0].max() <= 2000.0
    assert np.array_equal(s.simulate_outages(3.0, 2.0, 10.0, seed=1), s.simulate_outages(3.0, 2.0, 10.0, seed=1))


def test_outage_flood_against_the_closed_form():
    """P(HF < 1 at restart) = P(price < debt / LT) for GBM: the simulated flood matches it, borrower by borrower on
    average.
    """
    from math import erf, log, sqrt

    T, sigma, n, paths = 24.0, 1.5, 2000, 2000
    o = s.outage_liquidations(T, 0.0, sigma, n=n, paths=paths, seed=5)
    rng = np.random.default_rng(5)
    usage = rng.uniform(0.5, 0.97, n)  # the same draw the model makes first
    sd = sigma * sqrt(T / 8760)
    phi = lambda x: 0.5 * (1 + erf(x / sqrt(2)))  # noqa: E731
    expected = sum(phi((log(u) + 0.5 * sd**2) / sd) for u in usage)
    assert o.liquidatable_at_restart == pytest.approx(expected, rel=0.05)


def test_grace_period_and_override():
    base = dict(outage_hours=48.0, sigma=3.0, n=2000, paths=300, seed=2)
    none = s.outage_liquidations(grace_hours=0.0, **base)
    grace = s.outage_liquidations(grace_hours=1.0, topup=1.0, **base)
    no_override = s.outage_liquidations(grace_hours=1.0, topup=1.0, override=False, **base)
    assert none.saved == 0 and none.liquidated == none.liquidatable_at_restart == none.liquidated_no_grace
    assert none.bad_debt == none.bad_debt_no_grace
    assert grace.saved > 0 and grace.liquidated + grace.saved == pytest.approx(grace.liquidated_no_grace)
    assert no_override.saved > grace.saved  # without the HF < 0.95 override, the grace period shields more
    assert s.outage_liquidations(outage_hours=0.0, grace_hours=0.0, sigma=1.0, seed=1).liquidatable_at_restart == 0


@given(
    outage=st.floats(0.0, 72.0),
    grace=st.floats(0.0, 8.0),
    sigma=st.floats(0.0, 4.0),
    topup=st.floats(0.0, 1.0),
    queued=st.floats(0.0, 1.0),
    override=st.booleans(),
    seed=st.integers(0, 50),
)
def test_same_horizon_grace_never_liquidates_more(outage, grace, sigma, topup, queued, override, seed):
    """Both policies are counted at the window's end: a grace period liquidates a subset of what none does."""
    o = s.outage_liquidations(
        outage, grace, sigma, n=200, paths=20, topup=topup, queued=queued, override=override, seed=seed
    )
    assert 0 <= o.liquidated <= o.liquidated_no_grace and o.saved == pytest.approx(o.liquidated_no_grace - o.liquidated)
    assert o.liquidatable_at_restart <= o.liquidated_no_grace
    if override:
        assert o.bad_debt <= o.bad_debt_no_grace + 1e-9 or grace > 0


def test_queued_top_ups_and_the_book():
    base = dict(outage_hours=24.0, grace_hours=1.0, sigma=1.5, n=2000, paths=200, seed=3)
    plain = s.outage_liquidations(**base)
    assert s.outage_liquidations(queued=1.0, **base).liquidatable_at_restart == 0
    assert s.outage_liquidations(queued=0.5, **base).liquidatable_at_restart < plain.liquidatable_at_restart
    # more positions near HF 1, a bigger flood
    floods = [s.outage_liquidations(max_usage=u, **base).liquidatable_at_restart for u in (0.9, 0.97, 1.0)]
    assert floods == sorted(floods) and floods[0] < floods[-1]


def test_sentinel_reads_and_the_daily_rewrite():
    """aave-v3-core issue #926: reading updatedAt restarts the grace period at each rewrite of the round."""
    day = 86_400
    for t in range(0, 2 * day, 997):
        now = 5 * day + t
        refresh = 5 * day + (t // day) * day
        assert s.aave_sentinel_round_allows(0, 0, refresh, now, 3600, reads="startedAt")
        assert s.aave_sentinel_round_allows(0, 0, refresh, now, 3600, reads="updatedAt") == (now - refresh > 3600)
    blocked = sum(not s.aave_sentinel_round_allows(0, 0, day, day + t, 3600, reads="updatedAt") for t in range(day))
    assert blocked == 3601 and s.sentinel_blocked_share(3600) == blocked / day
    assert s.sentinel_blocked_share(100_000) == 1.0
    with pytest.raises(ValueError, match="updated_at must not be before started_at"):
        s.aave_sentinel_round_allows(0, 10, 5, 20, 1)
    with pytest.raises(ValueError, match="now must not be before updated_at"):
        s.aave_sentinel_round_allows(0, 0, 20, 10, 1)


def test_outage_fit_and_exceedance():
    fit = s.fit_outage_durations()
    assert fit.n == 10 and fit.longest_hours == 11 + 20 / 60  # Starknet, 2 September 2025, by its own report
    assert fit.spread_low < fit.spread < fit.spread_high
    short, long_ = s.fit_outage_durations(reading="shortest"), s.fit_outage_durations(reading="longest")
    assert short.median_hours < fit.median_hours < long_.median_hours and short.longest_hours == 10.0
    arb = s.fit_outage_durations("Arbitrum One")
    assert arb.n == 3 and arb.longest_hours == 7.0
    assert s.lognormal_exceedance(fit.median_hours, fit.median_hours, fit.spread) == pytest.approx(0.5)
    d = s.simulate_outages(10.0, fit.median_hours, 2000.0, seed=4, spread=fit.spread)[:, 1]
    assert np.mean(d > 12.0) == pytest.approx(s.lognormal_exceedance(12.0, fit.median_hours, fit.spread), abs=0.005)
    with pytest.raises(ValueError, match="chain"):
        s.fit_outage_durations("Linea")  # one record: no spread
    with pytest.raises(ValueError, match="chain"):
        s.outage_rate_per_year("Starknet")  # no recorded launch date


def test_spread_interval_matches_scipy():
    """The 90% interval of the spread uses chi-square quantiles computed without scipy; scipy agrees."""
    from scipy.stats import chi2

    for chain, reading in ((None, "stated"), (None, "longest"), ("Arbitrum One", "stated"), ("Base", "stated")):
        fit = s.fit_outage_durations(chain, reading=reading)
        dof = fit.n - 1
        assert fit.spread_low == pytest.approx(fit.spread * (dof / chi2.ppf(0.95, dof)) ** 0.5, rel=1e-9)
        assert fit.spread_high == pytest.approx(fit.spread * (dof / chi2.ppf(0.05, dof)) ** 0.5, rel=1e-9)


def test_outage_records():
    """Each record's stated length lies in its range; Starknet's report (02:20-13:40 UTC) against the press
    (02:23-04:36).
    """
    from coordlab.models.l2_outages import OUTAGES

    for o in OUTAGES:
        assert o.hours > 0 and (o.range_hours is None or o.range_hours[0] <= o.hours <= o.range_hours[1])
    stark = next(o for o in OUTAGES if o.chain == "Starknet" and o.date == "2025-09-02")
    assert (
        stark.hours == (13 * 60 + 40 - (2 * 60 + 20)) / 60
        and stark.range_hours[0] == (4 * 60 + 36 - (2 * 60 + 23)) / 60
    )
    arb = next(o for o in OUTAGES if o.date == "2023-12-15")
    assert "15:29 UTC" in arb.note and arb.hours == 78 / 60  # 10:29 ET in December is UTC-5


def test_ordering_race():
    for rule in ("fcfs", "fcfs_spam", "priority", "oev_auction"):
        for n in (1, 2, 5, 50):
            r = s.ordering_race(1.0, n, rule, seed=3)
            assert r.to_liquidators + r.to_orderer + r.to_protocol + r.costs + r.spam == pytest.approx(1.0)
    # Tullock: the group spends (n - 1)/n of the expected prize, dissipating it as n grows
    spend = [s.ordering_race(1.0, n, "fcfs_spam", seed=3).spam for n in (1, 2, 5, 50)]
    assert spend[0] == 0.0 and spend == sorted(spend) and spend[-1] == pytest.approx(0.9 * 49 / 50)
    prio, oev = (
        s.ordering_race(1.0, 5, "priority", seed=3),
        s.ordering_race(1.0, 5, "oev_auction", seed=3, protocol_share=0.65),
    )
    assert oev.to_protocol == pytest.approx(0.65 * prio.to_orderer) and oev.to_liquidators == prio.to_liquidators


def test_ordering_race_fcfs_and_priority():
    fcfs = s.ordering_race(1.0, 5, "fcfs", seed=3)
    prio = s.ordering_race(1.0, 5, "priority", seed=3)
    for r in (fcfs, prio):
        assert isinstance(r, s.RaceOutcome) and r.to_protocol == r.spam == 0.0
        assert r.to_liquidators + r.to_orderer + r.costs == pytest.approx(1.0)
    assert fcfs.to_orderer == 0.0 and prio.to_orderer > 0.9
    more = s.ordering_race(1.0, 50, "priority", seed=3)
    assert more.to_orderer > prio.to_orderer  # more competition, more to the orderer


def test_price_paths():
    r = s.price_paths(10.0, 0.0, k=4)
    t, p = r.hours, r.paths
    assert t[-1] == 10.0 and np.allclose(p, 1.0)


def test_timestamps_and_sizes_are_bounded():
    """Regression: a 401-digit started_at raised OverflowError; sizes whose product ran for minutes are refused."""
    with pytest.raises(ValueError, match="started_at"):
        s.chainlink_gate_allows(0, 10**400, 10**400 + 1)
    with pytest.raises(ValueError, match="now must not be before started_at"):
        s.chainlink_gate_allows(0, 100, 99)
    with pytest.raises(ValueError, match="now must not be before last_update"):
        s.aave_sentinel_allows(0, 100, 99, 10)
    assert s.chainlink_gate_allows(0, 2**256 - 2, 2**256 - 1, 0) is True
    with pytest.raises(ValueError, match=r"n x paths"):
        s.outage_liquidations(6.0, 1.0, 1.0, n=100_000, paths=100)
    with pytest.raises(ValueError, match=r"rate_per_year x years"):
        s.simulate_outages(1e4, 1.0, 1e4)
    with pytest.raises(ValueError, match=r"k x"):
        s.price_paths(1440.0, 1.0, k=10_000)
    with pytest.raises(ValueError, match=r"n_bots x rounds"):
        s.ordering_race(1.0, 10_000, "fcfs", rounds=1_000_000)
    with pytest.raises(ValueError, match=r"n_bots x rounds"):
        s.ordering_race(1.0, 10_000, "fcfs", rounds=1_000_000)


def test_sequencer_lab_shares_the_models_constants() -> None:
    """labs.sequencer's borrowers, top-ups and grace period are the model's."""

    from coordlab.labs import sequencer as lab
    from coordlab.models import sequencer as m

    assert lab.N == default(m.outage_liquidations, "n") == m.OUTAGE_BORROWERS == 2000
    assert slider(lab.OutageLab, "topup") / 100 == default(m.outage_liquidations, "topup") == m.OUTAGE_TOPUP == 0.5
    assert slider(lab.OutageLab, "grace") * 3600 == m.GRACE_PERIOD_TIME == default(m.chainlink_gate_allows, "grace")
