"""Generate a deterministic service-desk workbook for the benchmarks.

One workbook, three sheets (Sales / Repairs / Callbacks; 销售登记 / 维修记录 /
回访记录 with ``--lang zh``) with N sales, M repairs and K callbacks of
Chinese text: hospitals and companies as customers, medical and IT
equipment, fault descriptions, technicians and callers of three to five
branches. Dates run from 2024-01 to 2026-10: every repair is reported after
its sale, responded/on-site/resolved after it was reported, most are
resolved and some (mostly recent ones) are still open; callbacks follow the
resolution. Every request type, fault level, channel, cause and action
occurs.

A few percent of the rows carry the mistakes clerks really make (duplicate
serials and tickets, unknown serials, acceptance before sale, resolution
before report, a missing fault level, a fee charged in warranty, a
dissatisfied callback nobody escalated, text where a date or number
belongs...) plus valid-but-untidy spellings (``2级``, ``2025/3/4 14:30``,
``350元``) that the reader must accept. The counts of what was injected go
to stdout and to ``<output>.json`` next to the workbook.

The same arguments and seed always give the same cell values.

    python benchmarks/generate.py                      # 100k / 200k / 100k
    python benchmarks/generate.py --sales 10000 --repairs 20000 --callbacks 10000 \\
        -o benchmarks/data/small.xlsx --lang en
    python benchmarks/generate.py --mistakes 10 ...    # a badly kept register: ten times the mistakes
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sheetdesk.io.xlsx import DATE_FORMAT, DATETIME_FORMAT, Formats, RegisterSheetWriter, new_workbook
from sheetdesk.schema import CALLBACKS, REPAIRS, SALES, Register
from sheetdesk.schema import enums as E

DEFAULT_SALES, DEFAULT_REPAIRS, DEFAULT_CALLBACKS = 100_000, 200_000, 100_000
DEFAULT_SEED = 20261101
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "data" / "service_desk.xlsx"

FIRST_SALE = dt.date(2024, 1, 2)
LAST_SALE = dt.date(2026, 9, 30)
LAST_EVENT = dt.datetime(2026, 10, 31, 23, 59)  # nothing happens after the benchmark's as-of (2026-11-01)

# --- vocabulary ---------------------------------------------------------------------------------

# branch -> cities it serves (a customer's city decides its branch)
BRANCHES: dict[str, tuple[str, ...]] = {
    "上海分公司": ("上海市", "杭州市", "南京市", "苏州市", "宁波市"),
    "北京分公司": ("北京市", "天津市", "济南市", "青岛市", "石家庄市"),
    "广州分公司": ("广州市", "深圳市", "佛山市", "东莞市", "厦门市"),
    "成都分公司": ("成都市", "重庆市", "西安市", "昆明市", "贵阳市"),
    "武汉分公司": ("武汉市", "长沙市", "郑州市", "南昌市", "合肥市"),
}
AREA_CODES = {
    "上海市": "021", "杭州市": "0571", "南京市": "025", "苏州市": "0512", "宁波市": "0574",
    "北京市": "010", "天津市": "022", "济南市": "0531", "青岛市": "0532", "石家庄市": "0311",
    "广州市": "020", "深圳市": "0755", "佛山市": "0757", "东莞市": "0769", "厦门市": "0592",
    "成都市": "028", "重庆市": "023", "西安市": "029", "昆明市": "0871", "贵阳市": "0851",
    "武汉市": "027", "长沙市": "0731", "郑州市": "0371", "南昌市": "0791", "合肥市": "0551",
}
POSTCODE_PREFIX = {
    "上海市": "200", "杭州市": "310", "南京市": "210", "苏州市": "215", "宁波市": "315",
    "北京市": "100", "天津市": "300", "济南市": "250", "青岛市": "266", "石家庄市": "050",
    "广州市": "510", "深圳市": "518", "佛山市": "528", "东莞市": "523", "厦门市": "361",
    "成都市": "610", "重庆市": "400", "西安市": "710", "昆明市": "650", "贵阳市": "550",
    "武汉市": "430", "长沙市": "410", "郑州市": "450", "南昌市": "330", "合肥市": "230",
}
DISTRICTS = ("中心城区", "高新区", "经济开发区", "东城区", "西城区", "南湖区", "北湖区", "新城区", "老城区", "滨江区")
ROADS = ("人民路", "解放路", "中山路", "建设路", "长江路", "和平路", "健康路", "科技路", "学院路", "工业大道",
         "延安路", "淮海路", "东风路", "青年路", "胜利街")
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
CUSTOMER_PATTERNS: tuple[Callable[[str, random.Random], str], ...] = (
    lambda c, r: f"{c}第{r.choice(NUMERALS)}人民医院",
    lambda c, r: f"{c}人民医院",
    lambda c, r: f"{c}中医医院",
    lambda c, r: f"{c}中心医院",
    lambda c, r: f"{c}妇幼保健院",
    lambda c, r: f"{c}儿童医院",
    lambda c, r: f"{c}肿瘤医院",
    lambda c, r: f"{c}疾病预防控制中心",
    lambda c, r: f"{c}{r.choice(DISTRICTS)}社区卫生服务中心",
    lambda c, r: f"{c}第{r.choice(NUMERALS)}中学",
    lambda c, r: f"{c}{r.choice(('实验', '外国语', '师范附属'))}小学",
    lambda c, r: f"{c[:-1]}{r.choice(('华康', '瑞达', '恒信', '中联', '永安', '鑫源', '博远', '同仁'))}"
                 f"{r.choice(('医疗器械', '科技', '电子', '物业管理', '检测技术', '信息技术'))}有限公司",
    lambda c, r: f"{c[:-1]}{r.choice(('大学', '理工大学', '医科大学', '职业技术学院'))}"
                 f"{r.choice(('附属医院', '图书馆', '信息中心', '实验中心', ''))}",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华飞鹏辉玲建国志红晓东海燕宇浩"
TITLES = ("主任", "科长", "工程师", "老师", "先生", "女士", "护士长", "院长")

# category -> [(product, models, parts)], and category -> [(fault category, descriptions)]
PRODUCTS: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {
    "检验设备": [
        ("全自动生化分析仪", ("BS-2000M", "BS-800", "AU5800"), ("加样针", "比色杯", "光源灯", "清洗泵")),
        ("血细胞分析仪", ("BC-6800", "BC-5390", "XN-1000"), ("鞘流池", "溶血剂泵", "主板")),
        ("化学发光免疫分析仪", ("CL-2000i", "CL-900i"), ("磁珠分离器", "光电倍增管", "加样针")),
    ],
    "影像设备": [
        ("彩色多普勒超声诊断仪", ("DC-70", "Resona 7", "LOGIQ E10"), ("探头", "电源板", "轨迹球")),
        ("数字化X射线摄影系统", ("DR-600", "uDR 780i"), ("平板探测器", "高压发生器", "球管")),
    ],
    "监护设备": [
        ("多参数监护仪", ("iMEC 10", "BeneView T5", "uMEC 12"), ("血氧探头", "袖带", "电池", "显示屏")),
        ("心电图机", ("BeneHeart R12", "ECG-1250"), ("导联线", "热敏打印头", "电池")),
    ],
    "治疗设备": [
        ("输液泵", ("SP-8800", "BeneFusion VP5"), ("泵门组件", "压力传感器", "电池")),
        ("医用空气消毒机", ("KJ-Y1000", "KJ-600"), ("紫外灯管", "风机", "滤网")),
        ("呼吸机", ("SV-300", "SynoVent E5"), ("流量传感器", "氧电池", "呼气阀")),
    ],
    "IT设备": [
        ("激光打印机", ("LaserJet M405", "P3300DN"), ("硒鼓", "定影器", "搓纸轮")),
        ("服务器", ("PowerEdge R740", "ThinkSystem SR650"), ("硬盘", "内存条", "电源模块", "RAID卡")),
        ("网络交换机", ("S5735-L48T4S", "S5130-52S"), ("光模块", "电源模块", "风扇")),
    ],
    "办公家具": [
        ("电动病床", ("DB-5", "ICU-3F"), ("升降电机", "手控器", "脚轮")),
        ("密集架", ("MJ-660", "MJ-880"), ("传动齿轮", "导轨", "手柄")),
    ],
}
FAULTS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "检验设备": [
        ("加样系统", ("加样针撞针报警", "加样量不准，质控失控", "加样针堵塞")),
        ("光学系统", ("光源灯能量低报警", "吸光度异常，结果偏高", "比色杯污染报警")),
        ("温控系统", ("反应盘温度超出范围", "试剂仓制冷失效")),
    ],
    "影像设备": [
        ("探头故障", ("图像有暗带", "探头晶片损坏，图像缺失", "探头线缆破损")),
        ("图像质量", ("图像噪点多", "多普勒信号弱", "图像伪影明显")),
        ("系统故障", ("开机卡在启动画面", "系统频繁死机", "无法导出DICOM图像")),
    ],
    "监护设备": [
        ("参数测量", ("血氧读数不稳定", "无创血压测量失败", "心电波形干扰大")),
        ("电源故障", ("电池无法充电", "开机无反应", "拔电源后立即关机")),
        ("显示故障", ("屏幕花屏", "触摸屏失灵", "显示屏黑屏")),
    ],
    "治疗设备": [
        ("报警故障", ("持续阻塞报警", "气泡报警误报", "报警音无声")),
        ("机械故障", ("泵门无法关闭", "风机异响", "电机不转")),
        ("电源故障", ("电池无法充电", "开机无反应", "频繁自动关机")),
    ],
    "IT设备": [
        ("硬件故障", ("硬盘告警灯亮", "卡纸", "电源模块故障灯亮", "端口不通")),
        ("软件故障", ("系统无法启动", "驱动安装失败", "固件升级后无法登录")),
        ("网络故障", ("无法连接LIS系统", "网络时通时断", "IP冲突")),
    ],
    "办公家具": [
        ("机械故障", ("升降卡顿", "导轨变形，推动困难", "脚轮损坏")),
        ("电气故障", ("手控器失灵", "电机不工作", "限位开关失效")),
    ],
}
DESCRIPTION_SUFFIXES = ("", "", "", "，用户反映已持续两天", "，影响科室正常使用", "，偶发", "，重启后仍存在",
                        "，急需处理", "（第二次报修）", "，用户自行重启无效")
SALE_NOTES = ("已签维保合同", "二期采购", "样机转销售", "含安装培训", "政府采购项目", "经销商代理")
REPAIR_NOTES = ("客户要求加急", "已寄回厂家检测", "等待配件到货", "远程协助已解决", "夜间报修", "节假日报修",
                "同一科室多台设备", "客户不在，二次上门")
COMMENTS_GOOD = ("服务态度好", "响应及时", "工程师很专业", "维修很快，满意", "讲解耐心", "")
COMMENTS_OK = ("维修时间有点长", "基本解决问题", "希望提前电话联系", "配件等待时间长")
COMMENTS_BAD = ("维修速度太慢", "问题反复出现", "收费不合理", "工程师迟到", "电话打不通")
MANAGERS = ("王经理", "李经理", "张主管", "陈总监", "刘经理")


# Share of rows (by register) that get each mistake or untidy-but-valid spelling. A mistake that
# does not apply to a row (no acceptance date to move, no labour cost to spell as text) is skipped.
SALES_MISTAKES = {"duplicate_serial": 0.002, "acceptance_before_sale": 0.003, "missing_customer": 0.002,
                  "bad_postcode": 0.005, "bad_phone": 0.005, "bad_date": 0.001, "text_date": 0.01}
REPAIR_MISTAKES = {"unknown_serial": 0.01, "duplicate_ticket": 0.002, "resolved_before_reported": 0.003,
                   "missing_fault_level": 0.005, "fault_level_variant": 0.02, "negative_cost": 0.001,
                   "cost_as_text": 0.005, "cost_not_a_number": 0.001, "fee_in_warranty": 0.005,
                   "text_datetime": 0.01, "unknown_channel": 0.002, "resolved_not_a_date": 0.002}
CALLBACK_MISTAKES = {"unknown_ticket": 0.003, "before_resolved": 0.005, "text_datetime": 0.01}


def scaled(mistakes: dict[str, float], factor: float) -> dict[str, float]:
    """The shares times `factor` (a badly kept register: `--mistakes 10`); they must still sum to at most 1."""
    shares = {kind: share * factor for kind, share in mistakes.items()}
    if sum(shares.values()) > 1:
        raise SystemExit(f"--mistakes {factor:g}: the mistake shares would add up to more than 1")
    return shares


def pick(rng: random.Random, mistakes: dict[str, float]) -> str | None:
    """One mistake by its share, or None (most rows)."""
    x = rng.random()
    for kind, share in mistakes.items():
        if x < share:
            return kind
        x -= share
    return None


def person(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(SURNAMES) + given


class Injected(Counter[str]):
    """What the generator broke on purpose (or spelled untidily), by kind."""


# --- writing ------------------------------------------------------------------------------------

class SheetOut:
    """Write rows of one register with typed calls into a constant-memory worksheet."""

    def __init__(self, wb: Any, formats: Formats, register: Register, lang: str) -> None:
        self.ws = wb.add_worksheet(register.name(lang))
        self.writer = RegisterSheetWriter(wb, formats, self.ws, register, lang)
        self.keys = register.keys
        self.fmt_date = formats.get(num_format=DATE_FORMAT)
        self.fmt_datetime = formats.get(num_format=DATETIME_FORMAT)
        self.row = 0
        self.writer.write_header()

    def write(self, record: dict[str, Any]) -> None:
        self.row += 1
        ws, r = self.ws, self.row
        for c, key in enumerate(self.keys):
            v = record.get(key)
            if v is None:
                continue
            t = type(v)
            if t is str:
                ws.write_string(r, c, v)
            elif t is dt.datetime:
                ws.write_datetime(r, c, v, self.fmt_datetime)
            elif t is dt.date:
                ws.write_datetime(r, c, v, self.fmt_date)
            else:
                ws.write_number(r, c, v)

    def finish(self) -> None:
        self.writer.add_dropdowns(last_row=max(self.row, 1))


# --- the generator ------------------------------------------------------------------------------

def _minutes(dt_: dt.datetime, minutes: float) -> dt.datetime:
    return dt_ + dt.timedelta(minutes=round(minutes))


def _office_time(rng: random.Random, day: dt.date) -> dt.datetime:
    hour = rng.choices((8, 9, 10, 11, 13, 14, 15, 16, 17, 19, 21, 2), (4, 10, 10, 9, 8, 10, 9, 8, 5, 2, 1, 0.5))[0]
    return dt.datetime(day.year, day.month, day.day, hour, rng.randrange(60))


# request type -> fault level -> (response, on-site, resolve) ranges in minutes; `None` = not recorded
TIMINGS: dict[str, tuple[tuple[float, float], tuple[float, float] | None, tuple[float, float]]] = {
    "I": ((5, 90), (40, 200), (90, 360)),
    "II": ((15, 160), (60, 180), (180, 720)),
    "III": ((30, 360), (240, 2880), (600, 5760)),
    "IV": ((60, 2880), None, (1440, 12000)),
    "complaint": ((30, 1080), None, (240, 4320)),
    "consultation": ((10, 1800), None, (15, 2880)),
    "maintenance": ((60, 2880), (1440, 7200), (1440, 10080)),
}


class Generator:
    def __init__(self, seed: int, lang: str, mistakes: float = 1.0) -> None:
        self.rng = random.Random(seed)
        self.sales_mistakes = scaled(SALES_MISTAKES, mistakes)
        self.repair_mistakes = scaled(REPAIR_MISTAKES, mistakes)
        self.callback_mistakes = scaled(CALLBACK_MISTAKES, mistakes)
        self.lang = lang
        self.injected = Injected()
        rng = self.rng
        self.branch_names = list(BRANCHES)
        self.city_branch = {city: b for b, cities in BRANCHES.items() for city in cities}
        self.cities = list(self.city_branch)
        # a fixed pool of customers so that the same hospital buys many times
        self.customers: list[tuple[str, str]] = []
        seen: set[str] = set()
        while len(self.customers) < 2500:
            city = rng.choice(self.cities)
            name = rng.choice(CUSTOMER_PATTERNS)(city, rng)
            if name not in seen:
                seen.add(name)
                self.customers.append((name, city))
        self.technicians = {b: [person(rng) for _ in range(rng.randint(10, 18))] for b in self.branch_names}
        self.callers = {b: [person(rng) for _ in range(rng.randint(3, 5))] for b in self.branch_names}
        self.labels = {e.name: {c.key: (c.zh if lang == "zh" else c.en) for c in e.choices}
                       for e in (E.CHANNEL, E.REQUEST_TYPE, E.FAULT_LEVEL, E.CAUSE, E.ACTION, E.SATISFACTION,
                                 E.YES_NO)}
        # per sale: serial, sale date, acceptance (or None), branch, category, product index
        self.sales: list[tuple[str, dt.date, dt.date | None, str, str, int]] = []
        # per resolved repair: ticket, resolved_at, branch
        self.resolved: list[tuple[str, dt.datetime, str]] = []
        self.tickets: list[str] = []

    def label(self, enum: str, key: str) -> str:
        return self.labels[enum][key]

    # - sales -

    def sales_rows(self, n: int, out: SheetOut) -> None:
        rng, inj = self.rng, self.injected
        span = (LAST_SALE - FIRST_SALE).days
        dates = sorted(FIRST_SALE + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(n))
        categories = list(PRODUCTS)
        cat_weights = (22, 14, 20, 18, 16, 10)
        contract_seq = 0
        for i, sale_date in enumerate(dates):
            customer, city = rng.choice(self.customers)
            branch = self.city_branch[city]
            category = rng.choices(categories, cat_weights)[0]
            p = rng.randrange(len(PRODUCTS[category]))
            product, models, _parts = PRODUCTS[category][p]
            if rng.random() < 0.6:  # numeric serials with leading zeros: must stay text
                serial = f"{(i * 7919 + 13) % 10**9:010d}"
            else:
                serial = f"SN{sale_date.year}{i:07d}"
            acceptance = sale_date + dt.timedelta(days=rng.choice((0, 1, 3, 7, 10, 14, 21, 30))) \
                if rng.random() < 0.8 else None
            if rng.random() < 0.15 or i % 40 == 0:
                contract_seq += 1
            rec: dict[str, Any] = {
                "serial_no": serial, "product": product, "model": rng.choice(models),
                "category": category if rng.random() < 0.97 else None,
                "sale_date": sale_date, "acceptance_date": acceptance, "customer": customer,
                "contact": rng.choice(SURNAMES) + rng.choice(TITLES) if rng.random() < 0.5 else person(rng),
                "phone": self.phone(rng, city),
                "fax": f"{AREA_CODES[city]}-{rng.randrange(10**7, 10**8)}" if rng.random() < 0.15 else None,
                "address": f"{city}{rng.choice(DISTRICTS)}{rng.choice(ROADS)}{rng.randint(1, 999)}号",
                "postcode": f"{POSTCODE_PREFIX[city]}{rng.randrange(1000):03d}",
                "branch": branch,
                "contract_no": f"HT-{sale_date.year}-{contract_seq:05d}" if rng.random() < 0.7 else None,
                "notes": rng.choice(SALE_NOTES) if rng.random() < 0.08 else None,
            }
            # realistic mistakes and untidy spellings
            kind = pick(rng, self.sales_mistakes)
            if kind == "duplicate_serial" and self.sales:
                rec["serial_no"] = self.sales[rng.randrange(len(self.sales))][0]
                inj["sales.duplicate_serial"] += 1
            elif kind == "acceptance_before_sale" and acceptance is not None:
                acceptance = sale_date - dt.timedelta(days=rng.randint(1, 20))
                rec["acceptance_date"] = acceptance
                inj["sales.acceptance_before_sale"] += 1
            elif kind == "missing_customer":
                rec["customer"] = None
                inj["sales.missing_customer"] += 1
            elif kind == "bad_postcode":
                rec["postcode"] = rec["postcode"][:4]
                inj["sales.bad_postcode (warning)"] += 1
            elif kind == "bad_phone":
                rec["phone"] = rng.choice(("12345", "待补充", "13800138"))
                inj["sales.bad_phone (warning)"] += 1
            elif kind == "bad_date":
                rec["sale_date"] = f"{sale_date.year}-02-30"
                inj["sales.bad_date"] += 1
            elif kind == "text_date":
                rec["sale_date"] = f"{sale_date.year}年{sale_date.month}月{sale_date.day}日"
                inj["sales.text_date (valid)"] += 1
            self.sales.append((serial if rec["serial_no"] == serial else rec["serial_no"], sale_date, acceptance,
                               branch, category, p))
            out.write(rec)

    @staticmethod
    def phone(rng: random.Random, city: str) -> str:
        if rng.random() < 0.55:
            return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        return f"{AREA_CODES[city]}-{rng.randrange(2 * 10**7, 9 * 10**7)}"

    # - repairs -

    def repair_rows(self, n: int, out: SheetOut) -> None:
        rng, inj = self.rng, self.injected
        # (reported_at, sale index): pick a sale, report some time after it, keep the log chronological
        planned: list[tuple[dt.datetime, int]] = []
        for _ in range(n):
            s = rng.randrange(len(self.sales))
            sale_date = self.sales[s][1]
            room = (LAST_EVENT.date() - sale_date).days
            day = sale_date + dt.timedelta(days=min(room, 1 + int(rng.random() ** 1.6 * room)))
            planned.append((_office_time(rng, day), s))
        planned.sort()
        request_types = list(TIMINGS)[4:]
        seq_by_year: Counter[int] = Counter()
        for reported, s in planned:
            serial, sale_date, _acc, sale_branch, category, p = self.sales[s]
            seq_by_year[reported.year] += 1
            ticket = f"WX{reported.year}{seq_by_year[reported.year]:06d}"
            x = rng.random()
            rtype = "repair" if x < 0.74 else request_types[int((x - 0.74) / 0.26 * 3)]
            level = rng.choices(("I", "II", "III", "IV"), (8, 22, 45, 25))[0]
            fault_category, descriptions = rng.choice(FAULTS[category])
            key = level if rtype == "repair" else rtype
            resp_r, site_r, res_r = TIMINGS[key]
            responded = _minutes(reported, rng.uniform(*resp_r) * (3 if rng.random() < 0.05 else 1))
            on_site = _minutes(reported, rng.uniform(*site_r) * (2.5 if rng.random() < 0.07 else 1)) \
                if site_r and rng.random() < 0.9 else None
            plan = _minutes(reported, rng.uniform(20, 200)) if rtype == "repair" and level in ("I", "II") \
                and rng.random() < 0.85 else None
            resolved: dt.datetime | None = _minutes(reported, rng.uniform(*res_r) * (2 if rng.random() < 0.08 else 1))
            age_days = (LAST_EVENT - reported).days
            if (age_days < 14 and rng.random() < 0.5) or rng.random() < 0.03:
                resolved = None  # still open
            if resolved is not None and on_site is not None and on_site > resolved:
                on_site = resolved
            # nothing is recorded after the last day of the data
            responded = min(responded, LAST_EVENT)
            on_site = on_site if on_site is None or on_site <= LAST_EVENT else None
            plan = plan if plan is None or plan <= LAST_EVENT else None
            resolved = resolved if resolved is None or resolved <= LAST_EVENT else None
            _product, _models, parts_pool = PRODUCTS[category][p]
            cause = rng.choices(list(self.labels["cause"]), (55, 8, 5, 4, 4, 2, 2, 1, 1, 8, 10))[0] \
                if rtype in ("repair", "maintenance") and resolved is not None else None
            action = None
            parts = None
            parts_cost: float | None = None
            labor: float | None = None
            if resolved is not None and rtype in ("repair", "maintenance"):
                action = rng.choices(("repair", "replace_part", "replace_unit", "return", "remote"),
                                     (45, 35, 3, 2, 15))[0]
                if action == "replace_part":
                    parts = rng.choice(parts_pool)
                    parts_cost = float(rng.randrange(5, 500) * 10)
                labor = float(rng.choice((0, 0, 100, 200, 300, 500)))
            elif resolved is not None and rtype == "consultation":
                action = "remote"
            days_since_sale = (reported.date() - sale_date).days
            billable = cause in E.EXCLUDED_CAUSES or days_since_sale > 400
            fee = (parts_cost or 0) + (labor or 0) if billable and resolved is not None and rng.random() < 0.93 \
                else None
            branch = sale_branch if rng.random() < 0.6 else None
            rec: dict[str, Any] = {
                "ticket_no": ticket, "serial_no": serial, "reported_at": reported,
                "channel": self.label("channel", rng.choices(("phone", "email", "fax", "visit", "web", "letter"),
                                                             (70, 8, 2, 8, 11, 1))[0]),
                "request_type": self.label("request_type", rtype) if rtype != "repair" or rng.random() < 0.8
                else None,
                "fault_level": self.label("fault_level", level) if rtype == "repair" or rng.random() < 0.3 else None,
                "fault_category": fault_category,
                "fault_description": rng.choice(descriptions) + rng.choice(DESCRIPTION_SUFFIXES),
                "responded_at": responded, "plan_at": plan, "on_site_at": on_site, "resolved_at": resolved,
                "technician": rng.choice(self.technicians[sale_branch]),
                "cause": self.label("cause", cause) if cause else None,
                "action": self.label("action", action) if action else None,
                "parts": parts, "parts_cost": parts_cost, "labor_cost": labor, "fee_charged": fee,
                "loaner": self.label("yesno", "yes" if rng.random() < 0.3 else "no")
                if rtype == "repair" and level in ("I", "II") else None,
                "signed_off": self.label("yesno", "yes" if rng.random() < 0.92 else "no")
                if resolved is not None and rng.random() < 0.9 else None,
                "branch": branch,
                "notes": rng.choice(REPAIR_NOTES) if rng.random() < 0.06 else None,
            }
            kind = pick(rng, self.repair_mistakes)
            if kind == "unknown_serial":
                rec["serial_no"] = f"{rng.randrange(10**9):010d}X"
                inj["repairs.unknown_serial (warning)"] += 1
            elif kind == "duplicate_ticket" and self.tickets:
                rec["ticket_no"] = self.tickets[-rng.randint(1, min(50, len(self.tickets)))]
                inj["repairs.duplicate_ticket"] += 1
            elif kind == "resolved_before_reported" and resolved is not None:
                resolved = reported - dt.timedelta(minutes=rng.randint(30, 600))
                rec["resolved_at"] = resolved
                rec["on_site_at"] = None
                inj["repairs.resolved_before_reported"] += 1
            elif kind == "missing_fault_level" and rtype == "repair":
                rec["fault_level"] = None
                inj["repairs.missing_fault_level"] += 1
            elif kind == "fault_level_variant" and rec["fault_level"] is not None:
                rec["fault_level"] = rng.choice((f"{'I II III IV'.split().index(level) + 1}级",
                                                 "ⅠⅡⅢⅣ"["I II III IV".split().index(level)],
                                                 str("I II III IV".split().index(level) + 1)))
                inj["repairs.fault_level_variant (valid)"] += 1
            elif kind == "negative_cost" and parts_cost:
                rec["parts_cost"] = -parts_cost
                inj["repairs.negative_cost"] += 1
            elif kind == "cost_as_text" and labor:
                rec["labor_cost"] = f"{labor:.0f}元"
                inj["repairs.cost_as_text (valid)"] += 1
            elif kind == "cost_not_a_number":
                rec["labor_cost"] = "面议"
                inj["repairs.cost_not_a_number"] += 1
            elif kind == "fee_in_warranty" and not billable and resolved is not None:
                rec["fee_charged"] = float(rng.choice((100, 200, 300)))
                inj["repairs.fee_in_warranty (check)"] += 1
            elif kind == "text_datetime":
                rec["reported_at"] = f"{reported.year}/{reported.month}/{reported.day} {reported:%H:%M}"
                inj["repairs.text_datetime (valid)"] += 1
            elif kind == "unknown_channel":
                rec["channel"] = rng.choice(("电联", "微信", "QQ"))
                inj["repairs.unknown_channel"] += 1
            elif kind == "resolved_not_a_date" and resolved is not None:
                rec["resolved_at"] = "待定"
                resolved = None
                inj["repairs.resolved_not_a_date"] += 1
            self.tickets.append(rec["ticket_no"])
            if resolved is not None:
                self.resolved.append((rec["ticket_no"], resolved, sale_branch))
            out.write(rec)

    # - callbacks -

    def callback_rows(self, k: int, out: SheetOut) -> None:
        rng, inj = self.rng, self.injected
        pool = self.resolved
        if not pool:
            return
        picks = sorted(rng.sample(range(len(pool)), k)) if k <= len(pool) else \
            sorted(rng.randrange(len(pool)) for _ in range(k))
        planned: list[tuple[dt.datetime, int]] = []
        for i in picks:
            _ticket, resolved, _branch = pool[i]
            days = rng.choices((0, 1, 2, 3, 4, 6, 10), (15, 35, 25, 13, 6, 4, 2))[0]
            day = (resolved + dt.timedelta(days=days)).date()
            at = max(_office_time(rng, day), resolved + dt.timedelta(minutes=10))
            if at > LAST_EVENT:
                at = LAST_EVENT
            planned.append((at, i))
        planned.sort(key=lambda t: t[0])
        for at, i in planned:
            ticket, resolved, branch = pool[i]
            sat = rng.choices(("satisfied", "basically_satisfied", "dissatisfied"), (80, 16, 4))[0] \
                if rng.random() < 0.95 else None
            comments = (rng.choice(COMMENTS_GOOD) if sat == "satisfied" else rng.choice(COMMENTS_OK)
                        if sat == "basically_satisfied" else rng.choice(COMMENTS_BAD) if sat else None)
            rec: dict[str, Any] = {
                "ticket_no": ticket, "callback_at": at, "caller": rng.choice(self.callers[branch]),
                "satisfaction": self.label("satisfaction", sat) if sat else None,
                "comments": comments or None,
                "escalated_to": rng.choice(MANAGERS) if sat == "dissatisfied" else None,
                "notes": "客户未接听，次日再访" if rng.random() < 0.03 else None,
            }
            kind = pick(rng, self.callback_mistakes)
            if sat == "dissatisfied" and rng.random() < 0.3:
                rec["escalated_to"] = None
                inj["callbacks.dissatisfied_not_escalated"] += 1
            elif kind == "unknown_ticket":
                rec["ticket_no"] = f"WX{at.year}9{rng.randrange(10**5):05d}"
                inj["callbacks.unknown_ticket"] += 1
            elif kind == "before_resolved":
                rec["callback_at"] = resolved - dt.timedelta(hours=rng.randint(1, 48))
                inj["callbacks.before_resolved"] += 1
            elif kind == "text_datetime":
                rec["callback_at"] = f"{at.year}.{at.month}.{at.day} {at:%H:%M}"
                inj["callbacks.text_datetime (valid)"] += 1
            out.write(rec)


def generate(path: str | Path, sales: int = DEFAULT_SALES, repairs: int = DEFAULT_REPAIRS,
             callbacks: int = DEFAULT_CALLBACKS, *, lang: str = "zh", seed: int = DEFAULT_SEED,
             mistakes: float = 1.0) -> dict[str, Any]:
    """Write the workbook; return a manifest (sizes, seed, injected counts)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed, lang, mistakes)
    wb = new_workbook(path, constant_memory=True)
    formats = Formats(wb)
    sheets = [SheetOut(wb, formats, r, lang) for r in (SALES, REPAIRS, CALLBACKS)]
    if sales < 1 and repairs > 0:
        raise SystemExit("repairs need at least one sale")
    gen.sales_rows(sales, sheets[0])
    gen.repair_rows(repairs, sheets[1])
    gen.callback_rows(callbacks if gen.resolved else 0, sheets[2])
    for sheet in sheets:
        sheet.finish()
    wb.close()
    return {
        "path": str(path), "lang": lang, "seed": seed, "mistakes": mistakes,
        "rows": {"sales": sheets[0].row, "repairs": sheets[1].row, "callbacks": sheets[2].row},
        "resolved_repairs": len(gen.resolved),
        "injected": dict(sorted(gen.injected.items())),
        "bytes": path.stat().st_size,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sales", type=int, default=DEFAULT_SALES, help="sales rows (default %(default)s)")
    parser.add_argument("--repairs", type=int, default=DEFAULT_REPAIRS, help="repair rows (default %(default)s)")
    parser.add_argument("--callbacks", type=int, default=DEFAULT_CALLBACKS,
                        help="callback rows (default %(default)s)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="workbook to write")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="sheet names, headers and enum labels")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--mistakes", type=float, default=1.0,
                        help="multiply every mistake's share (10: a badly kept register, a quarter or more of the "
                             "rows flagged; default %(default)s)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    manifest = generate(args.output, args.sales, args.repairs, args.callbacks, lang=args.lang, seed=args.seed,
                        mistakes=args.mistakes)
    manifest["seconds"] = round(time.perf_counter() - started, 2)
    Path(f"{args.output}.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
    rows = manifest["rows"]
    print(f"wrote {args.output}: {rows['sales']:,} sales, {rows['repairs']:,} repairs, "
          f"{rows['callbacks']:,} callbacks ({manifest['bytes'] / 1024**2:.1f} MiB) in {manifest['seconds']:.1f} s")
    for kind, count in manifest["injected"].items():
        print(f"  {count:>7,}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
