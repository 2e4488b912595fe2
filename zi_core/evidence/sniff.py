"""Is an upload acceptable evidence? Decided from its bytes, never from its name or MIME.

`filetype` (strict magic numbers at offset 0) picks the type against an allowlist; a cheap
structural check then refuses files that are truncated or malformed. Office containers are
opened just far enough to tell a document from a plain archive or a macro carrier:

- OOXML/ODF: the zip's central directory is read; macro parts (`vbaProject.bin`, ODF
  `Basic/`, `Scripts/`) are refused as "unsafe" (the user is told the file carries macros),
  also when the package's first parts make it look like a plain zip.
- What an allowed type can hide (`zi_core.evidence.hidden`: VBA declared under another name,
  a program inside an embedded object, zip bombs; `zi_core.evidence.pdf`: a program or a
  JavaScript/Launch action, also inside compressed streams) is refused as "unsafe".
- Legacy OLE2 (doc/xls/ppt): the D0 CF 11 E0 magic alone also fits installers (.msi) and
  mails (.msg), so the compound file's directory is walked and the Word, Excel or PowerPoint
  stream must be there; VBA storages are "unsafe" (PowerPoint keeps VBA inside its main
  stream, where it is not looked for).

The bytes are kept as received, EXIF included: the capture time is part of the evidence,
stripping it would change the sha256 the audit trail records, and the files are only ever
sent back to the unit and the TPI as Telegram documents.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from typing import Literal

import filetype

from zi_core.evidence import hidden, pdf

MAX_PUBLIC_BYTES = 20 * 1024 * 1024
"""The largest file the public Bot API lets a bot download (FileSizeLimit.FILESIZE_DOWNLOAD)."""
MAX_NAME_CHARS = 120
PDF_EOF_WINDOW = 1024
"""`%%EOF` must lie in the last KiB, as PDF readers require."""

Kind = Literal["pdf", "image", "document", "spreadsheet", "presentation"]
Refusal = Literal["empty", "type", "damaged", "too_large", "unsafe"]


class EvidenceRefused(ValueError):
    """An upload that cannot be evidence; `reason` (a `Refusal`) picks the user's message."""

    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason)
        self.reason: Refusal = reason


@dataclass(frozen=True)
class Accepted:
    """What the content turned out to be: a kind for the UI, a MIME type, an extension."""

    kind: Kind
    mime: str
    extension: str


_PDF = Accepted("pdf", "application/pdf", "pdf")
_DOC = Accepted("document", "application/msword", "doc")
_XLS = Accepted("spreadsheet", "application/vnd.ms-excel", "xls")
_PPT = Accepted("presentation", "application/vnd.ms-powerpoint", "ppt")
_IMAGES = {
    "image/jpeg": Accepted("image", "image/jpeg", "jpg"),
    "image/png": Accepted("image", "image/png", "png"),
    "image/apng": Accepted("image", "image/png", "png"),  # an animated PNG is a PNG
    "image/gif": Accepted("image", "image/gif", "gif"),
    "image/webp": Accepted("image", "image/webp", "webp"),
    "image/heic": Accepted("image", "image/heic", "heic"),
}
_OOXML: dict[str, tuple[Kind, str]] = {  # extension -> (kind, folder of the main part)
    "docx": ("document", "word/"),
    "xlsx": ("spreadsheet", "xl/"),
    "pptx": ("presentation", "ppt/"),
}
_ODF: dict[str, Kind] = {"odt": "document", "ods": "spreadsheet", "odp": "presentation"}
_OOXML_MACROS = ("vbaproject.bin",)
_ODF_MACROS = ("basic/", "scripts/")
_EXTENSION_ALIASES = {"jpg": {"jpeg", "jpe", "jfif"}, "heic": {"heif"}}


def check_size(size: int | None, limit: int = MAX_PUBLIC_BYTES) -> None:
    """Refuse a declared or actual size of 0 ("empty") or above `limit` ("too_large").

    None (Telegram did not say) passes: check `len(data)` again after the download.
    """
    if size is None:
        return
    if size <= 0:
        raise EvidenceRefused("empty")
    if size > limit:
        raise EvidenceRefused("too_large")


def sniff(data: bytes) -> Accepted:
    """The allowed type of these bytes, or EvidenceRefused("empty" | "type" | "damaged" |
    "unsafe"). CPU-bound on large packages: call it from a worker thread."""
    if not data:
        raise EvidenceRefused("empty")
    try:
        return _sniff(data)
    except hidden.Unsafe as exc:
        raise EvidenceRefused("unsafe") from exc


def _sniff(data: bytes) -> Accepted:
    hidden.check_program_first(data)
    if data.startswith(_OLE_MAGIC):
        return _sniff_ole(data)
    guess = filetype.guess(data)
    if guess is None:
        raise EvidenceRefused("type")
    if guess.mime == "application/pdf":
        return _check_pdf(data)
    if guess.mime in _IMAGES:
        _check_image(guess.extension, data)
        return _IMAGES[guess.mime]
    if guess.extension in _OOXML:
        kind, folder = _OOXML[guess.extension]
        _check_zip(data, required="[Content_Types].xml", folder=folder, macros=_OOXML_MACROS)
        return Accepted(kind, guess.mime, guess.extension)
    if guess.extension in _ODF:
        _check_zip(data, required="content.xml", folder="", macros=_ODF_MACROS)
        return Accepted(_ODF[guess.extension], guess.mime, guess.extension)
    if guess.extension == "zip":
        _check_office_in_zip(data)
    raise EvidenceRefused("type")


def safe_file_name(name: str | None, extension: str, fallback: str = "bukti") -> str:
    """A display name for the database, never for a path; always ends in `.extension`.

    NFC, basename only, no control/bidi/zero-width characters, single spaces, at most 120
    characters. The last suffix (letters only, up to 5: ".pdf", ".exe", ".jpeg") is replaced
    by the sniffed extension, and a sniffed-type suffix left before it is folded into it:
    `laporan.pdf.exe` sniffed as PDF becomes `laporan.pdf`, `foto.jpeg` becomes `foto.jpg`.
    """
    extension = extension.lstrip(".").lower()
    if not re.fullmatch(r"[a-z0-9]{1,10}", extension):
        raise ValueError(f"not a sniffed extension: {extension!r}")
    same = {extension, *_EXTENSION_ALIASES.get(extension, ())}
    stem, suffix = _split_suffix(_clean(name or ""))
    if suffix is not None and suffix not in same:
        head, inner = _split_suffix(stem)
        stem = head if inner in same else stem
    stem = stem.strip(" .") or _clean(fallback).strip(" .") or "bukti"
    stem = stem[: MAX_NAME_CHARS - len(extension) - 1].rstrip(" .") or "bukti"
    return f"{stem}.{extension}"


_UNSAFE = re.compile(r'[<>:"|?*]')


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\\", "/").rsplit("/", 1)[-1]
    # Category C: controls, format (bidi marks, zero-width, BOM), surrogates, private use.
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if not unicodedata.category(ch).startswith("C") or ch.isspace()
    )
    return " ".join(_UNSAFE.sub("_", kept).split())


def _split_suffix(text: str) -> tuple[str, str | None]:
    """(stem, lower-cased suffix) when `text` ends in an extension-like ".abc", else (text,
    None)."""
    head, dot, suffix = text.rpartition(".")
    if dot and re.fullmatch(r"[A-Za-z]{1,5}", suffix):
        return head, suffix.lower()
    return text, None


def _check_pdf(data: bytes) -> Accepted:
    if not re.match(rb"%PDF-\d\.\d", data) or b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
        raise EvidenceRefused("damaged")
    pdf.check_pdf(data)
    return _PDF


def _check_image(extension: str, data: bytes) -> None:
    """Header and end markers: a truncated download is "damaged"."""
    if extension in ("png", "apng"):
        width, height = struct.unpack(">II", data[16:24]) if len(data) >= 24 else (0, 0)
        ok = data[12:16] == b"IHDR" and width > 0 and height > 0 and b"IEND" in data[-64:]
    elif extension == "jpg":
        ok = data.rfind(b"\xff\xd9") > 2
    elif extension == "gif":
        ok = len(data) >= 14
    elif extension == "webp":
        ok = len(data) >= 16 and int.from_bytes(data[4:8], "little") + 8 <= len(data)
    else:
        ok = True
    if not ok:
        raise EvidenceRefused("damaged")


def _check_zip(data: bytes, *, required: str, folder: str, macros: tuple[str, ...]) -> None:
    if hidden.zip_entry_count(data) > hidden.MAX_ZIP_ENTRIES:
        raise hidden.Unsafe
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = [info.filename for info in package.infolist()]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise EvidenceRefused("damaged") from exc
    lowered = [n.lower() for n in names]
    if required.lower() not in lowered or not any(n.startswith(folder) for n in lowered):
        raise EvidenceRefused("damaged")
    if any(n.rsplit("/", 1)[-1] in macros or n.startswith(macros) for n in lowered):
        raise hidden.Unsafe  # a .docm, .xlsm or an ODF with Basic: macros, not a document
    try:
        hidden.check_package(package)
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError,
            NotImplementedError) as exc:
        raise EvidenceRefused("damaged") from exc


def _check_office_in_zip(data: bytes) -> None:
    """A zip whose parts are not laid out as magic numbers expect may still be an Office or
    ODF package that carries macros: that is "unsafe", like any macro carrier (the caller
    refuses every other zip as a plain archive)."""
    if hidden.zip_entry_count(data) > hidden.MAX_ZIP_ENTRIES:
        raise hidden.Unsafe
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        lowered = {info.filename.lower() for info in package.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return
    if "[content_types].xml" in lowered:
        if any(n.rsplit("/", 1)[-1] in _OOXML_MACROS for n in lowered):
            raise hidden.Unsafe
        try:
            hidden.check_package(package)
        except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError,
                NotImplementedError):
            return
    elif "content.xml" in lowered and any(n.startswith(_ODF_MACROS) for n in lowered):
        raise hidden.Unsafe


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_END = 0xFFFFFFFA  # sector numbers from here up are markers (free, end of chain, ...)
_OLE_MAIN_STREAMS = {"worddocument": _DOC, "workbook": _XLS, "book": _XLS,
                     "powerpoint document": _PPT}
_OLE_MACROS = {"macros", "_vba_project_cur", "vba", "_vba_project"}


def _sniff_ole(data: bytes) -> Accepted:
    try:
        names = _ole_names(data)
    except (struct.error, ValueError, IndexError) as exc:
        raise EvidenceRefused("damaged") from exc
    if names & _OLE_MACROS:
        raise hidden.Unsafe
    found = [_OLE_MAIN_STREAMS[n] for n in _OLE_MAIN_STREAMS if n in names]
    if not found:
        raise EvidenceRefused("type")  # an installer, a mail, an encrypted OOXML package...
    return found[0]


def _ole_names(data: bytes) -> set[str]:
    """The lower-cased names of the storages and streams in a compound file's directory."""
    shift, = struct.unpack_from("<H", data, 30)
    if shift not in (9, 12) or len(data) < 1 << shift:
        raise ValueError("bad sector size")
    size = 1 << shift
    sectors = len(data) // size  # an upper bound for every chain and table below
    fat_count, first_dir = struct.unpack_from("<II", data, 44)
    difat_next, difat_count = struct.unpack_from("<II", data, 68)
    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    for _ in range(min(difat_count, sectors)):
        if difat_next >= _OLE_END:
            break
        entries = struct.unpack_from(f"<{size // 4}I", data, (difat_next + 1) * size)
        fat_sectors.extend(entries[:-1])
        difat_next = entries[-1]
    fat: list[int] = []
    for sector in [s for s in fat_sectors if s < _OLE_END][: min(fat_count, sectors)]:
        fat.extend(struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size))
    names: set[str] = set()
    sector, seen = first_dir, 0
    while sector < _OLE_END:
        seen += 1
        if seen > sectors:
            raise ValueError("directory chain loops")
        base = (sector + 1) * size
        for offset in range(base, base + size, 128):
            length, kind = struct.unpack_from("<HB", data, offset + 64)
            if kind in (1, 2) and 2 <= length <= 64:
                names.add(data[offset : offset + length - 2].decode("utf-16-le").lower())
        sector = fat[sector]
    return names
