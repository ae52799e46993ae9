"""Interactive labs: widgets bound to a pure model and a figure that updates in place.

Every lab is a :class:`~coordlab.labs.base.Lab`. Its ``update(**values)`` runs
the model and redraws, and returns the result's summary text, so tests and
benchmarks drive a lab without a browser; ``widget()`` builds the controls.
"""

from coordlab.labs.base import Toggle, Lab, Slider
from coordlab.labs.capstone import CapstoneLab
from coordlab.labs.cascade import CascadeLab, FlashCrashLab
from coordlab.labs.community import CommunityRiskLab
from coordlab.labs.consensus import ConsensusLab
from coordlab.labs.contagion import NetworkLab
from coordlab.labs.coordination import BankRunLab, GlobalGameLab, StagHuntLab
from coordlab.labs.dilemma import ReplicatorLab, TournamentLab
from coordlab.labs.governance import FeeSwitchLab, PowerIndexLab
from coordlab.labs.lending import SyncLab
from coordlab.labs.liquidations import KeeperLab
from coordlab.labs.pegs import LiquidityTrapLab, TerraLab
from coordlab.labs.sequencer import OutageLab
from coordlab.labs.statemachine import StateMachineLab
from coordlab.labs.sizing import KellyLab, LeverageLab

__all__ = ["Lab", "Slider", "Toggle", "StagHuntLab", "BankRunLab", "GlobalGameLab", "TournamentLab", "ReplicatorLab",
           "PowerIndexLab", "FeeSwitchLab", "CommunityRiskLab", "KeeperLab", "LiquidityTrapLab",
           "TerraLab", "KellyLab", "LeverageLab", "CascadeLab",
           "FlashCrashLab", "SyncLab", "NetworkLab", "ConsensusLab",
           "OutageLab", "StateMachineLab", "CapstoneLab",
           "ALL_LABS"]

ALL_LABS = (StagHuntLab, BankRunLab, GlobalGameLab, TournamentLab, ReplicatorLab, PowerIndexLab, FeeSwitchLab,
            CommunityRiskLab, KeeperLab, LiquidityTrapLab, TerraLab, KellyLab, LeverageLab,
            CascadeLab, FlashCrashLab, SyncLab, NetworkLab, ConsensusLab, OutageLab,
            StateMachineLab, CapstoneLab)
