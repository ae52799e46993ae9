"""Numbers notebook 01's prose and cells state that changed with issue 17 (most of 01's are in
test_worked_examples.py).
"""

from __future__ import annotations

import numpy as np

from coordlab.labs import BankRunLab
from coordlab.models import bank_run
from notebook_tools import NOTEBOOK_DIR, markdown, read

NB01 = markdown(read(NOTEBOOK_DIR / "01_coordination_failures.ipynb"))


def test_brute_force_grid_finds_the_closed_form():
    """§4: c1 from 0.5 to 3.99 in steps of 0.005 (699 contracts) puts the best at 1.160, the closed form's 1.1596."""
    grid = np.linspace(0.5, 3.99, 699)
    assert np.allclose(np.diff(grid), 0.005)
    utility = [bank_run.expected_utility(c, impatient_share=0.25, R=1.5, gamma=2) for c in grid]
    best = grid[int(np.argmax(utility))]
    assert f"{best:.3f}" == "1.160"
    assert abs(best - bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=2).c1) < 0.0025
    assert "$c_1$ from 0.5 to 3.99 in steps of 0.005" in NB01


def test_bank_run_speaks_impatient_share():
    """Issue 17: the impatient share is `impatient_share` (not `lam`) in the model, its result and the lab."""
    k = bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=2)
    assert k.impatient_share == 0.25 and not hasattr(k, "lam")
    lab = BankRunLab()
    assert [c.name for c in lab.controls][0] == "impatient_share"
    assert "impatient share 0.25" in lab.update()


def test_withdrawal_bots_revise_plans_as_stated():
    """§6: the bots' path falls from 50% to 25%, so its rounds are revisable plans (best-response dynamics),
    not withdrawals already paid; the prose says so."""
    k = bank_run.optimal_contract(impatient_share=0.25, R=1.5, gamma=2)
    path = bank_run.withdrawal_path(0.5, k.c1, k.R, k.impatient_share, rounds=3)
    assert path.tolist() == [0.5, 0.25, 0.25, 0.25]
    assert "The rounds are the bots' plans being revised before date 1 is settled, not withdrawals already paid" in NB01
    assert "the game's pure equilibria (not the knife-edge partial run at the threshold itself" in NB01
