"""Valid calls for coordlab.labs; see tests/api_examples.py. A lab's update() is fuzzed control by control."""

from __future__ import annotations

from api_cases._fixtures import *  # noqa: F403


def _lab():
    from coordlab.labs import StagHuntLab

    return StagHuntLab()


FUNCTIONS: dict = {}

CLASSES = {
    "Slider": dict(name="x", label="x", min=0.0, max=1.0, step=0.1, value=0.5),
    "Toggle": dict(name="scenario", label="scenario", options=("calm", "crash"), value="calm"),
}

METHODS = {
    "Slider.grid": (lambda: _slider(), dict(n=7)),
    "Slider.make_widget": (lambda: _slider(), dict()),
    "Slider.checked": (lambda: _slider(), dict(value=0.5)),
    "Slider.describe": (lambda: _slider(), dict()),
    "Toggle.grid": (lambda: _toggle(), dict(n=5)),
    "Toggle.make_widget": (lambda: _toggle(), dict()),
    "Toggle.checked": (lambda: _toggle(), dict(value="crash")),
    "Toggle.describe": (lambda: _toggle(), dict()),
    "Lab.update": (_lab, dict(stag=4.0)),
    "Lab.png": (_lab, dict()),
    "Lab.widget": (_lab, dict()),
    "SyncLab.static_figure": (lambda: __import__("coordlab.labs", fromlist=["x"]).SyncLab(), dict()),
}


def _slider():
    from coordlab.labs import Slider

    return Slider("x", "x", 0.0, 1.0, 0.1, 0.5)


def _toggle():
    from coordlab.labs import Toggle

    return Toggle("scenario", "scenario", ("calm", "crash"), "calm")


REFUSE = {
    "Slider": {"min": [2.0], "value": [1.5], "step": [0.0]},
    "Slider.checked": {"value": [1.5, -0.1, float("nan"), "0.5", None]},
    "Toggle": {"options": [("a",), ("a", "a"), ["calm", "crash"], ("calm", 3)], "value": ["storm"]},
    "Toggle.checked": {"value": ["storm", "CALM", 0, None]},
}

EXEMPT = {
    "Lab": "the base class of the labs: a lab is made by its subclass, with no arguments",
    "ALL_LABS": "a constant (every lab)",
    **{
        name: "a lab: no constructor arguments; update() is fuzzed control by control (tests/test_fuzz_api.py)"
        for name in (
            "StagHuntLab",
            "BankRunLab",
            "GlobalGameLab",
            "TournamentLab",
            "ReplicatorLab",
            "PowerIndexLab",
            "FeeSwitchLab",
            "CommunityRiskLab",
            "KeeperLab",
            "LiquidityTrapLab",
            "TerraLab",
            "KellyLab",
            "LeverageLab",
            "CascadeLab",
            "FlashCrashLab",
            "SyncLab",
            "NetworkLab",
            "ConsensusLab",
            "OutageLab",
            "StateMachineLab",
            "CapstoneLab",
        )
    },
}
