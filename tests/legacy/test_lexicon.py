"""Headers of the systems legacy logs come from, as their exports name them (public field names, not test files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.legacy import import_legacy
from tests.legacy.test_evidence import targets, write_csv

EXPORTS = {
    "SAP PM notifications (QMEL field texts)": (
        ["Notification", "Notification type", "Description", "Equipment", "Malfunction start", "Malfunction end",
         "Basic finish date", "Reported by", "Damage code"],
        ["10004711", "M2", "Pump leaking at seal", "EQ-100233", "2024-03-04 08:10", "2024-03-04 15:40",
         "2024-03-20", "MILLER", "LEAK"],
        {"Notification": "ticket_no", "Description": "fault_description", "Malfunction start": "reported_at",
         "Malfunction end": "resolved_at", "Basic finish date": "keep", "Reported by": "keep",
         "Damage code": "fault_category"},
    ),
    "Salesforce cases": (
        ["Case Number", "Subject", "Case Origin", "Case Reason", "Date/Time Opened", "Date/Time Closed", "Priority"],
        ["00001026", "Generator starts but stops", "Phone", "Performance", "3/4/2024 9:10 AM", "3/6/2024 5:40 PM",
         "High"],
        {"Case Number": "ticket_no", "Subject": "fault_description", "Case Origin": "channel",
         "Case Reason": "keep", "Date/Time Opened": "reported_at", "Date/Time Closed": "resolved_at",
         "Priority": "fault_level"},
    ),
    "GLPI tickets": (
        ["ID", "Title", "Opening date", "Time to resolve", "Resolution date", "Assigned to - Technician",
         "Request source", "Category"],
        ["4711", "Printer jams on tray 2", "2024-03-04 09:12", "2024-03-06 09:12", "2024-03-05 16:00", "jdupont",
         "Phone", "Hardware > Printer"],
        {"ID": "ticket_no", "Title": "fault_description", "Opening date": "reported_at",
         "Time to resolve": "keep", "Resolution date": "resolved_at", "Assigned to - Technician": "technician",
         "Request source": "channel", "Category": "fault_category"},
    ),
    "Freshdesk tickets": (
        ["Ticket ID", "Subject", "Source", "Agent", "Created time", "Resolved time",
         "First response time (in hrs)", "Agent interactions"],
        ["88", "Cannot log in", "Email", "Priya Nair", "2024-03-04 09:12:00", "2024-03-04 12:00:00", "1.5", "3"],
        {"Ticket ID": "ticket_no", "Subject": "fault_description", "Source": "channel", "Agent": "technician",
         "Created time": "reported_at", "Resolved time": "resolved_at", "First response time (in hrs)": "keep",
         "Agent interactions": "keep"},
    ),
    "fleet repair orders": (
        ["RO #", "Unit #", "Date In", "Date Out", "Mileage at Failure", "Complaint", "Correction", "Mechanic",
         "Labor Cost", "Parts Cost", "Down Time"],
        ["RO-5512", "TRK-114", "2024-03-04", "2024-03-06", "184,220", "Brakes grinding", "Replaced front pads",
         "Luis Ortega", "240.00", "118.50", "2.5"],
        {"RO #": "ticket_no", "Unit #": "serial_no", "Date In": "reported_at", "Date Out": "resolved_at",
         "Mileage at Failure": "keep", "Complaint": "fault_description", "Mechanic": "technician",
         "Labor Cost": "labor_cost", "Parts Cost": "parts_cost", "Down Time": "keep"},
    ),
    "售后服务工单": (
        ["服务单编号", "报修时间", "派工人", "接单人", "签到时间", "完工确认时间", "故障现象", "工时费", "材料费", "维修单位"],
        ["FW240301", "2024-03-04 09:00", "王敏", "李强", "2024-03-04 13:20", "2024-03-04 16:00", "不制冷", "80", "120",
         "顺达制冷维修部"],
        {"服务单编号": "ticket_no", "报修时间": "reported_at", "派工人": "keep", "接单人": "technician",
         "签到时间": "on_site_at", "完工确认时间": "resolved_at", "故障现象": "fault_description",
         "工时费": "labor_cost", "材料费": "parts_cost", "维修单位": "keep"},
    ),
    "设备维修登记（送修）": (
        ["登记编号", "条码", "报修事项", "送修日期", "承办人", "开始维修时间", "取机日期", "故障根因", "客户确认", "服务商"],
        ["DJ2405001", "6901234567892", "开机无显示", "2024-05-06", "周明", "2024-05-07 09:30", "2024-05-09",
         "质量问题", "是", "城西服务商"],
        {"登记编号": "ticket_no", "条码": "serial_no", "报修事项": "fault_description", "送修日期": "reported_at",
         "承办人": "technician", "开始维修时间": "on_site_at", "取机日期": "resolved_at", "故障根因": "cause",
         "客户确认": "signed_off", "服务商": "branch"},
    ),
    "软件服务工单（QQ群）": (
        ["工单编码", "QQ群", "问题描述", "创建时间", "开始处理时间", "结束处理时间", "进度"],
        ["10001", "软件一号群", "服务器备份程序没有运行", "2018-11-21 09:18:26", "2018-11-21 09:20:00",
         "2018-11-21 09:32:24", "结束"],
        {"工单编码": "ticket_no", "QQ群": "keep", "问题描述": "fault_description", "创建时间": "reported_at",
         "开始处理时间": "on_site_at", "结束处理时间": "resolved_at", "进度": "keep"},
    ),
}


@pytest.mark.parametrize("system", list(EXPORTS))
def test_public_export_headers_map_to_their_meaning(system: str, tmp_path: Path) -> None:
    header, row, expected = EXPORTS[system]
    rows = [header] + [[f"{v}{i}" if k == 0 else v for k, v in enumerate(row)] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "export.csv", rows), "repairs")
    got = targets(result)
    assert {label: got[label] for label in expected} == expected


def test_the_id_of_a_person_or_a_thing_is_not_the_ticket(tmp_path: Path) -> None:
    rows = [["request_code", "equipment_id", "reporter_id", "fault_description", "report_time"]]
    rows += [[f"RR2024010{i}", i, 100 + i, "轴承异响", f"2024-01-1{i} 08:30:00"] for i in range(6)]
    got = targets(import_legacy(write_csv(tmp_path / "r.csv", rows), "repairs"))
    assert got["request_code"] == "ticket_no" and got["reporter_id"] == "keep"
    rows = [[r[2], r[3], r[4]] for r in rows]  # without the request code: still no ticket from the reporter
    got = targets(import_legacy(write_csv(tmp_path / "s.csv", rows), "repairs"))
    assert got["reporter_id"] == "keep"
