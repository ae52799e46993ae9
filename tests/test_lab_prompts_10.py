"""The prompts above NetworkLab in notebook 10, each driven to the setting it names (see tests/test_lab_prompts.py)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from coordlab.labs import NetworkLab
from coordlab.models import contagion

FUND, BROKER, LENDER_V, LENDER_C, BANK, EXCHANGE, EARN, OUTSIDE = range(8)


@pytest.fixture(scope="module")
def lab():
    return NetworkLab()


def _wave(lab, **values):
    """The default wave of every institution (0: pays in full) at the lab's settings ``values``."""
    settings = {**dict(fund_loss=20.0, exchange_loss=0.0, alpha=0.5, beta=0.5), **values}
    return lab.compute(**settings)["r"].wave


def _names(lab, wave, w):
    return {lab.network.names[i] for i in np.flatnonzero(wave == w)}


def test_prompt_10_NetworkLab_1(lab):
    """(1) With α = β = 1, the prime broker fails from a 25% fund loss (the fund itself from 11%)."""
    no_costs = dict(exchange_loss=0.0, alpha=1.0, beta=1.0)
    broker = [int(_wave(lab, fund_loss=float(f), **no_costs)[BROKER]) for f in range(0, 81)]
    first = broker.index(2)
    assert first == 25, first
    assert broker[:25] == [0] * 25 and set(broker[25:]) == {2}  # from 25% on it fails, in wave 2, because the fund did
    fund = [int(_wave(lab, fund_loss=float(f), **no_costs)[FUND]) for f in range(0, 26)]
    assert fund.index(1) == 11  # the broker's equity absorbs 11% to 24%
    # the threshold from the balance sheets: the broker fails when the fund pays less than its debts less its other
    # assets
    net = lab.network
    needed = (net.pbar[BROKER] - net.e[BROKER] - net.L[EXCHANGE, BROKER]) * net.pbar[FUND] / net.L[FUND, BROKER]
    threshold = 100 * (1 - needed / net.e[FUND])
    assert threshold == pytest.approx(24.95, abs=0.01)
    summary = lab.summary(lab.compute(fund_loss=25.0, **no_costs))
    assert summary.startswith("Defaults by wave: 1: Hedge fund; 2: Prime broker.")


def test_prompt_10_NetworkLab_2(lab):
    """(2) Back at α = β = 0.5 and a 20% fund loss, a 30% exchange loss: wave 1 fund and exchange, wave 2 adds the
    crypto bank.
    """
    before = _wave(lab, exchange_loss=0.0)
    after = _wave(lab, exchange_loss=30.0)
    assert _names(lab, before, 1) == {"Hedge fund"}
    assert _names(lab, before, 2) == {"Prime broker", "Lender V"}
    assert _names(lab, after, 1) == {"Hedge fund", "Exchange"}
    assert _names(lab, after, 2) == {"Prime broker", "Lender V", "Crypto bank"}
    assert _names(lab, after, 3) == {"Earn programme"}
    # not a knife-edge: one slider step either way in either loss gives the same waves
    for fund, exchange in itertools.product((19.0, 20.0, 21.0), (29.0, 30.0, 31.0)):
        assert _wave(lab, fund_loss=fund, exchange_loss=exchange).tolist() == after.tolist()
    r = lab.compute(fund_loss=20.0, exchange_loss=30.0, alpha=0.5, beta=0.5)
    assert lab.summary(r).splitlines()[0] == (
        "Defaults by wave: 1: Hedge fund, Exchange; 2: Prime broker, Lender V, Crypto bank; 3: Earn programme."
    )
    # the outside creditors' loss more than doubles (2.52 bn → 5.45 bn)
    assert lab.compute(fund_loss=20.0, exchange_loss=0.0, alpha=0.5, beta=0.5)["outside_loss"] == pytest.approx(
        2.52, abs=0.005
    )
    assert r["outside_loss"] == pytest.approx(5.45, abs=0.005)


def test_prompt_10_NetworkLab_3(lab):
    """(3) Lender C never fails, whatever the sliders: its own assets alone cover its deposits."""
    ever = np.zeros(lab.network.n, dtype=bool)
    grid = itertools.product(range(0, 81, 20), range(0, 81, 20), (0.1, 0.5, 1.0), (0.1, 0.5, 1.0))
    for fund, exchange, alpha, beta in grid:
        ever |= _wave(lab, fund_loss=float(fund), exchange_loss=float(exchange), alpha=alpha, beta=beta) > 0
    failing = {lab.network.names[i] for i in np.flatnonzero(ever)}
    debtors = {lab.network.names[i] for i in lab.debtors}
    assert debtors - failing == {"Lender C"}  # every other debtor fails somewhere in the lab's range
    assert "Outside creditors" not in debtors  # they owe nothing: they cannot default
    # why: no slider touches Lender C's own assets, and they exceed its debts even if the fund pays it nothing
    net = contagion.cefi_network()
    assert net.e[LENDER_C] == pytest.approx(4.2) and net.pbar[LENDER_C] == pytest.approx(4.0)
    assert net.e[LENDER_C] > net.pbar[LENDER_C]
    assert np.flatnonzero(net.L[:, LENDER_C]).tolist() == [FUND] and net.L[FUND, LENDER_C] == pytest.approx(0.08)
