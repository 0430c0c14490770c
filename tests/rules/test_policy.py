"""Policy sheets read (io.policy_source: the registers' header detection and value
parsers) and built into the model (rules.policy_build)."""

import datetime as dt
from typing import Any

import pytest

from sheetdesk.errors import PolicyError
from sheetdesk.io.policy_source import default_policy, parse_policy, policy_sheet_key
from sheetdesk.rules.durations import Duration
from sheetdesk.rules.policy import Settings, SlaRule, WarrantyRule
from sheetdesk.schema.policy import DEFAULT_POLICY_ROWS, SLA
from tests.helpers.labels import header

H = 3600


def sla_rule(rtype: str, level: str, *durations: Duration | None, calendar: str, loaner: Duration | None) -> SlaRule:
    """An SLA rule from its four targets in the declared order (response, plan, on site, resolve)."""
    targets = dict(zip(("response", "plan", "on_site", "resolve"), durations, strict=True))
    return SlaRule(rtype, level, targets, calendar, loaner)  # type: ignore[arg-type]


def test_default_policy_is_the_spec() -> None:
    p = default_policy()
    assert p.warranty == (WarrantyRule("*", 7, 15, 12, None, "acceptance", 2),)
    h = lambda n: Duration(seconds=round(n * H))  # noqa: E731
    assert p.sla == (
        sla_rule("repair", "I", h(1), h(1.5), None, h(4), calendar="24x7", loaner=h(4)),
        sla_rule("repair", "II", h(2), h(3), h(2), h(8), calendar="24x7", loaner=h(48)),
        sla_rule("repair", "III", h(4), None, Duration(days=1), Duration(days=3), calendar="business", loaner=None),
        sla_rule("repair", "IV", Duration(days=1), None, None, Duration(days=7), calendar="business", loaner=None),
        sla_rule("complaint", "*", h(12), None, None, Duration(days=2), calendar="business", loaner=None),
        sla_rule("consultation", "*", Duration(days=1), None, None, None, calendar="business", loaner=None),
    )
    assert p.windows == {d: ((540, 1020),) for d in range(5)}
    assert p.holidays == frozenset() and p.workdays == frozenset()
    assert p.settings == Settings(3, 1.0, 0.98, "CN")
    assert p.warnings == ()
    assert DEFAULT_POLICY_ROWS["warranty"][0][0] == "category"


def test_lookups() -> None:
    p = default_policy()
    assert p.sla_for("repair", "III") is p.sla[2]
    assert p.sla_for(None, "I") is p.sla[0]  # blank type = repair
    assert p.sla_for("complaint", "II") is p.sla[4]  # * matches any level
    assert p.sla_for("complaint", None) is p.sla[4]
    assert p.sla_for("maintenance", "I") is None
    assert p.sla_for("repair", None) is None
    assert p.warranty_for("Laptop").category == "*"
    assert p.calendar("24x7").is_24x7
    business = p.calendar("business")
    assert business is p.calendar("business")  # cached
    assert dt.date(2025, 10, 1) in business.holidays  # country CN
    with pytest.raises(ValueError):
        p.calendar("weekdays")


def test_sla_exact_level_beats_star() -> None:
    p = parse_policy(
        {
            "sla": (
                "SLA",
                [
                    ["request_type", "fault_level", "response", "calendar"],
                    ["complaint", "*", "12h", "business"],
                    ["complaint", "I", "1h", "24x7"],
                ],
            )
        }
    )
    assert p.sla_for("complaint", "I").target("response") == Duration(seconds=H)  # type: ignore[union-attr]
    assert p.sla_for("complaint", "II").target("response") == Duration(seconds=12 * H)  # type: ignore[union-attr]


def test_chinese_labels_title_rows_and_cell_types() -> None:
    sheets: dict[str, tuple[str, list[list[Any]]]] = {
        "warranty": (
            "质保政策",
            [
                ["某某公司质保政策", None, None],
                [],
                ["产品类别", "退货天数", "换货天数", "免费保修月数", "有偿保修月数", "起算日", "换机维修次数"],
                ["*", 7.0, "15", 24, "", "售出日期", 3],
                ["打印机", 3, 7, 6, 12, "验收", None],
            ],
        ),
        "sla": (
            "服务时限",
            [
                ["服务类别", "故障级别", "响应时限", "方案时限", "到场时限", "修复时限", "日历", "备用机时限"],
                ["报修", "一级", "30分钟", "", "", "4小时", "全天", "1天"],
                ["投诉", "", "1d", None, None, "2d", "工作时间", None],
            ],
        ),
        "calendar": (
            "工作时间",
            [
                ["星期", "开始", "结束"],
                ["周一", 0.375, 0.5],
                ["星期一", dt.time(13, 0), "17:30"],
                ["2", dt.timedelta(hours=8), "12：00"],
                ["Sat", "22:00", "24:00"],
                [7, "8", 1.0],
            ],
        ),
        "holidays": (
            "节假日",
            [["日期", "类型", "名称"], [dt.date(2025, 12, 31), "假日", "公司年会"], ["2025/12/27", "补班", ""]],
        ),
        "settings": (
            "设置",
            [["设置项", "值"], ["回访天数", 5], ["回访率目标", 95], ["满意度目标", "90%"], ["国家", ""]],
        ),
    }
    p = parse_policy(sheets)
    star, printer = p.warranty
    assert star == WarrantyRule("*", 7, 15, 24, None, "sale", 3)
    assert printer == WarrantyRule("打印机", 3, 7, 6, 12, "acceptance", 3)  # blank -> the * row
    assert p.warranty_for("打印机") is printer
    rep, comp = p.sla
    assert (rep.request_type, rep.fault_level, rep.calendar) == ("repair", "I", "24x7")
    assert rep.target("response") == Duration(seconds=1800) and rep.loaner_after == Duration(days=1)
    assert (comp.request_type, comp.fault_level, comp.calendar) == ("complaint", "*", "business")
    assert p.windows == {0: ((540, 720), (780, 1050)), 1: ((480, 720),), 5: ((1320, 1440),), 6: ((480, 1440),)}
    assert p.holidays == {dt.date(2025, 12, 31)} and p.workdays == {dt.date(2025, 12, 27)}
    assert p.settings == Settings(callback_days=5, callback_rate_target=0.95, satisfaction_target=0.9, country=None)
    cal = p.calendar("business")
    assert dt.date(2025, 10, 1) not in cal.holidays  # no country: no built-in holidays
    assert cal.covered_years is None


def test_missing_sheet_keeps_default_present_sheet_replaces_whole() -> None:
    p = parse_policy({"calendar": ("Calendar", [["weekday", "start", "end"], ["Mon", "08:00", "12:00"]])})
    assert p.windows == {0: ((480, 720),)}
    assert p.sla == default_policy().sla
    assert not p.calendar("business").is_working_day(dt.date(2025, 1, 7))  # Tuesday has no rows
    p = parse_policy({"settings": ("Settings", [["setting", "value"], ["callback_days", 7]])})
    assert p.settings == Settings(callback_days=7)  # other settings: built-in defaults


def test_own_holiday_rows_win_over_cn_table() -> None:
    p = parse_policy(
        {
            "holidays": (
                "Holidays",
                [["date", "kind"], ["2025-09-28", "holiday"], ["2025-10-08", "workday"]],
            )
        }
    )
    cal = p.calendar("business")
    assert dt.date(2025, 9, 28) in cal.holidays and dt.date(2025, 9, 28) not in cal.workdays
    assert dt.date(2025, 10, 8) in cal.workdays and dt.date(2025, 10, 8) not in cal.holidays
    assert dt.date(2025, 10, 7) in cal.holidays


def test_percent_spellings() -> None:
    for value in (0.98, 98, "98%", "0.98", "98 ％"):
        p = parse_policy({"settings": ("Settings", [["setting", "value"], ["satisfaction_target", value]])})
        assert p.settings.satisfaction_target == pytest.approx(0.98)


def bad(sheets: dict[str, tuple[str, list[list[Any]]]]) -> list[tuple[str, str | None, str | None]]:
    with pytest.raises(PolicyError) as info:
        parse_policy(sheets)
    assert str(info.value).startswith("bad policy: ")
    return [(i.code, i.sheet, i.cell) for i in info.value.issues if i.severity == "error"]


SLA_HEAD = header(SLA)  # the policy sheet's English labels


@pytest.mark.parametrize(
    ("key", "rows", "expected"),
    [
        ("sla", [SLA_HEAD, ["repair", "I", "1h", "", "", "4h", "weekdays", ""]], ("policy.bad_calendar", "G2")),
        (
            "sla",
            [["Service levels 2025"], SLA_HEAD, ["repair", "I", "soon", "", "", "4h", "24x7", ""]],
            ("policy.bad_duration", "C3"),
        ),
        ("sla", [SLA_HEAD, ["repair", "I", "1h"], ["repair", "I", "2h"]], ("policy.duplicate_row", "B3")),
        ("sla", [SLA_HEAD, ["complaint", "*", "1h"], ["complaint", "", "2h"]], ("policy.duplicate_default", "B3")),
        ("sla", [SLA_HEAD, ["repair", "V", "1h"]], ("policy.bad_value", "B2")),
        ("sla", [SLA_HEAD, ["", "I", "1h"]], ("policy.missing_value", "A2")),
        ("warranty", [["category", "return_days"], ["*", 7], ["*", 10]], ("policy.duplicate_default", "A3")),
        ("warranty", [["category", "return_days"], ["*", "seven"]], ("policy.bad_number", "B2")),
        ("warranty", [["category", "start_from"], ["*", "delivery"]], ("policy.bad_value", "B2")),
        ("calendar", [["weekday", "start", "end"], ["Funday", "09:00", "17:00"]], ("policy.bad_weekday", "A2")),
        ("calendar", [["weekday", "start", "end"], ["Mon", "09:00", "09:00"]], ("policy.bad_window", "C2")),
        ("calendar", [["weekday", "start", "end"], ["Mon", "nine", "17:00"]], ("policy.bad_time", "B2")),
        ("calendar", [["weekday", "start", "end"], ["Mon", "24:00", "17:00"]], ("policy.bad_time", "B2")),
        ("calendar", [["weekday", "start", "end"], ["Mon", "25:00", "17:00"]], ("policy.bad_time", "B2")),
        (
            "calendar",
            [["weekday", "start", "end"], ["Mon", "09:00", "13:00"], ["Mon", "12:00", "17:00"]],
            ("policy.overlapping_windows", "B3"),
        ),
        ("calendar", [["weekday", "start", "end"]], ("policy.no_windows", None)),
        ("holidays", [["date", "kind"], ["2025-13-01", "holiday"]], ("policy.bad_date", "A2")),
        (
            "holidays",
            [["date", "kind"], ["2025-10-01", "holiday"], [dt.date(2025, 10, 1), "workday"]],
            ("policy.duplicate_row", "A3"),
        ),
        ("settings", [["setting", "value"], ["callback_hours", 3]], ("policy.unknown_setting", "A2")),
        ("settings", [["setting", "value"], ["satisfaction_target", "150%"]], ("policy.bad_percent", "B2")),
        ("settings", [["setting", "value"], ["country", "FR"]], ("policy.bad_value", "B2")),
        ("settings", [["x", "y"], ["callback_days", 3]], ("policy.no_header", None)),
    ],
)
def test_bad_policy_cells(key: str, rows: list[list[Any]], expected: tuple[str, str | None]) -> None:
    code, cell = expected
    assert bad({key: ("Sheet1", rows)}) == [(code, "Sheet1", cell)]


def test_every_problem_is_reported_at_once() -> None:
    issues = bad(
        {
            "sla": ("SLA", [SLA_HEAD, ["repair", "I", "x", "", "", "y", "24x7", ""]]),
            "settings": ("Settings", [["setting", "value"], ["colour", "red"]]),
        }
    )
    assert issues == [
        ("policy.bad_duration", "SLA", "C2"),
        ("policy.bad_duration", "SLA", "F2"),
        ("policy.unknown_setting", "Settings", "A2"),
    ]


def test_long_night_window_is_a_warning() -> None:
    p = parse_policy({"calendar": ("Calendar", [["weekday", "start", "end"], ["Mon", "17:00", "09:00"]])})
    assert p.windows == {0: ((1020, 540),)}
    assert [(w.code, w.cell) for w in p.warnings] == [("policy.long_night_window", "C2")]


def test_policy_sheet_key() -> None:
    assert policy_sheet_key("质保政策") == "warranty"
    assert policy_sheet_key(" sla ") == "sla"
    assert policy_sheet_key("工作时间") == "calendar"
    assert policy_sheet_key("Sales") is None


def test_weekday_ranges_and_lists() -> None:
    rows: list[list[Any]] = [
        ["weekday", "start", "end"],
        ["Mon-Fri", "09:00", "12:00"],
        ["周一至周五", "13:00", "17:00"],
        ["Sat, Sun", "10:00", "14:00"],
    ]
    p = parse_policy({"calendar": ("Calendar", rows)})
    assert p.windows[4] == ((540, 720), (780, 1020))
    assert p.windows[6] == ((600, 840),)
    issues = bad(
        {"calendar": ("Calendar", [["weekday", "start", "end"], ["1-5", "09:00", "17:00"], ["Fri", "16:00", "18:00"]])}
    )
    assert issues == [("policy.overlapping_windows", "Calendar", "B3")]


def test_issues_name_the_file() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy({"sla": ("SLA", [SLA_HEAD, ["repair", "I", "soon"]])}, file="policy.xlsx")
    assert [(i.file, i.cell, i.value) for i in info.value.issues] == [("policy.xlsx", "C2", "soon")]


def test_default_rows_survive_an_xlsx_round_trip(tmp_path: Any) -> None:
    """What calamine gives back from a workbook holding DEFAULT_POLICY_ROWS parses to the default."""
    openpyxl = pytest.importorskip("openpyxl")
    calamine = pytest.importorskip("python_calamine")
    from sheetdesk.schema.policy import POLICY_BY_KEY

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for key, rows in DEFAULT_POLICY_ROWS.items():
        ws = wb.create_sheet(POLICY_BY_KEY[key].zh)
        ws.append([f"{POLICY_BY_KEY[key].zh}（示例标题行）"])
        ws.append([POLICY_BY_KEY[key].field(k).zh for k in rows[0]])  # Chinese headers
        for row in rows[1:]:
            ws.append(row)
    path = tmp_path / "policy.xlsx"
    wb.save(path)
    book = calamine.CalamineWorkbook.from_path(str(path))
    sheets: dict[str, tuple[str, list[list[Any]]]] = {}
    for name in book.sheet_names:
        found = policy_sheet_key(name)
        assert found is not None
        sheets[found] = (name, book.get_sheet_by_name(name).to_python())
    assert parse_policy(sheets) == default_policy()


def test_base_warnings_kept_unless_their_sheet_is_replaced() -> None:
    night = parse_policy({"calendar": ("Calendar", [["weekday", "start", "end"], ["Mon", "17:00", "09:00"]])})
    assert len(night.warnings) == 1
    over = parse_policy({"settings": ("设置", [["setting", "value"], ["callback_days", 2]])}, base=night)
    assert over.warnings == night.warnings and over.settings.callback_days == 2 and over.windows == night.windows
    fixed = parse_policy(
        {"calendar": ("Calendar", [["weekday", "start", "end"], ["Mon", "09:00", "17:00"]])}, base=night
    )
    assert fixed.warnings == ()


@pytest.mark.parametrize(
    ("key", "rows", "cell", "says"),
    [
        ("settings", [["setting", "value"], ["callback_days", 1e12]], "B2", "from 0 to 365"),
        ("warranty", [["category", "free_months"], ["*", 1e9]], "B2", "from 0 to 1200"),
        ("warranty", [["category", "paid_months"], ["*", -1]], "B2", "from 0 to 1200"),
        ("warranty", [["category", "return_days"], ["*", "9" * 400]], "B2", "is not a number"),
        ("sla", [SLA_HEAD, ["repair", "I", "1" * 400 + "h"]], "C2", "duration"),
        ("sla", [SLA_HEAD, ["repair", "I", "400d"]], "C2", "at most 365d"),
        ("sla", [SLA_HEAD, ["repair", "I", "1h", None, None, 9999999]], "F2", "at most 365d"),
        ("sla", [SLA_HEAD, ["repair", "I", "1h", None, None, 99999999]], "F2", "longer than 9999 years"),
    ],
)
def test_absurd_values_are_findings_at_their_cell(key: str, rows: list[list[Any]], cell: str, says: str) -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy({key: ("Sheet1", rows)})
    (issue,) = info.value.issues
    assert issue.cell == cell and says in issue.message
    assert issue.text("zh") != issue.message


def test_holiday_dates_in_every_register_form_and_dash_is_blank() -> None:
    rows: list[list[Any]] = [
        ["date", "kind", "name"],
        ["20251001", "holiday", "National Day"],
        ["2 Oct 2025", "-", None],  # a dash is blank: the default kind, holiday
        [45933, "holiday", "-"],
        ["Oct 11, 2025", "workday", None],
        ["-", "-", "-"],  # a row of dashes is a blank row
    ]
    p = parse_policy({"holidays": ("Holidays", rows)})
    assert p.holidays == {dt.date(2025, 10, 1), dt.date(2025, 10, 2), dt.date(2025, 10, 3)}
    assert p.workdays == {dt.date(2025, 10, 11)}


def test_messages_are_in_both_languages() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy({"sla": ("服务时限", [SLA_HEAD, ["repair", "V", "1h"]])})
    (issue,) = info.value.issues
    assert issue.message == "fault_level: 'V' is not one of: *, I, II, III, IV"
    assert issue.text("zh") == "故障级别：'V' 不是以下之一：*、一级、二级、三级、四级"
    assert info.value.text("zh").startswith("政策有误：服务时限!B2：")
