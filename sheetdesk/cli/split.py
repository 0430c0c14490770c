"""`sheetdesk split`: one workbook per branch, with that branch's rows only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from sheetdesk import api
from sheetdesk.branches import SplitResult
from sheetdesk.bulk import collector_paused
from sheetdesk.cli.common import (
    MASTER,
    NamedArgument,
    as_of_option,
    days_option,
    debug_option,
    exit_code,
    lang_option,
    policy_option,
    print_json,
    show_progress,
)
from sheetdesk.cli.show import ROW, SEVERITY
from sheetdesk.i18n import Msg, terminal_lang
from sheetdesk.report import Issue

WRITING = Msg("writing {branch} ...", "正在写出 {branch} ...")
HEAD = Msg(
    "split {master}: {count} branch file(s), split id {split_id}",
    "分发 {master}：{count} 个网点文件，分发编号 {split_id}",
)
FILE_LINE = Msg(
    "  {path}  [{branch}]  sales {sales}, repairs {repairs}, callbacks {callbacks}{visits}; worklist {due}",
    "  {path}  [{branch}]  销售 {sales}，维修 {repairs}，回访 {callbacks}{visits}；待办 {due}",
)
VISITS = Msg(", visits {count}", "，巡检 {count}")
KEY_CREATED = Msg(
    "the master's key was written to {path}: keep it with the master, never send it to a branch",
    "总表密钥已写入 {path}：请与总表一起保存，切勿发给网点",
)
UNASSIGNED = Msg("{count} row(s) belong to no branch and are in no file.", "{count} 行不属于任何网点，未放入任何文件。")
ISSUE_LINE = Msg("{severity}: {where}: {message}", "{severity}：{where}：{message}")
ISSUE_LINE_NOWHERE = Msg("{severity}: {message}", "{severity}：{message}")


@click.command("split")
@click.argument("master", type=click.Path(path_type=Path), cls=NamedArgument, label=MASTER)
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
@click.option(
    "--key",
    type=click.Path(path_type=Path),
    default=None,
    help="The master's key file (default: MASTER's name with .sheetdesk-key, beside it; created on the first "
    "split). Keep it at head office: collect verifies returned files with it.",
)
@policy_option(
    "Policy workbook for the worklists (as for `sheetdesk due`); the master's policy sheets take precedence."
)
@as_of_option("Work out the worklists as of this moment (default: now).")
@days_option("The worklists' horizon, as `sheetdesk due --days`.")
@click.option("--force", is_flag=True, help="Replace branch files that already exist.")
@click.option("--json", "json_mode", is_flag=True, help="Print one JSON document with what was written.")
@lang_option
@debug_option
def split(
    master: Path,
    by: str,
    out_dir: Path,
    key: Path | None,
    policy: Path | None,
    as_of: dt.datetime | None,
    days: int,
    force: bool,
    json_mode: bool,
    lang: str | None,
) -> None:
    """Write one workbook per branch of MASTER into the folder -o.

    A sale belongs to its Branch; a repair to its own Branch, else to its
    sale's; a callback to its ticket's repair. Each branch file holds only
    that branch's rows (no other branch's data anywhere in the file), in the
    master's language with the standard look and dropdowns, a protected
    Worklist / 待办清单 (the branch's part of `sheetdesk due --by branch`:
    callbacks, SLA targets, loaners, planned visits and warranties ending,
    overdue first, each linked to its row), and a hidden _sheetdesk sheet recording the
    split (split id, branch, the master's identity, a fingerprint per row),
    signed with the master's key so that `sheetdesk collect` can tell
    updates from conflicts and detect a record that was changed.

    The master's key is a file beside the master (master.sheetdesk-key),
    created on the first split and reused afterwards. Keep it with the
    master; never send it with the branch files.

    File names are the branch names made safe (华南/深圳 -> 华南_深圳.xlsx).
    Rows that belong to no branch, or whose branch follows a serial or ticket
    that rows of different branches share, go into no file and are reported.

    Sheet protection is a guard against mistakes, not security.

    \b
    Exit codes: 0 every row was distributed; 1 some rows belong to no branch
    (or have no key); 2 bad usage or an unreadable master.

    \b
    Example:
      sheetdesk split master.xlsx --by branch -o 分发
    """
    progress = show_progress(json_mode)

    def on_branch(name: str) -> None:
        if progress:
            click.echo(WRITING.render(terminal_lang(lang), branch=name), err=True)

    with collector_paused():
        result = api.split(
            master, out_dir, force=force, key=key, lang=lang, on_branch=on_branch, policy=policy, as_of=as_of, days=days
        )
    tlang = terminal_lang(lang, result.lang)
    if json_mode:
        print_json(result.to_json(tlang))
    else:
        _print(result, tlang)
    raise SystemExit(exit_code(result.report))


def _print(result: SplitResult, lang: str) -> None:
    click.echo(HEAD.render(lang, master=result.master.name, count=len(result.files), split_id=result.split_id[:8]))
    for f in result.files:
        c = f.counts
        click.echo(
            FILE_LINE.render(
                lang,
                path=f.path,
                branch=f.branch,
                sales=c["sales"],
                repairs=c["repairs"],
                callbacks=c["callbacks"],
                visits=VISITS.bind(count=c["visits"]) if "visits" in c else "",
                due=c["worklist"],
            )
        )
    if result.key_created:
        click.echo(KEY_CREATED.render(lang, path=result.key_file))
    for issue in result.report.issues:
        click.echo(issue_line(issue, lang))
    if result.unassigned:
        click.echo(UNASSIGNED.render(lang, count=result.unassigned))


def issue_line(issue: Issue, lang: str, *, with_file: bool = False) -> str:
    """`warning: Sales!I8: message` in the reader's language (the file's name first when asked)."""
    place = issue.cell or (ROW.render(lang, row=issue.row) if issue.row else None)
    where = "!".join(p for p in (issue.sheet, place) if p) or "-"
    if with_file and issue.file:
        where = Path(issue.file).name if where == "-" else f"{Path(issue.file).name} {where}"
    severity = SEVERITY[issue.severity].render(lang)
    if where == "-":
        return ISSUE_LINE_NOWHERE.render(lang, severity=severity, message=issue.text(lang))
    return ISSUE_LINE.render(lang, severity=severity, where=where, message=issue.text(lang))
