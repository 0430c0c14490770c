"""`collect`: merge returned branch files into a new master workbook (SPEC §7).

Every returned file must carry a split record that verifies under the
master's key (`keys.py`, `provenance.py`); one that has none, does not
verify, or comes from another master stops the command with one line,
unless `accept_unrecorded` lets it in as the branch its file name names.

The master is read, each file is merged in the order given (see `merge.py`
for the outcomes), and the result is written to a new file: every sheet of
the master cell for cell (only the cells a merge changed are new; new rows
go below), and a Merge Report / 合并报告 sheet. What cannot be carried
(text over Excel's 32,767 characters, charts, images...) is named in a
warning and makes the exit code 1. The master is never overwritten; the
output is written atomically, and the master's key is copied beside it (the
merged workbook is the next master).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetdesk.branches.keys import MasterKey, check_key_copy, key_for_collect, key_path, write_key_copy
from sheetdesk.branches.merge import COUNT_KEYS, FileMerge, merge_file
from sheetdesk.branches.merge_report import SHEET_NAME as REPORT_NAME
from sheetdesk.branches.merge_report import Change, write_merge_report
from sheetdesk.branches.names import branch_file_names, safe_stem
from sheetdesk.branches.provenance import WHY, read_provenance
from sheetdesk.branches.rows import RegisterRows, dataset_rows
from sheetdesk.branches.sheets import Cut, carry_sheet, write_master_register, write_register_sheet
from sheetdesk.errors import InputError, UsageError
from sheetdesk.findings import kind_of
from sheetdesk.i18n import Bound, Msg, majority, output_lang
from sheetdesk.io.annotate import CONSTANT_MEMORY_ROWS
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.autofilters import read_autofilters
from sheetdesk.io.load import Dataset, load_dataset
from sheetdesk.io.outputs import check_output
from sheetdesk.io.values import branch_key
from sheetdesk.io.xlsx import Formats, new_workbook, safe_sheet_name
from sheetdesk.report import Report
from sheetdesk.schema import REGISTERS

NO_FILES = Msg("give at least one branch file to collect", "请至少给出一个要合并的网点文件")
NO_REGISTERS = Msg("no Sales, Repairs or Callbacks sheet found", "找不到销售登记、维修记录或回访记录工作表")
NO_KEY = Msg(
    "has no key beside it ({key_name}), so the split records of the returned files cannot be verified; "
    "give --key with the key file split wrote beside the master it split (or --accept-unrecorded)",
    "旁边没有密钥文件（{key_name}），无法验证交回文件的分发记录；请用 --key 指定 split 在所分发总表旁写出的"
    "密钥文件（或加 --accept-unrecorded）",
)
REFUSED = Msg(
    "{why}; refused: to merge it anyway, as the branch its file name names, add --accept-unrecorded",
    "{why}；已拒收：如仍要按文件名所指的网点合并，请加 --accept-unrecorded",
)
NO_KEY_TO_VERIFY = Msg(
    "its split record cannot be verified without the master's key", "没有总表密钥，无法验证其分发记录"
)
# What the reader names in `RawWorkbook.uncarried`.
PARTS = {
    "charts": Msg("charts", "图表"),
    "images": Msg("images", "图片"),
    "VBA macros": Msg("VBA macros", "VBA 宏"),
    "pivot tables": Msg("pivot tables", "数据透视表"),
    "external links": Msg("external links", "外部链接"),
    "shapes": Msg("shapes", "图形"),
}
# Findings that name something the merged workbook could not carry: exit code 1.
NOT_CARRIED = frozenset({"collect.text_cut", "collect.uncarried"})


@dataclass
class CollectResult:
    master: Path
    output: Path
    files: list[FileMerge] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    lang: str = "en"  # the master's language (terminal text falls back to it)
    key_file: Path | None = None  # the master's key used to verify the files
    key_copy: Path | None = None  # the key written beside the output, if it was written

    @property
    def changes(self) -> list[Change]:
        return [c for f in self.files for c in f.changes]

    @property
    def counts(self) -> dict[str, int]:
        return {k: sum(f.counts[k] for f in self.files) for k in COUNT_KEYS}

    @property
    def not_carried(self) -> int:
        return sum(1 for i in self.report.issues if i.code in NOT_CARRIED)

    @property
    def valid(self) -> bool:
        """No conflicts, no rejected rows, nothing left behind, no error in the files' structure (exit code 0)."""
        counts = self.counts
        return counts["conflicts"] == 0 and counts["rejected"] == 0 and not self.not_carried and self.report.valid

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "valid": self.valid,
            "master": str(self.master),
            "output": str(self.output),
            "key_file": str(self.key_file) if self.key_file else None,
            **self.counts,
            "not_carried": self.not_carried,
            "files": [f.to_json(lang) for f in self.files],
            "changes": [c.to_json(lang) for c in self.changes],
            "stats": self.report.counts(),
            "issues": self.report.flatten(lang),
        }


def collect(
    master: str | Path,
    files: list[str | Path],
    output: str | Path,
    *,
    force: bool = False,
    key: str | Path | None = None,
    accept_unrecorded: bool = False,
    lang: str | None = None,
    on_file: Callable[[str], None] | None = None,
) -> CollectResult:
    """Merge `files` into `master` and write the merged workbook to `output`.

    `key` is the master's key file (default: the one beside the master);
    `accept_unrecorded` lets in files whose split record is missing, does
    not verify or comes from another master, as the branch their file name
    names; `lang` is the language of the Merge Report and of any new sheet.
    """
    master = Path(master)
    paths = [Path(f) for f in files]
    if not paths:
        raise UsageError(NO_FILES)
    key_file = Path(key) if key is not None else None
    keys_read = [key_file or key_path(master)]  # the key is an input too: never written over
    out = check_output(output, [master, *paths, *keys_read], force=force)
    dataset = load_dataset([master])
    if not dataset.tables:
        raise InputError(master, NO_REGISTERS)
    master_key = key_for_collect(master, key_file)
    if master_key is None and not accept_unrecorded:
        raise InputError(master, NO_KEY, key_name=key_path(master).name)
    key_copy = key_path(out)
    copy_key = master_key is not None and check_key_copy(master_key, key_copy, force=force)
    master_lang = majority([t.lang for t in dataset.tables.values()])
    result = CollectResult(master, out, lang=master_lang, key_file=master_key.path if master_key else None)
    _carry_structure_issues(dataset, result.report)
    merged = dataset_rows(dataset)
    for path in paths:
        if on_file is not None:
            on_file(path.name)
        result.files.append(_merge_one(path, merged, master_key, accept_unrecorded, result.report))
    cuts = write_merged(out, dataset, merged, result.changes, output_lang(lang, master_lang))
    for cut in cuts:
        result.report.add(
            "collect.text_cut",
            {"sheet": cut.sheet, "row": cut.row + 1, "col_index": cut.col, "file": str(out)},
            length=cut.length,
        )
    if copy_key and master_key is not None:
        write_key_copy(master_key, key_copy, master.name)
        result.key_copy = key_copy
    return result


def _merge_one(
    path: Path, merged: dict[str, RegisterRows], key: MasterKey | None, accept_unrecorded: bool, report: Report
) -> FileMerge:
    """Verify one returned file's record and merge its rows (the file is read, merged and let go)."""
    incoming = load_dataset([path])
    if not incoming.tables:
        raise InputError(path, NO_REGISTERS)
    _carry_structure_issues(incoming, report)
    prov = read_provenance(incoming.workbooks[0])
    why: Bound | None = None
    if prov is None:
        why = WHY["none"].bind()
    elif key is None:
        why = NO_KEY_TO_VERIFY.bind()
    elif (verdict := prov.verdict(key)) != "verified":
        why = WHY[verdict].bind(master_id=prov.master_id, key_id=key.master_id)
    if why is None and prov is not None:
        file_merge = merge_file(merged, dataset_rows(incoming), prov, path.name, prov.branch)
    elif not accept_unrecorded:
        raise InputError(path, REFUSED, why=why)
    else:
        branch = branch_named_by(path, merged)
        file_merge = merge_file(merged, dataset_rows(incoming), None, path.name, branch)
        file_merge.unrecorded = why
        report.add("collect.unrecorded", {"file": str(path)}, why=why, branch=branch)
        message = kind_of("collect.unrecorded").message.bind(why=why, branch=branch)
        file_merge.changes.insert(0, Change("warning", path.name, "", message=message))
    for change in file_merge.changes:
        if change.outcome == "warning" and change.code is not None:
            report.add(change.code, {"sheet": change.sheet, "row": change.row, "file": str(path)}, **change.params)
    return file_merge


def branch_named_by(path: Path, merged: dict[str, RegisterRows]) -> str:
    """The branch a file's name names: the master branch whose branch file name it is, else the name itself."""
    names: dict[str, str] = {}
    for reg in ("sales", "repairs"):
        for row in merged[reg].rows:
            value = row.get("branch")
            bkey = branch_key(value)
            if bkey and bkey not in names:
                names[bkey] = " ".join(str(value).split())
    stem = path.stem.casefold()
    for name, file_stem in branch_file_names(list(names.values()), suffix="").items():
        if file_stem.casefold() == stem:
            return name
    by_stem = [n for n in names.values() if safe_stem(n).casefold() == stem]
    return by_stem[0] if by_stem else " ".join(path.stem.split())


def _carry_structure_issues(dataset: Dataset, report: Report) -> None:
    """Sheet-level findings of the loader; cell values are judged row by row in the merge."""
    for issue in dataset.report.issues:
        if not issue.code.startswith("value.") and issue.code != "workbook.uncarried":
            report.issues.append(issue)
    for wb in dataset.workbooks:
        for part in wb.uncarried:
            report.add("collect.uncarried", {"file": str(wb.path)}, file=wb.path.name, part=PARTS.get(part, part))


def write_merged(
    out: Path, dataset: Dataset, merged: dict[str, RegisterRows], changes: list[Change], lang: str
) -> list[Cut]:
    """The merged master: every master sheet cell for cell, registers merged, then the Merge Report.

    Returns the cells whose text was cut to Excel's limit.
    """
    master_wb = dataset.workbooks[0]
    # Excel's sheet-name rules (a CSV or ODS master may have a longer name or a `[`).
    taken: set[str] = set()
    names = {id(s): safe_sheet_name(s.name, taken) for s in master_wb.sheets}
    tables = {id(t.sheet): t for t in dataset.tables.values()}
    filters = read_autofilters(master_wb.path) if master_wb.format in ("xlsx", "xlsm") else {}
    cuts: list[Cut] = []
    # A big master is written a row at a time (xlsxwriter's constant-memory
    # mode): held whole, 400k rows of cells took about 0.9 GiB more.
    biggest = max((len(s.rows) for s in master_wb.sheets), default=0)
    with atomic_path(out) as tmp:
        wb = new_workbook(tmp, constant_memory=biggest > CONSTANT_MEMORY_ROWS)
        formats = Formats(wb)
        written: set[str] = set()
        for sheet in master_wb.sheets:
            name = names[id(sheet)]
            table = tables.get(id(sheet))
            if table is None:
                cuts += carry_sheet(wb, formats, sheet, name)
                continue
            rows = merged[table.key].rows
            cuts += write_master_register(wb, formats, table, rows, name=name, autofilter=filters.get(sheet.name))
            if not sheet.visible:  # a register the clerk hid stays hidden
                wb.worksheets()[-1].hide()
            written.add(table.key)
        for register in REGISTERS:
            if register.optional and not merged[register.key].rows:
                continue  # an optional register neither the master nor a branch has
            if register.key not in written:
                name = safe_sheet_name(register.name(lang), taken)
                columns = {f.key: c for c, f in enumerate(register.fields)}
                for row, key in write_register_sheet(wb, formats, register, lang, merged[register.key].rows, name=name):
                    index = merged[register.key].rows.index(row)
                    cuts.append(Cut(name, index + 1, columns[key], len(str(row.get(key)))))
        write_merge_report(wb, formats, changes, lang, safe_sheet_name(REPORT_NAME.render(lang), taken))
        # xlsxwriter shows a hidden first sheet if it is the active one: activate the first visible sheet.
        next(ws for ws in wb.worksheets() if not ws.hidden).activate()
        wb.close()
    return cuts
