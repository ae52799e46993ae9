"""The Diamond–Dybvig bank run: liquidity insurance, and the run it makes possible.

Three dates, t = 0, 1, 2. A unit invested at t = 0 returns ``R > 1`` at t = 2,
or 1 if it is liquidated at t = 1. A fraction ``impatient_share`` (λ in the formulas) of depositors turn out to
be impatient (they only value consumption at t = 1); the others are patient and
can wait. Nobody knows their type at t = 0, so a bank (or a stablecoin, or a
pool) offers a deposit contract (c1, c2): c1 to anyone who withdraws at t = 1,
and an equal share of what is left at t = 2.

With CRRA utility ``u(c) = c**(1 - gamma) / (1 - gamma)`` (``log c`` at
``gamma = 1``), the optimal contract solves ``u'(c1) = R u'(c2)`` with the
budget ``λ c1 + (1 - λ) c2 / R = 1``::

    c1* = 1 / (λ + (1 - λ) R**((1 - gamma) / gamma)),   c2* = R**(1/gamma) c1*.

For ``gamma > 1``, ``c1* > 1``: the contract insures depositors against being
impatient by promising more at t = 1 than a liquidated unit is worth. That is
what makes a run possible. If a fraction ``f`` of depositors withdraws at
t = 1, a patient depositor who waits gets ``c2(f) = R (1 - f c1) / (1 - f)``
(nothing once ``f c1 >= 1``: the bank has liquidated everything). Waiting
stops being a best response once ``c2(f) < c1``, which happens for ``f`` above
the run threshold ``f_run = (R - c1) / (c1 (R - 1))``. Both "nobody runs" and
"everybody runs" are equilibria: a coordination game.

**A fire-sale value.** In the original model a unit cut short at t = 1 still
returns 1, so a contract paying ``c1 = 1`` (a stablecoin's par) can never be
run: ``f_run = (R - 1) / (R - 1) = 1``. Real reserves sold in a hurry fetch
less. :func:`patient_payoff` and :func:`run_threshold` take a fire-sale value
``fire_sale_value = r <= 1`` for the long asset and a share ``liquid_share``
of each deposit held as cash (worth 1 at t = 1 and at t = 2), in the spirit of
Cooper and Ross (1998). With ``r = 1`` and no cash they are Diamond–Dybvig's.
A run is an equilibrium iff ``c1 > liquid + r (1 - liquid)``, what the bank can
pay each depositor at t = 1 if everyone comes.

**Suspension of convertibility.** :func:`suspension_payoff` pays what waiting
pays when the bank stops paying at t = 1 once a share ``gate_share`` has
withdrawn. With a known impatient share λ a gate at λ removes the
run equilibrium at no cost (Diamond & Dybvig 1983); when λ is
random no fixed gate does both, and suspension can no longer give the optimal
risk sharing, which deposit insurance can (ibid.).

Sources
-------
D. W. Diamond and P. H. Dybvig (1983), "Bank Runs, Deposit Insurance, and
Liquidity", *Journal of Political Economy* 91(3), 401–419. The closed form for
CRRA utility follows from their first-order condition with rho = 1 (as in
e.g. Freixas & Rochet, *Microeconomics of Banking*, 2nd ed., 2008, §7.2).
R. Cooper and T. W. Ross (1998), "Bank runs: Liquidity costs and investment
distortions", *Journal of Monetary Economics* 41(1), 27–38 (liquidation value
below 1, liquid storage beside the long asset).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "DepositContract",
    "optimal_contract",
    "crra_utility",
    "expected_utility",
    "patient_payoff",
    "run_threshold",
    "suspension_payoff",
    "withdrawal_path",
    "IMPATIENT_SHARE",
    "LONG_RETURN",
    "RISK_AVERSION",
]


# Constraints shared by the functions below. Consumption below C_MIN (a thousandth of the deposit)
# would overflow CRRA utility at the largest risk aversion (C_MIN ** -99 is about 1e297); risk aversion
# below GAMMA_MIN would overflow R ** ((1 - gamma) / gamma) at the largest return.
C_MIN = 1e-3
GAMMA_MIN = 0.01
#: Diamond-Dybvig's impatient share lambda of the course's example (fraction of depositors).
IMPATIENT_SHARE = 0.25
#: Diamond-Dybvig's long-asset return R of the course's example (gross return, a factor).
LONG_RETURN = 1.5
#: Diamond-Dybvig's relative risk aversion gamma of the course's example (CRRA coefficient).
RISK_AVERSION = 2.0
IMPATIENT = v.Probability(low_open=True, high_open=True)
R_ = v.Real(1.0, 100.0, low_open=True)
GAMMA = v.Real(GAMMA_MIN, 100.0)
# A fire-sale value below 1e-3 (a thousandth of par) would make the run threshold's denominator
# meaningless at the largest c1; a fire-sale value above 1 is not a fire sale.
FIRE_SALE = v.Real(1e-3, 1.0)
LIQUID = v.Probability()


@dataclass(frozen=True)
class DepositContract:
    """A Diamond–Dybvig deposit contract and the economy it was written for.

    Attributes
    ----------
    c1, c2 : float
        Consumption paid at t = 1 and (if nobody runs) at t = 2.
    impatient_share, R, gamma : float
        Share of impatient depositors, long-asset return, relative risk aversion.
    """

    c1: float
    c2: float
    impatient_share: float
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


@v.params(impatient_share=IMPATIENT, R=R_, gamma=GAMMA)
def optimal_contract(
    impatient_share: float = IMPATIENT_SHARE, R: float = LONG_RETURN, gamma: float = RISK_AVERSION
) -> DepositContract:
    """The optimal deposit contract for CRRA depositors (Diamond & Dybvig 1983).

    Parameters
    ----------
    impatient_share : float
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
    >>> k = optimal_contract(impatient_share=0.25, R=1.5, gamma=2)
    >>> round(k.c1, 4), round(k.c2, 4), round(k.run_threshold, 4)
    (1.1596, 1.4202, 0.5871)
    >>> optimal_contract(gamma=1).c1   # log utility: no insurance, so no run
    1.0
    """
    c1 = 1.0 / (impatient_share + (1.0 - impatient_share) * R ** ((1.0 - gamma) / gamma))
    return DepositContract(c1=c1, c2=R ** (1.0 / gamma) * c1, impatient_share=impatient_share, R=R, gamma=gamma)


@v.params(c=v.RealArray(C_MIN, 1e12), gamma=GAMMA)
def crra_utility(c: ArrayLike, gamma: float) -> float | np.ndarray:
    """CRRA utility ``c**(1-gamma)/(1-gamma)``, or ``log c`` at ``gamma = 1``.

    Parameters
    ----------
    c : float or array
        Consumption, in units of the deposit, each in [0.001, 1e12]; an array gives a result of its shape.
    gamma : float
        Relative risk aversion ``-c u''(c) / u'(c)``, in [0.01, 100] (1 is log utility).

    Examples
    --------
    >>> crra_utility(2.0, 2.0)
    -0.5
    """
    c = np.asarray(c)  # already an array (@v.params): for the type checker
    out = np.log(c) if gamma == 1.0 else c ** (1.0 - gamma) / (1.0 - gamma)
    return float(out) if out.ndim == 0 else out


@v.params(c1=v.Real(C_MIN, 1e3), impatient_share=IMPATIENT, R=R_, gamma=GAMMA)
def expected_utility(
    c1: float, impatient_share: float = IMPATIENT_SHARE, R: float = LONG_RETURN, gamma: float = RISK_AVERSION
) -> float:
    """Ex-ante utility of a contract paying ``c1`` at t = 1, with c2 set by the budget.

    ``λ u(c1) + (1 - λ) u(c2)`` with ``c2 = R (1 - λ c1) / (1 - λ)``, λ = ``impatient_share``.
    Its maximiser over ``c1`` in ``(0, 1/λ)`` is :func:`optimal_contract`'s c1.

    Parameters
    ----------
    c1 : float
        Consumption paid at t = 1 per unit deposited, in [0.001, 1000]; it must leave ``c2`` at least 0.001,
        where CRRA utility is finite (``c1 < 1 / impatient_share``).
    impatient_share : float
        λ, the share of depositors who must consume at t = 1, in (0, 1).
    R : float
        Gross return at t = 2 of a unit invested in the long asset, in (1, 100].
    gamma : float
        Relative risk aversion of the CRRA utility, in [0.01, 100].

    Examples
    --------
    >>> round(expected_utility(1.0, 0.25, 1.5, 2.0), 4)
    -0.75
    """
    c2 = R * (1.0 - impatient_share * c1) / (1.0 - impatient_share)
    if c2 < C_MIN:
        raise ValueError(
            f"c1 must leave the patient at least {C_MIN:g} at t = 2 "
            f"(c1 < 1/impatient_share = {1 / impatient_share:g}); "
            f"c1={c1:g} leaves c2={c2:g}"
        )
    return impatient_share * float(crra_utility(c1, gamma)) + (1.0 - impatient_share) * float(crra_utility(c2, gamma))


@v.params(
    f=v.RealArray(0.0, 1.0, high_open=True),
    c1=v.Real(0.0, 100.0, low_open=True),
    R=R_,
    fire_sale_value=FIRE_SALE,
    liquid_share=LIQUID,
)
def patient_payoff(
    f: ArrayLike, c1: float, R: float, fire_sale_value: float = 1.0, liquid_share: float = 0.0
) -> float | np.ndarray:
    """What a patient depositor gets by waiting when a fraction ``f`` withdraws early.

    ``c2(f) = R (1 - f c1) / (1 - f)`` while the bank can pay everyone who
    comes at t = 1 (``f c1 < 1``), and 0 once it has liquidated everything.

    With a fire-sale value ``r = fire_sale_value`` and a cash share
    ``l = liquid_share``, the bank pays early withdrawals from cash first and then
    sells long assets at ``r``: while ``f c1 <= l``,
    ``c2(f) = (l - f c1 + R (1 - l)) / (1 - f)``; after that
    ``c2(f) = R (1 - l - (f c1 - l) / r) / (1 - f)``, and 0 once nothing is left.
    The defaults (``r = 1``, ``l = 0``) are Diamond and Dybvig's.

    Parameters
    ----------
    f : float or array_like
        Fraction of all depositors who withdraw at t = 1, in [0, 1).
    c1 : float
        Promised payment at t = 1, in (0, 100].
    R : float
        Long-asset return, in (1, 100].
    fire_sale_value : float
        What a unit of the long asset fetches if sold at t = 1, in [0.001, 1] (a fraction of par).
    liquid_share : float
        Cash held per unit deposited, in [0, 1] (worth 1 at t = 1 and at t = 2).

    Examples
    --------
    >>> k = optimal_contract()
    >>> round(patient_payoff(k.impatient_share, k.c1, k.R), 4) == round(k.c2, 4)
    True
    >>> [round(float(x), 3) for x in patient_payoff([0.0, 0.5, 0.95], 1.2, 1.5)]
    [1.5, 1.2, 0.0]
    >>> round(patient_payoff(0.5, 1.0, 1.02, fire_sale_value=0.95), 4)   # par coin, reserves sold at 95%
    0.9663
    """
    f = np.asarray(f)  # already an array (@v.params): for the type checker
    r, cash = fire_sale_value, liquid_share
    paid = f * c1
    if r == 1.0 and cash == 0.0:  # Diamond and Dybvig's original, computed exactly as before
        left = np.maximum(1.0 - paid, 0.0)
        out = R * left / (1.0 - f)
    else:
        from_cash = (cash - paid + R * (1.0 - cash)) / (1.0 - f)
        long_left = np.maximum(1.0 - cash - np.maximum(paid - cash, 0.0) / r, 0.0)
        from_sales = R * long_left / (1.0 - f)
        out = np.where(paid <= cash, from_cash, from_sales)
    return float(out) if out.ndim == 0 else out


@v.params(c1=v.Real(0.0, 100.0, low_open=True), R=R_, fire_sale_value=FIRE_SALE, liquid_share=LIQUID)
def run_threshold(c1: float, R: float, fire_sale_value: float = 1.0, liquid_share: float = 0.0) -> float:
    """Fraction withdrawing early at which waiting stops paying: ``c2(f) = c1``.

    ``f_run = (R - c1) / (c1 (R - 1))``. Above it a patient depositor does
    better to run. Returns ``inf`` when ``c1 <= 1``: then ``c2(f) >= R > c1``
    for every ``f`` and a run is never a best response.

    With a fire-sale value ``r`` and a cash share ``l`` (see :func:`patient_payoff`),
    a run is possible iff ``c1 > l + r (1 - l)``, and then
    ``f_run = (R (l + r (1 - l)) - r c1) / (c1 (R - r))`` (0 if waiting pays less than ``c1``
    even when nobody else withdraws, ``l + R (1 - l) < c1``): with ``c1 = 1``
    and ``l = 0`` that is ``(R - 1) / (R / r - 1)``, below 1 as soon as ``r < 1``.

    Parameters
    ----------
    c1 : float
        Promised payment at t = 1, in (0, 100].
    R : float
        Long-asset return, in (1, 100].
    fire_sale_value : float
        What a unit of the long asset fetches if sold at t = 1, in [0.001, 1].
    liquid_share : float
        Cash held per unit deposited, in [0, 1].

    Examples
    --------
    >>> round(run_threshold(1.2, 1.5), 4)
    0.5
    >>> run_threshold(1.0, 1.5)
    inf
    >>> round(run_threshold(1.0, 1.02, fire_sale_value=0.95), 4)    # a par stablecoin, fire sale at 95%
    0.2714
    """
    r, cash = fire_sale_value, liquid_share
    if r == 1.0 and cash == 0.0:  # Diamond and Dybvig's original, computed exactly as before
        if c1 <= 1.0:
            return float("inf")
        return max(0.0, (R - c1) / (c1 * (R - 1.0)))
    capacity = cash + r * (1.0 - cash)  # what the bank can pay each depositor at t = 1 if all come
    if c1 <= capacity:
        return float("inf")
    if cash + R * (1.0 - cash) < c1:  # waiting pays less than c1 even if nobody else withdraws
        return 0.0
    return max(0.0, (R * capacity - r * c1) / (c1 * (R - r)))


@v.params(
    f=v.RealArray(0.0, 1.0, high_open=True),
    c1=v.Real(0.0, 100.0, low_open=True),
    R=R_,
    gate_share=v.Probability(low_open=True, high_open=True),
)
def suspension_payoff(f: ArrayLike, c1: float, R: float, gate_share: float) -> float | np.ndarray:
    """What waiting pays when the bank suspends convertibility after a share ``gate_share`` has withdrawn.

    Diamond and Dybvig (1983): the bank pays ``c1`` to the first
    ``min(f, gate_share)`` who come at t = 1 and nobody after; everyone else
    shares what is left at t = 2, so ``c2 = R (1 - g c1) / (1 - g)`` with
    ``g = min(f, gate_share)`` (0 if ``g c1 >= 1``). With the impatient share known
    and the gate set at it, ``c2 = c2*`` whatever the others do: running never pays,
    and nobody who needs to withdraw is refused. If the impatient share is random and
    exceeds the gate, impatient depositors are refused: they get nothing at t = 1.

    Parameters
    ----------
    f : float or array_like
        Fraction of all depositors who try to withdraw at t = 1, in [0, 1).
    c1 : float
        Promised payment at t = 1, in (0, 100].
    R : float
        Long-asset return, in (1, 100].
    gate_share : float
        Share of depositors paid at t = 1 before the bank stops paying, in (0, 1).

    Examples
    --------
    >>> k = optimal_contract()
    >>> [round(float(x), 4) for x in suspension_payoff([0.25, 0.6, 0.99], k.c1, k.R, gate_share=0.25)]
    [1.4202, 1.4202, 1.4202]
    """
    g = np.minimum(f, gate_share)
    out = R * np.maximum(1.0 - g * c1, 0.0) / (1.0 - g)
    return float(out) if out.ndim == 0 else out


@v.params(
    start_share=v.Probability(high_open=True),
    c1=v.Real(0.0, 100.0, low_open=True),
    R=R_,
    impatient_share=IMPATIENT,
    rounds=v.Integer(1, 1000),
    gate_share=v.Optional(v.Probability(low_open=True, high_open=True)),
)
def withdrawal_path(
    start_share: float, c1: float, R: float, impatient_share: float, rounds: int = 6, gate_share: float | None = None
) -> np.ndarray:
    """Withdrawals when every patient depositor is a bot running the same rule, round after round.

    Each round every patient bot reads the share ``f`` withdrawing and withdraws iff waiting
    pays less than ``c1`` (:func:`patient_payoff`, or :func:`suspension_payoff` with a gate);
    the impatient always withdraw. So ``f_next = λ + (1 - λ) [c2(f) < c1]`` (λ = ``impatient_share``), starting from
    ``start_share`` (what the bots first observe, at least ``impatient_share``). The rule's fixed points are
    the game's pure equilibria: λ (nobody runs) and 1 (everybody runs); the partial run at the
    threshold, where the patient are indifferent, is an equilibrium but not a rest point of the
    rule (from it the path returns to λ). The rounds are revisable plans (best-response
    dynamics), not withdrawals that can be undone. Where the path goes
    depends only on which side of the run threshold it starts. A share of 1 is recorded as
    1.0 but evaluated, for the next round, just below it (``1 - 1e-12``), where the formulas hold.

    Parameters
    ----------
    start_share : float
        Share withdrawing that the bots first observe, in [0, 1).
    c1 : float
        Promised payment at t = 1, in (0, 100].
    R : float
        Long-asset return, in (1, 100].
    impatient_share : float
        Share of impatient depositors, in (0, 1).
    rounds : int
        Rounds of the rule, in [1, 1000].
    gate_share : float or None
        If given, the bank suspends convertibility after this share has withdrawn, in (0, 1).

    Returns
    -------
    numpy.ndarray
        The share withdrawing in each round, ``rounds + 1`` values starting at ``max(start_share, impatient_share)``.

    Examples
    --------
    >>> k = optimal_contract()
    >>> withdrawal_path(0.5, k.c1, k.R, k.impatient_share, rounds=2).tolist()      # below f_run = 0.587: back to λ
    [0.5, 0.25, 0.25]
    >>> withdrawal_path(0.65, k.c1, k.R, k.impatient_share, rounds=2).tolist()     # above it: everybody runs
    [0.65, 1.0, 1.0]
    >>> lam = k.impatient_share
    >>> withdrawal_path(0.65, k.c1, k.R, lam, rounds=2, gate_share=lam).tolist()   # a gate at λ
    [0.65, 0.25, 0.25]
    """
    path = [max(start_share, impatient_share)]
    for _ in range(rounds):
        f = min(path[-1], 1.0 - 1e-12)
        if gate_share is None:
            waiting = patient_payoff(f, c1, R)
        else:
            waiting = suspension_payoff(f, c1, R, gate_share)
        path.append(1.0 if waiting < c1 else impatient_share)
    return np.array(path)
