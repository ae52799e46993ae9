"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.amm
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _cp_pool():
    from coordlab.models.amm import ConstantProductPool

    return ConstantProductPool(10**21, 2 * 10**24, shares=10**21)


def _ss_pool():
    from coordlab.models.amm import StableSwapPool

    return StableSwapPool((10**24, 10**24, 10**24), amp=2000)


FUNCTIONS = {
    "get_amount_out": dict(amount_in=10**18, reserve_in=10**20, reserve_out=10**20),
    "get_amount_in": dict(amount_out=10**18, reserve_in=10**20, reserve_out=10**20),
    "sell_price_impact": dict(amount=10.0, depth=100.0),
    "stableswap_D": dict(xp=[10**20, 10**20], amp=100),
    "stableswap_y": dict(i=0, j=1, x=2 * 10**20, xp=[10**20, 10**20], amp=100),
    "stableswap_ng_dynamic_fee": dict(fee=0.0001, offpeg_fee_multiplier=5.0, balance_i=1.95, balance_j=0.05),
    "concentrated_depth_multiplier": dict(range_ratio=1.05),
}

CLASSES: dict = {
    "ConstantProductPool": dict(reserve_x=10**21, reserve_y=2 * 10**24, shares=0),
    "StableSwapPool": dict(balances=(10**24, 10**24, 10**24), amp=2000, fee=4 * 10**6),
}

METHODS: dict = {
    "ConstantProductPool.sell_x": (_cp_pool, dict(amount_in=10**19)),
    "ConstantProductPool.sell_y": (_cp_pool, dict(amount_in=10**22)),
    "ConstantProductPool.withdraw": (_cp_pool, dict(fraction=0.5)),
    "ConstantProductPool.deposit": (_cp_pool, dict(amount_x=10**19)),
    "StableSwapPool.exchange": (_ss_pool, dict(i=0, j=1, dx=10**21)),
    "StableSwapPool.price": (_ss_pool, dict(i=0, j=1, probe=None)),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "get_amount_out": {"amount_in": [0, -1, 1.5, None, "1"], "reserve_in": [0, 2.0**70], "reserve_out": [-5, None]},
    "get_amount_in": {"amount_out": [0, 10**20, 10**21, 1.0], "reserve_in": [0, "x"], "reserve_out": [0]},
    "sell_price_impact": {"amount": [-1.0, 1e31], "depth": [0.0]},
    "stableswap_D": {
        "xp": [None, "xp", [10**20], [0, 10**20], [1.5, 2.0], list(range(1, 11)), np.array(10**20), [2**256, 1]],
        "amp": [0, 1.5, 10**7, None],
    },
    "stableswap_y": {"i": [-1, 2, 0.5], "j": [0, 5], "x": [0, -1, 1.5], "xp": [[10**20]], "amp": [0]},
    "ConstantProductPool": {"reserve_x": [0, 2**256, 1.0], "reserve_y": [np.float64(5.0)], "shares": [-1]},
    "StableSwapPool": {"balances": [[10**20], (10**20, 0), (1.5, 2.5), np.zeros((2, 2), int)], "fee": [10**10]},
    "ConstantProductPool.sell_x": {"amount_in": [2**256 - 10**21]},
    "ConstantProductPool.sell_y": {"amount_in": [2**256 - 10**21]},
    "ConstantProductPool.deposit": {"amount_x": [2**256 - 10**21, 2**250]},
    "StableSwapPool.exchange": {"i": [3, 7], "j": [0, 3], "dx": [2**256 - 10**24]},
    "StableSwapPool.price": {"i": [3], "j": [0, 7], "probe": [2**256 - 10**24]},
    "stableswap_ng_dynamic_fee": {
        "fee": [-0.1, 0.6],
        "offpeg_fee_multiplier": [-1.0],
        "balance_i": [0.0],
        "balance_j": [-1.0],
    },
    "concentrated_depth_multiplier": {"range_ratio": [1.0, 0.5]},
}

EXEMPT: dict = {}
