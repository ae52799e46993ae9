"""Every number notebook 05's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.labs import KeeperLab
from coordlab.labs.liquidations import N_GRID
from coordlab.models import auctions, behaviour
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB05 = markdown(read(NOTEBOOK_DIR / "05_behavioural_liquidations.ipynb"))
RAY = auctions.RAY


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB05, f"the prose no longer says {phrase!r}"


def test_incident_figures_and_ranges():
    """§1: DOMAIN.md §8 and its caveats: ~50% fall, ~6x gas, $8.32 M at 0 DAI (White Rabbit ~$7.1 M), 4–6.65 M DAI short."""
    stated("about **50%**", "about **6×**", "**About \\$8.32 M of ETH was won with 0-DAI bids**", "62,890 ETH",
           "about \\$7.1 M", "**4–6.65 M DAI** short", "13% penalty", "500 k DAI surplus")


def test_maker_test_vector_and_stairstep():
    assert auctions.linear_decrease(1000 * RAY, 360, tau=3600) == 900 * RAY
    stated("gives 900 after 6 minutes")


def test_qre_claims():
    pts = behaviour.qre_path([[9, 0], [0, 1]], [[0, 1], [1, 0]], [0.5, 2.0, 10.0, 100.0])
    assert all(p.row[0] > 0.5 for p in pts) and round(pts[-1].col[0], 2) == 0.1
    stated("the *column* player's mix moves to the Nash value 0.1")


def test_replay_description_and_figure_1():
    day = auctions.replay()
    assert (day.eth_price.max(), day.eth_price.min()) == (194.0, 97.0)
    assert round(day.gas_multiple.max()) == 6 and day.debt_liquidated.sum() == pytest.approx(30.0)
    assert round(day.english_bad_debt[-1], 1) == 12.6 and round(day.dutch_bad_debt[-1], 1) == 3.5
    assert day.dutch_bad_debt[9] == 0.0 < day.dutch_bad_debt[10]
    assert day.english_bad_debt[14] == day.english_bad_debt[-1]
    lab = KeeperLab()
    r = lab.result
    assert round(r["nash"][0], 2) == 0.23 and round(r["nash"][-1], 2) == 0.47
    assert round(r["qre"].max(), 2) == 0.33 and N_GRID[np.argmax(r["qre"])] == 8 and round(r["qre"][-1], 2) == 0.29
    stated("ETH falls from 194 to 97 (−50%)", "gas rises to 6× normal", "30 M DAI of debt", "rises from about 0.23",
           "levels off near 0.47", "a peak of about 0.33 near 8 keepers", "to about 0.29 at 50",
           "climbs steeply to about 12.6 by hour 14", "ends at about 3.5")


def test_replay_collateral_falls_below_the_debt():
    """§4: collateral worth 1.5x the debt at the high, 0.55 of it at the bottom; sold 3% below value: a loss from hour 10."""
    day = auctions.replay()
    sold = 1.0 - day.p_no_bid
    loss = np.diff(day.dutch_bad_debt, prepend=0.0)                # clip's loss each hour: sales below the debt only
    with np.errstate(invalid="ignore", divide="ignore"):
        fair = 1.0 - loss / (day.debt_liquidated * sold)           # what a sale raises per DAI of debt: value less 3%
    assert np.all(loss[:10] == 0.0) and np.all(loss[10:15] > 0.0)  # no loss until hour 10, a loss every hour after
    value = fair / 0.97                                            # the collateral's value per DAI of debt
    assert value[10] > 1.0 > fair[10]                              # hour 10: still worth the debt, but not less 3%
    assert round(value[14], 2) == 0.55                             # at the bottom (hour 14): 0.55 of the debt
    assert auctions.auction_outcome(10, 0.08, 20.0, collateral_ratio=1.5).dutch_bad_debt == 0.0
    assert auctions.auction_outcome(10, 0.08, 20.0, collateral_ratio=1.5).dutch_discount == 0.03
    stated("worth 1.5 times its debt at the day's high", "to about 0.55 of the debt at the bottom",
           "Keepers take it 3% below its value, so from hour 10 on even a competitive sale leaves bad debt")


def test_exercise_solutions():
    eq = behaviour.volunteer_dilemma(4, 1.0, 0.3)
    assert round(eq.abstain, 3) == 0.669 and round(eq.nobody, 3) == 0.201
    assert behaviour.volunteer_dilemma(2, 1.0, 0.3).nobody == pytest.approx(0.09)
    assert behaviour.level_k_guesses(0.5, 2)[2] == 12.5
    assert auctions.linear_decrease(1000 * RAY, 900, 3600) == 750 * RAY
    stair = auctions.stairstep_exponential_decrease(1500 * RAY, 1000, 96 * RAY // 100, 80)
    assert 1000 // 80 == 12 and 13 * 80 == 1040 and round(0.96**12, 4) == 0.6127
    assert round(stair / RAY, 2) == 919.06 and abs(stair / RAY - 1500 * 0.96**12) < 1e-9
    assert round(1500 * 0.96 ** (1000 / 80), 2) == 900.50
    stated("$q = 0.3^{1/3} \\approx 0.669$", "$q^4 = 0.3^{4/3} \\approx 0.201$", "$0.3^2 = 0.09$",
           "$50 \\times 0.5^2 = 12.5$", "$1000 \\times (3600 - 900)/3600 = 750$ DAI",
           "$\\lfloor 1000/80 \\rfloor = 12$ (the thirteenth cut comes at 1040 s)", "$1500 \\times 0.96^{12} = 1500 \\times 0.6127 \\approx 919.06$ DAI",
           "gives 900.50")
