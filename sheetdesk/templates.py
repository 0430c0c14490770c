"""Write the standard workbooks of SPEC §2–§3 from the declared schema.

`write_templates("all", "out", lang="zh")` writes the blank registers
(`sales`, `repairs`, `callbacks`, `holds`, `visits`), the policy workbook with the
built-in default rows, and `service_desk` (every register in one workbook). Every
file has a styled header with input hints, frozen panes, column widths, a
dropdown on every enum column, date/datetime formats and an instructions
sheet generated from the same declaration.

File names: `sales.xlsx` in English, `sales.zh.xlsx` in Chinese.

`python -m sheetdesk.templates [DIR]` regenerates the committed copies in
`workbook_templates/` (both languages).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetdesk.errors import UsageError
from sheetdesk.i18n import Msg, localize
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.outputs import check_output, output_folder
from sheetdesk.io.xlsx import Formats, RegisterSheetWriter, display_value, new_workbook, write_value
from sheetdesk.rules.durations import format_duration, parse_duration
from sheetdesk.rules.intervals import format_interval, parse_interval
from sheetdesk.schema import CALLBACKS, HOLDS, POLICY_SHEETS, REPAIRS, SALES, VISITS, Field, Register, normalize_label
from sheetdesk.schema.enums import CALENDAR_KIND
from sheetdesk.schema.policy import DEFAULT_POLICY_ROWS, EXAMPLE_MAINTENANCE_ROWS, MAINTENANCE, SETTING_BY_KEY

__all__ = [
    "DROPDOWN_ROWS",
    "KINDS",
    "LANGS",
    "instruction_rows",
    "template_names",
    "write_policy_template",
    "write_register_template",
    "write_templates",
]

LANGS = ("en", "zh")
KINDS = ("sales", "repairs", "callbacks", "holds", "visits", "policy", "all")
# Dropdowns and formats cover the rows below the header up to this Excel row.
DROPDOWN_ROWS = 5000
# A fixed creation date keeps regenerated files byte-identical.
CREATED = dt.datetime(2025, 1, 1)

_REGISTER_FILES: dict[str, tuple[Register, ...]] = {
    "sales": (SALES,),
    "repairs": (REPAIRS,),
    "callbacks": (CALLBACKS,),
    "holds": (HOLDS,),
    "visits": (VISITS,),
    "service_desk": (SALES, REPAIRS, CALLBACKS, HOLDS, VISITS),
}
_ALL = ("sales", "repairs", "callbacks", "holds", "visits", "policy", "service_desk")

# How the instructions name a column's type; Chinese shows an example instead of a pattern.
TYPE_NAMES: dict[str, Msg] = {
    "text": Msg("text", "文本"),
    "date": Msg("date (yyyy-mm-dd)", "日期（如 2025-03-18）"),
    "datetime": Msg("date and time (yyyy-mm-dd hh:mm)", "日期时间（如 2025-03-18 14:30）"),
    "number": Msg("number", "数字"),
    "integer": Msg("whole number", "整数"),
    "enum": Msg("choice from the dropdown", "下拉选项"),
    "yesno": Msg("Yes / No", "是 / 否"),
    "duration": Msg("duration (30min, 4h, 1.5h, 2d)", "时长（如 30分钟、4小时、1.5小时、2天）"),
    "time": Msg("time (HH:MM)", "时间（如 09:00）"),
    "weekday": Msg("weekday (Mon…Sun or 1…7)", "星期（周一…周日 或 1…7）"),
    "percent": Msg("percentage (98%)", "百分比（如 98%）"),
    "interval": Msg("interval (1m, 3m, 6m, 1y, 90d)", "周期（如 1m、3m、6m、1y、90d）"),
    "any": Msg("as the row says", "按设置项填写"),
}

INSTRUCTIONS = Msg("Instructions", "填写说明")
TITLE = Msg("{name}: how to fill it in", "{name} 填写说明")
POLICY_TITLE = Msg("Service policy: how to fill it in", "服务政策 填写说明")
GENERAL = Msg(
    "Keep the header row as it is and add one record per row below it. Red headers are required "
    "columns. Pick values from the dropdowns. Dates as yyyy-mm-dd, times as yyyy-mm-dd hh:mm. "
    "Hover over a header for a hint.",
    "请保留表头，每条记录占一行，从表头下一行开始填写。红色表头为必填列。有下拉列表的列请从列表中选择。"
    "日期写作 2025-03-18 这样的格式，时间写作 2025-03-18 14:30。鼠标停在表头上可看到填写提示。",
)
POLICY_GENERAL = Msg(
    "Each sheet replaces the built-in default when present. Durations are written 30min, 4h, 1.5h, "
    "2d; times as HH:MM; percentages as 98%. A sheet you delete keeps the built-in default.",
    "每张政策表存在时整体替换内置默认值；删除的表沿用内置默认值。时长写作 30分钟、4小时、1.5小时、2天；"
    "时间写作 09:00；百分比写作 98%。",
)
COLUMNS = (
    Msg("Column", "栏目"),
    Msg("Data type", "数据类型"),
    Msg("Required", "是否必填"),
    Msg("Allowed values", "可选值"),
    Msg("Hint", "填写提示"),
)
EXAMPLE = Msg(
    "Example, not in force: a plan from typical service plans. Copy the rows you want into columns A–F "
    "(an empty sheet plans no visits).",
    "示例（不生效）：取自常见服务方案的计划。需要时把所需的行复制到 A–F 列（此表为空即不安排计划巡检）。",
)
# Not the column's label itself, so that this row is never taken for the header.
EXAMPLE_LABEL = Msg("e.g. {label}", "示例·{label}")
REQUIRED = Msg("required", "必填")
UNIQUE = Msg("required, unique", "必填，不可重复")
OPTIONAL = Msg("optional", "选填")
DOCUMENT_TITLE = Msg("sheetdesk template", "sheetdesk 模板")
UNKNOWN_LANG = Msg("unknown language {lang}: choose en or zh", "未知语言 {lang}：请选 en 或 zh")
UNKNOWN_KIND = Msg("unknown template {kind}: choose one of {kinds}", "未知模板 {kind}：请从 {kinds} 中选择")

_WEEKDAYS_ZH = {"mon": "周一", "tue": "周二", "wed": "周三", "thu": "周四", "fri": "周五", "sat": "周六", "sun": "周日"}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise UsageError(UNKNOWN_LANG, lang=repr(lang))


def template_names(kind: str, lang: str) -> list[str]:
    """File names `kind` writes: `sales.xlsx` (en) / `sales.zh.xlsx` (zh)."""
    _check_lang(lang)
    if kind not in KINDS:
        raise UsageError(UNKNOWN_KIND, kind=repr(kind), kinds=", ".join(KINDS))
    stems = _ALL if kind == "all" else (kind,)
    infix = ".zh" if lang == "zh" else ""
    return [f"{stem}{infix}.xlsx" for stem in stems]


# -- instructions -------------------------------------------------------------


def instruction_rows(register: Register, lang: str) -> list[list[str]]:
    """The table of a register's columns: label, type, required, allowed values, hint."""
    rows = [[c.render(lang) for c in COLUMNS]]
    for f in register.fields:
        required = (UNIQUE if f.unique else REQUIRED if f.required else OPTIONAL).render(lang)
        allowed = localize(f.enum.titles(), lang) if f.enum is not None else ""
        rows.append([f.label(lang), TYPE_NAMES[f.type].render(lang), required, allowed, f.hint(lang)])
    return rows


def _write_instructions(
    wb: Workbook, formats: Formats, registers: Sequence[Register], lang: str, *, policy: bool = False
) -> None:
    ws = wb.add_worksheet(INSTRUCTIONS.render(lang))
    title = formats.get(bold=True, font_size=14)
    section = formats.get(bold=True, font_size=12, font_color="#1F4E78")
    wrap = formats.get(text_wrap=True, valign="top")
    head = formats.header()
    for col, width in enumerate((22, 30, 16, 44, 44)):
        ws.set_column(col, col, width, wrap)
    row = 0
    names = " / ".join(r.name(lang) for r in registers)
    ws.write_string(row, 0, POLICY_TITLE.render(lang) if policy else TITLE.render(lang, name=names), title)
    row += 1
    ws.merge_range(row, 0, row, 4, (POLICY_GENERAL if policy else GENERAL).render(lang), wrap)
    ws.set_row(row, 48)
    row += 2
    for register in registers:
        ws.write_string(row, 0, f"{register.name(lang)}", section)
        description = register.description_zh if lang == "zh" else register.description_en
        ws.write_string(row, 1, description)
        row += 1
        for i, cells in enumerate(instruction_rows(register, lang)):
            for col, text in enumerate(cells):
                write_value(ws, row, col, text or None, head if i == 0 else wrap)
            row += 1
        row += 1


# -- register templates -------------------------------------------------------


def _new(path: Path, lang: str) -> tuple[Workbook, Formats]:
    wb = new_workbook(path)
    wb.set_properties({"title": DOCUMENT_TITLE.render(lang), "author": "sheetdesk", "created": CREATED})
    return wb, Formats(wb)


def _register_sheet(wb: Workbook, formats: Formats, register: Register, lang: str) -> RegisterSheetWriter:
    ws: Worksheet = wb.add_worksheet(register.name(lang))
    writer = RegisterSheetWriter(wb, formats, ws, register, lang)
    writer.write_header()
    writer.add_dropdowns(last_row=DROPDOWN_ROWS - 1)
    ws.autofilter(0, 0, 0, len(register.fields) - 1)
    return writer


def write_register_template(path: str | Path, registers: Sequence[Register], lang: str) -> None:
    """One workbook with a blank standard sheet per register and the instructions."""
    _check_lang(lang)
    wb, formats = _new(Path(path), lang)
    for register in registers:
        _register_sheet(wb, formats, register, lang)
    _write_instructions(wb, formats, registers, lang)
    wb.close()


# -- policy template ----------------------------------------------------------


def _policy_value(f: Field, value: Any, lang: str) -> Any:
    """A default policy cell as a clerk writes it in `lang`: choices (`II`, `callback_days`)
    as their label (`二级`, `回访天数`), weekdays and durations in words (`周一`, `4小时`)."""
    if value is None or f.enum is not None:
        return value  # RegisterSheetWriter shows enum keys as labels
    if f.read_as is not None and isinstance(value, str):
        return f.read_as.label(value, lang)
    if f.key == "calendar" and isinstance(value, str):  # 24x7 / business: 全天 / 工作时间 on a Chinese sheet
        return CALENDAR_KIND.label(value, lang)
    if f.type == "weekday" and lang == "zh" and isinstance(value, str):
        return _WEEKDAYS_ZH.get(value.casefold()[:3], value)
    if f.type == "duration" and isinstance(value, str):
        return format_duration(parse_duration(value), lang)
    return value


def _setting_value(record: dict[str, Any], lang: str) -> Any:
    """A setting's value in `lang`: a choice (`CN`) as its label (`中国`)."""
    setting = SETTING_BY_KEY.get(str(record.get("setting")))
    value = record.get("value")
    if setting is not None and setting.enum is not None and isinstance(value, str):
        return setting.enum.label(value, lang)
    return value


def policy_records(register: Register, lang: str) -> list[dict[str, Any]]:
    """The default rows of one policy sheet (`DEFAULT_POLICY_ROWS`) as records by field key."""
    header, *rows = DEFAULT_POLICY_ROWS[register.key]
    lookup = register.header_lookup()
    keys = [lookup[normalize_label(label)] for label in header]
    records = [dict(zip(keys, row, strict=False)) for row in rows]
    if register.key == "settings":
        return [{**r, "setting": _policy_value(register.field("setting"), r["setting"], lang),
                 "value": _setting_value(r, lang)} for r in records]  # fmt: skip
    return [{k: _policy_value(register.field(k), v, lang) for k, v in r.items()} for r in records]


def write_policy_template(path: str | Path, lang: str) -> None:
    """Every policy sheet with the built-in default rows (Maintenance: none, an example beside it),
    and the instructions."""
    _check_lang(lang)
    wb, formats = _new(Path(path), lang)
    for register in POLICY_SHEETS:
        writer = _register_sheet(wb, formats, register, lang)
        for i, record in enumerate(policy_records(register, lang)):
            writer.write_record(i + 1, record)
        if register is MAINTENANCE:
            _maintenance_example(writer, formats, lang)
    _write_instructions(wb, formats, POLICY_SHEETS, lang, policy=True)
    wb.close()


def _maintenance_example(writer: RegisterSheetWriter, formats: Formats, lang: str) -> None:
    """The example plan beside the (empty) Maintenance sheet's columns, greyed: no reader takes
    cells outside the declared columns for rows, so the default stays "no plan"."""
    ws, first = writer.ws, len(MAINTENANCE.fields) + 1  # one blank column between
    note = formats.get(italic=True, font_color="#595959", text_wrap=True, valign="top")
    grey = formats.get(font_color="#595959", bg_color="#F2F2F2", border=1)
    ws.merge_range(0, first, 0, first + len(MAINTENANCE.fields) - 1, EXAMPLE.render(lang), note)
    for c, f in enumerate(MAINTENANCE.fields):
        ws.write_string(1, first + c, EXAMPLE_LABEL.render(lang, label=f.label(lang)), grey)
        ws.set_column(first + c, first + c, max(f.width, 12))
    for r, row in enumerate(EXAMPLE_MAINTENANCE_ROWS, start=2):
        for c, (f, value) in enumerate(zip(MAINTENANCE.fields, row, strict=True)):
            write_value(ws, r, first + c, _example_value(f, value, lang), grey)


def _example_value(f: Field, value: Any, lang: str) -> Any:
    """An example plan cell as a clerk writes it in `lang` (`6个月`, `保修期内`)."""
    if isinstance(value, Msg):
        return value.render(lang)
    if f.type == "interval" and isinstance(value, str):
        return format_interval(parse_interval(value), lang)
    return display_value(f, value, lang)


# -- the command's library function ---------------------------------------------


def _write_one(stem: str, path: Path, lang: str) -> None:
    if stem == "policy":
        write_policy_template(path, lang)
    else:
        write_register_template(path, _REGISTER_FILES[stem], lang)


def write_templates(kind: str, outdir: str | Path, lang: str = "en", *, force: bool = False) -> list[Path]:
    """Write the templates of `kind` into `outdir` (created if missing); return the paths.

    Every target is checked before any is written, so an existing file
    without `force` leaves the folder untouched. Each write is atomic.
    """
    names = template_names(kind, lang)
    outdir = Path(outdir)
    output_folder(outdir, parents=True)
    targets = [check_output(outdir / name, [], force=force) for name in names]
    for target in targets:
        with atomic_path(target) as tmp:
            _write_one(target.name.split(".")[0], tmp, lang)
    return targets


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the committed templates (en and zh) in DIR (default workbook_templates)."""
    args = list(sys.argv[1:] if argv is None else argv)
    outdir = Path(args[0]) if args else Path("workbook_templates")
    for lang in LANGS:
        for path in write_templates("all", outdir, lang, force=True):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
