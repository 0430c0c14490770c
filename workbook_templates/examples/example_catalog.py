"""Names, products and phrases of the example workbooks, as (Chinese, English) pairs."""

from __future__ import annotations

from typing import Any

# branch -> its customers (name, address, postcode), phone area code, staff
BRANCHES: list[dict[str, Any]] = [
    {
        "name": ("上海分公司", "Shanghai Branch"),
        "area": "021",
        "technicians": [("张伟", "Zhang Wei"), ("王芳", "Wang Fang")],
        "caller": ("周敏", "Zhou Min"),
        "supervisor": ("孙经理", "Manager Sun"),
        "customers": [
            (
                "上海市第六人民医院",
                "Shanghai Sixth People's Hospital",
                "上海市徐汇区宜山路600号",
                "600 Yishan Rd, Xuhui, Shanghai",
                "200233",
                True,
            ),
            (
                "华东理工大学",
                "East China University of Science and Technology",
                "上海市徐汇区梅陇路130号",
                "130 Meilong Rd, Xuhui, Shanghai",
                "200237",
                False,
            ),
            (
                "复旦大学附属中山医院",
                "Zhongshan Hospital, Fudan University",
                "上海市徐汇区枫林路180号",
                "180 Fenglin Rd, Xuhui, Shanghai",
                "200032",
                True,
            ),
            (
                "上海浦江物业管理有限公司",
                "Shanghai Pujiang Property Management Co.",
                "上海市黄浦区中山东一路12号",
                "12 Zhongshan East 1st Rd, Huangpu, Shanghai",
                "200002",
                False,
            ),
            (
                "上海市徐汇区中心医院",
                "Xuhui District Central Hospital",
                "上海市徐汇区淮海中路966号",
                "966 Middle Huaihai Rd, Xuhui, Shanghai",
                "200031",
                True,
            ),
        ],
    },
    {
        "name": ("北京分公司", "Beijing Branch"),
        "area": "010",
        "technicians": [("李娜", "Li Na"), ("刘洋", "Liu Yang")],
        "caller": ("吴婷", "Wu Ting"),
        "supervisor": ("马经理", "Manager Ma"),
        "customers": [
            (
                "北京协和医院",
                "Peking Union Medical College Hospital",
                "北京市东城区帅府园1号",
                "1 Shuaifuyuan, Dongcheng, Beijing",
                "100730",
                True,
            ),
            (
                "清华大学",
                "Tsinghua University",
                "北京市海淀区清华园1号",
                "1 Tsinghua Yuan, Haidian, Beijing",
                "100084",
                False,
            ),
            (
                "北京市朝阳医院",
                "Beijing Chao-Yang Hospital",
                "北京市朝阳区工人体育场南路8号",
                "8 Gongti South Rd, Chaoyang, Beijing",
                "100020",
                True,
            ),
            (
                "中国农业大学",
                "China Agricultural University",
                "北京市海淀区圆明园西路2号",
                "2 Yuanmingyuan West Rd, Haidian, Beijing",
                "100193",
                False,
            ),
            (
                "北京国贸物业管理有限公司",
                "Beijing Guomao Property Management Co.",
                "北京市朝阳区建国门外大街1号",
                "1 Jianguomenwai Ave, Chaoyang, Beijing",
                "100004",
                False,
            ),
        ],
    },
    {
        "name": ("广州分公司", "Guangzhou Branch"),
        "area": "020",
        "technicians": [("陈静", "Chen Jing"), ("黄磊", "Huang Lei")],
        "caller": ("赵磊", "Zhao Lei"),
        "supervisor": ("何经理", "Manager He"),
        "customers": [
            (
                "中山大学附属第一医院",
                "The First Affiliated Hospital, Sun Yat-sen University",
                "广州市越秀区中山二路58号",
                "58 Zhongshan 2nd Rd, Yuexiu, Guangzhou",
                "510080",
                True,
            ),
            (
                "华南理工大学",
                "South China University of Technology",
                "广州市天河区五山路381号",
                "381 Wushan Rd, Tianhe, Guangzhou",
                "510641",
                False,
            ),
            (
                "广州市第一人民医院",
                "Guangzhou First People's Hospital",
                "广州市越秀区盘福路1号",
                "1 Panfu Rd, Yuexiu, Guangzhou",
                "510180",
                True,
            ),
            (
                "暨南大学",
                "Jinan University",
                "广州市天河区黄埔大道西601号",
                "601 Huangpu Ave West, Tianhe, Guangzhou",
                "510632",
                False,
            ),
            (
                "广州珠江实业集团有限公司",
                "Guangzhou Pearl River Industrial Group",
                "广州市越秀区环市东路371号",
                "371 Huanshi East Rd, Yuexiu, Guangzhou",
                "510060",
                False,
            ),
        ],
    },
]

# product: serial prefix, names, models, category, medical?, faults (category, description, part, part price)
PRODUCTS: list[dict[str, Any]] = [
    {
        "code": "BS",
        "name": ("全自动生化分析仪", "Automatic Biochemistry Analyzer"),
        "models": ["BS-240", "BS-480"],
        "category": ("医疗设备", "Medical Equipment"),
        "medical": True,
        "faults": [
            (
                ("加样针堵塞", "Sample probe clog"),
                ("加样针堵塞，仪器报警停止加样", "Sample probe clogged, analyzer stops with an alarm"),
                ("加样针", "Sample probe"),
                680,
            ),
            (
                ("光路异常", "Optical fault"),
                ("吸光度漂移，质控失控", "Absorbance drifts, QC out of range"),
                ("卤素灯", "Halogen lamp"),
                450,
            ),
            (
                ("液路漏液", "Fluid leak"),
                ("仪器底部漏液", "Fluid leaking under the analyzer"),
                ("蠕动泵管", "Pump tubing"),
                220,
            ),
            (
                ("温控故障", "Temperature fault"),
                ("反应盘温度不稳定", "Reaction disc temperature unstable"),
                ("温控板", "Temperature board"),
                1200,
            ),
        ],
    },
    {
        "code": "TD",
        "name": ("医用离心机", "Medical Centrifuge"),
        "models": ["TD5A", "H1650-W"],
        "category": ("医疗设备", "Medical Equipment"),
        "medical": True,
        "faults": [
            (
                ("电机异响", "Motor noise"),
                ("运行时电机异响、振动大", "Motor noisy with strong vibration"),
                ("电机碳刷", "Motor brushes"),
                160,
            ),
            (
                ("门锁故障", "Lid lock fault"),
                ("门盖无法锁紧，不能启动", "Lid will not lock, cannot start"),
                ("门锁组件", "Lid lock assembly"),
                380,
            ),
            (
                ("转速不稳", "Speed unstable"),
                ("转速达不到设定值", "Does not reach the set speed"),
                ("控制板", "Control board"),
                950,
            ),
        ],
    },
    {
        "code": "00",
        "name": ("办公座椅", "Office Chair"),
        "models": ["BJ-901", "BJ-905"],
        "category": ("办公家具", "Office Furniture"),
        "medical": False,
        "faults": [
            (("气压棒失效", "Gas lift failure"), ("座椅自动下沉", "Seat sinks by itself"), ("气压棒", "Gas lift"), 120),
            (
                ("扶手松动", "Loose armrest"),
                ("扶手松动有异响", "Armrest loose and creaking"),
                ("扶手组件", "Armrest"),
                90,
            ),
            (("椅轮损坏", "Broken caster"), ("椅轮断裂", "Caster broken"), ("椅轮", "Casters"), 40),
        ],
    },
    {
        "code": "LJ",
        "name": ("激光打印机", "Laser Printer"),
        "models": ["LJ-2605dn", "LJ-3300"],
        "category": ("IT设备", "IT Equipment"),
        "medical": False,
        "faults": [
            (("卡纸", "Paper jam"), ("频繁卡纸", "Frequent paper jams"), ("搓纸轮", "Pickup roller"), 85),
            (
                ("打印模糊", "Blurred print"),
                ("打印字迹模糊、有底灰", "Blurred print with a grey background"),
                ("硒鼓", "Toner drum"),
                420,
            ),
            (
                ("网络故障", "Network fault"),
                ("无法通过网络打印", "Cannot print over the network"),
                ("网卡", "Network card"),
                260,
            ),
        ],
    },
    {
        "code": "DB",
        "name": ("电动病床", "Electric Hospital Bed"),
        "models": ["DB-300", "DB-500"],
        "category": ("医疗设备", "Medical Equipment"),
        "medical": True,
        "faults": [
            (
                ("升降电机故障", "Lift motor fault"),
                ("床体无法升降", "Bed will not raise or lower"),
                ("升降电机", "Lift motor"),
                1500,
            ),
            (
                ("护栏卡滞", "Side rail stuck"),
                ("护栏无法放下", "Side rail will not lower"),
                ("护栏锁扣", "Rail latch"),
                150,
            ),
        ],
    },
]

CONTACTS = [
    ("王建国", "Wang Jianguo"),
    ("李秀英", "Li Xiuying"),
    ("张丽", "Zhang Li"),
    ("刘强", "Liu Qiang"),
    ("陈刚", "Chen Gang"),
    ("杨洋", "Yang Yang"),
    ("赵敏", "Zhao Min"),
    ("黄晓明", "Huang Xiaoming"),
    ("周杰", "Zhou Jie"),
    ("吴磊", "Wu Lei"),
    ("徐静", "Xu Jing"),
    ("孙浩", "Sun Hao"),
    ("胡军", "Hu Jun"),
    ("朱琳", "Zhu Lin"),
    ("高峰", "Gao Feng"),
    ("林涛", "Lin Tao"),
    ("何平", "He Ping"),
    ("郭芳", "Guo Fang"),
]

SALE_NOTES = [
    ("含安装培训", "Installation and training included"),
    ("分期付款", "Paid in instalments"),
    ("招标采购", "Bought by tender"),
    ("以旧换新", "Trade-in"),
]

COMPLAINTS = [
    (("维修人员上门迟到两小时", "Engineer arrived two hours late"), ("服务态度", "Service attitude")),
    (
        ("同一故障多次维修仍未解决", "Same fault repaired several times and still not fixed"),
        ("维修质量", "Repair quality"),
    ),
    (("服务热线长时间无人接听", "Hotline not answered for a long time"), ("热线服务", "Hotline")),
    (("配件报价过高", "Quote for parts too high"), ("收费", "Charges")),
]
CONSULTATIONS = [
    ("咨询试剂更换操作流程", "How to replace the reagents"),
    ("咨询保修期限", "Asks about the warranty period"),
    ("咨询打印机驱动安装", "How to install the printer driver"),
    ("咨询延保服务价格", "Price of an extended warranty"),
]
MAINTENANCE = [("年度预防性维护", "Annual preventive maintenance"), ("季度巡检保养", "Quarterly inspection")]

REPAIR_NOTES = {
    "waiting": ("等待配件到货", "Waiting for parts"),
    "weekend": ("客户要求周末上门", "Customer asked for a weekend visit"),
    "repeat": ("同一故障再次报修", "Same fault reported again"),
}

COMMENTS = {
    "satisfied": [
        ("维修及时，工程师很专业", "Quick repair, very professional engineer"),
        ("态度很好，问题已解决", "Friendly, problem solved"),
        ("响应很快", "Very fast response"),
        None,
    ],
    "basically_satisfied": [
        ("等待配件时间较长", "Waited a long time for parts"),
        ("上门时间比约定晚", "Arrived later than agreed"),
        ("基本解决，需继续观察", "Mostly fixed, keeping an eye on it"),
    ],
    "dissatisfied": [
        ("故障反复出现，要求换机", "The fault keeps coming back; wants a replacement"),
        ("上门太慢，影响科室使用", "Too slow to come on site; the department could not work"),
        ("收费不合理", "The charge is unreasonable"),
    ],
}

# Notes on holds (the Holds register), by reason.
HOLD_NOTES = {
    "waiting_parts": [
        ("主板缺货，已向总部订购", "Main board out of stock; ordered from head office"),
        ("配件在途，预计三天到货", "Part in transit, due in three days"),
        ("客户同意订购原厂配件", "Customer agreed to order the original part"),
    ],
    "waiting_customer": [
        ("报价已发，等待客户确认", "Quote sent; waiting for the customer to confirm"),
        ("等待科室安排停机时间", "Waiting for the department to schedule downtime"),
    ],
    "customer_unavailable": [("科室手术中，无法进入", "Ward busy with surgery; no access")],
    "waiting_vendor": [("已返厂检测", "Sent back to the manufacturer for testing")],
}
# The service area of a sale (Sales `service_area`): every example customer is in its branch's city.
LOCAL_AREA = ("本市", "Local")
