"""The last steps of an import: tickets, repeated keys, missing columns, nothing imported.

- Repairs without a ticket number get a generated one (`ticket_for`), said in
  the row's notes and counted in a decision.
- On the register's unique key, the last row of each value is kept (an
  event log's final state); the earlier rows are rejected naming the row
  that replaced them.
- A required column the source lacks is named once (`column.missing`).
- A source with data rows of which none was written is an error finding
  (`import.nothing_imported`) that says which header was used and what to try.
"""

from __future__ import annotations

from typing import Any

from sheetdesk.i18n import Msg
from sheetdesk.legacy.assemble import ticket_for
from sheetdesk.legacy.result import ImportResult, Reject
from sheetdesk.legacy.texts import NOTE_GENERATED, TICKETS_BLANK, TICKETS_NO_COLUMN

UNIQUE_KEY = {"repairs": "ticket_no", "sales": "serial_no"}
HINT_NO_KEY = Msg(
    "no column was recognised; try --header-row N if the header is on another row, or a mapping file "
    "(--save-mapping, edit, --mapping)",
    "没有识别出任何列；如果表头在其他行，请用 --header-row N；或使用映射文件（--save-mapping 保存、编辑后用 --mapping）",
)
HINT_REJECTED = Msg(
    "every row was rejected (see Rejects); if the header is on another row, try --header-row N",
    "所有行都被拒绝（见未导入）；如果表头在其他行，请用 --header-row N",
)


def account(result: ImportResult, original: list[list[Any]]) -> None:
    mapped = {c.target.key for c in result.columns if c.target.is_field}
    if result.kind == "repairs":
        _generate_tickets(result, original, "ticket_no" in mapped)
    key = UNIQUE_KEY.get(result.kind)
    if key and key in mapped:
        _supersede(result, key, original)
    for f in result.register.fields:
        if f.required and f.key not in mapped and not (f.key == "ticket_no" and result.kind == "repairs"):
            result.decide("column.missing", None, field=f.title, key=f.key)
    if result.nothing_imported:
        useful = [c for c in result.columns if c.target.is_field and c.target.key != "notes"]
        hint = HINT_REJECTED if useful and result.rejects else HINT_NO_KEY
        at = {"sheet": result.sheet, "row": result.header_rows[-1]}
        result.report.add("import.nothing_imported", at, rows=result.data_rows, header=_rows(result), hint=hint)


def _rows(result: ImportResult) -> str:
    rows = result.header_rows
    return str(rows[0]) if len(rows) == 1 else f"{rows[0]}-{rows[-1]}"


def _generate_tickets(result: ImportResult, original: list[list[Any]], has_column: bool) -> None:
    seen: set[str] = set()
    generated = 0
    for i, record in enumerate(result.records):
        if record.get("ticket_no"):
            continue
        row = result.record_rows[i]
        record["ticket_no"] = ticket_for(original[row - 1], row, seen)
        text = NOTE_GENERATED.render(result.lang, row=row)
        record["notes"] = f"{record['notes']}; {text}" if record.get("notes") else text
        generated += 1
    if generated:
        result.decide(
            "tickets.generated", None, count=generated, why=TICKETS_BLANK if has_column else TICKETS_NO_COLUMN
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
    title = result.register.field(key).title
    for i, record in enumerate(result.records):
        value = record.get(key)
        if value and last[str(value)] != i:
            winner = result.record_rows[last[str(value)]]
            row = result.record_rows[i]
            params = {"winner": winner, "key": title, "value": value}
            result.rejects.append(Reject(row, "superseded", params, list(original[row - 1])))
            superseded += 1
            continue
        keep_records.append(record)
        keep_rows.append(result.record_rows[i])
    result.records, result.record_rows = keep_records, keep_rows
    if superseded:
        result.decide("rows.superseded", None, count=superseded, key=title)
    result.rejects.sort(key=lambda r: r.row)
