"""How much of a file sheetdesk agrees to read, and why each limit is where it is.

python-calamine builds every sheet as one dense grid from A1 to its farthest
non-empty cell (about 32 bytes a cell in Rust, then one Python object each),
and a Rust allocation that fails aborts the whole process: no exception, no
message. So before calamine (or the CSV reader) sees a file, a streaming pass
learns the file's real extent and refuses what would not fit. Each limit is
far above an honest register and far below the machine's memory.
"""

from __future__ import annotations

# A workbook whose parts unpack to more than this is refused (zip bombs); so
# is one above 100 MiB unpacked at more than 1,000:1. The 400k-row benchmark
# workbook unpacks to well under 1 GiB.
MAX_UNPACKED_BYTES = 3 * 1024**3
MAX_COMPRESSION_RATIO = 1000
RATIO_CHECKED_ABOVE = 100 * 1024**2

# One sheet's grid (farthest row x farthest column, counted from A1). A full
# 200,000-row register of 25 columns is 5 million cells; 50 million cells is
# ~1.6 GiB in calamine plus ~0.4 GiB of Python lists.
MAX_GRID_CELLS = 50_000_000

# Text the reader may hold at once: the shared-strings part, and the text of
# an .ods (a repeated cell is copied once per repetition). calamine keeps each
# string as its own allocation (~3x the XML), so 1 GiB of XML is ~3 GiB read.
MAX_TEXT_BYTES = 1024**3
# Text the cells refer to: calamine copies a shared string into every cell
# that refers to it, so a long string repeated a million times is gigabytes
# from a small file. Twice the shared-strings budget: a 1 GiB part whose
# strings are each used once, and room for honest repeats.
MAX_REFERENCED_TEXT_BYTES = 2 * 1024**3
# Shared strings: a string costs ~50 bytes however short (`<si><t/></si>` is
# 13 bytes of XML), so their number is bounded too. An all-unique 200k x 25
# register has 5 million.
MAX_SHARED_STRINGS = 20_000_000

# XML parts read whole to learn names and styles (workbook, relationships,
# styles): real ones are kilobytes.
MAX_SMALL_PART_BYTES = 64 * 1024**2

# A sheet part written in an unusual way (cells without references, prefixed
# tags, far references) is walked tag by tag in Python, ~1 microsecond a tag;
# beyond this size that walk would take minutes, so the file is refused.
MAX_EXACT_SCAN_BYTES = 512 * 1024**2

# Files read whole into memory: an .xls (the format holds at most 65,536 rows),
# a CSV or an HTML export.
MAX_XLS_BYTES = 512 * 1024**2
MAX_TEXT_FILE_BYTES = 512 * 1024**2

# A CSV line with more fields than a sheet has columns cannot become a sheet.
MAX_CSV_FIELDS = 16_384
# A CSV field may be as long as the file: Excel's 32,767-character cell limit
# is the writers' business (they report what they cut); the reader only needs
# a limit above any real field so that a long note is not an internal error.
CSV_FIELD_LIMIT = 2**31 - 1
