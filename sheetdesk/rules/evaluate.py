"""All rules over whole registers given as plain records (SPEC §4, §5 JSON).

Input: the typed records of each register (`Table.records()`: dicts keyed by
field key, enum values as keys, dates as `date`, datetimes as `datetime`)
and the links between them (`Dataset.links`; built from the records when
not given). Output: a typed result per sale and per repair, the KPI
document, and findings addressed by (register key, record index) so the
caller can place them at the cell with `Table.where(i, finding.column)`.
Still pure: no workbook, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from sheetdesk.links import Links, RecordColumns, build_links, match_key
from sheetdesk.rules.callbacks import callback_result
from sheetdesk.rules.finding import Finding, Located
from sheetdesk.rules.holds import Hold, ticket_holds
from sheetdesk.rules.kpis import HeldTime, RepairRecord, compute_kpis, hold_kpis, visit_kpis
from sheetdesk.rules.policy import ConditionKey, Policy, SlaRule
from sheetdesk.rules.results import REPAIR_FIELDS, SALE_FIELDS, RepairResult, SaleResult
from sheetdesk.rules.sla import SlaResult, evaluate_sla
from sheetdesk.rules.visits import VisitEvaluation, evaluate_visits
from sheetdesk.rules.warranty import RepairFacts, RepairWarranty, Terms, assess_repairs, sale_warranty
from sheetdesk.schema.statuses import SLA_TARGETS

__all__ = ["REPAIR_FIELDS", "SALE_FIELDS", "Evaluation", "Located", "evaluate"]

Record = Mapping[str, Any]


@dataclass
class Evaluation:
    sales: list[SaleResult]
    repairs: list[RepairResult]
    kpis: dict[str, Any]
    findings: list[Located] = field(default_factory=list)
    # Per Holds record: its time on hold as counted (None: it pauses nothing); empty without a Holds register.
    holds: list[HeldTime | None] = field(default_factory=list)
    # What the annotated sheet has to show: the targets whose held time can be
    # more than 0 (with a Holds register, those the policy pauses), and whether
    # the SLA row depends on more than type and level.
    held_targets: tuple[str, ...] = ()
    sla_conditional: bool = False
    visits: VisitEvaluation = field(default_factory=VisitEvaluation)
    planned: bool = False  # the policy has a maintenance plan

    @cached_property
    def visit_rows(self) -> list[dict[str, Any]]:
        """The JSON `visits` items (SPEC §8): one per planned occurrence, by unit then kind then number."""
        return [p.row() for p in self.visits.planned]

    @property
    def sla_calendars(self) -> list[str | None]:
        """Per repair: the calendar its SLA targets run on ("24x7", "business"; None
        when none applies). Not in the JSON; it tells how over-time reads."""
        return [r.sla.calendar if r.sla else None for r in self.repairs]

    @cached_property
    def sale_rows(self) -> list[dict[str, Any]]:
        """The JSON `sales` items (SPEC §5), one per sale record."""
        return [s.row() for s in self.sales]

    @cached_property
    def repair_rows(self) -> list[dict[str, Any]]:
        """The JSON `repairs` items (SPEC §5), one per repair-log record."""
        return [r.row() for r in self.repairs]


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def evaluate(
    sales: Sequence[Record],
    repairs: Sequence[Record],
    callbacks: Sequence[Record],
    policy: Policy,
    as_of: dt.datetime,
    links: Links | None = None,
    holds: Sequence[Record] | None = None,
    visits: Sequence[Record] = (),
) -> Evaluation:
    """Warranty per sale (as of `as_of`) and per repair, SLA, callbacks, planned visits and KPIs.

    A serial listed twice in the register uses its first row (validation
    reports the duplicate). A repair without reported_at gets nulls.
    `holds` are the Holds register's records (None: the workbook has none;
    the KPIs then have no `holds` part); `visits` the Visits register's (the
    KPIs have a `visits` part only when the policy plans visits).
    """
    # Imported here: the arrays' library (numpy) costs a tenth of a second to load, which `validate`,
    # importing this package for its durations, should not pay.
    from sheetdesk.rules.sla_columns import SlaCase, sla_results

    if links is None:
        tables = {"sales": sales, "repairs": repairs, "callbacks": callbacks, "holds": holds or [], "visits": visits}
        links = build_links({k: RecordColumns(v) for k, v in tables.items()})
    to_sale = links.repair_sale
    calls_of = links.callback_repair.children_of
    called_at = [cb.get("callback_at") for cb in callbacks]
    satisfaction = [cb.get("satisfaction") for cb in callbacks]
    holds_of = ticket_holds(holds or (), links.hold_repair, repairs)
    held: list[HeldTime] = []
    conditional = policy.sla_conditional
    conditions_of: dict[int | None, ConditionKey] = {}
    # Equally specific SLA rows that both matched a repair: the pair (by identity) -> the rows and the repair.
    ties: dict[tuple[int, int], tuple[SlaRule, SlaRule, int]] = {}

    out = Evaluation([_sale_result(sale, policy, as_of) for sale in sales], [], {})
    for i, sale in enumerate(out.sales):
        if sale.warranty is not None and sale.warranty.findings:  # an end beyond the calendar
            out.findings.extend(Located("sales", i, f) for f in sale.warranty.findings)
    results: list[RepairResult | None] = [None] * len(repairs)
    records: list[RepairRecord | None] = [None] * len(repairs)
    uncovered: dict[int, int] = {}

    # A serial's repairs are assessed together (replacement counts earlier ones).
    groups: dict[str | None, list[int]] = defaultdict(list)
    for i, key in enumerate(to_sale.keys):
        groups[key].append(i)
    assessed = []
    clocks: dict[int, SlaCase] = {}  # the SLA of repairs without holds, worked out for all at once below
    for indexes in groups.values():
        j = to_sale.parent_of[indexes[0]]  # every repair of one key names the same sale
        sold = sales[j] if j is not None else None
        conditions = None
        if conditional:
            conditions = conditions_of.get(j)
            if conditions is None:
                conditions = conditions_of[j] = policy.condition_key(sold or {})
        assessed.append((sold, _warranties(repairs, indexes, sold, policy), conditions))
        for i in indexes:
            rep = repairs[i]
            reported = rep.get("reported_at")
            if isinstance(reported, dt.datetime) and not (holds_of and i in holds_of):
                rule = policy.sla_for(rep.get("request_type"), rep.get("fault_level"), conditions)
                clocks[i] = SlaCase(rule, reported, _events(rep), rep.get("loaner"))
    slas = dict(zip(clocks, sla_results(policy, list(clocks.values()), as_of), strict=True))
    for (serial, indexes), (sold, warranty, conditions) in zip(groups.items(), assessed, strict=True):
        for i in indexes:
            rep = repairs[i]
            w = warranty.get(i)
            if w is not None and w.findings:
                out.findings.extend(Located("repairs", i, f) for f in w.findings)
            sla, call = None, None
            reported = rep.get("reported_at")
            if isinstance(reported, dt.datetime):
                own_holds = holds_of.get(i, ()) if holds_of else ()
                sla = slas[i] if i in slas else _sla(rep, reported, policy, as_of, own_holds, conditions)
                if conditional:
                    tie = policy.sla_match(rep.get("request_type"), rep.get("fault_level"), conditions).tie
                    if tie is not None and sla.rule is not None:
                        ties.setdefault((id(sla.rule), id(tie)), (sla.rule, tie, i))
                if own_holds:
                    held.extend(_held_time(own_holds, rep, reported, sla, policy, as_of))
                for year in sla.uncovered_years:
                    uncovered.setdefault(year, i)
                pairs = [(at, satisfaction[k]) for k in calls_of[i] if isinstance(at := called_at[k], dt.datetime)]
                resolved = rep.get("resolved_at")
                call = callback_result(
                    resolved if isinstance(resolved, dt.datetime) else None, pairs,
                    policy.settings.callback_days, as_of,
                )  # fmt: skip
                out.findings.extend(Located("repairs", i, f) for f in (*sla.findings, *call.findings))
            result = results[i] = RepairResult(rep.get("ticket_no"), w, sla, call)
            records[i] = _record(rep, result, serial, sold, links.repair_branch[i])
    for year, first in sorted(uncovered.items()):
        out.findings.append(
            Located("repairs", first, Finding("calendar.uncovered_year", "reported_at", {"year": year}))
        )
    out.findings.extend(_tie_findings(ties, repairs, policy))
    out.findings.sort(key=lambda f: (f.register, f.index if f.index is not None else -1))
    out.repairs = [r for r in results if r is not None]
    terms = [_terms(s) for s in out.sales]
    out.visits = evaluate_visits(sales, repairs, visits, terms, policy, as_of, links)
    out.planned = bool(policy.maintenance)
    for j, day in out.visits.next_due.items():
        out.sales[j].next_visit_due = day
    out.kpis = compute_kpis([r for r in records if r is not None], policy.settings)
    if holds is not None:
        out.holds = [None] * len(holds)
        for h in held:
            if h.index is not None:
                out.holds[h.index] = h
        out.kpis["holds"] = hold_kpis(held)
        out.held_targets = policy.pausable_targets()
    out.sla_conditional = conditional
    if out.planned:
        out.kpis["visits"] = visit_kpis(out.visits.planned)
    return out


def _held_time(
    holds: Sequence[Hold], rep: Record, reported: dt.datetime, sla: SlaResult, policy: Policy, as_of: dt.datetime
) -> list[HeldTime]:
    """Each hold's working time on the ticket's SLA calendar (24x7 without an SLA row),
    from when the ticket was reported until it was resolved (or as-of)."""
    kind = sla.calendar or "24x7"
    calendar = policy.calendar(kind)
    resolved = rep.get("resolved_at")
    stop = resolved if isinstance(resolved, dt.datetime) else as_of
    out = []
    for h in holds:
        start, end = max(h.start, reported), min(h.end or stop, stop)
        us = calendar.elapsed_us(start, end) if end > start else 0
        running = resolved is None and h.runs_at(as_of)
        out.append(HeldTime(h.reason, us // 60_000_000, running, rep.get("ticket_no"), kind, h.index))
    return out


def _tie_findings(
    ties: Mapping[tuple[int, int], tuple[SlaRule, SlaRule, int]], repairs: Sequence[Record], policy: Policy
) -> list[Located]:
    """One `policy.ambiguous_sla` per pair of equally specific SLA rows that both matched a
    repair, at the later row's first condition cell, naming the first repair concerned."""
    place = policy.places.get("sla")
    out = []
    for first, second, i in sorted(ties.values(), key=lambda tie: tie[2]):
        column = next((k for k, _v in second.conditions), "fault_level")
        value = second.shown.get(column)
        at = place.where(second.row, column, value) if place is not None else {"sheet": "SLA", "row": second.row}
        params = {"row": first.row, "ticket": repairs[i].get("ticket_no")}
        out.append(Located("sla", None, Finding("policy.ambiguous_sla", column, params), at))
    return out


def _terms(sale: SaleResult) -> Terms | None:
    w = sale.warranty
    return None if w is None else Terms(w.start, w.free_until, w.paid_until)


# Complaints and consultations are not billed: their warranty status is shown,
# but they are never billable and their fees are not judged (docs/rules.md).
UNBILLED_REQUEST_TYPES = frozenset({"complaint", "consultation"})
_FEE_CODES = frozenset({"repair.fee_missing", "repair.fee_not_billable"})


def _warranties(
    repairs: Sequence[Record], indexes: list[int], sold: Record | None, policy: Policy
) -> dict[int, RepairWarranty]:
    """The warranty of each dated repair of one serial."""
    rule = policy.warranty_for(sold.get("category") if sold else None)
    dated = [i for i in indexes if isinstance(repairs[i].get("reported_at"), dt.datetime)]
    sale_date = sold.get("sale_date") if sold else None
    acceptance = sold.get("acceptance_date") if sold else None
    results = assess_repairs([_facts(repairs[i]) for i in dated], sale_date, acceptance, rule)
    warranty = dict(zip(dated, results, strict=True))
    for i in dated:
        if repairs[i].get("request_type") in UNBILLED_REQUEST_TYPES:
            warranty[i] = _unbilled(warranty[i])
    return warranty


def _unbilled(w: RepairWarranty) -> RepairWarranty:
    kept = tuple(f for f in w.findings if f.code not in _FEE_CODES)
    return replace(w, billable=False, expected_fee=0.0, findings=kept)


def _sale_result(sale: Record, policy: Policy, as_of: dt.datetime) -> SaleResult:
    sale_date = sale.get("sale_date")
    if not isinstance(sale_date, dt.date):
        return SaleResult(sale.get("serial_no"), None)
    acceptance = sale.get("acceptance_date")
    w = sale_warranty(
        sale_date, acceptance if isinstance(acceptance, dt.date) else None,
        policy.warranty_for(sale.get("category")), as_of.date(),
    )  # fmt: skip
    return SaleResult(sale.get("serial_no"), w)


def _facts(rep: Record) -> RepairFacts:
    return RepairFacts(
        reported_at=rep["reported_at"],
        cause=rep.get("cause"),
        fault_category=rep.get("fault_category"),
        parts_cost=_num(rep.get("parts_cost")),
        labor_cost=_num(rep.get("labor_cost")),
        fee_charged=_num(rep.get("fee_charged")),
        ticket_no=rep.get("ticket_no"),
        request_type=rep.get("request_type"),
    )


def _events(rep: Record) -> dict[str, dt.datetime | None]:
    """The moments that stop the SLA clocks (responded_at ... resolved_at); None when not a date and time."""
    return {t.event: v if isinstance(v := rep.get(t.event), dt.datetime) else None for t in SLA_TARGETS}


def _sla(
    rep: Record,
    reported: dt.datetime,
    policy: Policy,
    as_of: dt.datetime,
    holds: Sequence[Hold] = (),
    conditions: ConditionKey | None = None,
) -> SlaResult:
    return evaluate_sla(
        policy, rep.get("request_type"), rep.get("fault_level"), reported, _events(rep), as_of, rep.get("loaner"),
        holds, conditions,
    )  # fmt: skip


def _record(rep: Record, result: RepairResult, serial: str | None, sold: Record | None, branch: Any) -> RepairRecord:
    """What the KPIs count of one repair."""
    w, sla, call = result.warranty, result.sla, result.callback
    resolved = rep.get("resolved_at")
    return RepairRecord(
        statuses={key: t.status for key, t in sla.targets.items()} if sla else {},
        warranty_status=w.status if w else None,
        billable=w.billable if w else None,
        expected_fee=w.expected_fee if w else None,
        fee_charged=_num(rep.get("fee_charged")),
        resolved_at=resolved if isinstance(resolved, dt.datetime) else None,
        callback_due=call.due if call else None,
        callback_status=call.status if call else None,
        satisfaction=call.satisfaction if call else None,
        serial=serial,
        model=sold.get("model") if sold else None,
        fault_category=rep.get("fault_category"),
        problem=match_key(rep.get("fault_category")),
        branch=branch,
        technician=rep.get("technician"),
        request_type=rep.get("request_type"),
        fault_level=rep.get("fault_level"),
    )
