"""The classroom tournament of notebook 02: students submit strategies as data, the instructor runs them.

A submission is a small JSON file describing a *memory-one* strategy of the repeated
Prisoner's Dilemma: the probability of cooperating on the first move, and after each
of the four outcomes of the last round (my move, the opponent's move)::

    {"name": "Forgiving TFT", "first": 1.0, "after": {"CC": 1.0, "CD": 0.3, "DC": 1.0, "DD": 0.0}}

Submissions are data, never code. :func:`load_submissions` reads every ``.json`` file
(any case: ``.JSON`` too) of a folder and its sub-folders, accepts the valid ones and
rejects each malformed or hostile one with a message naming the file (its name shown with
control characters and undecodable bytes escaped, so a name cannot forge output) and the
field: too large, not UTF-8 JSON (a byte-order mark is accepted), nested too deep, a
duplicated key, wrong or missing or extra fields, probabilities outside [0, 1] or not
finite, a blank name, a name already used or taken by one of the classics the tournament
adds. Other files are listed as skipped. A bad file never stops the run.
:func:`classroom_tournament` plays the round robin with
:func:`coordlab.models.tournament.round_robin_tables` (the engine's own state coding and
payoffs, matches in batches so memory grows with the class, not its square) and
:func:`evolve` runs discrete replicator dynamics on its payoff matrix: which strategies
would spread in a population that copies success.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from coordlab import _validate as v
from coordlab.models import tournament as tm

__all__ = [
    "Submission",
    "LoadedSubmissions",
    "load_submissions",
    "classroom_tournament",
    "evolve",
    "display_name",
    "MAX_BYTES",
    "MAX_FILES",
    "CLASSICS",
]

MAX_BYTES = 10_000
MAX_FILES = 20_000  # files looked at in a folder tree; more is not a class
MAX_DEPTH = 20  # nesting of JSON arrays and objects; a submission needs 2
EVOLVE_MAX = 20_000_000  # shares evolve() returns: (generations + 1) x strategies (160 MB)
CLASSICS = ("Tit For Tat", "Defector", "Cooperator")  # what classroom_tournament adds by default
_NAME = re.compile(r"^[A-Za-z0-9 _.\-'()]{1,40}$")
_OUTCOMES = ("CC", "CD", "DC", "DD")


@v.params(text=v.Checked("a file name (any object is shown as its str)"), limit=v.Integer(10, 10_000))
def display_name(text: str, limit: int = 80) -> str:
    """``text`` (a file name) safe to print: control, format and undecodable characters escaped, length capped.

    >>> display_name("evil\\x1b[31m.json"), display_name("a\\nrejected: b.json")
    ('evil\\\\x1b[31m.json', 'a\\\\nrejected: b.json')
    """
    out = []
    for ch in str(text):
        cat = unicodedata.category(ch)
        if cat[0] == "C" or cat in ("Zl", "Zp"):  # control, format (bidi overrides), surrogate, private; separators
            code = ord(ch)
            out.append(
                ch.encode("unicode_escape").decode("ascii") if code < 0x10000 or cat == "Cs" else f"\\U{code:08x}"
            )
        else:
            out.append(ch)
    shown = "".join(out)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


@dataclass(frozen=True)
class Submission:
    """A validated memory-one strategy: name, first-move and after-outcome cooperation probabilities."""

    name: str
    first: float
    after: tuple  # probabilities after CC, CD, DC, DD (my move, the opponent's)
    file: str = ""

    @v.params()
    def table(self) -> np.ndarray:
        """Cooperation probability in each of the tournament engine's 33 situations."""
        return tm.memory_one_table(self.first, self.after)


class _Reject(ValueError):
    pass


def _probability(file: str, field: str, x: object) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise _Reject(f"{file}: field {field!r} must be a number in [0, 1], got {type(x).__name__} {str(x)[:40]!r}")
    if isinstance(x, int) and not 0 <= x <= 1:  # checked before float(x), which overflows on huge integers
        raise _Reject(
            f"{file}: field {field!r} must be a number in [0, 1], got an integer of {len(str(abs(x)))} digits"
            if abs(x) > 10**12
            else f"{file}: field {field!r} must be a number in [0, 1], got {x}"
        )
    x = float(x)
    if not math.isfinite(x) or not 0.0 <= x <= 1.0:
        raise _Reject(f"{file}: field {field!r} must be a number in [0, 1], got {x!r}")
    return x


def _depth(text: str) -> int:
    """Deepest nesting of brackets outside strings (the JSON parser recurses once per level)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _Reject(f"the key {key[:40]!r} appears twice")
        seen[key] = value
    return seen


def _parse(path: Path, file: str, reserved: dict) -> Submission:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _Reject(f"{file}: the file is {size} bytes; a submission is at most {MAX_BYTES}")
    raw = path.read_bytes()[: MAX_BYTES + 1]
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Windows Notepad) is fine
    except UnicodeDecodeError:
        raise _Reject(f"{file}: not UTF-8 text") from None
    if _depth(text) > MAX_DEPTH:
        raise _Reject(f"{file}: nested more than {MAX_DEPTH} levels deep; a submission is one object")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=lambda c: float("nan"))
    except _Reject as exc:
        raise _Reject(f"{file}: {exc}") from None
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, and int() of more than 4,300 digits
        reason = str(exc).splitlines()[0][:120]
        raise _Reject(f"{file}: not valid JSON ({reason})") from None
    if not isinstance(data, dict):
        raise _Reject(f"{file}: the top level must be an object with fields 'name', 'first', 'after'")
    extra = set(data) - {"name", "first", "after"}
    if extra:
        shown = sorted(display_name(k, 30) for k in extra)[:5]
        raise _Reject(f"{file}: unknown field(s) {shown}; allowed: 'name', 'first', 'after'")
    for key in ("name", "first", "after"):
        if key not in data:
            raise _Reject(f"{file}: field {key!r} is missing")
    name = data["name"]
    if not isinstance(name, str) or not _NAME.fullmatch(name) or not name.strip():
        given = display_name(name, 50) if isinstance(name, str) else type(name).__name__
        raise _Reject(
            f"{file}: field 'name' must be 1-40 letters, digits, spaces or . _ - ' ( ) and not blank, got {given!r}"
        )
    name = " ".join(name.split())
    if name.lower() in reserved:
        raise _Reject(f"{file}: field 'name' {name!r} is already used by {reserved[name.lower()]}")
    first = _probability(file, "first", data["first"])
    after = data["after"]
    if not isinstance(after, dict) or set(after) != set(_OUTCOMES):
        keys = sorted(display_name(k, 10) for k in after)[:6] if isinstance(after, dict) else type(after).__name__
        raise _Reject(f"{file}: field 'after' must be an object with exactly the keys CC, CD, DC, DD, got {keys}")
    probs = tuple(_probability(file, f"after.{k}", after[k]) for k in _OUTCOMES)
    return Submission(name, first, probs, file)


def _files(folder: Path) -> tuple[list[Path], list[Path]]:
    """Files under ``folder`` in a stable order (sub-folders included), and the links to folders not followed."""
    found, links = [], []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        links += [Path(root) / d for d in dirs if (Path(root) / d).is_symlink()]
        for f in sorted(files):
            found.append(Path(root) / f)
            if len(found) > MAX_FILES:
                return found, links
    return found, links


def _quoted(path: Path, folder: Path) -> str:
    """A file's name in a message: relative to the folder, escaped, in double quotes (so no name reads as a
    verdict).
    """
    return '"' + display_name(str(path.relative_to(folder))).replace('"', '\\"') + '"'


@dataclass(frozen=True)
class LoadedSubmissions:
    """Result of :func:`load_submissions`: what a folder of submissions gave.

    Attributes
    ----------
    submissions : tuple of Submission
        The valid submissions, in path order (pass them to :func:`classroom_tournament`).
    messages : tuple of str
        One message for each file not used, starting with its verdict: ``rejected: "a.json": field
        'first' ...`` or ``skipped: "notes.txt" (not a .json file)`` (a link to a folder is skipped too).
    """

    submissions: tuple[Submission, ...]
    messages: tuple[str, ...]


@v.params(folder=v.Checked("a path to an existing folder"), reserved=v.Checked("a tuple of names"))
def load_submissions(folder: str | Path, reserved: tuple[str, ...] = CLASSICS) -> LoadedSubmissions:
    """Read every ``.json`` file under ``folder``: the valid submissions, and one message per file not used.

    Parameters
    ----------
    folder : str or Path
        The folder of submissions (sub-folders are read too, as an LMS download has them).
    reserved : tuple of str
        Names a submission may not take (case-insensitive): the classics the tournament
        adds (default :data:`CLASSICS`).

    Returns
    -------
    LoadedSubmissions
        The valid submissions in path order (``.submissions``), and a message for each file not used
        (``.messages``), starting with its verdict: ``rejected: "a.json": field 'first' ...`` or
        ``skipped: "notes.txt" (not a .json file)`` (a link to a folder is skipped too: links are not followed).
    """
    if not isinstance(folder, (str, Path)):
        raise TypeError(f"folder must be a path, got {type(folder).__name__}")
    root = Path(folder)
    if not root.is_dir():
        raise ValueError(f"folder must be an existing directory, got {display_name(str(root))!r}")
    if (
        isinstance(reserved, str)
        or not isinstance(reserved, (tuple, list))
        or not all(isinstance(r, str) for r in reserved)
    ):
        raise TypeError(f"reserved must be a tuple of names, got {reserved!r}"[:200])
    names = {r.lower(): f"the classic strategy {r!r} that the tournament adds" for r in reserved}
    accepted: list[Submission] = []
    messages: list[str] = []
    paths, links = _files(root)
    messages += [f"skipped: {_quoted(link, root)} (a link to a folder: links are not followed)" for link in links]
    if len(paths) > MAX_FILES:
        messages.append(f"skipped: more than {MAX_FILES} files under the folder; only the first {MAX_FILES} were read")
        paths = paths[:MAX_FILES]
    for path in paths:
        file = _quoted(path, root)
        if path.suffix.lower() != ".json":
            messages.append(f"skipped: {file} (not a .json file)")
            continue
        if path.is_symlink() or not path.is_file():
            messages.append(f"rejected: {file}: not a regular file")
            continue
        try:
            sub = _parse(path, file, names)
        except _Reject as exc:
            messages.append(f"rejected: {exc}")
            continue
        except OSError as exc:
            messages.append(f"rejected: {file}: cannot be read ({exc.strerror or exc.__class__.__name__})")
            continue
        names[sub.name.lower()] = file
        accepted.append(dataclasses.replace(sub, file=file[1:-1]))
    return LoadedSubmissions(submissions=tuple(accepted), messages=tuple(messages))


@v.params(
    submissions=v.Checked("a list of Submission (from load_submissions)"),
    turns=v.Integer(1, 10_000),
    repetitions=v.Integer(1, 1000),
    noise=v.Probability(),
    seed=v.Seed(),
    include=v.Checked("names of classic strategies (coordlab.models.tournament.STRATEGIES)"),
    progress=v.Checked("a function progress(done, total), or None"),
)
def classroom_tournament(
    submissions: Sequence[Submission],
    turns: int = 200,
    repetitions: int = 5,
    noise: float = 0.0,
    seed: int = 0,
    include: Sequence[str] | None = CLASSICS,
    progress: Callable[[int, int], None] | None = None,
) -> tm.TournamentResult:
    """Round robin of the submissions (and the named classics in ``include``), with self-play, Axelrod's payoffs.

    ``include`` names classics of :data:`coordlab.models.tournament.STRATEGIES` by display name or
    by axelrod class name (``"TitForTat"``); the results carry the display names.

    Matches are played in batches (see :func:`coordlab.models.tournament.round_robin_tables`),
    so a class of 2,000 runs in memory proportional to 2,000², not to its 2 million
    pairings times the turns; ``progress(done, total)`` is called after each batch.
    Time grows with the pairings times ``turns`` times ``repetitions``: 2,000 submissions
    at Axelrod's 200 turns and 5 repetitions take about two minutes on a 2-core machine
    (``benchmarks/``). ``turns`` is in [1, 10000], ``repetitions`` in [1, 1000].

    Returns a :class:`coordlab.models.tournament.TournamentResult`.
    """
    subs = list(submissions) if isinstance(submissions, (list, tuple)) else None
    if subs is None or not all(isinstance(s, Submission) for s in subs):
        raise TypeError("submissions must be a list of Submission (from load_submissions)")
    if include is not None and (isinstance(include, (str, bytes)) or not isinstance(include, (list, tuple))):
        raise TypeError(f"include must be a tuple of strategy names or None, got {v.describe(include)}")
    include = [] if include is None else list(include)
    classics = [tm.strategy(tm.StrategyName().check("include", n)) for n in include]  # either spelling
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a function progress(done, total) or None, got {type(progress).__name__}")
    names = [s.name for s in subs] + [c.name for c in classics]
    if len(names) < 2:
        raise ValueError(f"submissions and include must name at least two strategies together, got {names}")
    taken: dict[str, str] = {}
    for s in subs:
        key = s.name.lower()
        if key in taken:
            raise ValueError(
                f"submission names must be distinct: {s.name!r} ({s.file or 'no file'}) repeats {taken[key]}"
            )
        taken[key] = s.file or repr(s.name)
    for c in classics:
        if c.name.lower() in taken:
            raise ValueError(
                f"the submission {taken[c.name.lower()]} is named like the classic {c.name!r} that "
                "include adds: load the folder with load_submissions(folder, reserved=include)"
            )
    tables = np.stack([s.table() for s in subs] + [c.table() for c in classics])
    return tm.round_robin_tables(
        names, tables, turns=turns, repetitions=repetitions, noise=noise, seed=seed, progress=progress
    )


@v.params(payoff_matrix=v.RealMatrix(), generations=v.Integer(1, 100_000))
def evolve(payoff_matrix: ArrayLike, generations: int = 100) -> np.ndarray:
    """Discrete replicator dynamics from equal shares: ``x' ∝ x (A x)``; returns shares, shape (generations + 1, n).

    >>> evolve([[3.0, 0.0], [5.0, 1.0]], generations=50)[-1].round(3).tolist()    # defection takes over
    [0.0, 1.0]
    """
    payoff_matrix = np.asarray(payoff_matrix)  # already an array (@v.params): for the type checker
    A = payoff_matrix
    if A.shape[0] != A.shape[1]:
        raise ValueError(f"payoff_matrix must be square, got shape {A.shape}")
    if (A < 0).any():
        raise ValueError("payoff_matrix must be non-negative (payoffs of the Prisoner's Dilemma are)")
    if (generations + 1) * A.shape[0] > EVOLVE_MAX:
        raise ValueError(
            f"generations times the strategies of payoff_matrix must be at most {EVOLVE_MAX:,} (the "
            f"shares of every generation are returned), got {generations + 1:,} x {A.shape[0]:,}"
        )
    x = np.full(A.shape[0], 1.0 / A.shape[0])
    out = [x]
    for _ in range(generations):
        fit = x * (A @ x)
        total = fit.sum()
        x = fit / total if total > 0 else x
        out.append(x)
    return np.array(out)
