"""XML entity attacks: nothing expands them, nothing reads a local file, nothing hangs."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest

from sheetdesk.errors import InputError
from sheetdesk.io.reader import read_workbook
from tests.reliability.books import write_master
from tests.reliability.runner import run

# Ten levels of ten: "lol" a billion times (3 GB) if a parser expands it.
BILLION_LAUGHS = '<!DOCTYPE sst [<!ENTITY lol0 "lol">' + "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)) + "]>"
SECRET = "a line only the local file holds"


def _replace_part(source: Path, target: Path, part: str, edit: Callable[[str], str]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data = edit(data.decode()).encode()
            zout.writestr(info, data)
    return target


def _with_doctype(xml: str, doctype: str, first_text: str, entity: str) -> str:
    head, rest = xml.split("?>", 1)
    return head + "?>" + doctype + rest.replace(first_text, entity, 1)


def laughs_in_shared_strings(folder: Path) -> Path:
    plain = write_master(folder / "plain.xlsx")
    return _replace_part(plain, folder / "laughs.xlsx", "xl/sharedStrings.xml",
                         lambda xml: _with_doctype(xml, BILLION_LAUGHS, "<t>Infusion Pump</t>", "<t>&lol9;</t>"))


def laughs_in_a_sheet(folder: Path) -> Path:
    plain = write_master(folder / "plain.xlsx")
    doctype = BILLION_LAUGHS.replace("DOCTYPE sst", "DOCTYPE worksheet")
    return _replace_part(plain, folder / "laughs-sheet.xlsx", "xl/worksheets/sheet4.xml",
                         lambda xml: _with_doctype(xml, doctype, "<sheetData>",
                                                   '<sheetData><row r="9"><c r="A9" t="inlineStr"><is><t>&lol9;'
                                                   "</t></is></c></row>"))


def external_entity(folder: Path) -> Path:
    secret = folder / "secret.txt"
    secret.write_text(SECRET)
    plain = write_master(folder / "plain.xlsx")
    doctype = f'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    return _replace_part(plain, folder / "xxe.xlsx", "xl/sharedStrings.xml",
                         lambda xml: _with_doctype(xml, doctype, "<t>Infusion Pump</t>", "<t>&xxe;</t>"))


ATTACKS = {"billion laughs in sharedStrings": laughs_in_shared_strings,
           "billion laughs in a sheet": laughs_in_a_sheet,
           "external entity (XXE)": external_entity}


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.parametrize("attack", ATTACKS)
def test_openpyxl_refuses_entities(attack: str, tmp_path: Path) -> None:
    from defusedxml import DefusedXmlException

    path = ATTACKS[attack](tmp_path)
    started = time.perf_counter()
    with pytest.raises(ValueError) as info:  # openpyxl wraps defusedxml's error in its own ValueError
        openpyxl.load_workbook(path)
    assert time.perf_counter() - started < 5
    chain: list[BaseException] = []
    error: BaseException | None = info.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, DefusedXmlException) for e in chain), chain


@pytest.mark.parametrize("attack", ATTACKS)
def test_our_reader_refuses_entities_without_expanding_them(attack: str, tmp_path: Path) -> None:
    """calamine (quick-xml) does not expand DTD entities: an undeclared-to-it entity is an error."""
    path = ATTACKS[attack](tmp_path)
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"cannot be read as xlsx: .*unrecognized entity `&(lol9|xxe);`"):
        read_workbook(path)
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("attack", ATTACKS)
@pytest.mark.parametrize("command", ["validate", "check", "import", "split"])
def test_commands_refuse_entities_in_one_line(attack: str, command: str, tmp_path: Path) -> None:
    path = ATTACKS[attack](tmp_path)
    args = {"validate": ["validate", path, "-o", tmp_path / "v.xlsx"],
            "check": ["check", path, "-o", tmp_path / "c.xlsx", "--as-of", "2025-06-01"],
            "import": ["import", path, "--kind", "sales", "-o", tmp_path / "i.xlsx"],
            "split": ["split", path, "-o", tmp_path / "branches"]}[command]
    started = time.perf_counter()
    result = run(*args)
    assert time.perf_counter() - started < 5
    assert result.code == 2, result
    assert result.stderr.startswith(f"sheetdesk: error: {path}: cannot be read as xlsx: ")
    assert len(result.stderr.splitlines()) == 1 and "unrecognized entity" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not any(p.name in {"v.xlsx", "c.xlsx", "i.xlsx", "branches"} for p in tmp_path.iterdir())


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>{doctype}
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>
<office:spreadsheet><table:table table:name="维修记录"><table:table-row>
<table:table-cell office:value-type="string"><text:p>报修单号</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>故障描述</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>BX1</text:p></table:table-cell>
<table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>&lol9;</text:p>
</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"""


def test_an_ods_with_an_entity_attack_is_refused_quickly(tmp_path: Path) -> None:
    from sheetdesk.legacy.ods import ods_merges

    path = tmp_path / "laughs.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", ODS_CONTENT.format(doctype=BILLION_LAUGHS.replace("DOCTYPE sst",
                                                                                     "DOCTYPE office")))
    started = time.perf_counter()
    assert ods_merges(path) == {}  # defusedxml refuses; the merges are a nicety
    result = run("import", path, "--kind", "repairs", "-o", tmp_path / "out.xlsx")
    assert time.perf_counter() - started < 5
    assert result.code == 2 and result.stderr.startswith(f"sheetdesk: error: {path}: cannot be read as ods")
    assert len(result.stderr.splitlines()) == 1
