"""The version of sheetdesk: one place, read by setup.cfg, the CLI and the split record."""

__version__ = "0.1.0"
