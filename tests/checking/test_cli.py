"""`sheetdesk check` options and refusals: exit codes, one-line messages, where the workbook goes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sheetdesk.checking import check_files
from tests.checking.books import REPAIRS, SALES, T, repair, run, sale, write_book


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A clean workbook: one sale, one repair resolved in time."""
    return write_book(tmp_path / "desk.xlsx", {
        "Sales": [SALES, sale("SN-1")],
        "Repairs": [REPAIRS, repair("T-1", "SN-1", T(2025, 10, 20, 10, 0), "II", responded=T(2025, 10, 20, 10, 20),
                                    plan=T(2025, 10, 20, 11, 0), on_site=T(2025, 10, 20, 11, 30),
                                    resolved=T(2025, 10, 20, 15, 30))],
    })


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_clean_workbook_exits_0_and_writes_the_default_output(book: Path) -> None:
    code, out, err = run(book, "--as-of", "2025-10-21")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "As of 2025-10-21 00:00:00"
    assert lines[1] == "0 errors, 0 warnings in 1 file"
    assert lines[2] == "Repairs: 1, resolved 1"
    assert lines[-1] == f"Annotated workbook written to {book.with_name('desk.checked.xlsx')}"
    assert files(book.parent) == {"desk.xlsx", "desk.checked.xlsx"}


def test_existing_output_needs_force(book: Path) -> None:
    out = book.with_name("desk.checked.xlsx")
    out.write_bytes(b"keep me")
    code, stdout, err = run(book)
    assert (code, stdout) == (2, "")
    assert err == f"sheetdesk: error: {out}: already exists; use --force to replace it\n"
    assert out.read_bytes() == b"keep me"
    code, _, err = run(book, "--force", "--as-of", "2025-10-21")
    assert (code, err) == (0, "") and out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("which", ["data", "policy"])
def test_output_naming_an_input_is_refused_even_with_force(book: Path, which: str) -> None:
    policy = write_book(book.with_name("policy.xlsx"), {"Settings": [["setting", "value"], ["callback_days", 2]]})
    target = book if which == "data" else policy
    before = target.read_bytes()
    code, stdout, err = run(book, "--policy", policy, "-o", target, "--force")
    assert (code, stdout) == (2, "")
    assert err == f"sheetdesk: error: {target}: refusing to overwrite an input file; choose another -o\n"
    assert target.read_bytes() == before


def test_missing_and_unreadable_files_exit_2(tmp_path: Path, book: Path) -> None:
    code, stdout, err = run(tmp_path / "nope.xlsx")
    assert (code, stdout, err) == (2, "", f"sheetdesk: error: {tmp_path / 'nope.xlsx'}: file not found\n")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a workbook")
    code, _, err = run(broken, "--json")
    assert code == 2 and err.startswith("sheetdesk: error: ") and err.count("\n") == 1 and "Traceback" not in err
    code, _, err = run(book, "--policy", tmp_path / "nopolicy.xlsx", "--json")
    assert code == 2 and err.count("\n") == 1 and "nopolicy.xlsx" in err
    assert files(tmp_path) == {"desk.xlsx", "broken.xlsx"}  # nothing written


@pytest.mark.parametrize("when", ["garbage", "2026-13-45", "yesterday"])
def test_bad_as_of_exits_2(book: Path, when: str) -> None:
    code, stdout, err = run(book, "--as-of", when)
    assert (code, stdout) == (2, "")
    assert f"Invalid value for '--as-of': '{when}' is not a date/time" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("when", "iso"), [("2025-10-21", "2025-10-21T00:00:00"),
                                           ("2025-10-21T17:30", "2025-10-21T17:30:00"),
                                           ("2025-10-21 17:30:15", "2025-10-21T17:30:15")])
def test_as_of_forms(book: Path, when: str, iso: str) -> None:
    code, out, _ = run(book, "--as-of", when, "--json")
    assert code == 0 and json.loads(out)["as_of"] == iso


def test_json_without_o_writes_nothing_and_prints_one_document(book: Path) -> None:
    code, out, err = run(book, "--as-of", "2025-10-21", "--json")
    assert (code, err) == (0, "")
    document = json.loads(out)  # exactly one JSON document, nothing else on stdout
    assert document == check_files([book], as_of=T(2025, 10, 21)).to_json()
    assert files(book.parent) == {"desk.xlsx"}


def test_json_with_o_writes_the_workbook(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "checked" / "out.xlsx"
    out.parent.mkdir()
    code, stdout, _ = run(book, "--json", "-o", out)
    assert code == 0 and out.exists()
    json.loads(stdout)


def test_limit_cuts_the_table_but_not_the_counts(tmp_path: Path) -> None:
    rows = [repair(f"T-{n}", "SN-X", T(2025, 10, 20, 10, 0), "II") for n in range(5)]  # 5 unknown serials
    path = write_book(tmp_path / "many.xlsx", {"Sales": [SALES, sale("SN-1")], "Repairs": [REPAIRS, *rows]})
    code, out, _ = run(path, "--as-of", "2025-10-21", "--limit", "2", "--json")
    assert code == 0 and len(json.loads(out)["issues"]) == 5
    code, out, _ = run(path, "--as-of", "2025-10-21", "--limit", "2", "--force")
    lines = out.splitlines()
    assert code == 0 and sum("serial.unknown" in x for x in lines) == 2
    assert any(x.startswith("… 3 more not shown") for x in lines)
    assert "0 errors, 5 warnings in 1 file" in lines


def test_help_names_every_option() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for option in ("--policy", "--as-of", "-o, --output", "--force", "--json", "--limit", "--debug"):
        assert option in out


def test_sales_register_alone(tmp_path: Path) -> None:
    """Nothing to judge but warranty: still a Summary (empty tables say so), no crash."""
    import openpyxl

    path = write_book(tmp_path / "sales.xlsx", {"Sales": [SALES, sale("SN-1")]})
    code, out, err = run(path, "--as-of", "2025-11-01")
    assert (code, err) == (0, "")
    assert "Repairs: 0, resolved 0" in out and "Warranty: –" in out
    wb = openpyxl.load_workbook(tmp_path / "sales.checked.xlsx")
    assert wb.sheetnames == ["Sales", "Issues", "Summary"]
    assert [r[0] for r in wb["Summary"].iter_rows(values_only=True)].count("(none)") == 3
