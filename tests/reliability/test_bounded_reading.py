"""Bounded reading (issue #11 items 8, 9, 11): crafted workbooks that crashed or were refused.

Each file is built here from a few lines of XML or BIFF; each command gets
exit 2 and one line, or reads the file and reports what it found. Files
that could crash the process are read in a subprocess by `test_fuzz_readers.py`.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.reliability.biff import xls_file
from tests.reliability.runner import Run, run

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/>'
    '<xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'
)
HEADER = ("Ticket No", "Serial No", "Reported At", "Fault Level", "Fault Description")
HEADER_ROW = '<row r="1">' + "".join(
    f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{label}</t></is></c>' for i, label in enumerate(HEADER)
) + "</row>"


def xlsx(path: Path, sheet_data: str, target: str = "worksheets/sheet1.xml", shared: str | None = None) -> Path:
    """A one-sheet workbook named Repairs whose sheetData is `sheet_data`, its part at xl/`target`."""
    rels = f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="{target}"/>'
    rels += f'<Relationship Id="rId2" Type="{RELS}/styles" Target="styles.xml"/>'
    if shared is not None:
        rels += f'<Relationship Id="rId3" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        zf.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    f'relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
                    "</Relationships>")
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
                    '<sheet name="Repairs" sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                    f'2006/relationships">{rels}</Relationships>')
        zf.writestr("xl/styles.xml", STYLES)
        if shared is not None:
            zf.writestr("xl/sharedStrings.xml", shared)
        zf.writestr("xl/" + target, f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData></worksheet>')
    return path


def one_line(result: Run, path: Path, *words: str) -> str:
    assert result.code == 2, result
    assert result.stdout == "" and "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"sheetdesk: error: {path}: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


FAR = "<row r='2'><c r='XFD1048576'><v>1</v></c></row>"
SPELLINGS = {
    "single quotes": FAR,
    "spaces around =": '<row r="2"><c r = "XFD1048576" ><v>1</v></c></row>',
    "lower case": '<row r="2"><c r="xfd1048576"><v>1</v></c></row>',
    "a namespace prefix": '<x:row r="2"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>',
    "a reference that wraps past 2**32": '<row r="2"><c r="XFD4296015872"><v>1</v></c></row>',
    "cells without references": '<row r="2">' + "<c><v>1</v></c>" * 17_000 + "</row>" + "<row/>" * 3_000
                                + "<row><c><v>2</v></c></row>",
}


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("command", ["validate", "check", "import"])
def test_every_spelling_of_a_far_cell_is_refused_in_one_line(spelling: str, command: str, tmp_path: Path) -> None:
    """calamine would allocate the grid out to that cell and abort the process (exit 134)."""
    path = xlsx(tmp_path / "far.xlsx", HEADER_ROW + SPELLINGS[spelling])
    args = {"validate": ["validate", path], "check": ["check", path, "--as-of", "2025-06-01"],
            "import": ["import", path, "--kind", "repairs", "-o", tmp_path / "out.xlsx"]}[command]
    line = one_line(run(*args), path, "sheet 'Repairs' reaches row", "more than sheetdesk reads (50,000,000)")
    assert "Ctrl+End" in line


def test_a_sheet_part_outside_the_worksheets_folder_is_scanned(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "elsewhere.xlsx", HEADER_ROW + FAR, target="hidden/place.xml")
    one_line(run("validate", path), path, "sheet 'Repairs' reaches row 1,048,576 and column XFD")


def test_the_refusal_is_in_chinese_for_a_chinese_reader(tmp_path: Path) -> None:
    from sheetdesk.errors import InputError
    from sheetdesk.io.reader import read_workbook

    path = xlsx(tmp_path / "far.xlsx", HEADER_ROW + FAR)
    with pytest.raises(InputError) as info:
        read_workbook(path)
    line = info.value.text("zh")
    assert line.startswith(f"{path}：工作表“Repairs”延伸到第 1,048,576 行、XFD 列") and "Ctrl+End" in line


def test_styled_empty_cells_far_away_are_not_data(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "styled.xlsx", HEADER_ROW + '<row r="1048576"><c r="XFD1048576" s="1"/></row>')
    result = run("validate", path, "--json")
    assert result.code in (0, 1) and json.loads(result.stdout)


def test_error_cells_are_read_as_blank_and_reported_at_their_cell(tmp_path: Path) -> None:
    """#SPILL!, #CALC!, #FIELD! made calamine refuse the workbook; #N/A was read as empty text, unreported."""
    data = HEADER_ROW + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>T1</t></is></c><c r="B2" t="e"><v>#SPILL!</v></c>'
        '<c r="C2" t="e"><v>#CALC!</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="e"><v>#FIELD!</v></c></row>'
    )
    path = xlsx(tmp_path / "errors.xlsx", data)
    result = run("validate", path, "--json")
    assert result.code in (0, 1), result
    found = [(i["cell"], i["value"], i["message"]) for i in json.loads(result.stdout)["issues"]
             if i["code"] == "cell.error_value"]
    assert found == [("B2", "#SPILL!", "the cell holds the error value #SPILL!; it is read as blank"),
                     ("C2", "#CALC!", "the cell holds the error value #CALC!; it is read as blank"),
                     ("D2", "#N/A", "the cell holds the error value #N/A; it is read as blank"),
                     ("E2", "#FIELD!", "the cell holds the error value #FIELD!; it is read as blank")]


@pytest.mark.parametrize("value", ["-1e12", "-inf", "-5", "-1e308"])
def test_a_date_cell_holding_no_date_is_read_as_its_number(value: str, tmp_path: Path) -> None:
    """calamine panicked (PanicException, a 190-line traceback, exit 1) or invented 00:00."""
    data = HEADER_ROW + f'<row r="2"><c r="A2" t="inlineStr"><is><t>T1</t></is></c><c r="C2" s="1"><v>{value}</v></c></row>'
    path = xlsx(tmp_path / "date.xlsx", data)
    for command in (["validate", path, "--json"], ["check", path, "--as-of", "2025-06-01", "--json"]):
        result = run(*command)
        assert "Traceback" not in result.stderr and result.code in (0, 1), result
        found = [i for i in json.loads(result.stdout)["issues"] if i["code"] == "cell.not_a_date"]
        assert [(i["cell"], i["value"]) for i in found] == [("C2", value)]
        assert "which is no date; it is read as that number" in found[0]["message"]


def test_odd_cells_anywhere_in_a_long_sheet_are_all_found(tmp_path: Path) -> None:
    """Error values and dates that are no dates, across the scan's 4 MiB pieces, after a formula,
    two in one cell: each reported once, at its cell (with the value as written), nothing else."""
    from sheetdesk.io.reader import read_workbook

    filler = "长" * 500  # a row's text: 3,000 rows are 4.6 MB of XML, more than one piece
    rows, expected = [HEADER_ROW], set()
    for r in range(2, 3002):
        cells = f'<c r="A{r}" t="inlineStr"><is><t>T{r} {filler}</t></is></c>'
        if r % 97 == 0:
            cells += f'<c r="C{r}" s="1"><v>-{r}</v></c>'
            expected.add(("cell.not_a_date", f"C{r}", f"-{r}"))
        elif r % 89 == 0:
            cells += f'<c r="B{r}" t="e"><v>#N/A</v></c>'
            expected.add(("cell.error_value", f"B{r}", "#N/A"))
        elif r % 83 == 0:
            cells += f'<c r="C{r}" s="1"><f>{"1-" * 100}2</f><v>-1</v></c>'
            expected.add(("cell.not_a_date", f"C{r}", "-1"))
        elif r % 79 == 0:
            cells += f'<c r="C{r}" x="a&gt;b" s="1"><v>-2</v><v>-3</v></c>'
            expected.add(("cell.not_a_date", f"C{r}", "-2"))
        elif r % 7 == 0:
            cells += f'<c r="C{r}" s="1"><v>45000.5</v></c><c r="D{r}"><v>-7</v></c>'  # a date; a plain number
        rows.append(f'<row r="{r}">{cells}</row>')
    path = xlsx(tmp_path / "long.xlsx", "".join(rows))
    book = read_workbook(path)
    found = [(i.code, i.cell, i.value) for i in book.findings.issues]
    assert sorted(found) == sorted(expected) and len(found) == len(expected)


def test_a_panic_in_the_reader_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the Rust reader raises (PanicException derives from BaseException) is one InputError."""
    import python_calamine

    class Panic(BaseException):
        pass

    def explode(*_args: object, **_kwargs: object) -> None:
        raise Panic("TimeDelta::milliseconds out of bounds")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", explode)
    path = xlsx(tmp_path / "ok.xlsx", HEADER_ROW)
    one_line(run("validate", path), path, "the workbook reader failed (TimeDelta::milliseconds out of bounds)")


def test_shared_strings_beyond_the_budget_are_refused_before_unpacking(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A 3.4 MB file whose strings unpack to 2.9 GiB, in small: the limit set to 100 strings."""
    from sheetdesk.io.reading import limits

    monkeypatch.setattr(limits, "MAX_SHARED_STRINGS", 100)
    shared = f'<sst xmlns="{MAIN}">' + "<si><t/></si>" * 101 + "</sst>"
    path = xlsx(tmp_path / "strings.xlsx", HEADER_ROW, shared=shared)
    one_line(run("validate", path), path, "holds 101 shared strings", "more than sheetdesk reads (100 strings")


def ods(path: Path, rows: str) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                    'xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
                    '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
        zf.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                    'office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:'
                    'oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
                    f'<table:table table:name="维修记录">{rows}</table:table></office:spreadsheet></office:body>'
                    "</office:document-content>")
    return path


def test_an_ods_of_99_million_repeated_cells_is_refused(tmp_path: Path) -> None:
    rows = ('<table:table-row table:number-rows-repeated="9900"><table:table-cell office:value-type="float" '
            'office:value="1" table:number-columns-repeated="10000"/></table:table-row>')
    path = ods(tmp_path / "repeats.ods", rows)
    assert path.stat().st_size < 2048
    line = one_line(run("import", path, "--kind", "repairs", "-o", tmp_path / "o.xlsx"), path,
                    "repeats its cells out to row 9,900", "99,000,000 cells")
    assert "sheet '维修记录'" in line


def test_an_ods_padded_the_way_libreoffice_pads_is_read(tmp_path: Path) -> None:
    cells = "".join(f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>'
                    for h in ("报修单号", "故障描述"))
    rows = (f'<table:table-row>{cells}<table:table-cell table:number-columns-repeated="1022"/></table:table-row>'
            '<table:table-row><table:table-cell office:value-type="string"><text:p>BX1</text:p></table:table-cell>'
            '<table:table-cell office:value-type="string"><text:p>电源<text:s text:c="2"/>损坏</text:p>'
            '</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048574">'
            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    path = ods(tmp_path / "padded.ods", rows)
    result = run("import", path, "--kind", "repairs", "-o", tmp_path / "o.xlsx", "--json")
    assert result.code in (0, 1), result
    assert json.loads(result.stdout)["rows"]["read"] == 1


def test_ods_text_repeated_beyond_the_budget_is_refused(tmp_path: Path) -> None:
    rows = ('<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/>'
            "</text:p></table:table-cell></table:table-row>")
    path = ods(tmp_path / "spaces.ods", rows)
    one_line(run("validate", path), path, "repeats its text into 3,815 MiB")


def test_an_xls_whose_dimensions_has_first_row_after_last_is_refused(tmp_path: Path) -> None:
    """calamine reserved (last - first + 1) rows in 32-bit arithmetic: four billion rows, then abort."""
    path = xls_file(tmp_path / "dims.xls", {"Repairs": [(0, 0, "Ticket No")]}, dimensions=(10, 5, 0, 3))
    one_line(run("validate", path), path, "sheet 'Repairs' declares 4,294,967,291 rows by 3 columns")


def test_an_xls_cell_at_the_far_corner_is_refused(tmp_path: Path) -> None:
    path = xls_file(tmp_path / "far.xls", {"Repairs": [(0, 0, "Ticket No"), (65535, 65535, 1.0)]},
                    dimensions=(0, 1, 0, 1))
    one_line(run("validate", path), path, "sheet 'Repairs' reaches 65,536 rows by 65,536 columns")


def test_an_xls_with_a_broken_container_is_refused(tmp_path: Path) -> None:
    path = xls_file(tmp_path / "ok.xls", {"Repairs": [(0, 0, "Ticket No")]})
    data = bytearray(path.read_bytes())
    data[44:48] = (0x7FFFFFFF).to_bytes(4, "little")  # the header's FAT sector count
    path.write_bytes(bytes(data))
    one_line(run("validate", path), path, "is a damaged .xls file (header claims 2,147,483,647 FAT sectors")


@pytest.mark.parametrize(("codepage", "codec", "sheet", "text"), [
    (437, "cp437", "Café", "naïve ░ 5°"),
    (10008, "gb2312", "维修记录", "报修单号"),
    (936, "gbk", "维修记录", "报修单号"),
])
def test_old_xls_codepages_are_decoded(codepage: int, codec: str, sheet: str, text: str, tmp_path: Path) -> None:
    """calamine refused code pages 437 and 10008 and garbled double-byte text of BIFF5 files."""
    path = xls_file(tmp_path / "old.xls", {sheet: [(0, 0, text)]}, biff=5, codepage=codepage, codepage_name=codec)
    result = run("import", path, "--kind", "repairs", "--dry-run", "--json")
    assert "Traceback" not in result.stderr and result.code != 2 or "no table found" in result.stderr, result
    from sheetdesk.io.reader import read_workbook

    book = read_workbook(path)
    assert book.sheets[0].name == sheet and book.sheets[0].rows[0][0] == text
    assert [i.code for i in book.findings.issues] == ["xls.codepage"]


def test_xls_error_cells_are_reported(tmp_path: Path) -> None:
    from sheetdesk.io.reader import read_workbook

    path = xls_file(tmp_path / "e.xls", {"Repairs": [(0, 0, "Ticket No"), (1, 0, "T1"), (1, 1, ("error", 0x07))]})
    book = read_workbook(path)
    assert [(i.code, i.cell, i.value) for i in book.findings.issues] == [("cell.error_value", "B2", "#DIV/0!")]
