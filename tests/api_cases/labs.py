"""Valid calls for coordlab.labs; see tests/api_examples.py. A lab's update() is fuzzed control by control."""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _lab():
    from coordlab.labs import StagHuntLab

    return StagHuntLab()


FUNCTIONS: dict = {}

CLASSES = {
    "Slider": dict(name="x", label="x", min=0.0, max=1.0, step=0.1, value=0.5),
}

METHODS = {
    "Slider.grid": (lambda: _slider(), dict(n=7)),
    "Slider.make_widget": (lambda: _slider(), dict()),
    "Lab.update": (_lab, dict(stag=4.0)),
    "Lab.png": (_lab, dict()),
    "Lab.widget": (_lab, dict()),
}


def _slider():
    from coordlab.labs import Slider

    return Slider("x", "x", 0.0, 1.0, 0.1, 0.5)


REFUSE = {
    "Slider": {"min": [2.0], "value": [1.5], "step": [0.0]},
}

EXEMPT = {
    "Lab": "the base class of the labs: a lab is made by its subclass, with no arguments",
    "ALL_LABS": "a constant (every lab)",
    **{name: "a lab: no constructor arguments; update() is fuzzed control by control (tests/test_fuzz_api.py)"
       for name in ("StagHuntLab", "BankRunLab", "GlobalGameLab", "TournamentLab", "ReplicatorLab", "PowerIndexLab",
                    "FeeSwitchLab", "CommunityRiskLab", "KeeperLab", "LiquidityTrapLab", "TerraLab", "KellyLab",
                    "LeverageLab", "CascadeLab", "FlashCrashLab", "SyncLab", "NetworkLab", "ConsensusLab",
                    "OutageLab", "StateMachineLab", "CapstoneLab")},
}
