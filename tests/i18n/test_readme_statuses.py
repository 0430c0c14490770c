"""The READMEs' colour tables name the status words the workbook shows, each in its colour."""

from __future__ import annotations

from pathlib import Path

from sheetdesk.io.xlsx import STATUS_FILL
from sheetdesk.schema.computed import STATUS_LABELS

ROOT = Path(__file__).resolve().parents[2]
# The fills as the READMEs call them.
COLOURS = {
    "#FFC7CE": ("red", "红色单元格"),
    "#FFEB9C": ("amber", "黄色单元格"),
    "#C6EFCE": ("green", "绿色单元格"),
    "#DDEBF7": ("blue", "浅蓝色单元格"),
}


def statuses_by_fill() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for status, fill in STATUS_FILL.items():
        groups.setdefault(fill, []).append(status)
    return groups


def row_of(text: str, first_cell: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {first_cell} |"))


def test_every_coloured_status_has_a_label_and_a_readme_colour() -> None:
    assert set(STATUS_FILL) <= set(STATUS_LABELS)
    assert set(statuses_by_fill()) == set(COLOURS)


def test_readme_zh_lists_the_words_the_workbook_shows() -> None:
    text = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    for fill, statuses in statuses_by_fill().items():
        words = "、".join(f"{STATUS_LABELS[s][1]}（{s}）" for s in statuses)
        row = row_of(text, COLOURS[fill][1])
        assert row.rstrip(" |").endswith(words), row


def test_readme_en_lists_the_words_the_workbook_shows() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for fill, statuses in statuses_by_fill().items():
        words = ", ".join(f"{STATUS_LABELS[s][0]} (`{s}`)" for s in statuses)
        assert row_of(text, COLOURS[fill][0]) == f"| {COLOURS[fill][0]} | {words} |"
