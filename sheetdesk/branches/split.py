"""`split`: one workbook per branch with that branch's rows only (SPEC §7).

A sale belongs to its branch column; a repair to its own branch column, else
to its sale's branch; a callback and a hold to its ticket's repair; a visit to
its unit's sale. Each branch file has the register sheets in the output
language and standard look (Holds and Visits only when the master has them),
the worklist (the branch's part of `sheetdesk due`'s list, `worklist.py`), and
the very hidden `_sheetdesk` record, signed with the master's key (see
`keys.py`).

Rows that belong to no branch (blank branch, a repair of an unknown serial
without a branch, a callback of an unknown ticket, a visit of an unknown
serial), rows whose branch follows
a serial or ticket that rows of different branches share, rows without an
identity key and repeated keys are reported as errors and put in no file:
nothing that cannot be attributed to one branch leaves the master. Other
master sheets (policy, notes...) and columns outside the template are not
distributed: they may hold anyone's data.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook

from sheetdesk.branches.canonical import IDENTITY, content_fingerprint, key_title
from sheetdesk.branches.keys import MasterKey, check_key_location, key_for_split, key_path
from sheetdesk.branches.names import branch_file_names
from sheetdesk.branches.provenance import Provenance, write_provenance
from sheetdesk.branches.rows import (
    AMBIGUOUS,
    UNKNOWN,
    BranchResolver,
    Owner,
    RegisterRows,
    Row,
    dataset_rows,
    fill_canonical,
)
from sheetdesk.branches.sheets import extra_columns, write_register_sheet
from sheetdesk.branches.worklist import BranchWorklist, branch_worklist, write_worklist
from sheetdesk.errors import InputError
from sheetdesk.findings import kind_of
from sheetdesk.i18n import Msg, majority, output_lang
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.load import Dataset, load_dataset
from sheetdesk.io.outputs import check_output, output_folder
from sheetdesk.io.policy_source import load_policy
from sheetdesk.io.xlsx import Formats, new_workbook
from sheetdesk.report import Report, column_letter
from sheetdesk.schema import REGISTERS, Register
from sheetdesk.worklist import Worklist, build_worklist

NO_REGISTERS = Msg("no Sales, Repairs or Callbacks sheet found", "找不到销售登记、维修记录或回访记录工作表")
TITLE = Msg("{branch} — branch workbook", "{branch} — 分支工作簿")
SUBJECT = Msg("Branch: {branch}", "网点：{branch}")
COMMENTS = Msg(
    "sheetdesk split; return this file to head office unchanged in structure",
    "sheetdesk 分发；请保持结构不变交回总部",
)
# Why a row belongs to no branch (the `why` of split.no_branch), by register and reason.
WHY_NO_BRANCH: dict[tuple[str, str], Msg] = {
    ("sales", "blank"): Msg("the Branch is blank", "网点为空"),
    ("repairs", "blank"): Msg("no Branch, and its sale has none", "未填网点，其销售记录也没有网点"),
    ("repairs", UNKNOWN): Msg(
        "no Branch, and its serial {via} is not in the sales register", "未填网点，其出厂编号 {via} 不在销售登记中"
    ),
    ("callbacks", "blank"): Msg("its ticket's repair has no branch", "其报修单没有网点"),
    ("callbacks", UNKNOWN): Msg("its ticket {via} is not in the repair log", "其报修单号 {via} 不在维修记录中"),
    ("holds", "blank"): Msg("its ticket's repair has no branch", "其报修单没有网点"),
    ("holds", UNKNOWN): Msg("its ticket {via} is not in the repair log", "其报修单号 {via} 不在维修记录中"),
    ("visits", "blank"): Msg("its unit's sale has no branch", "其设备的销售记录没有网点"),
    ("visits", UNKNOWN): Msg("its serial {via} is not in the sales register", "其出厂编号 {via} 不在销售登记中"),
}
# Registers whose rows follow their ticket's repair to a branch, and those that follow their unit's sale.
FOLLOW_TICKET = frozenset({"callbacks", "holds"})
FOLLOW_UNIT = frozenset({"visits"})
VIA = {
    "serial_no": Msg("serial {key}", "出厂编号 {key}"),
    "ticket_no": Msg("ticket {key}", "报修单号 {key}"),
}


@dataclass
class BranchFile:
    branch: str
    path: Path
    counts: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"branch": self.branch, "file": str(self.path), **self.counts}


@dataclass
class SplitResult:
    master: Path
    split_id: str
    split_at: dt.datetime
    master_fingerprint: str
    files: list[BranchFile] = field(default_factory=list)
    unassigned: int = 0
    report: Report = field(default_factory=Report)
    lang: str = "en"  # the master's language (terminal text falls back to it)
    key_file: Path | None = None
    key_created: bool = False
    master_id: str = ""

    @property
    def valid(self) -> bool:
        return self.report.valid

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "valid": self.valid,
            "master": str(self.master),
            "master_id": self.master_id,
            "key_file": str(self.key_file) if self.key_file else None,
            "key_created": self.key_created,
            "split_id": self.split_id,
            "split_at": self.split_at.isoformat(),
            "master_fingerprint": self.master_fingerprint,
            "files": [f.to_json() for f in self.files],
            "unassigned": self.unassigned,
            "stats": self.report.counts(),
            "issues": self.report.flatten(lang),
        }


def split_master(
    master: str | Path,
    out_dir: str | Path,
    *,
    force: bool = False,
    key: str | Path | None = None,
    lang: str | None = None,
    now: dt.datetime | None = None,
    on_branch: Callable[[str], None] | None = None,
    policy: str | Path | None = None,
    as_of: dt.datetime | None = None,
    days: int = 7,
) -> SplitResult:
    """Write one branch file per branch of `master` into `out_dir`.

    `key` is the master's key file (default: `<master>.sheetdesk-key` beside
    it, created on the first split); `lang` the language of the branch files
    (default: the master's). Each file's worklist is the branch's part of
    `due`'s list as of `as_of` (default: `now`) with a horizon of `days`
    days, under the policy in force (built-in < `policy` < the master's
    policy sheets).
    """
    master, out_dir = Path(master), Path(out_dir)
    key_file = Path(key) if key is not None else key_path(master)
    report = Report()
    dataset = load_dataset([master])
    if not dataset.tables:
        raise InputError(master, NO_REGISTERS)
    master_lang = majority([t.lang for t in dataset.tables.values()])
    _carry_load_issues(dataset, report)
    rows = dataset_rows(dataset)
    groups, names, unassigned = _group_by_branch(rows, report)
    for register_rows in rows.values():
        fill_canonical(register_rows.rows)  # every row is fingerprinted: a column at a time
    fingerprint = content_fingerprint({k: [r.fingerprint for r in rr.rows] for k, rr in rows.items()})
    split_at = (now or dt.datetime.now()).replace(microsecond=0)
    result = SplitResult(
        master, uuid.uuid4().hex, split_at, fingerprint, unassigned=unassigned, report=report, lang=master_lang
    )
    worklist = _worklist(dataset, policy, (as_of or split_at).replace(microsecond=0), days, report)
    targets = _targets(master, out_dir, [names[b] for b in groups], force)
    check_key_location(key_file, out_dir)
    master_key, result.key_created = key_for_split(master, key_file)
    result.key_file, result.master_id = master_key.path, master_key.master_id
    out_lang = output_lang(lang, master_lang)
    # An optional register (Holds, Visits) goes to the branches when the master keeps one.
    distributed = tuple(r for r in REGISTERS if not r.optional or r.key in dataset.tables)
    for bkey, branch_rows in groups.items():
        name = names[bkey]
        if on_branch is not None:
            on_branch(name)
        prov = _record(result, name, branch_rows, master_key)
        work = branch_worklist(worklist, bkey, branch_rows, dataset)
        cut = _write_branch_file(targets[name], name, branch_rows, out_lang, work, prov, dataset, distributed)
        for row, key_ in cut:
            report.add(
                "split.text_cut",
                _where(rows[row.register.key], row, key_),
                field=row.register.field(key_).title,
                length=len(str(row.get(key_))),
            )
        counts = {r.key: len(branch_rows[r.key].rows) for r in distributed}
        result.files.append(BranchFile(name, targets[name], {**counts, "worklist": len(work.items)}))
    return result


def _record(result: SplitResult, branch: str, rows: dict[str, RegisterRows], key: MasterKey) -> Provenance:
    prov = Provenance(
        result.split_id,
        branch,
        result.master_fingerprint,
        result.split_at.isoformat(),
        rows={(reg, str(row.key)): row.fingerprint for reg in rows for row in rows[reg].rows},
    )
    prov.sign(key)
    return prov


def _group_by_branch(
    rows: dict[str, RegisterRows], report: Report
) -> tuple[dict[str, dict[str, RegisterRows]], dict[str, str], int]:
    resolver = BranchResolver(rows)
    groups: dict[str, dict[str, RegisterRows]] = {}
    names: dict[str, str] = {}
    unassigned = 0
    for register in REGISTERS:
        table = rows[register.key]
        id_column = IDENTITY[register.key][0]
        for row in table.keyless:
            report.add(
                "split.no_key",
                _where(table, row, id_column),
                register=register.title,
                key_columns=[register.field(k).title for k in IDENTITY[register.key]],
            )
        for row in table.duplicates:
            first = table.index[str(row.key)]
            report.add(
                "split.duplicate_key",
                _where(table, row, id_column),
                register=register.title,
                key=key_title(register, row.label),
                first_row=first.excel_row,
            )
        for row in table.index.values():
            owner = resolver.owner(row)
            if not owner:
                unassigned += 1
                _report_no_branch(report, table, row, owner)
                continue
            if owner.key not in groups:
                groups[owner.key] = {r.key: RegisterRows(r) for r in REGISTERS}
                names[owner.key] = owner.name
            groups[owner.key][register.key].append(row)
    return groups, names, unassigned


def _report_no_branch(report: Report, table: RegisterRows, row: Row, owner: Owner) -> None:
    register = table.register
    if owner.reason == AMBIGUOUS:
        via = VIA[owner.via_field].bind(key=owner.via)
        column = owner.via_field if register.key not in FOLLOW_TICKET | FOLLOW_UNIT else IDENTITY[register.key][0]
        report.add(
            "split.ambiguous_branch",
            _where(table, row, column),
            register=register.title,
            key=key_title(register, row.label),
            via=via,
        )
        return
    why = WHY_NO_BRANCH.get((register.key, owner.reason)) or WHY_NO_BRANCH[(register.key, "blank")]
    column = "ticket_no" if register.key in FOLLOW_TICKET else "serial_no" if register.key in FOLLOW_UNIT else "branch"
    report.add(
        "split.no_branch",
        _where(table, row, column),
        register=register.title,
        key=key_title(register, row.label),
        why=why.bind(via=owner.via),
    )


def _where(rows: RegisterRows, row: Row, column: str) -> dict[str, Any]:
    col_index = rows.table.col_index(column) if rows.table is not None else None
    return {
        "sheet": row.sheet,
        "row": row.excel_row,
        "file": str(row.file) if row.file else None,
        "column": column,
        "col_index": col_index,
        "value": row.get(column),
    }


def _carry_load_issues(dataset: Dataset, report: Report) -> None:
    unreadable = 0
    for issue in dataset.report.issues:
        if issue.code.startswith("value."):
            unreadable += 1
        else:
            report.issues.append(issue)
    if unreadable:
        report.add("split.unreadable_cells", count=unreadable)
    for table in dataset.tables.values():
        extra = extra_columns(table)
        if extra:
            header = table.sheet.rows[table.location.header_index]
            labels = [column_letter(c) + _header_note(header, c) for c in extra]
            report.add(
                "split.column_not_distributed",
                {"sheet": table.sheet_name, "file": str(table.file), "row": table.location.header_row},
                columns=", ".join(labels),
            )
    used = {t.sheet_name for t in dataset.tables.values()}
    for wb in dataset.workbooks:
        for sheet in wb.sheets:
            if sheet.name not in used:
                report.add(
                    "split.sheet_not_distributed", {"sheet": sheet.name, "file": str(wb.path)}, sheet_name=sheet.name
                )


def _header_note(header: list[Any], col: int) -> str:
    """` (2024)`: a column's header after its letter, when it has one."""
    value = header[col] if col < len(header) else None
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f" ({value})"


def _worklist(
    dataset: Dataset, policy_path: str | Path | None, as_of: dt.datetime, days: int, report: Report
) -> Worklist | None:
    """The master's worklist (`sheetdesk due`'s engine), or None when the policy cannot be used."""
    found = Report()
    policy = load_policy(dataset, policy_path, found)
    if policy is None:
        first = found.errors[0]
        problem = kind_of(first.code).message.bind(**first.params)
        where = {"sheet": first.sheet, "row": first.row, "file": first.file}
        report.add("split.bad_policy", where, problem=problem)
        return None
    report.extend(found.warnings)
    return build_worklist(dataset, policy, as_of, days)


def _targets(master: Path, out_dir: Path, branches: list[str], force: bool) -> dict[str, Path]:
    """Check every output before writing any."""
    output_folder(out_dir)  # made if missing; a file, a read-only disk...: one line
    names = branch_file_names(branches)
    return {b: check_output(out_dir / n, [master], force=force) for b, n in names.items()}


def _write_branch_file(
    path: Path,
    branch: str,
    rows: dict[str, RegisterRows],
    lang: str,
    work: BranchWorklist,
    prov: Provenance,
    dataset: Dataset,
    distributed: tuple[Register, ...],
) -> list[tuple[Row, str]]:
    """Write one branch file with the `distributed` registers' sheets; returns the (row, field)
    cells whose text was cut to Excel's limit."""
    cut: list[tuple[Row, str]] = []
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp)
        # Document properties name this branch only: never the master's file name.
        wb.set_properties(
            {
                "title": TITLE.render(lang, branch=branch),
                "subject": SUBJECT.render(lang, branch=branch),
                "author": "sheetdesk",
                "company": "",
                "manager": "",
                "comments": COMMENTS.render(lang),
            }
        )
        formats = Formats(wb)
        for register in distributed:
            cut += write_register_sheet(wb, formats, register, lang, rows[register.key].rows)
        write_worklist(wb, formats, work, lang, dataset, {r.key: r.name(lang) for r in distributed})
        write_provenance(wb, prov)
        wb.close()
    _release(wb)
    return cut


def _release(wb: Workbook) -> None:
    """Let reference counting free a written workbook's cells.

    Each xlsxwriter worksheet holds its workbook's bound `add_format`: a
    reference cycle, so a closed workbook and every cell it held stay in
    memory until the cyclic collector runs. The CLI pauses the collector
    during a split (`sheetdesk.bulk`), so without this all five branch files'
    cells would be held to the end (at 100k/200k/100k rows about 0.8 GiB).
    """
    for ws in wb.worksheets():
        ws.workbook_add_format = None


__all__ = ["BranchFile", "SplitResult", "split_master"]
