"""The three registers of SPEC §2, declared once.

The reader, the template writer, the validator and the docs all read these.
"""

from __future__ import annotations

from sheetdesk.schema import enums as E
from sheetdesk.schema.fields import Field, Register

SALES = Register(
    key="sales",
    en="Sales",
    zh="销售登记",
    aliases=("Sales Register", "销售登记表", "销售台账", "销售记录"),
    description_en="One row per product sold. Decides warranty.",
    description_zh="每售出一台产品一行，用于判定保修状态。",
    fields=(
        Field("serial_no", "Serial No", "出厂编号", "text", required=True, unique=True, width=16,
              aliases=("Serial", "Serial Number", "SN", "S/N", "序列号", "机身编号", "产品编号"),
              hint_en="Unique; kept as text (leading zeros)", hint_zh="唯一；按文本保存（保留前导零）"),
        Field("product", "Product", "产品名称", text_format=False, required=True, width=18,
              aliases=("Product Name", "产品", "品名")),
        Field("model", "Model", "规格型号", required=True, aliases=("型号", "规格")),
        Field("category", "Category", "产品类别", text_format=False, aliases=("类别", "Product Category"),
              hint_en="Picks the warranty policy row", hint_zh="决定适用的保修政策"),
        Field("sale_date", "Sale Date", "售出日期", "date", required=True,
              aliases=("Sold On", "销售日期", "购买日期", "Purchase Date")),
        Field("acceptance_date", "Acceptance Date", "验收日期", "date",
              aliases=("Accepted On", "安装验收日期"), hint_en="On or after the sale date",
              hint_zh="不早于售出日期"),
        Field("customer", "Customer", "用户单位", text_format=False, required=True, width=22,
              aliases=("Customer Name", "客户", "客户名称", "用户", "单位")),
        Field("contact", "Contact", "联系人", text_format=False),
        Field("phone", "Phone", "电话", width=15, aliases=("Tel", "Telephone", "联系电话", "手机")),
        Field("fax", "Fax", "传真"),
        Field("address", "Address", "地址", width=26, aliases=("通讯地址",)),
        Field("postcode", "Postcode", "邮编", aliases=("Zip", "Postal Code", "邮政编码")),
        Field("branch", "Branch", "网点", text_format=False, required=True,
              aliases=("分公司", "服务网点", "Office", "Site")),
        Field("contract_no", "Contract No", "合同编号", aliases=("Contract", "合同号")),
        Field("notes", "Notes", "备注", width=20, aliases=("Remarks", "Note", "说明")),
    ),
)

REPAIRS = Register(
    key="repairs",
    en="Repairs",
    zh="维修记录",
    aliases=("Repair Log", "报修记录单", "报修记录", "维修登记", "Service Requests"),
    description_en="One row per service request. Decides SLA.",
    description_zh="每次报修/投诉/咨询一行，用于计算服务时限。",
    fields=(
        Field("ticket_no", "Ticket No", "报修单号", required=True, unique=True, width=14,
              aliases=("Ticket", "Ticket#", "Ticket Number", "单号", "维修单号", "报修编号",
                       "工单号", "Work Order", "Case #", "Case No")),
        Field("serial_no", "Serial No", "出厂编号", required=True, width=16,
              aliases=("Serial", "Serial Number", "SN", "S/N", "序列号", "机身编号")),
        Field("reported_at", "Reported At", "报修时间", "datetime", required=True, width=17,
              aliases=("Reported", "Report Time", "报修日期", "受理时间")),
        Field("channel", "Channel", "受理方式", "enum", enum=E.CHANNEL, aliases=("报修方式",)),
        Field("request_type", "Request Type", "服务类别", "enum", enum=E.REQUEST_TYPE,
              aliases=("Type", "类型", "服务类型"), hint_en="Blank = repair", hint_zh="空白即报修"),
        Field("fault_level", "Fault Level", "故障级别", "enum", enum=E.FAULT_LEVEL,
              aliases=("Level", "Severity", "Priority", "级别", "故障等级"),
              hint_en="I (critical) … IV (minor); required for repairs",
              hint_zh="一级（最紧急）…四级；报修必填"),
        Field("fault_category", "Fault Category", "故障类别", text_format=False, aliases=("故障类型", "Fault Type"),
              hint_en="Same category on the same serial = the same problem",
              hint_zh="同一编号同一类别视为同一故障"),
        Field("fault_description", "Fault Description", "故障描述", required=True, width=28,
              aliases=("Fault", "Problem", "Description", "故障现象", "问题描述")),
        Field("responded_at", "Responded At", "响应时间", "datetime", width=17,
              aliases=("Response Time",)),
        Field("plan_at", "Plan Submitted At", "方案提交时间", "datetime", width=17,
              aliases=("Plan At", "方案时间")),
        Field("on_site_at", "On Site At", "到场时间", "datetime", width=17,
              aliases=("Arrived At", "Arrival Time", "到达时间", "上门时间")),
        Field("resolved_at", "Resolved At", "修复时间", "datetime", width=17,
              aliases=("Resolved", "Fixed At", "完成时间", "修复日期")),
        Field("technician", "Technician", "维修人员", text_format=False, aliases=("Engineer", "维修工程师", "工程师", "维修人")),
        Field("cause", "Cause", "故障原因", "enum", enum=E.CAUSE, aliases=("原因",)),
        Field("action", "Action", "处理措施", "enum", enum=E.ACTION, aliases=("处理方式", "处理结果")),
        Field("parts", "Parts Used", "更换配件", width=18, aliases=("Parts", "配件")),
        Field("parts_cost", "Parts Cost", "配件费", "number", min_value=0, aliases=("配件费用",)),
        Field("labor_cost", "Labor Cost", "人工费", "number", min_value=0,
              aliases=("Labour Cost", "人工费用", "维修费")),
        Field("fee_charged", "Fee Charged", "实收费用", "number", min_value=0,
              aliases=("Fee", "Charged", "收费", "实收")),
        Field("loaner", "Loaner Provided", "备用机", "yesno", enum=E.YES_NO,
              aliases=("Loaner", "是否提供备用机")),
        Field("signed_off", "Customer Signed", "客户签字", "yesno", enum=E.YES_NO,
              aliases=("Signed", "Signed Off", "用户签字")),
        Field("branch", "Branch", "网点", text_format=False, aliases=("分公司", "服务网点", "Office"),
              hint_en="Blank = the sale's branch", hint_zh="空白即取销售网点"),
        Field("notes", "Notes", "备注", width=20, aliases=("Remarks", "Note", "说明")),
    ),
)

CALLBACKS = Register(
    key="callbacks",
    en="Callbacks",
    zh="回访记录",
    aliases=("Callback Sheet", "回访记录表", "回访", "电话回访"),
    description_en="One row per follow-up call after a repair.",
    description_zh="每次维修后的电话回访一行。",
    fields=(
        Field("ticket_no", "Ticket No", "报修单号", required=True, width=14,
              aliases=("Ticket", "Ticket#", "单号", "维修单号", "工单号")),
        Field("callback_at", "Callback At", "回访时间", "datetime", required=True, width=17,
              aliases=("Callback Time", "回访日期")),
        Field("caller", "Caller", "回访人", text_format=False, aliases=("Called By", "回访人员")),
        Field("satisfaction", "Satisfaction", "满意度", "enum", enum=E.SATISFACTION,
              aliases=("满意程度",)),
        Field("comments", "Comments", "客户意见", width=28, aliases=("Feedback", "意见", "用户意见")),
        Field("escalated_to", "Escalated To", "反映主管", text_format=False, aliases=("Escalation", "上报主管"),
              hint_en="Required when dissatisfied", hint_zh="不满意时必填"),
        Field("notes", "Notes", "备注", width=20, aliases=("Remarks", "Note", "说明")),
    ),
)

REGISTERS: tuple[Register, ...] = (SALES, REPAIRS, CALLBACKS)
REGISTERS_BY_KEY = {r.key: r for r in REGISTERS}
