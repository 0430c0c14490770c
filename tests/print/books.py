"""The bundled examples checked once per module, and readers of print settings."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner

from sheetdesk.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples"
EXAMPLE = {"zh": EXAMPLES / "service_desk_example.xlsx", "en": EXAMPLES / "service_desk_example.en.xlsx"}
AS_OF = "2026-11-16T00:00:00"


def sheetdesk(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def checked_example(lang: str, folder: Path) -> Path:
    """`check -o` on a copy of the bundled example in `lang`."""
    source = Path(shutil.copy(EXAMPLE[lang], folder / EXAMPLE[lang].name))
    out = folder / f"checked.{lang}.xlsx"
    code, _, err = sheetdesk("check", source, "--as-of", AS_OF, "-o", out)
    assert code == 1 and err == "", err  # the examples have planted mistakes
    return out


def chart_xml(path: Path) -> list[str]:
    """The XML of every chart part, in part order."""
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[-1]))
        return [z.read(n).decode("utf-8") for n in names]
