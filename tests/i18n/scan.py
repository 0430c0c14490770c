"""Every string a reader can see in a written workbook, and the words in it of the wrong language.

`workbook_texts(path)` opens an .xlsx twice: with openpyxl for what a clerk
sees in a sheet (sheet names, every cell, the text literals of formulas,
comments, data-validation prompts, error messages and dropdown lists,
headers and footers, hyperlink tips), and as a zip for what openpyxl does not
read back (chart titles, axis titles and series names in the chart XML) and
the document properties. Sheets that are `veryHidden` hold sheetdesk's own
machine record (the split record of a branch file): Excel offers no way to
show them, so their cells are not scanned, but their names are.

`foreign_words(text, lang, known)` returns what in `text` is not in `lang`:
English words in a Chinese output, Chinese characters in an English one,
once the user's own values, the finding codes, the file names and the
commands a clerk types are taken out (`Known`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree

from sheetdesk.findings import FINDINGS
from sheetdesk.legacy.texts import DECISIONS, REJECTS
from sheetdesk.schema import REGISTERS
from sheetdesk.schema.policy import POLICY_SHEETS

# What a Chinese output may show in English, and why (keep it tiny).
ALLOWED_IN_ZH = {
    "sheetdesk": "the program's name, as the clerk types it",
    # The file format and encoding import read, as --encoding names them (`csv (utf-8 (BOM))`).
    "csv": "a file format's name",
    "utf-8": "an encoding's name, as --encoding takes it",
    "bom": "UTF-8 with a byte-order mark: the encoding's name as import detects it",
}

# An ASCII token: letters, digits and the joiners of codes, models and file names.
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z0-9]")
# An English word inside a token: two letters or more (a cell reference `A55` or a unit has one).
WORD = re.compile(r"[A-Za-z]{2,}")
CELL_REF = re.compile(r"^\$?[A-Z]{1,3}\$?\d+$")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
# What the clerk types, quoted in a message: `sheetdesk validate`, 'sheetdesk check --help', `--lang zh`.
TYPED = re.compile(r"`[^`]*`|'sheetdesk [^']*'|(?<![\w-])--[a-z][a-z-]*")
# An identifier sheetdesk made (a split id, a fingerprint): hexadecimal, with a digit.
HEX_ID = re.compile(r"^(?=[a-f]*\d)[0-9a-f]{8,}$")
# Header/footer codes: &P (page), &N (pages), &A (sheet), &D, &T, &F, &"font,style", &12 (size), &L/&C/&R.
HEADER_CODES = re.compile(r'&(?:"[^"]*"|\d+|[A-Za-z&])')
_NUMERIC = re.compile(r"^[\d\s.,:%+\-/]*$")


@dataclass(frozen=True)
class Text:
    where: str
    text: str


@dataclass
class Known:
    """Strings a run may show in any language: the user's values, codes, file names."""

    values: set[str] = field(default_factory=set)  # whole user values (cells, sheet names)
    tokens: set[str] = field(default_factory=set)  # ASCII tokens of user values and file names
    cjk: set[str] = field(default_factory=set)  # Chinese runs of user values and file names

    def add(self, text: str) -> None:
        text = str(text)
        self.values.add(text)
        self.tokens.update(t.casefold() for t in TOKEN.findall(text))
        self.cjk.update(CJK.findall(text))

    def add_file(self, path: Path | str) -> None:
        for part in Path(path).parts:
            self.add(part)
            self.add(Path(part).stem)  # a CSV's one sheet is named after its file

    def add_workbook(self, path: Path) -> None:
        """Every string the user wrote in an input workbook (sheet names and cells)."""
        for item in workbook_texts(path):
            self.add(item.text)


def known_with_codes() -> Known:
    """Codes every language shows as they are: finding codes, import's decision and reject
    codes, and the template's field keys (the JSON's keys, the mapping file's targets)."""
    known = Known()
    known.tokens.update(code.casefold() for code in (*FINDINGS, *DECISIONS, *REJECTS))
    for register in (*REGISTERS, *POLICY_SHEETS):
        known.tokens.update(f.key for f in register.fields)
        known.tokens.update(f"{f.key}.{part}" for f in register.fields for part in ("date", "time"))
    return known


# -- reading a workbook ---------------------------------------------------------------


def _formula_literals(formula: str) -> list[str]:
    """The text a formula shows: its string literals (`HYPERLINK("#'维修记录'!A5", "维修记录!A5")`)."""
    return [m.replace('""', '"') for m in re.findall(r'"((?:[^"]|"")*)"', formula)]


def _cell_texts(ws: Any) -> Iterator[tuple[str, str]]:
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str):
                if value.startswith("="):
                    for literal in _formula_literals(value):
                        if not literal.startswith("#"):  # an internal link target, not shown
                            yield cell.coordinate, literal
                else:
                    yield cell.coordinate, value
            if cell.comment is not None:
                yield f"{cell.coordinate} comment", cell.comment.text
            if cell.hyperlink is not None:
                for attr in ("tooltip", "display"):
                    text = getattr(cell.hyperlink, attr, None)
                    if text:
                        yield f"{cell.coordinate} link {attr}", text


def _validation_texts(ws: Any) -> Iterator[tuple[str, str]]:
    for dv in ws.data_validations.dataValidation:
        where = f"validation {dv.sqref}"
        for attr in ("prompt", "promptTitle", "error", "errorTitle"):
            text = getattr(dv, attr, None)
            if text:
                yield f"{where} {attr}", text
        if dv.type == "list" and dv.formula1 and dv.formula1.startswith('"'):
            for item in dv.formula1.strip('"').split(","):
                yield f"{where} list", item


def _header_footer_texts(ws: Any) -> Iterator[tuple[str, str]]:
    for name in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"):
        part = getattr(ws, name, None)
        if part is None:
            continue
        for side in ("left", "center", "right"):
            text = getattr(getattr(part, side, None), "text", None)
            if text:
                yield f"{name} {side}", HEADER_CODES.sub(" ", text)


_DRAWING_TEXT = {"{http://schemas.openxmlformats.org/drawingml/2006/main}t"}
_CHART_VALUE = "{http://schemas.openxmlformats.org/drawingml/2006/chart}v"
_CORE = ("title", "subject", "description", "keywords", "category", "creator")


def _zip_texts(path: Path) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith(("xl/charts/chart", "xl/drawings/drawing")) and name.endswith(".xml"):
                root = etree.fromstring(z.read(name))
                for el in root.iter():
                    if (el.tag in _DRAWING_TEXT or el.tag == _CHART_VALUE) and el.text:
                        yield name, el.text
            elif name == "docProps/core.xml":
                root = etree.fromstring(z.read(name))
                for el in root.iter():
                    if isinstance(el.tag, str) and etree.QName(el).localname in _CORE and el.text:
                        yield f"{name} {etree.QName(el).localname}", el.text


def workbook_texts(path: Path) -> list[Text]:
    """Every string a reader can see in the .xlsx at `path` (see the module's docstring)."""
    wb = openpyxl.load_workbook(path)
    found: list[Text] = []
    for ws in wb.worksheets:
        found.append(Text(f"{path.name}: sheet name", ws.title))
        if ws.sheet_state == "veryHidden":
            continue
        for source in (_cell_texts(ws), _validation_texts(ws), _header_footer_texts(ws)):
            found.extend(Text(f"{path.name}: {ws.title}!{where}", text) for where, text in source)
    found.extend(Text(f"{path.name}: {where}", text) for where, text in _zip_texts(path))
    return found


# -- judging the language ---------------------------------------------------------------


def foreign_words(text: str, lang: str, known: Known) -> list[str]:
    """What in `text` is not in `lang` and not known (user values, codes, file names)."""
    if text in known.values or _NUMERIC.match(text):
        return []
    text = TYPED.sub(" ", text)
    if lang == "zh":
        words = []
        for token in TOKEN.findall(text):
            folded = token.casefold()
            if folded in known.tokens or folded in ALLOWED_IN_ZH or CELL_REF.match(token) or HEX_ID.match(token):
                continue
            if WORD.search(token):
                words.append(token)
        return words
    return [run for run in CJK.findall(text) if not any(run in user for user in known.cjk)]


def scan(texts: Iterable[Text], lang: str, known: Known) -> list[str]:
    """`where: word in 'text'` for every foreign word in `texts`."""
    problems = []
    for item in texts:
        for word in foreign_words(item.text, lang, known):
            problems.append(f"{item.where}: {word!r} in {item.text[:120]!r}")
    return problems


def terminal_texts(name: str, output: str) -> list[Text]:
    return [Text(f"{name} line {n}", line) for n, line in enumerate(output.splitlines(), 1) if line.strip()]
