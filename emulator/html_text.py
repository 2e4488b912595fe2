"""Telegram-flavoured HTML: validate like the Bot API, compute the plain text and its entities.

Entity offsets and lengths are in UTF-16 code units, as Telegram sends them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from emulator.errors import ApiError, bad_request

_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "blockquote": "blockquote",
}
_SPECIAL = {"a", "span", "tg-emoji"}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units (Telegram's unit for entity offsets)."""
    return len(text.encode("utf-16-le")) // 2


class _Error(Exception):
    """Internal: carries the text after "can't parse entities: "."""


class _TelegramHTML(HTMLParser):
    """Collects plain text and entities; raises _Error where Telegram would refuse the HTML."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.parts: list[str] = []
        self.pos = 0
        self.stack: list[tuple[str, dict[str, Any] | None, int]] = []
        self.entities: list[dict[str, Any]] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def _index(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _byte_offset(self, extra_chars: int = 0) -> int:
        return len(self.source[: self._index() + extra_chars].encode())

    def _text(self, text: str) -> None:
        self.parts.append(text)
        self.pos += utf16_len(text)

    def handle_data(self, data: str) -> None:
        if "<" in data:
            at = data.index("<")
            offset = self._byte_offset(at)
            rest = self.source[self._index() + at + 1 :]
            if re.match(r"/?[A-Za-z]", rest) and ">" not in rest:
                raise _Error(f"Unclosed start tag at byte offset {offset}")
            raise _Error(f'Unsupported start tag "" at byte offset {offset}')
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        if name in _NAMED:
            self._text(_NAMED[name])
            return
        start = self._index()
        raw = self.source[start : start + len(name) + 2]
        self._text(raw if raw.endswith(";") else f"&{name}")

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self._text(chr(code))
        except (ValueError, OverflowError):
            self._text(f"&#{name};")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        offset = self._byte_offset()
        if tag not in _SIMPLE and tag not in _SPECIAL:
            raise _Error(f'Unsupported start tag "{tag}" at byte offset {offset}')
        values = {key: value or "" for key, value in attrs}
        entity: dict[str, Any] | None = None
        if tag in _SIMPLE:
            entity = {"type": _SIMPLE[tag]}
            if tag == "blockquote" and "expandable" in values:
                entity["type"] = "expandable_blockquote"
            if tag == "code" and self.stack and self.stack[-1][0] == "pre":
                parent = self.stack[-1][1]
                language = values.get("class", "")
                if parent is not None and language.startswith("language-"):
                    parent["language"] = language.removeprefix("language-")
                    entity = None
        elif tag == "a":
            entity = {"type": "text_link", "url": values["href"]} if "href" in values else None
        elif tag == "span":
            if values.get("class") != "tg-spoiler":
                raise _Error(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
            entity = {"type": "spoiler"}
        else:  # tg-emoji
            if "emoji-id" not in values:
                raise _Error(
                    f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {offset}'
                )
            entity = {"type": "custom_emoji", "custom_emoji_id": values["emoji-id"]}
        self.stack.append((tag, entity, self.pos))

    def handle_endtag(self, tag: str) -> None:
        offset = self._byte_offset()
        if not self.stack:
            raise _Error(f"Unexpected end tag at byte offset {offset}")
        open_tag, entity, start = self.stack.pop()
        if open_tag != tag:
            raise _Error(
                f'Unmatched end tag at byte offset {offset}, expected "</{open_tag}>", '
                f'found "</{tag}>"'
            )
        if entity is not None and self.pos > start:
            self.entities.append({**entity, "offset": start, "length": self.pos - start})

    def _unsupported(self, *_: object) -> None:
        raise _Error(f'Unsupported start tag "!" at byte offset {self._byte_offset()}')

    handle_comment = handle_decl = handle_pi = unknown_decl = _unsupported


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities of `source` (parse_mode=HTML), or ApiError like Telegram's."""
    parser = _TelegramHTML(source)
    try:
        parser.feed(source)
        parser.close()
        if parser.stack:
            raise _Error(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"')
    except _Error as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.parts), entities


def render_text(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    """Text and entities as Telegram stores them for the given parse_mode or explicit entities."""
    if parse_mode and parse_mode.lower() == "html":
        return parse_html(text)
    if parse_mode and parse_mode.lower() not in ("markdown", "markdownv2"):
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    return text, list(entities or [])


__all__ = ["ApiError", "parse_html", "render_text", "utf16_len"]
