"""The curated synonym table: legacy headers (English and Chinese) -> targets.

The schema's labels and aliases are what a standard workbook uses; legacy
logs say the same things in many more ways. Each entry is
`target: (confidence, spellings...)`; spellings are compared after
`normalize_label` (case, spaces, underscores, brackets and `*` ignored).
The headers of the four real-world logs in the test suite are listed here
on purpose (`BscStartDate`, `OriginalShorttext`, `u_symptom`, `开始时间`...).

`VALUE_SYNONYMS` widens the schema's enums for values legacy logs use:
ITIL priorities ("2 - High"), `Replace`, `TRUE/FALSE`.
"""

from __future__ import annotations

from functools import lru_cache

from sheetdesk.schema import Register, normalize_label

Entries = dict[str, tuple[float, tuple[str, ...]]]

TICKET = (
    "单号",
    "维修单号",
    "报修编号",
    "工单号",
    "工单编号",
    "服务单号",
    "派工单号",
    "维修编号",
    "报修单编号",
    "ticket#",
    "ticket no",
    "ticket id",
    "ticket number",
    "work order",
    "work order no",
    "wo no",
    "wo number",
    "case #",
    "case no",
    "case number",
    "case id",
    "incident",
    "incident no",
    "incident number",
    "request no",
    "sr no",
    "number",
)
SERIAL = (
    "出厂编号",
    "序列号",
    "机身编号",
    "产品编号",
    "设备编号",
    "机器编号",
    "整机编号",
    "机号",
    "serial",
    "serial no",
    "serial number",
    "sn",
    "s/n",
    "asset",
    "asset no",
    "asset id",
    "equipment no",
    "equipment id",
    "machine no",
    "unit no",
)
BRANCH = ("网点", "分公司", "服务网点", "维修网点", "所属网点", "服务站", "branch", "office", "site", "depot")
NOTES = ("备注", "说明", "备注说明", "remarks", "remark", "comments", "comment", "note", "notes", "memo")

REPAIRS: Entries = {
    "ticket_no": (0.9, TICKET),
    "serial_no": (0.85, SERIAL),
    "reported_at": (
        0.9,
        (
            "报修时间",
            "受理时间",
            "来电时间",
            "报障时间",
            "故障时间",
            "发生时间",
            "停机时间",
            "opened_at",
            "opened",
            "open date",
            "opened date",
            "created_at",
            "created",
            "reported",
            "reported at",
            "report date",
            "date reported",
            "request date",
            "call time",
            "start date",
            "bscstartdate",
            "basic start date",
        ),
    ),
    "reported_at.date": (0.85, ("日期", "故障日期", "发生日期", "报修日", "date")),
    "reported_at.time": (
        0.85,
        ("开始时间", "时间", "报修时刻", "开始", "start time", "start", "time", "time reported"),
    ),
    "resolved_at": (
        0.9,
        (
            "修复时间",
            "完成时间",
            "解决时间",
            "resolved_at",
            "resolved",
            "resolved date",
            "fixed",
            "completed",
            "completed at",
            "completion date",
            "finish date",
        ),
    ),
    "resolved_at.time": (0.85, ("结束时间", "修复时刻", "完成时刻", "结束", "end time", "end", "finish time")),
    "responded_at": (0.85, ("响应时间", "接单时间", "response time", "responded", "responded at")),
    "on_site_at": (0.85, ("到场时间", "到达时间", "上门时间", "arrival", "arrived", "on site")),
    "channel": (0.85, ("受理方式", "报修方式", "渠道", "来源", "contact_type", "contact type", "source")),
    "request_type": (0.85, ("服务类别", "服务类型", "报修类型", "请求类型", "request type", "service type", "type")),
    "fault_level": (
        0.85,
        ("故障级别", "故障等级", "级别", "紧急程度", "优先级", "等级", "priority", "severity", "level"),
    ),
    "fault_category": (
        0.8,
        (
            "故障类别",
            "故障类型",
            "故障部位",
            "故障部件",
            "故障分类",
            "category",
            "fault category",
            "fault type",
            "majorsystem",
            "major system",
            "system",
            "component",
        ),
    ),
    "fault_description": (
        0.9,
        (
            "故障描述",
            "故障现象",
            "问题描述",
            "故障内容",
            "报修内容",
            "故障情况",
            "描述",
            "现象",
            "description",
            "short description",
            "short_description",
            "problem",
            "fault",
            "symptom",
            "u_symptom",
            "issue",
            "originalshorttext",
            "short text",
            "shorttext",
            "details",
        ),
    ),
    "technician": (
        0.85,
        (
            "维修人员",
            "维修人",
            "维修工",
            "维修工程师",
            "工程师",
            "维修部门",
            "维修班组",
            "处理人",
            "责任人",
            "technician",
            "engineer",
            "assigned_to",
            "assigned to",
            "assignee",
            "resolver",
        ),
    ),
    "cause": (0.85, ("故障原因", "原因", "cause", "root cause", "failure cause")),
    "action": (0.8, ("处理措施", "处理方式", "维修措施", "action", "action taken")),
    "parts": (0.8, ("更换配件", "配件", "更换部件", "parts", "parts used", "spare parts")),
    "parts_cost": (0.85, ("配件费", "材料费", "parts cost", "material cost")),
    "labor_cost": (0.85, ("人工费", "维修费", "工时费", "labor cost", "labour cost")),
    "fee_charged": (0.85, ("实收费用", "收费", "实收", "收费金额", "fee", "charged", "amount charged")),
    "loaner": (0.85, ("备用机", "loaner")),
    "signed_off": (0.85, ("客户签字", "用户签字", "签字", "signed", "signed off")),
    "branch": (0.85, BRANCH),
    "notes": (0.85, NOTES),
}

# A log with both resolved_at and closed_at keeps resolved_at; closed_at only
# when nothing better is there (lower confidence loses the conflict).
REPAIRS_WEAK: Entries = {
    "ticket_no": (0.6, ("id", "编号", "no")),
    "resolved_at": (0.7, ("closed_at", "closed", "close date", "关闭时间", "关单时间")),
}

SALES: Entries = {
    "serial_no": (0.9, SERIAL),
    "product": (0.85, ("产品名称", "产品", "品名", "设备名称", "名称", "product", "product name", "item")),
    "model": (0.85, ("规格型号", "型号", "规格", "机型", "model", "model no", "model number")),
    "category": (0.8, ("产品类别", "类别", "品类", "product_category", "product category", "category")),
    "sale_date": (
        0.85,
        (
            "售出日期",
            "销售日期",
            "购买日期",
            "购机日期",
            "发货日期",
            "sale date",
            "date sold",
            "sold",
            "sold on",
            "purchase date",
            "invoice date",
        ),
    ),
    "acceptance_date": (
        0.85,
        ("验收日期", "安装日期", "安装验收日期", "acceptance", "installation date", "install date", "installed"),
    ),
    "customer": (
        0.85,
        (
            "用户单位",
            "客户",
            "客户名称",
            "用户",
            "单位",
            "用户名称",
            "购买单位",
            "customer",
            "client",
            "buyer",
            "account",
        ),
    ),
    "contact": (0.85, ("联系人", "contact", "contact person", "contact name")),
    "phone": (0.85, ("电话", "联系电话", "手机", "手机号", "电话号码", "phone", "tel", "telephone", "mobile")),
    "fax": (0.85, ("传真", "fax")),
    "address": (0.85, ("地址", "联系地址", "通讯地址", "详细地址", "address")),
    "postcode": (0.85, ("邮编", "邮政编码", "postcode", "zip", "zip code", "postal code")),
    "branch": (0.85, BRANCH),
    "contract_no": (0.85, ("合同编号", "合同号", "contract", "contract no")),
    "notes": (0.85, NOTES),
}

SALES_WEAK: Entries = {
    "sale_date": (0.7, ("日期", "date")),
}

CALLBACKS: Entries = {
    "ticket_no": (0.9, TICKET),
    "callback_at": (0.9, ("回访时间", "回访日期", "callback time", "callback date", "call date")),
    "callback_at.date": (0.8, ("日期", "date")),
    "callback_at.time": (0.8, ("时间", "time")),
    "caller": (0.85, ("回访人", "回访人员", "回访员", "caller", "called by", "agent")),
    "satisfaction": (0.85, ("满意度", "满意程度", "客户满意度", "评价", "satisfaction", "rating")),
    "comments": (0.85, ("客户意见", "意见", "用户意见", "客户反馈", "反馈", "comments", "feedback")),
    "escalated_to": (0.85, ("反映主管", "上报主管", "上报", "escalated to", "escalation")),
    "notes": (0.85, ("备注", "说明", "remarks", "remark", "note", "notes", "memo")),
}

TABLES: dict[str, tuple[Entries, ...]] = {
    "repairs": (REPAIRS, REPAIRS_WEAK),
    "sales": (SALES, SALES_WEAK),
    "callbacks": (CALLBACKS,),
}


@lru_cache(maxsize=8)
def label_lookup(register: Register) -> dict[str, tuple[str, float, str]]:
    """Folded spelling -> (target, confidence, kind of evidence).

    Schema labels and keys are 1.0, schema aliases 0.95, curated synonyms
    their table's confidence. The first, strongest entry of a spelling wins.
    """
    table: dict[str, tuple[str, float, str]] = {}
    for f in register.fields:
        for spelling in (f.key, f.en, f.zh):
            table.setdefault(normalize_label(spelling), (f.key, 1.0, "label"))
    for f in register.fields:
        for spelling in f.aliases:
            table.setdefault(normalize_label(spelling), (f.key, 0.95, "schema alias"))
    for entries in TABLES.get(register.key, ()):
        for target, (confidence, spellings) in entries.items():
            for spelling in spellings:
                table.setdefault(normalize_label(spelling), (target, confidence, "synonym"))
    return table


# Values legacy logs use for enum choices, beyond the schema's aliases.
VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "fault_level": {
        "critical": "I",
        "urgent": "I",
        "紧急": "I",
        "特急": "I",
        "非常紧急": "I",
        "high": "II",
        "高": "II",
        "严重": "II",
        "较急": "II",
        "medium": "III",
        "moderate": "III",
        "normal": "III",
        "中": "III",
        "一般": "III",
        "low": "IV",
        "低": "IV",
        "轻微": "IV",
        "不急": "IV",
        "i级": "I",
        "ii级": "II",
        "iii级": "III",
        "iv级": "IV",
    },
    "action": {
        "replace": "replace_part",
        "更换": "replace_part",
        "换": "replace_part",
        "修理": "repair",
        "fix": "repair",
        "fixed": "repair",
        "remote support": "remote",
        "电话指导": "remote",
    },
    "channel": {
        "phone call": "phone",
        "call": "phone",
        "电话报修": "phone",
        "walkin": "visit",
        "walk in": "visit",
        "self service": "web",
        "selfservice": "web",
        "portal": "web",
        "微信": "web",
    },
    "satisfaction": {
        "很满意": "satisfied",
        "比较满意": "basically_satisfied",
        "较满意": "basically_satisfied",
        "还行": "basically_satisfied",
        "不太满意": "dissatisfied",
    },
    "yesno": {"yes": "yes", "no": "no", "t": "yes", "f": "no", "有备用机": "yes", "没有": "no"},
}
