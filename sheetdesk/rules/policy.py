"""The policy model of SPEC §3 and §8: warranty rules, SLA rules (with their
conditions), which targets a hold pauses, the calendars, the settings and the
maintenance plan.

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
from sheetdesk.schema.enums import CALENDAR_KIND
from sheetdesk.schema.policy import SLA_CONDITION_KEYS
from sheetdesk.schema.statuses import SLA_TARGET_KEYS, SlaTargetKey

__all__ = [
    "ALWAYS",
    "BUSINESS",
    "DEFAULT_PAUSES",
    "CalendarKind",
    "ConditionKey",
    "NamedCalendar",
    "PlanRule",
    "Policy",
    "Settings",
    "SheetPlace",
    "SlaMatch",
    "SlaRule",
    "WarrantyRule",
    "calendar_key",
]

ALWAYS, BUSINESS = "24x7", "business"
CalendarKind = str  # "24x7", "business" or the key of a calendar named in the Calendar sheet
StartFrom = Literal["acceptance", "sale"]
PlanDuring = Literal["warranty", "paid", "lifetime"]
# A repair's condition values (customer, contract_no, category, service_area), each
# folded by `match_key`, or None where no SLA row names that value.
ConditionKey = tuple[str | None, ...]
# Built in (SPEC §8): every hold reason pauses the resolve target only.
DEFAULT_PAUSES: Mapping[str, frozenset[SlaTargetKey]] = {"*": frozenset({"resolve"})}


def calendar_key(name: Any) -> str | None:
    """How a calendar is named: `24x7` and `business` by any of their spellings
    (`7×24`, `全天`, `5x8`, `工作时间`), any other name folded as keys are
    (`Extended`, `extended ` are one calendar). None for a blank."""
    return CALENDAR_KIND.read(name) or match_key(name)


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
    """One SLA row. `conditions` holds the condition columns it sets (field key, folded
    value); a row without any applies to every repair of its type and level."""

    request_type: str
    fault_level: str  # "*" or I..IV
    targets: Mapping[SlaTargetKey, Duration | None] = field(default_factory=dict)  # a missing key: no target
    calendar: CalendarKind = BUSINESS
    loaner_after: Duration | None = None
    conditions: tuple[tuple[str, str], ...] = ()
    # The row's Excel row number in its SLA sheet (JSON `sla_rule`); where it was read is not its identity.
    row: int | None = field(default=None, compare=False)
    shown: Mapping[str, str] = field(default_factory=dict, compare=False)  # condition values as written

    def target(self, key: SlaTargetKey) -> Duration | None:
        return self.targets.get(key)

    @property
    def specificity(self) -> tuple[int, bool]:
        """Conditions first, then a named level over `*`: the bigger wins."""
        return len(self.conditions), self.fault_level != "*"


@dataclass(frozen=True)
class SlaMatch:
    """The SLA row a repair gets, and the row as specific as it that also matched (a tie)."""

    rule: SlaRule | None
    tie: SlaRule | None = None


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


@dataclass(frozen=True)
class NamedCalendar:
    """A calendar named in the Calendar sheet besides `business` (its name as first written)."""

    name: str
    windows: Mapping[int, tuple[Window, ...]]


@dataclass(frozen=True)
class SheetPlace:
    """Where a policy sheet was read, to place a finding the rules raise later."""

    sheet: str
    file: str | None
    columns: Mapping[str, int] = field(default_factory=dict)  # field key -> 0-based column

    def where(self, row: int | None, column: str | None = None, value: Any = None) -> dict[str, Any]:
        at: dict[str, Any] = {"sheet": self.sheet, "row": row, "file": self.file}
        if column is not None:
            at |= {"column": column, "col_index": self.columns.get(column), "value": value}
        return at


_MISSING = object()


@dataclass(frozen=True)
class Policy:
    """A parsed, valid policy. Build it with `parse_policy` or `default_policy`.

    `windows`, `holidays` and `workdays` are the `business` calendar's
    (`windows` is empty when a Calendar sheet names other calendars only);
    `calendars` the other named calendars; `calendar_holidays` the Holidays
    rows naming another calendar (or `*`, every calendar) by calendar key.
    """

    warranty: tuple[WarrantyRule, ...]
    sla: tuple[SlaRule, ...]
    windows: dict[int, tuple[Window, ...]]
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    settings: Settings = Settings()
    maintenance: tuple[PlanRule, ...] = ()  # the planned visits; empty: no plan
    warnings: tuple[Issue, ...] = ()
    calendars: Mapping[str, NamedCalendar] = field(default_factory=dict)
    calendar_holidays: Mapping[str, tuple[frozenset[dt.date], frozenset[dt.date]]] = field(default_factory=dict)
    pauses: Mapping[str, frozenset[SlaTargetKey]] = field(default_factory=lambda: DEFAULT_PAUSES)
    places: Mapping[str, SheetPlace] = field(default_factory=dict, compare=False)
    # What is derived from the rows: the calendars, and the rule found per
    # category and per (request type, level, conditions), asked for every one
    # of 200k repairs among a few distinct keys. Not an init field, so every
    # dataclasses.replace() starts with an empty one.
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, compare=False, repr=False)

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

    # -- SLA rows ---------------------------------------------------------------
    @property
    def sla_conditional(self) -> bool:
        """True when an SLA row has a condition (the repair's sale then helps pick its row)."""
        found = self._cache.get(("sla_conditional",))
        if found is None:
            found = self._cache[("sla_conditional",)] = any(r.conditions for r in self.sla)
        return bool(found)

    def condition_key(self, values: Mapping[str, Any]) -> ConditionKey:
        """A sale's condition values reduced to what the SLA rows can tell apart.

        Each of customer, contract_no, category and service_area is folded
        (`match_key`) and kept only when some row names that value: any other
        value matches only `*`, so all of them share one key and one cached
        lookup.
        """
        named = self._named_values()
        return tuple(
            key if (key := match_key(values.get(name))) in named[n] else None
            for n, name in enumerate(SLA_CONDITION_KEYS)
        )

    def _named_values(self) -> tuple[frozenset[str], ...]:
        found = self._cache.get(("named_values",))
        if found is None:
            found = self._cache[("named_values",)] = tuple(
                frozenset(v for r in self.sla for k, v in r.conditions if k == name) for name in SLA_CONDITION_KEYS
            )
        return found

    def sla_match(
        self, request_type: str | None, fault_level: str | None, conditions: ConditionKey | None = None
    ) -> SlaMatch:
        """The SLA row of a repair, cached per (type, level, conditions).

        Candidates: rows of the type (blank = repair) whose level is the
        repair's or `*` and whose every condition equals the repair's. The one
        with the most conditions wins, then a named level over `*`, then the
        first row; a second candidate as specific as the winner is the `tie`.
        """
        cache_key = ("sla", request_type, fault_level, conditions)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._find_sla(request_type, fault_level, conditions)
        return found

    def sla_for(
        self, request_type: str | None, fault_level: str | None, conditions: ConditionKey | None = None
    ) -> SlaRule | None:
        """The SLA row of (type, level[, conditions]): see `sla_match`."""
        return self.sla_match(request_type, fault_level, conditions).rule

    def _find_sla(self, request_type: str | None, fault_level: str | None, conditions: ConditionKey | None) -> SlaMatch:
        rtype = request_type or "repair"
        have = dict(zip(SLA_CONDITION_KEYS, conditions or (None,) * len(SLA_CONDITION_KEYS), strict=True))
        best: SlaRule | None = None
        tie: SlaRule | None = None
        for rule in self.sla:
            if rule.request_type != rtype or not (
                rule.fault_level == "*" or (fault_level and rule.fault_level == fault_level)
            ):
                continue
            if any(have[k] != v for k, v in rule.conditions):
                continue
            if best is None or rule.specificity > best.specificity:
                best, tie = rule, None
            elif rule.specificity == best.specificity and tie is None:
                tie = rule
        return SlaMatch(best, tie)

    # -- holds ------------------------------------------------------------------
    def paused_targets(self, reason: str | None) -> frozenset[SlaTargetKey]:
        """The targets a hold for `reason` pauses (its row, else the `*` row)."""
        if reason is None:
            return frozenset()
        found = self.pauses.get(reason)
        return found if found is not None else self.pauses.get("*", frozenset())

    def pausable_targets(self) -> tuple[SlaTargetKey, ...]:
        """The targets some hold reason pauses, in declared order."""
        paused = set().union(*self.pauses.values()) if self.pauses else set()
        return tuple(k for k in SLA_TARGET_KEYS if k in paused)

    # -- calendars --------------------------------------------------------------
    def calendar_names(self) -> dict[str, str]:
        """Every calendar an SLA row may name: key -> name as written."""
        names = {ALWAYS: ALWAYS}
        if self.windows:
            names[BUSINESS] = BUSINESS
        names |= {key: cal.name for key, cal in self.calendars.items()}
        return names

    def calendar(self, kind: str) -> ServiceCalendar:
        """The calendar named `kind`: `24x7`, `business` or a named one (with China's
        holidays when `country` is CN). ValueError for a name the policy lacks."""
        if kind == ALWAYS:
            return _ALWAYS
        cal = self._cache.get(("calendar", kind))
        if cal is None:
            windows: Mapping[int, tuple[Window, ...]]
            if kind == BUSINESS and self.windows:
                windows, off, on = self.windows, set(self.holidays), set(self.workdays)
            elif kind in self.calendars:
                windows = self.calendars[kind].windows
                off, on = set(), set()
                for name in ("*", kind):
                    named_off, named_on = self.calendar_holidays.get(name, (frozenset(), frozenset()))
                    off, on = off | named_off, on | named_on
            else:
                raise ValueError(f"unknown calendar {kind!r}")
            covered: set[int] | None = None
            if self.settings.country == "CN":
                cn_off, cn_on, covered = cn_holidays()
                # The policy's own Holidays rows win over the bundled table.
                off, on = off | (cn_off - on), on | (cn_on - off)
            cal = self._cache[("calendar", kind)] = ServiceCalendar(windows, off, on, covered_years=covered)
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
