"""Chinese after-sales ledgers: the vocabulary clerks use across industries, read by general rules.

Each file is built here, small and synthetic, to show one rule; none is a copy of a measured file.
"""

from __future__ import annotations

from pathlib import Path

from sheetdesk.legacy import import_legacy
from tests.legacy.test_evidence import D, targets, write_csv


def test_the_repair_request_number_is_the_ticket_not_the_work_record_number(tmp_path: Path) -> None:
    rows = [["维修记录编号", "报修单ID", "维修人员", "完成时间"]]
    rows += [[f"WX-{i:03d}", f"BX-{i // 2:03d}", "王工", f"2024-05-{i + 1:02d} 16:00"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "r.csv", rows), "repairs")
    t = targets(result)
    assert t["报修单ID"] == "ticket_no" and t["维修记录编号"] == "keep"
    # two work records of one request: the last one is kept, the first is superseded (and listed)
    assert [r.code for r in result.rejects] == ["superseded"] * 3
    assert [rec["ticket_no"] for rec in result.records] == ["BX-000", "BX-001", "BX-002"]


def test_a_machine_numbered_by_its_kind_is_the_serial_number(tmp_path: Path) -> None:
    rows = [["焊机编号", "报修日期", "故障现象", "联系人手机号"]]
    rows += [[f"WM{i:03d}", f"2024-01-{i + 10}", "无法起弧", f"1380013800{i}"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "w.csv", rows), "repairs"))
    assert t["焊机编号"] == "serial_no" and t["联系人手机号"] == "keep"


def test_the_date_of_the_repair_is_when_it_was_fixed_not_reported(tmp_path: Path) -> None:
    rows = [["报修日期", "维修日期", "故障现象", "处理时间"]]
    rows += [[f"2024-03-{i + 1:02d}", f"2024-03-{i + 2:02d}", "漏水", ""] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "d.csv", rows), "repairs")
    t = targets(result)
    assert t["报修日期"] == "reported_at" and t["维修日期"] == "resolved_at"
    assert result.records[0]["resolved_at"] == D(2024, 3, 2)
    # a log with only the time something was handled: that is not the report time either
    rows = [["处理人", "处理时间", "处理结果"]]
    rows += [["张三", f"2024-01-15 1{i}:30:00", "已完成网络配置"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "h.csv", rows), "repairs"))
    assert t["处理时间"] == "resolved_at" and t["处理人"] == "technician"


def test_a_callback_date_is_never_taken_for_the_report_date(tmp_path: Path) -> None:
    rows = [["工单号", "故障描述", "回访时间"]]
    rows += [[f"G{i}", "不开机", f"2024-06-{i + 1:02d} 10:00"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "c.csv", rows), "repairs"))
    assert t["回访时间"] == "keep"


def test_row_numbers_under_xuhao_are_skipped_not_taken_for_the_ticket(tmp_path: Path) -> None:
    rows = [["序号", "报修日期", "故障现象", "维修人员"]]
    rows += [[i + 1, f"2024-01-{i + 10}", "异响", "李工"] for i in range(8)]
    result = import_legacy(write_csv(tmp_path / "x.csv", rows), "repairs")
    assert targets(result)["序号"] == "skip"
    assert all(rec["ticket_no"].startswith("IMP-") for rec in result.records)


def test_the_people_of_inspection_installation_and_site_work_are_technicians(tmp_path: Path) -> None:
    for header in ("巡查人员", "检查人", "安装人员", "维修师傅"):
        rows = [["设备编码", "巡查日期", header]] + [[f"SB{i}", f"2024-05-0{i + 1}", "刘强"] for i in range(6)]
        assert targets(import_legacy(write_csv(tmp_path / "p.csv", rows), "repairs"))[header] == "technician"


def test_what_the_caller_reported_is_the_fault_description(tmp_path: Path) -> None:
    rows = [["工单号", "受理时间", "反应内容", "来电"]]  # 反映 is often written 反应; 来电 alone is not a complaint
    rows += [[f"20191022{i:02d}", f"2019/10/2{i} 9:27:09", "井盖破损，需要更换", "是"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "f.csv", rows), "repairs"))
    assert t["反应内容"] == "fault_description" and t["来电"] == "keep"


def test_a_ticket_type_is_a_request_type_only_when_its_values_are(tmp_path: Path) -> None:
    kinds = ["管网-窨井类", "泵站-配电设备", "管网-吸污疏通"]
    rows = [["工单号", "工单类型", "受理时间"]] + [[f"G{i}", kinds[i % 3], f"2019-10-{i + 10}"] for i in range(9)]
    assert targets(import_legacy(write_csv(tmp_path / "a.csv", rows), "repairs"))["工单类型"] == "fault_category"
    kinds = ["维修", "安装", "保养"]
    rows = [["工单号", "工单类型", "受理时间"]] + [[f"G{i}", kinds[i % 3], f"2019-10-{i + 10}"] for i in range(9)]
    assert targets(import_legacy(write_csv(tmp_path / "b.csv", rows), "repairs"))["工单类型"] == "request_type"


def test_the_branch_a_ticket_belongs_to(tmp_path: Path) -> None:
    rows = [["单号", "所属网点", "报修时间"]] + [[f"D{i}", "城东服务站", f"2024-02-0{i + 1}"] for i in range(6)]
    assert targets(import_legacy(write_csv(tmp_path / "b.csv", rows), "repairs"))["所属网点"] == "branch"


def test_sign_off_lines_under_the_table_are_not_records(tmp_path: Path) -> None:
    rows = [["单号", "报修时间", "故障现象", "维修人员", "处理措施", "备注"]]
    rows += [[f"W{i}", f"2023-05-0{i + 1} 09:00", "不制冷", "王工", "更换配件", ""] for i in range(6)]
    rows += [
        ["制表人：张敏", "", "审核：李强", "", "", ""],
        ["", "", "", "", "", ""],
        ["制表人", "张敏", "", "", "", ""],
    ]
    rows += [["日期：2023.5.31", "备注：以上均已回访", "", "", "", ""]]
    result = import_legacy(write_csv(tmp_path / "s.csv", rows), "repairs")
    assert result.counts() == {"read": 9, "written": 6, "rejected": 3, "above_header": 0}
    assert [(r.row, r.code) for r in result.rejects] == [(8, "sign_off"), (10, "sign_off"), (11, "sign_off")]
    assert "制表人:张敏 | 审核:李强" in result.rejects[0].reason_text("en")  # as the reader folds it
    # a short record is still a record: values that are not labels
    rows = [rows[0]] + [[f"W{i}", f"2023-05-0{i + 1} 09:00", "不制冷", "王工", "更换配件", "x"] for i in range(6)]
    rows += [["W9", "2023-05-09 10:00", "", "", "", ""]]
    result = import_legacy(write_csv(tmp_path / "t.csv", rows), "repairs")
    assert result.counts()["written"] == 7


def test_clock_times_as_clerks_write_them(tmp_path: Path) -> None:
    rows = [["单号", "报修日期", "报修时间", "故障现象", "完成时间"]]
    times = ["上午9点", "下午3点半", "晚上8:30", "9点30分", "中午1点", "14时"]
    rows += [[f"W{i}", f"2023年5月{i + 1}日", t, "漏水", f"2023年5月{i + 2}日 下午2点"] for i, t in enumerate(times)]
    result = import_legacy(write_csv(tmp_path / "c.csv", rows), "repairs")
    got = [rec["reported_at"] for rec in result.records]
    assert got == [D(2023, 5, 1, 9), D(2023, 5, 2, 15, 30), D(2023, 5, 3, 20, 30), D(2023, 5, 4, 9, 30),
                   D(2023, 5, 5, 13), D(2023, 5, 6, 14)]  # fmt: skip
    assert all(rec["resolved_at"].hour == 14 for rec in result.records)


def test_dates_without_a_year_take_the_one_year_the_file_names(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年5月设备维修记录"])
    ws.append(["单号", "报修日期", "故障现象"])
    for i in range(6):
        ws.append([f"W{i}", f"5月{i + 1}日", "不制冷"])
    wb.save(tmp_path / "m.xlsx")
    result = import_legacy(tmp_path / "m.xlsx", "repairs")
    assert [rec["reported_at"] for rec in result.records][:2] == [D(2023, 5, 1), D(2023, 5, 2)]
    assert any(d.code == "dates.year" and "2023年5月设备维修记录" in d.message for d in result.decisions)


def test_dates_without_a_year_are_not_guessed(tmp_path: Path) -> None:
    rows = [["单号", "报修日期", "故障现象"]] + [[f"W{i}", f"5月{i + 1}日", "不制冷"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "维修登记.csv", rows), "repairs")  # no year anywhere
    assert targets(result)["报修日期"] == "reported_at"
    assert all("reported_at" not in rec and "报修日期: 5月" in rec["notes"] for rec in result.records)
    assert any(d.code == "dates.no_year" for d in result.decisions)
    assert sum(1 for i in result.report.issues if i.code == "import.value_unread") == 6
    # two years named (a title spanning a year end), or a column running from 12月 into 1月: not read either
    rows = [["单号", "报修日期", "故障现象"]] + [[f"W{i}", d, "漏水"] for i, d in enumerate(["12月30日", "1月2日"] * 3)]
    result = import_legacy(write_csv(tmp_path / "2023年维修登记.csv", rows), "repairs")
    assert all("reported_at" not in rec for rec in result.records)
    assert any(d.code == "dates.year_end" for d in result.decisions)


def test_the_report_is_the_first_moment_of_a_ticket(tmp_path: Path) -> None:
    # 受理时间 names the report time too; when the customer's own submission time is earlier in every row,
    # that is the report and acceptance is the response
    rows = [["诉求ID", "受理时间", "完成时间", "提交时间", "内容"]]
    rows += [[f"{12345 + i}", f"2024-01-0{i + 1} 10:00:00", f"2024-01-0{i + 1} 15:00:00",
              f"2024-01-0{i + 1} 09:0{i}:00", "宿舍网络无法连接"] for i in range(4)]  # fmt: skip
    result = import_legacy(write_csv(tmp_path / "m.csv", rows), "repairs")
    t = targets(result)
    assert t["提交时间"] == "reported_at" and t["受理时间"] == "responded_at" and t["诉求ID"] == "ticket_no"
    assert result.records[0]["reported_at"] == D(2024, 1, 1, 9, 0)
    assert any(d.code == "mapping.first_moment" for d in result.decisions)
    # not when the order is not the same in every row: then the stronger header keeps the key
    rows[2][3] = "2024-01-02 11:00:00"
    t = targets(import_legacy(write_csv(tmp_path / "n.csv", rows), "repairs"))
    assert t["受理时间"] == "reported_at" and t["提交时间"] == "keep"


def test_alarm_logs_and_closing_words(tmp_path: Path) -> None:
    rows = [["告警编号", "告警类型", "告警等级", "告警内容", "发生时间", "销记时间", "自动派单状态"]]
    kinds, levels = ["越限告警", "设备故障", "通讯故障"], ["高", "中", "低"]
    rows += [[f"ALM10{i}", kinds[i % 3], levels[i % 3], "汇流箱通讯中断", f"2026-01-04 0{i}:45:00",
              f"2026-01-05 0{i}:00:00", i % 3] for i in range(6)]  # fmt: skip
    t = targets(import_legacy(write_csv(tmp_path / "a.csv", rows), "repairs"))
    assert t["告警编号"] == "ticket_no" and t["告警类型"] == "fault_category" and t["告警等级"] == "fault_level"
    assert t["告警内容"] == "fault_description" and t["销记时间"] == "resolved_at"
    assert t["自动派单状态"] == "keep"  # a status code 0 / 1 / 2 is no fault level
