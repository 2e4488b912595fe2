"""What an allowed type can hide: macros under another name, programs inside, zip bombs.

`sniff` calls these after the type is known and its structure is sound; each returns quietly
or raises `EvidenceRefused("unsafe")` (the caller's error type is passed in, so this module
depends on nothing of `sniff`). All of it is bounded: a zip's entry count is read from its end
record before the directory is parsed, declared sizes are capped, and no part is read beyond a
fixed number of bytes.
"""

from __future__ import annotations

import re
import struct
import zipfile

MAX_ZIP_ENTRIES = 5_000
"""A real document has tens of parts, a large report a few hundred."""
MAX_UNCOMPRESSED = 200 * 1024 * 1024
"""Sum of the sizes a package declares for its parts."""
MAX_PART_READ = 25 * 1024 * 1024
"""No inspected part (content types, relationships, an embedded object) is read further."""

_PROGRAMS = rb"exe|dll|scr|com|msi|bat|cmd|ps1|vbs|js|jar"
_FILE_NAME = rb"[^\x00-\x1f/\\()]{0,200}\.(?:%s)"
_EXECUTABLE_PART = re.compile(rb"\.(?:%s)$" % _PROGRAMS, re.IGNORECASE)
_PACKAGED_NAME = re.compile(_FILE_NAME % (_PROGRAMS + rb"|bin") + rb"\x00", re.IGNORECASE)
"""The file name an OLE package object (Ole10Native) records for what it carries."""
PDF_FILE_NAME = re.compile(rb"/U?F\s*\(" + _FILE_NAME % _PROGRAMS + rb"\)", re.IGNORECASE)
_MACRO_DECLARATIONS = (b"vbaproject", b"macroenabled", b"vbadata")
_EMBEDDED = ("embeddings/", "oleobject", "activex/", "object ")


class Unsafe(Exception):
    """Raised by the checks below; `sniff` turns it into its refusal."""


def has_executable(data: bytes) -> bool:
    """A Windows program's headers somewhere in `data` (an `MZ` whose e_lfanew points at
    `PE\\0\\0`), or the DOS stub's sentence."""
    if b"This program cannot be run in DOS mode" in data:
        return True
    start = data.find(b"MZ")
    while start != -1:
        if start + 0x40 <= len(data):
            (offset,) = struct.unpack_from("<I", data, start + 0x3C)
            if data[start + offset : start + offset + 4] == b"PE\x00\x00":
                return True
        start = data.find(b"MZ", start + 2)
    return False


def check_program_first(data: bytes) -> None:
    """A program that PDF readers also open: `%PDF-` within the first KiB of an `MZ` file."""
    if data.startswith(b"MZ") and b"%PDF-" in data[:1024]:
        raise Unsafe


def zip_entry_count(data: bytes) -> int:
    """The number of entries a zip's end record declares (zip64 included), without parsing
    the central directory; -1 when there is no end record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end == -1 or end + 22 > len(data):
        return -1
    (count,) = struct.unpack_from("<H", data, end + 10)
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        (record,) = struct.unpack_from("<Q", data, locator + 8)
        if data[record : record + 4] == b"PK\x06\x06":
            (count,) = struct.unpack_from("<Q", data, record + 32)
    return count


def check_package(package: zipfile.ZipFile) -> None:
    """Sizes within bounds, no program by name, no VBA declared under any name, no program
    inside an embedded object."""
    infos = package.infolist()
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
        raise Unsafe
    for info in infos:
        name = info.filename.lower()
        if _EXECUTABLE_PART.search(name.encode()):
            raise Unsafe
        if name == "[content_types].xml" or name.endswith(".rels"):
            body = _read(package, info).lower()
            if any(word in body for word in _MACRO_DECLARATIONS):
                raise Unsafe
        elif any(mark in name for mark in _EMBEDDED):
            body = _read(package, info)
            if has_executable(body) or _PACKAGED_NAME.search(body):
                raise Unsafe


def _read(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with package.open(info) as part:
        body = part.read(MAX_PART_READ + 1)
    if len(body) > MAX_PART_READ:
        raise Unsafe
    return body
