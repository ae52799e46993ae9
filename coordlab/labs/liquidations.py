"""Lab of notebook 05: keeper participation → probability of no bid, clearing discount, bad debt."""

from __future__ import annotations

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import auctions, behaviour
from coordlab.plotting.liquidations import KeeperFigure

__all__ = ["KeeperLab"]

N_GRID = np.arange(2, 51)


class KeeperLab(Lab):
    """Keepers deciding whether to bid at the height of a crash, and the bad debt each auction design leaves.

    >>> lab = KeeperLab()
    >>> print(lab.update(n_keepers=10, gas_cost=0.06, gas_spike=6.0, lam=20.0).splitlines()[0])
    At peak gas (cost 0.36 of the gain): each keeper bids with probability 0.14; nobody bids 23% of the time.
    """

    controls = (
        Slider("n_keepers", "keepers watching N", 2.0, 50.0, 1.0, 10.0),
        Slider("gas_cost", "normal gas cost (share of the gain)", 0.01, 0.09, 0.005, 0.08),
        Slider("gas_spike", "gas spike (multiple of normal)", 1.0, 10.0, 0.5, 6.0),
        Slider("lam", "keepers' rationality \u03bb", 0.1, 1000.0, 0.05, 20.0, log=True),
    )

    def make_figure(self):
        return KeeperFigure(n_max=50, debt_max=30.0)

    def compute(self, n_keepers, gas_cost, gas_spike, lam):
        n = int(round(n_keepers))
        peak = gas_cost * gas_spike  # at most 0.9 < 1 within the sliders
        qre = np.array([(1 - behaviour.volunteer_qre(int(k), 1.0, peak, lam)) ** int(k) for k in N_GRID])
        nash = np.array([behaviour.volunteer_dilemma(int(k), 1.0, peak).nobody for k in N_GRID])
        peak_outcome = auctions.auction_outcome(n, peak, lam)
        day = auctions.replay(n_keepers=n, gas_spike=gas_spike, lam=lam, base_gas_cost=gas_cost)
        return dict(n=n, peak=peak, qre=qre, nash=nash, outcome=peak_outcome, day=day, lam=lam, gas_cost=gas_cost,
                    gas_spike=gas_spike)

    def draw(self, r):
        d = r["day"]
        self.figure_object.update(N_GRID, r["qre"], r["nash"], r["n"], r["qre"][r["n"] - 2], d.hours,
                                  d.english_bad_debt, d.dutch_bad_debt)

    def summary(self, r):
        o, d = r["outcome"], r["day"]
        return (f"At peak gas (cost {r['peak']:.2f} of the gain): each keeper bids with probability "
                f"{o.participation:.2f}; nobody bids {o.p_no_bid:.0%} of the time.\n"
                f"Exactly one bidder {o.p_single_bid:.0%} of the time: the English auction sells for 0 DAI, the "
                f"Dutch one at a {o.dutch_discount:.0%} discount.\n"
                f"Over the crash day: bad debt {d.english_bad_debt[-1]:.1f} M DAI with flip, "
                f"{d.dutch_bad_debt[-1]:.1f} M DAI with clip (N = {r['n']} keepers, normal gas {r['gas_cost']:.3f}, "
                f"spike x{r['gas_spike']:g}, \u03bb = {r['lam']:.3g}).")
