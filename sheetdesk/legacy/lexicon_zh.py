"""The Chinese half of the lexicon: 台账 / 工单 / 报修单 / 维修单 / 巡检 / 回访 headers.

Chinese headers are head-final (`报修` + `时间`, `维修` + `人员`), so a rule
is a pattern whose head sits at the end of the header, with the modifiers
that give it its meaning in front; `veto` names modifiers that make it mean
something else (`联系人` is not the technician, `计划完成时间` is not when
the repair was done, `停机时长` is a duration, not a moment). Patterns run
on the folded header with bracketed units removed (`停机时长（h）` ->
`停机时长`). See `lexicon` for the English half and the weights.
"""

from __future__ import annotations

from sheetdesk.legacy.lexicon import ZhRule

_T = "(的)?(时间|日期|时刻|日期时间|时间点|日|时)$"
NOT_A_MOMENT_ZH = (
    "时长|历时|耗时|用时|时限|期限|预计|计划|截止|下次|下一次|更新|修改|变更|失效|到期|超时|要求|"
    "约定|承诺|预约|保修|质保|生产|出厂|购买|采购|入库|出库|有效"
)
_TICKET_HEAD = "(单)?(编号|号码|单号|号|编码|id|no|流水号)$"
# Modifiers that name the ticket itself (the clerk's 报修单 / 工单) ...
_TICKET_OWN = (
    "工单|报修|服务|派工|报障|故障|投诉|案件|事件|申请|信息|返修|售后|保修|索赔|受理|送修|报警|呼叫|来电|需求|请求|报事|"
    "告警|诉求|反映|咨询|派修|急修"
)
# ... and modifiers of a record kept about it (one ticket may have several repair or work records).
_TICKET_MOD = _TICKET_OWN + "|维修|单据|记录|流水|任务|业务|检修|抢修|工作|作业|问题|停机|维保|巡检|回访|报告|登记"
_NOT_A_TICKET = (
    "设备|资产|出厂|机身|产品|序列|合同|订单|发票|物料|配件|零件|客户|用户|电话|手机|车牌|车架|发动机|"
    "联系|身份证|工号|批次|型号|规格|条码|备件|部件|采购|入库|出库|领料|领用|关联|父|上级|知识|员工|人员"
)
# A unit's own number; a registration or identification word may stand between the unit and the head
# (`电梯注册代码`, `车辆识别代号` is the VIN, `设备识别码`).
_ID_OF_UNIT = "(注册|登记|使用登记|识别|铭牌|唯一)?(序列)?(编号|号码|号|编码|序列号|sn|id|代码|条码|标签|识别码|代号|注册码|位号|标识|标识码)$"
_SERIAL = (
    "(出厂|机身|设备|产品|整机|机器|仪器|车辆|车架|发动机|主机|机台|终端|仪表|电梯|机组|水表|电表|气表|燃气表|热表|"
    f"表具|计量表){_ID_OF_UNIT}"
)
# The owner's asset number: the unit's number too, but the maker's serial wins when a log has both.
_ASSET = f"(资产|固定资产){_ID_OF_UNIT}"
# The number of one unit named by its kind: 焊机编号, 空调机号, 电梯编码, 3号泵 ... (Chinese names a machine by
# its last character: 机 / 器 / 仪 / 泵 / 梯 / 柜 / 炉 / 阀 / 灯; vehicles are 车辆 / 车架 / 车牌 above).
_UNIT_NUMBER = "[\u4e00-\u9fff]{0,6}(机|器|仪|泵|梯|柜|炉|阀|灯)(编号|编码|号码|序列号|序号|sn|id|号)$"
_NOT_A_UNIT = "手机|电话|座机|传真|联系|工单|报修|订单|合同|发票|单据|车间|服务|网点|车牌|司机|话机"
_SERIAL_ALONE = (
    "^(序列号|sn码|sn号|机身号|机号|车号|车牌|车牌号|车牌号码|车架号|vin|vin码|imei|设备码|条码|条形码|"
    "产品条码|表号|底盘号|机器码|出厂号)$"
)
# What was used or fitted: 用料 / 物料 / 换件 are what a clerk calls the parts of a job.
_PARTS = "(配件|部件|零件|备件|材料|零部件|耗材|备品备件|用料|物料|辅料|换件|更换件|主材)"
_NOT_A_PERSON = (
    "申请|报修|报障|联系|录入|登记|填报|填表|创建|制表|审核|客户|用户|验收|回访|上报|报告|提出|发起|使用|送修|来电|投诉"
)

# What a step, a person or a moment may be of without changing its meaning: the fault, the work, the ticket
# (`故障处理时间` is `处理时间`, `维保完成时间` is `完成时间`). A rule's match is read as explaining these words
# too when they stand right in front of it. (Not 客户 / 用户: `客户确认时间` is another step.)
ZH_SUBJECTS = (
    "故障|问题|维修|检修|维保|保养|抢修|急修|修理|处理|工单|报修|设备|现场|实际|本次|工作|作业|任务|事件|告警|最终"
)

ZH_RULES: dict[str, tuple[ZhRule, ...]] = {
    "repairs": (
        ZhRule(
            "ticket_no", 0.85, f"(?:{_TICKET_MOD})*(?:{_TICKET_OWN})(?:{_TICKET_MOD})*{_TICKET_HEAD}", _NOT_A_TICKET
        ),
        ZhRule("ticket_no", 0.8, f"(?:{_TICKET_MOD})+{_TICKET_HEAD}", _NOT_A_TICKET),
        ZhRule("serial_no", 0.85, _SERIAL, "型号|规格|名称|类别|类型|合同|订单"),
        ZhRule("serial_no", 0.85, _SERIAL_ALONE),
        ZhRule("serial_no", 0.8, _ASSET, "型号|规格|名称|类别|类型|合同|订单"),
        ZhRule("serial_no", 0.7, _UNIT_NUMBER, _NOT_A_UNIT),  # weaker than 出厂编号 / 产品编号 / 设备编号
        ZhRule(
            "reported_at",
            0.85,
            "(报修|报障|报警|告警|报告|故障|停机|停电|中断|发生|发现|受理|来电|接报|开始|创建|提交|申请|上报|报单|"
            f"下单|送修|进厂|接修|报案|投诉|呼叫|报停|出现|停运|跳闸|起始|生成|发起|提出|接到|申报|报事){_T}",
            NOT_A_MOMENT_ZH + "|响应|到场|到达|完成|修复|恢复|结束|关闭",
        ),
        ZhRule("reported_at", 0.65, f"(登记|录入|填报|填写|记录|制单|建单){_T}", NOT_A_MOMENT_ZH),
        ZhRule("reported_at", 0.65, "^(日期|时间|日期时间|时间日期|发生日期|年月日)$"),
        ZhRule(
            "resolved_at",
            0.85,
            "(修复|完成|解决|结束|恢复|完工|完工确认|完成确认|竣工|修好|排除|处理完毕|处理完|维修完毕|维修完成|处理完成|消缺|完修|"
            "复电|送电|启机|并网|修竣|办结|终止|停止|"
            # an alarm or a fault cleared: 告警清除时间, 故障消除时间, 消警时间
            "清除|消除|消警|解除|修毕|修完|修理完毕|检修完毕|"
            # service is back: 恢复供水 / 恢复运行 / 恢复使用
            f"(恢复|重新)(运行|使用|供水|供电|供气|供暖|通水|通气|正常|生产|营业|通车|通信|通讯|服务)){_T}",
            NOT_A_MOMENT_ZH + "|开始|计划",
        ),
        ZhRule(
            "resolved_at", 0.65, f"(关闭|关单|结单|销单|销记|销号|销项|归档|闭环|结案|验收|办结){_T}", NOT_A_MOMENT_ZH
        ),
        ZhRule("resolved_at", 0.6, f"(取机|取件|交机|还机|返还|交付|交车|提车|取车|还车){_T}", NOT_A_MOMENT_ZH),
        # the end of the work, as 开始处理时间 is its start
        ZhRule("resolved_at", 0.85, f"(结束|完成|完毕)(处理|维修|检修|抢修|施工|作业){_T}", NOT_A_MOMENT_ZH),
        # When the work was done (维修日期 beside 报修日期): the nearest key is the fix; weak, so a clearer
        # 完成时间 wins it.
        ZhRule(
            "resolved_at",
            0.6,
            f"(维修|检修|处理|抢修|修理|施工|维护|作业|维保|保养|检测|急修){_T}",
            NOT_A_MOMENT_ZH + "|开始|起始",
        ),
        ZhRule(
            "responded_at",
            0.8,
            f"(响应|接单|签收|确认|接收){_T}",
            NOT_A_MOMENT_ZH
            + "|完工|完成|修复|结束|关闭|验收|结案|客户|用户|业主",  # `客户确认时间` is the customer's step
        ),
        # The desk hands the ticket on (派单) before the engineer takes it (接单): the response is the taking,
        # and the dispatch only when no column says so.
        ZhRule("responded_at", 0.7, f"(分派|指派|派单|派工|派发|转派){_T}", NOT_A_MOMENT_ZH),
        ZhRule("responded_at", 0.6, f"(受理|接报|接警|接件){_T}", NOT_A_MOMENT_ZH),
        ZhRule(
            "on_site_at",
            0.8,
            f"(到场|到达现场|抵达现场|赶到现场|到达|上门|到现场|抵达|到厂|进场|现场|签到|到站|到点|到户|入户|到位){_T}",
            NOT_A_MOMENT_ZH,
        ),
        ZhRule(
            "on_site_at",
            0.6,
            f"((维修|检修|处理|抢修|施工|作业|维保|保养|检测)开始|开始(维修|检修|处理|抢修|施工|作业|维保|保养|检测)|开工){_T}",
            NOT_A_MOMENT_ZH,
        ),
        ZhRule("plan_at", 0.75, f"(方案|报价)(提交|提供|给出)?{_T}", NOT_A_MOMENT_ZH.replace("计划|", "")),
        ZhRule(
            "technician",
            0.85,
            "(维修|检修|维护|保养|修理|处理|负责|责任|经办|执行|接单|服务|施工|抢修|巡检|值班|主修|跟进|"
            "操作|承修|作业|巡查|巡视|点检|检查|安装|调试|上门|保养|运维|承办|主办|维保|机修|驻场|驻点|售后|现场|检测|急修)"
            "(人|人员|员|工|者|工程师|师傅|技师|技工|技术员)"
            "(姓名|名字)?$",
            _NOT_A_PERSON,
        ),
        ZhRule(
            "technician",
            0.85,
            "^(工程师|技术员|技师|维修工|修理工|师傅|检修工|电工|维修师傅|维修工程师|服务工程师|派工对象|处理人|维修人|责任人|"
            "维修者|检修人)(姓名)?$",
        ),
        ZhRule("technician", 0.7, "(维修|检修|维护|抢修|修理)(部门|班组|组|班|队|车间)$"),
        ZhRule(
            "fault_description",
            0.85,
            "(故障|问题|报修|报障|投诉|需求|申报|事件|工单|异常|缺陷|现象|症状|情况|告警|报警|预警)(描述|现象|内容|说明|情况|"
            "详情|简述|摘要|表现|概述|症状)$",
            "类别|类型|分类|代码|编号|级别|等级|原因|部位|状态|处理|时间|日期|措施|结果|次数|是否",
        ),
        ZhRule("fault_description", 0.85, "^(故障|问题|现象|症状|描述|故障现象|故障情况|故障内容|问题现象)$"),
        ZhRule("fault_description", 0.8, "^(报修|报障|反映|反馈|投诉|用户反映|客户反映|用户|客户)问题$"),
        ZhRule(
            "fault_description",
            0.8,
            "^(用户|客户|业主|来电)?((反映|反应|诉求)(内容|描述|情况|事项|问题)?|(来电|咨询|报事|投诉|申报|上报)(内容|事项))$",
        ),
        ZhRule("fault_description", 0.6, "^(内容|详情|摘要|事由|详细描述|具体描述|详细情况)$"),
        ZhRule("fault_description", 0.75, "^(用户|客户|业主|报修人|来电人)(描述|说明|自述)$"),
        ZhRule("fault_description", 0.8, "^(报修|报障|故障|申报|投诉)事项$"),
        ZhRule("fault_description", 0.55, "^(标题|主题)$"),
        # what an alarm or a fault is called (`告警名称` 市电停电): its description when the log has no other
        ZhRule("fault_description", 0.7, "^(故障|告警|报警|警报|事件|缺陷|异常)(名称|名)$"),
        ZhRule("fault_description", 0.6, "^(问题|故障|工单|报修|事件|投诉|诉求|申请|服务|需求)(标题|主题)$"),
        ZhRule(
            "fault_category",
            0.8,
            "(故障|问题|报修|缺陷|事件|报障|异常|维修|告警|报警|预警)(类别|类型|分类|种类|大类|小类|部位|部件|系统|代码|编码|性质)$",
            "时间|日期",
        ),
        ZhRule("fault_category", 0.7, "^(系统|部位|类别|分类|故障部位|故障系统|所属系统|子系统)$"),
        ZhRule("request_type", 0.82, "(服务|报修|工单|请求|业务|需求|维修)(类别|类型|性质)$"),
        # Weaker: when the values are not request-type choices (管网-窨井类, 泵站-配电设备), the kind of fault.
        ZhRule("fault_category", 0.6, "(工单|报修|服务|维修|业务|报事|诉求|投诉|咨询|反映)(类别|类型|分类|大类|小类)$"),
        ZhRule(
            "fault_level",
            0.85,
            "(故障|问题|事件|工单|报修|缺陷|告警|报警)?(级别|等级|优先级|紧急程度|紧急度|严重程度|严重性|"
            "重要程度|重要性|影响程度|紧急性|紧急|严重度)$",
            "用户|客户|技能|水|油|电池|信号|安全|资质|服务|保修|会员|信用|风险|能效|防护",
        ),
        ZhRule(
            "channel",
            0.85,
            "(受理|报修|来电|报障|申报|投诉|反映|报单|接报|信息|报修信息|工单)(方式|渠道|途径|来源)$",
            "联系|处理|维修|付款|结算|服务|回访|计费|支付",
        ),
        ZhRule("channel", 0.8, "^(渠道|来源|报修渠道|受理渠道|来源渠道)$"),
        ZhRule(
            "cause",
            0.85,
            "(故障|问题|损坏|失效|停机|事故|异常|根本)?(原因|成因|根因)(分析|类别|分类|类型)?$",
            "延误|超时|退回|取消|拒绝|未修复|未完成|挂起|处理|进度",
        ),
        ZhRule(
            "action",
            0.8,
            "(处理|维修|解决|修复|整改|纠正|应对|排除)(措施|方式|方法|方案|结果|办法|手段)$",
            "付款|结算|联系",
        ),
        ZhRule(
            "parts",
            0.8,
            # the parts, or their names listed with how many / which model (`材料名称及数量`, `配件名称、型号`)
            f"(更换|所用|使用|维修|消耗|领用|耗用|所需)?{_PARTS}(名称|明细|清单|信息)?"
            "((及|和|与|、|/|＆|&)(名称|数量|规格|型号|规格型号|用量|数目|件数)){0,2}$",
            f"费|金额|价格|单价|成本|类别|{_PARTS}(名称)?(数量|编号|编码|型号|规格|用量)$",
        ),
        # the parts named first, then what was done with them: 配件更换, 材料使用情况
        ZhRule("parts", 0.75, f"{_PARTS}(更换|使用|领用|消耗)(情况|明细|记录)?$", "费|金额|价格|数量|时间|日期"),
        ZhRule("parts_cost", 0.85, "(配件|材料|备件|零件|部件|零部件|用料|物料|耗材|辅料)(费|费用|金额|成本|价格|款)$"),
        ZhRule("labor_cost", 0.85, "(人工|工时|上门|技术|手工|服务)(费|费用)$"),
        ZhRule("labor_cost", 0.75, "^维修费用$"),
        ZhRule("fee_charged", 0.85, "(实收|收取|实际收取|结算|应收|合计|总)(费用|金额|款)?$"),
        ZhRule("fee_charged", 0.8, "^(收费|收费金额|总费用|费用合计|费用总计|金额合计|费用|金额|维修金额)$"),
        ZhRule("loaner", 0.85, "(备用机|借用机|代用机|周转机)"),
        ZhRule(
            "signed_off",
            0.8,
            "(客户|用户|顾客)?(签字|签名|签收|签认)(确认)?$",
            # the engineer's own signature is not the customer's sign-off
            "时间|日期|工程师|技师|技工|师傅|维修|检修|经办|审核|负责|处理|服务人员",
        ),
        ZhRule("signed_off", 0.7, "^(客户|用户|顾客|业主)(确认|验收)(完成|结果)?$"),
        ZhRule(
            "branch",
            0.8,
            "(所属|归属)?(网点|分公司|服务站|维修站|维修点|服务中心|维修中心|办事处|营业部|门店|站点|分部|服务部|售后部|分中心|"
            "服务商|售后服务商)(名称)?$",
            "客户|用户|地址|电话",
        ),
        ZhRule("notes", 0.85, "^(备注|说明|附注|其他|其它|备注说明|补充说明|情况说明|批注|备忘|备注信息)$"),
    ),
    "callbacks": (
        ZhRule("ticket_no", 0.85, f"(?:{_TICKET_MOD})+{_TICKET_HEAD}", _NOT_A_TICKET),
        ZhRule("callback_at", 0.85, f"(回访|回复|回电|跟进|随访|电访){_T}", NOT_A_MOMENT_ZH),
        ZhRule("caller", 0.85, "(回访|随访|跟进|电访)(人|人员|员|客服|专员)(姓名)?$"),
        ZhRule("caller", 0.75, "^(客服|客服人员|话务员|坐席|客服专员)$"),
        ZhRule("satisfaction", 0.85, "(满意度|满意程度|满意情况|服务评价|评价结果|评分|满意)$", "内容|意见|建议"),
        ZhRule("comments", 0.85, "(客户|用户|顾客)?(意见|建议|反馈|评价内容|意见建议|诉求)$"),
        ZhRule("escalated_to", 0.85, "(上报|反映|转交|升级)(主管|领导|经理|对象)?$"),
        ZhRule("notes", 0.85, "^(备注|说明|附注|其他|其它|备注说明|补充说明|情况说明)$"),
    ),
    "sales": (
        ZhRule("serial_no", 0.85, _SERIAL, "型号|规格|名称|类别|类型|合同|订单"),
        ZhRule("serial_no", 0.85, _SERIAL_ALONE),
        ZhRule("serial_no", 0.8, _ASSET, "型号|规格|名称|类别|类型|合同|订单"),
        ZhRule("product", 0.85, "(产品|设备|商品|货物|仪器|机器|物品)(名称)?$", "类别|类型|分类|编号|型号|规格"),
        ZhRule("product", 0.8, "^(品名|名称)$"),
        ZhRule("model", 0.85, "(规格型号|型号|规格|机型|型号规格)$"),
        ZhRule("category", 0.75, "(产品|设备|商品)?(类别|类型|分类|品类|大类)$", "客户|用户|付款"),
        ZhRule("sale_date", 0.85, f"(售出|销售|购买|购机|购置|发货|出库|开票|交货|交付|到货|签约|成交){_T}"),
        ZhRule("acceptance_date", 0.85, f"(验收|安装|装机|调试|启用|投入使用|开通){_T}"),
        ZhRule(
            "customer",
            0.85,
            "(用户|客户|购买|使用|购货|收货|最终用户)(单位|名称|姓名)?$",
            "电话|地址|联系|编号|类别|类型|意见",
        ),
        ZhRule("customer", 0.85, "^(单位|单位名称|医院|医院名称|使用单位|用户单位)$"),
        ZhRule("contact", 0.85, "(联系人|联系人姓名|对接人)$"),
        ZhRule("phone", 0.85, "(电话|手机|联系电话|手机号|手机号码|电话号码|联系方式|座机|移动电话)$"),
        ZhRule("fax", 0.85, "传真(号码)?$"),
        ZhRule("address", 0.85, "(地址|住址|所在地|详细地址|安装地址|通讯地址)$"),
        ZhRule("postcode", 0.85, "(邮编|邮政编码)$"),
        ZhRule(
            "branch", 0.8, "(网点|分公司|服务站|办事处|营业部|门店|站点|分部|经销商)(名称)?$", "客户|用户|地址|电话"
        ),
        ZhRule("contract_no", 0.85, "合同(编号|号|号码)?$"),
        ZhRule("notes", 0.85, "^(备注|说明|附注|其他|其它|备注说明|补充说明)$"),
    ),
}

# Whole Chinese headers whose meaning is settled (weights as in `lexicon.EXACT`).
EXACT_ZH: dict[str, tuple[tuple[str, float, tuple[str, ...]], ...]] = {
    "repairs": (
        (
            "ticket_no",
            0.9,
            ("单号", "工单号", "工单编号", "报修单号", "维修单号", "服务单号", "派工单号", "流水号", "单据号"),
        ),
        ("ticket_no", 0.6, ("编号", "记录号")),
        ("reported_at.date", 0.7, ("日期",)),
        ("reported_at.time", 0.7, ("时间", "开始", "开始时间", "起始时间")),
        ("resolved_at.time", 0.7, ("结束", "结束时间", "终止时间")),
        ("technician", 0.7, ("维修部门", "维修班组")),
        ("fault_category", 0.8, ("故障部位", "故障部件", "故障类别", "故障分类")),
    ),
    "callbacks": (
        ("ticket_no", 0.9, ("单号", "工单号", "报修单号", "维修单号")),
        ("callback_at.date", 0.7, ("日期",)),
        ("callback_at.time", 0.7, ("时间",)),
        ("comments", 0.85, ("意见", "客户意见", "反馈")),
    ),
    "sales": (("sale_date", 0.7, ("日期",)),),
}
