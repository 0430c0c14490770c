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
automatically. A clerk who does not edit YAML saves the same mapping as a
workbook (`mapbook`: `.xlsx`), with a dropdown of keys. A file that cannot
be used (bad YAML, an alias, unknown key, a column the source does not
have) is an `InputError`: exit code 2.

YAML is read with a safe loader that refuses aliases (`*name`): a few
hundred bytes of nested aliases would otherwise expand into gigabytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.legacy.header import label_forms, label_text
from sheetdesk.legacy.targets import Target, TargetError, parse_target
from sheetdesk.schema import Register, normalize_label

if TYPE_CHECKING:
    from sheetdesk.legacy.result import ImportResult
    from sheetdesk.legacy.table import Layout

OPTIONS = ("kind", "sheet", "header_rows", "columns", "dayfirst", "carry_down")
MAX_BYTES = 1024 * 1024
_LETTERS = re.compile(r"^[A-Z]{1,3}$")

NOT_FOUND = Msg("mapping file not found", "找不到映射文件")
UNREADABLE = Msg("mapping file cannot be read ({problem})", "无法读取映射文件（{problem}）")
TOO_BIG = Msg(
    "mapping file is {size:,} bytes; a mapping is a few hundred", "映射文件有 {size:,} 字节；映射文件通常只有几百字节"
)
NOT_YAML = Msg("mapping file is not valid YAML{at}", "映射文件不是有效的 YAML{at}")
AT_LINE = Msg(" at line {line}", "（第 {line} 行）")
ALIASES = Msg(
    "mapping file uses a YAML alias (*{name}) at line {line}; write the value out instead",
    "映射文件在第 {line} 行使用了 YAML 别名（*{name}）；请直接写出值",
)
NOT_A_MAPPING = Msg(
    "mapping file must be a YAML mapping (columns: {{header: key, ...}})",
    "映射文件必须是 YAML 映射（columns: {{表头: 列键, ...}}）",
)
UNKNOWN = Msg(
    "unknown setting(s) {names} in the mapping file (allowed: {allowed})",
    "映射文件中有未知设置 {names}（可用：{allowed}）",
)
WRONG_KIND = Msg("mapping file is for kind '{kind}', not '{wanted}'", "映射文件用于“{kind}”，不是“{wanted}”")
COLUMNS_SHAPE = Msg(
    "'columns' must map source columns to keys (e.g. 日期: reported_at.date)",
    "“columns”必须把源列对应到列键（例如 日期: reported_at.date）",
)
BAD_TARGET = Msg("column '{ref}': {problem}", "列“{ref}”：{problem}")
DAYFIRST_SHAPE = Msg(
    "'dayfirst' must map date columns to true (31/01/2024) or false (01/31/2024)",
    "“dayfirst”必须把日期列对应到 true（31/01/2024）或 false（01/31/2024）",
)
CARRY_SHAPE = Msg("'carry_down' must be a list of columns", "“carry_down”必须是列的列表")
ROWS_SHAPE = Msg("'{name}' must be Excel row numbers, e.g. [3, 4]", "“{name}”必须是 Excel 行号，例如 [3, 4]")
NOT_IN_HEADER = Msg(
    "column '{ref}' is not in the source header (columns: {known})", "列“{ref}”不在源文件表头中（现有列：{known}）"
)


@dataclass
class MapFile:
    path: Path
    kind: str | None = None
    sheet: str | None = None
    header_rows: list[int] | None = None
    columns: dict[str, Target] = field(default_factory=dict)
    dayfirst: dict[str, bool] = field(default_factory=dict)
    carry_down: list[str] | None = None


class _NoAliases(yaml.SafeLoader):
    """The safe loader, refusing aliases (a billion laughs fits in 383 bytes)."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 - PyYAML's own signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _AliasFound(event.anchor, event.start_mark.line + 1)
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    def __init__(self, name: str, line: int) -> None:
        super().__init__(name)
        self.name, self.line = name, line


def load_mapping(path: str | Path, register: Register) -> MapFile:
    """A mapping file, YAML or a saved mapping workbook (.xlsx), checked against `register`."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        from sheetdesk.legacy.mapbook import read_mapbook

        return from_document(path, read_mapbook(path), register)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, TOO_BIG, size=size)
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, NOT_FOUND) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, UNREADABLE, problem=str(exc)) from exc
    try:
        data = yaml.load(text, Loader=_NoAliases)  # noqa: S506 - a SafeLoader that also refuses aliases
    except _AliasFound as alias:
        raise InputError(path, ALIASES, name=alias.name, line=alias.line) from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = AT_LINE.bind(line=where.line + 1) if where is not None else ""
        raise InputError(path, NOT_YAML, at=at) from exc
    return from_document(path, data, register)


def from_document(path: Path, data: Any, register: Register) -> MapFile:
    """A mapping from its document (what YAML or a mapping workbook holds)."""
    if not isinstance(data, dict):
        raise InputError(path, NOT_A_MAPPING)
    unknown = [k for k in data if k not in OPTIONS]
    if unknown:
        raise InputError(path, UNKNOWN, names=", ".join(map(str, unknown)), allowed=", ".join(OPTIONS))
    result = MapFile(path)
    kind = data.get("kind")
    if kind is not None and kind != register.key:
        raise InputError(path, WRONG_KIND, kind=kind, wanted=register.key)
    result.kind = kind
    if data.get("sheet") is not None:
        result.sheet = str(data["sheet"])
    result.header_rows = _int_list(path, data.get("header_rows"), "header_rows")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise InputError(path, COLUMNS_SHAPE)
    for ref, target in columns.items():
        try:
            result.columns[str(ref)] = parse_target(str(target), register)
        except TargetError as exc:
            raise InputError(path, BAD_TARGET, ref=ref, problem=exc.message) from None
    dayfirst = data.get("dayfirst") or {}
    if not isinstance(dayfirst, dict) or not all(isinstance(v, bool) for v in dayfirst.values()):
        raise InputError(path, DAYFIRST_SHAPE)
    result.dayfirst = {str(k): v for k, v in dayfirst.items()}
    carry = data.get("carry_down")
    if carry is not None:
        if not isinstance(carry, list):
            raise InputError(path, CARRY_SHAPE)
        result.carry_down = [str(c) for c in carry]
    return result


def _int_list(path: Path, value: Any, name: str) -> list[int] | None:
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in values):
        raise InputError(path, ROWS_SHAPE, name=name)
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
    raise InputError(mapfile.path, NOT_IN_HEADER, ref=ref, known=known)


def mapping_document(result: ImportResult) -> dict[str, Any]:
    """The mapping used by an import, as a mapping file's content."""
    doc: dict[str, Any] = {"kind": result.kind}
    if result.sheets and len(result.sheets) > 1:
        doc["sheet"] = result.sheet
    columns: dict[str, str] = {}
    for c in result.columns:
        columns[result.column_ref(c.index)] = str(c.target)
    doc["columns"] = columns
    dayfirst = {result.column_ref(c.index): c.dayfirst for c in result.columns if c.dayfirst is not None}
    if dayfirst:
        doc["dayfirst"] = dayfirst
    carry = [result.column_ref(c.index) for c in result.columns if c.carry_down]
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
    """Write the mapping an import used: YAML, or a mapping workbook when `path` ends in .xlsx."""
    from sheetdesk.io.atomic import atomic_path

    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from sheetdesk.legacy.mapbook import write_mapbook

        write_mapbook(result, path)
        return
    with atomic_path(path) as tmp:
        tmp.write_text(dump_mapping(result), encoding="utf-8")
