"""coordlab.models.pegs: the redemption path of terra_spiral and the two-curve Ampleforth rule's name and sources."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.models import pegs
from shared_defaults import default, slider


def test_terra_spiral_constant_rate_is_the_default():
    """redemptions_growth_per_day=0 is the constant rate the lab and notebook 14 rely on, bit for bit."""
    a = pegs.terra_spiral(days=2, blocks_per_hour=20)
    b = pegs.terra_spiral(days=2, blocks_per_hour=20, redemptions_growth_per_day=0.0)
    for field in ("luna_price", "luna_supply", "spread", "ust_redeemed"):
        assert np.array_equal(getattr(a, field), getattr(b, field))


def test_terra_spiral_growing_redemptions():
    """The rate in hour t is q (1 + g)**(t / 24): a day later it is (1 + g) times higher; a growing run halts
    sooner.
    """
    g = 0.5
    p = pegs.terra_spiral(
        redemptions_per_day=0.1e9, market_depth=5e9, days=3, blocks_per_hour=10, redemptions_growth_per_day=g
    )
    assert p.ust_redeemed[1] == pytest.approx(0.1e9 / 24)
    assert p.ust_redeemed[25] / p.ust_redeemed[1] == pytest.approx(1 + g)
    assert p.ust_redeemed[49] / p.ust_redeemed[1] == pytest.approx((1 + g) ** 2)

    def halt(growth):
        path = pegs.terra_spiral(redemptions_per_day=0.5e9, market_depth=2e9, days=7, redemptions_growth_per_day=growth)
        hit = np.flatnonzero(path.luna_price < 1e-4)
        return int(hit[0]) if hit.size else None

    assert halt(1.0) < halt(0.5) < halt(0.25) < halt(0.0) and halt(-0.25) is None


@pytest.mark.parametrize("bad", [-1.0, -0.995, 10.5, float("nan")])
def test_terra_spiral_refuses_a_growth_out_of_range(bad):
    with pytest.raises(ValueError, match="redemptions_growth_per_day"):
        pegs.terra_spiral(days=1, blocks_per_hour=1, redemptions_growth_per_day=bad)


def test_the_two_curve_rule_is_named_for_what_it_computes():
    """No 'current' in the name: the rule is the contract's two curves (PR #297), whatever is live on a given day."""
    assert "ampleforth_rebase_two_curve" in pegs.__all__ and not hasattr(pegs, "ampleforth_rebase_current")
    doc = pegs.ampleforth_rebase_two_curve.__doc__
    assert "1d13ed3" in doc and "1 August 2025" in doc and "42" in doc
    assert "c22675c" in pegs.__doc__ and "PR #296" in pegs.__doc__
    # growth 42 (read on chain in March 2025) against the code's 45: within a point, the same lesson at 0.80
    for price in np.linspace(0.5, 2.0, 151):
        a = pegs.ampleforth_rebase_two_curve(price)
        b = pegs.ampleforth_rebase_two_curve(price, negative_growth=42.0, positive_growth=42.0)
        assert abs(a - b) < 0.005


def test_pegs_lab_shares_the_models_constants() -> None:
    """labs.pegs and the LP-spiral and Terra models take their defaults from the same constants."""

    from coordlab.labs import pegs as lab
    from coordlab.models import pegs as m

    assert lab.HALT_PRICE is m.TERRA_HALT_PRICE == 1e-4
    assert default(m.terra_spiral, "halt_price") is m.TERRA_HALT_PRICE
    assert default(m.terra_halt_hours, "halt_price") is m.TERRA_HALT_PRICE
    assert (lab.SIGMA0, lab.BETA) == (m.LP_SIGMA0, m.LP_BETA) == (0.5, 1.0)
    for f in (m.critical_depth, m.lp_spiral):
        assert (default(f, "sigma0"), default(f, "beta"), default(f, "sigma_max")) == (
            m.LP_SIGMA0,
            m.LP_BETA,
            m.LP_SIGMA_MAX,
        )
    assert slider(lab.LiquidityTrapLab, "tolerance") == m.LP_SIGMA_MAX == 1.0
    assert slider(lab.LiquidityTrapLab, "eta") == default(m.lp_spiral, "eta") == m.LP_ETA == 0.5
    assert default(m.lp_spiral, "shock_period") == m.LP_SHOCK_PERIOD == 5
    assert lab.TerraLab.days == default(m.terra_spiral, "days") == m.TERRA_DAYS == 5
    assert slider(lab.TerraLab, "base_pool") * 1e6 == default(m.terra_spiral, "base_pool") == m.TERRA_BASE_POOL == 50e6
    assert (
        slider(lab.TerraLab, "recovery") == default(m.terra_spiral, "recovery_blocks") == m.TERRA_RECOVERY_BLOCKS == 36
    )
