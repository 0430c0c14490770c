"""How the registers refer to each other, worked out once per dataset.

A repair names its sale by serial number, a callback its repair by ticket
number. Validation, the rules, the computed columns, the KPIs and the branch
files all need these links; they are built here, once, when a dataset is
loaded (`Dataset.links`), with one key function, so that a serial or ticket
retyped in another case, in full-width characters or with stray spaces is
linked (or reported unknown) the same way everywhere.

A link is declared as a `LinkSpec` (which column of which register names a
record of which other register) and built into a `Link`: for every child
record the index of its parent, and for every parent record the indexes of
its children. A register added later (holds naming tickets, visits naming
serials) adds a `LinkSpec` to `LINKS` and is linked the same way.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

__all__ = [
    "LINKS",
    "Columns",
    "KeyIndex",
    "Link",
    "LinkSpec",
    "Links",
    "RecordColumns",
    "build_links",
    "column_keys",
    "match_key",
]


def match_key(value: Any) -> str | None:
    """The key two cells must share to name the same serial, ticket or fault category.

    Full-width forms (NFKC), letter case and spaces (around the text, and
    runs of spaces inside it) do not matter; leading zeros do. A whole float
    (a serial typed as a number) loses its `.0`. None for a blank.
    """
    if value is None:
        return None
    if isinstance(value, str) and value.isascii():  # the usual case: NFKC changes nothing
        if value.isalnum():  # letters and digits only (a serial, a ticket): no space to fold
            return value.casefold()
        return " ".join(value.split()).casefold() or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(unicodedata.normalize("NFKC", str(value)).split()).casefold()
    return text or None


def column_keys(values: Iterable[Any]) -> list[str | None]:
    """`match_key` of every cell of a column, in order.

    The same keys as mapping `match_key`; a column of serials or tickets
    (ASCII letters and digits, the usual case) is keyed without a Python
    call per cell, which is most of the cost of linking 400k records.
    """
    return [v.casefold() if type(v) is str and v.isascii() and v.isalnum() else match_key(v) for v in values]


class Columns(Protocol):
    """What linking reads from a register: its length and whole columns (a loaded `Table`)."""

    def __len__(self) -> int: ...

    def has(self, key: str) -> bool: ...

    def column(self, key: str) -> Sequence[Any]: ...


class RecordColumns:
    """`Columns` over plain records (dicts keyed by field), for callers without a `Table`."""

    def __init__(self, records: Sequence[Mapping[str, Any]]) -> None:
        self.records = records

    def __len__(self) -> int:
        return len(self.records)

    def has(self, key: str) -> bool:
        return any(key in r for r in self.records)

    def column(self, key: str) -> list[Any]:
        return [r.get(key) for r in self.records]


@dataclass(frozen=True)
class KeyIndex:
    """One column's keys: each record's folded key, and where each key first appears."""

    keys: tuple[str | None, ...]  # per record, match_key of its cell
    first: Mapping[str, int]  # key -> index of the first record holding it
    repeated: Mapping[str, tuple[int, ...]]  # key held by several records -> all of them, in order

    @classmethod
    def build(cls, values: Sequence[Any]) -> KeyIndex:
        keys = tuple(column_keys(values))
        # Filled from the last record to the first, so that each key keeps its first record.
        first: dict[str | None, int] = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
        first.pop(None, None)
        return cls(keys, cast(dict[str, int], first), _repeated(keys, len(first)))

    def find(self, value: Any) -> int | None:
        """The first record whose key is `value`'s key."""
        key = match_key(value)
        return None if key is None else self.first.get(key)

    def holders(self, key: str) -> tuple[int, ...]:
        """Every record holding `key` (one, or several when it repeats)."""
        found = self.repeated.get(key)
        if found is not None:
            return found
        i = self.first.get(key)
        return () if i is None else (i,)


def _repeated(keys: tuple[str | None, ...], distinct: int) -> dict[str, tuple[int, ...]]:
    """Each key held by several records -> those records, in order; {} when no key repeats (the usual)."""
    if distinct == len(keys) - keys.count(None):
        return {}
    twice = {key for key, count in Counter(keys).items() if count > 1 and key is not None}
    held: dict[str, list[int]] = {}
    for i in [i for i, key in enumerate(keys) if key in twice]:
        held.setdefault(keys[i], []).append(i)  # type: ignore[arg-type]
    return {key: tuple(records) for key, records in held.items()}


@dataclass(frozen=True)
class LinkSpec:
    """`child`'s column `child_key` names a record of `parent` by its column `parent_key`."""

    name: str
    child: str
    child_key: str
    parent: str
    parent_key: str


# Every link between registers: a repair's sale, a callback's repair, a hold's
# repair, a visit's unit and the repair a visit led to.
REPAIR_SALE = LinkSpec("repair_sale", "repairs", "serial_no", "sales", "serial_no")
CALLBACK_REPAIR = LinkSpec("callback_repair", "callbacks", "ticket_no", "repairs", "ticket_no")
HOLD_REPAIR = LinkSpec("hold_repair", "holds", "ticket_no", "repairs", "ticket_no")
VISIT_SALE = LinkSpec("visit_sale", "visits", "serial_no", "sales", "serial_no")
VISIT_REPAIR = LinkSpec("visit_repair", "visits", "ticket_no", "repairs", "ticket_no")
LINKS: tuple[LinkSpec, ...] = (REPAIR_SALE, CALLBACK_REPAIR, HOLD_REPAIR, VISIT_SALE, VISIT_REPAIR)


@dataclass(frozen=True)
class Link:
    """One built link.

    `parent_of[i]`: the parent record child `i` names (the first holding the
    key, as the SPEC reads a repeated serial), None when its key is blank or
    unknown. `children_of[j]`: the children naming parent `j`'s key, in sheet
    order; parents that repeat a key share its children. `known` says the
    parent register and its key column are there, so that an unlinked key is
    unknown rather than merely unchecked.
    """

    spec: LinkSpec
    keys: tuple[str | None, ...]  # per child: its folded key
    parent_of: tuple[int | None, ...]
    children_of: tuple[tuple[int, ...], ...]
    known: bool

    def unknown(self) -> Iterator[int]:
        """Children whose key names no parent (only when the parent column is there)."""
        if not self.known:
            return
        for i, (key, parent) in enumerate(zip(self.keys, self.parent_of, strict=True)):
            if key is not None and parent is None:
                yield i


def _build_link(spec: LinkSpec, child: Columns | None, parent: Columns | None, index: KeyIndex | None) -> Link:
    keys = tuple(column_keys(child.column(spec.child_key))) if child is not None else ()
    known = parent is not None and parent.has(spec.parent_key) and index is not None
    if index is None:
        return Link(spec, keys, (None,) * len(keys), ((),) * (len(parent) if parent else 0), known)
    if not keys:  # no child register (an optional one absent): nothing to look up
        return Link(spec, keys, (), ((),) * len(index.keys), known)
    parent_of = tuple(map(index.first.get, keys))  # type: ignore[arg-type]  # no key is None in `first`
    children_of = _children(parent_of, index)
    return Link(spec, keys, parent_of, children_of, known)


def _children(parent_of: tuple[int | None, ...], index: KeyIndex) -> tuple[tuple[int, ...], ...]:
    """Per parent record, the children naming its key, in order; parents that repeat a key share them."""
    gathered: list[list[int]] = [[] for _ in index.keys]
    for i, j in enumerate(parent_of):
        if j is not None:
            gathered[j].append(i)
    children = [tuple(found) for found in gathered]
    for holders in index.repeated.values():  # the children went to the first holder of the key
        for j in holders[1:]:
            children[j] = children[holders[0]]
    return tuple(children)


@dataclass(frozen=True)
class Links:
    """Every link of one dataset, and the branch each repair and callback belongs to."""

    indexes: Mapping[tuple[str, str], KeyIndex]  # (register, key column) -> its index
    by_name: Mapping[str, Link]
    repair_branch: tuple[Any, ...]  # per repair: its own branch, else its sale's; None if neither
    callback_branch: tuple[Any, ...]  # per callback: its repair's branch

    @property
    def repair_sale(self) -> Link:
        """repairs -> sales by serial number."""
        return self.by_name[REPAIR_SALE.name]

    @property
    def callback_repair(self) -> Link:
        """callbacks -> repairs by ticket number (`children_of`: a ticket's callbacks)."""
        return self.by_name[CALLBACK_REPAIR.name]

    @property
    def hold_repair(self) -> Link:
        """holds -> repairs by ticket number (`children_of`: a ticket's holds; empty without a Holds sheet)."""
        return self.by_name[HOLD_REPAIR.name]

    @property
    def visit_sale(self) -> Link:
        """visits -> sales by serial number (`children_of`: a unit's visits)."""
        return self.by_name[VISIT_SALE.name]

    @property
    def visit_repair(self) -> Link:
        """visits -> repairs by ticket number (the repair a fault found led to)."""
        return self.by_name[VISIT_REPAIR.name]

    def index(self, register: str, key: str) -> KeyIndex | None:
        """The key index of a parent column (`("sales", "serial_no")`...), None when absent."""
        return self.indexes.get((register, key))


def build_links(tables: Mapping[str, Columns]) -> Links:
    """Link the registers present in `tables` (register key -> its columns)."""
    indexes: dict[tuple[str, str], KeyIndex] = {}
    for spec in LINKS:
        parent = tables.get(spec.parent)
        if parent is not None and parent.has(spec.parent_key) and (spec.parent, spec.parent_key) not in indexes:
            indexes[(spec.parent, spec.parent_key)] = KeyIndex.build(parent.column(spec.parent_key))
    by_name = {
        spec.name: _build_link(
            spec, tables.get(spec.child), tables.get(spec.parent), indexes.get((spec.parent, spec.parent_key))
        )
        for spec in LINKS
    }
    repair_branch = _repair_branches(tables, by_name[REPAIR_SALE.name])
    to_repair = by_name[CALLBACK_REPAIR.name].parent_of
    callback_branch = tuple(None if j is None else repair_branch[j] for j in to_repair)
    return Links(indexes, by_name, repair_branch, callback_branch)


def _repair_branches(tables: Mapping[str, Columns], sale_link: Link) -> tuple[Any, ...]:
    """A repair's branch is its own, else its sale's (SPEC §2)."""
    repairs, sales = tables.get("repairs"), tables.get("sales")
    if repairs is None:
        return ()
    own = repairs.column("branch")
    if sales is None or not sales.has("branch"):
        return tuple(own)
    sale_branch = sales.column("branch")
    return tuple(
        [
            (None if j is None else sale_branch[j]) if b is None or b == "" else b
            for b, j in zip(own, sale_link.parent_of, strict=True)
        ]
    )
