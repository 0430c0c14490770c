"""`split`: one workbook per branch with that branch's rows only (SPEC §7).

A sale belongs to its branch column; a repair to its own branch column, else
to its sale's branch; a callback to its ticket's repair. Each branch file has
the three register sheets in the master's language and standard look, the
callback worklist, and the very hidden `_sheetdesk` provenance sheet.

Rows that belong to no branch (blank branch, a repair of an unknown serial
without a branch, a callback of an unknown ticket), rows without an identity
key and repeated keys are reported as errors and put in no file: nothing that
cannot be attributed to one branch leaves the master. Other master sheets
(policy, notes...) are not distributed: they may hold anyone's data.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetdesk.branches.canonical import content_fingerprint, identity_labels
from sheetdesk.branches.names import branch_file_names
from sheetdesk.branches.provenance import Provenance, write_provenance
from sheetdesk.branches.rows import BranchResolver, RegisterRows, Row, dataset_rows
from sheetdesk.branches.sheets import write_register_sheet
from sheetdesk.branches.worklist import callbacks_due, write_worklist
from sheetdesk.errors import InputError, PolicyError
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.load import Dataset, load_dataset
from sheetdesk.io.outputs import check_output, output_folder
from sheetdesk.io.xlsx import Formats, new_workbook
from sheetdesk.report import Report
from sheetdesk.rules.policy_parse import parse_policy
from sheetdesk.schema import REGISTERS

DEFAULT_CALLBACK_DAYS = 3


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

    @property
    def valid(self) -> bool:
        return self.report.valid

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "master": str(self.master),
            "split_id": self.split_id,
            "split_at": self.split_at.isoformat(),
            "master_fingerprint": self.master_fingerprint,
            "files": [f.to_json() for f in self.files],
            "unassigned": self.unassigned,
            "stats": self.report.counts(),
            "issues": self.report.flatten(),
        }


def split_master(
    master: str | Path,
    out_dir: str | Path,
    *,
    force: bool = False,
    now: dt.datetime | None = None,
    on_branch: Callable[[str], None] | None = None,
) -> SplitResult:
    """Write one branch file per branch of `master` into `out_dir`."""
    master, out_dir = Path(master), Path(out_dir)
    report = Report()
    dataset = load_dataset([master])
    if not dataset.tables:
        raise InputError(master, "no Sales, Repairs or Callbacks sheet found")
    _carry_load_issues(dataset, report)
    rows = dataset_rows(dataset)
    groups, names, unassigned = _group_by_branch(rows, report)
    fingerprint = content_fingerprint({k: [r.fingerprint for r in rr.rows] for k, rr in rows.items()})
    split_at = (now or dt.datetime.now()).replace(microsecond=0)
    result = SplitResult(master, uuid.uuid4().hex, split_at, fingerprint, unassigned=unassigned, report=report)
    lang = _master_lang(dataset)
    callback_days = _callback_days(dataset, report)
    targets = _targets(master, out_dir, [names[b] for b in groups], force)
    for bkey, branch_rows in groups.items():
        name = names[bkey]
        if on_branch is not None:
            on_branch(name)
        path = targets[name]
        prov = Provenance(
            result.split_id,
            name,
            fingerprint,
            split_at.isoformat(),
            rows={(reg, str(row.key)): row.fingerprint for reg in branch_rows for row in branch_rows[reg].rows},
        )
        work = callbacks_due(branch_rows, callback_days)
        _write_branch_file(path, name, branch_rows, lang, work, prov)
        counts = {reg: len(branch_rows[reg].rows) for reg in branch_rows}
        result.files.append(BranchFile(name, path, {**counts, "worklist": len(work)}))
    return result


def _group_by_branch(
    rows: dict[str, RegisterRows], report: Report
) -> tuple[dict[str, dict[str, RegisterRows]], dict[str, str], int]:
    resolver = BranchResolver(rows)
    groups: dict[str, dict[str, RegisterRows]] = {}
    names: dict[str, str] = {}
    unassigned = 0
    for register in REGISTERS:
        table = rows[register.key]
        id_column = "serial_no" if register.key == "sales" else "ticket_no"
        for row in table.keyless:
            report.error(
                "split.no_key",
                f"{register.en} row has no {identity_labels(register)}; it is not distributed",
                **_where(table, row, id_column),
            )
        for row in table.duplicates:
            report.error(
                "split.duplicate_key",
                f"{register.en} key {row.key} appears again; only its first row is distributed",
                **_where(table, row, id_column),
            )
        for row in table.index.values():
            bkey = resolver.branch_of(row)
            if not bkey:
                unassigned += 1
                report.error(
                    "split.no_branch",
                    f"{register.en} {row.key} belongs to no branch "
                    f"({_why_no_branch(register.key)}); it is in no branch file",
                    **_where(table, row, "branch" if register.key != "callbacks" else "ticket_no"),
                )
                continue
            if bkey not in groups:
                groups[bkey] = {r.key: RegisterRows(r) for r in REGISTERS}
                names[bkey] = " ".join(str(resolver.branch_name(row)).split())
            groups[bkey][register.key].append(row)
    return groups, names, unassigned


def _why_no_branch(register: str) -> str:
    return {
        "sales": "the Branch is blank",
        "repairs": "no Branch and its serial is not in the sales register or has no branch",
        "callbacks": "its ticket is not in the repair log or has no branch",
    }[register]


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
        report.warning(
            "split.unreadable_cells",
            f"{unreadable} cell(s) of the master cannot be read as their type; "
            "they are distributed as written (run `sheetdesk validate` for the list)",
        )
    for table in dataset.tables.values():
        if table.location.unknown:
            labels = ", ".join(str(v) for v in table.location.unknown.values())
            report.warning(
                "split.column_not_distributed",
                f"columns not in the template are not distributed: {labels}",
                sheet=table.sheet_name,
                file=str(table.file),
            )
    used = {t.sheet_name for t in dataset.tables.values()}
    for wb in dataset.workbooks:
        for sheet in wb.sheets:
            if sheet.name not in used:
                report.warning(
                    "split.sheet_not_distributed",
                    f"sheet '{sheet.name}' is not a register and is not distributed (it may hold other branches' data)",
                    sheet=sheet.name,
                    file=str(wb.path),
                )


def _master_lang(dataset: Dataset) -> str:
    langs = [t.lang for t in dataset.tables.values()]
    return "zh" if langs.count("zh") > langs.count("en") else "en"


def _callback_days(dataset: Dataset, report: Report) -> int:
    settings = dataset.policy_sheets.get("settings")
    if settings is None:
        return DEFAULT_CALLBACK_DAYS
    try:
        return parse_policy({"settings": settings}).settings.callback_days
    except PolicyError as exc:
        report.warning(
            "split.bad_settings", f"{exc}; the worklist uses {DEFAULT_CALLBACK_DAYS} callback days", sheet=settings[0]
        )
        return DEFAULT_CALLBACK_DAYS


def _targets(master: Path, out_dir: Path, branches: list[str], force: bool) -> dict[str, Path]:
    """Check every output before writing any."""
    output_folder(out_dir)  # made if missing; a file, a read-only disk...: one line
    names = branch_file_names(branches)
    return {b: check_output(out_dir / n, [master], force=force) for b, n in names.items()}


def _write_branch_file(
    path: Path, branch: str, rows: dict[str, RegisterRows], lang: str, work: list[Any], prov: Provenance
) -> None:
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp)
        # Document properties name this branch only: never the master's file name.
        wb.set_properties(
            {
                "title": f"{branch} — 分支工作簿" if lang == "zh" else f"{branch} — branch workbook",
                "subject": f"网点：{branch}" if lang == "zh" else f"Branch: {branch}",
                "author": "sheetdesk",
                "company": "",
                "manager": "",
                "comments": "sheetdesk split; return this file to head office unchanged in structure",
            }
        )
        formats = Formats(wb)
        for register in REGISTERS:
            write_register_sheet(wb, formats, register, lang, rows[register.key].rows)
        write_worklist(wb, formats, work, lang)
        write_provenance(wb, prov)
        wb.close()


__all__ = ["BranchFile", "SplitResult", "split_master"]
