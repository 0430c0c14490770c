"""How values appear in messages a clerk reads."""

from __future__ import annotations

import datetime as dt
from typing import Any


def show(value: Any) -> str:
    """A value as a clerk would type it: `2025-03-01 09:00`, `2025-03-01`, `12`."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def quoted(value: Any) -> str:
    """Text values in quotes (so blanks and spaces show), others as they are."""
    return f"'{value}'" if isinstance(value, str) else show(value)
