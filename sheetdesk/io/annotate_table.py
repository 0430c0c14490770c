"""The register part of an annotated sheet: header, records, computed columns.

A register sheet of 200k rows is most of the cells `check` writes, so the
records are planned a column at a time before the first row is written:
each column's cell values are chosen once (typed value or the value as read),
computed values are turned into their labels and status colours, and a column
whose cells are all of one kind (all text, all numbers, all dates) is written
with that kind's xlsxwriter call directly, dates as the serial numbers Excel
stores. A row with findings, and a column of mixed kinds, take the general
path (`SheetCopier.put`) cell by cell.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetdesk.io import annotate_xml
from sheetdesk.io.annotate_index import Flagged, cell_fill
from sheetdesk.io.annotate_xml import DirectColumn, DirectRows
from sheetdesk.io.load import Table
from sheetdesk.io.reader import RawSheet
from sheetdesk.io.xlsx import (
    EXCEL_MAX_CELL_CHARS,
    HEADER_STYLE,
    REQUIRED_HEADER_STYLE,
    SEVERITY_FILL,
    STATUS_FILL,
    Formats,
    RegisterSheetWriter,
    key_field,
    setup_register_sheet,
    write_value,
)
from sheetdesk.schema.fields import Field, FieldType

DROPDOWN_SPARE_ROWS = 1000  # dropdowns reach this far below the data, for new rows
# Excel counts days from 1899-12-31 and, after 1900-02-28, one more for the
# phantom 1900-02-29. Older dates are left to xlsxwriter's own conversion.
_EXCEL_EPOCH_ORDINAL = dt.date(1899, 12, 31).toordinal()
_FIRST_PLAIN_SERIAL_DATE = dt.date(1900, 3, 1)
# Every fill a record cell can take: none, a finding's, a status colour.
_FILLS = (None, *SEVERITY_FILL.values(), *STATUS_FILL.values())


@dataclass
class ComputedColumn:
    """A column a command computes (warranty status, SLA due...) for one register.

    `values` is aligned with `Table.rows`. With `status=True`, values found in
    `STATUS_FILL` colour their cell (breached red, pending amber, met green).
    `display` turns a value into what the cell shows (e.g. a status label in
    Chinese); the colour is chosen from the value before display.
    """

    key: str
    en: str
    zh: str
    type: FieldType
    values: Sequence[Any]
    status: bool = False
    width: int = 14
    display: Callable[[Any], Any] | None = None
    align: str | None = None  # "center" for short labels (statuses, yes/no)

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass
class ColumnPlan:
    """One output column of a register's records.

    `values[i]` is what record i's cell holds (None: no cell). `formats` maps
    a fill colour to the cell format (None: carried cells, whose format follows
    the value's type). `status_fills[i]` colours record i's cell when it has
    no finding. `write`/`fast_values` are set when every cell is of one kind.
    """

    col: int
    values: list[Any]
    formats: dict[str | None, Any] | None
    status_fills: list[str | None] | None = None
    write: Callable[..., Any] | None = None
    fast_values: list[Any] | None = None
    fast_format: Any = None
    fast_formats: list[Any] | None = None  # per record, when status colours vary the format

    @property
    def empty(self) -> bool:
        return all(v is None for v in self.values)


def excel_serial(value: dt.date) -> float:
    """The number Excel stores for a date or naive datetime after 1900-02-28,
    computed as xlsxwriter does (so the cell is the same as write_datetime's)."""
    days = value.toordinal() - _EXCEL_EPOCH_ORDINAL
    if type(value) is not dt.datetime:
        return days + 0.0 + 1
    seconds = value.hour * 3600 + value.minute * 60 + value.second
    return days + (float(seconds) + float(value.microsecond) / 1e6) / 86400 + 1  # the same float steps


def _earliest_day(values: list[dt.date], *, mixed: bool) -> dt.date:
    """The first day among dates or datetimes (a date and a datetime do not compare)."""
    if mixed:
        return min(v.date() if isinstance(v, dt.datetime) else v for v in values)
    first = min(values)
    return first.date() if isinstance(first, dt.datetime) else first


def _cell_values(field: Field, raw: list[Any], typed: list[Any]) -> list[Any]:
    """What each register cell holds in the copy: dates as dates, numbers as
    numbers, text as text; a value that could not be read stays as typed."""
    if len(typed) != len(raw):  # a hand-made Table may hold fewer typed values
        typed = [*typed[: len(raw)], *[None] * (len(raw) - len(typed))]
    kind = field.type  # typed values are never "", so only a raw value kept as read can be blank
    if kind in ("date", "datetime"):
        return [
            r if isinstance(r, dt.date) else (t if t is not None else None if r == "" else r)
            for r, t in zip(raw, typed, strict=True)
        ]
    if kind in ("number", "integer"):
        return [t if t is not None else None if r == "" else r for r, t in zip(raw, typed, strict=True)]
    if kind == "text":
        return [
            (r if r else None) if type(r) is str else (t if t is not None else r)
            for r, t in zip(raw, typed, strict=True)
        ]
    return _blank_to_none(raw)


def _blank_to_none(values: list[Any]) -> list[Any]:
    """An empty string is no cell; a truthy value (most of them) is kept at once."""
    return [v if v else None if v == "" else v for v in values]


def excel_serials(values: list[Any]) -> list[float | None]:
    """`excel_serial` down a column of dates or datetimes (None stays None)."""
    if all(type(v) is dt.datetime for v in values if v is not None):
        epoch = _EXCEL_EPOCH_ORDINAL  # excel_serial's steps, inlined: a column has 200k of them
        return [
            None
            if v is None
            else v.toordinal()
            - epoch
            + (float(v.hour * 3600 + v.minute * 60 + v.second) + float(v.microsecond) / 1e6) / 86400
            + 1
            for v in values
        ]
    return [None if v is None else excel_serial(v) for v in values]


class SheetTarget(Protocol):
    """What a `TablePlan` writes through: the sheet copier (`annotate_sheet.SheetCopier`)."""

    wb: Workbook
    ws: Worksheet
    formats: Formats
    sheet: RawSheet
    table: Table | None
    width: int
    computed: list[ComputedColumn]
    autofilter: tuple[int, int, int, int] | None  # the input sheet's filter, kept
    lang: str

    def put(self, r: int, c: int, value: Any, fmt: Any, notes: Flagged) -> None: ...

    def carried_format(self, value: Any, fill: str | None) -> Any: ...


class TablePlan:
    """Writes the header and the record rows of one register sheet."""

    def __init__(self, copier: SheetTarget) -> None:
        assert copier.table is not None
        self.copier, self.table = copier, copier.table
        self.ws, self.formats = copier.ws, copier.formats
        loc = self.table.location
        self.header_index = loc.header_index
        self.record_at = {row - 1: i for i, row in enumerate(self.table.rows)}
        self.writer = RegisterSheetWriter(
            copier.wb,
            copier.formats,
            copier.ws,
            self.table.register,
            self.table.lang,
            header_row=loc.header_index,
            columns=dict(loc.columns),
        )
        self.fields: dict[int, Field] = {
            col: self.table.register.field(key) for key, col in loc.columns.items() if col < copier.width
        }
        self.columns = [self._sheet_column(c) for c in range(copier.width)]
        self.computed = [self._computed_column(copier.width + k, column) for k, column in enumerate(copier.computed)]
        fast = [p for p in (*self.columns, *self.computed) if p.write is not None]
        # Unpacked once: the row loop below runs for every cell of a clean row.
        self.fast_fixed = [(p.col, p.fast_values, p.write, p.fast_format) for p in fast if p.fast_formats is None]
        self.fast_coloured = [
            (p.col, p.fast_values, p.write, p.fast_formats) for p in fast if p.fast_formats is not None
        ]
        self.general = [p for p in (*self.columns, *self.computed) if p.write is None and not p.empty]
        # Clean rows of a constant-memory sheet are written as XML directly (annotate_xml).
        self.direct = self._direct_rows() if annotate_xml.supported(self.ws) else None

    # -- planning ----------------------------------------------------------
    def _field_formats(self, field: Field) -> dict[str | None, Any]:
        return {fill: self.formats.for_field(field, fill) for fill in _FILLS}

    def _sheet_column(self, c: int) -> ColumnPlan:
        field = self.fields.get(c)
        if field is not None:
            values = _cell_values(
                field, self.table.raw.get(field.key) or [None] * len(self.table), self.table.values.get(field.key) or []
            )
            plan = ColumnPlan(c, values, self._field_formats(field))
        else:  # a column the register does not know: carried as read
            rows = self.copier.sheet.rows
            values = _blank_to_none(
                [row[c] if c < len(row) else None for row in (rows[n - 1] for n in self.table.rows)]
            )
            plan = ColumnPlan(c, values, None)
        self._choose_writer(plan)
        return plan

    def _computed_column(self, col: int, column: ComputedColumn) -> ColumnPlan:
        values = list(column.values)[: len(self.table)]
        values += [None] * (len(self.table) - len(values))
        fills = [STATUS_FILL.get(v) if type(v) is str else None for v in values] if column.status else None
        if column.display is not None:
            shown: dict[Any, Any] = {}
            values = [
                None if v is None else shown[v] if v in shown else shown.setdefault(v, column.display(v))
                for v in values
            ]
        formats = {fill: self._computed_format(column, fill) for fill in _FILLS}
        plan = ColumnPlan(col, _blank_to_none(values), formats, status_fills=fills)
        self._choose_writer(plan)
        if plan.write is not None and fills is not None:
            plan.fast_formats = [formats[f] for f in fills]
        return plan

    def _computed_format(self, column: ComputedColumn, fill: str | None) -> Any:
        """The column type's format, aligned as the column asks (text columns only)."""
        if column.align is None or column.type != "text":
            return self.formats.for_type(column.type, fill)
        return self.formats.get(num_format="@", align=column.align, **({"bg_color": fill} if fill else {}))

    def _choose_writer(self, plan: ColumnPlan) -> None:
        """Give a column of one kind of value its typed xlsxwriter call."""
        kinds = set(map(type, plan.values))
        kinds.discard(type(None))
        if not kinds:
            return
        ws = self.ws
        present = [v for v in plan.values if v is not None]
        if kinds == {str}:
            if max(map(len, present)) <= EXCEL_MAX_CELL_CHARS:
                plan.write, plan.fast_values = ws.write_string, plan.values
        elif kinds <= {int, float}:
            if all(map(math.isfinite, present)):
                plan.write, plan.fast_values = ws.write_number, plan.values
        elif kinds == {dt.datetime} or kinds == {dt.date} or (kinds <= {dt.date, dt.datetime} and plan.formats):
            if _earliest_day(present, mixed=len(kinds) > 1) >= _FIRST_PLAIN_SERIAL_DATE:
                plan.write = ws.write_number
                plan.fast_values = excel_serials(plan.values)
        if plan.write is not None:  # a carried date still needs its date format
            first = next(v for v in plan.values if v is not None)
            plan.fast_format = self._format(plan, first, None)

    def _direct_rows(self) -> DirectRows:
        """Every column as `write_row` below writes a clean row: the same values, the same formats."""
        columns = []
        for plan in (*self.columns, *self.computed):
            if plan.write is not None:
                columns.append(DirectColumn(plan.col, plan.fast_values or [], plan.fast_format, plan.fast_formats))
            elif plan.empty:
                continue
            elif plan.formats is None:  # carried as read: the format follows the value
                columns.append(DirectColumn(plan.col, plan.values, fmt_of=self._carried))
            elif plan.status_fills is not None:
                formats = plan.formats
                columns.append(DirectColumn(plan.col, plan.values, fmts=[formats[f] for f in plan.status_fills]))
            else:
                columns.append(DirectColumn(plan.col, plan.values, plan.formats[None]))
        return DirectRows(self.ws, columns)

    def _carried(self, _i: int, value: Any) -> Any:
        return self.copier.carried_format(value, None)

    # -- writing -----------------------------------------------------------
    def handles(self, r: int) -> bool:
        return r == self.header_index or r in self.record_at

    def write_row(self, r: int, row: list[Any], flagged: Flagged | None) -> Flagged:
        if r == self.header_index:
            self.write_header(row, flagged)
            return {}
        i = self.record_at[r]
        if flagged:
            return self._write_flagged(r, i, len(row), flagged)
        if self.direct is not None and self.direct.write(r, i):
            return {}
        for col, values, write, fmt in self.fast_fixed:
            value = values[i]  # type: ignore[index]
            if value is not None:
                write(r, col, value, fmt)  # type: ignore[misc]
        for col, values, write, fmts in self.fast_coloured:
            value = values[i]  # type: ignore[index]
            if value is not None:
                write(r, col, value, fmts[i])  # type: ignore[misc]
        notes: Flagged = {}
        for plan in self.general:
            value = plan.values[i]
            if value is not None:
                fill = plan.status_fills[i] if plan.status_fills is not None else None
                self.copier.put(r, plan.col, value, self._format(plan, value, fill), notes)
        return notes

    def _format(self, plan: ColumnPlan, value: Any, fill: str | None) -> Any:
        if plan.formats is None:
            return self.copier.carried_format(value, fill)
        return plan.formats[fill]

    def _write_flagged(self, r: int, i: int, row_len: int, flagged: Flagged) -> Flagged:
        """A row with findings: every cell with its fill, one at a time (a column of one kind
        with its typed call, as a clean row writes it: the same cell)."""
        notes: Flagged = {}
        width = self.copier.width
        for plan in (*self.columns[: min(row_len, width)], *self.computed):
            c, value = plan.col, plan.values[i]
            fill = cell_fill(flagged, c)
            if fill is None and plan.status_fills is not None:
                fill = plan.status_fills[i]
            if value is None:
                if fill and c in flagged:
                    self.ws.write_blank(r, c, None, self._format(plan, None, fill))
                continue
            if plan.write is not None:
                plan.write(r, c, plan.fast_values[i], self._format(plan, value, fill))  # type: ignore[index]
            else:
                self.copier.put(r, c, value, self._format(plan, value, fill), notes)
        return notes

    def write_header(self, row: list[Any], flagged: Flagged | None) -> None:
        """The standard header look (styles, widths, hints, frozen panes),
        keeping the clerk's own header text, then the computed headers."""
        self.writer.write_header(hints=True)
        r, lang = self.header_index, self.table.lang
        for c in range(min(len(row), self.copier.width)):
            field = self.fields.get(c)
            style = dict(REQUIRED_HEADER_STYLE if field is not None and field.required else HEADER_STYLE)
            fill = cell_fill(flagged, c)
            if fill:
                style.update(bg_color=fill, font_color="#000000")
            if row[c] is None or row[c] == "":
                if fill:
                    self.ws.write_blank(r, c, None, self.formats.get(**style))
                continue
            write_value(self.ws, r, c, row[c], self.formats.get(**style))
        for column, plan in zip(self.copier.computed, self.computed, strict=True):
            label = column.label(lang)
            self.ws.write_string(r, plan.col, label, self.formats.header(computed=True))
            width = max(column.width, len(label) * (2 if lang == "zh" else 1) + 2)
            self.ws.set_column(plan.col, plan.col, width, plan.formats[None] if plan.formats else None)
            self.writer.widths[plan.col] = width

    def finish(self, n_rows: int) -> None:
        """Dropdowns, then the filter, frozen panes and print setup over the
        header, the records and the computed columns."""
        self.writer.add_dropdowns(last_row=max(n_rows - 1, self.header_index + DROPDOWN_SPARE_ROWS))
        last_record = max(self.record_at, default=self.header_index)
        setup_register_sheet(
            self.ws,
            self.header_index,
            last_record,
            self.copier.width + len(self.computed) - 1,
            self.table.location.columns.get(key_field(self.table.register)),
            self.copier.autofilter,
            widths=self.writer.widths,
            lang=self.copier.lang,
        )


__all__ = ["ColumnPlan", "ComputedColumn", "TablePlan", "excel_serial", "excel_serials"]
