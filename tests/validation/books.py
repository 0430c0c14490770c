"""Golden workbooks for the validation tests, built with xlsxwriter.

Each builder writes a workbook with planted problems and returns the issues
expected from it as a set of (severity, code, sheet, cell).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sheetdesk.schema import CALLBACKS, REPAIRS, SALES
from tests.helpers.books import write_book  # noqa: F401  (re-exported for the tests here)
from tests.helpers.labels import header

D = dt.date
T = dt.datetime
AS_OF = T(2025, 6, 1, 12, 0)
Expected = set[tuple[str, str, str, str | None]]


# Every column of each register, in the declared order, as a clerk's English header.
SALES_EN = header(SALES)
REPAIRS_EN = header(REPAIRS)
CALLBACKS_EN = header(CALLBACKS)


def sale(serial: Any, customer: Any = "Acme Hospital", sold: Any = D(2024, 1, 10), accepted: Any = D(2024, 1, 15),
         phone: Any = "010-12345678", postcode: Any = "100080", branch: Any = "Beijing") -> list[Any]:
    return [serial, "Infusion Pump", "P-100", "pump", sold, accepted, customer, "Li Lei", phone, None,
            "1 Main St", postcode, branch, "C-1", None, None]


def repair(ticket: Any, serial: Any = "SN001", reported: Any = T(2025, 3, 1, 9, 0), channel: Any = "Phone",
           kind: Any = "Repair", level: Any = "II", description: Any = "No power",
           resolved: Any = T(2025, 3, 1, 15, 0), parts_cost: Any = 20, responded: Any = T(2025, 3, 1, 9, 30),
           on_site: Any = T(2025, 3, 1, 11, 0), branch: Any = None) -> list[Any]:
    return [ticket, serial, reported, channel, kind, level, "power", description, responded, None,
            on_site, resolved, "Wang", "Quality", "Replace Part", "fuse", parts_cost, 50, 0,
            "No", "Yes", branch, None]


def callback(ticket: Any, at: Any = T(2025, 3, 2, 10, 0), satisfaction: Any = "Satisfied",
             escalated: Any = None) -> list[Any]:
    return [ticket, at, "Zhao", satisfaction, "fine", escalated, None]


def english_book(path: Path) -> Expected:
    """All three registers in English, header on row 1, plus a free-form sheet."""
    sales = [
        SALES_EN,
        sale("SN001"),                                                      # row 2: clean
        sale("SN002", accepted=D(2024, 1, 5), phone="12345", postcode="1000"),  # row 3
        sale("SN001", customer=None),                                       # row 4: duplicate, blank customer
        sale("00123", customer="=SUM(A1)", sold=D(2030, 1, 1), accepted=None),  # row 5: future sale date
    ]
    repairs = [
        REPAIRS_EN,
        repair("T1"),                                                       # row 2: clean
        repair("T2", serial="SN999", kind=None, level=None, resolved=T(2025, 2, 28, 8, 0),
               parts_cost=-5),                                              # row 3
        repair("T1", channel="pigeon", description=None),                   # row 4
        repair("T4", kind="Complaint", level=None, reported="not a date", responded=None,
               resolved=None),                                              # row 5
        repair("T5", serial="00123", reported=T(2026, 1, 1, 9, 0), responded=None, on_site=None,
               resolved=T(2026, 1, 2, 9, 0)),                               # row 6: future
    ]
    callbacks = [
        CALLBACKS_EN,
        callback("T1"),                                                     # row 2: clean
        callback("T9"),                                                     # row 3: unknown ticket
        callback("T1", at=T(2025, 3, 1, 12, 0), satisfaction="Dissatisfied"),  # row 4
    ]
    notes = [["Branch notes", None, None], [None, None, None], ["Checked on", D(2025, 5, 1), "=SUM(B1:B2)"]]
    write_book(path, {"Sales": sales, "Repairs": repairs, "Callbacks": callbacks, "Notes": notes},
               {"Notes": [(0, 0, 0, 2)]})
    return {
        ("error", "date.order", "Sales", "F3"),
        ("warning", "phone.implausible", "Sales", "I3"),
        ("warning", "postcode.format", "Sales", "L3"),
        ("error", "duplicate", "Sales", "A4"),
        ("error", "required", "Sales", "G4"),
        ("warning", "date.future", "Sales", "E5"),
        ("warning", "serial.unknown", "Repairs", "B3"),
        ("error", "date.order", "Repairs", "L3"),
        ("error", "range.negative", "Repairs", "Q3"),
        ("error", "fault_level.missing", "Repairs", "F3"),
        ("error", "duplicate", "Repairs", "A4"),
        ("error", "required", "Repairs", "H4"),
        ("error", "value.enum", "Repairs", "D4"),
        ("error", "value.datetime", "Repairs", "C5"),
        ("warning", "date.future", "Repairs", "C6"),
        ("warning", "date.future", "Repairs", "L6"),
        ("error", "ticket.unknown", "Callbacks", "A3"),
        ("error", "callback.before_resolved", "Callbacks", "B4"),
        ("error", "escalation.missing", "Callbacks", "F4"),
    }


# The Chinese headers, with a clerk's variations on two labels: a `*` required marker and stray spaces.
_SALES_ZH = header(SALES, lang="zh")
SALES_ZH = ["*" + _SALES_ZH[0], *_SALES_ZH[1:4], f" {_SALES_ZH[4]} ", *_SALES_ZH[5:]]
REPAIRS_ZH = header(REPAIRS, lang="zh")
CALLBACKS_ZH = header(CALLBACKS, lang="zh")


def sale_zh(serial: Any, sold: Any = D(2024, 5, 1), phone: Any = "13812345678", branch: Any = "上海分公司"
            ) -> list[Any]:
    return [serial, "监护仪", "M-8", "monitor", sold, D(2024, 5, 3), "仁济医院", "王芳", phone, None,
            "上海市浦东新区", "200127", branch, "HT-8", None]


def repair_zh(ticket: Any, serial: Any = "SN100", level: Any = "二级", kind: Any = "报修",
              responded: Any = T(2025, 4, 1, 10, 0), labor: Any = 100, fee: Any = 0) -> list[Any]:
    return [ticket, serial, T(2025, 4, 1, 9, 0), "电话", kind, level, "屏幕", "黑屏", responded, None, None,
            T(2025, 4, 1, 16, 0), "李工", "质量问题", "更换配件", "屏幕", 300, labor, fee, "否", "是", None, None]


def callback_zh(ticket: Any, at: Any = T(2025, 4, 2, 10, 0), satisfaction: Any = "满意",
                escalated: Any = None) -> list[Any]:
    return [ticket, at, "赵敏", satisfaction, "满意", escalated, None]


def chinese_book(path: Path) -> Expected:
    """Chinese headers (one with a * marker and spaces) under title rows."""
    title = ["2025年销售登记表"]
    sales = [title, ["制表日期", D(2025, 5, 1)], SALES_ZH,
             sale_zh("SN100"),                          # row 4: clean
             sale_zh("SN100 ", phone="电话待补"),         # row 5: duplicate, implausible phone
             sale_zh("SN101", sold=None, branch=None)]  # row 6: two blanks in required cells
    repairs = [["维修记录（2025年）"], [], REPAIRS_ZH,
               repair_zh("BX-001"),                                                   # row 4: clean
               repair_zh("BX-002", level="五级", responded=T(2025, 4, 1, 8, 0), labor="-10"),  # row 5
               repair_zh("BX-003", serial="SN404", kind="咨询", level=None, fee="1,200")]      # row 6
    callbacks = [["回访记录"], [], CALLBACKS_ZH,
                 callback_zh("BX-001"),                                  # row 4: clean
                 callback_zh("BX-001", satisfaction="不满意"),             # row 5: not escalated
                 [None, None, "张三", None, "未接通", None, None]]         # row 6: no ticket, no time
    write_book(path, {"销售登记": sales, "维修记录": repairs, "回访记录": callbacks},
               {"销售登记": [(0, 0, 0, 5)]})
    return {
        ("error", "duplicate", "销售登记", "A5"),
        ("warning", "phone.implausible", "销售登记", "I5"),
        ("error", "required", "销售登记", "E6"),
        ("error", "required", "销售登记", "M6"),
        ("error", "value.enum", "维修记录", "F5"),
        ("error", "date.order", "维修记录", "I5"),
        ("error", "range.negative", "维修记录", "R5"),
        ("warning", "serial.unknown", "维修记录", "B6"),
        ("error", "escalation.missing", "回访记录", "F5"),
        ("error", "required", "回访记录", "A6"),
        ("error", "required", "回访记录", "B6"),
    }


def clean_book(path: Path, lang: str = "en") -> Path:
    """All three registers, every rule satisfied."""
    if lang == "zh":
        return write_book(path, {
            "销售登记": [SALES_ZH, sale_zh("SN100"), sale_zh("SN101", phone="(021) 6888-1234 转 12")],
            "维修记录": [REPAIRS_ZH, repair_zh("BX-001"), repair_zh("BX-002", serial="SN101", kind=None),
                       repair_zh("BX-003", kind="投诉", level=None, fee="1,200")],
            "回访记录": [CALLBACKS_ZH, callback_zh("BX-001"), callback_zh("BX-002", satisfaction="不满意",
                                                                        escalated="周经理")],
        })
    return write_book(path, {
        "Sales": [SALES_EN, sale("SN001"), sale("00123", phone="+86 138 1234 5678", accepted=None),
                  sale("SN003", phone=13812345678, postcode=100080)],
        "Repairs": [REPAIRS_EN, repair("T1"), repair("T2", serial="00123", kind=None, level="I"),
                    repair("T3", serial="SN003", kind="Consultation", level=None, resolved=None)],
        "Callbacks": [CALLBACKS_EN, callback("T1"), callback("T2", satisfaction="Dissatisfied",
                                                              escalated="Ms Zhou")],
    })
