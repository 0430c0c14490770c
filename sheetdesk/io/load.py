"""Load register tables from workbooks: recognise, locate, coerce.

The result is column-oriented (`Table.values[key]` is one list per field) so
that rules and writers can work a whole column at a time. Every finding about
a cell's value becomes an `Issue` at that cell.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetdesk.i18n import Bound, Msg
from sheetdesk.io.detect import Location, recognise
from sheetdesk.io.reader import RawSheet, RawWorkbook, read_workbook
from sheetdesk.io.values import coerce_column, is_blank
from sheetdesk.links import Links, build_links
from sheetdesk.progress import SILENT, Progress
from sheetdesk.report import Report
from sheetdesk.schema import POLICY_SHEETS, REGISTERS, Register

READING_FILE = Msg("Reading {file}", "正在读取 {file}")
# The finding of a register cell that cannot be read as its column's type.
VALUE_CODES = {
    "date": "value.date",
    "datetime": "value.datetime",
    "number": "value.number",
    "integer": "value.integer",
    "enum": "value.enum",
    "yesno": "value.yesno",
}
READING_VALUES = Msg("Reading values of '{sheet}'", "正在读取“{sheet}”的数据")


@dataclass
class Table:
    """One register's records as read from one sheet."""

    register: Register
    file: Path
    sheet: RawSheet
    location: Location
    rows: list[int] = field(default_factory=list)  # Excel row number of each record
    values: dict[str, list[Any]] = field(default_factory=dict)  # key -> typed values
    raw: dict[str, list[Any]] = field(default_factory=dict)  # key -> cell values as read

    @property
    def key(self) -> str:
        return self.register.key

    @property
    def sheet_name(self) -> str:
        return self.sheet.name

    @property
    def lang(self) -> str:
        return self.location.lang

    def __len__(self) -> int:
        return len(self.rows)

    def col_index(self, key: str) -> int | None:
        return self.location.columns.get(key)

    def has(self, key: str) -> bool:
        return key in self.location.columns

    def column(self, key: str) -> list[Any]:
        """Typed values of a field; all None when the sheet lacks the column."""
        return self.values.get(key) or [None] * len(self.rows)

    def record(self, i: int) -> dict[str, Any]:
        return {k: v[i] for k, v in self.values.items()}

    def records(self) -> Iterator[dict[str, Any]]:
        keys = list(self.values)
        if not keys:
            yield from ({} for _ in self.rows)
            return
        for values in zip(*self.values.values(), strict=True):  # one tuple per record, built in C
            yield dict(zip(keys, values, strict=True))

    def where(self, i: int, key: str | None = None) -> dict[str, Any]:
        """Keyword arguments for `Report.add` pointing at record i's cell."""
        where: dict[str, Any] = {"sheet": self.sheet.name, "row": self.rows[i], "file": str(self.file)}
        if key is not None:
            where["column"] = key
            where["col_index"] = self.col_index(key)
            raw = self.raw.get(key)
            where["value"] = raw[i] if raw is not None else None
        return where


@dataclass
class Dataset:
    """Everything read from the input files of one command.

    `links` joins the registers (a repair's sale, a callback's repair, each
    repair's branch); it is built once, when first asked for (split and
    collect never ask: they match rows by their own keys), and every later
    step reads it.
    """

    workbooks: list[RawWorkbook]
    tables: dict[str, Table]
    policy_sheets: dict[str, tuple[str, list[list[Any]]]]
    report: Report

    @functools.cached_property
    def links(self) -> Links:
        return build_links(self.tables)

    @property
    def sales(self) -> Table | None:
        return self.tables.get("sales")

    @property
    def repairs(self) -> Table | None:
        return self.tables.get("repairs")

    @property
    def callbacks(self) -> Table | None:
        return self.tables.get("callbacks")

    def table_for_sheet(self, workbook: RawWorkbook, sheet: RawSheet) -> Table | None:
        for table in self.tables.values():
            if table.file == workbook.path and table.sheet is sheet:
                return table
        return None


def majority_lang(dataset: Dataset) -> str:
    """The language most of the registers' headers are in ("en" without a register)."""
    langs = Counter(t.lang for t in dataset.tables.values())
    return langs.most_common(1)[0][0] if langs else "en"


def load_dataset(paths: Iterable[str | Path], report: Report | None = None, progress: Progress = SILENT) -> Dataset:
    """Read the files, find the registers and policy sheets, coerce values."""
    report = report or Report()
    workbooks = []
    tables: dict[str, Table] = {}
    policy_sheets: dict[str, tuple[str, list[list[Any]]]] = {}
    for p in paths:
        with progress.step(READING_FILE, file=Path(p).name):
            wb = read_workbook(p, ready=functools.partial(prepare_tables, Path(p), frozenset(tables)))
        workbooks.append(wb)
        report.extend(wb.findings.issues)  # what the reader noticed: error cells, unclosed CSV quotes, ...
        found = recognise(wb.sheets, REGISTERS)
        for key, (sheet, loc) in found.items():
            register = next(r for r in REGISTERS if r.key == key)
            at = {"sheet": sheet.name, "file": str(wb.path)}
            if loc is None:
                labels = tuple(f.title for f in register.fields[:3])
                report.add("sheet.no_header", at, sheet=sheet.name, register=register.title, labels=labels)
                continue
            if key in tables:
                first = tables[key]
                report.add(
                    "sheet.duplicate_register", at, register=register.title, first_sheet=first.sheet_name,
                    first_file=first.file.name, sheet=sheet.name, file=wb.path.name,
                )  # fmt: skip
                continue
            with progress.step(READING_VALUES, sheet=sheet.name):
                tables[key] = load_table(wb.path, sheet, register, loc, report)
        for sheet in wb.sheets:
            sheet.prepared.clear()  # what no register took (the sheet went to another, or to none)
        for key, (sheet, _loc) in recognise(wb.sheets, POLICY_SHEETS, by_headers=False).items():
            policy_sheets.setdefault(key, (sheet.name, sheet.rows))
        for part in wb.uncarried:
            report.add("workbook.uncarried", {"file": str(wb.path)}, file=wb.path.name, part=part)
    if not tables:
        names = ", ".join(wb.path.name for wb in workbooks)
        report.add(
            "workbook.no_registers", None, files=names, registers=tuple(r.title for r in REGISTERS if not r.optional)
        )
    return Dataset(workbooks, tables, policy_sheets, report)


def prepare_tables(path: Path, loaded: frozenset[str], sheet: RawSheet) -> None:
    """Read the records of the register this sheet holds on its own, while the reader reads the next sheet.

    Which sheet holds which register is decided once the workbook is read
    (`recognise` over all its sheets); `load_table` takes what was read here
    when that decision found the same register at the same place, and reads
    the records itself otherwise. A register `loaded` from an earlier file
    is not read again (this file's copy of it is reported, not loaded).
    """
    for key, (_sheet, loc) in recognise([sheet], REGISTERS).items():
        if loc is not None and key not in loaded:
            register = next(r for r in REGISTERS if r.key == key)
            sheet.prepared[(_PREPARED, key)] = (loc, read_table(path, sheet, register, loc))


_PREPARED = "load.read_table"


def _read_prepared(
    path: Path, sheet: RawSheet, register: Register, loc: Location
) -> tuple[Table, list[tuple[str, int, Bound]]]:
    prepared = sheet.prepared.pop((_PREPARED, register.key), None)
    if prepared is not None and prepared[0] == loc:
        return prepared[1]  # type: ignore[no-any-return]
    return read_table(path, sheet, register, loc)


def load_table(path: Path, sheet: RawSheet, register: Register, loc: Location, report: Report) -> Table:
    """Coerce one sheet's records; report missing columns and bad values."""
    where = {"sheet": sheet.name, "file": str(path)}
    for f in register.fields:
        if f.required and f.key not in loc.columns:
            report.add(
                "column.missing", {**where, "row": loc.header_row, "column": f.key}, field=f.title, row=loc.header_row
            )
    for col, key in loc.duplicates.items():
        report.add(
            "column.duplicate",
            {**where, "row": loc.header_row, "col_index": col, "column": key},
            header=sheet.rows[loc.header_index][col],
            field=register.field(key).title,
        )
    table, problems = _read_prepared(path, sheet, register, loc)
    for key, n, problem in problems:
        f = register.field(key)
        report.add(VALUE_CODES[f.type], table.where(n, key), field=f.title, problem=problem)
    return table


def read_table(
    path: Path, sheet: RawSheet, register: Register, loc: Location, *, blank: Callable[[Any], bool] | None = None
) -> tuple[Table, list[tuple[str, int, Bound]]]:
    """The records below the header, typed column by column, and every cell that
    could not be read as (field key, record index, problem).

    A row is a record when a cell of a declared column holds anything; `blank`
    (e.g. `is_blank`, for which `-` is blank too) can say more cells are empty.
    """
    empty = blank or _empty
    table = Table(register, path, sheet, loc)
    data_rows = sheet.rows[loc.first_data_index :]
    keys, used_cols = list(loc.columns), list(loc.columns.values())
    columns = _columns(data_rows, used_cols)
    record_indexes = _records(columns, empty)
    table.rows = [loc.first_data_index + i + 1 for i in record_indexes]
    problems: list[tuple[str, int, Bound]] = []
    every_row = len(record_indexes) == len(data_rows)
    for key, column in zip(keys, columns, strict=True):
        raw = column if every_row else [column[i] for i in record_indexes]
        typed, found = coerce_column(register.field(key), raw)
        problems.extend((key, n, problem) for n, problem in found)
        table.raw[key] = raw
        table.values[key] = typed
    return table, problems


def _columns(rows: list[list[Any]], cols: list[int]) -> list[list[Any]]:
    """The cells of `cols` down all `rows` (None past a row's end), a column each.

    calamine's rows all reach the sheet's last column, so each column is cut
    out in C (`map` of an `itemgetter`), straight into the list the table
    keeps; a ragged sheet (CSV) goes cell by cell.
    """
    if not cols:
        return []
    if rows and min(map(len, rows)) > max(cols):
        return [list(map(operator.itemgetter(c), rows)) for c in cols]
    return [[row[c] if c < len(row) else None for row in rows] for c in cols]


def _records(columns: list[list[Any]], empty: Callable[[Any], bool]) -> list[int]:
    """Rows where a cell of a declared column holds anything.

    Nearly every row has its first declared cell filled: only the others are
    looked at across their columns.
    """
    if not columns:
        return []
    first, rest = columns[0], columns[1:]
    if empty is _empty:  # the usual test, on the first column without a call per row
        filled = [(v.strip() != "") if isinstance(v, str) else (v is not None and v != "") for v in first]
    else:
        filled = [not empty(v) for v in first]
    return [i for i, v in enumerate(filled) if v or any(not empty(column[i]) for column in rest)]


def _empty(value: Any) -> bool:
    """A cell that holds nothing: None, or text of nothing but spaces (`_records` has its inline twin)."""
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


__all__ = ["Dataset", "Table", "is_blank", "load_dataset", "load_table", "majority_lang"]
