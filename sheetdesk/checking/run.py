"""The `check` entry points: validate, pick the policy, evaluate, report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sheetdesk.i18n import Msg
from sheetdesk.io.load import Dataset, load_dataset
from sheetdesk.io.policy_source import load_policy
from sheetdesk.progress import SILENT, Progress
from sheetdesk.report import Report, json_value
from sheetdesk.rules.evaluate import Evaluation, evaluate
from sheetdesk.rules.policy import Policy
from sheetdesk.validation import validate_dataset
from sheetdesk.validation.run import VALIDATING, dataset_stats, sort_issues

COMPUTING = Msg("Computing warranty, SLA and callbacks", "正在计算保修、服务时限和回访")


@dataclass
class CheckResult:
    dataset: Dataset
    report: Report
    as_of: dt.datetime
    policy: Policy | None
    evaluation: Evaluation | None
    output: Path | None = None  # the annotated workbook, when written

    @property
    def valid(self) -> bool:
        return self.report.valid

    @property
    def stats(self) -> dict[str, Any]:
        stats = dataset_stats(self.dataset, self.report)
        stats["policy_ok"] = self.policy is not None
        return stats

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The `check --json` document of SPEC §5; the issues' `message` in `lang`."""
        ev = self.evaluation
        return {
            "valid": self.valid,
            "as_of": self.as_of.replace(microsecond=0).isoformat(),
            "stats": self.stats,
            "issues": self.report.flatten(lang),
            "sales": to_jsonable(ev.sale_rows) if ev else [],
            "repairs": to_jsonable(ev.repair_rows) if ev else [],
            "visits": to_jsonable(ev.visit_rows) if ev else [],
            "kpis": to_jsonable(ev.kpis) if ev else {},
        }


def to_jsonable(value: Any) -> Any:
    """Dates and datetimes as ISO text, all the way down."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return json_value(value)


def check_dataset(
    dataset: Dataset,
    *,
    policy_path: str | Path | None = None,
    as_of: dt.datetime | None = None,
    progress: Progress = SILENT,
) -> CheckResult:
    """Validate the dataset, then compute every rule of SPEC §4 against `as_of`.

    A bad policy is reported (sheet and cell) and nothing is computed from it.
    """
    as_of = (as_of or dt.datetime.now()).replace(microsecond=0)
    with progress.step(VALIDATING):
        report = validate_dataset(dataset, now=as_of)
        policy = load_policy(dataset, policy_path, report)
    evaluation = None
    if policy is not None:
        with progress.step(COMPUTING):
            evaluation = evaluate(
                _records(dataset, "sales"),
                _records(dataset, "repairs"),
                _records(dataset, "callbacks"),
                policy,
                as_of,
                dataset.links,
                _records(dataset, "holds") if "holds" in dataset.tables else None,
                _records(dataset, "visits"),
            )
        for located in evaluation.findings:
            f = located.finding
            if located.at is not None:  # a policy sheet's cell
                report.add(f.code, dict(located.at), **f.params)
                continue
            table = dataset.tables[located.register]
            at = table.where(located.index, f.column) if located.index is not None else {"sheet": table.sheet_name}
            report.add(f.code, at, **f.params)
    sort_issues(report, dataset.workbooks)
    return CheckResult(dataset, report, as_of, policy, evaluation)


def check_files(
    paths: Iterable[str | Path],
    *,
    policy: str | Path | None = None,
    as_of: dt.datetime | None = None,
    progress: Progress = SILENT,
) -> CheckResult:
    """Read the files and check them (InputError for a file that cannot be read)."""
    dataset = load_dataset(list(paths), progress=progress)
    return check_dataset(dataset, policy_path=policy, as_of=as_of, progress=progress)


def _records(dataset: Dataset, key: str) -> list[dict[str, Any]]:
    table = dataset.tables.get(key)
    return [] if table is None else list(table.records())
