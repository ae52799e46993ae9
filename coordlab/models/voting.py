"""Voting power in token governance: power indices, vote escrow, and what a borrowed majority costs.

**Token share is not power.** In a weighted voting game ``[q; w_1, ..., w_n]`` a
coalition wins when its weight reaches the quota ``q``. A voter's power is how
often their vote decides the outcome:

- the **Banzhaf index** counts *swings*: coalitions that win with the voter and
  lose without them (Banzhaf 1965). Normalised, each voter's share of all swings;
  raw (absolute), the probability of being decisive when every other voter votes
  yes or no with probability 1/2 (Penrose 1946);
- the **Shapley–Shubik index** is the share of the ``n!`` orderings of the voters
  in which the voter is *pivotal*: the one whose vote first brings the running
  total to the quota (Shapley & Shubik 1954).

Three engines compute them. **Enumeration** of the ``2^n`` coalitions (up to 20
voters). **Generating functions** (Brams & Affuso 1976; Bilbao, Fernández, Losada
& López 2000) for integer weights at DAO scale: the polynomial
``prod_j (1 + x^w_j)`` counts the coalitions of each total weight, and dividing out
one voter's factor counts the coalitions of the *others*; a voter's swings are
the others' coalitions whose weight lies in ``[q - w_i, q - 1]``. For
Shapley–Shubik a second variable counts coalition sizes,
``prod_j (1 + y x^w_j)``, which this module evaluates at the nodes of an exact
Gauss–Legendre quadrature of Owen's (1972) integral. The cost is ``O(n q)`` for
Banzhaf and ``O(n^2 q)`` for Shapley–Shubik (``q`` the quota in weight units) instead of ``2^n``:
300 voters with weights in units of 0.01% take hundredths of a second (Banzhaf)
and about 0.2 s of CPU (Shapley–Shubik: one table of ``n/4`` quadrature nodes,
built a few nodes at a time in cache, and each voter's factor divided out of a
running sum in closed form); ``benchmarks/engines.py`` times it beside
enumeration. The counts are floating point, exact up to rounding (they agree
with enumeration to 1e-12 in the tests). **Seeded Monte Carlo sampling**, with a
standard error for each voter, where weights are not integers or the quota is
too large for the polynomial.

**Vote escrow** (Curve's ``VotingEscrow.vy``): locking ``amount`` tokens until
``end`` gives voting power ``slope * (end - now)`` with ``slope = amount //
MAXTIME``, in integer arithmetic, ``MAXTIME = 4 * 365 * 86400`` s, and ``end``
rounded down to a whole week (``WEEK = 7 * 86400``). Power decays linearly to 0
at unlock: a 4-year lock counts fully, a 1-year lock a quarter.

**Flash-loan governance attacks.** Voting power that can be borrowed for one
transaction can be rented: an attack pays when the treasury it can drain exceeds
the cost of the borrowed votes. What decides is when the votes are counted.
Counting them at a *snapshot* (a past block), or fixing the tally when voting
ends and executing a *timelock* later, stops a flash loan (which must be repaid
in the same transaction) from carrying votes at all; a minimum age of the
proposal before a count taken at execution does not (Beanstalk, 2022).

Sources
-------
- J. F. Banzhaf (1965), "Weighted voting doesn't work: a mathematical analysis",
  *Rutgers Law Review* 19, 317–343; L. S. Penrose (1946), "The elementary
  statistics of majority voting", *J. Royal Statistical Society* 109.
- L. S. Shapley and M. Shubik (1954), "A method for evaluating the distribution of
  power in a committee system", *American Political Science Review* 48(3), 787–792.
- G. Owen (1972), "Multilinear extensions of games", *Management Science* 18(5), P64–P79
  (the Shapley value as an integral of the multilinear extension).
- S. J. Brams and P. J. Affuso (1976), "Power and size: a new paradox", *Theory and
  Decision* 7, 29–56 (generating functions for the Banzhaf index); J. M. Bilbao,
  J. R. Fernández, A. Jiménez Losada and J. J. López (2000), "Generating functions for
  computing power indices efficiently", *TOP* 8(2), 191–213 (both indices, and the
  U.S. Electoral College as a worked example).
- The EEC Council of Ministers of 1958 ``[12; 4, 4, 4, 2, 2, 1]`` and the UN
  Security Council ``[39; 7 x 5, 1 x 10]`` as worked examples: e.g. P. D. Straffin
  (1993), *Game Theory and Strategy*, ch. 9–10; S. J. Brams (1975), *Game Theory
  and Politics*.
- Curve Finance, ``curve-dao-contracts/contracts/VotingEscrow.vy``: ``WEEK``,
  ``MAXTIME``, ``create_lock`` and ``_checkpoint`` (``u_new.slope =
  new_locked.amount / MAXTIME``; ``u_new.bias = u_new.slope * (end - now)``).
- Beanstalk Farms, "Beanstalk Governance Exploit" post-mortem (April 2022), and
  BeanstalkFarms/Beanstalk ``protocol/contracts/farm/facets/GovernanceFacet/GovernanceFacet.sol``
  at commit ee4720c (1 April 2022) with ``protocol/contracts/C.sol``: ``emergencyCommit``
  executed a BIP at least ``GOVERNANCE_EMERGENCY_PERIOD = 86400`` s old, still active, once
  its votes reached two thirds of all Roots counted at that moment (``bipVotePercent``; no
  snapshot); ``propose`` casts the proposer's vote, and a Silo deposit adds its Roots to
  every open BIP its owner voted for (``incrementBipRoots``); the ordinary ``commit`` used
  the tally frozen when voting ended (``endedBipVotePercent``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "PowerIndex",
    "banzhaf",
    "GENERATING_MAX_WORK",
    "shapley_shubik",
    "WEEK",
    "MAXTIME",
    "ve_lock_end",
    "ve_voting_power",
    "FlashLoanAttack",
    "flash_loan_attack",
]

EXACT_MAX_VOTERS = 20
WEEK = 7 * 86400
MAXTIME = 4 * 365 * 86400

# Constraints shared by the functions below. Weights are token amounts (at most 1e15 each, as
# circulating_votes); a sampler draws samples x voters random numbers, and MAX_DRAWS of them take
# about a second, as does exact enumeration of 2^20 coalitions.
MAX_VOTERS = 100_000
MAX_DRAWS = 10_000_000
WEIGHTS = v.RealArray(0.0, 1e15, ndim=1, max_size=MAX_VOTERS)
QUOTA = v.Real(0.0, low_open=True)  # at most the total weight: checked in the body
METHOD = v.Choice("auto", "exact", "generating", "sample")
#: Cells of work the generating-function engine may do (under a second): 20 x voters x quota for Banzhaf,
#: voters x (voters / 4) x max(quota, total - quota + 1) for Shapley–Shubik (one table per pair of mirrored
#: quadrature nodes), in integer weight units, plus 3,000 a voter.
GENERATING_MAX_WORK = 400_000_000
_SS_CACHE_CELLS = 40_000  # cells of the Shapley–Shubik table updated at a time (320 kB: a typical L2 cache)
SAMPLES = v.Integer(100, MAX_DRAWS)
UINT256 = v.Integer(0, 2**256 - 1)  # block timestamps in VotingEscrow.vy
INT128 = v.Integer(0, 2**127 - 1)  # LockedBalance.amount in VotingEscrow.vy


@dataclass(frozen=True)
class PowerIndex:
    """A power index of every voter.

    Attributes
    ----------
    values : numpy.ndarray
        The index of each voter, in the order of the weights.
    standard_error : numpy.ndarray
        Monte Carlo standard error of each value (zeros when exact).
    method : str
        ``"exact"`` (enumeration), ``"generating"`` (generating functions, integer
        weights) or ``"sample"`` (Monte Carlo).
    samples : int
        Coalitions or orderings sampled (0 when exact).
    """

    values: np.ndarray
    standard_error: np.ndarray
    method: str
    samples: int


def _game(w: np.ndarray, q: float) -> tuple[np.ndarray, float]:
    """Check the quota against the declared weights."""
    total = float(w.sum())
    if total <= 0:
        raise ValueError("weights must not all be zero")
    if q > total:
        raise ValueError(f"quota must be at most the total weight sum(weights) = {total:g}, got {q:g}")
    return w, q


def _integer_game(w: np.ndarray, q: float) -> tuple[np.ndarray, int] | None:
    """The game in integer weights, ``(weights, quota)``, or None if a weight is not a whole number.

    With integer weights a coalition reaches a real quota ``q`` exactly when its weight reaches ``ceil(q)``.
    """
    if not np.all(w == np.floor(w)):
        return None
    return w.astype(np.int64), int(math.ceil(q))


def _generating_work(n: int, quota: int, index: str, total: int = 0) -> int:
    """Cells of work of the generating functions, counting each voter's Python step as 3,000 cells."""
    if index == "banzhaf":
        return 20 * n * quota + 3_000 * n
    return n * ((n + 1) // 4 + 1) * max(quota, total - quota + 1) + 3_000 * n  # one table per mirrored node pair


def _method(
    method: str,
    n: int,
    samples: int,
    w: np.ndarray | None = None,
    q: float | None = None,
    index: str = "banzhaf",
) -> tuple[str, tuple[np.ndarray, int] | None]:
    game = None
    if method in ("auto", "generating") and w is not None and q is not None:
        game = _integer_game(w, q)
    feasible = game is not None and _generating_work(n, game[1], index, int(game[0].sum())) <= GENERATING_MAX_WORK
    if method == "auto":
        method = "exact" if n <= EXACT_MAX_VOTERS else ("generating" if feasible else "sample")
    if method == "generating" and not feasible:
        if game is None:
            such = "" if w is None else f" such as {float(w[w != np.floor(w)][0]):g}"
            raise ValueError(
                "method 'generating' needs whole-number weights (tokens in a common unit), got "
                f"non-integer weights{such}; round them or use method='sample'"
            )
        work = _generating_work(n, game[1], index, int(game[0].sum()))
        raise ValueError(
            f"method 'generating' would do {work:,} cells of work for "
            f"{n} voters and a quota of {game[1]:,} weight units; at most {GENERATING_MAX_WORK:,} "
            "(about a second): use coarser weight units or method='sample'"
        )
    if method == "exact" and n > EXACT_MAX_VOTERS:
        raise ValueError(
            f"method 'exact' enumerates 2^n coalitions: at most {EXACT_MAX_VOTERS} voters, got {n}; "
            "use method='generating' (integer weights) or method='sample'"
        )
    if method == "sample" and samples * n > MAX_DRAWS:
        raise ValueError(
            f"samples times the number of weights must be at most {MAX_DRAWS:.0e} (about a second), "
            f"got samples={samples} and {n} voters"
        )
    return (method, game)


def _divide_out(p: np.ndarray, w: int) -> np.ndarray:
    """``r`` with ``p = r * (1 + x^w) / 2`` (power series truncated to ``len(p)``): r[s] = 2 p[s] - r[s - w].

    Solved for all ``s`` at once: ``r[s] = 2 * sum_k (-1)^k p[s - k w]``, an alternating cumulative sum
    down the columns of ``p`` folded into rows of length ``w``.
    """
    size = p.size
    rows = -(-size // w)
    folded = np.zeros(rows * w)
    folded[:size] = 2.0 * p
    table = folded.reshape(rows, w)
    sign = np.where(np.arange(rows) % 2 == 0, 1.0, -1.0)[:, None]
    return (sign * np.cumsum(sign * table, axis=0)).ravel()[:size]


def _banzhaf_generating(w: np.ndarray, q: int) -> tuple[np.ndarray, float]:
    """Raw Banzhaf index (probability of a swing) of each voter, by generating functions.

    Returns ``(relative, scale)``: the raw index is ``relative * scale``, with ``scale = 2^-m`` for the ``m``
    voters who reach the quota alone (their factor only halves every probability below the quota; it is
    kept apart so that thousands of them do not underflow the normalised index).
    """
    small = w[(w > 0) & (w < q)]
    big = int(np.count_nonzero(w >= q))
    p = np.zeros(q)  # p[s] = P(a random coalition of the small voters weighs s), for s < q
    p[0] = 1.0
    for wj in small:
        p[wj:] = 0.5 * (p[wj:] + p[: q - wj])
        p[:wj] *= 0.5
    cum = np.concatenate([[0.0], np.cumsum(p)])
    relative = np.zeros(w.size)
    values, inverse = np.unique(np.minimum(w, q), return_inverse=True)
    for k, wi in enumerate(values):
        if wi == 0:
            continue
        if wi < q:
            # the others' distribution: divide voter i's factor out
            c = np.concatenate([[0.0], np.cumsum(_divide_out(p, int(wi)))])
            got = c[q] - c[q - int(wi)]  # others weigh s in [q - w_i, q - 1]
        else:
            got = 2.0 * cum[q]  # any losing coalition of the others; i's own factor out
        relative[inverse.ravel() == k] = got
    return np.clip(relative, 0.0, None), 0.5**big


def _shapley_generating(w: np.ndarray, q: int) -> np.ndarray:
    """Shapley–Shubik index of each voter, by generating functions and Owen's multilinear extension.

    ``phi_i = integral over p in [0, 1] of P(q - w_i <= T_-i < q)``, where ``T_-i`` is the weight of the
    others when each joins with probability ``p`` (Owen 1972). For each ``p`` the distribution of ``T_-i``
    is the generating function ``prod_j (1 - p + p x^w_j)`` with voter i's factor divided out; the
    integrand is a polynomial of degree ``n - 1`` in ``p``, so Gauss–Legendre quadrature with
    ``ceil(n / 2)`` nodes integrates it exactly. Dividing by ``1 - p + p x^w`` is stable for
    ``p <= 1/2``; above it the same is done for the weight of the voters who stay *out* (probability
    ``1 - p``). The nodes are symmetric about 1/2, so the node ``1 - p`` needs the same polynomial
    ``prod_j (1 + r x^w_j)``, ``r = p / (1 - p)``, as the node ``p``: it is built once for both.

    The work is ``voters x nodes x max(q, total - q + 1)`` multiply-adds, done a few nodes at a time
    so that the block being updated stays in the CPU's cache.
    """
    n, total = w.size, int(w.sum())
    nodes, weights = np.polynomial.legendre.leggauss(max(1, -(-n // 2)))
    nodes, weights = (nodes + 1.0) / 2.0, weights / 2.0
    live = w[w > 0]
    values = np.zeros(n)
    distinct = np.unique(live)
    clipped = np.minimum(w, max(q, total - q + 1))
    low = nodes <= 0.5
    join = nodes[low]  # p <= 1/2, ascending
    om_low = weights[low]
    # the mirror 1 - p of each low node, if it is a node (the middle node p = 1/2 of an odd rule has none)
    om_high = np.zeros(join.size)
    high_nodes, high_weights = 1.0 - nodes[~low], weights[~low]
    for p_mirror, om in zip(high_nodes, high_weights):
        om_high[np.argmin(np.abs(join - p_mirror))] = om
    size_low, size_high = q, total - q + 1
    size = max(size_low, size_high)
    ratio_all = join / (1.0 - join)  # r <= 1
    scale_all = np.exp((live.size - 1) * np.log1p(-join))  # (1 - p)^(others), the same for p's mirror
    chunk = max(1, _SS_CACHE_CELLS // size)
    for first in range(0, join.size, chunk):
        ratio = ratio_all[first : first + chunk, None]
        # g[node, s] = coefficient of x^s in prod_j (1 + r x^w_j): present weight s (node p), or absent weight s
        # (node 1 - p); the distribution is g (1 - p)^(voters)
        g = np.zeros((ratio.shape[0], size))
        g[:, 0] = 1.0
        tmp = np.empty_like(g)
        reach = 1  # g[:, reach:] is still zero (the weight added so far, plus one)
        for count, wj in enumerate(live):
            reach = min(size, reach + int(wj))
            if wj < size:
                np.multiply(g[:, : reach - wj], ratio, out=tmp[:, : reach - wj])
                g[:, wj:reach] += tmp[:, : reach - wj]
            if count % 16 == 15:
                # flush what could turn subnormal within 16 more voters (r > 5e-6 at the smallest node up to
                # 1,000 voters; beyond, subnormals only slow it down): slow arithmetic, far below rounding
                block = g[:, :reach]
                np.putmask(block, block < 1e-200, 0.0)
        # Divide out voter i's factor (1 + r x^v) and sum a window [lo, hi) in one step: 1 / (1 + r x^v) is
        # sum_k (-r)^k x^(k v), so the window of the quotient is sum_k (-r)^k (G[hi - k v] - G[lo - k v]),
        # with G the running sum of g (G[j] = g[0] + ... + g[j - 1], 0 below 0); r <= 1 bounds the powers.
        cum = np.zeros((ratio.shape[0], size + 1))
        np.cumsum(g, axis=1, out=cum[:, 1:])
        powers = (-ratio) ** np.arange(size + 1)[None, :]  # (-r)^k, once for every v below
        scale = scale_all[first : first + chunk]
        sides = (
            (om_low[first : first + chunk] * scale, size_low, lambda v: (max(q - v, 0), q)),
            (om_high[first : first + chunk] * scale, size_high, lambda v: (max(total - v - q + 1, 0), total - q + 1)),
        )
        for factor, side_size, window_of in sides:
            if not factor.any():
                continue
            for step in np.unique(np.minimum(distinct, side_size)):
                step = int(step)
                lo, hi = window_of(step)
                top = cum[:, hi:0:-step]  # G[hi - k v] for the k with hi - k v > 0 (strided views)
                bottom = cum[:, lo::-step]  # G[lo - k v] for lo - k v >= 0; G is 0 below
                window = np.einsum("jk,jk->j", powers[:, : top.shape[1]], top) - np.einsum(
                    "jk,jk->j", powers[:, : bottom.shape[1]], bottom
                )
                values[np.minimum(clipped, side_size) == step] += float(factor @ window)
    return np.clip(values, 0.0, 1.0)


def _batches(samples: int, n: int) -> Iterator[int]:
    """Sizes of the batches a sampler draws, so that no batch holds more than ~2 million numbers."""
    batch = max(1, min(samples, 2_000_000 // max(n, 1)))
    done = 0
    while done < samples:
        m = min(batch, samples - done)
        yield m
        done += m


def _coalitions(n: int) -> tuple[np.ndarray, np.ndarray]:
    """All 2^n coalitions as a boolean matrix (rows), and their sizes."""
    codes = np.arange(2**n, dtype=np.int64)[:, None]
    members = (codes >> np.arange(n)) & 1
    return members.astype(bool), members.sum(axis=1)


@v.params(quota=QUOTA, weights=WEIGHTS, normalized=v.Boolean(), method=METHOD, samples=SAMPLES, seed=v.Seed())
def banzhaf(
    quota: float,
    weights: ArrayLike,
    *,
    normalized: bool = True,
    method: str = "auto",
    samples: int = 20_000,
    seed: int = 0,
) -> PowerIndex:
    """Banzhaf power index of each voter of the weighted voting game ``[quota; weights]``.

    The arguments follow the literature's notation ``[q; w_1, ..., w_n]``: the quota first, then the weights.

    Parameters
    ----------
    quota : float
        Weight a coalition needs to win, in (0, sum of weights].
    weights : array_like
        Voting weights (tokens), each in [0, 1e15], 1 to 100000 voters.
    normalized : bool
        ``True``: each voter's share of all swings (sums to 1). ``False``: the
        probability of being decisive, swings / 2^(n-1) (Penrose–Banzhaf).
    method : {"auto", "exact", "generating", "sample"}
        ``"exact"`` enumerates coalitions (at most 20 voters); ``"generating"`` counts
        them by generating functions (whole-number weights, 20 x voters x quota at most
        ``GENERATING_MAX_WORK``); ``"sample"`` draws ``samples`` random coalitions;
        ``"auto"`` picks the first of the three that can run.
    samples : int
        Coalitions to sample, in [100, 1e7], with ``samples * len(weights) <= 1e7``
        (about a second; 20,000 samples of 500 voters).
    seed : int
        Seed of the sampler.

    Returns
    -------
    PowerIndex
        With the standard error of each sampled value (delta method for the
        normalised index).

    Examples
    --------
    >>> b = banzhaf(12, [4, 4, 4, 2, 2, 1])       # EEC Council of Ministers, 1958: [12; 4, 4, 4, 2, 2, 1]
    >>> [round(float(x), 4) for x in b.values]
    [0.2381, 0.2381, 0.2381, 0.1429, 0.1429, 0.0]
    >>> [round(float(x), 4) for x in banzhaf(51, [49, 49, 2]).values]   # 2% of the tokens, a third of the power
    [0.3333, 0.3333, 0.3333]
    >>> big = banzhaf(151, [1] * 301, normalized=False)       # 301 equal voters: Penrose's C(300, 150) / 2^300
    >>> big.method, round(float(big.values[0]), 5)
    ('generating', 0.04603)
    """
    weights = np.asarray(weights)  # already an array (@v.params): for the type checker
    w, q = _game(weights, quota)
    n = w.size
    method, game = _method(method, n, samples, w, q, "banzhaf")
    if method == "generating" and game is not None:  # generating is chosen only with a game
        relative, scale = _banzhaf_generating(*game)
        if normalized:
            if relative.sum() == 0:
                raise ValueError("no voter is ever decisive in this game (check the quota)")
            return PowerIndex(values=relative / relative.sum(), standard_error=np.zeros(n), method=method, samples=0)
        raw = np.clip(relative * scale, 0.0, 1.0)
        se = np.zeros(n)
    elif method == "exact":
        members, _ = _coalitions(n)
        total = members.astype(float) @ w
        wins = total >= q
        # a swing for i: coalition containing i wins, and loses without i
        swings = (members & wins[:, None] & ((total[:, None] - w[None, :]) < q)).sum(axis=0).astype(float)
        raw = swings / 2 ** (n - 1)
        se = np.zeros(n)
    else:
        rng = np.random.default_rng(seed)
        raw_hits = np.zeros(n)
        for m in _batches(samples, n):
            others = rng.random((m, n)) < 0.5
            total = others.astype(float) @ w
            without = total[:, None] - np.where(others, w[None, :], 0.0)  # weight of the others
            raw_hits += ((without < q) & (without + w[None, :] >= q)).sum(axis=0)
        raw = raw_hits / samples
        se = np.sqrt(raw * (1 - raw) / samples)
    if not normalized:
        return PowerIndex(values=raw, standard_error=se, method=method, samples=samples if method == "sample" else 0)
    s = raw.sum()
    if s == 0:
        raise ValueError("no voter is ever decisive in this game (check the quota)")
    values = raw / s
    # delta method for p_i / sum(p): treat the sum as fixed, a slight overstatement of the error
    return PowerIndex(values=values, standard_error=se / s, method=method, samples=samples if method == "sample" else 0)


@v.params(quota=QUOTA, weights=WEIGHTS, method=METHOD, samples=SAMPLES, seed=v.Seed())
def shapley_shubik(
    quota: float, weights: ArrayLike, *, method: str = "auto", samples: int = 20_000, seed: int = 0
) -> PowerIndex:
    """Shapley–Shubik power index of each voter of the weighted voting game ``[quota; weights]``.

    Exact: for each losing coalition ``S`` that voter ``i`` turns into a winning one,
    ``i`` is pivotal in ``|S|! (n - |S| - 1)!`` of the ``n!`` orderings. Sampled:
    the share of ``samples`` random orderings in which ``i`` is pivotal.

    Parameters
    ----------
    quota, weights, method, samples, seed
        As in :func:`banzhaf` (the quota first, as in ``[q; w]``).

    Examples
    --------
    >>> s = shapley_shubik(12, [4, 4, 4, 2, 2, 1])    # EEC 1958: 14/60 and 9/60
    >>> [round(float(x), 4) for x in s.values]
    [0.2333, 0.2333, 0.2333, 0.15, 0.15, 0.0]
    >>> unsc = shapley_shubik(39, [7] * 5 + [1] * 10)  # UN Security Council: 421/2145 and 4/2145
    >>> round(float(unsc.values[0]), 4), round(float(unsc.values[5]), 5)
    (0.1963, 0.00186)
    """
    weights = np.asarray(weights)  # already an array (@v.params): for the type checker
    w, q = _game(weights, quota)
    n = w.size
    method, game = _method(method, n, samples, w, q, "shapley")
    if method == "generating" and game is not None:  # generating is chosen only with a game
        return PowerIndex(values=_shapley_generating(*game), standard_error=np.zeros(n), method="generating", samples=0)
    if method == "exact":
        members, sizes = _coalitions(n)
        total = members.astype(float) @ w
        pivot = (~members) & (total[:, None] < q) & (total[:, None] + w[None, :] >= q)
        log_f = np.array([math.lgamma(k + 1) for k in range(n + 1)])
        # sizes == n only for the grand coalition, which has no outsider to be pivotal
        weight = np.where(sizes < n, np.exp(log_f[sizes] + log_f[np.maximum(n - sizes - 1, 0)] - log_f[n]), 0.0)
        values = (pivot * weight[:, None]).sum(axis=0)
        return PowerIndex(values=values, standard_error=np.zeros(n), method="exact", samples=0)
    rng = np.random.default_rng(seed)
    hits = np.zeros(n)
    for m in _batches(samples, n):
        order = np.argsort(rng.random((m, n)), axis=1)
        running = np.cumsum(w[order], axis=1)
        k = np.argmax(running >= q, axis=1)  # position of the pivotal voter (quota <= total weight)
        np.add.at(hits, order[np.arange(m), k], 1)
    values = hits / samples
    return PowerIndex(
        values=values, standard_error=np.sqrt(values * (1 - values) / samples), method="sample", samples=samples
    )


@v.params(now=UINT256, unlock_time=UINT256)
def ve_lock_end(now: int, unlock_time: int) -> int:
    """The lock end Curve records: ``unlock_time`` rounded down to a whole week (``create_lock``).

    Raises ``ValueError`` when the rounded end is not in the future or is more
    than ``MAXTIME`` ahead, as the contract does ("Can only lock until time in the
    future", "Voting lock can be 4 years max"). ``now`` and ``unlock_time`` are
    timestamps in seconds, in [0, 2**256 - 1] (the contract's ``uint256``).

    Examples
    --------
    >>> ve_lock_end(0, 10 * WEEK + 3)
    6048000
    """
    end = (unlock_time // WEEK) * WEEK
    if end <= now:
        raise ValueError(f"unlock_time must round down (to a whole week) to a time after now={now}; got end={end}")
    if end > now + MAXTIME:
        raise ValueError(f"unlock_time must be at most MAXTIME = {MAXTIME} s (4 years) after now; got end={end}")
    return end


@v.params(locked_wei=INT128, end=UINT256, now=UINT256)
def ve_voting_power(locked_wei: int, end: int, now: int) -> int:
    """Vote-escrowed power of ``locked_wei`` tokens (smallest units: wei) locked until ``end``, at time ``now``.

    ``(locked_wei // MAXTIME) * (end - now)``, integer arithmetic as in
    ``VotingEscrow._checkpoint``; 0 once the lock has expired. ``locked_wei`` is in [0, 2**127 - 1]
    (the contract's ``int128``), ``end`` and ``now`` in [0, 2**256 - 1] (``uint256``).

    Examples
    --------
    >>> one_crv = 10**18
    >>> ve_voting_power(1000 * one_crv, end=MAXTIME, now=0)        # 4-year lock: full weight, less rounding dust
    999999999999981504000
    >>> ve_voting_power(1000 * one_crv, end=MAXTIME // 4, now=0)   # 1 year: a quarter
    249999999999995376000
    """
    if end <= now:
        return 0
    return (locked_wei // MAXTIME) * (end - now)


@dataclass(frozen=True)
class FlashLoanAttack:
    """The economics of renting a governance majority with a flash loan.

    Attributes
    ----------
    tokens_needed : float
        Votes the attacker must add in the transaction that executes the proposal, so that it holds the
        ``pass_share`` of the votes then counted: borrowed tokens that vote when held, or (Beanstalk)
        deposits made with borrowed assets that earn votes at once (Stalk itself cannot be borrowed).
    loan_value : float
        What the loan behind those votes is worth (USD): ``tokens_needed * token_price``.
    cost : float
        Fee paid to borrow it (USD).
    profit : float
        Treasury drained minus the cost (USD), if the attack can run; otherwise ``-cost``.
    feasible : bool
        False when the votes that decide are fixed before the executing transaction: counted at a
        snapshot, or tallied when voting ends with execution a timelock later. A flash loan, repaid in
        its own transaction, cannot be in both.
    reason : str
        Why, in words.
    """

    tokens_needed: float
    loan_value: float
    cost: float
    profit: float
    feasible: bool
    reason: str


@v.params(
    treasury=v.Real(0.0, 1e13),
    circulating_votes=v.Real(0.0, 1e15, low_open=True),
    token_price=v.Real(0.0, 1e9, low_open=True),
    pass_share=v.Probability(low_open=True, high_open=True),
    fee_rate=v.Real(0.0, 0.1),
    attacker_votes=v.Real(0.0, 1e15),
    snapshot=v.Boolean(),
    timelock_blocks=v.Integer(0, 10_000_000),
    proposal_age_seconds=v.Integer(0, 10**9),
)
def flash_loan_attack(
    treasury: float,
    circulating_votes: float,
    token_price: float,
    pass_share: float = 2 / 3,
    fee_rate: float = 0.0009,
    attacker_votes: float = 0.0,
    snapshot: bool = False,
    timelock_blocks: int = 0,
    proposal_age_seconds: int = 0,
) -> FlashLoanAttack:
    """Can a flash-borrowed majority drain the treasury, and what is it worth?

    The attacker adds ``x`` votes so that ``(attacker_votes + x) / (circulating_votes + x)`` reaches
    ``pass_share`` (the new votes swell the total counted), i.e.
    ``x = (pass_share * circulating_votes - attacker_votes) / (1 - pass_share)``, pays ``fee_rate`` of the
    loan behind them, and drains ``treasury``. What decides is *when the votes are counted*: a loan lives
    only inside one transaction, so it can carry votes only if the count that executes the proposal is
    taken in that transaction.

    Beanstalk (17 April 2022) is the case with ``proposal_age_seconds=86_400``: ``emergencyCommit``
    (``GovernanceFacet.sol``) executed a BIP at least ``GOVERNANCE_EMERGENCY_PERIOD = 86400`` s old, still
    in its voting period, once its votes reached two thirds of all Roots, counted at that moment
    (``bipVotePercent``). A proposer votes for their own BIP when proposing, and every Silo deposit adds
    its Roots to each open BIP its owner has voted for (``incrementBipRoots``). So the attacker proposed
    BIP-18 a day ahead, then in one transaction flash-borrowed about $1 bn of stablecoins, turned them into
    the Curve LP tokens the Silo accepts, deposited them (about 79% of Stalk), called ``emergencyCommit``
    and repaid. Beanstalk's ordinary ``commit`` was safe from this: it ran only after the voting period
    ended, on the tally frozen then (``endedBipVotePercent``) — the ``timelock_blocks`` case here.

    Parameters
    ----------
    treasury : float
        Value the winning proposal can transfer (USD), in [0, 1e13].
    circulating_votes : float
        Votes counted before the attack (tokens, or Stalk), in (0, 1e15].
    token_price : float
        USD of loan per vote added, in (0, 1e9] (the token's price, or the deposit that earns one vote).
    pass_share : float
        Share of the votes counted needed to execute, in (0, 1) (Beanstalk's emergency path: 2/3).
    fee_rate : float
        Flash-loan fee as a share of the amount borrowed, in [0, 0.1] (Aave v2: 0.0009).
    attacker_votes : float
        Votes the attacker already holds, in [0, circulating_votes].
    snapshot : bool
        Votes are counted at a past block (Compound's Governor: the block at which voting opens), so that
        tokens borrowed in the executing transaction count nothing.
    timelock_blocks : int
        Blocks between the end of the vote, when the tally is fixed, and execution, in [0, 1e7]; any delay
        defeats a loan that must be repaid within its own transaction.
    proposal_age_seconds : int
        How old a proposal must be before it can execute, in [0, 1e9] seconds. It does **not** stop the
        attack when the votes are counted in the executing transaction (no snapshot, no timelock): the
        attacker proposes first and borrows later, in the transaction that executes.

    Examples
    --------
    >>> a = flash_loan_attack(treasury=182e6, circulating_votes=100e6, token_price=1.0)
    >>> round(a.tokens_needed / 1e6), round(a.cost / 1e6, 2), a.feasible
    (200, 0.18, True)
    >>> flash_loan_attack(treasury=182e6, circulating_votes=100e6, token_price=1.0, snapshot=True).feasible
    False
    >>> flash_loan_attack(treasury=182e6, circulating_votes=100e6, token_price=1.0, proposal_age_seconds=86400).feasible
    True
    """
    if attacker_votes > circulating_votes:
        raise ValueError(
            f"attacker_votes must be at most circulating_votes = {circulating_votes:g} (they are "
            f"counted among them), got {attacker_votes:g}"
        )
    x = max(0.0, (pass_share * circulating_votes - attacker_votes) / (1.0 - pass_share))
    value = x * token_price
    cost = fee_rate * value
    if snapshot:
        return FlashLoanAttack(
            x,
            value,
            cost,
            -cost,
            False,
            "votes are counted at a past block (a snapshot): what the loan buys in the "
            "executing transaction counts nothing",
        )
    if timelock_blocks > 0:
        plural = "s" if timelock_blocks != 1 else ""
        return FlashLoanAttack(
            x,
            value,
            cost,
            -cost,
            False,
            f"the tally is fixed when voting ends and execution waits {timelock_blocks} "
            f"block{plural}: a flash loan, repaid in its own transaction, cannot be in both",
        )
    if proposal_age_seconds > 0:
        return FlashLoanAttack(
            x,
            value,
            cost,
            treasury - cost,
            treasury > cost,
            f"the proposal must be {proposal_age_seconds:,} s old, but its votes are counted "
            "in the transaction that executes it: propose first, then borrow, deposit for "
            "votes, execute and repay in one transaction",
        )
    return FlashLoanAttack(
        x,
        value,
        cost,
        treasury - cost,
        treasury > cost,
        "votes counted and the proposal executed in one transaction: the votes the loan buys are counted",
    )
