"""Issues looked up by cell, for the annotated workbook.

The writer walks each sheet row by row; this index answers "which issues
sit on row 7?" in one dictionary lookup, so rows without issues cost nothing.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable

from sheetdesk.i18n import Msg
from sheetdesk.io.reader import RawWorkbook
from sheetdesk.io.xlsx import SEVERITY_FILL
from sheetdesk.report import Issue, parse_cell

Flagged = dict[int, list[Issue]]  # 0-based column -> issues on that cell of the current row

MAX_COMMENT_CHARS = 32_000  # Excel's limit is 32,767
# A finding's severity as the Issues sheet and the comments show it (the JSON keeps the key).
SEVERITY = {"error": Msg("error", "错误"), "warning": Msg("warning", "警告")}
COMMENT_LINE = Msg("{severity}: {message}", "{severity}：{message}")


class SheetIssues:
    """The issues of one sheet: Excel row -> 0-based column -> issues.

    An issue naming a row but no cell (a header problem) sits on column A
    of that row, so it still gets a fill and a comment.
    """

    def __init__(self) -> None:
        self.cells: dict[int, dict[int, list[Issue]]] = defaultdict(dict)
        self.sheet_level: list[Issue] = []

    def add(self, issue: Issue) -> None:
        if issue.row is None:
            self.sheet_level.append(issue)
            return
        row, col = parse_cell(issue.cell) if issue.cell else (issue.row, 0)
        self.cells[row].setdefault(col, []).append(issue)

    def row(self, excel_row: int) -> dict[int, list[Issue]] | None:
        return self.cells.get(excel_row)

    @property
    def max_row(self) -> int:
        return max(self.cells, default=0)


EMPTY = SheetIssues()


class IssueIndex:
    """All issues of a report, by (file, sheet)."""

    def __init__(self, issues: Iterable[Issue], workbooks: list[RawWorkbook]) -> None:
        self._sheets: dict[tuple[str, str], SheetIssues] = {}
        owner: dict[str, str] = {}  # sheet name -> the first file holding it (for issues without a file)
        for wb in workbooks:
            for sheet in wb.sheets:
                owner.setdefault(sheet.name, str(wb.path))
        for issue in issues:
            if issue.sheet is None:
                continue
            file = issue.file or owner.get(issue.sheet)
            if file is None:
                continue
            self._sheets.setdefault((file, issue.sheet), SheetIssues()).add(issue)

    def sheet(self, file: str, sheet: str) -> SheetIssues:
        return self._sheets.get((file, sheet), EMPTY)


def worst(issues: list[Issue]) -> str:
    """The severity that decides a cell's fill: any error makes it red."""
    return "error" if any(i.severity == "error" for i in issues) else "warning"


@functools.cache
def _severity_words(lang: str) -> dict[str, str]:
    """Error / Warning, 错误 / 警告: a comment's first word (looked up once per language)."""
    return {key: (w := word.render(lang))[:1].upper() + w[1:] for key, word in SEVERITY.items()}


def cell_fill(flagged: dict[int, list[Issue]] | None, col: int) -> str | None:
    """The fill of column `col` given one row's issues by column (None: no issue there)."""
    if flagged and col in flagged:
        return SEVERITY_FILL[worst(flagged[col])]
    return None


def comment_text(issues: list[Issue], lang: str = "en") -> str:
    """One comment for all issues on a cell, one line each: `Error: ...` / `错误：...`."""
    words = _severity_words(lang)
    lines = [COMMENT_LINE.render(lang, severity=words[i.severity], message=i.text(lang)) for i in issues]
    text = lines[0] if len(lines) == 1 else "\n".join(f"• {line}" for line in lines)
    if len(text) > MAX_COMMENT_CHARS:
        text = text[: MAX_COMMENT_CHARS - 1] + "…"
    return text
