"""Every number notebook 03's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import re

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
    """§1: Beanstalk, Solend SLND1 and Compound 289 figures (from DOMAIN.md §2–3) and their sources."""
    assert round(1.0e6 / 1.155e6, 2) == 0.87
    stated("about **\\$1 bn**", "about **79%**", "**\\$182 M**", "about **\\$76–80 M**", "**5.7 M SOL**",
           "**\\$108 M**", "**97.5%**", "**1 M**", "**1.155 M**", "about **6.7%**", "99.8% yes",
           "Beanstalk post-mortem and press, April 2022", "CoinDesk and The Defiant, late July 2024")


def test_fee_switch_section_and_figure_1():
    """§2: phi* = 0.75 at eta = 1, kappa = 0.5; revenue peak about 0.47; the vote at 60% and 40%."""
    r = stakeholders.fee_switch(np.linspace(0, 1, 2001), eta=1.0, kappa=0.5)
    assert r.token_optimum == pytest.approx(0.75) and round(r.token_revenue.max(), 2) == 0.47
    assert stakeholders.token_vote([1.0, 0.5], [60, 40]) == 0.75
    assert stakeholders.token_vote([1.0, 0.5], [40, 60]) == 0.0
    assert "the vote picks phi = 0.00" in FeeSwitchLab().update()
    stated("Above $\\varphi^* = 0.75$ *both* groups lose", "a peak of about 0.47 at φ = 0.75", "φ = 0.2")


def test_power_examples():
    """§3: EEC 1958 (Luxembourg powerless), [51; 49, 49, 2] equal power; the synthetic DAO's whale."""
    assert voting.banzhaf([4, 4, 4, 2, 2, 1], 12).values[-1] == 0
    assert voting.banzhaf([49, 49, 2], 51).values == pytest.approx([1 / 3] * 3)
    rng = np.random.default_rng(2024)
    tail = rng.pareto(1.16, 297) + 1.0
    holders = np.concatenate([[25.0, 15.0, 10.0], 50.0 * tail / tail.sum()])
    for share in (0.5, 2 / 3):
        ss = voting.shapley_shubik(holders, share * 100, samples=20_000, seed=1)
        assert ss.values[0] - 3 * ss.standard_error[0] > 0.25  # well above its token share
        assert ss.values[3:].sum() < 0.5  # the tail holds less power than tokens
    stated("Luxembourg's vote never mattered", "the 2% holder has as much power as each 49% holder",
           "three whales with 25%, 15% and 10% of the tokens and 297 smaller holders")


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
    a = voting.flash_loan_attack(182e6, 100e6, 1.0, threshold=2 / 3, fee_rate=0.0009)
    assert round(a.tokens_needed / 1e6) == 200 and round(a.cost / 1e6, 2) == 0.18
    stated("borrows twice that, pays a fee of about \\$0.18 M", "(Aave v2: 0.09% of the amount)")


def test_exercise_solutions():
    ss = voting.shapley_shubik([40, 30, 20, 10], 67).values
    bz = voting.banzhaf([40, 30, 20, 10], 75, normalized=False).values * 2 ** 3
    assert ss[0] == pytest.approx(14 / 24) and list(bz) == [3, 3, 1, 1]
    assert voting.banzhaf([40, 30, 20, 10], 75).values[2] == pytest.approx(1 / 8)
    assert voting.flash_loan_attack(50e6, 90e6, 1.0, threshold=0.6).tokens_needed == pytest.approx(135e6)
    assert voting.flash_loan_attack(50e6, 90e6, 1.0).tokens_needed == pytest.approx(180e6)   # two thirds: twice
    assert 54 / (90 + 54) == 0.375
    stated("$14/24 = 7/12 \\approx 0.583$", "Total 8, so the 20-token holder has $1/8 = 0.125$",
           "$x = 0.6 \\times 90/0.4 = 135$ M", "at section 5's two thirds it was twice", "$54/144 = 37.5\\%$",
           "$1000 \\times 2/4 = 500$ veCRV", "a rounding dust of about $10^{-11}$ CRV")
    dust = 500 * 10**18 - voting.ve_voting_power(1000 * 10**18, end=voting.MAXTIME // 2, now=0)
    assert 1e-12 < dust / 1e18 < 1e-10                                                   # about 10^-11 CRV




def test_write_it_yourself_solution():
    """Exercise 5: the worked solution's swing counts are banzhaf(normalized=False) times 2^(n-1) for random games of
    1 to 6 voters, with quotas that some coalitions reach exactly; coordlab's checks and its exact limit are as stated."""
    swings = worked_solution(read(NOTEBOOK_DIR / "03_stakeholder_incentives.ipynb"),
                              "### Exercise 5 (write it yourself)")["swings"]
    rng = np.random.default_rng(3)
    for _ in range(300):
        n = int(rng.integers(1, 7))
        w = [int(x) for x in rng.integers(0, 20, n)]
        if sum(w) == 0:
            continue
        q = int(rng.integers(1, sum(w) + 1))
        raw = voting.banzhaf(w, q, normalized=False).values
        assert swings(w, q) == [round(float(x) * 2 ** (n - 1)) for x in raw]
        if sum(swings(w, q)):
            assert np.array(swings(w, q)) / sum(swings(w, q)) == pytest.approx(voting.banzhaf(w, q).values)
    for w, q in (([1, -1, 2], 2), ([0, 0, 0], 1), ([1, 1, 2], 5)):
        with pytest.raises(ValueError):
            voting.banzhaf(w, q)
    assert voting.EXACT_MAX_VOTERS == 20
    stated("`coordlab.models.voting.banzhaf(weights, quota, normalized=False)`", "exact up to 20 voters")
