"""Every protocol mechanism a notebook models carries a version box.

A version box is a Markdown blockquote, beside the mechanism it describes:

    > **Version box · Aave v3 liquidations**
    >
    > - **Modelled:** Aave v3.0.1, `LiquidationLogic.sol` in [aave-v3-core](https://github.com/...) (January 2023).
    > - **Since then:** v3.3 (February 2025) ... up to November 2026.
    > - **Does it change the lesson?** Yes: ... (or No: ...)

Checked here: each notebook that models a protocol has a box for each mechanism
listed in ``BOXES``; every box anywhere has the three labelled lines, its
"Modelled" line names a source by link and a year, its "Since then" line is dated,
and its verdict starts with "Yes" or "No". A "Yes" must say what the notebook
does about it (shows the current rule beside, or says why not).
"""

from __future__ import annotations

import re

import pytest

from notebook_tools import notebook_paths, read

PATHS = {p.name[:2]: p for p in notebook_paths()}

#: notebook -> the protocol mechanisms it models, each of which needs a box (matched in the box's title).
BOXES: dict[str, list[str]] = {
    "03": ["Compound Governor", "vote escrow"],
    "05": ["Maker liquidations"],
    "06": ["Ampleforth", "Terra", "StableSwap"],
    "07": ["Compound", "Hyperliquid"],
    "08": ["Uniswap v2"],
    "09": ["Aave v3 liquidations", "interest-rate", "auto-deleveraging"],
    "10": ["peg stability module"],
    "11": ["inactivity leak"],
    "12": ["Aave v3 liquidations", "Clipper"],
    "14": ["Aave v3 liquidation terms"],
    "13": ["sequencer uptime", "forced inclusion", "ordering"],
}

TITLE = re.compile(r"^> \*\*Version box · (?P<title>[^*]+)\*\*\s*$", re.M)
YEAR = re.compile(r"\b20[12]\d\b")


def boxes(path) -> list[tuple[str, str]]:
    """(title, text) of every version box in a notebook's Markdown cells."""
    found = []
    for cell in read(path).cells:
        if cell.cell_type != "markdown":
            continue
        text = cell.source
        for match in TITLE.finditer(text):
            # the box runs from its title to the end of the blockquote
            rest = text[match.start() :].splitlines()
            body = []
            for line in rest:
                if not line.startswith(">"):
                    break
                body.append(line)
            found.append((match.group("title").strip(), "\n".join(body)))
    return found


def _line(body: str, label: str) -> str:
    for line in body.splitlines():
        if line.lstrip("> ").startswith(f"- **{label}**"):
            return line.split(f"**{label}**", 1)[1].strip()
    return ""


@pytest.mark.parametrize("number", sorted(BOXES))
def test_each_modelled_mechanism_has_a_box(number):
    titles = [t for t, _ in boxes(PATHS[number])]
    for mechanism in BOXES[number]:
        assert any(mechanism.lower() in t.lower() for t in titles), (
            f"{PATHS[number].name}: no version box for {mechanism!r} (boxes found: {titles})"
        )


@pytest.mark.parametrize("path", list(PATHS.values()), ids=list(PATHS))
def test_every_box_is_complete(path):
    for title, body in boxes(path):
        where = f"{path.name}, box {title!r}"
        modelled, since, verdict = (_line(body, k) for k in ("Modelled:", "Since then:", "Does it change the lesson?"))
        assert modelled, f"{where}: no '- **Modelled:**' line"
        assert "https://" in modelled and YEAR.search(modelled), f"{where}: 'Modelled' needs a linked source and a year"
        assert since and YEAR.search(since), f"{where}: 'Since then' needs dated changes"
        assert re.match(r"(Yes|No)\b", verdict), f"{where}: the verdict must start with Yes or No, not {verdict[:40]!r}"
        if verdict.startswith("Yes"):
            assert len(verdict) > 40, f"{where}: a 'Yes' must say what the notebook does about the change"


def test_boxes_are_found_by_the_parser():
    sample = (
        "> **Version box · X**\n>\n> - **Modelled:** v1, [src](https://a.b) (2023).\n> - **Since then:** v2 "
        "(2025).\n> - **Does it change the lesson?** No: same.\n\nafter"
    )
    from types import SimpleNamespace

    class Fake:
        cells = [SimpleNamespace(cell_type="markdown", source=sample)]

    import test_version_boxes as me

    original = me.read
    me.read = lambda _p: Fake
    try:
        [(title, body)] = boxes("x")
    finally:
        me.read = original
    assert title == "X" and "after" not in body and _line(body, "Since then:") == "v2 (2025)."


NOTES = re.compile(r"\b(DOMAIN|COURSE|STYLE|REVIEW|TOOLING)\.md\b|shared/docs")


def test_no_file_cites_notes_kept_outside_the_repository():
    """Sources are primary (papers, contracts, specs, official documents), never the team's notes beside the
    repository.
    """
    from notebook_tools import ROOT

    found = []
    for folder in ("coordlab", "tests", "tools", "benchmarks", "notebooks", "lecture", "docs"):
        for path in (ROOT / folder).rglob("*"):
            # test_site.py reads the course map's notes, when they are beside the repository, to check the site against
            # them
            if path.suffix not in {".py", ".md", ".ipynb", ".txt"} or path.name in {
                "test_version_boxes.py",
                "test_site.py",
            }:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if NOTES.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md"):
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1):
            if NOTES.search(line):
                found.append(f"{name}:{number}: {line.strip()[:100]}")
    assert not found, "cites notes that are not part of the repository:\n" + "\n".join(found)
