"""Repository-wide pytest set-up: the CPU-independence probe (``tests/cpu_probe.py``), off unless asked for.

``COORDLAB_CPU_PROBE=findings.jsonl pytest ...`` rewrites the code of ``coordlab``, of the tests,
of the doctests and of the notebooks' kernels so that every printed or rounded number is checked
for digits that a last-bit difference between CPUs could change, and fails the run if any is
found. ``./course test`` runs it, on Python 3.12's stage.
"""

from __future__ import annotations

import json
import os
import tempfile

import pytest

# Places whose formatted numbers are not compared with anything stored, with the reason.
NOT_STORED = {
    "tests/test_labs.py": "compares a lab's summaries with each other within one run (slider values are inputs)",
    "tests/test_exercises.py": "builds answers from the expected value in the same run to test the verdicts",
    "coordlab/_validate.py": "an error message echoes the caller's own value (an input, not a computed result)",
    "tests/test_fuzz_api.py": "calls with generated values and checks the kind of outcome, never stored text",
    "tests/test_cpu_probe.py": "the probe's own tests print fragile numbers on purpose (into their own findings files)",
    "tests/test_lab_prompts_": "drives labs to the settings prompts name (each update formats a summary, stored "
    "nowhere) "
    "and asserts on the model's values; the summary texts it asserts on were checked with "
    "the probe, and the two at a rounding tie fixed in the labs' formats",
}


def _probing() -> str:
    return os.environ.get("COORDLAB_CPU_PROBE", "")


def pytest_configure(config):
    if _probing():
        import cpu_probe

        if not hasattr(config, "workerinput"):  # the controller (or a run without xdist) starts a fresh file
            open(_probing(), "w").close()
        cpu_probe.configure(tempfile.mkdtemp(prefix="coordlab-probe-"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if _probing():
        import cpu_probe

        cpu_probe.set_context(item.nodeid)


def _findings() -> list[dict]:
    out, seen = [], set()
    with open(_probing(), encoding="utf-8") as fh:
        for line in fh:
            f = json.loads(line)
            if any(f["context"].startswith(k) or f["where"].startswith(k) for k in NOT_STORED):
                continue
            key = (f["kind"], f["where"], f["value"], f["context"].split("::")[0])
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def pytest_sessionfinish(session, exitstatus):
    if _probing() and not hasattr(session.config, "workerinput"):
        found = _findings()
        session.config.stash[_FOUND] = found
        if found and session.exitstatus == 0:
            session.exitstatus = 1


_FOUND = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    found = config.stash.get(_FOUND, None)
    if found is None:
        return
    tr = terminalreporter
    if not found:
        tr.write_line("CPU probe: no printed or rounded number depends on the last bits of a float.")
        return
    tr.section(f"CPU probe: {len(found)} number(s) printed where a last-bit difference changes the digits", red=True)
    for f in found:
        tr.write_line(f"{f['context'].split('::')[0]} | {f['where']} | {f['kind']} {f['value']} | {f['detail']}")
