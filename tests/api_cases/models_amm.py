"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.amm
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _cp_pool():
    from coordlab.models.amm import UniswapV2Pair

    return UniswapV2Pair(10**21, 2 * 10**24, shares=10**21)


def _pool():
    from coordlab.models.amm import ConstantProductPool

    return ConstantProductPool(x=500.0, y=1e6, fee=0.003)


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
    "UniswapV2Pair": dict(reserve_x=10**21, reserve_y=2 * 10**24, shares=0),
    "ConstantProductPool": dict(x=500.0, y=1e6, fee=0.003),
    "StableSwapPool": dict(balances=(10**24, 10**24, 10**24), amp=2000, fee_1e10=4 * 10**6),
}

METHODS: dict = {
    "UniswapV2Pair.sell_x": (_cp_pool, dict(amount_in=10**19)),
    "UniswapV2Pair.sell_y": (_cp_pool, dict(amount_in=10**22)),
    "UniswapV2Pair.withdraw": (_cp_pool, dict(fraction=0.5)),
    "UniswapV2Pair.deposit": (_cp_pool, dict(amount_x=10**19)),
    "ConstantProductPool.from_depth": (_pool, dict(price=2000.0, depth_usd=1e6, fee=0.003)),
    "ConstantProductPool.price_after_sale": (_pool, dict(amount=10.0)),
    "ConstantProductPool.sale_to_reach": (_pool, dict(price=1800.0)),
    "ConstantProductPool.sell": (_pool, dict(amount=10.0)),
    "ConstantProductPool.withdraw": (_pool, dict(fraction=0.1)),
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
    "UniswapV2Pair": {"reserve_x": [0, 2**256, 1.0], "reserve_y": [np.float64(5.0)], "shares": [-1]},
    "ConstantProductPool": {"x": [0.0, 5e-324, 2e15], "y": [0.0, 1e-300], "fee": [0.9]},
    "ConstantProductPool.from_depth": {"price": [5e-324, 0.0], "depth_usd": [5e-324, 1e-300, 1e18 * 2]},
    "ConstantProductPool.sell": {"amount": [-1.0, 2e15]},
    "ConstantProductPool.withdraw": {"fraction": [1.0, 1.0 - 1e-12]},
    "StableSwapPool": {"balances": [[10**20], (10**20, 0), (1.5, 2.5), np.zeros((2, 2), int)], "fee_1e10": [10**10]},
    "UniswapV2Pair.sell_x": {"amount_in": [2**256 - 10**21]},
    "UniswapV2Pair.sell_y": {"amount_in": [2**256 - 10**21]},
    "UniswapV2Pair.deposit": {"amount_x": [2**256 - 10**21, 2**250]},
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

EXEMPT: dict = {
    "Swap": "a frozen result record built by every pool's sale",
    "ConstantProductPool.price_after_sale_unchecked": "the engines' documented fast path; its checked form is "
    "price_after_sale (tested with it in test_cascade)",
    "ConstantProductPool.sale_to_reach_unchecked": "the engines' documented fast path; its checked form is "
    "sale_to_reach (tested with it in test_cascade)",
}
