"""The Summary's planned-visit section: compliance by branch, technician and kind, with two charts.

Written below everything else, on a printed page of its own, only when the
policy plans visits (`kpis.visits`); `SummarySheet` calls it with itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sheetdesk.checking.summary_page import CHART_COL, CHART_SCALE, SummaryPage
from sheetdesk.i18n import Msg
from sheetdesk.io.xlsx import write_value
from sheetdesk.schema.enums import VISIT_KIND

__all__ = ["VISIT_TEXT", "write_visit_section"]

VISIT_TEXT: dict[str, Msg] = {
    "visits": Msg("Planned visits", "计划巡检"),
    "visits_note": Msg(
        "Completion = (done + late) / (done + late + missing); visits still due or upcoming are not counted. "
        "Technician: who made the visit, else who last served the unit.",
        "完成率 =（按时 + 逾期完成）/（按时 + 逾期完成 + 未完成）；待完成和未开始的不计入。"
        "人员：完成巡检者，未完成的计入最近一次服务该设备的人员。",
    ),
    "visits_by_branch": Msg("Planned visits by branch", "各网点计划巡检"),
    "visits_by_technician": Msg("Planned visits by technician", "各人员计划巡检"),
    "visits_by_kind": Msg("Planned visits by kind", "各类型计划巡检"),
    "kind": Msg("Kind", "巡检类型"),
    "planned": Msg("Planned", "计划次数"),
    "visit_done": Msg("Done", "按时完成"),
    "visit_late": Msg("Late", "逾期完成"),
    "visit_missing": Msg("Missing", "未完成"),
    "visit_due": Msg("Due", "待完成"),
    "visit_upcoming": Msg("Upcoming", "未开始"),
    "completion": Msg("Completion rate", "完成率"),
    "visit_on_time": Msg("On-time rate", "按时完成率"),
    "chart_visits_branch": Msg("Planned visit completion by branch", "各网点计划巡检完成率"),
    "chart_visits_kind": Msg("Planned visit completion by kind", "各类型计划巡检完成率"),
    "no_technician_visit": Msg("(nobody yet)", "(尚无服务人员)"),
}
VISIT_COUNTS = ("planned", "done", "late", "missing", "due", "upcoming")


def write_visit_section(sheet: SummaryPage, visits: Mapping[str, Any]) -> None:
    """Visit compliance overall and by branch, technician and kind, with two charts,
    below everything else (a new printed page). A part of `SummarySheet`, kept in a module of its own."""
    sheet.row += 1
    sheet.ws.set_h_pagebreaks([sheet.row])
    sheet._section("visits")
    sheet.ws.write_string(sheet.row, 0, sheet.t("visits_note"), sheet.f_note)
    sheet.row += 2
    top = sheet.row
    kinds = {c.key: c for c in VISIT_KIND.choices}
    overall = visits.get("overall")
    branch = _visit_table(sheet, "visits_by_branch", "branch", visits.get("by_branch", {}), "no_branch", overall)
    _visit_table(
        sheet, "visits_by_technician", "technician", visits.get("by_technician", {}), "no_technician_visit", overall
    )
    by_kind = {
        (kinds[k].zh if sheet.lang == "zh" else kinds[k].en) if k in kinds else k: g
        for k, g in visits.get("by_kind", {}).items()
    }
    kind = _visit_table(sheet, "visits_by_kind", "kind", by_kind, "none", overall)
    for (first, last), title, axis, anchor in (
        (branch, "chart_visits_branch", "branch", top),
        (kind, "chart_visits_kind", "kind", top + 17),
    ):
        if last < first:
            continue
        chart = sheet.wb.add_chart({"type": "column"})
        for c, key in ((7, "completion"), (8, "visit_on_time")):
            chart.add_series(
                {"name": sheet.t(key), "categories": [sheet.name, first, 0, last, 0],
                 "values": [sheet.name, first, c, last, c]}
            )  # fmt: skip
        chart.set_title({"name": sheet.t(title), "name_font": {"size": 12}})
        chart.set_x_axis({"name": sheet.t(axis)})
        chart.set_y_axis({"name": sheet.t("axis_rate"), "num_format": "0%", "max": 1, "min": 0})
        chart.set_legend({"position": "bottom"})
        sheet.ws.insert_chart(anchor, CHART_COL, chart, CHART_SCALE)


def _visit_table(
    sheet: SummaryPage, section: str, label_key: str, groups: Mapping[str, Any], blank_key: str,
    overall: Mapping[str, Any] | None = None,
) -> tuple[int, int]:  # fmt: skip
    """One grouping of visit compliance; returns its first and last data row (0-based)."""
    sheet._section(section)
    counts = [sheet.t("planned"), *(sheet.t(f"visit_{k}") for k in VISIT_COUNTS[1:])]
    sheet._header([sheet.t(label_key), *counts, sheet.t("completion"), sheet.t("visit_on_time")])
    rows = [(str(n), g) for n, g in groups.items() if n not in (None, "None", "")]
    rows += [(sheet.t(blank_key), g) for n, g in groups.items() if n in (None, "None", "")]
    first = sheet.row
    for name, g in rows:
        sheet.ws.write_string(sheet.row, 0, name)
        for c, key in enumerate(VISIT_COUNTS, start=1):
            sheet._put(c, g.get(key))
        sheet._put(7, g.get("rate"), sheet.f_pct)
        sheet._put(8, g.get("on_time_rate"), sheet.f_pct)
        sheet.row += 1
    last = sheet.row - 1
    if overall is not None:
        sheet.ws.write_string(sheet.row, 0, sheet.t("total"), sheet.f_total)
        for c, key in enumerate(VISIT_COUNTS, start=1):
            write_value(sheet.ws, sheet.row, c, overall.get(key), sheet.f_total)
        write_value(sheet.ws, sheet.row, 7, overall.get("rate"), sheet.f_total_pct)
        write_value(sheet.ws, sheet.row, 8, overall.get("on_time_rate"), sheet.f_total_pct)
        sheet.row += 1
    if not rows:
        sheet.ws.write_string(sheet.row, 0, sheet.t("none"), sheet.f_note)
        sheet.row += 1
    sheet.row += 1
    return first, last
