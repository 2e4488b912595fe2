"""The list of a unit's pakta integritas signatories (Pasal 3(1)) as a .docx.

Times are shown in Asia/Pontianak (WIB), where Ketapang is, whatever zone they were stored in;
a naive time is refused because its zone cannot be known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from zi_core.reports.docx_parts import (
    DOTS,
    grid_table,
    long_date,
    new_document,
    paragraph,
    set_widths,
    signature_block,
    to_bytes,
    write,
)

TITLE = "DAFTAR PENANDATANGAN PAKTA INTEGRITAS"
HEADER = ("No", "Nama", "NIP", "Jabatan", "Waktu tanda tangan")
WIDTHS = (Cm(1), Cm(4.5), Cm(3.5), Cm(3.7), Cm(3.3))
TIMEZONE = ZoneInfo("Asia/Pontianak")


@dataclass(frozen=True)
class Signatory:
    """One person who signed the pakta, at an aware `signed_at`."""

    name: str
    nip: str | None
    jabatan: str | None
    signed_at: datetime


@dataclass(frozen=True)
class SignatoryList:
    """A unit's signatories in the order to print; `headcount` is the unit's staff, if known."""

    unit_name: str
    pencanangan_date: date | None
    signatories: Sequence[Signatory]
    headcount: int | None = None
    head_name: str | None = None
    head_nip: str | None = None


def signed_time(at: datetime) -> str:
    """When a signature was made, in WIB (`5 Januari 2026 08.02 WIB`)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"signature time without a time zone: {at.isoformat()}")
    return format_datetime(at, "d MMMM y HH.mm 'WIB'", tzinfo=TIMEZONE, locale="id")


def count_line(signed: int, headcount: int | None) -> str:
    """How many have signed, out of the unit's staff when that is known."""
    if headcount is None:
        return f"{signed} pegawai telah menandatangani"
    return f"{signed} dari {headcount} pegawai telah menandatangani"


def render_signatories(doc: SignatoryList) -> bytes:
    """The signatory list as .docx bytes."""
    times = [signed_time(s.signed_at) for s in doc.signatories]  # refuse naive ones first
    document = new_document(f"{TITLE} - {doc.unit_name}")
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(document, TITLE, bold=True, align=center)
    paragraph(document, doc.unit_name, bold=True, align=center)
    pencanangan = long_date(doc.pencanangan_date) or DOTS
    paragraph(document, f"Tanggal pencanangan: {pencanangan}", align=center)
    paragraph(document)

    table = grid_table(document, HEADER, WIDTHS)
    for number, (person, time) in enumerate(zip(doc.signatories, times, strict=True), 1):
        cells = table.add_row().cells
        write(cells[0], str(number), align=center)
        write(cells[1], person.name)
        write(cells[2], person.nip or "-")
        write(cells[3], person.jabatan or "-")
        write(cells[4], time)
    set_widths(table, WIDTHS)

    paragraph(document, count_line(len(doc.signatories), doc.headcount), before=Pt(6))
    signature_block(document, ["Mengetahui,", "Kepala Unit Kerja"], doc.head_name, doc.head_nip)
    return to_bytes(document)
