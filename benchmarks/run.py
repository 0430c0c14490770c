"""Measure every sheetdesk command against its own Excel I/O floor, in one run.

    python benchmarks/run.py --size tiny                 # 1k/2k/1k rows: does everything still run?
    python benchmarks/run.py --size small                # 10k/20k/10k: a sanity run, a few minutes
    python benchmarks/run.py --size full                 # 100k/200k/100k: the real run, on a quiet machine
    python benchmarks/run.py --only split,collect        # a subset (see --help for the parts)
    python benchmarks/run.py --profile import-csv        # where a command's time goes (cProfile)

Parts (each command in a fresh process: wall time, CPU time, peak RSS):

  check        `check IN -o OUT --force --as-of ...`  vs read IN + write OUT       goal <= 1.25
  validate     `validate IN --json`                   vs read IN                   goal <= 1.5
  split        `split IN --by branch -o DIR --force`  vs read IN + write DIR/*     goal <= 1.5
  collect      `collect NOW FILES... -o OUT --force`  vs read NOW+FILES + write OUT goal <= 1.5
  import-csv   `import LOG.csv --kind repairs -o OUT` vs csv module + write OUT    goal <= 1.5
  import-xlsx  `import LOG.xlsx --kind repairs -o OUT` vs calamine + write OUT     goal <= 1.5
  heavy        `check` of a register with >= 25 % of rows flagged, as check        goal <= 1.5
  naive        pandas + openpyxl round trip of IN (only with --only naive)

Every command also runs at half the size: t(full) / t(half) <= 2.1. Peak RSS
<= 2 GiB for every command. A part's runs go in rounds (command, floor, the
same at half size; --repeat rounds), so that what a ratio compares is
measured minutes apart. See docs/benchmarks.md for what each floor and
input is. Results: printed, and written to benchmarks/results/latest.json
(full size) or latest-<size>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import subprocess
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import harness
import inputs
import report
from harness import CODE, REPO, RESULTS, log
from inputs import SIZES, Scale
from parts import PARTS, Context, measure_part, prepare_only

CHOICES = (*PARTS, "naive")
ALIASES = {"import": ("import-csv", "import-xlsx")}


def machine(command: str) -> dict[str, Any]:
    cpu, mem_gib = "", None
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem_gib = round(int(mem.split()[1]) / 1024**2, 1)
    except (OSError, StopIteration):
        pass
    versions: dict[str, str | None] = {}
    for pkg in ("sheetdesk", "python-calamine", "xlsxwriter", "openpyxl", "pandas"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "sheetdesk"], capture_output=True, text=True,
                           cwd=REPO)
    return {
        "cpu_count": os.cpu_count(), "cpu": cpu, "memory_gib": mem_gib,
        "python": platform.python_version(), "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "versions": versions, "git_head": git.stdout.strip(), "measured_commit": CODE.rev,
        "code": CODE.label, "sheetdesk_tree_dirty": CODE.rev is None and bool(dirty.stdout.strip()),
        "started": dt.datetime.now().isoformat(timespec="seconds"), "command": command,
    }


def selected(args: argparse.Namespace) -> list[str]:
    if not args.only:
        return list(PARTS)
    names: list[str] = []
    for name in args.only.split(","):
        for n in ALIASES.get(name.strip(), (name.strip(),)):
            if n not in CHOICES:
                raise SystemExit(f"--only: unknown part {n!r}; choose from {', '.join(CHOICES)} (or import)")
            names.append(n)
    return [n for n in CHOICES if n in names]  # in the order that lets collect use split's output


def preflight(names: list[str]) -> tuple[list[str], list[str]]:
    """Parts whose command exists; stop before measuring anything if an interface changed."""
    runnable, notes, problems = [], [], []
    for name in names:
        part = PARTS.get(name)
        if part is None:
            runnable.append(name)
        elif not harness.command_available(part.command):
            notes.append(f"`sheetdesk {part.command}` is not available in {CODE.label}: {name} not measured.")
        elif found := harness.interface_problems(part.command, part.options):
            problems += [f"{name}: {p}" for p in found]
        else:
            runnable.append(name)
    if problems:
        raise SystemExit("sheetdesk's command-line interface changed; nothing was measured:\n  "
                         + "\n  ".join(problems)
                         + "\nUpdate benchmarks/parts.py (the part's command line and options), or add options "
                           "to a command with --cli-extra COMMAND='--option value'.")
    return runnable, notes


def run(args: argparse.Namespace, command: str) -> dict[str, Any]:
    names, notes = preflight(selected(args))
    doc: dict[str, Any] = {"size": args.size, "rows": dict(zip(("sales", "repairs", "callbacks"), SIZES[args.size],
                                                                  strict=True)),
                           "as_of": "2026-11-01T00:00:00", "machine": machine(command), "notes": notes}
    log(f"measuring {CODE.label}: {', '.join(names)}")
    ctx = Context(args)
    m: dict[str, Any] = {"startup": harness.repeated([sys.executable, "-m", "sheetdesk", "--version"], 3,
                                                     name="startup")}
    full = Scale(args.size)
    for name in names:
        if name == "naive":
            src, _ = inputs.master(full, args.lang, args.regenerate)
            log("naive pandas + openpyxl (slow)")
            m["naive"] = harness.floor("naive", str(src), str(harness.OUT / "naive.xlsx"), name="naive")
        else:
            # At half size too (unless skipped), the floor included: how the Excel I/O itself grows here.
            scales = [full] if args.skip_scaling else [full, Scale(args.size, half=True)]
            m[name], *half = measure_part(ctx, PARTS[name], scales)
            if half:
                m[name]["half"] = half[0]
    doc["datasets"] = ctx.datasets
    doc["measurements"] = m
    doc["ratios"] = report.ratios(m)
    for name, res in m.items():
        cmd = res.get("command", res)
        if cmd.get("ok") is False:
            doc["notes"].append(f"{name} exited with {cmd['returncode']}{': ' + cmd['hint'] if cmd.get('hint') else ''}"
                                f": {' / '.join(cmd.get('stderr_tail', []))}")
    if args.size != "full":
        doc["notes"].append(f"{args.size} size: a sanity check of the harness, not a measurement of the goals "
                            "(fixed costs such as the interpreter's start weigh more at small sizes).")
    return doc


def profile(args: argparse.Namespace) -> int:
    names = [n for n in selected(argparse.Namespace(only=args.profile)) if n in PARTS]
    names, notes = preflight(names)
    for note in notes:
        log(note)
    ctx = Context(args)
    for name in names:
        cmd = prepare_only(ctx, PARTS[name], Scale(args.size))
        log(f"profiling {name} at {args.size}")
        text = harness.profile(cmd, f"{name}-{args.size}", top=args.top)
        print(f"\n##### {name}: {text.relative_to(REPO)}")
        body = text.read_text(encoding="utf-8")
        own_time = body[body.index("=== top"):].splitlines()  # the first table: functions by their own time
        print("\n".join(own_time[: args.top + 3]))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--size", choices=tuple(SIZES), default="small",
                        help="tiny 1k/2k/1k, small 10k/20k/10k, full 100k/200k/100k rows (default %(default)s)")
    parser.add_argument("--only", help=f"comma-separated parts: {', '.join(CHOICES)}; `import` = both imports")
    parser.add_argument("--skip-scaling", action="store_true", help="do not run the commands at half size")
    parser.add_argument("--skip-naive", action="store_true", help=argparse.SUPPRESS)  # round 1's flag: naive is opt-in
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the generated workbooks")
    parser.add_argument("--code", default="HEAD", metavar="REV|worktree",
                        help="measure the committed sheetdesk/ at a git revision (a snapshot; default HEAD) or "
                             "`worktree`, whatever is being edited in it")
    parser.add_argument("--cli-extra", action="append", default=[], metavar="COMMAND=OPTIONS",
                        help="add options to one command's line, e.g. collect='--accept-unrecorded' (repeatable)")
    parser.add_argument("--regenerate", action="store_true", help="generate the input files again")
    parser.add_argument("--profile", metavar="PART[,PART]",
                        help="instead of measuring, run the parts' commands under cProfile; writes "
                             "benchmarks/results/profile-<part>-<size>.prof and .txt")
    parser.add_argument("--top", type=int, default=25, help="functions listed per profile (default %(default)s)")
    parser.add_argument("--json", type=Path, help="results file (default results/latest.json at full size, "
                                                  "results/latest-<size>.json otherwise)")
    args = parser.parse_args(argv)
    for extra in args.cli_extra:
        command, sep, options = extra.partition("=")
        if not sep:
            parser.error(f"--cli-extra {extra!r}: expected COMMAND=OPTIONS")
        CODE.extra.setdefault(command.strip(), []).extend(shlex.split(options))
    if args.code.lower() != "worktree":
        harness.use_revision(args.code)
    if args.profile:
        return profile(args)
    command = shlex.join(["python", *sys.argv]) if argv is None else shlex.join(["run.py", *argv])
    doc = run(args, command)
    print(report.tables(doc))
    path = args.json or RESULTS / ("latest.json" if args.size == "full" else f"latest-{args.size}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log(f"results written to {path}")
    failed = [n for n, res in doc["measurements"].items() if res.get("command", res).get("ok") is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
