"""Merge one returned branch file into the master's rows (SPEC §7).

Rows are matched by identity key (serial_no; ticket_no; ticket_no +
callback_at; serial_no + kind + visit_at; serials and tickets folded). For each row of the file,
compared with the master's current row and the fingerprint recorded at
split time:

- equal to the master's current row          -> unchanged (whatever the split
  record or the owner: so collecting a file twice changes nothing the second
  time, and a row head office moved to another branch is not an error);
- different, and of another branch           -> rejected (never merged);
- not in the master                          -> added;
- in the master, changed only in the branch  -> updated (only the fields that
  differ are written; every other cell of the master row stays as it was);
- changed in the branch and in the master    -> conflict: master kept, both
  values reported per field;
- unchanged in the branch, changed in master -> unchanged (master is newer);
- distributed at split but not in the file   -> deleted: reported, kept.

A file let in without a verified split record (`--accept-unrecorded`)
cannot tell conflicts from updates: its rows are added or update the
master, as the branch its file name names, and a warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sheetdesk.branches.canonical import IDENTITY, canonical
from sheetdesk.branches.merge_report import Change, Outcome
from sheetdesk.branches.provenance import Provenance
from sheetdesk.branches.rows import BranchResolver, RegisterRows, Row
from sheetdesk.findings import kind_of
from sheetdesk.i18n import Bound, Msg
from sheetdesk.io.values import branch_key
from sheetdesk.io.xlsx import EXCEL_MAX_CELL_CHARS
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

# What the Merge Report says about each outcome.
CHANGED_IN_BRANCH = Msg("changed in the branch", "网点已修改")
NEW_ROW = Msg("new row", "新增行")
NEW_ROW_BRANCH_FILLED = Msg(
    "new row; Branch was blank and is set to this file's branch", "新增行；网点为空，已填为本文件的网点"
)
OF_BRANCH = Msg("the row belongs to branch '{branch}'", "该行属于网点“{branch}”")
OF_NO_BRANCH = Msg(
    "the row belongs to no branch in the master; assign it there first", "该行在总表中不属于任何网点；请先在总表中指定"
)
MOVES_BRANCH = Msg(
    "the change would move the row to another branch or to none; transfers are made in the master",
    "此修改会把该行移到其他网点或不属于任何网点；转移须在总表中进行",
)
UNREADABLE = Msg("cannot be read: {cells}; fix the cell and collect again", "无法读取：{cells}；请改正后重新合并")
UNREADABLE_CELL = Msg("{field} '{value}'", "{field}“{value}”")
NO_KEY = Msg("no {key_columns}: the row cannot be matched", "没有{key_columns}：无法对应到总表中的行")
REPEATED_KEY = Msg("the key appears earlier in the file; this row is ignored", "关键字在文件前面已出现；忽略此行")
CALLBACK_WITHOUT_TICKET = Msg(
    "its ticket is not in the repair log: the callback belongs to no branch",
    "其报修单号不在维修记录中：该回访不属于任何网点",
)
VISIT_WITHOUT_UNIT = Msg(
    "its serial is not in the sales register: the visit belongs to no branch",
    "其出厂编号不在销售登记中：该巡检不属于任何网点",
)
HOLD_WITHOUT_TICKET = Msg(
    "its ticket is not in the repair log: the hold belongs to no branch",
    "其报修单号不在维修记录中：该暂停记录不属于任何网点",
)
# Why a row whose owner cannot be found belongs to no branch, per register (else a blank branch).
_WITHOUT_OWNER = {"callbacks": CALLBACK_WITHOUT_TICKET, "holds": HOLD_WITHOUT_TICKET, "visits": VISIT_WITHOUT_UNIT}
BLANK_BRANCH_UNKNOWN = Msg("Branch is blank and the file's branch is unknown", "网点为空，且无法确定本文件的网点")
CONFLICT_BOTH = Msg(
    "changed in the branch and in the master since the split; the master's value is kept",
    "分发后网点和总部都修改了此行；保留总表的值",
)
CONFLICT_NOT_DISTRIBUTED = Msg(
    "not distributed to this branch at split, and different from the master; the master's value is kept",
    "分发时未发给本网点，且与总表不同；保留总表的值",
)
CONFLICT_DELETED = Msg(
    "deleted in the master since the split but changed in the branch; not re-added",
    "分发后已在总表中删除，但网点修改了此行；不重新加入",
)
DELETED = Msg(
    "distributed at split but not in the file; the master keeps the row", "分发时已发出，但文件中没有此行；总表保留该行"
)


@dataclass
class FileMerge:
    """The outcome of merging one file: row counts and the listed changes."""

    file: str
    branch: str
    provenance: Provenance | None  # the verified split record; None for a file let in without one
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    changes: list[Change] = field(default_factory=list)
    unrecorded: Bound | None = None  # why a file let in with --accept-unrecorded had no verified record

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "file": self.file,
            "branch": self.branch,
            "split_id": self.provenance.split_id if self.provenance else None,
            "provenance": self.provenance is not None,
            "unrecorded": self.unrecorded.render(lang) if self.unrecorded is not None else None,
            **self.counts,
        }


def merge_file(
    merged: dict[str, RegisterRows],
    incoming: dict[str, RegisterRows],
    prov: Provenance | None,
    source: str,
    branch: str,
) -> FileMerge:
    """Apply one file's rows, as branch `branch`, to `merged` (the master's rows, changed in place).

    `prov` is the file's verified split record (None: no record is trusted).
    """
    result = FileMerge(source, branch, prov)
    merger = _Merger(merged, incoming, prov, result, branch_key(branch))
    for register in REGISTERS:
        merger.register(register.key)
    return result


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

    def warn(self, code: str, reg: str = "", sheet: str | None = None, row: Row | None = None, **params: Any) -> None:
        self.result.changes.append(
            Change(
                "warning",
                self.result.file,
                reg,
                key=row.label if row is not None else None,
                sheet=sheet,
                row=row.excel_row if row is not None else None,
                message=kind_of(code).message.bind(**params),
                code=code,
                params=params,
            )
        )

    def note(self, outcome: Outcome, row: Row, message: Bound, **fields: Any) -> None:
        self.result.changes.append(
            Change(
                outcome,
                self.result.file,
                row.register.key,
                row.label,
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
        if table is None:
            if self.prov is not None and self.prov.keys(reg):
                self.warn("collect.sheet_missing", reg, register=rows.register.title)
            return
        missing = [f.key for f in rows.register.fields if not table.has(f.key)]
        if missing and self.prov is not None:
            self.warn(
                "collect.columns_missing",
                reg,
                table.sheet_name,
                columns=[rows.register.field(k).title for k in missing],
            )
        for row in rows.keyless:
            key_columns = [rows.register.field(k).title for k in IDENTITY[reg]]
            self.reject(row, NO_KEY.bind(key_columns=key_columns))
        for row in rows.duplicates:
            self.reject(row, REPEATED_KEY.bind())
        for row in rows.index.values():
            self.row(reg, row, missing)
        if self.prov is not None:
            for key in self.prov.keys(reg):
                current = self.merged[reg].get(key)
                if key in rows.index or current is None or self.resolver.branch_of(current) != self.branch:
                    continue
                self.count("deleted")
                self.result.changes.append(
                    Change("deleted", self.result.file, reg, current.label, table.sheet_name, message=DELETED.bind())
                )

    def row(self, reg: str, row: Row, missing: list[str]) -> None:
        current = self.merged[reg].get(str(row.key))
        split_fp = self.prov.get(reg, str(row.key)) if self.prov else None
        if current is None:
            return self.new_row(reg, row, split_fp)
        for k in missing:  # a column the file lacks keeps the master's value
            row.set(k, current.get(k))
        if row.values == current.values:  # most rows come back as they went (and then no text was cut)
            return self.count("unchanged")
        _restore_cut_text(row, current)
        self.existing_row(reg, row, current, split_fp)

    def existing_row(self, reg: str, row: Row, current: Row, split_fp: str | None) -> None:
        if row.values == current.values or row.canonical == current.canonical:
            return self.count("unchanged")  # whoever owns it: nothing to merge (equal values: no need to compare text)
        if split_fp is not None and split_fp == row.fingerprint:
            return self.count("unchanged")  # the branch left it; only the master changed since the split
        owner = self.resolver.owner(current)
        owner_key = owner.key
        if not owner_key and split_fp is not None:
            owner_key = self.branch  # lost its branch in the master since it was distributed here
        if owner_key != self.branch:
            return self.reject(row, OF_BRANCH.bind(branch=owner.name) if owner_key else OF_NO_BRANCH.bind())
        bad = {
            k: v
            for k, v in row.bad.items()
            if canonical(row.register.field(k), v) != canonical(row.register.field(k), current.values.get(k))
        }
        if bad:
            return self.reject(row, _unreadable(row.register, bad))
        new_owner = self.resolver.branch_of(row)
        if not new_owner and reg != "sales":  # e.g. a repair whose sale the master no longer has
            new_owner = owner_key
        if new_owner != self.branch:
            return self.reject(row, MOVES_BRANCH.bind())
        if self.prov is None or split_fp == current.fingerprint:
            return self.update(current, row)
        return self.conflict(current, row, CONFLICT_BOTH.bind() if split_fp else CONFLICT_NOT_DISTRIBUTED.bind())

    def new_row(self, reg: str, row: Row, split_fp: str | None) -> None:
        if row.bad:
            return self.reject(row, _unreadable(row.register, row.bad))
        if split_fp is not None:
            if split_fp == row.fingerprint:  # deleted in the master since the split; the branch left it
                self.warn("collect.deleted_in_master", reg, row.sheet, row, key=row.label)
                return self.count("unchanged")
            return self.conflict(None, row, CONFLICT_DELETED.bind())
        owner = self.resolver.owner(row)
        filled = False
        if not owner and reg in ("sales", "repairs") and self.branch:
            row.set("branch", self.result.branch)
            owner, filled = self.resolver.owner(row), True
        if not owner:
            return self.reject(row, _WITHOUT_OWNER.get(reg, BLANK_BRANCH_UNKNOWN).bind())
        if owner.key != self.branch:
            return self.reject(row, OF_BRANCH.bind(branch=owner.name))
        self.add(row, filled)

    def reject(self, row: Row, message: Bound) -> None:
        self.count("rejected")
        self.note("rejected", row, message)

    def add(self, row: Row, filled_branch: bool) -> None:
        self.count("added")
        self.note("added", row, (NEW_ROW_BRANCH_FILLED if filled_branch else NEW_ROW).bind())
        added = Row(row.register, dict(row.values), row.file, row.sheet, row.excel_row)
        added.added = True
        self.merged[row.register.key].append(added)

    def update(self, current: Row, row: Row) -> None:
        self.count("updated")
        for f, old, new in _differences(current, row):
            self.note("updated", row, CHANGED_IN_BRANCH.bind(), field=f, old=old, new=new)
            current.set(f, new)
            current.mark_changed(f)

    def conflict(self, current: Row | None, row: Row, message: Bound) -> None:
        self.count("conflict")
        if current is None:
            self.note("conflict", row, message)
            return
        for f, old, new in _differences(current, row):
            self.note("conflict", row, message, field=f, old=old, new=new)


def _restore_cut_text(row: Row, current: Row) -> None:
    """Text the split had to cut to Excel's limit, returned as cut, is the master's text."""
    for f in row.register.fields:
        if f.type != "text":
            continue
        whole = current.get(f.key)
        if isinstance(whole, str) and len(whole) > EXCEL_MAX_CELL_CHARS:
            if canonical(f, row.get(f.key)) == canonical(f, whole[:EXCEL_MAX_CELL_CHARS]):
                row.set(f.key, whole)


def _differences(current: Row, row: Row) -> list[tuple[str, Any, Any]]:
    out = []
    for f in row.register.fields:
        old, new = current.values.get(f.key), row.values.get(f.key)
        if canonical(f, old) != canonical(f, new):
            out.append((f.key, old, new))
    return out


def _unreadable(register: Register, bad: dict[str, Any]) -> Bound:
    cells = [UNREADABLE_CELL.bind(field=register.field(k).title, value=v) for k, v in bad.items()]
    return UNREADABLE.bind(cells=cells)
