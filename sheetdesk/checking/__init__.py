"""`check`: validate, then compute warranty, SLA, callbacks and KPIs."""

from sheetdesk.checking.run import CheckResult, check_dataset, check_files
from sheetdesk.io.policy_source import load_policy

__all__ = ["CheckResult", "check_dataset", "check_files", "load_policy"]
