"""`collect`: merge returned branch files into a new master workbook (SPEC §7).

The master is read, each file is merged in the order given (see `merge.py`
for the outcomes), and the result is written to a new file: every register
in the standard look (rows in the master's order, new rows at the end,
title rows above the header and columns outside the template carried), the
master's other sheets by value, and a `Merge Report` sheet. The master is
never overwritten; the output is written atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sheetdesk.branches import merge_report
from sheetdesk.branches.merge import COUNT_KEYS, FileMerge, merge_file
from sheetdesk.branches.merge_report import Change, write_merge_report
from sheetdesk.branches.provenance import SHEET_NAME as PROVENANCE_SHEET
from sheetdesk.branches.provenance import read_provenance
from sheetdesk.branches.rows import RegisterRows, dataset_rows
from sheetdesk.branches.sheets import carry_sheet, write_register_sheet
from sheetdesk.errors import InputError, UsageError
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.load import Dataset, load_dataset
from sheetdesk.io.outputs import check_output
from sheetdesk.io.xlsx import Formats, new_workbook, safe_sheet_name
from sheetdesk.report import Report
from sheetdesk.schema import REGISTERS


@dataclass
class CollectResult:
    master: Path
    output: Path
    files: list[FileMerge] = field(default_factory=list)
    report: Report = field(default_factory=Report)

    @property
    def changes(self) -> list[Change]:
        return [c for f in self.files for c in f.changes]

    @property
    def counts(self) -> dict[str, int]:
        return {k: sum(f.counts[k] for f in self.files) for k in COUNT_KEYS}

    @property
    def valid(self) -> bool:
        """No conflicts, no rejected rows and no error in the files' structure (exit code 0)."""
        counts = self.counts
        return counts["conflicts"] == 0 and counts["rejected"] == 0 and self.report.valid

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "master": str(self.master),
            "output": str(self.output),
            **self.counts,
            "files": [f.to_json() for f in self.files],
            "changes": [c.to_json() for c in self.changes],
            "stats": self.report.counts(),
            "issues": self.report.flatten(),
        }


def collect(
    master: str | Path,
    files: list[str | Path],
    output: str | Path,
    *,
    force: bool = False,
    on_file: Callable[[str], None] | None = None,
) -> CollectResult:
    """Merge `files` into `master` and write the merged workbook to `output`."""
    master = Path(master)
    paths = [Path(f) for f in files]
    if not paths:
        raise UsageError("give at least one branch file to collect")
    out = check_output(output, [master, *paths], force=force)
    dataset = load_dataset([master])
    if not dataset.tables:
        raise InputError(master, "no Sales, Repairs or Callbacks sheet found")
    result = CollectResult(master, out)
    _carry_structure_issues(dataset, result.report)
    merged = dataset_rows(dataset, with_extra=True)
    for path in paths:
        if on_file is not None:
            on_file(path.name)
        incoming_ds = load_dataset([path])
        if not incoming_ds.tables:
            raise InputError(path, "no Sales, Repairs or Callbacks sheet found")
        _carry_structure_issues(incoming_ds, result.report)
        prov = read_provenance(incoming_ds.workbooks[0])
        file_merge = merge_file(merged, dataset_rows(incoming_ds), prov, path.name)
        for change in file_merge.changes:
            if change.outcome == "warning":
                result.report.warning("collect.warning", change.message, sheet=change.sheet, file=str(path))
        result.files.append(file_merge)
    write_merged(out, dataset, merged, result.changes)
    return result


def _carry_structure_issues(dataset: Dataset, report: Report) -> None:
    """Sheet-level findings of the loader; cell values are judged row by row in the merge."""
    for issue in dataset.report.issues:
        if not issue.code.startswith("value.") and issue.code != "workbook.uncarried":
            report.issues.append(issue)
    for wb in dataset.workbooks:
        for part in wb.uncarried:
            report.warning(
                "collect.uncarried",
                f"{wb.path.name} contains {part}; the merged workbook carries values only, so they are not in it",
                file=str(wb.path),
            )


def write_merged(out: Path, dataset: Dataset, merged: dict[str, RegisterRows], changes: list[Change]) -> None:
    """The merged master: registers in place of the master's, other sheets by value, the Merge Report."""
    master_wb = dataset.workbooks[0]
    langs = [t.lang for t in dataset.tables.values()]
    lang = "zh" if langs.count("zh") > langs.count("en") else "en"
    # Excel's sheet-name rules (a CSV or ODS master may have a longer name or a `[`); the Merge Report's name is kept.
    taken: set[str] = {merge_report.SHEET_NAME}
    names = {
        s.name: safe_sheet_name(s.name, taken)
        for s in master_wb.sheets
        if s.name not in (merge_report.SHEET_NAME, PROVENANCE_SHEET)
    }
    with atomic_path(out) as tmp:
        wb = new_workbook(tmp)
        formats = Formats(wb)
        written: set[str] = set()
        for sheet in master_wb.sheets:
            table = next((t for t in dataset.tables.values() if t.sheet is sheet), None)
            if table is not None:
                loc = table.location
                write_register_sheet(
                    wb,
                    formats,
                    table.register,
                    table.lang,
                    merged[table.key].rows,
                    name=names[sheet.name],
                    above=sheet.rows[: loc.header_index],
                    extra_headers=[str(loc.unknown[c]) for c in sorted(loc.unknown)],
                )
                if not sheet.visible:  # a register the clerk hid stays hidden
                    wb.worksheets()[-1].hide()
                written.add(table.key)
            elif sheet.name not in (merge_report.SHEET_NAME, PROVENANCE_SHEET):
                carry_sheet(wb, formats, replace(sheet, name=names[sheet.name]))
        for register in REGISTERS:
            if register.key not in written:
                write_register_sheet(
                    wb,
                    formats,
                    register,
                    lang,
                    merged[register.key].rows,
                    name=safe_sheet_name(register.name(lang), taken),
                )
        write_merge_report(wb, formats, changes, lang)
        # xlsxwriter shows a hidden first sheet if it is the active one: activate the first visible sheet.
        next(ws for ws in wb.worksheets() if not ws.hidden).activate()
        wb.close()
