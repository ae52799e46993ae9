"""Every number notebook 13's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import pytest

from coordlab.labs import OutageLab
from coordlab.models import sequencer as s
from coordlab.models.l2_outages import LAUNCHED, OUTAGES
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB13 = markdown(read(NOTEBOOK_DIR / "13_sequencer_risk.ipynb"))
N = 2000


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB13, f"the prose no longer says {phrase!r}"


def pct(x: float, digits: int = 2) -> float:
    """A mean count of the lab's book (200 paths) as a percentage of it, rounded exactly (half to even, as printed)."""
    exact = Decimal(round(x * 200)) * 100 / (N * 200)
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN))


def test_incident_figures():
    """§1: the Arbitrum One figures, with their sources; the other halts are records of the list (§4)."""
    stated(
        "about **7 hours**",
        "**284** transactions",
        "**10:29 ET (15:29 UTC)**",
        "about **78 minutes**",
        "about **90%**",
        "26 April 2023",
        'Offchain Labs post-mortem, "Today\'s Arbitrum Sequencer Downtime: What Happened?", 9 January 2022',
        # the post-mortem: the 284 accepted but unposted transactions were posted first at the restart, not dropped
        "were posted first when it restarted, before it took new ones, so none was lost",
        "other reports say about 10 hours",
        "Base stopped for 33 minutes on 5 August 2025, Starknet for between two and eleven hours on 2 September 2025",
        "from 02:20 to 13:40 UTC",
        "§4 lists ten such halts",
    )
    # 10:29 in New York on 15 December (EST, UTC-5) is 15:29 UTC; the press's 13:29 UTC is a conversion slip
    from datetime import datetime
    from zoneinfo import ZoneInfo

    stall = datetime(2023, 12, 15, 10, 29, tzinfo=ZoneInfo("America/New_York")).astimezone(ZoneInfo("UTC"))
    assert (stall.hour, stall.minute) == (15, 29)
    # the Starknet range: 02:23-04:36 (press) is 2.2 h; 02:20-13:40 (incident report) is 11.3 h
    assert round((4 * 60 + 36 - 2 * 60 - 23) / 60, 1) == 2.2 and round((13 * 60 + 40 - 2 * 60 - 20) / 60, 1) == 11.3
    by_day = {o.date: o for o in OUTAGES}
    assert by_day["2022-01-09"].hours == 7.0 and "about 10 hours" in by_day["2022-01-09"].note
    assert round(by_day["2023-12-15"].hours * 60) == 78 and round(by_day["2025-08-05"].hours * 60) == 33
    # the list takes Starknet's own incident report (11 h 20 min), the press's 2 h 13 min as the range's low end
    assert by_day["2025-09-02"].hours == 11 + 20 / 60 and by_day["2025-09-02"].range_hours == (133 / 60, 11 + 20 / 60)
    assert "15:29 UTC" in by_day["2023-12-15"].note and len(OUTAGES) == 10


def test_gates_and_the_sentinel_bug():
    """§2: the restart boundary, and the v3.0 sentinel closing the market after each daily rewrite of the round."""
    assert s.chainlink_gate_allows(0, 0, 3600) is False and s.chainlink_gate_allows(0, 0, 3601) is True
    started, refreshed = 1_700_000_000, 1_700_000_000 + 86_400
    assert not s.aave_sentinel_round_allows(0, started, refreshed, refreshed + 60, 3600, reads="updatedAt")
    assert s.aave_sentinel_round_allows(0, started, refreshed, refreshed + 60, 3600, reads="startedAt")
    assert s.aave_sentinel_round_allows(0, started, refreshed, refreshed + 3601, 3600, reads="updatedAt")
    share = s.sentinel_blocked_share(3600)
    assert (
        share == 3601 / 86_400 and f"{share:.2%}" == "4.17%" and s.sentinel_blocked_share(3600, reads="startedAt") == 0
    )
    stated(
        "prices become usable at second 3 601, not 3 600",
        "reported on 14 November 2023 (aave/aave-v3-core issue #926)",
        "payloads of 25 November 2023",
        "**below 0.95**",
        "closed 4.17% of the time with the sequencer up",
        # the bug was an OP Stack one: Arbitrum's feed keeps updatedAt = startedAt (BGD's payload says why)
        "on the OP Stack markets (Optimism, Base, Metis)",
        "on Arbitrum, whose feed keeps the two fields equal, the bug did nothing",
        "closed an OP Stack market",
        "merged into aave-v3-origin's main branch as v3.7.0 on 1 June 2026, with no release tag",
        "the tags end at v3.6.0 and `package.json` still says 3.6.0",
    )


def test_forced_inclusion_clocks():
    """§3: 5 760 blocks are 24 h of 15 s blocks and 19.2 h of 12 s blocks, but the 86 400 s check bound until BoLD
    (February 2025), which raised delayBlocks to ceil(86 400 / 12) = 7 200 (BOLDUpgradeAction.upgradeSequencerInbox):
    24 h throughout; OP Mainnet's window 3 600 x 12 s = 12 h."""
    assert 5760 * 15 == 86_400 and 5760 * 12 / 3600 == 19.2 and 3600 * 12 / 3600 == 12
    # before BoLD both checks had to pass: the later of the two clocks binds
    assert max(5760 * 12, 86_400) / 3600 == 24.0
    # BoLD: delayBlocks = max(delayBlocks, ceil(delaySeconds / SECONDS_PER_SLOT)) with SECONDS_PER_SLOT = 12
    assert max(5760, -(-86_400 // 12)) == 7200 and 7200 * 12 / 3600 == 24.0
    # the delay buffer: at most 48 h of blocks, threshold 30 min of blocks (arb1.ts, hoursToBlocks at 12 s)
    assert (48 * 3600 // 12, 1800 // 12) == (14_400, 150)
    assert s.force_inclusion_hours("Arbitrum One") == 24.0 and s.force_inclusion_hours("OP Mainnet") == 12.0
    # the buffer's floor: DelayBuffer.deplete saturates at the threshold, 150 blocks = 30 minutes
    assert s.FORCE_INCLUSION["Arbitrum One"].min_hours == 150 * 12 / 3600 == 0.5
    fit = s.fit_outage_durations()
    assert (
        max(o.hours for o in OUTAGES) < 12
        and round(100 * (1 - s.lognormal_exceedance(12.0, fit.median_hours, fit.spread))) == 92
    )
    assert round(100 * (1 - s.lognormal_exceedance(24.0, fit.median_hours, fit.spread))) == 97
    stated(
        "longer than every reported outage (the longest, Starknet's of September 2025, lasted 11 h 20 min by its own "
        "report) and than about 92% (12 h) and 97% (24 h) of outages under the law fitted in §4"
    )
    stated(
        "down to the threshold, 150 blocks (**30 minutes**)",
        "the 19.2 h of the block clock alone never decided anything",
        "30 min at the least once repeated long delays drain its buffer",
        "the delay buffer's 30-minute floor is reached only "
        "after repeated long delays (censorship, or outages of a day within a few weeks of each other)",
        "equally the backlog of delayed-inbox messages a sequencer includes when it comes back from an outage",
    )

    # DelayBuffer.deplete / replenish (nitro-contracts src/bridge/DelayBuffer.sol) with arb1.ts's buffer, at 12 s a
    # block:
    # one day-long delay leaves the wait at 24 h, a second before the buffer refills leaves an hour
    def deplete(buffer, delay, threshold=150):  # a sustained delay: the unexpected part is not capped by elapsed
        return max(buffer - max(delay - threshold, 0), threshold)

    def wait(buffer, delay_blocks=7200):  # SequencerInbox.delayBufferableBlocks
        return min(buffer, delay_blocks)

    once = deplete(14_400, 7200)
    assert once == 7350 and wait(once) == 7200
    twice = deplete(once, 7200)
    assert twice == 300 and wait(twice) * 12 / 3600 == 1.0
    assert deplete(twice, 7200) == 150  # saturates at the threshold: 30 minutes
    assert 7050 * 10_000 // 500 == 141_000 and round(141_000 * 12 / 86_400) == 20  # replenished at 500 bps a block
    assert deplete(14_400, 7 * 300) > 7200  # one 7-hour outage leaves the 24-hour wait alone
    # Nitro's DelayedSequencerConfig: UseMergeFinality with RequireFullFinality false (the L1 "safe" block) by default
    # justified: 32 slots (its epoch's first slot) to 63 slots (its second) after the block; final: 64 to 95 (notebook
    # 11)
    stated(
        "waits by default for the L1 block holding them to be *safe*, that is justified, about 6 to 13 minutes after "
        "it",
        "earlier releases waited for full finality, about 13 to 19 minutes",
    )
    assert (round(32 * 12 / 60), round(63 * 12 / 60), round(64 * 12 / 60), round(95 * 12 / 60)) == (6, 13, 13, 19)
    stated(
        "a day-long delay drains about 7 200 − 150 = 7 050 blocks, leaving 7 350 of the 14 400, still above 7 200",
        "7 050 blocks take 141 000 blocks, about 20 days) leaves 300 blocks, and the next forced inclusion waits **one "
        "hour**",
    )
    stated(
        "24 hours of 15-second blocks (5 760 × 15 s = 86 400 s)",
        "runs out after **19.2 hours**",
        "`delaySeconds` = 86 400 s",
        "the delay that bound stayed **24 hours**",
        "7 200 blocks, 24 hours again",
        "at most 14 400 blocks, threshold 150 blocks, replenished at 5%",
        "`seq_window_size` = 3 600 L1 blocks, **12 hours** on OP Mainnet",
        "is not guaranteed",
        "Arbitrum One 24 h (5 760 blocks and 86 400 s until 2025, 7 200 blocks since, 30 min at the least",
        "OP Mainnet 12 h: longer than most outages",
    )


def test_outage_list_and_fit():
    """§4: ten halts on six rollups, 2021-2025; the fitted law, the rate, the simulation and the tail across
    spreads.
    """
    assert len(OUTAGES) == 10 and len({o.chain for o in OUTAGES}) == 6
    assert min(o.date for o in OUTAGES)[:4] == "2021" and max(o.date for o in OUTAGES)[:4] == "2025"
    assert all(o.source.startswith("https://") for o in OUTAGES)
    assert sum(o.chain == "Arbitrum One" for o in OUTAGES) == 3 and LAUNCHED["Arbitrum One"][0].startswith("2021-08")
    fit = s.fit_outage_durations()
    logs = np.log([o.hours for o in OUTAGES])
    assert fit.median_hours == pytest.approx(math.exp(logs.mean())) and fit.spread == pytest.approx(logs.std(ddof=1))
    assert (round(fit.median_hours, 2), round(fit.spread, 2)) == (1.79, 1.38)
    # the 90% interval of a normal sd from n = 10 logs: chi-square with 9 degrees of freedom (quantiles 3.325, 16.919)
    assert (round(fit.spread * math.sqrt(9 / 16.919), 2), round(fit.spread * math.sqrt(9 / 3.325), 2)) == (1.01, 2.27)
    assert (round(fit.spread_low, 2), round(fit.spread_high, 2)) == (1.01, 2.27)
    rate = s.outage_rate_per_year("Arbitrum One")
    assert round(rate, 2) == 0.57
    d = s.simulate_outages(rate, fit.median_hours, years=1000.0, seed=7, spread=fit.spread)[:, 1]
    assert len(d) == 581 and round(100 * float(np.mean(d > 24.0)), 1) == 3.6
    spreads = (fit.spread_low, fit.spread, fit.spread_high)
    tail = [
        [round(100 * s.lognormal_exceedance(h, fit.median_hours, sp), 1) for h in (7.0, 12.0, 24.0)] for sp in spreads
    ]
    assert tail == [[8.8, 2.9, 0.5], [16.1, 8.4, 3.0], [27.4, 20.1, 12.6]]
    assert round(1 / s.lognormal_exceedance(24.0, fit.median_hours, fit.spread)) == 33  # "one in thirty-three"
    assert round(1 / s.lognormal_exceedance(12.0, fit.median_hours, fit.spread)) == 12  # "one in twelve"
    # where sources disagree: every record at its shortest, and at its longest, figure
    short, long_ = s.fit_outage_durations(reading="shortest"), s.fit_outage_durations(reading="longest")
    assert (round(short.median_hours, 2), round(short.spread, 2)) == (1.52, 1.23)
    assert round(100 * s.lognormal_exceedance(24.0, short.median_hours, short.spread), 1) == 1.2
    assert round(100 * s.lognormal_exceedance(24.0, long_.median_hours, long_.spread), 1) == 4.1
    stated(
        "Ten halts of block production on six rollups, 2021–2025",
        "Arbitrum One's three reported outages since it opened in August 2021",
        "over 1 000 seeded years",
        "the fitted 1.38 is the standard deviation of ten log lengths",
        "its 90% confidence interval runs from 1.01 to 2.27",
        "between 0.5% and 12.6% of outages outlast Arbitrum One's "
        "24-hour delay (3.0% at the fit, one in thirty-three; 3.6% of the 581 simulated outages)",
        "between 2.9% and 20.1% outlast OP Mainnet's 12 hours (8.4% at the fit)",
        "intermittently unavailable for 11 h 20 min on 2 September 2025",
        "2 h 13 min without blocks",
        "1.2% of outages outlast 24 hours (median 1.52 h, spread 1.23); at its longest, 4.1%",
        "the rate, 0.57 a year",
        "median 1.79 h, spread 1.38; about one in twelve outlasts OP Mainnet's 12 h, one in thirty-three Arbitrum "
        "One's "
        "24 h (0.5% to 12.6% across the spread's 90% interval)",
    )
    # "longer than 8 outages in 10 under the fitted law" (§5, of the 7-hour outage): 84%
    assert 0.8 < 1 - s.lognormal_exceedance(7.0, fit.median_hours, fit.spread) < 0.9
    stated("longer than 8 outages in 10 under the fitted law")


def test_the_book():
    """§5: 2 000 borrowers owing 50-97% of the 80% limit: health factors 1.03 to 2."""
    assert round(1 / 0.97, 2) == 1.03 and 1 / 0.5 == 2
    stated(
        "2 000 borrowers hold one collateral and owe 50–97% of what the liquidation threshold (80%) allows",
        "health factors run from 1.03 to 2",
        "200 paths",
        "a 5% bonus",
    )


def test_figure_1_and_the_same_horizon():
    lab = OutageLab()
    o = lab.result["out"]
    assert (pct(o.liquidatable_at_restart), pct(o.saved), pct(o.liquidated), pct(o.liquidated_no_grace)) == (
        0.39,
        0.28,
        0.21,
        0.49,
    )
    assert o.bad_debt == o.bad_debt_no_grace == 0.0
    t, paths = lab.result["t"], lab.result["paths"]
    assert t[-1] == 8.0 and round(paths.min(), 2) == 0.96 and round(paths.max(), 2) == 1.06
    # the "saved" bar is the difference of the last two, and a count, not a net: the grace arm's set is inside the
    # other's
    assert o.saved == pytest.approx(o.liquidated_no_grace - o.liquidated)
    for seed in range(40):  # one path per run: the inclusion holds path by path, not only on average
        for hours, grace, sigma, topup in ((7.0, 1.0, 1.0, 0.5), (48.0, 8.0, 3.0, 0.0), (24.0, 0.25, 1.5, 1.0)):
            r = s.outage_liquidations(hours, grace, sigma, n=2000, paths=1, topup=topup, seed=seed)
            assert r.liquidated <= r.liquidated_no_grace and r.saved >= 0
    stated(
        "is exactly that difference: in this model every position liquidated with the grace period is also liquidated "
        "without one"
    )
    stated(
        "staying between about 0.96 and 1.06",
        "each named on its axis and labelled with its value",
        "liquidatable at restart 0.39, saved by the grace period 0.28, "
        "liquidated by the window's end with grace 0.21, with no grace 0.49",
        "Seven hours at 100% volatility leave 0.39% of borrowers liquidatable at restart",
        "0.21% are liquidated with it, against 0.49% with none",
        "Neither policy leaves bad debt",
        "a 1 h grace period: 0.21% liquidated by its end, against 0.49% with none",
    )


def test_the_draw_across_seeds():
    """§5's fourth assumption: the flood at 7 h and 100% across seeds 0-19, and the grace period below none in each."""
    floods = []
    for seed in range(20):
        o = s.outage_liquidations(7.0, 1.0, 1.0, n=N, paths=200, topup=0.5, seed=seed)
        floods.append(pct(o.liquidatable_at_restart))
        assert o.liquidated < o.liquidated_no_grace
    assert (min(floods), max(floods), floods[3]) == (0.26, 0.59, 0.39)
    stated("across seeds 0 to 19 the flood after 7 hours at 100% runs from 0.26% to 0.59% (0.39% at the lab's seed 3)")


def test_sensitivity_table():
    """§5's table: the flood across lengths and volatilities, across books, and with L1-queued top-ups."""

    def flood(hours, sigma, **kw):
        return pct(s.outage_liquidations(hours, 1.0, sigma, n=N, paths=200, seed=3, **kw).liquidatable_at_restart)

    assert flood(7.0, 1.0) == 0.39 and flood(48.0, 3.0) == 12.83
    assert flood(24.0, 1.0) < 2 and flood(11.0, 1.5) < 2 and flood(7.0, 1.5) < 2
    assert flood(7.0, 1.0, max_usage=0.9) == 0.0 and flood(7.0, 1.0, max_usage=0.99) == 1.17
    assert round(flood(7.0, 1.0, max_usage=0.99) / flood(7.0, 1.0)) == 3
    assert (round(1 / 0.9, 2), round(1 / 0.99, 2)) == (1.11, 1.01)
    assert flood(7.0, 1.0, queued=0.1) == 0.35
    longest = max(OUTAGES, key=lambda o: o.hours)
    assert longest.chain == "Starknet" and longest.date.startswith("2025-09") and round(longest.hours) == 11
    stated(
        "11 hours, about the longest on record (Starknet's, September 2025)",
        "under 2% up to a day at 100% volatility or 11 hours at 150%",
        "12.83% after 48 hours at 300%",
        "no position closer to the limit than 90% of it (HF 1.11 and up)",
        "positions up to 99% (HF 1.01) it triples to 1.17%",
        "with 10% of borrowers queuing, the flood falls from 0.39% to 0.35%",
        "0.39% of a stylised book after 7 h at 100% volatility; 12.83% only after two days of a crash",
    )


def test_ordering():
    """§6: the four rules with five bots (seed 1); the Tullock spend (n - 1)/n of the expected prize."""
    r = {rule: s.ordering_race(1.0, 5, rule, seed=1) for rule in ("fcfs", "fcfs_spam", "priority", "oev_auction")}
    assert round(r["fcfs_spam"].spam, 2) == round(0.9 * 4 / 5, 2) == 0.72
    assert round(r["priority"].to_orderer, 2) == 0.93 and round(r["oev_auction"].to_protocol, 2) == 0.56
    assert r["oev_auction"].to_protocol == pytest.approx(0.6 * r["priority"].to_orderer)
    for out in r.values():
        assert out.to_liquidators + out.to_orderer + out.to_protocol + out.costs + out.spam == pytest.approx(1.0)
    # the old function gives the same priority race
    assert s.ordering_race(1.0, 5, "priority", seed=1) == r["priority"]
    # the OEV figure is an upper bound: Chainlink expected SVR to recapture about 40% of liquidation MEV
    stated(
        "an upper bound: this auction recaptures all of the competition's surplus",
        "about 40% of liquidation MEV",
        "Flashbots MEV-Share",
        "arXiv:2509.22143",
        "two entities winning most rounds",
    )
    stated(
        "72% of the bonus with five",
        "93% here",
        "burnt instead: 72%",
        "(56% here, an upper bound",
        "17 April 2025",
        "29 March 2025",
        "60% in SVR's standard split; 65% for Aave's first six months",
        "skip the 200 ms delay imposed on all others",
        "60-second round",
        "Arbitrum One and Nova since 17 April 2025",
        "priority auctions pass the bonus to the orderer (93%), FCFS burns it in spam (72%), OEV "
        "auctions return part of it (56%)",
    )


def test_exercise_3():
    def flood(hours):
        return s.outage_liquidations(hours, 1.0, 2.0, n=2000, paths=200, topup=0.5, seed=3).liquidatable_at_restart / 20

    assert round(flood(36.0), 1) == 6.6 and round(flood(7.0), 1) == 1.9 and round(flood(36.0) / flood(7.0), 1) == 3.5
    assert round(math.sqrt(36 / 7), 1) == 2.3
    stated("About **6.6%**", "three and a half times the 7-hour outage's 1.9%", "\\sqrt{36/7} \\approx 2.3")


def test_exercises_1_2_and_4():
    """The worked solutions of Exercises 1, 2 and 4 (another grace period, block time and number of bots)."""
    assert not s.chainlink_gate_allows(0, 0, 1800, grace=1800) and s.chainlink_gate_allows(0, 0, 1801, grace=1800)
    stated("up to and including second 1 800; the first second that passes is **1 801**")
    hours = 5760 * 13.2 / 3600
    assert 5760 * 13.2 == 76_032 and round(hours, 2) == 21.12 and round(hours, 1) == 21.1
    stated(
        "5 760 blocks of 13.2 s is 76 032 s",
        "**21.1 hours** (21.12), against 19.2 hours",
        "the `delayBlocks` of 5 760 that its `SequencerInbox` used until February 2025",
    )
    assert 7200 * 13.2 / 3600 == pytest.approx(26.4)
    stated("today's `delayBlocks` = 7 200 would give 26.4 hours at 13.2 s")
    two, five = s.ordering_race(1.0, 2, "priority", seed=1), s.ordering_race(1.0, 5, "priority", seed=1)
    assert round(two.to_orderer, 2) == 0.87 and round(five.to_orderer, 2) == 0.93 and round(0.2 * 2 / 3, 2) == 0.13
    assert round(two.to_liquidators, 2) == 0.07 and round(five.to_liquidators, 2) == 0.03
    stated(
        "About **0.87**",
        "against 0.93 with five bots",
        "(about 0.07 of the bonus instead of 0.03)",
        "$0.2 \\times 2/3 \\approx 0.13$",
    )


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "13_sequencer_risk.ipynb"), heading)


def test_exercise_5_worked_solution_and_what_chainlink_gate_adds():
    price_usable = _worked_solution("### Exercise 5 (write it yourself)")["price_usable"]
    t0 = 1_600_000_000
    for answer in (0, 1):
        for grace in (0, 1, 600, 3600):
            for now in {t0, t0 + 1, t0 + grace, t0 + grace + 1, t0 + 10 * grace + 5} | {t0 + grace - 1} - {t0 - 1}:
                assert price_usable(answer, t0, now, grace) == s.chainlink_gate_allows(answer, t0, now, grace)
    # coordlab's gate answers as Aave's does (a bool), and refuses what the contract's types cannot hold
    assert (
        s.chainlink_gate_allows(1, 0, 10),
        s.chainlink_gate_allows(0, 0, 10, grace=10),
        s.chainlink_gate_allows(0, 0, 11, grace=10),
    ) == (False, False, True)
    with pytest.raises(ValueError, match="sequencer_status must be in"):
        s.chainlink_gate_allows(2, 0, 10)
    with pytest.raises(TypeError, match="now must be an integer"):
        s.chainlink_gate_allows(0, 0, 3600.5)
    with pytest.raises(ValueError, match="now must not be before started_at"):
        s.chainlink_gate_allows(0, 100, 50)
    assert price_usable(0, 100, 50, 10) is False  # the student's: a negative time, "not usable"
    assert s.aave_sentinel_allows(0, 0, 3600, 3600) is False and s.aave_sentinel_allows(0, 0, 3601, 3600) is True
    stated(
        "coordlab.models.sequencer.chainlink_gate_allows",
        'quietly say "not usable"',
        "sequencer.aave_sentinel_round_allows",
    )


def test_exercise_4_five_bot_trap_also_meets_the_lowest_cost_slip():
    """13.4: 0.93 is both §6's five-bot figure and 1 - E[lowest of two costs] = 1 - 0.2/3; the hint serves both."""
    from coordlab.exercises import check

    assert round(1 - 0.2 / 3, 2) == round(s.ordering_race(1.0, 5, "priority", seed=1).to_orderer, 2) == 0.93
    message = check("13.4", 0.93).message
    assert "five bots" in message and "what must the cheaper bot bid" in message
