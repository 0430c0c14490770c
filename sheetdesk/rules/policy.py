"""The policy model of SPEC §3 and its built-in default, declared as plain rows.

`DEFAULT_POLICY_ROWS` is what `workbook_templates/policy.xlsx` is generated
from; `default_policy()` reads those rows through the same parser as a
clerk's policy workbook (`sheetdesk.rules.policy_parse.parse_policy`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from sheetdesk.report import Issue
from sheetdesk.rules.calendar import ServiceCalendar, Window, cn_holidays
from sheetdesk.rules.durations import Duration

__all__ = [
    "DEFAULT_POLICY_ROWS",
    "SLA_TARGETS",
    "CalendarKind",
    "Policy",
    "Settings",
    "SlaRule",
    "WarrantyRule",
    "default_policy",
]

CalendarKind = Literal["24x7", "business"]
StartFrom = Literal["acceptance", "sale"]

# target key -> the repair-log column that stops its clock
SLA_TARGETS: tuple[tuple[str, str], ...] = (
    ("response", "responded_at"),
    ("plan", "plan_at"),
    ("on_site", "on_site_at"),
    ("resolve", "resolved_at"),
)


@dataclass(frozen=True)
class WarrantyRule:
    category: str = "*"
    return_days: int = 7
    exchange_days: int = 15
    free_months: int = 12
    paid_months: int | None = None  # None = lifetime
    start_from: StartFrom = "acceptance"
    replace_after_repairs: int = 2


@dataclass(frozen=True)
class SlaRule:
    request_type: str
    fault_level: str  # "*" or I..IV
    response: Duration | None = None
    plan: Duration | None = None
    on_site: Duration | None = None
    resolve: Duration | None = None
    calendar: CalendarKind = "business"
    loaner_after: Duration | None = None

    def target(self, key: str) -> Duration | None:
        value: Duration | None = getattr(self, key)
        return value


@dataclass(frozen=True)
class Settings:
    callback_days: int = 3
    callback_rate_target: float = 1.0
    satisfaction_target: float = 0.98
    country: str | None = "CN"


_MISSING = object()


def _norm_key(text: str | None) -> str:
    return (text or "").strip().casefold()


@dataclass(frozen=True)
class Policy:
    """A parsed, valid policy. Build it with `parse_policy` or `default_policy`."""

    warranty: tuple[WarrantyRule, ...]
    sla: tuple[SlaRule, ...]
    windows: dict[int, tuple[Window, ...]]
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    settings: Settings = Settings()
    warnings: tuple[Issue, ...] = ()
    # What is derived from the rows: the business calendar, and the rule found
    # per category and per (request type, level), asked for every one of 200k
    # repairs among a few distinct keys. Not an init field, so every
    # dataclasses.replace() starts with an empty one.
    _cache: dict[tuple[str | None, ...], Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def warranty_for(self, category: str | None) -> WarrantyRule:
        """The rule of `category` (case-insensitive), else the `*` row."""
        found = self._cache.get(("warranty", category), _MISSING)
        if found is _MISSING:
            found = self._cache[("warranty", category)] = self._find_warranty(category)
        return found  # type: ignore[no-any-return]

    def _find_warranty(self, category: str | None) -> WarrantyRule:
        key = _norm_key(category)
        default = None
        for rule in self.warranty:
            if key and _norm_key(rule.category) == key:
                return rule
            if rule.category == "*":
                default = rule
        return default or WarrantyRule()

    def sla_for(self, request_type: str | None, fault_level: str | None) -> SlaRule | None:
        """The SLA row of (type, level): exact level first, then `*`; blank type = repair."""
        found = self._cache.get(("sla", request_type, fault_level), _MISSING)
        if found is _MISSING:
            found = self._cache[("sla", request_type, fault_level)] = self._find_sla(request_type, fault_level)
        return found  # type: ignore[no-any-return]

    def _find_sla(self, request_type: str | None, fault_level: str | None) -> SlaRule | None:
        rtype = request_type or "repair"
        star = None
        for rule in self.sla:
            if rule.request_type != rtype:
                continue
            if fault_level and rule.fault_level == fault_level:
                return rule
            if rule.fault_level == "*":
                star = rule
        return star

    def calendar(self, kind: str) -> ServiceCalendar:
        """The `24x7` or `business` calendar (business includes CN holidays if set)."""
        if kind == "24x7":
            return _ALWAYS
        if kind != "business":
            raise ValueError(f"unknown calendar {kind!r}")
        cal = self._cache.get(("calendar", "business"))
        if cal is None:
            holidays, workdays = set(self.holidays), set(self.workdays)
            covered: set[int] | None = None
            if self.settings.country == "CN":
                cn_off, cn_on, covered = cn_holidays()
                # The policy's own Holidays rows win over the bundled table.
                holidays |= cn_off - self.workdays
                workdays |= cn_on - self.holidays
            cal = ServiceCalendar(self.windows, holidays, workdays, covered_years=covered)
            self._cache[("calendar", "business")] = cal
        assert isinstance(cal, ServiceCalendar)
        return cal


_ALWAYS = ServiceCalendar.always()

_T = dt.time

DEFAULT_POLICY_ROWS: dict[str, list[list[Any]]] = {
    "warranty": [
        [
            "category",
            "return_days",
            "exchange_days",
            "free_months",
            "paid_months",
            "start_from",
            "replace_after_repairs",
        ],
        ["*", 7, 15, 12, None, "acceptance", 2],
    ],
    "sla": [
        ["request_type", "fault_level", "response", "plan", "on_site", "resolve", "calendar", "loaner_after"],
        ["repair", "I", "1h", "1.5h", None, "4h", "24x7", "4h"],
        ["repair", "II", "2h", "3h", "2h", "8h", "24x7", "48h"],
        ["repair", "III", "4h", None, "1d", "3d", "business", None],
        ["repair", "IV", "1d", None, None, "7d", "business", None],
        ["complaint", "*", "12h", None, None, "2d", "business", None],
        ["consultation", "*", "1d", None, None, None, "business", None],
    ],
    "calendar": [
        ["weekday", "start", "end"],
        *[[day, _T(9, 0), _T(17, 0)] for day in ("Mon", "Tue", "Wed", "Thu", "Fri")],
    ],
    "holidays": [
        ["date", "kind", "name"],
    ],
    "settings": [
        ["setting", "value"],
        ["callback_days", 3],
        ["callback_rate_target", "100%"],
        ["satisfaction_target", "98%"],
        ["country", "CN"],
    ],
}

_DEFAULT: list[Policy] = []


def default_policy() -> Policy:
    """The built-in policy, parsed from `DEFAULT_POLICY_ROWS` (cached)."""
    if not _DEFAULT:
        from sheetdesk.rules.policy_parse import parse_policy
        from sheetdesk.schema.policy import POLICY_BY_KEY

        sheets = {k: (POLICY_BY_KEY[k].en, rows) for k, rows in DEFAULT_POLICY_ROWS.items()}
        _DEFAULT.append(parse_policy(sheets, base=_EMPTY))
    return _DEFAULT[0]


# The base under the default: every sheet of the default is present, so this
# is never consulted; it only gives parse_policy something to start from.
_EMPTY = Policy(warranty=(WarrantyRule(),), sla=(), windows={0: ((540, 1020),)})
