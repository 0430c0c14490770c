"""Map source columns to template keys by evidence, precision first.

1. A mapping file's entries (confidence 1.0) are taken as they are.
2. Every column's header is read (`labels`): schema labels and aliases, the
   lexicon's exact headers and rules. Each key it may name becomes a claim,
   scored `header weight x (0.75 + 0.25 x fit)` (`0.5 + 0.5 x fit` for choices), where `fit` is how well the
   values fit the key (`evidence`). A claim whose values plainly do not fit
   (dates under a person's header, free text under a choice) is dropped and
   the Import Report says why.
3. Claims are granted strongest first, where strength also counts how full
   the column is (`rank = score x (0.6 + 0.4 x fill)`): a column filled in 5
   of 1,023 rows does not win a key over a full one. A claim needs a score of
   at least `THRESHOLD`; one key takes one column, except that a date-only
   column and a time column of one date-and-time key combine
   (`日期` + `开始时间` -> reported_at).
4. Content alone, for keys still free: the register's main date when exactly
   one unclaimed column holds dates, a time column beside it, choices whose
   values say what they are (`I`-`IV`, `一级`, `Phone`/`Email`), phone
   numbers, and a unique identifier column as the ticket number.
5. Fuzzy spelling never maps a column.
What is left is kept in notes as "header: value", with its best candidates and
their scores in the Import Report: a wrong value is worse than a blank one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sheetdesk.errors import InputError
from sheetdesk.i18n import Bound, Msg
from sheetdesk.legacy.counterpart import end_of_step, whole_or_date
from sheetdesk.legacy.evidence import content_choice, content_phone, fit, is_identifier, pct
from sheetdesk.legacy.header import label_text
from sheetdesk.legacy.labels import LabelHit, core, fuzzy_hits, read_label, words
from sheetdesk.legacy.lexicon import CLOSED, DEADLINE, NOT_A_MOMENT, ON_SITE, RESOLVED, RESPONDED
from sheetdesk.legacy.lexicon_zh import NOT_A_MOMENT_ZH
from sheetdesk.legacy.mapfile import MapFile, resolve_column
from sheetdesk.legacy.moments import always_earlier
from sheetdesk.legacy.result import Candidate, ColumnMap, Decision, target_title
from sheetdesk.legacy.sniff import Profile, has_times, mostly_times
from sheetdesk.legacy.table import Layout
from sheetdesk.legacy.targets import KEEP, PRIMARY_DATE, PRIMARY_DATETIME, SKIP, Target, field_of, parse_target
from sheetdesk.legacy.texts import (
    EVIDENCE,
    FIT,
    JOINED,
    TIMES_OF_DAY,
    WHAT_CHOICES,
    WHAT_DATES,
    WHAT_PHONES,
    WHAT_TIMES,
)
from sheetdesk.report import column_letter
from sheetdesk.schema import Register

THRESHOLD = 0.5  # below this a claim is only a candidate shown to the clerk
CONTENT_SCORE = 0.55
EMPTY_COLUMN = 0.8  # an empty column is mapped only under a clear header
SHOWN = 0.35  # a kept column with a candidate this strong is named in the decisions
TWO_KEYS = Msg(
    "two columns are mapped to {key} (the second is '{column}'); map one of them to keep",
    "两列都对应到 {key}（第二列是“{column}”）；请把其中一列改为 keep",
)


@dataclass
class Claim:
    col: int
    target: Target
    score: float
    rank: float
    evidence: list[Bound]
    source: str
    misfit: Bound | None = None
    weight: float = 0.0  # the header's weight alone
    fit: float | None = None  # how well the values fit (label claims)
    order: float = 0.0  # between equal claims, the meaning the lexicon ranks higher wins


@dataclass
class _State:
    register: Register
    layout: Layout
    profiles: list[Profile]
    accepted: dict[int, Claim] = field(default_factory=dict)
    owner: dict[tuple[str, str], int] = field(default_factory=dict)  # (key, slot) -> column
    lost: dict[int, list[tuple[Claim, int]]] = field(default_factory=dict)
    others: dict[int, list[Claim]] = field(default_factory=dict)  # a granted column's other claims, strongest first
    below: dict[int, list[Claim]] = field(default_factory=dict)  # claims too weak, or not fitting
    decisions: list[Decision] = field(default_factory=list)

    def free(self, target: Target) -> bool:
        return not any((target.key, s) in self.owner for s in slots(target, self.register))

    def grant(self, claim: Claim) -> None:
        self.accepted[claim.col] = claim
        for s in slots(claim.target, self.register):
            self.owner[(claim.target.key, s)] = claim.col

    def release(self, col: int) -> None:
        claim = self.accepted.pop(col)
        for s in slots(claim.target, self.register):
            self.owner.pop((claim.target.key, s), None)

    def label(self, col: int) -> str:
        return self.layout.label(col)


def fullness(p: Profile) -> float:
    """How much a column's fill counts in a contest: full from half the rows on, half when empty."""
    return min(1.0, 0.5 + p.fill)


def slots(target: Target, register: Register) -> set[str]:
    if not target.is_field:
        return set()
    f = field_of(target, register)
    if f is not None and f.type == "datetime" and target.part == "value":
        return {"date", "time"}
    return {target.part}


def map_columns(
    layout: Layout, profiles: list[Profile], register: Register, mapfile: MapFile | None
) -> tuple[list[ColumnMap], list[Decision]]:
    state = _State(register, layout, profiles)
    _lock(state, mapfile)
    claims: list[Claim] = []
    for col in range(len(profiles)):
        if col in state.accepted:
            continue
        if layout.parts[col]:
            for hit in read_label(layout.parts[col], register):
                if state.profiles[col].n == 0 and hit.weight < EMPTY_COLUMN:
                    continue  # an empty column under a vague header: nothing to map
                for claim in _label_claims(col, hit, state):
                    if claim.misfit is None and claim.score >= THRESHOLD:
                        claims.append(claim)
                    else:
                        state.below.setdefault(col, []).append(claim)
        claims.extend(_content_claims(col, state))
    _grant(state, claims)
    _report_is_the_first_moment(state)
    _pair_date_and_time(state)
    _main_date_by_content(state)
    _end_of_the_report_step(state)
    _identifier(state)
    return _columns(state), state.decisions


def _lock(state: _State, mapfile: MapFile | None) -> None:
    if mapfile is None:
        return
    ordered = sorted((resolve_column(ref, state.layout, mapfile), target) for ref, target in mapfile.columns.items())
    for col, target in ordered:
        claim = Claim(col, target, 1.0, 1.0, [EVIDENCE["mapping file"].bind(file=mapfile.path.name)], "mapping file")
        if target.is_field and target.key != "notes" and not state.free(target):
            raise InputError(mapfile.path, TWO_KEYS, key=target.key, column=state.label(col))
        if target.key == "notes":
            state.accepted[col] = claim
        else:
            state.grant(claim)


def _label_claims(col: int, hit: LabelHit, state: _State) -> list[Claim]:
    register, p = state.register, state.profiles[col]
    try:
        target = parse_target(hit.target, register)
    except ValueError:
        return []
    f = field_of(target, register)
    evidence = [EVIDENCE[hit.kind].bind(form=hit.form)]
    parts = state.layout.parts[col]
    if len(parts) > 1:
        evidence.append(JOINED.bind(parts=" / ".join(parts)))
    targets = [target]
    if f is not None and f.type == "datetime":
        key = target.key
        dates, times = p.share(p.dates), p.share(p.times)
        if times >= 0.5 and times > dates:
            if target.part != "time":
                evidence.append(TIMES_OF_DAY.bind())
            targets = [Target(key, "time")]
        elif target.part == "time" and dates >= 0.5:
            targets = [Target(key)]
        elif target.part != "time":
            targets = [Target(key)] if has_times(p) or p.n == 0 else [Target(key), Target(key, "date")]
    label = label_text(parts)
    claims = []
    for n, t in enumerate(targets):
        tf = field_of(t, register)
        result = fit(t, tf, p, label)
        # A choice column must mostly read as choices; for other keys the header carries more of the weight.
        lean = 0.5 if tf is not None and tf.enum is not None else 0.75
        score = round(hit.weight * (lean + (1 - lean) * result.score), 3) - 0.001 * n
        rank = score * fullness(p)
        claims.append(
            Claim(col, t, score, rank, evidence, hit.kind, result.misfit, hit.weight, result.score, hit.order)
        )
    return claims


def _content_claims(col: int, state: _State) -> list[Claim]:
    """Choices and phone numbers that say what they are by their values alone."""
    register, p = state.register, state.profiles[col]
    if p.n == 0 or p.index or _says_not_a_moment(state, col):
        return []
    out = []
    for f in register.fields:
        share = content_choice(f, p)
        if share:
            what = WHAT_CHOICES.bind(field=f.title, samples=", ".join(p.samples[:3]))
            evidence = [EVIDENCE["content"].bind(share=pct(share), what=what)]
            out.append(Claim(col, Target(f.key), 0.6, 0.6 * fullness(p), evidence, "content"))
    if "phone" in register.keys and (share := content_phone(p)):
        evidence = [EVIDENCE["content"].bind(share=pct(share), what=WHAT_PHONES.bind())]
        out.append(Claim(col, Target("phone"), 0.6, 0.6 * fullness(p), evidence, "content"))
    return out


def _says_not_a_moment(state: _State, col: int) -> bool:
    """A header that names some other date (`updated`, `due`, `停机时长`): never the main date by content."""
    parts = state.layout.parts[col]
    if not parts:
        return False
    text = label_text(parts)
    return bool(set(words(core(text))) & _OTHER_MOMENT) or bool(re.search(_OTHER_MOMENT_ZH, text))


_OTHER_MOMENT_ZH = (
    NOT_A_MOMENT_ZH + "|完成|修复|结束|关闭|响应|到场|到达|恢复|完工|解决|验收|结案|关单"
    # the moment of some later step, or of another record: never the date the fault was reported
    "|(回访|随访|维修|检修|处理|派工|派单|接单|购买|购机|安装|预约)(的)?(时间|日期|时刻)"
)
# Words that make a date column some other moment than the main one: a deadline (`Time to Resolution`),
# a duration, or the end of the work (`Closed`, `Resolved`).
_OTHER_MOMENT = NOT_A_MOMENT | DEADLINE | RESOLVED | CLOSED | RESPONDED | ON_SITE


def _grant(state: _State, claims: list[Claim]) -> None:
    for claim in sorted(claims, key=lambda c: (-c.rank, -c.order, c.col)):
        if claim.col in state.accepted:
            state.others.setdefault(claim.col, []).append(claim)
            continue
        taken = [state.owner[(claim.target.key, s)] for s in slots(claim.target, state.register)
                 if (claim.target.key, s) in state.owner]  # fmt: skip
        if taken:
            state.lost.setdefault(claim.col, []).append((claim, taken[0]))
            continue
        state.grant(claim)


def _report_is_the_first_moment(state: _State) -> None:
    """Two columns read as the report time: the one earlier in every row is the report (`moments`); the
    other takes its next meaning (受理时间 -> Responded At) or is kept in notes."""
    key = PRIMARY_DATETIME.get(state.register.key)
    winner = state.owner.get((key, "date")) if key else None
    if winner is None or state.accepted[winner].target != Target(key or ""):
        return
    rivals = [c for c, losses in state.lost.items() if c not in state.accepted
              and any(cl.target == Target(key or "") and w == winner for cl, w in losses)]  # fmt: skip
    rows, data = state.layout.sheet.rows, state.layout.data_rows()
    for rival in rivals:
        earlier, compared = always_earlier(rows, data, rival, winner)
        if not earlier:
            continue
        won = state.accepted[winner]
        claim = next(cl for cl, w in state.lost[rival] if cl.target == Target(key or "") and w == winner)
        state.release(winner)
        state.grant(claim)
        state.lost.setdefault(winner, []).append((won, rival))
        for other in state.others.get(winner, []):
            if (
                other.target.key != key
                and other.misfit is None
                and other.score >= THRESHOLD
                and state.free(other.target)
            ):
                state.grant(other)
                break
        state.decisions.append(
            Decision(
                "mapping.first_moment",
                {
                    "first": state.label(rival),
                    "second": state.label(winner),
                    "count": compared,
                    "target": target_title(Target(key or ""), state.register),
                },
                state.label(rival),
            )  # fmt: skip
        )
        return


def _end_of_the_report_step(state: _State) -> None:
    """`出厂日期` beside the report's `进厂日期`, `开机时间` beside `停机时间`: the fix, when its values agree
    (`counterpart`)."""
    key = PRIMARY_DATETIME.get(state.register.key)
    end = "resolved_at" if state.register.key == "repairs" else None
    report = state.owner.get((key, "date")) if key else None
    if report is None or end is None or not state.free(Target(end)):
        return
    free_cols = [c for c in range(len(state.profiles)) if c not in state.accepted]
    layout = state.layout
    found = end_of_step(layout.sheet.rows, layout.data_rows(), layout.parts, state.profiles, report, free_cols)
    if found is None:
        return
    col, compared = found
    evidence = [EVIDENCE["counterpart"].bind(form=state.label(col), start=state.label(report), count=compared)]
    state.grant(Claim(col, Target(end, whole_or_date(state.profiles[col])), CONTENT_SCORE, CONTENT_SCORE, evidence,
                      "counterpart"))  # fmt: skip


def _pair_date_and_time(state: _State) -> None:
    """A whole date-and-time key from a date-only column gives its time to a time column that claimed it."""
    for col, losses in list(state.lost.items()):
        if col in state.accepted:
            continue
        for claim, winner in losses:
            if claim.target.part != "time" or winner not in state.accepted:
                continue
            won = state.accepted[winner]
            if won.target.part != "value" or has_times(state.profiles[winner]):
                continue
            state.release(winner)
            won.target = Target(won.target.key, "date")
            state.grant(won)
            state.grant(claim)
            break


def _main_date_by_content(state: _State) -> None:
    """The main date from the one unclaimed column of dates; then a time column beside a date-only one."""
    register = state.register
    key = PRIMARY_DATETIME.get(register.key) or PRIMARY_DATE.get(register.key)
    if key is None:
        return
    f = register.field(key)
    free_cols = [c for c in range(len(state.profiles)) if c not in state.accepted]
    datey = [
        c for c in free_cols
        if state.profiles[c].n and state.profiles[c].share(state.profiles[c].dates) >= 0.9
        and state.profiles[c].fill >= 0.3 and not _says_not_a_moment(state, c)
    ]  # fmt: skip
    owned = {s for (k, s) in state.owner if k == key}
    if len(datey) == 1 and "date" not in owned and ("value" not in owned):
        c = datey[0]
        p = state.profiles[c]
        if f.type == "datetime":
            target = Target(key) if has_times(p) and not owned else Target(key, "date")
        else:
            target = Target(key)
        evidence = [EVIDENCE["content"].bind(share=pct(p.share(p.dates)), what=WHAT_DATES.bind())]
        state.grant(Claim(c, target, CONTENT_SCORE, CONTENT_SCORE, evidence, "content"))
    elif len(datey) > 1:
        for c in datey:
            evidence = [EVIDENCE["content"].bind(share=pct(state.profiles[c].share(state.profiles[c].dates)),
                                                 what=WHAT_DATES.bind())]  # fmt: skip
            state.below.setdefault(c, []).append(Claim(c, Target(key), 0.4, 0.4, evidence, "content"))
    owned = {s for (k, s) in state.owner if k == key}
    if f.type != "datetime" or owned != {"date"}:
        return
    timey = [c for c in range(len(state.profiles)) if c not in state.accepted and mostly_times(state.profiles[c])
             and not _says_not_a_moment(state, c)]  # fmt: skip
    if len(timey) == 1:
        c = timey[0]
        p = state.profiles[c]
        what = WHAT_TIMES.bind(field=f.title)
        evidence = [EVIDENCE["content"].bind(share=pct(p.share(p.times)), what=what)]
        state.grant(Claim(c, Target(key, "time"), CONTENT_SCORE, CONTENT_SCORE, evidence, "content"))


def _identifier(state: _State) -> None:
    """An existing unique identifier column is the ticket number, before one is generated."""
    if state.register.key != "repairs" or not state.free(Target("ticket_no")):
        return
    for c in range(len(state.profiles)):
        if c in state.accepted:
            continue
        p = state.profiles[c]
        if is_identifier(p, label_text(state.layout.parts[c])):
            claim = Claim(c, Target("ticket_no"), CONTENT_SCORE, CONTENT_SCORE, [EVIDENCE["identifier"].bind()],
                          "identifier")  # fmt: skip
            state.grant(claim)
            state.decisions.append(
                Decision(
                    "mapping.identifier",
                    {
                        "column": state.label(c),
                        "samples": ", ".join(p.samples[:3]),
                        "target": target_title(Target("ticket_no"), state.register),
                    },  # fmt: skip
                    state.label(c),
                )
            )
            return


def _columns(state: _State) -> list[ColumnMap]:
    layout = state.layout
    columns: list[ColumnMap] = []
    for col, p in enumerate(state.profiles):
        label = layout.label(col)
        chosen = state.accepted.get(col)
        candidates: list[Candidate] = []
        if chosen is None:
            if not layout.parts[col] and p.n == 0:
                continue  # a phantom column: no label, no values
            if p.index:
                evidence = [EVIDENCE["index"].bind(first=p.samples[0], second=p.samples[1])]
                chosen = Claim(col, Target(SKIP), 0.9, 0.9, evidence, "index")
                state.decisions.append(Decision("column.index", {"column": label}, label))
            else:
                chosen = Claim(col, Target(KEEP), 0.0, 0.0, [EVIDENCE["unmapped"].bind()], "unmapped")
                candidates = _candidates(state, col)
                _explain_unmapped(state, col, candidates)
        elif chosen.fit is not None and p.n and chosen.fit < 0.95:
            chosen.evidence = [*chosen.evidence, FIT.bind(share=pct(chosen.fit))]
        columns.append(
            ColumnMap(
                col,
                column_letter(col),
                label,
                chosen.target,
                round(chosen.score, 2),
                list(chosen.evidence),
                chosen.source,
                list(p.samples),
                candidates=candidates,
            )  # fmt: skip
        )
    return columns


def _candidates(state: _State, col: int) -> list[Candidate]:
    """The best keys a kept column came near, with their scores and why they were not taken."""
    seen: dict[str, Candidate] = {}
    pool = [c for c, _ in state.lost.get(col, [])] + state.below.get(col, [])
    for claim in pool:
        name = str(claim.target)
        why = claim.evidence[0] if claim.misfit is None else claim.misfit
        score = claim.score if claim.misfit is None else round(claim.score * 0.5, 3)
        if name not in seen or seen[name].score < score:
            seen[name] = Candidate(name, score, why)
    parts = state.layout.parts[col]
    if parts:
        for hit in fuzzy_hits(label_text(parts), state.register):
            if hit.target not in seen:
                seen[hit.target] = Candidate(hit.target, hit.weight, EVIDENCE["fuzzy"].bind(form=hit.form))
    return [c for c in sorted(seen.values(), key=lambda c: -c.score) if c.score >= 0.25][:3]


def _explain_unmapped(state: _State, col: int, candidates: list[Candidate]) -> None:
    label = state.label(col)
    losses = [(c, w) for c, w in state.lost.get(col, []) if c.score >= THRESHOLD]
    if losses:
        claim, winner = max(losses, key=lambda cw: cw[0].score)
        state.decisions.append(
            Decision(
                "mapping.conflict",
                {
                    "column": label,
                    "target": target_title(claim.target, state.register),
                    "evidence": claim.evidence[0],
                    "winner": state.label(winner),
                },  # fmt: skip
                label,
            )
        )
        return
    misfits = [c for c in state.below.get(col, []) if c.misfit is not None and c.weight >= 0.6]
    if misfits:
        claim = max(misfits, key=lambda c: c.weight)
        state.decisions.append(
            Decision(
                "mapping.values_do_not_fit",
                {"column": label, "target": target_title(claim.target, state.register), "reason": claim.misfit},
                label,
            )
        )
        return
    shown = [c for c in candidates if c.score >= SHOWN]
    if shown:
        text = ", ".join(f"{c.target} {c.score:.2f}" for c in shown)
        state.decisions.append(Decision("column.unmapped", {"column": label, "candidates": text}, label))


__all__ = ["THRESHOLD", "Claim", "map_columns", "slots"]
