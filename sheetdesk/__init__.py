"""sheetdesk: after-sales service registers in Excel, checked and annotated.

The library is the product; the command line is a thin skin over these
functions (see `sheetdesk.api` and docs/python.md):

    import sheetdesk
    result = sheetdesk.check(["service_desk.xlsx"], output="service_desk.checked.xlsx")
"""

from typing import TYPE_CHECKING, Any

from sheetdesk.version import __version__

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """The API's names, imported when first used: `import sheetdesk` (and every
    command's start) stays cheap, and `sheetdesk.validate` never loads the
    importer, the templates or the branch files' code (see `sheetdesk.api`)."""
    if name in __all__:
        from sheetdesk import api

        return getattr(api, name)
    raise AttributeError(f"module 'sheetdesk' has no attribute {name!r}")
