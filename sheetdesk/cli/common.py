"""What every command shares: --debug, output checks, exit codes, JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, overload

import click

from sheetdesk.cli.click_lang import current_lang
from sheetdesk.i18n import LANGS, Msg, terminal_lang
from sheetdesk.progress import SILENT, Progress, TerminalProgress
from sheetdesk.report import Report

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_DATA_ERRORS, EXIT_BAD_INPUT = 0, 1, 2


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.find_root().meta["sheetdesk.debug"] = True
    return value


def debug_option(func: F) -> F:
    """--debug on every command: show the traceback of an error."""
    return click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_debug,
        help="Show the full traceback when something goes wrong.",
    )(func)


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        ctx.find_root().meta["sheetdesk.lang"] = value
    return value


LANG_HELP = (
    "Language of messages and written workbooks: en or zh (default: the workbook's language; "
    "terminal text follows LANG, then the workbook)."
)


@overload
def lang_option(func: F, *, help: str = ...) -> F: ...
@overload
def lang_option(func: None = None, *, help: str = ...) -> Callable[[F], F]: ...
def lang_option(func: F | None = None, *, help: str = LANG_HELP) -> F | Callable[[F], F]:
    """--lang en|zh on every command: the language of messages and written workbooks.

    Without it, workbooks follow the input's language and terminal text the
    locale (LANG / LC_ALL), then the input (`sheetdesk.i18n`). The command gets
    the option as its `lang` parameter (None when not given); the group reads it
    from the context to print an error in the same language. `@lang_option` or,
    for another help text, `@lang_option(help=...)`.
    """
    decorator: Callable[[F], F] = click.option(
        "--lang", type=click.Choice(LANGS), default=None, callback=_set_lang, help=help
    )
    return decorator if func is None else decorator(func)


# A date, or a date and a time: 2026-11-01, 2026-11-01T17:30, 2026-11-01 17:30:00.
_WHEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
NOT_A_WHEN = Msg(
    "'{value}' is not a date/time; write it as 2026-11-01, 2026-11-01T17:30 or 2026-11-01 17:30:00",
    "'{value}' 不是日期/时间；请写成 2026-11-01、2026-11-01T17:30 或 2026-11-01 17:30:00",
)


class WhenType(click.ParamType[dt.datetime]):
    """A moment given on the command line (`--as-of`): a date or a date and time, nothing else.

    A bare number such as 45000 is refused: it is not a date a clerk means
    to type (as an Excel serial it would silently be 2023-03-15).
    """

    name = "WHEN"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        text = str(value).strip()
        match = _WHEN.fullmatch(text)
        try:
            if match is None:
                raise ValueError(text)
            year, month, day, hour, minute, second = (int(part) for part in match.groups(default="0"))
            return dt.datetime(year, month, day, hour, minute, second)
        except ValueError:
            self.fail(NOT_A_WHEN.render(current_lang(), value=value), param, ctx)


def policy_option(help: str) -> Callable[[F], F]:
    """`--policy P`: a policy workbook (validate, check, due, split), with the command's own help."""
    return click.option("--policy", type=click.Path(path_type=Path), metavar="P", help=help)


def as_of_option(help: str) -> Callable[[F], F]:
    """`--as-of WHEN`: a date or a date and time (`WhenType`), None for now."""
    return click.option("--as-of", "as_of", type=WhenType(), default=None, help=help)


def days_option(help: str) -> Callable[[F], F]:
    """`--days N`: the worklist's horizon in days (due, split)."""
    return click.option("--days", type=click.IntRange(min=0, max=3650), default=7, show_default=True, help=help)


def exit_code(report: Report) -> int:
    return EXIT_OK if report.valid else EXIT_DATA_ERRORS


def print_json(document: Any) -> None:
    """Exactly one JSON document on stdout."""
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))


def show_progress(json_mode: bool) -> bool:
    """Progress bars only on a terminal and never with --json."""
    return not json_mode and sys.stderr.isatty()


def progress_for(json_mode: bool, lang: str | None = None) -> Progress:
    """A bar on stderr for each slow step, or silence (not a terminal, --json).

    Its labels are in the terminal language as far as it is known before the
    workbook is read: --lang, else the locale, else English.
    """
    return (
        TerminalProgress(lang=terminal_lang(lang) if lang else current_lang()) if show_progress(json_mode) else SILENT
    )


NOT_A_COUNT = Msg("'{value}' is not a whole number of 0 or more", "'{value}' 不是大于或等于 0 的整数")


class CountType(click.ParamType[int]):
    """A whole number of 0 or more (`--limit`), refused in the reader's language."""

    name = "N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        text = str(value).strip()
        if text.isascii() and text.isdigit():
            return int(text)
        self.fail(NOT_A_COUNT.render(current_lang(), value=value), param, ctx)


FILE = Msg("FILE", "文件")
MASTER = Msg("MASTER", "总表")


class NamedArgument(click.Argument):
    """An argument whose placeholder in usage lines and errors (`FILE...`, `文件...`)
    is in the reader's language: `@click.argument("files", cls=NamedArgument, label=FILE)`."""

    def __init__(self, param_decls: list[str], *, label: Msg, **kwargs: Any) -> None:
        super().__init__(param_decls, **kwargs)
        self.label = label

    def make_metavar(self, ctx: click.Context | None = None) -> str:  # Click 8.1 passes no ctx
        var = self.label.render(current_lang())
        if not self.required:
            var = f"[{var}]"
        return var + "..." if self.nargs != 1 else var
