"""Evidence intake: the content decides the type, the name is only sanitised for display.

Every sample is built here from its format's structure (a PDF with a real xref table, a PNG
with real CRCs, a docx written by python-docx, an xlsx/pptx/odt laid out as their standards
say, an OLE2 compound file with a real FAT and directory), so nothing depends on fixtures
on disk.
"""

from __future__ import annotations

import base64
import bz2
import gzip
import io
import lzma
import struct
import tarfile
import zipfile
import zlib

import docx
import pytest

from zi_core.evidence.sniff import (
    MAX_PUBLIC_BYTES,
    Accepted,
    EvidenceRefused,
    check_size,
    safe_file_name,
    sniff,
)

# --- samples -----------------------------------------------------------------------------


def make_pdf(eof: bool = True) -> bytes:
    """A one-page PDF 1.4 with a correct cross-reference table."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n" % (len(bodies) + 1, xref)
    return bytes(out + (b"%%EOF\n" if eof else b""))


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def make_png(width: int = 2, height: int = 2) -> bytes:
    """An RGB PNG, filter 0 on every row."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _png_chunk(b"IDAT", zlib.compress(rows))
            + _png_chunk(b"IEND", b""))


def make_jpeg() -> bytes:
    """A baseline 8x8 grey JPEG: one block, DC difference 0, then end-of-block."""
    def segment(marker: int, body: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body

    one_code = bytes([1] + [0] * 15)  # one Huffman code of length 1...
    return (b"\xff\xd8"
            + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + segment(0xDB, b"\x00" + bytes([1] * 64))
            + segment(0xC0, struct.pack(">BHHB", 8, 8, 8, 1) + b"\x01\x11\x00")
            + segment(0xC4, b"\x00" + one_code + b"\x00")  # ...for DC category 0
            + segment(0xC4, b"\x10" + one_code + b"\x00")  # ...and for AC end-of-block
            + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
            + b"\x3f"  # bits 0 (DC) 0 (EOB), padded with ones
            + b"\xff\xd9")


GIF_1X1 = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
WEBP_1X1 = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Bukti pelaksanaan rencana aksi")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_CT = "application/vnd.openxmlformats-officedocument"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def make_ooxml(folder: str, main: str, main_type: str, extra: dict[str, bytes] | None = None
               ) -> bytes:
    """A minimal OOXML package: content types first, package rels, the main part."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{folder}/{main}" ContentType="{_CT}.{main_type}"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="{folder}/{main}"/>'
        "</Relationships>"
    )
    parts = {"[Content_Types].xml": content_types.encode(), "_rels/.rels": rels.encode(),
             f"{folder}/{main}": b'<?xml version="1.0" encoding="UTF-8"?><root/>',
             **(extra or {})}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, body in parts.items():
            package.writestr(name, body)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    return make_ooxml("xl", "workbook.xml", "spreadsheetml.sheet.main+xml",
                      {"xl/worksheets/sheet1.xml": b"<worksheet/>"})


def make_pptx() -> bytes:
    return make_ooxml("ppt", "presentation.xml", "presentationml.presentation.main+xml")


def make_package_without_content_types() -> bytes:
    """Looks like a docx from its first entries, but is not an OPC package."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def make_odf(mime: str, extra: dict[str, bytes] | None = None) -> bytes:
    """An ODF package: an uncompressed `mimetype` first, as the standard requires."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), mime.encode(), zipfile.ZIP_STORED)
        package.writestr("content.xml", b"<office:document-content/>")
        package.writestr("META-INF/manifest.xml", b"<manifest:manifest/>")
        for name, body in (extra or {}).items():
            package.writestr(name, body)
    return buffer.getvalue()


_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def make_ole(*streams: str, storages: tuple[str, ...] = ()) -> bytes:
    """A version-3 compound file: header, one FAT sector, one directory sector."""
    entries = [("Root Entry", 5)] + [(name, 2) for name in streams]
    entries += [(name, 1) for name in storages]
    entries = entries[:1] + sorted(entries[1:], key=lambda e: (len(e[0]), e[0].upper()))
    header = struct.pack("<8s16sHHHHH6s9I", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16),
                         0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    header += struct.pack("<109I", 0, *[_FREE] * 108)
    fat = struct.pack("<128I", _FATSECT, _END, *[_FREE] * 126)
    directory = b""
    for index, (name, kind) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        child = 1 if index == 0 and len(entries) > 1 else _NOSTREAM
        right = index + 1 if 0 < index < len(entries) - 1 else _NOSTREAM
        directory += struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1,
                                 _NOSTREAM, right, child, bytes(16), 0, 0, 0, _END, 0)
    directory = directory.ljust(512, b"\0")
    return header + fat + directory


def make_exe() -> bytes:
    """A DOS stub whose e_lfanew points at a PE signature, as in every Windows executable."""
    stub = bytearray(b"MZ" + bytes(62))
    stub[0x3C:0x40] = struct.pack("<I", 0x40)
    return bytes(stub) + b"PE\x00\x00" + struct.pack("<HH", 0x14C, 1) + bytes(200)


def make_elf() -> bytes:
    ident = b"\x7fELF\x02\x01\x01" + bytes(9)
    return ident + struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 64, 0, 0, 64, 56, 1,
                               0, 0, 0) + bytes(64)


def make_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("laporan.txt", "isi laporan")
        archive.writestr("word/document.xml", "<not-a-package/>")
    return buffer.getvalue()


def make_tar() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("laporan.pdf")
        body = make_pdf()
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


# --- accepted ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (make_pdf, Accepted("pdf", "application/pdf", "pdf")),
        (make_png, Accepted("image", "image/png", "png")),
        (make_jpeg, Accepted("image", "image/jpeg", "jpg")),
        (lambda: GIF_1X1, Accepted("image", "image/gif", "gif")),
        (lambda: WEBP_1X1, Accepted("image", "image/webp", "webp")),
        (make_docx, Accepted("document", f"{_CT}.wordprocessingml.document", "docx")),
        (make_xlsx, Accepted("spreadsheet", f"{_CT}.spreadsheetml.sheet", "xlsx")),
        (make_pptx, Accepted("presentation", f"{_CT}.presentationml.presentation", "pptx")),
        (lambda: make_odf("application/vnd.oasis.opendocument.text"),
         Accepted("document", "application/vnd.oasis.opendocument.text", "odt")),
        (lambda: make_odf("application/vnd.oasis.opendocument.spreadsheet"),
         Accepted("spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", "ods")),
        (lambda: make_ole("WordDocument", "1Table", "\x05SummaryInformation"),
         Accepted("document", "application/msword", "doc")),
        (lambda: make_ole("Workbook"), Accepted("spreadsheet", "application/vnd.ms-excel",
                                                "xls")),
        (lambda: make_ole("PowerPoint Document", "Current User"),
         Accepted("presentation", "application/vnd.ms-powerpoint", "ppt")),
    ],
    ids=["pdf", "png", "jpeg", "gif", "webp", "docx", "xlsx", "pptx", "odt", "ods", "doc",
         "xls", "ppt"],
)
def test_allowed_types_are_recognised_by_content(build, expected):
    assert sniff(build()) == expected


def test_the_pdf_sample_is_well_formed():
    data = make_pdf()
    startxref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])

    assert data[startxref:].startswith(b"xref\n")
    assert data.endswith(b"%%EOF\n")


def test_an_incrementally_updated_pdf_with_a_trailing_newline_block_is_accepted():
    data = make_pdf() + b"% appended update\n" + b" " * 500 + b"\n%%EOF\r\n"

    assert sniff(data).kind == "pdf"


# --- refused -------------------------------------------------------------------------------


def _refusal(data: bytes) -> str:
    with pytest.raises(EvidenceRefused) as caught:
        sniff(data)
    return caught.value.reason


@pytest.mark.parametrize(
    "build",
    [
        make_exe,
        make_elf,
        lambda: b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(64),  # Mach-O 64
        make_zip,
        make_tar,
        lambda: gzip.compress(make_pdf()),
        lambda: bz2.compress(make_pdf()),
        lambda: lzma.compress(make_pdf()),
        lambda: b"Rar!\x1a\x07\x01\x00" + bytes(32),
        lambda: b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(32),
        lambda: b"<html><body>%PDF-1.4 %%EOF</body></html>",
        lambda: b"#!/bin/sh\nrm -rf /\n",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        lambda: b"just some plain text that names no type\n",
        lambda: b"{\\rtf1\\ansi hello}",
        lambda: make_ole("\x05SummaryInformation"),  # an OLE2 file with no Office stream
    ],
    ids=["exe", "elf", "macho", "zip", "tar", "gzip", "bzip2", "xz", "rar", "7z",
         "html-with-pdf-later", "shell", "svg", "text", "rtf", "ole-not-office"],
)
def test_executables_archives_and_scripts_are_refused_as_not_evidence(build):
    assert _refusal(build()) == "type"


_MACRO_CT = "application/vnd.ms-word.document.macroEnabled.main+xml"


def make_docm(*, vba: bool = True, main_type: str = _MACRO_CT, first: str | None = None
              ) -> bytes:
    """A macro-enabled Word document as Word saves a .docm: the macro-enabled main content
    type and `word/vbaProject.bin` (`first`: a part written before the content types, so
    that magic numbers alone see only a zip)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        if first:
            package.writestr(first, b"<x/>")
        source = zipfile.ZipFile(io.BytesIO(make_docx()))
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml."
                    b"document.main+xml", main_type.encode())
            package.writestr(info.filename, body)
        if vba:
            package.writestr("word/vbaProject.bin", make_ole("PROJECT", storages=("VBA",)))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "build",
    [
        make_docm,
        lambda: make_docm(vba=False),
        lambda: make_docm(main_type="application/vnd.openxmlformats-officedocument."
                                    "wordprocessingml.document.main+xml"),
        lambda: make_docm(first="customXml/item9.xml"),
        lambda: make_ooxml("word", "document.xml", "wordprocessingml.document.main+xml",
                           {"word/vbaProject.bin": b"\x00" * 16}),
        lambda: make_ooxml("xl", "workbook.xml", "spreadsheetml.sheet.main+xml",
                           {"xl/vbaProject.bin": b"\x00" * 16}),
        lambda: make_ole("WordDocument", storages=("Macros",)),
        lambda: make_ole("Workbook", storages=("_VBA_PROJECT_CUR",)),
        lambda: make_odf("application/vnd.oasis.opendocument.text",
                         {"Basic/Standard/Module1.xml": b"<script/>"}),
    ],
    ids=["docm", "docm-content-type-only", "docm-vba-only", "docm-seen-as-zip",
         "docx-with-vba", "xlsm", "doc-macros", "xls-macros", "odt-macros"],
)
def test_macro_carriers_are_refused_as_unsafe_not_as_an_unknown_type(build):
    assert _refusal(build()) == "unsafe"


def test_an_exe_renamed_pdf_is_refused_and_its_name_gets_no_say():
    assert _refusal(make_exe()) == "type"


def test_an_empty_upload_is_refused_as_empty():
    assert _refusal(b"") == "empty"


@pytest.mark.parametrize(
    "data",
    [
        make_pdf(eof=False),
        make_pdf() + b"\n" * 2000,  # %%EOF no longer near the end
        b"\xef\xbb\xbf" + make_pdf(),  # %PDF- not at offset 0
        b"%PDF-x\n%%EOF",
        make_png()[:-12],  # truncated before IEND
        make_png()[:20],
        make_jpeg()[:-2],  # no end-of-image marker
        WEBP_1X1[:-4],  # shorter than its RIFF header says
        make_docx()[:-200],  # the zip's central directory cut off
        make_package_without_content_types(),
        make_ole("WordDocument")[:600],  # directory sector missing
    ],
    ids=["pdf-no-eof", "pdf-eof-far", "pdf-bom", "pdf-bad-version", "png-no-iend",
         "png-short", "jpeg-no-eoi", "webp-short", "docx-truncated", "ooxml-no-types",
         "ole-truncated"],
)
def test_truncated_or_malformed_files_are_damaged(data):
    assert _refusal(data) == "damaged"


def test_an_ole_directory_that_loops_is_damaged_not_a_hang():
    data = bytearray(make_ole("WordDocument"))
    struct.pack_into("<I", data, 512 + 4, 1)  # FAT: the directory sector points to itself

    assert _refusal(bytes(data)) == "damaged"


# --- sizes ---------------------------------------------------------------------------------


def test_sizes_up_to_the_limit_pass_and_unknown_sizes_are_checked_later():
    check_size(None, MAX_PUBLIC_BYTES)
    check_size(1, MAX_PUBLIC_BYTES)
    check_size(MAX_PUBLIC_BYTES, MAX_PUBLIC_BYTES)
    assert MAX_PUBLIC_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize(("size", "reason"), [(0, "empty"), (MAX_PUBLIC_BYTES + 1, "too_large"),
                                              (2**40, "too_large")])
def test_sizes_outside_the_limit_are_refused(size, reason):
    with pytest.raises(EvidenceRefused) as caught:
        check_size(size, MAX_PUBLIC_BYTES)
    assert caught.value.reason == reason


# --- file names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("Laporan Triwulan I.pdf", "pdf", "Laporan Triwulan I.pdf"),
        ("laporan.pdf.exe", "pdf", "laporan.pdf"),
        ("laporan.exe", "pdf", "laporan.pdf"),
        ("laporan.final.exe", "pdf", "laporan.final.pdf"),
        ("scan", "pdf", "scan.pdf"),
        ("foto.JPEG", "jpg", "foto.jpg"),
        ("foto.jpeg.scr", "jpg", "foto.jpg"),
        ("notulen.v2", "docx", "notulen.v2.docx"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("..\\..\\Windows\\System32\\evil.exe", "pdf", "evil.pdf"),
        ("C:\\Users\\ani\\Desktop\\SK Tim.docx", "docx", "SK Tim.docx"),
        ("..", "pdf", "bukti.pdf"),
        ("/", "pdf", "bukti.pdf"),
        (".pdf", "pdf", "bukti.pdf"),
        ("", "png", "bukti.png"),
        (None, "png", "bukti.png"),
        ("laporan\u202efdp.exe", "pdf", "laporanfdp.pdf"),  # right-to-left override
        ("\u2067evil\u2069 \u200fname.pdf", "pdf", "evil name.pdf"),  # isolates, RLM
        ("la\u200bpo\u200cran\u200d\ufeff.pdf", "pdf", "laporan.pdf"),  # zero-width, BOM
        ("a\x00b\x07c\x1b[31m.pdf", "pdf", "abc[31m.pdf"),
        ("  banyak \t\n  spasi   .pdf", "pdf", "banyak spasi.pdf"),
        ("Caf\u0065\u0301.pdf", "pdf", "Caf\u00e9.pdf"),  # NFC
        ('a<b>:"c"|?*.pdf', "pdf", "a_b___c____.pdf"),
        ("bukti...", "pdf", "bukti.pdf"),
    ],
)
def test_file_names_are_sanitised_and_take_the_sniffed_extension(name, extension, expected):
    assert safe_file_name(name, extension) == expected


def test_long_names_are_capped_at_120_characters_keeping_the_extension():
    name = safe_file_name("ä" * 300 + ".pdf", "pdf")

    assert len(name) == 120 and name.endswith("ä.pdf")


def test_the_fallback_is_used_when_nothing_is_left():
    assert safe_file_name("\u200b\u202e", "pdf", fallback="lampiran") == "lampiran.pdf"


def test_an_extension_that_did_not_come_from_sniffing_is_a_programming_error():
    with pytest.raises(ValueError):
        safe_file_name("x", "../exe")


# --- hidden macros, embedded programs, polyglots, zip bombs ----------------------------------


def make_docx_with_renamed_vba() -> bytes:
    """A docx whose VBA project is declared (content type and relationship) under a harmless
    name, so no `vbaProject.bin` entry gives it away."""
    data = make_docx()
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/word/gambar1.dat" '
                                    b'ContentType="application/vnd.ms-office.vbaProject"/>'
                                    b"</Types>")
            if info.filename == "word/_rels/document.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="'
                                    b'http://schemas.microsoft.com/office/2006/relationships/'
                                    b'vbaProject" Target="gambar1.dat"/></Relationships>')
            package.writestr(info.filename, body)
        package.writestr("word/gambar1.dat", b"\xd0\xcf\x11\xe0" + bytes(60))
    return buffer.getvalue()


def make_docx_with_embedded_exe(name: str = "word/embeddings/oleObject1.bin") -> bytes:
    """A docx carrying an OLE package object whose native data is a Windows program."""
    native = b"\x02\x00setup.exe\x00C:\\Temp\\setup.exe\x00" + make_exe()
    return make_ooxml("word", "document.xml", "wordprocessingml.document.main+xml",
                      {name: make_ole("\x01Ole10Native")[:1536] + native})


def make_pdf_exe_polyglot() -> bytes:
    """A valid PDF with a Windows program in one of its streams."""
    pdf = make_pdf()
    head, tail = pdf.split(b"xref\n", 1)
    return head + b"4 0 obj\n<< /Length 300 >>\nstream\n" + make_exe() + b"\nendstream\n" \
        b"endobj\nxref\n" + tail


def make_exe_pdf_polyglot() -> bytes:
    """A Windows program that PDF readers also open (`%PDF-` within the first KiB)."""
    return make_exe()[:200] + make_pdf()


@pytest.mark.parametrize(
    "build",
    [make_docx_with_renamed_vba, make_docx_with_embedded_exe,
     lambda: make_docx_with_embedded_exe("word/embeddings/package.exe"),
     make_pdf_exe_polyglot, make_exe_pdf_polyglot],
    ids=["docx-renamed-vba", "docx-ole-exe", "docx-embedded-exe-name", "pdf-with-exe",
         "exe-that-reads-as-pdf"],
)
def test_hidden_macros_embedded_programs_and_polyglots_are_refused_as_unsafe(build):
    assert _refusal(build()) == "unsafe"


def test_a_docx_with_an_ordinary_embedded_object_is_still_accepted():
    data = make_ooxml("word", "document.xml", "wordprocessingml.document.main+xml",
                      {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": make_xlsx(),
                       "word/embeddings/oleObject1.bin": make_ole("\x01Ole10Native",
                                                                  "Equation Native")})
    assert sniff(data).extension == "docx"


def make_docx_with_entries(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        source = zipfile.ZipFile(io.BytesIO(make_docx()))
        for info in source.infolist():
            package.writestr(info.filename, source.read(info.filename))
        for number in range(count):
            package.writestr(f"word/media/x{number}.xml", b"")
    return buffer.getvalue()


def test_a_zip_with_too_many_entries_is_refused_without_reading_them_all():
    assert _refusal(make_docx_with_entries(6000)) == "unsafe"
    assert sniff(make_docx_with_entries(100)).extension == "docx"


def test_a_zip_declaring_a_huge_uncompressed_size_is_refused():
    bomb = make_ooxml("word", "document.xml", "wordprocessingml.document.main+xml",
                      {"word/media/bomb.xml": b"\0" * (300 * 1024 * 1024)})
    assert _refusal(bomb) == "unsafe"
