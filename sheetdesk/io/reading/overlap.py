"""Reading an .xlsx's first sheets while the safety scan still looks at the later ones.

The scan (`ooxml.scan_ooxml`) must see a sheet's part before calamine reads
it: that is what keeps calamine from being asked for a grid it cannot hold.
It need not see *every* part first, though. calamine reads a sheet in Rust
without holding Python's lock, while the scan and the turning of calamine's
cells into Python rows are Python; so on a machine with two cores calamine
reads sheet k on a thread of its own while the scan looks at sheet k+1 and
the rows of sheet k-1 are made. For a large register that is about a fifth
of the time spent reading it.

The order stays as safe as scanning everything first:
- calamine opens the workbook only after every part that is not a sheet
  was scanned (opening reads the shared strings, the styles, the workbook);
- it reads a sheet only once that sheet's part was scanned and found to
  hold no cell it would misread; a sheet the scan could not name waits for
  the end of the scan;
- when the scan refuses the file, or finds a cell calamine would misread
  (then the whole workbook is read from a rewritten copy, as before),
  reading stops after the sheet in hand and nothing it read is used.
At most two sheets are in calamine's hands at once (one being read, one
being turned into rows), as when reading them one after the other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from sheetdesk.io.reading.calamine import open_workbook, raw_sheet, reading_errors, worksheets
from sheetdesk.io.reading.model import RawSheet

# Off: every sheet is read after the scan, on the caller's thread (the tests compare both ways).
ENABLED = True

_DONE: Any = object()


class OverlappedRead:
    """calamine reading the file's worksheets on a thread of its own, as far as the scan lets it.

        with OverlappedRead(path, kind) as reading:
            scan = scan_ooxml(path, reading)   # the scan opens the gate part by part
            if <the file is to be read as it is>:
                sheets = reading.sheets()

    One condition guards everything the two threads share. Turning a sheet
    into Python rows holds Python's lock for the whole call, so the caller
    starts on sheet n only once calamine has begun reading sheet n+1 (it
    would otherwise wait for the lock until the rows are made).
    """

    def __init__(self, path: Path, kind: str) -> None:
        self.path, self.kind = path, kind
        self._changed = threading.Condition()
        self._opened = False  # the scan let calamine open the workbook
        self._cleared: set[str] = set()  # the sheets the scan let calamine read
        self._everything = False  # the whole scan passed
        self._stopped = False  # the caller called reading off
        self._handed: list[Any] = []  # (metadata, calamine's sheet) per sheet read; None once taken
        self._started = 0  # sheets calamine has begun reading
        self._converted = 0  # sheets the caller has turned into rows
        self._end: Any = None  # _DONE, or what reading raised
        self._thread = threading.Thread(target=self._read, name="sheetdesk-calamine", daemon=True)

    # --- what the scan says (ooxml.ScanGate) ---

    def open(self) -> None:
        with self._changed:
            self._opened = True
            self._changed.notify_all()

    def clear(self, sheet: str) -> None:
        with self._changed:
            self._cleared.add(sheet)
            self._changed.notify_all()

    # --- the caller's side ---

    def __enter__(self) -> OverlappedRead:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify_all()
        if not isinstance(exc, KeyboardInterrupt):  # a sheet in calamine's hands cannot be interrupted
            self._thread.join()

    def sheets(self, ready: Callable[[RawSheet], None] | None = None) -> list[RawSheet]:
        """Every worksheet, once the whole scan has passed; what reading raised, as an InputError.

        `ready` is called with each sheet as soon as it is made, while
        calamine reads the next one.
        """
        with self._changed:
            self._everything = True
            self._changed.notify_all()
        sheets: list[RawSheet] = []
        while True:
            with reading_errors(self.path, self.kind):
                item = self._take(len(sheets))
                if item is _DONE:
                    break
                if isinstance(item, BaseException):
                    raise item
                meta, sheet = item
                del item
                made = raw_sheet(meta, sheet)
                del sheet  # calamine's copy of the sheet goes before the next one is read
            sheets.append(made)
            with self._changed:
                self._converted = len(sheets)
                self._changed.notify_all()
            if ready is not None:
                ready(made)
        return sheets

    def _take(self, n: int) -> Any:
        """Sheet n once calamine is busy with sheet n+1 (or has ended); _DONE or an exception at the end."""
        with self._changed:
            self._changed.wait_for(lambda: (len(self._handed) > n and self._started > n + 1) or self._end is not None)
            if len(self._handed) <= n:
                return self._end
            item, self._handed[n] = self._handed[n], None
            return item

    # --- the reading thread ---

    def _read(self) -> None:
        """Open, then read each worksheet as the scan lets it; record how reading ended."""
        try:
            end = _DONE
            if self._wait(lambda: self._opened or self._everything):
                wb = open_workbook(self.path, self.kind)
                try:
                    for n, meta in enumerate(worksheets(wb)):
                        if not self._read_sheet(wb, n, meta):
                            break
                finally:
                    wb.close()
        except BaseException as exc:  # PanicException included: the caller turns it into an InputError
            end = exc
        with self._changed:
            self._end = end
            self._changed.notify_all()

    def _read_sheet(self, wb: Any, n: int, meta: Any) -> bool:
        """Read sheet n once the scan let it and at most one other sheet is in hand; False when called off."""
        if not self._wait(lambda: (meta.name in self._cleared or self._everything) and self._converted >= n - 1):
            return False
        with self._changed:
            self._started = n + 1
            self._changed.notify_all()
        sheet = wb.get_sheet_by_name(meta.name)  # lets go of Python's lock while it reads
        with self._changed:
            self._handed.append((meta, sheet))
            self._changed.notify_all()
        return True

    def _wait(self, allowed: Callable[[], bool]) -> bool:
        """Wait until `allowed`; False when the caller called reading off."""
        with self._changed:
            self._changed.wait_for(lambda: self._stopped or allowed())
            return not self._stopped
