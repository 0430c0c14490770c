"""Legacy repair logs for the `import` benchmark, as old systems and clerks wrote them.

    python benchmarks/legacy.py csv  ROWS OUT.csv    # a GBK CSV export of an old repair system
    python benchmarks/legacy.py xlsx ROWS OUT.xlsx   # a hand-kept Excel log with merged headers

Both are deterministic (seeded) and use the vocabulary of `generate.py`
(branches, products, faults, technicians). What makes them legacy:

**CSV (GBK)**, an export of an old repair system:
- a title row, an export-info row and a blank row above the header;
- Chinese headers that are not the template's (工单号, 机身编号, 紧急程度,
  故障现象, 维修工程师, 工时费...), a row-number column (序号) and two
  columns the repairs register has no place for (客户名称, 联系电话, kept in
  Notes by the import);
- dates and times as text in mixed forms within one column
  (``2024-05-12 14:30``, ``2024/5/12 14:30``, ``2024年5月12日 14:30``,
  ``2024.05.12 14:30``, ``2024-05-12 14:30:00``), ``待定`` and ``/`` in
  some of them;
- legacy spellings of choices (紧急 / 较急 / 一般 / 不急, 1级, Ⅱ; 电话报修,
  微信; 保养; 换件, 远程), amounts as ``1,200``, ``350元`` and ``-``;
- junk rows: every 5,000 records the page's subtotal (本页小计) and the
  header again (a paged print export), a few blank rows, a few repeated
  tickets, a grand total (合计) and a signature line at the end.

**xlsx**, a log kept by hand in Excel (half the CSV's rows):
- a merged title row; a two-row header with merged cells (时间 over 报修 /
  修复, 费用 over 配件费 / 人工费);
- the date in its own column, mostly a real date cell, sometimes text
  (``2024年5月6日``) or a serial number in General format; for some days one
  date cell merged down over all of that day's rows;
- times as time cells, as text (``14:05``, full-width ``14：05``), and ``24:00``;
- a month total (本月合计) row after every month, a signature line at the end,
  and a second sheet of filling instructions.

The legacy .xls format holds at most 65,536 rows, too few for this benchmark;
calamine reads .xls and .xlsx through the same interface.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from generate import BRANCHES, FAULTS, PRODUCTS, person

SEED = 20261101
FIRST_DAY = dt.date(2021, 1, 4)
LAST_DAY = dt.date(2024, 12, 31)

CSV_HEADER = ["序号", "工单号", "机身编号", "客户名称", "联系电话", "报修时间", "报修方式", "服务类型", "紧急程度",
              "故障类型", "故障现象", "响应时间", "到达时间", "完成时间", "维修工程师", "故障原因", "处理方式",
              "更换配件", "配件费", "工时费", "实收费用", "网点", "备注"]
CHANNELS = (("电话", 50), ("电话报修", 20), ("微信", 10), ("上门", 8), ("邮件", 5), ("网站", 5), ("传真", 1),
            ("来函", 1))
REQUEST_TYPES = (("维修", 80), ("保养", 10), ("咨询", 6), ("投诉", 4))
LEVELS = (("紧急", 8), ("较急", 20), ("一般", 40), ("不急", 17), ("1级", 2), ("2级", 4), ("3级", 6), ("Ⅱ", 3))
CAUSES = (("质量问题", 50), ("使用不当", 10), ("进水", 4), ("摔落", 4), ("正常磨损", 10), ("待查", 8), ("", 14))
ACTIONS = (("维修", 45), ("更换配件", 20), ("换件", 10), ("远程", 12), ("整机更换", 3), ("", 10))
NOTES = ("", "", "", "", "", "", "客户要求加急", "等待配件", "夜间报修", "已寄回厂家", "同一科室多台")
PAGE = 5000


def weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def text_stamp(rng: random.Random, t: dt.datetime) -> str:
    """One of the forms an old system or a clerk wrote a moment in."""
    form = rng.random()
    if form < 0.40:
        return f"{t:%Y-%m-%d %H:%M}"
    if form < 0.70:
        return f"{t.year}/{t.month}/{t.day} {t:%H:%M}"
    if form < 0.85:
        return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"
    if form < 0.95:
        return f"{t:%Y.%m.%d %H:%M}"
    return f"{t:%Y-%m-%d %H:%M:%S}"


def amount(rng: random.Random, value: float) -> str:
    form = rng.random()
    if form < 0.6:
        return f"{value:.0f}"
    if form < 0.85:
        return f"{value:,.0f}"
    return f"{value:.0f}元"


class Log:
    """The records of a repair log, one dict per repair, in the order they were reported."""

    def __init__(self, rows: int, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        branches = list(BRANCHES)
        self.branch_of_city = {c: b for b, cities in BRANCHES.items() for c in cities}
        self.technicians = {b: [person(rng) for _ in range(12)] for b in branches}
        self.customers = [(f"{city}{rng.choice(('人民医院', '中心医院', '中医医院', '第一中学', '疾控中心'))}", city)
                          for city in self.branch_of_city for _ in range(20)]
        span = (LAST_DAY - FIRST_DAY).days
        self.days = sorted(FIRST_DAY + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(rows))

    def records(self) -> Any:
        rng = self.rng
        seq: dict[int, int] = {}
        previous: list[str] = []
        for day in self.days:
            seq[day.year] = seq.get(day.year, 0) + 1
            ticket = f"BX{day.year}{seq[day.year]:06d}"
            if previous and rng.random() < 0.0005:  # a ticket typed twice
                ticket = rng.choice(previous[-20:])
            previous.append(ticket)
            customer, city = rng.choice(self.customers)
            branch = self.branch_of_city[city]
            category = rng.choice(list(PRODUCTS))
            fault_category, descriptions = rng.choice(FAULTS[category])
            reported = dt.datetime(day.year, day.month, day.day, rng.choice((8, 9, 10, 11, 14, 15, 16, 17)),
                                   rng.randrange(60))
            responded = reported + dt.timedelta(minutes=rng.randint(5, 240))
            on_site = reported + dt.timedelta(minutes=rng.randint(60, 2880)) if rng.random() < 0.7 else None
            resolved = reported + dt.timedelta(minutes=rng.randint(120, 7200)) if rng.random() < 0.96 else None
            if on_site and resolved and on_site > resolved:
                on_site = resolved
            parts_cost = float(rng.randrange(5, 300) * 10) if rng.random() < 0.3 else None
            labor = float(rng.choice((0, 100, 200, 300))) if resolved else None
            yield {
                "ticket": ticket, "serial": f"{rng.randrange(10**9):010d}" if rng.random() < 0.5
                else f"SN{day.year - rng.randint(0, 3)}{rng.randrange(10**7):07d}",
                "customer": customer, "phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
                "reported": reported, "responded": responded, "on_site": on_site, "resolved": resolved,
                "channel": weighted(rng, CHANNELS), "request_type": weighted(rng, REQUEST_TYPES),
                "level": weighted(rng, LEVELS), "fault_category": fault_category,
                "description": rng.choice(descriptions), "technician": rng.choice(self.technicians[branch]),
                "cause": weighted(rng, CAUSES) if resolved else "", "action": weighted(rng, ACTIONS) if resolved else "",
                "parts": rng.choice(PRODUCTS[category][0][2]) if parts_cost else "",
                "parts_cost": parts_cost, "labor": labor,
                "fee": (parts_cost or 0) + (labor or 0) if resolved and rng.random() < 0.3 else None,
                "branch": branch.removesuffix("分公司"), "notes": rng.choice(NOTES),
            }


# --- the CSV export -----------------------------------------------------------------------------

def write_csv(path: Path, rows: int, seed: int = SEED) -> dict[str, Any]:
    log = Log(rows, seed)
    rng = random.Random(seed + 1)
    width = len(CSV_HEADER)
    blank = [""] * width
    junk = 0

    def line(*cells: str) -> list[str]:
        return list(cells) + [""] * (width - len(cells))

    with path.open("w", encoding="gbk", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(line(f"{FIRST_DAY.year}-{LAST_DAY.year}年设备维修登记表（系统导出）"))
        out.writerow(line("导出时间：2025-01-06 09:12", "", "", "", "", "", "", "", "", "", "导出人：信息科"))
        out.writerow(blank)
        out.writerow(CSV_HEADER)
        page_fee = 0.0
        total_fee = 0.0
        for n, rec in enumerate(log.records(), start=1):
            def stamp(t: dt.datetime | None, missing: str = "") -> str:
                return text_stamp(rng, t) if t is not None else missing

            fee = rec["fee"]
            page_fee += fee or 0
            out.writerow([
                str(n), rec["ticket"], rec["serial"], rec["customer"], rec["phone"], stamp(rec["reported"]),
                rec["channel"], rec["request_type"], rec["level"], rec["fault_category"], rec["description"],
                stamp(rec["responded"]), stamp(rec["on_site"], rng.choice(("", "", "/"))),
                stamp(rec["resolved"], rng.choice(("", "待定"))), rec["technician"], rec["cause"], rec["action"],
                rec["parts"], amount(rng, rec["parts_cost"]) if rec["parts_cost"] else rng.choice(("", "-")),
                amount(rng, rec["labor"]) if rec["labor"] is not None else "",
                amount(rng, fee) if fee else "", rec["branch"], rec["notes"],
            ])
            if rng.random() < 0.0005:
                out.writerow(blank)
                junk += 1
            if n % PAGE == 0:
                out.writerow(line("本页小计", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
                                  "", f"{page_fee:,.0f}"))
                out.writerow(CSV_HEADER)
                total_fee += page_fee
                page_fee = 0.0
                junk += 2
        total_fee += page_fee
        out.writerow(line("合计", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
                          f"{total_fee:,.0f}"))
        out.writerow(blank)
        out.writerow(line("制表人：王五", "", "", "", "", "审核：李四"))
    return {"path": str(path), "format": "csv", "encoding": "gbk", "records": rows, "junk_rows": junk + 2,
            "bytes": path.stat().st_size}


# --- the hand-kept workbook ---------------------------------------------------------------------

def write_xlsx(path: Path, rows: int, seed: int = SEED) -> dict[str, Any]:
    """A hand-kept log: merged title and header, carried-down dates, month totals."""
    log = Log(rows, seed)
    rng = random.Random(seed + 2)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    ws = wb.add_worksheet("维修登记")
    head = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1})
    date_f = wb.add_format({"num_format": "yyyy-mm-dd", "valign": "vcenter"})
    time_f = wb.add_format({"num_format": "hh:mm"})
    total_f = wb.add_format({"bold": True})
    ws.merge_range(0, 0, 0, 12, f"某某医疗设备有限公司 维修记录表（{FIRST_DAY.year}—{LAST_DAY.year}）", head)
    single = {0: "单号", 1: "出厂编号", 2: "日期", 5: "故障级别", 6: "故障类别", 7: "故障描述", 8: "维修人",
              9: "网点", 12: "备注"}
    for c, label in single.items():
        ws.merge_range(1, c, 2, c, label, head)
    ws.merge_range(1, 3, 1, 4, "时间", head)
    ws.write_string(2, 3, "报修", head)
    ws.write_string(2, 4, "修复", head)
    ws.merge_range(1, 10, 1, 11, "费用", head)
    ws.write_string(2, 10, "配件费", head)
    ws.write_string(2, 11, "人工费", head)

    def write_time(r: int, c: int, t: dt.datetime | None, day: dt.date) -> None:
        if t is None:
            return
        if t.date() > day and t.date() == day + dt.timedelta(days=1) and t.hour == 0 and t.minute == 0:
            ws.write_string(r, c, "24:00")
            return
        form = rng.random()
        if form < 0.6:
            ws.write_datetime(r, c, t.time(), time_f)
        elif form < 0.9:
            ws.write_string(r, c, f"{t:%H:%M}")
        else:
            ws.write_string(r, c, f"{t.hour}：{t.minute:02d}")

    r = 3
    month: tuple[int, int] | None = None
    month_parts = month_labor = 0.0
    day_start: tuple[dt.date, int] | None = None
    merges = junk = 0

    def close_day(end: int) -> None:
        nonlocal merges
        if day_start is not None and end - day_start[1] > 1 and rng.random() < 0.3:
            ws.merge_range(day_start[1], 2, end - 1, 2, "", date_f)
            ws.write_datetime(day_start[1], 2, day_start[0], date_f)
            merges += 1

    for rec in log.records():
        reported: dt.datetime = rec["reported"]
        day = reported.date()
        if month is not None and (day.year, day.month) != month:
            close_day(r)
            day_start = None
            ws.write_string(r, 0, "本月合计", total_f)
            ws.write_number(r, 10, month_parts, total_f)
            ws.write_number(r, 11, month_labor, total_f)
            r += 1
            junk += 1
            month_parts = month_labor = 0.0
        month = (day.year, day.month)
        if day_start is None or day_start[0] != day:
            close_day(r)
            day_start = (day, r)
        ws.write_string(r, 0, rec["ticket"])
        ws.write_string(r, 1, rec["serial"])
        form = rng.random()
        if form < 0.8:
            ws.write_datetime(r, 2, day, date_f)
        elif form < 0.9:
            ws.write_string(r, 2, f"{day.year}年{day.month}月{day.day}日")
        else:
            ws.write_number(r, 2, (day - dt.date(1899, 12, 30)).days)  # a serial in General format
        write_time(r, 3, reported, day)
        resolved = rec["resolved"]
        if resolved is not None and (resolved.date() == day or resolved == dt.datetime.combine(
                day + dt.timedelta(days=1), dt.time())):  # same-day repairs only: the log has one date
            write_time(r, 4, resolved, day)
        ws.write_string(r, 5, rec["level"])
        ws.write_string(r, 6, rec["fault_category"])
        ws.write_string(r, 7, rec["description"])
        ws.write_string(r, 8, rec["technician"])
        ws.write_string(r, 9, rec["branch"])
        if rec["parts_cost"]:
            ws.write_number(r, 10, rec["parts_cost"])
            month_parts += rec["parts_cost"]
        if rec["labor"] is not None:
            ws.write_number(r, 11, rec["labor"])
            month_labor += rec["labor"]
        if rec["notes"]:
            ws.write_string(r, 12, rec["notes"])
        r += 1
    close_day(r)
    ws.write_string(r, 0, "本月合计", total_f)
    ws.write_number(r, 10, month_parts, total_f)
    ws.write_number(r, 11, month_labor, total_f)
    ws.write_string(r + 2, 0, "制表人：王五")
    help_ws = wb.add_worksheet("填写说明")
    for i, text in enumerate(("1. 每张报修单填写一行，单号不得重复。", "2. 同一天的报修可合并日期单元格。",
                              "3. 修复时间跨天的，只填报修时间，修复情况写在备注。", "4. 每月末填写本月合计。")):
        help_ws.write_string(i, 0, text)
    wb.close()
    return {"path": str(path), "format": "xlsx", "records": rows, "junk_rows": junk + 2, "merged_days": merges,
            "bytes": path.stat().st_size}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("format", choices=("csv", "xlsx"))
    parser.add_argument("rows", type=int, help="records (junk rows come on top)")
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write = write_csv if args.format == "csv" else write_xlsx
    print(json.dumps(write(args.output, args.rows, args.seed), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
