"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.models.stale_blocks
(tests/api_examples.py).
"""

from __future__ import annotations

FUNCTIONS: dict = {}

CLASSES: dict = {}

METHODS: dict = {}

REFUSE: dict = {}

EXEMPT = {
    "StaleWindow": "a frozen data record (a window of the bitcoin-data/stale-blocks dataset), built in the module",
    "WINDOWS": "a constant (the four sampled windows of the dataset)",
    "SOURCE": "a constant (the dataset's repository, commit and licence)",
}
