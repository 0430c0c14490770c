"""sheetdesk: after-sales service registers in Excel, checked and annotated."""

__version__ = "0.1.0"
