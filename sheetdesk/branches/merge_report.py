"""What collect did, as data (`Change`) and as the Merge Report / 合并报告 sheet.

One `Change` per changed field of an updated row, per differing field of a
conflict, and one per added, rejected or deleted row (and per warning about
a returned file). Unchanged rows are counted, not listed. A change's message
is a `Msg` with its parameters, rendered in the reader's language: the
sheet in the workbook's, the JSON in --lang's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from xlsxwriter.workbook import Workbook

from sheetdesk.branches.canonical import shown_key
from sheetdesk.i18n import Bound, Msg
from sheetdesk.io.xlsx import STATUS_FILL, Formats, display_value, write_value
from sheetdesk.report import json_value
from sheetdesk.schema import REGISTERS_BY_KEY

Outcome = Literal["added", "updated", "conflict", "rejected", "deleted", "warning"]
OUTCOMES: tuple[Outcome, ...] = ("added", "updated", "conflict", "rejected", "deleted", "warning")
SHEET_NAME = Msg("Merge Report", "合并报告")

OUTCOME_LABELS: dict[str, Msg] = {
    "added": Msg("added", "新增"),
    "updated": Msg("updated", "更新"),
    "conflict": Msg("conflict", "冲突"),
    "rejected": Msg("rejected", "拒收"),
    "deleted": Msg("deleted in branch (kept)", "网点已删（保留）"),
    "warning": Msg("warning", "提示"),
}
OUTCOME_FILL = {
    "added": STATUS_FILL["met"],
    "updated": STATUS_FILL["met"],
    "conflict": STATUS_FILL["breached"],
    "rejected": STATUS_FILL["breached"],
    "deleted": STATUS_FILL["pending"],
    "warning": STATUS_FILL["pending"],
}
# column key, label, width
COLUMNS: tuple[tuple[str, Msg, int], ...] = (
    ("file", Msg("Source File", "来源文件"), 22),
    ("sheet", Msg("Sheet", "工作表"), 12),
    ("row", Msg("Row", "行号"), 6),
    ("register", Msg("Register", "登记表"), 10),
    ("key", Msg("Key", "关键字"), 24),
    ("field", Msg("Field", "字段"), 16),
    ("old", Msg("Master Value", "总部值"), 20),
    ("new", Msg("Branch Value", "网点值"), 20),
    ("outcome", Msg("Outcome", "结果"), 14),
    ("message", Msg("Message", "说明"), 60),
)


@dataclass(frozen=True)
class Change:
    outcome: Outcome
    file: str
    register: str
    key: str | None = None  # the row's key as written
    sheet: str | None = None
    row: int | None = None
    field: str | None = None
    old: Any = None  # the master's value
    new: Any = None  # the branch file's value
    message: Bound | None = None
    code: str | None = None  # a warning's finding code
    params: dict[str, Any] = dataclasses.field(default_factory=dict)  # a warning's finding parameters

    def text(self, lang: str = "en") -> str:
        return self.message.render(lang) if self.message is not None else ""

    def to_json(self, lang: str = "en") -> dict[str, Any]:
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
            "message": self.text(lang),
        }


def write_merge_report(wb: Workbook, formats: Formats, changes: list[Change], lang: str, name: str) -> None:
    ws = wb.add_worksheet(name)
    ws.set_row(0, 24)
    for c, (_key, label, width) in enumerate(COLUMNS):
        ws.write_string(0, c, label.render(lang), formats.header())
        ws.set_column(c, c, width)
    message_format = formats.get(text_wrap=True, valign="top")
    for r, change in enumerate(changes, start=1):
        register = REGISTERS_BY_KEY.get(change.register)
        field_ = register.field(change.field) if register and change.field in register.keys else None
        cells: dict[str, Any] = {
            "file": change.file,
            "sheet": change.sheet,
            "row": change.row,
            "register": register.name(lang) if register else change.register,
            "key": shown_key(register, change.key, lang) if register and change.key else change.key,
            "field": field_.label(lang) if field_ else change.field,
            "outcome": OUTCOME_LABELS[change.outcome].render(lang),
            "message": change.text(lang),
        }
        for side in ("old", "new"):
            value = getattr(change, side)
            cells[side] = display_value(field_, value, lang) if field_ else value
        for c, (key, *_rest) in enumerate(COLUMNS):
            fmt = None
            if key in ("old", "new") and field_ is not None:
                fmt = formats.for_type(field_.type)
            elif key == "outcome":
                fmt = formats.get(bg_color=OUTCOME_FILL[change.outcome])
            elif key == "message":
                fmt = message_format
            write_value(ws, r, c, cells[key], fmt)
    ws.freeze_panes(1, 0)
    if changes:
        ws.autofilter(0, 0, len(changes), len(COLUMNS) - 1)
