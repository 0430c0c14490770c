"""Exceptions are for the program; findings in the data are `Issue` records.

Every exception sheetdesk raises on purpose derives from `SheetdeskError`. The
CLI turns one into a single line on stderr and exit code 2, in the reader's
language (`text(lang)`): an error carries a `Msg` and its parameters, like a
finding, and `str(error)` is the English line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sheetdesk.i18n import Bound, Msg


class SheetdeskError(Exception):
    """Base class: a problem that stops the command (exit code 2).

    `message` is a `Msg` with its parameters (rendered in the reader's
    language), or, while a module still composes its English text itself,
    a plain string.
    """

    exit_code = 2

    def __init__(self, message: Msg | Bound | str, /, **params: Any) -> None:
        self.msg: Bound | str = message.bind(**params) if isinstance(message, Msg) else message
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        return self.msg if isinstance(self.msg, str) else self.msg.render(lang)


_ON_FILE = Msg("{path}: {problem}", "{path}：{problem}")


class InputError(SheetdeskError):
    """An input file that cannot be read: missing, empty, corrupt, encrypted...

    The line reads `FILE: problem`; `problem` is a `Msg` with `params`, or
    plain English text.
    """

    def __init__(self, path: str | Path, problem: Msg | str, /, **params: Any) -> None:
        self.path = str(path)
        self.problem = problem.bind(**params) if isinstance(problem, Msg) else problem
        super().__init__(_ON_FILE, path=self.path, problem=self.problem)


class OutputError(SheetdeskError):
    """An output that may not be written (exists, is an input, bad folder)."""


class PolicyError(SheetdeskError):
    """A policy that cannot be used; `issues` holds the findings with cells."""

    def __init__(self, message: Msg | Bound | str, issues: list[Any] | None = None, /, **params: Any) -> None:
        self.issues = issues or []
        super().__init__(message, **params)


class UsageError(SheetdeskError):
    """Options that do not fit together."""


class BadValue(ValueError):
    """A value a pure rule cannot use (a duration, a calendar window), for its caller
    to report at the cell: `msg` is the sentence in both languages, `str()` the English."""

    def __init__(self, message: Msg | Bound, /, **params: Any) -> None:
        self.msg: Bound = message.bind(**params) if isinstance(message, Msg) else message
        super().__init__(self.msg.render("en"))
