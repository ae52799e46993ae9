"""Objects the example calls share (a market, a book of positions, a network, a loan...)."""

from __future__ import annotations

import math

import numpy as np

NAN, INF = math.nan, math.inf
RAY = 10**27
SH = [[4.0, 0.0], [3.0, 3.0]]


def _hawkes_path():
    from coordlab.models.sentiment import HawkesPath

    return HawkesPath(times=np.array([1.0]), t_max=3.0, mu=0.5, alpha=1.0, beta=2.0)


def _cascade_inputs():
    from coordlab.models import amm, perps

    return amm.ConstantProductPool.from_depth(2000.0, 1e6), perps.crowd_book(20, seed=1)


def _lending_inputs():
    from coordlab.models import lending

    return lending.LendingMarket.synthetic(10, 0.8, 1.05, name="A")


def _network_inputs():
    from coordlab.models import contagion

    return contagion.Network([[0, 1], [0.5, 0]], [1.0, 1.0])


def _loan():
    from coordlab.models import statemachine

    return statemachine.Loan()


def _capstone_inputs():
    from coordlab.models import capstone

    return capstone.SCENARIOS["Leverage flush"], capstone.Parameters()


def _submission():
    from coordlab.classroom import Submission

    return Submission("Mine", 1.0, (1.0, 0.0, 1.0, 0.0))


_HAWKES = _hawkes_path()
_MARKET, _BOOK = _cascade_inputs()
_LENDING = _lending_inputs()
_NETWORK = _network_inputs()
_LOAN = _loan()
_SCENARIO, _PARAMS = _capstone_inputs()
_SUBMISSION = _submission()

__all__ = [
    "np",
    "math",
    "NAN",
    "INF",
    "RAY",
    "SH",
    "_HAWKES",
    "_MARKET",
    "_BOOK",
    "_LENDING",
    "_NETWORK",
    "_LOAN",
    "_SCENARIO",
    "_PARAMS",
    "_SUBMISSION",
]
