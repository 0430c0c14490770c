"""The measured parts: each sheetdesk command, called as a user would, and its own floor.

A part prepares its input at a scale, builds the command line, and (at full
scale) measures the floor for what the command read and wrote. Floors are
measured by floors.py in their own processes: read = python-calamine (or the
csv module) reading every file the command read; write = xlsxwriter in
constant-memory mode writing, with plain typed calls, every cell of every
file the command wrote (read back first, not timed).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import inputs
from harness import OUT, fastest, fastest_floor, floor, log, measure, sheetdesk_cmd
from inputs import Scale

AS_OF = "2026-11-01T00:00:00"


@dataclass
class Context:
    """What one run shares between parts: options, inputs made so far."""

    args: argparse.Namespace
    split_files: dict[str, list[Path]] = field(default_factory=dict)  # scale tag -> this run's split output
    datasets: dict[str, Any] = field(default_factory=dict)


@dataclass
class Prepared:
    """A part's command at one scale, and what its floor reads and writes."""

    cmd: list[str]
    reads: list[Path]
    writes: Callable[[], list[Path]]  # the files the command wrote (known once it ran)
    encoding: str | None = None
    info: dict[str, Any] = field(default_factory=dict)
    after: Callable[[dict[str, Any]], None] | None = None  # reads the output back (not timed)


@dataclass(frozen=True)
class Part:
    name: str
    command: str  # the sheetdesk command
    options: tuple[str, ...]  # options passed, checked against the command's --help before measuring
    goal: float  # command / floor
    floor_label: str
    prepare: Callable[[Context, Scale], Prepared]


# --- preparing each part ------------------------------------------------------------------------

def _master(ctx: Context, scale: Scale, mistakes: float = 1.0) -> Path:
    path, manifest = inputs.master(scale, ctx.args.lang, ctx.args.regenerate, mistakes)
    ctx.datasets[path.name] = {k: manifest[k] for k in ("rows", "bytes", "mistakes") if k in manifest}
    return path


def _check(ctx: Context, scale: Scale) -> Prepared:
    src = _master(ctx, scale)
    out = OUT / f"check-{scale.tag}.xlsx"
    return Prepared(sheetdesk_cmd("check", str(src), "-o", str(out), "--force", "--as-of", AS_OF), [src],
                    lambda: [out])


def _validate(ctx: Context, scale: Scale) -> Prepared:
    src = _master(ctx, scale)
    return Prepared(sheetdesk_cmd("validate", str(src), "--json"), [src], lambda: [])


def _split(ctx: Context, scale: Scale) -> Prepared:
    src = _master(ctx, scale)
    out_dir = inputs.fresh_dir(OUT / f"split-{scale.tag}")

    def written() -> list[Path]:
        return sorted(out_dir.glob("*.xlsx"))

    def keep(result: dict[str, Any]) -> None:
        if result["ok"] and written():
            ctx.split_files[scale.tag] = written()

    return Prepared(sheetdesk_cmd("split", str(src), "--by", "branch", "-o", str(out_dir), "--force"), [src],
                    written, after=keep)


def _collect(ctx: Context, scale: Scale) -> Prepared:
    src = _master(ctx, scale)
    now, corrections = inputs.master_now(src, ctx.args.regenerate)
    split = ctx.split_files.get(scale.tag) or inputs.split_untimed(src, OUT / f"collect-split-{scale.tag}")
    files, edits = inputs.branch_files(split, Path(f"{now}.json"), scale.tag)
    out = OUT / f"collect-{scale.tag}.xlsx"
    info = {"branch_files": len(files), "branch_edits": edits,
            "master_corrections": {"conflicts": len(corrections["conflicts"]),
                                   "master_only": corrections["master_only_changes"]}}
    key = src.with_name(src.stem + ".sheetdesk-key")  # split wrote it beside the master it split
    return Prepared(sheetdesk_cmd("collect", str(now), *map(str, files), "-o", str(out), "--force", "--key", str(key)),
                    [now, *files], lambda: [out], info=info)


def _import(kind: str) -> Callable[[Context, Scale], Prepared]:
    def prepare(ctx: Context, scale: Scale) -> Prepared:
        rows = scale.legacy_rows if kind == "csv" else scale.legacy_rows // 2
        src, manifest = inputs.legacy(kind, rows, ctx.args.regenerate)
        ctx.datasets[src.name] = manifest
        out = OUT / f"import-{kind}-{scale.tag}.xlsx"
        return Prepared(sheetdesk_cmd("import", str(src), "--kind", "repairs", "-o", str(out), "--force"),
                        [src], lambda: [out], encoding="gbk" if kind == "csv" else None)

    return prepare


def _heavy(ctx: Context, scale: Scale) -> Prepared:
    src = _master(ctx, scale, inputs.HEAVY_MISTAKES)
    out = OUT / f"heavy-{scale.tag}.xlsx"
    rows = sum(ctx.datasets[src.name]["rows"].values())

    def flagged(result: dict[str, Any]) -> None:
        if result["ok"] and not scale.half:
            n = inputs.flagged_rows(out, src)
            result["flagged_rows"] = n
            result["flagged_share"] = round(n / rows, 3) if n is not None else None

    return Prepared(sheetdesk_cmd("check", str(src), "-o", str(out), "--force", "--as-of", AS_OF), [src],
                    lambda: [out], after=flagged)


PARTS: dict[str, Part] = {p.name: p for p in (
    Part("check", "check", ("-o", "--force", "--as-of"), 1.25, "read + write", _check),
    Part("validate", "validate", ("--json",), 1.5, "read", _validate),
    Part("split", "split", ("--by", "-o", "--force"), 1.5, "read master + write branch files", _split),
    Part("collect", "collect", ("-o", "--force", "--key"), 1.5, "read master + branch files + write merged", _collect),
    Part("import-csv", "import", ("--kind", "-o", "--force"), 1.5, "csv module (GBK) + write", _import("csv")),
    Part("import-xlsx", "import", ("--kind", "-o", "--force"), 1.5, "calamine + write", _import("xlsx")),
    Part("heavy", "check", ("-o", "--force", "--as-of"), 1.5, "read + write", _heavy),
)}
PART_LABELS = {
    "check": "`check -o --as-of`",
    "validate": "`validate --json`",
    "split": "`split --by branch` (5 branches)",
    "collect": "`collect` of 5 edited branch files",
    "import-csv": "`import` of a GBK CSV (repairs)",
    "import-xlsx": "`import` of a hand-kept .xlsx (repairs)",
    "heavy": "`check -o` with ≥ 25 % of rows flagged",
}


# --- measuring one part -------------------------------------------------------------------------

def measure_part(ctx: Context, part: Part, scales: list[Scale]) -> list[dict[str, Any]]:
    """The part's command and its floor at each scale; the fastest of `--repeat` runs of each counts.

    The runs go in rounds, each round running the command and then its floor at
    every scale once. So a command, its floor and its other scale are measured
    minutes apart, and each --repeat round samples all of them again: this
    machine's speed drifts by more than the goals' margins within half an hour
    (the same floor took 30-60 % longer from one run to the next), and a ratio
    of two measurements taken far apart measured the drift as much as the code.
    """
    prepared = [part.prepare(ctx, scale) for scale in scales]
    runs: list[dict[str, list[dict[str, Any]]]] = [{"command": [], "read": [], "write": []} for _ in scales]
    for n in range(ctx.args.repeat):
        round_note = f" (round {n + 1} of {ctx.args.repeat})" if ctx.args.repeat > 1 else ""
        for scale, prep, got in zip(scales, prepared, runs, strict=True):
            log(f"{part.name} at {scale.tag}{round_note}")
            result = measure(prep.cmd, name=f"{part.name}-{scale.tag}")
            got["command"].append(result)
            if prep.after is not None:
                prep.after(result)
            if not result["ok"]:
                continue
            log(f"{part.name}: floor ({part.floor_label})")
            got["read"].append(floor("read", *(["--encoding", prep.encoding] if prep.encoding else []),
                                     *map(str, prep.reads), name="read"))
            written = prep.writes()
            if written:
                got["write"].append(floor("write", str(OUT / "floor-write"), *map(str, written), name="write"))
    return [_result(part, scale, prep, got) for scale, prep, got in zip(scales, prepared, runs, strict=True)]


def _result(part: Part, scale: Scale, prep: Prepared, got: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    out: dict[str, Any] = {"command": fastest(got["command"], name=f"{part.name}-{scale.tag}"), **prep.info}
    if out["command"]["ok"] and got["read"]:
        read = fastest_floor(got["read"])
        write = fastest_floor(got["write"]) if got["write"] else None
        parts = [f for f in (read, write) if f is not None]
        out["floor"] = {"read": read, "write": write,
                        "seconds": round(sum(f["seconds"] for f in parts), 3),
                        "cpu_seconds": round(sum(f["cpu_seconds"] for f in parts), 3)}
    return out


def prepare_only(ctx: Context, part: Part, scale: Scale) -> list[str]:
    """The command line of a part with its inputs ready (for --profile)."""
    return part.prepare(ctx, scale).cmd
