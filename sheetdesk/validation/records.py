"""Rules of SPEC §2 that read more than one cell of a record: the order of
dates and times, contact details, fault levels and escalations.
"""

from __future__ import annotations

from collections.abc import Callable

from sheetdesk.i18n import Msg
from sheetdesk.io.load import Table
from sheetdesk.io.values import blank_cells, is_blank
from sheetdesk.report import Report
from sheetdesk.schema.enums import REQUEST_TYPE
from sheetdesk.schema.statuses import SLA_TARGETS
from sheetdesk.validation.messages import quoted, show
from sheetdesk.validation.text import plausible_phone, plausible_postcode

# Why a fault level is required: the column is missing, or the row is a repair.
NO_LEVEL_COLUMN = Msg("the column is missing and {count} rows are repairs", "该列缺失，而有 {count} 行是报修")
A_REPAIR = Msg("{kind} is {repair} or blank", "{kind}为{repair}或空白")
REQUEST_TYPE_REPAIR = next(c.title for c in REQUEST_TYPE.choices if c.key == "repair")

# Repair-log events measured from reported_at (SPEC §2: each ≥ reported_at).
REPAIR_EVENTS = tuple(t.event for t in SLA_TARGETS)


def check_not_before(table: Table, report: Report, later: str, earlier: str) -> None:
    """`later` must not be before `earlier` in the same record; error at `later`."""
    if later not in table.values or earlier not in table.values:
        return
    field, other = table.register.field(later), table.register.field(earlier)
    after, before = table.values[later], table.values[earlier]
    for i in [
        i for i, (a, b) in enumerate(zip(after, before, strict=True)) if a is not None and b is not None and a < b
    ]:
        report.add("date.order", table.where(i, later), field=field.title, value=show(after[i]), other=other.title,
                   other_value=show(before[i]))  # fmt: skip


def check_text(table: Table, report: Report, key: str, ok: Callable[[str], bool], code: str) -> None:
    """A finding `code` on every text cell of `key` that `ok` rejects."""
    if key not in table.values:
        return
    field = table.register.field(key)
    values = table.values[key]
    for i in [i for i, value in enumerate(values) if value is not None and not ok(value)]:
        report.add(code, table.where(i, key), field=field.title, value=quoted(values[i]))


def check_sales(table: Table, report: Report) -> None:
    check_not_before(table, report, "acceptance_date", "sale_date")
    check_text(table, report, "phone", plausible_phone, "phone.implausible")
    check_text(table, report, "postcode", plausible_postcode, "postcode.format")


def check_repairs(table: Table, report: Report) -> None:
    for event in REPAIR_EVENTS:
        check_not_before(table, report, event, "reported_at")
    check_fault_level(table, report)


def check_fault_level(table: Table, report: Report) -> None:
    """A repair (blank request type = repair) needs a fault level."""
    kinds = table.column("request_type")
    kinds_raw = table.raw.get("request_type") or [None] * len(table)
    # A request type that could not be read is reported already; skip its row.
    repairs = [
        i
        for i, (kind, raw) in enumerate(zip(kinds, kinds_raw, strict=True))
        if kind == "repair" or (kind is None and is_blank(raw))
    ]
    if not repairs:
        return
    level, kind = table.register.field("fault_level"), table.register.field("request_type")
    if not table.has("fault_level"):
        at = {"sheet": table.sheet_name, "row": table.location.header_row, "column": "fault_level",
              "file": str(table.file)}  # fmt: skip
        report.add("fault_level.missing", at, field=level.title, why=NO_LEVEL_COLUMN.bind(count=len(repairs)))
        return
    blank = blank_cells(table.raw["fault_level"])
    why = A_REPAIR.bind(kind=kind.title, repair=REQUEST_TYPE_REPAIR)
    for i in repairs:
        if blank[i]:
            report.add("fault_level.missing", table.where(i, "fault_level"), field=level.title, why=why)


def check_callbacks(table: Table, report: Report) -> None:
    """A dissatisfied customer must be escalated to a supervisor."""
    satisfaction = table.column("satisfaction")
    escalated = table.raw.get("escalated_to")
    at = "escalated_to" if escalated is not None else "satisfaction"
    sat_field = table.register.field("satisfaction")
    assert sat_field.enum is not None
    params = {
        "field": sat_field.title,
        "dissatisfied": next(c.title for c in sat_field.enum.choices if c.key == "dissatisfied"),
        "escalated": table.register.field("escalated_to").title,
    }
    for i, value in enumerate(satisfaction):
        if value == "dissatisfied" and (escalated is None or is_blank(escalated[i])):
            report.add("escalation.missing", table.where(i, at), **params)


def check_holds(table: Table, report: Report) -> None:
    """A hold ends after it starts (the rules across registers are in `crosscheck`)."""
    check_not_before(table, report, "hold_until", "hold_from")


def check_visits(table: Table, report: Report) -> None:
    """A visit that found a fault should name the repair opened for it (a warning)."""
    results, tickets = table.column("result"), table.raw.get("ticket_no")
    result_field = table.register.field("result")
    assert result_field.enum is not None
    params = {
        "result": result_field.title,
        "fault_found": next(c.title for c in result_field.enum.choices if c.key == "fault_found"),
        "ticket": table.register.field("ticket_no").title,
    }
    at = "ticket_no" if tickets is not None else "result"
    for i, value in enumerate(results):
        if value == "fault_found" and (tickets is None or is_blank(tickets[i])):
            report.add("visit.fault_without_ticket", table.where(i, at), **params)


RECORD_RULES: dict[str, Callable[[Table, Report], None]] = {
    "sales": check_sales,
    "repairs": check_repairs,
    "callbacks": check_callbacks,
    "holds": check_holds,
    "visits": check_visits,
}
