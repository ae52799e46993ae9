"""The classroom tournament of notebook 02: students submit strategies as data, the instructor runs them.

A submission is a small JSON file describing a *memory-one* strategy of the repeated
Prisoner's Dilemma: the probability of cooperating on the first move, and after each
of the four outcomes of the last round (my move, the opponent's move)::

    {"name": "Forgiving TFT", "first": 1.0, "after": {"CC": 1.0, "CD": 0.3, "DC": 1.0, "DD": 0.0}}

Submissions are data, never code: :func:`load_submissions` reads every ``*.json`` file of
a folder, accepts the valid ones and rejects each malformed or hostile one with a message
naming the file and the field (too large, not JSON, wrong or missing or extra fields,
probabilities outside [0, 1], NaN, duplicate names); a bad file never stops the run.
:func:`classroom_tournament` plays the round robin with the vectorised engine of
:mod:`coordlab.models.tournament` (same state coding, same payoffs) and
:func:`evolve` runs discrete replicator dynamics on its payoff matrix: which strategies
would spread in a population that copies success.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coordlab import _validate as v
from coordlab.models import tournament as tm

__all__ = ["Submission", "load_submissions", "classroom_tournament", "evolve", "MAX_BYTES"]

MAX_BYTES = 10_000
_NAME = re.compile(r"^[A-Za-z0-9 _.\-'()]{1,40}$")
_OUTCOMES = ("CC", "CD", "DC", "DD")


@dataclass(frozen=True)
class Submission:
    """A validated memory-one strategy: name, first-move and after-outcome cooperation probabilities."""

    name: str
    first: float
    after: tuple  # probabilities after CC, CD, DC, DD (my move, the opponent's)
    file: str = ""

    def table(self) -> np.ndarray:
        """Cooperation probability in each of the tournament engine's 33 situations."""
        me, opp = tm._ME, tm._OPP                      # noqa: SLF001 - the engine's own state coding
        p = np.array(self.after)[2 * me + opp]         # index: 0 CC, 1 CD, 2 DC, 3 DD
        return tm._table(self.first, p)                # noqa: SLF001


def _probability(file, field, x):
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise ValueError(f"{file}: field {field!r} must be a number in [0, 1], got {type(x).__name__} {x!r}")
    if not math.isfinite(x) or not 0.0 <= x <= 1.0:
        raise ValueError(f"{file}: field {field!r} must be a number in [0, 1], got {x!r}")
    return float(x)


def _parse(path: Path) -> Submission:
    file = path.name
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"{file}: the file is {size} bytes; a submission is at most {MAX_BYTES}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=lambda c: float("nan"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{file}: not valid UTF-8 JSON ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{file}: the top level must be an object with fields 'name', 'first', 'after'")
    extra = set(data) - {"name", "first", "after"}
    if extra:
        raise ValueError(f"{file}: unknown field(s) {sorted(extra)}; allowed: 'name', 'first', 'after'")
    for key in ("name", "first", "after"):
        if key not in data:
            raise ValueError(f"{file}: field {key!r} is missing")
    name = data["name"]
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"{file}: field 'name' must be 1-40 letters, digits, spaces or . _ - ' ( ), got {name!r}")
    first = _probability(file, "first", data["first"])
    after = data["after"]
    if not isinstance(after, dict) or set(after) != set(_OUTCOMES):
        raise ValueError(f"{file}: field 'after' must be an object with exactly the keys CC, CD, DC, DD, got {after!r}")
    probs = tuple(_probability(file, f"after.{k}", after[k]) for k in _OUTCOMES)
    return Submission(name.strip(), first, probs, file)


def load_submissions(folder) -> tuple[list[Submission], list[str]]:
    """Read every ``*.json`` in ``folder``: (valid submissions in file order, one rejection message per bad file)."""
    if not isinstance(folder, (str, Path)):
        raise TypeError(f"folder must be a path, got {type(folder).__name__}")
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"folder must be an existing directory, got {str(folder)!r}")
    accepted, rejected, names = [], [], {}
    for path in sorted(folder.glob("*.json")):
        if not path.is_file() or path.is_symlink():
            rejected.append(f"{path.name}: not a regular file")
            continue
        try:
            sub = _parse(path)
        except ValueError as exc:
            rejected.append(str(exc))
            continue
        if sub.name.lower() in names:
            rejected.append(f"{path.name}: field 'name' {sub.name!r} is already used by {names[sub.name.lower()]}")
            continue
        names[sub.name.lower()] = path.name
        accepted.append(sub)
    return accepted, rejected


def classroom_tournament(submissions, turns: int = 200, repetitions: int = 5, noise: float = 0.0, seed: int = 0,
                         include=("Tit For Tat", "Defector", "Cooperator")):
    """Round robin of the submissions (and the named classics in ``include``), with self-play, Axelrod's payoffs.

    Returns a :class:`coordlab.models.tournament.TournamentResult`.
    """
    subs = list(submissions) if isinstance(submissions, (list, tuple)) else None
    if subs is None or not all(isinstance(s, Submission) for s in subs):
        raise TypeError("submissions must be a list of Submission (from load_submissions)")
    include = [] if include is None else list(include)
    classics = [tm.strategy(v.choice("include", n, tuple(s.name for s in tm.STRATEGIES))) for n in include]
    names = [s.name for s in subs] + [c.name for c in classics]
    if len(names) < 2:
        raise ValueError(f"a tournament needs at least two strategies, got {names}")
    if len({n.lower() for n in names}) != len(names):
        raise ValueError(f"strategy names must be distinct (a submission may not reuse a classic's name), got {names}")
    turns, noise, (T, R, P, S), seed = tm._check_game(turns, noise, 5.0, 3.0, 1.0, 0.0, seed)  # noqa: SLF001
    repetitions = v.integer("repetitions", repetitions, low=1, high=1000)
    tables = np.stack([s.table() for s in subs] + [c.table() for c in classics])
    n = len(names)
    pairs = [(i, j) for i in range(n) for j in range(i, n)]
    return tm._play_round_robin(tuple(names), tables, pairs, repetitions, turns, noise,  # noqa: SLF001
                                np.random.default_rng(seed), (T, R, P, S))


def evolve(payoff_matrix, generations: int = 100) -> np.ndarray:
    """Discrete replicator dynamics from equal shares: ``x' ∝ x (A x)``; returns shares, shape (generations + 1, n).

    >>> evolve([[3.0, 0.0], [5.0, 1.0]], generations=50)[-1].round(3).tolist()    # defection takes over
    [0.0, 1.0]
    """
    A = v.real_matrix("payoff_matrix", payoff_matrix)
    if A.shape[0] != A.shape[1]:
        raise ValueError(f"payoff_matrix must be square, got shape {A.shape}")
    if (A < 0).any():
        raise ValueError("payoff_matrix must be non-negative (payoffs of the Prisoner's Dilemma are)")
    generations = v.integer("generations", generations, low=1, high=100_000)
    x = np.full(A.shape[0], 1.0 / A.shape[0])
    out = [x]
    for _ in range(generations):
        fit = x * (A @ x)
        total = fit.sum()
        x = fit / total if total > 0 else x
        out.append(x)
    return np.array(out)
