"""Map source columns to template keys, strongest evidence first.

1. A mapping file's entries (confidence 1.0) are taken as they are.
2. Labels: the schema's labels (1.0) and aliases (0.95), then the curated
   synonym table (0.6-0.9), looked up by every form of a joined header.
3. Two columns claiming one key: the stronger claim wins, then the leftmost;
   the other is kept in notes and the decision is reported. A date-only
   column and a time column of one datetime field combine (`日期` +
   `开始时间` -> reported_at).
4. A label's mapping must fit the values: a "datetime" column of bare times
   is the time part (decided before 3); a typed column whose values mostly do not read as
   its type (故障原因 holding codes 9, 10) is kept in notes instead.
5. Content sniffing for keys still free: dates, times, enums (fault levels
   I-IV / 一级 / 1-4 / "2 - High", channels, satisfaction...), phones.
6. Fuzzy label matching (rapidfuzz, score >= 85) as a last resort.
Columns left over are kept: appended to notes as "label: value". A column of
row numbers (0, 1, 2...) is skipped, a column with no label and no values is
ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from sheetdesk.errors import InputError
from sheetdesk.legacy.header import label_forms
from sheetdesk.legacy.mapfile import MapFile, resolve_column
from sheetdesk.legacy.result import ColumnMap, Decision
from sheetdesk.legacy.sniff import Profile, mostly_times, parse_rate
from sheetdesk.legacy.synonyms import label_lookup
from sheetdesk.legacy.table import Layout
from sheetdesk.legacy.targets import KEEP, PRIMARY_DATE, PRIMARY_DATETIME, SKIP, Target, field_of
from sheetdesk.report import column_letter
from sheetdesk.schema import Register, normalize_label

FUZZY_CUTOFF = 85
_DIGITS = re.compile(r"^\d+(\.0+)?$")
MIN_PARSE_RATE = 0.5


@dataclass
class Claim:
    col: int
    target: Target
    confidence: float
    evidence: str
    source: str


def label_matcher(register: Register, mapfile: MapFile | None = None) -> Callable[[list[str]], str | None]:
    """parts -> the target a joined header names (None if nothing we know)."""
    lookup = label_lookup(register)
    wanted = {normalize_label(ref) for ref in (mapfile.columns if mapfile else {})}

    def matches(parts: list[str]) -> str | None:
        for form in label_forms(parts):
            folded = normalize_label(form)
            if folded in wanted:
                return "mapping file: " + folded
            if folded in lookup:
                return lookup[folded][0]
        return None

    return matches


def match_label(parts: list[str], lookup: dict[str, tuple[str, float, str]], register: Register) -> Claim | None:
    for n, form in enumerate(label_forms(parts)):
        hit = lookup.get(normalize_label(form))
        if hit is None:
            continue
        target_text, confidence, kind = hit
        from sheetdesk.legacy.targets import parse_target

        target = parse_target(target_text, register)
        joined = len(parts) > 1
        evidence = f"{kind} '{form}'" + (f" (joined header '{' / '.join(parts)}')" if joined else "")
        return Claim(-1, target, confidence - (0.05 if n and joined else 0.0), evidence, kind)
    return None


def slots(target: Target, register: Register) -> set[str]:
    f = field_of(target, register)
    if f is not None and f.type == "datetime" and target.part == "value":
        return {"date", "time"}
    return {target.part}


def map_columns(
    layout: Layout, profiles: list[Profile], register: Register, mapfile: MapFile | None
) -> tuple[list[ColumnMap], list[Decision]]:
    decisions: list[Decision] = []
    width = len(profiles)
    locked: dict[int, Claim] = {}
    if mapfile is not None:
        for ref, target in mapfile.columns.items():
            col = resolve_column(ref, layout, mapfile)
            locked[col] = Claim(col, target, 1.0, f"mapping file ({mapfile.path.name})", "mapping file")
    taken: dict[str, set[str]] = {}
    for claim in sorted(locked.values(), key=lambda c: c.col):
        if claim.target.is_field:
            need = slots(claim.target, register)
            if claim.target.key != "notes" and taken.get(claim.target.key, set()) & need:
                assert mapfile is not None
                raise InputError(
                    mapfile.path,
                    f"two columns are mapped to {claim.target.key} "
                    f"(the second is '{layout.label(claim.col)}'); map one of them to keep",
                )
            taken.setdefault(claim.target.key, set()).update(need)

    lookup = label_lookup(register)
    claims: list[Claim] = []
    for col in range(width):
        if col in locked or not layout.parts[col]:
            continue
        found = match_label(layout.parts[col], lookup, register)
        if found is not None:
            found.col = col
            f = field_of(found.target, register)
            if f is not None and f.type == "datetime" and found.target.part == "value" and mostly_times(profiles[col]):
                found.target = Target(found.target.key, "time")
                found.evidence += "; its values are times of day"
            claims.append(found)
    accepted = _resolve(claims, taken, profiles, register, layout, decisions)
    accepted = _check_values(accepted, taken, profiles, register, layout, decisions)
    accepted.update(locked)

    free_cols = [c for c in range(width) if c not in accepted]
    for col in free_cols:
        sniffed = _sniff(col, profiles[col], taken, register)
        if sniffed is not None:
            accepted[col] = sniffed
            _take(taken, sniffed.target, register)
    for col in [c for c in free_cols if c not in accepted and layout.parts[c]]:
        fuzzy = _fuzzy(col, layout, taken, register, profiles[col])
        if fuzzy is not None:
            accepted[col] = fuzzy
            _take(taken, fuzzy.target, register)

    columns: list[ColumnMap] = []
    for col in range(width):
        p = profiles[col]
        label = layout.label(col)
        chosen = accepted.get(col)
        if chosen is None:
            if not layout.parts[col] and p.n == 0:
                continue  # a phantom column: no label, no values
            if p.index:
                chosen = Claim(
                    col,
                    Target(SKIP),
                    0.9,
                    f"row numbers {p.samples[0]}, {p.samples[1]}, ... (a spreadsheet index)",
                    "index",
                )
            else:
                chosen = Claim(col, Target(KEEP), 0.0, "no matching key: kept in notes as 'label: value'", "unmapped")
        columns.append(
            ColumnMap(
                col,
                column_letter(col),
                label,
                chosen.target,
                chosen.confidence,
                chosen.evidence,
                chosen.source,
                list(p.samples),
            )
        )
    return columns, decisions


def _take(taken: dict[str, set[str]], target: Target, register: Register) -> None:
    if target.is_field:
        taken.setdefault(target.key, set()).update(slots(target, register))


def _resolve(
    claims: list[Claim],
    taken: dict[str, set[str]],
    profiles: list[Profile],
    register: Register,
    layout: Layout,
    decisions: list[Decision],
) -> dict[int, Claim]:
    """Keep the strongest claim per key (and per date/time part)."""
    accepted: dict[int, Claim] = {}
    by_key: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.target.is_field:
            by_key.setdefault(claim.target.key, []).append(claim)
        else:
            accepted[claim.col] = claim
    for key, group in by_key.items():
        group.sort(key=lambda c: (-c.confidence, c.col))
        used = taken.setdefault(key, set())
        winners: list[Claim] = []
        for claim in group:
            need = slots(claim.target, register)
            if (
                need == {"date", "time"}
                and "time" in used
                and "date" not in used
                and not _has_times(profiles[claim.col])
            ):
                claim.target = Target(key, "date")
                need = {"date"}
            if need == {"time"} and "time" in used and "date" in used:
                # A whole datetime column already took the time; if its values are dates
                # only, it becomes the date part and this column gives the time.
                whole = next((w for w in winners if w.target.part == "value"), None)
                if whole is not None and not _has_times(profiles[whole.col]):
                    whole.target = Target(key, "date")
                    used.discard("time")
            if need & used:
                winner = next((w for w in winners if slots(w.target, register) & need), None)
                by = f"'{layout.label(winner.col)}'" if winner else "the mapping file"
                decisions.append(
                    Decision(
                        "mapping.conflict",
                        f"'{layout.label(claim.col)}' also looks like {claim.target} "
                        f"({claim.evidence}); {by} is stronger, so this column is kept in notes",
                        layout.label(claim.col),
                    )
                )
                continue
            used.update(need)
            winners.append(claim)
            accepted[claim.col] = claim
    return accepted


def _has_times(p: Profile) -> bool:
    return p.with_time > 0 and p.share(p.with_time) >= 0.2


def _check_values(
    accepted: dict[int, Claim],
    taken: dict[str, set[str]],
    profiles: list[Profile],
    register: Register,
    layout: Layout,
    decisions: list[Decision],
) -> dict[int, Claim]:
    """Labels must fit values: bare times become time parts, misfits go to notes."""
    result: dict[int, Claim] = {}
    for col, claim in accepted.items():
        p = profiles[col]
        f = field_of(claim.target, register)
        rate = parse_rate(p, claim.target, f)
        if f is not None and p.n and rate < MIN_PARSE_RATE:
            decisions.append(
                Decision(
                    "mapping.values_do_not_fit",
                    f"'{layout.label(col)}' looks like {claim.target} by its label, but only {rate:.0%} of its "
                    f"values read as {f.en + ' choices' if f.enum else f.type} (e.g. {', '.join(p.samples[:2])}); "
                    "kept in notes instead",
                    layout.label(col),
                )
            )
            taken[claim.target.key] -= slots(claim.target, register)
            claim = Claim(
                col, Target(KEEP), 0.0, f"label suggested {claim.target} but the values do not fit", "unmapped"
            )
        result[col] = claim
    return result


def _free(taken: dict[str, set[str]], key: str, need: set[str]) -> bool:
    return not (taken.get(key, set()) & need)


def _sniff(col: int, p: Profile, taken: dict[str, set[str]], register: Register) -> Claim | None:
    if p.n == 0 or p.index:
        return None
    primary = PRIMARY_DATETIME.get(register.key)
    if primary and p.share(p.dates) >= 0.9 and _free(taken, primary, {"date", "time"}):
        target = Target(primary) if _has_times(p) else Target(primary, "date")
        return Claim(col, target, 0.6, f"content: {p.share(p.dates):.0%} of values are dates", "content")
    date_key = PRIMARY_DATE.get(register.key)
    if date_key and p.share(p.dates) >= 0.9 and _free(taken, date_key, {"value"}):
        return Claim(col, Target(date_key), 0.6, f"content: {p.share(p.dates):.0%} of values are dates", "content")
    if primary and mostly_times(p) and taken.get(primary) == {"date"}:
        return Claim(
            col,
            Target(primary, "time"),
            0.55,
            f"content: {p.share(p.times):.0%} of values are times, beside the {primary} date",
            "content",
        )
    for f in register.fields:
        if f.enum is None or f.type == "yesno" or not _free(taken, f.key, {"value"}):
            continue
        hits = p.enum_hits.get(f.key, 0)
        if f.key == "fault_level" and all(_DIGITS.match(v) for v in p.values):
            continue  # 1, 2, 3 alone may be a count: a level column needs a label or I-IV / 一级 / "2 - High"
        if p.share(hits) >= 0.9 and len(p.values) >= 2:
            return Claim(
                col,
                Target(f.key),
                0.6,
                f"content: {p.share(hits):.0%} of values are {f.en} values ({', '.join(p.samples[:3])})",
                "content",
            )
    if "phone" in register.keys and p.share(p.phones) >= 0.8 and _free(taken, "phone", {"value"}):
        return Claim(
            col, Target("phone"), 0.6, f"content: {p.share(p.phones):.0%} of values are phone numbers", "content"
        )
    return None


def _fuzzy(col: int, layout: Layout, taken: dict[str, set[str]], register: Register, p: Profile) -> Claim | None:
    lookup = label_lookup(register)
    from sheetdesk.legacy.targets import parse_target

    choices = {}
    for spelling, (target_text, _conf, _kind) in lookup.items():
        target = parse_target(target_text, register)
        if target.is_field and _free(taken, target.key, slots(target, register)) and len(spelling) >= 3:
            choices[spelling] = target
    if not choices:
        return None
    query = normalize_label(layout.label(col))
    if len(query) < 3:
        return None
    best = process.extractOne(query, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is None:
        return None
    spelling, score, _ = best
    target = choices[spelling]
    if parse_rate(p, target, field_of(target, register)) < MIN_PARSE_RATE:
        return None
    return Claim(
        col, target, round(0.6 * score / 100, 2), f"fuzzy: '{layout.label(col)}' ~ '{spelling}' ({score:.0f}%)", "fuzzy"
    )
