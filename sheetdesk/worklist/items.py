"""The items of the morning worklist, and how each kind reads (English and Chinese).

Every item kind is declared once here: its key (stable, in the JSON), its
name, and the sentence for each status of its rule. The engine
(`engine.py`) has one source function per kind; a new kind of item is one
`ItemKind` here and one source there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sheetdesk.i18n import Msg
from sheetdesk.schema.enums import HOLD_REASON, VISIT_KIND
from sheetdesk.schema.statuses import SLA_TARGETS

__all__ = ["ITEM_KINDS", "ItemKind", "WorkItem", "due_moment"]


@dataclass(frozen=True)
class ItemKind:
    """One kind of item: its key, its name, and its sentence per rule status (`{detail}`, `{number}`,
    `{since}` and `{paused}` filled in)."""

    key: str
    title: Msg
    what: dict[str, Msg]


ITEM_KINDS: dict[str, ItemKind] = {
    kind.key: kind
    for kind in (
        ItemKind(
            "callback",
            Msg("Callback", "回访"),
            {
                "missing": Msg("Callback overdue: call the customer", "回访已逾期：请致电客户"),
                "pending": Msg("Callback due: call the customer", "待回访：请致电客户"),
            },
        ),
        ItemKind(
            "sla",
            Msg("SLA", "服务时限"),
            {
                "overdue": Msg("{detail} overdue", "{detail}已超时"),
                "pending": Msg("{detail} falls due", "{detail}即将到期"),
            },
        ),
        ItemKind(
            "hold",
            Msg("Ticket on hold", "暂停工单"),
            {
                "paused": Msg(
                    "On hold since {since} ({detail}): {paused} clock paused; follow it up",
                    "自 {since} 起暂停（{detail}）：{paused}暂停计时，请跟进",
                ),
            },
        ),
        ItemKind(
            "loaner",
            Msg("Loaner", "备用机"),
            {
                "required": Msg("Loaner required and not provided", "应提供备用机，尚未提供"),
                "pending": Msg("Loaner needed then if still not resolved", "届时仍未修复须提供备用机"),
            },
        ),
        ItemKind(
            "visit",
            Msg("Planned visit", "计划巡检"),
            {
                "missing": Msg(
                    "{detail} #{number} missing: still counts if made late",
                    "第 {number} 次{detail}未完成（补做仍计入）",
                ),
                "due": Msg("{detail} #{number} due", "第 {number} 次{detail}待完成"),
                "upcoming": Msg("{detail} #{number} due", "第 {number} 次{detail}待完成"),
            },
        ),
        ItemKind(
            "warranty",
            Msg("Warranty ending", "保修到期"),
            {
                "free": Msg(
                    "Free warranty ends: offer a paid maintenance contract or an extended warranty",
                    "免费保修即将到期：可推荐有偿维保合同或延长保修期限",
                ),
                "paid": Msg("Paid warranty ends: offer to renew the contract", "有偿保修即将到期：可推荐续签维保合同"),
            },
        ),
    )
}

# What `detail` names, per kind: an SLA target, why a ticket is on hold, a kind of visit.
_TARGETS: dict[str, Msg] = {t.key: t.title for t in SLA_TARGETS}
_DETAILS: dict[str, dict[str, Msg]] = {
    "sla": _TARGETS,
    "hold": {c.key: c.title for c in HOLD_REASON.choices},
    "visit": {c.key: c.title for c in VISIT_KIND.choices},
}


def due_moment(due: dt.date) -> dt.datetime:
    """When an item is due, as a moment: a date (a visit, a warranty end) is due by the end of its day."""
    if isinstance(due, dt.datetime):
        return due
    return dt.datetime.combine(due, dt.time(23, 59, 59))


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One line of the worklist: what, which ticket or unit, who, and when it was (is) due.

    `register`/`index` name the row the item is about (a repair, or the
    unit's sales row), `sale` the unit's sales row (its customer); `branch`
    is the branch key the row belongs to ("" when none) and `branch_name`
    how it is written.
    """

    kind: str
    status: str  # the rule's own status: missing, pending, overdue, paused, required, due, upcoming, free, paid
    # A datetime for callbacks, SLA targets, holds and loaners; a date for visits and warranty ends.
    # A ticket on hold: when its paused clock is due if work resumes now (it moves later while the hold runs).
    due: dt.date
    overdue: bool
    register: str
    index: int
    detail: str | None = None  # the SLA target, the hold's reason, the kind of visit
    number: int | None = None  # which occurrence of a planned visit
    since: dt.datetime | None = None  # when the hold a ticket is on began
    paused: tuple[str, ...] = ()  # the SLA targets a hold pauses
    ticket_no: Any = None
    serial_no: Any = None
    branch: str = ""
    branch_name: str = ""
    technician: Any = None
    sale: int | None = None

    @property
    def moment(self) -> dt.datetime:
        return due_moment(self.due)

    def what(self, lang: str) -> str:
        kind = ITEM_KINDS[self.kind]
        detail = _DETAILS.get(self.kind, {}).get(self.detail or "", self.detail)
        since = f"{self.since:%Y-%m-%d %H:%M}" if self.since is not None else None
        paused = [_TARGETS[k] for k in self.paused]
        return kind.what[self.status].render(lang, detail=detail, number=self.number, since=since, paused=paused)

    def sort_key(self) -> tuple[dt.datetime, int, str, str]:
        """Overdue first (the earliest due first), then by kind and reference."""
        order = list(ITEM_KINDS).index(self.kind)
        return (self.moment, order, str(self.ticket_no or self.serial_no or ""), self.detail or "")
