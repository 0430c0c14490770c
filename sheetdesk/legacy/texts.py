"""Every sentence an import says about itself, in English and Chinese.

Decisions (what the import decided, shown in the Import Report, the
terminal and the JSON), reject reasons, and the evidence behind each column's
mapping are declared here once, by code; the code never changes with the
language. Warnings about cells are findings, declared in
`sheetdesk.findings.legacy`.
"""

from __future__ import annotations

from sheetdesk.i18n import Msg

DECISIONS: dict[str, Msg] = {
    "table.header": Msg(
        "sheet '{sheet}', header {rows}: {why}",
        "工作表“{sheet}”，表头在{rows}：{why}",
    ),
    "table.above": Msg(
        "the rows above the header are titles or summaries, not data (rows {rows}); "
        "they are listed under 'Rows above the header'",
        "表头上方的 {count} 个非空行（{rows}）是标题或汇总，不是数据；列在“表头上方的行”中",
    ),
    "table.sheet": Msg(
        "sheet '{sheet}' of {count} has the best table",
        "{count} 个工作表中，“{sheet}”的表格最完整",
    ),
    "table.second": Msg(
        "a second table starts at row {row} ({labels}); its rows ({count}) are in Rejects: "
        "import it with --header-row {row}",
        "第 {row} 行开始另一个表格（{labels}）；它的 {count} 行列入未导入：请用 --header-row {row} 单独导入",
    ),
    "table.second_same": Msg(
        "a second table at row {row} has the same columns in another order: its rows ({count}) are imported",
        "第 {row} 行开始的第二个表格列相同、顺序不同：其 {count} 行已导入",
    ),
    "column.index": Msg("'{column}' holds row numbers; skipped", "“{column}”是行号，未导入"),
    "column.constant": Msg(
        "'{column}' is '{value}' in every row: named here once instead of in every row's notes",
        "“{column}”每行都是“{value}”：只在此说明一次，不写入每行备注",
    ),
    "column.missing": Msg(
        "{field} ({key}): no column in the source; left blank in every row (validate reports it)",
        "{field}（{key}）：源文件没有此列；每行留空（validate 会报告）",
    ),
    "column.unmapped": Msg(
        "'{column}' kept in notes: no key fits well enough (best: {candidates})",
        "“{column}”保留在备注中：没有足够把握对应到任何列（最接近：{candidates}）",
    ),
    "mapping.conflict": Msg(
        "'{column}' also looks like {target} ({evidence}); '{winner}' is stronger, so this column is kept in notes",
        "“{column}”也像是{target}（{evidence}）；“{winner}”依据更充分，此列保留在备注中",
    ),
    "mapping.values_do_not_fit": Msg(
        "'{column}' looks like {target} by its header, but {reason}; kept in notes instead",
        "“{column}”按表头像是{target}，但{reason}；改为保留在备注中",
    ),
    "mapping.first_moment": Msg(
        "'{first}' is earlier than '{second}' in every row compared ({count}): the first moment is {target}; "
        "'{second}' is a later step",
        "“{first}”在比较的各行（{count} 行）中都早于“{second}”：最早的时刻才是{target}；“{second}”是其后的环节",
    ),
    "mapping.identifier": Msg(
        "'{column}' holds a unique identifier in every row ({samples}): used as {target} instead of generating one",
        "“{column}”每行都是唯一编号（{samples}）：用作{target}，不再生成",
    ),
    "carry.merged": Msg(
        "'{column}': cells filled from the merged cell above: {count}", "“{column}”：{count} 个单元格按合并单元格填充"
    ),
    "carry.ditto": Msg(
        "'{column}': same-as-above markers (同上, do, 〃) filled from the row above: {count}",
        "“{column}”：{count} 个“同上”标记（同上、do、〃）按上一行填充",
    ),
    "carry.blank": Msg(
        "'{column}': empty cells filled from the row above (a carried-down column): {count}",
        "“{column}”：{count} 个空单元格按上一行填充（沿用上行的列）",
    ),
    "date_order": Msg("'{column}': {order}", "“{column}”：{order}"),
    "values.unread": Msg(
        "'{column}': values not read as {target}: {count}; left blank and kept in notes (see the warnings)",
        "“{column}”：{count} 个值无法读作{target}；留空并保留在备注中（见警告）",
    ),
    "time.blank": Msg(
        "{field}: rows with a date but no time: {count}; read as 00:00 of that date",
        "{field}：{count} 行只有日期没有时间；按当天 00:00 读取",
    ),
    "time.rollover": Msg(
        "end times earlier than the start read as the next day (at most 12 hours later: a night shift): {count}",
        "{count} 个结束时间早于开始时间，按次日读取（最多晚 12 小时：夜班）",
    ),
    "time.end_before_start": Msg(
        "end times earlier than the start and kept as written (validate reports them): {count}",
        "{count} 个结束时间早于开始时间，按原样保留（validate 会报告）",
    ),
    "enum.values": Msg("'{column}' read as {target}: {pairs}", "“{column}”读作{target}：{pairs}"),
    "dates.swapped": Msg(
        "'{column}': dates that Excel had swapped (day and month), read swapped back: {count}; see the warnings",
        "“{column}”：{count} 个日期曾被 Excel 颠倒日和月，已按对调后读取；见警告",
    ),
    "dates.epoch": Msg(
        "'{column}': Unix timestamps ({unit} since 1970-01-01) read as UTC date and time: {count}",
        "“{column}”：{count} 个 Unix 时间戳（自 1970-01-01 起的{unit}）按 UTC 日期时间读取",
    ),
    "dates.year": Msg(
        "'{column}': dates without a year ({count}, e.g. {example}) read in {year}, the one year the file names "
        "('{where}')",
        "“{column}”：{count} 个日期没有写年份（例如 {example}），按文件中唯一出现的年份 {year} 读取（“{where}”）",
    ),
    "dates.no_year": Msg(
        "'{column}': dates without a year ({count}, e.g. {example}) are not read: the title, sheet and file name "
        "name no single year; write the year in the title (2023年5月…) or in the cells",
        "“{column}”：{count} 个日期没有写年份（例如 {example}），未读取：标题、工作表名和文件名中没有唯一的年份；"
        "请在标题（如 2023年5月…）或单元格中写明年份",
    ),
    "dates.year_end": Msg(
        "'{column}': dates without a year ({count}) run from late in one year into the next (12月 then 1月); "
        "the file names only {year}, so they are not read; write the year in the cells",
        "“{column}”：{count} 个没有年份的日期跨越了年底（先 12月 后 1月）；文件只写了 {year} 年，无法确定，未读取；"
        "请在单元格中写明年份",
    ),
    "tickets.generated": Msg(
        "rows that got a generated ticket number IMP-<8 hex> ({why}): {count}; it is a hash of the row's values, "
        "so the same row gets the same number on every import, and the row's notes say so",
        "{count} 行生成了报修单号 IMP-<8位十六进制>（{why}）；它由该行的值计算得出，"
        "同一行每次导入得到同一单号，该行备注中注明",
    ),
    "rows.superseded": Msg(
        "rows that repeat the {key} of a later row: {count}; the last row of each {key} is kept "
        "(a log of events keeps its final state); the earlier rows are in Rejects",
        "{count} 行与后面某行的{key}相同：每个{key}只保留最后一行（事件日志保留最终状态）；较早的行列入未导入",
    ),
    "rows.field_count": Msg(
        "CSV rows with a different number of fields than the header ({width}): {count}; "
        "their values would land in the wrong columns, so they are in Rejects",
        "{count} 个 CSV 行的字段数与表头（{width}）不同：其值会错位，已列入未导入",
    ),
}

REJECTS: dict[str, Msg] = {
    "note": Msg(
        "a single cell ('{value}' in {cell}) where records have about {typical} values: a note, not a record",
        "单独一个单元格（{cell} 中的“{value}”），而记录通常约有 {typical} 个值：是说明，不是记录",
    ),
    "sign_off": Msg(
        "a sign-off or note line ('{value}' from {cell}) where records have about {typical} values: not a record",
        "签字或说明行（{cell} 起的“{value}”），而记录通常约有 {typical} 个值：不是记录",
    ),
    "repeated_header": Msg("the header repeated (a new page?), not data", "重复的表头（换页？），不是数据"),
    "totals": Msg("a totals row ('{value}' in {cell})", "合计行（{cell} 中的“{value}”）"),
    "shifted": Msg(
        "the row sits one column right of its header from column {letter} ('{column}' holds '{value}'): "
        "an unquoted comma or a stray cell earlier in the row; fix the source row and import again",
        "从 {letter} 列起整行右移了一列（“{column}”中是“{value}”）：前面有未加引号的逗号或多余的单元格；"
        "请修正源文件该行后重新导入",
    ),
    "empty": Msg("nothing to import: no value in any mapped column", "没有可导入的内容：所有已对应的列都为空"),
    "superseded": Msg(
        "superseded by row {winner} of the same {key} '{value}' (the last row of each {key} is kept)",
        "被第 {winner} 行取代（{key}同为“{value}”，每个{key}保留最后一行）",
    ),
    "field_count": Msg(
        "{fields} fields, header has {width}: the values would land in the wrong columns",
        "该行有 {fields} 个字段，表头有 {width} 个：值会错位",
    ),
    "second_table": Msg(
        "belongs to a second table whose header is row {row}; import it with --header-row {row}",
        "属于第 {row} 行表头下的另一个表格；请用 --header-row {row} 导入",
    ),
}

# Pieces of the decisions and evidence above.
HEADER_ONE = Msg("row {row}", "第 {row} 行")
HEADER_JOINED = Msg("rows {first}-{last} (joined)", "第 {first}-{last} 行（合并）")
WHY_GIVEN = Msg("as given (--header-row)", "按指定（--header-row）")
WHY_MAPFILE = Msg("as the mapping file says", "按映射文件")
WHY_SCORED = Msg(
    "the best-scoring row: labels over {labelled} of {width} columns, {known} of them known, "
    "values below of another kind than their label in {typed}",
    "得分最高的行：{width} 列中 {labelled} 列有表头，其中 {known} 个已知，{typed} 列的数据与表头类型不同",
)
ORDER_DAY_FIRST = Msg(
    "day-first: {count} values have a first part > 12 (e.g. {examples})",
    "日在前：{count} 个值第一部分大于 12（例如 {examples}）",
)
ORDER_MONTH_FIRST = Msg(
    "month-first: {count} values have a second part > 12 (e.g. {examples})",
    "月在前：{count} 个值第二部分大于 12（例如 {examples}）",
)
ORDER_MIXED = Msg(
    "mixed: {day} day-first and {month} month-first values (e.g. {examples}); the {ambiguous} values with "
    "both parts <= 12 are not read (set dayfirst in a mapping file)",
    "混用：{day} 个日在前、{month} 个月在前（例如 {examples}）；两部分都不大于 12 的 {ambiguous} 个值不读取"
    "（请在映射文件中设置 dayfirst）",
)
ORDER_AMBIGUOUS = Msg(
    "ambiguous: all {ambiguous} day/month values have both parts <= 12 (e.g. {examples}); "
    "they are not read (set dayfirst in a mapping file)",
    "无法判断：全部 {ambiguous} 个日/月值两部分都不大于 12（例如 {examples}）；不读取（请在映射文件中设置 dayfirst）",
)
ORDER_BY_COLUMN = Msg(
    "{order}, as '{column}' in the same file, written the same way, shows ({count} values such as {examples}); "
    "its own values all have both parts <= 12",
    "{order}：本列的值两部分都不大于 12，按同一文件中写法相同的“{column}”判断（{count} 个值，例如 {examples}）",
)
ORDER_BY_PAIRS = Msg(
    "{order}: read so, '{first}' is no later than '{second}' in the rows; read the other way, {bad} of {count} "
    "rows would have it later; its own values all have both parts <= 12",
    "{order}：按此读取，各行“{first}”都不晚于“{second}”；反过来读，{count} 行中有 {bad} 行会晚于；"
    "本列的值两部分都不大于 12",
)
ORDER_BY_ROWS = Msg(
    "{order}: read so, the rows are in date order; read the other way, {bad} of {count} steps from row to row "
    "would go back in time; its own values all have both parts <= 12",
    "{order}：按此读取，各行按日期先后排列；反过来读，{count} 次换行中有 {bad} 次日期倒退；本列的值两部分都不大于 12",
)
ORDER_GIVEN = Msg("{order} (mapping file)", "{order}（映射文件）")
DAY_FIRST = Msg("day-first", "日在前")
SECONDS = Msg("seconds", "秒")
MILLISECONDS = Msg("milliseconds", "毫秒")
MONTH_FIRST = Msg("month-first", "月在前")
TICKETS_NO_COLUMN = Msg("the source has no ticket column", "源文件没有报修单号列")
TICKETS_BLANK = Msg("their ticket cell is blank", "这些行的报修单号为空")

EVIDENCE: dict[str, Msg] = {
    "mapping file": Msg("mapping file ({file})", "映射文件（{file}）"),
    "label": Msg("header '{form}' is the template's label", "表头“{form}”即模板列名"),
    "schema alias": Msg("header '{form}' is a known alias", "表头“{form}”是模板别名"),
    "lexicon": Msg("header '{form}' (lexicon)", "表头“{form}”（词库）"),
    "rule": Msg("header words '{form}'", "表头关键词“{form}”"),
    "fuzzy": Msg("header spelled like '{form}'", "表头写法接近“{form}”"),
    "content": Msg("content: {share} of values are {what}", "内容：{share} 的值是{what}"),
    "identifier": Msg("content: a unique identifier in every row", "内容：每行唯一的编号"),
    "counterpart": Msg(
        "header '{form}' ends the step '{start}' starts, and is never earlier in the rows compared ({count})",
        "表头“{form}”是“{start}”这一步的结束，且在比较的 {count} 行中从不早于它",
    ),
    "index": Msg("row numbers {first}, {second}, ... (a spreadsheet index)", "行号 {first}、{second}……（表格序号）"),
    "unmapped": Msg(
        "no key fits well enough: kept in notes as 'header: value'", "没有足够把握：以“表头: 值”保留在备注中"
    ),
}
JOINED = Msg("joined header '{parts}'", "合并表头“{parts}”")
TIMES_OF_DAY = Msg("its values are times of day", "其值为一天中的时刻")
FIT = Msg("{share} of its values fit", "{share} 的值相符")
WHAT_DATES = Msg("dates", "日期")
WHAT_TIMES = Msg("times of day, beside the {field} date", "时刻（配合{field}的日期）")
WHAT_PHONES = Msg("phone numbers", "电话号码")
WHAT_CHOICES = Msg("{field} values ({samples})", "{field}的取值（{samples}）")

# Why a column's values do not fit the key its header names.
MISFIT_PARSE = Msg(
    "only {share} of its values read as {what} (e.g. {samples})", "只有 {share} 的值能读作{what}（例如 {samples}）"
)
MISFIT_FREE_TEXT = Msg(
    "its values are free text, not choices (e.g. {samples})", "其值是自由文本，不是选项（例如 {samples}）"
)
MISFIT_NUMBERS = Msg(
    "its values are numbers and its header does not say level, severity or priority",
    "其值是数字，且表头没有“级别/等级/优先级”等字样",
)
MISFIT_SPARSE = Msg("only {share} of the rows have a value", "只有 {share} 的行有值")
MISFIT_KIND = Msg(
    "its values are {what}, not {expected} (e.g. {samples})", "其值是{what}，不是{expected}（例如 {samples}）"
)
KIND_WORDS = {
    "dates": Msg("dates", "日期"),
    "numbers": Msg("numbers", "数字"),
    "yes/no words": Msg("yes/no words", "是/否"),
    "free text": Msg("free text", "自由文本"),
    "codes": Msg("codes", "代码"),
    "names": Msg("names", "姓名"),
    "identifiers": Msg("identifiers", "编号"),
    "a description": Msg("a description", "描述"),
    "short labels": Msg("short labels", "简短的分类"),
    "a date and time": Msg("a date and time", "日期时间"),
    "a date": Msg("a date", "日期"),
    "a time": Msg("a time", "时间"),
    "a number": Msg("a number", "数字"),
    "a whole number": Msg("a whole number", "整数"),
    "choices": Msg("{field} choices", "{field}选项"),
}
PART_DATE = Msg("{field} (date part)", "{field}（日期部分）")
PART_TIME = Msg("{field} (time part)", "{field}（时间部分）")
GOES_KEEP = Msg("notes as 'header: value'", "备注（“表头: 值”）")
GOES_SKIP = Msg("skipped", "不导入")
GOES_NOTES = Msg("Notes", "备注")
NOTE_GENERATED = Msg("ticket no generated by import (source row {row})", "报修单号由导入生成（源文件第 {row} 行）")
