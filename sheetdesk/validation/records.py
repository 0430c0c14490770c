"""Rules of SPEC §2 that read more than one cell of a record: the order of
dates and times, contact details, fault levels and escalations.
"""

from __future__ import annotations

from collections.abc import Callable

from sheetdesk.io.load import Table
from sheetdesk.io.values import is_blank
from sheetdesk.report import Report
from sheetdesk.schema.statuses import SLA_TARGETS
from sheetdesk.validation.messages import label, quoted, show
from sheetdesk.validation.text import plausible_phone, plausible_postcode

# Repair-log events measured from reported_at (SPEC §2: each ≥ reported_at).
REPAIR_EVENTS = tuple(t.event for t in SLA_TARGETS)


def check_not_before(table: Table, report: Report, later: str, earlier: str) -> None:
    """`later` must not be before `earlier` in the same record; error at `later`."""
    if later not in table.values or earlier not in table.values:
        return
    for i, (a, b) in enumerate(zip(table.values[later], table.values[earlier], strict=True)):
        if a is not None and b is not None and a < b:
            report.error(
                "date.order",
                f"{label(table, later)} {show(a)} is before {label(table, earlier)} {show(b)}",
                **table.where(i, later),
            )


def check_text(table: Table, report: Report, key: str, ok: Callable[[str], bool], code: str, problem: str) -> None:
    """A warning on every text cell of `key` that `ok` rejects."""
    if key not in table.values:
        return
    name = label(table, key)
    for i, value in enumerate(table.values[key]):
        if value is not None and not ok(value):
            report.warning(code, f"{name} {quoted(value)} {problem}", **table.where(i, key))


def check_sales(table: Table, report: Report) -> None:
    check_not_before(table, report, "acceptance_date", "sale_date")
    check_text(
        table,
        report,
        "phone",
        plausible_phone,
        "phone.implausible",
        "is not a plausible phone number (7 to 15 digits expected)",
    )
    check_text(
        table,
        report,
        "postcode",
        plausible_postcode,
        "postcode.format",
        "is not 6 digits (a postcode starting with 0 needs the column formatted as text)",
    )


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
    name = label(table, "fault_level")
    if not table.has("fault_level"):
        report.error(
            "fault_level.missing",
            f"column '{name}' is missing; a fault level is required for repairs ({len(repairs)} rows)",
            sheet=table.sheet_name,
            row=table.location.header_row,
            column="fault_level",
            file=str(table.file),
        )
        return
    raw = table.raw["fault_level"]
    text = f"{name} is required for a repair ({label(table, 'request_type')} is Repair or blank)"
    for i in repairs:
        if is_blank(raw[i]):
            report.error("fault_level.missing", text, **table.where(i, "fault_level"))


def check_callbacks(table: Table, report: Report) -> None:
    """A dissatisfied customer must be escalated to a supervisor."""
    satisfaction = table.column("satisfaction")
    escalated = table.raw.get("escalated_to")
    at = "escalated_to" if escalated is not None else "satisfaction"
    sat_field = table.register.field("satisfaction")
    assert sat_field.enum is not None
    dissatisfied = sat_field.enum.label("dissatisfied", table.lang)
    text = (
        f"{label(table, 'satisfaction')} is {dissatisfied} but {label(table, 'escalated_to')} is blank; "
        "name the supervisor it was escalated to"
    )
    for i, value in enumerate(satisfaction):
        if value == "dissatisfied" and (escalated is None or is_blank(escalated[i])):
            report.error("escalation.missing", text, **table.where(i, at))


RECORD_RULES: dict[str, Callable[[Table, Report], None]] = {
    "sales": check_sales,
    "repairs": check_repairs,
    "callbacks": check_callbacks,
}
