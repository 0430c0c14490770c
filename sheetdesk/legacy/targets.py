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

from sheetdesk.i18n import Bound, Msg
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


NOT_A_KEY = Msg(
    "'{raw}' is not a {register} column key (keys: {keys}, or keep / skip)",
    "“{raw}”不是{register}的列键（列键：{keys}，或 keep / skip）",
)
BAD_PART = Msg("'{raw}': the part after the dot must be date or time", "“{raw}”：点后面只能是 date 或 time")
NO_PARTS = Msg(
    "'{raw}': only date-and-time columns have a .{part} part; {key} is {kind}",
    "“{raw}”：只有日期时间列才有 .{part} 部分；{key} 是 {kind}",
)
UNKNOWN_KIND = Msg(
    "unknown kind '{kind}' (sales, repairs or callbacks)", "未知类型“{kind}”（sales、repairs 或 callbacks）"
)


class TargetError(ValueError):
    """A target that is not one of the register's (the message in both languages)."""

    def __init__(self, message: Bound) -> None:
        super().__init__(message.render("en"))
        self.message = message


def parse_target(text: str, register: Register) -> Target:
    """`reported_at.date` -> Target; TargetError with a readable message if not valid."""
    raw = str(text).strip()
    if raw in (KEEP, SKIP):
        return Target(raw)
    key, _, part = raw.partition(".")
    if key not in register.keys:
        raise TargetError(NOT_A_KEY.bind(raw=raw, register=register.title, keys=", ".join(register.keys)))
    field = register.field(key)
    if not part:
        return Target(key)
    if part not in ("date", "time"):
        raise TargetError(BAD_PART.bind(raw=raw))
    if field.type != "datetime":
        raise TargetError(NO_PARTS.bind(raw=raw, part=part, key=key, kind=field.type))
    return Target(key, part)  # type: ignore[arg-type]


def field_of(target: Target, register: Register) -> Field | None:
    return register.field(target.key) if target.is_field else None


def register_for(kind: str) -> Register:
    try:
        return REGISTERS_BY_KEY[kind]
    except KeyError:
        raise TargetError(UNKNOWN_KIND.bind(kind=kind)) from None


# The datetime that a log's lone date and time columns belong to, per register.
PRIMARY_DATETIME = {"repairs": "reported_at", "callbacks": "callback_at"}
PRIMARY_DATE = {"sales": "sale_date"}
