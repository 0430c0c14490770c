"""`sheetdesk split`: one workbook per branch, with that branch's rows only."""

from __future__ import annotations

from pathlib import Path

import click

from sheetdesk import api
from sheetdesk.branches import SplitResult
from sheetdesk.cli.common import debug_option, exit_code, print_json, show_progress
from sheetdesk.report import Issue


@click.command("split")
@click.argument("master", type=click.Path(path_type=Path))
@click.option(
    "--by",
    type=click.Choice(["branch"]),
    default="branch",
    show_default=True,
    help="What to split by (the Branch column; a repair without one follows its sale).",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for the branch files (created if missing).",
)
@click.option("--force", is_flag=True, help="Replace branch files that already exist.")
@click.option("--json", "json_mode", is_flag=True, help="Print one JSON document with what was written.")
@debug_option
def split(master: Path, by: str, out_dir: Path, force: bool, json_mode: bool) -> None:
    """Write one workbook per branch of MASTER into the folder -o.

    A sale belongs to its Branch; a repair to its own Branch, else to its
    sale's; a callback to its ticket's repair. Each branch file holds only
    that branch's rows (no other branch's data anywhere in the file), in the
    master's language with the standard look and dropdowns, a protected
    Callback Worklist / 回访工作表 (resolved repairs still without a
    callback, by due date), and a hidden _sheetdesk sheet recording the
    split (split id, branch, the master's fingerprint, a fingerprint per row)
    so that `sheetdesk collect` can tell updates from conflicts.

    File names are the branch names made safe (华南/深圳 -> 华南_深圳.xlsx).
    Rows that belong to no branch go into no file and are reported.

    Sheet protection is a guard against mistakes, not security.

    \b
    Exit codes: 0 every row was distributed; 1 some rows belong to no branch
    (or have no key); 2 bad usage or an unreadable master.

    \b
    Example:
      sheetdesk split master.xlsx --by branch -o 分发
    """

    def on_branch(name: str) -> None:
        if show_progress(json_mode):
            click.echo(f"writing {name} ...", err=True)

    result = api.split(master, out_dir, force=force, on_branch=on_branch)
    if json_mode:
        print_json(result.to_json())
    else:
        _print(result)
    raise SystemExit(exit_code(result.report))


def _print(result: SplitResult) -> None:
    click.echo(f"split {result.master.name}: {len(result.files)} branch file(s), split id {result.split_id[:8]}")
    for f in result.files:
        c = f.counts
        click.echo(
            f"  {f.path}  [{f.branch}]  sales {c['sales']}, repairs {c['repairs']}, "
            f"callbacks {c['callbacks']}; callbacks due {c['worklist']}"
        )
    for issue in result.report.issues:
        click.echo(_issue_line(issue))
    if result.unassigned:
        click.echo(f"{result.unassigned} row(s) belong to no branch and are in no file.")


def _issue_line(issue: Issue) -> str:
    where = issue.location()
    return f"{issue.severity}: {where}: {issue.message}" if where != "-" else f"{issue.severity}: {issue.message}"
