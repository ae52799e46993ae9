"""The course map: every notebook, what it teaches, and what it builds on.

One registry that the course-map figure (notebook 00), the README's notebook
list and the structure tests all read, so they cannot disagree. The glossary
holds the course's concepts, each pointed at the notebook that teaches it.

    >>> len(NOTEBOOKS), NOTEBOOKS[0].filename
    (15, '00_start_here.ipynb')
    >>> notebook("01").prerequisites
    ('00',)
"""

from __future__ import annotations

from dataclasses import dataclass

from coordlab import _validate as v

__all__ = ["Notebook", "NOTEBOOKS", "notebook", "Term", "GLOSSARY", "TERMS"]


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
    Notebook(
        "00",
        "start_here",
        "Start here",
        "launch the course, check the environment, use a lab and an exercise",
        (),
        True,
    ),
    Notebook(
        "01",
        "coordination_failures",
        "Coordination failures",
        "tell a coordination failure from a bad outcome; find and rank equilibria; locate a run threshold",
        ("00",),
        True,
    ),
    Notebook(
        "02",
        "prisoners_dilemma_defi",
        "Prisoner's Dilemma in DeFi",
        "map DeFi situations to a Prisoner's Dilemma; say when repetition sustains cooperation",
        ("01",),
        True,
    ),
    Notebook(
        "03",
        "stakeholder_incentives",
        "Stakeholder incentive divergence",
        "show why token share is not voting power; price a governance attack",
        ("02",),
        True,
    ),
    Notebook(
        "04",
        "community_risk",
        "Community risk assessment",
        "turn governance and sentiment data into a risk number and an option price",
        ("03",),
        True,
    ),
    Notebook(
        "05",
        "behavioural_liquidations",
        "Behavioral game theory in liquidations",
        "explain why keepers may not show up and why auctions can clear at zero",
        ("02",),
        True,
    ),
    Notebook(
        "06",
        "liquidity_traps",
        "Liquidity trap dynamics",
        "trace how supply cuts and LP exits feed volatility and break pegs",
        ("01",),
        True,
    ),
    Notebook(
        "07", "position_sizing", "Position sizing failures", "size a position; see ruin and crowding", ("01",), True
    ),
    Notebook(
        "08",
        "algorithmic_feedback",
        "Algorithmic feedback loops",
        "show how interacting bots produce a crash; stress-test a rule",
        ("06", "07"),
        True,
    ),
    Notebook(
        "09",
        "capital_coordination",
        "Capital coordination mechanics",
        "design rate curves, liquidation incentives and throttles that keep a market solvent",
        ("08",),
        True,
    ),
    Notebook(
        "10",
        "systemic_contagion",
        "Systemic risk and contagion",
        "compute who defaults when one does; see the cost of opacity",
        ("09",),
        True,
    ),
    Notebook(
        "11",
        "consensus_failures",
        "Consensus mechanism failures",
        "choose confirmations; explain finality risk for settlement",
        ("01",),
        True,
    ),
    Notebook(
        "12",
        "state_machines",
        "State machine coordination",
        "specify a liquidation protocol as a state machine and test its invariants",
        ("05", "09"),
        True,
    ),
    Notebook(
        "13",
        "sequencer_risk",
        "Sequencer risk",
        "price the risk of an L2 outage for a lending market",
        ("09", "11"),
        True,
    ),
    Notebook(
        "14",
        "capstone_stress_test",
        "Capstone: a stress test",
        "combine the models into one crisis and design parameters that survive it",
        ("05", "10", "13"),
        True,
    ),
)


@v.params(number=v.Choice(*(nb.number for nb in NOTEBOOKS)))
def notebook(number: str) -> Notebook:
    """The notebook with this two-digit number.

    Examples
    --------
    >>> notebook("00").filename
    '00_start_here.ipynb'
    >>> notebook("99")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: number must be one of '00', '01', ..., '14'; got '99'
    """
    return next(nb for nb in NOTEBOOKS if nb.number == number)


@dataclass(frozen=True)
class Term:
    """One concept of the course's glossary, what it means, and the notebook that teaches it.

    Attributes
    ----------
    term : str
        As the glossary names it.
    meaning : str
        In short.
    notebook : str
        Number of the notebook that teaches it.
    """

    term: str
    meaning: str
    notebook: str


# The course's glossary, the seed's concepts first and in their own order, then those the notebooks added; the course
# website's glossary page and a structure test read it.
GLOSSARY: tuple[Term, ...] = (
    Term(
        "Coordination failure",
        "Individually rational actors together produce an outcome that is bad for all of them; it is worse "
        "where monitoring and enforcement are weak, and it cascades across interconnected markets.",
        "01",
    ),
    Term(
        "Coordination failure (its algorithmic form)",
        "Pre-programmed rules (trading bots, DAO rules) interact: feedback loops, flash crashes, exploitable "
        "arbitrage, shutdowns. Understanding them needs backtesting and stress-testing, game theory and a "
        "view of emergent behaviour.",
        "08",
    ),
    Term(
        "Coordination failure (its risk)",
        "Interconnected contracts and counterparty defaults: uncoordinated margin calls and settlement "
        "escalate into systemic crises in high volatility; failures correlate across the network; opacity "
        "hides who is exposed to whom.",
        "10",
    ),
    Term(
        "Prisoner's Dilemma in DeFi",
        "Each participant's self-interest leads to an outcome worse for the group than cooperation would give.",
        "02",
    ),
    Term(
        "Stakeholder incentive divergence",
        "The participants of decentralised governance (token holders, liquidity providers, users, validators) "
        "want different values of the same parameter.",
        "03",
    ),
    Term(
        "Community risk assessment",
        "Quantifying governance and sentiment dynamics (concentration, opinion, event clustering) to improve "
        "the stability and pricing of decentralised derivatives.",
        "04",
    ),
    Term(
        "Liquidity trap dynamics",
        "Negative supply adjustments make liquidity providers withdraw, which raises volatility and can break a peg.",
        "06",
    ),
    Term(
        "Position sizing failures",
        "Trade sizes that expose too much risk or misallocate capital: ruin from over-betting, and crowded "
        "liquidation levels.",
        "07",
    ),
    Term(
        "Consensus mechanism failures",
        "Breakdowns in how a ledger validates transactions (reorganisations, stalled finality) that threaten "
        "the settlement and liquidity of derivatives.",
        "11",
    ),
    Term(
        "Capital coordination mechanics",
        "Synchronising liquidity and risk parameters (rate curves, liquidation incentives, throttles) to keep "
        "decentralised derivative markets solvent.",
        "09",
    ),
    Term(
        "Behavioral game theory in liquidations",
        "Psychological biases and strategic interaction among liquidators and keepers create systemic risk: "
        "they may not show up, and auctions can clear at zero.",
        "05",
    ),
    Term(
        "State machine coordination",
        "The deterministic framework of states and transitions for risk, collateral and liquidation in "
        "options and lending protocols, and the invariants that must hold across it.",
        "12",
    ),
    Term(
        "Sequencer risk",
        "The risk that a layer-2 network's single transaction orderer (its sequencer) stops, or orders "
        "transactions in its own interest: prices go stale, positions cannot be defended, and liquidations "
        "at restart are late, bunched and front-run, which distorts derivative pricing and liquidation "
        "integrity.",
        "13",
    ),
)


# Terms the notebooks use, each defined where its notebook first uses it and gathered here for the
# glossary page; a structure test checks that each one appears in the notebook named.
TERMS: tuple[Term, ...] = (
    Term("Nash equilibrium", "A choice for each player such that nobody gains by changing alone.", "01"),
    Term(
        "Risk dominance",
        "Of two equilibria, the better bet when you are unsure what the other player will do; in a symmetric "
        "2×2 coordination game, the one that is a best reply when the other is equally likely to play either "
        "action (Harsanyi and Selten).",
        "01",
    ),
    Term(
        "Bank run",
        "In the Diamond–Dybvig model, depositors withdraw because they expect others to, and early "
        "withdrawals force the bank to sell long assets at a loss; the same bank also has a good equilibrium "
        "in which only those who need cash withdraw.",
        "01",
    ),
    Term(
        "Global game",
        "A coordination game in which each player sees the fundamentals through a slightly noisy private "
        "signal (Morris and Shin); it has a single equilibrium, a threshold signal below which everyone runs.",
        "01",
    ),
    Term("Tit for Tat", "Cooperate in the first round, then do what the other player did in the last one.", "02"),
    Term(
        "Replicator dynamics",
        "A population model in which the share playing a strategy grows in proportion to how much better it "
        "does than the population's average.",
        "02",
    ),
    Term(
        "Banzhaf",
        "The Banzhaf power index: a voter's share of all swings, the winning coalitions that lose without that voter.",
        "03",
    ),
    Term(
        "Shapley–Shubik",
        "The Shapley–Shubik power index: the share of the orders in which voters could join that make a given "
        "voter the pivotal one, who turns a losing coalition into a winning one.",
        "03",
    ),
    Term(
        "Vote escrow",
        "Voting power that grows with how long tokens are locked and falls linearly to zero as the unlock date "
        "nears (Curve's veCRV).",
        "03",
    ),
    Term(
        "Flash loan",
        "A loan without collateral that must be repaid within the same transaction; if it is not, the whole "
        "transaction is undone.",
        "03",
    ),
    Term(
        "HHI",
        "The Herfindahl–Hirschman index: the sum of the squared shares (of tokens or votes); it is largest "
        "when one holder owns everything.",
        "04",
    ),
    Term(
        "Nakamoto coefficient", "The smallest number of holders who together control more than half of the votes.", "04"
    ),
    Term(
        "Hawkes process",
        "A self-exciting point process: each event raises the rate of further events for a while, so events "
        "come in clusters.",
        "04",
    ),
    Term(
        "Jump-diffusion",
        "A price model with sudden jumps at random times on top of the usual diffusion (Merton); here, the "
        "jumps are governance events, and option prices change with their rate and size.",
        "04",
    ),
    Term(
        "Quantal response equilibrium",
        "An equilibrium of noisy best replies: players choose better actions more often, but not always, and "
        "their beliefs about others match what others actually do (McKelvey and Palfrey).",
        "05",
    ),
    Term(
        "Level-k",
        "A model of bounded reasoning: a level-0 player acts naively, and a level-k player best-responds to "
        "players of level k − 1.",
        "05",
    ),
    Term(
        "Volunteer's dilemma",
        "Somebody must pay a cost for everyone to benefit; each hopes another will, so with more players each "
        "volunteers less often, and nobody may.",
        "05",
    ),
    Term(
        "Dutch auction",
        "An auction whose price starts high and falls over time until a bidder takes it, as in Maker's "
        "liquidations since 2021.",
        "05",
    ),
    Term(
        "Constant product",
        "The rule of a Uniswap v2 pool: each trade keeps the product of the two reserves from falling "
        "(x · y = k, with a fee on top), so the price moves against every trade.",
        "06",
    ),
    Term(
        "StableSwap",
        "Curve's rule for assets meant to trade at par: nearly flat while the pool is balanced, curving like "
        "a constant product as it gets unbalanced.",
        "06",
    ),
    Term(
        "Death spiral",
        "A peg kept by minting and burning a second token: redeeming the stablecoin mints the token, selling "
        "it drives its price down, and ever more must be minted (Terra's UST and LUNA, May 2022).",
        "06",
    ),
    Term(
        "Kelly",
        "The Kelly stake: the fraction of wealth to bet that maximises the expected logarithm of wealth, and "
        "so the long-run growth rate; betting about twice it gives no long-run growth, and more loses.",
        "07",
    ),
    Term(
        "Liquidation price",
        "The price at which a leveraged position's margin falls to the maintenance margin and the exchange closes it.",
        "07",
    ),
    Term(
        "Liquidation cascade",
        "Forced sales of liquidated positions push the price down, which liquidates further positions, until "
        "the selling stops or the buyers absorb it.",
        "08",
    ),
    Term(
        "Health factor",
        "In Aave, the collateral's value weighted by its liquidation threshold, divided by the debt; below 1 "
        "the position can be liquidated.",
        "09",
    ),
    Term(
        "Close factor",
        "The share of a position's debt that one liquidation may repay; in Aave v3.0, half, or all of it once "
        "the health factor is below 0.95; since v3.3 (2025), also all of it when the position's collateral or "
        "debt is worth under $2,000.",
        "09",
    ),
    Term(
        "Liquidation bonus",
        "The discount at which a liquidator receives the collateral it seizes, paid by the borrower: the "
        "incentive that makes liquidations happen.",
        "09",
    ),
    Term(
        "Utilisation",
        "The share of a market's deposits that is lent out; a lending market's interest rates rise with it, "
        "steeply above a kink, to keep cash for withdrawals.",
        "09",
    ),
    Term(
        "Clearing vector",
        "In the Eisenberg–Noe model, the payments every institution in a network of debts makes when each "
        "pays what it owes or, if it cannot, everything it has.",
        "10",
    ),
    Term(
        "Double-spend",
        "An attacker pays a merchant, then mines in secret a chain without that payment; if it overtakes the "
        "honest chain after the merchant's confirmations, the payment is undone.",
        "11",
    ),
    Term(
        "Selfish mining",
        "Withholding found blocks so that honest miners waste work on a chain that will be replaced; "
        "profitable with less than half of the hash power (Eyal and Sirer).",
        "11",
    ),
    Term(
        "Inactivity leak",
        "Ethereum's rule that, while finality is stalled, drains the stake of offline validators until those "
        "online hold two thirds again.",
        "11",
    ),
    Term(
        "Invariant",
        "A property that must hold in every state a protocol can reach, for example that no balance is ever negative.",
        "12",
    ),
    Term(
        "Grace period",
        "After a layer-2 sequencer restarts, the time during which Aave refuses liquidations (except of "
        "positions below a health factor of 0.95), so borrowers can act first.",
        "13",
    ),
    Term(
        "Forced inclusion",
        "A rollup's escape hatch: a transaction sent on layer 1 that the rollup must include after a delay of "
        "hours, whether or not its sequencer is working.",
        "13",
    ),
    Term(
        "Social dilemma",
        "A game whose bad outcome is its only equilibrium because each player has a dominant strategy (the Prisoner's "
        "Dilemma); unlike a coordination failure, no belief about the others can avoid it.",
        "01",
    ),
    Term(
        "Fire-sale value",
        "What a unit of long-term assets fetches if sold early (below 1); with it, even a coin that pays par can be "
        "run.",
        "01",
    ),
    Term(
        "Suspension of convertibility",
        "Stopping payment once a set share has withdrawn; it removes the run at no cost when the impatient share is "
        "known, but not when it is random (Diamond and Dybvig).",
        "01",
    ),
    Term(
        "Deposit insurance",
        "A guarantee, financed once withdrawals are known, that keeps the good equilibrium even when the share of "
        "impatient depositors is random.",
        "01",
    ),
    Term(
        "Public signal",
        "Information everyone sees, such as a disclosure of reserves; in a global game it raises the precision of the "
        "common prior, which can bring multiple equilibria back.",
        "01",
    ),
    Term(
        "Moran process",
        "A finite-population dynamic in which one player at a time reproduces in proportion to its payoff; a neutral "
        "newcomer takes over with probability 1/N.",
        "02",
    ),
    Term(
        "Commitment device",
        "A rule that removes an option (a lock-up removes withdrawing) rather than changing its payoff or the game's "
        "horizon.",
        "02",
    ),
    Term(
        "Curve Wars",
        "Protocols competing for veCRV gauge votes, which direct CRV emissions, through Convex and bribe markets that "
        "rent the votes every epoch.",
        "03",
    ),
    Term(
        "Agenda-setter",
        "With one proposal voted against the status quo, the proposer chooses among the outcomes that beat it (Romer "
        "and Rosenthal).",
        "03",
    ),
    Term(
        "Implied volatility",
        "The volatility that makes Black–Scholes give an option's price; downward jumps make it fall with the strike "
        "(a skew).",
        "04",
    ),
    Term(
        "Cox process",
        "A Poisson process whose rate is itself an outside random process; unlike a Hawkes process, its events do not "
        "feed back into the rate.",
        "04",
    ),
    Term(
        "Entry game",
        "Keepers each pay a cost to enter an auction and only a lone entrant earns a surplus; in the mixed equilibrium "
        "the chance that nobody enters rises with the number of keepers.",
        "05",
    ),
    Term(
        "Revenue equivalence",
        "With risk-neutral bidders, the same entrants and the same reserve, Dutch and English auctions raise the same "
        "expected revenue (Myerson; Riley and Samuelson), though payments can be spread differently.",
        "05",
    ),
    Term(
        "Rebase",
        "An algorithmic change to every holder's balance that moves a token's price toward its target (Ampleforth).",
        "06",
    ),
    Term(
        "Concentrated liquidity",
        "LP capital placed on a price range (Uniswap v3 and v4), quoting many times the depth of full-range capital "
        "inside that range.",
        "06",
    ),
    Term(
        "Margin tiers",
        "Maximum leverage and the maintenance margin rate step down with position size; a deduction per tier keeps the "
        "maintenance margin continuous (Hyperliquid).",
        "07",
    ),
    Term(
        "Feedback gain",
        "In a volume-targeting loop, the units of next minute's sale that one unit sold now generates, p(1 + h); at 1 "
        "or more the sale feeds itself.",
        "08",
    ),
    Term(
        "Hot potato",
        "Intermediaries trading a position back and forth among themselves: volume without depth (the 2010 Flash "
        "Crash).",
        "08",
    ),
    Term(
        "Auto-deleveraging",
        "When a venue's insurance fund is exhausted, profitable opposing positions are closed against a bankrupt one "
        "at its bankruptcy price, ranked by PnL percentage times effective leverage (BitMEX).",
        "09",
    ),
    Term(
        "Deficit",
        "In Aave v3.3 and later, debt left on an account with no collateral, burned and recorded against the reserve "
        "until it is covered.",
        "09",
    ),
    Term(
        "Stale block",
        "A valid block that lost a race with another block at the same height and is not on the main chain; its share "
        "measures how far blocks are from spreading at once.",
        "11",
    ),
    Term(
        "Latency spam",
        "Under first come, first served, bots burn the value of a liquidation on duplicate transactions and speed (a "
        "Tullock contest).",
        "13",
    ),
    Term(
        "Snapshot",
        "Votes counted as balances at a past block, so tokens acquired later, or borrowed for one transaction, "
        "carry no votes.",
        "03",
    ),
    Term(
        "Generating function",
        "A polynomial whose coefficients count the coalitions of each total weight: exact Banzhaf and "
        "Shapley-Shubik indices for hundreds of voters.",
        "03",
    ),
    Term("Jump rate", "The expected number of jumps a year in Merton's jump-diffusion (coordlab's jump_rate).", "04"),
    Term(
        "Precision",
        "How sharply choices follow payoffs in a logit quantal response equilibrium: 0 is random play, and as it "
        "grows play approaches a Nash equilibrium (McKelvey and Palfrey 1995).",
        "05",
    ),
    Term(
        "The stops' floor",
        "The deepest fall at which the flash-crash model places stop-loss orders: it sets how many stops there are, "
        "so how deep a crash goes (well past the floor itself), not whether one starts.",
        "08",
    ),
    Term(
        "Proof-of-stake finality",
        "An Ethereum block is final once the checkpoint that covers it and the next one are justified: 12.8 minutes "
        "for the block in an epoch's first slot, 13 to 19 minutes for the others.",
        "11",
    ),
    Term(
        "Delay buffer",
        "Arbitrum's forced-inclusion allowance: long delays beyond a threshold drain it and shorten the wait for "
        "forced inclusion, down to that threshold.",
        "13",
    ),
    Term(
        "Arbitrage",
        "Buying where a price is low and selling where it is high: arbitrageurs re-anchor a pool to a deeper outside "
        "market, and their capacity an hour sets how fast a stressed pool's price is pulled back.",
        "14",
    ),
)
