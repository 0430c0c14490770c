"""Findings of `import` (legacy logs)."""

from sheetdesk.findings.registry import declare  # noqa: F401
