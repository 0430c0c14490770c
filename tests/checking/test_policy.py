"""Which policy `check` uses: built-in < --policy FILE < policy sheets in the data workbook; a bad one computes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.schema.policy import WARRANTY as WARRANTY_SHEET
from tests.checking.books import REPAIRS, SALES, T, repair, run, run_json, sale, sla_sheet, write_book
from tests.helpers.labels import header

AS_OF = "2025-10-21T09:00"
WARRANTY = header(WARRANTY_SHEET)


def registers() -> dict[str, list[list[Any]]]:
    """One level II repair reported 2025-10-20 10:00 and resolved 2025-10-20 15:30 (24x7)."""
    return {
        "Sales": [SALES, sale("SN-1")],
        "Repairs": [REPAIRS, repair("T-1", "SN-1", T(2025, 10, 20, 10, 0), "II", responded=T(2025, 10, 20, 10, 20),
                                    plan=T(2025, 10, 20, 11, 0), on_site=T(2025, 10, 20, 11, 30),
                                    resolved=T(2025, 10, 20, 15, 30))],
    }


def resolve(document: dict[str, Any]) -> tuple[str, str]:
    (row,) = document["repairs"]
    return row["resolve_due"], row["resolve_status"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("policy")


@pytest.fixture(scope="module")
def data(folder: Path) -> Path:
    return write_book(folder / "data.xlsx", registers())


@pytest.fixture(scope="module")
def four_hours(folder: Path) -> Path:
    return write_book(folder / "policy-4h.xlsx", {"SLA": sla_sheet("4h")})


def test_built_in_policy(data: Path) -> None:
    assert resolve(run_json(data, "--as-of", AS_OF)) == ("2025-10-20T18:00:00", "met")


def test_policy_file_changes_the_due_times(data: Path, four_hours: Path) -> None:
    document = run_json(data, "--as-of", AS_OF, "--policy", four_hours)
    assert resolve(document) == ("2025-10-20T14:00:00", "breached")
    assert document["repairs"][0]["resolve_over_minutes"] == 90
    assert document["valid"] is True and document["stats"]["policy_ok"] is True


def test_a_sheet_missing_from_the_policy_file_keeps_the_default(data: Path, folder: Path) -> None:
    settings = write_book(folder / "settings.xlsx", {"Settings": [["setting", "value"], ["callback_days", 1]]})
    document = run_json(data, "--as-of", AS_OF, "--policy", settings)
    assert resolve(document) == ("2025-10-20T18:00:00", "met")  # the SLA sheet is still the default
    assert document["repairs"][0]["callback_due"] == "2025-10-21T23:59:59"  # 1 day instead of 3


def test_policy_sheets_in_the_data_workbook_win(folder: Path, four_hours: Path) -> None:
    data = write_book(folder / "with-policy.xlsx", {**registers(), "服务时限": sla_sheet("6h")})
    assert resolve(run_json(data, "--as-of", AS_OF)) == ("2025-10-20T16:00:00", "met")
    assert resolve(run_json(data, "--as-of", AS_OF, "--policy", four_hours)) == ("2025-10-20T16:00:00", "met")


def bad_policy_sheets() -> dict[str, list[list[Any]]]:
    sla = sla_sheet("4 hours-ish")  # level II resolve: row 3, column F
    warranty = [WARRANTY, ["*", 7, 15, 12, None, "acceptance", 2], ["*", 7, 15, 24, None, "sale", 2]]
    return {"SLA": sla, "Warranty": warranty}


def assert_nothing_computed(document: dict[str, Any]) -> None:
    assert document["valid"] is False and document["stats"]["policy_ok"] is False
    assert (document["repairs"], document["sales"], document["kpis"]) == ([], [], {})


def test_bad_policy_file_is_reported_at_its_cells_and_nothing_is_computed(data: Path, folder: Path) -> None:
    policy = write_book(folder / "bad.xlsx", bad_policy_sheets())
    out = folder / "bad-out.xlsx"
    code, stdout, err = run(data, "--as-of", AS_OF, "--policy", policy, "-o", out)
    assert code == 1 and err == ""
    assert "Nothing computed: the policy has errors (see above)." in stdout
    document = run_json(data, "--as-of", AS_OF, "--policy", policy)
    assert_nothing_computed(document)
    found = {(i["code"], i["sheet"], i["cell"]) for i in document["issues"]}
    assert ("policy.bad_duration", "SLA", "F3") in found
    assert ("policy.duplicate_default", "Warranty", "A3") in found  # the second '*' row
    assert all(i["file"] == str(policy) for i in document["issues"])
    line = next(x for x in stdout.splitlines() if "SLA!F3" in x)
    assert line.split()[:3] == ["error", "bad.xlsx:SLA!F3", "policy.bad_duration"]  # names the policy file
    assert "'4 hours-ish'" in line
    wb = openpyxl.load_workbook(out)
    assert "Summary" not in wb.sheetnames and "Issues" in wb.sheetnames
    header = [c.value for c in wb["Repairs"][1] if c.value is not None]
    assert header == REPAIRS  # no computed columns from a bad policy


def test_bad_policy_sheet_inside_the_data_workbook(folder: Path, four_hours: Path) -> None:
    data = write_book(folder / "bad-inside.xlsx", {**registers(), **bad_policy_sheets()})
    document = run_json(data, "--as-of", AS_OF, "--policy", four_hours)
    assert_nothing_computed(document)
    bad = next(i for i in document["issues"] if i["code"] == "policy.bad_duration")
    assert (bad["sheet"], bad["cell"], bad["row"], bad["column"]) == ("SLA", "F3", 3, "resolve")
    assert bad["file"] == str(data) and "4 hours-ish" in bad["message"]
    out = folder / "bad-inside-out.xlsx"
    code, stdout, _ = run(data, "--as-of", AS_OF, "-o", out)
    assert code == 1 and next(x for x in stdout.splitlines() if "policy.bad_duration" in x).split()[1] == "SLA!F3"
    cell = openpyxl.load_workbook(out)["SLA"]["F3"]
    assert cell.value == "4 hours-ish" and cell.comment is not None and "4 hours-ish" in cell.comment.text


def test_a_make_up_saturday_works_the_regular_day_not_the_saturday_half_day(folder: Path) -> None:
    # Saturday 2025-10-11 is a make-up workday (调休) in China; this calendar has Saturday mornings too.
    calendar = [["weekday", "start", "end"], ["Mon-Fri", "09:00", "17:00"], ["Sat", "09:00", "12:00"]]
    data = write_book(folder / "makeup.xlsx", {
        "Sales": [SALES, sale("SN-1")],
        "Repairs": [REPAIRS, repair("T-1", "SN-1", T(2025, 10, 11, 10, 0), "III")],
        "Calendar": calendar,
    })  # fmt: skip
    (row,) = run_json(data, "--as-of", "2025-10-11T12:00")["repairs"]
    assert row["response_due"] == "2025-10-11T14:00:00"  # 4 working hours on a 09:00-17:00 day


def test_absurd_policy_values_are_findings_not_internal_errors(data: Path, folder: Path) -> None:
    policy = write_book(folder / "absurd.xlsx", {
        "Settings": [["setting", "value"], ["callback_days", 1e12]],
        "Warranty": [["category", "free_months"], ["*", 1e9]],
        "SLA": sla_sheet("1" * 400 + "h"),
    })  # fmt: skip
    code, stdout, err = run(data, "--as-of", AS_OF, "--policy", policy)
    assert code == 1 and err == "" and "internal error" not in stdout
    document = run_json(data, "--as-of", AS_OF, "--policy", policy)
    assert_nothing_computed(document)
    found = {(i["code"], i["sheet"], i["cell"]): i["message"] for i in document["issues"]}
    assert "from 0 to 365" in found[("policy.bad_value", "Settings", "B2")]
    assert "from 0 to 1200" in found[("policy.bad_number", "Warranty", "B2")]
    assert ("policy.bad_duration", "SLA", "F3") in found


def test_policy_holidays_take_the_registers_date_forms(folder: Path) -> None:
    # Monday 2025-10-20 is a company holiday written as a register date would be: 20 Oct 2025.
    data = write_book(folder / "holiday.xlsx", {
        "Sales": [SALES, sale("SN-1")],
        "Repairs": [REPAIRS, repair("T-1", "SN-1", T(2025, 10, 20, 10, 0), "III")],
        "Holidays": [["date", "kind", "name"], ["20 Oct 2025", "-", "Company day"]],
    })  # fmt: skip
    document = run_json(data, "--as-of", AS_OF)
    assert document["stats"]["policy_ok"] is True
    (row,) = document["repairs"]
    assert row["response_due"] == "2025-10-21T13:00:00"  # 4 working hours from Tuesday 09:00
