"""Click's message ids, extracted with Babel, and the catalog that translates them.

`python -m tests.i18n.click_catalog` adds the message ids of the installed
Click that `messages.po` lacks (untranslated, for a person to fill in) and
drops the ones Click no longer has; then compile with
`pybabel compile -d sheetdesk/locale -D messages` (docs/i18n.md).
"""

from __future__ import annotations

import io
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from sheetdesk.cli.click_lang import LOCALE_DIR

PO = LOCALE_DIR / "zh" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
# Click calls gettext as `_` and `ngettext` (click/*.py).
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def click_ids() -> dict[str, str | tuple[str, str]]:
    """Every message id in the installed Click's source: singular id -> id (or (singular, plural))."""
    folder = Path(click.__file__).parent
    found: dict[str, str | tuple[str, str]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        found[key] = message if isinstance(message, str) else (message[0], message[1])
    return found


def read_catalog() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f)


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main() -> None:
    catalog = read_catalog()
    ids = click_ids()
    for key, message in ids.items():
        if key not in catalog:
            catalog.add(message, "" if isinstance(message, str) else ("",))
    for message in list(catalog):
        if message.id and (message.id if isinstance(message.id, str) else message.id[0]) not in ids:
            catalog.delete(message.id)
    with PO.open("wb") as f:
        write_po(f, catalog, no_location=True, width=0)
    print(f"{PO}: {len(ids)} message ids of Click {click.__name__}")


if __name__ == "__main__":
    main()
