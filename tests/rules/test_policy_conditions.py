"""SLA rows with conditions, named calendars and the Pauses sheet (SPEC §8), read and built
like every policy sheet (io.policy_source -> rules.policy_build)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sheetdesk.errors import PolicyError
from sheetdesk.io.policy_source import default_policy, parse_policy
from sheetdesk.rules.durations import Duration
from sheetdesk.schema.policy import PAUSES

T = dt.datetime
H = 3600
SLA_HEAD = ["request_type", "fault_level", "response", "resolve", "calendar", "customer", "contract_no", "category",
            "service_area"]  # fmt: skip
CAL_HEAD = ["weekday", "start", "end", "calendar"]


def sla(*rows: list[Any]) -> dict[str, tuple[str, list[list[Any]]]]:
    return {"sla": ("SLA", [SLA_HEAD, *rows])}


def errors(sheets: dict[str, tuple[str, list[list[Any]]]]) -> list[tuple[str, str | None, str | None]]:
    with pytest.raises(PolicyError) as info:
        parse_policy(sheets)
    return [(i.code, i.sheet, i.cell) for i in info.value.issues if i.severity == "error"]


def key(policy: Any, **sale: Any) -> Any:
    return policy.condition_key(sale)


def test_the_most_specific_row_wins_and_blank_or_star_match_anything() -> None:
    p = parse_policy(
        sla(
            ["repair", "*", "4h", "3d", "business"],  # row 2: any repair
            ["repair", "II", "2h", "8h", "24x7"],  # row 3: a named level
            ["repair", "*", "1h", "4h", "24x7", "City Hospital", "*", ""],  # row 4: one condition
            ["repair", "*", "30min", "2h", "24x7", "City Hospital", "", "", "外省"],  # row 5: two
        )
    )
    rows = {r.row: r for r in p.sla}
    assert rows[4].conditions == (("customer", "city hospital"),) and rows[5].shown == {
        "customer": "City Hospital", "service_area": "外省"
    }  # fmt: skip
    assert p.sla_for("repair", "III", key(p, customer="Other")) is rows[2]
    assert p.sla_for("repair", "II", key(p, customer="Other")) is rows[3]  # a named level beats *
    # one condition beats a named level; matched as keys (case, width, spaces)
    assert p.sla_for("repair", "II", key(p, customer=" city  HOSPITAL ")) is rows[4]
    assert p.sla_for("repair", "II", key(p, customer="City Hospital", service_area="外省")) is rows[5]
    assert p.sla_for("repair", "II", key(p, service_area="外省")) is rows[3]  # a row's every condition must hold
    assert p.sla_match("repair", "II", key(p, customer="City Hospital")).tie is None
    assert p.sla_conditional and not default_policy().sla_conditional


def test_values_no_row_names_share_one_cached_key() -> None:
    p = parse_policy(sla(["repair", "*", "4h", "3d", "business", "City Hospital"]))
    assert key(p, customer="A", contract_no="HT-1", category="pump") == key(p, customer="B") == (None,) * 4
    assert key(p, customer="CITY HOSPITAL", contract_no="HT-1") == ("city hospital", None, None, None)


def test_two_rows_as_specific_that_match_one_repair_tie_and_the_first_is_used() -> None:
    p = parse_policy(
        sla(
            ["repair", "*", "1h", "4h", "24x7", "City Hospital"],  # row 2
            ["repair", "*", "2h", "6h", "24x7", "", "", "", "外省"],  # row 3
        )
    )
    both = p.sla_match("repair", "III", key(p, customer="City Hospital", service_area="外省"))
    assert (both.rule.row, both.tie.row) == (2, 3)  # type: ignore[union-attr]
    assert p.sla_match("repair", "III", key(p, customer="City Hospital")).tie is None


def test_identical_rows_are_a_duplicate_at_the_second() -> None:
    rows = [["repair", "II", "1h", "4h", "24x7", "City Hospital"], ["repair", "II", "2h", "8h", "24x7", "city hospital"]]
    assert errors(sla(*rows)) == [("policy.duplicate_row", "SLA", "B3")]
    # Rows that differ by a condition are not duplicates.
    p = parse_policy(sla(rows[0], ["repair", "II", "2h", "8h", "24x7", "City Hospital", "HT-9"]))
    assert len(p.sla) == 2


def test_named_calendars_and_their_holidays() -> None:
    p = parse_policy(
        {
            "calendar": (
                "Calendar",
                [
                    CAL_HEAD,
                    ["Mon-Fri", "09:00", "17:00", ""],  # business
                    ["Mon-Sun", "08:00", "20:00", "Extended"],
                    ["Mon-Fri", "08:30", "18:00", "Guangzhou hours"],
                ],
            ),
            "holidays": (
                "Holidays",
                [
                    ["date", "kind", "name", "calendar"],
                    ["2025-12-31", "holiday", "Company day", "*"],
                    ["2025-12-30", "holiday", "Stocktake", "guangzhou hours"],
                ],
            ),
            "settings": ("Settings", [["setting", "value"], ["country", ""]]),
            "sla": ("SLA", [SLA_HEAD, ["repair", "III", "4h", "3d", "EXTENDED"]]),
        }
    )
    assert p.sla[0].calendar == "extended"
    assert p.calendar_names() == {"24x7": "24x7", "business": "business", "extended": "Extended",
                                  "guangzhou hours": "Guangzhou hours"}  # fmt: skip
    extended = p.calendar("extended")
    # Sat 2025-03-08 19:00 + 4h on 7x12: Sat 19–20 (1h), Sun 08:00 + 3h = Sun 11:00.
    assert extended.add(T(2025, 3, 8, 19), Duration(seconds=4 * H)) == T(2025, 3, 9, 11)
    assert not extended.is_working_day(dt.date(2025, 12, 31)) and extended.is_working_day(dt.date(2025, 12, 30))
    gz = p.calendar("guangzhou hours")
    assert not gz.is_working_day(dt.date(2025, 12, 30)) and not gz.is_working_day(dt.date(2025, 12, 31))
    assert not p.calendar("business").is_working_day(dt.date(2025, 12, 31))  # a * row: every calendar
    assert p.calendar("business").is_working_day(dt.date(2025, 12, 30))


def test_china_holidays_apply_to_every_named_calendar() -> None:
    p = parse_policy({"calendar": ("Calendar", [CAL_HEAD, ["Mon-Fri", "09:00", "17:00"], ["Mon-Sun", "8", "20", "x"]])})
    assert not p.calendar("x").is_working_day(dt.date(2025, 10, 1))  # National Day, country CN
    assert p.calendar("x").is_working_day(dt.date(2025, 10, 12))  # an ordinary Sunday works 7x12


@pytest.mark.parametrize(
    ("sheets", "expected"),
    [
        (sla(["repair", "I", "1h", "4h", "extended"]), [("policy.bad_calendar", "SLA", "E2")]),
        ({"calendar": ("Calendar", [CAL_HEAD, ["Mon", "9", "17", "7x24"]])}, [("policy.bad_calendar", "Calendar", "D2")]),
        (
            {"holidays": ("Holidays", [["date", "kind", "name", "calendar"], ["2025-12-31", "holiday", "", "night"]])},
            [("policy.bad_calendar", "Holidays", "D2")],
        ),
        # Only other calendars: the built-in SLA rows' `business` is undefined (told at the Calendar sheet).
        ({"calendar": ("Calendar", [CAL_HEAD, ["Mon-Sun", "8", "20", "extended"]])}, [("policy.bad_calendar", "Calendar", None)] * 4),
    ],
)
def test_an_unknown_calendar_name_is_a_policy_error_at_its_cell(sheets: Any, expected: list[Any]) -> None:
    assert errors(sheets) == expected


def test_a_calendar_row_that_cannot_be_read_does_not_make_its_name_unknown() -> None:
    found = errors({"calendar": ("Calendar", [CAL_HEAD, ["Funday", "9", "17", "extended"], ["Mon", "9", "17", ""]]),
                    "sla": ("SLA", [SLA_HEAD, ["repair", "I", "1h", "4h", "extended"]])})  # fmt: skip
    assert found == [("policy.bad_weekday", "Calendar", "A2")]


def pauses(*rows: list[Any]) -> Any:
    return parse_policy({"pauses": ("暂停规则", [[f.zh for f in PAUSES.fields], *rows])}).pauses


def test_pauses_sheet_blanks_take_the_star_row_then_the_built_in_default() -> None:
    assert default_policy().pauses == {"*": frozenset({"resolve"})}
    # A blank in the * row is the built-in default (resolve yes, others no); a blank in a reason row is the * row's.
    assert pauses(["*", "是", None, None, None], ["待客户确认", None, "是", "是", "否"]) == {
        "*": frozenset({"response", "resolve"}),
        "waiting_customer": frozenset({"response", "plan", "on_site"}),
    }
    # Without a * row, the built-in default stands for the other reasons.
    assert pauses(["客户不在", "否", "否", "是", "否"]) == {
        "customer_unavailable": frozenset({"on_site"}), "*": frozenset({"resolve"})
    }  # fmt: skip
    p = parse_policy({"pauses": ("Pauses", [[f.en for f in PAUSES.fields], ["*", "No", "No", "No", "No"]])})
    assert p.paused_targets("waiting_parts") == frozenset() and p.pausable_targets() == ()


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["*", "yes"], ["any", "no"]], ("policy.duplicate_default", "A3")),
        ([["待料", "yes"], ["waiting parts", "no"]], ("policy.duplicate_row", "A3")),
        ([["holiday", "yes"]], ("policy.bad_value", "A2")),
        ([["*", "maybe"]], ("policy.bad_value", "B2")),
    ],
)
def test_bad_pauses_cells(rows: list[list[Any]], expected: tuple[str, str]) -> None:
    assert errors({"pauses": ("Pauses", [["reason", "response"], *rows])}) == [(expected[0], "Pauses", expected[1])]
