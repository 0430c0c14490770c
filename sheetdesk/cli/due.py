"""`sheetdesk due`: the morning worklist of everything that needs someone's action."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from sheetdesk import api
from sheetdesk.bulk import collector_paused
from sheetdesk.cli.common import (
    FILE,
    NamedArgument,
    as_of_option,
    days_option,
    debug_option,
    exit_code,
    lang_option,
    policy_option,
    print_json,
    progress_for,
)
from sheetdesk.cli.show import display_width, pad
from sheetdesk.cli.split import issue_line
from sheetdesk.i18n import Msg, terminal_lang
from sheetdesk.io.annotate import majority_lang
from sheetdesk.worklist import DueResult, WorkItem
from sheetdesk.worklist.items import ITEM_KINDS
from sheetdesk.worklist.run import GROUPINGS
from sheetdesk.worklist.sheet import state_label

HEAD = Msg(
    "Worklist as of {as_of}, due by {until}: {count} item(s), {overdue} overdue",
    "待办清单：截至 {as_of}，到 {until} 为止：{count} 项，其中 {overdue} 项已逾期",
)
GROUP = Msg("== {group}: {count} item(s), {overdue} overdue ==", "== {group}：{count} 项，其中 {overdue} 项已逾期 ==")
COLUMNS = (
    Msg("DUE", "到期时间"),
    Msg("STATUS", "状态"),
    Msg("ITEM", "事项"),
    Msg("TICKET/SERIAL", "单号/编号"),
    Msg("WHO", "负责"),
    Msg("WHAT", "说明"),
)
NOTHING = Msg("Nothing is due.", "无待办事项。")
NOT_COMPUTED = Msg("Nothing listed: the policy has errors (see above).", "未列出任何事项：政策有误（见上）。")
READ_PROBLEMS = Msg(
    "{errors} error(s), {warnings} warning(s) while reading: items on those rows may be missing; "
    "`sheetdesk check` lists them",
    "读取时发现 {errors} 个错误、{warnings} 个警告：相关行的事项可能未列出；`sheetdesk check` 可列出详情",
)
WRITTEN = Msg("Worklist written to {path}", "待办清单已写出：{path}")
MAX_ISSUE_LINES = 10


@click.command("due", short_help="The worklist: everything due, overdue first.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), cls=NamedArgument, label=FILE)
@policy_option(
    "Policy workbook replacing the built-in one, sheet by sheet (its Maintenance sheet plans the visits). "
    "Policy sheets inside the data workbook take precedence over both."
)
@as_of_option("Judge everything against this moment (default: now).")
@days_option("The horizon: list what falls due by the end of the day this many days after as-of (0 = today).")
@click.option("--by", type=click.Choice(GROUPINGS), default=None, help="Group the items by branch or by technician.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="OUT.xlsx",
    help="Write the worklist workbook: one sheet per group, each line linked to its row in the input.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--json", "json_mode", is_flag=True, help="Print one JSON document with every item.")
@lang_option
@debug_option
@click.pass_context
def due(
    ctx: click.Context,
    files: tuple[Path, ...],
    policy: Path | None,
    as_of: dt.datetime | None,
    days: int,
    by: str | None,
    output: Path | None,
    force: bool,
    json_mode: bool,
    lang: str | None,
) -> None:
    """List everything in FILE... that needs someone's action, overdue first.

    \b
    - callbacks missing, or due within the horizon;
    - SLA targets of open tickets that are overdue or fall due;
    - tickets on hold (the Holds register) whose clock is paused;
    - loaners required and not provided;
    - planned visits (the policy's Maintenance sheet) missing or due;
    - warranties ending within 30 days: a chance to offer a paid
      maintenance contract or an extended warranty (延长保修期限).

    Each line names when it was due, what to do, the ticket or serial, and
    who: the branch and the technician (for a planned visit not yet made,
    whoever last served the unit). With -o, the worklist workbook has one
    sheet per group (--by), filterable and printable, each line linked to
    its row in the input workbook.

    \b
    Exit code 0: the worklist is complete; 1: cells could not be read or the
    policy has errors (the list may miss items); 2: a file cannot be read or
    the options are wrong.

    \b
    Example, every morning:
      sheetdesk due service_desk.xlsx --by branch -o 今日待办.xlsx
    """
    with collector_paused():
        result = api.due(
            files, policy=policy, as_of=as_of, days=days, by=by, output=output, force=force, lang=lang,  # type: ignore[arg-type]
            progress=progress_for(json_mode, lang),
        )  # fmt: skip
    tlang = terminal_lang(lang, majority_lang(result.dataset))
    if json_mode:
        print_json(result.to_json(tlang))
    else:
        print_worklist(result, tlang)
    ctx.exit(exit_code(result.report))


def _row(item: WorkItem, lang: str) -> tuple[str, ...]:
    due = f"{item.due:%Y-%m-%d %H:%M}" if isinstance(item.due, dt.datetime) else f"{item.due:%Y-%m-%d}"
    who = " / ".join(str(x) for x in (item.branch_name, item.technician) if x not in (None, ""))
    ref = item.ticket_no if item.ticket_no is not None else item.serial_no
    return (due, state_label(item, lang), ITEM_KINDS[item.kind].title.render(lang), str(ref or "–"), who or "–",
            item.what(lang))  # fmt: skip


def print_worklist(result: DueResult, lang: str) -> None:
    """The findings while reading, the head line, then a table per group."""
    issues = result.report.issues
    for issue in issues[:MAX_ISSUE_LINES]:
        click.echo(issue_line(issue, lang, with_file=len(result.dataset.workbooks) > 1))
    if len(issues) > MAX_ISSUE_LINES or (issues and result.worklist is not None):
        counts = result.report.counts()
        click.echo(READ_PROBLEMS.render(lang, errors=counts["errors"], warnings=counts["warnings"]))
    if result.worklist is None:
        click.echo(NOT_COMPUTED.render(lang))
        return
    items = result.items
    click.echo(
        HEAD.render(lang, as_of=f"{result.as_of:%Y-%m-%d %H:%M}", until=f"{result.until:%Y-%m-%d}", count=len(items),
                    overdue=sum(1 for i in items if i.overdue))
    )  # fmt: skip
    if not items:
        click.echo(NOTHING.render(lang))
    header = tuple(c.render(lang) for c in COLUMNS)
    for key, group in result.groups():
        rows = [_row(i, lang) for i in group]
        if result.by is not None:
            click.echo("")
            click.echo(GROUP.render(lang, group=result.group_name(key, lang), count=len(group),
                                    overdue=sum(1 for i in group if i.overdue)))  # fmt: skip
        widths = [max(display_width(r[n]) for r in (header, *rows)) for n in range(len(header) - 1)]
        for row in (header, *rows):
            click.echo("  ".join(pad(cell, widths[n]) if n < len(widths) else cell for n, cell in enumerate(row)))
    if result.output is not None:
        click.echo(WRITTEN.render(lang, path=result.output))
