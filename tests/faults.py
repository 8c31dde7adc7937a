"""Test only: fault injection for `parse_many` and the Dask recipe.

`FaultyParser` is a `Parser` subclass at module level, so that worker processes
(forked, spawned as subprocesses, or Dask's) can unpickle it; it misbehaves on the
marker texts below and parses every other text as `Parser` does.
"""

from __future__ import annotations

import os
import pickle
import signal
import time
from typing import Any

from dipparse import Document, Parser

CRASH = "CRASH: the parse raises."
EXIT = "EXIT: the worker calls os._exit."
KILL = "KILL: the worker is killed."
HANG = "HANG: the parse never ends."
SLOW = "SLOW: the parse takes a little while."
SYSEXIT = "SYSEXIT: the parse raises SystemExit."
UNSENDABLE = "UNSENDABLE: the result does not pickle."
ODD = "ODD: the parse returns no Document."


class Unpicklable(str):
    """A text that is a str but cannot be pickled."""

    def __reduce__(self) -> tuple[Any, ...]:
        raise pickle.PicklingError("this text refuses to be pickled")


class FaultyParser(Parser):
    """A parser that misbehaves on the marker texts above."""

    def parse(self, text: str, *, published: Any = None) -> Document:
        if text == CRASH:
            raise RuntimeError("injected crash")
        if text == EXIT:
            os._exit(7)
        if text == KILL:
            os.kill(os.getpid(), signal.SIGKILL)
        if text == HANG:
            time.sleep(120)
        if text == SLOW:
            time.sleep(0.6)
        if text == SYSEXIT:
            raise SystemExit(3)
        if text == UNSENDABLE:
            return Unpicklable("not a document")  # type: ignore[return-value]
        if text == ODD:
            return "not a document"  # type: ignore[return-value]
        return super().parse(text, published=published)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FaultyParser, ())
