"""Import legacy logs into the standard templates, losing no row (SPEC §6).

    result = import_legacy("old.xls", "repairs")     # read, map, parse; nothing written
    write_import(result, "old.imported.xlsx")       # register sheet + Rejects + Import Report
    save_mapping(result, "old.mapping.yaml")        # reuse next month: mapping="old.mapping.yaml"

Modules, in the order an import runs: `table` and `header` find the table
(`stack` the tables stacked below it), `sniff` profiles the columns,
`labels` (over `lexicon` and `lexicon_zh`), `evidence` and `mapping`
(+ `mapfile`, `mapbook`) map them, `classify` and `rows` reject what is not
a record, `carry` fills "same as above" cells, `dateorder` and `swaps`
decide date orders, `parse` + `assemble` read the values, `account`
finishes, `importer` ties it together, `write` writes the workbook,
`result` holds what happened and `texts` says it in English and Chinese.
"""

from sheetdesk.legacy.importer import import_legacy
from sheetdesk.legacy.mapfile import MapFile, dump_mapping, load_mapping, save_mapping
from sheetdesk.legacy.result import Candidate, ColumnMap, Decision, ImportResult, Reject
from sheetdesk.legacy.write import write_import

__all__ = [
    "Candidate",
    "ColumnMap",
    "Decision",
    "ImportResult",
    "MapFile",
    "Reject",
    "dump_mapping",
    "import_legacy",
    "load_mapping",
    "save_mapping",
    "write_import",
]
