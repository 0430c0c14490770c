"""The files the benchmark commands read, generated once and reused (same seed, same cells).

Everything lives in benchmarks/data/ (git-ignored). Generated workbooks and
legacy logs depend only on their sizes and seed and are cached; the branch
files `collect` reads are made again in every run from that run's `split`
output (see edits.py), because what split writes may change with the code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness import CODE, DATA, OUT, helper, log, sheetdesk_cmd

SEED = 20261101
SIZES = {  # sales, repairs, callbacks
    "tiny": (1_000, 2_000, 1_000),
    "small": (10_000, 20_000, 10_000),
    "full": (100_000, 200_000, 100_000),
}
HEAVY_MISTAKES = 12.0  # the mistake shares times 12: about 27 % of all register rows flagged by check


@dataclass(frozen=True)
class Scale:
    """A size, or half of it (the scaling runs)."""

    size: str
    half: bool = False

    @property
    def tag(self) -> str:
        return f"{self.size}-half" if self.half else self.size

    @property
    def rows(self) -> tuple[int, int, int]:
        d = 2 if self.half else 1
        return tuple(n // d for n in SIZES[self.size])  # type: ignore[return-value]

    @property
    def legacy_rows(self) -> int:
        """Records of the legacy CSV: as many as the repairs (200k at full size)."""
        return self.rows[1]


def master(scale: Scale, lang: str, regenerate: bool, mistakes: float = 1.0) -> tuple[Path, dict[str, Any]]:
    """The generated service-desk workbook at this scale."""
    sales, repairs, callbacks = scale.rows
    suffix = "" if mistakes == 1 else f"_m{mistakes:g}"
    path = DATA / f"desk_{sales}_{repairs}_{callbacks}_{lang}_{SEED}{suffix}.xlsx"
    manifest = Path(f"{path}.json")
    if regenerate or not path.exists() or not manifest.exists():
        log(f"generating {path.name}")
        helper("generate.py", "--sales", str(sales), "--repairs", str(repairs), "--callbacks", str(callbacks),
               "-o", str(path), "--lang", lang, "--seed", str(SEED), "--mistakes", f"{mistakes:g}")
    return path, json.loads(manifest.read_text(encoding="utf-8"))


def master_now(src: Path, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    """The master as head office has it at collect time: `src` with its corrections since the split."""
    path = src.with_name(f"{src.stem}_now.xlsx")
    manifest = Path(f"{path}.json")
    if regenerate or not manifest.exists() or manifest.stat().st_mtime < src.stat().st_mtime:
        log(f"head office's corrections: {path.name}")
        helper("edits.py", "master", str(src), str(path))
    return path, json.loads(manifest.read_text(encoding="utf-8"))


def legacy(kind: str, rows: int, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    """The legacy repair log: `csv` (GBK export) or `xlsx` (hand-kept, merged headers)."""
    path = DATA / f"legacy_repairs_{rows}_{SEED}.{kind}"
    manifest = Path(f"{path}.json")
    if regenerate or not path.exists() or not manifest.exists():
        log(f"generating {path.name}")
        info = helper("legacy.py", kind, str(rows), str(path), "--seed", str(SEED))
        manifest.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path, json.loads(manifest.read_text(encoding="utf-8"))


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def split_untimed(src: Path, out_dir: Path) -> list[Path]:
    """Branch files of `src` written by the measured code's split, when the split part did not run."""
    log(f"split (not timed) {src.name} -> {out_dir.relative_to(DATA)}")
    fresh_dir(out_dir)
    proc = subprocess.run(sheetdesk_cmd("split", str(src), "--by", "branch", "-o", str(out_dir), "--force"),
                          capture_output=True, text=True, cwd=CODE.dir, env=CODE.env())
    files = sorted(out_dir.glob("*.xlsx"))
    if proc.returncode not in (0, 1) or not files:
        raise SystemExit(f"split for collect's input failed (exit {proc.returncode}): {proc.stderr.strip()[-1000:]}")
    return files


def branch_files(split_files: list[Path], edits_json: Path, tag: str) -> tuple[list[Path], dict[str, int]]:
    """The split files after a month of branch work (edits.py), in OUT/collect-<tag>/."""
    out_dir = fresh_dir(OUT / f"collect-{tag}")
    log(f"branch edits on {len(split_files)} files -> {out_dir.relative_to(DATA)}")
    edited, totals = [], {}
    for no, path in enumerate(split_files):
        target = out_dir / path.name
        done = helper("edits.py", "branch", str(path), str(target), "--master-edits", str(edits_json),
                      "--file-no", str(no))
        for k, v in done.items():
            totals[k] = totals.get(k, 0) + v
        edited.append(target)
    return edited, dict(sorted(totals.items()))


# --- reading outputs back (not timed) -----------------------------------------------------------

_ROW = re.compile(r"(\d+)$")


def flagged_rows(checked: Path, source: Path) -> int | None:
    """Rows of `source` with at least one finding, from the Issues sheet of its `check -o` output."""
    import python_calamine as pc

    register_sheets = set(pc.CalamineWorkbook.from_path(str(source)).sheet_names)
    wb = pc.CalamineWorkbook.from_path(str(checked))
    for name in wb.sheet_names:
        if name in register_sheets:
            continue
        rows = wb.get_sheet_by_name(name).to_python()
        if not rows:
            continue
        header = [str(h).strip() for h in rows[0]]
        sheet_col = next((header.index(h) for h in ("工作表", "Sheet") if h in header), None)
        cell_col = next((header.index(h) for h in ("单元格", "Cell") if h in header), None)
        if sheet_col is None or cell_col is None:
            continue
        flagged = set()
        for row in rows[1:]:
            sheet, cell = str(row[sheet_col]), str(row[cell_col])
            m = _ROW.search(cell)
            if sheet in register_sheets and m:
                flagged.add((sheet, int(m[1])))
        return len(flagged)
    return None

