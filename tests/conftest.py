"""Shared test configuration: Hypothesis settings profiles.

The profile comes from the environment variable ``DIPPARSE_HYPOTHESIS_PROFILE``:

- ``ci`` (the default): few examples, derandomized, so that a run is quick
  and repeatable; the whole property suite stays well under two minutes on
  two cores.
- ``dev``: random examples, failing ones saved in ``.hypothesis/`` and
  replayed first on the next run.
- ``heavy``: 1,000 examples, no database, so that a run with
  ``--hypothesis-seed=N`` is the same run on any machine.
- ``nightly``: many random examples, saved the same way (see docs/testing.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parent.parent
DATABASE = DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples"))
PROFILE_VARIABLE = "DIPPARSE_HYPOTHESIS_PROFILE"

# A parse takes milliseconds, but a statement's first parse may import dateparser
# and a machine under load may stall: deadlines would make tests flaky.
_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile("ci", max_examples=30, derandomize=True, **_COMMON)
settings.register_profile("dev", max_examples=100, database=DATABASE, **_COMMON)
settings.register_profile("heavy", max_examples=1000, database=None, **_COMMON)
settings.register_profile("nightly", max_examples=3000, database=DATABASE, **_COMMON)
settings.load_profile(os.environ.get(PROFILE_VARIABLE, "ci"))
