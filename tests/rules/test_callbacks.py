import datetime as dt

from sheetdesk.rules.callbacks import callback_due, callback_result

D = dt.datetime
RESOLVED = D(2025, 3, 3, 15)
DUE = D(2025, 3, 6, 23, 59, 59)


def test_due_is_end_of_day() -> None:
    assert callback_due(RESOLVED, 3) == DUE
    assert callback_due(D(2025, 2, 27, 0, 1), 3) == D(2025, 3, 2, 23, 59, 59)


def test_statuses() -> None:
    assert callback_result(RESOLVED, [], 3, as_of=D(2025, 3, 6, 23)).status == "pending"
    assert callback_result(RESOLVED, [], 3, as_of=D(2025, 3, 7)).status == "missing"
    on_time = callback_result(RESOLVED, [(D(2025, 3, 6, 23, 59, 59, 500000), "satisfied")], 3, D(2025, 4, 1))
    assert (on_time.due, on_time.status, on_time.satisfaction) == (DUE, "done", "satisfied")
    assert callback_result(RESOLVED, [(D(2025, 3, 7, 8), None)], 3, D(2025, 4, 1)).status == "late"
    none = callback_result(None, [], 3, D(2025, 4, 1))
    assert (none.due, none.status) == (None, "n/a")


def test_earliest_callback_counts() -> None:
    r = callback_result(RESOLVED, [(D(2025, 3, 9), "dissatisfied"), (D(2025, 3, 5), None)], 3, D(2025, 4, 1))
    assert (r.status, r.callback_at, r.satisfaction) == ("done", D(2025, 3, 5), "dissatisfied")
