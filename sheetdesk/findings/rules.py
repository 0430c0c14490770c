"""Findings of the rules: warranty, fees, SLA calendars, callbacks."""

from sheetdesk.findings.registry import declare  # noqa: F401
