"""How findings read on the terminal, in the reader's language: severity words,
places (`维修记录!A55`, `第 7 行`), counts, and columns that line up with Chinese text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from sheetdesk.i18n import Msg
from sheetdesk.report import Issue

__all__ = ["SEVERITY", "counted", "display_width", "pad", "place"]

SEVERITY = {"error": Msg("error", "错误"), "warning": Msg("warning", "警告")}
ROW = Msg("row {row}", "第 {row} 行")


def place(issue: Issue, lang: str, *, with_file: bool = False) -> str:
    """`Sales!I8` / `销售登记!I8`, `Sales!row 8` / `销售登记!第 8 行`, `-` when nowhere;
    with `with_file`, the file's name first (`master.xlsx:Sales!I8`)."""
    spot = issue.cell or (ROW.render(lang, row=issue.row) if issue.row else None)
    where = "!".join(p for p in (issue.sheet, spot) if p) or "-"
    if with_file and issue.file:
        name = Path(issue.file).name
        return name if where == "-" else f"{name}:{where}"
    return where


def counted(n: int, one: Msg, many: Msg, lang: str) -> str:
    """`1 error` / `7 errors` / `7 个错误`: the English singular for exactly one."""
    return (one if n == 1 else many).render(lang, n=n)


def display_width(text: str) -> int:
    """Terminal columns: wide and full-width characters (Chinese) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))
