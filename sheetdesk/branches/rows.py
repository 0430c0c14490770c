"""Register rows as split and collect see them: values, key, branch, origin.

A `Row` holds each field's typed value, or the raw cell when the value could
not be read as its type (so an unreadable cell is carried, never blanked).
`RegisterRows` indexes a table's rows by identity key and knows which rows
have no key or repeat one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetdesk.branches.canonical import branch_key, canonical, canonical_row, identity, sha256_json
from sheetdesk.io.load import Dataset, Table
from sheetdesk.io.values import is_blank
from sheetdesk.schema import REGISTERS, REPAIRS, SALES, Register


class Row:
    """One register row. Change values only through `set` / `replace` (they keep the cache right)."""

    def __init__(
        self,
        register: Register,
        values: dict[str, Any],
        file: Path | None = None,
        sheet: str | None = None,
        excel_row: int | None = None,
        bad: dict[str, Any] | None = None,
        extra: list[Any] | None = None,
    ) -> None:
        self.register, self.file, self.sheet, self.excel_row = register, file, sheet, excel_row
        self.bad: dict[str, Any] = bad or {}  # field -> raw value that could not be read
        self.extra: list[Any] = extra or []  # cells of undeclared columns (master only)
        self._values = values
        self._canonical: list[str] | None = None
        self._fingerprint: str | None = None

    @property
    def values(self) -> dict[str, Any]:
        return self._values

    def replace(self, values: dict[str, Any]) -> None:
        self._values = dict(values)
        self._canonical = self._fingerprint = None

    def set(self, key: str, value: Any) -> None:
        self._values[key] = value
        self._canonical = self._fingerprint = None

    def get(self, key: str) -> Any:
        return self._values.get(key)

    @property
    def key(self) -> str | None:
        return identity(self.register, self._values)

    @property
    def canonical(self) -> list[str]:
        if self._canonical is None:
            self._canonical = canonical_row(self.register, self._values)
        return self._canonical

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = sha256_json(self.canonical)
        return self._fingerprint


@dataclass
class RegisterRows:
    """One register's rows in sheet order, indexed by key (first occurrence wins)."""

    register: Register
    rows: list[Row] = field(default_factory=list)
    table: Table | None = None

    def __post_init__(self) -> None:
        self.index: dict[str, Row] = {}
        self.duplicates: list[Row] = []
        self.keyless: list[Row] = []
        for row in self.rows:
            self._index(row)

    def _index(self, row: Row) -> None:
        key = row.key
        if key is None:
            self.keyless.append(row)
        elif key in self.index:
            self.duplicates.append(row)
        else:
            self.index[key] = row

    def append(self, row: Row) -> None:
        self.rows.append(row)
        self._index(row)

    def get(self, key: str) -> Row | None:
        return self.index.get(key)

    @property
    def lang(self) -> str | None:
        return self.table.lang if self.table is not None else None


def table_rows(table: Table, *, with_extra: bool = False) -> list[Row]:
    """The rows of a loaded table; unreadable cells keep their raw value."""
    out: list[Row] = []
    extra_cols = sorted(table.location.unknown) if with_extra else []
    for i, excel_row in enumerate(table.rows):
        values: dict[str, Any] = {}
        bad: dict[str, Any] = {}
        for f in table.register.fields:
            typed = table.values[f.key][i] if f.key in table.values else None
            raw = table.raw[f.key][i] if f.key in table.raw else None
            if typed is None and not is_blank(raw):
                bad[f.key] = raw
                values[f.key] = raw.strip() if isinstance(raw, str) else raw
            else:
                values[f.key] = typed
        cells = table.sheet.rows[excel_row - 1]
        extra = [cells[c] if c < len(cells) else None for c in extra_cols]
        out.append(Row(table.register, values, table.file, table.sheet_name, excel_row, bad, extra))
    return out


def dataset_rows(dataset: Dataset, *, with_extra: bool = False) -> dict[str, RegisterRows]:
    """Every register of a dataset (empty when the workbook lacks its sheet)."""
    result: dict[str, RegisterRows] = {}
    for register in REGISTERS:
        table = dataset.tables.get(register.key)
        rows = table_rows(table, with_extra=with_extra) if table is not None else []
        result[register.key] = RegisterRows(register, rows, table)
    return result


class BranchResolver:
    """Which branch a row belongs to (SPEC §7).

    A sale: its branch column. A repair: its own branch column, else its
    sale's branch. A callback: its ticket's repair's branch. Lookups go
    through the registers given, first to last.
    """

    def __init__(self, *sources: dict[str, RegisterRows]) -> None:
        self.sources = sources

    def _find(self, register: str, key: str) -> Row | None:
        if not key:
            return None
        for source in self.sources:
            row = source[register].get(key)
            if row is not None:
                return row
        return None

    def branch_of(self, row: Row) -> str:
        """The branch key ("" when none can be found)."""
        name = self.branch_name(row)
        return branch_key(name)

    def branch_name(self, row: Row) -> Any:
        reg = row.register.key
        if reg in ("sales", "repairs") and not is_blank(row.get("branch")):
            return row.get("branch")
        if reg == "repairs":
            sale = self._find("sales", canonical(SALES.field("serial_no"), row.get("serial_no")))
            return sale.get("branch") if sale is not None else None
        if reg == "callbacks":
            repair = self._find("repairs", canonical(REPAIRS.field("ticket_no"), row.get("ticket_no")))
            return self.branch_name(repair) if repair is not None else None
        return None
