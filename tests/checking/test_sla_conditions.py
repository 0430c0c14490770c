"""SLA rows per customer, contract, category and service area (SPEC §8), end to end through
`sheetdesk check --policy`: which row each repair gets, `sla_rule`, the computed column and the
policy finding for two rows as specific as each other. Expected values worked out by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.schema import REPAIRS, SALES
from sheetdesk.schema.policy import DEFAULT_POLICY_ROWS
from sheetdesk.schema.policy import SLA as SLA_SHEET
from tests.checking.books import D, T, columns_by_label, run_json, write_book
from tests.helpers.labels import header

SALE_KEYS = ("serial_no", "product", "model", "category", "sale_date", "customer", "branch", "contract_no",
             "service_area")  # fmt: skip
REPAIR_KEYS = ("ticket_no", "serial_no", "reported_at", "request_type", "fault_level", "fault_description",
               "responded_at", "on_site_at", "resolved_at")  # fmt: skip
# The built-in SLA sheet: header, then rows 2..7 (repair I..IV, complaint, consultation).
SLA_HEADER, *DEFAULT_SLA = DEFAULT_POLICY_ROWS["sla"]
COLUMN = {f.key: i for i, f in enumerate(SLA_SHEET.fields)}


def sla_row(level: str, *, response: str | None = None, on_site: str | None = None, resolve: str | None = None,
            calendar: str = "24x7", **conditions: str) -> list[Any]:  # fmt: skip
    row: list[Any] = [None] * len(SLA_SHEET.fields)
    row[COLUMN["request_type"]], row[COLUMN["fault_level"]], row[COLUMN["calendar"]] = "repair", level, calendar
    for key, value in {"response": response, "on_site": on_site, "resolve": resolve, **conditions}.items():
        row[COLUMN[key]] = value
    return row


def sale(serial: str, customer: str, contract: str | None = None, area: str | None = None) -> list[Any]:
    return [serial, "Infusion Pump", "P-100", "pump", D(2025, 1, 10), customer, "Beijing", contract, area]


def repair(ticket: str, serial: str, reported: T, level: str, **events: T) -> list[Any]:
    return [ticket, serial, reported, "Repair", level, "No power", events.get("responded"), events.get("on_site"),
            events.get("resolved")]


def check(tmp_path: Path, extra_rows: list[list[Any]], sales: list[list[Any]], repairs: list[list[Any]],
          as_of: str = "2025-03-20") -> tuple[dict[str, Any], Path]:  # fmt: skip
    policy = write_book(tmp_path / "policy.xlsx", {"SLA": [SLA_HEADER, *DEFAULT_SLA, *extra_rows]})
    book = write_book(tmp_path / "book.xlsx", {"Sales": [header(SALES, *SALE_KEYS), *sales],
                                               "Repairs": [header(REPAIRS, *REPAIR_KEYS), *repairs]})  # fmt: skip
    out = tmp_path / "out.xlsx"
    return run_json(book, "--policy", policy, "--as-of", as_of, "-o", out), out


def test_a_contract_row_with_a_7x24_calendar_overrides_the_default_for_one_customer(tmp_path: Path) -> None:
    # Row 8: City Hospital's contract HT-7 gets resolve 8h round the clock, whatever the level.
    contract = sla_row("*", response="1h", resolve="8h", calendar="7x24", customer="City Hospital", contract_no="HT-7")
    doc, out = check(
        tmp_path, [contract],
        [sale("SN-1", "City Hospital", "HT-7"), sale("SN-2", "Town Clinic", "HT-8")],
        [  # both level III, reported Friday 2025-03-07 16:00
            repair("T-1", "SN-1", T(2025, 3, 7, 16), "III"),
            repair("T-2", "SN-2", T(2025, 3, 7, 16), "III"),
        ],
    )  # fmt: skip
    t1, t2 = doc["repairs"]
    # T-1: 16:00 + 8h = Saturday 00:00 (24x7); response 17:00.
    assert (t1["sla_rule"], t1["resolve_due"], t1["response_due"]) == (8, "2025-03-08T00:00:00", "2025-03-07T17:00:00")
    # T-2: the default level III row (row 4): 3 working days = Wed 03-12 16:00; response 4h = Mon 12:00.
    assert (t2["sla_rule"], t2["resolve_due"], t2["response_due"]) == (4, "2025-03-12T16:00:00", "2025-03-10T12:00:00")
    assert [i["code"] for i in doc["issues"]] == []
    ws = openpyxl.load_workbook(out)["Repairs"]
    cols = columns_by_label(ws, 1)
    assert [ws.cell(r, cols["SLA Rule (row)"]).value for r in (2, 3)] == [8, 4]


def test_in_the_city_and_in_another_province_the_on_site_target_differs(tmp_path: Path) -> None:
    # 本市: on site within 2h; 外省: within 24h (level II, 24x7). A sale without an area keeps row 3.
    rows = [sla_row("II", on_site="2h", resolve="8h", service_area="本市"),  # row 8
            sla_row("II", on_site="24h", resolve="48h", service_area="外省")]  # row 9  # fmt: skip
    doc, _ = check(
        tmp_path, rows,
        [sale("SN-1", "A", area="本市"), sale("SN-2", "B", area=" 外省 "), sale("SN-3", "C")],
        [  # all reported Monday 2025-03-03 09:00, on site Tuesday 08:00 (23h later)
            repair("T-1", "SN-1", T(2025, 3, 3, 9), "II", on_site=T(2025, 3, 4, 8)),
            repair("T-2", "SN-2", T(2025, 3, 3, 9), "II", on_site=T(2025, 3, 4, 8)),
            repair("T-3", "SN-3", T(2025, 3, 3, 9), "II", on_site=T(2025, 3, 4, 8)),
        ],
    )  # fmt: skip
    got = [(r["sla_rule"], r["on_site_due"], r["on_site_status"], r["on_site_over_minutes"]) for r in doc["repairs"]]
    assert got == [
        (8, "2025-03-03T11:00:00", "breached", 21 * 60),  # due 11:00, 21h late
        (9, "2025-03-04T09:00:00", "met", 0),  # due Tuesday 09:00: an hour to spare
        (3, "2025-03-03T11:00:00", "breached", 21 * 60),  # the default level II row
    ]


def test_two_rows_as_specific_matching_one_repair_are_a_policy_finding_naming_both(tmp_path: Path) -> None:
    rows = [sla_row("*", resolve="4h", customer="City Hospital"),  # row 8
            sla_row("*", resolve="6h", service_area="外省")]  # row 9: one condition too  # fmt: skip
    doc, _ = check(
        tmp_path, rows,
        [sale("SN-1", "City Hospital", area="外省"), sale("SN-2", "City Hospital", area="本市")],
        [repair("T-1", "SN-1", T(2025, 3, 3, 9), "II"), repair("T-2", "SN-1", T(2025, 3, 4, 9), "III"),
         repair("T-3", "SN-2", T(2025, 3, 3, 9), "II")],
    )  # fmt: skip
    # T-1 and T-2 match both rows 8 and 9: row 8 (the first) is used; told once, at row 9's condition cell.
    assert [r["sla_rule"] for r in doc["repairs"]] == [8, 8, 8]
    assert doc["repairs"][0]["resolve_due"] == "2025-03-03T13:00:00"
    (finding,) = doc["issues"]
    assert (finding["code"], finding["severity"], finding["sheet"], finding["cell"]) == (
        "policy.ambiguous_sla", "warning", "SLA", "L9"
    )  # fmt: skip
    assert finding["message"] == (
        "this SLA row and row 8 are as specific as each other and both apply to ticket T-1; row 8 is used"
    )
    assert doc["valid"] is True


def test_two_rows_with_identical_conditions_are_a_policy_error(tmp_path: Path) -> None:
    rows = [sla_row("II", resolve="4h", customer="City Hospital"), sla_row("II", resolve="6h", customer="CITY hospital")]
    doc, _ = check(tmp_path, rows, [sale("SN-1", "City Hospital")], [repair("T-1", "SN-1", T(2025, 3, 3, 9), "II")])
    assert [(i["code"], i["cell"]) for i in doc["issues"]] == [("policy.duplicate_row", "B9")]
    assert doc["valid"] is False and doc["repairs"] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_finding_reads_in_both_languages(lang: str) -> None:
    from sheetdesk.findings import kind_of

    text = kind_of("policy.ambiguous_sla").message.render(lang, row=8, ticket="T-1")
    assert text == {
        "en": "this SLA row and row 8 are as specific as each other and both apply to ticket T-1; row 8 is used",
        "zh": "此服务时限行与第 8 行同样具体，且都适用于报修单 T-1；采用第 8 行",
    }[lang]
