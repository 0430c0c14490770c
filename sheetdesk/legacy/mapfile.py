"""The mapping file: how one legacy layout imports, saved and reused.

```yaml
kind: repairs
columns:                  # source column (header text or letter) -> where it goes
  日期: reported_at.date
  开始时间: reported_at.time
  结束时间: resolved_at.time
  故障描述: fault_description
  机组: keep              # into notes as "机组: 502" (what unmapped columns get)
  是否停车: skip          # dropped on purpose
dayfirst:                 # per date column: true = 31/01/2024, false = 01/31/2024
  opened_at: true
carry_down: [日期]        # blanks in these columns mean "same as above"
```

Optional keys: `sheet` (the sheet to read) and `header_rows` (Excel rows of
the header, e.g. `[3, 4]`). Columns the file does not name are mapped
automatically. A file that cannot be used (bad YAML, unknown key, a column
the source does not have) is an `InputError`: exit code 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from sheetdesk.errors import InputError
from sheetdesk.legacy.header import label_forms, label_text
from sheetdesk.legacy.targets import Target, parse_target
from sheetdesk.schema import Register, normalize_label

if TYPE_CHECKING:
    from sheetdesk.legacy.result import ImportResult
    from sheetdesk.legacy.table import Layout

OPTIONS = ("kind", "sheet", "header_rows", "columns", "dayfirst", "carry_down")
_LETTERS = re.compile(r"^[A-Z]{1,3}$")


@dataclass
class MapFile:
    path: Path
    kind: str | None = None
    sheet: str | None = None
    header_rows: list[int] | None = None
    columns: dict[str, Target] = field(default_factory=dict)
    dayfirst: dict[str, bool] = field(default_factory=dict)
    carry_down: list[str] | None = None


def load_mapping(path: str | Path, register: Register) -> MapFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "mapping file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"mapping file cannot be read ({exc})") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}" if where is not None else ""
        raise InputError(path, f"mapping file is not valid YAML{at}") from exc
    if not isinstance(data, dict):
        raise InputError(path, "mapping file must be a YAML mapping (columns: {header: key, ...})")
    unknown = [k for k in data if k not in OPTIONS]
    if unknown:
        raise InputError(
            path,
            f"unknown setting(s) {', '.join(map(str, unknown))} in the mapping file (allowed: {', '.join(OPTIONS)})",
        )
    result = MapFile(path)
    kind = data.get("kind")
    if kind is not None and kind != register.key:
        raise InputError(path, f"mapping file is for kind '{kind}', not '{register.key}'")
    result.kind = kind
    if data.get("sheet") is not None:
        result.sheet = str(data["sheet"])
    result.header_rows = _int_list(path, data.get("header_rows"), "header_rows")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise InputError(path, "'columns' must map source columns to keys (e.g. 日期: reported_at.date)")
    for ref, target in columns.items():
        try:
            result.columns[str(ref)] = parse_target(str(target), register)
        except ValueError as exc:
            raise InputError(path, f"column '{ref}': {exc}") from None
    dayfirst = data.get("dayfirst") or {}
    if not isinstance(dayfirst, dict) or not all(isinstance(v, bool) for v in dayfirst.values()):
        raise InputError(path, "'dayfirst' must map date columns to true (31/01/2024) or false (01/31/2024)")
    result.dayfirst = {str(k): v for k, v in dayfirst.items()}
    carry = data.get("carry_down")
    if carry is not None:
        if not isinstance(carry, list):
            raise InputError(path, "'carry_down' must be a list of columns")
        result.carry_down = [str(c) for c in carry]
    return result


def _int_list(path: Path, value: Any, name: str) -> list[int] | None:
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in values):
        raise InputError(path, f"'{name}' must be Excel row numbers, e.g. [3, 4]")
    return values


def resolve_column(ref: str, layout: Layout, mapfile: MapFile) -> int:
    """A mapping file's column reference (header text or letter) -> 0-based index."""
    folded = normalize_label(ref)
    for col, parts in enumerate(layout.parts):  # the header as shown first, then its lookup forms
        if parts and normalize_label(label_text(parts)) == folded:
            return col
    for col, parts in enumerate(layout.parts):
        if parts and any(normalize_label(f) == folded for f in label_forms(parts)):
            return col
    if _LETTERS.match(ref.strip()):
        index = 0
        for ch in ref.strip():
            index = index * 26 + (ord(ch) - 64)
        if index - 1 < layout.width:
            return index - 1
    known = ", ".join(layout.label(c) for c in range(layout.width) if layout.parts[c])
    raise InputError(mapfile.path, f"column '{ref}' is not in the source header (columns: {known})")


def mapping_document(result: ImportResult) -> dict[str, Any]:
    """The mapping used by an import, as a mapping file's content."""
    doc: dict[str, Any] = {"kind": result.kind}
    if result.sheets and len(result.sheets) > 1:
        doc["sheet"] = result.sheet
    columns: dict[str, str] = {}
    labels = [c.label for c in result.columns]
    for c in result.columns:
        ref = c.label if labels.count(c.label) == 1 else c.letter
        columns[ref] = str(c.target)
    doc["columns"] = columns
    dayfirst = {c.label: c.dayfirst for c in result.columns if c.dayfirst is not None}
    if dayfirst:
        doc["dayfirst"] = dayfirst
    carry = [c.label for c in result.columns if c.carry_down]
    if carry:
        doc["carry_down"] = carry
    return doc


def dump_mapping(result: ImportResult) -> str:
    header = (
        f"# sheetdesk import mapping for {result.source.name} ({result.kind}).\n"
        "# Edit and reuse: sheetdesk import NEXT.xlsx --kind "
        f"{result.kind} --mapping THIS.yaml\n"
        "# Targets: a key, key.date / key.time (parts of a date-and-time), keep (into notes as\n"
        "# 'label: value'), skip (dropped). dayfirst: true = 31/01/2024, false = 01/31/2024.\n"
    )
    body = yaml.safe_dump(mapping_document(result), allow_unicode=True, sort_keys=False, width=120)
    return header + body


def save_mapping(result: ImportResult, path: str | Path) -> None:
    from sheetdesk.io.atomic import atomic_path

    with atomic_path(path) as tmp:
        tmp.write_text(dump_mapping(result), encoding="utf-8")
