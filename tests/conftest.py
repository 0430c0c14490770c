import sys
from pathlib import Path

import pytest

# Make `tests.helpers` importable however pytest is started.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@pytest.fixture(autouse=True)
def _locale_names_no_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts where the locale names no language (C.UTF-8, as on CI),
    so terminal text follows the workbook; a test that wants a language says so
    (`env={"LANG": "zh_CN.UTF-8"}` or --lang)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
