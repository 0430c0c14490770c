"""Read a legacy header: which keys it could name, and how strongly.

A header is looked up, most certain first:
1. whole, in the schema (its labels and keys: 1.0; its aliases: 0.95) and
   in the lexicon's exact headers (`EXACT`, `EXACT_ZH`: their weight);
2. by the lexicon's rules: English words (`Date Completed` -> resolved_at)
   and Chinese patterns (`停机时间` -> reported_at). A rule's weight is
   scaled by how much of the header it explains, so that a long header
   with one known word is weak evidence (`Problem Latest Impact` is not
   surely a fault level);
3. fuzzy spelling (rapidfuzz) is computed only to show the clerk the nearest
   keys of a column left unmapped: it never maps a column by itself.

Joined multi-row headers are looked up by every form `label_forms` gives
(`时间 / 报修` as `时间报修`, `报修时间`, then `报修`); a form that drops a part
costs 0.05.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from sheetdesk.io.values import fold
from sheetdesk.legacy.header import label_forms
from sheetdesk.legacy.lexicon import ABBREVIATIONS, EN_RULES, EXACT, Rule, ZhRule
from sheetdesk.legacy.lexicon_zh import EXACT_ZH, ZH_RULES, ZH_SUBJECTS
from sheetdesk.schema import Register, normalize_label

FUZZY_WEIGHT = 0.45  # at most: below every threshold that maps a column
FUZZY_CUTOFF = 75  # spellings less alike than this are not worth showing
_BRACKETS = re.compile(r"[(（\[【〔<《][^)）\]】〕>》]*[)）\]】〕>》]")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD = re.compile(r"[a-z0-9]+|#")
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])['’](?=[A-Za-z])")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class LabelHit:
    """One key a header may name: `target` is `key` or `key.date` / `key.time`."""

    target: str
    weight: float
    kind: str  # label | schema alias | lexicon | rule | fuzzy
    form: str  # what matched: the spelling, or the words a rule used
    order: float = 0.0  # breaks a tie between equal claims: the lexicon's weight of this meaning

    def __post_init__(self) -> None:
        if not self.order:
            object.__setattr__(self, "order", self.weight)

    @property
    def key(self) -> str:
        return self.target.partition(".")[0]


def core(text: str) -> str:
    """The header without bracketed units and trailing marks: `停机时长（h）` -> `停机时长`. A bracket that
    holds the header's head is read as part of it: `完工（时间）` is `完工时间`, `Fixed (date)` is `Fixed date`,
    and a date format (`报修(yyyy-mm-dd)`, `维修（年/月/日）`) names a date."""
    s = _BRACKETS.sub(_head_or_blank, fold(text)).strip(" ?？:：*＊")
    return s or fold(text)


# What a bracket may hold that is the header's head, not a unit: a moment's word or a date / time format.
_HEAD_WORD = re.compile(
    r"^\s*(时间|日期|时刻|日期时间|时间点|date|time|datetime|date\s*/\s*time|date\s*&\s*time)\s*$", re.I
)
_FORMAT = re.compile(r"^[\sYyMmDdHhSs年月日时分秒:：/\-.]+$")
_HAS_HEAD = re.compile(r"(时间|日期|时刻|date|time|datetime|timestamp)\s*$", re.I)


def _head_or_blank(m: re.Match[str]) -> str:
    inner = m.group(0)[1:-1]
    before = m.string[: m.start()]
    head = _HEAD_WORD.match(inner)
    if head is None and _FORMAT.match(inner) and re.search(r"yy|dd|年.*[月日]|月.*日", inner, re.I):
        head_text = "日期" if _CJK.search(before) else "date"
    elif head is None and _FORMAT.match(inner) and re.search(r"hh.*mm|时.*分", inner, re.I):
        head_text = "时间" if _CJK.search(before) else "time"
    elif head is not None:
        head_text = head.group(1)
    else:
        return " "
    if _HAS_HEAD.search(before) or not before.strip():
        return " "  # `报修日期(yyyy-mm-dd)`: the head is there already
    return head_text if _CJK.search(head_text) else " " + head_text + " "


def words(text: str) -> list[str]:
    """English words of a header: camelCase and snake_case split, abbreviations spelled out (`Rec'd`,
    `1st Resp.`), simple plurals made singular."""
    s = re.sub(r"\(s\)", "", fold(text), flags=re.I)
    s = _CAMEL.sub(" ", s.replace("&", " and "))
    s = _APOSTROPHE.sub("", s)  # `Rec'd`, `Mat'ls`: one word
    out = []
    for w in _WORD.findall(s.lower()):
        w = ABBREVIATIONS.get(w, w)
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in _PLURAL_MEANING:
            out.append(w[:-1])
        else:
            out.append(w)
    return out


# Plurals whose singular means something else to the rules (`days` is a duration).
_PLURAL_MEANING = frozenset({"days", "hours", "mins", "secs", "hrs"})


@lru_cache(maxsize=8)
def exact_table(register: Register) -> dict[str, tuple[str, float, str]]:
    """Folded whole header -> (target, weight, kind); the strongest entry of a spelling wins."""
    table: dict[str, tuple[str, float, str]] = {}
    for f in register.fields:
        for spelling in (f.key, f.en, f.zh):
            table.setdefault(normalize_label(spelling), (f.key, 1.0, "label"))
    for f in register.fields:
        for spelling in f.aliases:
            table.setdefault(normalize_label(spelling), (f.key, 0.95, "schema alias"))
    rows = sorted(EXACT.get(register.key, ()) + EXACT_ZH.get(register.key, ()), key=lambda r: -r[1])
    for target, weight, spellings in rows:
        for spelling in spellings:
            table.setdefault(normalize_label(spelling), (target, weight, "lexicon"))
    return table


@lru_cache(maxsize=8)
def lexicon_order(register: Register) -> dict[tuple[str, str], float]:
    """(folded header, target) -> the lexicon's weight, where the schema lists spellings flatly: `Priority`
    and `Severity` are both aliases of the fault level, and a log with both takes its level from the
    priority (what sets the SLA)."""
    rows = EXACT.get(register.key, ()) + EXACT_ZH.get(register.key, ())
    return {(normalize_label(sp), target): weight for target, weight, spellings in rows for sp in spellings}


def read_label(parts: list[str], register: Register) -> list[LabelHit]:
    """Every key the header may name, strongest first (one hit per target)."""
    hits: dict[str, LabelHit] = {}

    def keep(hit: LabelHit) -> None:
        old = hits.get(hit.target)
        if old is None or hit.weight > old.weight:
            hits[hit.target] = hit

    table = exact_table(register)
    joined = len(parts) > 1
    money = is_money(parts)
    spellings = [(n, form) for n, whole in enumerate(label_forms(parts)) for form in (whole, *halves(whole))]
    for n, form in spellings:
        cost = 0.05 if n and joined else 0.0
        forms = (form, core(form), money_form(form)) if money else (form, core(form))
        for spelling in dict.fromkeys(forms):
            found = table.get(normalize_label(spelling))
            if found is not None:
                target, weight, kind = found
                order = lexicon_order(register).get((normalize_label(spelling), target), weight)
                keep(LabelHit(target, round(weight - cost, 3), kind, spelling, order))
        for spelling in dict.fromkeys((form, money_form(form)) if money else (form,)):
            for hit in rule_hits(spelling, register):
                keep(LabelHit(hit.target, round(hit.weight - cost, 3), hit.kind, hit.form))
    if any(_DURATION_UNIT.search(u) for part in parts for u in _BRACKETS.findall(fold(part))):
        hits = {t: h for t, h in hits.items() if not _is_moment(h.key, register)}
    if money:  # `Parts ($)` is what the parts cost, not the parts
        hits = {t: h for t, h in hits.items() if _is_amount(h.key, register)}
    return sorted(hits.values(), key=lambda h: -h.weight)


def halves(form: str) -> tuple[str, ...]:
    """A bilingual header's two halves, each read alone: `停机时间 Down Time` says the same thing twice, so
    neither half makes the other a weak partial match. Only a Chinese run and a Latin run apart (a space, `/`,
    `|` or a line break between them); `VIN码` and `设备序列号(S/N)` are one header."""
    masked = _BRACKETS.sub(lambda m: " " * len(m.group(0)), form)  # brackets hold units, not a half
    m = _TWO_HALVES.match(masked)
    if m is None:
        return ()
    cut = m.end(1) if m.group(1) is not None else m.end(2)
    while cut < len(form) and masked[cut] == " " and not form[cut].isspace():
        cut += 1  # a bracket right after the first half is its unit: `费用(元) Cost`
    first, second = form[:cut].strip(" /|｜"), form[cut:].strip(" /|｜")
    return (first, second) if first and second else ()


_TWO_HALVES = re.compile(
    r"^\s*([^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*?)[\s/|｜]+(?=[A-Za-z#])[^\u3400-\u9fff]*[A-Za-z]{2}[^\u3400-\u9fff]*$"
    r"|^\s*([^\u3400-\u9fff]*[A-Za-z]{2}[^\u3400-\u9fff]*?)[\s/|｜]+(?=[\u3400-\u9fff])[^A-Za-z]*$"
)


# A currency in a header makes it an amount of money: `Labor ($)`, `Parts £`, `材料（元）`, `Cost (USD)`.
_CURRENCY_SIGN = re.compile(r"[$£€¥￥]")
_CURRENCY_UNIT = re.compile(
    r"(^|[^a-z])(usd|eur|gbp|rmb|cny|aud|cad|nzd|hkd|sgd|inr|jpy|dollars?|pounds?|euros?|yuan)([^a-z]|$)|元|人民币",
    re.I,
)
_MONEY_HEAD_ZH = re.compile(r"(费|费用|金额|款|价|价格|价款|额|合计|成本|收费|实收|应收)$")


def is_money(parts: list[str]) -> bool:
    return any(
        _CURRENCY_SIGN.search(part) or any(_CURRENCY_UNIT.search(u) for u in _BRACKETS.findall(fold(part)))
        for part in parts
    )


def money_form(form: str) -> str:
    """The header read as an amount: `Labor ($)` -> `Labor amount`, `材料（元）` -> `材料费用`."""
    text = _CURRENCY_SIGN.sub(" ", core(form)).strip() or core(form)
    if _CJK.search(text):
        return text if _MONEY_HEAD_ZH.search(normalize_label(text)) else text + "费用"
    return text if "amount" in words(text) else text + " amount"


def _is_amount(key: str, register: Register) -> bool:
    f = register.field(key) if key in register.keys else None
    return f is not None and f.type in ("number", "integer")


# A unit in brackets makes the header a duration: `Resolution time (in hrs)`, `响应时间（小时）`.
_DURATION_UNIT = re.compile(
    r"(^|[^a-z])(h|hr|hrs|hour|hours|min|mins|minute|minutes|sec|secs|s|d|day|days|week|weeks)([^a-z]|$)"
    r"|小时|分钟|分|秒|天|日数|工时",
    re.I,
)


def _is_moment(key: str, register: Register) -> bool:
    f = register.field(key) if key in register.keys else None
    return f is not None and f.type in ("date", "datetime")


def rule_hits(text: str, register: Register) -> list[LabelHit]:
    """The lexicon's rules that the header satisfies, weighted by how much of it they explain."""
    out: list[LabelHit] = []
    tokens = words(core(text))
    if tokens:
        pairs = {a + b: (i, i + 1) for i, (a, b) in enumerate(zip(tokens, tokens[1:], strict=False))}
        for rule in EN_RULES.get(register.key, ()):
            hit = _english(rule, tokens, pairs)
            if hit is not None:
                out.append(hit)
    text_zh = normalize_label(core(text))
    if _CJK.search(text_zh):
        for zrule in ZH_RULES.get(register.key, ()):
            hit = _chinese(zrule, text_zh)
            if hit is not None:
                out.append(hit)
    return out


def rule_weight(weight: float, explained: float) -> float:
    """A rule explaining only part of a header counts for less."""
    return round(weight * (0.4 + 0.6 * explained), 3)


def _english(rule: Rule, tokens: list[str], pairs: dict[str, tuple[int, int]]) -> LabelHit | None:
    present = set(tokens)
    if (present | pairs.keys()) & rule.veto:  # `Down Time` is `downtime`: a duration
        return None
    used: set[int] = set()
    matched: list[str] = []
    for group in rule.need:
        found = [i for i, t in enumerate(tokens) if t in group and i not in used]
        if found:
            used.add(found[0])
            matched.append(tokens[found[0]])
            continue
        pair = next((span for word, span in pairs.items() if word in group and not set(span) & used), None)
        if pair is None:
            return None
        used.update(pair)
        matched.append(tokens[pair[0]] + tokens[pair[1]])
    allowed = rule.also | frozenset().union(*rule.need)
    first = min(used) if rule.head_final else 0  # the words in front of a head name what it belongs to
    explained = sum(1 for i, t in enumerate(tokens) if i < first or i in used or t in allowed) / len(tokens)
    if rule.whole and explained < 1:
        return None
    return LabelHit(rule.target, rule_weight(rule.weight, explained), "rule", " + ".join(matched))


def _chinese(rule: ZhRule, text: str) -> LabelHit | None:
    if rule.veto and re.search(rule.veto, text):
        return None
    m = re.search(rule.pattern, text)
    if m is None:
        return None
    start = m.start()
    while (before := _SUBJECT_BEFORE.search(text, 0, start)) is not None:  # `故障` of `故障处理时间`
        start = before.start()
    explained = (m.end() - start) / len(text)
    return LabelHit(rule.target, rule_weight(rule.weight, explained), "rule", m.group(0))


_SUBJECT_BEFORE = re.compile(f"(?:{ZH_SUBJECTS})$")


def fuzzy_hits(label: str, register: Register, limit: int = 2) -> list[LabelHit]:
    """The nearest known spellings of a header (shown for unmapped columns only)."""
    query = normalize_label(label)
    if len(query) < 3:
        return []
    table = exact_table(register)
    choices = [s for s in table if len(s) >= 3]
    found = process.extract(query, choices, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=FUZZY_CUTOFF)
    out: dict[str, LabelHit] = {}
    for spelling, score, _ in found:
        target = table[spelling][0]
        if target not in out:
            out[target] = LabelHit(target, round(FUZZY_WEIGHT * score / 100, 2), "fuzzy", spelling)
    return list(out.values())[:limit]


def names_a_key(parts: list[str], register: Register, floor: float = 0.6) -> str | None:
    """The key a header most likely names (for finding the header), or None."""
    hits = read_label(parts, register)
    return hits[0].key if hits and hits[0].weight >= floor else None
