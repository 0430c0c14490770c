"""Which policy applies: built-in default < --policy FILE < sheets in the data.

A policy file's sheets replace the default's sheet by sheet; policy sheets
inside the data workbook replace both (SPEC §3). Each sheet is read by
`io.policy_read` (the registers' header detection and value parsers) and
built into the model by `rules.policy_build`; the built-in default is
`schema.policy.DEFAULT_POLICY_ROWS` read the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from sheetdesk.errors import PolicyError
from sheetdesk.i18n import Msg
from sheetdesk.io.detect import sheet_name_matches
from sheetdesk.io.load import Dataset, Table
from sheetdesk.io.policy_read import read_policy_sheet
from sheetdesk.io.reader import RawSheet, read_workbook
from sheetdesk.report import Issue, Report
from sheetdesk.rules.policy import Policy, SheetPlace, WarrantyRule
from sheetdesk.rules.policy_build import PolicyRows, build_policy
from sheetdesk.schema.policy import DEFAULT_POLICY_ROWS, POLICY_BY_KEY, POLICY_SHEETS

__all__ = [
    "RawPolicySheet",
    "default_policy",
    "load_policy",
    "parse_policy",
    "policy_file_sheets",
    "policy_sheet_key",
]

RawPolicySheet = tuple[str, list[list[Any]]]  # sheet name, cell rows as read

BAD_POLICY = Msg("bad policy: {where}: {problem}{more}", "政策有误：{where}：{problem}{more}")
AND_MORE = Msg(" (and {count} more)", "（另有 {count} 处）")


def policy_sheet_key(sheet_name: str) -> str | None:
    """`质保政策` / `Warranty` / `warranty` ... -> the policy sheet key, else None."""
    return next((r.key for r in POLICY_SHEETS if sheet_name_matches(sheet_name, r)), None)


def parse_policy(
    sheets: Mapping[str, RawPolicySheet], base: Policy | None = None, *, file: str | None = None
) -> Policy:
    """The policy of `base` (default: the built-in one) with the sheets present replacing theirs.

    `sheets` maps sheet keys (warranty, sla, pauses, calendar, holidays, settings) to
    raw sheets. `file` is recorded on every finding. Raises `PolicyError`
    (with `issues`) when any error is found; warnings are kept in
    `Policy.warnings`.
    """
    base = base if base is not None else default_policy()
    report = Report()
    tables: dict[str, Table] = {}
    typed: dict[str, PolicyRows] = {}
    for key, (name, rows) in sheets.items():
        register = POLICY_BY_KEY.get(key)
        if register is None:
            report.add("policy.unknown_sheet", {"sheet": name, "file": file}, key=key)
            continue
        read = read_policy_sheet(register, RawSheet(name, rows), file, report)
        if read is not None:
            tables[key], typed[key] = read
    policy, found = build_policy(typed, base)
    for located in found:
        table, f = tables[located.register], located.finding
        at = table.where(located.index, f.column) if located.index is not None else {"sheet": table.sheet_name}
        report.add(f.code, at | {"file": file}, **f.params)
    if report.errors:
        raise _policy_error(report.errors, list(report.issues))
    # The base's warnings stay unless the sheet they are about was replaced.
    kept = [w for w in base.warnings if _WARNING_SHEET.get(w.code) not in sheets]
    places = {key: SheetPlace(t.sheet_name, file, dict(t.location.columns)) for key, t in tables.items()}
    return replace(policy, warnings=(*kept, *report.warnings), places={**base.places, **places})


_WARNING_SHEET = {"policy.long_night_window": "calendar"}


def _policy_error(errors: list[Issue], issues: list[Issue]) -> PolicyError:
    first = errors[0]
    more = AND_MORE.bind(count=len(errors) - 1) if len(errors) > 1 else ""
    problem = first.sentence()
    return PolicyError(BAD_POLICY, issues, where=first.location(), problem=problem, more=more)


@functools.cache
def default_policy() -> Policy:
    """The built-in policy: `DEFAULT_POLICY_ROWS` read like a clerk's policy workbook."""
    sheets = {k: (POLICY_BY_KEY[k].en, rows) for k, rows in DEFAULT_POLICY_ROWS.items()}
    return parse_policy(sheets, base=_EMPTY)


# The base under the default: every sheet of the default is present, so this
# is never consulted; it only gives parse_policy something to start from.
_EMPTY = Policy(warranty=(WarrantyRule(),), sla=(), windows={0: ((540, 1020),)})


def policy_file_sheets(path: str | Path) -> dict[str, RawPolicySheet]:
    """The policy sheets of a policy workbook, by key (InputError if unreadable)."""
    wb = read_workbook(path)
    sheets: dict[str, RawPolicySheet] = {}
    for sheet in wb.sheets:
        key = policy_sheet_key(sheet.name)
        if key is not None:
            sheets.setdefault(key, (sheet.name, sheet.rows))
    return sheets


def load_policy(dataset: Dataset, policy_path: str | Path | None, report: Report) -> Policy | None:
    """The policy in force, or None when a layer is bad (its findings go to `report`)."""
    policy = default_policy()
    layers: list[tuple[dict[str, RawPolicySheet], str]] = []
    if policy_path is not None:
        sheets = policy_file_sheets(policy_path)
        if not sheets:
            names = tuple(r.title for r in POLICY_SHEETS)
            report.add("policy.no_sheets", {"file": str(policy_path)}, file=Path(policy_path).name, sheets=names)
        layers.append((sheets, str(policy_path)))
    if dataset.policy_sheets:
        data_file = str(dataset.workbooks[0].path) if dataset.workbooks else None
        owner = _owner_of_policy_sheets(dataset) or data_file
        layers.append((dict(dataset.policy_sheets), owner or ""))
    for sheets, file in layers:
        if not sheets:
            continue
        try:
            policy = parse_policy(sheets, policy, file=file)
        except PolicyError as exc:
            report.extend(exc.issues)
            return None
    report.extend(policy.warnings)
    return policy


def _owner_of_policy_sheets(dataset: Dataset) -> str | None:
    names = {name for name, _rows in dataset.policy_sheets.values()}
    for wb in dataset.workbooks:
        if any(s.name in names for s in wb.sheets):
            return str(wb.path)
    return None
