"""Typed policy rows -> `Policy`, with every problem as a finding.

The reader (`sheetdesk.io.policy_source`) finds each sheet's header and
reads its cells with the registers' value parsers; what reaches this module
is typed: integers, enum keys, `Duration`s, minutes of the day, weekday
numbers, dates. Here is what only the policy knows: which row is the
default, what a blank cell means, rows given twice, windows that overlap.
Nothing here parses text or reads a workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sheetdesk.i18n import Msg
from sheetdesk.links import match_key
from sheetdesk.rules.calendar import Window, check_windows
from sheetdesk.rules.finding import Finding, Located
from sheetdesk.rules.intervals import Interval
from sheetdesk.rules.policy import PlanRule, Policy, Settings, SlaRule, WarrantyRule
from sheetdesk.schema import enums as E
from sheetdesk.schema.fields import Enum
from sheetdesk.schema.policy import CALENDAR, HOLIDAYS, MAINTENANCE, POLICY_BY_KEY, SETTINGS, SLA, WARRANTY
from sheetdesk.schema.statuses import SLA_TARGET_KEYS

__all__ = ["POLICY_SHEET_ORDER", "PolicyRows", "build_policy"]

# The order sheets are applied in (each replaces its part of the base whole).
POLICY_SHEET_ORDER = ("warranty", "sla", "calendar", "holidays", "settings", "maintenance")

USE_STAR = Msg(" (use * for the default row)", "（默认行请填 *）")
KEY_VALUE = Msg("{field} {value}", "{field} {value}")
SLA_ROW = Msg("the SLA row for {request_type} / level {level}", "{request_type}、级别 {level} 的服务时限行")
START_AT_24 = Msg("a window cannot start at 24:00", "时段不能从 24:00 开始")
PLAN_ROW = Msg("the {kind} plan for category '{category}'", "类别“{category}”的{kind}计划")
EVERY_ZERO = Msg("{value} is no interval: a plan recurs at least every day", "{value} 不是周期：计划至少每天一次")


@dataclass(frozen=True)
class PolicyRows:
    """One policy sheet as the reader typed it.

    `records[i]` maps field keys to typed values (None = blank); `rows[i]` is
    its Excel row number (for messages naming another row); `unreadable`
    holds the records with a cell that could not be read (already reported:
    they are skipped here, so that one mistake gives one finding).
    """

    records: Sequence[Mapping[str, Any]]
    rows: Sequence[int]
    unreadable: frozenset[int] = frozenset()

    def readable(self) -> Iterator[tuple[int, Mapping[str, Any]]]:
        for i, record in enumerate(self.records):
            if i not in self.unreadable:
                yield i, record


@dataclass
class _Findings:
    """The findings of one sheet, addressed by record (None: the sheet as a whole)."""

    sheet: str
    found: list[Located] = field(default_factory=list)

    def add(self, index: int | None, code: str, column: str, **params: Any) -> None:
        self.found.append(Located(self.sheet, index, Finding(code, column, params)))


def build_policy(sheets: Mapping[str, PolicyRows], base: Policy) -> tuple[Policy, list[Located]]:
    """The policy of `base` with each sheet present replacing its part whole.

    Returns the policy and the findings (`Located.register` is the sheet key,
    `index` the record, None for the sheet as a whole). A caller must not use
    the policy when a finding is an error.
    """
    policy = base
    found: list[Located] = []
    for key in POLICY_SHEET_ORDER:
        sheet = sheets.get(key)
        if sheet is None:
            continue
        out = _Findings(key)
        if key == "warranty":
            policy = replace(policy, warranty=_warranty(sheet, out))
        elif key == "sla":
            policy = replace(policy, sla=_sla(sheet, out))
        elif key == "calendar":
            policy = replace(policy, windows=_calendar(sheet, out))
        elif key == "holidays":
            off, on = _holidays(sheet, out)
            policy = replace(policy, holidays=off, workdays=on)
        elif key == "settings":
            policy = replace(policy, settings=_settings(sheet, out))
        else:
            policy = replace(policy, maintenance=_maintenance(sheet, out))
        found.extend(out.found)
    return policy, found


def _duplicate(out: _Findings, i: int, column: str, first_row: int, what: Any, *, default: bool = False) -> None:
    code = "policy.duplicate_default" if default else "policy.duplicate_row"
    out.add(i, code, column, what=what, first_row=first_row)


# -- one builder per sheet ------------------------------------------------------


def _warranty(sheet: PolicyRows, out: _Findings) -> tuple[WarrantyRule, ...]:
    """Rules per category; blanks take the `*` row's value (blank paid_months = lifetime)."""
    category_title = WARRANTY.field("category").title
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, record in sheet.readable():
        category = record.get("category")
        key = match_key(category)
        if key is None:
            out.add(i, "policy.missing_value", "category", field=category_title, note=USE_STAR)
            continue
        if key in seen:
            what = KEY_VALUE.bind(field=category_title, value=f"'{category}'")
            _duplicate(out, i, "category", sheet.rows[seen[key]], what, default=key == "*")
            continue
        seen[key] = i
        rows.append({f.key: record.get(f.key) for f in WARRANTY.fields} | {"category": str(category)})
    built_in = WarrantyRule()
    star = next((r for r in rows if r["category"] == "*"), None)
    base = built_in
    if star is not None:  # blanks in the * row fall back to the built-in default
        base = WarrantyRule(
            **{k: (v if v is not None or k == "paid_months" else getattr(built_in, k)) for k, v in star.items()}
        )
    rules = [
        base if r["category"] == "*"
        else WarrantyRule(**{k: (getattr(base, k) if v is None and k != "paid_months" else v) for k, v in r.items()})
        for r in rows
    ]  # fmt: skip
    if star is None:
        rules.insert(0, base)
    return tuple(rules)


def _sla(sheet: PolicyRows, out: _Findings) -> tuple[SlaRule, ...]:
    """One rule per (request type, level); a blank level is `*`, a blank calendar `business`."""
    rules: list[SlaRule] = []
    seen: dict[tuple[str, str], int] = {}
    for i, record in sheet.readable():
        rtype = record.get("request_type")
        if rtype is None:
            out.add(i, "policy.missing_value", "request_type", field=SLA.field("request_type").title, note="")
            continue
        level = record.get("fault_level") or "*"
        if (rtype, level) in seen:
            what = SLA_ROW.bind(request_type=_choice(E.REQUEST_TYPE, rtype), level=level)
            _duplicate(out, i, "fault_level", sheet.rows[seen[(rtype, level)]], what, default=level == "*")
            continue
        seen[(rtype, level)] = i
        targets = {key: record.get(key) for key in SLA_TARGET_KEYS}
        rules.append(SlaRule(rtype, level, targets, record.get("calendar") or "business", record.get("loaner_after")))
    return tuple(rules)


def _choice(enum: Enum, key: str) -> Any:
    return next((c.title for c in enum.choices if c.key == key), key)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _calendar(sheet: PolicyRows, out: _Findings) -> dict[int, tuple[Window, ...]]:
    """Working windows per weekday (Mon = 0); a window may cross midnight (it belongs to its start day)."""
    windows: dict[int, list[Window]] = {}
    where: dict[tuple[int, int], int] = {}  # (weekday, window index) -> record
    for i, record in sheet.readable():
        days, start, end = record.get("weekday"), record.get("start"), record.get("end")
        missing = [k for k, v in (("weekday", days), ("start", start), ("end", end)) if v is None]
        for k in missing:
            out.add(i, "policy.missing_value", k, field=CALENDAR.field(k).title, note="")
        if missing or days is None or start is None or end is None:
            continue
        if start == 1440:
            out.add(i, "policy.bad_time", "start", field=CALENDAR.field("start").title, problem=START_AT_24)
            continue
        if end == start:
            out.add(i, "policy.bad_window", "end")
            continue
        if end < start and end != 0 and (end + 1440 - start) > 12 * 60:
            hours = f"{(end + 1440 - start) / 60:g}"
            out.add(i, "policy.long_night_window", "end", start=_hhmm(start), end=_hhmm(end), hours=hours)
        for day in days:
            where[(day, len(windows.setdefault(day, [])))] = i
            windows[day].append((start, end))
    reported: set[tuple[int, int]] = set()
    for wd1, i1, wd2, i2 in check_windows(windows):
        first, second = where[(wd1, i1)], where[(wd2, i2)]
        pair = (min(first, second), max(first, second))
        if pair in reported:
            continue  # one finding per pair of rows, even when a range row covers several days
        reported.add(pair)
        out.add(pair[1], "policy.overlapping_windows", "start", other_row=sheet.rows[pair[0]])
    if not sheet.records:
        out.add(None, "policy.no_windows", "weekday")
    return {wd: tuple(w) for wd, w in windows.items()}


def _holidays(sheet: PolicyRows, out: _Findings) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """Holidays and make-up workdays; a blank kind is a holiday."""
    date_title = HOLIDAYS.field("date").title
    off: set[dt.date] = set()
    on: set[dt.date] = set()
    seen: dict[dt.date, int] = {}
    for i, record in sheet.readable():
        day = record.get("date")
        if day is None:
            out.add(i, "policy.missing_value", "date", field=date_title, note="")
            continue
        if day in seen:
            _duplicate(out, i, "date", sheet.rows[seen[day]], KEY_VALUE.bind(field=date_title, value=day))
            continue
        seen[day] = i
        (on if record.get("kind") == "workday" else off).add(day)
    return frozenset(off), frozenset(on)


def _settings(sheet: PolicyRows, out: _Findings) -> Settings:
    """A setting absent or blank keeps the built-in default, except `country`, where blank means none."""
    title = SETTINGS.field("setting").title
    values: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for i, record in sheet.readable():
        key = record.get("setting")
        if key is None:
            out.add(i, "policy.missing_value", "setting", field=title, note="")
            continue
        if key in seen:
            _duplicate(out, i, "setting", sheet.rows[seen[key]], KEY_VALUE.bind(field=title, value=key))
            continue
        seen[key] = i
        value = record.get("value")
        if value is None and key != "country":
            continue
        values[key] = value
    return Settings(**values)


def _maintenance(sheet: PolicyRows, out: _Findings) -> tuple[PlanRule, ...]:
    """One plan row per (category, kind). Blank first_within = one `every`; blank
    during = warranty; blank grace_days = 0. An empty sheet is no plan."""
    rules: list[PlanRule] = []
    seen: dict[tuple[str, str], int] = {}
    for i, record in sheet.readable():
        category, kind, every = record.get("category"), record.get("kind"), record.get("every")
        missing = [k for k, v in (("category", category), ("kind", kind), ("every", every)) if v is None]
        for k in missing:
            out.add(i, "policy.missing_value", k, field=MAINTENANCE.field(k).title,
                    note=USE_STAR if k == "category" else "")  # fmt: skip
        if missing or category is None or kind is None or not isinstance(every, Interval):
            continue
        if every.is_zero:
            problem = EVERY_ZERO.bind(value=f"'{every}'")
            out.add(i, "policy.bad_interval", "every", field=MAINTENANCE.field("every").title, problem=problem)
            continue
        key = (match_key(category) or "", kind)
        if key in seen:
            what = PLAN_ROW.bind(kind=_choice(E.VISIT_KIND, kind), category=str(category))
            _duplicate(out, i, "kind", sheet.rows[seen[key]], what)
            continue
        seen[key] = i
        first = record.get("first_within")
        rules.append(
            PlanRule(
                str(category).strip() if str(category).strip() != "*" else "*",
                kind,
                every,
                first if isinstance(first, Interval) else every,
                record.get("during") or "warranty",
                record.get("grace_days") or 0,
            )
        )
    return tuple(rules)


# Every sheet key the builder knows is declared.
assert set(POLICY_SHEET_ORDER) == set(POLICY_BY_KEY)
