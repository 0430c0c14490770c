"""CSV and other delimited text: its encoding, its delimiter, and every line kept a row.

- Encoding, by evidence: a byte-order mark (UTF-8, UTF-16); else strict UTF-8;
  else GBK/GB18030 when the text's Chinese characters are the common ones of
  GB2312; else Windows-1252 (Western European exports). The name of the
  encoding used is returned so that the reports can say it.
- Delimiter: `csv.Sniffer` is quadratic (50 s on 64 KB of `\\n"`) and guesses
  the quoting too (a field holding `""` made it pick doublequote=False and
  shift a row). Here the standard `excel` dialect reads a bounded sample with
  each candidate delimiter, and the one that splits the lines most
  consistently wins; the quoting is never guessed.
- A quote that opens a field and never closes on its line would swallow the
  lines after it into one cell. A record spanning several lines whose lines,
  read alone, are rows of the table's width is such a runaway: its lines are
  read as rows (the stray quote kept as text), and a finding names them.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading import limits
from sheetdesk.report import Report

CANNOT_DECODE = Msg("cannot be decoded as {encoding}", "无法按 {encoding} 解码")
UNKNOWN_ENCODING = Msg(
    "is not text in UTF-8, UTF-16, GBK/GB18030 or Windows-1252; give --encoding",
    "不是 UTF-8、UTF-16、GBK/GB18030 或 Windows-1252 编码的文本；请用 --encoding 指定编码",
)
BINARY = Msg("is binary data, not a CSV text file", "是二进制数据，不是 CSV 文本文件")
NO_DATA = Msg("has no data (only blank lines)", "没有数据（只有空行）")
TOO_LARGE = Msg(
    "is {size:,.0f} MiB, larger than sheetdesk reads as text ({limit:,.0f} MiB)",
    "大小为 {size:,.0f} MiB，超过 sheetdesk 可读取的文本上限（{limit:,.0f} MiB）",
)
TOO_WIDE = Msg(
    "line {line} has {fields:,} fields, more than a sheet's {limit:,} columns; is this really a table?",
    "第 {line} 行有 {fields:,} 个字段，超过工作表的 {limit:,} 列上限；这真的是表格吗？",
)
CANNOT_PARSE = Msg("cannot be read as CSV: {reason}", "无法按 CSV 读取：{reason}")

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_CHARS = 64 * 1024
SAMPLE_LINES = 50

csv.field_size_limit(limits.CSV_FIELD_LIMIT)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.MAX_TEXT_FILE_BYTES:
            raise InputError(path, TOO_LARGE, size=size / 1024**2, limit=limits.MAX_TEXT_FILE_BYTES / 1024**2)
        return path.read_bytes()
    except OSError as exc:
        from sheetdesk.io.reading.sniff import CANNOT_OPEN

        raise InputError(path, CANNOT_OPEN, reason=exc.strerror or str(exc)) from exc


def decode_text(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text and the name of the encoding it was decoded with."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(path, CANNOT_DECODE, encoding=encoding) from exc
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), "utf-8 (BOM)" if name == "utf-8-sig" else "utf-16"
            except UnicodeDecodeError as exc:
                raise InputError(path, CANNOT_DECODE, encoding=name) from exc
    if b"\x00" in data[:4096]:
        raise InputError(path, BINARY)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    chinese = _gb_share(data)
    candidates = ["gbk", "gb18030", "windows-1252"] if chinese is not None and chinese >= 0.8 else ["windows-1252"]
    for name in [*candidates, "gb18030"] if chinese is not None else candidates:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise InputError(path, UNKNOWN_ENCODING)


def _gb_share(data: bytes) -> float | None:
    """Of the non-ASCII characters GB18030 finds, the share that are in GB2312 (common Chinese).

    Western text misread as GB18030 gives rare or odd characters (a byte
    such as `ü` pairs with the next letter), so its share is low. None when
    the bytes are not GB18030 at all.
    """
    sample = data[: 1024**2]
    try:
        text = sample.decode("gb18030")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut at the sample's end
            return None
        text = sample[: exc.start].decode("gb18030")
    wide = sum(1 for ch in text if ord(ch) > 127)
    if not wide:
        return None
    unknown = text.encode("gb2312", "replace").count(b"?") - text.count("?")
    return 1 - unknown / wide


def sniff_delimiter(text: str, suffix: str = "", *, strict: bool = False) -> str | None:
    """The delimiter that splits the first lines most consistently into 2+ fields; None for one column.

    `strict` (text that is not named as CSV): a table only when most of at
    least two lines agree, so that a letter with a comma is not a table.
    """
    sample = text[:SAMPLE_CHARS]
    best: tuple[float, int, int, str] | None = None
    for rank, delimiter in enumerate(DELIMITERS):
        rows = _sample_rows(sample, delimiter)
        counts = Counter(len(r) for r in rows if any(f.strip() for f in r))
        if not counts:
            continue
        width, agreeing = counts.most_common(1)[0]
        if width < 2 or (strict and (agreeing < 2 or agreeing < 0.8 * sum(counts.values()))):
            continue
        preferred = -rank if not (suffix == ".tsv" and delimiter == "\t") else 1
        score = (agreeing / sum(counts.values()), width, preferred, delimiter)
        if best is None or score[:3] > best[:3]:
            best = score
    return best[3] if best else None


def _sample_rows(sample: str, delimiter: str) -> list[list[str]]:
    rows = []
    try:
        for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) >= SAMPLE_LINES:
                break
    except csv.Error:
        pass
    if len(sample) == SAMPLE_CHARS and len(rows) > 1:
        rows.pop()  # the sample cut the last line
    return rows


def read_rows(path: Path, text: str, delimiter: str, report: Report, sheet: str) -> list[list[str]]:
    """Every line a row: a runaway quote's lines are read one by one and reported."""
    lines = io.StringIO(text, newline="").readlines()
    records: list[tuple[int, int, list[str]]] = []  # first line, last line (1-based), fields
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    start = 1
    try:
        for fields in reader:
            if len(fields) > limits.MAX_CSV_FIELDS:
                raise InputError(path, TOO_WIDE, line=start, fields=len(fields), limit=limits.MAX_CSV_FIELDS)
            records.append((start, reader.line_num, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, CANNOT_PARSE, reason=str(exc)) from exc
    width = _usual_width(records)
    rows: list[list[str]] = []
    for first, last, fields in records:
        if last > first and width >= 2 and _is_runaway(lines[first - 1 : last], delimiter, width):
            split = [_line_fields(line, delimiter) for line in lines[first - 1 : last]]
            where = {"sheet": sheet, "row": len(rows) + 1, "file": str(path)}
            report.add("csv.quote_unclosed", where, line=first, last=last, count=len(split))
            rows.extend(split)
        else:
            rows.append(fields)
    return rows


def _usual_width(records: list[tuple[int, int, list[str]]]) -> int:
    """The field count most one-line records have (the table's width)."""
    counts = Counter(len(f) for a, b, f in records[:10_000] if a == b and len(f) > 1)
    return counts.most_common(1)[0][0] if counts else 0


def _is_runaway(lines: list[str], delimiter: str, width: int) -> bool:
    """A multi-line record whose lines, read alone, are rows of the table's width (two or more of them)."""
    alone = [len(_line_fields(line, delimiter)) for line in lines]
    return sum(1 for n in alone if n == width) >= 2


def _line_fields(line: str, delimiter: str) -> list[str]:
    """One physical line as a row: with normal quoting if its quotes pair up, else quotes as text."""
    body = line.rstrip("\r\n")
    try:
        if body.count('"') % 2 == 0:
            return next(csv.reader([body], delimiter=delimiter), [])
        return next(csv.reader([body], delimiter=delimiter, quoting=csv.QUOTE_NONE), [])
    except csv.Error:
        return body.split(delimiter)
