"""The reference points `check` is measured against, one per process.

    python benchmarks/floors.py read  IN.xlsx             # calamine reads every sheet
    python benchmarks/floors.py write WRITTEN.xlsx OUT    # xlsxwriter writes WRITTEN's cells again
    python benchmarks/floors.py naive IN.xlsx OUT.xlsx    # pandas + openpyxl round trip

Each prints one JSON line with the timed part only (``seconds``) and what it
touched (sheets, rows, cells). `write` reads WRITTEN with calamine first and
does not count that: the write floor is the cost of producing the cells that
`check` produced, with plain typed xlsxwriter calls in constant-memory mode.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def read_floor(path: str) -> dict[str, Any]:
    import python_calamine as pc

    started, cpu = time.perf_counter(), time.process_time()
    wb = pc.CalamineWorkbook.from_path(path)
    sheets = {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    values = sum(1 for rows in sheets.values() for row in rows for v in row if v is not None and v != "")
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "sheets": len(sheets),
            "rows": sum(len(r) for r in sheets.values()), "grid_cells": sum(len(row) for rows in sheets.values() for row in rows), "cells": values}


def write_floor(written: str, out: str) -> dict[str, Any]:
    import python_calamine as pc
    import xlsxwriter

    wb_in = pc.CalamineWorkbook.from_path(written)
    sheets = [(name, wb_in.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in wb_in.sheet_names]
    started, cpu = time.perf_counter(), time.process_time()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False, "nan_inf_to_errors": True})
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
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "sheets": len(sheets),
            "rows": sum(len(r) for _, r in sheets), "cells": cells, "bytes": Path(out).stat().st_size}


def naive(path: str, out: str) -> dict[str, Any]:
    """What a user writes instead: pandas with openpyxl, read everything, write it back."""
    import pandas as pd

    started, cpu = time.perf_counter(), time.process_time()
    frames = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    read_done = time.perf_counter()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    done = time.perf_counter()
    return {"seconds": round(done - started, 3), "cpu_seconds": round(time.process_time() - cpu, 3),
            "read_seconds": round(read_done - started, 3),
            "write_seconds": round(done - read_done, 3), "sheets": len(frames),
            "rows": sum(len(f) for f in frames.values())}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or args[0] not in ("read", "write", "naive"):
        print(__doc__, file=sys.stderr)
        return 2
    if args[0] == "read":
        result = read_floor(args[1])
    elif args[0] == "write":
        result = write_floor(args[1], args[2])
    else:
        result = naive(args[1], args[2])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
