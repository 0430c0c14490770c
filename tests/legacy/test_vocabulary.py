"""The lexicon's concepts, not its spellings: abbreviations, steps named alone, money units, the maker's serial,
Chinese modifier x head compounds. Each log is written here by hand, as clerks and systems write such logs."""

from __future__ import annotations

from pathlib import Path

from sheetdesk.legacy import import_legacy
from tests.legacy.test_evidence import D, targets, write_csv


def test_abbreviations_are_read_as_the_words_they_stand_for(tmp_path: Path) -> None:
    rows = [["Job Ref", "Date Rec'd", "1st Resp Time", "Compl. Date", "Prob. Desc", "Matls Used", "Engr"]]
    rows += [[f"J-{i}", f"2024-02-0{i + 1} 08:00", f"2024-02-0{i + 1} 09:30", f"2024-02-0{i + 1} 15:00",
              "Boiler lockout", "Ignition lead", "P. Shaw"] for i in range(6)]  # fmt: skip
    t = targets(import_legacy(write_csv(tmp_path / "a.csv", rows), "repairs"))
    assert t == {"Job Ref": "ticket_no", "Date Rec'd": "reported_at", "1st Resp Time": "responded_at",
                 "Compl. Date": "resolved_at", "Prob. Desc": "fault_description", "Matls Used": "parts",
                 "Engr": "technician"}  # fmt: skip


def test_a_step_named_alone_is_its_moment_when_the_values_are_dates(tmp_path: Path) -> None:
    rows = [["Call No", "Notified", "Engineer Dispatched", "Site Attended", "Fault Cleared", "Returned to Service",
             "Fault Found"]]  # fmt: skip
    rows += [[f"C{i}", f"{i + 13}/03/2024 07:00", f"{i + 13}/03/2024 07:20", f"{i + 13}/03/2024 08:05",
              f"{i + 13}/03/2024 09:40", f"{i + 13}/03/2024 10:15", "Door lock out of adjustment"] for i in range(6)]  # fmt: skip
    result = import_legacy(write_csv(tmp_path / "s.csv", rows), "repairs")
    t = targets(result)
    assert t["Notified"] == "reported_at" and t["Engineer Dispatched"] == "responded_at"
    assert t["Site Attended"] == "on_site_at"
    assert "resolved_at" in (t["Fault Cleared"], t["Returned to Service"])
    assert t["Fault Found"] != "resolved_at"  # what was found, not when
    assert result.records[0]["on_site_at"] == D(2024, 3, 13, 8, 5)
    # the same words over yes/no values are no moments
    rows = [["Call No", "Reported", "Attended", "Problem"]]
    rows += [[f"C{i}", f"2024-03-0{i + 1} 07:00", "Yes" if i % 2 else "No", "Lift stuck"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "y.csv", rows), "repairs"))
    assert t["Attended"] == "keep"


def test_crews_operatives_installers_are_the_technician(tmp_path: Path) -> None:
    for header in ("Service Crew", "Operative", "Installer", "Crew Member"):
        rows = [["Job No", "Reported", header]] + [[f"W{i}", f"2024-01-1{i} 06:00", "D. Hughes"] for i in range(6)]
        assert targets(import_legacy(write_csv(tmp_path / "c.csv", rows), "repairs"))[header] == "technician"


def test_a_currency_in_a_header_makes_it_an_amount(tmp_path: Path) -> None:
    rows = [["Job No.", "Date Reported", "Fault", "Spares Used", "Spares (€)", "Labour (£)", "Charge (USD)"]]
    rows += [
        [f"J{i}", f"2024-06-0{i + 1} 09:00", "No heat", "Thermocouple", "18.50", "95.00", "113.50"] for i in range(6)
    ]
    result = import_legacy(write_csv(tmp_path / "m.csv", rows), "repairs")
    t = targets(result)
    assert t["Spares Used"] == "parts" and t["Spares (€)"] == "parts_cost"
    assert t["Labour (£)"] == "labor_cost" and t["Charge (USD)"] == "fee_charged"
    assert result.records[0]["parts"] == "Thermocouple" and result.records[0]["labor_cost"] == 95
    rows = [["单号", "报修时间", "故障现象", "备件(元)", "工时(元)", "合计(元)"]]
    rows += [[f"D{i}", f"2024-05-0{i + 1} 09:00", "漏水", "35", "50", "85"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "y.csv", rows), "repairs"))
    assert (t["备件(元)"], t["工时(元)"], t["合计(元)"]) == ("parts_cost", "labor_cost", "fee_charged")


def test_hours_of_labour_are_not_its_cost(tmp_path: Path) -> None:
    rows = [["W/O No", "Date Reported", "Description", "Total Labor Hours", "Labor Total"]]
    rows += [[f"W{i}", f"2024-01-1{i}", "Pump seal leak", "2.5", "237.50"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "h.csv", rows), "repairs"))
    assert t["Total Labor Hours"] == "keep" and t["Labor Total"] == "labor_cost"


def test_the_makers_serial_wins_over_the_owners_asset_number(tmp_path: Path) -> None:
    rows = [["Incident", "Opened", "Asset No", "Printer S/N", "Summary"]]
    rows += [[f"IN{i}", f"2024-03-0{i + 1} 08:00", f"IT-{100 + i}", f"VNB{7000 + i}", "Toner smears"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "e.csv", rows), "repairs"))
    assert t["Printer S/N"] == "serial_no" and t["Asset No"] == "keep"
    rows = [["Job", "Equipment ID", "Pump Serial", "Reported"]]
    rows += [[f"W{i}", f"EQ{100 + i}", f"P{9000 + i}", f"2024-02-0{i + 1} 07:45"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "w.csv", rows), "repairs"))
    assert t["Pump Serial"] == "serial_no" and t["Equipment ID"] == "keep"


def test_a_log_with_priority_and_severity_takes_its_level_from_the_priority(tmp_path: Path) -> None:
    rows = [["Job No", "Opened", "Problem", "Severity", "Priority"]]
    rows += [[f"J-{i}", f"2024-02-0{i + 1} 08:30", "Boiler not firing", "Major", "Low"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "p.csv", rows), "repairs")
    t = targets(result)
    assert t["Priority"] == "fault_level" and t["Severity"] == "keep"
    assert result.records[0]["fault_level"] == "IV"


def test_the_reason_for_a_call_is_the_fault(tmp_path: Path) -> None:
    rows = [["Call Ref", "Date Called", "Reason for Call", "How Reported"]]
    rows += [[f"CR{i}", f"2024-02-0{i + 1} 10:00", "Heating not working", "Phone"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "r.csv", rows), "repairs"))
    assert t == {"Call Ref": "ticket_no", "Date Called": "reported_at", "Reason for Call": "fault_description",
                 "How Reported": "channel"}  # fmt: skip


def test_an_error_log_names_its_moments_by_the_error(tmp_path: Path) -> None:
    rows = [["Ticket No", "Unit S/N", "Error Start", "Error End", "Alarm Type", "Fault Description"]]
    rows += [
        [f"T-{i}", f"U{9000 + i}", f"2024-04-0{i + 1} 13:04", f"2024-04-0{i + 1} 16:19", "Cooling", "Fan failure"]
        for i in range(6)
    ]
    t = targets(import_legacy(write_csv(tmp_path / "a.csv", rows), "repairs"))
    assert t["Error Start"] == "reported_at" and t["Error End"] == "resolved_at"
    assert t["Alarm Type"] == "fault_category"


def test_a_factory_serial_wins_over_an_asset_number_in_chinese_too(tmp_path: Path) -> None:
    rows = [["报修单号", "固定资产编号", "产品序列号", "报修日期", "故障描述"]]
    rows += [[f"BX{i}", f"GZ-{100 + i}", f"SN{9000 + i}", f"2024-03-0{i + 1}", "开机报错"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "z.csv", rows), "repairs"))
    assert t["产品序列号"] == "serial_no" and t["固定资产编号"] == "keep"


def test_registration_and_identification_codes_of_a_unit_are_its_serial(tmp_path: Path) -> None:
    for header, value in (
        ("设备注册代码", "3110{:016d}"),
        ("车辆识别代号", "LSVAM41{:010d}"),
        ("水表编号", "SB{:06d}"),
    ):
        rows = [["报修时间", header, "故障现象"]] + [
            [f"2024-01-0{i + 1} 08:00", value.format(i), "异响"] for i in range(6)
        ]
        assert targets(import_legacy(write_csv(tmp_path / "r.csv", rows), "repairs"))[header] == "serial_no", header


def test_chinese_work_words_make_people_and_moments(tmp_path: Path) -> None:
    rows = [["工单号", "申报时间", "开工时间", "恢复供水时间"]]
    rows += [
        [f"G{i}", f"2024-04-0{i + 1} 07:00", f"2024-04-0{i + 1} 08:00", f"2024-04-0{i + 1} 12:00"] for i in range(6)
    ]
    t = targets(import_legacy(write_csv(tmp_path / "c.csv", rows), "repairs"))
    assert t["申报时间"] == "reported_at" and t["开工时间"] == "on_site_at" and t["恢复供水时间"] == "resolved_at"
    for header in ("维保工程师", "售后工程师", "驻场工程师"):
        rows = [["工单号", "报修时间", header]] + [[f"G{i}", f"2024-04-0{i + 1} 07:00", "王磊"] for i in range(6)]
        assert targets(import_legacy(write_csv(tmp_path / "p.csv", rows), "repairs"))[header] == "technician"


def test_parts_as_clerks_name_them(tmp_path: Path) -> None:
    for header in ("所用物料", "备件名称及数量", "配件名称、型号", "换件名称"):
        rows = [["单据号", "送修日期", header]] + [[f"WX{i}", f"2024/03/0{i + 1}", "刹车片1套"] for i in range(6)]
        assert targets(import_legacy(write_csv(tmp_path / "p.csv", rows), "repairs"))[header] == "parts", header
    rows = [["单据号", "送修日期", "备件数量"]] + [[f"WX{i}", f"2024/03/0{i + 1}", "2"] for i in range(6)]
    assert targets(import_legacy(write_csv(tmp_path / "q.csv", rows), "repairs"))["备件数量"] == "keep"


def test_channels_as_clerks_write_them(tmp_path: Path) -> None:
    values = ["服务热线", "公众号", "门店", "电话", "小程序", "Hotline"]
    rows = [["受理单号", "报修日期", "受理渠道", "故障现象"]]
    rows += [[f"SL{i}", f"2024-03-0{i + 1}", v, "不制冷"] for i, v in enumerate(values)]
    result = import_legacy(write_csv(tmp_path / "c.csv", rows), "repairs")
    assert targets(result)["受理渠道"] == "channel"
    assert [r["channel"] for r in result.records] == ["phone", "web", "visit", "phone", "web", "phone"]


def test_the_title_of_a_request_stands_in_for_its_description(tmp_path: Path) -> None:
    rows = [["报修编号", "工单标题", "提交日期"]] + [[f"BX{i}", "空调漏水", f"2023-07-1{i}"] for i in range(6)]
    assert targets(import_legacy(write_csv(tmp_path / "t.csv", rows), "repairs"))["工单标题"] == "fault_description"


def test_the_fault_or_the_work_in_front_of_a_step_leaves_its_meaning(tmp_path: Path) -> None:
    rows = [["工单号", "报修时间", "故障处理时间", "客户确认时间", "检测人员"]]
    rows += [
        [f"G{i}", f"2024-04-0{i + 1} 07:00", f"2024-04-0{i + 1} 11:00", f"2024-04-0{i + 1} 12:00", "王磊"]
        for i in range(6)
    ]
    t = targets(import_legacy(write_csv(tmp_path / "w.csv", rows), "repairs"))
    assert t["故障处理时间"] == "resolved_at" and t["检测人员"] == "technician"
    assert t["客户确认时间"] == "keep"  # the customer's confirmation is no response of the service


def test_the_engineer_taking_the_ticket_is_the_response_not_the_dispatch(tmp_path: Path) -> None:
    rows = [["工单流水号", "故障名称", "故障发生时间", "派单时间", "接单时间", "到户时间"]]
    rows += [
        [f"LS{i}", "停水", f"2024-06-0{i + 1} 10:00", f"2024-06-0{i + 1} 10:05", f"2024-06-0{i + 1} 10:20",
         f"2024-06-0{i + 1} 11:30"]
        for i in range(6)
    ]  # fmt: skip
    t = targets(import_legacy(write_csv(tmp_path / "d.csv", rows), "repairs"))
    assert t["接单时间"] == "responded_at" and t["派单时间"] != "responded_at"
    assert t["到户时间"] == "on_site_at" and t["故障名称"] == "fault_description"
    rows = [[r[0], r[2], r[3]] for r in rows]  # a log that only dispatches: the dispatch is the response
    assert targets(import_legacy(write_csv(tmp_path / "e.csv", rows), "repairs"))["派单时间"] == "responded_at"
