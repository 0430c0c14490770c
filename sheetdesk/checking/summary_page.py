"""What a section of the Summary sheet writes with: the page's place, formats and helpers.

`SummarySheet` is the page; sections kept in modules of their own
(`summary_visits`) are written against this shape, so they need not import
the page's module (which imports them).
"""

from __future__ import annotations

from typing import Any, Protocol

# Charts sit to the right of the KPI tables (columns A..I), stacked.
CHART_COL = 10  # column K
CHART_ROWS = (3, 20, 37, 54)  # anchor rows of the charts (the fourth: hold time, when the workbook has holds)
CHART_SCALE = {"x_scale": 1.2, "y_scale": 1.1}  # 576 x 317 px: about 16 rows of 20 px
CHARTS_END_ROW = CHART_ROWS[2] + 17  # a wide table below the charts starts here
HOLD_CHART_END_ROW = CHART_ROWS[3] + 17  # ... or here, when the hold chart is there too


class SummaryPage(Protocol):
    """The Summary sheet as a section sees it: where the next row goes, and how to write one."""

    row: int
    lang: str
    name: str
    ws: Any  # xlsxwriter Worksheet
    wb: Any  # xlsxwriter Workbook
    f_note: Any
    f_pct: Any
    f_total: Any
    f_total_pct: Any

    def t(self, key: str) -> str: ...

    def _section(self, key: str) -> None: ...

    def _header(self, labels: list[str]) -> None: ...

    def _put(self, c: int, value: Any, fmt: Any = None) -> None: ...
