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

from sheetdesk.branches.canonical import canonical, fold_key
from sheetdesk.branches.rows import RegisterRows
from sheetdesk.i18n import Msg
from sheetdesk.io.typed_columns import Column, write_columns
from sheetdesk.io.xlsx import Formats
from sheetdesk.rules.callbacks import callback_due
from sheetdesk.schema import REPAIRS, SALES

SHEET_NAME = Msg("Callback Worklist", "回访工作表")

# key, label, type, width
COLUMNS: tuple[tuple[str, Msg, str, int], ...] = (
    ("due", Msg("Callback Due", "回访截止"), "datetime", 17),
    ("ticket_no", REPAIRS.field("ticket_no").title, "text", 14),
    ("serial_no", SALES.field("serial_no").title, "text", 16),
    ("resolved_at", REPAIRS.field("resolved_at").title, "datetime", 17),
    ("customer", SALES.field("customer").title, "text", 22),
    ("contact", SALES.field("contact").title, "text", 12),
    ("phone", SALES.field("phone").title, "text", 15),
    ("technician", REPAIRS.field("technician").title, "text", 12),
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
    called = {fold_key(canonical(REPAIRS.field("ticket_no"), r.get("ticket_no"))) for r in rows["callbacks"].rows}
    items: list[WorkItem] = []
    for repair in rows["repairs"].index.values():
        resolved = repair.get("resolved_at")
        if not isinstance(resolved, dt.datetime) or repair.key in called:
            continue
        sale = rows["sales"].get(fold_key(canonical(SALES.field("serial_no"), repair.get("serial_no"))))
        items.append(
            WorkItem(
                due=callback_due(resolved, callback_days),
                ticket_no=repair.label,
                serial_no=repair.get("serial_no"),
                resolved_at=resolved,
                customer=sale.get("customer") if sale else None,
                contact=sale.get("contact") if sale else None,
                phone=sale.get("phone") if sale else None,
                technician=repair.get("technician"),
            )
        )
    return sorted(items, key=lambda i: (i.due or dt.datetime.max, i.ticket_no))


def worklist_name(lang: str) -> str:
    return SHEET_NAME.render(lang)


def write_worklist(wb: Workbook, formats: Formats, items: list[WorkItem], lang: str) -> None:
    ws = wb.add_worksheet(SHEET_NAME.render(lang))
    header = formats.header(computed=True)
    ws.set_row(0, 32)
    for c, (_key, label, kind, width) in enumerate(COLUMNS):
        ws.write_string(0, c, label.render(lang), header)
        ws.set_column(c, c, width if lang == "en" else max(width, len(label.zh) * 2 + 2), formats.for_type(kind))
    columns = [
        Column(c, [item.get(key) for item in items], formats.for_type(kind))
        for c, (key, _label, kind, _w) in enumerate(COLUMNS)
    ]
    write_columns(ws, 1, len(items), columns)  # the cells write_value writes, a column at a time
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
