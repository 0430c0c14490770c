"""Fuzzing the readers in a child process: a crash (SIGABRT, a Rust abort) fails one test, not the run.

Mutated crafted files (.xlsx with far or odd cells, .ods with repeats, .xls
records) are read by `read_workbook` in a subprocess under a memory limit;
the child must end with a workbook or an InputError, never a signal, a
traceback or a timeout. The campaign is capped in time (~20 s here);
SHEETDESK_FUZZ_SECONDS=600 runs a longer one.
"""

from __future__ import annotations

import os
import random
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.reliability.biff import ole_file, sheet_stream, workbook_stream
from tests.reliability.test_bounded_reading import HEADER_ROW, ods, xlsx

SECONDS = float(os.environ.get("SHEETDESK_FUZZ_SECONDS", "20"))
ROOT = Path(__file__).resolve().parents[2]
CHILD = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))
    from sheetdesk.errors import InputError
    from sheetdesk.io.reader import read_workbook
    for path in sys.argv[1:]:
        try:
            read_workbook(path)
        except InputError as exc:
            assert "\\n" not in exc.text("en")
        print("ok", path, flush=True)
""")

REFS = ["A1", "XFD1048576", "xfd1048576", "AX999999", "B4294967297", "ZZZ1", "A0", "1A", "", "IV65536"]


def _xlsx_case(rng: random.Random, folder: Path, n: int) -> Path:
    cells = []
    for _ in range(rng.randint(1, 6)):
        ref = rng.choice(REFS)
        quote = rng.choice(['"', "'"])
        attr = rng.choice([f"r={quote}{ref}{quote}", f"r = {quote}{ref}{quote}", ""])
        kind = rng.choice(["", ' t="e"', ' t="s"', ' s="1"', ' t="inlineStr"'])
        value = rng.choice(["<v>1</v>", "<v>-1e12</v>", "<v>#SPILL!</v>", "<v>NaN</v>", "<is><t>x</t></is>", "",
                            "<v>-inf</v>", "<v>0</v>"])
        prefix = rng.choice(["", "", "x:"])
        cells.append(f"<{prefix}c {attr}{kind}>{value}</{prefix}c>" if rng.random() < 0.9 else f"<c {attr}/>")
    rows = "".join(rng.choice(["<row>", '<row r="3">', "<row/>" * rng.randint(0, 50) + "<row>"]) + c + "</row>"
                   for c in cells)
    target = rng.choice(["worksheets/sheet1.xml", "elsewhere/s.xml", "WORKSHEETS/Sheet1.xml"])
    shared = rng.choice([None, "<sst><si><t>a</t></si></sst>"])
    return xlsx(folder / f"f{n}.xlsx", HEADER_ROW + rows, target=target, shared=shared)


def _ods_case(rng: random.Random, folder: Path, n: int) -> Path:
    rows = ""
    for _ in range(rng.randint(1, 4)):
        repeat = rng.choice([1, 2, 1000, 10**6, 10**9, "x", "-1"])
        cols = rng.choice([1, 3, 1024, 10**5, 10**8, "+7"])
        value = rng.choice(['office:value-type="float" office:value="1"', "", 'office:value-type="string"',
                            'table:formula="of:=1"'])
        text = rng.choice(["", "<text:p>a</text:p>", '<text:p>a<text:s text:c="100000000"/></text:p>'])
        rows += (f'<table:table-row table:number-rows-repeated="{repeat}"><table:table-cell {value} '
                 f'table:number-columns-repeated="{cols}">{text}</table:table-cell></table:table-row>')
    return ods(folder / f"f{n}.ods", rows)


def _xls_case(rng: random.Random, folder: Path, n: int) -> Path:
    cells = [(0, 0, "Ticket No"), (rng.choice([1, 255, 65535]), rng.choice([1, 255, 65534]), 1.0)]
    dims = rng.choice([None, (10, 5, 0, 3), (0, 0xFFFFFFFF, 0, 0xFFFF), (0, 2, 0, 2)])
    sheet = sheet_stream(cells, dimensions=dims)
    stream = bytearray(workbook_stream({"S": sheet}, codepage=rng.choice([1200, 437, 10008, 65535])))
    for _ in range(rng.randint(0, 4)):  # flip bytes in the records
        at = rng.randrange(len(stream) - 4096 if len(stream) > 4096 else len(stream))
        stream[at] = rng.randrange(256)
    path = ole_file(folder / f"f{n}.xls", bytes(stream))
    if rng.random() < 0.3:  # damage the container too
        data = bytearray(path.read_bytes())
        for _ in range(rng.randint(1, 3)):
            at = rng.choice([40, 44, 48, 60, 64, 68, 72, 76, 512 + rng.randrange(64), 1024 + 116, 1024 + 120])
            struct.pack_into("<I", data, at, rng.choice([0, 1, 0xFFFFFFFE, 0xFFFFFFFF, 0x7FFFFFFF, 5]))
        path.write_bytes(bytes(data))
    return path


def test_readers_never_crash_the_process(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("SHEETDESK_FUZZ_SEED", "20250601")))
    makers = [_xlsx_case, _ods_case, _xls_case]
    deadline = time.monotonic() + SECONDS
    batch = 0
    while time.monotonic() < deadline:
        folder = tmp_path / f"b{batch}"
        folder.mkdir()
        paths = [str(makers[i % 3](rng, folder, i)) for i in range(30)]
        child = subprocess.run([sys.executable, "-c", CHILD, *paths], cwd=ROOT, capture_output=True, text=True,
                               timeout=120)
        done = [line.split(" ", 1)[1] for line in child.stdout.splitlines() if line.startswith("ok ")]
        crashed = paths[len(done)] if len(done) < len(paths) else None
        assert child.returncode == 0, f"the reader died ({child.returncode}) on {crashed}: {child.stderr[-2000:]}"
        batch += 1
    assert batch >= 1
