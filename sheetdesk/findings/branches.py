"""Findings of `split` and `collect`."""

from sheetdesk.findings.registry import declare  # noqa: F401
