"""Which policy applies: built-in default < --policy FILE < sheets in the data.

A policy file's sheets replace the default's sheet by sheet; policy sheets
inside the data workbook replace both (SPEC §3).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sheetdesk.errors import PolicyError
from sheetdesk.io.load import Dataset
from sheetdesk.io.reader import read_workbook
from sheetdesk.report import Report
from sheetdesk.rules.policy import Policy, default_policy
from sheetdesk.rules.policy_parse import parse_policy, policy_sheet_key


def policy_file_sheets(path: str | Path) -> dict[str, tuple[str, list[list[Any]]]]:
    """The policy sheets of a policy workbook, by key (InputError if unreadable)."""
    wb = read_workbook(path)
    sheets: dict[str, tuple[str, list[list[Any]]]] = {}
    for sheet in wb.sheets:
        key = policy_sheet_key(sheet.name)
        if key is not None:
            sheets.setdefault(key, (sheet.name, sheet.rows))
    return sheets


def load_policy(dataset: Dataset, policy_path: str | Path | None, report: Report) -> Policy | None:
    """The policy in force, or None when a layer is bad (its findings go to `report`)."""
    policy = default_policy()
    layers: list[tuple[dict[str, tuple[str, list[list[Any]]]], str]] = []
    if policy_path is not None:
        sheets = policy_file_sheets(policy_path)
        if not sheets:
            report.warning(
                "policy.no_sheets",
                f"{Path(policy_path).name} has no policy sheet "
                "(Warranty, SLA, Calendar, Holidays, Settings); the built-in policy is used",
                file=str(policy_path),
            )
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
