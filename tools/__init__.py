"""The course's maintenance tools, as an importable package (``from tools import lecture``).

Each module is also a command, run from the repository root either way::

    python -m tools.website --out DIR     # or: python tools/website.py --out DIR
    python -m tools.lecture --check
    python -m tools.slides
    python -m tools.execute_notebooks notebooks/03_*.ipynb
    python -m tools.exercise_audit
    python -m tools.hub --hub URL --repo URL
    python -m tools.check_venv requirements/lock.txt
    python -m tools.classroom submissions/

``./course site``, ``./course execute`` and ``./course lecture`` call them. The website's module is
``website``, not ``site``: a ``site.py`` on ``sys.path`` would shadow the standard library's.
"""
