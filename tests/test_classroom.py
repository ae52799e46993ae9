"""The classroom tournament: submissions as data, hostile files rejected by name and field, the engine's scores."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coordlab import classroom
from coordlab.models import tournament as tm

TFT = {"name": "My TFT", "first": 1.0, "after": {"CC": 1.0, "CD": 0.0, "DC": 1.0, "DD": 0.0}}


def _write(folder, name, data, raw=False):
    (folder / name).write_text(data if raw else json.dumps(data), encoding="utf-8")


def test_a_submitted_tft_scores_like_the_engines_tft(tmp_path):
    _write(tmp_path, "a.json", TFT)
    subs, bad = classroom.load_submissions(tmp_path)
    assert bad == [] and subs[0].name == "My TFT"
    assert np.array_equal(subs[0].table(), tm.strategy("Tit For Tat").table())
    mine = classroom.classroom_tournament(subs, include=("Defector", "Cooperator"), repetitions=1)
    ref = tm.round_robin(["Tit For Tat", "Defector", "Cooperator"], repetitions=1)
    assert np.allclose(mine.payoff_matrix, ref.payoff_matrix) and np.allclose(mine.scores, ref.scores)


def test_malformed_and_hostile_files_are_rejected_by_file_and_field(tmp_path):
    _write(tmp_path, "aaa_good.json", TFT)        # read first (files are read in name order)
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
    subs, bad = classroom.load_submissions(tmp_path)
    assert [s.name for s in subs] == ["My TFT"]
    expect = {"big.json": "bytes", "broken.json": "not valid", "list.json": "top level", "extra.json": "unknown field",
              "missing.json": "'after' is missing", "range.json": "'first'", "nan.json": "'first'",
              "bool.json": "'after.CC'", "keys.json": "'after'", "name.json": "'name'", "dup.json": "already used",
              "binary.json": "not valid"}
    assert len(bad) == len(expect)
    for file, phrase in expect.items():
        assert any(m.startswith(file + ":") and phrase in m for m in bad), (file, bad)


def test_tournament_and_evolution(tmp_path):
    _write(tmp_path, "a.json", TFT)
    _write(tmp_path, "b.json", {"name": "Sucker", "first": 1.0, "after": {"CC": 1, "CD": 1, "DC": 1, "DD": 1}})
    _write(tmp_path, "c.json", {"name": "Coin", "first": 0.5, "after": {"CC": 0.5, "CD": 0.5, "DC": 0.5, "DD": 0.5}})
    subs, _ = classroom.load_submissions(tmp_path)
    r = classroom.classroom_tournament(subs, seed=3)
    assert r.players == ("My TFT", "Sucker", "Coin", "Tit For Tat", "Defector", "Cooperator")
    assert np.array_equal(classroom.classroom_tournament(subs, seed=3).scores, r.scores)   # seeded
    shares = classroom.evolve(r.payoff_matrix, generations=200)
    assert np.allclose(shares.sum(axis=1), 1.0) and shares[-1][r.players.index("Sucker")] < shares[0][1]
    with pytest.raises(ValueError, match="distinct"):
        classroom.classroom_tournament([classroom.Submission("Defector", 0, (0, 0, 0, 0))])
    with pytest.raises(TypeError, match="submissions"):
        classroom.classroom_tournament(["a.json"])
    with pytest.raises(ValueError, match="directory"):
        classroom.load_submissions(tmp_path / "nope")
