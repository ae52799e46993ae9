"""How concentrated are the holders (or the stake)? HHI, Gini with its Lorenz curve, Nakamoto coefficient.

- **HHI** (Herfindahl–Hirschman index) ``= sum s_i**2`` over shares ``s_i`` (summing
  to 1): from ``1/n`` (equal shares) to 1 (a monopoly). Antitrust practice quotes it
  times 10 000: the 2023 US Merger Guidelines call a market above 1 800 highly
  concentrated (the 2010 Guidelines: above 2 500).
- **Gini** ``= 2 sum_i i x_(i) / (n sum x) - (n + 1) / n`` on holdings sorted
  ascending: 0 when all hold the same, ``1 - 1/n`` when one holds everything. The
  **Lorenz curve** plots the cumulative share of holdings against the cumulative
  share of holders, poorest first; the Gini is twice the area between it and the
  diagonal.
- **Nakamoto coefficient**: the fewest holders whose combined share *exceeds* a
  control threshold: 51% for a majority, 1/3 to halt a BFT chain (Srinivasan & Lee 2017).

Every function takes ``holdings``: a 1-D list of finite non-negative amounts, not all zero, at
most 1,000,000 holders (about half a second for :func:`concentration`). Amounts of any finite size are
accepted (they are rescaled exactly, by a power of two, before being summed).

Sources
-------
- O. C. Herfindahl (1950); A. O. Hirschman (1945); US DOJ and FTC, *Merger
  Guidelines* (2023), §2.1 (HHI above 1 800), and *Horizontal Merger Guidelines*
  (2010), §5.3 (above 2 500).
- C. Gini (1912), *Variabilità e mutabilità*; the sorted-sample formula
  G = sum_i (2i - n - 1) x_(i) / (n sum x) (e.g. Damgaard and Weiner 2000, *Ecology* 81(4)).
- B. S. Srinivasan and L. Lee (2017), "Quantifying Decentralization", news.earn.com.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "shares",
    "hhi",
    "gini",
    "lorenz_curve",
    "LorenzCurve",
    "nakamoto_coefficient",
    "Concentration",
    "concentration",
    "synthetic_holders",
    "SYNTHETIC_HOLDERS",
    "SYNTHETIC_WHALE_SHARE",
    "SYNTHETIC_TAIL_ALPHA",
]


# Holdings: a 1-D list of non-negative amounts, at most a million holders (the largest call,
# concentration() of 1,000,000 holders, sorts them three times: about half a second). Any finite
# size is accepted: the amounts are rescaled by a power of two (exactly) before they are summed, so
# [1e307] * 20 has 20 holders, not an overflowed total.
HOLDERS_MAX = 1_000_000
#: synthetic_holders' number of holders besides the whale (holders; synthetic, notebook 04).
SYNTHETIC_HOLDERS = 200
#: synthetic_holders' whale's share of the supply (fraction; synthetic).
SYNTHETIC_WHALE_SHARE = 0.2
#: synthetic_holders' Pareto tail exponent of the other holders (dimensionless; synthetic).
SYNTHETIC_TAIL_ALPHA = 1.16
HOLDINGS = v.RealArray(0.0, ndim=1, max_size=HOLDERS_MAX)
THRESHOLD = v.Probability(low_open=True, high_open=True)
_SAFE_MAX = 1e290  # largest holding (times n**2) summed without rescaling; sums of i * a stay below 1e308
_SAFE_MIN = 1e-290  # smallest largest holding left as it is (below, subnormals lose digits)


def _holdings(a: np.ndarray) -> np.ndarray:
    """Declared holdings (already a 1-D float array), checked not all zero, rescaled if huge or tiny.

    The rescaling divides by a power of two, which is exact, so shares, HHI, Gini, Lorenz curve and
    Nakamoto coefficient (all scale-free) are unchanged; amounts of ordinary size are left as they are.
    """
    top = float(a.max())
    if top <= 0:
        raise ValueError("holdings must not all be zero")
    if top * a.size * a.size > _SAFE_MAX or top < _SAFE_MIN:
        a = np.ldexp(a, -int(np.frexp(top)[1]))  # now top is in [0.5, 1)
    return a


@v.params(holdings=HOLDINGS)
def shares(holdings: ArrayLike) -> np.ndarray:
    """Each holder's share of the total.

    Examples
    --------
    >>> shares([2, 1, 1]).tolist()
    [0.5, 0.25, 0.25]
    """
    holdings = np.asarray(holdings)  # already an array (@v.params): for the type checker
    a = _holdings(holdings)
    return a / a.sum()


@v.params(holdings=HOLDINGS)
def hhi(holdings: ArrayLike) -> float:
    """Herfindahl–Hirschman index ``sum s_i**2``, in [1/n, 1] (multiply by 10 000 for antitrust units).

    Examples
    --------
    >>> hhi([40, 30, 20, 10])
    0.3
    >>> hhi([1, 1, 1, 1])
    0.25
    """
    holdings = np.asarray(holdings)  # already an array (@v.params): for the type checker
    return _hhi(_holdings(holdings))


def _hhi(a: np.ndarray) -> float:
    s = a / a.sum()
    return float(np.round(np.sum(s**2), 15))


@v.params(holdings=HOLDINGS)
def gini(holdings: ArrayLike) -> float:
    """Gini coefficient of holdings: 0 for equality, ``1 - 1/n`` when one holder has everything.

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 1])
    0.75
    >>> round(gini([1, 2, 3, 4]), 4)
    0.25
    """
    holdings = np.asarray(holdings)  # already an array (@v.params): for the type checker
    return _gini(_holdings(holdings))


def _gini(a: np.ndarray) -> float:
    a = np.sort(a)
    n = a.size
    i = np.arange(1, n + 1)
    g = 2.0 * np.sum(i * a) / (n * a.sum()) - (n + 1.0) / n
    return float(max(0.0, round(g, 15)))


@dataclass(frozen=True)
class LorenzCurve:
    """Result of :func:`lorenz_curve`: its points, from (0, 0) to (1, 1).

    Attributes
    ----------
    holders_share : numpy.ndarray
        Cumulative share of holders, smallest first.
    holdings_share : numpy.ndarray
        Cumulative share of the holdings they hold.
    """

    holders_share: np.ndarray
    holdings_share: np.ndarray


@v.params(holdings=HOLDINGS)
def lorenz_curve(holdings: ArrayLike) -> LorenzCurve:
    """Points of the Lorenz curve (:class:`LorenzCurve`): cumulative share of holders against cumulative share of
    holdings, from (0, 0).

    Examples
    --------
    >>> c = lorenz_curve([1, 1, 2])
    >>> [round(float(a), 3) for a in c.holders_share], [round(float(b), 3) for b in c.holdings_share]
    ([0.0, 0.333, 0.667, 1.0], [0.0, 0.25, 0.5, 1.0])
    """
    holdings = np.asarray(holdings)  # already an array (@v.params): for the type checker
    a = np.sort(_holdings(holdings))
    x = np.linspace(0.0, 1.0, a.size + 1)
    y = np.concatenate([[0.0], np.cumsum(a) / a.sum()])
    return LorenzCurve(x, y)


@v.params(holdings=HOLDINGS, control_share=THRESHOLD)
def nakamoto_coefficient(holdings: ArrayLike, control_share: float = 0.51) -> int:
    """The fewest holders whose combined share exceeds ``control_share`` (Srinivasan & Lee 2017).

    Parameters
    ----------
    holdings : array_like
        Amounts held (or stake): a 1-D list of finite non-negative numbers, not all zero, at most
        1,000,000 of them.
    control_share : float
        Share of the total that gives control (the control threshold), in (0, 1): 0.51 for a majority, 1/3 to
        halt a BFT chain.

    Examples
    --------
    >>> nakamoto_coefficient([40, 30, 20, 10], 0.51)
    2
    >>> nakamoto_coefficient([40, 30, 20, 10], 1 / 3)
    1
    """
    holdings = np.asarray(holdings)  # already an array (@v.params): for the type checker
    return _nakamoto(_holdings(holdings), control_share)


def _nakamoto(a: np.ndarray, threshold: float) -> int:
    s = np.sort(a / a.sum())[::-1]
    cum = np.cumsum(s)
    # all holders together hold 1 > threshold, even when the rounded cumulative sum ends just below it
    return min(int(np.searchsorted(cum, threshold, side="right") + 1), s.size)


@dataclass(frozen=True)
class Concentration:
    """All the concentration measures of one holder list."""

    holders: int
    hhi: float
    gini: float
    nakamoto_majority: int
    nakamoto_bft: int
    top_share: float


@v.params(holdings=HOLDINGS)
def concentration(holdings: ArrayLike) -> Concentration:
    """HHI, Gini, Nakamoto coefficients at 51% and 1/3, and the largest holder's share.

    Examples
    --------
    >>> c = concentration([40, 30, 20, 10])
    >>> c.hhi, c.gini, c.nakamoto_majority, c.nakamoto_bft
    (0.3, 0.25, 2, 1)
    """
    holdings = np.asarray(holdings)  # already an array (@v.params): for the type checker
    a = _holdings(holdings)
    # the private helpers take the checked array: the declaration is checked once, here
    return Concentration(
        holders=int(a.size),
        hhi=_hhi(a),
        gini=_gini(a),
        nakamoto_majority=_nakamoto(a, 0.51),
        nakamoto_bft=_nakamoto(a, 1 / 3),
        top_share=float(a.max() / a.sum()),
    )


@v.params(n=v.Integer(1, 100_000), whale_share=v.Probability(high_open=True), tail_alpha=v.Real(0.5, 10.0))
def synthetic_holders(
    n: int = SYNTHETIC_HOLDERS, whale_share: float = SYNTHETIC_WHALE_SHARE, tail_alpha: float = SYNTHETIC_TAIL_ALPHA
) -> np.ndarray:
    """A deterministic holder list: one whale with ``whale_share`` and ``n`` holders on a Pareto tail.

    The others hold the Pareto(``tail_alpha``) quantiles ``(1 - u)**(-1/tail_alpha)`` at
    ``u = (i + 1/2)/n``, scaled to ``1 - whale_share`` — a smooth stand-in for a real
    snapshot (``tail_alpha = 1.16`` is the "80/20" tail). Returns shares, whale first.

    Parameters
    ----------
    n : int
        Holders besides the whale, in [1, 100000].
    whale_share : float
        The whale's share, in [0, 1).
    tail_alpha : float
        Pareto tail exponent, in [0.5, 10]; smaller is more unequal.

    Examples
    --------
    >>> h = synthetic_holders(4, whale_share=0.5, tail_alpha=2.0)
    >>> round(float(h.sum()), 12), float(h[0])
    (1.0, 0.5)
    """
    u = (np.arange(n) + 0.5) / n
    tail = (1.0 - u) ** (-1.0 / tail_alpha)
    tail = np.sort(tail)[::-1] / tail.sum() * (1.0 - whale_share)
    return np.concatenate([[whale_share], tail])
