"""Exercise checks: right, close or wrong, with a hint, and never the answer itself."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordlab.exercises import check
from coordlab.exercises.audit import answers_on_page, check_cell, exercise_start, numbers_in, page_text
from coordlab.exercises.check import (
    MAX_MESSAGE,
    REGISTRY,
    SLIPS,
    Choice,
    Function,
    Numeric,
    _percent,
    exercise,
    load_all,
    normalise,
    rounded,
)
from notebook_tools import notebook_paths, read

load_all()
NUMERIC = sorted(k for k, e in REGISTRY.items() if isinstance(e, Numeric))
CHOICE = sorted(k for k, e in REGISTRY.items() if isinstance(e, Choice))


def _spellings(x: float) -> set[str]:
    """Ways a message could give the answer away."""
    out = {repr(x), str(x)}
    for digits in (2, 3, 4, 5):
        out.add(f"{x:.{digits}g}")
        out.add(f"{x:.{digits}f}")
    if 0 < abs(x) <= 1:
        out |= {f"{100 * x:.0f}%", f"{100 * x:.1f}%", f"{100 * x:.1f}"}
    return {s for s in out if len(s.strip("0.-")) >= 2}  # "0", "1.0" would match anything


def _messages(key: str) -> list[str]:
    ex = REGISTRY[key]
    want = float(ex.answer())
    tries = [
        want * (1 + ex._slack() / 2),
        want * (1 - ex._slack() / 2),
        want * 3 + 1,
        -want - 7,
        0.0,
        1e9,
        None,
        "abc",
        math.nan,
        math.inf,
        True,
        -want,
    ] + [f * want for f, _ in SLIPS]
    tries += [float(trap()) for trap, _ in ex.traps]
    return [check(key, t).message for t in tries]


def _unit(ex) -> float:
    return 10.0**-ex.decimals


@pytest.mark.parametrize("key", NUMERIC)
def test_numeric_verdicts(key):
    ex = REGISTRY[key]
    want = float(ex.answer())
    assert math.isfinite(want)
    assert check(key, want).verdict == "right"
    r = float(rounded(want, ex.decimals))
    assert check(key, r).verdict == "right", "the answer rounded as the question asks"
    # exactly the answers that round to it: half a unit of the last place either side of the rounded value
    assert check(key, r + 0.49 * _unit(ex)).verdict == "right" and check(key, r - 0.49 * _unit(ex)).verdict == "right"
    for outside in (r + 0.51 * _unit(ex), r - 0.51 * _unit(ex)):
        assert check(key, outside).verdict != "right", outside
    assert check(key, want * 3 + 1).verdict == "wrong"
    for trap, hint in ex.traps:
        fb = check(key, float(trap()))
        assert fb.verdict == "wrong" and hint in fb.message, (key, fb.message)
    assert check(key, None).verdict == "missing"
    for bad in ("abc", math.nan, math.inf, True, [1.0]):
        fb = check(key, bad)
        assert fb.verdict == "wrong" and ("number" in fb.message), fb.message


@pytest.mark.parametrize("key", NUMERIC)
def test_the_answer_is_not_on_a_rounding_tie(key):
    """At the precision asked, the answer is not within a millionth of a unit of a tie (any CPU rounds it alike)."""
    ex = REGISTRY[key]
    scaled = abs(float(ex.answer())) * 10.0**ex.decimals
    assert abs(scaled - math.floor(scaled) - 0.5) > 1e-6, f"{key}: the answer sits on a rounding tie at {ex.asks}"


@pytest.mark.parametrize("key", NUMERIC)
def test_no_trap_is_a_right_answer(key):
    """A trap is never inside the right answers (the mistake it is there to catch would be marked right)."""
    ex = REGISTRY[key]
    want = rounded(float(ex.answer()), ex.decimals)
    for trap, _ in ex.traps:
        assert rounded(float(trap()), ex.decimals) != want, f"{key}: trap {float(trap())} rounds to the answer"


@pytest.mark.parametrize("key", NUMERIC)
def test_every_unit_slip_is_named(key):
    """x100, /100, x10^4, /10^4, x10^6, /10^6 and the sign: each earns a message naming the slip (or a trap's)."""
    ex = REGISTRY[key]
    want = float(ex.answer())
    trap_hints = [hint for _, hint in ex.traps]
    for factor in [f for f, _ in SLIPS] + [-1.0]:
        fb = check(key, factor * want)
        named = (
            any(h in fb.message for h in trap_hints)
            or "looks like" in fb.message
            or "wrong sign" in fb.message
            or "check the units" in fb.message
        )
        assert fb.verdict == "wrong" and named, (key, factor, fb.message)
        assert ex.hint not in fb.message, (key, factor, "the generic hint for a unit slip")


def test_slip_messages_fit_the_unit():
    fraction = Numeric(key="98.1", answer=lambda: 0.415, hint="h", decimals=3, unit="fraction")
    assert "looks like a percentage" in fraction.check(41.5).message
    assert "looks like basis points" in fraction.check(4150).message
    assert "wrong sign" in fraction.check(-0.415).message
    assert "sign is wrong too" in fraction.check(-41.5).message
    percent = Numeric(key="98.2", answer=lambda: 41.5, hint="h", decimals=1, unit="percent")
    assert "looks like a fraction" in percent.check(0.415).message
    millions = Numeric(key="98.3", answer=lambda: 180.0, hint="h", decimals=0, unit="million tokens")
    assert "asks in millions" in millions.check(180e6).message
    usd = Numeric(key="98.4", answer=lambda: 2.5e6, hint="h", decimals=0, unit="USD")
    assert "asks in units" in usd.check(2.5).message
    bps = Numeric(key="98.5", answer=lambda: 25.0, hint="h", decimals=0, unit="bps")
    assert "looks like a fraction" in bps.check(0.0025).message and "looks like a percentage" in bps.check(0.25).message


def test_close_answers_are_told_the_precision():
    ex = Numeric(key="98.6", answer=lambda: 1818.1818, hint="h", decimals=0, unit="USD per ETH", close_tol=0.01)
    assert check_verdict(ex, 1818) == ("right", "Right.")
    assert check_verdict(ex, 1818.4)[0] == "right" and check_verdict(ex, 1818.6)[0] != "right"
    verdict, message = check_verdict(ex, 1820)
    assert verdict == "close" and "rounded too early" in message and "to the nearest whole number" in message
    verdict, message = check_verdict(ex, 1825)
    assert verdict == "close" and "within 1% " in message and "to the nearest whole number" in message
    guess = Numeric(key="98.7", answer=lambda: 0.4819, hint="h", decimals=3, unit="fraction")
    verdict, message = check_verdict(guess, 0.5)  # one significant digit: a guess, not a rounding
    assert verdict == "close" and "rounded too early" not in message and "within 5% " in message
    assert check_verdict(guess, 0.48)[1].startswith("Close: you rounded too early")
    fine = Numeric(key="98.8", answer=lambda: 1.0262, hint="h", decimals=4, close_tol=0.002)
    assert "within 0.2% " in check_verdict(fine, 1.0275)[1]


def check_verdict(ex, value):
    fb = ex.check(value)
    return fb.verdict, fb.message


@pytest.mark.parametrize("key", NUMERIC)
def test_close_messages_print_a_meaningful_tolerance(key):
    ex = REGISTRY[key]
    if ex.close_tol is None:
        return
    assert re.fullmatch(r"\d+(\.\d+)?%", _percent(ex.close_tol)) and float(_percent(ex.close_tol)[:-1]) > 0


@pytest.mark.parametrize("key", NUMERIC)
def test_no_message_gives_the_answer_away(key):
    want = float(REGISTRY[key].answer())
    leaks = [(s, m) for m in _messages(key) for s in _spellings(want) if s in m]
    assert not leaks, leaks


@pytest.mark.parametrize("key", CHOICE)
def test_choice_verdicts(key):
    ex = REGISTRY[key]
    right = ex.answer()
    assert right in ex.options
    assert check(key, right).verdict == "right"
    assert check(key, f"  {right.upper()} ").verdict == "right"  # case and spaces do not matter
    for wrong in (o for o in ex.options if o != right):
        fb = check(key, wrong)
        assert fb.verdict == "wrong" and fb.message != "Right.", fb.message
        if wrong in ex.hints:
            assert ex.hints[wrong] in fb.message
    fb = check(key, "neither")
    assert fb.verdict == "wrong" and all(repr(o) in fb.message for o in ex.options)
    assert check(key, None).verdict == "missing"


def test_unknown_key_lists_the_known_ones():
    with pytest.raises(ValueError) as err:
        check("99.1", 1.0)
    first, last = min(REGISTRY), max(REGISTRY)
    assert f"{first!r}, ..., {last!r}" in str(err.value)
    with pytest.raises(ValueError) as err:  # a typo in a notebook's exercise: that notebook's ids
        check("03.9", 1.0)
    assert all(repr(k) in str(err.value) for k in REGISTRY if k.startswith("03."))
    assert not any(repr(k) in str(err.value) for k in REGISTRY if not k.startswith("03."))


def test_registering_twice_under_one_key_is_refused():
    ex = REGISTRY[NUMERIC[0]]
    assert exercise(ex) is ex  # the same object again: harmless (module re-import)
    clone = Numeric(key=ex.key, answer=ex.answer, hint=ex.hint)
    with pytest.raises(ValueError, match="already registered"):
        exercise(clone)


def _keys_used_in_notebooks() -> set[str]:
    keys = set()
    for path in notebook_paths():
        for cell in read(path).cells:
            if cell.cell_type == "code":
                keys |= set(re.findall(r"check\(\s*[\"'](\d\d\.\d+)[\"']", cell.source))
    return keys


def test_registry_and_notebooks_agree():
    used = _keys_used_in_notebooks()
    assert used, "the notebooks call no check()"
    assert used <= set(REGISTRY), f"checked in a notebook but not registered: {sorted(used - set(REGISTRY))}"
    assert set(REGISTRY) <= used, f"registered but used in no notebook: {sorted(set(REGISTRY) - used)}"


def test_text_answers_are_normalised():
    assert normalise("Prisoner\u2019s  Dilemma.") == normalise("prisoners dilemma") == normalise("PRISONER'S-DILEMMA")
    assert normalise("Stag hunts") == normalise("stag hunt") and normalise("Hawk-Dove") == normalise("hawk dove")
    assert normalise("pass") == "pass"  # a double s is not a plural
    key = next(k for k in CHOICE if any("Prisoner" in o for o in REGISTRY[k].options))
    for spelling in ("prisoners dilemma", "Prisoner\u2019s Dilemma", " prisoner's-dilemma! "):
        assert check(key, spelling).message != check(key, "neither").message, spelling


@pytest.mark.parametrize("key", CHOICE)
def test_options_stay_distinct_once_normalised(key):
    forms = [normalise(o) for o in REGISTRY[key].options]
    assert len(set(forms)) == len(forms)


class _Lies(float):
    def __float__(self):
        return "not a float"


class _Raises(int):
    def __float__(self):
        raise RuntimeError("no")


HOSTILE = [
    10**400,
    -(10**400),
    "nan",
    "NaN",
    "0.415",
    "41.5%",
    "1e999",
    list(range(10**6)),
    {"a": 1},
    b"1",
    _Lies(1.0),
    _Raises(3),
    object(),
    float("nan"),
    -0.0,
    5e-324,
    1.7e308,
    complex(1, 1),
    __import__("decimal").Decimal("NaN"),
    __import__("decimal").Decimal("1e9999"),
    __import__("numpy").array([0.5, 0.6]),
    __import__("numpy").float64("nan"),
    "x" * 10**6,
]


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_any_answer_gets_a_short_verdict(key):
    for value in HOSTILE:
        fb = check(key, value)
        assert fb.verdict in ("right", "close", "wrong", "missing") and len(fb.message) <= MAX_MESSAGE, (value, fb)


@settings(max_examples=60, deadline=None)
@given(
    value=st.one_of(
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=300),
        st.fractions(),
        st.decimals(),
        st.lists(st.floats(), max_size=50),
        st.none(),
        st.booleans(),
        st.complex_numbers(),
    )
)
def test_fuzzed_answers_never_raise(value):
    for key in (NUMERIC[0], NUMERIC[len(NUMERIC) // 2], NUMERIC[-1], CHOICE[0]):
        fb = check(key, value)
        assert isinstance(fb.message, str) and 0 < len(fb.message) <= MAX_MESSAGE


def _question(nb, key) -> str:
    start, end = exercise_start(nb, key), check_cell(nb, key)
    return "\n".join(c.source for c in nb.cells[start:end] if c.cell_type == "markdown")


@pytest.mark.parametrize("key", NUMERIC)
def test_each_question_states_its_precision(key):
    nb = read(_notebook(key))
    assert REGISTRY[key].asks in _question(nb, key), f"{key}: the question does not say '{REGISTRY[key].asks}'"


def _notebook(key):
    return next(p for p in notebook_paths() if p.name.startswith(key[:2] + "_"))


@pytest.mark.parametrize("key", NUMERIC)
def test_no_answer_is_on_the_page_above_it(key):
    """The expected value, in any form the check accepts, is nowhere above the exercise nor in its messages."""
    leaks = answers_on_page(read(_notebook(key)), key)
    assert not leaks, "answer on the page: " + "; ".join(map(str, leaks))


@pytest.mark.parametrize("key", NUMERIC)
def test_listed_coincidences_are_on_the_page_and_explained(key):
    ex = REGISTRY[key]
    if not ex.coincidences:
        return
    nb = read(_notebook(key))
    above = "\n".join(text for c in nb.cells[: exercise_start(nb, key)] for _, text in page_text(c))
    for written, why in ex.coincidences:
        assert len(why) >= 20, f"{key}: say why {written!r} is not the answer"
        assert written in [t for t, _, _ in numbers_in(above)], f"{key}: {written!r} is no longer above it: drop it"


def _gate_exercise(**extra):
    """A write-it-yourself exercise like the course's: is an oracle answer usable (not older than ``grace`` s)?"""
    return Function(
        key="98.9",
        signature="fresh(updated_at, now, grace)",
        reference=lambda updated_at, now, grace: now - updated_at <= grace,
        cases=lambda: [(0, 100, 3600), (0, 3600, 3600), (0, 3601, 3600), (50, 40, 10)],
        describe=lambda u, n, g: f"updated at {u} s, now {n} s, grace {g} s",
        hint="Compare the answer's age with the grace period; mind the boundary.",
        **extra,
    )


def test_a_function_exercise_passes_a_right_function():
    ex = _gate_exercise()
    fb = ex.check(lambda updated_at, now, grace: (now - updated_at) <= grace)
    assert fb.verdict == "right" and "all 4 cases" in fb.message


def test_a_function_exercise_names_the_first_failing_case_not_the_code():
    ex = _gate_exercise()
    fb = ex.check(lambda updated_at, now, grace: now - updated_at < grace)  # the boundary wrong
    assert fb.verdict == "wrong" and "Case 2 of 4 (updated at 0 s, now 3600 s, grace 3600 s)" in fb.message
    assert "expected True, your function returned False" in fb.message and "1 of 4 cases passed" in fb.message
    assert "<=" not in fb.message and "lambda" not in fb.message
    fb = ex.check(lambda updated_at, now, grace: 1)  # a number where a truth value was asked
    assert "expected True or False" in fb.message


def test_a_function_exercise_survives_what_the_learner_writes():
    ex = _gate_exercise(time_limit=0.2)

    def loops(updated_at, now, grace):
        while True:
            pass

    assert "took longer than 0.2 s" in ex.check(loops).message
    assert "raised ZeroDivisionError" in ex.check(lambda u, n, g: 1 / 0).message
    assert "must take 3 arguments" in ex.check(lambda u, n: True).message
    assert "raised SystemExit" in ex.check(lambda u, n, g: exit()).message
    assert "Pass the function itself" in ex.check(True).message and ex.check(None).verdict == "missing"
    assert "Pass the function itself" in ex.check(int).message

    def mutates(*args):
        raise ValueError("x" * 10**5)

    assert len(ex.check(mutates).message) <= MAX_MESSAGE
    numeric = Function(
        key="98.10",
        signature="double(x)",
        reference=lambda x: 2 * x,
        cases=lambda: [(1.5,), (-2,)],
        describe=lambda x: f"x = {x}",
        hint="Twice x.",
    )
    assert numeric.check(lambda x: x + x).verdict == "right"
    fb = numeric.check(lambda x: x * 3)
    assert "Case 1 of 2 (x = 1.5): expected 3, your function returned 4.5" in fb.message
    assert "expected a number (3)" in numeric.check(lambda x: "3").message
    assert "expected a number" in numeric.check(lambda x: float("nan")).message


def test_a_function_exercise_compares_lists_item_by_item():
    ex = Function(
        key="98.11",
        signature="swings(weights, quota)",
        reference=lambda w, q: [2, 2, 2],
        cases=lambda: [((1, 1, 1), 2)],
        describe=lambda w, q: f"weights {w}, quota {q}",
        hint="Count.",
    )
    assert ex.check(lambda w, q: [2, 2, 2]).verdict == "right"
    assert ex.check(lambda w, q: __import__("numpy").array([2.0, 2.0, 2.0])).verdict == "right"
    assert "item 2 of 3: expected 2, your function returned 3" in ex.check(lambda w, q: [2, 3, 2]).message
    assert "expected a list of 3 numbers, your function returned 2" in ex.check(lambda w, q: [2, 2]).message
    assert "expected a list of 3 numbers" in ex.check(lambda w, q: 6).message


def test_a_function_skeleton_is_not_answered_yet():
    ex = _gate_exercise()

    def fresh(updated_at, now, grace): ...  # your code here

    fb = ex.check(fresh)
    assert fb.verdict == "missing" and "Case" not in fb.message  # no case, no expected value on the page


FUNCTION = sorted(k for k, e in REGISTRY.items() if isinstance(e, Function))


def test_each_notebook_has_a_write_it_yourself_exercise():
    """Notebooks 01-14: the student writes the model's core step at least once (item 3 of the exercises issue)."""
    have = {k[:2] for k in FUNCTION}
    missing = sorted({p.name[:2] for p in notebook_paths()} - {"00"} - have)
    assert not missing, f"notebooks without a write-it-yourself exercise: {missing}"


def _solution_code(nb, key) -> str:
    """The Python code of the worked solution that follows exercise ``key``'s check cell."""
    i = check_cell(nb, key)
    details = next(c.source for c in nb.cells[i + 1 :] if c.cell_type == "markdown" and "<details>" in c.source)
    blocks = re.findall(r"```python\n(.*?)```", details, re.S)
    assert blocks, f"{key}: the worked solution shows no implementation"
    return "\n".join(blocks)


@pytest.mark.parametrize("key", FUNCTION)
def test_a_write_it_yourself_exercise_is_set_up_as_the_course_does(key):
    """The cell gives the signature with an empty body (so its stored output is 'not written yet'), the worked
    solution's implementation passes the check, and the check's cases cover what the question asks."""
    ex = REGISTRY[key]
    nb = read(_notebook(key))
    cell = nb.cells[check_cell(nb, key)]
    name = ex.signature.split("(")[0]
    assert f"def {ex.signature}:" in cell.source and f'check("{key}", {name})' in cell.source, cell.source
    namespace: dict = {}
    exec(compile(_solution_code(nb, key), f"<worked solution {key}>", "exec"), namespace)  # noqa: S102
    assert check(key, namespace[name]).verdict == "right", check(key, namespace[name]).message
    skeleton: dict = {}
    exec(cell.source.split("check(")[0], skeleton)  # noqa: S102 - the notebook's own cell, as shipped
    assert check(key, skeleton[name]).verdict == "missing"
    assert len(ex.cases()) >= 4, f"{key}: at least four cases, the boundary among them"
    assert ex.signature in _question(nb, key) or name in _question(nb, key)


@pytest.mark.parametrize("key", NUMERIC)
def test_a_coarser_rounding_is_told_so_not_sent_to_a_trap(key):
    """The answer rounded to one place fewer (a student who rounded early) is 'close: rounded too early'."""
    ex = REGISTRY[key]
    coarse = float(rounded(float(ex.answer()), ex.decimals - 1))
    if (
        ex.close_tol is None
        or ex.decimals < 1
        or coarse == float(rounded(float(ex.answer()), ex.decimals))
        or len(str(abs(coarse)).replace(".", "").strip("0")) < 2
    ):
        return  # counts, exact boundaries and whole numbers (108 is not 'rounded' to 110) have no such slip;
        # one significant digit is a guess, not a rounding
    fb = check(key, coarse)
    assert fb.verdict == "close" and "rounded too early" in fb.message, (key, coarse, fb.message)


# --- The instructor's variant mode: the same exercise with seeded parameters per student -------------------------

from coordlab.exercises.check import (  # noqa: E402
    active_variant,
    draw,
    student_key,
    use_variant,
    variant,
    variant_params,
    variant_seed,
)

VARIED = sorted(k for k in NUMERIC if REGISTRY[k].vary is not None)
STUDENTS = [f"s{i:03d}" for i in range(100)]
COURSE_SEED = 2026


@pytest.fixture(autouse=True)
def _no_variant(monkeypatch):
    """Every test starts with the questions as written (no use_variant, no variant variables)."""
    for name in ("COORDLAB_STUDENT", "COORDLAB_VARIANT_SEED", "COORDLAB_GRADEBOOK"):
        monkeypatch.delenv(name, raising=False)
    use_variant(None)
    yield
    use_variant(None)


def test_every_notebook_has_a_numeric_exercise_with_variants():
    assert sorted({k[:2] for k in VARIED}) == [f"{n:02d}" for n in range(1, 15)]


@pytest.mark.parametrize("key", VARIED)
def test_the_default_variant_is_the_question_as_written(key):
    """The parameters' defaults are the question's values: the answer and every trap are today's, bit for bit."""
    ex = REGISTRY[key]
    assert ex.params and ex.expected(ex.params) == float(ex.answer()) == ex.expected()
    assert ex.trap_values(ex.params) == [float(trap()) for trap, _ in ex.traps]
    assert check(key, float(ex.answer())).verdict == "right"  # no variant active: the question's answer


@pytest.mark.parametrize("key", VARIED)
def test_every_variant_drawn_for_100_students_is_fair(key):
    """Off a rounding tie, every trap told apart (its own hint, never right), every unit slip named, and the
    variants differ between students."""
    ex = REGISTRY[key]
    drawn = {tuple(sorted(variant_params(key, s, COURSE_SEED).items())) for s in STUDENTS}
    answers = set()
    for items in drawn:
        params = dict(items)
        assert set(params) == set(ex.params)
        want = ex.expected(params)
        scaled = abs(want) * 10.0**ex.decimals
        assert abs(scaled - math.floor(scaled) - 0.5) > 1e-6, (key, params, "on a rounding tie")
        answers.add(rounded(want, ex.decimals))
        assert ex.check(want, params).verdict == "right"
        for t, (_, hint) in zip(ex.trap_values(params), ex.traps):
            assert rounded(t, ex.decimals) != rounded(want, ex.decimals), (key, params, t)
            fb = ex.check(t, params)
            assert fb.verdict == "wrong" and hint in fb.message, (key, params, fb.message)
        for factor in [f for f, _ in SLIPS] + [-1.0]:
            assert ex.check(factor * want, params).verdict == "wrong", (key, params, factor)
    assert len(answers) >= 5, f"{key}: 100 students share {len(answers)} answers"


@pytest.mark.parametrize("key", VARIED)
def test_a_student_is_checked_against_their_own_variant(key):
    ex = REGISTRY[key]
    mine, other = (
        "ada lovelace",
        next(
            s
            for s in STUDENTS
            if rounded(ex.expected(variant_params(key, s, COURSE_SEED)), ex.decimals)
            != rounded(ex.expected(variant_params(key, "ada lovelace", COURSE_SEED)), ex.decimals)
        ),
    )
    right = ex.expected(variant_params(key, mine, COURSE_SEED))
    theirs = ex.expected(variant_params(key, other, COURSE_SEED))
    use_variant("Ada  Lovelace", COURSE_SEED)  # the id as the student types it
    assert check(key, right).verdict == "right"
    assert check(key, theirs).verdict != "right"  # another student's answer
    assert "'Ada  Lovelace'" in repr(variant(key))
    use_variant(None)
    assert check(key, ex.expected()).verdict == "right"


def test_variants_come_from_a_stable_hash_of_seed_student_and_exercise():
    """SHA-256, not Python's salted hash: the same draw in any process, on any machine, on every Python."""
    import hashlib

    digest = hashlib.sha256(b"2026\x1fada lovelace\x1f07.1").digest()
    assert variant_seed(2026, " Ada LOVELACE", "07.1") == int.from_bytes(digest[:8], "big")
    assert variant_seed(2026, "ada", "07.1") != variant_seed(2026, "ada", "07.2") != variant_seed(2027, "ada", "07.2")
    assert student_key("Ada\u00a0Lovelace") == "ada lovelace"
    assert variant_params("07.1", "ada", 2026) == {"p": 0.45, "b": 2.0}  # numpy's PCG64 stream, pinned
    assert variant_params("07.2", "ada", 2026) == {}  # no variants: nothing to change
    assert draw(np.random.default_rng(1), 0.25, 0.5, 0.01) == 0.37


def test_the_environment_sets_the_variant_and_the_gradebook_wins(monkeypatch):
    ex = REGISTRY["07.1"]
    monkeypatch.setenv("COORDLAB_STUDENT", "bob")
    monkeypatch.setenv("COORDLAB_VARIANT_SEED", "7")
    assert active_variant() == ("bob", 7)
    use_variant("ada", 7)  # a learner's own call wins over a hub's variables...
    assert active_variant() == ("ada", 7)
    monkeypatch.setenv("COORDLAB_GRADEBOOK", "/dev/null")  # ...but not over the gradebook's
    assert active_variant() == ("bob", 7)
    assert check("07.1", ex.expected(variant_params("07.1", "bob", 7))).verdict == "right"
    monkeypatch.setenv("COORDLAB_VARIANT_SEED", "seven")
    with pytest.raises(ValueError, match="COORDLAB_VARIANT_SEED must be a whole number"):
        active_variant()


def test_variant_inputs_are_refused_clearly():
    ex = REGISTRY["07.1"]
    with pytest.raises(ValueError, match="course_seed must be given"):
        use_variant("ada")
    with pytest.raises(ValueError, match=r"variant_params of exercise '07.1' may only set \['b', 'p'\]"):
        ex.check(0.1, {"q": 0.3})
    with pytest.raises(TypeError, match="variant_params must be a dict"):
        ex.expected(0.3)
    with pytest.raises(ValueError, match="variant_params\\['p'\\] must be"):
        ex.expected({"p": math.nan})
    with pytest.raises(ValueError, match="key must be one of the exercise ids"):
        variant("99.9")
    with pytest.raises(ValueError, match="has vary but its answer takes no parameters"):
        Numeric(key="98.2", answer=lambda: 1.0, hint="h", vary=lambda rng: {})
    assert "no variants" in repr(use_variant("ada", 1) or variant("07.2"))


def test_a_vary_without_a_fair_draw_says_so():
    ex = Numeric(key="98.3", answer=lambda x=1.0: x, hint="h", decimals=0, vary=lambda rng: {"x": 2.5})  # a tie
    REGISTRY["98.3"] = ex
    try:
        with pytest.raises(RuntimeError, match="no fair variant"):
            variant_params("98.3", "ada", 1)
    finally:
        del REGISTRY["98.3"]
