"""Shared test settings.

Hypothesis runs derandomized (examples derived from each test, no example database), so a
run of the suite is reproducible: a property failure shows up on every run, not by chance.
"""

from hypothesis import settings

settings.register_profile("coordlab", derandomize=True, database=None, print_blob=True)
settings.load_profile("coordlab")
