"""docs/python.md: its example runs, and prints what the page shows."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
EXAMPLE = ROOT / "workbook_templates" / "examples" / "service_desk_example.en.xlsx"


def test_the_example_runs_and_prints_what_the_page_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, shown = re.search(r"```python\n(.*?)```\n\nwhich prints\n\n```\n(.*?)```", DOC, re.S).groups()  # type: ignore[union-attr]
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "docs/python.md", "exec"), {})
    assert printed.getvalue() == shown
    assert (tmp_path / "checked.xlsx").is_file() and (tmp_path / "templates" / "policy.zh.xlsx").is_file()


def test_every_api_function_is_documented() -> None:
    import sheetdesk

    for name in ("template", "validate", "check", "due", "import_log", "split", "collect"):
        assert f"sheetdesk.{name}(" in DOC and callable(getattr(sheetdesk, name))
