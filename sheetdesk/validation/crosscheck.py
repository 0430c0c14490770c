"""Rules across registers: repairs against the sales register, callbacks and
holds against the repair log, visits against both. The links themselves are the dataset's
(`Dataset.links`), built once when it was loaded.
"""

from __future__ import annotations

import datetime as dt

from sheetdesk.io.load import Dataset, Table
from sheetdesk.io.values import is_blank
from sheetdesk.links import Link
from sheetdesk.report import Report
from sheetdesk.validation.messages import quoted, show


def report_unknown(report: Report, code: str, child: Table, key: str, link: Link, **where: str) -> None:
    """One finding for each row of `child` whose `key` names no row of the register `link` leads to."""
    field = child.register.field(key)
    values = child.values[key]
    for i in link.unknown():
        report.add(code, child.where(i, key), field=field.title, value=quoted(values[i]), **where)


def check_serials(sales: Table, repairs: Table, link: Link, report: Report) -> None:
    """A repair whose serial is not in the sales register: a warning (the
    register may be incomplete); its warranty status will be unknown."""
    if not repairs.has("serial_no"):
        return
    report_unknown(report, "serial.unknown", repairs, "serial_no", link, sales_sheet=sales.sheet_name)


def check_callbacks(repairs: Table, callbacks: Table, link: Link, report: Report) -> None:
    """Every callback names a ticket of the repair log, and follows its resolution."""
    if not callbacks.has("ticket_no"):
        return
    report_unknown(report, "ticket.unknown", callbacks, "ticket_no", link, log_sheet=repairs.sheet_name)
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


def check_holds(repairs: Table, holds: Table, link: Link, report: Report) -> None:
    """Every hold names a ticket of the repair log and fits inside its running time;
    the holds of one ticket do not overlap."""
    if not holds.has("ticket_no"):
        return
    report_unknown(report, "hold.unknown_ticket", holds, "ticket_no", link, log_sheet=repairs.sheet_name)
    reported, resolved = repairs.column("reported_at"), repairs.column("resolved_at")
    starts, ends = holds.column("hold_from"), holds.column("hold_until")
    from_field, until_field = holds.register.field("hold_from"), holds.register.field("hold_until")
    reported_field, resolved_field = (repairs.register.field(k) for k in ("reported_at", "resolved_at"))
    for i, j in enumerate(link.parent_of):
        start = starts[i]
        if j is None or start is None:
            continue
        log = {"log_sheet": repairs.sheet_name, "log_row": repairs.rows[j]}
        if reported[j] is not None and start < reported[j]:
            report.add(
                "hold.before_reported", holds.where(i, "hold_from"), field=from_field.title, value=show(start),
                reported_field=reported_field.title, reported=show(reported[j]), **log,
            )  # fmt: skip
        done = resolved[j]
        if done is None:
            continue
        if start > done:
            report.add(
                "hold.after_resolved", holds.where(i, "hold_from"), field=from_field.title, value=show(start),
                resolved_field=resolved_field.title, resolved=show(done), **log,
            )  # fmt: skip
        elif ends[i] is None and holds.has("hold_until") and is_blank(holds.raw["hold_until"][i]):
            report.add(
                "hold.open_on_resolved", holds.where(i, "hold_until"), field=until_field.title,
                resolved_field=resolved_field.title, resolved=show(done), **log,
            )  # fmt: skip
    _check_overlaps(holds, link, resolved, report)


def _check_overlaps(holds: Table, link: Link, resolved: list[object], report: Report) -> None:
    """Holds of one ticket, in order of start: each that starts before an earlier one has
    ended is told once, naming the earlier row. Left out: a hold that ends before it
    starts (`date.order` already) and one left open on a resolved ticket (it pauses
    nothing; `hold.open_on_resolved` already)."""
    starts, ends = holds.column("hold_from"), holds.column("hold_until")
    seen: set[int] = set()
    for j, children in enumerate(link.children_of):
        if len(children) < 2 or id(children) in seen:
            continue  # no two holds, or a repeated ticket's holds seen already
        seen.add(id(children))
        spans = sorted(
            (starts[i], i)
            for i in children
            if starts[i] is not None and (ends[i] >= starts[i] if ends[i] is not None else resolved[j] is None)
        )
        reach: dt.datetime | None = None  # the furthest end so far (None: a hold still open)
        holder: int | None = None  # the hold that reaches it
        for start, i in spans:
            if holder is not None and (reach is None or start < reach):
                report.add("hold.overlap", holds.where(i, "hold_from"), other_row=holds.rows[holder])
            end = ends[i]
            if holder is None or (reach is not None and (end is None or end > reach)):
                reach, holder = end, i


def check_visit_units(sales: Table, visits: Table, link: Link, report: Report) -> None:
    """A visit names a sold unit (a warning when not: the register may be incomplete),
    and is not before that unit's sale (an error)."""
    if not visits.has("serial_no"):
        return
    report_unknown(report, "visit.unknown_serial", visits, "serial_no", link, sales_sheet=sales.sheet_name)
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
    report_unknown(report, "visit.unknown_ticket", visits, "ticket_no", link, log_sheet=repairs.sheet_name)


def check_dataset(dataset: Dataset, report: Report) -> None:
    sales, repairs, callbacks = dataset.sales, dataset.repairs, dataset.callbacks
    holds = dataset.tables.get("holds")
    visits = dataset.tables.get("visits")
    links = dataset.links
    if sales is not None and repairs is not None:
        check_serials(sales, repairs, links.repair_sale, report)
    if repairs is not None and callbacks is not None:
        check_callbacks(repairs, callbacks, links.callback_repair, report)
    if repairs is not None and holds is not None:
        check_holds(repairs, holds, links.hold_repair, report)
    if sales is not None and visits is not None:
        check_visit_units(sales, visits, links.visit_sale, report)
    if repairs is not None and visits is not None:
        check_visit_tickets(repairs, visits, links.visit_repair, report)
