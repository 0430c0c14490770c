"""`sheetdesk check`: validate, then warranty, SLA, callbacks and KPIs."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import click

from sheetdesk import api
from sheetdesk.bulk import collector_paused
from sheetdesk.checking import CheckResult
from sheetdesk.cli.common import (
    FILE,
    CountType,
    NamedArgument,
    as_of_option,
    debug_option,
    exit_code,
    lang_option,
    policy_option,
    print_json,
    progress_for,
)
from sheetdesk.cli.validate import DEFAULT_LIMIT, print_table, workbook_lang
from sheetdesk.i18n import Msg, terminal_lang
from sheetdesk.io.outputs import default_output
from sheetdesk.schema.computed import STATUS_LABELS, TARGET_LABELS


@click.command("check", short_help="Validate, then compute warranty, SLA, callbacks and KPIs.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), cls=NamedArgument, label=FILE)
@policy_option(
    "Policy workbook replacing the built-in one, sheet by sheet. Policy sheets inside "
    "the data workbook take precedence over both."
)
@as_of_option("Judge open items against this moment (default: now). Printed in the output.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="OUT.xlsx",
    help="The annotated workbook (default: <first input>.checked.xlsx; not written with --json unless -o is given).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option(
    "--json",
    "json_mode",
    is_flag=True,
    help="Print one JSON document: valid, as_of, stats, issues, sales, repairs, kpis.",
)
@click.option(
    "--limit",
    type=CountType(),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many issues on the terminal (0 = all).",
)
@lang_option
@debug_option
@click.pass_context
def check(
    ctx: click.Context,
    files: tuple[Path, ...],
    policy: Path | None,
    as_of: dt.datetime | None,
    output: Path | None,
    force: bool,
    json_mode: bool,
    limit: int,
    lang: str | None,
) -> None:
    """Check FILE... and compute warranty, SLA, callback status and KPIs.

    Validates like `validate`, then works out for every sale its warranty
    window, and for every repair its warranty status, billing, SLA due times
    and breaches on the service calendar, and its callback; then KPIs per
    fault level, branch and technician. Writes an annotated workbook with
    computed columns, an Issues sheet and a Summary sheet with charts.

    Exit code 0: no errors (warnings allowed); 1: the data or the policy has
    errors; 2: a file cannot be read or the options are wrong.
    """
    out = output if output is not None or json_mode else default_output(files[0])
    with collector_paused():
        result = api.check(
            files,
            policy=policy,
            as_of=as_of,
            output=out,
            force=force,
            lang=lang,
            progress=progress_for(json_mode, lang),
        )
    tlang = terminal_lang(lang, workbook_lang(result))
    if json_mode:
        print_json(result.to_json(tlang))
    else:
        click.echo(AS_OF.render(tlang, when=result.as_of))
        print_table(result, limit, tlang)
        print_kpis(result, tlang)
        if result.output is not None:
            click.echo(WRITTEN.render(tlang, path=result.output))
    ctx.exit(exit_code(result.report))


AS_OF = Msg("As of {when:%Y-%m-%d %H:%M:%S}", "截至 {when:%Y-%m-%d %H:%M:%S}")
WRITTEN = Msg("Annotated workbook written to {path}", "已写出批注工作簿：{path}")
NOTHING = Msg("Nothing computed: the policy has errors (see above).", "未计算：服务政策有错误（见上）。")
REPAIRS = Msg("Repairs: {repairs}, resolved {resolved}", "维修：{repairs} 单，已修复 {resolved} 单")
SLA = Msg("SLA compliance: {rates}", "服务时限达标率：{rates}")
RATE = Msg("{what} {rate}", "{what} {rate}")
CALLBACKS = Msg(
    "Callbacks: rate {rate} (target {target}), on time {on_time}, missing {missing}; "
    "satisfaction {satisfaction} (target {satisfaction_target})",
    "回访：回访率 {rate}（目标 {target}），按时 {on_time}，未回访 {missing} 单；"
    "满意率 {satisfaction}（目标 {satisfaction_target}）",
)
WARRANTY = Msg("Warranty: {mix}", "保修：{mix}")
VISITS = Msg(
    "Planned visits: {planned}, completion {rate}, on time {on_time}, missing {missing}, due {due}",
    "计划巡检：{planned} 次，完成率 {rate}，按时 {on_time}，未完成 {missing} 次，待完成 {due} 次",
)
NONE = "–"
# A target as the SLA line names it: `on site 56.0%` / `到场 56.0%`.
TARGET_WORDS = {key: Msg(en.lower(), zh) for key, (en, zh) in TARGET_LABELS.items()}
# A warranty status as the Warranty line names it: the key in English (`free 70`), the label in Chinese (`免费保修 70`).
WARRANTY_WORDS = {key: Msg(key, zh) for key, (_en, zh) in STATUS_LABELS.items()}


def print_kpis(result: CheckResult, lang: str) -> None:
    """A few headline figures in `lang`; the Summary sheet has them all."""
    if result.evaluation is None:
        click.echo(NOTHING.render(lang))
        return
    overall = result.evaluation.kpis.get("overall", {})
    comp = overall.get("compliance", {})

    def pct(value: float | None) -> str:  # rounded half up, as Excel shows it in the Summary (81.25% -> 81.3%)
        if value is None:
            return NONE
        return f"{Decimal(repr(value * 100)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"

    click.echo(REPAIRS.render(lang, repairs=overall.get("repairs", 0), resolved=overall.get("resolved", 0)))
    rates = [RATE.bind(what=TARGET_WORDS[k], rate=pct(comp.get(k, {}).get("rate"))) for k in TARGET_LABELS]
    click.echo(SLA.render(lang, rates=rates))
    cb, sat = overall.get("callbacks", {}), overall.get("satisfaction", {})
    click.echo(
        CALLBACKS.render(
            lang,
            rate=pct(cb.get("rate")),
            target=pct(cb.get("target")),
            on_time=pct(cb.get("on_time_rate")),
            missing=cb.get("missing", 0),
            satisfaction=pct(sat.get("rate")),
            satisfaction_target=pct(sat.get("target")),
        )
    )
    mix = [RATE.bind(what=WARRANTY_WORDS.get(k, k), rate=v) for k, v in overall.get("warranty_status", {}).items() if v]
    click.echo(WARRANTY.render(lang, mix=mix or NONE))
    visits = result.evaluation.kpis.get("visits")
    if visits:  # only when the policy plans visits
        v = visits["overall"]
        click.echo(
            VISITS.render(
                lang, planned=v["planned"], rate=pct(v["rate"]), on_time=pct(v["on_time_rate"]), missing=v["missing"],
                due=v["due"],
            )
        )  # fmt: skip
