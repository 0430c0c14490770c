"""The proof of "Chinese end to end" (issue #14): every command, every output, one language.

On the Chinese example with `LANG=zh_CN.UTF-8` (and on the English example
with `LANG=en_US.UTF-8`) a clerk runs `template`, `validate -o`, `check -o`,
`import`, `split`, `due` (a table, a workbook, JSON), `collect` and makes
usage errors. The terminal output and every string of every workbook written
(`tests.i18n.scan`) must hold no word of the other language, except the
user's own values, finding codes, file names, what the clerk types, and
`ALLOWED_IN_ZH`. The examples carry holds, visits and a maintenance plan, so
the Holds and Visits sheets, the Summary's hold and visit parts and the
worklists' tickets on hold and planned visits are among what is scanned
(`test_the_scan_reaches_holds_visits_and_due` makes sure). `due --json`
keeps its keys and codes in English and gives its messages in the reader's
language. LibreOffice opens every workbook written.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sheetdesk.checking.summary import TEXT as SUMMARY_TEXT
from sheetdesk.checking.summary_visits import VISIT_TEXT
from sheetdesk.schema import HOLDS, VISITS
from sheetdesk.schema.computed import HOLDS_COMPUTED, NEXT_VISIT_DUE, VISIT_STATUS_LABELS, VISITS_COMPUTED
from sheetdesk.worklist import ITEM_KINDS
from sheetdesk.worklist.sheet import COLUMNS as WORKLIST_COLUMNS
from tests.helpers.cli import Run, run
from tests.helpers.libreoffice import convert_all
from tests.i18n.scan import Known, Text, known_with_codes, scan, terminal_texts, workbook_texts

EXAMPLES = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples"
SETUP = {
    "zh": ("zh_CN.UTF-8", "service_desk_example.xlsx"),
    "en": ("en_US.UTF-8", "service_desk_example.en.xlsx"),
}
# A legacy repair log as a clerk kept it: a title row, a totals row, a date nobody can read.
LEGACY = {
    "zh": [
        ["2024年报修登记"],
        ["报修单号", "出厂编号", "报修时间", "故障描述", "修复时间", "维修人", "备注"],
        ["WX001", "002501001", "2024-05-01 09:00", "不制冷", "2024-05-01 15:00", "张三", "客户催修"],
        ["WX002", "002501002", "2024-05-02 10:30", "漏水", "待定", "李四", ""],
        ["WX003", "002501003", "2024年5月3日 14:00", "噪音大", "2024-05-04 11:00", "王五", "已换压缩机"],
        ["合计", "", "", "", "", "", ""],
    ],
    "en": [
        ["Service log 2024"],
        ["Ticket", "Serial", "Reported", "Problem", "Fixed", "Engineer", "Remarks"],
        ["WX001", "002501001", "2024-05-01 09:00", "No cooling", "2024-05-01 15:00", "Sam Lee", "Customer chased"],
        ["WX002", "002501002", "2024-05-02 10:30", "Leaking", "tbd", "Ann Wu", ""],
        ["WX003", "002501003", "2024-05-03 14:00", "Noisy", "2024-05-04 11:00", "Bob Ray", "Compressor replaced"],
        ["Total", "", "", "", "", "", ""],
    ],
}


# A Monday morning when each example has a ticket on hold and planned visits due.
DUE_AS_OF = "2026-11-16T08:30"
# `due --json`: its keys, whatever the language.
DUE_KEYS = {"valid", "as_of", "until", "days", "by", "counts", "items", "stats", "issues"}
DUE_ITEM_KEYS = {
    "kind", "status", "overdue", "due", "detail", "occurrence", "since", "paused", "ticket_no", "serial_no", "branch",
    "technician", "customer", "contact", "phone", "file", "sheet", "row", "message",
}  # fmt: skip
JSON_RUNS = {"due json"}


@dataclass
class Outputs:
    lang: str
    folder: Path
    runs: dict[str, Run] = field(default_factory=dict)
    known: Known = field(default_factory=known_with_codes)

    def workbooks(self) -> list[Path]:
        inputs = {"data.xlsx"}
        return sorted(p for p in self.folder.rglob("*.xlsx") if p.name not in inputs and "lo-" not in p.parts[-2])


def run_everything(lang: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Outputs:
    locale, example = SETUP[lang]
    monkeypatch.chdir(folder)
    shutil.copy(EXAMPLES / example, folder / "data.xlsx")
    with (folder / "legacy.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(LEGACY[lang])
    out = Outputs(lang, folder)
    out.known.add_workbook(folder / "data.xlsx")
    for row in LEGACY[lang]:
        for value in row:
            out.known.add(value)
    env = {"LANG": locale}
    commands = {
        "template": ["template", "all", "-o", "templates"],
        "validate": ["validate", "data.xlsx", "-o", "validated.xlsx"],
        "check": ["check", "data.xlsx", "--as-of", "2026-11-01", "-o", "checked.xlsx"],
        "import": ["import", "legacy.csv", "--kind", "repairs", "--lang", lang, "-o", "imported.xlsx"],
        "split": ["split", "data.xlsx", "-o", "branches", "--as-of", DUE_AS_OF],
        "due": ["due", "data.xlsx", "--as-of", DUE_AS_OF, "--by", "branch", "-o", "due.xlsx"],
        "due by technician": ["due", "data.xlsx", "--as-of", DUE_AS_OF, "--by", "technician", "--days", "30"],
        "due json": ["due", "data.xlsx", "--as-of", DUE_AS_OF, "--json"],
    }
    for name, args in commands.items():
        out.runs[name] = run(*args, env=env)
        for arg in args:
            out.known.add(arg)  # what the clerk typed
    branch_files = sorted(str(p.relative_to(folder)) for p in (folder / "branches").glob("*.xlsx"))
    out.runs["collect"] = run("collect", "data.xlsx", *branch_files, "-o", "merged.xlsx", env=env)
    out.runs["unknown option"] = run("check", "data.xlsx", "--bogus", env=env)
    out.runs["bad value"] = run("check", "data.xlsx", "--limit", "many", env=env)
    out.known.add("many")
    out.runs["missing file"] = run("validate", "missing.xlsx", env=env)
    for path in folder.rglob("*"):
        out.known.add_file(path.relative_to(folder))
    out.known.add_file("missing.xlsx")
    return out


@pytest.fixture(scope="module", params=["zh", "en"])
def outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        return run_everything(request.param, tmp_path_factory.mktemp(f"scan-{request.param}"), monkeypatch)


def test_every_command_ran(outputs: Outputs) -> None:
    codes = {name: r.code for name, r in outputs.runs.items()}
    assert codes == {
        "template": 0, "validate": 1, "check": 1, "import": 1, "split": 1, "due": 1, "due by technician": 1,
        "due json": 1, "collect": 0, "unknown option": 2, "bad value": 2, "missing file": 2,
    }  # fmt: skip
    names = {p.relative_to(outputs.folder).parts[0] for p in outputs.workbooks()}
    assert {"templates", "validated.xlsx", "checked.xlsx", "imported.xlsx", "branches", "merged.xlsx",
            "due.xlsx"} <= names


def test_the_terminal_speaks_one_language(outputs: Outputs) -> None:
    texts: list[Text] = []
    for name, result in outputs.runs.items():  # the JSON's keys are English: its messages are scanned below
        texts += terminal_texts(name, result.stderr if name in JSON_RUNS else result.stdout + result.stderr)
    assert len(texts) > 40
    assert scan(texts, outputs.lang, outputs.known) == []


def test_every_written_workbook_speaks_one_language(outputs: Outputs) -> None:
    texts: list[Text] = []
    for path in outputs.workbooks():
        texts += workbook_texts(path)
    assert len(texts) > 2000  # cells, names, comments, prompts, titles of some 12 workbooks
    assert scan(texts, outputs.lang, outputs.known) == []


def test_due_json_keeps_its_keys_and_codes_and_speaks_the_readers_language(outputs: Outputs) -> None:
    document = outputs.runs["due json"].json()
    assert set(document) == DUE_KEYS and set(document["counts"]) == {"items", "overdue", *ITEM_KINDS}
    items = document["items"]
    assert {i["kind"] for i in items} >= {"callback", "sla", "hold", "loaner", "visit"}
    assert all(set(i) == DUE_ITEM_KEYS for i in items)
    assert {i["status"] for i in items} <= {"missing", "pending", "overdue", "paused", "required", "due", "upcoming",
                                            "free", "paid"}  # fmt: skip
    assert {i["detail"] for i in items if i["kind"] == "hold"} <= {"waiting_parts", "waiting_customer",
                                                                   "customer_unavailable", "waiting_vendor", "other"}
    texts = [Text(f"due json item {n} message", i["message"]) for n, i in enumerate(items)]
    texts += [Text("due json issue", i["message"]) for i in document["issues"]]
    assert len(texts) > 10
    assert scan(texts, outputs.lang, outputs.known) == []


def test_the_scan_reaches_holds_visits_and_due(outputs: Outputs) -> None:
    """The parts issues #15 and #16 added are among the texts the tests above scan."""
    lang = outputs.lang
    seen: dict[str, set[str]] = {}
    for path in outputs.workbooks():
        seen[str(path.relative_to(outputs.folder))] = {item.text for item in workbook_texts(path)}
    checked = seen["checked.xlsx"]
    # the Holds and Visits sheets with their computed columns, the Sales sheet's next visit
    assert {HOLDS.name(lang), VISITS.name(lang)} <= checked
    labels = {HOLDS_COMPUTED[0].label(lang), *(f.label(lang) for f in VISITS_COMPUTED), NEXT_VISIT_DUE.label(lang)}
    assert labels <= checked
    assert {VISIT_STATUS_LABELS[s][lang == "zh"] for s in ("done", "late")} <= checked
    # the Summary's hold part and visit part, charts included
    assert {SUMMARY_TEXT["holds"].render(lang), SUMMARY_TEXT["chart_holds"].render(lang)} <= checked
    assert {VISIT_TEXT[k].render(lang) for k in ("visits", "visits_by_branch", "chart_visits_kind")} <= checked
    # the due workbook and the branch worklists list tickets on hold and planned visits
    worklists = [name for name in seen if name == "due.xlsx" or name.startswith("branches")]
    assert len(worklists) == 4  # due.xlsx and three branch files
    assert all(WORKLIST_COLUMNS[0].title.render(lang) in seen[name] for name in worklists)
    listed = set().union(*(seen[name] for name in worklists))
    assert {ITEM_KINDS[k].title.render(lang) for k in ("hold", "visit", "callback")} <= listed
    # and the terminal's tables
    table = outputs.runs["due"].stdout + outputs.runs["due by technician"].stdout
    assert all(ITEM_KINDS[k].title.render(lang) in table for k in ("hold", "visit", "sla"))


@pytest.mark.libreoffice
def test_libreoffice_opens_every_output(outputs: Outputs, tmp_path: Path) -> None:
    workbooks = outputs.workbooks()
    converted = convert_all(workbooks, "ods", tmp_path)
    assert sorted(p.stem for p in converted) == sorted(p.stem for p in workbooks)
