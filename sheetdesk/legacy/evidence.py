"""How well a column's values fit a key: the content half of the evidence.

`fit(target, field, profile, label)` returns a score in 0..1 and, when the
values plainly do not fit, the reason (a `Bound` message). It is negative
evidence as much as positive:
- typed keys (dates, times, numbers, choices) need at least half of the
  values to read as their type;
- long free text is never a choice (`1、更换故障部件…` is not fault level 一级);
- a numeric column is a fault level only when its header says level,
  severity or priority (`区域` 1 and 4 are not levels I and IV);
- person columns hold names, not numbers or codes; identifier columns hold
  short tokens, not sentences or dates; description columns hold text, not
  yes/no words, and codes (`H93,H15,`) describe less than sentences do;
- an identifier column for the ticket number must be filled in most rows.
Content-only evidence (no header names the key) is `content_choice`,
`content_phone` and `is_identifier`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sheetdesk.i18n import Bound
from sheetdesk.legacy.sniff import Profile, epoch_column
from sheetdesk.legacy.targets import Target
from sheetdesk.legacy.texts import (
    KIND_WORDS,
    MISFIT_FREE_TEXT,
    MISFIT_KIND,
    MISFIT_NUMBERS,
    MISFIT_PARSE,
    MISFIT_SPARSE,
)
from sheetdesk.schema import Field

PERSON_KEYS = frozenset({"technician", "caller", "contact", "escalated_to"})
ID_KEYS = frozenset({"ticket_no", "serial_no", "contract_no"})
SHORT_TEXT_KEYS = frozenset({"fault_category", "branch", "category", "model"})
PROSE_KEYS = frozenset({"fault_description", "comments", "parts", "address", "product", "customer"})
MIN_PARSE = 0.5
_LEVEL_WORDS = re.compile(
    r"level|severity|priority|prio|sev|urgency|criticality|grade|impact|级别|等级|优先|紧急|严重|重要|级", re.I
)
# Words that make a header an identifier's (`code` is not one: a code names a category, a dealer, a cause).
_ID_WORDS = re.compile(r"(^|[^a-z])(id|no|nr|num|number|#|ref|key)([^a-z]|$)|编号|号|单号", re.I)
_DIGITS = re.compile(r"^\d+(\.0+)?$")


@dataclass(frozen=True)
class Fit:
    score: float  # 0..1: how well the values fit
    misfit: Bound | None = None  # why they plainly do not

    @property
    def ok(self) -> bool:
        return self.misfit is None


def pct(share: float) -> str:
    return f"{share:.0%}"


def examples(p: Profile) -> str:
    return ", ".join(p.samples[:2])


def fit(target: Target, f: Field | None, p: Profile, label: str) -> Fit:
    """How well a column's values fit `target` (a key of `f`'s type)."""
    if f is None or p.n == 0:
        return Fit(0.5)
    if target.part == "time":
        return _parsed(p, p.share(p.times + p.with_time), "a time")
    if f.type in ("date", "datetime"):
        if epoch_column(p):  # Unix timestamps under a header that names this moment
            return Fit(p.share(p.epochs))
        return _parsed(p, p.share(p.dates), "a date and time" if f.type == "datetime" else "a date")
    if f.type in ("number", "integer"):
        return _parsed(p, p.share(p.numbers), "a number" if f.type == "number" else "a whole number")
    if f.enum is not None:
        return _choice(f, p, label)
    return _text(f.key, p)


def _parsed(p: Profile, share: float, what: str) -> Fit:
    if share < MIN_PARSE:
        return Fit(share, MISFIT_PARSE.bind(share=pct(share), what=KIND_WORDS[what], samples=examples(p)))
    return Fit(share)


def _choice(f: Field, p: Profile, label: str) -> Fit:
    share = p.share(p.enum_hits.get(f.key, 0))
    if p.free_text:
        return Fit(0.0, MISFIT_FREE_TEXT.bind(samples=examples(p)))
    if f.key == "fault_level" and all(_DIGITS.match(v) for v in p.values) and not _LEVEL_WORDS.search(label):
        return Fit(0.0, MISFIT_NUMBERS.bind())
    if share < MIN_PARSE:
        what = KIND_WORDS["choices"].bind(field=f.title)
        return Fit(share, MISFIT_PARSE.bind(share=pct(share), what=what, samples=examples(p)))
    return Fit(share)


def _misfit(p: Profile, what: str, expected: str) -> Fit:
    return Fit(0.0, MISFIT_KIND.bind(what=KIND_WORDS[what], expected=KIND_WORDS[expected], samples=examples(p)))


def _text(key: str, p: Profile) -> Fit:
    dates, numbers, yes_no = p.share(p.dates), p.share(p.numbers), p.share(p.yes_no)
    if key == "notes":
        return Fit(1.0)
    if key == "phone":
        return Fit(p.share(p.phones)) if p.share(p.phones) >= MIN_PARSE else _misfit(p, "free text", "numbers")
    if key in PERSON_KEYS:
        if p.share(p.lettered) < 0.5:
            return _misfit(p, "numbers" if numbers >= 0.5 else "dates" if dates >= 0.5 else "codes", "names")
        if p.free_text and p.mean_length > 40:
            return _misfit(p, "free text", "names")
        return Fit(p.share(p.lettered) * (1 - 0.5 * p.share(p.codes)))
    if key in ID_KEYS:
        if key == "ticket_no" and p.fill < 0.5:
            return Fit(p.fill, MISFIT_SPARSE.bind(share=pct(p.fill)))
        written_dates = p.share(p.dates - p.serials)  # 47110 under an id header is an id, not a serial date
        for what, share in (("dates", written_dates), ("yes/no words", yes_no), ("free text", p.share(p.long_text))):
            if share >= 0.5:
                return _misfit(p, what, "identifiers")
        return Fit(p.share(p.ids))
    if dates >= 0.8:
        return _misfit(p, "dates", "a description" if key in PROSE_KEYS else "short labels")
    if yes_no >= 0.8:
        return _misfit(p, "yes/no words", "a description" if key in PROSE_KEYS else "short labels")
    if key in SHORT_TEXT_KEYS:
        if key == "fault_category" and numbers >= 0.8 and p.share(p.lettered) < 0.2:
            return _misfit(p, "numbers", "short labels")  # codes 1, 2, 3 of a list the file does not give
        if p.share(p.long_text) >= 0.5:
            return _misfit(p, "free text", "short labels")
        return Fit(1.0 - 0.5 * p.share(p.long_text))
    if numbers >= 0.8 and key in PROSE_KEYS:
        return _misfit(p, "numbers", "a description")
    if key == "fault_description":
        return Fit(1 - 0.8 * p.share(p.codes))
    return Fit(1.0 - 0.5 * p.share(p.codes))


def content_choice(f: Field, p: Profile) -> float:
    """The share of values that are `f`'s choices, when that alone is evidence (0 otherwise)."""
    if f.enum is None or f.type == "yesno" or p.n < 2 or len(p.values) < 2 or p.free_text:
        return 0.0
    if f.key == "fault_level" and all(_DIGITS.match(v) for v in p.values):
        return 0.0  # 1, 2, 3 alone may be a count: a level column needs a label or I-IV / 一级 / "2 - High"
    share = p.share(p.enum_hits.get(f.key, 0))
    return share if share >= 0.9 else 0.0


def content_phone(p: Profile) -> float:
    share = p.share(p.phones)
    return share if share >= 0.8 else 0.0


# An id of something else than the record itself: a person, a thing, a place, another document.
_OTHER_ID = re.compile(
    r"reporter|request(e|o)r|customer|client|user|employee|staff|creator|updater|owner|tenant|technician|engineer|"
    r"agent|contact|vendor|supplier|dealer|plan|parent|related|equipment|asset|machine|vehicle|device|part|"
    r"product|item|model|site|location|department|dept|company|account|project|group|team|center|centre|"
    r"branch|store|invoice|人|客户|用户|员工|设备|资产|配件|产品|部门|网点|计划|关联|上级",
    re.I,
)


def is_identifier(p: Profile, label: str) -> bool:
    """A unique short token in (nearly) every row, under a header that says id / no / 编号 (or none),
    and not the id of a person or a thing (`reporter_id`, `equipment_id`)."""
    if label and (not _ID_WORDS.search(label) or _OTHER_ID.search(label)):
        return False
    return (
        p.n >= 5
        and p.fill >= 0.9
        and p.distinct >= 0.98
        and p.share(p.ids) >= 0.95
        and not p.index
        and p.share(p.dates - p.serials) < 0.1
    )
