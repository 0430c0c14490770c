"""Where a legacy column goes: a template key, part of one, notes, or nowhere.

A target is written `key` (the whole field), `key.date` or `key.time` (the
date or time part of a datetime field, for logs with separate date and time
columns), `keep` (appended to the notes as "label: value", the default for a
column that matches no key) or `skip` (deliberately dropped, and said so in
the Import Report). `notes` is the notes field itself: the source's own
remarks column, appended first and without a label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sheetdesk.schema import REGISTERS_BY_KEY, Field, Register

Part = Literal["value", "date", "time"]
KEEP = "keep"
SKIP = "skip"


@dataclass(frozen=True)
class Target:
    key: str  # a field key, or "keep" / "skip"
    part: Part = "value"

    def __str__(self) -> str:
        return self.key if self.part == "value" else f"{self.key}.{self.part}"

    @property
    def is_field(self) -> bool:
        return self.key not in (KEEP, SKIP)

    @property
    def is_keep(self) -> bool:
        return self.key == KEEP

    @property
    def is_skip(self) -> bool:
        return self.key == SKIP

    def describe(self, register: Register, lang: str = "en") -> str:
        """`Reported At (date part)` for people."""
        if not self.is_field:
            return self.key
        label = register.field(self.key).label(lang)
        return label if self.part == "value" else f"{label} ({self.part} part)"


def parse_target(text: str, register: Register) -> Target:
    """`reported_at.date` -> Target; ValueError with a readable message if not valid."""
    raw = str(text).strip()
    if raw in (KEEP, SKIP):
        return Target(raw)
    key, _, part = raw.partition(".")
    if key not in register.keys:
        raise ValueError(
            f"'{raw}' is not a {register.en} column key (keys: {', '.join(register.keys)}, or keep / skip)"
        )
    field = register.field(key)
    if not part:
        return Target(key)
    if part not in ("date", "time"):
        raise ValueError(f"'{raw}': the part after the dot must be date or time")
    if field.type != "datetime":
        raise ValueError(f"'{raw}': only date-and-time columns have a .{part} part; {key} is {field.type}")
    return Target(key, part)  # type: ignore[arg-type]


def field_of(target: Target, register: Register) -> Field | None:
    return register.field(target.key) if target.is_field else None


def register_for(kind: str) -> Register:
    try:
        return REGISTERS_BY_KEY[kind]
    except KeyError:
        raise ValueError(f"unknown kind '{kind}' (sales, repairs or callbacks)") from None


# The datetime that a log's lone date and time columns belong to, per register.
PRIMARY_DATETIME = {"repairs": "reported_at", "callbacks": "callback_at"}
PRIMARY_DATE = {"sales": "sale_date"}
