"""Every unit's planned visits over the whole registers (SPEC §8), from typed records and the dataset's links. Pure.

For each sold unit (the first sales row of each serial) whose category has a
plan (`Policy.plan_for`), each plan row is scheduled with
`sheetdesk.rules.schedule` from the unit's warranty terms, against the
unit's visits of that kind (found through the `visit_sale` link). Without a
plan nothing is scheduled and this costs one pass over the visits, if any.

Also worked out here:
- **the end of service**: a unit replaced (整机更换, action `replace_unit`) or
  taken back (退货, action `return`) leaves service on that repair's day
  (resolved_at, else reported_at; the earliest such repair); no
  occurrence falls due after it, and its warranty is not offered for renewal;
- **who is responsible** for an occurrence: the technician of the visit that
  fulfilled it, else whoever last served the unit (its latest visit of any
  kind, or repair, with a technician, on or before the due date or today,
  whichever is earlier); blank when nobody has;
- **the status of each recorded visit** (for the annotated Visits sheet).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.links import Links
from sheetdesk.rules.policy import Policy
from sheetdesk.rules.schedule import Occurrence, VisitFact, covered_until, schedule_unit
from sheetdesk.rules.warranty import Terms
from sheetdesk.schema.statuses import VisitRowStatus

__all__ = [
    "ENDING_ACTIONS",
    "PlannedVisit",
    "Serving",
    "VisitEvaluation",
    "evaluate_visits",
    "service_ended",
    "serving_of",
]

Record = Mapping[str, Any]

# Repair actions after which the unit is no longer at the customer's.
ENDING_ACTIONS = frozenset({"replace_unit", "return"})
# Occurrences a unit can still act on: not done, and a visit may still count for them.
OPEN_STATUSES = frozenset({"due", "upcoming", "missing"})


@dataclass(frozen=True, slots=True)
class PlannedVisit:
    """One occurrence of one unit's plan, with whom and where it belongs to."""

    sale: int  # the unit's sales record
    serial_no: Any
    occurrence: Occurrence
    branch: Any  # the unit's sales branch
    technician: Any  # who made the visit, else who last served the unit

    @property
    def status(self) -> str:
        return self.occurrence.status

    def actionable(self, today: dt.date) -> bool:
        """Not done, and a visit made today would still count for it."""
        o = self.occurrence
        return o.status in OPEN_STATUSES and today <= o.late_until

    def row(self) -> dict[str, Any]:
        """The JSON `visits` item."""
        o = self.occurrence
        return {
            "serial_no": self.serial_no,
            "kind": o.kind,
            "occurrence": o.number,
            "opens": o.opens,
            "due": o.due,
            "on_time_until": o.on_time_until,
            "status": o.status,
            "visit_at": o.visit_at,
            "technician": self.technician,
            "branch": self.branch,
        }


@dataclass
class VisitEvaluation:
    planned: list[PlannedVisit] = field(default_factory=list)
    # Per visit record: what became of it (None when it has no date), and the due date it fulfilled.
    row_status: list[VisitRowStatus | None] = field(default_factory=list)
    row_due: list[dt.date | None] = field(default_factory=list)
    next_due: dict[int, dt.date] = field(default_factory=dict)  # sales record -> its next visit due
    ended: dict[int, dt.date] = field(default_factory=dict)  # sales record -> the day it left service


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def service_ended(repairs: Sequence[Record], indexes: Sequence[int]) -> dt.date | None:
    """The day a unit left service: its earliest repair that replaced it or took it back."""
    days = [
        day
        for i in indexes
        if repairs[i].get("action") in ENDING_ACTIONS
        and (day := _date(repairs[i].get("resolved_at")) or _date(repairs[i].get("reported_at"))) is not None
    ]
    return min(days) if days else None


class Serving:
    """Who served one unit when: its visits and repairs with a technician, in time order."""

    def __init__(self, entries: list[tuple[dt.datetime, Any]]) -> None:
        entries.sort(key=lambda e: e[0])
        self.days = [e[0].date() for e in entries]
        self.who = [e[1] for e in entries]

    def last_on(self, day: dt.date) -> Any:
        k = bisect.bisect_right(self.days, day)
        return self.who[k - 1] if k else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def evaluate_visits(
    sales: Sequence[Record],
    repairs: Sequence[Record],
    visits: Sequence[Record],
    terms: Sequence[Terms | None],
    policy: Policy,
    as_of: dt.datetime,
    links: Links,
    *,
    horizon: dt.date | None = None,
) -> VisitEvaluation:
    """Schedule every planned unit and match its visits.

    `terms[j]` are sale j's warranty terms (None without a sale date);
    occurrences are listed up to `horizon` (default: as-of's day) and one
    beyond for each unit and kind.
    """
    today = as_of.date()
    out = VisitEvaluation(row_status=[None] * len(visits), row_due=[None] * len(visits))
    at = [v.get("visit_at") if isinstance(v.get("visit_at"), dt.datetime) else None for v in visits]
    for k, when in enumerate(at):
        if when is not None:
            out.row_status[k] = "unplanned" if visits[k].get("result") != "customer_absent" else "not_counted"
    if not policy.maintenance or not sales:
        return out
    index = links.index("sales", "serial_no")
    first = index.first if index is not None else {}
    visits_of = links.visit_sale.children_of if visits else ()
    repairs_of = links.repair_sale.children_of if repairs else ()
    for j, sale in enumerate(sales):
        plan = policy.plan_for(sale.get("category"))
        unit_terms = terms[j] if j < len(terms) else None
        key = index.keys[j] if index is not None else None
        if not plan or unit_terms is None or key is None or first.get(key) != j:
            continue  # no plan, no sale date, or a serial listed again (the first row is the unit)
        own_visits = visits_of[j] if j < len(visits_of) else ()
        own_repairs = repairs_of[j] if j < len(repairs_of) else ()
        ended = service_ended(repairs, own_repairs)
        if ended is not None:
            out.ended[j] = ended
        by_kind: dict[str, list[VisitFact]] = defaultdict(list)
        for k in own_visits:
            when = at[k]
            if when is not None and visits[k].get("kind"):
                by_kind[visits[k]["kind"]].append(VisitFact(when, k, visits[k].get("result") != "customer_absent"))
        serving: Serving | None = None
        for rule in plan:
            unit = schedule_unit(
                unit_terms.start, rule, by_kind.get(rule.kind, ()), today,
                until=covered_until(unit_terms, rule), horizon=horizon, ended=ended,
            )  # fmt: skip
            for k, occurrence in unit.matched.items():
                out.row_status[k] = occurrence.status  # type: ignore[assignment]
                out.row_due[k] = occurrence.due
            for k in unit.extra:
                out.row_status[k] = "extra"
            for o in unit.occurrences:
                who = visits[o.visit].get("technician") if o.visit is not None else None
                if _blank(who):
                    if serving is None:
                        serving = serving_of(repairs, own_repairs, visits, own_visits, at)
                    who = serving.last_on(min(o.due, today))
                planned = PlannedVisit(j, sale.get("serial_no"), o, sale.get("branch"), who)
                out.planned.append(planned)
                if planned.actionable(today) and (j not in out.next_due or o.due < out.next_due[j]):
                    out.next_due[j] = o.due
    return out


def serving_of(
    repairs: Sequence[Record], own_repairs: Sequence[int], visits: Sequence[Record], own_visits: Sequence[int],
    at: Sequence[dt.datetime | None] | None = None,
) -> Serving:  # fmt: skip
    """Who served one unit when, from its visits and repairs (`at`: every visit's time, if already read)."""
    entries: list[tuple[dt.datetime, Any]] = []
    for k in own_visits:
        who = visits[k].get("technician")
        when = at[k] if at is not None else visits[k].get("visit_at")
        if isinstance(when, dt.datetime) and not _blank(who):
            entries.append((when, who))
    for i in own_repairs:
        who, when = repairs[i].get("technician"), repairs[i].get("reported_at")
        if isinstance(when, dt.datetime) and not _blank(who):
            entries.append((when, who))
    return Serving(entries)
