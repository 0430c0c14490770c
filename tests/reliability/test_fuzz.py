"""Fuzz tests: value parsers never raise; readers raise only InputError, whatever the bytes."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sheetdesk.errors import InputError
from sheetdesk.i18n import Bound
from sheetdesk.io.reader import RawWorkbook, read_workbook
from sheetdesk.io.values import (
    coerce_date,
    coerce_datetime,
    coerce_enum,
    coerce_integer,
    coerce_number,
    coerce_text,
    coerce_yesno,
    coercer,
    from_serial,
    parse_date_text,
    parse_datetime_text,
    parse_time_text,
)
from sheetdesk.schema import REGISTERS
from sheetdesk.schema.enums import YES_NO
from tests.reliability.books import write_master

# 150 examples each keeps the suite fast; SHEETDESK_FUZZ_EXAMPLES=5000 runs a longer campaign.
FUZZ = settings(max_examples=int(os.environ.get("SHEETDESK_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Text that looks like dates, times and numbers, in the scripts clerks type: the
# parsers' regular expressions see real candidates, not just noise.
DATEISH = "0123456789０１２３４５６７８９-/.:：年月日时分秒点 ,，．AaPpMmTt上下午eE+-¥元"
texts = st.one_of(
    st.text(),
    st.text(alphabet=DATEISH, max_size=30),
    st.from_regex(r"\d{1,12}[-/.年]\d{1,12}[-/.月]\d{1,12}日?( \d{1,20}[:：]\d{1,20}(:\d{1,5}(\.\d+)?)?)?",
                  fullmatch=True),
    st.from_regex(r"(上午|下午)?\d{1,5}[:：;.时点]\d{1,5}(分)?\s?(am|pm|AM|PM)?", fullmatch=True),
    st.from_regex(r"[-+]?\d{0,400}(\.\d{0,50})?([eE][-+]?\d{1,5})?", fullmatch=True),
)
numbers = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True))
anything = st.one_of(st.none(), st.booleans(), numbers, texts, st.dates(), st.datetimes(), st.times(),
                     st.timedeltas())
ENUMS = {f.enum for register in REGISTERS for f in register.fields if f.enum is not None}
FIELDS = [f for register in REGISTERS for f in register.fields]


def _is_result(result: Any) -> bool:
    return isinstance(result, tuple) and len(result) == 2 and (result[1] is None or isinstance(result[1], Bound))


@FUZZ
@given(anything, st.sampled_from([None, True, False]))
def test_coercions_never_raise(value: Any, dayfirst: bool | None) -> None:
    for result in (coerce_text(value), coerce_date(value, dayfirst), coerce_datetime(value, dayfirst),
                   coerce_number(value), coerce_integer(value), coerce_yesno(value, YES_NO),
                   *(coerce_enum(value, enum) for enum in ENUMS), *(coercer(f)(value) for f in FIELDS)):
        assert _is_result(result)
        if result[1] is not None:
            assert result[0] is None


@FUZZ
@given(texts, st.sampled_from([None, True, False]))
def test_text_parsers_never_raise(text: str, dayfirst: bool | None) -> None:
    date = parse_date_text(text, dayfirst)
    assert date is None or type(date) is dt.date
    stamp = parse_datetime_text(text, dayfirst)
    assert stamp is None or isinstance(stamp, dt.datetime)
    for compact in (False, True):
        time = parse_time_text(text, compact=compact)
        assert time is None or isinstance(time, dt.time)


@FUZZ
@given(numbers)
def test_excel_serials_never_raise(serial: int | float) -> None:
    stamp = from_serial(serial)
    assert stamp is None or dt.datetime(1899, 12, 31) <= stamp <= dt.datetime(9999, 12, 31, 23, 59, 59)


SUFFIXES = [".xlsx", ".xlsm", ".xltx", ".xlsb", ".xls", ".ods", ".csv", ".txt", ".tsv", ".dat", ""]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read(data: bytes, suffix: str, encoding: str | None = None) -> RawWorkbook | None:
    """read_workbook on these bytes: a workbook, or None for an InputError; anything else fails."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            return read_workbook(path, encoding=encoding)
        except InputError as exc:
            assert exc.path == str(path) and exc.problem
            assert all(exc.text(lang) and "\n" not in exc.text(lang) for lang in ("en", "zh"))
            return None


@FUZZ
@given(st.one_of(st.binary(max_size=4096), st.binary(max_size=4096).map(lambda b: b"PK\x03\x04" + b),
                 st.binary(max_size=4096).map(lambda b: OLE + b)),
       st.sampled_from(SUFFIXES))
@example(b"<!doctype html", ".xlsx")  # an HTML page with no element: lxml raised ParserError
def test_random_bytes_raise_only_input_error(data: bytes, suffix: str) -> None:
    _read(data, suffix)


def _real_workbook() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_master(Path(folder) / "m.xlsx").read_bytes()


REAL = _real_workbook()


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(REAL) - 1), st.integers(0, 255)), min_size=1, max_size=20),
       st.one_of(st.just(len(REAL)), st.integers(len(REAL) // 2, len(REAL))),
       st.sampled_from([".xlsx", ".xlsm", ".ods", ".xls"]))
def test_damaged_workbooks_raise_only_input_error(flips: list[tuple[int, int]], keep: int, suffix: str) -> None:
    """A real workbook with bytes changed here and there, maybe cut short."""
    data = bytearray(REAL)
    for at, byte in flips:
        data[at] = byte
    _read(bytes(data[:keep]), suffix)


@FUZZ
@given(st.dictionaries(st.sampled_from(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                        "xl/styles.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
                                        "content.xml", "mimetype", "xl/workbook.bin"]),
                       st.one_of(st.binary(max_size=512), texts.map(str.encode)), min_size=1),
       st.sampled_from([".xlsx", ".xlsm", ".ods", ".xlsb"]))
def test_zips_of_nonsense_parts_raise_only_input_error(parts: dict[str, bytes], suffix: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    _read(buffer.getvalue(), suffix)


@FUZZ
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1"]),
       st.sampled_from([".csv", ".txt", ".tsv"]), st.sampled_from([None, "utf-8", "gbk", "no-such-codec"]))
def test_csv_reader_raises_only_input_error(text: str, written_as: str, suffix: str, given: str | None) -> None:
    try:
        data = text.encode(written_as)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    book = _read(data, suffix, given)
    if book is not None:
        assert book.format == "csv" and len(book.sheets) == 1
        assert all(isinstance(v, str) for row in book.sheets[0].rows for v in row)
