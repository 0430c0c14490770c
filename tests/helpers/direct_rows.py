"""Tests of the direct row writer (`sheetdesk.io.annotate_xml`): a file's parts to compare
byte for byte, and a record of which rows the writer took (so that a comparison cannot pass
because the direct path was never used)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sheetdesk.io import annotate_xml


def zip_parts(path: Path) -> dict[str, bytes]:
    """Every part of an .xlsx but docProps/core.xml (it holds the clock)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def record_direct_rows(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """From now on, each `DirectRows.write` answer (True: written directly) is appended to the list."""
    answers: list[bool] = []
    write = annotate_xml.DirectRows.write

    def spy(self: annotate_xml.DirectRows, r: int, i: int) -> bool:
        answers.append(write(self, r, i))
        return answers[-1]

    monkeypatch.setattr(annotate_xml.DirectRows, "write", spy)
    return answers
