"""Notebook 01's lab prompts are claims: each item above BankRunLab and GlobalGameLab, driven to its setting.

See tests/test_lab_prompts.py. Both labs are deterministic (closed forms and a root finder), so the
values are checked exactly, and each claim over the whole slider range where the prompt leaves a control free.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from coordlab.labs import BankRunLab, GlobalGameLab
from coordlab.models import bank_run

LAMS = np.round(np.arange(0.05, 0.9 + 1e-9, 0.05), 2)  # BankRunLab's λ slider
RS = np.round(np.arange(1.1, 3.0 + 1e-9, 0.05), 2)  # its R slider
GAMMAS = np.round(np.arange(0.5, 5.0 + 1e-9, 0.1), 1)  # its γ slider
RUN_SHARES = np.round(np.arange(0.0, 0.98 + 1e-9, 0.02), 2)  # its run-share slider
ALPHAS = np.round(np.arange(0.1, 5.0 + 1e-9, 0.1), 1)  # GlobalGameLab's α slider
COSTS = np.round(np.arange(0.05, 0.95 + 1e-9, 0.05), 2)  # its c slider
# GlobalGameLab's β slider is logarithmic from 0.5 in steps of 0.05 in log10: "β = 1" is 1.0 typed in,
# or 0.9976 (10 ** (log10 0.5 + 0.3)), the nearest value the dragged slider stops at.
BETAS_NEAR_1 = (1.0, 10 ** (math.log10(0.5) + 0.3))


@pytest.fixture(scope="module")
def bank():
    return BankRunLab()


@pytest.fixture(scope="module")
def gg():
    return GlobalGameLab()


# --- BankRunLab: "(1) raise the run share until the dot enters the run region (2) γ below 1 (3) γ at 2, higher R" ---


def test_prompt_01_BankRunLab_1(bank):
    """At the defaults the dot enters the run region at a run share of 0.46: the first slider step past 44.9%."""
    k = bank.compute(impatient_share=0.25, R=1.5, gamma=2.0, run_share=0.0)["contract"]
    assert k.run_threshold == pytest.approx(0.5871, abs=5e-5)
    needed = (k.run_threshold - k.impatient_share) / (1 - k.impatient_share)
    assert needed == pytest.approx(0.449, abs=5e-4)  # "about 45%", as the text says

    def runs(share):  # the dot is in the run region
        r = bank.compute(impatient_share=0.25, R=1.5, gamma=2.0, run_share=float(share))
        return r["c2_now"] < r["contract"].c1

    running = [s for s in RUN_SHARES if runs(s)]
    assert running[0] == pytest.approx(0.46)  # the first step where waiting loses ...
    assert all(s in running for s in RUN_SHARES if s >= 0.46)  # ... and every step after it
    text = bank.update(impatient_share=0.25, R=1.5, gamma=2.0, run_share=0.44)
    assert text.endswith("waiting pays 1.169 >= c1 = 1.160, so the patient should wait.")
    text = bank.update(run_share=0.46)
    assert text.endswith("waiting pays 1.148 < c1 = 1.160, so the patient should run too.")


def test_prompt_01_BankRunLab_2(bank):
    """Below γ = 1 the run region is gone, at every λ and R: c1 < 1, so waiting always pays more than running."""
    for gamma in GAMMAS[GAMMAS < 1]:  # 0.5 … 0.9
        for lam in LAMS:
            for R in RS:
                k = bank_run.optimal_contract(impatient_share=float(lam), R=float(R), gamma=float(gamma))
                assert k.c1 < 1 and not k.run_equilibrium and k.run_threshold == math.inf, (gamma, lam, R)
        r = bank.compute(
            impatient_share=0.25, R=1.5, gamma=float(gamma), run_share=0.98
        )  # even with 98% of the patient out
        assert r["c2_now"] > r["contract"].R > r["contract"].c1
    text = bank.update(impatient_share=0.25, R=1.5, gamma=0.9, run_share=0.98)
    assert "c1 <= 1: waiting always pays at least R > c1, so there is no run equilibrium." in text
    assert text.endswith("so the patient should wait.")
    assert bank.compute(impatient_share=0.25, R=1.5, gamma=2.0, run_share=0.0)[
        "contract"
    ].run_equilibrium  # the γ > 1 arm


def test_prompt_01_BankRunLab_3(bank):
    """At γ = 2 a higher R *lowers* the run threshold (0.587 at R = 1.5, 0.525 at 3): the contract promises more
    now.
    """
    at = {float(R): bank.compute(impatient_share=0.25, R=float(R), gamma=2.0, run_share=0.0)["contract"] for R in RS}
    thresholds = np.array([k.run_threshold for k in at.values()])
    c1 = np.array([k.c1 for k in at.values()])
    assert np.all(np.diff(thresholds) < 0) and np.all(np.diff(c1) > 0)  # steadily, over the whole slider
    assert at[1.5].run_threshold == pytest.approx(0.5871, abs=5e-5)
    assert at[3.0].run_threshold == pytest.approx(0.5245, abs=5e-5)
    assert (at[1.5].c1, at[3.0].c1) == (pytest.approx(1.1596, abs=5e-5), pytest.approx(1.4641, abs=5e-5))
    for lam in LAMS[::3]:  # not an accident of λ or of γ = 2
        for gamma in GAMMAS[GAMMAS > 1][::5]:
            th = [
                bank_run.optimal_contract(impatient_share=float(lam), R=float(R), gamma=float(gamma)).run_threshold
                for R in RS
            ]
            assert all(b < a for a, b in zip(th, th[1:])), (lam, gamma)


# --- GlobalGameLab: "(1) c = z = 0.5, β = 1, raise α (2) defaults, z from 1 to 0 at β = 1000 and 1 (3) raise c
#      (4) α from 2 to 4 at z = 1, then at z = 0.5" ---

DEFAULTS = dict(c=0.3, alpha=2.0, beta=4.0, z=1.0)


def test_globalgamelab_defaults_are_the_prompts_defaults(gg):
    assert {c.name: c.value for c in gg.controls} == DEFAULTS


def test_prompt_01_GlobalGameLab_1(gg):
    """At c = z = 0.5 and β = 1 the curve bends back at α = 2.6, the first step past √(2π) = 2.507: three crossings."""
    for beta in BETAS_NEAR_1:
        counts = {float(a): len(gg.compute(c=0.5, alpha=float(a), beta=beta, z=0.5)["eq"].theta_star) for a in ALPHAS}
        assert {a for a, n in counts.items() if n == 1} == {a for a in counts if a <= 2.5}, beta
        assert {a for a, n in counts.items() if n == 3} == {a for a in counts if a >= 2.6}, beta
    r = gg.compute(c=0.5, alpha=2.6, beta=1.0, z=0.5)
    assert [round(t, 3) for t in r["eq"].theta_star] == [0.318, 0.5, 0.682]
    gap = r["lhs"] - r["rhs"]  # the plotted curve crosses three times
    assert np.count_nonzero(np.diff(np.sign(gap))) == 3
    text = gg.update(c=0.5, alpha=2.6, beta=1.0, z=0.5)
    assert text.startswith(
        "alpha/sqrt(beta) = 2.60 > sqrt(2 pi) = 2.51: public information dominates, and there are 3 equilibria"
    )
    assert text.endswith("With several equilibria the failure probability is not pinned down.")


def test_prompt_01_GlobalGameLab_2(gg):
    """Bad news (z from 1 to 0, at the defaults' c = 0.3, α = 2) moves θ* by 0.022 with precise private signals
    (β = 1000, from 0.693 to 0.716) and by 0.657 at β = 1 (from 0.341 to 0.998)."""

    def theta(beta, z):
        eq = gg.compute(c=0.3, alpha=2.0, beta=beta, z=z)["eq"]
        assert len(eq.theta_star) == 1
        return eq.theta_star[0]

    precise = theta(1000.0, 0.0) - theta(1000.0, 1.0)
    vague = theta(1.0, 0.0) - theta(1.0, 1.0)
    assert (round(theta(1000.0, 1.0), 3), round(theta(1000.0, 0.0), 3)) == (0.693, 0.716)
    assert (round(theta(1.0, 1.0), 3), round(theta(1.0, 0.0), 3)) == (0.341, 0.998)
    assert precise == pytest.approx(0.022, abs=5e-4) and vague == pytest.approx(0.657, abs=5e-4)
    assert vague > 25 * precise
    assert theta(BETAS_NEAR_1[1], 0.0) - theta(BETAS_NEAR_1[1], 1.0) == pytest.approx(0.657, abs=3e-3)  # dragged "1"
    zs = np.round(np.arange(0.0, 1.0 + 1e-9, 0.05), 2)  # and steadily along the way
    for beta in (1000.0, 1.0):
        th = [theta(beta, float(z)) for z in zs]
        assert all(b < a for a, b in zip(th, th[1:])), beta
    assert "theta* = 0.998" in gg.update(c=0.3, alpha=2.0, beta=1.0, z=0.0)


def test_prompt_01_GlobalGameLab_3(gg):
    """At the defaults a higher cost of attacking lowers θ* and the failure probability at every step of c
    (θ* from 0.977 at c = 0.05 to 0.001 at c = 0.95; the probability from 48.7% to 7.9%); also where (2) leaves it."""
    for s in (dict(alpha=2.0, beta=4.0, z=1.0), dict(alpha=2.0, beta=1000.0, z=0.0), dict(alpha=2.0, beta=1.0, z=0.0)):
        rs = [gg.compute(c=float(c), **s) for c in COSTS]
        assert all(len(r["eq"].theta_star) == 1 for r in rs), s
        th = [r["eq"].theta_star[0] for r in rs]
        p = [r["risk"] for r in rs]
        assert all(b < a for a, b in zip(th, th[1:])) and all(b < a for a, b in zip(p, p[1:])), s
    at = {float(c): gg.compute(**(DEFAULTS | dict(c=float(c)))) for c in (0.05, 0.3, 0.95)}
    assert [round(at[c]["eq"].theta_star[0], 3) for c in (0.05, 0.3, 0.95)] == [0.977, 0.593, 0.001]
    assert "probability Phi(sqrt(alpha)(theta* - z)) = 48.7%." in gg.update(**(DEFAULTS | dict(c=0.05)))
    assert "probability Phi(sqrt(alpha)(theta* - z)) = 7.9%." in gg.update(**(DEFAULTS | dict(c=0.95)))


def test_prompt_01_GlobalGameLab_4(gg):
    """Disclosure (α from 2 to 4): good news (z = 1) → failure probability falls, 28.2% to 5.3%; bad news (z = 0.5)
    → it rises, 68.3% to 81.6%; steadily at every slider step, with one equilibrium throughout."""
    steps = np.round(np.arange(2.0, 4.0 + 1e-9, 0.1), 1)
    for z, falls in ((1.0, True), (0.5, False)):
        rs = [gg.compute(c=0.3, alpha=float(a), beta=4.0, z=z) for a in steps]
        assert all(len(r["eq"].theta_star) == 1 for r in rs)
        p = [r["risk"] for r in rs]
        assert all((b < a) if falls else (b > a) for a, b in zip(p, p[1:])), z
    for z, before, after in ((1.0, "28.2%", "5.3%"), (0.5, "68.3%", "81.6%")):
        assert gg.update(c=0.3, alpha=2.0, beta=4.0, z=z).endswith(f"= {before}.")
        assert gg.update(c=0.3, alpha=4.0, beta=4.0, z=z).endswith(f"= {after}.")
