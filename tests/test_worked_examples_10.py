"""Every number notebook 10's prose states, recomputed from coordlab (gtb's test_worked_examples pattern)."""

from __future__ import annotations

import numpy as np
import pytest

from coordlab.exercises import nb10
from coordlab.labs import NetworkLab
from coordlab.models import contagion as C
from notebook_tools import NOTEBOOK_DIR, markdown, read, worked_solution

NB10 = markdown(read(NOTEBOOK_DIR / "10_systemic_contagion.ipynb"))


def stated(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in NB10, f"the prose no longer says {phrase!r}"


def test_incident_figures():
    stated(
        "**15,250 BTC and \\$350 M USDC** (Voyager, June 2022)",
        "**\\$1.2 bn** hole",
        "over **\\$1 bn**",
        "about **\\$355 M** frozen on FTX and a **\\$671 M** loan to Alameda Research",
        "about **\\$175 M**",
        "about **\\$900 M** to the 340,000 users",
        "**\\$3.3 bn** of USDC's roughly \\$40 bn",
        "about **\\$0.87–0.88**",
        "about **\\$0.89–0.90**",
        "are approximate",
    )


def test_chain_and_published_examples():
    chain = C.Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [1.0, 0.5, 0.0])
    r = C.clear(chain)
    assert r.p.tolist() == [1.0, 1.5, 0.0] and r.wave.tolist() == [1, 2, 0] and r.equity.sum() == 1.5
    stated("pays 1.5 of its 2 and defaults in wave 2", "($p^* = (2, 2.2)$)")
    assert C.clear(C.Network([[0, 2], [2.2, 0]], [1, 1]), 0.5, 0.5).p.tolist() == [2.0, 2.2]


def test_figure_1_and_default_costs():
    lab = NetworkLab()
    lab.update(fund_loss=20.0, exchange_loss=0.0, alpha=0.5, beta=0.5)
    r = lab.result
    assert r["r"].wave.tolist() == [1, 2, 2, 0, 0, 0, 3, 0]
    paid = dict(zip(lab.debtors, np.round(r["paid"])))
    assert paid[0] == 45 and paid[1] == 30 and paid[2] == 43 and paid[6] == 18 and paid[3] == paid[4] == paid[5] == 100
    assert round(r["outside_loss"], 2) == 2.52
    stated(
        "the hedge fund about 45%, the prime broker about 30%, Lender V about 43%, the earn programme about 18%",
        "outside creditors lose 2.52 bn",
        "the fund pays 45%, three more institutions fail in two further waves",
    )
    lab.update(alpha=1.0, beta=1.0)
    en = lab.result
    assert (
        en["r"].wave.tolist() == [1, 0, 0, 0, 0, 0, 0, 0] and round(en["paid"][0]) == 90 and en["outside_loss"] < 1e-9
    )
    stated("sinks only the fund, which still pays 90% of its debts, and outside creditors lose nothing")


def test_correlated_shocks():
    net = C.random_network(30, 0.15, buffer=0.05, seed=3)
    calm = C.shock_scenarios(net, 0.25, 0.0, scenarios=500, seed=1)
    joint = C.shock_scenarios(net, 0.25, 0.8, scenarios=500, seed=1)
    assert round(calm.defaults.mean()) == 5 and calm.defaults.max() == 12 and (calm.defaults == 0).mean() < 0.01
    assert round((joint.defaults == 0).mean(), 2) == 0.32 and joint.defaults.max() == 21
    stated(
        "a narrow hump around 5 defaults",
        "more than 12",
        "about a third of scenarios have no default at all",
        "beyond 20 defaults",
    )


def test_random_network_equity_as_stated():
    """§4: `random_network`'s buffer is 5% of debts plus a floor of 0.05 (loans uniform on [0, 1]); median 7.5%
    here.
    """
    net = C.random_network(30, 0.15, buffer=0.05, seed=3)
    debts, claims = net.L.sum(axis=1), net.L.sum(axis=0)
    equity = net.e + claims - debts
    assert np.all(equity >= 0.05 * debts + 0.05 - 1e-12)
    assert round(float(np.median(equity / debts)), 3) == 0.075
    lenders = claims > 1.05 * debts + 0.05
    assert lenders.any() and np.all(equity[lenders] > 0.05 * debts[lenders] + 0.05)  # net lenders hold more
    assert np.allclose(equity[~lenders], 0.05 * debts[~lenders] + 0.05)
    stated(
        "5% of an institution's debts plus a floor of 0.05; a median of 7.5% of debts on this network",
        "equity 5% of debts plus a small floor",
    )


def _pct_range(values) -> str:
    return f"{round(100 * min(values))}–{round(100 * max(values))}%"


def test_correlated_shocks_across_seeds_and_settings():
    """§4 "What this rests on": the pattern over 20 networks and seeds, and at other buffers and shock sizes."""
    none_i, none_c, ten_i, ten_c, worst_c = [], [], [], [], []
    for seed in range(20):
        net = C.random_network(30, 0.15, buffer=0.05, seed=seed)
        a = C.shock_scenarios(net, 0.25, 0.0, scenarios=300, seed=seed + 100).defaults
        b = C.shock_scenarios(net, 0.25, 0.8, scenarios=300, seed=seed + 100).defaults
        assert abs(a.mean() - b.mean()) < 1
        none_i.append((a == 0).mean())
        none_c.append((b == 0).mean())
        ten_i.append((a >= 10).mean())
        ten_c.append((b >= 10).mean())
        worst_c.append(int(b.max()))
    stated(
        f"independent shocks leave no default in {_pct_range(none_i)} of scenarios and correlated ones in "
        f"{_pct_range(none_c)}",
        f"10 or more institutions fail in {_pct_range(ten_i)} against {_pct_range(ten_c)}",
        f"ranges from {min(worst_c)} to {max(worst_c)} across the 20 seeds",
        f"(no default in {_pct_range(none_c)} of correlated scenarios against {_pct_range(none_i)}, "
        "over 20 networks and seeds)",
    )
    ratios = []
    for buffer, sigma in ((0.10, 0.25), (0.20, 0.25), (0.05, 0.15), (0.05, 0.35)):
        net = C.random_network(30, 0.15, buffer=buffer, seed=3)
        a = C.shock_scenarios(net, sigma, 0.0, scenarios=300, seed=1).defaults
        b = C.shock_scenarios(net, sigma, 0.8, scenarios=300, seed=1).defaults
        assert abs(a.mean() - b.mean()) < 1 and (b == 0).mean() > (a == 0).mean() + 0.2
        ratios.append(b.max() / a.max())
    assert min(ratios) >= 1.5
    stated("a worst case at least one and a half times as large")


def test_opacity_and_usdc_dai():
    net = C.cefi_network()
    e = net.e.copy()
    e[C.CEFI_FUND] *= 0.7
    en, rv = C.opacity_gap(net, 6, e), C.opacity_gap(net, 6, e, 0.5, 0.5)
    assert en.seen_loss == rv.seen_loss == 0.0
    assert round(en.true_loss, 2) == 0.05 and round(rv.true_loss, 2) == 0.65 and round(rv.true_loss / 0.9, 2) == 0.72
    stated("0.05 bn without default costs and 0.65 bn, 72% of its loan, with them", "(0 expected, 0.65 bn lost)")
    # §5's heading and set-up (once lost when §4's robustness paragraph was added): the 0.9 bn loan the 72% is of
    assert net.L[1, 6] == pytest.approx(0.9) and np.flatnonzero(net.L[:, 6]).tolist() == [
        1
    ]  # the broker owes it 0.9 bn
    stated(
        "## 5. The cost of opacity",
        "The earn programme, which lent 0.9 bn to the prime broker, after a 30% loss at the fund:",
    )
    r = C.clear(C.usdc_dai_network(0.0))
    assert round(r.p[1] / 40, 4) == 0.9175 and round(r.p[2] / 5, 4) == 0.9505
    stated("USDC backed at 0.9175 and DAI at 0.9505 per dollar")
    stated("with less of USDC's reserve in one bank, the same failure would move the backing far less today")


def test_exercise_solutions():
    chain_ex = C.Network([[0, 2, 0], [0, 0, 2], [0, 0, 0]], [1.3, 0.45, 0.0])
    assert C.clear(chain_ex).p.tolist() == [1.3, 1.75, 0.0]
    assert C.clear(chain_ex, 0.6, 0.8).p[0] == pytest.approx(0.78) and C.clear(chain_ex, 0.6, 0.8).p[
        1
    ] == pytest.approx(0.894)
    e = C.cefi_network().e.copy()
    e[C.CEFI_FUND] *= 0.8
    e[C.CEFI_EXCHANGE] *= 0.6
    r = C.clear(C.cefi_network().with_external(e))
    assert r.wave.tolist() == [1, 0, 2, 0, 2, 1, 0, 0]
    paid = r.p / np.where(C.cefi_network().pbar > 0, C.cefi_network().pbar, 1)
    assert round(100 * paid[0]) == 90 and round(100 * paid[2]) == 98 and round(100 * paid[4]) == 95
    # Lender C lent only to the fund, which pays 90% of its debts; it stays solvent
    assert np.flatnonzero(C.cefi_network().L[:, 3]).tolist() == [0] and C.cefi_network().L[0, 3] == 0.08
    assert r.wave[3] == 0 and r.equity[3] > 0
    r = C.clear(C.usdc_dai_network(0.3, dai_usdc=4.0))
    assert r.p[1] == pytest.approx(36.7 + 0.99, rel=1e-12) and r.p[1] / 40 == pytest.approx(0.94225, rel=1e-12)
    assert r.p[2] / 5 == pytest.approx(0.9538, rel=1e-12) and 1 + 4 * 0.94225 == pytest.approx(4.769)
    # the learner who forgets SVB's recovery gets a number of its own, not USDC's backing (which 20% gave)
    forgot = C.clear(C.usdc_dai_network(0.0, dai_usdc=4.0)).p[2] / 5
    assert forgot == pytest.approx(0.934, rel=1e-12) and abs(forgot - r.p[1] / 40) > 5e-3
    stated(
        "$0.45 + 1.3 = 1.75 < 2$: it defaults too (wave 2) and pays **1.75**",
        "= 0.6 \\times 0.45 + 0.8 \\times 0.78 = 0.27 + 0.624 =$ **0.894**",
        "**4**. The hedge fund and the exchange",
        "about 98% and 95% of theirs",
        "paid about 90% by the fund",
        "lent only 0.08 bn to the fund, is paid 90% of it",
        "$0.3 \\times 3.3 = 0.99$",
        "$37.69$ for 40 bn of USDC, 0.94225 per USDC",
        "$(1 + 4 \\times 0.94225)/5 = 4.769/5 =$ **0.9538**",
        "the other 2 bn, other collateral, taken as safe",
    )
    other = C.usdc_dai_network(0.0)
    assert other.e[2] == 2.0 and C.clear(other).p[2] / 5 == pytest.approx((2 + 3 * 0.9175) / 5)


def _worked_solution(heading: str) -> dict:
    """The names the worked solution after exercise ``heading`` defines (its Python block, executed)."""
    return worked_solution(read(NOTEBOOK_DIR / "10_systemic_contagion.ipynb"), heading)


def _networks():
    """Small networks of every shape the exercise's cases use, and shocked copies of the lab's and random ones."""
    cefi = C.cefi_network()
    yield from (nb10.ROUND_CHAIN, nb10.ROUND_RING, nb10.ROUND_FED, nb10.ROUND_CEFI)
    for fund, exchange in ((0.2, 0.0), (0.3, 0.0), (0.2, 0.4), (0.5, 0.5), (0.9, 0.9)):
        e = cefi.e.copy()
        e[C.CEFI_FUND] *= 1 - fund
        e[C.CEFI_EXCHANGE] *= 1 - exchange
        yield cefi.L.tolist(), e.tolist()
    for seed in range(6):
        net = C.random_network(10, 0.3, buffer=0.05, seed=seed)
        shock = np.random.default_rng(seed).uniform(0.3, 1.0, net.n)
        yield net.L.tolist(), (net.e * shock).tolist()


def test_exercise_5_reference_is_one_round_of_clear():
    """coordlab has no function for one round: the exercise's reference (clear, with the unmarked nodes made
    solvent)
    run round after round from nobody marked reproduces clear's payments and default waves, and every case marks a
    set the algorithm reaches."""
    for L, e in _networks():
        net = C.Network(L, e)
        r = C.clear(net)
        marked = np.zeros(net.n, dtype=bool)
        wave = np.zeros(net.n, dtype=int)
        for k in range(1, net.n + 2):
            p = np.array(nb10._round_payments(L, e, marked.tolist()))
            new = (net.e + net.Pi.T @ p < net.pbar - 1e-9) & ~marked
            if not new.any():
                break
            marked |= new
            wave[new] = k
        assert np.allclose(p, r.p, rtol=1e-12, atol=1e-12) and wave.tolist() == r.wave.tolist()
    for L, e, defaulters in nb10._round_cases():
        assert defaulters in nb10._marked_in_rounds(L, e)
    assert len(nb10._round_cases()) >= 4


def test_exercise_5_worked_solution():
    fictitious_round = _worked_solution("### Exercise 5 (write it yourself)")["fictitious_round"]
    for L, e, defaulters in nb10._round_cases():
        assert np.allclose(fictitious_round(L, e, defaulters), nb10._round_payments(L, e, defaulters), rtol=1e-12)
    assert C.EXACT_MAX_NODES == 12
    r = C.clear(C.Network(*nb10.ROUND_CEFI), 0.5, 0.5)
    assert np.all((0 <= r.p) & (r.p <= C.cefi_network().pbar))
    stated(
        "`coordlab.models.contagion.clear` runs those rounds for you and records each node's default wave",
        "adds Rogers and Veraart's default costs $\\alpha$ and $\\beta$",
        "solves networks of up to 12 nodes in exact rational arithmetic",
        "### Exercise 6 (open design)",
    )


def test_cascade_needs_only_moderate_default_costs():
    """§3: with the fund at -20%, four institutions fail for any alpha up to 0.80 (whatever beta in [0.1, 1]), two
    or
    three from 0.81 to 0.93, only the fund from 0.94; the §3 description of who lent to whom."""
    net = C.cefi_network()
    e = net.e.copy()
    e[C.CEFI_FUND] *= 0.8
    shocked = net.with_external(e)
    betas = np.round(np.arange(0.1, 1.0001, 0.05), 2)

    def counts(alpha):
        return {int(C.clear(shocked, float(alpha), float(b)).defaulted.sum()) for b in betas}

    for alpha in np.round(np.arange(0.1, 1.0001, 0.01), 2):
        got = counts(alpha)
        if alpha <= 0.80:
            assert got == {4}, alpha
        elif alpha <= 0.93:
            assert got <= {2, 3}, alpha
        else:
            assert got == {1}, alpha
    # who lent to whom (row owes column): the fund to the broker, Lender V, Lender C and the crypto bank; the exchange
    # to
    # the crypto bank, Lender V and (0.18 bn) the prime broker
    fund, broker, lv, lc, bank, exch = range(6)
    assert set(np.flatnonzero(net.L[fund]).tolist()) == {broker, lv, lc, bank}
    assert set(np.flatnonzero(net.L[exch][:7]).tolist()) == {broker, lv, bank} and net.L[exch, broker] == pytest.approx(
        0.18
    )
    stated(
        "four institutions fail for any recovery $\\alpha$ on external assets up to 0.80 (whatever $\\beta$ in the "
        "lab's range), two or three from 0.81 to 0.93, and only the fund from 0.94 on",
        "about 30% of the failed bank's assets, a recovery near 0.7 (James 1991)",
        "(lab: 1 → 4 institutions for any $\\alpha \\le 0.8$)",
        "borrowed from a prime broker, two retail lenders (V and C) and a crypto bank",
        "borrowed from the crypto bank, Lender V and, a little, the prime broker",
    )


def test_figures_label_their_data():
    """Standard 2: the stylised network and the synthetic scenarios are labelled as such in the figures' captions."""
    stated(
        "Stylised data: the eight archetypes above, not a reconstruction.",
        "Synthetic data: one seeded random network and seeded shocks.",
    )
