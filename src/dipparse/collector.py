"""Pausing Python's cyclic garbage collector while lasting structures are built.

Reading and compiling rule sets and building a parser's tables make many objects
that all live on and little garbage; the collector's passes over them (each pass
visits every object made so far) are wasted time. `paused` turns the collector
off for a block or a function and back on after it, if it was on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (or the decorated function)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = ["paused"]
