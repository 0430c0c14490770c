"""How long work reports how far it is, without knowing who is watching.

The library takes a `Progress` and calls `step(label, total)`; the base
class shows nothing, so library callers and tests pay nothing. The CLI
passes a `TerminalProgress` when stderr is a terminal and --json is off.
"""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import Any, TextIO

from sheetdesk.i18n import Msg


class Step:
    """One step of work; `advance(n)` as units get done. Shows nothing."""

    def advance(self, n: int = 1) -> None:
        pass

    def __enter__(self) -> Step:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        pass


class Progress:
    """The silent default.

    `label` is a `Msg`, rendered in the progress's language with `params`.
    """

    def step(self, label: Msg, total: int | None = None, **params: Any) -> Step:
        return Step()


SILENT = Progress()


class _TerminalStep(Step):
    # Steps shorter than this never draw: only slow work deserves a bar.
    DELAY = 1.0
    REFRESH = 0.2

    def __init__(self, stream: TextIO, label: str, total: int | None) -> None:
        self.stream, self.label, self.total = stream, label, total
        self.done = 0
        self.start = time.monotonic()
        self.drawn_at = 0.0
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> Step:
        if not self.total:  # nothing will call advance: tick from a thread
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def _tick(self) -> None:
        while not self._stop.wait(self.DELAY):
            self._draw(time.monotonic())

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.start >= self.DELAY and now - self.drawn_at >= self.REFRESH:
            self._draw(now)

    def _draw(self, now: float) -> None:
        self.drawn_at = now
        elapsed = now - self.start
        if self.total:
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            text = f"\r{self.label} [{bar:<30}] {share:4.0%} {elapsed:5.1f}s"
        else:
            text = f"\r{self.label} … {elapsed:5.1f}s"
        self.stream.write(text)
        self.stream.flush()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        now = time.monotonic()
        if self.drawn_at or now - self.start >= self.DELAY:
            if self.total:
                self.done = self.total
            self._draw(now)
            self.stream.write("\n")
            self.stream.flush()


class TerminalProgress(Progress):
    """Draws a bar on stderr for every step that takes longer than a second."""

    def __init__(self, stream: TextIO | None = None, lang: str = "en") -> None:
        self.stream = stream or sys.stderr
        self.lang = lang

    def step(self, label: Msg, total: int | None = None, **params: Any) -> Step:
        return _TerminalStep(self.stream, label.render(self.lang, **params), total)
