"""`sheetdesk.links`: one key function, and the registers linked once."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.io.load import load_dataset
from sheetdesk.links import KeyIndex, RecordColumns, build_links, match_key
from sheetdesk.schema import REPAIRS, SALES
from tests.helpers.books import write_book
from tests.helpers.labels import header


def test_match_key_folds_case_width_and_spaces_but_keeps_leading_zeros() -> None:
    assert match_key(" sn-001 ") == match_key("SN-001") == match_key("ＳＮ-００１") == "sn-001"
    assert match_key("SN  001") == match_key("sn\u3000001") == match_key("SN 001")
    assert match_key("00123") != match_key("123")
    assert match_key(123.0) == match_key(123) == "123"
    assert match_key("  ") is None and match_key(None) is None


def test_key_index_keeps_the_first_and_knows_repeats() -> None:
    index = KeyIndex.build(["A", "b", "a ", None, "B", "c"])
    assert index.first == {"a": 0, "b": 1, "c": 5}
    assert index.repeated == {"a": (0, 2), "b": (1, 4)}
    assert index.holders("a") == (0, 2) and index.holders("c") == (5,) and index.holders("z") == ()
    assert index.find("Ｃ") == 5


def test_links_from_records() -> None:
    sales = RecordColumns([{"serial_no": "S1", "branch": "North"}, {"serial_no": "S2", "branch": "South"},
                           {"serial_no": "s1", "branch": "East"}])  # fmt: skip
    repairs = RecordColumns([
        {"ticket_no": "T1", "serial_no": "s1", "branch": None},
        {"ticket_no": "T2", "serial_no": "S9", "branch": None},
        {"ticket_no": "T3", "serial_no": None, "branch": "West"},
        {"ticket_no": "t1", "serial_no": "S2", "branch": ""},
    ])  # fmt: skip
    callbacks = RecordColumns([{"ticket_no": "T1"}, {"ticket_no": "T404"}, {"ticket_no": " t3"}])
    links = build_links({"sales": sales, "repairs": repairs, "callbacks": callbacks})
    sale = links.repair_sale
    assert sale.parent_of == (0, None, None, 1)  # a repeated serial uses its first sale
    assert sale.children_of == ((0,), (3,), (0,))  # the repeated sale shares its key's repairs
    assert list(sale.unknown()) == [1]  # blank is not unknown
    assert links.repair_branch == ("North", None, "West", "South")
    call = links.callback_repair
    assert call.parent_of == (0, None, 2)  # a repeated ticket: its first repair
    assert call.children_of == ((0,), (), (2,), (0,))
    assert list(call.unknown()) == [1]
    assert links.callback_branch == ("North", None, "West")
    assert links.index("repairs", "ticket_no").repeated == {"t1": (0, 3)}  # type: ignore[union-attr]


def test_without_the_parent_register_nothing_is_unknown() -> None:
    links = build_links({"repairs": RecordColumns([{"ticket_no": "T1", "serial_no": "S1", "branch": None}])})
    assert links.repair_sale.parent_of == (None,) and not links.repair_sale.known
    assert list(links.repair_sale.unknown()) == []
    assert links.repair_branch == (None,)
    assert links.callback_repair.children_of == ((),)


def test_a_loaded_dataset_is_linked_once(tmp_path: Path) -> None:
    path = write_book(tmp_path / "b.xlsx", {
        "Sales": [header(SALES, "serial_no", "branch"), ["SN001", "Beijing"], ["SN002", "Shanghai"]],
        "Repairs": [header(REPAIRS, "ticket_no", "serial_no", "branch"), ["T1", "SN001", None],
                    ["T2", "sn002 ", None], ["T3", "SN001", "Tianjin"], ["T4", "SN404", None]],
    })  # fmt: skip
    dataset = load_dataset([path])
    assert dataset.links.repair_branch == ("Beijing", "Shanghai", "Tianjin", None)
    assert dataset.links is dataset.links  # built with the dataset, not per call


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=12))
def test_a_plain_serial_keys_as_the_general_path_keys_it(text: str) -> None:
    # Letters and digits only are keyed without splitting; a space around sends them the general way.
    assert match_key(text) == match_key(f" {text} ")
