"""What each column of the twelve public logs in /work/shared/realworld should map to.

Decided by reading each file's header and values (see that folder's README
for the sources), never from the importer's output:
- a string is the key the column needs (its date / time part is not judged here);
- a tuple lists the targets that would be right, none of them needed
  (`Close_Time` may fill resolved_at only where no resolution time exists,
  a department may or may not stand for the technician);
- a column not named must not get a key: it stays in notes (or is skipped).
Columns that hold no value at all are not judged.
"""

from __future__ import annotations

from typing import Any

Truth = dict[str, str | tuple[str, ...]]
KEEP = ("keep", "skip")

TRUTH: dict[str, Truth] = {
    "xiepeiheng__": {
        "日期": "reported_at",
        "开始时间": "reported_at",
        "结束时间": "resolved_at",
        "故障描述": "fault_description",
        "故障部位": "fault_category",
        "维修部门": ("technician",),  # the repair team (换型, 电工): the nearest there is to who repaired
        "机组": ("serial_no",),  # the mill line, one machine per line
        "故障原因": ("cause",),  # cause codes 9, 10: the key is right, its values cannot be read
    },
    "nlp-tlp__": {
        "BscStartDate": "reported_at",
        "Asset": "serial_no",
        "OriginalShorttext": "fault_description",
        "MajorSystem": "fault_category",
        "Action": "action",  # Replace / Repair
        "Part": ("parts",),
        "FM": ("fault_category",),  # failure mode
        "Comments": ("notes",),
        "id": ("ticket_no",),  # a unique number per work order, equal to the row index
    },
    "openrepair__": {
        "id": "ticket_no",
        "date": "reported_at",
        "problem": "fault_description",
    },
    "chinthan11shah__": {
        "number": "ticket_no",
        "opened_at": "reported_at",
        "resolved_at": "resolved_at",
        "priority": "fault_level",
        "assigned_to": "technician",
        "contact_type": "channel",
        "u_symptom": "fault_description",
        "category": "fault_category",
        "subcategory": ("fault_category",),
        "closed_at": ("resolved_at",),
        "sys_created_at": ("reported_at",),
        "resolved_by": ("technician",),
        "impact": ("fault_level",),
        "urgency": ("fault_level",),
    },
    "cystanford__": {
        "id": "ticket_no",
        "desc": "fault_description",
        "datetime": "reported_at",
        "problem": ("fault_category",),  # complaint codes H93,H15,
    },
    "juhijj__": {
        "Problem Number": "ticket_no",
        "Problem Latest Impact": ("fault_level",),  # High / Medium / Low impact
        "Problem Involved Action Owner First Name": ("technician",),
        # "Problem Change Date+Time" is when the event row changed: not when the problem was reported.
    },
    "Arzaan-k__": {
        "Job Order No.": "ticket_no",
        "Timestamp": "reported_at",
        "Whats the complaint?": "fault_description",
        "Technician Name": "technician",
        "Material List": "parts",
        "Remark": ("notes",),
        "Work Description/Technician Comments": ("notes",),
        "Issue(s) found / Observation(s)": ("fault_description",),
        "Issue/Complaint Logged": ("fault_description",),
        "Observations": ("fault_description",),
        "Container Number": ("serial_no",),  # the reefer container serviced
        "Work Type": ("request_type",),
        "Call Attended Type": ("channel",),  # EMAIL / CALL / PM
        "Amount": ("fee_charged",),
        "Type": ("fault_category",),
        # "Remedial Action" is free text (never the Action choice); "Indent No" is a parts requisition.
    },
    "BrahmVanH__": {
        "Category": "fault_category",  # Mechanical / HVAC / Boiler
        "Priority": "fault_level",
        "Description": "fault_description",
        "Assigned to": "technician",
        "Date Entered": "reported_at",
        "Date Completed": "resolved_at",
        "Title": ("fault_description",),
        "Completed By": ("technician",),
    },
    "fluency828__": {
        "停机记录号": "ticket_no",
        "停机时间": "reported_at",
        "恢复时间": "resolved_at",
        "故障描述": "fault_description",
        "系统": "fault_category",  # the turbine system that failed
        "风机名称": ("serial_no",),
        "区域": ("branch",),
        "风场名称": ("branch",),
        "备注": ("notes",),
    },
    "irelia123__": {
        "故障时间": "reported_at",
        "恢复时间": "resolved_at",
        "故障类型": "fault_category",
        "故障原因": ("cause",),  # 在用纤芯断, 小动物破坏: the key is right, no value reads as a choice
        "区县": ("branch",),
        "责任部门": ("technician",),
        "通知/移交时间": ("responded_at",),
    },
    "kyykang__": {
        "流水号": "ticket_no",
        "创建日期": "reported_at",
        "需求内容": "fault_description",
        "工单类型": ("fault_category", "request_type"),
        "工单类型子类型": ("fault_category",),
    },
    "MargaridaIFM__": {
        "Incident_ID": "ticket_no",
        "Priority": "fault_level",
        "Open_Time": "reported_at",
        "Resolved_Time": "resolved_at",
        "Category": ("fault_category", "request_type"),  # incident / request for information
        "Close_Time": ("resolved_at",),
        "Impact": ("fault_level",),
        "Urgency": ("fault_level",),
        "CI_Name": ("serial_no",),
        "CI_Cat": ("fault_category",),
        "CI_Subcat": ("fault_category",),
    },
}


def judge(columns: list[Any], truth: Truth) -> tuple[list[str], list[str], int, int]:
    """(keys given wrongly, needed keys missed, keys given, columns needing a key) over non-empty columns."""
    wrong, missed = [], []
    given = needed = 0
    for c in columns:
        if not c.samples:
            continue  # an empty column: nothing to judge
        key = c.target.key if c.target.is_field else str(c.target)
        want = truth.get(c.label)
        allowed = (want,) if isinstance(want, str) else (want or ())
        if isinstance(want, str):
            needed += 1
            if key != want:
                missed.append(f"{c.label}: {key}, needs {want}")
        if c.target.is_field:
            given += 1
            if key not in allowed:
                wrong.append(f"{c.label}: {key}, expected {want or 'no key'}")
    return wrong, missed, given, needed
