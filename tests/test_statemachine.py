"""The loan and auction state machines: stateful property tests of their invariants, replay, guards."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from coordlab.models import statemachine as sm
from coordlab.models.statemachine import RAY, WAD, IllegalTransition
from shared_defaults import slider

E18, E6, E8 = 10**18, 10**6, 10**8


class LoanMachine(RuleBasedStateMachine):
    """Random event sequences against an Aave v3.0 loan; every refused event must be one the guards forbid."""

    def __init__(self):
        super().__init__()
        self.s = sm.step(sm.Loan(), ("deposit", 10 * E18))
        self.log = [("deposit", 10 * E18)]

    def _try(self, event):
        before = self.s
        try:
            self.s = sm.step(self.s, event)
            self.log.append(event)
            return True
        except IllegalTransition:
            assert self.s is before  # a refused event changes nothing
            return False

    @rule(price=st.integers(100 * E8, 4000 * E8))
    def price(self, price):
        assert self._try(("price", price))

    @rule(amount=st.integers(1, 5 * E18))
    def deposit(self, amount):
        was = self.s
        assert self._try(("deposit", amount)) == (was.status not in ("bad_debt", "closed"))

    @rule(amount=st.integers(1, 20_000 * E6))
    def borrow(self, amount):
        was = self.s
        ok = self._try(("borrow", amount))
        if not ok and was.status not in ("bad_debt", "closed"):
            after = sm.Loan(**{**was.__dict__, "user_debt": was.user_debt + amount})
            assert after.hf < WAD  # the only guard on borrow: HF would fall below 1

    @rule(amount=st.integers(1, 20_000 * E6))
    def repay(self, amount):
        self._try(("repay", amount))

    @rule(amount=st.integers(1, 10 * E18))
    def withdraw(self, amount):
        self._try(("withdraw", amount))

    @rule(cover=st.integers(1, 40_000 * E6), sentinel=st.booleans())
    def liquidate(self, cover, sentinel):
        was = self.s
        ok = self._try(("liquidate", cover, sentinel))
        allowed = was.status == "liquidatable" and (sentinel or was.hf < 95 * 10**16)
        assert ok == allowed, (was, cover, sentinel)
        if ok:
            # liquidation only when allowed; the close factor caps the repayment
            cap = was.user_debt // 2 if was.hf > 95 * 10**16 else was.user_debt
            assert self.s.repaid_by_liquidators - was.repaid_by_liquidators <= cap + 1

    @invariant()
    def collateral_is_conserved(self):
        s = self.s
        assert s.user_collateral + s.withdrawn + s.to_liquidators + s.to_treasury == s.deposited

    @invariant()
    def nothing_negative_and_status_consistent(self):
        s = self.s
        assert s.user_debt >= 0 and s.user_collateral >= 0
        assert s.status in sm.LOAN_STATUSES
        if s.status == "bad_debt":
            assert s.user_collateral == 0 and s.user_debt > 0

    @invariant()
    def replay_reaches_the_same_state(self):
        run = sm.replay(sm.Loan(), self.log)
        assert run.final == self.s and run.digest == sm.state_hash(self.s)


TestLoanMachine = LoanMachine.TestCase
TestLoanMachine.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)


def _base(s) -> tuple[int, int]:
    """The loan's collateral and debt in the oracle's base currency (USD, 8 decimals), as LiquidationLogic floors
    them.
    """
    return s.user_collateral * s.collateral_price // E18, s.user_debt * E8 // E6


class LoanMachineV33(RuleBasedStateMachine):
    """Random event sequences against an Aave v3.3 loan (``Loan(rules="v3.3")``, aave-v3-origin v3.3.0).

    Invariants after every step: nothing negative, collateral conserved, every unit of debt accounted for
    (borrowed = repaid by the user + repaid by liquidators + burned into the deficit + still owed), a deficit only
    on an account with no collateral and no debt left, and never debt on an account without collateral. After each
    accepted liquidation: no dust below MIN_LEFTOVER_BASE ($1,000) unless the debt or the collateral is cleared; the
    repayment within v3.3's close factor (50% only for HF > 0.95 with $2,000 or more on both sides); and the health
    factor moving as the theory says (up above LT x bonus, down below it). A liquidation the guards allow is refused
    only as the contract reverts, for dust, and never when the 100% close factor lets it clear the debt.
    """

    def __init__(self):
        super().__init__()
        self.log = [("deposit", 10 * E18), ("borrow", 12_000 * E6)]  # 20,000 USD of ETH, HF 1.375
        self.s = sm.replay(sm.Loan(rules="v3.3", bonus_bps=10_800), self.log).final
        self.borrowed, self.repaid = 12_000 * E6, 0

    @initialize(small=st.booleans())
    def start(self, small):
        """Half the runs start from a small position (1 ETH against 1,200 USDC), under v3.3's $2,000 line."""
        if small:
            self.log = [("deposit", E18), ("borrow", 1_200 * E6)]
            self.s = sm.replay(sm.Loan(rules="v3.3", bonus_bps=10_800), self.log).final
            self.borrowed = 1_200 * E6

    def _try(self, event):
        before = self.s
        try:
            self.s = sm.step(self.s, event)
            self.log.append(event)
            return True
        except IllegalTransition as refused:
            assert self.s is before  # a refused event changes nothing
            self.refusal = str(refused)
            return False

    # Amounts are drawn as shares of the position, so that sequences reach the liquidation region, small and large
    # positions, and both sides of v3.3's $2,000 and $1,000 lines (raw integers would be mostly tiny).
    @rule(move=st.integers(-40, 20))
    def price(self, move):
        assert self._try(("price", max(self.s.collateral_price * (100 + move) // 100, 1)))

    @precondition(lambda self: self.s.user_collateral > 0 and self.s.user_debt > 0)
    @rule(hf=st.integers(85, 105))
    def price_to_health_factor(self, hf):
        """A price that puts HF at about hf / 100: near the lines (1, 0.95, LT x bonus) where the rules part."""
        s = self.s
        assert self._try(
            ("price", max(hf * s.user_debt * 100 * 10_000 * E18 // (100 * s.lt_bps * s.user_collateral), 1))
        )

    @rule(eth=st.integers(1, 5 * E18))
    def deposit(self, eth):
        self._try(("deposit", eth))

    @rule(usage=st.integers(1, 105))
    def borrow(self, usage):
        room = (
            self.s.user_collateral * self.s.collateral_price // E18 * self.s.lt_bps // 10_000 // 100 - self.s.user_debt
        )
        amount = max(room * usage // 100, 1)
        if self._try(("borrow", amount)):
            self.borrowed += amount

    @rule(share=st.integers(1, 60))
    def repay(self, share):
        was = self.s
        if self._try(("repay", max(was.user_debt * share // 100, 1))):
            self.repaid += was.user_debt - self.s.user_debt

    @rule(share=st.integers(1, 100))
    def withdraw(self, share):
        self._try(("withdraw", max(self.s.user_collateral * share // 100, 1)))

    @rule(share=st.integers(1, 110), sentinel=st.booleans())
    def liquidate(self, share, sentinel):
        self._liquidate(share, sentinel)

    @precondition(lambda self: self.s.status == "liquidatable")
    @rule(share=st.one_of(st.just(110), st.integers(1, 110)), sentinel=st.booleans())
    def liquidate_when_liquidatable(self, share, sentinel):
        self._liquidate(share, sentinel)

    def _liquidate(self, share, sentinel):
        was = self.s
        cover = max(was.user_debt * share // 100, 1) if share <= 100 else 10**30  # over 100: "all you allow"
        coll_base, debt_base = _base(was)
        allowed = was.status == "liquidatable" and (sentinel or was.hf < 95 * 10**16)
        half = was.hf > 95 * 10**16 and coll_base >= 2000 * E8 and debt_base >= 2000 * E8
        ok = self._try(("liquidate", cover, sentinel))
        if not allowed:
            assert not ok
            return
        if not ok:  # the only refusal left is the contract's dust revert
            assert "MUST_NOT_LEAVE_DUST" in self.refusal, self.refusal
            assert half or cover < was.user_debt  # offering the whole debt under a 100% close factor clears it
            return
        after = self.s
        repaid = after.repaid_by_liquidators - was.repaid_by_liquidators
        assert 0 < repaid <= (was.user_debt // 2 + 1 if half else was.user_debt)
        if not half and cover >= was.user_debt:  # the 100% close factor: offering it all clears debt or collateral
            assert after.user_debt == 0 or after.user_collateral == 0
        left_coll, left_debt = _base(after)
        assert after.user_debt == 0 or after.user_collateral == 0 or (left_coll >= 1000 * E8 and left_debt >= 1000 * E8)
        if after.user_debt and after.user_collateral:  # a partial liquidation: HF moves as liquidation_lowers_hf says
            line = was.lt_bps * was.bonus_bps * 10**10  # LT x bonus in WAD
            if was.hf > line * (1 + 1e-6):
                assert after.hf >= was.hf * (1 - 1e-9)
            elif was.hf < line * (1 - 1e-6):
                assert after.hf <= was.hf * (1 + 1e-9)

    @invariant()
    def nothing_negative_and_collateral_conserved(self):
        s = self.s
        assert min(s.user_collateral, s.user_debt, s.reserve_deficit, s.to_liquidators, s.to_treasury) >= 0
        assert s.user_collateral + s.withdrawn + s.to_liquidators + s.to_treasury == s.deposited

    @invariant()
    def every_unit_of_debt_is_accounted_for(self):
        s = self.s
        assert self.borrowed == self.repaid + s.repaid_by_liquidators + s.reserve_deficit + s.user_debt

    @invariant()
    def deficit_only_when_the_collateral_is_gone(self):
        s = self.s
        if s.reserve_deficit > 0:
            assert s.user_collateral == 0 and s.user_debt == 0 and s.status == "bad_debt"
        assert not (s.user_collateral == 0 and s.user_debt > 0)  # v3.3 never leaves debt on an empty account

    @invariant()
    def replay_reaches_the_same_state(self):
        run = sm.replay(sm.Loan(rules="v3.3", bonus_bps=10_800), self.log)
        assert run.final == self.s and run.digest == sm.state_hash(self.s)


TestLoanMachineV33 = LoanMachineV33.TestCase
TestLoanMachineV33.settings = settings(max_examples=80, stateful_step_count=30, deadline=None)


class AuctionMachine(RuleBasedStateMachine):
    """Random kicks, takes, redos, yanks and stops against a Clipper sale."""

    def __init__(self):
        super().__init__()
        RAD = 10**45
        self.a = sm.Auction(tab_rad=50_000 * RAD, lot=1_000 * WAD, feed_price=100 * RAY, chost=1_000 * RAD)
        self.now = 0

    def _try(self, event):
        before = self.a
        try:
            self.a = sm.step(self.a, event)
            return True
        except IllegalTransition:
            assert self.a is before
            return False

    @rule(dt=st.integers(0, 900))
    def time_passes(self, dt):
        self.now += dt

    @rule()
    def kick(self):
        was = self.a
        ok = self._try(("kick", self.now))
        assert ok == (was.status == "idle" and was.stopped < 1)

    @rule(amt=st.integers(1, 2_000 * WAD), headroom=st.integers(0, 200 * RAY))
    def take(self, amt, headroom):
        was = self.a
        if was.status == "running" and self.now >= was.tic:
            price = was.price(self.now)
            ok = self._try(("take", amt, price + headroom, self.now))
            if ok:
                assert not was.needs_redo(self.now) and was.stopped < 3
                assert was.tab_rad - self.a.tab_rad == self.a.raised - was.raised
                assert self.a.status == "settled" or self.a.tab_rad >= was.chost  # the dust rule
        else:
            assert not self._try(("take", amt, 10**40, self.now))

    @rule()
    def redo(self):
        was = self.a
        ok = self._try(("redo", self.now))
        if ok:
            assert was.needs_redo(self.now) and was.stopped < 2 and self.a.tic == self.now

    @rule()
    def yank(self):
        was = self.a
        assert self._try(("yank",)) == (was.status == "running")

    @rule(level=st.integers(0, 3))
    def stop(self, level):
        assert self._try(("stop", level))

    @invariant()
    def lot_is_conserved(self):
        a = self.a
        if a.initial_lot:
            assert a.lot + a.sold + a.returned == a.initial_lot

    @invariant()
    def nothing_negative_and_terminal_absorbing(self):
        a = self.a
        assert a.tab_rad >= 0 and a.lot >= 0
        if a.status in ("settled", "yanked"):
            assert a.lot == 0
            for event in (("kick", self.now), ("take", 1, 10**40, self.now), ("redo", self.now), ("yank",)):
                with pytest.raises(IllegalTransition):
                    sm.step(a, event)


TestAuctionMachine = AuctionMachine.TestCase
TestAuctionMachine.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)


def test_clipper_dust_rule_adjusts_a_partial_purchase():
    RAD = 10**45
    a = sm.step(
        sm.Auction(tab_rad=100 * RAD, lot=10 * WAD, feed_price=10 * RAY, buf_ray=RAY, chost=30 * RAD), ("kick", 0)
    )
    # at t = 0 the price is 10 DAI; buying 8 would leave a 20 DAI tab < chost: the purchase is cut to leave chost
    b = sm.step(a, ("take", 8 * WAD, 10 * RAY, 0))
    assert b.tab_rad == 30 * RAD and b.sold == 7 * WAD and b.status == "running"
    c = sm.step(b, ("take", 10 * WAD, 10 * RAY, 0))  # buying the rest is always allowed
    assert c.status == "settled" and c.tab_rad == 0 and c.lot + c.sold + c.returned == 10 * WAD
    with pytest.raises(IllegalTransition, match="too-expensive"):
        sm.step(a, ("take", WAD, 9 * RAY, 0))
    with pytest.raises(IllegalTransition, match="needs-reset"):
        sm.step(a, ("take", WAD, 10 * RAY, 3000))  # past tail (2400 s)
    assert sm.step(a, ("redo", 3000)).tic == 3000
    with pytest.raises(IllegalTransition, match="cannot-reset"):
        sm.step(a, ("redo", 10))


def test_aave_liquidation_path_and_sentinel_override():
    s = sm.step(sm.step(sm.Loan(), ("deposit", E18)), ("borrow", 1500 * E6))
    s = sm.step(s, ("price", 1800 * E8))  # HF = 1800 x 0.825 / 1500 = 0.99
    assert s.status == "liquidatable" and 95 * 10**16 < s.hf < WAD
    with pytest.raises(IllegalTransition, match="SENTINEL"):
        sm.step(s, ("liquidate", 10**12, False))  # sentinel refuses, HF >= 0.95
    t = sm.step(s, ("liquidate", 10**12, True))
    assert t.repaid_by_liquidators == 750 * E6  # close factor 50%
    deep = sm.step(s, ("price", 1500 * E8))  # HF = 0.825 < 0.95: the override
    u = sm.step(deep, ("liquidate", 10**12, False))
    assert u.repaid_by_liquidators > 0


@given(hf=st.floats(0.3, 2.0), lt=st.floats(0.5, 0.95), bonus=st.floats(1.0, 1.15), f=st.floats(0.01, 0.99))
def test_liquidation_lowers_hf_exactly_below_lt_times_bonus(hf, lt, bonus, f):
    after = sm.hf_after_liquidation(hf, lt, bonus, f)
    if hf / lt > f * bonus + 1e-9:  # collateral does not run out
        if sm.liquidation_lowers_hf(hf, lt, bonus):
            assert after < hf + 1e-12
        else:
            assert after >= hf - 1e-12


def test_replay_is_deterministic_and_names_the_illegal_event():
    log = [("deposit", E18), ("borrow", 1000 * E6), ("price", 1000 * E8), ("liquidate", 10**12, True)]
    first, again = sm.replay(sm.Loan(), log), sm.replay(sm.Loan(), list(log))
    assert first == again and first.digest == sm.state_hash(first.final) and len(again.states) == 5
    with pytest.raises(IllegalTransition, match="event 1"):
        sm.replay(sm.Loan(), [("deposit", E18), ("borrow", 10**12)])
    with pytest.raises(TypeError, match="event"):
        sm.step(sm.Loan(), "deposit")


@pytest.mark.parametrize("method", ["price", "needs_redo", "status_at"])
def test_auction_methods_declare_now(method):
    """Regression: price(None) raised a raw TypeError, price(True) was accepted, and errors named ``dur``."""
    RAD = 10**45
    a = sm.step(sm.Auction(tab_rad=100 * RAD, lot=10 * WAD, feed_price=10 * RAY, buf_ray=RAY), ("kick", 0))
    call = getattr(a, method)
    for bad in (None, True, 1.5, "360"):
        with pytest.raises(TypeError, match=r"^now must be an integer"):
            call(bad)
    for bad in (-1, 2**256):
        with pytest.raises(ValueError, match=r"^now must be in"):
            call(bad)
    assert a.price(360) == 9 * RAY and a.price(2**256 - 1) == 0 and a.status_at(3000) == "needs_redo"


def test_event_checks_are_clear():
    with pytest.raises(TypeError, match="events must be a list"):
        sm.replay(sm.Loan(), np.array(0.5))
    with pytest.raises(TypeError, match=r"^event must be a tuple") as info:
        sm.step(sm.Loan(), list(range(100_000)))
    assert len(str(info.value)) < 200  # a long list is not printed whole
    with pytest.raises(TypeError, match="state must be a Loan or an Auction"):
        sm.step(None, ("price", 1))
    with pytest.raises(ValueError, match="top must be positive"):
        sm.Auction(status="running")
    zero_top = sm.Auction(tab_rad=10**45, lot=WAD, feed_price=1, buf_ray=1)  # feed_price x buf rounds to 0
    with pytest.raises(IllegalTransition, match="zero-top-price"):
        sm.step(zero_top, ("kick", 0))


def test_liquidation_guards_in_the_contracts_order():
    """validateLiquidationCall (aave-v3-core v1.19) requires the sentinel before HF < 1: a healthy position on a
    refusing sentinel fails on the sentinel's error, as the contract reverts with it."""
    healthy = sm.step(sm.step(sm.Loan(), ("deposit", 10 * 10**18)), ("borrow", 1_000 * 10**6))
    with pytest.raises(sm.IllegalTransition, match="PRICE_ORACLE_SENTINEL_CHECK_FAILED"):
        sm.step(healthy, ("liquidate", 10**6, False))
    with pytest.raises(sm.IllegalTransition, match="HEALTH_FACTOR_NOT_BELOW_THRESHOLD"):
        sm.step(healthy, ("liquidate", 10**6, True))


def test_v33_loan_books_bad_debt_as_a_reserve_deficit():
    """Loan(rules="v3.3"): aave-v3-origin v3.3.0's liquidation, the loss burned into the reserve's deficit."""
    loan = sm.step(
        sm.step(sm.Loan(rules="v3.3", bonus_bps=11_500), ("deposit", 10 * 10**18)), ("borrow", 12_000 * 10**6)
    )
    loan = sm.step(sm.step(loan, ("price", 1438 * 10**8)), ("price", 1306 * 10**8))
    after = sm.step(loan, ("liquidate", 10**15, False))  # HF < 0.95: the sentinel is bypassed
    assert (
        after.user_collateral == 0 and after.user_debt == 0 and after.reserve_deficit > 0 and after.status == "bad_debt"
    )
    assert after.repaid_by_liquidators + after.reserve_deficit == 12_000 * 10**6
    from dataclasses import replace

    old = sm.step(replace(loan, rules="v3.0"), ("liquidate", 10**15, False))
    assert old.user_debt == after.reserve_deficit and old.reserve_deficit == 0
    # a dust-leaving liquidation is refused as the contract reverts (MUST_NOT_LEAVE_DUST)
    small = sm.step(sm.step(sm.Loan(rules="v3.3"), ("deposit", 10**18)), ("borrow", 1_500 * 10**6))
    small = sm.step(small, ("price", 1800 * 10**8))  # HF 0.99; under $2,000: 100% close factor
    with pytest.raises(sm.IllegalTransition, match="MUST_NOT_LEAVE_DUST"):
        sm.step(small, ("liquidate", 1_000 * 10**6, True))  # would leave 500 USDC of debt
    assert sm.step(small, ("liquidate", 1_500 * 10**6, True)).user_debt == 0  # clearing it is allowed


def test_v33_machine_catches_a_model_without_the_dust_rule(monkeypatch):
    """The v3.3 machine's checks can fail: with MIN_LEFTOVER_BASE at 0 (no dust rule) a liquidation of 95% of the
    debt goes through and leaves 600 USD of debt, which the no-dust check refuses; the real model reverts it."""
    from coordlab.models import lending_contracts as lending  # where aave_liquidation_v33 reads its constants

    machine = LoanMachineV33()  # 10 ETH at 2,000 against 12,000 USDC
    machine.price(-33)  # ETH at 1,340: HF 0.921, so the 100% close factor
    machine._liquidate(95, False)  # the real rule: reverted (MUST_NOT_LEAVE_DUST), nothing changes
    assert "MUST_NOT_LEAVE_DUST" in machine.refusal and machine.s.user_debt == 12_000 * E6
    monkeypatch.setattr(lending, "MIN_LEFTOVER_BASE", 0)
    with pytest.raises(AssertionError):
        machine._liquidate(95, False)


def test_v33_machine_catches_a_model_that_halves_small_positions(monkeypatch):
    """With MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD at 0, a 1,500 USDC loan at HF 0.99 may be repaid only in half: the
    machine's check that offering everything under v3.3's 100% close factor clears the position fails."""
    from coordlab.models import lending_contracts as lending  # where aave_liquidation_v33 reads its constants

    def small():
        machine = LoanMachineV33()
        machine.log = [("deposit", E18), ("borrow", 1_500 * E6), ("price", 1800 * E8)]  # 1,800 USD of ETH: HF 0.99
        machine.s = sm.replay(sm.Loan(rules="v3.3", bonus_bps=10_800), machine.log).final
        machine.borrowed = 1_500 * E6
        return machine

    machine = small()
    machine._liquidate(110, True)  # "all you allow": under $2,000 the whole debt
    assert machine.s.user_debt == 0 and machine.s.user_collateral > 0
    monkeypatch.setattr(lending, "MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD", 0)
    with pytest.raises(AssertionError):
        small()._liquidate(110, True)


def test_statemachine_lab_shares_the_models_constants() -> None:
    """labs.statemachine's Aave v3 WETH parameters and starting price are the Loan's defaults."""

    from coordlab.labs import statemachine as lab
    from coordlab.models import statemachine as m

    loan = m.Loan()
    assert (
        (lab.LT_BPS, lab.FEE_BPS)
        == (loan.lt_bps, loan.fee_bps)
        == (m.AAVE_WETH_LT_BPS, m.AAVE_WETH_FEE_BPS)
        == (8250, 1000)
    )
    assert slider(lab.StateMachineLab, "bonus") * 10_000 == loan.bonus_bps == m.AAVE_WETH_BONUS_BPS == 10500
    assert loan.collateral_price == m.LOAN_PRICE == 2000 * 10**8
    assert lab.crash_log(0.3, 1.05)[2][0] * 10**8 == m.LOAN_PRICE
