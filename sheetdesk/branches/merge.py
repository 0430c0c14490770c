"""Merge one returned branch file into the master's rows (SPEC §7).

Rows are matched by identity key (serial_no; ticket_no; ticket_no +
callback_at). For each row of the file, compared with the master's current
row and the fingerprint recorded at split time:

- equal to the master's current row          -> unchanged (whatever the split
  record or the owner: so collecting a file twice changes nothing the second
  time, and a row head office moved to another branch is not an error);
- different, and of another branch           -> rejected (never merged);
- not in the master                          -> added;
- in the master, changed only in the branch  -> updated;
- changed in the branch and in the master    -> conflict: master kept, both
  values reported per field;
- unchanged in the branch, changed in master -> unchanged (master is newer);
- distributed at split but not in the file   -> deleted: reported, kept.

A file without a split record (a plain template from a branch that got no
split file) cannot tell conflicts from updates: its rows are added or update
the master, and a warning says so. Its branch is the one most of its rows
belong to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.branches.canonical import branch_key, canonical, identity_labels
from sheetdesk.branches.merge_report import Change, Outcome
from sheetdesk.branches.provenance import Provenance
from sheetdesk.branches.rows import BranchResolver, RegisterRows, Row
from sheetdesk.schema import REGISTERS, Register

COUNT_KEYS = ("added", "updated", "conflicts", "rejected", "deleted", "unchanged")
_COUNT_OF: dict[str, str] = {
    "added": "added",
    "updated": "updated",
    "conflict": "conflicts",
    "rejected": "rejected",
    "deleted": "deleted",
    "unchanged": "unchanged",
}


@dataclass
class FileMerge:
    """The outcome of merging one file: row counts and the listed changes."""

    file: str
    branch: str
    provenance: Provenance | None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    changes: list[Change] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "branch": self.branch,
            "split_id": self.provenance.split_id if self.provenance else None,
            "provenance": self.provenance is not None,
            **self.counts,
        }


def merge_file(
    merged: dict[str, RegisterRows], incoming: dict[str, RegisterRows], prov: Provenance | None, source: str
) -> FileMerge:
    """Apply one file's rows to `merged` (the master's rows, changed in place)."""
    branch_name = prov.branch if prov else _infer_branch(merged, incoming)
    result = FileMerge(source, branch_name, prov)
    merger = _Merger(merged, incoming, prov, result, branch_key(branch_name))
    if prov is None:
        merger.warn(
            f"no split record (_sheetdesk sheet): conflicts cannot be told from updates; rows are added or "
            f"update the master as branch '{branch_name}'"
        )
    for register in REGISTERS:
        merger.register(register.key)
    return result


def _infer_branch(merged: dict[str, RegisterRows], incoming: dict[str, RegisterRows]) -> str:
    resolver = BranchResolver(merged, incoming)
    names: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for rows in incoming.values():
        for row in rows.rows:
            current = merged[row.register.key].get(row.key) if row.key else None
            name = resolver.branch_name(current if current is not None else row)
            if branch_key(name):
                names[branch_key(name)] += 1
                spelling.setdefault(branch_key(name), " ".join(str(name).split()))
    return spelling[names.most_common(1)[0][0]] if names else ""


class _Merger:
    def __init__(
        self,
        merged: dict[str, RegisterRows],
        incoming: dict[str, RegisterRows],
        prov: Provenance | None,
        result: FileMerge,
        branch: str,
    ) -> None:
        self.merged, self.incoming, self.prov, self.result, self.branch = merged, incoming, prov, result, branch
        self.resolver = BranchResolver(merged)

    def warn(self, message: str, register: str = "", sheet: str | None = None) -> None:
        self.result.changes.append(Change("warning", self.result.file, register, sheet=sheet, message=message))

    def note(self, outcome: Outcome, row: Row, message: str = "", **fields: Any) -> None:
        self.result.changes.append(
            Change(
                outcome,
                self.result.file,
                row.register.key,
                row.key,
                row.sheet,
                row.excel_row,
                message=message,
                **fields,
            )
        )

    def count(self, outcome: str) -> None:
        self.result.counts[_COUNT_OF[outcome]] += 1

    def register(self, reg: str) -> None:
        rows = self.incoming[reg]
        table = rows.table
        missing = [f.key for f in rows.register.fields if table is not None and not table.has(f.key)]
        if table is None:
            if self.prov is not None and self.prov.keys(reg):
                self.warn(
                    f"the file has no {rows.register.en} sheet; its rows are neither compared nor reported as deleted",
                    reg,
                )
            return
        if missing and self.prov is not None:
            labels = ", ".join(rows.register.field(k).label(table.lang) for k in missing)
            self.warn(f"columns missing from the file: {labels}; the master's values are kept", reg, table.sheet_name)
        for row in rows.keyless:
            self.count("rejected")
            self.note("rejected", row, "no " + identity_labels(rows.register) + ": the row cannot be matched")
        for row in rows.duplicates:
            self.count("rejected")
            self.note("rejected", row, "the key appears earlier in the file; this row is ignored")
        for row in rows.index.values():
            self.row(reg, row, missing)
        if self.prov is not None:
            for key in self.prov.keys(reg):
                current = self.merged[reg].get(key)
                if key in rows.index or current is None or self.resolver.branch_of(current) != self.branch:
                    continue
                self.count("deleted")
                self.result.changes.append(
                    Change(
                        "deleted",
                        self.result.file,
                        reg,
                        key,
                        table.sheet_name,
                        message="distributed at split but not in the file; the master keeps the row",
                    )
                )

    def row(self, reg: str, row: Row, missing: list[str]) -> None:
        current = self.merged[reg].get(str(row.key))
        split_fp = self.prov.get(reg, str(row.key)) if self.prov else None
        if current is None:
            return self.new_row(reg, row, split_fp)
        for k in missing:  # a column the file lacks keeps the master's value
            row.set(k, current.get(k))
        self.existing_row(reg, row, current, split_fp)

    def existing_row(self, reg: str, row: Row, current: Row, split_fp: str | None) -> None:
        if row.canonical == current.canonical:
            return self.count("unchanged")  # whoever owns it: nothing to merge
        if split_fp is not None and split_fp == row.fingerprint:
            return self.count("unchanged")  # the branch left it; only the master changed since the split
        owner = self.resolver.branch_of(current)
        if not owner and split_fp is not None:
            owner = self.branch  # lost its branch in the master since it was distributed here
        if owner != self.branch:
            name = self.resolver.branch_name(current)
            return self.reject(
                row,
                f"the row belongs to branch '{name}'"
                if owner
                else "the row belongs to no branch in the master; assign it there first",
            )
        bad = {
            k: v
            for k, v in row.bad.items()
            if canonical(row.register.field(k), v) != canonical(row.register.field(k), current.values.get(k))
        }
        if bad:
            return self.reject(row, _unreadable(row.register, bad))
        new_owner = self.resolver.branch_of(row)
        if not new_owner and reg != "sales":  # e.g. a repair whose sale the master no longer has
            new_owner = owner
        if new_owner != self.branch:
            return self.reject(
                row, "the change would move the row to another branch or to none; transfers are made in the master"
            )
        if self.prov is None or split_fp == current.fingerprint:
            return self.update(current, row)
        why = (
            "changed in the branch and in the master since the split"
            if split_fp
            else "not distributed to this branch at split, and different from the master"
        )
        return self.conflict(current, row, f"{why}; the master's value is kept")

    def new_row(self, reg: str, row: Row, split_fp: str | None) -> None:
        if row.bad:
            return self.reject(row, _unreadable(row.register, row.bad))
        if split_fp is not None:
            if split_fp == row.fingerprint:  # deleted in the master since the split; the branch left it
                self.note("warning", row, "deleted in the master since the split; not re-added")
                return self.count("unchanged")
            return self.conflict(
                None, row, "deleted in the master since the split but changed in the branch; not re-added"
            )
        owner = self.resolver.branch_of(row)
        filled = False
        if not owner and reg in ("sales", "repairs") and self.branch:
            row.set("branch", self.result.branch)
            owner, filled = self.branch, True
        if not owner:
            return self.reject(
                row,
                "its ticket is not in the repair log: the callback belongs to no branch"
                if reg == "callbacks"
                else "Branch is blank and the file's branch is unknown",
            )
        if owner != self.branch:
            return self.reject(row, f"the row belongs to branch '{self.resolver.branch_name(row)}'")
        self.add(row, filled)

    def reject(self, row: Row, message: str) -> None:
        self.count("rejected")
        self.note("rejected", row, message)

    def add(self, row: Row, filled_branch: bool) -> None:
        self.count("added")
        message = "new row" + ("; Branch was blank and is set to this file's branch" if filled_branch else "")
        self.note("added", row, message)
        added = Row(row.register, dict(row.values), row.file, row.sheet, row.excel_row)
        self.merged[row.register.key].append(added)

    def update(self, current: Row, row: Row) -> None:
        self.count("updated")
        for f, old, new in _differences(current, row):
            self.note("updated", row, "changed in the branch", field=f, old=old, new=new)
        current.replace(row.values)

    def conflict(self, current: Row | None, row: Row, message: str) -> None:
        self.count("conflict")
        if current is None:
            self.note("conflict", row, message)
            return
        for f, old, new in _differences(current, row):
            self.note("conflict", row, message, field=f, old=old, new=new)


def _differences(current: Row, row: Row) -> list[tuple[str, Any, Any]]:
    out = []
    for f in row.register.fields:
        old, new = current.values.get(f.key), row.values.get(f.key)
        if canonical(f, old) != canonical(f, new):
            out.append((f.key, old, new))
    return out


def _unreadable(register: Register, bad: dict[str, Any]) -> str:
    parts = [f"{register.field(k).en} '{v}'" for k, v in bad.items()]
    return "cannot be read: " + ", ".join(parts) + "; fix the cell and collect again"
