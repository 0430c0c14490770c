"""`sheetdesk collect`: merge returned branch files into a new master."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from sheetdesk import api
from sheetdesk.branches import CollectResult
from sheetdesk.branches.canonical import shown_key
from sheetdesk.branches.merge_report import OUTCOME_LABELS, Change
from sheetdesk.bulk import collector_paused
from sheetdesk.cli.common import (
    EXIT_DATA_ERRORS,
    EXIT_OK,
    FILE,
    MASTER,
    NamedArgument,
    debug_option,
    lang_option,
    print_json,
    show_progress,
)
from sheetdesk.cli.split import issue_line
from sheetdesk.i18n import Msg, terminal_lang
from sheetdesk.schema import REGISTERS_BY_KEY

COLLECTING = Msg("collecting {file} ...", "正在合并 {file} ...")
COUNTS = Msg(
    "added {added}, updated {updated}, conflicts {conflicts}, rejected {rejected}, deleted {deleted}, "
    "unchanged {unchanged}",
    "新增 {added}，更新 {updated}，冲突 {conflicts}，拒收 {rejected}，删除 {deleted}，未变 {unchanged}",
)
FILE_LINE = Msg("{file} [{branch}]: {counts}", "{file} [{branch}]：{counts}")
CHANGE_LINE = Msg(
    "  {outcome}: {file} {where}{key}{field} - {message}", "  {outcome}：{file} {where}{key}{field} - {message}"
)
FIELD_PART = Msg(" {field}: master {old} / branch {new}", " {field}：总部 {old} / 网点 {new}")
WROTE = Msg("wrote {path}: {counts}", "已写出 {path}：{counts}")
KEY_COPIED = Msg("the master's key was copied to {path}", "总表密钥已复制到 {path}")
BLANK = Msg("(blank)", "（空）")


@click.command("collect")
@click.argument("master", type=click.Path(path_type=Path), cls=NamedArgument, label=MASTER)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), cls=NamedArgument, label=FILE)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path),
    help="The merged workbook to write (never the master itself).",
)
@click.option(
    "--key",
    type=click.Path(path_type=Path),
    default=None,
    help="The master's key file that split wrote (default: MASTER's name with .sheetdesk-key, beside it). "
    "Give it when MASTER was saved under another name since the split.",
)
@click.option(
    "--accept-unrecorded",
    is_flag=True,
    help="Merge files whose split record is missing, does not verify or comes from another master, as the "
    "branch their file name names (every row is checked against that branch).",
)
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@click.option("--json", "json_mode", is_flag=True, help="Print one JSON document with the counts and every change.")
@lang_option
@debug_option
def collect(
    master: Path,
    files: tuple[Path, ...],
    output: Path,
    key: Path | None,
    accept_unrecorded: bool,
    force: bool,
    json_mode: bool,
    lang: str | None,
) -> None:
    """Merge returned branch FILES into MASTER and write the result to -o.

    Every file must carry the split record that `sheetdesk split` signed
    with the master's key: a file without one, with one that was changed, or
    split from another master is refused with one line (exit code 2), unless
    --accept-unrecorded lets it in as the branch its file name names.

    Rows are matched by Serial No (sales), Ticket No (repairs), Ticket No
    + Callback At (callbacks) and Serial No + Visit Kind + Visited At
    (visits), and compared as values (a date retyped or a
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

    The output keeps every sheet and cell of the master where it was (only
    the cells a merge changed are new, new rows go below), and adds a Merge
    Report / 合并报告 sheet listing every change with its source file. The
    master's key is copied beside it: the merged workbook is the next master.

    \b
    Exit codes: 0 merged without conflicts or rejections; 1 there are
    conflicts or rejected rows, a broken sheet (a required column missing),
    or something that could not be carried (text over 32,767 characters,
    charts...); the output is still written; 2 bad usage, an unreadable file,
    or a returned file refused.

    \b
    Example:
      sheetdesk collect master.xlsx 分发/*.xlsx -o merged.xlsx
    """
    progress = show_progress(json_mode)

    def on_file(name: str) -> None:
        if progress:
            click.echo(COLLECTING.render(terminal_lang(lang), file=name), err=True)

    with collector_paused():
        result = api.collect(
            master,
            files,
            output,
            force=force,
            key=key,
            accept_unrecorded=accept_unrecorded,
            lang=lang,
            on_file=on_file,
        )
    tlang = terminal_lang(lang, result.lang)
    if json_mode:
        print_json(result.to_json(tlang))
    else:
        _print(result, tlang)
    raise SystemExit(EXIT_OK if result.valid else EXIT_DATA_ERRORS)


def _print(result: CollectResult, lang: str) -> None:
    for f in result.files:
        click.echo(FILE_LINE.render(lang, file=f.file, branch=f.branch or "?", counts=COUNTS.bind(**f.counts)))
    for change in result.changes:
        if change.outcome in ("conflict", "rejected", "deleted"):
            click.echo(change_line(change, lang))
    for issue in result.report.issues:
        click.echo(issue_line(issue, lang, with_file=True))
    if result.key_copy is not None:
        click.echo(KEY_COPIED.render(lang, path=result.key_copy))
    click.echo(WROTE.render(lang, path=result.output, counts=COUNTS.bind(**result.counts)))


def change_line(change: Change, lang: str) -> str:
    where = "!".join(str(p) for p in (change.sheet, change.row) if p is not None)
    field = ""
    register = REGISTERS_BY_KEY.get(change.register)
    key = shown_key(register, change.key, lang) if register is not None and change.key else change.key
    if change.field:
        label = register.field(change.field).label(lang) if register else change.field
        field = FIELD_PART.render(lang, field=label, old=_show(change.old, lang), new=_show(change.new, lang))
    return CHANGE_LINE.render(
        lang,
        outcome=OUTCOME_LABELS[change.outcome],
        file=change.file,
        where=where,
        key=f" {key}" if key else "",
        field=field,
        message=change.text(lang),
    )


def _show(value: object, lang: str) -> str:
    if value is None or value == "":
        return BLANK.render(lang)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"'{value}'"
