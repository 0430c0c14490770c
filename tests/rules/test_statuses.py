"""The status names are declared once (schema/statuses.py); every one has a label and a colour."""

from __future__ import annotations

from sheetdesk.io.xlsx import STATUS_FILL
from sheetdesk.rules.results import REPAIR_FIELDS
from sheetdesk.schema.computed import REPAIRS_COMPUTED, STATUS_LABELS, TARGET_LABELS
from sheetdesk.schema.policy import SLA
from sheetdesk.schema.statuses import (
    CALLBACK_STATUSES,
    SLA_TARGET_KEYS,
    SLA_TARGETS,
    TARGET_STATUSES,
    WARRANTY_STATUSES,
)


def test_every_status_has_a_label_in_both_languages() -> None:
    for status in (*WARRANTY_STATUSES, *TARGET_STATUSES, *CALLBACK_STATUSES):
        en, zh = STATUS_LABELS[status]
        assert en and zh and en != zh or status == "n/a"


def test_every_status_but_n_a_has_a_colour() -> None:
    assert {s for s in (*WARRANTY_STATUSES, *TARGET_STATUSES, *CALLBACK_STATUSES) if s != "n/a"} <= set(STATUS_FILL)


def test_the_sla_targets_shape_the_policy_the_json_and_the_columns() -> None:
    assert tuple(TARGET_LABELS) == SLA_TARGET_KEYS
    assert [f.key for f in SLA.fields if f.type == "duration" and f.key != "loaner_after"] == list(SLA_TARGET_KEYS)
    json_targets = [f.removesuffix("_due") for f in REPAIR_FIELDS if f.endswith("_due") and f != "callback_due"]
    assert json_targets == list(SLA_TARGET_KEYS)
    assert [f.key for f in REPAIRS_COMPUTED] == list(REPAIR_FIELDS[1:])
    assert {t.event for t in SLA_TARGETS} == {"responded_at", "plan_at", "on_site_at", "resolved_at"}
