"""What the reader returns: sheets of plain values, and the findings made while reading."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetdesk.report import Report


@dataclass
class RawSheet:
    """One sheet as plain values; rows[0] is Excel row 1, rows[r][0] column A."""

    name: str
    rows: list[list[Any]]
    visible: bool = True
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # What a later step worked out from these rows while the reader was still busy
    # with the workbook's other sheets (see `io.load`), by the step's own key.
    prepared: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class RawWorkbook:
    path: Path
    format: str  # xlsx, xlsm, xls, ods, xlsb, csv, html
    sheets: list[RawSheet]
    encoding: str | None = None  # CSV and HTML: the text encoding used
    # Parts the reader saw but cannot carry over (charts, images, macros...).
    uncarried: list[str] = field(default_factory=list)
    # Findings made while reading (error cells, a CSV quote that never closes,
    # ...), with the sheet, row and cell; commands add them to their report.
    findings: Report = field(default_factory=Report)

    def sheet(self, name: str) -> RawSheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)
