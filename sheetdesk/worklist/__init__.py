"""`due`: the morning worklist of everything that needs someone's action (SPEC §8).

`build_worklist` (engine.py) lists the items of one dataset, `due_files`
(run.py) reads the files and picks the policy, `write_due` (workbook.py)
writes the worklist workbook. `split` writes each branch its part of the
same list (`sheetdesk.branches.split`).

The package is not named `due`: `sheetdesk.due` is the library function
(`sheetdesk.api.due`), which the package would shadow once imported.
"""

from sheetdesk.worklist.engine import Worklist, build_worklist
from sheetdesk.worklist.items import ITEM_KINDS, ItemKind, WorkItem
from sheetdesk.worklist.run import DueResult, due_dataset, due_files

__all__ = [
    "ITEM_KINDS",
    "DueResult",
    "ItemKind",
    "WorkItem",
    "Worklist",
    "build_worklist",
    "due_dataset",
    "due_files",
]
