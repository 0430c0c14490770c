"""`sheetdesk check`: validate, then warranty, SLA, callbacks and KPIs."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import click

from sheetdesk import api
from sheetdesk.bulk import collector_paused
from sheetdesk.checking import CheckResult
from sheetdesk.cli.common import WhenType, debug_option, exit_code, print_json, progress_for
from sheetdesk.cli.validate import DEFAULT_LIMIT, print_table
from sheetdesk.io.outputs import default_output
from sheetdesk.schema.computed import TARGET_LABELS


@click.command("check", short_help="Validate, then compute warranty, SLA, callbacks and KPIs.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.option(
    "--policy",
    type=click.Path(path_type=Path),
    metavar="P",
    help="Policy workbook replacing the built-in one, sheet by sheet. Policy sheets inside "
    "the data workbook take precedence over both.",
)
@click.option(
    "--as-of",
    "as_of",
    type=WhenType(),
    default=None,
    help="Judge open items against this moment (default: now). Printed in the output.",
)
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
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many issues on the terminal (0 = all).",
)
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
        result = api.check(files, policy=policy, as_of=as_of, output=out, force=force, progress=progress_for(json_mode))
    if json_mode:
        print_json(result.to_json())
    else:
        click.echo(f"As of {result.as_of:%Y-%m-%d %H:%M:%S}")
        print_table(result, limit)
        print_kpis(result)
        if result.output is not None:
            click.echo(f"Annotated workbook written to {result.output}")
    ctx.exit(exit_code(result.report))


def print_kpis(result: CheckResult) -> None:
    """A few headline figures; the Summary sheet has them all."""
    if result.evaluation is None:
        click.echo("Nothing computed: the policy has errors (see above).")
        return
    overall = result.evaluation.kpis.get("overall", {})
    comp = overall.get("compliance", {})

    def pct(value: float | None) -> str:  # rounded half up, as Excel shows it in the Summary (81.25% -> 81.3%)
        if value is None:
            return "–"
        return f"{Decimal(repr(value * 100)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"

    click.echo(f"Repairs: {overall.get('repairs', 0)}, resolved {overall.get('resolved', 0)}")
    click.echo(
        "SLA compliance: "
        + ", ".join(f"{en.lower()} {pct(comp.get(k, {}).get('rate'))}" for k, (en, _zh) in TARGET_LABELS.items())
    )
    cb, sat = overall.get("callbacks", {}), overall.get("satisfaction", {})
    click.echo(
        f"Callbacks: rate {pct(cb.get('rate'))} (target {pct(cb.get('target'))}), on time "
        f"{pct(cb.get('on_time_rate'))}, missing {cb.get('missing', 0)}; satisfaction "
        f"{pct(sat.get('rate'))} (target {pct(sat.get('target'))})"
    )
    mix = overall.get("warranty_status", {})
    click.echo("Warranty: " + (", ".join(f"{k} {v}" for k, v in mix.items() if v) or "–"))
    visits = result.evaluation.kpis.get("visits")
    if visits:  # only when the policy plans visits
        v = visits["overall"]
        click.echo(
            f"Planned visits: {v['planned']}, completion {pct(v['rate'])}, on time {pct(v['on_time_rate'])}, "
            f"missing {v['missing']}, due {v['due']}"
        )
