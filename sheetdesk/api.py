"""sheetdesk from Python: one function per command, each returning a result object.

    import sheetdesk

    result = sheetdesk.check(["service_desk.xlsx"], as_of=datetime(2026, 11, 16), output="checked.xlsx")
    result.valid, result.to_json()["kpis"]

The command line calls exactly these functions and only adds printing and
exit codes (docs/python.md). Nothing here prints, exits or changes
process-wide state (the CLI pauses the garbage collector around them; a
long-running caller may do the same with `sheetdesk.bulk.collector_paused`).
Problems with the data are findings in the result's `report`; a file that
cannot be read or written raises `sheetdesk.errors.SheetdeskError`.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sheetdesk.i18n import output_lang
from sheetdesk.io.outputs import check_output
from sheetdesk.progress import SILENT, Progress

if TYPE_CHECKING:
    from sheetdesk.branches import CollectResult, SplitResult
    from sheetdesk.checking import CheckResult
    from sheetdesk.legacy import ImportResult
    from sheetdesk.validation import ValidationResult
    from sheetdesk.worklist import DueResult
    from sheetdesk.worklist.run import Grouping

# Each function imports its command's modules when it is called, so that
# `validate` never loads the importer (rapidfuzz, yaml), the templates, check's
# writer or the branch files' code: about 0.15 s of every run, a tenth of
# validating a small workbook. The result classes are imported on first use
# as well (`from sheetdesk.api import CheckResult` works as before).
_RESULT_MODULES = {
    "CheckResult": "sheetdesk.checking",
    "CollectResult": "sheetdesk.branches",
    "DueResult": "sheetdesk.worklist",
    "ImportResult": "sheetdesk.legacy",
    "SplitResult": "sheetdesk.branches",
    "ValidationResult": "sheetdesk.validation",
}


def __getattr__(name: str) -> Any:
    module = _RESULT_MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "CheckResult",
    "CollectResult",
    "DueResult",
    "ImportResult",
    "SplitResult",
    "TemplateResult",
    "ValidationResult",
    "check",
    "collect",
    "due",
    "import_log",
    "split",
    "template",
    "validate",
]

PathLike = str | Path
# An import's progress: given the row numbers and their count, yields them as they are read.
RowProgress = Callable[[list[int], int], Iterable[int]]


@dataclass(frozen=True)
class TemplateResult:
    """The template workbooks written."""

    paths: tuple[Path, ...]

    def to_json(self) -> dict[str, list[str]]:
        return {"written": [str(p) for p in self.paths]}


def template(kind: str = "all", folder: PathLike = ".", *, lang: str = "en", force: bool = False) -> TemplateResult:
    """Write the standard blank workbooks of `kind` (sales, repairs, callbacks, holds, visits, policy or all) into `folder`.

    Nothing is written when a target exists and `force` is not given.
    """
    from sheetdesk.templates import write_templates

    return TemplateResult(tuple(write_templates(kind, folder, lang, force=force)))


def _output(output: PathLike | None, inputs: Iterable[PathLike | None], force: bool) -> Path | None:
    """`output` checked before any work: never an input, an existing file only with `force`."""
    if output is None:
        return None
    return check_output(output, [p for p in inputs if p is not None], force=force)


def validate(
    files: Sequence[PathLike],
    *,
    policy: PathLike | None = None,
    as_of: dt.datetime | None = None,
    output: PathLike | None = None,
    force: bool = False,
    lang: str | None = None,
    progress: Progress = SILENT,
) -> ValidationResult:
    """Check `files` against the register rules (and the policy in force).

    `as_of` is the moment dates may not be after (default: now). With
    `output`, the annotated copy (flagged cells, an Issues sheet) is written
    there, in `lang` (default: the workbook's language).
    """
    from sheetdesk.validation import validate_files

    out = _output(output, [*files, policy], force)
    result = validate_files(files, policy=policy, as_of=as_of, progress=progress)
    if out is not None:
        from sheetdesk.io.annotate import majority_lang, write_annotated

        lang = output_lang(lang, majority_lang(result.dataset))
        result.output = write_annotated(out, result.dataset, result.report, lang=lang, progress=progress)
    return result


def check(
    files: Sequence[PathLike],
    *,
    policy: PathLike | None = None,
    as_of: dt.datetime | None = None,
    output: PathLike | None = None,
    force: bool = False,
    lang: str | None = None,
    progress: Progress = SILENT,
) -> CheckResult:
    """Validate `files`, then compute warranty, SLA, callbacks and KPIs against `as_of` (default: now).

    With `output`, the annotated workbook (computed columns, Issues and
    Summary sheets) is written there, in `lang` (default: the workbook's).
    """
    from sheetdesk.checking import check_files
    from sheetdesk.checking.workbook import write_checked

    out = _output(output, [*files, policy], force)
    result = check_files(files, policy=policy, as_of=as_of, progress=progress)
    if out is not None:
        result.output = write_checked(result, out, progress, lang=lang)
    return result


def due(
    files: Sequence[PathLike],
    *,
    policy: PathLike | None = None,
    as_of: dt.datetime | None = None,
    days: int = 7,
    by: Grouping | None = None,
    output: PathLike | None = None,
    force: bool = False,
    lang: str | None = None,
    progress: Progress = SILENT,
) -> DueResult:
    """Everything in `files` that needs someone's action by the end of the day `days` days after `as_of`
    (default: now), overdue first: callbacks, SLA targets of open tickets, tickets on hold, loaners,
    planned visits and warranties ending within 30 days.

    `by` ("branch" or "technician") groups the items. With `output`, the
    worklist workbook (one sheet per group) is written there, in `lang`
    (default: the workbook's language).
    """
    from sheetdesk.worklist import due_files
    from sheetdesk.worklist.workbook import write_due

    out = _output(output, [*files, policy], force)
    result = due_files(files, policy=policy, as_of=as_of, days=days, by=by, progress=progress)
    if out is not None:
        write_due(result, out, lang=lang)
    return result


def import_log(
    source: PathLike,
    kind: str,
    *,
    sheet: str | None = None,
    mapping: PathLike | None = None,
    encoding: str | None = None,
    lang: str | None = None,
    output: PathLike | None = None,
    save_mapping_to: PathLike | None = None,
    dry_run: bool = False,
    force: bool = False,
    header_rows: list[int] | None = None,
    progress: RowProgress | None = None,
) -> ImportResult:
    """Import a legacy log into the standard `kind` register (sales, repairs or callbacks).

    With `output` (and not `dry_run`) the register, Rejects and Import Report
    sheets are written there; with `save_mapping_to` the mapping used is saved
    for next time (YAML, or a workbook with a dropdown of keys for `.xlsx`).
    Both targets are checked before the import starts. `header_rows` (Excel
    rows, e.g. `[6]` or `[2, 3]`) skips the header search.
    """
    from sheetdesk.legacy import import_legacy, save_mapping, write_import

    target = None if dry_run else _output(output, [source, mapping], force)
    saved = _output(save_mapping_to, [source, mapping, target], force)
    result = import_legacy(
        source,
        kind,
        sheet=sheet,
        mapping=mapping,
        encoding=encoding,
        lang=lang,
        header_rows=header_rows,
        progress=progress,
    )
    result.dry_run = dry_run
    if target is not None:
        write_import(result, target)
    if saved is not None:
        save_mapping(result, saved)
    return result


def split(
    master: PathLike,
    folder: PathLike,
    *,
    force: bool = False,
    key: PathLike | None = None,
    lang: str | None = None,
    on_branch: Callable[[str], None] | None = None,
    policy: PathLike | None = None,
    as_of: dt.datetime | None = None,
    days: int = 7,
) -> SplitResult:
    """Write one workbook per branch of `master` into `folder` (`on_branch` is told each name).

    `key` is the master's key file (default: beside the master, created on
    the first split); `lang` the language of the branch files (default: the
    master's). Each file's worklist is the branch's part of `due(master,
    policy=policy, as_of=as_of, days=days, by="branch")`.
    """
    from sheetdesk.branches import split_master

    return split_master(
        master, folder, force=force, key=key, lang=lang, on_branch=on_branch, policy=policy, as_of=as_of, days=days
    )


def collect(
    master: PathLike,
    files: Sequence[PathLike],
    output: PathLike,
    *,
    force: bool = False,
    key: PathLike | None = None,
    accept_unrecorded: bool = False,
    lang: str | None = None,
    on_file: Callable[[str], None] | None = None,
) -> CollectResult:
    """Merge returned branch `files` into `master` and write the merged workbook to `output`.

    `key` is the master's key file (default: the one beside the master);
    `accept_unrecorded` lets in files without a (verifiable) split record,
    every row still checked against the branch in the file name.
    """
    from sheetdesk.branches.collect import collect as collect_branches

    return collect_branches(
        master, list(files), output, force=force, key=key, accept_unrecorded=accept_unrecorded, lang=lang,
        on_file=on_file,
    )  # fmt: skip
