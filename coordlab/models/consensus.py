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
offline, finality waits for the leak) (:func:`settlement_risk`).

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

from coordlab import _validate as v

__all__ = ["double_spend_probability", "confirmations_needed", "selfish_revenue", "selfish_threshold",
           "simulate_selfish_mining", "bft", "inactivity_leak", "LeakPath", "settlement_risk",
           "SECONDS_PER_SLOT", "SLOTS_PER_EPOCH", "MIN_EPOCHS_TO_INACTIVITY_PENALTY"]

SECONDS_PER_SLOT = 12
SLOTS_PER_EPOCH = 32
MIN_EPOCHS_TO_INACTIVITY_PENALTY = 4
INACTIVITY_SCORE_BIAS = 4
INACTIVITY_PENALTY_QUOTIENT_BELLATRIX = 2**24
EFFECTIVE_BALANCE_INCREMENT = 10**9          # Gwei
MAX_EFFECTIVE_BALANCE = 32 * 10**9
EJECTION_BALANCE = 16 * 10**9
HYSTERESIS_QUOTIENT, HYSTERESIS_DOWNWARD_MULTIPLIER = 4, 1


def double_spend_probability(q: float, z: int) -> float:
    """Probability that an attacker with hash share ``q`` ever overtakes a payment ``z`` blocks deep.

    >>> round(double_spend_probability(0.1, 1), 7), round(double_spend_probability(0.3, 10), 7)
    (0.2045873, 0.0416605)
    >>> f"{double_spend_probability(0.45, 340):.2e}"           # the whitepaper's last row: below 0.1%
    '9.95e-04'
    """
    q = v.real("q", q, low=0.0, high=1.0)
    z = v.integer("z", z, low=0, high=10**7)
    p = 1.0 - q
    if q >= p:
        return 1.0
    if q == 0.0:
        return 0.0 if z > 0 else 1.0
    lam = z * q / p
    if z == 0:
        return 1.0
    log_r = math.log(q / p)
    # log Poisson pmf built as the paper's loop builds it (poisson *= lambda / k), as a cumulative sum of logs
    k = np.arange(1, z + 1)
    log_pk = np.concatenate([[-lam], -lam + np.cumsum(np.log(lam / k))])
    total = float(np.exp(log_pk + (z - np.arange(z + 1)) * log_r).sum())
    # the upper tail P(K > z), summed directly (tiny when z >> lambda; it must not come from 1 - head)
    j = np.arange(z + 1, z + 1 + int(30 * math.sqrt(lam)) + 500)
    tail = float(np.exp(log_pk[-1] + np.cumsum(np.log(lam / j))).sum())
    return min(1.0, total + tail)


def confirmations_needed(q: float, risk: float = 0.001, max_z: int = 100_000) -> int:
    """Smallest ``z`` with ``double_spend_probability(q, z) < risk`` (the whitepaper's second table).

    >>> [confirmations_needed(q) for q in (0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45)]
    [5, 8, 11, 15, 24, 41, 89, 340]
    """
    q = v.real("q", q, low=0.0, high=0.5, high_open=True)
    risk = v.real("risk", risk, low=0.0, high=1.0, low_open=True, high_open=True)
    max_z = v.integer("max_z", max_z, low=1, high=10**7)
    lo, hi = 0, 1
    while double_spend_probability(q, hi) >= risk:
        lo, hi = hi, hi * 2
        if hi > max_z:
            raise ValueError(f"no z up to max_z={max_z} brings the risk below {risk:g} for q={q:g}")
    while lo < hi:  # P decreases in z: binary search for the first z below the risk
        mid = (lo + hi) // 2
        if double_spend_probability(q, mid) < risk:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _selfish_args(alpha, gamma):
    alpha = v.real_array("alpha", alpha, low=0.0, high=0.5)
    gamma = v.real_array("gamma", gamma, low=0.0, high=1.0)
    return alpha, gamma


def selfish_revenue(alpha, gamma):
    """Eyal–Sirer relative revenue of a selfish pool (arrays broadcast).

    >>> round(float(selfish_revenue(1 / 3, 0.0)), 6)          # at the threshold, R = alpha
    0.333333
    """
    a, g = _selfish_args(alpha, gamma)
    out = (a * (1 - a) ** 2 * (4 * a + g * (1 - 2 * a)) - a**3) / (1 - a * (1 + (2 - a) * a))
    return float(out) if out.ndim == 0 else out


def selfish_threshold(gamma):
    """Pool share above which selfish mining pays: ``(1 - gamma) / (3 - 2 gamma)``.

    >>> [round(float(selfish_threshold(g)), 4) for g in (0.0, 0.5, 1.0)]
    [0.3333, 0.25, 0.0]
    """
    g = v.real_array("gamma", gamma, low=0.0, high=1.0)
    out = (1 - g) / (3 - 2 * g)
    return float(out) if out.ndim == 0 else out


def simulate_selfish_mining(alpha: float, gamma: float, blocks: int = 1000, chains: int = 2000, seed: int = 0) -> float:
    """The pool's share of the main chain's blocks in a seeded run of Eyal–Sirer's state machine.

    ``chains`` independent chains of ``blocks`` block-finding events each, vectorised
    over chains (blocks still withheld at the end are not counted: a bias of order
    lead / blocks, under 0.5% at the defaults). States: the pool's private lead (0, 1, 2, ...) and the tie state 0'.
    Revenue is credited as in Eyal and Sirer's analysis (a block is counted when its
    fate is decided).

    >>> sim = simulate_selfish_mining(0.4, 0.5, seed=1)
    >>> abs(sim - selfish_revenue(0.4, 0.5)) < 0.005
    True
    """
    alpha = v.real("alpha", alpha, low=0.0, high=0.5)
    gamma = v.probability("gamma", gamma)
    blocks = v.integer("blocks", blocks, low=1, high=10**7)
    chains = v.integer("chains", chains, low=1, high=10_000)
    seed = v.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    lead = np.zeros(chains, np.int64)
    tie = np.zeros(chains, bool)              # the 0' state: two public branches of length 1
    pool = np.zeros(chains)
    honest = np.zeros(chains)
    for _ in range(blocks):
        u = rng.random(chains)
        pool_found = u < alpha
        # the tie (0'): pool finds -> pool +2; honest on the pool's branch -> pool +1, honest +1; else honest +2
        on_pool_branch = (~pool_found) & (u < alpha + gamma * (1 - alpha))
        t = tie
        pool += np.where(t & pool_found, 2, 0) + np.where(t & on_pool_branch, 1, 0)
        honest += np.where(t & on_pool_branch, 1, 0) + np.where(t & ~pool_found & ~on_pool_branch, 2, 0)
        # not in a tie
        n = ~t
        hf = n & ~pool_found                  # honest miners find a block
        honest += np.where(hf & (lead == 0), 1, 0)
        new_tie = hf & (lead == 1)
        pool += np.where(hf & (lead == 2), 2, 0) + np.where(hf & (lead > 2), 1, 0)
        lead = np.where(n & pool_found, lead + 1,
                        np.where(hf & (lead == 2), 0, np.where(hf & (lead > 2), lead - 1, np.where(hf, 0, lead))))
        lead = np.where(t, 0, lead)
        tie = new_tie
    return float(pool.sum() / (pool.sum() + honest.sum()))


def bft(n: int) -> dict:
    """Byzantine fault tolerance of ``n`` nodes: faults tolerated, quorum, and the overlap of two quorums.

    >>> bft(4), bft(100)["honest_in_overlap"]
    ({'n': 4, 'f': 1, 'quorum': 3, 'overlap': 2, 'honest_in_overlap': 1}, 1)
    """
    n = v.integer("n", n, low=1, high=10**9)
    f = (n - 1) // 3
    quorum = 2 * f + 1 if n == 3 * f + 1 else n - f   # the smallest quorum any two of which intersect in f + 1
    overlap = 2 * quorum - n
    return dict(n=n, f=f, quorum=quorum, overlap=overlap, honest_in_overlap=overlap - f)


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

    def days(self, epoch: int) -> float:
        """Epochs to days (6.4 minutes an epoch)."""
        return epoch * SLOTS_PER_EPOCH * SECONDS_PER_SLOT / 86_400


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

    >>> leak = inactivity_leak(0.5)
    >>> leak.finality_epoch, round(leak.days(leak.finality_epoch), 1)
    (4685, 20.8)
    """
    x = v.real("offline", offline, low=0.0, high=1.0, high_open=True)
    max_epochs = v.integer("max_epochs", max_epochs, low=1, high=10**6)
    balance = effective = MAX_EFFECTIVE_BALANCE
    score = 0
    bal, share = np.zeros(max_epochs + 1), np.zeros(max_epochs + 1)
    final = eject = None
    for t in range(max_epochs + 1):
        remaining = 0 if eject is not None else effective   # ejected validators leave the active set
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


def settlement_risk(window_minutes: float, *, attacker_share: float | None = None, depth: int | None = None,
                    block_minutes: float = 10.0, offline: float | None = None) -> float:
    """Chance that a settlement is not safe within ``window_minutes``.

    Proof of work (give ``attacker_share`` and ``depth``): the settlement waits ``depth``
    blocks if the window allows (``depth x block_minutes``), else as many as fit; the
    risk is the double-spend probability at that depth. Proof of stake (give
    ``offline``): finality takes two epochs (12.8 minutes) when at least 2/3 attest;
    with more offline it waits for the inactivity leak; the risk is 1 if the
    window ends first, else 0 (a deterministic protocol clock).

    >>> round(settlement_risk(60, attacker_share=0.3, depth=6), 4)        # an hour of Bitcoin blocks
    0.1321
    >>> settlement_risk(60, offline=0.2), settlement_risk(60, offline=0.4)
    (0.0, 1.0)
    """
    w = v.real("window_minutes", window_minutes, low=0.0, high=1e8)
    if (attacker_share is None) == (offline is None):
        raise ValueError("give either attacker_share and depth (proof of work) or offline (proof of stake), not both")
    if offline is not None:
        x = v.real("offline", offline, low=0.0, high=1.0, high_open=True)
        epoch_minutes = SLOTS_PER_EPOCH * SECONDS_PER_SLOT / 60
        if 3 * (1 - x) >= 2:
            needed = 2 * epoch_minutes
        else:
            leak = inactivity_leak(x, max_epochs=200_000)
            needed = math.inf if leak.finality_epoch is None else (leak.finality_epoch + 2) * epoch_minutes
        return 0.0 if w >= needed else 1.0
    if depth is None:
        raise ValueError("depth is needed with attacker_share (proof of work)")
    q = v.real("attacker_share", attacker_share, low=0.0, high=1.0)
    depth = v.integer("depth", depth, low=0, high=10**6)
    block = v.real("block_minutes", block_minutes, low=0.0, low_open=True, high=1e4)
    z = min(depth, int(w // block))
    return double_spend_probability(q, z)
