"""Run one command in a fresh process and report its wall time and peak memory.

    python benchmarks/measure.py [--stdout FILE] -- COMMAND [ARGS...]

prints one JSON line: ``{"seconds": ..., "max_rss_mib": ..., "returncode": ...,
"stderr_tail": ...}``. The peak RSS comes from ``getrusage(RUSAGE_CHILDREN)``,
which is the largest of all children a process ever waited for; running each
measured command under its own short-lived ``measure.py`` keeps that number
about this one command only.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    stdout_path = None
    if args[:1] == ["--stdout"]:
        stdout_path, args = args[1], args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    try:
        started = time.perf_counter()
        proc = subprocess.run(args, stdout=out, stderr=subprocess.PIPE, check=False)
        seconds = time.perf_counter() - started
    finally:
        if stdout_path:
            out.close()  # type: ignore[union-attr]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    stderr = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    print(json.dumps({
        "seconds": round(seconds, 3),
        "max_rss_mib": round(usage.ru_maxrss / 1024, 1),  # Linux: KiB
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
        "returncode": proc.returncode,
        "stderr_tail": stderr[-5:],
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
