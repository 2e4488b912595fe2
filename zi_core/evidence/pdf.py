"""What a PDF can hide: a program (a polyglot, an attachment named or built like one) and
actions that run something (JavaScript, Launch), also inside FlateDecode streams and the
object streams (/ObjStm) where PDF 1.5 writers put most dictionaries.

Every stream that starts with a zlib header is inflated, whatever its dictionary claims (a
filter name can be spelt with `#xx` escapes, a dictionary can lie), and zlib itself decides
where the data ends, so a fake `endstream` inside the compressed bytes hides nothing. All of
it is bounded: at most `MAX_PDF_STREAMS` streams, `MAX_STREAM_INFLATED` bytes out of one and
`MAX_PDF_INFLATED` out of all; a PDF past a bound is refused. An image's pixels are neither
run nor extracted by a reader, so only its head (where a program's headers would be) is read.
"""

from __future__ import annotations

import re
import zlib

from zi_core.evidence.hidden import PDF_FILE_NAME, Unsafe, has_executable

MAX_PDF_STREAMS = 5_000
"""A 500-page report written by an office suite has a few hundred compressed streams."""
MAX_STREAM_INFLATED = 32 * 1024 * 1024
"""Fonts, page contents, object streams and attachments of real evidence stay below it."""
MAX_PDF_INFLATED = 256 * 1024 * 1024
"""All streams together (images count only their head)."""
IMAGE_HEAD = 64 * 1024
_CHUNKS = (1024, 16 * 1024, 256 * 1024)
"""Compressed input is fed in growing pieces: a stream is not sliced whole to find its end."""
_DICTIONARY_WINDOW = 4096


def _name(word: bytes) -> bytes:
    """A regex for the PDF name `/word`, with any of its characters written as `#xx`."""
    return b"/" + b"".join(b"(?:%s|#%x)" % (re.escape(bytes([c])), c) for c in word)


_SPACE = rb"(?:\s|%[^\r\n]*[\r\n])*"
_END = rb"(?![^\s/<>\[\]()%{}])"
_ACTION = re.compile(_name(b"S") + _SPACE + b"(?:" + _name(b"JavaScript") + b"|"
                     + _name(b"Launch") + b")" + _END, re.IGNORECASE)
"""An action dictionary's type (`/S /JavaScript`, `/S /Launch`): what a reader would run."""
_IMAGE = re.compile(_name(b"Subtype") + _SPACE + _name(b"Image") + _END, re.IGNORECASE)
_OBJECT_STREAM = re.compile(_name(b"ObjStm") + _END, re.IGNORECASE)
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


def check_pdf(data: bytes) -> None:
    """Raise `Unsafe` when the PDF or any of its compressed streams carries a program or a
    JavaScript/Launch action, or when inflating its streams passes a bound."""
    _check_body(data)
    view, inflated, streams = memoryview(data), 0, 0
    for found in _STREAM.finditer(data):
        start = found.end()
        if not _is_zlib(data[start : start + 2]):
            continue
        streams += 1
        if streams > MAX_PDF_STREAMS:
            raise Unsafe
        head_only = _is_image(data, found.start())
        limit = IMAGE_HEAD if head_only else MAX_STREAM_INFLATED
        body = _inflate(view, start, limit)
        if len(body) > limit and not head_only:
            raise Unsafe
        inflated += min(len(body), limit)
        if inflated > MAX_PDF_INFLATED:
            raise Unsafe
        _check_body(body)


def _check_body(body: bytes) -> None:
    if has_executable(body) or PDF_FILE_NAME.search(body) or _ACTION.search(body):
        raise Unsafe


def _is_zlib(head: bytes) -> bool:
    """RFC 1950: deflate method, and the two header bytes a multiple of 31."""
    return len(head) == 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def _is_image(data: bytes, keyword: int) -> bool:
    """Whether the dictionary before `stream` (back to its `obj`) declares an image; an
    object stream never counts as one, whatever else it claims."""
    window = data[max(0, keyword - _DICTIONARY_WINDOW) : keyword]
    dictionary = window.rpartition(b"obj")[2] if b"obj" in window else window
    return bool(_IMAGE.search(dictionary)) and not _OBJECT_STREAM.search(dictionary)


def _inflate(view: memoryview, start: int, limit: int) -> bytes:
    """Up to `limit + 1` bytes inflated from the zlib data at `start` (what was read before
    corrupt data, when it is corrupt)."""
    inflater, out, size, position, step = zlib.decompressobj(), [], 0, start, 0
    while not inflater.eof and position < len(view) and size <= limit:
        chunk = view[position : position + _CHUNKS[min(step, len(_CHUNKS) - 1)]]
        position, step = position + len(chunk), step + 1
        try:
            piece = inflater.decompress(chunk, limit + 1 - size)
        except zlib.error:
            break
        out.append(piece)
        size += len(piece)
    return b"".join(out)
