"""The finding registry: every code declared once, raised somewhere, in both languages, in the docs.

"Raised" is read from the source: a code is raised where its literal is the
code of a finding (`report.add("date.order", ...)`, `Finding("repair.before_sale", ...)`,
`self.warn("collect.sheet_missing", ...)`, the `code` argument of any function
that has one, `code = "cell.error_value" if ...`, a table of codes such as
`VALUE_CODES`, or what a `*code*()` function returns). Call sites use literal
codes, so that this test can find them.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from sheetdesk.findings import FINDINGS, docs_page

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "sheetdesk"
RAISERS = {"add", "warn", "Finding", "kind_of"}
# Functions with a `code` that is not a finding's: an import's decisions (what it chose, and
# why) are listed in its report with their own codes (sheetdesk/legacy, docs/import.md).
NOT_FINDINGS = {"decide", "Decision"}
CODE_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _constants(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _is_code(text: str) -> bool:
    return text in FINDINGS or bool(CODE_SHAPE.match(text))


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _names(target: ast.AST) -> list[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def code_parameters(trees: list[ast.Module]) -> dict[str, int]:
    """Function name -> the position of its `code` parameter, as a call passes it (no self)."""
    positions: dict[str, int] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args if a.arg not in ("self", "cls")]
                if "code" in names and node.name not in NOT_FINDINGS:
                    positions[node.name] = names.index("code")
    return positions


def raised_codes() -> dict[str, set[str]]:
    """Code literal -> the files (relative to the package) that raise it."""
    found: dict[str, set[str]] = {}
    sources = {p: ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")}
    takes_code = code_parameters(list(sources.values()))

    def note(text: str, path: Path) -> None:
        if _is_code(text):
            found.setdefault(text, set()).add(str(path.relative_to(PACKAGE)))

    for path, tree in sources.items():
        if path.parent.name == "findings":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _callee(node) in takes_code:
                at = takes_code[_callee(node)]
                arg = node.args[at] if at < len(node.args) else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    note(arg.value, path)
            if isinstance(node, ast.Call) and _callee(node) in RAISERS:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        note(arg.value, path)
                for kw in node.keywords:
                    if kw.arg == "code":
                        for text in _constants(kw.value):
                            note(text, path)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any("code" in name.lower() for t in targets for name in _names(t)):
                    for text in _constants(node.value):
                        note(text, path)
            elif isinstance(node, ast.FunctionDef) and "code" in node.name.lower():
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and ret.value is not None:
                        for text in _constants(ret.value):
                            note(text, path)
    return found


def compared_codes() -> set[str]:
    """Literals compared with a finding's `.code` (`issue.code != "workbook.uncarried"`)."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                if any(isinstance(s, ast.Attribute) and s.attr == "code" for s in sides):
                    found.update(t for s in sides for t in _constants(s) if _is_code(t))
    return found


@pytest.mark.parametrize("code", sorted(FINDINGS))
def test_a_declared_code_has_both_languages_and_one_set_of_parameters(code: str) -> None:
    kind = FINDINGS[code]
    assert kind.severity in ("error", "warning")
    assert kind.message.en.strip() and kind.message.zh.strip()
    assert kind.explanation.en.strip() and kind.explanation.zh.strip()
    assert _fields(kind.message.en) == _fields(kind.message.zh), "both languages take the same parameters"
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in kind.message.en), "no Chinese in the English message"
    assert CHINESE.search(kind.message.zh), "the Chinese message is Chinese (words or full-width punctuation)"


def test_every_code_raised_is_declared() -> None:
    undeclared = {code: sorted(files) for code, files in raised_codes().items() if code not in FINDINGS}
    assert undeclared == {}
    assert sorted(compared_codes() - set(FINDINGS)) == []


def test_every_declared_code_is_raised_somewhere() -> None:
    assert sorted(set(FINDINGS) - set(raised_codes())) == []


def test_the_docs_table_of_codes_is_current() -> None:
    page = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert page == docs_page(), "regenerate: python -m sheetdesk.findings > docs/findings.md"
    for code in FINDINGS:
        assert f"| `{code}` |" in page


def test_no_finding_is_raised_as_plain_text() -> None:
    """The transitional `report.error(code, message)` / `report.warning(...)` are gone."""
    plain = re.compile(r"\.(?:error|warning)\(\s*[\"']")
    callers = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if plain.search(p.read_text("utf-8"))]
    assert callers == []
