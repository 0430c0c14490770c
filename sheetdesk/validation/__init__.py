"""Validation of the registers (SPEC §2): findings as `Issue` records.

`validate_files(paths)` reads and checks files; `validate_dataset(dataset)`
checks an already loaded dataset and appends to its report. The links
between registers are the dataset's (`Dataset.links`).
"""

from sheetdesk.validation.run import ValidationResult, dataset_stats, sort_issues, validate_dataset, validate_files
from sheetdesk.validation.text import match_key, plausible_phone, plausible_postcode

__all__ = [
    "ValidationResult",
    "dataset_stats",
    "match_key",
    "plausible_phone",
    "plausible_postcode",
    "sort_issues",
    "validate_dataset",
    "validate_files",
]
