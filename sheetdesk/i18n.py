"""Every user-visible text in English and Chinese, and which one a reader gets.

A `Msg` holds one text in both languages, with `{name}` placeholders. It is
declared once, next to the code that shows it (a finding in
`sheetdesk.findings`, a terminal line in its command, a sheet label in its
writer), and rendered at the edge, when the language of the reader is known:

    WRITTEN = Msg("Annotated workbook written to {path}", "已写出批注工作簿：{path}")
    click.echo(WRITTEN.render(lang, path=out))

A parameter may itself be a `Msg` (a field label, a status word): it is
rendered in the same language, so one finding reads "Customer is required"
in English and "用户单位 为必填项" in Chinese. A list or tuple of `Msg` is
joined with the language's list separator.

Which language:
- workbook outputs follow `--lang`, else the workbook's own language
  (Chinese headers -> Chinese), else English (`output_lang`);
- terminal text follows `--lang`, else `LC_ALL` / `LC_MESSAGES` / `LANG`
  when they name a language, else the workbook (`terminal_lang`).
Finding codes and JSON keys never change with the language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["LANGS", "Bound", "Lang", "Msg", "env_lang", "localize", "output_lang", "majority", "pair", "terminal_lang"]

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

# How a list of items reads inside a sentence.
_LIST_SEP: dict[str, str] = {"en": ", ", "zh": "、"}


@dataclass(frozen=True)
class Msg:
    """One user-visible text in English and Chinese (`str.format` placeholders)."""

    en: str
    zh: str

    def template(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def render(self, lang: str, /, **params: Any) -> str:
        """The text in `lang` with its placeholders filled (parameters localized too)."""
        template = self.template(lang)
        if not params:
            return template
        return template.format_map({k: localize(v, lang) for k, v in params.items()})

    def bind(self, **params: Any) -> Bound:
        """This text with its parameters filled in, to render later (or to pass
        as a parameter of another message)."""
        return Bound(self, params)

    def __str__(self) -> str:  # English, for logs and debugging; readers get `render`
        return self.en


@dataclass(frozen=True)
class Bound:
    """A `Msg` and its parameters: a whole sentence waiting for its reader's language."""

    msg: Msg
    params: dict[str, Any]

    def render(self, lang: str) -> str:
        return self.msg.render(lang, **self.params)

    def __str__(self) -> str:
        return self.render("en")


def pair(en: str, zh: str) -> Msg:
    """A fixed text (no placeholders) in both languages, e.g. a label."""
    return Msg(en, zh)


def localize(value: Any, lang: str) -> Any:
    """A message parameter as the reader of `lang` sees it."""
    if isinstance(value, (Msg, Bound)):
        return value.render(lang)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (Msg, Bound)) for v in value):
        return _LIST_SEP.get(lang, ", ").join(v.render(lang) for v in value)
    return value


def _is_zh(value: str | None) -> bool | None:
    """True for a Chinese locale name, False for another language, None when it names none."""
    if not value:
        return None
    name = value.split(":")[0].split(".")[0].strip().lower()
    if not name or name in ("c", "posix"):
        return None
    return name.startswith("zh")


def env_lang(environ: Mapping[str, str] | None = None) -> Lang | None:
    """The language the environment asks for (LC_ALL, LC_MESSAGES, LANG), or None."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        zh = _is_zh(env.get(var))
        if zh is not None:
            return "zh" if zh else "en"
    return None


def output_lang(option: str | None, workbook: str | None = None) -> Lang:
    """The language of a written workbook: --lang, else the workbook's, else English."""
    for choice in (option, workbook):
        if choice in LANGS:
            return choice
    return "en"


def terminal_lang(option: str | None, workbook: str | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """The language of terminal text: --lang, else the locale, else the workbook's, else English."""
    if option in LANGS:
        return option
    return env_lang(environ) or output_lang(None, workbook)


def majority(langs: Sequence[str]) -> Lang:
    """The language most of `langs` are in (ties: English)."""
    zh = sum(1 for lang in langs if lang == "zh")
    return "zh" if zh > len(langs) - zh else "en"
