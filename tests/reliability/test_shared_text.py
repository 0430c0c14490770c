"""Text repeated through the shared strings (issue #11 item 8): counted before calamine copies it.

calamine copies a shared string into every cell that refers to it, so a few
megabytes of file can ask for gigabytes. These files are built here and read
through the commands; the largest would abort the process if it got through.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from sheetdesk.io.reading import limits, zipparts
from sheetdesk.io.reading.shared_text import string_spans
from sheetdesk.io.reading.xls_sst import string_lengths
from tests.helpers.cli import run_json
from tests.reliability.biff import sst_records, xls_file
from tests.reliability.runner import run
from tests.reliability.test_bounded_reading import HEADER_ROW, MAIN, one_line, xlsx

LONG = "x" * 32_000


def shared(*texts: str, prefix: str = "") -> str:
    tag = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    items = "".join(f"<{tag}si><{tag}t>{t}</{tag}t></{tag}si>" for t in texts)
    return f"<{tag}sst {xmlns}>{items}</{tag}sst>"


def string_rows(count: int, cell: str = '<c r="E{row}" t="s"><v>{index}</v></c>', index: int = 0) -> str:
    """Rows 2.. of the Repairs sheet, each with one string cell in column E (the description)."""
    return "".join(f'<row r="{r}">' + cell.format(row=r, index=index) + "</row>" for r in range(2, count + 2))


def test_one_long_string_in_a_hundred_thousand_cells_is_refused_before_it_is_copied(tmp_path: Path) -> None:
    """3.2 GB of copies from a 32 KB string: refused at the default budget, not an abort."""
    path = xlsx(tmp_path / "repeat.xlsx", HEADER_ROW + string_rows(100_000), shared=shared(LONG))
    assert path.stat().st_size < 2 * 1024**2
    for command in (("validate",), ("check",), ("import", "--kind", "repairs")):
        one_line(run(*command, path), path, "its cells refer to 3,054 MiB of shared text", "(2,048 MiB)")


@pytest.mark.parametrize(
    "cell",
    [
        "<c r=\"E{row}\" t='s'><v>{index}</v></c>",  # single quotes
        '<c r="E{row}" t = "s"><v>{index}</v></c>',  # spaces around =
        '<c r="E{row}" t="s"><f/><v>{index}</v></c>',  # something before the value
        '<c t="s" r="E{row}"><v> {index} </v></c>',  # spaces in the value
    ],
    ids=["single-quotes", "spaced", "formula-first", "spaced-value"],
)
def test_string_cells_written_another_way_count_as_the_longest_string(tmp_path: Path, cell: str) -> None:
    path = xlsx(tmp_path / "odd.xlsx", HEADER_ROW + string_rows(100_000, cell), shared=shared(LONG, "short"))
    one_line(run("validate", path), path, "of shared text", "more than sheetdesk reads")


def test_a_long_note_used_once_among_many_short_strings_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The budget set so low that only the exact count lets the file in: it does, and to the byte.

    5,000 cells refer to "screen flickers" (its XML, the last string, runs to
    the end of the part: 31 + 6 bytes) and one to the 32,016-byte note: 217,016.
    """
    rows = string_rows(5_000, index=1) + '<row r="5002"><c r="E5002" t="s"><v>0</v></c></row>'
    path = xlsx(tmp_path / "honest.xlsx", HEADER_ROW + rows, shared=shared(LONG, "screen flickers"))
    monkeypatch.setattr(limits, "MAX_REFERENCED_TEXT_BYTES", 217_016)
    result = run("validate", path, "--json")
    assert result.code in (0, 1) and "shared text" not in result.stderr, result
    monkeypatch.setattr(limits, "MAX_REFERENCED_TEXT_BYTES", 217_015)
    one_line(run("validate", path), path, "its cells refer to 0 MiB of shared text")


def test_string_lengths_are_learnt_across_piece_boundaries_and_namespace_prefixes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ("a", "bb" * 50, "", "ccc", LONG[:70])
    for prefix in ("", "x"):
        path = xlsx(tmp_path / f"s{prefix}.xlsx", HEADER_ROW, shared=shared(*texts, prefix=prefix))
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/sharedStrings.xml")
            whole = string_spans(zf, info).tolist()
            for size in (1, 2, 3, 5, 7, 64):
                monkeypatch.setattr(zipparts, "CHUNK", size)
                assert string_spans(zf, info).tolist() == whole, (prefix, size)
            monkeypatch.undo()
        tag = f"<{prefix}:si>" if prefix else "<si>"
        end = f"</{prefix}:t></{prefix}:si>" if prefix else "</t></si>"
        assert whole[:4] == [len(tag) + len(tag) - 1 + len(t) + len(end) for t in texts[:4]]
        assert len(whole) == len(texts)


def test_an_xls_whose_cells_repeat_one_long_shared_string_is_refused(tmp_path: Path) -> None:
    """The same attack in BIFF8: 30,000 LABELSST cells naming one 32,000-character string (a 500 KB file)."""
    cells = [(0, 0, "Ticket No"), (0, 4, "Fault Description")] + [(r, 4, ("sst", 0)) for r in range(1, 30_001)]
    path = xls_file(tmp_path / "repeat.xls", {"Repairs": cells}, shared=[LONG, "short"])
    assert path.stat().st_size < 1024**2
    one_line(run("validate", path), path, "its cells refer to 2,747 MiB of shared text", "(2,048 MiB)")


def test_an_xls_string_table_is_read_across_its_continue_records(tmp_path: Path) -> None:
    """Lengths come out right when strings are cut by CONTINUE records, and an honest file is read."""
    texts = ["a" * 9_000, "b", "c" * 20_000, "", "d" * 8_220]
    cells = [(0, 0, "Ticket No"), (0, 4, "Fault Description")] + [(1 + i, 4, ("sst", i)) for i in range(len(texts))]
    path = xls_file(tmp_path / "long.xls", {"Repairs": cells}, shared=texts)
    data = run_json("validate", path)
    assert data is not None
    raw, pieces = sst_records(texts), []
    while raw:
        kind, size = struct.unpack_from("<HH", raw)
        pieces.append(raw[4 : 4 + size])
        raw = raw[4 + size :]
    assert len(pieces) > 3
    assert string_lengths(pieces) == [len(t) for t in texts]
