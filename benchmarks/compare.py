"""Are two versions' outputs the same? validate, check, split, collect and import, cell by cell.

    python benchmarks/compare.py make DIR --code main        # outputs of the committed code at a revision
    python benchmarks/compare.py make DIR --code worktree    # outputs of the working tree
    python benchmarks/compare.py diff DIR_A DIR_B            # every difference (exit 1 if any)

A speed change must not change what a command writes. `make` runs
`validate --json`, `check --json`, `check -o`, `split --json`, `collect
--json` and `import --json -o` on fixed inputs and keeps everything they
write; `diff` compares two such folders:

* JSON documents key by key, after leaving out what legitimately differs
  between two runs: `as_of` (the clock), `split_id` and `split_at`, and the
  folder the outputs were written to (replaced by `<out>`);
* workbooks with openpyxl, sheet by sheet (names, order, visibility): every
  cell's value and type, number format, fill, font, alignment and comment;
  merged ranges, column widths and formats, row heights, frozen panes, the
  filter, data validations (dropdowns, input hints), sheet protection,
  print setup and the document properties (not their timestamps). In the
  hidden `_sheetdesk` record the split id, time and signature differ by
  design (a new split id is drawn every run): those three values are left
  out, every row fingerprint is compared. A cell written as a shared string
  and one written inline (xlsxwriter's constant-memory mode) are the same
  cell: the text and type are compared, not the XML.

The fixed inputs are made once into benchmarks/data/compare/inputs/ (delete
the folder to make them again): the small benchmark master (10k/20k/10k),
head office's corrected copy and five worked-on branch files (as run.py
makes them), and both bundled example workbooks with their branch files
(edited as the benchmark edits them, and returned unchanged). Every run uses
the key files made with the inputs, so the masters' identities are stable.
Cases added later are made when missing, the others kept: `heavy` (the
findings-heavy small master, validate and check), `holds` (the small master
with a Holds register and a policy of named calendars, night windows,
holidays per calendar and SLA rows with conditions, made by holds.py; check
only) and `imports` (the small legacy CSV and .xlsx logs and the public logs
in /work/shared/realworld, each imported as repairs).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import harness
import inputs
from harness import CODE, DATA, REPO, helper, helper_env, log, sheetdesk_cmd

INPUTS = DATA / "compare" / "inputs"
EXAMPLES = REPO / "workbook_templates" / "examples"
# Values of the split record that a new split draws anew.
RUN_SPECIFIC_RECORD = frozenset({"split_id", "split_at", "signature"})
RUN_SPECIFIC_JSON = frozenset({"as_of", "split_id", "split_at", "created"})  # created: of a key copy
MAX_SHOWN = 40
AS_OF = "2026-11-01T00:00:00"
REALWORLD = Path("/work/shared/realworld")


# --- the fixed inputs ---------------------------------------------------------------------------

def case_names() -> list[str]:
    return sorted(p.name for p in INPUTS.iterdir() if p.is_dir())


def make_inputs() -> None:
    """The inputs every `make` reads; made once with the working tree."""
    if INPUTS.exists():
        return
    log(f"making the fixed inputs in {INPUTS.relative_to(REPO)}")
    tmp = INPUTS.with_name("inputs.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    src, _ = inputs.master(inputs.Scale("small"), "zh", regenerate=False)
    _case(tmp / "small", src, edited=True)
    for name, book in (("example-zh", "service_desk_example.xlsx"), ("example-en", "service_desk_example.en.xlsx")):
        _case(tmp / name, EXAMPLES / book, edited=True)
        _case(tmp / f"{name}-unchanged", EXAMPLES / book, edited=False)
    tmp.rename(INPUTS)


def make_later_inputs() -> None:
    """The cases added after the first ones, each made when it is missing."""
    small = inputs.Scale("small")
    if not (INPUTS / "heavy").exists():
        src, _ = inputs.master(small, "zh", regenerate=False, mistakes=inputs.HEAVY_MISTAKES)
        (INPUTS / "heavy.tmp").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, INPUTS / "heavy.tmp" / "master.xlsx")
        (INPUTS / "heavy.tmp").rename(INPUTS / "heavy")
    if not (INPUTS / "holds").exists():
        src, _ = inputs.master(small, "zh", regenerate=False)
        tmp = INPUTS / "holds.tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        log("making the holds case (holds.py)")
        subprocess.run([sys.executable, str(harness.HERE / "holds.py"), str(src), str(tmp / "master.xlsx"),
                        str(tmp / "policy.xlsx")], check=True, cwd=REPO, env=helper_env(), capture_output=True)
        tmp.rename(INPUTS / "holds")
    if not (INPUTS / "imports").exists():
        tmp = INPUTS / "imports.tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        for kind, rows in (("csv", small.legacy_rows), ("xlsx", small.legacy_rows // 2)):
            src, _ = inputs.legacy(kind, rows, regenerate=False)
            shutil.copyfile(src, tmp / f"legacy.{kind}")
        for path in sorted(REALWORLD.glob("*")) if REALWORLD.is_dir() else []:
            if path.suffix.lower() in (".csv", ".xlsx", ".xls"):
                shutil.copyfile(path, tmp / f"realworld-{len(list(tmp.glob('realworld-*'))):02d}{path.suffix}")
        tmp.rename(INPUTS / "imports")


def _case(folder: Path, source: Path, *, edited: bool) -> None:
    """master.xlsx, its key, now.xlsx (head office's copy at collect time) and branches/*.xlsx."""
    folder.mkdir(parents=True)
    master = folder / "master.xlsx"
    shutil.copyfile(source, master)
    split_dir = folder / "split"
    _run(sheetdesk_cmd("split", str(master), "-o", str(split_dir), "--force"), ok=(0, 1))  # writes master's key
    branches = folder / "branches"
    branches.mkdir()
    if edited:
        helper("edits.py", "master", str(master), str(folder / "now.xlsx"))
        for no, path in enumerate(sorted(split_dir.glob("*.xlsx"))):
            helper("edits.py", "branch", str(path), str(branches / path.name), "--master-edits",
                   str(folder / "now.xlsx.json"), "--file-no", str(no))
    else:
        shutil.copyfile(master, folder / "now.xlsx")
        for path in sorted(split_dir.glob("*.xlsx")):
            shutil.copyfile(path, branches / path.name)
    shutil.rmtree(split_dir)


def _run(cmd: list[str], *, ok: tuple[int, ...], stdout: Path | None = None) -> int:
    proc = subprocess.run(cmd, capture_output=True, cwd=CODE.dir, env=CODE.env(), check=False)
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd[2:])} exited with {proc.returncode}:\n"
                         f"{proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    if stdout is not None:
        stdout.write_bytes(proc.stdout)
    return proc.returncode


# --- the outputs of one version -----------------------------------------------------------------

def make(out: Path, cases: list[str] | None = None) -> None:
    """Run the commands on every case's inputs (or those named); keep all they write in `out`."""
    make_inputs()
    make_later_inputs()
    out = out.resolve()  # the commands run in the measured code's folder
    shutil.rmtree(out, ignore_errors=True)
    for case in cases or case_names():
        src, dst = INPUTS / case, out / case
        dst.mkdir(parents=True)
        if case == "imports":
            _make_imports(src, dst)
            continue
        codes = _make_checks(src, dst)
        if not (src / "branches").is_dir():
            (dst / "exit-codes.json").write_text(json.dumps(codes) + "\n", encoding="utf-8")
            continue
        key = src / "master.sheetdesk-key"
        log(f"{case}: split, collect ({CODE.label})")
        codes |= {
            "split": _run(sheetdesk_cmd("split", str(src / "master.xlsx"), "-o", str(dst / "split"), "--key",
                                        str(key), "--as-of", AS_OF, "--json"),  # the worklist's times: not the clock
                          ok=(0, 1), stdout=dst / "split.json"),
            "collect": _run(sheetdesk_cmd("collect", str(src / "now.xlsx"),
                                          *map(str, sorted((src / "branches").glob("*.xlsx"))),
                                          "-o", str(dst / "collect.xlsx"), "--key", str(key), "--json"),
                            ok=(0, 1), stdout=dst / "collect.json"),
        }
        (dst / "exit-codes.json").write_text(json.dumps(codes) + "\n", encoding="utf-8")


def _make_checks(src: Path, dst: Path) -> dict[str, int]:
    """`check --json` and `check -o` of the case's master (with its policy.xlsx if it has one)."""
    log(f"{src.name}: check ({CODE.label})")
    master = str(src / "master.xlsx")
    policy = ["--policy", str(src / "policy.xlsx")] if (src / "policy.xlsx").exists() else []
    codes = {
        "check --json": _run(sheetdesk_cmd("check", master, *policy, "--as-of", AS_OF, "--json"), ok=(0, 1),
                             stdout=dst / "check.json"),
        "check -o": _run(sheetdesk_cmd("check", master, *policy, "--as-of", AS_OF, "-o", str(dst / "check.xlsx")),
                         ok=(0, 1)),
    }
    if not policy:
        codes["validate"] = _run(sheetdesk_cmd("validate", master, "--json"), ok=(0, 1),
                                 stdout=dst / "validate.json")
    return codes


def _make_imports(src: Path, dst: Path) -> None:
    """`import --kind repairs --json -o` of every log in the case."""
    codes = {}
    for path in sorted(src.iterdir()):
        log(f"imports: {path.name} ({CODE.label})")
        codes[path.name] = _run(sheetdesk_cmd("import", str(path), "--kind", "repairs", "--json", "-o",
                                              str(dst / f"{path.name}.xlsx")), ok=(0, 1),
                                stdout=dst / f"{path.name}.json")
    (dst / "exit-codes.json").write_text(json.dumps(codes) + "\n", encoding="utf-8")


# --- comparing two versions' outputs ------------------------------------------------------------

def diff(a: Path, b: Path) -> list[str]:
    found: list[str] = []
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    for name in sorted(names_a ^ names_b):
        found.append(f"{name}: only in {'A' if name in names_a else 'B'}")
    for name in sorted(names_a & names_b):
        log(f"comparing {name}")
        if name.suffix in (".json", ".sheetdesk-key"):
            found += [f"{name}: {d}" for d in _json_diff(_json(a / name, a), _json(b / name, b))]
        elif name.suffix == ".xlsx":
            found += [f"{name}: {d}" for d in workbook_diff(a / name, b / name)]
        elif (a / name).read_bytes() != (b / name).read_bytes():
            found.append(f"{name}: the bytes differ")
    return found


def _json(path: Path, folder: Path) -> Any:
    text = path.read_text(encoding="utf-8").replace(str(folder.resolve()), "<out>").replace(str(folder), "<out>")
    return json.loads(text)


def _json_diff(a: Any, b: Any, where: str = "") -> Iterator[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key in RUN_SPECIFIC_JSON:
                continue
            if key not in a or key not in b:
                yield f"{where}.{key}: only in {'A' if key in a else 'B'}"
            else:
                yield from _json_diff(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{where}: {len(a)} items / {len(b)} items"
        for n, (x, y) in enumerate(zip(a, b, strict=False)):  # the lengths were compared above
            yield from _json_diff(x, y, f"{where}[{n}]")
    elif a != b or type(a) is not type(b):
        yield f"{where}: {a!r} / {b!r}"


def workbook_diff(path_a: Path, path_b: Path) -> list[str]:
    from openpyxl import load_workbook

    wa, wb = load_workbook(path_a), load_workbook(path_b)
    found: list[str] = []
    if wa.sheetnames != wb.sheetnames:
        return [f"sheets {wa.sheetnames} / {wb.sheetnames}"]
    for attr in ("title", "subject", "creator", "company", "manager", "description", "keywords", "category"):
        x, y = getattr(wa.properties, attr, None), getattr(wb.properties, attr, None)
        if x != y:
            found.append(f"property {attr}: {x!r} / {y!r}")
    for name in wa.sheetnames:
        found += [f"{name}: {d}" for d in _sheet_diff(wa[name], wb[name])]
    return found


def _sheet_diff(a: Any, b: Any) -> list[str]:
    found: list[str] = []
    for what, get in _SHEET_PARTS.items():
        x, y = get(a), get(b)
        if x != y:
            found.append(f"{what}: {_short(x)} / {_short(y)}")
    skip = _run_specific_rows(a) if a.title == "_sheetdesk" else set()
    rows = max(a.max_row, b.max_row)
    cols = max(a.max_column, b.max_column)
    for r in range(1, rows + 1):
        for c in range(1, cols + 1):
            x, y = _cell(a, r, c), _cell(b, r, c)
            if x != y and not (r in skip and c == 2):
                found.append(f"{x[0] if x[0] else y[0]}: {_short(x[1:])} / {_short(y[1:])}")
                if len(found) > MAX_SHOWN:
                    return [*found, "... (more differences not shown)"]
    for r in range(1, rows + 1):
        x, y = _row_look(a, r), _row_look(b, r)
        if x != y:
            found.append(f"row {r} height/format: {x} / {y}")
    return found


def _run_specific_rows(ws: Any) -> set[int]:
    return {r for (r, c), cell in ws._cells.items() if c == 1 and cell.value in RUN_SPECIFIC_RECORD}


def _cell(ws: Any, r: int, c: int) -> tuple[Any, ...]:
    cell = ws._cells.get((r, c))  # openpyxl's own store: ws.cell() would add the cell
    if cell is None:
        return ("", None)
    font, fill, align = cell.font, cell.fill, cell.alignment
    return (
        cell.coordinate,
        cell.value,
        type(cell.value).__name__,
        cell.data_type,
        cell.number_format,
        fill.fill_type,
        _colour(fill.fgColor) if fill.fill_type else None,
        font.b,
        _colour(font.color),
        align.horizontal,
        align.vertical,
        align.wrap_text,
        cell.protection.locked,
        cell.comment.text if cell.comment else None,
    )


def _colour(colour: Any) -> Any:
    """An RGB colour, or a theme colour with its tint (openpyxl's `.rgb` of a theme colour is not a value)."""
    if colour is None:
        return None
    if colour.type == "rgb":
        return colour.rgb
    return (colour.type, colour.theme if colour.type == "theme" else colour.indexed, colour.tint)


def _row_look(ws: Any, r: int) -> tuple[Any, ...]:
    dim = ws.row_dimensions.get(r) if r in ws.row_dimensions else None
    if dim is None:
        return ()
    return (dim.height, dim.hidden, _look(dim) if dim.customFormat else None)


def _columns(ws: Any) -> list[tuple[Any, ...]]:
    return sorted(
        (key, dim.min, dim.max, round(dim.width or 0, 4), dim.hidden, _look(dim))
        for key, dim in ws.column_dimensions.items()
    )


def _look(dim: Any) -> tuple[Any, ...]:
    """A row's or column's default format, by what it shows (style ids depend on the order formats were made)."""
    fill = dim.fill
    return (dim.number_format, fill.fill_type, _colour(fill.fgColor) if fill.fill_type else None, dim.font.b,
            dim.alignment.horizontal, dim.alignment.wrap_text)


def _validations(ws: Any) -> list[tuple[Any, ...]]:
    return sorted(
        (str(v.sqref), v.type, v.formula1, v.allow_blank, v.showErrorMessage, v.errorStyle, v.errorTitle, v.error,
         v.promptTitle, v.prompt)
        for v in ws.data_validations.dataValidation
    )


def _print_setup(ws: Any) -> tuple[Any, ...]:
    setup, options, margins = ws.page_setup, ws.print_options, ws.page_margins
    return (
        setup.orientation, setup.paperSize, setup.scale, setup.fitToWidth, setup.fitToHeight, setup.pageOrder,
        ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
        options.gridLines, margins.left, margins.right, margins.top, margins.bottom, margins.header, margins.footer,
        ws.print_title_rows, ws.print_title_cols, ws.oddHeader.center.text, ws.oddFooter.center.text,
    )


_SHEET_PARTS = {
    "visibility": lambda ws: ws.sheet_state,
    "size": lambda ws: (ws.max_row, ws.max_column),
    "merged cells": lambda ws: sorted(str(m) for m in ws.merged_cells.ranges),
    "frozen panes": lambda ws: ws.freeze_panes,
    "filter": lambda ws: ws.auto_filter.ref,
    "columns": _columns,
    "data validations": _validations,
    "protection": lambda ws: (ws.protection.sheet, ws.protection.autoFilter, ws.protection.sort,
                              ws.protection.formatColumns),
    "print setup": _print_setup,
    "active": lambda ws: ws.parent.active.title if ws.parent.active else None,
}


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 300 else text[:300] + "..."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)
    mk = sub.add_parser("make", help="run the commands of one version on the fixed inputs")
    mk.add_argument("out", type=Path)
    mk.add_argument("--code", default="HEAD", metavar="REV|worktree")
    mk.add_argument("--cases", help="comma-separated cases (default: all); compare with diff --cases")
    df = sub.add_parser("diff", help="compare two `make` folders")
    df.add_argument("a", type=Path)
    df.add_argument("b", type=Path)
    df.add_argument("--cases", help="comma-separated cases to compare (default: all)")
    args = parser.parse_args(argv)
    cases = args.cases.split(",") if args.cases else None
    if args.what == "make":
        if args.code.lower() != "worktree":
            harness.use_revision(args.code)
        make(args.out, cases)
        return 0
    found = [line for case in cases for line in diff(args.a / case, args.b / case)] if cases else diff(args.a, args.b)
    for line in found:
        print(line)
    print(f"{len(found)} difference(s)" if found else "identical (apart from the run-specific values)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
