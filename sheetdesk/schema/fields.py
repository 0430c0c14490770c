"""Building blocks of the declared schema: fields, enums, registers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from sheetdesk.i18n import Msg

FieldType = Literal[
    "text",
    "date",
    "datetime",
    "number",
    "integer",
    "enum",
    "yesno",
    "duration",
    "time",
    "weekday",
    "percent",
    "interval",
    "any",
]


def normalize_label(label: object) -> str:
    """Fold a header so that clerks' variations match the declared label.

    NFKC folds full-width brackets and letters; then case, `*` required
    markers, spaces, underscores and brackets' content markers are dropped.
    """
    text = unicodedata.normalize("NFKC", str(label or "")).casefold()
    text = text.replace("*", "").replace("＊", "")
    text = re.sub(r"[\s_\-:：/\\.]+", "", text)
    text = text.replace("(", "").replace(")", "").replace("[", "").replace("]", "")
    return text


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enum: its key, English and Chinese labels."""

    key: str
    en: str
    zh: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.key, self.en, self.zh, *self.aliases)

    @property
    def title(self) -> Msg:
        """The choice as a message parameter: its label in the reader's language."""
        return Msg(self.en, self.zh)


@dataclass(frozen=True)
class Enum:
    name: str
    choices: tuple[Choice, ...]
    default: str | None = None

    def lookup(self) -> dict[str, str]:
        """Folded spelling -> key (built once; it is read for every enum cell)."""
        table: dict[str, str] | None = self.__dict__.get("_lookup")
        if table is None:
            table = {}
            for choice in self.choices:
                for spelling in choice.spellings():
                    table[normalize_label(spelling)] = choice.key
            object.__setattr__(self, "_lookup", table)
        return table

    def read(self, value: object) -> str | None:
        """The key a cell's text stands for, or None; memoised per distinct text."""
        memo: dict[object, str | None] | None = self.__dict__.get("_memo")
        if memo is None:
            memo = {}
            object.__setattr__(self, "_memo", memo)
        try:
            return memo[value]
        except KeyError:
            key = self.lookup().get(normalize_label(value))
            if len(memo) < 10_000:
                memo[value] = key
            return key
        except TypeError:  # unhashable
            return self.lookup().get(normalize_label(value))

    def keys(self) -> list[str]:
        return [c.key for c in self.choices]

    def label(self, key: str, lang: str) -> str:
        for c in self.choices:
            if c.key == key:
                return c.zh if lang == "zh" else c.en
        return key

    def labels(self, lang: str) -> list[str]:
        return [c.zh if lang == "zh" else c.en for c in self.choices]

    def titles(self) -> tuple[Msg, ...]:
        """Every choice as a message parameter (a list in the reader's language)."""
        return tuple(c.title for c in self.choices)


@dataclass(frozen=True)
class Field:
    key: str
    en: str
    zh: str
    type: FieldType = "text"
    required: bool = False
    unique: bool = False
    enum: Enum | None = None
    aliases: tuple[str, ...] = ()
    hint_en: str = ""
    hint_zh: str = ""
    width: int = 14
    min_value: float | None = None
    max_value: float | None = None  # for a duration or an interval: in days
    # A text column whose cells are read as one of these choices, but written
    # and offered as plain text (no dropdown): a policy's `*`-or-level column.
    read_as: Enum | None = None
    # Text columns carry Excel's text format '@' so that a typed 00123 or 3-4
    # stays text. Names (people, customers, branches, products) never look
    # like numbers or dates, and a format on each of 200k cells costs time.
    text_format: bool = True

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def hint(self, lang: str) -> str:
        return self.hint_zh if lang == "zh" else self.hint_en

    @property
    def title(self) -> Msg:
        """The field's label as a message parameter (English or Chinese as the reader reads)."""
        return Msg(self.en, self.zh)

    def spellings(self) -> tuple[str, ...]:
        return (self.key, self.en, self.zh, *self.aliases)


@dataclass(frozen=True)
class Register:
    """A declared sheet: a register or a policy sheet."""

    key: str
    en: str
    zh: str
    fields: tuple[Field, ...]
    aliases: tuple[str, ...] = ()
    description_en: str = ""
    description_zh: str = ""
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    # An optional register (Holds, Visits) is counted, written and distributed only
    # when a workbook has it, so that workbooks without it give what they always gave.
    optional: bool = False

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @property
    def title(self) -> Msg:
        """The register's name as a message parameter."""
        return Msg(self.en, self.zh)

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.fields]

    def header_lookup(self) -> dict[str, str]:
        """Folded header spelling -> field key (built once)."""
        table: dict[str, str] | None = self.__dict__.get("_header_lookup")
        if table is None:
            table = {}
            for f in self.fields:
                for spelling in f.spellings():
                    table.setdefault(normalize_label(spelling), f.key)
            object.__setattr__(self, "_header_lookup", table)
        return table

    def sheet_names(self) -> tuple[str, ...]:
        return (self.en, self.zh, self.key, *self.aliases)
