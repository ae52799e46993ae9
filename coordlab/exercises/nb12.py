"""Exercises of notebook 12 (state machine coordination)."""

from coordlab.exercises.check import Numeric, exercise
from coordlab.models import auctions, statemachine as sm

RAY, WAD, RAD = 10**27, 10**18, 10**45

exercise(Numeric(
    key="12.1",
    answer=lambda: sm.step(sm.step(sm.Loan(), ("deposit", 10**18)), ("borrow", 1000 * 10**6)).hf / 1e18,
    hint="HF = collateral value x LT / debt, with LT = 82.5%.",
    traps=((lambda: 2.0, "That is collateral / debt; the liquidation threshold counts only 82.5% of the collateral."),),
    rel_tol=1e-6, close_tol=1e-2,
))

exercise(Numeric(
    key="12.2",
    answer=lambda: 0.825 * 1.05,
    hint="A liquidation lowers the health factor iff HF < LT x bonus.",
    traps=((lambda: 0.95, "0.95 is the close-factor and sentinel threshold, not the line where liquidations start to hurt."),),
    rel_tol=1e-3, close_tol=1e-2,
))

exercise(Numeric(
    key="12.3",
    answer=lambda: auctions.linear_decrease(120 * RAY, 360, 3600) / RAY,
    hint="LinearDecrease: top x (tau - dur) / tau.",
    traps=((lambda: 120 * 0.1, "That is how much the price has fallen, not what it is."),),
    rel_tol=1e-9, close_tol=1e-3,
))

exercise(Numeric(
    key="12.4",
    answer=lambda: sm.step(sm.step(sm.Auction(tab=100 * RAD, lot=10 * WAD, feed_price=10 * RAY, buf=RAY, chost=30 * RAD),
                                   ("kick", 0)), ("take", 8 * WAD, 10 * RAY, 0)).sold / WAD,
    hint="A partial take may not leave a tab below chost: the purchase is cut so that exactly chost remains.",
    traps=((lambda: 8.0, "Buying 8 would leave a 20 DAI tab, below the 30 DAI chost."),),
    rel_tol=1e-9, close_tol=1e-9,
))
