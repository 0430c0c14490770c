"""The library's entry points, one import away: `from sheetdesk.api import ...`."""

from sheetdesk.io.annotate import ComputedColumn, SummaryWriter, write_annotated
from sheetdesk.io.load import Dataset, load_dataset
from sheetdesk.validation import ValidationResult, validate_dataset, validate_files

__all__ = [
    "ComputedColumn",
    "Dataset",
    "SummaryWriter",
    "ValidationResult",
    "load_dataset",
    "validate_dataset",
    "validate_files",
    "write_annotated",
]
