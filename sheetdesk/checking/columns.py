"""The computed columns `check` appends to each register sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from sheetdesk.durations_text import duration_words
from sheetdesk.io.annotate import ComputedColumn
from sheetdesk.io.load import Dataset
from sheetdesk.rules.evaluate import Evaluation
from sheetdesk.schema.computed import COMPUTED_BY_REGISTER, LIFETIME, NEXT_VISIT_DUE, ComputedField, status_label


def computed_columns(dataset: Dataset, ev: Evaluation) -> dict[str, list[ComputedColumn]]:
    """Register key -> its computed columns, values aligned with the table rows.

    A column declared `only_with` is left out when it could only be blank or
    0: held time without a Holds register (or for a target no hold pauses),
    the SLA row when the rows have no conditions. The Sales sheet shows the
    next visit due only when the policy plans visits.
    """
    rows_by_register: dict[str, Sequence[dict[str, Any]]] = {"sales": ev.sale_rows, "repairs": ev.repair_rows}
    calendars: dict[str, Sequence[str | None]] = {"repairs": ev.sla_calendars}
    if dataset.callbacks is not None:
        rows_by_register["callbacks"] = callback_rows(dataset, ev)
    if "holds" in dataset.tables:
        rows_by_register["holds"] = [{"held_minutes": h.minutes if h else None} for h in ev.holds]
        calendars["holds"] = [h.calendar if h else None for h in ev.holds]
    if dataset.tables.get("visits") is not None:
        rows_by_register["visits"] = [
            {"visit_status": status, "planned_due": due}
            for status, due in zip(ev.visits.row_status, ev.visits.row_due, strict=True)
        ]
    columns: dict[str, list[ComputedColumn]] = {}
    for key, rows in rows_by_register.items():
        table = dataset.tables.get(key)
        if table is None:
            continue
        lang = table.lang
        shown = [f for f in COMPUTED_BY_REGISTER[key] if _shown(f, ev)]
        if key == "sales" and ev.planned:
            shown.append(NEXT_VISIT_DUE)
        columns[key] = [_column(f, _values(f.key, rows, lang), lang) for f in shown]
        if key in calendars:
            _durations_in_words(columns[key], calendars[key], lang)
    return columns


def _shown(f: ComputedField, ev: Evaluation) -> bool:
    if f.only_with == "holds":
        return f.key.removesuffix("_held_minutes") in ev.held_targets
    if f.only_with == "sla_conditions":
        return ev.sla_conditional
    return True


_DURATION_KEYS = {f.key for fields in COMPUTED_BY_REGISTER.values() for f in fields if f.duration}


def _durations_in_words(columns: list[ComputedColumn], calendars: Sequence[str | None], lang: str) -> None:
    """Over-time and time held in words: days of 24 hours on a 24x7 calendar, working
    hours and minutes on any other (a working day has no fixed length)."""
    round_the_clock = [calendar == "24x7" for calendar in calendars]
    shown: dict[tuple[int, bool], str] = {}  # most cells are 0 or blank: each value is worded once

    def words(minutes: int, days: bool) -> str:
        text = shown.get((minutes, days))
        if text is None:
            text = shown[(minutes, days)] = duration_words(minutes, lang, days=days)
        return text

    for column in columns:
        if column.key in _DURATION_KEYS:
            column.values = [
                None if m is None else words(m, d) for m, d in zip(column.values, round_the_clock, strict=True)
            ]
            column.align = "right"


def _values(key: str, rows: Sequence[Mapping[str, Any]], lang: str) -> list[Any]:
    """The cells of one computed column: a paid warranty without an end reads
    'Lifetime' (the JSON keeps null)."""
    values = list(map(itemgetter(key), rows))  # evaluate gives every row every key
    if key == "paid_until":
        lifetime = LIFETIME[1] if lang == "zh" else LIFETIME[0]
        values = [
            lifetime if v is None and row.get("start") is not None else v for v, row in zip(values, rows, strict=True)
        ]
    return values


def _column(f: ComputedField, values: list[Any], lang: str) -> ComputedColumn:
    if f.status:  # coloured by the status key, shown as its label
        return ComputedColumn(
            f.key,
            f.en,
            f.zh,
            f.type,
            values,
            status=True,
            width=f.width,
            display=lambda v: status_label(v, lang, f.labels),
            align="center",
        )
    if f.type == "text":  # yes/no in the sheet's language, looked up once per distinct value
        labels = {v: status_label(v, lang) for v in set(values)}
        values = [labels[v] for v in values]
        return ComputedColumn(f.key, f.en, f.zh, f.type, values, width=f.width, align="center")
    return ComputedColumn(f.key, f.en, f.zh, f.type, values, width=f.width)


def callback_rows(dataset: Dataset, ev: Evaluation) -> list[dict[str, Any]]:
    """Per callback row: its ticket's due time and whether this call was on time."""
    table = dataset.callbacks
    assert table is not None
    repairs = ev.repairs
    out: list[dict[str, Any]] = []
    for j, at in zip(dataset.links.callback_repair.parent_of, table.column("callback_at"), strict=True):
        due = repairs[j].callback_due if j is not None else None
        status = None
        if isinstance(due, dt.datetime) and isinstance(at, dt.datetime):
            status = "done" if at <= due else "late"
        out.append({"callback_due": due, "callback_status": status})
    return out
