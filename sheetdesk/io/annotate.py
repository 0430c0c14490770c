"""The annotated workbook (SPEC §5): the input sheets with their findings.

`write_annotated` copies every sheet of every input file, values at the same
cells, with a fill and a comment on each cell that has an issue, then adds
an `Issues` sheet (问题清单: one row per issue, linked to its cell) and,
when the caller gives one, a `Summary` sheet (汇总), named in the
workbook's language. Register sheets keep or get a filter over their
header, frozen panes and a print setup (`setup_register_sheet`); any other
sheet keeps the input's filter.

Extension points for commands that compute more than `validate`:

- `computed`: register key -> columns to append to the right of that
  register's sheet (`ComputedColumn`: key, en/zh label, type, values aligned
  with `Table.rows`, optional status colouring).
- `summary`: a callable `(workbook, formats, sheet_name)` that adds the
  Summary sheet under `sheet_name` (`SUMMARY_SHEET` in the workbook's
  language, unless an input sheet has that name).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.workbook import Workbook

from sheetdesk.errors import OutputError
from sheetdesk.i18n import Msg
from sheetdesk.io.annotate_index import IssueIndex
from sheetdesk.io.annotate_issues import write_issues_sheet
from sheetdesk.io.annotate_sheet import SheetCopier
from sheetdesk.io.annotate_table import ComputedColumn
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.autofilters import read_autofilters
from sheetdesk.io.load import Dataset, Table, majority_lang
from sheetdesk.io.targets import CANNOT_WRITE
from sheetdesk.io.xlsx import Formats, new_workbook, safe_sheet_name
from sheetdesk.progress import SILENT, Progress, Step
from sheetdesk.report import Issue, Report

# Above this many rows in any sheet, rows are streamed to disk (xlsxwriter's
# constant-memory mode) instead of held in memory until the end.
CONSTANT_MEMORY_ROWS = 50_000

ISSUES_SHEET = Msg("Issues", "问题清单")
SUMMARY_SHEET = Msg("Summary", "汇总")
WRITING = Msg("Writing {name}", "正在写出 {name}")


class SummaryWriter(Protocol):
    def __call__(self, workbook: Workbook, formats: Formats, sheet_name: str) -> None: ...


def write_annotated(
    out_path: str | Path,
    dataset: Dataset,
    report: Report,
    *,
    computed: Mapping[str, Sequence[ComputedColumn]] | None = None,
    summary: SummaryWriter | None = None,
    lang: str | None = None,
    constant_memory: bool | None = None,
    progress: Progress = SILENT,
) -> Path:
    """Write the annotated copy of `dataset` to `out_path` (atomically).

    `lang` ("en"/"zh") sets the language of the added sheets, the comments
    and the printed pages; by default the language most register headers are
    in. Problems met while writing (text cut to Excel's cell limit) are added
    to `report` as warnings, and appear in the Issues sheet.
    """
    out_path = Path(out_path)
    lang = lang or majority_lang(dataset)
    if constant_memory is None:
        biggest = max((len(s.rows) for wb in dataset.workbooks for s in wb.sheets), default=0)
        constant_memory = biggest > CONSTANT_MEMORY_ROWS
    try:
        with atomic_path(out_path) as tmp:
            wb = new_workbook(tmp, constant_memory=constant_memory)
            total = sum(len(s.rows) for w in dataset.workbooks for s in w.sheets)
            with progress.step(WRITING, total, name=out_path.name) as step:
                _fill_workbook(wb, dataset, report, computed or {}, summary, lang, step)
                wb.close()
    except (XlsxWriterException, OSError) as exc:
        raise OutputError(CANNOT_WRITE, path=out_path, problem=str(exc)) from exc
    return out_path


def _fill_workbook(
    wb: Workbook,
    dataset: Dataset,
    report: Report,
    computed: Mapping[str, Sequence[ComputedColumn]],
    summary: SummaryWriter | None,
    lang: str,
    step: Step,
) -> None:
    formats = Formats(wb)
    index = IssueIndex(report.issues, dataset.workbooks)
    taken: set[str] = set()
    out_names: dict[tuple[str, str], str] = {}
    tables: dict[tuple[str, str], Table] = {}
    first_visible = None
    for raw_wb in dataset.workbooks:
        file = str(raw_wb.path)
        filters = read_autofilters(raw_wb.path) if raw_wb.format in ("xlsx", "xlsm") else {}
        for sheet in raw_wb.sheets:
            name = safe_sheet_name(sheet.name, taken)
            out_names[(file, sheet.name)] = name
            ws = wb.add_worksheet(name)
            table = dataset.table_for_sheet(raw_wb, sheet)
            if table is not None:
                tables[(file, sheet.name)] = table
            SheetCopier(
                wb,
                ws,
                formats,
                sheet,
                file,
                index.sheet(file, sheet.name),
                report,
                table,
                computed.get(table.key, ()) if table is not None else (),
                lang,
                filters.get(sheet.name),
            ).write(step)
            if first_visible is None and sheet.visible:
                first_visible = ws
    first_file = str(dataset.workbooks[0].path) if dataset.workbooks else ""
    owner = {sheet: file for (file, sheet) in reversed(list(out_names))}

    def where(issue: Issue) -> tuple[str, str]:
        sheet = issue.sheet or ""
        return (issue.file or owner.get(sheet, first_file), sheet)

    def target(issue: Issue) -> str | None:
        return out_names.get(where(issue)) if issue.sheet else None

    def column_label(issue: Issue) -> str | None:
        table = tables.get(where(issue))
        if issue.column is None or table is None or issue.column not in table.register.keys:
            return issue.column
        return table.register.field(issue.column).label(table.lang)

    issues_ws = wb.add_worksheet(safe_sheet_name(ISSUES_SHEET.render(lang), taken))
    write_issues_sheet(issues_ws, formats, report.issues, lang, target, column_label)
    if summary is not None:
        summary(wb, formats, safe_sheet_name(SUMMARY_SHEET.render(lang), taken))
    if report.issues or first_visible is None:
        issues_ws.activate()
    else:
        first_visible.activate()


__all__ = [
    "CONSTANT_MEMORY_ROWS",
    "ISSUES_SHEET",
    "SUMMARY_SHEET",
    "ComputedColumn",
    "SummaryWriter",
    "majority_lang",
    "write_annotated",
]
