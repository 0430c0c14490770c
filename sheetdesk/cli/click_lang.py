"""Click's own messages (usage errors, `Usage:`, `Options`) in the reader's language.

Click writes its messages in English and passes each through the standard
`gettext` of the default text domain (`messages`), so they are translated
the standard way: a GNU catalog, `sheetdesk/locale/zh/LC_MESSAGES/messages.po`
(message ids are Click's own strings), compiled to `messages.mo` with Babel
(docs/i18n.md). While a command runs, the CLI binds that domain to the
package's catalogs and sets `LANGUAGE`, the variable gettext reads first, to
the language sheetdesk chose by its own rule (--lang, else LC_ALL /
LC_MESSAGES / LANG, else English); both are put back when the command ends.

Our own texts do not go through gettext: they are `Msg` declarations
(`sheetdesk.i18n`). The library never touches either setting.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from sheetdesk.i18n import LANGS, Lang, terminal_lang

__all__ = ["LOCALE_DIR", "click_language", "current_lang", "lang_in_args"]

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
_DOMAIN = "messages"  # the default domain: the one Click's `gettext` calls use
# gettext's names of our languages (it expands zh_CN to zh_CN, zh, and finds locale/zh).
_GETTEXT_NAME: dict[str, str] = {"en": "en", "zh": "zh_CN"}
_CURRENT: contextvars.ContextVar[Lang | None] = contextvars.ContextVar("sheetdesk_cli_lang", default=None)


def current_lang() -> Lang:
    """The language of the command line being run (--lang, else the locale, else
    English): for text shown before the workbook's language is known."""
    return _CURRENT.get() or terminal_lang(None)


def lang_in_args(args: Sequence[str]) -> Lang | None:
    """The `--lang` a command line gives, read before Click parses it (a usage
    error may come first): `--lang zh` or `--lang=zh`; None if absent or not a language."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGS:
            return value
    return None


@contextlib.contextmanager
def click_language(args: Sequence[str]) -> Iterator[Lang]:
    """While inside, Click speaks the terminal language of `args` (see the module)."""
    lang = terminal_lang(lang_in_args(args))
    old_dir = gettext.bindtextdomain(_DOMAIN)
    old_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(_DOMAIN, str(LOCALE_DIR))
    os.environ["LANGUAGE"] = _GETTEXT_NAME[lang]
    token = _CURRENT.set(lang)
    try:
        yield lang
    finally:
        _CURRENT.reset(token)
        gettext.bindtextdomain(_DOMAIN, old_dir)
        if old_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = old_language
