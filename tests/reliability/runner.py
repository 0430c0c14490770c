"""Run the CLI as a clerk would, with stdout and stderr apart."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from sheetdesk.cli import main


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run(*args: str | Path) -> Run:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return Run(result.exit_code, result.stdout, result.stderr)
