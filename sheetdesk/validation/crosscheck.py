"""Rules across registers: repairs against the sales register, callbacks
against the repair log, visits against both. The links themselves are the dataset's
(`Dataset.links`), built once when it was loaded.
"""

from __future__ import annotations

from sheetdesk.io.load import Dataset, Table
from sheetdesk.links import Link
from sheetdesk.report import Report
from sheetdesk.validation.messages import quoted, show


def check_serials(sales: Table, repairs: Table, link: Link, report: Report) -> None:
    """A repair whose serial is not in the sales register: a warning (the
    register may be incomplete); its warranty status will be unknown."""
    if not repairs.has("serial_no"):
        return
    field = repairs.register.field("serial_no")
    values = repairs.values["serial_no"]
    for i in link.unknown():
        report.add(
            "serial.unknown", repairs.where(i, "serial_no"), field=field.title, value=quoted(values[i]),
            sales_sheet=sales.sheet_name,
        )  # fmt: skip


def check_callbacks(repairs: Table, callbacks: Table, link: Link, report: Report) -> None:
    """Every callback names a ticket of the repair log, and follows its resolution."""
    if not callbacks.has("ticket_no"):
        return
    ticket = callbacks.register.field("ticket_no")
    values = callbacks.values["ticket_no"]
    for i in link.unknown():
        report.add(
            "ticket.unknown", callbacks.where(i, "ticket_no"), field=ticket.title, value=quoted(values[i]),
            log_sheet=repairs.sheet_name,
        )  # fmt: skip
    resolved = repairs.column("resolved_at")
    called = callbacks.column("callback_at")
    for i, j in enumerate(link.parent_of):
        if j is None:
            continue
        done, call = resolved[j], called[i]
        if done is not None and call is not None and call < done:
            report.add(
                "callback.before_resolved",
                callbacks.where(i, "callback_at"),
                field=callbacks.register.field("callback_at").title,
                value=show(call),
                resolved_field=repairs.register.field("resolved_at").title,
                resolved=show(done),
                log_sheet=repairs.sheet_name,
                log_row=repairs.rows[j],
            )


def check_visit_units(sales: Table, visits: Table, link: Link, report: Report) -> None:
    """A visit names a sold unit (a warning when not: the register may be incomplete),
    and is not before that unit's sale (an error)."""
    if not visits.has("serial_no"):
        return
    serial = visits.register.field("serial_no")
    values = visits.values["serial_no"]
    for i in link.unknown():
        report.add(
            "visit.unknown_serial", visits.where(i, "serial_no"), field=serial.title, value=quoted(values[i]),
            sales_sheet=sales.sheet_name,
        )  # fmt: skip
    sold, at = sales.column("sale_date"), visits.column("visit_at")
    for i, j in enumerate(link.parent_of):
        if j is None or at[i] is None or sold[j] is None:
            continue
        if at[i].date() < sold[j]:
            report.add(
                "visit.before_sale",
                visits.where(i, "visit_at"),
                field=visits.register.field("visit_at").title,
                value=show(at[i]),
                sale_field=sales.register.field("sale_date").title,
                sale_date=show(sold[j]),
                sales_sheet=sales.sheet_name,
                sales_row=sales.rows[j],
            )


def check_visit_tickets(repairs: Table, visits: Table, link: Link, report: Report) -> None:
    """A ticket a visit names is in the repair log (a warning: the visit still counts)."""
    if not visits.has("ticket_no"):
        return
    ticket = visits.register.field("ticket_no")
    values = visits.values["ticket_no"]
    for i in link.unknown():
        report.add(
            "visit.unknown_ticket", visits.where(i, "ticket_no"), field=ticket.title, value=quoted(values[i]),
            log_sheet=repairs.sheet_name,
        )  # fmt: skip


def check_dataset(dataset: Dataset, report: Report) -> None:
    sales, repairs, callbacks = dataset.sales, dataset.repairs, dataset.callbacks
    visits = dataset.tables.get("visits")
    links = dataset.links
    if sales is not None and repairs is not None:
        check_serials(sales, repairs, links.repair_sale, report)
    if repairs is not None and callbacks is not None:
        check_callbacks(repairs, callbacks, links.callback_repair, report)
    if sales is not None and visits is not None:
        check_visit_units(sales, visits, links.visit_sale, report)
    if repairs is not None and visits is not None:
        check_visit_tickets(repairs, visits, links.visit_repair, report)
