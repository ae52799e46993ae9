"""Every number notebook 03's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import FeeSwitchLab, PowerIndexLab
from coordlab.models import stakeholders, voting
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB03 = markdown(read(NOTEBOOK_DIR / "03_stakeholder_incentives.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB03, f"the prose no longer says {phrase!r}"


def test_incident_figures_are_stated_with_sources():
    """§1: Beanstalk, Solend SLND1 and Compound 289 figures and their sources; 289's tally recomputed."""
    assert round(1.0e6 / 1.155e6, 2) == 0.87
    assert round(682_191 / (682_191 + 633_636), 3) == 0.518 and 682_191 - 633_636 == 48_555
    assert 682_191 >= 400_000  # Bravo's quorum of for-votes
    stated(
        "about **\\$1 bn**",
        "about **79%**",
        "**\\$182 M**",
        "about **\\$76–80 M**",
        "**5.7 M SOL**",
        "**\\$108 M**",
        "**97.5%**",
        "**1 M**",
        "**1.155 M**",
        "99.8% yes",
        "Beanstalk post-mortem and press, April 2022",
        "which is not a token anyone can buy or borrow",
        "`GOVERNANCE_EMERGENCY_PERIOD = 86400` s",
        "The day's wait did not help: it ran *before* the votes were counted",
        "**499,000 COMP**",
        "about **\\$24 M**",
        "**682,191** votes for and **633,636** against",
        "about **5–7%**",
        "(5.6% in CoinGecko data quoted by The Defiant",
        "The Defiant, 28–29 July 2024",
    )


def test_median_voter_caveat():
    """§2: Black's median needs pairwise votes over an open agenda; a DAO vote is take-it-or-leave-it."""
    stated(
        "pairwise majority votes over an open agenda",
        "is voted up or down against the status quo, often with low turnout",
        "(the agenda-setter model of Romer and Rosenthal 1978)",
        "`token_vote` below computes the open-agenda median",
    )


def test_fee_switch_section_and_figure_1():
    """§2: phi* = 0.75 at eta = 1, kappa = 0.5; revenue peak about 0.47; the vote at 60% and 40%."""
    r = stakeholders.fee_switch(np.linspace(0, 1, 2001), eta=1.0, kappa=0.5)
    assert r.token_optimum == pytest.approx(0.75) and round(r.token_revenue.max(), 2) == 0.47
    assert stakeholders.token_vote([1.0, 0.5], [60, 40]) == 0.75
    assert stakeholders.token_vote([1.0, 0.5], [40, 60]) == 0.0
    assert "the vote picks phi = 0.00" in FeeSwitchLab().update()
    stated("Above $\\varphi^* = 0.75$ *both* groups lose", "a peak of about 0.47 at φ = 0.75", "φ = 0.2")


def test_power_examples():
    """§3: EEC 1958 (Luxembourg powerless), [51; 49, 49, 2] equal power; the synthetic DAO, exact."""
    assert voting.banzhaf(12, [4, 4, 4, 2, 2, 1]).values[-1] == 0
    assert voting.banzhaf(51, [49, 49, 2]).values == pytest.approx([1 / 3] * 3)
    rng = np.random.default_rng(2024)
    tail = rng.pareto(1.16, 297) + 1.0
    units = np.round(np.concatenate([[25.0, 15.0, 10.0], 50.0 * tail / tail.sum()]) * 100)
    assert units.sum() == 9999 and units.min() >= 1
    half, two_thirds = voting.banzhaf(5000, units), voting.banzhaf(6667, units)
    assert half.method == two_thirds.method == "generating"
    assert round(half.values[0], 2) == 0.25 and round(two_thirds.values[0], 2) == 0.20
    assert round(half.values[3:].sum(), 2) == 0.58 and round(two_thirds.values[3:].sum(), 2) == 0.49
    assert half.values[3:].sum() > 0.5 > two_thirds.values[3:].sum()  # above their token share, then just below
    ss = voting.shapley_shubik(5000, units)
    assert ss.method == "generating" and round(ss.values[0], 2) == 0.31 and round(ss.values[3:].sum(), 2) == 0.44
    sampled = voting.shapley_shubik(5000, units, method="sample", samples=5_000, seed=1)
    assert np.all(np.abs(sampled.values[:3] - ss.values[:3]) <= 3 * sampled.standard_error[:3])
    stated(
        "Luxembourg's vote never mattered",
        "the 2% holder has as much power as each 49% holder",
        "three whales with 25%, 15% and 10% of the tokens and 297 smaller holders",
        "the largest whale has about 0.31 of the power for 25% of the tokens",
        "the 297 small holders together about 0.44",
        "the largest whale has 0.25 at a simple majority",
        "about 0.20 at two thirds",
        "more power than tokens at a simple majority (0.58 for their 50%) and about their share at two thirds (0.49)",
        "(Straffin 1977)",
        "The sampled estimate agrees with the exact values within two standard errors (the third whale's is 1.2 "
        "standard errors off)",
        "Pareto law with tail index 1.16",
    )
    z = (sampled.values[:3] - ss.values[:3]) / sampled.standard_error[:3]
    assert np.all(np.abs(z) < 2) and round(abs(z[2]), 1) == 1.2


def test_banzhaf_figures_hang_on_the_quota_and_the_draw():
    """§3: the whales hold exactly the 50% quota, so Banzhaf's 0.25 is an edge case: at 55% the whale has 0.41 and
    the
    small holders 0.31, while Shapley–Shubik stays at 0.31 and 0.44; across tail seeds 0-19 Banzhaf moves far more."""
    rng = np.random.default_rng(2024)
    tail = rng.pareto(1.16, 297) + 1.0
    units = np.round(np.concatenate([[25.0, 15.0, 10.0], 50.0 * tail / tail.sum()]) * 100)
    assert units[:3].sum() == 5000  # the whales hold the quota exactly
    assert round(0.5 * np.sqrt((units[3:] ** 2).sum()) / units.sum(), 3) == 0.028  # spread of the others' half
    bz, ss = voting.banzhaf(5500, units).values, voting.shapley_shubik(5500, units).values
    assert (round(bz[0], 2), round(bz[3:].sum(), 2)) == (0.41, 0.31)
    assert (round(ss[0], 2), round(ss[3:].sum(), 2)) == (0.31, 0.44)
    rows = []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        tail = rng.pareto(1.16, 297) + 1.0
        u = np.round(np.concatenate([[25.0, 15.0, 10.0], 50.0 * tail / tail.sum()]) * 100)
        q = int(u.sum() // 2 + 1)
        b, s = voting.banzhaf(q, u).values, voting.shapley_shubik(q, u).values
        rows.append((b[0], b[3:].sum(), s[0], s[3:].sum(), u[3:].max() / u.sum()))
    r = np.array(rows)
    assert (round(r[:, 0].min(), 2), round(r[:, 0].max(), 2)) == (0.22, 0.39)
    assert (round(r[:, 1].min(), 2), round(r[:, 1].max(), 2)) == (0.35, 0.58)
    assert (round(r[:, 2].min(), 2), round(r[:, 2].max(), 2)) == (0.26, 0.31)
    assert (round(r[:, 3].min(), 2), round(r[:, 3].max(), 2)) == (0.44, 0.51)
    big = r[:, 4] > 0.10
    assert big.any() and r[~big, 2].min() > 0.30  # SS's low values: a "small" holder > 10%
    stated(
        "the three whales hold exactly the 50% quota between them",
        "about 2.8% of the supply",
        "Move the quota to 55% and Banzhaf gives the largest whale 0.41 and the small holders together 0.31",
        "while Shapley–Shubik barely moves (0.31 and 0.44)",
        "Banzhaf gives the largest whale 0.22 to 0.39 and the small holders together 0.35 to 0.58, "
        "Shapley–Shubik 0.26 to 0.31 and 0.44 to 0.51",
        "one common probability that is itself unknown (uniform between 0 and 1)",
    )


def test_electoral_college():
    """§3: the 2024 Electoral College (51 voters, 538 votes, 270 to win): California above its share."""
    from test_voting import ELECTORAL_COLLEGE_2024 as votes

    assert len(votes) == 51 and sum(votes) == 538
    bz, ss = voting.banzhaf(270, votes), voting.shapley_shubik(270, votes)
    assert bz.values[0] > ss.values[0] > 54 / 538 and bz.values[-1] < 3 / 538 and ss.values[-1] < 3 / 538
    stated(
        "51 voters with 538 votes and 270 to win",
        "California's power is above its share of the votes under both indices, a 3-vote state's just below",
        "Maine and Nebraska split theirs by district",
        "not a law of every weighted vote",
    )


def test_curve_wars_and_the_version_boxes():
    """§4–5: votes are rented every round (Curve Wars); a wait before the count does not stop a flash loan."""
    a = voting.flash_loan_attack(182e6, 100e6, 1.0, proposal_age_seconds=86_400)
    assert a.feasible and "counted in the transaction that executes it" in a.reason
    stated(
        "It does not mean power cannot be **rented**",
        "`WEIGHT_VOTE_DELAY = 10 * 86400`",
        "the **Curve Wars**",
        "Convex Finance (2021)",
        "bribe.crv.finance (built by Yearn's Andre Cronje, August 2021) and Votium (2021) for veCRV and vlCVX votes",
        'A. Cronje, "Bribing veCRV gauges 101" (20 August 2021)',
        "Hidden Hand (2022) for the same scheme copied by Balancer's veBAL and Aura's vlAURA",
        "> **Version box · Curve vote escrow (veCRV)**",
        "> **Version box · Compound Governor**",
        "commit ec351ae](https://github.com/curvefi/curve-dao-contracts/blob/ec351ae71734c6618f197b06cc7e7fefc613f5d1/",
        "(8 August 2020, the file's last change, Vyper 0.2.4)",
        "(`assert_not_contract`, the `SmartWalletChecker`)",
        "Beanstalk had a delay, but in the wrong place",
        "> **Version box · Beanstalk governance (`emergencyCommit`)**",
        "commit ee4720c](https://github.com/BeanstalkFarms/Beanstalk/blob/ee4720cdb449d5b6ff2b789083792c4395628674/",
        "`protocol/contracts/farm/facets/GovernanceFacet/GovernanceFacet.sol`",
        "the facet was deleted from the code on 28 April 2022 (commit 9fb2ad7)",
        "Compound's Governor takes it at the block where voting starts, a voting delay *after* the proposal is made",
        "`startBlock = block.number + votingDelay`",
        "was added to Bravo by proposal 304 (August 2024",
        "commit 15614c9 on 30 September 2024",
        "a voting delay of 13,140 blocks and a voting period of 19,710 blocks",
        "(merged in the same repository on 29 September 2025, commit 5e013be, with the proposal that hands it the "
        "Timelock",
    )


def test_figure_2_power_lab_defaults():
    lab = PowerIndexLab()
    r = lab.compute(**lab.values)
    assert list(np.round(r["share"], 2)) == [0.35, 0.3, 0.2, 0.1, 0.05]
    assert round(r["bz"][0], 2) == 0.36 and round(r["ss"][0], 2) == 0.37
    assert r["bz"][1] == pytest.approx(r["bz"][2]) and round(r["bz"][1], 2) == 0.28
    assert r["bz"][3] == pytest.approx(r["bz"][4]) and 0.03 <= r["ss"][4] <= r["bz"][4] <= 0.04
    stated("about 36–37% of the power", "have the same power, about 28%", "also share one level, 3–4%")


def test_vote_escrow_and_attack():
    """§4–5: 4-year lock gives about 1 veCRV per CRV, decaying linearly; the attack borrows 200 M for a $0.18 M fee."""
    start = 1_700_000_000
    end = voting.ve_lock_end(now=start, unlock_time=start + voting.MAXTIME)
    power = [voting.ve_voting_power(1000 * 10**18, end, start + int(y * 365 * 86400)) / 1e18 for y in (0, 2, 3)]
    assert [round(p) for p in power] == [998, 498, 248]
    a = voting.flash_loan_attack(182e6, 100e6, 1.0, pass_share=2 / 3, fee_rate=0.0009)
    assert round(a.tokens_needed / 1e6) == 200 and round(a.cost / 1e6, 2) == 0.18
    stated("borrows twice that, pays a fee of about \\$0.18 M", "(Aave v2: 0.09% of the amount)")


def test_exercise_solutions():
    ss = voting.shapley_shubik(67, [40, 30, 20, 10]).values
    bz = voting.banzhaf(75, [40, 30, 20, 10], normalized=False).values * 2**3
    assert ss[0] == pytest.approx(14 / 24) and list(bz) == [3, 3, 1, 1]
    assert voting.banzhaf(75, [40, 30, 20, 10]).values[2] == pytest.approx(1 / 8)
    assert voting.flash_loan_attack(50e6, 90e6, 1.0, pass_share=0.6).tokens_needed == pytest.approx(135e6)
    assert voting.flash_loan_attack(50e6, 90e6, 1.0).tokens_needed == pytest.approx(180e6)  # two thirds: twice
    assert 54 / (90 + 54) == 0.375
    stated(
        "$14/24 = 7/12 \\approx 0.583$",
        "Total 8, so the 20-token holder has $1/8 = 0.125$",
        "$x = 0.6 \\times 90/0.4 = 135$ M",
        "at section 5's two thirds it was twice",
        "$54/144 = 37.5\\%$",
    )
    # Exercise 4: the week rounding the contract applies
    start = 1_700_000_000
    end = voting.ve_lock_end(now=start, unlock_time=start + 2 * 365 * 86400)
    assert start + 63_072_000 == 1_763_072_000 and end == 2915 * 604_800 == 1_762_992_000
    assert 1_763_072_000 - end == 80_000 and round(80_000 / 86400, 2) == 0.93
    power = voting.ve_voting_power(1000 * 10**18, end, start) / 10**18
    assert round(power, 1) == 499.4 and round(1000 * 62_992_000 / 126_144_000, 1) == 499.4
    assert round(500 - 1000 * 62_992_000 / 126_144_000, 2) == 0.63
    dust = 1000 * 62_992_000 / 126_144_000 - power
    assert 1e-12 < dust < 1e-10  # about 10^-11 CRV
    stated(
        "$2915 \\times 604{,}800 = 1{,}762{,}992{,}000$ s, 80,000 s (0.93 days) earlier",
        "**499.4** veCRV, not 500: the lost 0.93 days cost 0.63 veCRV",
        "a dust of about $10^{-11}$ CRV",
    )


def test_write_it_yourself_solution():
    """Exercise 5: the worked solution's swing counts are banzhaf(normalized=False) times 2^(n-1) for random games
    of
    1 to 6 voters, with quotas that some coalitions reach exactly; coordlab's checks and its exact limit are as
    stated."""
    swings = worked_solution(
        read(NOTEBOOK_DIR / "03_stakeholder_incentives.ipynb"), "### Exercise 5 (write it yourself)"
    )["swings"]
    rng = np.random.default_rng(3)
    for _ in range(300):
        n = int(rng.integers(1, 7))
        w = [int(x) for x in rng.integers(0, 20, n)]
        if sum(w) == 0:
            continue
        q = int(rng.integers(1, sum(w) + 1))
        raw = voting.banzhaf(q, w, normalized=False).values
        assert swings(w, q) == [round(float(x) * 2 ** (n - 1)) for x in raw]
        if sum(swings(w, q)):
            assert np.array(swings(w, q)) / sum(swings(w, q)) == pytest.approx(voting.banzhaf(q, w).values)
    for w, q in (([1, -1, 2], 2), ([0, 0, 0], 1), ([1, 1, 2], 5)):
        with pytest.raises(ValueError):
            voting.banzhaf(q, w)
    assert voting.EXACT_MAX_VOTERS == 20
    stated(
        "`coordlab.models.voting.banzhaf(quota, weights, normalized=False)`",
        "exact up to 20 voters",
        "for hundreds of holders with whole-number weights the generating functions of section 3 (still exact)",
    )
    assert voting.banzhaf(151, [1] * 301).method == "generating"  # hundreds of holders: not sampled


def test_exact_shapley_shubik_cost_and_beanstalk_vote_mechanics_as_stated():
    """§3 states the cost of exact Shapley–Shubik for the 300 holders (about a fifth of a second of CPU: well under
    a second, measured in CPU time so that a busy machine does not fail it); §5 states how Beanstalk's vote grew
    (GovernanceFacet.sol: propose() calls vote(); Silo deposits call incrementBipRoots) and that the ordinary commit
    used the tally frozen at the end of voting, and its reasons follow when the votes are counted."""
    import time

    rng = np.random.default_rng(2024)
    tail = rng.pareto(1.16, 297) + 1.0
    units = np.round(np.concatenate([[25.0, 15.0, 10.0], 50.0 * tail / tail.sum()]) * 100)
    voting.shapley_shubik(5000, units[:30])
    start = time.process_time()
    ss = voting.shapley_shubik(5000, units)
    assert ss.method == "generating" and time.process_time() - start < 0.6
    stated(
        "hundredths of a second for Banzhaf and about a fifth of a second of CPU for Shapley–Shubik",
        "proposing casts the proposer's own vote, and every Silo deposit adds its votes to each open proposal its "
        "owner has voted for",
        "Beanstalk's ordinary `commit` was not exposed: it ran only after the voting period had ended, on the tally "
        "frozen then",
        "an extension of 7,200 blocks when quorum is reached late (about a day at 12-second blocks",
    )
    assert 7_200 * 12 / 3600 == 24.0
    frozen = voting.flash_loan_attack(182e6, 100e6, 1.0, proposal_age_seconds=86_400, timelock_blocks=1)
    assert not frozen.feasible and "tally is fixed when voting ends" in frozen.reason


def test_published_game_check_as_stated():
    """§3: generating functions reproduce Straffin's (1993) exact Shapley–Shubik values for the UN Security Council."""
    ss = voting.shapley_shubik(39, [7] * 5 + [1] * 10, method="generating")
    assert ss.method == "generating"
    assert ss.values[0] == pytest.approx(421 / 2145, rel=1e-12) and ss.values[5] == pytest.approx(4 / 2145, rel=1e-12)
    assert (f"{421 / 2145:.4f}", f"{4 / 2145:.4f}") == ("0.1963", "0.0019")
    stated(
        '`voting.shapley_shubik(39, [7] * 5 + [1] * 10, method="generating")`',
        "$421/2145 \\approx 0.1963$",
        "$4/2145 \\approx 0.0019$",
        "Straffin's (1993) exact values",
    )
