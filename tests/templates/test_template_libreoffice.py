"""A real client: LibreOffice opens every committed template and example and saves it as xlsx and ods.

What it reads back must be what we wrote: sheet names, header labels, the
dropdowns' choices (xlsx) and every value (both formats). The files are
converted in one LibreOffice run per format, with the shared helper's filters and a
private profile (one process per file would take half a minute).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest

from sheetdesk.io.load import load_dataset
from sheetdesk.io.reader import read_workbook
from tests.helpers.libreoffice import FILTERS, require_libreoffice
from tests.templates.facts import header

pytestmark = pytest.mark.libreoffice

ROOT = Path(__file__).resolve().parents[2] / "workbook_templates"
SOURCES = sorted(ROOT.glob("*.xlsx")) + sorted((ROOT / "examples").glob("*.xlsx"))


def convert_all(sources: list[Path], fmt: str, outdir: Path, profile: Path) -> dict[str, Path]:
    """LibreOffice opens each source and saves it as `fmt` in `outdir`: name -> converted file."""
    soffice = require_libreoffice()
    cmd = [
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        FILTERS.get(fmt, fmt).replace('"', ""),
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    out = {src.name: outdir / f"{src.stem}.{fmt}" for src in sources}
    missing = [name for name, path in out.items() if not path.exists()]
    assert result.returncode == 0 and not missing, f"LibreOffice failed on {missing}:\n{result.stderr}"
    return out


@pytest.fixture(scope="module")
def conversions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Both formats, converted with one private LibreOffice profile (made once, then reused)."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        return {
            fmt: convert_all(SOURCES, fmt, tmp_path_factory.mktemp(f"lo-{fmt}"), Path(profile))
            for fmt in ("xlsx", "ods")
        }


@pytest.fixture(params=["xlsx", "ods"])
def converted(request: pytest.FixtureRequest, conversions: dict[str, dict[str, Path]]) -> tuple[str, dict[str, Path]]:
    return request.param, conversions[request.param]


def test_every_template_and_example_is_converted(converted: tuple[str, dict[str, Path]]) -> None:
    _, files = converted
    assert len(SOURCES) == 16  # seven templates in two languages, two examples
    assert sorted(files) == sorted(p.name for p in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_values_read_back_are_the_ones_we_wrote(converted: tuple[str, dict[str, Path]], source: Path) -> None:
    _, files = converted
    ours, theirs = read_workbook(source), read_workbook(files[source.name])
    assert [s.name for s in theirs.sheets] == [s.name for s in ours.sheets]
    for a, b in zip(ours.sheets, theirs.sheets, strict=True):
        rows_a = [r for r in a.rows if any(v not in (None, "") for v in r)]
        rows_b = [r for r in b.rows if any(v not in (None, "") for v in r)]
        assert len(rows_a) == len(rows_b), a.name
        for ra, rb in zip(rows_a, rows_b, strict=True):
            assert _trim(ra) == _trim(rb), a.name


def _trim(row: list[object]) -> list[object]:
    row = ["" if v is None else v for v in row]
    while row and row[-1] == "":
        row.pop()
    return row


@pytest.mark.parametrize("source", [p for p in SOURCES if "policy" not in p.name], ids=lambda p: p.name)
def test_registers_load_the_same_after_libreoffice(converted: tuple[str, dict[str, Path]], source: Path) -> None:
    _, files = converted
    ours, theirs = load_dataset([source]), load_dataset([files[source.name]])
    assert sorted(theirs.tables) == sorted(ours.tables)
    for key, table in ours.tables.items():
        other = theirs.tables[key]
        assert [f.key for f in table.register.fields if f.key in other.location.columns] == table.register.keys
        assert other.lang == table.lang and other.rows == table.rows
        assert other.values == table.values
    assert [i.code for i in theirs.report.errors] == [i.code for i in ours.report.errors]


@pytest.mark.parametrize("source", [p for p in SOURCES if p.parent == ROOT], ids=lambda p: p.name)
def test_headers_and_dropdowns_survive_in_xlsx(conversions: dict[str, dict[str, Path]], source: Path) -> None:
    files = conversions["xlsx"]
    ours, theirs = openpyxl.load_workbook(source), openpyxl.load_workbook(files[source.name])
    for ws in ours.worksheets:
        other = theirs[ws.title]
        assert header(other) == header(ws)
        lists = {
            (str(dv.sqref).split(":")[0], dv.formula1) for dv in ws.data_validations.dataValidation if dv.type == "list"
        }
        kept = {
            (str(dv.sqref).split(":")[0], dv.formula1)
            for dv in other.data_validations.dataValidation
            if dv.type == "list"
        }
        assert kept == lists, ws.title
