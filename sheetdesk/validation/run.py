"""Run every rule of SPEC §2 over a loaded dataset; the library entry points."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sheetdesk.i18n import Msg
from sheetdesk.io.load import Dataset, load_dataset
from sheetdesk.io.policy_source import load_policy
from sheetdesk.io.reader import RawWorkbook
from sheetdesk.progress import SILENT, Progress
from sheetdesk.report import Issue, Report, parse_cell
from sheetdesk.schema import REGISTERS
from sheetdesk.validation.crosscheck import check_dataset
from sheetdesk.validation.fields import check_declared
from sheetdesk.validation.records import RECORD_RULES

VALIDATING = Msg("Validating", "正在检查")


def validate_dataset(dataset: Dataset, *, now: dt.datetime | None = None) -> Report:
    """Check every register of `dataset`; findings are appended to `dataset.report`.

    `now` is the moment dates may not be after (default: the current time).
    The report's issues end up ordered by file, sheet, row and column.
    """
    now = now or dt.datetime.now()
    report = dataset.report
    for table in dataset.tables.values():
        check_declared(table, report, now)
        RECORD_RULES[table.key](table, report)
    check_dataset(dataset, report)
    sort_issues(report, dataset.workbooks)
    return report


def sort_issues(report: Report, workbooks: list[RawWorkbook]) -> None:
    """Order issues as a clerk reads the files: workbook-wide ones first, then
    by file, sheet, row and column (stable: one cell's issues keep their order)."""
    files = {str(wb.path): n for n, wb in enumerate(workbooks)}
    sheets = {(str(wb.path), s.name): m for wb in workbooks for m, s in enumerate(wb.sheets)}

    def key(issue: Issue) -> tuple[int, int, int, int]:
        col = parse_cell(issue.cell)[1] if issue.cell else -1
        return (
            files.get(issue.file or "", -1),
            sheets.get((issue.file or "", issue.sheet or ""), -1),
            issue.row or 0,
            col,
        )

    report.issues.sort(key=key)


@dataclass
class ValidationResult:
    """What `validate` found: the data, the findings and counts (and the annotated copy, if written)."""

    dataset: Dataset
    report: Report
    as_of: dt.datetime
    output: Path | None = None

    @property
    def valid(self) -> bool:
        return self.report.valid

    @property
    def stats(self) -> dict[str, Any]:
        """Files, sheets, records per register, errors and warnings (counted now)."""
        return dataset_stats(self.dataset, self.report)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The `validate --json` document (SPEC §5); the issues' `message` in `lang`."""
        return {
            "valid": self.valid,
            "as_of": self.as_of.replace(microsecond=0).isoformat(),
            "stats": self.stats,
            "issues": self.report.flatten(lang),
        }


def dataset_stats(dataset: Dataset, report: Report) -> dict[str, Any]:
    return {
        "files": len(dataset.workbooks),
        "sheets": sum(len(wb.sheets) for wb in dataset.workbooks),
        "rows": {
            r.key: len(dataset.tables[r.key]) if r.key in dataset.tables else 0
            for r in REGISTERS
            if not r.optional or r.key in dataset.tables  # an optional register is counted when it is there
        },
        **report.counts(),
    }


def validate_files(
    paths: Iterable[str | Path],
    *,
    policy: str | Path | None = None,
    as_of: dt.datetime | None = None,
    progress: Progress = SILENT,
) -> ValidationResult:
    """Read the files, check them and the policy, and return the dataset with its report.

    The policy in force (built-in < `policy` < policy sheets in the data) is
    checked too, so a bad policy is found before `check` needs it.
    Raises `InputError` for a file (or policy file) that cannot be read.
    """
    paths = list(paths)
    as_of = (as_of or dt.datetime.now()).replace(microsecond=0)
    dataset = load_dataset(paths, progress=progress)
    with progress.step(VALIDATING):
        report = validate_dataset(dataset, now=as_of)
        load_policy(dataset, policy, report)
        sort_issues(report, dataset.workbooks)
    return ValidationResult(dataset, report, as_of)
