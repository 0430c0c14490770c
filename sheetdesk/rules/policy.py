"""The policy model of SPEC §3: warranty rules, SLA rules, the calendar and the settings.

A `Policy` is built from policy sheets that were already read and typed
(`sheetdesk.rules.policy_build`; the reading is `sheetdesk.io.policy_source`,
which also gives the built-in default, `default_policy()`). Its lookups are
cached: they are asked for every one of 200k repairs among a few keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sheetdesk.links import match_key
from sheetdesk.report import Issue
from sheetdesk.rules.calendar import ServiceCalendar, Window, cn_holidays
from sheetdesk.rules.durations import Duration
from sheetdesk.rules.intervals import Interval
from sheetdesk.schema.statuses import SlaTargetKey

__all__ = [
    "CalendarKind",
    "PlanRule",
    "Policy",
    "Settings",
    "SlaRule",
    "WarrantyRule",
]

CalendarKind = Literal["24x7", "business"]
StartFrom = Literal["acceptance", "sale"]
PlanDuring = Literal["warranty", "paid", "lifetime"]


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
    targets: Mapping[SlaTargetKey, Duration | None] = field(default_factory=dict)  # a missing key: no target
    calendar: CalendarKind = "business"
    loaner_after: Duration | None = None

    def target(self, key: SlaTargetKey) -> Duration | None:
        return self.targets.get(key)


@dataclass(frozen=True)
class Settings:
    callback_days: int = 3
    callback_rate_target: float = 1.0
    satisfaction_target: float = 0.98
    country: str | None = "CN"


@dataclass(frozen=True)
class PlanRule:
    """One row of the Maintenance sheet: a kind of visit a category's units get, and how often.

    The first is due `first_within` after the warranty start, then one every
    `every`; `during` says until when (the free warranty, the paid one, or
    for good); a visit up to `grace_days` after its due date is on time.
    """

    category: str
    kind: str
    every: Interval
    first_within: Interval
    during: PlanDuring = "warranty"
    grace_days: int = 0


_MISSING = object()


@dataclass(frozen=True)
class Policy:
    """A parsed, valid policy. Build it with `parse_policy` or `default_policy`."""

    warranty: tuple[WarrantyRule, ...]
    sla: tuple[SlaRule, ...]
    windows: dict[int, tuple[Window, ...]]
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    settings: Settings = Settings()
    maintenance: tuple[PlanRule, ...] = ()  # the planned visits; empty: no plan
    warnings: tuple[Issue, ...] = ()
    # What is derived from the rows: the business calendar, and the rule found
    # per category and per (request type, level), asked for every one of 200k
    # repairs among a few distinct keys. Not an init field, so every
    # dataclasses.replace() starts with an empty one.
    _cache: dict[tuple[str | None, ...], Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def warranty_for(self, category: str | None) -> WarrantyRule:
        """The rule of `category` (matched by key: case, width and spaces folded), else the `*` row."""
        found = self._cache.get(("warranty", category), _MISSING)
        if found is _MISSING:
            found = self._cache[("warranty", category)] = self._find_warranty(category)
        return found  # type: ignore[no-any-return]

    def _find_warranty(self, category: str | None) -> WarrantyRule:
        key = match_key(category)
        default = None
        for rule in self.warranty:
            if key and match_key(rule.category) == key:
                return rule
            if rule.category == "*":
                default = rule
        return default or WarrantyRule()

    def plan_for(self, category: str | None) -> tuple[PlanRule, ...]:
        """The planned visits of a category's units: per kind, the category's row
        (matched by key, as warranty rows are), else the `*` row of that kind."""
        found = self._cache.get(("plan", category), _MISSING)
        if found is _MISSING:
            found = self._cache[("plan", category)] = self._find_plan(category)
        return found  # type: ignore[no-any-return]

    def _find_plan(self, category: str | None) -> tuple[PlanRule, ...]:
        if not self.maintenance:
            return ()
        key = match_key(category)
        own = {r.kind: r for r in self.maintenance if key and r.category != "*" and match_key(r.category) == key}
        default = {r.kind: r for r in self.maintenance if r.category == "*"}
        return tuple(own.get(kind) or default[kind] for kind in _kinds_in_order(self.maintenance, own, default))

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


def _kinds_in_order(rules: tuple[PlanRule, ...], *present: Mapping[str, PlanRule]) -> list[str]:
    """The kinds present in any of `present`, in the order the sheet first names them."""
    kinds: list[str] = []
    for rule in rules:
        if rule.kind not in kinds and any(rule.kind in p for p in present):
            kinds.append(rule.kind)
    return kinds


_ALWAYS = ServiceCalendar.always()
