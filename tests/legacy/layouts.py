"""Legacy logs as clerks keep them, built the way their programs write them.

Each builder writes one file and documents what a correct import must
recover from it (`EXPECTED_*`), so that tests assert every field.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import openpyxl.styles
import xlsxwriter

D = dt.datetime


def merged_header_xlsx(path: Path) -> Path:
    """A title row, a two-row merged header (时间 over 报修 / 修复), merged carried-down
    date and branch cells, a serial date in General format, a totals row and a footer note."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("2023年5月")
    bold = wb.add_format({"bold": True, "align": "center", "border": 1})
    date = wb.add_format({"num_format": "yyyy-mm-dd", "valign": "vcenter"})
    time = wb.add_format({"num_format": "hh:mm"})
    ws.merge_range("A1:I1", "某某医疗设备有限公司 维修记录表（2023年5月）", bold)
    for col, label in zip("ABCFGHI", ["单号", "出厂编号", "日期", "故障级别", "故障描述", "网点", "备注"], strict=True):
        ws.merge_range(f"{col}2:{col}3", label, bold)
    ws.merge_range("D2:E2", "时间", bold)
    ws.write("D3", "报修", bold)
    ws.write("E3", "修复", bold)
    # Row 4-7: four repairs. C4:C5 one date for two rows, H4:H6 one branch for three.
    ws.write_string("A4", "W-001")
    ws.write_string("B4", "SN0001")
    ws.merge_range("C4:C5", "", date)
    ws.write_datetime("C4", D(2023, 5, 1), date)
    ws.write_datetime("D4", dt.time(9, 30), time)
    ws.write_datetime("E4", dt.time(11, 0), time)
    ws.write_string("F4", "Ⅱ")
    ws.write_string("G4", "不开机")
    ws.merge_range("H4:H6", "北京", bold)
    ws.write_string("A5", "W-002")
    ws.write_string("B5", "SN0002")
    ws.write_string("D5", "14:05")
    ws.write_string("E5", "16：20")
    ws.write_string("F5", "一级")
    ws.write_string("G5", "屏幕闪烁")
    ws.write_string("I5", "客户催修")
    ws.write_string("A6", "W-003")
    ws.write_string("B6", "00123")
    ws.write_number("C6", 45050)  # 2023-05-04 as a serial in General format
    ws.write_number("D6", 0.375)  # 09:00 as a fraction of a day
    ws.write_string("E6", "17:30")
    ws.write_number("F6", 3)
    ws.write_string("G6", "漏液")
    ws.write_string("A7", "W-004")
    ws.write_string("B7", "SN0004")
    ws.write_string("C7", "2023年5月6日")
    ws.write_string("D7", "8:00")
    ws.write_string("E7", "24:00")
    ws.write_string("F7", "IV")
    ws.write_string("G7", "异响")
    ws.write_string("H7", "上海")
    ws.write_string("I7", "/")
    ws.write_string("A8", "合计")
    ws.write_number("G8", 4)
    ws.write_string("A10", "制表人：王五")
    ws.set_column("J:L", 12, date)  # phantom columns: formatted, never filled
    wb.close()
    return path


MERGED_ROWS = {"read": 7, "written": 4, "rejected": 2, "above_header": 1}  # the title row is read, above the header
EXPECTED_MERGED = {
    "W-001": {"serial_no": "SN0001", "reported_at": D(2023, 5, 1, 9, 30), "resolved_at": D(2023, 5, 1, 11, 0),
              "fault_level": "II", "fault_description": "不开机", "branch": "北京"},
    "W-002": {"serial_no": "SN0002", "reported_at": D(2023, 5, 1, 14, 5), "resolved_at": D(2023, 5, 1, 16, 20),
              "fault_level": "I", "fault_description": "屏幕闪烁", "branch": "北京", "notes": "客户催修"},
    "W-003": {"serial_no": "00123", "reported_at": D(2023, 5, 4, 9, 0), "resolved_at": D(2023, 5, 4, 17, 30),
              "fault_level": "III", "fault_description": "漏液", "branch": "北京"},
    "W-004": {"serial_no": "SN0004", "reported_at": D(2023, 5, 6, 8, 0), "resolved_at": D(2023, 5, 7, 0, 0),
              "fault_level": "IV", "fault_description": "异响", "branch": "上海"},
}


def kpi_block_xlsx(path: Path) -> Path:
    """English log with a title, a KPI block and a blank row above the header (openpyxl)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    ws.append(["Service log - Q1 2023"])
    ws.append(["Total tickets", 3, "Resolved", 2])
    ws.append(["SLA met", "95%"])
    ws.append([])
    ws.append(["Case #", "Serial Number", "Opened", "Priority", "Short description", "Assigned to", "Resolved",
               "Channel", "Site", "Extra"])
    ws.append(["C-1", "A100", "26/01/2023 02:23 PM", "2 - High", "Printer jam", "Tom", "27/01/2023 09:00", "Phone",
               "North", "x1"])
    ws.append(["C-2", "A101", "13/02/2023 10:00", "1 - Critical", "No power", "Ann", None, "Email", "North", None])
    ws.append(["C-3", "A102", "03/03/2023 08:15", "4 - Low", "Noise", None, "04/03/2023 17:45", "Walk-in", "South",
               "x3"])
    # Phantom columns and formatted-empty rows: styled cells holding nothing but a space.
    fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    for row in range(1, 20):
        for col in range(11, 14):
            ws.cell(row=row, column=col, value=" ").fill = fill
    for row in range(9, 20):
        ws.cell(row=row, column=1, value=" ").number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


EXPECTED_KPI = {
    "C-1": {"serial_no": "A100", "reported_at": D(2023, 1, 26, 14, 23), "fault_level": "II",
            "fault_description": "Printer jam", "technician": "Tom", "resolved_at": D(2023, 1, 27, 9, 0),
            "channel": "phone", "branch": "North", "notes": "Extra: x1"},
    "C-2": {"reported_at": D(2023, 2, 13, 10, 0), "fault_level": "I", "channel": "email", "resolved_at": None},
    "C-3": {"reported_at": D(2023, 3, 3, 8, 15), "fault_level": "IV", "channel": "visit",
            "resolved_at": D(2023, 3, 4, 17, 45), "branch": "South", "notes": "Extra: x3"},
}


def gbk_csv(path: Path) -> Path:
    """A GBK CSV: a title row, 同上 markers, placeholders, full-width and odd times, a totals row."""
    rows = [
        ["2023年5月报修登记", "", "", "", "", "", "", "", ""],
        ["报修单号", "报修日期", "开始时间", "结束时间", "故障描述", "故障等级", "配件费", "网点", "维修人"],
        ["WX001", "2023年5月1日", "7:00", "12：:30", "不制冷", "一级", "1,200", "城东", "张三"],
        ["WX002", "同上", "730", "12;30", "漏水", "Ⅱ", "-", "同上", "李四"],
        ["WX003", "２０２３年５月２日", "１４：３０", "/", "噪音大", "3", "?", "城西", "#"],
        ["", "", "", "", "", "", "", "", ""],
        ["WX004", "2023.5.3", "23:10", "1:20", "不启动", "四级", "2,345.50", "同上", "????"],
        ["合计", "", "", "", "", "", "3,545.50", "", ""],
    ]
    with path.open("w", encoding="gbk", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


EXPECTED_GBK = {
    "WX001": {"reported_at": D(2023, 5, 1, 7, 0), "resolved_at": D(2023, 5, 1, 12, 30), "fault_level": "I",
              "parts_cost": 1200, "branch": "城东", "technician": "张三", "fault_description": "不制冷"},
    "WX002": {"reported_at": D(2023, 5, 1, 7, 30), "resolved_at": D(2023, 5, 1, 12, 30), "fault_level": "II",
              "parts_cost": None, "branch": "城东", "technician": "李四"},
    "WX003": {"reported_at": D(2023, 5, 2, 14, 30), "resolved_at": None, "fault_level": "III", "parts_cost": None,
              "branch": "城西", "technician": None},
    "WX004": {"reported_at": D(2023, 5, 3, 23, 10), "resolved_at": D(2023, 5, 4, 1, 20), "fault_level": "IV",
              "parts_cost": 2345.5, "branch": "城西", "technician": None},
}


def date_orders_csv(path: Path, *, bom: bool = True) -> Path:
    """UTF-8 CSV: reported day-first, resolved month-first; trailing commas (phantom columns)."""
    rows = [
        ["Ticket No", "Reported At", "Resolved At", "Fault Description", "Fault Level", "", ""],
        ["T1", "13/01/2023 09:00", "01/13/2023 17:00", "Fan", "II", "", ""],
        ["T2", "02/03/2023 10:00", "03/02/2023 12:00", "Lamp", "III", "", ""],
        ["", "", "", "", "", "", ""],
        ["T3", "28/02/2023", "03/01/2023 08:00", "Door", "I", "", ""],
    ]
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def ambiguous_csv(path: Path) -> Path:
    rows = [
        ["Ticket No", "Reported At", "Fault Description"],
        ["A1", "03/04/2023 09:00", "Fan"],
        ["A2", "05/06/2023", "Lamp"],
        ["A3", "2023-07-08 10:00", "Door"],
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def serial_dates_xlsx(path: Path) -> Path:
    """Excel serials as numbers (General format) and as text, with and without a time."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Ticket No", "Reported At", "Resolved At", "Fault Description"])
    ws.append(["S1", 45000, "45000.75", "Fan"])
    ws.append(["S2", "45001", 45001.5, "Lamp"])
    ws.append(["S3", 45002.25, None, "Door"])
    wb.save(path)
    return path


EXPECTED_SERIAL = {
    "S1": {"reported_at": D(2023, 3, 15), "resolved_at": D(2023, 3, 15, 18, 0)},
    "S2": {"reported_at": D(2023, 3, 16), "resolved_at": D(2023, 3, 16, 12, 0)},
    "S3": {"reported_at": D(2023, 3, 17, 6, 0), "resolved_at": None},
}


def callbacks_csv(path: Path) -> Path:
    """A callback sheet with separate date and time columns and legacy satisfaction words."""
    rows = [
        ["单号", "日期", "时间", "回访人", "满意度", "客户意见"],
        ["WX001", "2023/5/3", "10:00", "小王", "很满意", "好"],
        ["WX002", "", "10:30", "小王", "不满意", "太慢"],
        ["WX003", "2023/5/4", "9:15", "小李", "比较满意", ""],
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


EXPECTED_CALLBACKS = [
    {"ticket_no": "WX001", "callback_at": D(2023, 5, 3, 10, 0), "caller": "小王", "satisfaction": "satisfied",
     "comments": "好"},
    {"ticket_no": "WX002", "callback_at": D(2023, 5, 3, 10, 30), "satisfaction": "dissatisfied"},
    {"ticket_no": "WX003", "callback_at": D(2023, 5, 4, 9, 15), "satisfaction": "basically_satisfied"},
]


def sales_xlsx(path: Path) -> Path:
    """A sales list whose phone column has an unknown header (found by content)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "销售"
    ws.append(["序列号", "品名", "机型", "购机日期", "客户名称", "联络", "所属网点"])
    ws.append(["0001", "监护仪", "M-1", "2023-01-05", "市一医院", "13800138000", "城东"])
    ws.append(["0002", "监护仪", "M-1", "2023-01-06", "市二医院", "010-88886666", "城东"])
    ws.append(["0003", "呼吸机", "V-2", "2023-02-01", "县医院", "13900139000", "城西"])
    wb.save(path)
    return path


def repeated_header_csv(path: Path) -> Path:
    rows = [
        ["Ticket No", "Reported At", "Fault Description", "Fault Level"],
        ["R1", "2023-05-01 09:00", "Fan", "I"],
        ["Ticket No", "Reported At", "Fault Description", "Fault Level"],
        ["R2", "2023-05-02 09:00", "Lamp", "II"],
        ["R1", "2023-05-01 09:00", "Fan (fixed)", "I"],
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path
