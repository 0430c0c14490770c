"""No leak, on random masters (issue #11): a property test over duplicated keys and blank branches.

Masters are drawn from small pools, so that serials, tickets and branch
names repeat across branches, in other cases and in full width, and rows
often leave their Branch blank. Every row carries tokens of its own
(customer, contact, fault, technician, caller, comments). An independent
oracle says which branch each row belongs to; a row whose branch depends on
a key that several rows share, and those rows do not all agree, belongs to
none. Then, for every branch file:

- every token, key and branch name found anywhere in the file (every part
  of the zip: sheets, shared strings, the hidden record, document
  properties) is traceable to a row that belongs to that file's branch;
- every row is in exactly its owner's file, or is reported at its sheet and
  row and is in no file.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sheetdesk.branches import split_master
from tests.branches.master import write_master

BRANCH_POOL = ["Qalpha", "qALPHA ", "Qbeta/南", "Ｑgamma", None]  # "qALPHA " is Qalpha; Ｑgamma is Qgamma
SERIALS = ["QXSA", "qxsa", "QXSB", "ＱＸＳＣ", "QXSC"]
UNKNOWN_SERIAL = "QXSZ"
TICKETS = ["ZXTA", "zxta ", "ZXTB", "ＺＸＴＣ"]
UNKNOWN_TICKET = "ZXTZ"
EXAMPLES = int(os.environ.get("SHEETDESK_LEAK_EXAMPLES", "25"))


def fold(value: Any) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value or "")).split()).casefold()


masters = st.fixed_dictionaries(
    {
        "sales": st.lists(st.tuples(st.sampled_from(SERIALS), st.sampled_from(BRANCH_POOL)), max_size=7),
        "repairs": st.lists(
            st.tuples(
                st.sampled_from(TICKETS),
                st.sampled_from([*SERIALS, UNKNOWN_SERIAL]),
                st.sampled_from(BRANCH_POOL),
                st.booleans(),
            ),
            max_size=7,
        ),
        "callbacks": st.lists(st.tuples(st.sampled_from([*TICKETS, UNKNOWN_TICKET]), st.integers(0, 2)), max_size=6),
    }
)


class Oracle:
    """Which branch each row belongs to, written from SPEC §7 without sheetdesk's code."""

    def __init__(self, m: dict[str, list[Any]]) -> None:
        self.m = m
        self.sale_branches: dict[str, set[str]] = {}
        for serial, branch in m["sales"]:
            self.sale_branches.setdefault(fold(serial), set()).add(fold(branch))
        self.ticket_owners: dict[str, set[str | None]] = {}
        for repair in m["repairs"]:
            self.ticket_owners.setdefault(fold(repair[0]), set()).add(self.repair_owner(repair))

    @staticmethod
    def sale_owner(sale: tuple[Any, ...]) -> str | None:
        return fold(sale[1]) or None

    def repair_owner(self, repair: tuple[Any, ...]) -> str | None:
        if fold(repair[2]):
            return fold(repair[2])
        found = self.sale_branches.get(fold(repair[1]), set())
        return next(iter(found)) if len(found) == 1 and "" not in found else None

    def callback_owner(self, callback: tuple[Any, ...]) -> str | None:
        found = self.ticket_owners.get(fold(callback[0]), set())
        return next(iter(found)) if len(found) == 1 and None not in found else None

    def rows(self) -> list[tuple[str, int, str | None, list[str], list[str]]]:
        """(sheet, Excel row, owner, the row's own tokens, the keys it names)."""
        out: list[tuple[str, int, str | None, list[str], list[str]]] = []
        for i, sale in enumerate(self.m["sales"]):
            out.append(("Sales", i + 3, self.sale_owner(sale), [f"QC{i:02d}X", f"QK{i:02d}X"], [sale[0]]))
        for j, repair in enumerate(self.m["repairs"]):
            out.append(("Repairs", j + 2, self.repair_owner(repair), [f"QD{j:02d}X", f"QH{j:02d}X"],
                        [repair[0], repair[1]]))
        for k, callback in enumerate(self.m["callbacks"]):
            out.append(("Callbacks", k + 2, self.callback_owner(callback), [f"QR{k:02d}X", f"QM{k:02d}X"],
                        [callback[0]]))
        return out


def write(m: dict[str, list[Any]], path: Path) -> Path:
    sales = [[serial, "P", "M", None, dt.datetime(2024, 1, 1), f"QC{i:02d}X", f"QK{i:02d}X", None, branch]
             for i, (serial, branch) in enumerate(m["sales"])]
    repairs = [[ticket, serial, dt.datetime(2024, 2, 1, 9), "Repair", None, f"QD{j:02d}X",
                dt.datetime(2024, 2, 1, 15) if resolved else None, f"QH{j:02d}X", None, branch]
               for j, (ticket, serial, branch, resolved) in enumerate(m["repairs"])]
    callbacks = [[ticket, dt.datetime(2024, 3, 1 + day, 10), f"QR{k:02d}X", "Satisfied", f"QM{k:02d}X"]
                 for k, (ticket, day) in enumerate(m["callbacks"])]
    return write_master(path, sales=sales, repairs=repairs, callbacks=callbacks, notes_sheet=False)


def file_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        text = "\n".join(zf.read(name).decode("utf-8", errors="replace") for name in zf.namelist())
    return fold(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(masters)
def test_every_value_in_a_branch_file_traces_to_a_row_of_that_branch(m: dict[str, list[Any]]) -> None:
    oracle = Oracle(m)
    rows = oracle.rows()
    with tempfile.TemporaryDirectory() as folder:
        master = write(m, Path(folder) / "master.xlsx")
        result = split_master(master, Path(folder) / "out")
        texts = {fold(f.branch): file_text(f.path) for f in result.files}
    reported = {(i.sheet, i.row) for i in result.report.errors}

    for branch, text in texts.items():
        for sheet, row, owner, tokens, _keys in rows:
            for token in tokens:
                assert owner == branch or fold(token) not in text, f"{token} ({sheet}!{row}) leaks into {branch}"
        own_keys = {fold(k) for _s, _r, owner, _t, keys in rows if owner == branch for k in keys}
        for key in {fold(k) for k in [*SERIALS, *TICKETS, UNKNOWN_SERIAL, UNKNOWN_TICKET]} - own_keys:
            assert key not in text, f"key {key} leaks into {branch}"
        for name in {fold(b) for b in BRANCH_POOL if b} - {branch}:
            assert name not in text, f"branch name {name} is in {branch}'s file"

    for sheet, row, owner, tokens, _keys in rows:
        holders = [b for b, text in texts.items() if fold(tokens[0]) in text]
        if holders:
            assert holders == [owner], f"{sheet}!{row} is in {holders}, belongs to {owner}"
        else:
            assert (sheet, row) in reported, f"{sheet}!{row} is in no file and not reported"
