"""Write the standard workbooks of SPEC §2–§3 from the declared schema.

`write_templates("all", "out", lang="zh")` writes the blank registers
(`sales`, `repairs`, `callbacks`, `visits`), the policy workbook with the
built-in default rows, and `service_desk` (all the registers in one workbook). Every
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
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.outputs import check_output, output_folder
from sheetdesk.io.xlsx import Formats, RegisterSheetWriter, display_value, new_workbook, write_value
from sheetdesk.schema import CALLBACKS, POLICY_SHEETS, REPAIRS, SALES, VISITS, Field, Register, normalize_label
from sheetdesk.schema.policy import DEFAULT_POLICY_ROWS, EXAMPLE_MAINTENANCE_ROWS, MAINTENANCE

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
KINDS = ("sales", "repairs", "callbacks", "visits", "policy", "all")
# Dropdowns and formats cover the rows below the header up to this Excel row.
DROPDOWN_ROWS = 5000
# A fixed creation date keeps regenerated files byte-identical.
CREATED = dt.datetime(2025, 1, 1)

_REGISTER_FILES: dict[str, tuple[Register, ...]] = {
    "sales": (SALES,),
    "repairs": (REPAIRS,),
    "callbacks": (CALLBACKS,),
    "visits": (VISITS,),
    "service_desk": (SALES, REPAIRS, CALLBACKS, VISITS),
}
_ALL = ("sales", "repairs", "callbacks", "visits", "policy", "service_desk")

_TYPE_NAMES = {
    "text": ("text", "文本"),
    "date": ("date (yyyy-mm-dd)", "日期（yyyy-mm-dd）"),
    "datetime": ("date and time (yyyy-mm-dd hh:mm)", "日期时间（yyyy-mm-dd hh:mm）"),
    "number": ("number", "数字"),
    "integer": ("whole number", "整数"),
    "enum": ("choice from the dropdown", "下拉选项"),
    "yesno": ("Yes / No", "是 / 否"),
    "duration": ("duration (30min, 4h, 1.5h, 2d)", "时长（30min、4h、1.5h、2d）"),
    "time": ("time (HH:MM)", "时间（HH:MM）"),
    "weekday": ("weekday (Mon…Sun or 1…7)", "星期（周一…周日 或 1…7）"),
    "percent": ("percentage (98%)", "百分比（98%）"),
    "interval": ("interval (1m, 3m, 6m, 1y, 90d)", "周期（1m、3m、6m、1y、90d）"),
    "any": ("as the row says", "按设置项填写"),
}

_TEXT = {
    "instructions": ("Instructions", "填写说明"),
    "title": ("{name}: how to fill it in", "{name} 填写说明"),
    "policy_title": ("Service policy: how to fill it in", "服务政策 填写说明"),
    "general": (
        "Keep the header row as it is and add one record per row below it. Red headers are required "
        "columns. Pick values from the dropdowns. Dates as yyyy-mm-dd, times as yyyy-mm-dd hh:mm. "
        "Hover over a header for a hint.",
        "请保留表头，每条记录占一行，从表头下一行开始填写。红色表头为必填列。有下拉列表的列请从列表中选择。"
        "日期写作 yyyy-mm-dd，时间写作 yyyy-mm-dd hh:mm。鼠标停在表头上可看到填写提示。",
    ),
    "policy_general": (
        "Each sheet replaces the built-in default when present. Durations are written 30min, 4h, 1.5h, "
        "2d; times as HH:MM; percentages as 98%. A sheet you delete keeps the built-in default.",
        "每张政策表存在时整体替换内置默认值；删除的表沿用内置默认值。时长写作 30min、4h、1.5h、2d；"
        "时间写作 HH:MM；百分比写作 98%。",
    ),
    "columns": (
        ("Column", "Data type", "Required", "Allowed values", "Hint"),
        ("栏目", "数据类型", "是否必填", "可选值", "填写提示"),
    ),
    "example": (
        "Example, not in force: a plan from typical service plans. Copy the rows you want into columns A–F "
        "(an empty sheet plans no visits).",
        "示例（不生效）：取自常见服务方案的计划。需要时把所需的行复制到 A–F 列（此表为空即不安排计划巡检）。",
    ),
    "example_label": ("e.g. {label}", "示例·{label}"),
    "required": ("required", "必填"),
    "unique": ("required, unique", "必填，不可重复"),
    "optional": ("optional", "选填"),
}

_WEEKDAYS_ZH = {"mon": "周一", "tue": "周二", "wed": "周三", "thu": "周四", "fri": "周五", "sat": "周六", "sun": "周日"}


def _t(key: str, lang: str) -> Any:
    en, zh = _TEXT[key]
    return zh if lang == "zh" else en


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}: choose en or zh")


def template_names(kind: str, lang: str) -> list[str]:
    """File names `kind` writes: `sales.xlsx` (en) / `sales.zh.xlsx` (zh)."""
    _check_lang(lang)
    if kind not in KINDS:
        raise UsageError(f"unknown template {kind!r}: choose one of {', '.join(KINDS)}")
    stems = _ALL if kind == "all" else (kind,)
    infix = ".zh" if lang == "zh" else ""
    return [f"{stem}{infix}.xlsx" for stem in stems]


# -- instructions -------------------------------------------------------------


def instruction_rows(register: Register, lang: str) -> list[list[str]]:
    """The table of a register's columns: label, type, required, allowed values, hint."""
    rows = [list(_t("columns", lang))]
    sep = "、" if lang == "zh" else ", "
    for f in register.fields:
        required = _t("unique", lang) if f.unique else _t("required", lang) if f.required else _t("optional", lang)
        allowed = sep.join(f.enum.labels(lang)) if f.enum is not None else ""
        type_name = _TYPE_NAMES[f.type][1 if lang == "zh" else 0]
        rows.append([f.label(lang), type_name, required, allowed, f.hint(lang)])
    return rows


def _write_instructions(
    wb: Workbook, formats: Formats, registers: Sequence[Register], lang: str, *, policy: bool = False
) -> None:
    ws = wb.add_worksheet(_t("instructions", lang))
    title = formats.get(bold=True, font_size=14)
    section = formats.get(bold=True, font_size=12, font_color="#1F4E78")
    wrap = formats.get(text_wrap=True, valign="top")
    head = formats.header()
    for col, width in enumerate((22, 30, 16, 44, 44)):
        ws.set_column(col, col, width, wrap)
    row = 0
    ws.write_string(
        row,
        0,
        _t("policy_title", lang)
        if policy
        else _t("title", lang).format(name=" / ".join(r.name(lang) for r in registers)),
        title,
    )
    row += 1
    ws.merge_range(row, 0, row, 4, _t("policy_general" if policy else "general", lang), wrap)
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


def _new(path: Path) -> tuple[Workbook, Formats]:
    wb = new_workbook(path)
    wb.set_properties({"title": "sheetdesk template", "author": "sheetdesk", "created": CREATED})
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
    wb, formats = _new(Path(path))
    for register in registers:
        _register_sheet(wb, formats, register, lang)
    _write_instructions(wb, formats, registers, lang)
    wb.close()


# -- policy template ----------------------------------------------------------


def _policy_value(f: Field, value: Any, lang: str) -> Any:
    """A default policy cell as a clerk writes it in `lang` (enum keys become labels)."""
    if value is None or f.enum is not None:
        return value  # RegisterSheetWriter shows enum keys as labels
    if f.type == "weekday" and lang == "zh" and isinstance(value, str):
        return _WEEKDAYS_ZH.get(value.casefold()[:3], value)
    return value


def policy_records(register: Register, lang: str) -> list[dict[str, Any]]:
    """The default rows of one policy sheet (`DEFAULT_POLICY_ROWS`) as records by field key."""
    header, *rows = DEFAULT_POLICY_ROWS[register.key]
    lookup = register.header_lookup()
    keys = [lookup[normalize_label(label)] for label in header]
    return [{k: _policy_value(register.field(k), v, lang) for k, v in zip(keys, row, strict=False)} for row in rows]


def write_policy_template(path: str | Path, lang: str) -> None:
    """The five policy sheets with the built-in default rows, and the instructions."""
    _check_lang(lang)
    wb, formats = _new(Path(path))
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
    ws.merge_range(0, first, 0, first + len(MAINTENANCE.fields) - 1, _t("example", lang), note)
    for c, f in enumerate(MAINTENANCE.fields):
        # not the column's label itself, so that this row is never taken for the header
        ws.write_string(1, first + c, _t("example_label", lang).format(label=f.label(lang)), grey)
        ws.set_column(first + c, first + c, max(f.width, 12))
    for r, row in enumerate(EXAMPLE_MAINTENANCE_ROWS, start=2):
        for c, (f, value) in enumerate(zip(MAINTENANCE.fields, row, strict=True)):
            shown = value.render(lang) if hasattr(value, "render") else display_value(f, value, lang)
            write_value(ws, r, first + c, shown, grey)


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
