"""Split fingerprints every row a column at a time, and builds row keys the same
way: the column functions give exactly what the per-value functions give, for
any value a register cell can hold (typed, or kept as read when unreadable)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.branches.canonical import (
    IDENTITY,
    canonical,
    canonical_column,
    canonical_fingerprint,
    identity,
    identity_column,
    sha256_json,
)
from sheetdesk.schema import REGISTERS

cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", " ", "-", "n/a", "无", " SN-1 ", "ｓｎ－１", "satisfied", "满意", "是", "I", "二级"]),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
)
FIELDS = [f for register in REGISTERS for f in register.fields]


@given(st.sampled_from(FIELDS), st.lists(cell_values, max_size=30))
def test_a_column_at_a_time_is_one_value_at_a_time(field: Any, values: list[Any]) -> None:
    assert canonical_column(field, values) == [canonical(field, v) for v in values]


@given(st.sampled_from(REGISTERS), st.lists(st.fixed_dictionaries({}, optional={
    "serial_no": cell_values, "ticket_no": cell_values, "callback_at": cell_values,
}), max_size=20))  # fmt: skip
def test_row_keys_of_whole_columns_are_the_keys_of_each_row(register: Any, records: list[dict[str, Any]]) -> None:
    columns = {k: [r.get(k) for r in records] for k in IDENTITY[register.key]}
    assert identity_column(register, columns, len(records)) == [identity(register, r) for r in records]


@given(st.lists(st.text(max_size=8), max_size=10))
def test_a_fingerprint_is_the_sha256_of_the_json_of_the_canonical_values(values: list[str]) -> None:
    assert canonical_fingerprint(values) == sha256_json(values)


def test_repeated_and_typed_values_in_a_column() -> None:
    """The shortcuts: repeated text, a column's own type, NaN, a big integer, a bool in a number column."""
    register = next(r for r in REGISTERS if r.key == "repairs")
    cost, at = register.field("labor_cost"), register.field("reported_at")
    costs = [350, 350.0, float("nan"), 10**17 + 1, True, " 350元 ", None, " 350元 "]
    assert canonical_column(cost, costs) == ["350", "350", "", "100000000000000000", "!True", "!350元", "", "!350元"]
    times = [dt.datetime(2025, 3, 1, 9, 30), dt.datetime(2025, 3, 1, 9, 30, 0, 5), dt.date(2025, 3, 1), "-"]
    assert canonical_column(at, times) == [
        "2025-03-01T09:30:00", "2025-03-01T09:30:00", "2025-03-01T00:00:00", "",
    ]  # fmt: skip
