"""The course map: every notebook, what it teaches, and what it builds on.

One registry that the course-map figure (notebook 00), the README's notebook
list and the structure tests all read, so they cannot disagree. The glossary
concepts and the sequence follow ``shared/docs/COURSE.md``.

    >>> len(NOTEBOOKS), NOTEBOOKS[0].filename
    (15, '00_start_here.ipynb')
    >>> notebook("01").prerequisites
    ('00',)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Notebook", "NOTEBOOKS", "notebook"]


@dataclass(frozen=True)
class Notebook:
    """One notebook of the course.

    Attributes
    ----------
    number : str
        Two digits, its place in the sequence.
    slug : str
        File name without the number and ``.ipynb``.
    title : str
        As the notebook's first heading has it.
    teaches : str
        What the learner can do afterwards, in one line.
    prerequisites : tuple of str
        Numbers of the notebooks it builds on.
    available : bool
        Whether the notebook exists yet (the others are planned).
    """

    number: str
    slug: str
    title: str
    teaches: str
    prerequisites: tuple[str, ...]
    available: bool

    @property
    def filename(self) -> str:
        """``NN_slug.ipynb``, its file name in ``notebooks/``."""
        return f"{self.number}_{self.slug}.ipynb"


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook("00", "start_here", "Start here",
             "launch the course, check the environment, use a lab and an exercise", (), True),
    Notebook("01", "coordination_failures", "Coordination failures",
             "tell a coordination failure from a bad outcome; find and rank equilibria; locate a run threshold",
             ("00",), True),
    Notebook("02", "prisoners_dilemma_defi", "Prisoner's Dilemma in DeFi",
             "map DeFi situations to a Prisoner's Dilemma; say when repetition sustains cooperation", ("01",), True),
    Notebook("03", "stakeholder_incentives", "Stakeholder incentive divergence",
             "show why token share is not voting power; price a governance attack", ("02",), True),
    Notebook("04", "community_risk", "Community risk assessment",
             "turn governance and sentiment data into a risk number and an option price", ("03",), True),
    Notebook("05", "behavioural_liquidations", "Behavioral game theory in liquidations",
             "explain why keepers may not show up and why auctions can clear at zero", ("02",), True),
    Notebook("06", "liquidity_traps", "Liquidity trap dynamics",
             "trace how supply cuts and LP exits feed volatility and break pegs", ("01",), True),
    Notebook("07", "position_sizing", "Position sizing failures",
             "size a position; see ruin and crowding", ("01",), True),
    Notebook("08", "algorithmic_feedback", "Algorithmic feedback loops",
             "show how interacting bots produce a crash; stress-test a rule", ("06", "07"), True),
    Notebook("09", "capital_coordination", "Capital coordination mechanics",
             "design rate curves, liquidation incentives and throttles that keep a market solvent", ("08",), True),
    Notebook("10", "systemic_contagion", "Systemic risk and contagion",
             "compute who defaults when one does; see the cost of opacity", ("09",), True),
    Notebook("11", "consensus_failures", "Consensus mechanism failures",
             "choose confirmations; explain finality risk for settlement", ("01",), True),
    Notebook("12", "state_machines", "State machine coordination",
             "specify a liquidation protocol as a state machine and test its invariants", ("05", "09"), True),
    Notebook("13", "sequencer_risk", "Sequencer risk",
             "price the risk of an L2 outage for a lending market", ("09", "11"), True),
    Notebook("14", "capstone_stress_test", "Capstone: a stress test",
             "combine the models into one crisis and design parameters that survive it",
             ("05", "10", "13"), True),
)


def notebook(number: str) -> Notebook:
    """The notebook with this two-digit number.

    Examples
    --------
    >>> notebook("00").filename
    '00_start_here.ipynb'
    >>> notebook("99")
    Traceback (most recent call last):
    ...
    ValueError: number must be one of '00', '01', ..., '14'; got '99'
    """
    for nb in NOTEBOOKS:
        if nb.number == number:
            return nb
    raise ValueError(f"number must be one of '00', '01', ..., '{NOTEBOOKS[-1].number}'; got {number!r}")
