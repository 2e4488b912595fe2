"""Control characters out of every incoming update, once, before it is stored or handled.

PostgreSQL refuses NUL in text, and no control character but newline and tab means anything
in a message a person typed. Every string of the update is cleaned; a message's `text` and
`caption` keep their entities pointing at the same characters (offsets count UTF-16 units).
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""C0 controls and DEL, except tab (09) and newline (0a)."""
_ENTITIES = {"text": "entities", "caption": "caption_entities"}


def clean_text(text: str) -> str:
    """`text` without its control characters (newline and tab kept)."""
    return _CONTROL.sub("", text)


def clean_update(value: Any) -> Any:
    """A copy of a decoded update (or any part of it) with every string cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_update(item) for item in value]
    if not isinstance(value, dict):
        return value
    cleaned = {key: clean_update(item) for key, item in value.items()}
    for field, entities in _ENTITIES.items():
        text = value.get(field)
        if isinstance(text, str) and isinstance(value.get(entities), list) \
                and _CONTROL.search(text):
            cleaned[entities] = _shift(text, cleaned[entities])
    return cleaned


def _shift(text: str, entities: list) -> list:
    """Entities re-pointed at the cleaned text: each UTF-16 offset minus the control
    characters removed before it."""
    removed_before = [0]
    for char in text:
        gone = 1 if _CONTROL.fullmatch(char) else 0
        removed_before.extend([removed_before[-1] + gone] * (2 if ord(char) > 0xFFFF else 1))
    last = len(removed_before) - 1
    shifted = []
    for entity in entities:
        if not isinstance(entity, dict) or not all(
                isinstance(entity.get(k), int) for k in ("offset", "length")):
            shifted.append(entity)
            continue
        start = min(max(entity["offset"], 0), last)
        end = min(max(start + entity["length"], start), last)
        new_start = start - removed_before[start]
        shifted.append({**entity, "offset": new_start,
                        "length": end - removed_before[end] - new_start})
    return [e for e in shifted if not isinstance(e, dict) or e.get("length", 1) > 0]
