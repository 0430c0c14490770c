"""Import legacy logs into the standard templates, losing no row (SPEC §6).

    result = import_legacy("old.xls", "repairs")     # read, map, parse; nothing written
    write_import(result, "old.imported.xlsx")       # register sheet + Rejects + Import Report
    save_mapping(result, "old.mapping.yaml")        # reuse next month: mapping="old.mapping.yaml"

Modules, in the order an import runs: `table` and `header` find the table,
`sniff` profiles the columns, `synonyms` + `mapping` (+ `mapfile`) map them,
`rows` rejects totals / repeated headers / shifted rows, `carry` fills
"same as above" cells, `parse` + `assemble` read the values, `importer`
ties it together, `write` writes the workbook, `result` holds what happened.
"""

from sheetdesk.legacy.importer import import_legacy
from sheetdesk.legacy.mapfile import MapFile, dump_mapping, load_mapping, save_mapping
from sheetdesk.legacy.result import ColumnMap, Decision, ImportResult, Reject
from sheetdesk.legacy.write import write_import

__all__ = [
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
