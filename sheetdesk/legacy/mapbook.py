"""The mapping as a small workbook, for clerks who do not edit YAML.

`--save-mapping map.xlsx` writes one sheet: the register kind (and the sheet
read) on top, then one row per source column: its header, letter, sample
values, the key it goes to (a dropdown of every key, `keep` and `skip`),
the confidence, day-first and carry-down, and the evidence. The clerk
changes a key in the dropdown and imports with `--mapping map.xlsx`.

A key cell is read by the `[key]` at its end (`报修时间（日期部分） [reported_at.date]`),
or as a bare key, or as a field's label in either language; labels and
settings are read in English and Chinese, whichever the workbook was saved in.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.xlsx import Formats, new_workbook
from sheetdesk.legacy.targets import KEEP, SKIP, Target
from sheetdesk.schema import REGISTERS_BY_KEY, Register, normalize_label

if TYPE_CHECKING:
    from sheetdesk.legacy.result import ImportResult

SHEET = Msg("Mapping", "列对应")
KEYS_SHEET = "keys"
TITLE = Msg("sheetdesk import mapping for {source}", "sheetdesk 导入列对应表：{source}")
HOW = Msg(
    "Change a column's key with the dropdown, then: sheetdesk import NEXT --kind {kind} --mapping THIS.xlsx",
    "用下拉框修改某列的对应列，然后运行：sheetdesk import 下个文件 --kind {kind} --mapping 本文件.xlsx",
)
SETTINGS = {"kind": Msg("Kind", "登记表类型"), "sheet": Msg("Sheet", "工作表")}
COLUMNS = {
    "column": Msg("Source column", "源列"),
    "letter": Msg("Letter", "列号"),
    "samples": Msg("Sample values", "示例值"),
    "key": Msg("Key", "对应到"),
    "confidence": Msg("Confidence", "把握"),
    "dayfirst": Msg("Day first", "日在前"),
    "carry": Msg("Carry down", "沿用上行"),
    "evidence": Msg("Evidence", "依据"),
}
YES, NO = Msg("yes", "是"), Msg("no", "否")
KEEP_TITLE = Msg("notes as 'header: value'", "保留到备注")
SKIP_TITLE = Msg("skip", "不导入")
DATE_PART = Msg("{field} (date part)", "{field}（日期部分）")
TIME_PART = Msg("{field} (time part)", "{field}（时间部分）")
NO_TABLE = Msg(
    "not a mapping workbook: no sheet has the columns '{column}' and '{key}'",
    "不是列对应工作簿：没有工作表含有“{column}”和“{key}”两列",
)
BAD_YESNO = Msg(
    "row {row}: '{value}' under '{name}' is not yes or no", "第 {row} 行：“{name}”下的“{value}”不是“是”或“否”"
)
_BRACKETED = re.compile(r"\[([A-Za-z_]+(?:\.(?:date|time))?)\]\s*$")


def choices(register: Register, lang: str) -> list[str]:
    """Every target as the dropdown shows it: `label [key]`."""
    out = []
    for f in register.fields:
        out.append(f"{f.label(lang)} [{f.key}]")
        if f.type == "datetime":
            out.append(f"{DATE_PART.render(lang, field=f.title)} [{f.key}.date]")
            out.append(f"{TIME_PART.render(lang, field=f.title)} [{f.key}.time]")
    out.append(f"{KEEP_TITLE.render(lang)} [{KEEP}]")
    out.append(f"{SKIP_TITLE.render(lang)} [{SKIP}]")
    return out


def shown(target: Target, register: Register, lang: str) -> str:
    wanted = f"[{target}]"
    return next(c for c in choices(register, lang) if c.endswith(wanted))


def write_mapbook(result: ImportResult, path: Path) -> None:
    lang, register = result.lang, result.register
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp)
        formats = Formats(wb)
        ws = wb.add_worksheet(SHEET.render(lang))
        keys = wb.add_worksheet(KEYS_SHEET)
        listed = choices(register, lang)
        for i, text in enumerate(listed):
            keys.write_string(i, 0, text)
        keys.hide()
        bold, title = formats.get(bold=True), formats.get(bold=True, font_size=13)
        wrap = formats.get(text_wrap=True, valign="top")
        ws.write_string(0, 0, TITLE.render(lang, source=result.source.name), title)
        ws.write_string(1, 0, HOW.render(lang, kind=result.kind))
        ws.write_string(2, 0, SETTINGS["kind"].render(lang), bold)
        ws.write_string(2, 1, result.kind)
        if len(result.sheets) > 1:
            ws.write_string(3, 0, SETTINGS["sheet"].render(lang), bold)
            ws.write_string(3, 1, result.sheet)
        top = 5
        for c, msg in enumerate(COLUMNS.values()):
            ws.write_string(top, c, msg.render(lang), formats.header())
        for n, col in enumerate(result.columns, start=top + 1):
            ws.write_string(n, 0, result.column_ref(col.index))
            ws.write_string(n, 1, col.letter)
            ws.write_string(n, 2, " | ".join(col.samples), wrap)
            ws.write_string(n, 3, shown(col.target, register, lang))
            ws.write_number(n, 4, round(col.confidence, 2))
            if col.dayfirst is not None:
                ws.write_string(n, 5, (YES if col.dayfirst else NO).render(lang))
            if col.carry_down:
                ws.write_string(n, 6, YES.render(lang))
            ws.write_string(n, 7, col.explain(lang), wrap)
        last = top + len(result.columns)
        ws.data_validation(top + 1, 3, max(last, top + 1), 3, {
            "validate": "list", "source": f"={KEYS_SHEET}!$A$1:$A${len(listed)}",
        })  # fmt: skip
        ws.set_column(0, 0, 24)
        ws.set_column(2, 2, 36)
        ws.set_column(3, 3, 30)
        ws.set_column(4, 6, 10)
        ws.set_column(7, 7, 60)
        ws.freeze_panes(top + 1, 1)
        wb.close()


def read_mapbook(path: Path) -> dict[str, Any]:
    """The mapping document (as YAML would give it) from a mapping workbook."""
    from sheetdesk.io.reader import read_workbook

    workbook = read_workbook(path)
    names = {name: {normalize_label(m.en), normalize_label(m.zh)} for name, m in COLUMNS.items()}
    for sheet in workbook.sheets:
        for top, row in enumerate(sheet.rows):
            folded = [normalize_label(v) if isinstance(v, str) else "" for v in row]
            where = {name: next((i for i, f in enumerate(folded) if f in spellings), None)
                     for name, spellings in names.items()}  # fmt: skip
            if where["column"] is None or where["key"] is None:
                continue
            return _document(path, sheet.rows, top, where)
    raise InputError(path, NO_TABLE, column=COLUMNS["column"].en, key=COLUMNS["key"].en)


def _document(path: Path, rows: list[list[Any]], top: int, where: dict[str, int | None]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    settings = {normalize_label(m.en): k for k, m in SETTINGS.items()} | {
        normalize_label(m.zh): k for k, m in SETTINGS.items()
    }
    for row in rows[:top]:
        if (
            len(row) >= 2
            and isinstance(row[0], str)
            and normalize_label(row[0]) in settings
            and row[1] not in ("", None)
        ):
            doc[settings[normalize_label(row[0])]] = str(row[1]).strip()
    register = REGISTERS_BY_KEY.get(doc.get("kind", ""))
    columns: dict[str, str] = {}
    dayfirst: dict[str, bool] = {}
    carry: list[str] = []

    def cell(row: list[Any], name: str) -> Any:
        i = where.get(name)
        return row[i] if i is not None and i < len(row) else None

    for n, row in enumerate(rows[top + 1 :], start=top + 2):
        ref = cell(row, "column")
        if ref in (None, ""):
            continue
        ref = str(ref).strip()
        columns[ref] = _target_text(cell(row, "key"), register)
        first = _yes_no(path, n, cell(row, "dayfirst"), COLUMNS["dayfirst"].en)
        if first is not None:
            dayfirst[ref] = first
        if _yes_no(path, n, cell(row, "carry"), COLUMNS["carry"].en):
            carry.append(ref)
    doc["columns"] = columns
    if dayfirst:
        doc["dayfirst"] = dayfirst
    doc["carry_down"] = carry
    return doc


def _target_text(value: Any, register: Register | None) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        return KEEP
    m = _BRACKETED.search(text)
    if m:
        return m[1]
    if register is not None:
        folded = normalize_label(text)
        for f in register.fields:
            if folded in (normalize_label(f.en), normalize_label(f.zh), normalize_label(f.key)):
                return f.key
    for target, msg in ((KEEP, KEEP_TITLE), (SKIP, SKIP_TITLE)):
        if normalize_label(text) in (normalize_label(msg.en), normalize_label(msg.zh), target):
            return target
    return text  # a bare key, or something parse_target names in its message


def _yes_no(path: Path, row: int, value: Any, name: str) -> bool | None:
    if value in (None, ""):
        return None
    text = normalize_label(value)
    if text in ("yes", "y", "true", "是", "1"):
        return True
    if text in ("no", "n", "false", "否", "0"):
        return False
    raise InputError(path, BAD_YESNO, row=row, value=value, name=name)
