"""Exceptions are for the program; findings in the data are `Issue` records.

Every exception sheetdesk raises on purpose derives from `SheetdeskError`. The
CLI turns one into a single line on stderr and exit code 2.
"""

from __future__ import annotations

from pathlib import Path


class SheetdeskError(Exception):
    """Base class: a problem that stops the command (exit code 2)."""

    exit_code = 2


class InputError(SheetdeskError):
    """An input file that cannot be read: missing, empty, corrupt, encrypted..."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class OutputError(SheetdeskError):
    """An output that may not be written (exists, is an input, bad folder)."""


class PolicyError(SheetdeskError):
    """A policy that cannot be used; `issues` holds the findings with cells."""

    def __init__(self, message: str, issues: list | None = None) -> None:  # type: ignore[type-arg]
        self.issues = issues or []
        super().__init__(message)


class UsageError(SheetdeskError):
    """Options that do not fit together."""
