"""Every number notebook 11's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import math

from coordlab.labs import ConsensusLab
from coordlab.models import consensus as c
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB11 = markdown(read(NOTEBOOK_DIR / "11_consensus_failures.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB11, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: the May 2023 (Prysm and Offchain Labs post-mortems, Blockworks) and September 2021 (Solana Foundation)
    figures.
    """
    stated(
        "**4 epochs** (about 47 missed blocks)",
        "**9 epochs** (about 149 missed blocks)",
        "**30.7%** (Blockworks)",
        "about **28 ETH**",
        "at least **55 ETH**",
        "under 0.00015 ETH per validator",
        "about **400,000 transactions per second**",
        "about **17 hours**",
        "**80%** of the stake",
        "whose 28 ETH assumes 65% of validators offline for 8 epochs of the leak",
    )


def test_double_spend_numbers():
    assert (
        round(c.double_spend_probability(0.1, 6), 6) == 0.000243
        and round(c.double_spend_probability(0.3, 6), 2) == 0.13
    )
    assert c.confirmations_needed(0.45) == 340
    stated(
        "In the whitepaper's model six confirmations (an hour on Bitcoin) give a 10% attacker a 0.024% chance, but a "
        "30% attacker 13%",
        "against 45% the paper asks for 340 blocks",
        "6 blocks give a 30% attacker 13%",
        "5, 8, 11, 15, 24, 41, 89, 340 for q = 0.10 … 0.45",
    )


def test_figure_1():
    lab = ConsensusLab()
    lab.update(q=0.30, z=6.0, gamma=0.5)
    r = lab.result
    assert round(r["prob"][6], 2) == 0.13 and r["need"] == 24 and r["threshold"] == 0.25
    assert round(r["my_gain"], 3) == 0.027 and round(r["prob"][60] * 1e8) == 4
    stated(
        "a square marks 6 confirmations at about 0.13",
        "which the curve crosses at 24",
        "about 4 × 10⁻⁸ at 60",
        "a dotted vertical line at α = 0.25",
        "a triangle marks α = 0.30 at about +0.027",
    )


def test_selfish_and_bft():
    assert [round(c.selfish_threshold(g), 4) for g in (0.0, 0.5, 1.0)] == [0.3333, 0.25, 0.0]
    stated("a third of the hash rate if nobody helps ($\\gamma = 0$), a quarter if half the honest miners do")
    assert c.bft(100).quorum == 67 and c.bft(100).overlap == 34
    # the bound with signatures and delayed messages is Dwork, Lynch and Stockmeyer's; Lamport, Shostak and Pease's
    # is for unsigned messages (with signatures and synchrony, any number of faults can be tolerated)
    stated(
        "when messages can be delayed unless $n \\ge 3f + 1$, even with signed messages (Dwork, Lynch and Stockmeyer "
        "1988",
        "Consensus in the Presence of Partial Synchrony",
    )


def test_leak_and_settlement():
    days = {x: round(c.inactivity_leak(x).days(c.inactivity_leak(x).finality_epoch), 1) for x in (0.34, 0.4, 0.5)}
    assert days == {0.34: 2.3, 0.4: 13.1, 0.5: 20.8}
    stated(
        "after about 2.3 days (34% offline), 13.1 days (40%) and 20.8 days (50%)",
        "restores it in 2.3, 13.1 or 20.8 days at 34%, 40% or 50% offline",
    )
    lost = 32.0 - c.inactivity_leak(0.6, max_epochs=9).inactive_balance[9]
    assert round(lost, 5) == 0.00006
    stated("about 0.00006 ETH", "**4 epochs** (`MIN_EPOCHS_TO_INACTIVITY_PENALTY`)")
    # the leak's penalties fall on the last four of the nine epochs only (the post-mortem's estimate assumed eight)
    bal = c.inactivity_leak(0.6, max_epochs=9).inactive_balance
    assert [b < 32.0 for b in bal[:10]] == [False] * 6 + [True] * 4
    stated(
        "so they ran for only the last four of the nine", "the same order as the post-mortem's estimate of about 28 ETH"
    )
    assert c.settlement_risk(7 * 1440, offline=0.4) == 1.0
    leak = c.inactivity_leak(0.4)
    assert leak.finality_epoch == 2948 and round(leak.inactive_balance[-1], 2) == 24.75


def test_exercise_solutions():
    assert (
        round(c.double_spend_probability(0.2, 5), 5) == 0.02742
        and round(c.double_spend_probability(0.2, 5), 4) == 0.0274
    )
    assert round(1 - c.double_spend_probability(0.2, 5), 5) == 0.97258
    assert round(1 / c.double_spend_probability(0.2, 5)) == 36
    assert round(c.double_spend_probability(0.2, 5) / c.double_spend_probability(0.1, 5)) == 30
    assert round(c.double_spend_probability(0.1, 5), 7) == 0.0009137
    stated(
        "$\\lambda = 5 \\times 0.2/0.8 = 1.25$",
        "$P = 1 - 0.97258 = 0.02742$, **0.0274** to 4 decimal places",
        "about a 1-in-36 chance, thirty times a 10% attacker's (0.0009137",
    )
    # not the setting the lab prompt passes through (q = 0.20 at z = 6, then z raised to 13)
    from coordlab.exercises import nb11

    assert (nb11.Q1, nb11.Z1) == (0.2, 5) and nb11.Z1 < 6
    assert c.confirmations_needed(0.25, 0.0001) == 21 and c.confirmations_needed(0.25, 0.001) == 15
    assert round(c.double_spend_probability(0.25, 20), 6) == 0.000106
    assert round(c.double_spend_probability(0.25, 21), 7) == 0.0000686
    stated("**21**: the risk is 0.000106 after 20 confirmations and 0.0000686 after 21", "costs six blocks more")
    assert round(c.selfish_threshold(0.38), 3) == 0.277 and (round(1 - 0.38, 2), round(3 - 2 * 0.38, 2)) == (0.62, 2.24)
    stated("$(1 - 0.38)/(3 - 2 \\times 0.38) = 0.62/2.24 \\approx$ **0.277**")
    leak = c.inactivity_leak(0.45)
    assert leak.finality_epoch == 4044 and round(leak.days(leak.finality_epoch), 2) == 17.97
    assert 19.745 < leak.inactive_balance[-1] < 19.75 and 19.75 <= leak.inactive_balance[-2]
    assert leak.active_share[-1] >= 2 / 3 > leak.active_share[-2]
    assert round(0.55 * 32 / (2 * 0.45), 2) == 19.56
    stated(
        "About **18.0 days** (4 044 epochs)",
        "at most 19.56 ETH: 19 ETH",
        "falls below 19.75 ETH",
        "$4044 \\times 6.4 / 1440 = 17.97$ days",
    )


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "11_consensus_failures.ipynb"), heading)


def test_exercise_5_worked_solution_and_where_the_loop_fails():
    attacker_success = _worked_solution("### Exercise 5 (write it yourself)")["attacker_success"]
    for q, z in ((0.1, 6), (0.3, 24), (0.45, 340), (0.5, 3), (0.7, 3), (0.2, 0)):
        assert math.isclose(attacker_success(q, z), c.double_spend_probability(q, z), rel_tol=1e-9)
    # 30 blocks against 10%: the subtraction from 1 cancels below zero; the risk is about 5e-18
    assert attacker_success(0.1, 30) < 0 and round(c.double_spend_probability(0.1, 30) * 1e18) == 5
    # 1,000 blocks against 45%: lambda = 818 > 745, exp(-lambda) underflows, the loop returns 1; the risk is ~4e-9
    assert 1000 * 0.45 / 0.55 > 745 and math.exp(-746) == 0.0 < math.exp(-745)
    assert attacker_success(0.45, 1000) == 1.0 and round(c.double_spend_probability(0.45, 1000) * 1e9) == 4
    stated(
        "30 blocks deep against a 10% attacker it returns a tiny negative number",
        "the risk is about 5 × 10⁻¹⁸",
        "1,000 blocks deep against 45% it returns 1",
        "once $\\lambda$ is above about 745 (the risk is about 4 × 10⁻⁹)",
        "$z$ a whole number of blocks up to a million",
        "### Exercise 6 (open design)",
    )
    assert c.Z_MAX == 10**6


def test_the_whitepapers_shortcut_against_the_exact_race():
    """§2: the negative-binomial race (Rosenfeld 2014; Grunspan and Pérez-Marco 2017) beside the whitepaper's
    Poisson.
    """
    exact = c.double_spend_probability_exact
    assert round(exact(0.3, 24), 3) == 0.004 and round(exact(0.3, 24) / c.double_spend_probability(0.3, 24)) == 5
    assert round(exact(0.3, 24) / 0.001) == 4 and round(c.double_spend_probability(0.3, 24), 5) == 0.00081
    needed = [c.confirmations_needed(q, exact=True) for q in (0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45)]
    assert needed == [6, 9, 13, 20, 32, 58, 133, 539]
    assert round(exact(0.3, 6), 2) == 0.16
    stated(
        "The whitepaper's 24 blocks against a 30% attacker leave a 0.4% risk, four times the 0.1% it aimed at (and "
        "five times the whitepaper's own 0.081%); "
        "0.1% really takes 32 blocks, and 539 against 45%",
        "13% (16% without the Poisson shortcut)",
        "6, 9, 13, 20, 32, 58, 133, 539 exactly",
    )


def test_exercises_name_their_model():
    """Exercises 1 and 2 ask for the whitepaper's model; their solutions give the exact race's answer beside it."""
    assert round(c.double_spend_probability_exact(0.2, 5), 4) == 0.0392
    assert c.confirmations_needed(0.25, 0.0001, exact=True) == 27
    stated(
        "In the whitepaper's model (section 2's formula, the one the lab uses), what is the probability of a double "
        "spend?",
        "In the whitepaper's model, as in section 2's table, how many confirmations must it wait?",
        "The exact race of section 2 asks for 27.",
        "The exact race of section 2 gives more, 0.0392.",
    )


def test_where_the_shortcut_is_the_higher():
    """§2: the exact race is not larger at every depth: at shallow depths, where both are large, the shortcut is
    higher.
    """

    def shallow(q):
        return [z for z in range(1, 400) if c.double_spend_probability_exact(q, z) < c.double_spend_probability(q, z)]

    assert shallow(0.1) == shallow(0.2) == [1] and shallow(0.25) == shallow(0.3) == [1, 2] and max(shallow(0.45)) == 24
    for q in (0.1, 0.2, 0.3, 0.45):
        assert all(c.double_spend_probability_exact(q, z) > 0.1 for z in shallow(q))  # "where both are large"
    assert c.double_spend_probability_exact(0.2, 1) == 0.4  # 2q at one block
    stated(
        "only at shallow depths, where both are large, is the shortcut the higher "
        "(at the first block for attackers up to 20%, the first two up to 30%, and up to 24 blocks at 45%)"
    )


def test_settlement_with_blocks_as_mined():
    """§6: a window counted in time; the model counts both races exactly over it
    (settlement_risk(random_blocks=True)).
    """
    one_hour = [c.settlement_risk(60, attacker_share=0.3, confirmations=6, random_blocks=r) for r in (False, True)]
    four_hours = [c.settlement_risk(240, attacker_share=0.3, confirmations=24, random_blocks=r) for r in (False, True)]
    assert round(one_hour[1], 2) == 0.33 and round(four_hours[1], 3) == 0.047
    assert round(one_hour[1] / one_hour[0], 1) == 2.5 and round(four_hours[1] / four_hours[0]) == 57
    assert round((1 - 0.3) * 60 / 10, 6) == 4.2
    stated(
        "the public chain grows by only 4.2 blocks an hour on average",
        "the one-hour rule's risk is about 33% and the four-hour rule's about 4.7%: two and a half times and nearly "
        "sixty times the clockwork figures",
    )


def _exact_window_risk(window, q, depth, block_minutes=10.0):
    """Both races counted over a window in time: blocks at rate 1/block_minutes, each the attacker's with
    probability q
    (independently); the contract settles at the depth-th public block or at the window's end, whichever is first; the
    attacker, K blocks in private against H public ones, then catches up with probability min(1, (q/p)**(H - K))."""
    from scipy.stats import poisson

    p, r, mu = 1 - q, q / (1 - q), window / block_minutes
    top = int(mu + 40 * math.sqrt(mu) + 60)
    total = 0.0
    for m in range(top + 1):  # the window ends first: fewer than depth public blocks in it
        pm = poisson.pmf(m, mu)
        for h in range(min(m, depth - 1) + 1):
            k = m - h
            total += pm * math.comb(m, h) * p**h * q**k * (1.0 if k >= h else r ** (h - k))
    for k in range(top + 1):  # the depth-th public block comes first, after k private ones
        reach = poisson.sf(depth + k - 1, mu)
        total += math.comb(k + depth - 1, k) * p**depth * q**k * reach * (1.0 if k >= depth else r ** (depth - k))
    return total


def test_settlement_exact_race_over_the_window():
    """The model's window race against an independent sum (scipy's Poisson) and a seeded simulation of the blocks."""
    import numpy as np

    one, four = _exact_window_risk(60, 0.3, 6), _exact_window_risk(240, 0.3, 24)
    assert abs(one - c.settlement_risk(60, attacker_share=0.3, confirmations=6, random_blocks=True)) < 1e-9
    assert abs(four - c.settlement_risk(240, attacker_share=0.3, confirmations=24, random_blocks=True)) < 1e-9
    rng = np.random.default_rng(1)
    hits = 0.0
    for _ in range(20_000):
        t = h = k = 0
        while True:
            t += rng.exponential(10.0)
            if t > 60:
                break
            if rng.random() < 0.3:
                k += 1
            else:
                h += 1
                if h == 6:
                    break
        hits += 1.0 if k >= h else (0.3 / 0.7) ** (h - k)
    assert abs(hits / 20_000 - one) < 0.01


def test_proof_of_stake_finality_by_slot():
    """§5–6: a block at an epoch's first slot is its checkpoint, final after 64 slots (two epochs); one at slot s >
    0
    waits for the next epoch's checkpoint, final at the end of the epoch after it: 96 - s slots."""
    slots = [64 if s == 0 else 96 - s for s in range(32)]
    assert min(slots) * 12 / 60 == 12.8 and max(slots) == 95 and round(max(slots) * 12 / 60) == 19
    assert sum(n * 12 / 60 <= 15 for n in slots) == 12
    assert [c.finality_minutes(s) for s in range(32)] == [n * 12 / 60 for n in slots]
    assert c.settlement_risk(15, offline=0.2, slot=0) == 0.0  # the best case
    assert c.settlement_risk(15, offline=0.2) == 1.0 == c.settlement_risk(15, offline=0.2, slot=1)  # the worst
    assert [c.settlement_risk(15, offline=0.2, slot=s) for s in (20, 21)] == [1.0, 0.0]  # the last eleven: 21-31
    stated(
        "12.8 minutes (32 slots of 12 seconds an epoch) for a block in its epoch's first slot",
        "up to about 19 minutes (95 slots)",
        "a 15-minute window is long enough for a block in only 12 of an epoch's 32 slots "
        "(slot 0 and the epoch's last eleven): final in time in the best case, not in the worst",
        "up to 19.0 minutes for slot 1, the worst case, which the model takes when the slot is not given",
    )


def test_version_box_claims_match_the_model():
    """The leak's version box: the modelled constants, and the days it says the lesson keeps."""
    assert (c.INACTIVITY_PENALTY_QUOTIENT_BELLATRIX, c.INACTIVITY_SCORE_BIAS, c.MIN_EPOCHS_TO_INACTIVITY_PENALTY) == (
        2**24,
        4,
        4,
    )
    assert c.EJECTION_BALANCE == 16 * 10**9
    days = [round(c.inactivity_leak(x).days(c.inactivity_leak(x).finality_epoch), 1) for x in (0.34, 0.40, 0.50)]
    assert days == [2.3, 13.1, 20.8]
    stated("Finality still returns after about 2.3, 13.1 and 20.8 days at 34%, 40% and 50% offline")
    # EIP-7782 (6-second slots, 32 slots an epoch, the leak's per-epoch constants unchanged) halves both clocks
    assert [round(d / 2, 2) for d in days] == [1.15, 6.55, 10.4] and 64 * 6 / 60 == 12.8 / 2 and 95 * 6 / 60 == 9.5
    stated("halving the days below, and §6's 12.8 to 19.0 minutes to finality (12-second slots) with them")


def test_stale_blocks_in_real_data():
    """§3's "Ties in real data": the four windows of bitcoin-data/stale-blocks and the events the prose names."""
    from coordlab.models import stale_blocks as sb

    rates = [1000 * w.rate for w in sb.WINDOWS]
    assert all(7.5 <= r < 11 for r in rates[:3]) and round(rates[3], 1) == 1.5  # "about one in a hundred"
    assert sum(225_430 <= h <= 225_460 for h in sb.WINDOWS[1].heights) == 9
    assert all(h in sb.WINDOWS[3].heights for h in range(961_632, 961_640))
    # the headers of the two events' ends, copied from stale-blocks.csv at commit 025197e: hash = double SHA-256 of
    # header
    ends = {
        225430: (
            "000000000000015c50b165fcdd33556f8b44800c5298943ac70b112df480c023",
            "0200000006d04625789f74813125765744bf8c4e0900893328ca98ce66030000000000003e388c16b9a976b142c1b98eb5a2"
            "f3cb4ed46bdab5020cfcab83fc446dd6d5db0d5d3e514bd7031a7a48cb17",
        ),
        225460: (
            "00000000000002afb9088485b05a2b8a1dfa6b82e3e915fa0765879a05061461",
            "0100000045724654331495996818dfee61b0ee9b3c6802dcb1269f456e030000000000004ec4818ba9d00fb66e90fbb9d213"
            "c2530793c059721870d7b154f429bf7c4bca54443f514bd7031a0806ae6d",
        ),
        961632: (
            "0000000000000000000169eb6f811ddbd0daf343af7b62180cdb13e7c78dbc16",
            "1000d6278ace279314a28a2fbb9ed7260491672a4417c99d7f80000000000000000000009b527fba6703332cdb7ba0e442dc"
            "6c77cc197ecf5378a49812651f3d900140d49c8d776a3d350217d28d6bbf",
        ),
        961639: (
            "00000000000000000001bbc439e13f749dca850d32c7a2834165338713027e65",
            "10000a205fca17a6566978303e989d163e1aa9dc6715eef5542e0000000000000000000080fe52c98f1c1f8484213dff5a88"
            "315f7c334d0705f7d79579b289781868c0dff5c1916a3d350217510c87ed",
        ),
    }
    import datetime
    import hashlib

    when = {}
    for height, (block_hash, header) in ends.items():
        raw = bytes.fromhex(header)
        assert hashlib.sha256(hashlib.sha256(raw).digest()).digest()[::-1].hex() == block_hash
        when[height] = datetime.datetime.fromtimestamp(int.from_bytes(raw[68:72], "little"), datetime.UTC)
    assert (
        when[225430].strftime("%d %b %Y %H:%M") == "11 Mar 2013 22:39"
        and when[225460].strftime("%d %b %H:%M") == "12 Mar 15:05"
    )
    assert when[961632].date() == datetime.date(2026, 8, 8) and when[961639].date() == datetime.date(2026, 8, 28)
    assert round((when[961639] - when[961632]).total_seconds() / 86400 / 7) == 3  # seven intervals in 19.9 days
    w = sb.WINDOWS[3]
    assert round(1000 * (w.count - 8) / w.blocks, 1) == 1.3
    stated(
        "From 2011 to 2015 about one block in a hundred lost a race; in 2025–26 about one and a half in a thousand",
        "Nine of the 2013 window's stale blocks sit at heights 225,430 to 225,460",
        "with header times from 22:39 UTC on 11 March to 15:05 UTC on 12 March 2013",
        "one branch eight blocks long (heights 961,632 to 961,639)",
        "its headers are stamped from 8 to 28 August 2026, about one block every three days",
        "Without it, the window's rate is 1.3 per 1,000",
        "about 1 in 100 lost a race in 2011–2015, about 1.5 in 1,000 in 2025–26 (real data, CC0)",
    )
