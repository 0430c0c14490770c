"""Findings about reading and writing workbooks: sheets, parts, cells that cannot be carried."""

from sheetdesk.findings.registry import declare  # noqa: F401
