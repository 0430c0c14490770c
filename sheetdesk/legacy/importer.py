"""Import a legacy log: read, find the table, map, fill, parse, account for every row.

`import_legacy()` does everything but write; `write_import()` (in `write`)
writes the standard workbook. Every non-blank row of the chosen sheet is
read: a row above the header is listed as such (titles, summaries), and
every row below it ends up in `result.records` or in `result.rejects` with
its reason: rows read = above the header + written + rejected.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sheetdesk.errors import InputError, UsageError
from sheetdesk.i18n import Msg
from sheetdesk.io.reader import RawSheet, RawWorkbook, read_workbook
from sheetdesk.io.values import is_blank
from sheetdesk.legacy.account import account
from sheetdesk.legacy.assemble import RowBuilder, constant_columns
from sheetdesk.legacy.carry import fill_down, fill_merges
from sheetdesk.legacy.classify import classify
from sheetdesk.legacy.dateorder import decide_date_order, fix_swapped_dates
from sheetdesk.legacy.epoch import read_epochs
from sheetdesk.legacy.labels import exact_table, names_a_key
from sheetdesk.legacy.mapfile import MapFile, load_mapping, resolve_column
from sheetdesk.legacy.mapping import map_columns
from sheetdesk.legacy.ods import ods_merges
from sheetdesk.legacy.parse import read_datetime, read_enum, read_text
from sheetdesk.legacy.result import ColumnMap, ImportResult, target_title
from sheetdesk.legacy.sniff import Column, Profile, profile
from sheetdesk.legacy.stack import Stack, find_stacked
from sheetdesk.legacy.table import Layout, Matcher, choose_sheet
from sheetdesk.legacy.targets import PRIMARY_DATETIME, TargetError, register_for
from sheetdesk.legacy.texts import HEADER_JOINED, HEADER_ONE
from sheetdesk.legacy.years import decide_years
from sheetdesk.schema import Register, normalize_label

Progress = Callable[[list[int], int], Iterable[int]]
_CJK = re.compile(r"[\u4e00-\u9fff]")
NO_SHEET = Msg("no sheet named '{name}' (sheets: {names})", "没有名为“{name}”的工作表（现有：{names}）")
NO_TABLE = Msg(
    "no table found in sheet '{sheet}': no row looks like a header (give --sheet, --header-row, "
    "or header_rows in a mapping file)",
    "工作表“{sheet}”中找不到表格：没有像表头的行（请指定 --sheet、--header-row，或在映射文件中设置 header_rows）",
)
HEADER_BEYOND = Msg(
    "--header-row {row} is beyond the last row of sheet '{sheet}' ({count})",
    "--header-row {row} 超出了工作表“{sheet}”的最后一行（{count}）",
)


def import_legacy(
    path: str | Path,
    kind: str,
    *,
    sheet: str | None = None,
    mapping: str | Path | None = None,
    encoding: str | None = None,
    lang: str | None = None,
    header_rows: list[int] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read a legacy log and build the standard records, rejects and report.

    `header_rows` (Excel rows, e.g. `[6]` or `[2, 3]`) overrides the header search;
    `progress(rows, count)` may wrap the row loop (the CLI shows a bar with it).
    """
    try:
        register = register_for(kind)
    except TargetError as exc:
        raise UsageError(exc.message) from None
    mapfile = load_mapping(mapping, register) if mapping else None
    workbook = read_workbook(path, encoding=encoding)
    if workbook.format == "ods":
        _add_ods_merges(workbook)
    matches = header_matcher(register, mapfile)
    raw_sheet, layout = _locate(workbook, matches, mapfile, sheet, header_rows)
    rows = [list(r) for r in raw_sheet.rows]  # filled in place; raw_sheet keeps the originals
    merged = fill_merges(rows, raw_sheet.merged, layout.data_start)
    data = layout.data_rows()
    known = frozenset(exact_table(register)) | {normalize_label(layout.label(c)) for c in range(layout.width)}
    stack = find_stacked(rows, layout, data, matches, known)
    table_rows = [r for r in data if r not in stack.second]
    profiles = [profile(Column(rows, table_rows, c), register) for c in range(layout.width)]
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
        data_rows=len(data),
        sheets=[s.name for s in workbook.sheets],
    )
    result.above = [(r + 1, list(raw_sheet.rows[r])) for r in layout.rows_above()]
    _describe_table(result, layout, stack)
    result.decisions.extend(decisions)
    result.report.extend(workbook.findings.issues)  # what the reader found: a quote never closed, error cells

    kept = classify(result, raw_sheet.rows, rows, data, layout, profiles, stack.second, stack.headers_again)
    _carry(result, rows, kept, merged, mapfile, layout, profiles)
    read_epochs(result, rows, kept, profiles)
    decide_date_order(result, rows, kept, mapfile, layout)
    fix_swapped_dates(result, rows, kept)
    decide_years(result, rows, kept, [list(raw_sheet.rows[r]) for r in layout.rows_above()])
    constant = constant_columns(result, rows, kept)
    for index, value in constant.items():
        label = next(c.label for c in columns if c.index == index)
        result.decide("column.constant", label, column=label, value=value)
    _build(result, raw_sheet.rows, rows, progress(kept, len(kept)) if progress else kept, set(constant))
    account(result, raw_sheet.rows)
    return result


def header_matcher(register: Register, mapfile: MapFile | None) -> Matcher:
    """parts -> the key a header names (a mapping file's columns count as known)."""
    wanted = {normalize_label(ref) for ref in (mapfile.columns if mapfile else {})}

    def matches(parts: list[str]) -> str | None:
        if wanted and normalize_label(" ".join(parts)) in wanted:
            return "mapping file: " + " ".join(parts)
        return names_a_key(parts, register)

    return matches


def _locate(
    workbook: RawWorkbook, matches: Matcher, mapfile: MapFile | None, sheet: str | None, header_rows: list[int] | None
) -> tuple[RawSheet, Layout]:
    name = sheet or (mapfile.sheet if mapfile else None)
    forced = header_rows or (mapfile.header_rows if mapfile else None)
    try:
        raw_sheet, layout = choose_sheet(workbook.sheets, matches, name=name, header_rows=forced)
    except KeyError:
        names = ", ".join(f"'{s.name}'" for s in workbook.sheets)
        raise UsageError(NO_SHEET, name=name, names=names) from None
    if layout is None:
        if forced:
            raise UsageError(HEADER_BEYOND, row=max(forced), sheet=raw_sheet.name, count=len(raw_sheet.rows))
        raise InputError(workbook.path, NO_TABLE, sheet=raw_sheet.name)
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


def _describe_table(result: ImportResult, layout: Layout, stack: Stack) -> None:
    rows = layout.header_rows
    where = HEADER_ONE.bind(row=rows[0]) if len(rows) == 1 else HEADER_JOINED.bind(first=rows[0], last=rows[-1])
    result.decide("table.header", None, sheet=result.sheet, rows=where, why=layout.why)
    if result.above:
        above = ", ".join(str(r) for r, _ in result.above[:12]) + (", …" if len(result.above) > 12 else "")
        result.decide("table.above", None, count=len(result.above), rows=above)
    if len(result.sheets) > 1:
        result.decide("table.sheet", None, sheet=result.sheet, count=len(result.sheets))
    for row, labels, count in stack.others:
        shown = ", ".join(labels[:6]) + (", …" if len(labels) > 6 else "")
        result.decide("table.second", None, row=row + 1, labels=shown, count=count)
    for row, count in stack.reordered:
        result.decide("table.second_same", None, row=row + 1, count=count)


def _carry(
    result: ImportResult,
    rows: list[list[Any]],
    kept: list[int],
    merged: Counter[int],
    mapfile: MapFile | None,
    layout: Layout,
    profiles: list[Profile],
) -> None:
    by_index = {c.index: c for c in result.columns}
    if mapfile is not None and mapfile.carry_down is not None:
        carried = {resolve_column(ref, layout, mapfile) for ref in mapfile.carry_down}
    else:
        carried = {
            c.index
            for c in result.columns
            if _carried_by_default(result, c, profiles[c.index]) and _in_date_order(rows, kept, c.index)
        }
    for c in carried:
        if c in by_index:
            by_index[c].carry_down = True
    dittos, blanks, orphans = fill_down(rows, kept, [c.index for c in result.columns if not c.target.is_skip], carried)
    for code, counts in (("carry.merged", merged), ("carry.ditto", dittos), ("carry.blank", blanks)):
        for c, n in counts.items():
            if c in by_index:
                result.decide(code, by_index[c].label, column=by_index[c].label, count=n)
    for r, c in orphans:
        at = {"sheet": result.sheet, "row": r + 1, "col_index": c, "value": rows[r][c]}
        result.report.add("import.ditto_without_value", at)


def _in_date_order(rows: list[list[Any]], kept: list[int], col: int) -> bool:
    """Blanks in a date column mean "same day as above" only in a log kept in date order."""
    memo: dict[tuple[type, Any], Any] = {}
    known = []
    for r in kept:
        value = rows[r][col] if col < len(rows[r]) else None
        if value is None or value == "":
            continue
        key = (type(value), value)
        if key not in memo:
            memo[key] = None if is_blank(value) else read_datetime(value)
        if memo[key] is not None:
            known.append(memo[key])
    pairs = list(zip(known, known[1:], strict=False))
    return not pairs or sum(1 for a, b in pairs if a <= b) >= 0.9 * len(pairs)


def _carried_by_default(result: ImportResult, col: ColumnMap, p: Profile) -> bool:
    """The main date when it holds dates only (written once per day), and the branch."""
    target = col.target
    if target.key == "branch":
        return True
    if target.key == PRIMARY_DATETIME.get(result.kind) and target.part in ("date", "value"):
        return bool(p.n > 0 and p.with_time == 0)
    return False


def _build(
    result: ImportResult, original: list[list[Any]], rows: list[list[Any]], kept: Iterable[int], constant: set[int]
) -> None:
    builder = RowBuilder(result, constant)
    enum_seen: dict[int, Counter[tuple[str, str]]] = {}
    for r in kept:
        record, usable = builder.build(rows[r], r + 1)
        if not usable:
            result.reject(r + 1, "empty", list(original[r]))
            continue
        result.records.append(record)
        result.record_rows.append(r + 1)
    _note_enums(result, rows, [row - 1 for row in result.record_rows], enum_seen)
    result.rejects.sort(key=lambda x: x.row)
    by_index = {c.index: c for c in result.columns}
    for index, n in builder.unread.items():
        col = by_index[index]
        title = target_title(col.target, result.register)
        result.decide("values.unread", col.label, column=col.label, count=n, target=title)
    for key, n in builder.midnight.items():
        result.decide("time.blank", None, field=result.register.field(key).title, count=n)
    if builder.rolled:
        result.decide("time.rollover", None, count=builder.rolled)
    if builder.not_rolled:
        result.decide("time.end_before_start", None, count=builder.not_rolled)
    for index, seen in enum_seen.items():
        col = by_index[index]
        f = result.register.field(col.target.key)
        assert f.enum is not None
        # Each spelling and the choice it was read as, the choice shown as the sheet writes it.
        shown = [
            Msg(f"'{raw}' -> {f.enum.label(key, 'en')}", f"'{raw}' -> {f.enum.label(key, 'zh')}")
            for (raw, key), _ in seen.most_common(8)
        ]
        title = target_title(col.target, result.register)
        result.decide("enum.values", col.label, column=col.label, target=title, pairs=shown)


def _note_enums(
    result: ImportResult, rows: list[list[Any]], written: list[int], seen: dict[int, Counter[tuple[str, str]]]
) -> None:
    """Record legacy spellings read as enum choices (only those not already a label), a column at a time."""
    for col in result.columns:
        if not col.target.is_field:
            continue
        f = result.register.field(col.target.key)
        if f.enum is None:
            continue
        c = col.index
        counts = Counter(rows[r][c] for r in written if c < len(rows[r]))
        for value, n in counts.items():
            if value is None or is_blank(value):
                continue
            key = read_enum(value, f)
            raw = read_text(value) or ""
            if key is None or raw in (key, f.enum.label(key, "en"), f.enum.label(key, "zh")):
                continue
            seen.setdefault(c, Counter())[(raw, key)] += n
