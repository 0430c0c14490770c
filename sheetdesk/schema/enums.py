"""The enums of SPEC §2, with their English and Chinese values."""

from __future__ import annotations

from sheetdesk.schema.fields import Choice, Enum

CHANNEL = Enum(
    "channel",
    (
        Choice("phone", "Phone", "电话", ("tel", "telephone", "来电")),
        Choice("email", "Email", "邮件", ("e-mail", "mail", "电子邮件")),
        Choice("fax", "Fax", "传真"),
        Choice("visit", "Visit", "上门", ("walk-in", "来访")),
        Choice("web", "Web", "网站", ("website", "online", "网上")),
        Choice("letter", "Letter", "来函", ("post", "信函")),
    ),
)

REQUEST_TYPE = Enum(
    "request_type",
    (
        Choice("repair", "Repair", "报修", ("维修", "故障")),
        Choice("complaint", "Complaint", "投诉"),
        Choice("consultation", "Consultation", "咨询", ("inquiry", "enquiry")),
        Choice("maintenance", "Maintenance", "维护", ("保养", "巡检")),
    ),
    default="repair",
)

FAULT_LEVEL = Enum(
    "fault_level",
    (
        Choice("I", "I", "一级", ("1", "1.0", "Ⅰ", "一", "level 1", "l1", "p1", "1级")),
        Choice("II", "II", "二级", ("2", "2.0", "Ⅱ", "二", "level 2", "l2", "p2", "2级")),
        Choice("III", "III", "三级", ("3", "3.0", "Ⅲ", "三", "level 3", "l3", "p3", "3级")),
        Choice("IV", "IV", "四级", ("4", "4.0", "Ⅳ", "四", "level 4", "l4", "p4", "4级")),
    ),
)

CAUSE = Enum(
    "cause",
    (
        Choice("quality", "Quality", "质量问题", ("quality issue", "defect", "质量")),
        Choice("misuse", "Misuse", "使用不当"),
        Choice("human_damage", "Human Damage", "人为损坏"),
        Choice("water", "Water", "进水受潮", ("进水", "受潮", "water damage")),
        Choice("drop", "Drop", "摔落碰撞", ("摔落", "碰撞", "dropped")),
        Choice("transport", "Transport", "运输损坏", ("shipping damage",)),
        Choice("unauthorized_repair", "Unauthorized Repair", "私自拆修", ("私自拆机",)),
        Choice("tampered_serial", "Tampered Serial", "编号涂改"),
        Choice("force_majeure", "Force Majeure", "不可抗力"),
        Choice("wear", "Wear", "正常磨损", ("wear and tear", "磨损")),
        Choice("unknown", "Unknown", "待查", ("tbd", "未知")),
    ),
)

# Causes that make a repair billable whatever the warranty window (SPEC §4).
EXCLUDED_CAUSES = frozenset(
    {
        "misuse",
        "human_damage",
        "water",
        "drop",
        "transport",
        "unauthorized_repair",
        "tampered_serial",
        "force_majeure",
        "wear",
    }
)

ACTION = Enum(
    "action",
    (
        Choice("repair", "Repair", "维修"),
        Choice("replace_part", "Replace Part", "更换配件", ("换件",)),
        Choice("replace_unit", "Replace Unit", "整机更换", ("换机",)),
        Choice("return", "Return", "退货"),
        Choice("remote", "Remote", "远程指导", ("远程",)),
    ),
)

SATISFACTION = Enum(
    "satisfaction",
    (
        Choice("satisfied", "Satisfied", "满意", ("very satisfied", "非常满意")),
        Choice("basically_satisfied", "Basically Satisfied", "基本满意", ("ok", "fair", "一般")),
        Choice("dissatisfied", "Dissatisfied", "不满意", ("unsatisfied", "很不满意")),
    ),
)

YES_NO = Enum(
    "yesno",
    (
        Choice("yes", "Yes", "是", ("y", "true", "1", "有", "√", "✓")),
        Choice("no", "No", "否", ("n", "false", "0", "无", "×")),
    ),
)

CALENDAR_KIND = Enum(
    "calendar",
    (
        Choice("24x7", "24x7", "全天", ("7x24", "24/7", "7×24", "24×7")),
        Choice("business", "business", "工作时间", ("5x8", "5×8", "office")),
    ),
)

START_FROM = Enum(
    "start_from",
    (
        Choice("acceptance", "acceptance", "验收日期", ("验收",)),
        Choice("sale", "sale", "售出日期", ("售出", "sale_date")),
    ),
)

HOLIDAY_KIND = Enum(
    "holiday_kind",
    (
        Choice("holiday", "holiday", "节假日", ("假日", "休息", "放假")),
        Choice("workday", "workday", "调休上班", ("补班", "上班", "调休", "make-up")),
    ),
)

# Why a ticket is on hold (the Holds register; the Pauses policy sheet says which
# SLA targets each reason pauses).
HOLD_REASON = Enum(
    "hold_reason",
    (
        Choice(
            "waiting_parts", "Waiting for parts", "待料",
            ("waiting parts", "parts", "awaiting parts", "缺料", "等配件", "等待配件", "缺少配件", "待配件"),
        ),
        Choice(
            "waiting_customer", "Waiting for customer", "待客户确认",
            ("waiting customer", "awaiting customer", "customer confirmation", "等客户确认", "待确认", "客户确认"),
        ),
        Choice(
            "customer_unavailable", "Customer not available", "客户不在",
            ("customer unavailable", "customer absent", "no access", "客户不在场", "无法上门", "联系不上"),
        ),
        Choice(
            "waiting_vendor", "Waiting for manufacturer", "待厂家",
            ("waiting vendor", "waiting for vendor", "manufacturer", "vendor", "等厂家", "返厂", "待厂家处理"),
        ),
        Choice("other", "Other", "其他", ("其它",)),
    ),
)  # fmt: skip
# The planned visits of SPEC §8 (Visits register, Maintenance policy sheet).
VISIT_KIND = Enum(
    "visit_kind",
    (
        Choice("inspection", "Inspection", "巡检", ("hardware check", "check", "硬件检查", "检查")),
        Choice("maintenance", "Maintenance", "保养", ("service", "维护保养", "数据备份", "backup")),
        Choice("upgrade", "Upgrade", "升级", ("software upgrade", "软件升级")),
        Choice("return_visit", "Return Visit", "回访", ("return", "上门回访", "follow-up visit")),
        Choice("phone_visit", "Phone Visit", "电话回访", ("phone", "电话询访", "电话", "call", "满意度调查")),
    ),
)

VISIT_RESULT = Enum(
    "visit_result",
    (
        Choice("normal", "Normal", "正常", ("ok", "良好", "无异常")),
        Choice("fault_found", "Fault Found", "发现故障", ("fault", "故障", "异常")),
        Choice("customer_absent", "Customer Absent", "客户不在", ("absent", "no answer", "未联系上", "无人")),
    ),
)

# How long a maintenance plan runs: the free warranty, the paid warranty (free and
# paid), or for as long as the unit is in service.
PLAN_DURING = Enum(
    "plan_during",
    (
        Choice("warranty", "warranty", "保修期内", ("free", "保修期", "免费保修期", "质保期内")),
        Choice("paid", "paid", "有偿保修期内", ("paid warranty", "有偿保修期", "保修及有偿期内")),
        Choice("lifetime", "lifetime", "终身", ("always", "lifelong", "长期", "一直")),
    ),
)
