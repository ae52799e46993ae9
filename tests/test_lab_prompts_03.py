"""Notebook 03's lab prompts are claims: each item above FeeSwitchLab and PowerIndexLab, driven to its setting.

See tests/test_lab_prompts.py. Both labs are deterministic (closed forms, exact power indices), so values
are checked exactly; where a prompt names weights, the answer is also checked one slider step away from
each of them, so that it does not hang on a coalition that reaches the quota by a hair.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from coordlab.labs import FeeSwitchLab, PowerIndexLab

ETAS = np.round(np.arange(0.0, 3.0 + 1e-9, 0.1), 1)  # FeeSwitchLab's η slider
KAPPAS = np.round(np.arange(0.05, 1.0 + 1e-9, 0.05), 2)  # its κ slider
BLOCS = np.round(np.arange(0.0, 1.0 + 1e-9, 0.01), 2)  # its token-bloc slider


@pytest.fixture(scope="module")
def fee():
    return FeeSwitchLab()


@pytest.fixture(scope="module")
def power():
    return PowerIndexLab()


def fraction(x: float) -> Fraction:
    return Fraction(x).limit_denominator(1000)


# --- FeeSwitchLab: "(1) token bloc across 50% (2) raise η (3) a vote that picks a Pareto-dominated φ?" ---


def test_prompt_03_FeeSwitchLab_1(fee):
    """The vote does not slide: it sits at the LPs' 0 up to 49% and jumps to φ* = 0.75 from 51% on."""
    votes = {float(b): fee.compute(phi=0.2, eta=1.0, kappa=0.5, token_bloc=float(b))["vote"] for b in BLOCS}
    assert all(v == 0.0 for b, v in votes.items() if b < 0.5)  # LPs' ideal: no fee switch
    assert all(v == pytest.approx(0.75) for b, v in votes.items() if b > 0.5)  # token holders' φ*
    assert votes[0.51] - votes[0.49] == pytest.approx(0.75)  # the whole jump within two steps
    assert fee.update(phi=0.2, eta=1.0, kappa=0.5, token_bloc=0.49).endswith(
        "With 49% of the votes held by pure token holders, the vote picks phi = 0.00."
    )
    assert fee.update(token_bloc=0.51).endswith(
        "With 51% of the votes held by pure token holders, the vote picks phi = 0.75."
    )


def test_prompt_03_FeeSwitchLab_2(fee):
    """A higher η lowers φ* (1 at η = 0, 0.75 at 1, 0.625 at 3) and so widens the hatched range φ* … 1."""
    opt = [fee.compute(phi=0.2, eta=float(e), kappa=0.5, token_bloc=0.4)["curve"].token_optimum for e in ETAS]
    assert all(b < a for a, b in zip(opt, opt[1:]))
    assert (opt[0], opt[10], opt[-1]) == (pytest.approx(1.0), pytest.approx(0.75), pytest.approx(0.625))
    hatched = [
        float(np.mean(~fee.compute(phi=0.2, eta=float(e), kappa=0.5, token_bloc=0.4)["curve"].pareto_efficient))
        for e in (0.0, 1.0, 3.0)
    ]
    assert hatched[0] == 0.0 and hatched[0] < hatched[1] < hatched[2]  # none at η = 0; then more and more
    for kappa in KAPPAS[::3]:  # whatever κ is
        o = [
            fee.compute(phi=0.2, eta=float(e), kappa=float(kappa), token_bloc=0.4)["curve"].token_optimum for e in ETAS
        ]
        assert all(b < a for a, b in zip(o, o[1:])), kappa
    assert fee.update(phi=0.2, eta=3.0, kappa=0.5, token_bloc=0.4).startswith(
        "Token holders' revenue peaks at phi* = 0.625"
    )


def test_prompt_03_FeeSwitchLab_3(fee):
    """It cannot: every voter's ideal is at most φ*, so the weighted median is too; only φ set by hand is dominated."""
    for eta in ETAS[::5]:
        for kappa in KAPPAS[::4]:
            for bloc in BLOCS[::10]:
                r = fee.compute(phi=0.2, eta=float(eta), kappa=float(kappa), token_bloc=float(bloc))
                assert r["vote"] <= r["curve"].token_optimum + 1e-12, (eta, kappa, bloc)
                assert r["vote"] in (0.0, pytest.approx(r["curve"].token_optimum)), (eta, kappa, bloc)
    assert "Pareto-dominated" in fee.update(phi=0.9, eta=1.0, kappa=0.5, token_bloc=1.0)  # the φ slider can be ...
    assert fee.result["vote"] == pytest.approx(0.75)  # ... the vote is not


# --- PowerIndexLab: "(1) 45, 45, 3, 2 and E's 5 (2) defaults at a 67% quota: a veto (3) a powerless holder" ---


def test_prompt_03_PowerIndexLab_1(power):
    """With 5% of the tokens E has 3/13 = 23% of the Banzhaf power (7/30 Shapley–Shubik): 4.6 times its share."""
    text = power.update(a=45, b=45, c=3, d=2, quota=51)
    r = power.result
    assert r["w"].sum() == 100 and r["share"][4] == pytest.approx(0.05)
    assert [fraction(x) for x in r["bz"]] == [Fraction(4, 13)] * 2 + [Fraction(1, 13)] * 2 + [Fraction(3, 13)]
    assert fraction(r["ss"][4]) == Fraction(7, 30)
    assert r["bz"][4] / r["share"][4] == pytest.approx(60 / 13)
    assert text.endswith("Largest gap between tokens and power: delegate E, 5% of tokens against 23% of Banzhaf power.")
    for step in (
        dict(a=44),
        dict(a=46),
        dict(b=44),
        dict(b=46),
        dict(c=2),
        dict(c=4),
        dict(d=1),
        dict(d=3),
        dict(quota=50),
        dict(quota=52),
    ):  # no coalition wins by a hair
        w = {**dict(a=45, b=45, c=3, d=2, quota=51), **step}
        assert fraction(power.compute(**w)["bz"][4]) == Fraction(3, 13), step


def test_prompt_03_PowerIndexLab_2(power):
    """At the default weights a 67% quota gives A, and only A, a veto (the others hold 65): its power rises to 40% /
    50%.
    """
    before = power.compute(a=35, b=30, c=20, d=10, quota=51)
    after = power.compute(a=35, b=30, c=20, d=10, quota=67)
    w, q = after["w"], after["q"]
    vetoes = [i for i in range(5) if w.sum() - w[i] < q]
    assert vetoes == [0]
    assert not [i for i in range(5) if before["w"].sum() - before["w"][i] < before["q"]]  # nobody at 51%
    assert (before["bz"][0], after["bz"][0]) == (pytest.approx(0.36), pytest.approx(0.40))
    assert (before["ss"][0], after["ss"][0]) == (pytest.approx(11 / 30), pytest.approx(0.5))
    for quota in (66, 68):  # not an edge of the quota slider
        r = power.compute(a=35, b=30, c=20, d=10, quota=quota)
        assert [i for i in range(5) if r["w"].sum() - r["w"][i] < r["q"]] == [0], quota
    assert power.update(a=35, b=30, c=20, d=10, quota=67).startswith(
        "Quota 67% of 100 tokens. Delegate A: 35% of the tokens, 40% of the Banzhaf power, 50% of the Shapley"
    )


def test_prompt_03_PowerIndexLab_3(power):
    """Such weights exist: A with 60 of 68 tokens decides alone, so B, C, D and E (1, 1, 1, 5 tokens) have no power."""
    text = power.update(a=60, b=1, c=1, d=1, quota=51)
    r = power.result
    assert list(r["bz"]) == pytest.approx([1, 0, 0, 0, 0]) and list(r["ss"]) == pytest.approx([1, 0, 0, 0, 0])
    assert list(r["bz"][1:]) == [0.0] * 4  # exactly: never decisive
    assert text.endswith(
        "Powerless (never decisive) despite holding tokens: delegate B, delegate C, delegate D, delegate E."
    )
    text = power.update(a=35, b=30, c=20, d=10, quota=71)  # without a dictator: E, at a high quota
    assert list(power.result["bz"][:4] > 0) == [True] * 4 and power.result["bz"][4] == 0.0
    assert text.endswith("Powerless (never decisive) despite holding tokens: delegate E.")
    assert "Powerless" not in power.update(a=35, b=30, c=20, d=10, quota=51)  # the defaults have none
