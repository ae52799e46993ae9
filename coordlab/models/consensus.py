"""Consensus failures: double spends, selfish mining, BFT quorums, proof-of-stake finality and settlement risk.

**Double spend** (Nakamoto 2008, §11). An attacker with share ``q`` of the hash
rate (honest ``p = 1 - q``) tries to replace a payment buried under ``z`` blocks.
While the merchant waits, the attacker's progress is Poisson with mean
``lambda = z q / p``; from ``z - k`` blocks behind it ever catches up with
probability ``(q/p)**(z-k)``. The whitepaper computes
``P = 1 - sum_{k=0..z} Poisson(k; lambda) (1 - (q/p)**(z-k))`` with an iterative
Poisson loop; :func:`double_spend_probability` evaluates the same sum in log space
and without the subtraction from 1 (``P(K > z) + sum_k Poisson(k) (q/p)**(z-k)``),
so it stays exact for large ``z`` where the naive form overflows or cancels.

**Selfish mining** (Eyal & Sirer 2014). A pool with share ``alpha`` withholds blocks;
``gamma`` is the share of honest miners who mine on the pool's branch in a tie.
Its relative revenue is
``R = [alpha (1-alpha)**2 (4 alpha + gamma (1 - 2 alpha)) - alpha**3] / [1 - alpha (1 + (2 - alpha) alpha)]``,
above ``alpha`` iff ``alpha > (1 - gamma) / (3 - 2 gamma)`` (:func:`selfish_revenue`);
:func:`simulate_selfish_mining` runs their state machine (seeded) and agrees.

**BFT quorums** (Lamport, Shostak & Pease 1982): ``n >= 3f + 1``; with quorums of
``2f + 1`` any two quorums share at least ``f + 1`` nodes, so at least one honest
node (:func:`bft`).

**Ethereum proof of stake** (consensus-specs, mainnet preset): 12-second slots, 32
slots an epoch; a checkpoint is finalised when validators with 2/3 of the stake
attest; if finality is delayed by more than ``MIN_EPOCHS_TO_INACTIVITY_PENALTY = 4``
epochs, the *inactivity leak* drains the non-attesting validators (Bellatrix:
penalty ``effective_balance x score / (4 x 2**24)`` per epoch, score +4 per
inactive epoch) until the attesting ones hold 2/3 again (:func:`inactivity_leak`).

**Settlement risk** for a derivative: the chance that its settlement block is
reorganised (PoW: the double-spend probability at the depth waited), or is not
final within the settlement window (PoS: when more than 1/3 of the stake is
offline, finality waits for the leak; when it is not, a block waits 12.8 to 19.0 minutes
depending on its slot in the epoch, :func:`finality_minutes`) (:func:`settlement_risk`).

Sources
-------
- S. Nakamoto (2008), "Bitcoin: A Peer-to-Peer Electronic Cash System", §11 (the
  table of P for q = 0.1 and 0.3, and z for P < 0.1%).
- I. Eyal and E. G. Sirer (2014), "Majority is not Enough: Bitcoin Mining is
  Vulnerable", FC 2014 / arXiv:1311.0243 (Algorithm 1, the revenue formula).
- L. Lamport, R. Shostak and M. Pease (1982), "The Byzantine Generals Problem",
  *ACM TOPLAS* 4(3).
- ethereum/consensus-specs: ``presets/mainnet/phase0.yaml`` (``SLOTS_PER_EPOCH``,
  ``MIN_EPOCHS_TO_INACTIVITY_PENALTY``), ``configs/mainnet.yaml`` (``SECONDS_PER_SLOT``,
  ``EJECTION_BALANCE``), ``presets/mainnet/altair.yaml`` (``INACTIVITY_SCORE_BIAS``),
  ``presets/mainnet/bellatrix.yaml`` (``INACTIVITY_PENALTY_QUOTIENT_BELLATRIX``),
  ``specs/altair/beacon-chain.md`` (``get_inactivity_penalty_deltas``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v

__all__ = [
    "double_spend_probability",
    "double_spend_probability_exact",
    "confirmations_needed",
    "selfish_revenue",
    "selfish_threshold",
    "simulate_selfish_mining",
    "bft",
    "BftQuorum",
    "finality_minutes",
    "inactivity_leak",
    "LeakPath",
    "settlement_risk",
    "SECONDS_PER_SLOT",
    "SLOTS_PER_EPOCH",
    "MIN_EPOCHS_TO_INACTIVITY_PENALTY",
    "CONFIRMATION_RISK",
]

SECONDS_PER_SLOT = 12
SLOTS_PER_EPOCH = 32
MIN_EPOCHS_TO_INACTIVITY_PENALTY = 4
INACTIVITY_SCORE_BIAS = 4
INACTIVITY_PENALTY_QUOTIENT_BELLATRIX = 2**24
EFFECTIVE_BALANCE_INCREMENT = 10**9  # Gwei
MAX_EFFECTIVE_BALANCE = 32 * 10**9
EJECTION_BALANCE = 16 * 10**9
HYSTERESIS_QUOTIENT, HYSTERESIS_DOWNWARD_MULTIPLIER = 4, 1

# Caps that keep the largest call near a second: a depth of a million blocks (the double-spend sum
# has one term a block), and at most 10 million block events in the selfish-mining simulation
# (a simulated block costs about 30 us of numpy overhead plus 0.05 us a chain).
Z_MAX = 10**6
SELFISH_BLOCKS_MAX = 10_000
RANDOM_DEPTH_MAX = 1_000  # settlement_risk(random_blocks=True): depth at most
SELFISH_CHAINS_MAX = 10_000
SELFISH_EVENTS_MAX = 10_000_000
#: The double-spend risk confirmations_needed waits out by default (a probability: 0.1%).
CONFIRMATION_RISK = 0.001
BLOCK_MINUTES_MIN, BLOCK_MINUTES_MAX = 1e-3, 1e4  # 60 ms to a week a block

# Shared constraints.
Q = v.Probability()  # an attacker's share of hash rate
OFFLINE = v.Probability(high_open=True)  # the share of stake that stops attesting
SELFISH_ALPHA = v.Real(0.0, 0.5)  # the selfish pool's share (beyond 1/2 it is a 51% attack)
GAMMA = v.Probability()  # honest miners on the pool's branch in a tie


@v.params(q=Q, z=v.Integer(0, Z_MAX))
def double_spend_probability(q: float, z: int) -> float:
    """Probability that an attacker with hash share ``q`` ever overtakes a payment ``z`` blocks deep.

    Terms too small for a double (a tiny ``q``) count as 0.

    Parameters
    ----------
    q : float
        The attacker's share of the hash power, in [0, 1] (the result is 1 from ``q >= 1/2`` on: the attacker
        always catches up).
    z : int
        Confirmations: blocks on top of the payment, in [0, 1 000 000] (the sum has a term a block: the
        largest depth takes about 0.2 s).

    >>> round(double_spend_probability(0.1, 1), 7), round(double_spend_probability(0.3, 10), 7)
    (0.2045873, 0.0416605)
    >>> f"{double_spend_probability(0.45, 340):.2e}"           # the whitepaper's last row: below 0.1%
    '9.95e-04'
    """
    p = 1.0 - q
    if q >= p:
        return 1.0
    if q == 0.0:
        return 0.0 if z > 0 else 1.0
    lam = z * q / p
    if z == 0:
        return 1.0
    log_r = math.log(q / p)
    # log Poisson pmf built as the paper's loop builds it (poisson *= lambda / k), as a cumulative sum of logs;
    # with a tiny q, lambda / k underflows to 0: its log is -inf and its term exactly 0, as it should be
    k = np.arange(1, z + 1)
    with np.errstate(divide="ignore"):
        log_pk = np.concatenate([[-lam], -lam + np.cumsum(np.log(lam / k))])
        total = float(np.exp(log_pk + (z - np.arange(z + 1)) * log_r).sum())
        # the upper tail P(K > z), summed directly (tiny when z >> lambda; it must not come from 1 - head)
        j = np.arange(z + 1, z + 1 + int(30 * math.sqrt(lam)) + 500)
        tail = float(np.exp(log_pk[-1] + np.cumsum(np.log(lam / j))).sum())
    return min(1.0, total + tail)


@v.params(q=Q, z=v.Integer(0, Z_MAX))
def double_spend_probability_exact(q: float, z: int) -> float:
    """The double-spend probability without the whitepaper's Poisson shortcut.

    Nakamoto's §11 lets the attacker mine for the *expected* time the honest miners
    take to find ``z`` blocks (a Poisson count with mean ``z q / p``). In fact that time
    is random, and the attacker's count of blocks in it is negative binomial:
    ``P(M = m) = C(m + z - 1, m) p**z q**m`` (Rosenfeld 2014, "Analysis of
    Hashrate-Based Double Spending", arXiv:1402.2009, §5; Grunspan and Pérez-Marco
    2017, "Double spend races", arXiv:1702.02867, who show the result equals the
    regularised incomplete beta function ``I_{4pq}(z, 1/2)``). With the same catch-up
    rule, ``(q/p)**(z-m)`` from ``z - m`` behind, the probability is
    ``P(M > z) + q**z sum_{m=0..z} C(m + z - 1, m) p**m``, summed here in log space, term
    by term, so it has no cancellation.

    It is larger than the whitepaper's figure except a block or two deep (and, for large ``q``,
    where both are above 10%): the shortcut underestimates the risk where it matters
    (q = 0.1, z = 2: 0.056 against 0.051; z = 6: 0.00059 against 0.00024).

    Parameters
    ----------
    q : float
        The attacker's share of the hash power, in [0, 1] (the result is 1 from ``q >= 1/2`` on).
    z : int
        Confirmations: blocks on top of the payment, in [0, 1 000 000].

    >>> round(double_spend_probability_exact(0.1, 1), 7), round(double_spend_probability_exact(0.1, 2), 4)
    (0.2, 0.056)
    >>> double_spend_probability_exact(0.1, 6) > double_spend_probability(0.1, 6)
    True
    """
    p = 1.0 - q
    if q >= p:
        return 1.0
    if z == 0:
        return 1.0
    if q == 0.0:
        return 0.0
    log_p, log_q = math.log(p), math.log(q)
    # log C(m + z - 1, m) for m = 0..z, built as a cumulative sum: C(m+z-1, m) = C(m+z-2, m-1) (m+z-1)/m
    m = np.arange(1, z + 1)
    log_c = np.concatenate([[0.0], np.cumsum(np.log((m + z - 1) / m))])
    head = float(np.exp(z * log_q + log_c + np.arange(z + 1) * log_p).sum())
    # the tail P(M > z) of the negative binomial, summed directly until its terms vanish
    n_tail = int(z * q / p + 40 * math.sqrt(z * q) / p + 600)
    j = np.arange(z + 1, z + 1 + n_tail)
    log_tail = log_c[-1] + np.cumsum(np.log((j + z - 1) / j)) + z * log_p + j * log_q
    tail = float(np.exp(log_tail).sum())
    return min(1.0, head + tail)


@v.params(
    q=v.Real(0.0, 0.5, high_open=True),
    risk=v.Probability(low_open=True, high_open=True),
    max_z=v.Integer(1, Z_MAX),
    exact=v.Boolean(),
)
def confirmations_needed(
    q: float, risk: float = CONFIRMATION_RISK, max_z: int = 100_000, *, exact: bool = False
) -> int:
    """Smallest ``z`` with ``double_spend_probability(q, z) < risk`` (the whitepaper's second table).

    Raises ``ValueError`` if no ``z`` up to ``max_z`` is enough. With ``exact=True`` the risk is
    :func:`double_spend_probability_exact` (no Poisson shortcut), which asks for more blocks.

    Parameters
    ----------
    q : float
        The attacker's share of the hash power, in [0, 1/2).
    risk : float
        The double-spend probability to get below, in (0, 1).
    max_z : int
        Most confirmations searched, in [1, 1 000 000].
    exact : bool
        Keyword-only: use :func:`double_spend_probability_exact` instead of the whitepaper's formula.

    >>> [confirmations_needed(q) for q in (0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45)]
    [5, 8, 11, 15, 24, 41, 89, 340]
    >>> [confirmations_needed(q, exact=True) for q in (0.10, 0.30)]
    [6, 32]
    """
    risk_at = double_spend_probability_exact if exact else double_spend_probability
    lo, hi = 0, 1
    while risk_at(q, hi) >= risk:
        lo, hi = hi, hi * 2
        if hi > max_z:
            raise ValueError(f"no z up to max_z={max_z} brings the risk below {risk:g} for q={q:g}")
    while lo < hi:  # P decreases in z: binary search for the first z below the risk
        mid = (lo + hi) // 2
        if risk_at(q, mid) < risk:
            hi = mid
        else:
            lo = mid + 1
    return lo


@v.params(alpha=v.RealArray(0.0, 0.5), gamma=v.RealArray(0.0, 1.0))
def selfish_revenue(alpha: ArrayLike, gamma: ArrayLike) -> float | np.ndarray:
    """Eyal–Sirer relative revenue of a selfish pool (arrays broadcast).

    Parameters
    ----------
    alpha : float or array
        The selfish pool's share of the hash power, each in [0, 1/2].
    gamma : float or array
        The share of honest miners that mine on the pool's block in a tie (its network advantage), each in
        [0, 1]; ``alpha`` and ``gamma`` broadcast together.

    >>> round(float(selfish_revenue(1 / 3, 0.0)), 6)          # at the threshold, R = alpha
    0.333333
    """
    alpha, gamma = np.asarray(alpha), np.asarray(gamma)  # arrays already (@v.params)
    a, g = alpha, gamma
    try:
        np.broadcast_shapes(a.shape, g.shape)
    except ValueError:
        raise ValueError(f"alpha and gamma must broadcast together, got shapes {a.shape} and {g.shape}") from None
    out = (a * (1 - a) ** 2 * (4 * a + g * (1 - 2 * a)) - a**3) / (1 - a * (1 + (2 - a) * a))
    return float(out) if out.ndim == 0 else out


@v.params(gamma=v.RealArray(0.0, 1.0))
def selfish_threshold(gamma: ArrayLike) -> float | np.ndarray:
    """Pool share above which selfish mining pays: ``(1 - gamma) / (3 - 2 gamma)``.

    Parameters
    ----------
    gamma : float or array
        The share of honest miners that mine on the pool's block in a tie, each in [0, 1].

    >>> [round(float(selfish_threshold(g)), 4) for g in (0.0, 0.5, 1.0)]
    [0.3333, 0.25, 0.0]
    """
    gamma = np.asarray(gamma)  # already an array (@v.params): for the type checker
    g = gamma
    out = (1 - g) / (3 - 2 * g)
    return float(out) if out.ndim == 0 else out


# Eyal and Sirer's state machine as a table, one row per (state, event): states 0' (the tie), lead 0, lead 1,
# lead 2, lead > 2 (three rows each), events "the pool finds a block", "honest miners find one on the pool's
# branch" (only in 0'), "honest miners find one elsewhere". Columns: the pool's and the honest miners' blocks
# whose fate the event decides, and the next state, ``next + keep x lead`` (-1 is the tie 0').
#                              0'         lead 0     lead 1       lead 2     lead > 2
_SELFISH_POOL = np.array([2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 1, 1], np.int64)
_SELFISH_HONEST = np.array([0, 1, 2, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], np.int64)
_SELFISH_NEXT = np.array([0, 0, 0, 1, 0, 0, 2, -1, -1, 3, 0, 0, 1, -1, -1], np.int64)
_SELFISH_KEEP = np.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1], np.int64)


@v.params(
    alpha=SELFISH_ALPHA,
    gamma=GAMMA,
    blocks=v.Integer(1, SELFISH_BLOCKS_MAX),
    chains=v.Integer(1, SELFISH_CHAINS_MAX),
    seed=v.Seed(),
)
def simulate_selfish_mining(alpha: float, gamma: float, blocks: int = 1000, chains: int = 2000, seed: int = 0) -> float:
    """The pool's share of the main chain's blocks in a seeded run of Eyal–Sirer's state machine.

    ``chains`` independent chains of ``blocks`` block-finding events each, vectorised
    over chains (a table of the state machine's transitions) (blocks still withheld at the end are not counted: a bias
    of order
    lead / blocks, under 0.5% at the defaults). States: the pool's private lead (0, 1, 2, ...) and the tie state 0'.
    Revenue is credited as in Eyal and Sirer's analysis (a block is counted when its
    fate is decided).

    A run in which no block's fate is decided (every chain still withholding) raises ``ValueError``.

    Parameters
    ----------
    alpha : float
        The selfish pool's share of the hash power, in [0, 1/2].
    gamma : float
        The share of honest miners that mine on the pool's block in a tie, in [0, 1].
    blocks, chains : int
        Block-finding events per chain and independent chains, each in [1, 10 000], with ``blocks x chains``
        at most 10 000 000 block events (the defaults simulate 2 000 000): the largest run takes about a second.
    seed : int
        Seed of ``numpy.random.default_rng``.

    >>> sim = simulate_selfish_mining(0.4, 0.5, seed=1)
    >>> abs(sim - selfish_revenue(0.4, 0.5)) < 0.005
    True
    """
    if blocks * chains > SELFISH_EVENTS_MAX:
        raise ValueError(
            f"blocks x chains must be at most {SELFISH_EVENTS_MAX:,} (about a second), "
            f"got blocks={blocks:,} x chains={chains:,} = {blocks * chains:,}"
        )
    rng = np.random.default_rng(seed)
    state = np.zeros(chains, np.int64)  # the pool's private lead, or -1 for the tie 0'
    counts = np.zeros(_SELFISH_POOL.size, np.int64)
    cut = alpha + gamma * (1 - alpha)  # u < alpha: the pool finds; alpha <= u < cut: honest, on its branch
    for _ in range(blocks):
        u = rng.random(chains)
        row = 3 * (np.minimum(state, 3) + 1) + (u >= alpha) + (u >= cut)
        counts += np.bincount(row, minlength=_SELFISH_POOL.size)
        state = _SELFISH_NEXT[row] + _SELFISH_KEEP[row] * state
    pool, honest = int(counts @ _SELFISH_POOL), int(counts @ _SELFISH_HONEST)
    if pool + honest == 0:
        raise ValueError(
            f"no block's fate was decided in blocks={blocks} x chains={chains} (the pool withheld "
            "every block it found): simulate more blocks"
        )
    return float(pool / (pool + honest))


@dataclass(frozen=True)
class BftQuorum:
    """Result of :func:`bft`: what ``n`` nodes tolerate, and why two quorums always share an honest node.

    Attributes
    ----------
    n : int
        Nodes.
    f : int
        Faulty (Byzantine) nodes tolerated: the largest ``f`` with ``n >= 3f + 1``.
    quorum : int
        Votes needed to decide: the smallest size any two of which intersect in ``f + 1`` nodes.
    overlap : int
        Nodes two quorums share at least: ``2 x quorum - n``.
    honest_in_overlap : int
        Honest nodes in that overlap at least: ``overlap - f`` (never below 1).
    """

    n: int
    f: int
    quorum: int
    overlap: int
    honest_in_overlap: int


@v.params(n=v.Integer(1, 10**9))
def bft(n: int) -> BftQuorum:
    """Byzantine fault tolerance of ``n`` nodes: faults tolerated, quorum, and the overlap of two quorums.

    Parameters
    ----------
    n : int
        Number of validators (nodes, equal weights), in [1, 10**9].

    >>> bft(4)
    BftQuorum(n=4, f=1, quorum=3, overlap=2, honest_in_overlap=1)
    >>> bft(100).honest_in_overlap
    1
    """
    f = (n - 1) // 3
    quorum = 2 * f + 1 if n == 3 * f + 1 else n - f  # the smallest quorum any two of which intersect in f + 1
    overlap = 2 * quorum - n
    return BftQuorum(n=n, f=f, quorum=quorum, overlap=overlap, honest_in_overlap=overlap - f)


@v.params(slot=v.Optional(v.Integer(0, 31)))
def finality_minutes(slot: int | None = None) -> float:
    """Minutes from a block's proposal to its finality on Ethereum when at least 2/3 of the stake attests.

    A block in its epoch's first slot (``slot`` 0) is that epoch's checkpoint and is final
    two epochs later, 64 slots (12.8 minutes). A block in a later slot ``s`` is covered by
    the next epoch's checkpoint, ``32 - s`` slots later, and waits 64 slots more: ``96 - s``
    slots, up to 95 (19.0 minutes) for slot 1. ``slot=None``, a block whose slot is not
    known, takes the worst case, 19.0 minutes. (Casper FFG: a checkpoint is final once it
    and the next one are justified; the processing delay within the epoch is left out.)

    >>> finality_minutes(0), finality_minutes(31), finality_minutes(1), finality_minutes()
    (12.8, 13.0, 19.0, 19.0)
    """
    slots = 2 * SLOTS_PER_EPOCH if slot == 0 else 3 * SLOTS_PER_EPOCH - (1 if slot is None else slot)
    return slots * SECONDS_PER_SLOT / 60


@dataclass(frozen=True)
class LeakPath:
    """Result of :func:`inactivity_leak` (per epoch since finality was lost).

    Attributes
    ----------
    epochs : ndarray
    inactive_balance : ndarray
        Balance (ETH) of one inactive validator that started at 32 ETH.
    active_share : ndarray
        Attesting validators' share of the total effective balance.
    finality_epoch : int or None
        First epoch at which the active share reaches 2/3 (None if not within the run).
    ejected_epoch : int or None
        Epoch at which an inactive validator's effective balance reaches the 16 ETH ejection balance.
    """

    epochs: np.ndarray
    inactive_balance: np.ndarray
    active_share: np.ndarray
    finality_epoch: int | None
    ejected_epoch: int | None

    @v.params(epoch=v.RealArray(0.0, 1e9))
    def days(self, epoch: ArrayLike) -> float | np.ndarray:
        """Epochs to days (6.4 minutes an epoch): a number of epochs, or an array of them (``epochs``).

        ``finality_epoch`` is ``None`` when finality is not regained within the run: there is
        no day to give then, and ``days(None)`` says so with a TypeError naming ``epoch``.
        """
        epoch = np.asarray(epoch)  # already an array (@v.params): for the type checker
        out = epoch * SLOTS_PER_EPOCH * SECONDS_PER_SLOT / 86_400
        return float(out) if out.ndim == 0 else out


@v.params(offline=OFFLINE, max_epochs=v.Integer(1, 10**6))
def inactivity_leak(offline: float, max_epochs: int = 20_000) -> LeakPath:
    """How long finality stays lost when a share ``offline`` of the stake stops attesting.

    Follows the Bellatrix spec per epoch, in Gwei integers, for one representative
    inactive validator: its inactivity score grows by ``INACTIVITY_SCORE_BIAS`` each
    epoch, its penalty is ``effective_balance x score // (4 x 2**24)``, and its
    effective balance follows the spec's hysteresis (down by whole ETH once the
    balance is 0.25 ETH below it). The leak starts once finality is delayed by more
    than 4 epochs. An inactive validator whose effective balance reaches the 16 ETH
    ejection balance is taken to leave the active set at once (the exit queue's churn
    limit, which would delay this, is left out), and attestation-flag penalties are
    left out (the inactivity penalty dominates over weeks); active validators keep 32 ETH.
    ``offline`` is in [0, 1); ``max_epochs`` in [1, 1,000,000] (ejection ends every leak
    within about 5,000 epochs).

    >>> leak = inactivity_leak(0.5)
    >>> leak.finality_epoch, round(leak.days(leak.finality_epoch), 1)
    (4685, 20.8)
    """
    x = offline
    balance = effective = MAX_EFFECTIVE_BALANCE
    score = 0
    bal, share = np.zeros(max_epochs + 1), np.zeros(max_epochs + 1)
    final = eject = None
    for t in range(max_epochs + 1):
        remaining = 0 if eject is not None else effective  # ejected validators leave the active set
        active_share = (1 - x) * MAX_EFFECTIVE_BALANCE / ((1 - x) * MAX_EFFECTIVE_BALANCE + x * remaining)
        bal[t], share[t] = balance / 1e9, active_share
        if final is None and 3 * active_share >= 2:
            final = t
        if final is not None:
            bal, share = bal[: t + 1], share[: t + 1]
            break
        if eject is None and effective <= EJECTION_BALANCE:
            eject = t
            bal[t], share[t] = balance / 1e9, 1.0
            final = t
            bal, share = bal[: t + 1], share[: t + 1]
            break
        leaking = t > MIN_EPOCHS_TO_INACTIVITY_PENALTY
        score += INACTIVITY_SCORE_BIAS
        if leaking:
            balance -= effective * score // (INACTIVITY_SCORE_BIAS * INACTIVITY_PENALTY_QUOTIENT_BELLATRIX)
        # process_effective_balance_updates (hysteresis)
        hysteresis = EFFECTIVE_BALANCE_INCREMENT // HYSTERESIS_QUOTIENT
        if balance + hysteresis * HYSTERESIS_DOWNWARD_MULTIPLIER < effective:
            effective = min(balance - balance % EFFECTIVE_BALANCE_INCREMENT, MAX_EFFECTIVE_BALANCE)
    return LeakPath(np.arange(bal.size), bal, share, final, eject)


@v.params(
    window_minutes=v.Real(0.0, 1e8),
    attacker_share=v.Optional(Q),
    confirmations=v.Optional(v.Integer(0, Z_MAX)),
    block_minutes=v.Real(BLOCK_MINUTES_MIN, BLOCK_MINUTES_MAX),
    offline=v.Optional(OFFLINE),
    random_blocks=v.Boolean(),
    slot=v.Optional(v.Integer(0, 31)),
)
def settlement_risk(
    window_minutes: float,
    *,
    attacker_share: float | None = None,
    confirmations: int | None = None,
    block_minutes: float = 10.0,
    offline: float | None = None,
    random_blocks: bool = False,
    slot: int | None = None,
) -> float:
    """Chance that a settlement is not safe within ``window_minutes``.

    Proof of work (give ``attacker_share`` and ``confirmations``): the settlement waits ``confirmations``
    blocks if the window allows (``confirmations x block_minutes``), else as many as fit; the
    risk is the double-spend probability at that depth. That takes blocks to arrive like
    a clock. With ``random_blocks=True`` they arrive as mining makes them: blocks come at
    ``1 / block_minutes``, each the attacker's (mined in private) with probability
    ``attacker_share``; the contract settles at the ``confirmations``-th public block or at the
    window's end, whichever comes first, and the attacker then catches up from its deficit
    with probability ``(q/p)**deficit``: both races counted exactly over the window (no
    Poisson shortcut).
    ``confirmations`` is then at most 1,000 blocks. Proof of stake (give
    ``offline``): when at least 2/3 attest, finality takes :func:`finality_minutes` of the
    settlement block's ``slot`` in its epoch (0: 12.8 minutes, the best case; ``None``, the
    default, a slot not known in advance: the worst case, 19.0 minutes); with more offline
    it waits for the inactivity leak first; the risk is 1 if the window ends first, else 0
    (a deterministic protocol clock).

    ``window_minutes`` in [0, 1e8]; ``attacker_share`` in [0, 1]; ``confirmations`` in
    [0, 1,000,000] blocks; ``block_minutes`` in [0.001, 10,000] (60 ms to a week);
    ``offline`` in [0, 1); ``slot`` in [0, 31] or ``None``.

    >>> round(settlement_risk(60, attacker_share=0.3, confirmations=6), 4)    # an hour of Bitcoin blocks
    0.1321
    >>> settlement_risk(60, offline=0.2), settlement_risk(60, offline=0.4)
    (0.0, 1.0)
    >>> settlement_risk(15, offline=0.2, slot=0), settlement_risk(15, offline=0.2)
    (0.0, 1.0)
    """
    w = window_minutes
    if (attacker_share is None) == (offline is None):
        raise ValueError(
            "give either attacker_share and confirmations (proof of work) or offline (proof of stake), not both"
        )
    if offline is not None:
        x = offline
        epoch_minutes = SLOTS_PER_EPOCH * SECONDS_PER_SLOT / 60
        if 3 * (1 - x) >= 2:
            needed = finality_minutes(slot)
        else:  # the leak first, then the block's own wait for finality
            leak = inactivity_leak(x, max_epochs=200_000)
            needed = (
                math.inf
                if leak.finality_epoch is None
                else leak.finality_epoch * epoch_minutes + finality_minutes(slot)
            )
        return 0.0 if w >= needed else 1.0
    if slot is not None:
        raise ValueError(f"slot is for proof of stake (with offline), got slot={slot} with attacker_share")
    if confirmations is None or attacker_share is None:  # (attacker_share is given here: the checker needs telling)
        raise ValueError("confirmations is needed with attacker_share (proof of work)")
    z = min(confirmations, int(w // block_minutes))  # w / block_minutes <= 1e11: an int without overflow
    if not random_blocks:
        return double_spend_probability(attacker_share, z)
    if confirmations > RANDOM_DEPTH_MAX:
        raise ValueError(
            f"confirmations={confirmations} with random_blocks=True: at most {RANDOM_DEPTH_MAX:,} blocks "
            "(a week of Bitcoin's blocks; the sum takes a term per block)"
        )
    return _window_race(w / block_minutes, attacker_share, confirmations)


def _window_race(mu: float, q: float, depth: int) -> float:
    """Both races counted over a window holding a Poisson(``mu``) number of blocks, each the attacker's with
    probability ``q``: the contract settles at the ``depth``-th public block or at the window's end, whichever
    comes first; an attacker ``k`` blocks in private against ``h`` public ones then catches up with probability
    ``min(1, (q/p)**(h - k))``."""
    from scipy.special import gammaln
    from scipy.stats import poisson

    p = 1.0 - q
    if q >= p or depth == 0:
        return 1.0
    if q == 0.0:
        return float(poisson.pmf(0, mu))  # no attacker: only a window with no block at all settles at depth 0
    r = q / p
    # (a) the depth-th public block comes first, after k private ones (negative binomial in k), if the window
    #     holds depth + k blocks; the negative binomial's mass lies well within k <= depth q / p + 40 sd + 60
    k = np.arange(int(depth * q / p + 40.0 * math.sqrt(depth * q) / p + 60.0))
    nb = np.exp(gammaln(depth + k) - gammaln(k + 1.0) - gammaln(depth) + depth * math.log(p) + k * math.log(q))
    catch = np.where(k >= depth, 1.0, r ** np.maximum(depth - k, 0))
    first = float((nb * poisson.sf(depth + k - 1, mu) * catch).sum())
    # (b) the window ends first with h < depth public blocks and K ~ Poisson(mu q) private ones (independent)
    h = np.arange(depth)
    weight = poisson.pmf(h, mu * p)
    kk = np.arange(depth)
    pk = poisson.pmf(kk, mu * q)
    # P(catch up | h) = P(K >= h) + sum_{k < h} P(K = k) r^(h - k)
    below = np.tril(np.ones((depth, depth)), -1) * r ** np.clip(h[:, None] - kk[None, :], 0, None)
    catch_h = poisson.sf(h - 1, mu * q) + below @ pk
    second = float((weight * catch_h).sum())
    return min(1.0, first + second)
