"""Real small files for upload tests."""

from __future__ import annotations

import struct
import zlib


def pdf(marker: str = "bukti") -> bytes:
    """A minimal well-formed PDF (its text varies with `marker`)."""
    body = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
            + f"% {marker}\n".encode())
    return body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def exe() -> bytes:
    """A Windows executable header (what an .exe renamed .pdf starts with)."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"PE\x00\x00"
