"""Findings about the Visits register (SPEC §8): visits of units that are not in the sales register,
visits before the sale, faults found with no repair opened for them."""

from sheetdesk.findings.registry import declare

declare(
    "visit.unknown_serial",
    "warning",
    "{field} {value} is not in the sales register ('{sales_sheet}'); no visits are planned for it",
    "{field} {value} 在销售登记表（'{sales_sheet}'）中查不到，无法为其安排计划巡检",
    explain_en="A visit names a serial that is not in the sales register (matched ignoring case, width and "
    "spaces): a typo, or a register that is not complete. The visit counts for no plan.",
    explain_zh="巡检记录中的出厂编号在销售登记中查不到（比较时不区分大小写、全半角和空格）：可能填错，"
    "或销售登记不全。该次巡检不计入任何计划。",
)
declare(
    "visit.before_sale",
    "error",
    "{field} {value} is before the unit's {sale_field} {sale_date} ('{sales_sheet}' row {sales_row})",
    "{field} {value} 早于该设备的{sale_field} {sale_date}（'{sales_sheet}' 第 {sales_row} 行）",
    explain_en="A visit recorded before its unit was sold: the visit date or the serial is wrong.",
    explain_zh="巡检时间早于设备售出日期：巡检时间或出厂编号有误。",
)
declare(
    "visit.fault_without_ticket",
    "warning",
    "{result} is {fault_found} but {ticket} is blank: open a repair for the fault and write its ticket number here",
    "{result}为{fault_found}，但{ticket}为空：请为该故障开报修单，并在此填写报修单号",
    explain_en="A visit that found a fault names no repair ticket, so nothing shows the fault was taken up.",
    explain_zh="巡检发现故障却未填写报修单号，无从知道故障是否已处理。",
)
declare(
    "visit.unknown_ticket",
    "warning",
    "{field} {value} is not in the repair log ('{log_sheet}')",
    "{field} {value} 在维修记录表（'{log_sheet}'）中查不到",
    explain_en="A visit names a repair ticket that is not in the repair log (matched ignoring case, width and spaces).",
    explain_zh="巡检记录中的报修单号在维修记录中查不到（比较时不区分大小写、全半角和空格）。",
)
