"""Planned visits through `sheetdesk check`: each case of issue #16's "Done when", on one workbook,
with due dates and statuses worked out by hand (the rule functions: tests/rules/test_schedule.py).

As of Monday 2026-03-16 00:00. Default warranty: 12 months free from the acceptance date, else the
sale date (free_until = start + 12 months - 1 day). The workbook's Maintenance sheet:

    *        return_visit  every 6m  first 6m  warranty  grace 15
    Office   inspection    every 1m  first 1m  lifetime  grace 0
    Lab      inspection    every 3m  first 3m  warranty  grace 0
    Medical  maintenance   every 1y  first 1y  lifetime  grace 10
    Tool     inspection    every 1m  first 1m  lifetime  grace 3

(every unit also gets the `*` return visits; each case below looks at one unit and one kind).
An occurrence opens the day after the previous due date, is on time until the end of due + grace,
and a late visit counts for it until the next due date. Occurrences are listed up to as-of, plus the
next one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sheetdesk.schema import REPAIRS, SALES, VISITS
from sheetdesk.schema.policy import MAINTENANCE
from tests.helpers.books import register_rows, write_book
from tests.helpers.cli import run

D, T = dt.date, dt.datetime
AS_OF = "2026-03-16T00:00"
SALES_KEYS = ["serial_no", "product", "model", "category", "sale_date", "acceptance_date", "customer", "branch"]
SALES_ROWS = [
    ["U1", "Desk", "D-1", "Desk", D(2025, 2, 20), D(2025, 3, 1), "Clinic 1", "North"],
    ["U2", "Copier", "C-1", "Office", D(2025, 12, 31), None, "Office 2", "North"],
    ["U3", "Scope", "S-1", "Lab", D(2025, 1, 15), None, "Lab 3", "North"],
    ["U4", "Pump", "P-1", "Medical", D(2022, 6, 30), None, "Hospital 4", "North"],
    ["U5", "Drill", "T-1", "Tool", D(2025, 12, 31), None, "Works 5", "North"],
    ["U6", "Drill", "T-1", "Tool", D(2025, 12, 31), None, "Works 6", "North"],
]
REPAIR_KEYS = ["ticket_no", "serial_no", "reported_at", "fault_level", "fault_description"]  # none: no repair
VISIT_KEYS = ["serial_no", "kind", "visit_at", "technician", "result"]
VISIT_ROWS = [
    ["U1", "return_visit", T(2025, 8, 20, 10), "Tech A", "normal"],
    ["U2", "inspection", T(2026, 1, 31, 15), "Tech B", "normal"],
    ["U3", "inspection", T(2025, 4, 10, 9), "Tech C", "normal"],
    ["U3", "inspection", T(2025, 7, 20, 9), "Tech C", "normal"],
    ["U3", "inspection", T(2026, 1, 10, 9), "Tech C", "normal"],
    ["U4", "maintenance", T(2023, 6, 28, 9), "Tech D", "normal"],
    ["U4", "maintenance", T(2024, 7, 10, 23, 59), "Tech D", "normal"],
    ["U4", "maintenance", T(2025, 7, 15, 9), "Tech D", "normal"],
    ["U5", "inspection", T(2026, 2, 3, 23, 59), "Tech E", "normal"],
    ["U5", "inspection", T(2026, 2, 20, 9), "Tech E", "normal"],
    ["U6", "inspection", T(2026, 2, 4, 0, 0), "Tech F", "normal"],
]
PLAN_ROWS = [
    ["*", "return_visit", "6m", "6m", "warranty", 15],
    ["Office", "inspection", "1m", "1m", "lifetime", 0],
    ["Lab", "inspection", "3m", "3m", "warranty", 0],
    ["Medical", "maintenance", "1y", "1y", "lifetime", 10],
    ["Tool", "inspection", "1m", "1m", "lifetime", 3],
]


@pytest.fixture(scope="module", params=["en", "zh"])
def checked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    lang = request.param
    path = write_book(tmp_path_factory.mktemp(f"plans-{lang}") / "plans.xlsx", {
        SALES.name(lang): register_rows(SALES, SALES_KEYS, SALES_ROWS, lang),
        REPAIRS.name(lang): register_rows(REPAIRS, REPAIR_KEYS, [], lang),
        VISITS.name(lang): register_rows(VISITS, VISIT_KEYS, VISIT_ROWS, lang),
        MAINTENANCE.name(lang): register_rows(MAINTENANCE, [f.key for f in MAINTENANCE.fields], PLAN_ROWS, lang),
    })  # fmt: skip
    result = run("check", path, "--as-of", AS_OF, "--json", "--lang", lang)
    assert result.code == 0, result.stdout + result.stderr
    return result.json()


def plan_of(document: dict[str, Any], serial: str, kind: str) -> list[tuple[Any, ...]]:
    """(occurrence, opens, due, on time until, status, visit_at) of one unit's visits of one kind."""
    return [(v["occurrence"], v["opens"], v["due"], v["on_time_until"], v["status"], v["visit_at"])
            for v in document["visits"] if v["serial_no"] == serial and v["kind"] == kind]  # fmt: skip


def next_due(document: dict[str, Any], serial: str) -> Any:
    return next(s["next_visit_due"] for s in document["sales"] if s["serial_no"] == serial)


def test_twice_yearly_return_visits_the_first_within_six_months(checked: dict[str, Any]) -> None:
    # U1 accepted 2025-03-01: free until 2026-02-28. The 1st is due six months after the start, 09-01
    # (on time until 09-16); start + 12 months (2026-03-01) is past free_until, so the 2nd is due on
    # free_until (on time until 03-15): twice in the warranty year. It was not made: missing, and it
    # still counts if made before 2026-09-01, so it is the next visit due.
    assert plan_of(checked, "U1", "return_visit") == [
        (1, "2025-03-01", "2025-09-01", "2025-09-16", "done", "2025-08-20T10:00:00"),
        (2, "2025-09-02", "2026-02-28", "2026-03-15", "missing", None),
    ]
    assert next_due(checked, "U1") == "2026-02-28"


def test_a_monthly_inspection_across_the_31st_and_february(checked: dict[str, Any]) -> None:
    # U2 from 2025-12-31: Jan 31, Feb 28, Mar 31 (counted from the start: not Mar 28). A visit on the
    # due day is on time; February's was not made and its grace (0 days) is over; March's is open.
    assert plan_of(checked, "U2", "inspection") == [
        (1, "2025-12-31", "2026-01-31", "2026-01-31", "done", "2026-01-31T15:00:00"),
        (2, "2026-02-01", "2026-02-28", "2026-02-28", "missing", None),
        (3, "2026-03-01", "2026-03-31", "2026-03-31", "due", None),
    ]
    assert next_due(checked, "U2") == "2026-02-28"  # February's still counts if made by 03-31


def test_a_plan_during_warranty_stops_at_free_until_with_a_late_visit(checked: dict[str, Any]) -> None:
    # U3 sold 2025-01-15, free until 2026-01-14. Quarterly: 04-15, 07-15, 10-15, then 2026-01-15 is past
    # free_until: due 2026-01-14; nothing after, however late as-of is. 07-20 is after July's due date
    # (no grace) and nearer it than October's: late for July. October's was missed (and can no longer be
    # made up: January's fell due). No inspection is left to make.
    assert plan_of(checked, "U3", "inspection") == [
        (1, "2025-01-15", "2025-04-15", "2025-04-15", "done", "2025-04-10T09:00:00"),
        (2, "2025-04-16", "2025-07-15", "2025-07-15", "late", "2025-07-20T09:00:00"),
        (3, "2025-07-16", "2025-10-15", "2025-10-15", "missing", None),
        (4, "2025-10-16", "2026-01-14", "2026-01-14", "done", "2026-01-10T09:00:00"),
    ]
    # Its return visits (the `*` row, also during warranty: 07-15, then 2026-01-14) were never made; the
    # second still counts if made before start + 18 months, 2026-07-15: it is the unit's next visit due.
    assert plan_of(checked, "U3", "return_visit") == [
        (1, "2025-01-15", "2025-07-15", "2025-07-30", "missing", None),
        (2, "2025-07-16", "2026-01-14", "2026-01-29", "missing", None),
    ]
    assert next_due(checked, "U3") == "2026-01-14"


def test_a_lifetime_plan_and_the_grace_window(checked: dict[str, Any]) -> None:
    # U4 sold 2022-06-30, yearly for as long as it serves, 10 days' grace. 2024-07-10 23:59 is on the last
    # day of grace: on time. 2025-07-15 is five days after the grace: late. 2026-06-30's window opened on
    # 2025-07-01: due now. The plan runs on after the warranty (which ended 2023-06-29).
    assert plan_of(checked, "U4", "maintenance") == [
        (1, "2022-06-30", "2023-06-30", "2023-07-10", "done", "2023-06-28T09:00:00"),
        (2, "2023-07-01", "2024-06-30", "2024-07-10", "done", "2024-07-10T23:59:00"),
        (3, "2024-07-01", "2025-06-30", "2025-07-10", "late", "2025-07-15T09:00:00"),
        (4, "2025-07-01", "2026-06-30", "2026-07-10", "due", None),
    ]
    assert next_due(checked, "U4") == "2026-06-30"


def test_visits_close_together_go_to_the_right_occurrence(checked: dict[str, Any]) -> None:
    # U5 and U6 monthly from 2025-12-31 with 3 days' grace: January's due 01-31, on time until 02-03,
    # and still open (late) until 02-28, when February's falls due; February's opened on 02-01.
    # U5: 02-03 23:59, in both windows, is nearer January's due date and on its last day of grace: on
    # time for January; 02-20 is then February's, done.
    assert plan_of(checked, "U5", "inspection") == [
        (1, "2025-12-31", "2026-01-31", "2026-02-03", "done", "2026-02-03T23:59:00"),
        (2, "2026-02-01", "2026-02-28", "2026-03-03", "done", "2026-02-20T09:00:00"),
        (3, "2026-03-01", "2026-03-31", "2026-04-03", "due", None),
    ]
    # U6: one minute later, 02-04 00:00, is past the grace: late for January (4 days from its due date,
    # 24 from February's), and February's stays missing.
    assert [v[4:] for v in plan_of(checked, "U6", "inspection")] == [
        ("late", "2026-02-04T00:00:00"), ("missing", None), ("due", None)]


def test_compliance_counts_the_cases(checked: dict[str, Any]) -> None:
    # Of the inspections and maintenance above (U2-U6), and the return visits of every unit:
    kinds = checked["kpis"]["visits"]["by_kind"]
    # inspections: U2 done, missing, due; U3 done, late, missing, done; U5 done, done, due; U6 late, missing, due
    assert {k: kinds["inspection"][k] for k in ("planned", "done", "late", "missing", "due", "upcoming")} == {
        "planned": 13, "done": 5, "late": 2, "missing": 3, "due": 3, "upcoming": 0}
    assert (kinds["inspection"]["rate"], kinds["inspection"]["on_time_rate"]) == (0.7, 0.5)
    assert {k: kinds["maintenance"][k] for k in ("planned", "done", "late", "due")} == {
        "planned": 4, "done": 2, "late": 1, "due": 1}
