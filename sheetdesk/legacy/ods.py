"""Merged cells of an .ods file, which the reader (calamine) does not report.

Merges matter to an import: they join multi-row headers and carry values
down (a date merged over the rows of one day). ODS writes a merge as
`number-columns-spanned` / `number-rows-spanned` on its first cell; this
walks `content.xml` once, counting repeated rows and cells, and returns the
merges per sheet in the reader's form ((row0, col0), (row1, col1)), 0-based.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml.ElementTree import iterparse

from sheetdesk.legacy.header import Merge

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def ods_merges(path: str | Path) -> dict[str, list[Merge]]:
    """Sheet name -> merged ranges; {} when the file cannot be walked."""
    merges: dict[str, list[Merge]] = {}
    try:
        with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
            sheet: str | None = None
            row = col = 0
            for event, elem in iterparse(fh, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == TABLE + "table":
                        sheet = elem.get(TABLE + "name", "")
                        merges[sheet] = []
                        row = 0
                    elif tag == TABLE + "table-row":
                        col = 0
                    elif tag in (TABLE + "table-cell", TABLE + "covered-table-cell") and sheet is not None:
                        cols = int(elem.get(TABLE + "number-columns-spanned", "1"))
                        rows = int(elem.get(TABLE + "number-rows-spanned", "1"))
                        if tag == TABLE + "table-cell" and (cols > 1 or rows > 1):
                            merges[sheet].append(((row, col), (row + rows - 1, col + cols - 1)))
                    continue
                if tag in (TABLE + "table-cell", TABLE + "covered-table-cell"):
                    col += int(elem.get(TABLE + "number-columns-repeated", "1"))
                elif tag == TABLE + "table-row":
                    row += int(elem.get(TABLE + "number-rows-repeated", "1"))
                    elem.clear()
                elif tag == TABLE + "table":
                    sheet = None
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, SyntaxError):
        return {}
    return merges
