"""Generate the bundled example service-desk workbooks, deterministically.

    python workbook_templates/examples/make_example.py [OUTDIR]

writes `service_desk_example.xlsx` (Chinese headers and content),
`service_desk_example.en.xlsx` (a smaller English one) and `README.md`, which
lists the mistakes planted in each with their sheet and cell. The data comes
from `random.Random(2025)`, the holds (added last) from a generator of their
own, so that the other registers are what they were before holds existed;
the sheets are written through the shared
`RegisterSheetWriter`, so they have the standard template look. The repair log
has a title row above its header, as many real logs do.

Warranty windows are worked out with the product's own rules
(`sheetdesk.rules`), so that fees are charged exactly on billable repairs,
except where a mistake is planted.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import example_catalog as C  # noqa: E402

from sheetdesk.io.policy_source import default_policy, parse_policy  # noqa: E402
from sheetdesk.io.xlsx import Formats, RegisterSheetWriter, new_workbook  # noqa: E402
from sheetdesk.report import cell_ref  # noqa: E402
from sheetdesk.rules import warranty_status, warranty_terms  # noqa: E402
from sheetdesk.rules.holds import Hold  # noqa: E402
from sheetdesk.rules.intervals import format_interval, parse_interval  # noqa: E402
from sheetdesk.rules.schedule import covered_until, due_dates  # noqa: E402
from sheetdesk.rules.sla import evaluate_sla  # noqa: E402
from sheetdesk.rules.visits import service_ended  # noqa: E402
from sheetdesk.schema import CALLBACKS, EXCLUDED_CAUSES, HOLDS, REPAIRS, SALES, VISITS, Register  # noqa: E402
from sheetdesk.schema.policy import MAINTENANCE  # noqa: E402

FILES = {"zh": "service_desk_example.xlsx", "en": "service_desk_example.en.xlsx"}
SIZES = {"zh": (64, 94), "en": (20, 30)}  # sales, repairs (callbacks follow from the repairs)
SEED = 2025
HOLD_SEED = 2026  # the holds' own generator: adding them changed no other row
FIRST_SALE, LAST_SALE = dt.date(2025, 1, 3), dt.date(2026, 6, 30)
LAST_REPORT = dt.date(2026, 10, 31)
LIMIT = dt.datetime(2026, 11, 15, 18, 0)  # nothing later (chinesecalendar covers 2026)
CREATED = dt.datetime(2025, 1, 1)
POLICY = default_policy()
LEVEL_WEIGHTS = {"I": 1, "II": 2.5, "III": 4, "IV": 2.5}
CHANNELS = {"phone": 55, "web": 15, "email": 10, "visit": 8, "fax": 6, "letter": 6}
TITLE = {"zh": "2025—2026年度维修记录", "en": "Repair log 2025–2026"}
# The maintenance plan the example workbooks carry as a policy sheet (维护计划 / Maintenance):
# return visits twice a year in warranty, the first within six months of handover (保修期内每年至少
# 回访二次，第一次在交工后半年内), and a quarterly inspection of medical equipment in warranty.
PLAN_ROWS = [
    [("*", "*"), "return_visit", "6m", "6m", "warranty", 15],
    [("医疗设备", "Medical Equipment"), "inspection", "3m", "3m", "warranty", 7],
]
VISIT_SEED = SEED + 1  # visits come from their own generator: the other sheets stay as they were
VISIT_LIMIT = dt.datetime(2026, 10, 31, 18, 0)  # the last visit recorded (later ones are still to make)


@dataclass
class Mistake:
    sheet: str
    record: dict[str, Any]
    key: str
    what: tuple[str, str]
    severity: str
    cell: str = ""
    value: Any = None


def hours(rng: random.Random, low: float, high: float) -> dt.timedelta:
    return dt.timedelta(minutes=round(rng.uniform(low, high) * 60))


def weekday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def office_time(rng: random.Random, day: dt.date) -> dt.datetime:
    """A moment in office hours (08:30–17:30) on the first weekday from `day`."""
    day = weekday_on_or_after(day)
    return dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(minutes=rng.randrange(0, 9 * 60))


class Example:
    """One example workbook's records, built step by step from one seeded generator."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rng = random.Random(SEED)
        self.mistakes: list[Mistake] = []
        n_sales, n_repairs = SIZES[lang]
        self.sales = self.make_sales(n_sales)
        self.repairs = self.make_repairs(n_repairs)
        self.plant_duplicate_ticket()
        self.callbacks = self.make_callbacks()
        self.plant_mistakes()
        for sale in self.sales:
            sale["service_area"] = self.t(C.LOCAL_AREA)
        self.holds = self.make_holds(random.Random(HOLD_SEED))
        self.visits = self.make_visits()

    def t(self, pair: Any) -> Any:
        if pair is None:
            return None
        return pair[0] if self.lang == "zh" else pair[1]

    # -- sales ---------------------------------------------------------------

    def make_sales(self, n: int) -> list[dict[str, Any]]:
        rng = self.rng
        span = (LAST_SALE - FIRST_SALE).days
        days = sorted(weekday_on_or_after(FIRST_SALE + dt.timedelta(days=rng.randrange(span))) for _ in range(n))
        seq: dict[str, int] = {}
        contracts: dict[str, int] = {}
        sales = []
        for sold in days:
            branch = rng.choice(C.BRANCHES)
            customer = rng.choice(branch["customers"])
            medical = [p for p in C.PRODUCTS if p["medical"] == customer[5]]
            product = rng.choice(medical if rng.random() < 0.75 else C.PRODUCTS)
            seq[product["code"]] = seq.get(product["code"], 0) + 1
            code = {"010": "BJ", "021": "SH", "020": "GZ"}[branch["area"]]
            contracts[code] = contracts.get(code, 0) + 1
            accepted = (
                sold + dt.timedelta(days=rng.randint(3, 20))
                if product["medical"]
                else (sold + dt.timedelta(days=rng.randint(0, 5)) if rng.random() < 0.5 else None)
            )
            landline = f"{branch['area']}-{rng.randint(5, 8)}{rng.randrange(10**7):07d}"
            mobile = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
            sales.append(
                {
                    "serial_no": f"{product['code']}{sold:%y%m}{seq[product['code']]:03d}",
                    "product": self.t(product["name"]),
                    "model": rng.choice(product["models"]),
                    "category": self.t(product["category"]),
                    "sale_date": sold,
                    "acceptance_date": accepted,
                    "customer": self.t(customer[:2]),
                    "contact": self.t(rng.choice(C.CONTACTS)),
                    "phone": mobile if rng.random() < 0.6 else landline,
                    "fax": f"{branch['area']}-{rng.randint(5, 8)}{rng.randrange(10**7):07d}"
                    if rng.random() < 0.3
                    else None,
                    "address": self.t(customer[2:4]),
                    "postcode": customer[4],
                    "branch": self.t(branch["name"]),
                    "contract_no": f"HT{sold:%Y}-{code}{contracts[code]:03d}",
                    "notes": self.t(rng.choice(C.SALE_NOTES)) if rng.random() < 0.15 else None,
                    "_product": product,
                    "_branch": branch,
                }
            )
        return sales

    def window(self, sale: dict[str, Any], on: dt.date) -> str:
        rule = POLICY.warranty_for(sale["category"])
        terms = warranty_terms(sale["sale_date"], sale["acceptance_date"], rule)
        return warranty_status(on, sale["sale_date"], terms, rule)

    # -- repairs -------------------------------------------------------------

    def plan_repairs(self, n: int) -> list[dict[str, Any]]:
        """Who reports what when: repeat faults, open tickets, other request types, the rest."""
        rng, plans = self.rng, []
        repeat_sizes = [3, 2, 3] if self.lang == "zh" else [3]
        early = [s for s in self.sales if s["_product"]["medical"] and s["sale_date"] <= dt.date(2025, 8, 31)]
        for group, size in enumerate(repeat_sizes):
            sale = early.pop(rng.randrange(len(early)))
            fault = rng.randrange(len(sale["_product"]["faults"]))
            start = sale["acceptance_date"] or sale["sale_date"]
            for k, offset in enumerate(sorted(rng.sample(range(20, 320), size))):
                plans.append(
                    {
                        "sale": sale,
                        "at": office_time(rng, start + dt.timedelta(days=offset)),
                        "type": "repair",
                        "fault": fault,
                        "level": rng.choice(["II", "III"]),
                        "group": (group, k, size),
                    }
                )
        n_open = 5 if self.lang == "zh" else 2
        fresh = [s for s in self.sales if s["sale_date"] >= dt.date(2025, 12, 1)]
        for k in range(n_open):
            day = dt.date(2026, 10, 19) + dt.timedelta(days=rng.randrange(12))
            plans.append(
                {
                    "sale": rng.choice(fresh),
                    "at": office_time(rng, day),
                    "type": "repair",
                    "open": True,
                    "waiting": k == 0,
                }
            )
        extra = (
            {"complaint": 6, "consultation": 6, "maintenance": 4}
            if self.lang == "zh"
            else {"complaint": 2, "consultation": 2, "maintenance": 1}
        )
        kinds = [k for k, count in extra.items() for _ in range(count)]
        kinds += ["repair"] * (n - len(plans) - len(kinds))
        for kind in kinds:
            while True:  # complaints, consultations and maintenance visits come in under warranty: no fee
                sale = rng.choice(self.sales)
                first = sale["sale_date"] + dt.timedelta(days=2)
                last = LAST_REPORT - dt.timedelta(days=14)
                at = office_time(rng, first + dt.timedelta(days=rng.randrange((last - first).days)))
                if kind == "repair" or self.window(sale, at.date()) in ("return", "exchange", "free"):
                    break
            if kind == "repair" and rng.random() < 0.15:  # urgent faults come in at any hour
                at = dt.datetime.combine(at.date(), dt.time()) + dt.timedelta(minutes=rng.randrange(24 * 60))
            plans.append({"sale": sale, "at": at, "type": kind})
        plans.sort(key=lambda p: p["at"])
        return plans

    def make_repairs(self, n: int) -> list[dict[str, Any]]:
        rng = self.rng
        plans = self.plan_repairs(n)
        resolved_repairs = [p for p in plans if p["type"] == "repair" and "group" not in p and not p.get("open")]
        causes = (
            ["human_damage", "water", "misuse", "wear", "drop", "unknown", "transport"]
            if self.lang == "en"
            else ["human_damage"] * 3
            + ["water"] * 3
            + ["misuse"] * 3
            + ["wear"] * 3
            + ["drop"] * 2
            + ["unknown"] * 2
            + ["transport"]
        )
        causes += ["quality"] * (len(resolved_repairs) - len(causes))
        rng.shuffle(causes)
        for plan, cause in zip(resolved_repairs, causes, strict=True):
            plan["cause"] = cause
        unlevelled = [p for p in plans if p["type"] == "repair" and "level" not in p]
        levels = [lv for lv in LEVEL_WEIGHTS for _ in range(2)]  # every level at least twice
        levels += rng.choices(list(LEVEL_WEIGHTS), list(LEVEL_WEIGHTS.values()), k=len(unlevelled) - len(levels))
        rng.shuffle(levels)
        for plan, level in zip(unlevelled, levels, strict=True):
            plan["level"] = level
        repairs, numbers = [], {2025: 0, 2026: 0}
        for plan in plans:
            numbers[plan["at"].year] += 1
            record = self.repair(plan, f"BX{plan['at']:%Y}{numbers[plan['at'].year]:04d}")
            repairs.append(record)
        return repairs

    def repair(self, plan: dict[str, Any], ticket: str) -> dict[str, Any]:
        rng, sale, kind = self.rng, plan["sale"], plan["type"]
        product, branch = sale["_product"], sale["_branch"]
        at: dt.datetime = plan["at"]
        level = plan.get("level")
        fault = product["faults"][plan["fault"] if "fault" in plan else rng.randrange(len(product["faults"]))]
        record: dict[str, Any] = {
            "ticket_no": ticket,
            "serial_no": sale["serial_no"],
            "reported_at": at,
            "channel": rng.choices(list(CHANNELS), list(CHANNELS.values()))[0],
            "request_type": kind,
            "fault_level": level,
            "technician": self.t(rng.choice(branch["technicians"])),
            "branch": self.t(branch["name"]) if rng.random() < 0.85 else None,
            "_sale": sale,
            "_plan": plan,
        }
        if kind == "repair":
            record["fault_category"] = self.t(fault[0])
            record["fault_description"] = self.t(fault[1])
        elif kind == "complaint":
            text, topic = rng.choice(C.COMPLAINTS)
            record.update(fault_category=self.t(topic), fault_description=self.t(text))
        else:
            record["fault_description"] = self.t(
                rng.choice(C.CONSULTATIONS if kind == "consultation" else C.MAINTENANCE)
            )
        self.timeline(record, kind, level)
        if kind == "repair" and not plan.get("open"):
            self.costs(record, plan.get("cause", "quality"), fault)
        if plan.get("group") and plan["group"][1] > 0:
            record["notes"] = self.t(C.REPAIR_NOTES["repeat"])
        if plan.get("waiting"):
            record["notes"] = self.t(C.REPAIR_NOTES["waiting"])
        return record

    def timeline(self, r: dict[str, Any], kind: str, level: str | None) -> None:
        rng, at = self.rng, r["reported_at"]
        h = lambda lo, hi: hours(rng, lo, hi)  # noqa: E731
        plan = on_site = None
        if kind == "repair":
            respond = {"I": (0.1, 1.3), "II": (0.3, 2.6), "III": (0.5, 5), "IV": (1, 30)}[level or "III"]
            fix = {"I": (2, 7), "II": (3, 10) if rng.random() < 0.7 else (10, 60), "III": (20, 100), "IV": (24, 200)}[
                level or "III"
            ]
            responded = at + h(*respond)
            if level in ("I", "II"):
                plan = responded + h(0.2, 1.0)
            if level != "IV" or rng.random() < 0.5:
                arrive = {"I": (0.5, 2.5), "II": (0.5, 2.4), "III": (3, 40), "IV": (24, 120)}[level or "III"]
                on_site = max(at + h(*arrive), responded + dt.timedelta(minutes=15))
            resolved = max(at + h(*fix), (on_site or plan or responded) + dt.timedelta(minutes=30))
            if level in ("III", "IV") and not dt.time(8, 30) <= resolved.time() <= dt.time(18):
                resolved = office_time(rng, resolved.date() + dt.timedelta(days=resolved.hour >= 18))
        elif kind == "complaint":
            responded = at + h(1, 14)
            resolved = responded + h(6, 48)
        elif kind == "consultation":
            responded = at + h(0.5, 30)
            resolved = responded + h(0.1, 2)
        else:
            responded = at + h(1, 8)
            on_site = at + h(24, 120)
            resolved = on_site + h(1, 4)
        if r["_plan"].get("open"):
            resolved = None
            if not r["_plan"].get("waiting"):
                on_site = on_site if on_site and on_site < LIMIT and rng.random() < 0.5 else None
        r.update(responded_at=responded, plan_at=plan, on_site_at=on_site, resolved_at=resolved)
        long_fix = (
            resolved is not None
            and level in ("I", "II")
            and resolved - at > (dt.timedelta(hours=4) if level == "I" else dt.timedelta(hours=48))
        )
        r["loaner"] = ("yes" if rng.random() < 0.9 else "no") if long_fix else ("no" if level in ("I", "II") else None)
        r["signed_off"] = None if resolved is None or on_site is None else ("yes" if rng.random() < 0.95 else "no")

    def costs(self, r: dict[str, Any], cause: str, fault: Any) -> None:
        rng = self.rng
        window = self.window(r["_sale"], r["reported_at"].date())
        billable = cause in EXCLUDED_CAUSES or window in ("paid", "expired")
        r["cause"] = cause
        if billable:
            r["action"] = "replace_part" if rng.random() < 0.6 else "repair"
            r["labor_cost"] = rng.choice([150, 200, 250, 300, 400])
        elif window in ("return", "exchange") and cause == "quality":
            r["action"] = "replace_unit"
        elif r["fault_level"] == "IV" and r["on_site_at"] is None:
            r["action"] = "remote"
        else:
            r["action"] = "replace_part" if rng.random() < 0.55 else "repair"
        if r["action"] == "replace_part":
            r["parts"], r["parts_cost"] = self.t(fault[2]), fault[3]
        if billable:
            r["fee_charged"] = (r.get("parts_cost") or 0) + r["labor_cost"]
        r["_billable"] = billable

    # -- callbacks -------------------------------------------------------------

    def make_callbacks(self) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        unhappy = {
            id(r) for r in self.repairs if r["_plan"].get("group", (0, 0, 0))[1:] == (2, 3)
        }  # third repair of the same fault
        complaints = [r for r in self.repairs if r["request_type"] == "complaint" and r["resolved_at"]]
        unhappy.add(id(complaints[0]))
        for r in sorted((r for r in self.repairs if r["resolved_at"]), key=lambda r: r["resolved_at"]):
            roll = rng.random()
            if r.get("_no_callback") or (roll < 0.07 and id(r) not in unhappy):
                continue
            resolved: dt.datetime = r["resolved_at"]
            days = rng.randint(4, 9) if roll < 0.17 else rng.randint(0, 3)
            when = dt.datetime.combine(resolved.date() + dt.timedelta(days=days), dt.time(9)) + dt.timedelta(
                minutes=rng.randrange(0, 8 * 60 + 30)
            )
            if when <= resolved:
                when = dt.datetime.combine(resolved.date() + dt.timedelta(days=1), when.time())
            if when > LIMIT:
                continue
            branch = r["_sale"]["_branch"]
            if id(r) in unhappy:  # the repeated fault, the complaint
                mood = "dissatisfied"
                comment = C.COMMENTS[mood][0 if r["request_type"] == "repair" else 1]
            else:
                mood = "basically_satisfied" if rng.random() < 0.13 else "satisfied"
                comment = rng.choice(C.COMMENTS[mood])
            out.append(
                {
                    "ticket_no": r["ticket_no"],
                    "callback_at": when,
                    "caller": self.t(branch["caller"]),
                    "satisfaction": mood,
                    "comments": self.t(comment),
                    "escalated_to": self.t(branch["supervisor"]) if mood == "dissatisfied" else None,
                    "_repair": r,
                }
            )
        return out

    # -- holds -----------------------------------------------------------------

    def hold(self, r: dict[str, Any], reason: str, start: dt.datetime, end: dt.datetime | None,
             rng: random.Random) -> dict[str, Any]:
        note = rng.choice(C.HOLD_NOTES[reason])
        return {"ticket_no": r["ticket_no"], "hold_from": start, "hold_until": end, "reason": reason,
                "notes": self.t(note), "_repair": r}

    def saved_by_a_hold(self, fixed: list[dict[str, Any]], rng: random.Random) -> dict[str, Any] | None:
        """A wait for parts that keeps a business-hours ticket inside its resolve target:
        breached without the hold, met with it (what holds are for)."""
        for r in fixed:
            if r["fault_level"] not in ("III", "IV") or r.get("action") != "replace_part" or not r["on_site_at"]:
                continue
            events = {k: r.get(k) for k in ("responded_at", "plan_at", "on_site_at", "resolved_at")}
            plain = evaluate_sla(POLICY, "repair", r["fault_level"], r["reported_at"], events, LIMIT)
            if plain.targets["resolve"].status != "breached":
                continue
            start = _office(r["on_site_at"] + dt.timedelta(hours=1))
            end = _office(r["resolved_at"] - dt.timedelta(hours=2), end=True)
            if not start < end:
                continue
            held = evaluate_sla(POLICY, "repair", r["fault_level"], r["reported_at"], events, LIMIT,
                                holds=(Hold(start, end, "waiting_parts"),))  # fmt: skip
            if held.targets["resolve"].status == "met":
                return self.hold(r, "waiting_parts", start, end, rng)
        return None

    def make_holds(self, rng: random.Random) -> list[dict[str, Any]]:
        """Waits a service desk records: parts (most), the customer, the manufacturer.

        Holds start and end in office hours, between the report and the
        resolution; the ticket left waiting for parts is still on hold. One
        hold of a resolved ticket is left open: a planted mistake.
        """
        usable = [r for r in self.repairs if not r.get("_planted") and not r["_plan"].get("group")]
        fixed = [r for r in usable if r["request_type"] == "repair" and r["resolved_at"] is not None]
        rng.shuffle(fixed)
        out: list[dict[str, Any]] = []
        for r in usable:  # the open ticket waiting for parts
            if r["_plan"].get("waiting"):
                start = _office(max(r["on_site_at"] or r["responded_at"], r["responded_at"]) + dt.timedelta(hours=1))
                out.append(self.hold(r, "waiting_parts", start, None, rng))
        taken: set[str] = set()

        def fit(r: dict[str, Any], begin: dt.datetime, share: tuple[float, float]) -> tuple[dt.datetime, dt.datetime] | None:
            """A hold inside [begin, resolved], in office hours, over `share` of that span; None if none fits."""
            span = r["resolved_at"] - begin
            start, end = _office(begin + span * share[0]), _office(begin + span * share[1], end=True)
            if r["ticket_no"] in taken or not begin <= start < end <= r["resolved_at"] - dt.timedelta(minutes=30):
                return None
            return start, end

        plan = (
            ("waiting_parts", lambda r: r.get("action") == "replace_part", "on_site_at", (0.15, 0.75)),
            ("waiting_customer", lambda r: r["fault_level"] in ("III", "IV"), "responded_at", (0.05, 0.35)),
            ("waiting_vendor", lambda r: r.get("action") == "repair", "responded_at", (0.3, 0.8)),
        )
        saved = self.saved_by_a_hold(fixed, rng)
        if saved is not None:
            out.append(saved)
            taken.add(saved["ticket_no"])
        counts = {"zh": (5, 2, 1), "en": (1, 1, 1)}[self.lang]
        for (reason, wanted, start_from, share), count in zip(plan, counts, strict=True):
            for r in fixed:
                if count == 0:
                    break
                found = wanted(r) and fit(r, r[start_from] or r["responded_at"], share)
                if found:
                    out.append(self.hold(r, reason, *found, rng))
                    taken.add(r["ticket_no"])
                    count -= 1
        for r in fixed:  # two holds on one ticket: nobody on the ward, then a missing part
            first, second = fit(r, r["responded_at"], (0.05, 0.3)), fit(r, r["responded_at"], (0.45, 0.8))
            if first and second and first[1] < second[0]:
                out.append(self.hold(r, "customer_unavailable", *first, rng))
                out.append(self.hold(r, "waiting_parts", *second, rng))
                taken.add(r["ticket_no"])
                break
        r = next(r for r in fixed if r["ticket_no"] not in taken and fit(r, r["responded_at"], (0.3, 0.6)))
        start, _end = fit(r, r["responded_at"], (0.3, 0.6)) or (r["responded_at"], None)
        forgot = self.hold(r, "waiting_customer", start, None, rng)
        forgot["_planted"] = True
        out.append(forgot)
        out.sort(key=lambda x: x["hold_from"])
        self.plant(
            "holds", forgot, "hold_until", None,
            ("报修单已修复，但暂停结束时间未填", "the ticket was resolved but the hold was never closed"), "error",
        )  # fmt: skip
        return out

    # -- planted mistakes --------------------------------------------------------

    def pick(self, rows: list[dict[str, Any]], test: Any) -> dict[str, Any]:
        candidates = [r for r in rows if not r.get("_planted") and not r.get("_plan", {}).get("group") and test(r)]
        chosen = self.rng.choice(candidates)
        chosen["_planted"] = True
        return chosen

    def plant(
        self, sheet: str, record: dict[str, Any], key: str, value: Any, what: tuple[str, str], severity: str
    ) -> None:
        record[key] = value
        self.mistakes.append(Mistake(sheet, record, key, what, severity))

    def plant_duplicate_ticket(self) -> None:
        """A ticket number copied from the row above (before callbacks, which then skip both)."""
        repairs = self.repairs
        i = repairs.index(self.pick(repairs[len(repairs) // 3 :], lambda r: r["resolved_at"] is not None))
        above = repairs[i - 1]
        above["_planted"] = True
        above["_no_callback"] = repairs[i]["_no_callback"] = True
        self.plant(
            "repairs",
            repairs[i],
            "ticket_no",
            above["ticket_no"],
            ("报修单号与上一行重复（复制粘贴）", "ticket number repeats the row above (copy-paste)"),
            "error",
        )

    def plant_mistakes(self) -> None:
        t, rng = self.t, self.rng
        sale = self.pick(self.sales, lambda s: True)
        self.plant("sales", sale, "customer", None, ("必填的用户单位为空", "required customer left blank"), "error")
        sale = self.pick(self.sales, lambda s: s["phone"].startswith("1") and "0" in s["phone"][3:])
        digits = sale["phone"]
        k = digits.index("0", 3)
        self.plant(
            "sales",
            sale,
            "phone",
            digits[:k] + "O" + digits[k + 1 :],
            ("电话号码中数字 0 写成了字母 O", "phone number has the letter O instead of a zero"),
            "warning",
        )
        r = self.pick(
            self.repairs,
            lambda r: (
                r["fault_level"] in ("I", "II")
                and r["resolved_at"] is not None
                and r["resolved_at"].date() == r["reported_at"].date()
            ),
        )
        self.plant(
            "repairs",
            r,
            "resolved_at",
            r["resolved_at"] - dt.timedelta(days=1),
            ("修复时间早于报修时间（日期少写了一天）", "resolved before it was reported (date typed a day early)"),
            "error",
        )
        serials = {s["serial_no"] for s in self.sales}
        r = self.pick(
            self.repairs,
            lambda r: (
                r["resolved_at"] is not None
                and not r.get("fee_charged")
                and r["serial_no"][-1] != r["serial_no"][-2]
                and r["serial_no"][:-2] + r["serial_no"][-1] + r["serial_no"][-2] not in serials
            ),
        )
        r["branch"] = r["_sale"]["branch"]
        self.plant(
            "repairs",
            r,
            "serial_no",
            r["serial_no"][:-2] + r["serial_no"][-1] + r["serial_no"][-2],
            (
                "出厂编号末两位颠倒，销售登记中查无此号",
                "serial number with its last two digits swapped: not in the sales register",
            ),
            "warning",
        )
        r = self.pick(
            self.repairs,
            lambda r: r.get("cause") == "quality" and r.get("action") == "replace_part" and not r["_billable"],
        )
        r["labor_cost"] = 200
        self.plant(
            "repairs",
            r,
            "fee_charged",
            r["parts_cost"] + 200,
            ("保修期内的质量问题却收了费", "fee charged on an in-warranty quality repair"),
            "error",
        )
        r = self.pick(self.repairs, lambda r: r["fault_level"] == "III")
        typo, right = ("三极", "三级") if self.lang == "zh" else ("lll", "III")
        self.plant(
            "repairs",
            r,
            "fault_level",
            typo,
            (f"故障级别写错（{typo} 应为 {right}）", f"fault level misspelled ({typo} for {right})"),
            "error",
        )
        last_2025 = max(int(r["ticket_no"][6:]) for r in self.repairs if r["ticket_no"].startswith("BX2025"))
        ghost = {
            "ticket_no": None,
            "callback_at": office_time(rng, dt.date(2025, 9, 15)),
            "caller": t(C.BRANCHES[0]["caller"]),
            "satisfaction": "satisfied",
            "comments": t(C.COMMENTS["satisfied"][0]),
            "escalated_to": None,
            "_planted": True,
        }
        self.callbacks.append(ghost)
        self.plant(
            "callbacks",
            ghost,
            "ticket_no",
            f"BX2025{last_2025 + 3:04d}",
            ("回访的报修单号在维修记录中不存在", "callback for a ticket that is not in the repair log"),
            "error",
        )
        cb = self.pick(
            self.callbacks, lambda c: c["satisfaction"] == "satisfied" and not c["_repair"]["_plan"].get("group")
        )
        cb["comments"] = t(("维修后仍有异响", "Still noisy after the repair"))
        cb["satisfaction"] = "dissatisfied"
        self.plant(
            "callbacks",
            cb,
            "escalated_to",
            None,
            ("满意度为不满意，但反映主管为空", "dissatisfied, but Escalated To is blank"),
            "error",
        )
        self.callbacks.sort(key=lambda c: c["callback_at"])

    # -- planned visits ------------------------------------------------------------

    def plan_rows(self) -> list[list[Any]]:
        """The plan as the clerk writes it: intervals `6个月` in Chinese, `6m` in English."""
        def shown(value: Any) -> Any:
            return format_interval(parse_interval(value), self.lang) if isinstance(value, str) else value

        return [[self.t(row[0]), row[1], shown(row[2]), shown(row[3]), *row[4:]] for row in PLAN_ROWS]

    def make_visits(self) -> list[dict[str, Any]]:
        """Visits of the plan the workbook carries, scheduled by the product's own rules: most on time,
        some late, some missed, a few where the customer was out (visited again), a fault found now and then."""
        rng = random.Random(VISIT_SEED)
        header = [f.key for f in MAINTENANCE.fields]
        policy = parse_policy({"maintenance": ("Maintenance", [header, *self.plan_rows()])}, base=POLICY)
        today = VISIT_LIMIT.date()
        visits: list[dict[str, Any]] = []
        for sale in self.sales:
            rule = POLICY.warranty_for(sale["category"])
            terms = warranty_terms(sale["sale_date"], sale["acceptance_date"], rule)
            own = [r for r in self.repairs if r["serial_no"] == sale["serial_no"]]
            ended = service_ended(own, range(len(own)))
            branch = sale["_branch"]
            for plan in policy.plan_for(sale["category"]):
                dates = due_dates(terms.start, plan, until=covered_until(terms, plan), horizon=today, ended=ended)
                for opens, due, on_time, _late in dates:
                    if due > today:
                        continue
                    roll = rng.random()
                    if roll < 0.12:
                        continue  # missed
                    late = roll < 0.2
                    first = max(opens, due - dt.timedelta(days=25))
                    found = next((r for r in own if r["request_type"] == "repair" and not late and
                                  first <= r["reported_at"].date() <= on_time), None)  # fmt: skip
                    if found is not None and rng.random() < 0.6:  # the visit found the fault it was reported for
                        at = found["reported_at"] - dt.timedelta(hours=2)
                    else:
                        found = None
                        span = max(1, (on_time - first).days)
                        day = on_time + dt.timedelta(days=rng.randint(3, 20)) if late else (
                            first + dt.timedelta(days=rng.randrange(span)))  # fmt: skip
                        at = office_time(rng, day)
                    if at > VISIT_LIMIT or at.date() < opens:
                        continue
                    who = self.t(rng.choice(branch["technicians"]))
                    visit = {"serial_no": sale["serial_no"], "kind": plan.kind, "visit_at": at, "technician": who,
                             "result": "normal", "_sale": sale}
                    if found is not None:
                        visit.update(result="fault_found", ticket_no=found["ticket_no"],
                                     notes=self.t(("巡检发现故障，已报修", "Fault found; repair opened")))
                    elif roll > 0.97 and plan.kind == "return_visit":  # nobody there: visited again days later
                        visits.append({**visit, "result": "customer_absent",
                                       "notes": self.t(("客户不在，改日再访", "Customer out; visit again"))})
                        visit["visit_at"] = office_time(rng, at.date() + dt.timedelta(days=rng.randint(2, 5)))
                        if visit["visit_at"] > VISIT_LIMIT:
                            continue
                    visits.append(visit)
        visits.sort(key=lambda v: v["visit_at"])
        self.plant_visit_mistakes(rng, visits)
        return visits

    def plant_visit_mistakes(self, rng: random.Random, visits: list[dict[str, Any]]) -> None:
        clean = [v for v in visits if v["result"] == "normal"]
        v = rng.choice(clean)
        v["result"], v["_planted"] = "fault_found", True
        v["notes"] = self.t(("巡检发现异响", "Noise found"))
        self.plant("visits", v, "ticket_no", None,
                   ("发现故障但未填写报修单号", "fault found but no repair ticket written"), "warning")
        v = rng.choice([x for x in clean if not x.get("_planted")])
        serial = v["serial_no"]
        self.plant("visits", v, "serial_no", serial[:-1] + str((int(serial[-1]) + 5) % 10),
                   ("出厂编号末位写错，销售登记中查无此号", "serial number with a wrong last digit: not in the sales "
                                                          "register"), "warning")

    # -- output ------------------------------------------------------------------

    def tables(self) -> list[tuple[Register, list[dict[str, Any]], str | None]]:
        return [
            (SALES, self.sales, None),
            (REPAIRS, self.repairs, TITLE[self.lang]),
            (CALLBACKS, self.callbacks, None),
            (HOLDS, self.holds, None),
            (VISITS, self.visits, None),
        ]

    def write(self, path: Path) -> None:
        wb = new_workbook(path)
        wb.set_properties({"title": "sheetdesk example", "author": "sheetdesk", "created": CREATED})
        formats = Formats(wb)
        for register, records, title in self.tables():
            ws = wb.add_worksheet(register.name(self.lang))
            header = 1 if title else 0
            if title:
                ws.merge_range(
                    0, 0, 0, len(register.fields) - 1, title, formats.get(bold=True, font_size=14, align="center")
                )
                ws.set_row(0, 26)
            writer = RegisterSheetWriter(wb, formats, ws, register, self.lang, header_row=header)
            writer.write_header()
            writer.add_dropdowns(last_row=header + len(records) + 500)
            ws.autofilter(header, 0, header + len(records), len(register.fields) - 1)
            for i, record in enumerate(records):
                writer.write_record(header + 1 + i, record)
            for m in self.mistakes:
                if m.sheet == register.key:
                    row = header + 2 + next(i for i, r in enumerate(records) if r is m.record)
                    m.cell = cell_ref(writer.columns[m.key], row) or ""
                    m.value = (
                        writer.register.field(m.key).enum.label(m.record[m.key], self.lang)
                        if (writer.register.field(m.key).enum and m.record[m.key])
                        else m.record[m.key]
                    )
        ws = wb.add_worksheet(MAINTENANCE.name(self.lang))  # the plan, as a policy sheet of this workbook
        writer = RegisterSheetWriter(wb, formats, ws, MAINTENANCE, self.lang)
        writer.write_header()
        writer.add_dropdowns(last_row=50)
        for i, row in enumerate(self.plan_rows(), start=1):
            writer.write_record(i, dict(zip([f.key for f in MAINTENANCE.fields], row, strict=True)))
        wb.close()


def _office(moment: dt.datetime, *, end: bool = False) -> dt.datetime:
    """A hold's start (or `end`) as a clerk records it: to the minute, in office hours
    (09:00–17:30 on weekdays); a moment outside them moves to the next opening (an
    end: back to the last closing)."""
    moment = moment.replace(second=0, microsecond=0)
    day, opening, closing = moment.date(), dt.time(9), dt.time(17, 30)
    if end:
        while day.weekday() >= 5 or (day == moment.date() and moment.time() < opening):
            day -= dt.timedelta(days=1)
        return moment if day == moment.date() and moment.time() <= closing else dt.datetime.combine(day, closing)
    while day.weekday() >= 5 or (day == moment.date() and moment.time() > closing):
        day += dt.timedelta(days=1)
    return moment if day == moment.date() and moment.time() >= opening else dt.datetime.combine(day, opening)


def register_by_key(key: str) -> Register:
    return {"sales": SALES, "repairs": REPAIRS, "callbacks": CALLBACKS, "holds": HOLDS, "visits": VISITS}[key]


def describe(example: Example) -> list[str]:
    """The README section of one example: counts, features and the planted mistakes."""
    lang = example.lang
    repairs = example.repairs
    open_tickets = [r["ticket_no"] for r in repairs if r["resolved_at"] is None]
    groups: dict[int, list[str]] = {}
    for r in repairs:
        if r["_plan"].get("group"):
            groups.setdefault(r["_plan"]["group"][0], []).append(r["ticket_no"])
    serials = {
        g: next(r["serial_no"] for r in repairs if r["ticket_no"] == tickets[0]) for g, tickets in groups.items()
    }
    excluded = sum(1 for r in repairs if r.get("cause") in EXCLUDED_CAUSES)
    fees = sum(1 for r in repairs if r.get("fee_charged"))
    holds = example.holds
    reason = HOLDS.field("reason").enum
    assert reason is not None
    reasons = [reason.label(c.key, lang) for c in reason.choices if any(h["reason"] == c.key for h in holds)]
    still = [h["ticket_no"] for h in holds if h["hold_until"] is None and h["_repair"]["resolved_at"] is None]
    lines = [
        f"## `{FILES[lang]}` ({'Chinese' if lang == 'zh' else 'English'})",
        "",
        f"- {len(example.sales)} sales, {len(repairs)} repair-log rows, {len(example.callbacks)} callbacks; "
        f"sheets `{SALES.name(lang)}`, `{REPAIRS.name(lang)}` (title row above the header), `{CALLBACKS.name(lang)}`.",
        f"- Open (unresolved) tickets: {', '.join(open_tickets)}.",
        "- Repeat repairs of the same fault on one serial: "
        + "; ".join(f"{serials[g]} ({', '.join(t)})" for g, t in groups.items())
        + ".",
        f"- {excluded} repairs with an excluded cause (billable); {fees} rows with a fee charged.",
        f"- {len(holds)} holds on {len({h['ticket_no'] for h in holds})} tickets (sheet `{HOLDS.name(lang)}`; "
        f"{', '.join(reasons)}); still on hold: {', '.join(still)}. Every sale's service area is "
        f"{C.LOCAL_AREA[0] if lang == 'zh' else C.LOCAL_AREA[1]}.",
        f"- {len(example.visits)} visits (sheet `{VISITS.name(lang)}`) of the maintenance plan in the policy sheet "
        f"`{MAINTENANCE.name(lang)}`: return visits twice a year in warranty, the first within six months; medical "
        "equipment inspected every three months in warranty.",
        "",
        "| # | Sheet | Cell | Column | Value | Planted mistake | Expected finding |",
        "|---|---|---|---|---|---|---|",
    ]
    order = {"sales": 0, "repairs": 1, "callbacks": 2, "holds": 3, "visits": 4}
    mistakes = sorted(
        example.mistakes, key=lambda m: (order[m.sheet], int(m.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
    )
    for n, m in enumerate(mistakes, 1):
        register = register_by_key(m.sheet)
        value = "(blank)" if m.value is None else m.value
        what = f"{m.what[0]} / {m.what[1]}" if lang == "zh" else m.what[1]
        if isinstance(value, dt.datetime):
            value = f"{value:%Y-%m-%d %H:%M}"
        lines.append(
            f"| {n} | {register.name(lang)} | {m.cell} | {register.field(m.key).label(lang)} | {value} "
            f"| {what} | {m.severity} |"
        )
    return lines + [""]


README_HEAD = """# Example service desk workbooks

Generated by `make_example.py` (seeded, deterministic): do not edit by hand;
run `python workbook_templates/examples/make_example.py` to regenerate this
folder. Both workbooks hold the five registers (sales, repairs, callbacks,
holds, visits) with the standard template look, and a Maintenance policy
sheet (the plan the visits follow); the dates run from January 2025 to
mid-November 2026.

Try them:

```
sheetdesk validate workbook_templates/examples/service_desk_example.xlsx
sheetdesk check    workbook_templates/examples/service_desk_example.xlsx --as-of 2026-11-16
```

Each workbook has a few realistic mistakes planted on purpose; they are listed
below with their sheet and cell (this list is written by the same script, so
it is exact). Everything else is clean data: SLA breaches, late or missing
callbacks and unsatisfied customers are statuses for `check`, not mistakes.

"""


def build(lang: str) -> Example:
    return Example(lang)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else HERE
    outdir.mkdir(parents=True, exist_ok=True)
    text = README_HEAD
    for lang in ("zh", "en"):
        example = build(lang)
        example.write(outdir / FILES[lang])
        text += "\n".join(describe(example)) + "\n"
        print(outdir / FILES[lang])
    (outdir / "README.md").write_text(text, encoding="utf-8")
    print(outdir / "README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
