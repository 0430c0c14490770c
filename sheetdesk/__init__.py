"""sheetdesk: after-sales service registers in Excel, checked and annotated.

The library is the product; the command line is a thin skin over these
functions (see `sheetdesk.api` and docs/python.md):

    import sheetdesk
    result = sheetdesk.check(["service_desk.xlsx"], output="service_desk.checked.xlsx")
"""

from sheetdesk.api import (
    CheckResult,
    CollectResult,
    DueResult,
    ImportResult,
    SplitResult,
    TemplateResult,
    ValidationResult,
    check,
    collect,
    due,
    import_log,
    split,
    template,
    validate,
)
from sheetdesk.version import __version__

__all__ = [
    "CheckResult",
    "CollectResult",
    "DueResult",
    "ImportResult",
    "SplitResult",
    "TemplateResult",
    "ValidationResult",
    "__version__",
    "check",
    "collect",
    "due",
    "import_log",
    "split",
    "template",
    "validate",
]
