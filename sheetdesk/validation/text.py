"""Pure checks on text values: phone numbers and postcodes (keys match with `sheetdesk.links.match_key`).

Plain functions over plain strings, so they are tested with plain asserts
and property tests, and the rules, import and collect can share them.
"""

from __future__ import annotations

import re
import unicodedata

from sheetdesk.links import match_key

__all__ = ["fold", "match_key", "phone_digits", "plausible_phone", "plausible_postcode"]

PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 7, 15

# Several numbers in one cell: "13812345678 / 010-12345678".
_PHONE_SPLIT = re.compile(r"[/,;，；、|]|\s{2,}|\bor\b|或")
# An extension ends the number: "010-12345678 转 8001", "ext. 12", "x12", "分机 12", "#12".
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|extn\.?|x|#).*$", re.I)
_COUNTRY = re.compile(r"^(?:\+|00)\s*86[\s\-]*")
_PHONE_NOISE = re.compile(r"[\s\-()（）.+]")


def fold(text: str) -> str:
    """NFKC: full-width digits, brackets and spaces become ASCII."""
    return unicodedata.normalize("NFKC", text).strip()


def phone_digits(number: str) -> str | None:
    """The digits of one phone number, or None if other characters remain."""
    s = _COUNTRY.sub("", fold(number))
    s = _EXTENSION.sub("", s)
    s = _PHONE_NOISE.sub("", s)
    return s if s.isdigit() else None


# Digits in groups joined by single dashes (13812345678, 010-12345678): no
# separator, prefix or extension to take off, only the dashes.
_PLAIN_PHONE = re.compile(r"[0-9]+(?:-[0-9]+)*\Z")


def plausible_phone(text: str) -> bool:
    """Every number in the cell has 7–15 digits once spaces, dashes,
    brackets, a +86 prefix and an extension are taken off."""
    if not text.startswith("00") and _PLAIN_PHONE.match(text):  # most numbers: only dashes to take off
        return PHONE_MIN_DIGITS <= len(text) - text.count("-") <= PHONE_MAX_DIGITS
    return _plausible_numbers(text)


def _plausible_numbers(text: str) -> bool:
    """The general reading of `plausible_phone`: split the cell into numbers, check each."""
    parts = [p for p in _PHONE_SPLIT.split(fold(text)) if p.strip()]
    if not parts:
        return False
    for part in parts:
        digits = phone_digits(part)
        if digits is None or not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
            return False
    return True


def plausible_postcode(text: str) -> bool:
    """A Chinese postcode: exactly six digits."""
    if text.isascii():  # NFKC leaves ASCII as it is
        s = text.strip()
        return len(s) == 6 and s.isdigit()
    s = fold(text)
    return len(s) == 6 and s.isascii() and s.isdigit()
