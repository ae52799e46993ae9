"""The Diamond–Dybvig bank run: liquidity insurance, and the run it makes possible.

Three dates, t = 0, 1, 2. A unit invested at t = 0 returns ``R > 1`` at t = 2,
or 1 if it is liquidated at t = 1. A fraction ``lam`` of depositors turn out to
be impatient (they only value consumption at t = 1); the others are patient and
can wait. Nobody knows their type at t = 0, so a bank (or a stablecoin, or a
pool) offers a deposit contract (c1, c2): c1 to anyone who withdraws at t = 1,
and an equal share of what is left at t = 2.

With CRRA utility ``u(c) = c**(1 - gamma) / (1 - gamma)`` (``log c`` at
``gamma = 1``), the optimal contract solves ``u'(c1) = R u'(c2)`` with the
budget ``lam c1 + (1 - lam) c2 / R = 1``::

    c1* = 1 / (lam + (1 - lam) R**((1 - gamma) / gamma)),   c2* = R**(1/gamma) c1*.

For ``gamma > 1``, ``c1* > 1``: the contract insures depositors against being
impatient by promising more at t = 1 than a liquidated unit is worth. That is
what makes a run possible. If a fraction ``f`` of depositors withdraws at
t = 1, a patient depositor who waits gets ``c2(f) = R (1 - f c1) / (1 - f)``
(nothing once ``f c1 >= 1``: the bank has liquidated everything). Waiting
stops being a best response once ``c2(f) < c1``, which happens for ``f`` above
the run threshold ``f_run = (R - c1) / (c1 (R - 1))``. Both "nobody runs" and
"everybody runs" are equilibria: a coordination game.

Sources
-------
D. W. Diamond and P. H. Dybvig (1983), "Bank Runs, Deposit Insurance, and
Liquidity", *Journal of Political Economy* 91(3), 401–419. The closed form for
CRRA utility follows from their first-order condition with rho = 1 (as in
e.g. Freixas & Rochet, *Microeconomics of Banking*, 2nd ed., 2008, §7.2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coordlab import _validate as v

__all__ = ["DepositContract", "optimal_contract", "crra_utility", "expected_utility", "patient_payoff", "run_threshold"]


# Constraints shared by the functions below. Consumption below C_MIN (a thousandth of the deposit)
# would overflow CRRA utility at the largest risk aversion (C_MIN ** -99 is about 1e297); risk aversion
# below GAMMA_MIN would overflow R ** ((1 - gamma) / gamma) at the largest return.
C_MIN = 1e-3
GAMMA_MIN = 0.01
LAM = v.Probability(low_open=True, high_open=True)
R_ = v.Real(1.0, 100.0, low_open=True)
GAMMA = v.Real(GAMMA_MIN, 100.0)


@dataclass(frozen=True)
class DepositContract:
    """A Diamond–Dybvig deposit contract and the economy it was written for.

    Attributes
    ----------
    c1, c2 : float
        Consumption paid at t = 1 and (if nobody runs) at t = 2.
    lam, R, gamma : float
        Share of impatient depositors, long-asset return, relative risk aversion.
    """

    c1: float
    c2: float
    lam: float
    R: float
    gamma: float

    @property
    def run_threshold(self) -> float:
        """Fraction withdrawing early above which a patient depositor should run too."""
        return run_threshold(self.c1, self.R)

    @property
    def run_equilibrium(self) -> bool:
        """True iff "everybody runs" is an equilibrium (iff ``c1 > 1``)."""
        return self.c1 > 1.0


@v.params(lam=LAM, R=R_, gamma=GAMMA)
def optimal_contract(lam: float = 0.25, R: float = 1.5, gamma: float = 2.0) -> DepositContract:
    """The optimal deposit contract for CRRA depositors (Diamond & Dybvig 1983).

    Parameters
    ----------
    lam : float
        Share of impatient depositors, in (0, 1).
    R : float
        Return at t = 2 of a unit invested at t = 0, in (1, 100].
    gamma : float
        Relative risk aversion, in [0.01, 100]; ``gamma = 1`` is log utility.

    Returns
    -------
    DepositContract

    Examples
    --------
    >>> k = optimal_contract(lam=0.25, R=1.5, gamma=2)
    >>> round(k.c1, 4), round(k.c2, 4), round(k.run_threshold, 4)
    (1.1596, 1.4202, 0.5871)
    >>> optimal_contract(gamma=1).c1   # log utility: no insurance, so no run
    1.0
    """
    c1 = 1.0 / (lam + (1.0 - lam) * R ** ((1.0 - gamma) / gamma))
    return DepositContract(c1=c1, c2=R ** (1.0 / gamma) * c1, lam=lam, R=R, gamma=gamma)


@v.params(c=v.RealArray(C_MIN, 1e12), gamma=GAMMA)
def crra_utility(c, gamma: float):
    """CRRA utility ``c**(1-gamma)/(1-gamma)``, or ``log c`` at ``gamma = 1``.

    ``c`` (consumption, in units of the deposit) is in [0.001, 1e12]; ``gamma`` in [0.01, 100].

    Examples
    --------
    >>> crra_utility(2.0, 2.0)
    -0.5
    """
    out = np.log(c) if gamma == 1.0 else c ** (1.0 - gamma) / (1.0 - gamma)
    return float(out) if out.ndim == 0 else out


@v.params(c1=v.Real(C_MIN, 1e3), lam=LAM, R=R_, gamma=GAMMA)
def expected_utility(c1: float, lam: float = 0.25, R: float = 1.5, gamma: float = 2.0) -> float:
    """Ex-ante utility of a contract paying ``c1`` at t = 1, with c2 set by the budget.

    ``lam u(c1) + (1 - lam) u(c2)`` with ``c2 = R (1 - lam c1) / (1 - lam)``.
    Its maximiser over ``c1`` in ``(0, 1/lam)`` is :func:`optimal_contract`'s c1. ``c1`` must
    leave ``c2`` at least 0.001 (and itself be at least 0.001), where CRRA utility is finite.

    Examples
    --------
    >>> round(expected_utility(1.0, 0.25, 1.5, 2.0), 4)
    -0.75
    """
    c2 = R * (1.0 - lam * c1) / (1.0 - lam)
    if c2 < C_MIN:
        raise ValueError(f"c1 must leave the patient at least {C_MIN:g} at t = 2 (c1 < 1/lam = {1 / lam:g}); "
                         f"c1={c1:g} leaves c2={c2:g}")
    return lam * crra_utility(c1, gamma) + (1.0 - lam) * crra_utility(c2, gamma)


@v.params(f=v.RealArray(0.0, 1.0, high_open=True), c1=v.Real(0.0, 100.0, low_open=True), R=R_)
def patient_payoff(f, c1: float, R: float):
    """What a patient depositor gets by waiting when a fraction ``f`` withdraws early.

    ``c2(f) = R (1 - f c1) / (1 - f)`` while the bank can pay everyone who
    comes at t = 1 (``f c1 < 1``), and 0 once it has liquidated everything.

    Parameters
    ----------
    f : float or array_like
        Fraction of all depositors who withdraw at t = 1, in [0, 1).
    c1 : float
        Promised payment at t = 1, in (0, 100].
    R : float
        Long-asset return, in (1, 100].

    Examples
    --------
    >>> k = optimal_contract()
    >>> round(patient_payoff(k.lam, k.c1, k.R), 4) == round(k.c2, 4)
    True
    >>> [round(float(x), 3) for x in patient_payoff([0.0, 0.5, 0.95], 1.2, 1.5)]
    [1.5, 1.2, 0.0]
    """
    left = np.maximum(1.0 - f * c1, 0.0)
    out = R * left / (1.0 - f)
    return float(out) if out.ndim == 0 else out


@v.params(c1=v.Real(0.0, 100.0, low_open=True), R=R_)
def run_threshold(c1: float, R: float) -> float:
    """Fraction withdrawing early at which waiting stops paying: ``c2(f) = c1``.

    ``f_run = (R - c1) / (c1 (R - 1))``. Above it a patient depositor does
    better to run. Returns ``inf`` when ``c1 <= 1``: then ``c2(f) >= R > c1``
    for every ``f`` and a run is never a best response.

    Examples
    --------
    >>> round(run_threshold(1.2, 1.5), 4)
    0.5
    >>> run_threshold(1.0, 1.5)
    inf
    """
    if c1 <= 1.0:
        return float("inf")
    return max(0.0, (R - c1) / (c1 * (R - 1.0)))
