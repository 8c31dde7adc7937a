"""Rule sets shipped with dipparse, as data: ``core-en`` is the built-in English set."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def core_en() -> Traversable:
    """The folder of the built-in English rule set (the ``core-en`` entry point)."""
    return resources.files(__name__).joinpath("core-en")
