"""Every finding sheetdesk reports, declared once (see `registry`).

Importing this package loads every area's declarations.
"""

from sheetdesk.findings import branches, data, holds, legacy, policy, rules, visits, workbook  # noqa: F401  (declarations)
from sheetdesk.findings.registry import FINDINGS, FindingKind, Severity, declare, docs_page, kind_of

__all__ = ["FINDINGS", "FindingKind", "Severity", "declare", "docs_page", "kind_of"]
