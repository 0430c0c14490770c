"""The command-line skin over the library: one module per command.

A command parses options, calls one library function, prints and picks the
exit code. Errors become one line on stderr and exit code 2; --debug shows
the traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Iterator, MutableMapping
from typing import Any

import click

from sheetdesk.cli.click_lang import click_language, current_lang
from sheetdesk.cli.common import EXIT_BAD_INPUT, debug_option
from sheetdesk.cli.signals import Interrupted, exit_code_of, signals_as_interrupts
from sheetdesk.errors import SheetdeskError
from sheetdesk.i18n import Msg, terminal_lang
from sheetdesk.version import __version__

INTERRUPTED = Msg("sheetdesk: interrupted", "sheetdesk：已中断")
STOPPED_BY = Msg("sheetdesk: stopped by {signal}", "sheetdesk：被 {signal} 信号终止")
ERROR_LINE = Msg("sheetdesk: error: {message}", "sheetdesk：错误：{message}")
USAGE_LINE = Msg(
    "sheetdesk: error: {message} (see '{command} --help')", "sheetdesk：错误：{message}（见 '{command} --help'）"
)
ABORTED = Msg("Aborted!", "已取消！")
INTERNAL = Msg(
    "internal error: {kind}: {detail} (run with --debug for details)",
    "内部错误：{kind}：{detail}（加 --debug 查看详情）",
)


def _lang(ctx: click.Context | None) -> str:
    """An error's language: --lang, else the locale, else English (the workbook may not be read yet)."""
    option = ctx.find_root().meta.get("sheetdesk.lang") if ctx is not None else None
    return terminal_lang(option) if option else current_lang()


class SheetdeskGroup(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Like Click's, but a usage error is one line on stderr (exit 2), as SPEC §5 asks.

        Click's own messages follow the terminal language (`click_lang`):
        --lang, read from the command line before Click parses it, else the
        locale, else English. While the command runs, SIGTERM and SIGHUP end
        it the way Ctrl+C does (`sheetdesk.cli.signals`): clean-up runs, the
        exit code is 128 + the signal's number.
        """
        kwargs["standalone_mode"] = False
        argv = kwargs.get("args", args[0] if args else None)
        argv = sys.argv[1:] if argv is None else list(argv)
        with click_language(argv) as lang:
            try:
                with signals_as_interrupts():
                    code = super().main(*args, **kwargs)
            except click.UsageError as exc:
                where = exc.ctx.command_path if exc.ctx is not None else "sheetdesk"
                click.echo(USAGE_LINE.render(lang, message=exc.format_message(), command=where), err=True)
                sys.exit(EXIT_BAD_INPUT)
            except click.ClickException as exc:
                exc.show()
                sys.exit(exc.exit_code)
            except click.Abort:
                click.echo(ABORTED.render(lang), err=True)
                sys.exit(1)
            except KeyboardInterrupt as exc:  # outside a command (while parsing options)
                click.echo(_interrupted(exc, lang), err=True)
                sys.exit(exit_code_of(exc))
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except SheetdeskError as exc:
            self._fail(ctx, exc, exc.text(_lang(ctx)))
        except KeyboardInterrupt as exc:
            click.echo(_interrupted(exc, _lang(ctx)), err=True)
            ctx.exit(exit_code_of(exc))
        except BrokenPipeError:
            # `sheetdesk ... | head` closed our stdout: not an error of ours.
            # Point stdout at devnull so the interpreter's final flush is quiet.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except Exception as exc:  # a bug: still one line, the traceback with --debug
            self._fail(ctx, exc, INTERNAL.render(_lang(ctx), kind=type(exc).__name__, detail=str(exc)))

    @staticmethod
    def _fail(ctx: click.Context, exc: BaseException, message: str) -> None:
        if ctx.meta.get("sheetdesk.debug"):
            traceback.print_exception(exc, file=sys.stderr)
        click.echo(ERROR_LINE.render(_lang(ctx), message=message), err=True)
        ctx.exit(getattr(exc, "exit_code", EXIT_BAD_INPUT) if isinstance(exc, SheetdeskError) else EXIT_BAD_INPUT)


def _interrupted(exc: KeyboardInterrupt, lang: str) -> str:
    if isinstance(exc, Interrupted):
        return STOPPED_BY.render(lang, signal=str(exc))
    return INTERRUPTED.render(lang)


@click.group(cls=SheetdeskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="sheetdesk")
@debug_option
def main() -> None:
    """sheetdesk: check after-sales service registers kept in Excel.

    Writes the standard templates, validates filled workbooks, computes
    warranty, SLA and callback status, imports legacy logs, and distributes
    workbooks to branches and collects them back.
    """


class LazyCommands(MutableMapping[str, click.Command]):
    """The commands by name, each imported when first looked up.

    `sheetdesk validate` then loads only what validating needs, not the
    importer, the templates, check's writer or the branch files' code (about
    0.15 s of every run); `sheetdesk --help` looks them all up.
    """

    def __init__(self, paths: dict[str, str]) -> None:
        self._paths = paths  # name -> "module:attribute"
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module, _, attribute = self._paths[name].partition(":")
            self._loaded[name] = getattr(importlib.import_module(module), attribute)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._paths.setdefault(name, "")
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._paths[name]
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


# One module per command.
main.commands = LazyCommands(
    {
        "template": "sheetdesk.cli.template:template",
        "validate": "sheetdesk.cli.validate:validate",
        "check": "sheetdesk.cli.check:check",
        "split": "sheetdesk.cli.split:split",
        "collect": "sheetdesk.cli.collect:collect",
        "import": "sheetdesk.cli.import_:import_",
        "due": "sheetdesk.cli.due:due",
    }
)
