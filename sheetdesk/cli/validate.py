"""`sheetdesk validate`: check filled registers against the templates' rules."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sheetdesk import api
from sheetdesk.bulk import collector_paused
from sheetdesk.cli.common import (
    FILE,
    CountType,
    NamedArgument,
    debug_option,
    exit_code,
    lang_option,
    policy_option,
    print_json,
    progress_for,
)
from sheetdesk.cli.show import SEVERITY, counted, display_width, pad, place
from sheetdesk.i18n import Msg, terminal_lang
from sheetdesk.io.load import majority_lang
from sheetdesk.io.outputs import default_output
from sheetdesk.validation import ValidationResult

if TYPE_CHECKING:  # validate never loads check's code
    from sheetdesk.checking import CheckResult

DEFAULT_LIMIT = 200


@click.command("validate", short_help="Check filled registers against the template rules.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), cls=NamedArgument, label=FILE)
@policy_option("Policy workbook to use instead of the built-in one (read to check it opens).")
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
    type=CountType(),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many issues on the terminal (0 = all).",
)
@lang_option
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
    lang: str | None,
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
        result = api.validate(
            files, policy=policy, output=out, force=force, lang=lang, progress=progress_for(json_mode, lang)
        )
        # The result (millions of objects, no cycles) is only printed from here on: kept out of the
        # collector's sight meanwhile, the first collection after the pause does not walk all of it.
        gc.freeze()
    try:
        tlang = terminal_lang(lang, workbook_lang(result))
        if json_mode:
            print_json(result.to_json(tlang))
        else:
            print_table(result, limit, tlang)
            if result.output is not None:
                click.echo(COPY_WRITTEN.render(tlang, path=result.output))
    finally:
        gc.unfreeze()  # a caller running more commands in this process (tests) collects as usual again
    ctx.exit(exit_code(result.report))


HEADER = (Msg("SEVERITY", "级别"), Msg("LOCATION", "位置"), Msg("CODE", "代码"), Msg("MESSAGE", "说明"))
MORE = Msg(
    "… {count:,} more not shown (--limit 0 shows all; -o or --json keep them all)",
    "… 另有 {count:,} 条未显示（--limit 0 显示全部；-o 或 --json 保留全部）",
)
ERRORS = (Msg("{n:,} error", "{n:,} 个错误"), Msg("{n:,} errors", "{n:,} 个错误"))
WARNINGS = (Msg("{n:,} warning", "{n:,} 个警告"), Msg("{n:,} warnings", "{n:,} 个警告"))
FILES = (Msg("{n} file", "{n} 个文件"), Msg("{n} files", "{n} 个文件"))
SUMMARY = Msg("{errors}, {warnings} in {files}", "{errors}，{warnings}（共 {files}）")
COPY_WRITTEN = Msg("Annotated copy written to {path}", "已写出批注副本：{path}")


def workbook_lang(result: ValidationResult | CheckResult) -> str | None:
    """The language of the data's headers (None when no register was found)."""
    return majority_lang(result.dataset) if result.dataset.tables else None


def print_table(result: ValidationResult | CheckResult, limit: int, lang: str) -> None:
    """One line per issue (severity, location, code, message), then a summary, in `lang`."""
    issues = result.report.issues
    shown = issues if limit == 0 else issues[:limit]
    several = len(result.dataset.workbooks) > 1
    data_files = {str(wb.path) for wb in result.dataset.workbooks}
    if shown:  # the file is named when there are several, or when it is not the data (a --policy file)
        rows = [
            (
                SEVERITY[i.severity].render(lang),
                place(i, lang, with_file=several or (i.file is not None and i.file not in data_files)),
                i.code,
                i.text(lang),
            )
            for i in shown
        ]
        header = tuple(h.render(lang) for h in HEADER)
        widths = [max(display_width(r[n]) for r in (header, *rows)) for n in range(3)]
        for row in (header, *rows):
            click.echo("  ".join(pad(cell, widths[n]) if n < 3 else cell for n, cell in enumerate(row)))
        if len(shown) < len(issues):
            click.echo(MORE.render(lang, count=len(issues) - len(shown)))
    click.echo(summary_line(result, lang))


def summary_line(result: ValidationResult | CheckResult, lang: str) -> str:
    stats = result.stats
    return SUMMARY.render(
        lang,
        errors=counted(stats["errors"], *ERRORS, lang),
        warnings=counted(stats["warnings"], *WARNINGS, lang),
        files=counted(stats["files"], *FILES, lang),
    )
