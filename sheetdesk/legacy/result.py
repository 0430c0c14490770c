"""What an import found and did, as data: mapping, decisions, rejects, counts.

`ImportResult.to_json()` is the `--json` document and the source of the
Import Report sheet, so the two always agree. Messages are kept as codes
and parameters and rendered in the reader's language (`texts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetdesk.i18n import Bound, Msg
from sheetdesk.legacy.targets import Target
from sheetdesk.legacy.texts import DECISIONS, PART_DATE, PART_TIME, REJECTS
from sheetdesk.report import Report, column_letter, json_value
from sheetdesk.schema import Register


@dataclass(frozen=True)
class Candidate:
    """A key a column might have gone to, with its score (shown for unmapped columns)."""

    target: str
    score: float
    evidence: Bound

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"target": self.target, "score": round(self.score, 2), "evidence": self.evidence.render(lang)}


@dataclass
class ColumnMap:
    """One source column and where it goes."""

    index: int  # 0-based column
    letter: str
    label: str  # joined header text, or the letter when the header is blank
    target: Target
    confidence: float
    evidence: list[Bound]
    source: str  # mapping file | label | schema alias | lexicon | rule | content | identifier | unmapped | index
    samples: list[str] = field(default_factory=list)
    dayfirst: bool | None = None  # decided for date columns
    year: int | None = None  # for dates written without a year (5月1日), when the file names one
    carry_down: bool = False  # blanks mean "same as above"
    candidates: list[Candidate] = field(default_factory=list)  # for columns left unmapped

    def explain(self, lang: str = "en") -> str:
        return "; ".join(e.render(lang) for e in self.evidence)

    def to_dict(self, register: Register, lang: str = "en") -> dict[str, Any]:
        return {
            "column": self.label,
            "letter": self.letter,
            "key": self.target.key if self.target.is_field else None,
            "part": self.target.part if self.target.part != "value" else None,
            "target": str(self.target),
            "field": describe(self.target, register, lang) if self.target.is_field else None,
            "confidence": round(self.confidence, 2),
            "evidence": self.explain(lang),
            "source": self.source,
            "samples": self.samples,
            "dayfirst": self.dayfirst,
            "carry_down": self.carry_down,
            "candidates": [c.to_dict(lang) for c in self.candidates],
        }


def describe(target: Target, register: Register, lang: str = "en") -> str:
    """`Reported At (date part)` / `报修时间（日期部分）` for people."""
    title = target_title(target, register)
    return title.render(lang) if isinstance(title, Bound) else title.template(lang)


def target_title(target: Target, register: Register) -> Msg | Bound:
    """A target as a message parameter (a field's label, with its part)."""
    if not target.is_field:
        return Msg(target.key, target.key)
    title = register.field(target.key).title
    if target.part == "date":
        return PART_DATE.bind(field=title)
    if target.part == "time":
        return PART_TIME.bind(field=title)
    return title


@dataclass(frozen=True)
class Decision:
    """Something the import decided that a clerk should know (`texts.DECISIONS[code]`)."""

    code: str
    params: dict[str, Any]
    column: str | None = None  # source column label

    def text(self, lang: str = "en") -> str:
        return DECISIONS[self.code].render(lang, **self.params)

    @property
    def message(self) -> str:
        return self.text("en")

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"code": self.code, "column": self.column, "message": self.text(lang)}


@dataclass
class Reject:
    """A source row not imported, with every original value and the reason (`texts.REJECTS[code]`)."""

    row: int  # Excel row number in the source
    code: str
    params: dict[str, Any]
    values: list[Any]

    def reason_text(self, lang: str = "en") -> str:
        return REJECTS[self.code].render(lang, **self.params)

    @property
    def reason(self) -> str:
        return self.reason_text("en")

    def to_dict(self, labels: dict[int, str], lang: str = "en") -> dict[str, Any]:
        """Values keyed by source column label (its letter where labels repeat or are blank)."""
        values = {
            labels.get(i, column_letter(i)): json_value(v) for i, v in enumerate(self.values) if v not in (None, "")
        }
        return {"row": self.row, "code": self.code, "reason": self.reason_text(lang), "values": values}


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
    above: list[tuple[int, list[Any]]] = field(default_factory=list)  # non-blank rows above the header
    decisions: list[Decision] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    data_rows: int = 0  # non-blank rows below the header
    sheets: list[str] = field(default_factory=list)
    output: Path | None = None
    dry_run: bool = False

    @property
    def rows_read(self) -> int:
        """Every non-blank row of the sheet but the header: titles and summaries too."""
        return self.data_rows + len(self.above)

    @property
    def rows_written(self) -> int:
        return len(self.records)

    @property
    def rows_rejected(self) -> int:
        return len(self.rejects)

    @property
    def nothing_imported(self) -> bool:
        """Data rows were there, and none of them was written."""
        return self.data_rows > 0 and not self.records

    @property
    def labels(self) -> dict[int, str]:
        """Source column index -> a unique label ("时间 (D)" where two columns share one)."""
        names = [c.label for c in self.columns]
        return {c.index: c.label if names.count(c.label) == 1 else f"{c.label} ({c.letter})" for c in self.columns}

    def column_ref(self, index: int) -> str:
        """How a mapping file names a column: its header, or its letter where headers repeat."""
        labels = [c.label for c in self.columns]
        col = next(c for c in self.columns if c.index == index)
        return col.label if labels.count(col.label) == 1 else col.letter

    def decide(self, code: str, column: str | None = None, /, **params: Any) -> None:
        if code not in DECISIONS:
            raise KeyError(f"decision code {code!r} is not declared in sheetdesk.legacy.texts")
        self.decisions.append(Decision(code, params, column))

    def reject(self, row: int, code: str, values: list[Any], /, **params: Any) -> None:
        if code not in REJECTS:
            raise KeyError(f"reject code {code!r} is not declared in sheetdesk.legacy.texts")
        self.rejects.append(Reject(row, code, params, values))

    def counts(self) -> dict[str, int]:
        return {
            "read": self.rows_read,
            "written": self.rows_written,
            "rejected": self.rows_rejected,
            "above_header": len(self.above),
        }

    def reject_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.rejects:
            counts[r.code] = counts.get(r.code, 0) + 1
        return counts

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        lang = lang or self.lang
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
            "mapping": [c.to_dict(self.register, lang) for c in self.columns],
            "decisions": [d.to_dict(lang) for d in self.decisions],
            "warnings": self.report.flatten(lang),
            "rejects": [r.to_dict(labels, lang) for r in self.rejects],
            "above_header": [
                {"row": row, "values": [json_value(v) for v in values if v not in (None, "")]}
                for row, values in self.above
            ],
            "output": str(self.output) if self.output else None,
            "dry_run": self.dry_run,
        }
