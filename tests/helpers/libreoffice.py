"""Run LibreOffice headless as a real client of the files we write.

`convert(src, "xlsx", outdir)` makes LibreOffice open `src` and save it in
another format: if it cannot open our file the conversion fails. Each call
uses its own user profile so parallel or repeated runs do not lock each other.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# Filters for --convert-to: extension -> LibreOffice filter name.
FILTERS = {
    "xlsx": 'xlsx:"Calc MS Excel 2007 XML"',
    "xls": 'xls:"MS Excel 97"',
    "ods": "ods",
    "csv": 'csv:Text - txt - csv (StarCalc):44,34,76,1',
}


def require_libreoffice() -> str:
    """The soffice path; skip the test where LibreOffice is absent (fail in CI)."""
    if SOFFICE:
        return SOFFICE
    if os.environ.get("SHEETDESK_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("LibreOffice (soffice) is required here but not installed")
    pytest.skip("LibreOffice (soffice) not installed")


def convert(src: Path, fmt: str, outdir: Path, timeout: int = 180) -> Path:
    """LibreOffice opens `src` and saves it as `fmt` in `outdir`; returns the new file."""
    soffice = require_libreoffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", FILTERS.get(fmt, fmt).replace('"', ""), "--outdir", str(outdir), str(src)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    out = outdir / (src.stem + "." + fmt)
    if result.returncode != 0 or not out.exists():
        raise AssertionError(f"LibreOffice could not convert {src.name} to {fmt}:\n{result.stdout}\n{result.stderr}")
    return out


def convert_all(sources: list[Path], fmt: str, outdir: Path, timeout: int = 600) -> list[Path]:
    """LibreOffice opens every file of `sources` in one run and saves each as `fmt` in
    `outdir`; returns the files it wrote. A file it cannot open is missing from the result."""
    soffice = require_libreoffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", FILTERS.get(fmt, fmt).replace('"', ""), "--outdir", str(outdir),
               *map(str, sources)]
        subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return sorted(p for p in outdir.iterdir() if p.suffix == f".{fmt}")
