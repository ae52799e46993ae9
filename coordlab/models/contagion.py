"""Counterparty contagion: Eisenberg–Noe clearing, Rogers–Veraart default costs, correlated shocks, the cost of
opacity.

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

This module follows the API conventions of issue 17 (CONTRIBUTING.md): :func:`opacity_gap` returns
an :class:`OpacityGap`, never a dict.

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
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "Network",
    "Clearing",
    "clear",
    "random_network",
    "ShockScenarios",
    "shock_scenarios",
    "OpacityGap",
    "opacity_gap",
    "cefi_network",
    "CEFI_FUND",
    "CEFI_EXCHANGE",
    "usdc_dai_network",
    "EXTERNAL_RECOVERY",
    "INTERBANK_RECOVERY",
]


# At most 1,000 nodes (the benchmark clears a 1,000-node network in about 0.1 s): a clearing round
# solves a linear system among the defaulters, and a chain of defaults takes one round per node.
# Amounts (each liability, each external asset) are at most 1e15, so sums of a row stay far from overflow.
NODES_MAX = 1000
AMOUNT_MAX = 1e15
#: Recovery alpha on external assets in default (fraction; 1 = no default cost: Eisenberg-Noe 2001).
EXTERNAL_RECOVERY = 1.0
#: Recovery beta on interbank claims in default (fraction; 1 = no default cost: Eisenberg-Noe 2001).
INTERBANK_RECOVERY = 1.0
EXTERNAL = v.RealArray(0.0, AMOUNT_MAX, ndim=1, max_size=NODES_MAX)
RECOVERY = v.Probability()


@v.params(L=v.RealMatrix(), e=EXTERNAL, names=v.Checked("a tuple of n strings (empty: 'node 0', 'node 1', ...)"))
@dataclass(frozen=True, eq=False)
class Network:
    """Liabilities ``L`` (``L[i, j]``: ``i`` owes ``j``) and external assets ``e``; optional node names.

    Parameters
    ----------
    L : array_like, shape (n, n)
        Nominal liabilities: ``L[i, j]`` is what node ``i`` owes node ``j``. A square matrix of at most 1,000
        nodes, entries in [0, 1e15] (any money unit) and a zero diagonal.
    e : array_like, shape (n,)
        External (non-interbank) assets of each node, in the units of ``L``, each in [0, 1e15].
    names : tuple of str
        Empty (``'node 0'``, ``'node 1'``...) or one name per node, at most 100 characters each.

    >>> net = Network([[0, 2], [2.2, 0]], [1, 1])
    >>> net.pbar.tolist(), net.n
    ([2.0, 2.2], 2)
    """

    L: np.ndarray
    e: np.ndarray
    names: tuple = ()

    def __post_init__(self) -> None:
        L, e = self.L, self.e
        n = L.shape[0]
        if L.shape != (n, n) or n > NODES_MAX:
            raise ValueError(f"L must be square with at most {NODES_MAX} nodes, got shape {L.shape}")
        if np.any(L < 0) or np.any(np.diag(L) != 0):
            raise ValueError("L must be non-negative with a zero diagonal (nobody owes itself)")
        if np.any(L > AMOUNT_MAX):
            raise ValueError(f"L must have entries of at most {AMOUNT_MAX:g}, got {L.max():g}")
        if e.shape != (n,):
            raise ValueError(f"e must have one value per node, shape ({n},); got {e.shape}")
        if isinstance(self.names, str) or not isinstance(self.names, (tuple, list)):
            raise TypeError(f"names must be a tuple of {n} strings, got {type(self.names).__name__}")
        names = tuple(self.names) if self.names else tuple(f"node {i}" for i in range(n))
        if len(names) != n:
            raise ValueError(f"names must be {n} strings, one per node, got {len(names)}")
        if not all(isinstance(x, str) and len(x) <= 100 for x in names):
            bad = next(x for x in names if not (isinstance(x, str) and len(x) <= 100))
            raise ValueError(
                f"names must be strings of at most 100 characters, got {type(bad).__name__} {repr(bad)[:40]}"
            )
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

    @v.params(e=EXTERNAL)
    def with_external(self, e: ArrayLike) -> Network:
        """The same liabilities with new external assets.

        Parameters
        ----------
        e : array_like, shape (n,)
            The new external assets, one per node, in the units of ``L``, each in [0, 1e15].
        """
        e = np.asarray(e)  # already an array (@v.params): for the type checker
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


@v.params(network=v.Instance(Network), alpha=RECOVERY, beta=RECOVERY)
def clear(network: Network, alpha: float = EXTERNAL_RECOVERY, beta: float = INTERBANK_RECOVERY) -> Clearing:
    """Greatest clearing vector of ``network`` with default costs ``alpha``, ``beta`` (1, 1 = Eisenberg–Noe).

    Networks of at most 12 nodes are
    cleared in exact rational arithmetic (the same result on every machine); larger ones
    with one linear solve among the defaulters per round: a few rounds, about 0.1 s, for a
    typical 1,000-node network, but one round per node where defaults spread one at a time
    along a chain (about 0.4 s for a 300-node chain, 45 s for a 1,000-node one).

    Parameters
    ----------
    network : Network
        The liabilities and external assets to clear.
    alpha : float
        Rogers–Veraart's recovery rate on a defaulter's external assets, in [0, 1] (1: no default cost).
    beta : float
        Recovery rate on a defaulter's interbank claims, in [0, 1] (1: no default cost).

    >>> net = Network([[0, 2], [2.2, 0]], [1, 1])           # Rogers–Veraart, Example 3.3
    >>> clear(net, 0.5, 0.5).p.tolist()
    [2.0, 2.2]
    >>> chain = Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [1, 0.5, 0])
    >>> r = clear(chain)
    >>> r.p.tolist(), r.wave.tolist()                       # 0 fails on its own, 1 because 0 did
    ([1.0, 1.5, 0.0], [1, 2, 0])
    """
    if network.n <= EXACT_MAX_NODES:
        return _clear_exact(network, alpha, beta)
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


# Networks this small are cleared in exact rational arithmetic: the same answer on every machine.
EXACT_MAX_NODES = 12


def _solve_exact(A: list, b: list) -> list:
    """Solve ``A x = b`` exactly: each row scaled to integers, fraction-free (Bareiss) elimination, back
    substitution.

    The same rational solution as Gaussian elimination in fractions, about five times faster: the
    elimination runs on integers (every division is exact) and only the back substitution on fractions.
    """
    from fractions import Fraction
    from math import lcm

    n = len(b)
    M = []
    for row, rhs in zip(A, b):
        full = [Fraction(x) for x in row] + [Fraction(rhs)]
        den = lcm(*(x.denominator for x in full))
        M.append([x.numerator * (den // x.denominator) for x in full])
    prev = 1
    for k in range(n):
        if M[k][k] == 0:  # the system is non-singular (Pi substochastic): some row below has a nonzero entry
            pivot = next(r for r in range(k + 1, n) if M[r][k] != 0)
            M[k], M[pivot] = M[pivot], M[k]
        top, pk = M[k], M[k][k]
        for i in range(k + 1, n):
            row, f = M[i], M[i][k]
            M[i] = row[: k + 1] + [(row[j] * pk - f * top[j]) // prev for j in range(k + 1, n + 1)]
        prev = pk
    x = [Fraction(0)] * n
    for i in range(n - 1, -1, -1):
        row = M[i]
        x[i] = (Fraction(row[n]) - sum((row[j] * x[j] for j in range(i + 1, n)), Fraction(0))) / row[i]
    return x


def _clear_exact(network: Network, alpha: float, beta: float) -> Clearing:
    """:func:`clear` in exact fractions (inputs read as the decimals they print as), rounded once at the end.

    Floating-point clearing depends in its last bits on the LAPACK kernel and the
    order of sums, which differ between CPUs; a small network cleared exactly gives
    every machine the same vector, so printed results do not change with the CPU.
    The default test keeps :func:`clear`'s relative tolerance of ``1e-12``.

    The unknowns are the shares ``z_i = p_i / pbar_i`` each node pays: ``Pi[j, i] p_j = L[j, i] z_j``,
    so every coefficient is a decimal of the input (no quotient by ``pbar``) and the integers of the
    elimination stay short. The rationals are the same as with ``p`` as the unknowns.
    """
    from fractions import Fraction
    from math import lcm

    n = network.n

    def q(x: float) -> Fraction:
        return Fraction(repr(float(x)))

    L = [[q(x) for x in row] for row in network.L]
    e = [q(x) for x in network.e]
    a, b_ = q(alpha), q(beta)
    pbar = [sum(row, Fraction(0)) for row in L]
    owed = [[(j, L[j][i]) for j in range(n) if L[j][i]] for i in range(n)]  # who owes i, and how much
    # the same amounts as integers over one denominator, for the inflows
    l_den = lcm(*(x.denominator for row in L for x in row))
    owed_int = [[(j, amount.numerator * (l_den // amount.denominator)) for j, amount in row] for row in owed]

    def inflows(z: list) -> list:
        """``sum_j L[j, i] z_j`` for every ``i``, summed in integers over a common denominator."""
        z_den = lcm(*(x.denominator for x in z))
        zs = [x.numerator * (z_den // x.denominator) for x in z]
        return [Fraction(sum(amount * zs[j] for j, amount in row), l_den * z_den) for row in owed_int]

    slack = Fraction(1, 10**12) * max(max(pbar, default=Fraction(0)), Fraction(1))
    one = Fraction(1)
    z = [one] * n  # everybody pays in full
    wave = [0] * n
    default = [False] * n
    rounds = 0
    while True:
        assets = [e[i] + x for i, x in enumerate(inflows(z))]
        new = [not default[i] and assets[i] < pbar[i] - slack for i in range(n)]
        if not any(new):
            break
        rounds += 1
        for i in range(n):
            if new[i]:
                default[i] = True
                wave[i] = rounds
        d = [i for i in range(n) if default[i]]
        # defaulters pay alpha e + beta (what they receive): pbar_i z_i - beta sum_k L[k, i] z_k = rhs_i
        A = [[(pbar[i] if i == k else 0) - b_ * L[k][i] for k in d] for i in d]
        rhs = [a * e[i] + b_ * sum((amount for k, amount in owed[i] if not default[k]), Fraction(0)) for i in d]
        z = [one] * n
        for i, x in zip(d, _solve_exact(A, rhs)):
            z[i] = min(max(x, Fraction(0)), one)  # a defaulter has pbar_i > 0
    assets = [e[i] + x for i, x in enumerate(inflows(z))]
    p = [pbar[i] * z[i] for i in range(n)]
    equity = [Fraction(0) if default[i] else max(assets[i] - p[i], Fraction(0)) for i in range(n)]
    # a node that pays in full pays network.pbar exactly as the float path does (p == pbar holds); a
    # defaulter's payment is the exact solution, rounded once
    paid = np.array([float(x) if default[i] else float(network.pbar[i]) for i, x in enumerate(p)])
    return Clearing(paid, np.array(wave, dtype=np.int64), np.array([float(x) for x in equity]), rounds)


@v.params(
    n=v.Integer(2, NODES_MAX),
    p_link=v.Probability(),
    scale=v.Real(1e-6, 1e10),
    buffer=v.Real(0.0, 10.0),
    seed=v.Seed(),
    names=v.Checked("a tuple of n strings, or () for 'node 0', 'node 1', ..."),
)
def random_network(
    n: int, p_link: float = 0.1, scale: float = 1.0, buffer: float = 0.1, seed: int = 0, names: tuple = ()
) -> Network:
    """A seeded random network: each ``i`` owes each ``j`` with probability ``p_link`` an amount U(0, scale).

    External assets give every node equity ``buffer`` x its liabilities before any
    shock (so the unshocked network clears in full). Synthetic, for experiments
    and benchmarks.

    Parameters
    ----------
    n : int
        Number of nodes (banks), in [2, 1 000].
    p_link : float
        Probability that a node owes a given other node, in [0, 1].
    scale : float
        Largest single liability, in [1e-6, 1e10] (so external assets stay within a network's 1e15).
    buffer : float
        Equity before any shock, as a multiple of each node's liabilities, in [0, 10].
    seed : int
        Seed of ``numpy.random.default_rng``.
    names : tuple of str
        Empty (``'node 0'``, ``'node 1'``...) or one name per node.

    >>> net = random_network(50, 0.2, seed=1)
    >>> net.n, bool(clear(net).defaulted.any())
    (50, False)
    """
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


def _with_shocked_external(network: Network, e: np.ndarray) -> Network:
    """``network`` with external assets ``e`` (non-negative and finite, maybe above 1e15 after a shock of
    up to ``sigma = 5``: up to e^30 times larger), without the checks of a caller's network."""
    out = object.__new__(Network)
    e = np.array(e, dtype=float)
    e.setflags(write=False)
    for name, value in (("L", network.L), ("e", e), ("names", network.names)):
        object.__setattr__(out, name, value)
    return out


# shock_scenarios clears the network once per scenario, so it allows as many scenarios as take about a
# second: at most 1,000, with scenarios x (n**2 + 3,000) at most 4 million for a network cleared in floating
# point (a scenario takes about 1 ms at 30 nodes, up to 0.15 s at 1,000) and scenarios x (n**2 + 10) at
# most 20,000 for one of at most 12 nodes, cleared in exact arithmetic (up to about 8 ms at 12 nodes).
SCENARIOS_MAX, SCENARIO_FLOAT_WORK, SCENARIO_EXACT_WORK = 1_000, 4_000_000, 20_000


def _max_scenarios(n: int) -> int:
    """The most scenarios :func:`shock_scenarios` runs on a network of ``n`` nodes (about a second)."""
    if n <= EXACT_MAX_NODES:
        return min(SCENARIOS_MAX, SCENARIO_EXACT_WORK // (n * n + 10))
    return min(SCENARIOS_MAX, SCENARIO_FLOAT_WORK // (n * n + 3000))


@v.params(
    network=v.Instance(Network),
    sigma=v.Real(0.0, 5.0),
    rho=v.Probability(),
    scenarios=v.Integer(1, SCENARIOS_MAX),
    seed=v.Seed(),
    alpha=RECOVERY,
    beta=RECOVERY,
)
def shock_scenarios(
    network: Network,
    sigma: float,
    rho: float,
    scenarios: int = 1000,
    seed: int = 0,
    alpha: float = EXTERNAL_RECOVERY,
    beta: float = INTERBANK_RECOVERY,
) -> ShockScenarios:
    """Clear the network under seeded one-factor Gaussian shocks to external assets.

    ``e_i`` becomes ``e_i exp(sigma (sqrt(rho) Z + sqrt(1 - rho) eps_i) - sigma**2 / 2)``
    (mean preserved). Each scenario is a clearing, so ``scenarios`` is capped to about a second of work.

    Parameters
    ----------
    network : Network
        The network whose external assets are shocked.
    sigma : float
        Size of the shocks: the volatility of each node's log external assets, in [0, 5].
    rho : float
        Correlation of the shocks (the common factor's share of their variance), in [0, 1].
    scenarios : int
        Scenarios drawn, in [1, 1 000], with ``scenarios x (n**2 + 3000)`` at most 4 million (1,000 scenarios
        up to 31 nodes, 307 at 100, 3 at 1,000) and, for a network of at most 12 nodes (cleared in exact
        arithmetic), ``scenarios x (n**2 + 10)`` at most 20,000 (129 scenarios at 12 nodes, 270 at 8).
    seed : int
        Seed of ``numpy.random.default_rng``.
    alpha, beta : float
        Recovery rates on a defaulter's external assets and on its interbank claims, each in [0, 1], as in
        :func:`clear`.

    >>> net = random_network(20, 0.3, buffer=0.05, seed=2)
    >>> lo = shock_scenarios(net, 0.3, 0.0, scenarios=300, seed=1).defaults
    >>> hi = shock_scenarios(net, 0.3, 0.9, scenarios=300, seed=1).defaults
    >>> bool(hi.max() > lo.max())                  # correlated shocks fail many at once
    True
    """
    if scenarios > _max_scenarios(network.n):
        raise ValueError(
            f"scenarios must be at most {_max_scenarios(network.n):,} for a network of {network.n} nodes "
            f"(each scenario is a clearing; see shock_scenarios), got {scenarios:,}"
        )
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((scenarios, 1))
    eps = rng.standard_normal((scenarios, network.n))
    factor = np.exp(sigma * (np.sqrt(rho) * z + np.sqrt(1.0 - rho) * eps) - 0.5 * sigma**2)
    defaults = np.zeros(scenarios, dtype=np.int64)
    contagious = np.zeros(scenarios, dtype=np.int64)
    count = np.zeros(network.n)
    for k in range(scenarios):
        r = clear(_with_shocked_external(network, network.e * factor[k]), alpha, beta)
        defaults[k] = int(r.defaulted.sum())
        contagious[k] = int((r.wave >= 2).sum())
        count += r.defaulted
    return ShockScenarios(defaults, count / scenarios, contagious)


@dataclass(frozen=True)
class OpacityGap:
    """Result of :func:`opacity_gap`: one institution's loss on its interbank claims, in the units of ``L``.

    Attributes
    ----------
    seen_loss : float
        The loss it expects looking one step ahead (each debtor's own claims taken at face value).
    true_loss : float
        The loss clearing the whole network delivers (Eisenberg and Noe 2001; Rogers and Veraart 2013 with
        ``alpha``, ``beta`` below 1).
    gap : float
        ``true_loss - seen_loss``: the cost of opacity (at least 0 without default costs).
    """

    seen_loss: float
    true_loss: float
    gap: float


@v.params(
    network=v.Instance(Network), node=v.Integer(0, NODES_MAX - 1), e_shocked=EXTERNAL, alpha=RECOVERY, beta=RECOVERY
)
def opacity_gap(
    network: Network,
    node: int,
    e_shocked: ArrayLike,
    alpha: float = EXTERNAL_RECOVERY,
    beta: float = INTERBANK_RECOVERY,
) -> OpacityGap:
    """What ``node`` loses on its interbank claims, as it can see it and as clearing delivers it.

    The opaque view judges each debtor ``j`` by ``e_j`` (shocked) plus ``j``'s claims at
    face value: if that falls short of ``pbar_j``, ``j`` pays pro rata from it;
    otherwise in full. The true view clears the whole network.

    Parameters
    ----------
    network : Network
        The interbank network before the shock.
    node : int
        The node whose loss is measured, in [0, n - 1].
    e_shocked : array_like, shape (n,)
        External assets after the shock, one per node, each in [0, 1e15].
    alpha, beta : float
        Recovery rates on a defaulter's external assets and on its interbank claims, each in [0, 1], as in
        :func:`clear`.

    Returns an :class:`OpacityGap`: ``seen_loss``, ``true_loss`` and ``gap`` (= true - seen, >= 0
    without default costs), in the units of ``L``.

    >>> chain = Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [2, 0.5, 0])
    >>> opacity_gap(chain, 2, [1.0, 0.5, 0.0])       # node 2 sees node 1's claim on 0 at face value
    OpacityGap(seen_loss=0.0, true_loss=0.5, gap=0.5)
    """
    e_shocked = np.asarray(e_shocked)  # already an array (@v.params): for the type checker
    if node >= network.n:
        raise ValueError(f"node must be a node of the network, in [0, {network.n - 1}], got {node}")
    e = e_shocked
    if e.shape != (network.n,):
        raise ValueError(f"e_shocked must have one value per node, shape ({network.n},); got {e.shape}")
    claims = network.L[:, node]
    pbar = network.pbar
    face = e + network.L.sum(axis=0)  # each debtor's assets with its claims at face value
    seen_paid = np.where(face >= pbar, pbar, alpha * e + beta * network.L.sum(axis=0))
    seen_ratio = np.divide(np.minimum(seen_paid, pbar), pbar, out=np.ones_like(pbar), where=pbar > 0)
    true = clear(network.with_external(e), alpha, beta)
    true_ratio = np.divide(true.p, pbar, out=np.ones_like(pbar), where=pbar > 0)
    seen_loss = float((claims * (1.0 - seen_ratio)).sum())
    true_loss = float((claims * (1.0 - true_ratio)).sum())
    return OpacityGap(
        seen_loss=round(seen_loss, 12), true_loss=round(true_loss, 12), gap=round(true_loss - seen_loss, 12)
    )


CEFI_NAMES = (
    "Hedge fund",
    "Prime broker",
    "Lender V",
    "Lender C",
    "Crypto bank",
    "Exchange",
    "Earn programme",
    "Outside creditors",
)
CEFI_FUND, CEFI_EXCHANGE = 0, 5


@v.params()
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
    L[0, 1], L[0, 2], L[0, 3], L[0, 4] = 2.4, 0.65, 0.08, 0.08  # the fund's borrowing
    L[5, 2], L[5, 4], L[5, 1], L[5, 7] = 0.38, 0.70, 0.18, 3.00  # the exchange (affiliate loans, customers)
    L[1, 6], L[1, 7] = 0.90, 1.50  # the broker's funding
    L[2, 7], L[3, 7], L[4, 7], L[6, 7] = 1.30, 4.00, 1.50, 0.90  # lenders owe their depositors
    e = np.array([3.60, 0.20, 0.45, 4.20, 0.90, 4.60, 0.05, 0.0])
    return Network(L, e, CEFI_NAMES)


@v.params(svb_recovery=v.Probability(), dai_supply=v.Real(1e-6, 1e4), dai_usdc=v.Real(0.0, 40.0))
def usdc_dai_network(svb_recovery: float, dai_supply: float = 5.0, dai_usdc: float = 3.0) -> Network:
    """March 2023 as a clearing problem (USD bn): SVB → Circle (USDC) → Maker (DAI) → holders.

    Circle held 3.3 bn of USDC's roughly 40 bn of reserves at Silicon Valley Bank;
    ``svb_recovery`` is the share of it SVB pays. Maker's DAI (``dai_supply``) was
    backed for more than half by USDC (``dai_usdc``; the rest, other collateral, is
    taken as safe). The sizes of DAI's balance sheet are rounded and illustrative.
    ``svb_recovery`` is in [0, 1], ``dai_supply`` in [1e-6, 1e4] (bn) and ``dai_usdc`` in
    [0, 40], at most ``dai_supply``.

    >>> r = clear(usdc_dai_network(0.0))
    >>> round(float(r.p[1] / 40.0), 4), round(float(r.p[2] / 5.0), 4)    # USDC and DAI backing per dollar
    (0.9175, 0.9505)
    """
    rec, supply, usdc = svb_recovery, dai_supply, dai_usdc
    if usdc > supply:
        raise ValueError(f"dai_usdc must be at most dai_supply, got dai_usdc={usdc:g} > dai_supply={supply:g}")
    L = np.zeros((4, 4))
    L[0, 1] = 3.3  # SVB owes Circle its deposits
    L[1, 2], L[1, 3] = usdc, 40.0 - usdc  # Circle owes USDC holders: Maker's reserve and everyone else
    L[2, 3] = supply  # Maker owes DAI holders
    e = np.array([3.3 * rec, 36.7, supply - usdc, 0.0])
    return Network(L, e, ("SVB", "Circle (USDC)", "Maker (DAI)", "holders"))
