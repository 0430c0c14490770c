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
from harness import OUT, floor, log, repeated, sheetdesk_cmd
from inputs import Scale

AS_OF = "2026-11-01T00:00:00"


@dataclass
class Context:
    """What one run shares between parts: options, inputs made so far, read floors by file."""

    args: argparse.Namespace
    split_files: dict[str, list[Path]] = field(default_factory=dict)  # scale tag -> this run's split output
    read_floors: dict[tuple[str, ...], dict[str, Any]] = field(default_factory=dict)
    datasets: dict[str, Any] = field(default_factory=dict)

    def read_floor(self, paths: list[Path], encoding: str | None = None) -> dict[str, Any]:
        key = (encoding or "", *map(str, paths))
        if key not in self.read_floors:
            args = (["--encoding", encoding] if encoding else []) + list(key[1:])
            self.read_floors[key] = floor("read", *args, repeat=self.args.repeat, name="read")
        return self.read_floors[key]


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

def measure_part(ctx: Context, part: Part, scale: Scale, with_floor: bool) -> dict[str, Any]:
    prepared = part.prepare(ctx, scale)
    log(f"{part.name} at {scale.tag}")
    result = repeated(prepared.cmd, ctx.args.repeat, name=f"{part.name}-{scale.tag}")
    if prepared.after is not None:
        prepared.after(result)
    out: dict[str, Any] = {"command": result, **prepared.info}
    if with_floor and result["ok"]:
        log(f"{part.name}: floor ({part.floor_label})")
        read = ctx.read_floor(prepared.reads, prepared.encoding)
        written = prepared.writes()
        write = floor("write", str(OUT / "floor-write"), *map(str, written), repeat=ctx.args.repeat,
                      name="write") if written else None
        parts = [f for f in (read, write) if f is not None]
        out["floor"] = {"read": read, "write": write,
                        "seconds": round(sum(f["seconds"] for f in parts), 3),
                        "cpu_seconds": round(sum(f["cpu_seconds"] for f in parts), 3)}
    return out


def prepare_only(ctx: Context, part: Part, scale: Scale) -> list[str]:
    """The command line of a part with its inputs ready (for --profile)."""
    return part.prepare(ctx, scale).cmd
