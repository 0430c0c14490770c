"""The hidden `_sheetdesk` sheet: what a split distributed to one branch, signed.

Layout (column A = name, column B = value), then one row per distributed
row: register | key | sha256 of the row's canonical values::

    sheetdesk branch file | 2
    master_id             | 0b6f...   (the master's identity, from its key file)
    split_id              | 5c0f...
    branch                | 华南/深圳
    master_fingerprint    | 9a1e...
    split_at              | 2025-03-01T09:30:00
    sheetdesk_version     | 0.1.0
    signature             | 77d2...   (HMAC-SHA256 of everything else, under the master's secret)
    (blank)
    register | key | fingerprint
    sales    | sn-001 | 3b7c...

It holds the branch's own keys only, and the master's fingerprint (a hash,
from which nothing can be read back). The sheet is very hidden: Excel does not
list it under Unhide. LibreOffice keeps it as a hidden sheet when it re-saves
the file; both are read back. Hiding is a guard against mistakes; the
signature is what makes an edited or made-up record detectable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from xlsxwriter.workbook import Workbook

from sheetdesk.branches.keys import MasterKey
from sheetdesk.i18n import Msg
from sheetdesk.io.reader import RawWorkbook
from sheetdesk.version import __version__

SHEET_NAME = "_sheetdesk"
MAGIC = "sheetdesk branch file"
FORMAT_VERSION = 2
TABLE_HEADER = ("register", "key", "fingerprint")

Verdict = Literal["verified", "none", "unsigned", "foreign", "forged"]
# Why a returned file is refused (without --accept-unrecorded) or was let in (with it).
WHY: dict[str, Msg] = {
    "none": Msg(
        "has no split record (hidden _sheetdesk sheet): it was not written by `sheetdesk split`",
        "没有分发记录（隐藏的 _sheetdesk 工作表）：不是 `sheetdesk split` 写出的文件",
    ),
    "unsigned": Msg(
        "has a split record without a signature (made by an older sheetdesk, or by hand)",
        "分发记录没有签名（由旧版 sheetdesk 生成，或为手工制作）",
    ),
    "foreign": Msg(
        "was split from another master (master id {master_id}; this master's key is {key_id})",
        "是从另一份总表分发的（总表标识 {master_id}；本总表密钥为 {key_id}）",
    ),
    "forged": Msg(
        "has a split record that does not verify: it was changed after the split, or made by hand",
        "分发记录验证失败：分发后被改动过，或为手工制作",
    ),
}


@dataclass
class Provenance:
    split_id: str
    branch: str
    master_fingerprint: str
    split_at: str
    version: str = __version__
    # (register key, row key) -> row fingerprint at split time
    rows: dict[tuple[str, str], str] = field(default_factory=dict)
    master_id: str = ""
    signature: str = ""

    def keys(self, register: str) -> list[str]:
        return [k for (r, k) in self.rows if r == register]

    def get(self, register: str, key: str) -> str | None:
        return self.rows.get((register, key))

    def signed_bytes(self) -> bytes:
        """Everything the signature covers, as the sheet holds it (cell texts, stripped)."""
        head = [MAGIC, str(FORMAT_VERSION), self.master_id, self.split_id, self.branch]
        head += [self.master_fingerprint, self.split_at, self.version]
        lines = [[r, k, fp] for (r, k), fp in self.rows.items()]
        return json.dumps([head, lines], ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def sign(self, key: MasterKey) -> None:
        self.master_id = key.master_id
        self.signature = key.sign(self.signed_bytes())

    def verdict(self, key: MasterKey) -> Verdict:
        if not self.signature or not self.master_id:
            return "unsigned"
        if self.master_id != key.master_id:
            return "foreign"
        return "verified" if key.verifies(self.signed_bytes(), self.signature) else "forged"


def write_provenance(wb: Workbook, prov: Provenance) -> None:
    ws = wb.add_worksheet(SHEET_NAME)
    head: list[tuple[str, Any]] = [
        (MAGIC, FORMAT_VERSION),
        ("master_id", prov.master_id),
        ("split_id", prov.split_id),
        ("branch", prov.branch),
        ("master_fingerprint", prov.master_fingerprint),
        ("split_at", prov.split_at),
        ("sheetdesk_version", prov.version),
        ("signature", prov.signature),
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
    if not head.get("branch") or _text(sheet.rows[0], 1) != str(FORMAT_VERSION):
        return Provenance("", head.get("branch", ""), "", "", rows=rows)  # unsigned: refused unless accepted
    return Provenance(
        head.get("split_id", ""),
        head["branch"],
        head.get("master_fingerprint", ""),
        head.get("split_at", ""),
        head.get("sheetdesk_version", ""),
        rows,
        head.get("master_id", ""),
        head.get("signature", ""),
    )


def _text(cells: list[Any], index: int) -> str:
    if index >= len(cells) or cells[index] is None:
        return ""
    value = cells[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
