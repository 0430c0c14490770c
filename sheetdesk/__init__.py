"""sheetdesk: after-sales service registers in Excel, checked and annotated.

The library is the product; the command line is a thin skin over these
functions (see `sheetdesk.api` and docs/python.md):

    import sheetdesk
    result = sheetdesk.check(["service_desk.xlsx"], output="service_desk.checked.xlsx")
"""

__version__ = "0.1.0"

from sheetdesk.api import (  # noqa: E402  (the version first: setup.cfg and the CLI read it)
    CheckResult,
    CollectResult,
    ImportResult,
    SplitResult,
    TemplateResult,
    ValidationResult,
    check,
    collect,
    import_log,
    split,
    template,
    validate,
)

__all__ = [
    "CheckResult",
    "CollectResult",
    "ImportResult",
    "SplitResult",
    "TemplateResult",
    "ValidationResult",
    "__version__",
    "check",
    "collect",
    "import_log",
    "split",
    "template",
    "validate",
]
