"""Pausing Python's cyclic garbage collector during bulk work, at the CLI edge.

Reading, evaluating and writing 400k rows allocates millions of lists,
dicts and tuples that hold no reference cycles. Each allocation burst
triggers collections that walk every live container, so with the collector
on the work grows faster than the rows (at 100k/200k/100k rows `check`
spent about 4 s of 79 s in collections). Reference counting still frees
everything as usual; only cycles wait until the collector is back on, at
the end of the step.

The collector is process-wide state, so the library never touches it: the
commands pause it around their one library call, and a program that calls
the library on big files may do the same.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Turn the cyclic collector off for the block (nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
