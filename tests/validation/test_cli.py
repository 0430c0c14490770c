"""`sheetdesk validate` through Click: exit codes, messages, JSON, -o."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from sheetdesk.validation import validate_files
from tests.helpers import cli
from tests.validation.books import (
    REPAIRS_EN,
    SALES_EN,
    chinese_book,
    clean_book,
    english_book,
    repair,
    sale,
    write_book,
)


def run(*args: str | Path) -> tuple[int, str, str]:
    result = cli.run("validate", *args)
    return result.code, result.stdout, result.stderr


def test_clean_workbook_exits_0(tmp_path: Path) -> None:
    code, out, err = run(clean_book(tmp_path / "clean.xlsx"))
    assert (code, out, err) == (0, "0 errors, 0 warnings in 1 file\n", "")


def test_errors_exit_1_with_a_table_and_a_summary(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    english_book(path)
    code, out, err = run(path)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["SEVERITY", "LOCATION", "CODE", "MESSAGE"]
    line = next(x for x in lines if "Repairs!L3" in x)
    assert line.split()[:3] == ["error", "Repairs!L3", "date.order"]
    assert line.endswith("  Resolved At 2025-02-28 08:00 is before Reported At 2025-03-01 09:00")
    counts = validate_files([path]).report.counts()
    assert lines[-1] == f"{counts['errors']} errors, {counts['warnings']} warnings in 1 file"
    assert len(lines) == counts["errors"] + counts["warnings"] + 2


def test_warnings_only_exit_0(tmp_path: Path) -> None:
    path = write_book(tmp_path / "s.xlsx", {"Sales": [SALES_EN, sale("SN1", phone="123")]})
    code, out, _ = run(path)
    assert code == 0
    assert out.splitlines()[-1] == "0 errors, 1 warning in 1 file"


def test_several_files_name_the_file_in_the_location(tmp_path: Path) -> None:
    a = write_book(tmp_path / "sales.xlsx", {"Sales": [SALES_EN, sale("SN1", customer=None)]})
    b = write_book(tmp_path / "repairs.xlsx", {"Repairs": [REPAIRS_EN, repair("T1", serial="SN2")]})
    code, out, _ = run(a, b)
    assert code == 1
    assert [line.split()[:3] for line in out.splitlines()[1:3]] == [
        ["error", "sales.xlsx:Sales!G2", "required"], ["warning", "repairs.xlsx:Repairs!B2", "serial.unknown"]]
    assert out.splitlines()[-1] == "1 error, 1 warning in 2 files"


def test_limit_cuts_the_table(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    english_book(path)
    total = len(validate_files([path]).report.issues)
    _, out, _ = run(path, "--limit", "3")
    lines = out.splitlines()
    assert len(lines) == 1 + 3 + 2
    assert lines[4] == f"… {total - 3} more not shown (--limit 0 shows all; -o or --json keep them all)"


def test_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xlsx"
    assert run(missing) == (2, "", f"sheetdesk: error: {missing}: file not found\n")


def test_corrupt_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    code, out, err = run(bad)
    assert (code, out) == (2, "")
    assert err == (f"sheetdesk: error: {bad}: is plain text, not a workbook despite its .xlsx name (no columns "
                   "separated by commas, semicolons, tabs or bars)\n")


def test_missing_policy_exits_2(tmp_path: Path) -> None:
    policy = tmp_path / "policy.xlsx"
    assert run(clean_book(tmp_path / "c.xlsx"), "--policy", policy) == (
        2, "", f"sheetdesk: error: {policy}: file not found\n")


def test_no_file_is_a_usage_error() -> None:
    code, _, err = run()
    assert code == 2 and "Missing argument 'FILE...'" in err


def test_json_is_one_document_equal_to_the_library_result(tmp_path: Path) -> None:
    path = tmp_path / "zh.xlsx"
    chinese_book(path)
    code, out, err = run(path, "--json")
    assert code == 1 and err == ""
    document = json.loads(out)
    expected = validate_files([path]).to_json("zh")  # no language in the locale: the messages follow the workbook
    assert set(document) == {"valid", "as_of", "stats", "issues"}
    document.pop("as_of"), expected.pop("as_of")
    assert document == json.loads(json.dumps(expected, ensure_ascii=False, default=str))
    assert document["valid"] is False
    assert document["stats"]["rows"] == {"sales": 3, "repairs": 3, "callbacks": 3}
    first = document["issues"][0]
    assert set(first) >= {"severity", "code", "sheet", "row", "column", "cell", "value", "message"}


def test_output_writes_the_annotated_copy(tmp_path: Path) -> None:
    path, out = tmp_path / "en.xlsx", tmp_path / "checked.xlsx"
    english_book(path)
    code, stdout, _ = run(path, "-o", out)
    assert code == 1
    assert stdout.splitlines()[-1] == f"Annotated copy written to {out}"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == "Issues"
    assert wb["Repairs"]["L3"].comment is not None


def test_output_alone_goes_beside_the_input(tmp_path: Path) -> None:
    path = clean_book(tmp_path / "clean.xlsx")
    assert run(path, "-o")[0] == 0
    assert (tmp_path / "clean.checked.xlsx").exists()


def test_output_never_overwrites(tmp_path: Path) -> None:
    path, out = clean_book(tmp_path / "clean.xlsx"), tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    assert run(path, "-o", out) == (2, "", f"sheetdesk: error: {out}: already exists; use --force to replace it\n")
    assert out.read_bytes() == b"old"
    assert run(path, "-o", out, "--force")[0] == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Sales", "Repairs", "Callbacks", "Issues"]
    code, _, err = run(path, "-o", path, "--force")
    assert code == 2 and "refusing to overwrite an input file" in err


def test_help_documents_the_command() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for option in ("--policy", "--output", "--force", "--json", "--limit"):
        assert option in out
    assert "Exit code 0" in out
