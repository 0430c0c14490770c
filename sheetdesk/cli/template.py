"""`sheetdesk template`: write the standard blank workbooks."""

from __future__ import annotations

import click

from sheetdesk import api
from sheetdesk.cli.common import debug_option, lang_option
from sheetdesk.i18n import Msg, env_lang
from sheetdesk.templates import KINDS

WROTE = Msg("wrote {path}", "已写出 {path}")


@click.command("template")
@click.argument("kind", type=click.Choice(KINDS), default="all")
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False),
    default=".",
    show_default=True,
    help="Folder to write into (created if missing).",
)
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@lang_option(
    help="Language of sheet names, headers, dropdowns, instructions and messages: en or zh "
    "(default: the locale's, LANG / LC_ALL, else en)."
)
@debug_option
def template(kind: str, outdir: str, lang: str | None, force: bool) -> None:
    """Write the standard blank workbooks, generated from the declared schema.

    KIND is sales, repairs, callbacks, holds, visits, policy or all (the
    default). `all` writes the five registers, the policy workbook and
    service_desk.xlsx (every register in one workbook).

    \b
    File names:  --lang en           --lang zh
                 sales.xlsx          sales.zh.xlsx
                 repairs.xlsx        repairs.zh.xlsx
                 callbacks.xlsx      callbacks.zh.xlsx
                 holds.xlsx          holds.zh.xlsx
                 visits.xlsx         visits.zh.xlsx
                 policy.xlsx         policy.zh.xlsx
                 service_desk.xlsx   service_desk.zh.xlsx

    Each register sheet has a styled header (red = required) with input
    hints, frozen panes, column widths, a dropdown on every choice column,
    date formats, and an Instructions / 填写说明 sheet. The policy workbook
    holds the built-in default policy, ready to edit; its Maintenance sheet
    is empty (no planned visits), with an example plan beside it to copy from.

    An existing file is left alone unless --force is given; nothing is
    written if any target exists. Prints one line per file written.

    \b
    Examples:
      sheetdesk template all --lang zh -o 模板
      sheetdesk template repairs -o forms --force
    """
    lang = lang or env_lang() or "en"  # no input to take a language from
    for path in api.template(kind, outdir, lang=lang, force=force).paths:
        click.echo(WROTE.render(lang, path=path))
