"""One worklist sheet: a line per item, filterable and printable, each line linked back to its row.

`due -o` writes one such sheet per group, `split` one per branch file, so
a branch's worklist looks the same wherever it is read. The link of a line
is given by the caller: into the input workbook the item came from (the due
workbook), or to the row's own sheet (a branch file, which holds the rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.worksheet import Worksheet

from sheetdesk.i18n import Msg
from sheetdesk.io.typed_columns import Column as CellColumn
from sheetdesk.io.typed_columns import write_columns
from sheetdesk.io.xlsx import DATE_FORMAT, DATETIME_FORMAT, STATUS_FILL, Formats, setup_register_sheet
from sheetdesk.schema import REPAIRS, SALES
from sheetdesk.schema.computed import status_label
from sheetdesk.worklist.items import ITEM_KINDS, WorkItem

__all__ = ["COLUMNS", "Details", "LineLink", "row_reference", "state_label", "write_items_sheet"]

OVERDUE = Msg("Overdue", "已逾期")
DUE = Msg("Due", "待办")
NOTHING_DUE = Msg("Nothing is due by {until}.", "截至 {until} 无待办事项。")
ROW_REF = Msg("{sheet} row {row}", "{sheet} 第 {row} 行")


@dataclass(frozen=True)
class Column:
    key: str
    title: Msg
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("due", Msg("Due", "到期时间"), 17),
    Column("state", Msg("Status", "状态"), 10),
    Column("kind", Msg("Item", "事项"), 14),
    Column("what", Msg("What to do", "事项说明"), 44),
    Column("ticket_no", REPAIRS.field("ticket_no").title, 14),
    Column("serial_no", SALES.field("serial_no").title, 16),
    Column("branch", SALES.field("branch").title, 14),
    Column("technician", Msg("Technician", "负责人员"), 12),
    Column("customer", SALES.field("customer").title, 22),
    Column("contact", SALES.field("contact").title, 10),
    Column("phone", SALES.field("phone").title, 15),
    Column("row", Msg("Row", "原始行"), 20),
)
KEY_COLUMN = 4  # ticket_no: the key a clerk reads first after when and what
MAX_LINKS = 65_530  # Excel's limit of hyperlinks on one sheet; further rows name their row as text

# The customer of an item's unit (customer, contact, phone), or None to leave them blank.
Details = Callable[[WorkItem], tuple[Any, Any, Any] | None]
# Where a line's row is: (link target, the text shown), or None for no link.
LineLink = Callable[[WorkItem], tuple[str | None, str] | None]


def state_label(item: WorkItem, lang: str) -> str:
    """Overdue, due, or (a ticket on hold) paused, as `check` calls a paused clock."""
    if item.status == "paused":
        return str(status_label("paused", lang))
    return (OVERDUE if item.overdue else DUE).render(lang)


def write_items_sheet(
    ws: Worksheet,
    formats: Formats,
    items: Sequence[WorkItem],
    lang: str,
    *,
    details: Details,
    link: LineLink,
    until: dt.datetime,
) -> None:
    """The items, one per row below a header, with a filter, frozen panes and the print setup."""
    header = formats.header(computed=True)
    ws.set_row(0, 32)
    widths: dict[int, float] = {}
    for c, column in enumerate(COLUMNS):
        label = column.title.render(lang)
        width = max(column.width, len(label) * (2 if lang == "zh" else 1) + 2)
        ws.write_string(0, c, label, header)
        ws.set_column(c, c, width)
        widths[c] = width
    f_date = formats.get(num_format=DATE_FORMAT, align="left")
    f_stamp = formats.get(num_format=DATETIME_FORMAT, align="left")
    f_state = {
        True: formats.get(bg_color=STATUS_FILL["overdue"], align="center"),
        False: formats.get(bg_color=STATUS_FILL["pending"], align="center"),
    }
    f_paused = formats.get(bg_color=STATUS_FILL["paused"], align="center")
    f_text, f_link = formats.get(num_format="@"), formats.get(font_color="#0563C1", underline=1)
    # The cells of a line are written a column plan at a time (`write_columns`: the same cells
    # `write_value` writes); the state and the link, which have their own calls, line by line.
    kinds = {key: kind.title.render(lang) for key, kind in ITEM_KINDS.items()}
    said: dict[tuple[Any, ...], str] = {}  # many items read alike: each sentence is rendered once
    shown = [details(item) or (None, None, None) for item in items]
    values: dict[str, list[Any]] = {
        "kind": [kinds[item.kind] for item in items],
        "what": [_what(item, lang, said) for item in items],
        "ticket_no": [item.ticket_no for item in items],
        "serial_no": [item.serial_no for item in items],
        "branch": [item.branch_name or None for item in items],
        "technician": [item.technician for item in items],
        "customer": [s[0] for s in shown],
        "contact": [s[1] for s in shown],
        "phone": [s[2] for s in shown],
    }
    due = [item.due for item in items]
    cells = [CellColumn(0, due, formats=[f_stamp if isinstance(d, dt.datetime) else f_date for d in due])]
    for c, column in enumerate(COLUMNS[2:-1], start=2):
        keyed = column.key in ("ticket_no", "serial_no", "phone")  # 00123 stays text
        cells.append(CellColumn(c, values[column.key], f_text if keyed else None))
    write_columns(ws, 1, len(items), cells)
    for r, item in enumerate(items, start=1):
        fill = f_paused if item.status == "paused" else f_state[item.overdue]
        ws.write_string(r, 1, state_label(item, lang), fill)
        target = link(item)
        if target is not None:
            url, text = target
            if url is None or r > MAX_LINKS:
                ws.write_string(r, len(COLUMNS) - 1, text)
            else:
                ws.write_url(r, len(COLUMNS) - 1, url, f_link, string=text)
    last = len(items)
    if not items:
        ws.write_string(1, 0, NOTHING_DUE.render(lang, until=f"{until:%Y-%m-%d}"), formats.get(italic=True))
        last = 1
    setup_register_sheet(ws, 0, last, len(COLUMNS) - 1, KEY_COLUMN, widths=widths, lang=lang)


def row_reference(sheet: str, row: int, lang: str) -> str:
    """`维修记录 第 12 行` / `Repairs row 12`: where a line's row is, as text."""
    return ROW_REF.render(lang, sheet=sheet, row=row)


def _what(item: WorkItem, lang: str, said: dict[tuple[Any, ...], str]) -> str:
    key = (item.kind, item.status, item.detail, item.number, item.since, item.paused)
    text = said.get(key)
    if text is None:
        text = said[key] = item.what(lang)
    return text
