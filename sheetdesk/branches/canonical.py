"""Canonical values, identity keys and fingerprints of register rows.

A branch file goes out as typed cells and may come back re-saved by Excel or
LibreOffice: a date typed over, `1` read as `1.0`, `00123` kept as text, an
enum shown as 满意 instead of `satisfied`. Comparison therefore never looks at
cells but at canonical values:

- blank (and blank markers such as `-`) -> "" ;
- text -> stripped;
- numbers -> shortest decimal (1 == 1.0, 0.1 + 0.2 == 0.3 to 9 places);
- dates -> `YYYY-MM-DD`; datetimes -> `YYYY-MM-DDTHH:MM:SS` (to the second);
- enums and yes/no -> their key (`satisfied`, `yes`);
- a value that could not be read as its type -> `!` + its stripped text, so
  that an unreadable cell still compares equal to itself.

A row's fingerprint is the sha256 of its canonical values in declared order.

Rows are matched by an identity key whose serial and ticket parts are folded
the way every command matches them (`match_key`: case, full width and
surrounding spaces do not matter), so that `sn-1` in a branch file is the
master's `SN-1`, and two rows `T-1` / `ｔ-1` share one key.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from json.encoder import encode_basestring
from typing import Any

from sheetdesk.i18n import Msg
from sheetdesk.io.values import is_blank
from sheetdesk.schema import CALLBACKS, HOLDS, REPAIRS, SALES, VISITS, Field, Register
from sheetdesk.validation.text import match_key

# Fields that identify a row of each register (SPEC §7).
IDENTITY: dict[str, tuple[str, ...]] = {
    SALES.key: ("serial_no",),
    REPAIRS.key: ("ticket_no",),
    CALLBACKS.key: ("ticket_no", "callback_at"),
    HOLDS.key: ("ticket_no", "hold_from"),
    VISITS.key: ("serial_no", "kind", "visit_at"),
}
KEY_SEPARATOR = " | "
# Blank markers (`-`, `n/a`, `无`...) are at most four characters: longer text needs no blank test.
_MARKER_SPAN = 8


def canonical(field: Field, value: Any) -> str:
    """One typed value (or an unreadable raw value) as comparable text."""
    if value is None:
        return ""
    if isinstance(value, str):
        if field.type == "text":  # the common case first
            text = value.strip()
            return text if len(text) > _MARKER_SPAN or not is_blank(text) else ""
        if not value.strip() or is_blank(value):
            return ""
    elif isinstance(value, float) and value != value:  # NaN
        return ""
    if field.type in ("enum", "yesno") and field.enum is not None and isinstance(value, str):
        return value if value in _enum_keys(field) else "!" + value.strip()
    if field.type == "datetime":
        if isinstance(value, dt.datetime):
            return value.replace(microsecond=0).isoformat()
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day).isoformat()
        return "!" + str(value).strip()
    if field.type == "date":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return "!" + str(value).strip()
    if field.type in ("number", "integer"):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return canonical_number(value)
        return "!" + str(value).strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@functools.lru_cache(maxsize=64)
def _enum_keys(field: Field) -> frozenset[str]:
    return frozenset(field.enum.keys()) if field.enum is not None else frozenset()


def canonical_number(value: float) -> str:
    number = round(float(value), 9)
    if number.is_integer():
        return str(int(number))
    return repr(number)


def canonical_row(register: Register, values: Mapping[str, Any]) -> list[str]:
    return [canonical(f, values.get(f.key)) for f in register.fields]


def canonical_column(field: Field, values: Sequence[Any]) -> list[str]:
    """`canonical(field, v)` for every value of a column, in one pass.

    The same strings as one call per value (split fingerprints every row, 20
    cells each): a text that repeats down a column (a product, a branch, an
    enum key) is worked out once, and a value of the field's own type (a
    datetime in a datetime column, a number in a number column) is turned
    into text without the dispatch.
    """
    memo: dict[str, str] = {}

    def one(value: Any) -> str:
        if type(value) is str:
            text = memo.get(value)
            if text is None:
                text = memo[value] = canonical(field, value)
            return text
        return canonical(field, value)

    datetime_, date_ = dt.datetime, dt.date
    if field.type == "datetime":
        return [
            "" if v is None else v.isoformat() if type(v) is datetime_ and not v.microsecond else one(v) for v in values
        ]
    if field.type == "date":
        return ["" if v is None else v.isoformat() if type(v) is date_ else one(v) for v in values]
    if field.type in ("number", "integer"):  # v == v: not NaN (NaN is blank)
        return [
            "" if v is None else canonical_number(v) if type(v) is int or (type(v) is float and v == v) else one(v)
            for v in values
        ]
    known = memo.get  # text seen before: a lookup, no call (a blank marker's "" is simply worked out again)
    return ["" if v is None else known(v) or one(v) for v in values]


def fingerprint(register: Register, values: Mapping[str, Any]) -> str:
    """sha256 of a row's canonical values, in declared field order."""
    return canonical_fingerprint(canonical_row(register, values))


def canonical_fingerprint(canonical_values: list[str]) -> str:
    """`sha256_json` of a row's canonical values.

    The JSON of a list of strings written directly: `json.dumps` makes an
    encoder for every call, and split fingerprints every row of the master
    (40k rows: 0.29 s with json.dumps, 0.13 s so). `encode_basestring` is the
    function `json.dumps(..., ensure_ascii=False)` quotes each string with, so
    the text is the same byte for byte.
    """
    text = "[" + ",".join(map(encode_basestring, canonical_values)) + "]"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def identity(register: Register, values: Mapping[str, Any]) -> str | None:
    """The row's matching key (`sn001`, `t-7 | 2024-05-01T10:00:00`); None if a part is blank.

    Text parts are folded (`match_key`); use `identity_label` to show the key.
    """
    parts = []
    for k in IDENTITY[register.key]:
        field = register.field(k)
        part = canonical(field, values.get(k))
        if part == "" or part.startswith("!"):
            return None
        parts.append(fold_key(part) if field.type == "text" else part)
    return KEY_SEPARATOR.join(parts)


def identity_column(register: Register, columns: Mapping[str, Sequence[Any]], n: int) -> list[str | None]:
    """`identity(register, record)` for `n` records given as whole columns (field key -> values; none: blank)."""
    parts: list[list[str | None]] = []
    for k in IDENTITY[register.key]:
        field = register.field(k)
        column = columns.get(k)
        texts = canonical_column(field, column) if column is not None else [""] * n
        folded: dict[str, str] = {}
        parts.append(
            [
                None
                if text == "" or text.startswith("!")
                else (folded.get(text) or folded.setdefault(text, fold_key(text)))
                if field.type == "text"
                else text
                for text in texts
            ]
        )
    if len(parts) == 1:
        return parts[0]
    return [_joined(key) for key in zip(*parts, strict=True)]


def _joined(parts: tuple[str | None, ...]) -> str | None:
    texts = [p for p in parts if p is not None]
    return KEY_SEPARATOR.join(texts) if len(texts) == len(parts) else None


def identity_label(register: Register, values: Mapping[str, Any]) -> str:
    """The row's key as the clerk wrote it (`SN001`, `T-7 | 2024-05-01T10:00:00`)."""
    return KEY_SEPARATOR.join(canonical(register.field(k), values.get(k)) for k in IDENTITY[register.key])


def shown_key(register: Register, label: str, lang: str) -> str:
    """A key as `identity_label` writes it, its choices in `lang` (`SN-1 | 回访 | 2024-04-02T10:00:00`)."""
    parts, keys = label.split(KEY_SEPARATOR), IDENTITY[register.key]
    if len(parts) != len(keys):
        return label
    shown = []
    for k, part in zip(keys, parts, strict=True):
        enum = register.field(k).enum
        shown.append(enum.label(part, lang) if enum is not None else part)
    return KEY_SEPARATOR.join(shown)


def key_title(register: Register, label: str) -> Msg:
    """A key as a message parameter: its choices in the reader's language."""
    return Msg(shown_key(register, label, "en"), shown_key(register, label, "zh"))


def fold_key(text: str) -> str:
    """A serial or ticket as every command matches it (case, width, spaces folded)."""
    return match_key(text) or ""


def identity_labels(register: Register) -> str:
    """`Serial No`, `Ticket No + Callback At`: the key's columns, for messages."""
    return " + ".join(register.field(k).en for k in IDENTITY[register.key])


def content_fingerprint(rows_by_register: Mapping[str, Iterable[str]]) -> str:
    """sha256 over the sorted row fingerprints of each register."""
    return sha256_json({key: sorted(fps) for key, fps in sorted(rows_by_register.items())})
