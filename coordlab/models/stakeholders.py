"""The fee switch: one protocol parameter, four stakeholders who want different values of it.

A DEX charges traders a fee ``f`` on volume; a *fee switch* sends a share ``phi`` of
it to the protocol (its token holders) instead of the liquidity providers (LPs).
A derived model (constant elasticities, one pool; stylised, built for this course):

- LP yield ``y = (1 - phi) f Vol / TVL``;
- liquidity follows yield with elasticity ``eta``: ``TVL ∝ y**eta``;
- volume follows depth with elasticity ``kappa``: ``Vol ∝ TVL**kappa``.

Solving the three together (stable when ``1 - eta (kappa - 1) > 0``) gives, with
``e = eta / (1 - eta (kappa - 1))`` and everything relative to ``phi = 0``:

    TVL(phi) = (1 - phi)**e,   Vol(phi) = (1 - phi)**(kappa e),
    token-holder revenue = phi f Vol,   LP fee income = (1 - phi) f Vol.

Token holders' revenue peaks at ``phi* = 1 / (1 + kappa e)``; LPs want
``phi = 0``; traders (and, in a lending market, borrowers, for whom the reserve
factor plays the fee switch's part) want depth, so ``phi = 0`` too; validators
earn fees from activity, i.e. from volume, so they side with the LPs. Any ``phi``
above ``phi*`` is Pareto-dominated: both token holders and LPs lose. On ``[0,
phi*]`` every choice trades one group against another: the Pareto frontier.

A token vote over an open agenda (pairwise majority votes, any value against any
other) picks the weighted median of the voters' ideal points (preferences here are
single-peaked; Black 1948). A DAO vote on one proposal against the status quo is
not that: there the proposer picks among the values that beat the status quo
(Romer & Rosenthal 1978), and :func:`token_vote` is the open-agenda benchmark. A voter with a share ``a`` of their stake
in the token
and ``1 - a`` in LP positions has the ideal
``phi(a) = 1 - kappa e a / ((2a - 1)(kappa e + 1))`` when ``a > (kappa e + 1) / (kappa e + 2)``,
and 0 otherwise.

Sources
-------
- The derived model above (constant-elasticity liquidity and volume responses).
- T. Romer and H. Rosenthal (1978), "Political resource allocation, controlled agendas,
  and the status quo", *Public Choice* 33(4), 27-43 (the agenda setter).
- Uniswap governance's fee-switch debates (2022–2024) for the setting; H. Hotelling
  (1929) and D. Black (1948), "On the rationale of group decision-making", *J.
  Political Economy* 56: the median voter with single-peaked preferences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = ["FeeSwitch", "fee_switch", "ideal_fee_share", "token_vote", "LP_ELASTICITY", "VOLUME_ELASTICITY"]


# Constraints shared by the functions below; arrays hold at most a million values (a few arrays
# of that size are built per call: well under a second).
ETA = v.Real(0.0, 5.0)
KAPPA = v.Real(0.05, 2.0)
SHARES = v.RealArray(0.0, 1.0, max_size=1_000_000)
MAX_STAKE = 1e15  # tokens, as voting.flash_loan_attack's circulating_votes
#: LPs' response to yield eta in the fee-switch model (elasticity of liquidity to LPs' fee yield; stylised).
LP_ELASTICITY = 1.0
#: Volume's response to depth kappa in the fee-switch model (elasticity of volume to liquidity; stylised).
VOLUME_ELASTICITY = 0.5


def _elasticities(eta: float, kappa: float) -> tuple[float, float, float]:
    """``(eta, kappa, e)``, after checking that the liquidity equilibrium is stable."""
    denom = 1.0 - eta * (kappa - 1.0)
    if denom <= 0.05:
        raise ValueError(
            f"eta and kappa must satisfy 1 - eta (kappa - 1) > 0.05 (a stable liquidity equilibrium), "
            f"got eta={eta:g}, kappa={kappa:g}: 1 - eta (kappa - 1) = {denom:g}"
        )
    return eta, kappa, eta / denom


@dataclass(frozen=True)
class FeeSwitch:
    """Outcomes of fee-switch shares ``phi``, relative to ``phi = 0``.

    Attributes
    ----------
    phi : numpy.ndarray
        The fee-switch shares.
    tvl, volume : numpy.ndarray
        Liquidity and volume, 1 at ``phi = 0``.
    token_revenue, lp_income, lp_yield : numpy.ndarray
        Protocol revenue to token holders, LP fee income and LP yield, as shares
        of the fee income at ``phi = 0`` (yield: relative to its value there).
    token_optimum : float
        ``phi* = 1 / (1 + kappa e)``, where token-holder revenue peaks.
    elasticity : float
        ``e = eta / (1 - eta (kappa - 1))``, the response of TVL to ``1 - phi``.
    """

    phi: np.ndarray
    tvl: np.ndarray
    volume: np.ndarray
    token_revenue: np.ndarray
    lp_income: np.ndarray
    lp_yield: np.ndarray
    token_optimum: float
    elasticity: float

    @property
    def pareto_efficient(self) -> np.ndarray:
        """Which ``phi`` are on the Pareto frontier between token holders and LPs (``phi <= phi*``)."""
        return self.phi <= self.token_optimum + 1e-12


@v.params(phi=SHARES, eta=ETA, kappa=KAPPA)
def fee_switch(phi: ArrayLike, eta: float = LP_ELASTICITY, kappa: float = VOLUME_ELASTICITY) -> FeeSwitch:
    """Liquidity, volume and each group's income at fee-switch shares ``phi``.

    Parameters
    ----------
    phi : float or array_like
        Share of the trading fee sent to the protocol, each in [0, 1] (at most a million values).
    eta : float
        Elasticity of liquidity to LP yield, in [0, 5].
    kappa : float
        Elasticity of volume to liquidity, in [0.05, 2] (volume responds to depth at least a little); with ``1 - eta
        (kappa - 1) > 0.05``.

    Examples
    --------
    >>> r = fee_switch([0.0, 0.5, 1.0], eta=1.0, kappa=0.5)
    >>> round(r.elasticity, 4), round(r.token_optimum, 4)
    (0.6667, 0.75)
    >>> [round(float(x), 4) for x in r.token_revenue], [round(float(x), 4) for x in r.tvl]
    ([0.0, 0.3969, 0.0], [1.0, 0.63, 0.0])
    """
    phi = np.asarray(phi)  # already an array (@v.params): for the type checker
    eta, kappa, e = _elasticities(eta, kappa)
    p = phi
    keep = 1.0 - p
    tvl = keep**e
    vol = keep ** (kappa * e)
    return FeeSwitch(
        phi=p,
        tvl=tvl,
        volume=vol,
        token_revenue=p * vol,
        lp_income=keep * vol,
        lp_yield=keep * vol / np.where(tvl > 0, tvl, 1.0) * (tvl > 0),
        token_optimum=1.0 / (1.0 + kappa * e),
        elasticity=e,
    )


@v.params(token_weight=SHARES, eta=ETA, kappa=KAPPA)
def ideal_fee_share(
    token_weight: ArrayLike, eta: float = LP_ELASTICITY, kappa: float = VOLUME_ELASTICITY
) -> float | np.ndarray:
    """The ``phi`` a voter wants whose stake is a share ``token_weight`` tokens and the rest LP positions.

    Maximises ``a phi Vol + (1 - a)(1 - phi) Vol`` (see the module docstring).

    Parameters
    ----------
    token_weight : float or array
        The voter's share of stake held as tokens (the rest as LP positions), each in [0, 1], at most a
        million values.
    eta : float
        Elasticity of liquidity to LP yield, in [0, 5].
    kappa : float
        Elasticity of volume to liquidity, in [0.05, 2].

    Examples
    --------
    >>> [round(float(x), 5) for x in ideal_fee_share([1.0, 0.9, 0.7, 0.5], eta=1.0, kappa=0.5)]
    [0.75, 0.71875, 0.5625, 0.0]
    """
    token_weight = np.asarray(token_weight)  # already an array (@v.params): for the type checker
    eta, kappa, e = _elasticities(eta, kappa)
    a = token_weight
    ke = kappa * e
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = 1.0 - ke * a / ((2 * a - 1) * (ke + 1))
    phi = np.where(a > (ke + 1) / (ke + 2), np.clip(phi, 0.0, 1.0), 0.0)
    return float(phi) if phi.ndim == 0 else phi


@v.params(
    token_weights=v.RealArray(0.0, 1.0, ndim=1, max_size=1_000_000),
    stakes=v.RealArray(0.0, MAX_STAKE, ndim=1, max_size=1_000_000),
    eta=ETA,
    kappa=KAPPA,
)
def token_vote(
    token_weights: ArrayLike, stakes: ArrayLike, eta: float = LP_ELASTICITY, kappa: float = VOLUME_ELASTICITY
) -> float:
    """The fee share a token-weighted vote over an open agenda picks: the weighted median of the ideal points.

    Parameters
    ----------
    token_weights : array_like
        Each voter's share of their own stake held as tokens, in [0, 1].
    stakes : array_like
        Each voter's number of tokens (their votes), each in [0, 1e15], same length
        (at most a million voters).
    eta, kappa : float
        As in :func:`fee_switch`.

    Examples
    --------
    >>> token_vote([1.0, 0.5], [60, 40])        # a token-only bloc with 60% of the votes wins
    0.75
    >>> token_vote([1.0, 0.5], [40, 60])
    0.0
    """
    token_weights, stakes = np.asarray(token_weights), np.asarray(stakes)  # arrays already (@v.params)
    a, s = token_weights, stakes
    if a.shape != s.shape:
        raise ValueError(f"token_weights and stakes must be 1-D and of one length, got shapes {a.shape}, {s.shape}")
    if s.sum() <= 0:
        raise ValueError("stakes must not all be zero")
    ideal = np.atleast_1d(ideal_fee_share(a, eta, kappa))
    order = np.argsort(ideal, kind="stable")
    cum = np.cumsum(s[order]) / s.sum()
    return float(ideal[order][np.searchsorted(cum, 0.5 + 1e-12)])
