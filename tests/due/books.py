"""A small desk built for `due`: every kind of item once, with its due time worked out by hand.

As of Tuesday 2026-03-10 09:00, horizon 7 days (until 2026-03-17 23:59:59). Default policy (CN
holidays: none in March 2026; 5×8 business hours), callback_days 3, and the workbook's own
Maintenance sheet:

    *        return_visit  every 6m  first 6m  warranty  grace 7
    Medical  inspection    every 1m  first 1m  lifetime  grace 3

Units (12 months free warranty; start = acceptance, else sale date):

- S1 北京分公司 Office, accepted 2025-03-10: free_until 2026-03-09. Return visits due 2025-09-10
  (visited 2025-09-05: done) and start + 12 months = 2026-03-10, past free_until: due 2026-03-09,
  on time until 03-16: **due**, overdue since today is after 03-09.
- S2 East Office Office, sold 2025-04-01: free_until 2026-03-31, **ending within 30 days**. Return
  visit #1 due 2025-10-01, on time until 10-08, visited 10-20: late (not an item); #2 due 03-31,
  past the horizon.
- S3 北京分公司 Medical, sold 2025-12-01. Inspections due 01-01 (visited 01-02, in the grace: done),
  02-01 (missing; its late window closed on 03-01: not an item), 03-01 (on time until 03-04:
  **missing**, still counts if made by 04-01), 04-01 (past the horizon).
- S4 East Office Medical, sold 2024-01-15, **replaced** (整机更换) on 2025-06-01: no inspection after
  that day, and its warranty ended long ago: no item. (Not replaced, its 2026-02-15 and 2026-03-15
  inspections would be items.)

Repairs:

- R1 S1 III, resolved Thu 2026-03-05 10:00, no callback: due Sun 03-08 23:59:59, **missing**.
- R2 S2 III, resolved Mon 03-09 15:00, no callback: due Thu 03-12 23:59:59, **pending** in the horizon.
- R3 S2 I (24x7), reported Mon 03-09 08:00, open, responded 08:30: plan due 09:30 **overdue**,
  resolve due 12:00 **overdue**, loaner due 12:00, not provided: **required**.
- R4 S3 III (business), reported Tue 03-10 08:30, open: the clock starts at 09:00; response 4h
  due 13:00, on site 1d due Wed 03-11 09:00, resolve 3d due Fri 03-13 09:00: all **pending** in the
  horizon.
- R5 S4, replace_unit, resolved 2025-06-01 10:00, called back.

`write_desk(..., holds=True)` adds two open tickets and a Holds sheet (the built-in Pauses: every
reason pauses resolve only; business hours Mon–Fri 09:00–17:00):

- R6 S3 III, reported Wed 03-04 10:00, responded 11:00, on site Thu 03-05 09:30 (both met). Resolve
  3d = 24 working hours: Wed 7 h + Thu 8 + Fri 8 + Mon 03-09 09:00–10:00, due Mon 03-09 10:00
  without the hold. On hold (waiting for parts) since Thu 03-05 14:00, still open: held until as-of
  Thu 3 h + Fri 8 + Mon 8 = 19 working hours, which move the due time from Mon 10:00 to Mon 7 h +
  Tue 8 + Wed 03-11 09:00–13:00 = **Wed 03-11 13:00**; as-of is before it, so the ticket is
  **paused**: a hold item, listed although past the horizon of `--days 0`.
- R7 S2 III, reported Mon 03-02 10:00, responded 10:30, on site 15:00 (both met). Resolve due Thu
  03-05 10:00 without holds. Held (waiting for the customer) Tue 03-03 09:00 – Wed 03-04 17:00:
  16 working hours, so due Thu 7 h + Fri 8 + Mon 03-09 09:00–10:00 = **Mon 03-09 10:00**. On hold
  again (waiting for parts) since Mon 03-09 15:00, after that due time: that hold is on over-time,
  not before the due time, so at as-of the ticket is on hold but **overdue** with the pause counted:
  an SLA item, not a hold item.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sheetdesk.schema import CALLBACKS, HOLDS, REPAIRS, SALES, VISITS
from sheetdesk.schema.policy import MAINTENANCE
from tests.helpers.books import register_rows, write_book

T = dt.datetime
AS_OF = T(2026, 3, 10, 9, 0)
A, B = "北京分公司", "East Office"

SALES_KEYS = ["serial_no", "product", "model", "category", "sale_date", "acceptance_date", "customer", "contact",
              "phone", "branch"]
SALES_ROWS = [
    ["S1", "Desk", "D-1", "Office", dt.date(2025, 3, 1), dt.date(2025, 3, 10), "Capital Hospital", "Wang Lei",
     "13800000001", A],
    ["S2", "Desk", "D-1", "Office", dt.date(2025, 4, 1), None, "Harbor Dental", "Alice Smith", "15000000005", B],
    ["S3", "Pump", "P-20", "Medical", dt.date(2025, 12, 1), None, "Peking Clinic", "Li Na", "13800000002", A],
    ["S4", "Pump", "P-20", "Medical", dt.date(2024, 1, 15), None, "Futian Lab", "Zhou Min", "13900000004", B],
]
REPAIR_KEYS = ["ticket_no", "serial_no", "reported_at", "request_type", "fault_level", "fault_description",
               "responded_at", "plan_at", "on_site_at", "resolved_at", "technician", "action", "loaner"]
REPAIR_ROWS = [
    ["R1", "S1", T(2026, 3, 4, 9), "repair", "III", "Wobbly", T(2026, 3, 4, 10), None, T(2026, 3, 4, 15),
     T(2026, 3, 5, 10), "Tech Zhao", "repair", None],
    ["R2", "S2", T(2026, 3, 9, 10), "repair", "III", "Drawer", T(2026, 3, 9, 11), None, T(2026, 3, 9, 14),
     T(2026, 3, 9, 15), "Tech Kelly", "repair", None],
    ["R3", "S2", T(2026, 3, 9, 8), "repair", "I", "Dead", T(2026, 3, 9, 8, 30), None, None, None, "Tech Bob", None,
     None],
    ["R4", "S3", T(2026, 3, 10, 8, 30), "repair", "III", "Leak", None, None, None, None, "Tech Li", None, None],
    ["R5", "S4", T(2025, 5, 30, 10), "repair", "II", "Motor", T(2025, 5, 30, 10, 30), T(2025, 5, 30, 11),
     T(2025, 5, 30, 11, 30), T(2025, 6, 1, 10), "Tech Bob", "replace_unit", "yes"],
]
CALLBACK_KEYS = ["ticket_no", "callback_at", "caller", "satisfaction"]
CALLBACK_ROWS = [["R5", T(2025, 6, 2, 10), "Caller Ma", "satisfied"]]
VISIT_KEYS = ["serial_no", "kind", "visit_at", "technician", "result"]
VISIT_ROWS = [
    ["S1", "return_visit", T(2025, 9, 5, 10), "Tech Zhao", "normal"],
    ["S2", "return_visit", T(2025, 10, 20, 14), "Tech Kelly", "normal"],
    ["S3", "inspection", T(2026, 1, 2, 10), "Tech Li", "normal"],
]
PLAN_ROWS = [["*", "return_visit", "6m", "6m", "warranty", 7], ["Medical", "inspection", "1m", "1m", "lifetime", 3]]

# The items, in order (overdue first), as (branch, kind, detail, ticket or serial, due, overdue, technician).
EXPECTED = [
    (A, "visit", "inspection", "S3", "2026-03-01", True, "Tech Li"),
    (A, "callback", None, "R1", "2026-03-08T23:59:59", True, "Tech Zhao"),
    (B, "sla", "plan", "R3", "2026-03-09T09:30:00", True, "Tech Bob"),
    (B, "sla", "resolve", "R3", "2026-03-09T12:00:00", True, "Tech Bob"),
    (B, "loaner", None, "R3", "2026-03-09T12:00:00", True, "Tech Bob"),
    (A, "visit", "return_visit", "S1", "2026-03-09", True, "Tech Zhao"),
    (A, "sla", "response", "R4", "2026-03-10T13:00:00", False, "Tech Li"),
    (A, "sla", "on_site", "R4", "2026-03-11T09:00:00", False, "Tech Li"),
    (B, "callback", None, "R2", "2026-03-12T23:59:59", False, "Tech Kelly"),
    (A, "sla", "resolve", "R4", "2026-03-13T09:00:00", False, "Tech Li"),
    (B, "warranty", "free", "S2", "2026-03-31", False, "Tech Kelly"),  # R2 (Mon 10:00) served S2 last
]


HOLD_REPAIR_ROWS = [
    ["R6", "S3", T(2026, 3, 4, 10), "repair", "III", "Alarm", T(2026, 3, 4, 11), None, T(2026, 3, 5, 9, 30), None,
     "Tech Li", None, None],
    ["R7", "S2", T(2026, 3, 2, 10), "repair", "III", "Hinge", T(2026, 3, 2, 10, 30), None, T(2026, 3, 2, 15), None,
     "Tech Kelly", None, None],
]
HOLD_KEYS = ["ticket_no", "hold_from", "hold_until", "reason", "notes"]
HOLD_ROWS = [
    ["R7", T(2026, 3, 3, 9), T(2026, 3, 4, 17), "waiting_customer", None],
    ["R6", T(2026, 3, 5, 14), None, "waiting_parts", "Seal ordered"],
    ["R7", T(2026, 3, 9, 15), None, "waiting_parts", None],
]
# With the holds: R7's resolve is overdue (an SLA item), R6 is on hold (a hold item).
R7_OVERDUE = (B, "sla", "resolve", "R7", "2026-03-09T10:00:00", True, "Tech Kelly")
R6_ON_HOLD = (A, "hold", "waiting_parts", "R6", "2026-03-11T13:00:00", False, "Tech Li")
EXPECTED_WITH_HOLDS = [*EXPECTED[:3], R7_OVERDUE, *EXPECTED[3:8], R6_ON_HOLD, *EXPECTED[8:]]


def write_desk(path: Path, lang: str = "en", *, holds: bool = False) -> Path:
    """The desk above, with headers, sheet names and choices in `lang` (with R6, R7 and their holds)."""
    repairs = REPAIR_ROWS + HOLD_REPAIR_ROWS if holds else REPAIR_ROWS
    sheets = {
        SALES.name(lang): register_rows(SALES, SALES_KEYS, SALES_ROWS, lang),
        REPAIRS.name(lang): register_rows(REPAIRS, REPAIR_KEYS, repairs, lang),
        CALLBACKS.name(lang): register_rows(CALLBACKS, CALLBACK_KEYS, CALLBACK_ROWS, lang),
        VISITS.name(lang): register_rows(VISITS, VISIT_KEYS, VISIT_ROWS, lang),
        MAINTENANCE.name(lang): register_rows(MAINTENANCE, [f.key for f in MAINTENANCE.fields], PLAN_ROWS, lang),
    }
    if holds:
        sheets[HOLDS.name(lang)] = register_rows(HOLDS, HOLD_KEYS, HOLD_ROWS, lang)
    return write_book(path, sheets)
