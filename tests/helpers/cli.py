"""Run the CLI as a clerk would, with stdout and stderr apart: the one runner every test uses."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from sheetdesk.cli import main


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """The one JSON document printed on stdout."""
        return json.loads(self.stdout)


def run(*args: str | Path, env: dict[str, str] | None = None) -> Run:
    """`sheetdesk ARGS...`: exit code, stdout and stderr."""
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, prog_name="sheetdesk")
    return Run(result.exit_code, result.stdout, result.stderr)


def run_json(*args: str | Path) -> Any:
    """`sheetdesk ARGS... --json` for a run that completes (exit 0 or 1)."""
    result = run(*args, "--json")
    assert result.code in (0, 1), result.stderr
    return result.json()
