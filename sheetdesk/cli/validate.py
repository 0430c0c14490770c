"""`sheetdesk validate`: check filled registers against the templates' rules."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sheetdesk import api
from sheetdesk.bulk import collector_paused
from sheetdesk.cli.common import debug_option, exit_code, print_json, progress_for
from sheetdesk.io.outputs import default_output
from sheetdesk.report import Issue
from sheetdesk.validation import ValidationResult

if TYPE_CHECKING:  # validate never loads check's code
    from sheetdesk.checking import CheckResult

DEFAULT_LIMIT = 200


@click.command("validate", short_help="Check filled registers against the template rules.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.option(
    "--policy",
    type=click.Path(path_type=Path),
    metavar="P",
    help="Policy workbook to use instead of the built-in one (read to check it opens).",
)
@click.option(
    "-o",
    "--output",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="OUT.xlsx",
    help="Write an annotated copy: flagged cells filled and commented, plus an Issues sheet. "
    "`-o` alone writes <first input>.checked.xlsx.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--json", "json_mode", is_flag=True, help="Print one JSON document: valid, stats, issues.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many issues on the terminal (0 = all).",
)
@debug_option
@click.pass_context
def validate(
    ctx: click.Context,
    files: tuple[Path, ...],
    policy: Path | None,
    output: str | None,
    force: bool,
    json_mode: bool,
    limit: int,
) -> None:
    """Check FILE... (workbooks or CSV) against the register rules.

    Reports blank required cells, duplicates, unreadable values, dates out of
    order, implausible phone numbers and postcodes, repairs of unknown serials
    and callbacks of unknown tickets, each at its sheet and cell.

    Exit code 0: no errors (warnings allowed); 1: the data has errors;
    2: a file cannot be read or the options are wrong.
    """
    out = None if output is None else output or default_output(files[0])
    with collector_paused():
        result = api.validate(files, policy=policy, output=out, force=force, progress=progress_for(json_mode))
    if json_mode:
        print_json(result.to_json())
    else:
        print_table(result, limit)
        if result.output is not None:
            click.echo(f"Annotated copy written to {result.output}")
    ctx.exit(exit_code(result.report))


def print_table(result: ValidationResult | CheckResult, limit: int) -> None:
    """One line per issue (severity, location, code, message), then a summary."""
    issues = result.report.issues
    shown = issues if limit == 0 else issues[:limit]
    several = len(result.dataset.workbooks) > 1
    data_files = {str(wb.path) for wb in result.dataset.workbooks}
    if shown:  # the file is named when there are several, or when it is not the data (a --policy file)
        rows = [
            (i.severity, location(i, several or (i.file is not None and i.file not in data_files)), i.code, i.message)
            for i in shown
        ]
        header = ("SEVERITY", "LOCATION", "CODE", "MESSAGE")
        widths = [max(display_width(r[n]) for r in (header, *rows)) for n in range(3)]
        for row in (header, *rows):
            click.echo("  ".join(pad(cell, widths[n]) if n < 3 else cell for n, cell in enumerate(row)))
        if len(shown) < len(issues):
            click.echo(
                f"… {len(issues) - len(shown):,} more not shown (--limit 0 shows all; -o or --json keep them all)"
            )
    click.echo(summary_line(result))


def display_width(text: str) -> int:
    """Terminal columns: wide and full-width characters (Chinese) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def location(issue: Issue, with_file: bool) -> str:
    place = issue.location()
    if with_file and issue.file:
        return f"{Path(issue.file).name}:{place}"
    return place


def summary_line(result: ValidationResult | CheckResult) -> str:
    stats = result.stats
    errors, warnings, files = stats["errors"], stats["warnings"], stats["files"]
    return (
        f"{errors:,} error{'s' if errors != 1 else ''}, {warnings:,} warning{'s' if warnings != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}"
    )
