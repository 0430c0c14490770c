"""Rules across registers: repairs against the sales register, callbacks
against the repair log, and the branch a repair belongs to.
"""

from __future__ import annotations

from typing import Any

from sheetdesk.io.load import Dataset, Table
from sheetdesk.report import Report
from sheetdesk.validation.messages import label, quoted, show
from sheetdesk.validation.text import match_key


def index_by(table: Table, key: str) -> dict[str, int]:
    """match_key(value) -> index of the first record holding it."""
    index: dict[str, int] = {}
    for i, value in enumerate(table.column(key)):
        k = match_key(value)
        if k is not None:
            index.setdefault(k, i)
    return index


def check_serials(sales: Table, repairs: Table, report: Report) -> None:
    """A repair whose serial is not in the sales register: a warning (the
    register may be incomplete); its warranty status will be unknown."""
    if not repairs.has("serial_no") or not sales.has("serial_no"):
        return
    known = index_by(sales, "serial_no")
    name = label(repairs, "serial_no")
    for i, value in enumerate(repairs.values["serial_no"]):
        k = match_key(value)
        if k is not None and k not in known:
            report.warning(
                "serial.unknown",
                f"{name} {quoted(value)} is not in the sales register "
                f"('{sales.sheet_name}'); its warranty status is unknown",
                **repairs.where(i, "serial_no"),
            )


def check_callbacks(repairs: Table, callbacks: Table, report: Report) -> None:
    """Every callback names a ticket of the repair log, and follows its resolution."""
    if not callbacks.has("ticket_no") or not repairs.has("ticket_no"):
        return
    tickets = index_by(repairs, "ticket_no")
    resolved = repairs.column("resolved_at")
    called = callbacks.column("callback_at")
    name = label(callbacks, "ticket_no")
    for i, value in enumerate(callbacks.values["ticket_no"]):
        k = match_key(value)
        if k is None:
            continue
        j = tickets.get(k)
        if j is None:
            report.error(
                "ticket.unknown",
                f"{name} {quoted(value)} is not in the repair log ('{repairs.sheet_name}')",
                **callbacks.where(i, "ticket_no"),
            )
            continue
        done, call = resolved[j], called[i]
        if done is not None and call is not None and call < done:
            report.error(
                "callback.before_resolved",
                f"{label(callbacks, 'callback_at')} {show(call)} is before the ticket's "
                f"{label(repairs, 'resolved_at')} {show(done)} ('{repairs.sheet_name}' row "
                f"{repairs.rows[j]})",
                **callbacks.where(i, "callback_at"),
            )


def effective_branch(dataset: Dataset) -> list[Any]:
    """The branch of each repair-log record: its own, else the sale's branch.

    Aligned with `dataset.repairs.rows`; None where neither is known. A
    blank repair branch is not an issue (SPEC §2: it defaults to the sale's).
    """
    repairs, sales = dataset.repairs, dataset.sales
    if repairs is None:
        return []
    own = repairs.column("branch")
    if sales is None or not sales.has("branch"):
        return list(own)
    sale_branch = sales.column("branch")
    by_serial = index_by(sales, "serial_no")
    result: list[Any] = []
    for branch, serial in zip(own, repairs.column("serial_no"), strict=True):
        if branch is None:
            k = match_key(serial)
            j = by_serial.get(k) if k is not None else None
            branch = sale_branch[j] if j is not None else None
        result.append(branch)
    return result


def check_dataset(dataset: Dataset, report: Report) -> None:
    sales, repairs, callbacks = dataset.sales, dataset.repairs, dataset.callbacks
    if sales is not None and repairs is not None:
        check_serials(sales, repairs, report)
    if repairs is not None and callbacks is not None:
        check_callbacks(repairs, callbacks, report)
