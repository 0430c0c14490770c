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
from sheetdesk.rules.policy import (
    ALWAYS,
    BUSINESS,
    DEFAULT_PAUSES,
    NamedCalendar,
    PlanRule,
    Policy,
    Settings,
    SlaRule,
    WarrantyRule,
    calendar_key,
)
from sheetdesk.schema import enums as E
from sheetdesk.schema.fields import Enum
from sheetdesk.schema.policy import (
    CALENDAR,
    HOLIDAYS,
    MAINTENANCE,
    PAUSES,
    POLICY_BY_KEY,
    SETTINGS,
    SLA,
    SLA_CONDITION_KEYS,
    WARRANTY,
)
from sheetdesk.schema.statuses import SLA_TARGET_KEYS, SlaTargetKey

__all__ = ["POLICY_SHEET_ORDER", "PolicyRows", "build_policy"]

PAUSE_REASON_ENUM = PAUSES.field("reason").enum or E.HOLD_REASON

# The order sheets are applied in (each replaces its part of the base whole).
POLICY_SHEET_ORDER = ("warranty", "sla", "pauses", "calendar", "holidays", "settings", "maintenance")

USE_STAR = Msg(" (use * for the default row)", "（默认行请填 *）")
KEY_VALUE = Msg("{field} {value}", "{field} {value}")
SLA_ROW = Msg("the SLA row for {request_type} / level {level}", "{request_type}、级别 {level} 的服务时限行")
SLA_ROW_IF = Msg(
    "the SLA row for {request_type} / level {level} where {conditions}",
    "{request_type}、级别 {level}、{conditions} 的服务时限行",
)
CONDITION = Msg("{field} = {value}", "{field}为{value}")
PAUSE_ROW = Msg("the Pauses row for {reason}", "{reason}的暂停规则行")
NO_CALENDAR = Msg(
    "no calendar is named {name} (the policy has: {names})",
    "没有名为 {name} 的日历（政策中有：{names}）",
)
BUILT_IN_24X7 = Msg(
    "24x7 is built in (every hour of every day); name this calendar otherwise",
    "24x7（全天）为内置日历，请给此日历另起名称",
)
DROPPED_CALENDAR = Msg(
    "{what} names calendar {name}, which this Calendar sheet does not define (rows without a calendar name are "
    "business)",
    "{what}使用日历 {name}，但本工作时间表中没有该日历（未填日历名称的行属于默认的工作时间日历）",
)
# The built-in calendars as a reader of each language names them.
BUILT_IN_CALENDARS = {c.key: c.title for c in E.CALENDAR_KIND.choices}


def _calendar_title(key: str, written: Any = None) -> Any:
    """A calendar as a message names it: `24x7` / 全天, `business` / 工作时间, else as written, quoted."""
    return BUILT_IN_CALENDARS.get(key) or Msg(f"'{written or key}'", f"“{written or key}”")


SLA_ROW_AT = Msg("SLA row {row}", "服务时限第 {row} 行")
HOLIDAYS_OF = Msg("the Holidays sheet", "节假日表")
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
        elif key == "pauses":
            policy = replace(policy, pauses=_pauses(sheet, out))
        elif key == "calendar":
            windows, named = _calendar(sheet, out)
            policy = replace(policy, windows=windows, calendars=named)
        elif key == "holidays":
            off, on, named_days = _holidays(sheet, out)
            policy = replace(policy, holidays=off, workdays=on, calendar_holidays=named_days)
        elif key == "settings":
            policy = replace(policy, settings=_settings(sheet, out))
        else:
            policy = replace(policy, maintenance=_maintenance(sheet, out))
        found.extend(out.found)
    calendar_errors = any(f.register == "calendar" and f.finding.severity == "error" for f in found)
    found.extend(_check_calendar_names(policy, sheets, calendar_errors))
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
    """One rule per (request type, level, conditions); a blank level is `*`, a blank calendar `business`."""
    rules: list[SlaRule] = []
    seen: dict[tuple[Any, ...], int] = {}
    for i, record in sheet.readable():
        rtype = record.get("request_type")
        if rtype is None:
            out.add(i, "policy.missing_value", "request_type", field=SLA.field("request_type").title, note="")
            continue
        level = record.get("fault_level") or "*"
        conditions, shown = _conditions(record)
        if (rtype, level, conditions) in seen:
            what = _sla_row(rtype, level, shown)
            first = sheet.rows[seen[(rtype, level, conditions)]]
            _duplicate(out, i, "fault_level", first, what, default=level == "*" and not conditions)
            continue
        seen[(rtype, level, conditions)] = i
        targets = {key: record.get(key) for key in SLA_TARGET_KEYS}
        calendar = calendar_key(record.get("calendar")) or BUSINESS
        rules.append(
            SlaRule(rtype, level, targets, calendar, record.get("loaner_after"), conditions, sheet.rows[i], shown)
        )
    return tuple(rules)


def _conditions(record: Mapping[str, Any]) -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    """The condition columns a row sets: (field, folded value) pairs, and the values as written.
    `*` and blank set none."""
    conditions: list[tuple[str, str]] = []
    shown: dict[str, str] = {}
    for name in SLA_CONDITION_KEYS:
        value = record.get(name)
        key = match_key(value)
        if key is None or key == "*":
            continue
        conditions.append((name, key))
        shown[name] = " ".join(str(value).split())
    return tuple(conditions), shown


def _sla_row(rtype: str, level: str, shown: Mapping[str, str]) -> Any:
    """`the SLA row for Repair / level II [where customer = X]`, for messages."""
    request_type = _choice(E.REQUEST_TYPE, rtype)
    if not shown:
        return SLA_ROW.bind(request_type=request_type, level=level)
    conditions = [CONDITION.bind(field=SLA.field(k).title, value=v) for k, v in shown.items()]
    return SLA_ROW_IF.bind(request_type=request_type, level=level, conditions=conditions)


def _pauses(sheet: PolicyRows, out: _Findings) -> dict[str, frozenset[SlaTargetKey]]:
    """Per reason, the targets its holds pause (`*`: every reason not listed).

    As in the Warranty sheet, a blank takes the `*` row's value and a blank in
    the `*` row (or a missing `*` row) the built-in default: resolve yes, the
    other targets no.
    """
    reason_title = PAUSES.field("reason").title
    rows: dict[str, Mapping[str, Any]] = {}
    seen: dict[str, int] = {}
    for i, record in sheet.readable():
        reason = record.get("reason")
        if reason is None:
            out.add(i, "policy.missing_value", "reason", field=reason_title, note=USE_STAR)
            continue
        if reason in seen:
            what = PAUSE_ROW.bind(reason=_choice(PAUSE_REASON_ENUM, reason))
            _duplicate(out, i, "reason", sheet.rows[seen[reason]], what, default=reason == "*")
            continue
        seen[reason] = i
        rows[reason] = record
    built_in = DEFAULT_PAUSES["*"]
    star = rows.get("*", {})
    # The * row: its own cells, a blank taking the built-in default; any other row: a blank takes the * row's.
    default = frozenset(k for k in SLA_TARGET_KEYS if (star.get(k) or ("yes" if k in built_in else "no")) == "yes")

    def paused(record: Mapping[str, Any]) -> frozenset[SlaTargetKey]:
        return frozenset(
            k for k in SLA_TARGET_KEYS if (record.get(k) == "yes" if record.get(k) is not None else k in default)
        )

    pauses = {reason: paused(record) for reason, record in rows.items()}
    pauses["*"] = default
    return pauses


def _choice(enum: Enum, key: str) -> Any:
    return next((c.title for c in enum.choices if c.key == key), key)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _calendar(sheet: PolicyRows, out: _Findings) -> tuple[dict[int, tuple[Window, ...]], dict[str, NamedCalendar]]:
    """Working windows per weekday (Mon = 0) of each calendar: `business` (rows
    without a calendar name) and the named ones. A window may cross midnight
    (it belongs to its start day); windows of different calendars never clash."""
    windows: dict[str, dict[int, list[Window]]] = {}
    names: dict[str, str] = {}
    where: dict[tuple[str, int, int], int] = {}  # (calendar, weekday, window index) -> record
    for i, record in sheet.readable():
        days, start, end = record.get("weekday"), record.get("start"), record.get("end")
        missing = [k for k, v in (("weekday", days), ("start", start), ("end", end)) if v is None]
        for k in missing:
            out.add(i, "policy.missing_value", k, field=CALENDAR.field(k).title, note="")
        if missing or days is None or start is None or end is None:
            continue
        name = calendar_key(record.get("calendar")) or BUSINESS
        if name == ALWAYS:
            out.add(i, "policy.bad_calendar", "calendar", field=CALENDAR.field("calendar").title, problem=BUILT_IN_24X7)
            continue
        names.setdefault(name, " ".join(str(record.get("calendar") or BUSINESS).split()))
        if start == 1440:
            out.add(i, "policy.bad_time", "start", field=CALENDAR.field("start").title, problem=START_AT_24)
            continue
        if end == start:
            out.add(i, "policy.bad_window", "end")
            continue
        if end < start and end != 0 and (end + 1440 - start) > 12 * 60:
            hours = f"{(end + 1440 - start) / 60:g}"
            out.add(i, "policy.long_night_window", "end", start=_hhmm(start), end=_hhmm(end), hours=hours)
        week = windows.setdefault(name, {})
        for day in days:
            where[(name, day, len(week.setdefault(day, [])))] = i
            week[day].append((start, end))
    reported: set[tuple[int, int]] = set()
    for name, week in windows.items():
        for wd1, i1, wd2, i2 in check_windows(week):
            first, second = where[(name, wd1, i1)], where[(name, wd2, i2)]
            pair = (min(first, second), max(first, second))
            if pair in reported:
                continue  # one finding per pair of rows, even when a range row covers several days
            reported.add(pair)
            out.add(pair[1], "policy.overlapping_windows", "start", other_row=sheet.rows[pair[0]])
    if not sheet.records:
        out.add(None, "policy.no_windows", "weekday")
    business = {wd: tuple(w) for wd, w in windows.get(BUSINESS, {}).items()}
    named = {
        name: NamedCalendar(names[name], {wd: tuple(w) for wd, w in week.items()})
        for name, week in windows.items()
        if name != BUSINESS
    }
    return business, named


_DayLists = tuple[frozenset[dt.date], frozenset[dt.date]]


def _holidays(sheet: PolicyRows, out: _Findings) -> tuple[frozenset[dt.date], frozenset[dt.date], dict[str, _DayLists]]:
    """Holidays and make-up workdays of `business` (rows without a calendar name, and `*`
    rows), and of every other calendar a row names (`*`: every calendar). A blank kind is a holiday."""
    date_title = HOLIDAYS.field("date").title
    days: dict[str, tuple[set[dt.date], set[dt.date]]] = {}
    seen: dict[tuple[str, dt.date], int] = {}
    for i, record in sheet.readable():
        day = record.get("date")
        if day is None:
            out.add(i, "policy.missing_value", "date", field=date_title, note="")
            continue
        written = record.get("calendar")
        name = "*" if match_key(written) == "*" else calendar_key(written) or BUSINESS
        if (name, day) in seen:
            _duplicate(out, i, "date", sheet.rows[seen[(name, day)]], KEY_VALUE.bind(field=date_title, value=day))
            continue
        seen[(name, day)] = i
        off, on = days.setdefault(name, (set(), set()))
        (on if record.get("kind") == "workday" else off).add(day)
    off, on = days.get(BUSINESS, (set(), set()))
    star_off, star_on = days.get("*", (set(), set()))
    named = {name: (frozenset(a), frozenset(b)) for name, (a, b) in days.items() if name != BUSINESS}
    return frozenset(off | (star_off - on)), frozenset(on | (star_on - off)), named


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


def _check_calendar_names(policy: Policy, sheets: Mapping[str, PolicyRows], calendar_errors: bool) -> list[Located]:
    """Every calendar an SLA or Holidays row names is defined (`24x7` is built in).

    A row of a sheet given here is told at its cell; a row of the base policy
    (its sheet is not being replaced) naming a calendar that a Calendar sheet
    given here no longer defines is told at that Calendar sheet, unless that
    sheet has errors of its own (they are the mistake to fix first).
    """
    known = policy.calendar_names()
    listing = tuple(_calendar_title(k, name) for k, name in known.items())
    found: list[Located] = []
    sla, holidays, calendar = sheets.get("sla"), sheets.get("holidays"), sheets.get("calendar")
    if calendar is not None:
        # A name written in the Calendar sheet is meant, even on a row that could not
        # be read (that row is told already): naming it is not a second mistake.
        meant = {calendar_key(r.get("calendar")) or BUSINESS for r in calendar.records} or {BUSINESS}
        known = known | {name: name for name in meant if name not in known}
    if sla is not None:
        out = _Findings("sla")
        for i, record in sla.readable():
            if record.get("request_type") is None:
                continue
            key = calendar_key(record.get("calendar")) or BUSINESS
            if key not in known:
                problem = NO_CALENDAR.bind(name=_calendar_title(key, record.get("calendar")), names=listing)
                out.add(i, "policy.bad_calendar", "calendar", field=SLA.field("calendar").title, problem=problem)
        found += out.found
    elif calendar is not None and not calendar_errors:
        out = _Findings("calendar")
        for rule in policy.sla:
            if rule.calendar not in known:
                what = SLA_ROW_AT.bind(row=rule.row)
                problem = DROPPED_CALENDAR.bind(what=what, name=_calendar_title(rule.calendar))
                out.add(
                    None, "policy.bad_calendar", "calendar", field=CALENDAR.field("calendar").title, problem=problem
                )
        found += out.found
    if holidays is not None:
        out = _Findings("holidays")
        for i, record in holidays.readable():
            written = record.get("calendar")
            named = calendar_key(written)
            if named is None or named == "*" or (named in known and named != ALWAYS):
                continue
            names = tuple(_calendar_title(k, n) for k, n in known.items() if k != ALWAYS)
            problem = NO_CALENDAR.bind(name=_calendar_title(named, written), names=names)
            out.add(i, "policy.bad_calendar", "calendar", field=HOLIDAYS.field("calendar").title, problem=problem)
        found += out.found
    elif calendar is not None and not calendar_errors:
        out = _Findings("calendar")
        for name in policy.calendar_holidays:
            if name != "*" and name not in known:
                problem = DROPPED_CALENDAR.bind(what=HOLIDAYS_OF, name=_calendar_title(name))
                out.add(
                    None, "policy.bad_calendar", "calendar", field=CALENDAR.field("calendar").title, problem=problem
                )
        found += out.found
    return found


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
