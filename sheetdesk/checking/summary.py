"""The Summary sheet: KPI tables and native Excel charts (SPEC §4 KPIs, §5).

Rows are written top to bottom only, so the sheet works in xlsxwriter's
constant-memory mode. Charts refer to the tables' cells, so a clerk who
edits a number sees the chart follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from xlsxwriter.workbook import Workbook

from sheetdesk.checking.summary_page import CHART_COL, CHART_ROWS, CHART_SCALE, CHARTS_END_ROW, HOLD_CHART_END_ROW
from sheetdesk.checking.summary_visits import VISIT_TEXT, write_visit_section
from sheetdesk.i18n import Msg
from sheetdesk.io.xlsx import STATUS_FILL, Formats, setup_print, write_value
from sheetdesk.rules.kpis import NOT_A_REPAIR, rate
from sheetdesk.schema.computed import STATUS_LABELS, TARGET_LABELS
from sheetdesk.schema.enums import FAULT_LEVEL, HOLD_REASON
from sheetdesk.schema.statuses import SLA_TARGET_KEYS as TARGETS
from sheetdesk.schema.statuses import WARRANTY_STATUSES

TEXT: dict[str, Msg] = {
    "title": Msg("Service KPI Summary", "服务指标汇总"),
    "as_of": Msg("As of", "统计截止"),
    "overall": Msg("Overall", "总体"),
    "metric": Msg("Metric", "指标"),
    "value": Msg("Value", "数值"),
    "target": Msg("Target", "目标"),
    "repairs": Msg("Repairs", "报修数"),
    "resolved": Msg("Resolved", "已修复"),
    "callback_rate": Msg("Callback rate", "回访率"),
    "callback_rate_in_warranty": Msg("Callback rate (in warranty)", "保内回访率"),
    "on_time_rate": Msg("On-time callback rate", "按时回访率"),
    "satisfaction": Msg("Satisfaction rate", "满意率"),
    "billable_expected": Msg("Billable amount expected", "应收金额"),
    "billable_charged": Msg("Amount charged", "实收金额"),
    "by_fault_level": Msg("By fault level", "按故障级别"),
    "by_branch": Msg("By branch", "按网点"),
    "by_technician": Msg("By technician", "按维修人员"),
    "fault_level": Msg("Fault level", "故障级别"),
    "branch": Msg("Branch", "网点"),
    "technician": Msg("Technician", "维修人员"),
    "warranty_mix": Msg("Warranty status of repairs", "报修保修状态"),
    "status": Msg("Status", "状态"),
    "count": Msg("Count", "数量"),
    "repeat": Msg("Repeat repairs by model and fault category", "按型号和故障类别的重复维修"),
    "model": Msg("Model", "规格型号"),
    "fault_category": Msg("Fault category", "故障类别"),
    "serials": Msg("Serials", "台数"),
    "repeat_serials": Msg("Serials repaired again", "重复维修台数"),
    "repeat_repairs": Msg("Repeat repairs", "重复维修次数"),
    "monthly": Msg("Monthly callback record", "月度电话回访记录"),
    "month": Msg("Month", "月份"),
    "callbacks_due": Msg("Callbacks due", "应回访"),
    "done": Msg("On time", "按时回访"),
    "late": Msg("Late", "逾期回访"),
    "missing": Msg("Missing", "未回访"),
    "pending": Msg("Pending", "待回访"),
    "satisfied": Msg("Satisfied", "满意"),
    "basically_satisfied": Msg("Basically satisfied", "基本满意"),
    "dissatisfied": Msg("Dissatisfied", "不满意"),
    "chart_branch": Msg("SLA compliance by branch", "各网点服务时限达标率"),
    "chart_mix": Msg("Warranty status mix", "保修状态构成"),
    "chart_monthly": Msg("Monthly callback and satisfaction rates", "月度回访率与满意率"),
    "compliance": Msg("compliance", "达标率"),
    "none": Msg("(none)", "(无)"),
    "level_missing": Msg("(level missing)", "(未填故障级别)"),
    "not_a_repair": Msg("(not a repair: complaints, consultations, maintenance)", "(非报修：投诉、咨询、维护)"),
    "no_branch": Msg("(no branch)", "(未填网点)"),
    "no_technician": Msg("(not filled in)", "(未填维修人员)"),
    "no_model": Msg("(serial not in register)", "(编号未登记)"),
    "no_repeats": Msg("(no repeat repairs)", "(无重复维修)"),
    "total": Msg("Total", "合计"),
    "warranty_status": Msg("Warranty status", "保修状态"),
    "axis_compliance": Msg("Compliance", "达标率"),
    "axis_rate": Msg("Rate", "比率"),
    "monthly_note": Msg("A blank rate: nothing due or rated that month.", "比率为空：当月无应回访或无满意度评价。"),
    "holds": Msg("Hold time by reason", "按暂停原因的暂停时长"),
    "reason": Msg("Reason", "暂停原因"),
    "holds_count": Msg("Holds", "暂停次数"),
    "hold_tickets": Msg("Tickets", "报修单数"),
    "holds_running": Msg("Still on hold", "仍在暂停"),
    "hours_held": Msg("Hours held", "暂停小时数"),
    "average_hours": Msg("Hours per hold", "平均每次小时数"),
    "holds_note": Msg(
        "Working hours on each ticket's SLA calendar, from when it was reported until it was resolved (or the "
        "as-of time); the SLA clocks that a reason pauses stop for this time.",
        "按各报修单服务时限所用日历计算的工作小时数，从报修起至修复（或统计截止）为止；相应服务时限在此期间暂停计时。",
    ),
    "no_holds": Msg("(no holds)", "(无暂停记录)"),
    "chart_holds": Msg("Hours on hold by reason", "各暂停原因的暂停小时数"),
    "axis_hours": Msg("Hours", "小时"),
}


def count_step(largest: int) -> int:
    """A whole-number step for a count axis reaching `largest`: 1, 2, 5, 10, 20,
    50... whichever gives at most 8 steps (an axis of counts never shows 0.5)."""
    step = 1
    while largest / step > 8:
        for factor in (2, 2.5, 2):  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 ...
            step = int(step * factor)
            if largest / step <= 8:
                break
    return step


class SummarySheet:
    """A `SummaryWriter` for `write_annotated`: call it with the workbook."""

    def __init__(self, kpis: Mapping[str, Any], as_of: dt.datetime, lang: str) -> None:
        self.kpis, self.as_of, self.lang = kpis, as_of, lang

    def t(self, key: str) -> str:
        return (TEXT.get(key) or VISIT_TEXT[key]).render(self.lang)

    def __call__(self, workbook: Workbook, formats: Formats, sheet_name: str) -> None:
        ws = workbook.add_worksheet(sheet_name)
        self.ws, self.wb, self.name = ws, workbook, sheet_name
        self.f_title = formats.get(bold=True, font_size=14)
        self.f_head = formats.header()
        self.f_section = formats.get(bold=True, font_size=12, font_color="#1F4E78")
        self.f_pct = formats.get(num_format="0.0%")
        self.f_pct_met = formats.get(num_format="0.0%", bg_color=STATUS_FILL["met"])
        self.f_pct_short = formats.get(num_format="0.0%", bg_color=STATUS_FILL["breached"])
        self.f_money = formats.get(num_format="#,##0.00")
        self.f_dt = formats.get(num_format="yyyy-mm-dd hh:mm", align="left")
        self.f_dash = formats.get(align="right")
        self.f_note = formats.get(italic=True, font_color="#595959")
        self.f_total = formats.get(bold=True, top=1)
        self.f_total_pct = formats.get(bold=True, top=1, num_format="0.0%")
        self.f_hours = formats.get(num_format="0.0")
        self.f_total_hours = formats.get(bold=True, top=1, num_format="0.0")
        ws.set_column(0, 0, 30)
        ws.set_column(1, 12, 13)
        setup_print(ws, self.lang)
        ws.hide_gridlines(1)  # a report: gridlines on screen, not on paper
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
        ws.write_string(0, 0, self.t("title"), self.f_title)
        ws.write_string(1, 0, self.t("as_of"))
        ws.merge_range(1, 1, 1, 2, None)
        ws.write_datetime(1, 1, self.as_of, self.f_dt)
        self.row = 3
        self._overall()
        self._groups("by_fault_level", "fault_level", self._level_rows())
        branch_rows = self._groups("by_branch", "branch", self._named_rows("by_branch", "no_branch"))
        self._groups("by_technician", "technician", self._named_rows("by_technician", "no_technician"))
        mix_rows = self._warranty_mix()
        self._repeats()
        holds = self.kpis.get("holds")
        hold_rows = self._holds(holds) if holds is not None else None
        # the monthly table is wider than the charts' gap
        self.row = max(self.row, CHARTS_END_ROW if hold_rows is None else HOLD_CHART_END_ROW)
        ws.set_h_pagebreaks([self.row])  # printed, the monthly record starts a page with its header
        month_rows = self._monthly()
        self._charts(branch_rows, mix_rows, month_rows)
        if hold_rows is not None:
            self._hold_chart(hold_rows)
        if self.kpis.get("visits"):  # only when the policy plans visits
            write_visit_section(self, self.kpis["visits"])

    # -- tables ---------------------------------------------------------
    def _section(self, key: str) -> None:
        self.ws.write_string(self.row, 0, self.t(key), self.f_section)
        self.row += 1

    def _header(self, labels: list[str]) -> None:
        """A header row, two lines high when a label wraps in its column."""
        per_char = 2 if self.lang == "zh" else 1
        if any(len(label) * per_char > (30 if c == 0 else 13) - 1 for c, label in enumerate(labels)):
            self.ws.set_row(self.row, 30)
        for c, label in enumerate(labels):
            self.ws.write_string(self.row, c, label, self.f_head)
        self.row += 1

    def _put(self, c: int, value: Any, fmt: Any = None) -> None:
        """A value, or '–' (right-aligned, under the numbers) when there is none."""
        if value is None:
            self.ws.write_string(self.row, c, "–", self.f_dash)
        else:
            write_value(self.ws, self.row, c, value, fmt)

    def _compliance_label(self, target: str) -> str:
        en, zh = TARGET_LABELS[target]
        return f"{zh}达标率" if self.lang == "zh" else f"{en} compliance"

    def _overall(self) -> None:
        o = self.kpis.get("overall", {})
        cb, sat, bill = o.get("callbacks", {}), o.get("satisfaction", {}), o.get("billing", {})
        targets = self.kpis.get("targets", {})
        self._section("overall")
        self._header([self.t("metric"), self.t("value"), self.t("target")])
        lines: list[tuple[str, Any, Any, Any]] = [
            (self.t("repairs"), o.get("repairs"), None, None),
            (self.t("resolved"), o.get("resolved"), None, None),
        ]
        for target in TARGETS:
            rate = o.get("compliance", {}).get(target, {}).get("rate")
            lines.append((self._compliance_label(target), rate, None, self.f_pct))
        lines += [
            (self.t("callback_rate"), cb.get("rate"), targets.get("callback_rate"), self.f_pct),
            (self.t("callback_rate_in_warranty"), cb.get("rate_in_warranty"), targets.get("callback_rate"), self.f_pct),
            (self.t("on_time_rate"), cb.get("on_time_rate"), None, self.f_pct),
            (self.t("satisfaction"), sat.get("rate"), targets.get("satisfaction"), self.f_pct),
            (self.t("billable_expected"), bill.get("expected"), None, self.f_money),
            (self.t("billable_charged"), bill.get("charged"), None, self.f_money),
        ]
        for label, value, target, fmt in lines:
            self.ws.write_string(self.row, 0, label)
            if value is not None and target is not None:  # green when the target is met, red when short
                fmt = self.f_pct_met if value >= target else self.f_pct_short
            self._put(1, value, fmt)
            if target is not None:
                self._put(2, target, self.f_pct)
            self.row += 1
        self.row += 1

    def _target_label(self, target: str) -> str:
        en, zh = TARGET_LABELS[target]
        return zh if self.lang == "zh" else en

    def _named_rows(self, section: str, blank_key: str) -> list[tuple[str, Mapping[str, Any]]]:
        """A grouping's rows as the sheet names them; the rows left blank come last, named."""
        groups: Mapping[str, Any] = self.kpis.get(section, {})
        named = [(str(n), g) for n, g in groups.items() if n not in (None, "None", "")]
        blank = [(self.t(blank_key), g) for n, g in groups.items() if n in (None, "None", "")]
        return [*named, *blank]

    def _level_rows(self) -> list[tuple[str, Mapping[str, Any]]]:
        """Levels as the sheet writes them (二级 on a Chinese sheet, II on an English
        one), then the repairs whose level is missing, then what is not a repair."""
        groups: Mapping[str, Any] = self.kpis.get("by_fault_level", {})
        rows = [
            (FAULT_LEVEL.label(str(n), self.lang), g)
            for n, g in groups.items()
            if n not in (None, "None", "", NOT_A_REPAIR)
        ]
        if groups.get(""):
            rows.append((self.t("level_missing"), groups[""]))
        if groups.get(NOT_A_REPAIR):
            rows.append((self.t("not_a_repair"), groups[NOT_A_REPAIR]))
        return rows

    def _groups(self, section: str, label_key: str, rows: list[tuple[str, Mapping[str, Any]]]) -> tuple[int, int]:
        """A table of one grouping; returns its first and last data row (0-based)."""
        self._section(section)
        self._header(
            [
                self.t(label_key),
                self.t("repairs"),
                *(self._compliance_label(t) for t in TARGETS),
                self.t("callback_rate"),
                self.t("on_time_rate"),
                self.t("satisfaction"),
            ]
        )
        first = self.row
        for name, g in rows:
            self.ws.write_string(self.row, 0, name)
            self._put(1, g.get("repairs"))
            for c, target in enumerate(TARGETS, start=2):
                self._put(c, g.get("compliance", {}).get(target, {}).get("rate"), self.f_pct)
            self._put(6, g.get("callbacks", {}).get("rate"), self.f_pct)
            self._put(7, g.get("callbacks", {}).get("on_time_rate"), self.f_pct)
            self._put(8, g.get("satisfaction", {}).get("rate"), self.f_pct)
            self.row += 1
        last = self.row - 1
        if not rows:
            self.ws.write_string(self.row, 0, self.t("none"), self.f_note)
            self.row += 1
        self.row += 1
        return first, last

    def _warranty_mix(self) -> tuple[int, int]:
        counts = self.kpis.get("overall", {}).get("warranty_status", {})
        self._section("warranty_mix")
        self._header([self.t("status"), self.t("count")])
        first = self.row
        for status in WARRANTY_STATUSES:
            en, zh = STATUS_LABELS[status]
            self.ws.write_string(self.row, 0, zh if self.lang == "zh" else en)
            self._put(1, counts.get(status, 0))
            self.row += 1
        self.mix_max = max((int(counts.get(s) or 0) for s in WARRANTY_STATUSES), default=0)
        last = self.row - 1
        self.row += 1
        return first, last

    def _repeats(self) -> None:
        """Only the model/fault pairs that came back (the JSON has every pair)."""
        self._section("repeat")
        self._header(
            [
                self.t("model"),
                self.t("fault_category"),
                self.t("repairs"),
                self.t("serials"),
                self.t("repeat_serials"),
                self.t("repeat_repairs"),
            ]
        )
        items = [i for i in self.kpis.get("repeat_repairs", []) if i.get("repeat_repairs")]
        for item in items:
            self.ws.write_string(self.row, 0, str(item.get("model") or self.t("no_model")))
            for c, key in enumerate(
                ("fault_category", "repairs", "serials", "repeat_serials", "repeat_repairs"), start=1
            ):
                self._put(c, item.get(key))
            self.row += 1
        if not items:
            self.ws.write_string(self.row, 0, self.t("no_repeats"), self.f_note)
            self.row += 1
        self.row += 1

    def _holds(self, holds: Mapping[str, Any]) -> tuple[int, int]:
        """Hold time by reason, the costliest first (SPEC §8): where waiting costs most."""
        self._section("holds")
        self._header(
            [
                self.t("reason"),
                self.t("holds_count"),
                self.t("hold_tickets"),
                self.t("holds_running"),
                self.t("hours_held"),
                self.t("average_hours"),
            ]
        )
        first = self.row
        by_reason: Mapping[str, Mapping[str, Any]] = holds.get("by_reason", {})
        for reason, item in by_reason.items():
            self.ws.write_string(self.row, 0, HOLD_REASON.label(reason, self.lang))
            self._hold_numbers(item)
            self.row += 1
        last = self.row - 1
        if by_reason:
            self.ws.write_string(self.row, 0, self.t("total"), self.f_total)
            self._hold_numbers(holds.get("total", {}), total=True)
            self.row += 1
        else:
            self.ws.write_string(self.row, 0, self.t("no_holds"), self.f_note)
            self.row += 1
        self.ws.write_string(self.row, 0, self.t("holds_note"), self.f_note)
        self.row += 2
        return first, last

    def _hold_numbers(self, item: Mapping[str, Any], *, total: bool = False) -> None:
        counts = self.f_total if total else None
        hours = self.f_total_hours if total else self.f_hours
        for c, key in enumerate(("holds", "tickets", "running"), start=1):
            self._put(c, item.get(key), counts)
        minutes, average = item.get("minutes"), item.get("average_minutes")
        self._put(4, None if minutes is None else round(minutes / 60, 1), hours)
        self._put(5, None if average is None else round(average / 60, 1), hours)

    def _hold_chart(self, rows: tuple[int, int]) -> None:
        first, last = rows
        if last < first:
            return
        bars = self.wb.add_chart({"type": "bar"})
        bars.add_series(
            {
                "name": self.t("hours_held"),
                "categories": [self.name, first, 0, last, 0],
                "values": [self.name, first, 4, last, 4],
                "data_labels": {"value": True},
                "fill": {"color": "#9DC3E6"},
            }
        )
        bars.set_title({"name": self.t("chart_holds"), "name_font": {"size": 12}})
        bars.set_y_axis({"name": self.t("reason"), "reverse": True, "crossing": "max"})
        bars.set_x_axis({"name": self.t("axis_hours"), "min": 0, "major_gridlines": {"visible": True}})
        bars.set_legend({"none": True})
        self.ws.insert_chart(CHART_ROWS[3], CHART_COL, bars, CHART_SCALE)

    def _monthly(self) -> tuple[int, int]:
        self._section("monthly")
        keys = (
            "resolved",
            "callbacks_due",
            "done",
            "late",
            "missing",
            "pending",
            "satisfied",
            "basically_satisfied",
            "dissatisfied",
        )
        self._header(
            [
                self.t("month"),
                *(self.t(k) for k in keys),
                self.t("callback_rate"),
                self.t("on_time_rate"),
                self.t("satisfaction"),
            ]
        )
        first = self.row
        months = self.kpis.get("monthly_callbacks", [])
        for item in months:
            self.ws.write_string(self.row, 0, str(item.get("month")))
            for c, key in enumerate(keys, start=1):
                self._put(c, item.get(key))
            for c, key in enumerate(("callback_rate", "on_time_rate", "satisfaction_rate"), start=len(keys) + 1):
                # blank, not '–': the line chart reads these cells, and text plots as 0
                write_value(self.ws, self.row, c, item.get(key), self.f_pct)
            self.row += 1
        last = self.row - 1
        if months:
            self._monthly_total(months, keys)
        self.ws.write_string(self.row, 0, self.t("monthly_note"), self.f_note)
        self.row += 1
        return first, last

    def _monthly_total(self, months: list[Mapping[str, Any]], keys: tuple[str, ...]) -> None:
        """The total row: counts summed, rates worked out from the sums (never averaged)."""
        total = {key: sum(int(m.get(key) or 0) for m in months) for key in keys}
        answered = total["done"] + total["late"]
        rated = total["satisfied"] + total["basically_satisfied"] + total["dissatisfied"]
        rates = (
            rate(answered, answered + total["missing"]),
            rate(total["done"], answered + total["missing"]),
            rate(total["satisfied"] + total["basically_satisfied"], rated),
        )
        self.ws.write_string(self.row, 0, self.t("total"), self.f_total)
        for c, key in enumerate(keys, start=1):
            self.ws.write_number(self.row, c, total[key], self.f_total)
        for c, value in enumerate(rates, start=len(keys) + 1):
            write_value(self.ws, self.row, c, value, self.f_total_pct)
        self.row += 1

    # -- charts ---------------------------------------------------------
    def _charts(self, branch_rows: tuple[int, int], mix_rows: tuple[int, int], month_rows: tuple[int, int]) -> None:
        name = self.name
        first, last = branch_rows
        if last >= first:
            chart = self.wb.add_chart({"type": "column"})
            for c, target in enumerate(TARGETS, start=2):
                chart.add_series(
                    {
                        "name": self._target_label(target),
                        "categories": [name, first, 0, last, 0],
                        "values": [name, first, c, last, c],
                    }
                )
            chart.set_title({"name": self.t("chart_branch"), "name_font": {"size": 12}})
            chart.set_x_axis({"name": self.t("branch")})
            chart.set_y_axis({"name": self.t("axis_compliance"), "num_format": "0%", "max": 1, "min": 0})
            chart.set_legend({"position": "bottom"})
            self.ws.insert_chart(CHART_ROWS[0], CHART_COL, chart, CHART_SCALE)
        first, last = mix_rows
        bars = self.wb.add_chart({"type": "bar"})
        bars.add_series(
            {
                "name": self.t("count"),
                "categories": [name, first, 0, last, 0],
                "values": [name, first, 1, last, 1],
                "data_labels": {"value": True},
                "fill": {"color": "#5B9BD5"},
            }
        )
        bars.set_title({"name": self.t("chart_mix"), "name_font": {"size": 12}})
        # In a bar chart the y axis holds the categories: top to bottom as in the
        # table, values below. Counts step by whole numbers.
        bars.set_y_axis({"name": self.t("warranty_status"), "reverse": True, "crossing": "max"})
        bars.set_x_axis(
            {
                "name": self.t("repairs"),
                "min": 0,
                "major_unit": count_step(self.mix_max),
                "num_format": "0",
                "major_gridlines": {"visible": True},
            }
        )
        bars.set_legend({"none": True})
        self.ws.insert_chart(CHART_ROWS[1], CHART_COL, bars, CHART_SCALE)
        first, last = month_rows
        if last >= first:
            line = self.wb.add_chart({"type": "line"})
            for c, key in ((10, "callback_rate"), (12, "satisfaction")):
                line.add_series(
                    {
                        "name": self.t(key),
                        "categories": [name, first, 0, last, 0],
                        "values": [name, first, c, last, c],
                        "marker": {"type": "circle"},
                    }
                )
            line.set_title({"name": self.t("chart_monthly"), "name_font": {"size": 12}})
            line.set_y_axis({"name": self.t("axis_rate"), "num_format": "0%", "min": 0, "max": 1})
            line.set_x_axis({"name": self.t("month"), "num_font": {"rotation": -45}})
            line.set_legend({"position": "bottom"})
            line.show_blanks_as("span")  # a month with nothing due joins its neighbours
            self.ws.insert_chart(CHART_ROWS[2], CHART_COL, line, CHART_SCALE)
