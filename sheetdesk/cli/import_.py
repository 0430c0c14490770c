"""`sheetdesk import`: bring a legacy log into the standard template, losing no row."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import click

from sheetdesk import api
from sheetdesk.cli.common import EXIT_DATA_ERRORS, EXIT_OK, debug_option, print_json, show_progress
from sheetdesk.io.outputs import default_output
from sheetdesk.legacy import ImportResult


@click.command("import")
@click.argument("legacy", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "--kind", required=True, type=click.Choice(["sales", "repairs", "callbacks"]), help="Which register the log holds."
)
@click.option("--sheet", help="The sheet to read (default: the sheet with the best table).")
@click.option(
    "--mapping",
    "mapping",
    type=click.Path(path_type=Path),
    help="A mapping file (YAML) that overrides the automatic mapping.",
)
@click.option(
    "--save-mapping",
    "save_to",
    type=click.Path(path_type=Path),
    help="Write the mapping used to this YAML file, to import next month's file the same way.",
)
@click.option("--dry-run", is_flag=True, help="Show the mapping, sample values and counts; write no workbook.")
@click.option("--encoding", help="Encoding of a CSV file (default: UTF-8 with or without BOM, else GBK/GB18030).")
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    help="Language of the output (default: zh if the source headers are mostly Chinese, else en).",
)
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

    Finds the header below title rows and summary blocks (joining two-row
    merged headers), maps each column to a template key by label, synonym,
    content or fuzzy match, and reads dates (serials, Chinese and Western
    text, day-first or month-first decided per column), times, numbers and
    choices. Columns that match no key are kept in Notes as "label: value".

    Every row ends up in the output or in its Rejects sheet with the reason
    (totals rows, repeated headers, shifted rows, rows with nothing to import,
    earlier rows of a repeated ticket). The Import Report sheet shows the
    mapping, every decision and the warnings.

    Exit codes: 0 every row written; 1 some rows rejected; 2 unreadable
    input, bad mapping file or bad usage.

    \b
    Examples:
      sheetdesk import 2019维修登记.xls --kind repairs --dry-run
      sheetdesk import old.csv --kind repairs --save-mapping old.yaml
      sheetdesk import next.csv --kind repairs --mapping old.yaml -o next.xlsx
    """
    result = api.import_log(
        legacy,
        kind,
        sheet=sheet,
        mapping=mapping,
        encoding=encoding,
        lang=lang,
        output=out or default_output(legacy, ".imported.xlsx"),
        save_mapping_to=save_to,
        dry_run=dry_run,
        force=force,
        progress=_progress_bar if show_progress(as_json) else None,
    )
    if as_json:
        print_json(result.to_json())
    else:
        _print_text(result, save_to)
    ctx.exit(EXIT_DATA_ERRORS if result.rejects and not dry_run else EXIT_OK)


def _progress_bar(rows: list[int], count: int) -> Iterator[int]:
    with click.progressbar(rows, length=count, label="reading rows", file=sys.stderr) as bar:
        yield from bar


def _print_text(result: ImportResult, save_to: Path | None) -> None:
    source = f"{result.source.name} ({result.format}{', ' + result.encoding if result.encoding else ''})"
    rows = result.header_rows
    header = f"header row {rows[0]}" if len(rows) == 1 else f"header rows {rows[0]}-{rows[-1]}"
    click.echo(f"{source}, sheet '{result.sheet}', {header} -> {result.kind} ({result.lang})")
    click.echo("")
    width = min(max([_width(c.label) for c in result.columns] + [6]), 28)
    click.echo(f"  {_pad('column', width)}  col  {'goes to':<24} conf  evidence | samples")
    for c in result.columns:
        samples = ", ".join(c.samples)
        click.echo(
            f"  {_pad(c.label, width)}  {c.letter:<3}  {str(c.target):<24} {c.confidence:4.2f}  "
            f"{c.evidence[:70]}{' | ' + samples if samples else ''}"
        )
    if result.decisions:
        click.echo("")
        click.echo("decisions:")
        for d in result.decisions:
            click.echo(f"  - {d.message}")
    counts = result.counts()
    click.echo("")
    verb = "would be" if result.dry_run else ""
    click.echo(
        f"rows: {counts['read']} read, {counts['written']} {verb + ' ' if verb else ''}written, "
        f"{counts['rejected']} {verb + ' ' if verb else ''}rejected"
        + (f" ({', '.join(f'{n} {k}' for k, n in sorted(result.reject_counts().items()))})" if result.rejects else "")
    )
    if result.report.issues:
        click.echo(f"warnings: {len(result.report.issues)} (listed in the Import Report sheet and in --json)")
    if result.dry_run:
        click.echo("dry run: no workbook written")
    elif result.output is not None:
        click.echo(f"wrote {result.output}")
    if save_to is not None:
        click.echo(f"mapping saved to {save_to}")


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[:-2] + "…"
    return text + " " * (width - _width(text))
