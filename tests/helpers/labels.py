"""Header rows built from the declared schema, so a test never spells a label itself."""

from __future__ import annotations

from sheetdesk.schema import Register


def header(register: Register, *keys: str, lang: str = "en") -> list[str]:
    """The labels of `keys` (every field when none is given) in `lang`, as a clerk's header row."""
    fields = [register.field(k) for k in keys] if keys else list(register.fields)
    return [f.label(lang) for f in fields]
