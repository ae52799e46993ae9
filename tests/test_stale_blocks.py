"""The stale-block windows (bitcoin-data/stale-blocks, CC0 1.0): consistent with the file they were read from."""

from __future__ import annotations

import datetime

from coordlab.models import stale_blocks as sb


def test_windows_are_runs_of_the_file_newest_first():
    for w in sb.WINDOWS:
        assert list(w.heights) == sorted(w.heights, reverse=True) and len(set(w.heights)) == w.count
        assert w.blocks == w.heights[0] - w.heights[-1] + 1 and 0 < w.rate < 0.02


def test_dates_from_the_headers_bracket_each_window_and_follow_the_heights():
    dates = [w.dates for w in sb.WINDOWS]
    assert all(start <= end for start, end in dates)
    assert [d[0].year for d in dates] == [2011, 2013, 2015, 2025] and dates[-1][1] == datetime.date(2026, 9, 11)
    # heights and header dates agree with Bitcoin's ten-minute clock: about 144 blocks a day, within 25%
    for w, (start, end) in zip(sb.WINDOWS, dates):
        per_day = w.blocks / max((end - start).days, 1)
        assert 108 < per_day < 180, (w.label, per_day)


def test_the_header_time_field_is_read_little_endian():
    # block 0's timestamp, 2009-01-03 18:15:05 UTC, is 0x495fab29: its header stores it as 29ab5f49
    assert sb._unix("29ab5f49") == 1231006505


def test_rates_and_the_events_the_notebook_names():
    assert [round(1000 * w.rate, 1) for w in sb.WINDOWS] == [8.0, 10.3, 9.8, 1.5]
    march_2013 = [h for h in sb.WINDOWS[1].heights if 225_430 <= h <= 225_460]
    assert len(march_2013) == 9 and min(march_2013) == 225_430  # BIP 50's fork began at 225,430
    recent = sorted(sb.WINDOWS[3].heights)
    runs, run = [], [recent[0]]
    for a, b in zip(recent, recent[1:]):
        run = run + [b] if b == a + 1 else [b]
        runs.append(run)
    longest = max(runs, key=len)
    assert (len(longest), longest[0], longest[-1]) == (8, 961_632, 961_639)
    assert "CC0" in sb.SOURCE and "025197ec104bc25554784a68a17072d239bc4540" in sb.SOURCE
