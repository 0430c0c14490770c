"""The hidden `_sheetdesk` sheet: what a split distributed to one branch.

Layout (column A = name, column B = value), then one row per distributed
row: register | key | sha256 of the row's canonical values::

    sheetdesk branch file | 1
    split_id              | 5c0f...
    branch                | 华南/深圳
    master_fingerprint    | 9a1e...
    split_at              | 2025-03-01T09:30:00
    sheetdesk_version     | 0.1.0
    (blank)
    register | key | fingerprint
    sales    | SN-001 | 3b7c...

It holds the branch's own keys only, and the master's fingerprint (a hash,
from which nothing can be read back). The sheet is very hidden: Excel does not
list it under Unhide. LibreOffice keeps it as a hidden sheet when it re-saves
the file; both are read back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.workbook import Workbook

from sheetdesk.io.reader import RawWorkbook
from sheetdesk.version import __version__

SHEET_NAME = "_sheetdesk"
MAGIC = "sheetdesk branch file"
FORMAT_VERSION = 1
TABLE_HEADER = ("register", "key", "fingerprint")


@dataclass
class Provenance:
    split_id: str
    branch: str
    master_fingerprint: str
    split_at: str
    version: str = __version__
    # (register key, row key) -> row fingerprint at split time
    rows: dict[tuple[str, str], str] = field(default_factory=dict)

    def keys(self, register: str) -> list[str]:
        return [k for (r, k) in self.rows if r == register]

    def get(self, register: str, key: str) -> str | None:
        return self.rows.get((register, key))


def write_provenance(wb: Workbook, prov: Provenance) -> None:
    ws = wb.add_worksheet(SHEET_NAME)
    head: list[tuple[str, Any]] = [
        (MAGIC, FORMAT_VERSION),
        ("split_id", prov.split_id),
        ("branch", prov.branch),
        ("master_fingerprint", prov.master_fingerprint),
        ("split_at", prov.split_at),
        ("sheetdesk_version", prov.version),
    ]
    for r, (name, value) in enumerate(head):
        ws.write_string(r, 0, name)
        if isinstance(value, int):
            ws.write_number(r, 1, value)
        else:
            ws.write_string(r, 1, str(value))
    r = len(head) + 1
    for c, label in enumerate(TABLE_HEADER):
        ws.write_string(r, c, label)
    for (register, key), fp in prov.rows.items():
        r += 1
        ws.write_string(r, 0, register)
        ws.write_string(r, 1, key)
        ws.write_string(r, 2, fp)
    ws.very_hidden()


def read_provenance(workbook: RawWorkbook) -> Provenance | None:
    """The split record of a returned branch file, or None if it has none."""
    sheet = next((s for s in workbook.sheets if s.name == SHEET_NAME), None)
    if sheet is None or not sheet.rows or _text(sheet.rows[0], 0) != MAGIC:
        return None
    head: dict[str, str] = {}
    rows: dict[tuple[str, str], str] = {}
    in_table = False
    for cells in sheet.rows[1:]:
        a, b, c = _text(cells, 0), _text(cells, 1), _text(cells, 2)
        if (a, b, c) == TABLE_HEADER:
            in_table = True
        elif in_table and a and b and c:
            rows[(a, b)] = c
        elif not in_table and a:
            head[a] = b
    if not head.get("branch"):
        return None
    return Provenance(
        head.get("split_id", ""),
        head["branch"],
        head.get("master_fingerprint", ""),
        head.get("split_at", ""),
        head.get("sheetdesk_version", ""),
        rows,
    )


def _text(cells: list[Any], index: int) -> str:
    if index >= len(cells) or cells[index] is None:
        return ""
    value = cells[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
