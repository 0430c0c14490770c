"""The HTML tables that web systems export under an ".xls" name, read as sheets.

lxml's HTML parser (libxml2) reads the tag soup such exports are (unclosed
cells, `<br>` in cells, no `<tbody>`) and never fetches or expands anything.
Each `<table>` becomes a sheet; `colspan`/`rowspan` become merged ranges,
the value in the first cell, as a spreadsheet holds them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading import limits
from sheetdesk.io.reading.model import RawSheet
from sheetdesk.io.reading.text import decode_text

NO_TABLE = Msg("is a web page (HTML) without a table", "是不含表格的网页（HTML）")
TOO_BIG = Msg(
    "is a web page whose table '{sheet}' spans {cells:,} cells, more than sheetdesk reads ({limit:,})",
    "是网页，其表格“{sheet}”共 {cells:,} 个单元格，超过 sheetdesk 可读取的上限（{limit:,}）",
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
MAX_SPAN = 1000  # a colspan/rowspan beyond this is a typo or an attack


def read_html_tables(path: Path, data: bytes, encoding: str | None) -> tuple[list[RawSheet], str]:
    """Every table of the page as a sheet, and the encoding used."""
    import lxml.etree
    import lxml.html

    declared = _CHARSET.search(data[:4096])
    text, used = None, encoding
    if encoding is None and declared is not None:
        name = declared[1].decode("ascii", "replace").lower()
        try:
            text, used = data.decode("gb18030" if name in ("gb2312", "gbk") else name), name
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None:
        text, used = decode_text(path, data, encoding)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses a declaration in a str
    try:
        root = lxml.html.document_fromstring(text or "<html/>")
    except (lxml.etree.ParserError, ValueError):  # a page with no element at all ("<!doctype html")
        raise InputError(path, NO_TABLE) from None
    sheets = []
    for number, table in enumerate(root.iter("table"), 1):
        name = f"Table{number}" if number > 1 else path.stem
        rows, merged = _table_rows(table)
        cells = len(rows) * max((len(r) for r in rows), default=0)
        if cells > limits.MAX_GRID_CELLS:
            raise InputError(path, TOO_BIG, sheet=name, cells=cells, limit=limits.MAX_GRID_CELLS)
        if rows:
            sheets.append(RawSheet(name, rows, merged=merged))
    if not sheets:
        raise InputError(path, NO_TABLE)
    return sheets, used or "utf-8"


def _table_rows(table: Any) -> tuple[list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]]]:
    rows: list[list[Any]] = []
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
    taken: set[tuple[int, int]] = set()  # cells covered by a rowspan from above
    for tr in table.iter("tr"):
        if _nearest_table(tr) is not table:
            continue  # a row of a table nested in a cell
        r = len(rows)
        row: list[Any] = []
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                row.append(None)
                c += 1
            span_c, span_r = _span(cell.get("colspan")), _span(cell.get("rowspan"))
            row.append(_cell_text(cell) or None)
            row.extend([None] * (span_c - 1))
            if span_c > 1 or span_r > 1:
                merged.append(((r, c), (r + span_r - 1, c + span_c - 1)))
                for dr in range(1, span_r):
                    for dc in range(span_c):
                        taken.add((r + dr, c + dc))
            c += span_c
        rows.append(row)
    return rows, merged


def _cell_text(cell: Any) -> str:
    """The cell's text, white space folded as a browser shows it; `<br>` is a line break."""
    for br in cell.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = (" ".join(line.split()) for line in cell.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _nearest_table(elem: Any) -> Any:
    parent = elem.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1
