"""Every number notebook 06's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import LiquidityTrapLab, TerraLab
from coordlab.models import amm, pegs
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB06 = markdown(read(NOTEBOOK_DIR / "06_liquidity_traps.ipynb"))
E18 = 10**18


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB06, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    """§1: DOMAIN.md §4's Terra and Iron Finance figures, with their sources."""
    stated("**\\$18.6 bn**", "\\$86, below its \\$119 high", "**80,394 BTC**", "**340–345 M to 1.5 bn on 11 May, 176 bn on 12 May and over 6.5 trillion**",
           "**\\$0.13**", "**\\$64 to about 0**", "about **\\$0.69**", "**\\$2 bn to \\$256 M**", "YaaS Analytics", "The Block", "Decrypt")


def test_uniswap_vector_in_the_prose():
    assert amm.get_amount_out(1 * E18, 5 * E18, 10 * E18) == 1662497915624478906
    stated("1 662 497 915 624 478 906")


def test_critical_depth_and_figure_1():
    assert pegs.critical_depth(10.0, 0.5, 1.0, 1.0) == pytest.approx(20.0)
    lab = LiquidityTrapLab()
    lab.update(shock=60.0)
    r = lab.result
    assert r["depth"][5] == 40.0 and round(r["depth"][6], 1) == 15.0
    assert np.flatnonzero(r["depth"] == 0.0)[0] == 13 and round(r["peg"][0], 2) == 0.95
    stated("drops at day 5, marked by a dotted vertical line, to 15", "decays to zero by day 13", "squares at 0.95 until day 5",
           "a dashed horizontal line at 20, the critical depth", "day-5 sell shock of 60 M")


def test_terra_spread_and_figure_2():
    assert round(pegs.terra_spread(1e6, 50e6, 0.0), 2) == 0.02
    lab = TerraLab()
    p = lab.result["path"]
    halt = int(np.flatnonzero(p.luna_price < 1e-4)[0])
    assert halt == 101 and 4 * 24 <= halt < 5 * 24  # on the fifth day
    assert round(p.luna_supply[-1] / 1e9) == 23 and p.luna_supply[0] == 345e6
    stated("**50 M SDR**", "**36 blocks**", "A 1 M swap into a fresh pool pays about 2%", "0.5 bn UST redeemed a day",
           "shoots up to about 23 billion at the halt", "starts at 345 million", "stops at about 0.0001")


def test_exercise_solutions():
    assert amm.get_amount_out(E18, 100 * E18, 200_000 * 10**6) == 1_974_316_068
    assert pegs.critical_depth(8.0, 0.4, 1.2, 0.75) == pytest.approx(9.6 / 0.35)
    assert round(pegs.critical_depth(8.0, 0.4, 1.2, 0.75), 1) == 27.4
    assert round(pegs.terra_spread(2e6, 50e6, 3e6), 3) == 0.142
    assert round(1 + 2**0.42, 3) == 2.338
    assert pegs.ampleforth_rebase(0.86) == pytest.approx(0.2 / (1 + 2**0.42) - 0.1)
    assert round(pegs.ampleforth_rebase(0.86), 4) == -0.0145
    stated("**1 974.316068 USDC**", "$L^* = \\beta q / (\\sigma_{\\max} - \\sigma_0) = 1.2 \\times 8 / (0.75 - 0.4) = 9.6 / 0.35 \\approx 27.4$ M",
           "1 - 2500/2915 \\approx 0.142", "$\\delta = 0.86 - 1 = -0.14$", "0.2/2.338 - 0.1 \\approx -0.0145$",
           "shrinks by about 1.45%")
