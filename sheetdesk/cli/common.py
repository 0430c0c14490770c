"""What every command shares: --debug, output checks, exit codes, JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

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


def lang_option(func: F) -> F:
    """--lang en|zh on every command: the language of messages and written workbooks.

    Without it, workbooks follow the input's language and terminal text the
    locale (LANG / LC_ALL), then the input (`sheetdesk.i18n`). The command gets
    the option as its `lang` parameter (None when not given); the group reads it
    from the context to print an error in the same language.
    """
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=None,
        callback=_set_lang,
        help="Language of messages and written workbooks: en or zh (default: the workbook's "
        "language; terminal text follows LANG, then the workbook).",
    )(func)


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
            option = ctx.find_root().meta.get("sheetdesk.lang") if ctx is not None else None
            self.fail(NOT_A_WHEN.render(terminal_lang(option), value=value), param, ctx)


def exit_code(report: Report) -> int:
    return EXIT_OK if report.valid else EXIT_DATA_ERRORS


def print_json(document: Any) -> None:
    """Exactly one JSON document on stdout."""
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))


def show_progress(json_mode: bool) -> bool:
    """Progress bars only on a terminal and never with --json."""
    return not json_mode and sys.stderr.isatty()


def progress_for(json_mode: bool) -> Progress:
    """A bar on stderr for each slow step, or silence (not a terminal, --json)."""
    return TerminalProgress() if show_progress(json_mode) else SILENT
