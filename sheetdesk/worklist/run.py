"""`due` from the library: read the files, pick the policy, list the items, group them.

The data is not validated (that is `check`'s job): what could not be read
is reported, as is a bad policy (then nothing is listed, as `check`
computes nothing from one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sheetdesk.i18n import Msg
from sheetdesk.io.load import Dataset, load_dataset
from sheetdesk.io.policy_source import load_policy
from sheetdesk.progress import SILENT, Progress
from sheetdesk.report import Report, json_value
from sheetdesk.rules.policy import Policy
from sheetdesk.worklist.engine import Worklist, build_worklist
from sheetdesk.worklist.items import ITEM_KINDS, WorkItem

__all__ = ["GROUPINGS", "DueResult", "due_dataset", "due_files"]

Grouping = Literal["branch", "technician"]
GROUPINGS: tuple[Grouping, ...] = ("branch", "technician")
NO_GROUP = {
    "branch": Msg("(no branch)", "(无网点)"),
    "technician": Msg("(nobody yet)", "(尚无负责人员)"),
}


@dataclass
class DueResult:
    """The worklist of some files as of a moment: its items, grouped when asked, and what went wrong reading."""

    dataset: Dataset
    report: Report
    as_of: dt.datetime
    days: int
    by: Grouping | None
    policy: Policy | None
    worklist: Worklist | None
    output: Path | None = None

    @property
    def valid(self) -> bool:
        return self.report.valid

    @property
    def items(self) -> list[WorkItem]:
        return self.worklist.items if self.worklist is not None else []

    @property
    def until(self) -> dt.datetime:
        return dt.datetime.combine(self.as_of.date() + dt.timedelta(days=self.days), dt.time(23, 59, 59))

    def group_of(self, item: WorkItem) -> str:
        """The group key of an item ("" when it has none): its branch key, or its technician."""
        if self.by == "branch":
            return item.branch
        if self.by == "technician":
            return " ".join(str(item.technician).split()) if item.technician is not None else ""
        return ""

    def group_name(self, key: str, lang: str) -> str:
        if self.by is None:
            return ""
        if not key:
            return NO_GROUP[self.by].render(lang)
        if self.by == "branch" and self.worklist is not None and self.worklist.owners is not None:
            return self.worklist.owners.name(key) or key
        return key

    def groups(self) -> list[tuple[str, list[WorkItem]]]:
        """(group key, its items, overdue first), groups by name; the items without a group last."""
        grouped: dict[str, list[WorkItem]] = {}
        for item in self.items:
            grouped.setdefault(self.group_of(item), []).append(item)
        return sorted(grouped.items(), key=lambda g: (g[0] == "", self.group_name(g[0], "en")))

    def customer(self, item: WorkItem) -> tuple[Any, Any, Any] | None:
        """The unit's customer, contact and phone (from its sales row)."""
        sales = self.dataset.sales
        if item.sale is None or sales is None:
            return None
        customer, contact, phone = (sales.column(k)[item.sale] for k in ("customer", "contact", "phone"))
        return customer, contact, phone

    def source(self, item: WorkItem) -> tuple[Path, str, int] | None:
        """The file, sheet and Excel row the item is about."""
        table = self.dataset.tables.get(item.register)
        if table is None:
            return None
        return table.file, table.sheet_name, table.rows[item.index]

    def item_json(self, item: WorkItem, lang: str) -> dict[str, Any]:
        customer = self.customer(item) or (None, None, None)
        source = self.source(item)
        return {
            "kind": item.kind,
            "status": item.status,
            "overdue": item.overdue,
            "due": json_value(item.due),
            "detail": item.detail,
            "occurrence": item.number,
            "since": json_value(item.since),
            "paused": list(item.paused) or None,
            "ticket_no": item.ticket_no,
            "serial_no": item.serial_no,
            "branch": item.branch_name or None,
            "technician": item.technician,
            "customer": customer[0],
            "contact": customer[1],
            "phone": customer[2],
            "file": str(source[0]) if source else None,
            "sheet": source[1] if source else None,
            "row": source[2] if source else None,
            "message": item.what(lang),
        }

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The `due --json` document; each item's `message` in `lang`, everything else as is."""
        items = self.items
        document: dict[str, Any] = {
            "valid": self.valid,
            "as_of": self.as_of.replace(microsecond=0).isoformat(),
            "until": self.until.isoformat(),
            "days": self.days,
            "by": self.by,
            "counts": {
                "items": len(items),
                "overdue": sum(1 for i in items if i.overdue),
                **{kind: sum(1 for i in items if i.kind == kind) for kind in ITEM_KINDS},
            },
            "items": [],
            "stats": self.report.counts(),
            "issues": self.report.flatten(lang),
        }
        if self.by is None:
            document["items"] = [self.item_json(i, lang) for i in items]
        else:
            document["groups"] = [
                {"group": self.group_name(key, lang) if key else None, "items": len(group)}
                for key, group in self.groups()
            ]
            document["items"] = [
                {"group": self.group_name(key, lang) if key else None, **self.item_json(i, lang)}
                for key, group in self.groups()
                for i in group
            ]
        return document


def due_dataset(
    dataset: Dataset,
    *,
    policy_path: str | Path | None = None,
    as_of: dt.datetime | None = None,
    days: int = 7,
    by: Grouping | None = None,
) -> DueResult:
    """The worklist of a loaded dataset (the policy: built-in < `policy_path` < sheets in the data)."""
    as_of = (as_of or dt.datetime.now()).replace(microsecond=0)
    report = dataset.report
    policy = load_policy(dataset, policy_path, report)
    worklist = build_worklist(dataset, policy, as_of, days) if policy is not None else None
    return DueResult(dataset, report, as_of, days, by, policy, worklist)


def due_files(
    paths: Iterable[str | Path],
    *,
    policy: str | Path | None = None,
    as_of: dt.datetime | None = None,
    days: int = 7,
    by: Grouping | None = None,
    progress: Progress = SILENT,
) -> DueResult:
    """Read the files and list what is due (InputError for a file that cannot be read)."""
    dataset = load_dataset(list(paths), progress=progress)
    return due_dataset(dataset, policy_path=policy, as_of=as_of, days=days, by=by)
