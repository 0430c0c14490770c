"""Click's own messages have a Chinese translation, and the compiled catalog is current."""

from __future__ import annotations

import string

from tests.i18n.click_catalog import MO, click_ids, compiled, read_catalog


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_id_of_click_has_chinese() -> None:
    catalog = read_catalog()
    missing = [key for key in click_ids() if key not in catalog or not catalog[key].string]
    untranslated = [key for key in click_ids() if key in catalog and not any(catalog[key].string)]
    assert missing == [] and untranslated == []


def test_a_translation_keeps_the_placeholders_click_fills() -> None:
    for message in read_catalog():
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        strings = (message.string,) if isinstance(message.string, str) else message.string
        given = set().union(*(fields(i) for i in ids))  # Click formats every form with all its parameters
        for text in strings:
            assert fields(text) <= given, (message.id, text)
            assert "%(" not in ids[0] or all(f"%({n})s" in text for n in ("prog", "version")), text


def test_the_compiled_catalog_is_the_source_catalog() -> None:
    assert MO.read_bytes() == compiled(read_catalog()), "run pybabel compile -d sheetdesk/locale -D messages"
