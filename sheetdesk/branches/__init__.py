"""Distribute a master workbook to branches and collect the returned files (SPEC §7).

`split_master` writes one workbook per branch with that branch's rows only;
`collect` merges returned files into a new master and reports every change.
"""

from sheetdesk.branches.collect import CollectResult, collect
from sheetdesk.branches.keys import MasterKey, key_path
from sheetdesk.branches.merge import FileMerge
from sheetdesk.branches.merge_report import Change
from sheetdesk.branches.provenance import Provenance, read_provenance
from sheetdesk.branches.split import BranchFile, SplitResult, split_master

__all__ = [
    "BranchFile",
    "Change",
    "CollectResult",
    "FileMerge",
    "MasterKey",
    "Provenance",
    "SplitResult",
    "collect",
    "key_path",
    "read_provenance",
    "split_master",
]
