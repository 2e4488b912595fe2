"""What a PDF hides in its compressed streams: a program in an attachment, a JavaScript or
Launch action inside an object stream. Streams are inflated within fixed bounds, so a PDF
that inflates without end is refused instead of exhausting memory or time.

Every sample is a real PDF built here: objects with a correct cross-reference table, streams
compressed with zlib exactly as the FlateDecode filter specifies."""

from __future__ import annotations

import time
import zlib

import pytest

from tests.core.test_evidence_sniff import make_exe
from zi_core.evidence import pdf
from zi_core.evidence.sniff import EvidenceRefused, sniff

Object = bytes | tuple[bytes, bytes]
"""A plain object body, or (stream dictionary entries, stream data)."""

_PAGES = [b"<< /Type /Catalog /Pages 2 0 R >>",
          b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
          b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"]


def make_pdf(*extra: Object, content: bytes = b"BT /F1 12 Tf 20 100 Td (Laporan) Tj ET",
             catalog: bytes = _PAGES[0]) -> bytes:
    """A one-page PDF whose page content and `extra` objects follow the three page objects;
    every stream is written with its exact /Length."""
    objects: list[Object] = [catalog, *_PAGES[1:],
                             (b"/Filter /FlateDecode", zlib.compress(content)), *extra]
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        if isinstance(body, tuple):
            entries, data = body
            out += b"%d 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
                number, entries, len(data), data)
        else:
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def object_stream(*bodies: bytes) -> Object:
    """A compressed object stream (/Type /ObjStm) holding `bodies` as objects 20, 21, ..."""
    offsets, joined = [], b""
    for body in bodies:
        offsets.append(len(joined))
        joined += body + b"\n"
    header = b" ".join(b"%d %d" % (20 + n, offset) for n, offset in enumerate(offsets)) + b"\n"
    return (b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode" % (len(bodies), len(header)),
            zlib.compress(header + joined))


def attachment(data: bytes, name: bytes = b"lampiran.dat") -> list[Object]:
    """An embedded file (compressed) and the file specification naming it."""
    return [(b"/Type /EmbeddedFile /Filter /FlateDecode", zlib.compress(data)),
            b"<< /Type /Filespec /F (%s) /EF << /F 5 0 R >> >>" % name]


def inflating_to(size: int) -> bytes:
    """zlib data that inflates to `size` zero bytes (about a thousandth of it compressed)."""
    packer = zlib.compressobj(9)
    block = bytes(1024 * 1024)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + packer.compress(bytes(size % len(block))) + packer.flush()


def _refusal(data: bytes) -> str:
    with pytest.raises(EvidenceRefused) as caught:
        sniff(data)
    return caught.value.reason


@pytest.mark.parametrize(
    "build",
    [
        lambda: make_pdf(*attachment(make_exe())),
        lambda: make_pdf(*attachment(b"MZ" + make_exe()[2:], name=b"setup.exe")),
        lambda: make_pdf(object_stream(b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>")),
        lambda: make_pdf(object_stream(b"<< /S/Launch /F (cmd.exe) >>")),
        lambda: make_pdf(object_stream(b"<< /S /J#61vaScript /JS 9 0 R >>")),
        lambda: make_pdf(b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"),
        lambda: make_pdf(catalog=b"<< /Type /Catalog /Pages 2 0 R /OpenAction "
                                 b"<< /#53 /Launch /Win << /F (calc) >> >> >>"),
        lambda: make_pdf(content=b"q Q\n" + make_exe()),
    ],
    ids=["exe-in-compressed-attachment", "exe-attachment-by-name", "javascript-in-objstm",
         "launch-in-objstm", "escaped-name-in-objstm", "plain-javascript", "plain-launch",
         "exe-in-compressed-content"],
)
def test_programs_and_actions_in_compressed_streams_are_refused_as_unsafe(build):
    assert _refusal(build()) == "unsafe"


def test_an_ordinary_compressed_pdf_is_accepted():
    fonts = object_stream(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                          b"<< /Type /ExtGState /CA 1 >>")
    data = make_pdf(fonts, *attachment(b"Nama,NIP\nSiti,1980\n", name=b"daftar.csv"),
                    (b"/Type /XObject /Subtype /Image /Width 10 /Height 10 "
                     b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
                     zlib.compress(bytes(100))))
    assert sniff(data).extension == "pdf"


def test_a_large_compressed_image_is_accepted_and_only_its_head_is_inflated():
    scan = (b"/Type /XObject /Subtype /Image /Width 8000 /Height 8000 /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /FlateDecode", inflating_to(192 * 1024 * 1024))
    started = time.perf_counter()
    assert sniff(make_pdf(scan)).extension == "pdf"
    assert time.perf_counter() - started < 1.0


def test_a_stream_that_inflates_past_its_cap_is_refused_quickly():
    bomb = (b"/Type /EmbeddedFile /Filter /FlateDecode",
            inflating_to(pdf.MAX_STREAM_INFLATED + 1024 * 1024))
    started = time.perf_counter()
    assert _refusal(make_pdf(bomb)) == "unsafe"
    assert time.perf_counter() - started < 2.0


def test_the_sum_of_inflated_streams_is_capped(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PDF_INFLATED", 3 * 1024 * 1024)
    part = (b"/Filter /FlateDecode", inflating_to(1024 * 1024))
    assert sniff(make_pdf(part, part)).extension == "pdf"
    assert _refusal(make_pdf(part, part, part)) == "unsafe"


def test_the_number_of_inflated_streams_is_capped(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PDF_STREAMS", 10)
    small = (b"/Filter /FlateDecode", zlib.compress(b"0 0 m 10 10 l S"))
    assert sniff(make_pdf(*[small] * 9)).extension == "pdf"
    assert _refusal(make_pdf(*[small] * 10)) == "unsafe"


def test_a_fake_endstream_inside_compressed_data_does_not_hide_what_follows():
    # A stored (uncompressed) deflate block puts the bytes "endstream" inside the zlib data,
    # and a compressed block after it carries the program: a reader takes /Length and
    # inflates past the fake end, and so must the check.
    fake = b"\nendstream\nendobj\n"
    hidden = bytes(70_000) + make_exe()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = (b"\x78\x01" + b"\x00" + len(fake).to_bytes(2, "little")
            + (len(fake) ^ 0xFFFF).to_bytes(2, "little") + fake
            + packer.compress(hidden) + packer.flush()
            + zlib.adler32(fake + hidden).to_bytes(4, "big"))
    assert zlib.decompress(data) == fake + hidden and make_exe() not in data
    assert _refusal(make_pdf((b"/Type /EmbeddedFile /Filter /FlateDecode", data))) == "unsafe"


def test_a_corrupt_compressed_stream_is_not_a_reason_to_refuse():
    broken = (b"/Filter /FlateDecode", zlib.compress(b"BT (x) Tj ET")[:-6] + b"\xff" * 6)
    assert sniff(make_pdf(broken)).extension == "pdf"
