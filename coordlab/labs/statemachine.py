"""Lab of notebook 12: step an Aave v3.0 loan through a crash, hour by hour, and watch its state machine."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from coordlab.labs.base import Lab, Slider
from coordlab.models import statemachine as sm
from coordlab.plotting.statemachine import StateFigure

__all__ = ["StateMachineLab", "crash_log"]

HOURS = 24
E18, E6, E8 = sm.WAD, 10**6, 10**8  # WAD (ETH and HF), USDC's 6 decimals, Chainlink's 8 (price)
# Aave v3 WETH: liquidation threshold 82.5%, liquidation protocol fee 10% of the bonus
LT_BPS, FEE_BPS = sm.AAVE_WETH_LT_BPS, sm.AAVE_WETH_FEE_BPS
SENTINEL_HF = sm.MIN_HF_OVERRIDE / sm.WAD  # below it a liquidation passes the sentinel's grace period (0.95)


def _step(loan: sm.Loan, event: tuple[Any, ...]) -> sm.Loan:
    """``sm.step`` on a loan, which returns the loan's next state (a :class:`~coordlab.models.statemachine.Loan`)."""
    after = sm.step(loan, event)
    if not isinstance(after, sm.Loan):  # pragma: no cover - step keeps the kind of its state
        raise TypeError(f"a loan's step returned a {type(after).__name__}")
    return after


def crash_log(
    depth: float, bonus: float, sentinel_hours: int = 0, rules: str = "v3.0"
) -> tuple[list[sm.Loan], list[tuple[Any, ...]], np.ndarray]:
    """The event log of a 10 ETH / 12 000 USDC loan through a 24-hour crash of ``depth``, with a liquidator every
    hour.

    Each hour: the oracle posts the price, then a liquidator tries to repay as much as it
    may (the close factor decides how much). While ``sentinel_hours`` have not passed the
    sentinel refuses (only positions below HF 0.95 can be liquidated). Returns the
    states after each hour, and the events accepted.
    """
    loan = sm.Loan(lt_bps=LT_BPS, bonus_bps=int(round(bonus * 10_000)), fee_bps=FEE_BPS, rules=rules)
    loan = _step(_step(loan, ("deposit", 10 * E18)), ("borrow", 12_000 * E6))
    prices = sm.LOAN_PRICE / E8 * (1 - depth * (1 - np.exp(-np.arange(HOURS + 1) / 6.0)) / (1 - np.exp(-HOURS / 6.0)))
    states: list[sm.Loan] = [loan]
    events: list[tuple[Any, ...]] = []
    for h in range(1, HOURS + 1):
        loan = _step(loan, ("price", int(round(prices[h] * E8))))
        events.append(("price", int(round(prices[h] * E8))))
        if loan.status == "liquidatable":
            event = ("liquidate", 10**15, h > sentinel_hours)
            try:
                loan = _step(loan, event)
                events.append(event)
            except sm.IllegalTransition:
                pass
        states.append(loan)
    return states, events, prices


@lru_cache(maxsize=64)
def _crash(
    depth: float, bonus: float, sentinel_hours: int
) -> tuple[tuple[sm.Loan, ...], np.ndarray, np.ndarray, int, str]:
    """The lab's crash, computed once per (depth, bonus, sentinel): moving the hour slider only looks it up."""
    states, events, prices = crash_log(depth, bonus, sentinel_hours)
    value = np.array([st.user_collateral / E18 * st.collateral_price / E8 for st in states])
    debt = np.array([st.user_debt / E6 for st in states])
    liquidations = sum(1 for e in events if e[0] == "liquidate")
    return tuple(states), value, debt, liquidations, sm.state_hash(states[-1])


class StateMachineLab(Lab):
    """Hour, crash depth, liquidation bonus and a sentinel delay → the loan's state, guards and balances.

    >>> lab = StateMachineLab()
    >>> print(lab.update(hour=4.0, depth=70.0, bonus=1.15, sentinel=8.0).splitlines()[0])
    Hour 4: ETH at 1306.07; state bad debt; HF 0.00 (liquidation allowed below 1; the sentinel bypass below 0.95).
    """

    controls = (
        Slider("hour", "hour of the crash", 0.0, float(HOURS), 1.0, 24.0),
        Slider("depth", "crash depth by hour 24 (%)", 10.0, 70.0, 1.0, 45.0),
        Slider("bonus", "liquidation bonus (factor)", 1.0, 1.15, 0.01, sm.AAVE_WETH_BONUS_BPS / 10_000),
        Slider("sentinel", "hours the sentinel refuses liquidations", 0.0, 12.0, 1.0, 0.0),
    )

    def make_figure(self) -> StateFigure:
        return StateFigure(hours=HOURS, max_usd=25_000.0)

    def compute(self, *, hour: float, depth: float, bonus: float, sentinel: float) -> dict[str, Any]:
        states, value, debt, liquidations, digest = _crash(depth / 100, bonus, int(sentinel))
        h = int(hour + 1e-9)
        return dict(
            h=h,
            state=states[h],
            value=value,
            debt=debt,
            depth=depth,
            bonus=bonus,
            sentinel=sentinel,
            liquidations=liquidations,
            digest=digest,
        )

    @staticmethod
    def _status(s: sm.Loan) -> str:
        """The state in words; a loan whose debt liquidations repaid in full says so (its HF is undefined)."""
        if s.user_debt == 0 and s.status == "healthy":
            return "repaid (no debt left)"
        return s.status.replace("_", " ")

    def draw(self, r: dict[str, Any]) -> None:
        s = r["state"]
        hf = "undefined (no debt)" if s.user_debt == 0 else f"{s.hf / E18:.3f}"
        lower = (
            "yes"
            if s.user_debt
            and s.user_collateral
            and sm.liquidation_lowers_hf(max(s.hf / E18, 1e-9), LT_BPS / 10_000, r["bonus"])
            else "no"
        )
        note = (
            f"hour {r['h']}: {self._status(s)}\nHF {hf}; a liquidation lowers HF: {lower}\n"
            f"bonus {r['bonus'] - 1:.0%}, sentinel {r['sentinel']:g} h"
        )
        self.figure_object.update(
            state=s.status,
            hours=np.arange(HOURS + 1),
            collateral_usd=r["value"],
            debt_usd=r["debt"],
            my_hour=r["h"],
            note=note,
        )

    def summary(self, r: dict[str, Any]) -> str:
        s = r["state"]
        hf = s.hf / E18 if s.user_debt else float("inf")
        first = (
            f"Hour {r['h']}: ETH at {s.collateral_price / E8:.2f}; state {self._status(s)}; HF "
            f"{'undefined (no debt)' if s.user_debt == 0 else f'{hf:.2f}'} (liquidation allowed below 1; the sentinel "
            f"bypass below {SENTINEL_HF:g})."
        )
        return first + (
            f"\nCollateral {s.user_collateral / E18:.3f} ETH, debt {s.user_debt / E6:,.2f} USDC; liquidators took "
            f"{s.to_liquidators / E18:.3f} ETH, the treasury {s.to_treasury / E18:.4f} ETH "
            f"({r['liquidations']} liquidation{'' if r['liquidations'] == 1 else 's'} over the crash of "
            f"{r['depth']:g}%, bonus {r['bonus'] - 1:.0%}, "
            f"sentinel {r['sentinel']:g} h)."
        )
