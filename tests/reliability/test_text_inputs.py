"""CSV and other text (issue #11 items 2, 10, 11; issue #13 items 3, 4): every line a row, bounded time.

Files are written here; the commands run as a clerk runs them.
"""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from sheetdesk.io.reader import read_workbook
from tests.reliability.runner import Run, run

REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld"
HEADER = "Ticket No,Serial No,Reported At,Fault Description,Technician"


def one_line(result: Run, path: Path, *words: str) -> None:
    assert result.code == 2 and result.stdout == "", result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"sheetdesk: error: {path}: "), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def log_lines(count: int) -> list[str]:
    return [HEADER] + [f"BX{i:04d},SN{i:04d},2024-05-01 09:{i % 60:02d},no power {i},Wang" for i in range(count)]


def test_a_stray_quote_does_not_swallow_the_rows_after_it(tmp_path: Path) -> None:
    """A description typed `"12 inch screen` pulled the next 1,497 rows into one cell, reported as 2 read."""
    lines = log_lines(1500)
    lines[3] = 'BX0002,SN0002,2024-05-01 09:02,"12 inch screen,Wang'
    path = tmp_path / "log.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", path, "--kind", "repairs", "-o", tmp_path / "out.xlsx", "--json")
    assert result.code in (0, 1), result
    report = json.loads(result.stdout)
    assert report["rows"]["read"] == 1500
    assert report["rows"]["written"] + report["rows"]["rejected"] == 1500
    book = read_workbook(path)
    assert [(i.code, i.row) for i in book.findings.issues] == [("csv.quote_unclosed", 4)]
    assert book.findings.issues[0].message == (
        "line 4: a quote opened on this line never closes on it; lines 4-1501 are read as 1498 rows "
        "(the quote kept as text), not joined into one cell")
    rows = book.sheets[0].rows
    assert rows[3] == ["BX0002", "SN0002", "2024-05-01 09:02", '"12 inch screen', "Wang"]
    assert rows[-1][0] == "BX1499" and len(rows) == 1501


def test_a_quoted_cell_over_several_lines_stays_one_cell(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(HEADER + '\nBX1,SN1,2024-05-01,"first line\nsecond line, with a comma",Wang\nBX2,SN2,2024-05-02,'
                    "ok,Li\n", encoding="utf-8")
    book = read_workbook(path)
    assert book.sheets[0].rows[1][3] == "first line\nsecond line, with a comma"
    assert len(book.sheets[0].rows) == 3 and not book.findings.issues


def test_an_escaped_quote_keeps_every_field_in_place(tmp_path: Path) -> None:
    """csv.Sniffer guessed doublequote=False from `""` and shifted the row by four fields."""
    path = tmp_path / "quoted.csv"
    path.write_text(HEADER + '\nBX1,SN1,2024-05-01,"screen says ""E-04"", then, nothing",Wang\n', encoding="utf-8")
    row = read_workbook(path).sheets[0].rows[1]
    assert row == ["BX1", "SN1", "2024-05-01", 'screen says "E-04", then, nothing', "Wang"]


@pytest.mark.parametrize(("encoding", "name"), [("utf-8-sig", "utf-8 (BOM)"), ("utf-8", "utf-8"),
                                                ("utf-16", "utf-16"), ("gbk", "gbk"), ("cp1252", "windows-1252")])
def test_encodings_are_decided_by_evidence_and_named(encoding: str, name: str, tmp_path: Path) -> None:
    text = ("报修单号;故障描述\nBX1;电源损坏\n" if encoding not in ("cp1252",) else "Nummer;Beschreibung\n1;Gerät kaputt\n")
    path = tmp_path / "log.csv"
    path.write_bytes(text.encode(encoding))
    book = read_workbook(path)
    assert book.encoding == name
    assert book.sheets[0].rows == [row.split(";") for row in text.splitlines()]


def test_a_real_semicolon_separated_windows_1252_export() -> None:
    path = REALWORLD / ("juhijj__BPIC-2013-Volvo-IT-Belgium-root--cause-analysis-of-ping-pong-Behaviour__"
                        "VINST cases open problems.csv")
    if not path.exists():
        pytest.skip("shared/realworld is not beside the repository")
    book = read_workbook(path)
    assert book.encoding == "windows-1252"
    rows = book.sheets[0].rows
    assert rows[0][:2] == ["Problem Number", "Problem Latest Impact"] and len({len(r) for r in rows}) == 1


def test_a_quadratic_sniff_input_is_quick(tmp_path: Path) -> None:
    """64 KB of `\\n"` took csv.Sniffer 50 s."""
    path = tmp_path / "quotes.csv"
    path.write_text('\n"' * 32_768, encoding="utf-8")
    started = time.perf_counter()
    result = run("import", path, "--kind", "repairs", "--dry-run")
    assert time.perf_counter() - started < 10
    assert result.code in (1, 2) and "Traceback" not in result.stderr


def test_a_line_of_five_million_fields_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(HEADER + "\n" + ",".join(["x"] * 5_000_000) + "\n", encoding="utf-8")
    started = time.perf_counter()
    one_line(run("import", path, "--kind", "repairs", "--dry-run"), path,
             "line 2 has 5,000,000 fields, more than a sheet's 16,384 columns")
    assert time.perf_counter() - started < 30


def test_a_field_longer_than_the_csv_module_default_is_read(tmp_path: Path) -> None:
    """A field over 131,072 characters was an internal error."""
    path = tmp_path / "long.csv"
    path.write_text(HEADER + "\nBX1,SN1,2024-05-01," + "x" * 200_000 + ",Wang\n", encoding="utf-8")
    assert len(read_workbook(path).sheets[0].rows[1][3]) == 200_000
    result = run("import", path, "--kind", "repairs", "-o", tmp_path / "out.xlsx")
    assert result.code in (0, 1) and "internal error" not in result.stderr


def test_tab_separated_text_named_xls_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("Ticket No\tSerial No\tReported At\nT1\tSN1\t2025-03-01 09:00\n", encoding="utf-8")
    book = read_workbook(path)
    assert book.format == "csv" and book.sheets[0].rows[1] == ["T1", "SN1", "2025-03-01 09:00"]
    assert [i.message for i in book.findings.issues] == [
        "the file is delimited text (CSV) despite its .xls name; it was read as delimited text (CSV)"]


def test_an_html_table_named_xls_is_read_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "工单导出.xls"
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            "<table border=1><tr><th>报修单号<th>故障描述<th colspan=2>维修人员</tr>"
            "<tr><td>BX1<td>电源<br>损坏<td>王<td>李</tr><tr><td>BX2<td>屏幕<td>张<td></tr></table></body></html>")
    path.write_bytes(page.encode("gbk"))
    book = read_workbook(path)
    assert book.format == "html" and book.encoding == "gb2312"
    assert book.sheets[0].rows == [["报修单号", "故障描述", "维修人员", None], ["BX1", "电源\n损坏", "王", "李"],
                                   ["BX2", "屏幕", "张", None]]
    assert book.sheets[0].merged == [((0, 2), (0, 3))]
    result = run("import", path, "--kind", "repairs", "-o", tmp_path / "out.xlsx", "--json")
    assert result.code in (0, 1) and json.loads(result.stdout)["rows"]["read"] == 2


def test_an_xlsx_named_xls_is_read_as_xlsx(tmp_path: Path) -> None:
    from tests.reliability.books import write_master

    source = write_master(tmp_path / "master.xlsx")
    path = tmp_path / "master.xls"
    shutil.copyfile(source, path)
    book = read_workbook(path)
    assert book.format == "xlsx" and [s.name for s in book.sheets] == [s.name for s in read_workbook(source).sheets]
    result = run("validate", path, "--json")
    assert result.code == 0, result
    assert [i["code"] for i in json.loads(result.stdout)["issues"]] == ["file.read_as"]


WHAT_IT_IS = {
    "report.xls": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF document, not a workbook"),
    "photo.xlsx": (b"\x89PNG\r\n\x1a\n" + bytes(200), "is a picture, not a workbook"),
    "letter.xls": (b"Dear customer, thanks.\nWe will call you back.\n", "is plain text, not a workbook"),
    "old.xls": (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
                b"<Worksheet/></Workbook>", "is an Excel 2003 XML spreadsheet"),
}


@pytest.mark.parametrize("name", WHAT_IT_IS)
def test_what_cannot_be_read_is_named(name: str, tmp_path: Path) -> None:
    data, words = WHAT_IT_IS[name]
    path = tmp_path / name
    path.write_bytes(data)
    one_line(run("validate", path), path, words)


def test_a_word_document_named_xlsx_is_named(tmp_path: Path) -> None:
    path = tmp_path / "minutes.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    one_line(run("check", path), path, "is a Word document, not a workbook")
