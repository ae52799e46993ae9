"""A valid call of every public callable of coordlab, from the per-module files in ``tests/api_cases/``.

Each ``tests/api_cases/<module>.py`` holds, for one module of ``MODULES``: ``FUNCTIONS`` and
``CLASSES`` (name -> valid keyword arguments), ``METHODS`` (``"Class.method"`` -> (a function making
an instance, valid keyword arguments)), ``REFUSE`` (values that must be refused beyond what the
declared constraints generate: checks between parameters and the like) and ``EXEMPT`` (public
names not called with learners' arguments: constants, result records, exceptions, figures driven
by their lab; each with its reason). :func:`public_callables` lists what the modules export, so
a new function without an example fails ``tests/test_fuzz_api.py``.
"""

from __future__ import annotations

import importlib
import inspect

MODULES = [
    "coordlab.models.games",
    "coordlab.models.bank_run",
    "coordlab.models.global_game",
    "coordlab.models.dilemma",
    "coordlab.models.tournament",
    "coordlab.models.voting",
    "coordlab.models.stakeholders",
    "coordlab.models.concentration",
    "coordlab.models.sentiment",
    "coordlab.models.pricing",
    "coordlab.models.behaviour",
    "coordlab.models.auctions",
    "coordlab.models.amm",
    "coordlab.models.pegs",
    "coordlab.models.sizing",
    "coordlab.models.perps",
    "coordlab.models.cascade",
    "coordlab.models.lending",
    "coordlab.models.lending_contracts",
    "coordlab.models.backstop",
    "coordlab.models.contagion",
    "coordlab.models.consensus",
    "coordlab.models.sequencer",
    "coordlab.models.statemachine",
    "coordlab.models.capstone",
    "coordlab.models.stale_blocks",
    "coordlab.course",
    "coordlab.classroom",
    "coordlab.exercises.check",
    "coordlab.exercises.audit",
    "coordlab.doctor",
    "coordlab.plotting.style",
    "coordlab.plotting.coordination",
    "coordlab.plotting.dilemma",
    "coordlab.plotting.governance",
    "coordlab.plotting.community",
    "coordlab.plotting.liquidations",
    "coordlab.plotting.pegs",
    "coordlab.plotting.sizing",
    "coordlab.plotting.cascade",
    "coordlab.plotting.lending",
    "coordlab.plotting.contagion",
    "coordlab.plotting.consensus",
    "coordlab.plotting.sequencer",
    "coordlab.plotting.statemachine",
    "coordlab.plotting.capstone",
    "coordlab.labs",
]

FUNCTIONS: dict = {}
CLASSES: dict = {}
METHODS: dict = {}
REFUSE: dict = {}
EXEMPT: dict = {}

for _module in MODULES:
    _cases = importlib.import_module("api_cases." + _module.replace("coordlab.", "").replace(".", "_"))
    for _table, _mine in (
        (FUNCTIONS, _cases.FUNCTIONS),
        (CLASSES, _cases.CLASSES),
        (METHODS, _cases.METHODS),
        (REFUSE, _cases.REFUSE),
        (EXEMPT, _cases.EXEMPT),
    ):
        _table.update({f"{_module}.{k}": v for k, v in _mine.items()})


# The hooks a lab implements (coordlab.labs.base.Lab): update() calls them after it has checked every
# value against the lab's controls, and tests/test_fuzz_api.py fuzzes update() control by control.
LAB_HOOKS = ("make_figure", "compute", "draw", "summary")


def public_callables() -> dict:
    """Every public function, class and public method of a public class in ``MODULES``, minus ``EXEMPT``.

    An exempt class (a result record, say) still has its public methods listed: a learner calls
    ``leak.days(...)`` on a record as on anything else. Methods of a figure class driven by a lab,
    and a lab's hooks, are not.
    """
    from coordlab.labs.base import Lab
    from coordlab.plotting.style import LiveFigure

    out = {}
    for m in MODULES:
        mod = importlib.import_module(m)
        for name in mod.__all__:
            full = f"{m}.{name}"
            obj = getattr(mod, name)
            if not callable(obj):
                continue
            if full not in EXEMPT:
                out[full] = obj
            if not inspect.isclass(obj) or issubclass(obj, BaseException):
                continue
            if obj is not LiveFigure and (
                issubclass(obj, LiveFigure) or (m.startswith("coordlab.plotting.") and name.endswith("Figure"))
            ):
                continue  # a lab's figure: its update() takes model results from the lab (tests/test_labs.py)
            for attr, member in vars(obj).items():
                if attr.startswith("_") or f"{full}.{attr}" in EXEMPT:
                    continue
                if issubclass(obj, Lab) and attr in LAB_HOOKS:
                    continue
                if inspect.isfunction(member) or isinstance(member, (classmethod, staticmethod)):
                    out[f"{full}.{attr}"] = getattr(obj, attr)
    return out
