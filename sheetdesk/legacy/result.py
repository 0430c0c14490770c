"""What an import found and did, as data: mapping, decisions, rejects, counts.

`ImportResult.to_json()` is the `--json` document and the source of the
Import Report sheet, so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetdesk.legacy.targets import Target
from sheetdesk.report import Report, column_letter, json_value
from sheetdesk.schema import Register


@dataclass
class ColumnMap:
    """One source column and where it goes."""

    index: int  # 0-based column
    letter: str
    label: str  # joined header text, or the letter when the header is blank
    target: Target
    confidence: float
    evidence: str
    source: str  # mapping file | label | schema alias | synonym | content | fuzzy | unmapped | index | empty
    samples: list[str] = field(default_factory=list)
    dayfirst: bool | None = None  # decided for date columns
    carry_down: bool = False  # blanks mean "same as above"

    def to_dict(self, register: Register) -> dict[str, Any]:
        return {
            "column": self.label,
            "letter": self.letter,
            "key": self.target.key if self.target.is_field else None,
            "part": self.target.part if self.target.part != "value" else None,
            "target": str(self.target),
            "field": self.target.describe(register) if self.target.is_field else None,
            "confidence": round(self.confidence, 2),
            "evidence": self.evidence,
            "source": self.source,
            "samples": self.samples,
            "dayfirst": self.dayfirst,
            "carry_down": self.carry_down,
        }


@dataclass(frozen=True)
class Decision:
    """Something the import decided that a clerk should know."""

    code: str
    message: str
    column: str | None = None  # source column label

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "column": self.column, "message": self.message}


@dataclass
class Reject:
    """A source row not imported, with every original value and the reason."""

    row: int  # Excel row number in the source
    code: str  # totals | superseded | shifted | empty | repeated_header
    reason: str
    values: list[Any]

    def to_dict(self, labels: dict[int, str]) -> dict[str, Any]:
        """Values keyed by source column label (its letter where labels repeat or are blank)."""
        values = {
            labels.get(i, column_letter(i)): json_value(v) for i, v in enumerate(self.values) if v not in (None, "")
        }
        return {"row": self.row, "code": self.code, "reason": self.reason, "values": values}


@dataclass
class ImportResult:
    source: Path
    format: str
    encoding: str | None
    sheet: str
    kind: str
    register: Register
    lang: str
    header_rows: list[int]
    columns: list[ColumnMap]
    records: list[dict[str, Any]] = field(default_factory=list)
    record_rows: list[int] = field(default_factory=list)  # source Excel row of each record
    rejects: list[Reject] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    rows_read: int = 0
    sheets: list[str] = field(default_factory=list)
    output: Path | None = None
    dry_run: bool = False

    @property
    def rows_written(self) -> int:
        return len(self.records)

    @property
    def rows_rejected(self) -> int:
        return len(self.rejects)

    @property
    def labels(self) -> dict[int, str]:
        """Source column index -> a unique label ("时间 (D)" where two columns share one)."""
        names = [c.label for c in self.columns]
        return {c.index: c.label if names.count(c.label) == 1 else f"{c.label} ({c.letter})" for c in self.columns}

    def decide(self, code: str, message: str, column: str | None = None) -> None:
        self.decisions.append(Decision(code, message, column))

    def counts(self) -> dict[str, int]:
        return {"read": self.rows_read, "written": self.rows_written, "rejected": self.rows_rejected}

    def reject_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.rejects:
            counts[r.code] = counts.get(r.code, 0) + 1
        return counts

    def to_json(self) -> dict[str, Any]:
        labels = self.labels
        return {
            "source": str(self.source),
            "format": self.format,
            "encoding": self.encoding,
            "sheet": self.sheet,
            "kind": self.kind,
            "lang": self.lang,
            "header_rows": self.header_rows,
            "rows": self.counts(),
            "rejected_by_reason": self.reject_counts(),
            "mapping": [c.to_dict(self.register) for c in self.columns],
            "decisions": [d.to_dict() for d in self.decisions],
            "warnings": self.report.flatten(),
            "rejects": [r.to_dict(labels) for r in self.rejects],
            "output": str(self.output) if self.output else None,
            "dry_run": self.dry_run,
        }
