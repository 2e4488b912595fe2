"""Uploads that hide something are refused with one sentence, and the check never holds the
event loop (another user's update is not kept waiting by a large package)."""

from __future__ import annotations

import io
import threading
import zipfile

from sqlalchemy import func, select

from bot.handlers import evidence as handler
from tests.bot.test_unit_journey import _open_first_item, _unit_with_people
from tests.core.test_evidence_pdf import attachment, make_pdf, object_stream
from tests.core.test_evidence_sniff import make_docm, make_exe
from zi_core.db.models import Evidence

UNSAFE = "memuat makro atau program"


def _docx_with_renamed_vba() -> bytes:
    buffer = io.BytesIO()
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
             '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
             'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
             '/><Override PartName="/word/foto.dat" ContentType="application/vnd.ms-office.'
             'vbaProject"/></Types>')
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr("word/document.xml", "<w:document/>")
        package.writestr("word/foto.dat", b"\xd0\xcf\x11\xe0" + bytes(60))
    return buffer.getvalue()


async def test_a_docx_hiding_a_vba_project_is_refused_in_one_sentence(zi, emu, monkeypatch):
    threads: list[threading.Thread] = []

    def sniff_recording(data):
        threads.append(threading.current_thread())
        return sniff(data)

    sniff = handler.sniff
    monkeypatch.setattr(handler, "sniff", sniff_recording)
    _, (ani, _budi) = await _unit_with_people(zi, emu)
    await _open_first_item(ani)
    await ani.press("📎 Unggah bukti")
    await ani.wait_reply()

    await ani.send_document(_docx_with_renamed_vba(), "laporan.docx",
                            "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document")

    reply = (await ani.wait_reply())[-1].text
    assert UNSAFE in reply and reply.count(".") <= 2
    async with zi.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Evidence)) == 0
    assert threads and all(t is not threading.main_thread() for t in threads)


async def _refused_upload(zi, emu, data: bytes, name: str, mime: str) -> str:
    _, (ani, _budi) = await _unit_with_people(zi, emu)
    await _open_first_item(ani)
    await ani.press("📎 Unggah bukti")
    await ani.wait_reply()
    await ani.send_document(data, name, mime)
    return (await ani.wait_reply())[-1].text


async def _nothing_stored(zi) -> None:
    async with zi.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Evidence)) == 0
    store = zi.settings.evidence_dir
    assert not store.exists() or not [p for p in store.rglob("*") if p.is_file()]


async def test_a_docm_is_refused_as_carrying_macros_not_as_an_unknown_type(zi, emu):
    reply = await _refused_upload(zi, emu, make_docm(), "laporan.docm",
                                  "application/vnd.ms-word.document.macroEnabled.12")
    assert UNSAFE in reply and "Jenis berkas itu tidak diterima" not in reply
    assert reply.count(".") <= 2
    await _nothing_stored(zi)


async def test_a_pdf_with_javascript_in_a_compressed_object_stream_is_refused(zi, emu):
    data = make_pdf(object_stream(b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"))
    reply = await _refused_upload(zi, emu, data, "laporan.pdf", "application/pdf")
    assert UNSAFE in reply and reply.count(".") <= 2
    await _nothing_stored(zi)


async def test_a_pdf_with_a_program_in_a_compressed_attachment_is_refused(zi, emu):
    data = make_pdf(*attachment(make_exe()))
    reply = await _refused_upload(zi, emu, data, "scan.pdf", "application/pdf")
    assert UNSAFE in reply
    await _nothing_stored(zi)
