"""Dates written without their year (`5月1日`): the year from the file, when the file says it once.

A monthly ledger often writes the year once, in its title (`2023年5月维修记录`),
its sheet name (`2023.05`) or its file name (`2023年报修登记.xlsx`), and only
month and day in the cells. A date is never guessed: the year is taken when
the title rows, the sheet name and the file name name exactly one year
between them, and the column does not run from late in one year into the
next (12月 then 1月: which of them is the named year?); then every year-less
date of the column is read in that year and the decision says where the year
came from. Otherwise the cells stay
unread (blank, kept in notes, one warning each) and a decision says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sheetdesk.io.values import fold
from sheetdesk.legacy.header import cell_text
from sheetdesk.legacy.parse import is_month_day, read_month_day
from sheetdesk.legacy.result import ImportResult

# A year as a title writes it: `2023年`, `2023.05`, `2023-5`, `2023/05`, `2023年度`, `2023`; 1980-2099 only.
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?=\s*(?:年|[-./_]\s*\d{1,2}(?!\d)|$|[^\d]))")


def years_in(texts: Iterable[str]) -> set[int]:
    """The years a set of texts names (`2023年5月` -> {2023}; `2023-2024` -> {2023, 2024})."""
    found: set[int] = set()
    for text in texts:
        found.update(int(y) for y in _YEAR.findall(fold(text)))
    return found


def file_year(result: ImportResult, above: list[list[Any]]) -> tuple[int, str] | None:
    """The one year the title rows, the sheet name and the file name name, and where it was seen."""
    sources = [(" ".join(cell_text(v) for v in row if cell_text(v)), "title") for row in above]
    sources += [(result.sheet, "sheet"), (result.source.stem, "file")]
    years = years_in(text for text, _ in sources)
    if len(years) != 1:
        return None
    year = next(iter(years))
    where = next(text for text, _ in sources if year in years_in([text]))
    return year, where


def _crosses_new_year(months: list[int]) -> bool:
    """The rows go from late in a year to early in one (12月 -> 1月): two years, and the file names one."""
    return any(a - b >= 6 for a, b in zip(months, months[1:], strict=False))


def decide_years(result: ImportResult, rows: list[list[Any]], kept: list[int], above: list[list[Any]]) -> None:
    """Give the year-less date columns the file's year, or say why their dates stay unread."""
    found: tuple[int, str] | None = None
    looked = False
    for col in result.columns:
        f = result.register.field(col.target.key) if col.target.is_field else None
        if f is None or f.type not in ("date", "datetime") or col.target.part == "time":
            continue
        count = 0
        example = ""
        months: list[int] = []
        for r in kept:
            value = rows[r][col.index] if col.index < len(rows[r]) else None
            if type(value) is str and "月" in value and is_month_day(value):
                count += 1
                example = example or value.strip()
                stamp = read_month_day(value, 2000)
                if stamp is not None:
                    months.append(stamp.month)
        if not count:
            continue
        if not looked:
            found, looked = file_year(result, above), True
        if found is not None and _crosses_new_year(months):
            result.decide("dates.year_end", col.label, column=col.label, count=count, year=found[0])
        elif found is not None:
            col.year = found[0]
            result.decide("dates.year", col.label, column=col.label, count=count, example=example,
                          year=found[0], where=found[1])  # fmt: skip
        else:
            result.decide("dates.no_year", col.label, column=col.label, count=count, example=example)


__all__ = ["decide_years", "file_year", "years_in"]
