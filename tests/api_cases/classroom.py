"""Valid calls, and values to refuse beyond the declared constraints, for coordlab.classroom
(tests/api_examples.py).
"""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _folder():
    import json
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="coordlab-fuzz-"))
    (folder / "a.json").write_text(
        json.dumps({"name": "TFT", "first": 1, "after": {"CC": 1, "CD": 0, "DC": 1, "DD": 0}})
    )
    return str(folder)


FUNCTIONS = {
    "load_submissions": dict(folder=_folder()),
    "display_name": dict(text="a\x1b.json"),
    "classroom_tournament": dict(submissions=[_SUBMISSION]),
    "evolve": dict(payoff_matrix=[[3.0, 0.0], [5.0, 1.0]]),
}

CLASSES: dict = {}

METHODS = {
    "Submission.table": (lambda: _SUBMISSION, dict()),
}

# Values that must be refused beyond what the declarations generate (cross-parameter checks and the like).
REFUSE = {
    "load_submissions": {"folder": [None, 3, "/nonexistent/coordlab-submissions"], "reserved": ["Tit For Tat", [1]]},
    "classroom_tournament": {
        "submissions": [None, "a.json", ["a.json"]],
        "turns": [0, 1.5],
        "repetitions": [0],
        "noise": [1.5],
        "include": [("Nobody",), "Tit For Tat"],
        "progress": [3, "print"],
    },
    "evolve": {"payoff_matrix": [[[1.0, 2.0]], [[-1.0, 0.0], [0.0, 1.0]]], "generations": [0, 1.5, None]},
}

EXEMPT = {
    "Submission": "a frozen record built by load_submissions() from validated files",
    "LoadedSubmissions": "a frozen result record built by load_submissions()",
    "MAX_BYTES": "a constant (the largest submission file)",
    "MAX_FILES": "a constant (the most files looked at in a folder)",
    "CLASSICS": "a constant (the classic strategies the tournament adds)",
}
