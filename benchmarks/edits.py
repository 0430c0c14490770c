"""The month between a split and a collect: what branches and head office change.

    python benchmarks/edits.py master MASTER.xlsx OUT.xlsx          # head office's corrections
    python benchmarks/edits.py branch FILE.xlsx OUT.xlsx --master-edits OUT.xlsx.json [--file-no N]

`collect` is measured on branch files that were split, then worked on, and on
a master that head office kept correcting meanwhile. Both are made here from
the files themselves, deterministically (the random choices are seeded with
the file's name, never with the split id or the time):

* **master** (once per generated workbook, cached): head office corrects the
  notes of three sales of every branch (these become the conflicts) and the
  phone number of ten more sales per branch (changed in the master only).
  The corrections go to ``OUT.json`` so that the branch edits can contradict
  them.
* **branch** (each run, on what that run's `split` wrote): per file, one
  change for every 200 register rows and one added row for every 400 (at
  100k/200k/100k that is ~400 changes and ~200 additions per file):
  - changes: open repairs closed (resolved at, cause, action, signed off),
    technicians reassigned, repair notes, sales phone numbers and contacts,
    callback comments;
  - additions: new repairs (a copied row of the file, new ticket, reported
    in late October 2026, still open), second callbacks of resolved repairs,
    new sales;
  - conflicts: the notes of every sale of this branch that head office also
    corrected, set to a different text.

Files are read with python-calamine and written again with plain typed
xlsxwriter calls, sheet by sheet in their order, very hidden sheets kept very
hidden. Branch files are written with a shared-string table, as Excel and
WPS save them; styles, dropdowns and sheet protection are not kept (sheetdesk
reads values only). An openpyxl round trip would keep them but takes about
four minutes for 400k rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import python_calamine as pc
import xlsxwriter

from sheetdesk.schema import REGISTERS, Register, normalize_label

SEED = 20261101
END_OF_DATA = dt.datetime(2026, 10, 31, 23, 0)  # edits happen before the benchmark's as-of (2026-11-01)
CONFLICTS_PER_BRANCH = 3
MASTER_ONLY_PER_BRANCH = 10
ROWS_PER_CHANGE = 200
ROWS_PER_ADDITION = 400
MASTER_NOTE = "总部更正：合同已续签"
BRANCH_NOTE = "网点更正：设备已移交新科室"


# --- reading and writing whole workbooks ----------------------------------------------------------

@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    visibility: str  # visible | hidden | very_hidden


def read_book(path: Path) -> list[Sheet]:
    wb = pc.CalamineWorkbook.from_path(str(path))
    sheets = []
    for meta in wb.sheets_metadata:
        visibility = ("very_hidden" if meta.visible == pc.SheetVisibleEnum.VeryHidden
                      else "hidden" if meta.visible == pc.SheetVisibleEnum.Hidden else "visible")
        rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        sheets.append(Sheet(meta.name, [list(r) for r in rows], visibility))
    return sheets


def write_book(path: Path, sheets: list[Sheet], *, shared_strings: bool) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": not shared_strings, "strings_to_formulas": False,
                                         "strings_to_urls": False, "strings_to_numbers": False})
    formats = {dt.datetime: wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
               dt.date: wb.add_format({"num_format": "yyyy-mm-dd"}),
               dt.time: wb.add_format({"num_format": "hh:mm"})}
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        for r, row in enumerate(sheet.rows):
            for c, v in enumerate(row):
                t = type(v)
                if t is str:
                    if v:
                        ws.write_string(r, c, v)
                elif t is bool:
                    ws.write_boolean(r, c, v)
                elif t is float or t is int:
                    ws.write_number(r, c, v)
                elif t in formats:
                    ws.write_datetime(r, c, v, formats[t])
                elif isinstance(v, dt.timedelta):
                    ws.write_number(r, c, v.total_seconds() / 86400)
        if sheet.visibility == "very_hidden":
            ws.very_hidden()
        elif sheet.visibility == "hidden":
            ws.hide()
    first_visible = next((ws for ws in wb.worksheets() if not ws.hidden), None)
    if first_visible is not None:
        first_visible.activate()
    wb.close()


# --- registers inside a workbook ----------------------------------------------------------------

class Table:
    """One register sheet: its rows by field key (header in its first row)."""

    def __init__(self, sheet: Sheet, register: Register) -> None:
        self.sheet, self.register = sheet, register
        lookup = register.header_lookup()
        header = sheet.rows[0] if sheet.rows else []
        self.col = {lookup[normalize_label(str(h))]: c for c, h in enumerate(header)
                    if isinstance(h, str) and normalize_label(h) in lookup}
        self.width = len(header)

    @property
    def data(self) -> range:
        return range(1, len(self.sheet.rows))

    def get(self, r: int, key: str) -> Any:
        c = self.col.get(key)
        row = self.sheet.rows[r]
        return row[c] if c is not None and c < len(row) else ""

    def set(self, r: int, key: str, value: Any) -> bool:
        c = self.col.get(key)
        if c is None:
            return False
        row = self.sheet.rows[r]
        row.extend([""] * (c + 1 - len(row)))
        row[c] = "" if value is None else value
        return True

    def append(self, values: dict[str, Any]) -> None:
        row: list[Any] = [""] * self.width
        self.sheet.rows.append(row)
        for key, value in values.items():
            self.set(len(self.sheet.rows) - 1, key, value)

    def row_values(self, r: int) -> dict[str, Any]:
        return {key: self.get(r, key) for key in self.col}

    def unique_keys(self, key: str) -> dict[str, int]:
        """key value -> row, for values that occur once."""
        seen: dict[str, int] = {}
        repeated: set[str] = set()
        for r in self.data:
            value = self.get(r, key)
            if not isinstance(value, str) or not value:
                continue
            if value in seen:
                repeated.add(value)
            seen[value] = r
        return {k: r for k, r in seen.items() if k not in repeated}


def tables(sheets: list[Sheet]) -> dict[str, Table]:
    names = {name: reg for reg in REGISTERS for name in (reg.en, reg.zh)}
    return {names[s.name].key: Table(s, names[s.name]) for s in sheets if s.name in names}


def rng_for(name: str) -> random.Random:
    return random.Random(SEED ^ zlib.crc32(name.encode("utf-8")))


# --- head office --------------------------------------------------------------------------------

def edit_master(src: Path, dst: Path) -> dict[str, Any]:
    """Head office's corrections since the split; returns (and writes next to dst) what changed."""
    sheets = read_book(src)
    sales = tables(sheets)["sales"]
    rng = rng_for(src.name)
    by_branch: dict[str, list[int]] = {}
    for serial, r in sales.unique_keys("serial_no").items():
        branch = sales.get(r, "branch")
        if isinstance(branch, str) and branch and serial:
            by_branch.setdefault(branch, []).append(r)
    conflicts, master_only = [], 0
    for branch in sorted(by_branch):
        rows = sorted(rng.sample(by_branch[branch], min(len(by_branch[branch]),
                                                        CONFLICTS_PER_BRANCH + MASTER_ONLY_PER_BRANCH)))
        rng.shuffle(rows)
        for i, r in enumerate(rows):
            if i < CONFLICTS_PER_BRANCH:
                sales.set(r, "notes", MASTER_NOTE)
                conflicts.append({"register": "sales", "key": sales.get(r, "serial_no"), "field": "notes",
                                  "branch": branch, "master": MASTER_NOTE})
            else:
                sales.set(r, "phone", f"139{rng.randrange(10**8):08d}")
                master_only += 1
    write_book(dst, sheets, shared_strings=False)
    manifest = {"source": src.name, "conflicts": conflicts, "master_only_changes": master_only}
    Path(f"{dst}.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


# --- a branch -----------------------------------------------------------------------------------

def edit_branch(src: Path, dst: Path, master_edits: dict[str, Any], file_no: int) -> dict[str, int]:
    """A month of one branch's work on its file; returns the counts of what was done."""
    sheets = read_book(src)
    regs = tables(sheets)
    rng = rng_for(src.name)
    done: dict[str, int] = {}

    def count(kind: str) -> None:
        done[kind] = done.get(kind, 0) + 1

    rows = sum(len(t.data) for t in regs.values())
    n_changes, n_added = max(10, rows // ROWS_PER_CHANGE), max(5, rows // ROWS_PER_ADDITION)
    touched: set[tuple[str, int]] = set()

    # conflicts first: the sales head office corrected, corrected differently here
    sales, repairs, callbacks = regs.get("sales"), regs.get("repairs"), regs.get("callbacks")
    if sales is not None:
        serials = sales.unique_keys("serial_no")
        for edit in master_edits.get("conflicts", []):
            r = serials.get(edit["key"])
            if r is not None and sales.set(r, edit["field"], BRANCH_NOTE):
                touched.add(("sales", r))
                count("conflict")

    technicians = sorted({v for r in repairs.data if isinstance(v := repairs.get(r, "technician"), str) and v}) \
        if repairs else []
    labels = _labels(regs)

    def change_one() -> None:
        kind = rng.choices(("close", "technician", "repair_notes", "phone", "contact", "comments"),
                           (30, 15, 15, 15, 10, 15))[0]
        table = {"close": repairs, "technician": repairs, "repair_notes": repairs, "phone": sales,
                 "contact": sales, "comments": callbacks}[kind]
        if table is None or not len(table.data):
            return
        for _ in range(20):  # a row this change applies to, not touched yet
            r = rng.choice(table.data)
            if (table.register.key, r) not in touched and _apply(kind, table, r, rng, technicians, labels):
                touched.add((table.register.key, r))
                count(kind)
                return

    for _ in range(n_changes):
        change_one()
    for i in range(n_added):
        kind = rng.choices(("repair", "callback", "sale"), (50, 30, 20))[0]
        table = {"repair": repairs, "callback": callbacks, "sale": sales}[kind]
        if table is None or not len(table.data):
            continue
        _add(kind, table, rng.choice(table.data), rng, file_no, i)
        count(f"added_{kind}")
    write_book(dst, sheets, shared_strings=True)
    return done


def _labels(regs: dict[str, Table]) -> dict[str, str]:
    """Enum labels in the file's language (taken from its own header language)."""
    zh = any(t.sheet.name == t.register.zh for t in regs.values())
    pick = {"cause": ("质量问题", "Quality"), "action": ("维修", "Repair"), "yes": ("是", "Yes")}
    return {k: v[0] if zh else v[1] for k, v in pick.items()}


def _apply(kind: str, t: Table, r: int, rng: random.Random, technicians: list[str], labels: dict[str, str]) -> bool:
    if kind == "close":
        reported = t.get(r, "reported_at")
        if t.get(r, "resolved_at") != "" or not isinstance(reported, dt.datetime):
            return False
        resolved = min(reported + dt.timedelta(minutes=rng.randint(90, 4320)), END_OF_DATA)
        if resolved <= reported:
            return False
        t.set(r, "resolved_at", resolved)
        t.set(r, "cause", labels["cause"])
        t.set(r, "action", labels["action"])
        t.set(r, "signed_off", labels["yes"])
        return True
    if kind == "technician":
        current = t.get(r, "technician")
        others = [x for x in technicians if x != current]
        return bool(others) and t.set(r, "technician", rng.choice(others))
    if kind == "repair_notes":
        return t.set(r, "notes", rng.choice(("客户要求上门前电话联系", "配件已到，待上门", "已远程指导，客户确认")))
    if kind == "phone":
        return t.set(r, "phone", f"13{rng.randrange(10**9):09d}")
    if kind == "contact":
        return t.set(r, "contact", rng.choice("王李张刘陈杨黄赵吴周") + rng.choice(("主任", "科长", "工程师")))
    if kind == "comments":
        return t.set(r, "comments", rng.choice(("二次回访：已正常使用", "客户表示满意", "客户未接听")))
    return False


def _add(kind: str, t: Table, r: int, rng: random.Random, file_no: int, i: int) -> None:
    """A new row made from row r, the way a clerk copies a line and edits it."""
    values = t.row_values(r)
    if kind == "repair":
        reported = dt.datetime(2026, 10, rng.randint(20, 30), rng.randint(8, 17), rng.randrange(60))
        for key in ("plan_at", "on_site_at", "resolved_at", "cause", "action", "parts", "parts_cost",
                    "labor_cost", "fee_charged", "signed_off", "notes"):
            values[key] = ""
        values.update(ticket_no=f"WX2026N{file_no}{i:05d}", reported_at=reported,
                      responded_at=reported + dt.timedelta(minutes=rng.randint(10, 120)))
    elif kind == "callback":
        at = values.get("callback_at")
        if not isinstance(at, dt.datetime):
            return
        values.update(callback_at=min(at + dt.timedelta(days=rng.randint(1, 20)), END_OF_DATA),
                      comments="二次回访", notes="")
    else:
        values.update(serial_no=f"SN2026N{file_no}{i:05d}", sale_date=dt.date(2026, 10, rng.randint(1, 30)),
                      acceptance_date="", notes="")
    t.append({k: v for k, v in values.items() if k in t.col})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)
    master = sub.add_parser("master", help="head office's corrections to a master")
    master.add_argument("source", type=Path)
    master.add_argument("output", type=Path)
    branch = sub.add_parser("branch", help="a month of a branch's work on its file")
    branch.add_argument("source", type=Path)
    branch.add_argument("output", type=Path)
    branch.add_argument("--master-edits", type=Path, required=True, help="the .json written by `master`")
    branch.add_argument("--file-no", type=int, default=0, help="makes added keys unique across files")
    args = parser.parse_args(argv)
    if args.what == "master":
        result: dict[str, Any] = edit_master(args.source, args.output)
    else:
        edits = json.loads(args.master_edits.read_text(encoding="utf-8"))
        result = edit_branch(args.source, args.output, edits, args.file_no)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
