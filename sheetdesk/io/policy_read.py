"""Read one policy sheet the way the registers are read: the same header
detection (`io.detect`), the same row selection and the same value parsers
(`io.values`), so that a Holidays date takes every form a register date
takes and `-` is blank everywhere.

Each cell that cannot be read, or holds a number outside its declared
bounds, is a policy finding at that cell; the typed rows go on to
`sheetdesk.rules.policy_build`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sheetdesk.i18n import Bound, Msg
from sheetdesk.io.detect import locate_table
from sheetdesk.io.load import Table, read_table
from sheetdesk.io.reader import RawSheet
from sheetdesk.io.values import coercer, is_blank, shown
from sheetdesk.report import Report
from sheetdesk.rules.durations import Duration
from sheetdesk.rules.policy_build import PolicyRows
from sheetdesk.schema.fields import Field, Register
from sheetdesk.schema.policy import SETTING_BY_KEY

__all__ = ["read_policy_sheet"]

OUT_OF_RANGE = Msg(
    "{value} is out of range: write a whole number from {minimum} to {maximum}",
    "{value} 超出范围：应为 {minimum} 到 {maximum} 之间的整数",
)
TOO_LONG = Msg("{value} is too long: at most {maximum}", "{value} 过长：最多 {maximum}")

# The finding code of a cell that cannot be read, by the field's type.
_CODE_BY_TYPE = {
    "integer": "policy.bad_number",
    "number": "policy.bad_number",
    "duration": "policy.bad_duration",
    "interval": "policy.bad_interval",
    "time": "policy.bad_time",
    "weekday": "policy.bad_weekday",
    "date": "policy.bad_date",
    "percent": "policy.bad_percent",
}
_CODE_BY_FIELD = {("sla", "calendar"): "policy.bad_calendar", ("settings", "setting"): "policy.unknown_setting"}


def _code(register: Register, f: Field) -> str:
    if register.key == "settings" and f.key != "setting":  # a setting's value (callback_days...)
        return "policy.bad_percent" if f.type == "percent" else "policy.bad_value"
    return _CODE_BY_FIELD.get((register.key, f.key)) or _CODE_BY_TYPE.get(f.type, "policy.bad_value")


def out_of_bounds(f: Field, value: Any, raw: Any) -> Bound | None:
    """Why a typed value lies outside its field's declared bounds, or None."""
    if isinstance(value, Duration):
        if f.max_value is not None and value.total_seconds_24x7() > f.max_value * 86400:
            return TOO_LONG.bind(value=shown(raw), maximum=f"{f.max_value:g}d")
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = f.min_value, f.max_value
        if (low is not None and value < low) or (high is not None and value > high):
            return OUT_OF_RANGE.bind(value=shown(raw), minimum=f"{low or 0:g}", maximum=f"{high:g}" if high else "∞")
    return None


def read_policy_sheet(
    register: Register, sheet: RawSheet, file: str | None, report: Report
) -> tuple[Table, PolicyRows] | None:
    """The sheet's typed rows, or None when it has no header row naming every required column."""
    loc = locate_table(sheet.rows, register, strict=False)
    required = [f for f in register.fields if f.required]
    if loc is None or any(f.key not in loc.columns for f in required):
        at = {"sheet": sheet.name, "file": file}
        report.add("policy.no_header", at, sheet=sheet.name, labels=tuple(f.title for f in required))
        return None
    table, problems = read_table(Path(file or sheet.name), sheet, register, loc, blank=is_blank)
    unreadable: set[int] = set()

    def problem(i: int, key: str, f: Field, why: Bound) -> None:
        unreadable.add(i)
        report.add(_code(register, f), table.where(i, key) | {"file": file}, field=f.title, problem=why)

    for key, i, why in problems:
        problem(i, key, register.field(key), why)
    for f in register.fields:
        typed, raw = table.values.get(f.key), table.raw.get(f.key)
        if typed is None or raw is None or (f.min_value is None and f.max_value is None):
            continue
        for i, value in enumerate(typed):
            beyond = out_of_bounds(f, value, raw[i])
            if beyond is not None:
                problem(i, f.key, f, beyond)
    records = list(table.records())
    if register.key == "settings":
        for i, record in enumerate(records):
            setting = SETTING_BY_KEY.get(record.get("setting") or "")
            if setting is None:
                continue
            cell = record.get("value")
            value, unreadable_why = coercer(setting)(cell)
            bad = unreadable_why or out_of_bounds(setting, value, cell)
            if bad is not None:
                problem(i, "value", setting, bad)
                value = None
            record["value"] = value
    return table, PolicyRows(records, table.rows, frozenset(unreadable))
