"""The callback worklist of a branch file: resolved repairs still waiting for a call.

One line per resolved repair of the branch without a callback, with the due
date (end of the day resolved_at + callback_days, SPEC §4), the customer and
phone from the branch's own sales row, and the technician; sorted by due.
The sheet is protected against accidental edits (no password): it is
computed, and a guard against mistakes, not security.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook

from sheetdesk.branches.canonical import canonical
from sheetdesk.branches.rows import RegisterRows
from sheetdesk.io.xlsx import Formats, write_value
from sheetdesk.rules.callbacks import callback_due
from sheetdesk.schema import REPAIRS, SALES

SHEET_NAMES = {"en": "Callback Worklist", "zh": "回访工作表"}

# key, English, Chinese, type, width
COLUMNS: tuple[tuple[str, str, str, str, int], ...] = (
    ("due", "Callback Due", "回访截止", "datetime", 17),
    ("ticket_no", "Ticket No", "报修单号", "text", 14),
    ("serial_no", "Serial No", "出厂编号", "text", 16),
    ("resolved_at", "Resolved At", "修复时间", "datetime", 17),
    ("customer", "Customer", "用户单位", "text", 22),
    ("contact", "Contact", "联系人", "text", 12),
    ("phone", "Phone", "电话", "text", 15),
    ("technician", "Technician", "维修人员", "text", 12),
)


@dataclass(frozen=True)
class WorkItem:
    due: dt.datetime | None  # None: after 9999-12-31 (listed last)
    ticket_no: str
    serial_no: Any
    resolved_at: dt.datetime
    customer: Any
    contact: Any
    phone: Any
    technician: Any

    def get(self, key: str) -> Any:
        return getattr(self, key)


def callbacks_due(rows: dict[str, RegisterRows], callback_days: int) -> list[WorkItem]:
    """Resolved repairs in `rows` without any callback in `rows`, sorted by due.

    Customer details come only from the sales rows given (the branch's own):
    a repair on a unit another branch sold shows no customer.
    """
    called = {canonical(REPAIRS.field("ticket_no"), r.get("ticket_no")) for r in rows["callbacks"].rows}
    items: list[WorkItem] = []
    for repair in rows["repairs"].index.values():
        resolved = repair.get("resolved_at")
        if not isinstance(resolved, dt.datetime) or repair.key in called:
            continue
        sale = rows["sales"].get(canonical(SALES.field("serial_no"), repair.get("serial_no")))
        items.append(
            WorkItem(
                due=callback_due(resolved, callback_days),
                ticket_no=str(repair.key),
                serial_no=repair.get("serial_no"),
                resolved_at=resolved,
                customer=sale.get("customer") if sale else None,
                contact=sale.get("contact") if sale else None,
                phone=sale.get("phone") if sale else None,
                technician=repair.get("technician"),
            )
        )
    return sorted(items, key=lambda i: (i.due or dt.datetime.max, i.ticket_no))


def write_worklist(wb: Workbook, formats: Formats, items: list[WorkItem], lang: str) -> None:
    ws = wb.add_worksheet(SHEET_NAMES["zh" if lang == "zh" else "en"])
    header = formats.header(computed=True)
    ws.set_row(0, 32)
    for c, (_key, en, zh, kind, width) in enumerate(COLUMNS):
        ws.write_string(0, c, zh if lang == "zh" else en, header)
        ws.set_column(c, c, width if lang == "en" else max(width, len(zh) * 2 + 2), formats.for_type(kind))
    for r, item in enumerate(items, start=1):
        for c, (key, _en, _zh, kind, _w) in enumerate(COLUMNS):
            write_value(ws, r, c, item.get(key), formats.for_type(kind))
    ws.freeze_panes(1, 0)
    ws.protect(
        "",
        {
            "autofilter": True,
            "sort": True,
            "select_locked_cells": True,
            "select_unlocked_cells": True,
            "format_columns": True,
        },
    )
