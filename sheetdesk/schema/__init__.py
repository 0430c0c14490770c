"""One declared schema: the registers, the policy sheets and their enums."""

from sheetdesk.schema.enums import EXCLUDED_CAUSES
from sheetdesk.schema.fields import Choice, Enum, Field, Register, normalize_label
from sheetdesk.schema.policy import POLICY_BY_KEY, POLICY_SHEETS
from sheetdesk.schema.registers import CALLBACKS, HOLDS, REGISTERS, REGISTERS_BY_KEY, REPAIRS, SALES, VISITS

__all__ = [
    "CALLBACKS",
    "EXCLUDED_CAUSES",
    "HOLDS",
    "POLICY_BY_KEY",
    "POLICY_SHEETS",
    "REGISTERS",
    "REGISTERS_BY_KEY",
    "REPAIRS",
    "SALES",
    "VISITS",
    "Choice",
    "Enum",
    "Field",
    "Register",
    "normalize_label",
]
