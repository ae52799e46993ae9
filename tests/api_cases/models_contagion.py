"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.contagion
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403

FUNCTIONS = {
    "clear": dict(network=_NETWORK),
    "random_network": dict(n=5),
    "shock_scenarios": dict(network=_NETWORK, sigma=0.1, rho=0.5, scenarios=3),
    "opacity_gap": dict(network=_NETWORK, node=1, e_shocked=[1.0, 1.0]),
    "usdc_dai_network": dict(svb_recovery=0.5),
    "cefi_network": dict(),
}

CLASSES = {
    "Network": dict(L=[[0.0, 1.0], [0.5, 0.0]], e=[1.0, 1.0], names=("a", "b")),
}

METHODS = {
    "Network.with_external": (lambda: _NETWORK, dict(e=[0.5, 2.0])),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "clear": {"network": [None, [[0, 1], [0, 0]]], "alpha": [1.5, -0.1], "beta": [2.0]},
    "random_network": {
        "n": [1, 2.5, None, 20000, 1001],
        "p_link": [1.5],
        "scale": [0.0, 5e-324, 1e11],
        "buffer": [-1.0],
        "seed": [-1, 0.5],
        "names": [("a",), 3, ("a",) * 5 + (3,)],
    },
    "shock_scenarios": {
        "network": [None],
        "sigma": [-0.1, 6.0],
        "rho": [1.5],
        "scenarios": [0, 2.5, 2001],
        "seed": [-1],
        "alpha": [1.1],
    },
    "opacity_gap": {
        "network": [None],
        "node": [-1, 2, 0.5, None],
        "e_shocked": [[1.0], [-1.0, 1.0], [1.0, 1.0, 1.0]],
        "alpha": [2.0],
        "beta": [-1.0],
    },
    "usdc_dai_network": {"svb_recovery": [1.5, -0.1], "dai_supply": [0.0, 5e-324], "dai_usdc": [-1.0, 6.0, 41.0]},
    "Network": {
        "L": [
            [[0.0, -1.0], [0.5, 0.0]],
            [[1.0, 1.0], [0.5, 0.0]],
            [[0.0, 1.0, 2.0], [0.5, 0.0, 1.0]],
            [[0.0, 2e15], [0.5, 0.0]],
            np.zeros((1001, 1001)),
        ],
        "e": [[1.0], [1.0, -1.0], [1.0, 2e15]],
        "names": [("a",), "ab", ("a", 3), ("a", "b" * 101), 3],
    },
    "Network.with_external": {"e": [[1.0], [1.0, -1.0], [1.0, 1.0, 1.0]]},
}

EXEMPT = {
    "Clearing": "a frozen result record built by clear()",
    "ShockScenarios": "a frozen result record built by shock_scenarios()",
    "OpacityGap": "a frozen result record built by opacity_gap()",
    "CEFI_FUND": "a constant (a node index)",
    "CEFI_EXCHANGE": "a constant (a node index)",
}
