"""Register rows as split and collect see them: values, key, branch, origin.

A `Row` holds each field's typed value, or the raw cell when the value could
not be read as its type (so an unreadable cell is carried, never blanked).
`RegisterRows` indexes a table's rows by identity key and knows which rows
have no key or repeat one. `BranchResolver` says which branch a row belongs
to, and refuses to guess when a key it follows is shared by rows that
disagree.
"""

from __future__ import annotations

import functools
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetdesk.branches.canonical import (
    IDENTITY,
    canonical,
    canonical_column,
    canonical_fingerprint,
    canonical_row,
    fold_key,
    identity,
    identity_column,
    identity_label,
)
from sheetdesk.io.load import Dataset, Table
from sheetdesk.io.values import branch_key, is_blank
from sheetdesk.schema import REGISTERS, REPAIRS, SALES, VISITS, Register

_UNKNOWN: Any = object()  # a row's key not worked out yet
_NO_CHANGES: frozenset[str] = frozenset()


class Row:
    """One register row. Change values only through `set` (it keeps the caches right).

    `changed` names the fields a merge changed (`mark_changed`; the merged
    workbook writes those cells and keeps every other cell of the master as
    it was); `added` marks a row that came from a branch file.

    A master holds hundreds of thousands of rows: slots, and no set of
    changes until there is one, keep each about 0.4 KB smaller.
    """

    __slots__ = (
        "register",
        "file",
        "sheet",
        "excel_row",
        "bad",
        "added",
        "_changed",
        "_values",
        "_canonical",
        "_fingerprint",
        "_key",
    )

    def __init__(
        self,
        register: Register,
        values: dict[str, Any],
        file: Path | None = None,
        sheet: str | None = None,
        excel_row: int | None = None,
        bad: dict[str, Any] | None = None,
        key: str | None = _UNKNOWN,
    ) -> None:
        """`key`, when the caller worked it out already, is `identity(register, values)`."""
        self.register, self.file, self.sheet, self.excel_row = register, file, sheet, excel_row
        self.bad: dict[str, Any] = bad or {}  # field -> raw value that could not be read
        self._changed: set[str] | None = None
        self.added = False
        self._values = values
        self._canonical: list[str] | None = None
        self._fingerprint: str | None = None
        self._key: str | None = identity(register, values) if key is _UNKNOWN else key

    @property
    def values(self) -> dict[str, Any]:
        return self._values

    @property
    def changed(self) -> AbstractSet[str]:
        return self._changed if self._changed is not None else _NO_CHANGES

    def mark_changed(self, key: str) -> None:
        if self._changed is None:
            self._changed = set()
        self._changed.add(key)

    def set(self, key: str, value: Any) -> None:
        self._values[key] = value
        self._canonical = self._fingerprint = None
        self._key = identity(self.register, self._values)

    def get(self, key: str) -> Any:
        return self._values.get(key)

    @property
    def key(self) -> str | None:
        """The matching key (folded); None when a part of it is blank."""
        return self._key

    @property
    def label(self) -> str:
        """The key as written in the row, for reports."""
        return identity_label(self.register, self._values)

    @property
    def canonical(self) -> list[str]:
        if self._canonical is None:
            self._canonical = canonical_row(self.register, self._values)
        return self._canonical

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = canonical_fingerprint(self.canonical)
        return self._fingerprint


def fill_canonical(rows: list[Row]) -> None:
    """Work out the canonical values of rows a column at a time (same values as `Row.canonical`).

    For callers that need every row's fingerprint (split): one pass per
    field instead of one dispatch per cell.
    """
    todo = [row for row in rows if row._canonical is None]
    by_register: dict[str, list[Row]] = {}
    for row in todo:
        by_register.setdefault(row.register.key, []).append(row)
    for same in by_register.values():
        register = same[0].register
        columns = [canonical_column(f, [row._values.get(f.key) for row in same]) for f in register.fields]
        for row, values in zip(same, zip(*columns, strict=True), strict=True):
            row._canonical = list(values)


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
        self._shared: dict[str, list[Row]] = {}  # key -> every row with it, for repeated keys only
        for row in self.rows:
            self._index(row)

    def _index(self, row: Row) -> None:
        key = row.key
        if key is None:
            self.keyless.append(row)
        elif key in self.index:
            self.duplicates.append(row)
            self._shared.setdefault(key, [self.index[key]]).append(row)
        else:
            self.index[key] = row

    def append(self, row: Row) -> None:
        self.rows.append(row)
        self._index(row)

    def get(self, key: str) -> Row | None:
        return self.index.get(key)

    def all_with(self, key: str) -> list[Row]:
        """Every row with this key, first to last."""
        shared = self._shared.get(key)
        if shared is not None:
            return shared
        first = self.index.get(key)
        return [first] if first is not None else []

    @property
    def lang(self) -> str | None:
        return self.table.lang if self.table is not None else None


def table_rows(table: Table) -> list[Row]:
    """The rows of a loaded table; unreadable cells keep their raw value.

    Built a column at a time: the records are zipped from the typed columns,
    then each column's unreadable cells (no typed value, but something
    written) are put back as written.
    """
    n = len(table.rows)
    keys = [f.key for f in table.register.fields]
    typed_columns = [table.values.get(k) or [None] * n for k in keys]
    records = [dict(zip(keys, values, strict=True)) for values in zip(*typed_columns, strict=True)] if keys else []
    bad: dict[int, dict[str, Any]] = {}
    for key, typed_column in zip(keys, typed_columns, strict=True):
        raw_column = table.raw.get(key)
        if raw_column is None:
            continue
        for i in [i for i, typed in enumerate(typed_column) if typed is None]:
            raw = raw_column[i]
            if raw is not None and raw != "" and not is_blank(raw):
                bad.setdefault(i, {})[key] = raw
                records[i][key] = raw.strip() if isinstance(raw, str) else raw
    file, sheet, register = table.file, table.sheet_name, table.register
    key_columns = {k: [record.get(k) for record in records] for k in IDENTITY[register.key]}
    row_keys = identity_column(register, key_columns, n)
    return [
        Row(register, record, file, sheet, excel_row, bad.get(i), row_keys[i])
        for i, (record, excel_row) in enumerate(zip(records, table.rows, strict=True))
    ]


def dataset_rows(dataset: Dataset) -> dict[str, RegisterRows]:
    """Every register of a dataset (empty when the workbook lacks its sheet)."""
    result: dict[str, RegisterRows] = {}
    for register in REGISTERS:
        table = dataset.tables.get(register.key)
        rows = table_rows(table) if table is not None else []
        result[register.key] = RegisterRows(register, rows, table)
    return result


# Why a row belongs to no branch (`Owner.reason`).
BLANK, UNKNOWN, AMBIGUOUS = "blank", "unknown", "ambiguous"


@dataclass(frozen=True)
class Owner:
    """The branch a row belongs to: its key (`branch_key`) and name as first written.

    When there is none, `reason` says why: the Branch is blank (`blank`), the
    serial or ticket it follows is not there (`unknown`), or that key is
    shared by rows of different branches (`ambiguous`; `via` names the key).
    """

    key: str = ""
    name: str = ""
    reason: str = ""
    via: str = ""  # the serial or ticket followed
    via_field: str = ""  # "serial_no" or "ticket_no"

    def __bool__(self) -> bool:
        return bool(self.key)


class BranchResolver:
    """Which branch a row belongs to (SPEC §7).

    A sale: its Branch column. A repair: its own Branch column, else its
    sale's branch. A callback: its ticket's repair's branch. A visit: its
    serial's sale's branch. A serial or
    ticket that several rows share resolves only when all of them belong to
    the same branch: otherwise a row that follows it could be another
    branch's, and it belongs to none (so it is never sent anywhere).
    """

    def __init__(self, rows: dict[str, RegisterRows]) -> None:
        self.rows = rows

    def owner(self, row: Row) -> Owner:
        reg = row.register.key
        if reg in (SALES.key, REPAIRS.key) and not is_blank(row.get("branch")):
            return _named(row.get("branch"))
        if reg == SALES.key:
            return Owner(reason=BLANK)
        if reg in (REPAIRS.key, VISITS.key):
            serial = canonical(SALES.field("serial_no"), row.get("serial_no"))
            sales = self.rows[SALES.key].all_with(fold_key(serial))
            return self._agreed([_named(s.get("branch")) for s in sales], serial, "serial_no")
        ticket = canonical(REPAIRS.field("ticket_no"), row.get("ticket_no"))
        repairs = self.rows[REPAIRS.key].all_with(fold_key(ticket))
        return self._agreed([self.owner(r) for r in repairs], ticket, "ticket_no")

    def branch_of(self, row: Row) -> str:
        """The branch key ("" when the row belongs to none)."""
        return self.owner(row).key

    @staticmethod
    def _agreed(owners: list[Owner], via: str, via_field: str) -> Owner:
        if not owners:
            return Owner(reason=UNKNOWN, via=via, via_field=via_field)
        if len({o.key for o in owners}) > 1:
            return Owner(reason=AMBIGUOUS, via=via, via_field=via_field)
        first = owners[0]
        if first or first.reason == AMBIGUOUS:  # an ambiguity further down names its own key
            return first
        return Owner(reason=BLANK, via=via, via_field=via_field)


@functools.lru_cache(maxsize=4096, typed=True)  # a branch name repeats down the sheet; typed: 1 and 1.0 differ
def _named(name: Any) -> Owner:
    key = branch_key(name)
    return Owner(key, " ".join(str(name).split())) if key else Owner(reason=BLANK)
