"""The classroom tournament: submissions as data, hostile files rejected by name and field, the engine's scores."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from coordlab import classroom
from coordlab.models import tournament as tm

TFT = {"name": "My TFT", "first": 1.0, "after": {"CC": 1.0, "CD": 0.0, "DC": 1.0, "DD": 0.0}}


def _write(folder, name, data, raw=False):
    (folder / name).write_text(data if raw else json.dumps(data), encoding="utf-8")


def test_a_submitted_tft_scores_like_the_engines_tft(tmp_path):
    _write(tmp_path, "a.json", TFT)
    loaded = classroom.load_submissions(tmp_path)
    subs, bad = loaded.submissions, loaded.messages
    assert bad == () and subs[0].name == "My TFT"
    assert np.array_equal(subs[0].table(), tm.strategy("Tit For Tat").table())
    mine = classroom.classroom_tournament(subs, include=("Defector", "Cooperator"), repetitions=1)
    ref = tm.round_robin(["Tit For Tat", "Defector", "Cooperator"], repetitions=1)
    assert np.allclose(mine.payoff_matrix, ref.payoff_matrix) and np.allclose(mine.scores, ref.scores)


def test_malformed_and_hostile_files_are_rejected_by_file_and_field(tmp_path):
    _write(tmp_path, "aaa_good.json", TFT)  # read first (files are read in name order)
    _write(tmp_path, "big.json", "x" * (classroom.MAX_BYTES + 1), raw=True)
    _write(tmp_path, "broken.json", "{name: 1", raw=True)
    _write(tmp_path, "list.json", [1, 2])
    _write(tmp_path, "extra.json", {**TFT, "name": "E", "code": "import os"})
    _write(tmp_path, "missing.json", {"name": "M", "first": 1.0})
    _write(tmp_path, "range.json", {**TFT, "name": "R", "first": 1.5})
    _write(tmp_path, "nan.json", '{"name": "N", "first": NaN, "after": {"CC": 1, "CD": 0, "DC": 1, "DD": 0}}', raw=True)
    _write(tmp_path, "bool.json", {**TFT, "name": "B", "after": {"CC": True, "CD": 0, "DC": 1, "DD": 0}})
    _write(tmp_path, "keys.json", {**TFT, "name": "K", "after": {"CC": 1, "CD": 0}})
    _write(tmp_path, "name.json", {**TFT, "name": "<script>alert(1)</script>"})
    _write(tmp_path, "dup.json", {**TFT, "name": "my tft"})
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00\x01")
    loaded = classroom.load_submissions(tmp_path)
    subs, bad = loaded.submissions, loaded.messages
    assert [s.name for s in subs] == ["My TFT"]
    expect = {
        "big.json": "bytes",
        "broken.json": "not valid",
        "list.json": "top level",
        "extra.json": "unknown field",
        "missing.json": "'after' is missing",
        "range.json": "'first'",
        "nan.json": "'first'",
        "bool.json": "'after.CC'",
        "keys.json": "'after'",
        "name.json": "'name'",
        "dup.json": "already used",
        "binary.json": "not UTF-8",
    }
    assert len(bad) == len(expect)
    for file, phrase in expect.items():
        assert any(m.startswith(f'rejected: "{file}":') and phrase in m for m in bad), (file, bad)


def test_tournament_and_evolution(tmp_path):
    _write(tmp_path, "a.json", TFT)
    _write(tmp_path, "b.json", {"name": "Sucker", "first": 1.0, "after": {"CC": 1, "CD": 1, "DC": 1, "DD": 1}})
    _write(tmp_path, "c.json", {"name": "Coin", "first": 0.5, "after": {"CC": 0.5, "CD": 0.5, "DC": 0.5, "DD": 0.5}})
    subs = classroom.load_submissions(tmp_path).submissions
    r = classroom.classroom_tournament(subs, seed=3)
    assert r.players == ("My TFT", "Sucker", "Coin", "Tit For Tat", "Defector", "Cooperator")
    assert np.array_equal(classroom.classroom_tournament(subs, seed=3).scores, r.scores)  # seeded
    shares = classroom.evolve(r.payoff_matrix, generations=200)
    assert np.allclose(shares.sum(axis=1), 1.0) and shares[-1][r.players.index("Sucker")] < shares[0][1]
    with pytest.raises(ValueError, match="named like the classic 'Defector'"):
        classroom.classroom_tournament([classroom.Submission("Defector", 0, (0, 0, 0, 0), "d.json")])
    with pytest.raises(TypeError, match="submissions"):
        classroom.classroom_tournament(["a.json"])
    with pytest.raises(ValueError, match="directory"):
        classroom.load_submissions(tmp_path / "nope")


def test_no_single_file_stops_the_run(tmp_path):
    """Issue 15's hostile and odd files: each is named and rejected (or read), and the tournament still runs."""
    _write(tmp_path, "a_good.json", TFT)
    _write(tmp_path, "deep.json", "[" * 5000, raw=True)  # RecursionError before
    _write(tmp_path, "deep_string.json", '{"name": "' + "[" * 5000 + '"}', raw=True)  # brackets inside a string
    _write(tmp_path, "huge.json", '{"name": "H", "first": 1' + "0" * 400 + ', "after": {}}', raw=True)
    _write(tmp_path, "giant.json", '{"name": "G", "first": ' + "9" * 5000 + "}", raw=True)
    _write(tmp_path, "tft.json", {**TFT, "name": "tit for TAT"})  # a classic's name, any case
    _write(tmp_path, "dupkey.json", '{"name": "D", "name": "E", "first": 1, "after": {}}', raw=True)
    _write(tmp_path, "blank.json", {**TFT, "name": "   "})
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps({**TFT, "name": "Notepad"}).encode())
    _write(tmp_path, "UPPER.JSON", {**TFT, "name": "Shouty"})
    (tmp_path / "week 2").mkdir()
    _write(tmp_path / "week 2", "nested.json", {**TFT, "name": "Nested"})
    _write(tmp_path, "notes.txt", "not a submission", raw=True)
    _write(tmp_path, "evil\x1b[31m\nrejected: x.json", {**TFT, "name": "Evil"})
    loaded = classroom.load_submissions(tmp_path)
    subs, messages = loaded.submissions, loaded.messages
    assert sorted(s.name for s in subs) == ["Evil", "My TFT", "Nested", "Notepad", "Shouty"]
    assert [s.file for s in subs if s.name == "Evil"] == ["evil\\x1b[31m\\nrejected: x.json"]
    expect = {
        "deep.json": "nested more than",
        "deep_string.json": "'first' is missing",
        "huge.json": "an integer of 401 digits",
        "giant.json": "not valid JSON",
        "tft.json": "the classic strategy 'Tit For Tat'",
        "dupkey.json": "the key 'name' appears twice",
        "blank.json": "not blank",
        "notes.txt": "(not a .json file)",
    }
    for file, phrase in expect.items():
        mine = [m for m in messages if m.startswith((f'rejected: "{file}"', f'skipped: "{file}"'))]
        assert len(mine) == 1 and phrase in mine[0], (file, messages)
    assert len(messages) == len(expect)
    assert all(m.startswith(("rejected: ", "skipped: ")) for m in messages)  # the verdict first, the name quoted
    assert not any("\x1b" in s.file or "\n" in s.file for s in subs)  # a file name cannot colour or forge a line
    r = classroom.classroom_tournament(subs)
    assert set(r.players) == {"Evil", "My TFT", "Nested", "Notepad", "Shouty", "Tit For Tat", "Defector", "Cooperator"}


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    import os

    raw = os.fsencode(tmp_path) + b"/caf\xe9.json"
    with open(raw, "wb") as fh:
        fh.write(json.dumps(TFT).encode())
    loaded = classroom.load_submissions(tmp_path)
    subs, messages = loaded.submissions, loaded.messages
    assert [s.file for s in subs] == ["caf\\udce9.json"]
    ("".join(messages) + subs[0].file).encode("utf-8")  # printable in a UTF-8 locale


def test_display_name_escapes_controls_and_bidi():
    assert classroom.display_name("a\u202eb\tc") == "a\\u202eb\\tc"
    assert classroom.display_name("x" * 200).endswith("...") and len(classroom.display_name("x" * 200)) == 80
    assert classroom.display_name("Élève 1.json") == "Élève 1.json"


def test_large_class_plays_in_batches_with_the_same_results(monkeypatch):
    """Batches change nothing in a deterministic tournament, and memory is bounded by the batch."""
    subs = [
        classroom.Submission(f"S{i}", float(i % 2), tuple(float((i >> k) & 1) for k in range(4))) for i in range(32)
    ]
    whole = classroom.classroom_tournament(subs)
    monkeypatch.setattr(tm, "_BATCH", 7)
    calls = []
    batched = classroom.classroom_tournament(subs, progress=lambda done, total: calls.append((done, total)))
    assert np.array_equal(whole.outcomes, batched.outcomes) and whole.ranking == batched.ranking
    n = len(subs) + 3
    assert calls[-1] == (n * (n + 1) // 2, n * (n + 1) // 2) and len(calls) == -(-calls[-1][1] // 7)


def test_the_classroom_tool_runs_and_imports(tmp_path, capsys):
    from notebook_tools import load_script

    tool = load_script("tools/classroom.py")
    _write(tmp_path, "a.json", TFT)
    _write(tmp_path, "b.json", "{", raw=True)
    assert tool.main([str(tmp_path), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert 'rejected: "b.json": not valid JSON' in out and "rank  without noise" in out and out.count("\n   ") == 3
    assert tool.main([str(tmp_path / "missing")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert tool.main([str(empty)]) == 1


def test_a_file_name_cannot_pass_for_a_verdict_and_folder_links_are_named(tmp_path):
    _write(tmp_path, "rejected: alice.json: field 'first' is missing.txt", "x", raw=True)
    (tmp_path / "elsewhere").mkdir()
    _write(tmp_path / "elsewhere", "b.json", {**TFT, "name": "Linked"})
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    loaded = classroom.load_submissions(tmp_path)
    subs, messages = loaded.submissions, loaded.messages
    assert [s.name for s in subs] == ["Linked"]  # read once, from the real folder
    assert "skipped: \"rejected: alice.json: field 'first' is missing.txt\" (not a .json file)" in messages
    assert 'skipped: "sub/link" (a link to a folder: links are not followed)' in messages


def test_a_name_with_a_newline_is_refused(tmp_path):
    _write(tmp_path, "a.json", {**TFT, "name": "Alice\n"})
    loaded = classroom.load_submissions(tmp_path)
    subs, messages = loaded.submissions, loaded.messages
    assert subs == () and "field 'name'" in messages[0]


def test_the_tool_refuses_bad_flags_before_playing(tmp_path, capsys):
    from notebook_tools import load_script

    tool = load_script("tools/classroom.py")
    _write(tmp_path, "a.json", TFT)
    for flags in (["--generations", "0"], ["--top", "-1"], ["--turns", "0"]):
        assert tool.main([str(tmp_path), *flags]) == 2
        assert "error:" in capsys.readouterr().err
    assert tool.main([str(tmp_path), "--generations", "100000000"]) == 2
    assert "generations must be in [1, 100000]" in capsys.readouterr().err
    with pytest.raises(ValueError, match="generations times the strategies"):
        classroom.evolve(np.ones((300, 300)), generations=100_000)  # 30 million shares: refused


def test_include_takes_either_spelling_of_a_classic(tmp_path):
    """Issue 17: the classics in ``include`` may be named as the axelrod library's classes spell them."""
    _write(tmp_path, "a.json", TFT)
    subs = classroom.load_submissions(tmp_path).submissions
    by_class = classroom.classroom_tournament(subs, include=("Defector", "TitForTat"), repetitions=1, turns=20)
    by_name = classroom.classroom_tournament(subs, include=("Defector", "Tit For Tat"), repetitions=1, turns=20)
    assert by_class.players == by_name.players == ("My TFT", "Defector", "Tit For Tat")
    assert np.array_equal(by_class.outcomes, by_name.outcomes)
    with pytest.raises(ValueError, match="include must be one of"):
        classroom.classroom_tournament(subs, include=("tit for tat",))


def test_the_tournament_command_writes_both_runs_side_by_side_csvs_and_a_chart(tmp_path, capsys):
    """./course tournament: the rankings without and with noise in one aligned table, every pairing of both runs
    in pairings.csv, every strategy's rank and score in scores.csv, and a chart with both runs."""
    import csv
    import importlib

    import matplotlib.image

    tool = importlib.import_module("tools.classroom")
    folder = tmp_path / "class"
    folder.mkdir()
    for i in range(4):
        _write(folder, f"s{i}.json", {**TFT, "name": f"S{i}", "after": {**TFT["after"], "DC": i / 4}})
    out = tmp_path / "results"
    assert tool.main([str(folder), "--top", "5", "--noise", "0.05", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    table = text.split("pairings a run\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert "without noise" in table[0] and "with 5% noise" in table[0] and len(table) == 2 + 5
    assert len({len(line) for line in table[2:]}) == 1, "rows of one width, aligned"
    n = 4 + len(classroom.CLASSICS)
    with (out / "pairings.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2 * n * (n + 1) // 2 and {r["noise"] for r in rows} == {"0.0", "0.05"}
    assert all(int(r["CC"]) + int(r["CD"]) + int(r["DC"]) + int(r["DD"]) == 200 * 5 for r in rows)
    with (out / "scores.csv").open(newline="", encoding="utf-8") as fh:
        scores = list(csv.DictReader(fh))
    assert [r["rank"] for r in scores if r["noise"] == "0.0"] == [str(k) for k in range(1, n + 1)]
    # each result traces back to its file (issue 16); the classics have none
    files = {f"S{i}": f"s{i}.json" for i in range(4)} | {name: "" for name in classroom.CLASSICS}
    assert {(r["strategy"], r["file"]) for r in scores} == set(files.items())
    assert all(r["row file"] == files[r["row"]] and r["column file"] == files[r["column"]] for r in rows)
    image = matplotlib.image.imread(out / "tournament.png")
    assert image.shape[0] > 300 and image.shape[1] > 900 and image[..., :3].std() > 0.05  # drawn, not blank


EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples" / "tournament"


def test_the_guides_example_folder_runs_as_the_guide_says(tmp_path, capsys):
    """docs/classroom-tournament.md's example submissions: every file valid, the guide's command runs on them,
    each score row names its file, and the chart's legends sit outside the plots in text of 12 points."""
    import csv
    import importlib

    guide = (EXAMPLES.parent.parent / "classroom-tournament.md").read_text()
    assert "./course tournament docs/examples/tournament/" in guide
    tool = importlib.import_module("tools.classroom")
    loaded = classroom.load_submissions(EXAMPLES)
    assert loaded.messages == () and len(loaded.submissions) == len(list(EXAMPLES.glob("*.json"))) >= 4
    out = tmp_path / "results"
    assert tool.main([str(EXAMPLES), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "5 submissions and 3 classics: 36 pairings a run" in text and "rejected" not in text
    with (out / "scores.csv").open(newline="", encoding="utf-8") as fh:
        scores = list(csv.DictReader(fh))
    by_file = {r["file"]: r["strategy"] for r in scores if r["file"]}
    assert by_file == {s.file: s.name for s in loaded.submissions}
    assert by_file["ben_grim.json"] == "Grim trigger"

    # the chart: drawn again from the same run, its legends measured
    subs = loaded.submissions
    runs = [
        (label, classroom.classroom_tournament(subs, noise=noise, seed=0))
        for label, noise in (("without noise", 0.0), ("with 5% noise", 0.05))
    ]
    shares = [classroom.evolve(r.payoff_matrix, 100) for _, r in runs]
    fig = tool.chart(runs, shares, 10, tmp_path / "chart.png")
    fig.canvas.draw()  # lay out the legends (bbox_inches="tight" drew it once already)
    for ax in fig.axes:
        legend = ax.get_legend()
        assert legend is not None
        assert all(t.get_fontsize() >= 12 for t in legend.get_texts())
        box, plot = legend.get_window_extent(), ax.get_window_extent()
        assert not box.overlaps(plot), f"a legend covers the plot {ax.get_title()!r}"
