"""Policy sheets (raw cell rows) -> `Policy`, or `PolicyError` with every problem.

A raw sheet is `(sheet_name, rows)`: the cell values of each row as
python-calamine returns them. The header row is found below any title rows;
English or Chinese labels are accepted. A sheet present replaces the base
sheet whole; a missing sheet keeps the base (the built-in default).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sheetdesk.errors import PolicyError
from sheetdesk.report import Issue, Report, Severity
from sheetdesk.rules import cells
from sheetdesk.rules.calendar import Window, check_windows
from sheetdesk.rules.durations import Duration, format_duration, parse_duration
from sheetdesk.rules.policy import Policy, Settings, SlaRule, WarrantyRule, default_policy
from sheetdesk.schema import enums as E
from sheetdesk.schema.fields import Register, normalize_label
from sheetdesk.schema.policy import POLICY_BY_KEY

__all__ = ["RawPolicySheet", "find_header", "parse_policy", "policy_sheet_key"]

RawPolicySheet = tuple[str, list[list[Any]]]

_HEADER_SCAN = 30


def policy_sheet_key(sheet_name: str) -> str | None:
    """`质保政策` / `Warranty` / `warranty` ... -> the policy sheet key, else None."""
    folded = normalize_label(sheet_name)
    for key, reg in POLICY_BY_KEY.items():
        if folded in {normalize_label(n) for n in reg.sheet_names()}:
            return key
    return None


def find_header(register: Register, rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """(row index, {field key: column index}) of the header row, or None.

    The header is the first row (of the first 30) that names every required
    field and where at least half of the non-blank cells are known labels.
    """
    lookup = register.header_lookup()
    required = {f.key for f in register.fields if f.required}
    for r, row in enumerate(rows[:_HEADER_SCAN]):
        columns: dict[str, int] = {}
        filled = 0
        for c, value in enumerate(row):
            if cells.is_blank(value):
                continue
            filled += 1
            key = lookup.get(normalize_label(value))
            if key and key not in columns:
                columns[key] = c
        if columns and required <= columns.keys() and 2 * len(columns) >= filled:
            return r, columns
    return None


@dataclass
class _Row:
    """One data row with helpers that record issues at the right cell."""

    sheet: str
    excel_row: int
    values: list[Any]
    columns: dict[str, int]
    report: Report
    file: str | None = None

    def raw(self, key: str) -> Any:
        c = self.columns.get(key)
        if c is None or c >= len(self.values):
            return None
        v = self.values[c]
        return None if cells.is_blank(v) else v

    def _add(self, severity: Severity, code: str, key: str, message: str) -> None:
        add = self.report.error if severity == "error" else self.report.warning
        add(
            code,
            message,
            sheet=self.sheet,
            row=self.excel_row,
            column=key,
            col_index=self.columns.get(key),
            value=self.raw(key),
            file=self.file,
        )

    def error(self, code: str, key: str, message: str) -> None:
        self._add("error", code, key, message)

    def warning(self, code: str, key: str, message: str) -> None:
        self._add("warning", code, key, message)

    def get(self, key: str, reader: Callable[[Any], Any], code: str, default: Any = None) -> Any:
        value = self.raw(key)
        if value is None:
            return default
        try:
            return reader(value)
        except ValueError as exc:
            self.error(code, key, f"{key}: {exc}")
            return _BAD


_BAD = object()


def _enum_reader(enum: E.Enum) -> Callable[[Any], str]:
    table = enum.lookup()

    def read(value: Any) -> str:
        key = table.get(normalize_label(cells.text(value)))
        if key is None:
            raise ValueError(f"{value!r} is not one of {', '.join(enum.keys())}")
        return key

    return read


def _data_rows(key: str, sheet: RawPolicySheet, report: Report, file: str | None) -> list[_Row] | None:
    name, rows = sheet
    register = POLICY_BY_KEY[key]
    found = find_header(register, rows)
    if found is None:
        labels = ", ".join(f"{f.en} / {f.zh}" for f in register.fields if f.required)
        report.error("policy.no_header", f"{name}: no header row with {labels}", sheet=name, file=file)
        return None
    header, columns = found
    out = []
    for i in range(header + 1, len(rows)):
        values = list(rows[i])
        if all(cells.is_blank(v) for v in values):
            continue
        out.append(_Row(name, i + 1, values, columns, report, file))
    return out


# -- one reader per sheet ------------------------------------------------------

_WARRANTY_INTS = ("return_days", "exchange_days", "free_months", "replace_after_repairs")


def _warranty(rows: list[_Row]) -> tuple[WarrantyRule, ...]:
    start_from = _enum_reader(E.START_FROM)
    parsed: list[tuple[_Row, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for row in rows:
        category = row.raw("category")
        if category is None:
            row.error("policy.missing_value", "category", "category is blank (use * for the default row)")
            continue
        cat = cells.text(category)
        folded = cat.casefold()
        if folded in seen:
            code = "policy.duplicate_default" if cat == "*" else "policy.duplicate_row"
            row.error(code, "category", f"a second row for category {cat!r} (first in row {seen[folded]})")
            continue
        seen[folded] = row.excel_row
        values: dict[str, Any] = {"category": cat}
        for k in _WARRANTY_INTS:
            values[k] = row.get(k, cells.parse_int, "policy.bad_number")
        values["paid_months"] = row.get("paid_months", cells.parse_int, "policy.bad_number")
        values["start_from"] = row.get("start_from", start_from, "policy.bad_value")
        parsed.append((row, values))
    if any(v is _BAD for _, vals in parsed for v in vals.values()):
        return ()
    star = next((vals for _, vals in parsed if vals["category"] == "*"), None)
    base = WarrantyRule()
    if star is not None:  # blanks in the * row fall back to the built-in default
        base = WarrantyRule(
            **{k: (v if v is not None or k == "paid_months" else getattr(base, k)) for k, v in star.items()}
        )
    rules = []
    for _, vals in parsed:
        if vals["category"] == "*":
            rules.append(base)
            continue
        filled = {k: (getattr(base, k) if v is None and k != "paid_months" else v) for k, v in vals.items()}
        rules.append(WarrantyRule(**filled))
    if star is None:
        rules.insert(0, base)
    return tuple(rules)


_DURATION_KEYS = ("response", "plan", "on_site", "resolve", "loaner_after")


def _sla(rows: list[_Row]) -> tuple[SlaRule, ...]:
    rtype = _enum_reader(E.REQUEST_TYPE)
    level = _enum_reader(E.FAULT_LEVEL)
    calendar = _enum_reader(E.CALENDAR_KIND)
    rules: list[SlaRule] = []
    seen: dict[tuple[str, str], int] = {}
    ok = True
    for row in rows:
        t = row.get("request_type", rtype, "policy.bad_value")
        if t is None:
            row.error("policy.missing_value", "request_type", "request_type is blank")
            ok = False
            continue
        raw_level = row.raw("fault_level")
        lv = (
            "*"
            if raw_level is None or cells.text(raw_level) == "*"
            else row.get("fault_level", level, "policy.bad_value")
        )
        durations = {k: row.get(k, parse_duration, "policy.bad_duration") for k in _DURATION_KEYS}
        cal = row.get("calendar", calendar, "policy.bad_calendar", "business")
        if _BAD in (t, lv, cal, *durations.values()):
            ok = False
            continue
        if (t, lv) in seen:
            code = "policy.duplicate_default" if lv == "*" else "policy.duplicate_row"
            row.error(code, "fault_level", f"a second SLA row for {t} / level {lv} (first in row {seen[(t, lv)]})")
            ok = False
            continue
        seen[(t, lv)] = row.excel_row
        rules.append(SlaRule(request_type=t, fault_level=lv, calendar=cal, **durations))
    return tuple(rules) if ok else ()


def _calendar(rows: list[_Row], report: Report, sheet: str, file: str | None) -> dict[int, tuple[Window, ...]]:
    windows: dict[int, list[Window]] = {}
    where: dict[tuple[int, int], _Row] = {}
    for row in rows:
        wd = row.get("weekday", cells.parse_weekdays, "policy.bad_weekday")
        start = row.get("start", cells.parse_time_minutes, "policy.bad_time")
        end = row.get("end", cells.parse_time_minutes, "policy.bad_time")
        missing = [k for k, v in (("weekday", wd), ("start", start), ("end", end)) if v is None]
        for k in missing:
            row.error("policy.missing_value", k, f"{k} is blank")
        if missing or _BAD in (wd, start, end):
            continue
        if start == 1440:
            row.error("policy.bad_time", "start", "a window cannot start at 24:00")
            continue
        if end == start:
            row.error(
                "policy.bad_window", "end", "end equals start: the window is empty (write 00:00-24:00 for a whole day)"
            )
            continue
        if end < start and end != 0 and (end + 1440 - start) > 12 * 60:
            row.warning(
                "policy.long_night_window",
                "end",
                f"{_hhmm(start)}-{_hhmm(end)} crosses midnight and lasts "
                f"{(end + 1440 - start) / 60:g}h; swap start and end if a day window was meant",
            )
        for day in wd:
            where[(day, len(windows.setdefault(day, [])))] = row
            windows[day].append((start, end))
    reported: set[tuple[int, int]] = set()
    for wd1, i1, wd2, i2 in check_windows(windows):
        first, second = where[(wd1, i1)], where[(wd2, i2)]
        pair = (min(first.excel_row, second.excel_row), max(first.excel_row, second.excel_row))
        if pair in reported:
            continue  # one issue per pair of rows, even if a range row covers several days
        reported.add(pair)
        row = second if second.excel_row > first.excel_row else first
        other = first if row is second else second
        row.error("policy.overlapping_windows", "start", f"this window overlaps the window in row {other.excel_row}")
    if not rows:
        report.error(
            "policy.no_windows",
            f"{sheet}: no working windows (a business calendar needs at least one row)",
            sheet=sheet,
            file=file,
        )
    return {wd: tuple(w) for wd, w in windows.items()}


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _holidays(rows: list[_Row]) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    kind_reader = _enum_reader(E.HOLIDAY_KIND)
    off: set[dt.date] = set()
    on: set[dt.date] = set()
    seen: dict[dt.date, int] = {}
    for row in rows:
        day = row.get("date", cells.parse_date, "policy.bad_date")
        kind = row.get("kind", kind_reader, "policy.bad_value", "holiday")
        if day is None:
            row.error("policy.missing_value", "date", "date is blank")
            continue
        if _BAD in (day, kind):
            continue
        if day in seen:
            row.error("policy.duplicate_row", "date", f"{day} is listed twice (first in row {seen[day]})")
            continue
        seen[day] = row.excel_row
        (off if kind == "holiday" else on).add(day)
    return frozenset(off), frozenset(on)


_SETTING_NAMES = {
    "callback_days": ("callback_days", "回访天数", "回访期限", "回访时限"),
    "callback_rate_target": ("callback_rate_target", "回访率目标", "回访率"),
    "satisfaction_target": ("satisfaction_target", "满意度目标", "满意率目标", "满意度"),
    "country": ("country", "国家", "国家地区", "节假日国家"),
}
_SETTING_LOOKUP = {normalize_label(n): k for k, names in _SETTING_NAMES.items() for n in names}
_COUNTRIES = {normalize_label(n): "CN" for n in ("CN", "China", "中国", "CHN", "PRC")}


def _country(value: Any) -> str:
    code = _COUNTRIES.get(normalize_label(cells.text(value)))
    if code is None:
        raise ValueError(f"{value!r}: only CN (China) holidays are bundled; leave blank for none")
    return code


def _settings(rows: list[_Row]) -> Settings:
    readers: dict[str, Callable[[Any], Any]] = {
        "callback_days": cells.parse_int,
        "callback_rate_target": cells.parse_percent,
        "satisfaction_target": cells.parse_percent,
        "country": _country,
    }
    values: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for row in rows:
        name = row.raw("setting")
        key = _SETTING_LOOKUP.get(normalize_label(cells.text(name))) if name is not None else None
        if key is None:
            row.error(
                "policy.unknown_setting", "setting", f"unknown setting {name!r} (known: {', '.join(_SETTING_NAMES)})"
            )
            continue
        if key in seen:
            row.error("policy.duplicate_row", "setting", f"{key} is set twice (first in row {seen[key]})")
            continue
        seen[key] = row.excel_row
        code = "policy.bad_percent" if key.endswith("target") else "policy.bad_value"
        value = row.get("value", readers[key], code)
        if value is _BAD:
            continue
        if value is None and key != "country":
            continue  # blank keeps the built-in default
        values[key] = value
    return Settings(**values)


def parse_policy(
    sheets: Mapping[str, RawPolicySheet], base: Policy | None = None, *, file: str | None = None
) -> Policy:
    """Parse the policy sheets present (keys: warranty, sla, calendar, holidays, settings).

    Sheets missing from `sheets` keep `base` (default: the built-in policy).
    `file` is recorded on every issue (the workbook the sheets came from).
    Raises `PolicyError` (with `issues`) when any error is found; warnings are
    kept in `Policy.warnings`.
    """
    base = base if base is not None else default_policy()
    report = Report()
    policy = base
    for key in ("warranty", "sla", "calendar", "holidays", "settings"):
        if key not in sheets:
            continue
        sheet_name = sheets[key][0]
        rows = _data_rows(key, sheets[key], report, file)
        if rows is None:
            continue
        if key == "warranty":
            policy = replace(policy, warranty=_warranty(rows))
        elif key == "sla":
            policy = replace(policy, sla=_sla(rows))
        elif key == "calendar":
            policy = replace(policy, windows=_calendar(rows, report, sheet_name, file))
        elif key == "holidays":
            off, on = _holidays(rows)
            policy = replace(policy, holidays=off, workdays=on)
        else:
            policy = replace(policy, settings=_settings(rows))
    unknown = set(sheets) - set(POLICY_BY_KEY)
    for key in sorted(unknown):
        report.error("policy.unknown_sheet", f"unknown policy sheet key {key!r}", sheet=sheets[key][0], file=file)
    if report.errors:
        first = report.errors[0]
        more = len(report.errors) - 1
        raise PolicyError(
            f"bad policy: {first.location()}: {first.message}" + (f" (and {more} more)" if more else ""),
            list(report.issues),
        )
    # The base's warnings stay unless the sheet they are about was replaced.
    kept = [w for w in base.warnings if _WARNING_SHEET.get(w.code) not in sheets]
    warnings: tuple[Issue, ...] = (*kept, *report.warnings)
    return replace(policy, warnings=warnings)


_WARNING_SHEET = {"policy.long_night_window": "calendar"}


def describe_sla(rule: SlaRule) -> dict[str, str | None]:
    """A rule's targets in policy spelling (for docs and output)."""
    out: dict[str, str | None] = {}
    for k in _DURATION_KEYS:
        d: Duration | None = getattr(rule, k)
        out[k] = None if d is None else format_duration(d)
    return out
