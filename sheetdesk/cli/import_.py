"""`sheetdesk import`: bring a legacy log into the standard template, losing no row."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import click

from sheetdesk import api
from sheetdesk.bulk import collector_paused
from sheetdesk.cli.common import EXIT_DATA_ERRORS, EXIT_OK, debug_option, lang_option, print_json, show_progress
from sheetdesk.i18n import Msg, terminal_lang
from sheetdesk.io.outputs import default_output
from sheetdesk.legacy import ImportResult

HEADLINE = Msg(
    "{source}, sheet '{sheet}', {header} -> {kind} ({lang})", "{source}，工作表“{sheet}”，{header} -> {kind}（{lang}）"
)
HEADER_ONE = Msg("header row {row}", "表头第 {row} 行")
HEADER_ROWS = Msg("header rows {first}-{last}", "表头第 {first}-{last} 行")
COLUMNS = (Msg("column", "源列"), Msg("col", "列"), Msg("goes to", "对应到"), Msg("conf", "把握"),
           Msg("evidence | samples", "依据 | 示例"))  # fmt: skip
NEAREST = Msg("nearest: {candidates}", "最接近：{candidates}")
DECISIONS = Msg("decisions:", "处理说明：")
ROWS = Msg(
    "rows: {read} read: {above} above the header, {written} {verb}written, {rejected} {verb}rejected{reasons}",
    "行数：读取 {read}：表头上方 {above}，{verb}写入 {written}，{verb}未导入 {rejected}{reasons}",
)
WOULD = Msg("would be ", "将")
WARNINGS = Msg(
    "warnings: {count} (listed in the Import Report sheet and in --json)",
    "警告：{count} 条（见导入报告工作表和 --json）",
)
DRY_RUN = Msg("dry run: no workbook written", "试运行：未写出工作簿")
WROTE = Msg("wrote {path}", "已写出 {path}")
SAVED = Msg("mapping saved to {path}", "列对应已保存到 {path}")
NOTHING = Msg(
    "sheetdesk: nothing imported: 0 of {rows} data rows written (header taken from row {header}); {hint}",
    "sheetdesk：没有导入任何行：{rows} 个数据行写入 0 行（表头取自第 {header} 行）；{hint}",
)
PROGRESS = Msg("reading rows", "读取行")
_HEADER_ROW = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def _header_rows(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[int] | None:
    if value is None:
        return None
    m = _HEADER_ROW.match(value)
    if not m or int(m[1]) < 1 or (m[2] and not int(m[1]) <= int(m[2]) <= int(m[1]) + 2):
        raise click.BadParameter("give a row number (6) or up to three rows (2-3)")
    first, last = int(m[1]), int(m[2] or m[1])
    return list(range(first, last + 1))


@click.command("import")
@click.argument("legacy", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "--kind", required=True, type=click.Choice(["sales", "repairs", "callbacks"]), help="Which register the log holds."
)
@click.option("--sheet", help="The sheet to read (default: the sheet with the best table).")
@click.option(
    "--header-row",
    "header_rows",
    callback=_header_rows,
    metavar="N[-M]",
    help="The header's row (6), or rows of a two- or three-row header (2-3); default: found by scoring.",
)
@click.option(
    "--mapping",
    "mapping",
    type=click.Path(path_type=Path),
    help="A mapping file (YAML, or a workbook saved with --save-mapping X.xlsx) that overrides the automatic mapping.",
)
@click.option(
    "--save-mapping",
    "save_to",
    type=click.Path(path_type=Path),
    help="Write the mapping used to this file (.yaml, or .xlsx for a sheet with a dropdown of keys), "
    "to import next month's file the same way.",
)
@click.option("--dry-run", is_flag=True, help="Show the mapping, sample values and counts; write no workbook.")
@click.option("--encoding", help="Encoding of a CSV file (default: UTF-8 with or without BOM, else GBK/GB18030).")
@lang_option
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    help="Output workbook (default: <legacy>.imported.xlsx beside the input).",
)
@click.option("--force", is_flag=True, help="Replace an existing output or mapping file.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of text.")
@debug_option
@click.pass_context
def import_(
    ctx: click.Context,
    legacy: Path,
    kind: str,
    sheet: str | None,
    header_rows: list[int] | None,
    mapping: Path | None,
    save_to: Path | None,
    dry_run: bool,
    encoding: str | None,
    lang: str | None,
    out: Path | None,
    force: bool,
    as_json: bool,
) -> None:
    """Import a legacy log (.xlsx .xlsm .xls .ods .csv) into the standard KIND register.

    Finds the header by scoring the first rows (skipping titles and summary
    blocks, joining two- and three-row headers), maps each column to a
    template key by its header and its values, and reads dates (serials,
    Chinese and Western text, day-first or month-first decided per column),
    times, numbers and choices. A column with weak evidence is not guessed:
    it is kept in Notes as "header: value" and listed with its nearest keys.

    Every row is accounted for: written, rejected with its reason in the
    Rejects sheet (totals rows, repeated headers, shifted rows, CSV rows
    with a wrong field count, rows with nothing to import, earlier rows of
    a repeated ticket), or listed as above the header. The Import Report
    sheet shows the mapping, every decision and the warnings. --lang sets
    the language of the output and of these messages.

    Exit codes: 0 every row written; 1 some rows rejected, or nothing
    imported; 2 unreadable input, bad mapping file or bad usage.

    \b
    Examples:
      sheetdesk import 2019维修登记.xls --kind repairs --dry-run
      sheetdesk import old.csv --kind repairs --save-mapping old.xlsx
      sheetdesk import next.csv --kind repairs --mapping old.xlsx -o next.xlsx
      sheetdesk import report.xlsx --kind repairs --header-row 6
    """
    with collector_paused():
        result = api.import_log(
            legacy,
            kind,
            sheet=sheet,
            mapping=mapping,
            encoding=encoding,
            lang=lang,
            header_rows=header_rows,
            output=out or default_output(legacy, ".imported.xlsx"),
            save_mapping_to=save_to,
            dry_run=dry_run,
            force=force,
            progress=_progress_bar(lang) if show_progress(as_json) else None,
        )
    said = terminal_lang(lang, result.lang)
    if as_json:
        print_json(result.to_json(said))
    else:
        _print_text(result, save_to, said)
    if result.nothing_imported:
        issue = next(i for i in result.report.issues if i.code == "import.nothing_imported")
        header = issue.params["header"]
        click.echo(NOTHING.render(said, rows=result.data_rows, header=header, hint=issue.params["hint"]), err=True)
    failed = result.nothing_imported or (result.rejects and not dry_run)
    ctx.exit(EXIT_DATA_ERRORS if failed else EXIT_OK)


def _progress_bar(lang: str | None):  # type: ignore[no-untyped-def]
    label = PROGRESS.render(terminal_lang(lang))

    def bar(rows: list[int], count: int) -> Iterator[int]:
        with click.progressbar(rows, length=count, label=label, file=sys.stderr) as shown:
            yield from shown

    return bar


def _print_text(result: ImportResult, save_to: Path | None, lang: str) -> None:
    source = f"{result.source.name} ({result.format}{', ' + result.encoding if result.encoding else ''})"
    rows = result.header_rows
    header = (
        HEADER_ONE.render(lang, row=rows[0])
        if len(rows) == 1
        else HEADER_ROWS.render(lang, first=rows[0], last=rows[-1])
    )
    kind = result.register.name(lang)
    click.echo(HEADLINE.render(lang, source=source, sheet=result.sheet, header=header, kind=kind, lang=result.lang))
    click.echo("")
    width = min(max([_width(c.label) for c in result.columns] + [6]), 28)
    names = [m.render(lang) for m in COLUMNS]
    click.echo(f"  {_pad(names[0], width)}  {_pad(names[1], 3)}  {_pad(names[2], 24)} {_pad(names[3], 4)}  {names[4]}")
    for c in result.columns:
        samples = ", ".join(c.samples)
        why = c.explain(lang)
        if c.candidates:
            nearest = ", ".join(f"{x.target} {x.score:.2f}" for x in c.candidates)
            why = NEAREST.render(lang, candidates=nearest)
        click.echo(
            f"  {_pad(c.label, width)}  {c.letter:<3}  {str(c.target):<24} {c.confidence:4.2f}  "
            f"{_cut(why, 70)}{' | ' + samples if samples else ''}"
        )
    if result.decisions:
        click.echo("")
        click.echo(DECISIONS.render(lang))
        for d in result.decisions:
            click.echo(f"  - {d.text(lang)}")
    counts = result.counts()
    click.echo("")
    verb = WOULD.render(lang) if result.dry_run else ""
    reasons = ""
    if result.rejects:
        reasons = f" ({', '.join(f'{n} {k}' for k, n in sorted(result.reject_counts().items()))})"
    click.echo(ROWS.render(lang, read=counts["read"], above=counts["above_header"], written=counts["written"],
                           rejected=counts["rejected"], verb=verb, reasons=reasons))  # fmt: skip
    if result.report.issues:
        click.echo(WARNINGS.render(lang, count=len(result.report.issues)))
    if result.dry_run:
        click.echo(DRY_RUN.render(lang))
    elif result.output is not None:
        click.echo(WROTE.render(lang, path=result.output))
    if save_to is not None:
        click.echo(SAVED.render(lang, path=save_to))


def _cut(text: str, limit: int) -> str:
    return text if _width(text) <= limit else _pad(text, limit)


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[:-2] + "…"
    return text + " " * (width - _width(text))
