"""Findings as data: `Issue` records collected in a `Report`.

An issue names where it was found the way a clerk looks for it: the sheet,
the Excel row number, the column key and the cell reference ("D7").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(col_index: int | None, row: int | None) -> str | None:
    """0-based column index and 1-based Excel row -> "D7" (None if unknown)."""
    if col_index is None or row is None:
        return None
    return f"{column_letter(col_index)}{row}"


def json_value(value: Any) -> Any:
    """A cell value as JSON can carry it: dates as ISO text."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


@dataclass(frozen=True)
class Issue:
    severity: Severity
    code: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    value: Any = None
    file: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["value"] = json_value(self.value)
        return data

    def location(self) -> str:
        parts = [p for p in (self.sheet, self.cell or (f"row {self.row}" if self.row else None)) if p]
        return "!".join(parts) if parts else "-"


@dataclass
class Report:
    """All findings of one run, in the order they were found."""

    issues: list[Issue] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        col_index: int | None = None,
        value: Any = None,
        file: str | None = None,
    ) -> Issue:
        issue = Issue(
            severity=severity,
            code=code,
            message=message,
            sheet=sheet,
            row=row,
            column=column,
            cell=cell_ref(col_index, row),
            value=value,
            file=file,
        )
        self.issues.append(issue)
        return issue

    def error(self, code: str, message: str, **where: Any) -> Issue:
        return self.add("error", code, message, **where)

    def warning(self, code: str, message: str, **where: Any) -> Issue:
        return self.add("warning", code, message, **where)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def counts(self) -> dict[str, int]:
        c = Counter(i.severity for i in self.issues)
        return {"errors": c.get("error", 0), "warnings": c.get("warning", 0)}

    def by_code(self) -> dict[str, int]:
        return dict(Counter(i.code for i in self.issues))

    def flatten(self) -> list[dict[str, Any]]:
        return [i.to_dict() for i in self.issues]
