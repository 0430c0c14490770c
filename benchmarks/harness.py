"""Running things for the benchmarks: which sheetdesk, fresh processes, floors, the CLI's interface.

Every measured command runs in a fresh process under `measure.py` (wall
time, CPU time, peak RSS of that one process). The sheetdesk measured is a
snapshot of the committed `sheetdesk/` at a git revision (default HEAD;
`git archive` into benchmarks/data/code-<sha>/, run with PYTHONPATH), or the
working tree. The helper scripts (generate.py, edits.py, legacy.py) always
use the working tree's `sheetdesk.schema` for sheet and header names.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
OUT = DATA / "out"
RESULTS = HERE / "results"


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- which sheetdesk ----------------------------------------------------------------------------

@dataclass
class Code:
    """Where `python -m sheetdesk` runs from, and extra options per command (`--cli-extra`)."""

    dir: Path = REPO
    label: str = "working tree"
    rev: str | None = None
    extra: dict[str, list[str]] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.dir != REPO:
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(self.dir), env.get("PYTHONPATH")) if p)
        return env


CODE = Code()


def use_revision(rev: str) -> None:
    """Measure the committed `sheetdesk/` at `rev` (any git revision), unpacked once per commit."""
    proc = subprocess.run(["git", "rev-parse", "--short", f"{rev}^{{commit}}"], capture_output=True, text=True,
                          cwd=REPO)
    if proc.returncode != 0:
        raise SystemExit(f"--code {rev}: not a git revision of {REPO}")
    sha = proc.stdout.strip()
    target = DATA / f"code-{sha}"
    if not (target / "sheetdesk" / "__init__.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "sheetdesk"], capture_output=True, check=True, cwd=REPO)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    CODE.dir, CODE.rev = target, sha
    CODE.label = f"committed code at {sha} (snapshot in {target.relative_to(REPO)})"


def sheetdesk_cmd(command: str, *args: str) -> list[str]:
    """`python -m sheetdesk COMMAND ARGS`, plus what --cli-extra adds to that command."""
    return [sys.executable, "-m", "sheetdesk", command, *args, *CODE.extra.get(command, [])]


def helper_env() -> dict[str, str]:
    """generate.py, edits.py and legacy.py import the working tree's sheetdesk.schema."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


def helper(script: str, *args: str) -> dict[str, Any]:
    """Run a helper script (not timed); its last stdout line is JSON."""
    proc = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True, text=True,
                          cwd=REPO, env=helper_env())
    if proc.returncode != 0:
        raise SystemExit(f"{script} {' '.join(args)} failed:\n{proc.stderr.strip()}")
    lines = proc.stdout.strip().splitlines()
    try:
        result: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        result = {}
    return result


# --- the command-line interface -----------------------------------------------------------------

class InterfaceChanged(Exception):
    """A command no longer takes what the benchmark passes it."""


_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
_HELP: dict[str, tuple[int, str]] = {}


def cli_help(command: str) -> tuple[int, str]:
    if command not in _HELP:
        proc = subprocess.run([sys.executable, "-m", "sheetdesk", command, "--help"], capture_output=True, text=True,
                              cwd=CODE.dir, env=CODE.env(), check=False)
        _HELP[command] = (proc.returncode, proc.stdout + proc.stderr)
    return _HELP[command]


def command_available(command: str) -> bool:
    return cli_help(command)[0] == 0


def interface_problems(command: str, options: tuple[str, ...]) -> list[str]:
    """What of `options` the command's --help does not list (empty when all is well)."""
    code, text = cli_help(command)
    if code != 0:
        return [f"`sheetdesk {command} --help` exits with {code}: {text.strip().splitlines()[-1:]}"]
    listed = set(_OPTION.findall(text))
    return [f"`sheetdesk {command}` does not list {opt}" for opt in (*options, *CODE.extra.get(command, []))
            if opt.startswith("-") and opt not in listed]


# --- measuring ----------------------------------------------------------------------------------

def measure(cmd: list[str], *, name: str, ok_codes: tuple[int, ...] = (0, 1)) -> dict[str, Any]:
    """Run cmd under measure.py (a fresh process): seconds, CPU seconds, peak RSS, exit code."""
    OUT.mkdir(parents=True, exist_ok=True)
    stdout = OUT / f"{name}.stdout"
    wrapper = [sys.executable, str(HERE / "measure.py"), "--stdout", str(stdout), "--"]
    proc = subprocess.run([*wrapper, *cmd], capture_output=True, text=True, check=True, cwd=CODE.dir,
                          env=CODE.env())
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["ok"] = result["returncode"] in ok_codes
    tail = stdout.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
    result["stdout_tail"] = [line[:300] for line in tail]
    return result


def repeated(cmd: list[str], repeat: int, *, name: str, ok_codes: tuple[int, ...] = (0, 1)) -> dict[str, Any]:
    """The fastest of `repeat` runs (peak RSS: the largest); exit code 2 means usage or input trouble."""
    return fastest([measure(cmd, name=name, ok_codes=ok_codes) for _ in range(repeat)], name=name)


def fastest(runs: list[dict[str, Any]], *, name: str) -> dict[str, Any]:
    """Runs of one command (`measure`) as one result: the fastest (peak RSS: the largest)."""
    best = min(runs, key=lambda r: r["seconds"])
    best = {**best, "max_rss_mib": max(r["max_rss_mib"] for r in runs), "runs": [r["seconds"] for r in runs],
            "ok": all(r["ok"] for r in runs)}
    if not best["ok"]:
        failed = next(r for r in runs if not r["ok"])
        hint = (" (bad usage or unreadable input: has the command's interface changed? see its --help; "
                "--cli-extra adds options)" if failed["returncode"] == 2 else "")
        log(f"FAILED {name}: exit {failed['returncode']}{hint}: {' / '.join(failed['stderr_tail'])}")
        best["hint"] = hint.strip(" ()")
    return best


def floor(kind: str, *args: str, name: str) -> dict[str, Any]:
    """A floors.py measurement: the worker's own timing of the measured part, plus its process's peak RSS."""
    outer = measure([sys.executable, str(HERE / "floors.py"), kind, *args], name=f"floor-{name}", ok_codes=(0,))
    if not outer["ok"]:
        raise SystemExit(f"floors.py {kind} failed: {outer['stderr_tail']}")
    inner = json.loads((OUT / f"floor-{name}.stdout").read_text().strip().splitlines()[-1])
    return {**inner, "process_seconds": outer["seconds"], "max_rss_mib": outer["max_rss_mib"]}


def fastest_floor(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Runs of one floor (`floor`, one per --repeat round) as one result: the fastest."""
    return min(runs, key=lambda r: r["seconds"])


def profile(cmd: list[str], name: str, top: int = 30) -> Path:
    """Run a sheetdesk command under cProfile; write <name>.prof and a <name>.txt summary to results/."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    prof, text = RESULTS / f"profile-{name}.prof", RESULTS / f"profile-{name}.txt"
    assert cmd[1:3] == ["-m", "sheetdesk"], cmd
    run = [cmd[0], "-m", "cProfile", "-o", str(prof), *cmd[1:]]
    proc = subprocess.run(run, capture_output=True, text=True, cwd=CODE.dir, env=CODE.env(), check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"profiling {name} failed (exit {proc.returncode}):\n{proc.stderr.strip()[-2000:]}")
    summary = subprocess.run([sys.executable, "-c", _PSTATS, str(prof), str(top)], capture_output=True, text=True,
                             check=True, cwd=CODE.dir, env=CODE.env())
    text.write_text(f"$ {' '.join(cmd[1:])}\n{CODE.label}\n\n{summary.stdout}", encoding="utf-8")
    return text


# pstats in the measured code's environment, so that the file names are the snapshot's
# (paths shortened to sheetdesk/... and the package name for installed libraries)
_PSTATS = r"""
import io, os, pstats, re, sys
path, top = sys.argv[1], int(sys.argv[2])
short = re.compile(r"\S*?(?:site-packages|lib/python3\.\d+)/|" + re.escape(os.getcwd() + os.sep))
for order, title, only in (("tottime", "own time (tottime)", ()),
                           ("cumulative", "including callees (cumtime), sheetdesk's own functions",
                            (r"sheetdesk/(?!cli/|__main__)",)),
                           ("cumulative", "including callees (cumtime)", ())):
    out = io.StringIO()
    pstats.Stats(path, stream=out).sort_stats(order).print_stats(*only, top)
    body = out.getvalue()
    print(f"=== top {top} by {title}")
    print(short.sub("", body[body.find("   ncalls"):].rstrip()))
    print()
"""
