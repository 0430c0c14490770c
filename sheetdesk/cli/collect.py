"""`sheetdesk collect`: merge returned branch files into a new master."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from sheetdesk import api
from sheetdesk.branches import CollectResult
from sheetdesk.cli.common import EXIT_DATA_ERRORS, EXIT_OK, debug_option, print_json, show_progress
from sheetdesk.report import Issue


@click.command("collect")
@click.argument("master", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path),
    help="The merged workbook to write (never the master itself).",
)
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@click.option("--json", "json_mode", is_flag=True, help="Print one JSON document with the counts and every change.")
@debug_option
def collect(master: Path, files: tuple[Path, ...], output: Path, force: bool, json_mode: bool) -> None:
    """Merge returned branch FILES into MASTER and write the result to -o.

    Rows are matched by Serial No (sales), Ticket No (repairs) and Ticket No
    + Callback At (callbacks), and compared as values (a date retyped or a
    number saved as 1.0 is not a change). Against the split record and the
    master's current row, each row is:

    \b
      added      new in the branch file;
      updated    changed only in the branch;
      conflict   changed in the branch and in the master since the split
                 (the master is kept; both values are reported per field);
      deleted    distributed at split but gone from the file (reported,
                 not deleted from the master);
      rejected   of another branch, without a key, or with unreadable cells;
      unchanged  equal to the master (so collecting a file twice changes
                 nothing the second time).

    A file without the hidden split record (a plain template from a branch
    that never got a split file) is merged as additions and updates, with a
    warning. The output has every register in the standard look, the
    master's other sheets by value, and a Merge Report sheet listing every
    change with its source file.

    \b
    Exit codes: 0 merged without conflicts or rejections; 1 there are
    conflicts or rejected rows, or a broken sheet (a required column missing);
    the output is still written; 2 bad usage or an unreadable file.

    \b
    Example:
      sheetdesk collect master.xlsx 分发/*.xlsx -o merged.xlsx
    """
    progress = show_progress(json_mode)

    def on_file(name: str) -> None:
        if progress:
            click.echo(f"collecting {name} ...", err=True)

    result = api.collect(master, files, output, force=force, on_file=on_file)
    if json_mode:
        print_json(result.to_json())
    else:
        _print(result)
    raise SystemExit(EXIT_OK if result.valid else EXIT_DATA_ERRORS)


def _print(result: CollectResult) -> None:
    for f in result.files:
        c = f.counts
        click.echo(
            f"{f.file} [{f.branch or '?'}]: added {c['added']}, updated {c['updated']}, "
            f"conflicts {c['conflicts']}, rejected {c['rejected']}, deleted {c['deleted']}, "
            f"unchanged {c['unchanged']}"
        )
    for change in result.changes:
        if change.outcome in ("conflict", "rejected", "deleted", "warning"):
            where = "!".join(str(p) for p in (change.sheet, change.row) if p is not None)
            what = f" {change.key}" if change.key else ""
            field = f" {change.field}: master {_show(change.old)} / branch {_show(change.new)}" if change.field else ""
            click.echo(f"  {change.outcome}: {change.file} {where}{what}{field} - {change.message}")
    for issue in result.report.issues:
        if issue.code != "collect.warning":
            click.echo(_issue_line(issue))
    c = result.counts
    click.echo(
        f"wrote {result.output}: added {c['added']}, updated {c['updated']}, conflicts {c['conflicts']}, "
        f"rejected {c['rejected']}, deleted {c['deleted']}, unchanged {c['unchanged']}"
    )


def _show(value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"'{value}'"


def _issue_line(issue: Issue) -> str:
    where = issue.location()
    return f"{issue.severity}: {where}: {issue.message}" if where != "-" else f"{issue.severity}: {issue.message}"
