"""The moments of a step as clerks name them: the head in brackets, the end named by the opposite word of the
report's step, bilingual headers read half by half. Each log is written here by hand."""

from __future__ import annotations

from pathlib import Path

from sheetdesk.legacy import import_legacy
from tests.legacy.test_evidence import D, targets, write_csv


def test_the_head_of_a_header_may_stand_in_brackets(tmp_path: Path) -> None:
    rows = [["报修单号", "报障（时间）", "上门（时间）", "修复（日期）", "处理时长（小时）", "故障情况"]]
    rows += [[f"B{i}", f"2024-04-0{i + 1} 08:10", f"2024-04-0{i + 1} 10:00", f"2024-04-0{i + 2}", "3", "水泵异响"]
             for i in range(6)]  # fmt: skip
    result = import_legacy(write_csv(tmp_path / "b.csv", rows), "repairs")
    t = {label.replace("(", "（").replace(")", "）"): key for label, key in targets(result).items()}
    assert t["报障（时间）"] == "reported_at" and t["上门（时间）"] == "on_site_at"
    assert t["修复（日期）"] in ("resolved_at", "resolved_at.date")
    assert t["处理时长（小时）"] == "keep"  # a unit in brackets is still a duration
    assert result.records[0]["on_site_at"] == D(2024, 4, 1, 10, 0)
    rows = [["Job", "Logged (dd/mm/yyyy hh:mm)", "Arrived (time)", "Finished (date/time)", "Issue"]]
    rows += [[f"J{i}", f"1{i}/05/2024 07:00", f"1{i}/05/2024 08:30", f"1{i}/05/2024 11:45", "Leak"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "e.csv", rows), "repairs")
    t = targets(result)
    assert t["Logged (dd/mm/yyyy hh:mm)"] == "reported_at"
    assert t["Arrived (time)"] == "on_site_at" and t["Finished (date/time)"] == "resolved_at"
    assert result.records[0]["resolved_at"] == D(2024, 5, 10, 11, 45)


def test_the_end_of_the_reports_step_is_the_fix_when_its_values_follow(tmp_path: Path) -> None:
    # a workshop: the vehicle comes in and goes out
    rows = [["维修单号", "入厂日期", "出厂日期", "故障描述", "修理工"]]
    rows += [[f"R{i}", f"2024-03-0{i + 1}", f"2024-03-0{i + 2}", "异响", "钱师傅"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "w.csv", rows), "repairs"))
    assert t["入厂日期"] in ("reported_at", "reported_at.date") and t["出厂日期"] in ("resolved_at", "resolved_at.date")
    # alone, 出厂日期 is when the unit was made: no moment of the repair
    rows = [["维修单号", "报修日期", "出厂日期", "故障描述"]]
    rows += [[f"R{i}", f"2024-03-0{i + 1}", f"2019-0{i + 1}-15", "异响"] for i in range(6)]
    assert targets(import_legacy(write_csv(tmp_path / "m.csv", rows), "repairs"))["出厂日期"] == "keep"
    # a machine stops and runs again; English words of the same step
    rows = [["Ref", "Stopped At", "Restarted At", "Problem"]]
    rows += [[f"S{i}", f"2024-07-0{i + 1} 06:00", f"2024-07-0{i + 1} 09:20", "Hydraulic leak"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "s.csv", rows), "repairs")
    assert targets(result)["Restarted At"] == "resolved_at"
    assert result.records[2]["resolved_at"] == D(2024, 7, 3, 9, 20)
    # values earlier than the report in a row: not the end of its step, left to the clerk
    rows = [["Ref", "Stopped At", "Restarted At", "Problem"]]
    rows += [[f"S{i}", f"2024-07-0{i + 2} 06:00", f"2024-07-0{i + 1} 09:20", "Hydraulic leak"] for i in range(6)]
    assert targets(import_legacy(write_csv(tmp_path / "x.csv", rows), "repairs"))["Restarted At"] == "keep"


def test_a_bilingual_header_is_read_half_by_half(tmp_path: Path) -> None:
    rows = [["编号 Ref No", "停运时间 Down Time", "复运时间 Up Time", "现象 Symptom", "检修人 Fitter"]]
    rows += [[f"P{i}", f"2024-08-0{i + 1} 01:00", f"2024-08-0{i + 1} 04:30", "泵不出水", "Chen Hao"] for i in range(6)]
    t = targets(import_legacy(write_csv(tmp_path / "h.csv", rows), "repairs"))
    assert t["停运时间 Down Time"] == "reported_at" and t["复运时间 Up Time"] == "resolved_at"
    assert t["现象 Symptom"] == "fault_description" and t["检修人 Fitter"] == "technician"


def test_more_words_for_steps_people_and_parts(tmp_path: Path) -> None:
    rows = [["工单号", "告警产生时间", "告警消除时间", "修毕时间", "维修技工", "配件更换", "工程师签名", "故障内容"]]
    rows += [[f"G{i}", f"2024-09-0{i + 1} 02:00", f"2024-09-0{i + 1} 03:10", f"2024-09-0{i + 1} 05:00", "孙强",
              "风扇", "孙强", "温度高"] for i in range(6)]  # fmt: skip
    t = targets(import_legacy(write_csv(tmp_path / "g.csv", rows), "repairs"))
    assert t["告警消除时间"] == "resolved_at" or t["修毕时间"] == "resolved_at"
    assert t["维修技工"] == "technician" and t["配件更换"] == "parts"
    assert t["工程师签名"] != "signed_off"  # the engineer's signature is not the customer's
    rows = [["Job #", "Reported", "On Site", "Time Left Site", "Total Invoiced"]]
    rows += [[f"J{i}", f"2024-02-0{i + 1} 08:00", f"2024-02-0{i + 1} 09:00", f"2024-02-0{i + 1} 11:00", "120"]
             for i in range(6)]  # fmt: skip
    t = targets(import_legacy(write_csv(tmp_path / "l.csv", rows), "repairs"))
    assert t["On Site"] == "on_site_at" and t["Time Left Site"] != "on_site_at"
    assert t["Total Invoiced"] == "fee_charged"
