"""What collect did, as data (`Change`) and as the `Merge Report` sheet.

One `Change` per changed field of an updated row, per differing field of a
conflict, and one per added, rejected or deleted row (and per warning about
a returned file). Unchanged rows are counted, not listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from xlsxwriter.workbook import Workbook

from sheetdesk.io.xlsx import STATUS_FILL, Formats, display_value, write_value
from sheetdesk.report import json_value
from sheetdesk.schema import REGISTERS_BY_KEY

Outcome = Literal["added", "updated", "conflict", "rejected", "deleted", "warning"]
OUTCOMES: tuple[Outcome, ...] = ("added", "updated", "conflict", "rejected", "deleted", "warning")
SHEET_NAME = "Merge Report"

OUTCOME_LABELS = {
    "added": ("added", "新增"),
    "updated": ("updated", "更新"),
    "conflict": ("conflict", "冲突"),
    "rejected": ("rejected", "拒收"),
    "deleted": ("deleted in branch (kept)", "网点已删（保留）"),
    "warning": ("warning", "提示"),
}
OUTCOME_FILL = {
    "added": STATUS_FILL["met"],
    "updated": STATUS_FILL["met"],
    "conflict": STATUS_FILL["breached"],
    "rejected": STATUS_FILL["breached"],
    "deleted": STATUS_FILL["pending"],
    "warning": STATUS_FILL["pending"],
}
# column key, English, Chinese, width
COLUMNS = (
    ("file", "Source File", "来源文件", 22),
    ("sheet", "Sheet", "工作表", 12),
    ("row", "Row", "行号", 6),
    ("register", "Register", "登记表", 10),
    ("key", "Key", "关键字", 24),
    ("field", "Field", "字段", 16),
    ("old", "Master Value", "总部值", 20),
    ("new", "Branch Value", "网点值", 20),
    ("outcome", "Outcome", "结果", 14),
    ("message", "Message", "说明", 60),
)


@dataclass(frozen=True)
class Change:
    outcome: Outcome
    file: str
    register: str
    key: str | None = None
    sheet: str | None = None
    row: int | None = None
    field: str | None = None
    old: Any = None  # the master's value
    new: Any = None  # the branch file's value
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "register": self.register,
            "key": self.key,
            "field": self.field,
            "old": json_value(self.old),
            "new": json_value(self.new),
            "message": self.message,
        }


def write_merge_report(
    wb: Workbook, formats: Formats, changes: list[Change], lang: str, name: str = SHEET_NAME
) -> None:
    ws = wb.add_worksheet(name)
    zh = lang == "zh"
    ws.set_row(0, 24)
    for c, (_key, en, zh_label, width) in enumerate(COLUMNS):
        ws.write_string(0, c, zh_label if zh else en, formats.header())
        ws.set_column(c, c, width)
    for r, change in enumerate(changes, start=1):
        register = REGISTERS_BY_KEY.get(change.register)
        field = register.field(change.field) if register and change.field in register.keys else None
        cells: dict[str, Any] = {
            "file": change.file,
            "sheet": change.sheet,
            "row": change.row,
            "register": register.name(lang) if register else change.register,
            "key": change.key,
            "field": field.label(lang) if field else change.field,
            "outcome": OUTCOME_LABELS[change.outcome][1 if zh else 0],
            "message": change.message,
        }
        for side in ("old", "new"):
            value = getattr(change, side)
            cells[side] = display_value(field, value, lang) if field else value
        for c, (key, *_rest) in enumerate(COLUMNS):
            fmt = None
            if key in ("old", "new") and field is not None:
                fmt = formats.for_type(field.type)
            if key == "outcome":
                fmt = formats.get(bg_color=OUTCOME_FILL[change.outcome])
            write_value(ws, r, c, cells[key], fmt)
    ws.freeze_panes(1, 0)
    if changes:
        ws.autofilter(0, 0, len(changes), len(COLUMNS) - 1)
