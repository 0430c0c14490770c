"""A master with holds, named calendars and SLA rows with conditions, for comparing `check` outputs.

    python benchmarks/holds.py MASTER.xlsx OUT.xlsx POLICY.xlsx

The benchmark master has no Holds sheet and runs on the built-in policy, so a
change to the SLA clocks would not show on it. This copies the master (values
only, as edits.py does), adds a Holds register (about one repair in six held
once, some twice, some still on hold, a few held from before the report) and
writes a policy workbook that uses every calendar feature: a business
calendar with a Saturday half day (make-up days then differ from the
weekend's own windows), an `extended` 7×12 calendar that works on National
Day, a `night` calendar of windows crossing midnight, holidays per calendar
and for all, SLA rows with conditions (category, customer, both), and a
Pauses sheet where reasons pause different targets. Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from edits import Sheet, read_book, tables, write_book

from sheetdesk.schema import HOLDS
from sheetdesk.schema.enums import HOLD_REASON
from sheetdesk.schema.policy import DEFAULT_POLICY_ROWS, SLA

SEED = 20261101
_T = dt.time


def holds_sheet(repairs: list[tuple[str, dt.datetime, dt.datetime | None]], rng: random.Random) -> Sheet:
    reasons = [c.zh for c in HOLD_REASON.choices]
    rows: list[list[object]] = [[f.zh for f in HOLDS.fields]]
    for ticket, reported, resolved in repairs:
        if rng.random() > 0.16:
            continue
        # held within the repair's life mostly: from its report to its resolution (or a week when open)
        life = (resolved - reported) if resolved is not None else dt.timedelta(days=7)
        minutes = max(int(life.total_seconds() // 60), 30)
        start = reported + dt.timedelta(minutes=rng.randrange(-60, minutes // 2 + 1))
        for _ in range(1 if rng.random() < 0.8 else 2):
            length = dt.timedelta(minutes=rng.randrange(15, minutes // 2 + 30))
            until: dt.datetime | None = start + length
            if rng.random() < 0.08 or (resolved is None and rng.random() < 0.5):
                until = None
            rows.append([ticket, start, until, rng.choice(reasons), "等待" if rng.random() < 0.2 else None])
            if until is None:
                break
            start = until + dt.timedelta(minutes=rng.randrange(5, minutes // 4 + 10))
    return Sheet(HOLDS.zh, rows, "visible")


def policy_sheets(categories: list[str], customers: list[str]) -> list[Sheet]:
    sla_keys = [f.key for f in SLA.fields]

    def sla_row(kind: str, level: str, response: str | None, on_site: str | None, resolve: str | None,
                calendar: str, **conditions: str) -> list[object]:
        row: list[object] = [None] * len(sla_keys)
        values = {"request_type": kind, "fault_level": level, "response": response, "on_site": on_site,
                  "resolve": resolve, "calendar": calendar, **conditions}
        for key, value in values.items():
            row[sla_keys.index(key)] = value
        return row

    sla = [list(r) for r in DEFAULT_POLICY_ROWS["sla"]]
    sla += [
        sla_row("repair", "*", "2h", "1d", "2d", "extended", category=categories[0]),
        sla_row("repair", "III", "3h", None, "1d 4h", "night", category=categories[1]),
        sla_row("repair", "*", "1h", "6h", "10h", "night", customer=customers[0]),
        sla_row("repair", "II", "30min", "2h", "6h", "24x7", category=categories[2], customer=customers[1]),
        sla_row("complaint", "*", "4h", None, "1d", "extended", category=categories[3]),
    ]
    calendar = [["weekday", "start", "end", "calendar"],
                ["Mon-Fri", _T(9, 0), _T(17, 0), None],
                ["Sat", _T(9, 0), _T(12, 0), None],
                ["Mon-Sun", _T(8, 0), _T(20, 0), "extended"],
                ["Mon-Thu", _T(22, 0), _T(6, 0), "night"],
                ["Fri", _T(20, 0), _T(4, 0), "night"]]
    holidays = [["date", "kind", "name", "calendar"],
                [dt.date(2025, 6, 20), "holiday", "培训日", None],
                [dt.date(2025, 10, 1), "workday", "国庆值班", "extended"],
                [dt.date(2025, 10, 2), "workday", "国庆值班", "extended"],
                [dt.date(2026, 3, 3), "holiday", "停电", "*"],
                [dt.date(2025, 5, 17), "workday", "夜班调休", "night"],
                [dt.date(2024, 12, 24), "holiday", "盘点", "night"]]
    pauses = [["reason", "response", "on_site", "plan", "resolve"],
              ["*", "no", "no", "no", "yes"],
              ["waiting_parts", "no", "yes", "no", "yes"],
              ["waiting_customer", "yes", "yes", "yes", "yes"],
              ["other", "no", "no", "no", "no"]]
    return [Sheet("SLA", sla, "visible"), Sheet("Calendar", calendar, "visible"),
            Sheet("Holidays", holidays, "visible"), Sheet("Pauses", pauses, "visible")]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("master", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("policy", type=Path)
    args = parser.parse_args(argv)
    sheets = read_book(args.master)
    regs = tables(sheets)
    rng = random.Random(SEED)
    repairs, sales = regs["repairs"], regs["sales"]
    held = []
    for r in repairs.data:
        ticket, reported = repairs.get(r, "ticket_no"), repairs.get(r, "reported_at")
        resolved = repairs.get(r, "resolved_at")
        if ticket and isinstance(reported, dt.datetime):
            held.append((str(ticket), reported, resolved if isinstance(resolved, dt.datetime) else None))
    categories = sorted({str(sales.get(r, "category")) for r in sales.data if sales.get(r, "category")})
    counts: dict[str, int] = {}
    for r in sales.data:
        customer = sales.get(r, "customer")
        if customer:
            counts[str(customer)] = counts.get(str(customer), 0) + 1
    customers = sorted(counts, key=lambda c: (-counts[c], c))[:2]
    holds = holds_sheet(held, rng)
    write_book(args.out, [*sheets, holds], shared_strings=True)
    write_book(args.policy, policy_sheets(categories, customers), shared_strings=True)
    print(f'{{"holds": {len(holds.rows) - 1}}}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
