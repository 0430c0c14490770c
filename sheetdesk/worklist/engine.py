"""The worklist engine: everything in one dataset that needs someone's action by the end of the horizon.

One source function per item kind (`SOURCES`), each reading the typed
records and the dataset's links, and judging with the same rule functions
`check` uses (`callback_result`, `evaluate_sla`, `evaluate_visits`,
`sale_warranty`), so a worklist never disagrees with the check:

- **callback**: a resolved repair without a callback, once it is missing
  (past its due day) or falling due by the horizon;
- **sla**: a target of an open (unresolved) ticket that is overdue, or falls
  due by the horizon (with the SLA row and the holds `check` uses);
- **hold**: an open ticket on hold at as-of whose clock is paused (SLA status
  `paused`: on hold and not overdue with the held time counted), whatever its
  due time: a wait for parts or for the customer needs chasing. The item names
  the hold it is on (its reason, since when) and the paused targets; it is
  due when they are if work resumes now. A ticket on hold but overdue even
  with the pause counted is an **sla** item instead;
- **loaner**: an open ticket whose loaner is required and not provided, or
  falls due by the horizon;
- **visit**: a planned visit still to make: missing (but a late visit would
  still count), or due by the horizon;
- **warranty**: a unit whose free (or paid) warranty ends within 30 days, or
  within the horizon when that is longer: a chance to offer a paid contract
  or an extended warranty. Units replaced or taken back are left out.

The horizon ends at the end of the day `days` days after as-of (`--days 0`:
today). Items are sorted by when they were due, so overdue ones come first.
Each item belongs to the branch its row belongs to, decided as `split`
decides it (`BranchOwners`): a repair's own branch, else its unit's; a
unit's sales branch; none when the unit's rows disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.io.load import Dataset
from sheetdesk.io.values import branch_key
from sheetdesk.links import Links
from sheetdesk.rules.callbacks import callback_result
from sheetdesk.rules.holds import Hold, ticket_holds
from sheetdesk.rules.policy import Policy
from sheetdesk.rules.sla import SlaResult, evaluate_sla
from sheetdesk.rules.visits import evaluate_visits, service_ended, serving_of
from sheetdesk.rules.warranty import Terms, sale_warranty
from sheetdesk.schema.statuses import SLA_TARGETS
from sheetdesk.worklist.items import ITEM_KINDS, WorkItem

__all__ = ["WARRANTY_NOTICE_DAYS", "BranchOwners", "Worklist", "build_worklist"]

Record = Mapping[str, Any]

# A warranty ending within this many days (or the horizon, if longer) is an item.
WARRANTY_NOTICE_DAYS = 30


class BranchOwners:
    """Which branch each sales and repair record belongs to, as `split` decides it
    (`sheetdesk.branches.rows.BranchResolver`), worked out a column at a time.

    A sale: its Branch. A repair: its own Branch, else the branch of the
    sales rows holding its serial, when they all agree (none when they
    disagree, or name no branch). Keys are `branch_key`s; `name(key)` is
    the first spelling met, sales first.
    """

    def __init__(self, sales: Sequence[Record], repairs: Sequence[Record], links: Links) -> None:
        self.sale_keys = [branch_key(s.get("branch")) for s in sales]
        self.names: dict[str, str] = {}
        for record, key in zip(sales, self.sale_keys, strict=True):
            if key and key not in self.names:
                self.names[key] = " ".join(str(record.get("branch")).split())
        self.index = links.index("sales", "serial_no")
        self.serials = links.repair_sale.keys
        self.repair_keys: list[str] = []
        for i, record in enumerate(repairs):
            own = branch_key(record.get("branch"))
            if own and own not in self.names:
                self.names[own] = " ".join(str(record.get("branch")).split())
            self.repair_keys.append(own or self._unit_branch(i))

    def _unit_branch(self, i: int) -> str:
        serial = self.serials[i] if i < len(self.serials) else None
        holders = self.index.holders(serial) if serial is not None and self.index is not None else ()
        keys = {self.sale_keys[h] for h in holders}
        return keys.pop() if len(keys) == 1 else ""

    def of(self, register: str, index: int) -> str:
        return self.sale_keys[index] if register == "sales" else self.repair_keys[index]

    def name(self, key: str) -> str:
        return self.names.get(key, "")


@dataclass
class Worklist:
    """The items due by `until` (the end of the horizon), overdue first."""

    as_of: dt.datetime
    days: int
    until: dt.datetime
    items: list[WorkItem] = field(default_factory=list)
    owners: BranchOwners | None = None


@dataclass
class _Context:
    sales: Sequence[Record]
    repairs: Sequence[Record]
    callbacks: Sequence[Record]
    visits: Sequence[Record]
    policy: Policy
    as_of: dt.datetime
    until: dt.datetime
    links: Links
    owners: BranchOwners
    terms: list[Terms | None] = field(default_factory=list)
    holds: Mapping[int, tuple[Hold, ...]] = field(default_factory=dict)  # an open ticket's holds that can pause
    sla: dict[int, SlaResult] = field(default_factory=dict)

    def item(self, kind: str, register: str, index: int, **fields: Any) -> WorkItem:
        """An item about one row: its branch is the row's."""
        key = self.owners.of(register, index)
        return WorkItem(kind, register=register, index=index, branch=key, branch_name=self.owners.name(key), **fields)

    def sale_of_repair(self, i: int) -> int | None:
        return self.links.repair_sale.parent_of[i]

    def open_repairs(self) -> Iterator[tuple[int, Record, dt.datetime]]:
        """Repairs with a reported time and no resolved time."""
        for i, r in enumerate(self.repairs):
            reported = r.get("reported_at")
            if isinstance(reported, dt.datetime) and not isinstance(r.get("resolved_at"), dt.datetime):
                yield i, r, reported


def _callbacks(ctx: _Context) -> Iterator[WorkItem]:
    # the repairs called back (on time or late; a repeated ticket shares its callbacks, as in check)
    made = {k for k, cb in enumerate(ctx.callbacks) if isinstance(cb.get("callback_at"), dt.datetime)}
    called = {
        i for i, calls in enumerate(ctx.links.callback_repair.children_of) if calls and not made.isdisjoint(calls)
    }
    days = ctx.policy.settings.callback_days
    for i, r in enumerate(ctx.repairs):
        resolved = r.get("resolved_at")
        if i in called or not isinstance(resolved, dt.datetime) or not isinstance(r.get("reported_at"), dt.datetime):
            continue
        result = callback_result(resolved, [], days, ctx.as_of)
        if result.due is None or (result.status == "pending" and result.due > ctx.until):
            continue
        yield ctx.item(
            "callback", "repairs", i, status=result.status, due=result.due, overdue=result.status == "missing",
            ticket_no=r.get("ticket_no"), serial_no=r.get("serial_no"), technician=r.get("technician"),
            sale=ctx.sale_of_repair(i),
        )  # fmt: skip


def _sla_of(ctx: _Context, i: int, r: Record, reported: dt.datetime) -> SlaResult:
    """The SLA of open ticket i, as `check` works it out: the row its sale's conditions pick,
    its clocks paused by its holds (worked out once: targets, loaner and holds are three kinds of item)."""
    found = ctx.sla.get(i)
    if found is None:
        events = {t.event: v if isinstance(v := r.get(t.event), dt.datetime) else None for t in SLA_TARGETS}
        conditions = None
        if ctx.policy.sla_conditional:
            j = ctx.sale_of_repair(i)
            conditions = ctx.policy.condition_key(ctx.sales[j] if j is not None else {})
        found = ctx.sla[i] = evaluate_sla(
            ctx.policy, r.get("request_type"), r.get("fault_level"), reported, events, ctx.as_of, r.get("loaner"),
            ctx.holds.get(i, ()), conditions,
        )  # fmt: skip
    return found


def _sla(ctx: _Context) -> Iterator[WorkItem]:
    for i, r, reported in ctx.open_repairs():
        result = _sla_of(ctx, i, r, reported)
        for target in SLA_TARGETS:
            t = result.targets[target.key]
            if t.due is None or t.status not in ("overdue", "pending") or (t.status == "pending" and t.due > ctx.until):
                continue
            yield ctx.item(
                "sla", "repairs", i, status=t.status, due=t.due, overdue=t.status == "overdue", detail=target.key,
                ticket_no=r.get("ticket_no"), serial_no=r.get("serial_no"), technician=r.get("technician"),
                sale=ctx.sale_of_repair(i),
            )  # fmt: skip


def _holds(ctx: _Context) -> Iterator[WorkItem]:
    if not ctx.holds:
        return
    for i, r, reported in ctx.open_repairs():
        own = ctx.holds.get(i)
        if not own:
            continue
        result = _sla_of(ctx, i, r, reported)
        paused = tuple(t.key for t in SLA_TARGETS if result.targets[t.key].status == "paused")
        if not paused:
            continue
        # The hold it is on: of those running at as-of that pause one of these targets, the first begun.
        on = [h for h in own if h.runs_at(ctx.as_of) and not ctx.policy.paused_targets(h.reason).isdisjoint(paused)]
        if not on:
            continue
        hold = min(on, key=lambda h: h.start)
        due = min(d for k in paused if (d := result.targets[k].due) is not None)
        yield ctx.item(
            "hold", "repairs", i, status="paused", due=due, overdue=False, detail=hold.reason, since=hold.start,
            paused=paused, ticket_no=r.get("ticket_no"), serial_no=r.get("serial_no"), technician=r.get("technician"),
            sale=ctx.sale_of_repair(i),
        )  # fmt: skip


def _loaners(ctx: _Context) -> Iterator[WorkItem]:
    for i, r, reported in ctx.open_repairs():
        if r.get("loaner") == "yes":
            continue
        result = _sla_of(ctx, i, r, reported)
        due = result.loaner_due
        if due is not None and (result.loaner_required or due <= ctx.until):
            yield ctx.item(
                "loaner", "repairs", i, status="required" if result.loaner_required else "pending", due=due,
                overdue=result.loaner_required, ticket_no=r.get("ticket_no"), serial_no=r.get("serial_no"),
                technician=r.get("technician"), sale=ctx.sale_of_repair(i),
            )  # fmt: skip


def _visits(ctx: _Context) -> Iterator[WorkItem]:
    if not ctx.policy.maintenance:
        return
    today, last = ctx.as_of.date(), ctx.until.date()
    planned = evaluate_visits(
        ctx.sales, ctx.repairs, ctx.visits, ctx.terms, ctx.policy, ctx.as_of, ctx.links, horizon=last
    ).planned
    for p in planned:
        o = p.occurrence
        if not p.actionable(today) or (o.status != "missing" and o.due > last):
            continue
        yield ctx.item(
            "visit", "sales", p.sale, status=o.status, due=o.due, overdue=today > o.due, detail=o.kind,
            number=o.number, serial_no=p.serial_no, technician=p.technician, sale=p.sale,
        )  # fmt: skip


def _warranty(ctx: _Context) -> Iterator[WorkItem]:
    today = ctx.as_of.date()
    last = max(ctx.until.date(), today + dt.timedelta(days=WARRANTY_NOTICE_DAYS))
    index = ctx.links.index("sales", "serial_no")
    repairs_of = ctx.links.repair_sale.children_of
    visits_of = ctx.links.visit_sale.children_of
    for j, terms in enumerate(ctx.terms):
        serial = index.keys[j] if index is not None else None
        if terms is None or (index is not None and serial is not None and index.first[serial] != j):
            continue  # no sale date, or the serial listed again (the first row is the unit)
        ends = [(phase, day) for phase, day in (("free", terms.free_until), ("paid", terms.paid_until))
                if day is not None and today <= day <= last]  # fmt: skip
        if not ends:
            continue
        own_repairs = repairs_of[j] if j < len(repairs_of) else ()
        if service_ended(ctx.repairs, own_repairs) is not None:
            continue  # replaced or taken back: nothing to renew
        own_visits = visits_of[j] if j < len(visits_of) else ()
        who = serving_of(ctx.repairs, own_repairs, ctx.visits, own_visits).last_on(today)
        sale = ctx.sales[j]
        for phase, day in ends:
            yield ctx.item(
                "warranty", "sales", j, status=phase, due=day, overdue=False, detail=phase,
                serial_no=sale.get("serial_no"), technician=who, sale=j,
            )  # fmt: skip


# One source per item kind, in the order of `ITEM_KINDS`. A new kind adds its
# `ItemKind` (items.py) and its source here.
SOURCES: dict[str, Callable[[_Context], Iterator[WorkItem]]] = {
    "callback": _callbacks,
    "sla": _sla,
    "hold": _holds,
    "loaner": _loaners,
    "visit": _visits,
    "warranty": _warranty,
}
assert list(SOURCES) == list(ITEM_KINDS)


def _records(dataset: Dataset, key: str) -> list[dict[str, Any]]:
    table = dataset.tables.get(key)
    return [] if table is None else list(table.records())


def build_worklist(dataset: Dataset, policy: Policy, as_of: dt.datetime, days: int = 7) -> Worklist:
    """Every item of `dataset` due by the end of the day `days` days after `as_of`, overdue first."""
    until = dt.datetime.combine(as_of.date() + dt.timedelta(days=days), dt.time(23, 59, 59))
    sales, repairs = _records(dataset, "sales"), _records(dataset, "repairs")
    owners = BranchOwners(sales, repairs, dataset.links)
    ctx = _Context(
        sales, repairs, _records(dataset, "callbacks"), _records(dataset, "visits"), policy, as_of, until,
        dataset.links, owners,
    )  # fmt: skip
    ctx.terms = [_terms(s, policy, as_of) for s in sales]
    if "holds" in dataset.tables:
        ctx.holds = ticket_holds(_records(dataset, "holds"), dataset.links.hold_repair, repairs)
    items = [item for source in SOURCES.values() for item in source(ctx)]
    items.sort(key=WorkItem.sort_key)
    return Worklist(as_of, days, until, items, owners)


def _terms(sale: Record, policy: Policy, as_of: dt.datetime) -> Terms | None:
    sold, accepted = sale.get("sale_date"), sale.get("acceptance_date")
    if not isinstance(sold, dt.date):
        return None
    w = sale_warranty(sold, accepted if isinstance(accepted, dt.date) else None,
                      policy.warranty_for(sale.get("category")), as_of.date())  # fmt: skip
    return Terms(w.start, w.free_until, w.paid_until)
