"""Counterparty contagion: Eisenberg–Noe clearing, Rogers–Veraart default costs, correlated shocks, the cost of opacity.

**A network** (:class:`Network`) of ``n`` institutions: ``L[i, j]`` is what ``i`` owes
``j``, ``e[i]`` its external (non-interbank) assets. Each owes ``pbar_i = sum_j L[i, j]``
in total and pays its creditors pro rata, ``Pi[i, j] = L[i, j] / pbar_i``.

**Clearing** (Eisenberg & Noe 2001). A clearing vector pays in full or pays
everything it has: ``p_i = min(pbar_i, e_i + sum_j Pi[j, i] p_j)``. Rogers & Veraart
(2013) add default costs: a defaulting institution realises only ``alpha`` of its
external and ``beta`` of its interbank assets, ``p_i = alpha e_i + beta sum_j Pi[j, i] p_j``
(``alpha = beta = 1`` is Eisenberg–Noe). :func:`clear` finds the *greatest*
clearing vector with their algorithm, which for ``alpha = beta = 1`` is Eisenberg
and Noe's "fictitious default" algorithm: assume nobody defaults; find who cannot
pay; solve the linear system in which exactly those default; repeat until the
default set stops growing (at most ``n`` rounds). The round in which an institution
first defaults is its **default wave**: wave 1 fails on its own losses, later waves
fail because others failed (Eisenberg–Noe's measure of systemic risk). Without
default costs total equity is conserved: ``sum_i equity_i = sum_i e_i``.

**Correlated shocks** (:func:`shock_scenarios`): external assets hit by a seeded
one-factor Gaussian shock, ``e_i exp(sigma (sqrt(rho) Z + sqrt(1 - rho) eps_i) - sigma**2/2)``,
each scenario cleared; the distribution of defaults widens with ``rho``.

**The cost of opacity** (:func:`opacity_gap`): an institution that sees its
counterparties' own balance sheets but not *their* exposures judges each one by
whether it could pay from its external assets and its claims taken at face value
(the first round only). The gap between the loss it expects that way and the loss
clearing actually delivers is what not seeing the network costs it.

Sources
-------
- L. Eisenberg and T. H. Noe (2001), "Systemic Risk in Financial Systems",
  *Management Science* 47(2), 236-249 (clearing vectors, the fictitious default
  algorithm, default waves).
- L. C. G. Rogers and L. A. M. Veraart (2013), "Failure and Rescue in an Interbank
  Network", *Management Science* 59(4), 882-898 (default costs; the greatest clearing
  vector algorithm; Example 3.3 and the circular network of §5.1 are the tests).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coordlab import _validate as v

__all__ = ["Network", "Clearing", "clear", "random_network", "ShockScenarios", "shock_scenarios", "opacity_gap",
           "cefi_network", "CEFI_FUND", "CEFI_EXCHANGE", "usdc_dai_network"]


@dataclass(frozen=True, eq=False)
class Network:
    """Liabilities ``L`` (``L[i, j]``: ``i`` owes ``j``) and external assets ``e``; optional node names.

    >>> net = Network([[0, 2], [2.2, 0]], [1, 1])
    >>> net.pbar.tolist(), net.n
    ([2.0, 2.2], 2)
    """

    L: np.ndarray
    e: np.ndarray
    names: tuple = ()

    def __post_init__(self):
        L = v.real_matrix("L", self.L)
        n = L.shape[0]
        if L.shape != (n, n) or n > 10_000:
            raise ValueError(f"L must be square with at most 10000 nodes, got shape {L.shape}")
        if np.any(L < 0) or np.any(np.diag(L) != 0):
            raise ValueError("L must be non-negative with a zero diagonal (nobody owes itself)")
        e = v.real_array("e", self.e, low=0.0)
        if e.shape != (n,):
            raise ValueError(f"e must have one value per node, shape ({n},); got {e.shape}")
        if isinstance(self.names, str) or not isinstance(self.names, (tuple, list)):
            raise TypeError(f"names must be a tuple of {n} strings, got {self.names!r}")
        names = tuple(self.names) if self.names else tuple(f"node {i}" for i in range(n))
        if len(names) != n or not all(isinstance(x, str) for x in names):
            raise ValueError(f"names must be {n} strings, got {self.names!r}")
        L.setflags(write=False)
        e.setflags(write=False)
        object.__setattr__(self, "L", L)
        object.__setattr__(self, "e", e)
        object.__setattr__(self, "names", names)

    @property
    def n(self) -> int:
        return int(self.e.size)

    @property
    def pbar(self) -> np.ndarray:
        """Total liabilities of each node."""
        return self.L.sum(axis=1)

    @property
    def Pi(self) -> np.ndarray:
        """Relative liabilities ``L / pbar`` (rows of nodes that owe nothing are zero)."""
        pbar = self.pbar
        return np.divide(self.L, pbar[:, None], out=np.zeros_like(self.L), where=pbar[:, None] > 0)

    def with_external(self, e) -> "Network":
        """The same liabilities with new external assets."""
        return Network(self.L, e, self.names)


@dataclass(frozen=True)
class Clearing:
    """Result of :func:`clear`.

    Attributes
    ----------
    p : ndarray
        The greatest clearing vector (payments of each node).
    wave : ndarray of int
        0 for a node that pays in full, else the round in which it first defaults (1, 2, ...).
    equity : ndarray
        ``e + Pi^T p - p`` for solvent nodes; 0 for defaulters (what owners keep).
    rounds : int
        Rounds of the algorithm (default sets computed).
    """

    p: np.ndarray
    wave: np.ndarray
    equity: np.ndarray
    rounds: int

    @property
    def defaulted(self) -> np.ndarray:
        return self.wave > 0

    @property
    def waves(self) -> int:
        """The number of default waves (0 if nobody defaults)."""
        return int(self.wave.max()) if self.wave.size else 0


def clear(network: Network, alpha: float = 1.0, beta: float = 1.0) -> Clearing:
    """Greatest clearing vector of ``network`` with default costs ``alpha``, ``beta`` (1, 1 = Eisenberg–Noe).

    >>> net = Network([[0, 2], [2.2, 0]], [1, 1])           # Rogers–Veraart, Example 3.3
    >>> clear(net, 0.5, 0.5).p.tolist()
    [2.0, 2.2]
    >>> chain = Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [1, 0.5, 0])
    >>> r = clear(chain)
    >>> r.p.tolist(), r.wave.tolist()                       # 0 fails on its own, 1 because 0 did
    ([1.0, 1.5, 0.0], [1, 2, 0])
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network, got {type(network).__name__}")
    alpha = v.real("alpha", alpha, low=0.0, high=1.0)
    beta = v.real("beta", beta, low=0.0, high=1.0)
    e, pbar, PiT = network.e, network.pbar, network.Pi.T
    n = network.n
    p = pbar.copy()
    wave = np.zeros(n, dtype=np.int64)
    default = np.zeros(n, dtype=bool)
    rounds = 0
    scale = max(float(pbar.max(initial=0.0)), 1.0)
    while True:
        assets = e + PiT @ p
        # a node defaults when its assets fall short of its liabilities (relative tolerance for round-off)
        new = (assets < pbar - 1e-12 * scale) & ~default
        if not new.any():
            break
        rounds += 1
        default |= new
        wave[new] = rounds
        d = np.flatnonzero(default)
        s = np.flatnonzero(~default)
        # defaulters pay alpha e + beta (Pi^T p); solvent nodes pay pbar
        A = np.eye(d.size) - beta * PiT[np.ix_(d, d)]
        b = alpha * e[d] + beta * (PiT[np.ix_(d, s)] @ pbar[s])
        p = pbar.copy()
        p[d] = np.clip(np.linalg.solve(A, b), 0.0, pbar[d])
    assets = e + PiT @ p
    equity = np.where(default, 0.0, np.maximum(assets - p, 0.0))
    return Clearing(p, wave, equity, rounds)


def random_network(n: int, p_link: float = 0.1, scale: float = 1.0, buffer: float = 0.1, seed: int = 0,
                   names: tuple = ()) -> Network:
    """A seeded random network: each ``i`` owes each ``j`` with probability ``p_link`` an amount U(0, scale).

    External assets give every node equity ``buffer`` x its liabilities before any
    shock (so the unshocked network clears in full). Synthetic, for experiments
    and benchmarks.

    >>> net = random_network(50, 0.2, seed=1)
    >>> net.n, bool(clear(net).defaulted.any())
    (50, False)
    """
    n = v.integer("n", n, low=2, high=10_000)
    p_link = v.probability("p_link", p_link)
    scale = v.real("scale", scale, low=0.0, low_open=True, high=1e12)
    buffer = v.real("buffer", buffer, low=0.0, high=10.0)
    seed = v.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    L = np.where(rng.random((n, n)) < p_link, rng.random((n, n)) * scale, 0.0)
    np.fill_diagonal(L, 0.0)
    pbar, inflow = L.sum(axis=1), L.sum(axis=0)
    e = np.maximum((1.0 + buffer) * pbar - inflow, 0.0) + buffer * scale
    return Network(L, e, names)


@dataclass(frozen=True)
class ShockScenarios:
    """Result of :func:`shock_scenarios`.

    Attributes
    ----------
    defaults : ndarray of int, shape (scenarios,)
        Number of defaulting nodes in each scenario.
    default_probability : ndarray, shape (n,)
        Share of scenarios in which each node defaults.
    contagious : ndarray of int, shape (scenarios,)
        Defaults in waves 2 and later (caused by others) in each scenario.
    """

    defaults: np.ndarray
    default_probability: np.ndarray
    contagious: np.ndarray


def shock_scenarios(network: Network, sigma: float, rho: float, scenarios: int = 1000, seed: int = 0,
                    alpha: float = 1.0, beta: float = 1.0) -> ShockScenarios:
    """Clear the network under seeded one-factor Gaussian shocks to external assets.

    ``e_i`` becomes ``e_i exp(sigma (sqrt(rho) Z + sqrt(1 - rho) eps_i) - sigma**2 / 2)``
    (mean preserved): ``rho`` is the correlation of the shocks, ``sigma`` their size.

    >>> net = random_network(20, 0.3, buffer=0.05, seed=2)
    >>> lo = shock_scenarios(net, 0.3, 0.0, scenarios=300, seed=1).defaults
    >>> hi = shock_scenarios(net, 0.3, 0.9, scenarios=300, seed=1).defaults
    >>> bool(hi.max() > lo.max())                  # correlated shocks fail many at once
    True
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network, got {type(network).__name__}")
    sigma = v.real("sigma", sigma, low=0.0, high=5.0)
    rho = v.probability("rho", rho)
    scenarios = v.integer("scenarios", scenarios, low=1, high=1_000_000)
    seed = v.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((scenarios, 1))
    eps = rng.standard_normal((scenarios, network.n))
    factor = np.exp(sigma * (np.sqrt(rho) * z + np.sqrt(1.0 - rho) * eps) - 0.5 * sigma**2)
    defaults = np.zeros(scenarios, dtype=np.int64)
    contagious = np.zeros(scenarios, dtype=np.int64)
    count = np.zeros(network.n)
    for k in range(scenarios):
        r = clear(network.with_external(network.e * factor[k]), alpha, beta)
        defaults[k] = int(r.defaulted.sum())
        contagious[k] = int((r.wave >= 2).sum())
        count += r.defaulted
    return ShockScenarios(defaults, count / scenarios, contagious)


def opacity_gap(network: Network, node: int, e_shocked, alpha: float = 1.0, beta: float = 1.0) -> dict:
    """What ``node`` loses on its interbank claims, as it can see it and as clearing delivers it.

    The opaque view judges each debtor ``j`` by ``e_j`` (shocked) plus ``j``'s claims at
    face value: if that falls short of ``pbar_j``, ``j`` pays pro rata from it;
    otherwise in full. The true view clears the whole network.

    Returns a dict with ``seen_loss``, ``true_loss`` and ``gap`` (= true - seen, >= 0
    without default costs), in the units of ``L``.

    >>> chain = Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [2, 0.5, 0])
    >>> opacity_gap(chain, 2, [1.0, 0.5, 0.0])       # node 2 sees node 1's claim on 0 at face value
    {'seen_loss': 0.0, 'true_loss': 0.5, 'gap': 0.5}
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network, got {type(network).__name__}")
    node = v.integer("node", node, low=0, high=network.n - 1)
    alpha = v.real("alpha", alpha, low=0.0, high=1.0)
    beta = v.real("beta", beta, low=0.0, high=1.0)
    e = v.real_array("e_shocked", e_shocked, low=0.0)
    if e.shape != (network.n,):
        raise ValueError(f"e_shocked must have one value per node, shape ({network.n},); got {e.shape}")
    claims = network.L[:, node]
    pbar = network.pbar
    face = e + network.L.sum(axis=0)                  # each debtor's assets with its claims at face value
    seen_paid = np.where(face >= pbar, pbar, alpha * e + beta * network.L.sum(axis=0))
    seen_ratio = np.divide(np.minimum(seen_paid, pbar), pbar, out=np.ones_like(pbar), where=pbar > 0)
    true = clear(network.with_external(e), alpha, beta)
    true_ratio = np.divide(true.p, pbar, out=np.ones_like(pbar), where=pbar > 0)
    seen_loss = float((claims * (1.0 - seen_ratio)).sum())
    true_loss = float((claims * (1.0 - true_ratio)).sum())
    return {"seen_loss": round(seen_loss, 12), "true_loss": round(true_loss, 12), "gap": round(true_loss - seen_loss, 12)}


CEFI_NAMES = ("Hedge fund", "Prime broker", "Lender V", "Lender C", "Crypto bank", "Exchange", "Earn programme",
              "Outside creditors")
CEFI_FUND, CEFI_EXCHANGE = 0, 5


def cefi_network() -> Network:
    """A stylised crypto-lending network of 2022 (USD bn), for the contagion lab. Illustrative, not balance sheets.

    Eight archetypes: a leveraged hedge fund that borrowed from a prime broker and
    two retail lenders; an exchange whose trading affiliate borrowed from a lender
    and a crypto bank; an "earn" programme that lent its users' deposits to the prime
    broker; and outside creditors (depositors, customers) who owe nothing. The sizes
    are rounded and loosely proportioned after exposures reported in 2022 filings and
    press (see notebook 10), and every institution is solvent before a shock, with
    thin equity. It is a teaching network, not a reconstruction.

    >>> net = cefi_network()
    >>> net.n, bool(clear(net).defaulted.any())
    (8, False)
    """
    L = np.zeros((8, 8))
    L[0, 1], L[0, 2], L[0, 3], L[0, 4] = 2.4, 0.65, 0.08, 0.08     # the fund's borrowing
    L[5, 2], L[5, 4], L[5, 1], L[5, 7] = 0.38, 0.70, 0.18, 3.00     # the exchange (affiliate loans, customers)
    L[1, 6], L[1, 7] = 0.90, 1.50                                   # the broker's funding
    L[2, 7], L[3, 7], L[4, 7], L[6, 7] = 1.30, 4.00, 1.50, 0.90     # lenders owe their depositors
    e = np.array([3.60, 0.20, 0.45, 4.20, 0.90, 4.60, 0.05, 0.0])
    return Network(L, e, CEFI_NAMES)


def usdc_dai_network(svb_recovery: float, dai_supply: float = 5.0, dai_usdc: float = 3.0) -> Network:
    """March 2023 as a clearing problem (USD bn): SVB → Circle (USDC) → Maker (DAI) → holders.

    Circle held 3.3 bn of USDC's roughly 40 bn of reserves at Silicon Valley Bank;
    ``svb_recovery`` is the share of it SVB pays. Maker's DAI (``dai_supply``) was
    backed for more than half by USDC (``dai_usdc``; the rest, other collateral, is
    taken as safe). The sizes of DAI's balance sheet are rounded and illustrative.

    >>> r = clear(usdc_dai_network(0.0))
    >>> round(float(r.p[1] / 40.0), 4), round(float(r.p[2] / 5.0), 4)    # USDC and DAI backing per dollar
    (0.9175, 0.9505)
    """
    rec = v.probability("svb_recovery", svb_recovery)
    supply = v.real("dai_supply", dai_supply, low=0.0, low_open=True, high=1e4)
    usdc = v.real("dai_usdc", dai_usdc, low=0.0, high=supply)
    if usdc > 40.0:
        raise ValueError(f"dai_usdc must be at most USDC's 40 bn, got {usdc:g}")
    L = np.zeros((4, 4))
    L[0, 1] = 3.3                      # SVB owes Circle its deposits
    L[1, 2], L[1, 3] = usdc, 40.0 - usdc   # Circle owes USDC holders: Maker's reserve and everyone else
    L[2, 3] = supply                   # Maker owes DAI holders
    e = np.array([3.3 * rec, 36.7, supply - usdc, 0.0])
    return Network(L, e, ("SVB", "Circle (USDC)", "Maker (DAI)", "holders"))
