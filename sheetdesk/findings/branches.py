"""Findings of `split` and `collect`."""

from sheetdesk.findings.registry import declare

# split ------------------------------------------------------------------

declare(
    "split.no_key",
    "error",
    "{register} row has no {key_columns}; it is not distributed",
    "{register}中此行没有{key_columns}，未分发",
    explain_en="A register row without its identity key cannot be matched when it comes back, so it goes to no file.",
    explain_zh="缺少关键字的登记行收回时无法对应，因此不分发到任何文件。",
)
declare(
    "split.duplicate_key",
    "error",
    "{register} key {key} appears again (first in row {first_row}); only its first row is distributed",
    "{register}关键字 {key} 重复出现（首次在第 {first_row} 行）；只分发第一行",
    explain_en="A serial, ticket or callback repeats an earlier row's key; the repeat goes to no file.",
    explain_zh="出厂编号、报修单号或回访记录与前面某行的关键字重复；重复行不分发。",
)
declare(
    "split.no_branch",
    "error",
    "{register} {key} belongs to no branch ({why}); it is in no branch file",
    "{register} {key} 不属于任何网点（{why}），未放入任何网点文件",
    explain_en="A row whose branch cannot be found (blank Branch, unknown serial or ticket) goes to no file.",
    explain_zh="找不到所属网点的行（网点为空、出厂编号或报修单号不存在）不分发。",
)
declare(
    "split.ambiguous_branch",
    "error",
    "{register} {key} may belong to more than one branch: {via} is in several rows of different branches; "
    "it is in no branch file",
    "{register} {key} 可能属于多个网点：{via} 出现在不同网点的多行中；未放入任何网点文件",
    explain_en="A repair or callback whose branch follows a serial or ticket shared by rows of different "
    "branches could be another branch's data, so it goes to no file.",
    explain_zh="维修或回访的网点取决于某个出厂编号或报修单号，而该编号出现在不同网点的多行中；"
    "它可能属于别的网点，因此不分发。",
)
declare(
    "split.unreadable_cells",
    "warning",
    "{count} cell(s) of the master cannot be read as their type; they are distributed as written "
    "(run `sheetdesk validate` for the list)",
    "总表中有 {count} 个单元格无法按其类型读取，按原样分发（运行 `sheetdesk validate` 查看清单）",
    explain_en="Cells such as `tbd` in a date column travel unchanged and come back unchanged.",
    explain_zh="例如日期列中的 `待定`，按原样分发、按原样收回。",
)
declare(
    "split.column_not_distributed",
    "warning",
    "columns {columns} are not template columns (blank, unknown or repeated headers); they are not distributed",
    "第 {columns} 列不是模板列（表头为空、未知或重复），未分发",
    explain_en="Columns outside the template may hold anything, so branch files do not carry them; "
    "the master keeps them.",
    explain_zh="模板以外的列可能包含任何内容，因此不放入网点文件；总表保留这些列。",
)
declare(
    "split.sheet_not_distributed",
    "warning",
    "sheet '{sheet_name}' is not a register and is not distributed (it may hold other branches' data)",
    "工作表“{sheet_name}”不是登记表，未分发（其中可能有其他网点的数据）",
    explain_en="Sheets other than the registers (sales, repairs, callbacks, holds, visits) stay at head office.",
    explain_zh="登记表（销售、维修、回访、暂停、巡检记录）以外的工作表留在总部。",
)
declare(
    "split.bad_policy",
    "warning",
    "the policy cannot be used ({problem}); the branch worklists are left empty: fix the policy and split again",
    "政策无法使用（{problem}）；各网点的待办清单为空：请修正政策后重新分发",
    explain_en="The worklists are worked out from the policy (callback days, SLA, the maintenance plan); "
    "with a bad policy nothing is listed rather than something wrong.",
    explain_zh="待办清单按政策（回访天数、服务时限、维护计划）计算；政策有误时宁可不列，也不列错。",
)
declare(
    "split.text_cut",
    "warning",
    "{field}: text of {length:,} characters is cut to 32,767 in the branch file (Excel's limit); "
    "the master keeps it whole",
    "{field}：{length:,} 个字符的文本在网点文件中截为 32,767 个（Excel 上限）；总表保留全文",
    explain_en="Excel cells hold 32,767 characters; collect restores the master's full text when the "
    "branch returns the cut text unchanged.",
    explain_zh="Excel 单元格最多 32,767 个字符；网点原样交回截断的文本时，合并保留总表的全文。",
)

# collect ----------------------------------------------------------------

declare(
    "collect.text_cut",
    "warning",
    "text of {length:,} characters is cut to 32,767 in the merged workbook (Excel's limit)",
    "{length:,} 个字符的文本在合并后的工作簿中截为 32,767 个（Excel 上限）",
    explain_en="The merged master cannot hold longer text; the cell is named and the exit code is 1.",
    explain_zh="合并后的总表无法容纳更长的文本；指明单元格，退出码为 1。",
)
declare(
    "collect.uncarried",
    "warning",
    "{file} contains {part}; the merged workbook carries values only, so they are not in it",
    "{file} 含有{part}；合并后的工作簿只保留数值，这些内容不在其中",
    explain_en="Charts, images, macros, pivot tables and external links of the master are not carried (exit code 1).",
    explain_zh="总表中的图表、图片、宏、数据透视表和外部链接不会保留（退出码为 1）。",
)
declare(
    "collect.unrecorded",
    "warning",
    "accepted without a verified split record ({why}); merged as branch '{branch}', named by the file name: "
    "rows are added or update the master, none is reported deleted",
    "未经验证的分发记录（{why}），按 --accept-unrecorded 收入；按文件名视为网点“{branch}”："
    "各行只新增或更新总表，不报告删除",
    explain_en="A file let in with --accept-unrecorded: every row is checked against the branch its file name names.",
    explain_zh="用 --accept-unrecorded 收入的文件：每一行都按文件名所指的网点核对。",
)
declare(
    "collect.columns_missing",
    "warning",
    "columns missing from the file: {columns}; the master's values are kept",
    "文件中缺少以下列：{columns}；保留总表的值",
    explain_en="A branch deleted columns of its file; those fields are not compared.",
    explain_zh="网点删除了文件中的列；这些字段不作比较。",
)
declare(
    "collect.sheet_missing",
    "warning",
    "the file has no {register} sheet; its rows are neither compared nor reported as deleted",
    "文件中没有{register}工作表；其中的行不比较，也不报告删除",
    explain_en="A register sheet was removed from a branch file.",
    explain_zh="网点文件中的某张登记表被删除。",
)
declare(
    "collect.deleted_in_master",
    "warning",
    "{key} was deleted in the master since the split; not re-added",
    "{key} 分发后已在总表中删除；不重新加入",
    explain_en="A row the branch left as it was, which head office deleted since the split.",
    explain_zh="网点未改动、但总部在分发后已删除的行。",
)
