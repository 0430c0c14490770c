"""Findings about the policy sheets."""

from sheetdesk.findings.registry import declare  # noqa: F401
