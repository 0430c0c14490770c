"""Run the CLI as a clerk would, with stdout and stderr apart (the shared runner)."""

from tests.helpers.cli import Run, run

__all__ = ["Run", "run"]
