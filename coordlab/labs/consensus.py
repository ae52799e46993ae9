"""Lab of notebook 11: attacker share and confirmations (double spend), and gamma (selfish mining)."""

from __future__ import annotations

from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import consensus
from coordlab.plotting.consensus import ConsensusFigure

__all__ = ["ConsensusLab"]

MAX_Z = 60
_Z = np.arange(MAX_Z + 1)
_ALPHA = np.linspace(0.0, 0.5, 101)


class ConsensusLab(Lab):
    """Attacker's share, confirmations waited, and gamma → double-spend risk and selfish-mining gain.

    >>> lab = ConsensusLab()
    >>> print(lab.update(q=0.1, z=6.0, gamma=0.0).splitlines()[0])
    An attacker with 10% of the hash rate reverses a payment 6 blocks deep with probability 0.0243%; 0.1% needs 5
    confirmations.
    """

    controls = (
        Slider("q", "attacker's share of hash rate q", 0.01, 0.49, 0.01, 0.30),
        Slider("z", "confirmations waited z", 0.0, float(MAX_Z), 1.0, 6.0),
        Slider("gamma", "\u03b3: honest miners who build on the attacker's block in a tie", 0.0, 1.0, 0.05, 0.5),
    )

    def make_figure(self) -> ConsensusFigure:
        return ConsensusFigure(max_z=MAX_Z)

    def compute(self, *, q: float, z: float, gamma: float) -> dict[str, Any]:
        depth = int(z + 1e-9)  # the slider moves in whole blocks
        prob = np.array([consensus.double_spend_probability(q, int(k)) for k in _Z])
        gain = consensus.selfish_revenue(_ALPHA, gamma) - _ALPHA
        need = consensus.confirmations_needed(q, consensus.CONFIRMATION_RISK)
        threshold = consensus.selfish_threshold(gamma)
        return dict(
            q=q,
            z=depth,
            gamma=gamma,
            prob=prob,
            gain=gain,
            need=need,
            threshold=threshold,
            my_gain=consensus.selfish_revenue(q, gamma) - q,
        )

    def draw(self, r: dict[str, Any]) -> None:
        self.figure_object.update(
            confirmations=_Z,
            double_spend_probability=np.maximum(r["prob"], 1e-300),
            my_confirmations=r["z"],
            my_double_spend_probability=max(r["prob"][r["z"]], 1e-300),
            hash_share=_ALPHA,
            selfish_gain=r["gain"],
            selfish_threshold=r["threshold"],
            my_hash_share=r["q"],
            my_selfish_gain=r["my_gain"],
        )

    def summary(self, r: dict[str, Any]) -> str:
        p = r["prob"][r["z"]]
        first = (
            f"An attacker with {r['q']:.0%} of the hash rate reverses a payment {r['z']} blocks deep with "
            f"probability {p:.4%}; 0.1% needs {r['need']} confirmations."
        )
        verdict = "pays" if r["q"] > r["threshold"] else "does not pay"
        return first + (
            f"\nSelfish mining with \u03b3 = {r['gamma']:.2f}: profitable above \u03b1 = {r['threshold']:.3f}; "
            f"at {r['q']:.0%} it {verdict} ({r['my_gain']:+.3f} of all blocks versus honest mining)."
        )
