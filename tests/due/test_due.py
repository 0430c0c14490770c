"""`sheetdesk due` on a desk built for it (tests/due/books.py): exactly the items worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk import api
from sheetdesk.branches import split_master
from tests.due.books import AS_OF, EXPECTED, A, B, write_desk
from tests.helpers.cli import run

WHEN = AS_OF.isoformat()


def shown(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["branch"], item["kind"], item["detail"], item["ticket_no"] or item["serial_no"], item["due"],
            item["overdue"], item["technician"])  # fmt: skip


@pytest.fixture(params=["en", "zh"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    return request.param, write_desk(tmp_path / f"desk.{request.param}.xlsx", request.param)


def test_due_lists_exactly_the_expected_items_overdue_first(desk: tuple[str, Path]) -> None:
    lang, path = desk
    result = run("due", path, "--as-of", WHEN, "--json", "--lang", lang)
    assert result.code == 0, result.stderr
    document = result.json()
    assert [shown(i) for i in document["items"]] == EXPECTED
    assert document["counts"] == {"items": 11, "overdue": 6, "callback": 2, "sla": 5, "hold": 0, "loaner": 1,
                                  "visit": 2, "warranty": 1}  # fmt: skip
    assert (document["as_of"], document["until"], document["days"]) == (WHEN, "2026-03-17T23:59:59", 7)
    first = document["items"][0]  # the missing inspection: its unit's customer, and its row
    assert (first["occurrence"], first["customer"], first["phone"], first["sheet"], first["row"]) == (
        3, "Peking Clinic", "13800000002", "销售登记" if lang == "zh" else "Sales", 4)
    messages = [i["message"] for i in document["items"]]
    if lang == "zh":
        assert messages[:3] == ["第 3 次巡检未完成（补做仍计入）", "回访已逾期：请致电客户", "方案已超时"]
        assert messages[-1] == "免费保修即将到期：可推荐有偿维保合同或延长保修期限"
    else:
        assert messages[:3] == ["Inspection #3 missing: still counts if made late", "Callback overdue: call the customer",
                                "Plan overdue"]  # fmt: skip
        assert messages[-1] == "Free warranty ends: offer a paid maintenance contract or an extended warranty"


def test_the_json_is_the_library_result(desk: tuple[str, Path]) -> None:
    lang, path = desk
    cli = run("due", path, "--as-of", WHEN, "--days", "2", "--by", "technician", "--json", "--lang", lang).json()
    library = api.due([path], as_of=AS_OF, days=2, by="technician").to_json(lang)
    assert cli == json.loads(json.dumps(library, ensure_ascii=False, default=str))
    # a 2-day horizon (until Thu 03-12 23:59:59) keeps the overdue items and drops R4's resolve (Fri 09:00);
    # a warranty ending is listed 30 days ahead whatever the horizon
    assert sorted(shown(i)[3:5] for i in cli["items"] if not i["overdue"]) == [
        ("R2", "2026-03-12T23:59:59"), ("R4", "2026-03-10T13:00:00"), ("R4", "2026-03-11T09:00:00"),
        ("S2", "2026-03-31")]
    assert sum(i["overdue"] for i in cli["items"]) == 6
    assert [g["group"] for g in cli["groups"]] == ["Tech Bob", "Tech Kelly", "Tech Li", "Tech Zhao"]


def test_terminal_table_by_branch(desk: tuple[str, Path]) -> None:
    lang, path = desk
    result = run("due", path, "--as-of", WHEN, "--by", "branch", "--lang", lang)
    assert result.code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    if lang == "zh":
        assert lines[0] == "待办清单：截至 2026-03-10 09:00，到 2026-03-17 为止：11 项，其中 6 项已逾期"
        assert "== East Office：5 项，其中 3 项已逾期 ==" in lines
        assert "== 北京分公司：6 项，其中 3 项已逾期 ==" in lines
        header = lines[lines.index("== East Office：5 项，其中 3 项已逾期 ==") + 1]
        assert header.split() == ["到期时间", "状态", "事项", "单号/编号", "负责", "说明"]
    else:
        assert lines[0] == "Worklist as of 2026-03-10 09:00, due by 2026-03-17: 11 item(s), 6 overdue"
        east = lines.index("== East Office: 5 item(s), 3 overdue ==")
        assert lines[east + 1].split() == ["DUE", "STATUS", "ITEM", "TICKET/SERIAL", "WHO", "WHAT"]
        assert lines[east + 2].split()[:6] == ["2026-03-09", "09:30", "Overdue", "SLA", "R3", "East"]
        assert lines[east + 2].endswith("Plan overdue")


def test_the_worklist_workbook_has_a_sheet_per_branch_linked_to_the_rows(desk: tuple[str, Path], tmp_path: Path
                                                                          ) -> None:
    lang, path = desk
    out = tmp_path / "today" / "due.xlsx"
    out.parent.mkdir()
    result = run("due", path, "--as-of", WHEN, "--by", "branch", "-o", out, "--lang", lang)
    assert result.code == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [B, A]
    ws = wb[B]
    assert ws.auto_filter.ref == "A1:L6" and ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[4] or r[5]) for r in rows] == ["R3", "R3", "R3", "R2", "S2"]
    assert rows[0][8:11] == ("Harbor Dental", "Alice Smith", "15000000005")  # who to call
    link = ws.cell(2, 12)
    repairs = "维修记录" if lang == "zh" else "Repairs"
    assert link.value == (f"{repairs} 第 4 行" if lang == "zh" else f"{repairs} row 4")
    # relative to the worklist's folder (written the way Excel writes it, with backslashes)
    assert link.hyperlink.target.replace("\\", "/") == f"../{path.name}"
    assert link.hyperlink.location == f"'{repairs}'!A4"


def test_split_worklists_agree_with_due_by_branch(desk: tuple[str, Path], tmp_path: Path) -> None:
    lang, path = desk
    by_branch = api.due([path], as_of=AS_OF, by="branch")
    split = split_master(path, tmp_path / "branches", as_of=AS_OF)
    assert split.valid and [f.branch for f in split.files] == [A, B]
    for f in split.files:
        group = next(items for key, items in by_branch.groups() if by_branch.group_name(key, lang) == f.branch)
        expected = [(i.due, i.what(lang), i.ticket_no, i.serial_no, i.technician) for i in group]
        ws = openpyxl.load_workbook(f.path)["待办清单" if lang == "zh" else "Worklist"]
        lines = [(r[0].date() if r[0].time() == r[0].min.time() and i.kind in ("visit", "warranty") else r[0],
                  r[3], r[4], r[5], r[7])
                 for r, i in zip(ws.iter_rows(min_row=2, values_only=True), group, strict=True)]  # fmt: skip
        assert lines == expected
        assert f.counts["worklist"] == len(group)
        # each line links to its row in the branch file itself
        for cell in ws["L"][1:]:
            sheet, at = cell.hyperlink.location.split("!")
            assert openpyxl.load_workbook(f.path)[sheet.strip("'")][at].value in {i.ticket_no or i.serial_no
                                                                                  for i in group}


def test_without_a_plan_no_visit_is_listed(tmp_path: Path) -> None:
    path = write_desk(tmp_path / "desk.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb["Maintenance"]
    wb.save(path)
    document = run("due", path, "--as-of", WHEN, "--json").json()
    assert [shown(i) for i in document["items"]] == [e for e in EXPECTED if e[1] != "visit"]


def test_a_bad_policy_lists_nothing_and_says_why(tmp_path: Path) -> None:
    path = write_desk(tmp_path / "desk.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Maintenance"]["C2"] = "every now and then"
    wb.save(path)
    result = run("due", path, "--as-of", WHEN, "--lang", "en")
    assert result.code == 1
    assert "Maintenance!C2" in result.stdout and "cannot read 'every now and then' as an interval" in result.stdout
    assert result.stdout.splitlines()[-1] == "Nothing listed: the policy has errors (see above)."


@pytest.mark.parametrize("args", [["--days", "-1"], ["--by", "customer"], ["--as-of", "soon"]])
def test_bad_options_exit_2(args: list[str], tmp_path: Path) -> None:
    path = write_desk(tmp_path / "desk.xlsx")
    result = run("due", path, *args)
    assert result.code == 2 and result.stderr.startswith("sheetdesk: error: ")
