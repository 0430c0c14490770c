"""Measure sheetdesk against the Excel I/O floor, in one run.

    python benchmarks/run.py --size small          # 10k/20k/10k rows, a minute or two
    python benchmarks/run.py --size full           # 100k/200k/100k rows, many minutes
    python benchmarks/run.py --only read,validate  # a subset
    python benchmarks/run.py --skip-naive --skip-scaling

What is measured (every command in a fresh process, see measure.py):

* read floor: python-calamine reads every sheet of the input (`to_python()`).
* write floor: xlsxwriter (constant_memory) writes, with plain typed calls,
  every cell of the workbook `check -o` wrote (read back with calamine first,
  not timed). Until `check` exists the cells of `validate -o` are used and
  the result is labelled so. floor = read floor + write floor.
* `check IN -o OUT --force --as-of 2026-11-01T00:00:00`: wall time and peak
  RSS; goal check / floor <= 1.5.
* `validate IN --json`: goal validate / read floor <= 3.
* the naive pipeline: pandas.read_excel(openpyxl) of all sheets, then
  to_excel(openpyxl) of the same frames; goal naive / check >= 5.
* scaling: repairs at 50k, 100k, 200k with sales and callbacks scaled
  proportionally (half the repairs each); goal t(200k) / t(100k) <= 2.2.

Absolute times vary between machines; the ratios are the point. Results are
printed as a table and written to benchmarks/results/latest.json.
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
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
RESULTS = HERE / "results" / "latest.json"
AS_OF = "2026-11-01T00:00:00"
SEED = 20261101

SIZES = {  # sales, repairs, callbacks
    "small": (10_000, 20_000, 10_000),
    "full": (100_000, 200_000, 100_000),
}
SCALING_REPAIRS = {"small": (5_000, 10_000, 20_000), "full": (50_000, 100_000, 200_000)}
PARTS = ("read", "write", "check", "validate", "naive", "scaling")

GOALS = {
    "check_vs_floor": ("<=", 1.5),
    "validate_vs_read_floor": ("<=", 3.0),
    "naive_vs_check": (">=", 5.0),
    "scaling_200k_vs_100k": ("<=", 2.2),
}


@dataclass
class Run:
    """Everything one benchmark run measured, ready for the table and JSON."""

    args: argparse.Namespace
    machine: dict[str, Any] = field(default_factory=dict)
    available: dict[str, bool] = field(default_factory=dict)
    datasets: dict[str, Any] = field(default_factory=dict)
    measurements: dict[str, Any] = field(default_factory=dict)
    ratios: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# --- helpers ------------------------------------------------------------------------------------

# Where `python -m sheetdesk` runs from: the working tree, or a snapshot of the
# committed code (the checkout is shared, and code edited in the middle of a
# run would make its numbers incomparable).
@dataclass
class Code:
    dir: Path
    label: str


CODE = Code(REPO, "working tree")


def sheetdesk_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "sheetdesk", *args]


def snapshot_head() -> tuple[Path, str]:
    """The committed `sheetdesk/` package at HEAD, unpacked under benchmarks/data/code-<sha>/."""
    sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True,
                         cwd=REPO).stdout.strip()
    target = DATA / f"code-{sha}"
    if not (target / "sheetdesk" / "__init__.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", "HEAD", "sheetdesk"], capture_output=True, check=True, cwd=REPO)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target, sha


def code_env() -> dict[str, str]:
    env = dict(os.environ)
    if CODE.dir != REPO:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(CODE.dir), env.get("PYTHONPATH")) if p)
    return env


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def measure(cmd: list[str], *, stdout: Path | None = None, ok_codes: tuple[int, ...] = (0,)) -> dict[str, Any]:
    """Run cmd under measure.py (fresh process): seconds, peak RSS, return code."""
    wrapper = [sys.executable, str(HERE / "measure.py")]
    if stdout is not None:
        wrapper += ["--stdout", str(stdout)]
    proc = subprocess.run([*wrapper, "--", *cmd], capture_output=True, text=True, check=True, cwd=CODE.dir,
                          env=code_env())
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["ok"] = result["returncode"] in ok_codes
    return result


def repeated(cmd: list[str], repeat: int, **kwargs: Any) -> dict[str, Any]:
    """The fastest of `repeat` runs (peak RSS: the largest)."""
    runs = [measure(cmd, **kwargs) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    best = {**best, "max_rss_mib": max(r["max_rss_mib"] for r in runs), "runs": [r["seconds"] for r in runs]}
    best["ok"] = all(r["ok"] for r in runs)
    return best


def worker(kind: str, *paths: Path, repeat: int = 1) -> dict[str, Any]:
    """A floors.py measurement: the worker's own timing of the measured part, plus RSS."""
    out = DATA / "out" / f"floor-{kind}.json"
    best: dict[str, Any] | None = None
    for _ in range(repeat):
        outer = measure([sys.executable, str(HERE / "floors.py"), kind, *map(str, paths)], stdout=out)
        if not outer["ok"]:
            raise SystemExit(f"floors.py {kind} failed: {outer['stderr_tail']}")
        inner = json.loads(out.read_text().strip().splitlines()[-1])
        result = {**inner, "process_seconds": outer["seconds"], "max_rss_mib": outer["max_rss_mib"]}
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def command_available(name: str) -> bool:
    proc = subprocess.run(sheetdesk_cmd(name, "--help"), capture_output=True, text=True, check=False,
                          cwd=CODE.dir, env=code_env())
    return proc.returncode == 0


def dataset(sales: int, repairs: int, callbacks: int, lang: str, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    """The generated workbook for these sizes, generated once and reused (same seed, same cells)."""
    path = DATA / f"desk_{sales}_{repairs}_{callbacks}_{lang}_{SEED}.xlsx"
    manifest = Path(f"{path}.json")
    if regenerate or not path.exists() or not manifest.exists():
        log(f"generating {path.name}")
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--sales", str(sales), "--repairs", str(repairs),
                        "--callbacks", str(callbacks), "-o", str(path), "--lang", lang, "--seed", str(SEED)],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return path, json.loads(manifest.read_text(encoding="utf-8"))


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem_gib = round(int(mem.split()[1]) / 1024**2, 1)
    except (OSError, StopIteration):
        mem_gib = None
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
        "versions": versions, "git_commit": git.stdout.strip(),
        "sheetdesk_tree_dirty": bool(dirty.stdout.strip()),
        "started": dt.datetime.now().isoformat(timespec="seconds"),
    }


def ratio(name: str, num: dict[str, Any] | None, den: dict[str, Any] | None, label: str) -> dict[str, Any] | None:
    """num / den by wall time (the goal) and by CPU time (less disturbed by a busy machine)."""
    if not num or not den or not num.get("seconds") or not den.get("seconds"):
        return None
    value = num["seconds"] / den["seconds"]
    cpu = num["cpu_seconds"] / den["cpu_seconds"] if num.get("cpu_seconds") and den.get("cpu_seconds") else None
    op, goal = GOALS.get(name, ("", None))
    met = None if goal is None else (value <= goal if op == "<=" else value >= goal)
    return {"value": round(value, 2), "cpu_value": round(cpu, 2) if cpu else None,
            "goal": f"{op} {goal}" if goal else None, "met": met, "label": label}


def usable(res: dict[str, Any] | None) -> dict[str, Any] | None:
    """A measurement that ran and succeeded, else None."""
    if not res or res.get("available") is False or res.get("ok") is False or "seconds" not in res:
        return None
    return res


# --- the run ------------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> Run:
    parts = set(args.only.split(",")) if args.only else set(PARTS)
    if args.skip_naive:
        parts.discard("naive")
    if args.skip_scaling:
        parts.discard("scaling")
    unknown = parts - set(PARTS)
    if unknown:
        raise SystemExit(f"--only: unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    r = Run(args)
    if args.code == "head":
        CODE.dir, sha = snapshot_head()
        CODE.label = f"committed code at {sha} (snapshot in {Path(CODE.dir).relative_to(REPO)})"
    r.machine = machine()
    r.machine["code"] = CODE.label
    r.machine["sheetdesk_tree_dirty"] = args.code == "worktree" and r.machine["sheetdesk_tree_dirty"]
    log(f"measuring {CODE.label}")
    r.available = {"validate": command_available("validate"), "check": command_available("check")}
    log(f"available: {r.available}")
    out_dir = DATA / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    m = r.measurements

    sales, repairs, callbacks = SIZES[args.size]
    src, manifest = dataset(sales, repairs, callbacks, args.lang, args.regenerate)
    r.datasets["main"] = {**manifest, "path": str(src.relative_to(REPO))}
    checked = out_dir / "main.checked.xlsx"
    validated = out_dir / "main.validated.xlsx"

    m["startup"] = repeated(sheetdesk_cmd("--version"), 3)

    if "read" in parts or "write" in parts or "check" in parts:
        log("read floor")
        m["read_floor"] = worker("read", src, repeat=args.repeat)

    if "check" in parts or "write" in parts or "naive" in parts:
        if r.available["check"]:
            log("check")
            m["check"] = repeated(sheetdesk_cmd("check", str(src), "-o", str(checked), "--force", "--as-of", AS_OF),
                                  args.repeat, ok_codes=(0, 1))
        else:
            m["check"] = {"available": False}
            r.notes.append("`sheetdesk check` is not available yet: check / floor and naive / check are pending.")

    if "validate" in parts or (not r.available["check"] and ("write" in parts or "check" in parts)):
        if r.available["validate"]:
            log("validate --json")
            m["validate_json"] = repeated(sheetdesk_cmd("validate", str(src), "--json"), args.repeat,
                                          ok_codes=(0, 1))
            if not r.available["check"]:
                log("validate -o (stand-in for what check writes)")
                m["validate_o"] = repeated(sheetdesk_cmd("validate", str(src), "-o", str(validated), "--force"),
                                           args.repeat, ok_codes=(0, 1))
        else:
            m["validate_json"] = {"available": False}
            r.notes.append("`sheetdesk validate` is not available yet.")

    if "write" in parts or "check" in parts:
        if r.available["check"] and m.get("check", {}).get("ok") and checked.exists():
            written, label = checked, "check -o output"
        elif m.get("validate_o", {}).get("ok") and validated.exists():
            written, label = validated, "validate -o output (check pending)"
        else:
            written, label = src, "the input workbook (neither check -o nor validate -o output available)"
        log(f"write floor ({label})")
        m["write_floor"] = {**worker("write", written, out_dir / "floor-write.xlsx", repeat=args.repeat),
                            "cells_of": label}

    if "naive" in parts:
        log("naive pandas + openpyxl (slow)")
        m["naive"] = worker("naive", src, out_dir / "naive.xlsx")

    if "scaling" in parts:
        cmd_name = "check" if r.available["check"] else "validate" if r.available["validate"] else None
        if cmd_name is None:
            m["scaling"] = {"available": False}
        else:
            points = {}
            for n in SCALING_REPAIRS[args.size]:
                path, man = dataset(n // 2, n, n // 2, args.lang, args.regenerate and n != repairs)
                log(f"scaling: {cmd_name} at {n:,} repairs")
                cmd = (sheetdesk_cmd("check", str(path), "-o", str(out_dir / f"scale_{n}.checked.xlsx"), "--force",
                                     "--as-of", AS_OF) if cmd_name == "check"
                       else sheetdesk_cmd("validate", str(path), "--json"))
                points[str(n)] = {**repeated(cmd, args.repeat, ok_codes=(0, 1)), "rows": man["rows"]}
            m["scaling"] = {"command": cmd_name, "sales_and_callbacks": "repairs / 2 each (proportional)",
                            "points": points}
            if cmd_name != "check":
                r.notes.append("Scaling measured with `validate --json` because `check` is not available yet.")

    # ratios
    read, write = usable(m.get("read_floor")), usable(m.get("write_floor"))
    floor = None
    if read and write:
        floor = {"seconds": round(read["seconds"] + write["seconds"], 3),
                 "cpu_seconds": round(read["cpu_seconds"] + write["cpu_seconds"], 3),
                 "cells_of": write["cells_of"]}
        m["floor"] = floor
    check, val, valo, naive = (usable(m.get(k)) for k in ("check", "validate_json", "validate_o", "naive"))
    candidates = {
        "check_vs_floor": ratio("check_vs_floor", check, floor, "check / (read floor + write floor)"),
        "validate_o_vs_floor": ratio("validate_o_vs_floor", valo, floor,
                                     "validate -o / (read floor + write floor of validate's output)"),
        "validate_vs_read_floor": ratio("validate_vs_read_floor", val, read, "validate --json / read floor"),
        "naive_vs_check": ratio("naive_vs_check", naive, check, "naive pandas+openpyxl / check"),
        "naive_vs_validate_o": ratio("naive_vs_validate_o", naive, valo,
                                     "naive pandas+openpyxl / validate -o (check pending)"),
    }
    scaling = m.get("scaling", {}).get("points")
    if scaling:
        lo, mid, hi = (usable(scaling[str(n)]) for n in SCALING_REPAIRS[args.size])
        cmd_name = m["scaling"]["command"]
        candidates["scaling_200k_vs_100k"] = ratio("scaling_200k_vs_100k", hi, mid,
                                                   f"{cmd_name}: t(4x) / t(2x) repairs")
        candidates["scaling_100k_vs_50k"] = ratio("scaling_100k_vs_50k", mid, lo, f"{cmd_name}: t(2x) / t(1x) repairs")
    r.ratios = {k: v for k, v in candidates.items() if v is not None}
    for name, res in m.items():
        if isinstance(res, dict) and res.get("ok") is False:
            r.notes.append(f"{name} exited with {res.get('returncode')}: {' / '.join(res.get('stderr_tail', []))}")
    return r


# --- output -------------------------------------------------------------------------------------

def _sec(res: dict[str, Any] | None) -> str:
    if not res:
        return "-"
    if res.get("available") is False:
        return "n/a"
    if res.get("ok") is False:
        return f"failed ({res.get('returncode')})"
    return f"{res['seconds']:.2f}"


def _cpu(res: dict[str, Any] | None) -> str:
    return f"{res['cpu_seconds']:.2f}" if res and res.get("cpu_seconds") else ""


def _rss(res: dict[str, Any] | None) -> str:
    return f"{res['max_rss_mib']:,.0f}" if res and "max_rss_mib" in res else ""


def table(r: Run) -> str:
    m = r.measurements
    main = r.datasets["main"]
    rows_ = main["rows"]
    lines = [
        f"machine: {r.machine['cpu_count']} CPUs ({r.machine['cpu']}), {r.machine['memory_gib']} GiB, "
        f"Python {r.machine['python']}, {r.machine['platform']}",
        f"sheetdesk {r.machine['versions']['sheetdesk']}: {r.machine['code']}"
        f"{' + uncommitted changes in sheetdesk/' if r.machine['sheetdesk_tree_dirty'] else ''}; "
        f"load average at start {r.machine['load_average_at_start']}",
        f"command: {r.machine['command']}",
        f"input: {main['path']} ({rows_['sales']:,} sales, {rows_['repairs']:,} repairs, "
        f"{rows_['callbacks']:,} callbacks; {main['bytes'] / 1024**2:.1f} MiB)",
        "",
        "| measurement | wall s | CPU s | peak RSS MiB | note |",
        "|---|---:|---:|---:|---|",
    ]

    def row(name: str, res: dict[str, Any] | None, note: str = "") -> None:
        if res is not None:
            lines.append(f"| {name} | {_sec(res)} | {_cpu(res)} | {_rss(res)} | {note} |")

    row("interpreter + sheetdesk import (`--version`)", m.get("startup"))
    rf = m.get("read_floor")
    row("read floor: calamine, every sheet", rf, f"{rf['cells']:,} cells" if rf else "")
    wf = m.get("write_floor")
    row("write floor: xlsxwriter constant_memory", wf, f"{wf['cells']:,} cells of {wf['cells_of']}" if wf else "")
    if "floor" in m:
        lines.append(f"| **floor = read + write** | {m['floor']['seconds']:.2f} | {_cpu(m['floor'])} | | |")
    row("`check -o --as-of`", m.get("check"))
    row("`validate --json`", m.get("validate_json"))
    row("`validate -o` (stand-in for check's output)", m.get("validate_o"))
    nv = m.get("naive")
    row("naive: pandas.read_excel + to_excel (openpyxl)", nv,
        f"read {nv['read_seconds']:.1f} s + write {nv['write_seconds']:.1f} s" if nv else "")
    sc = m.get("scaling", {})
    if sc.get("available") is False:
        row("scaling", sc, "needs check (or validate)")
    for n, res in (sc.get("points") or {}).items():
        rr = res["rows"]
        row(f"scaling: `{sc['command']}` at {int(n):,} repairs", res,
            f"{rr['sales']:,} / {rr['repairs']:,} / {rr['callbacks']:,} rows")
    if r.ratios:
        lines += ["", "| ratio | wall | CPU | goal (wall) | met |", "|---|---:|---:|---|---|"]
        for res in r.ratios.values():
            met = "" if res["met"] is None else "yes" if res["met"] else "**no**"
            cpu = f"{res['cpu_value']:.2f}×" if res["cpu_value"] else ""
            lines.append(f"| {res['label']} | {res['value']:.2f}× | {cpu} | {res['goal'] or ''} | {met} |")
    if r.notes:
        lines += [""] + [f"- {n}" for n in r.notes]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--size", choices=tuple(SIZES), default="small",
                        help="small = 10k/20k/10k rows, full = 100k/200k/100k (default %(default)s)")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(PARTS)}")
    parser.add_argument("--skip-naive", action="store_true", help="skip the slow pandas + openpyxl pipeline")
    parser.add_argument("--skip-scaling", action="store_true", help="skip the 50k/100k/200k scaling runs")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the generated workbook")
    parser.add_argument("--code", choices=("head", "worktree"), default="head",
                        help="measure the committed sheetdesk at HEAD (a snapshot; default) or the working tree "
                             "with whatever is being edited in it")
    parser.add_argument("--regenerate", action="store_true", help="generate the input workbooks again")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the results (default %(default)s)")
    args = parser.parse_args(argv)
    r = run(args)
    r.machine["command"] = shlex.join(["python", *sys.argv]) if argv is None else shlex.join(["run.py", *argv])
    text = table(r)
    print(text)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    document = {"size": args.size, "as_of": AS_OF, "machine": r.machine, "available": r.available,
                "datasets": r.datasets, "measurements": r.measurements, "ratios": r.ratios, "notes": r.notes}
    args.json.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
