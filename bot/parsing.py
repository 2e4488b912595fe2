"""Reading what people type: whole numbers and dates, with one clear error each."""

from __future__ import annotations

import re
from datetime import date

DATE_FORMATS = (re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})"),)
ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
DIGITS = re.compile(r"[0-9]+")
"""ASCII only: `str.isdigit` also takes `²` and `①`, which `int` then refuses."""


class ParseError(ValueError):
    """The text is not what was asked for."""


def whole_number(text: str, low: int, high: int) -> int:
    """A whole number typed with or without thousands dots/spaces (`1.250`), in range."""
    cleaned = re.sub(r"[\s.]", "", text.strip())
    if not DIGITS.fullmatch(cleaned):
        raise ParseError("not_number")
    value = int(cleaned)
    if not low <= value <= high:
        raise ParseError("range")
    return value


def day(text: str) -> date:
    """A date typed as 31-12-2026, 31/12/2026, 31.12.2026 or 2026-12-31."""
    text = text.strip()
    if match := ISO.fullmatch(text):
        year, month, dd = (int(g) for g in match.groups())
    elif match := DATE_FORMATS[0].fullmatch(text):
        dd, month, year = (int(g) for g in match.groups())
    else:
        raise ParseError("format")
    try:
        return date(year, month, dd)
    except ValueError as exc:
        raise ParseError("invalid") from exc
