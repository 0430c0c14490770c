"""SIGTERM and SIGHUP end a command the way Ctrl+C does.

By default Python dies on SIGTERM (a service manager stopping it, `kill`)
and SIGHUP (the terminal window closed) without running any clean-up: the
write in progress would leave its scratch folder, with plain-text copies of
the data, behind. While a command runs, these signals raise `Interrupted`
instead, a `KeyboardInterrupt`, so every `finally` runs exactly as for
Ctrl+C: scratch files removed, the lock released, the old output kept.

The exit code is 128 + the signal's number, as shells report a process a
signal ended: 130 for Ctrl+C (SIGINT), 143 for SIGTERM, 129 for SIGHUP.
Only the command line installs these handlers; the library never does.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

__all__ = ["Interrupted", "exit_code_of", "signals_as_interrupts"]

_CAUGHT = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))


class Interrupted(KeyboardInterrupt):
    """A signal that ends the command like Ctrl+C; `signum` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def exit_code_of(exc: KeyboardInterrupt) -> int:
    """128 + the signal's number: 130 for Ctrl+C, 143 for SIGTERM, 129 for SIGHUP."""
    return 128 + getattr(exc, "signum", signal.SIGINT)


@contextlib.contextmanager
def signals_as_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise `Interrupted` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    try:
        for signum in _CAUGHT:
            if signal.getsignal(signum) is signal.SIG_IGN:  # started with nohup: keep ignoring
                continue
            previous[signum] = signal.signal(signum, _raise)
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
