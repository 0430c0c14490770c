"""The reference points each command is measured against, one per process.

    python benchmarks/floors.py read  FILE...                  # calamine (workbooks) / csv module (CSV)
    python benchmarks/floors.py read  --encoding gbk LOG.csv
    python benchmarks/floors.py write OUTDIR WRITTEN...        # xlsxwriter writes WRITTEN's cells again
    python benchmarks/floors.py naive IN.xlsx OUT.xlsx         # pandas + openpyxl round trip

Each prints one JSON line with the timed part only (``seconds``,
``cpu_seconds``) and what it touched (files, sheets, rows, cells).

* `read` reads every sheet of every workbook with python-calamine
  (``to_python()``), and every CSV with the csv module after decoding it in
  the given encoding: the least a command that looks at every cell must do.
* `write` reads each WRITTEN workbook with calamine first and does not count
  that; then writes every non-empty cell of every sheet again with plain typed
  xlsxwriter calls in constant-memory mode, one output file per input: the
  cost of producing the cells the command produced.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _timer() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> dict[str, float]:
    return {"seconds": round(time.perf_counter() - start[0], 3),
            "cpu_seconds": round(time.process_time() - start[1], 3)}


def _count(rows: list[list[Any]]) -> int:
    return sum(1 for row in rows for v in row if v is not None and v != "")


def read_floor(paths: list[str], encoding: str) -> dict[str, Any]:
    import python_calamine as pc

    sheets: list[list[list[Any]]] = []
    start = _timer()
    for path in paths:
        if path.lower().endswith((".csv", ".txt", ".tsv")):
            with open(path, encoding=encoding, newline="") as fh:
                sheets.append(list(csv.reader(fh)))
        else:
            wb = pc.CalamineWorkbook.from_path(path)
            sheets.extend(wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names)
    result: dict[str, Any] = _since(start)
    return {**result, "files": len(paths), "sheets": len(sheets), "rows": sum(len(s) for s in sheets),
            "cells": sum(_count(s) for s in sheets)}


def _write_one(written: str, out: Path) -> dict[str, Any]:
    import python_calamine as pc
    import xlsxwriter

    wb_in = pc.CalamineWorkbook.from_path(written)
    sheets = [(name, wb_in.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in wb_in.sheet_names]
    start = _timer()
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False,
                                        "nan_inf_to_errors": True})
    fmt_dt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    fmt_d = wb.add_format({"num_format": "yyyy-mm-dd"})
    fmt_t = wb.add_format({"num_format": "hh:mm"})
    cells = 0
    datetime_, date_, time_, timedelta_ = dt.datetime, dt.date, dt.time, dt.timedelta
    for name, rows in sheets:
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                t = type(v)
                if t is str:
                    if v:
                        ws.write_string(r, c, v)
                        cells += 1
                elif t is float or t is int:
                    ws.write_number(r, c, v)
                    cells += 1
                elif t is bool:
                    ws.write_boolean(r, c, v)
                    cells += 1
                elif t is datetime_:
                    ws.write_datetime(r, c, v, fmt_dt)
                    cells += 1
                elif t is date_:
                    ws.write_datetime(r, c, v, fmt_d)
                    cells += 1
                elif t is time_:
                    ws.write_datetime(r, c, v, fmt_t)
                    cells += 1
                elif isinstance(v, timedelta_):
                    ws.write_number(r, c, v.total_seconds() / 86400)
                    cells += 1
    wb.close()
    return {**_since(start), "sheets": len(sheets), "rows": sum(len(r) for _, r in sheets), "cells": cells,
            "bytes": out.stat().st_size}


def write_floor(out_dir: str, written: list[str]) -> dict[str, Any]:
    """Every written workbook's cells again, one file each; the times and counts add up."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    total: dict[str, Any] = {"seconds": 0.0, "cpu_seconds": 0.0, "files": 0, "sheets": 0, "rows": 0, "cells": 0,
                             "bytes": 0}
    for i, path in enumerate(written):
        one = _write_one(path, Path(out_dir) / f"floor-write-{i}.xlsx")
        for key in total:
            total[key] += one.get(key, 1 if key == "files" else 0)
    total["seconds"], total["cpu_seconds"] = round(total["seconds"], 3), round(total["cpu_seconds"], 3)
    return total


def naive(path: str, out: str) -> dict[str, Any]:
    """What a user writes instead: pandas with openpyxl, read everything, write it back."""
    import pandas as pd

    start = _timer()
    frames = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    read_done = time.perf_counter()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    done = time.perf_counter()
    return {**_since(start), "read_seconds": round(read_done - start[0], 3),
            "write_seconds": round(done - read_done, 3), "sheets": len(frames),
            "rows": sum(len(f) for f in frames.values())}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    sub = parser.add_subparsers(dest="floor", required=True)
    read = sub.add_parser("read")
    read.add_argument("files", nargs="+")
    read.add_argument("--encoding", default="utf-8-sig", help="of CSV files (default %(default)s)")
    write = sub.add_parser("write")
    write.add_argument("out_dir")
    write.add_argument("written", nargs="+")
    nv = sub.add_parser("naive")
    nv.add_argument("input")
    nv.add_argument("output")
    args = parser.parse_args(argv)
    if args.floor == "read":
        result = read_floor(args.files, args.encoding)
    elif args.floor == "write":
        result = write_floor(args.out_dir, args.written)
    else:
        result = naive(args.input, args.output)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
