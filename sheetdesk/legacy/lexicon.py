"""What legacy headers mean: the bilingual lexicon the mapper reads labels with.

Built from public knowledge of where service logs come from, not from any
file the tests import:
- helpdesk / ITSM exports: ServiceNow (`number`, `opened_at`, `assigned_to`,
  `contact_type`, `u_*`), Jira Service Management (`Issue key`, `Created`,
  `Resolved`, `Assignee`), Zendesk (`Ticket ID`, `Via`, `Solved at`),
  Freshdesk (`Source`, `Agent`, `Resolved time`), GLPI (`Opening date`,
  `Resolution date`, `Request source`), osTicket (`Help Topic`), ERPNext
  (`opening_date`, `raised_by`, `resolution_details`, warranty claims);
- CMMS work orders: Maximo (`WONUM`, `REPORTDATE`, `ACTFINISH`, `ASSETNUM`,
  `WOPRIORITY`, `LEAD`), Fiix, UpKeep, eMaint (`WO#`, `Request Date`);
- warranty claims and RMA logs (`RMA #`, `Claim No`, `Failure Date`,
  `Customer Complaint`, `Correction`); call-centre logs (`Call ID`,
  `Agent`, `Disposition`);
- Chinese 台账 / 工单 / 报修单 / 维修单 / 巡检 / 回访 ledgers of equipment, IT,
  vehicles, buildings and medical devices (`报修单号`, `送修日期`,
  `使用科室`, `维修工程师`, `车牌号`, `完工时间`, `回访人`).

Two kinds of entries (`labels` reads them):
- `EXACT`: whole headers, compared after `normalize_label`, each with the
  weight of its meaning (1.0 is certain);
- `EN_RULES` / `ZH_RULES`: compositional rules. An English rule names word
  groups a header must contain one word of each (`{opened, created,
  reported...}` + `{date, time, at...}` -> reported_at), words that may come
  along, and words that veto it (`updated`, `due`, `hours`: not the time a
  fault was reported). A Chinese rule is a pattern over the header
  (`(报修|报障|故障|停机...)(时间|日期)$`), Chinese being head-final.
A rule's weight is lowered when the header holds words the rule does not
explain (`labels.rule_weight`).
"""

from __future__ import annotations

from dataclasses import dataclass

# Word groups. Headers are split into lower-case words (camelCase and
# snake_case split, simple plurals singular); adjacent pairs are also
# joined, so that `work order` matches `workorder`.
TIME = frozenset({"date", "time", "datetime", "timestamp", "dt", "dttm", "at", "on", "when", "tm", "stamp", "day"})
ID = frozenset({"no", "number", "num", "nbr", "nr", "id", "#", "ref", "reference", "identifier", "key"})
# Clerks' and systems' abbreviations, read as the word they stand for before any rule runs (`Rec'd`,
# `1st Resp.`, `Compl. Date`, `Mat'ls`). Only spellings with one meaning in a service log: `eng` may be an
# engine and `comp` a component, so they are not here.
ABBREVIATIONS = {
    "recd": "received", "rcvd": "received", "recvd": "received", "rcd": "received", "rpt": "report",
    "rptd": "reported", "reptd": "reported", "resp": "response", "1st": "first", "compl": "completed",
    "cmpl": "completed", "cmpltd": "completed", "compltd": "completed", "arr": "arrival", "arrvd": "arrived",
    "matl": "material", "matls": "material", "mtl": "material", "mtls": "material", "engr": "engineer",
    "techn": "technician", "svc": "service", "serv": "service", "maint": "maintenance", "equip": "equipment",
    "eqpt": "equipment", "eqp": "equipment", "srl": "serial", "prob": "problem", "probl": "problem",
    "flt": "fault", "chrg": "charge", "cust": "customer",
}  # fmt: skip
OPENED = frozenset(
    {
        "report", "reported", "reporting", "open", "opened", "opening", "create", "created", "creation",
        "log", "logged", "raise", "raised", "receive", "received", "submit", "submitted", "submission",
        "request", "requested", "call", "occur", "occurred", "occurrence", "fault", "failure", "fail",
        "failed", "error", "breakdown", "incident", "start", "started", "begin", "notification",
        "notified", "registered", "registration", "booked", "booking", "detect", "detected", "found",
        "discovered", "alarm", "complaint", "claim", "issue", "problem", "event", "down", "stop", "called",
        "stopped", "outage", "intake", "arrival_in", "bscstart", "basicstart", "malfunction", "stoppage",
    }
)  # fmt: skip
ENTERED = frozenset({"entered", "entry", "input", "recorded", "added", "record", "register"})
RESOLVED = frozenset(
    {
        "resolve", "resolved", "resolution", "fix", "fixed", "complete", "completed", "completion",
        "finish", "finished", "end", "ended", "repaired", "restore", "restored", "restoration",
        "recover", "recovered", "recovery", "solve", "solved", "done", "actfinish", "up", "clear", "cleared",
        "rectified",
    }
)  # fmt: skip
CLOSED = frozenset({"close", "closed", "closing", "closure"})
# A step's past participle names its moment on its own (`Logged`, `Attended`, `Job Completed`, `Fault
# Cleared`): the values must still be dates. Only words that name one step (`requested` may be planned, `found`
# is what was found, `assigned` may be the person).
STEP_REPORTED = frozenset(
    {"reported", "logged", "received", "raised", "opened", "created", "notified", "booked", "called", "registered",
     "submitted"}
)  # fmt: skip
STEP_RESPONDED = frozenset({"dispatched", "acknowledged", "responded", "response", "accepted"})
STEP_ON_SITE = frozenset({"arrived", "attended", "arrival", "onsite"})
STEP_RESOLVED = frozenset(
    {"completed", "resolved", "fixed", "finished", "cleared", "restored", "repaired", "solved", "rectified"}
)
# What may come along with a step's word: what the step was done to, or by whom.
STEP_ALSO = frozenset(
    {"the", "s", "date", "time", "call", "job", "fault", "ticket", "case", "work", "order", "wo", "service",
     "repair", "first", "initial", "in", "on", "site", "engineer", "technician", "tech", "crew", "alarm", "error",
     "incident", "issue", "problem", "failure", "outage", "breakdown", "event"}
)  # fmt: skip
RESPONDED = frozenset(
    {"respond", "responded", "response", "ack", "acknowledge", "acknowledged", "accept", "accepted",
     "dispatch", "dispatched", "assigned", "pickup", "picked"}
)  # fmt: skip
ON_SITE = frozenset({"arrive", "arrived", "arrival", "onsite", "site", "visit", "visited", "attend", "attended"})
# A header with one of these is not the moment a fault was reported or fixed.
# (`Time to resolve`, `Respond by`: a deadline or a duration, not a moment.)
DEADLINE = frozenset({"to", "by"})
NOT_A_MOMENT = frozenset(
    {
        "update", "updated", "modify", "modified", "change", "changed", "due", "deadline", "next",
        "expected", "expect", "target", "targ", "sla", "schedule", "scheduled", "sched", "estimated",
        "estimate", "eta", "reopen", "reopened", "duration", "hour", "hours", "hrs", "hr", "minute", "min",
        "mins", "second", "sec", "secs", "days", "running", "runtime", "uptime", "downtime",
        "elapsed", "age", "aging", "handle", "handling", "spent", "total", "count", "year", "month",
        "week", "birth", "manufacture", "manufactured", "purchase", "purchased", "warranty",
        "expiry", "expire", "expiration", "last", "previous", "prev", "needed", "need", "required",
        "planned", "plan", "promised", "sold", "installed", "install", "delivery", "wait", "waiting",
        "mileage", "odometer", "km", "mile", "miles", "meter", "reading", "cost", "amount", "qty", "quantity",
        "price", "suggested", "latest", "earliest", "allowed",
    }
)  # fmt: skip
PERSON = frozenset(
    {
        "technician", "tech", "engineer", "repairer", "repairman", "mechanic", "serviceman",
        "fitter", "electrician", "assignee", "resolver", "handler", "worker", "maintainer",
        "fse", "lead", "servicer", "agent", "crew", "operative", "installer", "inspector",
    }
)  # fmt: skip
DID = frozenset(
    {"resolved", "fixed", "repaired", "completed", "performed", "handled", "serviced", "attended",
     "done", "worked", "assigned", "maintained", "inspected"}
)  # fmt: skip
# Words that make a header about something else than the person who did the work.
NOT_A_PERSON = frozenset(
    {
        "comment", "note", "remark", "description", "code", "type", "group", "team", "count", "id",
        "no", "number", "phone", "mobile", "email", "contact", "customer", "client", "caller",
        "requester", "reporter", "applicant", "department", "dept", "company", "vendor", "date",
        "time", "at", "on", "level", "hour", "cost", "status", "queue", "skill", "#", "interaction",
        "additional", "other", "secondary", "wait", "dispatcher", "supervisor",
    }
)  # fmt: skip
TICKET = frozenset(
    {
        "ticket", "case", "incident", "inc", "workorder", "wo", "job", "joborder", "jobcard",
        "request", "req", "sr", "servicerequest", "serviceorder", "repairorder", "ro", "call",
        "complaint", "claim", "rma", "problem", "issue", "task", "service", "repair", "maintenance",
        "report", "record", "docket", "callout", "fault", "defect", "breakdown", "notification",
        "event", "order", "log", "wonum", "csr", "itsm", "helpdesk", "failure", "downtime", "outage",
    }
)  # fmt: skip
SERIAL = frozenset(
    {
        "serial", "sn", "asset", "assetnum", "equipment", "equip", "machine", "unit", "device",
        "instrument", "vehicle", "vin", "imei", "meter", "plate", "chassis", "engine", "frame",
        "tag", "esn", "msn", "product", "aircraft", "tail", "vessel", "ship", "truck", "car", "bus", "loco",
        "locomotive", "fleet", "elevator", "lift", "robot", "pump", "compressor", "generator", "boiler",
        "chiller", "turbine",
    }
)  # fmt: skip
DESCRIPTION = frozenset(
    {
        "description", "desc", "descr", "problem", "issue", "fault", "symptom", "complaint", "defect",
        "trouble", "malfunction", "shorttext", "longtext", "failure", "concern", "verbatim",
    }
)  # fmt: skip
# What a technician found or summed up: a description only when nothing says the fault itself.
DESCRIPTION_LESS = frozenset({"summary", "observation", "finding", "detail", "narrative", "diagnosis"})
DESCRIPTION_ALSO = frozenset(
    {"short", "long", "what", "whats", "the", "found", "logged", "reported", "customer", "client",
     "work", "original", "text", "job", "nature", "of", "s", "is", "brief", "full", "detailed"}
)  # fmt: skip
NOT_A_DESCRIPTION = frozenset(
    {
        "code", "type", "category", "class", "id", "no", "number", "status", "date", "time", "count",
        "level", "priority", "severity", "cause", "reason", "action", "solution", "resolution",
        "remedy", "part", "cost", "#", "owner", "group", "impact", "urgency", "state", "ref", "by",
        "engine", "transmission", "product", "item", "model", "vehicle", "location", "asset", "equipment",
        "machine", "unit", "labor", "labour", "job", "activity", "operation", "correction", "plant", "site",
        "related", "linked", "parent", "child", "mileage", "odometer", "km", "mile", "miles", "meter", "reading",
        "hour", "hours", "age",
    }
)  # fmt: skip
KIND = frozenset({"type", "category", "class", "classification", "kind", "group", "mode", "code", "cat"})
FAULTY = frozenset(
    {"fault", "failure", "problem", "issue", "defect", "incident", "error", "breakdown", "trouble", "damage", "alarm",
     "outage"}
)  # fmt: skip
SERVICE = frozenset(
    {"request", "service", "ticket", "call", "job", "work", "order", "maintenance", "wo", "case",
     "repair", "visit", "pm", "activity", "workorder", "servicerequest"}
)  # fmt: skip
LEVEL = frozenset(
    {"priority", "severity", "urgency", "criticality", "level", "grade", "sev", "prio", "pri", "wopriority"}
)
CHANNEL = frozenset({"channel", "source", "origin", "medium", "via", "method"})
COST = frozenset({"cost", "price", "amount", "fee", "charge", "value", "amt"})
MONEY_NOT = frozenset({"type", "status", "no", "number", "id", "date", "time", "code", "#", "hour", "hr"})


@dataclass(frozen=True)
class Rule:
    """An English rule: one word of each `need` group; `also` words come along freely."""

    target: str
    weight: float
    need: tuple[frozenset[str], ...]
    also: frozenset[str] = frozenset()
    veto: frozenset[str] = frozenset()
    whole: bool = False  # every word of the header must be explained (a bare generic word)
    # English compounds are head-final too: the words in front of the head name what it belongs to
    # (`Printer S/N`, `Boiler Serial No` are the serials of a printer, a boiler) and count as explained.
    head_final: bool = False


@dataclass(frozen=True)
class ZhRule:
    """A Chinese rule: a regular expression over the folded header; `veto` another."""

    target: str
    weight: float
    pattern: str
    veto: str = ""


def _w(*words: str) -> frozenset[str]:
    return frozenset(words)


# Dates a system plans or asks for, not the moment the work was done (SAP's basic dates).
_PLANNED = _w("basic", "bsc", "suggested", "requested", "desired", "target", "customer")
_BY = _w("by", "to", "name", "user", "person", "staff", "the")
# The serial of something else than the unit serviced: a part, a swapped-in replacement, a document.
_NOT_THE_UNIT = _w(
    "part", "model", "type", "order", "invoice", "component", "module", "board", "battery", "sim", "card", "kit",
    "spare", "new", "replacement", "replaced", "po", "shipment", "batch", "lot",
)  # fmt: skip
# How much or how long, not what it cost (`Total Labor Hours`, `Parts Qty`).
_QUANTITY = _w(
    "hour", "hours", "hr", "hrs", "minute", "min", "mins", "time", "qty", "quantity", "count", "days", "unit"
)
# Leaving the site is the end of a visit, not the arrival (`Time Left Site`, `Departed Site`).
_LEFT = _w("left", "leave", "leaving", "depart", "departed", "departure", "off")
_NAME = _w("name", "the", "s", "of", "field", "service", "user", "primary", "responsible", "actual", "member")

EN_RULES: dict[str, tuple[Rule, ...]] = {
    "repairs": (
        Rule("ticket_no", 0.85, (TICKET, ID), _w("s", "the", "of", "work", "service", "original", "main"), _w("related", "parent", "kb", "change", "indent", "invoice", "po", "grn")),
        Rule("ticket_no", 0.75, (_w("request", "order", "workorder", "wo", "ticket", "case", "job", "task", "rma", "claim", "notification"), _w("code")), _w("s", "the", "of", "work", "service", "repair", "maintenance"), _w("related", "parent", "problem", "failure", "fault", "cause", "defect", "reason", "type", "status", "activity", "labor", "labour", "operation")),
        Rule("serial_no", 0.8, (SERIAL, ID | _w("tag")), _w("s", "the", "of", "equipment", "factory", "product", "unit"), _w("part", "model", "type", "order", "invoice")),
        # The maker's serial (`Meter Serial`, `Device S/N`) before an owner's asset number (0.8) when a log has both.
        Rule("serial_no", 0.85, (_w("serial", "sn", "vin", "imei", "esn"),), SERIAL | ID | _w("s", "the", "of", "factory", "mfr", "manufacturer", "maker", "oem"), _NOT_THE_UNIT, head_final=True),
        Rule("serial_no", 0.8, (_w("assetnum"),), _w("s", "the")),
        Rule("serial_no", 0.75, (_w("asset", "equipment", "machine", "unit"),), _w("the", "s"), whole=True),
        Rule("reported_at", 0.85, (OPENED, TIME), _w("s", "the", "of", "first", "initial", "original", "actual", "basic", "and", "bsc", "customer", "job", "ticket", "case", "work", "order", "malfunction"), NOT_A_MOMENT | DEADLINE | (RESOLVED - _w("up")) | _w("response", "close", "closed")),
        # `Downtime Start` is a moment although `Downtime` alone is a duration
        Rule("reported_at", 0.8, (_w("malfunction", "breakdown", "failure", "outage", "downtime", "fault", "stoppage", "alarm", "error", "event", "trip"), _w("start", "begin", "began", "started", "from", "raised", "on")), _w("s", "the", "of", "date", "time"), (NOT_A_MOMENT - _w("downtime")) | DEADLINE),
        Rule("reported_at", 0.7, (_w("ticket", "case", "job", "wo", "workorder", "rma", "task"), TIME), _w("s", "the", "of", "work", "order"), NOT_A_MOMENT | DEADLINE | RESOLVED | CLOSED | RESPONDED | ON_SITE),
        Rule("reported_at", 0.65, (ENTERED, TIME), _w("s", "the", "of", "data"), NOT_A_MOMENT | DEADLINE),
        Rule("reported_at", 0.75, (STEP_REPORTED,), STEP_ALSO, NOT_A_MOMENT | DEADLINE, whole=True),
        Rule("responded_at", 0.75, (STEP_RESPONDED,), STEP_ALSO, NOT_A_MOMENT | DEADLINE, whole=True),
        Rule("on_site_at", 0.75, (STEP_ON_SITE,), STEP_ALSO, NOT_A_MOMENT | DEADLINE, whole=True),
        Rule("resolved_at", 0.75, (STEP_RESOLVED,), STEP_ALSO, NOT_A_MOMENT | DEADLINE | _PLANNED, whole=True),
        # the unit is working again: `Back in Service`, `Returned to Service`, `Return to Operation Date`
        Rule("resolved_at", 0.8, (_w("back", "returned", "return"), _w("service", "operation", "use", "production", "online")), _w("in", "to", "into", "the", "s", "date", "time"), NOT_A_MOMENT),
        Rule("reported_at", 0.65, (TIME,), _w("s", "the", "and", "of"), NOT_A_MOMENT, whole=True),
        Rule("resolved_at", 0.85, (RESOLVED, TIME), _w("s", "the", "of", "actual", "job", "work", "repair", "and", "act", "malfunction"), (NOT_A_MOMENT - _w("total")) | DEADLINE | _PLANNED),
        Rule("resolved_at", 0.8, (_w("malfunction", "breakdown", "failure", "outage", "downtime", "fault", "stoppage", "alarm", "error", "event", "trip"), _w("end", "ended", "finish", "finished", "until", "off", "stop", "stopped")), _w("s", "the", "of", "date", "time"), (NOT_A_MOMENT - _w("downtime")) | DEADLINE | _PLANNED),
        Rule("resolved_at", 0.65, (CLOSED, TIME), _w("s", "the", "of", "actual", "ticket", "case", "job", "and"), NOT_A_MOMENT | DEADLINE | _PLANNED),
        Rule("responded_at", 0.8, (RESPONDED, TIME), _w("s", "the", "of", "first", "initial", "actual"), NOT_A_MOMENT | DEADLINE),
        Rule("on_site_at", 0.8, (ON_SITE, TIME), _w("s", "the", "of", "on", "actual", "first"), NOT_A_MOMENT | DEADLINE | _LEFT),
        Rule("plan_at", 0.75, (_w("plan", "proposal", "quote", "quotation"), TIME), _w("s", "submitted", "sent", "the", "of"), NOT_A_MOMENT - _w("plan")),
        Rule("technician", 0.85, (PERSON,), _NAME | _w("assigned", "repair", "maintenance", "support"), NOT_A_PERSON),
        Rule("technician", 0.8, (_w("assigned", "allocated"), _w("to", "user", "person", "engineer", "technician")), _NAME, NOT_A_PERSON),
        Rule("technician", 0.75, (DID, _w("by")), _NAME, NOT_A_PERSON),
        Rule("technician", 0.75, (_w("responsible", "accountable", "assigned"), _w("person", "engineer", "technician", "staff", "user", "name", "man")), _NAME, NOT_A_PERSON),
        Rule("technician", 0.75, (_w("service", "field", "repair", "maintenance", "support"), _w("engineer", "technician", "person", "staff", "agent", "man")), _NAME, NOT_A_PERSON),
        Rule("fault_description", 0.85, (DESCRIPTION,), DESCRIPTION_ALSO | DESCRIPTION_LESS, NOT_A_DESCRIPTION),
        Rule("fault_description", 0.7, (DESCRIPTION_LESS,), DESCRIPTION_ALSO, NOT_A_DESCRIPTION),
        Rule("fault_description", 0.6, (_w("title", "subject", "headline"),), _w("the", "short", "ticket", "case", "issue", "incident", "request", "email", "work", "order", "wo", "job", "task", "service", "repair", "call"), NOT_A_DESCRIPTION),
        Rule("fault_description", 0.6, (_w("return", "returned", "repair", "service", "visit", "call", "contact"), _w("reason")), _w("for", "of", "the", "s"), NOT_A_DESCRIPTION - _w("reason")),
        Rule("fault_category", 0.85, (FAULTY, KIND), _w("s", "the", "of", "main", "sub"), _w("date", "time", "id", "no", "number", "#", "desc", "description")),
        Rule("fault_category", 0.7, (_w("category", "subcategory", "classification", "system", "subsystem", "majorsystem", "component", "assembly", "module", "comp"),), _w("major", "sub", "main", "the", "s", "affected", "fault", "failure"), _w("product", "item", "asset", "equipment", "device", "customer", "client", "request", "service", "ticket", "job", "work", "call", "cost", "price", "account", "user", "ci", "id", "no", "number", "date", "part", "operating")),
        Rule("fault_category", 0.6, (_w("failuremode", "fm"),), _w("failure", "mode")),
        Rule("request_type", 0.8, (SERVICE, _w("type", "kind", "class", "nature")), _w("s", "the", "of", "category"), _w("billing", "client", "customer", "contract", "date", "time", "id", "no", "payment")),
        Rule("fault_level", 0.9, (_w("priority", "prio", "pri", "wopriority"),), _w("fault", "failure", "incident", "ticket", "problem", "issue", "case", "call", "job", "wo", "work", "order", "level", "the", "s", "final", "current", "business"), _w("confirmation", "change", "count", "code", "date", "time", "id", "no", "matrix")),
        Rule("fault_level", 0.88, (_w("severity", "criticality", "sev"),), _w("fault", "failure", "incident", "ticket", "problem", "issue", "case", "call", "job", "wo", "work", "order", "level", "the", "s", "final", "current", "business"), _w("confirmation", "change", "count", "code", "date", "time", "id", "no", "matrix")),
        Rule("fault_level", 0.8, (_w("level", "grade"),), _w("fault", "failure", "incident", "problem", "issue", "severity", "priority", "urgency", "the"), _w("water", "oil", "fuel", "battery", "noise", "skill", "access", "service", "support", "stock", "date", "count")),
        Rule("fault_level", 0.6, (_w("urgency", "impact"),), _w("the", "business"), _w("count", "user", "users", "date")),
        Rule("channel", 0.85, (CHANNEL,), _w("contact", "report", "reporting", "request", "intake", "call", "ticket", "order", "complaint", "case", "the", "type", "incoming", "s"), _w("data", "file", "code", "system", "power", "light", "heat", "water", "funding", "lead")),
        Rule("channel", 0.85, (_w("contact", "reported", "received", "submitted", "logged", "raised"), _w("type", "via", "through", "channel", "method", "medium")), _w("the", "s")),
        Rule("channel", 0.8, (_w("how"), _w("reported", "received", "submitted", "logged", "raised", "contacted", "requested")), _w("the", "s", "call", "fault", "job", "request")),
        Rule("cause", 0.85, (_w("cause", "reason", "rootcause"),), _w("root", "fault", "failure", "problem", "breakdown", "damage", "main", "the", "s", "of", "probable"), _w("call", "visit", "delay", "change", "reopen", "cancel", "cancellation", "code", "by", "status", "case", "return", "returned", "contact", "hold", "pending", "rejection", "reject", "service", "repair")),
        Rule("action", 0.8, (_w("action", "remedy", "remedial", "solution", "treatment", "measure", "disposition", "correction", "corrective", "workdone"),), _w("taken", "the", "s", "repair", "corrective", "remedial", "work", "done"), _w("date", "time", "owner", "plan", "code", "by", "required", "item")),
        Rule("parts", 0.8, (_w("part", "spare", "spares", "material", "consumable", "component"),), _w("used", "replaced", "list", "required", "name", "spare", "item", "s", "the", "changed", "issued", "and", "consumed"), _w("cost", "price", "amount", "fee", "qty", "quantity", "no", "number", "id", "code", "category", "location", "sent", "through", "request", "indent", "#", "object", "affected", "type", "class")),
        Rule("parts_cost", 0.85, (_w("part", "spare", "material", "mat", "actmat"), COST | _w("total")), _w("s", "the", "total", "actual", "act"), _QUANTITY),
        Rule("labor_cost", 0.85, (_w("labor", "labour", "workmanship", "manpower", "service", "actlab", "lab", "lbr"), COST | _w("total")), _w("s", "the", "total", "actual", "act"), _QUANTITY),
        Rule("labor_cost", 0.8, (_w("lbrcost", "laborcost", "labourcost"),), _w("s", "the", "total", "actual")),
        Rule("fee_charged", 0.8, (_w("fee", "charged", "billed", "invoiced", "paid", "payment"),), _w("amount", "total", "customer", "service", "the", "s", "repair", "charge"), MONEY_NOT | _w("method", "mode", "by")),
        Rule("fee_charged", 0.75, (_w("charge", "invoice", "bill", "billing"), _w("amount", "total", "value", "amt")), _w("the", "s"), MONEY_NOT),
        Rule("loaner", 0.85, (_w("loaner", "loan", "courtesy", "backup", "substitute"),), _w("unit", "device", "machine", "phone", "car", "provided", "given", "issued", "the"), _w("date", "time", "no", "number", "id")),
        Rule("signed_off", 0.8, (_w("signed", "signature", "sign", "signoff", "signature"),), _w("customer", "client", "user", "off", "the", "by"), _w("date", "time", "job", "order", "pdf", "file", "image")),
        Rule("branch", 0.8, (_w("branch", "office", "depot", "station", "store", "outlet", "dealer", "dealership", "workshop", "servicecenter", "servicecentre", "siteid"),), _w("service", "repair", "name", "the", "s", "responsible", "center", "centre"), _w("client", "customer", "user", "address", "phone", "manager", "id", "no", "number", "head")),
        Rule("branch", 0.75, (_w("site"),), _w("the", "service", "name"), _w("client", "customer", "on", "visit", "arrival", "date", "time", "id", "no", "address", "contact", "location", "condition", "status", "state", "type", "code") | _LEFT),
        Rule("notes", 0.8, (_w("note", "remark", "comment", "memo", "annotation"),), _w("additional", "other", "general", "internal", "technician", "work", "engineer", "agent", "close", "closing", "resolution", "the", "s", "and"), _w("date", "time", "count", "by", "satisfaction")),
    ),
    "callbacks": (
        Rule("ticket_no", 0.85, (TICKET, ID), _w("s", "the", "of", "work", "service", "original"), _w("related", "parent", "kb", "change")),
        Rule("callback_at", 0.85, (_w("callback", "followup", "follow", "survey", "revisit", "contacted", "called", "return"), TIME), _w("up", "back", "call", "visit", "the", "s", "of"), NOT_A_MOMENT),
        Rule("caller", 0.8, (_w("caller", "agent", "surveyor", "interviewer", "operator", "staff", "called"),), _w("by", "name", "the", "s", "callback", "follow", "up", "survey"), NOT_A_PERSON - _w("caller")),
        Rule("caller", 0.75, (_w("followed", "follow", "followup", "called", "surveyed", "contacted", "callback"), _w("by")), _w("up", "back", "the", "name"), NOT_A_PERSON - _w("by")),
        Rule("satisfaction", 0.85, (_w("satisfaction", "satisfied", "rating", "csat", "evaluation", "score", "sat"),), _w("customer", "client", "level", "the", "s", "overall", "result", "service", "degree"), _w("comment", "date", "time", "by")),
        Rule("comments", 0.85, (_w("comment", "feedback", "opinion", "suggestion", "verbatim", "response"),), _w("customer", "client", "user", "the", "s", "satisfaction", "survey", "and"), _w("date", "time", "by", "score")),
        Rule("escalated_to", 0.85, (_w("escalated", "escalation", "escalate"),), _w("to", "the", "manager", "supervisor")),
        Rule("notes", 0.8, (_w("note", "remark", "memo", "annotation"),), _w("additional", "other", "general", "internal", "the", "s")),
    ),
    "sales": (
        Rule("serial_no", 0.85, (SERIAL, ID), _w("s", "the", "of", "factory", "unit"), _w("part", "model", "type", "order", "invoice", "customer", "contract")),
        Rule("serial_no", 0.85, (_w("serial", "sn", "vin", "imei", "esn"),), _w("s", "the", "of", "factory", "unit", "product", "equipment", "machine", "device")),
        Rule("product", 0.85, (_w("product", "item", "goods", "equipment", "device", "machine", "article"),), _w("name", "description", "desc", "the", "s"), _w("no", "number", "id", "code", "category", "type", "class", "serial", "sn", "model", "#", "group", "family", "line", "date", "qty", "quantity", "price")),
        Rule("model", 0.85, (_w("model", "spec", "specification", "variant"),), _w("no", "number", "name", "code", "the", "s", "#", "product"), _w("year", "date")),
        Rule("category", 0.75, (_w("category", "family", "line", "class", "group", "classification", "type"),), _w("product", "item", "equipment", "the", "s"), _w("customer", "client", "id", "no", "price", "payment", "date", "sale", "sales")),
        Rule("sale_date", 0.85, (_w("sale", "sold", "sell", "purchase", "purchased", "invoice", "invoiced", "ship", "shipped", "shipping", "delivery", "delivered", "dispatch", "dispatched", "order", "ordered", "bought"), TIME), _w("s", "the", "of"), _w("due", "expected", "planned", "update", "updated", "warranty", "expiry")),
        Rule("acceptance_date", 0.85, (_w("acceptance", "accepted", "install", "installation", "installed", "commissioning", "commissioned", "handover", "golive"), TIME), _w("s", "the", "of"), _w("due", "expected", "planned")),
        Rule("customer", 0.85, (_w("customer", "client", "buyer", "account", "enduser", "purchaser", "consignee", "organisation", "organization", "company", "hospital"),), _w("name", "the", "s", "end", "user"), _w("id", "no", "number", "code", "type", "phone", "contact", "address", "#", "email", "group", "category", "class")),
        Rule("contact", 0.85, (_w("contact"),), _w("person", "name", "the", "s"), _w("no", "number", "phone", "tel", "mobile", "email", "type", "id", "address")),
        Rule("phone", 0.85, (_w("phone", "tel", "telephone", "mobile", "cell", "cellphone", "handphone"),), _w("no", "number", "#", "contact", "the", "s", "customer", "client", "office", "main"), _w("model", "type")),
        Rule("fax", 0.85, (_w("fax"),), _w("no", "number", "#")),
        Rule("address", 0.85, (_w("address", "addr", "street"),), _w("the", "s", "customer", "client", "full", "delivery", "shipping", "postal", "mailing", "install", "installation"), _w("email", "ip", "mac", "web")),
        Rule("postcode", 0.85, (_w("postcode", "zip", "zipcode", "postal", "pincode", "pin"),), _w("code", "the")),
        Rule("branch", 0.8, (_w("branch", "office", "depot", "station", "store", "outlet", "dealer", "dealership", "site"),), _w("service", "sales", "name", "the", "s", "responsible"), _w("client", "customer", "address", "phone", "id", "no", "number")),
        Rule("contract_no", 0.85, (_w("contract", "agreement"),), ID | _w("the", "s"), _w("date", "type", "status", "value", "amount")),
        Rule("notes", 0.8, (_w("note", "remark", "comment", "memo", "annotation"),), _w("additional", "other", "general", "internal", "the", "s")),
    ),
}  # fmt: skip

# Whole headers (after `normalize_label`) whose meaning is settled by the
# systems that write them. Weights: 0.9 a system's own field for the key,
# 0.8 a common spelling, 0.6 a bare word that needs its column to agree
# (`id`, `no.`, `#`: an identifier when the values are unique).
EXACT: dict[str, tuple[tuple[str, float, tuple[str, ...]], ...]] = {
    "repairs": (
        ("ticket_no", 0.9, ("number", "wonum", "issue key", "issuekey", "key", "ticket", "case", "incident", "rma", "wo#", "wo", "work order", "workorder", "job", "jobno", "ticketid", "caseid", "incidentid", "callid", "srno", "sr#", "rma#", "claim#", "case#", "ticket#", "job#", "ro#")),
        ("ticket_no", 0.8, ("notification", "repair order", "service order", "work request", "service request", "ro", "docket")),
        ("ticket_no", 0.6, ("id", "no", "#", "nr", "num", "ref", "reference")),
        ("reported_at", 0.75, ("service date", "maintenance date", "date of service", "visit date", "job date", "work date", "date in", "in date", "checked in", "check in date")),
        ("resolved_at", 0.7, ("date out", "out date", "checked out", "check out date")),
        ("reported_at", 0.9, ("opened_at", "opened", "created", "created_at", "createdat", "createdon", "created on", "sys_created_on", "reportdate", "report date", "date reported", "opening date", "opening_date", "date opened", "request date", "requested", "received", "logged", "raised", "date created", "creation date", "complaint date", "complaint_date", "claim date", "failure date", "date of failure", "call date", "call time", "incident date", "fault date", "error date", "breakdown date", "start date", "start", "started", "bscstartdate", "basic start date", "reported")),
        ("reported_at.date", 0.7, ("date", "日期", "day")),
        ("reported_at.time", 0.7, ("time", "start time", "starttime", "time reported", "opening_time", "opening time")),
        ("resolved_at", 0.9, ("resolved_at", "resolved", "solved at", "solved", "resolution date", "resolution_date", "date resolved", "resolved date", "resolved time", "fixed", "fixed at", "date fixed", "completed", "completed at", "completion date", "date completed", "finish date", "actfinish", "actual finish", "end date", "repair date", "date repaired")),
        ("resolved_at", 0.65, ("closed_at", "closed", "close date", "closed date", "date closed", "closed time", "closure date", "close time")),
        ("resolved_at.time", 0.7, ("end time", "endtime", "finish time", "end", "finish", "stop time")),
        ("responded_at", 0.85, ("firstresponse", "first response", "first responded on", "first_responded_on", "responded", "response time", "responded at", "first response time", "acknowledged at", "acknowledged")),
        ("on_site_at", 0.85, ("arrival", "arrived", "on site", "onsite", "arrival time", "time on site")),
        ("channel", 0.85, ("contact_type", "contact type", "source", "via", "channel", "origin", "request source", "reported via", "intake")),
        ("request_type", 0.9, ("issue type", "issue_type")),
        ("request_type", 0.8, ("ticket type", "request type", "service type", "call type", "worktype", "work type", "wo type", "maintenance type", "maintenance_type", "job type", "type of service")),
        ("fault_level", 0.9, ("priority", "wopriority", "prio", "urgency level")),
        ("fault_level", 0.88, ("severity", "sev")),
        ("fault_category", 0.8, ("category", "subcategory", "problem code", "problemcode", "failure code", "failurecode", "fault code", "failure class", "failureclass", "component", "components", "system", "majorsystem", "help topic", "helptopic", "symptom code", "object part", "damage code")),
        ("fault_description", 0.85, ("work requested", "work request", "requested work", "request description", "request details", "service requested", "problem reported", "reported problem", "reported issue", "issue reported", "fault reported", "nature of problem", "nature of complaint", "reason for return", "return reason")),
        ("fault_description", 0.9, ("short_description", "short description", "description", "summary", "complaint", "customer complaint", "problem description", "issue description", "fault description", "failure description", "symptom", "u_symptom", "details", "originalshorttext", "shorttext", "short text", "desc")),
        ("technician", 0.85, ("assigned_to", "assigned to", "assignee", "technician", "engineer", "lead", "service_person", "service person", "agent", "assigned user", "assigned users")),
        ("technician", 0.8, ("resolved_by", "resolved by", "completed by", "performed by", "fixed by", "repaired by")),
        ("cause", 0.85, ("cause", "root cause", "causecode", "cause code", "failure cause")),
        ("action", 0.8, ("action", "action taken", "remedy", "correction", "corrective action", "resolution_details", "work_done", "work done")),
        ("parts", 0.8, ("parts", "parts used", "spare parts", "materials", "material", "part")),
        ("parts_cost", 0.85, ("parts cost", "material cost", "actmatcost", "parts amount")),
        ("labor_cost", 0.85, ("labor cost", "labour cost", "actlabcost", "labor amount", "labour amount")),
        ("fee_charged", 0.8, ("fee", "charged", "amount charged", "total charged", "amount paid")),
        ("branch", 0.8, ("branch", "office", "depot", "siteid", "site", "service center", "service centre", "dealer", "workshop")),
        ("notes", 0.85, ("notes", "note", "remarks", "remark", "comments", "comment", "memo", "close_notes", "close notes", "work notes", "work_notes")),
        ("serial_no", 0.85, ("serial", "serial no", "serial number", "serial_no", "sn", "s/n", "vin", "imei", "esn", "cmdb_ci_serial")),
        ("serial_no", 0.8, ("assetnum", "asset", "asset no", "asset id", "asset number", "asset tag", "equipment no", "equipment id", "machine no", "unit no")),
    ),
    "callbacks": (
        ("ticket_no", 0.9, ("number", "ticket", "case", "ticket id", "case id", "ticket#", "case#", "call id")),
        ("ticket_no", 0.6, ("id", "no", "#", "ref")),
        ("callback_at", 0.85, ("callback", "call date", "survey date", "follow up date", "followup date", "callback date", "callback time")),
        ("callback_at.date", 0.7, ("date", "日期")),
        ("callback_at.time", 0.7, ("time", "时间")),
        ("caller", 0.8, ("caller", "agent", "called by", "surveyor")),
        ("satisfaction", 0.85, ("satisfaction", "satisfaction rating", "satisfaction score", "rating", "csat")),
        ("comments", 0.85, ("comments", "comment", "feedback", "satisfaction comment", "customer comments")),
        ("escalated_to", 0.85, ("escalated to", "escalation")),
        ("notes", 0.85, ("notes", "note", "remarks", "remark", "memo")),
    ),
    "sales": (
        ("serial_no", 0.9, ("serial", "serial no", "serial number", "sn", "s/n", "vin", "imei", "esn")),
        ("product", 0.85, ("product", "product name", "item", "item name", "item_name", "equipment")),
        ("model", 0.85, ("model", "model no", "model number", "item code", "item_code")),
        ("category", 0.8, ("category", "product category", "item group", "item_group", "product line")),
        ("sale_date", 0.85, ("sale date", "date sold", "sold", "sold on", "purchase date", "invoice date", "ship date", "delivery date", "posting_date")),
        ("sale_date", 0.7, ("date",)),
        ("acceptance_date", 0.85, ("acceptance", "installation date", "install date", "installed", "commissioning date")),
        ("customer", 0.85, ("customer", "customer name", "client", "buyer", "account", "end user", "customer_name")),
        ("contact", 0.85, ("contact", "contact person", "contact name")),
        ("phone", 0.85, ("phone", "tel", "telephone", "mobile", "phone number", "mobile no")),
        ("address", 0.85, ("address",)),
        ("postcode", 0.85, ("postcode", "zip", "zip code", "postal code")),
        ("branch", 0.8, ("branch", "office", "site", "depot", "dealer")),
        ("contract_no", 0.85, ("contract", "contract no")),
        ("notes", 0.85, ("notes", "note", "remarks", "remark", "comments", "memo")),
    ),
}  # fmt: skip
