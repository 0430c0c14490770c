"""Import a legacy log: read, find the table, map, fill, parse, account for every row.

`import_legacy()` does everything but write; `write_import()` (in `write`)
writes the standard workbook. Every data row (a row below the header with
anything in it) ends up in `result.records` or in `result.rejects` with its
reason: rows read = rows written + rows rejected.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sheetdesk.errors import InputError, UsageError
from sheetdesk.io.reader import RawWorkbook, read_workbook
from sheetdesk.io.values import is_blank
from sheetdesk.legacy.assemble import RowBuilder, constant_columns, ticket_for
from sheetdesk.legacy.carry import fill_down, fill_merges
from sheetdesk.legacy.mapfile import MapFile, load_mapping, resolve_column
from sheetdesk.legacy.mapping import label_matcher, map_columns
from sheetdesk.legacy.ods import ods_merges
from sheetdesk.legacy.parse import date_order, read_enum, read_text
from sheetdesk.legacy.result import ColumnMap, ImportResult, Reject
from sheetdesk.legacy.rows import is_repeated_header, shape_of, shifted_from, totals_cell
from sheetdesk.legacy.sniff import profile, short
from sheetdesk.legacy.table import Layout, choose_sheet
from sheetdesk.legacy.targets import PRIMARY_DATETIME, register_for
from sheetdesk.report import column_letter

UNIQUE_KEY = {"repairs": "ticket_no", "sales": "serial_no"}
Progress = Callable[[list[int], int], Iterable[int]]
_CJK = re.compile(r"[\u4e00-\u9fff]")


def import_legacy(
    path: str | Path,
    kind: str,
    *,
    sheet: str | None = None,
    mapping: str | Path | None = None,
    encoding: str | None = None,
    lang: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read a legacy log and build the standard records, rejects and report.

    `progress(rows, count)` may wrap the row loop (the CLI shows a bar with it).
    """
    try:
        register = register_for(kind)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    mapfile = load_mapping(mapping, register) if mapping else None
    workbook = read_workbook(path, encoding=encoding)
    if workbook.format == "ods":
        _add_ods_merges(workbook)
    raw_sheet, layout = _locate(workbook, register, mapfile, sheet)
    rows = [list(r) for r in raw_sheet.rows]  # filled in place; raw_sheet keeps the originals
    merged = fill_merges(rows, raw_sheet.merged, layout.data_start)
    data = layout.data_rows()
    profiles = [
        profile([rows[r][c] if c < len(rows[r]) else None for r in data], register) for c in range(layout.width)
    ]
    columns, decisions = map_columns(layout, profiles, register, mapfile)
    result = ImportResult(
        source=Path(path),
        format=workbook.format,
        encoding=workbook.encoding,
        sheet=raw_sheet.name,
        kind=kind,
        register=register,
        lang=lang or _language(layout),
        header_rows=layout.header_rows,
        columns=columns,
        rows_read=len(data),
        sheets=[s.name for s in workbook.sheets],
    )
    _describe_header(result, layout)
    result.decisions.extend(decisions)

    kept = _classify(result, raw_sheet.rows, rows, data, layout, profiles)
    _carry(result, rows, kept, merged, mapfile, layout, profiles)
    _decide_date_order(result, rows, kept, mapfile, layout)
    constant = constant_columns(result, rows, kept)
    for index, value in constant.items():
        label = next(c.label for c in columns if c.index == index)
        result.decide(
            "column.constant",
            f"'{label}' is '{value}' in every row: named here once instead of in every row's notes",
            label,
        )
    _build(result, raw_sheet.rows, rows, progress(kept, len(kept)) if progress else kept, set(constant))
    _account(result, raw_sheet.rows)
    return result


def _locate(workbook: RawWorkbook, register: Any, mapfile: MapFile | None, sheet: str | None) -> tuple[Any, Layout]:
    matcher = label_matcher(register, mapfile)
    name = sheet or (mapfile.sheet if mapfile else None)
    try:
        raw_sheet, layout = choose_sheet(
            workbook.sheets, matcher, name=name, header_rows=mapfile.header_rows if mapfile else None
        )
    except KeyError:
        names = ", ".join(f"'{s.name}'" for s in workbook.sheets)
        raise UsageError(f"{workbook.path}: no sheet named '{name}' (sheets: {names})") from None
    if layout is None:
        raise InputError(
            workbook.path,
            f"no table found in sheet '{raw_sheet.name}': no row looks like a header "
            "(give --sheet, or header_rows in a mapping file)",
        )
    return raw_sheet, layout


def _add_ods_merges(workbook: RawWorkbook) -> None:
    merges = ods_merges(workbook.path)
    for sheet in workbook.sheets:
        if not sheet.merged:
            sheet.merged = merges.get(sheet.name, [])


def _language(layout: Layout) -> str:
    labels = [" ".join(p) for p in layout.parts if p]
    chinese = sum(1 for t in labels if _CJK.search(t))
    return "zh" if labels and chinese * 2 > len(labels) else "en"


def _describe_header(result: ImportResult, layout: Layout) -> None:
    rows = layout.header_rows
    text = f"row {rows[0]}" if len(rows) == 1 else f"rows {rows[0]}-{rows[-1]} (joined)"
    above = (
        ""
        if rows[0] == 1
        else "; row 1 above it is a title or summary, not data"
        if rows[0] == 2
        else f"; rows 1-{rows[0] - 1} above it are titles or summaries, not data"
    )
    result.decide("table.header", f"sheet '{result.sheet}', header {text}{above}")
    if len(result.sheets) > 1:
        result.decide("table.sheet", f"sheet '{result.sheet}' of {len(result.sheets)} has the best table")
    for c in result.columns:
        if c.source == "index":
            result.decide("column.index", f"'{c.label}' holds row numbers; skipped", c.label)


def _reject(result: ImportResult, original: list[list[Any]], r: int, code: str, reason: str) -> None:
    result.rejects.append(Reject(r + 1, code, reason, list(original[r])))


def _classify(
    result: ImportResult,
    original: list[list[Any]],
    rows: list[list[Any]],
    data: list[int],
    layout: Layout,
    profiles: list[Any],
) -> list[int]:
    """Reject repeated headers, totals and shifted rows; return the rows kept."""
    headers = [original[h] for h in range(layout.first, layout.last + 1)]
    shapes = [shape_of(p) for p in profiles]
    filled = {r: [c for c, v in enumerate(rows[r]) if not is_blank(v)] for r in data}
    typical = statistics.median(len(f) for f in filled.values()) if filled else 0
    kept: list[int] = []
    for r in data:
        row = rows[r]
        total = totals_cell(row)
        if len(filled[r]) == 1 and typical >= 4:
            c = filled[r][0]
            _reject(
                result,
                original,
                r,
                "note",
                f"a single cell ('{short(row[c])}' in {column_letter(c)}{r + 1}) "
                f"where records have about {typical:g} values: a note, not a record",
            )
        elif any(is_repeated_header(row, header) for header in headers):
            _reject(result, original, r, "repeated_header", "the header repeated (a new page?), not data")
        elif total is not None:
            _reject(result, original, r, "totals", f"a totals row ('{total[1]}' in {column_letter(total[0])}{r + 1})")
        elif (k := shifted_from(row, shapes)) is not None:
            label = layout.label(k)
            _reject(
                result,
                original,
                r,
                "shifted",
                f"the row sits one column right of its header from column {column_letter(k)} ('{label}' "
                f"holds '{short(row[k])}'): an unquoted comma or a stray cell earlier in the row; "
                "fix the source row and import again",
            )
        else:
            kept.append(r)
    return kept


def _carry(
    result: ImportResult,
    rows: list[list[Any]],
    kept: list[int],
    merged: Counter[int],
    mapfile: MapFile | None,
    layout: Layout,
    profiles: list[Any],
) -> None:
    by_index = {c.index: c for c in result.columns}
    if mapfile is not None and mapfile.carry_down is not None:
        carried = {resolve_column(ref, layout, mapfile) for ref in mapfile.carry_down}
    else:
        carried = {c.index for c in result.columns if _carried_by_default(result, c, profiles[c.index])}
    for c in carried:
        if c in by_index:
            by_index[c].carry_down = True
    dittos, blanks, orphans = fill_down(rows, kept, [c.index for c in result.columns if not c.target.is_skip], carried)
    for c, n in merged.items():
        if c in by_index:
            result.decide(
                "carry.merged",
                f"'{by_index[c].label}': {_n(n, 'cell')} filled from the merged cell above",
                by_index[c].label,
            )
    for c, n in dittos.items():
        result.decide(
            "carry.ditto",
            f"'{by_index[c].label}': {_n(n, 'same-as-above marker')} (同上, do, 〃) filled from the row above",
            by_index[c].label,
        )
    for c, n in blanks.items():
        result.decide(
            "carry.blank",
            f"'{by_index[c].label}': {_n(n, 'empty cell')} filled from the row above (a carried-down column)",
            by_index[c].label,
        )
    for r, c in orphans:
        result.report.warning(
            "import.ditto_without_value",
            "'same as above' with nothing above it",
            sheet=result.sheet,
            row=r + 1,
            col_index=c,
            value=rows[r][c],
        )


def _carried_by_default(result: ImportResult, col: ColumnMap, p: Any) -> bool:
    """The main date when it holds dates only (written once per day), and the branch."""
    target = col.target
    if target.key == "branch":
        return True
    if target.key == PRIMARY_DATETIME.get(result.kind) and target.part in ("date", "value"):
        return bool(p.n > 0 and p.with_time == 0)
    return False


def _decide_date_order(
    result: ImportResult, rows: list[list[Any]], kept: list[int], mapfile: MapFile | None, layout: Layout
) -> None:
    given: dict[int, bool] = {}
    if mapfile is not None:
        given = {resolve_column(ref, layout, mapfile): v for ref, v in mapfile.dayfirst.items()}
    for col in result.columns:
        f = result.register.field(col.target.key) if col.target.is_field else None
        if f is None or f.type not in ("date", "datetime") or col.target.part == "time":
            continue
        if col.index in given:
            col.dayfirst = given[col.index]
            result.decide(
                "date_order", f"'{col.label}': {'day' if col.dayfirst else 'month'}-first (mapping file)", col.label
            )
            continue
        order = date_order(rows[r][col.index] if col.index < len(rows[r]) else None for r in kept)
        col.dayfirst = order.dayfirst
        if order.decision == "year-first":
            continue
        result.decide("date_order", f"'{col.label}': {order.explain()}", col.label)
        if order.is_warning:
            result.report.warning(
                "import.date_order",
                f"'{col.label}': {order.explain()}",
                sheet=result.sheet,
                column=col.target.key,
                col_index=col.index,
                row=result.header_rows[-1],
            )


def _build(
    result: ImportResult, original: list[list[Any]], rows: list[list[Any]], kept: Iterable[int], constant: set[int]
) -> None:
    builder = RowBuilder(result, constant)
    enum_seen: dict[int, Counter[tuple[str, str]]] = {}
    for r in kept:
        record, usable = builder.build(rows[r], r + 1)
        if not usable:
            _reject(result, original, r, "empty", "nothing to import: no value in any mapped column")
            continue
        result.records.append(record)
        result.record_rows.append(r + 1)
        _note_enums(result, rows[r], enum_seen)
    for index, n in builder.unread.items():
        col = next(c for c in result.columns if c.index == index)
        result.decide(
            "values.unread",
            f"'{col.label}': {_n(n, 'value')} not read as {col.target}; left blank and "
            "kept in notes (see the warnings)",
            col.label,
        )
    for key, n in builder.midnight.items():
        result.decide("time.blank", f"{key}: {_n(n, 'row')} with a date but no time; read as 00:00 of that date")
    if builder.rolled:
        result.decide(
            "time.rollover",
            f"{_n(builder.rolled, 'end time')} earlier than the start read as the next "
            "day (at most 12 hours later: a night shift)",
        )
    if builder.not_rolled:
        result.decide(
            "time.end_before_start",
            f"{_n(builder.not_rolled, 'end time')} earlier than the start and kept as written (validate reports them)",
        )
    for index, seen in enum_seen.items():
        col = next(c for c in result.columns if c.index == index)
        shown = ", ".join(f"'{raw}' -> {key}" for (raw, key), _ in seen.most_common(8))
        result.decide("enum.values", f"'{col.label}' read as {col.target}: {shown}", col.label)


def _note_enums(result: ImportResult, row: list[Any], seen: dict[int, Counter[tuple[str, str]]]) -> None:
    """Record legacy spellings read as enum choices (only those not already a label)."""
    for col in result.columns:
        if not col.target.is_field:
            continue
        f = result.register.field(col.target.key)
        if f.enum is None or col.index >= len(row) or is_blank(row[col.index]):
            continue
        key = read_enum(row[col.index], f)
        raw = read_text(row[col.index]) or ""
        if key is None or raw in (key, f.enum.label(key, "en"), f.enum.label(key, "zh")):
            continue
        seen.setdefault(col.index, Counter())[(raw, key)] += 1


def _account(result: ImportResult, original: list[list[Any]]) -> None:
    """Generated tickets, the last row of a repeated key, and required columns the source lacks."""
    register = result.register
    mapped = {c.target.key for c in result.columns if c.target.is_field}
    if result.kind == "repairs":
        seen: set[str] = set()
        generated = 0
        for i, record in enumerate(result.records):
            if record.get("ticket_no"):
                continue
            row = result.record_rows[i]
            record["ticket_no"] = ticket_for(original[row - 1], row, seen)
            text = (
                "报修单号由导入生成（源文件第 {row} 行）"
                if result.lang == "zh"
                else "ticket no generated by import (source row {row})"
            ).format(row=row)
            record["notes"] = f"{record['notes']}; {text}" if record.get("notes") else text
            generated += 1
        if generated:
            how = "the source has no ticket column" if "ticket_no" not in mapped else "their ticket cell is blank"
            result.decide(
                "tickets.generated",
                f"{_n(generated, 'row')} got a generated ticket number IMP-<8 hex> "
                f"({how}); it is a hash of the row's values, so the same row gets the same number on "
                "every import, and the row's notes say so",
            )
    key = UNIQUE_KEY.get(result.kind)
    if key and key in mapped:
        _supersede(result, key, original)
    for f in register.fields:
        if f.required and f.key not in mapped and not (f.key == "ticket_no" and result.kind == "repairs"):
            result.decide(
                "column.missing",
                f"{f.key} ({f.en}): no column in the source; left blank in every row (validate reports it)",
            )


def _supersede(result: ImportResult, key: str, original: list[list[Any]]) -> None:
    """Keep the last row of each key; earlier rows are rejected, naming the row that replaced them."""
    last: dict[str, int] = {}
    for i, record in enumerate(result.records):
        value = record.get(key)
        if value:
            last[str(value)] = i
    keep_records, keep_rows = [], []
    superseded = 0
    for i, record in enumerate(result.records):
        value = record.get(key)
        if value and last[str(value)] != i:
            winner = result.record_rows[last[str(value)]]
            row = result.record_rows[i]
            result.rejects.append(
                Reject(
                    row,
                    "superseded",
                    f"superseded by row {winner} of the same {key} '{value}' (the last row of each {key} is kept)",
                    list(original[row - 1]),
                )
            )
            superseded += 1
            continue
        keep_records.append(record)
        keep_rows.append(result.record_rows[i])
    result.records, result.record_rows = keep_records, keep_rows
    if superseded:
        result.decide(
            "rows.superseded",
            f"{_n(superseded, 'row')} repeat the {key} of a later row: the last row of each "
            f"{key} is kept (a log of events keeps its final state); the earlier rows are in Rejects",
        )
    result.rejects.sort(key=lambda r: r.row)


def _n(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
