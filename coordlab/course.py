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

__all__ = ["Notebook", "NOTEBOOKS", "notebook", "Term", "GLOSSARY"]


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


@dataclass(frozen=True)
class Term:
    """One concept of the course's glossary, what it means, and the notebook that teaches it.

    Attributes
    ----------
    term : str
        As the glossary names it.
    meaning : str
        In short (after ``shared/docs/COURSE.md``'s glossary table).
    notebook : str
        Number of the notebook that teaches it.
    """

    term: str
    meaning: str
    notebook: str


# The seed's glossary, in its own order (COURSE.md, "The glossary, in its own order"); the course
# website's glossary page and a structure test read it.
GLOSSARY: tuple[Term, ...] = (
    Term("Coordination failure",
         "Individually rational actors together produce an outcome that is bad for all of them; it is worse "
         "where monitoring and enforcement are weak, and it cascades across interconnected markets.", "01"),
    Term("Coordination failure (its algorithmic form)",
         "Pre-programmed rules (trading bots, DAO rules) interact: feedback loops, flash crashes, exploitable "
         "arbitrage, shutdowns. Understanding them needs backtesting and stress-testing, game theory and a "
         "view of emergent behaviour.", "08"),
    Term("Coordination failure (its risk)",
         "Interconnected contracts and counterparty defaults: uncoordinated margin calls and settlement "
         "escalate into systemic crises in high volatility; failures correlate across the network; opacity "
         "hides who is exposed to whom.", "10"),
    Term("Prisoner's Dilemma in DeFi",
         "Each participant's self-interest leads to an outcome worse for the group than cooperation would give.",
         "02"),
    Term("Stakeholder incentive divergence",
         "The participants of decentralised governance (token holders, liquidity providers, users, validators) "
         "want different values of the same parameter.", "03"),
    Term("Community risk assessment",
         "Quantifying governance and sentiment dynamics (concentration, opinion, event clustering) to improve "
         "the stability and pricing of decentralised derivatives.", "04"),
    Term("Liquidity trap dynamics",
         "Negative supply adjustments make liquidity providers withdraw, which raises volatility and can break "
         "a peg.", "06"),
    Term("Position sizing failures",
         "Trade sizes that expose too much risk or misallocate capital: ruin from over-betting, and crowded "
         "liquidation levels.", "07"),
    Term("Consensus mechanism failures",
         "Breakdowns in how a ledger validates transactions (reorganisations, stalled finality) that threaten "
         "the settlement and liquidity of derivatives.", "11"),
    Term("Capital coordination mechanics",
         "Synchronising liquidity and risk parameters (rate curves, liquidation incentives, throttles) to keep "
         "decentralised derivative markets solvent.", "09"),
    Term("Behavioral game theory in liquidations",
         "Psychological biases and strategic interaction among liquidators and keepers create systemic risk: "
         "they may not show up, and auctions can clear at zero.", "05"),
    Term("State machine coordination",
         "The deterministic framework of states and transitions for risk, collateral and liquidation in "
         "options and lending protocols, and the invariants that must hold across it.", "12"),
    Term("Sequencer risk",
         "The risk that a layer-2 network's single transaction orderer (its sequencer) stops, or orders "
         "transactions in its own interest: prices go stale, positions cannot be defended, and liquidations "
         "at restart are late, bunched and front-run, which distorts derivative pricing and liquidation "
         "integrity.", "13"),
)
